//! The yearly follow-up cycle: editors ask every responsible party for its
//! report by e-mail and see who has answered.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::edit::parse_date;
use super::follow_up::plan_takes_follow_up;
use super::model::{Party, Plan};
use crate::accounts::token;
use crate::agreements::{self, Agreement};
use crate::config::Config;
use crate::db;
use crate::mail;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfPairs, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/plans/{id}/cycles", get(list))
        .route("/{slug}/plans/{id}/cycles/new", get(new_form).post(start))
        .route("/{slug}/plans/{id}/cycles/{cycle_id}", get(status))
        .route("/{slug}/plans/{id}/cycles/{cycle_id}/remind", post(remind))
        .route("/{slug}/plans/{id}/cycles/{cycle_id}/close", post(close))
}

type Tx = sqlx::Transaction<'static, sqlx::Any>;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Cycle {
    pub id: i64,
    pub plan_id: i64,
    pub year: i64,
    pub due_on: String,
    pub message: String,
    pub started_at: String,
    pub closed_at: Option<String>,
}

const CYCLE_COLUMNS: &str = "id, plan_id, year, due_on, message, started_at, closed_at";

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

async fn find_cycle(state: &AppState, plan: &Plan, cycle_id: i64) -> AppResult<Cycle> {
    let sql =
        format!("SELECT {CYCLE_COLUMNS} FROM follow_up_cycles WHERE id = $1 AND plan_id = $2");
    sqlx::query_as(&sql)
        .bind(cycle_id)
        .bind(plan.id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

fn cycles_path(agreement: &Agreement, plan: &Plan) -> String {
    format!("/{}/plans/{}/cycles", agreement.slug, plan.id)
}

// ------------------------------------------------------------ the list

#[derive(Template)]
#[template(path = "plans/templates/cycle_list.html")]
struct ListView {
    page: Page,
    base: String,
    plan: Plan,
    cycles: Vec<Cycle>,
    can_start: bool,
}

impl ListView {
    fn plan_path(&self) -> String {
        self.base.trim_end_matches("/cycles").to_string()
    }
    fn date(&self, iso: &str) -> String {
        agreements::long_date(self.page.lang, iso)
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let sql = format!(
        "SELECT {CYCLE_COLUMNS} FROM follow_up_cycles WHERE plan_id = $1 ORDER BY year DESC"
    );
    let cycles = sqlx::query_as(&sql)
        .bind(plan.id)
        .fetch_all(&state.db.pool)
        .await?;
    let mut page = Page::titled(
        &ctx,
        ctx.lang
            .t_with("cycle-list-title", &[("plan", plan.title.clone())]),
    );
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ListView {
        page,
        base: cycles_path(&agreement, &plan),
        can_start: plan_takes_follow_up(&plan),
        plan,
        cycles,
    }))
}

// ------------------------------------------------------------ starting one

#[derive(Default, Clone)]
pub struct CycleInput {
    pub year: String,
    pub due_on: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "plans/templates/cycle_new.html")]
struct NewView {
    page: Page,
    base: String,
    errors: Errors,
    plan: Plan,
    values: CycleInput,
}

impl NewView {
    fn years(&self) -> Vec<String> {
        self.plan.years().iter().map(i64::to_string).collect()
    }
}

fn new_page(
    ctx: &Ctx,
    agreement: &Agreement,
    plan: Plan,
    values: CycleInput,
    errors: Errors,
) -> Response {
    let mut page = Page::new(ctx, "cycle-new-title").with_errors(&errors);
    page.for_agreement(ctx, agreement);
    let status = errors.status();
    let view = NewView {
        page,
        base: cycles_path(agreement, &plan),
        errors,
        plan,
        values,
    };
    (status, render(&view)).into_response()
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let year = (jiff::Zoned::now().year() as i64).clamp(plan.first_year, plan.last_year);
    let values = CycleInput {
        year: year.to_string(),
        ..CycleInput::default()
    };
    Ok(new_page(&ctx, &agreement, plan, values, Errors::new()))
}

/// Where a party's request goes: its own address, and for an organisation
/// its representatives, each in their language where it is known.
async fn recipients(tx: &mut Tx, party: &Party) -> Result<Vec<(String, Lang)>, sqlx::Error> {
    let mut out: Vec<(String, Lang)> = Vec::new();
    if !party.email.is_empty() {
        let language: Option<String> =
            sqlx::query_scalar("SELECT language FROM users WHERE email = $1")
                .bind(party.email.to_lowercase())
                .fetch_optional(&mut **tx)
                .await?;
        let lang = language.and_then(|l| Lang::parse(&l)).unwrap_or_default();
        out.push((party.email.clone(), lang));
    }
    if let Some(org) = party.organisation_id {
        let reps: Vec<(String, String)> = sqlx::query_as(
            "SELECT u.email, u.language FROM organisation_representatives r
             JOIN users u ON u.id = r.user_id WHERE r.organisation_id = $1 ORDER BY u.id",
        )
        .bind(org)
        .fetch_all(&mut **tx)
        .await?;
        for (email, language) in reps {
            if !out.iter().any(|(e, _)| e.eq_ignore_ascii_case(&email)) {
                out.push((email, Lang::parse(&language).unwrap_or_default()));
            }
        }
    }
    Ok(out)
}

/// The titles of a party's measures.
async fn measure_titles(tx: &mut Tx, party_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT m.title FROM measures m JOIN measure_parties mp ON mp.measure_id = m.id
         JOIN plan_areas a ON a.id = m.area_id
         WHERE mp.party_id = $1 ORDER BY a.position, a.id, m.position, m.id",
    )
    .bind(party_id)
    .fetch_all(&mut **tx)
    .await
}

/// Mails one party its request (or a reminder) with a fresh personal link,
/// and returns the addresses it went to. The link's hash replaces the
/// stored one, as only the hash is kept.
#[allow(clippy::too_many_arguments)]
async fn send_request(
    tx: &mut Tx,
    config: &Config,
    agreement: &Agreement,
    plan: &Plan,
    cycle: &Cycle,
    party: &Party,
    secret: &str,
    reminder: bool,
) -> Result<String, sqlx::Error> {
    let to = recipients(tx, party).await?;
    let titles = measure_titles(tx, party.id).await?;
    let link = config.absolute(&format!("/{}/follow-up/{secret}", agreement.slug));
    for (address, lang) in &to {
        let args = [
            ("plan", plan.title.clone()),
            ("year", cycle.year.to_string()),
        ];
        let subject = if reminder {
            lang.t_with("cycle-mail-reminder-subject", &args)
        } else {
            lang.t_with("cycle-mail-subject", &args)
        };
        let mut body = vec![
            lang.t_with("cycle-mail-greeting", &[("party", party.name.clone())]),
            String::new(),
            lang.t_with("cycle-mail-intro", &args),
        ];
        if !cycle.message.trim().is_empty() {
            body.push(String::new());
            body.push(cycle.message.trim().to_string());
        }
        body.push(String::new());
        body.push(lang.t_with(
            "cycle-mail-due",
            &[("date", agreements::long_date(*lang, &cycle.due_on))],
        ));
        body.push(String::new());
        body.push(lang.t("cycle-mail-measures"));
        for t in &titles {
            body.push(format!("- {t}"));
        }
        body.push(String::new());
        body.push(lang.t("cycle-mail-link"));
        body.push(link.clone());
        mail::enqueue(&mut **tx, address, &subject, &body.join("\n")).await?;
    }
    Ok(to
        .iter()
        .map(|(a, _)| a.as_str())
        .collect::<Vec<_>>()
        .join(", "))
}

/// The plan's parties responsible for at least one measure.
async fn responsible_parties(state: &AppState, plan: &Plan) -> Result<Vec<Party>, sqlx::Error> {
    let with_measures: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT mp.party_id FROM measure_parties mp
         JOIN measures m ON m.id = mp.measure_id WHERE m.plan_id = $1",
    )
    .bind(plan.id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(Party::of_plan(&state.db, plan.id)
        .await?
        .into_iter()
        .filter(|p| with_measures.contains(&p.id))
        .collect())
}

async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?;
    let values = CycleInput {
        year: form.get("year"),
        due_on: form.get("due_on"),
        message: form.get("message"),
    };
    let mut errors = Errors::new();
    if !plan_takes_follow_up(&plan) {
        errors.add("year", "cycle-error-plan-state");
    }
    let year = values
        .year
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|y| plan.years().contains(y));
    if year.is_none() {
        errors.add("year", "cycle-error-year");
    }
    let due_on = parse_date(&values.due_on);
    if due_on.is_none() {
        errors.add("due_on", "error-date");
    }
    let (Some(year), Some(due_on)) = (year, due_on) else {
        return Ok(new_page(&ctx, &agreement, plan, values, errors));
    };
    if !errors.is_empty() {
        return Ok(new_page(&ctx, &agreement, plan, values, errors));
    }
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM follow_up_cycles WHERE plan_id = $1 AND year = $2")
            .bind(plan.id)
            .bind(year)
            .fetch_optional(&state.db.pool)
            .await?;
    if taken.is_some() {
        errors.add("year", "cycle-error-year-taken");
        return Ok(new_page(&ctx, &agreement, plan, values, errors));
    }
    let parties = responsible_parties(&state, &plan).await?;
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
        "INSERT INTO follow_up_cycles (plan_id, year, due_on, message, started_at, started_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(plan.id)
    .bind(year)
    .bind(&due_on)
    .bind(values.message.trim())
    .bind(&now)
    .bind(user.id)
    .fetch_one(&mut *tx)
    .await;
    let cycle_id = match inserted {
        Ok(id) => id,
        // Another editor started the same year a moment ago.
        Err(e) if db::is_unique_violation(&e) => {
            drop(tx);
            errors.add("year", "cycle-error-year-taken");
            return Ok(new_page(&ctx, &agreement, plan, values, errors));
        }
        Err(e) => return Err(e.into()),
    };
    let cycle = Cycle {
        id: cycle_id,
        plan_id: plan.id,
        year,
        due_on,
        message: values.message.trim().to_string(),
        started_at: now.clone(),
        closed_at: None,
    };
    for party in &parties {
        let secret = token::random_token();
        let sent_to = send_request(
            &mut tx,
            &state.config,
            &agreement,
            &plan,
            &cycle,
            party,
            &secret,
            false,
        )
        .await?;
        sqlx::query(
            "INSERT INTO follow_up_requests (cycle_id, party_id, token_hash, sent_to, sent_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(cycle_id)
        .bind(party.id)
        .bind(token::hash(&secret))
        .bind(&sent_to)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        "plan.cycle.start",
        format!("{}: {year}, {} parties", plan.id, parties.len()),
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(
        &state.config,
        "cycle-started",
        &format!("{}/{cycle_id}", cycles_path(&agreement, &plan)),
    ))
}

// ------------------------------------------------------------ who has answered

#[derive(sqlx::FromRow)]
pub struct PartyAnswer {
    pub party_id: i64,
    pub name: String,
    pub total: i64,
    pub answered: i64,
    pub last_report: Option<String>,
    pub reminded_at: Option<String>,
}

impl PartyAnswer {
    /// "answered" | "partly" | "not_yet"
    pub fn state(&self) -> &'static str {
        if self.answered == 0 {
            "not_yet"
        } else if self.answered >= self.total {
            "answered"
        } else {
            "partly"
        }
    }
}

async fn answers(state: &AppState, cycle_id: i64) -> Result<Vec<PartyAnswer>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id AS party_id, COALESCE(o.name, p.name) AS name,
            (SELECT CAST(COUNT(*) AS BIGINT) FROM measure_parties mp
              WHERE mp.party_id = p.id) AS total,
            (SELECT CAST(COUNT(DISTINCT f.measure_id) AS BIGINT) FROM follow_ups f
               JOIN measure_parties mp ON mp.measure_id = f.measure_id AND mp.party_id = p.id
              WHERE f.cycle_id = $1 AND f.party_id = p.id) AS answered,
            (SELECT MAX(f.reported_on) FROM follow_ups f
              WHERE f.cycle_id = $1 AND f.party_id = p.id) AS last_report,
            r.reminded_at
         FROM follow_up_requests r
         JOIN plan_parties p ON p.id = r.party_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE r.cycle_id = $1 ORDER BY name, p.id",
    )
    .bind(cycle_id)
    .fetch_all(&state.db.pool)
    .await
}

#[derive(Template)]
#[template(path = "plans/templates/cycle.html")]
struct StatusView {
    page: Page,
    slug: String,
    base: String,
    plan: Plan,
    cycle: Cycle,
    answers: Vec<PartyAnswer>,
}

impl StatusView {
    fn plan_path(&self) -> String {
        format!("/{}/plans/{}", self.slug, self.plan.id)
    }
    fn date(&self, iso: &str) -> String {
        agreements::long_date(self.page.lang, iso)
    }
    fn state_label(&self, a: &PartyAnswer) -> String {
        self.page.t(format!("cycle-answer-{}", a.state()))
    }
    fn counted(&self, a: &PartyAnswer) -> String {
        self.page.lang.t_with(
            "cycle-answer-count",
            &[
                ("answered", a.answered.to_string()),
                ("total", a.total.to_string()),
            ],
        )
    }
    fn any_unanswered(&self) -> bool {
        self.answers.iter().any(|a| a.state() != "answered")
    }
}

async fn status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, cycle_id)): Path<(String, i64, i64)>,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let cycle = find_cycle(&state, &plan, cycle_id).await?;
    let answers = answers(&state, cycle.id).await?;
    let mut page = Page::titled(
        &ctx,
        ctx.lang.t_with(
            "cycle-title",
            &[
                ("plan", plan.title.clone()),
                ("year", cycle.year.to_string()),
            ],
        ),
    );
    page.for_agreement(&ctx, &agreement);
    Ok(render(&StatusView {
        page,
        slug: agreement.slug.clone(),
        base: format!("{}/{}", cycles_path(&agreement, &plan), cycle.id),
        plan,
        cycle,
        answers,
    }))
}

/// Mails again every party that has not answered for all its measures.
async fn remind(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, cycle_id)): Path<(String, i64, i64)>,
    _form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?;
    let cycle = find_cycle(&state, &plan, cycle_id).await?;
    let back = format!("{}/{}", cycles_path(&agreement, &plan), cycle.id);
    if cycle.closed_at.is_some() {
        return Ok(Redirect::to(&back).into_response());
    }
    let waiting: Vec<i64> = answers(&state, cycle.id)
        .await?
        .into_iter()
        .filter(|a| a.state() != "answered")
        .map(|a| a.party_id)
        .collect();
    let parties: Vec<Party> = Party::of_plan(&state.db, plan.id)
        .await?
        .into_iter()
        .filter(|p| waiting.contains(&p.id))
        .collect();
    let now = db::now();
    let mut tx = state.db.pool.begin().await?;
    for party in &parties {
        let secret = token::random_token();
        send_request(
            &mut tx,
            &state.config,
            &agreement,
            &plan,
            &cycle,
            party,
            &secret,
            true,
        )
        .await?;
        sqlx::query(
            "UPDATE follow_up_requests SET token_hash = $1, reminded_at = $2
             WHERE cycle_id = $3 AND party_id = $4",
        )
        .bind(token::hash(&secret))
        .bind(&now)
        .bind(cycle.id)
        .bind(party.id)
        .execute(&mut *tx)
        .await?;
    }
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        "plan.cycle.remind",
        format!("{}/{}: {} parties", plan.id, cycle.id, parties.len()),
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(flash_redirect(&state.config, "cycle-reminded", &back))
}

async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, cycle_id)): Path<(String, i64, i64)>,
    _form: CsrfPairs,
) -> AppResult<Response> {
    let (agreement, plan) = editor_plan(&state, &ctx, &slug, id).await?;
    let user = ctx.require_user()?;
    let cycle = find_cycle(&state, &plan, cycle_id).await?;
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("UPDATE follow_up_cycles SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL")
        .bind(db::now())
        .bind(cycle.id)
        .execute(&mut *tx)
        .await?;
    db::audit(
        &mut *tx,
        agreement.id,
        Some(user.id),
        "plan.cycle.close",
        format!("{}/{}", plan.id, cycle.id),
    )
    .await?;
    tx.commit().await?;
    Ok(flash_redirect(
        &state.config,
        "cycle-closed",
        &format!("{}/{}", cycles_path(&agreement, &plan), cycle.id),
    ))
}
