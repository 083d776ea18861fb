//! What the app and the command line ask of a stored program: each view loads the program
//! and derives one figure or chart from it.

use crate::Result;
use crate::Store;
use crate::chart::{self, GanttInput, Size};
use crate::overview::Overview;

impl Store {
    pub fn overview(&self, program: i64) -> Result<Overview> {
        Ok(Overview::of(program, &self.load(program)?))
    }

    /// The roadmap Gantt as SVG.
    pub fn roadmap_svg(&self, program: i64, size: Size) -> Result<String> {
        let pack = self.load(program)?;
        chart::svg(&chart::gantt(&GanttInput::from_pack(&pack)), size)
    }
}
