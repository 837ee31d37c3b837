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
