//! Applications to join, decided by the steering group; leaving and rejoining.

use crate::common;

use common::{Browser, PASSWORD, TestApp, attr, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    apply_prepare_approve_leave_and_rejoin,
    a_rejection_needs_a_reason_and_is_told,
    two_editors_deciding_at_once_make_one_decision,
    bad_input_is_named_and_kept,
    who_may_see_and_do_what,
);

const NUMBER: &str = "802000-0009";

fn application<'a>(name: &'a str, number: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("org_number", number),
        ("legal_form", "61"),
        ("kind", "association"),
        ("level", "regional"),
        ("municipalities", "Göteborg, borås"),
        ("website", "https://exempel.example"),
        ("description", "En påhittad förening för tester."),
        ("motivation", "Vi vill bidra till dialogen."),
        ("regional_perspective", "Vi finns i hela regionen."),
        ("endorses_principles", "yes"),
    ]
}

async fn apply(b: &Browser, name: &str, number: &str) -> String {
    let r = b.post_form("/vg/apply", &application(name, number)).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap_or_default()
    );
    location(&r)
}

fn register_count(html: &scraper::Html) -> usize {
    select_text(html, "p.lead")[0]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn apply_prepare_approve_leave_and_rejoin(app: TestApp) {
    let applicant = app
        .verified_person("Sara Sökande", "sara@example.org")
        .await;
    let public = app.browser();
    let (_, html) = public.get_html("/vg/signatories").await;
    let before = register_count(&html);

    let path = apply(&applicant, "Exempelföreningen Väst", NUMBER).await;
    let (status, html) = applicant.get_html(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, ".lead .tag"), vec!["Inkommen"]);
    assert!(html.html().contains("Göteborg, Borås"));
    let (subject, _) = app.last_mail_to("sara@example.org").await.unwrap();
    assert_eq!(
        subject,
        "Vi har tagit emot ansökan från Exempelföreningen Väst"
    );
    let (subject, _) = app.last_mail_to("redaktor@demo.example").await.unwrap();
    assert_eq!(subject, "Ny ansökan om anslutning: Exempelföreningen Väst");

    let editor = app.logged_in("redaktor@demo.example").await;
    let (status, html) = editor.get_html("/vg/applications").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "table tbody td a"),
        vec!["Exempelföreningen Väst"]
    );
    assert!(
        select_text(&html, "table tbody td")
            .iter()
            .any(|t| t == "0 dagar")
    );
    let r = editor
        .post_form(
            &format!("{path}/prepare"),
            &[("case_number", "RS 2026-00042")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = applicant.get_html(&path).await;
    assert_eq!(select_text(&html, ".lead .tag"), vec!["Under beredning"]);
    assert!(html.html().contains("RS 2026-00042"));

    let r = editor
        .post_form(
            &format!("{path}/decide"),
            &[
                ("decision", "approve"),
                ("body", "Styrgruppen"),
                ("decided_on", "2026-11-20"),
                ("section", "14"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (subject, body) = app.last_mail_to("sara@example.org").await.unwrap();
    assert_eq!(subject, "Exempelföreningen Väst är nu undertecknare");
    assert!(body.contains("20 november 2026"));

    // In the register from the decision date, with the decision recorded.
    let (_, html) = public.get_html("/vg/signatories").await;
    assert_eq!(register_count(&html), before + 1);
    let (_, html) = public
        .get_html("/vg/signatories?on=2026-11-19&q=exempelf%C3%B6reningen")
        .await;
    assert!(select_text(&html, "table:not(.compact) tbody tr").is_empty());
    let (_, html) = public.get_html("/vg/signatories?q=802000-0009").await;
    let href = attr(&html, "table:not(.compact) tbody td a", "href").unwrap();
    let (_, org) = public.get_html(&href).await;
    assert!(org.html().contains("Styrgruppen 2026-11-20 § 14"));
    assert!(org.html().contains("Borås"));

    // The applicant now represents the organisation, and records that it leaves.
    let (_, html) = applicant.get_html("/account").await;
    assert!(
        select_text(&html, "main li")
            .iter()
            .any(|t| t.starts_with("Företrädare"))
    );
    let data: serde_json::Value = applicant.get("/account/export").await.json().await.unwrap();
    assert_eq!(data["applications_you_made"][0]["state"], "approved");
    assert_eq!(
        data["organisations_you_represent"][0]["name"],
        "Exempelföreningen Väst"
    );
    let org_slug = href.trim_start_matches("/organisations/");
    let leave = format!("/vg/signatories/{org_slug}/leave");
    let r = applicant
        .post_form(
            &leave,
            &[("left_on", "2026-11-01"), ("reason", "Vi slutar")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "before it joined"
    );
    let r = applicant
        .post_form(
            &leave,
            &[
                ("left_on", "2026-11-24"),
                ("reason", "Föreningen gör ett uppehåll."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = public.get_html("/vg/signatories").await;
    assert_eq!(register_count(&html), before);

    // It applies again, is approved again, and the history shows both periods.
    let path = apply(&applicant, "Exempelföreningen Väst", NUMBER).await;
    editor
        .post_form(
            &format!("{path}/decide"),
            &[
                ("decision", "approve"),
                ("body", "Styrgruppen"),
                ("decided_on", "2026-11-25"),
                ("section", "3"),
            ],
        )
        .await;
    let (_, html) = public.get_html("/vg/signatories").await;
    assert_eq!(register_count(&html), before + 1);
    let (_, org) = public.get_html(&href).await;
    let text = select_text(&org, "main ul li").join(" | ");
    assert!(
        text.contains("lämnade 24 november 2026: Föreningen gör ett uppehåll."),
        "{text}"
    );
    assert!(
        text.contains("undertecknare sedan 25 november 2026"),
        "{text}"
    );
    let organisations: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE org_number = $1")
            .bind(NUMBER)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(organisations, 1, "the same organisation, not a copy");
}

async fn a_rejection_needs_a_reason_and_is_told(app: TestApp) {
    let applicant = app.verified_person("Rut Ruta", "rut@example.org").await;
    let path = apply(&applicant, "Nationella exempelnätverket", NUMBER).await;
    let editor = app.logged_in("admin@demo.example").await;
    let r = editor
        .post_form(
            &format!("{path}/decide"),
            &[
                ("decision", "reject"),
                ("body", "Styrgruppen"),
                ("decided_on", "2026-11-20"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec!["Ange skälet till avslaget"]
    );
    assert_eq!(
        attr(&html, "#decided_on", "value").as_deref(),
        Some("2026-11-20")
    );
    assert_eq!(
        attr(&html, "#decision-reject", "checked").as_deref(),
        Some("")
    );

    let r = editor
        .post_form(
            &format!("{path}/decide"),
            &[
                ("decision", "reject"),
                ("body", "Styrgruppen"),
                ("decided_on", "2026-11-20"),
                ("reason", "Verksamheten saknar regionalt perspektiv."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (subject, body) = app.last_mail_to("rut@example.org").await.unwrap();
    assert_eq!(
        subject,
        "Besked om ansökan från Nationella exempelnätverket"
    );
    assert!(body.contains("Verksamheten saknar regionalt perspektiv."));
    let (_, html) = applicant.get_html(&path).await;
    assert_eq!(select_text(&html, ".lead .tag"), vec!["Avslagen"]);
    let (_, html) = app
        .browser()
        .get_html("/vg/signatories?q=802000-0009")
        .await;
    assert!(select_text(&html, "table:not(.compact) tbody tr").is_empty());
    // A decided application cannot be withdrawn or decided again.
    let r = applicant.post_form(&format!("{path}/withdraw"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = applicant.get_html(&path).await;
    assert_eq!(select_text(&html, ".lead .tag"), vec!["Avslagen"]);
}

async fn two_editors_deciding_at_once_make_one_decision(app: TestApp) {
    let applicant = app
        .verified_person("Tora Tävling", "tora@example.org")
        .await;
    let path = apply(&applicant, "Samtidighetsföreningen", NUMBER).await;
    let first = app.logged_in("redaktor@demo.example").await;
    let second = app.logged_in("admin@demo.example").await;
    let decide = format!("{path}/decide");
    let approve = [
        ("decision", "approve"),
        ("body", "Styrgruppen"),
        ("decided_on", "2026-11-20"),
        ("section", "1"),
    ];
    let reject = [
        ("decision", "reject"),
        ("body", "Styrgruppen"),
        ("decided_on", "2026-11-20"),
        ("reason", "Nej."),
    ];
    let (a, b) = tokio::join!(
        first.post_form(&decide, &approve),
        second.post_form(&decide, &reject)
    );
    let statuses = [a.status(), b.status()];
    assert!(statuses.contains(&StatusCode::SEE_OTHER), "{statuses:?}");
    assert!(statuses.contains(&StatusCode::CONFLICT), "{statuses:?}");
    let (state,): (String,) = sqlx::query_as("SELECT state FROM applications")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let periods: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM signatories s JOIN organisations o ON o.id = s.organisation_id WHERE o.org_number = $1",
    )
    .bind(NUMBER)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(periods, i64::from(state == "approved"));
    let decisions = app.mail_count("tora@example.org").await;
    assert_eq!(decisions, 3, "registration, receipt and one decision");
}

async fn bad_input_is_named_and_kept(app: TestApp) {
    let applicant = app
        .verified_person("Filip Felskrivare", "filip@example.org")
        .await;
    let mut fields = application("Föreningen Felskrivning", "811218-9876");
    fields.retain(|(k, _)| !["endorses_principles", "motivation", "municipalities"].contains(k));
    fields.push(("municipalities", "Göteborg, Atlantis"));
    let r = applicant.post_form("/vg/apply", &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec![
            "Det ser ut som ett personnummer. Ange organisationens organisationsnummer.",
            "Någon av kommunerna finns inte. Skriv kommunernas namn som i listan över Sveriges kommuner, åtskilda med kommatecken",
            "Berätta varför ni vill ansluta er",
            "Kryssa i rutan om ni ställer er bakom principerna",
        ]
    );
    assert_eq!(
        attr(&html, "#name", "value").as_deref(),
        Some("Föreningen Felskrivning")
    );
    assert_eq!(
        attr(&html, "#org_number", "value").as_deref(),
        Some("811218-9876")
    );
    assert_eq!(
        attr(&html, "#level-regional", "checked").as_deref(),
        Some("")
    );
    assert_eq!(
        attr(&html, "#legal_form option[selected]", "value").as_deref(),
        Some("61")
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applications")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing half-saved");

    // An organisation that is already a signatory is told so.
    let (number,): (String,) = sqlx::query_as(
        "SELECT o.org_number FROM organisations o JOIN signatories s ON s.organisation_id = o.id WHERE s.left_on IS NULL LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let r = applicant
        .post_form("/vg/apply", &application("Redan med", &number))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Organisationen har redan undertecknat överenskommelsen")
    );

    // In English, too.
    applicant.get("/language/en").await;
    let r = applicant.post_form("/vg/apply", &[("name", "")]).await;
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li")[0],
        "Enter the name of the organisation"
    );
}

async fn who_may_see_and_do_what(app: TestApp) {
    let anonymous = app.browser();
    let r = anonymous.get("/vg/apply").await;
    assert_eq!(location(&r), "/login?next=%2Fvg%2Fapply");
    let applicant = app.verified_person("Vera Visare", "vera@example.org").await;
    let path = apply(&applicant, "Visningsföreningen", NUMBER).await;

    let member = app.logged_in("ledamot@demo.example").await;
    assert_eq!(
        member.get("/vg/applications").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(member.get(&path).await.status(), StatusCode::FORBIDDEN);
    let r = member
        .post_form(
            &format!("{path}/decide"),
            &[
                ("decision", "approve"),
                ("body", "X"),
                ("decided_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = member.post_form(&format!("{path}/withdraw"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = applicant.get_html(&path).await;
    assert_eq!(
        select_text(&html, ".lead .tag"),
        vec!["Inkommen"],
        "someone else cannot withdraw it"
    );
    assert_eq!(anonymous.get(&path).await.status(), StatusCode::SEE_OTHER);

    // An unverified account may not apply.
    let unverified = app.browser();
    unverified
        .post_form(
            "/register",
            &[
                ("name", "Ove Overifierad"),
                ("email", "ove@example.org"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    unverified
        .post_form(
            "/login",
            &[("email", "ove@example.org"), ("password", PASSWORD)],
        )
        .await;
    let (_, html) = unverified.get_html("/vg/apply").await;
    assert!(select_text(&html, "main form[action='/vg/apply']").is_empty());
    assert_eq!(
        unverified
            .post_form("/vg/apply", &application("X", NUMBER))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // The applicant withdraws; a member of the public cannot record someone leaving.
    let r = applicant.post_form(&format!("{path}/withdraw"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = applicant.get_html(&path).await;
    assert_eq!(select_text(&html, ".lead .tag"), vec!["Återtagen"]);
    let slug: String = sqlx::query_scalar("SELECT slug FROM organisations LIMIT 1")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(
        member
            .get(&format!("/vg/signatories/{slug}/leave"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let editor = app.logged_in("redaktor@demo.example").await;
    assert_eq!(
        editor
            .get(&format!("/vg/signatories/{slug}/leave"))
            .await
            .status(),
        StatusCode::OK
    );
}
