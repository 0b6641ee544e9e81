//! The `frontoffice` command line: serve (default), migrate, schema, seed.
//! Thin on purpose: each subcommand calls into the library.

use clap::Parser;
use frontoffice::config::{
    Cli, Command, GlobalArgs, IssuerKeyAction, MigrateAction, SeedArgs, ServeArgs, UserAction,
};
use frontoffice::startup::{Application, shutdown_signal};
use frontoffice::{db, graphql, seed, telemetry};
use migration::{Migrator, MigratorTrait};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

mod accounts;
mod import_command;

// See `frontoffice::memory` for why.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    frontoffice::memory::limit_arenas();
    let (global, command) = match Cli::parse().command() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("frontoffice: {message}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&global.log, global.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("frontoffice: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(global, command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("frontoffice: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(global: GlobalArgs, command: Command) -> Result<(), String> {
    match command {
        Command::Serve(serve) => run_server(&global, &serve).await,
        Command::Migrate { action } => migrate(&global, action.unwrap_or(MigrateAction::Up)).await,
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Seed(args) => seed_data(&global, &args).await,
        Command::User { action } => match action {
            UserAction::Create(args) => accounts::create(&global, &args).await,
            UserAction::List => accounts::list(&global).await,
            other => accounts::manage(&global, &other).await,
        },
        Command::Import(args) => import_command::run(&global, &args).await,
        Command::Token { username } => accounts::token(&global, &username).await,
        Command::IssuerKey { action } => issuer_key(&global, action).await,
    }
}

async fn issuer_key(global: &GlobalArgs, action: IssuerKeyAction) -> Result<(), String> {
    use frontoffice::credentials::keys;
    let conn = db::connect(global).await.map_err(|e| e.to_string())?;
    db::migrate_up(&conn).await.map_err(|e| e.to_string())?;
    match action {
        IssuerKeyAction::New { iin_secret } => {
            let secret = frontoffice::keys::resolve(
                &conn,
                frontoffice::keys::Key::IinHash,
                iin_secret.as_deref(),
            )
            .await?;
            let kid = keys::generate(&conn, &secret)
                .await
                .map_err(|e| e.to_string())?;
            println!("made issuer key {kid}; it signs from now on");
        }
        IssuerKeyAction::List => {
            for key in keys::listing(&conn).await.map_err(|e| e.to_string())? {
                println!("{}  {}", key.created_at.to_rfc3339(), key.kid);
            }
        }
    }
    Ok(())
}

async fn run_server(global: &GlobalArgs, serve: &ServeArgs) -> Result<(), String> {
    let app = Application::build(global, serve)
        .await
        .map_err(|e| e.to_string())?;
    let addr = app.local_addr();
    tracing::info!(%addr, database = %db::redact(&global.database_url), "frontoffice is listening");
    // The banner is for the person who started the server; a closed or
    // broken standard output (piped into `head`, a supervisor gone) must
    // not stop the server, so a failed write is ignored where `println!`
    // would panic.
    let banner = format!(
        "frontoffice {} is serving\n  GraphiQL:       http://{addr}/graphql\n  GraphQL (POST): http://{addr}/graphql\n  Subscriptions:  ws://{addr}/graphql/ws\n  In numbers:     http://{addr}/\n",
        env!("CARGO_PKG_VERSION")
    );
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(banner.as_bytes())
        .and_then(|()| stdout.flush());
    drop(stdout);
    app.run_until(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))
}

async fn migrate(global: &GlobalArgs, action: MigrateAction) -> Result<(), String> {
    let conn = db::connect(global).await.map_err(|e| e.to_string())?;
    let result = match action {
        MigrateAction::Up => Migrator::up(&conn, None).await,
        MigrateAction::Down => Migrator::down(&conn, Some(1)).await,
        MigrateAction::Status => {
            let migrations = Migrator::get_migration_with_status(&conn)
                .await
                .map_err(|e| format!("cannot read migration status: {e}"))?;
            for m in migrations {
                println!("{:<40} {}", m.name(), m.status());
            }
            return Ok(());
        }
    };
    result.map_err(|e| format!("migration failed: {e}"))
}

async fn seed_data(global: &GlobalArgs, args: &SeedArgs) -> Result<(), String> {
    let set = if args.demo { "demo" } else { "national" };
    if !args.demo && args.scale.is_none() {
        return Err("say which data set to load: `frontoffice seed --demo` or `frontoffice seed --scale national`".into());
    }
    let conn = db::connect(global).await.map_err(|e| e.to_string())?;
    db::migrate_up(&conn).await.map_err(|e| e.to_string())?;
    let empty = seed::demo::is_empty(&conn)
        .await
        .map_err(|e| e.to_string())?;
    if !empty {
        return Err(format!(
            "the database already holds data; the {set} data set is loaded only into an empty database"
        ));
    }
    match args.scale {
        Some(scale) if !args.demo => {
            let started = Instant::now();
            let s = seed::national::load(&conn, scale)
                .await
                .map_err(|e| format!("loading the national data set failed: {e}"))?;
            println!(
                "loaded the national data set (scale {scale}) in {:.1} s: {} volunteers, {} families, {} events, {} participations, {} international exchanges",
                started.elapsed().as_secs_f64(),
                s.volunteers,
                s.families,
                s.events,
                s.participations,
                s.exchanges
            );
        }
        _ => {
            let summary = seed::demo::seed_demo(&conn, chrono::Utc::now())
                .await
                .map_err(|e| format!("seeding failed: {e}"))?;
            println!("loaded the demo data set: {summary:?}");
        }
    }
    Ok(())
}
