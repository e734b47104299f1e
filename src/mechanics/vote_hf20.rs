//! The HF20+ manabar vote (`hf20_vote_evaluator`, Steem `steem_evaluator.cpp` and Hive
//! `hive_evaluator_social.cpp`).
//!
//! Role: prices a vote in mana. With E the effective vesting shares, c the voting mana and
//! c_d the downvote mana after regeneration, w = |weight|, ρ the reserve rate and
//! R the regeneration time, the vote's raw mana is ⌊x·w·86400/10000⌋ (u128) where x is c,
//! or for a downvote with a pool max(⌊c_d·10000/P⌋, c) (HF22 formula), or E from Hive HF28;
//! the used mana is ⌈raw/(ρ·R)⌉ (a full vote: 2% of x); the rshares are used mana less the
//! dust threshold, reduced linearly inside `upvote_lockout_seconds` before cashout (up and
//! down votes). A pool downvote spends downvote mana first and the rest from voting mana.
//!
//! Invariant: the checks run in the chain's order (Steem checks a zero weight last, Hive
//! first), so a vote failing several of them is rejected for the same reason as on chain.

use std::num::NonZeroU32;

use super::constants::{STEEM_100_PERCENT, STEEM_MIN_VOTE_INTERVAL_SEC};
use super::era::{Era, Rules};
use super::fast_div::mul_div;
use super::manabar::{downvote_max_mana, regenerate_mana, Manabar};
use super::vote::{max_vote_denom, VoteInput, VoteOutcome, VoteRejection, SECONDS_PER_DAY};

/// Casts a new HF20+ vote (`hf20_vote_evaluator`); see the module doc for the formulas.
/// `rules.downvote_pool_percent > 0` turns on the downvote manabar (HF21+), and
/// `rules.vote_strength_from_max_mana` prices votes from E (Hive HF28).
pub fn hf20_vote(rules: &Rules, input: &VoteInput) -> Result<VoteOutcome, VoteRejection> {
    let weight = i64::from(input.weight);
    if weight.unsigned_abs() > u64::from(STEEM_100_PERCENT) {
        return Err(VoteRejection::WeightOutOfRange);
    }
    let effective_vests = input.effective_vests;
    if effective_vests < 0 {
        return Err(VoteRejection::NegativeEffectiveVests);
    }
    let regeneration_seconds = NonZeroU32::new(rules.vote_regeneration_seconds)
        .ok_or(VoteRejection::ZeroVoteDenominator)?;

    if input.seconds_to_cashout <= 0 {
        return Err(VoteRejection::CashoutInProgress);
    }
    if input.seconds_since_last_vote < min_vote_interval(rules.era) {
        return Err(VoteRejection::MinVoteInterval);
    }
    if rules.era.is_hive() && weight == 0 {
        return Err(VoteRejection::ZeroWeight);
    }

    // update_manabar: regenerate both bars, then use_mana(0) floors them at 0.
    let mut voting = Manabar {
        current_mana: regenerate_mana(
            input.voting_mana,
            effective_vests,
            input.elapsed_seconds,
            regeneration_seconds,
        ),
        last_update_time: 0,
    };
    voting.use_mana(0);
    let pool_percent = rules.downvote_pool_percent;
    let mut downvote = Manabar {
        current_mana: input.downvote_mana,
        last_update_time: 0,
    };
    if pool_percent > 0 {
        let max_downvote =
            downvote_max_mana(effective_vests, pool_percent).ok_or(VoteRejection::ManaOverflow)?;
        downvote.current_mana = regenerate_mana(
            input.downvote_mana,
            max_downvote,
            input.elapsed_seconds,
            regeneration_seconds,
        );
        downvote.use_mana(0);
    }
    let (c, c_d) = (voting.current_mana, downvote.current_mana);

    if !rules.era.is_hive() {
        let no_mana = if rules.era < Era::SteemHf21 {
            c <= 0
        } else {
            c < 0
        };
        if no_mana {
            return Err(VoteRejection::NoMana);
        }
    }

    let pool_downvote = pool_percent > 0 && weight < 0;
    // Both bars are ≥ 0 here, so the u128 conversions are exact.
    let strength = if rules.vote_strength_from_max_mana {
        effective_vests.unsigned_abs() as u128
    } else if pool_downvote {
        downvote_as_voting(c_d.unsigned_abs(), pool_percent).max(u128::from(c.unsigned_abs()))
    } else {
        u128::from(c.unsigned_abs())
    };
    let raw_mana = raw_mana_of(strength, input.weight.unsigned_abs());

    let denom = max_vote_denom(rules).ok_or(VoteRejection::ZeroVoteDenominator)?;
    let used_mana = used_mana_of(raw_mana, denom.unsigned_abs());
    let used_mana = i64::try_from(used_mana).map_err(|_| VoteRejection::ManaOverflow)?;

    let enough = if pool_downvote {
        // The chain adds two i64 in C++; on real balances the sum never overflows.
        c.wrapping_add(c_d) > used_mana
    } else {
        voting.has_mana(used_mana)
    };
    if !enough {
        return Err(VoteRejection::InsufficientMana);
    }

    let mut abs_rshares = used_mana.saturating_sub(rules.vote_dust_threshold).max(0);
    // cashout_time − now as the chain's uint32 (positive here).
    let cashout_delta = input.seconds_to_cashout as u32;
    let lockout = rules.upvote_lockout_seconds;
    if cashout_delta < lockout {
        let reduced = lockout_reduction(abs_rshares.unsigned_abs(), cashout_delta, lockout);
        abs_rshares = reduced as i64; // ≤ abs_rshares
    }

    if !rules.era.is_hive() && weight == 0 {
        return Err(VoteRejection::ZeroWeight);
    }
    let rshares = if weight < 0 {
        -abs_rshares
    } else {
        abs_rshares
    };

    if pool_downvote {
        if used_mana > downvote.current_mana {
            let remainder = used_mana - downvote.current_mana;
            downvote.use_mana(downvote.current_mana);
            voting.use_mana(remainder);
        } else {
            downvote.use_mana(used_mana);
        }
    } else {
        voting.use_mana(used_mana);
    }

    Ok(VoteOutcome {
        used_mana,
        rshares,
        voting_mana: voting.current_mana,
        downvote_mana: downvote.current_mana,
    })
}

/// Downvote mana `downvote_mana` valued as voting mana for a downvote pool of
/// `pool_percent` (> 0) basis points: ⌊c_d·10000/P⌋ of the u128 product.
fn downvote_as_voting(downvote_mana: u64, pool_percent: u16) -> u128 {
    // P·10^4 < 2^32, so mul_div never needs a u128 division here.
    mul_div(
        downvote_mana,
        u64::from(STEEM_100_PERCENT),
        u64::from(pool_percent),
    )
}

/// The vote's raw mana ⌊x·w·86400/10000⌋ for strength x and |weight| w (u128; the product
/// never wraps: x < 2^77 and w < 2^16 here).
fn raw_mana_of(strength: u128, weight_abs: u16) -> u128 {
    match u64::try_from(strength) {
        // x·(w·86400) is the same u128 product as (x·w)·86400; w·86400 < 2^33 and the
        // divisor is the constant 10000, so mul_div divides only in u64.
        Ok(x) => mul_div(
            x,
            u64::from(weight_abs) * u64::from(SECONDS_PER_DAY),
            u64::from(STEEM_100_PERCENT),
        ),
        Err(_) => {
            strength * u128::from(weight_abs) * u128::from(SECONDS_PER_DAY)
                / u128::from(STEEM_100_PERCENT)
        }
    }
}

/// The used mana ⌈raw/denom⌉ (u128) for the max vote denominator `denom` (> 0), in u64
/// when the raw mana fits (same result).
fn used_mana_of(raw_mana: u128, denom: u64) -> u128 {
    match u64::try_from(raw_mana) {
        Ok(raw) => u128::from(raw.div_ceil(denom)),
        Err(_) => raw_mana.div_ceil(u128::from(denom)),
    }
}

/// The rshares of a vote `cashout_delta` seconds before cashout, inside the lockout of
/// `lockout` (> `cashout_delta`) seconds: ⌊rshares·delta/lockout⌋ of the u128 product.
fn lockout_reduction(abs_rshares: u64, cashout_delta: u32, lockout: u32) -> u128 {
    // delta < lockout < 2^32, so mul_div never needs a u128 division here.
    mul_div(abs_rshares, u64::from(cashout_delta), u64::from(lockout))
}

/// Seconds required between two votes of one voter: `STEEM_MIN_VOTE_INTERVAL_SEC` until
/// Hive HF26 (`HIVE_HARDFORK_1_26_NO_VOTE_COOLDOWN`), none after.
pub fn min_vote_interval(era: Era) -> u32 {
    if era >= Era::HiveHf28 {
        0
    } else {
        STEEM_MIN_VOTE_INTERVAL_SEC
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::fast_div::tests::{edgy_u128, edgy_u64};
    use crate::mechanics::vote::cast_vote;
    use proptest::prelude::*;

    const E: i64 = 1_000_000_000_000; // 1 000 000 VESTS

    fn vote(
        era: Era,
        c: i64,
        c_d: i64,
        dt: u32,
        w: i16,
        to_cashout: i64,
    ) -> Result<VoteOutcome, VoteRejection> {
        let input = VoteInput {
            effective_vests: E,
            voting_mana: c,
            downvote_mana: c_d,
            elapsed_seconds: dt,
            seconds_since_last_vote: dt,
            weight: w,
            seconds_to_cashout: to_cashout,
        };
        hf20_vote(&Rules::for_era(era), &input)
    }

    fn ok(used: i64, rshares: i64, c: i64, c_d: i64) -> Result<VoteOutcome, VoteRejection> {
        Ok(VoteOutcome {
            used_mana: used,
            rshares,
            voting_mana: c,
            downvote_mana: c_d,
        })
    }

    #[test]
    fn hand_checked_votes() {
        use Era::*;
        use VoteRejection::*;
        let week = 604_800;
        // A full vote at full mana: ⌈E·86400/4 320 000⌉ = E/50; rshares less 5·10^7 dust.
        let (full, rs) = (E / 50, E / 50 - 50_000_000);
        #[rustfmt::skip]
        let cases = [
            (SteemHf21, E, E / 4, 3, 10_000, week, ok(full, rs, E - full, E / 4)),
            // HF20 has no pool: the downvote bar is returned as given …
            (SteemHf20, E, 7, 3, 10_000, week, ok(full, rs, E - full, 7)),
            // … and a downvote spends voting mana.
            (SteemHf20, E, 7, 3, -10_000, week, ok(full, -rs, E - full, 7)),
            // Pool downvote: max(4·c_d, c) = 10^12 → E/50 from the downvote bar.
            (SteemHf21, E, E / 4, 3, -10_000, week, ok(full, -rs, E, E / 4 - full)),
            // Spill-over: c_d = 10^10 + ⌊2.5·10^11·3/432000⌋ = 10 001 736 111 < used.
            (SteemHf21, E, 10_000_000_000, 3, -10_000, week,
             ok(full, -rs, E - (full - 10_001_736_111), 0)),
            // Late votes, up and down: ⌊19 950 000 000·21600/43200⌋, ⌊… ·1/43200⌋.
            (SteemHf21, E, E / 4, 3, 10_000, 21_600, ok(full, 9_975_000_000, E - full, E / 4)),
            (SteemHf21, E, E / 4, 3, -10_000, 1, ok(full, -461_805, E, E / 4 - full)),
            // Half mana, 1% weight on Hive HF25: c = 5·10^11 + 6 944 444, c_d = 1.25·10^11 +
            // 1 736 111; ⌈c·100·86400/10000/4 320 000⌉ = ⌈c/5000⌉ = 100 001 389.
            (HiveHf25, E / 2, E / 8, 3, 100, week,
             ok(100_001_389, 50_001_389, 500_006_944_444 - 100_001_389, 125_001_736_111)),
            // Hive HF28 prices from E (E/50 although c is half full; no interval needed) …
            (HiveHf28, E / 2, E / 4, 0, 10_000, week, ok(full, rs, E / 2 - full, E / 4)),
            // … and rejects when c < E/50.
            (HiveHf28, 1_000_000_000, 0, 3, 10_000, week, Err(InsufficientMana)),
            (SteemHf21, E, E / 4, 3, 10_000, 0, Err(CashoutInProgress)),
            (SteemHf21, E, E / 4, 3, 10_000, -100, Err(CashoutInProgress)),
            (SteemHf21, E, E / 4, 2, 10_000, week, Err(MinVoteInterval)),
            (HiveHf25, E, E / 4, 2, 10_000, week, Err(MinVoteInterval)),
            (SteemHf21, E, E / 4, 3, 0, week, Err(ZeroWeight)),
            // −10^7 + 6 944 444 < 0 is floored to 0. Steem HF20 rejects c ≤ 0 before it
            // looks at the weight; HF21 accepts c = 0; Hive checks the weight first.
            (SteemHf20, -10_000_000, 0, 3, 0, week, Err(NoMana)),
            (SteemHf20, -10_000_000, 0, 3, 10_000, week, Err(NoMana)),
            (SteemHf21, -10_000_000, 0, 3, 10_000, week, ok(0, 0, 0, 1_736_111)),
            (HiveHf25, -10_000_000, 0, 3, 0, week, Err(ZeroWeight)),
            (SteemHf21, E, E / 4, 3, 10_001, week, Err(WeightOutOfRange)),
        ];
        for (i, (era, c, c_d, dt, w, cash, want)) in cases.into_iter().enumerate() {
            assert_eq!(
                vote(era, c, c_d, dt, w, cash),
                want,
                "case {i}: {era} c={c} w={w}"
            );
        }
    }

    #[test]
    fn empty_bars() {
        let rules = Rules::for_era(Era::SteemHf21);
        let mut input = VoteInput {
            effective_vests: 0,
            elapsed_seconds: 3,
            seconds_since_last_vote: 3,
            weight: 10_000,
            seconds_to_cashout: 100_000,
            ..VoteInput::default()
        };
        // HF21 accepts a vote of nothing (mana ≥ 0) …
        assert_eq!(hf20_vote(&rules, &input), ok(0, 0, 0, 0));
        // … but a downvote needs c + c_d > used, here 0 > 0.
        input.weight = -10_000;
        assert_eq!(
            hf20_vote(&rules, &input),
            Err(VoteRejection::InsufficientMana)
        );
        // E = 4: M_d = 1, c_d = 1 → max(4, 0)·86400 → used 1; 0 + 1 > 1 fails.
        input.effective_vests = 4;
        input.downvote_mana = 1;
        assert_eq!(
            hf20_vote(&rules, &input),
            Err(VoteRejection::InsufficientMana)
        );
        // Negative stored mana is floored at 0 by update_manabar before any check.
        input.effective_vests = E;
        input.voting_mana = -1_000_000_000_000_000;
        input.downvote_mana = E / 4;
        input.weight = 10_000;
        assert_eq!(hf20_vote(&rules, &input), ok(0, 0, 0, E / 4));
    }

    #[test]
    fn dust_is_subtracted() {
        let rules = Rules::for_era(Era::SteemHf21);
        let input = |e| VoteInput {
            effective_vests: e,
            voting_mana: e,
            downvote_mana: 0,
            elapsed_seconds: 3,
            seconds_since_last_vote: 3,
            weight: 10_000,
            seconds_to_cashout: 100_000,
        };
        // 2500 VESTS: a full vote is exactly the dust threshold.
        assert_eq!(hf20_vote(&rules, &input(2_500_000_000)).unwrap().rshares, 0);
        assert_eq!(
            hf20_vote(&rules, &input(2_600_000_000)).unwrap().rshares,
            2_000_000
        );
    }

    proptest! {
        #[test]
        fn mana_arithmetic_equals_the_plain_u128_quotients(
            x in edgy_u64(),
            wide in edgy_u128(),
            w in any::<u16>(),
            p in 1..=u16::MAX,
            denom in edgy_u64(),
            lockout in 1..=u32::MAX,
            delta in any::<u32>(),
        ) {
            let hundred = u128::from(STEEM_100_PERCENT);
            prop_assert_eq!(
                downvote_as_voting(x, p),
                u128::from(x) * hundred / u128::from(p)
            );
            // Strengths below 2^88 (past the chain's 2^77), so the product cannot wrap.
            for strength in [u128::from(x), wide >> 40, u128::from(x) * hundred] {
                prop_assert_eq!(
                    raw_mana_of(strength, w),
                    strength * u128::from(w) * u128::from(SECONDS_PER_DAY) / hundred
                );
            }
            for denom in [denom.max(1), 4_320_000, 17_280_000] {
                prop_assert_eq!(used_mana_of(wide, denom), wide.div_ceil(u128::from(denom)));
                let narrow = u128::from(x);
                prop_assert_eq!(used_mana_of(narrow, denom), narrow.div_ceil(u128::from(denom)));
            }
            for delta in [delta % lockout, lockout - 1] {
                prop_assert_eq!(
                    lockout_reduction(x, delta, lockout),
                    u128::from(x) * u128::from(delta) / u128::from(lockout)
                );
            }
        }

        #[test]
        fn accepted_votes_stay_within_the_regenerated_bars(
            e in 0..=i64::MAX, c in any::<i64>(), d in any::<i64>(), dt in any::<u32>(),
            w in -10_000i16..=10_000, cash in 1..=i64::from(u32::MAX), era in 2usize..6,
        ) {
            let rules = Rules::for_era(Era::ALL[era]);
            let r = NonZeroU32::new(rules.vote_regeneration_seconds).unwrap();
            let input = VoteInput {
                effective_vests: e, voting_mana: c, downvote_mana: d, elapsed_seconds: dt,
                seconds_since_last_vote: dt, weight: w, seconds_to_cashout: cash,
            };
            let c_regen = regenerate_mana(c, e, dt, r).max(0);
            if let Ok(out) = cast_vote(&rules, &input) {
                prop_assert!(out.voting_mana <= c_regen);
                if w > 0 || rules.downvote_pool_percent == 0 {
                    prop_assert!(out.used_mana <= c_regen);
                    prop_assert_eq!(out.voting_mana, c_regen - out.used_mana);
                } else {
                    let max_d = downvote_max_mana(e, rules.downvote_pool_percent).unwrap();
                    let d_regen = regenerate_mana(d, max_d, dt, r).max(0);
                    prop_assert!(out.downvote_mana <= d_regen);
                    prop_assert!(out.used_mana < c_regen + d_regen);
                    prop_assert_eq!(c_regen + d_regen - out.used_mana,
                                    out.voting_mana + out.downvote_mana);
                }
            }
        }
    }
}
