//! The day's end for the jealousy model (docs/model.md §5): each account's visible earnings
//! are brought up to date, every account that was active compares itself with the group it
//! can see and updates its satisfaction, and every account still present may leave.
//!
//! What is visible (by `[visibility] payouts`): an account always sees its own earnings and
//! the pending payout of its own latest post. Others' earnings (author and curation rewards
//! paid) are visible unless payouts are hidden; the pending payout of their latest live
//! post only when payouts are public. With hidden payouts there is nothing to compare, so
//! satisfaction only fades towards 0.
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
use super::step::start_power_down;
use super::world::World;
use crate::behaviour::envy::{self, Seen};
use crate::behaviour::population::{ABSENT, LEFT};
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
    /// Visible earnings, STEEM per day; NaN when nothing is visible or the account is absent
    /// (left or not arrived).
    reward: f32,
    /// Author quality, 0..=1.
    quality: f32,
    /// Stake (STEEM value of its VESTS), STEEM.
    stake: f32,
}

/// Buffers of the day's end, kept from day to day.
#[derive(Debug, Default)]
pub struct MoodBuffers {
    visible: Vec<Visible>,
    /// Own visible earnings, STEEM per day.
    own: Vec<f32>,
    /// The day's author + curation rewards (milli-STEEM) of each account present that
    /// earned any: (account, amount), in account order.
    earned: Vec<(u32, i64)>,
    /// Their amounts, for sorting.
    amounts: Vec<i64>,
}

/// One account's comparison, for the day's statistics.
#[derive(Debug, Clone, Copy)]
struct Compared {
    own: f32,
    satisfaction: f32,
    envy_term: f64,
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
    update_visible(world, scenario, buffers);
    let compared = compare_all(world, scenario, day_mark, buffers);
    let mut stats = MoodStats {
        compared: compared.len() as u64,
        envy_sum: compared.iter().map(|c| c.envy_term).sum(),
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

/// Folds the day's earnings into each account's average and fills what others see of it;
/// keeps the day's earnings of the present accounts that earned any in `buffers.earned`.
fn update_visible(world: &mut World, scenario: &Scenario, buffers: &mut MoodBuffers) {
    let n = world.accounts.len();
    buffers.visible.resize(n, Visible::default());
    buffers.own.resize(n, 0.0);
    let payouts = scenario.visibility.payouts;
    let weight = (1.0 / scenario.envy.earnings_memory_days) as f32;
    let rules = &scenario.rules;
    let fund = world.globals.reward_fund;
    // STEEM per claim of a pending payout, and per VESTS satoshi.
    let steem_per_claim = if fund.recent_claims > 0 {
        fund.reward_balance as f64 / fund.recent_claims as f64 / 1000.0
    } else {
        0.0
    };
    let vesting = world.globals.vesting;
    let steem_per_vests = if vesting.total_vesting_shares > 0 {
        vesting.total_vesting_fund_steem as f64 / vesting.total_vesting_shares as f64 / 1000.0
    } else {
        0.0
    };
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
    let (earnings, mark) = (&mut a.earnings, &mut a.earnings_mark);
    let (author, curation) = (&a.author_rewards, &a.curation_rewards);
    let (roles, quality, vests, latest) = (&a.roles, &a.quality, &a.vesting_shares, &a.latest_post);
    let iter = ((earnings, mark), (&mut buffers.visible, &mut buffers.own))
        .into_par_iter()
        .enumerate()
        .with_min_len(ACCOUNTS_PER_TASK)
        .filter_map(|(i, ((earnings, mark), (visible, own)))| {
            let total = author[i] + curation[i];
            let earned = total - *mark;
            let today = earned as f32 / 1000.0;
            *mark = total;
            *earnings += weight * (today - *earnings);
            let pending = pending_per_day(latest[i].id) as f32;
            *own = *earnings + pending;
            let reward = if roles[i] & ABSENT != 0 || !payouts.paid_visible() {
                f32::NAN
            } else if payouts.pending_visible() {
                *own
            } else {
                *earnings
            };
            *visible = Visible {
                reward,
                quality: quality[i],
                stake: (vests[i] as f64 * steem_per_vests) as f32,
            };
            (earned > 0 && roles[i] & ABSENT == 0).then_some((i as u32, earned))
        });
    buffers.earned.clear();
    buffers.earned.par_extend(iter);
}

/// Every present account active today compares itself with its group and updates its
/// satisfaction; the others' satisfaction is left as it is. Returns the comparisons in
/// account order.
fn compare_all(
    world: &mut World,
    scenario: &Scenario,
    day_mark: u32,
    buffers: &MoodBuffers,
) -> Vec<Compared> {
    let config = &scenario.envy;
    if !config.enabled {
        return Vec::new();
    }
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
        }
    };
    a.satisfaction
        .par_chunks_mut(ACCOUNTS_PER_TASK)
        .enumerate()
        .map(|(c, satisfaction)| {
            let mut group = Vec::with_capacity(k + peers);
            let mut out = Vec::new();
            for (offset, s) in satisfaction.iter_mut().enumerate() {
                let i = c * ACCOUNTS_PER_TASK + offset;
                if roles[i] & ABSENT != 0 || active[i] != day_mark {
                    continue;
                }
                group.clear();
                for &j in &follows[i * k..(i + 1) * k] {
                    if j as usize != i {
                        group.push(seen(j as usize));
                    }
                }
                let rank = stake_rank[i] as usize;
                let low = rank.saturating_sub(peers / 2);
                let high = (low + peers + 1).min(n);
                let low = high.saturating_sub(peers + 1);
                for &j in &by_stake[low..high] {
                    if j as usize != i {
                        group.push(seen(j as usize));
                    }
                }
                let me = Seen {
                    reward: f64::from(own[i]),
                    ..seen(i)
                };
                let c = envy::compare(me, f64::from(alpha[i]), f64::from(beta[i]), &group, config);
                *s = envy::next_satisfaction(f64::from(*s), c.signal, config) as f32;
                out.push(Compared {
                    own: own[i],
                    satisfaction: *s,
                    envy_term: (c.envy / c.scale).tanh(),
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
                let hazard = envy::exit_hazard(
                    f64::from(a.satisfaction[i]),
                    a.ties[i],
                    &scenario.envy,
                    churn,
                );
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
    let a = &mut world.accounts;
    a.roles[i] |= LEFT;
    a.left_day[i] = ctx.day as i32;
    let vests = a.vesting_shares[i];
    if sells && vests > 0 {
        let now = world.globals.time;
        start_power_down(world, ctx, i, vests, now);
    }
}
