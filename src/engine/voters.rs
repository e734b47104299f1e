//! Each account's voting state, packed into one 128-byte block per account: a vote reads
//! and writes all of it together (mana bars, last vote time, the ring of recently voted
//! posts, counters), so one account costs one memory fetch instead of one per field.
//!
//! Post ids are stored as `u32` here: the engine stops a run before the 4,294,967,295th
//! post (see [`MAX_POSTS`]), so every id fits and a stored id is the post's whole id.

use crate::behaviour::population::Strategy;
use crate::mechanics::vote::{VoteInput, VoteOutcome};

/// Length of each account's ring of recently voted posts.
pub const RECENT_VOTES: usize = 21;

/// Marks an empty ring slot.
const EMPTY: u32 = u32::MAX;

/// Number of posts a run may create: every post id must fit in a ring slot.
pub const MAX_POSTS: u64 = EMPTY as u64;

/// One account's voting state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, align(128))]
pub struct Voter {
    /// Voting mana (HF20+), VESTS satoshis, or voting power in basis points (pre-HF20).
    pub voting_mana: i64,
    /// Downvote mana (HF21+), VESTS satoshis.
    pub downvote_mana: i64,
    /// Accepted votes, counted from the start of the warm-up and restarted when the
    /// measured days begin (so at the end: over the measured days).
    pub votes: u64,
    /// Time of the last vote (and last update of the bars), seconds.
    pub last_vote_time: u32,
    /// Day + 1 on which the account was last counted as an active curator (0 = never).
    pub voted_mark: u32,
    /// One above the highest post id pushed out of the ring while live (0 = none): a post
    /// at or above it cannot be among the account's evicted votes.
    evicted_below: u32,
    /// The last [`RECENT_VOTES`] posts voted on (any order, [`EMPTY`] = free slot), so a
    /// duplicate vote is usually found without scanning the post's votes.
    recent: [u32; RECENT_VOTES],
    /// Curator strategy.
    pub strategy: Strategy,
    /// Next ring slot.
    recent_head: u8,
    /// Trail votes a trail follower may still cast today: its daily budget
    /// ([`crate::behaviour::trail::trail_budget`]), set when the day is planned
    /// ([`super::trail`]); unused by other strategies.
    pub trail_votes_left: u16,
}

impl Voter {
    /// A voter with full bars as given, no votes yet and `strategy`.
    pub fn new(strategy: Strategy, voting_mana: i64, downvote_mana: i64) -> Voter {
        Voter {
            voting_mana,
            downvote_mana,
            votes: 0,
            last_vote_time: 0,
            voted_mark: 0,
            evicted_below: 0,
            recent: [EMPTY; RECENT_VOTES],
            strategy,
            recent_head: 0,
            trail_votes_left: 0,
        }
    }

    /// True if `post` is in the ring of recent votes.
    pub fn voted_recently(&self, post: u64) -> bool {
        u32::try_from(post).is_ok_and(|id| id != EMPTY && self.recent.contains(&id))
    }

    /// Puts `post` (an id below [`MAX_POSTS`]) in the ring and returns the post it pushed
    /// out, if the slot held one.
    pub fn remember(&mut self, post: u64) -> Option<u64> {
        debug_assert!(post < MAX_POSTS);
        let slot = &mut self.recent[usize::from(self.recent_head)];
        let evicted = std::mem::replace(slot, post as u32);
        self.recent_head = ((usize::from(self.recent_head) + 1) % RECENT_VOTES) as u8;
        (evicted != EMPTY).then_some(u64::from(evicted))
    }
}

/// What recording an accepted vote changed beyond the voter itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// A live post pushed out of the ring, for the evicted votes.
    pub evicted: Option<u64>,
    /// The voter's first accepted vote of the day.
    pub first_today: bool,
}

impl Voter {
    /// The chain's input for a vote by this voter with `effective_vests` (VESTS
    /// satoshis) at `weight` (basis points, negative for a downvote) at `time`, on a post
    /// `seconds_to_cashout` from its cashout: its bars as of its last vote.
    pub fn vote_input(
        &self,
        effective_vests: i64,
        weight: i16,
        time: u32,
        seconds_to_cashout: i64,
    ) -> VoteInput {
        let elapsed = time.saturating_sub(self.last_vote_time);
        VoteInput {
            effective_vests,
            voting_mana: self.voting_mana,
            downvote_mana: self.downvote_mana,
            elapsed_seconds: elapsed,
            seconds_since_last_vote: elapsed,
            weight,
            seconds_to_cashout,
        }
    }

    /// Records an accepted vote on `post` at `time`: the bars after it, the ring (a post
    /// pushed out at or above `first_live` is still live and noted as evicted), the vote
    /// count, and the day's activity mark `day_mark`.
    pub fn record_vote(
        &mut self,
        outcome: &VoteOutcome,
        post: u64,
        time: u32,
        first_live: u64,
        day_mark: u32,
    ) -> Recorded {
        self.voting_mana = outcome.voting_mana;
        self.downvote_mana = outcome.downvote_mana;
        self.last_vote_time = time;
        let evicted = self.remember(post).filter(|&old| old >= first_live);
        if let Some(old) = evicted {
            self.note_evicted(old);
        }
        self.votes += 1;
        let first_today = self.voted_mark != day_mark;
        self.voted_mark = day_mark;
        Recorded {
            evicted,
            first_today,
        }
    }

    /// Records that `post`, pushed out of the ring by [`Voter::remember`], was still live
    /// (and so went to the evicted votes).
    pub fn note_evicted(&mut self, post: u64) {
        debug_assert!(post < MAX_POSTS);
        self.evicted_below = self.evicted_below.max(post as u32 + 1);
    }

    /// False when `post` is surely not among this account's evicted votes, given that the
    /// oldest live post is `first_live`: nothing at or above `post` was evicted, or
    /// everything evicted has cashed out.
    pub fn may_have_evicted(&self, post: u64, first_live: u64) -> bool {
        let below = u64::from(self.evicted_below);
        post < below && below > first_live
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_block_per_account() {
        assert_eq!(std::mem::size_of::<Voter>(), 128);
        assert_eq!(std::mem::align_of::<Voter>(), 128);
    }

    #[test]
    fn ring_remembers_the_last_votes_and_reports_evictions() {
        let mut v = Voter::new(Strategy::Honest, 10, 2);
        assert!(!v.voted_recently(0));
        assert!(!v.voted_recently(u64::from(EMPTY)));
        for post in 0..RECENT_VOTES as u64 {
            assert_eq!(v.remember(post), None);
        }
        assert!((0..RECENT_VOTES as u64).all(|p| v.voted_recently(p)));
        assert_eq!(v.remember(100), Some(0));
        assert_eq!(v.remember(101), Some(1));
        assert!(!v.voted_recently(0) && v.voted_recently(100) && v.voted_recently(2));
        assert!(!v.voted_recently(1 << 40));
    }

    #[test]
    fn evicted_filter_never_rules_out_an_evicted_live_post() {
        let mut v = Voter::new(Strategy::Honest, 10, 2);
        assert!(!v.may_have_evicted(0, 0));
        v.note_evicted(7);
        v.note_evicted(3);
        assert!(v.may_have_evicted(7, 0) && v.may_have_evicted(3, 3));
        assert!(!v.may_have_evicted(8, 0), "above every evicted post");
        assert!(!v.may_have_evicted(5, 8), "every evicted post cashed out");
    }
}
