//! Connections nested under an object, batched across parents.
//!
//! When a page of 100 volunteers each asks for `participations(first: 5)`,
//! the 100 requests reach the batching loader together; requests with the
//! same filter, ordering and bounds become ONE statement:
//!
//! ```sql
//! SELECT * FROM (
//!   SELECT t.*, ROW_NUMBER() OVER (PARTITION BY parent ORDER BY key, id) AS rn_
//!   FROM t WHERE parent IN (...) AND <filter> AND <cursor bounds>
//! ) p WHERE rn_ <= size + 1
//! ```
//!
//! so the number of statements does not grow with the page size or the
//! number of parents. `totalCount` is batched the same way (`GROUP BY`).
//! On PostgreSQL the same statement reads each parent's page on its own,
//! `FROM (VALUES …) AS parent JOIN LATERAL (SELECT … LIMIT size + 1) ON TRUE`,
//! so a parent's rows past its page are not numbered and sorted.
//!
//! A list whose rows point to an event or a volunteer (participations)
//! brings those rows in the same statement, joined to the page, when the
//! query asks for them (`nodes { event { … } }`): one statement and one
//! round trip fewer per level, and the event read together with the
//! participation that names it.

use crate::graphql::connection::page::{Page, PageArgs};
use crate::graphql::connection::root::{CountSource, bounded};
use crate::graphql::connection::volunteer_columns::VolunteerColumns;
use crate::graphql::connection::{
    Conn, ConnectionTotals, HasConnection, Keyed, SortKey, build_connection,
};
use crate::graphql::context::ContextExt;
use crate::graphql::error::loader_error;
use crate::graphql::loaders::AppLoader;
use async_graphql::dataloader::Loader;
use async_graphql::{Context, Result};
use entity::{event, volunteer};
use sea_orm::sea_query::{
    Alias, Asterisk, Condition, Expr, ExprTrait, JoinType, Order, Query, SelectStatement,
};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, EntityName, EntityTrait, FromQueryResult, IdenStatic,
    Iterable, QueryFilter, QueryResult, QuerySelect, QueryTrait, Value,
};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::sync::Arc;

/// The parent a nested list hangs from: an id, or a region code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ParentKey {
    Id(i64),
    Code(String),
}

impl ParentKey {
    fn to_value(&self) -> Value {
        match self {
            ParentKey::Id(id) => (*id).into(),
            ParentKey::Code(code) => code.clone().into(),
        }
    }
}

/// One kind of nested list: which table, hanging from which column.
pub trait Nested: Send + Sync + 'static {
    type Entity: EntityTrait<Model = Self::Model>;
    type Model: FromQueryResult + Keyed + Clone + Send + Sync + 'static;
    /// SQL of the column holding the parent key, e.g. `event_id`.
    const PARENT_SQL: &'static str;
    /// SQL of the column naming each row's event, if the rows have one
    /// (the page can then bring the events).
    const EVENT_SQL: Option<&'static str> = None;
    /// The same for each row's volunteer.
    const VOLUNTEER_SQL: Option<&'static str> = None;
    fn parent_of(row: &Self::Model) -> ParentKey;
}

/// Which to-one rows a page brings, joined: those the query asks for
/// under the list's nodes, of those its rows have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Brings {
    event: bool,
    volunteer: bool,
    /// Of the volunteer's columns, those only some fields read.
    volunteer_columns: VolunteerColumns,
}

impl Brings {
    fn asked<L: Nested>(ctx: &Context<'_>) -> Brings {
        let look = ctx.look_ahead();
        let (nodes, edges) = (look.field("nodes"), look.field("edges").field("node"));
        let asked = |name: &str| nodes.field(name).exists() || edges.field(name).exists();
        let volunteer = L::VOLUNTEER_SQL.is_some() && asked("volunteer");
        // Only a list that brings its volunteers reads their columns; any
        // other would split its batches by columns it never selects.
        let volunteer_columns = match volunteer {
            true => VolunteerColumns::asked(&[nodes.field("volunteer"), edges.field("volunteer")]),
            false => VolunteerColumns::default(),
        };
        Brings {
            event: L::EVENT_SQL.is_some() && asked("event"),
            volunteer,
            volunteer_columns,
        }
    }
}

/// The to-one rows an item of a nested list brought.
#[derive(Clone, Debug, Default)]
pub struct Brought {
    pub event: Option<Box<event::Model>>,
    pub volunteer: Option<Box<volunteer::Model>>,
}

/// A row of a nested list, with what it brought.
#[derive(Clone, Debug)]
pub struct Item<M> {
    pub row: M,
    pub brought: Brought,
}

/// Filter, ordering and bounds shared by the parents of one field.
pub struct NestedPage<M> {
    /// The filter in canonical text: requests with equal text are batched.
    pub filter_key: String,
    pub filter: Condition,
    pub sort: SortKey<M>,
    pub page: Page,
    brings: Brings,
}

impl<M> NestedPage<M> {
    fn batch_key(&self) -> (&str, &str, &Page, Brings) {
        (&self.filter_key, &self.sort.name, &self.page, self.brings)
    }
}

/// The aliases the brought rows are joined under (`join`).
const EVENT_ALIAS: &str = "e";
const VOLUNTEER_ALIAS: &str = "v";

/// The row of `M` a page's row brought under `alias` (`join`), when it was
/// joined.
fn brought<M: FromQueryResult>(
    row: &QueryResult,
    joined: bool,
    alias: &str,
) -> Result<Option<Box<M>>, DbErr> {
    if !joined {
        return Ok(None);
    }
    Ok(M::from_query_result_optional(row, &format!("{alias}_"))?.map(Box::new))
}

/// The pages of `parents`, each row numbered in its page (`rn_`) and the
/// page's rows under the alias `p`, in one statement: every row of the
/// parents is read and numbered, and the numbers past the page dropped.
fn windowed<L: Nested>(
    spec: &NestedPage<L::Model>,
    parents: impl Iterator<Item = Value>,
) -> SelectStatement {
    let select = <L::Entity as EntityTrait>::find()
        .filter(Expr::cust(L::PARENT_SQL).is_in(parents))
        .filter(spec.filter.clone());
    let mut inner = bounded(select, &spec.page, &spec.sort).into_query();
    inner.expr_as(
        Expr::cust(format!(
            "ROW_NUMBER() OVER (PARTITION BY {} ORDER BY {})",
            L::PARENT_SQL,
            spec.sort.order_sql(spec.page.from_end)
        )),
        Alias::new(ROW_NUMBER),
    );
    let p = Alias::new(PAGE_ALIAS);
    Query::select()
        .column((p.clone(), Asterisk))
        .from_subquery(inner, p.clone())
        .and_where(Expr::col((p.clone(), Alias::new(ROW_NUMBER))).lte(spec.page.size as i64 + 1))
        .order_by((p, Alias::new(ROW_NUMBER)), Order::Asc)
        .to_owned()
}

/// The same pages as `windowed`, each read on its own by a lateral
/// subquery with the page's `LIMIT` (PostgreSQL): only a page's rows are
/// numbered and brought up. The 20 latest events of the national data set
/// have 1,640 participations for the 219 rows of their pages, which
/// `windowed` sorts all together.
fn per_parent<L: Nested>(
    spec: &NestedPage<L::Model>,
    parents: impl Iterator<Item = Value>,
) -> SelectStatement {
    let order = spec.sort.order_sql(spec.page.from_end);
    // The parents are a VALUES list: PostgreSQL names its column `column1`.
    let select = <L::Entity as EntityTrait>::find()
        .filter(Expr::cust(format!(
            "{} = \"{PARENTS_ALIAS}\".\"column1\"",
            L::PARENT_SQL
        )))
        .filter(spec.filter.clone());
    let mut inner = bounded(select, &spec.page, &spec.sort).into_query();
    // Ordered as the window is, not by its number: PostgreSQL then sorts
    // the parent's rows once and stops numbering at the limit.
    let direction = match spec.sort.ascending(spec.page.from_end) {
        true => Order::Asc,
        false => Order::Desc,
    };
    inner
        .expr_as(
            Expr::cust(format!("ROW_NUMBER() OVER (ORDER BY {order})")),
            Alias::new(ROW_NUMBER),
        )
        .order_by_expr(Expr::cust(spec.sort.sql), direction.clone())
        .order_by_expr(Expr::cust(spec.sort.id_sql), direction)
        .limit(spec.page.size + 1);
    let p = Alias::new(PAGE_ALIAS);
    Query::select()
        .column((p.clone(), Asterisk))
        .from_values(parents, Alias::new(PARENTS_ALIAS))
        .join_lateral(JoinType::InnerJoin, inner, p.clone(), Expr::cust("TRUE"))
        .order_by((p, Alias::new(ROW_NUMBER)), Order::Asc)
        .to_owned()
}

/// The aliases of a page's rows, of their number in the page and of the
/// parents' list (`per_parent`).
const PAGE_ALIAS: &str = "p";
const ROW_NUMBER: &str = "rn_";
const PARENTS_ALIAS: &str = "parent";

/// Join the rows of `E` named by the page's column `column` under `alias`,
/// each of their columns selected as `<alias>_<column>`, as NULL for
/// those `selects` leaves out.
fn join<E: EntityTrait>(
    query: &mut SelectStatement,
    backend: DbBackend,
    (alias, column): (&str, &str),
    selects: impl Fn(&str) -> bool,
) {
    let table = Alias::new(alias);
    for c in E::Column::iter() {
        let name = Alias::new(format!("{alias}_{}", c.as_str()));
        match selects(c.as_str()) {
            true => query.expr_as(Expr::col((table.clone(), c)), name),
            false => query.expr_as(Expr::cust("NULL"), name),
        };
    }
    let named = |t: Alias| {
        Expr::col((t, Alias::new("id"))).equals((Alias::new(PAGE_ALIAS), Alias::new(column)))
    };
    match backend {
        // With the pages numbered by one window, PostgreSQL's planner could
        // not tell how few rows they keep and joined the whole table by
        // hash: 150 ms for the 219 volunteers of a page of 20 events. A
        // lateral subquery with a LIMIT is never pulled up into a join, so
        // each row is looked up by its key (3 ms) whatever the estimate;
        // kept for the per-parent pages too.
        DbBackend::Postgres => {
            let source = Alias::new(E::default().table_name());
            let one = Query::select()
                .column(Asterisk)
                .from(source.clone())
                .and_where(named(source))
                .limit(1)
                .to_owned();
            query.join_lateral(JoinType::LeftJoin, one, table.clone(), named(table));
        }
        // SQLite looks each row up by its key anyway.
        _ => {
            query.join_as(
                JoinType::LeftJoin,
                E::default(),
                table.clone(),
                named(table),
            );
        }
    }
}

/// Loader key: one parent's page.
pub struct PageOf<L: Nested> {
    parent: ParentKey,
    spec: Arc<NestedPage<L::Model>>,
}

/// Loader key: one parent's `totalCount`.
pub struct CountOf<L: Nested> {
    parent: ParentKey,
    spec: Arc<NestedPage<L::Model>>,
}

macro_rules! key_traits {
    ($key:ident, $($part:tt)*) => {
        impl<L: Nested> Clone for $key<L> {
            fn clone(&self) -> Self {
                $key { parent: self.parent.clone(), spec: self.spec.clone() }
            }
        }
        impl<L: Nested> PartialEq for $key<L> {
            fn eq(&self, other: &Self) -> bool {
                self.parent == other.parent && self.spec.$($part)* == other.spec.$($part)*
            }
        }
        impl<L: Nested> Eq for $key<L> {}
        impl<L: Nested> Hash for $key<L> {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.parent.hash(state);
                self.spec.$($part)*.hash(state);
            }
        }
    };
}
key_traits!(PageOf, batch_key());
key_traits!(CountOf, filter_key);

/// Group keys that can share one statement.
fn batches<'k, K, G: Hash + Eq>(
    keys: &'k [K],
    group: impl Fn(&'k K) -> G,
) -> HashMap<G, Vec<&'k K>> {
    let mut out: HashMap<G, Vec<&K>> = HashMap::new();
    for key in keys {
        out.entry(group(key)).or_default().push(key);
    }
    out
}

impl<L: Nested> Loader<PageOf<L>> for AppLoader {
    type Value = Vec<Item<L::Model>>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[PageOf<L>],
    ) -> Result<HashMap<PageOf<L>, Self::Value>, Self::Error> {
        let mut out = HashMap::new();
        for (_, group) in batches(keys, |k| k.spec.batch_key()) {
            let spec = &group[0].spec;
            let parents = group.iter().map(|k| k.parent.to_value());
            let backend = self.db().get_database_backend();
            let mut outer = match backend {
                DbBackend::Postgres => per_parent::<L>(spec, parents),
                _ => windowed::<L>(spec, parents),
            };
            let event = L::EVENT_SQL.filter(|_| spec.brings.event);
            let volunteer = L::VOLUNTEER_SQL.filter(|_| spec.brings.volunteer);
            if let Some(column) = event {
                join::<event::Entity>(&mut outer, backend, (EVENT_ALIAS, column), |_| true);
            }
            if let Some(column) = volunteer {
                let columns = spec.brings.volunteer_columns;
                join::<volunteer::Entity>(&mut outer, backend, (VOLUNTEER_ALIAS, column), |c| {
                    columns.selects(c)
                });
            }
            let statement = backend.build(&outer);
            let rows = self.db().query_all_raw(statement).await?;
            let mut by_parent: HashMap<ParentKey, Vec<Item<L::Model>>> = HashMap::new();
            for row in rows {
                let brought = Brought {
                    event: brought(&row, event.is_some(), EVENT_ALIAS)?,
                    volunteer: brought(&row, volunteer.is_some(), VOLUNTEER_ALIAS)?,
                };
                let row = L::Model::from_query_result(&row, "")?;
                by_parent
                    .entry(L::parent_of(&row))
                    .or_default()
                    .push(Item { row, brought });
            }
            for key in group {
                let rows = by_parent.remove(&key.parent).unwrap_or_default();
                out.insert(key.clone(), rows);
            }
        }
        Ok(out)
    }
}

impl<L: Nested> Loader<CountOf<L>> for AppLoader {
    type Value = i64;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[CountOf<L>]) -> Result<HashMap<CountOf<L>, i64>, Self::Error> {
        let mut out = HashMap::new();
        for (_, group) in batches(keys, |k| k.spec.filter_key.as_str()) {
            let spec = &group[0].spec;
            let parents = group.iter().map(|k| k.parent.to_value());
            let select = <L::Entity as EntityTrait>::find()
                .select_only()
                .column_as(Expr::cust(L::PARENT_SQL), "parent_")
                .column_as(Expr::cust("COUNT(*)"), "n")
                .filter(Expr::cust(L::PARENT_SQL).is_in(parents))
                .filter(spec.filter.clone())
                .group_by(Expr::cust(L::PARENT_SQL));
            let counts: HashMap<ParentKey, i64> = match &group[0].parent {
                ParentKey::Id(_) => select
                    .into_tuple::<(i64, i64)>()
                    .all(self.db())
                    .await?
                    .into_iter()
                    .map(|(p, n)| (ParentKey::Id(p), n))
                    .collect(),
                ParentKey::Code(_) => select
                    .into_tuple::<(String, i64)>()
                    .all(self.db())
                    .await?
                    .into_iter()
                    .map(|(p, n)| (ParentKey::Code(p), n))
                    .collect(),
            };
            for key in group {
                out.insert(key.clone(), counts.get(&key.parent).copied().unwrap_or(0));
            }
        }
        Ok(out)
    }
}

/// `totalCount` of one parent's list, through the batching loader.
struct NestedCount<L: Nested>(CountOf<L>, PhantomData<L>);

#[async_trait::async_trait]
impl<L: Nested> CountSource for NestedCount<L> {
    async fn count(&self, ctx: &Context<'_>) -> Result<i64> {
        let n = ctx
            .loader()
            .load_one(self.0.clone())
            .await
            .map_err(loader_error)?;
        Ok(n.unwrap_or(0))
    }
}

/// One parent's page of the nested list `L`, filtered by `filter`
/// (whose canonical text is `filter_key`) and ordered by `sort`.
pub async fn nested_connection<L: Nested, N: HasConnection>(
    ctx: &Context<'_>,
    parent: ParentKey,
    filter: Condition,
    filter_key: String,
    sort: SortKey<L::Model>,
    args: &PageArgs,
    node: impl Fn(Item<L::Model>) -> N,
) -> Result<Conn<N>> {
    let cursors = ctx.cursor_key();
    let list = <L::Entity as Default>::default().table_name().to_owned();
    let page = args.validate(cursors, &sort.scope(&list))?;
    let spec = Arc::new(NestedPage {
        filter_key,
        filter,
        sort,
        page,
        brings: Brings::asked::<L>(ctx),
    });
    let rows = ctx
        .loader()
        .load_one(PageOf::<L> {
            parent: parent.clone(),
            spec: spec.clone(),
        })
        .await
        .map_err(loader_error)?
        .unwrap_or_default();
    let totals = ConnectionTotals(Arc::new(NestedCount::<L>(
        CountOf {
            parent,
            spec: spec.clone(),
        },
        PhantomData,
    )));
    Ok(build_connection(
        rows,
        |item| &item.row,
        (cursors, &list),
        &spec.page,
        &spec.sort,
        node,
        totals,
    ))
}
