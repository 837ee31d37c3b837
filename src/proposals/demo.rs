//! Demo proposals, in every state. Every name in them is fictitious.

use crate::db;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// An instant this many days ago, as stored.
fn days_ago(days: i64) -> String {
    let now = jiff::Timestamp::now();
    db::timestamp(
        now.checked_sub(jiff::SignedDuration::from_hours(24 * days))
            .unwrap_or(now),
    )
}

struct Demo<'a> {
    title: &'a str,
    text: &'a str,
    area: Option<i64>,
    principle: &'a str,
    organisation: Option<i64>,
    meeting: Option<i64>,
    submitted_by: Option<i64>,
    /// The states it went through, with days ago and reason; the last is current.
    history: &'a [(&'a str, i64, &'a str)],
    measure: Option<i64>,
}

async fn insert(tx: &mut Tx<'_>, agreement_id: i64, d: &Demo<'_>) -> Result<i64, sqlx::Error> {
    let (state, last_days, reason) = d.history.last().copied().unwrap_or(("received", 0, ""));
    let created = days_ago(d.history.first().map_or(0, |h| h.1));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO proposals (agreement_id, title, text, area_id, principle, organisation_id,
             meeting_id, submitted_by, state, state_reason, measure_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(agreement_id)
    .bind(d.title)
    .bind(d.text)
    .bind(d.area)
    .bind(d.principle)
    .bind(d.organisation)
    .bind(d.meeting)
    .bind(d.submitted_by)
    .bind(state)
    .bind(reason)
    .bind(if state == "adopted" { d.measure } else { None })
    .bind(&created)
    .bind(days_ago(last_days))
    .fetch_one(&mut **tx)
    .await?;
    for (state, days, reason) in d.history {
        sqlx::query(
            "INSERT INTO proposal_events (proposal_id, state, reason, user_id, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(*state)
        .bind(*reason)
        .bind(d.submitted_by)
        .bind(days_ago(*days))
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

async fn support(
    tx: &mut Tx<'_>,
    proposal: i64,
    organisation: i64,
    days: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO proposal_supports (proposal_id, organisation_id, at) VALUES ($1, $2, $3)
         ON CONFLICT (proposal_id, organisation_id) DO NOTHING",
    )
    .bind(proposal)
    .bind(organisation)
    .bind(days_ago(days))
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE proposals SET support_count =
            (SELECT CAST(COUNT(*) AS BIGINT) FROM proposal_supports WHERE proposal_id = $1)
         WHERE id = $1",
    )
    .bind(proposal)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

struct DemoComment<'a> {
    proposal: i64,
    user: Option<i64>,
    author: &'a str,
    organisation: Option<i64>,
    text: &'a str,
    days: i64,
    hidden: Option<&'a str>,
}

async fn comment(tx: &mut Tx<'_>, c: &DemoComment<'_>) -> Result<(), sqlx::Error> {
    let at = days_ago(c.days);
    sqlx::query(
        "INSERT INTO proposal_comments (proposal_id, user_id, organisation_id, author_name, text,
             hidden_at, hidden_reason, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(c.proposal)
    .bind(c.user)
    .bind(c.organisation)
    .bind(c.author)
    .bind(c.text)
    .bind(c.hidden.map(|_| at.clone()))
    .bind(c.hidden.unwrap_or(""))
    .bind(&at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn user(tx: &mut Tx<'_>, email: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(&mut **tx)
        .await
}

/// The latest past dialogue meeting or conference; one is added when the
/// meetings demo has none, so that a proposal can come from it.
async fn past_dialogue(tx: &mut Tx<'_>, agreement_id: i64) -> Result<i64, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM meetings WHERE agreement_id = $1 AND kind IN ('dialogue', 'conference')
           AND ends_at < $2 ORDER BY starts_at DESC LIMIT 1",
    )
    .bind(agreement_id)
    .bind(db::now())
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(id) = found {
        return Ok(id);
    }
    let now = jiff::Timestamp::now();
    let at = |hours: i64| {
        db::timestamp(
            now.checked_sub(jiff::SignedDuration::from_hours(hours))
                .unwrap_or(now),
        )
    };
    // Three hours, 75 days ago.
    let (starts, ends) = (at(24 * 75), at(24 * 75 - 3));
    sqlx::query_scalar(
        "INSERT INTO meetings (agreement_id, kind, is_open, title, description, starts_at, ends_at,
             venue_name, format, organisers, created_at, updated_at)
         VALUES ($1, 'dialogue', 1, 'Öppet dialogmöte: idéer till handlingsplanen',
             'Ett öppet dialogmöte där deltagarna tog fram förslag till överenskommelsegruppen.',
             $2, $3, 'Demohuset, Exempelgatan 1', 'in_person', 'Processledarna', $2, $2)
         RETURNING id",
    )
    .bind(agreement_id)
    .bind(&starts)
    .bind(&ends)
    .fetch_one(&mut **tx)
    .await
}

pub async fn seed(tx: &mut Tx<'_>, agreement_id: i64) -> Result<(), sqlx::Error> {
    let orgs: Vec<i64> = sqlx::query_scalar(
        "SELECT organisation_id FROM signatories WHERE agreement_id = $1 AND left_on IS NULL
         ORDER BY organisation_id LIMIT 8",
    )
    .bind(agreement_id)
    .fetch_all(&mut **tx)
    .await?;
    let areas: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM agreement_areas WHERE agreement_id = $1 ORDER BY position, id",
    )
    .bind(agreement_id)
    .fetch_all(&mut **tx)
    .await?;
    let area = |i: usize| areas.get(i % areas.len().max(1)).copied();
    let org = |i: usize| orgs.get(i).copied();
    let representative = user(tx, "representant@demo.example").await?;
    let editor = user(tx, "redaktor@demo.example").await?;
    let member = user(tx, "ledamot@demo.example").await?;
    let rep_org: Option<i64> = sqlx::query_scalar(
        "SELECT r.organisation_id FROM organisation_representatives r
         JOIN users u ON u.id = r.user_id
         JOIN signatories s ON s.organisation_id = r.organisation_id
           AND s.agreement_id = $1 AND s.left_on IS NULL
         WHERE u.email = 'representant@demo.example' ORDER BY r.organisation_id LIMIT 1",
    )
    .bind(agreement_id)
    .fetch_optional(&mut **tx)
    .await?;
    let others: Vec<i64> = orgs
        .iter()
        .copied()
        .filter(|o| Some(*o) != rep_org)
        .collect();
    let other = |i: usize| others.get(i).copied();
    let measure: Option<i64> = sqlx::query_scalar(
        "SELECT m.id FROM measures m JOIN action_plans ap ON ap.id = m.plan_id
         WHERE ap.agreement_id = $1
         ORDER BY CASE WHEN m.title = 'Dialogforum inför regionens budgetarbete' THEN 0 ELSE 1 END,
            m.id
         LIMIT 1",
    )
    .bind(agreement_id)
    .fetch_optional(&mut **tx)
    .await?;
    let meeting = past_dialogue(tx, agreement_id).await?;

    let intro = insert(
        tx,
        agreement_id,
        &Demo {
            title: "Gemensam introduktion för nya organisationer",
            text: "Organisationer som undertecknar överenskommelsen får i dag ingen introduktion.\n\n\
                Vi föreslår att överenskommelsegruppen **två gånger om året** bjuder in nya \
                organisationer till en träff om hur samverkan går till:\n\n\
                - vilka organ som finns och hur man kan delta\n\
                - hur man lämnar förslag\n\
                - vem man kontaktar i regionen",
            area: area(0),
            principle: "dialog",
            organisation: rep_org.or(org(0)),
            meeting: None,
            submitted_by: representative.as_ref().map(|u| u.0),
            history: &[("received", 60, ""), ("considering", 32, "")],
            measure: None,
        },
    )
    .await?;
    let budget = insert(
        tx,
        agreement_id,
        &Demo {
            title: "Tidig dialog inför regionens budget",
            text: "Deltagarna på dialogmötet föreslår att civilsamhällets organisationer bjuds in \
                till dialog **innan** regionens budgetförslag skrivs, inte efter.\n\n\
                En dialogträff i februari varje år skulle ge tid att lyfta behov i god tid.",
            area: area(0),
            principle: "long-term",
            organisation: None,
            meeting: Some(meeting),
            submitted_by: editor.as_ref().map(|u| u.0),
            history: &[
                ("received", 74, ""),
                ("considering", 50, ""),
                ("adopted", 20, ""),
            ],
            measure,
        },
    )
    .await?;
    let _declined = insert(
        tx,
        agreement_id,
        &Demo {
            title: "Arvode till alla deltagare i referensgrupper",
            text: "Vi föreslår att regionen betalar arvode till alla som deltar i regionens \
                referensgrupper, också när de deltar på sin arbetstid.",
            area: area(2),
            principle: "independence",
            organisation: other(1),
            meeting: None,
            submitted_by: None,
            history: &[
                ("received", 90, ""),
                ("considering", 70, ""),
                (
                    "declined",
                    40,
                    "Frågan om arvoden beslutas av regionfullmäktige och ligger utanför \
                     överenskommelsegruppens uppdrag. Gruppen lyfter frågan vidare.",
                ),
            ],
            measure: None,
        },
    )
    .await?;
    let open_data = insert(
        tx,
        agreement_id,
        &Demo {
            title: "Öppna data om bidrag till föreningar",
            text: "Publicera regionens bidrag till civilsamhällets organisationer som öppna data, \
                uppdelat per organisation och år, så att alla kan se hur pengarna fördelas.",
            area: area(1),
            principle: "openness",
            organisation: other(2),
            meeting: None,
            submitted_by: None,
            history: &[("received", 12, "")],
            measure: None,
        },
    )
    .await?;
    let diversity = insert(
        tx,
        agreement_id,
        &Demo {
            title: "Fler röster i regionens referensgrupper",
            text: "Referensgrupperna domineras av stora organisationer. Vi föreslår att minst en \
                plats i varje grupp går till en mindre förening.",
            area: area(2),
            principle: "diversity",
            organisation: other(3),
            meeting: None,
            submitted_by: None,
            history: &[("received", 6, "")],
            measure: None,
        },
    )
    .await?;
    let quality = insert(
        tx,
        agreement_id,
        &Demo {
            title: "Uppföljning av dialogmötenas resultat",
            text: "Efter varje dialogmöte bör det finnas en kort återkoppling om vad som hände \
                med det som togs upp.",
            area: area(1),
            principle: "quality",
            organisation: rep_org.or(org(0)),
            meeting: None,
            submitted_by: representative.as_ref().map(|u| u.0),
            history: &[("received", 3, "")],
            measure: None,
        },
    )
    .await?;

    for (i, o) in others.iter().take(3).enumerate() {
        support(tx, intro, *o, 50 - i as i64).await?;
    }
    if let Some(o) = other(0) {
        support(tx, budget, o, 60).await?;
        support(tx, diversity, o, 4).await?;
    }
    if let Some(o) = rep_org {
        support(tx, open_data, o, 10).await?;
    }
    if let Some(o) = other(4) {
        support(tx, quality, o, 2).await?;
    }

    if let Some((id, name)) = &member {
        comment(
            tx,
            &DemoComment {
                proposal: intro,
                user: Some(*id),
                author: name,
                organisation: None,
                text: "Bra förslag. Introduktionen kan gärna hållas digitalt så att hela länet kan delta.",
                days: 45,
                hidden: None,
            },
        )
        .await?;
    }
    if let Some((id, name)) = &editor {
        comment(
            tx,
            &DemoComment {
                proposal: intro,
                user: Some(*id),
                author: name,
                organisation: None,
                text: "Överenskommelsegruppen tar upp förslaget på nästa möte.",
                days: 31,
                hidden: None,
            },
        )
        .await?;
    }
    if let Some((id, name)) = &representative {
        comment(
            tx,
            &DemoComment {
                proposal: open_data,
                user: Some(*id),
                author: name,
                organisation: rep_org,
                text: "Vi stödjer förslaget och kan dela hur vår kommun redovisar sina bidrag.",
                days: 9,
                hidden: None,
            },
        )
        .await?;
    }
    comment(
        tx,
        &DemoComment {
            proposal: open_data,
            user: None,
            author: "Demo Kommentarsson",
            organisation: None,
            text: "Reklam för en tjänst som inte har med förslaget att göra.",
            days: 8,
            hidden: Some("Reklam som inte rör förslaget."),
        },
    )
    .await?;
    Ok(())
}
