//! The error of any command: one enum over the layers' errors, each keeping its own message
//! (which names the file, key or folder), plus the exit code the binary uses.

use std::path::PathBuf;

use crate::calculators::CalcError;
use crate::engine::EngineError;
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
    /// Standard output could not be written (e.g. a closed pipe).
    #[error("cannot write to standard output: {0}")]
    Stdout(#[source] std::io::Error),
    /// Some runs of a sweep failed; the others' results are written and runs.csv says why
    /// each failed run did.
    #[error("{folder}: {failed} run(s) failed (see runs.csv or parts/*.failed.txt); rerun them with --resume")]
    RunsFailed {
        /// How many.
        failed: usize,
        /// The sweep's folder.
        folder: std::path::PathBuf,
    },
}

impl Error {
    /// The process exit code: 2 for bad input (scenario errors, calculator input errors, an
    /// existing output folder without `--force`), 1 when a run or a write failed.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Calc(error) => error.exit_code(),
            Error::Scenario(_) => 2,
            Error::Engine { .. } => 1,
            Error::Output(error) => error.exit_code(),
            Error::Stdout(_) => 1,
            Error::RunsFailed { .. } => 1,
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
    }
}
