//! Manabars: the HF20+ regenerating budgets of voting and downvoting mana
//! (`util::manabar`, `util::update_manabar` and `util::get_effective_vesting_shares` in the
//! chain's `util/manabar.hpp`).
//!
//! Role: the account-side state of voting. A voter's voting manabar has a maximum of its
//! effective vesting shares E; from HF21 a second, downvote manabar has a maximum of
//! ⌊E·downvote_pool_percent/10000⌋. Both refill linearly from empty to full in
//! `vote_regeneration_seconds`.
//!
//! Invariant: mana is i64 VESTS satoshis (10⁻⁶ VESTS) and times are u32 seconds, as on chain.
//! After [`regenerate_mana`] with a non-negative maximum the current mana never exceeds the
//! maximum, and [`Manabar::use_mana`] never leaves it below zero. Nothing here panics.

use std::num::NonZeroU32;

use super::constants::STEEM_100_PERCENT;
use super::fast_div::mul_div;

/// One manabar as stored on an account (`util::manabar`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Manabar {
    /// Mana at `last_update_time`, VESTS satoshis (`current_mana`).
    pub current_mana: i64,
    /// When the bar was last regenerated, seconds since the epoch (`last_update_time`).
    pub last_update_time: u32,
}

/// Why the chain refuses to regenerate a manabar (its `FC_ASSERT`s in `regenerate_mana`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ManabarError {
    /// `manabar_params::validate`: the maximum mana is negative.
    #[error("max_mana is negative")]
    NegativeMaxMana,
    /// `now >= last_update_time` does not hold.
    #[error("now is before the manabar's last_update_time")]
    TimeBeforeLastUpdate,
}

impl Manabar {
    /// Regenerates the bar to `now` with maximum `max_mana` (VESTS satoshis) refilling in
    /// `regeneration_seconds` (`manabar::regenerate_mana`, the regeneration cap applied).
    pub fn regenerate_mana(
        &mut self,
        max_mana: i64,
        regeneration_seconds: NonZeroU32,
        now: u32,
    ) -> Result<(), ManabarError> {
        if max_mana < 0 {
            return Err(ManabarError::NegativeMaxMana);
        }
        let elapsed = now
            .checked_sub(self.last_update_time)
            .ok_or(ManabarError::TimeBeforeLastUpdate)?;
        self.current_mana =
            regenerate_mana(self.current_mana, max_mana, elapsed, regeneration_seconds);
        self.last_update_time = now;
        Ok(())
    }

    /// True if `mana_needed` (VESTS satoshis) can be spent: nothing or less than the
    /// current mana is needed (`manabar::has_mana`).
    pub fn has_mana(&self, mana_needed: i64) -> bool {
        mana_needed <= 0 || self.current_mana >= mana_needed
    }

    /// Spends `mana_used` VESTS satoshis (negative adds mana), saturating, never below 0
    /// (`manabar::use_mana` with its default floor of 0).
    pub fn use_mana(&mut self, mana_used: i64) {
        self.current_mana = self.current_mana.saturating_sub(mana_used).max(0);
    }
}

/// Current mana after `elapsed_seconds` of regeneration towards `max_mana`, VESTS satoshis
/// (`manabar::regenerate_mana`, including Hive's `dt == 0` shortcut, which gives the same
/// result as Steem's code).
///
/// Mana at or above the maximum is cut to it; otherwise ⌊max·min(dt, R)/R⌋ (u128 product)
/// is added with a saturating i64 add and the sum capped at the maximum. The chain asserts
/// `max_mana ≥ 0` first (see [`Manabar::regenerate_mana`]); for a negative maximum this
/// function regenerates nothing and caps at the maximum.
pub fn regenerate_mana(
    current_mana: i64,
    max_mana: i64,
    elapsed_seconds: u32,
    regeneration_seconds: NonZeroU32,
) -> i64 {
    if current_mana >= max_mana {
        return max_mana;
    }
    if elapsed_seconds == 0 {
        return current_mana;
    }
    let regeneration_seconds = regeneration_seconds.get();
    let dt = elapsed_seconds.min(regeneration_seconds);
    // ⌊max·dt/R⌋ of the u128 product; dt ≤ R < 2^32, so mul_div never needs a u128
    // division. The quotient is at most max_mana and fits in i64.
    let regenerated = mul_div(
        max_mana.max(0).unsigned_abs(),
        u64::from(dt),
        u64::from(regeneration_seconds),
    ) as i64;
    current_mana.saturating_add(regenerated).min(max_mana)
}

/// Maximum of the downvote manabar, VESTS satoshis: ⌊E·P/10000⌋ in u128 for effective
/// vesting shares E and `downvote_pool_percent` P in basis points (`update_manabar` after
/// the HF21 stall fix). `None` where the chain's `to_int64` asserts: a negative E (which
/// `fc::uint128` sign-extends) or a result past i64.
pub fn downvote_max_mana(effective_vests: i64, downvote_pool_percent: u16) -> Option<i64> {
    let effective_vests = u64::try_from(effective_vests).ok()?;
    let max = mul_div(
        effective_vests,
        u64::from(downvote_pool_percent),
        u64::from(STEEM_100_PERCENT),
    );
    i64::try_from(max).ok()
}

/// The vesting balances of an account that set its maximum voting mana, VESTS satoshis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VestingBalances {
    /// Own vesting shares (`vesting_shares`).
    pub vesting_shares: i64,
    /// Vesting shares delegated to the account (`received_vesting_shares`).
    pub received_vesting_shares: i64,
    /// Vesting shares the account delegates away (`delegated_vesting_shares`).
    pub delegated_vesting_shares: i64,
    /// True while a power down is scheduled (`next_vesting_withdrawal` is not the maximum).
    pub powering_down: bool,
    /// Weekly power-down amount (`vesting_withdraw_rate`).
    pub vesting_withdraw_rate: i64,
    /// Total the power down will withdraw (`to_withdraw`).
    pub to_withdraw: i64,
    /// Amount already withdrawn (`withdrawn`).
    pub withdrawn: i64,
}

/// Effective vesting shares E, the maximum voting mana, VESTS satoshis
/// (`util::get_effective_vesting_shares`): own + received − delegated, minus this week's
/// power down (min(rate, to_withdraw − withdrawn)) while one is active. The chain's i64
/// sums never overflow on real balances; here they wrap as two's complement would.
pub fn effective_vesting_shares(balances: &VestingBalances) -> i64 {
    let mut effective = balances
        .vesting_shares
        .wrapping_add(balances.received_vesting_shares)
        .wrapping_sub(balances.delegated_vesting_shares);
    if balances.powering_down {
        let remaining = balances.to_withdraw.wrapping_sub(balances.withdrawn);
        effective = effective.wrapping_sub(balances.vesting_withdraw_rate.min(remaining));
    }
    effective
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::fast_div::tests::edgy_u64;
    use proptest::prelude::*;

    const FIVE_DAYS: NonZeroU32 = match NonZeroU32::new(432_000) {
        Some(r) => r,
        None => panic!(),
    };

    #[test]
    fn regeneration_table() {
        // (current, max, dt, expected)
        let cases: &[(i64, i64, u32, i64)] = &[
            // Full or over-full bars are cut to the maximum, whatever dt.
            (1_000, 1_000, 0, 1_000),
            (5_000, 1_000, 7, 1_000),
            // dt = 0: unchanged.
            (10, 1_000, 0, 10),
            // ⌊1e12·3/432000⌋ = 6 944 444.
            (0, 1_000_000_000_000, 3, 6_944_444),
            // Half the regeneration time refills half the bar.
            (0, 1_000_000_000_000, 216_000, 500_000_000_000),
            // dt is capped at R; the sum at the maximum.
            (-5, 1_000, u32::MAX, 995),
            (1, 1_000, 432_000, 1_000),
            // Negative current mana regenerates like any other.
            (-1_000, 1_000, 216_000, -500),
            // ⌊4·3/432000⌋ = 0.
            (0, 4, 3, 0),
            // Saturating add: i64::MIN + max stays exact.
            (i64::MIN, i64::MAX, 432_000, -1),
        ];
        for &(current, max, dt, want) in cases {
            assert_eq!(
                regenerate_mana(current, max, dt, FIVE_DAYS),
                want,
                "{current} {max} {dt}"
            );
        }
    }

    #[test]
    fn manabar_methods() {
        let mut bar = Manabar {
            current_mana: 100,
            last_update_time: 10,
        };
        assert_eq!(
            bar.regenerate_mana(-1, FIVE_DAYS, 20),
            Err(ManabarError::NegativeMaxMana)
        );
        assert_eq!(
            bar.regenerate_mana(1_000, FIVE_DAYS, 9),
            Err(ManabarError::TimeBeforeLastUpdate)
        );
        bar.regenerate_mana(432_000, FIVE_DAYS, 20).unwrap();
        assert_eq!(
            bar,
            Manabar {
                current_mana: 110,
                last_update_time: 20
            }
        );
        assert!(bar.has_mana(110) && !bar.has_mana(111) && bar.has_mana(-5));
        bar.use_mana(200);
        assert_eq!(bar.current_mana, 0);
        bar.use_mana(-7);
        assert_eq!(bar.current_mana, 7);
    }

    #[test]
    fn downvote_max_mana_table() {
        assert_eq!(
            downvote_max_mana(1_000_000_000_000, 2_500),
            Some(250_000_000_000)
        );
        assert_eq!(downvote_max_mana(3, 2_500), Some(0));
        assert_eq!(downvote_max_mana(i64::MAX, 2_500), Some(i64::MAX / 4));
        assert_eq!(downvote_max_mana(i64::MAX, 10_001), None);
        assert_eq!(downvote_max_mana(-1, 2_500), None);
    }

    #[test]
    fn effective_vesting_shares_table() {
        let mut b = VestingBalances {
            vesting_shares: 1_000,
            received_vesting_shares: 300,
            delegated_vesting_shares: 200,
            powering_down: false,
            vesting_withdraw_rate: 77,
            to_withdraw: 1_000,
            withdrawn: 950,
        };
        assert_eq!(effective_vesting_shares(&b), 1_100);
        b.powering_down = true;
        // min(77, 1000 − 950) = 50.
        assert_eq!(effective_vesting_shares(&b), 1_050);
        b.withdrawn = 0;
        assert_eq!(effective_vesting_shares(&b), 1_023);
    }

    /// [`regenerate_mana`] with its u128 product divided in plain u128, as the chain does.
    fn plain_u128_regenerate(current: i64, max: i64, dt: u32, r: NonZeroU32) -> i64 {
        if current >= max {
            return max;
        }
        if dt == 0 {
            return current;
        }
        let dt = dt.min(r.get());
        let max_dt = u128::from(max.max(0).unsigned_abs()) * u128::from(dt);
        let regenerated = (max_dt / u128::from(r.get())) as i64;
        current.saturating_add(regenerated).min(max)
    }

    proptest! {
        #[test]
        fn regeneration_equals_the_plain_u128_quotient(
            current in any::<i64>(), max in edgy_u64(), dt in any::<u32>(), r in 1..=u32::MAX,
            big_dt in any::<bool>(),
        ) {
            // max up to i64::MAX (and beyond, as a negative maximum), dt up to and past R.
            let max = max as i64;
            let r = NonZeroU32::new(r).unwrap();
            let dt = if big_dt { r.get().saturating_sub(dt % 1_000) } else { dt };
            for current in [current, i64::MIN, 0] {
                prop_assert_eq!(
                    regenerate_mana(current, max, dt, r),
                    plain_u128_regenerate(current, max, dt, r)
                );
            }
            prop_assert_eq!(
                regenerate_mana(current, max, dt, FIVE_DAYS),
                plain_u128_regenerate(current, max, dt, FIVE_DAYS)
            );
        }

        #[test]
        fn downvote_max_mana_equals_the_plain_u128_quotient(e in edgy_u64(), p in any::<u16>()) {
            let e = e as i64;
            let plain = u64::try_from(e).ok().and_then(|e| {
                i64::try_from(u128::from(e) * u128::from(p) / u128::from(STEEM_100_PERCENT)).ok()
            });
            prop_assert_eq!(downvote_max_mana(e, p), plain);
        }

        #[test]
        fn regeneration_never_exceeds_max(current in any::<i64>(), max in 0..=i64::MAX,
                                          dt in any::<u32>(), r in 1..=u32::MAX) {
            let r = NonZeroU32::new(r).unwrap();
            let after = regenerate_mana(current, max, dt, r);
            prop_assert!(after <= max);
            prop_assert!(after >= current.min(max));
        }

        #[test]
        fn regeneration_is_monotone_in_time(current in any::<i64>(), max in 0..=i64::MAX,
                                            dt in any::<u32>(), extra in any::<u32>()) {
            let later = dt.saturating_add(extra);
            prop_assert!(regenerate_mana(current, max, dt, FIVE_DAYS)
                <= regenerate_mana(current, max, later, FIVE_DAYS));
        }

        #[test]
        fn nothing_panics(current in any::<i64>(), max in any::<i64>(), dt in any::<u32>(),
                          r in 1..=u32::MAX, p in any::<u16>(), used in any::<i64>(),
                          v in any::<[i64; 6]>(), powering in any::<bool>()) {
            let r = NonZeroU32::new(r).unwrap();
            let _ = regenerate_mana(current, max, dt, r);
            let _ = downvote_max_mana(max, p);
            let mut bar = Manabar { current_mana: current, last_update_time: 0 };
            let _ = bar.regenerate_mana(max, r, dt);
            bar.use_mana(used);
            prop_assert!(bar.current_mana >= 0);
            let _ = effective_vesting_shares(&VestingBalances {
                vesting_shares: v[0], received_vesting_shares: v[1],
                delegated_vesting_shares: v[2], powering_down: powering,
                vesting_withdraw_rate: v[3], to_withdraw: v[4], withdrawn: v[5],
            });
        }
    }
}
