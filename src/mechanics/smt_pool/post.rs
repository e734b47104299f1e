//! A post's state for one SMT (`rshare_context` in `comment_object::smt_rshares`) and the
//! post side of a vote: `generic_vote_evaluator`'s rshare sums and curation weight.
//!
//! Units: rshares are the token's vesting satoshis; curation weights are the curation
//! curve's units (u64); times are seconds since the epoch.

use super::super::curation::{curation_curve_value, CurationWeight};
use super::super::fast_div::mul_div;
use super::rules::SmtRewardRules;
use super::vote::{cast_vote, SmtVoteOutcome, SmtVoteRejection, SmtVoter};

/// One post's state for one SMT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmtPost {
    /// `created`, seconds since the epoch.
    pub created: u32,
    /// `cashout_time`, seconds since the epoch: the comment's (STEEM) cashout time.
    pub cashout_time: u32,
    /// `net_rshares`: Σ signed vote rshares, vesting satoshis.
    pub net_rshares: i64,
    /// `abs_rshares`: Σ |vote rshares|, vesting satoshis.
    pub abs_rshares: i64,
    /// `vote_rshares`: Σ positive vote rshares, vesting satoshis.
    pub vote_rshares: i64,
    /// `total_vote_weight`: Σ undiscounted curation weights, curve units (u64, wrapping).
    pub total_vote_weight: u64,
    /// `net_votes`: upvotes − downvotes.
    pub net_votes: i32,
    /// Accepted votes of this token; the comment has an `smt_rshares` entry for the token
    /// (and so takes part in its cashouts) only when this is > 0.
    pub votes: u32,
    /// The comment's *STEEM* `vote_rshares`, vesting satoshis of VESTS, set by the caller
    /// (0 if nobody votes STEEM on it): the chain code's curation weight subtracts the
    /// curve at this value (module doc).
    pub steem_vote_rshares: i64,
    /// `allowed_vote_assets[token].allow_curation_rewards`.
    pub allow_curation_rewards: bool,
    /// `allowed_vote_assets[token].max_accepted_payout`, token satoshis (chain default
    /// 2^63 − 1; the chain casts it to u64 before taking the minimum).
    pub max_accepted_payout: i64,
    /// True once the post has been paid (the comment left the cashout queue).
    pub paid: bool,
}

impl SmtPost {
    /// A post created at `created` with the default votable-asset options; its cashout
    /// time is `created` + [`SmtRewardRules::cashout_window_seconds`] (saturating).
    pub fn new(rules: &SmtRewardRules, created: u32) -> SmtPost {
        SmtPost {
            created,
            cashout_time: created.saturating_add(rules.cashout_window_seconds()),
            net_rshares: 0,
            abs_rshares: 0,
            vote_rshares: 0,
            total_vote_weight: 0,
            net_votes: 0,
            votes: 0,
            steem_vote_rshares: 0,
            allow_curation_rewards: true,
            max_accepted_payout: i64::MAX,
            paid: false,
        }
    }
}

/// Adds an accepted vote (`vote`, from [`super::cast_vote`]) cast at `now` to `post`:
/// rshare sums, then the curation weight. On error the post is unchanged.
///
/// Curation weight, as `generic_vote_evaluator` computes it for an SMT: eligible when the
/// *requested* rshares are > 0 (a vote eaten by the dust threshold stays eligible), the
/// post allows curation and the token's `percent_curation_rewards` is not 0; then
/// rise = W(vote_rshares after the vote) − W(base) in u64, wrapping, with W the token's
/// curation curve and base the comment's STEEM `vote_rshares` (chain code) or the
/// token's `vote_rshares` before the vote
/// ([`super::SpecOptIns::curation_from_token_rshares`]); the stored weight is
/// ⌊rise · min(now − created, RA) / RA⌋ with RA = [`SmtRewardRules::reverse_auction_seconds`]
/// (RA = 0 under the opt-in: no discount), and `total_vote_weight` grows by the
/// undiscounted rise. There is no HF20-style guard for a falling curve.
pub fn add_vote(
    rules: &SmtRewardRules,
    post: &mut SmtPost,
    vote: &SmtVoteOutcome,
    now: u32,
) -> Result<CurationWeight, SmtVoteRejection> {
    use SmtVoteRejection as R;
    let mut next = *post;
    let old_vote_rshares = post.vote_rshares;
    next.net_rshares = next
        .net_rshares
        .checked_add(vote.rshares)
        .ok_or(R::PostRsharesOverflow)?;
    next.abs_rshares = next
        .abs_rshares
        .checked_add(vote.rshares.unsigned_abs() as i64)
        .ok_or(R::PostRsharesOverflow)?;
    if vote.rshares > 0 {
        next.vote_rshares = next
            .vote_rshares
            .checked_add(vote.rshares)
            .ok_or(R::PostRsharesOverflow)?;
    }
    next.net_votes = if vote.rshares > 0 {
        next.net_votes.wrapping_add(1)
    } else {
        next.net_votes.wrapping_sub(1)
    };
    next.votes = next.votes.saturating_add(1);

    let eligible = vote.requested_rshares > 0
        && post.allow_curation_rewards
        && rules.params().percent_curation_rewards != 0;
    let weight = if eligible {
        let base = if rules.opt_ins().curation_from_token_rshares {
            old_vote_rshares
        } else {
            post.steem_vote_rshares
        };
        let view = rules.fund_view();
        let old_weight = curation_curve_value(view, base).map_err(|_| R::CurationCurve)?;
        let new_weight =
            curation_curve_value(view, next.vote_rshares).map_err(|_| R::CurationCurve)?;
        let rise = new_weight.wrapping_sub(old_weight);
        let auction = u64::from(rules.reverse_auction_seconds());
        let stored = if auction == 0 {
            rise
        } else {
            // (last_update − created).to_seconds() as uint64: a negative age is huge.
            let age = now.checked_sub(post.created).map_or(auction, u64::from);
            let delta = age.min(auction);
            mul_div(rise, delta, auction) as u64 // ≤ rise
        };
        CurationWeight {
            vote_weight: stored,
            total_vote_weight_increment: rise,
        }
    } else {
        CurationWeight::default()
    };
    next.total_vote_weight = next
        .total_vote_weight
        .wrapping_add(weight.total_vote_weight_increment);
    *post = next;
    Ok(weight)
}

/// One whole vote: [`cast_vote`] then [`add_vote`], both or neither applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmtVoteApplied {
    /// The voter's side.
    pub vote: SmtVoteOutcome,
    /// The vote's curation weight: `vote_weight` is what the caller records with the
    /// voter for the payout.
    pub curation: CurationWeight,
}

/// Casts a vote of `weight` basis points by `voter` on `post` at `now` and adds it to the
/// post (`vote2_evaluator` for one token). On a rejection neither side changes.
pub fn vote(
    rules: &SmtRewardRules,
    voter: &mut SmtVoter,
    post: &mut SmtPost,
    weight: i16,
    now: u32,
) -> Result<SmtVoteApplied, SmtVoteRejection> {
    let mut next_voter = *voter;
    let vote = cast_vote(rules, &mut next_voter, post, weight, now)?;
    let curation = add_vote(rules, post, &vote, now)?;
    *voter = next_voter;
    Ok(SmtVoteApplied { vote, curation })
}
