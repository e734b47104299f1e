//! One SMT's reward fund and its cashouts: the token's part of `process_comment_rewards`,
//! `reward_comment` and `reward_curators` (chain/comment_rewards.cpp).
//!
//! A block's cashouts: [`SmtBlockCashout::begin`] decays `recent_claims` by the time since
//! `last_reward_update` and adds the claims of every due post (one snapshot), then
//! [`SmtBlockCashout::pay`] pays each due post against that snapshot, vesting every
//! recipient's tokens, and [`SmtBlockCashout::settle`] subtracts the claimed total from
//! `reward_balance` once. Units: token satoshis, claims (u128), seconds.

use std::fmt::Display;

use super::super::constants::STEEM_100_PERCENT;
use super::super::curve::DivisionByZero;
use super::super::payout::curators::{pay_curators_into, PaidCurator};
use super::super::payout::PayoutError;
use super::super::power_down::ConversionError;
use super::super::price::Price;
use super::super::reward_fund::{
    get_rshare_reward, settle_block, snapshot_block_of, BlockSnapshot, RewardError, RewardFund,
    RshareRewardContext,
};
use super::post::SmtPost;
use super::rules::SmtRewardRules;
use super::vesting::SmtVestingFund;

/// The token's reward fund (`smt_token_object::reward_balance`, `recent_claims`,
/// `last_reward_update`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SmtRewardFund {
    /// `reward_balance`, token satoshis.
    pub reward_balance: i64,
    /// `recent_claims`, claims (u128, wrapping as `fc::uint128`). A new token starts at 0.
    pub recent_claims: u128,
    /// `last_reward_update`, seconds since the epoch (0 for a new token).
    pub last_reward_update: u32,
}

impl SmtRewardFund {
    /// An emission of `tokens` (token satoshis) to `$rewards` (`smt_token_emission_evaluator`).
    pub fn add_emission(&mut self, tokens: i64) -> Result<(), SmtPayoutError> {
        self.reward_balance = self
            .reward_balance
            .checked_add(tokens)
            .ok_or(SmtPayoutError::Int64Overflow("reward_balance + emission"))?;
        Ok(())
    }
}

/// Where the chain's cashout would throw. The block cannot be paid; the run stops.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtPayoutError {
    /// `get_rshare_reward` asserts (recent_claims 0, payout past 2^63 − 1, …).
    #[error("{0}")]
    Reward(#[from] RewardError),
    /// `reward_curators` throws.
    #[error("{0}")]
    Curators(#[from] PayoutError),
    /// `create_vesting2`'s `asset × price` asserts.
    #[error("{0}")]
    Vesting(#[from] ConversionError),
    /// The author curve divides by zero.
    #[error("{0}")]
    Curve(#[from] DivisionByZero),
    /// An int64 sum, product or difference overflows (`safe<int64>` throws).
    #[error("{0} overflows int64 (the chain's safe<int64> throws)")]
    Int64Overflow(&'static str),
    /// The block's time is before `last_reward_update`.
    #[error("the block time is before the fund's last_reward_update")]
    TimeBeforeLastUpdate,
    /// The post was paid already.
    #[error("the post has been paid already")]
    AlreadyPaid,
    /// The beneficiaries' weights add up to more than 10000 (comment options refuse it).
    #[error("beneficiary weights add up to {0}, more than 10000")]
    BeneficiaryWeights(u32),
}

/// A recipient's reward, all vested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmtVestedReward<V> {
    /// The recipient: an account name or the engine's account id.
    pub recipient: V,
    /// Tokens paid, token satoshis (> 0 for curators).
    pub tokens: i64,
    /// The vesting shares they bought, vesting satoshis (pending until claimed).
    pub vesting_shares: i64,
}

/// Reused buffers for the per-recipient payments of one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtPayoutBuffers<V> {
    /// Curators with a positive claim, in the chain's payment (and vesting) order: stored
    /// weight descending, then voter ascending.
    pub curators: Vec<SmtVestedReward<V>>,
    /// Beneficiaries in route order (every route, even with 0 tokens).
    pub beneficiaries: Vec<SmtVestedReward<V>>,
    paid: Vec<PaidCurator<V>>,
}

impl<V> Default for SmtPayoutBuffers<V> {
    fn default() -> Self {
        SmtPayoutBuffers {
            curators: Vec::new(),
            beneficiaries: Vec::new(),
            paid: Vec::new(),
        }
    }
}

/// One post's cashout, token satoshis; per-recipient amounts are in the buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SmtPostPayout {
    /// The post's reward: `get_rshare_reward` capped at `max_accepted_payout`; 0 when
    /// net_rshares ≤ 0.
    pub reward: i64,
    /// ⌊reward · percent_curation_rewards / 10000⌋, the curators' share.
    pub curation_tokens: i64,
    /// What the curators were paid (Σ of their floored claims).
    pub curators_paid: i64,
    /// What the beneficiaries were paid.
    pub beneficiaries_paid: i64,
    /// What the author was paid.
    pub author_tokens: i64,
    /// The author's vesting shares, vesting satoshis.
    pub author_vesting_shares: i64,
    /// What leaves the fund: curators + beneficiaries + author (`claimed_reward`).
    pub claimed: i64,
    /// reward − claimed: unclaimed curation, which stays in `reward_balance` (the whole
    /// curators' share when the post does not allow curation rewards).
    pub returned_to_fund: i64,
}

/// One block's cashouts of the token, between [`SmtBlockCashout::begin`] and
/// [`SmtBlockCashout::settle`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmtBlockCashout {
    snapshot: Option<BlockSnapshot>,
    now: u32,
    tokens_awarded: i64,
}

impl SmtBlockCashout {
    /// Takes the block's snapshot at `now` for the due posts' net rshares (only posts with
    /// at least one vote of this token: the chain's loop sees only their `smt_rshares`).
    /// With no such post the token's fund is not touched at all: no decay, and
    /// `last_reward_update` stays (the chain builds a fund context only for tokens with a
    /// due post). Otherwise recent_claims −= ⌊recent_claims · (now − last_reward_update) /
    /// 15 days⌋ (u128, wrapping past 15 days as the chain's does), then += Σ
    /// author_curve(net_rshares > 0).
    pub fn begin(
        rules: &SmtRewardRules,
        fund: &SmtRewardFund,
        now: u32,
        due_net_rshares: impl IntoIterator<Item = i64>,
    ) -> Result<SmtBlockCashout, SmtPayoutError> {
        let mut due = due_net_rshares.into_iter().peekable();
        if due.peek().is_none() {
            return Ok(SmtBlockCashout {
                snapshot: None,
                now,
                tokens_awarded: 0,
            });
        }
        let elapsed = now
            .checked_sub(fund.last_reward_update)
            .ok_or(SmtPayoutError::TimeBeforeLastUpdate)?;
        let steem_shaped = RewardFund {
            reward_balance: fund.reward_balance,
            recent_claims: fund.recent_claims,
        };
        let snapshot = snapshot_block_of(&steem_shaped, elapsed, due, rules.fund_view())?;
        Ok(SmtBlockCashout {
            snapshot: Some(snapshot),
            now,
            tokens_awarded: 0,
        })
    }

    /// The snapshot every due post is paid against (`None` if no post was due).
    pub fn snapshot(&self) -> Option<&BlockSnapshot> {
        self.snapshot.as_ref()
    }

    /// Pays one due post (`reward_comment`): reward, curators (`reward_curators`:
    /// ⌊curation · weight / total_vote_weight⌋ each, against the whole share), beneficiaries
    /// (⌊author_tokens · weight / 10000⌋ each), the author the rest; every amount vested at
    /// the reward vesting price, in that order (curators in payment order). `votes` gives
    /// (voter, stored curation weight) of every vote of this token on the post;
    /// `beneficiaries` (recipient, weight in basis points) its token beneficiaries. The
    /// post is marked paid; its rshares stay as the chain leaves them.
    #[allow(clippy::too_many_arguments)]
    pub fn pay<V: Copy + Ord + Display>(
        &mut self,
        rules: &SmtRewardRules,
        post: &mut SmtPost,
        votes: impl IntoIterator<Item = (V, u64)>,
        beneficiaries: &[(V, u16)],
        vesting: &mut SmtVestingFund,
        out: &mut SmtPayoutBuffers<V>,
    ) -> Result<SmtPostPayout, SmtPayoutError> {
        out.curators.clear();
        out.beneficiaries.clear();
        if post.paid {
            return Err(SmtPayoutError::AlreadyPaid);
        }
        let weights: u32 = beneficiaries.iter().map(|(_, w)| u32::from(*w)).sum();
        if weights > STEEM_100_PERCENT {
            return Err(SmtPayoutError::BeneficiaryWeights(weights));
        }
        let snapshot = match (&self.snapshot, post.net_rshares > 0) {
            (Some(snapshot), true) => *snapshot,
            _ => {
                post.paid = true;
                return Ok(SmtPostPayout::default());
            }
        };
        let mut next_vesting = *vesting;
        let payout = pay_post(
            rules,
            &snapshot,
            post,
            votes,
            beneficiaries,
            &mut next_vesting,
            out,
        )?;
        self.tokens_awarded = self
            .tokens_awarded
            .checked_add(payout.claimed)
            .ok_or(SmtPayoutError::Int64Overflow("tokens_awarded"))?;
        *vesting = next_vesting;
        post.paid = true;
        Ok(payout)
    }

    /// Ends the block: `reward_balance` −= Σ claimed, `recent_claims` and
    /// `last_reward_update` = the snapshot's and `now` (unchanged if no post was due).
    pub fn settle(self, fund: &mut SmtRewardFund) -> Result<(), SmtPayoutError> {
        if let Some(snapshot) = &self.snapshot {
            let settled = settle_block(snapshot, self.tokens_awarded)?;
            fund.reward_balance = settled.reward_balance;
            fund.recent_claims = settled.recent_claims;
            fund.last_reward_update = self.now;
        }
        Ok(())
    }
}

/// `reward_comment` for a post with net_rshares > 0.
fn pay_post<V: Copy + Ord + Display>(
    rules: &SmtRewardRules,
    snapshot: &BlockSnapshot,
    post: &SmtPost,
    votes: impl IntoIterator<Item = (V, u64)>,
    beneficiaries: &[(V, u16)],
    vesting: &mut SmtVestingFund,
    out: &mut SmtPayoutBuffers<V>,
) -> Result<SmtPostPayout, SmtPayoutError> {
    let ctx = RshareRewardContext {
        net_rshares: post.net_rshares,
        reward_weight: STEEM_100_PERCENT as u16,
        max_accepted_payout: i64::MAX,
        recent_claims: snapshot.recent_claims,
        reward_balance: snapshot.reward_balance,
        price: Price::PAR,
    };
    // At par with no dust minimum this is util::get_rshare_reward alone; the cap is the
    // chain's std::min( reward, (uint64_t)max_accepted_payout ).
    let reward = get_rshare_reward(&ctx, rules.fund_view())?;
    let reward = reward.min(post.max_accepted_payout as u64) as i64; // ≤ 2^63 − 1
    if reward == 0 {
        return Ok(SmtPostPayout::default());
    }
    // reward · pct / 10000 in u128: ≤ reward.
    let curation_tokens = (i128::from(reward) * i128::from(rules.params().percent_curation_rewards)
        / i128::from(STEEM_100_PERCENT)) as i64;
    let author_tokens = reward - curation_tokens;

    // reward_curators: with curation not allowed nothing is paid or reported unclaimed;
    // total_vote_weight is read back as the comment context's int64.
    let total_vote_weight = post.total_vote_weight as i64;
    let (curators_paid, _unclaimed) = if total_vote_weight > 0 {
        pay_curators_into(
            curation_tokens,
            total_vote_weight as u64,
            votes,
            post.allow_curation_rewards,
            &mut out.paid,
        )?
    } else {
        out.paid.clear();
        (
            0,
            if post.allow_curation_rewards {
                curation_tokens
            } else {
                0
            },
        )
    };
    for paid in &out.paid {
        let vesting_shares = vesting.create_reward_vesting(paid.claim)?;
        out.curators.push(SmtVestedReward {
            recipient: paid.voter,
            tokens: paid.claim,
            vesting_shares,
        });
    }
    let claimed = author_tokens
        .checked_add(curators_paid)
        .ok_or(SmtPayoutError::Int64Overflow("claimed_reward"))?;

    let mut beneficiaries_paid: i64 = 0;
    for &(recipient, weight) in beneficiaries {
        // safe<int64> product (throws past 2^63 − 1), then / 10000. Σ weights ≤ 10000, so
        // the shares add up to at most author_tokens.
        let tokens =
            author_tokens
                .checked_mul(i64::from(weight))
                .ok_or(SmtPayoutError::Int64Overflow(
                    "author_tokens * beneficiary weight",
                ))?
                / i64::from(STEEM_100_PERCENT);
        let vesting_shares = vesting.create_reward_vesting(tokens)?;
        out.beneficiaries.push(SmtVestedReward {
            recipient,
            tokens,
            vesting_shares,
        });
        beneficiaries_paid += tokens;
    }
    let author_tokens = author_tokens - beneficiaries_paid;
    let author_vesting_shares = vesting.create_reward_vesting(author_tokens)?;
    Ok(SmtPostPayout {
        reward,
        curation_tokens,
        curators_paid,
        beneficiaries_paid,
        author_tokens,
        author_vesting_shares,
        claimed,
        returned_to_fund: reward - claimed,
    })
}

/// One due post for [`process_block`].
#[derive(Debug)]
pub struct SmtDuePost<'a, V> {
    /// The post.
    pub post: &'a mut SmtPost,
    /// (voter, stored curation weight) of its votes of this token.
    pub votes: &'a [(V, u64)],
    /// Its token beneficiaries (recipient, basis points).
    pub beneficiaries: &'a [(V, u16)],
}

/// A whole block's cashouts of the token (`process_comment_rewards` for one token): every
/// due post with at least one vote of the token, in the chain's cashout order, paid
/// against one snapshot; each post's payout pushed to `payouts` (cleared first) with its
/// curators and beneficiaries appended to `curators` / `beneficiaries` (cleared first).
#[allow(clippy::too_many_arguments)]
pub fn process_block<V: Copy + Ord + Display>(
    rules: &SmtRewardRules,
    fund: &mut SmtRewardFund,
    vesting: &mut SmtVestingFund,
    now: u32,
    due: &mut [SmtDuePost<'_, V>],
    payouts: &mut Vec<SmtPostPayout>,
    curators: &mut Vec<SmtVestedReward<V>>,
    beneficiaries: &mut Vec<SmtVestedReward<V>>,
) -> Result<(), SmtPayoutError> {
    payouts.clear();
    curators.clear();
    beneficiaries.clear();
    let due_net = due
        .iter()
        .filter(|d| d.post.votes > 0 && !d.post.paid)
        .map(|d| d.post.net_rshares);
    let mut block = SmtBlockCashout::begin(rules, fund, now, due_net)?;
    let mut buffers = SmtPayoutBuffers::default();
    for d in due.iter_mut() {
        if d.post.votes == 0 || d.post.paid {
            continue;
        }
        let payout = block.pay(
            rules,
            d.post,
            d.votes.iter().copied(),
            d.beneficiaries,
            vesting,
            &mut buffers,
        )?;
        payouts.push(payout);
        curators.extend_from_slice(&buffers.curators);
        beneficiaries.extend_from_slice(&buffers.beneficiaries);
    }
    block.settle(fund)
}
