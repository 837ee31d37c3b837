//! The view model every page template receives, and the shared error page.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use super::Ctx;
use super::assets;
use super::error::ErrorPage;
use super::form::Errors;
use super::i18n::Lang;

/// A feed or other alternate representation announced in the page head.
pub struct Alternate {
    pub mime: &'static str,
    pub title: String,
    pub href: String,
}

/// What the layout needs: language, who is logged in, the CSRF token, the
/// title and description, and a one-time message.
pub struct Page {
    pub lang: Lang,
    pub title: String,
    pub description: String,
    pub user_name: Option<String>,
    pub is_admin: bool,
    pub unverified: bool,
    pub csrf: String,
    pub path: String,
    pub flash: Option<String>,
    pub alternates: Vec<Alternate>,
    pub canonical: Option<String>,
    /// Set on pages of one agreement: its slug and short name for the navigation.
    pub agreement: Option<(String, String)>,
    /// The visitor prepares this agreement's cases (editor or administrator).
    pub edits_agreement: bool,
}

impl Page {
    /// A page titled by a translation key; its description defaults to the site's.
    pub fn new(ctx: &Ctx, title_key: &str) -> Page {
        Page::titled(ctx, ctx.t(title_key))
    }

    pub fn titled(ctx: &Ctx, title: String) -> Page {
        Page {
            lang: ctx.lang,
            title,
            description: ctx.t("site-description"),
            user_name: ctx.user.as_ref().map(|u| u.name.clone()),
            is_admin: ctx.user.as_ref().is_some_and(|u| u.is_admin),
            unverified: ctx.user.as_ref().is_some_and(|u| !u.email_verified),
            csrf: ctx.csrf.clone(),
            path: ctx.path.clone(),
            flash: ctx.flash.clone(),
            alternates: Vec::new(),
            canonical: None,
            agreement: None,
            edits_agreement: false,
        }
    }

    /// Marks the page as one of this agreement's, for its navigation.
    pub fn for_agreement(&mut self, ctx: &Ctx, agreement: &crate::agreements::Agreement) {
        self.agreement = Some((agreement.slug.clone(), agreement.short_name.clone()));
        self.edits_agreement = ctx.edits(agreement.id);
    }

    /// Marks the title of a form that came back with errors, as screen
    /// readers announce the title first.
    pub fn with_errors(mut self, errors: &Errors) -> Page {
        if !errors.is_empty() {
            self.title = format!("{}: {}", self.t("error-title-prefix"), self.title);
        }
        self
    }

    pub fn describe(mut self, description: String) -> Page {
        self.description = description;
        self
    }

    pub fn t(&self, key: impl AsRef<str>) -> String {
        self.lang.t(key.as_ref())
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        self.lang.t_with(key, &[(name, value.to_string())])
    }

    /// The link that shows this same page in the other language.
    pub fn switch_href(&self) -> String {
        let next: String = url::form_urlencoded::byte_serialize(self.path.as_bytes()).collect();
        format!("/language/{}?next={next}", self.lang.other().code())
    }

    pub fn other_lang(&self) -> Lang {
        self.lang.other()
    }

    pub fn stylesheet(&self) -> &'static str {
        assets::stylesheet_href()
    }

    /// The error summary's heading, counted.
    pub fn error_summary_title(&self, errors: &Errors) -> String {
        self.t("form-error-summary")
            + &if errors.len() > 1 {
                format!(" ({})", errors.len())
            } else {
                String::new()
            }
    }
}

/// Renders a template into an HTML response; a template that cannot render
/// is a bug, reported as a 500 page.
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => super::AppError::internal(format!("template: {e}")).into_response(),
    }
}

#[derive(Template)]
#[template(path = "web/templates/error.html")]
pub struct ErrorView {
    pub page: Page,
    pub heading: String,
    pub text: String,
    pub detail: Option<String>,
}

impl ErrorView {
    pub fn new(page: Page, error: &ErrorPage) -> ErrorView {
        ErrorView {
            heading: page.title.clone(),
            text: page.t(format!("error-{}-text", error.key)),
            detail: error.detail.clone(),
            page,
        }
    }
}

impl IntoResponse for ErrorView {
    fn into_response(self) -> Response {
        match self.render() {
            Ok(html) => Html(html).into_response(),
            // The error page itself failed: say so plainly rather than loop.
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal error",
                )
                    .into_response()
            }
        }
    }
}
