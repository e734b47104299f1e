//! A comment's votes tallied in casting order: net, abs and vote rshares and the curation
//! weights, as the vote evaluators leave them on the comment at cashout.
//!
//! Invariant: each vote is weighed against the comment's `vote_rshares` before it, and the
//! comment sums are checked int64 additions that fail where the chain's `safe<int64>` throws.

use super::{curation_weight, CurationError, CurationVote};
use crate::mechanics::era::Rules;

/// A vote in a comment's casting order (one per voter; edits are not modelled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CastVote {
    /// The vote's rshares (VESTS satoshis); negative for a downvote.
    pub rshares: i64,
    /// Seconds from the comment's creation to the vote.
    pub seconds_since_created: u32,
}

/// A comment's rshares and curation weights after all its votes (the comment fields the
/// vote evaluators maintain).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VoteTally {
    /// Σ rshares of all votes (`net_rshares`), rshares.
    pub net_rshares: i64,
    /// Σ |rshares| (`abs_rshares`), rshares.
    pub abs_rshares: i64,
    /// Σ positive rshares (`vote_rshares`), rshares.
    pub vote_rshares: i64,
    /// Σ of the votes' increments (`total_vote_weight`, a wrapping u64 as on chain).
    pub total_vote_weight: u64,
    /// Each vote's stored weight, in casting order.
    pub vote_weights: Vec<u64>,
}

/// A vote the chain would reject, with its position in casting order (0-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("vote {index}: {reason}")]
pub struct RejectedVote {
    /// 0-based index of the vote in casting order.
    pub index: usize,
    /// Why the chain throws.
    pub reason: VoteRejection,
}

/// Why a vote in [`cast_votes`] is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoteRejection {
    /// `net_rshares` or `abs_rshares` overflows the chain's `safe<int64_t>`.
    #[error("the comment's {field} overflows int64 (the chain's safe<int64> addition throws)")]
    RsharesOverflow {
        /// `net_rshares` or `abs_rshares`.
        field: &'static str,
    },
    /// The curation weight cannot be computed.
    #[error("{0}")]
    Curation(#[from] CurationError),
}

/// A comment's running vote totals, as the vote evaluator keeps them on the comment object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommentVoteTotals {
    /// Σ rshares (`net_rshares`).
    pub net_rshares: i64,
    /// Σ |rshares| (`abs_rshares`).
    pub abs_rshares: i64,
    /// Σ rshares of upvotes (`vote_rshares`), the curation curve's input.
    pub vote_rshares: i64,
    /// Σ curation weights (`total_vote_weight`), wrapping as the chain's u64.
    pub total_vote_weight: u64,
}

impl CommentVoteTotals {
    /// Adds one new vote as the vote evaluator does (the weight uses vote_rshares before
    /// it) and returns the vote's stored curation weight. On error nothing changes.
    pub fn add_vote(
        &mut self,
        rules: &Rules,
        vote: &CastVote,
        allow_curation_rewards: bool,
    ) -> Result<u64, VoteRejection> {
        let overflow = |field| VoteRejection::RsharesOverflow { field };
        let net_rshares = self
            .net_rshares
            .checked_add(vote.rshares)
            .ok_or_else(|| overflow("net_rshares"))?;
        let abs_rshares = vote
            .rshares
            .checked_abs()
            .and_then(|abs| self.abs_rshares.checked_add(abs))
            .ok_or_else(|| overflow("abs_rshares"))?;
        let weight = curation_weight(
            rules,
            &CurationVote {
                old_vote_rshares: self.vote_rshares,
                rshares: vote.rshares,
                seconds_since_created: vote.seconds_since_created,
                allow_curation_rewards,
            },
        )?;
        self.net_rshares = net_rshares;
        self.abs_rshares = abs_rshares;
        if vote.rshares > 0 {
            // Cannot overflow: curation_weight checked the same sum.
            self.vote_rshares += vote.rshares;
        }
        self.total_vote_weight = self
            .total_vote_weight
            .wrapping_add(weight.total_vote_weight_increment);
        Ok(weight.vote_weight)
    }
}

/// Casts `votes` on a fresh comment in order, as the vote evaluator does one vote at a time:
/// each vote's weight uses the comment's vote_rshares before it.
pub fn cast_votes(
    rules: &Rules,
    votes: &[CastVote],
    allow_curation_rewards: bool,
) -> Result<VoteTally, RejectedVote> {
    let mut totals = CommentVoteTotals::default();
    let mut vote_weights = Vec::with_capacity(votes.len());
    for (index, vote) in votes.iter().enumerate() {
        let weight = totals
            .add_vote(rules, vote, allow_curation_rewards)
            .map_err(|reason| RejectedVote { index, reason })?;
        vote_weights.push(weight);
    }
    Ok(VoteTally {
        net_rshares: totals.net_rshares,
        abs_rshares: totals.abs_rshares,
        vote_rshares: totals.vote_rshares,
        total_vote_weight: totals.total_vote_weight,
        vote_weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::curation::tests::EQUAL_VOTE_RSHARES;
    use crate::mechanics::era::Era;

    #[test]
    fn casting_order_tally() {
        let rules = Rules::for_era(Era::SteemHf20);
        let x = EQUAL_VOTE_RSHARES;
        let votes = [
            CastVote {
                rshares: x,
                seconds_since_created: 900,
            },
            CastVote {
                rshares: -1000,
                seconds_since_created: 950,
            },
            CastVote {
                rshares: x,
                seconds_since_created: 1000,
            },
        ];
        let tally = cast_votes(&rules, &votes, true).unwrap();
        assert_eq!(tally.net_rshares, 2 * x - 1000);
        assert_eq!(tally.abs_rshares, 2 * x + 1000);
        assert_eq!(tally.vote_rshares, 2 * x);
        assert_eq!(tally.vote_weights, vec![1_265_664, 0, 524_288]);
        assert_eq!(tally.total_vote_weight, 1_789_952);

        let overflow = [
            CastVote {
                rshares: i64::MAX,
                seconds_since_created: 0,
            },
            CastVote {
                rshares: -1,
                seconds_since_created: 0,
            },
            CastVote {
                rshares: 2,
                seconds_since_created: 0,
            },
        ];
        let err = cast_votes(&rules, &overflow, true).unwrap_err();
        assert_eq!(
            err,
            RejectedVote {
                index: 1,
                reason: VoteRejection::RsharesOverflow {
                    field: "abs_rshares"
                }
            }
        );
    }
}
