//! `frontoffice user create` and `frontoffice token`: the first admin, and
//! tokens for scripts.

use clap::Parser;
use frontoffice::config::{Cli, CreateUserArgs, GlobalArgs};
use frontoffice::db;
use frontoffice::domain::accounts::{self, NewAccount};
use frontoffice::domain::caller::Caller;
use frontoffice::domain::changes::ChangeBus;
use frontoffice::domain::clock::Clock;
use frontoffice::domain::write::{Operation, Writer};
use frontoffice::keys::{self, Key};
use frontoffice::startup;
use sea_orm::DatabaseBackend;
use std::io::BufRead;

pub async fn create(global: &GlobalArgs, args: &CreateUserArgs) -> Result<(), String> {
    let password = match std::env::var("FRONTOFFICE_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let conn = db::connect(global).await.map_err(|e| e.to_string())?;
    db::migrate_up(&conn).await.map_err(|e| e.to_string())?;
    // The serve settings' defaults (and environment) give the rules, with
    // the IIN key the server uses on this database: accounts hash no IIN,
    // but the writer is the server's.
    let serve = Cli::parse_from(["frontoffice"]).serve;
    let given = serve.rules.iin_secret.as_deref();
    let iin_secret = if given.is_some() || conn.get_database_backend() == DatabaseBackend::Sqlite {
        keys::resolve(&conn, Key::IinHash, given).await?
    } else {
        // PostgreSQL's key lives with the operator; creating an account
        // does not need it.
        Vec::new()
    };
    let rules = startup::rules(&serve.rules, iin_secret).map_err(|e| e.to_string())?;
    let writer = Writer::new(conn, ChangeBus::default(), rules, Clock::System);
    let new = NewAccount {
        username: args.username.clone(),
        password,
        role: args.role.into(),
        regions: args.regions.clone(),
        volunteer_id: args.volunteer,
    };
    let op = Operation {
        caller: Caller::System("cli"),
        name: "createAccount",
        summary: serde_json::json!({ "username": args.username, "role": new.role.as_str(), "regionCodes": args.regions }),
        request_id: None,
        idempotency: None,
    };
    let id = writer
        .run(op, |w| Box::pin(accounts::create(w, new)))
        .await
        .map_err(|e| format!("{} ({})", e.message().english(), e.code()))?;
    println!("created account {} (number {id})", args.username);
    Ok(())
}

pub async fn token(global: &GlobalArgs, username: &str) -> Result<(), String> {
    let conn = db::connect(global).await.map_err(|e| e.to_string())?;
    db::migrate_up(&conn).await.map_err(|e| e.to_string())?;
    let secret = keys::resolve(&conn, Key::TokenSigning, global.jwt_secret.as_deref()).await?;
    let keys = global.token_keys(&secret);
    let account = accounts::by_username(&conn, username)
        .await
        .map_err(|e| e.message().english())?;
    if account.disabled_at.is_some() {
        return Err(format!("the account `{username}` is disabled"));
    }
    let principal = accounts::principal(&conn, &account)
        .await
        .map_err(|e| e.message().english())?;
    let (token, expires) = keys.issue(&principal)?;
    eprintln!("token for {username}, valid until {expires}:");
    println!("{token}");
    Ok(())
}
