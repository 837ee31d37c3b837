//! The `overens` command: serve, migrate, seed-demo, create-admin, backup, restore.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use overens::config::{Config, LogFormat, Overrides};
use overens::db::{Backend, Db};
use overens::{BoxError, demo};
use sqlx::Connection;

#[derive(Parser)]
#[command(
    name = "overens",
    version,
    about = "Överens: the collaboration agreement, run together"
)]
struct Cli {
    /// TOML configuration file [default: ./overens.toml if it exists]
    #[arg(long, env = "OVERENS_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(flatten)]
    overrides: Overrides,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default). Loads the demo on first start unless demo = false.
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo agreement and accounts into an empty database.
    SeedDemo,
    /// Create an administrator of the whole instance (or promote an account).
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administratör")]
        name: String,
        /// The password; read from OVERENS_ADMIN_PASSWORD if not given.
        #[arg(long, env = "OVERENS_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Import data from a file: `overens import organisations FILE`.
    Import {
        #[command(subcommand)]
        what: ImportKind,
    },
    /// Write a consistent copy of the database to FILE while Överens runs.
    Backup { file: PathBuf },
    /// Replace the database with a backup. Stop the server first.
    Restore { file: PathBuf },
    /// Fill an empty database with a deterministic synthetic data set for
    /// the benchmarks (see bench/README.md), build the search index, and
    /// write what the benchmark should load to `<data_dir>/bench-targets.json`.
    SeedBench {
        #[arg(long, value_enum, default_value = "small")]
        scale: overens::seed_bench::Scale,
        /// Where to write the targets [default: <data_dir>/bench-targets.json].
        #[arg(long)]
        targets: Option<PathBuf>,
    },
    /// Build this process's search index again from the database (the
    /// server does so by itself when the index is missing or out of date).
    Reindex,
}

#[derive(Subcommand)]
enum ImportKind {
    /// Organisations from CSV or XLSX (the register export's columns). Every
    /// row is checked; a file with a bad row is rejected whole.
    Organisations {
        file: PathBuf,
        /// Make the organisations with a joined_on date signatories of this agreement.
        #[arg(long)]
        agreement: Option<String>,
        /// Import the rows without mistakes and skip the others.
        #[arg(long)]
        good_rows_only: bool,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref(), &cli.overrides) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(config.log_format);
    match run(cli.command.unwrap_or(Command::Serve), config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

async fn run(command: Command, config: Config) -> Result<(), BoxError> {
    match command {
        Command::Serve => {
            let state = overens::open(config.clone()).await?;
            if config.demo && demo::is_empty(&state.db).await? {
                let accounts = demo::seed(&state.db, &config, demo_password().as_deref()).await?;
                print_demo(&accounts);
            }
            let listener = tokio::net::TcpListener::bind(config.listen).await?;
            let addr = listener.local_addr()?;
            println!(
                "Överens is running at http://{addr}/  (database: {})",
                overens::db::redact(&config.database_url)
            );
            overens::serve(state, listener).await
        }
        Command::Reindex => {
            let state = overens::open(config).await?;
            let started = std::time::Instant::now();
            let engine = state.search.engine(&state.db).await?;
            let count = engine.rebuild(&state.db).await?;
            println!(
                "search index rebuilt: {count} entries in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::SeedBench { scale, targets } => {
            let path = targets.unwrap_or_else(|| config.data_dir.join("bench-targets.json"));
            let state = overens::open(config).await?;
            let report = overens::seed_bench::seed(&state, scale).await?;
            std::fs::write(&path, serde_json::to_vec_pretty(&report.targets)?)?;
            let total: u64 = report.rows.iter().map(|r| r.1).sum();
            for (table, n) in &report.rows {
                println!("{table:>28} {n:>10}");
            }
            println!(
                "seed-bench {}: {total} rows in {:.1} s; search index: {} entries in {:.1} s; targets in {}",
                scale.name(),
                report.load_seconds,
                report.index_entries,
                report.index_seconds,
                path.display()
            );
            println!(
                "accounts: admin@bench.example and {} (password {})",
                report.targets.editor_email, report.targets.editor_password
            );
            Ok(())
        }
        Command::Migrate => {
            let state = overens::open(config).await?;
            println!(
                "migrations applied; database is at the newest version ({})",
                state.db.backend.name()
            );
            Ok(())
        }
        Command::SeedDemo => {
            let state = overens::open(config.clone()).await?;
            if !demo::is_empty(&state.db).await? {
                return Err(
                    "the database already has agreements; the demo goes into an empty one".into(),
                );
            }
            print_demo(&demo::seed(&state.db, &config, demo_password().as_deref()).await?);
            Ok(())
        }
        Command::CreateAdmin {
            email,
            name,
            password,
        } => {
            let email = overens::accounts::email::Email::parse(&email)
                .map_err(|_| format!("not an e-mail address: {email}"))?;
            if password.chars().count() < overens::accounts::password::MIN_LENGTH {
                return Err(format!(
                    "the password must have at least {} characters",
                    overens::accounts::password::MIN_LENGTH
                )
                .into());
            }
            let state = overens::open(config.clone()).await?;
            demo::create_admin(&state.db, &config, email.as_str(), &name, &password).await?;
            println!("{email} is an administrator");
            Ok(())
        }
        Command::Import {
            what:
                ImportKind::Organisations {
                    file,
                    agreement,
                    good_rows_only,
                },
        } => import_organisations(config, &file, agreement.as_deref(), good_rows_only).await,
        Command::Backup { file } => backup(config, &file).await,
        Command::Restore { file } => restore(config, &file).await,
    }
}

fn demo_password() -> Option<String> {
    std::env::var("OVERENS_DEMO_PASSWORD").ok()
}

fn print_demo(accounts: &[demo::DemoAccount]) {
    println!("\nDemo loaded: the Västra Götaland agreement, with these accounts:");
    for a in accounts {
        println!(
            "  {:<28} {:<16} password: {}",
            a.email,
            a.role.code(),
            a.password
        );
    }
    println!();
}

async fn import_organisations(
    config: Config,
    file: &Path,
    agreement: Option<&str>,
    good_rows_only: bool,
) -> Result<(), BoxError> {
    use overens::signatories::import;
    use overens::web::i18n::Lang;
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let state = overens::open(config).await?;
    let agreement_id = match agreement {
        Some(slug) => Some(
            overens::agreements::by_slug(&state.db, slug)
                .await
                .map_err(|_| format!("there is no agreement {slug}"))?
                .id,
        ),
        None => None,
    };
    let lang = Lang::Sv;
    let mut parsed = import::parse(&bytes).map_err(|e| {
        let column = match &e {
            import::FileError::MissingColumn(c) => c.to_string(),
            _ => String::new(),
        };
        lang.t_with(e.message_key(), &[("column", column)])
    })?;
    import::check_against_database(&state.db, &mut parsed).await?;
    for e in &parsed.errors {
        eprintln!(
            "rad {}, {} = {:?}: {}",
            e.line,
            e.column,
            e.value,
            import::describe(lang, e)
        );
    }
    if !parsed.errors.is_empty() && !good_rows_only {
        return Err(format!(
            "{} fel på {} av {} rader: ingenting importerades (--good-rows-only importerar de felfria)",
            parsed.errors.len(),
            parsed.bad_lines().len(),
            parsed.lines
        )
        .into());
    }
    let started = std::time::Instant::now();
    let outcome = import::apply(&state.db, agreement_id, &parsed, |done, total| {
        eprintln!("{done} av {total} rader");
    })
    .await?;
    println!(
        "importerat på {:.1} s: {} nya, {} ändrade, {} oförändrade, {} nya undertecknare, {} rader överhoppade",
        started.elapsed().as_secs_f64(),
        outcome.created,
        outcome.updated,
        outcome.unchanged,
        outcome.joined,
        parsed.bad_lines().len()
    );
    Ok(())
}

async fn backup(config: Config, file: &Path) -> Result<(), BoxError> {
    match Backend::of_url(&config.database_url)? {
        Backend::Sqlite => {
            if file.exists() {
                return Err(format!("{} exists; choose a new file", file.display()).into());
            }
            let db = Db::connect(&config.database_url).await?;
            db.backup_sqlite(file).await?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Backend::Postgres => Err(format!(
            "on PostgreSQL, use the server's own online backup:\n  pg_dump --format=custom --file={} '{}'\n\
             and restore with pg_restore --clean --dbname=URL FILE",
            file.display(),
            overens::db::redact(&config.database_url)
        )
        .into()),
    }
}

async fn restore(config: Config, file: &Path) -> Result<(), BoxError> {
    let Backend::Sqlite = Backend::of_url(&config.database_url)? else {
        return Err("on PostgreSQL, restore with pg_restore --clean --dbname=URL FILE".into());
    };
    // Check the backup before touching anything.
    sqlx::any::install_default_drivers();
    let mut source =
        sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=ro", file.display())).await?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut source)
        .await
        .map_err(|e| format!("{} is not an Överens backup: {e}", file.display()))?;
    if check != "ok" {
        return Err(format!("{} is damaged: {check}", file.display()).into());
    }
    source.close().await?;
    let target = config.data_dir.join("overens.db");
    let path = config
        .database_url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .map(PathBuf::from)
        .unwrap_or(target);
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    let staged = path.with_extension("db.restoring");
    std::fs::copy(file, &staged)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::rename(&staged, &path)?;
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    println!("restored {} from {}", path.display(), file.display());
    Ok(())
}
