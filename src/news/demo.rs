//! Demo articles for the Västra Götaland agreement: a press release with a
//! named (fictitious) contact person, news of a dialogue meeting, and one
//! scheduled for later.

use crate::db;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

struct Demo {
    kind: &'static str,
    title: &'static str,
    lead: &'static str,
    body: &'static str,
    /// Days from now: negative is published, positive is scheduled.
    days: i64,
    tags: &'static [&'static str],
    /// Linked to the first dialogue meeting.
    meeting: bool,
    /// (name, role, phone, e-mail)
    contact: Option<(&'static str, &'static str, &'static str, &'static str)>,
}

const DEMO: [Demo; 4] = [
    Demo {
        kind: "press_release",
        title: "Uppföljningen av handlingsplanen 2024–2026 är klar",
        lead: "Den regionala överenskommelsegruppen har följt upp handlingsplanen för 2024–2026. \
               Arbetet med tidig dialog har kommit längst.",
        body: "Uppföljningen visar hur långt åtgärderna inom de tre strategiska områdena har kommit:\n\n\
               - öka kunskapen om varandras förutsättningar,\n\
               - stimulera jämlika strukturer för tidig dialog,\n\
               - utveckla långsiktiga former för stöd och finansiering.\n\n\
               # Nästa steg\n\n\
               Resultatet diskuteras på nästa dialogmöte, som är öppet för alla undertecknare.",
        days: -12,
        tags: &["handlingsplan", "uppföljning"],
        meeting: false,
        contact: Some((
            "Erik Exempelberg",
            "Processledare, demo",
            "+46100000011",
            "erik.exempelberg@demo.example",
        )),
    },
    Demo {
        kind: "news",
        title: "Välkommen till dialogmöte om tidig dialog",
        lead: "Alla organisationer som undertecknat överenskommelsen bjuds in till ett öppet dialogmöte.",
        body: "På mötet samtalar vi om hur civilsamhället kan komma in tidigt när regionen planerar \
               nya insatser. Anmäl dig via mötessidan.",
        days: -5,
        tags: &["dialogmöte"],
        meeting: true,
        contact: None,
    },
    Demo {
        kind: "news",
        title: "Fler organisationer har anslutit sig till överenskommelsen",
        lead: "Styrgruppen har godkänt nya ansökningar om anslutning.",
        body: "Registret över undertecknare visar vilka organisationer som har anslutit sig och när.",
        days: -30,
        tags: &["undertecknare"],
        meeting: false,
        contact: None,
    },
    Demo {
        kind: "press_release",
        title: "Ny rapport om långsiktiga former för stöd och finansiering",
        lead: "En rapport om stöd och finansiering till civilsamhället publiceras inom kort.",
        body: "Rapporten är ännu inte publicerad.",
        days: 14,
        tags: &["handlingsplan", "finansiering"],
        meeting: false,
        contact: None,
    },
];

pub async fn seed(tx: &mut Tx<'_>, agreement_id: i64) -> Result<(), sqlx::Error> {
    let meeting: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM meetings WHERE agreement_id = $1 AND kind = 'dialogue'
         ORDER BY starts_at, id LIMIT 1",
    )
    .bind(agreement_id)
    .fetch_optional(&mut **tx)
    .await?;
    let now = db::now();
    for d in DEMO {
        let span = std::time::Duration::from_secs(86_400 * d.days.unsigned_abs());
        let at = if d.days < 0 {
            db::ago(span)
        } else {
            db::from_now(span)
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO news (agreement_id, kind, title, lead, body, publish_at, meeting_id,
                created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(agreement_id)
        .bind(d.kind)
        .bind(d.title)
        .bind(d.lead)
        .bind(d.body)
        .bind(&at)
        .bind(if d.meeting { meeting } else { None })
        .bind(if d.days < 0 { &at } else { &now })
        .fetch_one(&mut **tx)
        .await?;
        for tag in d.tags {
            sqlx::query("INSERT INTO news_tags (news_id, tag) VALUES ($1, $2)")
                .bind(id)
                .bind(*tag)
                .execute(&mut **tx)
                .await?;
        }
        // The press release on the plan's follow-up carries the report itself.
        if d.tags.contains(&"handlingsplan") {
            sqlx::query(
                "INSERT INTO news_attachments (news_id, document_id, position)
                 SELECT $1, id, 0 FROM documents
                 WHERE agreement_id = $2 AND kind = 'rapport' AND visibility = 'public'",
            )
            .bind(id)
            .bind(agreement_id)
            .execute(&mut **tx)
            .await?;
        }
        if let Some((name, role, phone, email)) = d.contact {
            sqlx::query(
                "INSERT INTO news_contacts (news_id, name, role, phone, email, consent_at, position)
                 VALUES ($1, $2, $3, $4, $5, $6, 0)",
            )
            .bind(id)
            .bind(name)
            .bind(role)
            .bind(phone)
            .bind(email)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
