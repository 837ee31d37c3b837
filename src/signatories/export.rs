//! Exports of the register: CSV (RFC 4180, UTF-8, comma-separated, with a
//! header row whose columns are documented in the README).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{Filter, ROW_COLUMNS, Row};
use crate::agreements;
use crate::db::Params;
use crate::web::{AppError, AppResult, AppState};

pub const CURRENT_HEADER: [&str; 9] = [
    "org_number",
    "name",
    "kind",
    "level",
    "legal_form",
    "municipality_codes",
    "joined_on",
    "umbrella",
    "url",
];

pub const HISTORY_HEADER: [&str; 7] = [
    "org_number",
    "name",
    "joined_on",
    "left_on",
    "leave_reason",
    "decision",
    "url",
];

fn csv_response(filename: String, body: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/csv; charset=utf-8; header=present".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The register as filtered on the page (all pages of it), as CSV.
pub async fn current_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let (date, _) = filter.date();
    let mut p = Params::new();
    let sql = format!(
        "SELECT {ROW_COLUMNS} {} ORDER BY {}",
        filter.sql(agreement.id, date, &mut p),
        filter.order_by()
    );
    let rows: Vec<Row> = p
        .bind_to(sqlx::query_as(&sql))
        .fetch_all(&state.db.pool)
        .await?;
    let municipalities: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.slug, m.code FROM organisation_municipalities m
         JOIN organisations o ON o.id = m.organisation_id ORDER BY m.code",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let umbrellas: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM organisations WHERE kind = 'umbrella'")
            .fetch_all(&state.db.pool)
            .await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::internal(e);
    out.write_record(CURRENT_HEADER).map_err(fail)?;
    for row in rows {
        let codes: Vec<&str> = municipalities
            .iter()
            .filter(|(s, _)| *s == row.slug)
            .map(|(_, c)| c.as_str())
            .collect();
        out.write_record([
            row.org_number.as_deref().unwrap_or(""),
            &row.name,
            &row.kind,
            &row.level,
            &row.legal_form,
            &codes.join(";"),
            &row.joined_on,
            if umbrellas.contains(&row.slug) {
                "yes"
            } else {
                "no"
            },
            &state
                .config
                .absolute(&format!("/organisations/{}", row.slug)),
        ])
        .map_err(fail)?;
    }
    let body = out.into_inner().map_err(AppError::internal)?;
    Ok(csv_response(
        format!("{}-signatories-{date}.csv", agreement.slug),
        body,
    ))
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    slug: String,
    name: String,
    org_number: Option<String>,
    joined_on: String,
    left_on: Option<String>,
    leave_reason: String,
    decision_ref: String,
}

/// Every period of every signatory, oldest first.
pub async fn history_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "SELECT o.slug, o.name, o.org_number, s.joined_on, s.left_on, s.leave_reason, s.decision_ref
         FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = $1 ORDER BY s.joined_on, o.name_key",
    )
    .bind(agreement.id)
    .fetch_all(&state.db.pool)
    .await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::internal(e);
    out.write_record(HISTORY_HEADER).map_err(fail)?;
    for r in rows {
        out.write_record([
            r.org_number.as_deref().unwrap_or(""),
            &r.name,
            &r.joined_on,
            r.left_on.as_deref().unwrap_or(""),
            &r.leave_reason,
            &r.decision_ref,
            &state.config.absolute(&format!("/organisations/{}", r.slug)),
        ])
        .map_err(fail)?;
    }
    let body = out.into_inner().map_err(AppError::internal)?;
    Ok(csv_response(
        format!("{}-signatories-history.csv", agreement.slug),
        body,
    ))
}
