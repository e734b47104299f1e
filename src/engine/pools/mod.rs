//! Community pools: the `[pools.NAME]` tokens of a multi-token world, played beside the
//! base chain. A post joins a pool when its author is a member and tags it for the pool
//! (drawn by [`crate::behaviour::community`]); every vote on a joined post is also a vote
//! in the pool with the same weight, priced with the voter's stake and power in the pool
//! (on chain, one vote operation is indexed by every pool of the post).
//!
//! Order within a step (after the base chain's votes, posts and blocks): each pool, in
//! parallel with the others (pools share nothing), takes the step's new posts in id order,
//! then its votes in casting order (time, voter, post), running what fell due before each
//! vote (a tribe's intervals; an SMT's emissions and cashout blocks), then what falls due
//! by the step's end. Then, in pool order, each pool's payments are valued at the pool's
//! price and added to the accounts' community rewards (what the jealousy model sees). At
//! the day's end the cooperative market trades, holders sell, the price moves and the
//! day's row is taken.
//!
//! Invariant: per pool, initial tokens + minted + overdrawn + the coop fund's top-ups =
//! Σ staked (a tribe's; an SMT's stake is vesting shares, whose tokens are in its vesting
//! fund) + Σ liquid + the contract's pool or the SMT's reward and vesting funds +
//! withheld + the coop fund + the market's token side + what left the world, exactly; an
//! SMT's accounts hold exactly its vesting shares. Checked with the base chain's ledger.

pub mod coop;
pub mod holdings;
pub mod price;
pub mod smt;
pub mod tribe;

use rayon::prelude::*;

use self::coop::{Coop, CoopDay};
use self::holdings::Holdings;
use self::price::PriceState;
use self::smt::SmtBook;
use self::tribe::TribeBook;
use super::step::VoteIntent;
use super::world::{Posts, World};
use crate::behaviour::community::tags_post;
use crate::behaviour::population::ABSENT;
use crate::metrics::inequality::Inequality;
use crate::metrics::PoolDayRow;
use crate::scenario::{PoolRules, PoolScenario, Scenario};

/// Every community pool of a world, in scenario order.
#[derive(Debug, Clone, Default)]
pub struct CommunityPools {
    /// The pools.
    pub pools: Vec<PoolWorld>,
}

/// One community token in a world.
#[derive(Debug, Clone)]
pub struct PoolWorld {
    /// The token's symbol.
    pub name: String,
    /// Decimal places of the token.
    pub precision: u32,
    /// The reward pool's state, by family.
    pub book: PoolBook,
    /// Every account's balances.
    pub holdings: Holdings,
    /// The token's price in base tokens.
    pub price: PriceState,
    /// Totals the conservation check needs.
    pub ledger: PoolLedger,
    /// Today's flows.
    pub flows: PoolFlows,
    /// The cooperative market, if the community has one.
    pub coop: Option<Coop>,
    index: usize,
    tag_share: f64,
    sell_share: f64,
}

/// A pool's reward state, by family.
#[derive(Debug, Clone)]
pub enum PoolBook {
    /// A `comments` contract pool.
    Tribe(Box<TribeBook>),
    /// A Steem SMT.
    Smt(Box<SmtBook>),
}

/// What a pool has issued and where tokens went that no account holds, token units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolLedger {
    /// Tokens at the start: the members' stake and the market's token side.
    pub initial: u128,
    /// Minted into the reward pool so far.
    pub minted: u128,
    /// Paid beyond what posts deducted from the pool (app tax on top), so far.
    pub overdrawn: u128,
    /// Deducted from the pool but paid to nobody (rounding, muted or re-voted weight),
    /// locked in the contract, so far.
    pub withheld: u128,
    /// Sold or bought out of the world by outside buyers, so far.
    pub outside: u128,
}

/// A pool's flows since the day began (token units unless noted).
#[derive(Debug, Clone, Default)]
pub struct PoolFlows {
    /// Minted (a tribe: into the reward pool; an SMT: to every destination).
    pub minted: u128,
    /// An SMT's emissions to `$rewards`.
    pub minted_rewards: u128,
    /// An SMT's emissions to `$market_maker`, not yet handed to the market.
    pub to_market: u128,
    /// Deducted from the reward pool by payouts.
    pub deducted: u128,
    /// Paid beyond the deductions.
    pub overdrawn: u128,
    /// Deducted but paid to nobody.
    pub withheld: u128,
    /// Posts that joined the pool.
    pub posts_joined: u64,
    /// Posts the pool paid out.
    pub posts_paid: u64,
    /// Votes the pool counted.
    pub votes: u64,
    /// Paid to authors (and beneficiaries).
    pub paid_authors: u128,
    /// Paid to curators.
    pub paid_curators: u128,
    /// Paid to authors and curators, in base tokens at the price of the day they were paid.
    pub paid_value: f64,
    /// Each paid post's total, in payout order.
    pub post_rewards: Vec<u128>,
    /// Payments not yet valued: (account, to a curator?, token units).
    pub payments: Vec<(u32, bool, u128)>,
}

impl PoolFlows {
    /// Records a payment of `amount` to `account` (a curator or the author side).
    pub fn paid(&mut self, account: u32, curator: bool, amount: u128) {
        if curator {
            self.paid_curators += amount;
        } else {
            self.paid_authors += amount;
        }
        self.payments.push((account, curator, amount));
    }
}

impl CommunityPools {
    /// The pools of `scenario` for the world `world` of `replicate`, created at time 0.
    pub fn build(
        scenario: &Scenario,
        world: &World,
        replicate: u32,
    ) -> Result<CommunityPools, String> {
        let seed = scenario.simulation.seed;
        let pools = scenario
            .pools
            .iter()
            .enumerate()
            .map(|(index, pool)| PoolWorld::new(pool, index, world, seed, replicate))
            .collect::<Result<_, _>>()?;
        Ok(CommunityPools { pools })
    }

    /// Whether the world has no community pools.
    pub fn is_empty(&self) -> bool {
        self.pools.is_empty()
    }

    /// Plays the step's posts (ids from `first_new_post` on) and `votes` into every pool
    /// and runs their intervals to `step_end` seconds; then values the payments into
    /// `world`'s accounts. `seed` and `replicate` key the tag draws.
    pub fn step(
        &mut self,
        world: &mut World,
        (seed, replicate): (u64, u32),
        first_new_post: u64,
        votes: &[VoteIntent],
        step_end: u32,
    ) -> Result<(), String> {
        if self.pools.is_empty() {
            return Ok(());
        }
        let posts = &world.posts;
        let new_posts: Vec<(u64, u32, u32)> = (first_new_post..posts.next_id())
            .map(|id| {
                let i = posts.index_of(id).expect("new posts are live");
                (id, posts.author[i], posts.facts[i].created)
            })
            .collect();
        self.pools
            .par_iter_mut()
            .map(|pool| pool.step(posts, &new_posts, votes, (seed, replicate), step_end))
            .collect::<Result<Vec<()>, String>>()?;
        let a = &mut world.accounts;
        for pool in &mut self.pools {
            let payments = std::mem::take(&mut pool.flows.payments);
            for &(account, curator, amount) in &payments {
                let value = pool.price.value(amount);
                pool.flows.paid_value += value;
                let milli = (value * 1000.0).round() as i64;
                a.community_rewards[account as usize][usize::from(curator)] += milli;
            }
            pool.flows.payments = payments;
            pool.flows.payments.clear();
        }
        Ok(())
    }

    /// The first conservation failure of any pool, if there is one.
    pub fn check(&self) -> Option<String> {
        self.pools.iter().find_map(PoolWorld::check)
    }

    /// Ends day `day` (negative in the warm-up; `day_mark` counts days from 1 at the
    /// warm-up's start and keys the day's draws) of every pool: the cooperative market
    /// trades, holders sell, the price moves; returns each pool's row for the day when
    /// `measured`, and starts the next day's flows.
    pub fn end_day(
        &mut self,
        world: &mut World,
        key: (u64, u32),
        (day, day_mark): (i64, u32),
        measured: bool,
    ) -> Vec<PoolDayRow> {
        let mut rows = Vec::new();
        let mut benefits = Vec::new();
        for pool in &mut self.pools {
            let row = pool.end_day(world, key, (day, day_mark), &mut benefits);
            if measured {
                rows.push(row);
            }
            pool.flows = PoolFlows::default();
        }
        rows
    }
}

/// The index in `posts` (live pool posts in id order) of the post `id`, if it is there.
pub(super) fn index_by_id<T>(
    posts: &std::collections::VecDeque<T>,
    id: u64,
    id_of: impl Fn(&T) -> u64,
) -> Option<usize> {
    let (front, back) = posts.as_slices();
    match front.binary_search_by_key(&id, &id_of) {
        Ok(i) => Some(i),
        Err(_) => back
            .binary_search_by_key(&id, &id_of)
            .ok()
            .map(|i| i + front.len()),
    }
}

/// The step's votes on posts for which `joined` holds, in casting order (time, voter,
/// post).
fn votes_in_pool(votes: &[VoteIntent], joined: impl Fn(u64) -> bool) -> Vec<&VoteIntent> {
    let mut mine: Vec<&VoteIntent> = votes.iter().filter(|v| joined(v.post)).collect();
    mine.sort_unstable_by_key(|v| (v.time, v.voter, v.post));
    mine
}

/// The base post's `vote_rshares` (Σ positive rshares) from the votes cast before `vote`
/// in casting order: what the chain's SMT curation weight subtracts from.
fn steem_vote_rshares_before(posts: &Posts, vote: &VoteIntent) -> i64 {
    let Some(i) = posts.index_of(vote.post) else {
        return 0;
    };
    posts.votes[i]
        .iter()
        .take_while(|r| (r.time, r.voter) < (vote.time, vote.voter))
        .filter(|r| r.rshares > 0)
        .map(|r| r.rshares)
        .sum()
}

impl PoolWorld {
    fn new(
        pool: &PoolScenario,
        index: usize,
        world: &World,
        seed: u64,
        replicate: u32,
    ) -> Result<PoolWorld, String> {
        let mut holdings = Holdings::distribute(&world.accounts, pool, index, seed, replicate);
        let precision = pool.rules.precision();
        let price = PriceState::new(&pool.price, precision);
        let time_ms = u64::from(world.globals.time) * 1000;
        let staked = holdings.totals().0;
        let book = match &pool.rules {
            PoolRules::Tribe(config) => PoolBook::Tribe(Box::new(TribeBook::new(
                *config,
                world.accounts.len(),
                time_ms,
            ))),
            PoolRules::Smt(rules) => {
                let supply = i64::try_from(staked + price.token_reserve)
                    .map_err(|_| format!("pool {}: the initial supply is too large", pool.name))?;
                let book = SmtBook::new(rules.clone(), &mut holdings, supply)
                    .map_err(|e| format!("pool {}: {e}", pool.name))?;
                PoolBook::Smt(Box::new(book))
            }
        };
        let initial = staked + price.token_reserve + pool.coop.map_or(0, |c| c.fund);
        let coop = pool
            .coop
            .map(|config| Coop::new(config, &holdings, (seed, replicate), index));
        Ok(PoolWorld {
            name: pool.name.clone(),
            precision,
            book,
            holdings,
            price,
            ledger: PoolLedger {
                initial,
                ..PoolLedger::default()
            },
            flows: PoolFlows::default(),
            coop,
            index,
            tag_share: pool.tag_share,
            sell_share: pool.sell_share,
        })
    }

    fn step(
        &mut self,
        posts: &Posts,
        new_posts: &[(u64, u32, u32)],
        votes: &[VoteIntent],
        (seed, replicate): (u64, u32),
        step_end: u32,
    ) -> Result<(), String> {
        let (holdings, flows) = (&mut self.holdings, &mut self.flows);
        let (index, tag_share) = (self.index, self.tag_share);
        let joined: Vec<(u64, u32, u32)> = new_posts
            .iter()
            .copied()
            .filter(|&(id, author, _)| {
                holdings.member[author as usize]
                    && tags_post(seed, replicate, author, id, index, tag_share)
            })
            .collect();
        flows.posts_joined += joined.len() as u64;
        let name = &self.name;
        let failed = |e: String| format!("pool {name}: {e}");
        match &mut self.book {
            PoolBook::Tribe(book) => {
                for &(id, author, created) in &joined {
                    book.advance(holdings, flows, u64::from(created) * 1000);
                    book.add_post(id, author, u64::from(created) * 1000);
                }
                for v in votes_in_pool(votes, |id| book.has_post(id)) {
                    let vote = (v.voter, v.post, i32::from(v.weight));
                    book.vote(holdings, flows, vote, u64::from(v.time) * 1000);
                }
                book.advance(holdings, flows, u64::from(step_end) * 1000);
            }
            PoolBook::Smt(book) => {
                for &(id, author, created) in &joined {
                    book.advance(holdings, flows, created).map_err(failed)?;
                    book.add_post(id, author, created);
                }
                for v in votes_in_pool(votes, |id| book.has_post(id)) {
                    let before = steem_vote_rshares_before(posts, v);
                    let vote = (v.voter, v.post, v.weight);
                    book.vote(holdings, flows, vote, (v.time, before))
                        .map_err(failed)?;
                }
                book.advance(holdings, flows, step_end).map_err(failed)?;
            }
        }
        let to_market = std::mem::take(&mut self.flows.to_market);
        if to_market > 0 && !self.price.receive(to_market) {
            self.ledger.outside += to_market;
        }
        Ok(())
    }

    fn end_day(
        &mut self,
        world: &mut World,
        (seed, replicate): (u64, u32),
        (day, day_mark): (i64, u32),
        benefits: &mut Vec<(u32, u128)>,
    ) -> PoolDayRow {
        let mut coop_day = CoopDay::default();
        if let Some(coop) = &mut self.coop {
            benefits.clear();
            let key = (seed, replicate);
            coop_day = coop.trade(
                &mut self.holdings,
                &world.accounts,
                key,
                day_mark,
                self.index,
                benefits,
            );
            // Goods sold and discounts received count as earnings, like rewards.
            for &(account, units) in benefits.iter() {
                let milli = (self.price.value(units) * 1000.0).round() as i64;
                world.accounts.community_rewards[account as usize][0] += milli;
            }
        }
        let roles = &world.accounts.roles;
        let mut sold = 0u128;
        for (i, liquid) in self.holdings.liquid.iter_mut().enumerate() {
            if *liquid == 0 {
                continue;
            }
            // Accounts that left sell everything.
            let share = if roles[i] & ABSENT != 0 {
                1.0
            } else {
                self.sell_share
            };
            let sell = ((*liquid as f64) * share).floor() as u128;
            let sell = sell.min(*liquid);
            *liquid -= sell;
            sold += sell;
        }
        let price_today = self.price.price();
        let market = self.price.end_day(day, sold);
        self.ledger.outside += market.bought_out;
        let f = &self.flows;
        self.ledger.minted += f.minted;
        self.ledger.overdrawn += f.overdrawn;
        self.ledger.withheld += f.withheld;
        let (staked, liquid) = self.holdings.totals();
        let mut stakes: Vec<i64> = self
            .holdings
            .staked
            .iter()
            .zip(&self.holdings.member)
            .zip(roles)
            .filter(|((_, m), r)| **m && **r & ABSENT == 0)
            .map(|((s, _), _)| i64::try_from(*s).unwrap_or(i64::MAX))
            .collect();
        let holders = stakes.iter().filter(|s| **s > 0).count() as u64;
        let stake = Inequality::of(&mut stakes);
        let (family, reward_pool, steady, pending_claims, staked) = match &self.book {
            PoolBook::Tribe(book) => {
                let params = book.config.params();
                let steady = params.reward_per_interval
                    * u128::from(params.cashout_window_days * 2 + 1)
                    * 86_400
                    / u128::from(params.reward_interval_seconds);
                let pending = book.state.pending_claims.units();
                let pending = pending.to_string().parse::<f64>().unwrap_or(f64::MAX) / 1e10;
                ("tribe", book.state.reward_pool, steady, pending, staked)
            }
            PoolBook::Smt(book) => {
                // recent_claims decay over 15 days: the fund holds about 15 days of its
                // `$rewards` emissions.
                let steady = f.minted_rewards * 15;
                let fund = book.fund.reward_balance.max(0) as u128;
                let vested = book.vesting.total_vesting_fund_smt.max(0) as u128;
                ("smt", fund, steady, book.fund.recent_claims as f64, vested)
            }
        };
        PoolDayRow {
            replicate,
            day: day.max(0) as u32,
            pool: self.name.clone(),
            family,
            precision: self.precision,
            price: price_today,
            minted_units: f.minted,
            paid_authors_units: f.paid_authors,
            paid_curators_units: f.paid_curators,
            paid_value_steem: (f.paid_value * 1000.0).round() as i64,
            reward_pool_units: reward_pool,
            steady_state_pool_units: steady,
            reward_pool_fill: reward_pool as f64 / steady.max(1) as f64,
            pending_claims,
            posts_joined: f.posts_joined,
            posts_paid: f.posts_paid,
            votes: f.votes,
            sold_units: sold,
            sold_value_steem: (market.proceeds * 1000.0).round() as i64,
            staked_units: staked,
            liquid_units: liquid,
            holders,
            gini_stake: stake.gini,
            coop_sales_units: coop_day.sales,
            coop_subsidy_units: coop_day.subsidy,
            coop_buyers: coop_day.buyers,
            coop_fund_units: self.coop.as_ref().map_or(0, |c| c.fund),
        }
    }

    fn check(&self) -> Option<String> {
        let l = &self.ledger;
        let f = &self.flows;
        let (staked, liquid) = self.holdings.totals();
        // A tribe's stake is tokens in the accounts; an SMT's is vesting shares, whose
        // tokens are in the token's vesting fund (`held`).
        let (staked_tokens, book_held) = match &self.book {
            PoolBook::Tribe(book) => (staked, book.held()),
            PoolBook::Smt(book) => {
                if staked != book.shares() {
                    return Some(format!(
                        "pool {}: accounts hold {staked} vesting shares but {} exist",
                        self.name,
                        book.shares()
                    ));
                }
                (0, book.held())
            }
        };
        let (fund, fund_added) = self
            .coop
            .as_ref()
            .map_or((0, 0), |c| (c.fund, c.fund_added));
        let issued = l.initial + l.minted + f.minted + l.overdrawn + f.overdrawn + fund_added;
        let held = staked_tokens
            + fund
            + liquid
            + book_held
            + l.withheld
            + f.withheld
            + self.price.token_reserve
            + l.outside;
        (issued != held).then(|| {
            format!(
                "pool {}: issued {issued} token units but {held} are held \
                 (staked {staked_tokens}, liquid {liquid}, reward and vesting funds \
                 {book_held}, withheld {}, market {}, outside {})",
                self.name,
                l.withheld + f.withheld,
                self.price.token_reserve,
                l.outside
            )
        })
    }
}
