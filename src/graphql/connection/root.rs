//! Connections at the root of the schema: one filtered query, one page.

use crate::graphql::connection::HasConnection;
use crate::graphql::connection::page::{
    EXPORT_PAGE_SIZE, ExportPaging, MAX_PAGE_SIZE, Page, PageArgs,
};
use crate::graphql::connection::{Conn, Keyed, SortKey, build_connection};
use crate::graphql::context::ContextExt;
use crate::graphql::error::db_error;
use async_graphql::{Context, Result};
use sea_orm::sea_query::{Alias, Expr, Order, Query, SelectStatement};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select,
};
use std::sync::Arc;

/// Where a connection's `totalCount` comes from, computed only if selected.
#[async_trait::async_trait]
pub trait CountSource: Send + Sync {
    async fn count(&self, ctx: &Context<'_>) -> Result<i64>;
}

/// A connection's `totalCount`, computed only if selected.
pub struct ConnectionTotals(pub Arc<dyn CountSource>);

impl ConnectionTotals {
    pub async fn count(&self, ctx: &Context<'_>) -> Result<i64> {
        self.0.count(ctx).await
    }
}

/// Counts the rows of a filtered query.
struct QueryCount {
    db: DatabaseConnection,
    filtered: SelectStatement,
}

#[async_trait::async_trait]
impl CountSource for QueryCount {
    async fn count(&self, _ctx: &Context<'_>) -> Result<i64> {
        let count = Query::select()
            .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
            .from_subquery(self.filtered.clone(), Alias::new("filtered"))
            .to_owned();
        let row = self.db.query_one(&count).await.map_err(db_error)?;
        match row {
            Some(row) => row.try_get::<i64>("", "n").map_err(db_error),
            None => Ok(0),
        }
    }
}

/// Apply keyset bounds and order to a query for one page.
pub(crate) fn bounded<E: EntityTrait<Model: Keyed>>(
    mut select: Select<E>,
    page: &Page,
    sort: &SortKey<E::Model>,
) -> Select<E> {
    if let Some(cursor) = &page.after {
        select = select.filter(sort.beyond(cursor, true));
    }
    if let Some(cursor) = &page.before {
        select = select.filter(sort.beyond(cursor, false));
    }
    select
}

/// One page of `select` (already filtered), ordered by `sort`.
pub async fn root_connection<E, N>(
    ctx: &Context<'_>,
    select: Select<E>,
    sort: &SortKey<E::Model>,
    args: &PageArgs,
    node: impl Fn(E::Model) -> N,
) -> Result<Conn<N>>
where
    E: EntityTrait,
    E::Model: Keyed,
    N: HasConnection,
{
    let db = ctx.db();
    let cursors = ctx.cursor_key();
    let list = E::default().table_name().to_owned();
    let max = match ctx.data_opt::<ExportPaging>() {
        Some(_) => EXPORT_PAGE_SIZE,
        None => MAX_PAGE_SIZE,
    };
    let page = args.validate_up_to(cursors, &sort.scope(&list), max)?;
    let filtered = select.clone().into_query();
    let order = if sort.ascending(page.from_end) {
        Order::Asc
    } else {
        Order::Desc
    };
    let mut query = bounded(select, &page, sort);
    QuerySelect::query(&mut query)
        .order_by_expr(Expr::cust(sort.sql), order.clone())
        .order_by_expr(Expr::cust(sort.id_sql), order);
    let rows = query.limit(page.size + 1).all(db).await.map_err(db_error)?;
    let totals = ConnectionTotals(Arc::new(QueryCount {
        db: db.clone(),
        filtered,
    }));
    Ok(build_connection(
        rows,
        |row| row,
        (cursors, &list),
        &page,
        sort,
        node,
        totals,
    ))
}
