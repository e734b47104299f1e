//! What a replicate accumulates over its measured days for its [`RunSummaryRow`]
//! (`summary.csv`), and the row itself.
//!
//! Most columns are means of the day rows; the rest need more than the day rows hold:
//! - the self-vote, paid-vote and downvote shares are Σ ÷ Σ upvote rshares over the run;
//! - the curation return of each strategy is Σ curation ÷ Σ stake over the days, both summed
//!   per strategy at each day's end ([`StrategyDay`]): each day's curation counts for the
//!   strategy the curator held that day (before the day's end imitation, `[adaptation]`);
//! - the inequality of author rewards is over every post paid in the run, kept exactly as
//!   each distinct reward with its count ([`AmountCounts`]: 16 bytes per distinct amount,
//!   a small fraction of the posts, instead of 8 bytes per paid post);
//! - stake at the start, and which accounts were present then, are taken when day 0
//!   begins; per-account rewards are read from the accounts at the end.

use rayon::prelude::*;

use super::day::DayStats;
use super::events::ACCOUNTS_PER_TASK;
use super::world::World;
use super::EngineError;
use crate::behaviour::population::{Strategy, ABSENT, CURATOR, WAITING};
use crate::metrics::inequality::mean_of_finite;
use crate::metrics::{
    AmountCounts, DayRow, Inequality, PayoutBinRow, PayoutHistogram, RunSummaryRow,
};

/// A replicate's accumulators over its measured days.
#[derive(Debug, Clone, Default)]
pub struct RunStats {
    /// Σ rshares of accepted upvotes.
    upvote_rshares: i128,
    /// Of which self-votes.
    self_vote_rshares: i128,
    /// Of which bought from vote sellers.
    paid_vote_rshares: i128,
    /// Σ |rshares| of accepted downvotes.
    downvote_rshares: i128,
    /// Per strategy (in [`Strategy::ALL`] order): curation rewards earned, milli-STEEM.
    curation: [i128; Strategy::ALL.len()],
    /// Per strategy: Σ over the days of the stake held at the day's end, milli-STEEM × days.
    stake_days: [i128; Strategy::ALL.len()],
    /// Author rewards of every paid post, milli-STEEM.
    author_rewards: AmountCounts,
    /// Stake (VESTS) over the accounts present at the start of day 0.
    stake_start: Inequality,
    /// Every post cashed out, by its reward, in payout bins.
    payouts: PayoutHistogram,
}

impl RunStats {
    /// The accumulators of a run whose measured days begin with `stake_start` (VESTS over
    /// the accounts present when day 0 begins).
    pub fn new(stake_start: Inequality) -> RunStats {
        RunStats {
            stake_start,
            ..RunStats::default()
        }
    }

    /// Adds a measured day; sorts `day.author_rewards`.
    pub fn record_day(&mut self, day: &mut DayStats) {
        self.upvote_rshares += day.upvote_rshares;
        self.self_vote_rshares += day.self_vote_rshares;
        self.paid_vote_rshares += day.paid_vote_rshares;
        self.downvote_rshares += day.downvote_rshares;
        day.author_rewards.sort_unstable();
        self.author_rewards.add_sorted(&day.author_rewards);
        self.payouts.merge(&day.payouts);
    }

    /// The rows of `payouts.csv` for replicate `replicate`: the posts cashed out over the
    /// measured days by their reward, bins in ascending order.
    pub fn payout_rows(&self, replicate: u32) -> Vec<PayoutBinRow> {
        self.payouts.rows(replicate)
    }

    /// Adds a measured day's curation and stake by strategy.
    pub fn record_strategies(&mut self, day: &StrategyDay) {
        for s in 0..Strategy::ALL.len() {
            self.curation[s] += i128::from(day.curation[s]);
            self.stake_days[s] += i128::from(day.stake[s]);
        }
    }

    /// The summary row of replicate `replicate`: `days` are its day rows, `world` its state
    /// at the end, `warmup_days` the days before day 0.
    pub fn summary(
        &self,
        replicate: u32,
        days: &[DayRow],
        world: &World,
        warmup_days: u32,
    ) -> RunSummaryRow {
        // A valid scenario has at least one day; without any, means are 0.
        let mean = |value: fn(&DayRow) -> f64| -> f64 {
            days.iter().map(value).sum::<f64>() / days.len().max(1) as f64
        };
        let posts = self.author_rewards.inequality();
        let accounts = account_rewards(world);
        let (present_end, retained) = present_and_retained(world, warmup_days);
        let start = &self.stake_start;
        let end = days.last();
        RunSummaryRow {
            replicate,
            days: days.len() as u32,
            mean_posts_per_day: mean(|d| d.posts as f64),
            mean_votes_per_day: mean(|d| d.votes as f64),
            mean_active_authors_per_day: mean(|d| d.active_authors as f64),
            mean_active_curators_per_day: mean(|d| d.active_curators as f64),
            self_vote_share: ratio(self.self_vote_rshares, self.upvote_rshares),
            paid_vote_share: ratio(self.paid_vote_rshares, self.upvote_rshares),
            downvote_share: ratio(self.downvote_rshares, self.upvote_rshares),
            posts_paid: posts.count,
            paid_authors_steem: i64::try_from(posts.total).unwrap_or(i64::MAX),
            gini_author_rewards: posts.gini,
            top1_share_author_rewards: posts.top1,
            top5_share_author_rewards: posts.top5,
            top10_share_author_rewards: posts.top10,
            mean_quality_payout_correlation: mean_of_finite(
                days.iter().filter_map(|d| d.quality_payout_correlation),
            ),
            gini_account_rewards: accounts.gini,
            top1_share_account_rewards: accounts.top1,
            top10_share_account_rewards: accounts.top10,
            gini_stake_start: start.gini,
            top1_share_stake_start: start.top1,
            top10_share_stake_start: start.top10,
            nakamoto_stake_start: start.nakamoto,
            gini_stake_end: end.map_or(start.gini, |d| d.gini_stake),
            top1_share_stake_end: end.map_or(start.top1, |d| d.top1_share_stake),
            top10_share_stake_end: end.map_or(start.top10, |d| d.top10_share_stake),
            nakamoto_stake_end: end.map_or(start.nakamoto, |d| d.nakamoto_stake),
            accounts_present_start: start.count,
            accounts_present_end: present_end,
            retention: (start.count > 0).then(|| retained as f64 / start.count as f64),
            mean_envy_index: mean(|d| d.envy_index),
            mean_inspiration_index: mean(|d| d.inspiration_index),
            mean_satisfaction: mean(|d| d.mean_satisfaction),
            mean_satisfaction_q1: mean(|d| d.satisfaction_q1),
            mean_satisfaction_q2: mean(|d| d.satisfaction_q2),
            mean_satisfaction_q3: mean(|d| d.satisfaction_q3),
            mean_satisfaction_q4: mean(|d| d.satisfaction_q4),
            // Filled from the pools' rows by the run loop.
            community_paid_value_steem: 0,
            community_sold_value_steem: 0,
            community_coop_value_steem: 0,
            community_price_ratio: None,
            curation_return_per_year: std::array::from_fn(|s| {
                (self.stake_days[s] > 0)
                    .then(|| self.curation[s] as f64 / self.stake_days[s] as f64 * DAYS_PER_YEAR)
            }),
        }
    }
}

/// Days in the year a per-day curation return is scaled by.
const DAYS_PER_YEAR: f64 = 365.0;

/// `part` ÷ `whole`, 0 when `whole` is 0.
fn ratio(part: i128, whole: i128) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// One day's curation and stake by strategy (in [`Strategy::ALL`] order), over the curators
/// present at the day's end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StrategyDay {
    /// Curation rewards earned during the day, milli-STEEM.
    pub curation: [i64; Strategy::ALL.len()],
    /// Stake at the day's end: the STEEM value of their VESTS, milli-STEEM.
    pub stake: [i64; Strategy::ALL.len()],
}

impl StrategyDay {
    /// Measures the day that just ended, before the day's end (`comparison::end_of_day`)
    /// moves each account's earnings mark: a curator's curation today is its curation
    /// rewards less its mark, and counts for the strategy it holds now, as does its stake.
    /// Accounts that left or have not arrived are not counted (a leaver's curation from
    /// votes cast before it left is not either). Parallel over fixed blocks of accounts;
    /// the sums are exact integers, so the result does not depend on the thread count.
    /// `day` (the reported day) only names the day in an error.
    pub fn measure(world: &World, day: i64) -> Result<StrategyDay, EngineError> {
        const N: usize = Strategy::ALL.len();
        let a = &world.accounts;
        let (curation, vests) = a
            .roles
            .par_chunks(ACCOUNTS_PER_TASK)
            .enumerate()
            .map(|(c, roles)| {
                let (mut curation, mut vests) = ([0i64; N], [0i128; N]);
                for (k, &r) in roles.iter().enumerate() {
                    if r & (ABSENT | CURATOR) != CURATOR {
                        continue;
                    }
                    let i = c * ACCOUNTS_PER_TASK + k;
                    let s = a.strategy[i].index();
                    curation[s] += a.curation_rewards[i] - a.earnings_mark[i][1];
                    vests[s] += i128::from(a.vesting_shares[i]);
                }
                (curation, vests)
            })
            .reduce(
                || ([0; N], [0; N]),
                |(c1, v1), (c2, v2)| {
                    (
                        std::array::from_fn(|s| c1[s] + c2[s]),
                        std::array::from_fn(|s| v1[s] + v2[s]),
                    )
                },
            );
        let mut stake = [0i64; N];
        for (steem, vests) in stake.iter_mut().zip(vests) {
            // At most every VESTS in existence, which is an i64.
            let vests = i64::try_from(vests).unwrap_or(i64::MAX);
            *steem = world.globals.vesting.vests_to_steem(vests).map_err(|e| {
                EngineError::Mechanics {
                    day,
                    detail: e.to_string(),
                }
            })?;
        }
        Ok(StrategyDay { curation, stake })
    }
}

/// Inequality of author + curation rewards over the measured days (milli-STEEM) per
/// account, over the accounts present at some time in those days: arrived, and not left
/// during the warm-up.
fn account_rewards(world: &World) -> Inequality {
    let a = &world.accounts;
    let mut zeros = 0u64;
    let mut earned = Vec::new();
    for i in 0..a.len() {
        if a.roles[i] & WAITING != 0 || a.left_day[i] < 0 {
            continue;
        }
        let x = a.author_rewards[i] + a.curation_rewards[i];
        if x > 0 {
            earned.push(x);
        } else {
            zeros += 1;
        }
    }
    earned.sort_unstable();
    Inequality::of_zeros_and_sorted(zeros, &earned)
}

/// Accounts present at the end, and of them those present at the start of day 0 (arrived
/// before day 0: day 0's arrivals come after the start is measured).
fn present_and_retained(world: &World, warmup_days: u32) -> (u64, u64) {
    let a = &world.accounts;
    let (mut present, mut retained) = (0, 0);
    for i in 0..a.len() {
        if a.roles[i] & ABSENT == 0 {
            present += 1;
            if a.arrived_mark[i] <= warmup_days {
                retained += 1;
            }
        }
    }
    (present, retained)
}
