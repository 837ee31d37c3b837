//! The API for editors' integrations: the region's case register records a
//! decision, a booking system registers participants and reads the list.
//! Every call carries an API token (auth.rs); these are server-to-server
//! calls, so no CORS, no cookies and no CSRF. The writes go through the same
//! functions as the web's forms.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::Bearer;
use super::listing::{BadRequest, InvalidParam, NextPage, NotFound, Paging, Problem, conditional};
use super::resources::DecisionOut;
use crate::agreements::{self, Agreement};
use crate::meetings::Meeting;
use crate::meetings::registration::{
    self, Outcome, REGISTRATION_COLUMNS, REGISTRATION_FROM, RegisterInput, Registration,
};
use crate::minutes::decisions::{self, DecisionInput};
use crate::web::form::Errors;
use crate::web::i18n::Lang;
use crate::web::{AppError, AppResult, AppState};

const TAG: &str = "integrations";

// ------------------------------------------------------------ JSON bodies

/// A JSON request body. One that is not JSON is a 400 problem; a field of
/// the wrong type is a 422 problem naming the field.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
        if !is_json {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "The body must be JSON (Content-Type: application/json).",
            )
            .into_response());
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| Problem::new(e.status(), e.body_text()).into_response())?;
        let mut json = serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize(&mut json) {
            Ok(value) if json.end().is_ok() => Ok(JsonBody(value)),
            Ok(_) => Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "The body holds more than one JSON value.",
            )
            .into_response()),
            Err(e) => {
                let name = e.path().to_string();
                let inner = e.into_inner();
                Err(if name == "." || inner.is_syntax() || inner.is_eof() {
                    Problem::new(
                        StatusCode::BAD_REQUEST,
                        format!("The body is not a JSON object of the documented fields: {inner}"),
                    )
                } else {
                    Problem::bad_fields(vec![InvalidParam {
                        name,
                        reason: inner.to_string(),
                    }])
                }
                .into_response())
            }
        }
    }
}

/// The field errors of a form, as a problem (in English, as the API is).
fn field_problem(errors: &Errors) -> Response {
    Problem::bad_fields(
        errors
            .iter()
            .map(|(field, key)| InvalidParam {
                name: field.to_string(),
                reason: Lang::En.t(key),
            })
            .collect(),
    )
    .into_response()
}

/// 201 Created with the new thing and where it is.
fn created(location: &str, body: &impl Serialize) -> Response {
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The agreement a token acts in, checked: reading, or writing too.
async fn agreement_for(
    state: &AppState,
    bearer: &Bearer,
    slug: &str,
    write: bool,
) -> AppResult<Result<Agreement, Response>> {
    let agreement = agreements::by_slug(&state.db, slug).await?;
    Ok(bearer.allow(agreement.id, write).map(|()| agreement))
}

// ------------------------------------------------------------ decisions

/// Records a decision taken outside minutes (e.g. by Regionstyrelsen), as an editor does on the web.
#[utoipa::path(post, path = "/api/v1/agreements/{slug}/decisions", tag = TAG,
    operation_id = "record_decision",
    params(("slug" = String, Path, description = "The agreement")),
    request_body = DecisionInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded; Location is its page", body = DecisionOut,
            headers(("Location" = String, description = "The decision's page"))),
        (status = 400, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A token for another agreement, or one that may only read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such agreement", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields that cannot be taken, each named; nothing saved", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests with this token", body = Problem, content_type = "application/problem+json")))]
pub async fn record_decision(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    bearer: Bearer,
    body: Result<JsonBody<DecisionInput>, Response>,
) -> AppResult<Response> {
    let agreement = match agreement_for(&state, &bearer, &slug, true).await? {
        Ok(agreement) => agreement,
        Err(refused) => return Ok(refused),
    };
    let input = match body {
        Ok(JsonBody(input)) => input,
        Err(problem) => return Ok(problem),
    };
    let valid = match decisions::check(&state.db, agreement.id, &input).await? {
        Ok(valid) => valid,
        Err(errors) => return Ok(field_problem(&errors)),
    };
    let mut tx = state.db.pool.begin().await?;
    let id = decisions::record_direct(&mut tx, agreement.id, &valid, bearer.user_id, &bearer.via())
        .await?;
    tx.commit().await?;
    let mut out: DecisionOut = sqlx::query_as(
        "SELECT d.id, d.decided_on, COALESCE(b.name, d.body_name) AS body, d.meeting_id,
                d.section_label AS section, d.text, d.subject_kind, d.subject_id, d.created_at
         FROM decisions d LEFT JOIN bodies b ON b.id = d.body_id WHERE d.id = $1",
    )
    .bind(id)
    .fetch_one(&state.db.pool)
    .await?;
    out.html = state
        .config
        .absolute(&format!("/{}/decisions/{id}", agreement.slug));
    Ok(created(&out.html, &out))
}

// ------------------------------------------------------------ registrations

/// One person to register, and the language of the mails they get.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RegistrationIn {
    // Inline: a $ref inside allOf trips Schemathesis's coverage phase.
    #[serde(flatten)]
    #[schema(inline)]
    pub registration: RegisterInput,
    /// The language of the confirmation mail: sv (the default) or en.
    #[serde(default)]
    pub language: String,
}

/// A registration, as the organisers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationOut {
    #[serde(flatten)]
    pub registration: Registration,
    /// Place on the waitlist of its mode, from 1.
    pub waitlist_position: Option<i64>,
    /// This resource.
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationList {
    pub data: Vec<RegistrationOut>,
    /// Pass as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
    /// The next page's address.
    pub next: Option<String>,
}

async fn registration_out(
    state: &AppState,
    slug: &str,
    r: Registration,
) -> Result<RegistrationOut, sqlx::Error> {
    let waitlist_position = if r.status == "waitlisted" {
        Some(registration::waitlist_position(&state.db.pool, r.meeting_id, &r.mode, r.id).await?)
    } else {
        None
    };
    Ok(RegistrationOut {
        url: state.config.absolute(&format!(
            "/api/v1/agreements/{slug}/meetings/{}/registrations/{}",
            r.meeting_id, r.id
        )),
        waitlist_position,
        registration: r,
    })
}

/// The meeting in the path, in the token's agreement.
async fn meeting_for(
    state: &AppState,
    bearer: &Bearer,
    (slug, id): (&str, &str),
    write: bool,
) -> AppResult<Result<(Agreement, Meeting), Response>> {
    let agreement = match agreement_for(state, bearer, slug, write).await? {
        Ok(agreement) => agreement,
        Err(refused) => return Ok(Err(refused)),
    };
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let meeting = Meeting::find(&state.db, agreement.id, id).await?;
    Ok(Ok((agreement, meeting)))
}

/// Internal lists are for the token's holder only: no cache keeps them.
fn private(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Registers a participant, as the meeting's own form does: a seat if one is left, else the waitlist; the participant is mailed a confirmation with the meeting's .ics and a link to change or cancel.
#[utoipa::path(post, path = "/api/v1/agreements/{slug}/meetings/{id}/registrations", tag = TAG,
    operation_id = "register_participant",
    params(("slug" = String, Path, description = "The agreement"), ("id" = i64, Path, description = "The meeting")),
    request_body = RegistrationIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered, confirmed or on the waitlist (see `status`)", body = RegistrationOut,
            headers(("Location" = String, description = "The registration"))),
        (status = 400, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A token for another agreement, or one that may only read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such agreement or meeting", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Registration is not open, or the meeting was cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields that cannot be taken, each named (also: no seat and no waitlist, already registered); nothing saved", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests with this token, or registrations for this address", body = Problem, content_type = "application/problem+json")))]
pub async fn register_participant(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    bearer: Bearer,
    body: Result<JsonBody<RegistrationIn>, Response>,
) -> AppResult<Response> {
    let (agreement, meeting) = match meeting_for(&state, &bearer, (&slug, &id), true).await? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let input = match body {
        Ok(JsonBody(input)) => input,
        Err(problem) => return Ok(problem),
    };
    let lang = match input.language.as_str() {
        "" => Lang::Sv,
        code => match Lang::parse(code) {
            Some(lang) => lang,
            None => {
                return Ok(Problem::bad_fields(vec![InvalidParam {
                    name: "language".into(),
                    reason: "must be sv or en".into(),
                }])
                .into_response());
            }
        },
    };
    // The token's holder edits the agreement, so members' meetings are open to it too.
    let outcome = registration::register(
        &state,
        &agreement,
        &meeting,
        &input.registration,
        (None, lang),
        Some(registration::Audit {
            user_id: bearer.user_id,
            via: bearer.via(),
        }),
    )
    .await?;
    let id = match outcome {
        Outcome::Placed { id, .. } => id,
        Outcome::Refused(r) => {
            return Ok(Problem::new(r.status(), r.text(Lang::En, &meeting)).into_response());
        }
        Outcome::Invalid(errors) => return Ok(field_problem(&errors)),
    };
    let out = registration_out(&state, &slug, one(&state, meeting.id, id).await?).await?;
    Ok(private(created(&out.url, &out)))
}

async fn one(state: &AppState, meeting_id: i64, id: i64) -> AppResult<Registration> {
    sqlx::query_as(&format!(
        "SELECT {REGISTRATION_COLUMNS} {REGISTRATION_FROM} WHERE r.meeting_id = $1 AND r.id = $2"
    ))
    .bind(meeting_id)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// A meeting's participant list: every registration, cancelled ones too, in id order.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/meetings/{id}/registrations", tag = TAG,
    operation_id = "registrations",
    params(("slug" = String, Path, description = "The agreement"), ("id" = i64, Path, description = "The meeting"), Paging),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RegistrationList),
        (status = 400, response = BadRequest),
        (status = 401, description = "No valid API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A token for another agreement", body = Problem, content_type = "application/problem+json"),
        (status = 404, response = NotFound),
        (status = 429, description = "Too many requests with this token", body = Problem, content_type = "application/problem+json")))]
pub async fn registrations(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    bearer: Bearer,
    Query(q): Query<Paging>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (_, meeting) = match meeting_for(&state, &bearer, (&slug, &id), false).await? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let paging = match q.checked() {
        Ok(paging) => paging,
        Err(problem) => return Ok(problem.into_response()),
    };
    let rows: Vec<Registration> = sqlx::query_as(&format!(
        "SELECT {REGISTRATION_COLUMNS} {REGISTRATION_FROM}
         WHERE r.meeting_id = $1 AND r.id > $2 AND ($3 = '' OR r.updated_at >= $3)
         ORDER BY r.id LIMIT $4"
    ))
    .bind(meeting.id)
    .bind(paging.after)
    .bind(paging.updated_since.clone().unwrap_or_default())
    .bind(paging.limit)
    .fetch_all(&state.db.pool)
    .await?;
    let path = format!(
        "/api/v1/agreements/{slug}/meetings/{}/registrations",
        meeting.id
    );
    let next = NextPage::of(
        &state,
        &path,
        &[
            ("limit", q.limit.as_deref()),
            ("updated_since", q.updated_since.as_deref()),
        ],
        rows.iter().map(|r| r.id),
        paging.limit,
    );
    let mut data = Vec::with_capacity(rows.len());
    for r in rows {
        data.push(registration_out(&state, &slug, r).await?);
    }
    let list = RegistrationList {
        data,
        next_cursor: next.cursor,
        next: next.url.clone(),
    };
    Ok(private(conditional(&headers, &list, None, next.url)))
}

/// One registration.
#[utoipa::path(get, path = "/api/v1/agreements/{slug}/meetings/{id}/registrations/{registration}", tag = TAG,
    operation_id = "registration",
    params(("slug" = String, Path, description = "The agreement"), ("id" = i64, Path, description = "The meeting"),
        ("registration" = i64, Path, description = "The registration")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RegistrationOut),
        (status = 401, description = "No valid API token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A token for another agreement", body = Problem, content_type = "application/problem+json"),
        (status = 404, response = NotFound),
        (status = 429, description = "Too many requests with this token", body = Problem, content_type = "application/problem+json")))]
pub async fn registration(
    State(state): State<AppState>,
    Path((slug, id, registration)): Path<(String, String, String)>,
    bearer: Bearer,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (_, meeting) = match meeting_for(&state, &bearer, (&slug, &id), false).await? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let registration: i64 = registration.parse().map_err(|_| AppError::NotFound)?;
    let out = registration_out(&state, &slug, one(&state, meeting.id, registration).await?).await?;
    Ok(private(conditional(&headers, &out, None, None)))
}
