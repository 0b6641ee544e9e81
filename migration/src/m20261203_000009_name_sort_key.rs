//! Kazakh alphabetical order of names: each volunteer's collation sort key
//! (ICU's Kazakh tailoring, computed by the server when it writes the name;
//! see the server's `domain::collation`), and an index ordering by it with
//! the id breaking ties, for keyset pages.
//!
//! The column starts empty; the server fills the keys it finds missing
//! when it starts (and after loading a data set), so the key has one
//! definition, the server's.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000009_name_sort_key"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("volunteer"))
                    .add_column(ColumnDef::new(Alias::new("name_sort_key")).binary().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_volunteer_name_sort_key")
                    .table(Alias::new("volunteer"))
                    .col(Alias::new("name_sort_key"))
                    .col(Alias::new("id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_volunteer_name_sort_key")
                    .table(Alias::new("volunteer"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("volunteer"))
                    .drop_column(Alias::new("name_sort_key"))
                    .to_owned(),
            )
            .await
    }
}
