//! The pages people open in a browser: the public "Volunteers in numbers"
//! page at `/` and the GraphQL playground at `/graphql`, with the files
//! they load, all from the binary (see `assets`).
//!
//! Both pages are templates with placeholders the server fills before
//! sending: `{{lang}}`, `{{asset:NAME}}` (the hashed URL of a file next to
//! the page) and `{{asset-urls}}` (a JSON object of them all, for scripts
//! that start workers). They are sent with a Content-Security-Policy that
//! allows this origin only, so a page cannot load anything from elsewhere
//! even by mistake.

pub mod assets;
pub mod pages;
