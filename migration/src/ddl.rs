//! Small builders shared by the migrations, so each table reads as a list of
//! its columns and rules.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// `id`: a 64-bit auto-increment primary key on both backends.
pub fn id() -> ColumnDef {
    big_pk_auto("id")
}

/// A NOT NULL 64-bit reference column.
pub fn reference(col: &'static str) -> ColumnDef {
    big_integer(col)
}

/// A nullable 64-bit reference column.
pub fn reference_null(col: &'static str) -> ColumnDef {
    big_integer_null(col)
}

/// `col IN ('A', 'B', ...)`: the closed vocabularies of the register
/// (docs/domain.md).
pub fn one_of(col: &str, values: &[&str]) -> Expr {
    let list = values
        .iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(", ");
    Expr::cust(format!("{col} IN ({list})"))
}

/// An arbitrary CHECK condition in the SQL both backends share.
pub fn rule(sql: &str) -> Expr {
    Expr::cust(sql.to_owned())
}

/// A named foreign key; `on_delete` is RESTRICT unless said otherwise, so
/// history cannot be deleted from under the statistics by accident.
pub fn fk(
    table: &'static str,
    col: &'static str,
    to: &'static str,
    to_col: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{col}"))
        .from(table, col)
        .to(to, to_col)
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Restrict)
        .take()
}

/// A foreign key whose rows go with their parent (tags, memberships).
pub fn fk_cascade(
    table: &'static str,
    col: &'static str,
    to: &'static str,
    to_col: &'static str,
) -> ForeignKeyCreateStatement {
    fk(table, col, to, to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

/// A plain index named after its table and columns.
pub fn index(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", cols.join("_")))
        .table(table);
    for col in cols {
        stmt.col(*col);
    }
    stmt.take()
}

/// ISO 3166-1 alpha-2: two upper-case letters.
pub fn country_rule(col: &str) -> Expr {
    rule(&format!(
        "length({col}) = 2 AND {col} = upper({col}) AND {col} <> lower({col})"
    ))
}
