//! Swedish by default, English by choice: every string of the interface lives
//! in locales/<lang>/*.ftl (Project Fluent; main.ftl and one file per feature
//! that keeps its own). The choice is remembered in a cookie and, for a
//! logged-in person, in their account.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use serde::Deserialize;

use super::{AppResult, AppState, Ctx};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "sv",
        // Unicode isolation marks would end up inside HTML attributes and mail.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

pub const LANG_COOKIE: &str = "overens_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The other language, offered by the switch in the header.
    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }

    /// The language's own name, as the switch shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    fn id(self) -> LanguageIdentifier {
        self.code().parse().expect("valid language tag")
    }

    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(&self.id(), key)
    }

    /// The message, when this language has one: for text that falls back to
    /// something other than the key (e.g. a summary from the code).
    pub fn try_t(self, key: &str) -> Option<String> {
        LOCALES.try_lookup(&self.id(), key)
    }

    pub fn t_with(self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            // Numbers go in as numbers, so that plural forms are chosen right.
            .map(|(k, v)| {
                let value = match v.parse::<i64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(v.clone()),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES.lookup_with_args(&self.id(), key, &args)
    }
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/language/{code}", axum::routing::get(switch))
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// A plain link switches the language, so that it works without JavaScript;
/// it only sets a preference and goes back to where the visitor was.
async fn switch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> AppResult<Response> {
    let lang = Lang::parse(&code).ok_or(super::AppError::NotFound)?;
    if let Some(user) = &ctx.user {
        sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
            .bind(lang.code())
            .bind(user.id)
            .execute(&state.db.pool)
            .await?;
    }
    let next = safe_next(q.next.as_deref());
    let cookie = super::context::cookie(&state.config, LANG_COOKIE, lang.code(), 365 * 24 * 3600);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
}

/// A local path to go back to; anything else (another site) becomes "/".
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Every .ftl file of one language, as (file name, text), in name order:
    /// the loader reads them all, so the checks do too.
    fn ftl_files(lang: super::Lang) -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.code());
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        files.sort();
        assert!(
            files.iter().any(|(name, _)| name == "main.ftl"),
            "no main.ftl in {}",
            dir.display()
        );
        files
    }

    /// Message ids in the order they are defined, duplicates kept.
    fn defined(ftl: &str) -> Vec<String> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
            .collect()
    }

    /// Every message id of one language, across its files.
    fn ids(lang: super::Lang) -> BTreeSet<String> {
        ftl_files(lang)
            .iter()
            .flat_map(|(_, text)| defined(text))
            .collect()
    }

    #[test]
    fn no_message_is_defined_twice_and_every_one_resolves() {
        for lang in [super::Lang::Sv, super::Lang::En] {
            let mut seen: std::collections::BTreeMap<String, String> = Default::default();
            for (file, text) in ftl_files(lang) {
                for id in defined(&text) {
                    if let Some(first) = seen.insert(id.clone(), file.clone()) {
                        panic!("{id} is defined twice in {lang:?}: in {first} and in {file}");
                    }
                }
            }
            for id in seen.keys() {
                let text = lang.t(id);
                assert!(
                    !text.is_empty() && text != *id,
                    "{id} does not resolve in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let sv = ids(super::Lang::Sv);
        let en = ids(super::Lang::En);
        let only_sv: Vec<_> = sv.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&sv).collect();
        assert!(
            only_sv.is_empty() && only_en.is_empty(),
            "only in sv: {only_sv:?}; only in en: {only_en:?}"
        );
    }

    /// Every key written literally in a template or in code is translated.
    #[test]
    fn every_key_used_exists() {
        let sv = ids(super::Lang::Sv);
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for marker in [
                ".t(\"",
                ".t1(\"",
                ".t_with(\"",
                "Page::new(&ctx, \"",
                "Page::new(ctx, \"",
                "flash(&state.config, \"",
                "errors.add(\"",
            ] {
                for piece in text.split(marker).skip(1) {
                    let key = piece.split('"').next().unwrap_or_default();
                    let key = if marker == "errors.add(\"" {
                        piece
                            .split("\", \"")
                            .nth(1)
                            .and_then(|k| k.split('"').next())
                            .unwrap_or_default()
                    } else {
                        key
                    };
                    if !key.is_empty() && !key.contains('{') && !sv.contains(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "untranslated keys: {missing:#?}");
    }
}
