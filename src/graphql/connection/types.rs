//! The GraphQL types of connections: one `XConnection` and `XEdge` per node
//! type, written out by a macro so each carries its own description in the
//! docs pane, plus the shared `PageInfo`.

use crate::graphql::connection::cursor::Cursor;
use crate::graphql::connection::root::ConnectionTotals;
use crate::graphql::connection::seal::CursorKey;
use async_graphql::{OutputType, SimpleObject};

/// One item of a page, with what its cursor says. The cursor is sealed
/// only when a client asks for it (`edges { cursor }`, `pageInfo`): most
/// pages are read through `nodes`, and sealing draws a random nonce and
/// encrypts, per item.
pub struct EdgeData<N> {
    pub cursor: Cursor,
    pub node: N,
}

/// A page of items: what every connection type wraps.
pub struct Slice<N> {
    pub edges: Vec<EdgeData<N>>,
    pub has_previous_page: bool,
    pub has_next_page: bool,
    pub totals: ConnectionTotals,
    /// What the cursors are sealed with.
    pub key: CursorKey,
}

impl<N> Slice<N> {
    pub fn page_info(&self) -> PageInfo {
        PageInfo {
            has_previous_page: self.has_previous_page,
            has_next_page: self.has_next_page,
            start_cursor: self.edges.first().map(|e| e.cursor.encode(&self.key)),
            end_cursor: self.edges.last().map(|e| e.cursor.encode(&self.key)),
        }
    }
}

/// Where a page sits in its list.
#[derive(SimpleObject)]
pub struct PageInfo {
    /// Items come before this page (asked for with `last`, or after a cursor).
    pub has_previous_page: bool,
    /// Items come after this page.
    pub has_next_page: bool,
    /// Cursor of the first item of the page; pass it as `before` for the
    /// previous page.
    pub start_cursor: Option<String>,
    /// Cursor of the last item of the page; pass it as `after` for the next
    /// page.
    pub end_cursor: Option<String>,
}

/// A node type that has a connection type.
pub trait HasConnection: Sized + Send + Sync {
    type Connection: From<Slice<Self>> + OutputType;
}

/// A connection whose nodes are `N`.
pub type Conn<N> = <N as HasConnection>::Connection;

macro_rules! connection {
    ($node:ty, $connection:ident, $edge:ident, $what:literal) => {
        #[doc = concat!("One page of ", $what, " (a Relay connection), with cursors to fetch the pages around it.")]
        pub struct $connection(Slice<$node>);

        #[doc = concat!("One page of ", $what, " (a Relay connection), with cursors to fetch the pages around it.")]
        #[async_graphql::Object]
        impl $connection {
            /// The items of the page with their cursors.
            async fn edges(&self) -> Vec<$edge<'_>> {
                self.0.edges.iter().map(|e| $edge(e, &self.0.key)).collect()
            }

            /// The items of the page, without cursors.
            async fn nodes(&self) -> Vec<&$node> {
                self.0.edges.iter().map(|e| &e.node).collect()
            }

            /// Where the page sits in the list.
            async fn page_info(&self) -> PageInfo {
                self.0.page_info()
            }

            /// Number of items in the whole list (all pages), with the same
            /// filter; counted only when asked for.
            async fn total_count(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<i64> {
                self.0.totals.count(ctx).await
            }
        }

        #[doc = concat!("One of ", $what, ", with its cursor.")]
        pub struct $edge<'a>(&'a EdgeData<$node>, &'a CursorKey);

        #[doc = concat!("One of ", $what, ", with its cursor.")]
        #[async_graphql::Object]
        impl $edge<'_> {
            /// Opaque position of the item in its list, for `after`/`before`.
            async fn cursor(&self) -> String {
                self.0.cursor.encode(self.1)
            }

            /// The item.
            async fn node(&self) -> &$node {
                &self.0.node
            }
        }

        impl From<Slice<$node>> for $connection {
            fn from(slice: Slice<$node>) -> Self {
                $connection(slice)
            }
        }

        impl HasConnection for $node {
            type Connection = $connection;
        }
    };
}

use crate::graphql::accounts::Account;
use crate::graphql::audit_log::AuditEntry;
use crate::graphql::events::Event;
use crate::graphql::exchanges::{ExchangeParticipant, InternationalExchange};
use crate::graphql::families::{Family, FamilyMember};
use crate::graphql::front_offices::{FrontOffice, Organization};
use crate::graphql::participations::Participation;
use crate::graphql::projects::Project;
use crate::graphql::regions::Region;
use crate::graphql::sign_ins::SignIn;
use crate::graphql::volunteers::Volunteer;

connection!(Region, RegionConnection, RegionEdge, "regions");
connection!(
    FrontOffice,
    FrontOfficeConnection,
    FrontOfficeEdge,
    "front offices"
);
connection!(
    Organization,
    OrganizationConnection,
    OrganizationEdge,
    "organizations"
);
connection!(Volunteer, VolunteerConnection, VolunteerEdge, "volunteers");
connection!(Family, FamilyConnection, FamilyEdge, "families");
connection!(
    FamilyMember,
    FamilyMemberConnection,
    FamilyMemberEdge,
    "family members"
);
connection!(Project, ProjectConnection, ProjectEdge, "projects");
connection!(Event, EventConnection, EventEdge, "events");
connection!(
    Participation,
    ParticipationConnection,
    ParticipationEdge,
    "participations"
);
connection!(
    InternationalExchange,
    InternationalExchangeConnection,
    InternationalExchangeEdge,
    "international exchanges"
);
connection!(
    ExchangeParticipant,
    ExchangeParticipantConnection,
    ExchangeParticipantEdge,
    "exchange participants"
);
connection!(
    AuditEntry,
    AuditEntryConnection,
    AuditEntryEdge,
    "audit log entries"
);
connection!(Account, AccountConnection, AccountEdge, "accounts");
connection!(SignIn, SignInConnection, SignInEdge, "sign-in attempts");
