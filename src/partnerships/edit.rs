//! Editors register and change partnerships (with their organisations, years,
//! contacts and documents as repeated rows), add follow-up reports and set the status.

use std::sync::LazyLock;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{KINDS, Partnership, STATUSES};
use crate::accounts::email::Email;
use crate::agreements::{self, Agreement};
use crate::bodies::phone::Phone;
use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfPairs, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppResult, AppState, Ctx};

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/partnerships/new", get(new_form).post(create))
        .route(
            "/{slug}/partnerships/{id}/edit",
            get(edit_form).post(update),
        )
        .route(
            "/{slug}/partnerships/{id}/reports/new",
            get(report_form).post(add_report),
        )
        .route(
            "/{slug}/partnerships/{id}/status",
            get(status_form).post(change_status),
        )
}

// ---------------------------------------------------------------- rows

/// At most this many rows of each kind per save; beyond it rows are dropped
/// (no partnership has that many organisations or years).
const MAX_ROWS: usize = 30;
/// Empty rows offered after the filled ones.
const BLANK_ROWS: usize = 2;

const ROW_FIELDS: [&str; 12] = [
    "org_id",
    "org_name",
    "year",
    "public_funding",
    "own_contribution",
    "volunteer_hours",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "doc_title",
    "doc_url",
];

/// Errors name their field with a `&'static str`: each row field's id
/// ("year_3") is made once, for the life of the process.
static ROW_NAMES: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    ROW_FIELDS
        .iter()
        .map(|f| {
            (0..MAX_ROWS)
                .map(|i| &*Box::leak(format!("{f}_{i}").into_boxed_str()))
                .collect()
        })
        .collect()
});

fn row_name(field: &str, i: usize) -> &'static str {
    let f = ROW_FIELDS.iter().position(|x| *x == field).unwrap_or(0);
    ROW_NAMES[f][i.min(MAX_ROWS - 1)]
}

#[derive(Default, Clone)]
pub struct OrgRow {
    /// The register's id as text, or empty for a name typed.
    pub organisation: String,
    pub name: String,
}

#[derive(Default, Clone)]
pub struct YearRow {
    pub year: String,
    pub public_funding: String,
    pub own_contribution: String,
    pub volunteer_hours: String,
}

#[derive(Default, Clone)]
pub struct ContactRow {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

#[derive(Default, Clone)]
pub struct DocRow {
    pub title: String,
    pub url: String,
}

/// The partnership form as typed.
#[derive(Default, Clone)]
pub struct Input {
    pub kind: String,
    pub title: String,
    pub societal_goal: String,
    pub target_group: String,
    pub public_party: String,
    pub public_committee: String,
    pub starts_on: String,
    pub ends_on: String,
    pub status: String,
    pub assessment: String,
    pub decision_body: String,
    pub decision_on: String,
    pub case_number: String,
    pub description: String,
    pub organisations: Vec<OrgRow>,
    pub years: Vec<YearRow>,
    pub contacts: Vec<ContactRow>,
    pub documents: Vec<DocRow>,
}

/// Pads a list of rows with blank ones, within the maximum.
fn pad<T: Default + Clone>(rows: &mut Vec<T>, minimum: usize) {
    let n = (rows.len() + BLANK_ROWS).max(minimum).min(MAX_ROWS);
    if rows.len() < n {
        rows.resize(n, T::default());
    }
    rows.truncate(MAX_ROWS);
}

impl Input {
    fn from_pairs(form: &CsrfPairs) -> Input {
        let columns = |names: &[&str]| -> (usize, Vec<Vec<String>>) {
            let cols: Vec<Vec<String>> = names.iter().map(|n| form.all(n)).collect();
            let n = cols.iter().map(Vec::len).max().unwrap_or(0).min(MAX_ROWS);
            (n, cols)
        };
        let at = |cols: &Vec<Vec<String>>, c: usize, i: usize| {
            cols[c].get(i).cloned().unwrap_or_default()
        };
        let (n, o) = columns(&["org_id", "org_name"]);
        let organisations = (0..n)
            .map(|i| OrgRow {
                organisation: at(&o, 0, i),
                name: at(&o, 1, i),
            })
            .collect();
        let (n, y) = columns(&[
            "year",
            "public_funding",
            "own_contribution",
            "volunteer_hours",
        ]);
        let years = (0..n)
            .map(|i| YearRow {
                year: at(&y, 0, i),
                public_funding: at(&y, 1, i),
                own_contribution: at(&y, 2, i),
                volunteer_hours: at(&y, 3, i),
            })
            .collect();
        let (n, c) = columns(&[
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
        ]);
        let contacts = (0..n)
            .map(|i| ContactRow {
                name: at(&c, 0, i),
                role: at(&c, 1, i),
                email: at(&c, 2, i),
                phone: at(&c, 3, i),
            })
            .collect();
        let (n, d) = columns(&["doc_title", "doc_url"]);
        let documents = (0..n)
            .map(|i| DocRow {
                title: at(&d, 0, i),
                url: at(&d, 1, i),
            })
            .collect();
        Input {
            kind: form.get("kind"),
            title: form.get("title"),
            societal_goal: form.get("societal_goal"),
            target_group: form.get("target_group"),
            public_party: form.get("public_party"),
            public_committee: form.get("public_committee"),
            starts_on: form.get("starts_on"),
            ends_on: form.get("ends_on"),
            status: form.get("status"),
            assessment: form.get("assessment"),
            decision_body: form.get("decision_body"),
            decision_on: form.get("decision_on"),
            case_number: form.get("case_number"),
            description: form.get("description"),
            organisations,
            years,
            contacts,
            documents,
        }
    }

    /// Blank rows for the form to offer.
    fn padded(mut self) -> Input {
        pad(&mut self.organisations, 3);
        pad(&mut self.years, 3);
        pad(&mut self.contacts, 2);
        pad(&mut self.documents, 2);
        self
    }

    fn blank(public_body: &str) -> Input {
        Input {
            kind: "iop".into(),
            status: "planned".into(),
            public_party: public_body.to_string(),
            ..Input::default()
        }
        .padded()
    }

    async fn of(db: &Db, p: &Partnership) -> Result<Input, sqlx::Error> {
        let organisations = super::organisations(db, p.id)
            .await?
            .into_iter()
            .map(|o| OrgRow {
                organisation: o
                    .organisation_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
                name: if o.organisation_id.is_some() {
                    String::new()
                } else {
                    o.name
                },
            })
            .collect();
        let years = super::years(db, p.id)
            .await?
            .into_iter()
            .map(|y| YearRow {
                year: y.year.to_string(),
                public_funding: y.public_funding.to_string(),
                own_contribution: y.own_contribution.to_string(),
                volunteer_hours: y.volunteer_hours.to_string(),
            })
            .collect();
        let contacts = super::contacts(db, p.id)
            .await?
            .into_iter()
            .map(|c| ContactRow {
                phone: if c.phone.is_empty() {
                    String::new()
                } else {
                    Phone::from_stored(&c.phone).swedish()
                },
                name: c.name,
                role: c.role,
                email: c.email,
            })
            .collect();
        let documents = super::documents(db, p.id)
            .await?
            .into_iter()
            .map(|d| DocRow {
                title: d.title,
                url: d.url,
            })
            .collect();
        Ok(Input {
            kind: p.kind.clone(),
            title: p.title.clone(),
            societal_goal: p.societal_goal.clone(),
            target_group: p.target_group.clone(),
            public_party: p.public_party.clone(),
            public_committee: p.public_committee.clone(),
            starts_on: p.starts_on.clone().unwrap_or_default(),
            ends_on: p.ends_on.clone().unwrap_or_default(),
            status: p.status.clone(),
            assessment: p.assessment.clone(),
            decision_body: p.decision_body.clone(),
            decision_on: p.decision_on.clone().unwrap_or_default(),
            case_number: p.case_number.clone(),
            description: p.description.clone(),
            organisations,
            years,
            contacts,
            documents,
        }
        .padded())
    }
}

// ---------------------------------------------------------------- parsing

/// A date typed as YYYY-MM-DD, and nothing else.
pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    let t = text.trim();
    let shape = t.len() == 10
        && t.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    t.parse().ok()
}

/// A whole, non-negative amount, as people write it: "150 000", "150000".
/// Empty is 0.
pub fn parse_amount(text: &str) -> Option<i64> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t'))
        .collect();
    if digits.is_empty() {
        return Some(0);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok()
}

pub fn parse_year(text: &str) -> Option<i64> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (1990..=2100).contains(y))
}

/// Links may point at a page of this site or at the web, nothing else.
fn is_link(url: &str) -> bool {
    (url.starts_with('/') && !url.starts_with("//"))
        || url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// A partnership as it will be stored, once the input is valid.
struct Valid {
    starts_on: Option<String>,
    ends_on: Option<String>,
    decision_on: Option<String>,
    /// (register id, name)
    organisations: Vec<(Option<i64>, String)>,
    years: Vec<(i64, i64, i64, i64)>,
    /// (row, phone in E.164)
    contacts: Vec<(ContactRow, String)>,
    documents: Vec<DocRow>,
}

fn optional_date(text: &str, field: &'static str, errors: &mut Errors) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    match parse_date(text) {
        Some(d) => Some(d.to_string()),
        None => {
            errors.add(field, "error-date");
            None
        }
    }
}

fn validate(input: &Input, choices: &[(i64, String)], errors: &mut Errors) -> Option<Valid> {
    if !KINDS.contains(&input.kind.as_str()) {
        errors.add("kind", "error-choose-one");
    }
    if input.title.trim().is_empty() {
        errors.add("title", "error-required");
    }
    if !STATUSES.contains(&input.status.as_str()) {
        errors.add("status", "error-choose-one");
    }
    let starts_on = optional_date(&input.starts_on, "starts_on", errors);
    let ends_on = optional_date(&input.ends_on, "ends_on", errors);
    if let (Some(s), Some(e)) = (&starts_on, &ends_on)
        && e < s
    {
        errors.add("ends_on", "partnership-error-end-before-start");
    }
    let decision_on = optional_date(&input.decision_on, "decision_on", errors);

    let mut organisations = Vec::new();
    for (i, row) in input.organisations.iter().enumerate() {
        let chosen = row.organisation.trim();
        let name = row.name.trim();
        if !chosen.is_empty() {
            let found = chosen
                .parse::<i64>()
                .ok()
                .and_then(|id| choices.iter().find(|(c, _)| *c == id));
            match found {
                Some((id, register_name)) => {
                    organisations.push((Some(*id), register_name.clone()));
                }
                None => errors.add(row_name("org_id", i), "error-choose-one"),
            }
        } else if !name.is_empty() {
            organisations.push((None, name.to_string()));
        }
    }

    let mut years: Vec<(i64, i64, i64, i64)> = Vec::new();
    for (i, row) in input.years.iter().enumerate() {
        let filled = [
            &row.year,
            &row.public_funding,
            &row.own_contribution,
            &row.volunteer_hours,
        ]
        .iter()
        .any(|s| !s.trim().is_empty());
        if !filled {
            continue;
        }
        let year = parse_year(&row.year);
        match year {
            None => errors.add(row_name("year", i), "partnership-error-year"),
            Some(y) if years.iter().any(|r| r.0 == y) => {
                errors.add(row_name("year", i), "partnership-error-year-twice");
            }
            Some(_) => {}
        }
        let mut amount = |field: &'static str, text: &str| {
            parse_amount(text).unwrap_or_else(|| {
                errors.add(row_name(field, i), "partnership-error-amount");
                0
            })
        };
        let public = amount("public_funding", &row.public_funding);
        let own = amount("own_contribution", &row.own_contribution);
        let hours = amount("volunteer_hours", &row.volunteer_hours);
        if let Some(y) = year {
            years.push((y, public, own, hours));
        }
    }

    let mut contacts = Vec::new();
    for (i, row) in input.contacts.iter().enumerate() {
        let filled = [&row.name, &row.role, &row.email, &row.phone]
            .iter()
            .any(|s| !s.trim().is_empty());
        if !filled {
            continue;
        }
        if row.name.trim().is_empty() {
            errors.add(
                row_name("contact_name", i),
                "partnership-error-contact-name",
            );
        }
        if !row.email.trim().is_empty()
            && let Err(key) = Email::parse(&row.email)
        {
            errors.add(row_name("contact_email", i), key);
        }
        let phone = if row.phone.trim().is_empty() {
            String::new()
        } else {
            match Phone::parse(&row.phone) {
                Ok(p) => p.e164().to_string(),
                Err(key) => {
                    errors.add(row_name("contact_phone", i), key);
                    String::new()
                }
            }
        };
        contacts.push((row.clone(), phone));
    }

    let mut documents = Vec::new();
    for (i, row) in input.documents.iter().enumerate() {
        let (title, url) = (row.title.trim(), row.url.trim());
        if title.is_empty() && url.is_empty() {
            continue;
        }
        if title.is_empty() {
            errors.add(row_name("doc_title", i), "partnership-error-document-title");
        }
        if !is_link(url) {
            errors.add(row_name("doc_url", i), "partnership-error-url");
        }
        documents.push(row.clone());
    }

    if !errors.is_empty() {
        return None;
    }
    Some(Valid {
        starts_on,
        ends_on,
        decision_on,
        organisations,
        years,
        contacts,
        documents,
    })
}

// ---------------------------------------------------------------- the form

#[derive(Template)]
#[template(path = "partnerships/templates/edit.html")]
struct EditView {
    page: Page,
    agreement: Agreement,
    /// None for a new partnership.
    partnership_id: Option<i64>,
    values: Input,
    errors: Errors,
    choices: Vec<(i64, String)>,
}

type RowField = (&'static str, &'static str, String, &'static str);

impl EditView {
    fn action(&self) -> String {
        match self.partnership_id {
            Some(id) => format!("/{}/partnerships/{id}/edit", self.agreement.slug),
            None => format!("/{}/partnerships/new", self.agreement.slug),
        }
    }
    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }
    fn chosen(&self, row: &OrgRow, id: &i64) -> bool {
        row.organisation.trim() == id.to_string()
    }
    fn year_fields(&self, y: &YearRow) -> Vec<RowField> {
        vec![
            ("year", "partnership-year", y.year.clone(), "numeric"),
            (
                "public_funding",
                "partnership-public-funding",
                y.public_funding.clone(),
                "numeric",
            ),
            (
                "own_contribution",
                "partnership-own-contribution",
                y.own_contribution.clone(),
                "numeric",
            ),
            (
                "volunteer_hours",
                "partnership-volunteer-hours",
                y.volunteer_hours.clone(),
                "numeric",
            ),
        ]
    }
    fn contact_fields(&self, c: &ContactRow) -> Vec<RowField> {
        vec![
            (
                "contact_name",
                "partnership-contact-name",
                c.name.clone(),
                "text",
            ),
            (
                "contact_role",
                "partnership-contact-role",
                c.role.clone(),
                "text",
            ),
            (
                "contact_email",
                "partnership-contact-email",
                c.email.clone(),
                "email",
            ),
            (
                "contact_phone",
                "partnership-contact-phone",
                c.phone.clone(),
                "tel",
            ),
        ]
    }
    fn document_fields(&self, d: &DocRow) -> Vec<RowField> {
        vec![
            (
                "doc_title",
                "partnership-document-title",
                d.title.clone(),
                "text",
            ),
            ("doc_url", "partnership-document-url", d.url.clone(), "url"),
        ]
    }
    fn row_field(&self, name: &str, i: usize) -> String {
        format!("{name}_{i}")
    }
    fn row_error(&self, name: &str, i: usize) -> Option<String> {
        self.errors
            .get(&format!("{name}_{i}"))
            .map(|key| self.page.t(key))
    }
}

async fn form_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    partnership_id: Option<i64>,
    values: Input,
    errors: Errors,
) -> AppResult<Response> {
    let key = if partnership_id.is_some() {
        "partnership-edit"
    } else {
        "partnership-new"
    };
    let mut page = Page::new(ctx, key).with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    Ok((
        status,
        render(&EditView {
            choices: super::organisation_choices(&state.db, agreement.id).await?,
            page,
            agreement,
            partnership_id,
            values,
            errors,
        }),
    )
        .into_response())
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let values = Input::blank(&agreement.public_body);
    form_view(&state, &ctx, agreement, None, values, Errors::new()).await
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let p = Partnership::find(&state.db, agreement.id, id).await?;
    let values = Input::of(&state.db, &p).await?;
    form_view(&state, &ctx, agreement, Some(id), values, Errors::new()).await
}

/// Writes every field of the form to the partnership and replaces its rows.
async fn write(tx: &mut Tx<'_>, id: i64, input: &Input, valid: &Valid) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE partnerships SET kind = $1, title = $2, societal_goal = $3, target_group = $4,
            public_party = $5, public_committee = $6, starts_on = $7, ends_on = $8,
            assessment = $9, decision_body = $10, decision_on = $11, case_number = $12,
            status = $13, description = $14, updated_at = $15
         WHERE id = $16",
    )
    .bind(&input.kind)
    .bind(input.title.trim())
    .bind(input.societal_goal.trim())
    .bind(input.target_group.trim())
    .bind(input.public_party.trim())
    .bind(input.public_committee.trim())
    .bind(&valid.starts_on)
    .bind(&valid.ends_on)
    .bind(input.assessment.trim())
    .bind(input.decision_body.trim())
    .bind(&valid.decision_on)
    .bind(input.case_number.trim())
    .bind(&input.status)
    .bind(input.description.trim())
    .bind(db::now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    for table in [
        "partnership_organisations",
        "partnership_years",
        "partnership_contacts",
        "partnership_documents",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE partnership_id = $1"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    for (i, (org, name)) in valid.organisations.iter().enumerate() {
        sqlx::query(
            "INSERT INTO partnership_organisations (partnership_id, organisation_id, name, position)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(*org)
        .bind(name)
        .bind(i as i64)
        .execute(&mut **tx)
        .await?;
    }
    for (year, public, own, hours) in &valid.years {
        sqlx::query(
            "INSERT INTO partnership_years
                (partnership_id, year, public_funding, own_contribution, volunteer_hours)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(*year)
        .bind(*public)
        .bind(*own)
        .bind(*hours)
        .execute(&mut **tx)
        .await?;
    }
    for (i, (c, phone)) in valid.contacts.iter().enumerate() {
        sqlx::query(
            "INSERT INTO partnership_contacts (partnership_id, name, role, email, phone, position)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(c.name.trim())
        .bind(c.role.trim())
        .bind(c.email.trim())
        .bind(phone)
        .bind(i as i64)
        .execute(&mut **tx)
        .await?;
    }
    for (i, d) in valid.documents.iter().enumerate() {
        sqlx::query(
            "INSERT INTO partnership_documents (partnership_id, title, url, position)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(d.title.trim())
        .bind(d.url.trim())
        .bind(i as i64)
        .execute(&mut **tx)
        .await?;
    }
    crate::search::changed(&mut **tx, crate::search::Kind::Partnership, id).await?;
    Ok(())
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let input = Input::from_pairs(&form);
    let choices = super::organisation_choices(&state.db, agreement.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = validate(&input, &choices, &mut errors) else {
        return form_view(&state, &ctx, agreement, None, input.padded(), errors).await;
    };
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO partnerships (agreement_id, kind, title, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(agreement.id)
    .bind(&input.kind)
    .bind(input.title.trim())
    .bind(&input.status)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    write(&mut tx, id, &input, &valid).await?;
    db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "partnership.create",
        format!("{id}: {}", input.title.trim()),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/partnerships/{id}", agreement.slug),
    ))
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let p = Partnership::find(&state.db, agreement.id, id).await?;
    let input = Input::from_pairs(&form);
    let choices = super::organisation_choices(&state.db, agreement.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = validate(&input, &choices, &mut errors) else {
        return form_view(&state, &ctx, agreement, Some(id), input.padded(), errors).await;
    };
    let mut tx = state.db.pool.begin().await?;
    write(&mut tx, p.id, &input, &valid).await?;
    db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "partnership.edit",
        format!("{id}: {}", input.title.trim()),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &p.path(&agreement.slug),
    ))
}

// ---------------------------------------------------------------- reports

#[derive(Template)]
#[template(path = "partnerships/templates/report.html")]
struct ReportView {
    page: Page,
    agreement: Agreement,
    p: Partnership,
    year: String,
    reported_on: String,
    text: String,
    errors: Errors,
}

fn report_view(
    ctx: &Ctx,
    agreement: Agreement,
    p: Partnership,
    (year, reported_on, text): (String, String, String),
    errors: Errors,
) -> Response {
    let mut page = Page::titled(
        ctx,
        ctx.lang.t_with(
            "partnership-report-new-title",
            &[("title", p.title.clone())],
        ),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    (
        status,
        render(&ReportView {
            page,
            agreement,
            p,
            year,
            reported_on,
            text,
            errors,
        }),
    )
        .into_response()
}

async fn report_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let p = Partnership::find(&state.db, agreement.id, id).await?;
    let today = db::today();
    // Reports usually follow up the year just ended.
    let last_year = today
        .get(..4)
        .and_then(|y| y.parse::<i64>().ok())
        .map(|y| (y - 1).to_string())
        .unwrap_or_default();
    Ok(report_view(
        &ctx,
        agreement,
        p,
        (last_year, today, String::new()),
        Errors::new(),
    ))
}

async fn add_report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let p = Partnership::find(&state.db, agreement.id, id).await?;
    let (year, reported_on, text) = (form.get("year"), form.get("reported_on"), form.get("text"));
    let mut errors = Errors::new();
    let y = parse_year(&year);
    if y.is_none() {
        errors.add("year", "partnership-error-year");
    }
    let date = parse_date(&reported_on);
    if date.is_none() {
        errors.add("reported_on", "error-date");
    }
    if text.trim().is_empty() {
        errors.add("text", "error-required");
    }
    let (Some(y), Some(date), true) = (y, date, errors.is_empty()) else {
        return Ok(report_view(
            &ctx,
            agreement,
            p,
            (year, reported_on, text),
            errors,
        ));
    };
    let mut tx = state.db.pool.begin().await?;
    let user = ctx.user.as_ref().map(|u| u.id);
    sqlx::query(
        "INSERT INTO partnership_reports (partnership_id, year, reported_on, text, user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(p.id)
    .bind(y)
    .bind(date.to_string())
    .bind(text.trim())
    .bind(user)
    .bind(db::now())
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE partnerships SET updated_at = $1 WHERE id = $2")
        .bind(db::now())
        .bind(p.id)
        .execute(&mut *tx)
        .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        user,
        "partnership.report",
        format!("{}: {y}", p.id),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Partnership, p.id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "partnership-report-saved",
        &format!("{}#reports", p.path(&agreement.slug)),
    ))
}

// ---------------------------------------------------------------- status

#[derive(Template)]
#[template(path = "partnerships/templates/status.html")]
struct StatusView {
    page: Page,
    agreement: Agreement,
    p: Partnership,
    status: String,
    errors: Errors,
}

impl StatusView {
    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }
}

fn status_view(
    ctx: &Ctx,
    agreement: Agreement,
    p: Partnership,
    status: String,
    errors: Errors,
) -> Response {
    let mut page = Page::titled(
        ctx,
        ctx.lang
            .t_with("partnership-status-title", &[("title", p.title.clone())]),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let code = errors.status();
    (
        code,
        render(&StatusView {
            page,
            agreement,
            p,
            status,
            errors,
        }),
    )
        .into_response()
}

async fn status_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let p = Partnership::find(&state.db, agreement.id, id).await?;
    let status = p.status.clone();
    Ok(status_view(&ctx, agreement, p, status, Errors::new()))
}

async fn change_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let p = Partnership::find(&state.db, agreement.id, id).await?;
    let status = form.get("status");
    if !STATUSES.contains(&status.as_str()) {
        let mut errors = Errors::new();
        errors.add("status", "error-choose-one");
        return Ok(status_view(&ctx, agreement, p, status, errors));
    }
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("UPDATE partnerships SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(&status)
        .bind(db::now())
        .bind(p.id)
        .execute(&mut *tx)
        .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "partnership.status",
        format!("{}: {} -> {status}", p.id, p.status),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Partnership, p.id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "partnership-status-saved",
        &p.path(&agreement.slug),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_accept_spaces_and_refuse_the_rest() {
        assert_eq!(parse_amount("150 000"), Some(150_000));
        assert_eq!(parse_amount("150\u{a0}000"), Some(150_000));
        assert_eq!(parse_amount(""), Some(0));
        assert_eq!(parse_amount("-5"), None);
        assert_eq!(parse_amount("1,5"), None);
        assert_eq!(parse_amount("12 kr"), None);
    }

    #[test]
    fn dates_must_be_iso() {
        assert!(parse_date("2024-03-01").is_some());
        assert!(parse_date("2024-02-30").is_none());
        assert!(parse_date("20240301").is_none());
        assert!(parse_date("1/3 2024").is_none());
    }

    #[test]
    fn years_are_bounded() {
        assert_eq!(parse_year("2025"), Some(2025));
        assert_eq!(parse_year("1989"), None);
        assert_eq!(parse_year("2101"), None);
    }
}
