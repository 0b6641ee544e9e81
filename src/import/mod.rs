//! Bringing the regions' spreadsheets into the register: volunteers,
//! families, events and participations, one kind per file.
//!
//! Every row goes through the same domain operations as the API (ages,
//! guardians, the IIN's check digit, capacity, hours limits…) inside one
//! transaction per file. Rows of families, events and participations run
//! each in a savepoint of its own, so a refused row leaves nothing behind
//! and the rows after it are still checked; rows of volunteers, the long
//! files, are decided `CHUNK` at a time in order and written in a statement
//! per table, a refused row writing nothing (`volunteers::rows`). The
//! file is all-or-nothing by default: one refused row and nothing is
//! written (the report says why for every row); `accept_valid` keeps the
//! rows that passed. A dry run checks everything and writes nothing.
//!
//! Repeatable: each row's fingerprint (a keyed hash of its values, never
//! the values) is kept with the record it created (`import_row`), with the
//! file's name, SHA-256, who imported it and when (`import_batch`), so the
//! same row imported again is `unchanged`.

pub mod events;
pub mod families;
pub mod headings;
pub mod participations;
pub mod people;
pub mod report;
pub mod source;
pub mod values;
pub mod volunteers;

use crate::domain::caller::Caller;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::write::{Kept, Operation, Write, Writer};
use crate::graphql::ids::{self, NodeType};
use crate::msg;
use entity::{ImportKind, import_batch, import_row};
use headings::{Columns, Field, HeadingSearch};
use hmac::{Hmac, Mac};
use report::{Duplicate, Report};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};
use source::{Encoding, Format, Row};
use std::collections::{HashMap, HashSet};

/// One file to import and how.
pub struct Request {
    pub kind: ImportKind,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub encoding: Encoding,
    /// A mapping file's text: headings to field names.
    pub mapping: Option<String>,
    /// The region of rows that name none.
    pub region: Option<String>,
    pub dry_run: bool,
    pub accept_valid: bool,
}

/// Told the count of rows done, after each row (the CLI's progress bar).
pub type Progress = std::sync::Arc<dyn Fn(u32) + Send + Sync>;

/// What a row did.
pub enum Outcome {
    /// A new record: its table and id.
    Created { entity: &'static str, id: i64 },
    /// The row names a record already there (the same IIN): nothing to do.
    Existing,
    /// Someone already registered, probably: not imported.
    ProbableDuplicate { id: i64 },
}

/// What every row of a file shares: the columns, the default region, the
/// records earlier rows created (by id, with their row), the regions by
/// every name a sheet may give them, and the families of the regions met.
pub struct Context {
    pub columns: Columns,
    pub region: Option<String>,
    pub created: HashMap<(&'static str, i64), u32>,
    pub regions: values::Regions,
    /// Families by region and folded name, read once per region.
    pub families: HashMap<String, HashMap<String, i64>>,
}

impl Context {
    /// The row of this file that created `entity` number `id`, if one did.
    pub fn created_by(&self, entity: &'static str, id: i64) -> Option<u32> {
        self.created.get(&(entity, id)).copied()
    }
}

fn fields(kind: ImportKind) -> &'static [Field] {
    match kind {
        ImportKind::Volunteers => volunteers::FIELDS,
        ImportKind::Families => families::FIELDS,
        ImportKind::Events => events::FIELDS,
        ImportKind::Participations => participations::FIELDS,
    }
}

fn action(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Volunteers => "importVolunteers",
        ImportKind::Families => "importFamilies",
        ImportKind::Events => "importEvents",
        ImportKind::Participations => "importParticipations",
    }
}

/// The kind a URL word names: its value in lower case (`volunteers`).
pub fn kind_named(word: &str) -> Option<ImportKind> {
    ImportKind::try_from_str(&word.to_ascii_uppercase())
        .filter(|kind| kind.as_str().to_ascii_lowercase() == word)
}

/// Import `request` as `caller`; `progress` hears the count of rows done.
/// File-level refusals (not a spreadsheet, no heading row, a region not
/// the caller's) are errors; row-level ones are in the report.
pub async fn run(
    writer: &Writer,
    caller: Caller,
    request_id: Option<String>,
    request: Request,
    progress: Progress,
) -> DomainResult<Report> {
    if request.bytes.is_empty() {
        return Err(DomainError::validation("file", msg!("import-empty")));
    }
    let format = Format::of(&request.bytes)?;
    let fields = fields(request.kind);
    let mapping = match &request.mapping {
        Some(text) => headings::mapping(text, fields)?,
        None => HashMap::new(),
    };
    let sha256 = hex::encode(Sha256::digest(&request.bytes));
    let op = Operation {
        caller,
        name: action(request.kind),
        // What the audit log keeps of each record's import: the file, not
        // its contents.
        summary: serde_json::json!({
            "file": request.file_name,
            "sha256": sha256,
            "dryRun": request.dry_run,
        }),
        request_id,
        idempotency: None,
    };
    let rows = source::read(request.bytes, format, request.encoding);
    let secret = writer.rules().secret.clone();
    let mut report = Report {
        kind: request.kind.as_str().to_owned(),
        file_name: request.file_name.clone(),
        file_sha256: sha256.clone(),
        dry_run: request.dry_run,
        ..Report::default()
    };
    writer
        .run_or_discard(op, |w| {
            Box::pin(async move {
                let regions = values::Regions::load(&w.tx).await?;
                let region = request
                    .region
                    .as_deref()
                    .map(|text| values::default_region(w, &regions, text))
                    .transpose()?;
                let mut rows = rows;
                let mut search = HeadingSearch::new(fields, mapping);
                let mut any_row = false;
                let columns = loop {
                    match rows.recv().await {
                        Some(Ok(row)) => {
                            any_row = true;
                            if let Some(columns) = search.offer(&row)? {
                                break columns;
                            }
                        }
                        Some(Err(err)) => return Err(err),
                        None if !any_row => {
                            return Err(DomainError::validation("file", msg!("import-empty")));
                        }
                        None => return Err(search.missing(&HashMap::new())),
                    }
                };
                report.heading_row = columns.heading_row;
                report.ignored_columns = columns.ignored.clone();
                let batch = import_batch::ActiveModel {
                    kind: Set(request.kind),
                    file_name: Set(request.file_name.clone()),
                    file_sha256: Set(sha256),
                    actor: Set(w.caller().audit_name()),
                    at: Set(w.now),
                    rows_read: Set(0),
                    created: Set(0),
                    unchanged: Set(0),
                    refused: Set(0),
                    probable_duplicates: Set(0),
                    ..Default::default()
                }
                .insert(&w.tx)
                .await?;
                let mut cx = Context {
                    columns,
                    region,
                    created: HashMap::new(),
                    regions,
                    families: HashMap::new(),
                };
                // The fingerprints of rows imported before, read once: a
                // file imported again is a lookup per row in memory.
                let known: HashSet<String> = import_row::Entity::find()
                    .select_only()
                    .column(import_row::Column::Fingerprint)
                    .filter(import_row::Column::Kind.eq(request.kind))
                    .into_tuple::<String>()
                    .all(&w.tx)
                    .await?
                    .into_iter()
                    .collect();
                let mut seen: HashMap<String, u32> = HashMap::new();
                let mut file = File {
                    kind: request.kind,
                    batch: batch.id,
                    pending: Vec::new(),
                };
                while let Some(row) = rows.recv().await {
                    let row = row?;
                    report.rows_read += 1;
                    let Some(fingerprint) = admit(
                        &cx,
                        &mut report,
                        &mut seen,
                        &known,
                        &secret,
                        request.kind,
                        &row,
                    ) else {
                        progress(report.rows_read);
                        continue;
                    };
                    if request.kind == ImportKind::Volunteers {
                        file.pending.push((row, fingerprint));
                        if file.pending.len() == CHUNK {
                            file.settle_chunk(w, &mut cx, &mut report).await?;
                        }
                    } else {
                        file.settle_row(w, &mut cx, &mut report, &row, fingerprint)
                            .await?;
                    }
                    progress(report.rows_read);
                }
                file.settle_chunk(w, &mut cx, &mut report).await?;
                if report.rows_read == 0 {
                    return Err(DomainError::validation("file", msg!("import-no-rows")));
                }
                // Nothing new is nothing to record: a file imported again
                // leaves the database as it was.
                let keep = !request.dry_run
                    && report.created > 0
                    && (report.refused == 0 || request.accept_valid);
                if !keep {
                    return Ok(Kept::Discard(report));
                }
                let mut done: import_batch::ActiveModel = batch.into();
                done.rows_read = Set(report.rows_read as i32);
                done.created = Set(report.created as i32);
                done.unchanged = Set(report.unchanged as i32);
                done.refused = Set(report.refused as i32);
                done.probable_duplicates = Set(report.probable_duplicates as i32);
                let done = done.update(&w.tx).await?;
                report.written = true;
                report.batch = Some(done.id);
                Ok(Kept::Commit(report))
            })
        })
        .await
}

/// Rows of volunteers decided and inserted together; a chunk's statements
/// bind about twenty values per row, well inside both databases' limits.
const CHUNK: usize = 500;

/// A row's fingerprint, if the row is to be imported: `None` when it is
/// refused for a formula, repeats an earlier row, or was imported before.
fn admit(
    cx: &Context,
    report: &mut Report,
    seen: &mut HashMap<String, u32>,
    known: &HashSet<String>,
    secret: &[u8],
    kind: ImportKind,
    row: &Row,
) -> Option<String> {
    if let Some(problem) = values::formula_in_read_column(&cx.columns, row, fields(kind)) {
        report.refuse(row.number, Some(problem.0), &problem.1);
        return None;
    }
    let fingerprint = fingerprint(secret, kind, cx, row);
    if let Some(&first) = seen.get(&fingerprint) {
        report.refuse(
            row.number,
            None,
            &DomainError::conflict(msg!("import-row-repeated", row = first)),
        );
        return None;
    }
    seen.insert(fingerprint.clone(), row.number);
    if known.contains(&fingerprint) {
        report.unchanged += 1;
        return None;
    }
    Some(fingerprint)
}

/// The file being imported: its kind, its batch, and the rows admitted but
/// not yet settled (volunteers, settled a chunk at a time).
struct File {
    kind: ImportKind,
    batch: i64,
    pending: Vec<(Row, String)>,
}

impl File {
    /// One row, through the kind's operation in a savepoint of its own, so
    /// that a refused row leaves nothing behind.
    async fn settle_row(
        &self,
        w: &mut Write,
        cx: &mut Context,
        report: &mut Report,
        row: &Row,
        fingerprint: String,
    ) -> DomainResult<()> {
        let savepoint = w.tx.begin().await?;
        let outer = std::mem::replace(&mut w.tx, savepoint);
        let result = match self.kind {
            ImportKind::Volunteers => volunteers::row(w, cx, row).await,
            ImportKind::Families => families::row(w, cx, row).await,
            ImportKind::Events => events::row(w, cx, row).await,
            ImportKind::Participations => participations::row(w, cx, row).await,
        };
        let savepoint = std::mem::replace(&mut w.tx, outer);
        match result {
            Ok(Outcome::Created { entity, id }) => {
                self.provenance(row.number, fingerprint, entity, id)
                    .insert(&savepoint)
                    .await?;
                savepoint.commit().await?;
            }
            Err(err) if err.is_failure() => {
                savepoint.rollback().await?;
                return Err(err);
            }
            _ => savepoint.rollback().await?,
        }
        settled(cx, report, row.number, result);
        Ok(())
    }

    /// The pending rows, decided and written together: a kind's chunk
    /// writes nothing for the rows it refuses, so it needs no savepoints.
    async fn settle_chunk(
        &mut self,
        w: &mut Write,
        cx: &mut Context,
        report: &mut Report,
    ) -> DomainResult<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let rows: Vec<&Row> = pending.iter().map(|(row, _)| row).collect();
        let outcomes = volunteers::rows(w, cx, &rows).await?;
        let mut provenance = Vec::new();
        for ((row, fingerprint), outcome) in pending.iter().zip(outcomes) {
            let outcome = match outcome {
                Err(err) if err.is_failure() => return Err(err),
                outcome => outcome,
            };
            if let Ok(Outcome::Created { entity, id }) = outcome {
                provenance.push(self.provenance(row.number, fingerprint.clone(), entity, id));
            }
            settled(cx, report, row.number, outcome);
        }
        if !provenance.is_empty() {
            import_row::Entity::insert_many(provenance)
                .exec(&w.tx)
                .await?;
        }
        Ok(())
    }

    /// Where the record `entity` number `id` came from: this file's row
    /// `number`, with the row's fingerprint.
    fn provenance(
        &self,
        number: u32,
        fingerprint: String,
        entity: &'static str,
        id: i64,
    ) -> import_row::ActiveModel {
        import_row::ActiveModel {
            batch_id: Set(self.batch),
            kind: Set(self.kind),
            fingerprint: Set(fingerprint),
            row_number: Set(number as i32),
            entity: Set(entity.to_owned()),
            entity_id: Set(id),
            ..Default::default()
        }
    }
}

/// A row's outcome, counted in the report (and a record created by the
/// row remembered for the rows after it).
fn settled(cx: &mut Context, report: &mut Report, number: u32, outcome: DomainResult<Outcome>) {
    match outcome {
        Ok(Outcome::Created { entity, id }) => {
            cx.created.insert((entity, id), number);
            report.created += 1;
        }
        Ok(Outcome::Existing) => report.unchanged += 1,
        Ok(Outcome::ProbableDuplicate { id }) => report.duplicate(Duplicate {
            row: number,
            existing_id: ids::encode(NodeType::Volunteer, id).to_string(),
            existing_number: id,
            same_as_row: cx.created_by("volunteer", id),
        }),
        Err(err) => {
            let column = err
                .field()
                .map(column_of)
                // Minutes may have come from a column of hours.
                .map(|f| match f {
                    "minutes" if !cx.columns.has(f) => "hours",
                    f => f,
                })
                .filter(|f| cx.columns.has(f))
                .map(|f| cx.columns.heading(f));
            report.refuse(number, column, &err);
        }
    }
}

/// The field of a row an operation's input path names.
fn column_of(path: &str) -> &str {
    match path.strip_prefix("input.").unwrap_or(path) {
        "guardian.name" => "guardianName",
        "guardian.consentOn" => "guardianConsentOn",
        "name" => "familyName",
        field => field,
    }
}

/// The row's fingerprint: a keyed hash of the kind and the values of the
/// fields read, in the fields' order (so reordered columns match), each as
/// its text, and the region given for rows that name none.
fn fingerprint(secret: &[u8], kind: ImportKind, cx: &Context, row: &Row) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(kind.as_str().as_bytes());
    mac.update(cx.region.as_deref().unwrap_or_default().as_bytes());
    for field in fields(kind) {
        mac.update(b"\x1f");
        if let Some(text) = cx.columns.text(row, field.name) {
            mac.update(field.name.as_bytes());
            mac.update(b"=");
            mac.update(text.as_bytes());
        }
    }
    hex::encode(mac.finalize().into_bytes())
}
