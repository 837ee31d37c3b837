//! Meetings: announcing one, its page and agenda, the calendar and archive,
//! the notice, cancelling, who sees the online link, and the calendar feeds.

use crate::common;

use common::{TestApp, attr, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    an_editor_announces_a_meeting_shown_the_swedish_way,
    bad_input_comes_back_with_everything_kept,
    the_calendar_shows_what_is_coming_and_the_archive_what_has_been,
    the_agenda_is_saved_in_order,
    the_notice_goes_to_members_or_to_representatives,
    a_cancelled_meeting_tells_those_registered_and_calendars,
    the_online_link_is_shown_only_to_whom_it_is_meant,
    the_calendar_feeds_are_subscribable,
    another_agreements_meeting_is_not_found,
    raising_the_capacity_gives_places_to_the_waitlist,
);

/// The fields of a valid meeting form; tests change what they need.
fn meeting_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("kind", "dialogue"),
        ("body", ""),
        ("title", "Dialogmöte om tidig dialog"),
        ("description", "Ett **öppet** möte."),
        ("date", "2027-03-24"),
        ("start_time", "13.00"),
        ("end_date", ""),
        ("end_time", "17"),
        ("venue_name", "Folkets hus i Exempelby"),
        ("venue_address", "Storgatan 1, 123 45 Exempelby"),
        ("venue_accessibility", "Hörslinga finns."),
        ("format", "hybrid"),
        ("online_url", "https://stream.example.org/dialog"),
        ("link_visibility", "everyone"),
        ("organisers", "RÖS"),
        ("registration", "yes"),
        ("opens_date", "2026-11-01"),
        ("closes_date", "2027-03-20"),
        ("closes_time", ""),
        ("capacity_in_person", "50"),
        ("capacity_online", ""),
        ("per_organisation_limit", "2"),
        ("waitlist", "yes"),
        ("contact_name", "Tova Kontaktsson"),
        ("contact_role", "Processledare"),
        ("contact_email", "tova@example.org"),
        ("contact_phone", "031-390 07 77"),
        ("attachment_title", "Inbjudan"),
        ("attachment_url", "https://example.org/inbjudan.pdf"),
    ]
}

async fn create(app: &TestApp, fields: &[(&str, &str)]) -> i64 {
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = editor.post_form("/vg/meetings/new", fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "meeting created");
    location(&r)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .expect("redirected to the meeting")
}

async fn an_editor_announces_a_meeting_shown_the_swedish_way(app: TestApp) {
    let id = create(&app, &meeting_form()).await;
    let (status, html) = app.browser().get_html(&format!("/vg/meetings/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "h1"), ["Dialogmöte om tidig dialog"]);
    let facts = select_text(&html, ".facts dd");
    assert_eq!(facts[0], "onsdag 24 mars 2027, kl. 13.00–17.00");
    assert!(
        facts.iter().any(|f| f == "På plats och digitalt"),
        "{facts:?}"
    );
    assert!(facts.iter().any(|f| f.contains("Storgatan 1")), "{facts:?}");
    assert_eq!(
        attr(&html, ".facts a[href^='https://stream']", "href").as_deref(),
        Some("https://stream.example.org/dialog")
    );
    assert_eq!(select_text(&html, ".prose strong"), ["öppet"]);
    let contacts = select_text(&html, ".contact-list li");
    assert!(
        contacts[0].contains("Tova Kontaktsson") && contacts[0].contains("031-390 07 77"),
        "{contacts:?}"
    );
    assert!(attr(&html, "a[href='https://example.org/inbjudan.pdf']", "href").is_some());
    assert!(
        select_text(&html, "#registration ~ ul li")[0].contains("50 platser kvar"),
        "capacity shown"
    );
    assert_eq!(
        attr(&html, "link[type='text/calendar']", "href").as_deref(),
        Some(format!("/vg/meetings/{id}/calendar.ics").as_str())
    );
    // Stored in UTC: 13.00 in March (winter time) is 12.00 UTC.
    let starts: String = sqlx::query_scalar("SELECT starts_at FROM meetings WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(starts, "2027-03-24T12:00:00.000000Z");
    // In English, the English way.
    let en = app.browser();
    en.get("/language/en").await;
    let (_, html) = en.get_html(&format!("/vg/meetings/{id}")).await;
    let facts = select_text(&html, ".facts dd");
    assert_eq!(
        facts[0], "Wednesday 24 March 2027, at 13:00–17:00",
        "{facts:?}"
    );

    // Only editors announce meetings.
    let member = app.logged_in("ledamot@demo.example").await;
    assert_eq!(
        member.get("/vg/meetings/new").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = member.post_form("/vg/meetings/new", &meeting_form()).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let anonymous = app.browser().get("/vg/meetings/new").await;
    assert_eq!(
        anonymous.status(),
        StatusCode::SEE_OTHER,
        "to the login form"
    );

    // Editing keeps what was typed and bumps the calendar sequence.
    let editor = app.logged_in("redaktor@demo.example").await;
    let (_, form) = editor.get_html(&format!("/vg/meetings/{id}/edit")).await;
    assert_eq!(
        attr(&form, "#start_time", "value").as_deref(),
        Some("13:00")
    );
    assert_eq!(attr(&form, "#date", "value").as_deref(), Some("2027-03-24"));
    assert_eq!(
        attr(&form, "#contact_email_0", "value").as_deref(),
        Some("tova@example.org")
    );
    let mut changed = meeting_form();
    changed.retain(|(k, _)| *k != "start_time");
    changed.push(("start_time", "14:30"));
    let r = editor
        .post_form(&format!("/vg/meetings/{id}/edit"), &changed)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.browser().get_html(&format!("/vg/meetings/{id}")).await;
    assert_eq!(
        select_text(&html, ".facts dd")[0],
        "onsdag 24 mars 2027, kl. 14.30–17.00"
    );
    let sequence: i64 = sqlx::query_scalar("SELECT ical_sequence FROM meetings WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(sequence, 1);
}

async fn bad_input_comes_back_with_everything_kept(app: TestApp) {
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meetings")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let mut form = meeting_form();
    for (k, v) in form.iter_mut() {
        match *k {
            "kind" => *v = "body_meeting",
            "end_time" => *v = "12.00",
            "online_url" => *v = "javascript:alert(1)",
            "capacity_in_person" => *v = "femtio",
            "contact_email" => *v = "inte-en-adress",
            "attachment_title" => *v = "",
            _ => {}
        }
    }
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = editor.post_form("/vg/meetings/new", &form).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    let summary = select_text(&html, ".error-summary li");
    assert!(
        summary.contains(&"Välj vilket organ som sammanträder".to_string()),
        "{summary:?}"
    );
    assert!(summary.contains(&"Mötet måste sluta efter att det börjar".to_string()));
    assert!(summary.contains(&"Ange en länk som börjar med https://".to_string()));
    assert!(summary.contains(&"Ange antalet med siffror, till exempel 50".to_string()));
    assert!(summary.contains(&"Ange handlingens rubrik".to_string()));
    assert_eq!(summary.len(), 6, "{summary:?}");
    let links: Vec<String> = html
        .select(&scraper::Selector::parse(".error-summary a").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(links.contains(&"#contact_email_0".to_string()), "{links:?}");
    // Everything typed is still there.
    assert_eq!(
        attr(&html, "#title", "value").as_deref(),
        Some("Dialogmöte om tidig dialog")
    );
    assert_eq!(
        attr(&html, "#capacity_in_person", "value").as_deref(),
        Some("femtio")
    );
    assert_eq!(
        attr(&html, "#contact_email_0", "value").as_deref(),
        Some("inte-en-adress")
    );
    assert_eq!(
        attr(&html, "#contact_email_0", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&html, "#kind option[selected]", "value").as_deref(),
        Some("body_meeting")
    );
    assert!(select_text(&html, "title")[0].starts_with("Fel: "));
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meetings")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(before, after, "nothing saved");
}

async fn the_calendar_shows_what_is_coming_and_the_archive_what_has_been(app: TestApp) {
    let b = app.browser();
    let (status, html) = b.get_html("/vg/meetings").await;
    assert_eq!(status, StatusCode::OK);
    let upcoming = select_text(&html, ".meeting-card h2");
    assert!(upcoming.contains(&"Dialogkonferens: Tidig dialog i praktiken".to_string()));
    let starts: Vec<String> =
        sqlx::query_scalar("SELECT title FROM meetings WHERE ends_at >= $1 ORDER BY starts_at, id")
            .bind(overens::db::now())
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(upcoming, starts, "soonest first, nothing past");
    assert_eq!(
        attr(&html, "link[type='text/calendar']", "href").as_deref(),
        Some("/vg/meetings.ics")
    );
    // One body's meetings.
    let (_, html) = b.get_html("/vg/meetings?body=styrgruppen").await;
    let cards = select_text(&html, ".meeting-card .eyebrow");
    assert!(
        !cards.is_empty() && cards.iter().all(|c| c.contains("Styrgruppen")),
        "{cards:?}"
    );
    assert_eq!(
        attr(&html, "link[type='text/calendar']", "href").as_deref(),
        Some("/vg/bodies/styrgruppen/meetings.ics")
    );
    // The archive has the past meetings with their published notes.
    let (status, html) = b.get_html("/vg/meetings/archive").await;
    assert_eq!(status, StatusCode::OK);
    let past = select_text(&html, ".meeting-card h3");
    assert!(!past.is_empty());
    assert!(
        !past.contains(&"Dialogkonferens: Tidig dialog i praktiken".to_string()),
        "{past:?}"
    );
    assert!(
        !select_text(&html, ".meeting-card a[href$='/minutes']").is_empty(),
        "published minutes linked"
    );
    // The body page lists its upcoming meetings.
    let (_, html) = b.get_html("/vg/bodies/styrgruppen").await;
    assert!(select_text(&html, "main li a").contains(&"Styrgruppens sammanträde".to_string()));
    // Every meeting is in the sitemap.
    let sitemap = b.get("/sitemap.xml").await.text().await.unwrap();
    assert!(sitemap.contains("/vg/meetings/1</loc>") && sitemap.contains("/vg/meetings</loc>"));
}

async fn the_agenda_is_saved_in_order(app: TestApp) {
    let id = create(&app, &meeting_form()).await;
    let editor = app.logged_in("redaktor@demo.example").await;
    let path = format!("/vg/meetings/{id}/agenda");
    let (status, html) = editor.get_html(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "fieldset legend").len(),
        3,
        "three empty rows"
    );
    let r = editor
        .post_form(
            &path,
            &[
                ("order", "2"),
                ("time", "13.30"),
                ("title", "Samtal i grupper"),
                ("presenter", ""),
                ("description", ""),
                ("document_title", "Underlag"),
                ("document_url", "https://example.org/underlag.pdf"),
                ("order", "1"),
                ("time", "13"),
                ("title", "Välkommen"),
                ("presenter", "Ordföranden"),
                ("description", ""),
                ("document_title", ""),
                ("document_url", ""),
                ("order", "3"),
                ("time", ""),
                ("title", ""),
                ("presenter", ""),
                ("description", ""),
                ("document_title", ""),
                ("document_url", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.browser().get_html(&format!("/vg/meetings/{id}")).await;
    let items = select_text(&html, ".agenda > li");
    assert_eq!(items.len(), 2, "the empty row is dropped");
    assert!(
        items[0].starts_with("13.00 Välkommen") && items[0].contains("Ordföranden"),
        "{items:?}"
    );
    assert!(items[1].starts_with("13.30 Samtal i grupper"), "{items:?}");
    assert!(
        attr(
            &html,
            ".agenda a[href='https://example.org/underlag.pdf']",
            "href"
        )
        .is_some()
    );

    // A row without a title is named and nothing changes.
    let r = editor
        .post_form(
            &path,
            &[
                ("order", "1"),
                ("time", "25.00"),
                ("title", "Ny punkt"),
                ("presenter", ""),
                ("description", ""),
                ("document_title", ""),
                ("document_url", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        ["Ange ett klockslag, till exempel 13.00"]
    );
    assert_eq!(
        attr(&html, "#title-0", "value").as_deref(),
        Some("Ny punkt")
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agenda_items WHERE meeting_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 2);
}

async fn the_notice_goes_to_members_or_to_representatives(app: TestApp) {
    let editor = app.logged_in("redaktor@demo.example").await;
    // The steering group's coming meeting: to its running members.
    let steering: i64 = sqlx::query_scalar(
        "SELECT m.id FROM meetings m JOIN bodies b ON b.id = m.body_id
         WHERE b.slug = 'styrgruppen' AND m.ends_at > $1 ORDER BY m.starts_at LIMIT 1",
    )
    .bind(overens::db::now())
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let members: Vec<String> = sqlx::query_scalar(
        "SELECT p.work_email FROM memberships m JOIN people p ON p.id = m.person_id
         JOIN bodies b ON b.id = m.body_id
         WHERE b.slug = 'styrgruppen' AND m.starts_on <= $1 AND (m.ends_on IS NULL OR m.ends_on >= $1)",
    )
    .bind(overens::db::today())
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert!(!members.is_empty());
    let path = format!("/vg/meetings/{steering}/notice");
    let (status, html) = editor.get_html(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        select_text(&html, "main p")
            .iter()
            .any(|p| p.contains(&format!("{} ledamöter", members.len()))),
        "the count of recipients is shown"
    );
    let r = editor.post_form(&path, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for address in &members {
        let (subject, body) = app.last_mail_to(address).await.expect("notice");
        assert_eq!(subject, "Kallelse: Styrgruppens sammanträde");
        assert!(
            body.contains("Välkommen till Styrgruppens sammanträde"),
            "{body}"
        );
        // A closed meeting's link for members goes in the members' notice.
        assert!(body.contains("https://meet.demo.example/styrgruppen"));
        assert!(body.contains(&format!("/vg/meetings/{steering}")));
    }
    let (_, html) = editor.get_html(&format!("/vg/meetings/{steering}")).await;
    assert!(
        select_text(&html, ".actions li")
            .iter()
            .any(|l| l.contains("kallelse skickad"))
    );

    // An open meeting: to the representatives of signatory organisations.
    let id = create(&app, &meeting_form()).await;
    editor
        .post_form(
            &format!("/vg/meetings/{id}/agenda"),
            &[
                ("order", "1"),
                ("time", "13.00"),
                ("title", "Välkommen"),
                ("presenter", ""),
                ("description", ""),
                ("document_title", ""),
                ("document_url", ""),
            ],
        )
        .await;
    let before = app.mail_count("representant@demo.example").await;
    let r = editor
        .post_form(&format!("/vg/meetings/{id}/notice"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.mail_count("representant@demo.example").await,
        before + 1
    );
    let (_, body) = app.last_mail_to("representant@demo.example").await.unwrap();
    assert!(
        body.contains("1. 13.00 Välkommen"),
        "the agenda is in the notice: {body}"
    );
    assert_eq!(app.mail_count("ledamot@demo.example").await, 0);

    // Only editors send notices.
    let member = app.logged_in("ledamot@demo.example").await;
    assert_eq!(
        member.post_form(&path, &[]).await.status(),
        StatusCode::FORBIDDEN
    );
}

async fn a_cancelled_meeting_tells_those_registered_and_calendars(app: TestApp) {
    let registered: Vec<String> = sqlx::query_scalar(
        "SELECT email FROM registrations WHERE meeting_id = 1 AND status <> 'cancelled'",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert!(!registered.is_empty());
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = editor.post_form("/vg/meetings/1/cancel", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for address in &registered {
        let (subject, _) = app.last_mail_to(address).await.expect("told");
        assert_eq!(
            subject,
            "Inställt: Dialogkonferens: Tidig dialog i praktiken"
        );
    }
    let (_, html) = app.browser().get_html("/vg/meetings/1").await;
    assert_eq!(
        select_text(&html, ".notice-warning p"),
        ["Mötet är inställt."]
    );
    assert!(
        attr(&html, "main a[href='/vg/meetings/1/register']", "href").is_none(),
        "no registration for a cancelled meeting"
    );
    let ics = app
        .browser()
        .get("/vg/meetings/1/calendar.ics")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        ics.contains("STATUS:CANCELLED\r\n") && ics.contains("SEQUENCE:1\r\n"),
        "{ics}"
    );
}

async fn the_online_link_is_shown_only_to_whom_it_is_meant(app: TestApp) {
    // The steering group's meeting: its link is for its members.
    let (id,): (i64,) = sqlx::query_as(
        "SELECT m.id FROM meetings m JOIN bodies b ON b.id = m.body_id
         WHERE b.slug = 'styrgruppen' AND m.ends_at > $1 ORDER BY m.starts_at LIMIT 1",
    )
    .bind(overens::db::now())
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let path = format!("/vg/meetings/{id}");
    let link = "a[href='https://meet.demo.example/styrgruppen']";
    let (status, html) = app.browser().get_html(&path).await;
    assert_eq!(status, StatusCode::OK, "a closed meeting is announced");
    assert!(attr(&html, link, "href").is_none());
    assert!(
        select_text(&html, ".facts dd")
            .contains(&"Länken visas för organets ledamöter.".to_string())
    );
    assert!(select_text(&html, ".eyebrow")[0].contains("Slutet möte"));
    // ledamot@ sits in the agreement group, not the steering group.
    let (_, html) = app
        .logged_in("ledamot@demo.example")
        .await
        .get_html(&path)
        .await;
    assert!(attr(&html, link, "href").is_none());
    let (_, html) = app
        .logged_in("redaktor@demo.example")
        .await
        .get_html(&path)
        .await;
    assert!(attr(&html, link, "href").is_some(), "organisers see it");
    // The conference's link goes to those registered, not to the page.
    let (_, html) = app.browser().get_html("/vg/meetings/1").await;
    assert!(attr(&html, "a[href^='https://stream.demo.example']", "href").is_none());
}

async fn the_calendar_feeds_are_subscribable(app: TestApp) {
    let b = app.browser();
    let r = b.get("/vg/meetings.ics").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/calendar; charset=utf-8");
    let ics = r.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"));
    assert!(
        ics.lines().all(|l| l.len() <= 75),
        "every line folded at 75 octets"
    );
    let events = ics.matches("BEGIN:VEVENT").count();
    let expected: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meetings")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(
        events as i64, expected,
        "the demo's meetings are all within the last year"
    );
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("SUMMARY:Dialogkonferens: Tidig dialog i praktiken\r\n"));
    assert!(unfolded.contains("DTSTART;TZID=Europe/Stockholm:"));
    assert!(unfolded.contains(&format!("UID:meeting-1@{}\r\n", app.addr.ip())));
    let body = b
        .get("/vg/bodies/styrgruppen/meetings.ics")
        .await
        .text()
        .await
        .unwrap();
    let steering: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM meetings m JOIN bodies b ON b.id = m.body_id WHERE b.slug = 'styrgruppen'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(body.matches("BEGIN:VEVENT").count() as i64, steering);
    assert_eq!(
        b.get("/vg/bodies/no-such-body/meetings.ics").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn another_agreements_meeting_is_not_found(app: TestApp) {
    let other: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (slug, name, short_name, public_body, summary, created_at)
         VALUES ('ovrig', 'Övrig överenskommelse', 'Övrig', 'Exempelby kommun', '', $1) RETURNING id",
    )
    .bind(overens::db::now())
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let _ = other;
    let b = app.logged_in("redaktor@demo.example").await;
    for path in [
        "/ovrig/meetings/1",
        "/ovrig/meetings/1/calendar.ics",
        "/ovrig/meetings/1/edit",
        "/ovrig/meetings/1/agenda",
        "/vg/meetings/999999",
    ] {
        let status = b.get(path).await.status();
        assert!(
            status == StatusCode::NOT_FOUND || status == StatusCode::FORBIDDEN,
            "{path}: {status}"
        );
    }
    assert_eq!(
        b.get("/ovrig/meetings/1").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.get("/vg/meetings/999999").await.status(),
        StatusCode::NOT_FOUND
    );
    // The other agreement's calendar is empty, not the demo's.
    let (status, html) = b.get_html("/ovrig/meetings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(select_text(&html, ".meeting-card").is_empty());
}

async fn raising_the_capacity_gives_places_to_the_waitlist(app: TestApp) {
    let mut form = meeting_form();
    for (k, v) in form.iter_mut() {
        if *k == "capacity_in_person" {
            *v = "1";
        }
    }
    let id = create(&app, &form).await;
    for (i, status) in ["confirmed", "waitlisted", "waitlisted"].iter().enumerate() {
        sqlx::query(
            "INSERT INTO registrations (meeting_id, name, email, mode, status, token_hash, created_at, updated_at)
             VALUES ($1, $2, $3, 'in_person', $4, $5, $6, $6)",
        )
        .bind(id)
        .bind(format!("Deltagare {i}"))
        .bind(format!("deltagare{i}@example.org"))
        .bind(status)
        .bind(format!("hash-{id}-{i}"))
        .bind(overens::db::now())
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    }
    let mut form = meeting_form();
    for (k, v) in form.iter_mut() {
        if *k == "capacity_in_person" {
            *v = "2";
        }
    }
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = editor
        .post_form(&format!("/vg/meetings/{id}/edit"), &form)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let statuses: Vec<String> =
        sqlx::query_scalar("SELECT status FROM registrations WHERE meeting_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        statuses,
        ["confirmed", "confirmed", "waitlisted"],
        "the first in line moves up"
    );
    assert_eq!(
        app.mail_count("deltagare1@example.org").await,
        1,
        "and is told"
    );
    assert_eq!(app.mail_count("deltagare2@example.org").await, 0);
}
