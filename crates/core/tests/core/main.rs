//! flightdeck-core's tests, one binary, read as a specification of the core.

// Tests and benchmarks may panic on a broken fixture: that is their failure report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod app_folder;
mod attempts;
mod backups;
mod builders;
mod chart_text;
mod charts;
mod databases;
mod edit_props;
mod edits;
mod exports;
mod figures;
mod format;
mod generated;
mod output_files;
mod pack_messages;
mod packs;
mod practice;
mod registers;
mod roundtrip;
mod schedule;
mod store;
mod xapi;
