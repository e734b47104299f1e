//! The `eval vote` calculator: the mana and rshares of one vote per row, as the chain's
//! vote evaluator computes them ([`crate::mechanics::vote::cast_vote`]).
//!
//! Input columns (extra columns pass through unchanged):
//! * `era`: one of [`Era::ALL`]'s names;
//! * `effective_vests`: the voter's effective vesting shares E, VESTS satoshis, 0..=2^63−1;
//! * HF20+ eras: `voting_mana_before` and `downvote_mana_before`, the stored
//!   `current_mana` of each bar before regeneration, VESTS satoshis (any i64). `steem_hf20`
//!   has no downvote pool: its `downvote_mana_before` may be empty and is echoed unchanged;
//! * pre-HF20 eras: `voting_power_before`, the stored voting power before regeneration,
//!   basis points 0..=10000;
//! * `elapsed_seconds`: now − the bars' last update, 0..=2^32−1. It is also taken as the
//!   time since the voter's last vote (the chain's 3-second interval check);
//! * `weight`: −10000..=10000 basis points, negative for downvotes;
//! * `seconds_to_cashout`: the comment's cashout_time − now, −(2^32−1)..=2^32−1.
//!
//! Output columns, decided by the header: `used_mana,rshares`, then
//! `voting_mana_after,downvote_mana_after` if the header has `voting_mana_before`, then
//! `voting_power_after` if it has `voting_power_before`, then `status`. A row fills the
//! columns of its era's model and leaves the others empty. Pre-HF20 rows write the voting
//! power spent (basis points) as `used_mana`.
//!
//! `status` is `ok` or the chain assert that rejected the vote (all other outputs empty):
//! * `rejected_cashout`: HF20+, seconds_to_cashout ≤ 0 ("Comment is actively being
//!   rewarded"); pre-HF20 eras have no such check, so only upvotes are refused there
//!   (by the lockout);
//! * `rejected_min_interval`: elapsed_seconds < 3 ("Can only vote once every 3 seconds";
//!   every era but hive_hf28);
//! * `rejected_zero_weight`: weight 0 ("Vote weight cannot be 0");
//! * `rejected_no_mana`: pre-HF20 voting power ≤ 0 after regeneration; steem_hf20 voting
//!   mana ≤ 0 after regeneration;
//! * `rejected_insufficient_mana`: the vote costs more than the voter has (upvote: voting
//!   mana < used; pool downvote: voting + downvote mana ≤ used);
//! * `rejected_dust`: pre-HF20 rshares ≤ 50 000 000;
//! * `rejected_lockout`: pre-HF20 upvote with seconds_to_cashout ≤ 43200;
//! * only possible with rules other than the eras' own, never in this calculator:
//!   `rejected_weight_out_of_range`, `rejected_negative_effective_vests`,
//!   `rejected_zero_vote_denominator`, `rejected_mana_overflow`, `rejected_zero_rshares`
//!   (out-of-range weights and stakes are input errors here).

use super::table::{InputTable, OutputTable, Row};
use super::CalcError;
use crate::mechanics::era::{Era, Rules, VotingModel};
use crate::mechanics::vote::{cast_vote, VoteInput};
use crate::suggest::did_you_mean;

/// Columns every row needs.
pub const REQUIRED_COLUMNS: [&str; 5] = [
    "era",
    "effective_vests",
    "elapsed_seconds",
    "weight",
    "seconds_to_cashout",
];
/// Every column this calculator can write, in output order.
pub const OUTPUT_COLUMNS: [&str; 6] = [
    "used_mana",
    "rshares",
    "voting_mana_after",
    "downvote_mana_after",
    "voting_power_after",
    "status",
];

const VOTING_MANA: &str = "voting_mana_before";
const DOWNVOTE_MANA: &str = "downvote_mana_before";
const VOTING_POWER: &str = "voting_power_before";
const MAX_CASHOUT_DELTA: i64 = u32::MAX as i64;

/// Evaluates every row of `input`; see the module doc for the columns and statuses.
pub fn evaluate(input: &InputTable) -> Result<OutputTable, CalcError> {
    input.forbid(&OUTPUT_COLUMNS)?;
    input.require(&REQUIRED_COLUMNS)?;
    let with_mana = input.has(VOTING_MANA);
    let with_power = input.has(VOTING_POWER);
    if !with_mana && !with_power {
        return Err(missing_bar_column(input));
    }
    let mut columns = vec!["used_mana", "rshares"];
    if with_mana {
        columns.extend(["voting_mana_after", "downvote_mana_after"]);
    }
    if with_power {
        columns.push("voting_power_after");
    }
    columns.push("status");

    let mut output = OutputTable::extending(input, &columns);
    for row in input.rows() {
        let outputs = evaluate_row(&row, with_mana, with_power)?;
        output.push(row.cells(), outputs);
    }
    Ok(output)
}

/// The output cells of one row, in the order of the output columns.
fn evaluate_row(row: &Row, with_mana: bool, with_power: bool) -> Result<Vec<String>, CalcError> {
    let era = parse_era(row)?;
    let rules = Rules::for_era(era);
    let effective_vests = row.int_in::<i64>("effective_vests", 0, i64::MAX)?;
    let elapsed_seconds = row.int_in::<u32>("elapsed_seconds", 0, u32::MAX)?;
    let weight = row.int_in::<i16>("weight", -10_000, 10_000)?;
    let seconds_to_cashout =
        row.int_in::<i64>("seconds_to_cashout", -MAX_CASHOUT_DELTA, MAX_CASHOUT_DELTA)?;

    let manabar = rules.voting_model == VotingModel::Manabar;
    let (voting_mana, downvote_mana) = if manabar {
        let voting = required_int(row, era, VOTING_MANA, i64::MIN, i64::MAX)?;
        let downvote = if rules.downvote_pool_percent > 0 {
            Some(required_int(row, era, DOWNVOTE_MANA, i64::MIN, i64::MAX)?)
        } else {
            row.optional_int_in::<i64>(DOWNVOTE_MANA, i64::MIN, i64::MAX)?
        };
        (voting, downvote)
    } else {
        (required_int(row, era, VOTING_POWER, 0, 10_000)?, None)
    };

    let vote = VoteInput {
        effective_vests,
        voting_mana,
        downvote_mana: downvote_mana.unwrap_or(0),
        elapsed_seconds,
        seconds_since_last_vote: elapsed_seconds,
        weight,
        seconds_to_cashout,
    };
    let width = 3 + 2 * usize::from(with_mana) + usize::from(with_power);
    let mut cells = vec![String::new(); width];
    match cast_vote(&rules, &vote) {
        Ok(outcome) => {
            cells[0] = outcome.used_mana.to_string();
            cells[1] = outcome.rshares.to_string();
            if manabar {
                cells[2] = outcome.voting_mana.to_string();
                // Without a pool the downvote bar is not touched: echo what was given.
                cells[3] =
                    downvote_mana.map_or(String::new(), |_| outcome.downvote_mana.to_string());
            } else {
                cells[width - 2] = outcome.voting_mana.to_string();
            }
            cells[width - 1] = "ok".to_string();
        }
        Err(rejection) => cells[width - 1] = rejection.status().to_string(),
    }
    Ok(cells)
}

/// The row's era; an unknown name lists the allowed ones and suggests the closest.
fn parse_era(row: &Row) -> Result<Era, CalcError> {
    let allowed = || format!("one of {}", Era::allowed_names());
    let cell = row
        .optional("era")
        .ok_or_else(|| row.value_error("era", allowed()))?;
    cell.parse::<Era>().map_err(|unknown| {
        let hint = unknown.suggestion.trim_start_matches(", ");
        let hint = if hint.is_empty() {
            String::new()
        } else {
            format!(" ({hint})")
        };
        row.value_error("era", format!("{}{hint}", allowed()))
    })
}

/// A required integer in `min..=max` that only some eras need: an absent column or empty
/// cell is an error naming the era.
fn required_int<T>(row: &Row, era: Era, column: &str, min: T, max: T) -> Result<T, CalcError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let allowed = format!("an integer in {min}..={max}");
    match row.cell(column) {
        None => Err(row.row_error(format!(
            "era {era} needs column '{column}' ({allowed}), which the header does not have"
        ))),
        Some("") => Err(row.value_error(column, format!("{allowed}; era {era} needs it"))),
        Some(_) => row.int_in(column, min, max),
    }
}

/// The error for a header with neither `voting_mana_before` nor `voting_power_before`.
fn missing_bar_column(input: &InputTable) -> CalcError {
    let headers = || input.headers().iter().map(String::as_str);
    let hint = [VOTING_MANA, VOTING_POWER]
        .iter()
        .map(|column| did_you_mean(column, headers()).replace("did you mean", "is it"))
        .find(|hint| !hint.is_empty())
        .unwrap_or_default();
    CalcError::MissingColumn {
        path: input.path().to_path_buf(),
        column: format!("{VOTING_MANA}' (HF20+ eras) or '{VOTING_POWER}"),
        suggestion: hint,
        found: input.headers().join(","),
        required: format!(
            "{},{VOTING_MANA} or {VOTING_POWER}",
            REQUIRED_COLUMNS.join(",")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(text: &str) -> Result<String, String> {
        let table = InputTable::from_bytes(Path::new("in.csv"), text.as_bytes())
            .map_err(|e| e.to_string())?;
        let output = evaluate(&table).map_err(|e| e.to_string())?;
        Ok(String::from_utf8(output.to_csv()).unwrap())
    }

    const HEADER: &str = "era,effective_vests,voting_mana_before,downvote_mana_before,\
                          voting_power_before,elapsed_seconds,weight,seconds_to_cashout";

    #[test]
    fn hand_checked_rows() {
        // (row after the header, expected output cells)
        let cases = [
            // 2% of 10^12 mana, less 5·10^7 dust.
            (
                "steem_hf21,1000000000000,1000000000000,250000000000,,3,10000,604800",
                "20000000000,19950000000,980000000000,250000000000,,ok",
            ),
            // HF20: downvote bar echoed, or left empty when not given.
            (
                "steem_hf20,1000000000000,1000000000000,5,,3,10000,604800",
                "20000000000,19950000000,980000000000,5,,ok",
            ),
            (
                "steem_hf20,1000000000000,1000000000000,,,3,10000,604800",
                "20000000000,19950000000,980000000000,,,ok",
            ),
            // Pre-HF20: 2% of voting power, rshares ⌊E·200/10000⌋.
            (
                "steem_hf19,1000000000000,,,10000,3,10000,604800",
                "200,20000000000,,,9800,ok",
            ),
            (
                "steem_hf21,1000000000000,1000000000000,250000000000,,3,0,604800",
                ",,,,,rejected_zero_weight",
            ),
            (
                "steem_hf19,1000000000000,,,10000,3,10000,43200",
                ",,,,,rejected_lockout",
            ),
        ];
        for (row, want) in cases {
            let out = run(&format!("{HEADER}\n{row}\n")).unwrap();
            let last = out.lines().nth(1).unwrap();
            assert_eq!(last, format!("{row},{want}"), "{row}");
        }
    }

    #[test]
    fn output_columns_follow_the_header() {
        let out = run("era,effective_vests,voting_power_before,elapsed_seconds,weight,seconds_to_cashout,note\n\
                       steem_hf17,1000000000000,10000,3,10000,604800,x\n").unwrap();
        assert_eq!(
            out,
            "era,effective_vests,voting_power_before,elapsed_seconds,weight,seconds_to_cashout,note,\
             used_mana,rshares,voting_power_after,status\n\
             steem_hf17,1000000000000,10000,3,10000,604800,x,50,5000000000,9950,ok\n"
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let cases = [
            ("steem_hf2l,1,1,1,,3,1,1", "line 2, column 'era'"),
            ("steem_hf2l,1,1,1,,3,1,1", "did you mean 'steem_hf21'"),
            (
                "steem_hf21,1,1,,,3,1,1",
                "line 2, column 'downvote_mana_before': '' is not allowed",
            ),
            ("steem_hf19,1,1,1,,3,1,1", "column 'voting_power_before'"),
            (
                "steem_hf21,1,1,1,,3,10001,1",
                "column 'weight': '10001' is not allowed; expected an integer in -10000..=10000",
            ),
            ("steem_hf21,-1,1,1,,3,1,1", "column 'effective_vests'"),
            (
                "steem_hf21,1,1,1,,3,1,4294967296",
                "column 'seconds_to_cashout'",
            ),
        ];
        for (row, want) in cases {
            let err = run(&format!("{HEADER}\n{row}\n")).unwrap_err();
            assert!(err.contains(want), "{row}: {err}");
        }
        let err = run(
            "era,effective_vests,voting_power_before,elapsed_seconds,weight,seconds_to_cashout\n\
                       steem_hf21,1,1,3,1,1\n",
        )
        .unwrap_err();
        assert!(
            err.contains("line 2: era steem_hf21 needs column 'voting_mana_before'"),
            "{err}"
        );
        let err = run(
            "era,effective_vests,voting_mana_befor,elapsed_seconds,weight,seconds_to_cashout\n",
        )
        .unwrap_err();
        assert!(err.contains("is it 'voting_mana_befor'"), "{err}");
        let err = run(&format!("{HEADER},status\n")).unwrap_err();
        assert!(err.contains("column 'status' is an output column"), "{err}");
    }
}
