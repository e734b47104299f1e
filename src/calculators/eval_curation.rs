//! The `eval curation` calculator: the curation weight of one vote per row.
//!
//! Role: reads `era,old_vote_rshares,vote_rshares,seconds_since_created` and the optional
//! override columns `curve,content_constant,reverse_auction_seconds,early_voting_seconds,
//! mid_voting_seconds` (an empty cell keeps the era's value), and adds `vote_weight` and
//! `total_vote_weight_increment` from [`crate::mechanics::curation::curation_weight`].
//!
//! Invariant: every row is validated and computed before anything is written; integers are
//! accepted in the ranges of the chain's types (int64 rshares, u32 seconds, u128 content
//! constant) and a row the chain would throw on is an error naming its line.

use super::table::{InputTable, OutputTable, Row};
use super::CalcError;
use crate::mechanics::curation::{curation_weight, CurationVote};
use crate::mechanics::curve::RewardCurve;
use crate::mechanics::era::{parse_u128_decimal, Era, Rules};

/// The columns every input must have.
pub const REQUIRED_COLUMNS: [&str; 4] = [
    "era",
    "old_vote_rshares",
    "vote_rshares",
    "seconds_since_created",
];

/// The columns this calculator adds.
pub const OUTPUT_COLUMNS: [&str; 2] = ["vote_weight", "total_vote_weight_increment"];

/// Evaluates every row of `input`: one new vote on a comment whose `vote_rshares` before the
/// vote is `old_vote_rshares` (rshares), with `vote_rshares` the vote's own rshares (≤ 0: no
/// curation) cast `seconds_since_created` seconds after the comment. Curation is taken as
/// allowed on the comment.
pub fn evaluate(input: &InputTable) -> Result<OutputTable, CalcError> {
    input.require(&REQUIRED_COLUMNS)?;
    input.forbid(&OUTPUT_COLUMNS)?;
    let mut output = OutputTable::extending(input, &OUTPUT_COLUMNS);
    for row in input.rows() {
        let rules = row_rules(&row)?;
        let vote = CurationVote {
            old_vote_rshares: row.int_in("old_vote_rshares", i64::MIN, i64::MAX)?,
            rshares: row.int_in("vote_rshares", i64::MIN, i64::MAX)?,
            seconds_since_created: row.int_in("seconds_since_created", 0, u32::MAX)?,
            allow_curation_rewards: true,
        };
        let weight = curation_weight(&rules, &vote).map_err(|e| row.row_error(e))?;
        output.push(
            row.cells(),
            vec![
                weight.vote_weight.to_string(),
                weight.total_vote_weight_increment.to_string(),
            ],
        );
    }
    Ok(output)
}

/// The row's era rules with its override cells applied. Values are taken as the chain would
/// hold them, without the scenario range checks (a content constant of 0 is allowed and
/// gives a row error only where the chain's curve divides by zero).
fn row_rules(row: &Row<'_>) -> Result<Rules, CalcError> {
    let era_cell = row.optional("era").unwrap_or_default();
    let era: Era = era_cell
        .parse()
        .map_err(|e: crate::mechanics::era::UnknownEra| {
            row.value_error(
                "era",
                format!("one of {}{}", Era::allowed_names(), e.suggestion),
            )
        })?;
    let mut rules = Rules::for_era(era);
    if let Some(cell) = row.optional("curve") {
        rules.curation_curve = cell.parse::<RewardCurve>().map_err(|e| {
            row.value_error(
                "curve",
                format!(
                    "a chain curve: one of {}{} (empty: the era's curation curve)",
                    RewardCurve::allowed_names(),
                    e.suggestion
                ),
            )
        })?;
    }
    if let Some(s) = row.parse_optional(
        "content_constant",
        "a decimal integer in 0..=2^128-1 (empty: the era's value)",
        |cell| parse_u128_decimal(cell).ok(),
    )? {
        rules.content_constant = s;
    }
    let seconds = |column: &str| row.optional_int_in(column, 0u32, u32::MAX);
    if let Some(value) = seconds("reverse_auction_seconds")? {
        rules.reverse_auction_seconds = value;
    }
    if let Some(value) = seconds("early_voting_seconds")? {
        rules.early_voting_seconds = value;
    }
    if let Some(value) = seconds("mid_voting_seconds")? {
        rules.mid_voting_seconds = value;
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(text: &str) -> Result<Vec<Vec<String>>, CalcError> {
        let input = InputTable::from_bytes(Path::new("in.csv"), text.as_bytes())?;
        Ok(evaluate(&input)?.rows().to_vec())
    }

    fn outputs(text: &str) -> Vec<(String, String)> {
        run(text)
            .unwrap()
            .into_iter()
            .map(|row| (row[row.len() - 2].clone(), row[row.len() - 1].clone()))
            .collect()
    }

    #[test]
    fn hand_checked_rows() {
        let text = "era,old_vote_rshares,vote_rshares,seconds_since_created,curve,reverse_auction_seconds,early_voting_seconds\n\
            steem_hf19,0,1048576,900,,,\n\
            steem_hf20,1554778161152,1554778161152,900,,,\n\
            steem_hf21,0,-100,900,,,\n\
            hive_hf25,0,1000,86400,,,\n\
            steem_hf21,0,1048576,10,square_root,0,\n\
            steem_hf21,0,1000,100,linear,0,50\n";
        let want = [
            ("512", "1024"),
            ("524288", "524288"),
            ("0", "0"),
            ("500", "500"),
            ("1024", "1024"),
            // early 50 s and the era's mid window of 0 s: age 100 ≥ 50 + 0 → ⅛.
            ("125", "125"),
        ];
        let got = outputs(text);
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert_eq!((g.0.as_str(), g.1.as_str()), w, "row {i}");
        }
    }

    #[test]
    fn bad_cells_name_line_and_column() {
        let header = "era,old_vote_rshares,vote_rshares,seconds_since_created\n";
        let err = run(&format!("{header}steem_hf2l,0,1,0\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 2, column 'era'") && err.contains("did you mean 'steem_hf21'"),
            "{err}"
        );
        let err = run(&format!("{header}steem_hf21,0,9223372036854775808,0\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("column 'vote_rshares'"), "{err}");
        let err = run(&format!("{header}steem_hf21,0,1,-1\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("column 'seconds_since_created'") && err.contains("0..=4294967295"),
            "{err}"
        );
        let err = run(&format!("{header}steem_hf21,9223372036854775807,1,0\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 2:") && err.contains("overflows int64"),
            "{err}"
        );
        let err = run("era,old_vote_rshares,vote_rshares,seconds_since_created,curve\nsteem_hf21,0,1099511627776,0,quadratic\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("to_uint64 asserts"), "{err}");
        let err = run("era,old_vote_rshares,vote_rshares\nsteem_hf21,0,1\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("missing column 'seconds_since_created'"),
            "{err}"
        );
    }
}
