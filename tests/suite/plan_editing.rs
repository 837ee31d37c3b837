//! Action plans: editors draft a plan with its areas, parties, measures and
//! indicators and move it from draft to closed; responsible parties report
//! follow-up, logged in or through the link of the yearly request.

use crate::common;

use common::{Browser, TestApp, attr, link_in, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    a_plan_moves_from_draft_to_closed_and_reopens_with_a_reason,
    areas_and_parties_are_removed_only_when_unused,
    a_bad_measure_form_comes_back_with_every_input,
    an_editors_follow_up_updates_the_measure_and_its_values,
    a_representative_of_a_party_reports_and_others_may_not,
    a_cycle_mails_every_party_and_the_link_marks_it_answered,
    another_agreements_plan_and_measure_are_not_found,
    only_editors_edit_plans,
);

const EDITOR: &str = "redaktor@demo.example";
const REPRESENTATIVE: &str = "representant@demo.example";

async fn vg(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM agreements WHERE slug = 'vg'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

fn id_in(path: &str, n: usize) -> i64 {
    path.split('/')
        .nth(n)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("an id in {path}"))
}

async fn post_redirect(b: &Browser, path: &str, fields: &[(&str, &str)]) -> String {
    let r = b.post_form(path, fields).await;
    let status = r.status();
    let loc = location(&r);
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "POST {path}: {}",
        r.text().await.unwrap_or_default()
    );
    loc
}

async fn new_plan(b: &Browser, title: &str) -> i64 {
    let (status, _) = b.get_html("/vg/plans/new").await;
    assert_eq!(status, StatusCode::OK);
    let loc = post_redirect(
        b,
        "/vg/plans/new",
        &[
            ("title", title),
            ("first_year", "2025"),
            ("last_year", "2027"),
            ("summary", "Vi **samverkar**."),
            ("drafted_by", "En arbetsgrupp"),
        ],
    )
    .await;
    assert!(loc.ends_with("/edit"), "{loc}");
    id_in(&loc, 3)
}

async fn add_area(app: &TestApp, b: &Browser, plan: i64, title: &str) -> i64 {
    post_redirect(
        b,
        &format!("/vg/plans/{plan}/areas"),
        &[("area_title", title), ("area_description", "")],
    )
    .await;
    sqlx::query_scalar("SELECT id FROM plan_areas WHERE plan_id = $1 AND title = $2")
        .bind(plan)
        .bind(title)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn add_unit(app: &TestApp, b: &Browser, plan: i64, name: &str, email: &str) -> i64 {
    post_redirect(
        b,
        &format!("/vg/plans/{plan}/parties"),
        &[
            ("party_kind", "unit"),
            ("party_name", name),
            ("party_email", email),
            ("party_organisation", ""),
        ],
    )
    .await;
    sqlx::query_scalar("SELECT id FROM plan_parties WHERE plan_id = $1 AND name = $2")
        .bind(plan)
        .bind(name)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// The organisation the demo's representative keeps.
async fn represented_org(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT r.organisation_id FROM organisation_representatives r
         JOIN users u ON u.id = r.user_id WHERE u.email = $1",
    )
    .bind(REPRESENTATIVE)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

async fn add_org(app: &TestApp, b: &Browser, plan: i64, org: i64) -> i64 {
    let org_text = org.to_string();
    post_redirect(
        b,
        &format!("/vg/plans/{plan}/parties"),
        &[
            ("party_kind", "organisation"),
            ("party_name", ""),
            ("party_email", ""),
            ("party_organisation", &org_text),
        ],
    )
    .await;
    sqlx::query_scalar("SELECT id FROM plan_parties WHERE plan_id = $1 AND organisation_id = $2")
        .bind(plan)
        .bind(org)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// A measure form: the fixed fields, the parties ticked and indicator rows.
fn measure_form<'a>(
    area: &'a str,
    title: &'a str,
    parties: &'a [String],
    rows: &'a [[&'a str; 7]],
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("area", area),
        ("title", title),
        ("description", "Beskrivning"),
        ("contact_name", "Kim Exempel"),
        ("contact_email", "kim@demo.example"),
        ("starts_on", "2025-02-01"),
        ("ends_on", "2026-12-31"),
        ("status", "planned"),
        ("status_reason", ""),
        ("progress", "0"),
    ];
    for p in parties {
        f.push(("party", p.as_str()));
    }
    for row in rows {
        for (name, value) in [
            "ind_id",
            "ind_name",
            "ind_unit",
            "ind_baseline",
            "ind_baseline_year",
            "ind_target",
            "ind_target_year",
        ]
        .into_iter()
        .zip(row.iter())
        {
            f.push((name, value));
        }
    }
    f
}

async fn new_measure(b: &Browser, plan: i64, area: i64, title: &str, parties: &[i64]) -> i64 {
    let area = area.to_string();
    let parties: Vec<String> = parties.iter().map(i64::to_string).collect();
    let rows = [["", "Deltagare", "antal", "10", "2024", "100", "2027"]];
    let loc = post_redirect(
        b,
        &format!("/vg/plans/{plan}/measures/new"),
        &measure_form(&area, title, &parties, &rows),
    )
    .await;
    assert!(loc.starts_with("/vg/measures/"), "{loc}");
    id_in(&loc, 3)
}

async fn decision_of_vg(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT d.id FROM decisions d JOIN agreements a ON a.id = d.agreement_id
         WHERE a.slug = 'vg' ORDER BY d.id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

async fn plan_state(app: &TestApp, plan: i64) -> (String, Option<i64>, Option<String>) {
    sqlx::query_as("SELECT state, decision_id, closed_on FROM action_plans WHERE id = $1")
        .bind(plan)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn to_state(b: &Browser, plan: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    b.post_form(&format!("/vg/plans/{plan}/state"), fields)
        .await
}

/// A plan in follow-up with one area.
async fn followed_plan(app: &TestApp, b: &Browser) -> (i64, i64) {
    let plan = new_plan(b, "Handlingsplan 2025–2027").await;
    let area = add_area(app, b, plan, "Demokrati").await;
    let decision = decision_of_vg(app).await.to_string();
    post_redirect(
        b,
        &format!("/vg/plans/{plan}/state"),
        &[("to", "decided"), ("decision", &decision)],
    )
    .await;
    post_redirect(
        b,
        &format!("/vg/plans/{plan}/state"),
        &[("to", "following_up")],
    )
    .await;
    (plan, area)
}

async fn a_plan_moves_from_draft_to_closed_and_reopens_with_a_reason(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let plan = new_plan(&b, "Handlingsplan 2025–2027").await;
    let (status, html) = b.get_html(&format!("/vg/plans/{plan}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    let next: Vec<String> = {
        let sel = scraper::Selector::parse("input[name=to]").unwrap();
        html.select(&sel)
            .filter_map(|e| e.value().attr("value").map(str::to_string))
            .collect()
    };
    assert_eq!(next, ["decided"], "only the allowed next state is offered");
    assert!(attr(&html, "select#decision", "name").is_some());

    // Skipping ahead and deciding without a decision are refused.
    let r = to_state(&b, plan, &[("to", "closed")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = to_state(&b, plan, &[("to", "decided"), ("decision", "")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(plan_state(&app, plan).await.0, "draft");

    let decision = decision_of_vg(&app).await;
    let d = decision.to_string();
    let loc = post_redirect(
        &b,
        &format!("/vg/plans/{plan}/state"),
        &[("to", "decided"), ("decision", &d)],
    )
    .await;
    assert_eq!(loc, format!("/vg/plans/{plan}/edit"));
    assert_eq!(
        plan_state(&app, plan).await,
        ("decided".into(), Some(decision), None)
    );
    let subject: (String, Option<i64>) =
        sqlx::query_as("SELECT subject_kind, subject_id FROM decisions WHERE id = $1")
            .bind(decision)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(subject, ("action_plan".into(), Some(plan)));

    post_redirect(
        &b,
        &format!("/vg/plans/{plan}/state"),
        &[("to", "following_up")],
    )
    .await;
    assert_eq!(plan_state(&app, plan).await.0, "following_up");
    post_redirect(&b, &format!("/vg/plans/{plan}/state"), &[("to", "closed")]).await;
    let (state, _, closed_on) = plan_state(&app, plan).await;
    assert_eq!(state, "closed");
    assert_eq!(closed_on, Some(jiff::Zoned::now().date().to_string()));

    // Reopening needs a reason, which goes to the audit log.
    let r = to_state(&b, plan, &[("to", "following_up"), ("reason", " ")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(!select_text(&html, ".error-summary li").is_empty());
    post_redirect(
        &b,
        &format!("/vg/plans/{plan}/state"),
        &[("to", "following_up"), ("reason", "Ett år till behövs")],
    )
    .await;
    assert_eq!(
        plan_state(&app, plan).await,
        ("following_up".into(), Some(decision), None)
    );
    let logged: String = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'plan.reopen' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert!(logged.contains("Ett år till behövs"), "{logged}");
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('plan.create', 'plan.state', 'plan.reopen')",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(n, 5);

    // The plan's own fields.
    let loc = post_redirect(
        &b,
        &format!("/vg/plans/{plan}/edit"),
        &[
            ("title", "Handlingsplan 2025–2028"),
            ("first_year", "2025"),
            ("last_year", "2028"),
            ("summary", ""),
            ("drafted_by", ""),
        ],
    )
    .await;
    assert_eq!(loc, format!("/vg/plans/{plan}"));
    let r = b
        .post_form(
            &format!("/vg/plans/{plan}/edit"),
            &[
                ("title", "X"),
                ("first_year", "2028"),
                ("last_year", "2025"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn areas_and_parties_are_removed_only_when_unused(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let plan = new_plan(&b, "Plan med områden").await;
    let used = add_area(&app, &b, plan, "Demokrati").await;
    let empty = add_area(&app, &b, plan, "Folkhälsa").await;
    let r = b
        .post_form(&format!("/vg/plans/{plan}/areas"), &[("area_title", " ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Rename and move first.
    post_redirect(
        &b,
        &format!("/vg/plans/{plan}/areas/{empty}"),
        &[("title", "Folkhälsa och idrott"), ("position", "0")],
    )
    .await;
    let titles: Vec<String> =
        sqlx::query_scalar("SELECT title FROM plan_areas WHERE plan_id = $1 ORDER BY position")
            .bind(plan)
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(titles, ["Folkhälsa och idrott", "Demokrati"]);

    // Parties: a unit needs an e-mail; an organisation must be a signatory.
    let r = b
        .post_form(
            &format!("/vg/plans/{plan}/parties"),
            &[
                ("party_kind", "unit"),
                ("party_name", "Kansliet"),
                ("party_email", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        attr(&html, "#party_name", "value").as_deref(),
        Some("Kansliet")
    );
    let r = b
        .post_form(
            &format!("/vg/plans/{plan}/parties"),
            &[
                ("party_kind", "organisation"),
                ("party_organisation", "999999"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unit = add_unit(&app, &b, plan, "Kansliet", "kansliet@demo.example").await;
    let spare = add_unit(&app, &b, plan, "Reserven", "reserven@demo.example").await;
    let org = add_org(&app, &b, plan, represented_org(&app).await).await;

    new_measure(&b, plan, used, "Dialogmöten", &[unit, org]).await;

    // An area with a measure and a responsible party stay.
    let r = b
        .post_form(&format!("/vg/plans/{plan}/areas/{used}/delete"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = b
        .post_form(&format!("/vg/plans/{plan}/parties/{unit}/delete"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let count = |sql: &'static str| {
        let pool = app.state.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .bind(plan)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM plan_areas WHERE plan_id = $1").await,
        2
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM plan_parties WHERE plan_id = $1").await,
        3
    );

    // Unused ones go.
    post_redirect(&b, &format!("/vg/plans/{plan}/areas/{empty}/delete"), &[]).await;
    post_redirect(&b, &format!("/vg/plans/{plan}/parties/{spare}/delete"), &[]).await;
    assert_eq!(
        count("SELECT COUNT(*) FROM plan_areas WHERE plan_id = $1").await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM plan_parties WHERE plan_id = $1").await,
        2
    );
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('plan.area.delete', 'plan.party.delete')",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(logged, 2);
}

async fn a_bad_measure_form_comes_back_with_every_input(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let plan = new_plan(&b, "Plan med åtgärder").await;
    let area = add_area(&app, &b, plan, "Demokrati").await;
    let unit = add_unit(&app, &b, plan, "Kansliet", "kansliet@demo.example").await;
    let (status, html) = b.get_html(&format!("/vg/plans/{plan}/measures/new")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, ".row-label").len(),
        3,
        "three empty indicator rows"
    );
    assert!(attr(&html, &format!("#party-{unit}"), "checked").is_none());
    let area_s = area.to_string();
    let parties = vec![unit.to_string()];
    let rows = [
        ["", "Deltagare", "antal", "tolv", "2024", "100", "2027"],
        ["", "Andel nöjda", "%", "12,5", "2024", "80.5", "2027"],
        ["", "", "", "", "", "", ""],
    ];
    let mut form = measure_form(&area_s, "Dialogmöten", &parties, &rows);
    for (k, v) in form.iter_mut() {
        match *k {
            "ends_on" => *v = "2025-01-01",
            "status" => *v = "postponed",
            _ => {}
        }
    }
    let r = b
        .post_form(&format!("/vg/plans/{plan}/measures/new"), &form)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    let summary = select_text(&html, ".error-summary li a");
    assert_eq!(summary.len(), 3, "{summary:?}");
    for field in ["#ends_on", "#status_reason", "#indicator_0"] {
        let sel = scraper::Selector::parse(&format!(".error-summary a[href='{field}']")).unwrap();
        assert!(html.select(&sel).next().is_some(), "an error for {field}");
    }
    assert_eq!(
        attr(&html, "#title", "value").as_deref(),
        Some("Dialogmöten")
    );
    assert_eq!(
        attr(&html, "#ends_on", "value").as_deref(),
        Some("2025-01-01")
    );
    assert_eq!(
        attr(&html, "#indicator_0", "value").as_deref(),
        Some("Deltagare")
    );
    assert_eq!(
        attr(&html, "#ind_baseline_0", "value").as_deref(),
        Some("tolv")
    );
    assert_eq!(
        attr(&html, "#indicator_1", "value").as_deref(),
        Some("Andel nöjda")
    );
    assert_eq!(
        attr(&html, "#ind_baseline_1", "value").as_deref(),
        Some("12,5")
    );
    assert_eq!(
        attr(&html, &format!("#party-{unit}"), "checked").as_deref(),
        Some("")
    );
    assert_eq!(
        attr(&html, "#status option[selected]", "value").as_deref(),
        Some("postponed")
    );
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM measures WHERE plan_id = $1")
        .bind(plan)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0, "nothing half-saved");

    // Corrected: decimals with a comma or a point.
    for (k, v) in form.iter_mut() {
        match *k {
            "ends_on" => *v = "2026-12-31",
            "status_reason" => *v = "Lokalen är inte klar",
            "ind_baseline" if *v == "tolv" => *v = "12",
            _ => {}
        }
    }
    let loc = post_redirect(&b, &format!("/vg/plans/{plan}/measures/new"), &form).await;
    let measure = id_in(&loc, 3);
    let stored: Vec<(String, Option<f64>, Option<f64>)> = sqlx::query_as(
        "SELECT name, baseline, target FROM indicators WHERE measure_id = $1 ORDER BY position",
    )
    .bind(measure)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(
        stored,
        [
            ("Deltagare".to_string(), Some(12.0), Some(100.0)),
            ("Andel nöjda".to_string(), Some(12.5), Some(80.5)),
        ]
    );
    let (status, reason): (String, String) =
        sqlx::query_as("SELECT status, status_reason FROM measures WHERE id = $1")
            .bind(measure)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), reason.as_str()),
        ("postponed", "Lokalen är inte klar")
    );

    // The edit form keeps the indicators by id; an emptied row removes one.
    let (status, html) = b.get_html(&format!("/vg/measures/{measure}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        attr(&html, "#ind_baseline_1", "value").as_deref(),
        Some("12.5")
    );
    let first_id: i64 = sqlx::query_scalar(
        "SELECT id FROM indicators WHERE measure_id = $1 AND name = 'Deltagare'",
    )
    .bind(measure)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let first = first_id.to_string();
    let rows = [[
        first.as_str(),
        "Deltagare",
        "antal",
        "12",
        "2024",
        "150",
        "2027",
    ]];
    let form = measure_form(&area_s, "Dialogmöten i hela regionen", &parties, &rows);
    post_redirect(&b, &format!("/vg/measures/{measure}/edit"), &form).await;
    let stored: Vec<(i64, Option<f64>)> =
        sqlx::query_as("SELECT id, target FROM indicators WHERE measure_id = $1")
            .bind(measure)
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, [(first_id, Some(150.0))]);
}

async fn an_editors_follow_up_updates_the_measure_and_its_values(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let (plan, area) = followed_plan(&app, &b).await;
    let unit = add_unit(&app, &b, plan, "Kansliet", "kansliet@demo.example").await;
    let measure = new_measure(&b, plan, area, "Dialogmöten", &[unit]).await;
    let indicator: i64 = sqlx::query_scalar("SELECT id FROM indicators WHERE measure_id = $1")
        .bind(measure)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let value_field = format!("value_{indicator}");
    let path = format!("/vg/measures/{measure}/follow-up");
    let (status, html) = b.get_html(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(attr(&html, &format!("#{value_field}"), "name").is_some());

    // Postponed without a reason is refused, the input kept.
    let r = b
        .post_form(
            &path,
            &[
                ("reported_on", "2026-03-01"),
                ("text", "Två möten hölls."),
                ("status", "postponed"),
                ("status_reason", ""),
                ("progress", "40"),
                ("year", "2026"),
                (&value_field, "7,5"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        attr(&html, &format!("#{value_field}"), "value").as_deref(),
        Some("7,5")
    );
    assert_eq!(select_text(&html, "#text"), ["Två möten hölls."]);

    let fields = |value: &'static str, progress: &'static str| {
        vec![
            ("reported_on", "2026-03-01"),
            ("text", "Två möten hölls."),
            ("status", "ongoing"),
            ("status_reason", ""),
            ("progress", progress),
            ("year", "2026"),
            ("value", value),
        ]
    };
    for (value, progress) in [("7,5", "40"), ("8", "45")] {
        let mut f = fields(value, progress);
        f.last_mut().unwrap().0 = &value_field;
        let loc = post_redirect(&b, &path, &f).await;
        assert_eq!(loc, format!("/vg/measures/{measure}"));
    }
    let (status, progress): (String, i64) =
        sqlx::query_as("SELECT status, progress FROM measures WHERE id = $1")
            .bind(measure)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), progress), ("ongoing", 45));
    let values: Vec<(i64, f64)> =
        sqlx::query_as("SELECT year, value FROM indicator_values WHERE indicator_id = $1")
            .bind(indicator)
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(values, [(2026, 8.0)], "the latest report for a year wins");
    let (n, party): (i64, Option<i64>) = sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT), MAX(party_id) FROM follow_ups WHERE measure_id = $1",
    )
    .bind(measure)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!((n, party), (2, None));
    let logged: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'measure.follow_up'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(logged, 2);

    // A closed plan takes no follow-up.
    post_redirect(&b, &format!("/vg/plans/{plan}/state"), &[("to", "closed")]).await;
    let mut f = fields("9", "50");
    f.last_mut().unwrap().0 = &value_field;
    let r = b.post_form(&path, &f).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

async fn a_representative_of_a_party_reports_and_others_may_not(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let (plan, area) = followed_plan(&app, &b).await;
    let org = add_org(&app, &b, plan, represented_org(&app).await).await;
    let unit = add_unit(&app, &b, plan, "Kansliet", "kansliet@demo.example").await;
    let theirs = new_measure(&b, plan, area, "Föreningarnas dialog", &[org]).await;
    let others = new_measure(&b, plan, area, "Regionens egen åtgärd", &[unit]).await;
    let form = [
        ("reported_on", "2026-04-01"),
        ("text", "Vi har bjudit in."),
        ("status", "ongoing"),
        ("status_reason", ""),
        ("progress", "20"),
        ("year", "2026"),
    ];

    let rep = app.logged_in(REPRESENTATIVE).await;
    let (status, _) = rep
        .get_html(&format!("/vg/measures/{theirs}/follow-up"))
        .await;
    assert_eq!(status, StatusCode::OK);
    post_redirect(&rep, &format!("/vg/measures/{theirs}/follow-up"), &form).await;
    let (party, author): (Option<i64>, String) =
        sqlx::query_as("SELECT party_id, author_name FROM follow_ups WHERE measure_id = $1")
            .bind(theirs)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(party, Some(org));
    assert!(!author.is_empty());

    // Not their organisation's measure.
    let (status, _) = rep
        .get_html(&format!("/vg/measures/{others}/follow-up"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let r = rep
        .post_form(&format!("/vg/measures/{others}/follow-up"), &form)
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // A member who represents nobody, and a visitor.
    let member = app.logged_in("ledamot@demo.example").await;
    let r = member
        .post_form(&format!("/vg/measures/{theirs}/follow-up"), &form)
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .browser()
        .get(&format!("/vg/measures/{theirs}/follow-up"))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with("/login?next="), "{}", location(&r));
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM follow_ups WHERE measure_id IN ($1, $2)")
        .bind(theirs)
        .bind(others)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
}

async fn a_cycle_mails_every_party_and_the_link_marks_it_answered(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let (plan, area) = followed_plan(&app, &b).await;
    let unit = add_unit(&app, &b, plan, "Kansliet", "kansliet@demo.example").await;
    let org = add_org(&app, &b, plan, represented_org(&app).await).await;
    add_unit(&app, &b, plan, "Utan åtgärder", "ledig@demo.example").await;
    let m1 = new_measure(&b, plan, area, "Dialogmöten", &[unit]).await;
    new_measure(&b, plan, area, "Föreningarnas dialog", &[org]).await;

    let (status, html) = b.get_html(&format!("/vg/plans/{plan}/cycles/new")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "#year option").len(), 3);
    let loc = post_redirect(
        &b,
        &format!("/vg/plans/{plan}/cycles/new"),
        &[
            ("year", "2026"),
            ("due_on", "2026-12-15"),
            ("message", "Tack på förhand."),
        ],
    )
    .await;
    let cycle = id_in(&loc, 5);
    assert_eq!(app.mail_count("kansliet@demo.example").await, 1);
    assert_eq!(app.mail_count(REPRESENTATIVE).await, 1);
    assert_eq!(app.mail_count("ledig@demo.example").await, 0);
    let (subject, body) = app.last_mail_to("kansliet@demo.example").await.unwrap();
    assert!(subject.contains("2026"), "{subject}");
    assert!(
        body.contains("Dialogmöten") && body.contains("Tack på förhand."),
        "{body}"
    );
    assert!(
        !body.contains("Föreningarnas dialog"),
        "only its own measures"
    );
    assert!(body.contains("15 december 2026"), "{body}");
    let link = link_in(&body);
    assert!(link.starts_with("/vg/follow-up/"), "{link}");

    // A second cycle for the same year is refused.
    let r = b
        .post_form(
            &format!("/vg/plans/{plan}/cycles/new"),
            &[("year", "2026"), ("due_on", "2026-12-20"), ("message", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(attr(&html, ".error-summary a[href='#year']", "href").is_some());
    assert_eq!(app.mail_count("kansliet@demo.example").await, 1);

    // The unit reports through its link, without an account.
    let visitor = app.browser();
    let (status, html) = visitor.get_html(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, ".answer-state"), ["Inte besvarad"]);
    let (status, _) = visitor.get_html(&format!("{link}/{m1}")).await;
    assert_eq!(status, StatusCode::OK);
    post_redirect(
        &visitor,
        &format!("{link}/{m1}"),
        &[
            ("reported_on", "2026-11-30"),
            ("text", "Tre dialogmöten hölls."),
            ("status", "ongoing"),
            ("status_reason", ""),
            ("progress", "60"),
            ("year", "2026"),
        ],
    )
    .await;
    let (_, html) = visitor.get_html(&link).await;
    assert_eq!(select_text(&html, ".answer-state"), ["Besvarad"]);
    let (cycle_of, party_of): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT cycle_id, party_id FROM follow_ups WHERE measure_id = $1")
            .bind(m1)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!((cycle_of, party_of), (Some(cycle), Some(unit)));

    let (status, html) = b
        .get_html(&format!("/vg/plans/{plan}/cycles/{cycle}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let unit_row = select_text(&html, &format!("tr[data-party='{unit}'] .answer-state"));
    let org_row = select_text(&html, &format!("tr[data-party='{org}'] .answer-state"));
    assert_eq!(unit_row, ["Besvarad"]);
    assert_eq!(org_row, ["Inte besvarad ännu"]);

    // The reminder goes only to those who have not answered.
    post_redirect(&b, &format!("/vg/plans/{plan}/cycles/{cycle}/remind"), &[]).await;
    assert_eq!(app.mail_count("kansliet@demo.example").await, 1);
    assert_eq!(app.mail_count(REPRESENTATIVE).await, 2);
    let (subject, body) = app.last_mail_to(REPRESENTATIVE).await.unwrap();
    assert!(subject.starts_with("Påminnelse"), "{subject}");
    let (status, _) = app.browser().get_html(&link_in(&body)).await;
    assert_eq!(status, StatusCode::OK);
    let reminded: Option<String> = sqlx::query_scalar(
        "SELECT reminded_at FROM follow_up_requests WHERE cycle_id = $1 AND party_id = $2",
    )
    .bind(cycle)
    .bind(org)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert!(reminded.is_some());

    // Unknown links are not found; a closed cycle's links are gone.
    let (status, _) = visitor.get_html("/vg/follow-up/no-such-token").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    post_redirect(&b, &format!("/vg/plans/{plan}/cycles/{cycle}/close"), &[]).await;
    let (status, _) = visitor.get_html(&link).await;
    assert_eq!(status, StatusCode::GONE);
    let (status, html) = b.get_html(&format!("/vg/plans/{plan}/cycles")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!select_text(&html, "table").is_empty());
}

async fn another_agreements_plan_and_measure_are_not_found(app: TestApp) {
    let pool = &app.state.db.pool;
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, created_at)
         VALUES ('exempelstad', 'Överenskommelse i Exempelstad', 'ÖK Exempelstad', 'Exempelstads kommun', '2026-01-01')",
    )
    .execute(pool)
    .await
    .unwrap();
    let other: i64 = sqlx::query_scalar("SELECT id FROM agreements WHERE slug = 'exempelstad'")
        .fetch_one(pool)
        .await
        .unwrap();
    let now = "2026-01-01T00:00:00.000000Z";
    let plan: i64 = sqlx::query_scalar(
        "INSERT INTO action_plans (agreement_id, title, first_year, last_year, state, created_at, updated_at)
         VALUES ($1, 'Främmande plan', 2025, 2027, 'following_up', $2, $2) RETURNING id",
    )
    .bind(other)
    .bind(now)
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
    let measure: i64 = sqlx::query_scalar(
        "INSERT INTO measures (plan_id, area_id, position, title, status, created_at, updated_at)
         VALUES ($1, $2, 1, 'Främmande åtgärd', 'ongoing', $3, $3) RETURNING id",
    )
    .bind(plan)
    .bind(area)
    .bind(now)
    .fetch_one(pool)
    .await
    .unwrap();
    let b = app.logged_in(EDITOR).await;
    for path in [
        format!("/vg/plans/{plan}/edit"),
        format!("/vg/plans/{plan}/measures/new"),
        format!("/vg/plans/{plan}/cycles"),
        format!("/vg/plans/{plan}/cycles/new"),
        format!("/vg/measures/{measure}/edit"),
        format!("/vg/measures/{measure}/follow-up"),
    ] {
        let (status, _) = b.get_html(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let r = b
        .post_form(&format!("/vg/plans/{plan}/state"), &[("to", "closed")])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let _ = vg(&app).await;
}

async fn only_editors_edit_plans(app: TestApp) {
    let editor = app.logged_in(EDITOR).await;
    let plan = new_plan(&editor, "Redaktörens plan").await;
    let member = app.logged_in("ledamot@demo.example").await;
    for path in [
        "/vg/plans/new".to_string(),
        format!("/vg/plans/{plan}/edit"),
        format!("/vg/plans/{plan}/cycles"),
    ] {
        let (status, _) = member.get_html(&path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    let r = member
        .post_form(
            "/vg/plans/new",
            &[
                ("title", "Smygplan"),
                ("first_year", "2025"),
                ("last_year", "2026"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = member
        .post_form(
            &format!("/vg/plans/{plan}/areas"),
            &[("area_title", "Smyg")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app.browser().get("/vg/plans/new").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with("/login"));
    // The demo's three plans and the editor's; none by the member.
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM action_plans")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 4);
}
