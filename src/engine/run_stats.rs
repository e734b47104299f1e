//! What a replicate accumulates over its measured days for its [`RunSummaryRow`]
//! (`summary.csv`), and the row itself.
//!
//! Most columns are means of the day rows; the rest need more than the day rows hold:
//! - the self-vote share is Σ self-vote rshares ÷ Σ upvote rshares over the run;
//! - the inequality of author rewards is over every post paid in the run, kept exactly as
//!   each distinct reward with its count ([`AmountCounts`]: 16 bytes per distinct amount,
//!   a small fraction of the posts, instead of 8 bytes per paid post);
//! - stake at the start, and which accounts were present then, are taken when day 0
//!   begins; per-account rewards are read from the accounts at the end.

use super::day::DayStats;
use super::world::World;
use crate::behaviour::population::{ABSENT, WAITING};
use crate::metrics::inequality::mean_of_finite;
use crate::metrics::{AmountCounts, DayRow, Inequality, RunSummaryRow};

/// A replicate's accumulators over its measured days.
#[derive(Debug, Clone, Default)]
pub struct RunStats {
    /// Σ rshares of accepted upvotes.
    upvote_rshares: i128,
    /// Of which self-votes.
    self_vote_rshares: i128,
    /// Author rewards of every paid post, milli-STEEM.
    author_rewards: AmountCounts,
    /// Stake (VESTS) over the accounts present at the start of day 0.
    stake_start: Inequality,
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
        day.author_rewards.sort_unstable();
        self.author_rewards.add_sorted(&day.author_rewards);
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
            self_vote_share: if self.upvote_rshares == 0 {
                0.0
            } else {
                self.self_vote_rshares as f64 / self.upvote_rshares as f64
            },
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
            mean_satisfaction: mean(|d| d.mean_satisfaction),
            mean_satisfaction_q1: mean(|d| d.satisfaction_q1),
            mean_satisfaction_q2: mean(|d| d.satisfaction_q2),
            mean_satisfaction_q3: mean(|d| d.satisfaction_q3),
            mean_satisfaction_q4: mean(|d| d.satisfaction_q4),
        }
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
