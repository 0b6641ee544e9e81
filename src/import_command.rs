//! `frontoffice import`: a spreadsheet into the register, with a progress
//! bar on a terminal and the report printed (and, with `--problems`, the
//! refused rows written as CSV). The import runs as the service itself
//! (`system:cli` in the audit log and the provenance): whoever runs the
//! command holds the database.

use clap::Parser;
use frontoffice::config::{Cli, GlobalArgs, ImportArgs};
use frontoffice::db;
use frontoffice::domain::caller::Caller;
use frontoffice::domain::changes::ChangeBus;
use frontoffice::domain::clock::Clock;
use frontoffice::domain::write::Writer;
use frontoffice::i18n::Lang;
use frontoffice::import::{self, Request, source::Encoding};
use frontoffice::keys::{self, Key};
use frontoffice::startup;
use indicatif::{ProgressBar, ProgressStyle};
use std::sync::Arc;
use std::time::Duration;

pub async fn run(global: &GlobalArgs, args: &ImportArgs) -> Result<(), String> {
    let lang = Lang::of_tag(&args.lang)
        .ok_or_else(|| format!("`{}` is not one of the languages kk, ru, en", args.lang))?;
    let encoding = Encoding::parse(&args.encoding).ok_or_else(|| {
        format!(
            "`{}` is not an encoding: use auto, utf-8 or windows-1251",
            args.encoding
        )
    })?;
    let bytes = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let mapping = match &args.mapping {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the mapping {}: {e}", path.display()))?,
        ),
        None => None,
    };
    let conn = db::connect(global).await.map_err(|e| e.to_string())?;
    db::migrate_up(&conn).await.map_err(|e| e.to_string())?;
    // The server's rules and IIN key on this database, so hashes match
    // those of people registered through the API.
    let serve = Cli::parse_from(["frontoffice"]).serve;
    let iin_secret = keys::resolve(&conn, Key::IinHash, serve.rules.iin_secret.as_deref()).await?;
    let rules = startup::rules(&serve.rules, iin_secret).map_err(|e| e.to_string())?;
    let writer = Writer::new(conn, ChangeBus::default(), rules, Clock::System);
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} rows read ({per_sec}, {elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let ticking = bar.clone();
    let request = Request {
        kind: args.what.into(),
        file_name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes,
        encoding,
        mapping,
        region: args.region.clone(),
        dry_run: args.dry_run,
        accept_valid: args.accept_valid,
    };
    let result = import::run(
        &writer,
        Caller::System("cli"),
        None,
        request,
        Arc::new(move |rows| ticking.set_position(u64::from(rows))),
    )
    .await;
    bar.finish_and_clear();
    let report = result.map_err(|e| format!("{} ({})", e.message().render(lang), e.code()))?;
    print!("{}", report.to_text(lang));
    if let Some(path) = &args.problems {
        std::fs::write(path, report.problems_csv(lang))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if report.refused > 0 && !args.accept_valid && !args.dry_run {
        return Err(format!(
            "{} rows refused: nothing was imported (fix them, or import with --accept-valid)",
            report.refused
        ));
    }
    Ok(())
}
