//! `rewardsim run` is reproducible: the same scenario and seed give byte-identical CSVs and
//! charts whatever the thread count (RAYON_NUM_THREADS=1 vs 2), and manifest.toml differs only
//! in its [timing] table; another seed gives other results; replicates come out in order.

mod common;

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

/// A small scenario with every output on (posts.csv and charts), more accounts than one
/// parallel task takes (4,096), arrivals, exits and a cohort measured at age 30.
fn scenario(folder: &Path) -> PathBuf {
    let path = folder.join("repro.toml");
    fs::write(
        &path,
        "name = \"repro\"\n\n\
         [simulation]\ndays = 30\nwarmup_days = 1\nseed = 11\nreplicates = 1\n\n\
         [rules]\nera = \"steem_hf21\"\n\n\
         [population]\naccounts = 5000\ndaily_active_share = 0.3\n\n\
         [growth]\narrivals_per_day = 20\n\n\
         [churn]\nbase_exit_hazard = 0.01\n\n\
         [output]\nposts_csv = true\ncharts = true\n",
    )
    .unwrap();
    path
}

/// Runs `scenario` into `out` with `threads` rayon threads and the given `--set`s; returns
/// every file of the result folder by name.
fn run(scenario: &Path, out: &Path, threads: &str, sets: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut command = rewardsim();
    command
        .env("RAYON_NUM_THREADS", threads)
        .arg("run")
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .arg("--quiet");
    for set in sets {
        command.arg("--set").arg(set);
    }
    command.assert().success();
    common::files_under(out)
}

/// manifest.toml without its [timing] table (the only part allowed to differ): the lines
/// from the `[timing]` header up to the next table header are dropped.
fn without_timing(manifest: &[u8]) -> String {
    let text = String::from_utf8(manifest.to_vec()).unwrap();
    assert!(
        text.lines().any(|l| l == "[timing]"),
        "manifest.toml has no [timing] table"
    );
    let mut in_timing = false;
    let mut kept = String::new();
    for line in text.lines() {
        if line.starts_with('[') {
            in_timing = line == "[timing]";
        }
        if !in_timing {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files[name].clone()).unwrap()
}

#[test]
fn one_and_two_threads_give_identical_files_but_the_timing() {
    let root = tempfile::tempdir().unwrap();
    let scenario = scenario(root.path());
    let one = run(&scenario, &root.path().join("one"), "1", &[]);
    let two = run(&scenario, &root.path().join("two"), "2", &[]);
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        [
            "accounts.csv",
            "charts/activity.png",
            "charts/inequality.png",
            "charts/lorenz.png",
            "charts/mood.png",
            "charts/payouts.png",
            "charts/retention.png",
            "charts/rewards.png",
            "charts/satisfaction.png",
            "charts/supply.png",
            "charts/votes.png",
            "cohorts.csv",
            "manifest.toml",
            "payouts.csv",
            "posts.csv",
            "report.html",
            "report.md",
            "summary.csv",
            "timeseries.csv"
        ]
    );
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    // The run did something worth comparing: posts were paid and written, accounts left
    // and arrived, and a cohort was measured.
    assert!(text(&one, "posts.csv").lines().count() > 1, "no paid posts");
    let cohorts = text(&one, "cohorts.csv");
    assert!(cohorts.contains("initial,,,30,5000,"), "{cohorts}");
    let accounts = text(&one, "accounts.csv");
    assert!(accounts.lines().count() > 5000 + 1, "no arrivals");
    assert!(accounts.lines().any(|l| !l.ends_with(',')), "nobody left");
    for (name, bytes) in &one {
        if name == "manifest.toml" {
            let (a, b) = (without_timing(bytes), without_timing(&two[name]));
            assert!(!a.contains("wall_time"), "timing left in: {a}");
            assert_eq!(a, b, "manifest.toml differs outside [timing]");
        } else {
            assert!(
                *bytes == two[name],
                "{name} differs between 1 and 2 threads"
            );
        }
    }
}

#[test]
fn another_seed_gives_other_results() {
    let root = tempfile::tempdir().unwrap();
    let scenario = scenario(root.path());
    let sets = ["output.charts=false", "simulation.days=3"];
    let first = run(&scenario, &root.path().join("a"), "2", &sets);
    let same = run(&scenario, &root.path().join("b"), "2", &sets);
    let mut other_sets = sets.to_vec();
    other_sets.push("simulation.seed=12");
    let other = run(&scenario, &root.path().join("c"), "2", &other_sets);
    for name in ["timeseries.csv", "accounts.csv"] {
        assert_eq!(first[name], same[name], "{name}: same seed, other bytes");
        assert_ne!(first[name], other[name], "{name}: another seed, same bytes");
        // Same shape, other numbers.
        assert_eq!(
            text(&first, name).lines().count(),
            text(&other, name).lines().count()
        );
        assert_eq!(
            text(&first, name).lines().next(),
            text(&other, name).lines().next()
        );
    }
    let manifest: toml::Table = text(&other, "manifest.toml").parse().unwrap();
    assert_eq!(manifest["run"]["seed"].as_integer(), Some(12));
}

/// The `replicate` column of every data line of a CSV.
fn replicate_column(csv: &str) -> Vec<u32> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = header.iter().position(|c| *c == "replicate").unwrap();
    lines
        .map(|l| l.split(',').nth(column).unwrap().parse().unwrap())
        .collect()
}

#[test]
fn replicates_come_out_in_order() {
    let root = tempfile::tempdir().unwrap();
    let scenario = scenario(root.path());
    let days = 8;
    let files = run(
        &scenario,
        &root.path().join("r"),
        "2",
        &[
            "simulation.replicates=2",
            "simulation.days=8",
            "output.charts=false",
            "population.accounts=300",
            "growth.arrivals_per_day=0",
        ],
    );
    // timeseries.csv: replicate 0 days 0..8, then replicate 1 days 0..8.
    let timeseries = text(&files, "timeseries.csv");
    let expected: Vec<(u32, u32)> = (0..2)
        .flat_map(|r| (0..days).map(move |d| (r, d)))
        .collect();
    let found: Vec<(u32, u32)> = timeseries
        .lines()
        .skip(1)
        .map(|l| {
            let mut fields = l.split(',');
            let r = fields.next().unwrap().parse().unwrap();
            let d = fields.next().unwrap().parse().unwrap();
            (r, d)
        })
        .collect();
    assert_eq!(found, expected);
    // accounts.csv: every account of replicate 0, then of replicate 1.
    let accounts = replicate_column(&text(&files, "accounts.csv"));
    assert_eq!(accounts.len(), 2 * 300);
    assert!(accounts[..300].iter().all(|&r| r == 0));
    assert!(accounts[300..].iter().all(|&r| r == 1));
    // posts.csv: replicate 0 rows before replicate 1 rows, and both present.
    let posts = replicate_column(&text(&files, "posts.csv"));
    assert!(posts.windows(2).all(|w| w[0] <= w[1]), "posts out of order");
    assert!(posts.contains(&0) && posts.contains(&1), "{posts:?}");
    // The replicates are independent runs: their days differ.
    let day_rows: Vec<&str> = timeseries.lines().skip(1).collect();
    let strip = |l: &str| l.split_once(',').unwrap().1.to_string();
    assert_ne!(
        day_rows[..days as usize]
            .iter()
            .map(|l| strip(l))
            .collect::<Vec<_>>(),
        day_rows[days as usize..]
            .iter()
            .map(|l| strip(l))
            .collect::<Vec<_>>(),
        "replicates 0 and 1 are identical"
    );
}
