//! Voting power per account per pool and a vote's rshares, as `processVote` computes them
//! (`contracts/comments.js` lines 1044–1109).
//!
//! Voting power and downvoting power are integers 0..=10000 sharing one
//! `lastVoteTimestamp`; both regenerate linearly, floored, at every vote — so the fraction
//! of a point earned since the last vote is lost each time (line 1058), a small drift
//! against the continuous rate. The contract computes power in JavaScript doubles; every
//! intermediate there is an integer below 2^53 or a quotient whose floor is exact (argued at
//! each function), so the integer formulas here give the same numbers.
//!
//! Stake is what the `tokens` contract holds as `stake` plus `delegationsIn`, in token units
//! (10^-precision); rshares are decimals with 10 places (`SMT_PRECISION`), held as i128
//! counts of 10^-10 rshares: one rshare is one staked token at full weight and full power.

use ruint::aliases::U256;

use super::config::{max_supply_units, PoolConfig, DAY_MS};

/// Full voting power (`MAX_VOTING_POWER`).
pub const MAX_VOTING_POWER: u32 = 10_000;
/// Full vote weight (`MAX_WEIGHT`), basis points.
pub const MAX_WEIGHT: u32 = 10_000;
/// 10-decimal rshares and claims: counts of 10^-10 (`SMT_PRECISION` = 10).
pub const RSHARE_UNITS_PER_RSHARE: u128 = 10_000_000_000;

/// One account's voting state in one pool (a row of the contract's `votingPower` table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VotingPower {
    /// `votingPower`, 0..=10000.
    pub voting_power: u32,
    /// `downvotingPower`, 0..=10000.
    pub downvoting_power: u32,
    /// `lastVoteTimestamp`: the last vote's block time, milliseconds since the epoch.
    pub last_vote_timestamp: u64,
}

/// What one vote does to its voter's power and how many rshares it casts, before the
/// voter's mute is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CastPower {
    /// The vote's rshares, 10^-10 rshares (negative for a downvote, 0 for weight 0 or a
    /// disabled downvote).
    pub rshares: i128,
    /// Voting power used (`usedPower`), 0..=10000.
    pub used_power: u32,
    /// Downvoting power used (`usedDownvotePower`), 0..=10000.
    pub used_downvote_power: u32,
}

impl VotingPower {
    /// The record the contract inserts for a first vote (or a mute) at `timestamp` ms: full
    /// power both ways. Regenerating it to the same `timestamp` changes nothing, so an
    /// engine may create it and then call [`VotingPower::cast`] as for any vote.
    pub fn full(timestamp: u64) -> VotingPower {
        VotingPower {
            voting_power: MAX_VOTING_POWER,
            downvoting_power: MAX_VOTING_POWER,
            last_vote_timestamp: timestamp,
        }
    }

    /// Regenerates both powers to `timestamp` ms and moves `lastVoteTimestamp` there
    /// (lines 1054–1064): power ← min(10000, ⌊power + Δt·10000 / (days·86400000)⌋).
    ///
    /// Exactness against the doubles: power is an integer, so ⌊power + x⌋ = power + ⌊x⌋;
    /// x = Δt·10000/d with d ≤ 30·86400000 lies at least 1/d ≈ 3.9·10⁻¹⁰ below the next
    /// integer, far more than the rounding of the double quotient and sum (≤ 2·10⁻¹²)
    /// while the sum is below 20000; above that both sides cap at 10000. A `timestamp`
    /// before the last vote (impossible on chain) regenerates nothing.
    pub fn regenerate(&mut self, config: &PoolConfig, timestamp: u64) {
        let elapsed = u128::from(timestamp.saturating_sub(self.last_vote_timestamp));
        let params = config.params();
        let regen = |power: u32, days: u32| -> u32 {
            let gained = elapsed * u128::from(MAX_VOTING_POWER) / u128::from(days_ms(days));
            let total = u128::from(power) + gained;
            total.min(u128::from(MAX_VOTING_POWER)) as u32
        };
        self.voting_power = regen(self.voting_power, params.vote_regeneration_days);
        self.downvoting_power = regen(self.downvoting_power, params.downvote_regeneration_days);
        self.last_vote_timestamp = self.last_vote_timestamp.max(timestamp);
    }

    /// One vote of `weight` (−10000..=10000 basis points, checked by the caller) with
    /// `stake` token units, at `timestamp` ms: regenerates, then computes the rshares and
    /// spends power (lines 1054–1109). `stake` above the largest possible supply is taken
    /// as that supply. Upvote:
    ///
    /// * rshares = stake · weight · votingPower / 10000 / 10000, truncated to 10 decimals
    ///   (the two divisions are exact at 20 decimals since precision ≤ 8);
    /// * used = ⌈⌊votingPower·|weight|·86400/10000⌋ / ⌊10000·86400/consumption⌋⌉, and
    ///   votingPower ← max(0, votingPower − used).
    ///
    /// A downvote does the same with the downvoting power and consumption (rshares
    /// negative, truncated toward zero); with `disableDownvote` it casts 0 and uses
    /// nothing. Weight 0 casts 0 and uses nothing, but still regenerates (and so moves
    /// `lastVoteTimestamp`).
    pub fn cast(
        &mut self,
        config: &PoolConfig,
        stake: u128,
        weight: i32,
        timestamp: u64,
    ) -> CastPower {
        self.regenerate(config, timestamp);
        let params = config.params();
        let stake = stake.min(max_supply_units(params.token_precision));
        let mut cast = CastPower {
            rshares: 0,
            used_power: 0,
            used_downvote_power: 0,
        };
        let magnitude = weight.unsigned_abs().min(MAX_WEIGHT);
        if weight > 0 {
            cast.rshares = vote_rshares(stake, magnitude, self.voting_power, config) as i128;
            cast.used_power =
                used_power(self.voting_power, magnitude, params.vote_power_consumption);
            self.voting_power = self.voting_power.saturating_sub(cast.used_power);
        } else if weight < 0 && !params.disable_downvote {
            cast.rshares = -(vote_rshares(stake, magnitude, self.downvoting_power, config) as i128);
            cast.used_downvote_power = used_power(
                self.downvoting_power,
                magnitude,
                params.downvote_power_consumption,
            );
            self.downvoting_power = self
                .downvoting_power
                .saturating_sub(cast.used_downvote_power);
        }
        cast
    }
}

fn days_ms(days: u32) -> u64 {
    u64::from(days) * DAY_MS
}

/// |rshares| in 10^-10 rshares: ⌊stake·10^-p · w · power / 10^8 · 10^10⌋. At most
/// 2^53 tokens · 10^10 < 2^87, so it fits i128 with room for sums of many votes.
fn vote_rshares(stake: u128, weight: u32, power: u32, config: &PoolConfig) -> u128 {
    let numer = U256::from(stake)
        * U256::from(weight)
        * U256::from(power)
        * U256::from(RSHARE_UNITS_PER_RSHARE);
    let denom = U256::from(config.units_per_token())
        * U256::from(MAX_VOTING_POWER)
        * U256::from(MAX_WEIGHT);
    u128::try_from(numer / denom).unwrap_or(u128::MAX >> 2)
}

/// `usedPower` (lines 1084–1087). In doubles every operand is an integer below 2^53 and
/// each quotient is at least 1/864000000 away from the integer above it, so the floors are
/// exact.
fn used_power(power: u32, weight: u32, consumption: u32) -> u32 {
    let scaled = u64::from(power) * u64::from(weight) * 86_400 / u64::from(MAX_WEIGHT);
    let denom = u64::from(MAX_VOTING_POWER) * 86_400 / u64::from(consumption.max(1));
    scaled.div_ceil(denom) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::tribe_pool::config::PoolConfigParams;

    fn config(edit: impl FnOnce(&mut PoolConfigParams)) -> PoolConfig {
        let mut params = PoolConfigParams::default();
        edit(&mut params);
        PoolConfig::new(params).unwrap()
    }

    /// A 100% vote at full power uses ⌈864000000 / ⌊864000000/consumption⌋⌉: exactly the
    /// consumption when it divides 864000000 = 2¹¹·3³·5⁶ (every round value does), one
    /// more otherwise (7 → 8, 333 → 334): a contract quirk.
    #[test]
    fn a_full_vote_at_full_power_spends_the_consumption() {
        for (consumption, used) in [
            (1, 1),
            (200, 200),
            (2_000, 2_000),
            (10_000, 10_000),
            (250, 250),
            (7, 8),
            (333, 334),
            (9_999, 10_000),
        ] {
            let cfg = config(|p| p.vote_power_consumption = consumption);
            let mut vp = VotingPower::full(0);
            let cast = vp.cast(&cfg, 1_000, 10_000, 0);
            assert_eq!(cast.used_power, used, "consumption {consumption}");
            assert_eq!(vp.voting_power, 10_000 - used);
        }
    }

    #[test]
    fn rshares_are_stake_times_weight_times_power() {
        let cfg = config(|_| {}); // precision 3
        let mut vp = VotingPower::full(0);
        // 123.456 tokens at 100%: 123.456 rshares.
        let cast = vp.cast(&cfg, 123_456, 10_000, 0);
        assert_eq!(cast.rshares, 1_234_560_000_000);
        assert_eq!(vp.voting_power, 9_800);
        // Next vote at 50% with power 9800: 123.456·0.5·0.98 = 60.49344.
        let cast = vp.cast(&cfg, 123_456, 5_000, 0);
        assert_eq!(cast.rshares, 604_934_400_000);
        // used = ⌈⌊9800·5000·86400/10000⌋ / 4320000⌉ = ⌈423360000/4320000⌉ = 98.
        assert_eq!(cast.used_power, 98);
        assert_eq!(vp.voting_power, 9_702);
        // Truncation at 10 decimals: 0.001 token at 1 bp and power 9702:
        // 0.001·0.0001·0.9702 = 9.702·10⁻⁸ → 970 units.
        let cast = vp.cast(&cfg, 1, 1, 0);
        assert_eq!(cast.rshares, 970);
        // used = ⌈⌊9702·1·86400/10000⌋ / 4320000⌉ = ⌈83825/4320000⌉ = 1.
        assert_eq!(cast.used_power, 1);
    }

    #[test]
    fn downvotes_use_their_own_bar_unless_disabled() {
        let cfg = config(|_| {});
        let mut vp = VotingPower::full(0);
        let cast = vp.cast(&cfg, 2_000, -10_000, 0);
        assert_eq!(cast.rshares, -20_000_000_000);
        assert_eq!((cast.used_power, cast.used_downvote_power), (0, 2_000));
        assert_eq!((vp.voting_power, vp.downvoting_power), (10_000, 8_000));
        let cfg = config(|p| p.disable_downvote = true);
        let mut vp = VotingPower::full(0);
        let cast = vp.cast(&cfg, 2_000, -10_000, 0);
        assert_eq!((cast.rshares, cast.used_downvote_power), (0, 0));
        assert_eq!(vp, VotingPower::full(0));
    }

    #[test]
    fn regeneration_is_linear_floored_and_capped() {
        let cfg = config(|p| p.vote_regeneration_days = 5); // 10000 per 5 days
        let mut vp = VotingPower {
            voting_power: 5_000,
            downvoting_power: 0,
            last_vote_timestamp: 1_000,
        };
        // One day: +2000 exactly; downvotes regenerate over 14 days: ⌊10000/14⌋ = 714.
        vp.regenerate(&cfg, 1_000 + DAY_MS);
        assert_eq!((vp.voting_power, vp.downvoting_power), (7_000, 714));
        // 43199 ms is 0.99997… of a point: floored to nothing, and lost, because the
        // timestamp moves anyway.
        vp.regenerate(&cfg, 1_000 + DAY_MS + 43_199);
        assert_eq!(vp.voting_power, 7_000);
        vp.regenerate(&cfg, 1_000 + DAY_MS + 43_199 + 43_200);
        assert_eq!(vp.voting_power, 7_001);
        // Years later: capped.
        vp.regenerate(&cfg, 400 * 365 * DAY_MS);
        assert_eq!((vp.voting_power, vp.downvoting_power), (10_000, 10_000));
    }

    #[test]
    fn power_never_goes_below_zero() {
        let cfg = config(|p| p.vote_power_consumption = 10_000);
        let mut vp = VotingPower::full(0);
        assert_eq!(vp.cast(&cfg, 1, 10_000, 0).used_power, 10_000);
        assert_eq!(vp.voting_power, 0);
        let cast = vp.cast(&cfg, 1_000, 10_000, 0);
        assert_eq!((cast.rshares, cast.used_power, vp.voting_power), (0, 0, 0));
    }
}
