//! One error type for every handler. It becomes a page in the site's layout
//! (rendered by the context middleware, which knows the visitor's language)
//! or, under /api/, a JSON problem body (RFC 9457).

use std::any::Any;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Not logged in: the page sends the visitor to the login form.
    #[error("login required")]
    LoginRequired,
    #[error("forbidden")]
    Forbidden,
    #[error("form expired or forged")]
    Csrf,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("too many attempts")]
    RateLimited { retry_after_secs: u64 },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal: {0}")]
    Internal(String),
}

/// What the context middleware needs to render an error page; carried as a
/// response extension so that the body is built where the language is known.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    /// Translation key of the page's heading and text: error-<key>-title / -text.
    pub key: &'static str,
    pub detail: Option<String>,
}

impl ErrorPage {
    /// The page for a status that no [`AppError`] gave.
    pub fn key_of(status: StatusCode) -> &'static str {
        match status {
            StatusCode::NOT_FOUND => "not-found",
            StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
            StatusCode::UNAUTHORIZED => "login-required",
            StatusCode::FORBIDDEN => "forbidden",
            StatusCode::TOO_MANY_REQUESTS => "rate-limited",
            s if s.is_server_error() => "internal",
            _ => "bad-request",
        }
    }
}

impl AppError {
    pub fn internal(e: impl std::fmt::Display) -> Self {
        AppError::Internal(e.to_string())
    }

    fn page(&self) -> ErrorPage {
        let (status, key) = match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not-found"),
            AppError::LoginRequired => (StatusCode::UNAUTHORIZED, "login-required"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::Csrf => (StatusCode::FORBIDDEN, "csrf"),
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request"),
            AppError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate-limited"),
            AppError::Database(_) | AppError::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        let detail = match self {
            AppError::BadRequest(d) => Some(d.clone()),
            _ => None,
        };
        ErrorPage {
            status,
            key,
            detail,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Database(_) | AppError::Internal(_) = &self {
            tracing::error!(error = %self, "request failed");
        }
        let page = self.page();
        let mut response = page.status.into_response();
        if let AppError::RateLimited { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after_secs.into());
        }
        response.extensions_mut().insert(page);
        response
    }
}

pub fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response {
    let message = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("panic");
    AppError::Internal(message.to_string()).into_response()
}

/// An RFC 9457 problem body for API clients, the same shape as the API's
/// own problems (no `detail` when there is nothing to add).
pub fn problem_json(page: &ErrorPage, title: &str) -> Response {
    crate::api::listing::Problem::status(page.status, title, page.detail.clone()).into_response()
}
