"""Reads the registers' exports (signatories and partnerships) back with real readers -- Python's csv module
and openpyxl -- from a running server with the demo, and checks that the CSV
and the XLSX of each export hold the same header and the same rows.

    python check_exports.py http://127.0.0.1:3000

Prints one line per failed check, a short summary, and last
`exports: N passed, M failed`; exits 1 if any check failed.
"""

import csv
import io
import sys
import urllib.request

import openpyxl
from openpyxl.utils import get_column_letter

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CURRENT_HEADER = [
    "org_number",
    "name",
    "kind",
    "level",
    "legal_form",
    "municipality_codes",
    "joined_on",
    "umbrella",
    "url",
]
HISTORY_HEADER = [
    "org_number",
    "name",
    "joined_on",
    "left_on",
    "leave_reason",
    "decision",
    "url",
]

PARTNERSHIP_HEADER = [
    "id",
    "title",
    "kind",
    "status",
    "organisations",
    "public_party",
    "public_committee",
    "starts_on",
    "ends_on",
    "public_funding",
    "own_contribution",
    "volunteer_hours",
    "decision_body",
    "decision_on",
    "case_number",
    "url",
]

# (what, path without extension, query, header, expected number of rows or None)
EXPORTS = [
    ("current register", "/vg/signatories", "", CURRENT_HEADER, 125),
    ("history", "/vg/signatories/history", "", HISTORY_HEADER, 128),
    ("umbrellas only", "/vg/signatories", "?kind=umbrella", CURRENT_HEADER, None),
    ("partnerships", "/vg/partnerships", "", PARTNERSHIP_HEADER, 5),
    ("active partnerships in 2025", "/vg/partnerships", "?status=active&year=2025", PARTNERSHIP_HEADER, 2),
]


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))
        return ok


def fetch(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return r.status, r.headers, r.read()


def attachment_name(headers):
    value = headers.get("Content-Disposition", "")
    prefix = 'attachment; filename="'
    if value.startswith(prefix) and value.endswith('"'):
        return value[len(prefix) : -1]
    return None


def read_csv(body):
    text = body.decode("utf-8")  # strict: a byte that is not UTF-8 fails here
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def read_xlsx(body):
    """The only sheet's rows as strings, empty cells as "", and the sheet."""
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    sheet = workbook.worksheets[0]
    rows = [
        ["" if v is None else str(v) for v in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    return workbook, sheet, rows


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"row {i + 1}: csv {x!r} != xlsx {y!r}"
    return f"csv has {len(a)} rows, xlsx {len(b)}"


def check_export(c, base, what, path, query, header, expected):
    status, headers, body = fetch(base, f"{path}.csv{query}")
    c.check(f"{what}: csv status", status == 200, str(status))
    content_type = headers.get("Content-Type", "")
    c.check(
        f"{what}: csv content type",
        content_type.startswith(CSV_TYPE),
        content_type,
    )
    csv_name = attachment_name(headers)
    c.check(
        f"{what}: csv attachment",
        csv_name is not None and csv_name.endswith(".csv"),
        headers.get("Content-Disposition"),
    )
    c.check(
        f"{what}: csv records end in CRLF",
        body.endswith(b"\r\n") and body.count(b"\n") == body.count(b"\r\n"),
    )
    csv_rows = read_csv(body)

    status, headers, body = fetch(base, f"{path}.xlsx{query}")
    c.check(f"{what}: xlsx status", status == 200, str(status))
    content_type = headers.get("Content-Type", "")
    c.check(f"{what}: xlsx content type", content_type == XLSX_TYPE, content_type)
    xlsx_name = attachment_name(headers)
    c.check(
        f"{what}: xlsx file named like the csv",
        xlsx_name is not None
        and csv_name is not None
        and xlsx_name == csv_name[: -len(".csv")] + ".xlsx",
        f"{csv_name} / {xlsx_name}",
    )
    workbook, sheet, xlsx_rows = read_xlsx(body)
    c.check(f"{what}: xlsx has one sheet", len(workbook.worksheets) == 1)

    c.check(f"{what}: csv header", csv_rows[:1] == [header], repr(csv_rows[:1]))
    c.check(f"{what}: xlsx header", xlsx_rows[:1] == [header], repr(xlsx_rows[:1]))
    c.check(
        f"{what}: same rows",
        csv_rows == xlsx_rows,
        first_difference(csv_rows, xlsx_rows),
    )
    rows = csv_rows[1:]
    if expected is not None:
        c.check(f"{what}: {expected} rows", len(rows) == expected, str(len(rows)))

    # The spreadsheet is made for people: bold header, frozen top row, columns
    # as wide as their content; and every cell is text, so nothing is turned
    # into a number or a date on the way.
    c.check(
        f"{what}: bold header",
        all(cell.font.bold for cell in sheet[1]),
    )
    c.check(f"{what}: top row frozen", sheet.freeze_panes == "A2", sheet.freeze_panes)
    widths = [
        sheet.column_dimensions[get_column_letter(i + 1)].width
        for i in range(len(header))
    ]
    c.check(
        f"{what}: column widths",
        all(w and 5 <= w <= 80 for w in widths),
        repr(widths),
    )
    not_text = [
        cell.coordinate
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None and cell.data_type != "s"
    ]
    c.check(f"{what}: every cell is text", not not_text, repr(not_text[:5]))
    return rows


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:3000").rstrip("/")
    c = Checks()
    counts = {}
    for what, path, query, header, expected in EXPORTS:
        try:
            counts[what] = check_export(c, base, what, path, query, header, expected)
        except Exception as e:  # a download or a reader failed: one failed check
            c.check(f"{what}: downloads and reads", False, f"{type(e).__name__}: {e}")
            counts[what] = []

    current = counts["current register"]
    umbrellas = counts["umbrellas only"]
    c.check(
        "the filter keeps only umbrellas",
        0 < len(umbrellas) < len(current)
        and all(r[2] == "umbrella" and r[7] == "yes" for r in umbrellas),
        f"{len(umbrellas)} of {len(current)}",
    )
    c.check(
        "Swedish letters survive",
        any(any(ch in r[1] for ch in "åäöÅÄÖ") for r in current),
    )

    for what, rows in counts.items():
        print(f"{what}: {len(rows)} rows")
    print(f"exports: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
