//! `rewardsim compare` end to end: two presets on a small world give summary.csv (a row per
//! metric and variant), runs.csv, manifest.toml and the overlay tables (timeseries.csv,
//! cohorts.csv, payouts.csv, accounts.csv: every run's rows after its variant, accounts of
//! replicate 0 only); a variant against a copy of itself
//! differs by exactly 0; the folder is byte-identical on 1 and 2 threads (manifest's
//! [timing] aside); with one replicate there is no interval; and bad input (a missing file,
//! one file only, --replicates 0, variants that cannot be paired or told apart, an existing
//! folder) exits 2 with a message naming the problem, and writes nothing.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

fn preset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.toml"))
}

/// The small world every successful comparison here runs on.
const WORLD: [&str; 4] = [
    "population.accounts=2000",
    "simulation.days=20",
    "simulation.warmup_days=2",
    "output.charts=false",
];

/// `compare` of `files` on the small world with `replicates` replicates into `out`.
fn compare(files: &[PathBuf], replicates: &str, out: &Path, threads: &str) -> Command {
    let mut command = rewardsim();
    command
        .env("RAYON_NUM_THREADS", threads)
        .arg("compare")
        .args(files)
        .args(WORLD.iter().flat_map(|set| ["--set", set]))
        .args(["--replicates", replicates, "--quiet", "--out"])
        .arg(out);
    command
}

/// Every file under `folder` by relative path; manifest.toml without its [timing] table.
fn files(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = common::files_under(folder);
    if let Some(bytes) = files.get_mut("manifest.toml") {
        let text = String::from_utf8(bytes.clone()).unwrap();
        let cut = text.find("[timing]").expect("a [timing] table");
        bytes.truncate(cut);
    }
    files
}

/// summary.csv as rows of cells (header first).
fn table(path: &Path) -> Vec<Vec<String>> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| line.split(',').map(str::to_string).collect())
        .collect()
}

fn entries(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn help_lists_the_flags() {
    rewardsim()
        .args(["compare", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("--set")
                .and(predicate::str::contains("--replicates"))
                .and(predicate::str::contains("--seed"))
                .and(predicate::str::contains("--out"))
                .and(predicate::str::contains("--force"))
                .and(predicate::str::contains("--quiet")),
        );
    rewardsim()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("compare"));
}

#[test]
fn two_presets_give_a_row_per_metric_and_variant_the_same_on_one_and_two_threads() {
    let root = tempfile::tempdir().unwrap();
    let presets = [preset("steem-hf21"), preset("stake-weighted")];
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = root.path().join(format!("threads-{threads}"));
        let assert = compare(&presets, "3", &out, threads).assert().success();
        let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        assert!(
            stdout.starts_with("compare: steem-hf21 (baseline) against stake-weighted\n"),
            "{stdout}"
        );
        assert!(stdout.contains("stake-weighted − steem-hf21"), "{stdout}");
        assert!(stdout.contains("\nmean_posts_per_day "), "{stdout}");
        outputs.push(files(&out));
    }
    assert_eq!(
        outputs[0]
            .keys()
            .filter(|name| !name.starts_with("charts/"))
            .collect::<Vec<_>>(),
        [
            "accounts.csv",
            "cohorts.csv",
            "manifest.toml",
            "payouts.csv",
            "report.html",
            "report.md",
            "runs.csv",
            "summary.csv",
            "timeseries.csv"
        ]
    );
    assert!(outputs[0].keys().any(|name| name.starts_with("charts/")));
    for name in outputs[0].keys() {
        assert!(
            outputs[0][name] == outputs[1][name],
            "{name} differs between 1 and 2 threads"
        );
    }

    let out = root.path().join("threads-1");
    let rows = table(&out.join("summary.csv"));
    assert_eq!(
        rows[0],
        [
            "metric",
            "variant",
            "baseline",
            "replicates",
            "mean",
            "sd",
            "pairs",
            "difference",
            "difference_ci_low",
            "difference_ci_high",
            "relative_difference"
        ]
    );
    let body = &rows[1..];
    assert_eq!(body.len() % 2, 0);
    // Metric by metric, baseline first, in the run summary's column order.
    assert_eq!(
        body[0][..4],
        ["mean_posts_per_day", "steem-hf21", "true", "3"]
    );
    assert_eq!(
        body[1][..4],
        ["mean_posts_per_day", "stake-weighted", "false", "3"]
    );
    for pair in body.chunks(2) {
        assert_eq!(pair[0][0], pair[1][0]);
        assert!(pair[0][6..].iter().all(String::is_empty), "{:?}", pair[0]);
        assert_eq!(pair[1][6], "3", "{:?}", pair[1]);
        assert!(!pair[1][7].is_empty(), "{:?}", pair[1]);
        let (low, high): (f64, f64) = (pair[1][8].parse().unwrap(), pair[1][9].parse().unwrap());
        let difference: f64 = pair[1][7].parse().unwrap();
        assert!(low <= difference && difference <= high, "{:?}", pair[1]);
    }
    let metrics: Vec<&str> = body.iter().step_by(2).map(|r| r[0].as_str()).collect();
    for never in ["replicate", "days"] {
        assert!(!metrics.contains(&never));
    }
    for expected in ["gini_author_rewards", "retention", "mean_envy_index"] {
        assert!(
            metrics.contains(&expected),
            "{expected} missing: {metrics:?}"
        );
    }
    // Stake-weighted pays authors less: the paired difference is negative.
    let paid = body
        .iter()
        .find(|r| r[0] == "paid_authors_steem" && r[1] == "stake-weighted")
        .unwrap();
    assert!(paid[7].parse::<f64>().unwrap() < 0.0, "{paid:?}");

    let runs = table(&out.join("runs.csv"));
    assert_eq!(
        runs[0][..5],
        ["variant", "seed", "status", "replicate", "days"]
    );
    assert_eq!(runs.len(), 1 + 6);
    assert_eq!(runs[1][..5], ["steem-hf21", "1", "ok", "0", "20"]);
    assert_eq!(runs[6][..5], ["stake-weighted", "1", "ok", "2", "20"]);

    // The overlay tables: every run's days, each row after its variant.
    let timeseries = table(&out.join("timeseries.csv"));
    assert_eq!(timeseries[0][..3], ["variant", "replicate", "day"]);
    assert_eq!(timeseries.len(), 1 + 2 * 3 * 20);
    assert_eq!(timeseries[1][..3], ["steem-hf21", "0", "0"]);
    assert_eq!(timeseries[120][..3], ["stake-weighted", "2", "19"]);
    let payouts = table(&out.join("payouts.csv"));
    assert_eq!(payouts[0][..3], ["variant", "replicate", "low_steem"]);
    assert_eq!(payouts[1][..4], ["steem-hf21", "0", "0", "0"]);

    let manifest = fs::read_to_string(out.join("manifest.toml")).unwrap();
    let manifest: toml::Table = manifest.parse().unwrap();
    assert_eq!(manifest["run"]["program"].as_str(), Some("rewardsim"));
    assert_eq!(manifest["run"]["command"].as_str(), Some("compare"));
    assert_eq!(manifest["compare"]["replicates"].as_integer(), Some(3));
    let variants = manifest["variant"].as_array().unwrap();
    assert_eq!(variants[1]["name"].as_str(), Some("stake-weighted"));
    let resolved = variants[1]["resolved"].as_str().unwrap();
    assert!(resolved.contains("accounts = 2000"), "{resolved}");
    assert!(resolved.contains("replicates = 3"), "{resolved}");
}

#[test]
fn a_variant_against_a_copy_of_itself_differs_by_exactly_zero() {
    let root = tempfile::tempdir().unwrap();
    let copy = root.path().join("copy.toml");
    fs::write(
        &copy,
        format!("extends = {:?}\n", preset("steem-hf21").to_string_lossy()),
    )
    .unwrap();
    let out = root.path().join("same");
    compare(&[preset("steem-hf21"), copy], "2", &out, "2")
        .assert()
        .success();
    let rows = table(&out.join("summary.csv"));
    let copies: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r[1] == "copy").collect();
    assert!(copies.len() > 30, "{}", copies.len());
    for row in copies {
        assert_eq!(row[6], "2", "{row:?}");
        for cell in &row[7..10] {
            assert_eq!(cell.parse::<f64>().unwrap(), 0.0, "{row:?}");
        }
        assert!(
            row[10].is_empty() || row[10].parse::<f64>().unwrap() == 0.0,
            "{row:?}"
        );
    }
}

#[test]
fn one_replicate_says_there_is_no_interval_and_the_default_folder_names_the_variants() {
    let root = tempfile::tempdir().unwrap();
    let mut command = rewardsim();
    command
        .current_dir(root.path())
        .args(["compare", "--quiet", "--replicates", "1"])
        .arg(preset("steem-hf21"))
        .arg(preset("stake-weighted"))
        .args(WORLD.iter().flat_map(|set| ["--set", set]));
    command.assert().success().stdout(predicate::str::contains(
        "no confidence interval (it needs at least 2 replicates",
    ));
    let out = root
        .path()
        .join("output/compare-steem-hf21-vs-stake-weighted");
    let rows = table(&out.join("summary.csv"));
    for row in rows[1..].iter().filter(|r| r[1] == "stake-weighted") {
        assert_eq!(row[6], "1", "{row:?}");
        assert!(!row[7].is_empty(), "{row:?}");
        assert!(row[8].is_empty() && row[9].is_empty(), "{row:?}");
    }
    // Again without --force: refused, the result left as it was.
    let before = files(&out);
    command
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(files(&out), before);
}

/// A scenario file `name`.toml in `folder` with `name = "<name>"` and `days`.
fn scenario(folder: &Path, file: &str, name: &str, days: u32) -> PathBuf {
    let path = folder.join(file);
    fs::write(
        &path,
        format!(
            "name = \"{name}\"\n\n[simulation]\ndays = {days}\nwarmup_days = 0\nreplicates = 2\n\n\
             [population]\naccounts = 100\n\n[output]\ncharts = false\n"
        ),
    )
    .unwrap();
    path
}

/// Runs `compare` with `args` in `folder` (so a default output folder would land there)
/// and checks it exits 2 with `message` on stderr and leaves `folder` as it was.
fn refused(folder: &Path, args: &[&std::ffi::OsStr], message: &str) {
    let before = entries(folder);
    rewardsim()
        .current_dir(folder)
        .arg("compare")
        .args(args)
        .arg("--quiet")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(message));
    assert_eq!(entries(folder), before, "{message}");
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    let a = scenario(dir, "a.toml", "a", 20);
    let b = scenario(dir, "b.toml", "b", 20);
    let short = scenario(dir, "short.toml", "short", 10);
    let missing = dir.join("missing.toml");
    let os = |p: &PathBuf| p.as_os_str().to_owned();

    refused(dir, &[&os(&a), &os(&missing)], "missing.toml: cannot read");
    refused(dir, &[&os(&a)], "2 values required");
    refused(
        dir,
        &[&os(&a), &os(&b), "--replicates".as_ref(), "0".as_ref()],
        "0 is not in 1..=1000",
    );
    refused(
        dir,
        &[&os(&a), &os(&short)],
        &format!(
            "{} and {}: simulation.days differs (20 against 10)",
            a.display(),
            short.display()
        ),
    );
    refused(
        dir,
        &[
            &os(&a),
            &os(&b),
            "--set".as_ref(),
            "simulation.dayz=3".as_ref(),
        ],
        "did you mean 'days'",
    );
    // The same file twice: same scenario name, same file stem.
    refused(dir, &[&os(&a), &os(&a)], "both variants would be named 'a'");
    // Replicates that differ without --replicates.
    let more = dir.join("more.toml");
    fs::write(
        &more,
        fs::read_to_string(&b)
            .unwrap()
            .replace("name = \"b\"", "name = \"more\"")
            .replace("replicates = 2", "replicates = 3"),
    )
    .unwrap();
    refused(
        dir,
        &[&os(&a), &os(&more)],
        "simulation.replicates differs (2 against 3)",
    );

    // An existing folder: an earlier result needs --force; someone else's is never replaced.
    let earlier = dir.join("earlier");
    fs::create_dir(&earlier).unwrap();
    fs::write(
        earlier.join("manifest.toml"),
        "[run]\nprogram = \"rewardsim\"\ncommand = \"compare\"\n",
    )
    .unwrap();
    refused(
        dir,
        &[&os(&a), &os(&b), "--out".as_ref(), earlier.as_os_str()],
        "pass --force to replace it",
    );
    let mine = dir.join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "mine").unwrap();
    refused(
        dir,
        &[
            &os(&a),
            &os(&b),
            "--force".as_ref(),
            "--out".as_ref(),
            mine.as_os_str(),
        ],
        "never replaced",
    );
    assert_eq!(entries(&mine), ["notes.txt"]);
}

#[test]
fn one_seed_for_every_variant_whatever_their_files_say() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    let a = scenario(dir, "a.toml", "a", 3);
    let b = dir.join("b.toml");
    fs::write(
        &b,
        fs::read_to_string(&a)
            .unwrap()
            .replace("name = \"a\"", "name = \"b\"")
            .replace("days = 3", "days = 3\nseed = 99"),
    )
    .unwrap();
    for (seed, expected) in [(None, "1"), (Some("42"), "42")] {
        let out = dir.join(format!("out-{expected}"));
        let mut command = rewardsim();
        command
            .arg("compare")
            .arg(&a)
            .arg(&b)
            .arg("-q")
            .arg("--out")
            .arg(&out);
        if let Some(seed) = seed {
            command.args(["--seed", seed]);
        }
        command.assert().success();
        let runs = table(&out.join("runs.csv"));
        assert_eq!(runs.len(), 1 + 4);
        assert!(runs[1..].iter().all(|r| r[1] == expected), "{runs:?}");
        let manifest = fs::read_to_string(out.join("manifest.toml")).unwrap();
        assert!(
            manifest.contains(&format!("\nseed = {expected}\n")),
            "{manifest}"
        );
    }
}

/// One row as a map of column name to cell.
type Row = BTreeMap<String, String>;

/// One run's rows of a table: its (variant, replicate), then its rows in file order.
type RunRows = ((String, String), Vec<Row>);

/// The rows of `table` grouped by (variant, replicate), in file order.
fn runs_of(table: &[Vec<String>]) -> Vec<RunRows> {
    let header = &table[0];
    let mut runs: Vec<RunRows> = Vec::new();
    for row in &table[1..] {
        let cells: Row = header.iter().cloned().zip(row.clone()).collect();
        let key = (cells["variant"].clone(), cells["replicate"].clone());
        match runs.last_mut() {
            Some((last, rows)) if *last == key => rows.push(cells),
            _ => runs.push((key, vec![cells])),
        }
    }
    runs
}

#[test]
fn overlay_tables_hold_every_run_tagged_with_its_variant() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    // 30 days from the start, so the initial population is measured at age 30 (cohorts.csv).
    let a = scenario(dir, "a.toml", "a", 30);
    let b = scenario(dir, "b.toml", "b", 30);
    let out = dir.join("out");
    rewardsim()
        .arg("compare")
        .arg(&a)
        .arg(&b)
        .args(["-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        entries(&out),
        [
            "accounts.csv",
            "charts",
            "cohorts.csv",
            "manifest.toml",
            "payouts.csv",
            "report.html",
            "report.md",
            "runs.csv",
            "summary.csv",
            "timeseries.csv"
        ]
    );
    let expected_runs = |rows_per_run: bool| -> Vec<(String, String)> {
        let replicates: &[&str] = if rows_per_run { &["0", "1"] } else { &["0"] };
        ["a", "b"]
            .iter()
            .flat_map(|v| replicates.iter().map(|r| (v.to_string(), r.to_string())))
            .collect()
    };
    for name in [
        "timeseries.csv",
        "cohorts.csv",
        "payouts.csv",
        "accounts.csv",
    ] {
        let rows = table(&out.join(name));
        assert_eq!(rows[0][..2], ["variant", "replicate"], "{name}");
        let keys: Vec<(String, String)> = runs_of(&rows).into_iter().map(|(k, _)| k).collect();
        // Variants in command-line order, replicates in order; accounts of replicate 0 only.
        assert_eq!(keys, expected_runs(name != "accounts.csv"), "{name}");
    }
    let timeseries = runs_of(&table(&out.join("timeseries.csv")));
    let payouts = runs_of(&table(&out.join("payouts.csv")));
    assert_eq!(
        table(&out.join("payouts.csv"))[0],
        [
            "variant",
            "replicate",
            "low_steem",
            "high_steem",
            "posts",
            "reward_steem"
        ]
    );
    for ((key, days), (same, bins)) in timeseries.iter().zip(&payouts) {
        assert_eq!(key, same);
        assert_eq!(days.len(), 30, "{key:?}");
        let sum = |rows: &[Row], column: &str| -> u64 {
            rows.iter().map(|r| r[column].parse::<u64>().unwrap()).sum()
        };
        // Every post cashed out in the measured days is in one bin; the zero bin first.
        assert_eq!(sum(bins, "posts"), sum(days, "posts_cashed_out"), "{key:?}");
        assert_eq!(
            (&*bins[0]["low_steem"], &*bins[0]["high_steem"]),
            ("0", "0")
        );
    }
    let accounts = runs_of(&table(&out.join("accounts.csv")));
    assert_eq!(accounts[0].1.len(), accounts[1].1.len());
    assert!(accounts[0].1.len() >= 100);
}
