//! One step, in a fixed order (the numbered rules every run follows):
//!
//! 1. **Stake moves** planned for the step (power up, start of a power down), in account
//!    order, at the step's first block.
//! 2. **Paid votes**: the votes bought in the previous step, cast by their sellers one block
//!    into the step ([`super::bid_bots`]), sequentially in (seller, post) order.
//! 3. **Decisions**, in parallel over blocks of accounts, on a view of the world as it was
//!    at the start of the step: each account takes its events in time order, chooses what
//!    to vote on ([`crate::behaviour::curator`]) and prices each vote with its own mana
//!    ([`crate::mechanics::vote::cast_vote`]), updating only its own [`Voter`] (mana, ring
//!    of recent votes, counters). A post created in this step is seen from the next step
//!    on; votes see balances as of the step's start.
//! 4. **Trail votes** ([`super::trail`]): the leaders' upvotes of steps 2–3 queue their
//!    followers' votes; those due by the step's last block are cast sequentially in (due
//!    time, follower, post) order.
//! 5. **Apply**: votes (decided, paid and trail) in (time, voter, post) order, each adding its rshares and curation
//!    weight to its post ([`crate::mechanics::curation::CommentVoteTotals::add_vote`]) —
//!    in parallel over blocks of posts, since a post's totals depend only on its own votes
//!    — then new posts in (time, author) order; a vote buyer's post may place an order.
//! 6. **Blocks** of the step, one by one ([`super::chain`]): inflation, cashouts, power-down
//!    payments, claims.
//! 7. The trending list is refreshed.
//!
//! Results do not depend on the number of threads: decisions read only the start-of-step
//! view and their own stream (seed, replicate, account, step), and everything that changes
//! shared state happens in steps 2, 4, 5 and 6 in a fixed order.

use rayon::prelude::*;

use super::chain::{apply_block, BlockContext, BLOCK_SECONDS};
use super::day::DayStats;
use super::events::{StepEvents, ACCOUNTS_PER_TASK};
use super::voted::EvictedVotes;
use super::voters::{Voter, MAX_POSTS};
use super::world::{VoteRecord, World};
use super::EngineError;
use crate::behaviour::curator::{choose_vote, ChoiceScratch};
use crate::behaviour::plan::{EventKind, PlannedEvent, DAY_SECONDS};
use crate::behaviour::population::Strategy;
use crate::behaviour::rng::{Purpose, StreamKey};
use crate::behaviour::trail::NO_LEADER;
use crate::behaviour::view::{LatestPost, PostFacts, VoteValue, WorldView};
use crate::mechanics::curation::CastVote;
use crate::mechanics::era::Rules;
use crate::mechanics::manabar::{effective_vesting_shares, VestingBalances};
use crate::mechanics::power_down::withdraw_vesting;
use crate::mechanics::vote::cast_vote;
use crate::memory::{prefetch, prefetch_whole};
use crate::metrics::PostRow;

/// Trending list length.
pub const TRENDING: usize = 100;

/// Which accounts were already counted as active authors today (curators are marked in
/// their [`Voter`]).
#[derive(Debug, Clone, Default)]
pub struct ActivityMarks {
    /// Day + 1 on which each account last posted (0 = never).
    pub posted: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct PostIntent {
    time: u32,
    author: u32,
}

/// Where a vote came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteSource {
    /// Decided by its voter ([`crate::behaviour::curator`]).
    Decided,
    /// Bought from a vote seller ([`super::bid_bots`]).
    Paid,
    /// Copied from a trail follower's leader ([`super::trail`]).
    Trail,
}

/// A vote decided (or, for a paid or trail vote, cast in the sequential part of the step)
/// and not yet added to its post.
#[derive(Debug, Clone, Copy)]
pub struct VoteIntent {
    /// When, seconds.
    pub time: u32,
    /// The voter.
    pub voter: u32,
    /// The post.
    pub post: u64,
    /// The vote's rshares (negative for a downvote).
    pub rshares: i64,
    /// The vote's weight, basis points (negative for a downvote); community pools price
    /// the same vote with their own stake and power.
    pub weight: i16,
    /// Where it came from.
    pub source: VoteSource,
}

/// What one decision task produced, for the sequential part of the step. Kept across
/// steps (cleared, not freed) so that steady state allocates nothing.
#[derive(Debug, Default)]
struct Decisions {
    posts: Vec<PostIntent>,
    votes: Vec<VoteIntent>,
    /// (account, post) pairs pushed out of rings while the post was live.
    evicted: Vec<(u32, u64)>,
    rejected: u64,
    /// Accounts counted as active curators for the first time today.
    new_curators: u64,
    /// Scratch for [`choose_vote`], reused across the task's votes.
    choice: ChoiceScratch,
    /// Scratch: where each account's run of events starts in the task's events.
    runs: Vec<usize>,
}

impl Decisions {
    /// Empties the outputs, keeping their memory.
    fn clear(&mut self) {
        self.posts.clear();
        self.votes.clear();
        self.evicted.clear();
        self.rejected = 0;
        self.new_curators = 0;
    }
}

/// Buffers a step fills and the next step reuses, so that steady state allocates nothing
/// per step: the decision tasks' outputs and the votes grouped by block of posts. Their
/// contents between steps mean nothing.
#[derive(Debug, Default)]
pub struct StepBuffers {
    decisions: Vec<Decisions>,
    /// Votes cast in the sequential part of the step: paid votes at the step's start
    /// ([`super::bid_bots`]), then trail votes after the decisions ([`super::trail`]).
    queued_votes: Vec<VoteIntent>,
    grouped: Vec<VoteIntent>,
    starts: Vec<usize>,
}

/// What decisions read besides their own voters: the world as it was at the start of the
/// step.
struct DecisionReads<'a> {
    ctx: &'a BlockContext<'a>,
    view: WorldView<'a>,
    evicted: &'a EvictedVotes,
    /// Each account's trail leader ([`NO_LEADER`] for none).
    leader: &'a [u32],
    vesting_shares: &'a [i64],
    received: &'a [i64],
    delegated: &'a [i64],
    next_withdrawal: &'a [u32],
    vesting_withdraw_rate: &'a [i64],
    to_withdraw: &'a [i64],
    withdrawn: &'a [i64],
    step_index: u64,
    day_mark: u32,
}

/// Runs one step whose planned events are `events`.
#[allow(clippy::too_many_arguments)]
pub fn run_step(
    world: &mut World,
    ctx: &BlockContext<'_>,
    step_index: u64,
    events: StepEvents<'_>,
    day_mark: u32,
    marks: &mut ActivityMarks,
    buffers: &mut StepBuffers,
    stats: &mut DayStats,
    posts_out: &mut Vec<PostRow>,
) -> Result<(), EngineError> {
    let step_start = world.globals.time;
    let mut leases = std::mem::take(&mut world.bid_market.leases);
    leases.return_expired(world, &ctx.scenario.rules, step_start);
    world.bid_market.leases = leases;
    stake_moves(world, ctx, events, stats)?;
    let mut market = std::mem::take(&mut world.bid_market);
    market.cast_orders(
        world,
        ctx,
        step_start,
        day_mark,
        stats,
        &mut buffers.queued_votes,
    );
    world.bid_market = market;
    decide(
        world,
        ctx,
        step_index,
        events,
        day_mark,
        &mut buffers.decisions,
    );
    let first_new_post = world.posts.next_id();
    apply(world, ctx, buffers, day_mark, marks, stats)?;
    let blocks = ctx.scenario.simulation.step_seconds / BLOCK_SECONDS;
    for _ in 0..blocks {
        apply_block(world, ctx, stats, posts_out)?;
    }
    if !world.community.is_empty() {
        let mut community = std::mem::take(&mut world.community);
        let key = (ctx.scenario.simulation.seed, ctx.replicate);
        let step_end = step_start + blocks * BLOCK_SECONDS;
        let stepped = community.step(world, key, first_new_post, &buffers.grouped, step_end);
        world.community = community;
        stepped.map_err(|detail| EngineError::Mechanics {
            day: ctx.day,
            detail,
        })?;
    }
    refresh_trending(world, &[], u32::MAX);
    let visibility = &ctx.scenario.visibility;
    if visibility.payouts.ranks_only() {
        let buckets = visibility.relative_buckets;
        world.coarse_trending.refresh(&world.posts, buckets);
    }
    debug_assert!(world.globals.time == step_start + blocks * BLOCK_SECONDS);
    Ok(())
}

fn stake_moves(
    world: &mut World,
    ctx: &BlockContext<'_>,
    events: StepEvents<'_>,
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
                // Delegated VESTS cannot be powered down (`withdraw_vesting`).
                let own = a.vesting_shares[i] - a.delegated_vesting_shares[i];
                let vests = (own as f64 * b.power_down_share) as i64;
                if vests <= 0 || a.next_withdrawal[i] != u32::MAX {
                    continue;
                }
                start_power_down(world, ctx, i, vests, e.time);
            }
            EventKind::Post | EventKind::Vote => {}
        }
    }
    Ok(())
}

/// Account `i` starts withdrawing `vests` at `time` (`withdraw_vesting`): a new power down
/// replaces any under way, as on chain; the first payment is one interval later.
pub fn start_power_down(
    world: &mut World,
    ctx: &BlockContext<'_>,
    i: usize,
    vests: i64,
    time: u32,
) {
    let a = &mut world.accounts;
    if a.next_withdrawal[i] != u32::MAX {
        world
            .withdrawal_queue
            .remove(&(a.next_withdrawal[i], i as u32));
    }
    let state = withdraw_vesting(vests, ctx.power_down);
    a.vesting_withdraw_rate[i] = state.vesting_withdraw_rate;
    a.to_withdraw[i] = state.to_withdraw;
    a.withdrawn[i] = 0;
    let next = time + ctx.scenario.rules.vesting_withdraw_interval_seconds;
    a.next_withdrawal[i] = next;
    world.withdrawal_queue.insert((next, i as u32));
}

/// Decides every account's posts and votes into `decisions` (one per task), in parallel
/// over blocks of [`ACCOUNTS_PER_TASK`] accounts. Each task owns its accounts' [`Voter`]s
/// (mana, ring of recent votes, counters) and reads everything else as it was at the start
/// of the step.
fn decide(
    world: &mut World,
    ctx: &BlockContext<'_>,
    step_index: u64,
    events: StepEvents<'_>,
    day_mark: u32,
    decisions: &mut Vec<Decisions>,
) {
    let vote_value = vote_value(world, &ctx.scenario.rules);
    let a = &mut world.accounts;
    let posts = world.posts.view();
    let step_start = world.globals.time;
    let reads = DecisionReads {
        ctx,
        view: WorldView {
            step_start,
            cashout_window_seconds: ctx.scenario.rules.cashout_window_seconds,
            posts,
            recent_from: posts.first_created_at_or_after(step_start.saturating_sub(DAY_SECONDS)),
            trending: if ctx.scenario.visibility.payouts.ranks_only() {
                &world.coarse_trending.posts
            } else {
                &world.trending
            },
            payouts: ctx.scenario.visibility.payouts,
            voters_visible: ctx.scenario.visibility.voters,
            latest_post: &a.latest_post,
            last_author_reward: &a.last_author_reward,
            last_reward_bucket: &a.last_reward_bucket,
            follows: &a.follows,
            follows_per_account: a.follows_per_account,
            vote_value,
        },
        evicted: &world.evicted_votes,
        leader: &a.leader,
        vesting_shares: &a.vesting_shares,
        received: &a.received_vesting_shares,
        delegated: &a.delegated_vesting_shares,
        next_withdrawal: &a.next_withdrawal,
        vesting_withdraw_rate: &a.vesting_withdraw_rate,
        to_withdraw: &a.to_withdraw,
        withdrawn: &a.withdrawn,
        step_index,
        day_mark,
    };
    decisions.resize_with(
        a.voters.len().div_ceil(ACCOUNTS_PER_TASK),
        Decisions::default,
    );
    a.voters
        .par_chunks_mut(ACCOUNTS_PER_TASK)
        .zip(decisions.par_iter_mut())
        .enumerate()
        .for_each(|(task, (voters, out))| {
            out.clear();
            let first = task * ACCOUNTS_PER_TASK;
            let events = events.of_task(task);
            // Start of each account's run of events, and the end.
            let mut runs = std::mem::take(&mut out.runs);
            runs.clear();
            runs.extend(
                (0..events.len())
                    .filter(|&k| k == 0 || events[k].account != events[k - 1].account)
                    .chain(std::iter::once(events.len())),
            );
            for g in 0..runs.len() - 1 {
                if let Some(&ahead) = runs.get(g + PREFETCH_AHEAD) {
                    if let Some(e) = events.get(ahead) {
                        prefetch_account(&reads, &voters[e.account as usize - first], e.account);
                    }
                }
                let run = &events[runs[g]..runs[g + 1]];
                let voter = &mut voters[run[0].account as usize - first];
                decide_account(&reads, voter, run, out);
            }
            out.runs = runs;
        });
}

/// How many accounts ahead a decision task prefetches an account's data.
const PREFETCH_AHEAD: usize = 4;

/// Asks the CPU to start loading what deciding `account` reads first, so the cache misses
/// overlap with deciding the account before it. A hint only: it changes no result.
#[inline]
fn prefetch_account(reads: &DecisionReads<'_>, voter: &Voter, account: u32) {
    let i = account as usize;
    prefetch_whole(voter);
    prefetch(&reads.vesting_shares[i]);
    prefetch(&reads.next_withdrawal[i]);
    let follows = reads.view.follows_of(account);
    if let (Some(first), Some(last)) = (follows.first(), follows.last()) {
        prefetch(first);
        prefetch(last);
    }
}

/// The per-account stake arrays a vote's strength depends on.
#[derive(Clone, Copy)]
pub(super) struct StakeReads<'a> {
    pub vesting_shares: &'a [i64],
    pub received: &'a [i64],
    pub delegated: &'a [i64],
    pub next_withdrawal: &'a [u32],
    pub vesting_withdraw_rate: &'a [i64],
    pub to_withdraw: &'a [i64],
    pub withdrawn: &'a [i64],
}

impl<'a> StakeReads<'a> {
    /// The arrays of `a`.
    pub fn of(a: &'a super::world::Accounts) -> Self {
        StakeReads {
            vesting_shares: &a.vesting_shares,
            received: &a.received_vesting_shares,
            delegated: &a.delegated_vesting_shares,
            next_withdrawal: &a.next_withdrawal,
            vesting_withdraw_rate: &a.vesting_withdraw_rate,
            to_withdraw: &a.to_withdraw,
            withdrawn: &a.withdrawn,
        }
    }
}

/// Account `i`'s effective VESTS for voting (`effective_vesting_shares`: its VESTS plus
/// received less delegated ones, less what a power down under way will still withdraw this
/// week).
pub(super) fn effective_vests(r: StakeReads<'_>, i: usize) -> i64 {
    effective_vesting_shares(&r.balances(i))
}

impl StakeReads<'_> {
    /// Account `i`'s vesting balances.
    pub fn balances(&self, i: usize) -> VestingBalances {
        let powering_down = self.next_withdrawal[i] != u32::MAX;
        let delegation = VestingBalances {
            vesting_shares: self.vesting_shares[i],
            received_vesting_shares: self.received[i],
            delegated_vesting_shares: self.delegated[i],
            ..VestingBalances::default()
        };
        if powering_down {
            VestingBalances {
                powering_down,
                vesting_withdraw_rate: self.vesting_withdraw_rate[i],
                to_withdraw: self.to_withdraw[i],
                withdrawn: self.withdrawn[i],
                ..delegation
            }
        } else {
            delegation
        }
    }
}

/// What votes are worth now under `rules`, from the reward fund and recent payouts.
pub(super) fn vote_value(world: &World, rules: &Rules) -> VoteValue {
    let fund = &world.globals.reward_fund;
    VoteValue {
        curve: rules.author_curve,
        content_constant: rules.content_constant,
        milli_steem_per_claim: if fund.recent_claims > 0 {
            fund.reward_balance as f64 / fund.recent_claims as f64
        } else {
            0.0
        },
        curation_share: rules.curation_share(),
        paid_per_rshare: world.paid_per_rshare.rate(),
    }
}

/// The rshares of an upvote at `weight` that `voter` (with `effective_vests`) would cast
/// at `time` on a post still open for votes; 0 if the vote would be rejected.
pub(super) fn upvote_rshares(
    rules: &Rules,
    voter: &Voter,
    effective_vests: i64,
    weight: i16,
    time: u32,
) -> i64 {
    let open = i64::from(rules.cashout_window_seconds);
    let input = voter.vote_input(effective_vests, weight, time, open);
    cast_vote(rules, &input).map_or(0, |o| o.rshares)
}

fn decide_account(
    reads: &DecisionReads<'_>,
    voter: &mut Voter,
    events: &[PlannedEvent],
    out: &mut Decisions,
) {
    let ctx = reads.ctx;
    let scenario = ctx.scenario;
    let rules = &scenario.rules;
    let posts = &reads.view.posts;
    let account = events[0].account;
    let i = account as usize;
    let mut rng = StreamKey {
        seed: scenario.simulation.seed,
        replicate: ctx.replicate,
        account,
        step: reads.step_index,
        purpose: Purpose::Decision,
    }
    .stream();
    let effective_vests = effective_vests(
        StakeReads {
            vesting_shares: reads.vesting_shares,
            received: reads.received,
            delegated: reads.delegated,
            next_withdrawal: reads.next_withdrawal,
            vesting_withdraw_rate: reads.vesting_withdraw_rate,
            to_withdraw: reads.to_withdraw,
            withdrawn: reads.withdrawn,
        },
        i,
    );
    let evicted_before = out.evicted.len();
    for e in events {
        match e.kind {
            EventKind::Post => out.posts.push(PostIntent {
                time: e.time,
                author: account,
            }),
            // A trail follower with a leader votes only what its leader votes.
            EventKind::Vote
                if voter.strategy == Strategy::TrailFollower && reads.leader[i] != NO_LEADER => {}
            EventKind::Vote => {
                let evicted_now = &out.evicted[evicted_before..];
                let seen = &*voter;
                let first_live = reads.view.posts.first_id;
                let already_voted = |id: u64| {
                    seen.voted_recently(id)
                        || evicted_now.iter().any(|&(_, p)| p == id)
                        || (seen.may_have_evicted(id, first_live)
                            && reads.evicted.contains(account, id))
                };
                let weight = scenario.behaviour.vote_weight as i16;
                // What an upvote now would be worth, for a self-voter weighing its own post.
                let vote_rshares = if voter.strategy == Strategy::SelfVoter {
                    upvote_rshares(rules, voter, effective_vests, weight, e.time)
                } else {
                    0
                };
                let Some(choice) = choose_vote(
                    &reads.view,
                    &scenario.behaviour,
                    account,
                    voter.strategy,
                    e.time,
                    vote_rshares,
                    &mut rng,
                    already_voted,
                    &mut out.choice,
                ) else {
                    continue;
                };
                let post = choice.post;
                let p = posts.index_of(post).expect("chosen posts are live");
                let input = voter.vote_input(
                    effective_vests,
                    if choice.downvote { -weight } else { weight },
                    e.time,
                    i64::from(posts.facts[p].created) + i64::from(rules.cashout_window_seconds)
                        - i64::from(e.time),
                );
                match cast_vote(rules, &input) {
                    Ok(outcome) => {
                        let recorded = voter.record_vote(
                            &outcome,
                            post,
                            e.time,
                            posts.first_id,
                            reads.day_mark,
                        );
                        if let Some(old) = recorded.evicted {
                            out.evicted.push((account, old));
                        }
                        if recorded.first_today {
                            out.new_curators += 1;
                        }
                        out.votes.push(VoteIntent {
                            time: e.time,
                            voter: account,
                            post,
                            rshares: outcome.rshares,
                            weight: if choice.downvote { -weight } else { weight },
                            source: VoteSource::Decided,
                        });
                    }
                    Err(_) => out.rejected += 1,
                }
            }
            EventKind::PowerUp | EventKind::PowerDown => {}
        }
    }
}

fn apply(
    world: &mut World,
    ctx: &BlockContext<'_>,
    buffers: &mut StepBuffers,
    day_mark: u32,
    marks: &mut ActivityMarks,
    stats: &mut DayStats,
) -> Result<(), EngineError> {
    let mut posts = Vec::new();
    for d in &buffers.decisions {
        stats.votes_rejected += d.rejected;
        stats.active_curators += d.new_curators;
        for &(account, post) in &d.evicted {
            world.evicted_votes.insert(account, post);
        }
        posts.extend_from_slice(&d.posts);
    }
    let step_start = world.globals.time;
    let mut trails = std::mem::take(&mut world.trails);
    let StepBuffers {
        decisions,
        queued_votes,
        ..
    } = &mut *buffers;
    let decided = decisions.iter().flat_map(|d| &d.votes);
    trails.queue(
        decided.chain(queued_votes.iter()),
        ctx.scenario.behaviour.trail_delay_seconds,
    );
    let step_end = step_start + ctx.scenario.simulation.step_seconds;
    trails.cast_due(world, ctx, step_end, day_mark, stats, queued_votes);
    world.trails = trails;
    let voted_posts = apply_votes(world, ctx, buffers, stats)?;
    posts.sort_unstable_by_key(|p| (p.time, p.author));
    for p in posts {
        if world.posts.next_id() >= MAX_POSTS {
            return Err(EngineError::World(format!(
                "the run reached {MAX_POSTS} posts, the most one run can hold; \
                 shorten [simulation] days or lower the posting rates"
            )));
        }
        let i = p.author as usize;
        let facts = PostFacts {
            created: p.time,
            quality: world.accounts.quality[i],
        };
        let id = world.posts.push(p.author, facts);
        world.accounts.latest_post[i] = LatestPost { id, facts };
        stats.posts += 1;
        world.accounts.posts[i] += 1;
        if marks.posted[i] != day_mark {
            marks.posted[i] = day_mark;
            stats.active_authors += 1;
        }
        if world.accounts.strategy[i] == Strategy::VoteBuyer {
            let mut market = std::mem::take(&mut world.bid_market);
            market.offer(world, ctx, p.author, id, p.time);
            world.bid_market = market;
        }
    }
    refresh_trending(world, &voted_posts, step_start);
    Ok(())
}

/// Live posts per vote-applying task.
const POSTS_PER_TASK: usize = 2048;
/// How many votes ahead a vote-applying task prefetches the end of the post's vote list
/// (and twice as far ahead, the post's totals and list header).
const VOTES_PREFETCH_AHEAD: usize = 6;

/// What one vote-applying task adds to the day's statistics.
#[derive(Debug, Default)]
struct VotesApplied {
    votes: u64,
    upvote_rshares: i128,
    self_vote_rshares: i128,
    paid_vote_rshares: i128,
    trail_vote_rshares: i128,
    downvote_rshares: i128,
    /// Posts that got their first vote of the step, in post order.
    voted_posts: Vec<u64>,
    error: Option<String>,
}

/// Puts the step's votes into `grouped`, grouped by block of [`POSTS_PER_TASK`] live posts
/// (post index counted from the oldest live post, `first_id`; `blocks` blocks), each
/// block's votes in casting order (time, voter, post), and into `starts` where each
/// block's run starts in `grouped` (`blocks + 1` entries).
fn votes_by_post_block(
    decisions: &[Decisions],
    queued_votes: &[VoteIntent],
    first_id: u64,
    blocks: usize,
    grouped: &mut Vec<VoteIntent>,
    starts: &mut Vec<usize>,
) {
    let block_of = |v: &VoteIntent| (v.post - first_id) as usize / POSTS_PER_TASK;
    starts.clear();
    starts.resize(blocks + 1, 0);
    let all = || decisions.iter().flat_map(|d| &d.votes).chain(queued_votes);
    for v in all() {
        starts[block_of(v) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut next = starts[..blocks].to_vec();
    let unset = VoteIntent {
        time: 0,
        voter: 0,
        post: 0,
        rshares: 0,
        weight: 0,
        source: VoteSource::Decided,
    };
    grouped.clear();
    grouped.resize(starts[blocks], unset);
    for v in all() {
        let b = block_of(v);
        grouped[next[b]] = *v;
        next[b] += 1;
    }
    let mut runs = Vec::with_capacity(blocks);
    let mut rest = grouped.as_mut_slice();
    for b in 0..blocks {
        let (run, tail) = rest.split_at_mut(starts[b + 1] - starts[b]);
        runs.push(run);
        rest = tail;
    }
    runs.into_par_iter()
        .for_each(|run| run.sort_unstable_by_key(casting_order));
}

/// The sort key of casting order, (time, voter, post), packed into one integer so that
/// sorting compares one number instead of a tuple.
fn casting_order(v: &VoteIntent) -> u128 {
    (u128::from(v.time) << 96) | (u128::from(v.voter) << 64) | u128::from(v.post)
}

/// Adds the step's votes to their posts, in parallel over blocks of [`POSTS_PER_TASK`]
/// live posts: each post's votes are added in casting order (time, voter), and posts do not
/// affect each other. Returns the posts voted on, each once.
fn apply_votes(
    world: &mut World,
    ctx: &BlockContext<'_>,
    buffers: &mut StepBuffers,
    stats: &mut DayStats,
) -> Result<Vec<u64>, EngineError> {
    let posts = &mut world.posts;
    let step_start = world.globals.time;
    let first = posts.start;
    let first_id = posts.base_id + first as u64;
    let blocks = posts.len().div_ceil(POSTS_PER_TASK);
    let StepBuffers {
        decisions,
        queued_votes,
        grouped,
        starts,
    } = buffers;
    votes_by_post_block(decisions, queued_votes, first_id, blocks, grouped, starts);
    let (votes, starts) = (&*grouped, &*starts);
    let rules = &ctx.scenario.rules;
    let author = &posts.author[first..];
    let facts = &posts.facts[first..];
    let applied: Vec<VotesApplied> = posts.totals[first..]
        .par_chunks_mut(POSTS_PER_TASK)
        .zip(posts.net_rshares[first..].par_chunks_mut(POSTS_PER_TASK))
        .zip(posts.bought_rshares[first..].par_chunks_mut(POSTS_PER_TASK))
        .zip(posts.votes[first..].par_chunks_mut(POSTS_PER_TASK))
        .enumerate()
        .map(|(t, (((totals, net_rshares), bought), lists))| {
            let mut out = VotesApplied::default();
            let base = t * POSTS_PER_TASK;
            let run = &votes[starts[t]..starts[t + 1]];
            let post_of = |v: &VoteIntent| (v.post - first_id) as usize - base;
            for (n, v) in run.iter().enumerate() {
                // The post's totals and vote list header first, then the list's end.
                if let Some(ahead) = run.get(n + 2 * VOTES_PREFETCH_AHEAD) {
                    prefetch(&totals[post_of(ahead)]);
                    prefetch(&lists[post_of(ahead)]);
                }
                if let Some(ahead) = run.get(n + VOTES_PREFETCH_AHEAD) {
                    if let Some(last) = lists[post_of(ahead)].last() {
                        prefetch(last);
                    }
                }
                let p = (v.post - first_id) as usize;
                let k = p - base;
                let cast = CastVote {
                    rshares: v.rshares,
                    seconds_since_created: v.time - facts[p].created,
                };
                let weight = match totals[k].add_vote(rules, &cast, true) {
                    Ok(weight) => weight,
                    Err(e) => {
                        out.error = Some(e.to_string());
                        break;
                    }
                };
                net_rshares[k] = totals[k].net_rshares;
                // Earlier steps' votes are at or before the step's start: listed once.
                if lists[k].last().is_none_or(|last| last.time <= step_start) {
                    out.voted_posts.push(v.post);
                }
                lists[k].push(VoteRecord {
                    voter: v.voter,
                    time: v.time,
                    rshares: v.rshares,
                    weight,
                });
                out.votes += 1;
                if v.rshares > 0 {
                    out.upvote_rshares += i128::from(v.rshares);
                    if author[p] == v.voter {
                        out.self_vote_rshares += i128::from(v.rshares);
                    }
                    match v.source {
                        VoteSource::Decided => {}
                        VoteSource::Paid => {
                            out.paid_vote_rshares += i128::from(v.rshares);
                            bought[k] += v.rshares;
                        }
                        VoteSource::Trail => out.trail_vote_rshares += i128::from(v.rshares),
                    }
                } else {
                    out.downvote_rshares -= i128::from(v.rshares);
                }
            }
            out
        })
        .collect();
    let mut voted_posts = Vec::with_capacity(votes.len());
    for a in applied {
        if let Some(detail) = a.error {
            return Err(EngineError::Mechanics {
                day: ctx.day,
                detail,
            });
        }
        stats.votes += a.votes;
        stats.upvote_rshares += a.upvote_rshares;
        stats.self_vote_rshares += a.self_vote_rshares;
        stats.paid_vote_rshares += a.paid_vote_rshares;
        stats.trail_vote_rshares += a.trail_vote_rshares;
        stats.downvote_rshares += a.downvote_rshares;
        voted_posts.extend(a.voted_posts);
    }
    Ok(voted_posts)
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
            weight: 10_000,
            source: VoteSource::Decided,
        }
    }

    fn key(v: &VoteIntent) -> (u32, u32, u64, i64) {
        (v.time, v.voter, v.post, v.rshares)
    }

    fn decisions(votes: &[VoteIntent]) -> Decisions {
        Decisions {
            votes: votes.to_vec(),
            ..Decisions::default()
        }
    }

    #[test]
    fn casting_order_key_orders_as_the_tuple() {
        let votes = [
            vote(5, 2, 9),
            vote(5, 2, u64::MAX),
            vote(5, u32::MAX, 0),
            vote(4, 7, 1),
            vote(u32::MAX, 0, 0),
            vote(5, 1, 10),
        ];
        for a in &votes {
            for b in &votes {
                assert_eq!(
                    casting_order(a).cmp(&casting_order(b)),
                    (a.time, a.voter, a.post).cmp(&(b.time, b.voter, b.post))
                );
            }
        }
    }

    #[test]
    fn votes_are_grouped_by_post_block_in_casting_order() {
        let far = 1_000 + 2 * POSTS_PER_TASK as u64;
        // Two decision tasks, each by voter then time, as decisions produce them.
        let tasks = [
            decisions(&[
                vote(106, 1, far),
                vote(103, 1, 1_009),
                vote(106, 1, 1_004),
                vote(106, 1, 1_002),
            ]),
            decisions(&[
                vote(103, 2, far + 1),
                vote(103, 2, 1_001),
                vote(200, 5, 1_003),
            ]),
        ];
        let (mut votes, mut starts) = (Vec::new(), Vec::new());
        votes_by_post_block(&tasks, &[], 1_000, 3, &mut votes, &mut starts);
        assert_eq!(starts, vec![0, 5, 5, 7]);
        let mut first_block: Vec<VoteIntent> = tasks
            .iter()
            .flat_map(|d| &d.votes)
            .filter(|v| v.post < far)
            .copied()
            .collect();
        first_block.sort_unstable_by_key(|v| (v.time, v.voter, v.post));
        assert_eq!(
            votes[..5].iter().map(key).collect::<Vec<_>>(),
            first_block.iter().map(key).collect::<Vec<_>>()
        );
        assert_eq!(
            votes[5..].iter().map(key).collect::<Vec<_>>(),
            vec![key(&vote(103, 2, far + 1)), key(&vote(106, 1, far))]
        );
        // Buffers reused from the step before are refilled, not appended to.
        votes_by_post_block(&[], &[], 1_000, 2, &mut votes, &mut starts);
        assert!(votes.is_empty());
        assert_eq!(starts, vec![0, 0, 0]);
    }
}
