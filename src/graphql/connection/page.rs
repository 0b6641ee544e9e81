//! The four Relay arguments and their validation.

use crate::domain::error::DomainError;
use crate::graphql::connection::cursor::{Cursor, CursorScope};
use crate::graphql::connection::seal::CursorKey;
use crate::msg;

/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: i32 = 20;
/// Largest `first` or `last` accepted. The smallest is 0: an empty page
/// still answers `totalCount` and whether there are items (`pageInfo`),
/// which is how a client counts without listing.
pub const MAX_PAGE_SIZE: i32 = 100;
/// Largest page of a root list when the server itself reads it for a file
/// export (`ExportPaging` in the request's data): fewer, larger pages,
/// the same filters and rules.
pub const EXPORT_PAGE_SIZE: i32 = 2_000;

/// Request data marking an execution as the server's own export.
#[derive(Clone, Copy, Debug)]
pub struct ExportPaging;

/// The Relay arguments as the client sent them.
#[derive(Clone, Debug, Default)]
pub struct PageArgs {
    pub after: Option<String>,
    pub before: Option<String>,
    pub first: Option<i32>,
    pub last: Option<i32>,
}

/// Validated arguments: a direction, a size and optional bounds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Page {
    pub after: Option<Cursor>,
    pub before: Option<Cursor>,
    pub size: u64,
    /// `last` was given: take the page from the end.
    pub from_end: bool,
}

impl PageArgs {
    pub fn new(
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Self {
        PageArgs {
            after,
            before,
            first,
            last,
        }
    }

    /// Check sizes and open cursors, which must have been issued for `scope`.
    pub fn validate(&self, key: &CursorKey, scope: &CursorScope<'_>) -> Result<Page, DomainError> {
        self.validate_up_to(key, scope, MAX_PAGE_SIZE)
    }

    /// `validate`, with pages of up to `max` items.
    pub fn validate_up_to(
        &self,
        key: &CursorKey,
        scope: &CursorScope<'_>,
        max: i32,
    ) -> Result<Page, DomainError> {
        let size = |name: &str, n: i32| {
            if (0..=max).contains(&n) {
                Ok(n as u64)
            } else {
                Err(DomainError::validation(
                    name,
                    msg!("page-size", name = name, max = max, got = n),
                ))
            }
        };
        let (size, from_end) = match (self.first, self.last) {
            (Some(_), Some(_)) => {
                return Err(DomainError::validation("last", msg!("first-or-last")));
            }
            (Some(n), None) => (size("first", n)?, false),
            (None, Some(n)) => (size("last", n)?, true),
            (None, None) => (DEFAULT_PAGE_SIZE as u64, false),
        };
        Ok(Page {
            after: self
                .after
                .as_deref()
                .map(|c| Cursor::decode(c, key, scope, "after"))
                .transpose()?,
            before: self
                .before
                .as_deref()
                .map(|c| Cursor::decode(c, key, scope, "before"))
                .transpose()?,
            size,
            from_end,
        })
    }
}

/// The complexity of a connection field: its page size times what each
/// node selects, plus one. Used in `#[graphql(complexity = ...)]`.
pub fn complexity(first: Option<i32>, last: Option<i32>, child: usize) -> usize {
    let size = first
        .or(last)
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(0, MAX_PAGE_SIZE) as usize;
    size.max(1).saturating_mul(child).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::connection::cursor::KeyKind;

    #[test]
    fn page_sizes_are_bounded() {
        let key = CursorKey::from_bytes([7; 32]);
        let scope = CursorScope {
            list: "event",
            order: "ID_ASC",
            key: KeyKind::Int,
            id: KeyKind::Int,
        };
        let size = |first, last| {
            PageArgs::new(None, None, first, last)
                .validate(&key, &scope)
                .ok()
                .map(|p| p.size)
        };
        assert_eq!(size(None, None), Some(DEFAULT_PAGE_SIZE as u64));
        assert_eq!(size(Some(100), None), Some(100));
        assert_eq!(size(Some(0), None), Some(0));
        assert_eq!(size(None, Some(0)), Some(0));
        assert_eq!(size(Some(101), None), None);
        assert_eq!(size(None, Some(-1)), None);
        assert_eq!(size(Some(1), Some(1)), None);
    }
}
