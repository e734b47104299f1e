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

/// Appends `account`'s events for the day starting at `day_start` (seconds) whose first
/// step is `day_first_step` to `out`, in time order, with its mean post and vote counts
/// multiplied by `activity` (1 = as the scenario says; the jealousy model's activity
/// multiplier). Returns whether the account is active that day; inactive accounts add
/// nothing.
#[allow(clippy::too_many_arguments)]
pub fn plan_day(
    scenario: &Scenario,
    replicate: u32,
    account: u32,
    roles: u8,
    activity: f64,
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
        if unit_f64(rng.next_u64()) < b.power_up_probability {
            push(out, first_block, EventKind::PowerUp);
        }
        if unit_f64(rng.next_u64()) < b.power_down_probability {
            push(out, first_block, EventKind::PowerDown);
        }
    }
    let blocks_per_day = DAY_SECONDS / BLOCK_SECONDS;
    let random_time = |rng: &mut rand_pcg::Pcg64Mcg| {
        day_start + BLOCK_SECONDS * (1 + rng.random_range(0..blocks_per_day))
    };
    for (role, mean, kind) in [
        (AUTHOR, p.posts_per_author_day, EventKind::Post),
        (CURATOR, p.votes_per_curator_day, EventKind::Vote),
    ] {
        let mean = mean * activity;
        if roles & role == 0 || mean <= 0.0 {
            continue;
        }
        let count = Poisson::new(mean)
            .expect("mean checked by the scenario")
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
    use crate::behaviour::population::{AUTHOR, CURATOR};

    #[test]
    fn plans_are_deterministic_in_day_and_block_aligned() {
        let mut scenario = Scenario::default();
        scenario.population.daily_active_share = 1.0;
        let mut a = Vec::new();
        let mut b = Vec::new();
        plan_day(
            &scenario,
            0,
            5,
            AUTHOR | CURATOR,
            1.0,
            24,
            DAY_SECONDS,
            &mut a,
        );
        plan_day(
            &scenario,
            0,
            5,
            AUTHOR | CURATOR,
            1.0,
            24,
            DAY_SECONDS,
            &mut b,
        );
        assert_eq!(a, b);
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
            1.0,
            0,
            0,
            &mut out
        ));
        assert!(out.is_empty());
        scenario.population.daily_active_share = 1.0;
        assert!(plan_day(&scenario, 0, 1, 0, 1.0, 0, 0, &mut out));
        assert!(out.is_empty());
    }

    #[test]
    fn counts_follow_the_means() {
        let mut scenario = Scenario::default();
        scenario.population.daily_active_share = 1.0;
        scenario.population.votes_per_curator_day = 10.0;
        let mut out = Vec::new();
        for account in 0..1000 {
            plan_day(&scenario, 0, account, CURATOR, 1.0, 0, 0, &mut out);
        }
        let votes = out.iter().filter(|e| e.kind == EventKind::Vote).count();
        assert!((9_000..11_000).contains(&votes), "{votes}");
        // An activity multiplier scales the means.
        out.clear();
        for account in 0..1000 {
            plan_day(&scenario, 0, account, CURATOR, 0.5, 0, 0, &mut out);
        }
        let votes = out.iter().filter(|e| e.kind == EventKind::Vote).count();
        assert!((4_500..5_500).contains(&votes), "{votes}");
    }
}
