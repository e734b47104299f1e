//! Curation weight of a vote: the share of a post's curation reward a vote earns.
//!
//! Role: mirrors the curation part of the chain's vote evaluators — Steem
//! `pre_hf20_vote_evaluator` and `hf20_vote_evaluator` (`steem_evaluator.cpp`) and Hive's
//! `hf20_vote_evaluator` (`hive_evaluator_social.cpp`, HF25 windows) — and the tally of a
//! comment's votes in casting order ([`cast_votes`]).
//!
//! Invariant: a vote's weight is the rise it causes in the curation curve
//! W(vote_rshares), truncated to u64 exactly as the chain's `to_uint64` (which asserts the
//! value fits). The reverse auction discounts the *stored* weight but adds the undiscounted
//! rise to `total_vote_weight`, so the discounted part is paid to no one; the Hive HF25
//! windows reduce both, so the reduction is redistributed to the other curators.
//!
//! One code path serves every era: with `early_voting_seconds` = 0 (every Steem era) Hive's
//! evaluator and Steem's agree for any `reverse_auction_seconds` ≥ 1. A
//! `reverse_auction_seconds` of 0 disables the reverse auction (as on Hive); Steem's code
//! would divide by zero there, which no Steem era ever configured.

use super::curve::{evaluate_reward_curve, DivisionByZero, RewardCurve};
use super::era::Rules;
use super::fast_div::mul_div;

pub mod tally;
pub use tally::{cast_votes, CastVote, CommentVoteTotals, RejectedVote, VoteRejection, VoteTally};

/// Weight divisor in the Hive HF25 mid window (24 h ≤ age < 72 h): half weight.
const MID_WINDOW_DIVISOR: u64 = 2;
/// Weight divisor after the mid window (age ≥ 72 h): an eighth.
const LATE_WINDOW_DIVISOR: u64 = 8;

/// One vote as the evaluator sees it when it is cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurationVote {
    /// The comment's `vote_rshares` before this vote (sum of earlier positive rshares),
    /// rshares (VESTS satoshis). The chain never stores a negative value; one given here is
    /// widened to u128 by sign extension, as `fc::uint128(int64)` does.
    pub old_vote_rshares: i64,
    /// This vote's rshares (VESTS satoshis); ≤ 0 (downvotes, dust) earns no curation.
    pub rshares: i64,
    /// Seconds from the comment's creation to the vote.
    pub seconds_since_created: u32,
    /// The comment's `allow_curation_rewards`; false makes every vote ineligible.
    pub allow_curation_rewards: bool,
}

/// A vote's curation weight, in curation-curve units (the curve's claims, u64).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CurationWeight {
    /// The weight stored on the vote (`comment_vote_object::weight`), after the reverse
    /// auction or the HF25 window reduction; the vote's curation claim is proportional to it.
    pub vote_weight: u64,
    /// What the vote adds to the comment's `total_vote_weight` (`max_vote_weight`): the
    /// undiscounted rise before a reverse auction, the reduced one in the HF25 windows.
    pub total_vote_weight_increment: u64,
}

/// Where the chain's vote evaluator would throw instead of recording the vote.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurationError {
    /// `vote_rshares += rshares` overflows the chain's `safe<int64_t>`.
    #[error("vote_rshares {old_vote_rshares} + rshares {rshares} overflows int64 (the chain's safe<int64> addition throws)")]
    VoteRsharesOverflow {
        /// The comment's vote_rshares before the vote, rshares.
        old_vote_rshares: i64,
        /// The vote's rshares.
        rshares: i64,
    },
    /// The curation curve's value does not fit in u64; the chain's `to_uint64` asserts.
    #[error("the {curve} curation curve gives {value} at vote_rshares {vote_rshares}, past 2^64-1 (the chain's to_uint64 asserts)")]
    CurveValueTooLarge {
        /// The curation curve.
        curve: RewardCurve,
        /// The curve's input, rshares (as the chain's int64).
        vote_rshares: i64,
        /// The curve's u128 value, curation claims.
        value: u128,
    },
    /// The curve divides by zero (content_constant 0).
    #[error("{0}")]
    DivisionByZero(#[from] DivisionByZero),
}

/// W(vote_rshares): the curation curve at `vote_rshares`, truncated to u64 as the chain's
/// `to_uint64` does (`evaluate_reward_curve(...).to_uint64()` in the vote evaluators).
pub fn curation_curve_value(rules: &Rules, vote_rshares: i64) -> Result<u64, CurationError> {
    // fc::uint128(int64) and unsigned __int128 both sign-extend.
    let widened = vote_rshares as i128 as u128;
    let value = evaluate_reward_curve(widened, rules.curation_curve, rules.content_constant)?;
    u64::try_from(value).map_err(|_| CurationError::CurveValueTooLarge {
        curve: rules.curation_curve,
        vote_rshares,
        value,
    })
}

/// The curation weight of one new vote under `rules` (the curation block of
/// `pre_hf20_vote_evaluator` / `hf20_vote_evaluator`, Steem and Hive).
///
/// Eligible only if rshares > 0, `allow_curation_rewards` and `percent_curation_rewards` > 0;
/// an ineligible vote gets `CurationWeight::default()` (0, 0). Fails where the chain throws.
pub fn curation_weight(
    rules: &Rules,
    vote: &CurationVote,
) -> Result<CurationWeight, CurationError> {
    if vote.rshares <= 0 {
        return Ok(CurationWeight::default());
    }
    // The comment's vote_rshares grows before eligibility is checked, so an overflow throws
    // even for an ineligible vote.
    let new_vote_rshares = vote.old_vote_rshares.checked_add(vote.rshares).ok_or(
        CurationError::VoteRsharesOverflow {
            old_vote_rshares: vote.old_vote_rshares,
            rshares: vote.rshares,
        },
    )?;
    if !vote.allow_curation_rewards || rules.percent_curation_rewards == 0 {
        return Ok(CurationWeight::default());
    }
    let old_weight = curation_curve_value(rules, vote.old_vote_rshares)?;
    let new_weight = curation_curve_value(rules, new_vote_rshares)?;
    let rise = if rules.curation_weight_guard {
        // HF20: a vote that does not raise the curve gets nothing.
        if old_weight >= new_weight {
            return Ok(CurationWeight::default());
        }
        new_weight - old_weight
    } else {
        // Before HF20 the u64 difference is taken unguarded and wraps.
        new_weight.wrapping_sub(old_weight)
    };
    Ok(discount_by_time(rules, rise, vote.seconds_since_created))
}

/// Applies the reverse auction or the HF25 windows to a vote's curve rise `rise`.
fn discount_by_time(rules: &Rules, rise: u64, seconds_since_created: u32) -> CurationWeight {
    let age = u64::from(seconds_since_created);
    let auction = u64::from(rules.reverse_auction_seconds);
    let early = u64::from(rules.early_voting_seconds);
    let mid = u64::from(rules.mid_voting_seconds);
    if age < auction {
        // u128 product, one division: ⌊rise · age / auction⌋ ≤ rise, so it fits in u64.
        // age < auction < 2^32, so mul_div never needs a u128 division here.
        let stored = mul_div(rise, age, auction);
        CurationWeight {
            vote_weight: stored as u64,
            total_vote_weight_increment: rise,
        }
    } else if early > 0 && age >= early {
        let divisor = if age < early + mid {
            MID_WINDOW_DIVISOR
        } else {
            LATE_WINDOW_DIVISOR
        };
        let reduced = rise / divisor;
        CurationWeight {
            vote_weight: reduced,
            total_vote_weight_increment: reduced,
        }
    } else {
        CurationWeight {
            vote_weight: rise,
            total_vote_weight_increment: rise,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::era::Era;
    use crate::mechanics::fast_div::tests::edgy_u64;
    use proptest::prelude::*;

    /// Two equal votes whose √-curve split is 70.7% / 29.3%: X = 2^40 + 53·2^33, so
    /// approx_sqrt(X) = 2^20 + 53·2^12 = 1 265 664 and approx_sqrt(2X) = 2^20 + 741 376 = 1 789 952.
    pub(crate) const EQUAL_VOTE_RSHARES: i64 = 1_554_778_161_152;

    fn rules_with(era: Era, edit: impl FnOnce(&mut Rules)) -> Rules {
        let mut rules = Rules::for_era(era);
        edit(&mut rules);
        rules
    }

    fn weigh(rules: &Rules, old: i64, rshares: i64, age: u32) -> Result<(u64, u64), CurationError> {
        let vote = CurationVote {
            old_vote_rshares: old,
            rshares,
            seconds_since_created: age,
            allow_curation_rewards: true,
        };
        curation_weight(rules, &vote).map(|w| (w.vote_weight, w.total_vote_weight_increment))
    }

    /// (rules, old_vote_rshares, rshares, age, (vote_weight, total increment)).
    type Case<'a> = (&'a Rules, i64, i64, u32, (u64, u64));

    #[test]
    fn table_of_hand_checked_weights() {
        let hf19 = Rules::for_era(Era::SteemHf19); // √ curve, 1800 s auction, no guard
        let hf20 = Rules::for_era(Era::SteemHf20); // √ curve, 900 s auction, guard
        let hf21 = Rules::for_era(Era::SteemHf21); // convergent √, 300 s auction, guard
        let hf25 = Rules::for_era(Era::HiveHf25); // linear, no auction, 24 h / 72 h windows
        let x = EQUAL_VOTE_RSHARES;
        let drop = 4_796_093_022_207; // convergent √ drops by 1 from here to here + 1
        let unguarded_drop = rules_with(Era::SteemHf19, |r| {
            r.curation_curve = RewardCurve::ConvergentSquareRoot
        });
        let cases: &[Case] = &[
            // √(4^10) = 1024; the auction scales the stored weight by age / 1800.
            (&hf19, 0, 1 << 20, 1800, (1024, 1024)),
            (&hf19, 0, 1 << 20, 900, (512, 1024)),
            (&hf19, 0, 1 << 20, 600, (341, 1024)),
            (&hf19, 0, 1 << 20, 0, (0, 1024)),
            (&hf19, 1 << 20, 3 << 20, 5000, (1024, 1024)),
            (&hf19, 0, 0, 5000, (0, 0)),
            (&hf19, 0, -5, 5000, (0, 0)),
            // The two equal votes, at the end of the HF20 auction.
            (&hf20, 0, x, 900, (1_265_664, 1_265_664)),
            (&hf20, x, x, 900, (524_288, 524_288)),
            (&hf20, x, x, 450, (262_144, 524_288)),
            // HF21: the guard turns the convergent √ drop into weight 0.
            (&hf21, drop, 1, 300, (0, 0)),
            // Pre-HF20 the same drop wraps to 2^64 − 1, half of it after half the auction.
            (&unguarded_drop, drop, 1, 1800, (u64::MAX, u64::MAX)),
            (&unguarded_drop, drop, 1, 900, ((1 << 63) - 1, u64::MAX)),
            // Hive HF25 windows: full < 24 h, ½ until 72 h, ⅛ after; the total gets the same.
            (&hf25, 0, 1000, 0, (1000, 1000)),
            (&hf25, 0, 1000, 86_399, (1000, 1000)),
            (&hf25, 0, 1000, 86_400, (500, 500)),
            (&hf25, 0, 1001, 259_199, (500, 500)),
            (&hf25, 0, 1000, 259_200, (125, 125)),
            (&hf25, 0, 7, 259_200, (0, 0)),
        ];
        for (i, &(rules, old, rshares, age, want)) in cases.iter().enumerate() {
            assert_eq!(weigh(rules, old, rshares, age), Ok(want), "case {i}");
        }
    }

    #[test]
    fn ineligible_votes_weigh_nothing() {
        let rules = Rules::for_era(Era::SteemHf21);
        let mut vote = CurationVote {
            old_vote_rshares: 0,
            rshares: 1 << 40,
            seconds_since_created: 600,
            allow_curation_rewards: false,
        };
        assert_eq!(
            curation_weight(&rules, &vote),
            Ok(CurationWeight::default())
        );
        vote.allow_curation_rewards = true;
        let no_curation = rules_with(Era::SteemHf21, |r| r.percent_curation_rewards = 0);
        assert_eq!(
            curation_weight(&no_curation, &vote),
            Ok(CurationWeight::default())
        );
    }

    #[test]
    fn chain_asserts_become_errors() {
        let hf21 = Rules::for_era(Era::SteemHf21);
        // vote_rshares overflow throws even when curation is not allowed.
        let vote = CurationVote {
            old_vote_rshares: i64::MAX,
            rshares: 1,
            seconds_since_created: 0,
            allow_curation_rewards: false,
        };
        assert!(matches!(
            curation_weight(&hf21, &vote),
            Err(CurationError::VoteRsharesOverflow { .. })
        ));
        // (2^40 + 2·10^12)² − (2·10^12)² > 2^64: to_uint64 asserts.
        let quadratic = rules_with(Era::SteemHf21, |r| {
            r.curation_curve = RewardCurve::Quadratic
        });
        assert!(matches!(
            weigh(&quadratic, 0, 1 << 40, 0),
            Err(CurationError::CurveValueTooLarge { .. })
        ));
        // A negative vote_rshares sign-extends to ~2^128 under the linear curve.
        let linear = Rules::for_era(Era::HiveHf25);
        assert!(matches!(
            weigh(&linear, -1, 5, 0),
            Err(CurationError::CurveValueTooLarge { .. })
        ));
        let no_s = rules_with(Era::SteemHf21, |r| r.content_constant = 0);
        assert_eq!(
            weigh(&no_s, 0, 5, 0),
            Err(CurationError::DivisionByZero(DivisionByZero))
        );
    }

    #[test]
    fn zero_reverse_auction_means_none() {
        let rules = rules_with(Era::SteemHf20, |r| r.reverse_auction_seconds = 0);
        assert_eq!(weigh(&rules, 0, 1 << 20, 0), Ok((1024, 1024)));
    }

    proptest! {
        #[test]
        fn reverse_auction_equals_the_plain_u128_quotient(
            rise in edgy_u64(),
            age in any::<u32>(),
            auction in 1u32..=u32::MAX,
            near_end in 1u32..1_000,
        ) {
            let rules = rules_with(Era::SteemHf21, |r| r.reverse_auction_seconds = auction);
            for age in [age % auction, auction.saturating_sub(near_end)] {
                let plain = u128::from(rise) * u128::from(age) / u128::from(auction);
                let weight = discount_by_time(&rules, rise, age);
                prop_assert_eq!(u128::from(weight.vote_weight), plain);
                prop_assert_eq!(weight.total_vote_weight_increment, rise);
            }
        }

        #[test]
        fn never_panics_and_stored_never_exceeds_total(
            era in prop::sample::select(Era::ALL.to_vec()),
            curve in prop::sample::select(RewardCurve::ALL.to_vec()),
            s in any::<u128>(),
            old in any::<i64>(),
            rshares in any::<i64>(),
            age in any::<u32>(),
            auction in any::<u32>(),
            early in any::<u32>(),
            mid in any::<u32>(),
        ) {
            let rules = rules_with(era, |r| {
                r.curation_curve = curve;
                r.content_constant = s;
                r.reverse_auction_seconds = auction;
                r.early_voting_seconds = early;
                r.mid_voting_seconds = mid;
            });
            if let Ok((stored, total)) = weigh(&rules, old, rshares, age) {
                prop_assert!(stored <= total);
            }
        }

        #[test]
        fn era_defaults_on_chain_range_never_fail(
            era in prop::sample::select(Era::ALL.to_vec()),
            old in 0i64..(1 << 62),
            rshares in 0i64..(1 << 62),
            age in any::<u32>(),
        ) {
            prop_assert!(weigh(&Rules::for_era(era), old, rshares, age).is_ok());
        }
    }
}
