//! The register in people's languages: Kazakh, Russian and English. The
//! stable contract for programs stays the English enum names and error
//! codes; these are what people read.

pub mod labels;
mod lang;
mod message;

pub use lang::Lang;
pub use message::{Arg, Message};
