//! Serving a stored file: to those allowed only, with its detected type,
//! a safe name, an ETag and caching that fits its visibility.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{Document, Version};
use crate::agreements;
use crate::web::{AppError, AppResult, AppState, Ctx};

/// The current version: its URL stays while its bytes change.
pub async fn current(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let d = Document::visible(&state.db, &ctx, agreement.id, id).await?;
    let v = super::version(&state.db, d.id, d.current_version).await?;
    serve(&state, &headers, &d, &v, false).await
}

/// One version: its bytes never change.
pub async fn version(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((slug, id, number)): Path<(String, i64, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let d = Document::visible(&state.db, &ctx, agreement.id, id).await?;
    let v = super::version(&state.db, d.id, number).await?;
    serve(&state, &headers, &d, &v, true).await
}

/// `inline` or `attachment`, with an ASCII fallback name and the real one
/// in RFC 6266's `filename*=UTF-8''…`.
pub fn disposition(inline: bool, file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!(
        "{}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}",
        if inline { "inline" } else { "attachment" }
    )
}

async fn serve(
    state: &AppState,
    headers: &HeaderMap,
    d: &Document,
    v: &Version,
    versioned: bool,
) -> AppResult<Response> {
    let etag = format!("\"{}\"", v.sha256);
    let cache = match (d.is_public(), versioned) {
        (true, true) => "public, max-age=31536000, immutable",
        (true, false) => "public, max-age=300",
        (false, _) => "private, no-store",
    };
    let mut out = HeaderMap::new();
    out.insert(header::ETAG, header_value(&etag)?);
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    out.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| {
            h.split(',')
                .any(|t| t.trim() == "*" || t.trim().trim_start_matches("W/") == etag)
        });
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, out).into_response());
    }
    let bytes = state.files.get(&v.storage_key).await.map_err(|e| {
        tracing::error!(key = %v.storage_key, error = %e, "a stored file is missing");
        AppError::NotFound
    })?;
    let inline = super::upload::by_mime(&v.content_type).is_some_and(|a| a.inline);
    out.insert(header::CONTENT_TYPE, header_value(&v.content_type)?);
    out.insert(
        header::CONTENT_DISPOSITION,
        header_value(&disposition(inline, &v.file_name))?,
    );
    Ok((StatusCode::OK, out, Body::from(bytes)).into_response())
}

fn header_value(text: &str) -> AppResult<HeaderValue> {
    HeaderValue::from_str(text).map_err(|e| AppError::internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispositions_carry_both_names() {
        assert_eq!(
            disposition(true, "Anteckningar RÖS.pdf"),
            "inline; filename=\"Anteckningar R_S.pdf\"; filename*=UTF-8''Anteckningar%20R%C3%96S.pdf"
        );
        assert!(disposition(false, "a\"b.docx").starts_with("attachment; filename=\"a_b.docx\""));
    }
}
