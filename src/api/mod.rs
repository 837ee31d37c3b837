//! The open data API, `/api/v1`: read-only JSON of everything a public
//! visitor can read, for journalists, researchers, other regions and
//! dataportal.se. Lists page by a cursor (stable ids, oldest first, so a
//! harvester never misses or repeats a row), take `updated_since`, and answer
//! with an ETag and Last-Modified; errors are RFC 9457 problem details that
//! name the field. The OpenAPI 3.1 document is generated from the handlers
//! and types below (utoipa).

pub mod auth;
pub mod listing;
pub mod records;
pub mod resources;
pub mod writes;

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
        description = "Everything public about the collaboration agreements on this instance: agreements, the register of signatories with its history, organisations, meetings, minutes, decisions, action plans, proposals, partnerships, documents and news. Reading needs no key. Lists are paged by an opaque cursor; `updated_since` gives what changed since a time; responses carry an ETag and Last-Modified. Editors' integrations (tagged `integrations`) also record decisions, register participants and read participant lists, with an API token made on the account page: `Authorization: Bearer ovr_…`.",
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
        records::organisation,
        records::minutes_list,
        records::minutes,
        records::proposals,
        records::proposal,
        records::partnerships,
        records::partnership,
        records::document,
        writes::record_decision,
        writes::registrations,
        writes::register_participant,
        writes::registration,
    ),
    modifiers(&BearerScheme),
    components(
        schemas(listing::Problem, listing::InvalidParam, resources::SignatoryStatus),
        responses(listing::BadRequest, listing::NotFound)
    ),
    tags(
        (name = "open data", description = "Public data, read-only"),
        (name = "integrations", description = "For editors' integrations, with an API token (scoped to one agreement; `reader` tokens read, `editor` tokens also write)")
    )
)]
pub struct ApiDoc;

/// The API token scheme that the integrations' operations name.
struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "bearer",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .bearer_format("ovr_…")
                        .description(Some(
                            "An API token made on the account page by an editor of the agreement: it works while they remain one, and until revoked.",
                        ))
                        .build(),
                ),
            );
    }
}

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
            "/api/v1/agreements/{slug}/documents",
            get(resources::documents),
        )
        .route("/api/v1/agreements/{slug}/news", get(resources::news))
        .route("/api/v1/agreements/{slug}/plans", get(resources::plans))
        .route("/api/v1/agreements/{slug}/bodies", get(resources::bodies))
        .route("/api/v1/organisations/{slug}", get(records::organisation))
        .route(
            "/api/v1/agreements/{slug}/minutes",
            get(records::minutes_list),
        )
        .route(
            "/api/v1/agreements/{slug}/minutes/{id}",
            get(records::minutes),
        )
        .route(
            "/api/v1/agreements/{slug}/proposals",
            get(records::proposals),
        )
        .route(
            "/api/v1/agreements/{slug}/proposals/{id}",
            get(records::proposal),
        )
        .route(
            "/api/v1/agreements/{slug}/partnerships",
            get(records::partnerships),
        )
        .route(
            "/api/v1/agreements/{slug}/partnerships/{id}",
            get(records::partnership),
        )
        .route(
            "/api/v1/agreements/{slug}/documents/{id}",
            get(records::document),
        )
        .layer(cors.clone())
        // Writes are server-to-server: only the read of the same address
        // (and its preflight) goes through CORS.
        .route(
            "/api/v1/agreements/{slug}/decisions",
            get(resources::decisions)
                .layer(cors)
                .post(writes::record_decision),
        )
        .route(
            "/api/v1/agreements/{slug}/meetings/{id}/registrations",
            get(writes::registrations).post(writes::register_participant),
        )
        .route(
            "/api/v1/agreements/{slug}/meetings/{id}/registrations/{registration}",
            get(writes::registration),
        )
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
    /// A link to try; none for what needs an API token.
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
    let example_organisation: Option<String> = sqlx::query_scalar(
        "SELECT o.slug FROM organisations o JOIN signatories s ON s.organisation_id = o.id
         ORDER BY s.id LIMIT 1",
    )
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
            let slug = if path.starts_with("/api/v1/organisations/") {
                &example_organisation
            } else {
                &example_slug
            };
            endpoints.push(endpoint(path, method, op, &ctx, slug.as_deref()));
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
    // Only an open read can be tried by following a link.
    let example = (method == "GET" && op.security.is_none()).then(|| match example_slug {
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
