//! Elections: nominations confirmed by mail, one secret ballot per
//! signatory organisation, changed votes, paper totals, ties, seating.

use crate::common;

use common::{Browser, TestApp, link_in, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    votes_cast_on_paper_at_a_meeting,
    a_whole_election_from_opening_to_seated_members,
    ballots_are_one_per_organisation_and_only_for_signatories,
);

/// A verified person who represents the n-th current signatory organisation.
async fn representative(app: &TestApp, n: i64, email: &str) -> (Browser, i64) {
    let b = app.verified_person(email, email).await;
    let org: i64 = sqlx::query_scalar(&format!(
        "SELECT organisation_id FROM signatories WHERE left_on IS NULL ORDER BY organisation_id LIMIT 1 OFFSET {n}"
    ))
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO organisation_representatives (organisation_id, user_id, since) SELECT $1, id, '2026-01-01' FROM users WHERE email = $2")
        .bind(org)
        .bind(email)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    (b, org)
}

async fn open_election(app: &TestApp, seats: &str) -> (Browser, String) {
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = editor
        .post_form(
            "/vg/elections/new",
            &[
                ("body", "regionala-overenskommelsegruppen"),
                ("title", "Val till RÖS 2027–2030"),
                ("seats", seats),
                ("term_starts_on", "2027-01-01"),
                ("term_ends_on", "2030-12-31"),
                ("mode", "online"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    (editor, location(&r))
}

async fn nominate(app: &TestApp, b: &Browser, election: &str, by: i64, name: &str, email: &str) {
    let number: String = sqlx::query_scalar("SELECT org_number FROM organisations WHERE id = $1")
        .bind(by)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let r = b
        .post_form(
            &format!("{election}/nominate"),
            &[
                ("nominated_by", &by.to_string()),
                ("nominee_name", name),
                ("nominee_email", email),
                ("org_number", &number),
                ("presentation", "Erfaren av samverkan."),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap_or_default()
    );
    // The candidate confirms from the link in the mail.
    let (_, body) = app.last_mail_to(email).await.unwrap();
    let link = link_in(&body);
    let candidate = app.browser();
    assert_eq!(candidate.get(&link).await.status(), StatusCode::OK);
    assert_eq!(
        candidate.post_form(&link, &[]).await.status(),
        StatusCode::SEE_OTHER
    );
}

async fn candidate_ids(app: &TestApp, election: &str) -> Vec<(String, i64)> {
    let id: i64 = election.rsplit('/').next().unwrap().parse().unwrap();
    sqlx::query_as(
        "SELECT nominee_name, id FROM nominations WHERE election_id = $1 ORDER BY nominee_name",
    )
    .bind(id)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap()
}

async fn vote(
    b: &Browser,
    election: &str,
    org: i64,
    choices: &[i64],
    receipt: &str,
) -> reqwest::Response {
    let org = org.to_string();
    let ids: Vec<String> = choices.iter().map(i64::to_string).collect();
    let mut fields: Vec<(&str, &str)> = vec![("organisation", &org), ("receipt", receipt)];
    fields.extend(ids.iter().map(|c| ("choice", c.as_str())));
    b.post_form(&format!("{election}/vote"), &fields).await
}

fn receipt_of(html: &str) -> String {
    select_text(&scraper::Html::parse_document(html), ".receipt")[0].clone()
}

async fn a_whole_election_from_opening_to_seated_members(app: TestApp) {
    let (editor, election) = open_election(&app, "2").await;
    let (a, org_a) = representative(&app, 0, "a@example.org").await;
    let (b, org_b) = representative(&app, 1, "b@example.org").await;
    let (c, org_c) = representative(&app, 2, "c@example.org").await;
    nominate(
        &app,
        &a,
        &election,
        org_a,
        "Anna Kandidat",
        "anna@example.org",
    )
    .await;
    nominate(
        &app,
        &a,
        &election,
        org_a,
        "Bertil Kandidat",
        "bertil@example.org",
    )
    .await;
    nominate(
        &app,
        &b,
        &election,
        org_b,
        "Cilla Kandidat",
        "cilla@example.org",
    )
    .await;
    let ids = candidate_ids(&app, &election).await;
    let (anna, bertil, cilla) = (ids[0].1, ids[1].1, ids[2].1);

    // Voting before it opens is refused.
    assert_eq!(
        vote(&a, &election, org_a, &[anna], "").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    editor.post_form(&election, &[("to", "voting")]).await;

    let r = vote(&a, &election, org_a, &[anna, bertil], "").await;
    assert_eq!(r.status(), StatusCode::OK);
    let _receipt_a = receipt_of(&r.text().await.unwrap());
    let r = vote(&b, &election, org_b, &[anna], "").await;
    let receipt_b = receipt_of(&r.text().await.unwrap());
    vote(&c, &election, org_c, &[cilla], "").await;
    // B changes its vote with its receipt; without it, it is told how.
    let r = vote(&b, &election, org_b, &[cilla], "").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Ange kvittokoden för att ändra rösten")
    );
    let r = vote(&b, &election, org_b, &[cilla], &receipt_b).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        receipt_of(&r.text().await.unwrap()),
        receipt_b,
        "the same ballot, replaced"
    );

    // Secrecy: no row links an organisation to its choices.
    let ballots: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballots")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(ballots, 3);
    for (table, forbidden) in [
        ("ballots", ["organisation", "user", "voted_at", "created"]),
        (
            "ballot_choices",
            ["organisation", "user", "voted_at", "created"],
        ),
    ] {
        let sql = if app.backend == common::Backend::Sqlite {
            format!("SELECT name FROM pragma_table_info('{table}')")
        } else {
            format!(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns WHERE table_name = '{table}'"
            )
        };
        let columns: Vec<String> = sqlx::query_scalar(&sql)
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
        assert!(
            columns
                .iter()
                .all(|c| !forbidden.iter().any(|f| c.contains(f))),
            "{table}: {columns:?}"
        );
    }
    let logged: Vec<(Option<i64>, String)> =
        sqlx::query_as("SELECT user_id, detail FROM audit_log WHERE action = 'election.ballot'")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(logged.len(), 4);
    assert!(
        logged
            .iter()
            .all(|(u, d)| u.is_none() && d.parse::<i64>().is_ok()),
        "{logged:?}"
    );

    // The receipt shows the ballot is counted; a wrong code does not.
    let (_, html) = app
        .browser()
        .get_html(&format!("{election}/receipt?code={receipt_b}"))
        .await;
    assert!(html.html().contains("finns med i räkningen"));
    let (_, html) = app
        .browser()
        .get_html(&format!("{election}/receipt?code=000000000000"))
        .await;
    assert!(html.html().contains("Ingen röst med kvittokoden"));
    editor.post_form(&election, &[("to", "closed")]).await;
    assert_eq!(
        vote(&c, &election, org_c, &[anna], "").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "closed"
    );
    // Anna 1, Bertil 1, Cilla 2: Cilla first, the second seat drawn.
    let (_, html) = editor.get_html(&election).await;
    let rows = select_text(&html, "tbody tr");
    assert!(
        rows[0].starts_with("Cilla Kandidat") && rows[0].contains('2'),
        "{rows:?}"
    );
    assert!(
        html.html().contains("lottning"),
        "the tie is said to be drawn"
    );
    let (_, public) = app.browser().get_html(&election).await;
    assert!(
        select_text(&public, "tbody tr").is_empty(),
        "not public before publishing"
    );

    editor.post_form(&election, &[("to", "published")]).await;
    let elected: Vec<String> = sqlx::query_scalar(
        "SELECT p.name FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.election_id IS NOT NULL ORDER BY p.name",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(elected.len(), 2);
    assert!(elected.contains(&"Cilla Kandidat".to_string()));
    let (_, public) = app.browser().get_html(&election).await;
    assert_eq!(
        select_text(&public, ".tag")
            .iter()
            .filter(|t| *t == "Vald")
            .count(),
        2
    );
    // The body's page names the election that chose them.
    let (_, body) = app
        .browser()
        .get_html("/vg/bodies/regionala-overenskommelsegruppen")
        .await;
    assert!(body.html().contains(&format!("href=\"{election}\"")));
    let _ = (anna, bertil);
}

async fn ballots_are_one_per_organisation_and_only_for_signatories(app: TestApp) {
    let (editor, election) = open_election(&app, "1").await;
    let (a, org) = representative(&app, 3, "a@example.org").await;
    let (a2, _) = representative(&app, 3, "a2@example.org").await;
    nominate(
        &app,
        &a,
        &election,
        org,
        "Dora Kandidat",
        "dora@example.org",
    )
    .await;
    nominate(
        &app,
        &a,
        &election,
        org,
        "Erik Kandidat",
        "erik@example.org",
    )
    .await;
    let ids = candidate_ids(&app, &election).await;
    editor.post_form(&election, &[("to", "voting")]).await;

    let r = vote(&a, &election, org, &[ids[0].1, ids[1].1], "").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Välj högst 1 kandidater"));

    // Two representatives of one organisation at once: one ballot.
    let (first, second) = ([ids[0].1], [ids[1].1]);
    let (r1, r2) = tokio::join!(
        vote(&a, &election, org, &first, ""),
        vote(&a2, &election, org, &second, "")
    );
    let mut statuses = [r1.status(), r2.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY]);
    let ballots: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballots")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(ballots, 1);

    // Someone who represents no signatory has no ballot.
    let outsider = app.logged_in("ledamot@demo.example").await;
    assert_eq!(
        outsider.get(&format!("{election}/vote")).await.status(),
        StatusCode::FORBIDDEN
    );
    // An organisation that is not a signatory cannot vote, even through a forged form.
    let r = vote(&a, &election, 999_999, &[ids[0].1], "").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn votes_cast_on_paper_at_a_meeting(app: TestApp) {
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = editor
        .post_form(
            "/vg/elections/new",
            &[
                ("body", "styrgruppen"),
                ("title", "Val på signatärsmötet"),
                ("seats", "1"),
                ("term_starts_on", "2027-01-01"),
                ("term_ends_on", "2028-12-31"),
                ("mode", "meeting"),
            ],
        )
        .await;
    let election = location(&r);
    let (a, org) = representative(&app, 5, "f@example.org").await;
    nominate(
        &app,
        &a,
        &election,
        org,
        "Frida Papper",
        "frida@example.org",
    )
    .await;
    nominate(
        &app,
        &a,
        &election,
        org,
        "Gustav Papper",
        "gustav@example.org",
    )
    .await;
    let ids = candidate_ids(&app, &election).await;
    editor.post_form(&election, &[("to", "voting")]).await;
    // No online ballot in a meeting election.
    assert_eq!(
        vote(&a, &election, org, &[ids[0].1], "").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (f, g) = (format!("votes-{}", ids[0].1), format!("votes-{}", ids[1].1));
    let r = editor
        .post_form(
            &format!("{election}/paper"),
            &[("paper_ballots", "30"), (&f, "31"), (&g, "2")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("En kandidat kan inte få fler röster än det finns röstsedlar")
    );
    let r = editor
        .post_form(
            &format!("{election}/paper"),
            &[("paper_ballots", "30"), (&f, "12"), (&g, "17")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    editor.post_form(&election, &[("to", "closed")]).await;
    editor.post_form(&election, &[("to", "published")]).await;
    let (_, html) = app.browser().get_html(&election).await;
    let rows = select_text(&html, "tbody tr");
    assert!(
        rows[0].starts_with("Gustav Papper") && rows[0].contains("17") && rows[0].contains("Vald"),
        "{rows:?}"
    );
    assert!(html.html().contains("30 röstsedlar på papper"));
}
