//! Bodies, their seats and terms, the contact directory, and the body-member
//! role that follows a running term.

use crate::common;

use common::{TestApp, attr, select_text};
use reqwest::StatusCode;

on_both_backends!(
    the_agreement_group_shows_composition_vacancies_and_history,
    the_directory_shows_only_what_people_consented_to,
    a_term_gives_the_member_role_while_it_runs,
    bad_input_is_named_and_nothing_is_saved,
    editors_create_bodies,
);

const GROUP: &str = "/vg/bodies/regionala-overenskommelsegruppen";

async fn the_agreement_group_shows_composition_vacancies_and_history(app: TestApp) {
    let b = app.browser();
    let (status, html) = b.get_html("/vg/bodies").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, ".card-list a").len(), 3);
    let (status, html) = b.get_html(GROUP).await;
    assert_eq!(status, StatusCode::OK);
    let seats = select_text(&html, ".stat-list li");
    assert!(seats[0].starts_with("5 / 5 politiker"), "{seats:?}");
    assert!(
        seats[1].starts_with("4 / 5 företrädare för civilsamhället")
            && seats[1].contains("en plats vakant"),
        "{seats:?}"
    );
    let current = select_text(&html, "table:first-of-type tbody tr");
    assert_eq!(
        current.len(),
        11,
        "5 politicians, 4 civil society, 2 process leaders"
    );
    assert!(
        current[0].contains("Ordförande") && current[0].contains(" S "),
        "politicians first, the chair first: {current:?}"
    );
    let tables = scraper::Selector::parse("table").unwrap();
    let history = html
        .select(&tables)
        .nth(1)
        .unwrap()
        .text()
        .collect::<String>();
    assert!(history.contains("1 januari 2019") && history.contains("31 december 2022"));
    assert!(
        attr(&html, "a[href$='/members/new']", "href").is_none(),
        "no editing for the public"
    );
    assert_eq!(
        b.get("/vg/bodies/no-such-body").await.status(),
        StatusCode::NOT_FOUND
    );
    let sitemap = b.get("/sitemap.xml").await.text().await.unwrap();
    assert!(sitemap.contains(&format!("{GROUP}</loc>")) && sitemap.contains("/vg/directory</loc>"));
}

async fn the_directory_shows_only_what_people_consented_to(app: TestApp) {
    let (status, html) = app.browser().get_html("/vg/directory").await;
    assert_eq!(status, StatusCode::OK);
    let rows = select_text(&html, "tbody tr");
    assert!(
        rows.len() > 20,
        "current members of every body: {}",
        rows.len()
    );
    let (consented_email, consented_phone): (i64, i64) = sqlx::query_as(
        "SELECT CAST(SUM(p.publish_email) AS BIGINT), CAST(SUM(p.publish_phone) AS BIGINT) FROM people p JOIN memberships m ON m.person_id = p.id
         WHERE m.starts_on <= '2026-11-25' AND (m.ends_on IS NULL OR m.ends_on >= '2026-11-25')",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let mailto = select_text(&html, "a[href^='mailto:']").len() as i64;
    let tel = select_text(&html, "a[href^='tel:']");
    assert_eq!(mailto, consented_email);
    assert_eq!(tel.len() as i64, consented_phone);
    assert!(
        tel.iter().all(|t| t.starts_with("031-390 ")),
        "Swedish format: {tel:?}"
    );
    assert!(mailto < rows.len() as i64, "someone did not consent");
}

async fn a_term_gives_the_member_role_while_it_runs(app: TestApp) {
    let person = app.verified_person("Moa Mandat", "moa@example.org").await;
    let (_, html) = person.get_html("/account").await;
    assert!(html.html().contains("Du har inga uppdrag ännu."));

    let editor = app.logged_in("redaktor@demo.example").await;
    let org: String = sqlx::query_scalar(
        "SELECT org_number FROM organisations WHERE kind = 'umbrella' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let r = editor
        .post_form(
            &format!("{GROUP}/members/new"),
            &[
                ("name", "Moa Mandat"),
                ("side", "civil_society"),
                ("role", "member"),
                ("org_number", &org),
                ("starts_on", "2026-01-01"),
                ("ends_on", "2026-12-31"),
                ("work_email", "moa@example.org"),
                ("work_phone", "070-174 06 10"),
                ("publish_phone", "yes"),
                ("account_email", "moa@example.org"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap_or_default()
    );
    let (_, html) = app.browser().get_html(GROUP).await;
    assert!(
        select_text(&html, ".stat-list li")[1].starts_with("5 / 5"),
        "the vacant seat is filled"
    );
    let (_, html) = app.browser().get_html("/vg/directory").await;
    assert!(
        select_text(&html, "a[href='tel:+46701740610']").contains(&"070-174 06 10".to_string())
    );
    assert!(
        !html.html().contains("mailto:moa@example.org"),
        "e-mail not consented"
    );
    let (_, html) = person.get_html("/account").await;
    assert!(
        select_text(&html, "main li")
            .iter()
            .any(|t| t.starts_with("Ledamot")),
        "the role follows the term"
    );

    // Ending the term today takes the role away from tomorrow; a term that
    // ended yesterday gives none.
    let id: i64 = sqlx::query_scalar("SELECT m.id FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.name = 'Moa Mandat'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let r = editor
        .post_form(
            &format!("{GROUP}/members/{id}/end"),
            &[("ends_on", "2026-02-01")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = person.get_html("/account").await;
    assert!(html.html().contains("Du har inga uppdrag ännu."));
    let (_, html) = app.browser().get_html(GROUP).await;
    assert!(
        select_text(&html, "table")
            .last()
            .unwrap()
            .contains("Moa Mandat"),
        "in the history"
    );
}

async fn bad_input_is_named_and_nothing_is_saved(app: TestApp) {
    let member = app.logged_in("ledamot@demo.example").await;
    assert_eq!(
        member.get(&format!("{GROUP}/members/new")).await.status(),
        StatusCode::FORBIDDEN
    );
    let editor = app.logged_in("redaktor@demo.example").await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM memberships")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let r = editor
        .post_form(
            &format!("{GROUP}/members/new"),
            &[
                ("name", "Felix Fel"),
                ("side", "politician"),
                ("role", "member"),
                ("party", ""),
                ("starts_on", "2026-05-01"),
                ("ends_on", "2026-04-01"),
                ("work_phone", "+47 22 12 34 56"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec![
            "Ange politikerns parti",
            "Mandatperioden kan inte sluta innan den börjar",
            "Ange ett svenskt telefonnummer"
        ]
    );
    assert_eq!(attr(&html, "#name", "value").as_deref(), Some("Felix Fel"));
    assert_eq!(
        attr(&html, "#work_phone", "value").as_deref(),
        Some("+47 22 12 34 56")
    );
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM memberships")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(before, after);
}

async fn editors_create_bodies(app: TestApp) {
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = editor
        .post_form(
            "/vg/bodies/new",
            &[
                ("name", "Arbetsgruppen för upphandling"),
                ("kind", "working_group"),
                (
                    "purpose",
                    "Tar fram stöd för idéburna offentliga partnerskap.",
                ),
                ("reports_to", "regionala-overenskommelsegruppen"),
                ("politician_seats", "2"),
                ("civil_society_seats", "3"),
                ("has_substitutes", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app
        .browser()
        .get_html("/vg/bodies/arbetsgruppen-for-upphandling")
        .await;
    assert!(html.html().contains("Rapporterar till"));
    assert_eq!(select_text(&html, ".stat-list li").len(), 2);
    let r = editor
        .post_form(
            "/vg/bodies/new",
            &[
                ("name", "Arbetsgruppen för upphandling"),
                ("kind", "working_group"),
                ("politician_seats", "x"),
                ("civil_society_seats", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec![
            "Det finns redan ett organ med det namnet",
            "Ange antalet platser som ett heltal mellan 0 och 99"
        ]
    );
}
