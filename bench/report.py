#!/usr/bin/env python3
"""Helpers of bench/run (standard library only).

  report.py urls TARGETS             the scenarios' paths, one scenario a line:
                                     NAME<TAB>PATH[<TAB>PATH...]
  report.py table RAW_DIR OUT.md     the Markdown report from the raw results
                                     of one run; prints it too

RAW_DIR holds one folder per configuration (sqlite, postgres, postgres-2proc)
as bench/run writes it: per scenario NAME.meta.json, NAME.overens.wrk and
NAME.nginx.wrk (wrk's output with the BENCH_JSON line of wrk/report.lua),
info.txt (key=value), search-cold.tsv, burst.json and mixed.wrk.
"""

import json
import os
import platform
import re
import subprocess
import sys
import urllib.parse

# The targets.
RATIO_MIN = 0.5
P99_MAX_MS = 20.0
SEARCH_P95_MAX_MS = 20.0
RSS_MAX_MB = 150.0
STARTUP_MAX_S = 1.0
BURST_MAX_S = 2.0

CONFIG_TITLES = {
    "sqlite": "SQLite, one process",
    "postgres": "PostgreSQL, one process",
    "postgres-2proc": "PostgreSQL, two processes behind nginx (reverse proxy)",
}


def q(value):
    return urllib.parse.quote(str(value), safe="")


def scenario_paths(t):
    """(name, [paths]) for every read scenario of a bench-targets.json."""
    slug = q(t["agreement"])
    out = [
        ("start", [f"/{slug}/"]),
        ("register", [f"/{slug}/signatories"]),
    ]
    if t.get("register_filter"):
        out.append(("register-filtered", [f"/{slug}/signatories?{t['register_filter']}"]))
    if t.get("organisation"):
        out.append(("organisation", [f"/organisations/{q(t['organisation'])}"]))
    if t.get("meeting"):
        out.append(("meeting", [f"/{slug}/meetings/{t['meeting']}"]))
    out.append(("calendar", [f"/{slug}/meetings"]))
    if t.get("minutes_meeting"):
        out.append(("minutes", [f"/{slug}/meetings/{t['minutes_meeting']}/minutes"]))
    out.append(("decisions", [f"/{slug}/decisions"]))
    if t.get("plan"):
        out.append(("plan", [f"/{slug}/plans/{t['plan']}"]))
    if t.get("search"):
        out.append(("search", [f"/{slug}/search?q={urllib.parse.quote_plus(s)}" for s in t["search"]]))
    out.append(("ical", [f"/{slug}/meetings.ics"]))
    out.append(("atom", [f"/{slug}/news.atom"]))
    out.append(("api-signatories", [f"/api/v1/agreements/{slug}/signatories?limit=100"]))
    return out


def cmd_urls(targets):
    with open(targets, encoding="utf-8") as f:
        t = json.load(f)
    for key in ("agreement",):
        if not t.get(key):
            sys.exit(f"report.py: {targets} has no {key!r}")
    for name, paths in scenario_paths(t):
        print("\t".join([name, *paths]))


# ------------------------------------------------------------------ parsing


def parse_wrk(path):
    """The BENCH_JSON line of a wrk output, with req/s and non-2xx added;
    None when the file is missing or wrk printed no such line."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except FileNotFoundError:
        return None
    m = re.search(r"^BENCH_JSON (\{.*\})$", text, re.M)
    if not m:
        return None
    r = json.loads(m.group(1))
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6) if r["duration_us"] else 0.0
    # wrk's own summary line; the same counter as errors.status.
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    r["non2xx"] = int(m.group(1)) if m else r["errors"]["status"]
    r["socket_errors"] = sum(v for k, v in r["errors"].items() if k != "status")
    return r


def read_info(d):
    info = {}
    try:
        with open(os.path.join(d, "info.txt"), encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    info[k] = v
    except FileNotFoundError:
        pass
    return info


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None


# ------------------------------------------------------------------ machine


def sh(*cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return (p.stdout + p.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine(info):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            m = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M)
            cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            m = re.search(r"^MemTotal:\s*(\d+) kB", f.read(), re.M)
            mem = f"{int(m.group(1)) / 1024 / 1024:.1f} GiB" if m else mem
    except OSError:
        pass
    return [
        ("CPU", cpu),
        ("cores", str(os.cpu_count())),
        ("RAM", mem),
        ("kernel", platform.release()),
        ("overens commit", info.get("commit", "unknown")),
        ("overens binary", info.get("bin", "unknown")),
        ("nginx", sh("nginx", "-v").replace("nginx version: ", "")),
        ("wrk", sh("wrk", "-v").splitlines()[0] if sh("wrk", "-v") else "unknown"),
        ("load", f"wrk {info.get('threads', '?')} threads, {info.get('connections', '?')} connections, "
                 f"{info.get('duration', '?')} per run after {info.get('warmup', '?')} warm-up"),
    ]


# ------------------------------------------------------------------ table


def ms(us):
    return f"{us / 1000:.2f} ms"


def mark(ok):
    return "PASS" if ok else "FAIL"


def size_text(sizes):
    if not sizes:
        return "–"
    if len(set(sizes)) == 1:
        return str(sizes[0])
    return f"{min(sizes)}–{max(sizes)}"


def config_section(d, name, checks):
    info = read_info(d)
    lines = [f"## {CONFIG_TITLES.get(name, name)}", ""]
    lines.append("| scenario | bytes | req/s | p50 | p99 | nginx req/s | ratio | target |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    order = []
    try:
        with open(os.path.join(d, "scenarios.tsv"), encoding="utf-8") as f:
            order = [line.split("\t", 1)[0] for line in f if line.strip()]
    except FileNotFoundError:
        pass
    search_p95 = None
    for sc in order:
        meta = read_json(os.path.join(d, f"{sc}.meta.json"))
        if meta is None:
            continue  # not run (--only)
        o = parse_wrk(os.path.join(d, f"{sc}.overens.wrk"))
        n = parse_wrk(os.path.join(d, f"{sc}.nginx.wrk"))
        label = sc + (f" ({len(meta.get('paths', []))} queries)" if sc == "search" else "")
        if meta.get("error") or not o:
            lines.append(f"| {label} | – | – | – | – | – | – | FAIL: {meta.get('error') or 'no wrk result'} |")
            checks.append((f"{name}: {sc} answers 200", False))
            continue
        bad = o["non2xx"] + o["socket_errors"]
        ratio = o["rps"] / n["rps"] if n and n["rps"] else None
        ok_ratio = ratio is not None and ratio >= RATIO_MIN
        ok_p99 = o["p99_us"] / 1000 < P99_MAX_MS
        verdict = []
        verdict.append(f"ratio {mark(ok_ratio)}")
        verdict.append(f"p99 {mark(ok_p99)}")
        if sc == "search":
            search_p95 = o["p95_us"]
            verdict.append(f"p95 {ms(o['p95_us'])} {mark(o['p95_us'] / 1000 < SEARCH_P95_MAX_MS)}")
            checks.append((f"{name}: search p95 < {SEARCH_P95_MAX_MS:g} ms", o["p95_us"] / 1000 < SEARCH_P95_MAX_MS))
        if bad:
            verdict.append(f"{o['non2xx']} non-2xx, {o['socket_errors']} socket errors")
        checks.append((f"{name}: {sc} ≥ {RATIO_MIN:.0%} of nginx and p99 < {P99_MAX_MS:g} ms, no errors",
                       ok_ratio and ok_p99 and not bad))
        nginx_rps = f"{n['rps']:.0f}" if n else "–"
        ratio_text = f"{ratio:.2f}" if ratio is not None else "–"
        lines.append(
            f"| {label} | {size_text(meta.get('bytes', []))} | {o['rps']:.0f} | {ms(o['p50_us'])} | "
            f"{ms(o['p99_us'])} | {nginx_rps} | {ratio_text} | {', '.join(verdict)} |"
        )
    lines.append("")

    # Search: the first request of each query, before any warm-up.
    cold = os.path.join(d, "search-cold.tsv")
    if os.path.exists(cold):
        with open(cold, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        if rows:
            lines.append("Search, cold (first request of each query, curl, before any warm-up)"
                         + (f"; warm p95 {ms(search_p95)}" if search_p95 is not None else "") + ":")
            lines.append("")
            lines.append("| query | status | bytes | time |")
            lines.append("| --- | ---: | ---: | ---: |")
            for qtext, status, size, secs in rows:
                lines.append(f"| `{qtext}` | {status} | {size} | {float(secs) * 1000:.1f} ms |")
            lines.append("")

    # Writes.
    burst = read_json(os.path.join(d, "burst.json"))
    if burst:
        lines.append("Registration burst: " + burst_text(burst))
        lines.append("")
        checks.append((f"{name}: burst {burst['expect_confirmed']}/{burst['expect_waitlisted']}/0 errors/0 lost "
                       f"in < {BURST_MAX_S:g} s", burst["pass"]))
    elif info.get("burst_failed"):
        lines.append(f"Registration burst: FAIL ({info['burst_failed']}).")
        lines.append("")
        checks.append((f"{name}: registration burst", False))
    elif info.get("burst_skipped"):
        lines.append(f"Registration burst: skipped ({info['burst_skipped']}).")
        lines.append("")
    mixed = parse_wrk(os.path.join(d, "mixed.wrk"))
    if mixed:
        lines.append(
            f"Mixed workload (95 % reads, 5 % registrations): {mixed['rps']:.0f} req/s, "
            f"p50 {ms(mixed['p50_us'])}, p99 {ms(mixed['p99_us'])}, "
            f"{mixed['non2xx']} non-2xx, {mixed['socket_errors']} socket errors."
        )
        lines.append("")

    # The process and the data.
    facts = []
    if "seed_s" in info:
        facts.append(f"seed {float(info['seed_s']):.2f} s ({info.get('seed_what', 'seed')})")
    for key in sorted(k for k in info if k == "startup_s" or k.startswith("startup_s.")):
        s = float(info[key])
        who = f" ({key[10:]})" if "." in key else ""
        facts.append(f"start-up{who} {s:.3f} s {mark(s < STARTUP_MAX_S)}")
        checks.append((f"{name}: start-up{who} < {STARTUP_MAX_S:g} s", s < STARTUP_MAX_S))
    for key in sorted(k for k in info if k.startswith("rss_kb.")):
        mb = int(info[key]) / 1024
        parts = info.get("rss_parts." + key[7:], "")
        now = ""
        if "/" in parts:
            anon, files = (int(x or 0) / 1024 for x in parts.split("/"))
            now = f" (at the end {anon:.1f} MB anonymous, {files:.1f} MB mapped files)"
        facts.append(f"peak RSS ({key[7:]}) {mb:.1f} MB {mark(mb < RSS_MAX_MB)}{now}")
        checks.append((f"{name}: peak RSS of {key[7:]} < {RSS_MAX_MB:g} MB", mb < RSS_MAX_MB))
    for key, what in (("db_bytes_seeded", "database after seeding"), ("db_bytes_after", "database after the run")):
        if key in info:
            facts.append(f"{what} {int(info[key]) / 1024 / 1024:.1f} MiB")
    if facts:
        lines.append("Process and data: " + "; ".join(facts) + ".")
        lines.append("")
    return lines


def burst_text(b):
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(b["statuses"].items()))
    floor = f"; the client alone, against nginx, {b['client_floor_s']:.2f} s" if b.get("client_floor_s") else ""
    return (
        f"{b['count']} registrations at once for {b['expect_confirmed']} seats in {b['wall_s']:.2f} s "
        f"({mark(b['wall_s'] < BURST_MAX_S)}{floor}); statuses {statuses}; read back {b['confirmed']} confirmed "
        f"({mark(b['confirmed'] == b['expect_confirmed'])}), {b['waitlisted']} waitlisted "
        f"({mark(b['waitlisted'] == b['expect_waitlisted'])}), {b['errors']} errors ({mark(b['errors'] == 0)}), "
        f"{b['lost']} lost ({mark(b['lost'] == 0)}), {b.get('unannounced', 0)} saved although answered "
        f"with an error ({mark(not b.get('unannounced'))}): {mark(b['pass'])}."
    )


def cmd_table(raw, out):
    configs = [c for c in ("sqlite", "postgres", "postgres-2proc") if os.path.isdir(os.path.join(raw, c))]
    first = read_info(os.path.join(raw, configs[0])) if configs else {}
    scale = first.get("scale", "?")
    lines = [f"# Överens benchmark, scale {scale}, {first.get('date', '')}", ""]
    lines += [f"- {k}: {v}" for k, v in machine(first)]
    if first.get("note"):
        lines.append(f"- note: {first['note']}")
    lines.append("")
    if scale != "national":
        lines.append(f"The read targets are set for SQLite at national scale; at scale {scale} "
                     "they are shown for comparison.")
        lines.append("")
    checks = []
    for c in configs:
        lines += config_section(os.path.join(raw, c), c, checks)
    lines.append("## Targets")
    lines.append("")
    lines.append("| check | result |")
    lines.append("| --- | --- |")
    lines += [f"| {what} | {mark(ok)} |" for what, ok in checks]
    passed = sum(ok for _, ok in checks)
    lines.append("")
    lines.append(f"{passed} of {len(checks)} checks pass.")
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)


def main(argv):
    if len(argv) == 3 and argv[1] == "urls":
        cmd_urls(argv[2])
    elif len(argv) == 4 and argv[1] == "table":
        cmd_table(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
