//! The vote market (bid bots): vote sellers sell shares of their votes for liquid STEEM
//! to vote buyers, who bid for each new post when they expect it to pay
//! ([`crate::behaviour::bid_bots`]).
//!
//! Order of events (rules every run follows):
//! 1. At the day's start the sellers are the present curators with the `vote_seller`
//!    strategy, in id order; each keeps its price ratio from day to day, moved by the
//!    previous day's sales and refusals ([`crate::behaviour::bid_bots::next_price_ratio`]); a new
//!    seller starts at `initial_price_ratio`.
//! 2. When a buyer's post is created (step 3 of [`super::step`], posts in (time, author)
//!    order), the buyer places up to `bids_per_post` bids, each with a seller drawn from
//!    its stream (seed, replicate, buyer, post, market) in proportion to the seller's
//!    effective VESTS at the day's start (the size of its vote, as the public lists of bid
//!    bots showed it); a seller drawn twice, the buyer itself or a seller sold out today
//!    takes no bid. Each bid is `bid_share` ÷ `bids_per_post` of the buyer's liquid funds
//!    (STEEM and SBD at the feed price) for that share of the full price in vote weight.
//!    If the buyer buys, the price moves from the buyer to the seller, SBD first (at the
//!    feed price, [`pay_parts`]), then STEEM, and an order is placed.
//! 3. At the next step's start each seller votes its orders at their weights, in (seller,
//!    post) order, one block apart (the chain's 3-second minimum between two votes of one
//!    account) from one block into the step, with its own mana; orders that do not fit
//!    in the step wait for the next. A vote the chain rejects is refunded; a cast one
//!    counts in the seller's bid income of the day.
//! 4. At the day's end accounts enter and leave the market ([`BidMarket::enter_and_exit`]),
//!    then sellers pay their delegators and stakeholders start or stop leasing
//!    ([`BidMarket::settle_leases`], [`super::leasing`]).
//!
//! Tokens are only moved between accounts, never made.

use rand::Rng;
use rayon::prelude::*;

use super::adaptation::daily_review;
use super::cast::{upvote_at, Upvote};
use super::chain::{BlockContext, BLOCK_SECONDS};
use super::day::DayStats;
use super::events::ACCOUNTS_PER_TASK;
use super::leasing::Leases;
use super::step::{
    effective_vests, upvote_rshares, vote_value, StakeReads, VoteIntent, VoteSource,
};
use super::world::World;
use crate::behaviour::bid_bots::{
    bid_weight, buying_pays, expected_author_reward, next_price_ratio, pays, price_floor,
    selling_pays, weight_price, Ask, MarketSignal,
};
use crate::behaviour::population::{Strategy, ABSENT, AUTHOR, CURATOR};
use crate::behaviour::rng::{Purpose, StreamKey};
use crate::mechanics::price::Price;

/// One seller's state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Seller {
    pub account: u32,
    /// Asking price as a ratio to the vote's value.
    pub price_ratio: f64,
    /// Vote weight sold today, basis points (a full vote is `[behaviour] vote_weight`).
    pub sold: u32,
    /// Bids refused today because the price did not pay the buyer.
    pub declined: u32,
    /// Bids received today for votes cast, milli-STEEM and milli-SBD.
    pub income: [i64; 2],
    /// What a STEEM leased to it earned a day, recently (exponential average, decay
    /// [`YIELD_DECAY`]).
    pub lease_yield: f64,
}

/// Weight a day's yields keep at each day's end (a mean age of about a week, as
/// `World::paid_per_rshare`).
pub(super) const YIELD_DECAY: f64 = 6.0 / 7.0;

/// A vote bought and not yet cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Order {
    seller: u32,
    post: u64,
    buyer: u32,
    /// Paid, milli-STEEM and milli-SBD.
    paid: [i64; 2],
    /// The price, milli-STEEM (the STEEM value of `paid`).
    price: i64,
    /// Vote weight bought, basis points.
    weight: u16,
}

/// The market's state: today's sellers, the orders waiting for the next step, and the
/// leases of stake to sellers.
#[derive(Debug, Clone, Default)]
pub struct BidMarket {
    pub(super) sellers: Vec<Seller>,
    /// Running sums of the sellers' effective VESTS at the day's start, in seller order:
    /// what a buyer draws sellers by.
    cumulative: Vec<u128>,
    orders: Vec<Order>,
    /// Stake leased to sellers.
    pub leases: Leases,
    /// What a STEEM of stake earned curating a day, recently (curation paid ÷ the vesting
    /// fund's STEEM; exponential average, decay [`YIELD_DECAY`]).
    pub(super) curation_yield: f64,
}

/// How a buyer with `sbd` milli-SBD pays a price of `price` milli-STEEM at the feed price
/// `feed`: as much as it can in SBD, ⌊price at the feed⌋ at most, then the rest in STEEM.
/// Returns (milli-STEEM, milli-SBD); the SBD's STEEM value (rounded down) and the STEEM add
/// up to the price.
pub fn pay_parts(price: i64, sbd: i64, feed: &Price) -> [i64; 2] {
    let price = price.max(0);
    let whole = feed.to_sbd(price as u64).unwrap_or(u64::MAX);
    let sbd_paid = (sbd.max(0) as u64).min(whole);
    let worth = feed.to_steem(sbd_paid).unwrap_or(0).min(price as u64) as i64;
    [price - worth, sbd_paid as i64]
}

/// The STEEM value of `sbd` milli-SBD at `feed`, milli-STEEM (rounded down).
pub(super) fn sbd_value(sbd: i64, feed: &Price) -> i64 {
    feed.to_steem(sbd.max(0) as u64)
        .map_or(i64::MAX, |v| i64::try_from(v).unwrap_or(i64::MAX))
}

impl BidMarket {
    /// Step 1: today's sellers, with prices moved by yesterday's sales.
    pub fn open_day(&mut self, world: &World, ctx: &BlockContext<'_>) {
        let config = &ctx.scenario.bid_bots;
        let floor = price_floor(
            ctx.scenario.rules.curation_share(),
            config.opportunity_cost_weight,
        );
        let a = &world.accounts;
        let stake = StakeReads::of(a);
        let previous = std::mem::take(&mut self.sellers);
        let mut old = previous.iter().peekable();
        self.cumulative.clear();
        let mut sum = 0u128;
        for i in 0..a.len() {
            if a.strategy[i] != Strategy::VoteSeller || a.roles[i] & (ABSENT | CURATOR) != CURATOR {
                continue;
            }
            let account = i as u32;
            while old.next_if(|s| s.account < account).is_some() {}
            let (price_ratio, lease_yield) = match old.next_if(|s| s.account == account) {
                Some(s) => (
                    next_price_ratio(
                        s.price_ratio,
                        s.sold,
                        capacity(config.votes_per_day, ctx.scenario.behaviour.vote_weight),
                        s.declined,
                        config.price_step,
                        floor,
                    ),
                    s.lease_yield,
                ),
                None => (config.initial_price_ratio.max(floor), 0.0),
            };
            self.sellers.push(Seller {
                account,
                price_ratio,
                sold: 0,
                declined: 0,
                income: [0; 2],
                lease_yield,
            });
            sum += effective_vests(stake, i).max(0) as u128;
            self.cumulative.push(sum);
        }
    }

    /// Step 2: `buyer`, whose post `post` was created at `time`, bids with up to
    /// `bids_per_post` sellers and buys where it pays.
    pub fn offer(
        &mut self,
        world: &mut World,
        ctx: &BlockContext<'_>,
        buyer: u32,
        post: u64,
        time: u32,
    ) {
        let total = self.cumulative.last().copied().unwrap_or(0);
        if total == 0 || world.globals.reward_fund.recent_claims == 0 {
            return;
        }
        let scenario = ctx.scenario;
        let config = &scenario.bid_bots;
        // Keyed by the post (ids are unique in a run), so that a buyer's posts in one
        // step draw their sellers apart.
        let mut rng = StreamKey {
            seed: scenario.simulation.seed,
            replicate: ctx.replicate,
            account: buyer,
            step: post,
            purpose: Purpose::Market,
        }
        .stream();
        let rules = &scenario.rules;
        let prices = vote_value(world, rules);
        let feed = &ctx.market.price;
        let full_weight = scenario.behaviour.vote_weight;
        let capacity = capacity(config.votes_per_day, full_weight);
        let b = buyer as usize;
        let funds =
            |a: &super::world::Accounts| a.liquid[b].saturating_add(sbd_value(a.sbd[b], feed));
        let bids = config.bids_per_post.max(1);
        let a = &world.accounts;
        let spend = (a.liquid[b] as f64 * config.bid_share) as i64 + a.bid_budget[b].max(0);
        let per_bid = spend / i64::from(bids);
        let mut asked = Vec::with_capacity(bids as usize);
        for _ in 0..bids {
            let r = rng.random_range(0..total);
            let k = self.cumulative.partition_point(|&c| c <= r);
            let seller = self.sellers[k];
            if seller.account == buyer || seller.sold >= capacity || asked.contains(&k) {
                continue;
            }
            asked.push(k);
            let a = &world.accounts;
            let rshares = upvote_rshares(
                rules,
                &a.voters[seller.account as usize],
                effective_vests(StakeReads::of(a), seller.account as usize),
                full_weight as i16,
                time,
            );
            if rshares <= 0 {
                continue;
            }
            let full_price = Ask {
                vote_value: prices.added_payout(0, rshares as u128),
                price_ratio: seller.price_ratio,
            }
            .price();
            let available = funds(a);
            let left = (capacity - seller.sold).min(u32::from(full_weight)) as u16;
            let weight = bid_weight(per_bid.min(available), full_price, full_weight).min(left);
            if weight == 0 {
                continue;
            }
            let price = weight_price(full_price, weight, full_weight);
            // The rshares a vote at that weight would carry (near enough: the chain rounds).
            let part = rshares as u128 * u128::from(weight) / u128::from(full_weight);
            let part_value = prices.added_payout(0, part);
            let expected = expected_author_reward(part_value, rules.curation_share(), 0.0);
            if !pays(expected, price, config.buyer_margin, i64::MAX) {
                self.sellers[k].declined += 1;
                continue;
            }
            if !pays(expected, price, config.buyer_margin, available) {
                continue;
            }
            let paid = pay_parts(price, a.sbd[b], feed);
            if paid[0] > a.liquid[b] {
                continue;
            }
            let a = &mut world.accounts;
            let s = seller.account as usize;
            a.liquid[b] -= paid[0];
            a.sbd[b] -= paid[1];
            a.liquid[s] += paid[0];
            a.sbd[s] += paid[1];
            a.bid_net[b] -= price;
            a.bid_net[s] += price;
            a.bid_budget[b] -= price.min(a.bid_budget[b].max(0));
            self.sellers[k].sold += u32::from(weight);
            self.orders.push(Order {
                seller: seller.account,
                post,
                buyer,
                paid,
                price,
                weight,
            });
        }
    }

    /// Step 3: the sellers cast the orders placed in the previous step, into `out`, one
    /// block apart from one block after `step_start`; orders that do not fit before the
    /// step's end wait for the next step. A rejected vote, or one whose seller left or
    /// already voted the post, is refunded; a cast vote's price counts in its seller's
    /// income of the day.
    #[allow(clippy::too_many_arguments)]
    pub fn cast_orders(
        &mut self,
        world: &mut World,
        ctx: &BlockContext<'_>,
        step_start: u32,
        day_mark: u32,
        stats: &mut DayStats,
        out: &mut Vec<VoteIntent>,
    ) {
        out.clear();
        if self.orders.is_empty() {
            return;
        }
        let mut orders = std::mem::take(&mut self.orders);
        orders.sort_unstable_by_key(|o| (o.seller, o.post));
        let slots = ctx.scenario.simulation.step_seconds / BLOCK_SECONDS;
        let mut waiting = Vec::new();
        let mut slot = 0;
        for (n, o) in orders.iter().enumerate() {
            slot = if n > 0 && orders[n - 1].seller == o.seller {
                slot + 1
            } else {
                1
            };
            if slot >= slots {
                waiting.push(*o);
                continue;
            }
            let time = step_start + slot * BLOCK_SECONDS;
            let vote = Upvote {
                voter: o.seller,
                post: o.post,
                weight: o.weight as i16,
                time,
            };
            match upvote_at(world, ctx, vote, day_mark, stats) {
                Ok(rshares) => {
                    stats.votes_bought += 1;
                    stats.bids_paid += o.price;
                    if let Ok(k) = self.sellers.binary_search_by_key(&o.seller, |s| s.account) {
                        let income = &mut self.sellers[k].income;
                        income[0] += o.paid[0];
                        income[1] += o.paid[1];
                    }
                    out.push(VoteIntent {
                        time,
                        voter: o.seller,
                        post: o.post,
                        rshares,
                        weight: o.weight as i16,
                        source: VoteSource::Paid,
                    });
                }
                Err(_) => {
                    let a = &mut world.accounts;
                    let (s, b) = (o.seller as usize, o.buyer as usize);
                    let back = [o.paid[0].min(a.liquid[s]), o.paid[1].min(a.sbd[s])];
                    a.liquid[s] -= back[0];
                    a.sbd[s] -= back[1];
                    a.liquid[b] += back[0];
                    a.sbd[b] += back[1];
                    let value = if back == o.paid {
                        o.price
                    } else {
                        back[0] + sbd_value(back[1], &ctx.market.price)
                    };
                    a.bid_net[s] -= value;
                    a.bid_net[b] += value;
                }
            }
        }
        orders.clear();
        self.orders = orders;
        self.orders.extend(waiting);
    }
}

impl BidMarket {
    /// What today's market showed: the sellers' mean and lowest price ratios and the share
    /// of their capacity sold; `None` without sellers.
    pub fn signal(&self, capacity: u32) -> Option<MarketSignal> {
        if self.sellers.is_empty() {
            return None;
        }
        let n = self.sellers.len() as f64;
        let sold: u64 = self.sellers.iter().map(|s| u64::from(s.sold)).sum();
        Some(MarketSignal {
            price_ratio: self.sellers.iter().map(|s| s.price_ratio).sum::<f64>() / n,
            lowest_price_ratio: self
                .sellers
                .iter()
                .map(|s| s.price_ratio)
                .fold(f64::INFINITY, f64::min),
            fill: if capacity > 0 {
                sold as f64 / (n * f64::from(capacity))
            } else {
                0.0
            },
        })
    }

    /// Step 4, at the day's end: each account active today reconsiders its place in the
    /// market with probability `[bid_bots] entry_rate` (its stream: account, day, market
    /// entry). An honest author starts buying if buying pays at the lowest price; otherwise
    /// an honest curator starts selling if selling pays at the market's mean price and fill.
    /// A seller stops when its price has fallen to the value of curating (the floor, with
    /// `opportunity_cost_weight` 1), a buyer when buying no longer pays at the lowest
    /// price. Without sellers nobody enters. Switches are applied in account order;
    /// returns how many accounts switched.
    pub fn enter_and_exit(
        &self,
        world: &mut World,
        ctx: &BlockContext<'_>,
        day_mark: u32,
        day_first_step: u64,
    ) -> u64 {
        let scenario = ctx.scenario;
        let config = &scenario.bid_bots;
        let capacity = capacity(config.votes_per_day, scenario.behaviour.vote_weight);
        let Some(signal) = self.signal(capacity) else {
            return 0;
        };
        if config.entry_rate <= 0.0 {
            return 0;
        }
        let c = scenario.rules.curation_share();
        let buying = buying_pays(signal.lowest_price_ratio, c, config.buyer_margin);
        let a = &world.accounts;
        let sellers = &self.sellers;
        let switches: Vec<(u32, Strategy)> = (0..a.len())
            .into_par_iter()
            .with_min_len(ACCOUNTS_PER_TASK)
            .filter_map(|i| {
                if a.roles[i] & ABSENT != 0 || a.active_mark[i] != day_mark {
                    return None;
                }
                let purpose = Purpose::MarketEntry;
                daily_review(ctx, i as u32, day_first_step, purpose, config.entry_rate)?;
                let (curator, author) = (a.roles[i] & CURATOR != 0, a.roles[i] & AUTHOR != 0);
                let next = match a.strategy[i] {
                    Strategy::Honest if author && buying => Strategy::VoteBuyer,
                    Strategy::Honest
                        if curator && selling_pays(signal.price_ratio * signal.fill, 1.0, c) =>
                    {
                        Strategy::VoteSeller
                    }
                    Strategy::VoteSeller => {
                        let own = sellers
                            .binary_search_by_key(&(i as u32), |s| s.account)
                            .ok()
                            .map(|k| sellers[k]);
                        // Unsold capacity curates, so a seller stays while it can still ask
                        // more than curation (its price has not fallen to the floor).
                        let pays = own.is_some_and(|s| selling_pays(s.price_ratio, 1.0, c));
                        if pays {
                            return None;
                        }
                        Strategy::Honest
                    }
                    Strategy::VoteBuyer if !buying => Strategy::Honest,
                    _ => return None,
                };
                Some((i as u32, next))
            })
            .collect();
        let a = &mut world.accounts;
        for &(i, s) in &switches {
            a.strategy[i as usize] = s;
            a.voters[i as usize].strategy = s;
        }
        switches.len() as u64
    }
}

/// A seller's daily capacity: `votes_per_day` full votes of `full_weight` basis points.
fn capacity(votes_per_day: u32, full_weight: u16) -> u32 {
    votes_per_day.saturating_mul(u32::from(full_weight))
}
