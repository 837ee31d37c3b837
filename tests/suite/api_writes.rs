//! The API for editors' integrations: an editor makes a token on the account
//! page and sees it once; the case register records a decision with it and
//! a booking system registers participants; tokens keep to their agreement
//! and scope, stop working when revoked or when their user stops editing,
//! and are rate-limited; bad fields are named and nothing is saved.

use crate::common;

use common::{Browser, TestApp, select_text};
use reqwest::StatusCode;
use serde_json::{Value, json};

on_both_backends!(
    an_editor_makes_a_token_and_sees_it_once,
    a_token_records_a_decision_seen_in_the_register_and_search,
    a_token_registers_participants_who_are_mailed,
    tokens_keep_to_their_agreement_and_scope,
    revoked_and_orphaned_tokens_stop_working,
    bad_fields_are_named_and_nothing_is_saved,
    a_token_that_asks_too_often_waits,
    the_openapi_document_describes_the_writes,
);

const EDITOR: &str = "redaktor@demo.example";
const ADMIN: &str = "admin@demo.example";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn agreement_id(app: &TestApp, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM agreements WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// Makes a token on the account page; returns the secret the page showed.
async fn make_token(app: &TestApp, b: &Browser, slug: &str, scope: &str) -> String {
    let id = agreement_id(app, slug).await.to_string();
    let r = b
        .post_form(
            "/account/tokens",
            &[
                ("token_name", "Diariet"),
                ("token_agreement", &id),
                ("token_scope", scope),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    select_text(&html, "#api-token").join("")
}

/// A JSON call to the API, with a token or without.
async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let mut request = reqwest::Client::new().request(method, app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let r = request.send().await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let text = r.text().await.unwrap();
    (
        status,
        headers,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

async fn post(app: &TestApp, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
    let (status, _, body) = call(app, reqwest::Method::POST, path, token, Some(body)).await;
    (status, body)
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> (StatusCode, Value) {
    let (status, _, body) = call(app, reqwest::Method::GET, path, token, None).await;
    (status, body)
}

fn decision(text: &str) -> Value {
    json!({
        "decided_on": "2025-12-09",
        "body_name": "Regionstyrelsen",
        "reference": "RS 2025-00117",
        "text": text,
    })
}

const DECISIONS: &str = "/api/v1/agreements/vg/decisions";

/// A meeting of the demo agreement in ten days with `seats` in-person
/// seats, a waitlist and open registration; returns its registrations' API path.
async fn open_meeting(app: &TestApp, seats: i64) -> String {
    let at = |hours: i64| {
        overens::db::timestamp(
            jiff::Timestamp::now()
                .checked_add(jiff::SignedDuration::from_hours(hours))
                .unwrap(),
        )
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO meetings (agreement_id, kind, title, starts_at, ends_at, venue_name,
             venue_address, format, registration_opens_at, capacity_in_person, waitlist,
             created_at, updated_at)
         SELECT id, 'dialogue', 'Dialogmöte om idéburna partnerskap', $1, $2, 'Regionens hus',
             'Östra Hamngatan 1, Göteborg', 'in_person', $3, $4, 1, $5, $5
         FROM agreements WHERE slug = 'vg' RETURNING id",
    )
    .bind(at(240))
    .bind(at(243))
    .bind(at(-24))
    .bind(seats)
    .bind(overens::db::now())
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    format!("/api/v1/agreements/vg/meetings/{id}/registrations")
}

fn names(problem: &Value) -> Vec<&str> {
    problem["invalid-params"]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default()
}

// ------------------------------------------------------------ the account page

async fn an_editor_makes_a_token_and_sees_it_once(app: TestApp) {
    // A member edits nothing and is offered no token.
    let member = app.logged_in("ledamot@demo.example").await;
    let (_, html) = member.get_html("/account").await;
    assert!(select_text(&html, "#api-tokens").is_empty());

    let b = app.logged_in(EDITOR).await;
    let (_, html) = b.get_html("/account").await;
    assert_eq!(select_text(&html, "#api-tokens"), ["API-nycklar"]);

    // A token with no name comes back with the field named, and is not made.
    let id = agreement_id(&app, "vg").await.to_string();
    let r = b
        .post_form(
            "/account/tokens",
            &[
                ("token_name", " "),
                ("token_agreement", &id),
                ("token_scope", "editor"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(select_text(&html, "#token_name-error").len(), 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM api_tokens").await, 0);

    let r = b
        .post_form(
            "/account/tokens",
            &[
                ("token_name", "Diariet"),
                ("token_agreement", &id),
                ("token_scope", "editor"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let cookies: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    let secret = select_text(&html, "#api-token").join("");
    assert!(secret.starts_with("ovr_") && secret.len() > 40, "{secret}");
    assert!(cookies.iter().all(|c| !c.contains(&secret)));

    // Only its hash is kept, and the making is in the log.
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM api_tokens")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, overens::accounts::token::hash(&secret));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'api_token.create'"
        )
        .await,
        1
    );

    // The account page lists it, without its secret.
    let r = b.get("/account").await;
    let text = r.text().await.unwrap();
    assert!(!text.contains(&secret));
    let html = scraper::Html::parse_document(&text);
    let row = select_text(&html, "table.api-tokens tbody tr").join(" ");
    assert!(
        row.contains("Diariet") && row.contains("Läsa och skriva"),
        "{row}"
    );
    assert!(row.contains("Aldrig"), "{row}");

    // Used once, it has a last-used time.
    let (status, _) = get(&app, DECISIONS, Some(&secret)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = get(&app, &open_meeting(&app, 5).await, Some(&secret)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = b.get_html("/account").await;
    let row = select_text(&html, "table.api-tokens tbody tr").join(" ");
    assert!(!row.contains("Aldrig"), "{row}");

    // In English too.
    b.get("/language/en?next=/account").await;
    let (_, html) = b.get_html("/account").await;
    assert_eq!(select_text(&html, "#api-tokens"), ["API tokens"]);
}

// ------------------------------------------------------------ decisions

async fn a_token_records_a_decision_seen_in_the_register_and_search(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let token = make_token(&app, &b, "vg", "editor").await;
    let text = "Regionstyrelsen beslutar att förlänga överenskommelsen om kvarnhjulsfinansiering.";
    let (status, headers, body) = call(
        &app,
        reqwest::Method::POST,
        DECISIONS,
        Some(&token),
        Some(decision(text)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_i64().unwrap();
    assert_eq!(body["body"], "Regionstyrelsen");
    assert_eq!(body["section"], "RS 2025-00117");
    let location = headers["location"].to_str().unwrap();
    assert!(
        location.ends_with(&format!("/vg/decisions/{id}")),
        "{location}"
    );
    // Not for other origins' browsers.
    assert!(headers.get("access-control-allow-origin").is_none());

    // In the public register, its API and search.
    let (_, list) = get(&app, DECISIONS, None).await;
    assert!(
        list["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == id && d["text"] == text)
    );
    let visitor = app.browser();
    let (status, _) = visitor.get_html(&format!("/vg/decisions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = visitor
        .get_html("/vg/search?q=kvarnhjulsfinansiering")
        .await;
    let sel = scraper::Selector::parse("li.search-hit h3 a").unwrap();
    let hits: Vec<&str> = html
        .select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hits.contains(&format!("/vg/decisions/{id}").as_str()),
        "{hits:?}"
    );

    // The log names the editor and the token.
    let (user, detail): (Option<i64>, String) = sqlx::query_as(
        "SELECT user_id, detail FROM audit_log WHERE action = 'decision.create' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let editor: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(EDITOR)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(user, Some(editor));
    assert!(detail.contains("Diariet"), "{detail}");

    // A logged-in editor's cookies are no key: no session, no CSRF here.
    let r = b
        .client
        .post(app.url(DECISIONS))
        .json(&decision("Med kaka."))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Browsers of other origins may read the register but not write to it.
    let preflight = |method: &'static str| {
        reqwest::Client::new()
            .request(reqwest::Method::OPTIONS, app.url(DECISIONS))
            .header("Origin", "https://journalist.example")
            .header("Access-Control-Request-Method", method)
            .send()
    };
    let r = preflight("GET").await.unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let r = preflight("POST").await.unwrap();
    let allowed = r
        .headers()
        .get("access-control-allow-methods")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert!(!allowed.contains("POST"), "{allowed}");
}

// ------------------------------------------------------------ registrations

async fn a_token_registers_participants_who_are_mailed(app: TestApp) {
    let editor = app.logged_in(EDITOR).await;
    let writer = make_token(&app, &editor, "vg", "editor").await;
    let reader = make_token(&app, &editor, "vg", "reader").await;
    let path = open_meeting(&app, 1).await;

    let (status, headers, first) = call(
        &app,
        reqwest::Method::POST,
        &path,
        Some(&writer),
        Some(json!({
            "name": "Karin Exempelsson",
            "email": "karin@example.org",
            "other_organisation": "Föreningen Exempel",
            "dietary": "Vegetariskt",
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["status"], "confirmed");
    assert_eq!(first["mode"], "in_person");
    assert_eq!(first["organisation"], "Föreningen Exempel");
    assert_eq!(headers["cache-control"], "no-store");
    let (subject, _) = app.last_mail_to("karin@example.org").await.expect("mail");
    assert!(
        subject.contains("Dialogmöte om idéburna partnerskap"),
        "{subject}"
    );
    let ics: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND attachment_name LIKE '%.ics'",
    )
    .bind("karin@example.org")
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(ics, 1);

    // The one seat is taken: the next goes on the waitlist, mailed in English.
    let (status, second) = post(
        &app,
        &path,
        Some(&writer),
        json!({"name": "Sam Example", "email": "sam@example.org", "language": "en"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(second["status"], "waitlisted");
    assert_eq!(second["waitlist_position"], 1);
    let (subject, _) = app.last_mail_to("sam@example.org").await.expect("mail");
    assert!(
        subject.starts_with("You are on the waiting list"),
        "{subject}"
    );

    // A reader reads the list, and each one by its address.
    let (status, list) = get(&app, &path, Some(&reader)).await;
    assert_eq!(status, StatusCode::OK);
    let emails: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["karin@example.org", "sam@example.org"]);
    assert_eq!(list["data"][0]["dietary"], "Vegetariskt");
    let (status, page) = get(&app, &format!("{path}?limit=1"), Some(&reader)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page["next_cursor"].is_string());
    let own = second["url"].as_str().unwrap();
    let own = &own[own.find("/api/").unwrap()..];
    let (status, one) = get(&app, own, Some(&reader)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["email"], "sam@example.org");

    // The list is not public, nor another meeting's registration.
    let (status, _) = get(&app, &path, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = get(
        &app,
        "/api/v1/agreements/vg/meetings/999999/registrations",
        Some(&reader),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Already registered: named, not saved twice.
    let (status, again) = post(
        &app,
        &path,
        Some(&writer),
        json!({"name": "Sam Example", "email": "sam@example.org"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(names(&again), ["email"]);
}

// ------------------------------------------------------------ scopes

async fn tokens_keep_to_their_agreement_and_scope(app: TestApp) {
    // A second agreement that the editor also edits.
    let other: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (slug, name, short_name, public_body, created_at)
         VALUES ('kommun', 'Överenskommelsen i Exempelkommun', 'ÖK Exempelkommun', 'Exempelkommun', $1)
         RETURNING id",
    )
    .bind(overens::db::now())
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO roles (user_id, agreement_id, role, granted_at)
         SELECT id, $1, 'editor', $2 FROM users WHERE email = $3",
    )
    .bind(other)
    .bind(overens::db::now())
    .bind(EDITOR)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let b = app.logged_in(EDITOR).await;
    let elsewhere = make_token(&app, &b, "kommun", "editor").await;
    let reader = make_token(&app, &b, "vg", "reader").await;
    let path = open_meeting(&app, 5).await;

    let (status, headers, problem) = call(
        &app,
        reqwest::Method::POST,
        DECISIONS,
        Some(&reader),
        Some(decision("Läsare skriver inte.")),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(problem["status"], 403);
    assert!(
        headers["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("insufficient_scope")
    );
    let (status, _) = post(
        &app,
        &path,
        Some(&reader),
        json!({"name": "Ett Namn", "email": "namn@example.org"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = get(&app, &path, Some(&reader)).await;
    assert_eq!(status, StatusCode::OK);

    let (status, _) = post(&app, DECISIONS, Some(&elsewhere), decision("Fel ställe.")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = get(&app, &path, Some(&elsewhere)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = post(
        &app,
        "/api/v1/agreements/kommun/decisions",
        Some(&elsewhere),
        decision("Rätt ställe."),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM decisions WHERE text = 'Läsare skriver inte.' OR text = 'Fel ställe.'").await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM registrations WHERE email = 'namn@example.org'"
        )
        .await,
        0
    );
}

// ------------------------------------------------------------ revoked, orphaned, unknown

async fn revoked_and_orphaned_tokens_stop_working(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let revoked = make_token(&app, &b, "vg", "editor").await;
    let kept = make_token(&app, &b, "vg", "editor").await;
    let (status, _) = post(&app, DECISIONS, Some(&revoked), decision("Före.")).await;
    assert_eq!(status, StatusCode::CREATED);

    // Revoked on the account page.
    let id: i64 = sqlx::query_scalar("SELECT id FROM api_tokens WHERE token_hash = $1")
        .bind(overens::accounts::token::hash(&revoked))
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let r = b
        .post_form(&format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = b.get_html("/account").await;
    let rows = select_text(&html, "table.api-tokens tbody tr").join(" | ");
    assert!(rows.contains("Återkallad"), "{rows}");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'api_token.revoke'"
        )
        .await,
        1
    );
    let (status, headers, problem) = call(
        &app,
        reqwest::Method::POST,
        DECISIONS,
        Some(&revoked),
        Some(decision("Efter.")),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(problem["status"], 401);
    assert!(
        headers["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("error=\"invalid_token\"")
    );
    // Nobody else revokes it, or anything.
    let other = app.logged_in(ADMIN).await;
    let r = other
        .post_form(&format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Garbage, another scheme, and nothing at all.
    for token in ["ovr_garbage", "not-even-ours"] {
        let (status, _) = get(&app, &open_meeting(&app, 5).await, Some(token)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let r = reqwest::Client::new()
        .post(app.url(DECISIONS))
        .header("Authorization", "Basic cmVkYWt0b3I6aGVtbGln")
        .json(&decision("Fel sorts nyckel."))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (status, headers, problem) = call(
        &app,
        reqwest::Method::POST,
        DECISIONS,
        None,
        Some(decision("Utan.")),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(problem["status"], 401);
    let challenge = headers["www-authenticate"].to_str().unwrap();
    assert!(
        challenge.starts_with("Bearer") && !challenge.contains("error="),
        "{challenge}"
    );

    // The editor loses the role: the token stops working with it.
    let (status, _) = get(&app, DECISIONS, Some(&kept)).await;
    assert_eq!(status, StatusCode::OK);
    let user: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(EDITOR)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let vg = agreement_id(&app, "vg").await;
    let r = other
        .post_form(
            "/admin/roles/revoke",
            &[
                ("user_id", &user.to_string()),
                ("agreement_id", &vg.to_string()),
                ("role", "editor"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _) = post(&app, DECISIONS, Some(&kept), decision("Utan roll.")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM decisions WHERE text IN ('Efter.', 'Utan.', 'Utan roll.', 'Fel sorts nyckel.')").await,
        0
    );
}

// ------------------------------------------------------------ bad input

async fn bad_fields_are_named_and_nothing_is_saved(app: TestApp) {
    let b = app.logged_in(EDITOR).await;
    let token = make_token(&app, &b, "vg", "editor").await;
    let before = count(&app, "SELECT COUNT(*) FROM decisions").await;

    let (status, problem) = post(
        &app,
        DECISIONS,
        Some(&token),
        json!({"decided_on": "igår", "body": "finns-inte", "text": "  ", "subject": "action_plan:999"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(names(&problem), ["decided_on", "body", "text", "subject"]);
    assert!(
        problem["invalid-params"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("YYYY-MM-DD")
    );

    // A field of the wrong type is named too.
    let (status, problem) = post(&app, DECISIONS, Some(&token), json!({"text": 5})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(names(&problem), ["text"]);

    // Not JSON at all.
    let r = reqwest::Client::new()
        .post(app.url(DECISIONS))
        .bearer_auth(&token)
        .header("Content-Type", "application/json")
        .body("{\"text\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let r = reqwest::Client::new()
        .post(app.url(DECISIONS))
        .bearer_auth(&token)
        .form(&[("text", "Ett formulär")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM decisions").await, before);

    // A registration with a bad address, mode and language.
    let path = open_meeting(&app, 5).await;
    let (status, problem) = post(
        &app,
        &path,
        Some(&token),
        json!({"name": "Ett Namn", "email": "inte-en-adress", "mode": "online"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(names(&problem), ["email", "mode"]);
    let (status, problem) = post(
        &app,
        &path,
        Some(&token),
        json!({"name": "Ett Namn", "email": "namn@example.org", "language": "fi"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(names(&problem), ["language"]);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM registrations WHERE email IN ('inte-en-adress', 'namn@example.org')"
        )
        .await,
        0
    );
    assert_eq!(app.mail_count("namn@example.org").await, 0);
}

// ------------------------------------------------------------ rate limit

async fn a_token_that_asks_too_often_waits(plain: TestApp) {
    let app = TestApp::start_with(plain.backend, |c| c.api_requests_per_hour = 3).await;
    let b = app.logged_in(EDITOR).await;
    let token = make_token(&app, &b, "vg", "reader").await;
    let other = make_token(&app, &b, "vg", "reader").await;
    let path = open_meeting(&app, 5).await;
    for _ in 0..3 {
        let (status, _) = get(&app, &path, Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, headers, problem) =
        call(&app, reqwest::Method::GET, &path, Some(&token), None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(problem["status"], 429);
    assert!(
        headers["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 0
    );
    // Each token counts its own.
    let (status, _) = get(&app, &path, Some(&other)).await;
    assert_eq!(status, StatusCode::OK);
}

// ------------------------------------------------------------ the document

async fn the_openapi_document_describes_the_writes(app: TestApp) {
    let (status, doc) = get(&app, "/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let post_decision = &doc["paths"]["/api/v1/agreements/{slug}/decisions"]["post"];
    assert!(post_decision["requestBody"].is_object());
    assert!(post_decision["security"][0]["bearer"].is_array());
    for status in ["201", "400", "401", "403", "404", "422", "429"] {
        assert!(post_decision["responses"][status].is_object(), "{status}");
    }
    let registrations = &doc["paths"]["/api/v1/agreements/{slug}/meetings/{id}/registrations"];
    assert!(registrations["post"]["requestBody"].is_object());
    assert!(registrations["get"]["security"].is_array());
    // The public read stays open.
    assert!(doc["paths"]["/api/v1/agreements/{slug}/decisions"]["get"]["security"].is_null());

    // The page for people lists the writes too.
    let (_, html) = app.browser().get_html("/api").await;
    let headings = select_text(&html, ".api-endpoint h3");
    assert!(
        headings
            .iter()
            .any(|h| h == "POST /api/v1/agreements/{slug}/decisions"),
        "{headings:?}"
    );
}
