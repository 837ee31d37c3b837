//! An organisation's contact persons, kept by those who keep its profile.
//! Only work contact details belong here, and a person is shown on the
//! public page only after consenting to it (published = 1, consent_at set).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::profile::require_edit;
use super::{Organisation, by_slug};
use crate::accounts::email::Email;
use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

#[derive(Debug, sqlx::FromRow)]
pub struct ContactRow {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub published: i64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContactInput {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub consent: String,
}

/// A contact that passed every check, ready to be stored.
pub struct ValidContact {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub consented: bool,
}

/// A phone number as people write them: digits, spaces, hyphens, brackets
/// and a leading plus, with at least six digits.
fn is_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && text.chars().count() <= 30
        && text
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (c == '+' && i == 0))
}

impl ContactInput {
    pub fn validate(&self, errors: &mut Errors) -> Option<ValidContact> {
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "error-contact-name-missing");
        } else if name.chars().count() > 200 {
            errors.add("name", "error-name-long");
        }
        let title = self.title.trim();
        if title.chars().count() > 200 {
            errors.add("title", "error-too-long");
        }
        let email = self.email.trim();
        let phone = self.phone.trim();
        let email = if email.is_empty() {
            if phone.is_empty() {
                errors.add("email", "error-contact-way-missing");
            }
            Some(String::new())
        } else {
            Email::parse(email)
                .map(|e| e.as_str().to_string())
                .map_err(|key| errors.add("email", key))
                .ok()
        };
        if !phone.is_empty() && !is_phone(phone) {
            errors.add("phone", "error-phone");
        }
        if !errors.is_empty() {
            return None;
        }
        Some(ValidContact {
            name: name.to_string(),
            title: title.to_string(),
            email: email?,
            phone: phone.to_string(),
            consented: self.consent == "yes",
        })
    }
}

#[derive(Template)]
#[template(path = "organisations/templates/contacts.html")]
struct ContactsView {
    page: Page,
    org: Organisation,
    contacts: Vec<ContactRow>,
    values: ContactInput,
    errors: Errors,
}

async fn contacts_view(
    db: &Db,
    ctx: &Ctx,
    org: Organisation,
    values: ContactInput,
    errors: Errors,
) -> AppResult<Response> {
    let contacts: Vec<ContactRow> = sqlx::query_as(
        "SELECT id, name, title, email, phone, published FROM contacts
         WHERE organisation_id = $1 ORDER BY name, id",
    )
    .bind(org.id)
    .fetch_all(&db.pool)
    .await?;
    let page = Page::titled(
        ctx,
        ctx.lang
            .t_with("contacts-title", &[("organisation", org.name.clone())]),
    )
    .with_errors(&errors);
    let status = errors.status();
    let view = ContactsView {
        page,
        org,
        contacts,
        values,
        errors,
    };
    Ok((status, render(&view)).into_response())
}

pub(super) async fn contacts_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    require_edit(&state.db, &ctx, org.id).await?;
    contacts_view(&state.db, &ctx, org, ContactInput::default(), Errors::new()).await
}

fn back_to_contacts(state: &AppState, org: &Organisation, flash_key: &str) -> Response {
    flash_redirect(
        &state.config,
        flash_key,
        &format!("/organisations/{}/contacts", org.slug),
    )
}

pub(super) async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<ContactInput>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    require_edit(&state.db, &ctx, org.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = input.validate(&mut errors) else {
        return contacts_view(&state.db, &ctx, org, input, errors).await;
    };
    let now = db::now();
    sqlx::query(
        "INSERT INTO contacts (organisation_id, name, title, email, phone, published, consent_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(org.id)
    .bind(&valid.name)
    .bind(&valid.title)
    .bind(&valid.email)
    .bind(&valid.phone)
    .bind(i64::from(valid.consented))
    .bind(valid.consented.then(|| now.clone()))
    .bind(&now)
    .execute(&state.db.pool)
    .await?;
    Ok(back_to_contacts(&state, &org, "flash-contact-added"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConsentInput {
    pub consent: String,
}

/// Records that the person has consented to being shown publicly, or has
/// withdrawn that consent.
pub(super) async fn consent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<ConsentInput>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    require_edit(&state.db, &ctx, org.id).await?;
    let consented = match input.consent.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest("consent must be yes or no".into())),
    };
    let changed = sqlx::query(
        "UPDATE contacts SET published = $1, consent_at = $2 WHERE id = $3 AND organisation_id = $4",
    )
    .bind(i64::from(consented))
    .bind(consented.then(db::now))
    .bind(id)
    .bind(org.id)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    let key = if consented {
        "flash-contact-published"
    } else {
        "flash-contact-unpublished"
    };
    Ok(back_to_contacts(&state, &org, key))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let org = by_slug(&state.db, &slug).await?;
    require_edit(&state.db, &ctx, org.id).await?;
    let removed = sqlx::query("DELETE FROM contacts WHERE id = $1 AND organisation_id = $2")
        .bind(id)
        .bind(org.id)
        .execute(&state.db.pool)
        .await?
        .rows_affected();
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(back_to_contacts(&state, &org, "flash-contact-removed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_as_people_write_them() {
        for good in [
            "031-123 45 67",
            "+46 31 123 45 67",
            "(031) 12 34 56",
            "0701234567",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in [
            "12345",
            "ring mig",
            "031-123 45 67 ank. 12",
            "46+31123456",
            "1".repeat(21).as_str(),
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn a_contact_needs_a_name_and_a_way_to_reach_them() {
        let mut errors = Errors::new();
        let input = ContactInput {
            name: " ".into(),
            ..ContactInput::default()
        };
        assert!(input.validate(&mut errors).is_none());
        assert_eq!(errors.get("name"), Some("error-contact-name-missing"));
        assert_eq!(errors.get("email"), Some("error-contact-way-missing"));

        let mut errors = Errors::new();
        let input = ContactInput {
            name: "Ada Exempelsson".into(),
            email: " Ada@Forening.Example ".into(),
            consent: "yes".into(),
            ..ContactInput::default()
        };
        let valid = input.validate(&mut errors).expect("valid");
        assert_eq!(valid.email, "ada@forening.example");
        assert!(valid.consented);
    }
}
