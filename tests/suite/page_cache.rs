//! The page cache: what anonymous visitors read is rendered once a second
//! at most, and never at the cost of a stale or someone else's page.

use crate::common;

use common::{TestApp, select_text};
use reqwest::StatusCode;

on_both_backends!(
    an_anonymous_page_is_served_again_until_something_changes,
    forms_and_signed_in_pages_are_never_kept,
);

fn age(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get("age")
        .map(|v| v.to_str().unwrap().to_string())
}

async fn an_anonymous_page_is_served_again_until_something_changes(app: TestApp) {
    let visitor = app.browser();
    let first = visitor.get("/vg/news").await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(age(&first), None, "rendered for the first visitor");
    let again = app.browser().get("/vg/news").await;
    assert_eq!(age(&again).as_deref(), Some("0"), "served from the cache");
    // A newcomer served from the cache still gets a CSRF cookie of its own.
    let cookies: Vec<_> = again
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    assert!(cookies[0].starts_with("overens_csrf=") && cookies[0].contains("HttpOnly"));
    let (_, html) = app.browser().get_html("/vg/news").await;
    assert!(!select_text(&html, "#news-list h2").contains(&"Nytt i cachen".to_string()));

    // An editor publishes: the very next anonymous visit sees it.
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = editor
        .post_form("/vg/news/new", &crate::news::base("Nytt i cachen", "now"))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app.browser().get("/vg/news").await;
    assert_eq!(age(&r), None, "rendered again after the change");
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(select_text(&html, "#news-list h2").contains(&"Nytt i cachen".to_string()));

    // Each language is kept apart.
    let english = app.browser();
    english.get("/language/en").await;
    let (_, html) = english.get_html("/vg/news").await;
    assert_eq!(common::attr(&html, "html", "lang").as_deref(), Some("en"));
    let (_, html) = app.browser().get_html("/vg/news").await;
    assert_eq!(common::attr(&html, "html", "lang").as_deref(), Some("sv"));
}

async fn forms_and_signed_in_pages_are_never_kept(app: TestApp) {
    // A form carries the visitor's own CSRF token: rendered for each.
    let a = app.browser();
    let b = app.browser();
    for _ in 0..2 {
        let r = a.get("/login").await;
        assert_eq!(age(&r), None);
    }
    b.get("/login").await;
    assert_ne!(a.csrf().await, b.csrf().await);

    // What a signed-in editor sees is neither kept nor served to others.
    let editor = app.logged_in("redaktor@demo.example").await;
    let (_, inside) = editor.get_html("/vg/documents").await;
    let (_, outside) = app.browser().get_html("/vg/documents").await;
    assert!(
        select_text(&inside, "main a").len() > select_text(&outside, "main a").len(),
        "the internal document is the editor's alone"
    );
    let r = editor.get("/vg/documents").await;
    assert_eq!(age(&r), None, "an editor's page is always rendered");

    // Live answers are never kept.
    app.browser().get("/healthz").await;
    assert_eq!(age(&app.browser().get("/healthz").await), None);
}
