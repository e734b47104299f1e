//! One `family = "tribe"` pool in the engine: the `comments` contract's pool state, the
//! posts that joined it and every voter's power in it, played forward in block time.
//! Every amount comes from [`crate::mechanics::tribe_pool`]; this module only decides when
//! each step of the contract happens and moves the payments into the holdings.
//!
//! Timing (the contract runs maintenance on a block's first comment or vote; we run it at
//! every block, as a busy chain does): before a vote at block time t, every interval due at
//! t is run (its window paid); at the end of a step, every interval due at the step's end.

use std::collections::VecDeque;

use ruint::aliases::U512;

use super::holdings::Holdings;
use super::{index_by_id, PoolFlows};
use crate::mechanics::power_curve::PowerClaims;
use crate::mechanics::tribe_pool::{
    post_claims, process_vote, CuratorVote, PaymentRole, PoolConfig, PoolState, PostPayoutInput,
    PostState, Vote, VotingPower,
};

/// A post in the pool: the base chain's post id, its author, its state in the pool and its
/// votes in casting order.
#[derive(Debug, Clone)]
pub struct PoolPost {
    /// The base chain's post id.
    pub id: u64,
    /// The author's account.
    pub author: u32,
    /// R, S, created and cashout time (ms).
    pub state: PostState,
    /// The votes with their curation weights (10^-10), in casting order.
    pub votes: Vec<CuratorVote>,
}

/// One tribe pool's contract state in a world.
#[derive(Debug, Clone)]
pub struct TribeBook {
    /// The validated configuration.
    pub config: PoolConfig,
    /// `rewardPool`, `pendingClaims`, timestamps.
    pub state: PoolState,
    /// Live posts of the pool, in creation (= cashout) order.
    pub posts: VecDeque<PoolPost>,
    /// Each account's voting power in the pool; `None` before its first vote (the
    /// contract creates the record, at full power, on the first vote).
    pub power: Vec<Option<VotingPower>>,
}

impl TribeBook {
    /// A pool created at `time_ms` for `accounts` accounts.
    pub fn new(config: PoolConfig, accounts: usize, time_ms: u64) -> TribeBook {
        let state = PoolState::new(&config, time_ms);
        TribeBook {
            config,
            state,
            posts: VecDeque::new(),
            power: vec![None; accounts],
        }
    }

    /// The post `id` joins the pool at `created_ms` (`actions.comment`).
    pub fn add_post(&mut self, id: u64, author: u32, created_ms: u64) {
        debug_assert!(self.posts.back().is_none_or(|p| p.id < id));
        self.posts.push_back(PoolPost {
            id,
            author,
            state: PostState::new(&self.config, created_ms),
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

    /// `voter` votes `weight` bp on post `id` at `time_ms` with `stake` token units
    /// (`processVote`), after the intervals due at that time. A vote on a post that is
    /// not in the pool, or that the contract ignores, changes nothing.
    pub fn vote(
        &mut self,
        holdings: &mut Holdings,
        flows: &mut PoolFlows,
        (voter, id, weight): (u32, u64, i32),
        time_ms: u64,
    ) {
        self.advance(holdings, flows, time_ms);
        let Some(p) = self.index_of(id) else {
            return;
        };
        let stake = holdings.staked[voter as usize];
        let power = self.power[voter as usize].get_or_insert(VotingPower::full(time_ms));
        let post = &mut self.posts[p];
        let vote = Vote {
            stake,
            weight,
            muted: false,
            previous_rshares: None,
            timestamp: time_ms,
        };
        if let Ok(outcome) =
            process_vote(&self.config, &mut self.state, &mut post.state, power, &vote)
        {
            flows.votes += 1;
            if outcome.curation_weight > 0 {
                post.votes.push(CuratorVote {
                    voter,
                    curation_weight: outcome.curation_weight,
                    muted: false,
                });
            }
        }
    }

    /// Runs every interval due at `now_ms`: mint, decay, claims of the window's posts,
    /// each of them paid into `holdings`.
    pub fn advance(&mut self, holdings: &mut Holdings, flows: &mut PoolFlows, now_ms: u64) {
        while self.state.is_due(&self.config, now_ms) {
            let window = self.state.next_window(&self.config);
            let due = self
                .posts
                .iter()
                .take_while(|p| p.state.cashout_time <= window.end)
                .count();
            debug_assert!(self
                .posts
                .iter()
                .take(due)
                .all(|p| window.contains(p.state.cashout_time)));
            let mut claims = U512::ZERO;
            for post in self.posts.iter().take(due) {
                claims += post_claims(&self.config, &post.state).units();
            }
            let step = self
                .state
                .begin_interval(&self.config, PowerClaims::from_units(claims));
            flows.minted += step.minted;
            let mut deducted = 0;
            for post in self.posts.drain(..due) {
                let input = PostPayoutInput {
                    author: post.author,
                    author_muted: false,
                    votes: &post.votes,
                    beneficiaries: &[],
                    app_tax_beneficiary: None,
                    declines_payout: false,
                    post_muted: false,
                };
                let payout = self.state.pay_post(&self.config, &post.state, &input);
                deducted += payout.deducted;
                flows.overdrawn += payout.overdrawn;
                flows.withheld += payout.withheld;
                flows.posts_paid += 1;
                for pay in &payout.payments {
                    let a = pay.account as usize;
                    holdings.liquid[a] += pay.liquid;
                    holdings.staked[a] += pay.staked;
                    let curator = matches!(pay.role, PaymentRole::Curator { .. });
                    flows.paid(pay.account, curator, pay.total());
                }
                flows.post_rewards.push(payout.paid());
            }
            flows.deducted += deducted;
            self.state.end_interval(step, deducted);
        }
    }

    /// Token units the contract holds: the reward pool.
    pub fn held(&self) -> u128 {
        self.state.reward_pool
    }
}
