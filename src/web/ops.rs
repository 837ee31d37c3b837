//! Operations: the health check and Prometheus metrics.

use std::sync::OnceLock;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use super::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
}

/// 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> Response {
    // Live answers: the page cache must not keep them.
    let live = [(header::CACHE_CONTROL, "no-store")];
    if state.db.is_healthy().await {
        (StatusCode::OK, live, "ok\n").into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            live,
            "database unavailable\n",
        )
            .into_response()
    }
}

/// The recorder is process-wide; tests start many applications in one process.
fn prometheus() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets(&[
                0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
            ])
            .expect("valid buckets")
            .build_recorder();
        let handle = recorder.handle();
        // Fails only if another recorder is installed; metrics then go there.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

async fn metrics_text(State(state): State<AppState>) -> Response {
    let pool = &state.db.pool;
    metrics::gauge!("overens_db_connections").set(pool.size() as f64);
    metrics::gauge!("overens_db_connections_idle").set(pool.num_idle() as f64);
    (
        [
            (header::CONTENT_TYPE, "text/plain; version=0.0.4"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        prometheus().render(),
    )
        .into_response()
}

pub async fn record_metrics(req: Request, next: Next) -> Response {
    prometheus();
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let method = req.method().to_string();
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("overens_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("overens_http_request_duration_seconds", "method" => method, "route" => route)
        .record(start.elapsed().as_secs_f64());
    response
}
