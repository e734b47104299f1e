//! Errors of the output layer. Every variant names the path it is about. None lets the
//! command go on; whatever happened, the target folder is as it was before the command.

use std::path::PathBuf;

/// Why the results of a run could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The target folder already holds an earlier rewardsim result, or is empty, and
    /// `--force` was not given. Bad input: the user chooses another folder or `--force`.
    #[error(
        "{path}: already exists ({holds}); pass --force to replace it, or choose another --out"
    )]
    Exists {
        /// The target folder.
        path: PathBuf,
        /// What it holds: "an earlier rewardsim result" or "an empty folder".
        holds: &'static str,
    },
    /// The target folder holds files rewardsim did not write. Refused even with `--force`,
    /// so a mistyped `--out` can never delete a user's own folder.
    #[error("{path}: already exists and holds files not written by rewardsim (no rewardsim manifest.toml); it is never replaced, not even with --force: choose another --out or remove it yourself")]
    Foreign {
        /// The target folder.
        path: PathBuf,
    },
    /// The target exists and is not a folder (a file or something else). Refused even with
    /// `--force`.
    #[error("{path}: already exists and is not a folder; choose another --out")]
    NotAFolder {
        /// The target path.
        path: PathBuf,
    },
    /// Creating, writing or renaming a file or folder failed.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A CSV table could not be serialised or written.
    #[error("{path}: cannot write CSV: {source}")]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// The CSV error.
        source: csv::Error,
    },
    /// The manifest could not be composed (e.g. the resolved scenario uses a `[run]` or
    /// `[timing]` table of its own).
    #[error("{path}: cannot write the manifest: {message}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A chart could not be drawn or encoded.
    #[error("{path}: cannot draw the chart: {message}")]
    Chart {
        /// The PNG file.
        path: PathBuf,
        /// What the plotting library said.
        message: String,
    },
    /// `report` was given a folder it cannot read: not a rewardsim result, or one of its
    /// files is missing or malformed.
    #[error("{path}: cannot report: {message}")]
    Report {
        /// The folder or file.
        path: PathBuf,
        /// What is wrong, and what `report` accepts.
        message: String,
    },
    /// `--resume` (or `merge`) was given a folder it cannot continue.
    #[error("{path}: cannot resume or merge: {why}")]
    Resume {
        /// The folder.
        path: PathBuf,
        /// Why not, and what to do.
        why: String,
    },
}

impl OutputError {
    /// The process exit code: 2 when the user must choose another target (or `--force`),
    /// 1 when writing failed.
    pub fn exit_code(&self) -> i32 {
        match self {
            OutputError::Exists { .. }
            | OutputError::Foreign { .. }
            | OutputError::NotAFolder { .. }
            | OutputError::Resume { .. }
            | OutputError::Report { .. } => 2,
            OutputError::Write { .. }
            | OutputError::Csv { .. }
            | OutputError::Manifest { .. }
            | OutputError::Chart { .. } => 1,
        }
    }
}
