//! TODO(issue 2): the `eval_curve` calculator.

use super::table::{InputTable, OutputTable};
use super::CalcError;

/// Evaluates every row of `input`; see the command's help for the columns.
pub fn evaluate(input: &InputTable) -> Result<OutputTable, CalcError> {
    Err(CalcError::Toml {
        path: input.path().to_path_buf(),
        message: "not implemented yet".to_string(),
    })
}
