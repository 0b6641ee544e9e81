//! Data sets the server can load: the demo set that the embedded database
//! gets on first start, so a new user sees a working register at once, and
//! the national set, a register of the whole network's size for load tests.

pub mod accounts;
pub mod demo;
mod names;
pub mod national;
mod rng;
