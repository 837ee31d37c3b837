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
    path: String,
    summary: String,
    params: Vec<Param>,
    example: String,
}

#[derive(askama::Template)]
#[template(path = "api/templates/api.html")]
struct ApiPage {
    page: crate::web::layout::Page,
    endpoints: Vec<Endpoint>,
}

/// The API described for people, from the same OpenAPI document.
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
        let Some(op) = &item.get else { continue };
        let summary = op
            .summary
            .clone()
            .or_else(|| op.description.clone())
            .unwrap_or_default();
        let params = op
            .parameters
            .iter()
            .flatten()
            .filter_map(|p| match p {
                utoipa::openapi::RefOr::T(p) => Some(p),
                utoipa::openapi::RefOr::Ref(_) => None,
            })
            .map(|p| Param {
                name: p.name.clone(),
                location: serde_json::to_value(&p.parameter_in)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                description: p.description.clone().unwrap_or_default(),
            })
            .collect();
        let example = match &example_slug {
            Some(slug) => path.replace("{slug}", slug).replace("{id}", "1"),
            None => path.clone(),
        };
        endpoints.push(Endpoint {
            path: path.clone(),
            summary,
            params,
            example,
        });
    }
    let page = crate::web::layout::Page::new(&ctx, "api-title");
    Ok(crate::web::layout::render(&ApiPage { page, endpoints }))
}
