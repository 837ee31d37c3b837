//! Accounts: registration with e-mail verification, login and logout,
//! password reset, changing password and e-mail, downloading one's data and
//! deleting one's account. Sessions, tokens and rate limits live beside it.

pub mod admin;
pub mod api_tokens;
pub mod email;
pub mod oidc;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod token;

use std::time::Duration;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::{Lang, safe_next};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};
use email::Email;
use rate_limit::Limit;

const VERIFY_TTL: Duration = Duration::from_secs(7 * 24 * 3600);
const RESET_TTL: Duration = Duration::from_secs(3600);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/register", get(register_form).post(register))
        .route("/verify/{token}", get(verify_email))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/admin/users", get(admin::users))
        .route("/admin/roles/grant", post(admin::grant))
        .route("/admin/roles/revoke", post(admin::revoke))
        .route("/login/oidc", get(oidc::start))
        .route(oidc::CALLBACK_PATH, get(oidc::callback))
        .route("/password/forgot", get(forgot_form).post(forgot))
        .route("/password/reset/{token}", get(reset_form).post(reset))
        .route("/account", get(account))
        .route("/account/password", post(change_password))
        .route("/account/email", post(change_email))
        .route("/account/email/confirm/{token}", get(confirm_email_change))
        .route("/account/verify/resend", post(resend_verification))
        .route("/account/export", get(export))
        .route("/account/delete", get(delete_form).post(delete))
        .route("/account/tokens", post(api_tokens::create))
        .route("/account/tokens/{id}/revoke", post(api_tokens::revoke))
}

/// A page with a heading and a paragraph: "check your e-mail" and the like.
#[derive(Template)]
#[template(path = "web/templates/message.html")]
pub struct MessageView {
    pub page: Page,
    pub text: String,
    pub link: Option<(String, String)>,
}

fn message(ctx: &Ctx, title_key: &str, text_key: &str) -> Response {
    render(&MessageView {
        page: Page::new(ctx, title_key),
        text: ctx.t(text_key),
        link: None,
    })
}

/// Counts an attempt against each limit; the first exceeded one refuses it.
async fn check_limits(db: &Db, limits: &[(&Limit, &str)]) -> AppResult<()> {
    for (limit, who) in limits {
        if let Some(retry_after_secs) = rate_limit::hit(db, limit, who).await? {
            return Err(AppError::RateLimited { retry_after_secs });
        }
    }
    Ok(())
}

/// Checks a new password and its confirmation.
fn check_new_password(password: &str, confirm: &str, errors: &mut Errors) {
    let length = password.chars().count();
    if password.is_empty() {
        errors.add("password", "error-password-missing");
    } else if length < password::MIN_LENGTH {
        errors.add("password", "error-password-short");
    } else if length > password::MAX_LENGTH {
        errors.add("password", "error-password-long");
    } else if password != confirm {
        errors.add("password_confirm", "error-password-mismatch");
    }
}

/// Creates a one-time token for a link sent by e-mail and returns its secret.
pub(crate) async fn issue_token<'e, E>(
    executor: E,
    purpose: &str,
    user_id: i64,
    email: &str,
    ttl: Duration,
) -> Result<String, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let secret = token::random_token();
    sqlx::query(
        "INSERT INTO email_tokens (token_hash, purpose, user_id, email, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token::hash(&secret))
    .bind(purpose)
    .bind(user_id)
    .bind(email)
    .bind(db::from_now(ttl))
    .bind(db::now())
    .execute(executor)
    .await?;
    Ok(secret)
}

/// Uses up a token: returns its user and e-mail if it was valid. Marking it
/// used in the same statement means a link works once, even if clicked twice.
pub(crate) async fn redeem_token<'e, E>(
    executor: E,
    purpose: &str,
    secret: &str,
) -> Result<Option<(i64, String)>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(
        "UPDATE email_tokens SET used_at = $1
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
         RETURNING user_id, email",
    )
    .bind(db::now())
    .bind(token::hash(secret))
    .bind(purpose)
    .fetch_optional(executor)
    .await
}

pub(crate) async fn token_is_valid(
    db: &Db,
    purpose: &str,
    secret: &str,
) -> Result<bool, sqlx::Error> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT purpose FROM email_tokens
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(token::hash(secret))
    .bind(purpose)
    .bind(db::now())
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

fn mail_text(lang: Lang, key: &str, args: &[(&'static str, String)]) -> (String, String) {
    (
        lang.t_with(&format!("{key}-subject"), args),
        lang.t_with(&format!("{key}-body"), args),
    )
}

// ---------------------------------------------------------------- register

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisterInput {
    name: String,
    email: String,
    password: String,
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "accounts/templates/register.html")]
struct RegisterView {
    page: Page,
    values: RegisterInput,
    errors: Errors,
}

async fn register_form(ctx: Ctx) -> Response {
    render(&RegisterView {
        page: Page::new(&ctx, "register-title"),
        values: RegisterInput::default(),
        errors: Errors::new(),
    })
}

async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<RegisterInput>,
) -> AppResult<Response> {
    let mut errors = Errors::new();
    let name = input.name.trim().to_string();
    if name.is_empty() {
        errors.add("name", "error-name-missing");
    } else if name.chars().count() > 200 {
        errors.add("name", "error-name-long");
    }
    let email = Email::parse(&input.email)
        .map_err(|e| errors.add("email", e))
        .ok();
    check_new_password(&input.password, &input.password_confirm, &mut errors);
    if !errors.is_empty() {
        let view = RegisterView {
            page: Page::new(&ctx, "register-title").with_errors(&errors),
            values: RegisterInput {
                password: String::new(),
                password_confirm: String::new(),
                ..input
            },
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response());
    }
    let email = email.expect("checked above");
    check_limits(&state.db, &[(&rate_limit::REGISTER_PER_IP, &ctx.client_ip)]).await?;

    let hash = password::hash(input.password, state.config.password_cost)
        .await
        .map_err(AppError::internal)?;
    let mut tx = state.db.pool.begin().await?;
    let created: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, language, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO NOTHING
         RETURNING id",
    )
    .bind(email.as_str())
    .bind(&name)
    .bind(&hash)
    .bind(ctx.lang.code())
    .bind(db::now())
    .fetch_optional(&mut *tx)
    .await?;
    // The answer is the same whether or not the address has an account, so
    // that the form cannot be used to find out who has one.
    let (subject, body) = match created {
        Some(user_id) => {
            let secret =
                issue_token(&mut *tx, "verify", user_id, email.as_str(), VERIFY_TTL).await?;
            let link = state.config.absolute(&format!("/verify/{secret}"));
            mail_text(
                ctx.lang,
                "mail-verify",
                &[("name", name.clone()), ("link", link)],
            )
        }
        None => {
            let link = state.config.absolute("/password/forgot");
            mail_text(ctx.lang, "mail-already-registered", &[("link", link)])
        }
    };
    mail::enqueue(&mut *tx, email.as_str(), &subject, &body).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(message(&ctx, "register-done-title", "register-done-text"))
}

use crate::mail;

async fn verify_email(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let mut tx = state.db.pool.begin().await?;
    let Some((user_id, email)) = redeem_token(&mut *tx, "verify", &secret).await? else {
        return Ok((
            StatusCode::NOT_FOUND,
            message(&ctx, "verify-invalid-title", "verify-invalid-text"),
        )
            .into_response());
    };
    sqlx::query("UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email = $3")
        .bind(db::now())
        .bind(user_id)
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let target = if ctx.user.is_some() {
        "/account"
    } else {
        "/login"
    };
    Ok(flash_redirect(
        &state.config,
        "flash-email-verified",
        target,
    ))
}

async fn resend_verification(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    if !user.email_verified {
        check_limits(&state.db, &[(&rate_limit::RESET_PER_ACCOUNT, &user.email)]).await?;
        let mut tx = state.db.pool.begin().await?;
        let secret = issue_token(&mut *tx, "verify", user.id, &user.email, VERIFY_TTL).await?;
        let link = state.config.absolute(&format!("/verify/{secret}"));
        let (subject, body) = mail_text(
            ctx.lang,
            "mail-verify",
            &[("name", user.name.clone()), ("link", link)],
        );
        mail::enqueue(&mut *tx, &user.email, &subject, &body).await?;
        tx.commit().await?;
        state.mail_queued.notify_one();
    }
    Ok(flash_redirect(
        &state.config,
        "flash-verification-sent",
        "/account",
    ))
}

// ---------------------------------------------------------------- login

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginInput {
    email: String,
    password: String,
    next: String,
}

#[derive(Template)]
#[template(path = "accounts/templates/login.html")]
struct LoginView {
    page: Page,
    values: LoginInput,
    errors: Errors,
    oidc_name: Option<String>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> Response {
    if ctx.user.is_some() {
        return Redirect::to(&safe_next(q.next.as_deref())).into_response();
    }
    render(&LoginView {
        page: Page::new(&ctx, "login-title"),
        values: LoginInput {
            next: q.next.unwrap_or_default(),
            ..Default::default()
        },
        errors: Errors::new(),
        oidc_name: state.config.oidc.as_ref().map(|o| o.name.clone()),
    })
}

#[derive(sqlx::FromRow)]
struct Credentials {
    id: i64,
    password_hash: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<LoginInput>,
) -> AppResult<Response> {
    let mut errors = Errors::new();
    let email = Email::parse(&input.email)
        .map_err(|e| errors.add("email", e))
        .ok();
    if input.password.is_empty() {
        errors.add("password", "error-password-missing");
    }
    let login_failed = |errors: Errors| {
        let view = LoginView {
            page: Page::new(&ctx, "login-title").with_errors(&errors),
            values: input.clone_without_password(),
            errors,
            oidc_name: state.config.oidc.as_ref().map(|o| o.name.clone()),
        };
        (StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response()
    };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Ok(login_failed(errors));
    };
    check_limits(
        &state.db,
        &[
            (&rate_limit::LOGIN_PER_IP, &ctx.client_ip),
            (&rate_limit::LOGIN_PER_ACCOUNT, email.as_str()),
        ],
    )
    .await?;
    let found: Option<Credentials> =
        sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&state.db.pool)
            .await?;
    let stored = found.as_ref().and_then(|c| c.password_hash.clone());
    let ok = password::verify(input.password.clone(), stored, state.config.password_cost).await;
    let Some(user) = found.filter(|_| ok) else {
        errors.add("email", "error-login-failed");
        return Ok(login_failed(errors));
    };
    rate_limit::clear(&state.db, &rate_limit::LOGIN_PER_ACCOUNT, email.as_str()).await?;
    if let Some(old) = &ctx.user {
        session::end(&state.db, &old.session_hash).await?;
    }
    let session_cookie = session::create(&state.db, &state.config, user.id).await?;
    let fresh_csrf = session::fresh_csrf_cookie(&state.config);
    Ok((
        AppendHeaders([(header::SET_COOKIE, session_cookie), fresh_csrf]),
        Redirect::to(&safe_next(
            Some(&input.next)
                .filter(|n| !n.is_empty())
                .map(String::as_str),
        )),
    )
        .into_response())
}

impl LoginInput {
    fn clone_without_password(&self) -> LoginInput {
        LoginInput {
            email: self.email.clone(),
            password: String::new(),
            next: self.next.clone(),
        }
    }
}

async fn logout(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    if let Some(user) = &ctx.user {
        session::end(&state.db, &user.session_hash).await?;
    }
    Ok((
        session::logout_cookies(&state.config, "flash-logged-out"),
        Redirect::to("/"),
    )
        .into_response())
}

// ---------------------------------------------------------------- password reset

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotInput {
    email: String,
}

#[derive(Template)]
#[template(path = "accounts/templates/forgot.html")]
struct ForgotView {
    page: Page,
    values: ForgotInput,
    errors: Errors,
}

async fn forgot_form(ctx: Ctx) -> Response {
    render(&ForgotView {
        page: Page::new(&ctx, "forgot-title"),
        values: ForgotInput::default(),
        errors: Errors::new(),
    })
}

async fn forgot(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<ForgotInput>,
) -> AppResult<Response> {
    let email = match Email::parse(&input.email) {
        Ok(email) => email,
        Err(key) => {
            let mut errors = Errors::new();
            errors.add("email", key);
            let view = ForgotView {
                page: Page::new(&ctx, "forgot-title").with_errors(&errors),
                values: input,
                errors,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response());
        }
    };
    check_limits(
        &state.db,
        &[
            (&rate_limit::RESET_PER_IP, &ctx.client_ip),
            (&rate_limit::RESET_PER_ACCOUNT, email.as_str()),
        ],
    )
    .await?;
    let user: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, language FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&state.db.pool)
            .await?;
    if let Some((user_id, name, language)) = user {
        let lang = Lang::parse(&language).unwrap_or_default();
        let mut tx = state.db.pool.begin().await?;
        let secret = issue_token(&mut *tx, "reset", user_id, email.as_str(), RESET_TTL).await?;
        let link = state.config.absolute(&format!("/password/reset/{secret}"));
        let (subject, body) = mail_text(lang, "mail-reset", &[("name", name), ("link", link)]);
        mail::enqueue(&mut *tx, email.as_str(), &subject, &body).await?;
        tx.commit().await?;
        state.mail_queued.notify_one();
    }
    Ok(message(&ctx, "forgot-done-title", "forgot-done-text"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetInput {
    password: String,
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "accounts/templates/reset.html")]
struct ResetView {
    page: Page,
    errors: Errors,
}

async fn reset_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    if !token_is_valid(&state.db, "reset", &secret).await? {
        return Ok((
            StatusCode::NOT_FOUND,
            message(&ctx, "reset-invalid-title", "reset-invalid-text"),
        )
            .into_response());
    }
    Ok(render(&ResetView {
        page: Page::new(&ctx, "reset-title"),
        errors: Errors::new(),
    }))
}

async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
    CsrfForm(input): CsrfForm<ResetInput>,
) -> AppResult<Response> {
    let mut errors = Errors::new();
    check_new_password(&input.password, &input.password_confirm, &mut errors);
    if !errors.is_empty() {
        let view = ResetView {
            page: Page::new(&ctx, "reset-title").with_errors(&errors),
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response());
    }
    let hash = password::hash(input.password, state.config.password_cost)
        .await
        .map_err(AppError::internal)?;
    let mut tx = state.db.pool.begin().await?;
    let Some((user_id, email)) = redeem_token(&mut *tx, "reset", &secret).await? else {
        return Ok((
            StatusCode::NOT_FOUND,
            message(&ctx, "reset-invalid-title", "reset-invalid-text"),
        )
            .into_response());
    };
    // The link arrived by e-mail, so the address is proven as well.
    sqlx::query(
        "UPDATE users SET password_hash = $1,
            email_verified_at = COALESCE(email_verified_at, $2)
         WHERE id = $3 AND email = $4",
    )
    .bind(&hash)
    .bind(db::now())
    .bind(user_id)
    .bind(&email)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    rate_limit::clear(&state.db, &rate_limit::LOGIN_PER_ACCOUNT, &email).await?;
    Ok(flash_redirect(
        &state.config,
        "flash-password-reset",
        "/login",
    ))
}

// ---------------------------------------------------------------- my account

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordChangeInput {
    current_password: String,
    password: String,
    password_confirm: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailChangeInput {
    new_email: String,
    email_password: String,
}

pub struct RoleLine {
    pub agreement: String,
    pub role_key: String,
}

/// An application the person sent, with where it stands.
#[derive(sqlx::FromRow)]
pub struct ApplicationLine {
    pub agreement_slug: String,
    pub agreement: String,
    pub id: i64,
    pub organisation: String,
    pub state: String,
    pub received_on: String,
}

#[derive(Template)]
#[template(path = "accounts/templates/account.html")]
struct AccountView {
    page: Page,
    name: String,
    email: String,
    verified: bool,
    has_password: bool,
    roles: Vec<RoleLine>,
    /// The organisations the person represents: (slug, name).
    organisations: Vec<(String, String)>,
    applications: Vec<ApplicationLine>,
    /// The OpenID Connect provider's name, and whether this account uses it.
    oidc: Option<(String, bool)>,
    email_values: EmailChangeInput,
    tokens: api_tokens::Section,
    errors: Errors,
}

/// What the account page's forms came back with.
#[derive(Default)]
struct Forms {
    email: EmailChangeInput,
    tokens: api_tokens::TokenInput,
}

impl Forms {
    fn email(email: EmailChangeInput) -> Forms {
        Forms {
            email,
            ..Forms::default()
        }
    }

    fn tokens(tokens: api_tokens::TokenInput) -> Forms {
        Forms {
            tokens,
            ..Forms::default()
        }
    }
}

async fn account_view(
    state: &AppState,
    ctx: &Ctx,
    forms: Forms,
    errors: Errors,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    // The roles as the session has them: granted ones and those a running term gives.
    let names: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM agreements")
        .fetch_all(&state.db.pool)
        .await?;
    let mut rows: Vec<(String, String)> = user
        .roles
        .iter()
        .filter_map(|(a, role)| {
            let name = names.iter().find(|(id, _)| id == a)?.1.clone();
            Some((name, role.code().to_string()))
        })
        .collect();
    rows.sort();
    let organisations =
        crate::organisations::representatives::represented_by(&state.db, user.id).await?;
    let mut applications: Vec<ApplicationLine> = sqlx::query_as(
        "SELECT a.slug AS agreement_slug, a.short_name AS agreement, p.id, p.name AS organisation,
                p.state, p.received_on
         FROM applications p JOIN agreements a ON a.id = p.agreement_id
         WHERE p.applicant_id = $1 ORDER BY p.received_on DESC, p.id DESC",
    )
    .bind(user.id)
    .fetch_all(&state.db.pool)
    .await?;
    for a in &mut applications {
        a.received_on = crate::agreements::long_date(ctx.lang, &a.received_on);
    }
    let linked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM user_identities WHERE user_id = $1")
        .bind(user.id)
        .fetch_one(&state.db.pool)
        .await?;
    let view = AccountView {
        oidc: state
            .config
            .oidc
            .as_ref()
            .map(|o| (o.name.clone(), linked > 0)),
        page: Page::new(ctx, "account-title").with_errors(&errors),
        name: user.name.clone(),
        email: user.email.clone(),
        verified: user.email_verified,
        has_password: user.has_password,
        roles: rows
            .into_iter()
            .map(|(agreement, role)| RoleLine {
                agreement,
                role_key: format!("role-{role}"),
            })
            .collect(),
        organisations,
        applications,
        email_values: forms.email,
        tokens: api_tokens::section(&state.db, ctx.lang, user, forms.tokens).await?,
        errors,
    };
    let status = view.errors.status();
    Ok((status, render(&view)).into_response())
}

async fn account(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    account_view(&state, &ctx, Forms::default(), Errors::new()).await
}

async fn current_password_ok(state: &AppState, user_id: i64, password: &str) -> AppResult<bool> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&state.db.pool)
            .await?;
    Ok(password::verify(password.to_string(), stored, state.config.password_cost).await)
}

async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<PasswordChangeInput>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let mut errors = Errors::new();
    if user.has_password && !current_password_ok(&state, user.id, &input.current_password).await? {
        errors.add("current_password", "error-current-password");
    }
    check_new_password(&input.password, &input.password_confirm, &mut errors);
    if !errors.is_empty() {
        return account_view(&state, &ctx, Forms::default(), errors).await;
    }
    let hash = password::hash(input.password, state.config.password_cost)
        .await
        .map_err(AppError::internal)?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user.id)
        .execute(&state.db.pool)
        .await?;
    session::end_others(&state.db, user.id, &user.session_hash).await?;
    let (subject, body) = mail_text(
        ctx.lang,
        "mail-password-changed",
        &[("name", user.name.clone())],
    );
    mail::enqueue(&state.db.pool, &user.email, &subject, &body).await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        "flash-password-changed",
        "/account",
    ))
}

async fn change_email(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<EmailChangeInput>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let mut errors = Errors::new();
    let new_email = Email::parse(&input.new_email)
        .map_err(|e| errors.add("new_email", e))
        .ok();
    if user.has_password && !current_password_ok(&state, user.id, &input.email_password).await? {
        errors.add("email_password", "error-current-password");
    }
    let Some(new_email) = new_email.filter(|_| errors.is_empty()) else {
        let values = EmailChangeInput {
            new_email: input.new_email,
            email_password: String::new(),
        };
        return account_view(&state, &ctx, Forms::email(values), errors).await;
    };
    let mut tx = state.db.pool.begin().await?;
    let secret = issue_token(
        &mut *tx,
        "change_email",
        user.id,
        new_email.as_str(),
        VERIFY_TTL,
    )
    .await?;
    let link = state
        .config
        .absolute(&format!("/account/email/confirm/{secret}"));
    let (subject, body) = mail_text(
        ctx.lang,
        "mail-change-email",
        &[("name", user.name.clone()), ("link", link)],
    );
    mail::enqueue(&mut *tx, new_email.as_str(), &subject, &body).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        "flash-email-change-sent",
        "/account",
    ))
}

async fn confirm_email_change(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let mut tx = state.db.pool.begin().await?;
    let Some((user_id, new_email)) = redeem_token(&mut *tx, "change_email", &secret).await? else {
        return Ok((
            StatusCode::NOT_FOUND,
            message(&ctx, "verify-invalid-title", "verify-invalid-text"),
        )
            .into_response());
    };
    let (old_email, name, language): (String, String, String) =
        sqlx::query_as("SELECT email, name, language FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
    let changed = sqlx::query("UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(&new_email)
        .bind(db::now())
        .bind(user_id)
        .execute(&mut *tx)
        .await;
    match changed {
        Err(e) if db::is_unique_violation(&e) => {
            return Ok((
                StatusCode::CONFLICT,
                message(&ctx, "email-taken-title", "email-taken-text"),
            )
                .into_response());
        }
        other => other?,
    };
    // The old address hears of the change, in case it was not its owner's doing.
    let lang = Lang::parse(&language).unwrap_or_default();
    let (subject, body) = mail_text(
        lang,
        "mail-email-changed",
        &[("name", name), ("email", new_email)],
    );
    mail::enqueue(&mut *tx, &old_email, &subject, &body).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        "flash-email-changed",
        "/account",
    ))
}

// ---------------------------------------------------------------- my data

#[derive(Serialize, sqlx::FromRow)]
struct ExportUser {
    id: i64,
    email: String,
    name: String,
    email_verified_at: Option<String>,
    language: String,
    #[serde(serialize_with = "crate::db::serialize_flag")]
    is_admin: i64,
    created_at: String,
}

#[derive(Serialize, sqlx::FromRow)]
struct ExportRole {
    agreement: String,
    role: String,
    granted_at: String,
}

#[derive(Serialize, sqlx::FromRow)]
struct ExportSession {
    created_at: String,
    last_seen_at: String,
    expires_at: String,
}

#[derive(Serialize, sqlx::FromRow)]
struct ExportIdentity {
    issuer: String,
    subject: String,
    created_at: String,
}

#[derive(Serialize, sqlx::FromRow)]
struct ExportRepresentation {
    organisation: String,
    name: String,
    since: String,
}

#[derive(Serialize, sqlx::FromRow)]
struct ExportApplication {
    id: i64,
    agreement: String,
    organisation: String,
    state: String,
    received_on: String,
}

#[derive(Serialize, sqlx::FromRow)]
struct ExportMail {
    subject: String,
    created_at: String,
    sent_at: Option<String>,
}

/// Everything Överens holds about the person, as JSON (GDPR art. 15 and 20).
async fn export(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let pool = &state.db.pool;
    let profile: ExportUser = sqlx::query_as(
        "SELECT id, email, name, email_verified_at, language, is_admin, created_at FROM users WHERE id = $1",
    )
    .bind(user.id)
    .fetch_one(pool)
    .await?;
    let roles: Vec<ExportRole> = sqlx::query_as(
        "SELECT a.slug AS agreement, r.role, r.granted_at FROM roles r
         JOIN agreements a ON a.id = r.agreement_id WHERE r.user_id = $1 ORDER BY a.slug, r.role",
    )
    .bind(user.id)
    .fetch_all(pool)
    .await?;
    let sessions: Vec<ExportSession> = sqlx::query_as(
        "SELECT created_at, last_seen_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY created_at",
    )
    .bind(user.id)
    .fetch_all(pool)
    .await?;
    let identities: Vec<ExportIdentity> = sqlx::query_as(
        "SELECT issuer, subject, created_at FROM user_identities WHERE user_id = $1 ORDER BY created_at",
    )
    .bind(user.id)
    .fetch_all(pool)
    .await?;
    let mails: Vec<ExportMail> = sqlx::query_as(
        "SELECT subject, created_at, sent_at FROM outbox WHERE recipient = $1 ORDER BY id",
    )
    .bind(&user.email)
    .fetch_all(pool)
    .await?;
    let represents: Vec<ExportRepresentation> = sqlx::query_as(
        "SELECT o.slug AS organisation, o.name, r.since FROM organisation_representatives r
         JOIN organisations o ON o.id = r.organisation_id WHERE r.user_id = $1 ORDER BY o.name",
    )
    .bind(user.id)
    .fetch_all(pool)
    .await?;
    let applications: Vec<ExportApplication> = sqlx::query_as(
        "SELECT a.id, g.slug AS agreement, a.name AS organisation, a.state, a.received_on
         FROM applications a JOIN agreements g ON g.id = a.agreement_id
         WHERE a.applicant_id = $1 ORDER BY a.id",
    )
    .bind(user.id)
    .fetch_all(pool)
    .await?;
    let api_tokens = api_tokens::of_user(&state.db, user.id).await?;
    let body = serde_json::json!({
        "exported_at": db::now(),
        "account": profile,
        "roles": roles,
        "sessions": sessions,
        "identities": identities,
        "mail_sent_to_you": mails,
        "organisations_you_represent": represents,
        "applications_you_made": applications,
        "api_tokens": api_tokens,
    });
    let pretty = serde_json::to_string_pretty(&body).map_err(AppError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"overens-my-data.json\"",
            ),
        ],
        pretty,
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeleteInput {
    password: String,
    confirm: String,
}

#[derive(Template)]
#[template(path = "accounts/templates/delete.html")]
struct DeleteView {
    page: Page,
    has_password: bool,
    errors: Errors,
}

async fn delete_form(ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?;
    Ok(render(&DeleteView {
        page: Page::new(&ctx, "delete-title"),
        has_password: user.has_password,
        errors: Errors::new(),
    }))
}

async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<DeleteInput>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let mut errors = Errors::new();
    if user.has_password {
        if !current_password_ok(&state, user.id, &input.password).await? {
            errors.add("password", "error-current-password");
        }
    } else if input.confirm != "yes" {
        errors.add("confirm", "error-delete-confirm");
    }
    if !errors.is_empty() {
        let view = DeleteView {
            page: Page::new(&ctx, "delete-title").with_errors(&errors),
            has_password: user.has_password,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response());
    }
    let mut tx = state.db.pool.begin().await?;
    // Sessions, roles, identities and tokens go with the account (ON DELETE CASCADE).
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    let (subject, body) = mail_text(
        ctx.lang,
        "mail-account-deleted",
        &[("name", user.name.clone())],
    );
    mail::enqueue(&mut *tx, &user.email, &subject, &body).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok((
        session::logout_cookies(&state.config, "flash-account-deleted"),
        Redirect::to("/"),
    )
        .into_response())
}
