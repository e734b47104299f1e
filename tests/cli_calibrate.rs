//! `rewardsim calibrate`, end to end: the report names every target C1–C10 with a verdict,
//! `--out` writes calibration.csv under the result-folder rules, and bad input exits 2
//! naming what is wrong. Runs on a small world so that it takes seconds.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

/// `calibrate` on a 1,500-account world for 30 days (too short for C9).
fn calibrate(args: &[&str]) -> Command {
    let mut command = Command::cargo_bin("rewardsim").unwrap();
    command
        .arg("calibrate")
        .args(["--accounts", "1500", "--days", "30"])
        .args(args);
    command
}

/// The rows of a CSV file under its header, each a map from column to cell.
fn rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn reports_every_target_and_writes_the_folder() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("calibration");
    let output = calibrate(&["--out", out.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report = String::from_utf8(output).unwrap();
    let verdicts = ["yes", "no", "not modelled", "no data"];
    for id in 1..=10 {
        let line = report
            .lines()
            .find(|l| l.starts_with(&format!("C{id} ")))
            .unwrap_or_else(|| panic!("no line for C{id}:\n{report}"));
        assert!(
            verdicts.iter().any(|v| line.trim_end().ends_with(v)),
            "C{id} has no verdict: {line}"
        );
    }
    assert!(report.contains("1500 accounts, 30 days"), "{report}");

    let table = rows(&out.join("calibration.csv"));
    let ids: Vec<&str> = table.iter().map(|r| r["target"].as_str()).collect();
    for id in 1..=10 {
        assert!(
            ids.contains(&format!("C{id}").as_str()),
            "C{id} missing: {ids:?}"
        );
    }
    for row in &table {
        let verdict = row["in_range"].as_str();
        assert!(verdicts.contains(&verdict), "{row:?}");
        // A value exactly when measured; C6 and C10 are not modelled.
        assert_eq!(
            row["value"].is_empty(),
            verdict == "not modelled" || verdict == "no data"
        );
        if ["C6", "C10"].contains(&row["target"].as_str()) {
            assert_eq!(verdict, "not modelled");
            assert!(!row["note"].is_empty());
        }
    }
    // 30 days: no cohort is 300 days old.
    let c9 = table.iter().find(|r| r["target"] == "C9").unwrap();
    assert_eq!(c9["in_range"], "no data");
    let c2 = table.iter().find(|r| r["target"] == "C2").unwrap();
    assert_eq!(c2["range"], "≥ 0.95");
    assert!(c2["value"].parse::<f64>().unwrap() > 0.5);

    // Each preset's summary and resolved scenario, and a manifest.
    for preset in ["steem-hf17", "steem-hf19", "steem-hf20", "steem-hf21"] {
        let summary = rows(&out.join(format!("summary-{preset}.csv")));
        assert_eq!(summary.len(), 1, "{preset}");
        assert_eq!(summary[0]["days"], "30");
        let resolved = fs::read_to_string(out.join(format!("{preset}.toml"))).unwrap();
        assert!(resolved.contains("accounts = 1500"), "{preset}");
    }
    let manifest = fs::read_to_string(out.join("manifest.toml")).unwrap();
    assert!(manifest.contains("command = \"calibrate\""), "{manifest}");

    // The folder is an earlier result now: refused without --force, replaced with it.
    calibrate(&["--out", out.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    calibrate(&["--out", out.to_str().unwrap(), "--force"])
        .assert()
        .success();
}

#[test]
fn never_replaces_a_folder_of_other_files() {
    let root = tempfile::tempdir().unwrap();
    let mine = root.path().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "mine").unwrap();
    Command::cargo_bin("rewardsim")
        .unwrap()
        .args(["calibrate", "--out", mine.to_str().unwrap(), "--force"])
        .assert()
        .code(2);
    assert_eq!(fs::read_to_string(mine.join("notes.txt")).unwrap(), "mine");
    assert_eq!(fs::read_dir(&mine).unwrap().count(), 1);
}

#[test]
fn bad_sets_name_the_key_and_exit_2() {
    calibrate(&["--set", "population.acounts=5"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("acounts"));
    calibrate(&["--set", "behaviour.self_vote_share=2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("self_vote_share"));
    calibrate(&["--set", "simulation.days"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("KEY=VALUE"));
    Command::cargo_bin("rewardsim")
        .unwrap()
        .args(["calibrate", "--accounts", "0"])
        .assert()
        .code(2);
    Command::cargo_bin("rewardsim")
        .unwrap()
        .args(["calibrate", "--quick", "--days", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--days"));
}
