//! Atom feeds (RFC 4287) of an agreement's published articles, and of one tag.

use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{Article, tag_feed_path, tag_path, tags_of};
use crate::agreements::{self, Agreement};
use crate::db;
use crate::web::{AppError, AppResult, AppState, Ctx};

/// The newest this many articles are in a feed.
const ENTRIES: i64 = 50;

fn instant(stored: &str) -> Option<FixedDateTime> {
    FixedDateTime::parse_from_rfc3339(stored).ok()
}

fn alternate(href: String) -> Link {
    Link {
        href,
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Link::default()
    }
}

fn self_link(href: String) -> Link {
    Link {
        href,
        rel: "self".into(),
        mime_type: Some("application/atom+xml".into()),
        ..Link::default()
    }
}

async fn build(
    state: &AppState,
    ctx: &Ctx,
    agreement: &Agreement,
    tag: &str,
) -> AppResult<Response> {
    let config = &state.config;
    let articles: Vec<Article> =
        super::articles(&state.db, agreement.id, tag, "", false, ENTRIES, 0).await?;
    let ids: Vec<i64> = articles.iter().map(|a| a.id).collect();
    let mut tags = tags_of(&state.db, &ids).await?;
    let author = Person {
        name: agreement.public_body.clone(),
        uri: Some(config.absolute(&format!("/{}/", agreement.slug))),
        ..Person::default()
    };
    let mut entries = Vec::new();
    for a in articles {
        let Some(published) = a.publish_at.as_deref().and_then(instant) else {
            continue;
        };
        // An article saved before it was due is first seen when it is published.
        let updated = instant(&a.updated_at)
            .filter(|u| *u > published)
            .unwrap_or(published);
        let url = config.absolute(&a.path(&agreement.slug));
        let mut html = crate::web::markdown::to_html(&a.body);
        if html.is_empty() {
            html = String::from("<p></p>");
        }
        entries.push(Entry {
            title: Text::plain(a.title.clone()),
            id: url.clone(),
            updated,
            published: Some(published),
            authors: vec![author.clone()],
            links: vec![alternate(url)],
            summary: (!a.lead.trim().is_empty()).then(|| Text::plain(a.lead.trim())),
            content: Some(Content {
                value: Some(html),
                content_type: Some("html".into()),
                ..Content::default()
            }),
            categories: tags
                .remove(&a.id)
                .unwrap_or_default()
                .into_iter()
                .map(|t| Category {
                    scheme: Some(config.absolute(&tag_path(&agreement.slug, &t))),
                    term: t,
                    ..Category::default()
                })
                .collect(),
            ..Entry::default()
        });
    }
    let (title, page_path, feed_path) = if tag.is_empty() {
        (
            ctx.lang.t_with(
                "news-feed-title",
                &[("agreement", agreement.short_name.clone())],
            ),
            format!("/{}/news", agreement.slug),
            format!("/{}/news.atom", agreement.slug),
        )
    } else {
        (
            ctx.lang.t_with(
                "news-tag-feed-title",
                &[
                    ("agreement", agreement.short_name.clone()),
                    ("tag", tag.to_string()),
                ],
            ),
            tag_path(&agreement.slug, tag),
            tag_feed_path(&agreement.slug, tag),
        )
    };
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .or_else(|| instant(&db::now()))
        .ok_or_else(|| AppError::internal("no current time"))?;
    let feed = Feed {
        title: Text::plain(title),
        id: config.absolute(&feed_path),
        updated,
        authors: vec![author],
        links: vec![
            self_link(config.absolute(&feed_path)),
            alternate(config.absolute(&page_path)),
        ],
        subtitle: Some(Text::plain(agreement.name.clone())),
        lang: Some(ctx.lang.code().to_string()),
        entries,
        ..Feed::default()
    };
    let xml = feed
        .write_to(Vec::new())
        .map_err(|e| AppError::internal(format!("atom feed: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        xml,
    )
        .into_response())
}

pub async fn agreement_feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    build(&state, &ctx, &agreement, "").await
}

pub async fn tag_feed(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    tag: &str,
) -> AppResult<Response> {
    if tag.is_empty() {
        return Err(AppError::NotFound);
    }
    build(state, ctx, &agreement, tag).await
}
