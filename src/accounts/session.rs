//! Sessions live in the database, so that several processes share them. The
//! cookie holds a random token; the table holds only its hash.

use std::time::Duration;

use axum::http::{HeaderValue, header};
use axum::response::AppendHeaders;

use super::token;
use crate::config::Config;
use crate::db::{self, Db};
use crate::web::context::cookie;

pub const SESSION_COOKIE: &str = "overens_session";
const LIFETIME: Duration = Duration::from_secs(14 * 24 * 3600);
/// last_seen_at is refreshed at most this often, to spare the database a write per request.
const TOUCH_EVERY: Duration = Duration::from_secs(5 * 60);

/// A role a person holds in one agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Administrator,
    Editor,
    Member,
    Representative,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Administrator,
        Role::Editor,
        Role::Member,
        Role::Representative,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Editor => "editor",
            Role::Member => "member",
            Role::Representative => "representative",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The logged-in person, as every handler sees them.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub email_verified: bool,
    pub language: String,
    /// Administrator of the whole instance: agreements, users and settings.
    pub is_admin: bool,
    pub has_password: bool,
    pub roles: Vec<(i64, Role)>,
    pub session_hash: String,
}

impl CurrentUser {
    /// True if the person holds `role` in the agreement, or administers it
    /// (an agreement's administrator may do everything its editors may).
    pub fn has_role(&self, agreement_id: i64, role: Role) -> bool {
        self.is_admin
            || self.roles.iter().any(|(a, r)| {
                *a == agreement_id
                    && (*r == role || (*r == Role::Administrator && role == Role::Editor))
            })
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    name: String,
    email: String,
    email_verified_at: Option<String>,
    language: String,
    is_admin: i64,
    password_hash: Option<String>,
    last_seen_at: String,
}

/// The user behind a session cookie, if the session exists and has not expired.
pub async fn load(db: &Db, cookie_token: &str) -> Result<Option<CurrentUser>, sqlx::Error> {
    let hash = token::hash(cookie_token);
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT u.id, u.name, u.email, u.email_verified_at, u.language, u.is_admin,
                u.password_hash, s.last_seen_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(&hash)
    .bind(db::now())
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if row.last_seen_at < db::ago(TOUCH_EVERY) {
        sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
            .bind(db::now())
            .bind(db::from_now(LIFETIME))
            .bind(&hash)
            .execute(&db.pool)
            .await?;
    }
    // A seat in a body makes its holder a body member of that agreement for
    // exactly as long as the term runs: derived here, so nothing has to expire.
    let roles: Vec<(i64, String)> = sqlx::query_as(
        "SELECT agreement_id, role FROM roles WHERE user_id = $1
         UNION
         SELECT b.agreement_id, 'member' FROM memberships m
           JOIN bodies b ON b.id = m.body_id JOIN people p ON p.id = m.person_id
          WHERE p.user_id = $1 AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2)",
    )
    .bind(row.id)
    .bind(jiff::Zoned::now().date().to_string())
    .fetch_all(&db.pool)
    .await?;
    Ok(Some(CurrentUser {
        id: row.id,
        name: row.name,
        email: row.email,
        email_verified: row.email_verified_at.is_some(),
        language: row.language,
        is_admin: row.is_admin != 0,
        has_password: row.password_hash.is_some(),
        roles: roles
            .into_iter()
            .filter_map(|(a, r)| Some((a, Role::parse(&r)?)))
            .collect(),
        session_hash: hash,
    }))
}

/// Starts a session and returns the cookie that carries it.
pub async fn create(db: &Db, config: &Config, user_id: i64) -> Result<HeaderValue, sqlx::Error> {
    let secret = token::random_token();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(token::hash(&secret))
    .bind(user_id)
    .bind(db::now())
    .bind(db::from_now(LIFETIME))
    .execute(&db.pool)
    .await?;
    Ok(cookie(
        config,
        SESSION_COOKIE,
        &secret,
        LIFETIME.as_secs() as i64,
    ))
}

pub async fn end(db: &Db, session_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(session_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends every session of a user but the one given (after a password change).
pub async fn end_others(db: &Db, user_id: i64, keep_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A new CSRF token for the browser, given whenever who is logged in changes.
pub fn fresh_csrf_cookie(config: &Config) -> (header::HeaderName, HeaderValue) {
    (
        header::SET_COOKIE,
        cookie(
            config,
            crate::web::context::CSRF_COOKIE,
            &token::random_token(),
            365 * 24 * 3600,
        ),
    )
}

/// Set-Cookie headers that log the browser out, give it a fresh CSRF token
/// and leave a one-time message.
pub fn logout_cookies(
    config: &Config,
    flash_key: &str,
) -> AppendHeaders<[(header::HeaderName, HeaderValue); 3]> {
    AppendHeaders([
        (header::SET_COOKIE, cookie(config, SESSION_COOKIE, "", 0)),
        fresh_csrf_cookie(config),
        crate::web::context::flash(config, flash_key),
    ])
}
