//! The `eval inflation` calculator: one block's inflation per row
//! ([`crate::mechanics::inflation::process_funds`], HF16+ rules with the chain's schedule
//! 978 → 95 basis points, one step per 250 000 blocks).
//!
//! Invariant: every row is validated and computed before anything is written; a bad cell
//! stops the command with an error naming the file, line and column. Input columns the
//! calculator does not read are passed through unchanged.

use super::table::{InputTable, OutputTable, Row};
use super::CalcError;
use crate::mechanics::constants::{
    STEEM_100_PERCENT, STEEM_INFLATION_NARROWING_PERIOD, STEEM_INFLATION_RATE_START_PERCENT,
    STEEM_INFLATION_RATE_STOP_PERCENT,
};
use crate::mechanics::inflation::{
    current_inflation_rate, max_virtual_supply, process_funds, InflationSchedule, InflationSplit,
};

/// The columns the calculator reads.
pub const INPUT_COLUMNS: [&str; 5] = [
    "head_block_num",
    "virtual_supply",
    "content_reward_percent",
    "vesting_reward_percent",
    "sps_fund_percent",
];

/// The columns the calculator adds: basis points per year for the rate, milli-STEEM for
/// the amounts (witness_reward is the residual before per-witness scaling).
pub const OUTPUT_COLUMNS: [&str; 6] = [
    "current_inflation_rate",
    "new_steem",
    "content_reward",
    "vesting_reward",
    "sps_fund",
    "witness_reward",
];

/// The chain's mainnet schedule (`STEEM_INFLATION_RATE_*`, `STEEM_INFLATION_NARROWING_PERIOD`).
const SCHEDULE: InflationSchedule = InflationSchedule {
    start_percent: STEEM_INFLATION_RATE_START_PERCENT,
    stop_percent: STEEM_INFLATION_RATE_STOP_PERCENT,
    narrowing_period: STEEM_INFLATION_NARROWING_PERIOD,
};

/// Evaluates every row of `input` (`process_funds`): see [`INPUT_COLUMNS`] and
/// [`OUTPUT_COLUMNS`]. head_block_num is a u32 block number; virtual_supply is milli-STEEM
/// in 0..=2^63−1; the three percents are basis points summing to at most 10000.
pub fn evaluate(input: &InputTable) -> Result<OutputTable, CalcError> {
    input.require(&INPUT_COLUMNS)?;
    input.forbid(&OUTPUT_COLUMNS)?;
    let mut output = OutputTable::extending(input, &OUTPUT_COLUMNS);
    for row in input.rows() {
        let outputs = evaluate_row(&row)?;
        output.push(row.cells(), outputs);
    }
    Ok(output)
}

fn evaluate_row(row: &Row<'_>) -> Result<Vec<String>, CalcError> {
    let head_block_num = row.int_in::<u32>("head_block_num", 0, u32::MAX)?;
    let rate = current_inflation_rate(head_block_num, SCHEDULE);
    let max_supply = max_virtual_supply(rate);
    let virtual_supply = row.parse(
        "virtual_supply",
        format!(
            "an integer in 0..={max_supply} (milli-STEEM; at rate {rate} a larger supply \
             overflows the chain's int64 share_type)"
        ),
        |cell| {
            (!cell.starts_with('+'))
                .then(|| cell.parse::<i64>().ok())
                .flatten()
                .filter(|v| (0..=max_supply).contains(v))
        },
    )?;
    let percent = |column| row.int_in::<u16>(column, 0, STEEM_100_PERCENT as u16);
    let split = InflationSplit {
        content_reward_percent: percent("content_reward_percent")?,
        vesting_reward_percent: percent("vesting_reward_percent")?,
        sps_fund_percent: percent("sps_fund_percent")?,
    };
    let used = split.content_reward_percent + split.vesting_reward_percent;
    if u32::from(used) + u32::from(split.sps_fund_percent) > STEEM_100_PERCENT {
        return Err(row.value_error(
            "sps_fund_percent",
            format!(
                "an integer in 0..={} so that content_reward_percent + vesting_reward_percent \
                 + sps_fund_percent ≤ 10000",
                STEEM_100_PERCENT.saturating_sub(u32::from(used))
            ),
        ));
    }
    let block = process_funds(head_block_num, virtual_supply, SCHEDULE, split)
        .map_err(|e| row.row_error(e))?;
    Ok([
        block.current_inflation_rate,
        block.new_steem,
        block.content_reward,
        block.vesting_reward,
        block.sps_fund,
        block.witness_reward,
    ]
    .iter()
    .map(i64::to_string)
    .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(text: &str) -> Result<Vec<Vec<String>>, String> {
        let table = InputTable::from_bytes(Path::new("in.csv"), text.as_bytes()).unwrap();
        evaluate(&table)
            .map(|t| t.rows().to_vec())
            .map_err(|e| e.to_string())
    }

    const HEADER: &str =
        "head_block_num,virtual_supply,content_reward_percent,vesting_reward_percent,sps_fund_percent";

    #[test]
    fn hand_checked_rows() {
        // See mechanics::inflation tests for the arithmetic.
        let rows = run(&format!(
            "{HEADER}\n7000000,400000000000,6500,1500,1000\n220750000,1000000000000,7500,1500,0\n"
        ))
        .unwrap();
        assert_eq!(rows[0][5..], ["950", "3614", "2349", "542", "361", "362"]);
        assert_eq!(rows[1][5..], ["95", "903", "677", "135", "0", "91"]);
    }

    #[test]
    fn bad_cells_name_line_and_column() {
        for (row, column) in [
            ("7000000,400000000000,6500,1500,2001", "sps_fund_percent"),
            ("7000000,-1,6500,1500,1000", "virtual_supply"),
            ("7000000,1.5,6500,1500,1000", "virtual_supply"),
            ("-1,1,6500,1500,1000", "head_block_num"),
            ("0,9430850753430242,6500,1500,1000", "virtual_supply"),
            ("0,1,10001,0,0", "content_reward_percent"),
        ] {
            let err = run(&format!("{HEADER}\n{row}\n")).unwrap_err();
            assert!(
                err.starts_with(&format!("in.csv: line 2, column '{column}'")),
                "{row}: {err}"
            );
        }
        // The largest supply that fits at rate 978 is accepted.
        assert!(run(&format!("{HEADER}\n0,9430850753430241,6500,1500,1000\n")).is_ok());
    }
}
