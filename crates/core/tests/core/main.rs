//! flightdeck-core's tests, one binary, read as a specification of the core.

mod builders;
mod charts;
mod edits;
mod exports;
mod figures;
mod generated;
mod packs;
mod roundtrip;
mod schedule;
mod store;
