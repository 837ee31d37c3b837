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

source "$root/tests/demo_server.sh"
python_venv "$here"
start_demo_server exports_check "$py"

"$py" "$here/check_exports.py" "$base"
"$py" "$here/check_ical.py" "$base" redaktor@demo.example "$demo_password"
"$py" "$here/check_feeds.py" "$base"
"$py" "$here/check_dcat.py" "$base"
