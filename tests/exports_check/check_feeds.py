"""Reads Överens' Atom feeds back with Python's `feedparser`, from a running
server with the demo, as a feed reader would.

    python check_feeds.py http://127.0.0.1:3000

Fetches the agreement's news feed and the feed of one of its tags: each must
parse without the bozo flag, announce itself with a self link, and have
entries with a title, a link, an id and an updated time; links are absolute.
A scheduled (not yet published) demo article must be absent. Prints one line
per failed check and last `feeds: N passed, M failed`; exits 1 on failure.
"""

import sys
import urllib.request

import feedparser


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


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.headers.get("Content-Type", ""), r.read()


def check_feed(c, base, path, expect_titles=(), absent_titles=()):
    url = base + path
    try:
        content_type, body = fetch(url)
    except Exception as e:  # noqa: BLE001 - any failure to fetch is a failed check
        c.check(f"{path} fetched", False, repr(e))
        return None
    c.check(
        f"{path} content type",
        content_type == "application/atom+xml; charset=utf-8",
        content_type,
    )
    feed = feedparser.parse(body)
    c.check(f"{path} parses without bozo", not feed.bozo, repr(feed.get("bozo_exception")))
    c.check(f"{path} is Atom", feed.version == "atom10", feed.version)
    c.check(f"{path} has a title", bool(feed.feed.get("title")), feed.feed)
    selfs = [l.href for l in feed.feed.get("links", []) if l.get("rel") == "self"]
    c.check(f"{path} self link", selfs == [url], selfs)
    c.check(f"{path} has entries", len(feed.entries) > 0, len(feed.entries))
    for e in feed.entries:
        name = f"{path} entry {e.get('title', '?')!r}"
        c.check(f"{name} title", bool(e.get("title")))
        c.check(f"{name} link", e.get("link", "").startswith(base + "/"), e.get("link"))
        c.check(f"{name} id", bool(e.get("id")), e.get("id"))
        c.check(f"{name} updated", e.get("updated_parsed") is not None, e.get("updated"))
        c.check(f"{name} published", e.get("published_parsed") is not None, e.get("published"))
        c.check(f"{name} content", bool(e.get("content")), e.get("content"))
    titles = [e.get("title") for e in feed.entries]
    for t in expect_titles:
        c.check(f"{path} has {t!r}", t in titles, titles)
    for t in absent_titles:
        c.check(f"{path} lacks {t!r}", t not in titles, titles)
    return feed


def main():
    base = sys.argv[1].rstrip("/")
    c = Checks()
    check_feed(
        c,
        base,
        "/vg/news.atom",
        expect_titles=["Uppföljningen av handlingsplanen 2024–2026 är klar"],
        absent_titles=["Ny rapport om långsiktiga former för stöd och finansiering"],
    )
    check_feed(
        c,
        base,
        "/vg/news/tags/uppf%C3%B6ljning.atom",
        expect_titles=["Uppföljningen av handlingsplanen 2024–2026 är klar"],
    )
    print(f"feeds: {c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
