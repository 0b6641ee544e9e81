//! Building and running the application, shared by `main` and the tests so
//! both start the server the same way.

use crate::auth::TokenKeys;
use crate::config::{ApiArgs, DemoPolicy, GlobalArgs, RulesArgs, ServeArgs};
use crate::db::{self, DbSetupError, StatementCounter};
use crate::domain::changes::ChangeBus;
use crate::domain::clock::Clock;
use crate::domain::write::{Rules, Writer};
use crate::fanout::announcer::{self, Announcer};
use crate::graphql;
use crate::http::{self, AppState};
use crate::keys::{self, Key};
use crate::seed::demo;
use sea_orm::{DatabaseBackend, DatabaseConnection};
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_util::task::TaskTracker;

/// Why the server could not start, in one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] DbSetupError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("loading the demo data failed: {0}")]
    Demo(sea_orm::DbErr),
    #[error("filling the names' sort keys failed: {0}")]
    SortKeys(sea_orm::DbErr),
    #[error("{0}")]
    Config(String),
}

/// A server bound to its port, ready to run.
pub struct Application {
    listener: TcpListener,
    addr: SocketAddr,
    db: DatabaseConnection,
    statements: StatementCounter,
    grace: Duration,
    api: ApiArgs,
    writer: Writer,
    /// Sends the writer's changes to the other processes (PostgreSQL only).
    announcer: Option<Announcer>,
    tokens: TokenKeys,
    versions: std::sync::Arc<crate::auth::versions::TokenVersions>,
    reference: std::sync::Arc<crate::reference::Reference>,
    mailer: crate::mail::Mailer,
    issuer: crate::credentials::Issuer,
}

impl Application {
    /// Open and migrate the database, load the demo set if the policy says
    /// so, and bind the listener (port 0 picks a free port).
    pub async fn build(global: &GlobalArgs, serve: &ServeArgs) -> Result<Self, StartupError> {
        // Configured keys are checked before the database is touched.
        keys::configured(Key::TokenSigning, global.jwt_secret.as_deref())
            .and(keys::configured(
                Key::IinHash,
                serve.rules.iin_secret.as_deref(),
            ))
            .map_err(StartupError::Config)?;
        let (db, statements) = db::connect_counted(global).await?;
        db::migrate_up(&db).await?;
        let token_secret = keys::resolve(&db, Key::TokenSigning, global.jwt_secret.as_deref())
            .await
            .map_err(StartupError::Config)?;
        let iin_secret = keys::resolve(&db, Key::IinHash, serve.rules.iin_secret.as_deref())
            .await
            .map_err(StartupError::Config)?;
        let tokens = global.token_keys(&token_secret);
        let rules = rules(&serve.rules, iin_secret)?;
        seed_demo_if_wanted(&db, serve.demo).await?;
        // Names written before sort keys existed, or loaded in bulk.
        crate::domain::collation::fill_missing(&db)
            .await
            .map_err(StartupError::SortKeys)?;
        let listener =
            TcpListener::bind(serve.addr)
                .await
                .map_err(|source| StartupError::Bind {
                    addr: serve.addr,
                    source,
                })?;
        let addr = listener.local_addr().map_err(|source| StartupError::Bind {
            addr: serve.addr,
            source,
        })?;
        let mailer = crate::mail::Mailer::new(serve.api.smtp_url.as_deref(), &serve.api.mail_from)
            .map_err(StartupError::Config)?;
        let bus = ChangeBus::default();
        let versions = crate::auth::versions::TokenVersions::new(db.get_database_backend());
        let forgetting = versions.clone();
        bus.observe(move |changes| forgetting.forget(changes));
        let reference = crate::reference::Reference::new(db.get_database_backend());
        let forgetting = reference.clone();
        bus.observe(move |changes| forgetting.forget(changes));
        let issuer = crate::credentials::Issuer::new(
            &serve
                .api
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{addr}")),
        )
        .map_err(StartupError::Config)?;
        // `cargo run` alone can issue credentials: on SQLite a first
        // issuer key is made when there is none (on PostgreSQL the
        // operator makes it: `frontoffice issuer-key new`).
        if db.get_database_backend() == DatabaseBackend::Sqlite
            && crate::credentials::keys::ensure_one(&db, &rules.secret)
                .await
                .map_err(|e| StartupError::Config(format!("cannot make an issuer key: {e}")))?
        {
            tracing::info!("made the first issuer key of the credentials (table issuer_key)");
        }
        // The signing key must open with this IIN key, or no certificate
        // can be issued: the operator hears it at start, not at the first
        // request (the rest of the register works on).
        if let Err(err) = crate::credentials::keys::signer(&db, &rules.secret).await {
            tracing::warn!(error = %err, "certificates cannot be issued");
        }
        let announcer = (db.get_database_backend() == DatabaseBackend::Postgres)
            .then(|| Announcer::new(bus.origin()));
        Ok(Application {
            listener,
            addr,
            statements,
            grace: serve.shutdown_grace(),
            api: serve.api.clone(),
            writer: Writer::new(db.clone(), bus, rules, Clock::System)
                .announcing_through(announcer.clone()),
            announcer,
            tokens,
            versions,
            reference,
            mailer,
            issuer,
            db,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The database the application uses.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The channel committed changes are announced on.
    pub fn changes(&self) -> ChangeBus {
        self.writer.bus().clone()
    }

    /// Who signs the credentials this application issues.
    pub fn issuer(&self) -> &crate::credentials::Issuer {
        &self.issuer
    }

    /// The count of SQL statements the application has run.
    pub fn statements(&self) -> StatementCounter {
        self.statements.clone()
    }

    /// Serve until `stop` completes, then let in-flight requests finish for
    /// at most the grace period.
    pub async fn run_until(
        self,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let (stopping_tx, stopping) = watch::channel(false);
        let limits = crate::rate_limit::RateLimits::new(&self.api.rate_limits);
        let live = crate::statistics::live::LiveFigures::with_capacity(
            self.db.clone(),
            self.writer.bus(),
            self.api.statistics_cache_scopes,
        );
        let state = AppState {
            schema: graphql::build(
                self.db.clone(),
                self.writer.clone(),
                self.tokens.clone(),
                live.clone(),
                limits.clone(),
                self.mailer.clone(),
                &self.api,
                self.issuer.clone(),
                self.reference.clone(),
            ),
            limits,
            tokens: self.tokens.clone(),
            versions: self.versions.clone(),
            db: self.db.clone(),
            shutdown: stopping.clone(),
            max_message_bytes: self.api.max_body_bytes,
            max_nesting: self.api.max_nesting,
            ws_init_timeout: self.api.ws_init_timeout(),
            sockets: TaskTracker::new(),
            request_timeout: self.api.request_timeout(),
            statements: self.statements.clone(),
            statistics: live.tally(),
            writer: self.writer.clone(),
            max_import_bytes: self.api.max_import_bytes,
            issuer: self.issuer.clone(),
        };
        let sockets = state.sockets.clone();
        let router = http::router(state, &self.api);
        // The first sweep runs before requests are accepted, so it never
        // runs among them; the next ones hourly.
        sweep_expired_keys(&self.db).await;
        tokio::spawn(sweep_idempotency_keys(self.db.clone(), stopping.clone()));
        if self.api.warm_public_figures {
            tokio::spawn(crate::statistics::warm::public_page(
                live,
                self.writer.clock().today(),
            ));
        }
        if self.api.auto_close_interval_secs > 0 {
            tokio::spawn(close_missed_check_outs(
                self.writer.clone(),
                Duration::from_secs(self.api.auto_close_interval_secs),
                stopping.clone(),
            ));
        }
        // The process listens until its own announcements are out, so that
        // the others see it leave (`fanout::departures`) only once it has
        // nothing more to tell them.
        let (announced_tx, announced) = watch::channel(false);
        let announcing = self
            .announcer
            .clone()
            .map(|announcer| tokio::spawn(announcer::run(self.db.clone(), announcer)));
        let (versions, reference) = (self.versions.clone(), self.reference.clone());
        let sender = self.announcer.clone();
        tokio::spawn(crate::fanout::listen(
            self.db.clone(),
            self.writer.bus().clone(),
            std::sync::Arc::new(move |listening| {
                versions.set_listening(listening);
                reference.set_listening(listening);
                if let Some(sender) = &sender {
                    sender.set_listening(listening);
                }
            }),
            announced,
        ));
        tokio::spawn(crate::auth::versions::follow_sqlite(
            self.db.clone(),
            self.versions.clone(),
            stopping.clone(),
        ));
        let server = http::serve::serve(
            self.listener,
            router,
            self.api.connection_limits(),
            stopping.clone(),
        );
        tokio::spawn(async move {
            stop.await;
            tracing::info!("shutting down: finishing in-flight requests");
            let _ = stopping_tx.send(true);
        });
        let mut deadline = stopping;
        let grace = self.grace;
        // Upgraded WebSocket connections are not the HTTP server's to wait
        // for: they are tracked apart, so that each has sent its close frame
        // before the process exits.
        let served_and_closed = async move {
            server.await;
            sockets.close();
            sockets.wait().await;
            Ok(())
        };
        let served = tokio::select! {
            served = served_and_closed => served,
            _ = async move {
                let _ = deadline.wait_for(|s| *s).await;
                tokio::time::sleep(grace).await;
            } => {
                tracing::warn!(?grace, "grace period over; closing remaining connections");
                Ok(())
            }
        };
        if let (Some(announcer), Some(mut announcing)) = (&self.announcer, announcing) {
            announcer.close();
            if tokio::time::timeout(announcer::DRAIN_WAIT, &mut announcing)
                .await
                .is_err()
            {
                tracing::warn!(
                    "changes not yet announced to the other processes at shutdown; they will compute anew"
                );
                announcing.abort();
            }
        }
        let _ = announced_tx.send(true);
        served
    }
}

/// The rules from configuration, with the IIN hash key `secret` (see
/// `crate::keys`).
pub fn rules(args: &RulesArgs, secret: Vec<u8>) -> Result<Rules, StartupError> {
    if !(1..=18).contains(&args.min_age) {
        return Err(StartupError::Config(
            "FRONTOFFICE_MIN_AGE must be between 1 and 18".into(),
        ));
    }
    Ok(Rules {
        min_age: args.min_age,
        secret,
        idempotency_ttl: chrono::Duration::hours(i64::from(args.idempotency_ttl_hours.max(1))),
        attendance_grace: chrono::Duration::minutes(i64::from(args.attendance_grace_minutes)),
        accounts: crate::domain::write::AccountRules {
            reset_code_ttl: chrono::Duration::minutes(i64::from(args.reset_code_minutes.max(1))),
            lock_after: args.sign_in_lock_after,
            lock_for: chrono::Duration::minutes(i64::from(args.sign_in_lock_minutes.max(1))),
        },
    })
}

/// Forget expired idempotency keys every hour until shutdown (reads
/// already ignore expired keys; this keeps the table small).
async fn sweep_idempotency_keys(db: DatabaseConnection, mut stopping: watch::Receiver<bool>) {
    let hour = Duration::from_secs(3600);
    let mut every = tokio::time::interval_at(tokio::time::Instant::now() + hour, hour);
    loop {
        tokio::select! {
            _ = every.tick() => sweep_expired_keys(&db).await,
            _ = async { let _ = stopping.wait_for(|s| *s).await; } => return,
        }
    }
}

/// Close missed check-outs at start and every `every` (see
/// `domain::auto_close`).
async fn close_missed_check_outs(
    writer: Writer,
    every: Duration,
    mut stopping: watch::Receiver<bool>,
) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => match crate::domain::auto_close::sweep(&writer).await {
                Ok(0) => {}
                Ok(closed) => tracing::info!(closed, "missed check-outs closed with estimated minutes"),
                Err(err) => tracing::warn!(error = ?err, "could not close missed check-outs"),
            },
            _ = async { let _ = stopping.wait_for(|s| *s).await; } => return,
        }
    }
}

async fn sweep_expired_keys(db: &DatabaseConnection) {
    if let Err(err) = crate::domain::idempotency::sweep(db, chrono::Utc::now()).await {
        tracing::warn!(error = ?err, "could not sweep expired idempotency keys");
    }
    if let Err(err) = crate::domain::passwords::sweep(db, chrono::Utc::now()).await {
        tracing::warn!(error = ?err, "could not sweep old sign-in attempts and reset codes");
    }
}

async fn seed_demo_if_wanted(
    db: &DatabaseConnection,
    policy: DemoPolicy,
) -> Result<(), StartupError> {
    let wanted = match policy {
        DemoPolicy::Never => false,
        DemoPolicy::Always => true,
        DemoPolicy::Auto => db.get_database_backend() == DatabaseBackend::Sqlite,
    };
    if wanted && demo::is_empty(db).await.map_err(StartupError::Demo)? {
        let summary = demo::seed_demo(db, Clock::System.now())
            .await
            .map_err(StartupError::Demo)?;
        tracing::info!(?summary, "loaded the demo data set into the empty database");
    }
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
