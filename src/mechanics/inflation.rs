//! Per-block inflation of Steem/Hive from HF16 on (`database::process_funds`): the yearly
//! rate narrows by one basis point every `inflation_narrowing_period` blocks down to a floor,
//! and each block mints ⌊virtual_supply · rate / (10000 · blocks per year)⌋, split into
//! content rewards, the vesting fund, the DAO (SPS/DHF) and the block producer's residual.
//!
//! Invariants: all amounts are milli-STEEM (10⁻³ STEEM / HIVE) in `i64`, the chain's
//! `share_type` (`fc::safe<int64_t>`), and every product is checked the way `safe` checks it:
//! an input for which the chain would throw an overflow exception gives
//! [`InflationOverflow`], never a wrapped number. Divisions truncate toward zero as C++ does.
//! The parts always add up: content + vesting + sps + witness = new_steem.
//! Not modelled here: Hive HF28's base (current supply + HBD outside the treasury at the
//! median price) — pass that sum as `virtual_supply`.

use super::constants::{STEEM_100_PERCENT, STEEM_BLOCKS_PER_YEAR, STEEM_MAX_WITNESSES};
use super::era::Rules;

/// The narrowing schedule of the yearly inflation rate (basis points per year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InflationSchedule {
    /// Rate at block 0, basis points per year (`STEEM_INFLATION_RATE_START_PERCENT`, 978).
    pub start_percent: i64,
    /// Floor of the rate, basis points per year (`STEEM_INFLATION_RATE_STOP_PERCENT`, 95).
    pub stop_percent: i64,
    /// Blocks per one-basis-point step down, ≥ 1 (`STEEM_INFLATION_NARROWING_PERIOD`, 250 000).
    pub narrowing_period: i64,
}

/// How new tokens are split, basis points of new tokens each; the witness gets the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InflationSplit {
    /// To the reward fund (`content_reward_percent`).
    pub content_reward_percent: u16,
    /// To the vesting fund (`vesting_reward_percent`).
    pub vesting_reward_percent: u16,
    /// To the DAO, SPS on Steem / DHF on Hive (`sps_fund_percent`, `proposal_fund_percent`).
    pub sps_fund_percent: u16,
}

impl InflationSchedule {
    /// The schedule of `rules`.
    pub fn of(rules: &Rules) -> InflationSchedule {
        InflationSchedule {
            start_percent: rules.inflation_rate_start_percent,
            stop_percent: rules.inflation_rate_stop_percent,
            narrowing_period: rules.inflation_narrowing_period,
        }
    }
}

impl InflationSplit {
    /// The split of `rules`.
    pub fn of(rules: &Rules) -> InflationSplit {
        InflationSplit {
            content_reward_percent: rules.content_reward_percent,
            vesting_reward_percent: rules.vesting_reward_percent,
            sps_fund_percent: rules.sps_fund_percent,
        }
    }
}

/// What one block mints, milli-STEEM each (the locals of `process_funds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BlockInflation {
    /// Yearly rate at this block, basis points (`current_inflation_rate`).
    pub current_inflation_rate: i64,
    /// Tokens minted by the block (`new_steem` before the split).
    pub new_steem: i64,
    /// To the reward fund (`content_reward`; with one fund at 100% the whole of it).
    pub content_reward: i64,
    /// To the vesting fund (`vesting_reward`).
    pub vesting_reward: i64,
    /// To the DAO, in STEEM before conversion to SBD (`sps_fund`).
    pub sps_fund: i64,
    /// Residual new − content − vesting − sps, before per-witness scaling
    /// (`witness_reward` before `*= STEEM_MAX_WITNESSES`).
    pub witness_reward: i64,
}

/// The chain's `safe<int64_t>` would throw an overflow exception for these inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the chain's int64 share_type overflows in {step} (fc::safe throws)")]
pub struct InflationOverflow {
    /// The expression that overflows.
    pub step: &'static str,
}

fn overflow(step: &'static str) -> InflationOverflow {
    InflationOverflow { step }
}

/// Yearly inflation rate at `head_block_num`, basis points:
/// max(start − ⌊head_block_num / narrowing_period⌋, stop) (`process_funds`, HF16+;
/// `head_block_num()` is a u32 on chain). A non-positive period is treated as 1.
pub fn current_inflation_rate(head_block_num: u32, schedule: InflationSchedule) -> i64 {
    let adjustment = i64::from(head_block_num) / schedule.narrowing_period.max(1);
    schedule
        .start_percent
        .saturating_sub(adjustment)
        .max(schedule.stop_percent)
}

/// The largest `virtual_supply` (milli-STEEM) for which `virtual_supply · rate` fits in
/// the chain's int64 at this rate (`i64::MAX` for rates ≤ 1).
pub fn max_virtual_supply(rate: i64) -> i64 {
    if rate <= 1 {
        i64::MAX
    } else {
        i64::MAX / rate
    }
}

/// One block's inflation (`database::process_funds`, HF16+ branch): rate, new tokens and
/// their split, with the chain's overflow checks. Amounts are milli-STEEM.
pub fn process_funds(
    head_block_num: u32,
    virtual_supply: i64,
    schedule: InflationSchedule,
    split: InflationSplit,
) -> Result<BlockInflation, InflationOverflow> {
    let rate = current_inflation_rate(head_block_num, schedule);
    let per_year = i64::from(STEEM_100_PERCENT) * STEEM_BLOCKS_PER_YEAR;
    let new_steem = virtual_supply
        .checked_mul(rate)
        .ok_or(overflow("virtual_supply * current_inflation_rate"))?
        / per_year;
    let part = |percent: u16, step: &'static str| {
        new_steem
            .checked_mul(i64::from(percent))
            .map(|p| p / i64::from(STEEM_100_PERCENT))
            .ok_or(overflow(step))
    };
    let content_reward = part(split.content_reward_percent, "new_steem * content_percent")?;
    let vesting_reward = part(split.vesting_reward_percent, "new_steem * vesting_percent")?;
    let sps_fund = part(split.sps_fund_percent, "new_steem * sps_fund_percent")?;
    let witness_reward = new_steem
        .checked_sub(content_reward)
        .and_then(|w| w.checked_sub(vesting_reward))
        .and_then(|w| w.checked_sub(sps_fund))
        .ok_or(overflow("new_steem - content - vesting - sps"))?;
    Ok(BlockInflation {
        current_inflation_rate: rate,
        new_steem,
        content_reward,
        vesting_reward,
        sps_fund,
        witness_reward,
    })
}

/// The producer's pay from the residual (`process_funds`): ⌊residual · 21 · weight /
/// normalization⌋, with weight 1 for elected and miner witnesses and 5 for the timeshare
/// (backup) one, normalization = Σ weights of the schedule (25 since HF17). Milli-STEEM.
pub fn scheduled_witness_reward(
    residual: i64,
    weight: i64,
    normalization: i64,
) -> Result<i64, InflationOverflow> {
    residual
        .checked_mul(i64::from(STEEM_MAX_WITNESSES))
        .and_then(|w| w.checked_mul(weight))
        .ok_or(overflow("witness_reward * 21 * weight"))?
        .checked_div(normalization)
        .ok_or(overflow(
            "witness_reward / witness_pay_normalization_factor",
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::era::Era;
    use proptest::prelude::*;

    const CHAIN: InflationSchedule = InflationSchedule {
        start_percent: 978,
        stop_percent: 95,
        narrowing_period: 250_000,
    };
    const HF21: InflationSplit = InflationSplit {
        content_reward_percent: 6500,
        vesting_reward_percent: 1500,
        sps_fund_percent: 1000,
    };

    #[test]
    fn rate_narrows_to_the_floor() {
        for (block, rate) in [
            (0, 978),
            (249_999, 978),
            (250_000, 977),
            (7_000_000, 950),
            (220_749_999, 96),
            (220_750_000, 95),
            (u32::MAX, 95),
        ] {
            assert_eq!(current_inflation_rate(block, CHAIN), rate, "block {block}");
        }
        assert_eq!(
            InflationSchedule::of(&Rules::for_era(Era::SteemHf21)),
            CHAIN
        );
        assert_eq!(InflationSplit::of(&Rules::for_era(Era::HiveHf25)), HF21);
    }

    #[test]
    fn hand_checked_blocks() {
        // 400,000,000.000 STEEM at block 7,000,000 (9.50%):
        // 4e11 · 950 / 105,120,000,000 = 3614.91… → 3614 milli-STEEM per block;
        // 65% → 2349, 15% → 542, 10% → 361, residual 362.
        let b = process_funds(7_000_000, 400_000_000_000, CHAIN, HF21).unwrap();
        assert_eq!(
            (
                b.new_steem,
                b.content_reward,
                b.vesting_reward,
                b.sps_fund,
                b.witness_reward
            ),
            (3614, 2349, 542, 361, 362)
        );
        // Floor: 1e12 · 95 / 105,120,000,000 = 903.72… → 903; HF16 split 75/15/0.
        let hf16 = InflationSplit::of(&Rules::for_era(Era::SteemHf20));
        let b = process_funds(220_750_000, 1_000_000_000_000, CHAIN, hf16).unwrap();
        assert_eq!(
            (b.new_steem, b.content_reward, b.vesting_reward),
            (903, 677, 135)
        );
        assert_eq!((b.sps_fund, b.witness_reward), (0, 91));
        // Tiny supplies mint nothing.
        assert_eq!(process_funds(0, 100, CHAIN, HF21).unwrap().new_steem, 0);
    }

    #[test]
    fn overflow_is_an_error_like_fc_safe() {
        let max = max_virtual_supply(978);
        assert!(process_funds(0, max, CHAIN, HF21).is_ok());
        let err = process_funds(0, max + 1, CHAIN, HF21).unwrap_err();
        assert_eq!(err.step, "virtual_supply * current_inflation_rate");
        assert_eq!(max_virtual_supply(95), i64::MAX / 95);
    }

    #[test]
    fn witness_scaling() {
        // Elected: ⌊362 · 21 · 1 / 25⌋ = 304; timeshare: ⌊362 · 21 · 5 / 25⌋ = 1520.
        assert_eq!(scheduled_witness_reward(362, 1, 25), Ok(304));
        assert_eq!(scheduled_witness_reward(362, 5, 25), Ok(1520));
        assert!(scheduled_witness_reward(1, 1, 0).is_err());
    }

    proptest! {
        #[test]
        fn parts_add_up_and_never_panic(block in any::<u32>(), supply in 0i64..=i64::MAX,
                                        c in 0u16..=10000, v in 0u16..=10000, s in 0u16..=10000) {
            let split = InflationSplit { content_reward_percent: c, vesting_reward_percent: v, sps_fund_percent: s };
            if let Ok(b) = process_funds(block, supply, CHAIN, split) {
                prop_assert_eq!(b.content_reward + b.vesting_reward + b.sps_fund + b.witness_reward, b.new_steem);
                prop_assert!(b.new_steem >= 0);
            }
        }

        #[test]
        fn monotone(block in any::<u32>(), supply in 0i64..(i64::MAX / 978), d in 0i64..1_000_000_000) {
            let a = process_funds(block, supply, CHAIN, HF21).unwrap();
            let b = process_funds(block, supply + d, CHAIN, HF21).unwrap();
            prop_assert!(a.new_steem <= b.new_steem);
            prop_assert!(current_inflation_rate(block, CHAIN) >= current_inflation_rate(block.saturating_add(1), CHAIN));
        }
    }
}
