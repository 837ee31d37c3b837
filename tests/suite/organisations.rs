//! Keeping an organisation's profile: its representatives edit it, add
//! contact persons (public only with consent), invite one another by e-mail,
//! and find it all on their account page.

use crate::common;

use common::{Browser, PASSWORD, TestApp, attr, link_in, location, select_text};
use reqwest::StatusCode;
use scraper::Html;

on_both_backends!(
    a_representative_edits_the_profile,
    bad_input_is_named_and_kept,
    who_may_edit,
    contacts_are_public_only_with_consent,
    an_invitation_by_mail_makes_another_representative,
    two_removing_each_other_at_once_leave_one,
    the_account_page_lists_organisations_and_applications,
);

const NUMBER: &str = "802000-0009";
const DEMO_ORG: &str = "/organisations/fiktiva-forbundet-for-barn-och-unga-i-vast";

/// Applies on behalf of an organisation; returns the application's path.
async fn apply(b: &Browser, name: &str, number: &str) -> String {
    let r = b
        .post_form(
            "/vg/apply",
            &[
                ("name", name),
                ("org_number", number),
                ("legal_form", "61"),
                ("kind", "association"),
                ("level", "regional"),
                ("municipalities", "Göteborg, Borås"),
                ("website", "https://exempel.example"),
                ("description", "En påhittad förening för tester."),
                ("motivation", "Vi vill bidra till dialogen."),
                ("regional_perspective", "Vi finns i hela regionen."),
                ("endorses_principles", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    location(&r)
}

/// A person whose application the steering group approved: they now
/// represent the organisation. Returns their browser and the organisation's path.
async fn representative(app: &TestApp, name: &str, email: &str, org: &str) -> (Browser, String) {
    let b = app.verified_person(name, email).await;
    let application = apply(&b, org, NUMBER).await;
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = editor
        .post_form(
            &format!("{application}/decide"),
            &[
                ("decision", "approve"),
                ("body", "Styrgruppen"),
                ("decided_on", "2026-11-20"),
                ("section", "14"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let slug: String = sqlx::query_scalar("SELECT slug FROM organisations WHERE org_number = $1")
        .bind(NUMBER)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    (b, format!("/organisations/{slug}"))
}

fn profile<'a>(name: &'a str, municipalities: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("legal_form", "61"),
        ("kind", "umbrella"),
        ("level", "local"),
        ("municipalities", municipalities),
        ("website", "https://bohuslan.example"),
        (
            "description",
            "Ett påhittat förbund för föreningar i Bohuslän.",
        ),
    ]
}

async fn page(b: &Browser, path: &str) -> Html {
    let (status, html) = b.get_html(path).await;
    assert_eq!(status, StatusCode::OK, "GET {path}");
    html
}

async fn a_representative_edits_the_profile(app: TestApp) {
    let (sara, org) = representative(
        &app,
        "Sara Sökande",
        "sara@example.org",
        "Exempelföreningen Väst",
    )
    .await;
    let html = page(&sara, &org).await;
    assert_eq!(
        attr(&html, &format!("main a[href='{org}/edit']"), "href"),
        Some(format!("{org}/edit")),
        "the public page links to the edit page"
    );
    let html = page(&sara, &format!("{org}/edit")).await;
    assert_eq!(
        attr(&html, "#name", "value").as_deref(),
        Some("Exempelföreningen Väst")
    );
    assert_eq!(
        attr(&html, "#municipalities", "value").as_deref(),
        Some("Göteborg, Borås")
    );
    assert_eq!(
        attr(&html, "#legal_form option[selected]", "value").as_deref(),
        Some("61")
    );
    assert_eq!(
        attr(&html, "#level-regional", "checked").as_deref(),
        Some("")
    );
    assert!(
        html.html().contains(NUMBER),
        "the number is shown, read-only"
    );
    assert!(attr(&html, "input[name='org_number']", "name").is_none());
    let updated_before: String =
        sqlx::query_scalar("SELECT updated_at FROM organisations WHERE org_number = $1")
            .bind(NUMBER)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();

    let mut fields = profile("Exempelförbundet Bohuslän", "Uddevalla; lysekil");
    // A number posted by hand changes nothing.
    fields.push(("org_number", "802000-0017"));
    let r = sara.post_form(&format!("{org}/edit"), &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), org);

    let public = app.browser();
    let html = page(&public, &org).await;
    assert_eq!(select_text(&html, "h1"), vec!["Exempelförbundet Bohuslän"]);
    assert_eq!(select_text(&html, ".eyebrow"), vec!["Paraplyorganisation"]);
    let text = select_text(&html, "main").join(" ");
    assert!(
        text.contains("Ett påhittat förbund för föreningar i Bohuslän."),
        "{text}"
    );
    assert!(
        text.contains("Uddevalla, Lysekil") || text.contains("Lysekil, Uddevalla"),
        "{text}"
    );
    assert!(text.contains("Lokal"), "{text}");
    assert!(text.contains(NUMBER), "{text}");
    assert!(!text.contains("Borås"), "{text}");
    assert!(
        attr(&html, &format!("main a[href='{org}/edit']"), "href").is_none(),
        "no edit link for the public"
    );

    // The register finds it by its new name, and no longer by the old one.
    let html = page(&public, "/vg/signatories?q=f%C3%B6rbundet+bohusl%C3%A4n").await;
    assert_eq!(
        select_text(&html, "table:not(.compact) tbody td a"),
        vec!["Exempelförbundet Bohuslän"]
    );
    let html = page(
        &public,
        "/vg/signatories?q=exempelf%C3%B6reningen+v%C3%A4st",
    )
    .await;
    assert!(select_text(&html, "table:not(.compact) tbody tr").is_empty());

    let (name_key, number, updated_after): (String, String, String) = sqlx::query_as(
        "SELECT name_key, org_number, updated_at FROM organisations WHERE org_number = $1",
    )
    .bind(NUMBER)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(name_key, "exempelförbundet bohuslän");
    assert_eq!(number, NUMBER);
    assert!(updated_after > updated_before);
}

async fn bad_input_is_named_and_kept(app: TestApp) {
    let (sara, org) = representative(
        &app,
        "Filip Felskrivare",
        "filip@example.org",
        "Felskrivningsföreningen",
    )
    .await;
    let mut fields = profile("", "Uddevalla, Atlantis");
    fields.retain(|(k, _)| !["legal_form", "website"].contains(k));
    fields.push(("website", "www.bohuslan.example"));
    let r = sara.post_form(&format!("{org}/edit"), &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec![
            "Ange organisationens namn",
            "Välj ett av alternativen",
            "Någon av kommunerna finns inte. Skriv kommunernas namn som i listan över Sveriges kommuner, åtskilda med kommatecken",
            "Ange hela adressen, med https://",
        ]
    );
    assert_eq!(
        attr(&html, ".error-summary li a", "href").as_deref(),
        Some("#name")
    );
    assert!(select_text(&html, "title")[0].starts_with("Fel: "));
    assert_eq!(
        attr(&html, "#municipalities", "value").as_deref(),
        Some("Uddevalla, Atlantis")
    );
    assert_eq!(
        attr(&html, "#website", "value").as_deref(),
        Some("www.bohuslan.example")
    );
    assert_eq!(
        attr(&html, "#kind option[selected]", "value").as_deref(),
        Some("umbrella")
    );
    assert_eq!(attr(&html, "#level-local", "checked").as_deref(), Some(""));
    assert_eq!(
        attr(&html, "#municipalities", "aria-invalid").as_deref(),
        Some("true")
    );

    // Nothing half-saved: the name, kind and municipalities are as before.
    let (name, kind): (String, String) =
        sqlx::query_as("SELECT name, kind FROM organisations WHERE org_number = $1")
            .bind(NUMBER)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), kind.as_str()),
        ("Felskrivningsföreningen", "association")
    );
    let html = page(&app.browser(), &org).await;
    assert!(
        select_text(&html, "main")
            .join(" ")
            .contains("Göteborg, Borås")
    );

    // In English, too.
    sara.get("/language/en").await;
    let r = sara
        .post_form(&format!("{org}/edit"), &profile("X", ""))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "a valid profile after all"
    );
    let r = sara
        .post_form(&format!("{org}/edit"), &[("name", "")])
        .await;
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li")[0],
        "Enter the name of the organisation"
    );
}

async fn who_may_edit(app: TestApp) {
    let (_, org) = representative(
        &app,
        "Rut Representant",
        "rut@example.org",
        "Behörighetsföreningen",
    )
    .await;
    let edit = format!("{org}/edit");

    let anonymous = app.browser();
    let r = anonymous.get(&edit).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("/login?next={}", edit.replace('/', "%2F"))
    );

    let stranger = app
        .verified_person("Sten Främling", "sten@example.org")
        .await;
    assert_eq!(stranger.get(&edit).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        stranger.get(&format!("{org}/contacts")).await.status(),
        StatusCode::FORBIDDEN
    );
    let r = stranger.post_form(&edit, &profile("Kapad", "")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = stranger
        .post_form(
            &format!("{org}/contacts"),
            &[
                ("name", "Kapare"),
                ("email", "kapare@example.org"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = stranger
        .post_form(
            &format!("{org}/representatives/invite"),
            &[("invite_email", "sten@example.org")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let rut = user_id(&app, "rut@example.org").await;
    let r = stranger
        .post_form(&format!("{org}/representatives/{rut}/remove"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let html = page(&stranger, &org).await;
    assert!(attr(&html, &format!("main a[href='{edit}']"), "href").is_none());
    let (name, invitations): (String, i64) = sqlx::query_as(
        "SELECT o.name, (SELECT COUNT(*) FROM email_tokens WHERE purpose LIKE 'invite:%')
         FROM organisations o WHERE o.org_number = $1",
    )
    .bind(NUMBER)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!((name.as_str(), invitations), ("Behörighetsföreningen", 0));

    // A body member and another organisation's representative may not; the
    // secretariat of an agreement it signed and the administrator may.
    for email in ["ledamot@demo.example", "representant@demo.example"] {
        let b = app.logged_in(email).await;
        assert_eq!(
            b.get(&edit).await.status(),
            StatusCode::FORBIDDEN,
            "{email}"
        );
        assert_eq!(
            b.get(&format!("{DEMO_ORG}/edit")).await.status(),
            StatusCode::FORBIDDEN,
            "{email}"
        );
    }
    for email in ["redaktor@demo.example", "admin@demo.example"] {
        let b = app.logged_in(email).await;
        let html = page(&b, DEMO_ORG).await;
        assert!(
            attr(&html, &format!("main a[href='{DEMO_ORG}/edit']"), "href").is_some(),
            "{email}"
        );
        page(&b, &format!("{DEMO_ORG}/edit")).await;
        page(&b, &format!("{DEMO_ORG}/contacts")).await;
        page(&b, &edit).await;
    }
    let missing = app.logged_in("admin@demo.example").await;
    assert_eq!(
        missing.get("/organisations/finns-inte/edit").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn contacts_are_public_only_with_consent(app: TestApp) {
    let (sara, org) = representative(
        &app,
        "Sara Sökande",
        "sara@example.org",
        "Kontaktföreningen",
    )
    .await;
    let contacts = format!("{org}/contacts");
    let html = page(&sara, &format!("{org}/edit")).await;
    assert!(attr(&html, &format!("main a[href='{contacts}']"), "href").is_some());
    let html = page(&sara, &contacts).await;
    let notice = select_text(&html, "main .notice").join(" ");
    assert!(notice.contains("kontaktuppgifter i tjänsten"), "{notice}");

    let r = sara
        .post_form(
            &contacts,
            &[
                ("name", "Hemlig Person"),
                ("title", "Kassör"),
                ("email", "hemlig@kontakt.example"),
                ("phone", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = sara
        .post_form(
            &contacts,
            &[
                ("name", "Öppen Person"),
                ("title", "Ordförande"),
                ("email", "Oppen@Kontakt.Example"),
                ("phone", "031-123 45 67"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let public = app.browser();
    let text = select_text(&page(&public, &org).await, "main").join(" ");
    assert!(text.contains("Öppen Person"), "{text}");
    assert!(text.contains("oppen@kontakt.example"), "{text}");
    assert!(text.contains("031-123 45 67"), "{text}");
    assert!(!text.contains("Hemlig"), "{text}");
    assert!(!text.contains("hemlig@kontakt.example"), "{text}");
    let html = page(&sara, &contacts).await;
    assert_eq!(
        select_text(&html, "tbody tr .tag"),
        vec!["Visas inte", "Visas publikt"]
    );
    let consented: Vec<(String, i64, Option<String>)> = sqlx::query_as(
        "SELECT c.name, c.published, c.consent_at FROM contacts c
         JOIN organisations o ON o.id = c.organisation_id WHERE o.org_number = $1 ORDER BY c.name",
    )
    .bind(NUMBER)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(consented.len(), 2);
    assert_eq!((consented[0].1, consented[0].2.is_none()), (0, true));
    assert_eq!((consented[1].1, consented[1].2.is_some()), (1, true));

    // Bad input is named and kept, and nothing is stored.
    let r = sara
        .post_form(
            &contacts,
            &[
                ("name", ""),
                ("title", "Sekreterare"),
                ("email", ""),
                ("phone", "ring mig"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec![
            "Ange kontaktpersonens namn",
            "Ange telefonnumret med siffror, till exempel 031-123 45 67",
        ]
    );
    assert_eq!(
        attr(&html, "#title", "value").as_deref(),
        Some("Sekreterare")
    );
    assert_eq!(attr(&html, "#phone", "value").as_deref(), Some("ring mig"));
    assert_eq!(attr(&html, "#consent", "checked").as_deref(), Some(""));

    // Consent given later, then withdrawn; a contact removed.
    let hidden: i64 = sqlx::query_scalar("SELECT id FROM contacts WHERE name = 'Hemlig Person'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let r = sara
        .post_form(
            &format!("{contacts}/{hidden}/consent"),
            &[("consent", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let text = select_text(&page(&public, &org).await, "main").join(" ");
    assert!(text.contains("Hemlig Person"), "{text}");
    sara.post_form(
        &format!("{contacts}/{hidden}/consent"),
        &[("consent", "no")],
    )
    .await;
    let text = select_text(&page(&public, &org).await, "main").join(" ");
    assert!(!text.contains("Hemlig Person"), "{text}");
    let consent_at: Option<String> =
        sqlx::query_scalar("SELECT consent_at FROM contacts WHERE id = $1")
            .bind(hidden)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(consent_at, None);
    let r = sara
        .post_form(&format!("{contacts}/{hidden}/remove"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = page(&sara, &contacts).await;
    assert_eq!(select_text(&html, "tbody tr").len(), 1);

    // Another organisation's contact cannot be reached through this one.
    let other: i64 = sqlx::query_scalar(
        "SELECT c.id FROM contacts c JOIN organisations o ON o.id = c.organisation_id
         WHERE o.org_number <> $1 LIMIT 1",
    )
    .bind(NUMBER)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let r = sara
        .post_form(&format!("{contacts}/{other}/remove"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

async fn an_invitation_by_mail_makes_another_representative(app: TestApp) {
    let (sara, org) = representative(
        &app,
        "Sara Sökande",
        "sara@example.org",
        "Inbjudningsföreningen",
    )
    .await;
    let edit = format!("{org}/edit");
    let invite = format!("{org}/representatives/invite");

    // Mistakes are named on the edit page, with the address kept.
    let r = sara.post_form(&invite, &[("invite_email", "kim@")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li a"),
        vec!["Ange en e-postadress i rätt format, till exempel namn@exempel.se"]
    );
    assert_eq!(
        attr(&html, ".error-summary li a", "href").as_deref(),
        Some("#invite_email")
    );
    assert_eq!(
        attr(&html, "#invite_email", "value").as_deref(),
        Some("kim@")
    );
    assert_eq!(
        attr(&html, "#name", "value").as_deref(),
        Some("Inbjudningsföreningen")
    );
    let r = sara
        .post_form(&invite, &[("invite_email", "SARA@example.org")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Personen är redan företrädare för organisationen")
    );

    // Kim has no account yet; the mail says how to get one.
    let r = sara
        .post_form(&invite, &[("invite_email", "Kim@Example.org")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (subject, body) = app.last_mail_to("kim@example.org").await.unwrap();
    assert_eq!(
        subject,
        "Inbjudan att företräda Inbjudningsföreningen på Överens"
    );
    assert!(body.contains("Sara Sökande"), "{body}");
    assert!(body.contains("/register"), "{body}");
    let link = link_in(&body);
    assert!(link.starts_with(&format!("{org}/invitations/")), "{link}");
    let html = page(&sara, &edit).await;
    assert!(
        select_text(&html, "main li")
            .iter()
            .any(|t| t.starts_with("kim@example.org"))
    );

    // Opened without being logged in, the link goes through the login form.
    let kim = app.browser();
    let r = kim.get(&link).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let login = location(&r);
    assert!(
        login.starts_with("/login?next=%2Forganisations%2F"),
        "{login}"
    );
    let kim = app.verified_person("Kim Kollega", "kim@example.org").await;
    let r = kim
        .post_form(
            "/login",
            &[
                ("email", "kim@example.org"),
                ("password", PASSWORD),
                ("next", &link),
            ],
        )
        .await;
    assert_eq!(location(&r), link);
    assert_eq!(
        kim.get(&edit).await.status(),
        StatusCode::FORBIDDEN,
        "not yet"
    );
    // The link asks first, naming the account that becomes a representative.
    let html = page(&kim, &link).await;
    assert!(
        select_text(&html, "main")
            .join(" ")
            .contains("kim@example.org")
    );
    let r = kim.post_form(&link, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), edit);
    let html = page(&kim, &edit).await;
    let names = select_text(&html, ".representatives li strong");
    assert_eq!(names, vec!["Kim Kollega", "Sara Sökande"]);
    assert!(
        !select_text(&html, "main")
            .join(" ")
            .contains("Inbjudningar som inte besvarats")
    );
    let roles: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM roles r JOIN users u ON u.id = r.user_id
         WHERE u.email = 'kim@example.org' AND r.role = 'representative'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(roles, 1, "a representative in the agreement it signed");

    // A link works once, and only for its own organisation.
    let r = kim.post_form(&link, &[]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    sara.post_form(&invite, &[("invite_email", "lo@example.org")])
        .await;
    let (_, body) = app.last_mail_to("lo@example.org").await.unwrap();
    let secret = link_in(&body).rsplit('/').next().unwrap().to_string();
    let lo = app.verified_person("Lo Lånad", "lo@example.org").await;
    let r = lo.get(&format!("{DEMO_ORG}/invitations/{secret}")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // A withdrawn invitation no longer works.
    let r = sara
        .post_form(
            &format!("{org}/representatives/withdraw"),
            &[("email", "lo@example.org")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = lo.get(&link_in(&body)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // One representative removes another, and is told so by mail; the last one stays.
    let sara_id = user_id(&app, "sara@example.org").await;
    let kim_id = user_id(&app, "kim@example.org").await;
    let r = kim
        .post_form(&format!("{org}/representatives/{sara_id}/remove"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (subject, body) = app.last_mail_to("sara@example.org").await.unwrap();
    assert_eq!(
        subject,
        "Du företräder inte längre Inbjudningsföreningen på Överens"
    );
    assert!(body.contains("Kim Kollega"), "{body}");
    assert_eq!(sara.get(&edit).await.status(), StatusCode::FORBIDDEN);
    let r = kim
        .post_form(&format!("{org}/representatives/{kim_id}/remove"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = page(&kim, &location(&r)).await;
    assert_eq!(
        select_text(&html, ".notice-success"),
        vec!["Den sista företrädaren kan inte tas bort. Bjud in en ny företrädare först."]
    );
    assert_eq!(
        select_text(&html, ".representatives li strong"),
        vec!["Kim Kollega"]
    );
    assert!(select_text(&html, ".representatives button").is_empty());
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// Invites a new person by e-mail, who registers and accepts.
async fn invited(app: &TestApp, by: &Browser, org: &str, name: &str, email: &str) -> Browser {
    let r = by
        .post_form(
            &format!("{org}/representatives/invite"),
            &[("invite_email", email)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, body) = app.last_mail_to(email).await.unwrap();
    let b = app.verified_person(name, email).await;
    let r = b.post_form(&link_in(&body), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    b
}

async fn two_removing_each_other_at_once_leave_one(app: TestApp) {
    let (sara, org) = representative(
        &app,
        "Sara Sökande",
        "sara@example.org",
        "Samtidighetsföreningen",
    )
    .await;
    let kim = invited(&app, &sara, &org, "Kim Kollega", "kim@example.org").await;
    let sara_id = user_id(&app, "sara@example.org").await;
    let kim_id = user_id(&app, "kim@example.org").await;
    let remove_kim = format!("{org}/representatives/{kim_id}/remove");
    let remove_sara = format!("{org}/representatives/{sara_id}/remove");
    let (a, b) = tokio::join!(
        sara.post_form(&remove_kim, &[]),
        kim.post_form(&remove_sara, &[])
    );
    // Whoever comes second either finds the other gone (no longer allowed
    // to edit) or is told that the last representative stays.
    let statuses = [a.status(), b.status()];
    assert!(statuses.contains(&StatusCode::SEE_OTHER), "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| [StatusCode::SEE_OTHER, StatusCode::FORBIDDEN].contains(s)),
        "{statuses:?}"
    );
    let left: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM organisation_representatives r JOIN organisations o ON o.id = r.organisation_id
         WHERE o.org_number = $1",
    )
    .bind(NUMBER)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(left, 1);
}

async fn the_account_page_lists_organisations_and_applications(app: TestApp) {
    let (sara, org) =
        representative(&app, "Sara Sökande", "sara@example.org", "Kontoföreningen").await;
    let pending = apply(&sara, "Väntande föreningen", "802000-0017").await;
    let html = page(&sara, "/account").await;
    assert!(select_text(&html, "h2").contains(&"Mina organisationer och ansökningar".to_string()));
    assert_eq!(
        attr(
            &html,
            &format!(".account-organisations a[href='{org}']"),
            "href"
        ),
        Some(org.clone())
    );
    assert_eq!(
        select_text(
            &html,
            &format!(".account-organisations a[href='{org}/edit']")
        ),
        vec!["redigera uppgifterna: Kontoföreningen"]
    );
    let applications = select_text(&html, ".account-applications li");
    assert_eq!(applications.len(), 2, "{applications:?}");
    assert!(
        applications[0].starts_with("Väntande föreningen, ÖKC Västra Götaland, inkom "),
        "{applications:?}"
    );
    assert!(applications[0].ends_with("Inkommen"), "{applications:?}");
    assert!(
        applications[1].starts_with("Kontoföreningen"),
        "{applications:?}"
    );
    assert!(applications[1].ends_with("Beviljad"), "{applications:?}");
    assert!(
        attr(
            &html,
            &format!(".account-applications a[href='{pending}']"),
            "href"
        )
        .is_some()
    );

    // Someone without either is told so.
    let other = app.verified_person("Nils Ny", "nils@example.org").await;
    let text = select_text(&page(&other, "/account").await, "main").join(" ");
    assert!(text.contains("Du företräder ingen organisation."), "{text}");
    assert!(
        text.contains("Du har inte skickat någon ansökan."),
        "{text}"
    );
}
