//! The search index of this process: tantivy, in a directory of its own,
//! fed from the `search_changes` log in the database. Every process keeps
//! its own index and follows the log, so a change written through one
//! process is found through every other as soon as it next looks (each
//! search first catches up, and a background task does every two seconds).
//!
//! The log's ids come from the database; under PostgreSQL a transaction can
//! commit after a later one, so an id missing from what we have read may
//! still appear: such gaps are kept and asked for again for two minutes.

use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TantivyDocument,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::{DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader, Term};

use super::Kind;
use super::analyzer::{self, terms};
use super::query::Parsed;
use super::snippet::Highlighter;
use super::sources::{self, SearchDoc};
use crate::db::{self, Db};

/// Bumped when the schema or what sources write changes: the index is rebuilt.
const VERSION: u32 = 2;
const BATCH: i64 = 1000;
const GAP_PATIENCE_SECS: i64 = 120;
const WRITER_MEMORY: usize = 15_000_000;
pub const PER_PAGE: usize = 20;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Db(#[from] sqlx::Error),
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index: {0}")]
    Task(String),
}

impl From<tantivy::directory::error::OpenDirectoryError> for SearchError {
    fn from(e: tantivy::directory::error::OpenDirectoryError) -> Self {
        SearchError::Task(e.to_string())
    }
}

/// Where the index has got to in the log: stored with each commit.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Progress {
    version: u32,
    max_seen: i64,
    /// Ids below max_seen not seen yet, with when they were first missed.
    gaps: Vec<(i64, i64)>,
}

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    kind: Field,
    id: Field,
    agreement: Field,
    title: Field,
    body: Field,
    exact: Field,
    path: Field,
    date: Field,
    sort_date: Field,
    year: Field,
    audience: Field,
    public_from: Field,
    context: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer::STEMMED)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
        .set_stored();
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer::EXACT)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_u64_field("kind", INDEXED | FAST | STORED),
        id: b.add_u64_field("id", FAST | STORED),
        agreement: b.add_u64_field("agreement", INDEXED),
        title: b.add_text_field("title", stemmed.clone()),
        body: b.add_text_field("body", stemmed),
        exact: b.add_text_field("exact", exact),
        path: b.add_text_field("path", STORED),
        date: b.add_text_field("date", STORED),
        sort_date: b.add_i64_field("sort_date", FAST),
        year: b.add_u64_field("year", INDEXED | FAST),
        audience: b.add_text_field("audience", STRING),
        public_from: b.add_i64_field("public_from", INDEXED | FAST),
        context: b.add_text_field("context", STORED),
    };
    (b.build(), fields)
}

fn kind_number(kind: Kind) -> u64 {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u64
}

fn kind_of_number(n: u64) -> Option<Kind> {
    Kind::ALL.get(usize::try_from(n).ok()?).copied()
}

fn key(kind: Kind, id: i64) -> String {
    format!("{}:{id}", kind.as_str())
}

/// The search index, opened at first use.
pub struct Search {
    dir: PathBuf,
    engine: tokio::sync::OnceCell<Arc<Engine>>,
}

pub struct Engine {
    reader: IndexReader,
    f: Fields,
    writer: Arc<tokio::sync::Mutex<Writer>>,
}

struct Writer {
    writer: IndexWriter,
    progress: Progress,
}

impl Search {
    pub fn new(dir: PathBuf) -> Search {
        Search {
            dir,
            engine: tokio::sync::OnceCell::new(),
        }
    }

    /// The index, opened (and built, the first time) when first asked for.
    pub async fn engine(&self, db: &Db) -> Result<&Arc<Engine>, SearchError> {
        self.engine
            .get_or_try_init(|| async {
                let engine = Arc::new(Engine::open(&self.dir)?);
                engine.start(db).await?;
                Ok(engine)
            })
            .await
    }
}

impl Engine {
    fn open(dir: &Path) -> Result<Engine, SearchError> {
        let (schema, f) = schema();
        let index = match open_or_create(dir, &schema) {
            Ok(index) => index,
            Err(e) => {
                // Another process holds this directory (or it is unusable):
                // build an index in memory instead; a deployment with several
                // processes on one machine gives each its own search_dir.
                tracing::warn!(error = %e, dir = %dir.display(), "search index kept in memory");
                Index::create_in_ram(schema.clone())
            }
        };
        analyzer::register(&index);
        let writer = match index.writer_with_num_threads(1, WRITER_MEMORY) {
            Ok(w) => (index.clone(), w),
            Err(e) => {
                tracing::warn!(error = %e, dir = %dir.display(), "search index in use by another process; kept in memory");
                let ram = Index::create_in_ram(schema.clone());
                analyzer::register(&ram);
                let w = ram.writer_with_num_threads(1, WRITER_MEMORY)?;
                (ram, w)
            }
        };
        let (index, writer) = writer;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let progress: Option<Progress> = index
            .load_metas()?
            .payload
            .and_then(|p| serde_json::from_str(&p).ok())
            .filter(|p: &Progress| p.version == VERSION);
        Ok(Engine {
            reader,
            f,
            writer: Arc::new(tokio::sync::Mutex::new(Writer {
                writer,
                progress: progress.unwrap_or_default(),
            })),
        })
    }

    /// Rebuilds when the index is new or cannot be trusted, else catches up.
    async fn start(&self, db: &Db) -> Result<(), SearchError> {
        let (max, min): (Option<i64>, Option<i64>) =
            sqlx::query_as("SELECT MAX(id), MIN(id) FROM search_changes")
                .fetch_one(&db.pool)
                .await?;
        let progress = self.writer.lock().await.progress.clone();
        let fresh = progress.version != VERSION;
        // The log was reset (a restored database) or pruned past what we saw.
        let behind =
            max.unwrap_or(0) < progress.max_seen || min.is_some_and(|m| m > progress.max_seen + 1);
        if fresh || behind {
            self.rebuild(db).await?;
        } else {
            self.catch_up(db).await?;
        }
        Ok(())
    }

    /// Reads everything searchable again. Changes logged meanwhile are
    /// applied afterwards by catching up, as the rebuild starts from the
    /// log's end as it was before reading.
    pub async fn rebuild(&self, db: &Db) -> Result<usize, SearchError> {
        let started = std::time::Instant::now();
        let guard = self.writer.clone().lock_owned().await;
        let max: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM search_changes")
            .fetch_one(&db.pool)
            .await?;
        // Ids just below the end may belong to transactions still open.
        let recent: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM search_changes WHERE id > $1 ORDER BY id")
                .bind(max - 200)
                .fetch_all(&db.pool)
                .await?;
        let now = jiff::Timestamp::now().as_second();
        let recent: BTreeSet<i64> = recent.into_iter().collect();
        let gaps = ((max - 200).max(0) + 1..=max)
            .filter(|id| !recent.contains(id))
            .map(|id| (id, now))
            .collect();
        let mut guard = blocking(guard, |w| {
            w.writer.delete_all_documents()?;
            Ok(w)
        })
        .await?;
        let mut count = 0;
        for kind in Kind::ALL {
            let mut after = 0;
            loop {
                let ids = sources::ids_after(db, kind, after, BATCH).await?;
                let Some(last) = ids.last() else { break };
                after = *last;
                let mut docs = Vec::with_capacity(ids.len());
                for id in ids {
                    if let Some(doc) = sources::load(db, kind, id).await? {
                        docs.push(doc);
                    }
                }
                count += docs.len();
                let f = self.f;
                guard = blocking(guard, move |w| {
                    for doc in &docs {
                        w.writer.add_document(to_document(&f, doc))?;
                    }
                    Ok(w)
                })
                .await?;
            }
        }
        guard.progress = Progress {
            version: VERSION,
            max_seen: max,
            gaps,
        };
        blocking(guard, commit).await?;
        self.reader.reload()?;
        tracing::info!(
            documents = count,
            ms = started.elapsed().as_millis() as u64,
            "search index rebuilt"
        );
        Ok(count)
    }

    /// Applies the changes logged since the last look. Returns how many
    /// objects were indexed again.
    pub async fn catch_up(&self, db: &Db) -> Result<usize, SearchError> {
        let mut guard = self.writer.clone().lock_owned().await;
        let mut total = 0;
        loop {
            let p = &guard.progress;
            let mut sql =
                String::from("SELECT id, kind, object_id FROM search_changes WHERE id > $1");
            for (i, _) in p.gaps.iter().enumerate() {
                sql.push_str(if i == 0 { " OR id IN (" } else { ", " });
                sql.push_str(&format!("${}", i + 2));
            }
            if !p.gaps.is_empty() {
                sql.push(')');
            }
            sql.push_str(&format!(" ORDER BY id LIMIT {BATCH}"));
            let mut q = sqlx::query_as::<_, (i64, String, i64)>(&sql).bind(p.max_seen);
            for (id, _) in &p.gaps {
                q = q.bind(*id);
            }
            let rows = q.fetch_all(&db.pool).await?;
            let now = jiff::Timestamp::now().as_second();
            let expired = p
                .gaps
                .iter()
                .any(|(_, since)| now - since > GAP_PATIENCE_SECS);
            if rows.is_empty() && !expired {
                return Ok(total);
            }
            let mut progress = guard.progress.clone();
            let seen: BTreeSet<i64> = rows.iter().map(|r| r.0).collect();
            progress
                .gaps
                .retain(|(id, since)| !seen.contains(id) && now - since <= GAP_PATIENCE_SECS);
            let mut expected = progress.max_seen + 1;
            for id in seen.iter().filter(|id| **id > progress.max_seen) {
                progress
                    .gaps
                    .extend((expected..*id).map(|missing| (missing, now)));
                expected = id + 1;
            }
            progress.max_seen = progress.max_seen.max(expected - 1);
            let mut todo: BTreeSet<(u64, i64)> = BTreeSet::new();
            for (_, kind, object_id) in &rows {
                if let Some(kind) = Kind::parse(kind) {
                    todo.insert((kind_number(kind), *object_id));
                    for (k, i) in sources::dependents(db, kind, *object_id).await? {
                        todo.insert((kind_number(k), i));
                    }
                }
            }
            let mut changes = Vec::with_capacity(todo.len());
            for (k, id) in todo {
                let Some(kind) = kind_of_number(k) else {
                    continue;
                };
                changes.push((key(kind, id), sources::load(db, kind, id).await?));
            }
            total += changes.len();
            let full = rows.len() as i64 == BATCH;
            let f = self.f;
            guard.progress = progress;
            guard = blocking(guard, move |w| {
                for (key, doc) in &changes {
                    w.writer.delete_term(Term::from_field_text(f.key, key));
                    if let Some(doc) = doc {
                        w.writer.add_document(to_document(&f, doc))?;
                    }
                }
                commit(w)
            })
            .await?;
            self.reader.reload()?;
            if !full {
                return Ok(total);
            }
        }
    }

    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Runs a search. Blocking: call it from `spawn_blocking`.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let f = self.f;
        let mut stemmed = analyzer::stemmed();
        let mut exact = analyzer::exact();
        let parsed = &request.parsed;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut stems_seen = std::collections::HashSet::new();
        let mut words_seen = std::collections::HashSet::new();
        let mut fuzzy_seen = Vec::new();
        let words: Vec<String> = parsed
            .words
            .iter()
            .flat_map(|w| terms(&mut exact, w))
            .collect();
        let only_stop_words =
            parsed.phrases.is_empty() && words.iter().all(|w| terms(&mut stemmed, w).is_empty());
        for word in &words {
            let stem = terms(&mut stemmed, word).into_iter().next();
            let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            match &stem {
                Some(stem) => {
                    should.push(boosted(term(f.title, stem), 3.0));
                    should.push(term(f.body, stem));
                    stems_seen.insert(stem.clone());
                }
                // A stop word counts only when nothing else was asked.
                None if !only_stop_words => continue,
                None => {}
            }
            should.push(boosted(term(f.exact, word), 1.5));
            if word.chars().count() >= 4 {
                let fuzzy = FuzzyTermQuery::new(Term::from_field_text(f.exact, word), 1, true);
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(fuzzy), 0.5)),
                ));
                fuzzy_seen.push(word.clone());
            }
            words_seen.insert(word.clone());
            must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
        }
        for phrase in &parsed.phrases {
            let words = terms(&mut exact, phrase);
            let query: Box<dyn Query> = match words.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    Term::from_field_text(f.exact, &words[0]),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(
                    words
                        .iter()
                        .map(|w| Term::from_field_text(f.exact, w))
                        .collect(),
                )),
            };
            words_seen.extend(words);
            must.push((Occur::Must, query));
        }
        if must.is_empty() {
            return Ok(SearchResults::default());
        }
        for word in parsed.excluded.iter().flat_map(|w| terms(&mut exact, w)) {
            must.push((Occur::MustNot, term(f.exact, &word).1));
            if let Some(stem) = terms(&mut stemmed, &word).into_iter().next() {
                must.push((Occur::MustNot, term(f.title, &stem).1));
                must.push((Occur::MustNot, term(f.body, &stem).1));
            }
        }
        if let Some(agreement) = request.agreement {
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.agreement, agreement as u64),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(audience) = &request.audience {
            must.push((Occur::Must, visibility(&f, audience, request.now)));
        }
        let base = BooleanQuery::new(must.iter().map(|(o, q)| (*o, q.box_clone())).collect());
        let searcher = self.reader.searcher();
        let facets = searcher.search(&base, &FacetCounts)?;
        if let Some(kind) = request.kind {
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.kind, kind_number(kind)),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(year) = request.year {
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.year, year),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let filtered = BooleanQuery::new(must);
        // Relevance first (rounded, so that near-equal scores count as
        // equal), then the newer, then the id: the same order on every
        // backend and every run.
        let top = TopDocs::with_limit(PER_PAGE)
            .and_offset(request.page.saturating_sub(1) * PER_PAGE)
            .tweak_score(move |segment: &SegmentReader| {
                let dates = segment
                    .fast_fields()
                    .i64("sort_date")
                    .map(|c| c.first_or_default_col(0));
                let ids = segment
                    .fast_fields()
                    .u64("id")
                    .map(|c| c.first_or_default_col(0));
                move |doc: DocId, score: Score| {
                    let date = dates.as_ref().map(|c| c.get_val(doc)).unwrap_or(0);
                    let id = ids.as_ref().map(|c| c.get_val(doc)).unwrap_or(0);
                    ((score * 1000.0).round() as i64, date, u64::MAX - id)
                }
            });
        let (top, total) = searcher.search(&filtered, &(top, Count))?;
        let mut highlighter = Highlighter::new(stems_seen, words_seen, fuzzy_seen);
        let mut hits = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let Some(kind) = doc
                .get_first(f.kind)
                .and_then(|v| v.as_u64())
                .and_then(kind_of_number)
            else {
                continue;
            };
            hits.push(Hit {
                kind,
                id: doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0) as i64,
                title_html: highlighter.mark_all(&text(f.title)),
                snippet_html: highlighter.snippet(&text(f.body)),
                path: text(f.path),
                date: text(f.date),
                context: text(f.context),
            });
        }
        let mut kinds: Vec<(Kind, u64)> = Kind::ALL
            .iter()
            .map(|k| (*k, facets.kinds[kind_number(*k) as usize]))
            .filter(|(_, n)| *n > 0)
            .collect();
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then(kind_number(a.0).cmp(&kind_number(b.0))));
        Ok(SearchResults {
            total,
            hits,
            kinds,
            years: facets.years.into_iter().rev().collect(),
        })
    }
}

/// Public things (from their publication time), or those the viewer's
/// roles reach.
fn visibility(f: &Fields, audience: &[String], now: i64) -> Box<dyn Query> {
    let public_now: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
        (Occur::Must, term(f.audience, sources::PUBLIC).1),
        (
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_i64(f.public_from, now)),
            )),
        ),
    ]));
    let mut should = vec![(Occur::Should, public_now)];
    for token in audience.iter().filter(|t| *t != sources::PUBLIC) {
        should.push((Occur::Should, term(f.audience, token).1));
    }
    Box::new(BooleanQuery::new(should))
}

fn term(field: Field, text: &str) -> (Occur, Box<dyn Query>) {
    (
        Occur::Should,
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        )),
    )
}

fn boosted(q: (Occur, Box<dyn Query>), by: Score) -> (Occur, Box<dyn Query>) {
    (q.0, Box::new(BoostQuery::new(q.1, by)))
}

fn to_document(f: &Fields, d: &SearchDoc) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.key, key(d.kind, d.id));
    doc.add_u64(f.kind, kind_number(d.kind));
    doc.add_u64(f.id, d.id as u64);
    for a in &d.agreements {
        doc.add_u64(f.agreement, *a as u64);
    }
    doc.add_text(f.title, &d.title);
    doc.add_text(f.body, &d.body);
    doc.add_text(f.exact, &d.title);
    doc.add_text(f.exact, &d.body);
    doc.add_text(f.path, &d.path);
    doc.add_text(f.date, &d.date);
    doc.add_text(f.context, &d.context);
    let digits: String = d.date.chars().filter(|c| c.is_ascii_digit()).collect();
    doc.add_i64(f.sort_date, digits.parse().unwrap_or(0));
    doc.add_u64(
        f.year,
        d.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0),
    );
    for a in &d.audience {
        doc.add_text(f.audience, a);
    }
    doc.add_i64(f.public_from, d.public_from);
    doc
}

fn open_or_create(dir: &Path, schema: &Schema) -> Result<Index, SearchError> {
    std::fs::create_dir_all(dir)?;
    if let Ok(existing) = Index::open_in_dir(dir) {
        if existing.schema() == *schema {
            return Ok(existing);
        }
        drop(existing);
        tracing::info!(dir = %dir.display(), "search index schema changed; rebuilding");
    }
    std::fs::remove_dir_all(dir)?;
    std::fs::create_dir_all(dir)?;
    Ok(Index::create(
        MmapDirectory::open(dir)?,
        schema.clone(),
        tantivy::IndexSettings::default(),
    )?)
}

fn commit(
    mut w: tokio::sync::OwnedMutexGuard<Writer>,
) -> Result<tokio::sync::OwnedMutexGuard<Writer>, SearchError> {
    let payload =
        serde_json::to_string(&w.progress).map_err(|e| SearchError::Task(e.to_string()))?;
    let mut prepared = w.writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(w)
}

/// Runs index work, which blocks, off the async threads.
async fn blocking<F>(
    guard: tokio::sync::OwnedMutexGuard<Writer>,
    work: F,
) -> Result<tokio::sync::OwnedMutexGuard<Writer>, SearchError>
where
    F: FnOnce(
            tokio::sync::OwnedMutexGuard<Writer>,
        ) -> Result<tokio::sync::OwnedMutexGuard<Writer>, SearchError>
        + Send
        + 'static,
{
    tokio::task::spawn_blocking(move || work(guard))
        .await
        .map_err(|e| SearchError::Task(e.to_string()))?
}

/// What to search for, where, and for whom.
pub struct SearchRequest {
    pub parsed: Parsed,
    pub agreement: Option<i64>,
    pub kind: Option<Kind>,
    pub year: Option<u64>,
    /// 1-based.
    pub page: usize,
    /// The viewer's audience tokens; None for an administrator, who sees all.
    pub audience: Option<Vec<String>>,
    /// Unix seconds, for scheduled publication.
    pub now: i64,
}

#[derive(Debug, Default)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Hits per kind and per year for the query before those filters.
    pub kinds: Vec<(Kind, u64)>,
    pub years: Vec<(u64, u64)>,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
    /// Escaped HTML with the matches in <mark>.
    pub title_html: String,
    pub snippet_html: String,
    pub path: String,
    pub date: String,
    pub context: String,
}

#[derive(Default)]
pub struct Facets {
    kinds: Vec<u64>,
    years: std::collections::BTreeMap<u64, u64>,
}

/// Counts hits per kind and year from the fast fields.
struct FacetCounts;

struct SegmentFacets {
    kind: Option<Arc<dyn tantivy::columnar::ColumnValues<u64>>>,
    year: Option<Arc<dyn tantivy::columnar::ColumnValues<u64>>>,
    facets: Facets,
}

impl Collector for FacetCounts {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        Ok(SegmentFacets {
            kind: segment
                .fast_fields()
                .u64("kind")
                .ok()
                .map(|c| c.first_or_default_col(0)),
            year: segment
                .fast_fields()
                .u64("year")
                .ok()
                .map(|c| c.first_or_default_col(0)),
            facets: Facets {
                kinds: vec![0; Kind::ALL.len()],
                years: Default::default(),
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        let mut all = Facets {
            kinds: vec![0; Kind::ALL.len()],
            years: Default::default(),
        };
        for f in fruits {
            for (i, n) in f.kinds.iter().enumerate() {
                all.kinds[i] += n;
            }
            for (y, n) in f.years {
                *all.years.entry(y).or_default() += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(kind) = &self.kind {
            let k = kind.get_val(doc) as usize;
            if let Some(n) = self.facets.kinds.get_mut(k) {
                *n += 1;
            }
        }
        if let Some(year) = &self.year {
            let y = year.get_val(doc);
            if y > 0 {
                *self.facets.years.entry(y).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> Facets {
        self.facets
    }
}

/// Keeps the log short: rows older than a week go, except the newest (ids
/// must not restart). A process that was away longer rebuilds.
pub async fn prune(db: &Db) -> Result<u64, sqlx::Error> {
    let cutoff = db::ago(std::time::Duration::from_secs(7 * 24 * 3600));
    Ok(sqlx::query(
        "DELETE FROM search_changes WHERE at < $1
           AND id < (SELECT MAX(id) FROM search_changes)",
    )
    .bind(cutoff)
    .execute(&db.pool)
    .await?
    .rows_affected())
}
