//! Partnerships: an editor registers an IOP with its organisations, years,
//! contacts and documents, changes it, follows it up and sets its status;
//! visitors filter the list, see the totals and download the selection.

use crate::common;

use common::{Browser, TestApp, attr, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    an_editor_registers_and_changes_a_partnership,
    bad_input_comes_back_with_every_row_kept,
    the_list_filters_and_sums_the_selection,
    exports_have_the_filtered_rows,
    a_report_is_added_and_the_status_changed,
    another_agreements_partnership_is_not_found,
    only_editors_change_partnerships,
    the_demo_and_the_sitemap_have_partnerships,
);

const EDITOR: &str = "redaktor@demo.example";
const MEMBER: &str = "ledamot@demo.example";

async fn agreement_id(app: &TestApp, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM agreements WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// The n-th signatory organisation of the demo agreement: (id, name).
async fn organisation(app: &TestApp, n: i64) -> (i64, String) {
    sqlx::query_as(&format!(
        "SELECT DISTINCT o.id, o.name FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         JOIN agreements a ON a.id = s.agreement_id WHERE a.slug = 'vg'
         ORDER BY o.id LIMIT 1 OFFSET {n}"
    ))
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

struct Setup<'a> {
    title: &'a str,
    kind: &'a str,
    status: &'a str,
    starts_on: &'a str,
    ends_on: &'a str,
    organisations: &'a [i64],
    /// year, public funding, own contribution, volunteer hours
    years: &'a [(i64, i64, i64, i64)],
}

async fn insert(app: &TestApp, agreement: i64, s: Setup<'_>) -> i64 {
    let pool = &app.state.db.pool;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO partnerships (agreement_id, kind, title, status, starts_on, ends_on, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')
         RETURNING id",
    )
    .bind(agreement)
    .bind(s.kind)
    .bind(s.title)
    .bind(s.status)
    .bind(s.starts_on)
    .bind(s.ends_on)
    .fetch_one(pool)
    .await
    .unwrap();
    for (i, org) in s.organisations.iter().enumerate() {
        sqlx::query(
            "INSERT INTO partnership_organisations (partnership_id, organisation_id, name, position)
             VALUES ($1, $2, 'x', $3)",
        )
        .bind(id)
        .bind(*org)
        .bind(i as i64)
        .execute(pool)
        .await
        .unwrap();
    }
    for (year, public, own, hours) in s.years {
        sqlx::query(
            "INSERT INTO partnership_years (partnership_id, year, public_funding, own_contribution, volunteer_hours)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(*year)
        .bind(*public)
        .bind(*own)
        .bind(*hours)
        .execute(pool)
        .await
        .unwrap();
    }
    id
}

/// Four partnerships in years no demo partnership reaches.
async fn zebra_finches(app: &TestApp) -> (i64, i64, i64, i64) {
    let vg = agreement_id(app, "vg").await;
    let (x, _) = organisation(app, 0).await;
    let (y, _) = organisation(app, 1).await;
    let a = insert(
        app,
        vg,
        Setup {
            title: "Zebrafink A",
            kind: "iop",
            status: "active",
            starts_on: "2090-01-01",
            ends_on: "2092-12-31",
            organisations: &[x],
            years: &[(2091, 100, 50, 10), (2092, 1000, 500, 100)],
        },
    )
    .await;
    let b = insert(
        app,
        vg,
        Setup {
            title: "Zebrafink B",
            kind: "other",
            status: "ended",
            starts_on: "2091-01-01",
            ends_on: "2091-12-31",
            organisations: &[y],
            years: &[(2091, 200, 20, 2)],
        },
    )
    .await;
    let c = insert(
        app,
        vg,
        Setup {
            title: "Annan fågel",
            kind: "iop",
            status: "active",
            starts_on: "2093-01-01",
            ends_on: "2094-12-31",
            organisations: &[x, y],
            years: &[(2093, 7, 0, 0)],
        },
    )
    .await;
    let d = insert(
        app,
        vg,
        Setup {
            title: "=SUM(1+1)",
            kind: "other",
            status: "terminated",
            starts_on: "2095-01-01",
            ends_on: "2095-06-30",
            organisations: &[],
            years: &[(2095, 5, 5, 5)],
        },
    )
    .await;
    (a, b, c, d)
}

fn titles(html: &scraper::Html) -> Vec<String> {
    select_text(html, ".partnerships-table tbody td:first-child")
}

fn total(html: &scraper::Html, id: &str) -> i64 {
    attr(html, &format!("#{id}"), "data-value")
        .unwrap()
        .parse()
        .unwrap()
}

async fn post_redirect(b: &Browser, path: &str, fields: &[(&str, &str)]) -> String {
    let r = b.post_form(path, fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
    location(&r)
}

async fn an_editor_registers_and_changes_a_partnership(app: TestApp) {
    let editor = app.logged_in(EDITOR).await;
    let (status, html) = editor.get_html("/vg/partnerships/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(attr(&html, "#org_id_0", "name").is_some());
    let (org, org_name) = organisation(&app, 2).await;
    let org = org.to_string();
    let page = post_redirect(
        &editor,
        "/vg/partnerships/new",
        &[
            ("kind", "iop"),
            ("title", "Nattvandrare i Exempelby"),
            ("societal_goal", "Tryggare kvällar i centrum"),
            ("target_group", "Unga 13–18 år"),
            ("public_party", "Västra Götalandsregionen"),
            ("public_committee", "Regionala utvecklingsnämnden"),
            ("starts_on", "2025-01-01"),
            ("ends_on", "2026-12-31"),
            ("status", "active"),
            (
                "assessment",
                "Ingen motprestation; ingen ekonomisk verksamhet.",
            ),
            ("decision_body", "Regionala utvecklingsnämnden"),
            ("decision_on", "2024-11-20"),
            ("case_number", "RUN 2024-00999"),
            ("description", "Vi **vandrar** på fredagar."),
            ("org_id", &org),
            ("org_name", ""),
            ("org_id", ""),
            ("org_name", "Fiktiva Nattvandrarna"),
            ("org_id", ""),
            ("org_name", ""),
            ("year", "2025"),
            ("public_funding", "150 000"),
            ("own_contribution", "40 000"),
            ("volunteer_hours", "1 200"),
            ("year", "2026"),
            ("public_funding", "160000"),
            ("own_contribution", ""),
            ("volunteer_hours", "800"),
            ("year", ""),
            ("public_funding", ""),
            ("own_contribution", ""),
            ("volunteer_hours", ""),
            ("contact_name", "Jonna Provsson"),
            ("contact_role", "Samordnare"),
            ("contact_email", "jonna.provsson@demo.example"),
            ("contact_phone", "010-000 00 07"),
            ("contact_name", ""),
            ("contact_role", ""),
            ("contact_email", ""),
            ("contact_phone", ""),
            ("doc_title", "Överenskommelsen"),
            ("doc_url", "https://dokument.demo.example/natt.pdf"),
        ],
    )
    .await;
    let id: i64 = page
        .strip_prefix("/vg/partnerships/")
        .unwrap()
        .parse()
        .unwrap();

    let (status, html) = app.browser().get_html(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "h1"), vec!["Nattvandrare i Exempelby"]);
    assert_eq!(
        select_text(&html, "#organisations li"),
        vec![org_name.clone(), "Fiktiva Nattvandrarna".to_string()]
    );
    // (select_text makes the no-break spaces plain ones.)
    assert_eq!(
        select_text(&html, "#years tbody tr"),
        vec![
            "2025 150 000 kr 40 000 kr 1 200",
            "2026 160 000 kr 0 kr 800"
        ]
    );
    assert_eq!(
        select_text(&html, "#years tfoot tr"),
        vec!["Totalt 310 000 kr 40 000 kr 2 000"]
    );
    assert_eq!(
        attr(&html, "#contacts a[href^='tel:']", "href").as_deref(),
        Some("tel:+46100000007")
    );
    let shown = select_text(&html, "#contacts a[href^='tel:']");
    assert_eq!(
        shown,
        vec![overens::bodies::phone::Phone::from_stored("+46100000007").swedish()]
    );
    assert_eq!(select_text(&html, "#documents a"), vec!["Överenskommelsen"]);
    assert!(html.html().contains("<strong>vandrar</strong>"));
    // Visitors get no edit links; the editor does.
    assert!(attr(&html, &format!("a[href='{page}/edit']"), "href").is_none());
    let (_, html) = editor.get_html(&page).await;
    assert!(attr(&html, &format!("a[href='{page}/edit']"), "href").is_some());
    // No decision yet; once one is in the register, it is linked.
    assert!(attr(&html, "#decision-link", "href").is_none());
    let vg = agreement_id(&app, "vg").await;
    let decision: i64 = sqlx::query_scalar(
        "INSERT INTO decisions (agreement_id, decided_on, body_name, text, subject_kind, subject_id, created_at)
         VALUES ($1, '2024-11-20', 'Regionala utvecklingsnämnden', 'Nämnden ingår partnerskapet.', 'partnership', $2, '2026-01-01T00:00:00.000000Z')
         RETURNING id",
    )
    .bind(vg)
    .bind(id)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    app.wrote_directly();
    let (_, html) = app.browser().get_html(&page).await;
    assert_eq!(
        attr(&html, "#decision-link", "href"),
        Some(format!("/vg/decisions/{decision}"))
    );

    // The form shows what is stored, the phone the Swedish way.
    let (status, html) = editor.get_html(&format!("{page}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        attr(&html, "#org_id_0 option[selected]", "value"),
        Some(org.clone())
    );
    assert_eq!(
        attr(&html, "#org_name_1", "value").as_deref(),
        Some("Fiktiva Nattvandrarna")
    );
    assert_eq!(
        attr(&html, "#public_funding_0", "value").as_deref(),
        Some("150000")
    );
    assert_eq!(
        attr(&html, "#contact_phone_0", "value"),
        Some(overens::bodies::phone::Phone::from_stored("+46100000007").swedish())
    );
    // A change replaces the rows.
    let again = post_redirect(
        &editor,
        &format!("{page}/edit"),
        &[
            ("kind", "other"),
            ("title", "Nattvandrare i hela Exempelby"),
            ("starts_on", "2025-01-01"),
            ("ends_on", ""),
            ("status", "active"),
            ("org_id", ""),
            ("org_name", "Fiktiva Nattvandrarna"),
            ("year", "2027"),
            ("public_funding", "1"),
            ("own_contribution", "2"),
            ("volunteer_hours", "3"),
        ],
    )
    .await;
    assert_eq!(again, page);
    let stored: (String, String, Option<String>) =
        sqlx::query_as("SELECT title, kind, ends_on FROM partnerships WHERE id = $1")
            .bind(id)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        stored,
        ("Nattvandrare i hela Exempelby".into(), "other".into(), None)
    );
    let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT year, public_funding, own_contribution, volunteer_hours FROM partnership_years
         WHERE partnership_id = $1",
    )
    .bind(id)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(rows, vec![(2027, 1, 2, 3)]);
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM partnership_organisations WHERE partnership_id = {id}"
    );
    assert_eq!(count(&app, &sql).await, 1);
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM partnership_contacts WHERE partnership_id = {id}"
    );
    assert_eq!(count(&app, &sql).await, 0);
    let audit: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'partnership.%' ORDER BY id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(audit, vec!["partnership.create", "partnership.edit"]);
}

async fn bad_input_comes_back_with_every_row_kept(app: TestApp) {
    let editor = app.logged_in(EDITOR).await;
    let before = count(&app, "SELECT CAST(COUNT(*) AS BIGINT) FROM partnerships").await;
    let r = editor
        .post_form(
            "/vg/partnerships/new",
            &[
                ("kind", "iop"),
                ("title", "  "),
                ("starts_on", "2025-13-01"),
                ("ends_on", "2025-02-01"),
                ("status", "active"),
                ("decision_on", "20 nov 2024"),
                ("org_id", "999999"),
                ("org_name", ""),
                ("org_id", ""),
                ("org_name", "Fiktiva Föreningen"),
                ("year", "1989"),
                ("public_funding", "12 kr"),
                ("own_contribution", "-5"),
                ("volunteer_hours", "7"),
                ("year", "2025"),
                ("public_funding", "1 000"),
                ("own_contribution", ""),
                ("volunteer_hours", ""),
                ("year", "2025"),
                ("public_funding", "5"),
                ("own_contribution", ""),
                ("volunteer_hours", ""),
                ("contact_name", ""),
                ("contact_role", "Samordnare"),
                ("contact_email", "inte-en-adress"),
                ("contact_phone", "ring mig"),
                ("doc_title", ""),
                ("doc_url", "ftp://dokument.demo.example/x"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(select_text(&html, "title")[0].starts_with("Fel: "));
    let summary: Vec<String> = select_text(&html, ".error-summary a").into_iter().collect();
    assert!(!summary.is_empty());
    let targets: Vec<String> = {
        let sel = scraper::Selector::parse(".error-summary a").unwrap();
        html.select(&sel)
            .filter_map(|a| a.value().attr("href").map(String::from))
            .collect()
    };
    for field in [
        "#title",
        "#starts_on",
        "#decision_on",
        "#org_id_0",
        "#year_0",
        "#public_funding_0",
        "#own_contribution_0",
        "#year_2",
        "#contact_name_0",
        "#contact_email_0",
        "#contact_phone_0",
        "#doc_title_0",
        "#doc_url_0",
    ] {
        assert!(
            targets.contains(&field.to_string()),
            "{field} in {targets:?}"
        );
    }
    // Everything typed is there again, rows included.
    let value = |id: &str| attr(&html, &format!("#{id}"), "value").unwrap_or_default();
    assert_eq!(value("starts_on"), "2025-13-01");
    assert_eq!(value("org_name_1"), "Fiktiva Föreningen");
    assert_eq!(value("year_0"), "1989");
    assert_eq!(value("public_funding_0"), "12 kr");
    assert_eq!(value("own_contribution_0"), "-5");
    assert_eq!(value("volunteer_hours_0"), "7");
    assert_eq!(value("public_funding_1"), "1 000");
    assert_eq!(value("contact_role_0"), "Samordnare");
    assert_eq!(value("contact_email_0"), "inte-en-adress");
    assert_eq!(value("contact_phone_0"), "ring mig");
    assert_eq!(value("doc_url_0"), "ftp://dokument.demo.example/x");
    // With blank rows after them to add more.
    assert!(attr(&html, "#year_4", "name").is_some());
    let after = count(&app, "SELECT CAST(COUNT(*) AS BIGINT) FROM partnerships").await;
    assert_eq!(before, after, "nothing saved");

    // An end before the start is caught at the end date.
    let r = editor
        .post_form(
            "/vg/partnerships/new",
            &[
                ("kind", "iop"),
                ("title", "Baklänges"),
                ("starts_on", "2025-03-01"),
                ("ends_on", "2025-02-28"),
                ("status", "planned"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, "#ends_on-error"),
        vec!["Fel: Slutdatumet kan inte vara före startdatumet"]
    );
    assert_eq!(attr(&html, "#title", "value").as_deref(), Some("Baklänges"));

    // The same on an existing partnership: nothing of it changes.
    let vg = agreement_id(&app, "vg").await;
    let id = insert(
        &app,
        vg,
        Setup {
            title: "Orörd",
            kind: "iop",
            status: "active",
            starts_on: "2090-01-01",
            ends_on: "2090-12-31",
            organisations: &[],
            years: &[(2090, 10, 10, 10)],
        },
    )
    .await;
    let r = editor
        .post_form(
            &format!("/vg/partnerships/{id}/edit"),
            &[
                ("kind", "iop"),
                ("title", "Ändrad"),
                ("status", "active"),
                ("year", "2090"),
                ("public_funding", "tio"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let title: String = sqlx::query_scalar("SELECT title FROM partnerships WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(title, "Orörd");
}

async fn the_list_filters_and_sums_the_selection(app: TestApp) {
    zebra_finches(&app).await;
    let (x, _) = organisation(&app, 0).await;
    let b = app.browser();

    let (status, html) = b.get_html("/vg/partnerships?year=2091").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&html), vec!["Zebrafink B", "Zebrafink A"]);
    // With a year, the sums are that year's.
    assert_eq!(total(&html, "total-count"), 2);
    assert_eq!(total(&html, "total-public"), 300);
    assert_eq!(total(&html, "total-own"), 70);
    assert_eq!(total(&html, "total-hours"), 12);

    let (_, html) = b.get_html("/vg/partnerships?year=2091&status=active").await;
    assert_eq!(titles(&html), vec!["Zebrafink A"]);
    assert_eq!(total(&html, "total-public"), 100);

    let (_, html) = b.get_html("/vg/partnerships?year=2091&kind=other").await;
    assert_eq!(titles(&html), vec!["Zebrafink B"]);

    // Without a year, all years count.
    let (_, html) = b.get_html("/vg/partnerships?q=zebrafink").await;
    assert_eq!(titles(&html), vec!["Zebrafink B", "Zebrafink A"]);
    assert_eq!(total(&html, "total-public"), 1300);
    assert_eq!(total(&html, "total-own"), 570);

    let (_, html) = b
        .get_html(&format!("/vg/partnerships?q=ZEBRA&organisation={x}"))
        .await;
    assert_eq!(titles(&html), vec!["Zebrafink A"]);
    assert_eq!(total(&html, "total-public"), 1100);

    let (_, html) = b
        .get_html(&format!("/vg/partnerships?organisation={x}&year=2093"))
        .await;
    assert_eq!(titles(&html), vec!["Annan fågel"]);

    // LIKE's wildcards are text.
    let (_, html) = b.get_html("/vg/partnerships?q=%25").await;
    assert!(titles(&html).is_empty());
    assert_eq!(total(&html, "total-count"), 0);

    // The export links carry the filters.
    let (_, html) = b.get_html("/vg/partnerships?year=2091&status=ended").await;
    assert!(
        attr(&html, "a[href^='/vg/partnerships.csv']", "href")
            .unwrap()
            .contains("status=ended")
    );

    // Pages of 25.
    let vg = agreement_id(&app, "vg").await;
    for i in 0..30 {
        insert(
            &app,
            vg,
            Setup {
                title: &format!("Sida {i:02}"),
                kind: "iop",
                status: "planned",
                starts_on: "2080-01-01",
                ends_on: "2080-12-31",
                organisations: &[],
                years: &[(2080, 1, 0, 0)],
            },
        )
        .await;
    }
    let (_, html) = b.get_html("/vg/partnerships?year=2080").await;
    assert_eq!(titles(&html).len(), 25);
    assert_eq!(total(&html, "total-count"), 30);
    assert_eq!(total(&html, "total-public"), 30);
    let next = attr(&html, "a[rel=next]", "href").unwrap();
    assert!(next.contains("year=2080"));
    let (_, html) = b.get_html(&next).await;
    assert_eq!(titles(&html).len(), 5);
}

async fn exports_have_the_filtered_rows(app: TestApp) {
    let (a, b_id, _, d) = zebra_finches(&app).await;
    let b = app.browser();
    let r = b.get("/vg/partnerships.csv?year=2091").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(
        r.headers()["content-disposition"].to_str().unwrap(),
        "attachment; filename=\"vg-partnerships-2091.csv\""
    );
    let text = r.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "id");
    assert_eq!(header[1], "title");
    assert_eq!(header[9], "public_funding");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], b_id.to_string());
    assert_eq!(&rows[0][1], "Zebrafink B");
    assert_eq!(&rows[1][0], a.to_string());
    assert_eq!(&rows[1][9], "100", "the year's public funding");
    assert_eq!(&rows[1][3], "active");
    assert!(rows[1][15].ends_with(&format!("/vg/partnerships/{a}")));

    let r = b.get("/vg/partnerships.csv?q=zebrafink&status=ended").await;
    let text = r.text().await.unwrap();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "Zebrafink B");

    // A title a spreadsheet would run is made text in the CSV...
    let r = b.get("/vg/partnerships.csv?year=2095").await;
    let text = r.text().await.unwrap();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], d.to_string());
    assert_eq!(&rows[0][1], "'=SUM(1+1)");

    // ...and the XLSX has the same rows, as string cells.
    let r = b.get("/vg/partnerships.xlsx?year=2091").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-disposition"].to_str().unwrap(),
        "attachment; filename=\"vg-partnerships-2091.xlsx\""
    );
    let bytes = r.bytes().await.unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range("partnerships").unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(cells.len(), 3);
    assert_eq!(cells[0][1], "title");
    assert_eq!(cells[1][1], "Zebrafink B");
    assert_eq!(cells[2][1], "Zebrafink A");
    assert_eq!(cells[2][9], "100");
    let r = b.get("/vg/partnerships.xlsx?year=2095").await;
    let bytes = r.bytes().await.unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range("partnerships").unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(cells.len(), 2);
    assert_eq!(cells[1][1], "=SUM(1+1)", "a string cell, not a formula");
}

async fn a_report_is_added_and_the_status_changed(app: TestApp) {
    let (a, _, _, _) = zebra_finches(&app).await;
    let editor = app.logged_in(EDITOR).await;
    let page = format!("/vg/partnerships/{a}");
    let (status, html) = editor.get_html(&format!("{page}/reports/new")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(attr(&html, "#reported_on", "value").is_some());

    let r = editor
        .post_form(
            &format!("{page}/reports/new"),
            &[
                ("year", "1989"),
                ("reported_on", "2092-02-30"),
                ("text", "Vi nådde **fler** än väntat."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(attr(&html, "#year", "value").as_deref(), Some("1989"));
    assert_eq!(
        attr(&html, "#reported_on", "value").as_deref(),
        Some("2092-02-30")
    );
    assert_eq!(
        select_text(&html, "#text"),
        vec!["Vi nådde **fler** än väntat."]
    );
    assert_eq!(select_text(&html, ".error-summary li").len(), 2);

    let to = post_redirect(
        &editor,
        &format!("{page}/reports/new"),
        &[
            ("year", "2091"),
            ("reported_on", "2092-02-15"),
            ("text", "Vi nådde **fler** än väntat."),
        ],
    )
    .await;
    assert_eq!(to, format!("{page}#reports"));
    let (_, html) = app.browser().get_html(&page).await;
    assert_eq!(select_text(&html, ".report h3"), vec!["Uppföljning 2091"]);
    assert!(html.html().contains("<strong>fler</strong>"));

    // The status.
    let (_, html) = editor.get_html(&format!("{page}/status")).await;
    assert!(attr(&html, "#status-active[checked]", "value").is_some());
    let r = editor
        .post_form(&format!("{page}/status"), &[("status", "paused")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let to = post_redirect(
        &editor,
        &format!("{page}/status"),
        &[("status", "terminated")],
    )
    .await;
    assert_eq!(to, page);
    let (_, html) = app.browser().get_html(&page).await;
    assert_eq!(select_text(&html, "#status"), vec!["Avbrutet"]);
    let (_, html) = app
        .browser()
        .get_html("/vg/partnerships?status=terminated&q=zebrafink")
        .await;
    assert_eq!(titles(&html), vec!["Zebrafink A"]);
    let audit: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'partnership.%' ORDER BY id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(audit, vec!["partnership.report", "partnership.status"]);
}

async fn another_agreements_partnership_is_not_found(app: TestApp) {
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, created_at)
         VALUES ('exempelstad', 'Överenskommelse i Exempelstad', 'ÖK Exempelstad', 'Exempelstads kommun', '2026-01-01')",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let other = agreement_id(&app, "exempelstad").await;
    let id = insert(
        &app,
        other,
        Setup {
            title: "Främmande partnerskap",
            kind: "iop",
            status: "active",
            starts_on: "2090-01-01",
            ends_on: "2090-12-31",
            organisations: &[],
            years: &[(2090, 999, 0, 0)],
        },
    )
    .await;
    let b = app.browser();
    let (status, _) = b.get_html(&format!("/exempelstad/partnerships/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = b.get_html(&format!("/vg/partnerships/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, html) = b.get_html("/vg/partnerships?year=2090").await;
    assert!(titles(&html).is_empty());
    let admin = app.logged_in("admin@demo.example").await;
    let (status, _) = admin.get_html(&format!("/vg/partnerships/{id}/edit")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let r = admin
        .post_form(
            &format!("/vg/partnerships/{id}/status"),
            &[("status", "ended")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let status: String = sqlx::query_scalar("SELECT status FROM partnerships WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "active");
}

async fn only_editors_change_partnerships(app: TestApp) {
    let (a, _, _, _) = zebra_finches(&app).await;
    let member = app.logged_in(MEMBER).await;
    let page = format!("/vg/partnerships/{a}");
    for path in [
        "/vg/partnerships/new".to_string(),
        format!("{page}/edit"),
        format!("{page}/reports/new"),
        format!("{page}/status"),
    ] {
        let (status, _) = member.get_html(&path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "GET {path}");
    }
    for (path, fields) in [
        (
            "/vg/partnerships/new".to_string(),
            vec![("kind", "iop"), ("title", "Obehörig"), ("status", "active")],
        ),
        (
            format!("{page}/edit"),
            vec![("kind", "iop"), ("title", "Obehörig"), ("status", "active")],
        ),
        (
            format!("{page}/reports/new"),
            vec![
                ("year", "2091"),
                ("reported_on", "2092-01-01"),
                ("text", "x"),
            ],
        ),
        (format!("{page}/status"), vec![("status", "ended")]),
    ] {
        let r = member.post_form(&path, &fields).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "POST {path}");
    }
    let (_, html) = member.get_html(&page).await;
    assert!(attr(&html, &format!("a[href='{page}/edit']"), "href").is_none());
    assert_eq!(
        count(
            &app,
            "SELECT CAST(COUNT(*) AS BIGINT) FROM partnerships WHERE title = 'Obehörig'"
        )
        .await,
        0
    );
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM partnership_reports WHERE partnership_id = {a}"
    );
    assert_eq!(count(&app, &sql).await, 0);
    let status: String = sqlx::query_scalar("SELECT status FROM partnerships WHERE id = $1")
        .bind(a)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "active");
}

async fn the_demo_and_the_sitemap_have_partnerships(app: TestApp) {
    let b = app.browser();
    let (status, html) = b.get_html("/vg/partnerships").await;
    assert_eq!(status, StatusCode::OK);
    let all = titles(&html);
    assert!(
        all.iter()
            .any(|t| t == "Hjärtlarm i Väst – frivilliga livräddare"),
        "{all:?}"
    );
    assert!(all.len() >= 4);
    let (_, html) = b.get_html("/vg/partnerships?status=active").await;
    assert!(titles(&html).len() >= 2);
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM partnerships WHERE title = 'Hjärtlarm i Väst – frivilliga livräddare'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let (status, html) = b.get_html(&format!("/vg/partnerships/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(attr(&html, "#decision-link", "href").is_some());
    assert!(!select_text(&html, ".report").is_empty());
    assert!(
        select_text(&html, "#contacts a[href^='mailto:']")
            .iter()
            .all(|m| m.ends_with("@demo.example"))
    );
    let sitemap = b.get("/sitemap.xml").await.text().await.unwrap();
    assert!(sitemap.contains("/vg/partnerships</loc>"));
    assert!(sitemap.contains(&format!("/vg/partnerships/{id}</loc>")));
}
