#!/usr/bin/env bash
# Browser, accessibility (axe-core) and HTML validity (vnu.jar) tests against
# the real server binary. Run from the repository root:
#
#   bash browser/run.sh
#
# Environment:
#   OVERENS_BIN       server binary (default target/debug/overens)
#   OVERENS_CHROMIUM  Chromium executable (default /usr/bin/chromium, Debian's `chromium`)
#   JAVA              java for vnu.jar (default: java on PATH, Debian's `default-jre-headless`)
# Extra arguments are passed to `node --test` (e.g. --test-name-pattern=skip).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

bin="${OVERENS_BIN:-target/debug/overens}"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
export OVERENS_BIN="$bin"
chromium="${OVERENS_CHROMIUM:-/usr/bin/chromium}"
export OVERENS_CHROMIUM="$chromium"

# System packages: Debian's Chromium (no browser download) and a Java runtime
# for the Nu Html Checker. Installed only when missing and we may use apt.
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v "${JAVA:-java}" >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "browser/run.sh: installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "browser/run.sh: missing ${missing[*]}; install them (apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

command -v node >/dev/null 2>&1 || { echo "browser/run.sh: node is not installed" >&2; exit 1; }

# Node packages: npm ci when node_modules is missing or older than the lock
# file. --ignore-scripts: vnu-jar's postinstall would try to download a Java
# runtime, and playwright-core needs no install step (we use Debian's Chromium).
if [ ! -f "$here/node_modules/.package-lock.json" ] \
  || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ] \
  || [ ! -d "$here/node_modules/playwright-core" ] \
  || [ ! -d "$here/node_modules/axe-core" ] \
  || [ ! -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
fi

if [ ! -x "$bin" ]; then
  echo "browser/run.sh: server binary not found at $bin (run cargo build, or set OVERENS_BIN)" >&2
  exit 1
fi

# Fresh output for this run (screenshots, raw HTML given to vnu, server logs).
rm -rf "$here/out/failures" "$here/out/html"
mkdir -p "$here/out"
# One test file at a time: each starts its own server and browser, and the
# machine has two cores.
exec node --test --test-concurrency=1 "$@" "$here"/tests/*.test.js
