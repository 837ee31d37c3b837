//! Demo documents for the Västra Götaland agreement: small, fictitious, and
//! quick to make, since the demo is loaded by every test too.

use axum::body::Bytes;

use super::storage::FileStore;
use super::upload;
use crate::config::Config;
use crate::web::pdf::{Blocks, document};

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A 1×1 white PNG.
pub const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xFF, 0xFF, 0x3F,
    0x00, 0x05, 0xFE, 0x02, 0xFE, 0xDC, 0xCC, 0x59, 0xE7, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn pdf(title: &str, lines: &[&str]) -> Vec<u8> {
    let mut b = Blocks::default();
    b.paragraph(title, true, 16.0);
    b.space(4.0);
    for line in lines {
        b.paragraph(line, false, 11.0);
    }
    document(title, &b)
}

/// A one-page PDF for data sets that need a file but not its content.
pub fn sample_pdf() -> Vec<u8> {
    pdf(
        "Exempeldokument",
        &["Ett fiktivt dokument för prestandamätningar."],
    )
}

struct Demo {
    kind: &'static str,
    title: &'static str,
    description: &'static str,
    date: String,
    body: Option<i64>,
    meeting: Option<i64>,
    visibility: &'static str,
    received_on: Option<String>,
    case_number: &'static str,
    /// (file name, bytes, note) per version, oldest first.
    versions: Vec<(&'static str, Vec<u8>, &'static str)>,
}

async fn insert(
    tx: &mut Tx<'_>,
    files: &FileStore,
    agreement_id: i64,
    d: Demo,
) -> Result<(), BoxError> {
    let now = crate::db::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO documents (agreement_id, kind, title, description, document_date, body_id,
            meeting_id, visibility, received_on, case_number, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(agreement_id)
    .bind(d.kind)
    .bind(d.title)
    .bind(d.description)
    .bind(&d.date)
    .bind(d.body)
    .bind(d.meeting)
    .bind(d.visibility)
    .bind(&d.received_on)
    .bind(d.case_number)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    for (i, (name, bytes, note)) in d.versions.into_iter().enumerate() {
        let kind = upload::detect(&bytes).ok_or("demo file of an unaccepted type")?;
        let stored = upload::store(files, agreement_id, name, kind, Bytes::from(bytes)).await?;
        upload::insert_version(tx, id, i as i64 + 1, &stored, note, None).await?;
    }
    crate::search::changed(&mut **tx, crate::search::Kind::Document, id).await?;
    Ok(())
}

pub async fn seed(tx: &mut Tx<'_>, config: &Config, agreement_id: i64) -> Result<(), BoxError> {
    let files = FileStore::from_config(config)?;
    let group: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM bodies WHERE agreement_id = $1 AND kind = 'agreement_group'",
    )
    .bind(agreement_id)
    .fetch_optional(&mut **tx)
    .await?;
    // The agreement group's latest meeting with published notes.
    let meeting: Option<(i64, String)> = sqlx::query_as(
        "SELECT m.id, m.starts_at FROM meetings m JOIN minutes n ON n.meeting_id = m.id
         WHERE m.agreement_id = $1 AND m.body_id = $2 AND n.state = 'published'
         ORDER BY m.starts_at DESC LIMIT 1",
    )
    .bind(agreement_id)
    .bind(group)
    .fetch_optional(&mut **tx)
    .await?;
    let today = crate::db::today();
    let year = &today[..4];
    let meeting_day = meeting
        .as_ref()
        .and_then(|(_, at)| crate::meetings::time::local(at))
        .map(|z| z.date().to_string())
        .unwrap_or_else(|| today.clone());
    let notes = Demo {
        kind: "anteckningar",
        title: "Anteckningar från RÖS sammanträde",
        description: "Minnesanteckningar från den regionala överenskommelsegruppens senaste sammanträde.",
        date: meeting_day.clone(),
        body: group,
        meeting: meeting.as_ref().map(|(id, _)| *id),
        visibility: "public",
        received_on: None,
        case_number: "",
        versions: vec![(
            "Anteckningar RÖS.pdf",
            pdf(
                "Anteckningar från RÖS sammanträde",
                &[
                    "Närvarande: ledamöter och ersättare enligt närvarolistan.",
                    "Processledarna redogjorde för läget i handlingsplanens tre strategiska områden.",
                    "Nästa sammanträde hålls enligt den fastställda mötesplanen.",
                ],
            ),
            "",
        )],
    };
    let report = Demo {
        kind: "rapport",
        title: "Uppföljning av handlingsplanen 2024–2026",
        description: "Årets uppföljning av handlingsplanens åtgärder, med läget per strategiskt område.",
        date: format!("{year}-01-15"),
        body: None,
        meeting: None,
        visibility: "public",
        received_on: None,
        case_number: "",
        versions: vec![
            (
                "Uppföljning handlingsplan.pdf",
                pdf(
                    "Uppföljning av handlingsplanen (utkast)",
                    &["Utkast för synpunkter från RÖS."],
                ),
                "Utkast",
            ),
            (
                "Uppföljning handlingsplan.pdf",
                pdf(
                    "Uppföljning av handlingsplanen",
                    &[
                        "Kunskap om parternas villkor: två utbildningsdagar genomförda.",
                        "Tidig dialog: tre dialogmöten i planeringsskedet.",
                        "Stöd och finansiering: förslag om långsiktiga stödformer tas fram.",
                    ],
                ),
                "Fastställd version efter RÖS synpunkter",
            ),
        ],
    };
    let presentation = Demo {
        kind: "presentation",
        title: "Bild: överenskommelsens organisation",
        description: "En bild över hur överenskommelsens organ hänger ihop.",
        date: meeting_day.clone(),
        body: None,
        meeting: meeting.as_ref().map(|(id, _)| *id),
        visibility: "public",
        received_on: None,
        case_number: "",
        versions: vec![("organisation.png", TINY_PNG.to_vec(), "")],
    };
    let internal = Demo {
        kind: "ovrigt",
        title: "Underlag inför RÖS: arbetsmaterial om stödformer",
        description: "Arbetsmaterial för gruppens ledamöter, inte färdigt för publicering.",
        date: meeting_day,
        body: group,
        meeting: None,
        visibility: "members",
        received_on: None,
        case_number: "",
        versions: vec![(
            "Arbetsmaterial stödformer.pdf",
            pdf(
                "Arbetsmaterial om stödformer",
                &["Skisser till långsiktiga stödformer, för diskussion i gruppen."],
            ),
            "",
        )],
    };
    let letter = Demo {
        kind: "ovrigt",
        title: "Inkommen skrivelse om lokalbidrag",
        description: "Skrivelse från en undertecknande organisation (fiktiv).",
        date: format!("{year}-02-03"),
        body: None,
        meeting: None,
        visibility: "editors",
        received_on: Some(format!("{year}-02-05")),
        case_number: "RS 2025-00123",
        versions: vec![(
            "Skrivelse lokalbidrag.pdf",
            pdf(
                "Skrivelse om lokalbidrag",
                &["Vi önskar en dialog om villkoren för lokalbidrag. (Fiktivt exempel.)"],
            ),
            "",
        )],
    };
    for d in [notes, report, presentation, internal, letter] {
        insert(tx, &files, agreement_id, d).await?;
    }
    Ok(())
}
