//! The public pages: the list of plans (the current one first), a plan's
//! overview with progress per area and measure, and a measure's page.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::charts::{self, Bar};
use super::model::{
    self, Area, FollowUp, Indicator, Measure, Party, Plan, STATES, STATUSES, number, roll_up,
};
use crate::agreements::{self, Agreement, long_date};
use crate::db::Db;
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::markdown;
use crate::web::{AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/plans", get(list))
        .route("/{slug}/plans/{id}", get(overview))
        .route("/{slug}/measures/{id}", get(measure_page))
}

// ---------------------------------------------------------------- shared

/// A plan with everything its overview and report show.
pub struct PlanData {
    pub plan: Plan,
    pub areas: Vec<Area>,
    pub measures: Vec<Measure>,
    pub parties: Vec<Party>,
    /// Which party is responsible for which measure: (measure id, party id).
    pub links: Vec<(i64, i64)>,
}

impl PlanData {
    pub async fn load(db: &Db, plan: Plan) -> Result<PlanData, sqlx::Error> {
        let areas = Area::of_plan(db, plan.id).await?;
        let measures = Measure::of_plan(db, plan.id).await?;
        let parties = Party::of_plan(db, plan.id).await?;
        let links = sqlx::query_as(
            "SELECT mp.measure_id, mp.party_id FROM measure_parties mp
             JOIN measures m ON m.id = mp.measure_id WHERE m.plan_id = $1",
        )
        .bind(plan.id)
        .fetch_all(&db.pool)
        .await?;
        Ok(PlanData {
            plan,
            areas,
            measures,
            parties,
            links,
        })
    }

    pub fn parties_of(&self, measure_id: i64) -> Vec<&Party> {
        self.parties
            .iter()
            .filter(|p| self.links.contains(&(measure_id, p.id)))
            .collect()
    }

    pub fn measures_in(&self, area_id: i64) -> impl Iterator<Item = &Measure> {
        self.measures.iter().filter(move |m| m.area_id == area_id)
    }
}

/// "45 %" in Swedish (with a no-break space), "45%" in English.
pub fn percent(lang: Lang, n: i64) -> String {
    match lang {
        Lang::Sv => format!("{n}\u{a0}%"),
        Lang::En => format!("{n}%"),
    }
}

/// A progress bar with its label and the number written out.
pub struct ProgressView {
    pub id: String,
    pub label: String,
    /// Said to screen readers after the label, so that every bar's name is its own.
    pub of: String,
    pub value: Option<i64>,
    pub shown: String,
}

impl ProgressView {
    pub fn new(lang: Lang, id: String, of: &str, value: Option<i64>) -> ProgressView {
        ProgressView {
            id,
            label: lang.t("plan-progress"),
            of: of.to_string(),
            value,
            shown: value.map_or_else(|| lang.t("plan-progress-none"), |v| percent(lang, v)),
        }
    }
}

pub fn status_label(lang: Lang, status: &str) -> String {
    if STATUSES.contains(&status) {
        lang.t(&format!("plan-status-{status}"))
    } else {
        status.to_string()
    }
}

pub fn state_label(lang: Lang, state: &str) -> String {
    if STATES.contains(&state) {
        lang.t(&format!("plan-state-{state}"))
    } else {
        state.to_string()
    }
}

/// A party as a link to its organisation's page, or its name.
pub struct PartyLink {
    pub name: String,
    pub href: Option<String>,
}

impl PartyLink {
    fn of(p: &Party) -> PartyLink {
        PartyLink {
            name: p.name.clone(),
            href: p
                .organisation_slug
                .as_ref()
                .map(|s| format!("/organisations/{s}")),
        }
    }
}

/// The years a plan's yearly reports exist for: its period up to this year.
pub fn report_years(plan: &Plan) -> Vec<i64> {
    let this_year = i64::from(jiff::Zoned::now().year());
    plan.years()
        .into_iter()
        .filter(|y| *y <= this_year)
        .collect()
}

/// The decision that adopted a plan: its page and a label such as
/// "Regionstyrelsen 12 december 2023, § 301".
pub async fn decision_link(
    db: &Db,
    lang: Lang,
    agreement: &Agreement,
    decision_id: Option<i64>,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let Some(id) = decision_id else {
        return Ok(None);
    };
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT d.decided_on, COALESCE(b.name, d.body_name), d.section_label FROM decisions d
         LEFT JOIN bodies b ON b.id = d.body_id WHERE d.id = $1 AND d.agreement_id = $2",
    )
    .bind(id)
    .bind(agreement.id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(on, body, section)| {
        let mut label = format!("{body} {}", long_date(lang, &on));
        if !section.is_empty() {
            label.push_str(&format!(", {section}"));
        }
        (format!("/{}/decisions/{id}", agreement.slug), label)
    }))
}

// ---------------------------------------------------------------- the list

pub struct PlanRow {
    pub title: String,
    pub path: String,
    pub period: String,
    pub state: String,
    pub is_draft: bool,
    pub progress: ProgressView,
}

#[derive(Template)]
#[template(path = "plans/templates/list.html")]
struct ListView {
    page: Page,
    plans: Vec<PlanRow>,
    editor: bool,
    slug: String,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let editor = ctx.edits(agreement.id);
    let mut plans = Vec::new();
    for plan in Plan::all(&state.db, agreement.id, editor).await? {
        let measures = Measure::of_plan(&state.db, plan.id).await?;
        plans.push(PlanRow {
            path: plan.path(&agreement.slug),
            period: plan.period(),
            state: state_label(ctx.lang, &plan.state),
            is_draft: plan.state == "draft",
            progress: ProgressView::new(
                ctx.lang,
                format!("plan-{}-progress", plan.id),
                &plan.title,
                roll_up(&measures),
            ),
            title: plan.title,
        });
    }
    let mut page = Page::new(&ctx, "plan-list-title").describe(ctx.lang.t_with(
        "plan-list-description",
        &[("agreement", agreement.short_name.clone())],
    ));
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ListView {
        page,
        plans,
        editor,
        slug: agreement.slug.clone(),
    }))
}

// ---------------------------------------------------------------- a plan

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub status: String,
    pub party: String,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct MeasureLine {
    pub title: String,
    pub path: String,
    pub status: String,
    pub status_label: String,
    pub reason: String,
    pub period: String,
    pub progress: ProgressView,
    pub parties: Vec<PartyLink>,
}

pub struct AreaBlock {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub progress: ProgressView,
    pub measures: Vec<MeasureLine>,
}

pub struct TimelineRow {
    pub title: String,
    pub path: String,
    pub period: String,
    /// One per year of the plan: whether the measure runs that year.
    pub cells: Vec<bool>,
}

pub struct AreaRow {
    pub title: String,
    pub progress: String,
    pub measures: usize,
}

#[derive(Template)]
#[template(path = "plans/templates/overview.html")]
struct OverviewView {
    page: Page,
    agreement: Agreement,
    plan: Plan,
    state: String,
    summary: String,
    decision: Option<(String, String)>,
    closed_on: Option<String>,
    overall: ProgressView,
    counts: Vec<(String, usize)>,
    chart: String,
    chart_rows: Vec<AreaRow>,
    areas: Vec<AreaBlock>,
    statuses: Vec<Choice>,
    parties: Vec<Choice>,
    filtered: bool,
    shown: usize,
    total: usize,
    years: Vec<i64>,
    timeline: Vec<TimelineRow>,
    reports: Vec<(i64, String)>,
    editor: bool,
}

/// The measure's years: from its start to its end, the plan's period where unset.
fn measure_years(plan: &Plan, m: &Measure) -> (i64, i64) {
    let year = |d: &Option<String>| {
        d.as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<i64>().ok())
    };
    (
        year(&m.starts_on).unwrap_or(plan.first_year),
        year(&m.ends_on).unwrap_or(plan.last_year),
    )
}

fn period_of(from: i64, to: i64) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    }
}

async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let editor = ctx.edits(agreement.id);
    let plan = Plan::find(&state.db, agreement.id, id, editor).await?;
    let data = PlanData::load(&state.db, plan).await?;
    let lang = ctx.lang;
    let plan = &data.plan;

    // Filters that do not name one of the plan's statuses or parties are ignored.
    let status = Some(filter.status.as_str()).filter(|s| STATUSES.contains(s));
    let party: Option<i64> = filter
        .party
        .parse()
        .ok()
        .filter(|p| data.parties.iter().any(|x| x.id == *p));
    let keep = |m: &Measure| {
        status.is_none_or(|s| m.status == s)
            && party.is_none_or(|p| data.links.contains(&(m.id, p)))
    };

    let mut areas = Vec::new();
    let mut chart_bars = Vec::new();
    let mut chart_rows = Vec::new();
    for area in &data.areas {
        let all: Vec<&Measure> = data.measures_in(area.id).collect();
        let progress = roll_up(all.iter().copied());
        chart_bars.push(Bar {
            label: area.title.clone(),
            value: progress.unwrap_or(0) as f64,
            shown: progress.map_or_else(|| lang.t("plan-progress-none"), |v| percent(lang, v)),
            reference: false,
        });
        chart_rows.push(AreaRow {
            title: area.title.clone(),
            progress: progress.map_or_else(|| lang.t("plan-progress-none"), |v| percent(lang, v)),
            measures: all.len(),
        });
        let measures: Vec<MeasureLine> = all
            .iter()
            .filter(|m| keep(m))
            .map(|m| measure_line(lang, &agreement, &data, m))
            .collect();
        if measures.is_empty() && (status.is_some() || party.is_some()) {
            continue;
        }
        areas.push(AreaBlock {
            id: area.id,
            title: area.title.clone(),
            description: area.description.clone(),
            progress: ProgressView::new(
                lang,
                format!("area-{}-progress", area.id),
                &area.title,
                progress,
            ),
            measures,
        });
    }
    let years = plan.years();
    let timeline = data
        .measures
        .iter()
        .filter(|m| keep(m))
        .map(|m| {
            let (from, to) = measure_years(plan, m);
            TimelineRow {
                title: m.title.clone(),
                path: m.path(&agreement.slug),
                period: period_of(from, to),
                cells: years.iter().map(|y| (from..=to).contains(y)).collect(),
            }
        })
        .collect::<Vec<_>>();
    let counts = STATUSES
        .iter()
        .map(|s| {
            (
                status_label(lang, s),
                data.measures.iter().filter(|m| m.status == *s).count(),
            )
        })
        .collect();
    let statuses = STATUSES
        .iter()
        .map(|s| Choice {
            value: s.to_string(),
            label: status_label(lang, s),
            selected: status == Some(*s),
        })
        .collect();
    let parties = data
        .parties
        .iter()
        .map(|p| Choice {
            value: p.id.to_string(),
            label: p.name.clone(),
            selected: party == Some(p.id),
        })
        .collect();
    let decision = decision_link(&state.db, lang, &agreement, plan.decision_id).await?;
    let chart = charts::bar_chart(
        "area-chart",
        &lang.t("plan-area-chart-title"),
        &lang.t("plan-area-chart-desc"),
        &chart_bars,
        100.0,
    );
    let mut page = Page::titled(&ctx, plan.title.clone()).describe(lang.t_with(
        "plan-overview-description",
        &[
            ("period", plan.period()),
            ("agreement", agreement.short_name.clone()),
        ],
    ));
    page.for_agreement(&ctx, &agreement);
    let shown = timeline.len();
    Ok(render(&OverviewView {
        page,
        editor,
        state: state_label(lang, &plan.state),
        summary: markdown::to_html(&plan.summary),
        decision,
        closed_on: plan.closed_on.as_deref().map(|d| long_date(lang, d)),
        overall: ProgressView::new(
            lang,
            "plan-progress".into(),
            &plan.title,
            roll_up(&data.measures),
        ),
        counts,
        chart,
        chart_rows,
        areas,
        filtered: status.is_some() || party.is_some(),
        statuses,
        parties,
        shown,
        total: data.measures.len(),
        timeline,
        reports: report_years(plan)
            .into_iter()
            .map(|y| (y, format!("{}/report/{y}", plan.path(&agreement.slug))))
            .collect(),
        years,
        plan: data.plan.clone(),
        agreement,
    }))
}

fn measure_line(lang: Lang, agreement: &Agreement, data: &PlanData, m: &Measure) -> MeasureLine {
    let (from, to) = measure_years(&data.plan, m);
    MeasureLine {
        title: m.title.clone(),
        path: m.path(&agreement.slug),
        status: m.status.clone(),
        status_label: status_label(lang, &m.status),
        reason: m.status_reason.clone(),
        period: period_of(from, to),
        progress: ProgressView::new(
            lang,
            format!("measure-{}-progress", m.id),
            &m.title,
            m.counts_in_progress().then(|| m.effective_progress()),
        ),
        parties: data
            .parties_of(m.id)
            .into_iter()
            .map(PartyLink::of)
            .collect(),
    }
}

// ---------------------------------------------------------------- a measure

pub struct IndicatorView {
    pub id: i64,
    pub name: String,
    pub unit: String,
    /// (label, value) rows: the baseline, each year, the target.
    pub rows: Vec<(String, String)>,
    pub chart: String,
}

pub struct FollowUpView {
    pub date: String,
    pub who: String,
    pub status: String,
    pub reason: String,
    pub progress: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "plans/templates/measure.html")]
struct MeasureView {
    page: Page,
    agreement: Agreement,
    plan: Plan,
    area: String,
    m: Measure,
    description: String,
    status: String,
    progress: ProgressView,
    parties: Vec<PartyLink>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    indicators: Vec<IndicatorView>,
    follow_ups: Vec<FollowUpView>,
    can_report: bool,
    proposals: Vec<(i64, String)>,
    editor: bool,
}

/// A value with its unit: "190 antal" reads badly, so counts go bare.
fn with_unit(lang: Lang, value: f64, unit: &str) -> String {
    let n = number(value, lang);
    match unit {
        "" | "antal" | "count" => n,
        "%" => format!("{n}{}%", if lang == Lang::Sv { "\u{a0}" } else { "" }),
        u => format!("{n}\u{a0}{u}"),
    }
}

pub async fn indicator_view(
    db: &Db,
    lang: Lang,
    i: &Indicator,
) -> Result<IndicatorView, sqlx::Error> {
    let values = Indicator::values(db, i.id).await?;
    let mut bars = Vec::new();
    let mut push = |label: String, value: f64, reference: bool| {
        bars.push(Bar {
            label,
            value,
            shown: with_unit(lang, value, &i.unit),
            reference,
        });
    };
    if let Some(b) = i.baseline {
        push(
            reference_label(lang, "plan-indicator-baseline", i.baseline_year),
            b,
            true,
        );
    }
    for (year, value) in &values {
        push(year.to_string(), *value, false);
    }
    if let Some(t) = i.target {
        push(
            reference_label(lang, "plan-indicator-target", i.target_year),
            t,
            true,
        );
    }
    let title = lang.t_with("plan-indicator-chart-title", &[("name", i.name.clone())]);
    let chart = charts::bar_chart(
        &format!("indicator-{}", i.id),
        &title,
        &lang.t("plan-indicator-chart-desc"),
        &bars,
        0.0,
    );
    Ok(IndicatorView {
        id: i.id,
        name: i.name.clone(),
        unit: i.unit.clone(),
        rows: bars.into_iter().map(|b| (b.label, b.shown)).collect(),
        chart,
    })
}

/// "Utgångsvärde (2023)".
pub fn reference_label(lang: Lang, key: &str, year: Option<i64>) -> String {
    match year {
        Some(y) => format!("{} ({y})", lang.t(key)),
        None => lang.t(key),
    }
}

async fn measure_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let editor = ctx.edits(agreement.id);
    let (plan, m) = Measure::find(&state.db, agreement.id, id, editor).await?;
    let lang = ctx.lang;
    let area: String = sqlx::query_scalar("SELECT title FROM plan_areas WHERE id = $1")
        .bind(m.area_id)
        .fetch_optional(&state.db.pool)
        .await?
        .unwrap_or_default();
    let parties = Party::of_measure(&state.db, m.id)
        .await?
        .iter()
        .map(PartyLink::of)
        .collect();
    let mut indicators = Vec::new();
    for i in Indicator::of_measure(&state.db, m.id).await? {
        indicators.push(indicator_view(&state.db, lang, &i).await?);
    }
    let follow_ups = FollowUp::of_measure(&state.db, m.id)
        .await?
        .into_iter()
        .map(|f| FollowUpView {
            date: long_date(lang, &f.reported_on),
            who: f
                .party_name
                .clone()
                .unwrap_or_else(|| f.author_name.clone()),
            status: status_label(lang, &f.status),
            reason: f.status_reason,
            progress: percent(lang, f.progress),
            text: f.text,
        })
        .collect();
    let can_report = model::can_report(&state.db, &ctx, agreement.id, m.id).await?;
    let proposals = crate::proposals::for_measure(&state.db, m.id).await?;
    let mut page = Page::titled(&ctx, m.title.clone()).describe(lang.t_with(
        "plan-measure-description",
        &[
            ("plan", plan.title.clone()),
            ("status", status_label(lang, &m.status)),
        ],
    ));
    page.for_agreement(&ctx, &agreement);
    Ok(render(&MeasureView {
        page,
        editor,
        description: markdown::to_html(&m.description),
        status: status_label(lang, &m.status),
        progress: ProgressView::new(
            lang,
            "measure-progress".into(),
            &m.title,
            m.counts_in_progress().then(|| m.effective_progress()),
        ),
        parties,
        starts_on: m.starts_on.as_deref().map(|d| long_date(lang, d)),
        ends_on: m.ends_on.as_deref().map(|d| long_date(lang, d)),
        indicators,
        follow_ups,
        can_report,
        proposals,
        area,
        plan,
        m,
        agreement,
    }))
}

// ---------------------------------------------------------------- sitemap

/// Every agreement's list of plans, and each plan that is not a draft with
/// its measures and yearly reports.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let mut paths: Vec<String> = sqlx::query_scalar("SELECT slug FROM agreements ORDER BY slug")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|slug: String| format!("/{slug}/plans"))
        .collect();
    let plans: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT a.slug, p.id, p.first_year, p.last_year FROM action_plans p
         JOIN agreements a ON a.id = p.agreement_id
         WHERE p.state <> 'draft' ORDER BY a.slug, p.first_year, p.id",
    )
    .fetch_all(&db.pool)
    .await?;
    let this_year = i64::from(jiff::Zoned::now().year());
    for (slug, id, first, last) in &plans {
        paths.push(format!("/{slug}/plans/{id}"));
        for year in (*first..=*last).filter(|y| *y <= this_year) {
            paths.push(format!("/{slug}/plans/{id}/report/{year}"));
        }
    }
    let measures: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.slug, m.id FROM measures m JOIN action_plans p ON p.id = m.plan_id
         JOIN agreements a ON a.id = p.agreement_id
         WHERE p.state <> 'draft' ORDER BY a.slug, p.id, m.id",
    )
    .fetch_all(&db.pool)
    .await?;
    paths.extend(
        measures
            .into_iter()
            .map(|(slug, id)| format!("/{slug}/measures/{id}")),
    );
    Ok(paths)
}
