//! Överens: a platform on which a Swedish public body and the civil-society
//! organisations that signed its collaboration agreement run it together.

pub mod accessibility;
pub mod accounts;
pub mod agreements;
pub mod api;
pub mod applications;
pub mod bodies;
pub mod config;
pub mod db;
pub mod demo;
pub mod documents;
pub mod elections;
pub mod jobs;
pub mod mail;
pub mod meetings;
pub mod minutes;
pub mod news;
pub mod opendata;
pub mod organisations;
pub mod partnerships;
pub mod plans;
pub mod proposals;
pub mod search;
pub mod seed_bench;
pub mod signatories;
pub mod subscriptions;
pub mod web;

use std::net::SocketAddr;

use config::Config;
use db::Db;
use web::AppState;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Opens the database, applies the migrations and returns the application.
pub async fn open(config: Config) -> Result<AppState, BoxError> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let files = documents::storage::FileStore::from_config(&config)?;
    Ok(AppState::new(db, config, files))
}

/// Serves until SIGTERM or Ctrl-C, then finishes the requests in flight.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> Result<(), BoxError> {
    let worker = tokio::spawn(mail::run_worker(state.clone()));
    let jobs = tokio::spawn(jobs::run(state.clone()));
    let search = tokio::spawn(search::run(state.clone()));
    let app = web::router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    // Unsent mail stays in the outbox for the next start.
    worker.abort();
    jobs.abort();
    search.abort();
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
