//! `rewardsim sweep` and `rewardsim merge` from the command line: a sweep with grid and
//! zip parts, every row tagged with its run; the same files whatever the thread count,
//! resumed after an interruption, or run as shards and merged; bad sweep files and folders
//! refused with exit code 2 and nothing written.

mod common;

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

/// A small sweep: 2 grid values × 2 zip rows × 2 replicates = 8 runs of a 600-account world.
const SWEEP: &str = "extends = \"steem-hf21\"\nname = \"small-sweep\"\n\n\
    [simulation]\ndays = 6\nwarmup_days = 1\nreplicates = 2\nseed = 5\n\n\
    [population]\naccounts = 600\n\n[growth]\narrivals_per_day = 2\n\n\
    [output]\ncharts = false\n\n\
    [sweep.grid]\n\"rules.percent_curation_rewards\" = [2500, 5000]\n\n\
    [sweep.zip]\n\"inflation.content\" = [65, 40]\n\"inflation.stakers\" = [15, 40]\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

/// Every file under `dir` (parts included) by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::files_under(dir)
}

fn sweep(file: &Path, out: &Path, threads: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    rewardsim()
        .env("RAYON_NUM_THREADS", threads)
        .arg("sweep")
        .arg(file)
        .arg("--out")
        .arg(out)
        .arg("-q")
        .args(extra)
        .assert()
}

fn column<'a>(csv: &'a str, name: &str) -> Vec<&'a str> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header.iter().position(|c| *c == name).unwrap();
    lines.map(|l| l.split(',').nth(at).unwrap()).collect()
}

#[test]
fn grid_and_zip_runs_are_tagged_and_reproducible_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.toml", SWEEP);
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    sweep(&file, &one, "1", &[]).success();
    sweep(&file, &two, "2", &[]).success();
    assert_eq!(files(&one), files(&two));
    let runs = fs::read_to_string(one.join("runs.csv")).unwrap();
    assert_eq!(
        runs.lines().next().unwrap(),
        "run_id,variant,replicate,seed,rules.percent_curation_rewards,inflation.content,\
         inflation.stakers,status,error"
    );
    assert_eq!(
        column(&runs, "run_id"),
        ["0", "1", "2", "3", "4", "5", "6", "7"]
    );
    assert_eq!(
        column(&runs, "variant"),
        ["0", "0", "1", "1", "2", "2", "3", "3"]
    );
    assert_eq!(
        column(&runs, "replicate"),
        ["0", "1", "0", "1", "0", "1", "0", "1"]
    );
    // Common random numbers: every variant's replicate runs with the file's seed.
    assert!(column(&runs, "seed").iter().all(|s| *s == "5"));
    // Zip rows outermost, the grid inside.
    assert_eq!(
        column(&runs, "rules.percent_curation_rewards"),
        ["2500", "2500", "5000", "5000", "2500", "2500", "5000", "5000"]
    );
    assert_eq!(
        column(&runs, "inflation.stakers"),
        ["15", "15", "15", "15", "40", "40", "40", "40"]
    );
    assert!(column(&runs, "status").iter().all(|s| *s == "ok"));
    let summary = fs::read_to_string(one.join("summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 9);
    assert!(summary.starts_with("run_id,variant,replicate,seed,rules.percent_curation_rewards"));
    assert_eq!(
        summary.lines().next().unwrap().matches("replicate").count(),
        1
    );
    let days = fs::read_to_string(one.join("timeseries.csv")).unwrap();
    assert_eq!(days.lines().count(), 1 + 8 * 6);
    // A variant's row is what `rewardsim run` of it gives: same seed, same replicate.
    let alone = dir.path().join("alone");
    let base = write(
        dir.path(),
        "base.toml",
        &SWEEP[..SWEEP.find("[sweep.grid]").unwrap()],
    );
    rewardsim()
        .args(["run", "-q", "--out"])
        .arg(&alone)
        .arg(&base)
        .args(["--set", "rules.percent_curation_rewards=5000"])
        .args([
            "--set",
            "inflation.content=40",
            "--set",
            "inflation.stakers=40",
        ])
        .assert()
        .success();
    let alone_summary = fs::read_to_string(alone.join("summary.csv")).unwrap();
    let sweep_row = summary.lines().nth(8).unwrap(); // run 7: variant 3, replicate 1
    let alone_row = alone_summary.lines().nth(2).unwrap(); // replicate 1
    let tail = |row: &str, skip: usize| row.splitn(skip + 1, ',').last().unwrap().to_owned();
    assert_eq!(tail(sweep_row, 7), tail(alone_row, 1));
}

#[test]
fn an_interrupted_sweep_resumes_without_redoing_finished_runs() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.toml", SWEEP);
    let whole = dir.path().join("whole");
    sweep(&file, &whole, "2", &[]).success();
    // As if interrupted: the assembled tables never written, and runs 5–7 not finished.
    let cut = dir.path().join("cut");
    sweep(&file, &cut, "2", &[]).success();
    for name in ["runs.csv", "summary.csv", "timeseries.csv"] {
        fs::remove_file(cut.join(name)).unwrap();
    }
    for id in 5..8 {
        for what in ["summary", "timeseries"] {
            fs::remove_file(cut.join(format!("parts/{id:06}.{what}.csv"))).unwrap();
        }
    }
    // A finished run is not redone: its part is not written again.
    let kept = cut.join("parts/000002.summary.csv");
    let before = fs::metadata(&kept).unwrap().modified().unwrap();
    let out = sweep(&file, &cut, "2", &["--resume"]).success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("8 runs (3 run now, 5 kept from before)"),
        "{stdout}"
    );
    assert_eq!(fs::metadata(&kept).unwrap().modified().unwrap(), before);
    assert_eq!(files(&cut), files(&whole));
    // A new sweep into the folder needs --force; --resume of another sweep is refused.
    sweep(&file, &cut, "2", &[]).code(2);
    let other = write(dir.path(), "o.toml", &SWEEP.replace("seed = 5", "seed = 6"));
    let refused = sweep(&other, &cut, "2", &["--resume"]).code(2);
    let stderr = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("another sweep"), "{stderr}");
    assert_eq!(files(&cut), files(&whole));
}

#[test]
fn shards_merged_equal_the_unsharded_sweep_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.toml", SWEEP);
    let whole = dir.path().join("whole");
    sweep(&file, &whole, "2", &[]).success();
    let shards: Vec<PathBuf> = (0..3)
        .map(|k| dir.path().join(format!("shard{k}")))
        .collect();
    for (k, shard) in shards.iter().enumerate() {
        let out = sweep(&file, shard, "1", &["--shard", &format!("{k}/3")]).success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(stdout.starts_with(&format!("shard {k}/3: ")), "{stdout}");
        assert!(!shard.join("summary.csv").exists());
    }
    // Shard 0 of 3 runs ids 0, 3, 6.
    assert!(shards[0].join("parts/000006.summary.csv").is_file());
    assert!(!shards[0].join("parts/000001.summary.csv").exists());
    let merged = dir.path().join("merged");
    rewardsim()
        .arg("merge")
        .args(&shards)
        .arg("--out")
        .arg(&merged)
        .assert()
        .success();
    assert_eq!(files(&merged), files(&whole));
    // Merging shards of different sweeps is refused, and nothing is written.
    let other = write(dir.path(), "o.toml", &SWEEP.replace("seed = 5", "seed = 6"));
    let foreign = dir.path().join("foreign");
    sweep(&other, &foreign, "2", &["--shard", "1/3"]).success();
    let refused_out = dir.path().join("refused");
    let refused = rewardsim()
        .arg("merge")
        .arg(&shards[0])
        .arg(&foreign)
        .arg("--out")
        .arg(&refused_out)
        .assert()
        .code(2);
    let stderr = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("another sweep"), "{stderr}");
    assert!(!refused_out.exists());
    // A missing shard: the runs it held are reported as not run, exit code 1.
    let partial = dir.path().join("partial");
    rewardsim()
        .arg("merge")
        .arg(&shards[0])
        .arg(&shards[1])
        .arg("--out")
        .arg(&partial)
        .assert()
        .code(1);
    let runs = fs::read_to_string(partial.join("runs.csv")).unwrap();
    assert_eq!(runs.matches(",failed,").count(), 2);
}

#[test]
fn bad_sweep_files_and_arguments_name_what_is_wrong_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = &SWEEP[..SWEEP.find("[sweep.grid]").unwrap()];
    // The first line after the base, and the one after it.
    let (first, second) = (base.lines().count() + 1, base.lines().count() + 2);
    let at = |name: &str, line: usize| format!("{name}: line {line}");
    for (name, text, needles) in [
        (
            "unknown.toml",
            format!("{base}[sweep.grid]\n\"rules.percent_curation_rewardz\" = [1, 2]\n"),
            vec![at("unknown.toml", second), "percent_curation_rewardz".into(), "did you mean".into()],
        ),
        (
            "zip.toml",
            format!("{base}[sweep.zip]\n\"inflation.content\" = [65, 40]\n\"inflation.stakers\" = [15]\n"),
            vec![at("zip.toml", second + 1), "one length".into(), "has 2 values".into(), "has 1".into()],
        ),
        (
            "empty.toml",
            format!("{base}[sweep]\n"),
            vec![at("empty.toml", first), "the sweep is empty".into()],
        ),
        (
            "range.toml",
            format!("{base}[sweep.grid]\n\"population.accounts\" = [600, 5]\n"),
            vec![
                "sweep variant 1".into(),
                "population.accounts=5".into(),
                at("range.toml", second),
                "10..=".into(),
            ],
        ),
        (
            "none.toml",
            base.to_string(),
            vec!["no [sweep] table".to_string(), "rewardsim run".into()],
        ),
    ] {
        let file = write(dir.path(), name, &text);
        let out = dir.path().join(format!("out-{name}"));
        let assert = sweep(&file, &out, "2", &[]).code(2);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        for needle in needles {
            assert!(stderr.contains(&needle), "{name}: {needle} not in {stderr}");
        }
        assert!(!out.exists(), "{name}: wrote {}", out.display());
    }
    // `run` refuses a sweep file and says what to do.
    let file = write(dir.path(), "s.toml", SWEEP);
    let assert = rewardsim().arg("run").arg(&file).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("rewardsim sweep"), "{stderr}");
    // Shards must be K/N with K < N; --resume needs a sweep folder.
    let out = dir.path().join("out");
    sweep(&file, &out, "2", &["--shard", "3/3"]).code(2);
    sweep(&file, &out, "2", &["--resume"]).code(2);
    assert!(!out.exists() || fs::read_dir(&out).unwrap().next().is_none());
    // A folder with other files is never used.
    let foreign = dir.path().join("foreign");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "mine").unwrap();
    sweep(&file, &foreign, "2", &["--force"]).code(2);
    assert_eq!(
        fs::read_to_string(foreign.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn the_example_sweep_runs() {
    let dir = tempfile::tempdir().unwrap();
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/sweeps/curation-and-split.toml");
    let out = dir.path().join("out");
    sweep(
        &file,
        &out,
        "2",
        &[
            "--set",
            "population.accounts=300",
            "--set",
            "growth.arrivals_per_day=1",
            "--set",
            "simulation.days=2",
            "--set",
            "simulation.warmup_days=1",
        ],
    )
    .success();
    let runs = fs::read_to_string(out.join("runs.csv")).unwrap();
    assert_eq!(runs.lines().count(), 1 + 12);
    assert!(column(&runs, "status").iter().all(|s| *s == "ok"));
}

#[test]
fn a_failed_run_is_recorded_and_the_others_go_on() {
    let dir = tempfile::tempdir().unwrap();
    // One variant's VESTS overflow the chain's 64-bit amounts: its world cannot be built.
    let file = write(
        dir.path(),
        "f.toml",
        "extends = \"steem-hf21\"\nname = \"failing\"\n\
         [simulation]\ndays = 2\nwarmup_days = 1\n\
         [population]\naccounts = 300\n\
         [population.stake]\ndistribution = \"pareto\"\nalpha = 0.7\nmin = 100_000.0\nmax = 1_000_000.0\n\
         [growth]\narrivals_per_day = 0\n[output]\ncharts = false\n\
         [sweep.grid]\n\"population.vests_per_steem\" = [2000, 1000000]\n",
    );
    let out = dir.path().join("out");
    let assert = sweep(&file, &out, "2", &[]).code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("1 run(s) failed"), "{stderr}");
    let runs = fs::read_to_string(out.join("runs.csv")).unwrap();
    assert_eq!(column(&runs, "status"), ["ok", "failed"]);
    assert!(runs.contains("total_vesting_shares does not fit"), "{runs}");
    assert!(out.join("parts/000001.failed.txt").is_file());
    // The run that succeeded is in the tables.
    let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 2);
    // --resume retries only the failed run (it fails again, the same way).
    let assert = sweep(&file, &out, "2", &["--resume"]).code(1);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("2 runs (1 run now, 1 kept from before), 1 failed"),
        "{stdout}"
    );
}
