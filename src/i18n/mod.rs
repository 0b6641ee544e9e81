//! The register in people's languages: Kazakh, Russian and English. The
//! stable contract for programs stays the English enum names and error
//! codes; these are what people read.

pub mod labels;
mod lang;

pub use lang::Lang;
