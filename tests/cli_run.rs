//! `rewardsim run` end to end: help, bad input → exit 2 with nothing written, and the safety
//! of the output folder (earlier results need --force, other folders are never replaced,
//! nothing is left behind on failure). Tests of successful runs need the engine and the
//! scenario loader and are ignored until they land.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

/// File names in `folder`, sorted.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A small scenario in `folder` (keys of the scenario model; only the loader decides).
fn tiny_scenario(folder: &Path) -> std::path::PathBuf {
    let path = folder.join("tiny.toml");
    fs::write(
        &path,
        "name = \"tiny\"\n\n\
         [simulation]\ndays = 3\nwarmup_days = 0\nseed = 7\nreplicates = 2\n\n\
         [rules]\nera = \"steem_hf21\"\n\n\
         [population]\naccounts = 100\n\n\
         [output]\nposts_csv = true\ncharts = true\n",
    )
    .unwrap();
    path
}

/// An earlier result as rewardsim writes it (manifest.toml with `[run] program`).
fn earlier_result(folder: &Path) {
    fs::create_dir_all(folder).unwrap();
    fs::write(
        folder.join("manifest.toml"),
        "name = \"tiny\"\n\n[run]\nprogram = \"rewardsim\"\n\n[timing]\nwall_time_seconds = 1.0\n",
    )
    .unwrap();
    fs::write(folder.join("timeseries.csv"), "replicate,day\n0,0\n").unwrap();
}

/// Every file under `folder` (charts/ included) by relative path, with its bytes.
fn snapshot(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for name in names(folder) {
        let path = folder.join(&name);
        if path.is_dir() {
            for (inner, bytes) in snapshot(&path) {
                files.push((format!("{name}/{inner}"), bytes));
            }
        } else {
            files.push((name, fs::read(path).unwrap()));
        }
    }
    files
}

#[test]
fn help_lists_the_flags() {
    rewardsim()
        .args(["run", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("--set")
                .and(predicate::str::contains("--out"))
                .and(predicate::str::contains("--force"))
                .and(predicate::str::contains("--quiet")),
        );
    rewardsim()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("run").and(predicate::str::contains("check")));
}

#[test]
fn missing_scenario_exits_2_names_the_file_and_writes_nothing() {
    let cwd = tempfile::tempdir().unwrap();
    rewardsim()
        .current_dir(cwd.path())
        .args(["run", "no-such-scenario.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no-such-scenario.toml"));
    assert!(names(cwd.path()).is_empty(), "no output folder created");
}

#[test]
fn set_without_equals_sign_exits_2() {
    let cwd = tempfile::tempdir().unwrap();
    rewardsim()
        .current_dir(cwd.path())
        .args(["run", "x.toml", "--set", "simulation.days"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("KEY=VALUE"));
    assert!(names(cwd.path()).is_empty());
}

#[test]
fn earlier_result_without_force_exits_2_and_is_untouched() {
    let root = tempfile::tempdir().unwrap();
    let scenario = tiny_scenario(root.path());
    let out = root.path().join("result");
    earlier_result(&out);
    let before = snapshot(&out);
    rewardsim()
        .arg("run")
        .arg(&scenario)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("result")
                .and(predicate::str::contains("earlier rewardsim result"))
                .and(predicate::str::contains("--force")),
        );
    assert_eq!(snapshot(&out), before);
    assert_eq!(names(root.path()), ["result", "tiny.toml"]);
}

#[test]
fn empty_folder_without_force_exits_2() {
    let root = tempfile::tempdir().unwrap();
    let scenario = tiny_scenario(root.path());
    let out = root.path().join("empty");
    fs::create_dir(&out).unwrap();
    rewardsim()
        .arg("run")
        .arg(&scenario)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty folder").and(predicate::str::contains("--force")));
    assert!(names(&out).is_empty());
}

#[test]
fn foreign_folder_or_file_is_refused_even_with_force() {
    let root = tempfile::tempdir().unwrap();
    let scenario = tiny_scenario(root.path());
    let mine = root.path().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "keep me").unwrap();
    let file = root.path().join("file.txt");
    fs::write(&file, "keep me").unwrap();
    for force in [false, true] {
        let mut command = rewardsim();
        command.arg("run").arg(&scenario).arg("--out").arg(&mine);
        if force {
            command.arg("--force");
        }
        command
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not written by rewardsim"));
        let mut command = rewardsim();
        command.arg("run").arg(&scenario).arg("--out").arg(&file);
        if force {
            command.arg("--force");
        }
        command
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a folder"));
    }
    assert_eq!(
        fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep me");
    assert_eq!(names(root.path()), ["file.txt", "mine", "tiny.toml"]);
}

#[test]
fn failed_run_with_force_keeps_the_earlier_result_and_leaves_no_temporary_folder() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("result");
    earlier_result(&out);
    let before = snapshot(&out);
    // Fails in loading (no such file) or, once the loader lands, in validation.
    fs::write(root.path().join("bad.toml"), "[simulation]\ndays = -1\n").unwrap();
    rewardsim()
        .arg("run")
        .arg(root.path().join("bad.toml"))
        .arg("--out")
        .arg(&out)
        .arg("--force")
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.toml"));
    assert_eq!(snapshot(&out), before);
    assert_eq!(names(root.path()), ["bad.toml", "result"]);
}

#[test]
fn successful_run_writes_every_file_and_a_summary() {
    let root = tempfile::tempdir().unwrap();
    let scenario = tiny_scenario(root.path());
    let out = root.path().join("result");
    rewardsim()
        .arg("run")
        .arg(&scenario)
        .arg("--out")
        .arg(&out)
        .arg("--set")
        .arg("simulation.days=4")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("tiny: 4 days × 2 replicates")
                .and(predicate::str::contains("to authors"))
                .and(predicate::str::contains("result")),
        );
    assert_eq!(
        names(&out),
        [
            "accounts.csv",
            "charts",
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
    let timeseries = fs::read_to_string(out.join("timeseries.csv")).unwrap();
    assert!(timeseries.starts_with("replicate,day,"));
    assert_eq!(timeseries.lines().count(), 1 + 4 * 2);
    let manifest: toml::Table = fs::read_to_string(out.join("manifest.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["run"]["program"].as_str(), Some("rewardsim"));
    assert_eq!(manifest["run"]["seed"].as_integer(), Some(7));
    assert_eq!(manifest["run"]["replicates"].as_integer(), Some(2));
    assert_eq!(
        manifest["run"]["sets"].as_array().unwrap()[0].as_str(),
        Some("simulation.days=4")
    );
    assert!(manifest["timing"]["wall_time_seconds"].as_float().is_some());
    assert_eq!(
        names(root.path()),
        ["result", "tiny.toml"],
        "no temporary folder left"
    );
}

#[test]
fn rerun_with_force_gives_identical_files_but_the_timing() {
    let root = tempfile::tempdir().unwrap();
    let scenario = tiny_scenario(root.path());
    let out = root.path().join("result");
    let run = |force: bool| {
        let mut command = rewardsim();
        command
            .arg("run")
            .arg(&scenario)
            .arg("--out")
            .arg(&out)
            .arg("-q");
        if force {
            command.arg("--force");
        }
        command.assert().success();
        snapshot(&out)
    };
    let first = run(false);
    let second = run(true);
    assert_eq!(first.len(), second.len());
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        if name == "manifest.toml" {
            let cut = |bytes: &[u8]| {
                let text = String::from_utf8(bytes.to_vec()).unwrap();
                text[..text.find("[timing]").unwrap()].to_string()
            };
            assert_eq!(cut(a), cut(b));
        } else {
            assert_eq!(a, b, "{name} differs between runs");
        }
    }
    assert_eq!(names(root.path()), ["result", "tiny.toml"]);
}

#[test]
fn default_folder_is_output_slash_scenario_name() {
    let root = tempfile::tempdir().unwrap();
    let scenario = tiny_scenario(root.path());
    rewardsim()
        .current_dir(root.path())
        .arg("run")
        .arg(&scenario)
        .arg("--quiet")
        .assert()
        .success();
    assert!(root.path().join("output/tiny/manifest.toml").is_file());
}
