//! flightdeck-core: everything in Flightdeck that is not a window — the program model, the
//! SQLite store, program packs, derived figures, charts and exports. The desktop app and the
//! command line are thin shells over this crate.

pub mod bundled;
pub mod chart;
pub mod edit;
pub mod error;
pub mod evm;
pub mod export;
pub mod figures;
pub mod files;
pub mod format;
pub mod ipc;
pub mod model;
pub mod overview;
pub mod pack;
pub mod practice;
pub mod register;
pub mod schedule;
pub mod status;
pub mod store;
pub mod synthetic;
mod views;

pub use error::{Error, Result};
pub use store::Store;
pub use views::{ChartData, Roadmap, RoadmapData};
