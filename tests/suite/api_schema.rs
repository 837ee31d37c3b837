//! The API keeps to its OpenAPI document (what Schemathesis checks in CI,
//! tests/api_check): every error is a problem of the documented shape, every
//! documented value is taken, and every undocumented one is refused by name.

use crate::common;

use common::{Browser, TestApp};
use reqwest::StatusCode;
use serde_json::Value;

on_both_backends!(
    every_error_is_a_problem_without_nulls,
    methods_a_route_does_not_take_are_problems_with_allow,
    a_query_that_does_not_parse_is_a_problem,
    empty_values_are_refused_by_name,
    every_cursor_of_the_documented_shape_is_a_place_in_the_list,
    the_document_says_what_each_parameter_takes,
);

/// A problem body (RFC 9457) as the document describes it: the content type,
/// the required members, and no member that is null.
async fn assert_problem(r: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(r.status(), status, "{}", r.url());
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let body: Value = r.json().await.unwrap();
    let object = body.as_object().unwrap();
    assert_eq!(body["status"], status.as_u16());
    assert!(body["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(body["type"], "about:blank");
    assert!(
        object.values().all(|v| !v.is_null()),
        "a null member: {body}"
    );
    body
}

async fn every_error_is_a_problem_without_nulls(app: TestApp) {
    let b = app.browser();
    for path in [
        "/api/v1/agreements/nowhere",
        "/api/v1/agreements/nowhere/plans",
        "/api/v1/agreements/vg/meetings/999999",
        "/api/v1/agreements/vg/meetings/9223372036854775808",
        "/api/v1/no-such-list",
    ] {
        let body = assert_problem(b.get(path).await, StatusCode::NOT_FOUND).await;
        assert!(body.get("detail").is_none(), "{path}: {body}");
    }
    // The title is in the visitor's language.
    let en = app.browser();
    en.get("/language/en").await;
    let body = assert_problem(
        en.get("/api/v1/agreements/nowhere").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(body["title"], "Page not found");
}

async fn methods_a_route_does_not_take_are_problems_with_allow(app: TestApp) {
    let b = app.browser();
    let r = b
        .client
        .post(app.url("/api/v1/agreements/vg/news"))
        .send()
        .await
        .unwrap();
    let allow = r.headers()["allow"].to_str().unwrap().to_string();
    assert!(allow.contains("GET"), "{allow}");
    assert_problem(r, StatusCode::METHOD_NOT_ALLOWED).await;
}

async fn a_query_that_does_not_parse_is_a_problem(app: TestApp) {
    let b = app.browser();
    let body = assert_problem(
        b.get("/api/v1/agreements/vg/documents?limit=5&limit=6")
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(body["detail"].as_str().unwrap().contains("limit"), "{body}");
}

async fn empty_values_are_refused_by_name(app: TestApp) {
    let b = app.browser();
    for (path, field) in [
        ("/api/v1/agreements/vg/news?limit=", "limit"),
        ("/api/v1/agreements/vg/decisions?cursor=", "cursor"),
        (
            "/api/v1/agreements/vg/documents?updated_since=",
            "updated_since",
        ),
        ("/api/v1/agreements/vg/signatories?status=", "status"),
        ("/api/v1/agreements/vg/meetings?from=", "from"),
    ] {
        let body = assert_problem(b.get(path).await, StatusCode::BAD_REQUEST).await;
        assert_eq!(body["invalid-params"][0]["name"], field, "{path}");
    }
    // A free-text filter may be empty: no filter.
    let r = b.get("/api/v1/agreements/vg/meetings?body=").await;
    assert_eq!(r.status(), StatusCode::OK);
}

async fn json(b: &Browser, path: &str) -> Value {
    let r = b.get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.json().await.unwrap()
}

async fn every_cursor_of_the_documented_shape_is_a_place_in_the_list(app: TestApp) {
    let b = app.browser();
    let first = json(&b, "/api/v1/agreements/vg/meetings?limit=1").await;
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    assert_eq!(cursor.len(), 11, "{cursor}");
    let second = json(
        &b,
        &format!("/api/v1/agreements/vg/meetings?limit=1&cursor={cursor}"),
    )
    .await;
    assert!(second["data"][0]["id"].as_i64() > first["data"][0]["id"].as_i64());
    // Past the end: an empty last page, not an error.
    let past = json(&b, "/api/v1/agreements/vg/meetings?cursor=f_________8").await;
    assert_eq!(past["data"], Value::Array(vec![]));
    assert!(past["next_cursor"].is_null());
    let r = b
        .get("/api/v1/agreements/vg/meetings?cursor=aWQ6MTIz")
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

async fn the_document_says_what_each_parameter_takes(app: TestApp) {
    let b = app.browser();
    let doc = json(&b, "/api/v1/openapi.json").await;
    let op = &doc["paths"]["/api/v1/agreements/{slug}/signatories"]["get"];
    let param = |name: &str| -> Value {
        op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no parameter {name}"))["schema"]
            .clone()
    };
    let limit = param("limit");
    assert_eq!(limit["minimum"], 1);
    assert_eq!(limit["maximum"], 500);
    assert!(limit["type"].to_string().contains("integer"), "{limit}");
    assert_eq!(param("cursor")["pattern"], "^[A-Za-z0-9_-]{11}$");
    assert_eq!(param("updated_since")["format"], "date-time");
    let status = param("status").to_string();
    assert!(status.contains("SignatoryStatus"), "{status}");
    assert_eq!(
        doc["components"]["schemas"]["SignatoryStatus"]["enum"],
        serde_json::json!(["current", "all"])
    );
    // Problems are documented with their own content type.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (status, response) in item["get"]["responses"].as_object().unwrap() {
            if status.starts_with('4') {
                let content = match response["$ref"].as_str() {
                    Some(name) => {
                        let name = name.rsplit('/').next().unwrap();
                        &doc["components"]["responses"][name]["content"]
                    }
                    None => &response["content"],
                };
                assert!(
                    content.get("application/problem+json").is_some(),
                    "{path} {status}: {response}"
                );
            }
        }
    }
}
