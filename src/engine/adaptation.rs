//! Strategy adaptation by imitation (docs/model.md §7): once a day, each active account
//! reviews its strategy with probability `[adaptation] imitation_rate`. It looks at one
//! peer, drawn uniformly among the present accounts of similar initial stake (within
//! ±peers/2 ranks) with the same author and curator roles and a different strategy, and
//! compares returns: earnings (the jealousy model's 7-day average of author and curation
//! rewards, staking interest and net bids) per STEEM of stake; under `relative` payouts,
//! where amounts are not shown, the rank buckets of their visible earnings (the peers'
//! stakes are alike). If the peer's return is higher, it takes the peer's strategy with
//! probability (π_peer − π_own) / (|π_own| + |π_peer|) — proportional imitation (Schlag
//! 1998), under which a strategy's share grows with how much it out-earns the others.
//!
//! A switch to `trail_follower` takes the peer's leader too (the trail is what earned the
//! peer its return; [`super::trail`] draws a new one at the day's start if that leader
//! cannot lead, e.g. is the switcher itself).
//!
//! Only what is visible is imitated: others' earnings must be visible (`[visibility]
//! payouts` not `hidden`), so under hidden payouts strategies never change.
//!
//! Invariant: results do not depend on the thread count. Every account decides from the
//! day's end state and its own stream (account, day); the switches are applied afterwards
//! in account order.

use rand::RngCore;
use rayon::prelude::*;

use super::chain::BlockContext;
use super::comparison::MoodBuffers;
use super::events::ACCOUNTS_PER_TASK;
use super::world::World;
use crate::behaviour::population::{Strategy, ABSENT, AUTHOR, CURATOR};
use crate::behaviour::rng::{unit_f64, Purpose, Stream, StreamKey};
use crate::behaviour::trail::NO_LEADER;

/// `account`'s stream for a review on the day whose first step is `day_first_step`, for
/// `purpose`, if its first draw falls below `rate` (the account reviews today); `None`
/// otherwise. The rest of the stream is the review's to draw from.
pub(super) fn daily_review(
    ctx: &BlockContext<'_>,
    account: u32,
    day_first_step: u64,
    purpose: Purpose,
    rate: f64,
) -> Option<Stream> {
    let mut rng = StreamKey {
        seed: ctx.scenario.simulation.seed,
        replicate: ctx.replicate,
        account,
        step: day_first_step,
        purpose,
    }
    .stream();
    (unit_f64(rng.next_u64()) < rate).then_some(rng)
}

/// The probability of taking the peer's strategy: proportional imitation of a higher
/// return, 0 when the peer's return is not higher (returns per STEEM of stake per day).
pub fn switch_probability(own: f64, peer: f64) -> f64 {
    if peer.partial_cmp(&own) != Some(std::cmp::Ordering::Greater) {
        return 0.0;
    }
    let scale = own.abs() + peer.abs();
    if scale > 0.0 {
        ((peer - own) / scale).min(1.0)
    } else {
        0.0
    }
}

/// The `draw`-th (modulo their number) of the `candidates` that are `eligible`, in the
/// candidates' order: a uniform pick among the eligible for a uniform `draw`; `None` when
/// none is eligible.
fn pick_eligible(
    candidates: impl Iterator<Item = usize> + Clone,
    eligible: impl Fn(usize) -> bool,
    draw: u64,
) -> Option<usize> {
    let count = candidates.clone().filter(|&j| eligible(j)).count() as u64;
    if count == 0 {
        return None;
    }
    candidates
        .filter(|&j| eligible(j))
        .nth((draw % count) as usize)
}

/// Runs the day's reviews; returns how many accounts switched strategy. `day_mark` is the
/// day's index from the start of the warm-up plus 1, `day_first_step` keys the draws,
/// `moods` holds what each account's earnings look like to others today.
pub fn imitate(
    world: &mut World,
    ctx: &BlockContext<'_>,
    day_mark: u32,
    day_first_step: u64,
    moods: &MoodBuffers,
) -> u64 {
    let scenario = ctx.scenario;
    let config = &scenario.adaptation;
    if config.imitation_rate <= 0.0 || !scenario.visibility.payouts.paid_visible() {
        return 0;
    }
    let a = &world.accounts;
    let steem_per_vests = super::comparison::steem_per_vests(world);
    let ranks_only = scenario.visibility.payouts.ranks_only();
    let payoff = |i: usize| {
        if ranks_only {
            moods.seen_reward(i)
        } else {
            f64::from(a.earnings[i]) / (a.vesting_shares[i] as f64 * steem_per_vests).max(1.0)
        }
    };
    let roles_of = |i: usize| a.roles[i] & (AUTHOR | CURATOR);
    let half = (config.peers / 2).max(1) as i64;
    let n = a.len();
    let switches: Vec<(u32, u32)> = (0..n)
        .into_par_iter()
        .with_min_len(ACCOUNTS_PER_TASK)
        .filter_map(|i| {
            if a.roles[i] & ABSENT != 0 || roles_of(i) == 0 || a.active_mark[i] != day_mark {
                return None;
            }
            let mut rng = daily_review(
                ctx,
                i as u32,
                day_first_step,
                Purpose::Adapt,
                config.imitation_rate,
            )?;
            let rank = i64::from(a.stake_rank[i]);
            let window = ((rank - half).max(0)..=(rank + half).min(n as i64 - 1))
                .filter(move |&r| r != rank)
                .map(|r| a.by_stake[r as usize] as usize);
            let eligible = |j: usize| {
                a.roles[j] & ABSENT == 0
                    && roles_of(j) == roles_of(i)
                    && a.strategy[j] != a.strategy[i]
            };
            let j = pick_eligible(window, eligible, rng.next_u64())?;
            let p = switch_probability(payoff(i), payoff(j));
            (unit_f64(rng.next_u64()) < p).then_some((i as u32, j as u32))
        })
        .collect();
    let a = &mut world.accounts;
    for &(i, j) in &switches {
        let (i, j) = (i as usize, j as usize);
        let s = a.strategy[j];
        a.strategy[i] = s;
        a.voters[i].strategy = s;
        // A new trail follower follows its peer's leader (a new one is drawn at the day's
        // start if that cannot lead: engine::trail); a follower that switches away drops it.
        a.leader[i] = if s == Strategy::TrailFollower {
            a.leader[j]
        } else {
            NO_LEADER
        };
    }
    switches.len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peer_is_drawn_among_the_eligible_only() {
        let candidates = [3usize, 4, 5, 6, 7];
        let even = |j: usize| j % 2 == 0;
        let pick = |draw| pick_eligible(candidates.iter().copied(), even, draw);
        assert_eq!(pick(0), Some(4));
        assert_eq!(pick(1), Some(6));
        assert_eq!(pick(2), Some(4));
        assert_eq!(pick(u64::MAX), Some(6));
        assert_eq!(
            pick_eligible(candidates.iter().copied(), |_| false, 7),
            None
        );
        assert_eq!(pick_eligible(std::iter::empty(), even, 7), None);
    }

    #[test]
    fn imitation_is_proportional_to_the_lead() {
        assert_eq!(switch_probability(1.0, 1.0), 0.0);
        assert_eq!(switch_probability(2.0, 1.0), 0.0);
        assert!((switch_probability(1.0, 3.0) - 0.5).abs() < 1e-12);
        assert_eq!(switch_probability(0.0, 1.0), 1.0);
        assert_eq!(switch_probability(0.0, 0.0), 0.0);
        assert_eq!(switch_probability(f64::NAN, 1.0), 0.0);
        assert!((switch_probability(-1.0, 1.0) - 1.0).abs() < 1e-12);
    }
}
