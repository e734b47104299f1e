//! `rewardsim payout` end to end: hand-checked payouts, `--era` re-pricing, and bad block
//! files → exit 2 with nothing written.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

const TWO_EQUAL: &str = "scenarios/blocks/two_equal_votes_sqrt.toml";

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// posts.csv as (column → value) for the first post.
fn first_post(dir: &Path) -> Vec<(String, String)> {
    let rows = csv_rows(&dir.join("posts.csv"));
    rows[0]
        .iter()
        .cloned()
        .zip(rows[1].iter().cloned())
        .collect()
}

fn value(post: &[(String, String)], column: &str) -> i128 {
    post.iter()
        .find(|(c, _)| c == column)
        .unwrap()
        .1
        .parse()
        .unwrap()
}

#[test]
fn two_equal_votes_pay_70_and_29_percent() {
    let dir = tempfile::tempdir().unwrap();
    rewardsim()
        .arg("payout")
        .arg(TWO_EQUAL)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("era steem_hf20"));
    // recent_claims 3·2X + 2X → reward = 1 000 000 / 4; 25% curation = 62 500;
    // ⌊62500·1265664/1789952⌋ = 44193, ⌊62500·524288/1789952⌋ = 18306, 1 back to the fund.
    assert_eq!(
        fs::read_to_string(dir.path().join("curators.csv")).unwrap(),
        "post,voter,rshares,vote_weight,curation_claim\n\
         equal,alice,1554778161152,1265664,44193\n\
         equal,bob,1554778161152,524288,18306\n"
    );
    let post = first_post(dir.path());
    assert_eq!(value(&post, "reward"), 250_000);
    assert_eq!(value(&post, "curation_paid"), 62_499);
    assert_eq!(value(&post, "curation_unclaimed"), 1);
    assert_eq!(value(&post, "claimed_reward"), 249_999);
    assert_eq!(value(&post, "reward_balance_after_block"), 750_001);
    // 187500 author tokens: 93750 → SBD at 0.5 = 46875, 93750 vested.
    assert_eq!(value(&post, "author_sbd"), 46_875);
    assert_eq!(value(&post, "author_vesting_steem"), 93_750);
    assert_eq!(
        value(&post, "recent_claims_after_adding"),
        4 * 3_109_556_322_304
    );
}

#[test]
fn era_flag_reprices_the_same_votes() {
    let dir = tempfile::tempdir().unwrap();
    rewardsim()
        .arg("payout")
        .arg(TWO_EQUAL)
        .args(["--era", "steem_hf19", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("era steem_hf19"));
    // HF19: 1800 s auction halves both weights at 900 s; the unclaimed half goes to the author.
    let curators = fs::read_to_string(dir.path().join("curators.csv")).unwrap();
    assert!(
        curators.contains("equal,alice,1554778161152,632832,22096\n"),
        "{curators}"
    );
    assert!(
        curators.contains("equal,bob,1554778161152,262144,9153\n"),
        "{curators}"
    );
    let post = first_post(dir.path());
    assert_eq!(value(&post, "curation_unclaimed"), 31_251);
    assert_eq!(value(&post, "author_tokens_gross"), 218_751);
    assert_eq!(value(&post, "returned_to_fund"), 0);
    assert_eq!(value(&post, "reward_balance_after_block"), 750_000);
}

#[test]
fn every_example_block_runs_and_balances() {
    for entry in fs::read_dir("scenarios/blocks").unwrap() {
        let path = entry.unwrap().path();
        if fs::read_to_string(&path)
            .unwrap()
            .contains("kind = \"tribe\"")
        {
            continue; // tribe pools have other columns: tests/cli_payout_tribe.rs
        }
        let dir = tempfile::tempdir().unwrap();
        rewardsim()
            .arg("payout")
            .arg(&path)
            .arg("--out")
            .arg(dir.path())
            .assert()
            .success();
        let rows = csv_rows(&dir.path().join("posts.csv"));
        for row in &rows[1..] {
            let post: Vec<(String, String)> =
                rows[0].iter().cloned().zip(row.iter().cloned()).collect();
            assert_eq!(
                value(&post, "author_tokens_net")
                    + value(&post, "curation_paid")
                    + value(&post, "beneficiary_tokens_total")
                    + value(&post, "returned_to_fund"),
                value(&post, "reward"),
                "{}",
                path.display()
            );
        }
    }
}

fn rejected(block: &str, expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("block.toml");
    fs::write(&file, block).unwrap();
    let out = dir.path().join("out");
    let output = rewardsim()
        .arg("payout")
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{block}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for text in expected {
        assert!(stderr.contains(text), "{text:?} not in {stderr}");
    }
    assert!(!out.exists(), "nothing may be written for {block}");
}

const GOOD_FUND: &str = "[fund]\nreward_balance = 1000\nrecent_claims = 100\n";

#[test]
fn bad_block_files_exit_2_and_write_nothing() {
    rejected(
        &format!("era = \"steem_hf21\"\npercent_curation_reward = 1\n{GOOD_FUND}"),
        &[
            "line 2",
            "unknown key 'percent_curation_reward'",
            "did you mean 'percent_curation_rewards'",
        ],
    );
    rejected(
        &format!("era = \"steem_hf21\"\n{GOOD_FUND}[[post]]\nid = \"p\"\n[[post.vote]]\nvoter = \"a\"\nrshare = 5\n"),
        &["line 9", "[[post.vote]] #1 of post 'p'", "did you mean 'rshares'"],
    );
    rejected(
        &format!(
            "era = \"steem_hf21\"\n{GOOD_FUND}[[post]]\nid = \"p\"\nreward_weight = \"full\"\n"
        ),
        &["line 7", "key 'reward_weight'", "0..=10000"],
    );
    rejected(
        &format!("era = \"steem_hf21\"\n{GOOD_FUND}[[post]]\nid = \"p\"\npercent_steem_dollars = 10001\n"),
        &["line 7", "key 'percent_steem_dollars'", "0..=10000"],
    );
    rejected(
        &format!("era = \"steem_hf21\"\npercent_curation_rewards = 20000\n{GOOD_FUND}"),
        &["line 2", "percent_curation_rewards"],
    );
    rejected(
        &format!("era = \"steem_hf21\"\npercent_curation_rewards = \"half\"\n{GOOD_FUND}"),
        &["line 2", "key 'percent_curation_rewards'"],
    );
    rejected(
        &format!("era = \"steem_hf2\"\n{GOOD_FUND}"),
        &["line 1", "key 'era'", "did you mean"],
    );
    rejected(
        &format!("era = \"steem_hf21\"\n{GOOD_FUND}[[post]]\nid = \"p\"\n[[post]]\nid = \"p\"\n"),
        &["line 8", "[[post]] #2", "key 'id'"],
    );
    rejected(
        &format!("era = \"steem_hf21\"\n{GOOD_FUND}[[post]]\nid = \"p\"\n[[post.vote]]\nvoter = \"a\"\nrshares = 5\nseconds_since_created = 1\n[[post.vote]]\nvoter = \"a\"\nrshares = 5\nseconds_since_created = 1\n"),
        &["line 12", "key 'voter'"],
    );
    rejected(
        &format!("era = \"steem_hf21\"\n{GOOD_FUND}[[post]]\nid = \"p\"\n[[post.beneficiary]]\naccount = \"a\"\nweight = 6000\n[[post.beneficiary]]\naccount = \"b\"\nweight = 5000\n"),
        &["line 12", "key 'weight'", "at most 10000"],
    );
    rejected(
        // convergent_linear claims of 1 rshare are 0, so recent_claims stays 0 after adding
        // the block's claims and the chain's assert in get_rshare_reward fails.
        "era = \"steem_hf21\"\n[fund]\nreward_balance = 1000\nrecent_claims = 0\n[[post]]\nid = \"p\"\n[[post.vote]]\nvoter = \"a\"\nrshares = 1\nseconds_since_created = 1\n",
        &["post 'p'", "recent_claims is 0 after adding"],
    );
    rejected(
        "era = \"steem_hf21\"\n[fund]\nreward_balance = 1000\nrecent_claims = -4\n",
        &["line 4", "key 'recent_claims'", "2^128-1"],
    );
    rejected(
        "era = \"steem_hf21\"\n[fund]\nreward_balance = 1000\nrecent_claims = 1\nprice = [0, 1000]\n",
        &["line 5", "key 'price'", "two integers ≥ 1"],
    );
    rejected("era = \"steem_hf21\"\n[fund\n", &["line 2"]);
    rejected("era = \"steem_hf21\"\n", &["missing table [fund]"]);
}

#[test]
fn missing_block_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    rewardsim()
        .arg("payout")
        .arg(dir.path().join("none.toml"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("none.toml"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn refuses_to_replace_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("curators.csv"), "my,own\n").unwrap();
    rewardsim()
        .arg("payout")
        .arg(TWO_EQUAL)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .code(2);
    assert!(!dir.path().join("posts.csv").exists());
    assert_eq!(
        fs::read_to_string(dir.path().join("curators.csv")).unwrap(),
        "my,own\n"
    );
}

#[test]
fn empty_recent_claims_let_the_only_post_take_the_whole_balance() {
    // As on chain: the snapshot adds the post's claims before paying, so with recent_claims
    // 0 the post's share is claims / claims of the balance.
    let dir = tempfile::tempdir().unwrap();
    let block = dir.path().join("block.toml");
    std::fs::write(
        &block,
        "era = \"hive_hf25\"\n[fund]\nreward_balance = 1000\nrecent_claims = 0\n[[post]]\nid = \"p\"\n[[post.vote]]\nvoter = \"a\"\nrshares = 5000000000000\nseconds_since_created = 100\n",
    )
    .unwrap();
    Command::cargo_bin("rewardsim")
        .unwrap()
        .arg("payout")
        .arg(&block)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    let posts = std::fs::read_to_string(dir.path().join("posts.csv")).unwrap();
    let header: Vec<&str> = posts.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = posts.lines().nth(1).unwrap().split(',').collect();
    let reward = row[header.iter().position(|c| *c == "reward").unwrap()];
    assert_eq!(reward, "1000", "{posts}");
}
