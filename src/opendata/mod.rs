//! Open data: every agreement's datasets (the register, meetings, decisions,
//! action plans, news, partnerships, documents) with their distributions, a
//! DCAT-AP-SE catalogue of them, a human-readable page that their IRIs
//! resolve to, and the licence the agreement publishes them under.

pub mod dcat;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::agreements::{self, Agreement};
use crate::db::{self, Db};
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, Errors};
use crate::web::i18n::Lang;
use crate::web::layout::{Alternate, Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/catalog.rdf", get(instance_catalog))
        .route("/{slug}/catalog.rdf", get(agreement_catalog))
        .route("/{slug}/data", get(page))
        .route("/{slug}/data/licence", post(set_licence))
        .route("/{slug}/data/{dataset}", get(dataset_redirect))
}

// ---------------------------------------------------------------- model

/// The licences an agreement may publish its data under (SPDX identifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Licence {
    Cc0,
    CcBy,
}

impl Licence {
    pub const ALL: [Licence; 2] = [Licence::Cc0, Licence::CcBy];

    pub fn parse(spdx: &str) -> Option<Licence> {
        match spdx {
            "CC0-1.0" => Some(Licence::Cc0),
            "CC-BY-4.0" => Some(Licence::CcBy),
            _ => None,
        }
    }

    pub fn spdx(self) -> &'static str {
        match self {
            Licence::Cc0 => "CC0-1.0",
            Licence::CcBy => "CC-BY-4.0",
        }
    }

    pub fn iri(self) -> &'static str {
        match self {
            Licence::Cc0 => "http://creativecommons.org/publicdomain/zero/1.0/",
            Licence::CcBy => "http://creativecommons.org/licenses/by/4.0/",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Licence::Cc0 => "opendata-licence-cc0",
            Licence::CcBy => "opendata-licence-cc-by",
        }
    }
}

/// The agreement's licence; an unknown value (never written by this code)
/// reads as the default, CC0.
pub async fn licence(db: &Db, agreement_id: i64) -> Result<Licence, sqlx::Error> {
    let spdx: String = sqlx::query_scalar("SELECT licence FROM agreements WHERE id = $1")
        .bind(agreement_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(Licence::parse(&spdx).unwrap_or(Licence::Cc0))
}

pub struct Distribution {
    /// csv, xlsx, history-csv, json, ics, atom: its anchor and its label.
    pub kind: &'static str,
    /// Where the data is, or the page that leads to it.
    pub access: String,
    /// Set when the distribution is a file (or a JSON document) to fetch.
    pub download: Option<String>,
    /// The EU file-type authority's code.
    pub file_type: &'static str,
    /// The IANA media type.
    pub media_type: &'static str,
}

impl Distribution {
    pub fn path(&self, slug: &str, dataset: &str) -> String {
        format!("/{slug}/data#{dataset}-{}", self.kind)
    }
    pub fn access(&self) -> &str {
        &self.access
    }
    pub fn download(&self) -> Option<&str> {
        self.download.as_deref()
    }
    fn is_api(&self) -> bool {
        self.access.starts_with("/api/") || self.download().is_some_and(|d| d.starts_with("/api/"))
    }
}

pub struct Dataset {
    pub key: &'static str,
    /// The human page of the data.
    pub landing: String,
    /// EU data themes.
    pub themes: &'static [&'static str],
    pub distributions: Vec<Distribution>,
}

impl Dataset {
    /// The dataset's IRI resolves to its section of the open-data page.
    pub fn path(&self, slug: &str) -> String {
        format!("/{slug}/data#{}", self.key)
    }
    pub fn title_key(&self) -> String {
        format!("opendata-dataset-{}", self.key)
    }
    pub fn description_key(&self) -> String {
        format!("opendata-dataset-{}-description", self.key)
    }
    pub fn keywords_key(&self) -> String {
        format!("opendata-dataset-{}-keywords", self.key)
    }
}

pub const DATASETS: [&str; 7] = [
    "register",
    "meetings",
    "decisions",
    "plans",
    "news",
    "partnerships",
    "documents",
];

fn file(kind: &'static str, path: String) -> Distribution {
    let (file_type, media_type) = match kind {
        "csv" | "history-csv" => ("CSV", "text/csv"),
        "xlsx" => (
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "ics" => ("ICS", "text/calendar"),
        "atom" => ("ATOM", "application/atom+xml"),
        _ => ("JSON", "application/json"),
    };
    Distribution {
        kind,
        access: path.clone(),
        download: Some(path),
        file_type,
        media_type,
    }
}

/// The JSON API: a service to call rather than a file, unless a page is
/// given as its way in.
fn api(slug: &str, what: &str, page: Option<String>) -> Distribution {
    let url = format!("/api/v1/agreements/{slug}/{what}");
    Distribution {
        kind: "json",
        access: page.unwrap_or_else(|| url.clone()),
        download: Some(url),
        file_type: "JSON",
        media_type: "application/json",
    }
}

/// Every dataset of an agreement, in the order the page lists them.
pub fn datasets(slug: &str) -> Vec<Dataset> {
    let p = |rest: &str| format!("/{slug}/{rest}");
    vec![
        Dataset {
            key: "register",
            landing: p("signatories"),
            themes: &["SOCI", "GOVE"],
            distributions: vec![
                file("csv", p("signatories.csv")),
                file("xlsx", p("signatories.xlsx")),
                file("history-csv", p("signatories/history.csv")),
                api(slug, "signatories", None),
            ],
        },
        Dataset {
            key: "meetings",
            landing: p("meetings"),
            themes: &["GOVE"],
            distributions: vec![file("ics", p("meetings.ics")), api(slug, "meetings", None)],
        },
        Dataset {
            key: "decisions",
            landing: p("decisions"),
            themes: &["GOVE"],
            distributions: vec![api(slug, "decisions", Some(p("decisions")))],
        },
        Dataset {
            key: "plans",
            landing: p("plans"),
            themes: &["GOVE", "SOCI"],
            distributions: vec![api(slug, "plans", Some(p("plans")))],
        },
        Dataset {
            key: "news",
            landing: p("news"),
            themes: &["GOVE"],
            distributions: vec![file("atom", p("news.atom"))],
        },
        Dataset {
            key: "partnerships",
            landing: p("partnerships"),
            themes: &["SOCI", "GOVE"],
            distributions: vec![
                file("csv", p("partnerships.csv")),
                file("xlsx", p("partnerships.xlsx")),
            ],
        },
        Dataset {
            key: "documents",
            landing: p("documents"),
            themes: &["GOVE"],
            distributions: vec![api(slug, "documents", None)],
        },
    ]
}

/// The open-data page of every agreement, for the sitemap.
pub async fn sitemap(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    Ok(agreements::all(db)
        .await?
        .into_iter()
        .map(|a| format!("/{}/data", a.slug))
        .collect())
}

// ---------------------------------------------------------------- catalogue

const RDF: &str = "application/rdf+xml";

fn rdf_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, RDF)], body).into_response()
}

async fn entries(db: &Db, agreements: Vec<Agreement>) -> Result<Vec<dcat::Entry>, sqlx::Error> {
    let mut entries = Vec::new();
    for agreement in agreements {
        let licence = licence(db, agreement.id).await?;
        entries.push(dcat::Entry { agreement, licence });
    }
    Ok(entries)
}

/// The first day any of these agreements was on the platform, and the last
/// change recorded for them.
async fn dates(db: &Db, ids: &[i64]) -> Result<(Option<String>, Option<String>), sqlx::Error> {
    let mut issued: Option<String> = None;
    let mut modified: Option<String> = None;
    for id in ids {
        let created: String = sqlx::query_scalar("SELECT created_at FROM agreements WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await?;
        let changed: Option<String> =
            sqlx::query_scalar("SELECT MAX(at) FROM audit_log WHERE agreement_id = $1")
                .bind(id)
                .fetch_one(&db.pool)
                .await?;
        let day = created.get(..10).unwrap_or(&created).to_string();
        if issued.as_ref().is_none_or(|i| day < *i) {
            issued = Some(day);
        }
        if let Some(changed) = changed
            && modified.as_ref().is_none_or(|m| changed > *m)
        {
            modified = Some(changed);
        }
    }
    // xsd:dateTime: "2026-01-01T10:00:00.000000Z" is valid as it is.
    Ok((issued, modified))
}

async fn instance_catalog(State(state): State<AppState>) -> AppResult<Response> {
    let mut all = agreements::all(&state.db).await?;
    all.sort_by_key(|a| a.id);
    let ids: Vec<i64> = all.iter().map(|a| a.id).collect();
    let (issued, modified) = dates(&state.db, &ids).await?;
    let entries = entries(&state.db, all).await?;
    let both = |key: &str| [(Lang::Sv, Lang::Sv.t(key)), (Lang::En, Lang::En.t(key))];
    let catalog = dcat::Catalog {
        about: state.config.absolute("/catalog.rdf#catalog"),
        homepage: state.config.absolute("/"),
        title: both("opendata-catalog-title"),
        description: both("opendata-catalog-description"),
        issued,
        modified,
    };
    let email = dcat::contact_email(&state.db, &state.config).await?;
    Ok(rdf_response(dcat::render(
        &state.config,
        &email,
        &catalog,
        &entries,
    )))
}

async fn agreement_catalog(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let (issued, modified) = dates(&state.db, &[agreement.id]).await?;
    let args = [("agreement", agreement.name.clone())];
    let both = |key: &str| {
        [
            (Lang::Sv, Lang::Sv.t_with(key, &args)),
            (Lang::En, Lang::En.t_with(key, &args)),
        ]
    };
    let catalog = dcat::Catalog {
        about: state
            .config
            .absolute(&format!("/{}/catalog.rdf#catalog", agreement.slug)),
        homepage: state.config.absolute(&format!("/{}/data", agreement.slug)),
        title: both("opendata-agreement-catalog-title"),
        description: both("opendata-agreement-catalog-description"),
        issued,
        modified,
    };
    let entries = entries(&state.db, vec![agreement]).await?;
    let email = dcat::contact_email(&state.db, &state.config).await?;
    Ok(rdf_response(dcat::render(
        &state.config,
        &email,
        &catalog,
        &entries,
    )))
}

// ---------------------------------------------------------------- page

struct DistributionView {
    anchor: String,
    label: String,
    href: String,
    media_type: &'static str,
    api: bool,
}

struct DatasetView {
    key: &'static str,
    title: String,
    description: String,
    landing: String,
    distributions: Vec<DistributionView>,
}

#[derive(Template)]
#[template(path = "opendata/templates/data.html")]
struct DataView {
    page: Page,
    agreement: Agreement,
    licence: Licence,
    /// The licence in the form: the saved one, or what was sent back.
    chosen: String,
    datasets: Vec<DatasetView>,
    contact_email: String,
    publisher_type: String,
    can_edit: bool,
    errors: Errors,
}

impl DataView {
    fn licence_label(&self, l: &Licence) -> String {
        self.page.t(l.label_key())
    }
}

async fn data_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    chosen: Option<String>,
    errors: Errors,
) -> AppResult<Response> {
    let licence = licence(&state.db, agreement.id).await?;
    let lang = ctx.lang;
    let args = [("agreement", agreement.short_name.clone())];
    let datasets = datasets(&agreement.slug)
        .into_iter()
        .map(|d| DatasetView {
            key: d.key,
            title: lang.t_with(&d.title_key(), &args),
            description: lang.t_with(&d.description_key(), &args),
            landing: d.landing.clone(),
            distributions: d
                .distributions
                .iter()
                .map(|x| DistributionView {
                    anchor: format!("{}-{}", d.key, x.kind),
                    label: lang.t(&format!("opendata-format-{}", x.kind)),
                    href: x.download().unwrap_or(x.access()).to_string(),
                    media_type: x.media_type,
                    api: x.is_api(),
                })
                .collect(),
        })
        .collect();
    let mut page = Page::new(ctx, "opendata-title")
        .with_errors(&errors)
        .describe(ctx.t("opendata-intro"));
    page.for_agreement(ctx, &agreement);
    page.alternates.push(Alternate {
        mime: RDF,
        title: lang.t_with(
            "opendata-agreement-catalog-title",
            &[("agreement", agreement.name.clone())],
        ),
        href: format!("/{}/catalog.rdf", agreement.slug),
    });
    let status = errors.status();
    Ok((
        status,
        render(&DataView {
            page,
            chosen: chosen.unwrap_or_else(|| licence.spdx().to_string()),
            licence,
            datasets,
            contact_email: dcat::contact_email(&state.db, &state.config).await?,
            publisher_type: lang.t(&format!(
                "opendata-publisher-{}",
                dcat::publisher_type(&agreement.public_body)
            )),
            can_edit: ctx.edits(agreement.id),
            errors,
            agreement,
        }),
    )
        .into_response())
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    data_view(&state, &ctx, agreement, None, Errors::new()).await
}

/// /vg/data/register leads to its section of the page.
async fn dataset_redirect(
    State(state): State<AppState>,
    Path((slug, dataset)): Path<(String, String)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    if !DATASETS.contains(&dataset.as_str()) {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::permanent(&format!("/{}/data#{dataset}", agreement.slug)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct LicenceInput {
    #[serde(default)]
    pub licence: String,
}

async fn set_licence(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<LicenceInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let user = ctx.require_user()?.clone();
    let Some(chosen) = Licence::parse(input.licence.trim()) else {
        let mut errors = Errors::new();
        errors.add("licence", "opendata-error-licence");
        return data_view(&state, &ctx, agreement, Some(input.licence), errors).await;
    };
    let before = licence(&state.db, agreement.id).await?;
    if before != chosen {
        let mut tx = state.db.pool.begin().await?;
        sqlx::query("UPDATE agreements SET licence = $1 WHERE id = $2")
            .bind(chosen.spdx())
            .bind(agreement.id)
            .execute(&mut *tx)
            .await?;
        db::audit(
            &mut *tx,
            agreement.id,
            Some(user.id),
            "opendata.licence",
            format!("{} -> {}", before.spdx(), chosen.spdx()),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/data", agreement.slug),
    ))
}
