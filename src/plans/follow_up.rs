//! Follow-up entries on a measure, by a responsible party or an editor:
//! logged in, or through the personal link of a yearly request.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::edit::{check_status, parse_date, parse_decimal, parse_progress, reason_kept};
use super::model::{self, Indicator, Measure, Plan};
use crate::accounts::token;
use crate::agreements::{self, Agreement};
use crate::db;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfPairs, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/{slug}/measures/{id}/follow-up",
            get(form_page).post(save_logged_in),
        )
        .route("/{slug}/follow-up/{token}", get(request_page))
        .route(
            "/{slug}/follow-up/{token}/{measure_id}",
            get(token_form).post(save_by_token),
        )
}

/// Follow-up is taken while a plan is decided or being followed up.
pub fn plan_takes_follow_up(plan: &Plan) -> bool {
    matches!(plan.state.as_str(), "decided" | "following_up")
}

#[derive(Default, Clone)]
pub struct FollowUpInput {
    pub reported_on: String,
    pub text: String,
    pub status: String,
    pub status_reason: String,
    pub progress: String,
    pub year: String,
}

/// One indicator on the form with the value typed or stored for the year.
pub struct ValueField {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub value: String,
}

struct Valid {
    reported_on: String,
    progress: i64,
    year: i64,
    values: Vec<(i64, f64)>,
}

/// The year asked about by default: this year within the plan's period, or
/// the period's last year.
fn default_year(plan: &Plan) -> i64 {
    let now = jiff::Zoned::now().year() as i64;
    now.clamp(plan.first_year, plan.last_year)
}

fn value_name(id: i64) -> String {
    format!("value_{id}")
}

impl FollowUpInput {
    fn blank(plan: &Plan, measure: &Measure, year: i64) -> FollowUpInput {
        FollowUpInput {
            reported_on: db::today(),
            status: measure.status.clone(),
            status_reason: measure.status_reason.clone(),
            progress: measure.progress.to_string(),
            year: year.clamp(plan.first_year, plan.last_year).to_string(),
            ..FollowUpInput::default()
        }
    }

    fn from_pairs(form: &CsrfPairs) -> FollowUpInput {
        FollowUpInput {
            reported_on: form.get("reported_on"),
            text: form.get("text"),
            status: form.get("status"),
            status_reason: form.get("status_reason"),
            progress: form.get("progress"),
            year: form.get("year"),
        }
    }

    fn validate(&self, plan: &Plan, values: &[ValueField], errors: &mut Errors) -> Option<Valid> {
        let reported_on = parse_date(&self.reported_on);
        if reported_on.is_none() {
            errors.add("reported_on", "error-date");
        }
        if self.text.trim().is_empty() {
            errors.add("text", "follow-up-error-text");
        }
        check_status(&self.status, &self.status_reason, errors);
        let progress = parse_progress(&self.progress);
        if progress.is_none() {
            errors.add("progress", "plan-edit-error-progress");
        }
        let year = self
            .year
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|y| plan.years().contains(y));
        if year.is_none() {
            errors.add("year", "follow-up-error-year");
        }
        let mut parsed = Vec::new();
        for v in values {
            if v.value.trim().is_empty() {
                continue;
            }
            match parse_decimal(&v.value) {
                Some(n) => parsed.push((v.id, n)),
                None => errors.add("values", "follow-up-error-value"),
            }
        }
        if !errors.is_empty() {
            return None;
        }
        Some(Valid {
            reported_on: reported_on?,
            progress: progress?,
            year: year?,
            values: parsed,
        })
    }
}

/// The indicators of a measure, with values typed, or else stored for the year.
async fn value_fields(
    state: &AppState,
    measure_id: i64,
    year: Option<i64>,
    form: Option<&CsrfPairs>,
) -> Result<Vec<ValueField>, sqlx::Error> {
    let mut fields = Vec::new();
    for i in Indicator::of_measure(&state.db, measure_id).await? {
        let value = match form {
            Some(f) => f.get(&value_name(i.id)),
            None => Indicator::values(&state.db, i.id)
                .await?
                .into_iter()
                .find(|(y, _)| Some(*y) == year)
                .map(|(_, v)| model::number(v, crate::web::i18n::Lang::En))
                .unwrap_or_default(),
        };
        fields.push(ValueField {
            id: i.id,
            name: i.name,
            unit: i.unit,
            value,
        });
    }
    Ok(fields)
}

#[derive(Template)]
#[template(path = "plans/templates/follow_up.html")]
struct FormView {
    page: Page,
    errors: Errors,
    action: String,
    back: (String, String),
    plan: Plan,
    values: FollowUpInput,
    fields: Vec<ValueField>,
    /// The plan takes no follow-up: the form is replaced by a notice.
    closed: bool,
}

impl FormView {
    fn statuses(&self) -> Vec<(&'static str, String)> {
        super::edit::status_options(&self.page)
    }
    fn years(&self) -> Vec<String> {
        self.plan.years().iter().map(i64::to_string).collect()
    }
    fn field_name(&self, id: &i64) -> String {
        value_name(*id)
    }
}

#[allow(clippy::too_many_arguments)]
fn form_response(
    ctx: &Ctx,
    agreement: &Agreement,
    action: String,
    back: (String, String),
    plan: Plan,
    measure: Measure,
    values: FollowUpInput,
    fields: Vec<ValueField>,
    errors: Errors,
) -> Response {
    let mut page = Page::titled(
        ctx,
        ctx.lang
            .t_with("follow-up-title", &[("measure", measure.title.clone())]),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, agreement);
    let closed = !plan_takes_follow_up(&plan);
    let status = if closed {
        StatusCode::CONFLICT
    } else {
        errors.status()
    };
    let view = FormView {
        page,
        errors,
        action,
        back,
        plan,
        values,
        fields,
        closed,
    };
    (status, render(&view)).into_response()
}

/// The measure, for someone who may report on it while logged in.
async fn reporter_measure(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: i64,
) -> AppResult<(Agreement, Plan, Measure)> {
    let agreement = agreements::by_slug(&state.db, slug).await?;
    ctx.require_user()?;
    let editor = ctx.edits(agreement.id);
    let (plan, measure) = Measure::find(&state.db, agreement.id, id, editor).await?;
    if !model::can_report(&state.db, ctx, agreement.id, measure.id).await? {
        return Err(AppError::Forbidden);
    }
    Ok((agreement, plan, measure))
}

async fn form_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (agreement, plan, measure) = reporter_measure(&state, &ctx, &slug, id).await?;
    let year = default_year(&plan);
    let values = FollowUpInput::blank(&plan, &measure, year);
    let fields = value_fields(&state, measure.id, Some(year), None).await?;
    let back = (measure.path(&agreement.slug), measure.title.clone());
    Ok(form_response(
        &ctx,
        &agreement,
        format!("/{}/measures/{}/follow-up", agreement.slug, measure.id),
        back,
        plan,
        measure,
        values,
        fields,
        Errors::new(),
    ))
}

/// Who reports: the user's organisation when it is responsible for the
/// measure, or nobody in particular (an editor).
async fn reporting_party(
    state: &AppState,
    user_id: i64,
    measure_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT mp.party_id FROM measure_parties mp
         JOIN plan_parties p ON p.id = mp.party_id
         JOIN organisation_representatives r ON r.organisation_id = p.organisation_id
         WHERE mp.measure_id = $1 AND r.user_id = $2 ORDER BY mp.party_id LIMIT 1",
    )
    .bind(measure_id)
    .bind(user_id)
    .fetch_optional(&state.db.pool)
    .await
}

async fn save_logged_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, plan, measure) = reporter_measure(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?;
    let party = reporting_party(&state, user.id, measure.id).await?;
    let action = format!("/{}/measures/{}/follow-up", agreement.slug, measure.id);
    let back = (measure.path(&agreement.slug), measure.title.clone());
    let reporter = Reporter {
        party_id: party,
        user_id: Some(user.id),
        author_name: user.name.clone(),
    };
    save(
        &state, &ctx, &agreement, plan, measure, &form, action, back, reporter,
    )
    .await
}

struct Reporter {
    party_id: Option<i64>,
    user_id: Option<i64>,
    author_name: String,
}

#[allow(clippy::too_many_arguments)]
async fn save(
    state: &AppState,
    ctx: &Ctx,
    agreement: &Agreement,
    plan: Plan,
    measure: Measure,
    form: &CsrfPairs,
    action: String,
    back: (String, String),
    reporter: Reporter,
) -> AppResult<Response> {
    let values = FollowUpInput::from_pairs(form);
    let fields = value_fields(state, measure.id, None, Some(form)).await?;
    let mut errors = Errors::new();
    let valid = if plan_takes_follow_up(&plan) {
        values.validate(&plan, &fields, &mut errors)
    } else {
        None
    };
    let Some(valid) = valid else {
        return Ok(form_response(
            ctx, agreement, action, back, plan, measure, values, fields, errors,
        ));
    };
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let cycle_id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM follow_up_cycles WHERE plan_id = $1 AND year = $2 AND closed_at IS NULL",
    )
    .bind(plan.id)
    .bind(valid.year)
    .fetch_optional(&mut *tx)
    .await?;
    let reason = reason_kept(&values.status, &values.status_reason);
    let follow_up_id: i64 = sqlx::query_scalar(
        "INSERT INTO follow_ups (measure_id, cycle_id, party_id, reported_on, text, status,
            status_reason, progress, user_id, author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(measure.id)
    .bind(cycle_id)
    .bind(reporter.party_id)
    .bind(&valid.reported_on)
    .bind(values.text.trim())
    .bind(&values.status)
    .bind(&reason)
    .bind(valid.progress)
    .bind(reporter.user_id)
    .bind(&reporter.author_name)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE measures SET status = $1, status_reason = $2, progress = $3, updated_at = $4
         WHERE id = $5",
    )
    .bind(&values.status)
    .bind(&reason)
    .bind(valid.progress)
    .bind(&now)
    .bind(measure.id)
    .execute(&mut *tx)
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Measure, measure.id).await?;
    for (indicator, value) in &valid.values {
        sqlx::query(
            "INSERT INTO indicator_values (indicator_id, year, value, follow_up_id, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (indicator_id, year) DO UPDATE SET value = excluded.value,
                follow_up_id = excluded.follow_up_id, updated_at = excluded.updated_at",
        )
        .bind(indicator)
        .bind(valid.year)
        .bind(value)
        .bind(follow_up_id)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    db::audit(
        &mut *tx,
        agreement.id,
        reporter.user_id,
        "measure.follow_up",
        format!(
            "{}: {} {} % ({}, {})",
            measure.id, values.status, valid.progress, valid.year, reporter.author_name
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(&state.config, "follow-up-saved", &back.0))
}

// ------------------------------------------------------------ by the mailed link

/// A request found by its link's token.
#[derive(sqlx::FromRow)]
struct FoundRequest {
    cycle_id: i64,
    party_id: i64,
    year: i64,
    closed_at: Option<String>,
    plan_id: i64,
    party_name: String,
}

#[derive(Template)]
#[template(path = "web/templates/message.html")]
struct MessageView {
    page: Page,
    text: String,
    link: Option<(String, String)>,
}

/// The request behind a link; unknown links are not found, closed cycles gone.
async fn find_request(
    state: &AppState,
    ctx: &Ctx,
    agreement: &Agreement,
    secret: &str,
) -> AppResult<Result<(FoundRequest, Plan), Response>> {
    let found: Option<FoundRequest> = sqlx::query_as(
        "SELECT r.cycle_id, r.party_id, c.year, c.closed_at, c.plan_id,
            COALESCE(o.name, pp.name) AS party_name
         FROM follow_up_requests r
         JOIN follow_up_cycles c ON c.id = r.cycle_id
         JOIN action_plans p ON p.id = c.plan_id
         JOIN plan_parties pp ON pp.id = r.party_id
         LEFT JOIN organisations o ON o.id = pp.organisation_id
         WHERE r.token_hash = $1 AND p.agreement_id = $2",
    )
    .bind(token::hash(secret))
    .bind(agreement.id)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(found) = found else {
        let mut page = Page::new(ctx, "follow-up-link-unknown-title");
        page.for_agreement(ctx, agreement);
        let view = MessageView {
            text: ctx.t("follow-up-link-unknown-text"),
            link: None,
            page,
        };
        return Ok(Err((StatusCode::NOT_FOUND, render(&view)).into_response()));
    };
    let plan = Plan::find(&state.db, agreement.id, found.plan_id, true).await?;
    if found.closed_at.is_some() || !plan_takes_follow_up(&plan) {
        let mut page = Page::new(ctx, "follow-up-cycle-closed-title");
        page.for_agreement(ctx, agreement);
        let view = MessageView {
            text: ctx.t("follow-up-cycle-closed-text"),
            link: Some((plan.path(&agreement.slug), plan.title.clone())),
            page,
        };
        return Ok(Err((StatusCode::GONE, render(&view)).into_response()));
    }
    Ok(Ok((found, plan)))
}

pub struct RequestLine {
    pub id: i64,
    pub title: String,
    pub answered: bool,
}

#[derive(Template)]
#[template(path = "plans/templates/follow_up_request.html")]
struct RequestView {
    page: Page,
    base: String,
    plan: Plan,
    party_name: String,
    measures: Vec<RequestLine>,
}

/// The party's measures in the plan, each answered or not in this cycle.
async fn party_measures(
    state: &AppState,
    found: &FoundRequest,
) -> Result<Vec<RequestLine>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT m.id, m.title,
            (SELECT CAST(COUNT(*) AS BIGINT) FROM follow_ups f
              WHERE f.measure_id = m.id AND f.cycle_id = $2 AND f.party_id = $1)
         FROM measures m
         JOIN measure_parties mp ON mp.measure_id = m.id
         JOIN plan_areas a ON a.id = m.area_id
         WHERE mp.party_id = $1
         ORDER BY a.position, a.id, m.position, m.id",
    )
    .bind(found.party_id)
    .bind(found.cycle_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, n)| RequestLine {
            id,
            title,
            answered: n > 0,
        })
        .collect())
}

async fn request_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, secret)): Path<(String, String)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let (found, plan) = match find_request(&state, &ctx, &agreement, &secret).await? {
        Ok(f) => f,
        Err(response) => return Ok(response),
    };
    let measures = party_measures(&state, &found).await?;
    let mut page = Page::titled(
        &ctx,
        ctx.lang.t_with(
            "follow-up-request-title",
            &[("year", found.year.to_string())],
        ),
    );
    page.for_agreement(&ctx, &agreement);
    let view = RequestView {
        page,
        base: format!("/{}/follow-up/{secret}", agreement.slug),
        plan,
        party_name: found.party_name.clone(),
        measures,
    };
    Ok(render(&view))
}

/// The measure asked about by the link: one of the party's, or not found.
async fn token_measure(
    state: &AppState,
    agreement: &Agreement,
    found: &FoundRequest,
    measure_id: i64,
) -> AppResult<Measure> {
    let ok: Option<i64> = sqlx::query_scalar(
        "SELECT measure_id FROM measure_parties WHERE measure_id = $1 AND party_id = $2",
    )
    .bind(measure_id)
    .bind(found.party_id)
    .fetch_optional(&state.db.pool)
    .await?;
    ok.ok_or(AppError::NotFound)?;
    let (_, measure) = Measure::find(&state.db, agreement.id, measure_id, true).await?;
    Ok(measure)
}

async fn token_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, secret, measure_id)): Path<(String, String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let (found, plan) = match find_request(&state, &ctx, &agreement, &secret).await? {
        Ok(f) => f,
        Err(response) => return Ok(response),
    };
    let measure = token_measure(&state, &agreement, &found, measure_id).await?;
    let values = FollowUpInput::blank(&plan, &measure, found.year);
    let fields = value_fields(&state, measure.id, Some(found.year), None).await?;
    let base = format!("/{}/follow-up/{secret}", agreement.slug);
    Ok(form_response(
        &ctx,
        &agreement,
        format!("{base}/{}", measure.id),
        (base, ctx.t("follow-up-back-to-request")),
        plan,
        measure,
        values,
        fields,
        Errors::new(),
    ))
}

async fn save_by_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, secret, measure_id)): Path<(String, String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let (found, plan) = match find_request(&state, &ctx, &agreement, &secret).await? {
        Ok(f) => f,
        Err(response) => return Ok(response),
    };
    let measure = token_measure(&state, &agreement, &found, measure_id).await?;
    let base = format!("/{}/follow-up/{secret}", agreement.slug);
    let reporter = Reporter {
        party_id: Some(found.party_id),
        user_id: ctx.user.as_ref().map(|u| u.id),
        author_name: found.party_name.clone(),
    };
    save(
        &state,
        &ctx,
        &agreement,
        plan,
        measure,
        &form,
        format!("{base}/{measure_id}"),
        (base.clone(), ctx.t("follow-up-back-to-request")),
        reporter,
    )
    .await
}
