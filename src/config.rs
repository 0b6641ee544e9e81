//! Configuration: one clap tree whose every setting comes from a flag or an
//! environment variable, with defaults that make `cargo run --release` alone
//! start a working server on a SQLite file in the working directory.
//!
//! Tests build the same structures with `Cli::try_parse_from`, so the server
//! they start is configured exactly as a real one.

use crate::graphql::limits::QueryLimits;
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::time::Duration;

/// The embedded default: a SQLite file next to where the server runs,
/// created on first start (`mode=rwc`).
pub const DEFAULT_DATABASE_URL: &str = "sqlite://frontoffice.db?mode=rwc";

#[derive(Debug, Parser)]
#[command(
    name = "frontoffice",
    version,
    about = "Statistical database and GraphQL API of a national volunteer network"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// `serve`'s settings, for when no subcommand is given.
    #[command(flatten)]
    pub serve: ServeArgs,
}

impl Cli {
    /// The subcommand to run, `serve` with the top-level settings by default.
    ///
    /// `serve`'s settings go after `serve` or without a subcommand; given
    /// before a subcommand (`frontoffice --iin-secret K serve`) they would
    /// land in the unused top-level copy and be silently dropped, so they
    /// are refused. The top-level copy differs from one parsed from no
    /// arguments (the same environment and defaults) only when a flag was
    /// given there.
    pub fn command(self) -> Result<(GlobalArgs, Command), String> {
        let command = match self.command {
            Some(command) => {
                let untouched = Cli::try_parse_from(["frontoffice"])
                    .is_ok_and(|bare| format!("{:?}", bare.serve) == format!("{:?}", self.serve));
                if !untouched {
                    return Err(
                        "put `serve`'s settings after `serve` (`frontoffice serve --addr …`), or leave the subcommand out".into(),
                    );
                }
                command
            }
            None => Command::Serve(self.serve),
        };
        Ok((self.global, command))
    }
}

/// Settings every subcommand shares.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Database to use: `sqlite://PATH?mode=rwc` or `postgres://USER@HOST/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// Log filter, in `tracing` env-filter syntax (e.g. `info`, `frontoffice=debug`).
    #[arg(long, env = "FRONTOFFICE_LOG", default_value = "info", global = true)]
    pub log: String,
    /// Log line format.
    #[arg(long, env = "FRONTOFFICE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
    /// Largest number of pooled database connections.
    #[arg(long, env = "FRONTOFFICE_DB_POOL", default_value_t = 10, global = true)]
    pub db_pool: u32,
    /// Seconds to wait for a database connection before failing a request.
    #[arg(
        long,
        env = "FRONTOFFICE_DB_TIMEOUT",
        default_value_t = 5,
        global = true
    )]
    pub db_timeout_secs: u64,
    /// Key that signs sign-in tokens (at least 16 characters). Required
    /// with PostgreSQL; on SQLite, when unset, a random key is generated on
    /// first start and kept in the database (see `crate::keys`).
    #[arg(
        long,
        env = "FRONTOFFICE_JWT_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub jwt_secret: Option<String>,
    /// Hours a sign-in token stays valid.
    #[arg(
        long,
        env = "FRONTOFFICE_TOKEN_TTL_HOURS",
        default_value_t = 12,
        global = true
    )]
    pub token_ttl_hours: u32,
}

impl GlobalArgs {
    pub fn db_timeout(&self) -> Duration {
        Duration::from_secs(self.db_timeout_secs)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

// Parsed once per process: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (the default).
    Serve(ServeArgs),
    /// Apply or revert database migrations.
    Migrate {
        #[command(subcommand)]
        action: Option<MigrateAction>,
    },
    /// Print the GraphQL schema (SDL); `schema.graphql` is this output.
    Schema,
    /// Load a data set into the database.
    Seed(SeedArgs),
    /// Manage accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Import a spreadsheet of volunteers, families, events or
    /// participations (`.xlsx`, `.xls`, `.ods`, `.csv`); see
    /// docs/imports.md.
    Import(ImportArgs),
    /// Print a sign-in token for an account, for scripts (valid for the
    /// configured token lifetime).
    Token {
        /// The account's login name.
        #[arg(long)]
        username: String,
    },
    /// Manage the keys that sign the volunteers' credentials (see
    /// docs/credentials.md).
    IssuerKey {
        #[command(subcommand)]
        action: IssuerKeyAction,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum IssuerKeyAction {
    /// Make a new key: it signs from now on; the older ones stay published,
    /// so what they signed stays verifiable (this is how a key is rotated).
    New {
        /// The IIN key the private keys are sealed under (as `serve`'s;
        /// on SQLite, unset, the one kept in the database).
        #[arg(long, env = "FRONTOFFICE_IIN_SECRET", hide_env_values = true)]
        iin_secret: Option<String>,
    },
    /// List the keys, oldest first; the last one signs.
    List,
}

#[derive(Debug, Clone, Subcommand)]
pub enum UserAction {
    /// Create an account. The password is read from FRONTOFFICE_PASSWORD,
    /// or else from the first line of standard input.
    Create(CreateUserArgs),
    /// List the accounts: name, role, regions, volunteer, state.
    List,
    /// Disable an account: it cannot sign in and its tokens stop working.
    Disable(UsernameArgs),
    /// Enable a disabled account (its earlier tokens stay revoked).
    Enable(UsernameArgs),
    /// Change an account's role (and a coordinator's regions); its tokens
    /// stop working.
    SetRole(SetRoleArgs),
    /// Set an account's password, from FRONTOFFICE_PASSWORD or the first
    /// line of standard input; its tokens stop working.
    Passwd(UsernameArgs),
}

#[derive(Debug, Clone, Args)]
pub struct UsernameArgs {
    /// The account's login name.
    #[arg(long)]
    pub username: String,
}

#[derive(Debug, Clone, Args)]
pub struct SetRoleArgs {
    /// The account's login name.
    #[arg(long)]
    pub username: String,
    /// The new role.
    #[arg(long, value_enum)]
    pub role: CliRole,
    /// A coordinator's region (repeat for several).
    #[arg(long = "region")]
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CreateUserArgs {
    /// Login name.
    #[arg(long)]
    pub username: String,
    /// What the account may do.
    #[arg(long, value_enum)]
    pub role: CliRole,
    /// A coordinator's region (repeat for several), e.g. `--region KZ-71`.
    #[arg(long = "region")]
    pub regions: Vec<String>,
    /// For a volunteer's account: the volunteer's number in the register.
    #[arg(long)]
    pub volunteer: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CliRole {
    Admin,
    Coordinator,
    Volunteer,
    Analyst,
}

impl From<CliRole> for entity::Role {
    fn from(role: CliRole) -> Self {
        match role {
            CliRole::Admin => entity::Role::Admin,
            CliRole::Coordinator => entity::Role::Coordinator,
            CliRole::Volunteer => entity::Role::Volunteer,
            CliRole::Analyst => entity::Role::Analyst,
        }
    }
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum MigrateAction {
    /// Apply every pending migration (the default).
    Up,
    /// Revert the last applied migration.
    Down,
    /// List migrations and whether each is applied.
    Status,
}

/// What a file imported holds.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportWhat {
    Volunteers,
    Families,
    Events,
    Participations,
}

impl From<ImportWhat> for entity::ImportKind {
    fn from(what: ImportWhat) -> Self {
        match what {
            ImportWhat::Volunteers => entity::ImportKind::Volunteers,
            ImportWhat::Families => entity::ImportKind::Families,
            ImportWhat::Events => entity::ImportKind::Events,
            ImportWhat::Participations => entity::ImportKind::Participations,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    pub what: ImportWhat,
    /// The spreadsheet.
    pub file: std::path::PathBuf,
    /// Check every row and report, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the rows that pass and report the others (by default one
    /// refused row refuses the whole file).
    #[arg(long)]
    pub accept_valid: bool,
    /// The region (code or name) of rows that name none.
    #[arg(long)]
    pub region: Option<String>,
    /// A JSON file naming the field of other headings: `{"Имя": "fullName"}`.
    #[arg(long)]
    pub mapping: Option<std::path::PathBuf>,
    /// A CSV file's encoding: `auto` (UTF-8 if it is, else Windows-1251),
    /// `utf-8` or `windows-1251`.
    #[arg(long, default_value = "auto")]
    pub encoding: String,
    /// Also write the refused rows to this CSV file.
    #[arg(long)]
    pub problems: Option<std::path::PathBuf>,
    /// The language of the report's messages: kk, ru or en.
    #[arg(long, default_value = "en")]
    pub lang: String,
}

/// Which data set to load: exactly one of `--demo` and `--scale`.
#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct SeedArgs {
    /// Load the demo data set (refused unless the database is empty).
    #[arg(long)]
    pub demo: bool,
    /// Load the national data set (refused unless the database is empty):
    /// `national` for the full size (160,000 volunteers, about 5 million
    /// participations), or a fraction of it such as `0.1`.
    #[arg(long, value_name = "national|FRACTION", value_parser = crate::seed::national::parse_scale)]
    pub scale: Option<f64>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "FRONTOFFICE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// When to load the demo data set at start.
    #[arg(long, env = "FRONTOFFICE_DEMO", value_enum, default_value_t = DemoPolicy::Auto)]
    pub demo: DemoPolicy,
    /// Seconds in-flight requests get to finish after SIGINT/SIGTERM.
    #[arg(long, env = "FRONTOFFICE_SHUTDOWN_GRACE", default_value_t = 10)]
    pub shutdown_grace_secs: u64,
    #[command(flatten)]
    pub api: ApiArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
}

/// The register's tunable rules.
#[derive(Debug, Clone, Args)]
pub struct RulesArgs {
    /// Youngest age, in whole years on the registration date.
    #[arg(long, env = "FRONTOFFICE_MIN_AGE", default_value_t = 7)]
    pub min_age: i32,
    /// Secret key of the IIN hash (at least 16 characters). Required with
    /// PostgreSQL; on SQLite, when unset, a random key is generated on first
    /// start and kept in the database (see `crate::keys`). Changing it makes
    /// stored hashes unmatchable, so keep it for the life of the database.
    #[arg(long, env = "FRONTOFFICE_IIN_SECRET", hide_env_values = true)]
    pub iin_secret: Option<String>,
    /// Hours an idempotency key keeps its first result.
    #[arg(long, env = "FRONTOFFICE_IDEMPOTENCY_TTL_HOURS", default_value_t = 24)]
    pub idempotency_ttl_hours: u32,
    /// Minutes before an event's start a check-in, and after its end a
    /// check-out, is still accepted.
    #[arg(
        long,
        env = "FRONTOFFICE_ATTENDANCE_GRACE_MINUTES",
        default_value_t = 120
    )]
    pub attendance_grace_minutes: u32,
    /// Minutes a password-reset code works (e-mailed or issued by a
    /// coordinator).
    #[arg(long, env = "FRONTOFFICE_RESET_CODE_MINUTES", default_value_t = 30)]
    pub reset_code_minutes: u32,
    /// Failed sign-ins for one name, within the lock time, that lock it
    /// (0: never).
    #[arg(long, env = "FRONTOFFICE_SIGN_IN_LOCK_AFTER", default_value_t = 10)]
    pub sign_in_lock_after: u32,
    /// Minutes failures count, and a locked name stays locked after its
    /// last failure.
    #[arg(long, env = "FRONTOFFICE_SIGN_IN_LOCK_MINUTES", default_value_t = 15)]
    pub sign_in_lock_minutes: u32,
}

impl GlobalArgs {
    /// The keys and lifetime of sign-in tokens, signed with `secret` (the
    /// configured key or the database's own, see `crate::keys`).
    pub fn token_keys(&self, secret: &[u8]) -> crate::auth::TokenKeys {
        crate::auth::TokenKeys::new(
            secret,
            chrono::Duration::hours(i64::from(self.token_ttl_hours.max(1))),
        )
    }
}

/// Protections of the public API; docs/security.md states each with its default.
#[derive(Debug, Clone, Args)]
pub struct ApiArgs {
    /// Deepest nesting of fields accepted (`edges { node }` is two levels).
    #[arg(long, env = "FRONTOFFICE_MAX_DEPTH", default_value_t = 10)]
    pub max_depth: usize,
    /// Highest query cost accepted; each field costs 1 and a list's page
    /// size multiplies the cost of what each of its items selects.
    #[arg(long, env = "FRONTOFFICE_MAX_COMPLEXITY", default_value_t = 50_000)]
    pub max_complexity: usize,
    /// Most aliases in one document.
    #[arg(long, env = "FRONTOFFICE_MAX_ALIASES", default_value_t = 15)]
    pub max_aliases: usize,
    /// Most directives in one document.
    #[arg(long, env = "FRONTOFFICE_MAX_DIRECTIVES", default_value_t = 50)]
    pub max_directives: usize,
    /// Largest GraphQL document accepted, in bytes.
    #[arg(long, env = "FRONTOFFICE_MAX_QUERY_BYTES", default_value_t = 15_000)]
    pub max_query_bytes: usize,
    /// Deepest nesting of brackets (selections, lists, input objects and
    /// argument lists) in a document, checked before it is parsed.
    #[arg(long, env = "FRONTOFFICE_MAX_NESTING", default_value_t = 64)]
    pub max_nesting: usize,
    /// Largest request body accepted, in bytes; larger bodies get 413.
    #[arg(long, env = "FRONTOFFICE_MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Largest file `POST /import/…` accepts, in bytes (a national register
    /// of 160,000 people is about 12 MB as .xlsx); larger get 413.
    #[arg(long, env = "FRONTOFFICE_MAX_IMPORT_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_import_bytes: usize,
    /// Seconds one request may run before it is stopped (and its database
    /// work with it, except the computation of a scope's figures, which
    /// finishes and is kept for the next request that asks).
    #[arg(long, env = "FRONTOFFICE_REQUEST_TIMEOUT", default_value_t = 10)]
    pub request_timeout_secs: u64,
    /// Compute the public page's figures (this year and last, nationally,
    /// by region and by month) as soon as the server starts, so its first
    /// visitor does not wait for them.
    #[arg(long, env = "FRONTOFFICE_WARM_PUBLIC_FIGURES", default_value_t = true, action = ArgAction::Set)]
    pub warm_public_figures: bool,
    /// The SMTP relay password-reset codes are sent through:
    /// `smtp://HOST:PORT` (plain, for a relay on the same host or private
    /// network), `smtp://HOST:587?tls=required` (STARTTLS) or
    /// `smtps://USER:PASSWORD@HOST:465`; unset: no e-mail (coordinators
    /// issue codes instead).
    #[arg(long, env = "FRONTOFFICE_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of the service's e-mail.
    #[arg(
        long,
        env = "FRONTOFFICE_MAIL_FROM",
        default_value = "frontoffice <no-reply@localhost>"
    )]
    pub mail_from: String,
    /// How often the server closes check-ins whose check-out never came
    /// (their event ended, plus the grace), estimating their minutes; also
    /// once at start, to catch up. 0: never (another process does it).
    #[arg(long, env = "FRONTOFFICE_AUTO_CLOSE_INTERVAL", default_value_t = 60)]
    pub auto_close_interval_secs: u64,
    /// Answer introspection queries (GraphiQL needs them).
    #[arg(long, env = "FRONTOFFICE_INTROSPECTION", default_value_t = true, action = ArgAction::Set)]
    pub introspection: bool,
    /// Suggest field names ("Did you mean …") in validation errors.
    #[arg(long, env = "FRONTOFFICE_SUGGESTIONS", default_value_t = true, action = ArgAction::Set)]
    pub suggestions: bool,
    /// Shortest time between two updates of one live subscription, in
    /// milliseconds: bursts of changes are coalesced into one message.
    #[arg(long, env = "FRONTOFFICE_LIVE_INTERVAL_MS", default_value_t = 250)]
    pub live_interval_ms: u64,
    /// Smallest group of people a statistic may describe to anonymous
    /// callers; smaller counts (and the hours and ages of such groups) are
    /// shown as null.
    #[arg(long, env = "FRONTOFFICE_ANONYMOUS_MIN_GROUP", default_value_t = 5)]
    pub anonymous_min_group: i64,
    /// Milliseconds a WebSocket connection may wait before it sends
    /// `connection_init`; then it is closed with 4408.
    #[arg(long, env = "FRONTOFFICE_WS_INIT_TIMEOUT_MS", default_value_t = 3_000)]
    pub ws_init_timeout_ms: u64,
    /// Browser origins allowed to call the API (comma-separated, or `*`);
    /// none by default.
    #[arg(long, env = "FRONTOFFICE_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// The URL the service is reached at (`https://host[:port]`, no path):
    /// credentials name it, and their issuer is its `did:web`. By default
    /// `http://` and the address listened on.
    #[arg(long, env = "FRONTOFFICE_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Most connections open at once, WebSockets included; further clients
    /// wait in the listen backlog until one closes.
    #[arg(long, env = "FRONTOFFICE_MAX_CONNECTIONS", default_value_t = 10_000,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,
    /// Seconds a client has to send a request's line and headers; an idle
    /// keep-alive connection is closed after as long.
    #[arg(long, env = "FRONTOFFICE_HEADER_TIMEOUT", default_value_t = 10.0, value_parser = parse_seconds)]
    pub header_timeout_secs: f64,
    /// Seconds a client has to send a request's whole body once its
    /// headers are in; later, the request gets 408.
    #[arg(long, env = "FRONTOFFICE_BODY_TIMEOUT", default_value_t = 30.0, value_parser = parse_seconds)]
    pub body_timeout_secs: f64,
    /// Statistics scopes kept computed, besides those live subscriptions
    /// follow; the least recently and least often used go first.
    #[arg(long, env = "FRONTOFFICE_STATISTICS_CACHE_SCOPES", default_value_t = crate::statistics::cache::DEFAULT_CAPACITY)]
    pub statistics_cache_scopes: u64,
    #[command(flatten)]
    pub rate_limits: crate::rate_limit::RateLimitArgs,
}

/// A positive number of seconds, fractions allowed (`0.5`), at most a day.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs <= 86_400.0 => Ok(secs),
        _ => Err(format!(
            "`{text}` is not a number of seconds between 0 and 86400"
        )),
    }
}

impl ApiArgs {
    pub fn query_limits(&self) -> QueryLimits {
        QueryLimits {
            max_depth: self.max_depth,
            max_complexity: self.max_complexity,
            max_aliases: self.max_aliases,
            max_directives: self.max_directives,
            max_query_bytes: self.max_query_bytes,
            max_nesting: self.max_nesting,
            introspection: self.introspection,
        }
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs.max(1))
    }

    /// The connection cap and header timeout of the accept loop.
    pub fn connection_limits(&self) -> crate::http::serve::ConnectionLimits {
        crate::http::serve::ConnectionLimits {
            max_connections: self.max_connections.max(1),
            header_timeout: seconds(self.header_timeout_secs, 10),
        }
    }

    pub fn ws_init_timeout(&self) -> Duration {
        Duration::from_millis(self.ws_init_timeout_ms)
    }

    pub fn body_timeout(&self) -> Duration {
        seconds(self.body_timeout_secs, 30)
    }
}

/// `secs` as a duration, or `fallback` seconds when it is not a valid one
/// (the parser refuses those; this keeps hand-built settings from panicking).
fn seconds(secs: f64, fallback: u64) -> Duration {
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .unwrap_or(Duration::from_secs(fallback))
}

impl ServeArgs {
    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoPolicy {
    /// Seed the demo data into an empty SQLite database (first start of the
    /// embedded default); never into PostgreSQL, the production store.
    Auto,
    /// Seed the demo data into any empty database.
    Always,
    /// Never seed at start.
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve_of(args: &[&str]) -> Result<ServeArgs, clap::Error> {
        match Cli::try_parse_from(args)?
            .command()
            .map_err(|e| clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, e))?
            .1
        {
            Command::Serve(serve) => Ok(serve),
            other => panic!("not serve: {other:?}"),
        }
    }

    #[test]
    fn serve_settings_reach_serve_with_or_without_the_subcommand() {
        let without = serve_of(&["frontoffice", "--iin-secret", "k".repeat(16).as_str()]);
        let after = serve_of(&[
            "frontoffice",
            "serve",
            "--iin-secret",
            "k".repeat(16).as_str(),
        ]);
        for serve in [without, after] {
            assert_eq!(
                serve.expect("parsed").rules.iin_secret,
                Some("k".repeat(16))
            );
        }
        // Global settings go anywhere.
        assert!(serve_of(&["frontoffice", "--db-pool", "3", "serve"]).is_ok());
    }

    #[test]
    fn serve_settings_before_a_subcommand_are_refused_not_dropped() {
        let err = serve_of(&["frontoffice", "--iin-secret", "0123456789abcdef", "serve"])
            .expect_err("refused");
        assert!(err.to_string().contains("after `serve`"), "{err}");
    }
}
