//! Provenance of imported records: `import_batch`, one row per file
//! imported (its name, SHA-256, who imported it, when, and the counts of
//! its report), and `import_row`, one row per record a file's row created,
//! with the row's number and its fingerprint (a keyed hash of the row's
//! values), so importing the same rows again changes nothing.

use crate::ddl::{fk, id, index, one_of, reference};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000011_imports"
    }
}

const KINDS: &[&str] = &["VOLUNTEERS", "FAMILIES", "EVENTS", "PARTICIPATIONS"];

fn import_batch() -> TableCreateStatement {
    Table::create()
        .table("import_batch")
        .col(id())
        .col(text("kind").check(one_of("kind", KINDS)))
        .col(text("file_name"))
        .col(text("file_sha256"))
        .col(text("actor"))
        .col(timestamp_with_time_zone("at"))
        .col(integer("rows_read"))
        .col(integer("created"))
        .col(integer("unchanged"))
        .col(integer("refused"))
        .col(integer("probable_duplicates"))
        .take()
}

fn import_row() -> TableCreateStatement {
    Table::create()
        .table("import_row")
        .col(id())
        .col(reference("batch_id"))
        .col(text("kind").check(one_of("kind", KINDS)))
        .col(text("fingerprint"))
        .col(integer("row_number"))
        .col(text("entity"))
        .col(big_integer("entity_id"))
        // One record per distinct row of a kind: the second import of a
        // row finds the first's record.
        .index(
            Index::create()
                .name("ux_import_row_kind_fingerprint")
                .col("kind")
                .col("fingerprint")
                .unique(),
        )
        .foreign_key(&mut fk("import_row", "batch_id", "import_batch", "id"))
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(import_batch()).await?;
        manager.create_table(import_row()).await?;
        manager
            .create_index(index("import_row", &["entity", "entity_id"]))
            .await?;
        manager
            .create_index(index("import_row", &["batch_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("import_row").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("import_batch").to_owned())
            .await
    }
}
