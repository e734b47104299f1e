//! The vote market (bid bots): vote sellers sell shares of their votes for liquid STEEM
//! to vote buyers, who bid for each new post when they expect it to pay
//! ([`crate::behaviour::bid_bots`]).
//!
//! Order of events (rules every run follows):
//! 1. At the day's start the sellers are the present curators with the `vote_seller`
//!    strategy, in id order; each keeps its price ratio from day to day, moved by the
//!    previous day's sales ([`crate::behaviour::bid_bots::next_price_ratio`]); a new
//!    seller starts at `initial_price_ratio`.
//! 2. When a buyer's post is created (step 3 of [`super::step`], posts in (time, author)
//!    order), the buyer asks one seller drawn from its stream (seed, replicate, buyer,
//!    step, market) and bids `bid_share` of its liquid STEEM for that share of the full
//!    price in vote weight. If the seller still has capacity today and the buyer buys, the
//!    price moves from the buyer's liquid STEEM to the seller's and an order is placed.
//! 3. At the next step's start the seller votes every order at its weight, in (seller,
//!    post) order, one block into the step, with its own mana; a vote the chain rejects is
//!    refunded.
//! 4. At the day's end accounts enter and leave the market ([`BidMarket::enter_and_exit`]).
//!
//! Tokens are only moved between accounts, never made.

use rand::Rng;
use rayon::prelude::*;

use super::adaptation::daily_review;
use super::cast::{upvote_at, Upvote};
use super::chain::{BlockContext, BLOCK_SECONDS};
use super::day::DayStats;
use super::events::ACCOUNTS_PER_TASK;
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

/// One seller's state.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Seller {
    account: u32,
    /// Asking price as a ratio to the vote's value.
    price_ratio: f64,
    /// Vote weight sold today, basis points (a full vote is `[behaviour] vote_weight`).
    sold: u32,
}

/// A vote bought and not yet cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Order {
    seller: u32,
    post: u64,
    buyer: u32,
    /// Price paid, milli-STEEM.
    price: i64,
    /// Vote weight bought, basis points.
    weight: u16,
}

/// The market's state: today's sellers and the orders waiting for the next step.
#[derive(Debug, Clone, Default)]
pub struct BidMarket {
    sellers: Vec<Seller>,
    orders: Vec<Order>,
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
        let previous = std::mem::take(&mut self.sellers);
        let mut old = previous.iter().peekable();
        for i in 0..a.len() {
            if a.strategy[i] != Strategy::VoteSeller || a.roles[i] & (ABSENT | CURATOR) != CURATOR {
                continue;
            }
            let account = i as u32;
            while old.next_if(|s| s.account < account).is_some() {}
            let price_ratio = match old.next_if(|s| s.account == account) {
                Some(s) => next_price_ratio(
                    s.price_ratio,
                    s.sold,
                    capacity(config.votes_per_day, ctx.scenario.behaviour.vote_weight),
                    config.price_step,
                    floor,
                ),
                None => config.initial_price_ratio.max(floor),
            };
            self.sellers.push(Seller {
                account,
                price_ratio,
                sold: 0,
            });
        }
    }

    /// Step 2: `buyer`, whose post `post` was created at `time` in step `step_index`,
    /// asks a seller and buys if it pays.
    pub fn offer(
        &mut self,
        world: &mut World,
        ctx: &BlockContext<'_>,
        step_index: u64,
        buyer: u32,
        post: u64,
        time: u32,
    ) {
        if self.sellers.is_empty() {
            return;
        }
        let scenario = ctx.scenario;
        let mut rng = StreamKey {
            seed: scenario.simulation.seed,
            replicate: ctx.replicate,
            account: buyer,
            step: step_index,
            purpose: Purpose::Market,
        }
        .stream();
        let k = rng.random_range(0..self.sellers.len());
        let seller = self.sellers[k];
        let full_weight = scenario.behaviour.vote_weight;
        let capacity = capacity(scenario.bid_bots.votes_per_day, full_weight);
        if seller.account == buyer || seller.sold >= capacity {
            return;
        }
        let rshares = upvote_rshares(
            &scenario.rules,
            &world.accounts.voters[seller.account as usize],
            effective_vests(StakeReads::of(&world.accounts), seller.account as usize),
            full_weight as i16,
            time,
        );
        if rshares <= 0 {
            return;
        }
        let rules = &scenario.rules;
        let prices = vote_value(world, rules);
        if world.globals.reward_fund.recent_claims == 0 {
            return;
        }
        let full_price = Ask {
            vote_value: prices.added_payout(0, rshares as u128),
            price_ratio: seller.price_ratio,
        }
        .price();
        let a = &mut world.accounts;
        let liquid = a.liquid[buyer as usize];
        let budget = (liquid as f64 * scenario.bid_bots.bid_share) as i64;
        let left = (capacity - seller.sold).min(u32::from(full_weight)) as u16;
        let weight = bid_weight(budget, full_price, full_weight).min(left);
        if weight == 0 {
            return;
        }
        let price = weight_price(full_price, weight, full_weight);
        // The rshares a vote at that weight would carry (near enough: the chain rounds).
        let part = rshares as u128 * u128::from(weight) / u128::from(full_weight);
        let part_value = prices.added_payout(0, part);
        let expected = expected_author_reward(part_value, rules.curation_share(), 0.0);
        if !pays(expected, price, scenario.bid_bots.buyer_margin, liquid) {
            return;
        }
        a.liquid[buyer as usize] -= price;
        a.liquid[seller.account as usize] += price;
        a.bid_net[buyer as usize] -= price;
        a.bid_net[seller.account as usize] += price;
        self.sellers[k].sold += u32::from(weight);
        self.orders.push(Order {
            seller: seller.account,
            post,
            buyer,
            price,
            weight,
        });
    }

    /// Step 3: the sellers cast the orders placed in the previous step, into `out`, one
    /// block after `step_start`; a rejected vote, or one whose seller left or already voted
    /// the post, is refunded.
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
        let time = step_start + BLOCK_SECONDS;
        for o in &orders {
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
                    out.push(VoteIntent {
                        time,
                        voter: o.seller,
                        post: o.post,
                        rshares,
                        source: VoteSource::Paid,
                    });
                }
                Err(_) => {
                    let a = &mut world.accounts;
                    let s = o.seller as usize;
                    let back = o.price.min(a.liquid[s]);
                    a.liquid[s] -= back;
                    a.liquid[o.buyer as usize] += back;
                    a.bid_net[s] -= back;
                    a.bid_net[o.buyer as usize] += back;
                }
            }
        }
        orders.clear();
        self.orders = orders;
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
                        if curator && selling_pays(signal.price_ratio, signal.fill, c) =>
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
