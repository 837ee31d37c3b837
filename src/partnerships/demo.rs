//! Demo partnerships: IOPs and other joint initiatives. Every name in them
//! is fictitious.

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

pub async fn seed(_tx: &mut Tx<'_>, _agreement_id: i64) -> Result<(), sqlx::Error> {
    Ok(())
}
