//! Delegating vesting shares (`delegate_vesting_shares_evaluator` in the chain's
//! `steem_evaluator.cpp`, and `database::clear_expired_delegations`): what an account may
//! delegate, the smallest delegation, how the voting and downvote manabars of both sides
//! move, and how long removed VESTS take to come back.
//!
//! Parts of the operation modelled: creating a delegation and removing it whole (the
//! delegatee loses the VESTS and their mana at once, the delegator gets them back only
//! after the return period, so that neither side votes with them meanwhile). Not
//! modelled: changing an existing delegation's amount (and its `min_update`), and the
//! pre-HF22 int64 overflow paths. Where Steem's HF21 and HF22 differ, the
//! `steem_hf21` era (which stands for HF21–HF23) takes HF22's rule: the downvote bar is
//! used by ⌊VESTS · downvote_pool_percent / 10000⌋, not by the whole VESTS, and the
//! delegatee's bars are regenerated before a removal. The Hive eras take Steem's code as
//! it stands (not checked against Hive's).
//!
//! Units: VESTS satoshis, seconds, milli-STEEM. Invariant: pure integer arithmetic, no
//! panics.

use std::num::NonZeroU32;

use super::constants::STEEM_100_PERCENT;
use super::era::{Era, Rules, VotingModel};
use super::manabar::{
    downvote_max_mana, effective_vesting_shares, regenerate_mana, VestingBalances,
};
use super::vesting::VestingFund;

/// The witnesses' median account creation fee the minimum delegation is derived from,
/// milli-STEEM: 3 STEEM, Steem's median from HF20 on (`median_props.account_creation_fee`;
/// HF20 raised it thirty-fold from 0.1 STEEM \[mem\]).
pub const ACCOUNT_CREATION_FEE_HF20: i64 = 3_000;
/// The same before HF20, milli-STEEM: 0.1 STEEM \[mem\].
pub const ACCOUNT_CREATION_FEE_HF0: i64 = 100;

/// An account's two manabars at one time, VESTS satoshis (the downvote bar is 0 and
/// unused without a downvote pool).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bars {
    /// Voting mana (`voting_manabar.current_mana`); voting power in basis points before
    /// HF20, which delegation does not touch.
    pub voting: i64,
    /// Downvote mana (`downvote_manabar.current_mana`).
    pub downvote: i64,
}

/// Seconds a removed delegation takes to return to its delegator
/// (`gpo.delegation_return_period`): `STEEM_DELEGATION_RETURN_PERIOD_HF20`, the mana
/// regeneration time (5 days), with manabars; `STEEM_DELEGATION_RETURN_PERIOD_HF0`, the
/// cashout window (7 days), before.
pub fn return_period_seconds(rules: &Rules) -> u32 {
    match rules.voting_model {
        VotingModel::Manabar => rules.vote_regeneration_seconds,
        VotingModel::VotingPower => rules.cashout_window_seconds,
    }
}

/// The smallest delegation, VESTS satoshis (`min_delegation`): a third of the account
/// creation fee from HF20, ten times it before, at the vesting share price.
pub fn min_delegation_vests(rules: &Rules, fund: &VestingFund) -> i64 {
    let steem = match rules.voting_model {
        VotingModel::Manabar => ACCOUNT_CREATION_FEE_HF20 / 3,
        VotingModel::VotingPower => ACCOUNT_CREATION_FEE_HF0 * 10,
    };
    fund.steem_to_vests(steem).unwrap_or(i64::MAX)
}

/// `update_manabar` without new mana: both bars regenerated over `elapsed` seconds towards
/// the maxima of `effective_vests` (the downvote bar only with a downvote pool). Before
/// HF20 the bars are returned unchanged.
pub fn regenerate(rules: &Rules, effective_vests: i64, bars: Bars, elapsed: u32) -> Bars {
    let Some(regeneration) = NonZeroU32::new(rules.vote_regeneration_seconds) else {
        return bars;
    };
    if rules.voting_model != VotingModel::Manabar {
        return bars;
    }
    let max = effective_vests.max(0);
    let mut out = Bars {
        voting: regenerate_mana(bars.voting, max, elapsed, regeneration),
        downvote: bars.downvote,
    };
    if rules.downvote_pool_percent > 0 {
        let max_down = downvote_max_mana(max, rules.downvote_pool_percent).unwrap_or(0);
        out.downvote = regenerate_mana(bars.downvote, max_down, elapsed, regeneration);
    }
    out
}

/// VESTS the delegator with `balances` and bars `now` (regenerated to the time of the
/// operation) may delegate in a new delegation (`available_shares`, and from HF21
/// `available_downvote_shares`; the smaller of the two, since both are asserted). From
/// HF20: current voting mana, at most its effective VESTS less received ones, less the
/// part of a power down beyond this week's; before: own VESTS less delegated ones and the
/// whole power down left.
pub fn available_to_delegate(rules: &Rules, balances: &VestingBalances, now: Bars) -> i64 {
    let b = balances;
    let left_to_withdraw = if b.powering_down {
        b.to_withdraw.saturating_sub(b.withdrawn)
    } else {
        0
    };
    if rules.voting_model != VotingModel::Manabar {
        return b
            .vesting_shares
            .saturating_sub(b.delegated_vesting_shares)
            .saturating_sub(left_to_withdraw);
    }
    let max_mana = effective_vesting_shares(b);
    let cap = max_mana.saturating_sub(b.received_vesting_shares);
    let pct = i128::from(rules.downvote_pool_percent);
    let full = i128::from(STEEM_100_PERCENT);
    let downvote = if pct > 0 {
        let v = i128::from(now.downvote.max(0)) * full / pct + (full / pct - 1);
        i64::try_from(v).unwrap_or(i64::MAX)
    } else {
        now.voting
    };
    let mut available = now.voting.min(cap).min(downvote.min(cap));
    if b.powering_down && left_to_withdraw > b.vesting_withdraw_rate {
        let weekly = b.vesting_withdraw_rate.min(left_to_withdraw);
        available = available
            .saturating_add(weekly)
            .saturating_sub(left_to_withdraw);
    }
    available
}

/// The downvote mana `vests` VESTS stand for: ⌊vests · downvote_pool_percent / 10000⌋
/// (HF22's rule, see the module doc), 0 without a pool.
fn downvote_part(rules: &Rules, vests: i64) -> i64 {
    let p = i128::from(rules.downvote_pool_percent);
    i64::try_from(i128::from(vests.max(0)) * p / i128::from(STEEM_100_PERCENT)).unwrap_or(0)
}

/// The delegator's bars after delegating `vests` (`use_mana` on both bars, floored at 0);
/// unchanged before HF20.
pub fn after_delegating(rules: &Rules, now: Bars, vests: i64) -> Bars {
    if rules.voting_model != VotingModel::Manabar {
        return now;
    }
    Bars {
        voting: now.voting.saturating_sub(vests).max(0),
        downvote: now
            .downvote
            .saturating_sub(downvote_part(rules, vests))
            .max(0),
    }
}

/// The bars of an account that gets `vests` VESTS (the delegatee of a new delegation, or
/// the delegator when a removed one returns): `update_manabar(…, new_mana)` after
/// regeneration with the maxima before the VESTS arrive, so the mana comes at once.
/// Unchanged before HF20.
pub fn after_receiving(rules: &Rules, now: Bars, vests: i64) -> Bars {
    if rules.voting_model != VotingModel::Manabar {
        return now;
    }
    Bars {
        voting: now.voting.saturating_add(vests),
        downvote: if rules.downvote_pool_percent > 0 {
            now.downvote.saturating_add(downvote_part(rules, vests))
        } else {
            now.downvote
        },
    }
}

/// Whether the delegatee's bars are regenerated before a removal takes `vests` away:
/// from HF22 (the `steem_hf21` era and later, see the module doc), not in HF20.
pub fn regenerates_before_removal(rules: &Rules) -> bool {
    rules.era >= Era::SteemHf21
}

/// The delegatee's bars after a delegation of `vests` is removed: `use_mana` on both bars
/// (the downvote bar only with a pool), floored at 0; unchanged before HF20.
pub fn after_removal(rules: &Rules, bars: Bars, vests: i64) -> Bars {
    if rules.voting_model != VotingModel::Manabar {
        return bars;
    }
    Bars {
        voting: bars.voting.saturating_sub(vests).max(0),
        downvote: if rules.downvote_pool_percent > 0 {
            bars.downvote
                .saturating_sub(downvote_part(rules, vests))
                .max(0)
        } else {
            bars.downvote
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(era: Era) -> Rules {
        Rules::for_era(era)
    }

    fn own(vests: i64) -> VestingBalances {
        VestingBalances {
            vesting_shares: vests,
            ..VestingBalances::default()
        }
    }

    #[test]
    fn return_period_and_minimum_follow_the_hardforks() {
        // HF20+: 5 days; before: the 7-day cashout window.
        assert_eq!(return_period_seconds(&rules(Era::SteemHf20)), 432_000);
        assert_eq!(return_period_seconds(&rules(Era::SteemHf21)), 432_000);
        assert_eq!(return_period_seconds(&rules(Era::SteemHf19)), 604_800);
        // 1 STEEM either way (3 / 3, 0.1 × 10), here at 2000 VESTS per STEEM.
        let fund = VestingFund {
            total_vesting_fund_steem: 1_000_000,
            total_vesting_shares: 2_000_000_000_000,
            ..VestingFund::default()
        };
        assert_eq!(
            min_delegation_vests(&rules(Era::SteemHf20), &fund),
            2_000_000_000
        );
        assert_eq!(
            min_delegation_vests(&rules(Era::SteemHf17), &fund),
            2_000_000_000
        );
    }

    #[test]
    fn available_shares_are_current_mana_capped_by_own_vests() {
        let hf20 = rules(Era::SteemHf20);
        // Full bar of own VESTS: all of it.
        let full = Bars {
            voting: 1_000,
            downvote: 0,
        };
        assert_eq!(available_to_delegate(&hf20, &own(1_000), full), 1_000);
        // Half the bar spent: half.
        let half = Bars {
            voting: 500,
            downvote: 0,
        };
        assert_eq!(available_to_delegate(&hf20, &own(1_000), half), 500);
        // Received VESTS cannot be passed on: max 1500, cap 1500 − 500 = 1000.
        let b = VestingBalances {
            received_vesting_shares: 500,
            ..own(1_000)
        };
        let bar = Bars {
            voting: 1_500,
            downvote: 0,
        };
        assert_eq!(available_to_delegate(&hf20, &b, bar), 1_000);
        // Powering down 400 in 4 weekly steps of 100: this week's 100 is already out of
        // the bar (max 900), and the remaining 300 cannot be delegated.
        let pd = VestingBalances {
            powering_down: true,
            vesting_withdraw_rate: 100,
            to_withdraw: 400,
            ..own(1_000)
        };
        let bar = Bars {
            voting: 900,
            downvote: 0,
        };
        assert_eq!(available_to_delegate(&hf20, &pd, bar), 600);
        // Pre-HF20: own − delegated − the whole power down left, whatever the bar.
        let hf19 = rules(Era::SteemHf19);
        let b = VestingBalances {
            delegated_vesting_shares: 100,
            ..pd
        };
        assert_eq!(available_to_delegate(&hf19, &b, Bars::default()), 500);
    }

    #[test]
    fn the_downvote_bar_limits_delegation_from_hf21() {
        let hf21 = rules(Era::SteemHf21);
        // Downvote bar 25% of 1000 = 250 when full: 250 × 4 + 3 = 1003 ≥ 1000.
        let full = Bars {
            voting: 1_000,
            downvote: 250,
        };
        assert_eq!(available_to_delegate(&hf21, &own(1_000), full), 1_000);
        // Downvote bar at 100: 100 × 4 + 3 = 403.
        let spent = Bars {
            voting: 1_000,
            downvote: 100,
        };
        assert_eq!(available_to_delegate(&hf21, &own(1_000), spent), 403);
    }

    #[test]
    fn mana_moves_with_the_vests() {
        let hf21 = rules(Era::SteemHf21);
        let now = Bars {
            voting: 1_000,
            downvote: 250,
        };
        // Delegating 400: 400 voting mana and ⌊400 × 0.25⌋ = 100 downvote mana used.
        let d = after_delegating(&hf21, now, 400);
        assert_eq!(
            d,
            Bars {
                voting: 600,
                downvote: 150
            }
        );
        // The delegatee gets them at once.
        assert_eq!(
            after_receiving(
                &hf21,
                Bars {
                    voting: 10,
                    downvote: 2
                },
                400
            ),
            Bars {
                voting: 410,
                downvote: 102
            }
        );
        // Removal takes them back, floored at 0.
        assert_eq!(
            after_removal(
                &hf21,
                Bars {
                    voting: 300,
                    downvote: 50
                },
                400
            ),
            Bars {
                voting: 0,
                downvote: 0
            }
        );
        // HF20: no downvote bar to move; no regeneration before a removal.
        let hf20 = rules(Era::SteemHf20);
        assert_eq!(
            after_delegating(
                &hf20,
                Bars {
                    voting: 1_000,
                    downvote: 0
                },
                400
            ),
            Bars {
                voting: 600,
                downvote: 0
            }
        );
        assert!(!regenerates_before_removal(&hf20));
        assert!(regenerates_before_removal(&hf21));
        // Before HF20 voting power (basis points) does not move.
        let hf19 = rules(Era::SteemHf19);
        let vp = Bars {
            voting: 9_000,
            downvote: 0,
        };
        assert_eq!(after_delegating(&hf19, vp, 400), vp);
        assert_eq!(after_receiving(&hf19, vp, 400), vp);
        assert_eq!(after_removal(&hf19, vp, 400), vp);
    }

    #[test]
    fn regeneration_uses_the_maxima_of_the_effective_vests() {
        let hf21 = rules(Era::SteemHf21);
        // A day of 5: a fifth of the maximum comes back.
        let r = regenerate(
            &hf21,
            1_000,
            Bars {
                voting: 0,
                downvote: 0,
            },
            86_400,
        );
        assert_eq!(
            r,
            Bars {
                voting: 200,
                downvote: 50
            }
        );
        // Above the maximum (the delegatee's bar right after receiving): cut to it.
        let r = regenerate(
            &hf21,
            1_000,
            Bars {
                voting: 1_400,
                downvote: 300,
            },
            3,
        );
        assert_eq!(
            r,
            Bars {
                voting: 1_000,
                downvote: 250
            }
        );
    }
}
