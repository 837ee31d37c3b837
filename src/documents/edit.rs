//! Editors add documents (metadata and file in one form), change their
//! metadata, upload new versions and delete them.

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::upload::{self, Form, Stored};
use super::{Document, KINDS, VISIBILITIES};
use crate::agreements::{self, Agreement};
use crate::db;
use crate::search::Kind;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfPairs, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    // Uploads carry files beyond the global 2 MB: the limit is lifted
    // here and the configured one enforced while reading.
    Router::new()
        .route(
            "/{slug}/documents/new",
            get(new_form)
                .post(create)
                .layer(DefaultBodyLimit::disable()),
        )
        .route("/{slug}/documents/{id}/edit", get(edit_form).post(update))
        .route(
            "/{slug}/documents/{id}/versions/new",
            get(version_form)
                .post(add_version)
                .layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/{slug}/documents/{id}/delete",
            get(delete_form).post(delete),
        )
}

/// The metadata form as typed.
#[derive(Default, Clone)]
pub struct Input {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub document_date: String,
    pub body: String,
    pub meeting: String,
    pub visibility: String,
    pub received_on: String,
    pub case_number: String,
    pub note: String,
}

impl Input {
    fn from(get: impl Fn(&str) -> String) -> Input {
        Input {
            kind: get("kind"),
            title: get("title"),
            description: get("description"),
            document_date: get("document_date"),
            body: get("body"),
            meeting: get("meeting"),
            visibility: get("visibility"),
            received_on: get("received_on"),
            case_number: get("case_number"),
            note: get("note"),
        }
    }

    fn of(d: &Document) -> Input {
        Input {
            kind: d.kind.clone(),
            title: d.title.clone(),
            description: d.description.clone(),
            document_date: d.document_date.clone(),
            body: d.body_id.map(|i| i.to_string()).unwrap_or_default(),
            meeting: d.meeting_id.map(|i| i.to_string()).unwrap_or_default(),
            visibility: d.visibility.clone(),
            received_on: d.received_on.clone().unwrap_or_default(),
            case_number: d.case_number.clone(),
            note: String::new(),
        }
    }
}

/// The metadata, checked.
struct Valid {
    body_id: Option<i64>,
    meeting_id: Option<i64>,
    received_on: Option<String>,
}

fn date(text: &str) -> Option<String> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    text.parse::<jiff::civil::Date>()
        .ok()
        .map(|d| d.to_string())
}

async fn validate(
    state: &AppState,
    agreement_id: i64,
    input: &mut Input,
    errors: &mut Errors,
) -> AppResult<Option<Valid>> {
    if !KINDS.contains(&input.kind.as_str()) {
        errors.add("kind", "doc-error-kind");
    }
    let title = input.title.trim();
    if title.is_empty() {
        errors.add("title", "doc-error-title");
    } else if title.chars().count() > 300 {
        errors.add("title", "doc-error-title-long");
    }
    match date(&input.document_date) {
        Some(d) => input.document_date = d,
        None => errors.add("document_date", "doc-error-date"),
    }
    let bodies = super::body_choices(&state.db, agreement_id).await?;
    let body_id = match input.body.trim() {
        "" => None,
        t => {
            let id = t
                .parse::<i64>()
                .ok()
                .filter(|id| bodies.iter().any(|(b, _)| b == id));
            if id.is_none() {
                errors.add("body", "doc-error-body");
            }
            id
        }
    };
    let meetings = crate::meetings::choices(&state.db, agreement_id).await?;
    let meeting_id = match input.meeting.trim() {
        "" => None,
        t => {
            let id = t
                .parse::<i64>()
                .ok()
                .filter(|id| meetings.iter().any(|(m, _)| m == id));
            if id.is_none() {
                errors.add("meeting", "doc-error-meeting");
            }
            id
        }
    };
    if !VISIBILITIES.contains(&input.visibility.as_str()) {
        errors.add("visibility", "doc-error-visibility");
    }
    let received_on = match input.received_on.trim() {
        "" => None,
        t => {
            let d = date(t);
            if d.is_none() {
                errors.add("received_on", "doc-error-received");
            }
            d
        }
    };
    if input.case_number.trim().chars().count() > 100 {
        errors.add("case_number", "doc-error-case-number");
    }
    if input.note.trim().chars().count() > 1000 {
        errors.add("note", "doc-error-note");
    }
    Ok(errors.is_empty().then_some(Valid {
        body_id,
        meeting_id,
        received_on,
    }))
}

/// The uploaded file, checked: its type from its content.
fn check_file(
    form: &Form,
    errors: &mut Errors,
) -> Option<(String, &'static upload::Accepted, axum::body::Bytes)> {
    if form.too_large {
        errors.add("file", "doc-error-file-too-large");
        return None;
    }
    let Some((name, bytes)) = &form.file else {
        errors.add("file", "doc-error-file-missing");
        return None;
    };
    if bytes.is_empty() {
        errors.add("file", "doc-error-file-missing");
        return None;
    }
    match upload::detect(bytes) {
        Some(kind) => Some((name.clone(), kind, bytes.clone())),
        None => {
            errors.add("file", "doc-error-file-type");
            None
        }
    }
}

#[derive(Template)]
#[template(path = "documents/templates/form.html")]
struct FormView {
    page: Page,
    agreement: Agreement,
    document_id: Option<i64>,
    values: Input,
    errors: Errors,
    bodies: Vec<(i64, String)>,
    meetings: Vec<(i64, String)>,
    limit_mb: u64,
}

impl FormView {
    fn label(&self, prefix: &str, value: &str) -> String {
        self.page.t(format!("{prefix}-{value}"))
    }
    fn action(&self) -> String {
        match self.document_id {
            Some(id) => format!("/{}/documents/{id}/edit", self.agreement.slug),
            None => format!("/{}/documents/new", self.agreement.slug),
        }
    }
    fn is_body(&self, id: &i64) -> bool {
        self.values.body.trim() == id.to_string()
    }
    fn is_meeting(&self, id: &i64) -> bool {
        self.values.meeting.trim() == id.to_string()
    }
    fn limit_hint(&self) -> String {
        self.page.t1("doc-file-hint", "mb", self.limit_mb)
    }
}

fn limit_mb(state: &AppState) -> u64 {
    state.config.upload_limit.div_ceil(1024 * 1024)
}

async fn form_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    document_id: Option<i64>,
    values: Input,
    errors: Errors,
) -> AppResult<Response> {
    let key = if document_id.is_some() {
        "doc-edit"
    } else {
        "doc-new"
    };
    let mut page = Page::new(ctx, key).with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    Ok((
        status,
        render(&FormView {
            bodies: super::body_choices(&state.db, agreement.id).await?,
            meetings: crate::meetings::choices(&state.db, agreement.id).await?,
            limit_mb: limit_mb(state),
            page,
            agreement,
            document_id,
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
    let values = Input {
        document_date: db::today(),
        visibility: "public".into(),
        ..Input::default()
    };
    form_view(&state, &ctx, agreement, None, values, Errors::new()).await
}

/// Runs the database half of an upload; when it fails, the file just
/// stored is removed again, so nothing is half-saved.
async fn or_unstore<T>(
    state: &AppState,
    stored: &Stored,
    result: Result<T, sqlx::Error>,
) -> AppResult<T> {
    match result {
        Ok(v) => Ok(v),
        Err(e) => {
            if let Err(err) = state.files.delete(&stored.key).await {
                tracing::error!(key = %stored.key, error = %err, "could not remove an unrecorded file");
            }
            Err(e.into())
        }
    }
}

async fn store(
    state: &AppState,
    agreement_id: i64,
    file: (String, &'static upload::Accepted, axum::body::Bytes),
) -> AppResult<Stored> {
    let (name, kind, bytes) = file;
    upload::store(&state.files, agreement_id, &name, kind, bytes)
        .await
        .map_err(|e| AppError::internal(e.to_string()))
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let form = upload::read(multipart, state.config.upload_limit).await?;
    form.check_csrf(&ctx.csrf)?;
    let mut input = Input::from(|k| form.get(k));
    let mut errors = Errors::new();
    let valid = validate(&state, agreement.id, &mut input, &mut errors).await?;
    let file = check_file(&form, &mut errors);
    let (Some(valid), Some(file)) = (valid, file) else {
        return form_view(&state, &ctx, agreement, None, input, errors).await;
    };
    let stored = store(&state, agreement.id, file).await?;
    let user_id = ctx.user.as_ref().map(|u| u.id);
    let result = async {
        let now = db::now();
        let mut tx = state.db.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO documents (agreement_id, kind, title, description, document_date,
                body_id, meeting_id, visibility, received_on, case_number, created_by,
                created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(agreement.id)
        .bind(&input.kind)
        .bind(input.title.trim())
        .bind(input.description.trim())
        .bind(&input.document_date)
        .bind(valid.body_id)
        .bind(valid.meeting_id)
        .bind(&input.visibility)
        .bind(&valid.received_on)
        .bind(input.case_number.trim())
        .bind(user_id)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        upload::insert_version(&mut tx, id, 1, &stored, input.note.trim(), user_id).await?;
        crate::search::changed(&mut *tx, Kind::Document, id).await?;
        db::audit(
            &mut *tx,
            agreement.id,
            user_id,
            "document.create",
            format!("{id}: {}", input.title.trim()),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
    .await;
    let id = or_unstore(&state, &stored, result).await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &super::path(&agreement.slug, id),
    ))
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let d = Document::find(&state.db, agreement.id, id).await?;
    form_view(
        &state,
        &ctx,
        agreement,
        Some(id),
        Input::of(&d),
        Errors::new(),
    )
    .await
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let d = Document::find(&state.db, agreement.id, id).await?;
    let mut input = Input::from(|k| form.get(k));
    let mut errors = Errors::new();
    let Some(valid) = validate(&state, agreement.id, &mut input, &mut errors).await? else {
        return form_view(&state, &ctx, agreement, Some(id), input, errors).await;
    };
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "UPDATE documents SET kind = $1, title = $2, description = $3, document_date = $4,
            body_id = $5, meeting_id = $6, visibility = $7, received_on = $8, case_number = $9,
            updated_at = $10
         WHERE id = $11",
    )
    .bind(&input.kind)
    .bind(input.title.trim())
    .bind(input.description.trim())
    .bind(&input.document_date)
    .bind(valid.body_id)
    .bind(valid.meeting_id)
    .bind(&input.visibility)
    .bind(&valid.received_on)
    .bind(input.case_number.trim())
    .bind(db::now())
    .bind(d.id)
    .execute(&mut *tx)
    .await?;
    crate::search::changed(&mut *tx, Kind::Document, d.id).await?;
    db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "document.edit",
        format!("{id}: {}", input.title.trim()),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &super::path(&agreement.slug, id),
    ))
}

// ---------------------------------------------------------------- versions

#[derive(Template)]
#[template(path = "documents/templates/version.html")]
struct VersionView {
    page: Page,
    agreement: Agreement,
    d: Document,
    note: String,
    errors: Errors,
    limit_mb: u64,
}

impl VersionView {
    fn limit_hint(&self) -> String {
        self.page.t1("doc-file-hint", "mb", self.limit_mb)
    }
}

async fn version_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    d: Document,
    note: String,
    errors: Errors,
) -> AppResult<Response> {
    let mut page = Page::new(ctx, "doc-version-new").with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    Ok((
        status,
        render(&VersionView {
            limit_mb: limit_mb(state),
            page,
            agreement,
            d,
            note,
            errors,
        }),
    )
        .into_response())
}

async fn version_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let d = Document::find(&state.db, agreement.id, id).await?;
    version_view(&state, &ctx, agreement, d, String::new(), Errors::new()).await
}

async fn add_version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    multipart: Multipart,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let d = Document::find(&state.db, agreement.id, id).await?;
    let form = upload::read(multipart, state.config.upload_limit).await?;
    form.check_csrf(&ctx.csrf)?;
    let note = form.get("note");
    let mut errors = Errors::new();
    if note.trim().chars().count() > 1000 {
        errors.add("note", "doc-error-note");
    }
    let file = check_file(&form, &mut errors);
    let (true, Some(file)) = (errors.is_empty(), file) else {
        return version_view(&state, &ctx, agreement, d, note, errors).await;
    };
    let stored = store(&state, agreement.id, file).await?;
    let user_id = ctx.user.as_ref().map(|u| u.id);
    let result = async {
        let mut tx = state.db.pool.begin().await?;
        // Taking the number by bumping the document's row makes a second
        // upload at the same moment wait for this one, then take the next.
        let number: i64 = sqlx::query_scalar(
            "UPDATE documents SET current_version = current_version + 1 WHERE id = $1
             RETURNING current_version",
        )
        .bind(d.id)
        .fetch_one(&mut *tx)
        .await?;
        upload::insert_version(&mut tx, d.id, number, &stored, note.trim(), user_id).await?;
        crate::search::changed(&mut *tx, Kind::Document, d.id).await?;
        db::audit(
            &mut *tx,
            agreement.id,
            user_id,
            "document.version",
            format!("{}: {} v{number}", d.id, d.title),
        )
        .await?;
        tx.commit().await
    }
    .await;
    // A failed save removes the stored file again: nothing half-saved.
    or_unstore(&state, &stored, result).await?;
    Ok(flash_redirect(
        &state.config,
        "doc-flash-version-added",
        &super::path(&agreement.slug, d.id),
    ))
}

// ---------------------------------------------------------------- delete

#[derive(Template)]
#[template(path = "documents/templates/delete.html")]
struct DeleteView {
    page: Page,
    agreement: Agreement,
    d: Document,
    versions: i64,
}

async fn delete_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let d = Document::find(&state.db, agreement.id, id).await?;
    let versions = super::versions(&state.db, d.id).await?.len() as i64;
    let mut page = Page::new(&ctx, "doc-delete");
    page.for_agreement(&ctx, &agreement);
    Ok(render(&DeleteView {
        page,
        agreement,
        d,
        versions,
    }))
}

/// Deletes the document and its versions, then their files. The rows go
/// first: a file left behind by a failed removal is only logged, whereas a
/// row pointing to a removed file would be a broken link.
async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    _form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let d = Document::find(&state.db, agreement.id, id).await?;
    let keys: Vec<String> = super::versions(&state.db, d.id)
        .await?
        .into_iter()
        .map(|v| v.storage_key)
        .collect();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("DELETE FROM document_versions WHERE document_id = $1")
        .bind(d.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM documents WHERE id = $1")
        .bind(d.id)
        .execute(&mut *tx)
        .await?;
    crate::search::changed(&mut *tx, Kind::Document, d.id).await?;
    db::audit(
        &mut *tx,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "document.delete",
        format!("{}: {}", d.id, d.title),
    )
    .await?;
    tx.commit().await?;
    for key in keys {
        if let Err(e) = state.files.delete(&key).await {
            tracing::error!(%key, error = %e, "a deleted document's file was left in storage");
        }
    }
    Ok(flash_redirect(
        &state.config,
        "doc-flash-deleted",
        &format!("/{}/documents", agreement.slug),
    ))
}
