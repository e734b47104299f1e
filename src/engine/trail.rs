//! Curation trails ([`crate::behaviour::trail`]): trail followers upvote what their
//! leaders upvote, `trail_delay_seconds` later.
//!
//! Order of events (rules every run follows):
//! 1. At the day's start ([`Trails::open_day`]) the leader candidates are refreshed, every
//!    present trail follower whose leader left, is no longer a curator or became a
//!    follower itself gets a new one (its trail stream for the day), and the followers
//!    are indexed by leader. A follower with a leader decides none of its own votes; one
//!    without curates as honest. When the day is planned, each follower gets its day's
//!    budget of trail votes ([`crate::behaviour::trail::trail_budget`], kept in
//!    `Voter::trail_votes_left`), whether or not it is active that day.
//! 2. In each step, after the decisions (step 4 of [`super::step`]), every accepted upvote
//!    of a leader — decided or paid, not a trail vote: trails of trails are not modelled —
//!    queues one trail vote per follower, due `trail_delay_seconds` after it.
//! 3. Then every queued vote due by the step's last block is cast, in (due time, follower,
//!    post) order, at its due time (or the follower's last vote, if later), with the
//!    follower's own mana through [`super::cast::upvote_at`]: unless the follower left or
//!    switched strategy, has no trail votes left today, already voted on the post, wrote
//!    it, or the post closed. A vote the chain rejects counts as rejected. Votes due later
//!    wait for their step (across days too).
//!
//! Voter identities are public on chain, so trails do not depend on `[visibility]
//! voters`.

use rand::RngCore;

use super::cast::{upvote_at, NotCast, Upvote};
use super::chain::BlockContext;
use super::day::DayStats;
use super::step::{VoteIntent, VoteSource};
use super::world::{Accounts, World};
use crate::behaviour::population::{Strategy, ABSENT, CURATOR};
use crate::behaviour::rng::{Purpose, StreamKey};
use crate::behaviour::trail::{leader_candidates, pick_leader, ranked_above, NO_LEADER};

/// A trail vote queued and not yet cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TrailVote {
    /// When it is due, seconds (the leader's vote time + the delay).
    due: u32,
    /// The follower.
    follower: u32,
    /// The post.
    post: u64,
}

/// The trails' state: today's candidates and followers by leader, and the votes queued.
#[derive(Debug, Clone, Default)]
pub struct Trails {
    /// Today's leader candidates, most stake first.
    candidates: Vec<u32>,
    /// Today's leaders with followers, increasing.
    leaders: Vec<u32>,
    /// Followers of `leaders[k]`: `followers[starts[k]..starts[k + 1]]`, increasing.
    starts: Vec<usize>,
    /// Followers, grouped by leader.
    followers: Vec<u32>,
    /// Trail votes queued, not yet due.
    pending: Vec<TrailVote>,
}

/// Whether account `i` may lead today: a present curator that is not a trail follower.
fn may_lead(a: &Accounts, i: u32) -> bool {
    let i = i as usize;
    i < a.len()
        && a.roles[i] & (ABSENT | CURATOR) == CURATOR
        && a.strategy[i] != Strategy::TrailFollower
}

impl Trails {
    /// Step 1: refreshes the candidates, gives every present follower without a valid
    /// leader a new one and indexes the followers by leader, for the day whose first step
    /// is `day_first_step`.
    pub fn open_day(&mut self, world: &mut World, ctx: &BlockContext<'_>, day_first_step: u64) {
        let scenario = ctx.scenario;
        let a = &mut world.accounts;
        self.leaders.clear();
        self.starts.clear();
        self.followers.clear();
        self.candidates.clear();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for i in 0..a.len() {
            if a.strategy[i] != Strategy::TrailFollower
                || a.roles[i] & (ABSENT | CURATOR) != CURATOR
            {
                continue;
            }
            let leader = a.leader[i];
            if leader == i as u32 || !may_lead(a, leader) {
                if self.candidates.is_empty() {
                    let limit = scenario.behaviour.trail_leaders as usize;
                    leader_candidates(
                        &a.by_stake,
                        &a.roles,
                        &a.strategy,
                        limit,
                        &mut self.candidates,
                    );
                }
                let u = StreamKey {
                    seed: scenario.simulation.seed,
                    replicate: ctx.replicate,
                    account: i as u32,
                    step: day_first_step,
                    purpose: Purpose::Trail,
                }
                .stream()
                .next_u64();
                let above = ranked_above(&self.candidates, &a.stake_rank, a.stake_rank[i]);
                a.leader[i] = pick_leader(&self.candidates, above, u);
            }
            if a.leader[i] != NO_LEADER {
                pairs.push((a.leader[i], i as u32));
            }
        }
        pairs.sort_unstable();
        for (k, &(leader, follower)) in pairs.iter().enumerate() {
            if k == 0 || pairs[k - 1].0 != leader {
                self.leaders.push(leader);
                self.starts.push(k);
            }
            self.followers.push(follower);
        }
        self.starts.push(pairs.len());
    }

    /// Step 2: queues a trail vote for each follower of the voter of each upvote in
    /// `votes` that is not itself a trail vote, due `delay` seconds after it.
    pub fn queue<'a>(&mut self, votes: impl Iterator<Item = &'a VoteIntent>, delay: u32) {
        if self.leaders.is_empty() {
            return;
        }
        for v in votes {
            if v.rshares <= 0 || v.source == VoteSource::Trail {
                continue;
            }
            if let Ok(k) = self.leaders.binary_search(&v.voter) {
                let due = v.time + delay;
                self.pending.extend(
                    self.followers[self.starts[k]..self.starts[k + 1]]
                        .iter()
                        .map(|&follower| TrailVote {
                            due,
                            follower,
                            post: v.post,
                        }),
                );
            }
        }
    }

    /// Step 3: casts the queued votes due at or before `step_end` (the step's last block
    /// time) into `out`, in (due, follower, post) order.
    pub fn cast_due(
        &mut self,
        world: &mut World,
        ctx: &BlockContext<'_>,
        step_end: u32,
        day_mark: u32,
        stats: &mut DayStats,
        out: &mut Vec<VoteIntent>,
    ) {
        if self.pending.is_empty() {
            return;
        }
        self.pending.sort_unstable();
        let due = self.pending.partition_point(|t| t.due <= step_end);
        let window = ctx.scenario.rules.cashout_window_seconds;
        for t in self.pending.drain(..due) {
            let f = t.follower as usize;
            let a = &world.accounts;
            let voter = &a.voters[f];
            if a.strategy[f] != Strategy::TrailFollower || voter.trail_votes_left == 0 {
                continue;
            }
            let time = t.due.max(voter.last_vote_time);
            let posts = world.posts.view();
            let Some(p) = posts.index_of(t.post) else {
                continue;
            };
            if posts.author[p] == t.follower || posts.facts[p].created + window <= time {
                continue;
            }
            match upvote_at(
                world,
                ctx,
                Upvote {
                    voter: t.follower,
                    post: t.post,
                    weight: ctx.scenario.behaviour.vote_weight as i16,
                    time,
                },
                day_mark,
                stats,
            ) {
                Ok(rshares) => {
                    world.accounts.voters[f].trail_votes_left -= 1;
                    out.push(VoteIntent {
                        time,
                        voter: t.follower,
                        post: t.post,
                        rshares,
                        weight: ctx.scenario.behaviour.vote_weight as i16,
                        source: VoteSource::Trail,
                    });
                }
                Err(NotCast::Rejected) => stats.votes_rejected += 1,
                Err(NotCast::Gone | NotCast::AlreadyVoted) => {}
            }
        }
    }

    /// The followers of `leader` today (increasing).
    pub fn followers_of(&self, leader: u32) -> &[u32] {
        match self.leaders.binary_search(&leader) {
            Ok(k) => &self.followers[self.starts[k]..self.starts[k + 1]],
            Err(_) => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behaviour::view::PostFacts;
    use crate::engine::setup;
    use crate::scenario::Scenario;

    const T0: u32 = 2 * 86_400;

    fn context(scenario: &Scenario) -> BlockContext<'_> {
        BlockContext::new(scenario, 0, 0, 0)
    }

    fn vote(time: u32, voter: u32, post: u64, rshares: i64, source: VoteSource) -> VoteIntent {
        VoteIntent {
            time,
            voter,
            post,
            rshares,
            weight: 10_000,
            source,
        }
    }

    /// A 40-account world of curators, all honest but two followers of the largest
    /// account; three live posts, the second by the first follower. Returns the world,
    /// the leader, the two followers (lower id first) and the posts.
    fn world(scenario: &Scenario) -> (World, u32, [u32; 2], [u64; 3]) {
        let mut world = setup::build(scenario, 0).unwrap();
        let a = &mut world.accounts;
        let leader = *a.by_stake.last().unwrap();
        let mut followers = [a.by_stake[0], a.by_stake[1]];
        followers.sort_unstable();
        for i in 0..a.len() {
            let s = if followers.contains(&(i as u32)) {
                Strategy::TrailFollower
            } else {
                Strategy::Honest
            };
            a.strategy[i] = s;
            a.voters[i].strategy = s;
            a.leader[i] = NO_LEADER;
        }
        a.leader[followers[0] as usize] = leader;
        a.leader[followers[1] as usize] = leader;
        world.globals.time = T0;
        let facts = PostFacts {
            created: T0 - 3_600,
            quality: 0.5,
        };
        let other = a.by_stake[2];
        let posts = [
            world.posts.push(other, facts),
            world.posts.push(followers[0], facts),
            world.posts.push(other, facts),
        ];
        (world, leader, followers, posts)
    }

    #[test]
    fn followers_vote_their_leaders_upvotes_after_the_delay_once_within_budget() {
        let mut scenario = Scenario::default();
        scenario.population.accounts = 40;
        scenario.population.curator_share = 1.0;
        let ctx = context(&scenario);
        let (mut world, leader, [f1, f2], [p0, p1, p2]) = world(&scenario);
        let mut trails = Trails::default();
        trails.open_day(&mut world, &ctx, 0);
        assert_eq!(trails.followers_of(leader), &[f1, f2]);
        assert!(trails.followers_of(f1).is_empty());
        world.accounts.voters[f1 as usize].trail_votes_left = 2;
        world.accounts.voters[f2 as usize].trail_votes_left = 5;
        // The second follower voted the third post already.
        world.accounts.voters[f2 as usize].remember(p2);
        let other = (0..40)
            .find(|&i| i != leader && i != f1 && i != f2)
            .unwrap();
        let step_votes = [
            vote(T0 + 30, leader, p0, 1_000, VoteSource::Decided),
            vote(T0 + 60, leader, p1, 1_000, VoteSource::Paid),
            vote(T0 + 90, leader, p2, 1_000, VoteSource::Decided),
            // Not copied: a downvote, a trail vote, another account's vote.
            vote(T0 + 93, leader, p0, -1_000, VoteSource::Decided),
            vote(T0 + 96, leader, p1, 1_000, VoteSource::Trail),
            vote(T0 + 99, other, p0, 1_000, VoteSource::Decided),
        ];
        trails.queue(step_votes.iter(), 300);
        let mut stats = DayStats::default();
        let mut out = Vec::new();
        // Nothing is due within the first 300 seconds.
        trails.cast_due(&mut world, &ctx, T0 + 300, 1, &mut stats, &mut out);
        assert!(out.is_empty());
        trails.cast_due(&mut world, &ctx, T0 + 3_600, 1, &mut stats, &mut out);
        let cast: Vec<(u32, u32, u64)> = out.iter().map(|v| (v.time, v.voter, v.post)).collect();
        // In (due, follower, post) order; the first follower skips its own post, the
        // second the post it voted on already.
        assert_eq!(
            cast,
            vec![
                (T0 + 330, f1, p0),
                (T0 + 330, f2, p0),
                (T0 + 360, f2, p1),
                (T0 + 390, f1, p2),
            ]
        );
        assert!(out
            .iter()
            .all(|v| v.source == VoteSource::Trail && v.rshares > 0));
        let a = &world.accounts;
        assert_eq!(a.voters[f1 as usize].trail_votes_left, 0);
        assert_eq!(a.voters[f2 as usize].trail_votes_left, 3);
        assert_eq!(a.voters[f2 as usize].last_vote_time, T0 + 360);
        assert_eq!(stats.active_curators, 2);
        // The leader votes again later: no second vote on a post, nothing without budget;
        // a vote due past the step waits for its step.
        out.clear();
        let later = [
            vote(T0 + 4_000, leader, p0, 1_000, VoteSource::Decided),
            vote(T0 + 7_000, leader, p2, 1_000, VoteSource::Decided),
        ];
        trails.queue(later.iter(), 300);
        trails.cast_due(&mut world, &ctx, T0 + 7_200, 1, &mut stats, &mut out);
        assert!(out.is_empty());
        trails.cast_due(&mut world, &ctx, T0 + 10_800, 1, &mut stats, &mut out);
        assert!(out.is_empty(), "{out:?}");
        assert!(trails.pending.is_empty());
    }

    #[test]
    fn a_follower_whose_leader_left_or_follows_gets_a_new_leader_above_it() {
        let mut scenario = Scenario::default();
        scenario.population.accounts = 40;
        scenario.population.curator_share = 1.0;
        scenario.behaviour.trail_leaders = 5;
        let ctx = context(&scenario);
        let (mut world, leader, [f1, f2], _) = world(&scenario);
        world.accounts.roles[leader as usize] |= crate::behaviour::population::LEFT;
        // The second follower imitated the first and took its own account as leader.
        world.accounts.leader[f2 as usize] = f2;
        let mut trails = Trails::default();
        trails.open_day(&mut world, &ctx, 24);
        let a = &world.accounts;
        let top5: Vec<u32> = a.by_stake.iter().rev().skip(1).take(5).copied().collect();
        for f in [f1, f2] {
            let new = a.leader[f as usize];
            assert!(top5.contains(&new), "{new} not among {top5:?}");
            assert!(trails.followers_of(new).contains(&f));
        }
        // Deterministic: the same day draws the same leaders.
        let first = [a.leader[f1 as usize], a.leader[f2 as usize]];
        world.accounts.leader[f1 as usize] = NO_LEADER;
        world.accounts.leader[f2 as usize] = NO_LEADER;
        trails.open_day(&mut world, &ctx, 24);
        let a = &world.accounts;
        assert_eq!([a.leader[f1 as usize], a.leader[f2 as usize]], first);
    }
}
