//! The voter's side of an SMT vote: `generic_vote_evaluator` as `vote2_evaluator` calls it
//! for a token (steem_evaluator.cpp), with the token's regeneration period and votes per
//! period, the global downvote pool, dust threshold and upvote lockout.
//!
//! Units: mana, rshares and vesting shares are the token's vesting satoshis; times are
//! seconds since the epoch; weights are basis points.

use std::num::NonZeroU32;

use super::super::constants::{
    STEEM_100_PERCENT, STEEM_MIN_VOTE_INTERVAL_SEC, STEEM_UPVOTE_LOCKOUT_SECONDS,
    STEEM_VOTE_DUST_THRESHOLD,
};
use super::super::fast_div::mul_div;
use super::super::manabar::{
    downvote_max_mana, effective_vesting_shares, regenerate_mana, Manabar, VestingBalances,
};
use super::post::SmtPost;
use super::rules::SmtRewardRules;

/// One account's voting state for one SMT (`account_regular_balance_object`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SmtVoter {
    /// The account's SMT vesting shares, delegations and power down (vesting satoshis);
    /// their effective sum is the voting manabar's maximum.
    pub vesting: VestingBalances,
    /// `voting_manabar`, vesting satoshis.
    pub voting_manabar: Manabar,
    /// `downvote_manabar`, vesting satoshis (maximum: effective shares · downvote pool %).
    pub downvote_manabar: Manabar,
    /// `last_vote_time` of this token's balance, seconds since the epoch.
    pub last_vote_time: u32,
}

impl SmtVoter {
    /// A voter with `vesting_shares` (vesting satoshis), both bars full at `now`.
    pub fn with_full_mana(rules: &SmtRewardRules, vesting_shares: i64, now: u32) -> SmtVoter {
        let downvote_max =
            downvote_max_mana(vesting_shares, rules.globals().downvote_pool_percent).unwrap_or(0);
        SmtVoter {
            vesting: VestingBalances {
                vesting_shares,
                ..VestingBalances::default()
            },
            voting_manabar: Manabar {
                current_mana: vesting_shares,
                last_update_time: now,
            },
            downvote_manabar: Manabar {
                current_mana: downvote_max,
                last_update_time: now,
            },
            last_vote_time: 0,
        }
    }
}

/// An accepted vote, voter side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmtVoteOutcome {
    /// The rshares the vote asked for (`vote2_operation::rshares`, or the weight's
    /// translation): its sign says up or down; > 0 makes it eligible for curation.
    pub requested_rshares: i64,
    /// Mana spent (`consumed_rshares` = |requested|), vesting satoshis.
    pub used_mana: i64,
    /// The rshares the post receives: |requested| − dust threshold (≥ 0), scaled inside the
    /// lockout, with the request's sign.
    pub rshares: i64,
}

/// Why the chain refuses an SMT vote, or changes nothing. Each variant is one of its
/// asserts; the vote is skipped and the run goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum SmtVoteRejection {
    /// `vote_operation::validate`: |weight| > 10000.
    #[error("weight is not in -10000..=10000")]
    WeightOutOfRange,
    /// "Can only vote once every 3 seconds." (this token's `last_vote_time`).
    #[error("less than 3 seconds since the voter's last vote of this token")]
    MinVoteInterval,
    /// The post has been paid: the chain records an empty vote object and changes no
    /// rshares or mana, so the vote has no effect.
    #[error("the post has been paid; the vote has no effect")]
    PostPaidOut,
    /// "Comment is actively being rewarded. Cannot vote on comment." (now ≥ cashout).
    #[error("the post's cashout time has come")]
    CashoutInProgress,
    /// The manabar's asserts: negative effective vesting shares, or now before the bar's
    /// last update.
    #[error("the voter's manabar cannot be regenerated (negative shares or time going back)")]
    Manabar,
    /// "Account cannot vote with more than … abs rshares in a single vote".
    #[error("the vote asks for more rshares than the voter's mana allows")]
    TooManyRshares,
    /// "Account does not have enough mana to downvote.".
    #[error("the voter does not have enough mana to downvote")]
    InsufficientMana,
    /// "Cannot vote with 0 rshares.".
    #[error("the vote has 0 rshares")]
    ZeroRshares,
    /// The downvote formulas divide by N · downvote_pool_percent = 0.
    #[error("the downvote pool percent is 0 (the chain divides by it)")]
    ZeroDownvotePool,
    /// An int64 or `to_int64` step overflows (the chain asserts or its int64 is undefined).
    #[error("mana or rshares overflow int64")]
    Overflow,
    /// Opt-in only ([`super::SpecOptIns::honour_allow_downvotes`]): the token forbids
    /// downvotes.
    #[error("the token does not allow downvotes")]
    DownvotesDisabled,
    /// A post-side assert: `net_rshares`, `abs_rshares` or `vote_rshares` overflow int64.
    #[error("the post's rshares overflow int64")]
    PostRsharesOverflow,
    /// A post-side assert: the curation curve's value does not fit in u64 (`to_uint64`),
    /// or the curve divides by zero.
    #[error("the curation curve's value does not fit in u64 or divides by zero")]
    CurationCurve,
}

/// What the voter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Request {
    Weight(i16),
    Rshares(i64),
}

/// Casts a vote of `weight` basis points (negative = downvote) for `voter` on `post` at
/// `now`, voter side; on success the voter's bars and `last_vote_time` are updated.
///
/// `vote2` takes rshares, not a weight: the weight becomes the request
/// ⌊(m·|w| + N − 1) / (N·10000)⌋ of the regenerated voting mana m (for a downvote the
/// larger of that and ⌊(m_d·|w| + N − 1) / (N·P)⌋ of the downvote mana m_d), the formula
/// `vote_evaluator` uses for STEEM at the SMT hardfork with the token's N (its "round up"
/// adds only N − 1); then [`cast_vote_rshares`]'s checks run. At full weight this is
/// ⌊m/N⌋ for every N ≤ 7000, within the cap ⌈m/N⌉.
pub fn cast_vote(
    rules: &SmtRewardRules,
    voter: &mut SmtVoter,
    post: &SmtPost,
    weight: i16,
    now: u32,
) -> Result<SmtVoteOutcome, SmtVoteRejection> {
    cast(rules, voter, post, Request::Weight(weight), now)
}

/// Casts a `vote2` asking for `requested_rshares` (negative = downvote) for `voter` on
/// `post` at `now`: `generic_vote_evaluator`'s voter side, checks in the chain's order.
pub fn cast_vote_rshares(
    rules: &SmtRewardRules,
    voter: &mut SmtVoter,
    post: &SmtPost,
    requested_rshares: i64,
    now: u32,
) -> Result<SmtVoteOutcome, SmtVoteRejection> {
    cast(rules, voter, post, Request::Rshares(requested_rshares), now)
}

fn cast(
    rules: &SmtRewardRules,
    voter: &mut SmtVoter,
    post: &SmtPost,
    request: Request,
    now: u32,
) -> Result<SmtVoteOutcome, SmtVoteRejection> {
    use SmtVoteRejection as R;
    if let Request::Weight(weight) = request {
        if weight.unsigned_abs() > STEEM_100_PERCENT as u16 {
            return Err(R::WeightOutOfRange);
        }
    }
    // (head_block_time − last_vote_time).to_seconds() is signed: a later last vote fails.
    if i64::from(now) - i64::from(voter.last_vote_time) < i64::from(STEEM_MIN_VOTE_INTERVAL_SEC) {
        return Err(R::MinVoteInterval);
    }
    if post.paid {
        return Err(R::PostPaidOut);
    }
    if now >= post.cashout_time {
        return Err(R::CashoutInProgress);
    }
    let params = rules.params();
    let pool_percent = rules.globals().downvote_pool_percent;
    // Validated: 1..=604800 and 1..=7000.
    let regen = NonZeroU32::new(params.vote_regeneration_period_seconds).ok_or(R::Manabar)?;
    let n = i64::from(params.votes_per_regeneration_period);

    // util::update_manabar( ..., downvote_mana = true ).
    let effective = effective_vesting_shares(&voter.vesting);
    let voting = regenerated(voter.voting_manabar, effective, regen, now)?;
    let downvote_max = downvote_max_mana(effective, pool_percent).ok_or(R::Manabar)?;
    let downvote = regenerated(voter.downvote_manabar, downvote_max, regen, now)?;
    let (m, m_d) = (voting.current_mana, downvote.current_mana);

    let requested = match request {
        Request::Rshares(rshares) => rshares,
        Request::Weight(weight) => weighted_request(m, m_d, weight, n, pool_percent)?,
    };
    if requested < 0 && rules.opt_ins().honour_allow_downvotes && !params.allow_downvotes {
        return Err(R::DownvotesDisabled);
    }

    // "Account does not have enough mana to vote." (current_mana >= 0) always holds here:
    // update_manabar floors both bars at 0.
    let mut max_abs = m.checked_add(n - 1).ok_or(R::Overflow)? / n;
    max_abs = max_abs.max(0);
    let abs_requested = requested.checked_abs().ok_or(R::Overflow)?;
    if requested < 0 {
        let denominator = u128::from(n.unsigned_abs()) * u128::from(pool_percent);
        if denominator == 0 {
            return Err(R::ZeroDownvotePool);
        }
        let numerator = u128::from(m_d.unsigned_abs()) * u128::from(STEEM_100_PERCENT)
            + u128::from(n.unsigned_abs() - 1);
        let from_pool = i64::try_from(numerator / denominator).map_err(|_| R::Overflow)?;
        max_abs = max_abs.max(from_pool);
    }
    if abs_requested > max_abs {
        return Err(R::TooManyRshares);
    }
    let pool_downvote = pool_percent > 0 && requested < 0;
    if pool_downvote {
        if i128::from(m) + i128::from(m_d) <= i128::from(max_abs) {
            return Err(R::InsufficientMana);
        }
    } else if !voting.has_mana(max_abs) {
        return Err(R::InsufficientMana);
    }

    let consumed = abs_requested;
    let mut abs_rshares = abs_requested
        .saturating_sub(STEEM_VOTE_DUST_THRESHOLD)
        .max(0);
    let cashout_delta = post.cashout_time - now; // > 0 checked above
    if cashout_delta < STEEM_UPVOTE_LOCKOUT_SECONDS {
        // ⌊abs · delta / lockout⌋ ≤ abs: fits.
        abs_rshares = mul_div(
            abs_rshares.unsigned_abs(),
            u64::from(cashout_delta),
            u64::from(STEEM_UPVOTE_LOCKOUT_SECONDS),
        ) as i64;
    }
    if requested == 0 {
        return Err(R::ZeroRshares);
    }

    let (mut voting, mut downvote) = (voting, downvote);
    if pool_downvote {
        if consumed > downvote.current_mana {
            let remainder = consumed - downvote.current_mana;
            downvote.use_mana(downvote.current_mana);
            voting.use_mana(remainder);
        } else {
            downvote.use_mana(consumed);
        }
    } else {
        voting.use_mana(consumed);
    }
    voter.voting_manabar = voting;
    voter.downvote_manabar = downvote;
    voter.last_vote_time = now;
    Ok(SmtVoteOutcome {
        requested_rshares: requested,
        used_mana: consumed,
        rshares: if requested < 0 {
            -abs_rshares
        } else {
            abs_rshares
        },
    })
}

/// `bar` regenerated to `now` towards `max_mana`, then floored at 0 (`use_mana(0)`).
fn regenerated(
    bar: Manabar,
    max_mana: i64,
    regen: NonZeroU32,
    now: u32,
) -> Result<Manabar, SmtVoteRejection> {
    if max_mana < 0 || now < bar.last_update_time {
        return Err(SmtVoteRejection::Manabar);
    }
    let mut bar = Manabar {
        current_mana: regenerate_mana(
            bar.current_mana,
            max_mana,
            now - bar.last_update_time,
            regen,
        ),
        last_update_time: now,
    };
    bar.use_mana(0);
    Ok(bar)
}

/// The rshares a weight asks for (see [`cast_vote`]): ⌊(m·|w| + N − 1) / (N·10000)⌋, for a
/// downvote the larger of that and ⌊(m_d·|w| + N − 1) / (N·P)⌋, with the weight's sign.
fn weighted_request(
    m: i64,
    m_d: i64,
    weight: i16,
    n: i64,
    pool_percent: u16,
) -> Result<i64, SmtVoteRejection> {
    let w = u128::from(weight.unsigned_abs());
    let n = u128::from(n.unsigned_abs());
    // m, m_d ≥ 0 here; each quotient is at most the mana, so it fits in i64.
    let up = (u128::from(m.unsigned_abs()) * w + n - 1) / (n * u128::from(STEEM_100_PERCENT));
    let mut rshares = up as i64;
    if weight < 0 {
        let denominator = n * u128::from(pool_percent);
        if denominator == 0 {
            return Err(SmtVoteRejection::ZeroDownvotePool);
        }
        let down = (u128::from(m_d.unsigned_abs()) * w + n - 1) / denominator;
        let down = i64::try_from(down).map_err(|_| SmtVoteRejection::Overflow)?;
        rshares = -rshares.max(down);
    }
    Ok(rshares)
}
