//! The folder of a sweep, written as runs finish so that memory does not grow with the
//! number of runs, an interrupted sweep can resume, and shards can be merged.
//!
//! ```text
//! DIR/manifest.toml          what the sweep is (the same for every shard of it)
//! DIR/plan.csv               every run: id, variant, replicate, seed, swept values
//! DIR/parts/000042.timeseries.csv, 000042.summary.csv   run 42's rows, written when it ends
//! DIR/parts/000043.failed.txt                          run 43's error, if it failed
//! DIR/runs.csv, summary.csv, timeseries.csv            every run in id order, assembled
//!                                                      once every run has ended
//! ```
//!
//! Every row carries the run id, variant, replicate, seed and the swept values in its first
//! columns. A part is written to a temporary name and renamed, summary last, so a run
//! counts as done exactly when its summary part exists. The assembled files depend only on
//! the parts, which depend only on the runs: a sweep run whole, resumed, or split into
//! shards and merged gives byte-identical files.
//!
//! Which folders may be used: a new sweep needs a folder that does not exist or is empty,
//! or with `--force` an earlier rewardsim result, which is replaced; `--resume` needs the
//! folder of the same sweep (same manifest). A folder with other files is never touched.

use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::error::OutputError;
use super::manifest;
use super::run_dir::{inspect, Existing};
use crate::engine::RunResult;
use crate::experiment::sweep::PlannedRun;
use crate::scenario::LoadedSweep;

/// Folder of the per-run parts.
pub const PARTS: &str = "parts";
/// File name of the table of runs (status and error of each).
pub const RUNS: &str = "runs.csv";
/// File name of the sweep's plan: every run's tag columns, written before any run starts.
pub const PLAN: &str = "plan.csv";

/// The first columns of every row of one run: run id, variant, replicate, seed and the
/// swept values.
#[derive(Debug, Clone, PartialEq)]
pub struct RunTag {
    fields: Vec<String>,
}

/// The names of the tag columns for sweeps over `keys`.
pub fn tag_header(keys: &[&str]) -> Vec<String> {
    ["run_id", "variant", "replicate", "seed"]
        .into_iter()
        .map(str::to_owned)
        .chain(keys.iter().map(|k| (*k).to_owned()))
        .collect()
}

impl RunTag {
    /// The tag of `run` of `sweep`.
    pub fn new(run: &PlannedRun, sweep: &LoadedSweep) -> RunTag {
        let mut fields = vec![
            run.id.to_string(),
            run.variant.to_string(),
            run.replicate.to_string(),
            run.seed.to_string(),
        ];
        fields.extend(sweep.variants[run.variant].0.cells());
        RunTag { fields }
    }
}

/// The manifest of `sweep` read from `file_name` with `sets`: the same text for every
/// shard and every resumption of the same sweep.
pub fn manifest_text(file_name: &str, sets: &[String], sweep: &LoadedSweep, runs: usize) -> String {
    let mut run = toml::Table::new();
    run.insert("program".into(), "rewardsim".into());
    run.insert("version".into(), env!("CARGO_PKG_VERSION").into());
    run.insert("kind".into(), "sweep".into());
    run.insert("file".into(), file_name.into());
    run.insert(
        "sets".into(),
        toml::Value::Array(sets.iter().map(|s| s.as_str().into()).collect()),
    );
    run.insert(
        "common_random_numbers".into(),
        sweep.spec.common_random_numbers.into(),
    );
    run.insert("runs".into(), (runs as i64).into());
    let variants: Vec<toml::Value> = sweep
        .variants
        .iter()
        .enumerate()
        .map(|(index, (values, loaded))| {
            let mut v = toml::Table::new();
            v.insert("index".into(), (index as i64).into());
            v.insert("values".into(), values.describe().into());
            v.insert("scenario".into(), loaded.resolved_toml.clone().into());
            toml::Value::Table(v)
        })
        .collect();
    let mut root = toml::Table::new();
    root.insert("run".into(), toml::Value::Table(run));
    root.insert("variant".into(), toml::Value::Array(variants));
    format!(
        "# rewardsim sweep: what ran; every variant's resolved scenario.\n{}",
        toml::to_string(&root).expect("a table of strings and numbers serialises")
    )
}

/// The plan table: `header` (the tag columns) and every run's tag, in id order.
pub fn plan_csv(header: &[String], tags: &[RunTag]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing records of strings into memory cannot fail.
    w.write_record(header).expect("in memory");
    for tag in tags {
        w.write_record(&tag.fields).expect("in memory");
    }
    w.into_inner().expect("in memory")
}

/// How a sweep uses its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A new sweep; `force` allows replacing an earlier rewardsim result.
    New {
        /// Replace an earlier rewardsim result.
        force: bool,
    },
    /// Go on with the same sweep in the folder.
    Resume,
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Makes `dir` ready for the sweep with `manifest` in `mode`: refuses what may not be used
/// (exit code 2 for the user's mistakes), replaces an earlier result with `--force`,
/// writes the manifest. Call before any run starts.
pub fn prepare(dir: &Path, manifest: &str, plan: &[u8], mode: Mode) -> Result<(), OutputError> {
    match mode {
        Mode::Resume => {
            let existing = fs::read_to_string(dir.join(manifest::FILE_NAME)).map_err(|e| {
                OutputError::Resume {
                    path: dir.to_path_buf(),
                    why: format!("it holds no sweep manifest.toml to resume ({e})"),
                }
            })?;
            let existing_plan = fs::read(dir.join(PLAN)).unwrap_or_default();
            if existing != manifest || existing_plan != plan {
                return Err(OutputError::Resume {
                    path: dir.to_path_buf(),
                    why: "it holds another sweep (its manifest.toml differs: another file, \
                          other --set values or another rewardsim version)"
                        .into(),
                });
            }
            fs::create_dir_all(dir.join(PARTS)).map_err(write_error(dir))?;
            Ok(())
        }
        Mode::New { force } => {
            match inspect(dir, force)? {
                Existing::Nothing | Existing::Empty => {}
                Existing::EarlierResult => fs::remove_dir_all(dir).map_err(write_error(dir))?,
            }
            fs::create_dir_all(dir.join(PARTS)).map_err(write_error(dir))?;
            write_atomically(&dir.join(PLAN), plan)?;
            write_atomically(&dir.join(manifest::FILE_NAME), manifest.as_bytes())
        }
    }
}

fn part(dir: &Path, id: u64, what: &str) -> PathBuf {
    dir.join(PARTS).join(format!("{id:06}.{what}"))
}

/// Whether run `id` has finished in `dir` (its summary part exists).
pub fn is_done(dir: &Path, id: u64) -> bool {
    part(dir, id, "summary.csv").is_file()
}

/// Writes `bytes` to `path` through a temporary file beside it and a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let temporary = path.with_extension("partial");
    let write = || -> std::io::Result<()> {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    };
    write().map_err(|source| {
        let _ = fs::remove_file(&temporary);
        OutputError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// `rows` as CSV with `tag`'s columns first; `header` names the tag columns.
fn tagged_csv<'a, R: Serialize + 'a>(
    header: &[String],
    tag: &RunTag,
    rows: impl IntoIterator<Item = &'a R>,
    path: &Path,
) -> Result<Vec<u8>, OutputError> {
    let csv_error = |source| OutputError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut body = csv::Writer::from_writer(Vec::new());
    for row in rows {
        body.serialize(row).map_err(csv_error)?;
    }
    let body = body.into_inner().map_err(|e| OutputError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let line = |fields: &[String]| -> Result<Vec<u8>, OutputError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(fields).map_err(csv_error)?;
        let mut bytes = w.into_inner().map_err(|e| OutputError::Write {
            path: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        bytes.pop(); // the record's newline: the row's own fields follow
        Ok(bytes)
    };
    let (names, values) = (line(header)?, line(&tag.fields)?);
    // The rows' own `replicate` column repeats the tag's: leave it out.
    let own_replicate = body.starts_with(b"replicate,");
    let mut out = Vec::with_capacity(body.len() * 2);
    for (n, row) in body.split_inclusive(|&b| b == b'\n').enumerate() {
        out.extend_from_slice(if n == 0 { &names } else { &values });
        out.push(b',');
        let row = match row.iter().position(|&b| b == b',') {
            Some(comma) if own_replicate => &row[comma + 1..],
            _ => row,
        };
        out.extend_from_slice(row);
    }
    Ok(out)
}

/// Writes run `run`'s rows (timeseries, then summary: the summary marks it done).
pub fn write_run(
    dir: &Path,
    run: &PlannedRun,
    header: &[String],
    tag: &RunTag,
    result: &RunResult,
) -> Result<(), OutputError> {
    let days = part(dir, run.id, "timeseries.csv");
    let bytes = tagged_csv(header, tag, &result.days, &days)?;
    write_atomically(&days, &bytes)?;
    let summary = part(dir, run.id, "summary.csv");
    let bytes = tagged_csv(header, tag, std::iter::once(&result.summary), &summary)?;
    let _ = fs::remove_file(part(dir, run.id, "failed.txt"));
    write_atomically(&summary, &bytes)
}

/// Records that run `run` failed with `error` (it stays not done, so `--resume` retries it).
pub fn write_failure(dir: &Path, run: &PlannedRun, error: &str) -> Result<(), OutputError> {
    write_atomically(&part(dir, run.id, "failed.txt"), error.as_bytes())
}

/// What [`assemble`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assembled {
    /// Runs with results.
    pub done: usize,
    /// Runs that failed: (id, error).
    pub failed: Vec<(u64, String)>,
}

/// A sweep's plan as read back from its folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The tag columns' names.
    pub header: Vec<String>,
    /// Every run: its id and tag, in id order.
    pub runs: Vec<(u64, RunTag)>,
}

/// The plan in `dir`.
pub fn read_plan(dir: &Path) -> Result<Plan, OutputError> {
    let path = dir.join(PLAN);
    let bad = |why: String| OutputError::Resume {
        path: dir.to_path_buf(),
        why,
    };
    let mut reader = csv::Reader::from_path(&path)
        .map_err(|e| bad(format!("it holds no readable {PLAN} ({e})")))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| bad(format!("{PLAN}: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut runs = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| bad(format!("{PLAN}: {e}")))?;
        let fields: Vec<String> = record.iter().map(str::to_owned).collect();
        let id = fields
            .first()
            .and_then(|f| f.parse().ok())
            .ok_or_else(|| bad(format!("{PLAN}: a row without a run id")))?;
        runs.push((id, RunTag { fields }));
    }
    Ok(Plan { header, runs })
}

/// Writes runs.csv, summary.csv and timeseries.csv of `dir` from its parts, every run of
/// its plan in id order (a run with neither result nor error counts as failed).
pub fn assemble(dir: &Path) -> Result<Assembled, OutputError> {
    let Plan { header, runs } = read_plan(dir)?;
    let mut assembled = Assembled::default();
    let mut table = csv::Writer::from_writer(Vec::new());
    let runs_path = dir.join(RUNS);
    let csv_error = |source| OutputError::Csv {
        path: runs_path.clone(),
        source,
    };
    let mut columns = header;
    columns.extend(["status".to_owned(), "error".to_owned()]);
    table.write_record(&columns).map_err(csv_error)?;
    let mut done = Vec::with_capacity(runs.len());
    for (id, tag) in &runs {
        let mut record = tag.fields.clone();
        if is_done(dir, *id) {
            assembled.done += 1;
            record.extend(["ok".to_owned(), String::new()]);
            done.push(*id);
        } else {
            let error = fs::read_to_string(part(dir, *id, "failed.txt"))
                .unwrap_or_else(|_| "did not run (no result and no error recorded)".into());
            assembled.failed.push((*id, error.clone()));
            record.extend(["failed".to_owned(), error]);
        }
        table.write_record(&record).map_err(csv_error)?;
    }
    let bytes = table.into_inner().map_err(|e| OutputError::Write {
        path: runs_path.clone(),
        source: std::io::Error::other(e.to_string()),
    })?;
    for what in ["summary.csv", "timeseries.csv"] {
        concatenate(dir, &done, what)?;
    }
    write_atomically(&runs_path, &bytes)?;
    Ok(assembled)
}

/// Joins the `what` parts of the runs that are done into `dir/what`, one header.
fn concatenate(dir: &Path, done: &[u64], what: &str) -> Result<(), OutputError> {
    let target = dir.join(what);
    let temporary = target.with_extension("partial");
    let write = || -> std::io::Result<()> {
        let mut out = BufWriter::new(fs::File::create(&temporary)?);
        let mut header: Option<String> = None;
        for &id in done {
            let mut lines = BufReader::new(fs::File::open(part(dir, id, what))?).lines();
            let first = lines.next().transpose()?.unwrap_or_default();
            match &header {
                None => {
                    writeln!(out, "{first}")?;
                    header = Some(first);
                }
                Some(h) if *h == first => {}
                Some(_) => {
                    return Err(std::io::Error::other(format!(
                        "run {id}'s {what} has other columns than the runs before it"
                    )))
                }
            }
            for line in lines {
                writeln!(out, "{}", line?)?;
            }
        }
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs::rename(&temporary, &target)
    };
    write().map_err(|source| {
        let _ = fs::remove_file(&temporary);
        OutputError::Write {
            path: target.clone(),
            source,
        }
    })
}

/// Joins the folders of a sharded sweep into `out` (new, empty, or with `force` an earlier
/// rewardsim result): checks they hold one sweep (same manifest and plan), copies their
/// parts and assembles the tables, as an unsharded run would.
pub fn merge(shards: &[PathBuf], out: &Path, force: bool) -> Result<Assembled, OutputError> {
    let bad = |path: &Path, why: String| OutputError::Resume {
        path: path.to_path_buf(),
        why,
    };
    let canonical = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let target = canonical(out);
    let mut identity: Option<(String, Vec<u8>)> = None;
    for shard in shards {
        if canonical(shard) == target {
            return Err(bad(
                out,
                "--out is one of the shards' folders; merge into a new folder".into(),
            ));
        }
        let manifest = fs::read_to_string(shard.join(manifest::FILE_NAME))
            .map_err(|e| bad(shard, format!("it holds no sweep manifest.toml ({e})")))?;
        let plan = fs::read(shard.join(PLAN))
            .map_err(|e| bad(shard, format!("it holds no {PLAN} ({e})")))?;
        match &identity {
            None => identity = Some((manifest, plan)),
            Some((m, p)) if *m == manifest && *p == plan => {}
            Some(_) => {
                return Err(bad(
                    shard,
                    format!(
                        "it holds another sweep than {} (manifest.toml or {PLAN} differ)",
                        shards[0].display()
                    ),
                ))
            }
        }
    }
    let (manifest, plan) = identity.expect("clap requires at least one folder");
    prepare(out, &manifest, &plan, Mode::New { force })?;
    for shard in shards {
        let parts = shard.join(PARTS);
        let entries = fs::read_dir(&parts).map_err(write_error(&parts))?;
        let mut names: Vec<PathBuf> = Vec::new();
        for entry in entries {
            names.push(entry.map_err(write_error(&parts))?.path());
        }
        names.sort();
        for from in names {
            let Some(name) = from.file_name() else {
                continue;
            };
            if from.extension().is_some_and(|e| e == "partial") {
                continue;
            }
            let to = out.join(PARTS).join(name);
            let bytes = fs::read(&from).map_err(write_error(&from))?;
            match fs::read(&to) {
                Ok(existing) if existing == bytes => continue,
                Ok(_) => {
                    return Err(bad(
                        shard,
                        format!(
                            "{} differs from the same part in another shard",
                            from.display()
                        ),
                    ))
                }
                Err(_) => write_atomically(&to, &bytes)?,
            }
        }
    }
    assemble(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_own_replicate_column_is_left_out() {
        #[derive(Serialize)]
        struct Row {
            replicate: u32,
            day: u32,
        }
        let tag = RunTag {
            fields: vec!["7".into(), "3".into(), "1".into(), "9".into()],
        };
        let bytes = tagged_csv(
            &tag_header(&[]),
            &tag,
            &[Row {
                replicate: 1,
                day: 4,
            }],
            Path::new("t.csv"),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "run_id,variant,replicate,seed,day\n7,3,1,9,4\n"
        );
    }

    #[test]
    fn tagged_rows_carry_the_run_first() {
        #[derive(Serialize)]
        struct Row {
            a: i64,
            b: &'static str,
        }
        let tag = RunTag {
            fields: vec!["3".into(), "1".into(), "0".into(), "9".into(), "a,b".into()],
        };
        let header = tag_header(&["x.y"]);
        let rows = [Row { a: 1, b: "p" }, Row { a: 2, b: "q" }];
        let bytes = tagged_csv(&header, &tag, &rows, Path::new("t.csv")).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "run_id,variant,replicate,seed,x.y,a,b\n3,1,0,9,\"a,b\",1,p\n3,1,0,9,\"a,b\",2,q\n"
        );
    }

    #[test]
    fn plan_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let header = tag_header(&["k.v"]);
        let tags = vec![
            RunTag {
                fields: vec!["0".into(), "0".into(), "0".into(), "1".into(), "5".into()],
            },
            RunTag {
                fields: vec!["1".into(), "1".into(), "0".into(), "1".into(), "x y".into()],
            },
        ];
        fs::write(dir.path().join(PLAN), plan_csv(&header, &tags)).unwrap();
        let plan = read_plan(dir.path()).unwrap();
        assert_eq!(plan.header, header);
        assert_eq!(plan.runs.len(), 2);
        assert_eq!(plan.runs[1], (1, tags[1].clone()));
    }
}
