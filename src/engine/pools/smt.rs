//! One `family = "smt"` pool in the engine: a Steem SMT's reward fund, vesting fund,
//! emission schedule and the posts that joined it, played forward in chain time
//! ([`SMT_EPOCH`] + world seconds). Every amount comes from
//! [`crate::mechanics::smt_pool`] and [`crate::mechanics::smt_emission`]; this module
//! decides when each happens and moves the vested rewards into the holdings.
//!
//! An SMT pays everything vested, so an account's stake in the pool is its vesting
//! shares: for this family `Holdings::staked` holds vesting satoshis, not token units.
//! Timing: before a vote at t, every emission and every block of cashouts at or before t
//! runs, in time order (an emission first when both fall on one block); at the step's
//! end, the same up to the step's end. Vested rewards are claimed at once, as the base
//! chain's are.

use std::collections::VecDeque;

use super::holdings::Holdings;
use super::{index_by_id, PoolFlows};
use crate::mechanics::smt_emission::{emission_at, next_emission_time, UnitTarget};
use crate::mechanics::smt_pool::{
    process_block, vote, SmtDuePost, SmtPost, SmtPostPayout, SmtRewardFund, SmtVestedReward,
    SmtVestingFund, SmtVoter,
};
use crate::scenario::pools::{SmtPoolRules, SMT_EPOCH};

/// A post in the pool: the base chain's post id, its author, its state for the token and
/// its votes (voter, stored curation weight) in casting order.
#[derive(Debug, Clone)]
pub struct SmtPoolPost {
    /// The base chain's post id.
    pub id: u64,
    /// The author's account.
    pub author: u32,
    /// The post's rshares, curation total and cashout time for the token.
    pub post: SmtPost,
    /// (voter, curation weight) of each accepted vote.
    pub votes: Vec<(u32, u64)>,
}

/// One SMT's state in a world.
#[derive(Debug, Clone)]
pub struct SmtBook {
    /// The rules and schedule.
    pub rules: SmtPoolRules,
    /// The token's reward fund (`$rewards`).
    pub fund: SmtRewardFund,
    /// The token's vesting fund.
    pub vesting: SmtVestingFund,
    /// Tokens in existence, token units (`current_supply`).
    pub supply: i64,
    /// Live posts of the pool, in creation (= cashout) order.
    pub posts: VecDeque<SmtPoolPost>,
    /// Each account's voting state; `None` before its first vote.
    pub voters: Vec<Option<SmtVoter>>,
    next_emission: Option<u32>,
    payouts: Vec<SmtPostPayout>,
    curators: Vec<SmtVestedReward<u32>>,
    beneficiaries: Vec<SmtVestedReward<u32>>,
}

impl SmtBook {
    /// The token launched with `supply` token units, the members' staked tokens (token
    /// units in `holdings.staked`) vested into shares, which replace them there.
    pub fn new(
        rules: SmtPoolRules,
        holdings: &mut Holdings,
        supply: i64,
    ) -> Result<SmtBook, String> {
        let mut vesting = SmtVestingFund::launched(supply).map_err(|e| e.to_string())?;
        for staked in holdings.staked.iter_mut() {
            if *staked > 0 {
                let tokens = i64::try_from(*staked).map_err(|_| "stake too large".to_string())?;
                *staked = vesting.create_vesting(tokens).map_err(|e| e.to_string())? as u128;
            }
        }
        let next_emission = next_emission_time(std::slice::from_ref(&rules.schedule), 0);
        Ok(SmtBook {
            rules,
            fund: SmtRewardFund {
                last_reward_update: SMT_EPOCH,
                ..SmtRewardFund::default()
            },
            vesting,
            supply,
            posts: VecDeque::new(),
            voters: vec![None; holdings.staked.len()],
            next_emission,
            payouts: Vec::new(),
            curators: Vec::new(),
            beneficiaries: Vec::new(),
        })
    }

    /// The post `id` joins the pool, created at world second `created`.
    pub fn add_post(&mut self, id: u64, author: u32, created: u32) {
        self.posts.push_back(SmtPoolPost {
            id,
            author,
            post: SmtPost::new(&self.rules.rules, SMT_EPOCH + created),
            votes: Vec::new(),
        });
    }

    /// Whether the post `id` is live in the pool.
    pub fn has_post(&self, id: u64) -> bool {
        self.index_of(id).is_some()
    }

    fn index_of(&self, id: u64) -> Option<usize> {
        index_by_id(&self.posts, id, |p| p.id)
    }

    /// `voter` votes `weight` bp on post `id` at world second `time`, after the emissions
    /// and cashouts due by then; `steem_vote_rshares` is the base post's `vote_rshares`
    /// before this vote (the chain's curation weight reads it). A vote the token's rules
    /// reject changes nothing.
    pub fn vote(
        &mut self,
        holdings: &mut Holdings,
        flows: &mut PoolFlows,
        (voter, id, weight): (u32, u64, i16),
        (time, steem_vote_rshares): (u32, i64),
    ) -> Result<(), String> {
        self.advance(holdings, flows, time)?;
        let Some(p) = self.index_of(id) else {
            return Ok(());
        };
        let now = SMT_EPOCH + time;
        let shares = i64::try_from(holdings.staked[voter as usize]).unwrap_or(i64::MAX);
        let rules = &self.rules.rules;
        let state = self.voters[voter as usize]
            .get_or_insert_with(|| SmtVoter::with_full_mana(rules, shares, now));
        state.vesting.vesting_shares = shares;
        let post = &mut self.posts[p];
        post.post.steem_vote_rshares = steem_vote_rshares;
        if let Ok(applied) = vote(rules, state, &mut post.post, weight, now) {
            flows.votes += 1;
            post.votes.push((voter, applied.curation.vote_weight));
        }
        Ok(())
    }

    /// Runs every emission and cashout block due by world second `time`; tokens emitted to
    /// `$market_maker` are added to `flows.to_market`.
    pub fn advance(
        &mut self,
        holdings: &mut Holdings,
        flows: &mut PoolFlows,
        time: u32,
    ) -> Result<(), String> {
        let now = SMT_EPOCH + time;
        loop {
            let emission = self.next_emission.filter(|&e| e <= now);
            let cashout = self
                .posts
                .front()
                .map(|p| p.post.cashout_time)
                .filter(|&c| c <= now);
            match (emission, cashout) {
                (Some(e), c) if c.is_none_or(|c| e <= c) => self.emit(flows, e)?,
                (_, Some(c)) => self.cash_out(holdings, flows, c)?,
                _ => return Ok(()),
            }
        }
    }

    fn emit(&mut self, flows: &mut PoolFlows, time: u32) -> Result<(), String> {
        let schedule = &self.rules.schedule;
        let emission = emission_at(
            schedule,
            time,
            self.supply,
            self.rules.max_supply,
            self.rules.interpolation,
        )
        .map_err(|e| format!("emission at {time}: {e}"))?;
        for (target, amount) in &emission.emissions {
            match target {
                UnitTarget::Rewards => {
                    let to_fund = self.fund.add_emission(*amount);
                    to_fund.map_err(|e| format!("emission to $rewards: {e}"))?;
                    flows.minted_rewards += *amount as u128;
                }
                UnitTarget::Vesting => {
                    let to_vesting = self.vesting.add_vesting_emission(*amount);
                    to_vesting.map_err(|e| format!("emission to $vesting: {e}"))?
                }
                _ => flows.to_market += *amount as u128,
            }
        }
        self.supply += emission.total;
        flows.minted += emission.total as u128;
        self.next_emission = next_emission_time(std::slice::from_ref(schedule), time);
        Ok(())
    }

    fn cash_out(
        &mut self,
        holdings: &mut Holdings,
        flows: &mut PoolFlows,
        time: u32,
    ) -> Result<(), String> {
        let due = self
            .posts
            .iter()
            .take_while(|p| p.post.cashout_time == time)
            .count();
        let mut posts: Vec<SmtPoolPost> = self.posts.drain(..due).collect();
        let mut due_posts: Vec<SmtDuePost<'_, u32>> = posts
            .iter_mut()
            .map(|p| SmtDuePost {
                post: &mut p.post,
                votes: &p.votes,
                beneficiaries: &[],
            })
            .collect();
        process_block(
            &self.rules.rules,
            &mut self.fund,
            &mut self.vesting,
            time,
            &mut due_posts,
            &mut self.payouts,
            &mut self.curators,
            &mut self.beneficiaries,
        )
        .map_err(|e| {
            let hint = if self.rules.rules.opt_ins().curation_from_token_rshares {
                ""
            } else {
                " (curation_weight_base = \"steem\": a vote's curation weight subtracts the \
                 post's STEEM vote_rshares, and where those outweigh the token's the chain \
                 code's u64 difference wraps; \"token\" avoids it)"
            };
            format!("cashout at chain time {time}: {e}{hint}")
        })?;
        drop(due_posts);
        for c in &self.curators {
            holdings.staked[c.recipient as usize] += c.vesting_shares as u128;
            flows.paid(c.recipient, true, c.tokens as u128);
        }
        // Payouts are in the due posts' order, those with a vote of the token only.
        let paid = posts.iter().filter(|p| p.post.votes > 0);
        for (post, payout) in paid.zip(&self.payouts) {
            let author = post.author;
            holdings.staked[author as usize] += payout.author_vesting_shares as u128;
            if payout.author_tokens > 0 {
                flows.paid(author, false, payout.author_tokens as u128);
            }
            flows.deducted += payout.claimed as u128;
            flows.posts_paid += 1;
            flows.post_rewards.push(payout.claimed as u128);
        }
        let claimed = self.vesting.claim_all_pending();
        claimed.map_err(|e| format!("claiming vested rewards: {e}"))
    }

    /// Token units the token's funds hold: the reward fund and the vesting fund (pending
    /// rewards included; the ballast is not tokens).
    pub fn held(&self) -> u128 {
        (self.fund.reward_balance
            + self.vesting.total_vesting_fund_smt
            + self.vesting.pending_rewarded_vesting_smt) as u128
    }

    /// Vesting shares in existence (pending included), vesting satoshis.
    pub fn shares(&self) -> u128 {
        (self.vesting.total_vesting_shares + self.vesting.pending_rewarded_vesting_shares) as u128
    }
}
