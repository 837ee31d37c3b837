//! Demo action plans: 2020–2022, closed, 2024–2026 with three strategic
//! areas, being followed up, and a draft for 2027–2029. Every name in them is fictitious.

use crate::accounts::token;
use crate::db;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// A demo indicator: (name, unit, baseline, baseline year, target, target
/// year, values by year).
type DemoIndicator = (
    &'static str,
    &'static str,
    f64,
    i64,
    f64,
    i64,
    &'static [(i64, f64)],
);

/// A demo follow-up: (reported on, text, status, reason, progress, index of
/// the reporting party, reported in the 2025 cycle).
type DemoFollowUp = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    Option<usize>,
    bool,
);

struct DemoMeasure {
    title: &'static str,
    description: &'static str,
    contact: (&'static str, &'static str),
    starts_on: &'static str,
    ends_on: &'static str,
    status: &'static str,
    reason: &'static str,
    progress: i64,
    /// Indexes into the plan's parties.
    parties: &'static [usize],
    indicators: &'static [DemoIndicator],
    follow_ups: &'static [DemoFollowUp],
}

struct DemoArea {
    title: &'static str,
    description: &'static str,
    measures: &'static [DemoMeasure],
}

const fn measure(
    title: &'static str,
    description: &'static str,
    period: (&'static str, &'static str),
    status: (&'static str, &'static str, i64),
    parties: &'static [usize],
) -> DemoMeasure {
    DemoMeasure {
        title,
        description,
        contact: ("Elin Exempelsson", "social.hallbarhet@demo.example"),
        starts_on: period.0,
        ends_on: period.1,
        status: status.0,
        reason: status.1,
        progress: status.2,
        parties,
        indicators: &[],
        follow_ups: &[],
    }
}

const CLOSED_AREAS: [DemoArea; 2] = [
    DemoArea {
        title: "Kunskap om överenskommelsen",
        description: "Fler ska känna till överenskommelsen och dess principer.",
        measures: &[
            measure(
                "Seminarieserie om överenskommelsens sex principer",
                "Sex seminarier, ett per princip, för förtroendevalda, tjänstepersoner och organisationernas företrädare.",
                ("2020-03-01", "2021-06-30"),
                ("done", "", 100),
                &[0],
            ),
            measure(
                "Digital plattform för dialog",
                "En webbplats där regionen och organisationerna kan samråda i pågående ärenden.",
                ("2020-09-01", "2022-06-30"),
                (
                    "cancelled",
                    "Ersattes av regionens gemensamma e-tjänst för samråd.",
                    20,
                ),
                &[0],
            ),
        ],
    },
    DemoArea {
        title: "Former för samverkan",
        description: "Pröva nya sätt att arbeta tillsammans.",
        measures: &[measure(
            "Modell för idéburet offentligt partnerskap",
            "En vägledning för när och hur regionen kan ingå idéburna offentliga partnerskap (IOP).",
            ("2021-01-01", "2022-12-31"),
            ("done", "", 100),
            &[0],
        )],
    },
];

// Parties of the 2024–2026 plan: 0–2 are units of the region, 3–5
// signatory organisations; 4 is the demo representative's.
const CURRENT_AREAS: [DemoArea; 3] = [
    DemoArea {
        title: "Öka kunskapen om varandras förutsättningar",
        description: "Regionen och civilsamhället ska förstå varandras roller, villkor och sätt att arbeta.",
        measures: &[
            DemoMeasure {
                indicators: &[(
                    "Utbildade tjänstepersoner",
                    "antal",
                    0.0,
                    2023,
                    300.0,
                    2026,
                    &[(2024, 85.0), (2025, 190.0)],
                )],
                follow_ups: &[
                    (
                        "2024-12-05",
                        "Fyra utbildningstillfällen har hållits, två av dem digitalt. 85 tjänstepersoner har gått utbildningen.",
                        "ongoing",
                        "",
                        30,
                        Some(0),
                        false,
                    ),
                    (
                        "2025-12-10",
                        "Utbildningen ingår nu i introduktionen för nyanställda på koncernkontoret. 190 har gått den hittills.",
                        "ongoing",
                        "",
                        60,
                        Some(0),
                        true,
                    ),
                ],
                ..measure(
                    "Utbildning om civilsamhällets villkor för regionens tjänstepersoner",
                    "En halvdagsutbildning om **civilsamhällets organisering**, finansiering och roll, som hålls tillsammans med företrädare för organisationerna.\n\n- för handläggare av bidrag\n- för chefer i förvaltningarna",
                    ("2024-01-01", "2026-12-31"),
                    ("ongoing", "", 60),
                    &[0, 3],
                )
            },
            DemoMeasure {
                follow_ups: &[(
                    "2024-11-20",
                    "Kunskapsdagen hölls den 14 november med 140 deltagare från 60 organisationer och sex nämnder.",
                    "done",
                    "",
                    100,
                    Some(4),
                    false,
                )],
                ..measure(
                    "Gemensam kunskapsdag om överenskommelsen",
                    "En dag där organisationerna och regionens nämnder berättar om sitt arbete och sina villkor.",
                    ("2024-03-01", "2024-11-30"),
                    ("done", "", 100),
                    &[1, 4],
                )
            },
            measure(
                "Kartläggning av civilsamhällets organisering i Västra Götaland",
                "En kartläggning av vilka organisationer som finns i länet, hur de är organiserade och vad de behöver.",
                ("2025-01-01", "2026-12-31"),
                (
                    "postponed",
                    "Kartläggningen väntar på den nationella statistiken om civilsamhället, som kommer 2026.",
                    20,
                ),
                &[1],
            ),
        ],
    },
    DemoArea {
        title: "Stimulera jämlika strukturer för tidig dialog",
        description: "Civilsamhället ska komma in tidigt, innan beslut fattas, på lika villkor.",
        measures: &[
            DemoMeasure {
                indicators: &[(
                    "Nämnder som fört dialog med civilsamhället före beslut",
                    "%",
                    20.0,
                    2023,
                    75.0,
                    2026,
                    &[(2024, 35.0), (2025, 50.5)],
                )],
                follow_ups: &[
                    (
                        "2024-12-12",
                        "Två dialogforum har hållits inför budgeten för 2025.",
                        "ongoing",
                        "",
                        25,
                        None,
                        false,
                    ),
                    (
                        "2025-12-15",
                        "Dialogforum hölls i mars och september. Hälften av nämnderna deltog.",
                        "ongoing",
                        "",
                        45,
                        Some(0),
                        true,
                    ),
                ],
                ..measure(
                    "Dialogforum inför regionens budgetarbete",
                    "Två gånger om året möts nämndernas presidier och organisationernas företrädare innan budgeten bereds.",
                    ("2024-01-01", "2026-12-31"),
                    ("ongoing", "", 45),
                    &[0, 4],
                )
            },
            measure(
                "Vägledning för tidig dialog i nämndernas beredning",
                "En vägledning för tjänstepersoner: när och hur civilsamhället ska bjudas in i ett ärende.",
                ("2026-01-01", "2026-12-31"),
                ("planned", "", 0),
                &[0, 5],
            ),
            measure(
                "Dialogråd i kollektivtrafiken",
                "Ett försök med ett dialogråd där organisationer för resenärer med funktionsnedsättning deltar.",
                ("2024-06-01", "2025-12-31"),
                (
                    "cancelled",
                    "Kollektivtrafiknämnden valde att samråda i sitt eget resenärsforum i stället.",
                    10,
                ),
                &[1],
            ),
        ],
    },
    DemoArea {
        title: "Utveckla långsiktiga former för stöd och finansiering",
        description: "Stödet till civilsamhället ska vara förutsägbart och räcka över flera år.",
        measures: &[
            DemoMeasure {
                indicators: &[(
                    "Bidrag som beviljas för mer än ett år",
                    "%",
                    15.0,
                    2023,
                    50.0,
                    2026,
                    &[(2024, 22.0), (2025, 34.0)],
                )],
                follow_ups: &[
                    (
                        "2024-12-01",
                        "Kulturnämnden har beslutat om treåriga verksamhetsbidrag från 2025.",
                        "ongoing",
                        "",
                        40,
                        Some(2),
                        false,
                    ),
                    (
                        "2025-12-18",
                        "Regionutvecklingsnämnden har gjort samma ändring. Regler för ansökan är förenklade.",
                        "ongoing",
                        "",
                        70,
                        Some(1),
                        true,
                    ),
                ],
                ..measure(
                    "Översyn av regionens bidragsregler för civilsamhället",
                    "Nämndernas regler för bidrag ses över så att fler bidrag kan ges för flera år och ansökan blir enklare.",
                    ("2024-01-01", "2025-12-31"),
                    ("ongoing", "", 70),
                    &[1, 2, 5],
                )
            },
            DemoMeasure {
                follow_ups: &[(
                    "2025-12-20",
                    "Två nya partnerskap är under beredning, inom kultur och psykisk hälsa.",
                    "ongoing",
                    "",
                    30,
                    Some(3),
                    true,
                )],
                ..measure(
                    "Fler idéburna offentliga partnerskap (IOP)",
                    "Modellen från förra handlingsplanen används i fler nämnder.",
                    ("2024-01-01", "2026-12-31"),
                    ("ongoing", "", 30),
                    &[0, 3],
                )
            },
            measure(
                "Gemensam ingång för frågor om stöd och finansiering",
                "En kontaktväg till regionen för organisationer som söker stöd, oavsett nämnd.",
                ("2024-01-01", "2024-12-31"),
                ("done", "", 100),
                &[0],
            ),
        ],
    },
];

const DRAFT_AREAS: [DemoArea; 1] = [DemoArea {
    title: "Stärka civilsamhällets roll i krisberedskapen",
    description: "Organisationerna ska vara en del av regionens beredskap.",
    measures: &[measure(
        "Överenskommelser om civilsamhällets roll vid kris",
        "Förslag: regionen och organisationerna kommer överens om vem som gör vad vid en kris.",
        ("2027-01-01", "2028-12-31"),
        ("planned", "", 0),
        &[0],
    )],
}];

pub async fn seed(tx: &mut Tx<'_>, agreement_id: i64) -> Result<(), sqlx::Error> {
    let now = db::now();

    // 2020–2022, closed, with its decision.
    let closed = insert_plan(
        tx,
        agreement_id,
        "Handlingsplan 2020–2022",
        "Den första handlingsplanen för överenskommelsen. Den handlade om att sprida kunskap om överenskommelsen och pröva nya former för samverkan.",
        (2020, 2022),
        "closed",
        Some("2023-03-01"),
    )
    .await?;
    let decision: i64 = sqlx::query_scalar(
        "INSERT INTO decisions (agreement_id, decided_on, body_name, section_label, text,
            subject_kind, subject_id, created_at)
         VALUES ($1, '2019-12-10', 'Regionstyrelsen', '§ 412', $2, 'action_plan', $3, $4)
         RETURNING id",
    )
    .bind(agreement_id)
    .bind("Regionstyrelsen fastställer handlingsplanen 2020–2022 för överenskommelsen.")
    .bind(closed)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    set_decision(tx, closed, decision).await?;
    let parties = vec![
        insert_party(
            tx,
            closed,
            "unit",
            None,
            "Koncernkontoret, avdelning social hållbarhet",
            "social.hallbarhet@demo.example",
        )
        .await?,
    ];
    insert_areas(tx, closed, &CLOSED_AREAS, &parties, None).await?;

    // 2024–2026, being followed up.
    let current = insert_plan(
        tx,
        agreement_id,
        "Handlingsplan 2024–2026",
        "Handlingsplanen har **tre strategiska områden**. Varje åtgärd har ansvariga parter, och planen följs upp en gång om året.",
        (2024, 2026),
        "following_up",
        None,
    )
    .await?;
    let decision: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM decisions WHERE agreement_id = $1 AND decided_on = '2023-12-12'",
    )
    .bind(agreement_id)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(decision) = decision {
        sqlx::query(
            "UPDATE decisions SET subject_kind = 'action_plan', subject_id = $1 WHERE id = $2",
        )
        .bind(current)
        .bind(decision)
        .execute(&mut **tx)
        .await?;
        set_decision(tx, current, decision).await?;
    }
    let mut parties = Vec::new();
    for (name, email) in [
        (
            "Koncernkontoret, avdelning social hållbarhet",
            "social.hallbarhet@demo.example",
        ),
        ("Regionutvecklingsnämnden", "regionutveckling@demo.example"),
        ("Kulturnämnden", "kultur@demo.example"),
    ] {
        parties.push(insert_party(tx, current, "unit", None, name, email).await?);
    }
    // Three signatories, the second the one the demo representative speaks for.
    let represented: Option<i64> = sqlx::query_scalar(
        "SELECT r.organisation_id FROM organisation_representatives r
         JOIN users u ON u.id = r.user_id WHERE u.email = 'representant@demo.example'",
    )
    .fetch_optional(&mut **tx)
    .await?;
    let others: Vec<(i64, String)> = sqlx::query_as(
        "SELECT o.id, o.name FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = $1 AND s.left_on IS NULL AND o.id <> $2
         ORDER BY o.id LIMIT 3",
    )
    .bind(agreement_id)
    .bind(represented.unwrap_or(0))
    .fetch_all(&mut **tx)
    .await?;
    let wanted = if represented.is_some() { 2 } else { 3 };
    let mut orgs: Vec<(i64, String)> = others.into_iter().take(wanted).collect();
    if let Some(id) = represented {
        let name: String = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
        orgs.insert(1, (id, name));
    }
    for (i, (id, name)) in orgs.iter().enumerate() {
        parties.push(
            insert_party(
                tx,
                current,
                "organisation",
                Some(*id),
                name,
                &format!("forening{}@demo.example", i + 1),
            )
            .await?,
        );
    }
    // The 2025 cycle, started in November; some parties have answered.
    let cycle: i64 = sqlx::query_scalar(
        "INSERT INTO follow_up_cycles (plan_id, year, due_on, message, started_at, started_by)
         VALUES ($1, 2025, '2026-01-31', $2, '2025-11-17T08:00:00.000000Z',
            (SELECT id FROM users WHERE email = 'redaktor@demo.example'))
         RETURNING id",
    )
    .bind(current)
    .bind("Hej! Det är dags att följa upp handlingsplanen för 2025. Rapportera gärna senast den 31 januari.")
    .fetch_one(&mut **tx)
    .await?;
    for (i, party) in parties.iter().enumerate() {
        sqlx::query(
            "INSERT INTO follow_up_requests (cycle_id, party_id, token_hash, sent_to, sent_at, reminded_at)
             VALUES ($1, $2, $3, $4, '2025-11-17T08:00:00.000000Z', $5)",
        )
        .bind(cycle)
        .bind(party)
        .bind(token::hash(&token::random_token()))
        .bind(format!("part{}@demo.example", i + 1))
        .bind((i == 4).then_some("2026-01-20T08:00:00.000000Z"))
        .execute(&mut **tx)
        .await?;
    }
    insert_areas(tx, current, &CURRENT_AREAS, &parties, Some(cycle)).await?;

    // 2027–2029, being drafted: editors only.
    let draft = insert_plan(
        tx,
        agreement_id,
        "Handlingsplan 2027–2029",
        "Ett första utkast, som överenskommelsegruppen arbetar med.",
        (2027, 2029),
        "draft",
        None,
    )
    .await?;
    let parties = vec![
        insert_party(
            tx,
            draft,
            "unit",
            None,
            "Koncernkontoret, avdelning social hållbarhet",
            "social.hallbarhet@demo.example",
        )
        .await?,
    ];
    insert_areas(tx, draft, &DRAFT_AREAS, &parties, None).await?;
    Ok(())
}

async fn insert_plan(
    tx: &mut Tx<'_>,
    agreement_id: i64,
    title: &str,
    summary: &str,
    (first_year, last_year): (i64, i64),
    state: &str,
    closed_on: Option<&str>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO action_plans (agreement_id, title, summary, first_year, last_year, state,
            drafted_by, closed_on, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(agreement_id)
    .bind(title)
    .bind(summary)
    .bind(first_year)
    .bind(last_year)
    .bind(state)
    .bind("Fem politiker och fem företrädare för civilsamhället")
    .bind(closed_on)
    .bind(db::now())
    .fetch_one(&mut **tx)
    .await
}

async fn set_decision(tx: &mut Tx<'_>, plan: i64, decision: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE action_plans SET decision_id = $1 WHERE id = $2")
        .bind(decision)
        .bind(plan)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn insert_party(
    tx: &mut Tx<'_>,
    plan: i64,
    kind: &str,
    organisation: Option<i64>,
    name: &str,
    email: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO plan_parties (plan_id, kind, organisation_id, name, email)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(plan)
    .bind(kind)
    .bind(organisation)
    .bind(name)
    .bind(email)
    .fetch_one(&mut **tx)
    .await
}

async fn insert_areas(
    tx: &mut Tx<'_>,
    plan: i64,
    areas: &[DemoArea],
    parties: &[i64],
    cycle: Option<i64>,
) -> Result<(), sqlx::Error> {
    let now = db::now();
    for (a, area) in areas.iter().enumerate() {
        let area_id: i64 = sqlx::query_scalar(
            "INSERT INTO plan_areas (plan_id, position, title, description)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(plan)
        .bind(a as i64)
        .bind(area.title)
        .bind(area.description)
        .fetch_one(&mut **tx)
        .await?;
        for (i, m) in area.measures.iter().enumerate() {
            let measure: i64 = sqlx::query_scalar(
                "INSERT INTO measures (plan_id, area_id, position, title, description,
                    contact_name, contact_email, starts_on, ends_on, status, status_reason,
                    progress, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
                 RETURNING id",
            )
            .bind(plan)
            .bind(area_id)
            .bind(i as i64)
            .bind(m.title)
            .bind(m.description)
            .bind(m.contact.0)
            .bind(m.contact.1)
            .bind(m.starts_on)
            .bind(m.ends_on)
            .bind(m.status)
            .bind(m.reason)
            .bind(m.progress)
            .bind(&now)
            .fetch_one(&mut **tx)
            .await?;
            for p in m.parties {
                sqlx::query("INSERT INTO measure_parties (measure_id, party_id) VALUES ($1, $2)")
                    .bind(measure)
                    .bind(parties[*p])
                    .execute(&mut **tx)
                    .await?;
            }
            let mut follow_up_ids = Vec::new();
            for (on, text, status, reason, progress, party, in_cycle) in m.follow_ups {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO follow_ups (measure_id, cycle_id, party_id, reported_on, text,
                        status, status_reason, progress, author_name, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(measure)
                .bind(if *in_cycle { cycle } else { None })
                .bind(party.map(|p| parties[p]))
                .bind(*on)
                .bind(*text)
                .bind(*status)
                .bind(*reason)
                .bind(*progress)
                .bind("Elin Exempelsson")
                .bind(format!("{on}T09:00:00.000000Z"))
                .fetch_one(&mut **tx)
                .await?;
                follow_up_ids.push((on[..4].parse::<i64>().unwrap_or(0), id));
            }
            for (n, (name, unit, baseline, baseline_year, target, target_year, values)) in
                m.indicators.iter().enumerate()
            {
                let indicator: i64 = sqlx::query_scalar(
                    "INSERT INTO indicators (measure_id, position, name, unit, baseline,
                        baseline_year, target, target_year)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(measure)
                .bind(n as i64)
                .bind(*name)
                .bind(*unit)
                .bind(*baseline)
                .bind(*baseline_year)
                .bind(*target)
                .bind(*target_year)
                .fetch_one(&mut **tx)
                .await?;
                for (year, value) in *values {
                    // The value came with that year's follow-up.
                    let follow_up = follow_up_ids
                        .iter()
                        .find(|(y, _)| y == year)
                        .map(|(_, id)| *id);
                    sqlx::query(
                        "INSERT INTO indicator_values (indicator_id, year, value, follow_up_id, updated_at)
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(indicator)
                    .bind(*year)
                    .bind(*value)
                    .bind(follow_up)
                    .bind(&now)
                    .execute(&mut **tx)
                    .await?;
                }
            }
        }
    }
    Ok(())
}
