//! The sample programs that ship inside the app (`packs/`), loaded on first start.

use include_dir::{Dir, include_dir};

use crate::model::Pack;
use crate::pack::{self, SourceFormat};
use crate::{Error, Result};

static PACKS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../packs");

/// The bundled packs' file names and texts, in file-name order.
pub fn sources() -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<_> = PACKS
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .filter_map(|f| Some((f.path().to_str()?, f.contents_utf8()?)))
        .collect();
    files.sort();
    files
}

/// The bundled packs, parsed and validated. A broken bundled pack is a build defect, and the
/// test suite checks them all; here it still comes back as an error rather than a panic.
pub fn packs() -> Result<Vec<Pack>> {
    sources()
        .into_iter()
        .map(|(name, text)| {
            pack::parse(&format!("packs/{name}"), text, SourceFormat::Toml).map_err(Error::Invalid)
        })
        .collect()
}
