//! Proposals: submitted by representatives and editors, supported once per
//! organisation, commented on, moderated, and taken through their states
//! with the proposer mailed at every change.

use crate::common;

use common::{Browser, TestApp, attr, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    a_representative_submits_for_their_organisation,
    others_and_non_signatories_are_refused,
    an_editor_submits_for_a_dialogue_meeting,
    bad_input_returns_the_form_with_input_kept,
    one_support_per_organisation_and_withdrawal,
    comments_are_posted_hidden_and_shown_again,
    a_hidden_proposal_shows_only_its_reason,
    received_considering_adopted_with_a_measure,
    declining_needs_a_reason,
    another_agreements_proposal_is_not_found,
    the_list_filters,
);

const EDITOR: &str = "redaktor@demo.example";
const REPRESENTATIVE: &str = "representant@demo.example";
const MEMBER: &str = "ledamot@demo.example";

async fn agreement_id(app: &TestApp, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM agreements WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// The organisation the demo representative speaks for.
async fn rep_org(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT r.organisation_id FROM organisation_representatives r
         JOIN users u ON u.id = r.user_id WHERE u.email = $1",
    )
    .bind(REPRESENTATIVE)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

async fn first_area(app: &TestApp) -> String {
    let id: i64 = sqlx::query_scalar(
        "SELECT ar.id FROM agreement_areas ar JOIN agreements a ON a.id = ar.agreement_id
         WHERE a.slug = 'vg' ORDER BY ar.position LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    id.to_string()
}

async fn submit(app: &TestApp, b: &Browser, source: &str, title: &str, principle: &str) -> i64 {
    let area = first_area(app).await;
    let r = b
        .post_form(
            "/vg/proposals/new",
            &[
                ("source", source),
                ("title", title),
                (
                    "text",
                    "Vi föreslår **något bra**.\n\n<script>alert(1)</script>",
                ),
                ("area", &area),
                ("principle", principle),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "submit {title}");
    let to = location(&r);
    to.rsplit('/').next().unwrap().parse().unwrap()
}

async fn rep_submits(app: &TestApp, title: &str) -> (Browser, i64) {
    let b = app.logged_in(REPRESENTATIVE).await;
    let org = rep_org(app).await;
    let id = submit(app, &b, &format!("organisation-{org}"), title, "dialog").await;
    (b, id)
}

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

fn text_of(html: &scraper::Html) -> String {
    html.root_element().text().collect::<Vec<_>>().join(" ")
}

async fn a_representative_submits_for_their_organisation(app: TestApp) {
    let b = app.logged_in(REPRESENTATIVE).await;
    let (status, html) = b.get_html("/vg/proposals/new").await;
    assert_eq!(status, StatusCode::OK);
    let org = rep_org(&app).await;
    let option = format!("#source option[value='organisation-{org}']");
    assert_eq!(select_text(&html, &option).len(), 1);
    let id = submit(
        &app,
        &b,
        &format!("organisation-{org}"),
        "Ett nytt förslag",
        "dialog",
    )
    .await;
    let (status, html) = b.get_html(&format!("/vg/proposals/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "h1"), vec!["Ett nytt förslag"]);
    let body = b
        .get(&format!("/vg/proposals/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("<strong>något bra</strong>"));
    assert!(!body.contains("<script>alert"), "markdown is sanitised");
    assert!(select_text(&html, ".timeline li")[0].starts_with("Mottaget "));
    assert!(select_text(&html, ".eyebrow strong").contains(&"Ert förslag".to_string()));
    let (_, list) = app.browser().get_html("/vg/proposals").await;
    assert!(select_text(&list, ".proposal-card h2 a").contains(&"Ett nytt förslag".to_string()));
    // Logged out, the form says who may submit and offers the login.
    let (status, html) = app.browser().get_html("/vg/proposals/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(attr(&html, "a[href^='/login?next=']", "href").is_some());
    assert!(select_text(&html, "form[action='/vg/proposals/new']").is_empty());
}

async fn others_and_non_signatories_are_refused(app: TestApp) {
    let member = app.logged_in(MEMBER).await;
    let (status, html) = member.get_html("/vg/proposals/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(select_text(&html, "form[action='/vg/proposals/new']").is_empty());
    let area = first_area(&app).await;
    let org = rep_org(&app).await.to_string();
    let source = format!("organisation-{org}");
    let fields = [
        ("source", source.as_str()),
        ("title", "Smygförslag"),
        ("text", "Text"),
        ("area", area.as_str()),
        ("principle", "dialog"),
    ];
    let r = member.post_form("/vg/proposals/new", &fields).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // An organisation that does not sign the agreement.
    let pool = &app.state.db.pool;
    let outsider: i64 = sqlx::query_scalar(
        "INSERT INTO organisations (slug, name, name_key, kind, level, created_at, updated_at)
         VALUES ('utanfor', 'Utanför förening', 'utanför förening', 'association', 'local', '2026-01-01', '2026-01-01')
         RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO organisation_representatives (organisation_id, user_id, since)
         SELECT $1, id, '2026-01-01' FROM users WHERE email = $2",
    )
    .bind(outsider)
    .bind(REPRESENTATIVE)
    .execute(pool)
    .await
    .unwrap();
    let rep = app.logged_in(REPRESENTATIVE).await;
    let (_, html) = rep.get_html("/vg/proposals/new").await;
    assert!(
        select_text(
            &html,
            &format!("#source option[value='organisation-{outsider}']")
        )
        .is_empty()
    );
    let source = format!("organisation-{outsider}");
    let fields = [
        ("source", source.as_str()),
        ("title", "Utanförförslag"),
        ("text", "Text"),
        ("area", area.as_str()),
        ("principle", "dialog"),
    ];
    let r = rep.post_form("/vg/proposals/new", &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM proposals WHERE title IN ('Smygförslag', 'Utanförförslag')",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(n, 0);
}

async fn an_editor_submits_for_a_dialogue_meeting(app: TestApp) {
    let meeting: i64 = sqlx::query_scalar(
        "SELECT m.id FROM meetings m JOIN agreements a ON a.id = m.agreement_id
         WHERE a.slug = 'vg' AND m.kind IN ('dialogue', 'conference') ORDER BY m.id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let b = app.logged_in(EDITOR).await;
    let id = submit(
        &app,
        &b,
        &format!("meeting-{meeting}"),
        "Från dialogmötet",
        "openness",
    )
    .await;
    let (_, html) = app.browser().get_html(&format!("/vg/proposals/{id}")).await;
    assert!(attr(&html, &format!("a[href='/vg/meetings/{meeting}']"), "href").is_some());
    assert!(text_of(&html).contains("Öppenhet och insyn"));
    let audited = count(
        &app,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'proposal.submit' AND detail LIKE '%Från dialogmötet' AND agreement_id = $1",
        agreement_id(&app, "vg").await,
    )
    .await;
    assert_eq!(audited, 1);
}

async fn bad_input_returns_the_form_with_input_kept(app: TestApp) {
    let b = app.logged_in(REPRESENTATIVE).await;
    let org = rep_org(&app).await;
    let source = format!("organisation-{org}");
    let r = b
        .post_form(
            "/vg/proposals/new",
            &[
                ("source", source.as_str()),
                ("title", ""),
                ("text", "Min text som ska finnas kvar"),
                ("area", "999999"),
                ("principle", "openness"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    let summary = select_text(&html, ".error-summary li");
    assert_eq!(summary.len(), 2, "{summary:?}");
    assert_eq!(
        select_text(&html, "#text"),
        vec!["Min text som ska finnas kvar"]
    );
    assert!(attr(&html, "#principle-openness", "checked").is_some());
    assert!(
        attr(
            &html,
            &format!("#source option[value='{source}']"),
            "selected"
        )
        .is_some()
    );
    assert!(attr(&html, "#title", "aria-invalid").is_some());
}

async fn one_support_per_organisation_and_withdrawal(app: TestApp) {
    let (_, id) = rep_submits(&app, "Stöd mig").await;
    let org = rep_org(&app).await;
    // A second representative of another organisation, and a second one of the same.
    let other_org: i64 = sqlx::query_scalar(
        "SELECT s.organisation_id FROM signatories s JOIN agreements a ON a.id = s.agreement_id
         WHERE a.slug = 'vg' AND s.left_on IS NULL AND s.organisation_id <> $1
         ORDER BY s.organisation_id LIMIT 1",
    )
    .bind(org)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let first = app
        .verified_person("Första Företrädare", "forsta@demo.example")
        .await;
    let second = app
        .verified_person("Andra Företrädare", "andra@demo.example")
        .await;
    for email in ["forsta@demo.example", "andra@demo.example"] {
        sqlx::query(
            "INSERT INTO organisation_representatives (organisation_id, user_id, since)
             SELECT $1, id, '2026-01-01' FROM users WHERE email = $2",
        )
        .bind(other_org)
        .bind(email)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    }
    let o = other_org.to_string();
    let path = format!("/vg/proposals/{id}/support");
    let r = first.post_form(&path, &[("organisation", &o)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = second.post_form(&path, &[("organisation", &o)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let sql = "SELECT support_count FROM proposals WHERE id = $1";
    assert_eq!(count(&app, sql, id).await, 1);
    let rows = "SELECT CAST(COUNT(*) AS BIGINT) FROM proposal_supports WHERE proposal_id = $1";
    assert_eq!(count(&app, rows, id).await, 1);
    // Supporting for an organisation one does not represent is refused.
    let r = first
        .post_form(&path, &[("organisation", &org.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Nor does the proposing organisation support its own proposal.
    let rep = app.logged_in(REPRESENTATIVE).await;
    let r = rep
        .post_form(&path, &[("organisation", &org.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, html) = app.browser().get_html(&format!("/vg/proposals/{id}")).await;
    assert_eq!(select_text(&html, ".supporters li").len(), 1);
    assert!(text_of(&html).contains("Stöds av en organisation"));
    // The other representative withdraws the organisation's support.
    let r = second
        .post_form(
            &format!("/vg/proposals/{id}/withdraw"),
            &[("organisation", &o)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, sql, id).await, 0);
    assert_eq!(count(&app, rows, id).await, 0);
}

async fn comments_are_posted_hidden_and_shown_again(app: TestApp) {
    let (_, id) = rep_submits(&app, "Kommentera mig").await;
    let page = format!("/vg/proposals/{id}");
    let member = app.logged_in(MEMBER).await;
    let r = member
        .post_form(&format!("{page}/comments"), &[("text", "")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = member
        .post_form(
            &format!("{page}/comments"),
            &[("text", "En hemlig synpunkt")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.browser().get_html(&page).await;
    assert_eq!(
        select_text(&html, ".comment-text"),
        vec!["En hemlig synpunkt"]
    );
    assert!(text_of(&html).contains("Cecilia Provlund"));
    // A visitor without an account cannot comment.
    let r = app
        .browser()
        .post_form(&format!("{page}/comments"), &[("text", "Anonym")])
        .await;
    assert!(!location(&r).starts_with(&page), "{}", location(&r));
    let n = "SELECT CAST(COUNT(*) AS BIGINT) FROM proposal_comments WHERE proposal_id = $1";
    assert_eq!(count(&app, n, id).await, 1);
    let cid: i64 = count(
        &app,
        "SELECT id FROM proposal_comments WHERE proposal_id = $1",
        id,
    )
    .await;
    let editor = app.logged_in(EDITOR).await;
    let hide = format!("{page}/comments/{cid}/hide");
    let r = editor.post_form(&hide, &[("reason", "")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = member.post_form(&hide, &[("reason", "Nej")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = editor
        .post_form(&hide, &[("reason", "Personuppgifter")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.browser().get_html(&page).await;
    let body = html.html();
    assert!(!body.contains("En hemlig synpunkt"));
    assert!(body.contains("Dolt av redaktionen: Personuppgifter"));
    let r = editor
        .post_form(&format!("{page}/comments/{cid}/unhide"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.browser().get_html(&page).await;
    assert!(html.html().contains("En hemlig synpunkt"));
}

async fn a_hidden_proposal_shows_only_its_reason(app: TestApp) {
    let (_, id) = rep_submits(&app, "Olämplig rubrik").await;
    let page = format!("/vg/proposals/{id}");
    let editor = app.logged_in(EDITOR).await;
    let r = editor
        .post_form(&format!("{page}/hide"), &[("hide_reason", "")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = editor
        .post_form(
            &format!("{page}/hide"),
            &[("hide_reason", "Kränkande innehåll")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for path in [page.clone(), "/vg/proposals".to_string()] {
        let (status, html) = app.browser().get_html(&path).await;
        assert_eq!(status, StatusCode::OK);
        let body = html.html();
        assert!(!body.contains("Olämplig rubrik"), "{path}");
        assert!(!body.contains("något bra"), "{path}");
        assert!(
            body.contains("Dolt av redaktionen: Kränkande innehåll"),
            "{path}"
        );
    }
    let (subject, body) = app.last_mail_to(REPRESENTATIVE).await.unwrap();
    assert!(subject.contains("Olämplig rubrik"));
    assert!(body.contains("Kränkande innehåll"));
    let r = editor.post_form(&format!("{page}/unhide"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.browser().get_html(&page).await;
    assert_eq!(select_text(&html, "h1"), vec!["Olämplig rubrik"]);
}

/// A plan with one measure in the demo agreement.
async fn a_measure(app: &TestApp) -> i64 {
    let pool = &app.state.db.pool;
    let agreement = agreement_id(app, "vg").await;
    let plan: i64 = sqlx::query_scalar(
        "INSERT INTO action_plans (agreement_id, title, first_year, last_year, state, created_at, updated_at)
         VALUES ($1, 'Testplan', 2026, 2028, 'decided', '2026-01-01', '2026-01-01') RETURNING id",
    )
    .bind(agreement)
    .fetch_one(pool)
    .await
    .unwrap();
    let area: i64 = sqlx::query_scalar(
        "INSERT INTO plan_areas (plan_id, position, title) VALUES ($1, 1, 'Område') RETURNING id",
    )
    .bind(plan)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query_scalar(
        "INSERT INTO measures (plan_id, area_id, position, title, status, created_at, updated_at)
         VALUES ($1, $2, 1, 'Introduktionsträffar', 'planned', '2026-01-01', '2026-01-01') RETURNING id",
    )
    .bind(plan)
    .bind(area)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn received_considering_adopted_with_a_measure(app: TestApp) {
    let measure = a_measure(&app).await;
    let (_, id) = rep_submits(&app, "Bli en åtgärd").await;
    let page = format!("/vg/proposals/{id}");
    let editor = app.logged_in(EDITOR).await;
    let mails = app.mail_count(REPRESENTATIVE).await;
    // A representative cannot change the state.
    let rep = app.logged_in(REPRESENTATIVE).await;
    let r = rep
        .post_form(&format!("{page}/state"), &[("state", "considering")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = editor
        .post_form(&format!("{page}/state"), &[("state", "considering")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.mail_count(REPRESENTATIVE).await, mails + 1);
    let (subject, body) = app.last_mail_to(REPRESENTATIVE).await.unwrap();
    assert!(subject.contains("Bli en åtgärd"));
    assert!(body.contains("under beredning"), "{body}");
    // Adopting needs the measure.
    let r = editor
        .post_form(
            &format!("{page}/state"),
            &[("state", "adopted"), ("reason", "Bra")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(select_text(&html, "#reason"), vec!["Bra"]);
    let m = measure.to_string();
    let r = editor
        .post_form(
            &format!("{page}/state"),
            &[("state", "adopted"), ("measure", &m), ("reason", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.mail_count(REPRESENTATIVE).await, mails + 2);
    let (_, body) = app.last_mail_to(REPRESENTATIVE).await.unwrap();
    assert!(body.contains("antagits"), "{body}");
    let (_, html) = app.browser().get_html(&page).await;
    assert_eq!(
        attr(&html, ".proposal-measure", "href"),
        Some(format!("/vg/measures/{measure}"))
    );
    let timeline = select_text(&html, ".timeline li");
    assert_eq!(timeline.len(), 3, "{timeline:?}");
    assert!(timeline[0].starts_with("Mottaget "));
    assert!(timeline[1].starts_with("Under beredning "));
    assert!(timeline[2].starts_with("Antaget "));
    let from = overens::proposals::for_measure(&app.state.db, measure)
        .await
        .unwrap();
    assert_eq!(from, vec![(id, "Bli en åtgärd".to_string())]);
    let audited: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'proposal.state'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);
}

async fn declining_needs_a_reason(app: TestApp) {
    let (_, id) = rep_submits(&app, "Avslå mig").await;
    let page = format!("/vg/proposals/{id}");
    let editor = app.logged_in(EDITOR).await;
    let mails = app.mail_count(REPRESENTATIVE).await;
    let r = editor
        .post_form(
            &format!("{page}/state"),
            &[("state", "declined"), ("reason", " ")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(select_text(&html, ".error-summary li").len(), 1);
    assert!(attr(&html, "#state-declined", "checked").is_some());
    assert_eq!(
        count(
            &app,
            "SELECT CAST(COUNT(*) AS BIGINT) FROM proposal_events WHERE proposal_id = $1",
            id
        )
        .await,
        1
    );
    assert_eq!(app.mail_count(REPRESENTATIVE).await, mails);
    let r = editor
        .post_form(
            &format!("{page}/state"),
            &[
                ("state", "declined"),
                ("reason", "Ligger utanför uppdraget"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.browser().get_html(&page).await;
    let timeline = select_text(&html, ".timeline li");
    assert!(timeline[1].starts_with("Avslaget "));
    assert!(timeline[1].ends_with("Ligger utanför uppdraget"));
    let (_, body) = app.last_mail_to(REPRESENTATIVE).await.unwrap();
    assert!(body.contains("avslagits") && body.contains("Ligger utanför uppdraget"));
    // The proposer is written to in their own language.
    sqlx::query("UPDATE users SET language = 'en' WHERE email = $1")
        .bind(REPRESENTATIVE)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let r = editor
        .post_form(&format!("{page}/state"), &[("state", "considering")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (subject, body) = app.last_mail_to(REPRESENTATIVE).await.unwrap();
    assert_eq!(subject, "Your proposal: Avslå mig");
    assert!(body.contains("under consideration"), "{body}");
}

async fn another_agreements_proposal_is_not_found(app: TestApp) {
    let pool = &app.state.db.pool;
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, created_at)
         VALUES ('exempelstad', 'Överenskommelse i Exempelstad', 'ÖK Exempelstad', 'Exempelstads kommun', '2026-01-01')",
    )
    .execute(pool)
    .await
    .unwrap();
    let other = agreement_id(&app, "exempelstad").await;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO proposals (agreement_id, title, text, state, created_at, updated_at)
         VALUES ($1, 'Främmande förslag', 'Text', 'received', '2026-01-01', '2026-01-01') RETURNING id",
    )
    .bind(other)
    .fetch_one(pool)
    .await
    .unwrap();
    let (status, _) = app.browser().get_html(&format!("/vg/proposals/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .browser()
        .get_html(&format!("/exempelstad/proposals/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let editor = app.logged_in(EDITOR).await;
    let r = editor
        .post_form(
            &format!("/vg/proposals/{id}/state"),
            &[("state", "considering")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (_, html) = app.browser().get_html("/vg/proposals").await;
    assert!(!html.html().contains("Främmande förslag"));
}

async fn the_list_filters(app: TestApp) {
    let b = app.logged_in(REPRESENTATIVE).await;
    let org = rep_org(&app).await;
    let source = format!("organisation-{org}");
    submit(&app, &b, &source, "Filtrerad mångfald", "diversity").await;
    submit(&app, &b, &source, "Filtrerad kvalitet", "quality").await;
    let titles = |html: &scraper::Html| select_text(html, ".proposal-card h2 a");
    let (_, html) = app
        .browser()
        .get_html("/vg/proposals?principle=diversity")
        .await;
    let t = titles(&html);
    assert!(t.contains(&"Filtrerad mångfald".to_string()));
    assert!(!t.contains(&"Filtrerad kvalitet".to_string()));
    let (_, html) = app.browser().get_html("/vg/proposals?state=declined").await;
    let t = titles(&html);
    assert!(!t.is_empty());
    assert!(!t.contains(&"Filtrerad mångfald".to_string()));
    let area = first_area(&app).await;
    let (_, html) = app
        .browser()
        .get_html(&format!("/vg/proposals?area={area}&state=received"))
        .await;
    let t = titles(&html);
    assert!(t.contains(&"Filtrerad kvalitet".to_string()));
    // Bad filter values are ignored rather than failing.
    let (status, _) = app
        .browser()
        .get_html("/vg/proposals?state=nonsense&area=x&page=99")
        .await;
    assert_eq!(status, StatusCode::OK);
}
