//! `rewardsim eval curation` end to end: answers, bad input → exit 2, nothing written.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

const HEADER: &str = "era,old_vote_rshares,vote_rshares,seconds_since_created";

#[test]
fn two_equal_votes_split_70_29_under_square_root() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    // X = 2^40 + 53·2^33: approx_sqrt(X) = 1 265 664, approx_sqrt(2X) = 1 789 952.
    fs::write(
        &input,
        format!("{HEADER}\nsteem_hf20,0,1554778161152,900\nsteem_hf20,1554778161152,1554778161152,900\n"),
    )
    .unwrap();
    let output = dir.path().join("out.csv");
    rewardsim()
        .args(["eval", "curation", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .assert()
        .success();
    let text = fs::read_to_string(&output).unwrap();
    assert_eq!(
        text,
        format!(
            "{HEADER},vote_weight,total_vote_weight_increment\n\
                 steem_hf20,0,1554778161152,900,1265664,1265664\n\
                 steem_hf20,1554778161152,1554778161152,900,524288,524288\n"
        )
    );
}

#[test]
fn overrides_and_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    fs::write(
        &input,
        format!("{HEADER},curve,content_constant,reverse_auction_seconds,early_voting_seconds,mid_voting_seconds\n\
                 hive_hf25,0,1000,100000,,,,,\n\
                 hive_hf25,0,1000,100000,,,,200000,\n\
                 steem_hf21,0,1048576,150,square_root,,,,\n"),
    )
    .unwrap();
    rewardsim()
        .args(["eval", "curation", "--input"])
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::contains(",,,,,500,500\n"))
        .stdout(predicate::str::contains(",,,200000,,1000,1000\n"))
        .stdout(predicate::str::contains(",square_root,,,,,512,1024\n"));
}

fn assert_rejected(body: &str, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    fs::write(&input, body).unwrap();
    let output = dir.path().join("out.csv");
    rewardsim()
        .args(["eval", "curation", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(expected));
    assert!(!output.exists(), "no output may be written for {body:?}");
}

#[test]
fn bad_input_exits_2_without_output() {
    assert_rejected(
        &format!("{HEADER}\nsteem_hf21,0,1,x\n"),
        "line 2, column 'seconds_since_created'",
    );
    assert_rejected(
        &format!("{HEADER}\nsteem_hf21,0,99999999999999999999,0\n"),
        "column 'vote_rshares'",
    );
    assert_rejected(
        &format!("{HEADER}\nsteem_hf21,9223372036854775807,1,0\n"),
        "line 2: vote_rshares 9223372036854775807 + rshares 1 overflows int64",
    );
    assert_rejected(
        &format!("{HEADER},curve\nsteem_hf21,0,1,0,squareroot\n"),
        "did you mean 'square_root'",
    );
    assert_rejected(
        "era,old_vote_rshares\nsteem_hf21,0\n",
        "missing column 'vote_rshares'",
    );
}

#[test]
fn missing_input_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    rewardsim()
        .args(["eval", "curation", "--input"])
        .arg(dir.path().join("nope.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.csv"));
}
