//! Meeting registration: seats per mode and a waitlist that is never
//! overbooked, even under a rush; change or cancel by the mailed link; the
//! per-organisation limit; closed registration; the organisers' list,
//! exports and attendance; and the purge of sensitive needs after the meeting.

use crate::common;

use std::sync::Arc;

use common::{Browser, TestApp, attr, location, select_text};
use mail_parser::MimeHeaders;
use reqwest::StatusCode;

on_both_backends!(
    seats_fill_up_then_the_waitlist_with_an_ics_in_every_mail,
    cancelling_by_the_link_promotes_the_first_on_the_waitlist,
    changing_the_mode_takes_a_free_seat_or_nothing,
    an_organisation_registers_no_more_than_its_limit,
    closed_registration_accepts_nothing,
    bad_input_comes_back_kept_and_named,
    two_hundred_at_once_for_fifty_seats,
    sensitive_needs_are_erased_thirty_days_after_the_meeting,
    organisers_see_the_list_export_it_and_mark_attendance,
);

/// What a test meeting looks like; `meeting` writes it with SQL.
struct Spec {
    format: &'static str,
    in_person: Option<i64>,
    online: Option<i64>,
    per_organisation: Option<i64>,
    waitlist: bool,
    /// Registration opens this long from now (negative: already open); None: no registration.
    opens_in_hours: Option<i64>,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            format: "in_person",
            in_person: Some(2),
            online: None,
            per_organisation: None,
            waitlist: true,
            opens_in_hours: Some(-24),
        }
    }
}

fn hours_from_now(h: i64) -> String {
    overens::db::timestamp(
        jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(h))
            .unwrap(),
    )
}

/// A meeting of the demo agreement in ten days; returns its path.
async fn meeting(app: &TestApp, spec: Spec) -> String {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO meetings (agreement_id, kind, title, starts_at, ends_at, venue_name,
             venue_address, format, online_url, link_visibility, registration_opens_at,
             capacity_in_person, capacity_online, per_organisation_limit, waitlist,
             created_at, updated_at)
         SELECT id, 'dialogue', 'Dialogmöte om folkhälsa', $1, $2, 'Regionens hus',
             'Östra Hamngatan 1, Göteborg', $3, 'https://meet.example/abc', 'registered', $4,
             $5, $6, $7, $8, $9, $9
         FROM agreements WHERE slug = 'vg' RETURNING id",
    )
    .bind(hours_from_now(240))
    .bind(hours_from_now(243))
    .bind(spec.format)
    .bind(spec.opens_in_hours.map(hours_from_now))
    .bind(spec.in_person)
    .bind(spec.online)
    .bind(spec.per_organisation)
    .bind(i64::from(spec.waitlist))
    .bind(overens::db::now())
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    format!("/vg/meetings/{id}")
}

fn meeting_id(path: &str) -> i64 {
    path.rsplit('/').next().unwrap().parse().unwrap()
}

async fn register(b: &Browser, meeting: &str, name: &str, email: &str) -> reqwest::Response {
    b.post_form(
        &format!("{meeting}/register"),
        &[("name", name), ("email", email), ("mode", "in_person")],
    )
    .await
}

/// The change-or-cancel link in the newest mail to an address, as a path.
async fn manage_link(app: &TestApp, email: &str) -> String {
    let (_, body) = app.last_mail_to(email).await.expect("a mail");
    let url = body
        .split_whitespace()
        .find(|w| w.contains("/vg/registrations/"))
        .expect("a link to the registration");
    url[url.find("/vg/").unwrap()..].to_string()
}

async fn statuses(app: &TestApp, meeting: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT email, status FROM registrations WHERE meeting_id = $1 ORDER BY id")
        .bind(meeting_id(meeting))
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

async fn status_text(b: &Browser, path: &str) -> String {
    let (status, html) = b.get_html(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    select_text(&html, "#registration-status").join(" ")
}

async fn seats_fill_up_then_the_waitlist_with_an_ics_in_every_mail(plain: TestApp) {
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
    let m = meeting(
        &app,
        Spec {
            format: "hybrid",
            in_person: Some(2),
            online: Some(0),
            ..Spec::default()
        },
    )
    .await;
    let (status, html) = app.browser().get_html(&format!("{m}/register")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "input[name=mode] + label"),
        vec!["På plats (2 platser kvar)"],
        "online is not offered (capacity 0)"
    );
    assert!(
        html.html().contains("raderas 30 dagar efter mötet"),
        "the needs are explained"
    );

    let people = [
        ("Alva Anmäld", "alva@example.org"),
        ("Bertil Bänk", "bertil@example.org"),
        ("Cissi Kö", "cissi@example.org"),
    ];
    let mut pages = Vec::new();
    for (name, email) in people {
        let b = app.browser();
        let r = register(&b, &m, name, email).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{name}");
        let page = location(&r);
        assert!(page.starts_with("/vg/registrations/"), "{page}");
        assert_eq!(page, manage_link(&app, email).await, "the mailed link");
        pages.push((b, page));
    }
    assert_eq!(
        statuses(&app, &m).await,
        vec![
            ("alva@example.org".into(), "confirmed".into()),
            ("bertil@example.org".into(), "confirmed".into()),
            ("cissi@example.org".into(), "waitlisted".into()),
        ]
    );
    let (b, page) = &pages[0];
    assert_eq!(status_text(b, page).await, "Du är anmäld. Välkommen!");
    let (_, html) = b.get_html(page).await;
    assert_eq!(
        attr(&html, "#online-link", "href").as_deref(),
        Some("https://meet.example/abc"),
        "a confirmed registrant sees the link"
    );
    let (b, page) = &pages[2];
    assert!(
        status_text(b, page)
            .await
            .contains("reservlistan som nummer 1"),
    );
    let (_, html) = b.get_html(page).await;
    assert!(attr(&html, "#online-link", "href").is_none());
    let (_, html) = app.browser().get_html(&format!("{m}/register")).await;
    assert_eq!(
        select_text(&html, "input[name=mode] + label"),
        vec!["På plats (fullt, reservlista)"]
    );

    assert_eq!(overens::mail::send_all_due(&app.state).await.unwrap(), 3);
    let received = sink.received();
    assert_eq!(received.len(), 3);
    for (mail, (name, email)) in received.iter().zip(people) {
        assert_eq!(mail.to, vec![email]);
        let message = mail_parser::MessageParser::default()
            .parse(&mail.data)
            .unwrap();
        let text = message.body_text(0).unwrap();
        assert!(text.contains(&format!("Hej {name}!")), "{text}");
        assert!(text.contains("Regionens hus, Östra Hamngatan 1, Göteborg"));
        assert!(text.contains("/vg/registrations/"));
        assert_eq!(message.attachment_count(), 1, "{name}");
        let ics = message.attachment(0).unwrap();
        let ctype = ics.content_type().unwrap();
        assert_eq!((ctype.ctype(), ctype.subtype()), ("text", Some("calendar")));
        let calendar = String::from_utf8_lossy(ics.contents());
        assert!(calendar.contains("BEGIN:VEVENT"), "{calendar}");
        assert!(calendar.contains("Dialogmöte om folkhälsa"));
        if email == "cissi@example.org" {
            assert_eq!(
                message.subject(),
                Some("Du står på reservlistan: Dialogmöte om folkhälsa")
            );
            assert!(text.contains("reservlistan som nummer 1"), "{text}");
            assert!(!text.contains("meet.example"), "no link while waiting");
        } else {
            assert_eq!(
                message.subject(),
                Some("Anmälan bekräftad: Dialogmöte om folkhälsa")
            );
            assert!(text.contains("https://meet.example/abc"));
        }
    }
}

async fn cancelling_by_the_link_promotes_the_first_on_the_waitlist(app: TestApp) {
    let m = meeting(
        &app,
        Spec {
            in_person: Some(1),
            ..Spec::default()
        },
    )
    .await;
    for (name, email) in [
        ("Ada", "ada@example.org"),
        ("Bo", "bo@example.org"),
        ("Cilla", "cilla@example.org"),
    ] {
        let r = register(&app.browser(), &m, name, email).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let bo_first_link = manage_link(&app, "bo@example.org").await;
    let cilla = manage_link(&app, "cilla@example.org").await;
    assert!(
        status_text(&app.browser(), &cilla)
            .await
            .contains("nummer 2")
    );

    // Ada cannot come; she cancels with the link from her mail, logged out.
    let ada = manage_link(&app, "ada@example.org").await;
    let b = app.browser();
    let r = b.post_form(&ada, &[("action", "cancel")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), ada);
    assert_eq!(status_text(&b, &ada).await, "Anmälan är avbokad.");
    assert_eq!(
        statuses(&app, &m).await,
        vec![
            ("ada@example.org".into(), "cancelled".into()),
            ("bo@example.org".into(), "confirmed".into()),
            ("cilla@example.org".into(), "waitlisted".into()),
        ]
    );
    let (subject, body) = app.last_mail_to("bo@example.org").await.unwrap();
    assert_eq!(subject, "Du har fått en plats: Dialogmöte om folkhälsa");
    assert!(body.contains("du är nu anmäld"), "{body}");
    let attachment: Option<String> = sqlx::query_scalar(
        "SELECT attachment_type FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind("bo@example.org")
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert!(attachment.unwrap().starts_with("text/calendar"));
    assert_eq!(app.mail_count("bo@example.org").await, 2);
    assert_eq!(app.mail_count("cilla@example.org").await, 1, "no mail");

    // Bo's new link works and replaces the first one.
    let bo = manage_link(&app, "bo@example.org").await;
    assert_ne!(bo, bo_first_link);
    assert_eq!(
        status_text(&app.browser(), &bo).await,
        "Du är anmäld. Välkommen!"
    );
    assert_eq!(
        app.browser().get(&bo_first_link).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(
        status_text(&app.browser(), &cilla)
            .await
            .contains("nummer 1")
    );

    // Cancelling twice changes nothing; a cancelled registration is not changed.
    let r = b.post_form(&ada, &[("action", "cancel")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = b
        .post_form(&ada, &[("action", "save"), ("name", "Ada igen")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(app.mail_count("cilla@example.org").await, 1);

    // Bo changes his name and needs; the change is kept.
    let r = app
        .browser()
        .post_form(
            &bo,
            &[
                ("action", "save"),
                ("name", "Bo Bengtsson"),
                ("mode", "in_person"),
                ("dietary", "Vegetariskt"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (name, dietary, status): (String, String, String) =
        sqlx::query_as("SELECT name, dietary, status FROM registrations WHERE email = $1")
            .bind("bo@example.org")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), dietary.as_str(), status.as_str()),
        ("Bo Bengtsson", "Vegetariskt", "confirmed")
    );
    // Another agreement's address for the same token is not found.
    let other = bo.replacen("/vg/", "/nope/", 1);
    assert_eq!(
        app.browser().get(&other).await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn changing_the_mode_takes_a_free_seat_or_nothing(app: TestApp) {
    let m = meeting(
        &app,
        Spec {
            format: "hybrid",
            in_person: Some(1),
            online: Some(2),
            ..Spec::default()
        },
    )
    .await;
    for (name, email, mode) in [
        ("Ann", "ann@example.org", "in_person"),
        ("Bert", "bert@example.org", "online"),
        ("Carl", "carl@example.org", "in_person"),
    ] {
        let r = app
            .browser()
            .post_form(
                &format!("{m}/register"),
                &[("name", name), ("email", email), ("mode", mode)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let change = |email: &'static str, mode: &'static str| {
        let app = &app;
        async move {
            let link = manage_link(app, email).await;
            app.browser()
                .post_form(
                    &link,
                    &[("action", "save"), ("name", "Samma namn"), ("mode", mode)],
                )
                .await
        }
    };
    // Ann moves online, where a seat is free; her seat goes to Carl.
    let r = change("ann@example.org", "online").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let modes: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT email, mode, status FROM registrations WHERE meeting_id = $1 ORDER BY id",
    )
    .bind(meeting_id(&m))
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    let expected = |rows: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        rows.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    };
    assert_eq!(
        modes,
        expected(&[
            ("ann@example.org", "online", "confirmed"),
            ("bert@example.org", "online", "confirmed"),
            ("carl@example.org", "in_person", "confirmed"),
        ])
    );
    let (subject, _) = app.last_mail_to("carl@example.org").await.unwrap();
    assert!(subject.starts_with("Du har fått en plats"), "{subject}");
    // Back again: no seat in person now, so nothing changes.
    let r = change("ann@example.org", "in_person").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(select_text(&html, "#mode-error")[0].contains("Din anmälan är oförändrad"));
    let (mode, name): (String, String) =
        sqlx::query_as("SELECT mode, name FROM registrations WHERE email = 'ann@example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!((mode.as_str(), name.as_str()), ("online", "Samma namn"));
}

async fn signatory(app: &TestApp, n: i64) -> String {
    let id: i64 = sqlx::query_scalar(&format!(
        "SELECT s.organisation_id FROM signatories s JOIN agreements a ON a.id = s.agreement_id
         WHERE a.slug = 'vg' AND s.left_on IS NULL ORDER BY s.organisation_id LIMIT 1 OFFSET {n}"
    ))
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    id.to_string()
}

async fn an_organisation_registers_no_more_than_its_limit(app: TestApp) {
    let m = meeting(
        &app,
        Spec {
            in_person: Some(10),
            per_organisation: Some(2),
            ..Spec::default()
        },
    )
    .await;
    let (first, second) = (signatory(&app, 0).await, signatory(&app, 1).await);
    let (_, html) = app.browser().get_html(&format!("{m}/register")).await;
    assert!(
        attr(
            &html,
            &format!("#organisation option[value='{first}']"),
            "value"
        )
        .is_some(),
        "current signatories are listed"
    );
    assert!(attr(&html, "#organisation option[selected]", "value").is_none());
    // A representative of one signatory finds it chosen.
    let rep = app.verified_person("Rut Rep", "rut@example.org").await;
    sqlx::query(
        "INSERT INTO organisation_representatives (organisation_id, user_id, since)
         SELECT $1, id, '2026-01-01' FROM users WHERE email = 'rut@example.org'",
    )
    .bind(second.parse::<i64>().unwrap())
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let (_, html) = rep.get_html(&format!("{m}/register")).await;
    assert_eq!(
        attr(&html, "#organisation option[selected]", "value").as_deref(),
        Some(second.as_str())
    );
    let fields = |name: &'static str, email: &'static str, org: &str| {
        vec![
            ("name", name.to_string()),
            ("email", email.to_string()),
            ("organisation", org.to_string()),
            ("mode", "in_person".to_string()),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let b = app.browser();
        let path = format!("{m}/register");
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            b.post_form(&path, &pairs).await
        }
    };
    for (name, email) in [("En", "en@example.org"), ("Två", "tva@example.org")] {
        let r = post(fields(name, email, &first)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let r = post(fields("Tre", "tre@example.org", &first)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, "#organisation-error"),
        vec!["Fel: Organisationen har redan anmält så många som får delta"]
    );
    assert_eq!(
        attr(&html, "#organisation option[selected]", "value").as_deref(),
        Some(first.as_str()),
        "the choice is kept"
    );
    // Another organisation still may; a cancellation frees a place.
    let r = post(fields("Tre", "tre@example.org", &second)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let link = manage_link(&app, "en@example.org").await;
    app.browser()
        .post_form(&link, &[("action", "cancel")])
        .await;
    let r = post(fields("Fyra", "fyra@example.org", &first)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The limit holds for a name typed by hand too, whatever its case.
    let typed = |name: &'static str, email: &'static str, org: &'static str| {
        vec![
            ("name", name.to_string()),
            ("email", email.to_string()),
            ("other_organisation", org.to_string()),
            ("mode", "in_person".to_string()),
        ]
    };
    for email in ["a@example.org", "b@example.org"] {
        let r = post(typed("X", email, "Bygdens förening")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let r = post(typed("X", "c@example.org", "BYGDENS FÖRENING")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let live: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations WHERE meeting_id = $1 AND status <> 'cancelled'",
    )
    .bind(meeting_id(&m))
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(live, 5);
}

async fn closed_registration_accepts_nothing(app: TestApp) {
    let not_yet = meeting(
        &app,
        Spec {
            opens_in_hours: Some(48),
            ..Spec::default()
        },
    )
    .await;
    let closed = meeting(&app, Spec::default()).await;
    sqlx::query("UPDATE meetings SET registration_closes_at = $1 WHERE id = $2")
        .bind(hours_from_now(-1))
        .bind(meeting_id(&closed))
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let cancelled = meeting(&app, Spec::default()).await;
    sqlx::query("UPDATE meetings SET cancelled_at = $1 WHERE id = $2")
        .bind(overens::db::now())
        .bind(meeting_id(&cancelled))
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let none = meeting(
        &app,
        Spec {
            opens_in_hours: None,
            ..Spec::default()
        },
    )
    .await;
    let b = app.browser();
    for (m, reason) in [
        (&not_yet, "Anmälan har inte öppnat ännu. Den öppnar"),
        (&closed, "Anmälan är stängd."),
        (&cancelled, "Mötet är inställt."),
        (&none, "Mötet tar inte emot anmälningar."),
    ] {
        let (status, html) = b.get_html(&format!("{m}/register")).await;
        assert_eq!(status, StatusCode::OK);
        let notice = select_text(&html, "main .notice").join(" ");
        assert!(notice.contains(reason), "{m}: {notice}");
        assert!(
            select_text(&html, "form[action$='/register']").is_empty(),
            "no form"
        );
        let r = register(&b, m, "Sen Anmälan", "sen@example.org").await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "{m}");
        assert!(r.text().await.unwrap().contains(reason));
    }
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE email LIKE '%@example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(rows, 0, "nothing saved");
    assert_eq!(app.mail_count("sen@example.org").await, 0);

    // A closed meeting of a body takes members only.
    let members = meeting(&app, Spec::default()).await;
    sqlx::query("UPDATE meetings SET is_open = 0 WHERE id = $1")
        .bind(meeting_id(&members))
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let r = register(&b, &members, "Utomstående", "ute@example.org").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let member = app.logged_in("ledamot@demo.example").await;
    let (_, html) = member.get_html(&format!("{members}/register")).await;
    assert_eq!(
        attr(&html, "#email", "value").as_deref(),
        Some("ledamot@demo.example"),
        "prefilled for a logged-in person"
    );
    let r = register(
        &member,
        &members,
        "Cecilia Provlund",
        "ledamot@demo.example",
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let user_id: Option<i64> = sqlx::query_scalar(
        "SELECT r.user_id FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE u.email = 'ledamot@demo.example'",
    )
    .fetch_optional(&app.state.db.pool)
    .await
    .unwrap();
    assert!(user_id.is_some(), "the account is linked");
}

async fn bad_input_comes_back_kept_and_named(app: TestApp) {
    let m = meeting(
        &app,
        Spec {
            format: "hybrid",
            in_person: Some(5),
            online: None,
            ..Spec::default()
        },
    )
    .await;
    let b = app.browser();
    let long = "x".repeat(2001);
    let r = b
        .post_form(
            &format!("{m}/register"),
            &[
                ("name", " "),
                ("email", "inte-en-adress"),
                ("organisation", "999999"),
                ("dietary", &long),
                ("message", "Ser fram emot det"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(select_text(&html, "title")[0].starts_with("Fel: "));
    assert_eq!(
        select_text(&html, ".error-summary li a"),
        vec![
            "Ange ditt namn",
            "Ange en e-postadress i rätt format, till exempel namn@exempel.se",
            "Välj ett av alternativen",
            "Välj ett av alternativen",
            "Texten är för lång",
        ]
    );
    assert_eq!(
        attr(&html, ".error-summary li:nth-child(4) a", "href").as_deref(),
        Some("#mode")
    );
    assert_eq!(
        attr(&html, "#email", "value").as_deref(),
        Some("inte-en-adress")
    );
    assert_eq!(
        attr(&html, "#email", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        select_text(&html, "#message"),
        vec!["Ser fram emot det"],
        "input kept"
    );
    assert_eq!(select_text(&html, "#dietary")[0].len(), 2001);
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE email LIKE '%@example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(rows, 0);

    // The same address twice, whatever its case, is one registration.
    let fields = |email: &'static str| {
        [
            ("name", "Dora Dubblett"),
            ("email", email),
            ("mode", "online"),
        ]
    };
    let r = b
        .post_form(&format!("{m}/register"), &fields("dora@example.org"))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .browser()
        .post_form(&format!("{m}/register"), &fields("Dora@Example.org"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(
        select_text(&html, "#email-error")[0].contains("redan anmäld till mötet"),
        "{:?}",
        select_text(&html, "#email-error")
    );
    assert_eq!(
        attr(&html, "#mode-online", "checked").as_deref(),
        Some(""),
        "the mode is kept"
    );
    assert_eq!(statuses(&app, &m).await.len(), 1);
    assert_eq!(app.mail_count("dora@example.org").await, 1);

    // With no waitlist, a full mode is an error and nothing is saved.
    let full = meeting(
        &app,
        Spec {
            in_person: Some(1),
            waitlist: false,
            ..Spec::default()
        },
    )
    .await;
    let r = register(&app.browser(), &full, "Först", "forst@example.org").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = register(&app.browser(), &full, "Sist", "sist@example.org").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Det finns inga platser kvar")
    );
    assert_eq!(statuses(&app, &full).await.len(), 1);
}

async fn two_hundred_at_once_for_fifty_seats(app: TestApp) {
    let m = meeting(
        &app,
        Spec {
            in_person: Some(50),
            ..Spec::default()
        },
    )
    .await;
    let path = format!("{m}/register");
    let barrier = Arc::new(tokio::sync::Barrier::new(200));
    let mut tasks = Vec::new();
    for i in 0..200 {
        let b = app.browser();
        let path = path.clone();
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            let csrf = b.csrf().await;
            barrier.wait().await;
            let name = format!("Deltagare {i}");
            let email = format!("deltagare{i}@example.org");
            let r = b
                .post_raw(
                    &path,
                    &[
                        ("csrf", &csrf),
                        ("name", &name),
                        ("email", &email),
                        ("mode", "in_person"),
                    ],
                )
                .await;
            (r.status(), location(&r))
        }));
    }
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    for (status, to) in &answers {
        assert_eq!(*status, StatusCode::SEE_OTHER, "every request succeeded");
        assert!(to.starts_with("/vg/registrations/"), "{to}");
    }
    let counted: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, COUNT(*) FROM registrations WHERE meeting_id = $1
         GROUP BY status ORDER BY status",
    )
    .bind(meeting_id(&m))
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(
        counted,
        vec![("confirmed".into(), 50), ("waitlisted".into(), 150)]
    );
    let mails: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'deltagare%@example.org'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(mails, 200, "one mail per registration");
    let last = app.browser();
    for (_, page) in [&answers[0], &answers[199]] {
        let text = status_text(&last, page).await;
        assert!(
            text == "Du är anmäld. Välkommen!" || text.contains("reservlistan som nummer"),
            "{text}"
        );
    }
    // The waitlist is numbered 1..150 without gaps.
    let (_, html) = app
        .logged_in("redaktor@demo.example")
        .await
        .get_html(&format!("{m}/registrations"))
        .await;
    let positions = select_text(&html, "#waitlist-table tbody td:first-child");
    let expected: Vec<String> = (1..=150).map(|n| n.to_string()).collect();
    assert_eq!(positions, expected);
}

async fn sensitive_needs_are_erased_thirty_days_after_the_meeting(app: TestApp) {
    let insert_meeting = |ends: &'static str| {
        let pool = app.state.db.pool.clone();
        async move {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO meetings (agreement_id, kind, title, starts_at, ends_at, format,
                     registration_opens_at, created_at, updated_at)
                 SELECT id, 'conference', 'Konferens', $1, $1, 'in_person', '2026-01-01T00:00:00.000000Z', $1, $1
                 FROM agreements WHERE slug = 'vg' RETURNING id",
            )
            .bind(ends)
            .fetch_one(&pool)
            .await
            .unwrap();
            id
        }
    };
    let ended_31 = insert_meeting("2026-03-01T12:00:00.000000Z").await;
    let ended_29 = insert_meeting("2026-03-03T12:00:00.000000Z").await;
    let now = "2026-04-01T12:00:00.000000Z";
    for (meeting, email) in [
        (ended_31, "gammal@example.org"),
        (ended_31, "gammal2@example.org"),
        (ended_29, "ny@example.org"),
    ] {
        sqlx::query(
            "INSERT INTO registrations (meeting_id, name, email, mode, status, dietary,
                 accessibility, message, token_hash, created_at, updated_at)
             VALUES ($1, 'Namn', $2, 'in_person', 'confirmed', 'Glutenfritt', 'Hörslinga',
                 'Hej', $2, '2026-02-01T00:00:00.000000Z', '2026-02-01T00:00:00.000000Z')",
        )
        .bind(meeting)
        .bind(email)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    }
    // The demo's meetings may have registrations due for erasure too.
    let due: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations r JOIN meetings m ON m.id = r.meeting_id
         WHERE m.ends_at < '2026-03-02T12:00:00.000000Z' AND r.sensitive_erased_at IS NULL",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert!(due >= 2);
    let erased = overens::jobs::purge_sensitive_registration_data(&app.state.db, now)
        .await
        .unwrap();
    assert_eq!(erased, due as u64);
    type Row = (
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT email, name, status, dietary, accessibility, message, sensitive_erased_at, updated_at
         FROM registrations WHERE email LIKE '%@example.org' ORDER BY id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    for row in &rows[..2] {
        assert_eq!(
            (&row.1[..], &row.2[..], &row.3[..], &row.4[..], &row.5[..]),
            ("Namn", "confirmed", "", "", "Hej"),
            "{}",
            row.0
        );
        assert_eq!(row.6.as_deref(), Some(now));
        assert_eq!(row.7, "2026-02-01T00:00:00.000000Z", "nothing else touched");
    }
    assert_eq!(
        (&rows[2].3[..], &rows[2].4[..], rows[2].6.as_deref()),
        ("Glutenfritt", "Hörslinga", None),
        "ended 29 days before: kept"
    );
    let runs: Vec<(String, Option<String>, i64)> =
        sqlx::query_as("SELECT job, finished_at, affected FROM job_runs ORDER BY id")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].0, "purge_sensitive_registration_data");
    assert!(runs[0].1.is_some());
    assert_eq!(runs[0].2, due);
    // Running again finds nothing to do, and says so.
    let again = overens::jobs::purge_sensitive_registration_data(&app.state.db, now)
        .await
        .unwrap();
    assert_eq!(again, 0);
    let affected: Vec<i64> = sqlx::query_scalar("SELECT affected FROM job_runs ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(affected, vec![due, 0]);
}

async fn organisers_see_the_list_export_it_and_mark_attendance(app: TestApp) {
    let m = meeting(
        &app,
        Spec {
            in_person: Some(2),
            ..Spec::default()
        },
    )
    .await;
    let org = signatory(&app, 0).await;
    for (name, email, dietary) in [
        ("Greta Gäst", "greta@example.org", "Laktosfritt"),
        (
            "=HYPERLINK(\"http://evil.example\")",
            "formel@example.org",
            "",
        ),
        ("Hugo Väntar", "hugo@example.org", "Veganskt"),
    ] {
        let r = app
            .browser()
            .post_form(
                &format!("{m}/register"),
                &[
                    ("name", name),
                    ("email", email),
                    ("organisation", &org),
                    ("mode", "in_person"),
                    ("dietary", dietary),
                    ("accessibility", "Hörslinga"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let list = format!("{m}/registrations");
    // The public is sent to log in; a logged-in non-editor is refused.
    let anonymous = app.browser();
    for path in [
        list.clone(),
        format!("{list}.csv"),
        format!("{list}.xlsx"),
        format!("{list}/print"),
    ] {
        let r = anonymous.get(&path).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&r).starts_with("/login"));
    }
    let outsider = app
        .verified_person("Olle Utanför", "olle@example.org")
        .await;
    for path in [list.clone(), format!("{list}.csv"), format!("{list}.xlsx")] {
        assert_eq!(
            outsider.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // The registrant's page never shows the needs to anyone else.
    let (_, html) = app.browser().get_html(&m).await;
    assert!(!html.html().contains("Laktosfritt"));

    let editor = app.logged_in("redaktor@demo.example").await;
    let (status, html) = editor.get_html(&list).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "#registration-counts tbody tr > *"),
        vec!["På plats", "2", "2", "1"]
    );
    let confirmed = select_text(&html, "#confirmed-table tbody tr");
    assert_eq!(confirmed.len(), 2);
    assert!(confirmed[0].contains("Greta Gäst") && confirmed[0].contains("Laktosfritt"));
    let waiting = select_text(&html, "#waitlist-table tbody tr");
    assert_eq!(waiting.len(), 1);
    assert!(waiting[0].starts_with("1 Hugo Väntar") && waiting[0].contains("Veganskt"));

    // CSV: every registration, a formula made harmless.
    let r = editor.get(&format!("{list}.csv")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = r.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(&body[..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        overens::meetings::registration::EXPORT_HEADER.to_vec()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][0], "Greta Gäst");
    assert_eq!(&rows[0][4], "confirmed");
    assert_eq!(&rows[0][6], "Laktosfritt");
    assert_eq!(&rows[1][0], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(
        (&rows[2][0], &rows[2][4], &rows[2][5]),
        ("Hugo Väntar", "waitlisted", "1")
    );

    // XLSX: opens, with the same rows.
    let r = editor.get(&format!("{list}.xlsx")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range("registrations").unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(cells.len(), 4);
    assert_eq!(cells[0][0], "name");
    assert_eq!(cells[1][0], "Greta Gäst");
    assert_eq!(cells[3][0], "Hugo Väntar");
    assert_eq!(cells[1][7], "Hörslinga");

    // The printable list: those with a place, with a column to sign.
    let (status, html) = editor.get_html(&format!("{list}/print")).await;
    assert_eq!(status, StatusCode::OK);
    let printed = select_text(&html, "#participants tbody tr");
    assert_eq!(printed.len(), 2);
    assert!(printed.iter().any(|r| r.contains("Greta Gäst")));
    assert_eq!(select_text(&html, "#participants td.signature").len(), 2);

    // Attendance: Greta came, the other did not.
    let ids: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, email FROM registrations WHERE meeting_id = $1 AND status = 'confirmed' ORDER BY id",
    )
    .bind(meeting_id(&m))
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    let (greta, other) = (ids[0].0.to_string(), ids[1].0.to_string());
    let r = outsider
        .post_form(
            &format!("{list}/attendance"),
            &[("listed", &greta), ("attended", &greta)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = editor
        .post_form(
            &format!("{list}/attendance"),
            &[("listed", &greta), ("listed", &other), ("attended", &greta)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), list);
    let attended: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT attended FROM registrations WHERE meeting_id = $1 ORDER BY id")
            .bind(meeting_id(&m))
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(attended, vec![Some(1), Some(0), None]);
    let (_, html) = editor.get_html(&list).await;
    assert_eq!(
        attr(&html, &format!("#attended-{greta}"), "checked").as_deref(),
        Some("")
    );
    assert!(attr(&html, &format!("#attended-{other}"), "checked").is_none());
    let r = editor.get(&format!("{list}.csv")).await;
    let text = r.text().await.unwrap();
    assert!(text.lines().nth(1).unwrap().ends_with(",yes"), "{text}");
}
