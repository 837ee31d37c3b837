//! Editors draft a plan, its areas, parties, measures and indicators, and
//! move it through decided, following up and closed.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::model::{self, Indicator, Measure, Party, Plan, STATUSES};
use crate::accounts::email::Email;
use crate::agreements::{self, Agreement};
use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfPairs, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/plans/new", get(new_form).post(create))
        .route("/{slug}/plans/{id}/edit", get(manage).post(update))
        .route("/{slug}/plans/{id}/state", post(change_state))
        .route("/{slug}/plans/{id}/areas", post(add_area))
        .route("/{slug}/plans/{id}/areas/{area_id}", post(save_area))
        .route(
            "/{slug}/plans/{id}/areas/{area_id}/delete",
            post(delete_area),
        )
        .route("/{slug}/plans/{id}/parties", post(add_party))
        .route(
            "/{slug}/plans/{id}/parties/{party_id}/delete",
            post(remove_party),
        )
        .route(
            "/{slug}/plans/{id}/measures/new",
            get(new_measure).post(create_measure),
        )
        .route(
            "/{slug}/measures/{id}/edit",
            get(edit_measure).post(update_measure),
        )
}

type Tx = sqlx::Transaction<'static, sqlx::Any>;

// ------------------------------------------------------------ shared parsing

/// A year as typed, within what a plan can sensibly cover.
pub(super) fn parse_year(text: &str) -> Option<i64> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (1990..=2100).contains(y))
}

/// A date as YYYY-MM-DD.
pub(super) fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    (text.len() == 10)
        .then(|| text.parse::<jiff::civil::Date>().ok())
        .flatten()
        .map(|d| d.to_string())
}

/// A decimal number written with a comma or a point, spaces allowed
/// between thousands.
pub(super) fn parse_decimal(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '.',
            '−' => '-',
            c => c,
        })
        .collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A percentage 0..=100 as typed.
pub(super) fn parse_progress(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches('%').trim();
    text.parse::<i64>().ok().filter(|p| (0..=100).contains(p))
}

/// Checks a status and its reason; shared by the measure form and follow-up.
pub(super) fn check_status(status: &str, reason: &str, errors: &mut Errors) {
    if !STATUSES.contains(&status) {
        errors.add("status", "error-choose-one");
    } else if model::status_needs_reason(status) && reason.trim().is_empty() {
        errors.add("status_reason", "plan-edit-error-reason");
    }
}

/// Status options with their labels, for a select.
pub(super) fn status_options(page: &Page) -> Vec<(&'static str, String)> {
    STATUSES
        .iter()
        .map(|s| (*s, page.t(format!("plan-edit-status-{s}"))))
        .collect()
}

/// The plan's state transitions an editor may make from its current state.
pub fn next_states(state: &str) -> &'static [&'static str] {
    match state {
        "draft" => &["decided"],
        "decided" => &["following_up"],
        "following_up" => &["closed"],
        // Reopening: with a reason in the audit log.
        "closed" => &["following_up"],
        _ => &[],
    }
}

// ------------------------------------------------------------ the plan page

#[derive(Default, Clone)]
pub struct PlanInput {
    pub title: String,
    pub first_year: String,
    pub last_year: String,
    pub summary: String,
    pub drafted_by: String,
}

impl PlanInput {
    fn from_pairs(form: &CsrfPairs) -> PlanInput {
        PlanInput {
            title: form.get("title"),
            first_year: form.get("first_year"),
            last_year: form.get("last_year"),
            summary: form.get("summary"),
            drafted_by: form.get("drafted_by"),
        }
    }

    fn of(plan: &Plan) -> PlanInput {
        PlanInput {
            title: plan.title.clone(),
            first_year: plan.first_year.to_string(),
            last_year: plan.last_year.to_string(),
            summary: plan.summary.clone(),
            drafted_by: plan.drafted_by.clone(),
        }
    }

    fn validate(&self, errors: &mut Errors) -> Option<(i64, i64)> {
        if self.title.trim().is_empty() {
            errors.add("title", "error-required");
        }
        let first = parse_year(&self.first_year);
        if first.is_none() {
            errors.add("first_year", "plan-edit-error-year");
        }
        let last = parse_year(&self.last_year);
        if last.is_none() {
            errors.add("last_year", "plan-edit-error-year");
        }
        if let (Some(f), Some(l)) = (first, last)
            && l < f
        {
            errors.add("last_year", "plan-edit-error-period");
        }
        if errors.is_empty() {
            first.zip(last)
        } else {
            None
        }
    }
}

/// The inputs of the smaller forms on the plan page, kept when one comes
/// back with errors.
#[derive(Default, Clone)]
pub struct SideInputs {
    pub to: String,
    pub decision: String,
    pub reason: String,
    pub area_title: String,
    pub area_description: String,
    pub party_kind: String,
    pub party_name: String,
    pub party_email: String,
    pub party_organisation: String,
}

pub struct AreaLine {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub measures: i64,
}

pub struct PartyLine {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub email: String,
    pub measures: i64,
}

pub struct MeasureLine {
    pub id: i64,
    pub title: String,
    pub area: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "plans/templates/edit_plan.html")]
struct PlanView {
    page: Page,
    slug: String,
    errors: Errors,
    plan: Option<Plan>,
    values: PlanInput,
    side: SideInputs,
    decisions: Vec<(i64, String)>,
    organisations: Vec<(i64, String)>,
    areas: Vec<AreaLine>,
    parties: Vec<PartyLine>,
    measures: Vec<MeasureLine>,
}

impl PlanView {
    fn action(&self) -> String {
        match &self.plan {
            Some(p) => format!("/{}/plans/{}/edit", self.slug, p.id),
            None => format!("/{}/plans/new", self.slug),
        }
    }
    fn base(&self) -> String {
        match &self.plan {
            Some(p) => format!("/{}/plans/{}", self.slug, p.id),
            None => String::new(),
        }
    }
    fn state_label(&self) -> String {
        self.plan
            .as_ref()
            .map(|p| self.page.t(format!("plan-edit-state-{}", p.state)))
            .unwrap_or_default()
    }
    fn next_states(&self) -> Vec<(&'static str, String)> {
        self.plan
            .as_ref()
            .map(|p| {
                next_states(&p.state)
                    .iter()
                    .map(|s| (*s, self.page.t(format!("plan-edit-to-{s}"))))
                    .collect()
            })
            .unwrap_or_default()
    }
    fn needs_decision(&self) -> bool {
        self.plan.as_ref().is_some_and(|p| p.state == "draft")
    }
    fn reopens(&self) -> bool {
        self.plan.as_ref().is_some_and(|p| p.state == "closed")
    }
    fn status_label(&self, status: &str) -> String {
        self.page.t(format!("plan-edit-status-{status}"))
    }
    fn kind_label(&self, kind: &str) -> String {
        self.page.t(format!("plan-edit-party-kind-{kind}"))
    }
}

async fn decisions(db: &Db, agreement_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, decided_on, section_label, text FROM decisions WHERE agreement_id = $1
         ORDER BY decided_on DESC, id DESC",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, on, label, text)| {
            let mut short: String = text.chars().take(90).collect();
            if short.len() < text.len() {
                short.push('…');
            }
            let label = if label.is_empty() {
                format!("{on}: {short}")
            } else {
                format!("{on} {label}: {short}")
            };
            (id, label)
        })
        .collect())
}

/// The agreement's current signatories, who can be responsible parties.
async fn signatories(db: &Db, agreement_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.name FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = $1 AND s.left_on IS NULL ORDER BY o.name, o.id",
    )
    .bind(agreement_id)
    .fetch_all(&db.pool)
    .await
}

async fn plan_page(
    state: &AppState,
    ctx: &Ctx,
    agreement: &Agreement,
    plan: Option<Plan>,
    values: PlanInput,
    side: SideInputs,
    errors: Errors,
) -> AppResult<Response> {
    let db = &state.db;
    let title = match &plan {
        Some(p) => ctx
            .lang
            .t_with("plan-edit-title", &[("plan", p.title.clone())]),
        None => ctx.t("plan-edit-new-title"),
    };
    let mut page = Page::titled(ctx, title).with_errors(&errors);
    page.for_agreement(ctx, agreement);
    let (mut areas, mut parties, mut measures) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(p) = &plan {
        let rows: Vec<(i64, i64, String, i64)> = sqlx::query_as(
            "SELECT a.id, a.position, a.title,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM measures m WHERE m.area_id = a.id)
             FROM plan_areas a WHERE a.plan_id = $1 ORDER BY a.position, a.id",
        )
        .bind(p.id)
        .fetch_all(&db.pool)
        .await?;
        areas = rows
            .into_iter()
            .map(|(id, position, title, measures)| AreaLine {
                id,
                position,
                title,
                measures,
            })
            .collect();
        for party in Party::of_plan(db, p.id).await? {
            let n: i64 = sqlx::query_scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM measure_parties WHERE party_id = $1",
            )
            .bind(party.id)
            .fetch_one(&db.pool)
            .await?;
            parties.push(PartyLine {
                id: party.id,
                kind: party.kind,
                name: party.name,
                email: party.email,
                measures: n,
            });
        }
        for m in Measure::of_plan(db, p.id).await? {
            let area = areas
                .iter()
                .find(|a| a.id == m.area_id)
                .map(|a| a.title.clone())
                .unwrap_or_default();
            measures.push(MeasureLine {
                id: m.id,
                title: m.title,
                area,
                status: m.status,
            });
        }
    }
    let view = PlanView {
        page,
        slug: agreement.slug.clone(),
        errors,
        decisions: if plan.is_some() {
            decisions(db, agreement.id).await?
        } else {
            Vec::new()
        },
        organisations: if plan.is_some() {
            signatories(db, agreement.id).await?
        } else {
            Vec::new()
        },
        plan,
        values,
        side,
        areas,
        parties,
        measures,
    };
    Ok((view.errors.status(), render(&view)).into_response())
}

/// The agreement and one of its plans, for an editor.
async fn editor_plan(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: i64,
) -> AppResult<(Agreement, Plan)> {
    let agreement = agreements::by_slug(&state.db, slug).await?;
    ctx.require_editor(agreement.id)?;
    let plan = Plan::find(&state.db, agreement.id, id, true).await?;
    Ok((agreement, plan))
}

fn edit_path(agreement: &Agreement, plan_id: i64) -> String {
    format!("/{}/plans/{plan_id}/edit", agreement.slug)
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let year = jiff::Zoned::now().year() as i64;
    let values = PlanInput {
        first_year: year.to_string(),
        last_year: (year + 2).to_string(),
        ..PlanInput::default()
    };
    plan_page(
        &state,
        &ctx,
        &agreement,
        None,
        values,
        SideInputs::default(),
        Errors::new(),
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let user = ctx.require_user()?;
    let values = PlanInput::from_pairs(&form);
    let mut errors = Errors::new();
    let Some((first, last)) = values.validate(&mut errors) else {
        return plan_page(
            &state,
            &ctx,
            &agreement,
            None,
            values,
            SideInputs::default(),
            errors,
        )
        .await;
    };
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO action_plans (agreement_id, title, summary, first_year, last_year, state,
            drafted_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $7) RETURNING id",
    )
    .bind(agreement.id)
    .bind(values.title.trim())
    .bind(values.summary.trim())
    .bind(first)
    .bind(last)
    .bind(values.drafted_by.trim())
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        "plan.create",
        format!("{id}: {}", values.title.trim()),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Plan, id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "plan-edit-created",
        &edit_path(&agreement, id),
    ))
}

async fn manage(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let values = PlanInput::of(&plan);
    let side = SideInputs {
        party_kind: "unit".into(),
        ..SideInputs::default()
    };
    plan_page(
        &state,
        &ctx,
        &agreement,
        Some(plan),
        values,
        side,
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
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?;
    let values = PlanInput::from_pairs(&form);
    let mut errors = Errors::new();
    let Some((first, last)) = values.validate(&mut errors) else {
        return plan_page(
            &state,
            &ctx,
            &agreement,
            Some(plan),
            values,
            SideInputs::default(),
            errors,
        )
        .await;
    };
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "UPDATE action_plans SET title = $1, summary = $2, first_year = $3, last_year = $4,
            drafted_by = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(values.title.trim())
    .bind(values.summary.trim())
    .bind(first)
    .bind(last)
    .bind(values.drafted_by.trim())
    .bind(db::now())
    .bind(plan.id)
    .execute(&mut *tx)
    .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        "plan.update",
        format!("{}: {}", plan.id, values.title.trim()),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Plan, plan.id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "plan-edit-saved",
        &plan.path(&agreement.slug),
    ))
}

/// A smaller form on the plan page came back with errors: the page again,
/// with the plan's fields as stored.
async fn side_errors(
    state: &AppState,
    ctx: &Ctx,
    agreement: &Agreement,
    plan: Plan,
    side: SideInputs,
    errors: Errors,
) -> AppResult<Response> {
    let values = PlanInput::of(&plan);
    plan_page(state, ctx, agreement, Some(plan), values, side, errors).await
}

async fn change_state(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?;
    let side = SideInputs {
        to: form.get("to"),
        decision: form.get("decision"),
        reason: form.get("reason"),
        party_kind: "unit".into(),
        ..SideInputs::default()
    };
    let mut errors = Errors::new();
    let to = side.to.as_str();
    if !next_states(&plan.state).contains(&to) {
        errors.add("to", "error-choose-one");
    }
    let mut decision_id = None;
    if plan.state == "draft" && to == "decided" {
        let known = decisions(&state.db, agreement.id).await?;
        match side.decision.trim().parse::<i64>() {
            Ok(d) if known.iter().any(|(id, _)| *id == d) => decision_id = Some(d),
            _ => errors.add("decision", "plan-edit-error-decision"),
        }
    }
    let reopening = plan.state == "closed";
    if reopening && side.reason.trim().is_empty() {
        errors.add("reason", "plan-edit-error-reopen-reason");
    }
    if !errors.is_empty() {
        return side_errors(&state, &ctx, &agreement, plan, side, errors).await;
    }
    let closed_on = (to == "closed").then(db::today);
    let mut tx = state.db.pool.begin().await?;
    // Conditional on the state read, so two editors cannot both move it.
    let changed = sqlx::query(
        "UPDATE action_plans SET state = $1, decision_id = COALESCE($2, decision_id),
            closed_on = $3, updated_at = $4 WHERE id = $5 AND state = $6",
    )
    .bind(to)
    .bind(decision_id)
    .bind(closed_on)
    .bind(db::now())
    .bind(plan.id)
    .bind(&plan.state)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(Redirect::to(&edit_path(&agreement, plan.id)).into_response());
    }
    if let Some(d) = decision_id {
        sqlx::query(
            "UPDATE decisions SET subject_kind = 'action_plan', subject_id = $1
             WHERE id = $2 AND agreement_id = $3",
        )
        .bind(plan.id)
        .bind(d)
        .bind(agreement.id)
        .execute(&mut *tx)
        .await?;
    }
    let mut detail = format!("{}: {} -> {to}", plan.id, plan.state);
    if let Some(d) = decision_id {
        detail.push_str(&format!(" (decision {d})"));
    }
    if reopening {
        detail.push_str(&format!("; reason: {}", side.reason.trim()));
    }
    let action = if reopening {
        "plan.reopen"
    } else {
        "plan.state"
    };
    db::audit(&mut *tx, agreement.id, Some(user.id), action, detail).await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Plan, plan.id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "plan-edit-state-changed",
        &edit_path(&agreement, plan.id),
    ))
}

// ------------------------------------------------------------ areas

async fn add_area(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?;
    let side = SideInputs {
        area_title: form.get("area_title"),
        area_description: form.get("area_description"),
        party_kind: "unit".into(),
        ..SideInputs::default()
    };
    let mut errors = Errors::new();
    if side.area_title.trim().is_empty() {
        errors.add("area_title", "error-required");
        return side_errors(&state, &ctx, &agreement, plan, side, errors).await;
    }
    let mut tx = state.db.pool.begin().await?;
    let position: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS BIGINT) FROM plan_areas WHERE plan_id = $1",
    )
    .bind(plan.id)
    .fetch_one(&mut *tx)
    .await?;
    let area_id: i64 = sqlx::query_scalar(
        "INSERT INTO plan_areas (plan_id, position, title, description) VALUES ($1, $2, $3, $4)
         RETURNING id",
    )
    .bind(plan.id)
    .bind(position)
    .bind(side.area_title.trim())
    .bind(side.area_description.trim())
    .fetch_one(&mut *tx)
    .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        "plan.area.create",
        format!("{}/{area_id}: {}", plan.id, side.area_title.trim()),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Plan, plan.id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "plan-edit-area-saved",
        &edit_path(&agreement, plan.id),
    ))
}

/// Renames an area and moves it to another position.
async fn save_area(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, area_id)): Path<(String, i64, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?;
    let title = form.get("title");
    let position = form.get("position").trim().parse::<i64>().ok();
    let mut errors = Errors::new();
    if title.trim().is_empty() {
        errors.add("areas", "plan-edit-error-area-title");
    }
    if position.is_none_or(|p| !(0..=1000).contains(&p)) {
        errors.add("areas", "plan-edit-error-position");
    }
    if !errors.is_empty() {
        let side = SideInputs {
            party_kind: "unit".into(),
            ..SideInputs::default()
        };
        return side_errors(&state, &ctx, &agreement, plan, side, errors).await;
    }
    let mut tx = state.db.pool.begin().await?;
    let changed = sqlx::query(
        "UPDATE plan_areas SET title = $1, position = $2 WHERE id = $3 AND plan_id = $4",
    )
    .bind(title.trim())
    .bind(position)
    .bind(area_id)
    .bind(plan.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        "plan.area.update",
        format!("{}/{area_id}: {} ({position:?})", plan.id, title.trim()),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Plan, plan.id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "plan-edit-area-saved",
        &edit_path(&agreement, plan.id),
    ))
}

async fn delete_area(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, area_id)): Path<(String, i64, i64)>,
    _form: CsrfPairs,
) -> AppResult<Response> {
    let unused = Unused {
        table: "plan_areas",
        in_use: "SELECT 1 FROM measures WHERE area_id = $1",
        field: "areas",
        error: "plan-edit-error-area-has-measures",
        action: "plan.area.delete",
        flash: "plan-edit-area-deleted",
    };
    delete_unused(&state, &ctx, &slug, id, area_id, unused).await
}

// ------------------------------------------------------------ parties

async fn add_party(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?;
    let side = SideInputs {
        party_kind: form.get("party_kind"),
        party_name: form.get("party_name"),
        party_email: form.get("party_email"),
        party_organisation: form.get("party_organisation"),
        ..SideInputs::default()
    };
    let mut errors = Errors::new();
    let mut email = String::new();
    let mut organisation = None;
    let mut name = side.party_name.trim().to_string();
    match side.party_kind.as_str() {
        "unit" => {
            if name.is_empty() {
                errors.add("party_name", "error-required");
            }
            match Email::parse(&side.party_email) {
                Ok(e) => email = e.as_str().to_string(),
                Err(key) => errors.add("party_email", key),
            }
        }
        "organisation" => {
            let orgs = signatories(&state.db, agreement.id).await?;
            match side
                .party_organisation
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|o| orgs.iter().find(|(id, _)| *id == o))
            {
                Some((id, org_name)) => {
                    organisation = Some(*id);
                    name = org_name.clone();
                }
                None => errors.add("party_organisation", "plan-edit-error-organisation"),
            }
            if !side.party_email.trim().is_empty() {
                match Email::parse(&side.party_email) {
                    Ok(e) => email = e.as_str().to_string(),
                    Err(key) => errors.add("party_email", key),
                }
            }
        }
        _ => errors.add("party_kind", "error-choose-one"),
    }
    if !errors.is_empty() {
        return side_errors(&state, &ctx, &agreement, plan, side, errors).await;
    }
    let mut tx = state.db.pool.begin().await?;
    let party_id: i64 = sqlx::query_scalar(
        "INSERT INTO plan_parties (plan_id, kind, organisation_id, name, email)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(plan.id)
    .bind(&side.party_kind)
    .bind(organisation)
    .bind(&name)
    .bind(&email)
    .fetch_one(&mut *tx)
    .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        "plan.party.create",
        format!("{}/{party_id}: {name}", plan.id),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "plan-edit-party-saved",
        &edit_path(&agreement, plan.id),
    ))
}

async fn remove_party(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, party_id)): Path<(String, i64, i64)>,
    _form: CsrfPairs,
) -> AppResult<Response> {
    let unused = Unused {
        table: "plan_parties",
        in_use: "SELECT 1 FROM measure_parties WHERE party_id = $1",
        field: "parties",
        error: "plan-edit-error-party-responsible",
        action: "plan.party.delete",
        flash: "plan-edit-party-removed",
    };
    delete_unused(&state, &ctx, &slug, id, party_id, unused).await
}

/// A part of a plan that may be deleted only while nothing refers to it.
struct Unused {
    table: &'static str,
    /// A query that finds a reference to the row `$1`.
    in_use: &'static str,
    field: &'static str,
    error: &'static str,
    action: &'static str,
    flash: &'static str,
}

/// Deletes an area or a party of a plan when it is unused; the check is in
/// the DELETE itself, so a measure added meanwhile keeps it. A row in use
/// gives the edit page with an error, an unknown one 404.
async fn delete_unused(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    plan_id: i64,
    row_id: i64,
    unused: Unused,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(state, ctx, slug, plan_id).await?;
    let user = ctx.require_user()?;
    let mut tx = state.db.pool.begin().await?;
    let sql = format!(
        "DELETE FROM {} WHERE id = $1 AND plan_id = $2 AND NOT EXISTS ({})",
        unused.table, unused.in_use
    );
    let deleted = sqlx::query(&sql)
        .bind(row_id)
        .bind(plan.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if deleted == 0 {
        drop(tx);
        let sql = format!(
            "SELECT id FROM {} WHERE id = $1 AND plan_id = $2",
            unused.table
        );
        let exists: Option<i64> = sqlx::query_scalar(&sql)
            .bind(row_id)
            .bind(plan.id)
            .fetch_optional(&state.db.pool)
            .await?;
        if exists.is_none() {
            return Err(AppError::NotFound);
        }
        let mut errors = Errors::new();
        errors.add(unused.field, unused.error);
        let side = SideInputs {
            party_kind: "unit".into(),
            ..SideInputs::default()
        };
        return side_errors(state, ctx, &agreement, plan, side, errors).await;
    }
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        unused.action,
        format!("{}/{row_id}", plan.id),
    )
    .await?;
    // An area is part of the plan's entry (and of its measures'); a party is not.
    if unused.table == "plan_areas" {
        crate::search::changed(&mut *tx, crate::search::Kind::Plan, plan.id).await?;
    }
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        unused.flash,
        &edit_path(&agreement, plan.id),
    ))
}

// ------------------------------------------------------------ measures

/// Room for this many indicators per save.
const INDICATOR_ROWS: usize = 8;
/// Row errors point at the row's name field.
const INDICATOR_FIELD: [&str; INDICATOR_ROWS] = [
    "indicator_0",
    "indicator_1",
    "indicator_2",
    "indicator_3",
    "indicator_4",
    "indicator_5",
    "indicator_6",
    "indicator_7",
];

#[derive(Default, Clone)]
pub struct IndicatorRow {
    /// The stored indicator's id, empty for a new row.
    pub id: String,
    pub name: String,
    pub unit: String,
    pub baseline: String,
    pub baseline_year: String,
    pub target: String,
    pub target_year: String,
}

#[derive(Default, Clone)]
pub struct MeasureInput {
    pub area: String,
    pub title: String,
    pub description: String,
    pub parties: Vec<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub starts_on: String,
    pub ends_on: String,
    pub status: String,
    pub status_reason: String,
    pub progress: String,
    pub rows: Vec<IndicatorRow>,
}

fn pad_rows(rows: &mut Vec<IndicatorRow>) {
    let n = (rows.len() + 2).clamp(3, INDICATOR_ROWS);
    rows.resize(n, IndicatorRow::default());
    rows.truncate(INDICATOR_ROWS);
}

impl MeasureInput {
    fn from_pairs(form: &CsrfPairs) -> MeasureInput {
        let cols = [
            form.all("ind_id"),
            form.all("ind_name"),
            form.all("ind_unit"),
            form.all("ind_baseline"),
            form.all("ind_baseline_year"),
            form.all("ind_target"),
            form.all("ind_target_year"),
        ];
        let n = cols
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .min(INDICATOR_ROWS);
        let at = |c: usize, i: usize| cols[c].get(i).cloned().unwrap_or_default();
        let mut rows: Vec<IndicatorRow> = (0..n)
            .map(|i| IndicatorRow {
                id: at(0, i),
                name: at(1, i),
                unit: at(2, i),
                baseline: at(3, i),
                baseline_year: at(4, i),
                target: at(5, i),
                target_year: at(6, i),
            })
            .collect();
        rows.resize(n.max(3), IndicatorRow::default());
        MeasureInput {
            area: form.get("area"),
            title: form.get("title"),
            description: form.get("description"),
            parties: form.all("party"),
            contact_name: form.get("contact_name"),
            contact_email: form.get("contact_email"),
            starts_on: form.get("starts_on"),
            ends_on: form.get("ends_on"),
            status: form.get("status"),
            status_reason: form.get("status_reason"),
            progress: form.get("progress"),
            rows,
        }
    }

    async fn of(db: &Db, measure: &Measure) -> Result<MeasureInput, sqlx::Error> {
        let num = |v: Option<f64>| {
            v.map(|v| model::number(v, crate::web::i18n::Lang::En))
                .unwrap_or_default()
        };
        let year = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let mut rows: Vec<IndicatorRow> = Indicator::of_measure(db, measure.id)
            .await?
            .into_iter()
            .map(|i| IndicatorRow {
                id: i.id.to_string(),
                name: i.name,
                unit: i.unit,
                baseline: num(i.baseline),
                baseline_year: year(i.baseline_year),
                target: num(i.target),
                target_year: year(i.target_year),
            })
            .collect();
        pad_rows(&mut rows);
        Ok(MeasureInput {
            area: measure.area_id.to_string(),
            title: measure.title.clone(),
            description: measure.description.clone(),
            parties: Party::of_measure(db, measure.id)
                .await?
                .into_iter()
                .map(|p| p.id.to_string())
                .collect(),
            contact_name: measure.contact_name.clone(),
            contact_email: measure.contact_email.clone(),
            starts_on: measure.starts_on.clone().unwrap_or_default(),
            ends_on: measure.ends_on.clone().unwrap_or_default(),
            status: measure.status.clone(),
            status_reason: measure.status_reason.clone(),
            progress: measure.progress.to_string(),
            rows,
        })
    }
}

struct ValidIndicator {
    id: Option<i64>,
    name: String,
    unit: String,
    baseline: Option<f64>,
    baseline_year: Option<i64>,
    target: Option<f64>,
    target_year: Option<i64>,
}

struct ValidMeasure {
    area_id: i64,
    parties: Vec<i64>,
    contact_email: String,
    starts_on: Option<String>,
    ends_on: Option<String>,
    progress: i64,
    indicators: Vec<ValidIndicator>,
}

fn optional<T>(
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
    field: &'static str,
    key: &'static str,
    errors: &mut Errors,
) -> Option<T> {
    if text.trim().is_empty() {
        return None;
    }
    let v = parse(text);
    if v.is_none() {
        errors.add(field, key);
    }
    v
}

fn validate_measure(
    input: &MeasureInput,
    areas: &[model::Area],
    parties: &[Party],
    errors: &mut Errors,
) -> Option<ValidMeasure> {
    let area_id = input
        .area
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|a| areas.iter().any(|x| x.id == *a));
    if area_id.is_none() {
        errors.add("area", "plan-edit-error-area");
    }
    if input.title.trim().is_empty() {
        errors.add("title", "error-required");
    }
    let mut chosen = Vec::new();
    for p in &input.parties {
        match p
            .parse::<i64>()
            .ok()
            .filter(|p| parties.iter().any(|x| x.id == *p))
        {
            Some(p) if !chosen.contains(&p) => chosen.push(p),
            Some(_) => {}
            None => errors.add("parties", "error-choose-one"),
        }
    }
    let contact_email = if input.contact_email.trim().is_empty() {
        String::new()
    } else {
        match Email::parse(&input.contact_email) {
            Ok(e) => e.as_str().to_string(),
            Err(key) => {
                errors.add("contact_email", key);
                String::new()
            }
        }
    };
    let starts_on = optional(
        &input.starts_on,
        parse_date,
        "starts_on",
        "error-date",
        errors,
    );
    let ends_on = optional(&input.ends_on, parse_date, "ends_on", "error-date", errors);
    if let (Some(s), Some(e)) = (&starts_on, &ends_on)
        && e < s
    {
        errors.add("ends_on", "plan-edit-error-end-before-start");
    }
    check_status(&input.status, &input.status_reason, errors);
    let progress = parse_progress(&input.progress);
    if progress.is_none() {
        errors.add("progress", "plan-edit-error-progress");
    }
    let mut indicators = Vec::new();
    for (i, row) in input.rows.iter().enumerate().take(INDICATOR_ROWS) {
        let field = INDICATOR_FIELD[i];
        let filled = [
            &row.name,
            &row.unit,
            &row.baseline,
            &row.baseline_year,
            &row.target,
            &row.target_year,
        ]
        .iter()
        .any(|s| !s.trim().is_empty());
        if !filled {
            continue;
        }
        if row.name.trim().is_empty() {
            errors.add(field, "plan-edit-error-indicator-name");
        }
        let number = "plan-edit-error-indicator-number";
        let year = "plan-edit-error-indicator-year";
        indicators.push(ValidIndicator {
            id: row.id.trim().parse::<i64>().ok(),
            name: row.name.trim().to_string(),
            unit: row.unit.trim().to_string(),
            baseline: optional(&row.baseline, parse_decimal, field, number, errors),
            baseline_year: optional(&row.baseline_year, parse_year, field, year, errors),
            target: optional(&row.target, parse_decimal, field, number, errors),
            target_year: optional(&row.target_year, parse_year, field, year, errors),
        });
    }
    if !errors.is_empty() {
        return None;
    }
    Some(ValidMeasure {
        area_id: area_id?,
        parties: chosen,
        contact_email,
        starts_on,
        ends_on,
        progress: progress?,
        indicators,
    })
}

#[derive(Template)]
#[template(path = "plans/templates/edit_measure.html")]
struct MeasureView {
    page: Page,
    slug: String,
    errors: Errors,
    plan: Plan,
    measure_id: Option<i64>,
    values: MeasureInput,
    areas: Vec<(i64, String)>,
    parties: Vec<(i64, String)>,
}

impl MeasureView {
    fn action(&self) -> String {
        match self.measure_id {
            Some(id) => format!("/{}/measures/{id}/edit", self.slug),
            None => format!("/{}/plans/{}/measures/new", self.slug, self.plan.id),
        }
    }
    fn statuses(&self) -> Vec<(&'static str, String)> {
        status_options(&self.page)
    }
    fn has_party(&self, id: &i64) -> bool {
        let id = id.to_string();
        self.values.parties.contains(&id)
    }
    fn row_error(&self, i: &usize) -> Option<&'static str> {
        INDICATOR_FIELD.get(*i).and_then(|f| self.errors.get(f))
    }
    fn row_n(&self, i: &usize) -> String {
        self.page.t1("plan-edit-indicator-n", "n", i + 1)
    }
}

#[allow(clippy::too_many_arguments)]
async fn measure_page(
    state: &AppState,
    ctx: &Ctx,
    agreement: &Agreement,
    plan: Plan,
    measure_id: Option<i64>,
    values: MeasureInput,
    errors: Errors,
) -> AppResult<Response> {
    let title = match measure_id {
        Some(_) => ctx.lang.t_with(
            "plan-edit-measure-title",
            &[("measure", values.title.clone())],
        ),
        None => ctx.t("plan-edit-measure-new-title"),
    };
    let mut page = Page::titled(ctx, title).with_errors(&errors);
    page.for_agreement(ctx, agreement);
    let areas = model::Area::of_plan(&state.db, plan.id)
        .await?
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect();
    let parties = Party::of_plan(&state.db, plan.id)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let view = MeasureView {
        page,
        slug: agreement.slug.clone(),
        errors,
        plan,
        measure_id,
        values,
        areas,
        parties,
    };
    Ok((view.errors.status(), render(&view)).into_response())
}

async fn new_measure(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let mut values = MeasureInput {
        status: "planned".into(),
        progress: "0".into(),
        ..MeasureInput::default()
    };
    pad_rows(&mut values.rows);
    measure_page(&state, &ctx, &agreement, plan, None, values, Errors::new()).await
}

async fn create_measure(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    save_measure(&state, &ctx, &agreement, plan, None, &form).await
}

async fn edit_measure(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let (plan, measure) = Measure::find(&state.db, agreement.id, id, true).await?;
    let values = MeasureInput::of(&state.db, &measure).await?;
    measure_page(
        &state,
        &ctx,
        &agreement,
        plan,
        Some(measure.id),
        values,
        Errors::new(),
    )
    .await
}

async fn update_measure(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let (plan, measure) = Measure::find(&state.db, agreement.id, id, true).await?;
    save_measure(&state, &ctx, &agreement, plan, Some(measure.id), &form).await
}

async fn save_measure(
    state: &AppState,
    ctx: &Ctx,
    agreement: &Agreement,
    plan: Plan,
    measure_id: Option<i64>,
    form: &CsrfPairs,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let values = MeasureInput::from_pairs(form);
    let areas = model::Area::of_plan(&state.db, plan.id).await?;
    let parties = Party::of_plan(&state.db, plan.id).await?;
    let mut errors = Errors::new();
    let Some(valid) = validate_measure(&values, &areas, &parties, &mut errors) else {
        return measure_page(state, ctx, agreement, plan, measure_id, values, errors).await;
    };
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let id = match measure_id {
        None => {
            let position: i64 = sqlx::query_scalar(
                "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS BIGINT) FROM measures
                 WHERE area_id = $1",
            )
            .bind(valid.area_id)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query_scalar(
                "INSERT INTO measures (plan_id, area_id, position, title, description,
                    contact_name, contact_email, starts_on, ends_on, status, status_reason,
                    progress, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
                 RETURNING id",
            )
            .bind(plan.id)
            .bind(valid.area_id)
            .bind(position)
            .bind(values.title.trim())
            .bind(values.description.trim())
            .bind(values.contact_name.trim())
            .bind(&valid.contact_email)
            .bind(&valid.starts_on)
            .bind(&valid.ends_on)
            .bind(&values.status)
            .bind(reason_kept(&values.status, &values.status_reason))
            .bind(valid.progress)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?
        }
        Some(id) => {
            sqlx::query(
                "UPDATE measures SET area_id = $1, title = $2, description = $3,
                    contact_name = $4, contact_email = $5, starts_on = $6, ends_on = $7,
                    status = $8, status_reason = $9, progress = $10, updated_at = $11
                 WHERE id = $12",
            )
            .bind(valid.area_id)
            .bind(values.title.trim())
            .bind(values.description.trim())
            .bind(values.contact_name.trim())
            .bind(&valid.contact_email)
            .bind(&valid.starts_on)
            .bind(&valid.ends_on)
            .bind(&values.status)
            .bind(reason_kept(&values.status, &values.status_reason))
            .bind(valid.progress)
            .bind(&now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM measure_parties WHERE measure_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            id
        }
    };
    for party in &valid.parties {
        sqlx::query("INSERT INTO measure_parties (measure_id, party_id) VALUES ($1, $2)")
            .bind(id)
            .bind(party)
            .execute(&mut *tx)
            .await?;
    }
    save_indicators(&mut tx, id, &valid.indicators).await?;
    let action = if measure_id.is_some() {
        "measure.update"
    } else {
        "measure.create"
    };
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        action,
        format!("{id}: {}", values.title.trim()),
    )
    .await?;
    crate::search::changed(&mut *tx, crate::search::Kind::Measure, id).await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "plan-edit-measure-saved",
        &format!("/{}/measures/{id}", agreement.slug),
    ))
}

/// A reason is kept only with a status that needs one.
pub(super) fn reason_kept(status: &str, reason: &str) -> String {
    if model::status_needs_reason(status) {
        reason.trim().to_string()
    } else {
        String::new()
    }
}

/// Indicators kept by id keep their reported values; rows left out are removed.
async fn save_indicators(
    tx: &mut Tx,
    measure_id: i64,
    rows: &[ValidIndicator],
) -> Result<(), sqlx::Error> {
    let existing: Vec<i64> = sqlx::query_scalar("SELECT id FROM indicators WHERE measure_id = $1")
        .bind(measure_id)
        .fetch_all(&mut **tx)
        .await?;
    let kept: Vec<i64> = rows
        .iter()
        .filter_map(|r| r.id)
        .filter(|id| existing.contains(id))
        .collect();
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        sqlx::query("DELETE FROM indicators WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    for (position, row) in rows.iter().enumerate() {
        let position = position as i64;
        match row.id.filter(|id| kept.contains(id)) {
            Some(id) => {
                sqlx::query(
                    "UPDATE indicators SET position = $1, name = $2, unit = $3, baseline = $4,
                        baseline_year = $5, target = $6, target_year = $7 WHERE id = $8",
                )
                .bind(position)
                .bind(&row.name)
                .bind(&row.unit)
                .bind(row.baseline)
                .bind(row.baseline_year)
                .bind(row.target)
                .bind(row.target_year)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO indicators (measure_id, position, name, unit, baseline,
                        baseline_year, target, target_year)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(measure_id)
                .bind(position)
                .bind(&row.name)
                .bind(&row.unit)
                .bind(row.baseline)
                .bind(row.baseline_year)
                .bind(row.target)
                .bind(row.target_year)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_take_a_comma_or_a_point() {
        assert_eq!(parse_decimal("12,5"), Some(12.5));
        assert_eq!(parse_decimal("12.5"), Some(12.5));
        assert_eq!(parse_decimal("1 200"), Some(1200.0));
        assert_eq!(parse_decimal("−3,25"), Some(-3.25));
        assert_eq!(parse_decimal("tolv"), None);
        assert_eq!(parse_decimal("inf"), None);
    }

    #[test]
    fn states_move_forward_and_closed_reopens() {
        assert_eq!(next_states("draft"), ["decided"]);
        assert_eq!(next_states("decided"), ["following_up"]);
        assert_eq!(next_states("following_up"), ["closed"]);
        assert_eq!(next_states("closed"), ["following_up"]);
    }
}
