//! Votes cast outside the decision tasks, one by one in a fixed order: paid votes
//! ([`super::bid_bots`]) and trail votes ([`super::trail`]). Each is priced with the
//! voter's own mana at its time by [`cast_vote`] and recorded in the voter's [`Voter`]
//! exactly as a decided vote is; the caller adds it to the step's votes.
//!
//! [`Voter`]: super::voters::Voter

use super::chain::BlockContext;
use super::day::DayStats;
use super::step::{effective_vests, StakeReads};
use super::world::World;
use crate::behaviour::population::ABSENT;
use crate::mechanics::vote::cast_vote;

/// Why a vote was not cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCast {
    /// The post cashed out, or the voter is not present.
    Gone,
    /// The voter already voted on the post.
    AlreadyVoted,
    /// The chain's rules reject the vote (mana, dust, cashout).
    Rejected,
}

/// One upvote cast outside the decision tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upvote {
    /// The voting account.
    pub voter: u32,
    /// The post.
    pub post: u64,
    /// Vote weight, basis points (> 0).
    pub weight: i16,
    /// When, a block time not before the voter's last vote, seconds.
    pub time: u32,
}

/// The `vote` is cast: unless the post is gone, the voter absent or already on the post, or
/// the chain rejects the vote, its mana and ring are updated as for any vote (a live post
/// pushed out of the ring goes to the evicted votes; a first vote of day `day_mark`
/// counts the voter as an active curator) and the vote's rshares are returned.
pub fn upvote_at(
    world: &mut World,
    ctx: &BlockContext<'_>,
    vote: Upvote,
    day_mark: u32,
    stats: &mut DayStats,
) -> Result<i64, NotCast> {
    let Upvote {
        voter,
        post,
        weight,
        time,
    } = vote;
    let rules = &ctx.scenario.rules;
    let s = voter as usize;
    let posts = world.posts.view();
    let first_live = posts.first_id;
    let Some(p) = posts.index_of(post) else {
        return Err(NotCast::Gone);
    };
    let created = posts.facts[p].created;
    if world.accounts.roles[s] & ABSENT != 0 {
        return Err(NotCast::Gone);
    }
    let v = &world.accounts.voters[s];
    if v.voted_recently(post)
        || (v.may_have_evicted(post, first_live) && world.evicted_votes.contains(voter, post))
    {
        return Err(NotCast::AlreadyVoted);
    }
    let a = &world.accounts;
    let input = a.voters[s].vote_input(
        effective_vests(StakeReads::of(a), s),
        weight,
        time,
        i64::from(created) + i64::from(rules.cashout_window_seconds) - i64::from(time),
    );
    let outcome = cast_vote(rules, &input).map_err(|_| NotCast::Rejected)?;
    let recorded = world.accounts.voters[s].record_vote(&outcome, post, time, first_live, day_mark);
    if let Some(old) = recorded.evicted {
        world.evicted_votes.insert(voter, old);
    }
    if recorded.first_today {
        stats.active_curators += 1;
    }
    Ok(outcome.rshares)
}
