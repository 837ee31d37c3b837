//! Forms: a CSRF-checked form extractor, and the errors a form comes back
//! with (the GOV.UK pattern: a summary at the top, a message at each field).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use super::{AppError, Ctx};

/// Field errors, in the order the fields appear on the form. Messages are
/// translation keys.
#[derive(Debug, Default, Clone)]
pub struct Errors(Vec<(&'static str, &'static str)>);

impl Errors {
    pub fn new() -> Errors {
        Errors::default()
    }

    pub fn add(&mut self, field: &'static str, message_key: &'static str) {
        if !self.0.iter().any(|(f, _)| *f == field) {
            self.0.push((field, message_key));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The message key for one field, if it has an error.
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| *m)
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, &'static str)> {
        self.0.iter()
    }

    /// The status a form page answers with: 422 when it came back with errors.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.0.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        }
    }

    /// Ok when there is nothing to report.
    pub fn into_result(self) -> Result<(), Errors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// A submitted form whose hidden `csrf` field matched the visitor's CSRF
/// cookie. Every state-changing form goes through this extractor.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<S, T> FromRequest<S> for CsrfForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req
            .extensions()
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::internal("context middleware missing"))?;
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
        let field: CsrfField =
            serde_urlencoded::from_bytes(&body).map_err(|e| AppError::BadRequest(e.to_string()))?;
        if !crate::accounts::token::constant_time_eq(field.csrf.as_bytes(), ctx.csrf.as_bytes()) {
            return Err(AppError::Csrf);
        }
        let value =
            serde_urlencoded::from_bytes(&body).map_err(|e| AppError::BadRequest(e.to_string()))?;
        Ok(CsrfForm(value))
    }
}

/// A CSRF-checked form read as name–value pairs, for forms whose fields
/// repeat (several checkboxes of one name) or are named at run time.
pub struct CsrfPairs(Vec<(String, String)>);

impl CsrfPairs {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value of a field, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for CsrfPairs {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req
            .extensions()
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::internal("context middleware missing"))?;
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
        let pairs = CsrfPairs(url::form_urlencoded::parse(&body).into_owned().collect());
        if !crate::accounts::token::constant_time_eq(
            pairs.get("csrf").as_bytes(),
            ctx.csrf.as_bytes(),
        ) {
            return Err(AppError::Csrf);
        }
        Ok(pairs)
    }
}
