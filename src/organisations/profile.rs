//! Keeping an organisation's profile: who may edit it, and the edit form for
//! its name, legal form, kind, level, municipalities, website and description.
//! The organisation number is its identity and is not changed here.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::representatives::{self, Invitation, Representative};
use super::{KINDS, LEVELS, Organisation, legal_form, municipalities, name_key};
use crate::accounts::session::Role;
use crate::applications::{Choice, parse_municipalities};
use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

/// Who keeps an organisation's profile: its representatives, the instance's
/// administrators, and the secretariat (editors and administrators) of any
/// agreement the organisation has signed, now or before.
pub async fn may_edit(db: &Db, ctx: &Ctx, org_id: i64) -> Result<bool, sqlx::Error> {
    let Some(user) = &ctx.user else {
        return Ok(false);
    };
    if user.is_admin {
        return Ok(true);
    }
    let represents: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM organisation_representatives WHERE organisation_id = $1 AND user_id = $2",
    )
    .bind(org_id)
    .bind(user.id)
    .fetch_optional(&db.pool)
    .await?;
    if represents.is_some() {
        return Ok(true);
    }
    let agreements: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT agreement_id FROM signatories WHERE organisation_id = $1",
    )
    .bind(org_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(agreements.iter().any(|a| user.has_role(*a, Role::Editor)))
}

/// Sends a visitor who is not logged in to the login form, and refuses
/// everyone else who may not edit the profile.
pub async fn require_edit(db: &Db, ctx: &Ctx, org_id: i64) -> AppResult<()> {
    ctx.require_user()?;
    if may_edit(db, ctx, org_id).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A stored timestamp as a date in Swedish time, for display.
pub fn local_date(lang: Lang, timestamp: &str) -> String {
    let date = timestamp
        .parse::<jiff::Timestamp>()
        .ok()
        .and_then(|t| {
            jiff::tz::TimeZone::get("Europe/Stockholm")
                .ok()
                .map(|tz| t.to_zoned(tz).date().to_string())
        })
        .unwrap_or_else(|| timestamp.chars().take(10).collect());
    crate::agreements::long_date(lang, &date)
}

pub fn legal_form_choices(lang: Lang) -> Vec<Choice> {
    legal_form::LEGAL_FORMS
        .iter()
        .map(|f| Choice {
            value: f.code,
            label: if lang == Lang::En {
                f.en.into()
            } else {
                f.sv.into()
            },
        })
        .collect()
}

pub fn kind_choices(lang: Lang) -> Vec<Choice> {
    KINDS
        .iter()
        .map(|k| Choice {
            value: k,
            label: lang.t(&format!("kind-{k}")),
        })
        .collect()
}

pub fn level_choices(lang: Lang) -> Vec<Choice> {
    LEVELS
        .iter()
        .map(|l| Choice {
            value: l,
            label: lang.t(&format!("level-{l}")),
        })
        .collect()
}

// ---------------------------------------------------------------- the form

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ProfileInput {
    pub name: String,
    pub legal_form: String,
    pub kind: String,
    pub level: String,
    pub municipalities: String,
    pub website: String,
    pub description: String,
}

/// A profile that passed every check, ready to be stored.
pub struct ValidProfile {
    pub name: String,
    pub legal_form: String,
    pub kind: String,
    pub level: String,
    pub municipality_codes: Vec<String>,
    pub website: String,
    pub description: String,
}

impl ProfileInput {
    /// The form filled in with what is stored; municipalities by name, as
    /// people write them.
    fn from_stored(org: &Organisation, codes: &[String]) -> ProfileInput {
        ProfileInput {
            name: org.name.clone(),
            legal_form: org.legal_form.clone(),
            kind: org.kind.clone(),
            level: org.level.clone(),
            municipalities: codes
                .iter()
                .map(|c| municipalities::municipality(c).map_or(c.as_str(), |m| m.name))
                .collect::<Vec<_>>()
                .join(", "),
            website: org.website.clone(),
            description: org.description.clone(),
        }
    }

    pub fn validate(&self, errors: &mut Errors) -> Option<ValidProfile> {
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "error-organisation-name-missing");
        } else if name.chars().count() > 200 {
            errors.add("name", "error-name-long");
        }
        if legal_form::legal_form(&self.legal_form).is_none() {
            errors.add("legal_form", "error-choose-one");
        }
        if !KINDS.contains(&self.kind.as_str()) {
            errors.add("kind", "error-choose-one");
        }
        if !LEVELS.contains(&self.level.as_str()) {
            errors.add("level", "error-choose-one");
        }
        let codes = parse_municipalities(&self.municipalities)
            .map_err(|_| errors.add("municipalities", "error-municipality-unknown"))
            .ok();
        let website = self.website.trim();
        // Only web addresses: the public page makes the website a link.
        if !(website.is_empty()
            || website.starts_with("https://")
            || website.starts_with("http://"))
            || website.chars().any(char::is_whitespace)
        {
            errors.add("website", "error-website");
        }
        if self.description.chars().count() > 5000 {
            errors.add("description", "error-too-long");
        }
        if !errors.is_empty() {
            return None;
        }
        Some(ValidProfile {
            name: name.to_string(),
            legal_form: self.legal_form.clone(),
            kind: self.kind.clone(),
            level: self.level.clone(),
            municipality_codes: codes?,
            website: website.to_string(),
            description: self.description.trim().to_string(),
        })
    }
}

async fn municipality_codes(db: &Db, org_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT code FROM organisation_municipalities WHERE organisation_id = $1 ORDER BY code",
    )
    .bind(org_id)
    .fetch_all(&db.pool)
    .await
}

#[derive(Template)]
#[template(path = "organisations/templates/edit.html")]
struct EditView {
    page: Page,
    org: Organisation,
    values: ProfileInput,
    /// The e-mail address typed into the invitation form, kept on an error.
    invite_email: String,
    errors: Errors,
    legal_forms: Vec<Choice>,
    kinds: Vec<Choice>,
    levels: Vec<Choice>,
    representatives: Vec<Representative>,
    invitations: Vec<Invitation>,
    contacts: i64,
    published_contacts: i64,
}

/// The edit page: the profile form, the representatives with the invitation
/// form, and the way to the contact persons. Either form may come back with
/// errors; the other then shows what is stored.
pub(super) async fn edit_view(
    db: &Db,
    ctx: &Ctx,
    org: Organisation,
    values: Option<ProfileInput>,
    invite_email: String,
    errors: Errors,
) -> AppResult<Response> {
    let lang = ctx.lang;
    let values = match values {
        Some(v) => v,
        None => ProfileInput::from_stored(&org, &municipality_codes(db, org.id).await?),
    };
    let (contacts, published_contacts): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(CASE WHEN published = 1 THEN 1 END) FROM contacts
         WHERE organisation_id = $1",
    )
    .bind(org.id)
    .fetch_one(&db.pool)
    .await?;
    let page = Page::titled(
        ctx,
        lang.t_with(
            "organisation-edit-title",
            &[("organisation", org.name.clone())],
        ),
    )
    .with_errors(&errors);
    let status = errors.status();
    let view = EditView {
        representatives: representatives::list(db, ctx, org.id).await?,
        invitations: representatives::pending(db, lang, org.id).await?,
        legal_forms: legal_form_choices(lang),
        kinds: kind_choices(lang),
        levels: level_choices(lang),
        page,
        org,
        values,
        invite_email,
        errors,
        contacts,
        published_contacts,
    };
    Ok((status, render(&view)).into_response())
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let org = super::by_slug(&state.db, &slug).await?;
    require_edit(&state.db, &ctx, org.id).await?;
    edit_view(&state.db, &ctx, org, None, String::new(), Errors::new()).await
}

pub(super) async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<ProfileInput>,
) -> AppResult<Response> {
    let org = super::by_slug(&state.db, &slug).await?;
    require_edit(&state.db, &ctx, org.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = input.validate(&mut errors) else {
        return edit_view(&state.db, &ctx, org, Some(input), String::new(), errors).await;
    };
    // The profile and its municipalities change together or not at all.
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "UPDATE organisations SET name = $1, name_key = $2, legal_form = $3, kind = $4, level = $5,
            website = $6, description = $7, updated_at = $8
         WHERE id = $9",
    )
    .bind(&valid.name)
    .bind(name_key(&valid.name))
    .bind(&valid.legal_form)
    .bind(&valid.kind)
    .bind(&valid.level)
    .bind(&valid.website)
    .bind(&valid.description)
    .bind(db::now())
    .bind(org.id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM organisation_municipalities WHERE organisation_id = $1")
        .bind(org.id)
        .execute(&mut *tx)
        .await?;
    for code in &valid.municipality_codes {
        sqlx::query(
            "INSERT INTO organisation_municipalities (organisation_id, code) VALUES ($1, $2)",
        )
        .bind(org.id)
        .bind(code)
        .execute(&mut *tx)
        .await?;
    }
    crate::search::changed(&mut *tx, crate::search::Kind::Organisation, org.id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-organisation-saved",
        &format!("/organisations/{}", org.slug),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProfileInput {
        ProfileInput {
            name: "  Exempelföreningen  ".into(),
            legal_form: "61".into(),
            kind: "association".into(),
            level: "regional".into(),
            municipalities: "Göteborg; borås, 1490".into(),
            website: "https://exempel.example".into(),
            description: " Om oss. ".into(),
        }
    }

    #[test]
    fn a_good_profile_is_trimmed_and_its_municipalities_coded() {
        let mut errors = Errors::new();
        let valid = input().validate(&mut errors).expect("valid");
        assert!(errors.is_empty());
        assert_eq!(valid.name, "Exempelföreningen");
        assert_eq!(valid.municipality_codes, vec!["1480", "1490"]);
        assert_eq!(valid.description, "Om oss.");
    }

    #[test]
    fn each_mistake_is_named_by_its_field() {
        let bad = ProfileInput {
            name: " ".into(),
            legal_form: "10".into(),
            kind: "club".into(),
            level: String::new(),
            municipalities: "Göteborg, Atlantis".into(),
            website: "javascript:alert(1)".into(),
            description: "x".repeat(5001),
        };
        let mut errors = Errors::new();
        assert!(bad.validate(&mut errors).is_none());
        let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            vec![
                "name",
                "legal_form",
                "kind",
                "level",
                "municipalities",
                "website",
                "description"
            ]
        );
    }
}
