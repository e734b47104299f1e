//! The pre-HF20 voting-power vote (`pre_hf20_vote_evaluator` in Steem's
//! `steem_evaluator.cpp`), as it ran from HF17 to HF19.
//!
//! Role: prices a vote in voting power p ∈ 0..=10000 basis points. Power regenerates by
//! ⌊10000·t/R⌋ over t seconds since the last vote (capped at 10000); a vote of weight w
//! uses ⌈⌊p·|w|/10000⌋·86400 / (ρ·R)⌉ (the early division is the chain's, kept for
//! compatibility; the ceiling is HF14's), i.e. about 0.5% of power for a full vote with
//! ρ = 40 (HF17) and 2% with ρ = 10 (HF19); the rshares are ⌊E·used/10000⌋ (u128). Votes
//! whose rshares are not above the dust threshold are rejected (HF14+), and upvotes within
//! `upvote_lockout_seconds` of cashout are rejected (HF17+).
//!
//! Invariant: the checks run in the chain's order; an accepted vote leaves a power of
//! 0..=10000 and its rshares are at most E.

use super::constants::{STEEM_100_PERCENT, STEEM_MIN_VOTE_INTERVAL_SEC};
use super::era::Rules;
use super::fast_div::mul_div;
use super::vote::{max_vote_denom, VoteInput, VoteOutcome, VoteRejection, SECONDS_PER_DAY};

/// Casts a new pre-HF20 vote (`pre_hf20_vote_evaluator`, HF17–HF19 branches). Reads
/// `input.voting_mana` as the voting power in basis points and `input.elapsed_seconds` as
/// the time since the last vote; `input.downvote_mana` is returned unchanged. The outcome's
/// `used_mana` and `voting_mana` are voting power in basis points.
pub fn pre_hf20_vote(rules: &Rules, input: &VoteInput) -> Result<VoteOutcome, VoteRejection> {
    let full_power = i64::from(STEEM_100_PERCENT);
    let weight = i64::from(input.weight);
    if weight.abs() > full_power {
        return Err(VoteRejection::WeightOutOfRange);
    }
    if input.effective_vests < 0 {
        return Err(VoteRejection::NegativeEffectiveVests);
    }

    let elapsed_seconds = i64::from(input.elapsed_seconds);
    if elapsed_seconds < i64::from(STEEM_MIN_VOTE_INTERVAL_SEC) {
        return Err(VoteRejection::MinVoteInterval);
    }
    if rules.vote_regeneration_seconds == 0 {
        return Err(VoteRejection::ZeroVoteDenominator);
    }
    let regenerated_power =
        full_power * elapsed_seconds / i64::from(rules.vote_regeneration_seconds);
    let current_power = input
        .voting_mana
        .saturating_add(regenerated_power)
        .min(full_power);
    if current_power <= 0 {
        return Err(VoteRejection::NoMana);
    }

    let denom = max_vote_denom(rules).ok_or(VoteRejection::ZeroVoteDenominator)?;
    // Early division, then the HF14 ceiling.
    let used_power = current_power * weight.abs() / full_power * i64::from(SECONDS_PER_DAY);
    let used_power = (used_power + denom - 1) / denom;
    if used_power > current_power {
        return Err(VoteRejection::InsufficientMana);
    }

    // used_power ≤ 10000, so the quotient is at most E and fits in i64.
    let abs_rshares = rshares_of(
        input.effective_vests.unsigned_abs(),
        used_power.unsigned_abs(),
    ) as i64;
    if !(abs_rshares > rules.vote_dust_threshold || weight == 0) {
        return Err(VoteRejection::Dust);
    }
    if weight == 0 {
        return Err(VoteRejection::ZeroWeight);
    }
    let rshares = if weight < 0 {
        -abs_rshares
    } else {
        abs_rshares
    };
    // "now < cashout_time − 12 h" for any upvote.
    if rshares > 0 && input.seconds_to_cashout <= i64::from(rules.upvote_lockout_seconds) {
        return Err(VoteRejection::UpvoteLockout);
    }
    if abs_rshares <= 0 {
        return Err(VoteRejection::ZeroRshares);
    }

    Ok(VoteOutcome {
        used_mana: used_power,
        rshares,
        voting_mana: current_power - used_power,
        downvote_mana: input.downvote_mana,
    })
}

/// A vote's |rshares| ⌊E·used/10000⌋ of the u128 product, for effective vesting shares E and
/// used power `used_power` (basis points).
fn rshares_of(effective_vests: u64, used_power: u64) -> u128 {
    // With used ≤ 10000 and the constant divisor 10000, mul_div divides only in u64.
    mul_div(effective_vests, used_power, u64::from(STEEM_100_PERCENT))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::era::Era;
    use crate::mechanics::fast_div::tests::edgy_u64;
    use proptest::prelude::*;

    const E: i64 = 1_000_000_000_000;

    fn vote(
        era: Era,
        e: i64,
        p: i64,
        dt: u32,
        w: i16,
        to_cashout: i64,
    ) -> Result<VoteOutcome, VoteRejection> {
        let input = VoteInput {
            effective_vests: e,
            voting_mana: p,
            downvote_mana: 0,
            elapsed_seconds: dt,
            seconds_since_last_vote: 0,
            weight: w,
            seconds_to_cashout: to_cashout,
        };
        pre_hf20_vote(&Rules::for_era(era), &input)
    }

    fn ok(used: i64, rshares: i64, p: i64) -> Result<VoteOutcome, VoteRejection> {
        Ok(VoteOutcome {
            used_mana: used,
            rshares,
            voting_mana: p,
            downvote_mana: 0,
        })
    }

    #[test]
    fn hand_checked_votes() {
        use Era::*;
        use VoteRejection::*;
        let week = 604_800;
        let cases = [
            // HF19: 10000·86400/4 320 000 = 200 (2%); rshares ⌊E·200/10000⌋, no dust subtracted.
            (
                SteemHf19,
                E,
                10_000,
                3,
                10_000,
                week,
                ok(200, 20_000_000_000, 9_800),
            ),
            // HF17: ρ = 40 → ⌈864 000 000/17 280 000⌉ = 50 (0.5%).
            (
                SteemHf17,
                E,
                10_000,
                3,
                10_000,
                week,
                ok(50, 5_000_000_000, 9_950),
            ),
            // Half a day regenerates ⌊10000·43200/432000⌋ = 1000: 6000 → 120 used.
            (
                SteemHf19,
                E,
                5_000,
                43_200,
                10_000,
                week,
                ok(120, 12_000_000_000, 5_880),
            ),
            // Regeneration is capped at full power.
            (
                SteemHf19,
                E,
                9_999,
                432_000,
                10_000,
                week,
                ok(200, 20_000_000_000, 9_800),
            ),
            // Early division: ⌊9999·1/10000⌋ = 0 → 0 used → 0 rshares → dust.
            (SteemHf19, E, 9_999, 3, 1, week, Err(Dust)),
            // … while full power at 0.01%: ⌈86400/4320000⌉ = 1 → ⌊E/10000⌋ = 10^8 > dust.
            (SteemHf19, E, 10_000, 3, 1, week, ok(1, 100_000_000, 9_999)),
            // Dust: 200 used of E = 2.5·10^9 gives exactly 5·10^7, not above the threshold.
            (SteemHf19, 2_500_000_000, 10_000, 3, 10_000, week, Err(Dust)),
            (
                SteemHf19,
                2_500_000_050,
                10_000,
                3,
                10_000,
                week,
                ok(200, 50_000_001, 9_800),
            ),
            // Downvote: same cost, negative rshares.
            (
                SteemHf19,
                E,
                10_000,
                3,
                -10_000,
                week,
                ok(200, -20_000_000_000, 9_800),
            ),
            // Lockout: upvotes need more than 12 h to cashout; downvotes are never locked out.
            (SteemHf19, E, 10_000, 3, 10_000, 43_200, Err(UpvoteLockout)),
            (
                SteemHf19,
                E,
                10_000,
                3,
                10_000,
                43_201,
                ok(200, 20_000_000_000, 9_800),
            ),
            (
                SteemHf17,
                E,
                10_000,
                3,
                -10_000,
                -5,
                ok(50, -5_000_000_000, 9_950),
            ),
            (SteemHf19, E, 0, 3, 10_000, week, Err(NoMana)),
            (SteemHf19, E, 10_000, 2, 10_000, week, Err(MinVoteInterval)),
            // Weight 0 passes the dust check and fails the weight check.
            (SteemHf19, E, 10_000, 3, 0, week, Err(ZeroWeight)),
            (
                SteemHf19,
                E,
                10_000,
                3,
                -10_001,
                week,
                Err(WeightOutOfRange),
            ),
            (
                SteemHf19,
                -1,
                10_000,
                3,
                100,
                week,
                Err(NegativeEffectiveVests),
            ),
        ];
        for (i, (era, e, p, dt, w, cash, want)) in cases.into_iter().enumerate() {
            assert_eq!(
                vote(era, e, p, dt, w, cash),
                want,
                "case {i}: {era} p={p} w={w}"
            );
        }
    }

    #[test]
    fn insufficient_power_with_a_tiny_denominator() {
        // With the chain's rules a vote never costs more than the power it has; with
        // ρ = 1 and R = 1 the denominator is 1 and a full vote costs 864 000 000.
        let mut rules = Rules::for_era(Era::SteemHf19);
        rules.vote_regeneration_seconds = 1;
        rules.vote_power_reserve_rate = 1;
        let input = VoteInput {
            effective_vests: E,
            voting_mana: 0,
            elapsed_seconds: 3,
            weight: 10_000,
            seconds_to_cashout: 604_800,
            ..VoteInput::default()
        };
        // Power 10000 (regenerated), used ⌈864 000 000/1⌉ > 10000.
        assert_eq!(
            pre_hf20_vote(&rules, &input),
            Err(VoteRejection::InsufficientMana)
        );
    }

    proptest! {
        #[test]
        fn rshares_equal_the_plain_u128_quotient(
            e in edgy_u64(), used in 0u64..=10_000, any_used in edgy_u64(),
        ) {
            for used in [used, any_used] {
                let plain = u128::from(e) * u128::from(used) / u128::from(STEEM_100_PERCENT);
                prop_assert_eq!(rshares_of(e, used), plain);
            }
        }

        #[test]
        fn accepted_votes_stay_in_range(
            e in 0..=i64::MAX, p in 0i64..=10_000, dt in any::<u32>(),
            w in -10_000i16..=10_000, cash in any::<i64>(), hf19 in any::<bool>(),
        ) {
            let era = if hf19 { Era::SteemHf19 } else { Era::SteemHf17 };
            if let Ok(out) = vote(era, e, p, dt, w, cash) {
                let regenerated = (p + 10_000 * i64::from(dt) / 432_000).min(10_000);
                prop_assert!(out.used_mana >= 1 && out.used_mana <= regenerated);
                prop_assert_eq!(out.voting_mana, regenerated - out.used_mana);
                prop_assert!(out.rshares.unsigned_abs() <= e.unsigned_abs());
                prop_assert!(out.rshares.unsigned_abs() > 50_000_000);
            }
        }
    }
}
