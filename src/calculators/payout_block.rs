//! TODO(issue 2): the `payout` calculator.

use std::path::Path;

use super::CalcError;
use crate::mechanics::era::Era;

/// Pays the block in `block`, writes posts.csv and curators.csv into `out_dir` and returns
/// the summary table for standard output.
pub fn run(
    block: &Path,
    era: Option<Era>,
    out_dir: &Path,
    force: bool,
) -> Result<String, CalcError> {
    let _ = (era, out_dir, force);
    Err(CalcError::Toml {
        path: block.to_path_buf(),
        message: "not implemented yet".to_string(),
    })
}
