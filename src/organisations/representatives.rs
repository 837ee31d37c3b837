//! An organisation's representatives: the people who keep its profile. An
//! approved application makes the applicant one; a representative invites
//! others by e-mail (a one-time link), and removes them, never the last one.

use std::time::Duration;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::profile::{self, local_date, require_edit};
use super::{Organisation, by_slug};
use crate::accounts::email::Email;
use crate::accounts::rate_limit::{self, Limit};
use crate::accounts::{self, MessageView};
use crate::db::{self, Db};
use crate::mail;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

/// How long an invitation link works.
const INVITATION_TTL: Duration = Duration::from_secs(14 * 24 * 3600);

/// Invitations one person may send in an hour: enough for a board, too few for spam.
const INVITATIONS_PER_ACCOUNT: Limit = Limit {
    name: "invite-account",
    max: 20,
    window: Duration::from_secs(60 * 60),
};

/// Invitations are one-time e-mail tokens whose purpose names the organisation,
/// so that a link works only for the organisation it was sent for.
fn purpose(org_id: i64) -> String {
    format!("invite:{org_id}")
}

pub struct Representative {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub since: String,
    pub is_you: bool,
}

pub struct Invitation {
    pub email: String,
    pub until: String,
}

pub async fn list(db: &Db, ctx: &Ctx, org_id: i64) -> Result<Vec<Representative>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.name, u.email, r.since FROM organisation_representatives r
         JOIN users u ON u.id = r.user_id WHERE r.organisation_id = $1 ORDER BY u.name, u.id",
    )
    .bind(org_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, name, email, since)| Representative {
            is_you: ctx.user.as_ref().is_some_and(|u| u.id == user_id),
            since: local_date(ctx.lang, &since),
            user_id,
            name,
            email,
        })
        .collect())
}

/// Invitations sent and not yet accepted, withdrawn or expired.
pub async fn pending(db: &Db, lang: Lang, org_id: i64) -> Result<Vec<Invitation>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT email, MAX(expires_at) FROM email_tokens
         WHERE purpose = $1 AND used_at IS NULL AND expires_at > $2
         GROUP BY email ORDER BY email",
    )
    .bind(purpose(org_id))
    .bind(db::now())
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(email, until)| Invitation {
            until: local_date(lang, &until),
            email,
        })
        .collect())
}

/// The organisations a person represents: (slug, name).
pub async fn represented_by(db: &Db, user_id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.slug, o.name FROM organisation_representatives r
         JOIN organisations o ON o.id = r.organisation_id
         WHERE r.user_id = $1 ORDER BY o.name_key",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
}

/// Makes a person a representative of the organisation, and gives them the
/// representative's role in every agreement it has signed and not left.
pub async fn add(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org_id: i64,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    let now = db::now();
    sqlx::query(
        "INSERT INTO organisation_representatives (organisation_id, user_id, since) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO roles (user_id, agreement_id, role, granted_at)
         SELECT $1, agreement_id, 'representative', $2 FROM signatories
         WHERE organisation_id = $3 AND left_on IS NULL
         ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(&now)
    .bind(org_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

// ---------------------------------------------------------------- inviting

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteInput {
    pub invite_email: String,
}

pub(super) async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<InviteInput>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    require_edit(&state.db, &ctx, org.id).await?;
    let user = ctx.require_user()?.clone();
    let mut errors = Errors::new();
    let email = match Email::parse(&input.invite_email) {
        Ok(email) => Some(email),
        Err("error-email-missing") => {
            errors.add("invite_email", "error-invite-email-missing");
            None
        }
        Err(key) => {
            errors.add("invite_email", key);
            None
        }
    };
    if let Some(email) = &email {
        let already: Option<i64> = sqlx::query_scalar(
            "SELECT r.user_id FROM organisation_representatives r JOIN users u ON u.id = r.user_id
             WHERE r.organisation_id = $1 AND u.email = $2",
        )
        .bind(org.id)
        .bind(email.as_str())
        .fetch_optional(&state.db.pool)
        .await?;
        if already.is_some() {
            errors.add("invite_email", "error-already-representative");
        }
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return profile::edit_view(&state.db, &ctx, org, None, input.invite_email, errors).await;
    };
    if let Some(retry_after_secs) =
        rate_limit::hit(&state.db, &INVITATIONS_PER_ACCOUNT, &user.id.to_string()).await?
    {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    // In the invited person's own language when they already have an account.
    let language: Option<String> =
        sqlx::query_scalar("SELECT language FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&state.db.pool)
            .await?;
    let lang = language
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(ctx.lang);
    let mut tx = state.db.pool.begin().await?;
    let secret = accounts::issue_token(
        &mut *tx,
        &purpose(org.id),
        user.id,
        email.as_str(),
        INVITATION_TTL,
    )
    .await?;
    let args = [
        ("inviter", user.name.clone()),
        ("organisation", org.name.clone()),
        (
            "link",
            state
                .config
                .absolute(&format!("/organisations/{}/invitations/{secret}", org.slug)),
        ),
        ("register", state.config.absolute("/register")),
    ];
    mail::enqueue(
        &mut *tx,
        email.as_str(),
        &lang.t_with("mail-invitation-subject", &args),
        &lang.t_with("mail-invitation-body", &args),
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        "flash-invitation-sent",
        &format!("/organisations/{}/edit#representatives", org.slug),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WithdrawInput {
    pub email: String,
}

/// Withdraws every open invitation of the organisation to one address.
pub(super) async fn withdraw_invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<WithdrawInput>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    require_edit(&state.db, &ctx, org.id).await?;
    sqlx::query(
        "UPDATE email_tokens SET used_at = $1 WHERE purpose = $2 AND email = $3 AND used_at IS NULL",
    )
    .bind(db::now())
    .bind(purpose(org.id))
    .bind(&input.email)
    .execute(&state.db.pool)
    .await?;
    Ok(flash_redirect(
        &state.config,
        "flash-invitation-withdrawn",
        &format!("/organisations/{}/edit#representatives", org.slug),
    ))
}

// ---------------------------------------------------------------- accepting

#[derive(Template)]
#[template(path = "organisations/templates/invitation.html")]
struct InvitationView {
    page: Page,
    org: Organisation,
    secret: String,
    /// Which account accepting makes a representative.
    account: String,
}

fn invalid_invitation(ctx: &Ctx) -> Response {
    (
        StatusCode::NOT_FOUND,
        render(&MessageView {
            page: Page::new(ctx, "invitation-invalid-title"),
            text: ctx.t("invitation-invalid-text"),
            link: None,
        }),
    )
        .into_response()
}

/// The link in the mail asks before it acts: the person sees which account
/// becomes the representative, and a mail scanner that follows links
/// accepts nothing.
pub(super) async fn invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, secret)): Path<(String, String)>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    let user = ctx.require_user()?;
    if !accounts::token_is_valid(&state.db, &purpose(org.id), &secret).await? {
        return Ok(invalid_invitation(&ctx));
    }
    Ok(render(&InvitationView {
        page: Page::titled(
            &ctx,
            ctx.lang
                .t_with("invitation-title", &[("organisation", org.name.clone())]),
        ),
        account: ctx.lang.t_with(
            "invitation-account",
            &[("name", user.name.clone()), ("email", user.email.clone())],
        ),
        org,
        secret,
    }))
}

pub(super) async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, secret)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    let user = ctx.require_user()?.clone();
    let mut tx = state.db.pool.begin().await?;
    if accounts::redeem_token(&mut *tx, &purpose(org.id), &secret)
        .await?
        .is_none()
    {
        return Ok(invalid_invitation(&ctx));
    }
    add(&mut tx, org.id, user.id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-invitation-accepted",
        &format!("/organisations/{}/edit", org.slug),
    ))
}

// ---------------------------------------------------------------- removing

pub(super) async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    require_edit(&state.db, &ctx, org.id).await?;
    let me = ctx.require_user()?.clone();
    let mut tx = state.db.pool.begin().await?;
    // Locks the organisation's representatives first, so that two removals
    // at the same time cannot leave it with none.
    sqlx::query("UPDATE organisation_representatives SET since = since WHERE organisation_id = $1")
        .bind(org.id)
        .execute(&mut *tx)
        .await?;
    let person: Option<(String, String, String)> = sqlx::query_as(
        "SELECT u.email, u.name, u.language FROM organisation_representatives r
         JOIN users u ON u.id = r.user_id WHERE r.organisation_id = $1 AND r.user_id = $2",
    )
    .bind(org.id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((email, name, language)) = person else {
        return Err(AppError::NotFound);
    };
    let removed = sqlx::query(
        "DELETE FROM organisation_representatives
         WHERE organisation_id = $1 AND user_id = $2
           AND (SELECT COUNT(*) FROM organisation_representatives WHERE organisation_id = $1) > 1",
    )
    .bind(org.id)
    .bind(user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        tx.rollback().await?;
        return Ok(flash_redirect(
            &state.config,
            "flash-last-representative",
            &format!("/organisations/{}/edit#representatives", org.slug),
        ));
    }
    // The person hears of it, in case it was not agreed with them.
    let lang = Lang::parse(&language).unwrap_or_default();
    let args = [
        ("name", name),
        ("organisation", org.name.clone()),
        ("by", me.name.clone()),
    ];
    mail::enqueue(
        &mut *tx,
        &email,
        &lang.t_with("mail-representative-removed-subject", &args),
        &lang.t_with("mail-representative-removed-body", &args),
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    // Someone who removed themselves may no longer be allowed on the edit page.
    let target = if profile::may_edit(&state.db, &ctx, org.id).await? {
        format!("/organisations/{}/edit#representatives", org.slug)
    } else {
        format!("/organisations/{}", org.slug)
    };
    Ok(flash_redirect(
        &state.config,
        "flash-representative-removed",
        &target,
    ))
}
