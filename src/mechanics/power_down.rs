//! Power down: the weekly rate set by `withdraw_vesting_evaluator`, the payments made by
//! `database::process_vesting_withdrawals`, and VESTS → STEEM at the vesting share price.
//!
//! Invariants: amounts are satoshis of the chain's assets in `i64` (`share_type`): VESTS in
//! 10⁻⁶ VESTS, STEEM in 10⁻³ STEEM. A power down never pays more than was requested nor more
//! than the account holds, and ends when everything requested is withdrawn or the account
//! holds no VESTS. Before HF21 the rate is rounded down, so a power down can take one extra
//! week (1000 / 13 → 13 × 76 + 12); from HF21 it is rounded up. Routes (to other accounts,
//! auto-vest) only split a payment and are not modelled here.

use super::era::Rules;

/// An active power down, VESTS satoshis (the account fields of the same names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PowerDown {
    /// Paid per week (`vesting_withdraw_rate`).
    pub vesting_withdraw_rate: i64,
    /// Requested in total (`to_withdraw`).
    pub to_withdraw: i64,
    /// Paid so far (`withdrawn`).
    pub withdrawn: i64,
}

/// How the weekly payment is computed in an era.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PowerDownRules {
    /// Number of weekly payments requested (`STEEM_VESTING_WITHDRAW_INTERVALS`, ≥ 1).
    pub intervals: u32,
    /// HF21+: the rate is rounded up so that `intervals` payments suffice.
    pub rate_rounds_up: bool,
    /// Hive HF28 (`HIVE_HARDFORK_1_28_FIX_POWER_DOWN`): a short last payment is
    /// min(rate, remaining) instead of `to_withdraw % rate`.
    pub last_step_fix: bool,
}

impl PowerDownRules {
    /// The power-down rules of `rules`.
    pub fn of(rules: &Rules) -> PowerDownRules {
        PowerDownRules {
            intervals: rules.vesting_withdraw_intervals,
            rate_rounds_up: rules.power_down_rate_rounds_up,
            last_step_fix: rules.power_down_last_step_fix,
        }
    }
}

/// Starts a power down of `vesting_shares` VESTS satoshis (> 0) (`withdraw_vesting_evaluator`):
/// rate = ⌊V / n⌋, at least 1, plus 1 from HF21 when rate · n < V.
pub fn withdraw_vesting(vesting_shares: i64, rules: PowerDownRules) -> PowerDown {
    let n = i64::from(rules.intervals.max(1));
    let mut rate = (vesting_shares / n).max(1);
    if rules.rate_rounds_up && rate * n < vesting_shares {
        rate += 1;
    }
    PowerDown {
        vesting_withdraw_rate: rate,
        to_withdraw: vesting_shares,
        withdrawn: 0,
    }
}

/// This week's payment in VESTS satoshis for an account holding `vesting_shares`
/// (`process_vesting_withdrawals`): the rate, or for a short last week `to_withdraw % rate`
/// (Hive HF28: the remainder), never more than the account holds.
pub fn weekly_withdrawal(state: PowerDown, vesting_shares: i64, rules: PowerDownRules) -> i64 {
    let rate = state.vesting_withdraw_rate.max(1);
    let remaining = state.to_withdraw.saturating_sub(state.withdrawn);
    let amount = if remaining >= rate {
        rate
    } else if rules.last_step_fix {
        remaining.max(0)
    } else {
        state.to_withdraw % rate
    };
    amount.min(vesting_shares.max(0))
}

/// The whole sequence of weekly payments, VESTS satoshis, for an account that starts with
/// `vesting_shares` and neither receives nor spends VESTS meanwhile. Stops when withdrawn ≥
/// to_withdraw or the account is empty, as the chain does.
pub fn payment_schedule(state: PowerDown, vesting_shares: i64, rules: PowerDownRules) -> Vec<i64> {
    let (mut state, mut held) = (state, vesting_shares);
    let mut payments = Vec::new();
    while state.withdrawn < state.to_withdraw && held > 0 {
        let amount = weekly_withdrawal(state, held, rules);
        payments.push(amount);
        held -= amount;
        state.withdrawn += amount;
        if amount == 0 {
            break; // the chain would pay 0 forever; stop rather than loop
        }
    }
    payments
}

/// Errors of the asset × price product (`asset operator*(asset, price)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConversionError {
    /// The result does not fit in 64 bits (`FC_ASSERT( result.hi == 0 )`) or in the int64 amount.
    #[error("VESTS × price overflows the chain's 64-bit amount")]
    Overflow,
    /// Negative amounts cannot be converted.
    #[error("negative VESTS amount")]
    Negative,
}

/// STEEM satoshis paid for `vests` VESTS satoshis at the vesting share price
/// (`get_vesting_share_price`, `asset * price`): ⌊vests · TVF / TVS⌋, where TVF is
/// total_vesting_fund_steem (10⁻³ STEEM) and TVS total_vesting_shares (10⁻⁶ VESTS); when
/// either is 0 the chain's default price 1000 STEEM-sat per 1 000 000 VESTS-sat applies.
pub fn vests_to_steem(
    vests: i64,
    total_vesting_fund_steem: i64,
    total_vesting_shares: i64,
) -> Result<i64, ConversionError> {
    if vests < 0 {
        return Err(ConversionError::Negative);
    }
    let (fund, shares) = if total_vesting_fund_steem <= 0 || total_vesting_shares <= 0 {
        (1_000u128, 1_000_000u128)
    } else {
        (
            total_vesting_fund_steem as u128,
            total_vesting_shares as u128,
        )
    };
    let result = vests as u128 * fund / shares;
    i64::try_from(result).map_err(|_| ConversionError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::era::Era;
    use proptest::prelude::*;

    const PRE_HF21: PowerDownRules = PowerDownRules {
        intervals: 13,
        rate_rounds_up: false,
        last_step_fix: false,
    };
    const HF21: PowerDownRules = PowerDownRules {
        intervals: 13,
        rate_rounds_up: true,
        last_step_fix: false,
    };
    const HF28: PowerDownRules = PowerDownRules {
        intervals: 13,
        rate_rounds_up: true,
        last_step_fix: true,
    };

    fn schedule(v: i64, rules: PowerDownRules) -> Vec<i64> {
        payment_schedule(withdraw_vesting(v, rules), v, rules)
    }

    #[test]
    fn rules_follow_the_era() {
        assert_eq!(
            PowerDownRules::of(&Rules::for_era(Era::SteemHf20)),
            PRE_HF21
        );
        assert_eq!(PowerDownRules::of(&Rules::for_era(Era::SteemHf21)), HF21);
        assert_eq!(PowerDownRules::of(&Rules::for_era(Era::HiveHf28)), HF28);
    }

    #[test]
    fn reference_example_takes_an_extra_week_before_hf21() {
        // 1000 / 13 = 76; 13 · 76 = 988; week 14 pays 1000 % 76 = 12.
        let mut want = vec![76; 13];
        want.push(12);
        assert_eq!(schedule(1000, PRE_HF21), want);
        // HF21: 76 · 13 < 1000 → rate 77; 12 · 77 = 924, week 13 pays 1000 % 77 = 76.
        let mut want = vec![77; 12];
        want.push(76);
        assert_eq!(schedule(1000, HF21), want);
        assert_eq!(schedule(1000, HF28), want);
    }

    #[test]
    fn table_of_rates() {
        for (v, rules, rate) in [
            (1000, PRE_HF21, 76),
            (1000, HF21, 77),
            (1300, HF21, 100),
            (5, PRE_HF21, 1),
            (5, HF21, 1),
            (14, HF21, 2),
            (i64::MAX, HF21, i64::MAX / 13 + 1),
        ] {
            assert_eq!(
                withdraw_vesting(v, rules).vesting_withdraw_rate,
                rate,
                "{v}"
            );
        }
        assert_eq!(schedule(5, PRE_HF21), vec![1; 5]);
        // Small power downs before HF21 take V / ⌊V/13⌋ weeks: 25 → rate 1, 25 weeks.
        assert_eq!(schedule(25, PRE_HF21), vec![1; 25]);
        assert_eq!(
            schedule(25, HF21),
            vec![2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1]
        );
        assert_eq!(schedule(14, HF21), vec![2; 7]);
    }

    #[test]
    fn hf28_fix_differs_when_withdrawn_is_off_the_rate_grid() {
        // A power down whose earlier payments were not multiples of the rate: 10 left of
        // 1000 at rate 77. Pre-HF28 pays 1000 % 77 = 76 capped by holdings; HF28 pays 10.
        let state = PowerDown {
            vesting_withdraw_rate: 77,
            to_withdraw: 1000,
            withdrawn: 990,
        };
        assert_eq!(weekly_withdrawal(state, 500, HF21), 76);
        assert_eq!(weekly_withdrawal(state, 500, HF28), 10);
        assert_eq!(weekly_withdrawal(state, 3, HF21), 3);
    }

    #[test]
    fn vests_to_steem_at_the_share_price() {
        // 1,000,000 VESTS-sat at TVF 2000, TVS 1,000,000 → 2000 STEEM-sat.
        assert_eq!(vests_to_steem(1_000_000, 2_000, 1_000_000), Ok(2_000));
        // Default price when the fund is empty: 1,000,000 VESTS-sat → 1000 STEEM-sat.
        assert_eq!(vests_to_steem(1_000_000, 0, 0), Ok(1_000));
        assert_eq!(vests_to_steem(999, 0, 5), Ok(0));
        assert_eq!(
            vests_to_steem(i64::MAX, 2, 1),
            Err(ConversionError::Overflow)
        );
        assert_eq!(vests_to_steem(-1, 2, 1), Err(ConversionError::Negative));
    }

    proptest! {
        #[test]
        fn schedules_pay_exactly_what_was_requested(v in 1i64..10_000_000_000, era in 0usize..3) {
            let rules = [PRE_HF21, HF21, HF28][era];
            let payments = schedule(v, rules);
            prop_assert_eq!(payments.iter().sum::<i64>(), v);
            let weeks = payments.len() as i64;
            if rules.rate_rounds_up {
                prop_assert!(weeks <= 13);
            } else if v >= 13 * 13 {
                // rate ≥ 13 > the remainder: at most one extra week.
                prop_assert!(weeks <= 14);
            }
        }

        #[test]
        fn conversion_never_panics_and_is_monotone(v in 0i64..i64::MAX / 2, f in any::<i64>(), s in any::<i64>()) {
            if let (Ok(a), Ok(b)) = (vests_to_steem(v, f, s), vests_to_steem(v + 1, f, s)) {
                prop_assert!(a <= b);
            }
        }
    }
}
