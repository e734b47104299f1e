//! The result folder of a run, written all or nothing.
//!
//! Every file goes into a fresh temporary folder beside the target (same parent, so the final
//! rename stays on one file system); only when all of them are written is the temporary folder
//! renamed into place. A failure at any point removes the temporary folder and leaves the
//! target as it was.
//!
//! What may be replaced, decided by [`inspect`]:
//!
//! | target                                   | without `--force` | with `--force` |
//! |------------------------------------------|-------------------|----------------|
//! | does not exist                           | written           | written        |
//! | empty folder                             | refused (exit 2)  | replaced       |
//! | earlier result (rewardsim manifest.toml) | refused (exit 2)  | replaced       |
//! | folder with anything else                | refused (exit 2)  | refused        |
//! | not a folder                             | refused (exit 2)  | refused        |
//!
//! A folder holding other files is never replaced: `--force` is for re-running a scenario,
//! and must not turn a mistyped `--out` (`.`, `~`) into a deleted folder.
//!
//! Replacing swaps folders: the old result is renamed into a temporary holder, the new one
//! renamed in, then the holder is removed. If the second rename fails, the old result is
//! renamed back.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::OutputError;
use super::manifest;

/// What is at the target path now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Nothing: the folder will be created.
    Nothing,
    /// An empty folder.
    Empty,
    /// A folder with a manifest.toml written by rewardsim.
    EarlierResult,
}

/// Looks at `target` and says whether a run may write there: `Ok` with what is there if it
/// may (given `force`), otherwise the error to report.
pub fn inspect(target: &Path, force: bool) -> Result<Existing, OutputError> {
    let metadata = match fs::symlink_metadata(target) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(source) => {
            return Err(OutputError::Write {
                path: target.to_path_buf(),
                source,
            })
        }
    };
    if !metadata.is_dir() {
        return Err(OutputError::NotAFolder {
            path: target.to_path_buf(),
        });
    }
    let write_error = |source| OutputError::Write {
        path: target.to_path_buf(),
        source,
    };
    let existing = if fs::read_dir(target).map_err(write_error)?.next().is_none() {
        Existing::Empty
    } else if fs::read(target.join(manifest::FILE_NAME))
        .map(|bytes| manifest::is_rewardsim_manifest(&bytes))
        .unwrap_or(false)
    {
        Existing::EarlierResult
    } else {
        return Err(OutputError::Foreign {
            path: target.to_path_buf(),
        });
    };
    if force {
        Ok(existing)
    } else {
        Err(OutputError::Exists {
            path: target.to_path_buf(),
            holds: match existing {
                Existing::Empty => "an empty folder",
                _ => "an earlier rewardsim result",
            },
        })
    }
}

/// A target folder that [`inspect`] allowed; [`RunDir::write_with`] fills it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunDir {
    target: PathBuf,
    force: bool,
}

impl RunDir {
    /// Checks `target` now, so a run that could not be written is refused before it starts.
    pub fn check(target: &Path, force: bool) -> Result<RunDir, OutputError> {
        inspect(target, force)?;
        Ok(RunDir {
            target: target.to_path_buf(),
            force,
        })
    }

    /// The target folder.
    pub fn path(&self) -> &Path {
        &self.target
    }

    /// Calls `fill` with a fresh temporary folder beside the target, then moves that folder
    /// into place (checking the target again first). On any error nothing is left behind and
    /// the target is untouched.
    pub fn write_with(
        &self,
        fill: impl FnOnce(&Path) -> Result<(), OutputError>,
    ) -> Result<(), OutputError> {
        let existing = inspect(&self.target, self.force)?;
        let parent = match self.target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let write_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OutputError::Write { path, source }
        };
        fs::create_dir_all(&parent).map_err(write_error(&parent))?;
        let staging = temporary_folder(&parent, ".rewardsim-new-")?;
        fill(staging.path())?;
        match existing {
            Existing::Nothing => {
                fs::rename(staging.path(), &self.target).map_err(write_error(&self.target))?;
            }
            Existing::Empty | Existing::EarlierResult => {
                let holder = temporary_folder(&parent, ".rewardsim-old-")?;
                let old = holder.path().join("previous");
                fs::rename(&self.target, &old).map_err(write_error(&self.target))?;
                if let Err(source) = fs::rename(staging.path(), &self.target) {
                    // Put the old result back; if even that fails, keep it in the holder
                    // rather than delete it, and say where it is.
                    if fs::rename(&old, &self.target).is_err() {
                        let kept = holder.keep();
                        return Err(OutputError::Write {
                            path: self.target.clone(),
                            source: std::io::Error::new(
                                source.kind(),
                                format!("{source}; the previous result is in {}", kept.display()),
                            ),
                        });
                    }
                    return Err(OutputError::Write {
                        path: self.target.clone(),
                        source,
                    });
                }
                drop(holder);
            }
        }
        // The folder now lives at the target; nothing is left to clean up.
        let _ = staging.keep();
        Ok(())
    }
}

/// A new, empty, hidden folder in `parent` that is removed when dropped. Permissions are the
/// user's defaults (umask), not tempfile's private 0700.
fn temporary_folder(parent: &Path, prefix: &str) -> Result<tempfile::TempDir, OutputError> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o777));
    }
    builder
        .tempdir_in(parent)
        .map_err(|source| OutputError::Write {
            path: parent.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn earlier_result(target: &Path) {
        fs::create_dir_all(target).unwrap();
        fs::write(
            target.join(manifest::FILE_NAME),
            "name = \"x\"\n\n[run]\nprogram = \"rewardsim\"\n",
        )
        .unwrap();
        fs::write(target.join("timeseries.csv"), "old\n").unwrap();
    }

    fn write_one(dir: &RunDir, contents: &str) -> Result<(), OutputError> {
        dir.write_with(|staging| {
            fs::write(staging.join("timeseries.csv"), contents).map_err(|source| {
                OutputError::Write {
                    path: staging.to_path_buf(),
                    source,
                }
            })
        })
    }

    #[test]
    fn new_target_is_created_with_its_parents() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("output").join("steem");
        write_one(&RunDir::check(&target, false).unwrap(), "new\n").unwrap();
        assert_eq!(names(&target), ["timeseries.csv"]);
        assert_eq!(names(&root.path().join("output")), ["steem"]);
    }

    #[test]
    fn earlier_result_needs_force_and_is_then_swapped() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("run");
        earlier_result(&target);
        let refused = RunDir::check(&target, false).unwrap_err();
        assert_eq!(refused.exit_code(), 2);
        assert!(refused.to_string().contains("--force"), "{refused}");
        assert!(refused.to_string().contains("earlier rewardsim result"));
        write_one(&RunDir::check(&target, true).unwrap(), "new\n").unwrap();
        assert_eq!(names(&target), ["timeseries.csv"]);
        assert_eq!(
            fs::read_to_string(target.join("timeseries.csv")).unwrap(),
            "new\n"
        );
        assert_eq!(names(root.path()), ["run"]);
    }

    #[test]
    fn empty_folder_needs_force() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("run");
        fs::create_dir(&target).unwrap();
        let refused = RunDir::check(&target, false).unwrap_err();
        assert!(refused.to_string().contains("empty folder"), "{refused}");
        write_one(&RunDir::check(&target, true).unwrap(), "new\n").unwrap();
        assert_eq!(names(&target), ["timeseries.csv"]);
    }

    #[test]
    fn foreign_folder_and_files_are_never_replaced() {
        let root = tempfile::tempdir().unwrap();
        let folder = root.path().join("mine");
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("notes.txt"), "mine").unwrap();
        let file = root.path().join("file");
        fs::write(&file, "mine").unwrap();
        for force in [false, true] {
            let error = RunDir::check(&folder, force).unwrap_err();
            assert!(matches!(error, OutputError::Foreign { .. }), "{error}");
            assert_eq!(error.exit_code(), 2);
            let error = RunDir::check(&file, force).unwrap_err();
            assert!(matches!(error, OutputError::NotAFolder { .. }), "{error}");
        }
        // A manifest that is not rewardsim's does not count.
        fs::write(folder.join("manifest.toml"), "[run]\nprogram = \"other\"\n").unwrap();
        assert!(RunDir::check(&folder, true).is_err());
        assert_eq!(names(&folder), ["manifest.toml", "notes.txt"]);
    }

    #[test]
    fn failure_while_filling_leaves_nothing_behind() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("run");
        earlier_result(&target);
        let dir = RunDir::check(&target, true).unwrap();
        let error = dir
            .write_with(|staging| {
                fs::write(staging.join("half.csv"), "half").unwrap();
                Err(OutputError::Chart {
                    path: staging.join("rewards.png"),
                    message: "boom".into(),
                })
            })
            .unwrap_err();
        assert!(matches!(error, OutputError::Chart { .. }));
        assert_eq!(names(root.path()), ["run"]);
        assert_eq!(names(&target), ["manifest.toml", "timeseries.csv"]);
        assert_eq!(
            fs::read_to_string(target.join("timeseries.csv")).unwrap(),
            "old\n"
        );
    }

    #[test]
    fn target_that_appears_during_the_run_is_checked_again() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("run");
        let dir = RunDir::check(&target, false).unwrap();
        earlier_result(&target);
        assert!(matches!(
            write_one(&dir, "new\n"),
            Err(OutputError::Exists { .. })
        ));
        assert_eq!(names(root.path()), ["run"]);
    }
}
