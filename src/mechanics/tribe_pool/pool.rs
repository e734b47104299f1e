//! A reward pool's state and one maintenance interval (`tokenMaintenance`,
//! `postClaimsInInterval` and `computePostRewards` in `contracts/comments.js`, lines
//! 298–503).
//!
//! One interval, as the contract runs it when `lastClaimDecayTimestamp ≤ now − Δ`:
//!
//! 1. [`PoolState::begin_interval`]: cut `rewardPerInterval` if a reduction is due; mint it
//!    into `rewardPool`; decay `pendingClaims` by Δ/D; add the claims of every post whose
//!    cashout time is in the window `[lastRewardTimestamp, lastRewardTimestamp + Δ]` (both
//!    ends included); snapshot `intervalPendingClaims` and `intervalRewardPool`.
//! 2. [`PoolState::pay_post`](super::payout) for each post cashing out in that window.
//! 3. [`PoolState::end_interval`]: deduct the posts' `postPendingToken` from `rewardPool`
//!    and move `lastClaimDecayTimestamp` to the window's end.
//!
//! The contract may spread step 2 over several blocks (at most 20 posts and about 100
//! votes per round, lines 316–336); each round pays with the same snapshot and no new
//! interval starts until the window is done, so the amounts are those of one round. Only
//! the timing differs, which is the engine's concern.

use ruint::aliases::U512;

use super::bignumber::{divided_by_to_fixed_down, pow10};
use super::config::PoolConfig;
use crate::mechanics::power_curve::{PowerClaims, SMT_PRECISION};

/// A pool's state (a row of the contract's `rewardPools` table, less its configuration).
/// Token amounts are token units (10^-precision), claims 10^-10 claims, times milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolState {
    /// `rewardPool`: tokens held for rewards, token units.
    pub reward_pool: u128,
    /// `pendingClaims` Q: the decaying sum of claims.
    pub pending_claims: PowerClaims,
    /// `config.rewardPerInterval`, which a reward reduction rewrites: token units.
    pub reward_per_interval: u128,
    /// `lastRewardTimestamp`: start of the next interval's claims window.
    pub last_reward_timestamp: u64,
    /// `lastClaimDecayTimestamp`: start of the next payout window.
    pub last_claim_decay_timestamp: u64,
    /// `createdTimestamp`: pool creation (or `resetPool`); starts the bootstrap period.
    pub created_timestamp: u64,
    /// `lastRewardReductionTimestamp`: the last issuance cut (or creation).
    pub last_reward_reduction_timestamp: u64,
    /// `intervalPendingClaims`: Q as the current interval began, the payout denominator.
    pub interval_pending_claims: PowerClaims,
    /// `intervalRewardPool`: `rewardPool` as the current interval began, after minting.
    pub interval_reward_pool: u128,
}

/// The cashout-time window of one interval, milliseconds, both ends included
/// (`cashoutTime: { $gte: start, $lte: end }`, lines 310 and 355).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimsWindow {
    /// `lastRewardTimestamp`.
    pub start: u64,
    /// `lastRewardTimestamp + rewardIntervalSeconds·1000`.
    pub end: u64,
}

impl ClaimsWindow {
    /// Whether a post with this cashout time belongs to the window.
    pub fn contains(&self, cashout_time: u64) -> bool {
        (self.start..=self.end).contains(&cashout_time)
    }
}

/// What [`PoolState::begin_interval`] did; hand it back to [`PoolState::end_interval`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntervalStep {
    /// The window whose posts are paid in this interval.
    pub window: ClaimsWindow,
    /// The new `rewardPerInterval` if a reduction applied, token units.
    pub reduced_reward_per_interval: Option<u128>,
    /// Tokens minted into the pool (`issueToContract`), token units.
    pub minted: u128,
    /// Claims removed from Q by the decay.
    pub decayed_claims: PowerClaims,
    /// Claims of the window's posts added to Q.
    pub added_claims: PowerClaims,
}

impl PoolState {
    /// A new pool created at `timestamp` ms (`createRewardPool`, lines 618–648): empty pool,
    /// no claims, every timestamp at creation.
    pub fn new(config: &PoolConfig, timestamp: u64) -> PoolState {
        PoolState {
            reward_pool: 0,
            pending_claims: PowerClaims::from_units(U512::ZERO),
            reward_per_interval: config.params().reward_per_interval,
            last_reward_timestamp: timestamp,
            last_claim_decay_timestamp: timestamp,
            created_timestamp: timestamp,
            last_reward_reduction_timestamp: timestamp,
            interval_pending_claims: PowerClaims::from_units(U512::ZERO),
            interval_reward_pool: 0,
        }
    }

    /// Whether maintenance at block time `now` ms takes this pool
    /// (`lastClaimDecayTimestamp ≤ now − Δ`, lines 392–405). Maintenance runs once per
    /// block, on the block's first `comment` or `vote` action, for at most
    /// `maintenanceTokensPerBlock` (2) due pools in turn, one interval each.
    pub fn is_due(&self, config: &PoolConfig, now: u64) -> bool {
        self.last_claim_decay_timestamp
            .saturating_add(config.reward_interval_ms())
            <= now
    }

    /// Whether a vote at `timestamp` ms is in the bootstrap period: before
    /// `createdTimestamp + (2·cashoutWindowDays + 1)` days (line 1164).
    pub fn in_bootstrap(&self, config: &PoolConfig, timestamp: u64) -> bool {
        timestamp < self.created_timestamp + config.claims_decay_period_ms()
    }

    /// The window of the next interval (`[lastRewardTimestamp, lastRewardTimestamp + Δ]`),
    /// whose posts' claims [`PoolState::begin_interval`] wants.
    pub fn next_window(&self, config: &PoolConfig) -> ClaimsWindow {
        ClaimsWindow {
            start: self.last_reward_timestamp,
            end: self.last_reward_timestamp + config.reward_interval_ms(),
        }
    }

    /// Steps 1–5 of an interval (lines 447–495). `window_claims` is the sum of
    /// [`post_claims`](super::post_claims) over the posts with a cashout time in
    /// [`PoolState::next_window`] (`postClaimsInInterval`; each claim has 10 decimals, so
    /// the sum is exact). Call it only when [`PoolState::is_due`]; payouts of the previous
    /// window must have been settled by [`PoolState::end_interval`].
    ///
    /// * Reduction, if configured and `lastClaimDecayTimestamp + Δ` has reached
    ///   `lastRewardReductionTimestamp + reduction interval`: reduction =
    ///   ⌊rewardPerInterval·pct/100⌋ (exact at 20 decimals, then truncated to precision),
    ///   rewardPerInterval −= reduction, and the reduction timestamp moves one reduction
    ///   interval (at most one cut per interval).
    /// * Mint rewardPerInterval if > 0.
    /// * Decay: Q ← toFixed10_down(Q − round20(Q·Δ/D)).
    /// * Q ← Q + window_claims; snapshot.
    pub fn begin_interval(
        &mut self,
        config: &PoolConfig,
        window_claims: PowerClaims,
    ) -> IntervalStep {
        let params = config.params();
        let window = self.next_window(config);
        debug_assert!(self.last_claim_decay_timestamp >= self.last_reward_timestamp);
        let next_claim_decay = self.last_claim_decay_timestamp + config.reward_interval_ms();
        let mut reduced = None;
        if let Some(reduction) = params.reward_reduction {
            let next_reduction =
                self.last_reward_reduction_timestamp + reduction.interval_seconds * 1000;
            if next_claim_decay >= next_reduction {
                // rpi · (tenths/10) / 100 = rpi · tenths / 1000: at most 11 decimals, exact.
                let cut = self.reward_per_interval * u128::from(reduction.percentage_tenths) / 1000;
                self.reward_per_interval -= cut;
                self.last_reward_reduction_timestamp = next_reduction;
                reduced = Some(self.reward_per_interval);
            }
        }
        let minted = self.reward_per_interval;
        self.reward_pool += minted;

        let before = self.pending_claims.units();
        let decay_20 = divided_by_to_fixed_down(
            before * U512::from(config.reward_interval_ms()),
            SMT_PRECISION,
            U512::from(config.claims_decay_period_ms()),
            0,
            20,
        );
        // Q − decay at 20 decimals, truncated to 10: decay ≤ Q·Δ/D + ½·10⁻²⁰ < Q.
        let decayed = (before * pow10(20 - SMT_PRECISION) - decay_20) / pow10(20 - SMT_PRECISION);
        let after = decayed + window_claims.units();
        self.pending_claims = PowerClaims::from_units(after);
        self.last_reward_timestamp = window.end;
        self.interval_pending_claims = self.pending_claims;
        self.interval_reward_pool = self.reward_pool;
        IntervalStep {
            window,
            reduced_reward_per_interval: reduced,
            minted,
            decayed_claims: PowerClaims::from_units(before - decayed),
            added_claims: window_claims,
        }
    }

    /// Closes the interval `step` (lines 337–346): `rewardPool` −= `deducted`, the sum of
    /// the window's posts' [`PostPayout::deducted`](super::PostPayout::deducted), and
    /// `lastClaimDecayTimestamp` moves to the window's end.
    ///
    /// The pool cannot go negative when every paid post's claims were in the window's
    /// claims (each payout is at most pool·claims/Q, rounded down); if a caller breaks
    /// that, the pool stops at 0 (debug builds assert).
    pub fn end_interval(&mut self, step: IntervalStep, deducted: u128) {
        debug_assert!(
            deducted <= self.reward_pool,
            "payouts exceed the reward pool"
        );
        self.reward_pool = self.reward_pool.saturating_sub(deducted);
        self.last_claim_decay_timestamp = step.window.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::tribe_pool::config::{PoolConfigParams, RewardReduction, DAY_MS};

    fn claims(units: u128) -> PowerClaims {
        PowerClaims::from_units(U512::from(units))
    }

    #[test]
    fn decay_rounds_at_20_places_then_truncates() {
        // Δ = 86400 s, D = 3 days: Q ← Q − Q/3.
        let cfg = PoolConfig::new(PoolConfigParams {
            cashout_window_days: 1,
            reward_interval_seconds: 86_400,
            ..PoolConfigParams::default()
        })
        .unwrap();
        let mut pool = PoolState::new(&cfg, 0);
        // Q = 1e-10: Q/3 = 0.0000000000333… ; Q − that = 0.0000000000666…67 → 0 at 10 places.
        let mut decay = |q: u128, added: u128| {
            pool.pending_claims = claims(q);
            let step = pool.begin_interval(&cfg, claims(added));
            pool.end_interval(step, 0);
            (pool.pending_claims, step.decayed_claims)
        };
        assert_eq!(decay(1, 0).0, claims(0));
        // Q = 3: 2 exactly.
        assert_eq!(
            decay(30_000_000_000, 5),
            (claims(20_000_000_005), claims(10_000_000_000))
        );
        // Q = 2e-10: 2/3 = 0.666…667e-10 (rounded up at 20 places) → 2 − 0.666…667 =
        // 1.333…333e-10 → 1e-10.
        assert_eq!(decay(2, 0).0, claims(1));
    }

    #[test]
    fn the_window_includes_both_ends_and_time_advances() {
        let cfg = PoolConfig::new(PoolConfigParams::default()).unwrap();
        let mut pool = PoolState::new(&cfg, 1_000);
        assert!(!pool.is_due(&cfg, 3_999));
        assert!(pool.is_due(&cfg, 4_000));
        let window = pool.next_window(&cfg);
        assert_eq!(
            window,
            ClaimsWindow {
                start: 1_000,
                end: 4_000
            }
        );
        assert!(window.contains(1_000) && window.contains(4_000) && !window.contains(4_001));
        let step = pool.begin_interval(&cfg, claims(0));
        assert_eq!(
            (step.minted, pool.reward_pool, pool.interval_reward_pool),
            (1_500, 1_500, 1_500)
        );
        pool.end_interval(step, 0);
        assert_eq!(pool.next_window(&cfg).start, 4_000);
        assert!(!pool.is_due(&cfg, 6_999) && pool.is_due(&cfg, 7_000));
        assert!(pool.in_bootstrap(&cfg, 1_000 + 15 * DAY_MS - 1));
        assert!(!pool.in_bootstrap(&cfg, 1_000 + 15 * DAY_MS));
    }

    #[test]
    fn reductions_cut_once_per_reduction_interval_and_truncate() {
        // 1.5 tokens per 3 s at precision 3, cut 33.3% every 6 s.
        let cfg = PoolConfig::new(PoolConfigParams {
            reward_reduction: Some(RewardReduction {
                interval_seconds: 6,
                percentage_tenths: 333,
            }),
            ..PoolConfigParams::default()
        })
        .unwrap();
        let mut pool = PoolState::new(&cfg, 0);
        let mut minted = Vec::new();
        for _ in 0..6 {
            let step = pool.begin_interval(&cfg, claims(0));
            minted.push(step.minted);
            pool.end_interval(step, 0);
        }
        // 1500 → 1500 − ⌊1500·0.333⌋ = 1001 at 6 s; → 1001 − ⌊333.333⌋ = 668 at 12 s; ...
        assert_eq!(minted, vec![1_500, 1_001, 1_001, 668, 668, 446]);
        assert_eq!(pool.reward_pool, minted.iter().sum::<u128>());
    }

    #[test]
    fn a_full_reduction_stops_minting() {
        let cfg = PoolConfig::new(PoolConfigParams {
            reward_reduction: Some(RewardReduction {
                interval_seconds: 3,
                percentage_tenths: 1_000,
            }),
            ..PoolConfigParams::default()
        })
        .unwrap();
        let mut pool = PoolState::new(&cfg, 0);
        let step = pool.begin_interval(&cfg, claims(0));
        assert_eq!(
            (step.minted, step.reduced_reward_per_interval),
            (0, Some(0))
        );
        assert_eq!(pool.reward_pool, 0);
    }
}
