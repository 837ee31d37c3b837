//! The test harness: starts the real application on a random port with a
//! fresh database (SQLite in a temporary directory, or a new PostgreSQL
//! database), and a browser-like client with its own cookies.

#![allow(dead_code)]

pub mod oidc;
pub mod smtp;

use std::net::SocketAddr;
use std::sync::{Arc, Once};

use overens::config::{Config, FileConfig, Overrides, PasswordCost};
use overens::web::AppState;
use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Response, StatusCode};
use scraper::{Html, Selector};

pub const PASSWORD: &str = "correct horse battery";

/// Declares each story as two tests, one per storage backend:
/// `story::sqlite` and `story::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($story:ident),* $(,)?) => {$(
        mod $story {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$story(super::common::TestApp::start(super::common::Backend::Sqlite).await).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(overens_pg), ignore = "PostgreSQL run skipped: set OVERENS_TEST_POSTGRES=postgres://... to run it")]
            async fn postgres() {
                super::$story(super::common::TestApp::start(super::common::Backend::Postgres).await).await
            }
        }
    )*};
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub backend: Backend,
    pub addr: SocketAddr,
    pub state: AppState,
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

fn say_once_if_postgres_is_skipped() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var("OVERENS_TEST_POSTGRES").is_err() {
            use std::io::Write;
            // Written to the real stderr so that it shows through cargo's capture.
            let _ = writeln!(
                std::io::stderr(),
                "note: the PostgreSQL run of the suite is SKIPPED (OVERENS_TEST_POSTGRES is not set)"
            );
        }
    });
}

/// A low Argon2 cost keeps the suite fast; the code path is the same.
pub fn test_config(dir: &std::path::Path, database_url: Option<String>) -> Config {
    let file = FileConfig {
        password: Some(PasswordCost {
            memory_kib: 64,
            iterations: 1,
        }),
        ..FileConfig::default()
    };
    let overrides = Overrides {
        listen: Some("127.0.0.1:0".into()),
        data_dir: Some(dir.to_path_buf()),
        database_url,
        public_url: None,
    };
    Config::resolve(file, &overrides).expect("test config")
}

impl TestApp {
    pub async fn start(backend: Backend) -> TestApp {
        TestApp::start_with(backend, |_| {}).await
    }

    /// The test wrote to the database past the application: tell its page
    /// cache, as the application's own writes do.
    pub fn wrote_directly(&self) {
        self.state.page_cache.clear();
    }

    pub async fn start_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
        say_once_if_postgres_is_skipped();
        let _ = tracing_subscriber::fmt()
            .with_env_filter("warn,overens=info")
            .with_test_writer()
            .try_init();
        let dir = tempfile::tempdir().expect("temp dir");
        let pg = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(create_pg_database().await),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut config = test_config(dir.path(), pg.as_ref().map(|(url, _)| url.clone()));
        config.public_url = Some(format!("http://{addr}").parse().unwrap());
        adjust(&mut config);
        let state = overens::open(config.clone()).await.expect("open app");
        overens::demo::seed(&state.db, &config, Some(PASSWORD))
            .await
            .expect("seed demo");
        let router = overens::web::router(state.clone());
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        TestApp {
            backend,
            addr,
            state,
            _dir: dir,
            pg,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A new visitor: a browser with an empty cookie jar.
    pub fn browser(&self) -> Browser {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser {
            base: format!("http://{}", self.addr),
            client,
            jar,
        }
    }

    /// A visitor logged in as the demo account with this e-mail.
    pub async fn logged_in(&self, email: &str) -> Browser {
        let b = self.browser();
        let r = b
            .post_form("/login", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login as {email}");
        b
    }

    /// A new person who has registered, confirmed their address by the
    /// mailed link, and logged in.
    pub async fn verified_person(&self, name: &str, email: &str) -> Browser {
        let b = self.browser();
        b.post_form(
            "/register",
            &[
                ("name", name),
                ("email", email),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
        let (_, body) = self.last_mail_to(email).await.expect("verification mail");
        b.get(&link_in(&body)).await;
        let r = b
            .post_form("/login", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login as {email}");
        b
    }

    /// The newest message queued for an address: (subject, body).
    pub async fn last_mail_to(&self, address: &str) -> Option<(String, String)> {
        sqlx::query_as(
            "SELECT subject, body FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(address)
        .fetch_optional(&self.state.db.pool)
        .await
        .unwrap()
    }

    pub async fn mail_count(&self, address: &str) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1")
            .bind(address)
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap()
    }
}

/// The first link to this server in a mail body, as a path.
pub fn link_in(body: &str) -> String {
    let start = body.find("http://").expect("a link in the mail");
    let url = body[start..].split_whitespace().next().unwrap();
    let after_scheme = &url["http://".len()..];
    after_scheme[after_scheme.find('/').unwrap()..].to_string()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((_, name)) = self.pg.take() {
            // Drop runs outside async; a small thread of its own does the cleanup.
            let admin = admin_url();
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    sqlx::any::install_default_drivers();
                    if let Ok(pool) = sqlx::AnyPool::connect(&admin).await {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&pool)
                                .await;
                    }
                });
            })
            .join();
        }
    }
}

fn admin_url() -> String {
    std::env::var("OVERENS_TEST_POSTGRES").expect("OVERENS_TEST_POSTGRES")
}

async fn create_pg_database() -> (String, String) {
    sqlx::any::install_default_drivers();
    let admin = admin_url();
    let template = migrated_template().await;
    let name = format!("overens_test_{}", overens::accounts::token::random_hex(6));
    let pool = sqlx::AnyPool::connect(&admin)
        .await
        .expect("connect to OVERENS_TEST_POSTGRES");
    sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .execute(&pool)
        .await
        .expect("create test database");
    pool.close().await;
    (with_database(&admin, &name), name)
}

fn with_database(admin: &str, name: &str) -> String {
    let mut url = url::Url::parse(admin).unwrap();
    url.set_path(&format!("/{name}"));
    url.to_string()
}

/// A database with every migration applied, which each test's database is
/// copied from: migrating afresh took most of a PostgreSQL test's time. Its
/// name carries a hash of the migrations, so a changed migration makes a new
/// one and an unchanged one is reused by the next run.
async fn migrated_template() -> &'static str {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            use sha2::Digest;
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/db/migrations");
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            let mut hash = sha2::Sha256::new();
            for file in files {
                hash.update(std::fs::read(file).unwrap());
            }
            let digest = hash.finalize();
            let name = format!(
                "overens_template_{}",
                digest[..6]
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>()
            );
            let admin = admin_url();
            let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
            let exists: Option<i32> =
                sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
                    .bind(&name)
                    .fetch_optional(&pool)
                    .await
                    .unwrap();
            if exists.is_none() {
                // Built under a name of its own, then renamed, so a run that
                // stops half-way never leaves a half-migrated template.
                let building = format!("{name}_{}", overens::accounts::token::random_hex(4));
                sqlx::query(&format!("CREATE DATABASE {building}"))
                    .execute(&pool)
                    .await
                    .expect("create template database");
                let db = overens::db::Db::connect(&with_database(&admin, &building))
                    .await
                    .expect("connect to template database");
                db.migrate().await.expect("migrate template database");
                db.pool.close().await;
                // A closed pool's server processes can linger a moment; a
                // rename waits for none of them.
                sqlx::query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                )
                .bind(&building)
                .execute(&pool)
                .await
                .expect("end template connections");
                let renamed = sqlx::query(&format!("ALTER DATABASE {building} RENAME TO {name}"))
                    .execute(&pool)
                    .await;
                if renamed.is_err() {
                    // Another run made it first.
                    let _ = sqlx::query(&format!("DROP DATABASE {building}"))
                        .execute(&pool)
                        .await;
                }
            }
            pool.close().await;
            name
        })
        .await
}

/// A browser-like client: keeps cookies, does not follow redirects (tests
/// look at them), and fills in the CSRF field as a real form would.
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    jar: Arc<Jar>,
}

impl Browser {
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{}", self.base, path))
            .send()
            .await
            .unwrap()
    }

    pub async fn get_html(&self, path: &str) -> (StatusCode, Html) {
        let r = self.get(path).await;
        let status = r.status();
        (status, Html::parse_document(&r.text().await.unwrap()))
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = self.base.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }

    /// The CSRF token a form on this site would carry; fetched like a page visit.
    pub async fn csrf(&self) -> String {
        if let Some(token) = self.cookie("overens_csrf") {
            return token;
        }
        self.get("/login").await;
        self.cookie("overens_csrf")
            .expect("csrf cookie set on first visit")
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields, with no CSRF token added.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}{}", self.base, path))
            .form(fields)
            .send()
            .await
            .unwrap()
    }
}

pub fn location(r: &Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

pub fn select_text(html: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn attr(html: &Html, css: &str, name: &str) -> Option<String> {
    let sel = Selector::parse(css).unwrap();
    html.select(&sel)
        .next()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}
