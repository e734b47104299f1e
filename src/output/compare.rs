//! The output of `rewardsim compare`: the folder — `summary.csv` (one [`ComparisonRow`] per
//! metric and variant, metrics in the run summary's column order, variants baseline
//! first), `runs.csv` (every run's summary row after a [`ComparisonRunTag`], in variant
//! then replicate order), the overlay tables `timeseries.csv`, `cohorts.csv`,
//! `payouts.csv` and `accounts.csv` (every successful run's rows of that table of `run`,
//! each after a [`VariantTag`], in variant then replicate order; accounts of replicate 0
//! only) and `manifest.toml` (`[compare]`, each variant's resolved scenario in
//! `[[variant]]`, `[run]` with `command = "compare"`, `[timing]`) — written all or nothing
//! by [`RunDir`] under the same rules as a run's folder; and the table printed on standard
//! output ([`Report`]).
//!
//! Invariant: the same outcomes give the same bytes (only `[timing]` differs between two
//! comparisons), whatever the thread count.

use std::fmt;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::error::OutputError;
use super::manifest::{self, CommandRunTable, TimingTable};
use super::tables::{self, write_csv};
use super::RunDir;
use crate::experiment::compare::stats::CONFIDENCE;
use crate::experiment::compare::table::{MetricComparison, VariantStats};
use crate::experiment::compare::{RunOutcome, RunTables};
use crate::metrics::{named_cells, ComparisonRow, ComparisonRunTag, RunSummaryRow, VariantTag};
use crate::scenario::LoadedScenario;

/// File name of the comparison table.
pub const SUMMARY: &str = "summary.csv";
/// File name of the table of every run.
pub const RUNS: &str = "runs.csv";

/// One variant as the output records it.
#[derive(Debug, Clone, Copy)]
pub struct VariantOutput<'a> {
    /// Its name in the tables.
    pub name: &'a str,
    /// The scenario file as given.
    pub path: &'a Path,
    /// The scenario as loaded, with every override (`--set`, `--seed`, `--replicates`).
    pub loaded: &'a LoadedScenario,
}

/// Everything a comparison writes and prints.
#[derive(Debug, Clone, Copy)]
pub struct CompareOutputs<'a> {
    /// The variants, baseline first.
    pub variants: &'a [VariantOutput<'a>],
    /// Every compared metric, in order.
    pub metrics: &'a [MetricComparison],
    /// Every run's outcome, `[variant][replicate]`.
    pub outcomes: &'a [Vec<RunOutcome>],
    /// Every run's rows for the overlay tables, `[variant][replicate]` (empty for a failed
    /// run).
    pub tables: &'a [Vec<RunTables>],
    /// The root seed of every variant.
    pub seed: u64,
    /// Replicates per variant.
    pub replicates: u32,
    /// The user's `--set` arguments, in order (applied to every variant).
    pub sets: &'a [String],
    /// Wall time of loading and running.
    pub wall_time: Duration,
}

/// The rows of `summary.csv`: for each metric, one row per variant.
pub fn rows(variants: &[VariantOutput<'_>], metrics: &[MetricComparison]) -> Vec<ComparisonRow> {
    metrics
        .iter()
        .flat_map(|metric| {
            variants
                .iter()
                .zip(&metric.variants)
                .enumerate()
                .map(|(k, (variant, stats))| ComparisonRow {
                    metric: metric.metric.clone(),
                    variant: variant.name.to_string(),
                    baseline: k == 0,
                    replicates: stats.replicates,
                    mean: stats.mean,
                    sd: stats.sd,
                    pairs: stats.difference.map(|d| d.pairs),
                    difference: stats.difference.and_then(|d| d.mean),
                    difference_ci_low: stats.difference.and_then(|d| d.interval).map(|i| i.low),
                    difference_ci_high: stats.difference.and_then(|d| d.interval).map(|i| i.high),
                    relative_difference: stats.difference.and_then(|d| d.relative),
                })
        })
        .collect()
}

/// Writes the folder: `summary.csv`, `runs.csv`, `timeseries.csv`, `cohorts.csv`,
/// `payouts.csv`, `accounts.csv`, `pools.csv` (when the variants have community pools)
/// and `manifest.toml`, all or nothing.
pub fn write(dir: &RunDir, outputs: &CompareOutputs<'_>) -> Result<(), OutputError> {
    let summary = rows(outputs.variants, outputs.metrics);
    let document = compose_manifest(outputs).map_err(|message| OutputError::Manifest {
        path: dir.path().join(manifest::FILE_NAME),
        message,
    })?;
    dir.write_with(|folder| {
        write_csv::<&ComparisonRow>(&folder.join(SUMMARY), &summary)?;
        write_runs(&folder.join(RUNS), outputs)?;
        write_tagged(&folder.join(tables::TIMESERIES), outputs, |run| &run.days)?;
        write_tagged(&folder.join(tables::COHORTS), outputs, |run| &run.cohorts)?;
        write_tagged(&folder.join(tables::PAYOUTS), outputs, |run| &run.payouts)?;
        write_tagged(&folder.join(tables::ACCOUNTS), outputs, |run| &run.accounts)?;
        let pooled = outputs
            .tables
            .iter()
            .flatten()
            .any(|run| !run.pools.is_empty());
        if pooled {
            write_tagged(&folder.join(tables::POOLS), outputs, |run| &run.pools)?;
        }
        let path = folder.join(manifest::FILE_NAME);
        std::fs::write(&path, &document).map_err(|source| OutputError::Write { path, source })
    })
}

/// One overlay table: the rows `of` each run gives, each after the run's [`VariantTag`]
/// (so the columns are `variant`, then the row's own, starting with `replicate`), in
/// variant then replicate order. A failed run has no rows; with no rows at all the file is
/// empty, as in `run`'s folder.
fn write_tagged<'a, R: Serialize + 'a>(
    path: &Path,
    outputs: &CompareOutputs<'a>,
    of: impl Fn(&'a RunTables) -> &'a [R],
) -> Result<(), OutputError> {
    let rows = outputs
        .variants
        .iter()
        .zip(outputs.tables)
        .flat_map(|(variant, runs)| {
            let tag = VariantTag {
                variant: variant.name,
            };
            runs.iter().flat_map(&of).map(move |row| (tag, row))
        });
    write_csv(path, rows)
}

/// `runs.csv`: the tag columns, then the run summary's; a failed run's summary cells are
/// empty (its `replicate` is still filled in).
fn write_runs(path: &Path, outputs: &CompareOutputs<'_>) -> Result<(), OutputError> {
    let csv_error = |source| OutputError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let write_error = |source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    };
    let file = File::create(path).map_err(write_error)?;
    let mut writer = csv::Writer::from_writer(BufWriter::new(file));
    let tag_columns = |tag: &ComparisonRunTag| named_cells(tag);
    let summary_columns = named_cells(&RunSummaryRow::default());
    let mut header: Vec<String> = tag_columns(&ComparisonRunTag {
        variant: String::new(),
        seed: 0,
        status: String::new(),
    })
    .into_iter()
    .map(|(name, _)| name)
    .collect();
    header.extend(summary_columns.iter().map(|(name, _)| name.clone()));
    writer.write_record(&header).map_err(csv_error)?;
    for (variant, runs) in outputs.variants.iter().zip(outputs.outcomes) {
        for (replicate, outcome) in runs.iter().enumerate() {
            let tag = ComparisonRunTag {
                variant: variant.name.to_string(),
                seed: outputs.seed,
                status: match outcome {
                    Ok(_) => "ok".to_string(),
                    Err(failure) => failure.to_string(),
                },
            };
            let summary = match outcome {
                Ok(row) => named_cells(row),
                Err(_) => named_cells(&RunSummaryRow {
                    replicate: replicate as u32,
                    ..RunSummaryRow::default()
                })
                .into_iter()
                .enumerate()
                .map(|(k, (name, cell))| (name, if k == 0 { cell } else { String::new() }))
                .collect(),
            };
            let record: Vec<String> = tag_columns(&tag)
                .into_iter()
                .chain(summary)
                .map(|(_, cell)| cell)
                .collect();
            writer.write_record(&record).map_err(csv_error)?;
        }
    }
    let file = writer
        .into_inner()
        .map_err(|e| write_error(std::io::Error::other(e.to_string())))?
        .into_inner()
        .map_err(|e| write_error(e.into_error()))?;
    file.sync_all().map_err(write_error)
}

const MANIFEST_HEADER: &str = "# rewardsim compare manifest: [compare] (the variants, baseline first, paired by replicate with one seed), each variant's resolved scenario (as `rewardsim check` prints it) in [[variant]], then [run] and [timing].";

#[derive(Serialize)]
struct ManifestDocument<'a> {
    compare: CompareTable<'a>,
    variant: Vec<VariantTable<'a>>,
    run: CommandRunTable<'a>,
    timing: TimingTable,
}

#[derive(Serialize)]
struct CompareTable<'a> {
    baseline: &'a str,
    variants: Vec<&'a str>,
    seed: toml::Value,
    replicates: u32,
    confidence: f64,
    failed_runs: Vec<String>,
}

#[derive(Serialize)]
struct VariantTable<'a> {
    name: &'a str,
    file: String,
    sources: Vec<String>,
    resolved: &'a str,
}

/// The failed runs as `<variant> replicate <r>: <why>`, in variant then replicate order.
pub fn failures(variants: &[VariantOutput<'_>], outcomes: &[Vec<RunOutcome>]) -> Vec<String> {
    variants
        .iter()
        .zip(outcomes)
        .flat_map(|(variant, runs)| {
            runs.iter().enumerate().filter_map(move |(r, outcome)| {
                outcome
                    .as_ref()
                    .err()
                    .map(|failure| format!("{} replicate {r}: {failure}", variant.name))
            })
        })
        .collect()
}

/// `manifest.toml` of a comparison. Errors say why it would not be valid TOML.
pub fn compose_manifest(outputs: &CompareOutputs<'_>) -> Result<String, String> {
    let paths = |paths: &[std::path::PathBuf]| {
        paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect()
    };
    let document = ManifestDocument {
        compare: CompareTable {
            baseline: outputs.variants.first().map_or("", |v| v.name),
            variants: outputs.variants.iter().map(|v| v.name).collect(),
            seed: i64::try_from(outputs.seed)
                .map(toml::Value::Integer)
                .unwrap_or_else(|_| toml::Value::String(outputs.seed.to_string())),
            replicates: outputs.replicates,
            confidence: CONFIDENCE,
            failed_runs: failures(outputs.variants, outputs.outcomes),
        },
        variant: outputs
            .variants
            .iter()
            .map(|v| VariantTable {
                name: v.name,
                file: v.path.to_string_lossy().into_owned(),
                sources: paths(&v.loaded.sources),
                resolved: &v.loaded.resolved_toml,
            })
            .collect(),
        run: CommandRunTable {
            program: "rewardsim",
            command: "compare",
            rewardsim_version: env!("CARGO_PKG_VERSION"),
            sets: outputs.sets,
        },
        timing: TimingTable {
            wall_time_seconds: outputs.wall_time.as_millis() as f64 / 1000.0,
        },
    };
    let body = toml::to_string(&document).map_err(|e| e.to_string())?;
    let text = format!("{MANIFEST_HEADER}\n\n{body}");
    if !manifest::is_rewardsim_manifest(text.as_bytes()) {
        return Err("the manifest does not read back as rewardsim's".into());
    }
    Ok(text)
}

/// The table printed on standard output: for each metric the baseline's mean, then each
/// other variant's mean and its paired difference with the 95% interval.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// What was compared.
    pub outputs: &'a CompareOutputs<'a>,
    /// Where the files went.
    pub folder: &'a Path,
}

/// `x` with about 4 significant digits; scientific notation when very large or small.
fn number(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    let magnitude = x.abs().log10().floor() as i32;
    if !(-3..6).contains(&magnitude) {
        format!("{x:.3e}")
    } else {
        let decimals = (3 - magnitude).clamp(0, 6) as usize;
        format!("{x:.decimals$}")
    }
}

/// `x` as [`number`] with its sign, `+` included.
fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", number(x))
    } else {
        number(x)
    }
}

fn mean_cell(stats: &VariantStats) -> String {
    stats.mean.map_or_else(|| "–".to_string(), number)
}

fn difference_cell(stats: &VariantStats) -> (String, bool) {
    let Some(d) = stats.difference else {
        return (String::new(), false);
    };
    match (d.mean, d.interval) {
        (None, _) => ("–".to_string(), false),
        (Some(mean), None) => (signed(mean), false),
        (Some(mean), Some(i)) => (
            format!("{} [{}, {}]", signed(mean), signed(i.low), signed(i.high)),
            i.excludes_zero(),
        ),
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let outputs = self.outputs;
        let names: Vec<&str> = outputs.variants.iter().map(|v| v.name).collect();
        writeln!(
            f,
            "compare: {} (baseline) against {}",
            names.first().copied().unwrap_or(""),
            names.get(1..).unwrap_or(&[]).join(", ")
        )?;
        let percent = CONFIDENCE * 100.0;
        if outputs.replicates < 2 {
            writeln!(
                f,
                "{} replicate, seed {}: differences are of single runs, with no confidence \
                 interval (it needs at least 2 replicates: --replicates N)",
                outputs.replicates, outputs.seed
            )?;
        } else {
            writeln!(
                f,
                "{} replicates paired by replicate, seed {}; difference = variant − baseline, \
                 mean over the pairs [{percent:.0}% interval, Student t with pairs − 1 degrees \
                 of freedom]; * = the interval excludes 0",
                outputs.replicates, outputs.seed
            )?;
        }
        writeln!(f)?;
        let mut header = vec!["metric".to_string(), names[0].to_string()];
        for name in names.iter().skip(1) {
            header.push(name.to_string());
            header.push(format!("{name} − {}", names[0]));
        }
        let mut table: Vec<Vec<String>> = vec![header];
        for metric in outputs.metrics {
            let mut row = vec![metric.metric.clone(), mean_cell(&metric.variants[0])];
            for stats in metric.variants.iter().skip(1) {
                row.push(mean_cell(stats));
                let (cell, significant) = difference_cell(stats);
                row.push(if significant {
                    format!("{cell} *")
                } else {
                    cell
                });
            }
            table.push(row);
        }
        let columns = table[0].len();
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                table
                    .iter()
                    .map(|row| row[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &table {
            let mut line = String::new();
            for (c, (cell, width)) in row.iter().zip(&widths).enumerate() {
                let pad = " ".repeat(width - cell.chars().count());
                // Metric names and differences left-aligned, means right-aligned.
                let left = c == 0 || (c >= 3 && c % 2 == 1);
                if c > 0 {
                    line.push_str("  ");
                }
                if left {
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
            writeln!(f, "{}", line.trim_end())?;
        }
        writeln!(f)?;
        let failed = failures(outputs.variants, outputs.outcomes);
        if !failed.is_empty() {
            writeln!(
                f,
                "{} of {} runs failed; they are left out of their variant's statistics and \
                 of every difference that needs them:",
                failed.len(),
                outputs.variants.len() * outputs.replicates as usize
            )?;
            for failure in &failed {
                writeln!(f, "  {failure}")?;
            }
        }
        writeln!(
            f,
            "every metric with sd and relative differences: {}",
            self.folder.join(SUMMARY).display()
        )?;
        writeln!(f, "wall time: {:.1} s", outputs.wall_time.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::compare::table::compare;
    use crate::experiment::RunFailure;
    use crate::metrics::{AccountRow, PayoutBinRow};
    use crate::output::tables::tests::day_row;
    use crate::scenario::Scenario;
    use std::path::PathBuf;

    fn loaded(name: &str) -> LoadedScenario {
        let scenario = Scenario {
            name: name.to_string(),
            ..Scenario::default()
        };
        LoadedScenario {
            resolved_toml: format!("name = \"{name}\"\n\n[simulation]\ndays = 20\n"),
            scenario,
            sources: vec![PathBuf::from(format!("{name}.toml"))],
        }
    }

    fn row(replicate: u32, posts: f64) -> RunSummaryRow {
        RunSummaryRow {
            replicate,
            days: 20,
            mean_posts_per_day: posts,
            mean_votes_per_day: 1000.0,
            ..RunSummaryRow::default()
        }
    }

    struct Fixture {
        loaded: Vec<LoadedScenario>,
        paths: Vec<PathBuf>,
        outcomes: Vec<Vec<RunOutcome>>,
        tables: Vec<Vec<RunTables>>,
    }

    /// A successful run's overlay rows: 2 days, 3 payout bins, 1 account (replicate 0).
    fn kept(replicate: u32) -> RunTables {
        let bin = |low_steem, high_steem, posts| PayoutBinRow {
            replicate,
            low_steem,
            high_steem,
            posts,
            reward_steem: low_steem * posts as i64,
        };
        let mut accounts = Vec::new();
        if replicate == 0 {
            accounts.push(AccountRow {
                replicate,
                account: 0,
                roles: "author",
                strategy: "",
                quality: 0.5,
                initial_stake_steem: 1_000,
                vesting_shares_vests: 2_000_000,
                steem_power_steem: 1_001,
                delegated_vests: 0,
                received_vests: 0,
                liquid_steem: 0,
                sbd: 0,
                author_rewards_steem: 10,
                curation_rewards_steem: 0,
                staking_interest_steem: 1,
                witness_rewards_steem: 0,
                posts: 2,
                votes: 0,
                alpha: 0.5,
                beta: 0.25,
                satisfaction: 0.0,
                ties: 0,
                followers: 3,
                left_day: None,
            });
        }
        RunTables {
            days: (0..2).map(|d| day_row(replicate, d)).collect(),
            cohorts: vec![],
            payouts: vec![bin(0, 0, 9), bin(1, 2, 0), bin(2, 5, 1)],
            accounts,
            pools: vec![],
        }
    }

    fn fixture() -> Fixture {
        Fixture {
            loaded: vec![loaded("base"), loaded("other")],
            paths: vec![PathBuf::from("base.toml"), PathBuf::from("other.toml")],
            outcomes: vec![
                vec![Ok(row(0, 10.0)), Ok(row(1, 20.0)), Ok(row(2, 30.0))],
                vec![
                    Ok(row(0, 11.0)),
                    Ok(row(1, 22.0)),
                    Err(RunFailure::Panicked("boom".into())),
                ],
            ],
            tables: vec![
                vec![kept(0), kept(1), kept(2)],
                vec![kept(0), kept(1), RunTables::default()],
            ],
        }
    }

    fn with_outputs<T>(fixture: &Fixture, then: impl FnOnce(&CompareOutputs<'_>) -> T) -> T {
        let variants: Vec<VariantOutput<'_>> = fixture
            .loaded
            .iter()
            .zip(&fixture.paths)
            .map(|(loaded, path)| VariantOutput {
                name: &loaded.scenario.name,
                path,
                loaded,
            })
            .collect();
        let metrics = compare(&fixture.outcomes);
        let outputs = CompareOutputs {
            variants: &variants,
            metrics: &metrics,
            outcomes: &fixture.outcomes,
            tables: &fixture.tables,
            seed: 5,
            replicates: 3,
            sets: &[],
            wall_time: Duration::from_millis(1500),
        };
        then(&outputs)
    }

    #[test]
    fn summary_rows_per_metric_and_variant() {
        let fixture = fixture();
        let rows = with_outputs(&fixture, |o| rows(o.variants, o.metrics));
        let posts: Vec<&ComparisonRow> = rows
            .iter()
            .filter(|r| r.metric == "mean_posts_per_day")
            .collect();
        assert_eq!(posts.len(), 2);
        assert_eq!(posts[0].variant, "base");
        assert!(posts[0].baseline);
        assert_eq!((posts[0].replicates, posts[0].mean), (3, Some(20.0)));
        assert_eq!(posts[0].pairs, None);
        assert_eq!(posts[1].variant, "other");
        assert_eq!((posts[1].replicates, posts[1].pairs), (2, Some(2)));
        assert_eq!(posts[1].difference, Some(1.5));
        assert!(posts[1].difference_ci_low.unwrap() < 1.5);
        assert_eq!(posts[1].relative_difference, Some(0.1));
        // Rows go metric by metric, baseline first.
        assert_eq!(rows[0].variant, "base");
        assert_eq!(rows[1].variant, "other");
        assert_eq!(rows[0].metric, rows[1].metric);
    }

    #[test]
    fn folder_and_manifest() {
        let fixture = fixture();
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("cmp");
        with_outputs(&fixture, |o| {
            write(&RunDir::check(&target, false).unwrap(), o)
        })
        .unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "accounts.csv",
                "cohorts.csv",
                "manifest.toml",
                "payouts.csv",
                "runs.csv",
                "summary.csv",
                "timeseries.csv"
            ]
        );
        let read = |name: &str| std::fs::read_to_string(target.join(name)).unwrap();
        // The overlay tables: the variant, then the run's own row; the failed run (other,
        // replicate 2) has no rows; variants then replicates in order.
        let timeseries = read(tables::TIMESERIES);
        let lines: Vec<&str> = timeseries.lines().collect();
        assert_eq!(lines.len(), 1 + 5 * 2);
        assert!(lines[0].starts_with("variant,replicate,day,head_block,"));
        let keys: Vec<&str> = lines[1..]
            .iter()
            .map(|l| &l[..l.match_indices(',').nth(1).unwrap().0])
            .collect();
        assert_eq!(
            keys,
            [
                "base,0", "base,0", "base,1", "base,1", "base,2", "base,2", "other,0", "other,0",
                "other,1", "other,1"
            ]
        );
        let payouts = read(tables::PAYOUTS);
        let lines: Vec<&str> = payouts.lines().collect();
        assert_eq!(lines.len(), 1 + 5 * 3);
        assert_eq!(
            lines[0],
            "variant,replicate,low_steem,high_steem,posts,reward_steem"
        );
        assert_eq!(
            lines[1..4],
            ["base,0,0,0,9,0", "base,0,1,2,0,0", "base,0,2,5,1,2"]
        );
        assert_eq!(lines[15], "other,1,2,5,1,2");
        let accounts = read(tables::ACCOUNTS);
        let lines: Vec<&str> = accounts.lines().collect();
        assert_eq!(lines.len(), 1 + 2);
        assert!(lines[0].starts_with("variant,replicate,account,roles,"));
        assert!(
            lines[1].starts_with("base,0,0,author,,0.5,"),
            "{}",
            lines[1]
        );
        assert!(lines[2].starts_with("other,0,0,author,"), "{}", lines[2]);
        // No cohort rows in any run: an empty file, as in `run`'s folder.
        assert_eq!(read(tables::COHORTS), "");
        let runs = std::fs::read_to_string(target.join(RUNS)).unwrap();
        let lines: Vec<&str> = runs.lines().collect();
        assert_eq!(lines.len(), 1 + 6);
        assert!(lines[0].starts_with("variant,seed,status,replicate,days,mean_posts_per_day,"));
        assert!(
            lines[1].starts_with("base,5,ok,0,20,10.0,1000.0,"),
            "{}",
            lines[1]
        );
        assert!(
            lines[6].starts_with("other,5,the run panicked: boom,2,,,"),
            "{}",
            lines[6]
        );
        let summary = std::fs::read_to_string(target.join(SUMMARY)).unwrap();
        assert!(summary.starts_with(
            "metric,variant,baseline,replicates,mean,sd,pairs,difference,difference_ci_low,\
             difference_ci_high,relative_difference\n"
        ));
        let manifest = std::fs::read_to_string(target.join(manifest::FILE_NAME)).unwrap();
        assert!(manifest::is_rewardsim_manifest(manifest.as_bytes()));
        let table: toml::Table = manifest.parse().unwrap();
        assert_eq!(table["run"]["command"].as_str(), Some("compare"));
        assert_eq!(table["compare"]["baseline"].as_str(), Some("base"));
        assert_eq!(
            table["compare"]["failed_runs"].as_array().unwrap()[0].as_str(),
            Some("other replicate 2: the run panicked: boom")
        );
        let variants = table["variant"].as_array().unwrap();
        assert_eq!(variants.len(), 2);
        assert_eq!(
            variants[1]["resolved"].as_str(),
            Some(fixture.loaded[1].resolved_toml.as_str())
        );
    }

    #[test]
    fn report_snapshot() {
        let fixture = fixture();
        let text = with_outputs(&fixture, |o| {
            let mut metrics = o.metrics.to_vec();
            metrics.retain(|m| {
                m.metric.starts_with("mean_posts") || m.metric.starts_with("mean_votes")
            });
            let outputs = CompareOutputs {
                metrics: &metrics,
                ..*o
            };
            Report {
                outputs: &outputs,
                folder: Path::new("output/cmp"),
            }
            .to_string()
        });
        let expected = "\
compare: base (baseline) against other
3 replicates paired by replicate, seed 5; difference = variant − baseline, mean over the pairs [95% interval, Student t with pairs − 1 degrees of freedom]; * = the interval excludes 0

metric               base  other  other − base
mean_posts_per_day  20.00  16.50  +1.500 [-4.853, +7.853]
mean_votes_per_day   1000   1000  0 [0, 0]

1 of 6 runs failed; they are left out of their variant's statistics and of every difference that needs them:
  other replicate 2: the run panicked: boom
every metric with sd and relative differences: output/cmp/summary.csv
wall time: 1.5 s
";
        assert_eq!(text, expected);
    }

    #[test]
    fn numbers_keep_four_digits() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(0.123456), "0.1235");
        assert_eq!(number(1234.5), "1234");
        assert_eq!(number(-2.5), "-2.500");
        assert_eq!(number(270_003_000_000.0), "2.700e11");
        assert_eq!(number(0.00001234), "1.234e-5");
        assert_eq!(signed(0.5), "+0.5000");
    }
}
