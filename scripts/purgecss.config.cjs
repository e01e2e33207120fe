// PurgeCSS settings for scripts/trim_bootstrap.sh: keep every Bootstrap selector that a word in
// our templates, scripts, Python (form widgets' classes) or the crispy-bootstrap5 templates our
// forms render with names.
const crispy = process.env.CRISPY_TEMPLATES;
// What `|crispy` and `|as_crispy_field` render, and what those include; not its layout objects
// (accordions, modals, tabs...), which no form of ours uses. Its errors.html is ours
// (templates/bootstrap5/errors.html).
const crispyUsed = [
  "field",
  "uni_form",
  "display_form",
  "layout/attrs",
  "layout/field_errors",
  "layout/field_errors_block",
  "layout/field_file",
  "layout/help_text",
  "layout/help_text_and_errors",
  "layout/radio_checkbox_select",
].map((name) => `${crispy}/bootstrap5/${name}.html`);
const apps = "{accounts,client_texts,config,definitions,lib,operations,referrals,screening}";

module.exports = {
  css: [process.env.BOOTSTRAP_CSS],
  content: [
    "templates/**/*.html",
    `${apps}/templates/**/*.html`,
    `${apps}/**/*.py`,
    "static/js/*.js",
    ...crispyUsed,
  ],
  // Classes put together in a template from a value: the message's level
  // (alert-{{ message.tags }}) and the urgency's badge (text-bg-{{ screening.urgency_badge }}).
  safelist: { standard: [/^alert-/, /^text-bg-/] },
  // Custom properties are all kept: our own CSS uses some (var(--bs-...)), and they compress well.
  keyframes: true,
  fontFace: true,
};
