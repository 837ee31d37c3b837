//! A short-lived cache of the pages anonymous visitors see ("microcaching").
//!
//! A page everyone sees alike is rendered once and then served from memory
//! for `page_cache_seconds` (1 s by default), so a page that is suddenly
//! read by thousands costs one render a second. What is never cached:
//! anything but GET; a visitor with a session, a flash message, an API
//! token or an Origin; conditional and range requests; any answer other
//! than 200, one that says `no-store` or sets a cookie other than the CSRF
//! cookie, or whose body carries the visitor's CSRF token (a form).
//!
//! A write through this process (any other method) makes every entry old at
//! once: the next request for a page renders it again, and requests that
//! come while it renders get the old page rather than all rendering it too.
//! Another process's writes are seen when the entry expires, so with several
//! processes a public page is at most that many seconds old.

use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use axum::body::HttpBody as _;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::context::{CSRF_COOKIE, FLASH_COOKIE, cookie, read_cookie};
use super::i18n::{LANG_COOKIE, Lang};
use crate::accounts::session::SESSION_COOKIE;

/// Larger answers (exports, files) are not worth keeping.
const MAX_ENTRY_BYTES: usize = 1024 * 1024;

pub struct PageCache {
    ttl: Duration,
    max_bytes: usize,
    store: RwLock<Store>,
}

#[derive(Default)]
struct Store {
    generation: u64,
    entries: HashMap<Key, Entry>,
    /// Bodies and keys held, to keep the cache within `max_bytes`.
    bytes: usize,
}

#[derive(Hash, PartialEq, Eq)]
struct Key {
    path_and_query: String,
    lang: Lang,
}

struct Entry {
    stored: Instant,
    /// The cache's generation when stored: a write makes every entry old.
    generation: u64,
    /// Set by the one request that renders an old entry again; meanwhile
    /// the others are answered with the old one instead of all rendering.
    refreshing: AtomicBool,
    headers: HeaderMap,
    body: Bytes,
}

/// How long an old entry may still be served while it is being rendered
/// again, as a multiple of the time to live.
const STALE_FACTOR: u32 = 10;

impl PageCache {
    /// `ttl` zero turns the cache off.
    pub fn new(ttl: Duration, max_bytes: usize) -> PageCache {
        PageCache {
            ttl,
            max_bytes,
            store: RwLock::new(Store::default()),
        }
    }

    /// A response for this key, or None when the caller is to render it
    /// (and then `put` or `forget` it).
    fn get(&self, key: &Key) -> Option<Response> {
        let store = self.store.read().unwrap_or_else(|e| e.into_inner());
        let entry = store.entries.get(key)?;
        let age = entry.stored.elapsed();
        let fresh = entry.generation == store.generation && age < self.ttl;
        // The first to find it old renders it; the others get the old one
        // meanwhile, for a while.
        if !fresh
            && (!entry.refreshing.swap(true, Ordering::AcqRel) || age >= self.ttl * STALE_FACTOR)
        {
            return None;
        }
        let mut response = Response::new(Body::from(entry.body.clone()));
        *response.headers_mut() = entry.headers.clone();
        response
            .headers_mut()
            .insert(header::AGE, HeaderValue::from(age.as_secs()));
        Some(response)
    }

    /// The answer for this key could not be kept: nobody waits for it.
    fn forget(&self, key: &Key) {
        let mut store = self.store.write().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = store.entries.remove(key) {
            store.bytes -= old.body.len() + key.path_and_query.len();
        }
    }

    fn put(&self, key: Key, headers: HeaderMap, body: Bytes) {
        let size = body.len() + key.path_and_query.len();
        let mut store = self.store.write().unwrap_or_else(|e| e.into_inner());
        if store.bytes + size > self.max_bytes {
            // Full: drop what has expired, and everything if that is not enough.
            let (ttl, generation) = (self.ttl, store.generation);
            store
                .entries
                .retain(|_, e| e.generation == generation && e.stored.elapsed() < ttl);
            store.bytes = store
                .entries
                .iter()
                .map(|(k, e)| e.body.len() + k.path_and_query.len())
                .sum();
            if store.bytes + size > self.max_bytes {
                store.entries.clear();
                store.bytes = 0;
            }
        }
        let entry = Entry {
            stored: Instant::now(),
            generation: store.generation,
            refreshing: AtomicBool::new(false),
            headers,
            body,
        };
        let key_len = key.path_and_query.len();
        if let Some(old) = store.entries.insert(key, entry) {
            store.bytes -= old.body.len() + key_len;
        }
        store.bytes += size;
    }

    /// Something changed: every entry is old. The next request for each
    /// renders it again (so a visitor who just wrote sees the change).
    pub fn clear(&self) {
        let mut store = self.store.write().unwrap_or_else(|e| e.into_inner());
        store.generation += 1;
    }
}

/// The key of a request that may be answered from the cache, or None.
fn cacheable(req: &Request) -> Option<Key> {
    if req.method() != Method::GET {
        return None;
    }
    let h = req.headers();
    let bypass = [
        header::AUTHORIZATION,
        header::ORIGIN,
        header::IF_NONE_MATCH,
        header::IF_MODIFIED_SINCE,
        header::RANGE,
    ];
    if bypass.iter().any(|name| h.contains_key(name)) {
        return None;
    }
    if [SESSION_COOKIE, FLASH_COOKIE]
        .iter()
        .any(|name| read_cookie(h, name).is_some())
    {
        return None;
    }
    Some(Key {
        path_and_query: req.uri().path_and_query()?.as_str().to_string(),
        lang: read_cookie(h, LANG_COOKIE)
            .and_then(Lang::parse)
            .unwrap_or_default(),
    })
}

/// The middleware: answers from the cache, or asks the application and
/// keeps the answer when it is the same for every anonymous visitor.
pub async fn serve(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    if cache.ttl.is_zero() {
        return next.run(req).await;
    }
    if !req.method().is_safe() {
        let response = next.run(req).await;
        cache.clear();
        return response;
    }
    let Some(key) = cacheable(&req) else {
        return next.run(req).await;
    };
    let visitor_csrf = read_cookie(req.headers(), CSRF_COOKIE).map(str::to_string);
    if let Some(mut hit) = cache.get(&key) {
        // As from the application: a first visit gets its CSRF cookie.
        if visitor_csrf.as_deref().is_none_or(|t| t.len() < 32) {
            let token = crate::accounts::token::random_token();
            hit.headers_mut().append(
                header::SET_COOKIE,
                cookie(&state.config, CSRF_COOKIE, &token, 365 * 24 * 3600),
            );
        }
        return hit;
    }
    let response = next.run(req).await;
    keep(cache, key, visitor_csrf, response).await
}

async fn keep(
    cache: &PageCache,
    key: Key,
    visitor_csrf: Option<String>,
    response: Response,
) -> Response {
    let (mut parts, body) = response.into_parts();
    let size = body.size_hint().exact();
    let no_store = parts
        .headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.contains("no-store")));
    let csrf_prefix = format!("{CSRF_COOKIE}=");
    // The CSRF cookie a first visit gets is the only cookie a page may set.
    let mut new_csrf = None;
    let mut other_cookie = false;
    for v in parts.headers.get_all(header::SET_COOKIE) {
        match v.to_str().ok().and_then(|v| v.strip_prefix(&csrf_prefix)) {
            Some(rest) => new_csrf = rest.split(';').next().map(str::to_string),
            None => other_cookie = true,
        }
    }
    let fits = size.is_some_and(|n| n as usize <= MAX_ENTRY_BYTES);
    if parts.status != StatusCode::OK || no_store || other_cookie || !fits {
        cache.forget(&key);
        return Response::from_parts(parts, body);
    }
    let bytes = match axum::body::to_bytes(body, MAX_ENTRY_BYTES).await {
        Ok(b) => b,
        Err(e) => {
            cache.forget(&key);
            tracing::warn!(error = %e, "reading a response to cache it");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let token = new_csrf.or(visitor_csrf);
    let personal =
        token.is_some_and(|t| !t.is_empty() && bytes.windows(t.len()).any(|w| w == t.as_bytes()));
    if personal {
        cache.forget(&key);
    } else {
        let mut headers = parts.headers.clone();
        headers.remove(header::SET_COOKIE);
        cache.put(key, headers, bytes.clone());
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}
