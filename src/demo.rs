//! The demo loaded on first start: the Västra Götaland agreement with its
//! public facts (see DESIGN.md), and fictitious people in every role. No
//! real person's name or address appears here.

use crate::accessibility::{self, Statement};
use crate::accounts::password;
use crate::accounts::session::Role;
use crate::accounts::token;
use crate::config::Config;
use crate::db::{self, Db};

/// A demo account, printed to the terminal on first start.
pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub password: String,
}

const PEOPLE: [(&str, &str, Role); 4] = [
    (
        "admin@demo.example",
        "Alva Exempelsson",
        Role::Administrator,
    ),
    ("redaktor@demo.example", "Bo Demodotter", Role::Editor),
    ("ledamot@demo.example", "Cecilia Provlund", Role::Member),
    (
        "representant@demo.example",
        "Dawit Testström",
        Role::Representative,
    ),
];

/// True if the database has no agreement yet, i.e. this is a first start.
pub async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agreements")
        .fetch_one(&db.pool)
        .await?;
    Ok(n == 0)
}

/// Loads the demo. Every account gets `password` if given (tests and the
/// OVERENS_DEMO_PASSWORD variable use it), otherwise a random one of its own.
pub async fn seed(
    db: &Db,
    config: &Config,
    password: Option<&str>,
) -> Result<Vec<DemoAccount>, Box<dyn std::error::Error + Send + Sync>> {
    let fixed = password.filter(|p| !p.is_empty()).map(str::to_string);
    let mut accounts = Vec::new();
    let mut hashes = Vec::new();
    for (email, name, role) in PEOPLE {
        let password = fixed.clone().unwrap_or_else(|| token::random_hex(8));
        hashes.push(password::hash(password.clone(), config.password_cost).await?);
        accounts.push(DemoAccount {
            email,
            name,
            role,
            password,
        });
    }

    let mut tx = db.pool.begin().await?;
    let agreement_id: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (slug, name, short_name, public_body, summary, adopted_on, adopted_by, signed_on, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind("vg")
    .bind("Överenskommelsen mellan Västra Götalandsregionen och civilsamhället")
    .bind("ÖKC Västra Götaland")
    .bind("Västra Götalandsregionen")
    .bind(
        "Västra Götalandsregionen och de civilsamhällesorganisationer som undertecknat \
         överenskommelsen samverkar för regional utveckling, inom hälso- och sjukvård och i \
         inköps- och upphandlingsfrågor, enligt den nationella överenskommelsens sex principer.",
    )
    .bind("2014-11-25")
    .bind("Regionfullmäktige")
    .bind("2014-12-05")
    .bind(db::now())
    .fetch_one(&mut *tx)
    .await?;
    for (account, hash) in accounts.iter().zip(&hashes) {
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, name, password_hash, email_verified_at, language, is_admin, created_at)
             VALUES ($1, $2, $3, $4, 'sv', $5, $4) RETURNING id",
        )
        .bind(account.email)
        .bind(account.name)
        .bind(hash)
        .bind(db::now())
        .bind(i64::from(account.role == Role::Administrator))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO roles (user_id, agreement_id, role, granted_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(agreement_id)
        .bind(account.role.code())
        .bind(db::now())
        .execute(&mut *tx)
        .await?;
    }
    seed_organisations(&mut tx, agreement_id).await?;
    seed_agreement_content(&mut tx, agreement_id).await?;
    seed_bodies(&mut tx, agreement_id).await?;
    seed_election(&mut tx, agreement_id).await?;
    crate::meetings::demo::seed(&mut tx, agreement_id).await?;
    crate::plans::demo::seed(&mut tx, agreement_id).await?;
    crate::partnerships::demo::seed(&mut tx, agreement_id).await?;
    crate::proposals::demo::seed(&mut tx, agreement_id).await?;
    // Documents first: the news attaches some.
    crate::documents::demo::seed(&mut tx, config, agreement_id).await?;
    crate::news::demo::seed(&mut tx, agreement_id).await?;
    tx.commit().await?;

    accessibility::save(
        db,
        &Statement {
            organisation: "Västra Götalandsregionen (demo)".into(),
            website: "Överens – ÖKC Västra Götaland".into(),
            compliance: "partial".into(),
            non_accessible:
                "Vissa äldre dokument i PDF-format saknar struktur för skärmläsare.\n\n\
                             Inspelade webbinarier saknar ännu syntolkning."
                    .into(),
            disproportionate_burden: String::new(),
            out_of_scope: "Dokument publicerade före den 23 september 2018 omfattas inte av lagen."
                .into(),
            assessment_method: "self".into(),
            prepared_on: "2026-11-01".into(),
            reviewed_on: "2026-11-01".into(),
            contact_email: "tillganglighet@demo.example".into(),
            contact_phone: "010-000 00 00".into(),
            response_time: "5".into(),
        },
    )
    .await?;
    Ok(accounts)
}

/// Creates an administrator of the whole instance, or makes an existing
/// account one.
pub async fn create_admin(
    db: &Db,
    config: &Config,
    email: &str,
    name: &str,
    password: &str,
) -> Result<i64, Box<dyn std::error::Error + Send + Sync>> {
    let hash = password::hash(password.to_string(), config.password_cost).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, email_verified_at, is_admin, created_at)
         VALUES ($1, $2, $3, $4, 1, $4)
         ON CONFLICT (email) DO UPDATE SET is_admin = 1, password_hash = excluded.password_hash
         RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(hash)
    .bind(db::now())
    .fetch_one(&db.pool)
    .await?;
    Ok(id)
}

/// Fictitious places, so that no demo organisation is mistaken for a real one.
const PLACES: [&str; 10] = [
    "Demoby",
    "Provkulla",
    "Testeryd",
    "Exempelvik",
    "Låtsasholm",
    "Påhittsboda",
    "Skenstad",
    "Fiktivhult",
    "Övningsås",
    "Modellby",
];

const THEMES: [&str; 20] = [
    "barn och unga",
    "äldres hälsa",
    "psykisk hälsa",
    "funktionsrätt",
    "folkbildning",
    "friluftsliv",
    "kultur",
    "musik",
    "integration",
    "brottsofferstöd",
    "pensionärer",
    "anhöriga",
    "landsbygd",
    "miljö",
    "social ekonomi",
    "scouting",
    "dans",
    "lokalhistoria",
    "teater",
    "idrott",
];

/// Some of Västra Götaland's 49 municipalities (county 14).
const VG_MUNICIPALITIES: [&str; 16] = [
    "1480", "1490", "1488", "1485", "1496", "1494", "1401", "1441", "1481", "1482", "1489", "1491",
    "1493", "1499", "1415", "1462",
];

/// When the demo's organisations joined, after the 70 who signed on
/// 2014-12-05; chosen to match the public counts (104 in spring 2017, 107 in
/// 2019, 121 in May 2024).
const LATER_JOINS: [&str; 57] = [
    "2015-02-10",
    "2015-03-17",
    "2015-04-21",
    "2015-05-19",
    "2015-06-16",
    "2015-09-08",
    "2015-10-13",
    "2015-11-10",
    "2015-12-01",
    "2015-12-08",
    "2016-01-19",
    "2016-02-16",
    "2016-03-15",
    "2016-03-15",
    "2016-04-12",
    "2016-05-10",
    "2016-06-07",
    "2016-06-07",
    "2016-09-13",
    "2016-09-13",
    "2016-10-11",
    "2016-10-11",
    "2016-11-08",
    "2016-11-08",
    "2016-12-06",
    "2016-12-06",
    "2017-01-24",
    "2017-02-21",
    "2017-02-21",
    "2017-03-21",
    "2017-03-21",
    "2017-04-25",
    "2017-05-16",
    "2017-05-16",
    "2017-10-10",
    "2018-03-13",
    "2018-10-09",
    "2019-02-12",
    "2019-09-10",
    "2020-03-10",
    "2020-11-10",
    "2021-02-09",
    "2021-06-08",
    "2021-10-12",
    "2022-02-08",
    "2022-05-10",
    "2022-11-08",
    "2023-02-14",
    "2023-06-13",
    "2023-10-10",
    "2024-02-13",
    "2024-03-12",
    "2024-05-14",
    "2024-10-08",
    "2025-03-11",
    "2025-09-09",
    "2026-03-10",
];

/// (index of the organisation, left on, reason, rejoined on)
const DEPARTURES: [(usize, &str, &str, Option<&str>); 3] = [
    (
        12,
        "2018-06-30",
        "Föreningen upplöstes och gick upp i en annan förening.",
        Some("2023-06-13"),
    ),
    (
        31,
        "2019-12-01",
        "Organisationen ansåg sig inte längre ha ett regionalt perspektiv.",
        None,
    ),
    (47, "2021-04-30", "Verksamheten avslutades.", None),
];

struct DemoOrganisation {
    name: String,
    kind: &'static str,
    level: &'static str,
    legal_form: &'static str,
    theme: usize,
}

fn demo_organisations() -> Vec<DemoOrganisation> {
    let mut orgs = Vec::new();
    // About a third are umbrella organisations, one per theme and two more.
    for (i, theme) in THEMES.iter().enumerate() {
        orgs.push(DemoOrganisation {
            name: format!("Fiktiva förbundet för {theme} i Väst"),
            kind: "umbrella",
            level: if i % 7 == 0 { "national" } else { "regional" },
            legal_form: "61",
            theme: i,
        });
    }
    for (i, theme) in THEMES.iter().enumerate().take(20) {
        orgs.push(DemoOrganisation {
            name: format!("Samverkansrådet för {theme}, {}", PLACES[i % PLACES.len()]),
            kind: "umbrella",
            level: "local",
            legal_form: "61",
            theme: i,
        });
    }
    let kinds: [(&str, &str, &str); 8] = [
        ("association", "61", "förening för"),
        ("sports_club", "61", "idrottsällskap för"),
        ("study_association", "61", "studiecirklar om"),
        ("folk_high_school", "72", "folkhögskola med inriktning på"),
        ("faith_community", "63", "församlings arbete med"),
        ("social_enterprise", "51", "kooperativ för"),
        ("foundation", "72", "stiftelse för"),
        ("association", "61", "nätverk för"),
    ];
    let mut n = 0;
    while orgs.len() < 127 {
        let (kind, legal_form, what) = kinds[n % kinds.len()];
        let theme = (n * 7 + 3 + n / 80) % THEMES.len();
        let place = PLACES[(n / kinds.len()) % PLACES.len()];
        orgs.push(DemoOrganisation {
            name: format!("{place}s {what} {}", THEMES[theme]),
            kind,
            level: if n % 5 == 0 { "regional" } else { "local" },
            legal_form,
            theme,
        });
        n += 1;
    }
    orgs
}

/// A fictitious organisation number with a valid check digit.
fn demo_org_number(i: usize) -> String {
    let nine = format!("{:09}", 899_900_000 + i * 37);
    let digits: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
    let check = crate::organisations::org_number::luhn_check_digit(&digits);
    format!("{}-{}{check}", &nine[..6], &nine[6..])
}

async fn seed_organisations(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    agreement_id: i64,
) -> Result<(), sqlx::Error> {
    let now = db::now();
    let orgs = demo_organisations();
    let mut ids = Vec::with_capacity(orgs.len());
    for (i, org) in orgs.iter().enumerate() {
        let slug = crate::organisations::slugify(&org.name);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisations (slug, name, name_key, org_number, legal_form, kind, level,
                website, description, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(&slug)
        .bind(&org.name)
        .bind(crate::organisations::name_key(&org.name))
        .bind(demo_org_number(i))
        .bind(org.legal_form)
        .bind(org.kind)
        .bind(org.level)
        .bind(format!("https://{slug}.example"))
        .bind(format!(
            "En påhittad organisation i demon av Överens, som arbetar med {}.",
            THEMES[org.theme]
        ))
        .bind(&now)
        .fetch_one(&mut **tx)
        .await?;
        for k in 0..=(i % 3) {
            sqlx::query(
                "INSERT INTO organisation_municipalities (organisation_id, code) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(VG_MUNICIPALITIES[(i + k * 5) % VG_MUNICIPALITIES.len()])
            .execute(&mut **tx)
            .await?;
        }
        ids.push(id);
    }
    // Members belong to the umbrella of their theme, and some to a local council too.
    for (i, org) in orgs.iter().enumerate().skip(2 * THEMES.len()) {
        sqlx::query("INSERT INTO umbrella_members (umbrella_id, member_id) VALUES ($1, $2)")
            .bind(ids[org.theme])
            .bind(ids[i])
            .execute(&mut **tx)
            .await?;
        if i % 3 == 0 {
            sqlx::query("INSERT INTO umbrella_members (umbrella_id, member_id) VALUES ($1, $2)")
                .bind(ids[THEMES.len() + org.theme])
                .bind(ids[i])
                .execute(&mut **tx)
                .await?;
        }
    }
    for (i, id) in ids.iter().enumerate().step_by(9) {
        sqlx::query(
            "INSERT INTO contacts (organisation_id, name, title, email, phone, published, consent_at, created_at)
             VALUES ($1, $2, $3, $4, '', 1, $5, $5)",
        )
        .bind(id)
        .bind(["Ada Exempelsson", "Bertil Provdotter", "Cleo Testlund", "Dan Demoberg"][i % 4])
        .bind("Kontaktperson för överenskommelsen")
        .bind(format!("kontakt@{}.example", crate::organisations::slugify(&orgs[i].name)))
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    // The first 70 signed at the ceremony; the rest joined by decision.
    let joins = std::iter::repeat_n("2014-12-05", 70).chain(LATER_JOINS);
    for (i, (id, joined)) in ids.iter().zip(joins).enumerate() {
        let decision = if i < 70 {
            "Undertecknade vid ceremonin 2014-12-05".to_string()
        } else {
            format!("Styrgruppen {joined}")
        };
        let departure = DEPARTURES.iter().find(|d| d.0 == i);
        sqlx::query(
            "INSERT INTO signatories (agreement_id, organisation_id, joined_on, left_on, leave_reason, decision_ref, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(agreement_id)
        .bind(id)
        .bind(joined)
        .bind(departure.map(|d| d.1))
        .bind(departure.map_or("", |d| d.2))
        .bind(decision)
        .bind(crate::db::now())
        .execute(&mut **tx)
        .await?;
        if let Some((_, _, _, Some(rejoined))) = departure {
            sqlx::query(
                "INSERT INTO signatories (agreement_id, organisation_id, joined_on, decision_ref, updated_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(agreement_id)
            .bind(id)
            .bind(rejoined)
            .bind(format!("Styrgruppen {rejoined}"))
            .bind(crate::db::now())
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// The demo agreement's text, written for the demo: two versions, so that
/// the version history has something to show.
const TEXT_2014: &str = "# Syfte\n\nÖverenskommelsen ska stärka samverkan mellan Västra Götalandsregionen och de organisationer i det civila samhället som undertecknat den, så att fler kan påverka den regionala utvecklingen.\n\n# Utgångspunkter\n\nÖverenskommelsen bygger på den nationella överenskommelsen från 2008 och dess sex principer. Parterna är självständiga och har olika roller.\n\n# Samverkansområden\n\n- Regional utveckling\n- Inköps- och upphandlingsfrågor\n- Hälso- och sjukvård\n";

const TEXT_2020: &str = "# Syfte\n\nÖverenskommelsen ska stärka samverkan mellan Västra Götalandsregionen och de organisationer i det civila samhället som undertecknat den, så att fler kan påverka den regionala utvecklingen.\n\n# Utgångspunkter\n\nÖverenskommelsen bygger på den nationella överenskommelsen från 2008 och dess sex principer. Parterna är självständiga och har olika roller.\n\n# Samverkansområden\n\n- Regional utveckling\n- Inköps- och upphandlingsfrågor\n- Hälso- och sjukvård\n- Kollektivtrafik\n- Kultur\n\n# Hur vi arbetar\n\nEn regional grupp med fem politiker och fem företrädare valda av de undertecknande organisationerna leder arbetet. Gruppen möts ungefär sex gånger om året, och anteckningar från varje möte publiceras.\n";

const WORDINGS: [(&str, &str); 6] = [
    (
        "dialog",
        "Vi för samtal tidigt, innan beslut fattas, och lyssnar på varandras erfarenheter.",
    ),
    (
        "long-term",
        "Samverkan bygger på förutsättningar som håller över flera år, inte på enstaka projekt.",
    ),
    (
        "quality",
        "Vi följer upp det vi gör tillsammans och lär av det.",
    ),
    (
        "openness",
        "Det vi beslutar och hur vi arbetar redovisas öppet för alla.",
    ),
    (
        "independence",
        "Organisationerna är fria att granska, kritisera och driva sina frågor.",
    ),
    (
        "diversity",
        "Alla slags organisationer, stora och små, ska kunna delta.",
    ),
];

const EVENTS: [(&str, &str); 8] = [
    (
        "2008-11-01",
        "Den nationella överenskommelsen mellan regeringen, idéburna organisationer och SKL blir klar.",
    ),
    ("2014-11-25", "Regionfullmäktige antar överenskommelsen."),
    (
        "2014-12-05",
        "Omkring 70 organisationer undertecknar överenskommelsen.",
    ),
    ("2017-05-31", "104 organisationer har anslutit sig."),
    (
        "2019-12-10",
        "Regionstyrelsen beslutar om handlingsplanen 2020–2022.",
    ),
    (
        "2020-02-01",
        "Kollektivtrafik och kultur blir nya samverkansområden.",
    ),
    (
        "2024-01-01",
        "Handlingsplanen 2024–2026 med tre strategiska områden börjar gälla.",
    ),
    ("2024-05-31", "121 organisationer har anslutit sig."),
];

async fn seed_agreement_content(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    agreement_id: i64,
) -> Result<(), sqlx::Error> {
    for (version, body, note, on) in [
        (1, TEXT_2014, "Den antagna överenskommelsen.", "2014-11-25"),
        (
            2,
            TEXT_2020,
            "Kollektivtrafik och kultur tillagda; arbetsformerna beskrivna.",
            "2020-02-01",
        ),
    ] {
        sqlx::query(
            "INSERT INTO agreement_texts (agreement_id, version, body, note, published_on) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(agreement_id)
        .bind(version)
        .bind(body)
        .bind(note)
        .bind(on)
        .execute(&mut **tx)
        .await?;
    }
    for (key, wording) in WORDINGS {
        sqlx::query("INSERT INTO agreement_principles (agreement_id, principle, wording) VALUES ($1, $2, $3)")
            .bind(agreement_id)
            .bind(key)
            .bind(wording)
            .execute(&mut **tx)
            .await?;
    }
    let areas = [
        "Regional utveckling",
        "Inköps- och upphandlingsfrågor",
        "Hälso- och sjukvård",
        "Kollektivtrafik",
        "Kultur",
    ];
    for (i, name) in areas.iter().enumerate() {
        sqlx::query(
            "INSERT INTO agreement_areas (agreement_id, position, name) VALUES ($1, $2, $3)",
        )
        .bind(agreement_id)
        .bind(i as i64)
        .bind(name)
        .execute(&mut **tx)
        .await?;
    }
    for (on, text) in EVENTS {
        sqlx::query(
            "INSERT INTO agreement_events (agreement_id, happened_on, text) VALUES ($1, $2, $3)",
        )
        .bind(agreement_id)
        .bind(on)
        .bind(text)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Fictitious people for the demo's bodies. Phone numbers are from the
/// ranges Sweden's telecom regulator sets aside for fiction.
const FIRST_NAMES: [&str; 16] = [
    "Ebba", "Filip", "Greta", "Hugo", "Ines", "Jonatan", "Klara", "Linus", "Maja", "Nils",
    "Olivia", "Petter", "Rakel", "Sixten", "Tuva", "Ville",
];
const SURNAMES: [&str; 8] = [
    "Exempelsson",
    "Provdotter",
    "Testlund",
    "Demoberg",
    "Påhittsson",
    "Låtsasgren",
    "Skenström",
    "Övningsdal",
];
const PARTIES: [&str; 8] = ["S", "M", "SD", "C", "V", "KD", "L", "MP"];

/// (body, side, role, party, index of the organisation, from, to)
type DemoTerm = (
    i64,
    &'static str,
    &'static str,
    String,
    Option<usize>,
    &'static str,
    Option<&'static str>,
);

async fn seed_bodies(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    agreement_id: i64,
) -> Result<(), sqlx::Error> {
    let now = db::now();
    let body = |slug: &'static str,
                name: &'static str,
                kind: &'static str,
                purpose: &'static str,
                seats: (i64, i64),
                reports_to: Option<i64>,
                position: i64| {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO bodies (agreement_id, slug, name, kind, purpose, reports_to, politician_seats,
                civil_society_seats, has_substitutes, position, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10) RETURNING id",
        )
        .bind(agreement_id)
        .bind(slug)
        .bind(name)
        .bind(kind)
        .bind(purpose)
        .bind(reports_to)
        .bind(seats.0)
        .bind(seats.1)
        .bind(position)
        .bind(now.clone())
    };
    let committee = body(
        "beredningen-for-folkhalsa-och-social-hallbarhet",
        "Beredningen för folkhälsa och social hållbarhet",
        "committee",
        "Håller i överenskommelsen på Regionstyrelsens uppdrag: en politiker per parti och fyra företrädare för civilsamhället.",
        (8, 4),
        None,
        0,
    )
    .fetch_one(&mut **tx)
    .await?;
    let group = body(
        "regionala-overenskommelsegruppen",
        "Regionala överenskommelsegruppen (RÖS)",
        "agreement_group",
        "Leder arbetet med överenskommelsen: fem politiker och fem företrädare valda av de undertecknande organisationerna. Möts ungefär sex gånger om året.",
        (5, 5),
        Some(committee),
        1,
    )
    .fetch_one(&mut **tx)
    .await?;
    let steering = body(
        "styrgruppen",
        "Styrgruppen",
        "steering_group",
        "Bereder ärenden och beslutar om ansökningar om anslutning.",
        (3, 3),
        Some(group),
        2,
    )
    .fetch_one(&mut **tx)
    .await?;
    let orgs: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM organisations WHERE kind = 'umbrella' ORDER BY id LIMIT 12",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut n = 0usize;
    let mut person = async |tx: &mut sqlx::Transaction<'_, sqlx::Any>,
                            user_id: Option<i64>,
                            name: Option<&str>|
           -> Result<i64, sqlx::Error> {
        n += 1;
        let name = name.map_or_else(
            || format!("{} {}", FIRST_NAMES[n % 16], SURNAMES[(n / 2) % 8]),
            str::to_string,
        );
        let publish = !n.is_multiple_of(3);
        sqlx::query_scalar(
            "INSERT INTO people (name, user_id, work_email, work_phone, publish_email, publish_phone, consent_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(&name)
        .bind(user_id)
        .bind(format!("person{n}@demo.example"))
        .bind(format!("+4631390{:04}", 600 + n % 100))
        .bind(i64::from(publish))
        .bind(i64::from(publish && n.is_multiple_of(2)))
        .bind(publish.then(|| now.clone()))
        .bind(&now)
        .fetch_one(&mut **tx)
        .await
    };
    // (body, side, role, party or organisation index, from, to)
    let mut terms: Vec<DemoTerm> = Vec::new();
    for (i, party) in PARTIES.iter().enumerate() {
        terms.push((
            committee,
            "politician",
            if i == 0 { "chair" } else { "member" },
            party.to_string(),
            None,
            "2023-01-01",
            Some("2026-12-31"),
        ));
    }
    for i in 0..4 {
        terms.push((
            committee,
            "civil_society",
            "member",
            String::new(),
            Some(i),
            "2023-01-01",
            Some("2026-12-31"),
        ));
    }
    for (i, party) in ["S", "M", "C", "KD", "V"].iter().enumerate() {
        terms.push((
            group,
            "politician",
            if i == 0 { "chair" } else { "member" },
            party.to_string(),
            None,
            "2023-01-01",
            Some("2026-12-31"),
        ));
        terms.push((
            group,
            "politician",
            "member",
            party.to_string(),
            None,
            "2019-01-01",
            Some("2022-12-31"),
        ));
    }
    // One civil-society seat is vacant now: four of five are filled.
    for i in 0..4 {
        terms.push((
            group,
            "civil_society",
            if i == 0 { "vice_chair" } else { "member" },
            String::new(),
            Some(4 + i),
            "2023-01-01",
            Some("2026-12-31"),
        ));
    }
    for i in 0..5 {
        terms.push((
            group,
            "civil_society",
            "member",
            String::new(),
            Some(8 + i % 4),
            "2019-01-01",
            Some("2022-12-31"),
        ));
    }
    terms.push((
        group,
        "officer",
        "process_leader",
        String::new(),
        None,
        "2023-01-01",
        None,
    ));
    terms.push((
        group,
        "civil_society",
        "process_leader",
        String::new(),
        Some(0),
        "2023-01-01",
        None,
    ));
    for (i, party) in ["S", "M", "C"].iter().enumerate() {
        terms.push((
            steering,
            "politician",
            "member",
            party.to_string(),
            None,
            "2023-01-01",
            Some("2026-12-31"),
        ));
        terms.push((
            steering,
            "civil_society",
            "member",
            String::new(),
            Some(i + 1),
            "2023-01-01",
            Some("2026-12-31"),
        ));
    }
    // The demo's body member sits in the agreement group for the current term.
    let member_user: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'ledamot@demo.example'")
            .fetch_optional(&mut **tx)
            .await?;
    let mut linked = false;
    for (body_id, side, role, party, org, from, to) in terms {
        let is_demo_member = !linked
            && body_id == group
            && side == "civil_society"
            && role == "member"
            && from == "2023-01-01";
        let person_id = if is_demo_member && member_user.is_some() {
            linked = true;
            person(tx, member_user, Some("Cecilia Provlund")).await?
        } else {
            person(tx, None, None).await?
        };
        sqlx::query(
            "INSERT INTO memberships (body_id, person_id, side, role, party, organisation_id, starts_on, ends_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(body_id)
        .bind(person_id)
        .bind(side)
        .bind(role)
        .bind(party)
        .bind(org.and_then(|i| orgs.get(i).copied()))
        .bind(from)
        .bind(to)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The demo's representative keeps one organisation's profile and can vote
/// in the open election for the agreement group.
async fn seed_election(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    agreement_id: i64,
) -> Result<(), sqlx::Error> {
    let now = db::now();
    let orgs: Vec<i64> = sqlx::query_scalar(
        "SELECT organisation_id FROM signatories WHERE agreement_id = $1 AND left_on IS NULL ORDER BY organisation_id LIMIT 4",
    )
    .bind(agreement_id)
    .fetch_all(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO organisation_representatives (organisation_id, user_id, since)
         SELECT $1, id, $2 FROM users WHERE email = 'representant@demo.example'",
    )
    .bind(orgs[3])
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    let body: i64 = sqlx::query_scalar(
        "SELECT id FROM bodies WHERE agreement_id = $1 AND kind = 'agreement_group'",
    )
    .bind(agreement_id)
    .fetch_one(&mut **tx)
    .await?;
    let election: i64 = sqlx::query_scalar(
        "INSERT INTO elections (agreement_id, body_id, title, seats, term_starts_on, term_ends_on, mode, state, electorate_on, created_at)
         VALUES ($1, $2, 'Val av civilsamhällets företrädare i RÖS 2027–2030', 5, '2027-01-01', '2030-12-31', 'online', 'voting', '2026-11-01', $3)
         RETURNING id",
    )
    .bind(agreement_id)
    .bind(body)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    for (i, name) in [
        "Alma Kandidatsson",
        "Bruno Valberg",
        "Cornelia Röstlund",
        "Dennis Nominé",
    ]
    .iter()
    .enumerate()
    {
        sqlx::query(
            "INSERT INTO nominations (election_id, nominee_name, nominee_email, organisation_id, presentation,
                nominated_by, token_hash, confirmed_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $4, $6, $7, $7)",
        )
        .bind(election)
        .bind(name)
        .bind(format!("kandidat{i}@demo.example"))
        .bind(orgs[i % orgs.len()])
        .bind("Vill arbeta för tidig dialog och långsiktigt stöd till civilsamhället.")
        .bind(token::random_hex(16))
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
