//! Editors write, schedule, change and delete articles: the text, the
//! publication time, contact persons (with their consent), tags, attachments
//! from the library and the related meeting or decision.

use std::sync::LazyLock;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{Article, KINDS, normalise_tag};
use crate::accounts::email::Email;
use crate::agreements::{self, Agreement};
use crate::bodies::phone::Phone;
use crate::db::{self, Db};
use crate::meetings::time;
use crate::search::{self, Kind};
use crate::subscriptions::{self, Topic};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfPairs, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppResult, AppState, Ctx};

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/news/new", get(new_form).post(create))
        .route("/{slug}/news/{id}/edit", get(edit_form).post(update))
        .route("/{slug}/news/{id}/delete", get(delete_form).post(delete))
}

/// Contact rows per save; more are dropped.
const MAX_ROWS: usize = 10;
const BLANK_ROWS: usize = 1;
pub const PUBLISH: [&str; 3] = ["now", "at", "draft"];
const ROW_FIELDS: [&str; 5] = [
    "contact_name",
    "contact_role",
    "contact_phone",
    "contact_email",
    "contact_consent",
];

/// Each row field's id ("contact_name_2"), made once for the process, since
/// errors name their field with a `&'static str`.
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
pub struct ContactRow {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
}

/// The form as typed.
#[derive(Default, Clone)]
pub struct Input {
    pub kind: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub publish: String,
    pub publish_date: String,
    pub publish_time: String,
    pub tags: String,
    pub meeting: String,
    pub decision: String,
    pub attachments: Vec<String>,
    pub contacts: Vec<ContactRow>,
}

impl Input {
    fn from_pairs(form: &CsrfPairs) -> Input {
        let names = form.all("contact_name");
        let roles = form.all("contact_role");
        let phones = form.all("contact_phone");
        let emails = form.all("contact_email");
        // A checkbox is sent only when ticked: its value is its row's number.
        let consents = form.all("contact_consent");
        let n = [names.len(), roles.len(), phones.len(), emails.len()]
            .into_iter()
            .max()
            .unwrap_or(0)
            .min(MAX_ROWS);
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        let contacts = (0..n)
            .map(|i| ContactRow {
                name: at(&names, i),
                role: at(&roles, i),
                phone: at(&phones, i),
                email: at(&emails, i),
                consent: consents.iter().any(|c| c.trim() == i.to_string()),
            })
            .collect();
        Input {
            kind: form.get("kind"),
            title: form.get("title"),
            lead: form.get("lead"),
            body: form.get("body"),
            publish: form.get("publish"),
            publish_date: form.get("publish_date"),
            publish_time: form.get("publish_time"),
            tags: form.get("tags"),
            meeting: form.get("meeting"),
            decision: form.get("decision"),
            attachments: form.all("attachment"),
            contacts,
        }
    }

    fn padded(mut self) -> Input {
        let n = (self.contacts.len() + BLANK_ROWS).clamp(1, MAX_ROWS);
        self.contacts.resize(n, ContactRow::default());
        self
    }

    fn blank() -> Input {
        Input {
            kind: "news".into(),
            publish: "now".into(),
            ..Input::default()
        }
        .padded()
    }

    async fn of(db: &Db, a: &Article) -> Result<Input, sqlx::Error> {
        let contacts = super::contacts(db, a.id)
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
                consent: true,
            })
            .collect();
        let attachments: Vec<i64> = sqlx::query_scalar(
            "SELECT document_id FROM news_attachments WHERE news_id = $1 ORDER BY position",
        )
        .bind(a.id)
        .fetch_all(&db.pool)
        .await?;
        let local = a.publish_at.as_deref().and_then(time::local);
        Ok(Input {
            kind: a.kind.clone(),
            title: a.title.clone(),
            lead: a.lead.clone(),
            body: a.body.clone(),
            publish: if a.publish_at.is_some() {
                "at"
            } else {
                "draft"
            }
            .into(),
            publish_date: local
                .as_ref()
                .map(|z| z.date().to_string())
                .unwrap_or_default(),
            publish_time: local.as_ref().map(time::input_time).unwrap_or_default(),
            tags: super::tags(db, a.id).await?.join(", "),
            meeting: a.meeting_id.map(|i| i.to_string()).unwrap_or_default(),
            decision: a.decision_id.map(|i| i.to_string()).unwrap_or_default(),
            attachments: attachments.iter().map(|i| i.to_string()).collect(),
            contacts,
        }
        .padded())
    }
}

/// What an editor may pick from.
struct Choices {
    meetings: Vec<(i64, String)>,
    decisions: Vec<(i64, String)>,
    documents: Vec<(i64, String)>,
}

impl Choices {
    async fn of(db: &Db, agreement_id: i64) -> Result<Choices, sqlx::Error> {
        Ok(Choices {
            meetings: crate::meetings::choices(db, agreement_id).await?,
            decisions: super::decision_choices(db, agreement_id).await?,
            documents: super::document_choices(db, agreement_id).await?,
        })
    }
}

/// An article as it will be stored.
struct Valid {
    /// None: a draft.
    publish_at: Option<String>,
    meeting_id: Option<i64>,
    decision_id: Option<i64>,
    tags: Vec<String>,
    documents: Vec<i64>,
    /// (row, phone in E.164, e-mail lower-cased)
    contacts: Vec<(ContactRow, String, String)>,
}

fn pick(
    text: &str,
    choices: &[(i64, String)],
    field: &'static str,
    errors: &mut Errors,
) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let found = t
        .parse::<i64>()
        .ok()
        .filter(|id| choices.iter().any(|(c, _)| c == id));
    if found.is_none() {
        errors.add(field, "error-choose-one");
    }
    found
}

/// Typed comma-separated tags: trimmed, lower case, each once.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in text.split(',') {
        let t = normalise_tag(t);
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// `previous` is the stored time of the article being edited: "publish now"
/// keeps an earlier publication rather than moving it.
fn validate(
    input: &Input,
    choices: &Choices,
    previous: Option<&str>,
    errors: &mut Errors,
) -> Option<Valid> {
    if !KINDS.contains(&input.kind.as_str()) {
        errors.add("kind", "error-choose-one");
    }
    if input.title.trim().is_empty() {
        errors.add("title", "error-required");
    } else if input.title.trim().chars().count() > 200 {
        errors.add("title", "news-error-title-long");
    }
    let now = db::now();
    let publish_at = match input.publish.as_str() {
        "now" => Some(match previous {
            Some(p) if p <= now.as_str() => p.to_string(),
            _ => now,
        }),
        "draft" => None,
        "at" => {
            let date = time::parse_date(&input.publish_date);
            if date.is_none() {
                errors.add("publish_date", "error-date");
            }
            let t = time::parse_time(&input.publish_time);
            if t.is_none() {
                errors.add("publish_time", "news-error-time");
            }
            match (date, t) {
                (Some(d), Some(t)) => time::to_stored(d, t),
                _ => None,
            }
        }
        _ => {
            errors.add("publish", "error-choose-one");
            None
        }
    };
    let meeting_id = pick(&input.meeting, &choices.meetings, "meeting", errors);
    let decision_id = pick(&input.decision, &choices.decisions, "decision", errors);
    let tags = parse_tags(&input.tags);
    if tags.iter().any(|t| t.chars().count() > 40) {
        errors.add("tags", "news-error-tag-long");
    }
    let mut documents = Vec::new();
    for d in &input.attachments {
        match d
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| choices.documents.iter().any(|(c, _)| c == id))
        {
            Some(id) if !documents.contains(&id) => documents.push(id),
            Some(_) => {}
            None => errors.add("attachments", "news-error-attachment"),
        }
    }

    let mut contacts = Vec::new();
    for (i, row) in input.contacts.iter().enumerate() {
        let filled = [&row.name, &row.role, &row.phone, &row.email]
            .iter()
            .any(|s| !s.trim().is_empty());
        if !filled {
            continue;
        }
        if row.name.trim().is_empty() {
            errors.add(row_name("contact_name", i), "news-error-contact-name");
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
        let email = if row.email.trim().is_empty() {
            String::new()
        } else {
            match Email::parse(&row.email) {
                Ok(e) => e.as_str().to_string(),
                Err(key) => {
                    errors.add(row_name("contact_email", i), key);
                    String::new()
                }
            }
        };
        if row.phone.trim().is_empty() && row.email.trim().is_empty() {
            errors.add(row_name("contact_phone", i), "news-error-contact-reach");
        }
        if !row.consent {
            errors.add(row_name("contact_consent", i), "news-error-consent");
        }
        contacts.push((row.clone(), phone, email));
    }
    if !errors.is_empty() {
        return None;
    }
    Some(Valid {
        publish_at,
        meeting_id,
        decision_id,
        tags,
        documents,
        contacts,
    })
}

// ---------------------------------------------------------------- the form

#[derive(Template)]
#[template(path = "news/templates/edit.html")]
struct EditView {
    page: Page,
    agreement: Agreement,
    news_id: Option<i64>,
    values: Input,
    errors: Errors,
    meetings: Vec<(i64, String)>,
    decisions: Vec<(i64, String)>,
    documents: Vec<(i64, String)>,
}

impl EditView {
    fn action(&self) -> String {
        match self.news_id {
            Some(id) => format!("/{}/news/{id}/edit", self.agreement.slug),
            None => format!("/{}/news/new", self.agreement.slug),
        }
    }
    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }
    fn is(&self, value: &str, id: &i64) -> bool {
        value.trim() == id.to_string()
    }
    fn attached(&self, id: &i64) -> bool {
        self.values
            .attachments
            .iter()
            .any(|a| a.trim() == id.to_string())
    }
    fn contact_fields(
        &self,
        c: &ContactRow,
    ) -> Vec<(&'static str, &'static str, String, &'static str)> {
        vec![
            ("contact_name", "news-contact-name", c.name.clone(), "text"),
            ("contact_role", "news-contact-role", c.role.clone(), "text"),
            (
                "contact_phone",
                "news-contact-phone",
                c.phone.clone(),
                "tel",
            ),
            (
                "contact_email",
                "news-contact-email",
                c.email.clone(),
                "email",
            ),
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
    news_id: Option<i64>,
    values: Input,
    errors: Errors,
) -> AppResult<Response> {
    let key = if news_id.is_some() {
        "news-edit"
    } else {
        "news-new"
    };
    let mut page = Page::new(ctx, key).with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    let choices = Choices::of(&state.db, agreement.id).await?;
    Ok((
        status,
        render(&EditView {
            meetings: choices.meetings,
            decisions: choices.decisions,
            documents: choices.documents,
            page,
            agreement,
            news_id,
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
    form_view(&state, &ctx, agreement, None, Input::blank(), Errors::new()).await
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let a = Article::find(&state.db, agreement.id, id, true).await?;
    let values = Input::of(&state.db, &a).await?;
    form_view(&state, &ctx, agreement, Some(id), values, Errors::new()).await
}

/// Writes the article's fields and replaces its contacts, tags and attachments.
async fn write(tx: &mut Tx<'_>, id: i64, input: &Input, valid: &Valid) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE news SET kind = $1, title = $2, lead = $3, body = $4, publish_at = $5,
            meeting_id = $6, decision_id = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(&input.kind)
    .bind(input.title.trim())
    .bind(input.lead.trim())
    .bind(input.body.trim())
    .bind(&valid.publish_at)
    .bind(valid.meeting_id)
    .bind(valid.decision_id)
    .bind(db::now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    // A person already listed keeps the time they consented.
    let earlier: Vec<(String, String)> =
        sqlx::query_as("SELECT name, consent_at FROM news_contacts WHERE news_id = $1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    for table in ["news_contacts", "news_tags", "news_attachments"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE news_id = $1"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    let now = db::now();
    for (i, (c, phone, email)) in valid.contacts.iter().enumerate() {
        sqlx::query(
            "INSERT INTO news_contacts (news_id, name, role, phone, email, consent_at, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(c.name.trim())
        .bind(c.role.trim())
        .bind(phone)
        .bind(email)
        .bind(
            earlier
                .iter()
                .find(|(name, _)| name == c.name.trim())
                .map_or(&now, |(_, at)| at),
        )
        .bind(i as i64)
        .execute(&mut **tx)
        .await?;
    }
    for tag in &valid.tags {
        sqlx::query("INSERT INTO news_tags (news_id, tag) VALUES ($1, $2)")
            .bind(id)
            .bind(tag)
            .execute(&mut **tx)
            .await?;
    }
    for (i, doc) in valid.documents.iter().enumerate() {
        sqlx::query(
            "INSERT INTO news_attachments (news_id, document_id, position) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(*doc)
        .bind(i as i64)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The search index and subscribers hear of the change in its transaction.
async fn hooks(
    tx: &mut Tx<'_>,
    agreement_id: i64,
    id: i64,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(), sqlx::Error> {
    search::changed(&mut **tx, Kind::News, id).await?;
    match after {
        Some(at) if before != Some(at) => {
            subscriptions::record(&mut **tx, agreement_id, Topic::News, id, at).await?;
        }
        Some(_) => {}
        None => subscriptions::withdraw(&mut **tx, Topic::News, id).await?,
    }
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
    let choices = Choices::of(&state.db, agreement.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = validate(&input, &choices, None, &mut errors) else {
        return form_view(&state, &ctx, agreement, None, input.padded(), errors).await;
    };
    let now = db::now();
    let user = ctx.user.as_ref().map(|u| u.id);
    let mut tx = state.db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO news (agreement_id, kind, title, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(agreement.id)
    .bind(&input.kind)
    .bind(input.title.trim())
    .bind(user)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    write(&mut tx, id, &input, &valid).await?;
    hooks(&mut tx, agreement.id, id, None, valid.publish_at.as_deref()).await?;
    db::audit(
        &mut *tx,
        agreement.id,
        user,
        "news.create",
        format!("{id}: {}", input.title.trim()),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/news/{id}", agreement.slug),
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
    let a = Article::find(&state.db, agreement.id, id, true).await?;
    let input = Input::from_pairs(&form);
    let choices = Choices::of(&state.db, agreement.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = validate(&input, &choices, a.publish_at.as_deref(), &mut errors) else {
        return form_view(&state, &ctx, agreement, Some(id), input.padded(), errors).await;
    };
    let mut tx = state.db.pool.begin().await?;
    write(&mut tx, a.id, &input, &valid).await?;
    hooks(
        &mut tx,
        agreement.id,
        a.id,
        a.publish_at.as_deref(),
        valid.publish_at.as_deref(),
    )
    .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "news.edit",
        format!("{id}: {}", input.title.trim()),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &a.path(&agreement.slug),
    ))
}

// ---------------------------------------------------------------- delete

#[derive(Template)]
#[template(path = "news/templates/delete.html")]
struct DeleteView {
    page: Page,
    agreement: Agreement,
    a: Article,
}

async fn delete_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let a = Article::find(&state.db, agreement.id, id, true).await?;
    let mut page = Page::titled(
        &ctx,
        ctx.lang
            .t_with("news-delete-title", &[("title", a.title.clone())]),
    );
    page.for_agreement(&ctx, &agreement);
    Ok(render(&DeleteView { page, agreement, a }))
}

async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    _form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let a = Article::find(&state.db, agreement.id, id, true).await?;
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("DELETE FROM news WHERE id = $1")
        .bind(a.id)
        .execute(&mut *tx)
        .await?;
    hooks(&mut tx, agreement.id, a.id, a.publish_at.as_deref(), None).await?;
    db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "news.delete",
        format!("{id}: {}", a.title),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "news-deleted",
        &format!("/{}/news", agreement.slug),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_split_trimmed_and_deduplicated() {
        assert_eq!(
            parse_tags(" Handlingsplan, uppföljning ,HANDLINGSPLAN,, "),
            vec!["handlingsplan".to_string(), "uppföljning".to_string()]
        );
        assert!(parse_tags(" , ").is_empty());
    }
}
