//! The error of any command: one enum over the layers' errors, each keeping its own message
//! (which names the file, key or folder), plus the exit code the binary uses.

use std::path::PathBuf;

use crate::calculators::CalcError;
use crate::engine::EngineError;
use crate::experiment::compare::CompareError;
use crate::output::OutputError;
use crate::scenario::ScenarioError;

/// Why a command stopped. Displayed as one line for the user; none lets the command go on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A calculator (`eval`, `payout`) failed.
    #[error(transparent)]
    Calc(#[from] CalcError),
    /// The scenario file (or a `--set`) is wrong: bad input.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The simulation of a scenario stopped.
    #[error("{path}: the run stopped: {source}")]
    Engine {
        /// The scenario file.
        path: PathBuf,
        /// What the engine said.
        source: EngineError,
    },
    /// The results could not be written, or the output folder may not be replaced.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The variants of `compare` cannot be paired or told apart: bad input.
    #[error(transparent)]
    Compare(#[from] CompareError),
    /// Runs of `compare` failed. The others were compared and written (unless none was
    /// left); the command ends with this error so scripts notice.
    #[error("{} of {total} runs failed ({}); {}", failures.len(), failures.join("; "), match written {
        Some(folder) => format!("the comparison in {} leaves them out", folder.display()),
        None => "nothing was written".to_string(),
    })]
    RunsFailed {
        /// Each failure: `<variant> replicate <r>: <why>`.
        failures: Vec<String>,
        /// Runs in all.
        total: usize,
        /// The folder written, if any run succeeded.
        written: Option<PathBuf>,
    },
    /// A command-line argument is not allowed (beyond what the parser checks, e.g.
    /// `--from` not below `--to`): bad input.
    #[error("invalid value for '{argument}': {message}")]
    Argument {
        /// The flag, e.g. `--from`.
        argument: &'static str,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// The command's results were written, but its report could not be (a malformed table,
    /// a report the user edited, a failed write). The results are kept.
    #[error("{}: the results are written, but not the report: {source}; `rewardsim report {}` tries again", folder.display(), folder.display())]
    ReportNotWritten {
        /// The result folder.
        folder: PathBuf,
        /// Why the report could not be written.
        source: OutputError,
    },
    /// Standard output could not be written (e.g. a closed pipe).
    #[error("cannot write to standard output: {0}")]
    Stdout(#[source] std::io::Error),
    /// Some runs of a sweep failed; the others' results are written and runs.csv says why
    /// each failed run did.
    #[error("{folder}: {failed} run(s) failed (see runs.csv or parts/*.failed.txt); rerun them with --resume")]
    SweepRunsFailed {
        /// How many.
        failed: usize,
        /// The sweep's folder.
        folder: std::path::PathBuf,
    },
}

impl Error {
    /// The process exit code: 2 for bad input (scenario errors, calculator input errors,
    /// variants that cannot be compared, an existing output folder without `--force`), 1
    /// when a run or a write failed.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Calc(error) => error.exit_code(),
            Error::Scenario(_) => 2,
            Error::Engine { .. } => 1,
            Error::Compare(_) => 2,
            Error::RunsFailed { .. } => 1,
            Error::Output(error) => error.exit_code(),
            Error::Argument { .. } => 2,
            Error::Stdout(_) => 1,
            Error::SweepRunsFailed { .. } => 1,
            Error::ReportNotWritten { source, .. } => source.exit_code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        let scenario = Error::from(ScenarioError::Read {
            path: "x.toml".into(),
            message: "No such file or directory".into(),
            context: String::new(),
        });
        assert_eq!(scenario.exit_code(), 2);
        assert_eq!(
            scenario.to_string(),
            "x.toml: cannot read: No such file or directory"
        );
        let engine = Error::Engine {
            path: PathBuf::from("x.toml"),
            source: EngineError::World("too big".into()),
        };
        assert_eq!(engine.exit_code(), 1);
        assert_eq!(
            engine.to_string(),
            "x.toml: the run stopped: cannot build the world: too big"
        );
        let exists = Error::from(OutputError::Exists {
            path: PathBuf::from("out"),
            holds: "an empty folder",
        });
        assert_eq!(exists.exit_code(), 2);
        let write = Error::from(OutputError::Write {
            path: PathBuf::from("out"),
            source: std::io::Error::other("disk full"),
        });
        assert_eq!(write.exit_code(), 1);
        assert_eq!(write.to_string(), "out: cannot write: disk full");
        let failed = Error::RunsFailed {
            failures: vec!["b replicate 1: the run panicked: boom".into()],
            total: 6,
            written: Some(PathBuf::from("output/cmp")),
        };
        assert_eq!(failed.exit_code(), 1);
        assert_eq!(
            failed.to_string(),
            "1 of 6 runs failed (b replicate 1: the run panicked: boom); the comparison in \
             output/cmp leaves them out"
        );
    }
}
