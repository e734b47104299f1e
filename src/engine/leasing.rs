//! Leasing stake to vote sellers: stakeholders delegate VESTS to bid bots and are paid a
//! share of the bots' bid income ([`crate::behaviour::bid_bots::lease_income`]), as most
//! 2018 bid bots' vote power was leased \[comm\].
//!
//! Delegations follow the chain's rules ([`crate::mechanics::delegation`]): the delegator
//! may lease only what its bars allow, at least the minimum delegation; the delegatee's
//! effective VESTS and mana grow at once; a removed lease leaves the delegatee at once and
//! returns to the delegator only after the return period (5 days from HF20), so that
//! neither votes with it meanwhile. Each delegator holds at most one lease, created whole
//! and removed whole (the chain also lets a delegation be changed; not modelled).
//!
//! Order of events (rules every run follows):
//! 1. At each step's start, removed leases whose return time has passed come back to their
//!    delegators, oldest first (the chain returns them at the first block after; here up
//!    to a step later).
//! 2. At the day's end, after the market's entry and exit ([`super::bid_bots`]): each
//!    seller pays its delegators their part of the day's bid income, sellers in id order,
//!    each seller's leases in delegator order; then leases whose seller is no longer a
//!    present seller, or whose delegator left, are removed; then each account active that
//!    day reviews its lease with probability `[bid_bots] entry_rate` (its stream: account,
//!    day, lease), in account order.
//!
//! Tokens are only moved between accounts, never made; VESTS never change owner.

use std::collections::VecDeque;

use rand::Rng;
use rayon::prelude::*;

use super::adaptation::daily_review;
use super::bid_bots::{sbd_value, BidMarket, Seller, YIELD_DECAY};
use super::chain::BlockContext;
use super::events::ACCOUNTS_PER_TASK;
use super::step::StakeReads;
use super::world::World;
use crate::behaviour::bid_bots::{day_lease_yield, kept_yield, lease_income, lease_pays};
use crate::behaviour::population::{Strategy, ABSENT, CURATOR};
use crate::behaviour::rng::Purpose;
use crate::mechanics::delegation::{
    after_delegating, after_receiving, after_removal, available_to_delegate, min_delegation_vests,
    regenerate, regenerates_before_removal, Bars,
};
use crate::mechanics::era::{Rules, VotingModel};
use crate::mechanics::manabar::effective_vesting_shares;

/// One delegation from a stakeholder to a seller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lease {
    /// The seller (`delegatee`).
    pub delegatee: u32,
    /// The stakeholder (`delegator`).
    pub delegator: u32,
    /// VESTS delegated, VESTS satoshis.
    pub vests: i64,
}

/// A removed delegation on its way back (`vesting_delegation_expiration_object`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Returning {
    delegator: u32,
    vests: i64,
    /// Returned at the first step starting after this time, seconds.
    expiration: u32,
}

/// Every lease and every removed one not yet returned.
#[derive(Debug, Clone, Default)]
pub struct Leases {
    /// Leases in force, by (delegatee, delegator).
    active: Vec<Lease>,
    /// Removed leases, by expiration (the return period is the same for all).
    returning: VecDeque<Returning>,
}

impl Leases {
    /// The leases in force, by (delegatee, delegator).
    pub fn active(&self) -> &[Lease] {
        &self.active
    }

    /// VESTS delegated and not yet returned (in force or on their way back), VESTS
    /// satoshis: the total of the delegators' `delegated_vesting_shares`.
    pub fn delegated_total(&self) -> i128 {
        self.active
            .iter()
            .map(|l| i128::from(l.vests))
            .sum::<i128>()
            + self
                .returning
                .iter()
                .map(|r| i128::from(r.vests))
                .sum::<i128>()
    }

    /// VESTS leased (in force), VESTS satoshis.
    pub fn leased_vests(&self) -> i64 {
        self.active.iter().map(|l| l.vests).sum()
    }

    /// The lease of `delegator`, if it holds one.
    pub fn of_delegator(&self, delegator: u32) -> Option<Lease> {
        self.active
            .iter()
            .copied()
            .find(|l| l.delegator == delegator)
    }

    /// Step 1: returns the removed leases whose expiration is before `now` to their
    /// delegators (`clear_expired_delegations`): the VESTS count for the delegator again
    /// and their mana comes back at once.
    pub fn return_expired(&mut self, world: &mut World, rules: &Rules, now: u32) {
        while let Some(r) = self.returning.front().copied() {
            if r.expiration >= now {
                break;
            }
            self.returning.pop_front();
            let i = r.delegator as usize;
            let bars = bars_now(world, rules, i, now);
            set_bars(world, rules, i, after_receiving(rules, bars, r.vests), now);
            world.accounts.delegated_vesting_shares[i] -= r.vests;
        }
    }

    /// Delegates `share` (0..=1) of the VESTS `delegator` may delegate at `now` (what the
    /// chain allows) to `delegatee`; nothing if that is below `min_vests` (the minimum
    /// delegation) or the delegator already leases. Returns the VESTS delegated.
    pub fn delegate(
        &mut self,
        world: &mut World,
        rules: &Rules,
        (delegator, delegatee): (u32, u32),
        share: f64,
        min_vests: i64,
        now: u32,
    ) -> i64 {
        if delegator == delegatee || self.of_delegator(delegator).is_some() {
            return 0;
        }
        let (d, e) = (delegator as usize, delegatee as usize);
        let bars = bars_now(world, rules, d, now);
        let balances = StakeReads::of(&world.accounts).balances(d);
        let available = available_to_delegate(rules, &balances, bars).max(0);
        let vests = ((available as f64 * share.clamp(0.0, 1.0)) as i64).min(available);
        if vests < min_vests.max(1) {
            return 0;
        }
        set_bars(world, rules, d, after_delegating(rules, bars, vests), now);
        world.accounts.delegated_vesting_shares[d] += vests;
        let bars = bars_now(world, rules, e, now);
        set_bars(world, rules, e, after_receiving(rules, bars, vests), now);
        world.accounts.received_vesting_shares[e] += vests;
        let lease = Lease {
            delegatee,
            delegator,
            vests,
        };
        let at = self
            .active
            .partition_point(|l| (l.delegatee, l.delegator) < (delegatee, delegator));
        self.active.insert(at, lease);
        vests
    }

    /// Removes the leases for which `remove` is true at `now`, `return_period` seconds
    /// before they return: each delegatee loses the VESTS and their mana at once.
    pub fn remove_where(
        &mut self,
        world: &mut World,
        rules: &Rules,
        now: u32,
        return_period: u32,
        mut remove: impl FnMut(&World, &Lease) -> bool,
    ) -> u64 {
        let mut kept = Vec::with_capacity(self.active.len());
        let mut removed = 0;
        for lease in std::mem::take(&mut self.active) {
            if !remove(world, &lease) {
                kept.push(lease);
                continue;
            }
            removed += 1;
            let e = lease.delegatee as usize;
            let bars = if regenerates_before_removal(rules) {
                let bars = bars_now(world, rules, e, now);
                set_bars(world, rules, e, bars, now);
                bars
            } else {
                stored_bars(world, e)
            };
            let after = after_removal(rules, bars, lease.vests);
            let voter = &mut world.accounts.voters[e];
            voter.voting_mana = after.voting;
            voter.downvote_mana = after.downvote;
            world.accounts.received_vesting_shares[e] -= lease.vests;
            self.returning.push_back(Returning {
                delegator: lease.delegator,
                vests: lease.vests,
                expiration: now.saturating_add(return_period),
            });
        }
        self.active = kept;
        removed
    }

    /// Whether every account's delegated VESTS are its leases in force and on their way
    /// back, and every account's received VESTS its leases in force; `None` when they
    /// are, else what differs.
    pub fn check(&self, world: &World) -> Option<String> {
        let a = &world.accounts;
        let mut delegated = vec![0i64; a.len()];
        let mut received = vec![0i64; a.len()];
        for l in &self.active {
            delegated[l.delegator as usize] += l.vests;
            received[l.delegatee as usize] += l.vests;
        }
        for r in &self.returning {
            delegated[r.delegator as usize] += r.vests;
        }
        (0..a.len()).find_map(|i| {
            let own = a.vesting_shares[i];
            (delegated[i] != a.delegated_vesting_shares[i]
                || received[i] != a.received_vesting_shares[i]
                || own < a.delegated_vesting_shares[i])
                .then(|| {
                    format!(
                        "account {i}: delegated {} (leases {}), received {} (leases {}), own \
                         VESTS {own}",
                        a.delegated_vesting_shares[i],
                        delegated[i],
                        a.received_vesting_shares[i],
                        received[i]
                    )
                })
        })
    }
}

/// Account `i`'s bars as stored (as of its last vote or bar update).
fn stored_bars(world: &World, i: usize) -> Bars {
    let v = &world.accounts.voters[i];
    Bars {
        voting: v.voting_mana,
        downvote: v.downvote_mana,
    }
}

/// Account `i`'s bars regenerated to `now` with its effective VESTS now.
fn bars_now(world: &World, rules: &Rules, i: usize, now: u32) -> Bars {
    let a = &world.accounts;
    let effective = effective_vesting_shares(&StakeReads::of(a).balances(i));
    let elapsed = now.saturating_sub(a.voters[i].last_vote_time);
    regenerate(rules, effective, stored_bars(world, i), elapsed)
}

/// Stores `bars` as account `i`'s bars at `now` (with manabars; before HF20 voting power
/// is left alone).
fn set_bars(world: &mut World, rules: &Rules, i: usize, bars: Bars, now: u32) {
    if rules.voting_model != VotingModel::Manabar {
        return;
    }
    let v = &mut world.accounts.voters[i];
    v.voting_mana = bars.voting;
    v.downvote_mana = bars.downvote;
    v.last_vote_time = v.last_vote_time.max(now);
}

/// Whether account `i` is present.
pub(super) fn present(world: &World, i: u32) -> bool {
    world.accounts.roles[i as usize] & ABSENT == 0
}

/// The return period of `ctx`'s rules, seconds.
pub(super) fn return_period(ctx: &BlockContext<'_>) -> u32 {
    crate::mechanics::delegation::return_period_seconds(&ctx.scenario.rules)
}

/// What an account decided about leasing at the day's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    /// Lease to this seller.
    Lease(u32),
    /// Take its lease back.
    Withdraw,
}

impl BidMarket {
    /// Step 2 at the day's end, after the market's entry and exit: sellers pay their
    /// delegators, leases to accounts no longer selling (or from accounts that left) are
    /// removed, and the accounts active on day `day_mark` review their leases. `curation`
    /// is the curation paid today, milli-STEEM. Returns what the delegators were paid today
    /// (milli-STEEM value) and the number of leases started or taken back by choice.
    pub fn settle_leases(
        &mut self,
        world: &mut World,
        ctx: &BlockContext<'_>,
        day_mark: u32,
        day_first_step: u64,
        curation: i64,
    ) -> (i64, u64) {
        let scenario = ctx.scenario;
        let config = &scenario.bid_bots;
        let rules = &scenario.rules;
        let feed = ctx.market.price;
        let now = world.globals.time;
        let vesting = world.globals.vesting;
        let to_steem = |vests: i64| vesting.vests_to_steem(vests.max(0)).unwrap_or(i64::MAX);
        // What a STEEM earned curating today.
        let fund = vesting.total_vesting_fund_steem;
        let today = if fund > 0 {
            curation.max(0) as f64 / fund as f64
        } else {
            0.0
        };
        self.curation_yield = YIELD_DECAY * self.curation_yield + (1.0 - YIELD_DECAY) * today;
        // Sellers pay their delegators and update what leasing to them earns.
        let mut paid_total = 0i64;
        let leases = &self.leases.active;
        let a = &mut world.accounts;
        let mut next = 0;
        for seller in &mut self.sellers {
            let s = seller.account as usize;
            let stake = a.vesting_shares[s] + a.received_vesting_shares[s];
            let value = seller.income[0] + sbd_value(seller.income[1], &feed);
            let day = day_lease_yield(value, to_steem(stake), config.delegator_share);
            seller.lease_yield = YIELD_DECAY * seller.lease_yield + (1.0 - YIELD_DECAY) * day;
            while next < leases.len() && leases[next].delegatee < seller.account {
                next += 1;
            }
            while next < leases.len() && leases[next].delegatee == seller.account {
                let l = leases[next];
                next += 1;
                let d = l.delegator as usize;
                let share =
                    |income: i64| lease_income(income, l.vests, stake, config.delegator_share);
                let pay = [
                    share(seller.income[0]).min(a.liquid[s]),
                    share(seller.income[1]).min(a.sbd[s]),
                ];
                a.liquid[s] -= pay[0];
                a.sbd[s] -= pay[1];
                a.liquid[d] += pay[0];
                a.sbd[d] += pay[1];
                let value = pay[0] + sbd_value(pay[1], &feed);
                a.bid_net[s] -= value;
                a.bid_net[d] += value;
                paid_total += value;
            }
        }
        // Leases whose seller stopped selling or left, or whose delegator left, end.
        let period = return_period(ctx);
        self.leases.remove_where(world, rules, now, period, |w, l| {
            let e = l.delegatee as usize;
            !present(w, l.delegator)
                || !present(w, l.delegatee)
                || w.accounts.strategy[e] != Strategy::VoteSeller
                || w.accounts.roles[e] & CURATOR == 0
        });
        // Reviews: not before anything has paid curation (in the first week, before the
        // first cashouts), when there is nothing to weigh a lease against.
        if config.entry_rate <= 0.0 || self.sellers.is_empty() || self.curation_yield <= 0.0 {
            return (paid_total, 0);
        }
        let mut leasing: Vec<(u32, u32)> = self
            .leases
            .active
            .iter()
            .map(|l| (l.delegator, l.delegatee))
            .collect();
        leasing.sort_unstable();
        let sellers = &self.sellers;
        let seller_yield = |account: u32| {
            sellers
                .binary_search_by_key(&account, |s| s.account)
                .map_or(0.0, |k| sellers[k].lease_yield)
        };
        let curation_yield = self.curation_yield;
        let curation_share = rules.curation_share();
        let a = &world.accounts;
        let kept = |i: usize| {
            let self_voter = a.strategy[i] == Strategy::SelfVoter && a.roles[i] & CURATOR != 0;
            kept_yield(curation_yield, curation_share, self_voter)
        };
        let decisions: Vec<(u32, Decision)> = (0..a.len())
            .into_par_iter()
            .with_min_len(ACCOUNTS_PER_TASK)
            .filter_map(|i| {
                if a.roles[i] & ABSENT != 0
                    || a.active_mark[i] != day_mark
                    || a.strategy[i] == Strategy::VoteSeller
                {
                    return None;
                }
                let mut rng = daily_review(
                    ctx,
                    i as u32,
                    day_first_step,
                    Purpose::Lease,
                    config.entry_rate,
                )?;
                let own = leasing
                    .binary_search_by_key(&(i as u32), |&(d, _)| d)
                    .ok()
                    .map(|k| leasing[k].1);
                if let Some(seller) = own {
                    let pays = lease_pays(seller_yield(seller), kept(i), 0.0);
                    return (!pays).then_some((i as u32, Decision::Withdraw));
                }
                if a.vesting_shares[i] <= a.delegated_vesting_shares[i] {
                    return None;
                }
                let mut best: Option<&Seller> = None;
                for _ in 0..config.lease_candidates {
                    let s = &sellers[rng.random_range(0..sellers.len())];
                    if s.account != i as u32 && best.is_none_or(|b| s.lease_yield > b.lease_yield) {
                        best = Some(s);
                    }
                }
                let best = best?;
                lease_pays(best.lease_yield, kept(i), config.lease_margin)
                    .then_some((i as u32, Decision::Lease(best.account)))
            })
            .collect();
        let min_vests = min_delegation_vests(rules, &world.globals.vesting);
        let mut changes = 0;
        let withdraw: Vec<u32> = decisions
            .iter()
            .filter(|(_, d)| *d == Decision::Withdraw)
            .map(|&(i, _)| i)
            .collect();
        if !withdraw.is_empty() {
            changes += self.leases.remove_where(world, rules, now, period, |_, l| {
                withdraw.binary_search(&l.delegator).is_ok()
            });
        }
        for &(i, d) in &decisions {
            if let Decision::Lease(seller) = d {
                let vests = self.leases.delegate(
                    world,
                    rules,
                    (i, seller),
                    config.lease_share,
                    min_vests,
                    now,
                );
                changes += u64::from(vests > 0);
            }
        }
        (paid_total, changes)
    }
}
