//! E-mail subscriptions: a visitor subscribes (double opt-in), gets what
//! they chose at once or as a digest, exactly once, and leaves with one
//! click from any mail.

use crate::common;

use common::{Browser, TestApp, attr, link_in, location, select_text};
use overens::subscriptions::{Topic, deliver_due, record};
use reqwest::StatusCode;

on_both_backends!(
    mistakes_come_back_with_the_input_kept,
    nothing_is_sent_before_the_mailbox_confirms,
    a_used_or_expired_link_gets_a_clear_page,
    an_event_goes_out_at_once_with_its_links,
    a_new_meeting_from_the_form_reaches_subscribers,
    a_digest_gathers_several_events_once,
    concurrent_runs_send_each_event_once,
    one_click_unsubscribe_by_a_bare_post,
    the_sent_message_has_the_list_unsubscribe_headers,
    the_manage_page_changes_topics_and_frequency,
    an_existing_address_learns_nothing_new,
    topics_are_respected,
    unpublished_or_deleted_objects_are_not_sent,
    unconfirmed_subscriptions_are_purged,
);

const EDITOR: &str = "redaktor@demo.example";

async fn agreement_id(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM agreements WHERE slug = 'vg'")
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

fn now() -> String {
    overens::db::now()
}

fn hours_later(hours: i64) -> String {
    let t: jiff::Timestamp = now().parse().unwrap();
    overens::db::timestamp(
        t.checked_add(jiff::SignedDuration::from_hours(hours))
            .unwrap(),
    )
}

async fn subscribe(
    b: &Browser,
    email: &str,
    topics: &[&str],
    frequency: &str,
) -> reqwest::Response {
    let mut fields = vec![("email", email), ("frequency", frequency)];
    for t in topics {
        fields.push((t, "yes"));
    }
    b.post_form("/vg/subscribe", &fields).await
}

/// Subscribes and confirms; returns the manage page's path.
async fn subscriber(app: &TestApp, email: &str, topics: &[&str], frequency: &str) -> String {
    let b = app.browser();
    let r = subscribe(&b, email, topics, frequency).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, body) = app.last_mail_to(email).await.expect("confirmation mail");
    let confirm = link_in(&body);
    let r = b.post_form(&confirm, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "confirmed");
    let manage = location(&r);
    assert!(manage.starts_with("/subscriptions/"), "{manage}");
    manage
}

/// A demo meeting of the agreement: (id, title).
async fn meeting(app: &TestApp, n: i64) -> (i64, String) {
    sqlx::query_as(&format!(
        "SELECT m.id, m.title FROM meetings m JOIN agreements a ON a.id = m.agreement_id
         WHERE a.slug = 'vg' AND m.cancelled_at IS NULL ORDER BY m.id LIMIT 1 OFFSET {n}"
    ))
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

/// A published article, written straight into the table; returns its id.
async fn news(app: &TestApp, title: &str, publish_at: Option<&str>) -> i64 {
    let now = now();
    sqlx::query_scalar(
        "INSERT INTO news (agreement_id, kind, title, publish_at, created_at, updated_at)
         VALUES ($1, 'news', $2, $3, $4, $4) RETURNING id",
    )
    .bind(agreement_id(app).await)
    .bind(title)
    .bind(publish_at)
    .bind(&now)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

/// Published minutes of some demo meeting: (minutes id, meeting id, title).
async fn minutes(app: &TestApp) -> (i64, i64, String) {
    let found: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT mi.id, m.id, m.title FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id
         JOIN agreements a ON a.id = m.agreement_id
         WHERE a.slug = 'vg' AND mi.state = 'published' ORDER BY mi.id LIMIT 1",
    )
    .fetch_optional(&app.state.db.pool)
    .await
    .unwrap();
    if let Some(f) = found {
        return f;
    }
    let (meeting_id, title): (i64, String) = sqlx::query_as(
        "SELECT m.id, m.title FROM meetings m JOIN agreements a ON a.id = m.agreement_id
         WHERE a.slug = 'vg' AND NOT EXISTS (SELECT 1 FROM minutes mi WHERE mi.meeting_id = m.id)
         ORDER BY m.id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let now = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO minutes (meeting_id, kind, state, published_at, created_at, updated_at)
         VALUES ($1, 'notes', 'published', $2, $2, $2) RETURNING id",
    )
    .bind(meeting_id)
    .bind(&now)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    (id, meeting_id, title)
}

async fn event(app: &TestApp, topic: Topic, object_id: i64) {
    record(
        &app.state.db.pool,
        agreement_id(app).await,
        topic,
        object_id,
        &now(),
    )
    .await
    .unwrap();
}

async fn confirmed(app: &TestApp, email: &str) -> Option<Option<String>> {
    sqlx::query_scalar("SELECT confirmed_at FROM subscriptions WHERE email = $1")
        .bind(email)
        .fetch_optional(&app.state.db.pool)
        .await
        .unwrap()
}

async fn mistakes_come_back_with_the_input_kept(app: TestApp) {
    let b = app.browser();
    let (status, html) = b.get_html("/vg/subscribe").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "h1"), vec!["Prenumerera via e-post"]);

    let r = b
        .post_form(
            "/vg/subscribe",
            &[("email", "inte en adress"), ("frequency", "weekly")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec![
            "Ange en e-postadress i rätt format, till exempel namn@exempel.se",
            "Välj minst ett ämne"
        ]
    );
    assert_eq!(
        attr(&html, "#email", "value").as_deref(),
        Some("inte en adress")
    );
    assert_eq!(attr(&html, "#email", "type").as_deref(), Some("text"));
    assert!(
        attr(&html, "#frequency-weekly", "checked").is_some(),
        "the frequency is kept"
    );
    assert!(attr(&html, "#topic-news", "checked").is_none());
    assert!(
        select_text(&html, "title")[0].starts_with("Fel:"),
        "{:?}",
        select_text(&html, "title")
    );

    // A good address with no topic keeps the address.
    let r = b
        .post_form(
            "/vg/subscribe",
            &[
                ("email", "anna@example.se"),
                ("frequency", "daily"),
                ("minutes", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "one topic is enough");
    let r = b
        .post_form(
            "/vg/subscribe",
            &[("email", "bo@example.se"), ("news", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "no frequency");
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        attr(&html, "#email", "value").as_deref(),
        Some("bo@example.se")
    );
    assert!(attr(&html, "#topic-news", "checked").is_some());
    assert!(attr(&html, "#topic-meetings", "checked").is_none());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM subscriptions").await, 1);
    assert_eq!(app.mail_count("bo@example.se").await, 0);
}

async fn nothing_is_sent_before_the_mailbox_confirms(app: TestApp) {
    let email = "cecilia@example.se";
    let b = app.browser();
    let r = subscribe(&b, email, &["meetings"], "immediate").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/vg/subscribe/sent");
    let (status, html) = b.get_html("/vg/subscribe/sent").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "h1"), vec!["Titta i din inkorg"]);

    let (subject, body) = app.last_mail_to(email).await.unwrap();
    assert_eq!(subject, "Bekräfta din prenumeration");
    let confirm = link_in(&body);
    assert!(confirm.starts_with("/subscriptions/confirm/"), "{confirm}");
    assert_eq!(confirmed(&app, email).await, Some(None));

    // Something happens before the confirmation: not sent, now or later.
    let (m, _) = meeting(&app, 0).await;
    event(&app, Topic::Meetings, m).await;
    assert_eq!(deliver_due(&app.state, &now()).await.unwrap(), 0);
    assert_eq!(app.mail_count(email).await, 1, "only the confirmation");

    // A mail scanner's GET confirms nothing.
    let scanner = app.browser();
    let (status, html) = scanner.get_html(&confirm).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "main form button"),
        vec!["Bekräfta prenumerationen"]
    );
    assert_eq!(confirmed(&app, email).await, Some(None));

    let r = scanner.post_form(&confirm, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(confirmed(&app, email).await.unwrap().is_some());
    let (status, html) = scanner.get_html(&location(&r)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, ".notice"),
        vec!["Prenumerationen är bekräftad."]
    );

    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    assert_eq!(
        deliver_due(&app.state, &hours_later(1)).await.unwrap(),
        0,
        "the earlier meeting is not news to the new subscriber"
    );
    let (m2, title2) = meeting(&app, 1).await;
    event(&app, Topic::Meetings, m2).await;
    assert_eq!(deliver_due(&app.state, &hours_later(1)).await.unwrap(), 1);
    let (subject, _) = app.last_mail_to(email).await.unwrap();
    assert!(subject.ends_with(&title2), "{subject}");
}

async fn a_used_or_expired_link_gets_a_clear_page(app: TestApp) {
    let email = "david@example.se";
    let b = app.browser();
    subscribe(&b, email, &["news"], "weekly").await;
    let confirm = link_in(&app.last_mail_to(email).await.unwrap().1);
    assert_eq!(
        b.post_form(&confirm, &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    // Used.
    let (status, html) = b.get_html(&confirm).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(select_text(&html, "h1"), vec!["Länken gäller inte längre"]);
    assert_eq!(b.post_form(&confirm, &[]).await.status(), StatusCode::GONE);

    // Expired.
    let other = "erik@example.se";
    subscribe(&b, other, &["news"], "weekly").await;
    let confirm = link_in(&app.last_mail_to(other).await.unwrap().1);
    sqlx::query("UPDATE subscription_links SET expires_at = $1 WHERE purpose = 'confirm'")
        .bind(overens::db::ago(std::time::Duration::from_secs(60)))
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(b.get(&confirm).await.status(), StatusCode::GONE);
    assert_eq!(b.post_form(&confirm, &[]).await.status(), StatusCode::GONE);
    assert_eq!(confirmed(&app, other).await, Some(None));

    // Unknown.
    assert_eq!(
        b.get("/subscriptions/confirm/nonsense").await.status(),
        StatusCode::GONE
    );
    assert_eq!(
        b.get("/subscriptions/nonsense").await.status(),
        StatusCode::GONE
    );
}

async fn an_event_goes_out_at_once_with_its_links(app: TestApp) {
    let email = "frida@example.se";
    subscriber(&app, email, &["meetings", "news"], "immediate").await;
    let (m, title) = meeting(&app, 0).await;
    event(&app, Topic::Meetings, m).await;
    let n = news(&app, "Ny handlingsplan antagen", Some(&now())).await;
    event(&app, Topic::News, n).await;
    assert_eq!(deliver_due(&app.state, &now()).await.unwrap(), 2);
    assert_eq!(
        deliver_due(&app.state, &now()).await.unwrap(),
        0,
        "not twice"
    );
    assert_eq!(app.mail_count(email).await, 3);

    let mails: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT subject, body, list_unsubscribe FROM outbox WHERE recipient = $1 ORDER BY id",
    )
    .bind(email)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    let base = format!("http://{}", app.addr);
    let (subject, body, unsub) = &mails[1];
    assert_eq!(subject, &format!("ÖKC Västra Götaland: {title}"));
    assert!(
        body.contains(&format!("{base}/vg/meetings/{m}\n")),
        "{body}"
    );
    assert!(body.contains("kl. "), "a Swedish time: {body}");
    let unsub = unsub.as_ref().expect("a List-Unsubscribe URL");
    assert!(
        unsub.starts_with(&format!("{base}/subscriptions/")) && unsub.ends_with("/unsubscribe")
    );
    assert!(
        body.contains(&format!("Avsluta prenumerationen: {unsub}")),
        "{body}"
    );
    let manage = unsub.trim_end_matches("/unsubscribe");
    assert!(
        body.contains(&format!("Ändra din prenumeration: {manage}\n")),
        "{body}"
    );

    let (subject, body, unsub2) = &mails[2];
    assert!(subject.ends_with("Ny handlingsplan antagen"), "{subject}");
    assert!(body.contains(&format!("{base}/vg/news/{n}\n")), "{body}");
    assert_ne!(
        unsub2.as_ref(),
        Some(unsub),
        "every mail has its own secret"
    );
    assert!(mails[0].2.is_none(), "the confirmation is not list mail");
    // Only hashes are stored.
    let secret = manage.rsplit('/').next().unwrap();
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM subscription_links WHERE token_hash = '{secret}'")
        )
        .await,
        0
    );
    let (status, _) = app.browser().get_html(&manage[base.len()..]).await;
    assert_eq!(status, StatusCode::OK, "the mailed manage link works");
}

async fn a_new_meeting_from_the_form_reaches_subscribers(app: TestApp) {
    let email = "gustav@example.se";
    subscriber(&app, email, &["meetings"], "immediate").await;
    let editor = app.logged_in(EDITOR).await;
    let r = editor
        .post_form(
            "/vg/meetings/new",
            &[
                ("kind", "dialogue"),
                ("body", ""),
                ("title", "Dialogmöte om prenumerationer"),
                ("description", ""),
                ("date", "2030-03-12"),
                ("start_time", "13.00"),
                ("end_date", ""),
                ("end_time", "16"),
                ("venue_name", "Folkets hus i Exempelby"),
                ("venue_address", "Storgatan 1, 123 45 Exempelby"),
                ("venue_accessibility", ""),
                ("format", "in_person"),
                ("online_url", ""),
                ("link_visibility", "everyone"),
                ("organisers", "RÖS"),
                ("registration", ""),
                ("opens_date", ""),
                ("closes_date", ""),
                ("closes_time", ""),
                ("capacity_in_person", ""),
                ("capacity_online", ""),
                ("per_organisation_limit", ""),
                ("waitlist", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "meeting created");
    assert_eq!(deliver_due(&app.state, &now()).await.unwrap(), 1);
    let (subject, body) = app.last_mail_to(email).await.unwrap();
    assert_eq!(
        subject,
        "ÖKC Västra Götaland: Dialogmöte om prenumerationer"
    );
    assert!(body.contains("12 mars 2030"), "{body}");
}

async fn a_digest_gathers_several_events_once(app: TestApp) {
    let email = "hanna@example.se";
    subscriber(&app, email, &["news", "meetings", "minutes"], "daily").await;
    let (m, meeting_title) = meeting(&app, 0).await;
    event(&app, Topic::Meetings, m).await;
    let n = news(&app, "Årets första nyhet", Some(&now())).await;
    event(&app, Topic::News, n).await;
    let (mi, mi_meeting, mi_title) = minutes(&app).await;
    event(&app, Topic::Minutes, mi).await;

    assert_eq!(
        deliver_due(&app.state, &now()).await.unwrap(),
        1,
        "one digest"
    );
    let (subject, body) = app.last_mail_to(email).await.unwrap();
    assert_eq!(
        subject,
        "ÖKC Västra Götaland: dagens sammanfattning (3 nyheter)"
    );
    let base = format!("http://{}", app.addr);
    for expected in [
        meeting_title.clone(),
        "Årets första nyhet".to_string(),
        mi_title.clone(),
        format!("{base}/vg/meetings/{m}\n"),
        format!("{base}/vg/news/{n}\n"),
        format!("{base}/vg/meetings/{mi_meeting}/minutes\n"),
        "NYHETER".into(),
        "Avsluta prenumerationen: ".into(),
    ] {
        assert!(body.contains(&expected), "{expected:?} in {body}");
    }
    assert_eq!(
        deliver_due(&app.state, &now()).await.unwrap(),
        0,
        "not twice"
    );

    // Something new: it waits for the next day.
    let n2 = news(&app, "Andra nyheten", Some(&now())).await;
    event(&app, Topic::News, n2).await;
    assert_eq!(deliver_due(&app.state, &hours_later(2)).await.unwrap(), 0);
    assert_eq!(deliver_due(&app.state, &hours_later(25)).await.unwrap(), 1);
    let (subject, body) = app.last_mail_to(email).await.unwrap();
    assert_eq!(
        subject,
        "ÖKC Västra Götaland: dagens sammanfattning (1 nyhet)"
    );
    assert!(
        body.contains("Andra nyheten") && !body.contains("Årets första nyhet"),
        "{body}"
    );
    assert_eq!(app.mail_count(email).await, 3);

    // A weekly subscriber waits a week.
    let weekly = "ivar@example.se";
    subscriber(&app, weekly, &["news"], "weekly").await;
    let n3 = news(&app, "Tredje nyheten", Some(&now())).await;
    event(&app, Topic::News, n3).await;
    // (The daily subscriber above gets these too: count the weekly one's mail.)
    deliver_due(&app.state, &hours_later(26)).await.unwrap();
    assert_eq!(app.mail_count(weekly).await, 2, "the first digest");
    let n4 = news(&app, "Fjärde nyheten", Some(&now())).await;
    event(&app, Topic::News, n4).await;
    deliver_due(&app.state, &hours_later(26 + 24 * 3))
        .await
        .unwrap();
    assert_eq!(
        app.mail_count(weekly).await,
        2,
        "not before a week has passed"
    );
    deliver_due(&app.state, &hours_later(26 + 24 * 7))
        .await
        .unwrap();
    assert_eq!(app.mail_count(weekly).await, 3);
    let (subject, body) = app.last_mail_to(weekly).await.unwrap();
    assert!(subject.contains("veckans sammanfattning"), "{subject}");
    assert!(
        body.contains("Fjärde nyheten") && !body.contains("Tredje"),
        "{body}"
    );
}

async fn concurrent_runs_send_each_event_once(app: TestApp) {
    let email = "jonna@example.se";
    let digest = "karl@example.se";
    subscriber(&app, email, &["news"], "immediate").await;
    subscriber(&app, digest, &["news"], "daily").await;
    for i in 0..4 {
        let n = news(&app, &format!("Nyhet {i}"), Some(&now())).await;
        event(&app, Topic::News, n).await;
    }
    let at = now();
    let (a, b, c) = tokio::join!(
        deliver_due(&app.state, &at),
        deliver_due(&app.state, &at),
        deliver_due(&app.state, &at)
    );
    assert_eq!(a.unwrap() + b.unwrap() + c.unwrap(), 5);
    assert_eq!(app.mail_count(email).await, 1 + 4, "one mail per event");
    assert_eq!(app.mail_count(digest).await, 1 + 1, "one digest");
    assert_eq!(deliver_due(&app.state, &at).await.unwrap(), 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM subscription_deliveries").await,
        8
    );
}

async fn one_click_unsubscribe_by_a_bare_post(app: TestApp) {
    let email = "lisa@example.se";
    subscriber(&app, email, &["meetings"], "immediate").await;
    let (m, _) = meeting(&app, 0).await;
    event(&app, Topic::Meetings, m).await;
    deliver_due(&app.state, &now()).await.unwrap();
    let url: String = sqlx::query_scalar(
        "SELECT list_unsubscribe FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();

    // A GET shows a button and changes nothing.
    let (status, html) = app
        .browser()
        .get_html(&url[format!("http://{}", app.addr).len()..])
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "main form button"),
        vec!["Avsluta prenumerationen"]
    );
    assert!(confirmed(&app, email).await.is_some());

    // What a mail client sends: no cookie, no CSRF token.
    let r = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, "h1"),
        vec!["Prenumerationen är avslutad"]
    );
    assert_eq!(confirmed(&app, email).await, None, "the row is gone");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM subscription_links").await,
        0
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM subscription_deliveries").await,
        0
    );

    let (m2, _) = meeting(&app, 1).await;
    event(&app, Topic::Meetings, m2).await;
    assert_eq!(deliver_due(&app.state, &now()).await.unwrap(), 0);
    let again = reqwest::Client::new().post(&url).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::GONE);
}

async fn the_sent_message_has_the_list_unsubscribe_headers(plain: TestApp) {
    let sink = common::smtp::SmtpSink::start().await;
    let app = TestApp::start_with(plain.backend, |c| {
        c.smtp = Some(overens::config::Smtp {
            host: "127.0.0.1".into(),
            port: Some(sink.port),
            username: None,
            password: None,
            security: overens::config::SmtpSecurity::None,
        });
    })
    .await;
    let email = "maja@example.se";
    subscriber(&app, email, &["meetings"], "immediate").await;
    let (m, _) = meeting(&app, 0).await;
    event(&app, Topic::Meetings, m).await;
    assert_eq!(deliver_due(&app.state, &now()).await.unwrap(), 1);
    let url: String = sqlx::query_scalar(
        "SELECT list_unsubscribe FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    overens::mail::send_all_due(&app.state).await.unwrap();
    let received = sink.received();
    let sent: Vec<String> = received
        .iter()
        .filter(|m| m.to == vec![email.to_string()])
        .map(|m| {
            String::from_utf8_lossy(&m.data)
                .replace("\r\n ", " ")
                .replace("\r\n\t", " ")
        })
        .collect();
    assert_eq!(sent.len(), 2, "the confirmation and the meeting");
    let confirmation = sent.iter().find(|m| !m.contains("Bekräfta")).map(|_| ());
    assert!(confirmation.is_some());
    let list = sent
        .iter()
        .find(|m| m.contains("List-Unsubscribe:"))
        .expect("a message with List-Unsubscribe");
    assert!(
        list.contains(&format!("List-Unsubscribe: <{url}>\r\n")),
        "{list}"
    );
    assert!(
        list.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"),
        "{list}"
    );
    assert_eq!(
        sent.iter()
            .filter(|m| m.contains("List-Unsubscribe"))
            .count(),
        1,
        "the confirmation has no list headers"
    );
}

async fn the_manage_page_changes_topics_and_frequency(app: TestApp) {
    let email = "nils@example.se";
    let manage = subscriber(&app, email, &["news", "meetings"], "immediate").await;
    let b = app.browser();
    let (status, html) = b.get_html(&manage).await;
    assert_eq!(status, StatusCode::OK);
    assert!(attr(&html, "#topic-news", "checked").is_some());
    assert!(attr(&html, "#topic-meetings", "checked").is_some());
    assert!(attr(&html, "#topic-minutes", "checked").is_none());
    assert!(attr(&html, "#frequency-immediate", "checked").is_some());
    assert!(html.html().contains(email));

    let r = b.post_form(&manage, &[("frequency", "weekly")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "no topic");
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec!["Välj minst ett ämne"]
    );
    assert!(
        attr(&html, "#frequency-weekly", "checked").is_some(),
        "input kept"
    );
    assert!(
        attr(&html, "#topic-news", "checked").is_none(),
        "input kept"
    );

    let r = b
        .post_form(&manage, &[("minutes", "yes"), ("frequency", "weekly")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), manage);
    let row: (i64, i64, i64, String) = sqlx::query_as(
        "SELECT news, meetings, minutes, frequency FROM subscriptions WHERE email = $1",
    )
    .bind(email)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(row, (0, 0, 1, "weekly".into()));
    let (_, html) = b.get_html(&manage).await;
    assert_eq!(
        select_text(&html, ".notice"),
        vec!["Prenumerationen är ändrad."]
    );

    // Without the CSRF token the settings form is refused.
    let r = b
        .post_raw(&manage, &[("news", "yes"), ("frequency", "daily")])
        .await;
    assert_ne!(r.status(), StatusCode::SEE_OTHER);

    // The manage page's own unsubscribe button.
    let action = attr(&html, "form[action$='/unsubscribe']", "action").unwrap();
    let r = b
        .post_raw(&action, &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(confirmed(&app, email).await, None);
    assert_eq!(b.get(&manage).await.status(), StatusCode::GONE);
}

async fn an_existing_address_learns_nothing_new(app: TestApp) {
    let email = "olivia@example.se";
    subscriber(&app, email, &["news"], "weekly").await;
    let fresh = app.browser();
    let r_new = subscribe(&fresh, "petra@example.se", &["meetings"], "immediate").await;
    let r_old = subscribe(&fresh, email, &["meetings"], "immediate").await;
    assert_eq!(r_new.status(), r_old.status());
    assert_eq!(location(&r_new), location(&r_old));
    let (status, page_new) = fresh.get_html(&location(&r_new)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, page_old) = fresh.get_html(&location(&r_old)).await;
    assert_eq!(
        select_text(&page_new, "main"),
        select_text(&page_old, "main")
    );

    // Nothing changed without the mailbox's consent; it got a manage link.
    let row: (i64, i64, String) =
        sqlx::query_as("SELECT news, meetings, frequency FROM subscriptions WHERE email = $1")
            .bind(email)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(row, (1, 0, "weekly".into()));
    let (subject, body) = app.last_mail_to(email).await.unwrap();
    assert_eq!(subject, "Du prenumererar redan");
    let link = link_in(&body);
    assert!(
        link.starts_with("/subscriptions/") && !link.contains("confirm"),
        "{link}"
    );
    let (status, html) = fresh.get_html(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(attr(&html, "#frequency-weekly", "checked").is_some());

    // An unconfirmed address asks again: a new confirmation, the new wishes.
    subscribe(&fresh, "petra@example.se", &["news"], "daily").await;
    let (subject, _) = app.last_mail_to("petra@example.se").await.unwrap();
    assert_eq!(subject, "Bekräfta din prenumeration");
    assert_eq!(app.mail_count("petra@example.se").await, 2);
}

async fn topics_are_respected(app: TestApp) {
    let news_only = "rut@example.se";
    let meetings_only = "sara@example.se";
    subscriber(&app, news_only, &["news"], "immediate").await;
    subscriber(&app, meetings_only, &["meetings"], "immediate").await;
    let (m, _) = meeting(&app, 0).await;
    event(&app, Topic::Meetings, m).await;
    assert_eq!(deliver_due(&app.state, &now()).await.unwrap(), 1);
    assert_eq!(app.mail_count(news_only).await, 1, "only the confirmation");
    assert_eq!(app.mail_count(meetings_only).await, 2);
    let n = news(&app, "Bara för nyhetsläsare", Some(&now())).await;
    event(&app, Topic::News, n).await;
    assert_eq!(deliver_due(&app.state, &now()).await.unwrap(), 1);
    assert_eq!(app.mail_count(news_only).await, 2);
    assert_eq!(app.mail_count(meetings_only).await, 2);
}

async fn unpublished_or_deleted_objects_are_not_sent(app: TestApp) {
    let email = "tove@example.se";
    subscriber(&app, email, &["news", "meetings"], "immediate").await;
    let aid = agreement_id(&app).await;
    // A draft, an article scheduled for tomorrow, and one deleted.
    let draft = news(&app, "Utkast", None).await;
    event(&app, Topic::News, draft).await;
    let tomorrow = hours_later(24);
    let later = news(&app, "Publiceras i morgon", Some(&tomorrow)).await;
    record(&app.state.db.pool, aid, Topic::News, later, &tomorrow)
        .await
        .unwrap();
    let gone = news(&app, "Borttagen", Some(&now())).await;
    event(&app, Topic::News, gone).await;
    sqlx::query("DELETE FROM news WHERE id = $1")
        .bind(gone)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(deliver_due(&app.state, &now()).await.unwrap(), 0);
    assert_eq!(app.mail_count(email).await, 1);
    // Tomorrow the scheduled article goes out.
    assert_eq!(deliver_due(&app.state, &hours_later(25)).await.unwrap(), 1);
    let (subject, _) = app.last_mail_to(email).await.unwrap();
    assert!(subject.ends_with("Publiceras i morgon"), "{subject}");
}

async fn unconfirmed_subscriptions_are_purged(app: TestApp) {
    subscriber(&app, "ulla@example.se", &["news"], "daily").await;
    subscribe(&app.browser(), "vera@example.se", &["news"], "daily").await;
    assert_eq!(purge(&app, 24 * 6).await, 0, "kept for a week");
    assert_eq!(purge(&app, 24 * 7 + 1).await, 1);
    assert_eq!(confirmed(&app, "vera@example.se").await, None);
    assert!(
        confirmed(&app, "ulla@example.se").await.is_some(),
        "confirmed ones stay"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM job_runs WHERE job = 'purge_unconfirmed_subscriptions'"
        )
        .await,
        2
    );
}

async fn purge(app: &TestApp, hours: i64) -> u64 {
    overens::jobs::purge_unconfirmed_subscriptions(&app.state.db, &hours_later(hours))
        .await
        .unwrap()
}
