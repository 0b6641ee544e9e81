//! The sides compared: frontoffice and PostGraphile on one PostgreSQL
//! database, the raw SQL floor on it, and (with `--sqlite`) frontoffice on
//! the same data set in SQLite.

use crate::client::Endpoint;
use crate::common::Server;
use crate::postgraphile::PostGraphile;
use sea_orm::DatabaseConnection;
use serde_json::Value;
use std::sync::Arc;

pub const FO: usize = 0;
pub const PG: usize = 1;
pub const FLOOR: usize = 2;
pub const SQ: usize = 3;

/// Per side, in the order above.
pub type PerSide<T> = [T; 4];

/// A scenario's GraphQL: frontoffice's, then PostGraphile's.
pub type Queries = [&'static str; 2];

/// The query a side sends.
pub fn query(queries: Queries, side: usize) -> &'static str {
    queries[usize::from(side == PG)]
}

/// The variables of request `i` for a side, from a sequence starting at
/// `offset` (what differs between requests: the by-id scenario's ids).
pub type Variables = Arc<dyn Fn(usize, usize, u64) -> Value + Send + Sync>;

pub struct Sides {
    /// The PostgreSQL database.
    pub url: String,
    pub db: DatabaseConnection,
    pub frontoffice: Arc<Server>,
    pub peer: PostGraphile,
    /// frontoffice on the SQLite file, and the file.
    pub sqlite: Option<(Arc<Server>, String)>,
    /// The volunteers' ids, `lo..=hi` (the same on both databases).
    pub volunteers: (u64, u64),
    endpoints: Vec<(usize, Endpoint)>,
}

/// The GraphQL endpoint of a frontoffice server, signed in as its admin.
pub fn endpoint_of(server: &Server) -> Result<Endpoint, String> {
    Endpoint::new(
        format!("{}/graphql", server.base),
        Some(server.token.clone()),
        server.child.id(),
    )
}

impl Sides {
    pub fn new(
        url: String,
        db: DatabaseConnection,
        frontoffice: Arc<Server>,
        peer: PostGraphile,
        sqlite: Option<(Arc<Server>, String)>,
        volunteers: (u64, u64),
    ) -> Result<Sides, String> {
        let mut endpoints = vec![
            (FO, endpoint_of(&frontoffice)?),
            (PG, peer.endpoint.clone()),
        ];
        if let Some((server, _)) = &sqlite {
            endpoints.push((SQ, endpoint_of(server)?));
        }
        Ok(Sides {
            url,
            db,
            frontoffice,
            peer,
            sqlite,
            volunteers,
            endpoints,
        })
    }

    /// The servers, in the order each round runs them (the floor runs
    /// after PostGraphile).
    pub fn servers(&self) -> impl Iterator<Item = (usize, &Endpoint)> {
        self.endpoints.iter().map(|(side, e)| (*side, e))
    }

    /// The frontoffice server of a side (PostgreSQL's for PostGraphile:
    /// it registers the volunteers PostGraphile checks in).
    pub fn frontoffice_of(&self, side: usize) -> &Arc<Server> {
        match &self.sqlite {
            Some((server, _)) if side == SQ => server,
            _ => &self.frontoffice,
        }
    }

    /// Statements the side's server has sent since it started.
    pub async fn counted(&self, side: usize) -> Result<u64, String> {
        match side {
            PG => self.peer.statements().await,
            _ => self.frontoffice_of(side).statements().await,
        }
    }

    /// Statements one request makes on each server: the fewest of three
    /// tries (the counters also see the servers' own background work).
    pub async fn statements(
        &self,
        queries: Queries,
        variables: &Variables,
    ) -> Result<PerSide<Option<u64>>, String> {
        let mut fewest = [None; 4];
        for _ in 0..3 {
            for (side, endpoint) in self.servers() {
                let before = self.counted(side).await?;
                endpoint
                    .post(query(queries, side), &variables(side, 0, 0))
                    .await?;
                let made = self.counted(side).await? - before;
                fewest[side] = Some(fewest[side].map_or(made, |f: u64| f.min(made)));
            }
        }
        Ok(fewest)
    }

    /// Stop the servers; the database connection stays.
    pub fn stop(self) -> DatabaseConnection {
        let Sides {
            db,
            frontoffice,
            peer,
            sqlite,
            ..
        } = self;
        drop((frontoffice, peer, sqlite));
        db
    }

    /// Each server's resident memory now and at its peak, in MiB.
    pub fn memory(&self) -> PerSide<Option<(f64, f64)>> {
        let mut memory = [None; 4];
        for (side, endpoint) in self.servers() {
            memory[side] = Some(crate::common::memory(endpoint.pid));
        }
        memory
    }
}
