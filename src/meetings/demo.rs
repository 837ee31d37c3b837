//! Demo meetings, placed relative to the day the demo is loaded so that the
//! calendar always has something coming: a dialogue conference two weeks
//! ahead with registration open, meetings of the agreement group and the
//! steering group, a webinar, and past meetings with published notes,
//! minutes and decisions. Every name in them is fictitious.

use jiff::ToSpan;
use jiff::civil::{Date, Time, Weekday};

use super::time;
use crate::accounts::token;
use crate::db;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// The first `weekday` on or after `from`.
fn on_or_after(from: Date, weekday: Weekday) -> Date {
    let mut d = from;
    while d.weekday() != weekday {
        d = d.tomorrow().expect("a date far from the end of time");
    }
    d
}

fn at(d: Date, h: i8, m: i8) -> String {
    time::to_stored(d, Time::constant(h, m, 0, 0)).expect("a valid Stockholm time")
}

struct DemoMeeting {
    body: Option<&'static str>,
    kind: &'static str,
    is_open: i64,
    title: &'static str,
    description: &'static str,
    day: Date,
    from: (i8, i8),
    to: (i8, i8),
    venue: (&'static str, &'static str, &'static str),
    format: &'static str,
    online_url: &'static str,
    link_visibility: &'static str,
    organisers: &'static str,
    /// (in person, online, per organisation) when it takes registrations.
    registration: Option<(Option<i64>, Option<i64>, Option<i64>)>,
}

const VENUE: (&str, &str, &str) = (
    "Konferenscentrum Ekparken",
    "Parkvägen 12, 462 00 Vänersborg",
    "Entré utan trappsteg, hörslinga i stora salen, tillgänglig toalett på varje plan. Busshållplats Ekparken 150 meter.",
);

async fn insert(tx: &mut Tx<'_>, agreement_id: i64, m: &DemoMeeting) -> Result<i64, sqlx::Error> {
    let body_id: Option<i64> = match m.body {
        Some(kind) => {
            sqlx::query_scalar("SELECT id FROM bodies WHERE agreement_id = $1 AND kind = $2")
                .bind(agreement_id)
                .bind(kind)
                .fetch_optional(&mut **tx)
                .await?
        }
        None => None,
    };
    let now = db::now();
    let (opens, capacity_in_person, capacity_online, limit) = match m.registration {
        Some((p, o, l)) => (
            Some(at(m.day.checked_sub(40.days()).unwrap_or(m.day), 0, 0)),
            p,
            o,
            l,
        ),
        None => (None, None, None, None),
    };
    let closes = m
        .registration
        .map(|_| at(m.day.checked_sub(3.days()).unwrap_or(m.day), 23, 59));
    sqlx::query_scalar(
        "INSERT INTO meetings (agreement_id, body_id, kind, is_open, title, description, starts_at,
            ends_at, venue_name, venue_address, venue_accessibility, format, online_url,
            link_visibility, organisers, registration_opens_at, registration_closes_at,
            capacity_in_person, capacity_online, per_organisation_limit, waitlist, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
            $19, $20, 1, $21, $21)
         RETURNING id",
    )
    .bind(agreement_id)
    .bind(body_id)
    .bind(m.kind)
    .bind(m.is_open)
    .bind(m.title)
    .bind(m.description)
    .bind(at(m.day, m.from.0, m.from.1))
    .bind(at(m.day, m.to.0, m.to.1))
    .bind(m.venue.0)
    .bind(m.venue.1)
    .bind(m.venue.2)
    .bind(m.format)
    .bind(m.online_url)
    .bind(m.link_visibility)
    .bind(m.organisers)
    .bind(opens)
    .bind(closes)
    .bind(capacity_in_person)
    .bind(capacity_online)
    .bind(limit)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

async fn agenda(
    tx: &mut Tx<'_>,
    meeting: i64,
    items: &[(&str, &str, &str)],
) -> Result<(), sqlx::Error> {
    for (i, (time, title, presenter)) in items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO agenda_items (meeting_id, position, title, presenter, starts_time)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(meeting)
        .bind(i as i64 + 1)
        .bind(title)
        .bind(presenter)
        .bind(time)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn contact(
    tx: &mut Tx<'_>,
    meeting: i64,
    (name, role, email, phone): (&str, &str, &str, &str),
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO meeting_contacts (meeting_id, name, role, email, phone, position) VALUES ($1, $2, $3, $4, $5, 0)",
    )
    .bind(meeting)
    .bind(name)
    .bind(role)
    .bind(email)
    .bind(phone)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Published minutes with numbered sections; a section with a decision is
/// also entered in the decisions register.
async fn minutes(
    tx: &mut Tx<'_>,
    agreement_id: i64,
    meeting: i64,
    kind: &str,
    day: Date,
    sections: &[(&str, &str, &str)],
) -> Result<(), sqlx::Error> {
    let now = db::now();
    let (body_id, starts_at): (Option<i64>, String) =
        sqlx::query_as("SELECT body_id, starts_at FROM meetings WHERE id = $1")
            .bind(meeting)
            .fetch_one(&mut **tx)
            .await?;
    let adjusted =
        (kind == "protocol").then(|| day.checked_add(7.days()).unwrap_or(day).to_string());
    let minutes_id: i64 = sqlx::query_scalar(
        "INSERT INTO minutes (meeting_id, kind, state, chair, secretary, present, adjusters, adjusted_on,
            published_at, version, created_at, updated_at)
         VALUES ($1, $2, 'published', 'Greta Ordförandesson', 'Hugo Sekreterarsson',
            'Ledamöterna enligt närvarolistan', $3, $4, $5, 1, $5, $5) RETURNING id",
    )
    .bind(meeting)
    .bind(kind)
    .bind(if kind == "protocol" { "Ines Justerarsdotter" } else { "" })
    .bind(adjusted)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    let series = body_id.map_or_else(|| "agreement".to_string(), |b| b.to_string());
    let year = i64::from(day.year());
    for (i, (title, discussion, decision)) in sections.iter().enumerate() {
        let number: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM minutes_sections
             WHERE agreement_id = $1 AND series = $2 AND year = $3",
        )
        .bind(agreement_id)
        .bind(&series)
        .bind(year)
        .fetch_one(&mut **tx)
        .await?;
        let section: i64 = sqlx::query_scalar(
            "INSERT INTO minutes_sections (minutes_id, agreement_id, series, year, number, position, title, discussion, decision)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(minutes_id)
        .bind(agreement_id)
        .bind(&series)
        .bind(year)
        .bind(number)
        .bind(i as i64 + 1)
        .bind(title)
        .bind(discussion)
        .bind(decision)
        .fetch_one(&mut **tx)
        .await?;
        if !decision.is_empty() {
            sqlx::query(
                "INSERT INTO decisions (agreement_id, decided_on, body_id, meeting_id, section_id, section_label, text, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(agreement_id)
            .bind(time::local(&starts_at).map_or_else(|| starts_at[..10].to_string(), |z| z.date().to_string()))
            .bind(body_id)
            .bind(meeting)
            .bind(section)
            .bind(format!("§ {number}"))
            .bind(decision)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

pub async fn seed(tx: &mut Tx<'_>, agreement_id: i64) -> Result<(), sqlx::Error> {
    let today = jiff::Zoned::now().with_time_zone(time::stockholm()).date();
    let ahead = |days: i64, weekday: Weekday| {
        on_or_after(today.checked_add(days.days()).unwrap_or(today), weekday)
    };
    let behind = |days: i64, weekday: Weekday| {
        on_or_after(today.checked_sub(days.days()).unwrap_or(today), weekday)
    };
    let conference = insert(
        tx,
        agreement_id,
        &DemoMeeting {
            body: None,
            kind: "conference",
            is_open: 1,
            title: "Dialogkonferens: Tidig dialog i praktiken",
            description: "Årets dialogkonferens för alla som undertecknat överenskommelsen. \
                Vi följer upp handlingsplanens tre strategiska områden och samlar **nya förslag och \
                åtgärder** inför nästa år.\n\nKonferensen sänds digitalt för den som inte kan komma \
                på plats.",
            day: ahead(14, Weekday::Wednesday),
            from: (13, 0),
            to: (17, 0),
            venue: VENUE,
            format: "hybrid",
            online_url: "https://stream.demo.example/dialogkonferens",
            link_visibility: "registered",
            organisers: "Regionens enhet för social hållbarhet och RÖS",
            registration: Some((Some(80), Some(200), Some(3))),
        },
    )
    .await?;
    agenda(
        tx,
        conference,
        &[
            ("13.00", "Välkommen och inledning", "Ordförande i RÖS"),
            (
                "13.20",
                "Handlingsplanen 2024–2026: var står vi?",
                "Processledarna",
            ),
            ("14.15", "Samtal i grupper: tidig dialog i praktiken", ""),
            ("15.15", "Fika", ""),
            ("15.45", "Förslag och åtgärder inför nästa år", "Moderator"),
            ("16.45", "Avslutning", "Ordförande i RÖS"),
        ],
    )
    .await?;
    contact(
        tx,
        conference,
        (
            "Johanna Kontaktsson",
            "Processledare, regionen",
            "kontakt1@demo.example",
            "+46313900701",
        ),
    )
    .await?;
    contact(
        tx,
        conference,
        (
            "Karim Samordnare",
            "Processledare, civilsamhället",
            "kontakt2@demo.example",
            "+46313900702",
        ),
    )
    .await?;
    registrations(tx, agreement_id, conference).await?;

    let group_meeting = insert(
        tx,
        agreement_id,
        &DemoMeeting {
            body: Some("agreement_group"),
            kind: "body_meeting",
            is_open: 1,
            title: "RÖS sammanträde och öppet dialogmöte",
            description: "Sammanträdet följs av ett öppet dialogmöte för alla undertecknande organisationer.",
            day: ahead(16, Weekday::Thursday),
            from: (9, 30),
            to: (12, 0),
            venue: VENUE,
            format: "in_person",
            online_url: "",
            link_visibility: "everyone",
            organisers: "RÖS",
            registration: Some((Some(40), Some(0), Some(2))),
        },
    )
    .await?;
    agenda(
        tx,
        group_meeting,
        &[
            (
                "09.30",
                "Mötets öppnande och val av justerare",
                "Ordförande",
            ),
            ("09.40", "Uppföljning av handlingsplanen", "Processledarna"),
            (
                "10.30",
                "Öppet dialogmöte: idéburet offentligt partnerskap",
                "",
            ),
            ("11.50", "Mötets avslutande", "Ordförande"),
        ],
    )
    .await?;
    insert(
        tx,
        agreement_id,
        &DemoMeeting {
            body: Some("steering_group"),
            kind: "body_meeting",
            is_open: 0,
            title: "Styrgruppens sammanträde",
            description: "Styrgruppen bereder ärenden och beslutar om ansökningar om anslutning.",
            day: ahead(12, Weekday::Tuesday),
            from: (10, 0),
            to: (11, 30),
            venue: ("Digitalt", "", ""),
            format: "online",
            online_url: "https://meet.demo.example/styrgruppen",
            link_visibility: "members",
            organisers: "",
            registration: None,
        },
    )
    .await?;
    insert(
        tx,
        agreement_id,
        &DemoMeeting {
            body: None,
            kind: "webinar",
            is_open: 1,
            title: "Webbinarium: Så fungerar idéburet offentligt partnerskap",
            description: "En timme om vad ett IOP är, när det passar och hur man kommer i gång.",
            day: ahead(49, Weekday::Tuesday),
            from: (12, 0),
            to: (13, 0),
            venue: ("", "", ""),
            format: "online",
            online_url: "https://stream.demo.example/iop",
            link_visibility: "registered",
            organisers: "Regionens enhet för social hållbarhet",
            registration: Some((Some(0), None, None)),
        },
    )
    .await?;

    // What has been: two meetings of the agreement group with notes, and the
    // steering group's adjusted minutes.
    for (weeks, title) in [(20, "RÖS sammanträde"), (9, "RÖS sammanträde")] {
        let day = behind(weeks * 7, Weekday::Thursday);
        let id = insert(
            tx,
            agreement_id,
            &DemoMeeting {
                body: Some("agreement_group"),
                kind: "body_meeting",
                is_open: 1,
                title,
                description: "",
                day,
                from: (9, 30),
                to: (12, 0),
                venue: VENUE,
                format: "in_person",
                online_url: "",
                link_visibility: "everyone",
                organisers: "RÖS",
                registration: None,
            },
        )
        .await?;
        minutes(
            tx,
            agreement_id,
            id,
            "notes",
            day,
            &[
                ("Mötets öppnande", "Ordföranden hälsade alla välkomna.", ""),
                (
                    "Uppföljning av handlingsplanen",
                    "Processledarna redogjorde för läget i de tre strategiska områdena. Arbetet med tidig dialog ligger i fas; stödformerna behöver mer tid.",
                    "RÖS lägger redovisningen till handlingarna och ger processledarna i uppdrag att ta fram förslag om stödformer till nästa möte.",
                ),
                (
                    "Dialogkonferensen",
                    "Gruppen diskuterade upplägget för årets dialogkonferens.",
                    "RÖS beslutar att hålla dialogkonferensen som ett hybridmöte.",
                ),
                ("Mötets avslutande", "", ""),
            ],
        )
        .await?;
    }
    let day = behind(6 * 7, Weekday::Tuesday);
    let steering = insert(
        tx,
        agreement_id,
        &DemoMeeting {
            body: Some("steering_group"),
            kind: "body_meeting",
            is_open: 0,
            title: "Styrgruppens sammanträde",
            description: "",
            day,
            from: (10, 0),
            to: (11, 30),
            venue: ("Digitalt", "", ""),
            format: "online",
            online_url: "https://meet.demo.example/styrgruppen",
            link_visibility: "members",
            organisers: "",
            registration: None,
        },
    )
    .await?;
    minutes(
        tx,
        agreement_id,
        steering,
        "protocol",
        day,
        &[
            (
                "Val av justerare",
                "",
                "Styrgruppen utser Ines Justerarsdotter att justera protokollet.",
            ),
            (
                "Ansökningar om anslutning",
                "Två ansökningar har kommit in och beretts av sekretariatet.",
                "Styrgruppen godkänner de två ansökningarna om anslutning till överenskommelsen.",
            ),
        ],
    )
    .await?;
    // A decision taken outside the agreement's own bodies.
    sqlx::query(
        "INSERT INTO decisions (agreement_id, decided_on, body_name, section_label, text, created_at)
         VALUES ($1, '2023-12-12', 'Regionstyrelsen', '§ 301', $2, $3)",
    )
    .bind(agreement_id)
    .bind("Regionstyrelsen fastställer handlingsplanen 2024–2026 för överenskommelsen med tre strategiska områden.")
    .bind(db::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Thirty people from the demo organisations have registered for the conference.
async fn registrations(
    tx: &mut Tx<'_>,
    agreement_id: i64,
    meeting: i64,
) -> Result<(), sqlx::Error> {
    let orgs: Vec<(i64, String)> = sqlx::query_as(
        "SELECT o.id, o.name FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = $1 AND s.left_on IS NULL ORDER BY o.id LIMIT 15",
    )
    .bind(agreement_id)
    .fetch_all(&mut **tx)
    .await?;
    let first = [
        "Anna", "Bertil", "Cyrus", "Disa", "Elias", "Frida", "Gustav", "Hanna", "Ivar", "Jasmin",
    ];
    let last = [
        "Demosson",
        "Provberg",
        "Testlund",
        "Exempeldal",
        "Fiktivsson",
    ];
    let now = db::now();
    for i in 0..30usize {
        let (org_id, _) = &orgs[i % orgs.len()];
        let mode = if i % 3 == 0 { "online" } else { "in_person" };
        sqlx::query(
            "INSERT INTO registrations (meeting_id, name, email, organisation_id, mode, status, dietary,
                accessibility, message, token_hash, created_at, updated_at, confirmed_at)
             VALUES ($1, $2, $3, $4, $5, 'confirmed', $6, $7, '', $8, $9, $9, $9)",
        )
        .bind(meeting)
        .bind(format!("{} {}", first[i % 10], last[i % 5]))
        .bind(format!("deltagare{i}@demo.example"))
        .bind(org_id)
        .bind(mode)
        .bind(if i % 7 == 0 { "Vegetarisk" } else { "" })
        .bind(if i % 11 == 0 { "Behöver hörslinga" } else { "" })
        .bind(token::hash(&token::random_hex(16)))
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
