//! API tokens on the account page: an editor makes one for an integration
//! (scoped to one agreement, to write or only read), sees it once, and can
//! revoke it. Only its hash is stored; src/api/auth.rs checks it at use.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::session::{CurrentUser, Role};
use super::token;
use crate::api::auth::{self, Scope};
use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

const NAME_MAX: usize = 100;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenInput {
    pub token_name: String,
    /// The agreement's id.
    pub token_agreement: String,
    pub token_scope: String,
}

/// One of the person's tokens, as the account page lists it.
pub struct TokenLine {
    pub id: i64,
    pub name: String,
    pub agreement: String,
    pub scope_key: String,
    pub created: String,
    pub last_used: Option<String>,
    pub revoked: Option<String>,
}

/// The token section of the account page.
pub struct Section {
    /// The agreements the person may make a token for: (id, name).
    pub agreements: Vec<(i64, String)>,
    pub tokens: Vec<TokenLine>,
    pub values: TokenInput,
}

impl Section {
    /// Shown to those who edit an agreement, and to whoever still has tokens to revoke.
    pub fn shown(&self) -> bool {
        !self.agreements.is_empty() || !self.tokens.is_empty()
    }
}

/// The agreements a person edits or administers, by name.
async fn editable(db: &Db, user: &CurrentUser) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let all: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM agreements ORDER BY name")
        .fetch_all(&db.pool)
        .await?;
    Ok(all
        .into_iter()
        .filter(|(id, _)| user.has_role(*id, Role::Editor))
        .collect())
}

/// A person's token as stored (never its secret), for the page and their data export.
#[derive(serde::Serialize, sqlx::FromRow)]
pub struct TokenRow {
    #[serde(skip)]
    id: i64,
    name: String,
    agreement: String,
    scope: String,
    created_at: String,
    last_used_at: Option<String>,
    revoked_at: Option<String>,
}

/// A person's tokens, those in use first, newest first.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<TokenRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.id, t.name, a.name AS agreement, t.scope, t.created_at, t.last_used_at,
                t.revoked_at
         FROM api_tokens t JOIN agreements a ON a.id = t.agreement_id
         WHERE t.user_id = $1 ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
}

pub async fn section(
    db: &Db,
    lang: Lang,
    user: &CurrentUser,
    values: TokenInput,
) -> Result<Section, sqlx::Error> {
    let rows = of_user(db, user.id).await?;
    let moment = |t: &str| crate::meetings::time::moment(lang, t);
    Ok(Section {
        agreements: editable(db, user).await?,
        tokens: rows
            .into_iter()
            .map(|r| TokenLine {
                id: r.id,
                created: moment(&r.created_at),
                last_used: r.last_used_at.as_deref().map(moment),
                revoked: r.revoked_at.as_deref().map(moment),
                scope_key: format!("api-tokens-scope-{}", r.scope),
                name: r.name,
                agreement: r.agreement,
            })
            .collect(),
        values,
    })
}

#[derive(Template)]
#[template(path = "accounts/templates/api_token_created.html")]
struct CreatedView {
    page: Page,
    name: String,
    agreement: String,
    scope_key: String,
    secret: String,
}

/// Makes a token and shows its secret, once: the answer is not stored by
/// any cache, and the secret goes in no cookie and no log.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<TokenInput>,
) -> AppResult<Response> {
    let user = ctx.require_user()?.clone();
    let mut errors = Errors::new();
    let name = input.token_name.trim().to_string();
    if name.is_empty() {
        errors.add("token_name", "api-tokens-error-name-missing");
    } else if name.chars().count() > NAME_MAX {
        errors.add("token_name", "error-too-long");
    }
    let agreements = editable(&state.db, &user).await?;
    let agreement = agreements
        .iter()
        .find(|(id, _)| id.to_string() == input.token_agreement)
        .cloned();
    if agreement.is_none() {
        errors.add("token_agreement", "error-choose-one");
    }
    let scope = Scope::parse(&input.token_scope);
    if scope.is_none() {
        errors.add("token_scope", "error-choose-one");
    }
    let (Some((agreement_id, agreement_name)), Some(scope), true) =
        (agreement, scope, errors.is_empty())
    else {
        return super::account_view(&state, &ctx, super::Forms::tokens(input), errors).await;
    };
    let secret = auth::new_secret();
    let mut tx = state.db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, agreement_id, scope, name, token_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(user.id)
    .bind(agreement_id)
    .bind(scope.code())
    .bind(&name)
    .bind(token::hash(&secret))
    .bind(db::now())
    .fetch_one(&mut *tx)
    .await?;
    db::audit(
        &mut *tx,
        agreement_id,
        Some(user.id),
        "api_token.create",
        format!("{id}: {name} ({})", scope.code()),
    )
    .await?;
    tx.commit().await?;
    let mut response = render(&CreatedView {
        page: Page::new(&ctx, "api-tokens-created-title"),
        name,
        agreement: agreement_name,
        scope_key: format!("api-tokens-scope-{}", scope.code()),
        secret,
    });
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response.into_response())
}

/// Revokes one of the person's own tokens; it stops working at once.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let mut tx = state.db.pool.begin().await?;
    let revoked: Option<(i64, String)> = sqlx::query_as(
        "UPDATE api_tokens SET revoked_at = $1
         WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL
         RETURNING agreement_id, name",
    )
    .bind(db::now())
    .bind(id)
    .bind(user.id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((agreement_id, name)) = revoked else {
        return Err(AppError::NotFound);
    };
    db::audit(
        &mut *tx,
        agreement_id,
        Some(user.id),
        "api_token.revoke",
        format!("{id}: {name}"),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-api-token-revoked",
        "/account#api-tokens",
    ))
}
