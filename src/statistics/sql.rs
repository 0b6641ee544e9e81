//! A raw statement with numbered parameters, portable between PostgreSQL
//! (`$1`) and SQLite (`?1`).

use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, QueryResult, Statement, Value};
use std::fmt;

/// A stored value of an entity enum, written into SQL text as a quoted
/// literal. Only for the enums' own spellings (upper-case words), never for
/// input: input is always bound.
#[derive(Clone, Copy, Debug)]
pub struct Literal(pub &'static str);

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}'", self.0)
    }
}

#[derive(Default)]
pub struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql {
            text: text.to_owned(),
            values: Vec::new(),
        }
    }

    /// Append SQL text.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Append ` AND column IN (…)` with `ids` as parameters.
    pub fn and_in(&mut self, column: &str, ids: &[i64]) -> &mut Self {
        let list: Vec<String> = ids.iter().map(|id| self.bind(*id)).collect();
        self.push(&format!(" AND {column} IN ({})", list.join(", ")))
    }

    /// The placeholder of a new parameter.
    pub fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    fn statement(&self, backend: DatabaseBackend) -> Statement {
        let text = match backend {
            DatabaseBackend::Postgres => self.text.clone(),
            _ => self.text.replace('$', "?"),
        };
        Statement::from_sql_and_values(backend, text, self.values.clone())
    }

    pub async fn all(&self, db: &impl ConnectionTrait) -> Result<Vec<QueryResult>, DbErr> {
        db.query_all_raw(self.statement(db.get_database_backend()))
            .await
    }
}
