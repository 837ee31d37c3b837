//! Action plans as stored, and the queries the overview, the measure pages,
//! editing, follow-up and the yearly report share.

use crate::db::Db;
use crate::web::{AppError, AppResult};

pub const STATES: [&str; 4] = ["draft", "decided", "following_up", "closed"];
pub const STATUSES: [&str; 5] = ["planned", "ongoing", "done", "postponed", "cancelled"];
pub const PARTY_KINDS: [&str; 2] = ["unit", "organisation"];

/// Postponing or cancelling a measure needs a reason.
pub fn status_needs_reason(status: &str) -> bool {
    matches!(status, "postponed" | "cancelled")
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Plan {
    pub id: i64,
    pub agreement_id: i64,
    pub title: String,
    pub summary: String,
    pub first_year: i64,
    pub last_year: i64,
    pub state: String,
    pub decision_id: Option<i64>,
    pub drafted_by: String,
    pub closed_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

const PLAN_COLUMNS: &str = "id, agreement_id, title, summary, first_year, last_year, state,
    decision_id, drafted_by, closed_on, created_at, updated_at";

impl Plan {
    /// One plan of one agreement: another agreement's id is not found. A
    /// draft is found only for editors.
    pub async fn find(db: &Db, agreement_id: i64, id: i64, editor: bool) -> AppResult<Plan> {
        let sql = format!(
            "SELECT {PLAN_COLUMNS} FROM action_plans WHERE id = $1 AND agreement_id = $2
               AND ($3 = 1 OR state <> 'draft')"
        );
        sqlx::query_as(&sql)
            .bind(id)
            .bind(agreement_id)
            .bind(i64::from(editor))
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Every plan of an agreement, the current one first: the latest plan
    /// that is not a draft, then the rest newest first. Drafts only for editors.
    pub async fn all(db: &Db, agreement_id: i64, editor: bool) -> Result<Vec<Plan>, sqlx::Error> {
        let sql = format!(
            "SELECT {PLAN_COLUMNS} FROM action_plans WHERE agreement_id = $1
               AND ($2 = 1 OR state <> 'draft')
             ORDER BY CASE WHEN state = 'draft' THEN 1 ELSE 0 END, first_year DESC, id DESC"
        );
        sqlx::query_as(&sql)
            .bind(agreement_id)
            .bind(i64::from(editor))
            .fetch_all(&db.pool)
            .await
    }

    /// "2024–2026".
    pub fn period(&self) -> String {
        if self.first_year == self.last_year {
            self.first_year.to_string()
        } else {
            format!("{}–{}", self.first_year, self.last_year)
        }
    }

    pub fn path(&self, agreement_slug: &str) -> String {
        format!("/{agreement_slug}/plans/{}", self.id)
    }

    pub fn years(&self) -> Vec<i64> {
        (self.first_year..=self.last_year).collect()
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Area {
    pub id: i64,
    pub plan_id: i64,
    pub position: i64,
    pub title: String,
    pub description: String,
}

impl Area {
    pub async fn of_plan(db: &Db, plan_id: i64) -> Result<Vec<Area>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, plan_id, position, title, description FROM plan_areas
             WHERE plan_id = $1 ORDER BY position, id",
        )
        .bind(plan_id)
        .fetch_all(&db.pool)
        .await
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Party {
    pub id: i64,
    pub plan_id: i64,
    pub kind: String,
    pub organisation_id: Option<i64>,
    /// The organisation's slug, for a link to its page.
    pub organisation_slug: Option<String>,
    pub name: String,
    pub email: String,
}

const PARTY_COLUMNS: &str = "p.id, p.plan_id, p.kind, p.organisation_id,
    o.slug AS organisation_slug, COALESCE(o.name, p.name) AS name, p.email";

impl Party {
    pub async fn of_plan(db: &Db, plan_id: i64) -> Result<Vec<Party>, sqlx::Error> {
        let sql = format!(
            "SELECT {PARTY_COLUMNS} FROM plan_parties p
             LEFT JOIN organisations o ON o.id = p.organisation_id
             WHERE p.plan_id = $1 ORDER BY p.kind DESC, name, p.id"
        );
        sqlx::query_as(&sql).bind(plan_id).fetch_all(&db.pool).await
    }

    /// The parties responsible for one measure.
    pub async fn of_measure(db: &Db, measure_id: i64) -> Result<Vec<Party>, sqlx::Error> {
        let sql = format!(
            "SELECT {PARTY_COLUMNS} FROM measure_parties mp
             JOIN plan_parties p ON p.id = mp.party_id
             LEFT JOIN organisations o ON o.id = p.organisation_id
             WHERE mp.measure_id = $1 ORDER BY p.kind DESC, name, p.id"
        );
        sqlx::query_as(&sql)
            .bind(measure_id)
            .fetch_all(&db.pool)
            .await
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Measure {
    pub id: i64,
    pub plan_id: i64,
    pub area_id: i64,
    pub position: i64,
    pub title: String,
    pub description: String,
    pub contact_name: String,
    pub contact_email: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub status: String,
    pub status_reason: String,
    pub progress: i64,
    pub created_at: String,
    pub updated_at: String,
}

const MEASURE_COLUMNS: &str = "m.id, m.plan_id, m.area_id, m.position, m.title, m.description,
    m.contact_name, m.contact_email, m.starts_on, m.ends_on, m.status, m.status_reason,
    m.progress, m.created_at, m.updated_at";

impl Measure {
    /// One measure of one agreement's plan, with its plan. A draft plan's
    /// measures are found only for editors.
    pub async fn find(
        db: &Db,
        agreement_id: i64,
        id: i64,
        editor: bool,
    ) -> AppResult<(Plan, Measure)> {
        let sql = format!(
            "SELECT {MEASURE_COLUMNS} FROM measures m JOIN action_plans p ON p.id = m.plan_id
             WHERE m.id = $1 AND p.agreement_id = $2"
        );
        let measure: Measure = sqlx::query_as(&sql)
            .bind(id)
            .bind(agreement_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = Plan::find(db, agreement_id, measure.plan_id, editor).await?;
        Ok((plan, measure))
    }

    pub async fn of_plan(db: &Db, plan_id: i64) -> Result<Vec<Measure>, sqlx::Error> {
        let sql = format!(
            "SELECT {MEASURE_COLUMNS} FROM measures m JOIN plan_areas a ON a.id = m.area_id
             WHERE m.plan_id = $1 ORDER BY a.position, a.id, m.position, m.id"
        );
        sqlx::query_as(&sql).bind(plan_id).fetch_all(&db.pool).await
    }

    pub fn path(&self, agreement_slug: &str) -> String {
        format!("/{agreement_slug}/measures/{}", self.id)
    }

    /// A measure that is done counts as complete whatever its percentage; a
    /// cancelled one is left out of roll-ups.
    pub fn counts_in_progress(&self) -> bool {
        self.status != "cancelled"
    }

    pub fn effective_progress(&self) -> i64 {
        if self.status == "done" {
            100
        } else {
            self.progress.clamp(0, 100)
        }
    }
}

/// The progress of a set of measures: the mean of their progress, cancelled
/// measures left out; None when nothing counts.
pub fn roll_up<'a>(measures: impl IntoIterator<Item = &'a Measure>) -> Option<i64> {
    let (sum, n) = measures
        .into_iter()
        .filter(|m| m.counts_in_progress())
        .fold((0i64, 0i64), |(s, n), m| {
            (s + m.effective_progress(), n + 1)
        });
    // Rounded half up, in integers.
    (n > 0).then(|| (2 * sum + n) / (2 * n))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Indicator {
    pub id: i64,
    pub measure_id: i64,
    pub position: i64,
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub baseline_year: Option<i64>,
    pub target: Option<f64>,
    pub target_year: Option<i64>,
}

impl Indicator {
    pub async fn of_measure(db: &Db, measure_id: i64) -> Result<Vec<Indicator>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, measure_id, position, name, unit, baseline, baseline_year, target,
                target_year
             FROM indicators WHERE measure_id = $1 ORDER BY position, id",
        )
        .bind(measure_id)
        .fetch_all(&db.pool)
        .await
    }

    /// The values reported, by year.
    pub async fn values(db: &Db, indicator_id: i64) -> Result<Vec<(i64, f64)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT year, value FROM indicator_values WHERE indicator_id = $1 ORDER BY year",
        )
        .bind(indicator_id)
        .fetch_all(&db.pool)
        .await
    }
}

/// A number as Swedes write it: a comma for decimals, no trailing zeros.
pub fn number(value: f64, lang: crate::web::i18n::Lang) -> String {
    let mut s = format!("{:.2}", value);
    while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
        s.pop();
    }
    if lang == crate::web::i18n::Lang::Sv {
        s = s.replace('.', ",").replace('-', "−");
    }
    s
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FollowUp {
    pub id: i64,
    pub measure_id: i64,
    pub cycle_id: Option<i64>,
    pub party_id: Option<i64>,
    /// The reporting party's name, when a party reported.
    pub party_name: Option<String>,
    pub reported_on: String,
    pub text: String,
    pub status: String,
    pub status_reason: String,
    pub progress: i64,
    pub author_name: String,
    pub created_at: String,
}

impl FollowUp {
    /// A measure's follow-up, newest first.
    pub async fn of_measure(db: &Db, measure_id: i64) -> Result<Vec<FollowUp>, sqlx::Error> {
        sqlx::query_as(
            "SELECT f.id, f.measure_id, f.cycle_id, f.party_id, COALESCE(o.name, p.name) AS party_name,
                f.reported_on, f.text, f.status, f.status_reason, f.progress, f.author_name,
                f.created_at
             FROM follow_ups f
             LEFT JOIN plan_parties p ON p.id = f.party_id
             LEFT JOIN organisations o ON o.id = p.organisation_id
             WHERE f.measure_id = $1 ORDER BY f.reported_on DESC, f.id DESC",
        )
        .bind(measure_id)
        .fetch_all(&db.pool)
        .await
    }
}

/// Who may report follow-up on a measure while logged in: an editor of the
/// agreement, or a representative of an organisation responsible for it.
/// (A unit of the public body reports through the link in its request.)
pub async fn can_report(
    db: &Db,
    ctx: &crate::web::Ctx,
    agreement_id: i64,
    measure_id: i64,
) -> Result<bool, sqlx::Error> {
    let Some(user) = &ctx.user else {
        return Ok(false);
    };
    if ctx.edits(agreement_id) {
        return Ok(true);
    }
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT mp.party_id FROM measure_parties mp
         JOIN plan_parties p ON p.id = mp.party_id
         JOIN organisation_representatives r ON r.organisation_id = p.organisation_id
         WHERE mp.measure_id = $1 AND r.user_id = $2 LIMIT 1",
    )
    .bind(measure_id)
    .bind(user.id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(status: &str, progress: i64) -> Measure {
        Measure {
            id: 1,
            plan_id: 1,
            area_id: 1,
            position: 1,
            title: String::new(),
            description: String::new(),
            contact_name: String::new(),
            contact_email: String::new(),
            starts_on: None,
            ends_on: None,
            status: status.into(),
            status_reason: String::new(),
            progress,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn roll_up_leaves_out_cancelled_and_counts_done_as_complete() {
        let ms = [
            measure("ongoing", 50),
            measure("done", 80),
            measure("cancelled", 0),
            measure("planned", 0),
        ];
        // (50 + 100 + 0) / 3 = 50
        assert_eq!(roll_up(&ms), Some(50));
        assert_eq!(roll_up(&[measure("cancelled", 10)]), None);
        assert_eq!(
            roll_up(&[measure("ongoing", 33), measure("ongoing", 34)]),
            Some(34)
        );
    }

    #[test]
    fn numbers_are_written_the_swedish_way() {
        use crate::web::i18n::Lang;
        assert_eq!(number(12.5, Lang::Sv), "12,5");
        assert_eq!(number(12.5, Lang::En), "12.5");
        assert_eq!(number(40.0, Lang::Sv), "40");
        assert_eq!(number(-3.25, Lang::Sv), "−3,25");
    }
}
