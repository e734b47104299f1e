//! One step, in a fixed order (the numbered rules every run follows):
//!
//! 1. **Stake moves** planned for the step (power up, start of a power down), in account
//!    order, at the step's first block.
//! 2. **Decisions**, in parallel over accounts on a read-only view of the world as it was at
//!    the start of the step: each account takes its events in time order, chooses what to
//!    vote on ([`crate::behaviour::curator`]) and prices each vote with its own mana
//!    ([`crate::mechanics::vote::cast_vote`]). A post created in this step is seen from
//!    the next step on; votes see balances as of the step's start.
//! 3. **Apply**, sequentially: mana, then new posts in (time, author) order, then votes in
//!    (time, voter, post) order, each adding its rshares and curation weight to its post
//!    ([`crate::mechanics::curation::CommentVoteTotals::add_vote`]).
//! 4. **Blocks** of the step, one by one ([`super::chain`]): inflation, cashouts, power-down
//!    payments, claims.
//! 5. The trending list is refreshed.
//!
//! Results do not depend on the number of threads: decisions read only the start-of-step
//! view and their own stream (seed, replicate, account, step), and everything that changes
//! shared state happens in step 3 and 4 in a fixed order.

use rayon::prelude::*;

use super::chain::{apply_block, BlockContext, BLOCK_SECONDS};
use super::day::DayStats;
use super::world::{VoteRecord, World, RECENT_VOTES};
use super::EngineError;
use crate::behaviour::curator::choose_vote;
use crate::behaviour::plan::{EventKind, PlannedEvent};
use crate::behaviour::rng::{Purpose, StreamKey};
use crate::behaviour::view::WorldView;
use crate::mechanics::curation::CastVote;
use crate::mechanics::manabar::{effective_vesting_shares, VestingBalances};
use crate::mechanics::power_down::withdraw_vesting;
use crate::mechanics::vote::{cast_vote, VoteInput};
use crate::metrics::PostRow;

/// Trending list length.
pub const TRENDING: usize = 100;
/// Accounts decided together by one parallel task.
const ACCOUNTS_PER_TASK: usize = 256;

/// Which accounts were already counted as active today.
#[derive(Debug, Clone, Default)]
pub struct ActivityMarks {
    /// Day + 1 on which each account last posted (0 = never).
    pub posted: Vec<u32>,
    /// Day + 1 on which each account last voted.
    pub voted: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct PostIntent {
    time: u32,
    author: u32,
}

#[derive(Debug, Clone, Copy)]
struct VoteIntent {
    time: u32,
    voter: u32,
    post: u64,
    rshares: i64,
}

#[derive(Debug, Clone, Copy)]
struct ManaUpdate {
    account: u32,
    voting_mana: i64,
    downvote_mana: i64,
    last_vote_time: u32,
}

#[derive(Debug, Default)]
struct Decisions {
    posts: Vec<PostIntent>,
    votes: Vec<VoteIntent>,
    mana: Vec<ManaUpdate>,
    rejected: u64,
    /// Scratch for [`choose_vote`], reused across the task's votes.
    ranked: Vec<(f64, u64)>,
}

/// Runs one step whose planned events (grouped by account, time order within an account)
/// are `events`.
#[allow(clippy::too_many_arguments)]
pub fn run_step(
    world: &mut World,
    ctx: &BlockContext<'_>,
    step_index: u64,
    events: &[PlannedEvent],
    day_mark: u32,
    marks: &mut ActivityMarks,
    stats: &mut DayStats,
    posts_out: &mut Vec<PostRow>,
) -> Result<(), EngineError> {
    let step_start = world.globals.time;
    stake_moves(world, ctx, events, stats)?;
    let decisions = decide(world, ctx, step_index, step_start, events);
    apply(world, ctx, decisions, day_mark, marks, stats)?;
    let blocks = ctx.scenario.simulation.step_seconds / BLOCK_SECONDS;
    for _ in 0..blocks {
        apply_block(world, ctx, stats, posts_out)?;
    }
    refresh_trending(world, &[], u32::MAX);
    Ok(())
}

fn stake_moves(
    world: &mut World,
    ctx: &BlockContext<'_>,
    events: &[PlannedEvent],
    stats: &mut DayStats,
) -> Result<(), EngineError> {
    let b = &ctx.scenario.behaviour;
    let measured = world.globals.time + BLOCK_SECONDS > ctx.measure_from;
    for e in events.iter().filter(|e| e.kind < EventKind::Post) {
        let i = e.account as usize;
        let a = &mut world.accounts;
        match e.kind {
            EventKind::PowerUp => {
                let amount = (a.liquid[i] as f64 * b.power_up_share) as i64;
                if amount <= 0 {
                    continue;
                }
                let vests = world
                    .globals
                    .vesting
                    .create_vesting(amount)
                    .map_err(|err| EngineError::Mechanics {
                        day: ctx.day,
                        detail: err.to_string(),
                    })?;
                a.liquid[i] -= amount;
                a.vesting_shares[i] += vests;
                if measured {
                    a.vested_in[i] += amount;
                }
                stats.powered_up += amount;
            }
            EventKind::PowerDown => {
                let vests = (a.vesting_shares[i] as f64 * b.power_down_share) as i64;
                if vests <= 0 || a.next_withdrawal[i] != u32::MAX {
                    continue;
                }
                let state = withdraw_vesting(vests, ctx.power_down);
                a.vesting_withdraw_rate[i] = state.vesting_withdraw_rate;
                a.to_withdraw[i] = state.to_withdraw;
                a.withdrawn[i] = 0;
                let next = e.time + ctx.scenario.rules.vesting_withdraw_interval_seconds;
                a.next_withdrawal[i] = next;
                world.withdrawal_queue.insert((next, e.account));
            }
            EventKind::Post | EventKind::Vote => {}
        }
    }
    Ok(())
}

fn decide(
    world: &World,
    ctx: &BlockContext<'_>,
    step_index: u64,
    step_start: u32,
    events: &[PlannedEvent],
) -> Vec<Decisions> {
    let a = &world.accounts;
    let view = WorldView {
        step_start,
        cashout_window_seconds: ctx.scenario.rules.cashout_window_seconds,
        posts: world.posts.view(),
        trending: &world.trending,
        latest_post: &a.latest_post,
        last_author_reward: &a.last_author_reward,
        follows: &a.follows,
        follows_per_account: a.follows_per_account,
    };
    // Start index of each account's run of events.
    let starts: Vec<usize> = (0..events.len())
        .filter(|&i| i == 0 || events[i].account != events[i - 1].account)
        .chain(std::iter::once(events.len()))
        .collect();
    let groups = starts.len() - 1;
    (0..groups.div_ceil(ACCOUNTS_PER_TASK))
        .into_par_iter()
        .map(|task| {
            let mut out = Decisions::default();
            let first = task * ACCOUNTS_PER_TASK;
            let last = (first + ACCOUNTS_PER_TASK).min(groups);
            for g in first..last {
                if g + PREFETCH_AHEAD < groups {
                    prefetch_account(world, events[starts[g + PREFETCH_AHEAD]].account);
                }
                decide_account(
                    world,
                    ctx,
                    &view,
                    step_index,
                    &events[starts[g]..starts[g + 1]],
                    &mut out,
                );
            }
            out
        })
        .collect()
}

/// How many accounts ahead a decision task asks for an account's data.
const PREFETCH_AHEAD: usize = 2;

/// Asks the CPU to start loading what deciding `account` reads first (its ring of recent
/// votes, follows and balances) by touching it, so the cache misses overlap with deciding
/// the accounts before it. Reads only: it changes no result.
#[inline]
fn prefetch_account(world: &World, account: u32) {
    use std::hint::black_box;
    let a = &world.accounts;
    let i = account as usize;
    let ring = a.recent_votes_of(i);
    black_box((ring[0], ring[RECENT_VOTES - 1]));
    let k = a.follows_per_account;
    if k > 0 {
        black_box((a.follows[i * k], a.follows[i * k + k - 1]));
    }
    black_box((a.vesting_shares[i], a.voting_mana[i], a.downvote_mana[i]));
    black_box((a.last_vote_time[i], a.next_withdrawal[i], a.latest_post[i]));
    black_box(a.strategy[i]);
}

fn decide_account(
    world: &World,
    ctx: &BlockContext<'_>,
    view: &WorldView<'_>,
    step_index: u64,
    events: &[PlannedEvent],
    out: &mut Decisions,
) {
    let scenario = ctx.scenario;
    let rules = &scenario.rules;
    let a = &world.accounts;
    let posts = &world.posts;
    let account = events[0].account;
    let i = account as usize;
    let mut rng = StreamKey {
        seed: scenario.simulation.seed,
        replicate: ctx.replicate,
        account,
        step: step_index,
        purpose: Purpose::Decision,
    }
    .stream();
    let effective_vests = effective_vesting_shares(&VestingBalances {
        vesting_shares: a.vesting_shares[i],
        powering_down: a.next_withdrawal[i] != u32::MAX,
        vesting_withdraw_rate: a.vesting_withdraw_rate[i],
        to_withdraw: a.to_withdraw[i],
        withdrawn: a.withdrawn[i],
        ..VestingBalances::default()
    });
    let mut mana = ManaUpdate {
        account,
        voting_mana: a.voting_mana[i],
        downvote_mana: a.downvote_mana[i],
        last_vote_time: a.last_vote_time[i],
    };
    let votes_before = out.votes.len();
    for e in events {
        match e.kind {
            EventKind::Post => out.posts.push(PostIntent {
                time: e.time,
                author: account,
            }),
            EventKind::Vote => {
                let mine = &out.votes[votes_before..];
                let recent = a.recent_votes_of(i);
                let evicted = &world.evicted_votes;
                let already_voted = |id: u64| {
                    mine.iter().any(|v| v.post == id)
                        || recent.contains(&id)
                        || evicted.contains(account, id)
                };
                let Some(post) = choose_vote(
                    view,
                    &scenario.behaviour,
                    account,
                    a.strategy[i],
                    e.time,
                    &mut rng,
                    already_voted,
                    &mut out.ranked,
                ) else {
                    continue;
                };
                let p = posts.index_of(post).expect("chosen posts are live");
                let elapsed = e.time - mana.last_vote_time;
                let input = VoteInput {
                    effective_vests,
                    voting_mana: mana.voting_mana,
                    downvote_mana: mana.downvote_mana,
                    elapsed_seconds: elapsed,
                    seconds_since_last_vote: elapsed,
                    weight: scenario.behaviour.vote_weight as i16,
                    seconds_to_cashout: i64::from(posts.created[p])
                        + i64::from(rules.cashout_window_seconds)
                        - i64::from(e.time),
                };
                match cast_vote(rules, &input) {
                    Ok(outcome) => {
                        mana.voting_mana = outcome.voting_mana;
                        mana.downvote_mana = outcome.downvote_mana;
                        mana.last_vote_time = e.time;
                        out.votes.push(VoteIntent {
                            time: e.time,
                            voter: account,
                            post,
                            rshares: outcome.rshares,
                        });
                    }
                    Err(_) => out.rejected += 1,
                }
            }
            EventKind::PowerUp | EventKind::PowerDown => {}
        }
    }
    if out.votes.len() > votes_before {
        out.mana.push(mana);
    }
}

fn apply(
    world: &mut World,
    ctx: &BlockContext<'_>,
    decisions: Vec<Decisions>,
    day_mark: u32,
    marks: &mut ActivityMarks,
    stats: &mut DayStats,
) -> Result<(), EngineError> {
    let measured = world.globals.time + BLOCK_SECONDS > ctx.measure_from;
    let mut posts = Vec::new();
    let mut votes = Vec::new();
    for d in decisions {
        stats.votes_rejected += d.rejected;
        let a = &mut world.accounts;
        for m in d.mana {
            let i = m.account as usize;
            a.voting_mana[i] = m.voting_mana;
            a.downvote_mana[i] = m.downvote_mana;
            a.last_vote_time[i] = m.last_vote_time;
        }
        // Per-voter bookkeeping in decision order (by voter, each voter's votes in time
        // order): it touches only the voter's own entries, so this order gives the same
        // state as the (time, voter, post) order below while walking accounts in order.
        for v in &d.votes {
            let i = v.voter as usize;
            remember_vote(world, i, v.post);
            if measured {
                world.accounts.votes[i] += 1;
            }
            if marks.voted[i] != day_mark {
                marks.voted[i] = day_mark;
                stats.active_curators += 1;
            }
        }
        posts.extend(d.posts);
        votes.extend(d.votes);
    }
    posts.sort_unstable_by_key(|p| (p.time, p.author));
    for p in posts {
        let i = p.author as usize;
        let quality = world.accounts.quality[i];
        let id = world.posts.push(p.author, p.time, quality);
        world.accounts.latest_post[i] = id;
        stats.posts += 1;
        if measured {
            world.accounts.posts[i] += 1;
        }
        if marks.posted[i] != day_mark {
            marks.posted[i] = day_mark;
            stats.active_authors += 1;
        }
    }
    let step_start = world.globals.time;
    let votes = in_casting_order(votes, step_start);
    let rules = &ctx.scenario.rules;
    let mut voted_posts = Vec::with_capacity(votes.len());
    for v in &votes {
        let p = (v.post - world.posts.base_id) as usize;
        let cast = CastVote {
            rshares: v.rshares,
            seconds_since_created: v.time - world.posts.created[p],
        };
        let weight = world.posts.totals[p]
            .add_vote(rules, &cast, true)
            .map_err(|e| EngineError::Mechanics {
                day: ctx.day,
                detail: e.to_string(),
            })?;
        world.posts.net_rshares[p] = world.posts.totals[p].net_rshares;
        // Earlier steps' votes are at or before the step's start: the post is listed once.
        if world.posts.votes[p]
            .last()
            .is_none_or(|last| last.time <= step_start)
        {
            voted_posts.push(v.post);
        }
        world.posts.votes[p].push(VoteRecord {
            voter: v.voter,
            time: v.time,
            rshares: v.rshares,
            weight,
        });
        stats.votes += 1;
        if v.rshares > 0 {
            stats.upvote_rshares += i128::from(v.rshares);
            if world.posts.author[p] == v.voter {
                stats.self_vote_rshares += i128::from(v.rshares);
            }
        }
    }
    refresh_trending(world, &voted_posts, step_start);
    Ok(())
}

/// Puts `post` in `account`'s ring of recent votes; a post pushed out while still live goes
/// to [`World::evicted_votes`] so duplicate checks still find it.
fn remember_vote(world: &mut World, account: usize, post: u64) {
    let a = &mut world.accounts;
    let head = a.recent_votes_head[account] as usize;
    let slot = account * RECENT_VOTES + head;
    let evicted = a.recent_votes[slot];
    if world.posts.index_of(evicted).is_some() {
        world.evicted_votes.insert(account as u32, evicted);
    }
    a.recent_votes[slot] = post;
    a.recent_votes_head[account] = ((head + 1) % RECENT_VOTES) as u8;
}

/// The step's votes in (time, voter, post) order. `votes` arrive grouped by voter in
/// voter order, each voter's in time order, at times in `step_start + 1 ..`: a stable
/// counting sort by time then leaves each time's votes in voter order, and only a voter's
/// votes at one same time may still need ordering by post (checked, so any input order
/// gives the same result as a full sort).
fn in_casting_order(votes: Vec<VoteIntent>, step_start: u32) -> Vec<VoteIntent> {
    let span = votes
        .iter()
        .map(|v| v.time.wrapping_sub(step_start))
        .max()
        .unwrap_or(0) as usize;
    if votes.iter().any(|v| v.time <= step_start) || span > 1 << 20 {
        let mut votes = votes;
        votes.sort_unstable_by_key(|v| (v.time, v.voter, v.post));
        return votes;
    }
    // starts[t] = first slot of the votes at step_start + t.
    let mut starts = vec![0usize; span + 2];
    for v in &votes {
        starts[(v.time - step_start) as usize + 1] += 1;
    }
    for t in 1..starts.len() {
        starts[t] += starts[t - 1];
    }
    let mut ordered = vec![
        VoteIntent {
            time: 0,
            voter: 0,
            post: 0,
            rshares: 0,
        };
        votes.len()
    ];
    let mut next = starts.clone();
    for v in votes {
        let t = (v.time - step_start) as usize;
        ordered[next[t]] = v;
        next[t] += 1;
    }
    for t in 0..=span {
        let run = &mut ordered[starts[t]..starts[t + 1]];
        if !run.is_sorted_by_key(|v| (v.voter, v.post)) {
            run.sort_unstable_by_key(|v| (v.voter, v.post));
        }
    }
    ordered
}

/// Rebuilds the trending list from the previous list and `touched` posts, dropping posts
/// that cashed out: the `TRENDING` live posts with the highest net_rshares among them (ties
/// by id). Posts nobody voted on since they left the list do not come back until voted.
fn refresh_trending(world: &mut World, touched: &[u64], touched_since: u32) {
    let posts = &world.posts;
    // `touched` holds distinct ids; a listed post whose last vote is after `touched_since`
    // is among them already.
    let listed_untouched = world.trending.iter().copied().filter(|&id| {
        posts.index_of(id).is_some_and(|p| {
            posts.votes[p]
                .last()
                .is_none_or(|v| v.time <= touched_since)
        })
    });
    let mut candidates: Vec<u64> = listed_untouched
        .chain(
            touched
                .iter()
                .copied()
                .filter(|&id| posts.index_of(id).is_some()),
        )
        .collect();
    let key = |id: &u64| {
        let p = (id - posts.base_id) as usize;
        (std::cmp::Reverse(posts.net_rshares[p]), *id)
    };
    if candidates.len() > TRENDING {
        candidates.select_nth_unstable_by_key(TRENDING - 1, key);
        candidates.truncate(TRENDING);
    }
    candidates.sort_unstable_by_key(key);
    world.trending = candidates;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(time: u32, voter: u32, post: u64) -> VoteIntent {
        VoteIntent {
            time,
            voter,
            post,
            rshares: i64::from(voter) * 7 + post as i64,
        }
    }

    fn key(v: &VoteIntent) -> (u32, u32, u64, i64) {
        (v.time, v.voter, v.post, v.rshares)
    }

    #[test]
    fn casting_order_matches_a_full_sort() {
        let cases = [
            // Decision order: by voter, each voter's votes in time order; a tie at one time.
            vec![
                vote(103, 1, 9),
                vote(106, 1, 4),
                vote(106, 1, 2),
                vote(103, 2, 1),
                vote(200, 5, 3),
            ],
            // Any other order, and a time at the step's start (falls back to a full sort).
            vec![vote(106, 4, 1), vote(103, 2, 5), vote(103, 1, 5)],
            vec![vote(100, 1, 1), vote(103, 0, 2)],
            vec![],
        ];
        for votes in cases {
            let mut expected = votes.clone();
            expected.sort_unstable_by_key(|v| (v.time, v.voter, v.post));
            let got = in_casting_order(votes, 100);
            assert_eq!(
                got.iter().map(key).collect::<Vec<_>>(),
                expected.iter().map(key).collect::<Vec<_>>()
            );
        }
    }
}
