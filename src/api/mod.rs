//! The open data API, `/api/v1`: read-only JSON of everything a public
//! visitor can read, for journalists, researchers, other regions and
//! dataportal.se. Lists page by a cursor (stable ids, oldest first, so a
//! harvester never misses or repeats a row), take `updated_since`, and answer
//! with an ETag and Last-Modified; errors are RFC 9457 problem details that
//! name the field. The OpenAPI 3.1 document is generated from the handlers
//! and types below (utoipa).

pub mod listing;
pub mod resources;

use axum::Router;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::cors::{Any, CorsLayer};
use utoipa::OpenApi;

use crate::web::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Överens open data API",
        version = "1",
        description = "Everything public about the collaboration agreements on this instance: agreements, the register of signatories with its history, meetings, decisions, documents and news. Read-only, no key needed. Lists are paged by an opaque cursor; `updated_since` gives what changed since a time; responses carry an ETag and Last-Modified.",
        license(name = "Data: CC0 1.0 or CC BY 4.0, per agreement (see its `licence`)")
    ),
    paths(
        resources::agreements,
        resources::agreement,
        resources::signatories,
        resources::meetings,
        resources::meeting,
        resources::decisions,
        resources::documents,
        resources::news,
        resources::plans,
        resources::bodies,
    ),
    components(
        schemas(listing::Problem, listing::InvalidParam, resources::SignatoryStatus),
        responses(listing::BadRequest, listing::NotFound)
    ),
    tags((name = "open data", description = "Public data, read-only"))
)]
pub struct ApiDoc;

pub fn routes() -> Router<AppState> {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD, Method::OPTIONS])
        .allow_headers([header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE])
        .expose_headers([header::ETAG, header::LAST_MODIFIED, header::LINK]);
    Router::new()
        .route("/api/v1/openapi.json", get(openapi_json))
        .route("/api/v1/agreements", get(resources::agreements))
        .route("/api/v1/agreements/{slug}", get(resources::agreement))
        .route(
            "/api/v1/agreements/{slug}/signatories",
            get(resources::signatories),
        )
        .route(
            "/api/v1/agreements/{slug}/meetings",
            get(resources::meetings),
        )
        .route(
            "/api/v1/agreements/{slug}/meetings/{id}",
            get(resources::meeting),
        )
        .route(
            "/api/v1/agreements/{slug}/decisions",
            get(resources::decisions),
        )
        .route(
            "/api/v1/agreements/{slug}/documents",
            get(resources::documents),
        )
        .route("/api/v1/agreements/{slug}/news", get(resources::news))
        .route("/api/v1/agreements/{slug}/plans", get(resources::plans))
        .route("/api/v1/agreements/{slug}/bodies", get(resources::bodies))
        .layer(cors)
        .route("/api", get(api_page))
}

/// The OpenAPI document, generated from the code.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

async fn openapi_json() -> Response {
    match openapi().to_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => crate::web::AppError::internal(e).into_response(),
    }
}

struct Param {
    name: String,
    location: String,
    description: String,
}

struct Endpoint {
    method: &'static str,
    path: String,
    summary: String,
    params: Vec<Param>,
    example: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "api/templates/api.html")]
struct ApiPage {
    page: crate::web::layout::Page,
    endpoints: Vec<Endpoint>,
}

/// The first of the keys this language has, else the English text.
fn localized(lang: crate::web::i18n::Lang, keys: &[String], english: Option<&String>) -> String {
    keys.iter()
        .find_map(|key| lang.try_t(key))
        .or_else(|| english.cloned())
        .unwrap_or_default()
}

/// The API described for people, from the same OpenAPI document. The
/// summaries and parameter descriptions there are English (doc comments);
/// the page shows its language's text, keyed by the operation id (the
/// handler's name): `api-summary-<op>`, `api-parameter-<op>-<name>` or, for the
/// paging parameters every list shares, `api-parameter-<name>`. Without
/// a key, the English text from the document.
async fn api_page(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: crate::web::Ctx,
) -> crate::web::AppResult<Response> {
    let example_slug: Option<String> =
        sqlx::query_scalar("SELECT slug FROM agreements ORDER BY id LIMIT 1")
            .fetch_optional(&state.db.pool)
            .await?;
    let doc = openapi();
    let mut endpoints = Vec::new();
    for (path, item) in doc.paths.paths.iter() {
        let operations = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, op) in operations {
            let Some(op) = op else { continue };
            endpoints.push(endpoint(path, method, op, &ctx, example_slug.as_deref()));
        }
    }
    let page = crate::web::layout::Page::new(&ctx, "api-title");
    Ok(crate::web::layout::render(&ApiPage { page, endpoints }))
}

/// One operation as the page shows it, in the page's language.
fn endpoint(
    path: &str,
    method: &'static str,
    op: &utoipa::openapi::path::Operation,
    ctx: &crate::web::Ctx,
    example_slug: Option<&str>,
) -> Endpoint {
    let text = |keys: &[String], english: Option<&String>| localized(ctx.lang, keys, english);
    let id = op.operation_id.clone().unwrap_or_default();
    let summary = text(
        &[format!("api-summary-{id}")],
        op.summary.as_ref().or(op.description.as_ref()),
    );
    let params = op
        .parameters
        .iter()
        .flatten()
        .filter_map(|p| match p {
            utoipa::openapi::RefOr::T(p) => Some(p),
            utoipa::openapi::RefOr::Ref(_) => None,
        })
        .map(|p| {
            let location = serde_json::to_value(&p.parameter_in)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            Param {
                name: p.name.clone(),
                location: text(&[format!("api-in-{location}")], Some(&location)),
                description: text(
                    &[
                        format!("api-parameter-{id}-{}", p.name),
                        format!("api-parameter-{}", p.name),
                    ],
                    p.description.as_ref(),
                ),
            }
        })
        .collect();
    // Only a read can be tried by following a link.
    let example = (method == "GET").then(|| match example_slug {
        Some(slug) => path.replace("{slug}", slug).replace("{id}", "1"),
        None => path.to_string(),
    });
    Endpoint {
        method,
        path: path.to_string(),
        summary,
        params,
        example,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Lang;

    #[test]
    fn an_operation_without_a_translation_shows_its_english_summary() {
        let english = "Something new.".to_string();
        let keys = ["api-summary-no-such-operation".to_string()];
        assert_eq!(localized(Lang::Sv, &keys, Some(&english)), english);
        let keys = [
            "api-parameter-news-limit".to_string(),
            "api-parameter-limit".to_string(),
        ];
        assert_eq!(
            localized(Lang::Sv, &keys, Some(&english)),
            "Hur många rader (1–500, annars 50)."
        );
    }
}
