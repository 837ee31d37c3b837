//! Exports of the register and its history: a visitor downloads the CSV and
//! the XLSX of the same rows. (tests/exports_check/ reads them back with
//! Python's csv module and openpyxl and compares them cell by cell.)

use crate::common;

use common::{Browser, TestApp, attr};
use overens::signatories::Filter;
use overens::signatories::export::{self, XLSX_MIME};
use reqwest::StatusCode;

on_both_backends!(
    csv_and_xlsx_are_the_same_table,
    a_filtered_xlsx_has_only_the_filtered_rows,
    the_register_page_links_every_export,
);

struct Download {
    content_type: String,
    filename: String,
    body: Vec<u8>,
}

async fn download(b: &Browser, path: &str) -> Download {
    let r = b.get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    let header = |name: &str| r.headers()[name].to_str().unwrap().to_string();
    let content_type = header("content-type");
    let disposition = header("content-disposition");
    let filename = disposition
        .strip_prefix("attachment; filename=\"")
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{path}: {disposition}"))
        .to_string();
    Download {
        content_type,
        filename,
        body: r.bytes().await.unwrap().to_vec(),
    }
}

fn csv_rows(d: &Download) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(
        d.content_type.starts_with("text/csv; charset=utf-8"),
        "{}",
        d.content_type
    );
    let text = std::str::from_utf8(&d.body).expect("UTF-8");
    // RFC 4180: every record ends in CRLF.
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// An XLSX is a zip file holding a workbook with one sheet of shared strings.
fn assert_is_xlsx(d: &Download) {
    assert_eq!(d.content_type, XLSX_MIME);
    assert!(d.filename.ends_with(".xlsx"), "{}", d.filename);
    assert!(d.body.starts_with(b"PK\x03\x04"), "a zip file");
    // File names in a zip are stored uncompressed.
    for part in [
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
    ] {
        assert!(
            d.body.windows(part.len()).any(|w| w == part.as_bytes()),
            "{part} in the workbook"
        );
    }
}

fn stem(filename: &str) -> &str {
    filename.rsplit_once('.').unwrap().0
}

async fn csv_and_xlsx_are_the_same_table(app: TestApp) {
    let b = app.browser();
    let current = export::current(&app.state, "vg", &Filter::default())
        .await
        .unwrap();
    let history = export::history(&app.state, "vg").await.unwrap();
    let tables = [
        (
            "/vg/signatories",
            current.header.to_vec(),
            current.rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
            125,
        ),
        (
            "/vg/signatories/history",
            history.header.to_vec(),
            history.rows.iter().map(|r| r.to_vec()).collect(),
            128,
        ),
    ];
    for (path, header, rows, count) in tables {
        let csv = download(&b, &format!("{path}.csv")).await;
        let (csv_header, csv_rows) = csv_rows(&csv);
        assert_eq!(csv_rows.len(), count, "{path}");
        // The CSV is the table cell for cell; the XLSX is written from the
        // same table.
        assert_eq!(csv_header, header, "{path}");
        assert_eq!(csv_rows, rows, "{path}");

        let xlsx = download(&b, &format!("{path}.xlsx")).await;
        assert_is_xlsx(&xlsx);
        assert_eq!(stem(&xlsx.filename), stem(&csv.filename));
        // The same data gives the same file.
        let again = download(&b, &format!("{path}.xlsx")).await;
        assert!(again.body == xlsx.body, "{path}.xlsx is reproducible");
    }
    assert_eq!(
        b.get("/nowhere/signatories.xlsx").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.get("/nowhere/signatories/history.xlsx").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn a_filtered_xlsx_has_only_the_filtered_rows(app: TestApp) {
    let b = app.browser();
    let all = download(&b, "/vg/signatories.xlsx").await;
    let umbrellas = download(&b, "/vg/signatories.xlsx?kind=umbrella").await;
    assert_is_xlsx(&umbrellas);
    assert!(umbrellas.body != all.body);
    // About a third of the rows: a clearly smaller file.
    assert!(
        umbrellas.body.len() < all.body.len() * 3 / 4,
        "{} < {}",
        umbrellas.body.len(),
        all.body.len()
    );
    // What the filtered files hold is what the filter selects.
    let filter = Filter {
        kind: "umbrella".into(),
        ..Filter::default()
    };
    let table = export::current(&app.state, "vg", &filter).await.unwrap();
    assert!(
        (38..=40).contains(&table.rows.len()),
        "{}",
        table.rows.len()
    );
    assert!(
        table
            .rows
            .iter()
            .all(|r| r[2] == "umbrella" && r[7] == "yes")
    );
    let (_, csv) = csv_rows(&download(&b, "/vg/signatories.csv?kind=umbrella").await);
    assert_eq!(csv.len(), table.rows.len());
    // The register on a past date is a different file again.
    let then = download(&b, "/vg/signatories.xlsx?on=2014-12-05").await;
    assert_is_xlsx(&then);
    assert_eq!(then.filename, "vg-signatories-2014-12-05.xlsx");
    assert!(then.body.len() < all.body.len());
}

async fn the_register_page_links_every_export(app: TestApp) {
    let b = app.browser();
    let (_, html) = b.get_html("/vg/signatories?kind=umbrella").await;
    for (href, mime) in [
        ("/vg/signatories.csv?kind=umbrella", "text/csv"),
        ("/vg/signatories.xlsx?kind=umbrella", XLSX_MIME),
        ("/vg/signatories/history.csv", "text/csv"),
        ("/vg/signatories/history.xlsx", XLSX_MIME),
    ] {
        assert!(
            attr(&html, &format!("a[href=\"{href}\"]"), "href").is_some(),
            "a link to {href}"
        );
        let d = download(&b, href).await;
        assert!(
            d.content_type.starts_with(mime),
            "{href}: {}",
            d.content_type
        );
    }
}
