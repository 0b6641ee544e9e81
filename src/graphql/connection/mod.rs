//! Relay cursor connections, for root lists and for lists nested under an
//! object (a region's volunteers, an event's participations).
//!
//! Pages are cut by keyset on `(sort key, id)`, never by OFFSET, so page
//! 1,000 costs what page 1 costs and rows inserted meanwhile cannot shift a
//! page. Nested lists go through the batching loader (`nested`): one SQL
//! statement serves the pages of every parent in a response, whatever the
//! page size, using `ROW_NUMBER() OVER (PARTITION BY parent ...)`.
//! `totalCount` is computed only when selected. Cursors are sealed under
//! the server's cursor key (`seal`) and bound to their list and ordering.

mod cursor;
mod nested;
mod order;
mod page;
mod root;
mod seal;
mod types;
mod volunteer_columns;

pub use cursor::{Cursor, KeyKind, KeyValue};
pub use nested::{Brought, Item, Nested, NestedPage, ParentKey, nested_connection};
pub(crate) use order::by_column;
pub use order::{Direction, Keyed, SortKey};
pub use page::{
    DEFAULT_PAGE_SIZE, EXPORT_PAGE_SIZE, ExportPaging, MAX_PAGE_SIZE, Page, PageArgs, complexity,
};
pub use root::{ConnectionTotals, CountSource, root_connection};
pub use seal::CursorKey;
pub use types::{Conn, EdgeData, HasConnection, PageInfo, Slice};

/// Turn one page of rows (at most `size + 1`, in list order) of `list`
/// into a connection: the extra row only tells that more follow.
/// `row_of` finds each item's row (an item of a nested list also holds the
/// rows it brought).
pub(crate) fn build_connection<M: Keyed, R, N: HasConnection>(
    mut rows: Vec<R>,
    row_of: impl Fn(&R) -> &M,
    cursors: (&CursorKey, &str),
    page: &Page,
    sort: &SortKey<M>,
    node: impl Fn(R) -> N,
    totals: ConnectionTotals,
) -> Conn<N> {
    let more = rows.len() as u64 > page.size;
    rows.truncate(page.size as usize);
    if page.from_end {
        rows.reverse();
    }
    // Rows on the far side of a cursor exist whenever a cursor was given
    // for a row of this list; Relay lets servers answer from the arguments.
    let (has_previous, has_next) = if page.from_end {
        (more, page.before.is_some())
    } else {
        (page.after.is_some(), more)
    };
    let edges = rows
        .into_iter()
        .map(|item| {
            let row = row_of(&item);
            let cursor = Cursor {
                list: cursors.1.to_owned(),
                order: sort.name.to_owned(),
                key: (sort.value_of)(row),
                id: row.key(),
            };
            EdgeData {
                cursor,
                node: node(item),
            }
        })
        .collect();
    Slice {
        edges,
        has_previous_page: has_previous,
        has_next_page: has_next,
        totals,
        key: cursors.0.clone(),
    }
    .into()
}
