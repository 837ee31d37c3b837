//! The yearly follow-up report of a plan: a printable page and its PDF.
//! It shows the plan as it stood that year: each measure's status and
//! progress after the year's last report, the follow-up reported for the
//! year, the indicators' values that year, and who answered the year's cycle.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::model::{Measure, Plan, number, roll_up};
use super::overview::{
    PlanData, ProgressView, percent, reference_label, state_label, status_label,
};
use crate::agreements::{self, Agreement, long_date};
use crate::db::Db;
use crate::web::i18n::Lang;
use crate::web::layout::{Page, render};
use crate::web::pdf::{Blocks, document};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    // "/report/2025" is the page, "/report/2025.pdf" the PDF: one route, as
    // a path parameter cannot share its segment with a suffix.
    Router::new().route("/{slug}/plans/{id}/report/{year}", get(report))
}

#[derive(sqlx::FromRow)]
struct Entry {
    measure_id: i64,
    party_name: Option<String>,
    reported_on: String,
    text: String,
    status: String,
    status_reason: String,
    progress: i64,
    author_name: String,
    cycle_year: Option<i64>,
}

impl Entry {
    /// The year a report is for: its cycle's, or the year it was made.
    fn year(&self) -> i64 {
        self.cycle_year.unwrap_or_else(|| {
            self.reported_on
                .get(..4)
                .and_then(|y| y.parse().ok())
                .unwrap_or(0)
        })
    }
}

#[derive(sqlx::FromRow)]
struct IndicatorYear {
    measure_id: i64,
    name: String,
    unit: String,
    baseline: Option<f64>,
    baseline_year: Option<i64>,
    target: Option<f64>,
    target_year: Option<i64>,
    value: Option<f64>,
}

pub struct EntryView {
    pub date: String,
    pub who: String,
    pub status: String,
    pub progress: String,
    pub text: String,
}

pub struct IndicatorView {
    pub name: String,
    pub baseline: String,
    pub value: String,
    pub target: String,
}

pub struct MeasureView {
    pub title: String,
    pub path: String,
    pub status: String,
    pub reason: String,
    pub progress: ProgressView,
    pub entries: Vec<EntryView>,
    pub indicators: Vec<IndicatorView>,
}

pub struct AreaView {
    pub title: String,
    pub progress: ProgressView,
    pub measures: Vec<MeasureView>,
}

pub struct CycleView {
    pub due_on: String,
    /// (party, answered)
    pub parties: Vec<(String, bool)>,
}

#[derive(Template)]
#[template(path = "plans/templates/report.html")]
struct ReportView {
    page: Page,
    agreement: Agreement,
    plan: Plan,
    year: i64,
    state: String,
    overall: ProgressView,
    cycle: Option<CycleView>,
    areas: Vec<AreaView>,
    pdf: String,
}

impl ReportView {
    fn answered(&self) -> usize {
        self.cycle
            .as_ref()
            .map_or(0, |c| c.parties.iter().filter(|(_, a)| *a).count())
    }
}

fn value_with_unit(lang: Lang, value: Option<f64>, unit: &str) -> String {
    match value {
        None => lang.t("plan-progress-none"),
        Some(v) => match unit {
            "" | "antal" | "count" => number(v, lang),
            "%" => percent_f(lang, v),
            u => format!("{}\u{a0}{u}", number(v, lang)),
        },
    }
}

fn percent_f(lang: Lang, v: f64) -> String {
    match lang {
        Lang::Sv => format!("{}\u{a0}%", number(v, lang)),
        Lang::En => format!("{}%", number(v, lang)),
    }
}

async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, year)): Path<(String, i64, String)>,
) -> AppResult<Response> {
    let (year, as_pdf) = match year.strip_suffix(".pdf") {
        Some(y) => (y, true),
        None => (year.as_str(), false),
    };
    let year: i64 = year.parse().map_err(|_| AppError::NotFound)?;
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let editor = ctx.edits(agreement.id);
    let plan = Plan::find(&state.db, agreement.id, id, editor).await?;
    if !(plan.first_year..=plan.last_year).contains(&year) {
        return Err(AppError::NotFound);
    }
    let lang = ctx.lang;
    let data = PlanData::load(&state.db, plan).await?;
    let (overall, areas) = build(&state.db, lang, &agreement, &data, year).await?;
    let cycle = cycle(&state.db, lang, data.plan.id, year).await?;
    let title = lang.t_with(
        "plan-report-title",
        &[
            ("year", year.to_string()),
            ("plan", data.plan.title.clone()),
        ],
    );
    if as_pdf {
        let bytes = pdf(
            lang, &agreement, &data.plan, &title, &overall, &cycle, &areas,
        );
        let file = format!("plan-{}-{year}.pdf", data.plan.id);
        return Ok((
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}\""),
                ),
            ],
            bytes,
        )
            .into_response());
    }
    let mut page = Page::titled(&ctx, title).describe(lang.t_with(
        "plan-report-description",
        &[
            ("year", year.to_string()),
            ("plan", data.plan.title.clone()),
        ],
    ));
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ReportView {
        page,
        state: state_label(lang, &data.plan.state),
        pdf: format!("{}/report/{year}.pdf", data.plan.path(&agreement.slug)),
        plan: data.plan,
        agreement,
        year,
        overall,
        cycle,
        areas,
    }))
}

/// The plan's areas and measures as they stood in `year`.
async fn build(
    db: &Db,
    lang: Lang,
    agreement: &Agreement,
    data: &PlanData,
    year: i64,
) -> Result<(ProgressView, Vec<AreaView>), sqlx::Error> {
    let entries: Vec<Entry> = sqlx::query_as(
        "SELECT f.measure_id, COALESCE(o.name, p.name) AS party_name, f.reported_on, f.text,
            f.status, f.status_reason, f.progress, f.author_name, c.year AS cycle_year
         FROM follow_ups f JOIN measures m ON m.id = f.measure_id
         LEFT JOIN follow_up_cycles c ON c.id = f.cycle_id
         LEFT JOIN plan_parties p ON p.id = f.party_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE m.plan_id = $1 ORDER BY f.reported_on, f.id",
    )
    .bind(data.plan.id)
    .fetch_all(&db.pool)
    .await?;
    let indicators: Vec<IndicatorYear> = sqlx::query_as(
        "SELECT i.measure_id, i.name, i.unit, i.baseline, i.baseline_year, i.target,
            i.target_year, v.value
         FROM indicators i JOIN measures m ON m.id = i.measure_id
         LEFT JOIN indicator_values v ON v.indicator_id = i.id AND v.year = $2
         WHERE m.plan_id = $1 ORDER BY i.position, i.id",
    )
    .bind(data.plan.id)
    .bind(year)
    .fetch_all(&db.pool)
    .await?;
    // A past year shows the status of that year's last report; this year
    // and later, and a measure never reported on, show the measure as it is.
    let this_year = i64::from(jiff::Zoned::now().year());
    let as_of: Vec<Measure> = data
        .measures
        .iter()
        .map(|m| {
            let mut m = m.clone();
            if year < this_year
                && let Some(last) = entries
                    .iter()
                    .rfind(|e| e.measure_id == m.id && e.year() <= year)
            {
                m.status = last.status.clone();
                m.status_reason = last.status_reason.clone();
                m.progress = last.progress;
            }
            m
        })
        .collect();
    let overall = ProgressView::new(
        lang,
        "report-progress".into(),
        &data.plan.title,
        roll_up(&as_of),
    );
    let mut areas = Vec::new();
    for area in &data.areas {
        let ms: Vec<&Measure> = as_of.iter().filter(|m| m.area_id == area.id).collect();
        let measures = ms
            .iter()
            .map(|m| MeasureView {
                title: m.title.clone(),
                path: m.path(&agreement.slug),
                status: status_label(lang, &m.status),
                reason: m.status_reason.clone(),
                progress: ProgressView::new(
                    lang,
                    format!("measure-{}-progress", m.id),
                    &m.title,
                    m.counts_in_progress().then(|| m.effective_progress()),
                ),
                entries: entries
                    .iter()
                    .filter(|e| e.measure_id == m.id && e.year() == year)
                    .map(|e| EntryView {
                        date: long_date(lang, &e.reported_on),
                        who: e
                            .party_name
                            .clone()
                            .unwrap_or_else(|| e.author_name.clone()),
                        status: status_label(lang, &e.status),
                        progress: percent(lang, e.progress),
                        text: e.text.clone(),
                    })
                    .collect(),
                indicators: indicators
                    .iter()
                    .filter(|i| i.measure_id == m.id)
                    .map(|i| IndicatorView {
                        name: i.name.clone(),
                        baseline: format!(
                            "{}: {}",
                            reference_label(lang, "plan-indicator-baseline", i.baseline_year),
                            value_with_unit(lang, i.baseline, &i.unit)
                        ),
                        value: value_with_unit(lang, i.value, &i.unit),
                        target: format!(
                            "{}: {}",
                            reference_label(lang, "plan-indicator-target", i.target_year),
                            value_with_unit(lang, i.target, &i.unit)
                        ),
                    })
                    .collect(),
            })
            .collect();
        areas.push(AreaView {
            title: area.title.clone(),
            progress: ProgressView::new(
                lang,
                format!("area-{}-progress", area.id),
                &area.title,
                roll_up(ms.iter().copied()),
            ),
            measures,
        });
    }
    Ok((overall, areas))
}

/// The year's follow-up cycle: when reports were due and who has answered.
async fn cycle(
    db: &Db,
    lang: Lang,
    plan_id: i64,
    year: i64,
) -> Result<Option<CycleView>, sqlx::Error> {
    let found: Option<(i64, String)> =
        sqlx::query_as("SELECT id, due_on FROM follow_up_cycles WHERE plan_id = $1 AND year = $2")
            .bind(plan_id)
            .bind(year)
            .fetch_optional(&db.pool)
            .await?;
    let Some((cycle_id, due_on)) = found else {
        return Ok(None);
    };
    let parties: Vec<(String, i64)> = sqlx::query_as(
        "SELECT COALESCE(o.name, p.name) AS name,
            CAST((SELECT COUNT(*) FROM follow_ups f
                  WHERE f.cycle_id = r.cycle_id AND f.party_id = r.party_id) AS BIGINT) AS n
         FROM follow_up_requests r JOIN plan_parties p ON p.id = r.party_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE r.cycle_id = $1 ORDER BY p.kind DESC, name",
    )
    .bind(cycle_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(Some(CycleView {
        due_on: long_date(lang, &due_on),
        parties: parties.into_iter().map(|(p, n)| (p, n > 0)).collect(),
    }))
}

fn pdf(
    lang: Lang,
    agreement: &Agreement,
    plan: &Plan,
    title: &str,
    overall: &ProgressView,
    cycle: &Option<CycleView>,
    areas: &[AreaView],
) -> Vec<u8> {
    let mut w = Blocks::default();
    w.paragraph(&agreement.name, false, 9.0);
    w.space(2.0);
    w.paragraph(title, true, 16.0);
    w.space(2.0);
    w.paragraph(
        &format!(
            "{}: {} · {}: {}",
            lang.t("plan-period"),
            plan.period(),
            lang.t("plan-state"),
            state_label(lang, &plan.state)
        ),
        false,
        10.0,
    );
    w.paragraph(
        &format!("{}: {}", overall.label, overall.shown),
        false,
        10.0,
    );
    if let Some(c) = cycle {
        w.space(4.0);
        w.keep_with_next(20.0);
        w.paragraph(&lang.t("plan-report-cycle-title"), true, 12.0);
        w.paragraph(
            &lang.t_with("plan-report-due", &[("date", c.due_on.clone())]),
            false,
            10.0,
        );
        for (party, answered) in &c.parties {
            let key = if *answered {
                "plan-report-answered"
            } else {
                "plan-report-not-answered"
            };
            w.paragraph(&format!("{party}: {}", lang.t(key)), false, 10.0);
        }
    }
    for a in areas {
        w.space(6.0);
        w.keep_with_next(25.0);
        w.paragraph(&a.title, true, 13.0);
        w.paragraph(
            &format!("{}: {}", a.progress.label, a.progress.shown),
            false,
            10.0,
        );
        for m in &a.measures {
            w.space(3.0);
            w.keep_with_next(15.0);
            w.paragraph(&m.title, true, 11.0);
            let mut status = format!("{}: {}", lang.t("plan-status"), m.status);
            if !m.reason.is_empty() {
                status.push_str(&format!(" – {}", m.reason));
            }
            status.push_str(&format!(" · {}: {}", m.progress.label, m.progress.shown));
            w.paragraph(&status, false, 10.0);
            for i in &m.indicators {
                w.paragraph(
                    &format!("{}: {} ({}; {})", i.name, i.value, i.baseline, i.target),
                    false,
                    10.0,
                );
            }
            for e in &m.entries {
                w.space(1.0);
                w.paragraph(
                    &format!("{} · {} · {} · {}", e.date, e.who, e.status, e.progress),
                    false,
                    9.0,
                );
                w.paragraph(&e.text, false, 10.0);
            }
        }
    }
    document(title, &w)
}
