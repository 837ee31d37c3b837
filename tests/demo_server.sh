# Sourced by the checks that read the real server back (exports_check,
# api_check): starts target/debug/overens on a free port with a fresh SQLite
# database and the demo, waits for /healthz, and stops it on exit.
#
#   source tests/demo_server.sh
#   python_venv DIR                  # sets py; installs DIR/requirements.txt
#   start_demo_server NAME "$py"     # sets base, demo_password
#
# Environment: OVERENS_BIN, the server binary (default target/debug/overens).

# A virtual environment in DIR/.venv with DIR/requirements.txt (pinned)
# installed; installs again only when requirements.txt changed since.
python_venv() {
  local dir="$1"
  local venv="$dir/.venv"
  py="$venv/bin/python"
  if [ ! -x "$py" ]; then
    python3 -m venv "$venv"
  fi
  if ! cmp -s "$dir/requirements.txt" "$venv/requirements.installed"; then
    "$py" -m pip install --quiet --disable-pip-version-check -r "$dir/requirements.txt"
    cp "$dir/requirements.txt" "$venv/requirements.installed"
  fi
}

start_demo_server() {
  local name="$1" py="$2"
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local bin="${OVERENS_BIN:-target/debug/overens}"
  case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
  if [ ! -x "$bin" ]; then
    echo "$name: server binary not found at $bin (run cargo build, or set OVERENS_BIN)" >&2
    exit 1
  fi

  demo_data="$(mktemp -d)"
  # The demo accounts of this throwaway server share one password.
  demo_password="$name-$RANDOM-$RANDOM"
  local port
  port="$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  base="http://127.0.0.1:$port"
  demo_server=""
  trap stop_demo_server EXIT

  # A server of its own: fresh SQLite database with the demo, no config file
  # from the working directory, nothing from the caller's database settings.
  (
    cd "$demo_data"
    unset DATABASE_URL OVERENS_CONFIG OVERENS_PUBLIC_URL
    OVERENS_DATA_DIR="$demo_data" OVERENS_LISTEN="127.0.0.1:$port" OVERENS_DEMO=true \
      OVERENS_DEMO_PASSWORD="$demo_password" \
      exec "$bin" serve
  ) >"$demo_data/server.log" 2>&1 &
  demo_server=$!

  local _
  for _ in $(seq 1 120); do
    demo_server_healthy "$py" && return 0
    if ! kill -0 "$demo_server" 2>/dev/null; then
      echo "$name: the server stopped; its log:" >&2
      cat "$demo_data/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$name: no answer from $base/healthz; the server's log:" >&2
  cat "$demo_data/server.log" >&2
  exit 1
}

demo_server_healthy() {
  "$1" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "$base/healthz" 2>/dev/null
}

stop_demo_server() {
  if [ -n "${demo_server:-}" ]; then
    kill "$demo_server" 2>/dev/null || true
    wait "$demo_server" 2>/dev/null || true
  fi
  rm -rf "${demo_data:-}"
}
