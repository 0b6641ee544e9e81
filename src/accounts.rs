//! `frontoffice user create|list|disable|enable|set-role|passwd` and
//! `frontoffice token`: the first admin, managing accounts from the
//! server's own machine (every change audited as `system:cli`, and taking
//! effect in running servers: at once on PostgreSQL, within a second on
//! SQLite), and tokens for scripts.

use clap::Parser;
use frontoffice::config::{Cli, CreateUserArgs, GlobalArgs, UserAction};
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

/// The password from FRONTOFFICE_PASSWORD, or the first line of standard
/// input.
fn read_password() -> Result<String, String> {
    Ok(match std::env::var("FRONTOFFICE_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    })
}

/// A writer acting for the command line on the configured database.
async fn writer(global: &GlobalArgs) -> Result<Writer, String> {
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
    Ok(Writer::new(
        conn,
        ChangeBus::default(),
        rules,
        Clock::System,
    ))
}

fn cli_operation(name: &'static str, summary: serde_json::Value) -> Operation {
    Operation {
        caller: Caller::System("cli"),
        name,
        summary,
        request_id: None,
        idempotency: None,
    }
}

pub async fn create(global: &GlobalArgs, args: &CreateUserArgs) -> Result<(), String> {
    let password = read_password()?;
    let writer = writer(global).await?;
    let new = NewAccount {
        username: args.username.clone(),
        password,
        role: args.role.into(),
        regions: args.regions.clone(),
        volunteer_id: args.volunteer,
    };
    let op = cli_operation(
        "createAccount",
        serde_json::json!({ "role": new.role.as_str(), "regionCodes": args.regions }),
    );
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

/// `user disable|enable|set-role|passwd`.
pub async fn manage(global: &GlobalArgs, action: &UserAction) -> Result<(), String> {
    use frontoffice::domain::account_admin;
    let writer = writer(global).await?;
    let (name, done) = match action {
        UserAction::Disable(a) => {
            let u = a.username.clone();
            writer
                .run(cli_operation("disableAccount", serde_json::json!({})), |w| {
                    Box::pin(async move { account_admin::disable(w, &u).await })
                })
                .await
                .map(|_| (a.username.clone(), "disabled"))
        }
        UserAction::Enable(a) => {
            let u = a.username.clone();
            writer
                .run(cli_operation("enableAccount", serde_json::json!({})), |w| {
                    Box::pin(async move { account_admin::enable(w, &u).await })
                })
                .await
                .map(|_| (a.username.clone(), "enabled"))
        }
        UserAction::SetRole(a) => {
            let (u, role, regions) = (a.username.clone(), a.role.into(), a.regions.clone());
            let summary = serde_json::json!({ "role": entity::Role::from(a.role).as_str(), "regionCodes": a.regions });
            writer
                .run(cli_operation("setAccountRole", summary), |w| {
                    Box::pin(async move { account_admin::set_role(w, &u, role, &regions).await })
                })
                .await
                .map(|_| (a.username.clone(), "given its new role"))
        }
        UserAction::Passwd(a) => {
            let password = read_password()?;
            let u = a.username.clone();
            writer
                .run(cli_operation("setPassword", serde_json::json!({})), |w| {
                    Box::pin(async move { account_admin::set_password(w, &u, &password).await })
                })
                .await
                .map(|_| (a.username.clone(), "given its new password"))
        }
        UserAction::Create(_) | UserAction::List => return Err("not a change".into()),
    }
    .map_err(|e| format!("{} ({})", e.message().english(), e.code()))?;
    println!("account {name} {done}; its earlier tokens no longer work");
    Ok(())
}

/// `user list`: one account a line.
pub async fn list(global: &GlobalArgs) -> Result<(), String> {
    use sea_orm::{EntityTrait, QueryOrder};
    let conn = db::connect(global).await.map_err(|e| e.to_string())?;
    db::migrate_up(&conn).await.map_err(|e| e.to_string())?;
    let rows = entity::account::Entity::find()
        .order_by_asc(entity::account::Column::Id)
        .all(&conn)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "{:<32} {:<12} {:<24} {:<10} state",
        "username", "role", "regions", "volunteer"
    );
    for a in rows {
        let regions = frontoffice::domain::account_admin::regions(&conn, a.id)
            .await
            .map_err(|e| e.message().english())?
            .join(",");
        let volunteer = a.volunteer_id.map(|v| v.to_string()).unwrap_or_default();
        let state = match a.disabled_at {
            Some(at) => format!("disabled {}", at.format("%Y-%m-%d %H:%M UTC")),
            None => "enabled".to_owned(),
        };
        println!(
            "{:<32} {:<12} {:<24} {:<10} {state}",
            a.username,
            a.role.as_str(),
            regions,
            volunteer
        );
    }
    Ok(())
}
