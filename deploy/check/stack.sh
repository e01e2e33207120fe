# The production recipe's parts started on this machine as throwaway processes, and stopped.
#
# Sourced by `make production-check` (deploy/check/run) and by the bench's nginx phase
# (bench/nginx.sh), from the project's root in a script with `set -euo pipefail` and PY set:
#
#   stack_begin NAME               installs what is missing, makes the work folders, picks the
#                                  ports, and stops everything this file started at the exit
#   stack_postgres                 a throwaway PostgreSQL, as an unprivileged user
#   stack_environment [KEY=v ...]  deploy/screening.env filled in, plus these lines; exported
#   stack_fill_database            migrate, load_reference, load_client_texts, collectstatic
#   stack_certificate              a self-signed certificate for localhost
#   stack_app_servers PORT ...     one gunicorn (deploy/gunicorn.conf.py) on each port
#   stack_nginx PORT ...           Debian's nginx with deploy/nginx/screening.conf in front of the
#                                  app servers on these ports (one or two); stack_nginx_stop
#
# Ports: PG_PORT, HTTPS_PORT, HTTP_PORT, APP1_PORT, APP2_PORT. Files: WORK (logs, the environment
# file, the certificate, nginx's access.log), PG_DIR (the database's). Nothing is left behind.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pg() { if [ "$(id -un)" = "$PG_USER" ]; then "$@"; else as_root runuser -u "$PG_USER" -- "$@"; fi; }

stack_begin() {
  STACK_NAME=$1
  local missing=()
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  WORK=$(mktemp -d "/tmp/$STACK_NAME.XXXXXX")
  PG_DIR=$(mktemp -d "/tmp/$STACK_NAME-pg.XXXXXX")
  PG_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  PG_USER=postgres
  app_pids=()
  nginx_pid=""
  trap stack_stop EXIT
  trap 'exit 130' INT TERM
  read -r PG_PORT HTTPS_PORT HTTP_PORT APP1_PORT APP2_PORT <<<"$(free_ports 5)"
}

stack_stop() {
  local rc=$?
  set +e
  # Only what this file started, by the process ids it recorded.
  for pid in "${app_pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null
  sleep 1
  for pid in "${app_pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null; done
  [ -n "$nginx_pid" ] && kill -KILL "$nginx_pid" 2>/dev/null
  pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1
  if [ $rc -ne 0 ]; then
    echo "== $STACK_NAME failed ($rc). The last lines of each log:"
    for log in "$WORK"/*.log; do [ -f "$log" ] && { echo "-- $log"; tail -n 15 "$log"; }; done
  fi
  rm -rf "$WORK" "$PG_DIR"
  exit $rc
}

free_ports() {
  "$PY" - "$1" <<'EOF'
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
EOF
}

stack_postgres() {
  # PostgreSQL refuses to run as root: the server runs as an unprivileged user.
  id "$PG_USER" >/dev/null 2>&1 || as_root useradd --system --no-create-home "$PG_USER"
  as_root chown "$PG_USER" "$PG_DIR"
  echo "== PostgreSQL ($("$PG_BIN/postgres" --version | cut -d' ' -f3)) on 127.0.0.1:$PG_PORT"
  pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U screening --no-sync -E UTF8 >/dev/null
  pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off" start >/dev/null
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U screening screening
}

stack_environment() {
  # deploy/screening.env with its FILL values filled, as an administrator would.
  local keys secret notes_key backup_key
  keys=$("$PY" -c "import secrets; from cryptography.fernet import Fernet; \
print(secrets.token_urlsafe(50), Fernet.generate_key().decode(), Fernet.generate_key().decode())")
  read -r secret notes_key backup_key <<<"$keys"
  "$PY" - deploy/screening.env "$WORK/screening.env" "$@" <<EOF
import re, sys
values = {
    "SECRET_KEY": "$secret",
    "NOTES_ENCRYPTION_KEYS": "$notes_key",
    "BACKUP_ENCRYPTION_KEY": "$backup_key",
    "ALLOWED_HOSTS": "localhost",
    "CSRF_TRUSTED_ORIGINS": "https://localhost:$HTTPS_PORT",
    "DATABASE_URL": "postgres://screening@127.0.0.1:$PG_PORT/screening",
    "STATIC_ROOT": "$WORK/static",
    "ORGANISATION_NAME": '"Production Check NGO"',
}
text = open(sys.argv[1]).read()
for name, value in values.items():
    text, found = re.subn(rf"^{name}=.*$", f"{name}={value}", text, flags=re.M)
    assert found == 1, f"deploy/screening.env has no line {name}="
empty = re.findall(r"^(\w+)=$", text, flags=re.M)
assert not empty, f"deploy/screening.env leaves empty: {empty}"
open(sys.argv[2], "w").write(text + "".join(f"{line}\n" for line in sys.argv[3:]))
EOF
  set -a
  # shellcheck source=/dev/null
  . "$WORK/screening.env"
  set +a
}

stack_fill_database() {
  echo "== migrate, load_reference, load_client_texts, collectstatic"
  "$PY" manage.py migrate --noinput >"$WORK/setup.log"
  "$PY" manage.py load_reference >>"$WORK/setup.log"
  "$PY" manage.py load_client_texts >>"$WORK/setup.log"
  # STATIC_MANIFEST=false (the bench's smoke test) serves plain names: nothing to collect.
  if [ "${STATIC_MANIFEST:-true}" != false ]; then
    "$PY" manage.py collectstatic --noinput >>"$WORK/setup.log"
  fi
}

stack_certificate() {
  echo "== Self-signed certificate for localhost"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
}

stack_app_servers() {
  echo "== $# app servers (gunicorn) on 127.0.0.1, ports $*"
  local port
  for port in "$@"; do
    # Each in its own process group, so that the check can crash one whole server.
    GUNICORN_BIND="127.0.0.1:$port" setsid "$PY" -m gunicorn -c deploy/gunicorn.conf.py \
      config.wsgi:application >"$WORK/app-$port.log" 2>&1 &
    app_pids+=("$!")
  done
  for port in "$@"; do
    "$PY" - "$port" <<'EOF'
import sys, time, urllib.request
# As nginx asks: with the site's host name (any other is refused, ALLOWED_HOSTS).
request = urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/healthz/", headers={"Host": "localhost"}
)
for _ in range(120):
    try:
        urllib.request.urlopen(request, timeout=2)
        break
    except OSError:
        time.sleep(0.25)
else:
    sys.exit(f"The app server on port {sys.argv[1]} did not answer /healthz/ in 30 s.")
EOF
  done
}

stack_nginx() {
  # The shipped site, with this machine's ports, certificate and folders in place of the EDIT
  # values, in front of the first app server, or the first two (the site names two).
  local second=(-e "/server 127.0.0.1:8002 /d")
  [ $# -ge 2 ] && second=(-e "s/127.0.0.1:8002 /127.0.0.1:$2 /")
  echo "== nginx ($("$NGINX" -v 2>&1 | cut -d/ -f2)) with deploy/nginx/screening.conf on" \
    ":$HTTPS_PORT (HTTP :$HTTP_PORT), in front of $# app server(s)"
  mkdir -p "$WORK/nginx"
  sed -e "s/listen 443 ssl http2;/listen 127.0.0.1:$HTTPS_PORT ssl http2;/" \
      -e "s/listen 80;/listen 127.0.0.1:$HTTP_PORT;/" \
      -e "/listen \[::\]/d" \
      -e "s/screening\.example\.org;/localhost;/" \
      -e "s#/etc/letsencrypt/live/screening.example.org/fullchain.pem#$WORK/tls.crt#" \
      -e "s#/etc/letsencrypt/live/screening.example.org/privkey.pem#$WORK/tls.key#" \
      -e "s#https://\$host\$request_uri#https://\$host:$HTTPS_PORT\$request_uri#" \
      -e "s#/srv/screening/static/#$WORK/static/#" \
      -e "s#/var/log/nginx/screening.access.log#$WORK/access.log#" \
      -e "s/127.0.0.1:8001 /127.0.0.1:$1 /" \
      "${second[@]}" \
      deploy/nginx/screening.conf >"$WORK/site.conf"
  if grep -n "listen 443\|listen 80\|example.org\|/srv/\|/etc/letsencrypt\|:800[12]\|/var/log" "$WORK/site.conf"; then
    echo "deploy/nginx/screening.conf changed: the lines above were not adapted"; exit 1
  fi
  # Debian's main nginx.conf, reduced to what a site needs: its worker runs as this user.
  cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    include $WORK/site.conf;
}
EOF
  "$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx.conf"
  "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx.conf" -g "daemon off;" 2>>"$WORK/nginx-error.log" &
  nginx_pid=$!
  for _ in $(seq 1 40); do [ -s "$WORK/nginx.pid" ] && break; sleep 0.25; done
}

stack_nginx_stop() {
  # A graceful stop: requests under way finish, then its ports are free for the next nginx.
  kill -QUIT "$nginx_pid"
  wait "$nginx_pid" || true
  nginx_pid=""
}
