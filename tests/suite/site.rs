//! The site as a visitor meets it: pages, languages, errors, headers,
//! findability, operations, and e-mail delivery.

use crate::common;

use common::{TestApp, attr, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    start_page_shows_the_demo_agreement,
    several_agreements_are_listed_at_the_root,
    language_switch_is_remembered,
    unknown_pages_get_a_404_in_the_layout,
    security_headers_on_every_response,
    sitemap_and_robots_list_public_pages,
    health_and_metrics,
    accessibility_statement_and_problem_report,
    mail_is_delivered_by_smtp_from_the_outbox,
    two_workers_never_send_the_same_mail_twice,
);

async fn start_page_shows_the_demo_agreement(app: TestApp) {
    let b = app.browser();
    for path in ["/", "/vg/"] {
        let (status, html) = b.get_html(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(attr(&html, "html", "lang").as_deref(), Some("sv"));
        assert_eq!(select_text(&html, "h1").len(), 1, "one h1 on {path}");
        assert!(select_text(&html, "h1")[0].contains("Västra Götalandsregionen"));
        let facts = select_text(&html, ".summary-list dd").join(" | ");
        assert!(
            facts.contains("25 november 2014, Regionfullmäktige"),
            "{facts}"
        );
        assert!(facts.contains("5 december 2014"), "{facts}");
        assert_eq!(select_text(&html, ".principles li").len(), 6);
        assert!(
            attr(&html, "meta[name=description]", "content")
                .unwrap()
                .len()
                > 40
        );
        assert_eq!(attr(&html, "a.skip-link", "href").as_deref(), Some("#main"));
        assert_eq!(attr(&html, "main", "id").as_deref(), Some("main"));
    }
    let (_, root) = b.get_html("/").await;
    assert_eq!(
        attr(&root, "link[rel=canonical]", "href").as_deref(),
        Some("/vg/")
    );
    assert_eq!(location(&b.get("/vg").await), "/vg/");
}

async fn several_agreements_are_listed_at_the_root(app: TestApp) {
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, created_at)
         VALUES ('exempelstad', 'Överenskommelse i Exempelstads kommun', 'ÖK Exempelstad', 'Exempelstads kommun', '2026-01-01')",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let b = app.browser();
    let (_, html) = b.get_html("/").await;
    assert_eq!(select_text(&html, "h1"), vec!["Överenskommelser"]);
    let links = select_text(&html, ".card-list a");
    assert_eq!(links.len(), 2);
    let (status, html) = b.get_html("/exempelstad/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "h1"),
        vec!["Överenskommelse i Exempelstads kommun"]
    );
    assert_eq!(b.get("/nowhere/").await.status(), StatusCode::NOT_FOUND);
}

async fn language_switch_is_remembered(app: TestApp) {
    let b = app.browser();
    let (_, html) = b.get_html("/login").await;
    assert_eq!(
        attr(&html, "a[hreflang=en]", "href").as_deref(),
        Some("/language/en?next=%2Flogin")
    );
    let r = b.get("/language/en?next=%2Flogin").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/login");
    let (_, html) = b.get_html("/login").await;
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("en"));
    assert_eq!(select_text(&html, "h1"), vec!["Sign in"]);
    let (_, html) = b.get_html("/vg/").await;
    assert!(select_text(&html, ".summary-list dd")[0].starts_with("25 November 2014"));

    // Only local paths are followed: no open redirect.
    assert_eq!(
        location(&b.get("/language/sv?next=https://evil.example/").await),
        "/"
    );
    assert_eq!(
        location(&b.get("/language/sv?next=//evil.example/").await),
        "/"
    );
    assert_eq!(b.get("/language/de").await.status(), StatusCode::NOT_FOUND);

    // A logged-in person's choice follows them to another browser.
    let first = app.logged_in("ledamot@demo.example").await;
    first.get("/language/en?next=/").await;
    let second = app.logged_in("ledamot@demo.example").await;
    let (_, html) = second.get_html("/account").await;
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("en"));
    assert_eq!(select_text(&html, "h1"), vec!["Your account"]);
}

async fn unknown_pages_get_a_404_in_the_layout(app: TestApp) {
    let b = app.browser();
    let (status, html) = b.get_html("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(select_text(&html, "h1"), vec!["Sidan finns inte"]);
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("sv"));
    assert!(
        !select_text(&html, "footer a").is_empty(),
        "in the site's layout"
    );
    b.get("/language/en").await;
    let (_, html) = b.get_html("/no/such/page").await;
    assert_eq!(select_text(&html, "h1"), vec!["Page not found"]);
    // The API answers in problem+json.
    let r = b.get("/api/nothing").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = r.json().await.unwrap();
    assert_eq!(problem["status"], 404);
}

async fn security_headers_on_every_response(app: TestApp) {
    let b = app.browser();
    for path in ["/", "/login", "/no-such-page", "/healthz"] {
        let r = b.get(path).await;
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(h.contains_key("referrer-policy"));
        assert!(h.contains_key("x-request-id"));
        assert!(
            !h.contains_key("strict-transport-security"),
            "no HSTS over plain HTTP"
        );
    }
    let cookie = app.browser().get("/").await.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure")
    );

    // Behind HTTPS, cookies are Secure and HSTS is sent.
    let https = TestApp::start_with(app.backend, |c| {
        c.public_url = Some("https://overens.example.se".parse().unwrap());
    })
    .await;
    let r = https.browser().get("/").await;
    assert!(
        r.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("; Secure")
    );
}

async fn sitemap_and_robots_list_public_pages(app: TestApp) {
    let b = app.browser();
    let r = b.get("/robots.txt").await;
    assert_eq!(r.status(), StatusCode::OK);
    let robots = r.text().await.unwrap();
    assert!(
        robots
            .lines()
            .any(|l| l.starts_with("Sitemap: http") && l.ends_with("/sitemap.xml")),
        "{robots}"
    );
    assert!(robots.contains("Disallow: /account"));
    let r = b.get("/sitemap.xml").await;
    assert_eq!(
        r.headers()["content-type"],
        "application/xml; charset=utf-8"
    );
    let xml = r.text().await.unwrap();
    let doc = scraper::Html::parse_document(&xml);
    let locs = select_text(&doc, "loc");
    for path in ["/vg/", "/accessibility", "/accessibility/report", "/login"] {
        assert!(locs.iter().any(|l| l.ends_with(path)), "{path} in {locs:?}");
    }
    // Every listed page answers 200.
    for loc in locs {
        let path = &loc[loc.find("//").unwrap() + 2..];
        let path = &path[path.find('/').unwrap()..];
        assert_eq!(b.get(path).await.status(), StatusCode::OK, "{path}");
    }
}

async fn health_and_metrics(app: TestApp) {
    let b = app.browser();
    let r = b.get("/healthz").await;
    assert_eq!(r.status(), StatusCode::OK);
    b.get("/vg/").await;
    let text = b.get("/metrics").await.text().await.unwrap();
    assert!(text.contains("overens_http_requests_total"), "{text}");
    assert!(text.contains("route=\"/{slug}/\""));
    assert!(text.contains("overens_db_connections"));
    app.state.db.pool.close().await;
    assert_eq!(
        b.get("/healthz").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    // Without its database a page fails as a 500 page in the site's layout
    // (one not asked for before: /vg/ may still be in the page cache).
    let (status, html) = b.get_html("/vg/agreement").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(select_text(&html, "h1"), vec!["Något gick fel"]);
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("sv"));
    assert!(!select_text(&html, "footer a").is_empty());
    let logged_in = app.browser();
    let r = logged_in
        .client
        .get(app.url("/vg/"))
        .header("cookie", "overens_session=some-session-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(r.text().await.unwrap().contains("Något gick fel"));
}

async fn accessibility_statement_and_problem_report(app: TestApp) {
    let b = app.browser();
    let (status, html) = b.get_html("/accessibility").await;
    assert_eq!(status, StatusCode::OK);
    let headings = select_text(&html, "h2");
    for h in [
        "Hur tillgänglig är webbplatsen?",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Hur vi testat webbplatsen",
    ] {
        assert!(headings.iter().any(|x| x == h), "{h} in {headings:?}");
    }
    assert!(html.html().contains("digg.se"));

    // A report with a mistake comes back with the input kept.
    let r = b
        .post_form(
            "/accessibility/report",
            &[("page", "/vg/"), ("description", ""), ("email", "fel@")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(attr(&html, "#page", "value").as_deref(), Some("/vg/"));
    assert_eq!(attr(&html, "#email", "value").as_deref(), Some("fel@"));
    assert_eq!(select_text(&html, ".error-summary li").len(), 2);

    let r = b
        .post_form(
            "/accessibility/report",
            &[
                ("page", "/vg/"),
                ("description", "Knappen går inte att nå med tangentbordet."),
                ("email", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (subject, body) = app
        .last_mail_to("tillganglighet@demo.example")
        .await
        .unwrap();
    assert_eq!(subject, "Rapport om brist i tillgängligheten");
    assert!(body.contains("Knappen går inte att nå"));

    // The administrator edits the statement; a bad date is named and nothing changes.
    let admin = app.logged_in("admin@demo.example").await;
    let fields = |reviewed: &'static str| {
        vec![
            ("organisation", "Västra Götalandsregionen"),
            ("website", "Överens"),
            ("compliance", "full"),
            ("non_accessible", ""),
            ("disproportionate_burden", ""),
            ("out_of_scope", ""),
            ("assessment_method", "third-party"),
            ("prepared_on", "2026-11-01"),
            ("reviewed_on", reviewed),
            ("contact_email", "a11y@example.org"),
            ("contact_phone", ""),
            ("response_time", "10"),
        ]
    };
    let r = admin
        .post_form("/accessibility/edit", &fields("2026-13-45"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        attr(&html, "#reviewed_on", "value").as_deref(),
        Some("2026-13-45")
    );
    let (_, html) = b.get_html("/accessibility").await;
    assert!(
        html.html().contains("tillganglighet@demo.example"),
        "unchanged"
    );
    let r = admin
        .post_form("/accessibility/edit", &fields("2026-11-20"))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = b.get_html("/accessibility").await;
    assert!(html.html().contains("a11y@example.org"));
    assert!(html.html().contains("20 november 2026"));
    assert!(html.html().contains("Webbplatsen är helt förenlig"));
}

async fn mail_is_delivered_by_smtp_from_the_outbox(plain: TestApp) {
    let sink = common::smtp::SmtpSink::start().await;
    let app = TestApp::start_with(plain.backend, |c| {
        c.smtp = Some(overens::config::Smtp {
            host: "127.0.0.1".into(),
            port: Some(sink.port),
            username: None,
            password: None,
            security: overens::config::SmtpSecurity::None,
        });
        c.mail_from = "Överens <noreply@overens.example>".into();
    })
    .await;
    let b = app.browser();
    b.post_form("/password/forgot", &[("email", "redaktor@demo.example")])
        .await;
    let sent = overens::mail::send_all_due(&app.state).await.unwrap();
    assert_eq!(sent, 1);
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, vec!["redaktor@demo.example"]);
    let message = mail_parser::MessageParser::default()
        .parse(&received[0].data)
        .unwrap();
    assert_eq!(
        message.subject(),
        Some("Välj ett nytt lösenord för Överens")
    );
    assert!(message.body_text(0).unwrap().contains("/password/reset/"));
    assert_eq!(
        message.from().unwrap().first().unwrap().name(),
        Some("Överens")
    );
    let (sent_at, delivery): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT sent_at, delivery FROM outbox")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert!(sent_at.is_some());
    assert_eq!(delivery.as_deref(), Some("smtp"));
    // Nothing is sent twice.
    assert_eq!(overens::mail::send_all_due(&app.state).await.unwrap(), 0);
}

async fn two_workers_never_send_the_same_mail_twice(app: TestApp) {
    for i in 0..40 {
        overens::mail::enqueue(
            &app.state.db.pool,
            &format!("person{i}@example.org"),
            "Hej",
            "Text",
        )
        .await
        .unwrap();
    }
    let (a, b) = tokio::join!(
        overens::mail::send_all_due(&app.state),
        overens::mail::send_all_due(&app.state)
    );
    assert_eq!(
        a.unwrap() + b.unwrap(),
        40,
        "each message tried exactly once"
    );
    let attempts: Vec<i64> = sqlx::query_scalar("SELECT attempts FROM outbox ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert!(attempts.iter().all(|&n| n == 1), "{attempts:?}");
}
