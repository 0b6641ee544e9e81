//! Lists and figures of the register as files: CSV and XLSX.

pub mod cell;
