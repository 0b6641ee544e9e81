//! Data sets the server can load: the demo set that the embedded database
//! gets on first start, so a new user sees a working register at once.

pub mod accounts;
pub mod demo;
mod names;
mod rng;
