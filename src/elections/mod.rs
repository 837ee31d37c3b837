//! Elections of a body's seats by the signatory organisations. An editor
//! opens an election; representatives nominate candidates, who confirm by a
//! mailed link; each organisation that was a signatory when voting opened
//! casts one secret ballot with up to as many choices as there are seats,
//! and may change it with its receipt code; votes cast on paper at a meeting
//! are entered as totals. Publishing the result seats the elected.

pub mod count;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::accounts::email::Email;
use crate::accounts::token;
use crate::agreements::{self, Agreement, long_date};
use crate::db::{self, Db};
use crate::mail;
use crate::organisations::org_number::OrgNumber;
use crate::web::context::flash_redirect;
use crate::web::form::{CsrfForm, CsrfPairs, Errors};
use crate::web::layout::{Page, render};
use crate::web::{AppError, AppResult, AppState, Ctx};
use count::{Tally, rank};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{slug}/elections", get(list))
        .route("/{slug}/elections/new", get(new_form).post(create))
        .route("/{slug}/elections/{id}", get(show).post(advance))
        .route(
            "/{slug}/elections/{id}/nominate",
            get(nominate_form).post(nominate),
        )
        .route(
            "/{slug}/elections/{id}/confirm/{token}",
            get(confirm_form).post(confirm),
        )
        .route("/{slug}/elections/{id}/vote", get(vote_form).post(vote))
        .route("/{slug}/elections/{id}/paper", axum::routing::post(paper))
        .route("/{slug}/elections/{id}/receipt", get(receipt))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Election {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub body_slug: String,
    pub title: String,
    pub seats: i64,
    pub term_starts_on: String,
    pub term_ends_on: String,
    pub mode: String,
    pub state: String,
    pub electorate_on: Option<String>,
    pub paper_ballots: i64,
    pub draw_seed: String,
}

const ELECTION_SELECT: &str = "SELECT e.id, e.body_id, b.name AS body_name, b.slug AS body_slug, e.title,
    e.seats, e.term_starts_on, e.term_ends_on, e.mode, e.state, e.electorate_on, e.paper_ballots, e.draw_seed
    FROM elections e JOIN bodies b ON b.id = e.body_id";

async fn load(db: &Db, agreement: &Agreement, id: i64) -> AppResult<Election> {
    let sql = format!("{ELECTION_SELECT} WHERE e.id = $1 AND e.agreement_id = $2");
    sqlx::query_as(&sql)
        .bind(id)
        .bind(agreement.id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub nominee_name: String,
    pub organisation: String,
    pub presentation: String,
}

async fn candidates(db: &Db, election_id: i64) -> Result<Vec<Candidate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT n.id, n.nominee_name, o.name AS organisation, n.presentation FROM nominations n
         JOIN organisations o ON o.id = n.organisation_id
         WHERE n.election_id = $1 AND n.confirmed_at IS NOT NULL ORDER BY n.nominee_name",
    )
    .bind(election_id)
    .fetch_all(&db.pool)
    .await
}

/// The signatory organisations this person may vote or nominate for: those
/// they represent that were signatories on `day`.
async fn voting_organisations(
    db: &Db,
    user_id: i64,
    agreement_id: i64,
    day: &str,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.name FROM organisation_representatives r
         JOIN organisations o ON o.id = r.organisation_id
         JOIN signatories s ON s.organisation_id = o.id
         WHERE r.user_id = $1 AND s.agreement_id = $2 AND s.joined_on <= $3
           AND (s.left_on IS NULL OR s.left_on > $3)
         ORDER BY o.name",
    )
    .bind(user_id)
    .bind(agreement_id)
    .bind(day)
    .fetch_all(&db.pool)
    .await
}

/// Votes per candidate: the secret ballots plus the paper totals.
async fn tallies(db: &Db, election_id: i64) -> Result<Vec<Tally>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT n.id,
            (SELECT COUNT(*) FROM ballot_choices c WHERE c.nomination_id = n.id),
            COALESCE((SELECT p.votes FROM paper_results p WHERE p.nomination_id = n.id), 0)
         FROM nominations n WHERE n.election_id = $1 AND n.confirmed_at IS NOT NULL",
    )
    .bind(election_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, online, paper)| Tally {
            nomination_id: id,
            votes: online + paper,
        })
        .collect())
}

// ---------------------------------------------------------------- pages

#[derive(Template)]
#[template(path = "elections/templates/list.html")]
struct ListView {
    page: Page,
    agreement: Agreement,
    elections: Vec<Election>,
    can_edit: bool,
}

impl ListView {
    fn state_label(&self, state: &str) -> String {
        self.page.t(format!("election-state-{state}"))
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let sql = format!("{ELECTION_SELECT} WHERE e.agreement_id = $1 ORDER BY e.id DESC");
    let elections = sqlx::query_as(&sql)
        .bind(agreement.id)
        .fetch_all(&state.db.pool)
        .await?;
    let mut page = Page::new(&ctx, "elections-title");
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ListView {
        can_edit: ctx.edits(agreement.id),
        page,
        agreement,
        elections,
    }))
}

pub struct ResultLine {
    pub name: String,
    pub organisation: String,
    pub votes: i64,
    pub elected: bool,
}

#[derive(Template)]
#[template(path = "elections/templates/show.html")]
struct ShowView {
    page: Page,
    agreement: Agreement,
    e: Election,
    term: String,
    candidates: Vec<Candidate>,
    voters: i64,
    results: Option<(Vec<ResultLine>, bool)>,
    can_edit: bool,
    can_take_part: bool,
    paper_errors: Errors,
    /// The decision about the election in the decisions register.
    register_decision: Option<i64>,
}

impl ShowView {
    fn state_label(&self) -> String {
        self.page.t(format!("election-state-{}", self.e.state))
    }

    fn mode_label(&self) -> String {
        self.page.t(format!("election-mode-{}", self.e.mode))
    }
}

async fn show_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    e: Election,
    paper_errors: Errors,
) -> AppResult<Response> {
    let editor = ctx.edits(agreement.id);
    let candidates = candidates(&state.db, e.id).await?;
    let voters: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM voters WHERE election_id = $1")
        .bind(e.id)
        .fetch_one(&state.db.pool)
        .await?;
    // Results are public once published; the secretariat sees them on closing.
    let results = if e.state == "published" || (e.state == "closed" && editor) {
        let (order, drawn) = rank(
            tallies(&state.db, e.id).await?,
            e.seats as usize,
            &e.draw_seed,
        );
        Some((
            order
                .iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    let c = candidates.iter().find(|c| c.id == t.nomination_id)?;
                    Some(ResultLine {
                        name: c.nominee_name.clone(),
                        organisation: c.organisation.clone(),
                        votes: t.votes,
                        elected: (i as i64) < e.seats,
                    })
                })
                .collect(),
            drawn,
        ))
    } else {
        None
    };
    let can_take_part = match &ctx.user {
        Some(u) => !voting_organisations(&state.db, u.id, agreement.id, &db::today())
            .await?
            .is_empty(),
        None => false,
    };
    let lang = ctx.lang;
    let mut page = Page::titled(ctx, e.title.clone()).with_errors(&paper_errors);
    page.for_agreement(ctx, &agreement);
    let status = paper_errors.status();
    Ok((
        status,
        render(&ShowView {
            term: format!(
                "{} – {}",
                long_date(lang, &e.term_starts_on),
                long_date(lang, &e.term_ends_on)
            ),
            candidates,
            voters,
            results,
            can_edit: editor,
            can_take_part,
            paper_errors,
            register_decision: crate::minutes::decisions::for_subject(
                &state.db,
                agreement.id,
                "election",
                e.id,
                editor,
            )
            .await?,
            page,
            agreement,
            e,
        }),
    )
        .into_response())
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let e = load(&state.db, &agreement, id).await?;
    show_view(&state, &ctx, agreement, e, Errors::new()).await
}

// ---------------------------------------------------------------- opening

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewInput {
    pub body: String,
    pub title: String,
    pub seats: String,
    pub term_starts_on: String,
    pub term_ends_on: String,
    pub mode: String,
}

#[derive(Template)]
#[template(path = "elections/templates/new.html")]
struct NewView {
    page: Page,
    agreement: Agreement,
    bodies: Vec<(String, String)>,
    values: NewInput,
    errors: Errors,
}

async fn new_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    values: NewInput,
    errors: Errors,
) -> AppResult<Response> {
    let bodies = sqlx::query_as(
        "SELECT slug, name FROM bodies WHERE agreement_id = $1 ORDER BY position, name",
    )
    .bind(agreement.id)
    .fetch_all(&state.db.pool)
    .await?;
    let mut page = Page::new(ctx, "election-new-title").with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    Ok((
        status,
        render(&NewView {
            page,
            agreement,
            bodies,
            values,
            errors,
        }),
    )
        .into_response())
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let values = NewInput {
        mode: "online".into(),
        ..Default::default()
    };
    new_view(&state, &ctx, agreement, values, Errors::new()).await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<NewInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let mut errors = Errors::new();
    let body: Option<i64> =
        sqlx::query_scalar("SELECT id FROM bodies WHERE agreement_id = $1 AND slug = $2")
            .bind(agreement.id)
            .bind(&input.body)
            .fetch_optional(&state.db.pool)
            .await?;
    if body.is_none() {
        errors.add("body", "error-choose-one");
    }
    if input.title.trim().is_empty() {
        errors.add("title", "error-required");
    }
    let seats = input
        .seats
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=99).contains(n));
    if seats.is_none() {
        errors.add("seats", "error-election-seats");
    }
    let starts = input
        .term_starts_on
        .trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| errors.add("term_starts_on", "error-date"))
        .ok();
    match input.term_ends_on.trim().parse::<jiff::civil::Date>() {
        Ok(end) if starts.is_some_and(|s| end <= s) => {
            errors.add("term_ends_on", "error-term-ends-before")
        }
        Ok(_) => {}
        Err(_) => errors.add("term_ends_on", "error-date"),
    }
    if !["online", "meeting"].contains(&input.mode.as_str()) {
        errors.add("mode", "error-choose-one");
    }
    if !errors.is_empty() {
        return new_view(&state, &ctx, agreement, input, errors).await;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO elections (agreement_id, body_id, title, seats, term_starts_on, term_ends_on, mode, state, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'nominating', $8) RETURNING id",
    )
    .bind(agreement.id)
    .bind(body)
    .bind(input.title.trim())
    .bind(seats)
    .bind(input.term_starts_on.trim())
    .bind(input.term_ends_on.trim())
    .bind(&input.mode)
    .bind(db::now())
    .fetch_one(&state.db.pool)
    .await?;
    db::audit(
        &state.db.pool,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "election.open",
        format!("{id}: {}", input.title.trim()),
    )
    .await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/elections/{id}", agreement.slug),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AdvanceInput {
    pub to: String,
}

/// Moves the election on: nominating → voting → closed → published.
async fn advance(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<AdvanceInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let e = load(&state.db, &agreement, id).await?;
    let from = match input.to.as_str() {
        "voting" => "nominating",
        "closed" => "voting",
        "published" => "closed",
        _ => return Err(AppError::BadRequest("to".into())),
    };
    let mut tx = state.db.pool.begin().await?;
    let moved = sqlx::query(
        "UPDATE elections SET state = $1,
            electorate_on = CASE WHEN $1 = 'voting' THEN $2 ELSE electorate_on END,
            draw_seed = CASE WHEN $1 = 'closed' THEN $3 ELSE draw_seed END
         WHERE id = $4 AND state = $5",
    )
    .bind(&input.to)
    .bind(db::today())
    .bind(token::random_hex(16))
    .bind(id)
    .bind(from)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if moved == 0 {
        tx.rollback().await?;
        return Ok(flash_redirect(
            &state.config,
            "flash-election-unchanged",
            &format!("/{}/elections/{id}", agreement.slug),
        ));
    }
    if input.to == "closed" {
        shuffle(&mut tx, id).await?;
    }
    if input.to == "published" {
        seat_the_elected(&state.db, &mut tx, &e).await?;
    }
    tx.commit().await?;
    db::audit(
        &state.db.pool,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        &format!("election.{}", input.to),
        format!("{id}: {}", e.title),
    )
    .await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/elections/{id}", agreement.slug),
    ))
}

/// Rewrites the election's voter and ballot rows in an order unrelated to
/// when they were cast, so that not even the storage order can pair them.
async fn shuffle(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    election_id: i64,
) -> Result<(), sqlx::Error> {
    let voters: Vec<i64> = sqlx::query_scalar(
        "SELECT organisation_id FROM voters WHERE election_id = $1 ORDER BY organisation_id",
    )
    .bind(election_id)
    .fetch_all(&mut **tx)
    .await?;
    let choices: Vec<(String, i64)> = sqlx::query_as(
        "SELECT c.receipt_hash, c.nomination_id FROM ballot_choices c JOIN ballots b ON b.receipt_hash = c.receipt_hash
         WHERE b.election_id = $1 ORDER BY c.receipt_hash",
    )
    .bind(election_id)
    .fetch_all(&mut **tx)
    .await?;
    let ballots: Vec<String> = sqlx::query_scalar(
        "SELECT receipt_hash FROM ballots WHERE election_id = $1 ORDER BY receipt_hash",
    )
    .bind(election_id)
    .fetch_all(&mut **tx)
    .await?;
    for sql in [
        "DELETE FROM voters WHERE election_id = $1",
        "DELETE FROM ballots WHERE election_id = $1",
    ] {
        sqlx::query(sql)
            .bind(election_id)
            .execute(&mut **tx)
            .await?;
    }
    for org in voters {
        sqlx::query("INSERT INTO voters (election_id, organisation_id) VALUES ($1, $2)")
            .bind(election_id)
            .bind(org)
            .execute(&mut **tx)
            .await?;
    }
    for hash in &ballots {
        sqlx::query("INSERT INTO ballots (receipt_hash, election_id) VALUES ($1, $2)")
            .bind(hash)
            .bind(election_id)
            .execute(&mut **tx)
            .await?;
    }
    for (hash, nomination) in choices {
        sqlx::query("INSERT INTO ballot_choices (receipt_hash, nomination_id) VALUES ($1, $2)")
            .bind(hash)
            .bind(nomination)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The elected take their seats for the election's term.
async fn seat_the_elected(
    db: &Db,
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    e: &Election,
) -> Result<(), sqlx::Error> {
    let (order, _) = rank(tallies(db, e.id).await?, e.seats as usize, &e.draw_seed);
    let now = db::now();
    for t in order.iter().take(e.seats as usize) {
        let (name, email, org): (String, String, i64) = sqlx::query_as(
            "SELECT nominee_name, nominee_email, organisation_id FROM nominations WHERE id = $1",
        )
        .bind(t.nomination_id)
        .fetch_one(&mut **tx)
        .await?;
        let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut **tx)
            .await?;
        let person: i64 = sqlx::query_scalar(
            "INSERT INTO people (name, user_id, work_email, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&name)
        .bind(user)
        .bind(&email)
        .bind(&now)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO memberships (body_id, person_id, side, role, organisation_id, election_id, starts_on, ends_on, created_at)
             VALUES ($1, $2, 'civil_society', 'member', $3, $4, $5, $6, $7)",
        )
        .bind(e.body_id)
        .bind(person)
        .bind(org)
        .bind(e.id)
        .bind(&e.term_starts_on)
        .bind(&e.term_ends_on)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- nominating

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NominateInput {
    pub nominee_name: String,
    pub nominee_email: String,
    pub org_number: String,
    pub presentation: String,
    pub nominated_by: String,
}

#[derive(Template)]
#[template(path = "elections/templates/nominate.html")]
struct NominateView {
    page: Page,
    agreement: Agreement,
    e: Election,
    organisations: Vec<(i64, String)>,
    values: NominateInput,
    errors: Errors,
}

async fn nominate_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    e: Election,
    values: NominateInput,
    errors: Errors,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let organisations =
        voting_organisations(&state.db, user.id, agreement.id, &db::today()).await?;
    if organisations.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut page = Page::titled(
        ctx,
        ctx.lang
            .t_with("nominate-title", &[("election", e.title.clone())]),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    Ok((
        status,
        render(&NominateView {
            page,
            agreement,
            e,
            organisations,
            values,
            errors,
        }),
    )
        .into_response())
}

async fn nominate_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let e = load(&state.db, &agreement, id).await?;
    nominate_view(
        &state,
        &ctx,
        agreement,
        e,
        NominateInput::default(),
        Errors::new(),
    )
    .await
}

async fn nominate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<NominateInput>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let e = load(&state.db, &agreement, id).await?;
    let user = ctx.require_user()?.clone();
    let mine = voting_organisations(&state.db, user.id, agreement.id, &db::today()).await?;
    let mut errors = Errors::new();
    if e.state != "nominating" {
        errors.add("nominee_name", "error-nominations-closed");
    }
    let by = input
        .nominated_by
        .parse::<i64>()
        .ok()
        .filter(|id| mine.iter().any(|(m, _)| m == id));
    if by.is_none() {
        errors.add("nominated_by", "error-choose-one");
    }
    if input.nominee_name.trim().is_empty() {
        errors.add("nominee_name", "error-name-missing");
    }
    let email = Email::parse(&input.nominee_email)
        .map_err(|k| errors.add("nominee_email", k))
        .ok();
    let org: Option<i64> = match OrgNumber::parse(&input.org_number) {
        Ok(n) => {
            let found = sqlx::query_scalar(
                "SELECT o.id FROM organisations o JOIN signatories s ON s.organisation_id = o.id
                 WHERE o.org_number = $1 AND s.agreement_id = $2 AND s.left_on IS NULL",
            )
            .bind(n.as_str())
            .bind(agreement.id)
            .fetch_optional(&state.db.pool)
            .await?;
            if found.is_none() {
                errors.add("org_number", "error-nominee-not-signatory");
            }
            found
        }
        Err(err) => {
            errors.add("org_number", err.message_key());
            None
        }
    };
    if input.presentation.trim().is_empty() {
        errors.add("presentation", "error-presentation-missing");
    } else if input.presentation.chars().count() > 1500 {
        errors.add("presentation", "error-too-long");
    }
    let (Some(email), Some(org), true) = (email, org, errors.is_empty()) else {
        return nominate_view(&state, &ctx, agreement, e, input, errors).await;
    };
    let secret = token::random_token();
    let mut tx = state.db.pool.begin().await?;
    let nomination: i64 = sqlx::query_scalar(
        "INSERT INTO nominations (election_id, nominee_name, nominee_email, organisation_id, presentation, nominated_by, token_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(e.id)
    .bind(input.nominee_name.trim())
    .bind(email.as_str())
    .bind(org)
    .bind(input.presentation.trim())
    .bind(by)
    .bind(token::hash(&secret))
    .bind(db::now())
    .fetch_one(&mut *tx)
    .await?;
    let link = state.config.absolute(&format!(
        "/{}/elections/{}/confirm/{secret}",
        agreement.slug, e.id
    ));
    let args = [
        ("name", input.nominee_name.trim().to_string()),
        ("election", e.title.clone()),
        ("link", link),
    ];
    let lang = ctx.lang;
    mail::enqueue(
        &mut *tx,
        email.as_str(),
        &lang.t_with("mail-nomination-subject", &args),
        &lang.t_with("mail-nomination-body", &args),
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    db::audit(
        &state.db.pool,
        agreement.id,
        Some(user.id),
        "election.nominate",
        format!("{}: nomination {nomination}", e.id),
    )
    .await?;
    Ok(flash_redirect(
        &state.config,
        "flash-nomination-sent",
        &format!("/{}/elections/{}", agreement.slug, e.id),
    ))
}

#[derive(Template)]
#[template(path = "elections/templates/confirm.html")]
struct ConfirmView {
    page: Page,
    e: Election,
    name: String,
    action: String,
}

async fn pending_nomination(
    db: &Db,
    election_id: i64,
    secret: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, nominee_name FROM nominations WHERE election_id = $1 AND token_hash = $2 AND confirmed_at IS NULL")
        .bind(election_id)
        .bind(token::hash(secret))
        .fetch_optional(&db.pool)
        .await
}

/// The candidate sees what they accept before accepting: a mail scanner
/// following the link confirms nothing.
async fn confirm_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, secret)): Path<(String, i64, String)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let e = load(&state.db, &agreement, id).await?;
    let Some((_, name)) = pending_nomination(&state.db, e.id, &secret).await? else {
        return Err(AppError::NotFound);
    };
    let mut page = Page::new(&ctx, "confirm-title");
    page.for_agreement(&ctx, &agreement);
    let action = format!("/{}/elections/{}/confirm/{secret}", agreement.slug, e.id);
    Ok(render(&ConfirmView {
        page,
        e,
        name,
        action,
    }))
}

async fn confirm(
    State(state): State<AppState>,
    _ctx: Ctx,
    Path((slug, id, secret)): Path<(String, i64, String)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let e = load(&state.db, &agreement, id).await?;
    let Some((nomination, _)) = pending_nomination(&state.db, e.id, &secret).await? else {
        return Err(AppError::NotFound);
    };
    sqlx::query("UPDATE nominations SET confirmed_at = $1 WHERE id = $2")
        .bind(db::now())
        .bind(nomination)
        .execute(&state.db.pool)
        .await?;
    db::audit(
        &state.db.pool,
        agreement.id,
        None,
        "election.confirm",
        format!("{}: nomination {nomination}", e.id),
    )
    .await?;
    Ok(flash_redirect(
        &state.config,
        "flash-nomination-confirmed",
        &format!("/{}/elections/{}", agreement.slug, e.id),
    ))
}

// ---------------------------------------------------------------- voting

#[derive(Debug, Default)]
pub struct VoteInput {
    pub organisation: String,
    pub receipt: String,
    /// The chosen candidates' ids, one per ticked checkbox.
    pub choice: Vec<String>,
}

#[derive(Template)]
#[template(path = "elections/templates/vote.html")]
struct VoteView {
    page: Page,
    agreement: Agreement,
    e: Election,
    candidates: Vec<Candidate>,
    organisations: Vec<(i64, String, bool)>,
    values: VoteInput,
    errors: Errors,
    receipt: Option<String>,
}

impl VoteView {
    fn chosen(&self, id: &i64) -> bool {
        self.values.choice.contains(&id.to_string())
    }
}

async fn vote_view(
    state: &AppState,
    ctx: &Ctx,
    agreement: Agreement,
    e: Election,
    values: VoteInput,
    errors: Errors,
    receipt: Option<String>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let day = e.electorate_on.clone().unwrap_or_else(db::today);
    let orgs = voting_organisations(&state.db, user.id, agreement.id, &day).await?;
    if orgs.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut organisations = Vec::new();
    for (id, name) in orgs {
        let voted: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM voters WHERE election_id = $1 AND organisation_id = $2",
        )
        .bind(e.id)
        .bind(id)
        .fetch_one(&state.db.pool)
        .await?;
        organisations.push((id, name, voted > 0));
    }
    let candidates = candidates(&state.db, e.id).await?;
    let mut page = Page::titled(
        ctx,
        ctx.lang
            .t_with("vote-title", &[("election", e.title.clone())]),
    )
    .with_errors(&errors);
    page.for_agreement(ctx, &agreement);
    let status = errors.status();
    Ok((
        status,
        render(&VoteView {
            page,
            agreement,
            e,
            candidates,
            organisations,
            values,
            errors,
            receipt,
        }),
    )
        .into_response())
}

async fn vote_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let e = load(&state.db, &agreement, id).await?;
    vote_view(
        &state,
        &ctx,
        agreement,
        e,
        VoteInput::default(),
        Errors::new(),
        None,
    )
    .await
}

async fn vote(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    // Several checkboxes share the name "choice": read the form as pairs.
    form: CsrfPairs,
) -> AppResult<Response> {
    let input = VoteInput {
        organisation: form.get("organisation"),
        receipt: form.get("receipt"),
        choice: form.all("choice"),
    };
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let e = load(&state.db, &agreement, id).await?;
    let user = ctx.require_user()?.clone();
    let mut errors = Errors::new();
    if e.state != "voting" || e.mode != "online" {
        errors.add("choice", "error-voting-closed");
        return vote_view(&state, &ctx, agreement, e, input, errors, None).await;
    }
    let day = e.electorate_on.clone().unwrap_or_else(db::today);
    let mine = voting_organisations(&state.db, user.id, agreement.id, &day).await?;
    let org = input
        .organisation
        .parse::<i64>()
        .ok()
        .filter(|o| mine.iter().any(|(m, _)| m == o));
    if org.is_none() {
        errors.add("organisation", "error-choose-one");
    }
    let candidates = candidates(&state.db, e.id).await?;
    let mut chosen: Vec<i64> = Vec::new();
    for c in &input.choice {
        match c
            .parse::<i64>()
            .ok()
            .filter(|id| candidates.iter().any(|k| k.id == *id))
        {
            Some(id) if !chosen.contains(&id) => chosen.push(id),
            Some(_) => {}
            None => errors.add("choice", "error-choose-one"),
        }
    }
    if chosen.len() as i64 > e.seats {
        errors.add("choice", "error-too-many-choices");
    }
    let Some(org) = org.filter(|_| errors.is_empty()) else {
        return vote_view(&state, &ctx, agreement, e, input, errors, None).await;
    };
    let mut tx = state.db.pool.begin().await?;
    // The first ballot of an organisation registers it as having voted; the
    // primary key lets only one of two simultaneous first ballots through.
    let first = sqlx::query(
        "INSERT INTO voters (election_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(e.id)
    .bind(org)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    let receipt = if first {
        let receipt = token::random_hex(6).to_uppercase();
        sqlx::query("INSERT INTO ballots (receipt_hash, election_id) VALUES ($1, $2)")
            .bind(token::hash(&receipt))
            .bind(e.id)
            .execute(&mut *tx)
            .await?;
        receipt
    } else {
        // A changed vote replaces the ballot its receipt code names.
        let code = input.receipt.trim().to_uppercase();
        let exists: Option<String> = sqlx::query_scalar(
            "SELECT receipt_hash FROM ballots WHERE receipt_hash = $1 AND election_id = $2",
        )
        .bind(token::hash(&code))
        .bind(e.id)
        .fetch_optional(&mut *tx)
        .await?;
        if exists.is_none() {
            tx.rollback().await?;
            errors.add(
                "receipt",
                if code.is_empty() {
                    "error-already-voted"
                } else {
                    "error-receipt-unknown"
                },
            );
            return vote_view(&state, &ctx, agreement, e, input, errors, None).await;
        }
        sqlx::query("DELETE FROM ballot_choices WHERE receipt_hash = $1")
            .bind(token::hash(&code))
            .execute(&mut *tx)
            .await?;
        code
    };
    for nomination in &chosen {
        sqlx::query("INSERT INTO ballot_choices (receipt_hash, nomination_id) VALUES ($1, $2)")
            .bind(token::hash(&receipt))
            .bind(nomination)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    // The log says that a ballot was cast, never by whom or for whom.
    db::audit(
        &state.db.pool,
        agreement.id,
        None,
        "election.ballot",
        format!("{}", e.id),
    )
    .await?;
    vote_view(
        &state,
        &ctx,
        agreement,
        e,
        VoteInput::default(),
        Errors::new(),
        Some(receipt),
    )
    .await
}

/// Paper totals from a meeting: votes per candidate and the number of ballots.
async fn paper(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    form: CsrfPairs,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    ctx.require_editor(agreement.id)?;
    let e = load(&state.db, &agreement, id).await?;
    let candidates = candidates(&state.db, e.id).await?;
    let mut errors = Errors::new();
    let ballots = form
        .get("paper_ballots")
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0);
    if ballots.is_none() {
        errors.add("paper_ballots", "error-count");
    }
    let mut totals = Vec::new();
    for c in &candidates {
        match form
            .get(&format!("votes-{}", c.id))
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
        {
            Some(n) => totals.push((c.id, n)),
            None => errors.add("paper_ballots", "error-count"),
        }
    }
    if let Some(b) = ballots
        && totals.iter().any(|(_, n)| *n > b)
    {
        errors.add("paper_ballots", "error-more-votes-than-ballots");
    }
    if !["voting", "closed"].contains(&e.state.as_str()) {
        errors.add("paper_ballots", "error-voting-closed");
    }
    if !errors.is_empty() {
        return show_view(&state, &ctx, agreement, e, errors).await;
    }
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("UPDATE elections SET paper_ballots = $1 WHERE id = $2")
        .bind(ballots)
        .bind(e.id)
        .execute(&mut *tx)
        .await?;
    for (nomination, votes) in &totals {
        sqlx::query(
            "INSERT INTO paper_results (election_id, nomination_id, votes) VALUES ($1, $2, $3)
             ON CONFLICT (election_id, nomination_id) DO UPDATE SET votes = excluded.votes",
        )
        .bind(e.id)
        .bind(nomination)
        .bind(votes)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    db::audit(
        &state.db.pool,
        agreement.id,
        ctx.user.as_ref().map(|u| u.id),
        "election.paper",
        format!("{}: {} ballots", e.id, ballots.unwrap_or(0)),
    )
    .await?;
    Ok(flash_redirect(
        &state.config,
        "flash-saved",
        &format!("/{}/elections/{}", agreement.slug, e.id),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReceiptQuery {
    pub code: String,
}

#[derive(Template)]
#[template(path = "elections/templates/receipt.html")]
struct ReceiptView {
    page: Page,
    agreement: Agreement,
    e: Election,
    code: String,
    counted: Option<bool>,
}

/// Anyone holding a receipt code can check that its ballot is in the count;
/// the page says nothing about whose it is or what it holds.
async fn receipt(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    axum::extract::Query(q): axum::extract::Query<ReceiptQuery>,
) -> AppResult<Response> {
    let agreement = agreements::by_slug(&state.db, &slug).await?;
    let e = load(&state.db, &agreement, id).await?;
    let code = q.code.trim().to_uppercase();
    let counted = if code.is_empty() {
        None
    } else {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT receipt_hash FROM ballots WHERE receipt_hash = $1 AND election_id = $2",
        )
        .bind(token::hash(&code))
        .bind(e.id)
        .fetch_optional(&state.db.pool)
        .await?;
        Some(found.is_some())
    };
    let mut page = Page::new(&ctx, "receipt-title");
    page.for_agreement(&ctx, &agreement);
    Ok(render(&ReceiptView {
        page,
        agreement,
        e,
        code,
        counted,
    }))
}
