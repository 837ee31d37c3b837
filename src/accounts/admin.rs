//! Administration of people and their roles: an instance administrator
//! finds accounts and grants or withdraws roles in each agreement.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::email::Email;
use super::session::Role;
use crate::agreements::{self, Agreement};
use crate::db;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppResult, AppState, Ctx};

const PER_PAGE: i64 = 50;

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    name: String,
    email: String,
    email_verified_at: Option<String>,
    is_admin: i64,
}

pub struct UserLine {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub verified: bool,
    pub is_admin: bool,
    /// (agreement id, agreement short name, role code)
    pub roles: Vec<(i64, String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GrantInput {
    email: String,
    agreement: String,
    role: String,
}

#[derive(Template)]
#[template(path = "accounts/templates/users.html")]
struct UsersView {
    page: Page,
    query: String,
    users: Vec<UserLine>,
    total: i64,
    page_number: i64,
    pages: i64,
    agreements: Vec<Agreement>,
    roles: Vec<&'static str>,
    values: GrantInput,
    errors: Errors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UsersQuery {
    q: String,
    page: Option<i64>,
}

async fn users_view(
    state: &AppState,
    ctx: &Ctx,
    query: UsersQuery,
    values: GrantInput,
    errors: Errors,
) -> AppResult<Response> {
    let pattern = format!("%{}%", query.q.trim().to_lowercase());
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email LIKE $1 OR LOWER(name) LIKE $1")
            .bind(&pattern)
            .fetch_one(&state.db.pool)
            .await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page_number = query.page.unwrap_or(1).clamp(1, pages);
    let rows: Vec<UserRow> = sqlx::query_as(
        "SELECT id, name, email, email_verified_at, is_admin FROM users
         WHERE email LIKE $1 OR LOWER(name) LIKE $1
         ORDER BY email LIMIT $2 OFFSET $3",
    )
    .bind(&pattern)
    .bind(PER_PAGE)
    .bind((page_number - 1) * PER_PAGE)
    .fetch_all(&state.db.pool)
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    // One query for the roles of the whole page.
    let roles: Vec<(i64, i64, String, String)> = if ids.is_empty() {
        Vec::new()
    } else {
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT r.user_id, a.id, a.short_name, r.role FROM roles r
             JOIN agreements a ON a.id = r.agreement_id
             WHERE r.user_id IN ({}) ORDER BY a.short_name, r.role",
            placeholders.join(", ")
        );
        let mut q = sqlx::query_as(&sql);
        for id in &ids {
            q = q.bind(*id);
        }
        q.fetch_all(&state.db.pool).await?
    };
    let users = rows
        .into_iter()
        .map(|r| UserLine {
            roles: roles
                .iter()
                .filter(|(u, ..)| *u == r.id)
                .map(|(_, a, name, role)| (*a, name.clone(), role.clone()))
                .collect(),
            id: r.id,
            name: r.name,
            email: r.email,
            verified: r.email_verified_at.is_some(),
            is_admin: r.is_admin != 0,
        })
        .collect();
    let view = UsersView {
        page: Page::new(ctx, "users-title").with_errors(&errors),
        query: query.q,
        users,
        total,
        page_number,
        pages,
        agreements: agreements::all(&state.db).await?,
        roles: Role::ALL.iter().map(|r| r.code()).collect(),
        values,
        errors,
    };
    let status = view.errors.status();
    Ok((status, render(&view)).into_response())
}

pub async fn users(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<UsersQuery>,
) -> AppResult<Response> {
    ctx.require_instance_admin()?;
    users_view(&state, &ctx, query, GrantInput::default(), Errors::new()).await
}

pub async fn grant(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<GrantInput>,
) -> AppResult<Response> {
    ctx.require_instance_admin()?;
    let mut errors = Errors::new();
    let user_id: Option<i64> = match Email::parse(&input.email) {
        Ok(email) => {
            let found = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                .bind(email.as_str())
                .fetch_optional(&state.db.pool)
                .await?;
            if found.is_none() {
                errors.add("email", "error-no-such-account");
            }
            found
        }
        Err(key) => {
            errors.add("email", key);
            None
        }
    };
    let agreement: Option<i64> = sqlx::query_scalar("SELECT id FROM agreements WHERE slug = $1")
        .bind(&input.agreement)
        .fetch_optional(&state.db.pool)
        .await?;
    if agreement.is_none() {
        errors.add("agreement", "error-choose-one");
    }
    let role = Role::parse(&input.role);
    if role.is_none() {
        errors.add("role", "error-choose-one");
    }
    let (Some(user_id), Some(agreement_id), Some(role)) = (user_id, agreement, role) else {
        return users_view(&state, &ctx, UsersQuery::default(), input, errors).await;
    };
    sqlx::query(
        "INSERT INTO roles (user_id, agreement_id, role, granted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, agreement_id, role) DO NOTHING",
    )
    .bind(user_id)
    .bind(agreement_id)
    .bind(role.code())
    .bind(db::now())
    .execute(&state.db.pool)
    .await?;
    tracing::info!(
        by = ctx.user.as_ref().map(|u| u.id),
        user_id,
        agreement_id,
        role = role.code(),
        "role granted"
    );
    Ok(flash_redirect(
        &state.config,
        "flash-role-granted",
        "/admin/users",
    ))
}

#[derive(Deserialize)]
pub struct RevokeInput {
    user_id: i64,
    agreement_id: i64,
    role: String,
}

pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<RevokeInput>,
) -> AppResult<Response> {
    ctx.require_instance_admin()?;
    sqlx::query("DELETE FROM roles WHERE user_id = $1 AND agreement_id = $2 AND role = $3")
        .bind(input.user_id)
        .bind(input.agreement_id)
        .bind(&input.role)
        .execute(&state.db.pool)
        .await?;
    tracing::info!(by = ctx.user.as_ref().map(|u| u.id), user_id = input.user_id, agreement_id = input.agreement_id, role = %input.role, "role withdrawn");
    Ok(flash_redirect(
        &state.config,
        "flash-role-revoked",
        "/admin/users",
    ))
}
