//! `importFile`: a spreadsheet uploaded with the GraphQL multipart request
//! specification, imported as `POST /import/…` does, its report answered
//! as GraphQL (see docs/imports.md).

use crate::graphql::context::{ContextExt, RequestId};
use crate::i18n::Lang;
use crate::import::report::{Duplicate, Problem, Report};
use crate::import::{self, Request, source::Encoding};
use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject, Upload};
use std::io::Read;

/// What a file imported holds.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "entity::ImportKind")]
pub enum ImportKind {
    /// One volunteer per row.
    Volunteers,
    /// One family member per row.
    Families,
    /// One event per row.
    Events,
    /// One participation (and its hours) per row.
    Participations,
}

/// A spreadsheet to import.
#[derive(InputObject)]
pub struct ImportFileInput {
    /// What the file holds.
    pub kind: ImportKind,
    /// The file: `.xlsx`, `.xls`, `.ods` or CSV (UTF-8 or Windows-1251),
    /// sent as the multipart request specification says.
    pub file: Upload,
    /// Check every row and report, writing nothing.
    #[graphql(default)]
    pub dry_run: bool,
    /// Write the rows that pass and report the others (by default one
    /// refused row refuses the whole file).
    #[graphql(default)]
    pub accept_valid: bool,
    /// The region (code or name) of rows that name none.
    pub region: Option<String>,
    /// A CSV file's encoding: `auto` (the default), `utf-8` or
    /// `windows-1251`.
    pub encoding: Option<String>,
    /// A JSON object naming the field of other headings:
    /// `{"Имя участника": "fullName"}`.
    pub mapping: Option<String>,
}

/// A row refused, and why.
pub struct ImportProblem<'r>(&'r Problem, Lang);

/// A row refused, and why.
#[Object]
impl ImportProblem<'_> {
    /// The row's number as the spreadsheet shows it.
    async fn row(&self) -> u32 {
        self.0.row
    }
    /// The heading of the column at fault, as the file writes it.
    async fn column(&self) -> Option<&str> {
        self.0.column.as_deref()
    }
    /// The error code the API would give (`AGE_RESTRICTED`, …).
    async fn code(&self) -> &str {
        self.0.code.as_str()
    }
    /// What is wrong, in the request's language.
    async fn message(&self) -> String {
        self.0.message.render(self.1)
    }
}

/// A row not imported: it seems to be someone already registered.
#[derive(SimpleObject)]
pub struct ImportDuplicate {
    /// The row's number.
    pub row: u32,
    /// The volunteer it seems to be.
    pub existing_id: ID,
    /// The earlier row of the same file that registered that volunteer.
    pub same_as_row: Option<u32>,
}

impl From<&Duplicate> for ImportDuplicate {
    fn from(d: &Duplicate) -> Self {
        ImportDuplicate {
            row: d.row,
            existing_id: ID(d.existing_id.clone()),
            same_as_row: d.same_as_row,
        }
    }
}

/// What an import did, or (`dryRun`, or refused) would do.
pub struct ImportReport(Report, Lang);

/// What an import did, or (`dryRun`, or refused) would do.
#[Object]
impl ImportReport {
    /// The file's name, as kept in the provenance.
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }
    /// The SHA-256 of the file's bytes, in hexadecimal.
    async fn file_sha256(&self) -> &str {
        &self.0.file_sha256
    }
    /// Whether the import was a dry run (nothing written).
    async fn dry_run(&self) -> bool {
        self.0.dry_run
    }
    /// Whether the rows counted as created were written.
    async fn written(&self) -> bool {
        self.0.written
    }
    /// The row the headings were found on.
    async fn heading_row(&self) -> u32 {
        self.0.heading_row
    }
    /// Rows read below the heading row (empty rows are not counted).
    async fn rows_read(&self) -> u32 {
        self.0.rows_read
    }
    /// Created, or with `written` false, that would be.
    async fn created(&self) -> u32 {
        self.0.created
    }
    /// Rows naming records already there (imported before, the same IIN).
    async fn unchanged(&self) -> u32 {
        self.0.unchanged
    }
    /// Rows refused (listed in `problems`).
    async fn refused(&self) -> u32 {
        self.0.refused
    }
    /// Rows not imported as probably someone registered (in `duplicates`).
    async fn probable_duplicates(&self) -> u32 {
        self.0.probable_duplicates
    }
    /// Headings of columns not read.
    async fn ignored_columns(&self) -> &[String] {
        &self.0.ignored_columns
    }
    /// The refused rows (the first 1,000).
    async fn problems(&self) -> Vec<ImportProblem<'_>> {
        self.0
            .problems
            .iter()
            .map(|p| ImportProblem(p, self.1))
            .collect()
    }
    /// The probable duplicates (the first 1,000).
    async fn duplicates(&self) -> Vec<ImportDuplicate> {
        self.0.duplicates.iter().map(Into::into).collect()
    }
    /// More problems or duplicates were found than are listed.
    async fn truncated(&self) -> bool {
        self.0.truncated
    }
}

/// The import's report.
#[derive(SimpleObject)]
pub struct ImportFilePayload {
    /// What was done, row by row.
    pub report: ImportReport,
}

#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// Import a spreadsheet (coordinators in their regions, admins): every
    /// row under the rules of the API, in one transaction, all or nothing
    /// unless `acceptValid`. A file refused as a whole (not a spreadsheet,
    /// no heading row, a region not the caller's) is an error with its
    /// code; refused rows are in the report.
    async fn import_file(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The file and how to import it.")] input: ImportFileInput,
    ) -> Result<ImportFilePayload> {
        let lang = ctx.data_opt::<Lang>().copied().unwrap_or(Lang::En);
        let upload = input.file.value(ctx)?;
        let file_name = upload.filename.clone();
        let mut bytes = Vec::new();
        upload
            .into_read()
            .read_to_end(&mut bytes)
            .map_err(|e| crate::domain::error::DomainError::internal("reading an upload", e))?;
        let encoding = Encoding::named(input.encoding.as_deref(), "input.encoding")?;
        let request = Request {
            kind: input.kind.into(),
            file_name,
            bytes,
            encoding,
            mapping: input.mapping,
            region: input.region,
            dry_run: input.dry_run,
            accept_valid: input.accept_valid,
        };
        let request_id = ctx.data_opt::<RequestId>().map(|r| r.0.clone());
        let report = import::run(
            ctx.writer(),
            ctx.caller().clone(),
            request_id,
            request,
            std::sync::Arc::new(|_| {}),
        )
        .await?;
        Ok(ImportFilePayload {
            report: ImportReport(report, lang),
        })
    }
}
