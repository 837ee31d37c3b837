//! News: an editor writes, schedules and changes articles with contacts,
//! tags and attachments; the public sees only what is published, in the
//! list, on the article page, in the Atom feeds and in the sitemap.

use crate::common;

use common::{TestApp, attr, location, select_text};
use reqwest::StatusCode;
use scraper::{Html, Selector};

on_both_backends!(
    an_editor_publishes_an_article_with_contacts_tags_and_attachments,
    mistakes_come_back_with_the_input_kept_and_nothing_saved,
    a_contact_without_consent_is_refused_at_the_row,
    scheduled_and_draft_articles_are_hidden_until_due,
    the_feeds_parse_and_have_absolute_links,
    pages_announce_their_feeds,
    markdown_is_sanitised,
    another_agreements_article_is_not_found,
    articles_are_edited_and_deleted_with_hooks,
    only_editors_write_news,
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

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// A public document of the library, inserted directly.
async fn public_document(app: &TestApp, agreement: i64, title: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO documents (agreement_id, kind, title, document_date, visibility, created_at, updated_at)
         VALUES ($1, 'rapport', $2, '2026-01-15', 'public', '2026-01-15T00:00:00.000000Z', '2026-01-15T00:00:00.000000Z')
         RETURNING id",
    )
    .bind(agreement)
    .bind(title)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

/// The id in a redirect to an article.
fn id_of(location: &str) -> i64 {
    location.rsplit('/').next().unwrap().parse().unwrap()
}

pub(crate) fn base<'a>(title: &'a str, publish: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "news"),
        ("title", title),
        ("lead", "En kort ingress."),
        ("body", "Första stycket.\n\nAndra stycket."),
        ("publish", publish),
        ("publish_date", ""),
        ("publish_time", ""),
        ("tags", ""),
        ("meeting", ""),
        ("decision", ""),
        ("contact_name", ""),
        ("contact_role", ""),
        ("contact_phone", ""),
        ("contact_email", ""),
    ]
}

fn set<'a>(fields: &mut [(&'a str, &'a str)], name: &str, value: &'a str) {
    for f in fields.iter_mut() {
        if f.0 == name {
            f.1 = value;
        }
    }
}

async fn create(b: &common::Browser, fields: &[(&str, &str)]) -> i64 {
    let r = b.post_form("/vg/news/new", fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "create refused");
    id_of(&location(&r))
}

async fn sitemap(app: &TestApp) -> String {
    app.browser()
        .get("/sitemap.xml")
        .await
        .text()
        .await
        .unwrap()
}

async fn feed(app: &TestApp, path: &str) -> atom_syndication::Feed {
    let r = app.browser().get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/atom+xml; charset=utf-8"
    );
    let text = r.text().await.unwrap();
    atom_syndication::Feed::read_from(text.as_bytes()).expect("a valid Atom feed")
}

fn entry_titles(feed: &atom_syndication::Feed) -> Vec<String> {
    feed.entries.iter().map(|e| e.title.value.clone()).collect()
}

async fn an_editor_publishes_an_article_with_contacts_tags_and_attachments(app: TestApp) {
    let vg = agreement_id(&app, "vg").await;
    let doc = public_document(&app, vg, "Uppföljningsrapport 2025").await;
    let doc_s = doc.to_string();
    let meeting: i64 = count(
        &app,
        "SELECT id FROM meetings WHERE agreement_id = (SELECT id FROM agreements WHERE slug = 'vg') ORDER BY id LIMIT 1",
    )
    .await;
    let meeting_s = meeting.to_string();
    let b = app.logged_in(EDITOR).await;
    let (status, form) = b.get_html("/vg/news/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(attr(&form, &format!("#attachment-{doc}"), "value").is_some());

    let mut fields = base("Rapport om uppföljningen", "now");
    set(&mut fields, "kind", "press_release");
    set(
        &mut fields,
        "tags",
        " Handlingsplan, uppföljning ,HANDLINGSPLAN",
    );
    set(&mut fields, "meeting", &meeting_s);
    set(&mut fields, "contact_name", "Erik Exempelberg");
    set(&mut fields, "contact_role", "Processledare");
    set(&mut fields, "contact_phone", "010-000 00 11");
    set(&mut fields, "contact_email", "Erik@Demo.Example");
    fields.push(("contact_consent", "0"));
    fields.push(("attachment", &doc_s));
    let id = create(&b, &fields).await;

    let tags: Vec<String> =
        sqlx::query_scalar("SELECT tag FROM news_tags WHERE news_id = $1 ORDER BY tag")
            .bind(id)
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(tags, ["handlingsplan", "uppföljning"]);
    let phone: String = sqlx::query_scalar("SELECT phone FROM news_contacts WHERE news_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(phone, "+46100000011");
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'news.create' AND detail LIKE '{id}:%'")).await,
        1
    );

    let visitor = app.browser();
    let (status, html) = visitor.get_html(&format!("/vg/news/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "h1"), ["Rapport om uppföljningen"]);
    assert_eq!(select_text(&html, "#kind"), ["Pressmeddelande"]);
    let contacts = select_text(&html, "#contacts li").join(" ");
    assert!(contacts.contains("Erik Exempelberg"), "{contacts}");
    assert!(contacts.contains("010-000 00 11"), "{contacts}");
    assert!(contacts.contains("erik@demo.example"), "{contacts}");
    assert_eq!(
        attr(&html, "#attachments a", "href").unwrap(),
        format!("/vg/documents/{doc}")
    );
    assert_eq!(
        attr(&html, "#meeting-link", "href").unwrap(),
        format!("/vg/meetings/{meeting}")
    );
    assert_eq!(
        attr(&html, "#tags a", "href").unwrap(),
        "/vg/news/tags/handlingsplan"
    );
    assert_eq!(
        select_text(&html, "#tags a"),
        ["handlingsplan", "uppföljning"]
    );

    // The list, filtered by tag and kind, and the tag page.
    let (_, list) = visitor
        .get_html("/vg/news?tag=Handlingsplan&kind=press_release")
        .await;
    assert!(select_text(&list, "#news-list h2").contains(&"Rapport om uppföljningen".to_string()));
    let (_, list) = visitor
        .get_html("/vg/news?tag=handlingsplan&kind=news")
        .await;
    assert!(!select_text(&list, "#news-list h2").contains(&"Rapport om uppföljningen".to_string()));
    let (status, tag_page) = visitor.get_html("/vg/news/tags/uppf%C3%B6ljning").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        select_text(&tag_page, "#news-list h2").contains(&"Rapport om uppföljningen".to_string())
    );

    // The per-tag feed has it; another tag's does not.
    let f = feed(&app, "/vg/news/tags/uppf%C3%B6ljning.atom").await;
    assert!(entry_titles(&f).contains(&"Rapport om uppföljningen".to_string()));
    let f = feed(&app, "/vg/news/tags/dialogm%C3%B6te.atom").await;
    assert!(!entry_titles(&f).contains(&"Rapport om uppföljningen".to_string()));

    // The sitemap has the article and its tag page.
    let map = sitemap(&app).await;
    assert!(map.contains("/vg/news<"), "{map}");
    assert!(map.contains(&format!("/vg/news/{id}<")), "{map}");
    assert!(map.contains("/vg/news/tags/uppf%C3%B6ljning<"));

    // A document made internal is no longer shown as an attachment.
    sqlx::query("UPDATE documents SET visibility = 'members' WHERE id = $1")
        .bind(doc)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    app.wrote_directly();
    let (_, html) = visitor.get_html(&format!("/vg/news/{id}")).await;
    assert!(select_text(&html, "#attachments a").is_empty());
}

async fn mistakes_come_back_with_the_input_kept_and_nothing_saved(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let before = count(&app, "SELECT COUNT(*) FROM news").await;
    let mut fields = base("", "at");
    set(&mut fields, "lead", "Ingressen finns kvar");
    set(&mut fields, "publish_date", "2026-13-45");
    set(&mut fields, "publish_time", "25.99");
    set(&mut fields, "tags", "a, b");
    set(&mut fields, "meeting", "999999");
    set(&mut fields, "contact_name", "Erik Exempelberg");
    set(&mut fields, "contact_phone", "inte ett nummer");
    fields.push(("contact_consent", "0"));
    fields.push(("attachment", "999999"));
    let r = b.post_form("/vg/news/new", &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = Html::parse_document(&r.text().await.unwrap());
    for id in [
        "title",
        "publish_date",
        "publish_time",
        "meeting",
        "contact_phone_0",
        "attachments",
    ] {
        assert!(
            !select_text(&html, &format!("#{id}-error")).is_empty(),
            "no error at {id}"
        );
    }
    assert_eq!(attr(&html, "#publish_date", "value").unwrap(), "2026-13-45");
    assert_eq!(attr(&html, "#tags", "value").unwrap(), "a, b");
    assert_eq!(select_text(&html, "#lead"), ["Ingressen finns kvar"]);
    assert_eq!(
        attr(&html, "#contact_name_0", "value").unwrap(),
        "Erik Exempelberg"
    );
    assert!(attr(&html, "#publish-at", "checked").is_some());
    assert!(!select_text(&html, ".error-summary li").is_empty());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM news").await, before);

    // An edit with a mistake changes nothing either.
    let id = create(&b, &base("Rätt rubrik", "now")).await;
    let mut fields = base("", "now");
    set(&mut fields, "kind", "opinion");
    let r = b.post_form(&format!("/vg/news/{id}/edit"), &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let title: String = sqlx::query_scalar("SELECT title FROM news WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(title, "Rätt rubrik");
}

async fn a_contact_without_consent_is_refused_at_the_row(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let before = count(&app, "SELECT COUNT(*) FROM news").await;
    let fields: Vec<(&str, &str)> = vec![
        ("kind", "press_release"),
        ("title", "Med två kontakter"),
        ("publish", "now"),
        ("contact_name", "Anna Provsson"),
        ("contact_role", "Pressansvarig"),
        ("contact_phone", "010-000 00 12"),
        ("contact_email", "anna@demo.example"),
        ("contact_consent", "0"),
        ("contact_name", "Bertil Demoson"),
        ("contact_role", ""),
        ("contact_phone", ""),
        ("contact_email", "bertil@demo.example"),
    ];
    let r = b.post_form("/vg/news/new", &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert!(select_text(&html, "#contact_consent_0-error").is_empty());
    let message = select_text(&html, "#contact_consent_1-error").join(" ");
    assert!(message.contains("samtycke"), "{message}");
    assert!(attr(&html, "#contact_consent_0", "checked").is_some());
    assert!(attr(&html, "#contact_consent_1", "checked").is_none());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM news").await, before);

    // With consent it is saved.
    let mut fields = fields.clone();
    fields.push(("contact_consent", "1"));
    let id = create(&b, &fields).await;
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM news_contacts WHERE news_id = {id}")
        )
        .await,
        2
    );
}

async fn scheduled_and_draft_articles_are_hidden_until_due(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let mut fields = base("Kommer i framtiden", "at");
    set(&mut fields, "publish_date", "2099-06-01");
    set(&mut fields, "publish_time", "08.00");
    set(&mut fields, "tags", "framtid");
    let future = create(&b, &fields).await;
    let stored: String = sqlx::query_scalar("SELECT publish_at FROM news WHERE id = $1")
        .bind(future)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    // 08.00 Swedish summer time is 06.00 UTC.
    assert_eq!(stored, "2099-06-01T06:00:00.000000Z");
    let draft = create(&b, &base("Ett utkast", "draft")).await;
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM news WHERE id = {draft} AND publish_at IS NULL")
        )
        .await,
        1
    );
    // Subscribers hear of the scheduled one (when due), not of the draft.
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM subscription_events WHERE topic = 'news' AND object_id = {future}")).await,
        1
    );
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM subscription_events WHERE topic = 'news' AND object_id = {draft}")).await,
        0
    );

    let visitor = app.browser();
    for id in [future, draft] {
        let r = visitor.get(&format!("/vg/news/{id}")).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    let (_, list) = visitor.get_html("/vg/news").await;
    let titles = select_text(&list, "#news-list h2");
    assert!(!titles.contains(&"Kommer i framtiden".to_string()));
    assert!(!titles.contains(&"Ett utkast".to_string()));
    let f = feed(&app, "/vg/news.atom").await;
    assert!(!entry_titles(&f).contains(&"Kommer i framtiden".to_string()));
    assert!(
        feed(&app, "/vg/news/tags/framtid.atom")
            .await
            .entries
            .is_empty()
    );
    let map = sitemap(&app).await;
    assert!(!map.contains(&format!("/vg/news/{future}<")));
    assert!(!map.contains(&format!("/vg/news/{draft}<")));
    assert!(!map.contains("/vg/news/tags/framtid<"));

    // Editors see them, marked.
    let (status, html) = b.get_html(&format!("/vg/news/{future}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "#state"), ["Schemalagd"]);
    let (_, html) = b.get_html(&format!("/vg/news/{draft}")).await;
    assert_eq!(select_text(&html, "#state"), ["Utkast"]);
    let (_, list) = b.get_html("/vg/news").await;
    assert!(select_text(&list, "#news-list h2").contains(&"Ett utkast".to_string()));

    // Once due, it is public everywhere.
    sqlx::query("UPDATE news SET publish_at = '2020-01-01T08:00:00.000000Z' WHERE id = $1")
        .bind(future)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    app.wrote_directly();
    let r = visitor.get(&format!("/vg/news/{future}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let f = feed(&app, "/vg/news/tags/framtid.atom").await;
    assert_eq!(entry_titles(&f), ["Kommer i framtiden"]);
    let map = sitemap(&app).await;
    assert!(map.contains(&format!("/vg/news/{future}<")));
    assert!(map.contains("/vg/news/tags/framtid<"));

    // Created in the past: public at once.
    let mut fields = base("Redan publicerad", "at");
    set(&mut fields, "publish_date", "2024-03-01");
    set(&mut fields, "publish_time", "10");
    let past = create(&b, &fields).await;
    assert_eq!(
        visitor.get(&format!("/vg/news/{past}")).await.status(),
        StatusCode::OK
    );
}

async fn the_feeds_parse_and_have_absolute_links(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let mut fields = base("Flödets nyhet", "now");
    set(&mut fields, "tags", "flöde");
    set(&mut fields, "body", "Text med **fetstil**.");
    let id = create(&b, &fields).await;
    let f = feed(&app, "/vg/news.atom").await;
    let base_url = app.url("");
    let self_link = f.links.iter().find(|l| l.rel == "self").expect("self link");
    assert_eq!(self_link.href, app.url("/vg/news.atom"));
    assert_eq!(f.id, app.url("/vg/news.atom"));
    assert!(!f.authors.is_empty());
    // The demo's published articles are there; the scheduled one is not.
    let titles = entry_titles(&f);
    assert!(titles.contains(&"Flödets nyhet".to_string()));
    assert!(titles.contains(&"Uppföljningen av handlingsplanen 2024–2026 är klar".to_string()));
    assert!(
        !titles
            .iter()
            .any(|t| t.starts_with("Ny rapport om långsiktiga"))
    );
    let entry = f
        .entries
        .iter()
        .find(|e| e.title.value == "Flödets nyhet")
        .unwrap();
    let url = app.url(&format!("/vg/news/{id}"));
    assert_eq!(entry.id, url);
    assert_eq!(entry.links[0].href, url);
    assert_eq!(entry.links[0].rel, "alternate");
    assert!(entry.published.is_some());
    assert_eq!(entry.summary.as_ref().unwrap().value, "En kort ingress.");
    let content = entry.content.as_ref().unwrap();
    assert_eq!(content.content_type.as_deref(), Some("html"));
    assert!(
        content
            .value
            .as_ref()
            .unwrap()
            .contains("<strong>fetstil</strong>")
    );
    for e in &f.entries {
        assert!(e.id.starts_with(&base_url), "{}", e.id);
        assert!(e.links.iter().all(|l| l.href.starts_with(&base_url)));
    }
    // Newest first.
    assert_eq!(titles[0], "Flödets nyhet");

    let f = feed(&app, "/vg/news/tags/fl%C3%B6de.atom").await;
    assert_eq!(entry_titles(&f), ["Flödets nyhet"]);
    let self_link = f.links.iter().find(|l| l.rel == "self").unwrap();
    assert_eq!(self_link.href, app.url("/vg/news/tags/fl%C3%B6de.atom"));
}

async fn pages_announce_their_feeds(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let mut fields = base("Annonserad", "now");
    set(&mut fields, "tags", "dialog");
    let id = create(&b, &fields).await;
    let visitor = app.browser();
    let sel = Selector::parse(r#"link[rel="alternate"][type="application/atom+xml"]"#).unwrap();
    for (path, expected) in [
        ("/vg/".to_string(), "/vg/news.atom"),
        ("/vg/news".to_string(), "/vg/news.atom"),
        (format!("/vg/news/{id}"), "/vg/news.atom"),
        (format!("/vg/news/{id}"), "/vg/news/tags/dialog.atom"),
        (
            "/vg/news/tags/dialog".to_string(),
            "/vg/news/tags/dialog.atom",
        ),
    ] {
        let (status, html) = visitor.get_html(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let hrefs: Vec<String> = html
            .select(&sel)
            .filter_map(|e| e.value().attr("href").map(str::to_string))
            .collect();
        assert!(
            hrefs.iter().any(|h| h == expected),
            "{path} announces {hrefs:?}, not {expected}"
        );
    }
    // The start page lists the newest articles.
    let (_, html) = visitor.get_html("/vg/").await;
    let latest = select_text(&html, "#latest-news li");
    assert_eq!(latest.len(), 3);
    assert!(latest[0].starts_with("Annonserad"));
}

async fn markdown_is_sanitised(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let mut fields = base("Säker text", "now");
    set(
        &mut fields,
        "body",
        "Hej <script>alert('x')</script> och [länk](javascript:alert(1)).",
    );
    let id = create(&b, &fields).await;
    let r = app.browser().get(&format!("/vg/news/{id}")).await;
    let text = r.text().await.unwrap();
    assert!(!text.contains("<script>alert"), "raw script passed through");
    assert!(text.contains("&lt;script&gt;"));
    assert!(!text.contains("javascript:alert"));
    let html = Html::parse_document(&text);
    assert!(
        select_text(&html, "#body")
            .join(" ")
            .contains("<script>alert('x')</script>")
    );
    // And in the feed, where the content is escaped HTML.
    let f = feed(&app, "/vg/news.atom").await;
    let e = f
        .entries
        .iter()
        .find(|e| e.title.value == "Säker text")
        .unwrap();
    let content = e.content.as_ref().unwrap().value.as_ref().unwrap();
    assert!(!content.contains("<script>"));
}

async fn another_agreements_article_is_not_found(app: TestApp) {
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, summary, created_at)
         VALUES ('ovr', 'Annan överenskommelse', 'Annan', 'Demokommunen', '', '2026-01-01T00:00:00.000000Z')",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let b = app.logged_in(EDITOR).await;
    let id = create(&b, &base("Bara i vg", "now")).await;
    let visitor = app.browser();
    assert_eq!(
        visitor.get(&format!("/ovr/news/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        visitor.get(&format!("/vg/news/{id}")).await.status(),
        StatusCode::OK
    );
    let r = b.get(&format!("/ovr/news/{id}/edit")).await;
    assert!(matches!(
        r.status(),
        StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
    ));
    let f = feed(&app, "/ovr/news.atom").await;
    assert!(f.entries.is_empty());
    assert_eq!(
        visitor.get("/nosuch/news").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn articles_are_edited_and_deleted_with_hooks(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let search_before = count(
        &app,
        "SELECT COUNT(*) FROM search_changes WHERE kind = 'news'",
    )
    .await;
    let id = create(&b, &base("Första versionen", "now")).await;
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM subscription_events WHERE topic = 'news' AND object_id = {id}"
            )
        )
        .await,
        1
    );
    let first: String = sqlx::query_scalar("SELECT publish_at FROM news WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();

    let (status, form) = b.get_html(&format!("/vg/news/{id}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(attr(&form, "#title", "value").unwrap(), "Första versionen");

    // "Publish now" on an already published article keeps its time.
    let r = b
        .post_form(
            &format!("/vg/news/{id}/edit"),
            &base("Andra versionen", "now"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (title, at): (String, String) =
        sqlx::query_as("SELECT title, publish_at FROM news WHERE id = $1")
            .bind(id)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(title, "Andra versionen");
    assert_eq!(at, first);

    // Back to draft: the subscription event is withdrawn.
    let r = b
        .post_form(
            &format!("/vg/news/{id}/edit"),
            &base("Andra versionen", "draft"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM subscription_events WHERE topic = 'news' AND object_id = {id}"
            )
        )
        .await,
        0
    );
    assert_eq!(
        app.browser().get(&format!("/vg/news/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );

    let (status, _) = b.get_html(&format!("/vg/news/{id}/delete")).await;
    assert_eq!(status, StatusCode::OK);
    let r = b.post_form(&format!("/vg/news/{id}/delete"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/vg/news");
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM news WHERE id = {id}")).await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM search_changes WHERE kind = 'news'"
        )
        .await,
        search_before + 4
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'news.%'"
        )
        .await,
        4
    );
}

async fn only_editors_write_news(app: TestApp) {
    let member = app.logged_in(MEMBER).await;
    assert_eq!(
        member.get("/vg/news/new").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = member
        .post_form("/vg/news/new", &base("Från en ledamot", "now"))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let visitor = app.browser();
    let r = visitor.get("/vg/news/new").await;
    assert_ne!(r.status(), StatusCode::OK);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM news WHERE title = 'Från en ledamot'"
        )
        .await,
        0
    );
    // The list has no editor link for them.
    let (_, html) = member.get_html("/vg/news").await;
    assert!(attr(&html, r#"a[href="/vg/news/new"]"#, "href").is_none());
}
