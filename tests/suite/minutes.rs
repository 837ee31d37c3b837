//! Minutes and notes: drafts with § numbers per body and year, adjustment,
//! publication, corrections kept as versions, the decisions register, the
//! decisions of applications in it, and the minutes as PDF.

use crate::common;

use common::{Browser, TestApp, attr, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    draft_adjusted_published_with_the_register_filled,
    section_numbers_run_per_body_and_year,
    two_editors_adding_at_once_get_different_numbers,
    adjusted_minutes_refuse_edits,
    a_correction_keeps_the_earlier_text,
    notes_are_published_without_adjustment,
    a_decision_entered_directly_is_checked,
    an_application_decided_on_its_page_is_in_the_register,
    the_pdf_has_the_sections,
    names_beyond_winansi_are_kept_in_the_pdf,
    another_agreements_minutes_and_decisions_are_not_found,
);

const EDITOR: &str = "redaktor@demo.example";

async fn agreement_id(app: &TestApp, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM agreements WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// The n-th body of the demo agreement: (id, name).
async fn body(app: &TestApp, n: i64) -> (i64, String) {
    sqlx::query_as(&format!(
        "SELECT b.id, b.name FROM bodies b JOIN agreements a ON a.id = b.agreement_id
         WHERE a.slug = 'vg' ORDER BY b.id LIMIT 1 OFFSET {n}"
    ))
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

/// A meeting starting at this UTC instant, two hours long.
async fn meeting(
    app: &TestApp,
    agreement: i64,
    body: Option<i64>,
    title: &str,
    starts_at: &str,
) -> i64 {
    let ends_at = starts_at.replace("T12:", "T14:");
    sqlx::query_scalar(
        "INSERT INTO meetings (agreement_id, body_id, kind, title, starts_at, ends_at, venue_name,
            format, created_at, updated_at)
         VALUES ($1, $2, 'body_meeting', $3, $4, $5, 'Regionens hus', 'in_person', $6, $6)
         RETURNING id",
    )
    .bind(agreement)
    .bind(body)
    .bind(title)
    .bind(starts_at)
    .bind(ends_at)
    .bind("2026-01-01T00:00:00.000000Z")
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

async fn vg_meeting(app: &TestApp, body: Option<i64>, title: &str, starts_at: &str) -> String {
    let agreement = agreement_id(app, "vg").await;
    let id = meeting(app, agreement, body, title, starts_at).await;
    format!("/vg/meetings/{id}/minutes")
}

async fn post_ok(b: &Browser, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let r = b.post_form(path, fields).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{path}: {}",
        r.text().await.unwrap_or_default()
    );
    r
}

async fn create(b: &Browser, minutes: &str, kind: &str) {
    post_ok(b, minutes, &[("kind", kind)]).await;
}

async fn add(b: &Browser, minutes: &str, title: &str, decision: &str) {
    post_ok(
        b,
        &format!("{minutes}/sections"),
        &[
            ("title", title),
            ("discussion", "Gruppen samtalade."),
            ("decision", decision),
            ("subject", ""),
        ],
    )
    .await;
}

async fn headings(b: &Browser, minutes: &str) -> Vec<String> {
    let (status, html) = b.get_html(minutes).await;
    assert_eq!(status, StatusCode::OK, "{minutes}");
    select_text(&html, ".minutes-section h2")
}

async fn section_id(app: &TestApp, title: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM minutes_sections WHERE title = $1")
        .bind(title)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// The minutes row of a minutes page's meeting.
async fn minutes_id(app: &TestApp, minutes: &str) -> i64 {
    let meeting: i64 = minutes.split('/').nth(3).unwrap().parse().unwrap();
    sqlx::query_scalar("SELECT id FROM minutes WHERE meeting_id = $1")
        .bind(meeting)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// Decisions dated in the tests' own year (the demo's are earlier).
const TEST_YEAR: &str = "decided_on >= '2031-01-01'";

async fn adjust(b: &Browser, minutes: &str) {
    post_ok(
        b,
        &format!("{minutes}/adjust"),
        &[
            ("adjusters", "Anna Justerare, Bo Justerare"),
            ("adjusted_on", "2031-03-17"),
        ],
    )
    .await;
}

async fn draft_adjusted_published_with_the_register_filled(app: TestApp) {
    let (body_id, body_name) = body(&app, 0).await;
    let minutes = vg_meeting(
        &app,
        Some(body_id),
        "Sammanträde i mars",
        "2031-03-10T12:00:00.000000Z",
    )
    .await;
    let editor = app.logged_in(EDITOR).await;
    let public = app.browser();

    // Before there are minutes: editors get the form, everyone else a 404.
    assert_eq!(public.get(&minutes).await.status(), StatusCode::NOT_FOUND);
    let (status, html) = editor.get_html(&minutes).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        attr(&html, "#kind-protocol", "checked").as_deref(),
        Some("")
    );
    create(&editor, &minutes, "protocol").await;
    post_ok(
        &editor,
        &format!("{minutes}/header"),
        &[
            ("kind", "protocol"),
            ("chair", "Åsa Ordförande"),
            ("secretary", "Sven Sekreterare"),
            ("present", "Åsa Ordförande\nSven Sekreterare"),
        ],
    )
    .await;
    add(&editor, &minutes, "Mötets öppnande", "").await;
    add(
        &editor,
        &minutes,
        "Handlingsplanens uppföljning",
        "Gruppen godkänner uppföljningen.",
    )
    .await;
    assert_eq!(
        headings(&editor, &minutes).await,
        vec!["§ 1 Mötets öppnande", "§ 2 Handlingsplanens uppföljning"]
    );
    // A draft is the editors' alone.
    assert_eq!(public.get(&minutes).await.status(), StatusCode::NOT_FOUND);
    let member = app.logged_in("ledamot@demo.example").await;
    assert_eq!(member.get(&minutes).await.status(), StatusCode::NOT_FOUND);

    // Adjusting needs the adjusters' names and a date.
    let r = editor
        .post_form(
            &format!("{minutes}/adjust"),
            &[("adjusters", " "), ("adjusted_on", "17 mars")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec![
            "Skriv vem som justerar protokollet",
            "Ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-25"
        ]
    );
    assert_eq!(
        attr(&html, "#adjusted_on", "value").as_deref(),
        Some("17 mars")
    );
    let count: i64 =
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM decisions WHERE {TEST_YEAR}"))
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(count, 0);

    adjust(&editor, &minutes).await;
    let rows: Vec<(String, Option<i64>, String, String)> = sqlx::query_as(&format!(
        "SELECT decided_on, body_id, section_label, text FROM decisions WHERE {TEST_YEAR} ORDER BY id"
    ))
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![(
            "2031-03-10".to_string(),
            Some(body_id),
            "§ 2".to_string(),
            "Gruppen godkänner uppföljningen.".to_string()
        )]
    );
    let decision: i64 = sqlx::query_scalar(&format!("SELECT id FROM decisions WHERE {TEST_YEAR}"))
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    // Adjusted but not published: still not public, nor its decision.
    assert_eq!(public.get(&minutes).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        public
            .get(&format!("/vg/decisions/{decision}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let (_, html) = public.get_html("/vg/decisions?year=2031").await;
    assert!(select_text(&html, ".decisions-table tbody tr").is_empty());

    post_ok(&editor, &format!("{minutes}/publish"), &[]).await;
    let (status, html) = public.get_html(&minutes).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, ".minutes-section h2"),
        vec!["§ 1 Mötets öppnande", "§ 2 Handlingsplanens uppföljning"]
    );
    let facts = select_text(&html, ".minutes-header dd");
    assert!(facts.contains(&"Åsa Ordförande".to_string()), "{facts:?}");
    assert!(facts.contains(&"Anna Justerare, Bo Justerare".to_string()));
    assert!(facts.contains(&"17 mars 2031".to_string()));
    assert_eq!(
        select_text(&html, ".minutes-decision"),
        vec!["Gruppen godkänner uppföljningen."]
    );
    // No editing forms for the public.
    assert!(select_text(&html, "form[action$='/sections']").is_empty());

    let (_, html) = public.get_html("/vg/decisions?year=2031").await;
    assert_eq!(
        select_text(&html, ".decisions-table tbody tr"),
        vec![format!(
            "10 mars 2031 {body_name} § 2 Gruppen godkänner uppföljningen."
        )]
    );
    let (status, html) = public.get_html(&format!("/vg/decisions/{decision}")).await;
    assert_eq!(status, StatusCode::OK);
    let sid = section_id(&app, "Handlingsplanens uppföljning").await;
    assert_eq!(
        attr(&html, ".facts a[href*='/minutes']", "href"),
        Some(format!("{minutes}#s-{sid}"))
    );
    assert!(attr(&html, ".facts a[href^='/vg/bodies/']", "href").is_some());
    // The meeting page links to the published minutes.
    let (_, html) = public.get_html(minutes.trim_end_matches("/minutes")).await;
    assert!(html.html().contains(&format!("href=\"{minutes}\"")));
    // Newest first, with the demo's earlier decisions after it.
    let (_, html) = public.get_html("/vg/decisions").await;
    let all = select_text(&html, ".decisions-table tbody tr");
    assert!(all.len() > 1);
    assert!(all[0].starts_with("10 mars 2031"), "{all:?}");
}

async fn section_numbers_run_per_body_and_year(app: TestApp) {
    let (first, _) = body(&app, 0).await;
    let (second, _) = body(&app, 1).await;
    let editor = app.logged_in(EDITOR).await;
    let a = vg_meeting(&app, Some(first), "Februari", "2031-02-10T12:00:00.000000Z").await;
    let b = vg_meeting(&app, Some(first), "Maj", "2031-05-10T12:00:00.000000Z").await;
    let next_year = vg_meeting(&app, Some(first), "Januari", "2032-01-12T12:00:00.000000Z").await;
    let other_body = vg_meeting(
        &app,
        Some(second),
        "Annat organ",
        "2031-02-11T12:00:00.000000Z",
    )
    .await;
    let own = vg_meeting(&app, None, "Dialogmöte", "2031-02-12T12:00:00.000000Z").await;
    // New Year's Eve at 23:30 in Stockholm is still the old year.
    let new_years_eve = vg_meeting(
        &app,
        Some(first),
        "Nyårsafton",
        "2031-12-31T22:30:00.000000Z",
    )
    .await;
    for m in [&a, &b, &next_year, &other_body, &own, &new_years_eve] {
        create(&editor, m, "protocol").await;
    }
    add(&editor, &a, "a1", "").await;
    add(&editor, &a, "a2", "").await;
    add(&editor, &b, "b1", "").await;
    add(&editor, &a, "a3", "").await;
    add(&editor, &next_year, "n1", "").await;
    add(&editor, &other_body, "o1", "").await;
    add(&editor, &own, "e1", "").await;
    add(&editor, &own, "e2", "").await;
    add(&editor, &new_years_eve, "y1", "").await;
    assert_eq!(
        headings(&editor, &a).await,
        vec!["§ 1 a1", "§ 2 a2", "§ 4 a3"]
    );
    assert_eq!(headings(&editor, &b).await, vec!["§ 3 b1"]);
    assert_eq!(headings(&editor, &next_year).await, vec!["§ 1 n1"]);
    assert_eq!(headings(&editor, &other_body).await, vec!["§ 1 o1"]);
    assert_eq!(headings(&editor, &own).await, vec!["§ 1 e1", "§ 2 e2"]);
    assert_eq!(headings(&editor, &new_years_eve).await, vec!["§ 5 y1"]);

    // Reordering keeps the numbers in order: the two swap numbers.
    let a3 = section_id(&app, "a3").await;
    post_ok(
        &editor,
        &format!("{a}/sections/{a3}/move"),
        &[("direction", "up")],
    )
    .await;
    assert_eq!(
        headings(&editor, &a).await,
        vec!["§ 1 a1", "§ 2 a3", "§ 4 a2"]
    );
    // Editing a § keeps its number.
    post_ok(
        &editor,
        &format!("{a}/sections/{a3}"),
        &[
            ("title", "a3 ändrad"),
            ("discussion", ""),
            ("decision", ""),
            ("subject", ""),
        ],
    )
    .await;
    assert_eq!(
        headings(&editor, &a).await,
        vec!["§ 1 a1", "§ 2 a3 ändrad", "§ 4 a2"]
    );
    // A removed § leaves a gap; the next one added takes the next number.
    let a1 = section_id(&app, "a1").await;
    post_ok(&editor, &format!("{a}/sections/{a1}/delete"), &[]).await;
    add(&editor, &a, "a4", "").await;
    assert_eq!(
        headings(&editor, &a).await,
        vec!["§ 2 a3 ändrad", "§ 4 a2", "§ 6 a4"]
    );
    // A section without a title is refused, with the input kept.
    let r = editor
        .post_form(
            &format!("{a}/sections"),
            &[
                ("title", ""),
                ("discussion", "Bara text"),
                ("decision", ""),
                ("subject", "application:999999"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec!["Fyll i fältet", "Välj ett av alternativen"]
    );
    assert_eq!(select_text(&html, "#discussion"), vec!["Bara text"]);
}

async fn two_editors_adding_at_once_get_different_numbers(app: TestApp) {
    let (first, _) = body(&app, 0).await;
    let one = app.logged_in(EDITOR).await;
    let other = app.logged_in(EDITOR).await;
    let a = vg_meeting(&app, Some(first), "Juni", "2031-06-10T12:00:00.000000Z").await;
    let b = vg_meeting(
        &app,
        Some(first),
        "Juni igen",
        "2031-06-11T12:00:00.000000Z",
    )
    .await;
    create(&one, &a, "protocol").await;
    create(&other, &b, "protocol").await;
    tokio::join!(
        add(&one, &a, "a1", ""),
        add(&other, &b, "b1", ""),
        add(&one, &a, "a2", ""),
        add(&other, &b, "b2", ""),
        add(&one, &a, "a3", ""),
        add(&other, &b, "b3", ""),
    );
    let mut numbers: Vec<i64> = sqlx::query_scalar(
        "SELECT number FROM minutes_sections WHERE year = 2031 AND series = $1 ORDER BY number",
    )
    .bind(first.to_string())
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    numbers.dedup();
    assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6]);
}

async fn adjusted_minutes_refuse_edits(app: TestApp) {
    let (first, _) = body(&app, 0).await;
    let editor = app.logged_in(EDITOR).await;
    let minutes = vg_meeting(&app, Some(first), "Mars", "2031-03-10T12:00:00.000000Z").await;
    create(&editor, &minutes, "protocol").await;
    add(&editor, &minutes, "Beslutsärende", "Bifalls.").await;
    adjust(&editor, &minutes).await;
    let sid = section_id(&app, "Beslutsärende").await;

    let attempts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            format!("{minutes}/header"),
            vec![("kind", "protocol"), ("chair", "Ny ordförande")],
        ),
        (
            format!("{minutes}/sections"),
            vec![("title", "Sent tillägg"), ("decision", "Nytt beslut")],
        ),
        (
            format!("{minutes}/sections/{sid}"),
            vec![("title", "Ändrad rubrik"), ("decision", "Avslås.")],
        ),
        (
            format!("{minutes}/sections/{sid}/move"),
            vec![("direction", "up")],
        ),
        (format!("{minutes}/sections/{sid}/delete"), vec![]),
        (
            format!("{minutes}/adjust"),
            vec![("adjusters", "Någon annan"), ("adjusted_on", "2031-04-01")],
        ),
    ];
    for (path, fields) in attempts {
        let r = editor.post_form(&path, &fields).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "{path}");
        let html = scraper::Html::parse_document(&r.text().await.unwrap());
        assert_eq!(select_text(&html, "h1"), vec!["Protokollet är justerat"]);
        assert!(html.html().contains("Använd Rätta vid paragrafen"));
    }
    assert_eq!(
        editor
            .get(&format!("{minutes}/sections/{sid}"))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    // Nothing changed.
    let mid = minutes_id(&app, &minutes).await;
    let row: (String, String, i64) = sqlx::query_as(
        "SELECT s.title, s.decision, (SELECT COUNT(*) FROM minutes_sections WHERE minutes_id = $1)
         FROM minutes_sections s WHERE s.minutes_id = $1",
    )
    .bind(mid)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(row, ("Beslutsärende".into(), "Bifalls.".into(), 1));
    let (chair, adjusters, state): (String, String, String) =
        sqlx::query_as("SELECT chair, adjusters, state FROM minutes WHERE id = $1")
            .bind(mid)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(chair, "");
    assert_eq!(adjusters, "Anna Justerare, Bo Justerare");
    assert_eq!(state, "adjusted");
    // Notes cannot be adjusted, and a protocol cannot skip adjustment.
    let other = vg_meeting(&app, Some(first), "April", "2031-04-10T12:00:00.000000Z").await;
    create(&editor, &other, "protocol").await;
    add(&editor, &other, "Punkt", "").await;
    let r = editor.post_form(&format!("{other}/publish"), &[]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // Only editors write minutes.
    let member = app.logged_in("ledamot@demo.example").await;
    let r = member
        .post_form(&format!("{other}/sections"), &[("title", "Smygtillägg")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .browser()
        .post_form(&format!("{other}/sections"), &[("title", "Smygtillägg")])
        .await;
    assert!(location(&r).starts_with("/login"), "{}", r.status());
}

async fn a_correction_keeps_the_earlier_text(app: TestApp) {
    let (first, _) = body(&app, 0).await;
    let editor = app.logged_in(EDITOR).await;
    let minutes = vg_meeting(&app, Some(first), "Mars", "2031-03-10T12:00:00.000000Z").await;
    create(&editor, &minutes, "protocol").await;
    add(
        &editor,
        &minutes,
        "Bidrag till dialogmöte",
        "Gruppen beviljar 10 000 kronor.",
    )
    .await;
    adjust(&editor, &minutes).await;
    post_ok(&editor, &format!("{minutes}/publish"), &[]).await;
    let sid = section_id(&app, "Bidrag till dialogmöte").await;

    let (status, html) = editor
        .get_html(&format!("{minutes}/sections/{sid}/correct"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "#decision"),
        vec!["Gruppen beviljar 10 000 kronor."]
    );
    // A correction needs a reason.
    let fields = [
        ("title", "Bidrag till dialogmöte"),
        ("discussion", ""),
        ("decision", "Gruppen beviljar 12 000 kronor."),
        ("subject", ""),
    ];
    let r = editor
        .post_form(&format!("{minutes}/sections/{sid}/correct"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec!["Skriv varför protokollet rättas"]
    );
    assert_eq!(
        select_text(&html, "#decision"),
        vec!["Gruppen beviljar 12 000 kronor."]
    );
    let mut with_reason = fields.to_vec();
    with_reason.push(("reason", "Skrivfel i beloppet"));
    post_ok(
        &editor,
        &format!("{minutes}/sections/{sid}/correct"),
        &with_reason,
    )
    .await;

    let mid = minutes_id(&app, &minutes).await;
    let version: i64 = sqlx::query_scalar("SELECT version FROM minutes WHERE id = $1")
        .bind(mid)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(version, 2);
    let (n, content, reason): (i64, String, String) = sqlx::query_as(
        "SELECT version, content, reason FROM minutes_versions WHERE minutes_id = $1",
    )
    .bind(mid)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(n, 1);
    assert!(content.contains("Gruppen beviljar 10 000 kronor."));
    assert_eq!(reason, "Skrivfel i beloppet");
    let text: String = sqlx::query_scalar("SELECT text FROM decisions WHERE section_id = $1")
        .bind(sid)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(text, "Gruppen beviljar 12 000 kronor.");
    let logged: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'minutes.correct'")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(logged.len(), 1);
    assert!(logged[0].contains("§ 1") && logged[0].contains("Skrivfel i beloppet"));

    // Everyone sees the current text, the correction and the earlier version.
    let public = app.browser();
    let (_, html) = public.get_html(&minutes).await;
    assert_eq!(
        select_text(&html, ".minutes-decision"),
        vec!["Gruppen beviljar 12 000 kronor."]
    );
    // The page shows Swedish time, whatever the machine's zone.
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Stockholm").unwrap())
        .date();
    let corrections = select_text(&html, ".minutes-corrections li");
    assert_eq!(corrections.len(), 1);
    assert!(
        corrections[0].starts_with(&format!("Rättat {} ", today.day()))
            && corrections[0].contains("Skäl: Skrivfel i beloppet"),
        "{corrections:?}"
    );
    let link = attr(&html, ".minutes-corrections a", "href").unwrap();
    assert_eq!(link, format!("{minutes}/versions/1"));
    let (status, html) = public.get_html(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, ".minutes-decision"),
        vec!["Gruppen beviljar 10 000 kronor."]
    );
    assert_eq!(
        public.get(&format!("{minutes}/versions/2")).await.status(),
        StatusCode::NOT_FOUND
    );
    // The register shows the current text.
    let (_, html) = public.get_html("/vg/decisions?year=2031").await;
    assert_eq!(
        select_text(&html, ".decisions-table tbody tr"),
        vec![format!(
            "10 mars 2031 {} § 1 Gruppen beviljar 12 000 kronor.",
            body(&app, 0).await.1
        )]
    );
}

async fn notes_are_published_without_adjustment(app: TestApp) {
    let editor = app.logged_in(EDITOR).await;
    let notes = vg_meeting(
        &app,
        None,
        "Dialogmöte om kultur",
        "2031-09-02T12:00:00.000000Z",
    )
    .await;
    create(&editor, &notes, "notes").await;
    add(&editor, &notes, "Samtal om kulturstöd", "").await;
    add(
        &editor,
        &notes,
        "Nästa möte",
        "Nästa dialogmöte hålls i Borås.",
    )
    .await;
    let election: i64 = sqlx::query_scalar(
        "SELECT e.id FROM elections e JOIN agreements a ON a.id = e.agreement_id
         WHERE a.slug = 'vg' ORDER BY e.id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let subject = format!("election:{election}");
    post_ok(
        &editor,
        &format!("{notes}/sections"),
        &[
            ("title", "Valet till RÖS"),
            ("decision", "Mötet noterar valresultatet."),
            ("subject", &subject),
        ],
    )
    .await;
    // Notes have no adjustment.
    let r = editor
        .post_form(
            &format!("{notes}/adjust"),
            &[("adjusters", "X"), ("adjusted_on", "2031-09-03")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    post_ok(&editor, &format!("{notes}/publish"), &[]).await;
    let (status, html) = app.browser().get_html(&notes).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "h1"),
        vec!["Anteckningar: Dialogmöte om kultur"]
    );
    let rows: Vec<(Option<i64>, String, String)> = sqlx::query_as(&format!(
        "SELECT body_id, section_label, text FROM decisions WHERE {TEST_YEAR} ORDER BY id"
    ))
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![
            (None, "§ 2".into(), "Nästa dialogmöte hålls i Borås.".into()),
            (None, "§ 3".into(), "Mötet noterar valresultatet.".into()),
        ]
    );
    // The election links to its decision, and the notes to the election.
    let decision: i64 = sqlx::query_scalar(&format!(
        "SELECT id FROM decisions WHERE subject_kind = 'election' AND {TEST_YEAR}"
    ))
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let (_, html) = app
        .browser()
        .get_html(&format!("/vg/elections/{election}"))
        .await;
    assert_eq!(
        attr(&html, "a[href^='/vg/decisions/']", "href"),
        Some(format!("/vg/decisions/{decision}"))
    );
    let (_, html) = app.browser().get_html(&notes).await;
    assert_eq!(
        attr(&html, ".minutes-concerns a", "href"),
        Some(format!("/vg/elections/{election}"))
    );
}

async fn a_decision_entered_directly_is_checked(app: TestApp) {
    // The demo has Regionstyrelsen's decision on the 2020–2022 plan already.
    let before_2020 = |app: &TestApp| {
        let pool = app.state.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM decisions WHERE decided_on < '2020-01-01'",
            )
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let demo_count = before_2020(&app).await;
    let editor = app.logged_in(EDITOR).await;
    let (status, html) = editor.get_html("/vg/decisions/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(attr(&html, "#decided_on", "value").is_some());
    let r = editor
        .post_form(
            "/vg/decisions/new",
            &[
                ("decided_on", "2019-13-45"),
                ("body", ""),
                ("body_name", ""),
                ("reference", "RS 2019-00042"),
                ("text", "  "),
                ("subject", "election:notanumber"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec![
            "Ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-25",
            "Välj ett organ eller skriv namnet på det organ som beslutade",
            "Skriv beslutet",
            "Välj ett av alternativen",
        ]
    );
    assert_eq!(
        attr(&html, "#decided_on", "value").as_deref(),
        Some("2019-13-45")
    );
    assert_eq!(
        attr(&html, "#reference", "value").as_deref(),
        Some("RS 2019-00042")
    );
    assert!(select_text(&html, "title")[0].starts_with("Fel: "));
    assert_eq!(before_2020(&app).await, demo_count, "nothing saved");

    let r = post_ok(
        &editor,
        "/vg/decisions/new",
        &[
            ("decided_on", "2019-12-10"),
            ("body", ""),
            ("body_name", "Regionstyrelsen"),
            ("reference", "RS 2019-00042"),
            ("text", "Regionstyrelsen antar handlingsplanen 2020–2022."),
            ("subject", ""),
        ],
    )
    .await;
    let page = location(&r);
    let (status, html) = app.browser().get_html(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "h1"),
        vec!["Beslut av Regionstyrelsen 10 december 2019"]
    );
    let (_, html) = app.browser().get_html("/vg/decisions?year=2019").await;
    let rows = select_text(&html, ".decisions-table tbody tr");
    assert_eq!(rows.len() as i64, demo_count + 1);
    assert!(rows.contains(
        &"10 december 2019 Regionstyrelsen RS 2019-00042 Regionstyrelsen antar handlingsplanen 2020–2022."
            .to_string()
    ));
    // Only editors enter decisions.
    let member = app.logged_in("ledamot@demo.example").await;
    assert_eq!(
        member.get("/vg/decisions/new").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = member
        .post_form("/vg/decisions/new", &[("text", "Smygbeslut")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

async fn an_application_decided_on_its_page_is_in_the_register(app: TestApp) {
    let applicant = app
        .verified_person("Sara Sökande", "sara@example.org")
        .await;
    let r = applicant
        .post_form(
            "/vg/apply",
            &[
                ("name", "Exempelföreningen Väst"),
                ("org_number", "802000-0009"),
                ("legal_form", "61"),
                ("kind", "association"),
                ("level", "regional"),
                ("municipalities", "Göteborg"),
                ("motivation", "Vi vill bidra."),
                ("regional_perspective", "Hela regionen."),
                ("endorses_principles", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let application = location(&r);
    let application_id: i64 = application.rsplit('/').next().unwrap().parse().unwrap();
    let editor = app.logged_in(EDITOR).await;
    let (_, steering_group) = body(&app, 0).await;
    post_ok(
        &editor,
        &format!("{application}/decide"),
        &[
            ("decision", "approve"),
            ("body", &steering_group.to_uppercase()),
            ("decided_on", "2031-03-10"),
            ("section", "§ 14"),
            ("reason", ""),
        ],
    )
    .await;
    let (id, label, subject, body_id): (i64, String, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT id, section_label, subject_id, body_id FROM decisions
         WHERE subject_kind = 'application' AND decided_on >= '2031-01-01'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(label, "§ 14");
    assert_eq!(subject, Some(application_id));
    assert_eq!(body_id, Some(body(&app, 0).await.0));

    // Both ways: the application links to the decision, the decision to the application.
    let (_, html) = editor.get_html(&application).await;
    assert_eq!(
        attr(&html, "a[href^='/vg/decisions/']", "href"),
        Some(format!("/vg/decisions/{id}"))
    );
    let (status, html) = app.browser().get_html(&format!("/vg/decisions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, ".decision-text"),
        vec![
            "Ansökan från Exempelföreningen Väst om att ansluta sig till överenskommelsen bifalls."
        ]
    );
    assert_eq!(
        attr(&html, ".facts a[href^='/vg/applications/']", "href"),
        Some(application.clone())
    );
    let (_, html) = app.browser().get_html("/vg/decisions?year=2031").await;
    assert_eq!(select_text(&html, ".decisions-table tbody tr").len(), 1);

    // Minutes about the same application take over its row, and link to it.
    let minutes = vg_meeting(
        &app,
        Some(body(&app, 0).await.0),
        "Mars",
        "2031-03-10T12:00:00.000000Z",
    )
    .await;
    create(&editor, &minutes, "protocol").await;
    let subject = format!("application:{application_id}");
    post_ok(
        &editor,
        &format!("{minutes}/sections"),
        &[
            ("title", "Ansökan om anslutning"),
            ("decision", "Ansökan bifalls."),
            ("subject", &subject),
        ],
    )
    .await;
    adjust(&editor, &minutes).await;
    post_ok(&editor, &format!("{minutes}/publish"), &[]).await;
    let rows: Vec<(i64, Option<i64>, String)> = sqlx::query_as(
        "SELECT id, section_id, text FROM decisions WHERE subject_kind = 'application' AND subject_id = $1",
    )
    .bind(application_id)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, id);
    assert!(rows[0].1.is_some());
    assert_eq!(rows[0].2, "Ansökan bifalls.");
    let (_, html) = app.browser().get_html(&minutes).await;
    assert_eq!(
        attr(&html, ".minutes-concerns a", "href"),
        Some(application)
    );
    assert_eq!(
        select_text(&html, ".minutes-concerns"),
        vec!["Gäller: Ansökan: Exempelföreningen Väst"]
    );
    // A later decision about it entered by hand, then a correction of the §:
    // the § keeps its own row and the other stays as it is.
    post_ok(
        &editor,
        "/vg/decisions/new",
        &[
            ("decided_on", "2031-04-01"),
            ("body_name", "Regionstyrelsen"),
            ("text", "Regionstyrelsen noterar anslutningen."),
            ("subject", &subject),
        ],
    )
    .await;
    let sid = section_id(&app, "Ansökan om anslutning").await;
    post_ok(
        &editor,
        &format!("{minutes}/sections/{sid}/correct"),
        &[
            ("title", "Ansökan om anslutning"),
            ("decision", "Ansökan bifalls från och med den 1 april."),
            ("subject", &subject),
            ("reason", "Datumet saknades"),
        ],
    )
    .await;
    let texts: Vec<(Option<i64>, String)> = sqlx::query_as(
        "SELECT section_id, text FROM decisions WHERE subject_kind = 'application' AND subject_id = $1
         ORDER BY id",
    )
    .bind(application_id)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(
        texts,
        vec![
            (
                Some(sid),
                "Ansökan bifalls från och med den 1 april.".to_string()
            ),
            (None, "Regionstyrelsen noterar anslutningen.".to_string()),
        ]
    );
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = printpdf::PdfDocument::parse(bytes, &Default::default(), &mut Vec::new())
        .expect("a PDF that parses");
    doc.extract_text()
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

async fn the_pdf_has_the_sections(app: TestApp) {
    let (first, _) = body(&app, 0).await;
    let editor = app.logged_in(EDITOR).await;
    let minutes = vg_meeting(
        &app,
        Some(first),
        "Sammanträde i Göteborg",
        "2031-03-10T12:00:00.000000Z",
    )
    .await;
    let pdf = format!("{minutes}.pdf");
    create(&editor, &minutes, "protocol").await;
    add(&editor, &minutes, "Välkommen och upprop", "").await;
    add(
        &editor,
        &minutes,
        "Å, Ä, Ö, é – och ”citat”",
        "Årsmötet på Öland är den 5–6 juni.",
    )
    .await;
    let long = "Överenskommelsegruppen diskuterar förslaget om långsiktigt stöd till föreningar i hela regionen. ".repeat(40);
    post_ok(
        &editor,
        &format!("{minutes}/sections"),
        &[
            ("title", "Ärende om stöd åt ideella föreningar"),
            ("discussion", &long),
            ("decision", "Gruppen ställer sig bakom förslaget."),
        ],
    )
    .await;
    // Drafts have no PDF.
    assert_eq!(editor.get(&pdf).await.status(), StatusCode::NOT_FOUND);
    adjust(&editor, &minutes).await;
    // Adjusted: the editors' alone until published.
    assert_eq!(
        app.browser().get(&pdf).await.status(),
        StatusCode::NOT_FOUND
    );
    post_ok(&editor, &format!("{minutes}/publish"), &[]).await;
    let r = app.browser().get(&pdf).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".pdf")
    );
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    // The standard fonts are not embedded: a two-page protocol stays small.
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    assert!(!String::from_utf8_lossy(&bytes).contains("FontFile"));
    let text = pdf_text(&bytes);
    for expected in [
        "Protokoll: Sammanträde i Göteborg",
        "§ 1 Välkommen och upprop",
        "§ 2 Å, Ä, Ö, é – och ”citat”",
        "Årsmötet på Öland är den 5–6 juni.",
        "§ 3 Ärende om stöd åt ideella föreningar",
        "Gruppen ställer sig bakom förslaget.",
        "Justerare: Anna Justerare, Bo Justerare",
    ] {
        assert!(text.contains(expected), "{expected} not in {text}");
    }
    // The long discussion is wrapped over several lines and pages, every word kept.
    let words = text.matches("långsiktigt").count();
    assert_eq!(words, 40);
    let doc = printpdf::PdfDocument::parse(&bytes, &Default::default(), &mut Vec::new()).unwrap();
    assert!(doc.pages.len() >= 2, "{} pages", doc.pages.len());
    // The page links to it once it exists.
    let (_, html) = app.browser().get_html(&minutes).await;
    assert_eq!(attr(&html, ".minutes-downloads a", "href"), Some(pdf));
}

async fn names_beyond_winansi_are_kept_in_the_pdf(app: TestApp) {
    let (first, _) = body(&app, 0).await;
    let editor = app.logged_in(EDITOR).await;
    let minutes = vg_meeting(
        &app,
        Some(first),
        "Sammanträde i Malmö",
        "2031-04-14T12:00:00.000000Z",
    )
    .await;
    let pdf = format!("{minutes}.pdf");
    create(&editor, &minutes, "protocol").await;
    add(&editor, &minutes, "Välkommen och upprop", "").await;
    add(
        &editor,
        &minutes,
        "Łukasz Şahin och Юлия",
        "Юлия Смирнова och Łukasz Wróbel väljs till justerare; Ayşe Ağaoğlu föredrar ärendet.",
    )
    .await;
    adjust(&editor, &minutes).await;
    post_ok(&editor, &format!("{minutes}/publish"), &[]).await;
    let r = app.browser().get(&pdf).await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&bytes);
    // Every character comes back, none as "?".
    for expected in [
        "Protokoll: Sammanträde i Malmö",
        "§ 1 Välkommen och upprop",
        "§ 2 Łukasz Şahin och Юлия",
        "Юлия Смирнова och Łukasz Wróbel väljs till justerare;",
        "Ayşe Ağaoğlu",
    ] {
        assert!(text.contains(expected), "{expected} not in {text}");
    }
    assert!(!text.contains('?'), "{text}");
    // Helvetica cannot show them, so DejaVu Sans is embedded for these minutes.
    assert!(
        String::from_utf8_lossy(&bytes).contains("FontFile2"),
        "no embedded font"
    );
}

async fn another_agreements_minutes_and_decisions_are_not_found(app: TestApp) {
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, created_at)
         VALUES ('exempelstad', 'Överenskommelse i Exempelstad', 'ÖK Exempelstad', 'Exempelstads kommun', '2026-01-01')",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let other = agreement_id(&app, "exempelstad").await;
    let meeting_id = meeting(
        &app,
        other,
        None,
        "Annat möte",
        "2031-03-10T12:00:00.000000Z",
    )
    .await;
    let now = "2031-03-11T00:00:00.000000Z";
    let minutes_id: i64 = sqlx::query_scalar(
        "INSERT INTO minutes (meeting_id, kind, state, published_at, created_at, updated_at)
         VALUES ($1, 'notes', 'published', $2, $2, $2) RETURNING id",
    )
    .bind(meeting_id)
    .bind(now)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let section: i64 = sqlx::query_scalar(
        "INSERT INTO minutes_sections (minutes_id, agreement_id, series, year, number, position, title, decision)
         VALUES ($1, $2, 'agreement', 2031, 1, 1, 'Främmande paragraf', 'Främmande beslut') RETURNING id",
    )
    .bind(minutes_id)
    .bind(other)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let decision: i64 = sqlx::query_scalar(
        "INSERT INTO decisions (agreement_id, decided_on, meeting_id, section_id, section_label, text, created_at)
         VALUES ($1, '2031-03-10', $2, $3, '§ 1', 'Främmande beslut', $4) RETURNING id",
    )
    .bind(other)
    .bind(meeting_id)
    .bind(section)
    .bind(now)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();

    // Under its own agreement it is there ...
    let public = app.browser();
    assert_eq!(
        public
            .get(&format!("/exempelstad/meetings/{meeting_id}/minutes"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        public
            .get(&format!("/exempelstad/decisions/{decision}"))
            .await
            .status(),
        StatusCode::OK
    );
    // ... under another it is not, not even for that one's editor.
    let editor = app.logged_in(EDITOR).await;
    for b in [&public, &editor] {
        for path in [
            format!("/vg/meetings/{meeting_id}/minutes"),
            format!("/vg/meetings/{meeting_id}/minutes.pdf"),
            format!("/vg/meetings/{meeting_id}/minutes/versions/1"),
            format!("/vg/decisions/{decision}"),
        ] {
            assert_eq!(b.get(&path).await.status(), StatusCode::NOT_FOUND, "{path}");
        }
    }
    for path in [
        format!("/vg/meetings/{meeting_id}/minutes/sections"),
        format!("/vg/meetings/{meeting_id}/minutes/sections/{section}/delete"),
        format!("/vg/meetings/{meeting_id}/minutes/publish"),
    ] {
        let r = editor.post_form(&path, &[("title", "Intrång")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // The vg register does not list it.
    let (_, html) = editor.get_html("/vg/decisions").await;
    assert!(!html.html().contains("Främmande beslut"));
    // The sitemap lists the published minutes, the decision and the registers.
    let paths = overens::minutes::sitemap(&app.state.db).await.unwrap();
    for expected in [
        "/vg/decisions".to_string(),
        "/exempelstad/decisions".to_string(),
        format!("/exempelstad/meetings/{meeting_id}/minutes"),
        format!("/exempelstad/decisions/{decision}"),
    ] {
        assert!(paths.contains(&expected), "{expected} not in {paths:?}");
    }
}
