//! `rewardsim check`: prints the resolved scenario; bad input exits 2 with nothing on
//! standard output. Tests that need the scenario loader are ignored until it lands.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

fn tiny_scenario(folder: &Path) -> std::path::PathBuf {
    let path = folder.join("tiny.toml");
    fs::write(
        &path,
        "name = \"tiny\"\n\n[simulation]\ndays = 3\nreplicates = 2\n\n[rules]\nera = \"steem_hf21\"\n",
    )
    .unwrap();
    path
}

#[test]
fn help_works() {
    rewardsim()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--set").and(predicate::str::contains("SCENARIO.toml")));
}

#[test]
fn missing_file_exits_2_naming_it() {
    let cwd = tempfile::tempdir().unwrap();
    rewardsim()
        .current_dir(cwd.path())
        .args(["check", "no-such-scenario.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no-such-scenario.toml"));
    assert_eq!(fs::read_dir(cwd.path()).unwrap().count(), 0);
}

#[test]
fn malformed_set_exits_2() {
    rewardsim()
        .args(["check", "x.toml", "--set", "=5"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("KEY=VALUE"));
}

#[test]
fn prints_the_resolved_scenario_with_sets_applied() {
    let root = tempfile::tempdir().unwrap();
    let scenario = tiny_scenario(root.path());
    let output = rewardsim()
        .arg("check")
        .arg(&scenario)
        .args(["--set", "simulation.days=9"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    let resolved: toml::Table = text.parse().unwrap();
    assert_eq!(resolved["simulation"]["days"].as_integer(), Some(9));
    assert_eq!(resolved["simulation"]["replicates"].as_integer(), Some(2));
    // Complete: the keys the file left out are explicit.
    assert!(resolved["simulation"].get("seed").is_some());
    assert_eq!(
        fs::read_dir(root.path()).unwrap().count(),
        1,
        "check writes nothing"
    );
}

#[test]
fn resolved_scenario_resolves_to_itself() {
    let root = tempfile::tempdir().unwrap();
    let scenario = tiny_scenario(root.path());
    let first = rewardsim()
        .arg("check")
        .arg(&scenario)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let resolved = root.path().join("resolved.toml");
    fs::write(&resolved, &first).unwrap();
    let second = rewardsim()
        .arg("check")
        .arg(&resolved)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // The first line names the file it was resolved from; everything else is identical.
    let body = |bytes: &[u8]| {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let (header, rest) = text.split_once('\n').unwrap();
        assert!(header.starts_with("# resolved by rewardsim"));
        rest.to_string()
    };
    assert_eq!(body(&first), body(&second));
}
