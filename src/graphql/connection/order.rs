//! Orderings of lists: a sort expression, its direction, and how to read
//! a row's key for its cursor. The id always breaks ties, in the same
//! direction, so every ordering is total and pages never overlap.

use crate::graphql::connection::cursor::{Cursor, CursorScope, KeyKind, KeyValue};
use async_graphql::{Enum, EnumType};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, SimpleExpr};

/// Ascending or descending.
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Direction {
    /// Smallest first.
    #[default]
    Asc,
    /// Largest first.
    Desc,
}

/// A row with a unique key that breaks ties between equal sort values.
pub trait Keyed {
    /// SQL of the key column, e.g. `id`.
    const KEY_SQL: &'static str;
    /// The type of the key column.
    const KEY_KIND: KeyKind;
    fn key(&self) -> KeyValue;
}

macro_rules! keyed {
    ($($module:ident . $field:ident : $variant:ident),+ $(,)?) => {
        $(impl Keyed for entity::$module::Model {
            const KEY_SQL: &'static str = stringify!($field);
            const KEY_KIND: KeyKind = KeyKind::$variant;
            fn key(&self) -> KeyValue {
                KeyValue::$variant(self.$field.clone())
            }
        })+
    };
}

keyed!(
    region.code: Text,
    front_office.id: Int,
    organization.id: Int,
    volunteer.id: Int,
    family.id: Int,
    family_member.volunteer_id: Int,
    project.id: Int,
    event.id: Int,
    participation.id: Int,
    international_exchange.id: Int,
    exchange_participant.volunteer_id: Int,
    audit_log.id: Int,
    account.id: Int,
    sign_in.id: Int,
);

/// How one list is ordered.
pub struct SortKey<M> {
    /// Name carried in cursors, e.g. `NAME_ASC`.
    pub name: String,
    /// SQL of the sort expression over the list's table (our own constant
    /// text, never client input), e.g. `coalesce(full_name, '')`.
    pub sql: &'static str,
    /// SQL of the row's unique key (the tie-breaker).
    pub id_sql: &'static str,
    pub direction: Direction,
    /// The type of the sort expression, checked in cursors given back.
    pub kind: KeyKind,
    /// The row's value of the sort expression, for its cursor.
    pub value_of: Box<dyn Fn(&M) -> KeyValue + Send + Sync>,
}

/// The GraphQL name of an ordering field (`STARTS_AT`), which cursors carry.
fn field_name<F: EnumType>(field: F) -> &'static str {
    F::items()
        .iter()
        .find(|item| item.value == field)
        .map_or("", |item| item.name)
}

/// The ordering of a list by one stored column: the column is named once,
/// as the model's field, and gives the SQL, the cursor's value and (with
/// its kind) the key type, so the three cannot drift apart.
macro_rules! by_column {
    ($field:expr, $direction:expr, $module:ident . $column:ident : $kind:ident) => {
        $crate::graphql::connection::SortKey::new(
            $field,
            stringify!($column),
            $crate::graphql::connection::KeyKind::$kind,
            $direction,
            |m: &entity::$module::Model| {
                $crate::graphql::connection::KeyValue::$kind(m.$column.clone())
            },
        )
    };
}
pub(crate) use by_column;

impl<M: Keyed + 'static> SortKey<M> {
    /// The ordering by `field`, whose SQL expression and row value are given.
    pub fn new<F: EnumType>(
        field: F,
        sql: &'static str,
        kind: KeyKind,
        direction: Direction,
        value_of: impl Fn(&M) -> KeyValue + Send + Sync + 'static,
    ) -> Self {
        Self::named(field_name(field), sql, kind, direction, value_of)
    }

    /// The ordering by `field` that is the row's own key.
    pub fn by_id<F: EnumType>(field: F, direction: Direction) -> Self {
        Self::new(field, M::KEY_SQL, M::KEY_KIND, direction, M::key)
    }

    fn named(
        field: &str,
        sql: &'static str,
        kind: KeyKind,
        direction: Direction,
        value_of: impl Fn(&M) -> KeyValue + Send + Sync + 'static,
    ) -> Self {
        let suffix = match direction {
            Direction::Asc => "ASC",
            Direction::Desc => "DESC",
        };
        SortKey {
            name: format!("{field}_{suffix}"),
            sql,
            id_sql: M::KEY_SQL,
            direction,
            kind,
            value_of: Box::new(value_of),
        }
    }

    /// Ascending by the row's key: for ids, the order rows were recorded in.
    pub fn by_key() -> Self {
        SortKey::by_key_in(Direction::Asc)
    }

    /// By the row's key, in `direction`.
    pub fn by_key_in(direction: Direction) -> Self {
        SortKey::named("ID", M::KEY_SQL, M::KEY_KIND, direction, M::key)
    }

    /// What a cursor of this ordering over `list` must have been issued for.
    pub fn scope<'a>(&'a self, list: &'a str) -> CursorScope<'a> {
        CursorScope {
            list,
            order: &self.name,
            key: self.kind,
            id: M::KEY_KIND,
        }
    }

    /// Whether rows are read in ascending order for this page.
    pub fn ascending(&self, from_end: bool) -> bool {
        (self.direction == Direction::Asc) != from_end
    }

    /// `ORDER BY` SQL for the window function and the plain query.
    pub fn order_sql(&self, from_end: bool) -> String {
        let dir = if self.ascending(from_end) {
            "ASC"
        } else {
            "DESC"
        };
        format!("{} {dir}, {} {dir}", self.sql, self.id_sql)
    }

    /// Rows strictly after `cursor` in list order (`after`), or strictly
    /// before it (`before`).
    pub fn beyond(&self, cursor: &Cursor, after: bool) -> Condition {
        let greater = (self.direction == Direction::Asc) == after;
        let key = Expr::cust(self.sql);
        let id = Expr::cust(self.id_sql);
        let value = cursor.key.to_value();
        let (key_cmp, id_cmp): (SimpleExpr, SimpleExpr) = if greater {
            (key.clone().gt(value.clone()), id.gt(cursor.id.to_value()))
        } else {
            (key.clone().lt(value.clone()), id.lt(cursor.id.to_value()))
        };
        Condition::any()
            .add(key_cmp)
            .add(Condition::all().add(key.eq(value)).add(id_cmp))
    }
}
