//! The open data API: a harvester pages through every list without missing
//! or repeating a row, asks again with its ETag, filters by time, gets
//! problems that name the field, and never sees anything internal.

use crate::common;

use common::{Browser, TestApp, select_text};
use reqwest::StatusCode;
use serde_json::Value;

on_both_backends!(
    paging_by_cursor_visits_every_row_once,
    conditional_requests_answer_304,
    updated_since_gives_what_changed,
    bad_parameters_are_problems_naming_the_field,
    nothing_internal_is_listed,
    the_openapi_document_lists_every_path,
    reads_are_open_to_other_origins,
    the_api_page_speaks_the_visitors_language,
);

pub(crate) async fn json(b: &Browser, path: &str) -> (StatusCode, Value) {
    let r = b.get(path).await;
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// Every row of a list, following `next` links, `limit` at a time.
pub(crate) async fn harvest(b: &Browser, first: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut next = Some(first.to_string());
    while let Some(path) = next {
        let path = path
            .split_once("://")
            .map(|(_, rest)| rest[rest.find('/').unwrap()..].to_string())
            .unwrap_or(path);
        let (status, page) = json(b, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        rows.extend(page["data"].as_array().unwrap().iter().cloned());
        next = page["next"].as_str().map(str::to_string);
        assert!(rows.len() < 10_000);
    }
    rows
}

async fn paging_by_cursor_visits_every_row_once(app: TestApp) {
    let b = app.browser();
    let all = harvest(&b, "/api/v1/agreements/vg/signatories?status=all&limit=7").await;
    let mut ids: Vec<i64> = all.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "a row came twice");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "not in id order");
    assert_eq!(
        n as i64,
        count(&app, "SELECT COUNT(*) FROM signatories s JOIN agreements a ON a.id = s.agreement_id WHERE a.slug = 'vg'").await
    );
    // The default is the current register: no period that has ended.
    let current = harvest(&b, "/api/v1/agreements/vg/signatories?limit=50").await;
    assert!(current.iter().all(|r| r["left_on"].is_null()));
    assert_eq!(
        current.len() as i64,
        count(&app, "SELECT COUNT(*) FROM signatories s JOIN agreements a ON a.id = s.agreement_id WHERE a.slug = 'vg' AND s.left_on IS NULL").await
    );
    assert!(
        current.len() < all.len(),
        "the demo has organisations that left"
    );
    // A Link header carries the next page too.
    let r = b.get("/api/v1/agreements/vg/meetings?limit=2").await;
    let link = r.headers()["link"].to_str().unwrap().to_string();
    assert!(
        link.contains("rel=\"next\"") && link.contains("cursor="),
        "{link}"
    );
    let meetings = harvest(&b, "/api/v1/agreements/vg/meetings?limit=2").await;
    assert_eq!(
        meetings.len() as i64,
        count(&app, "SELECT COUNT(*) FROM meetings m JOIN agreements a ON a.id = m.agreement_id WHERE a.slug = 'vg'").await
    );
    let (_, one) = json(&b, "/api/v1/agreements/vg/meetings/1").await;
    assert!(one["agenda"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(one["html"].as_str().unwrap().ends_with("/vg/meetings/1"));
}

async fn conditional_requests_answer_304(app: TestApp) {
    let b = app.browser();
    let r = b.get("/api/v1/agreements/vg/news").await;
    assert_eq!(r.status(), StatusCode::OK);
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    assert!(r.headers().contains_key("last-modified"));
    let again = b
        .client
        .get(app.url("/api/v1/agreements/vg/news"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // A change gives a new ETag.
    sqlx::query(
        "UPDATE news SET title = 'Ny rubrik', updated_at = '2099-01-01T00:00:00Z' WHERE id = 1",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let changed = b
        .client
        .get(app.url("/api/v1/agreements/vg/news"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
}

async fn updated_since_gives_what_changed(app: TestApp) {
    let b = app.browser();
    sqlx::query("UPDATE meetings SET updated_at = '2099-06-01T00:00:00Z' WHERE id = 2")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let (_, page) = json(
        &b,
        "/api/v1/agreements/vg/meetings?updated_since=2099-01-01T00:00:00Z",
    )
    .await;
    let ids: Vec<i64> = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![2]);
    // Any RFC 3339 offset works.
    let (status, page) = json(
        &b,
        "/api/v1/agreements/vg/meetings?updated_since=2099-06-01T02:00:00%2B02:00",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
}

async fn bad_parameters_are_problems_naming_the_field(app: TestApp) {
    let b = app.browser();
    let r = b
        .get("/api/v1/agreements/vg/signatories?limit=9999&cursor=nonsense&updated_since=igår&status=maybe")
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let body: Value = r.json().await.unwrap();
    let names: Vec<&str> = body["invalid-params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["limit", "cursor", "updated_since", "status"]);
    assert_eq!(body["status"], 400);
    let (status, body) = json(&b, "/api/v1/agreements/vg/meetings?from=2026-02-30").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["invalid-params"][0]["name"], "from");
    // Unknown things are 404 problems.
    for path in [
        "/api/v1/agreements/nowhere",
        "/api/v1/agreements/nowhere/meetings",
        "/api/v1/agreements/vg/meetings/999999",
        "/api/v1/agreements/vg/meetings/abc",
    ] {
        let r = b.get(path).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
}

async fn nothing_internal_is_listed(app: TestApp) {
    let b = app.browser();
    let docs = harvest(&b, "/api/v1/agreements/vg/documents?limit=100").await;
    let public = count(
        &app,
        "SELECT COUNT(*) FROM documents WHERE visibility = 'public'",
    )
    .await;
    assert_eq!(docs.len() as i64, public);
    assert!(
        count(
            &app,
            "SELECT COUNT(*) FROM documents WHERE visibility <> 'public'"
        )
        .await
            > 0,
        "the demo has internal documents"
    );
    let news = harvest(&b, "/api/v1/agreements/vg/news?limit=100").await;
    let ids: Vec<i64> = news.iter().map(|n| n["id"].as_i64().unwrap()).collect();
    let future: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM news WHERE publish_at IS NULL OR publish_at > $1")
            .bind(overens::db::now())
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert!(!future.is_empty());
    assert!(
        future.iter().all(|f| !ids.contains(f)),
        "{ids:?} {future:?}"
    );
    // Decisions in minutes that are not published yet stay out.
    let decisions = harvest(&b, "/api/v1/agreements/vg/decisions?limit=100").await;
    let listed: Vec<i64> = decisions
        .iter()
        .map(|d| d["id"].as_i64().unwrap())
        .collect();
    let unpublished: Vec<i64> = sqlx::query_scalar(
        "SELECT d.id FROM decisions d JOIN minutes_sections s ON s.id = d.section_id
         JOIN minutes mi ON mi.id = s.minutes_id WHERE mi.state <> 'published'",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert!(unpublished.iter().all(|u| !listed.contains(u)));
    // Draft plans stay out; decided ones come with measures and follow-up.
    let (_, plans) = json(&b, "/api/v1/agreements/vg/plans").await;
    let plans = plans["data"].as_array().unwrap();
    assert!(plans.iter().all(|p| p["state"] != "draft"));
    assert_eq!(
        plans.len() as i64,
        count(
            &app,
            "SELECT COUNT(*) FROM action_plans WHERE state <> 'draft'"
        )
        .await
    );
    assert!(plans.iter().any(|p| {
        p["measures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| !m["follow_up"].as_array().unwrap().is_empty())
    }));
    // Members' contact details only with their consent.
    let (_, bodies) = json(&b, "/api/v1/agreements/vg/bodies").await;
    let published: Vec<String> = sqlx::query_scalar(
        "SELECT work_email FROM people WHERE publish_email = 1 AND work_email <> ''",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    let members: Vec<&Value> = bodies["data"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["members"].as_array().unwrap().iter())
        .collect();
    assert!(!members.is_empty());
    for m in &members {
        if let Some(email) = m["email"].as_str() {
            assert!(published.iter().any(|p| p == email), "{email} unconsented");
        }
    }
    let hidden: Vec<String> = sqlx::query_scalar(
        "SELECT work_email FROM people WHERE publish_email = 0 AND work_email <> ''",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    let text = bodies.to_string();
    assert!(
        hidden.iter().all(|h| !text.contains(h.as_str())),
        "an unconsented address leaked"
    );
    // No e-mail or phone of anyone in the register's JSON.
    let r = b
        .get("/api/v1/agreements/vg/signatories?status=all&limit=500")
        .await;
    let text = r.text().await.unwrap();
    assert!(!text.contains('@'), "an e-mail address in the register");
}

async fn the_openapi_document_lists_every_path(app: TestApp) {
    let b = app.browser();
    let (status, doc) = json(&b, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for p in [
        "/api/v1/agreements",
        "/api/v1/agreements/{slug}",
        "/api/v1/agreements/{slug}/signatories",
        "/api/v1/agreements/{slug}/meetings",
        "/api/v1/agreements/{slug}/meetings/{id}",
        "/api/v1/agreements/{slug}/decisions",
        "/api/v1/agreements/{slug}/documents",
        "/api/v1/agreements/{slug}/news",
        "/api/v1/agreements/{slug}/plans",
        "/api/v1/agreements/{slug}/bodies",
        "/api/v1/organisations/{slug}",
        "/api/v1/agreements/{slug}/minutes",
        "/api/v1/agreements/{slug}/minutes/{id}",
        "/api/v1/agreements/{slug}/proposals",
        "/api/v1/agreements/{slug}/proposals/{id}",
        "/api/v1/agreements/{slug}/partnerships",
        "/api/v1/agreements/{slug}/partnerships/{id}",
        "/api/v1/agreements/{slug}/documents/{id}",
    ] {
        assert!(paths.iter().any(|k| *k == p), "{p} missing from {paths:?}");
    }
}

async fn reads_are_open_to_other_origins(app: TestApp) {
    let b = app.browser();
    let r = b
        .client
        .get(app.url("/api/v1/agreements"))
        .header("Origin", "https://journalist.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let exposed = r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap();
    assert!(exposed.contains("etag"), "{exposed}");
}

async fn the_api_page_speaks_the_visitors_language(app: TestApp) {
    let sv = app.browser();
    let (status, html) = sv.get_html("/api").await;
    assert_eq!(status, StatusCode::OK);
    let text = select_text(&html, ".api-endpoint p, .api-endpoint td").join("\n");
    assert!(
        text.contains("Registret över undertecknare, med historiken."),
        "{text}"
    );
    assert!(
        text.contains("Hur många rader (1–500, annars 50)."),
        "{text}"
    );
    assert!(text.contains("Mötets id."), "{text}");
    assert!(text.contains("frågesträngen"), "{text}");
    // None of the document's English summaries is left on the Swedish page.
    let (_, doc) = json(&sv, "/api/v1/openapi.json").await;
    for item in doc["paths"].as_object().unwrap().values() {
        let summary = item["get"]["summary"].as_str().unwrap();
        assert!(!text.contains(summary), "{summary} in Swedish");
    }
    let en = app.browser();
    en.get("/language/en").await;
    let (_, html) = en.get_html("/api").await;
    let text = select_text(&html, ".api-endpoint p, .api-endpoint td").join("\n");
    assert!(
        text.contains("The register of signatories, with its history."),
        "{text}"
    );
    assert!(text.contains("query string"), "{text}");
    assert_eq!(
        select_text(&html, ".api-endpoint h3 code")[0],
        "GET /api/v1/agreements"
    );
}
