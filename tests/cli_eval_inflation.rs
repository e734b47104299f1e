//! CLI tests of `rewardsim eval inflation`: hand-checked rows (process_funds arithmetic
//! worked out in comments), standard output and --output, and bad input (exit 2, message
//! naming file, line and column, no output file).

use assert_cmd::Command;
use predicates::str::contains;

const HEADER: &str =
    "head_block_num,virtual_supply,content_reward_percent,vesting_reward_percent,sps_fund_percent";

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

/// Block 7,000,000: rate 978 − 28 = 950; 4e11 · 950 / 1.0512e11 = 3614 (floor);
/// 65/15/10% → 2349, 542, 361; witness residual 3614 − 3252 = 362.
/// Block 220,750,000: rate max(978 − 883, 95) = 95; 1e12 · 95 / 1.0512e11 = 903;
/// 75/15/0% → 677, 135, 0; residual 91. The `note` column passes through.
const INPUT: &str = "note,head_block_num,virtual_supply,content_reward_percent,vesting_reward_percent,sps_fund_percent
hf21,7000000,400000000000,6500,1500,1000
floor,220750000,1000000000000,7500,1500,0
";
const EXPECTED: &str = "note,head_block_num,virtual_supply,content_reward_percent,vesting_reward_percent,sps_fund_percent,current_inflation_rate,new_steem,content_reward,vesting_reward,sps_fund,witness_reward
hf21,7000000,400000000000,6500,1500,1000,950,3614,2349,542,361,362
floor,220750000,1000000000000,7500,1500,0,95,903,677,135,0,91
";

#[test]
fn writes_hand_checked_rows_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, INPUT).unwrap();
    rewardsim()
        .args(["eval", "inflation", "--input"])
        .arg(&input)
        .assert()
        .success()
        .stdout(EXPECTED);
}

#[test]
fn writes_the_same_table_to_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.csv"), dir.path().join("out.csv"));
    std::fs::write(&input, INPUT).unwrap();
    rewardsim()
        .args(["eval", "inflation", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&output).unwrap(), EXPECTED);
}

#[test]
fn bad_input_exits_2_naming_line_and_column_and_writes_nothing() {
    let cases = [
        ("0,1000,6500,1500,2001", "line 3, column 'sps_fund_percent'"),
        ("0,-5,6500,1500,1000", "line 3, column 'virtual_supply'"),
        ("0,12.5,6500,1500,1000", "line 3, column 'virtual_supply'"),
        ("x,1000,6500,1500,1000", "line 3, column 'head_block_num'"),
        // (2^63 − 1) / 978 + 1: virtual_supply · rate overflows the chain's int64.
        (
            "0,9430850753430242,6500,1500,1000",
            "line 3, column 'virtual_supply'",
        ),
    ];
    for (bad_row, location) in cases {
        let dir = tempfile::tempdir().unwrap();
        let (input, output) = (dir.path().join("in.csv"), dir.path().join("out.csv"));
        std::fs::write(
            &input,
            format!("{HEADER}\n0,1000,6500,1500,1000\n{bad_row}\n"),
        )
        .unwrap();
        rewardsim()
            .args(["eval", "inflation", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(&output)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains("in.csv"))
            .stderr(contains(location))
            .stderr(contains("expected"));
        assert!(!output.exists(), "{bad_row}: output file was created");
    }
}

#[test]
fn missing_column_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, "head_block_num,virtual_supply\n1,2\n").unwrap();
    rewardsim()
        .args(["eval", "inflation", "--input"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(contains("missing column 'content_reward_percent'"));
}
