//! Configuration, layered: built-in defaults, then the TOML file, then
//! environment variables and flags (clap reads both; a flag wins).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::db;

/// Options that can be given as a flag or an environment variable.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct Overrides {
    /// Address to listen on [default: 127.0.0.1:3000]
    #[arg(long, env = "OVERENS_LISTEN", global = true)]
    pub listen: Option<String>,
    /// Directory for the SQLite database and uploaded files [default: ./data]
    #[arg(long, env = "OVERENS_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// sqlite:PATH or postgres://... [default: SQLite in the data directory]
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// The address people reach Överens at, used in e-mailed links; https turns on Secure cookies and HSTS
    #[arg(long, env = "OVERENS_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
}

/// The TOML file. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub public_url: Option<String>,
    pub trust_proxy: Option<bool>,
    pub demo: Option<bool>,
    pub log_format: Option<LogFormat>,
    pub mail: Option<MailConfig>,
    pub password: Option<PasswordCost>,
    pub oidc: Option<OidcConfig>,
    /// Where uploaded files go: `file:///path`, or an object store such as
    /// `s3://bucket/prefix`. Default: `files` in the data directory.
    pub files: Option<String>,
    /// The largest upload accepted, in megabytes (default 25).
    pub upload_limit_mb: Option<u64>,
    /// Requests an API token may make in an hour (default 600).
    pub api_requests_per_hour: Option<i64>,
    /// This process's search index. Default: `search` in the data directory
    /// (a process that finds it in use by another builds its own elsewhere).
    pub search_dir: Option<PathBuf>,
    /// How long anonymous visitors' pages are served from memory; 0 turns it off.
    pub page_cache_seconds: Option<f64>,
}

/// An OpenID Connect provider: an eID broker or the region's own login.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OidcConfig {
    /// The issuer URL; its /.well-known/openid-configuration is read at first use.
    pub issuer: String,
    pub client_id: String,
    /// Absent for a public client, which relies on PKCE alone.
    pub client_secret: Option<String>,
    /// What the login button calls it, e.g. "Regionens inloggning".
    pub name: String,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// The sender, e.g. "Överens <noreply@example.se>".
    pub from: Option<String>,
    /// SMTP server; without it mail is written to the log (development).
    pub smtp_host: Option<String>,
    pub smtp_port: Option<u16>,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    /// "starttls" (default), "tls", or "none" (only for a server on this machine).
    pub smtp_security: Option<SmtpSecurity>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    #[default]
    Starttls,
    Tls,
    None,
}

/// Argon2id cost. The defaults follow OWASP's recommendation.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PasswordCost {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl Default for PasswordCost {
    fn default() -> Self {
        PasswordCost {
            memory_kib: 19 * 1024,
            iterations: 2,
        }
    }
}

/// The resolved configuration the application runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub public_url: Option<url::Url>,
    pub trust_proxy: bool,
    pub demo: bool,
    pub log_format: LogFormat,
    pub mail_from: String,
    pub smtp: Option<Smtp>,
    pub password_cost: PasswordCost,
    pub oidc: Option<OidcConfig>,
    pub files_url: Option<String>,
    /// In bytes.
    pub upload_limit: u64,
    pub search_dir: PathBuf,
    pub page_cache_ttl: std::time::Duration,
    /// Requests an API token may make in an hour.
    pub api_requests_per_hour: i64,
}

#[derive(Debug, Clone)]
pub struct Smtp {
    pub host: String,
    pub port: Option<u16>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub security: SmtpSecurity,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("{0}: {1}")]
    Parse(PathBuf, toml::de::Error),
    #[error("{0}: {1}")]
    Invalid(&'static str, String),
}

impl Config {
    /// Reads the TOML file (the given one, or ./overens.toml if it exists),
    /// then applies environment variables and flags on top.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Config, ConfigError> {
        let file_config = match file {
            Some(path) => read_file(path)?,
            None if Path::new("overens.toml").exists() => read_file(Path::new("overens.toml"))?,
            None => FileConfig::default(),
        };
        Config::resolve(file_config, overrides)
    }

    pub fn resolve(file: FileConfig, o: &Overrides) -> Result<Config, ConfigError> {
        let listen_text = o
            .listen
            .clone()
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen = listen_text.parse().map_err(|_| {
            ConfigError::Invalid("listen", format!("not an address: {listen_text}"))
        })?;
        let data_dir = o
            .data_dir
            .clone()
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("./data"));
        let database_url = o
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| db::sqlite_url_in(&data_dir));
        db::Backend::of_url(&database_url)
            .map_err(|e| ConfigError::Invalid("database_url", e.to_string()))?;
        let public_url = match o.public_url.clone().or(file.public_url) {
            Some(text) => Some(
                url::Url::parse(&text)
                    .map_err(|e| ConfigError::Invalid("public_url", format!("{text}: {e}")))?,
            ),
            None => None,
        };
        let mail = file.mail.unwrap_or(MailConfig {
            from: None,
            smtp_host: None,
            smtp_port: None,
            smtp_username: None,
            smtp_password: None,
            smtp_security: None,
        });
        let smtp_host = std::env::var("OVERENS_SMTP_HOST").ok().or(mail.smtp_host);
        let smtp = smtp_host.map(|host| Smtp {
            host,
            port: std::env::var("OVERENS_SMTP_PORT")
                .ok()
                .and_then(|p| p.parse().ok())
                .or(mail.smtp_port),
            username: std::env::var("OVERENS_SMTP_USERNAME")
                .ok()
                .or(mail.smtp_username),
            password: std::env::var("OVERENS_SMTP_PASSWORD")
                .ok()
                .or(mail.smtp_password),
            security: match std::env::var("OVERENS_SMTP_SECURITY").ok().as_deref() {
                Some("tls") => SmtpSecurity::Tls,
                Some("none") => SmtpSecurity::None,
                Some("starttls") => SmtpSecurity::Starttls,
                _ => mail.smtp_security.unwrap_or_default(),
            },
        });
        let mail_from = std::env::var("OVERENS_MAIL_FROM")
            .ok()
            .or(mail.from)
            .unwrap_or_else(|| "Överens <noreply@localhost>".into());
        let log_format = match std::env::var("OVERENS_LOG_FORMAT").ok().as_deref() {
            Some("json") => LogFormat::Json,
            Some("text") => LogFormat::Text,
            _ => file.log_format.unwrap_or_default(),
        };
        let search_dir = file.search_dir.unwrap_or_else(|| data_dir.join("search"));
        Ok(Config {
            listen,
            data_dir,
            database_url,
            public_url,
            trust_proxy: env_bool("OVERENS_TRUST_PROXY")
                .or(file.trust_proxy)
                .unwrap_or(false),
            demo: env_bool("OVERENS_DEMO").or(file.demo).unwrap_or(true),
            log_format,
            mail_from,
            smtp,
            password_cost: file.password.unwrap_or_default(),
            oidc: oidc_from_env().or(file.oidc),
            files_url: std::env::var("OVERENS_FILES").ok().or(file.files),
            upload_limit: std::env::var("OVERENS_UPLOAD_LIMIT_MB")
                .ok()
                .and_then(|v| v.parse().ok())
                .or(file.upload_limit_mb)
                .unwrap_or(25)
                * 1024
                * 1024,
            search_dir,
            page_cache_ttl: std::time::Duration::from_secs_f64(
                std::env::var("OVERENS_PAGE_CACHE_SECONDS")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .or(file.page_cache_seconds)
                    .unwrap_or(1.0)
                    .clamp(0.0, 3600.0),
            ),
            api_requests_per_hour: std::env::var("OVERENS_API_REQUESTS_PER_HOUR")
                .ok()
                .and_then(|v| v.parse().ok())
                .or(file.api_requests_per_hour)
                .unwrap_or(crate::accounts::rate_limit::API_TOKEN.max),
        })
    }

    /// True when people reach Överens over HTTPS: cookies get Secure, responses HSTS.
    pub fn https(&self) -> bool {
        self.public_url
            .as_ref()
            .is_some_and(|u| u.scheme() == "https")
    }

    /// The absolute address of a path, for links in e-mail.
    pub fn absolute(&self, path: &str) -> String {
        match &self.public_url {
            Some(base) => format!("{}{}", base.as_str().trim_end_matches('/'), path),
            None => format!("http://{}{}", self.listen, path),
        }
    }
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| ConfigError::Read(path.to_path_buf(), e))?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse(path.to_path_buf(), e))
}

fn oidc_from_env() -> Option<OidcConfig> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    Some(OidcConfig {
        issuer: var("OVERENS_OIDC_ISSUER")?,
        client_id: var("OVERENS_OIDC_CLIENT_ID")?,
        client_secret: var("OVERENS_OIDC_CLIENT_SECRET"),
        name: var("OVERENS_OIDC_NAME").unwrap_or_else(|| "OpenID Connect".into()),
    })
}

fn env_bool(name: &str) -> Option<bool> {
    match std::env::var(name).ok()?.as_str() {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_is_valid() {
        let file: FileConfig = toml::from_str(include_str!("../overens.example.toml")).unwrap();
        let oidc = file.oidc.clone().unwrap();
        assert_eq!(oidc.client_id, "overens");
        let config = Config::resolve(file, &Overrides::default()).unwrap();
        assert!(config.https());
        assert_eq!(config.absolute("/x"), "https://overens.example.se/x");
    }

    #[test]
    fn defaults_then_file_then_overrides() {
        let config = Config::resolve(FileConfig::default(), &Overrides::default()).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database_url, "sqlite://./data/overens.db?mode=rwc");
        assert!(!config.https());

        let file: FileConfig =
            toml::from_str("listen = \"0.0.0.0:8080\"\ndata_dir = \"/srv/o\"").unwrap();
        let flags = Overrides {
            listen: Some("127.0.0.1:9000".into()),
            ..Overrides::default()
        };
        let config = Config::resolve(file, &flags).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:9000");
        assert_eq!(config.database_url, "sqlite:///srv/o/overens.db?mode=rwc");
    }

    #[test]
    fn mistakes_are_named() {
        assert!(
            toml::from_str::<FileConfig>("listn = 1").is_err(),
            "unknown keys are refused"
        );
        let bad = Overrides {
            database_url: Some("mysql://x".into()),
            ..Overrides::default()
        };
        let err = Config::resolve(FileConfig::default(), &bad).unwrap_err();
        assert!(err.to_string().contains("database_url"));
    }
}
