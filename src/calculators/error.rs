//! Errors of the calculators. Every variant names the file and, where there is one, the line
//! and column or key, and says what is allowed. None of them lets the command go on: the
//! command stops before writing anything.

use std::path::PathBuf;

/// Why a calculator command stopped. Displayed as one line for the user.
#[derive(Debug, thiserror::Error)]
pub enum CalcError {
    /// The input file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The input file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The CSV itself is malformed (e.g. a row with a different number of fields).
    #[error("{path}: line {line}: malformed CSV: {message}")]
    Csv {
        /// The input file.
        path: PathBuf,
        /// 1-based line in the file (the header is line 1).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A required column is absent from the header.
    #[error("{path}: missing column '{column}'{suggestion}; the header has: {found}; required: {required}")]
    MissingColumn {
        /// The input file.
        path: PathBuf,
        /// The missing column.
        column: String,
        /// ", did you mean 'x'?" or empty.
        suggestion: String,
        /// The columns the header has.
        found: String,
        /// The columns this calculator requires.
        required: String,
    },
    /// The header names a column twice, or names one the calculator writes.
    #[error("{path}: line 1: column '{column}' {problem}")]
    BadHeader {
        /// The input file.
        path: PathBuf,
        /// The offending column.
        column: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A cell holds a value outside what its column allows.
    #[error(
        "{path}: line {line}, column '{column}': '{value}' is not allowed; expected {allowed}"
    )]
    Value {
        /// The input file.
        path: PathBuf,
        /// 1-based line in the file (the header is line 1).
        line: u64,
        /// The column.
        column: String,
        /// The cell as written.
        value: String,
        /// What the column allows.
        allowed: String,
    },
    /// A row whose values are each allowed but which the chain code could not evaluate.
    #[error("{path}: line {line}: {message}")]
    Row {
        /// The input file.
        path: PathBuf,
        /// 1-based line in the file.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A TOML input file that does not parse or has a wrong key, type or value.
    #[error("{path}: {message}")]
    Toml {
        /// The input file.
        path: PathBuf,
        /// What is wrong, naming the key (and line where known) and what is allowed.
        message: String,
    },
    /// An output file exists and is not a previous output of this command.
    #[error("{path}: already exists and was not written by this command; choose another path or pass --force to replace it")]
    OutputExists {
        /// The output file.
        path: PathBuf,
    },
    /// Writing an output failed.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The output file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl CalcError {
    /// The process exit code for this error: 2 for bad input (anything the user can fix in
    /// their files or arguments), 1 for failures to write output.
    pub fn exit_code(&self) -> i32 {
        match self {
            CalcError::Write { .. } => 1,
            _ => 2,
        }
    }
}
