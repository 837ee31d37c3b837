//! Search: one table of queries and the hits they must (and must not) give,
//! for each kind of viewer, on both backends; then visibility, facets,
//! ranking, the change log, and a second process sharing the database.

use crate::common;

use std::net::SocketAddr;

use common::{Browser, TestApp, select_text};
use overens::search::Kind;
use reqwest::StatusCode;
use scraper::{Html, Selector};

on_both_backends!(
    the_query_table_gives_the_expected_hits,
    internal_documents_and_their_words_stay_internal,
    facets_count_and_filter_by_type_and_year,
    ties_go_to_the_newer,
    a_change_is_found_at_once_and_a_deletion_is_gone,
    another_process_finds_a_change_made_through_the_first,
    the_search_across_agreements_and_within_one,
    odd_queries_are_answered_calmly,
);

const EDITOR: &str = "redaktor@demo.example";
const MEMBER: &str = "ledamot@demo.example";
const REPRESENTATIVE: &str = "representant@demo.example";

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// A document of the library with its first version's text, logged for the
/// index as the library does. Returns its id.
async fn document(
    app: &TestApp,
    agreement_id: i64,
    title: &str,
    date: &str,
    visibility: &str,
    body_id: Option<i64>,
    text: &str,
) -> i64 {
    let pool = &app.state.db.pool;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO documents (agreement_id, kind, title, document_date, body_id, visibility,
                                current_version, created_at, updated_at)
         VALUES ($1, 'rapport', $2, $3, $4, $5, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
         RETURNING id",
    )
    .bind(agreement_id)
    .bind(title)
    .bind(date)
    .bind(body_id)
    .bind(visibility)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO document_versions (document_id, number, file_name, content_type, size, sha256,
                                        storage_key, text, uploaded_at)
         VALUES ($1, 1, 'fil.pdf', 'application/pdf', 100, 'x', $2, $3, '2026-01-01T00:00:00Z')",
    )
    .bind(id)
    .bind(format!("test/{id}"))
    .bind(text)
    .execute(pool)
    .await
    .unwrap();
    overens::search::changed(pool, Kind::Document, id)
        .await
        .unwrap();
    id
}

async fn news(app: &TestApp, agreement_id: i64, title: &str, publish_at: Option<&str>) -> i64 {
    let pool = &app.state.db.pool;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO news (agreement_id, kind, title, lead, body, publish_at, created_at, updated_at)
         VALUES ($1, 'news', $2, 'Ingress.', 'Brödtext.', $3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
         RETURNING id",
    )
    .bind(agreement_id)
    .bind(title)
    .bind(publish_at)
    .fetch_one(pool)
    .await
    .unwrap();
    overens::search::changed(pool, Kind::News, id)
        .await
        .unwrap();
    id
}

struct Seeded {
    vg: i64,
    report: i64,
    apart: i64,
    internal: i64,
    for_group: i64,
    for_steering: i64,
    scheduled: i64,
    published: i64,
}

async fn seed(app: &TestApp) -> Seeded {
    let vg = scalar(app, "SELECT id FROM agreements WHERE slug = 'vg'").await;
    let group = scalar(
        app,
        "SELECT id FROM bodies WHERE slug = 'regionala-overenskommelsegruppen'",
    )
    .await;
    let steering = scalar(
        app,
        "SELECT id FROM bodies WHERE slug <> 'regionala-overenskommelsegruppen' ORDER BY id LIMIT 1",
    )
    .await;
    Seeded {
        vg,
        report: document(
            app,
            vg,
            "Rapport om en idéburen förening i Västra Götaland",
            "2025-03-10",
            "public",
            None,
            "Föreningarnas villkor i Göteborg och Borås. Vi vill ha tidig dialog och bättre samverkan.",
        )
        .await,
        apart: document(
            app,
            vg,
            "Minnesanteckning från budgetsamtalet",
            "2025-04-01",
            "public",
            None,
            "Ett samtal om dialog i budgeten, som kom alldeles för tidig på året.",
        )
        .await,
        internal: document(
            app,
            vg,
            "Internt PM om läget",
            "2025-05-01",
            "editors",
            None,
            "Det här handlar om kvarnstensbudgeten och inget annat.",
        )
        .await,
        for_group: document(
            app,
            vg,
            "Underlag till gruppen",
            "2025-06-01",
            "members",
            Some(group),
            "Arbetsmaterial om zebraflöjter.",
        )
        .await,
        for_steering: document(
            app,
            vg,
            "Underlag till styrgruppen",
            "2025-06-02",
            "members",
            Some(steering),
            "Arbetsmaterial om pärlugglor.",
        )
        .await,
        scheduled: news(app, vg, "Kommande nyhet om snöugglor", Some("2099-01-01T08:00:00Z")).await,
        published: news(app, vg, "Nyhet om snöugglor i parken", Some("2026-02-01T08:00:00Z")).await,
    }
}

/// The hits of a search, as the paths they link to, in order.
async fn hits(b: &Browser, path: &str, q: &str) -> Vec<String> {
    let url = format!(
        "{path}?{}",
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("q", q)
            .finish()
    );
    hits_at(b, &url).await
}

async fn hits_at(b: &Browser, url: &str) -> Vec<String> {
    let (status, html) = b.get_html(url).await;
    assert_eq!(status, StatusCode::OK, "{url}");
    links(&html)
}

fn links(html: &Html) -> Vec<String> {
    let sel = Selector::parse("li.search-hit h3 a").unwrap();
    html.select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// What a case shows, who asks, the query, hits that must be among the
/// results and hits that must not be.
type Case<'a> = (&'a str, &'a Browser, &'a str, Vec<String>, Vec<String>);

async fn the_query_table_gives_the_expected_hits(app: TestApp) {
    let s = seed(&app).await;
    let doc = |id: i64| format!("/vg/documents/{id}");
    let anonymous = app.browser();
    let editor = app.logged_in(EDITOR).await;
    let member = app.logged_in(MEMBER).await;
    let representative = app.logged_in(REPRESENTATIVE).await;
    let news = |id: i64| format!("/vg/news/{id}");
    let table: Vec<Case> = vec![
        (
            "stemming: plural finds singular",
            &anonymous,
            "föreningar",
            vec![doc(s.report)],
            vec![],
        ),
        (
            "stemming: definite form",
            &anonymous,
            "föreningen",
            vec![doc(s.report)],
            vec![],
        ),
        (
            "å, ä, ö in capitals",
            &anonymous,
            "GÖTEBORG",
            vec![doc(s.report)],
            vec![],
        ),
        (
            "one typo: ö as o",
            &anonymous,
            "goteborg",
            vec![doc(s.report)],
            vec![],
        ),
        (
            "one typo: a letter changed",
            &anonymous,
            "samvärkan",
            vec![doc(s.report)],
            vec![],
        ),
        (
            "one typo: letters swapped",
            &anonymous,
            "samvekran",
            vec![doc(s.report)],
            vec![],
        ),
        (
            "two typos are too many",
            &anonymous,
            "smvärkan",
            vec![],
            vec![doc(s.report)],
        ),
        (
            "all words must match",
            &anonymous,
            "göteborg snöugglor",
            vec![],
            vec![doc(s.report)],
        ),
        (
            "words anywhere",
            &anonymous,
            "tidig dialog",
            vec![doc(s.report), doc(s.apart)],
            vec![],
        ),
        (
            "an exact phrase",
            &anonymous,
            "\"tidig dialog\"",
            vec![doc(s.report)],
            vec![doc(s.apart)],
        ),
        (
            "a word left out",
            &anonymous,
            "tidig dialog -göteborg",
            vec![doc(s.apart)],
            vec![doc(s.report)],
        ),
        (
            "stop words do not hide the rest",
            &anonymous,
            "villkor i Borås",
            vec![doc(s.report)],
            vec![],
        ),
        (
            "editors' document, public",
            &anonymous,
            "kvarnstensbudgeten",
            vec![],
            vec![doc(s.internal)],
        ),
        (
            "editors' document, representative",
            &representative,
            "kvarnstensbudgeten",
            vec![],
            vec![doc(s.internal)],
        ),
        (
            "editors' document, body member",
            &member,
            "kvarnstensbudgeten",
            vec![],
            vec![doc(s.internal)],
        ),
        (
            "editors' document, editor",
            &editor,
            "kvarnstensbudgeten",
            vec![doc(s.internal)],
            vec![],
        ),
        (
            "group's document, public",
            &anonymous,
            "zebraflöjter",
            vec![],
            vec![doc(s.for_group)],
        ),
        (
            "group's document, representative",
            &representative,
            "zebraflöjter",
            vec![],
            vec![doc(s.for_group)],
        ),
        (
            "group's document, its member",
            &member,
            "zebraflöjter",
            vec![doc(s.for_group)],
            vec![],
        ),
        (
            "group's document, editor",
            &editor,
            "zebraflöjter",
            vec![doc(s.for_group)],
            vec![],
        ),
        (
            "another body's document, not its member",
            &member,
            "pärlugglor",
            vec![],
            vec![doc(s.for_steering)],
        ),
        (
            "scheduled news, public",
            &anonymous,
            "snöugglor",
            vec![news(s.published)],
            vec![news(s.scheduled)],
        ),
        (
            "scheduled news, editor",
            &editor,
            "snöugglor",
            vec![news(s.published), news(s.scheduled)],
            vec![],
        ),
        // The demo's own content, one of each kind.
        (
            "an organisation",
            &anonymous,
            "funktionsrätt",
            vec!["/organisations/demobys-forening-for-funktionsratt".into()],
            vec![],
        ),
        (
            "a meeting",
            &anonymous,
            "dialogkonferens praktiken",
            vec!["/vg/meetings/1".into()],
            vec![],
        ),
        (
            "a measure",
            &anonymous,
            "vägledning nämndernas",
            vec!["/vg/measures/8".into()],
            vec![],
        ),
        (
            "a proposal",
            &anonymous,
            "bidrag föreningar öppna",
            vec!["/vg/proposals/4".into()],
            vec![],
        ),
        (
            "a draft plan is the editors'",
            &anonymous,
            "2027",
            vec![],
            vec!["/vg/plans/3".into()],
        ),
        (
            "a draft plan, editor",
            &editor,
            "2027",
            vec!["/vg/plans/3".into()],
            vec![],
        ),
    ];
    let mut failures = Vec::new();
    for (what, who, q, wanted, unwanted) in &table {
        let found = hits(who, "/vg/search", q).await;
        for w in wanted {
            if !found.contains(w) {
                failures.push(format!("{what}: {q:?} should find {w}, found {found:?}"));
            }
        }
        for u in unwanted {
            if found.contains(u) {
                failures.push(format!(
                    "{what}: {q:?} should not find {u}, found {found:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

async fn internal_documents_and_their_words_stay_internal(app: TestApp) {
    let s = seed(&app).await;
    // A public word in an internal document: no hit, no snippet, no title.
    sqlx::query("UPDATE document_versions SET text = 'Samverkan om kvarnstensbudgeten.' WHERE document_id = $1")
        .bind(s.internal)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    overens::search::changed(&app.state.db.pool, Kind::Document, s.internal)
        .await
        .unwrap();
    let anonymous = app.browser();
    let (_, html) = anonymous.get_html("/vg/search?q=samverkan").await;
    let page = html.html();
    assert!(!links(&html).contains(&format!("/vg/documents/{}", s.internal)));
    assert!(!page.contains("kvarnstensbudget"), "snippet leaked");
    assert!(!page.contains("Internt PM"), "title leaked");
    // The editor sees it, with the word marked in the snippet.
    let editor = app.logged_in(EDITOR).await;
    let (_, html) = editor.get_html("/vg/search?q=kvarnstensbudgeten").await;
    let snippets = select_text(&html, "li.search-hit .snippet mark");
    assert_eq!(snippets, vec!["kvarnstensbudgeten"]);
    // Across agreements, the same rules.
    let found = hits(&anonymous, "/search", "kvarnstensbudgeten").await;
    assert!(found.is_empty(), "{found:?}");
}

async fn facets_count_and_filter_by_type_and_year(app: TestApp) {
    let s = seed(&app).await;
    document(
        &app,
        s.vg,
        "Verksamhetsberättelse",
        "2024-06-01",
        "public",
        None,
        "Om lysmaskar.",
    )
    .await;
    let b = app.browser();
    let (_, html) = b.get_html("/vg/search?q=lysmaskar+OR").await;
    // "OR" is just a word: nothing has it.
    assert!(links(&html).is_empty());
    let (_, html) = b.get_html("/vg/search?q=samverkan").await;
    let kinds = select_text(&html, ".search-facets ul:first-of-type a");
    assert_eq!(kinds[0], "Alla typer");
    assert!(
        kinds.iter().any(|k| k.starts_with("Dokument (")),
        "{kinds:?}"
    );
    // Filtering by type keeps only that type.
    let only_docs = hits_at(&b, "/vg/search?q=samverkan&type=document").await;
    assert!(!only_docs.is_empty());
    assert!(
        only_docs.iter().all(|h| h.starts_with("/vg/documents/")),
        "{only_docs:?}"
    );
    // And by year.
    let (_, html) = b.get_html("/vg/search?q=lysmaskar").await;
    let years = select_text(&html, ".search-facets ul:last-of-type a");
    assert_eq!(years, vec!["Alla år", "2024 (1)"]);
    assert_eq!(
        hits_at(&b, "/vg/search?q=lysmaskar&year=2023").await.len(),
        0
    );
    assert_eq!(
        hits_at(&b, "/vg/search?q=lysmaskar&year=2024").await.len(),
        1
    );
    // The summary counts the hits.
    let (_, html) = b.get_html("/vg/search?q=lysmaskar").await;
    assert_eq!(
        select_text(&html, "#results-heading"),
        vec!["En träff för ”lysmaskar”"]
    );
}

async fn ties_go_to_the_newer(app: TestApp) {
    let s = seed(&app).await;
    let older = document(
        &app,
        s.vg,
        "Årsrapport om glasmaneter",
        "2023-01-01",
        "public",
        None,
        "Text.",
    )
    .await;
    let newer = document(
        &app,
        s.vg,
        "Årsrapport om glasmaneter",
        "2024-06-01",
        "public",
        None,
        "Text.",
    )
    .await;
    let in_body = document(
        &app,
        s.vg,
        "Årsrapport",
        "2025-06-01",
        "public",
        None,
        "Något om glasmaneter.",
    )
    .await;
    let found = hits(&app.browser(), "/vg/search", "glasmaneter").await;
    // A match in the title ranks above one in the text, even a newer one;
    // equal matches go newest first.
    assert_eq!(
        found,
        vec![
            format!("/vg/documents/{newer}"),
            format!("/vg/documents/{older}"),
            format!("/vg/documents/{in_body}"),
        ]
    );
}

async fn a_change_is_found_at_once_and_a_deletion_is_gone(app: TestApp) {
    let s = seed(&app).await;
    let b = app.browser();
    assert!(hits(&b, "/vg/search", "tranbärsmust").await.is_empty());
    let pool = &app.state.db.pool;
    sqlx::query("UPDATE documents SET title = 'Rapport om tranbärsmust' WHERE id = $1")
        .bind(s.report)
        .execute(pool)
        .await
        .unwrap();
    app.wrote_directly();
    overens::search::changed(pool, Kind::Document, s.report)
        .await
        .unwrap();
    assert_eq!(
        hits(&b, "/vg/search", "tranbärsmust").await,
        vec![format!("/vg/documents/{}", s.report)]
    );
    // The old title is no longer found.
    assert!(
        !hits(&b, "/vg/search", "\"idéburen förening\"")
            .await
            .contains(&format!("/vg/documents/{}", s.report))
    );
    sqlx::query("DELETE FROM document_versions WHERE document_id = $1")
        .bind(s.report)
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM documents WHERE id = $1")
        .bind(s.report)
        .execute(pool)
        .await
        .unwrap();
    app.wrote_directly();
    overens::search::changed(pool, Kind::Document, s.report)
        .await
        .unwrap();
    assert!(hits(&b, "/vg/search", "tranbärsmust").await.is_empty());
    // Publishing the scheduled article makes it public.
    sqlx::query("UPDATE news SET publish_at = '2026-01-01T00:00:00Z' WHERE id = $1")
        .bind(s.scheduled)
        .execute(pool)
        .await
        .unwrap();
    app.wrote_directly();
    overens::search::changed(pool, Kind::News, s.scheduled)
        .await
        .unwrap();
    assert!(
        hits(&b, "/vg/search", "snöugglor")
            .await
            .contains(&format!("/vg/news/{}", s.scheduled))
    );
}

/// A second `overens` process on the same database, with its own index.
async fn second_process(app: &TestApp, dir: &std::path::Path) -> SocketAddr {
    let mut config = app.state.config.clone();
    config.search_dir = dir.join("search");
    let state = overens::open(config).await.expect("second process");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = overens::web::router(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    // Its background task, as `overens serve` runs it.
    tokio::spawn(overens::search::run(state));
    addr
}

async fn another_process_finds_a_change_made_through_the_first(app: TestApp) {
    let s = seed(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let second = second_process(&app, dir.path()).await;
    let client = reqwest::Client::new();
    let search_second = |q: &'static str| {
        let client = client.clone();
        async move {
            let body = client
                .get(format!("http://{second}/vg/search?q={q}"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            links(&Html::parse_document(&body))
        }
    };
    // The second process has built its own index and finds the seeded report.
    assert!(
        search_second("samverkan")
            .await
            .contains(&format!("/vg/documents/{}", s.report))
    );
    // A change through the first process (its index catches up on search)...
    let first = app.browser();
    let new = document(
        &app,
        s.vg,
        "Protokoll om havtornsbuskar",
        "2026-03-01",
        "public",
        None,
        "",
    )
    .await;
    assert_eq!(
        hits(&first, "/vg/search", "havtornsbuskar").await,
        vec![format!("/vg/documents/{new}")]
    );
    // ...is found through the second without anyone searching there first:
    // its background task follows the log within seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut seen = false;
    while std::time::Instant::now() < deadline {
        let committed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM search_changes WHERE object_id = $1 AND kind = 'document'",
        )
        .bind(new)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert!(committed > 0);
        if search_second("havtornsbuskar").await == vec![format!("/vg/documents/{new}")] {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(seen, "the second process never found the change");
}

async fn the_search_across_agreements_and_within_one(app: TestApp) {
    let s = seed(&app).await;
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, created_at)
         VALUES ('exempelstad', 'Överenskommelse i Exempelstad', 'ÖK Exempelstad', 'Exempelstads kommun', '2026-01-01')",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let other = scalar(&app, "SELECT id FROM agreements WHERE slug = 'exempelstad'").await;
    let theirs = document(
        &app,
        other,
        "Exempelstads plan för samverkan",
        "2026-01-10",
        "public",
        None,
        "",
    )
    .await;
    let b = app.browser();
    let within = hits(&b, "/vg/search", "samverkan").await;
    assert!(within.contains(&format!("/vg/documents/{}", s.report)));
    assert!(
        !within.iter().any(|h| h.starts_with("/exempelstad/")),
        "{within:?}"
    );
    let theirs_only = hits(&b, "/exempelstad/search", "samverkan").await;
    assert_eq!(
        theirs_only,
        vec![format!("/exempelstad/documents/{theirs}")]
    );
    let (_, html) = b.get_html("/search?q=samverkan&type=document").await;
    let everywhere = links(&html);
    assert!(everywhere.contains(&format!("/vg/documents/{}", s.report)));
    assert!(everywhere.contains(&format!("/exempelstad/documents/{theirs}")));
    // Hits across agreements say which agreement they are from.
    let metas = select_text(&html, "li.search-hit .meta");
    assert!(
        metas.iter().any(|m| m.contains("ÖK Exempelstad")),
        "{metas:?}"
    );
    // An agreement that does not exist.
    let (status, _) = b.get_html("/nowhere/search?q=samverkan").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn odd_queries_are_answered_calmly(app: TestApp) {
    seed(&app).await;
    let b = app.browser();
    for q in [
        "",
        "\"",
        "-",
        "\"\"",
        "<script>alert(1)</script>",
        "a AND b OR (c",
        "*",
        "title:föreningar",
        "ååååååååååååååååååååååååååååååååååååååååååååååååååå",
    ] {
        let url = format!(
            "/vg/search?{}&type=nonsense&year=abc&page=-3",
            url::form_urlencoded::Serializer::new(String::new())
                .append_pair("q", q)
                .finish()
        );
        let r = b.get(&url).await;
        assert_eq!(r.status(), StatusCode::OK, "{q:?}");
        let body = r.text().await.unwrap();
        assert!(!body.contains("<script>alert"), "{q:?} echoed unescaped");
    }
    let long = "förening ".repeat(500);
    let r = b.get(&format!("/vg/search?q={}", long.trim())).await;
    assert_eq!(r.status(), StatusCode::OK);
    // A query is announced as the page's title, and the form keeps it.
    let (_, html) = b.get_html("/vg/search?q=f%C3%B6reningar").await;
    assert_eq!(select_text(&html, "h1"), vec!["Sök: föreningar"]);
    assert_eq!(
        common::attr(&html, "input#q", "value").as_deref(),
        Some("föreningar")
    );
}
