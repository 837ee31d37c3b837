//! API tokens at work: `Authorization: Bearer ovr_…` names a token made on
//! the account page, which acts for its user in one agreement, while that
//! user still edits it. Errors follow RFC 6750 in RFC 9457 problem bodies.

use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::listing::Problem;
use crate::accounts::rate_limit::{self, Limit};
use crate::accounts::token;
use crate::db;
use crate::web::{AppError, AppState};

/// What every token's secret starts with, so that secret scanners know one.
pub const PREFIX: &str = "ovr_";

/// last_used_at is written at most this often, to spare the database a write per request.
const TOUCH_EVERY: Duration = Duration::from_secs(60);

/// What a token may do in its agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Read the internal lists and write what an editor may.
    Editor,
    /// Read the internal lists only.
    Reader,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Editor, Scope::Reader];

    pub fn code(self) -> &'static str {
        match self {
            Scope::Editor => "editor",
            Scope::Reader => "reader",
        }
    }

    pub fn parse(code: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A new token's secret: shown once, never stored (only its hash is).
pub fn new_secret() -> String {
    format!("{PREFIX}{}", token::random_token())
}

/// The token a request came with, checked: it exists, is not revoked, and
/// its user still edits (or administers) the token's agreement.
#[derive(Debug, Clone)]
pub struct Bearer {
    pub id: i64,
    pub name: String,
    pub user_id: i64,
    pub agreement_id: i64,
    pub scope: Scope,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    name: String,
    user_id: i64,
    agreement_id: i64,
    scope: String,
    last_used_at: Option<String>,
}

const REALM: &str = "Bearer realm=\"overens\"";

fn challenge(status: StatusCode, error: Option<&str>, detail: &str) -> Response {
    let value = match error {
        Some(error) => format!("{REALM}, error=\"{error}\""),
        None => REALM.to_string(),
    };
    let mut response = Problem::new(status, detail).into_response();
    if let Ok(value) = HeaderValue::from_str(&value) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

/// 401: no token, or one that is not (or no longer) valid.
fn unauthorized(given: bool) -> Response {
    if given {
        challenge(
            StatusCode::UNAUTHORIZED,
            Some("invalid_token"),
            "The API token is unknown, revoked, or its user no longer edits its agreement.",
        )
    } else {
        challenge(
            StatusCode::UNAUTHORIZED,
            None,
            "This needs an API token: Authorization: Bearer <token>. Editors make one on their account page.",
        )
    }
}

impl Bearer {
    /// Lets the token act in this agreement: reading, or writing too.
    #[allow(clippy::result_large_err)]
    pub fn allow(&self, agreement_id: i64, write: bool) -> Result<(), Response> {
        if self.agreement_id != agreement_id {
            return Err(challenge(
                StatusCode::FORBIDDEN,
                Some("insufficient_scope"),
                "This API token belongs to another agreement.",
            ));
        }
        if write && self.scope != Scope::Editor {
            return Err(challenge(
                StatusCode::FORBIDDEN,
                Some("insufficient_scope"),
                "This API token may read only.",
            ));
        }
        Ok(())
    }

    /// How the audit log names the token.
    pub fn via(&self) -> String {
        format!("API token \u{201c}{}\u{201d}", self.name)
    }

    async fn find(state: &AppState, secret: &str) -> Result<Option<Bearer>, sqlx::Error> {
        // The role is checked at every use: taking it away disables the token.
        let row: Option<TokenRow> = sqlx::query_as(
            "SELECT t.id, t.name, t.user_id, t.agreement_id, t.scope, t.last_used_at
             FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL
               AND (u.is_admin <> 0 OR EXISTS (
                    SELECT 1 FROM roles r WHERE r.user_id = t.user_id
                       AND r.agreement_id = t.agreement_id
                       AND r.role IN ('editor', 'administrator')))",
        )
        .bind(token::hash(secret))
        .fetch_optional(&state.db.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let Some(scope) = Scope::parse(&row.scope) else {
            return Ok(None);
        };
        let stale = db::ago(TOUCH_EVERY);
        if row
            .last_used_at
            .as_deref()
            .is_none_or(|t| t < stale.as_str())
        {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(db::now())
                .bind(row.id)
                .execute(&state.db.pool)
                .await?;
        }
        Ok(Some(Bearer {
            id: row.id,
            name: row.name,
            user_id: row.user_id,
            agreement_id: row.agreement_id,
            scope,
        }))
    }
}

impl FromRequestParts<AppState> for Bearer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Err(unauthorized(false));
        };
        // The scheme is case-insensitive (RFC 9110 §11.1).
        let secret = value
            .to_str()
            .ok()
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, secret)| secret.trim())
            .filter(|secret| secret.starts_with(PREFIX));
        let Some(secret) = secret else {
            return Err(unauthorized(true));
        };
        let bearer = match Bearer::find(state, secret).await {
            Ok(Some(bearer)) => bearer,
            Ok(None) => return Err(unauthorized(true)),
            Err(e) => return Err(AppError::from(e).into_response()),
        };
        let limit = Limit {
            max: state.config.api_requests_per_hour,
            ..rate_limit::API_TOKEN
        };
        match rate_limit::hit(&state.db, &limit, &bearer.id.to_string()).await {
            Ok(None) => Ok(bearer),
            Ok(Some(retry_after_secs)) => {
                let mut response = Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    format!(
                        "This API token has made {} requests this hour; try again later.",
                        limit.max
                    ),
                )
                .into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, retry_after_secs.into());
                Err(response)
            }
            Err(e) => Err(AppError::from(e).into_response()),
        }
    }
}
