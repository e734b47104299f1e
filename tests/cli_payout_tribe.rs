//! `rewardsim payout` on tribe block files (`kind = "tribe"`, the Hive-Engine `comments`
//! contract): the two examples against hand-computed numbers, the pool's conservation in
//! the written files, the app tax's overdraft, and bad input → exit 2 with nothing written.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

const WORKED: &str = "scenarios/blocks/tribe_worked_example.toml";
const PAL: &str = "scenarios/blocks/tribe_pal_example.toml";

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

/// Runs `payout BLOCK --out DIR` and expects success.
fn pay(block: &Path, dir: &Path) {
    rewardsim()
        .arg("payout")
        .arg(block)
        .arg("--out")
        .arg(dir)
        .assert()
        .success();
}

/// A CSV file as rows of (column → cell). No cell of these files holds a comma.
fn table(path: &Path) -> Vec<Vec<(String, String)>> {
    let text = fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    lines
        .map(|line| {
            header
                .iter()
                .cloned()
                .zip(line.split(',').map(str::to_string))
                .collect()
        })
        .collect()
}

fn cell<'a>(row: &'a [(String, String)], column: &str) -> &'a str {
    &row.iter()
        .find(|(c, _)| c == column)
        .unwrap_or_else(|| panic!("no column {column}"))
        .1
}

/// A token amount written with the pool's precision (3 in every file here) as token units.
fn units(row: &[(String, String)], column: &str) -> u128 {
    let text = cell(row, column);
    let (whole, fraction) = text.split_once('.').unwrap();
    assert_eq!(fraction.len(), 3, "{column} = {text}: exactly 3 decimals");
    whole.parse::<u128>().unwrap() * 1000 + fraction.parse::<u128>().unwrap()
}

/// The pool's bookkeeping, from the files alone: pool before + minted = pool after + Σ
/// deducted, and per post deducted + overdrawn = paid + withheld = Σ its payments +
/// withheld.
fn assert_conserved(dir: &Path) {
    let posts = table(&dir.join("posts.csv"));
    let payments = table(&dir.join("payments.csv"));
    let deducted: u128 = posts.iter().map(|p| units(p, "deducted")).sum();
    for post in &posts {
        assert_eq!(
            units(post, "reward_pool_before") + units(post, "minted"),
            units(post, "reward_pool_after") + deducted
        );
        assert_eq!(
            units(post, "reward_pool_before") + units(post, "minted"),
            units(post, "interval_reward_pool")
        );
        assert_eq!(
            units(post, "deducted") + units(post, "overdrawn"),
            units(post, "paid") + units(post, "withheld"),
            "{}",
            cell(post, "id")
        );
        assert_eq!(
            units(post, "deducted"),
            units(post, "curator_portion") + units(post, "author_bene_portion")
        );
        let paid: u128 = payments
            .iter()
            .filter(|p| cell(p, "post") == cell(post, "id"))
            .map(|p| units(p, "liquid") + units(p, "staked"))
            .sum();
        assert_eq!(paid, units(post, "paid"), "{}", cell(post, "id"));
    }
}

#[test]
fn the_worked_example_gives_the_first_voter_30_percent_of_the_curation_pot() {
    let dir = tempfile::tempdir().unwrap();
    rewardsim()
        .arg("payout")
        .arg(WORKED)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "reward_pool 99.625 + minted 0.375 = 100.000 → 0.000 after paying",
        ));
    // Q = 0 decays to 0, plus the post's claims 1100^1 = 1100: the post takes the whole
    // pool, 100.000. Curators 50%: 50.000.
    // Weights: √100 = 10 and √1100 − √100 = 33.1662479035 − 10 = 23.1662479035.
    // early: 50.000·10/33.1662479035 = 15.07556… → 15.075 (30.2% of the pot);
    //   staked: 15.075·50% = 7.5375 → 7.537 (3 decimals), liquid 7.538.
    // late: 50.000·23.1662479035/33.1662479035 = 34.92443… → 34.924 → 17.462 + 17.462.
    // author: 50.000 is "50" to bignumber.js (0 decimals): 25 staked, 25 liquid.
    assert_eq!(
        fs::read_to_string(dir.path().join("payments.csv")).unwrap(),
        "post,account,role,liquid,staked,curation_weight\n\
         worked-example,early,curator,7.538,7.537,10\n\
         worked-example,late,curator,17.462,17.462,23.1662479035\n\
         worked-example,author,author,25.000,25.000,\n"
    );
    let posts = table(&dir.path().join("posts.csv"));
    let post = &posts[0];
    assert_eq!(cell(post, "vote_rshare_sum"), "1100");
    assert_eq!(cell(post, "claims"), "1100");
    assert_eq!(cell(post, "curation_weight_total"), "33.1662479035");
    assert_eq!(cell(post, "interval_pending_claims"), "1100");
    assert_eq!(cell(post, "deducted"), "100.000");
    // 50.000 − 15.075 − 34.924 = 0.001 of truncation dust stays in the contract.
    assert_eq!(cell(post, "withheld"), "0.001");
    assert_eq!(cell(post, "reward_pool_after"), "0.000");
    assert_conserved(dir.path());
}

#[test]
fn the_pal_example_matches_hand_computed_payouts() {
    let dir = tempfile::tempdir().unwrap();
    pay(Path::new(PAL), dir.path());
    let posts = table(&dir.path().join("posts.csv"));
    let (photo, downvoted, declined) = (&posts[0], &posts[1], &posts[2]);
    // rshares = stake · weight · power: 50000 + 12000.5·0.5·0.8 + 800 = 55600.2.
    assert_eq!(cell(photo, "vote_rshare_sum"), "55600.2");
    // 55600.2 ** 1.05 in doubles = 96013.02911821268 → 96013.0291182127 (10 decimals).
    assert_eq!(cell(photo, "claims"), "96013.0291182127");
    // Q: 5000000 − 5000000·3/1296000 = 4999988.4259259259 (truncated), plus the window's
    // claims 96013.0291182127 + 2·2924.7011471139 (2000 ** 1.05, twice) = 5101850.8573383664.
    assert_eq!(cell(photo, "interval_pending_claims"), "5101850.8573383664");
    // 26952.699 · 96013.0291182127 / 5101850.8573383664 = 507.22969… → 507.229;
    // curators ⌊507.229·50%⌋ = 253.614, author side 253.615.
    assert_eq!(cell(photo, "deducted"), "507.229");
    assert_eq!(cell(photo, "curator_portion"), "253.614");
    // pal-downvoted: R = 3000 − 1000 = 2000 (S = 3000);
    // 26952.699 · 2924.7011471139 / 5101850.8573383664 = 15.45097… → 15.450.
    assert_eq!(cell(downvoted, "vote_rshare_sum"), "2000");
    assert_eq!(cell(downvoted, "vote_positive_rshare_sum"), "3000");
    assert_eq!(cell(downvoted, "deducted"), "15.450");
    // pal-declined: its claims are in Q, but it pays and deducts nothing.
    assert_eq!(cell(declined, "claims"), "2924.7011471139");
    assert_eq!(cell(declined, "deducted"), "0.000");
    // 26952.324 + 0.375 − 507.229 − 15.450 = 26430.020.
    assert_eq!(cell(photo, "reward_pool_after"), "26430.020");

    let payments = fs::read_to_string(dir.path().join("payments.csv")).unwrap();
    // whale: weight √50000 = 223.6067977499 of √55600.2 = 235.7969465451:
    // 253.614·223.6067977499/235.7969465451 = 240.50275… → 240.502 → 120.251 + 120.251.
    assert!(
        payments.contains("pal-photo,whale,curator,120.251,120.251,223.6067977499\n"),
        "{payments}"
    );
    // Beneficiary 10% of 253.615 = 25.3615 → 25.361: staked 12.6805 → 12.680, liquid 12.681;
    // author 253.615 − 25.361 = 228.254 → 114.127 + 114.127.
    assert!(
        payments.contains("pal-photo,pal-dev,beneficiary,12.681,12.680,\n"),
        "{payments}"
    );
    assert!(
        payments.contains("pal-photo,alice,author,114.127,114.127,\n"),
        "{payments}"
    );
    // The downvoter earns nothing; the declined post pays nobody.
    assert!(!payments.contains("grace"), "{payments}");
    assert!(!payments.contains("pal-declined"), "{payments}");
    assert_conserved(dir.path());
}

#[test]
fn every_tribe_example_conserves_the_pool() {
    let mut seen = 0;
    for entry in fs::read_dir("scenarios/blocks").unwrap() {
        let path = entry.unwrap().path();
        if !fs::read_to_string(&path)
            .unwrap()
            .contains("kind = \"tribe\"")
        {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        pay(&path, dir.path());
        assert_conserved(dir.path());
        seen += 1;
    }
    assert!(seen >= 2);
}

/// The worked example's file with `from` replaced by `to` (each must occur).
fn worked_with(edits: &[(&str, &str)]) -> String {
    let mut text = fs::read_to_string(WORKED).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn an_app_tax_without_beneficiaries_is_paid_on_top() {
    // App tax 20% to 'tax' for posts not made with 'palnet'. The post has no app: taxed.
    // Author side 50.000 → tax 10.000 (liquid); with no beneficiaries the contract still
    // pays the author all 50.000, so 10.000 is overdrawn.
    let dir = tempfile::tempdir().unwrap();
    let block = dir.path().join("tax.toml");
    let text = worked_with(&[(
        "ignore_decline_payout = false\n",
        "ignore_decline_payout = false\napp_tax_app = \"palnet\"\napp_tax_percent = 20\napp_tax_beneficiary = \"tax\"\n",
    )]);
    fs::write(&block, &text).unwrap();
    let out = dir.path().join("out");
    pay(&block, &out);
    let payments = fs::read_to_string(out.join("payments.csv")).unwrap();
    assert!(
        payments.contains("worked-example,tax,app_tax,10.000,0.000,\n"),
        "{payments}"
    );
    assert!(
        payments.contains("worked-example,author,author,25.000,25.000,\n"),
        "{payments}"
    );
    let posts = table(&out.join("posts.csv"));
    assert_eq!(cell(&posts[0], "overdrawn"), "10.000");
    assert_conserved(&out);

    // Made with PalNet (the app up to '/', lower-cased): no tax.
    let text = text.replace(
        "author = \"author\"\n",
        "author = \"author\"\napp = \"PalNet/2.0\"\n",
    );
    fs::write(&block, text).unwrap();
    pay(&block, &out);
    let payments = fs::read_to_string(out.join("payments.csv")).unwrap();
    assert!(!payments.contains("app_tax"), "{payments}");
}

/// Writes `text` as a block file, runs `payout` on it (with `extra` arguments) and expects
/// exit 2, every one of `expected` in standard error, and no output folder.
fn rejected_with(text: &str, extra: &[&str], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tribe.toml");
    fs::write(&file, text).unwrap();
    let out = dir.path().join("out");
    let output = rewardsim()
        .arg("payout")
        .arg(&file)
        .args(extra)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{text}\n{stderr}");
    assert!(stderr.contains("tribe.toml"), "{stderr}");
    for want in expected {
        assert!(stderr.contains(want), "{want:?} not in {stderr}");
    }
    assert!(!out.exists(), "nothing may be written for {text}");
}

fn rejected(edits: &[(&str, &str)], expected: &[&str]) {
    rejected_with(&worked_with(edits), &[], expected);
}

// Line numbers below are those of scenarios/blocks/tribe_worked_example.toml: kind on line
// 13, [pool] on 15 with its keys on 16–29, [state] on 31 (keys 32–34), [[post]] on 36, the
// first vote's table on 40 (voter 41, stake 42, weight 43).

#[test]
fn wrong_types_exit_2_naming_line_and_key() {
    rejected(
        &[("cashout_window_days = 7", "cashout_window_days = \"7\"")],
        &["line 20", "[pool]", "key 'cashout_window_days'", "1..=30"],
    );
    rejected(
        &[("disable_downvote = false", "disable_downvote = 0")],
        &["line 28", "key 'disable_downvote'", "true or false"],
    );
    rejected(
        &[("weight = 10000\n", "weight = \"full\"\n")],
        &[
            "line 43",
            "[[post.vote]] #1 of post 'worked-example'",
            "key 'weight'",
            "-10000..=10000",
        ],
    );
    // A TOML float is not exact: refused with a hint.
    rejected(
        &[(
            "reward_per_interval = \"0.375\"",
            "reward_per_interval = 0.375",
        )],
        &[
            "line 21",
            "key 'reward_per_interval'",
            "TOML floats are not exact",
        ],
    );
}

#[test]
fn out_of_range_values_exit_2_with_the_contracts_range() {
    rejected(
        &[(
            "curation_reward_curve_parameter = \"0.5\"",
            "curation_reward_curve_parameter = \"1.5\"",
        )],
        &[
            "line 18",
            "key 'curation_reward_curve_parameter' = \"1.5\"",
            "0.5..=1",
            "curationRewardCurveParameter",
        ],
    );
    rejected(
        &[("reward_interval_seconds = 3", "reward_interval_seconds = 4")],
        &["line 22", "key 'reward_interval_seconds'", "divisible by 3"],
    );
    rejected(
        &[("precision = 3", "precision = 9")],
        &["line 16", "key 'precision'", "0..=8"],
    );
    rejected(
        &[(
            "reward_per_interval = \"0.375\"",
            "reward_per_interval = \"0\"",
        )],
        &["line 21", "key 'reward_per_interval'", "more than 0"],
    );
    rejected(
        &[("weight = 10000\n", "weight = 10001\n")],
        &["line 43", "key 'weight'"],
    );
    rejected(
        &[("stake = \"100\"", "stake = \"100\"\nvoting_power = 10001")],
        &["line 43", "key 'voting_power'", "0..=10000"],
    );
}

#[test]
fn unknown_keys_exit_2_with_a_suggestion() {
    rejected(
        &[(
            "curation_reward_percentage = 50",
            "curation_reward_percent = 50",
        )],
        &[
            "line 19",
            "unknown key 'curation_reward_percent'",
            "did you mean 'curation_reward_percentage'",
        ],
    );
    rejected(
        &[("pending_claims = \"0\"", "pending_claim = \"0\"")],
        &["line 33", "[state]", "did you mean 'pending_claims'"],
    );
    rejected(
        &[("stake = \"100\"", "stak = \"100\"")],
        &["line 42", "did you mean 'stake'"],
    );
    rejected(
        &[("kind = \"tribe\"", "kind = \"trbe\"")],
        &["line 13", "key 'kind'", "did you mean 'tribe'"],
    );
}

#[test]
fn missing_keys_exit_2() {
    rejected(
        &[("staked_reward_percentage = 50\n", "")],
        &[
            "line 15",
            "[pool]",
            "missing key 'staked_reward_percentage'",
            "0..=100",
        ],
    );
    rejected(
        &[("last_reward_timestamp = 1700000000000\n", "")],
        &[
            "line 31",
            "missing key 'last_reward_timestamp'",
            "milliseconds",
        ],
    );
    rejected(
        &[("author = \"author\"\n", "")],
        &["[[post]] #1", "missing key 'author'"],
    );
    // Part of an app tax, or of a reward reduction, is not enough.
    rejected(
        &[(
            "ignore_decline_payout = false\n",
            "ignore_decline_payout = false\napp_tax_percent = 5\n",
        )],
        &["line 30", "missing key 'app_tax_app'"],
    );
    rejected(
        &[(
            "reward_interval_seconds = 3\n",
            "reward_interval_seconds = 3\nreward_reduction_percentage = \"1\"\n",
        )],
        &[
            "line 23",
            "key 'reward_reduction_percentage'",
            "reward_reduction_interval_seconds",
        ],
    );
    rejected(
        &[("reward_interval_seconds = 3\n", "reward_interval_seconds = 3\nreward_reduction_interval_seconds = 3\nreward_reduction_percentage = \"1\"\n")],
        &["missing key 'last_reward_reduction_timestamp'"],
    );
    // Without kind = "tribe", the tribe tables are pointed out.
    rejected(
        &[("kind = \"tribe\"\n", "")],
        &[
            "line 14",
            "[pool] is a table of tribe block files",
            "kind = \"tribe\"",
        ],
    );
}

#[test]
fn malformed_decimals_exit_2() {
    for (value, line) in [
        ("\"1,000\"", "line 42"),
        ("\"1.\"", "line 42"),
        ("\"-5\"", "line 42"),
        ("\"1e3\"", "line 42"),
        ("\"0.0005\"", "line 42"),
    ] {
        rejected(
            &[("stake = \"100\"", &format!("stake = {value}"))],
            &[line, "key 'stake'", "at most 3 decimals"],
        );
    }
    rejected(
        &[(
            "pending_claims = \"0\"",
            "pending_claims = \"0.00000000001\"",
        )],
        &["line 33", "key 'pending_claims'", "at most 10 decimals"],
    );
    rejected(
        &[("reward_pool = \"99.625\"", "reward_pool = \"99.62.5\"")],
        &["line 32", "key 'reward_pool'"],
    );
}

#[test]
fn era_flag_is_refused_for_tribe_files() {
    rejected_with(
        &worked_with(&[]),
        &["--era", "steem_hf21"],
        &["--era steem_hf21 applies to Steem/Hive block files"],
    );
}

#[test]
fn existing_outputs_are_replaced_only_if_ours_or_forced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("payments.csv"), "my,own\n").unwrap();
    rewardsim()
        .arg("payout")
        .arg(WORKED)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("payments.csv").and(predicate::str::contains("--force")));
    assert!(!dir.path().join("posts.csv").exists());
    assert_eq!(
        fs::read_to_string(dir.path().join("payments.csv")).unwrap(),
        "my,own\n"
    );
    // A Steem/Hive posts.csv is not this command's tribe output either.
    let steem = tempfile::tempdir().unwrap();
    pay(
        Path::new("scenarios/blocks/two_equal_votes_sqrt.toml"),
        steem.path(),
    );
    rewardsim()
        .arg("payout")
        .arg(WORKED)
        .arg("--out")
        .arg(steem.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("posts.csv"));
    assert!(!steem.path().join("payments.csv").exists());
    // --force replaces; then a second run replaces its own output without it.
    rewardsim()
        .arg("payout")
        .arg(WORKED)
        .arg("--out")
        .arg(dir.path())
        .arg("--force")
        .assert()
        .success();
    pay(Path::new(WORKED), dir.path());
    assert_conserved(dir.path());
}

#[test]
fn a_due_reward_reduction_cuts_this_intervals_mint() {
    // 12.5% every 3 s, last cut at the window's start: due at its end (T + 3 s ≥ T + 3 s).
    // 0.375 − ⌊0.375·12.5%⌋ = 0.375 − 0.046 = 0.329 minted; the only post takes it all.
    let dir = tempfile::tempdir().unwrap();
    let block = dir.path().join("cut.toml");
    fs::write(
        &block,
        worked_with(&[
            (
                "reward_interval_seconds = 3\n",
                "reward_interval_seconds = 3\nreward_reduction_interval_seconds = 3\nreward_reduction_percentage = \"12.5\"\n",
            ),
            (
                "last_reward_timestamp = 1700000000000\n",
                "last_reward_timestamp = 1700000000000\nlast_reward_reduction_timestamp = 1700000000000\n",
            ),
        ]),
    )
    .unwrap();
    let out = dir.path().join("out");
    pay(&block, &out);
    let posts = table(&out.join("posts.csv"));
    assert_eq!(cell(&posts[0], "minted"), "0.329");
    assert_eq!(cell(&posts[0], "deducted"), "99.954");
    assert_conserved(&out);
}
