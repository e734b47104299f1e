//! CLI tests of `rewardsim eval vote`: hand-checked rows per era, rejections, output
//! destinations and bad input (exit 2, file/line/column named, no output file).
//!
//! Expected values are worked out from the chain code (`hf20_vote_evaluator`,
//! `pre_hf20_vote_evaluator`), with E = 10^12 VESTS satoshis (1 000 000 VESTS) unless noted:
//! a full vote costs ⌈E·86400/(10·432000)⌉ = E/50 = 2·10^10 mana and gives 2·10^10 − 5·10^7
//! rshares from HF20; pre-HF20 it costs ⌈10000·86400/(ρ·432000)⌉ = 200 (ρ = 10) or 50
//! (ρ = 40) basis points of power and gives ⌊E·used/10000⌋ rshares.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const MANA_HEADER: &str =
    "era,effective_vests,voting_mana_before,downvote_mana_before,elapsed_seconds,weight,seconds_to_cashout";
const POWER_HEADER: &str =
    "era,effective_vests,voting_power_before,elapsed_seconds,weight,seconds_to_cashout";

fn write_input(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("in.csv");
    fs::write(&path, text).unwrap();
    path
}

/// Runs `eval vote` on `text` and returns standard output.
fn eval_ok(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path(), text);
    let out = Command::cargo_bin("rewardsim")
        .unwrap()
        .args(["eval", "vote", "--input"])
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The output cells after the input cells for each data row.
fn answers(text: &str, input_columns: usize) -> Vec<String> {
    eval_ok(text)
        .lines()
        .skip(1)
        .map(|line| {
            line.split(',')
                .skip(input_columns)
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect()
}

#[test]
fn a_hand_checked_row_per_manabar_era() {
    let rows = [
        // Full vote, full mana: 2% used, dust subtracted.
        (
            "steem_hf20,1000000000000,1000000000000,,3,10000,604800",
            "20000000000,19950000000,980000000000,,ok",
        ),
        (
            "steem_hf21,1000000000000,1000000000000,250000000000,3,10000,604800",
            "20000000000,19950000000,980000000000,250000000000,ok",
        ),
        (
            "hive_hf25,1000000000000,1000000000000,250000000000,3,10000,604800",
            "20000000000,19950000000,980000000000,250000000000,ok",
        ),
        // HF28: strength from E, so half-full mana still spends E/50; no 3 s interval.
        (
            "hive_hf28,1000000000000,500000000000,250000000000,0,10000,604800",
            "20000000000,19950000000,480000000000,250000000000,ok",
        ),
        // Hive HF25 at half mana, 1%: c = 5·10^11 + ⌊10^12·3/432000⌋ = 500 006 944 444,
        // used ⌈c/5000⌉ = 100 001 389; c_d = 1.25·10^11 + 1 736 111.
        (
            "hive_hf25,1000000000000,500000000000,125000000000,3,100,604800",
            "100001389,50001389,499906943055,125001736111,ok",
        ),
    ];
    let text: String = std::iter::once(MANA_HEADER.to_string())
        .chain(rows.iter().map(|(row, _)| row.to_string()))
        .map(|line| line + "\n")
        .collect();
    let got = answers(&text, 7);
    for ((row, want), got) in rows.iter().zip(&got) {
        assert_eq!(got, want, "{row}");
    }
}

#[test]
fn a_hand_checked_row_per_voting_power_era() {
    let text = format!(
        "{POWER_HEADER}\n\
         steem_hf17,1000000000000,10000,3,10000,604800\n\
         steem_hf19,1000000000000,10000,3,10000,604800\n\
         steem_hf19,1000000000000,5000,43200,10000,604800\n"
    );
    // HF17 0.5%, HF19 2%; half a day regenerates 1000: 6000 → ⌈6000·86400/4320000⌉ = 120.
    assert_eq!(
        answers(&text, 6),
        [
            "50,5000000000,9950,ok",
            "200,20000000000,9800,ok",
            "120,12000000000,5880,ok"
        ]
    );
}

#[test]
fn downvotes_use_the_pool_first_then_voting_mana() {
    let text = format!(
        "{MANA_HEADER}\n\
         steem_hf21,1000000000000,1000000000000,250000000000,3,-10000,604800\n\
         steem_hf21,1000000000000,1000000000000,10000000000,3,-10000,604800\n\
         steem_hf20,1000000000000,1000000000000,0,3,-10000,604800\n"
    );
    // 1: max(4·c_d, c) = 10^12 → 2·10^10 from the pool. 2: the pool regenerates to
    // 10 001 736 111 and the remaining 9 998 263 889 comes from voting mana.
    // 3: no pool in HF20: voting mana pays, the downvote bar is echoed.
    assert_eq!(
        answers(&text, 7),
        [
            "20000000000,-19950000000,1000000000000,230000000000,ok",
            "20000000000,-19950000000,990001736111,0,ok",
            "20000000000,-19950000000,980000000000,0,ok"
        ]
    );
}

#[test]
fn late_votes_are_reduced_linearly() {
    let text = format!(
        "{MANA_HEADER}\n\
         steem_hf21,1000000000000,1000000000000,250000000000,3,10000,21600\n\
         steem_hf21,1000000000000,1000000000000,250000000000,3,-10000,1\n"
    );
    // ⌊19 950 000 000·21600/43200⌋ and ⌊19 950 000 000·1/43200⌋; the mana is spent in full.
    assert_eq!(
        answers(&text, 7),
        [
            "20000000000,9975000000,980000000000,250000000000,ok",
            "20000000000,-461805,1000000000000,230000000000,ok"
        ]
    );
}

#[test]
fn every_rejection_status() {
    let text = format!(
        "{MANA_HEADER},voting_power_before\n\
         steem_hf21,1000000000000,1000000000000,250000000000,3,10000,0,\n\
         steem_hf21,1000000000000,1000000000000,250000000000,2,10000,604800,\n\
         steem_hf21,1000000000000,1000000000000,250000000000,3,0,604800,\n\
         steem_hf20,1000000000000,-10000000,,3,10000,604800,\n\
         steem_hf19,1000000000000,,,3,10000,604800,0\n\
         hive_hf28,1000000000000,1000000000,0,3,10000,604800,\n\
         steem_hf21,0,0,0,3,-10000,604800,\n\
         steem_hf19,2500000000,,,3,10000,604800,10000\n\
         steem_hf19,1000000000000,,,3,10000,43200,10000\n\
         steem_hf19,1000000000000,,,3,10000,43201,10000\n"
    );
    let statuses: Vec<String> = eval_ok(&text)
        .lines()
        .skip(1)
        .map(|line| line.rsplit(',').next().unwrap().to_string())
        .collect();
    assert_eq!(
        statuses,
        [
            "rejected_cashout",
            "rejected_min_interval",
            "rejected_zero_weight",
            // −10^7 + 6 944 444 regenerated is floored to 0; steem_hf20 needs mana > 0.
            "rejected_no_mana",
            "rejected_no_mana",
            // HF28 costs E/50 = 2·10^10 > 1 006 944 444.
            "rejected_insufficient_mana",
            // A downvote needs voting + downvote mana > used: 0 > 0 fails.
            "rejected_insufficient_mana",
            // ⌊2.5·10^9·200/10000⌋ = 5·10^7 is not above the threshold.
            "rejected_dust",
            "rejected_lockout",
            "ok"
        ]
    );
}

#[test]
fn mixed_files_fill_each_rows_columns_and_pass_extra_columns_through() {
    let text =
        "note,era,effective_vests,voting_mana_before,downvote_mana_before,voting_power_before,\
                elapsed_seconds,weight,seconds_to_cashout\n\
                a,steem_hf21,1000000000000,1000000000000,250000000000,,3,10000,604800\n\
                b,steem_hf17,1000000000000,,,10000,3,10000,604800\n\
                c,steem_hf21,1000000000000,1000000000000,250000000000,,3,0,604800\n";
    let out = eval_ok(text);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].ends_with(
        "seconds_to_cashout,used_mana,rshares,voting_mana_after,downvote_mana_after,\
         voting_power_after,status"
    ));
    assert!(
        lines[1].starts_with("a,")
            && lines[1].ends_with(",20000000000,19950000000,980000000000,250000000000,,ok")
    );
    assert!(lines[2].starts_with("b,") && lines[2].ends_with(",50,5000000000,,,9950,ok"));
    assert!(lines[3].ends_with(",,,,,,rejected_zero_weight"));
}

#[test]
fn output_file_matches_stdout() {
    let text = format!(
        "{MANA_HEADER}\nsteem_hf21,1000000000000,1000000000000,250000000000,3,10000,604800\n"
    );
    let stdout = eval_ok(&text);
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path(), &text);
    let output = dir.path().join("out.csv");
    for _ in 0..2 {
        // The second run replaces its own earlier output without --force.
        Command::cargo_bin("rewardsim")
            .unwrap()
            .args(["eval", "vote", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(&output)
            .assert()
            .success()
            .stdout("");
        assert_eq!(fs::read_to_string(&output).unwrap(), stdout);
    }
    // Another file is only replaced with --force.
    fs::write(&output, "something else\n").unwrap();
    let run = || {
        let mut cmd = Command::cargo_bin("rewardsim").unwrap();
        cmd.args(["eval", "vote", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(&output);
        cmd
    };
    run()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(fs::read_to_string(&output).unwrap(), "something else\n");
    run().arg("--force").assert().success();
    assert_eq!(fs::read_to_string(&output).unwrap(), stdout);
}

/// Runs `eval vote --output` on bad `text`: exit 2, a message containing every one of
/// `wanted`, and no output file.
fn assert_bad_input(text: &str, wanted: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path(), text);
    let output = dir.path().join("out.csv");
    let assert = Command::cargo_bin("rewardsim")
        .unwrap()
        .args(["eval", "vote", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("in.csv"), "{stderr}");
    for want in wanted {
        assert!(stderr.contains(want), "missing {want:?} in: {stderr}");
    }
    assert!(!output.exists(), "output written for bad input");
}

#[test]
fn bad_input_exits_2_naming_file_line_and_column() {
    let good = "steem_hf21,1000000000000,1000000000000,250000000000,3,10000,604800";
    // Unknown era, after a good row: nothing is written.
    assert_bad_input(
        &format!("{MANA_HEADER}\n{good}\nsteem_hf2l,1,1,1,3,1,1\n"),
        &[
            "line 3, column 'era'",
            "did you mean 'steem_hf21'",
            "hive_hf28",
        ],
    );
    // Missing column.
    assert_bad_input(
        "era,effective_vests,voting_mana_before,downvote_mana_before,elapsed_seconds,weight\n",
        &["missing column 'seconds_to_cashout'"],
    );
    assert_bad_input(
        "era,effective_vests,elapsed_seconds,weight,seconds_to_cashout\n",
        &["missing column 'voting_mana_before'", "voting_power_before"],
    );
    // A pre-HF20 row in a file without voting_power_before.
    assert_bad_input(
        &format!("{MANA_HEADER}\nsteem_hf19,1,1,1,3,1,604800\n"),
        &["line 2", "'voting_power_before'"],
    );
    // Empty cell the era needs.
    assert_bad_input(
        &format!("{MANA_HEADER}\nsteem_hf21,1,1,,3,1,604800\n"),
        &["line 2, column 'downvote_mana_before'"],
    );
    // Non-integer.
    assert_bad_input(
        &format!("{MANA_HEADER}\nsteem_hf21,1.5,1,1,3,1,604800\n"),
        &[
            "line 2, column 'effective_vests'",
            "'1.5' is not allowed",
            "an integer in 0..=",
        ],
    );
    // Out-of-range weight.
    assert_bad_input(
        &format!("{MANA_HEADER}\nsteem_hf21,1,1,1,3,-10001,604800\n"),
        &["line 2, column 'weight'", "-10000..=10000"],
    );
    // Malformed row.
    assert_bad_input(
        &format!("{MANA_HEADER}\n{good}\n{good},7\n"),
        &["line 3", "malformed CSV", "8 fields where the header has 7"],
    );
    // An output column given as input.
    assert_bad_input(
        &format!("{MANA_HEADER},rshares\n{good},1\n"),
        &["line 1", "column 'rshares'"],
    );
}
