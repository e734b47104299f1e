//! Day plans: whether an account is active on a day and, if so, when it posts, votes and
//! moves stake. One stream per (account, day), keyed by the day's first step.
//!
//! Evidence vs assumption: activity as an independent daily draw with probability
//! `daily_active_share`, Poisson counts of posts and votes and uniform times of day are
//! assumptions (evidence.md §4 only fixes the scale: ~7k authors and ~40k voters a day on
//! ~1.2M accounts in 2019). Stake moves happen at the day's first block.

use rand::{Rng, RngCore};
use rand_distr::{Distribution, Poisson};

use super::population::{AUTHOR, CURATOR, STAKEHOLDER};
use super::rng::{unit_f64, Purpose, StreamKey};
use crate::scenario::Scenario;

/// Seconds per day.
pub const DAY_SECONDS: u32 = 86_400;
/// Seconds per block (the chain's `STEEM_BLOCK_INTERVAL`).
pub const BLOCK_SECONDS: u32 = crate::mechanics::constants::STEEM_BLOCK_INTERVAL;

/// What an account does at a planned moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum EventKind {
    /// Moves a share of its liquid STEEM into VESTS.
    PowerUp = 0,
    /// Starts a power down of a share of its VESTS.
    PowerDown = 1,
    /// Writes a post.
    Post = 2,
    /// Casts a vote.
    Vote = 3,
}

/// One planned action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedEvent {
    /// When, seconds since the start of the warm-up; always a block time (multiple of 3).
    pub time: u32,
    /// Who.
    pub account: u32,
    /// What.
    pub kind: EventKind,
}

/// What scales an account's planned rates on a day (all 1 = as the scenario says).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drives {
    /// Multiplies the mean post and vote counts (the jealousy model's activity multiplier).
    pub activity: f64,
    /// Multiplies the mean post count: the activity norm from seeing how much one's group
    /// posts ([`super::norms`]; 1 when activity counts are hidden).
    pub post_norm: f64,
    /// Multiplies the mean vote count: the activity norm from seeing how much one's group
    /// votes (1 when activity counts are hidden).
    pub vote_norm: f64,
    /// Multiplies the power-up probability and divides the power-down probability (the
    /// response to the staking yield, [`stake_appetite`]).
    pub stake_appetite: f64,
    /// Comments a day (mean) written on top of any posts, to self-vote them (with or
    /// without the author role).
    pub self_vote_comments: f64,
    /// Multiplies the mean post count: the response to the size of the authors' pool
    /// ([`reward_pull`]).
    pub post_pull: f64,
    /// Multiplies the mean vote count: the response to the size of the curators' pool
    /// ([`reward_pull`]).
    pub vote_pull: f64,
}

impl Drives {
    /// Rates as the scenario says.
    pub const NEUTRAL: Drives = Drives {
        activity: 1.0,
        post_norm: 1.0,
        vote_norm: 1.0,
        stake_appetite: 1.0,
        self_vote_comments: 0.0,
        post_pull: 1.0,
        vote_pull: 1.0,
    };
}

/// How much more (> 1) or less (< 1) authors write, or curators vote, when their pool is
/// `pool_per_year` (the pool's new tokens per year as a fraction of the virtual supply:
/// the inflation rate × the content share × the authors' or curators' share):
/// (pool / `reward_rate_reference`)^`elasticity`, clamped to 1/10..=10; 1 when the
/// reference or the elasticity is 0 (no response). Assumption: the direction is the
/// ordinary response of paid work to its pay; the elasticity is to be varied.
pub fn reward_pull(pool_per_year: f64, elasticity: f64, scenario: &Scenario) -> f64 {
    let reference = scenario.behaviour.reward_rate_reference;
    if reference <= 0.0 || elasticity == 0.0 || !pool_per_year.is_finite() {
        return 1.0;
    }
    (pool_per_year.max(0.0) / reference)
        .powf(elasticity)
        .clamp(0.1, 10.0)
}

/// How much more (> 1) or less (< 1) stakeholders want to stake at a staking yield of
/// `yield_per_year` (a fraction): (yield / `yield_reference`)^`yield_elasticity`, clamped
/// to 1/10..=10; 1 when the reference is 0 (no response). Assumption: the direction is the
/// one every staking design relies on; the reference and elasticity are to be varied.
pub fn stake_appetite(yield_per_year: f64, scenario: &Scenario) -> f64 {
    let b = &scenario.behaviour;
    if b.yield_reference <= 0.0 || !yield_per_year.is_finite() {
        return 1.0;
    }
    (yield_per_year.max(0.0) / b.yield_reference)
        .powf(b.yield_elasticity)
        .clamp(0.1, 10.0)
}

/// Appends `account`'s events for the day starting at `day_start` (seconds) whose first
/// step is `day_first_step` to `out`, in time order, with its rates scaled by `drives`.
/// Returns whether the account is active that day; inactive accounts add nothing.
#[allow(clippy::too_many_arguments)]
pub fn plan_day(
    scenario: &Scenario,
    replicate: u32,
    account: u32,
    roles: u8,
    drives: Drives,
    day_first_step: u64,
    day_start: u32,
    out: &mut Vec<PlannedEvent>,
) -> bool {
    let mut rng = StreamKey {
        seed: scenario.simulation.seed,
        replicate,
        account,
        step: day_first_step,
        purpose: Purpose::DayPlan,
    }
    .stream();
    let p = &scenario.population;
    if unit_f64(rng.next_u64()) >= p.daily_active_share {
        return false;
    }
    let start = out.len();
    let b = &scenario.behaviour;
    let push = |out: &mut Vec<PlannedEvent>, time: u32, kind: EventKind| {
        out.push(PlannedEvent {
            time,
            account,
            kind,
        })
    };
    if roles & STAKEHOLDER != 0 {
        let first_block = day_start + BLOCK_SECONDS;
        let appetite = drives.stake_appetite;
        if unit_f64(rng.next_u64()) < b.power_up_probability * appetite {
            push(out, first_block, EventKind::PowerUp);
        }
        if unit_f64(rng.next_u64()) < b.power_down_probability / appetite {
            push(out, first_block, EventKind::PowerDown);
        }
    }
    let blocks_per_day = DAY_SECONDS / BLOCK_SECONDS;
    let random_time = |rng: &mut rand_pcg::Pcg64Mcg| {
        day_start + BLOCK_SECONDS * (1 + rng.random_range(0..blocks_per_day))
    };
    let has = |role: u8| if roles & role != 0 { 1.0 } else { 0.0 };
    for (mean, kind) in [
        (
            has(AUTHOR) * p.posts_per_author_day * drives.post_norm * drives.post_pull
                + drives.self_vote_comments,
            EventKind::Post,
        ),
        (
            has(CURATOR) * p.votes_per_curator_day * drives.vote_norm * drives.vote_pull,
            EventKind::Vote,
        ),
    ] {
        let mean = mean * drives.activity;
        if mean <= 0.0 {
            continue;
        }
        let count = Poisson::new(mean)
            .expect("finite and far below Poisson's limit: every factor of the mean is bounded by the scenario")
            .sample(&mut rng) as u32;
        for _ in 0..count {
            let time = random_time(&mut rng);
            push(out, time, kind);
        }
    }
    out[start..].sort_by_key(|e| (e.time, e.kind));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stakeholders_stake_more_when_the_yield_is_higher() {
        let mut scenario = Scenario::default();
        scenario.behaviour.yield_reference = 0.02;
        scenario.behaviour.yield_elasticity = 1.0;
        assert_eq!(stake_appetite(0.02, &scenario), 1.0);
        assert!((stake_appetite(0.04, &scenario) - 2.0).abs() < 1e-12);
        assert_eq!(stake_appetite(5.0, &scenario), 10.0);
        assert_eq!(stake_appetite(-1.0, &scenario), 0.1);
        scenario.behaviour.yield_reference = 0.0;
        assert_eq!(stake_appetite(0.04, &scenario), 1.0);
        // More appetite: more power ups, fewer power downs.
        scenario.population.daily_active_share = 1.0;
        let count = |appetite: f64, kind: EventKind| {
            let mut out = Vec::new();
            let drives = Drives {
                stake_appetite: appetite,
                ..Drives::NEUTRAL
            };
            for account in 0..2000 {
                plan_day(&scenario, 0, account, STAKEHOLDER, drives, 0, 0, &mut out);
            }
            out.iter().filter(|e| e.kind == kind).count()
        };
        assert!(count(2.0, EventKind::PowerUp) > count(1.0, EventKind::PowerUp));
        assert!(count(2.0, EventKind::PowerDown) < count(1.0, EventKind::PowerDown));
    }
    use crate::behaviour::population::{AUTHOR, CURATOR};

    #[test]
    fn authors_and_curators_work_more_for_a_larger_pool() {
        let mut scenario = Scenario::default();
        scenario.behaviour.reward_rate_reference = 0.027;
        assert_eq!(reward_pull(0.027, 0.5, &scenario), 1.0);
        assert!((reward_pull(0.027 * 4.0, 0.5, &scenario) - 2.0).abs() < 1e-12);
        assert!((reward_pull(0.027 / 4.0, 0.5, &scenario) - 0.5).abs() < 1e-12);
        assert_eq!(reward_pull(0.0, 0.5, &scenario), 0.1);
        assert_eq!(reward_pull(100.0, 1.0, &scenario), 10.0);
        assert_eq!(reward_pull(f64::NAN, 1.0, &scenario), 1.0);
        // No elasticity or no reference: no response.
        assert_eq!(reward_pull(0.01, 0.0, &scenario), 1.0);
        scenario.behaviour.reward_rate_reference = 0.0;
        assert_eq!(reward_pull(0.01, 0.5, &scenario), 1.0);
        // The pulls scale posts and votes apart; self-vote comments are not scaled.
        scenario.population.daily_active_share = 1.0;
        scenario.population.posts_per_author_day = 2.0;
        scenario.population.votes_per_curator_day = 10.0;
        let count = |drives: Drives, kind: EventKind| {
            let mut out = Vec::new();
            for account in 0..1000 {
                plan_day(
                    &scenario,
                    0,
                    account,
                    AUTHOR | CURATOR,
                    drives,
                    0,
                    0,
                    &mut out,
                );
            }
            out.iter().filter(|e| e.kind == kind).count()
        };
        let pulled = Drives {
            post_pull: 0.5,
            vote_pull: 2.0,
            ..Drives::NEUTRAL
        };
        let posts = count(pulled, EventKind::Post);
        let votes = count(pulled, EventKind::Vote);
        assert!((900..1_100).contains(&posts), "{posts}");
        assert!((19_000..21_000).contains(&votes), "{votes}");
        let with_comments = Drives {
            self_vote_comments: 1.0,
            ..pulled
        };
        let posts = count(with_comments, EventKind::Post);
        assert!((1_850..2_150).contains(&posts), "{posts}");
    }

    #[test]
    fn plans_are_deterministic_in_day_and_block_aligned() {
        let mut scenario = Scenario::default();
        scenario.population.daily_active_share = 1.0;
        let plan = || {
            let mut out = Vec::new();
            let roles = AUTHOR | CURATOR;
            plan_day(
                &scenario,
                0,
                5,
                roles,
                Drives::NEUTRAL,
                24,
                DAY_SECONDS,
                &mut out,
            );
            out
        };
        let a = plan();
        assert_eq!(a, plan());
        assert!(!a.is_empty());
        for e in &a {
            assert!(e.time > DAY_SECONDS && e.time <= 2 * DAY_SECONDS);
            assert_eq!(e.time % BLOCK_SECONDS, 0);
            assert_eq!(e.account, 5);
        }
        assert!(a.windows(2).all(|w| w[0].time <= w[1].time));
    }

    #[test]
    fn inactive_and_roleless_accounts_plan_nothing() {
        let mut scenario = Scenario::default();
        scenario.population.daily_active_share = 0.0;
        let mut out = Vec::new();
        assert!(!plan_day(
            &scenario,
            0,
            1,
            AUTHOR | CURATOR,
            Drives::NEUTRAL,
            0,
            0,
            &mut out
        ));
        assert!(out.is_empty());
        scenario.population.daily_active_share = 1.0;
        assert!(plan_day(
            &scenario,
            0,
            1,
            0,
            Drives::NEUTRAL,
            0,
            0,
            &mut out
        ));
        assert!(out.is_empty());
    }

    #[test]
    fn counts_follow_the_means() {
        let mut scenario = Scenario::default();
        scenario.population.daily_active_share = 1.0;
        scenario.population.votes_per_curator_day = 10.0;
        let mut out = Vec::new();
        for account in 0..1000 {
            plan_day(
                &scenario,
                0,
                account,
                CURATOR,
                Drives::NEUTRAL,
                0,
                0,
                &mut out,
            );
        }
        let votes = out.iter().filter(|e| e.kind == EventKind::Vote).count();
        assert!((9_000..11_000).contains(&votes), "{votes}");
        // An activity multiplier scales the means.
        out.clear();
        for account in 0..1000 {
            let drives = Drives {
                activity: 0.5,
                ..Drives::NEUTRAL
            };
            plan_day(&scenario, 0, account, CURATOR, drives, 0, 0, &mut out);
        }
        let votes = out.iter().filter(|e| e.kind == EventKind::Vote).count();
        assert!((4_500..5_500).contains(&votes), "{votes}");
        // Activity norms scale posts and votes apart, on top of it.
        out.clear();
        for account in 0..1000 {
            let drives = Drives {
                activity: 0.5,
                post_norm: 1.0,
                vote_norm: 1.5,
                ..Drives::NEUTRAL
            };
            plan_day(
                &scenario,
                0,
                account,
                AUTHOR | CURATOR,
                drives,
                0,
                0,
                &mut out,
            );
        }
        let votes = out.iter().filter(|e| e.kind == EventKind::Vote).count();
        let posts = out.iter().filter(|e| e.kind == EventKind::Post).count();
        assert!((6_900..8_100).contains(&votes), "{votes}");
        assert!((420..580).contains(&posts), "{posts}");
    }
}
