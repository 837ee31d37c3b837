//! Who is asking, in which language, with which CSRF token: worked out once
//! per request by a middleware, then handed to handlers as `Ctx`. The same
//! middleware renders error pages, since it knows the visitor's language.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::{ErrorPage, problem_json};
use super::i18n::{LANG_COOKIE, Lang};
use super::layout::{ErrorView, Page};
use super::{AppError, AppState};
use crate::accounts::session::{self, CurrentUser};
use crate::accounts::token;
use crate::config::Config;

/// An error answered by the framework rather than a handler (a query string
/// that does not deserialize, a method a route does not take) comes as plain
/// text; an API client gets every error as a problem, so it becomes an
/// [`ErrorPage`] with the text as its detail.
async fn framework_error_as_page(response: Response) -> Response {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !(status.is_client_error() || status.is_server_error())
        || is_problem
        || response.extensions().get::<ErrorPage>().is_some()
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    parts.extensions.insert(ErrorPage {
        status,
        key: ErrorPage::key_of(status),
        detail: (!text.is_empty()).then_some(text),
    });
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::empty())
}

pub const CSRF_COOKIE: &str = "overens_csrf";
pub const FLASH_COOKIE: &str = "overens_flash";

#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<Arc<CurrentUser>>,
    pub csrf: String,
    /// Path and query of this request, for "back to where you were" links.
    pub path: String,
    /// A one-time message set by the previous response (a translation key).
    pub flash: Option<String>,
    pub client_ip: String,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn require_user(&self) -> Result<&Arc<CurrentUser>, AppError> {
        self.user.as_ref().ok_or(AppError::LoginRequired)
    }

    /// True if the visitor prepares this agreement's cases: an editor or administrator.
    pub fn edits(&self, agreement_id: i64) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.has_role(agreement_id, crate::accounts::session::Role::Editor))
    }

    /// Sends a visitor who is not logged in to the login form, and refuses
    /// everyone who does not edit the agreement.
    pub fn require_editor(&self, agreement_id: i64) -> Result<(), AppError> {
        self.require_user()?;
        if self.edits(agreement_id) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn require_instance_admin(&self) -> Result<&Arc<CurrentUser>, AppError> {
        let user = self.require_user()?;
        if user.is_admin {
            Ok(user)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::internal("context middleware missing"))
    }
}

pub fn read_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A Set-Cookie value: HttpOnly, SameSite=Lax, Secure when served over HTTPS.
pub fn cookie(config: &Config, name: &str, value: &str, max_age_secs: i64) -> HeaderValue {
    let secure = if config.https() { "; Secure" } else { "" };
    let value =
        format!("{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&value).expect("cookie values are ASCII")
}

/// A response header that sets a one-time message for the next page.
pub fn flash(config: &Config, key: &str) -> (header::HeaderName, HeaderValue) {
    (header::SET_COOKIE, cookie(config, FLASH_COOKIE, key, 300))
}

/// The answer to a successful POST: back to a page, which shows the message.
pub fn flash_redirect(config: &Config, key: &str, path: &str) -> Response {
    ([flash(config, key)], axum::response::Redirect::to(path)).into_response()
}

fn client_ip(state: &AppState, req: &Request) -> String {
    if state.config.trust_proxy
        && let Some(ip) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
    {
        return ip.trim().to_string();
    }
    req.extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

pub async fn load_and_render_errors(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let headers = req.headers();
    // A database that fails here still gets the visitor a proper error page.
    let (user, failure) = match read_cookie(headers, session::SESSION_COOKIE) {
        Some(t) => match session::load(&state.db, t).await {
            Ok(user) => (user.map(Arc::new), None),
            Err(e) => (None, Some(AppError::from(e))),
        },
        None => (None, None),
    };
    let lang = read_cookie(headers, LANG_COOKIE)
        .and_then(Lang::parse)
        .or_else(|| user.as_ref().and_then(|u| Lang::parse(&u.language)))
        .unwrap_or_default();
    let existing_csrf = read_cookie(headers, CSRF_COOKIE)
        .filter(|v| v.len() >= 32)
        .map(str::to_string);
    let flash = read_cookie(headers, FLASH_COOKIE)
        .filter(|v| !v.is_empty())
        .map(str::to_string);
    let csrf = existing_csrf.clone().unwrap_or_else(token::random_token);
    let ctx = Ctx {
        lang,
        user,
        csrf: csrf.clone(),
        path: req
            .uri()
            .path_and_query()
            .map_or("/".into(), |p| p.as_str().to_string()),
        flash: flash.clone(),
        client_ip: client_ip(&state, &req),
    };
    let is_api = req.uri().path().starts_with("/api/");
    req.extensions_mut().insert(ctx.clone());

    let mut response = match failure {
        Some(error) => error.into_response(),
        None => next.run(req).await,
    };

    if is_api {
        response = framework_error_as_page(response).await;
    }
    if let Some(page) = response.extensions().get::<ErrorPage>().cloned() {
        let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
        let allow = response.headers().get(header::ALLOW).cloned();
        response = if is_api {
            problem_json(&page, &lang.t(&format!("error-{}-title", page.key)))
        } else if page.key == "login-required" {
            let next =
                url::form_urlencoded::byte_serialize(ctx.path.as_bytes()).collect::<String>();
            axum::response::Redirect::to(&format!("/login?next={next}")).into_response()
        } else {
            (
                page.status,
                ErrorView::new(Page::new(&ctx, &format!("error-{}-title", page.key)), &page),
            )
                .into_response()
        };
        if let Some(v) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if let Some(v) = allow {
            response.headers_mut().insert(header::ALLOW, v);
        }
    }
    let headers = response.headers_mut();
    if existing_csrf.is_none() {
        headers.append(
            header::SET_COOKIE,
            cookie(&state.config, CSRF_COOKIE, &csrf, 365 * 24 * 3600),
        );
    }
    // A flash is shown once: clear it unless this response sets a new one.
    if flash.is_some()
        && !headers
            .get_all(header::SET_COOKIE)
            .iter()
            .any(|v| v.as_bytes().starts_with(FLASH_COOKIE.as_bytes()))
    {
        headers.append(
            header::SET_COOKIE,
            cookie(&state.config, FLASH_COOKIE, "", 0),
        );
    }
    response
}
