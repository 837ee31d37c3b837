//! The thin web layer: application state, the router with its middleware,
//! and the pieces every feature shares (context, errors, forms, layout).

pub mod assets;
pub mod context;
pub mod error;
pub mod form;
pub mod i18n;
pub mod layout;
pub mod markdown;
pub mod ops;
pub mod page_cache;
pub mod pdf;
pub mod security;
pub mod seo;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, Request};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::db::Db;

pub use context::Ctx;
pub use error::{AppError, AppResult};

/// Everything a handler may need, cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub config: Config,
    /// Wakes the mail worker when a message is queued.
    pub mail_queued: tokio::sync::Notify,
    /// For calls to an OpenID Connect provider; redirects are not followed.
    pub http: openidconnect::reqwest::Client,
    pub oidc_metadata: tokio::sync::OnceCell<openidconnect::core::CoreProviderMetadata>,
    /// Uploaded files.
    pub files: crate::documents::storage::FileStore,
    /// This process's search index, opened at first use.
    pub search: crate::search::Search,
    /// Pages anonymous visitors see, kept for a second.
    pub page_cache: page_cache::PageCache,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(db: Db, config: Config, files: crate::documents::storage::FileStore) -> Self {
        AppState(Arc::new(Inner {
            search: crate::search::Search::new(config.search_dir.clone()),
            page_cache: page_cache::PageCache::new(config.page_cache_ttl, PAGE_CACHE_BYTES),
            files,
            db,
            config,
            mail_queued: tokio::sync::Notify::new(),
            http: openidconnect::reqwest::Client::builder()
                .redirect(openidconnect::reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(15))
                .build()
                .expect("HTTP client"),
            oidc_metadata: tokio::sync::OnceCell::new(),
        }))
    }
}

/// Enough for the start, register and calendar pages of every agreement.
const PAGE_CACHE_BYTES: usize = 32 * 1024 * 1024;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

#[derive(Clone, Copy)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let id = crate::accounts::token::random_hex(8);
        Some(RequestId::new(id.parse().ok()?))
    }
}

/// The whole application: every feature's routes behind the shared middleware.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .merge(crate::agreements::routes())
        .merge(crate::signatories::routes())
        .merge(crate::applications::routes())
        .merge(crate::bodies::routes())
        .merge(crate::elections::routes())
        .merge(crate::meetings::routes())
        .merge(crate::minutes::routes())
        .merge(crate::plans::routes())
        .merge(crate::proposals::routes())
        .merge(crate::partnerships::routes())
        .merge(crate::documents::routes())
        .merge(crate::news::routes())
        .merge(crate::opendata::routes())
        .merge(crate::subscriptions::routes())
        .merge(crate::search::routes())
        .merge(crate::api::routes())
        .merge(crate::organisations::routes())
        .merge(crate::accounts::routes())
        .merge(crate::accessibility::routes())
        .merge(crate::mail::routes())
        .merge(seo::routes())
        .merge(ops::routes())
        .merge(assets::routes())
        .merge(i18n::routes())
        .fallback(|| async { AppError::NotFound });

    routes
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, RandomRequestId))
                .layer(
                    TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                        let id = req
                            .headers()
                            .get(REQUEST_ID)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("-");
                        tracing::info_span!("request", id, method = %req.method(), path = %req.uri().path())
                    }),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(axum::middleware::from_fn(ops::record_metrics))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    security::headers,
                ))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    page_cache::serve,
                ))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    context::load_and_render_errors,
                ))
                .layer(CatchPanicLayer::custom(error::panic_response))
                .layer(TimeoutLayer::with_status_code(
                    axum::http::StatusCode::REQUEST_TIMEOUT,
                    Duration::from_secs(30),
                ))
                .layer(axum::extract::DefaultBodyLimit::max(2 * 1024 * 1024)),
        )
        .with_state(state)
}
