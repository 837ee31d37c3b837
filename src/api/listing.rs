//! What every list of the API shares: the limit and cursor, `updated_since`,
//! checked filters, problem details that name the field, the next page's
//! link and the conditional-request headers.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::{ToResponse, ToSchema};

use crate::db::Params;
use crate::web::AppState;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

/// One invalid parameter of a problem (RFC 9457, "invalid-params").
#[derive(Debug, Serialize, ToSchema)]
pub struct InvalidParam {
    pub name: String,
    pub reason: String,
}

/// A problem detail (RFC 9457).
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(rename = "invalid-params", skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
}

/// The content type of every problem body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A parameter is not what the operation takes; `invalid-params` names it.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct BadRequest(pub Problem);

/// No such agreement or object (or not a public one).
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct NotFound(pub Problem);

impl Problem {
    /// A problem with a status and what went wrong; the title is the status's.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Problem {
        let title = status.canonical_reason().unwrap_or_default();
        Problem::status(status, title, Some(detail.into()))
    }

    /// A problem without invalid parameters, e.g. for a status the error
    /// middleware answers.
    pub fn status(status: StatusCode, title: &str, detail: Option<String>) -> Problem {
        Problem {
            kind: "about:blank".into(),
            title: title.into(),
            status: status.as_u16(),
            detail,
            invalid_params: Vec::new(),
        }
    }

    /// A request body with fields that cannot be taken as they are.
    pub fn bad_fields(invalid: Vec<InvalidParam>) -> Problem {
        Problem {
            title: "Unprocessable Content".into(),
            status: 422,
            ..Problem::bad_params(invalid)
        }
    }

    pub fn bad_params(invalid: Vec<InvalidParam>) -> Problem {
        Problem {
            kind: "about:blank".into(),
            title: "Bad Request".into(),
            status: 400,
            detail: Some(
                invalid
                    .iter()
                    .map(|p| format!("{}: {}", p.name, p.reason))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            invalid_params: invalid,
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body = serde_json::to_string(&self).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, PROBLEM_JSON)], body).into_response()
    }
}

/// The raw paging parameters every list takes. Text here, so that a bad
/// value becomes a problem naming the field; the documented types are what
/// [`Paging::check`] accepts.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// How many rows (1–500, default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// The `next_cursor` of the previous page.
    #[param(pattern = "^[A-Za-z0-9_-]{11}$")]
    pub cursor: Option<String>,
    /// Only rows changed at or after this time (RFC 3339, e.g. 2026-01-01T00:00:00Z).
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<String>,
}

/// Paging parameters, checked.
pub struct Checked {
    pub limit: i64,
    /// Rows after this id.
    pub after: i64,
    /// A stored UTC timestamp.
    pub updated_since: Option<String>,
}

impl Paging {
    pub fn check(&self, invalid: &mut Vec<InvalidParam>) -> Checked {
        let limit = match self.limit.as_deref() {
            None => DEFAULT_LIMIT,
            Some(text) => match text.parse::<i64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    invalid.push(InvalidParam {
                        name: "limit".into(),
                        reason: format!("must be a whole number from 1 to {MAX_LIMIT}"),
                    });
                    DEFAULT_LIMIT
                }
            },
        };
        let after = match self.cursor.as_deref() {
            None => 0,
            Some(text) => match decode_cursor(text) {
                Some(id) => id,
                None => {
                    invalid.push(InvalidParam {
                        name: "cursor".into(),
                        reason: "is not a cursor this API gave out".into(),
                    });
                    0
                }
            },
        };
        let updated_since = match self.updated_since.as_deref() {
            None => None,
            Some(text) => match text.parse::<jiff::Timestamp>() {
                Ok(t) => Some(crate::db::timestamp(t)),
                Err(_) => {
                    invalid.push(InvalidParam {
                        name: "updated_since".into(),
                        reason: "must be an RFC 3339 time, e.g. 2026-01-01T00:00:00Z".into(),
                    });
                    None
                }
            },
        };
        Checked {
            limit,
            after,
            updated_since,
        }
    }
}

impl Checked {
    /// The page's conditions (" AND ...") on a list's id and change time.
    pub fn conditions(&self, id: &str, updated_at: &str, p: &mut Params) -> String {
        let mut sql = format!(" AND {id} > {}", p.int(self.after));
        if let Some(since) = &self.updated_since {
            sql += &format!(" AND {updated_at} >= {}", p.text(since));
        }
        sql
    }

    /// Stable ids ascending, a page of them.
    pub fn order(&self, id: &str, p: &mut Params) -> String {
        format!(" ORDER BY {id} LIMIT {}", p.int(self.limit))
    }
}

impl Paging {
    /// The paging parameters alone, for a list that takes no others.
    pub fn checked(&self) -> Result<Checked, Problem> {
        let mut invalid = Vec::new();
        let checked = self.check(&mut invalid);
        if invalid.is_empty() {
            Ok(checked)
        } else {
            Err(Problem::bad_params(invalid))
        }
    }
}

impl Paging {
    /// The paging parameters a next link carries (the cursor is its own).
    pub fn carried(&self) -> [(&'static str, Option<&str>); 2] {
        [
            ("limit", self.limit.as_deref()),
            ("updated_since", self.updated_since.as_deref()),
        ]
    }
}

/// A filter's value that must be one of a list; empty is no filter.
pub fn one_of(
    name: &str,
    value: Option<&str>,
    allowed: &[&str],
    invalid: &mut Vec<InvalidParam>,
) -> Option<String> {
    // The document's pattern allows empty (no filter) and nothing padded.
    let value = value.filter(|v| !v.is_empty())?;
    if allowed.contains(&value) {
        Some(value.to_string())
    } else {
        invalid.push(InvalidParam {
            name: name.into(),
            reason: format!("must be one of {}", allowed.join(", ")),
        });
        None
    }
}

/// A filter's year (1990–2100), an integer as the document says: present
/// but empty is not one.
pub fn year(name: &str, value: Option<&str>, invalid: &mut Vec<InvalidParam>) -> Option<i64> {
    match value?.parse::<i64>() {
        Ok(y) if (1990..=2100).contains(&y) => Some(y),
        _ => {
            invalid.push(InvalidParam {
                name: name.into(),
                reason: "must be a year from 1990 to 2100".into(),
            });
            None
        }
    }
}

/// A filter's id of something, an integer as the document says: present
/// but empty is not one.
pub fn id(name: &str, value: Option<&str>, invalid: &mut Vec<InvalidParam>) -> Option<i64> {
    match value?.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            invalid.push(InvalidParam {
                name: name.into(),
                reason: "must be an id, a whole number".into(),
            });
            None
        }
    }
}

/// A body's slug given as a filter, as (id, slug). Any string is a slug
/// by the document, so one that names none of the agreement's bodies
/// matches no rows (id 0) rather than being an error.
pub async fn body(
    state: &AppState,
    agreement_id: i64,
    value: Option<&str>,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let Some(slug) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM bodies WHERE agreement_id = $1 AND slug = $2")
            .bind(agreement_id)
            .bind(slug)
            .fetch_optional(&state.db.pool)
            .await?;
    Ok(Some((found.unwrap_or(0), slug.to_string())))
}

/// The answer to bad parameters, if any were.
pub fn problem(invalid: Vec<InvalidParam>) -> Result<(), Problem> {
    if invalid.is_empty() {
        Ok(())
    } else {
        Err(Problem::bad_params(invalid))
    }
}

/// An address of this instance, absolute.
pub fn url(state: &AppState, path: &str) -> String {
    state.config.absolute(path)
}

/// The newest of some stored times.
pub fn latest<'a>(times: impl Iterator<Item = &'a str>) -> Option<String> {
    times.max().map(str::to_string)
}

/// A list's next page: a cursor when this page came back full, and the
/// address that carries it with the same filters.
pub struct NextPage {
    pub cursor: Option<String>,
    pub url: Option<String>,
}

/// Answers with one page of a list: its rows, the next page's cursor and
/// address (carrying `query`), and Last-Modified from the rows' newest
/// change. `key` gives a row's id and change time.
pub fn answer<T: Serialize>(
    state: &AppState,
    request: &HeaderMap,
    path: &str,
    query: &[(&str, Option<&str>)],
    limit: i64,
    rows: &[T],
    key: impl Fn(&T) -> (i64, &str),
) -> Response {
    let next = NextPage::of(state, path, query, rows.iter().map(|r| key(r).0), limit);
    let last_modified = latest(rows.iter().map(|r| key(r).1));
    next.respond(request, rows, last_modified.as_deref())
}

/// A page of a list as it is answered.
#[derive(Serialize)]
struct Paged<'a, T> {
    data: &'a [T],
    next_cursor: Option<String>,
    next: Option<String>,
}

impl NextPage {
    pub fn of(
        state: &AppState,
        path: &str,
        query: &[(&str, Option<&str>)],
        ids: impl Iterator<Item = i64>,
        limit: i64,
    ) -> NextPage {
        let ids: Vec<i64> = ids.collect();
        let cursor = next_cursor(&ids, limit);
        let url = cursor.as_ref().map(|cursor| {
            let mut pairs = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in query {
                if let Some(v) = v.filter(|v| !v.is_empty()) {
                    pairs.append_pair(k, v);
                }
            }
            pairs.append_pair("cursor", cursor);
            url(state, &format!("{path}?{}", pairs.finish()))
        });
        NextPage { cursor, url }
    }

    /// The page as JSON (`data`, `next_cursor`, `next`), with a Link header
    /// to the next page and Last-Modified from the rows' newest time.
    pub fn respond<T: Serialize>(
        self,
        request: &HeaderMap,
        data: &[T],
        last_modified: Option<&str>,
    ) -> Response {
        let body = Paged {
            data,
            next_cursor: self.cursor,
            next: self.url.clone(),
        };
        conditional(request, &body, last_modified, self.url)
    }
}
/// A cursor is the last id of a page, as eight bytes in URL-safe base64:
/// always eleven characters, so that the document can say exactly which
/// strings are cursors (`^[A-Za-z0-9_-]{11}$`) and every one of them means a
/// place in the list (past the last row, a cursor gives an empty page).
const CURSOR: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    base64::engine::GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

pub fn encode_cursor(id: i64) -> String {
    CURSOR.encode(id.max(0).to_be_bytes())
}

fn decode_cursor(text: &str) -> Option<i64> {
    let bytes: [u8; 8] = CURSOR.decode(text).ok()?.try_into().ok()?;
    Some(i64::try_from(u64::from_be_bytes(bytes)).unwrap_or(i64::MAX))
}

/// The next page's cursor: there is one when this page came back full.
pub fn next_cursor(ids: &[i64], limit: i64) -> Option<String> {
    if ids.len() as i64 == limit {
        ids.last().map(|id| encode_cursor(*id))
    } else {
        None
    }
}

/// Answers with JSON, an ETag over the body, Last-Modified when known, and
/// 304 when the client already has this body.
pub fn conditional(
    request: &HeaderMap,
    body: &impl Serialize,
    last_modified: Option<&str>,
    next_link: Option<String>,
) -> Response {
    let json = match serde_json::to_vec(body) {
        Ok(json) => json,
        Err(e) => return crate::web::AppError::internal(e).into_response(),
    };
    let digest = Sha256::digest(&json);
    let etag = format!("\"{}\"", hex(&digest[..16]));
    let mut headers = HeaderMap::new();
    headers.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    if let Some(at) = last_modified.and_then(|t| t.parse::<jiff::Timestamp>().ok()) {
        let printer = jiff::fmt::rfc2822::DateTimePrinter::new();
        if let Ok(text) = printer.timestamp_to_rfc9110_string(&at)
            && let Ok(value) = HeaderValue::from_str(&text)
        {
            headers.insert(header::LAST_MODIFIED, value);
        }
    }
    if let Some(link) = next_link
        && let Ok(value) = HeaderValue::from_str(&format!("<{link}>; rel=\"next\""))
    {
        headers.insert(header::LINK, value);
    }
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (StatusCode::OK, headers, json).into_response()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_strangers() {
        for id in [0, 1, 42, i64::MAX] {
            let cursor = encode_cursor(id);
            assert_eq!(cursor.len(), 11, "{cursor}");
            assert_eq!(decode_cursor(&cursor), Some(id));
        }
        assert_eq!(decode_cursor("42"), None);
        assert_eq!(decode_cursor("!!!!!!!!!!!"), None);
        assert_eq!(decode_cursor("AAAAAAAAAAAA"), None);
        // Every string of the documented pattern is a place in the list.
        assert_eq!(decode_cursor("___________"), Some(i64::MAX));
        assert_eq!(decode_cursor("AAAAAAAAAAB"), Some(0));
    }

    #[test]
    fn bad_paging_names_each_field() {
        let mut invalid = Vec::new();
        Paging {
            limit: Some("0".into()),
            cursor: Some("x".into()),
            updated_since: Some("igår".into()),
        }
        .check(&mut invalid);
        let names: Vec<&str> = invalid.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["limit", "cursor", "updated_since"]);
    }
}
