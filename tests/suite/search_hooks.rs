//! The search index follows a change log: every form that creates, changes
//! or deletes something searchable leaves a row in `search_changes`, and a
//! renamed meeting is found by its new name and no longer by its old one.

use crate::common;

use common::{Browser, TestApp, location};
use reqwest::StatusCode;

on_both_backends!(
    meeting_edit_and_agenda_are_logged,
    minutes_sections_and_their_decisions_are_logged,
    a_decision_entered_directly_is_logged,
    plan_measure_and_follow_up_are_logged,
    proposal_submit_state_and_hiding_are_logged,
    partnership_edit_is_logged,
    organisation_profile_edit_is_logged,
    a_renamed_meeting_is_found_by_its_new_name_only,
);

const EDITOR: &str = "redaktor@demo.example";
const REPRESENTATIVE: &str = "representant@demo.example";

/// How many changes the log holds for one object.
async fn changes(app: &TestApp, kind: &str, id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM search_changes WHERE kind = $1 AND object_id = $2")
        .bind(kind)
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// Runs a change and checks that it logged the object at least once more.
macro_rules! logs {
    ($app:expr, $kind:expr, $id:expr, $change:expr) => {{
        let before = changes($app, $kind, $id).await;
        $change;
        let after = changes($app, $kind, $id).await;
        assert!(after > before, "{} {} not logged", $kind, $id);
    }};
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

fn last_id(path: &str) -> i64 {
    path.split(['/', '#', '?'])
        .filter_map(|s| s.parse().ok())
        .next_back()
        .unwrap_or_else(|| panic!("an id in {path}"))
}

async fn vg(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM agreements WHERE slug = 'vg'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

// ------------------------------------------------------------ meetings

fn meeting_form(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("kind", "dialogue"),
        ("body", ""),
        ("title", title),
        ("description", "Ett öppet möte."),
        ("date", "2027-03-24"),
        ("start_time", "13.00"),
        ("end_date", ""),
        ("end_time", "17"),
        ("venue_name", "Folkets hus i Exempelby"),
        ("venue_address", "Storgatan 1, 123 45 Exempelby"),
        ("venue_accessibility", ""),
        ("format", "in_person"),
        ("online_url", ""),
        ("link_visibility", "everyone"),
        ("organisers", "RÖS"),
        ("registration", "no"),
        ("opens_date", ""),
        ("closes_date", ""),
        ("closes_time", ""),
        ("capacity_in_person", ""),
        ("capacity_online", ""),
        ("per_organisation_limit", ""),
        ("contact_name", ""),
        ("contact_role", ""),
        ("contact_email", ""),
        ("contact_phone", ""),
        ("attachment_title", ""),
        ("attachment_url", ""),
    ]
}

async fn new_meeting(app: &TestApp, b: &Browser, title: &str) -> i64 {
    let id = last_id(&post_redirect(b, "/vg/meetings/new", &meeting_form(title)).await);
    assert!(changes(app, "meeting", id).await > 0, "create logged");
    id
}

async fn meeting_edit_and_agenda_are_logged(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let id = new_meeting(&app, &b, "Dialogmöte om hökar").await;
    logs!(&app, "meeting", id, {
        post_redirect(
            &b,
            &format!("/vg/meetings/{id}/edit"),
            &meeting_form("Dialogmöte om duvor"),
        )
        .await;
    });
    logs!(&app, "meeting", id, {
        post_redirect(
            &b,
            &format!("/vg/meetings/{id}/agenda"),
            &[
                ("order", "1"),
                ("time", "13"),
                ("title", "Välkommen"),
                ("presenter", "Ordföranden"),
                ("description", ""),
                ("document_title", ""),
                ("document_url", ""),
            ],
        )
        .await;
    });
    logs!(&app, "meeting", id, {
        post_redirect(&b, &format!("/vg/meetings/{id}/cancel"), &[]).await;
    });
}

async fn a_renamed_meeting_is_found_by_its_new_name_only(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let id = new_meeting(&app, &b, "Dialogmöte om kvastrumpor").await;
    let link = format!("a[href=\"/vg/meetings/{id}\"]");
    let found = |word: &'static str| {
        let visitor = app.browser();
        let link = link.clone();
        async move {
            let (status, html) = visitor.get_html(&format!("/vg/search?q={word}")).await;
            assert_eq!(status, StatusCode::OK);
            let sel = scraper::Selector::parse(&format!("li.search-hit {link}")).unwrap();
            html.select(&sel).next().is_some()
        }
    };
    // The index is built (or caught up) with the old title first, so that
    // only the logged change can bring in the new one.
    assert!(found("kvastrumpor").await, "found by the old title");
    assert!(!found("flimmerbaggar").await);
    post_redirect(
        &b,
        &format!("/vg/meetings/{id}/edit"),
        &meeting_form("Dialogmöte om flimmerbaggar"),
    )
    .await;
    assert!(found("flimmerbaggar").await, "found by the new title");
    assert!(!found("kvastrumpor").await, "not by the old one");
}

// ------------------------------------------------------------ minutes and decisions

async fn minutes_sections_and_their_decisions_are_logged(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let meeting = new_meeting(&app, &b, "Möte med protokoll").await;
    let path = format!("/vg/meetings/{meeting}/minutes");
    post_redirect(&b, &path, &[("kind", "protocol")]).await;
    let minutes: i64 = sqlx::query_scalar("SELECT id FROM minutes WHERE meeting_id = $1")
        .bind(meeting)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(changes(&app, "minutes", minutes).await > 0, "create logged");
    logs!(&app, "minutes", minutes, {
        post_redirect(
            &b,
            &format!("{path}/sections"),
            &[
                ("title", "Val av justerare"),
                ("discussion", "Gruppen samtalade."),
                ("decision", "Att utse Anna Justerare."),
                ("subject", ""),
            ],
        )
        .await;
    });
    let section: i64 = sqlx::query_scalar("SELECT id FROM minutes_sections WHERE minutes_id = $1")
        .bind(minutes)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    logs!(&app, "minutes", minutes, {
        post_redirect(
            &b,
            &format!("{path}/sections/{section}"),
            &[
                ("title", "Val av justerare"),
                ("discussion", "Gruppen samtalade länge."),
                ("decision", "Att utse Anna Justerare."),
                ("subject", ""),
            ],
        )
        .await;
    });
    logs!(&app, "minutes", minutes, {
        post_redirect(
            &b,
            &format!("{path}/adjust"),
            &[
                ("adjusters", "Anna Justerare"),
                ("adjusted_on", "2027-03-30"),
            ],
        )
        .await;
    });
    // Adjusting put the § in the register, and logged that decision.
    let decision: i64 = sqlx::query_scalar("SELECT id FROM decisions WHERE section_id = $1")
        .bind(section)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(changes(&app, "decision", decision).await > 0);
}

async fn a_decision_entered_directly_is_logged(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let loc = post_redirect(
        &b,
        "/vg/decisions/new",
        &[
            ("decided_on", "2019-12-10"),
            ("body", ""),
            ("body_name", "Regionstyrelsen"),
            ("reference", "RS 2019-00042"),
            ("text", "Regionstyrelsen antar handlingsplanen 2020–2022."),
            ("subject", ""),
        ],
    )
    .await;
    let id = last_id(&loc);
    assert!(changes(&app, "decision", id).await > 0);
}

// ------------------------------------------------------------ plans

async fn plan_measure_and_follow_up_are_logged(app: TestApp) {
    let pool = &app.state.db.pool;
    let b = app.logged_in(EDITOR).await;
    let loc = post_redirect(
        &b,
        "/vg/plans/new",
        &[
            ("title", "Handlingsplan 2025–2027"),
            ("first_year", "2025"),
            ("last_year", "2027"),
            ("summary", "Vi samverkar."),
            ("drafted_by", "En arbetsgrupp"),
        ],
    )
    .await;
    let plan: i64 = loc.split('/').nth(3).unwrap().parse().unwrap();
    assert!(changes(&app, "plan", plan).await > 0, "create logged");
    logs!(&app, "plan", plan, {
        post_redirect(
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
    });
    logs!(&app, "plan", plan, {
        post_redirect(
            &b,
            &format!("/vg/plans/{plan}/areas"),
            &[("area_title", "Demokrati"), ("area_description", "")],
        )
        .await;
    });
    let area: i64 = sqlx::query_scalar("SELECT id FROM plan_areas WHERE plan_id = $1")
        .bind(plan)
        .fetch_one(pool)
        .await
        .unwrap();
    let area_s = area.to_string();
    let measure_form = |title: &'static str| {
        vec![
            ("area", area_s.clone()),
            ("title", title.to_string()),
            ("description", "Beskrivning".to_string()),
            ("contact_name", "Kim Exempel".to_string()),
            ("contact_email", "kim@demo.example".to_string()),
            ("starts_on", "2025-02-01".to_string()),
            ("ends_on", "2026-12-31".to_string()),
            ("status", "planned".to_string()),
            ("status_reason", String::new()),
            ("progress", "0".to_string()),
        ]
    };
    let form = measure_form("Dialogmöten");
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let loc = post_redirect(&b, &format!("/vg/plans/{plan}/measures/new"), &fields).await;
    let measure = last_id(&loc);
    assert!(changes(&app, "measure", measure).await > 0, "create logged");
    let form = measure_form("Dialogmöten i hela regionen");
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    logs!(&app, "measure", measure, {
        post_redirect(&b, &format!("/vg/measures/{measure}/edit"), &fields).await;
    });
    let decision: i64 = sqlx::query_scalar(
        "SELECT d.id FROM decisions d JOIN agreements a ON a.id = d.agreement_id
         WHERE a.slug = 'vg' ORDER BY d.id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let decision = decision.to_string();
    logs!(&app, "plan", plan, {
        post_redirect(
            &b,
            &format!("/vg/plans/{plan}/state"),
            &[("to", "decided"), ("decision", &decision)],
        )
        .await;
    });
    post_redirect(
        &b,
        &format!("/vg/plans/{plan}/state"),
        &[("to", "following_up")],
    )
    .await;
    logs!(&app, "measure", measure, {
        post_redirect(
            &b,
            &format!("/vg/measures/{measure}/follow-up"),
            &[
                ("reported_on", "2026-03-01"),
                ("text", "Två möten hölls."),
                ("status", "ongoing"),
                ("status_reason", ""),
                ("progress", "40"),
                ("year", "2026"),
            ],
        )
        .await;
    });
}

// ------------------------------------------------------------ proposals

async fn proposal_submit_state_and_hiding_are_logged(app: TestApp) {
    let pool = &app.state.db.pool;
    let area: i64 = sqlx::query_scalar(
        "SELECT ar.id FROM agreement_areas ar JOIN agreements a ON a.id = ar.agreement_id
         WHERE a.slug = 'vg' ORDER BY ar.position LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let org: i64 = sqlx::query_scalar(
        "SELECT r.organisation_id FROM organisation_representatives r
         JOIN users u ON u.id = r.user_id WHERE u.email = $1",
    )
    .bind(REPRESENTATIVE)
    .fetch_one(pool)
    .await
    .unwrap();
    let rep = app.logged_in(REPRESENTATIVE).await;
    let loc = post_redirect(
        &rep,
        "/vg/proposals/new",
        &[
            ("source", &format!("organisation-{org}")),
            ("title", "Fler mötesplatser"),
            ("text", "Vi föreslår något bra."),
            ("area", &area.to_string()),
            ("principle", "dialog"),
        ],
    )
    .await;
    let id = last_id(&loc);
    assert!(changes(&app, "proposal", id).await > 0, "submit logged");
    let page = format!("/vg/proposals/{id}");
    let editor = app.logged_in(EDITOR).await;
    logs!(&app, "proposal", id, {
        post_redirect(
            &editor,
            &format!("{page}/state"),
            &[("state", "considering")],
        )
        .await;
    });
    logs!(&app, "proposal", id, {
        post_redirect(
            &editor,
            &format!("{page}/hide"),
            &[("hide_reason", "Kränkande innehåll")],
        )
        .await;
    });
    logs!(&app, "proposal", id, {
        post_redirect(&editor, &format!("{page}/unhide"), &[]).await;
    });
}

// ------------------------------------------------------------ partnerships and organisations

async fn partnership_edit_is_logged(app: TestApp) {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO partnerships (agreement_id, kind, title, status, created_at, updated_at)
         VALUES ($1, 'iop', 'Nattvandrare', 'active', '2026-01-01T00:00:00.000000Z',
                 '2026-01-01T00:00:00.000000Z')
         RETURNING id",
    )
    .bind(vg(&app).await)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let b = app.logged_in(EDITOR).await;
    logs!(&app, "partnership", id, {
        post_redirect(
            &b,
            &format!("/vg/partnerships/{id}/edit"),
            &[
                ("kind", "other"),
                ("title", "Nattvandrare i hela Exempelby"),
                ("starts_on", "2025-01-01"),
                ("ends_on", ""),
                ("status", "active"),
                ("org_id", ""),
                ("org_name", "Fiktiva Nattvandrarna"),
            ],
        )
        .await;
    });
}

async fn organisation_profile_edit_is_logged(app: TestApp) {
    let (id, slug): (i64, String) = sqlx::query_as(
        "SELECT o.id, o.slug FROM organisation_representatives r
         JOIN users u ON u.id = r.user_id JOIN organisations o ON o.id = r.organisation_id
         WHERE u.email = $1",
    )
    .bind(REPRESENTATIVE)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let b = app.logged_in(REPRESENTATIVE).await;
    logs!(&app, "organisation", id, {
        post_redirect(
            &b,
            &format!("/organisations/{slug}/edit"),
            &[
                ("name", "Påhittade förbundet"),
                ("legal_form", "61"),
                ("kind", "umbrella"),
                ("level", "local"),
                ("municipalities", ""),
                ("website", "https://bohuslan.example"),
                ("description", "Ett påhittat förbund."),
            ],
        )
        .await;
    });
}
