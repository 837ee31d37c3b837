//! Demo partnerships: IOPs and other joint initiatives. Every name in them
//! is fictitious; the years follow the current one, so that "active" stays true.

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

struct DemoPartnership {
    kind: &'static str,
    title: &'static str,
    societal_goal: &'static str,
    target_group: &'static str,
    public_committee: &'static str,
    /// Years from now: the first and last year it runs.
    from: i16,
    to: i16,
    status: &'static str,
    assessment: &'static str,
    case_number: &'static str,
    description: &'static str,
    /// Indexes into the agreement's signatories, and names not in the register.
    organisations: &'static [usize],
    typed: &'static [&'static str],
    /// Public funding, own contribution, volunteer hours, per year.
    money: (i64, i64, i64),
    contacts: &'static [(&'static str, &'static str, &'static str, &'static str)],
    documents: &'static [(&'static str, &'static str)],
    report: Option<&'static str>,
}

const ASSESSMENT: &str = "Verksamheten är organisationernas egen och ger inte regionen någon \
    motprestation: det är därför inte en upphandling. Stödet går till en icke-ekonomisk \
    verksamhet utan påverkan på handeln, och är därför inte statsstöd.";

const DEMO: [DemoPartnership; 5] = [
    DemoPartnership {
        kind: "iop",
        title: "Hjärtlarm i Väst – frivilliga livräddare",
        societal_goal: "Fler överlever plötsligt hjärtstopp utanför sjukhus, genom att frivilliga \
            livräddare larmas till platsen och börjar hjärt-lungräddning innan ambulansen är där.",
        target_group: "Invånare i hela länet; frivilliga med utbildning i hjärt-lungräddning",
        public_committee: "Hälso- och sjukvårdsstyrelsen",
        from: -2,
        to: 1,
        status: "active",
        assessment: ASSESSMENT,
        case_number: "RS 2023-00417",
        description: "Organisationerna rekryterar, utbildar och stöttar frivilliga livräddare. \
            Regionen står för larmkopplingen och **finansierar utbildningarna**.\n\n\
            - uppföljning av antal larm och insatser varje kvartal\n\
            - debriefing för frivilliga efter svåra larm",
        organisations: &[0, 3],
        typed: &["Fiktiva Livräddarföreningen Väst"],
        money: (1_200_000, 350_000, 4_800),
        contacts: &[
            (
                "Erik Demoström",
                "Samordnare, regionen",
                "erik.demostrom@demo.example",
                "+46100000001",
            ),
            (
                "Fatima Provén",
                "Projektledare, föreningen",
                "fatima.proven@demo.example",
                "+46100000002",
            ),
        ],
        documents: &[
            (
                "Partnerskapsöverenskommelse",
                "https://dokument.demo.example/hjartlarm/overenskommelse.pdf",
            ),
            (
                "Verksamhetsplan",
                "https://dokument.demo.example/hjartlarm/verksamhetsplan.pdf",
            ),
        ],
        report: Some(
            "Under året larmades frivilliga livräddare till **412** misstänkta hjärtstopp. \
             I 61 fall var en frivillig först på plats.\n\n\
             Nästa år prioriteras rekrytering på landsbygden.",
        ),
    },
    DemoPartnership {
        kind: "iop",
        title: "Trygga boenden – stöd till kvinno- och tjejjourer",
        societal_goal: "Våldsutsatta kvinnor, tjejer och deras barn får skyddat boende, stöd \
            och en väg vidare, oavsett var i länet de bor.",
        target_group: "Våldsutsatta kvinnor, tjejer och barn",
        public_committee: "Regionala utvecklingsnämnden",
        from: -1,
        to: 2,
        status: "active",
        assessment: ASSESSMENT,
        case_number: "RUN 2024-00112",
        description: "Jourerna driver skyddade boenden och stödsamtal. Regionen bidrar till \
            lokaler och kompetensutveckling, och samordnar med hälso- och sjukvården.",
        organisations: &[1, 4],
        typed: &[],
        money: (2_400_000, 600_000, 9_500),
        contacts: &[(
            "Greta Exempeldal",
            "Handläggare",
            "greta.exempeldal@demo.example",
            "+46100000003",
        )],
        documents: &[(
            "Partnerskapsöverenskommelse",
            "https://dokument.demo.example/jourer/overenskommelse.pdf",
        )],
        report: None,
    },
    DemoPartnership {
        kind: "other",
        title: "Mötesplatser för äldre",
        societal_goal: "Minskad ofrivillig ensamhet bland äldre genom öppna mötesplatser i \
            föreningslokaler, bibliotek och vårdcentraler.",
        target_group: "Personer över 70 år",
        public_committee: "Kulturnämnden",
        from: 0,
        to: 2,
        status: "planned",
        assessment: "Ett samverkansinitiativ utan ekonomiskt utbyte mellan parterna.",
        case_number: "KUN 2025-00033",
        description: "Föreningarna håller i programmet; regionen bidrar med lokaler och \
            marknadsföring.",
        organisations: &[2, 5, 6],
        typed: &[],
        money: (300_000, 150_000, 2_000),
        contacts: &[(
            "Hassan Testberg",
            "Samordnare",
            "hassan.testberg@demo.example",
            "+46100000004",
        )],
        documents: &[],
        report: None,
    },
    DemoPartnership {
        kind: "iop",
        title: "Läxhjälp i Väst",
        societal_goal: "Fler elever i årskurs 7–9 når behörighet till gymnasiet.",
        target_group: "Elever i årskurs 7–9",
        public_committee: "Regionala utvecklingsnämnden",
        from: -4,
        to: -2,
        status: "ended",
        assessment: ASSESSMENT,
        case_number: "RUN 2021-00230",
        description: "Läxhjälp två kvällar i veckan på tolv orter, med frivilliga studenter.",
        organisations: &[7],
        typed: &["Fiktiva Studentföreningen i Väst"],
        money: (500_000, 200_000, 3_100),
        contacts: &[(
            "Ida Demosson",
            "Projektledare",
            "ida.demosson@demo.example",
            "+46100000005",
        )],
        documents: &[(
            "Slutrapport",
            "https://dokument.demo.example/laxhjalp/slutrapport.pdf",
        )],
        report: Some(
            "Partnerskapet avslutades enligt plan. 640 elever deltog; andelen behöriga \
             ökade på tio av tolv orter.",
        ),
    },
    DemoPartnership {
        kind: "other",
        title: "Digital delaktighet på landsbygden",
        societal_goal: "Fler äldre på landsbygden kan använda digitala tjänster i vardagen.",
        target_group: "Äldre på landsbygden",
        public_committee: "Regionstyrelsen",
        from: -3,
        to: -1,
        status: "terminated",
        assessment: "Ett samverkansinitiativ utan ekonomiskt utbyte mellan parterna.",
        case_number: "RS 2022-00871",
        description: "Avbröts i förtid då lokalerna inte längre fanns att tillgå.",
        organisations: &[8],
        typed: &[],
        money: (100_000, 40_000, 600),
        contacts: &[],
        documents: &[],
        report: None,
    },
];

pub async fn seed(tx: &mut Tx<'_>, agreement_id: i64) -> Result<(), sqlx::Error> {
    let orgs: Vec<(i64, String)> = sqlx::query_as(
        "SELECT o.id, o.name FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.agreement_id = $1 AND s.left_on IS NULL ORDER BY o.id",
    )
    .bind(agreement_id)
    .fetch_all(&mut **tx)
    .await?;
    let public_party: String =
        sqlx::query_scalar("SELECT public_body FROM agreements WHERE id = $1")
            .bind(agreement_id)
            .fetch_one(&mut **tx)
            .await?;
    let this_year = jiff::Zoned::now().date().year();
    let now = crate::db::now();
    for (n, d) in DEMO.iter().enumerate() {
        let (first, last) = (this_year + d.from, this_year + d.to);
        let decided = format!("{:04}-11-15", first - 1);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO partnerships (agreement_id, kind, title, societal_goal, target_group,
                public_party, public_committee, starts_on, ends_on, assessment, decision_body,
                decision_on, case_number, status, description, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
             RETURNING id",
        )
        .bind(agreement_id)
        .bind(d.kind)
        .bind(d.title)
        .bind(d.societal_goal)
        .bind(d.target_group)
        .bind(&public_party)
        .bind(d.public_committee)
        .bind(format!("{first:04}-01-01"))
        .bind(format!("{last:04}-12-31"))
        .bind(d.assessment)
        .bind(d.public_committee)
        .bind(&decided)
        .bind(d.case_number)
        .bind(d.status)
        .bind(d.description)
        .bind(&now)
        .fetch_one(&mut **tx)
        .await?;
        let mut position = 0i64;
        for i in d.organisations {
            if let Some((org, name)) = orgs.get(*i % orgs.len().max(1)) {
                sqlx::query(
                    "INSERT INTO partnership_organisations (partnership_id, organisation_id, name, position)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(*org)
                .bind(name)
                .bind(position)
                .execute(&mut **tx)
                .await?;
                position += 1;
            }
        }
        for name in d.typed {
            sqlx::query(
                "INSERT INTO partnership_organisations (partnership_id, name, position)
                 VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(*name)
            .bind(position)
            .execute(&mut **tx)
            .await?;
            position += 1;
        }
        // Planned ones have money budgeted but no hours given yet.
        for year in first..=last {
            let hours = if d.status == "planned" { 0 } else { d.money.2 };
            sqlx::query(
                "INSERT INTO partnership_years
                    (partnership_id, year, public_funding, own_contribution, volunteer_hours)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(i64::from(year))
            .bind(d.money.0)
            .bind(d.money.1)
            .bind(hours)
            .execute(&mut **tx)
            .await?;
        }
        for (i, (name, role, email, phone)) in d.contacts.iter().enumerate() {
            sqlx::query(
                "INSERT INTO partnership_contacts (partnership_id, name, role, email, phone, position)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(*name)
            .bind(*role)
            .bind(*email)
            .bind(*phone)
            .bind(i as i64)
            .execute(&mut **tx)
            .await?;
        }
        for (i, (title, url)) in d.documents.iter().enumerate() {
            sqlx::query(
                "INSERT INTO partnership_documents (partnership_id, title, url, position)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(*title)
            .bind(*url)
            .bind(i as i64)
            .execute(&mut **tx)
            .await?;
        }
        if let Some(text) = d.report {
            let year = (this_year - 1).min(last);
            sqlx::query(
                "INSERT INTO partnership_reports (partnership_id, year, reported_on, text, created_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(i64::from(year))
            .bind(format!("{:04}-02-15", year + 1).min(crate::db::today()))
            .bind(text)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
        }
        // The first one's decision is in the decisions register, taken elsewhere.
        if n == 0 {
            sqlx::query(
                "INSERT INTO decisions (agreement_id, decided_on, body_name, section_label, text,
                    subject_kind, subject_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, 'partnership', $6, $7)",
            )
            .bind(agreement_id)
            .bind(&decided)
            .bind(d.public_committee)
            .bind(d.case_number)
            .bind(format!(
                "{} beslutar att ingå ett idéburet offentligt partnerskap: {}.",
                d.public_committee, d.title
            ))
            .bind(id)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
