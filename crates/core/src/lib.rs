//! flightdeck-core: everything in Flightdeck that is not a window — the program model, the
//! SQLite store, program packs, derived figures, charts and exports. The desktop app and the
//! command line are thin shells over this crate.

pub mod bundled;
pub mod chart;
pub mod error;
pub mod model;
pub mod overview;
pub mod pack;
pub mod schedule;
pub mod store;

pub use error::{Error, Result};
pub use store::Store;
