//! Importing organisations into the register from CSV or XLSX, from the
//! command line or an editor's page. Every row is checked first; a file with
//! a bad row is rejected whole, with a report row by row, unless the person
//! asks for the good rows only. Importing the same file twice changes nothing.

use std::collections::{HashMap, HashSet};

use crate::db::{self, Db};
use crate::organisations::org_number::OrgNumber;
use crate::organisations::{self, KINDS, LEVELS, legal_form};

/// Columns read from the file; the export's own columns are accepted, so an
/// exported register can be imported elsewhere. Unknown columns are ignored.
pub const COLUMNS: [&str; 10] = [
    "org_number",
    "name",
    "legal_form",
    "kind",
    "level",
    "municipality_codes",
    "website",
    "description",
    "joined_on",
    "member_of",
];

#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub org_number: OrgNumber,
    pub name: String,
    pub legal_form: String,
    pub kind: String,
    pub level: String,
    pub municipalities: Vec<String>,
    pub website: String,
    pub description: String,
    pub joined_on: Option<String>,
    pub member_of: Vec<OrgNumber>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub line: usize,
    pub column: &'static str,
    pub value: String,
    /// A translation key.
    pub message: &'static str,
    /// For "the same as line N".
    pub other_line: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("import-error-unreadable")]
    Unreadable(String),
    #[error("import-error-empty")]
    Empty,
    #[error("import-error-missing-column")]
    MissingColumn(&'static str),
}

impl FileError {
    pub fn message_key(&self) -> &'static str {
        match self {
            FileError::Unreadable(_) => "import-error-unreadable",
            FileError::Empty => "import-error-empty",
            FileError::MissingColumn(_) => "import-error-missing-column",
        }
    }
}

#[derive(Debug, Default)]
pub struct Parsed {
    /// The columns the file has: the others are left as they are in the register.
    pub columns: HashSet<&'static str>,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
    pub lines: usize,
}

impl Parsed {
    /// Lines with at least one error, which the good-rows-only import skips.
    pub fn bad_lines(&self) -> HashSet<usize> {
        self.errors.iter().map(|e| e.line).collect()
    }
}

/// Reads a CSV or XLSX file (told apart by content, not by name) into text cells.
fn read_cells(bytes: &[u8]) -> Result<Vec<Vec<String>>, FileError> {
    if bytes.starts_with(b"PK") {
        use calamine::{Data, Reader, Xlsx};
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
            .map_err(|e| FileError::Unreadable(e.to_string()))?;
        let range = book
            .worksheet_range_at(0)
            .ok_or(FileError::Empty)?
            .map_err(|e| FileError::Unreadable(e.to_string()))?;
        return Ok(range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Data::Empty => String::new(),
                        Data::String(s) => s.clone(),
                        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                        // A spreadsheet date is a day count from 1899-12-30.
                        Data::DateTime(d) => jiff::civil::date(1899, 12, 30)
                            .checked_add(jiff::Span::new().days(d.as_f64().floor() as i64))
                            .map_or_else(|_| d.to_string(), |day| day.to_string()),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect());
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| FileError::Unreadable("not UTF-8".into()))?;
    // Swedish spreadsheets often save CSV with semicolons.
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|rec| rec.iter().map(str::to_string).collect())
                .map_err(|e| FileError::Unreadable(e.to_string()))
        })
        .collect()
}

/// Checks every row of the file; nothing is written.
pub fn parse(bytes: &[u8]) -> Result<Parsed, FileError> {
    let cells = read_cells(bytes)?;
    let mut lines = cells.into_iter();
    let header: Vec<String> = lines
        .next()
        .ok_or(FileError::Empty)?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let index: HashMap<&str, usize> = COLUMNS
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c).map(|i| (*c, i)))
        .collect();
    for required in ["org_number", "name"] {
        if !index.contains_key(required) {
            return Err(FileError::MissingColumn(required));
        }
    }
    let mut parsed = Parsed {
        columns: index.keys().copied().collect(),
        ..Parsed::default()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, cells) in lines.enumerate() {
        let line = i + 2;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        parsed.lines += 1;
        let cell = |column: &str| -> String {
            index
                .get(column)
                .and_then(|&i| cells.get(i))
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        let mut errors = Vec::new();
        let mut error = |column: &'static str, value: &str, message: &'static str| {
            errors.push(RowError {
                line,
                column,
                value: value.to_string(),
                message,
                other_line: None,
            });
        };
        let number = match OrgNumber::parse(&cell("org_number")) {
            Ok(n) => Some(n),
            Err(e) => {
                error("org_number", &cell("org_number"), e.message_key());
                None
            }
        };
        let name = cell("name");
        if name.is_empty() {
            error("name", "", "error-organisation-name-missing");
        }
        let legal = cell("legal_form");
        if !legal.is_empty() && legal_form::legal_form(&legal).is_none() {
            error("legal_form", &legal, "import-error-legal-form");
        }
        let kind = Some(cell("kind"))
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| "association".into());
        if !KINDS.contains(&kind.as_str()) {
            error("kind", &kind, "import-error-kind");
        }
        let level = Some(cell("level"))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "regional".into());
        if !LEVELS.contains(&level.as_str()) {
            error("level", &level, "import-error-level");
        }
        let municipalities = match crate::applications::parse_municipalities(
            &cell("municipality_codes").replace(';', ","),
        ) {
            Ok(codes) => codes,
            Err(unknown) => {
                error("municipality_codes", &unknown, "error-municipality-unknown");
                Vec::new()
            }
        };
        let website = cell("website");
        if !(website.is_empty()
            || website.starts_with("https://")
            || website.starts_with("http://"))
        {
            error("website", &website, "error-website");
        }
        let joined = cell("joined_on");
        let joined_on = if joined.is_empty() {
            None
        } else {
            match joined.parse::<jiff::civil::Date>() {
                Ok(d) => Some(d.to_string()),
                Err(_) => {
                    error("joined_on", &joined, "error-date");
                    None
                }
            }
        };
        let mut member_of = Vec::new();
        for part in cell("member_of")
            .split([';', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match OrgNumber::parse(part) {
                Ok(n) => member_of.push(n),
                Err(e) => error("member_of", part, e.message_key()),
            }
        }
        if let Some(n) = &number {
            if let Some(first) = seen.get(n.as_str()) {
                errors.push(RowError {
                    line,
                    column: "org_number",
                    value: n.to_string(),
                    message: "import-error-duplicate",
                    other_line: Some(*first),
                });
            } else {
                seen.insert(n.to_string(), line);
            }
        }
        if errors.is_empty() {
            parsed.rows.push(ImportRow {
                line,
                org_number: number.expect("no errors"),
                name,
                legal_form: legal,
                kind,
                level,
                municipalities,
                website,
                description: cell("description"),
                joined_on,
                member_of,
            });
        }
        parsed.errors.extend(errors);
    }
    Ok(parsed)
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub joined: usize,
}

#[derive(sqlx::FromRow)]
struct Existing {
    id: i64,
    slug: String,
    name: String,
    org_number: Option<String>,
    legal_form: String,
    kind: String,
    level: String,
    website: String,
    description: String,
}

/// Checks the rows against the database: a name that another organisation
/// (with another number) already has is a likely duplicate.
pub async fn check_against_database(db: &Db, parsed: &mut Parsed) -> Result<(), sqlx::Error> {
    let existing: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT name_key, org_number FROM organisations")
            .fetch_all(&db.pool)
            .await?;
    let by_name: HashMap<String, Option<String>> = existing.into_iter().collect();
    let mut bad = Vec::new();
    for row in &parsed.rows {
        if let Some(number) = by_name.get(&organisations::name_key(&row.name))
            && number.as_deref() != Some(row.org_number.as_str())
        {
            bad.push(RowError {
                line: row.line,
                column: "name",
                value: row.name.clone(),
                message: "import-error-name-taken",
                other_line: None,
            });
        }
    }
    let lines: HashSet<usize> = bad.iter().map(|e| e.line).collect();
    parsed.rows.retain(|r| !lines.contains(&r.line));
    parsed.errors.extend(bad);
    parsed.errors.sort_by_key(|e| e.line);
    Ok(())
}

/// Writes the rows in one transaction: new organisations are created, changed
/// ones updated, unchanged ones left alone; a `joined_on` makes the
/// organisation a signatory of the agreement unless it already is one.
pub async fn apply(
    db: &Db,
    agreement_id: Option<i64>,
    parsed: &Parsed,
    mut progress: impl FnMut(usize, usize),
) -> Result<Outcome, sqlx::Error> {
    let rows = &parsed.rows;
    let has = |column: &str| parsed.columns.contains(column);
    let mut outcome = Outcome::default();
    let mut tx = db.pool.begin().await?;
    // Read what exists once, instead of a query per row.
    let existing: Vec<Existing> = sqlx::query_as(
        "SELECT id, slug, name, org_number, legal_form, kind, level, website, description FROM organisations",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut slugs: HashSet<String> = existing.iter().map(|e| e.slug.clone()).collect();
    let mut ids: HashMap<String, i64> = existing
        .iter()
        .filter_map(|e| Some((e.org_number.clone()?, e.id)))
        .collect();
    let by_number: HashMap<String, &Existing> = existing
        .iter()
        .filter_map(|e| Some((e.org_number.clone()?, e)))
        .collect();
    let codes: Vec<(i64, String)> = sqlx::query_as(
        "SELECT organisation_id, code FROM organisation_municipalities ORDER BY code",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut municipalities: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, code) in codes {
        municipalities.entry(id).or_default().push(code);
    }
    let open: HashSet<i64> = match agreement_id {
        Some(a) => sqlx::query_scalar(
            "SELECT organisation_id FROM signatories WHERE agreement_id = $1 AND left_on IS NULL",
        )
        .bind(a)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect(),
        None => HashSet::new(),
    };
    let links: HashSet<(i64, i64)> =
        sqlx::query_as("SELECT umbrella_id, member_id FROM umbrella_members")
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
    let now = db::now();
    for (i, row) in rows.iter().enumerate() {
        let mut wanted_codes = row.municipalities.clone();
        wanted_codes.sort();
        let id = match by_number.get(row.org_number.as_str()) {
            Some(e) => {
                // A column the file does not have keeps the register's value.
                let keep = |column: &str, new: &String, old: &String| {
                    if has(column) {
                        new.clone()
                    } else {
                        old.clone()
                    }
                };
                let row = &ImportRow {
                    legal_form: keep("legal_form", &row.legal_form, &e.legal_form),
                    kind: keep("kind", &row.kind, &e.kind),
                    level: keep("level", &row.level, &e.level),
                    website: keep("website", &row.website, &e.website),
                    description: keep("description", &row.description, &e.description),
                    ..row.clone()
                };
                if !has("municipality_codes") {
                    wanted_codes = municipalities.get(&e.id).cloned().unwrap_or_default();
                }
                let same = e.name == row.name
                    && e.legal_form == row.legal_form
                    && e.kind == row.kind
                    && e.level == row.level
                    && e.website == row.website
                    && e.description == row.description
                    && municipalities.get(&e.id).cloned().unwrap_or_default() == wanted_codes;
                if same {
                    outcome.unchanged += 1;
                } else {
                    sqlx::query(
                        "UPDATE organisations SET name = $1, name_key = $2, legal_form = $3, kind = $4, level = $5,
                            website = $6, description = $7, updated_at = $8 WHERE id = $9",
                    )
                    .bind(&row.name)
                    .bind(organisations::name_key(&row.name))
                    .bind(&row.legal_form)
                    .bind(&row.kind)
                    .bind(&row.level)
                    .bind(&row.website)
                    .bind(&row.description)
                    .bind(&now)
                    .bind(e.id)
                    .execute(&mut *tx)
                    .await?;
                    set_municipalities(&mut tx, e.id, &wanted_codes).await?;
                    crate::search::changed(&mut *tx, crate::search::Kind::Organisation, e.id)
                        .await?;
                    outcome.updated += 1;
                }
                e.id
            }
            None if ids.contains_key(row.org_number.as_str()) => ids[row.org_number.as_str()],
            None => {
                let base = organisations::slugify(&row.name);
                let mut slug = if base.is_empty() {
                    "organisation".to_string()
                } else {
                    base.clone()
                };
                let mut n = 2;
                while slugs.contains(&slug) {
                    slug = format!("{base}-{n}");
                    n += 1;
                }
                slugs.insert(slug.clone());
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO organisations (slug, name, name_key, org_number, legal_form, kind, level,
                        website, description, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                )
                .bind(&slug)
                .bind(&row.name)
                .bind(organisations::name_key(&row.name))
                .bind(row.org_number.as_str())
                .bind(&row.legal_form)
                .bind(&row.kind)
                .bind(&row.level)
                .bind(&row.website)
                .bind(&row.description)
                .bind(&now)
                .fetch_one(&mut *tx)
                .await?;
                set_municipalities(&mut tx, id, &wanted_codes).await?;
                crate::search::changed(&mut *tx, crate::search::Kind::Organisation, id).await?;
                ids.insert(row.org_number.to_string(), id);
                outcome.created += 1;
                id
            }
        };
        if let (Some(agreement_id), Some(joined)) = (agreement_id, &row.joined_on)
            && !open.contains(&id)
        {
            let inserted = sqlx::query(
                "INSERT INTO signatories (agreement_id, organisation_id, joined_on, decision_ref, updated_at)
                 VALUES ($1, $2, $3, 'import', $4) ON CONFLICT DO NOTHING",
            )
            .bind(agreement_id)
            .bind(id)
            .bind(joined)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            if inserted.rows_affected() > 0 {
                crate::search::changed(&mut *tx, crate::search::Kind::Organisation, id).await?;
            }
            outcome.joined += inserted.rows_affected() as usize;
        }
        if (i + 1) % 1000 == 0 {
            progress(i + 1, rows.len());
        }
    }
    // Umbrella links last, once every organisation of the file exists.
    for row in rows {
        let member = ids[row.org_number.as_str()];
        for umbrella in &row.member_of {
            if let Some(&umbrella_id) = ids.get(umbrella.as_str())
                && umbrella_id != member
                && !links.contains(&(umbrella_id, member))
            {
                sqlx::query("INSERT INTO umbrella_members (umbrella_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(umbrella_id)
                    .bind(member)
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    tx.commit().await?;
    progress(rows.len(), rows.len());
    Ok(outcome)
}

async fn set_municipalities(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    organisation_id: i64,
    codes: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM organisation_municipalities WHERE organisation_id = $1")
        .bind(organisation_id)
        .execute(&mut **tx)
        .await?;
    for code in codes {
        sqlx::query(
            "INSERT INTO organisation_municipalities (organisation_id, code) VALUES ($1, $2)",
        )
        .bind(organisation_id)
        .bind(code)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_checked_and_reported() {
        let file = "org_number,name,kind,level,municipality_codes,joined_on\n\
                    232100-0131,Första föreningen,association,regional,1480;1490,2020-01-01\n\
                    232100-0132,Fel kontrollsiffra,association,regional,,\n\
                    802000-0009,,folkrörelse,planet,9999,2020-13-01\n\
                    232100-0131,Dubblett,association,regional,,\n\
                    \n";
        let parsed = parse(file.as_bytes()).unwrap();
        assert_eq!(parsed.lines, 4);
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows[0].municipalities, ["1480", "1490"]);
        let found: Vec<(usize, &str, &str)> = parsed
            .errors
            .iter()
            .map(|e| (e.line, e.column, e.message))
            .collect();
        assert_eq!(
            found,
            [
                (3, "org_number", "error-org-number-check"),
                (4, "name", "error-organisation-name-missing"),
                (4, "kind", "import-error-kind"),
                (4, "level", "import-error-level"),
                (4, "municipality_codes", "error-municipality-unknown"),
                (4, "joined_on", "error-date"),
                (5, "org_number", "import-error-duplicate"),
            ]
        );
        assert_eq!(parsed.errors.last().unwrap().other_line, Some(2));
    }

    #[test]
    fn semicolons_bom_and_missing_columns() {
        let parsed = parse("\u{feff}name;org_number\nFöreningen;232100-0131\n".as_bytes()).unwrap();
        assert_eq!(parsed.rows[0].name, "Föreningen");
        assert_eq!(parsed.rows[0].kind, "association");
        assert_eq!(
            parse(b"name\nX\n").unwrap_err(),
            FileError::MissingColumn("org_number")
        );
        assert_eq!(parse(b"").unwrap_err(), FileError::Empty);
        assert!(matches!(
            parse(b"\xff\xfe\x00").unwrap_err(),
            FileError::Unreadable(_)
        ));
    }

    #[test]
    fn xlsx_files_are_read_like_csv() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, v) in ["org_number", "name", "joined_on"].iter().enumerate() {
            sheet.write_string(0, c as u16, *v).unwrap();
        }
        sheet.write_string(1, 0, "232100-0131").unwrap();
        sheet.write_string(1, 1, "Arkföreningen").unwrap();
        sheet.write_string(1, 2, "2021-05-04").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let parsed = parse(&bytes).unwrap();
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.rows[0].name, "Arkföreningen");
        assert_eq!(parsed.rows[0].joined_on.as_deref(), Some("2021-05-04"));
    }
}

/// A row error in the reader's language.
pub fn describe(lang: crate::web::i18n::Lang, e: &RowError) -> String {
    lang.t_with(
        e.message,
        &[(
            "line",
            e.other_line.map(|l| l.to_string()).unwrap_or_default(),
        )],
    )
}

pub mod page {
    //! The editor's import page: upload, check, report, and import.

    use askama::Template;
    use axum::extract::{Multipart, Path, State};
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};

    use super::{Outcome, apply, check_against_database, describe, parse};
    use crate::accounts::token::constant_time_eq;
    use crate::agreements::{self, Agreement};
    use crate::web::layout::{Page, render};
    use crate::web::{AppError, AppResult, AppState, Ctx};

    pub struct ReportLine {
        pub line: usize,
        pub column: &'static str,
        pub value: String,
        pub message: String,
    }

    #[derive(Template)]
    #[template(path = "signatories/templates/import.html")]
    struct ImportView {
        page: Page,
        agreement: Agreement,
        file_error: Option<String>,
        report: Vec<ReportLine>,
        checked_lines: usize,
        rejected: bool,
        outcome: Option<Outcome>,
        good_rows_only: bool,
    }

    fn view(ctx: &Ctx, agreement: Agreement) -> ImportView {
        let mut page = Page::new(ctx, "import-title");
        page.for_agreement(ctx, &agreement);
        ImportView {
            page,
            agreement,
            file_error: None,
            report: Vec::new(),
            checked_lines: 0,
            rejected: false,
            outcome: None,
            good_rows_only: false,
        }
    }

    pub async fn form(
        State(state): State<AppState>,
        ctx: Ctx,
        Path(slug): Path<String>,
    ) -> AppResult<Response> {
        let agreement = agreements::by_slug(&state.db, &slug).await?;
        ctx.require_editor(agreement.id)?;
        Ok(render(&view(&ctx, agreement)))
    }

    pub async fn upload(
        State(state): State<AppState>,
        ctx: Ctx,
        Path(slug): Path<String>,
        mut multipart: Multipart,
    ) -> AppResult<Response> {
        let agreement = agreements::by_slug(&state.db, &slug).await?;
        let (mut csrf, mut good_rows_only, mut file) = (String::new(), false, None::<Vec<u8>>);
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| AppError::BadRequest(e.to_string()))?
        {
            match field.name() {
                Some("csrf") => {
                    csrf = field
                        .text()
                        .await
                        .map_err(|e| AppError::BadRequest(e.to_string()))?
                }
                Some("good_rows_only") => good_rows_only = true,
                Some("file") => {
                    let bytes = field
                        .bytes()
                        .await
                        .map_err(|e| AppError::BadRequest(e.to_string()))?;
                    file = Some(bytes.to_vec()).filter(|b| !b.is_empty());
                }
                _ => {}
            }
        }
        // Multipart forms carry the CSRF token like every other form.
        if !constant_time_eq(csrf.as_bytes(), ctx.csrf.as_bytes()) {
            return Err(AppError::Csrf);
        }
        ctx.require_editor(agreement.id)?;
        let lang = ctx.lang;
        let mut v = view(&ctx, agreement);
        v.good_rows_only = good_rows_only;
        let Some(bytes) = file else {
            v.file_error = Some(lang.t("import-error-no-file"));
            v.page = v.page.with_errors(&one_error());
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)).into_response());
        };
        let mut parsed = match parse(&bytes) {
            Ok(p) => p,
            Err(e) => {
                let column = match &e {
                    super::FileError::MissingColumn(c) => c.to_string(),
                    _ => String::new(),
                };
                v.file_error = Some(lang.t_with(e.message_key(), &[("column", column)]));
                v.page = v.page.with_errors(&one_error());
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)).into_response());
            }
        };
        check_against_database(&state.db, &mut parsed).await?;
        v.checked_lines = parsed.lines;
        v.report = parsed
            .errors
            .iter()
            .map(|e| ReportLine {
                line: e.line,
                column: e.column,
                value: e.value.clone(),
                message: describe(lang, e),
            })
            .collect();
        if !parsed.errors.is_empty() && !good_rows_only {
            v.rejected = true;
            v.page = v.page.with_errors(&one_error());
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)).into_response());
        }
        let outcome = apply(&state.db, Some(v.agreement.id), &parsed, |_, _| {}).await?;
        tracing::info!(
            agreement = v.agreement.id,
            ?outcome,
            skipped = parsed.errors.len(),
            "import"
        );
        v.outcome = Some(outcome);
        Ok(render(&v))
    }

    /// The page's title says "Fel:" when the file was refused.
    fn one_error() -> crate::web::form::Errors {
        let mut e = crate::web::form::Errors::new();
        e.add("file", "import-error-rejected");
        e
    }
}
