//! `overens seed-bench`: a deterministic synthetic data set for the
//! benchmarks in `bench/`, at a chosen scale up to every Swedish agreement
//! on one instance. Names look Swedish and are made up; the same scale gives
//! the same rows on every run (the random generator has a fixed seed).
//!
//! Rows are written many to a statement, with their ids given, into an
//! empty database: this is a loader, not the application's own write path.

use std::collections::HashMap;
use std::time::Instant;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde::Serialize;

use crate::accounts::{password, token};
use crate::db::{self, Backend, Db};
use crate::organisations::municipalities::{MUNICIPALITIES, REGIONS, municipalities_in};
use crate::organisations::org_number::luhn_check_digit;
use crate::organisations::slugify;
use crate::web::AppState;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// Six agreements, 2,500 organisations: seconds, for a quick look.
    Small,
    /// Thirty agreements, 25,000 organisations.
    Medium,
    /// Every Swedish agreement: 300 agreements, 250,000 organisations,
    /// 100,000 meetings, 1,000,000 registrations.
    National,
}

#[derive(Debug, Clone, Copy)]
struct Sizes {
    agreements: usize,
    organisations: usize,
    meetings: usize,
    registrations: usize,
    documents: usize,
    news: usize,
}

impl Scale {
    pub fn name(self) -> &'static str {
        match self {
            Scale::Small => "small",
            Scale::Medium => "medium",
            Scale::National => "national",
        }
    }

    fn sizes(self) -> Sizes {
        let f = match self {
            Scale::Small => 1,
            Scale::Medium => 10,
            Scale::National => 100,
        };
        Sizes {
            agreements: match self {
                Scale::Small => 6,
                Scale::Medium => 30,
                Scale::National => 300,
            },
            organisations: 2_500 * f,
            meetings: 1_000 * f,
            registrations: 10_000 * f,
            documents: 1_000 * f,
            news: 500 * f,
        }
    }
}

/// What the benchmark points its load at, written next to the database.
#[derive(Debug, Serialize)]
pub struct Targets {
    pub scale: &'static str,
    pub agreement: String,
    pub organisation: String,
    pub meeting: i64,
    pub minutes_meeting: i64,
    pub plan: i64,
    pub register_filter: String,
    pub news_tag: String,
    pub search: Vec<String>,
    pub burst_meeting: i64,
    pub burst_capacity: i64,
    pub mixed_meeting: i64,
    pub token: String,
    pub editor_email: String,
    pub editor_password: String,
}

pub struct Report {
    pub targets: Targets,
    pub rows: Vec<(&'static str, u64)>,
    pub load_seconds: f64,
    pub index_seconds: f64,
    pub index_entries: usize,
}

/// A value of a row being loaded.
enum V {
    I(i64),
    T(String),
    F(f64),
    NullInt,
    NullFloat,
    NullText,
}

impl From<i64> for V {
    fn from(v: i64) -> V {
        V::I(v)
    }
}
impl From<usize> for V {
    fn from(v: usize) -> V {
        V::I(v as i64)
    }
}
impl From<f64> for V {
    fn from(v: f64) -> V {
        V::F(v)
    }
}
impl From<String> for V {
    fn from(v: String) -> V {
        V::T(v)
    }
}
impl From<&str> for V {
    fn from(v: &str) -> V {
        V::T(v.to_string())
    }
}
// Typed nulls: PostgreSQL refuses a null bound as a number for a text column.
impl From<Option<i64>> for V {
    fn from(v: Option<i64>) -> V {
        v.map_or(V::NullInt, V::I)
    }
}
impl From<Option<f64>> for V {
    fn from(v: Option<f64>) -> V {
        v.map_or(V::NullFloat, V::F)
    }
}
impl From<Option<String>> for V {
    fn from(v: Option<String>) -> V {
        v.map_or(V::NullText, V::T)
    }
}
impl From<Option<&str>> for V {
    fn from(v: Option<&str>) -> V {
        v.map_or(V::NullText, |t| V::T(t.to_string()))
    }
}

macro_rules! row {
    ($($v:expr),* $(,)?) => { vec![$(V::from($v)),*] };
}

struct Buffer {
    table: &'static str,
    columns: &'static str,
    width: usize,
    values: Vec<V>,
    written: u64,
}

/// Buffers rows per table and writes them in multi-row INSERTs, parents
/// before children (tables are flushed in the order they were declared), in
/// transactions of a bounded size.
struct Loader {
    db: Db,
    tx: Option<sqlx::Transaction<'static, sqlx::Any>>,
    buffers: Vec<Buffer>,
    index: HashMap<&'static str, usize>,
    since_commit: u64,
}

/// Bind parameters per statement: far below both backends' limits, large
/// enough that the per-statement cost disappears.
const PARAMS_PER_STATEMENT: usize = 2_000;
const ROWS_PER_TRANSACTION: u64 = 100_000;

impl Loader {
    async fn new(db: &Db, tables: &[(&'static str, &'static str)]) -> Result<Loader, BoxError> {
        let buffers: Vec<Buffer> = tables
            .iter()
            .map(|(table, columns)| Buffer {
                table,
                columns,
                width: columns.split(',').count(),
                values: Vec::new(),
                written: 0,
            })
            .collect();
        let index = tables.iter().enumerate().map(|(i, t)| (t.0, i)).collect();
        let mut tx = db.pool.begin().await?;
        if db.backend == Backend::Sqlite {
            // Random-order inserts into the unique indexes need their pages at hand.
            sqlx::query("PRAGMA cache_size = -262144")
                .execute(&mut *tx)
                .await?;
        }
        Ok(Loader {
            db: db.clone(),
            tx: Some(tx),
            buffers,
            index,
            since_commit: 0,
        })
    }

    async fn add(&mut self, table: &'static str, row: Vec<V>) -> Result<(), BoxError> {
        let i = self.index[table];
        let b = &mut self.buffers[i];
        assert_eq!(row.len(), b.width, "a row of {table} with the wrong width");
        b.values.extend(row);
        if b.values.len() + b.width > PARAMS_PER_STATEMENT {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), BoxError> {
        let tx = self.tx.as_mut().expect("an open transaction");
        for b in &mut self.buffers {
            if b.values.is_empty() {
                continue;
            }
            let rows = b.values.len() / b.width;
            let mut sql = format!("INSERT INTO {} ({}) VALUES ", b.table, b.columns);
            let mut n = 0;
            for r in 0..rows {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                for c in 0..b.width {
                    n += 1;
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
                sql.push(')');
            }
            let mut q = sqlx::query(&sql);
            for v in b.values.drain(..) {
                q = match v {
                    V::I(i) => q.bind(i),
                    V::T(t) => q.bind(t),
                    V::F(f) => q.bind(f),
                    V::NullInt => q.bind(None::<i64>),
                    V::NullFloat => q.bind(None::<f64>),
                    V::NullText => q.bind(None::<String>),
                };
            }
            q.execute(&mut **tx).await?;
            b.written += rows as u64;
            self.since_commit += rows as u64;
        }
        if self.since_commit >= ROWS_PER_TRANSACTION {
            self.tx
                .take()
                .expect("an open transaction")
                .commit()
                .await?;
            self.tx = Some(self.db.pool.begin().await?);
            self.since_commit = 0;
        }
        Ok(())
    }

    async fn finish(mut self) -> Result<Vec<(&'static str, u64)>, BoxError> {
        self.flush().await?;
        self.tx
            .take()
            .expect("an open transaction")
            .commit()
            .await?;
        Ok(self.buffers.iter().map(|b| (b.table, b.written)).collect())
    }
}

const TABLES: &[(&str, &str)] = &[
    (
        "agreements",
        "id, slug, name, short_name, public_body, summary, adopted_on, adopted_by, signed_on, created_at, licence",
    ),
    (
        "users",
        "id, email, name, password_hash, email_verified_at, language, is_admin, created_at",
    ),
    ("roles", "user_id, agreement_id, role, granted_at"),
    (
        "api_tokens",
        "id, user_id, agreement_id, scope, name, token_hash, created_at",
    ),
    (
        "agreement_texts",
        "id, agreement_id, version, body, note, published_on",
    ),
    ("agreement_principles", "agreement_id, principle, wording"),
    ("agreement_areas", "id, agreement_id, position, name"),
    ("agreement_events", "id, agreement_id, happened_on, text"),
    (
        "organisations",
        "id, slug, name, name_key, org_number, legal_form, kind, level, website, description, created_at, updated_at",
    ),
    ("organisation_municipalities", "organisation_id, code"),
    ("umbrella_members", "umbrella_id, member_id"),
    (
        "contacts",
        "id, organisation_id, name, title, email, phone, published, consent_at, created_at",
    ),
    (
        "signatories",
        "id, agreement_id, organisation_id, joined_on, left_on, leave_reason, decision_ref, updated_at",
    ),
    (
        "bodies",
        "id, agreement_id, slug, name, kind, purpose, politician_seats, civil_society_seats, has_substitutes, position, created_at",
    ),
    (
        "people",
        "id, name, work_email, work_phone, publish_email, publish_phone, consent_at, created_at",
    ),
    (
        "memberships",
        "id, body_id, person_id, side, role, party, organisation_id, starts_on, created_at",
    ),
    (
        "meetings",
        "id, agreement_id, body_id, kind, is_open, title, description, starts_at, ends_at, venue_name, venue_address, venue_accessibility, format, online_url, link_visibility, organisers, registration_opens_at, registration_closes_at, capacity_in_person, capacity_online, per_organisation_limit, waitlist, registration_seq, created_at, updated_at",
    ),
    (
        "meeting_contacts",
        "id, meeting_id, name, role, email, phone, position",
    ),
    (
        "agenda_items",
        "id, meeting_id, position, title, presenter, starts_time, description",
    ),
    (
        "registrations",
        "id, meeting_id, name, email, organisation_id, organisation_name, mode, status, sensitive_erased_at, language, token_hash, created_at, updated_at, confirmed_at, cancelled_at",
    ),
    (
        "minutes",
        "id, meeting_id, kind, state, chair, secretary, present, adjusters, adjusted_on, published_at, version, created_at, updated_at",
    ),
    (
        "minutes_sections",
        "id, minutes_id, agreement_id, series, year, number, position, title, discussion, decision",
    ),
    (
        "decisions",
        "id, agreement_id, decided_on, body_id, meeting_id, section_id, section_label, text, created_at",
    ),
    (
        "action_plans",
        "id, agreement_id, title, summary, first_year, last_year, state, decision_id, drafted_by, closed_on, created_at, updated_at",
    ),
    ("plan_areas", "id, plan_id, position, title, description"),
    (
        "plan_parties",
        "id, plan_id, kind, organisation_id, name, email",
    ),
    (
        "measures",
        "id, plan_id, area_id, position, title, description, contact_name, contact_email, starts_on, ends_on, status, status_reason, progress, created_at, updated_at",
    ),
    ("measure_parties", "measure_id, party_id"),
    (
        "indicators",
        "id, measure_id, position, name, unit, baseline, baseline_year, target, target_year",
    ),
    (
        "documents",
        "id, agreement_id, kind, title, description, document_date, body_id, meeting_id, visibility, received_on, case_number, current_version, created_at, updated_at",
    ),
    (
        "document_versions",
        "id, document_id, number, file_name, content_type, size, sha256, storage_key, text, note, uploaded_at",
    ),
    (
        "news",
        "id, agreement_id, kind, title, lead, body, publish_at, meeting_id, created_at, updated_at",
    ),
    (
        "news_contacts",
        "id, news_id, name, role, phone, email, consent_at, position",
    ),
    ("news_tags", "news_id, tag"),
];

const FIRST_NAMES: &[&str] = &[
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Ingrid", "Linnea", "Elsa",
    "Maja", "Astrid", "Saga", "Nora", "Amira", "Fatima", "Leila", "Johan", "Lars", "Karl", "Erik",
    "Anders", "Per", "Nils", "Oskar", "Axel", "Hugo", "Elias", "Omar", "Ali", "Mehmet", "Juha",
    "Aino", "Sami", "Ebba", "Vera", "Tove", "Mats", "Göran",
];

/// Surnames are put together from parts, so that no list of real people is used.
const SURNAME_FIRST: &[&str] = &[
    "Ek", "Björk", "Lind", "Berg", "Ström", "Dal", "Sjö", "Ås", "Hag", "Löv", "Gran", "Al", "Rönn",
    "Sand", "Vik", "Mos", "Lund", "Fors", "Hed", "Ljung",
];
const SURNAME_LAST: &[&str] = &[
    "gren", "qvist", "holm", "berg", "lund", "ström", "dahl", "mark", "by", "vall", "stam", "åker",
];

const ORG_KINDS: &[(&str, &str, u32)] = &[
    // kind, legal form, weight
    ("association", "61", 40),
    ("sports_club", "61", 20),
    ("umbrella", "61", 5),
    ("study_association", "61", 4),
    ("folk_high_school", "72", 2),
    ("faith_community", "63", 8),
    ("social_enterprise", "51", 6),
    ("foundation", "72", 7),
    ("other", "61", 8),
];

const ORG_PATTERNS: &[(&str, &[&str])] = &[
    (
        "association",
        &[
            "Föreningen {w} i {p}",
            "{p}s {w}förening",
            "Intresseföreningen {w} {p}",
            "{w}föreningen {p}",
            "Hyresgästföreningen {p} {w}",
            "Pensionärsföreningen {w} i {p}",
        ],
    ),
    (
        "sports_club",
        &[
            "{p} {s}klubb",
            "IK {w} {p}",
            "{p} {s}förening",
            "{w} {s}klubb i {p}",
        ],
    ),
    (
        "umbrella",
        &[
            "Samarbetsrådet för föreningar i {p}",
            "{p}s föreningsråd",
            "Ideell arena {p}",
        ],
    ),
    (
        "study_association",
        &["Studieförbundet {w} {p}", "Folkbildning {w} {p}"],
    ),
    (
        "folk_high_school",
        &["{w} folkhögskola i {p}", "{p} folkhögskola"],
    ),
    (
        "faith_community",
        &[
            "{w}församlingen i {p}",
            "{p} {w}kyrka",
            "Muslimska föreningen {w} i {p}",
        ],
    ),
    (
        "social_enterprise",
        &["{w}kooperativet i {p}", "Arbetsintegrerande {w} {p}"],
    ),
    ("foundation", &["Stiftelsen {w} {p}", "{w}fonden i {p}"]),
    (
        "other",
        &["Nätverket {w} {p}", "{w}gruppen {p}", "Kulturhuset {w} {p}"],
    ),
];

const WORDS: &[&str] = &[
    "Gemenskap",
    "Framtid",
    "Solros",
    "Vänskap",
    "Ljusglimt",
    "Trygghet",
    "Möten",
    "Bryggan",
    "Kompassen",
    "Ankaret",
    "Källan",
    "Gnistan",
    "Nyckeln",
    "Hopp",
    "Samhörighet",
    "Delaktighet",
    "Grannskap",
    "Mångfald",
    "Folkhälsa",
    "Stödet",
    "Fyren",
    "Lyktan",
    "Vägen",
    "Väven",
];

const SPORTS: &[&str] = &[
    "Fotbolls",
    "Innebandy",
    "Friidrotts",
    "Simm",
    "Orienterings",
    "Brott",
    "Bordtennis",
    "Ridsport",
    "Skid",
    "Handbolls",
    "Gymnastik",
    "Boxnings",
];

const THEMES: &[&str] = &[
    "psykisk hälsa",
    "barn och unga",
    "integration",
    "folkhälsa",
    "civilsamhällets villkor",
    "idéburet offentligt partnerskap",
    "kultur och fritid",
    "ensamhet bland äldre",
    "landsbygdsutveckling",
    "upphandling och bidrag",
    "våld i nära relationer",
    "demokrati och delaktighet",
    "klimat och miljö",
    "digitalisering",
];

const VOCABULARY: &[&str] = &[
    "föreningar",
    "föreningen",
    "samverkan",
    "dialog",
    "överenskommelsen",
    "ideell",
    "sektor",
    "civilsamhället",
    "regionen",
    "kommunen",
    "handlingsplan",
    "uppföljning",
    "bidrag",
    "långsiktighet",
    "kvalitet",
    "öppenhet",
    "insyn",
    "självständighet",
    "oberoende",
    "mångfald",
    "ungdomar",
    "äldre",
    "barn",
    "familjer",
    "hälsa",
    "vården",
    "arbetet",
    "verksamheten",
    "idrott",
    "kultur",
    "folkbildning",
    "studiecirklar",
    "volontärer",
    "frivilliga",
    "medlemmar",
    "styrelsen",
    "årsmötet",
    "partnerskap",
    "finansiering",
    "projektet",
    "utvärdering",
    "rapporten",
    "beslut",
    "protokoll",
    "gemensamt",
    "tillsammans",
    "utveckla",
    "stärka",
    "bidra",
    "delta",
    "genomföra",
    "planera",
    "följa",
    "mötesplatser",
    "landsbygden",
    "staden",
    "integration",
    "inkludering",
    "jämlikhet",
    "tillgänglighet",
];

const TAGS: &[&str] = &[
    "dialog",
    "idrott",
    "kultur",
    "folkhälsa",
    "integration",
    "barn-och-unga",
    "handlingsplan",
    "konferens",
    "iop",
    "bidrag",
    "demokrati",
    "äldre",
];

struct Gen {
    rng: StdRng,
}

impl Gen {
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.rng.gen_range(0..list.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p)
    }

    fn person(&mut self) -> String {
        format!(
            "{} {}{}",
            self.pick(FIRST_NAMES),
            self.pick(SURNAME_FIRST),
            self.pick(SURNAME_LAST)
        )
    }

    /// Words from the vocabulary as sentences, `n` words long.
    fn prose(&mut self, n: usize) -> String {
        let mut out = String::with_capacity(n * 10);
        let mut sentence = 0;
        for i in 0..n {
            let w = self.pick(VOCABULARY);
            if sentence == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push_str(w);
            }
            sentence += 1;
            if i + 1 == n || sentence > 6 && self.chance(0.25) {
                out.push_str(". ");
                sentence = 0;
            } else {
                out.push(' ');
            }
        }
        out.trim_end().to_string()
    }

    fn date(&mut self, from_year: i16, to_year: i16) -> jiff::civil::Date {
        let y = self.rng.gen_range(from_year..=to_year);
        let m = self.rng.gen_range(1..=12);
        let d = self.rng.gen_range(1..=28);
        jiff::civil::date(y, m, d)
    }
}

/// An agreement's public body: the 21 regions first, then municipalities.
fn public_body(i: usize) -> (String, String, Vec<&'static str>) {
    if let Some(r) = REGIONS.get(i) {
        // "Stockholms län" is Region Stockholm.
        let county = r.name.trim_end_matches(" län");
        let name = county.strip_suffix('s').unwrap_or(county).to_string();
        let codes = municipalities_in(r.code).map(|m| m.code).collect();
        (format!("Region {name}"), name, codes)
    } else {
        let m = &MUNICIPALITIES[(i - REGIONS.len()) % MUNICIPALITIES.len()];
        (
            format!("{} kommun", m.name),
            m.name.to_string(),
            vec![m.code],
        )
    }
}

fn org_number(i: usize) -> String {
    let nine = format!("{:09}", 802_000_000 + i);
    let digits: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
    let check = luhn_check_digit(&digits);
    format!("{}-{}{check}", &nine[..6], &nine[6..])
}

fn stored(d: jiff::civil::Date, h: i8, m: i8) -> String {
    crate::meetings::time::to_stored(d, jiff::civil::Time::constant(h, m, 0, 0))
        .expect("a valid Stockholm time")
}

/// Shares of each total per agreement: the first (the one the benchmark
/// loads) is five times the others, like a large region beside municipalities.
fn shares(total: usize, agreements: usize) -> Vec<usize> {
    let weight = |i: usize| if i == 0 { 5 } else { 1 };
    let sum: usize = (0..agreements).map(weight).sum();
    let mut out: Vec<usize> = (0..agreements).map(|i| total * weight(i) / sum).collect();
    out[0] += total - out.iter().sum::<usize>();
    out
}

/// Fills an empty database and builds the search index.
pub async fn seed(state: &AppState, scale: Scale) -> Result<Report, BoxError> {
    let db = &state.db;
    let organisations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(&db.pool)
        .await?;
    if !crate::demo::is_empty(db).await? || organisations > 0 {
        return Err("seed-bench fills an empty database; this one has data".into());
    }
    let started = Instant::now();
    let sizes = scale.sizes();
    let mut g = Gen {
        rng: StdRng::seed_from_u64(0x00e5_e2e5),
    };
    let mut l = Loader::new(db, TABLES).await?;
    let now = db::now();
    let today = jiff::Zoned::now().date();
    let this_year = today.year();

    // One sample PDF that every document version points at: the benchmark
    // serves pages, not files, and 100,000 copies would only fill the disk.
    let sample = crate::documents::demo::sample_pdf();
    let sample_sha: String = {
        use sha2::{Digest, Sha256};
        Sha256::digest(&sample)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let sample_size = sample.len() as i64;
    state
        .files
        .put("bench/sample.pdf", sample.into())
        .await
        .map_err(|e| format!("storing the sample file: {e}"))?;

    // Agreements, their content and two bodies each.
    let mut slugs = Vec::new();
    let mut areas_of: Vec<Vec<&'static str>> = Vec::new();
    let (mut area_id, mut event_id, mut body_id, mut person_id, mut membership_id) =
        (0i64, 0i64, 0i64, 0i64, 0i64);
    let mut bodies_of: Vec<[i64; 2]> = Vec::new();
    for a in 0..sizes.agreements {
        let id = a as i64 + 1;
        let (body, place, codes) = public_body(a);
        let slug = slugify(&place);
        let slug = if slugs.contains(&slug) {
            format!("{slug}-{id}")
        } else {
            slug
        };
        slugs.push(slug.clone());
        areas_of.push(codes);
        let adopted = g.date(2010, 2022);
        l.add(
            "agreements",
            row![
                id,
                slug.as_str(),
                format!("Överenskommelsen mellan {body} och den idéburna sektorn"),
                format!("ÖK {place}"),
                body.as_str(),
                format!(
                    "{body} och de idéburna organisationer som undertecknat överenskommelsen samverkar \
                     enligt sex principer: dialog, kvalitet, långsiktighet, öppenhet och insyn, \
                     självständighet och oberoende samt mångfald."
                ),
                adopted.to_string(),
                if a < REGIONS.len() { "Regionfullmäktige" } else { "Kommunfullmäktige" },
                adopted.to_string(),
                now.as_str(),
                if a % 3 == 0 { "CC-BY-4.0" } else { "CC0-1.0" },
            ],
        )
        .await?;
        l.add(
            "agreement_texts",
            row![
                id,
                id,
                1i64,
                g.prose(600),
                "Antagen version",
                adopted.to_string()
            ],
        )
        .await?;
        for p in crate::agreements::content::PRINCIPLES {
            l.add("agreement_principles", row![id, p, g.prose(40)])
                .await?;
        }
        for (pos, theme) in THEMES.iter().take(4).enumerate() {
            area_id += 1;
            l.add(
                "agreement_areas",
                row![area_id, id, pos as i64 + 1, capitalised(theme)],
            )
            .await?;
        }
        for text in [
            "Överenskommelsen antogs",
            "Första handlingsplanen beslutades",
        ] {
            event_id += 1;
            l.add(
                "agreement_events",
                row![event_id, id, g.date(2012, 2024).to_string(), text],
            )
            .await?;
        }
        let mut pair = [0; 2];
        for (k, (slug, name, kind, pol, civ)) in [
            (
                "overenskommelsegruppen",
                "Överenskommelsegruppen",
                "agreement_group",
                4,
                8,
            ),
            ("styrgruppen", "Styrgruppen", "steering_group", 3, 3),
        ]
        .into_iter()
        .enumerate()
        {
            body_id += 1;
            pair[k] = body_id;
            l.add(
                "bodies",
                row![
                    body_id,
                    id,
                    slug,
                    name,
                    kind,
                    g.prose(25),
                    pol as i64,
                    civ as i64,
                    1i64,
                    k as i64,
                    now.as_str()
                ],
            )
            .await?;
            for seat in 0..(pol + civ) {
                person_id += 1;
                membership_id += 1;
                let name = g.person();
                let email = format!("{}@{}.example", slugify(&name).replace('-', "."), slug);
                l.add(
                    "people",
                    row![
                        person_id,
                        name,
                        email,
                        format!("+4631{:07}", person_id),
                        i64::from(seat % 2 == 0),
                        0i64,
                        Some(now.as_str()),
                        now.as_str()
                    ],
                )
                .await?;
                let politician = seat < pol;
                l.add(
                    "memberships",
                    row![
                        membership_id,
                        body_id,
                        person_id,
                        if politician {
                            "politician"
                        } else {
                            "civil_society"
                        },
                        if seat == 0 { "chair" } else { "member" },
                        if politician { "Partiet" } else { "" },
                        None::<i64>,
                        format!("{}-01-01", this_year - 1),
                        now.as_str()
                    ],
                )
                .await?;
            }
        }
        bodies_of.push(pair);
    }

    // People with accounts: an administrator and the first agreement's editor.
    let editor_password = token::random_hex(8);
    let editor_email = "redaktor@bench.example".to_string();
    let hash = password::hash(editor_password.clone(), state.config.password_cost).await?;
    l.add(
        "users",
        row![
            1i64,
            "admin@bench.example",
            "Administratör (bench)",
            hash.as_str(),
            now.as_str(),
            "sv",
            1i64,
            now.as_str()
        ],
    )
    .await?;
    l.add(
        "users",
        row![
            2i64,
            editor_email.as_str(),
            "Redaktör (bench)",
            hash.as_str(),
            now.as_str(),
            "sv",
            0i64,
            now.as_str()
        ],
    )
    .await?;
    l.add("roles", row![2i64, 1i64, "editor", now.as_str()])
        .await?;
    let secret = crate::api::auth::new_secret();
    l.add(
        "api_tokens",
        row![
            1i64,
            2i64,
            1i64,
            "editor",
            "bench",
            token::hash(&secret),
            now.as_str()
        ],
    )
    .await?;

    // Organisations: each has a home agreement; some sign a second one.
    let org_shares = shares(sizes.organisations, sizes.agreements);
    let mut orgs_of: Vec<Vec<i64>> = vec![Vec::new(); sizes.agreements];
    let mut first_org_slug = String::new();
    let mut org_id = 0i64;
    let mut signatory_id = 0i64;
    let kind_weights: Vec<u32> = ORG_KINDS.iter().map(|k| k.2).collect();
    let kinds = rand::distributions::WeightedIndex::new(&kind_weights)?;
    for (a, &count) in org_shares.iter().enumerate() {
        for _ in 0..count {
            org_id += 1;
            let (kind, legal_form, _) = ORG_KINDS[g.rng.sample(&kinds)];
            let code = *areas_of[a].choose(&mut g.rng).expect("a municipality");
            let place = crate::organisations::municipalities::municipality(code)
                .map_or("Orten", |m| m.name);
            let patterns = ORG_PATTERNS
                .iter()
                .find(|p| p.0 == kind)
                .map_or(ORG_PATTERNS[0].1, |p| p.1);
            let name = g
                .pick(patterns)
                .replace("{w}", g.pick(WORDS))
                .replace("{p}", place)
                .replace("{s}", g.pick(SPORTS));
            let slug = format!("{}-{org_id}", slugify(&name));
            if org_id == 1 {
                first_org_slug = slug.clone();
            }
            let level = match g.rng.gen_range(0..20) {
                0 => "national",
                1..=5 => "regional",
                _ => "local",
            };
            l.add(
                "organisations",
                row![
                    org_id,
                    slug.as_str(),
                    name.as_str(),
                    name.to_lowercase(),
                    org_number(org_id as usize),
                    legal_form,
                    kind,
                    level,
                    format!("https://{slug}.example"),
                    g.prose(30),
                    now.as_str(),
                    now.as_str()
                ],
            )
            .await?;
            l.add("organisation_municipalities", row![org_id, code])
                .await?;
            if g.chance(0.1) {
                let other = *areas_of[a].choose(&mut g.rng).expect("a municipality");
                if other != code {
                    l.add("organisation_municipalities", row![org_id, other])
                        .await?;
                }
            }
            let contact = g.person();
            l.add(
                "contacts",
                row![
                    org_id,
                    org_id,
                    contact.as_str(),
                    "Ordförande",
                    format!("kontakt@{slug}.example"),
                    format!("+4610{:07}", org_id),
                    i64::from(g.chance(0.5)),
                    Some(now.as_str()),
                    now.as_str()
                ],
            )
            .await?;
            let mut sign = |agreement: usize, g: &mut Gen| {
                signatory_id += 1;
                let joined = g.date(2012, this_year - 1);
                let left = g.chance(0.08).then(|| {
                    joined
                        .checked_add(jiff::Span::new().days(g.rng.gen_range(200..2000)))
                        .unwrap_or(joined)
                        .min(today)
                });
                let updated = format!("{}T00:00:00.000000Z", left.unwrap_or(joined));
                orgs_of[agreement].push(org_id);
                row![
                    signatory_id,
                    agreement as i64 + 1,
                    org_id,
                    joined.to_string(),
                    left.map(|d| d.to_string()),
                    if left.is_some() {
                        "Föreningen har upplösts"
                    } else {
                        ""
                    },
                    format!("§ {}", g.rng.gen_range(1..80)),
                    updated
                ]
            };
            let r = sign(a, &mut g);
            l.add("signatories", r).await?;
            if sizes.agreements > 1 && g.chance(0.15) {
                let other = (a + 1 + g.rng.gen_range(0..sizes.agreements - 1)) % sizes.agreements;
                let r = sign(other, &mut g);
                l.add("signatories", r).await?;
            }
        }
    }
    // Umbrella organisations gather a few of their agreement's others.
    let mut linked = std::collections::HashSet::new();
    for orgs in &orgs_of {
        for pair in orgs.chunks(12) {
            if let Some((&umbrella, members)) = pair.split_first() {
                for &m in members.iter().take(4) {
                    if linked.insert((umbrella, m)) {
                        l.add("umbrella_members", row![umbrella, m]).await?;
                    }
                }
            }
        }
    }

    // Meetings, their agendas, registrations and minutes.
    let meeting_shares = shares(sizes.meetings, sizes.agreements);
    let registration_shares = shares(sizes.registrations, sizes.agreements);
    let (mut meeting_id, mut contact_id, mut item_id, mut registration_id) =
        (0i64, 0i64, 0i64, 0i64);
    let (mut minutes_id, mut section_id, mut decision_id) = (0i64, 0i64, 0i64);
    let mut numbers: HashMap<(usize, String, i16), i64> = HashMap::new();
    let mut meetings_of: Vec<Vec<(i64, Option<i64>)>> = vec![Vec::new(); sizes.agreements];
    let mut targets_meeting = 0;
    let mut targets_minutes_meeting = 0;
    let first_day = jiff::civil::date(2016, 1, 4);
    let last_day = jiff::civil::date(this_year + 1, 12, 20);
    let span_days = (last_day - first_day).get_days().max(1) as usize;
    for a in 0..sizes.agreements {
        let count = meeting_shares[a];
        let open_meetings = (0..count).filter(|i| i % 4 >= 2).count().max(1);
        let per_meeting = registration_shares[a] / open_meetings;
        let mut extra = registration_shares[a] % open_meetings;
        for i in 0..count {
            meeting_id += 1;
            let day = first_day
                .checked_add(jiff::Span::new().days((i * span_days / count.max(1)) as i64))
                .unwrap_or(first_day);
            let past = day < today;
            // Half are the bodies' meetings, half open events with registration.
            let (kind, body, is_open, title) = match i % 4 {
                0 => (
                    "body_meeting",
                    Some(bodies_of[a][0]),
                    1,
                    "Överenskommelsegruppens möte",
                ),
                1 => (
                    "body_meeting",
                    Some(bodies_of[a][1]),
                    0,
                    "Styrgruppens sammanträde",
                ),
                2 => ("dialogue", None, 1, "Dialogforum"),
                _ => ("conference", None, 1, "Dialogkonferens"),
            };
            let theme = g.pick(THEMES);
            let title = format!("{title}: {theme}");
            let registration = body.is_none();
            let capacity = registration.then(|| g.rng.gen_range(8..30) * 10i64);
            let regs = if registration {
                let n = per_meeting + usize::from(extra > 0);
                extra = extra.saturating_sub(1);
                n
            } else {
                0
            };
            let (h, len) = if g.chance(0.5) { (9, 3) } else { (13, 3) };
            let place = crate::organisations::municipalities::municipality(
                areas_of[a].first().copied().unwrap_or("1480"),
            )
            .map_or("Orten", |m| m.name);
            l.add(
                "meetings",
                row![
                    meeting_id,
                    a as i64 + 1,
                    body,
                    kind,
                    is_open as i64,
                    title.as_str(),
                    g.prose(60),
                    stored(day, h, 0),
                    stored(day, h + len, 0),
                    format!("{place}s föreningshus"),
                    format!("Storgatan {}, {place}", g.rng.gen_range(1..60)),
                    "Entré utan trappsteg, hörslinga och tillgänglig toalett.",
                    if g.chance(0.3) { "hybrid" } else { "in_person" },
                    "",
                    "everyone",
                    format!("{} och den idéburna sektorn", public_body(a).0),
                    registration.then(|| stored(
                        day.saturating_sub(jiff::Span::new().days(60)),
                        8,
                        0
                    )),
                    registration.then(|| stored(
                        day.saturating_sub(jiff::Span::new().days(3)),
                        23,
                        59
                    )),
                    capacity,
                    None::<i64>,
                    None::<i64>,
                    1i64,
                    regs as i64,
                    now.as_str(),
                    now.as_str()
                ],
            )
            .await?;
            meetings_of[a].push((meeting_id, body));
            contact_id += 1;
            let contact = g.person();
            l.add(
                "meeting_contacts",
                row![
                    contact_id,
                    meeting_id,
                    contact.as_str(),
                    "Processledare",
                    format!("processledare{a}@{}.example", slugs[a]),
                    "+46101234567",
                    0i64
                ],
            )
            .await?;
            for pos in 0..5 {
                item_id += 1;
                l.add(
                    "agenda_items",
                    row![
                        item_id,
                        meeting_id,
                        pos as i64 + 1,
                        capitalised(g.pick(THEMES)),
                        g.person(),
                        format!("{:02}:{:02}", h as usize + pos / 2, (pos % 2) * 30),
                        g.prose(20)
                    ],
                )
                .await?;
            }
            let orgs = &orgs_of[a];
            for r in 0..regs {
                registration_id += 1;
                let name = g.person();
                let org = orgs.get((r * 7 + i) % orgs.len().max(1)).copied();
                let cancelled = g.chance(0.04);
                let waitlisted = !cancelled && capacity.is_some_and(|c| r as i64 >= c);
                let status = if cancelled {
                    "cancelled"
                } else if waitlisted {
                    "waitlisted"
                } else {
                    "confirmed"
                };
                let at = stored(day.saturating_sub(jiff::Span::new().days(10)), 10, 0);
                l.add(
                    "registrations",
                    row![
                        registration_id,
                        meeting_id,
                        name.as_str(),
                        format!("deltagare{r}.m{meeting_id}@bench.example"),
                        org,
                        "",
                        "in_person",
                        status,
                        past.then_some(now.as_str()),
                        "sv",
                        token::hash(&format!("bench-{registration_id}")),
                        at.as_str(),
                        at.as_str(),
                        (status == "confirmed").then_some(at.as_str()),
                        cancelled.then_some(at.as_str())
                    ],
                )
                .await?;
            }
            // Past meetings of bodies and dialogues have published minutes.
            if past && i % 4 != 3 {
                minutes_id += 1;
                let protocol = body.is_some();
                l.add(
                    "minutes",
                    row![
                        minutes_id,
                        meeting_id,
                        if protocol { "protocol" } else { "notes" },
                        "published",
                        g.person(),
                        g.person(),
                        "Ledamöterna enligt närvarolistan",
                        if protocol { g.person() } else { String::new() },
                        protocol.then(|| day.saturating_add(jiff::Span::new().days(7)).to_string()),
                        Some(now.as_str()),
                        1i64,
                        now.as_str(),
                        now.as_str()
                    ],
                )
                .await?;
                if a == 0 && targets_minutes_meeting == 0 && day.year() >= this_year - 1 {
                    targets_minutes_meeting = meeting_id;
                }
                let series = body.map_or_else(|| "agreement".to_string(), |b| b.to_string());
                for pos in 0..4 {
                    section_id += 1;
                    let number = numbers
                        .entry((a, series.clone(), day.year()))
                        .and_modify(|n| *n += 1)
                        .or_insert(1);
                    let decision = if pos == 1 || pos == 2 && g.chance(0.5) {
                        format!("Mötet beslutade att {}.", g.prose(12).to_lowercase())
                    } else {
                        String::new()
                    };
                    l.add(
                        "minutes_sections",
                        row![
                            section_id,
                            minutes_id,
                            a as i64 + 1,
                            series.as_str(),
                            i64::from(day.year()),
                            *number,
                            pos as i64 + 1,
                            capitalised(g.pick(THEMES)),
                            g.prose(50),
                            decision.as_str()
                        ],
                    )
                    .await?;
                    if !decision.is_empty() {
                        decision_id += 1;
                        l.add(
                            "decisions",
                            row![
                                decision_id,
                                a as i64 + 1,
                                day.to_string(),
                                body,
                                meeting_id,
                                section_id,
                                format!("§ {number}"),
                                decision.as_str(),
                                now.as_str()
                            ],
                        )
                        .await?;
                    }
                }
            }
            if a == 0 && targets_meeting == 0 && !past && registration {
                targets_meeting = meeting_id;
            }
        }
    }

    // Two meetings of the first agreement for the write scenarios: a
    // 200-seat conference with a waitlist for the burst, and one without a
    // limit for the mixed load.
    let mut write_meetings = [0i64; 2];
    for (k, capacity) in [Some(200i64), None].into_iter().enumerate() {
        meeting_id += 1;
        write_meetings[k] = meeting_id;
        let day = today.saturating_add(jiff::Span::new().days(30 + k as i64));
        l.add(
            "meetings",
            row![
                meeting_id,
                1i64,
                None::<i64>,
                "conference",
                1i64,
                if k == 0 {
                    "Länskonferensen (benchmark: 200 platser)"
                } else {
                    "Öppet webbinarium (benchmark)"
                },
                g.prose(40),
                stored(day, 9, 0),
                stored(day, 16, 0),
                "Konferenscentrum",
                "Storgatan 1",
                "",
                "in_person",
                "",
                "everyone",
                "Benchmark",
                Some(db::ago(std::time::Duration::from_secs(86_400))),
                Some(stored(day, 8, 0)),
                capacity,
                None::<i64>,
                None::<i64>,
                1i64,
                0i64,
                now.as_str(),
                now.as_str()
            ],
        )
        .await?;
    }

    // Action plans: a closed one and the current one, per agreement.
    let (mut plan_id, mut parea_id, mut party_id, mut measure_id, mut indicator_id) =
        (0i64, 0i64, 0i64, 0i64, 0i64);
    let mut first_plan = 0;
    for a in 0..sizes.agreements {
        for (first, last, state) in [
            (this_year - 5, this_year - 3, "closed"),
            (this_year - 1, this_year + 1, "following_up"),
        ] {
            plan_id += 1;
            if a == 0 && state == "following_up" {
                first_plan = plan_id;
            }
            l.add(
                "action_plans",
                row![
                    plan_id,
                    a as i64 + 1,
                    format!("Handlingsplan {first}–{last}"),
                    g.prose(80),
                    i64::from(first),
                    i64::from(last),
                    state,
                    None::<i64>,
                    "Överenskommelsegruppen",
                    (state == "closed").then(|| format!("{last}-12-31")),
                    now.as_str(),
                    now.as_str()
                ],
            )
            .await?;
            let mut parties = Vec::new();
            for (k, unit) in [
                "Regionutveckling",
                "Kulturförvaltningen",
                "Folkhälsoenheten",
            ]
            .iter()
            .enumerate()
            {
                party_id += 1;
                parties.push(party_id);
                l.add(
                    "plan_parties",
                    row![
                        party_id,
                        plan_id,
                        "unit",
                        None::<i64>,
                        *unit,
                        format!("enhet{k}@{}.example", slugs[a])
                    ],
                )
                .await?;
            }
            for &org in orgs_of[a].iter().take(2) {
                party_id += 1;
                parties.push(party_id);
                l.add(
                    "plan_parties",
                    row![
                        party_id,
                        plan_id,
                        "organisation",
                        org,
                        format!("Organisation {org}"),
                        ""
                    ],
                )
                .await?;
            }
            for (area, theme) in THEMES.iter().take(4).enumerate() {
                parea_id += 1;
                l.add(
                    "plan_areas",
                    row![
                        parea_id,
                        plan_id,
                        area as i64 + 1,
                        capitalised(theme),
                        g.prose(30)
                    ],
                )
                .await?;
                for pos in 0..5 {
                    measure_id += 1;
                    let status = *["planned", "ongoing", "ongoing", "done"]
                        .choose(&mut g.rng)
                        .expect("a status");
                    l.add(
                        "measures",
                        row![
                            measure_id,
                            plan_id,
                            parea_id,
                            pos as i64 + 1,
                            capitalised(&g.prose(6)),
                            g.prose(60),
                            g.person(),
                            format!("atgard{measure_id}@{}.example", slugs[a]),
                            Some(format!("{first}-01-01")),
                            Some(format!("{last}-12-31")),
                            status,
                            "",
                            match status {
                                "done" => 100i64,
                                "ongoing" => g.rng.gen_range(10..90),
                                _ => 0,
                            },
                            now.as_str(),
                            now.as_str()
                        ],
                    )
                    .await?;
                    l.add(
                        "measure_parties",
                        row![measure_id, parties[pos % parties.len()]],
                    )
                    .await?;
                    indicator_id += 1;
                    l.add(
                        "indicators",
                        row![
                            indicator_id,
                            measure_id,
                            0i64,
                            "Antal deltagande organisationer",
                            "antal",
                            Some(f64::from(g.rng.gen_range(5..40))),
                            Some(i64::from(first)),
                            Some(f64::from(g.rng.gen_range(40..120))),
                            Some(i64::from(last))
                        ],
                    )
                    .await?;
                }
            }
        }
    }

    // Documents, one version each, with text for search.
    let document_shares = shares(sizes.documents, sizes.agreements);
    let mut document_id = 0i64;
    for (a, &count) in document_shares.iter().enumerate() {
        for _ in 0..count {
            document_id += 1;
            let kind = g.pick(&crate::documents::KINDS);
            let date = g.date(2016, this_year);
            let meeting = meetings_of[a].choose(&mut g.rng).filter(|_| g.chance(0.4));
            let visibility = match g.rng.gen_range(0..20) {
                0 => "editors",
                1 | 2 => "members",
                _ => "public",
            };
            let title = format!(
                "{} om {} {}",
                capitalised(kind),
                g.pick(THEMES),
                date.year()
            );
            l.add(
                "documents",
                row![
                    document_id,
                    a as i64 + 1,
                    kind,
                    title.as_str(),
                    g.prose(25),
                    date.to_string(),
                    meeting.and_then(|m| m.1),
                    meeting.map(|m| m.0),
                    visibility,
                    None::<String>,
                    format!("RS {}-{:05}", date.year(), document_id),
                    1i64,
                    now.as_str(),
                    now.as_str()
                ],
            )
            .await?;
            l.add(
                "document_versions",
                row![
                    document_id,
                    document_id,
                    1i64,
                    format!("{}.pdf", slugify(&title)),
                    "application/pdf",
                    sample_size,
                    sample_sha.as_str(),
                    "bench/sample.pdf",
                    g.prose(150),
                    "",
                    now.as_str()
                ],
            )
            .await?;
        }
    }

    // News and press releases; a few scheduled ahead.
    let news_shares = shares(sizes.news, sizes.agreements);
    let (mut news_id, mut news_contact_id) = (0i64, 0i64);
    for (a, &count) in news_shares.iter().enumerate() {
        for _ in 0..count {
            news_id += 1;
            let press = g.chance(0.2);
            let day = if g.chance(0.02) {
                today.saturating_add(jiff::Span::new().days(g.rng.gen_range(1..30)))
            } else {
                g.date(2016, this_year).min(today)
            };
            let mut tags: Vec<&str> = vec![g.pick(TAGS)];
            let second = g.pick(TAGS);
            if second != tags[0] && g.chance(0.5) {
                tags.push(second);
            }
            l.add(
                "news",
                row![
                    news_id,
                    a as i64 + 1,
                    if press { "press_release" } else { "news" },
                    format!("{} – nytt om {}", capitalised(&g.prose(4)), g.pick(THEMES)),
                    g.prose(25),
                    format!("{}\n\n{}\n\n{}", g.prose(60), g.prose(60), g.prose(40)),
                    Some(stored(day, 8, 0)),
                    None::<i64>,
                    now.as_str(),
                    now.as_str()
                ],
            )
            .await?;
            for tag in tags {
                l.add("news_tags", row![news_id, tag]).await?;
            }
            if press {
                news_contact_id += 1;
                l.add(
                    "news_contacts",
                    row![
                        news_contact_id,
                        news_id,
                        g.person(),
                        "Presskontakt",
                        "+46101234567",
                        format!("press@{}.example", slugs[a]),
                        now.as_str(),
                        0i64
                    ],
                )
                .await?;
            }
        }
    }

    let rows = l.finish().await?;
    if db.backend == Backend::Postgres {
        // Ids were given, so the identity sequences must be moved past them.
        for (table, columns) in TABLES {
            if columns.starts_with("id,") {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     (SELECT COALESCE(MAX(id), 1) FROM {table}))"
                ))
                .execute(&db.pool)
                .await?;
            }
        }
    }
    // Fresh statistics, as a running instance would have (PostgreSQL's
    // autovacuum, SQLite's `PRAGMA optimize`).
    sqlx::query("ANALYZE").execute(&db.pool).await?;
    let load_seconds = started.elapsed().as_secs_f64();

    let indexing = Instant::now();
    // A new index is built when first opened.
    let engine = state.search.engine(db).await?;
    let index_entries = engine.searcher().num_docs() as usize;
    let index_seconds = indexing.elapsed().as_secs_f64();

    let targets = Targets {
        scale: scale.name(),
        agreement: slugs[0].clone(),
        organisation: first_org_slug,
        meeting: targets_meeting,
        minutes_meeting: targets_minutes_meeting,
        plan: first_plan,
        register_filter: format!(
            "kind=sports_club&municipality={}",
            areas_of[0].first().copied().unwrap_or("1480")
        ),
        news_tag: "dialog".into(),
        search: vec![
            "föreningar".into(),
            "idrott".into(),
            "\"ideell sektor\"".into(),
            "folkhälsa barn".into(),
            "samverkn".into(),
            "handlingsplan uppföljning".into(),
        ],
        burst_meeting: write_meetings[0],
        burst_capacity: 200,
        mixed_meeting: write_meetings[1],
        token: secret,
        editor_email,
        editor_password,
    };
    Ok(Report {
        targets,
        rows,
        load_seconds,
        index_seconds,
        index_entries,
    })
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
