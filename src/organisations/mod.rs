//! Organisations: global profiles (one organisation may sign several
//! agreements), umbrella organisations and their members, municipalities,
//! legal forms and contact persons.

pub mod contacts;
pub mod legal_form;
pub mod municipalities;
pub mod org_number;
pub mod profile;
pub mod representatives;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};

use crate::agreements::long_date;
use crate::db::Db;
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

/// What kind of organisation it is; `umbrella` marks a federation.
pub const KINDS: [&str; 9] = [
    "association",
    "umbrella",
    "sports_club",
    "study_association",
    "folk_high_school",
    "faith_community",
    "social_enterprise",
    "foundation",
    "other",
];

pub const LEVELS: [&str; 3] = ["local", "regional", "national"];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations/{slug}", get(organisation_page))
        .route(
            "/organisations/{slug}/edit",
            get(profile::edit_form).post(profile::edit),
        )
        .route(
            "/organisations/{slug}/contacts",
            get(contacts::contacts_page).post(contacts::add),
        )
        .route(
            "/organisations/{slug}/contacts/{id}/consent",
            post(contacts::consent),
        )
        .route(
            "/organisations/{slug}/contacts/{id}/remove",
            post(contacts::remove),
        )
        .route(
            "/organisations/{slug}/representatives/invite",
            post(representatives::invite),
        )
        .route(
            "/organisations/{slug}/representatives/withdraw",
            post(representatives::withdraw_invitation),
        )
        .route(
            "/organisations/{slug}/representatives/{user_id}/remove",
            post(representatives::remove),
        )
        .route(
            "/organisations/{slug}/invitations/{token}",
            get(representatives::invitation).post(representatives::accept),
        )
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organisation {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub org_number: Option<String>,
    pub legal_form: String,
    pub kind: String,
    pub level: String,
    pub website: String,
    pub description: String,
}

pub const COLUMNS: &str =
    "o.id, o.slug, o.name, o.org_number, o.legal_form, o.kind, o.level, o.website, o.description";

/// A URL-safe name: lower case ASCII letters, digits and hyphens.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(80).collect()
}

/// The name as stored for search and sorting.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

pub fn legal_form_name(lang: Lang, code: &str) -> String {
    match legal_form::legal_form(code) {
        Some(f) if lang == Lang::En => f.en.to_string(),
        Some(f) => f.sv.to_string(),
        None => code.to_string(),
    }
}

pub async fn by_slug(db: &Db, slug: &str) -> AppResult<Organisation> {
    let sql = format!("SELECT {COLUMNS} FROM organisations o WHERE o.slug = $1");
    sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every organisation page, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM organisations ORDER BY slug")
        .fetch_all(&db.pool)
        .await?;
    Ok(slugs
        .into_iter()
        .map(|s| format!("/organisations/{s}"))
        .collect())
}

pub struct Period {
    pub agreement: String,
    pub agreement_slug: String,
    pub joined: String,
    pub left: Option<String>,
    pub reason: String,
    pub decision: String,
}

pub struct Contact {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
}

/// What an organisation's public page lists beside its profile.
pub struct Relations {
    /// Municipality codes.
    pub codes: Vec<String>,
    /// The umbrella organisations it belongs to: (slug, name).
    pub umbrellas: Vec<(String, String)>,
    /// Its members, for an umbrella: (slug, name).
    pub members: Vec<(String, String)>,
    /// Contacts published with consent: (name, title, email, phone).
    pub contacts: Vec<(String, String, String, String)>,
}

pub async fn relations(db: &Db, id: i64) -> Result<Relations, sqlx::Error> {
    let pool = &db.pool;
    let codes: Vec<String> = sqlx::query_scalar(
        "SELECT code FROM organisation_municipalities WHERE organisation_id = $1 ORDER BY code",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let umbrellas: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.slug, o.name FROM umbrella_members u JOIN organisations o ON o.id = u.umbrella_id
         WHERE u.member_id = $1 ORDER BY o.name_key",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let members: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.slug, o.name FROM umbrella_members u JOIN organisations o ON o.id = u.member_id
         WHERE u.umbrella_id = $1 ORDER BY o.name_key",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let contacts: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT name, title, email, phone FROM contacts
         WHERE organisation_id = $1 AND published = 1 ORDER BY name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(Relations {
        codes,
        umbrellas,
        members,
        contacts,
    })
}

#[derive(Template)]
#[template(path = "organisations/templates/organisation.html")]
struct OrganisationView {
    page: Page,
    org: Organisation,
    legal_form: String,
    municipalities: Vec<String>,
    periods: Vec<Period>,
    umbrellas: Vec<(String, String)>,
    members: Vec<(String, String)>,
    contacts: Vec<Contact>,
    /// The visitor keeps this profile: a representative or the secretariat.
    can_edit: bool,
    /// What it does in the agreements: (path, title) of measures it is
    /// responsible for, partnerships it is part of, proposals it made.
    measures: Vec<(String, String)>,
    partnerships: Vec<(String, String)>,
    proposals: Vec<(String, String)>,
}

impl OrganisationView {
    fn kind_label(&self) -> String {
        self.page.t(format!("kind-{}", self.org.kind))
    }

    fn level_label(&self) -> String {
        self.page.t(format!("level-{}", self.org.level))
    }
}

async fn organisation_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    let pool = &state.db.pool;
    let rows: Vec<(String, String, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT a.name, a.slug, s.joined_on, s.left_on, s.leave_reason, s.decision_ref
         FROM signatories s JOIN agreements a ON a.id = s.agreement_id
         WHERE s.organisation_id = $1 ORDER BY a.name, s.joined_on",
    )
    .bind(org.id)
    .fetch_all(pool)
    .await?;
    let Relations {
        codes,
        umbrellas,
        members,
        contacts,
    } = relations(&state.db, org.id).await?;
    let description = if org.description.is_empty() {
        ctx.lang
            .t_with("organisation-description", &[("name", org.name.clone())])
    } else {
        org.description.chars().take(300).collect()
    };
    Ok(render(&OrganisationView {
        can_edit: profile::may_edit(&state.db, &ctx, org.id).await?,
        measures: crate::plans::for_organisation(&state.db, org.id).await?,
        partnerships: crate::partnerships::for_organisation(&state.db, org.id).await?,
        proposals: crate::proposals::for_organisation(&state.db, org.id).await?,
        page: Page::titled(&ctx, org.name.clone()).describe(description),
        legal_form: legal_form_name(ctx.lang, &org.legal_form),
        municipalities: codes
            .iter()
            .map(|c| municipalities::municipality(c).map_or(c.clone(), |m| m.name.to_string()))
            .collect(),
        periods: rows
            .into_iter()
            .map(
                |(agreement, agreement_slug, joined, left, reason, decision)| Period {
                    agreement,
                    agreement_slug,
                    joined: long_date(ctx.lang, &joined),
                    left: left.map(|d| long_date(ctx.lang, &d)),
                    reason,
                    decision,
                },
            )
            .collect(),
        umbrellas,
        members,
        contacts: contacts
            .into_iter()
            .map(|(name, title, email, phone)| Contact {
                name,
                title,
                email,
                phone,
            })
            .collect(),
        org,
    }))
}
