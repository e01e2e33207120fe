#!/bin/sh
# Trim Bootstrap's stylesheet to the selectors our pages use, and vendor the result as
# static/vendor/bootstrap/bootstrap.min.css (issue 24: most of a page's bytes were CSS it never
# used). Run from the project root after a change that uses a Bootstrap class not used before:
#
#   sh scripts/trim_bootstrap.sh
#
# Needs npm (the npm registry) and the virtualenv (for crispy-bootstrap5's templates). Check the
# result with scripts/screenshots.py (before and after) and tests/browser.
set -eu

BOOTSTRAP=5.3.9
PURGECSS=8.0.0
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/static/vendor/bootstrap/bootstrap.min.css"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm install --prefix "$work" --no-audit --no-fund --silent \
  "bootstrap@$BOOTSTRAP" "purgecss@$PURGECSS"
CRISPY_TEMPLATES=$("$root/.venv/bin/python" -c \
  "import crispy_bootstrap5, pathlib; print(pathlib.Path(crispy_bootstrap5.__file__).parent / 'templates')")
BOOTSTRAP_CSS="$work/node_modules/bootstrap/dist/css/bootstrap.min.css"
export CRISPY_TEMPLATES BOOTSTRAP_CSS

cd "$root"
"$work/node_modules/.bin/purgecss" --config scripts/purgecss.config.cjs --output "$work/out"
{
  printf '@charset "UTF-8";'
  printf '/*!\n * Bootstrap  v%s (https://getbootstrap.com/)\n' "$BOOTSTRAP"
  printf ' * Copyright 2011-2026 The Bootstrap Authors\n'
  printf ' * Licensed under MIT (https://github.com/twbs/bootstrap/blob/main/LICENSE)\n */\n'
  printf '/* Trimmed by scripts/trim_bootstrap.sh: Bootstrap %s'"'"'s dist/css/bootstrap.min.css\n' "$BOOTSTRAP"
  printf ' * from the npm registry, less every selector that no template, script or form of ours\n'
  printf ' * names (PurgeCSS %s, scripts/purgecss.config.cjs). Do not edit: run the script. */\n' "$PURGECSS"
  # PurgeCSS keeps Bootstrap's own header; ours above replaces it, and no source map is shipped.
  sed -e 's#/\*\# sourceMappingURL=[^*]*\*/##' \
    -e '1s#^@charset "UTF-8";##' "$work/out/bootstrap.min.css" |
    perl -0pe 's#^/\*!.*?\*/##s'
} >"$out"
wc -c "$out"
