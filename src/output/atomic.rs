//! Atomic, non-destructive file output.
//!
//! Files are written to a temporary file in the destination folder and renamed over the
//! destination once complete, so readers never see a half-written file and a failed command
//! leaves the old file (or none) in place. [`check_replaceable`] decides whether an existing
//! file may be replaced: only with `force`, or when it is recognisably a previous output of
//! the same command — a user's own file is never overwritten silently.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An existing file that may not be replaced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path} already exists and was not written by this command")]
pub struct ExistingFile {
    /// The file that exists.
    pub path: PathBuf,
}

/// Whether writing to `path` may go ahead: yes if nothing is there, if `force` is set, or
/// if `is_previous_output` recognises the existing contents as this command's own output.
pub fn check_replaceable(
    path: &Path,
    force: bool,
    is_previous_output: impl Fn(&[u8]) -> bool,
) -> Result<(), ExistingFile> {
    if force || !path.exists() {
        return Ok(());
    }
    let existing = fs::read(path).unwrap_or_default();
    if path.is_file() && is_previous_output(&existing) {
        Ok(())
    } else {
        Err(ExistingFile {
            path: path.to_path_buf(),
        })
    }
}

/// True when the first line of `existing` is a CSV header that ends with `columns` — how a
/// calculator recognises its own earlier output.
pub fn header_ends_with(existing: &[u8], columns: &[&str]) -> bool {
    let first_line = existing.split(|&b| b == b'\n').next().unwrap_or_default();
    let first_line = String::from_utf8_lossy(first_line);
    let first_line = first_line.trim_end_matches('\r');
    let suffix = columns.join(",");
    first_line == suffix || first_line.ends_with(&format!(",{suffix}"))
}

/// Writes every `(path, contents)` pair atomically: all temporary files are written first,
/// then renamed into place, so an error while writing leaves every destination untouched.
/// Missing parent folders are created.
pub fn write_all_atomically(files: &[(PathBuf, Vec<u8>)]) -> Result<(), (PathBuf, io::Error)> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, contents) in files {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let stage = || -> io::Result<tempfile::NamedTempFile> {
            fs::create_dir_all(&folder)?;
            let mut temp = staging_file(&folder, "")?;
            temp.write_all(contents)?;
            temp.as_file().sync_all()?;
            Ok(temp)
        };
        staged.push((path, stage().map_err(|e| (path.clone(), e))?));
    }
    for (path, temp) in staged {
        temp.persist(path).map_err(|e| (path.clone(), e.error))?;
    }
    Ok(())
}

/// A temporary file in `folder` (name ending in `suffix`) for a file to be renamed into
/// place, readable by everyone like a file written directly (0644 on Unix) rather than
/// owner-only as temporary files are made.
pub(crate) fn staging_file(folder: &Path, suffix: &str) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rewardsim-").suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_own_header() {
        assert!(header_ends_with(
            b"curve,rshares,claims\n1,2,3\n",
            &["claims"]
        ));
        assert!(header_ends_with(b"claims\r\n", &["claims"]));
        assert!(!header_ends_with(b"curve,rshares,myclaims\n", &["claims"]));
        assert!(!header_ends_with(b"my notes", &["claims"]));
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_by_everyone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_all_atomically(&[(path.clone(), b"a\n".to_vec())]).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn writes_and_refuses_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("out.csv");
        write_all_atomically(&[(path.clone(), b"a,claims\n".to_vec())]).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"a,claims\n");
        assert!(check_replaceable(&path, false, |b| header_ends_with(b, &["claims"])).is_ok());
        assert!(check_replaceable(&path, false, |b| header_ends_with(b, &["other"])).is_err());
        assert!(check_replaceable(&path, true, |_| false).is_ok());
        // No temporary files are left behind.
        let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
