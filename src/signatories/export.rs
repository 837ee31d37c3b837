//! Exports of the register and of its history, as CSV (RFC 4180, UTF-8, CRLF,
//! with a header row) and as XLSX with the same columns and rows.
//!
//! Each export is fetched once, by `current` or `history`, into a `Table` of
//! text cells; `Table::csv` and `Table::xlsx` only write it out. So the two
//! formats cannot drift apart.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, RowNum, Workbook};

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

pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An export ready to be written: every cell is text, so dates stay ISO
/// strings and organisation numbers keep their hyphen in a spreadsheet too.
pub struct Table<const N: usize> {
    /// The download's file name without its extension.
    pub file_stem: String,
    /// The worksheet's name in the XLSX.
    pub sheet: &'static str,
    pub header: [&'static str; N],
    pub rows: Vec<[String; N]>,
}

impl<const N: usize> Table<N> {
    pub fn csv(&self) -> AppResult<Response> {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let fail = |e: csv::Error| AppError::internal(e);
        out.write_record(self.header).map_err(fail)?;
        for row in &self.rows {
            out.write_record(row).map_err(fail)?;
        }
        let body = out.into_inner().map_err(AppError::internal)?;
        Ok(download(
            "text/csv; charset=utf-8; header=present",
            format!("{}.csv", self.file_stem),
            body,
        ))
    }

    pub fn xlsx(&self) -> AppResult<Response> {
        let fail = |e: rust_xlsxwriter::XlsxError| AppError::internal(e);
        // Dated to the day rather than the second: the same data on the
        // same day gives the same bytes.
        let today = jiff::Zoned::now().date();
        let created = ExcelDateTime::from_ymd(
            u16::try_from(today.year()).map_err(AppError::internal)?,
            u8::try_from(today.month()).map_err(AppError::internal)?,
            u8::try_from(today.day()).map_err(AppError::internal)?,
        )
        .map_err(fail)?;
        let mut workbook = Workbook::new();
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        let sheet = workbook.add_worksheet();
        sheet.set_name(self.sheet).map_err(fail)?;
        let bold = Format::new().set_bold();
        for (col, name) in (0..).zip(self.header) {
            sheet
                .write_string_with_format(0, col, name, &bold)
                .map_err(fail)?;
        }
        for (i, row) in self.rows.iter().enumerate() {
            let r = RowNum::try_from(i + 1).map_err(AppError::internal)?;
            for (col, cell) in (0..).zip(row) {
                // Always a string cell, never a number, date or link: what
                // is read back is exactly what the CSV says.
                sheet.write_string(r, col, cell).map_err(fail)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        // Wide enough for names and links, not wider than a screen's third.
        sheet.set_autofit_max_width(400).autofit();
        // Autofit makes a column of short codes (ids, "1") too narrow to
        // read or click; such columns get a spreadsheet's default width.
        for (col, name) in (0..).zip(self.header) {
            let longest = self
                .rows
                .iter()
                .filter_map(|row| row.get(usize::from(col)))
                .map(|cell| cell.chars().count())
                .chain([name.chars().count()])
                .max()
                .unwrap_or(0);
            if longest < 6 {
                sheet.set_column_width(col, 8.43).map_err(fail)?;
            }
        }
        let body = workbook.save_to_buffer().map_err(fail)?;
        Ok(download(
            XLSX_MIME,
            format!("{}.xlsx", self.file_stem),
            body,
        ))
    }
}

fn download(mime: &'static str, filename: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The register as filtered on the page (all pages of it), on the filter's
/// date.
pub async fn current(state: &AppState, slug: &str, filter: &Filter) -> AppResult<Table<9>> {
    let agreement = agreements::by_slug(&state.db, slug).await?;
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
    let pairs: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.slug, m.code FROM organisation_municipalities m
         JOIN organisations o ON o.id = m.organisation_id ORDER BY m.code",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let mut codes: HashMap<String, Vec<String>> = HashMap::new();
    for (slug, code) in pairs {
        codes.entry(slug).or_default().push(code);
    }
    let rows = rows
        .into_iter()
        .map(|row| {
            [
                row.org_number.unwrap_or_default(),
                row.name,
                row.kind.clone(),
                row.level,
                row.legal_form,
                codes
                    .get(&row.slug)
                    .map(|c| c.join(";"))
                    .unwrap_or_default(),
                row.joined_on,
                if row.kind == "umbrella" { "yes" } else { "no" }.to_string(),
                state
                    .config
                    .absolute(&format!("/organisations/{}", row.slug)),
            ]
        })
        .collect();
    Ok(Table {
        file_stem: format!("{}-signatories-{date}", agreement.slug),
        sheet: "signatories",
        header: CURRENT_HEADER,
        rows,
    })
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
pub async fn history(state: &AppState, slug: &str) -> AppResult<Table<7>> {
    let agreement = agreements::by_slug(&state.db, slug).await?;
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "SELECT o.slug, o.name, o.org_number, s.joined_on, s.left_on, s.leave_reason, s.decision_ref
         FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = $1 ORDER BY s.joined_on, o.name_key",
    )
    .bind(agreement.id)
    .fetch_all(&state.db.pool)
    .await?;
    let rows = rows
        .into_iter()
        .map(|r| {
            [
                r.org_number.unwrap_or_default(),
                r.name,
                r.joined_on,
                r.left_on.unwrap_or_default(),
                r.leave_reason,
                r.decision_ref,
                state.config.absolute(&format!("/organisations/{}", r.slug)),
            ]
        })
        .collect();
    Ok(Table {
        file_stem: format!("{}-signatories-history", agreement.slug),
        sheet: "history",
        header: HISTORY_HEADER,
        rows,
    })
}

pub async fn current_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    current(&state, &slug, &filter).await?.csv()
}

pub async fn current_xlsx(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> AppResult<Response> {
    current(&state, &slug, &filter).await?.xlsx()
}

pub async fn history_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    history(&state, &slug).await?.csv()
}

pub async fn history_xlsx(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    history(&state, &slug).await?.xlsx()
}
