"""Reads Överens' iCalendar output back with Python's `icalendar` package,
from a running server with the demo, as a calendar program would.

    python check_ical.py http://127.0.0.1:3000 editor@example password

Logs in as the editor, announces meetings on both sides of the spring and
autumn daylight-saving changes, and checks that every time read back from
the feeds is the instant that was typed in Swedish time. Prints one line
per failed check and last `ical: N passed, M failed`; exits 1 on failure.
"""

import http.cookiejar
import sys
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = timezone.utc


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect()
    )
    return opener, jar


def post(opener, url, fields):
    data = urllib.parse.urlencode(fields).encode()
    try:
        return opener.open(urllib.request.Request(url, data=data))
    except urllib.error.HTTPError as e:
        return e


# (title, start date, start time, end date, end time, start in UTC, end in UTC)
MEETINGS = [
    ("Vintertid före våren", "2027-03-27", "10:00", "", "11:00",
     datetime(2027, 3, 27, 9, 0, tzinfo=UTC), datetime(2027, 3, 27, 10, 0, tzinfo=UTC)),
    ("Sommartid efter våren", "2027-03-29", "10:00", "", "11:00",
     datetime(2027, 3, 29, 8, 0, tzinfo=UTC), datetime(2027, 3, 29, 9, 0, tzinfo=UTC)),
    ("Över vårnatten", "2027-03-27", "18:00", "2027-03-28", "12:00",
     datetime(2027, 3, 27, 17, 0, tzinfo=UTC), datetime(2027, 3, 28, 10, 0, tzinfo=UTC)),
    ("Sommartid före hösten", "2027-10-30", "10:00", "", "11:00",
     datetime(2027, 10, 30, 8, 0, tzinfo=UTC), datetime(2027, 10, 30, 9, 0, tzinfo=UTC)),
    ("Över höstnatten", "2027-10-30", "22:00", "2027-10-31", "09:00",
     datetime(2027, 10, 30, 20, 0, tzinfo=UTC), datetime(2027, 10, 31, 8, 0, tzinfo=UTC)),
]


def announce(opener, jar, base, m):
    csrf = next(c.value for c in jar if c.name == "overens_csrf")
    title, date, start, end_date, end, _, _ = m
    r = post(opener, f"{base}/vg/meetings/new", {
        "csrf": csrf, "kind": "dialogue", "body": "", "title": title,
        "date": date, "start_time": start, "end_date": end_date, "end_time": end,
        "format": "in_person", "link_visibility": "everyone",
        "venue_name": "Folkets hus, Exempelby",
    })
    location = r.headers.get("location", "")
    return int(location.rsplit("/", 1)[-1]) if r.status == 303 else None


def main():
    base, email, password = sys.argv[1:4]
    checks = Checks()
    opener, jar = client()
    opener.open(f"{base}/login")
    csrf = next(c.value for c in jar if c.name == "overens_csrf")
    r = post(opener, f"{base}/login", {"csrf": csrf, "email": email, "password": password})
    checks.check("login", r.status == 303, r.status)

    ids = {}
    for m in MEETINGS:
        ids[m[0]] = announce(opener, jar, base, m)
        checks.check(f"announce {m[0]}", ids[m[0]] is not None)

    feed = urllib.request.urlopen(f"{base}/vg/meetings.ics")
    checks.check("content type", feed.headers["content-type"] == "text/calendar; charset=utf-8",
                 feed.headers["content-type"])
    cal = icalendar.Calendar.from_ical(feed.read())
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    checks.check("demo conference in the feed",
                 "Dialogkonferens: Tidig dialog i praktiken" in events, list(events))
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    checks.check("UIDs unique", len(uids) == len(set(uids)), uids)
    for e in cal.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            checks.check(f"{e['SUMMARY']} has {prop}", prop in e)
        checks.check(f"{e['SUMMARY']} DTSTART has TZID",
                     e["DTSTART"].params.get("TZID") == "Europe/Stockholm", e["DTSTART"].params)

    # The VTIMEZONE on its own gives the right offsets on both sides of each change.
    tzs = cal.walk("VTIMEZONE")
    checks.check("one VTIMEZONE", len(tzs) == 1, len(tzs))
    own = tzs[0].to_tz()
    for instant, offset in [
        (datetime(2027, 3, 28, 0, 59, tzinfo=UTC), timedelta(hours=1)),
        (datetime(2027, 3, 28, 1, 0, tzinfo=UTC), timedelta(hours=2)),
        (datetime(2027, 10, 31, 0, 59, tzinfo=UTC), timedelta(hours=2)),
        (datetime(2027, 10, 31, 1, 0, tzinfo=UTC), timedelta(hours=1)),
        (datetime(2026, 12, 9, 12, 0, tzinfo=UTC), timedelta(hours=1)),
    ]:
        got = instant.astimezone(own).utcoffset()
        checks.check(f"VTIMEZONE offset at {instant.isoformat()}", got == offset, got)

    for title, _, _, _, _, start, end in MEETINGS:
        e = events.get(title)
        checks.check(f"{title} in the feed", e is not None)
        if e is None:
            continue
        s, t = e["DTSTART"].dt, e["DTEND"].dt
        checks.check(f"{title} start", s.astimezone(UTC) == start, f"{s} != {start}")
        checks.check(f"{title} end", t.astimezone(UTC) == end, f"{t} != {end}")
        # Python subtracts wall times when both share a tzinfo, so compare in UTC.
        elapsed = t.astimezone(UTC) - s.astimezone(UTC)
        checks.check(f"{title} duration", elapsed == end - start, elapsed)
        # The same instant read with the VTIMEZONE the file itself carries.
        wall = s.replace(tzinfo=None)
        checks.check(f"{title} start via own VTIMEZONE",
                     wall.replace(tzinfo=own).astimezone(UTC) == start, wall)
        # One meeting's own .ics says the same.
        one = urllib.request.urlopen(f"{base}/vg/meetings/{ids[title]}/calendar.ics").read()
        single = icalendar.Calendar.from_ical(one).walk("VEVENT")
        checks.check(f"{title} single file", len(single) == 1
                     and single[0]["DTSTART"].dt.astimezone(UTC) == start
                     and str(single[0]["UID"]) == str(e["UID"]))

    # The body's feed holds only that body's meetings.
    body = icalendar.Calendar.from_ical(
        urllib.request.urlopen(f"{base}/vg/bodies/styrgruppen/meetings.ics").read())
    summaries = {str(e["SUMMARY"]) for e in body.walk("VEVENT")}
    checks.check("body feed", summaries == {"Styrgruppens sammanträde"}, summaries)

    print(f"ical: {checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
