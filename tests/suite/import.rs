//! Importing organisations: checked first, rejected whole with a report, or
//! the good rows only; idempotent; an exported register imports unchanged.

use crate::common;

use common::{Browser, TestApp, select_text};
use reqwest::StatusCode;

on_both_backends!(
    a_file_with_mistakes_is_rejected_whole_with_a_report,
    good_rows_only_and_importing_twice_changes_nothing,
    an_exported_register_imports_unchanged,
);

async fn upload(
    b: &Browser,
    name: &str,
    bytes: Vec<u8>,
    good_rows_only: bool,
) -> reqwest::Response {
    let csrf = b.csrf().await;
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    if good_rows_only {
        form = form.text("good_rows_only", "yes");
    }
    b.client
        .post(format!("{}/vg/signatories/import", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

const FILE: &str = "org_number,name,kind,level,municipality_codes,joined_on\n\
    802000-0009,Importerade föreningen,association,regional,Göteborg;1490,2026-11-01\n\
    802000-0008,Fel siffra,association,regional,,\n\
    802000-0017,Andra importerade,sports_club,local,1480,\n\
    802000-0009,Dubbletten,association,regional,,\n";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn a_file_with_mistakes_is_rejected_whole_with_a_report(app: TestApp) {
    let before = count(&app, "SELECT COUNT(*) FROM organisations").await;
    let member = app.logged_in("ledamot@demo.example").await;
    assert_eq!(
        member.get("/vg/signatories/import").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        upload(&member, "a.csv", FILE.into(), false).await.status(),
        StatusCode::FORBIDDEN
    );

    let editor = app.logged_in("redaktor@demo.example").await;
    assert_eq!(
        editor.get("/vg/signatories/import").await.status(),
        StatusCode::OK
    );
    let r = upload(&editor, "organisationer.csv", FILE.into(), false).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(select_text(&html, "title")[0].starts_with("Fel: "));
    let cells = select_text(&html, "#report + table tbody td");
    assert_eq!(
        cells,
        vec![
            "3",
            "org_number",
            "802000-0008",
            "Organisationsnumret stämmer inte: kontrollera siffrorna",
            "5",
            "org_number",
            "802000-0009",
            "Samma organisationsnummer som på rad 2",
        ]
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM organisations").await,
        before,
        "nothing imported"
    );

    // A file that is not a table, and a table without the needed columns.
    let r = upload(&editor, "bild.csv", vec![0xff, 0xfe, 0x00, 0x01], false).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Filen går inte att läsa"));
    let r = upload(&editor, "x.csv", b"namn,nummer\nA,1\n".to_vec(), false).await;
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Kolumnen org_number saknas")
    );
    // Without the CSRF token, nothing happens.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(FILE.as_bytes().to_vec()).file_name("a.csv"),
    );
    let r = editor
        .client
        .post(format!("{}/vg/signatories/import", editor.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

async fn good_rows_only_and_importing_twice_changes_nothing(app: TestApp) {
    let editor = app.logged_in("redaktor@demo.example").await;
    let signatories = count(&app, "SELECT COUNT(*) FROM signatories").await;
    let r = upload(&editor, "organisationer.csv", FILE.into(), true).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    let summary = select_text(&html, ".notice-success li");
    assert_eq!(
        summary,
        vec![
            "Nya organisationer: 2",
            "Ändrade organisationer: 0",
            "Oförändrade organisationer: 0",
            "Nya undertecknare: 1",
            "Överhoppade rader med fel: 2"
        ]
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM signatories").await,
        signatories + 1
    );
    let (_, page) = app
        .browser()
        .get_html("/vg/signatories?q=importerade")
        .await;
    assert_eq!(
        select_text(&page, "table:not(.compact) tbody tr").len(),
        1,
        "only the one with a joined_on date signed"
    );

    let r = upload(&editor, "organisationer.csv", FILE.into(), true).await;
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".notice-success li")[..4],
        [
            "Nya organisationer: 0",
            "Ändrade organisationer: 0",
            "Oförändrade organisationer: 2",
            "Nya undertecknare: 0"
        ]
    );

    // The same organisations from an XLSX file, one changed.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [
        ["org_number", "name", "level"],
        ["802000-0017", "Andra importerade", "regional"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let r = upload(&editor, "andra.xlsx", book.save_to_buffer().unwrap(), false).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".notice-success li")[1],
        "Ändrade organisationer: 1"
    );
    let (level, kind): (String, String) =
        sqlx::query_as("SELECT level, kind FROM organisations WHERE org_number = '802000-0017'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (level.as_str(), kind.as_str()),
        ("regional", "sports_club"),
        "a column not in the file is kept"
    );
}

async fn an_exported_register_imports_unchanged(app: TestApp) {
    let csv = app
        .browser()
        .get("/vg/signatories.csv")
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let editor = app.logged_in("admin@demo.example").await;
    let r = upload(&editor, "export.csv", csv, false).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".notice-success li"),
        vec![
            "Nya organisationer: 0",
            "Ändrade organisationer: 0",
            "Oförändrade organisationer: 125",
            "Nya undertecknare: 0"
        ]
    );
}
