//! Findability: robots.txt and a sitemap of every public page. Each feature
//! contributes its own pages through its `sitemap` function.

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use super::{AppResult, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
}

async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    let body = format!(
        "User-agent: *\nDisallow: /account\nDisallow: /admin/\nDisallow: /language/\n\nSitemap: {}\n",
        state.config.absolute("/sitemap.xml")
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body)
}

async fn sitemap(State(state): State<AppState>) -> AppResult<impl IntoResponse> {
    let mut paths = vec![
        "/".to_string(),
        "/login".to_string(),
        "/register".to_string(),
        "/api".to_string(),
    ];
    paths.extend(crate::agreements::sitemap(&state.db).await?);
    paths.extend(crate::organisations::sitemap(&state.db).await?);
    paths.extend(crate::bodies::sitemap(&state.db).await?);
    paths.extend(crate::meetings::sitemap(&state.db).await?);
    paths.extend(crate::minutes::sitemap(&state.db).await?);
    paths.extend(crate::plans::sitemap(&state.db).await?);
    paths.extend(crate::proposals::sitemap(&state.db).await?);
    paths.extend(crate::partnerships::sitemap(&state.db).await?);
    paths.extend(crate::documents::sitemap(&state.db).await?);
    paths.extend(crate::news::sitemap(&state.db).await?);
    paths.extend(crate::opendata::sitemap(&state.db).await?);
    paths.extend(crate::search::sitemap(&state.db).await?);
    paths.extend(crate::accessibility::sitemap());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        xml.push_str("  <url><loc>");
        xml.push_str(&xml_escape(&state.config.absolute(&path)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    ))
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
