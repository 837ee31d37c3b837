"""Writes a bench-targets.json for the demo agreement `vg`, so the harness
can run before `overens seed-bench` exists (bench/run --scale demo).

  demo_targets.py BASE_URL DEMO_PASSWORD OUT.json

Ids come from the public API; the token is an editor's, made on the account
page as a person does (by tests/api_check/token.py). The burst goes to the
demo's conference, whose seats left are counted from its registrations."""

import json
import pathlib
import subprocess
import sys
import urllib.parse
import urllib.request

base, password, out = sys.argv[1], sys.argv[2], sys.argv[3]
slug = "vg"


def get(path, token=None):
    req = urllib.request.Request(base + path)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def editor_token():
    token_py = pathlib.Path(__file__).resolve().parent.parent / "tests" / "api_check" / "token.py"
    made = subprocess.run([sys.executable, str(token_py), base, password, "Benchmark"],
                          capture_output=True, text=True, check=True)
    return made.stdout.strip()


def all_rows(path, token=None):
    rows, cursor = [], None
    while True:
        sep = "&" if "?" in path else "?"
        page = get(path + sep + "limit=500" + (f"&cursor={cursor}" if cursor else ""), token)
        rows += page["data"]
        cursor = page.get("next_cursor")
        if not cursor:
            return rows


token = editor_token()
signatories = get(f"/api/v1/agreements/{slug}/signatories?limit=1")["data"]
meetings = all_rows(f"/api/v1/agreements/{slug}/meetings")
minutes = get(f"/api/v1/agreements/{slug}/minutes?limit=1")["data"]
plans = get(f"/api/v1/agreements/{slug}/plans")["data"]
organisation = signatories[0]["organisation"] if signatories else None

# The conference takes 80 in person with a waitlist; the demo has booked some seats already.
conference = next((m for m in meetings if m["kind"] == "conference" and not m["cancelled_at"]), None)
targets = {
    "scale": "demo",
    "agreement": slug,
    "organisation": organisation["slug"] if organisation else None,
    "meeting": conference["id"] if conference else (meetings[0]["id"] if meetings else None),
    "minutes_meeting": minutes[0]["meeting_id"] if minutes else None,
    "plan": plans[0]["id"] if plans else None,
    "register_filter": f"kind={urllib.parse.quote(organisation['kind'])}" if organisation else "",
    "news_tag": "",
    "search": ["överenskommelse", "förening", "dialog", "partnerskap", '"idéburen sektor"'],
    "burst_meeting": None,
    "mixed_meeting": None,
    "token": token,
}
if conference:
    regs = all_rows(f"/api/v1/agreements/{slug}/meetings/{conference['id']}/registrations", token)
    taken = sum(1 for r in regs if r["mode"] == "in_person" and r["status"] == "confirmed")
    targets["burst_meeting"] = conference["id"]
    targets["mixed_meeting"] = conference["id"]
    targets["burst_seats"] = max(80 - taken, 0)
    # The conference allows three per organisation: each request names its own.
    targets["burst_unique_organisation"] = True

with open(out, "w", encoding="utf-8") as f:
    json.dump(targets, f, ensure_ascii=False, indent=1)
print(f"demo_targets: {json.dumps({k: v for k, v in targets.items() if k != 'token'}, ensure_ascii=False)}")
