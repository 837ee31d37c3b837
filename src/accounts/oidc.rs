//! Login through an OpenID Connect provider (an eID broker, or the region's
//! own identity provider): the authorization code flow with PKCE. People are
//! known by the provider's issuer and subject, never by e-mail alone.

use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::Deserialize;

use super::{message, session, token};
use crate::config::OidcConfig;
use crate::db;
use crate::web::context::flash_redirect;
use crate::web::i18n::safe_next;
use crate::web::{AppError, AppResult, AppState, Ctx};

/// How long a person may spend at the provider before the login expires.
const LOGIN_TTL: Duration = Duration::from_secs(10 * 60);

pub const CALLBACK_PATH: &str = "/login/oidc/callback";

fn config(state: &AppState) -> AppResult<&OidcConfig> {
    state.config.oidc.as_ref().ok_or(AppError::NotFound)
}

/// The provider's metadata, discovered once and kept; a failed discovery is
/// retried on the next login.
async fn metadata(state: &AppState, oidc: &OidcConfig) -> AppResult<CoreProviderMetadata> {
    let found = state
        .oidc_metadata
        .get_or_try_init(|| async {
            let issuer = IssuerUrl::new(oidc.issuer.clone()).map_err(AppError::internal)?;
            CoreProviderMetadata::discover_async(issuer, &state.http)
                .await
                .map_err(|e| AppError::internal(format!("OIDC discovery: {e}")))
        })
        .await?;
    Ok(found.clone())
}

async fn client(
    state: &AppState,
    oidc: &OidcConfig,
) -> AppResult<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
> {
    let redirect =
        RedirectUrl::new(state.config.absolute(CALLBACK_PATH)).map_err(AppError::internal)?;
    Ok(CoreClient::from_provider_metadata(
        metadata(state, oidc).await?,
        ClientId::new(oidc.client_id.clone()),
        oidc.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(redirect))
}

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// Sends the browser to the provider. A plain link, not a form: the
/// Content-Security-Policy's form-action would stop a form's redirect.
pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<StartQuery>,
) -> AppResult<Response> {
    let oidc = config(&state)?;
    let client = client(&state, oidc).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf_state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    sqlx::query("DELETE FROM oidc_logins WHERE expires_at < $1")
        .bind(db::now())
        .execute(&state.db.pool)
        .await?;
    sqlx::query(
        "INSERT INTO oidc_logins (state_hash, pkce_verifier, nonce, next_path, link_user_id, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token::hash(csrf_state.secret()))
    .bind(verifier.secret())
    .bind(nonce.secret())
    .bind(safe_next(q.next.as_deref()))
    // A logged-in person who starts the flow is connecting the login to their account.
    .bind(ctx.user.as_ref().map(|u| u.id))
    .bind(db::from_now(LOGIN_TTL))
    .execute(&state.db.pool)
    .await?;
    Ok(Redirect::to(url.as_str()).into_response())
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

#[derive(sqlx::FromRow)]
struct PendingLogin {
    pkce_verifier: String,
    nonce: String,
    next_path: String,
    link_user_id: Option<i64>,
}

/// Who the provider says the person is.
struct Identity {
    issuer: String,
    subject: String,
    email: Option<String>,
    email_verified: bool,
    name: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CallbackQuery>,
) -> AppResult<Response> {
    let oidc = config(&state)?;
    let failed = |ctx: &Ctx| {
        (
            StatusCode::BAD_REQUEST,
            message(ctx, "oidc-failed-title", "oidc-failed-text"),
        )
            .into_response()
    };
    let (Some(code), Some(csrf_state), None) = (q.code, q.state, q.error.as_ref()) else {
        if let Some(error) = &q.error {
            tracing::info!(%error, "OIDC provider returned an error");
        }
        return Ok(failed(&ctx));
    };
    // The state is used up at once, so that a callback cannot be replayed.
    let pending: Option<PendingLogin> = sqlx::query_as(
        "DELETE FROM oidc_logins WHERE state_hash = $1 AND expires_at > $2
         RETURNING pkce_verifier, nonce, next_path, link_user_id",
    )
    .bind(token::hash(&csrf_state))
    .bind(db::now())
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(pending) = pending else {
        return Ok(failed(&ctx));
    };
    let identity = match verify(&state, oidc, code, &pending).await {
        Ok(identity) => identity,
        Err(error) => {
            tracing::warn!(%error, "OIDC login failed");
            return Ok(failed(&ctx));
        }
    };
    let known: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM user_identities WHERE issuer = $1 AND subject = $2",
    )
    .bind(&identity.issuer)
    .bind(&identity.subject)
    .fetch_optional(&state.db.pool)
    .await?;

    let user_id = match (known, pending.link_user_id) {
        (Some(user_id), _) => user_id,
        (None, Some(user_id)) => {
            add_identity(&state, user_id, &identity).await?;
            return Ok(flash_redirect(
                &state.config,
                "flash-oidc-linked",
                "/account",
            ));
        }
        (None, None) => match create_user(&state, &identity).await? {
            Some(user_id) => user_id,
            None => {
                return Ok((
                    StatusCode::CONFLICT,
                    message(&ctx, "oidc-email-taken-title", "oidc-email-taken-text"),
                )
                    .into_response());
            }
        },
    };
    if let Some(old) = &ctx.user {
        session::end(&state.db, &old.session_hash).await?;
    }
    let session_cookie = session::create(&state.db, &state.config, user_id).await?;
    Ok((
        AppendHeaders([
            (header::SET_COOKIE, session_cookie),
            session::fresh_csrf_cookie(&state.config),
        ]),
        Redirect::to(&pending.next_path),
    )
        .into_response())
}

/// Exchanges the code (with the PKCE verifier) and checks the ID token's
/// signature, issuer, audience, expiry and nonce.
async fn verify(
    state: &AppState,
    oidc: &OidcConfig,
    code: String,
    pending: &PendingLogin,
) -> Result<Identity, String> {
    let client = client(state, oidc).await.map_err(|e| e.to_string())?;
    let response = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| e.to_string())?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&state.http)
        .await
        .map_err(|e| format!("token request: {e}"))?;
    let id_token = response.id_token().ok_or("no ID token in the response")?;
    let claims = id_token
        .claims(
            &client.id_token_verifier(),
            &Nonce::new(pending.nonce.clone()),
        )
        .map_err(|e| format!("ID token: {e}"))?;
    Ok(Identity {
        issuer: claims.issuer().to_string(),
        subject: claims.subject().to_string(),
        email: claims.email().map(|e| e.to_string()),
        email_verified: claims.email_verified().unwrap_or(false),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string()),
    })
}

async fn add_identity(
    state: &AppState,
    user_id: i64,
    identity: &Identity,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_identities (user_id, issuer, subject, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (issuer, subject) DO NOTHING",
    )
    .bind(user_id)
    .bind(&identity.issuer)
    .bind(&identity.subject)
    .bind(db::now())
    .execute(&state.db.pool)
    .await?;
    Ok(())
}

/// A first login creates the account. An address that already has an
/// account is not taken over: its owner connects the login from their
/// account page instead.
async fn create_user(state: &AppState, identity: &Identity) -> AppResult<Option<i64>> {
    let Some(email) = identity
        .email
        .as_deref()
        .and_then(|e| super::email::Email::parse(e).ok())
    else {
        return Err(AppError::BadRequest(
            "the provider gave no e-mail address".into(),
        ));
    };
    let name = identity.name.clone().unwrap_or_else(|| email.to_string());
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let created: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, email_verified_at, created_at)
         VALUES ($1, $2, NULL, $3, $4)
         ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(email.as_str())
    .bind(&name)
    .bind(identity.email_verified.then_some(now.clone()))
    .bind(&now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = created else {
        return Ok(None);
    };
    sqlx::query(
        "INSERT INTO user_identities (user_id, issuer, subject, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(user_id)
    .bind(&identity.issuer)
    .bind(&identity.subject)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(user_id))
}
