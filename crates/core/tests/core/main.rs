//! flightdeck-core's tests, one binary, read as a specification of the core.

mod bindings;
mod builders;
mod charts;
mod edits;
mod figures;
mod packs;
mod schedule;
mod store;
