//! Static assets, compiled into the binary: one stylesheet, one small script
//! and the icon. Their URLs carry a content hash so they can be cached for
//! a year.

use std::sync::OnceLock;

use axum::Router;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

use super::{AppError, AppState};

const STYLE: &str = include_str!("static/style.css");
const SCRIPT: &str = include_str!("static/app.js");
const ICON: &str = include_str!("static/icon.svg");

fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let mut hash = Sha256::new();
        for part in [STYLE, SCRIPT, ICON] {
            hash.update(part.as_bytes());
        }
        hash.finalize()[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

pub fn stylesheet_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| format!("/static/{}/style.css", version()))
}

pub fn script_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| format!("/static/{}/app.js", version()))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/{version}/{file}", get(asset))
        .route("/favicon.ico", get(|| async { asset_response("icon.svg") }))
}

async fn asset(Path((_version, file)): Path<(String, String)>) -> Response {
    asset_response(&file)
}

fn asset_response(file: &str) -> Response {
    let (mime, body) = match file {
        "style.css" => ("text/css; charset=utf-8", STYLE),
        "app.js" => ("text/javascript; charset=utf-8", SCRIPT),
        "icon.svg" => ("image/svg+xml", ICON),
        _ => return AppError::NotFound.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response()
}
