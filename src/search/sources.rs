//! What the index holds of each kind of thing: read from the database, one
//! object at a time, with who may see it. The index never decides
//! visibility itself; it stores the audience written here.

use crate::db::Db;

use super::Kind;

/// One searchable object as the index stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub kind: Kind,
    pub id: i64,
    /// The agreements it belongs to (an organisation may have signed several).
    pub agreements: Vec<i64>,
    pub title: String,
    pub body: String,
    pub path: String,
    /// 'YYYY-MM-DD' in Swedish time; '' when it has none.
    pub date: String,
    /// Who may see it: "public", "editors:{agreement}", "members:{agreement}"
    /// (any body member of the agreement), "body:{body}".
    pub audience: Vec<String>,
    /// For "public": not before this instant (Unix seconds); a scheduled article.
    pub public_from: i64,
    /// The agreement's short name, shown beside hits of a search across agreements.
    pub context: String,
}

pub const PUBLIC: &str = "public";

pub fn editors(agreement_id: i64) -> String {
    format!("editors:{agreement_id}")
}

pub fn members(agreement_id: i64) -> String {
    format!("members:{agreement_id}")
}

pub fn body_members(body_id: i64) -> String {
    format!("body:{body_id}")
}

/// Public, and also visible to editors (who see everything of their agreement).
fn public(agreement_id: i64) -> Vec<String> {
    vec![PUBLIC.to_string(), editors(agreement_id)]
}

fn date_of(stored: &str) -> String {
    if stored.len() == 10 {
        return stored.to_string();
    }
    crate::meetings::time::local(stored)
        .map(|z| z.date().to_string())
        .unwrap_or_else(|| stored.chars().take(10).collect())
}

fn unix(stored: &str) -> i64 {
    stored
        .parse::<jiff::Timestamp>()
        .map(|t| t.as_second())
        .unwrap_or(0)
}

/// The parts as plain text (most free text is Markdown), one per line.
fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| crate::web::markdown::to_text(p))
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The ids of one kind after `after`, in order, for a rebuild.
pub async fn ids_after(
    db: &Db,
    kind: Kind,
    after: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let table = match kind {
        Kind::Organisation => "organisations",
        Kind::Meeting => "meetings",
        Kind::Minutes => "minutes",
        Kind::Decision => "decisions",
        Kind::Document => "documents",
        Kind::News => "news",
        Kind::Plan => "action_plans",
        Kind::Measure => "measures",
        Kind::Proposal => "proposals",
        Kind::Partnership => "partnerships",
    };
    let sql = format!("SELECT id FROM {table} WHERE id > $1 ORDER BY id LIMIT $2");
    sqlx::query_scalar(&sql)
        .bind(after)
        .bind(limit)
        .fetch_all(&db.pool)
        .await
}

/// Other objects whose entry depends on this one: a plan's measures (a draft
/// plan hides them), the decisions in minutes (public once published).
pub async fn dependents(db: &Db, kind: Kind, id: i64) -> Result<Vec<(Kind, i64)>, sqlx::Error> {
    let (sql, dependent) = match kind {
        Kind::Plan => ("SELECT id FROM measures WHERE plan_id = $1", Kind::Measure),
        Kind::Minutes => (
            "SELECT d.id FROM decisions d JOIN minutes_sections s ON s.id = d.section_id
             WHERE s.minutes_id = $1",
            Kind::Decision,
        ),
        Kind::Meeting => (
            "SELECT id FROM minutes WHERE meeting_id = $1",
            Kind::Minutes,
        ),
        _ => return Ok(Vec::new()),
    };
    let ids: Vec<i64> = sqlx::query_scalar(sql).bind(id).fetch_all(&db.pool).await?;
    Ok(ids.into_iter().map(|i| (dependent, i)).collect())
}

/// The entry of one object; None when it is gone.
pub async fn load(db: &Db, kind: Kind, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    match kind {
        Kind::Organisation => organisation(db, id).await,
        Kind::Meeting => meeting(db, id).await,
        Kind::Minutes => minutes(db, id).await,
        Kind::Decision => decision(db, id).await,
        Kind::Document => document(db, id).await,
        Kind::News => news(db, id).await,
        Kind::Plan => plan(db, id).await,
        Kind::Measure => measure(db, id).await,
        Kind::Proposal => proposal(db, id).await,
        Kind::Partnership => partnership(db, id).await,
    }
}

async fn organisation(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    let row: Option<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT slug, name, description, website, created_at FROM organisations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((slug, name, description, website, created_at)) = row else {
        return Ok(None);
    };
    let agreements: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT agreement_id FROM signatories WHERE organisation_id = $1 ORDER BY agreement_id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut audience = vec![PUBLIC.to_string()];
    audience.extend(agreements.iter().map(|a| editors(*a)));
    Ok(Some(SearchDoc {
        kind: Kind::Organisation,
        id,
        agreements,
        title: name,
        body: join(&[&description, &website]),
        path: format!("/organisations/{slug}"),
        date: date_of(&created_at),
        audience,
        public_from: 0,
        context: String::new(),
    }))
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    agreement_id: i64,
    slug: String,
    short_name: String,
    title: String,
    description: String,
    starts_at: String,
    venue_name: String,
    venue_address: String,
    organisers: String,
    body_name: Option<String>,
}

async fn meeting(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    let row: Option<MeetingRow> = sqlx::query_as(
        "SELECT m.agreement_id, a.slug, a.short_name, m.title, m.description, m.starts_at,
                m.venue_name, m.venue_address, m.organisers, b.name AS body_name
         FROM meetings m JOIN agreements a ON a.id = m.agreement_id
         LEFT JOIN bodies b ON b.id = m.body_id WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(m) = row else { return Ok(None) };
    let agenda: Vec<(String, String)> = sqlx::query_as(
        "SELECT title, description FROM agenda_items WHERE meeting_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut body = join(&[
        &m.description,
        m.body_name.as_deref().unwrap_or(""),
        &m.venue_name,
        &m.venue_address,
        &m.organisers,
    ]);
    for (title, description) in &agenda {
        body.push('\n');
        body.push_str(&join(&[title, description]));
    }
    Ok(Some(SearchDoc {
        kind: Kind::Meeting,
        id,
        agreements: vec![m.agreement_id],
        title: m.title,
        body,
        path: format!("/{}/meetings/{id}", m.slug),
        date: date_of(&m.starts_at),
        audience: public(m.agreement_id),
        public_from: 0,
        context: m.short_name,
    }))
}

#[derive(sqlx::FromRow)]
struct MinutesRow {
    meeting_id: i64,
    state: String,
    agreement_id: i64,
    slug: String,
    short_name: String,
    title: String,
    starts_at: String,
}

async fn minutes(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    let row: Option<MinutesRow> = sqlx::query_as(
        "SELECT mi.meeting_id, mi.state, m.agreement_id, a.slug, a.short_name, m.title, m.starts_at
         FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id
         JOIN agreements a ON a.id = m.agreement_id WHERE mi.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(m) = row else { return Ok(None) };
    let sections: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT number, title, discussion, decision FROM minutes_sections
         WHERE minutes_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let body = sections
        .iter()
        .map(|(n, title, discussion, decision)| {
            join(&[&format!("§ {n} {title}"), discussion, decision])
        })
        .collect::<Vec<_>>()
        .join("\n");
    let audience = if m.state == "published" {
        public(m.agreement_id)
    } else {
        vec![editors(m.agreement_id)]
    };
    Ok(Some(SearchDoc {
        kind: Kind::Minutes,
        id,
        agreements: vec![m.agreement_id],
        title: m.title,
        body,
        path: format!("/{}/meetings/{}/minutes", m.slug, m.meeting_id),
        date: date_of(&m.starts_at),
        audience,
        public_from: 0,
        context: m.short_name,
    }))
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    agreement_id: i64,
    slug: String,
    short_name: String,
    decided_on: String,
    text: String,
    section_label: String,
    body_name: String,
    body: Option<String>,
    section_title: Option<String>,
    is_public: i64,
}

async fn decision(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    // Public as in the decisions register: recorded outside minutes, or in
    // published minutes.
    let row: Option<DecisionRow> = sqlx::query_as(
        "SELECT d.agreement_id, a.slug, a.short_name, d.decided_on, d.text, d.section_label,
                d.body_name, b.name AS body, s.title AS section_title,
                CASE WHEN d.section_id IS NULL OR mi.state = 'published' THEN 1 ELSE 0 END AS is_public
         FROM decisions d JOIN agreements a ON a.id = d.agreement_id
         LEFT JOIN bodies b ON b.id = d.body_id
         LEFT JOIN minutes_sections s ON s.id = d.section_id
         LEFT JOIN minutes mi ON mi.id = s.minutes_id
         WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(d) = row else { return Ok(None) };
    let title = match &d.section_title {
        Some(t) if !t.trim().is_empty() => t.clone(),
        _ => d.text.chars().take(100).collect(),
    };
    let audience = if d.is_public != 0 {
        public(d.agreement_id)
    } else {
        vec![editors(d.agreement_id)]
    };
    Ok(Some(SearchDoc {
        kind: Kind::Decision,
        id,
        agreements: vec![d.agreement_id],
        title,
        body: join(&[
            &d.text,
            &d.section_label,
            d.body.as_deref().unwrap_or(&d.body_name),
        ]),
        path: format!("/{}/decisions/{id}", d.slug),
        date: date_of(&d.decided_on),
        audience,
        public_from: 0,
        context: d.short_name,
    }))
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    agreement_id: i64,
    slug: String,
    short_name: String,
    title: String,
    description: String,
    document_date: String,
    body_id: Option<i64>,
    visibility: String,
    case_number: String,
    text: Option<String>,
    file_name: Option<String>,
}

async fn document(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    let row: Option<DocumentRow> = sqlx::query_as(
        "SELECT d.agreement_id, a.slug, a.short_name, d.title, d.description, d.document_date,
                d.body_id, d.visibility, d.case_number, v.text, v.file_name
         FROM documents d JOIN agreements a ON a.id = d.agreement_id
         LEFT JOIN document_versions v ON v.document_id = d.id AND v.number = d.current_version
         WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(d) = row else { return Ok(None) };
    let audience = match (d.visibility.as_str(), d.body_id) {
        ("public", _) => public(d.agreement_id),
        ("members", Some(body)) => vec![body_members(body), editors(d.agreement_id)],
        ("members", None) => vec![members(d.agreement_id), editors(d.agreement_id)],
        _ => vec![editors(d.agreement_id)],
    };
    Ok(Some(SearchDoc {
        kind: Kind::Document,
        id,
        agreements: vec![d.agreement_id],
        title: d.title,
        body: join(&[
            &d.description,
            &d.case_number,
            d.file_name.as_deref().unwrap_or(""),
            d.text.as_deref().unwrap_or(""),
        ]),
        path: format!("/{}/documents/{id}", d.slug),
        date: date_of(&d.document_date),
        audience,
        public_from: 0,
        context: d.short_name,
    }))
}

#[derive(sqlx::FromRow)]
struct NewsRow {
    agreement_id: i64,
    slug: String,
    short_name: String,
    title: String,
    lead: String,
    body: String,
    publish_at: Option<String>,
    created_at: String,
}

async fn news(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    let row: Option<NewsRow> = sqlx::query_as(
        "SELECT n.agreement_id, a.slug, a.short_name, n.title, n.lead, n.body, n.publish_at, n.created_at
         FROM news n JOIN agreements a ON a.id = n.agreement_id WHERE n.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(n) = row else { return Ok(None) };
    let tags: Vec<String> =
        sqlx::query_scalar("SELECT tag FROM news_tags WHERE news_id = $1 ORDER BY tag")
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    // A scheduled article is public from its time; a draft only to editors.
    let (audience, public_from) = match &n.publish_at {
        Some(at) => (public(n.agreement_id), unix(at)),
        None => (vec![editors(n.agreement_id)], 0),
    };
    Ok(Some(SearchDoc {
        kind: Kind::News,
        id,
        agreements: vec![n.agreement_id],
        title: n.title,
        body: join(&[&n.lead, &n.body, &tags.join(" ")]),
        path: format!("/{}/news/{id}", n.slug),
        date: date_of(n.publish_at.as_deref().unwrap_or(&n.created_at)),
        audience,
        public_from,
        context: n.short_name,
    }))
}

async fn plan(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    let row: Option<(i64, String, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT p.agreement_id, a.slug, a.short_name, p.title, p.summary, p.first_year, p.state
         FROM action_plans p JOIN agreements a ON a.id = p.agreement_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((agreement_id, slug, short_name, title, summary, first_year, state)) = row else {
        return Ok(None);
    };
    let areas: Vec<(String, String)> = sqlx::query_as(
        "SELECT title, description FROM plan_areas WHERE plan_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut body = join(&[&summary]);
    for (t, d) in &areas {
        body.push('\n');
        body.push_str(&join(&[t, d]));
    }
    Ok(Some(SearchDoc {
        kind: Kind::Plan,
        id,
        agreements: vec![agreement_id],
        title,
        body,
        path: format!("/{slug}/plans/{id}"),
        date: format!("{first_year:04}-01-01"),
        audience: plan_audience(agreement_id, &state),
        public_from: 0,
        context: short_name,
    }))
}

fn plan_audience(agreement_id: i64, plan_state: &str) -> Vec<String> {
    if plan_state == "draft" {
        vec![editors(agreement_id)]
    } else {
        public(agreement_id)
    }
}

#[derive(sqlx::FromRow)]
struct MeasureRow {
    agreement_id: i64,
    slug: String,
    short_name: String,
    title: String,
    description: String,
    status_reason: String,
    starts_on: Option<String>,
    first_year: i64,
    plan_state: String,
    plan_title: String,
    area_title: String,
}

async fn measure(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    let row: Option<MeasureRow> = sqlx::query_as(
        "SELECT p.agreement_id, a.slug, a.short_name, me.title, me.description, me.status_reason,
                me.starts_on, p.first_year, p.state AS plan_state, p.title AS plan_title,
                ar.title AS area_title
         FROM measures me JOIN action_plans p ON p.id = me.plan_id
         JOIN plan_areas ar ON ar.id = me.area_id JOIN agreements a ON a.id = p.agreement_id
         WHERE me.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(m) = row else { return Ok(None) };
    let follow_ups: Vec<String> = sqlx::query_scalar(
        "SELECT text FROM follow_ups WHERE measure_id = $1 ORDER BY reported_on, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut body = join(&[
        &m.description,
        &m.status_reason,
        &m.area_title,
        &m.plan_title,
    ]);
    for text in &follow_ups {
        body.push('\n');
        body.push_str(&join(&[text]));
    }
    Ok(Some(SearchDoc {
        kind: Kind::Measure,
        id,
        agreements: vec![m.agreement_id],
        title: m.title,
        body,
        path: format!("/{}/measures/{id}", m.slug),
        date: m
            .starts_on
            .as_deref()
            .map(date_of)
            .unwrap_or_else(|| format!("{:04}-01-01", m.first_year)),
        audience: plan_audience(m.agreement_id, &m.plan_state),
        public_from: 0,
        context: m.short_name,
    }))
}

#[derive(sqlx::FromRow)]
struct ProposalRow {
    agreement_id: i64,
    slug: String,
    short_name: String,
    title: String,
    text: String,
    principle: String,
    hidden_at: Option<String>,
    created_at: String,
    organisation: Option<String>,
}

async fn proposal(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    let row: Option<ProposalRow> = sqlx::query_as(
        "SELECT p.agreement_id, a.slug, a.short_name, p.title, p.text, p.principle, p.hidden_at,
                p.created_at, o.name AS organisation
         FROM proposals p JOIN agreements a ON a.id = p.agreement_id
         LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(p) = row else { return Ok(None) };
    // A hidden proposal keeps only its number in public; its words are not searchable.
    let audience = if p.hidden_at.is_some() {
        vec![editors(p.agreement_id)]
    } else {
        public(p.agreement_id)
    };
    Ok(Some(SearchDoc {
        kind: Kind::Proposal,
        id,
        agreements: vec![p.agreement_id],
        title: p.title,
        body: join(&[
            &p.text,
            &p.principle,
            p.organisation.as_deref().unwrap_or(""),
        ]),
        path: format!("/{}/proposals/{id}", p.slug),
        date: date_of(&p.created_at),
        audience,
        public_from: 0,
        context: p.short_name,
    }))
}

#[derive(sqlx::FromRow)]
struct PartnershipRow {
    agreement_id: i64,
    slug: String,
    short_name: String,
    title: String,
    societal_goal: String,
    target_group: String,
    public_party: String,
    description: String,
    starts_on: Option<String>,
    created_at: String,
}

async fn partnership(db: &Db, id: i64) -> Result<Option<SearchDoc>, sqlx::Error> {
    let row: Option<PartnershipRow> = sqlx::query_as(
        "SELECT p.agreement_id, a.slug, a.short_name, p.title, p.societal_goal, p.target_group,
                p.public_party, p.description, p.starts_on, p.created_at
         FROM partnerships p JOIN agreements a ON a.id = p.agreement_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(p) = row else { return Ok(None) };
    let organisations: Vec<String> = crate::partnerships::organisations(db, id)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect();
    Ok(Some(SearchDoc {
        kind: Kind::Partnership,
        id,
        agreements: vec![p.agreement_id],
        title: p.title,
        body: join(&[
            &p.description,
            &p.societal_goal,
            &p.target_group,
            &p.public_party,
            &organisations.join(", "),
        ]),
        path: format!("/{}/partnerships/{id}", p.slug),
        date: date_of(p.starts_on.as_deref().unwrap_or(&p.created_at)),
        audience: public(p.agreement_id),
        public_from: 0,
        context: p.short_name,
    }))
}
