//! Curation trails: a `trail_follower` curator votes whatever its leader upvotes,
//! `trail_delay_seconds` later, at the curators' `vote_weight` — what trail services such
//! as steemauto did for their users. This module chooses leaders; the engine
//! ([`crate::engine::trail`]) queues and casts the trail votes.
//!
//! The rule:
//! * **Leader candidates** are the `trail_leaders` present curators with the most initial
//!   stake (ties to the higher id, the reverse of the engine's `by_stake` order) that are
//!   not trail followers themselves (trails of trails are not modelled).
//! * A follower's **leader** is drawn uniformly among the candidates with more initial
//!   stake than the follower; with none (it is the largest curator) it has no leader and
//!   curates as honest. The initial population draws it with one more draw from the
//!   account's population stream; a follower whose leader left or stopped being a
//!   candidate-eligible curator (switched to trail_follower) gets a new one at the next
//!   day's start, drawn from its own trail stream for that day; one that imitated a
//!   follower takes that follower's leader.
//!
//! * A follower's **budget** is its mean planned votes a day ([`trail_budget`]), spent by
//!   its trail votes whether or not it is active that day: trail services voted for their
//!   users unattended. (Spending only the day's planned votes would confine trail votes to
//!   days on which both leader and follower happen to be active — one in a hundred at
//!   `daily_active_share` 0.1 — and left followers with a tenth of other curators' votes.)
//!
//! Evidence vs assumption: trails are documented community practice \[comm\] (steemauto and
//! curation trails that copied a chosen account's votes after a set delay, at a set
//! weight); who follows whom (the largest curators, uniformly), the delay, the weight (the
//! curators' `vote_weight`) and the budget are assumptions.

use super::plan::Drives;
use super::population::{Strategy, ABSENT, CURATOR};
use crate::scenario::Scenario;

/// Marks an account without a leader.
pub const NO_LEADER: u32 = u32::MAX;

/// The leader a uniform 64-bit draw `u` picks among the first `above` entries of
/// `candidates` (best first: those with more stake than the follower), or [`NO_LEADER`]
/// when `above` is 0. Multiply-and-shift, so the pick is exact and portable.
pub fn pick_leader(candidates: &[u32], above: usize, u: u64) -> u32 {
    let above = above.min(candidates.len());
    if above == 0 {
        return NO_LEADER;
    }
    let k = ((u128::from(u) * above as u128) >> 64) as usize;
    candidates[k]
}

/// How many of `candidates` (best first) rank above an account of stake rank `rank`
/// (`stake_rank` of every account: larger = more stake).
pub fn ranked_above(candidates: &[u32], stake_rank: &[u32], rank: u32) -> usize {
    candidates.partition_point(|&c| stake_rank[c as usize] > rank)
}

/// Fills `out` with the leader candidates: walking `by_stake` (accounts by initial stake,
/// smallest first) from the top, the first `limit` accounts whose `roles` make them
/// present curators and whose `strategy` is not [`Strategy::TrailFollower`].
pub fn leader_candidates(
    by_stake: &[u32],
    roles: &[u8],
    strategy: &[Strategy],
    limit: usize,
    out: &mut Vec<u32>,
) {
    out.clear();
    out.extend(
        by_stake
            .iter()
            .rev()
            .copied()
            .filter(|&i| {
                let i = i as usize;
                roles[i] & (ABSENT | CURATOR) == CURATOR && strategy[i] != Strategy::TrailFollower
            })
            .take(limit),
    );
}

/// How many trail votes a follower may cast on a day whose rates are scaled by `drives`:
/// its mean planned votes a day (`votes_per_curator_day` × activity multiplier × vote
/// norm × the curators' pool pull), rounded up, whether or not it is active that day — the trail votes for it
/// unattended, and only its leader's votes and its mana limit it otherwise.
pub fn trail_budget(scenario: &Scenario, drives: &Drives) -> u16 {
    let mean = scenario.population.votes_per_curator_day
        * drives.activity
        * drives.vote_norm
        * drives.vote_pull;
    mean.ceil().clamp(0.0, f64::from(u16::MAX)) as u16
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behaviour::population::{AUTHOR, LEFT, WAITING};

    #[test]
    fn the_leader_is_drawn_uniformly_among_those_above() {
        let candidates = [9, 4, 7];
        assert_eq!(pick_leader(&candidates, 0, 123), NO_LEADER);
        assert_eq!(pick_leader(&[], 3, 123), NO_LEADER);
        assert_eq!(pick_leader(&candidates, 1, u64::MAX), 9);
        assert_eq!(pick_leader(&candidates, 3, 0), 9);
        assert_eq!(pick_leader(&candidates, 3, u64::MAX / 3 + 1), 4);
        assert_eq!(pick_leader(&candidates, 3, u64::MAX), 7);
        // More than the list holds: capped.
        assert_eq!(pick_leader(&candidates, 10, u64::MAX), 7);
        // Uniform: each of three about a third of evenly spread draws.
        let mut counts = [0; 3];
        for k in 0..3_000u64 {
            // The middle of the k-th of 3,000 equal parts of 0..2^64.
            let u = ((u128::from(2 * k + 1) << 64) / 6_000) as u64;
            counts[candidates
                .iter()
                .position(|&c| c == pick_leader(&candidates, 3, u))
                .unwrap()] += 1;
        }
        assert_eq!(counts, [1_000; 3]);
    }

    #[test]
    fn candidates_are_the_largest_present_curators_that_lead_themselves() {
        // Accounts 0..6, stake rank = id (account 5 the largest).
        let by_stake = [0, 1, 2, 3, 4, 5];
        let stake_rank = [0, 1, 2, 3, 4, 5];
        let roles = [
            CURATOR,
            CURATOR,
            AUTHOR,
            CURATOR,
            CURATOR | LEFT,
            CURATOR | WAITING,
        ];
        let mut strategy = [Strategy::Honest; 6];
        strategy[3] = Strategy::TrailFollower;
        let mut out = vec![42];
        leader_candidates(&by_stake, &roles, &strategy, 10, &mut out);
        assert_eq!(out, vec![1, 0]);
        leader_candidates(&by_stake, &roles, &strategy, 1, &mut out);
        assert_eq!(out, vec![1]);
        strategy[3] = Strategy::VoteSeller;
        leader_candidates(&by_stake, &roles, &strategy, 10, &mut out);
        assert_eq!(out, vec![3, 1, 0]);
        // Only those with more stake may lead.
        assert_eq!(ranked_above(&out, &stake_rank, 5), 0);
        assert_eq!(ranked_above(&out, &stake_rank, 2), 1);
        assert_eq!(ranked_above(&out, &stake_rank, 0), 2);
        assert_eq!(
            pick_leader(&out, ranked_above(&out, &stake_rank, 3), 0),
            NO_LEADER
        );
    }
}
