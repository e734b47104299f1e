//! The day's end for the jealousy model and the activity norms (docs/model.md §5): each
//! account's visible earnings and recent activity are brought up to date, every account
//! that was active compares itself with the group it can see, updating its satisfaction
//! and its activity norms, and every account still present may leave.
//!
//! What is visible (by `[visibility]`): an account always sees its own earnings and the
//! pending payout of its own latest post. Others' earnings (author and curation rewards
//! paid) are visible unless payouts are hidden; the pending payout of their latest live
//! post when payouts are public or relative. Under `relative` every earning, one's own
//! included, is seen only as its rank bucket among the present accounts' (as the bucket's
//! middle quantile, so comparisons are by rank), and the rank buckets of the authors' last
//! payouts are published for the curators. With hidden payouts there is nothing to
//! compare, so satisfaction only fades towards 0. With voters visible, the share of an
//! account's last paid post that came from its own or bought votes can be seen. With
//! activity counts visible, its posts and votes a day (as averages) can be seen.
//!
//! The comparison group is the accounts one follows plus `stake_peers` accounts of nearest
//! initial stake (half below, half above); accounts that left are not compared with.
//!
//! Invariant: results do not depend on the thread count. Accounts are handled in fixed
//! blocks whose partial sums are merged in block order, and every random draw comes from a
//! stream keyed by (account, day).

use rayon::prelude::*;

use super::chain::BlockContext;
use super::events::ACCOUNTS_PER_TASK;
use super::follows;
use super::step::start_power_down;
use super::world::World;
use crate::behaviour::envy::{self, Seen};
use crate::behaviour::norms;
use crate::behaviour::population::{ABSENT, AUTHOR, CURATOR};
use crate::behaviour::ranks;
use crate::behaviour::rng::{unit_f64, Purpose, StreamKey};
use crate::behaviour::view::NO_POST;
use crate::metrics::Inequality;
use crate::scenario::Scenario;
use rand::RngCore;

/// What the day's comparisons and exits came to, for the day's row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MoodStats {
    /// Accounts that compared themselves with their group today.
    pub compared: u64,
    /// Σ over them of tanh(envy / reward scale), in 0..1 each.
    pub envy_sum: f64,
    /// Σ over them of their inspiration (0..=`[envy] inspiration` each).
    pub inspiration_sum: f64,
    /// Satisfaction of the accounts that compared today by quartile of their own visible
    /// earnings (lowest first); 0 when there were none.
    pub satisfaction_by_quartile: [f64; 4],
    /// Mean satisfaction of the accounts still present.
    pub mean_satisfaction: f64,
    /// Accounts that left today.
    pub left: u64,
    /// Accounts still present at the end of the day.
    pub present: u64,
    /// Inequality over the accounts present at the end of the day of the author + curation
    /// rewards each earned that day, milli-STEEM; left at its default in the warm-up.
    pub earnings: Inequality,
}

/// What others can see of an account, packed so that one read gives all of it.
#[derive(Debug, Clone, Copy, Default)]
struct Visible {
    /// Visible earnings, STEEM per day (under `relative`, its rank bucket's middle
    /// quantile); NaN when nothing is visible or the account is absent (left or not
    /// arrived).
    reward: f32,
    /// Author quality, 0..=1.
    quality: f32,
    /// Stake (STEEM value of its VESTS), STEEM.
    stake: f32,
    /// Share of its visible earnings that its posts' quality cannot explain, 0..=1: the
    /// stake-driven part (curation rewards, staking interest) and, when voters are
    /// visible, the part of its author rewards from its own or bought votes.
    unearned: f32,
    /// Posts and votes a day (averages up to yesterday); NaN when counts are hidden, the
    /// account is absent or lacks the role (author, curator).
    rates: [f32; 2],
}

/// Buffers of the day's end, kept from day to day.
#[derive(Debug, Default)]
pub struct MoodBuffers {
    visible: Vec<Visible>,
    /// Own visible earnings, STEEM per day.
    own: Vec<f32>,
    /// Scratch for rank buckets.
    ranked: Vec<f32>,
    /// Scratch for rank buckets of payouts.
    payouts: Vec<i64>,
    /// STEEM per VESTS satoshi at the last day's end (0 before the first), from which
    /// the day's staking interest per VESTS is taken.
    last_steem_per_vests: f64,
    /// The day's author + curation rewards (milli-STEEM) of each account present that
    /// earned any: (account, amount), in account order.
    earned: Vec<(u32, i64)>,
    /// Their amounts, for sorting.
    amounts: Vec<i64>,
}

impl MoodBuffers {
    /// What others see of `account`'s earnings at the day's end: STEEM per day with
    /// pending payout (public), or its rank bucket's middle quantile (`relative`); NaN
    /// when nothing is visible or the account is absent.
    pub fn seen_reward(&self, account: usize) -> f64 {
        self.visible
            .get(account)
            .map_or(f64::NAN, |v| f64::from(v.reward))
    }
}

/// One account's comparison, for the day's statistics.
#[derive(Debug, Clone, Copy)]
struct Compared {
    own: f32,
    satisfaction: f32,
    envy_term: f64,
    inspiration: f64,
}

/// Runs the day's end. `day_mark` is the day's index from the start of the warm-up plus 1
/// (as in `active_mark`), `day` the reported day (negative in the warm-up), `day_first_step`
/// keys the exit draws.
pub fn end_of_day(
    world: &mut World,
    ctx: &BlockContext<'_>,
    day_mark: u32,
    day_first_step: u64,
    buffers: &mut MoodBuffers,
) -> MoodStats {
    let scenario = ctx.scenario;
    update_visible(world, scenario, day_mark, buffers);
    let compared = compare_all(world, scenario, day_mark, buffers);
    let mut stats = MoodStats {
        compared: compared.len() as u64,
        envy_sum: compared.iter().map(|c| c.envy_term).sum(),
        inspiration_sum: compared.iter().map(|c| c.inspiration).sum(),
        satisfaction_by_quartile: by_quartile(compared),
        ..MoodStats::default()
    };
    let leaving = exits(world, scenario, ctx.replicate, day_first_step);
    for &(i, sells) in &leaving {
        leave(world, ctx, i as usize, sells);
    }
    stats.left = leaving.len() as u64;
    let a = &world.accounts;
    let (present, sum) = a
        .roles
        .par_chunks(ACCOUNTS_PER_TASK)
        .zip(a.satisfaction.par_chunks(ACCOUNTS_PER_TASK))
        .map(|(roles, s)| {
            roles
                .iter()
                .zip(s)
                .filter(|(r, _)| *r & ABSENT == 0)
                .fold((0u64, 0.0f64), |(n, sum), (_, &s)| {
                    (n + 1, sum + f64::from(s))
                })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .fold((0, 0.0), |(n, s), (m, t)| (n + m, s + t));
    stats.present = present;
    stats.mean_satisfaction = if present > 0 {
        sum / present as f64
    } else {
        0.0
    };
    if ctx.day >= 0 {
        stats.earnings = earnings_inequality(&a.roles, present, buffers);
    }
    stats
}

/// STEEM per VESTS satoshi at the vesting fund's current price (0 with no VESTS).
pub(super) fn steem_per_vests(world: &World) -> f64 {
    let vesting = world.globals.vesting;
    if vesting.total_vesting_shares > 0 {
        vesting.total_vesting_fund_steem as f64 / vesting.total_vesting_shares as f64 / 1000.0
    } else {
        0.0
    }
}

/// The inequality of the day's earnings over the `present` accounts present now: those of
/// `buffers.earned` still present, and zeros for the rest.
fn earnings_inequality(roles: &[u8], present: u64, buffers: &mut MoodBuffers) -> Inequality {
    let amounts = &mut buffers.amounts;
    amounts.clear();
    amounts.extend(
        buffers
            .earned
            .iter()
            .filter(|&&(i, _)| roles[i as usize] & ABSENT == 0)
            .map(|&(_, x)| x),
    );
    amounts.par_sort_unstable();
    Inequality::of_zeros_and_sorted(present - amounts.len() as u64, amounts)
}

/// Folds the day's earnings and activity into each account's averages and fills what
/// others see of it; under `relative`, replaces the earnings seen by rank buckets and
/// publishes the buckets of the last payouts; keeps the day's earnings of the present
/// accounts that earned any in `buffers.earned`.
fn update_visible(
    world: &mut World,
    scenario: &Scenario,
    day_mark: u32,
    buffers: &mut MoodBuffers,
) {
    let n = world.accounts.len();
    buffers.visible.resize(n, Visible::default());
    buffers.own.resize(n, 0.0);
    let v = &scenario.visibility;
    let payouts = v.payouts;
    let weight = (1.0 / scenario.envy.earnings_memory_days) as f32;
    let activity_weight = (1.0 / scenario.norms.memory_days) as f32;
    let rules = &scenario.rules;
    let fund = world.globals.reward_fund;
    // STEEM per claim of a pending payout, and per VESTS satoshi.
    let steem_per_claim = if fund.recent_claims > 0 {
        fund.reward_balance as f64 / fund.recent_claims as f64 / 1000.0
    } else {
        0.0
    };
    let steem_per_vests = steem_per_vests(world);
    // The staking interest of the day per VESTS satoshi: what the vesting fund's price
    // rose by (rewards paid in VESTS buy them at the price and do not move it).
    let interest_per_vests = if buffers.last_steem_per_vests > 0.0 {
        (steem_per_vests - buffers.last_steem_per_vests).max(0.0)
    } else {
        0.0
    };
    buffers.last_steem_per_vests = steem_per_vests;
    let window_days = f64::from(rules.cashout_window_seconds) / 86_400.0;
    let posts = &world.posts;
    let first_live = posts.base_id + posts.start as u64;
    let pending_per_day = |post: u64| -> f64 {
        if post == NO_POST || post < first_live {
            return 0.0;
        }
        let net = posts.net_rshares[(post - posts.base_id) as usize];
        if net <= 0 {
            return 0.0;
        }
        let claims = rules
            .author_curve
            .claims(net as u128, rules.content_constant)
            .unwrap_or(0);
        claims as f64 * steem_per_claim / window_days
    };
    let a = &mut world.accounts;
    let (earnings, stake_earnings) = (&mut a.earnings, &mut a.stake_earnings);
    let (mark, activity) = (&mut a.earnings_mark, &mut a.activity);
    let (author, curation, bids) = (&a.author_rewards, &a.curation_rewards, &a.bid_net);
    let community = &a.community_rewards;
    let (roles, quality, vests, latest) = (&a.roles, &a.quality, &a.vesting_shares, &a.latest_post);
    let (self_voted, active, post_counts, voters) =
        (&a.unearned_share, &a.active_mark, &a.posts, &a.voters);
    let iter = (
        (earnings, stake_earnings, mark, activity),
        (&mut buffers.visible, &mut buffers.own),
    )
        .into_par_iter()
        .enumerate()
        .with_min_len(ACCOUNTS_PER_TASK)
        .filter_map(
            |(i, ((earnings, by_stake, mark, activity), (visible, own)))| {
                let [community_authored, community_curated] = community[i];
                let now = [
                    author[i],
                    curation[i],
                    bids[i],
                    community_authored,
                    community_curated,
                ];
                let earned = (now[0] - mark[0]) + (now[1] - mark[1]);
                let [authored, curated, bid, community_authored, community_curated] =
                    [0, 1, 2, 3, 4].map(|k| (now[k] - mark[k]) as f32 / 1000.0);
                // Community tokens count at their value in base tokens when paid.
                let (authored, curated) =
                    (authored + community_authored, curated + community_curated);
                *mark = now;
                let interest = (vests[i] as f64 * interest_per_vests) as f32;
                // Bids received are what the account's stake sold; bids paid are a cost.
                let stake_driven = curated + interest + bid.max(0.0);
                *earnings += weight * (authored + stake_driven + bid.min(0.0) - *earnings);
                *by_stake += weight * (stake_driven - *by_stake);
                let pending = pending_per_day(latest[i].id) as f32;
                *own = *earnings + pending;
                let absent = roles[i] & ABSENT != 0;
                // Net of bids paid, earnings can fall below 0; what is seen is never less.
                let seen_total = if payouts.pending_visible() {
                    *own
                } else {
                    *earnings
                }
                .max(0.0);
                let reward = if absent || !payouts.paid_visible() {
                    f32::NAN
                } else {
                    seen_total
                };
                let mut rates = [f32::NAN; 2];
                if v.activity_counts {
                    // Only accounts active today posted or voted today.
                    let counts = if active[i] == day_mark {
                        [post_counts[i] as u32, voters[i].votes as u32]
                    } else {
                        activity.marks
                    };
                    for (r, role) in [AUTHOR, CURATOR].into_iter().enumerate() {
                        // What is compared is the average up to yesterday: only today's active
                        // accounts compare, and with today's counts in, they would nearly all
                        // look busier than their (mostly idle today) group.
                        if !absent && roles[i] & role != 0 {
                            rates[r] = activity.rates[r];
                        }
                        let today = counts[r].wrapping_sub(activity.marks[r]) as f32;
                        activity.rates[r] += activity_weight * (today - activity.rates[r]);
                    }
                    activity.marks = counts;
                }
                *visible = Visible {
                    reward,
                    quality: quality[i],
                    stake: (vests[i] as f64 * steem_per_vests) as f32,
                    unearned: unearned_share(
                        seen_total,
                        *by_stake,
                        v.voters.then(|| self_voted[i]),
                    ),
                    rates,
                };
                (earned > 0 && !absent).then_some((i as u32, earned))
            },
        );
    buffers.earned.clear();
    buffers.earned.par_extend(iter);
    if payouts.ranks_only() {
        publish_ranks(world, v.relative_buckets, buffers);
    }
}

/// The share (0..=1) of `earnings` (STEEM per day) that quality cannot explain: the
/// stake-driven `by_stake` and, when voters are visible, the `self_voted` (own or bought
/// votes) share of the
/// rest (author rewards).
fn unearned_share(earnings: f32, by_stake: f32, self_voted: Option<f32>) -> f32 {
    if earnings <= 0.0 {
        return 0.0;
    }
    let stake_share = (by_stake / earnings).clamp(0.0, 1.0);
    let self_voted = self_voted.unwrap_or(0.0).clamp(0.0, 1.0);
    stake_share + (1.0 - stake_share) * self_voted
}

/// Under `relative`: every present account's earnings are seen as the middle quantile of
/// their rank bucket among the present accounts' (own and pending, as `public` shows
/// them), and every account's last payout gets its rank bucket among the present
/// authors' last payouts (what curation maximisers see).
fn publish_ranks(world: &mut World, buckets: u32, buffers: &mut MoodBuffers) {
    let a = &mut world.accounts;
    let roles = &a.roles;
    let present = |i: &usize| roles[*i] & ABSENT == 0;
    buffers.ranked.clear();
    buffers
        .ranked
        .extend((0..a.len()).filter(present).map(|i| buffers.own[i]));
    let edges = ranks::edges(&mut buffers.ranked, buckets, f32::total_cmp);
    buffers
        .visible
        .par_iter_mut()
        .zip(buffers.own.par_iter())
        .with_min_len(ACCOUNTS_PER_TASK)
        .for_each(|(visible, own)| {
            if visible.reward.is_finite() {
                let b = ranks::bucket(&edges, own, f32::total_cmp);
                visible.reward = ranks::midpoint(b, buckets) as f32;
            }
        });
    let last = &a.last_author_reward;
    buffers.payouts.clear();
    buffers.payouts.extend(
        (0..a.len())
            .filter(|i| present(i) && roles[*i] & AUTHOR != 0)
            .map(|i| last[i]),
    );
    let edges = ranks::edges(&mut buffers.payouts, buckets, i64::cmp);
    a.last_reward_bucket
        .par_iter_mut()
        .zip(last.par_iter())
        .with_min_len(ACCOUNTS_PER_TASK)
        .for_each(|(b, reward)| *b = ranks::bucket(&edges, reward, i64::cmp));
}

/// Every present account active today compares itself with its group: its satisfaction
/// is updated (if `[envy]` is enabled) and its activity norms (if activity counts are
/// visible); the others' are left as they are. Returns the envy comparisons in account
/// order.
fn compare_all(
    world: &mut World,
    scenario: &Scenario,
    day_mark: u32,
    buffers: &MoodBuffers,
) -> Vec<Compared> {
    let config = &scenario.envy;
    let counts = scenario.visibility.activity_counts;
    if !config.enabled && !counts {
        return Vec::new();
    }
    let ranks_only = scenario.visibility.payouts.ranks_only();
    let a = &mut world.accounts;
    let k = a.follows_per_account;
    let (follows, by_stake, stake_rank) = (&a.follows, &a.by_stake, &a.stake_rank);
    let (roles, active, alpha, beta) = (&a.roles, &a.active_mark, &a.alpha, &a.beta);
    let peers = scenario.envy.stake_peers as usize;
    let n = roles.len();
    let (visible, own) = (&buffers.visible, &buffers.own);
    let seen = |j: usize| {
        let v = visible[j];
        Seen {
            reward: f64::from(v.reward),
            quality: f64::from(v.quality),
            stake: f64::from(v.stake),
            unearned: f64::from(v.unearned),
        }
    };
    a.satisfaction
        .par_chunks_mut(ACCOUNTS_PER_TASK)
        .zip(a.activity.par_chunks_mut(ACCOUNTS_PER_TASK))
        .enumerate()
        .map(|(c, (satisfaction, activity))| {
            let mut members = Vec::with_capacity(k + peers);
            let mut group = Vec::with_capacity(k + peers);
            let mut rates = Vec::with_capacity(k + peers);
            let mut out = Vec::new();
            for (offset, (s, activity)) in satisfaction.iter_mut().zip(activity).enumerate() {
                let i = c * ACCOUNTS_PER_TASK + offset;
                if roles[i] & ABSENT != 0 || active[i] != day_mark {
                    continue;
                }
                members.clear();
                members.extend(
                    follows[i * k..(i + 1) * k]
                        .iter()
                        .map(|&j| j as usize)
                        .filter(|&j| j != i),
                );
                let rank = stake_rank[i] as usize;
                let low = rank.saturating_sub(peers / 2);
                let high = (low + peers + 1).min(n);
                let low = high.saturating_sub(peers + 1);
                members.extend(
                    by_stake[low..high]
                        .iter()
                        .map(|&j| j as usize)
                        .filter(|&j| j != i),
                );
                // A followed author may also be a stake peer: each member counts once.
                members.sort_unstable();
                members.dedup();
                if counts {
                    for (r, role) in [AUTHOR, CURATOR].into_iter().enumerate() {
                        rates.clear();
                        rates.extend(
                            members
                                .iter()
                                .map(|&j| visible[j].rates[r])
                                .filter(|x| x.is_finite()),
                        );
                        let median = norms::median(&mut rates);
                        activity.norms[r] = match median {
                            Some(median) if roles[i] & role != 0 => norms::norm_factor(
                                f64::from(visible[i].rates[r]),
                                median,
                                &scenario.norms,
                            )
                                as f32,
                            _ => 1.0,
                        };
                    }
                }
                if !config.enabled {
                    continue;
                }
                group.clear();
                group.extend(members.iter().map(|&j| seen(j)));
                // Under `relative` one's own earnings are seen as a bucket too.
                let me = Seen {
                    reward: f64::from(if ranks_only {
                        visible[i].reward
                    } else {
                        own[i]
                    }),
                    ..seen(i)
                };
                let c = envy::compare(me, f64::from(alpha[i]), f64::from(beta[i]), &group, config);
                *s = envy::next_satisfaction(f64::from(*s), c.signal, config) as f32;
                out.push(Compared {
                    own: own[i],
                    satisfaction: *s,
                    envy_term: (c.envy / c.scale).tanh(),
                    inspiration: c.inspiration,
                });
            }
            out
        })
        .collect::<Vec<_>>()
        .concat()
}

/// Mean satisfaction by quartile of own visible earnings (ties in account order).
fn by_quartile(mut compared: Vec<Compared>) -> [f64; 4] {
    compared.sort_by(|x, y| x.own.total_cmp(&y.own));
    let n = compared.len();
    let mut out = [0.0; 4];
    for (q, out) in out.iter_mut().enumerate() {
        let part = &compared[q * n / 4..(q + 1) * n / 4];
        if !part.is_empty() {
            *out = part.iter().map(|c| f64::from(c.satisfaction)).sum::<f64>() / part.len() as f64;
        }
    }
    out
}

/// The accounts that leave today, in account order, each with whether it sells: each
/// present account leaves with its exit hazard and then sells with the churn's
/// `power_down_on_exit` probability, both drawn from its own stream for the day.
fn exits(
    world: &World,
    scenario: &Scenario,
    replicate: u32,
    day_first_step: u64,
) -> Vec<(u32, bool)> {
    let churn = &scenario.churn;
    if churn.base_exit_hazard <= 0.0 {
        return Vec::new();
    }
    let a = &world.accounts;
    a.roles
        .par_chunks(ACCOUNTS_PER_TASK)
        .enumerate()
        .map(|(c, roles)| {
            let mut out = Vec::new();
            for (offset, &r) in roles.iter().enumerate() {
                let i = c * ACCOUNTS_PER_TASK + offset;
                if r & ABSENT != 0 {
                    continue;
                }
                let ties = envy::Ties {
                    votes: a.ties[i],
                    followers: a.followers[i],
                };
                let hazard =
                    envy::exit_hazard(f64::from(a.satisfaction[i]), ties, &scenario.envy, churn);
                let mut rng = StreamKey {
                    seed: scenario.simulation.seed,
                    replicate,
                    account: i as u32,
                    step: day_first_step,
                    purpose: Purpose::Exit,
                }
                .stream();
                if unit_f64(rng.next_u64()) < hazard {
                    let sells = unit_f64(rng.next_u64()) < churn.power_down_on_exit;
                    out.push((i as u32, sells));
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .concat()
}

/// Account `i` leaves on `day`: it plans nothing more and, if it `sells`, starts powering
/// all its VESTS down (replacing any power down under way, as a new withdraw_vesting does
/// on chain); the STEEM it is paid stays liquid, sold off the platform.
fn leave(world: &mut World, ctx: &BlockContext<'_>, i: usize, sells: bool) {
    follows::leave(world, i);
    let a = &mut world.accounts;
    a.left_day[i] = ctx.day as i32;
    // Delegated VESTS cannot be powered down; its leases are removed at the day's end
    // (`super::leasing`) and stay with it when they return.
    let vests = a.vesting_shares[i] - a.delegated_vesting_shares[i];
    if sells && vests > 0 {
        let now = world.globals.time;
        start_power_down(world, ctx, i, vests, now);
    }
}
