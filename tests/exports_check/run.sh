#!/usr/bin/env bash
# Reads the register's exports back with real readers (Python's csv module
# and openpyxl), the iCalendar feeds with Python's icalendar package and the
# DCAT-AP-SE catalogue with rdflib,
# from the real server binary with the demo loaded. Run from the repository
# root, after cargo build:
#
#   bash tests/exports_check/run.sh
#
# Environment:
#   OVERENS_BIN  server binary (default target/debug/overens)
# The Python packages (requirements.txt, pinned) go into .venv beside this
# file, once.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

bin="${OVERENS_BIN:-target/debug/overens}"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "exports_check: server binary not found at $bin (run cargo build, or set OVERENS_BIN)" >&2
  exit 1
fi

venv="$here/.venv"
py="$venv/bin/python"
if [ ! -x "$py" ]; then
  python3 -m venv "$venv"
fi
# Installs again only when requirements.txt changed since the last install.
if ! cmp -s "$here/requirements.txt" "$venv/requirements.installed"; then
  "$py" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.installed"
fi

data="$(mktemp -d)"
# The demo accounts of this throwaway server share one password.
demo_password="exports-check-$RANDOM-$RANDOM"
port="$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

# A server of its own: fresh SQLite database with the demo, no config file
# from the working directory, nothing from the caller's database settings.
(
  cd "$data"
  unset DATABASE_URL OVERENS_CONFIG OVERENS_PUBLIC_URL
  OVERENS_DATA_DIR="$data" OVERENS_LISTEN="127.0.0.1:$port" OVERENS_DEMO=true \
    OVERENS_DEMO_PASSWORD="$demo_password" \
    exec "$bin" serve
) >"$data/server.log" 2>&1 &
server=$!

healthy() {
  "$py" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "$base/healthz" 2>/dev/null
}
for _ in $(seq 1 120); do
  healthy && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "exports_check: the server stopped; its log:" >&2
    cat "$data/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
if ! healthy; then
  echo "exports_check: no answer from $base/healthz; the server's log:" >&2
  cat "$data/server.log" >&2
  exit 1
fi

"$py" "$here/check_exports.py" "$base"
"$py" "$here/check_ical.py" "$base" redaktor@demo.example "$demo_password"
"$py" "$here/check_feeds.py" "$base"
"$py" "$here/check_dcat.py" "$base"
