//! A vote: what it costs the voter and how many rshares it gives the comment
//! (`vote_evaluator::do_apply`, which picks `hf20_vote_evaluator` or `pre_hf20_vote_evaluator`).
//!
//! Role: the voter-side half of voting, shared by the `eval vote` calculator and the
//! simulation engine. [`cast_vote`] takes the voter's state before the vote ([`VoteInput`])
//! and returns either the spent mana, the rshares and the voter's new state
//! ([`VoteOutcome`]) or the chain assert that rejects the vote ([`VoteRejection`]). The
//! comment-side half (curation weight, net rshares) lives in [`super::curation`].
//!
//! Invariant: pure integer arithmetic in the chain's units, exact to the unit, total (no
//! input panics). An accepted vote never spends more than the voter had after regeneration
//! and never leaves a bar below zero; |rshares| ≤ used mana (HF20+) and the rshares' sign is
//! the weight's. The model is a *new* vote on an unpaid comment (not an edit of an earlier
//! vote), so the chain's vote-change asserts do not appear.

use super::era::{Rules, VotingModel};
use super::{vote_hf20, vote_pre_hf20};

/// The voter's state just before a vote and the vote itself.
///
/// Mana fields hold the stored `current_mana` *before* regeneration; the vote regenerates
/// them first, as the chain does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VoteInput {
    /// Effective vesting shares E of the voter, VESTS satoshis: the maximum voting mana
    /// (HF20+) and the stake the voting power applies to (pre-HF20).
    pub effective_vests: i64,
    /// HF20+: `voting_manabar.current_mana`, VESTS satoshis. Pre-HF20: the voting power
    /// in basis points (10000 = full), which the chain kept in the same field.
    pub voting_mana: i64,
    /// `downvote_manabar.current_mana`, VESTS satoshis; only used when the rules have a
    /// downvote pool (HF21+), otherwise returned unchanged.
    pub downvote_mana: i64,
    /// Seconds since the bars were last updated (`now − last_update_time`). Pre-HF20 the
    /// bar is only updated by votes, so this is also the time since the last vote.
    pub elapsed_seconds: u32,
    /// HF20+: seconds since the voter's last vote (`now − last_vote_time`), checked
    /// against the minimum vote interval. Pre-HF20 `elapsed_seconds` is used instead.
    pub seconds_since_last_vote: u32,
    /// Vote weight in basis points, −10000..=10000; negative is a downvote.
    pub weight: i16,
    /// Seconds from now until the comment's cashout (`cashout_time − now`); ≤ 0 means the
    /// cashout time has come.
    pub seconds_to_cashout: i64,
}

/// An accepted vote: what it spent, what it gave, and the voter's bars after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteOutcome {
    /// Mana the vote spent, VESTS satoshis (`used_mana`); pre-HF20 the voting power spent,
    /// basis points (`used_power`).
    pub used_mana: i64,
    /// The vote's rshares, VESTS satoshis: negative for downvotes.
    pub rshares: i64,
    /// `voting_manabar.current_mana` after the vote, VESTS satoshis; pre-HF20 the voting
    /// power after the vote, basis points.
    pub voting_mana: i64,
    /// `downvote_manabar.current_mana` after the vote, VESTS satoshis; the input unchanged
    /// when the rules have no downvote pool.
    pub downvote_mana: i64,
}

/// Why the chain rejects a vote; each variant is one of its asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum VoteRejection {
    /// `vote_operation::validate`: |weight| > 10000 ("Weight is not a STEEMIT percentage").
    #[error("weight is not in -10000..=10000")]
    WeightOutOfRange,
    /// Negative effective vesting shares: the chain's manabar (`max_mana >= 0`) or its
    /// u128 conversion asserts.
    #[error("effective vesting shares are negative")]
    NegativeEffectiveVests,
    /// `max_vote_denom > 0` fails (reserve rate or regeneration time of 0 in the rules).
    #[error("vote_power_reserve_rate × vote_regeneration_seconds is 0")]
    ZeroVoteDenominator,
    /// HF20+: "Comment is actively being rewarded. Cannot vote on comment." (now ≥ cashout).
    #[error("the comment's cashout time has come")]
    CashoutInProgress,
    /// "Can only vote once every 3 seconds." (HF11 until Hive HF26).
    #[error("less than the minimum interval since the last vote")]
    MinVoteInterval,
    /// "Vote weight cannot be 0." (for a new vote).
    #[error("vote weight is 0")]
    ZeroWeight,
    /// Pre-HF20 "Account currently does not have voting power." (power ≤ 0); Steem HF20
    /// "Account does not have enough mana to vote." (mana ≤ 0; from HF21 mana < 0).
    #[error("the voter has no voting power or mana")]
    NoMana,
    /// "Account does not have enough mana to vote/downvote." or pre-HF20 "Account does not
    /// have enough power to vote.": the vote costs more than the voter has.
    #[error("the vote costs more mana than the voter has")]
    InsufficientMana,
    /// The chain's `to_int64` asserts: used mana (or the downvote maximum) past i64.
    #[error("mana does not fit in 64 bits")]
    ManaOverflow,
    /// Pre-HF20 "Voting weight is too small, please accumulate more voting power or steem
    /// power.": rshares not above `vote_dust_threshold`.
    #[error("rshares are not above the dust threshold")]
    Dust,
    /// Pre-HF20 (HF17+) "Cannot increase payout within last twelve hours before payout.":
    /// an upvote within `upvote_lockout_seconds` of cashout.
    #[error("upvote within the lockout before cashout")]
    UpvoteLockout,
    /// Pre-HF20 "Cannot vote with 0 rshares." (unreachable with a dust threshold ≥ 0).
    #[error("the vote has 0 rshares")]
    ZeroRshares,
}

impl VoteRejection {
    /// Every rejection, in the order the docs list them.
    pub const ALL: [VoteRejection; 12] = [
        VoteRejection::WeightOutOfRange,
        VoteRejection::NegativeEffectiveVests,
        VoteRejection::ZeroVoteDenominator,
        VoteRejection::CashoutInProgress,
        VoteRejection::MinVoteInterval,
        VoteRejection::ZeroWeight,
        VoteRejection::NoMana,
        VoteRejection::InsufficientMana,
        VoteRejection::ManaOverflow,
        VoteRejection::Dust,
        VoteRejection::UpvoteLockout,
        VoteRejection::ZeroRshares,
    ];

    /// The status written by `eval vote` for this rejection (`rejected_…`).
    pub fn status(self) -> &'static str {
        match self {
            VoteRejection::WeightOutOfRange => "rejected_weight_out_of_range",
            VoteRejection::NegativeEffectiveVests => "rejected_negative_effective_vests",
            VoteRejection::ZeroVoteDenominator => "rejected_zero_vote_denominator",
            VoteRejection::CashoutInProgress => "rejected_cashout",
            VoteRejection::MinVoteInterval => "rejected_min_interval",
            VoteRejection::ZeroWeight => "rejected_zero_weight",
            VoteRejection::NoMana => "rejected_no_mana",
            VoteRejection::InsufficientMana => "rejected_insufficient_mana",
            VoteRejection::ManaOverflow => "rejected_mana_overflow",
            VoteRejection::Dust => "rejected_dust",
            VoteRejection::UpvoteLockout => "rejected_lockout",
            VoteRejection::ZeroRshares => "rejected_zero_rshares",
        }
    }
}

/// Casts a new vote under `rules` (`vote_evaluator::do_apply`): the HF20+ manabar vote
/// ([`vote_hf20::hf20_vote`]) or the pre-HF20 voting-power vote
/// ([`vote_pre_hf20::pre_hf20_vote`]), as `rules.voting_model` says.
pub fn cast_vote(rules: &Rules, input: &VoteInput) -> Result<VoteOutcome, VoteRejection> {
    match rules.voting_model {
        VotingModel::Manabar => vote_hf20::hf20_vote(rules, input),
        VotingModel::VotingPower => vote_pre_hf20::pre_hf20_vote(rules, input),
    }
}

/// `max_vote_denom` = vote_power_reserve_rate · regeneration seconds, computed as the chain
/// does in u32 (wrapping) and widened to i64; `None` when it is 0 (the chain asserts
/// `max_vote_denom > 0`).
pub(crate) fn max_vote_denom(rules: &Rules) -> Option<i64> {
    let denom = rules
        .vote_power_reserve_rate
        .wrapping_mul(rules.vote_regeneration_seconds);
    (denom > 0).then_some(i64::from(denom))
}

/// Seconds in a day: a full vote spends one day's worth of regeneration, divided by the
/// reserve rate (the chain's literal `60*60*24`).
pub(crate) const SECONDS_PER_DAY: u32 = 86_400;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::era::Era;
    use proptest::prelude::*;

    #[test]
    fn status_names_are_distinct_and_prefixed() {
        let mut names: Vec<_> = VoteRejection::ALL.iter().map(|r| r.status()).collect();
        assert!(names.iter().all(|n| n.starts_with("rejected_")));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), VoteRejection::ALL.len());
    }

    #[test]
    fn max_vote_denom_per_era() {
        // ρ·432000: 40·432000 before HF19, 10·432000 from HF19.
        assert_eq!(
            max_vote_denom(&Rules::for_era(Era::SteemHf17)),
            Some(17_280_000)
        );
        for era in &Era::ALL[1..] {
            assert_eq!(max_vote_denom(&Rules::for_era(*era)), Some(4_320_000));
        }
        let mut rules = Rules::for_era(Era::SteemHf21);
        // The chain's uint32 product wraps: 432000·9943 − 2^32 = 408704.
        rules.vote_power_reserve_rate = 9_943;
        assert_eq!(max_vote_denom(&rules), Some(408_704));
        rules.vote_power_reserve_rate = 0;
        assert_eq!(max_vote_denom(&rules), None);
    }

    #[test]
    fn dispatch_follows_the_voting_model() {
        let input = VoteInput {
            effective_vests: 1_000_000_000_000,
            voting_mana: 10_000,
            downvote_mana: 0,
            elapsed_seconds: 3,
            seconds_since_last_vote: 3,
            weight: 10_000,
            seconds_to_cashout: 604_800,
        };
        // Pre-HF20 the mana field is a voting power: 10000 → 2% = 200 used.
        let pre = cast_vote(&Rules::for_era(Era::SteemHf19), &input).unwrap();
        assert_eq!((pre.used_mana, pre.voting_mana), (200, 9_800));
        // HF20 reads the same 10000 as mana of a 10^12 bar and regenerates it.
        let hf20 = cast_vote(&Rules::for_era(Era::SteemHf20), &input).unwrap();
        assert_eq!(hf20.rshares, 0); // ⌈(10000 + 6944444)/50⌉ < dust
    }

    proptest! {
        #[test]
        fn no_era_panics_and_invariants_hold(
            e in any::<i64>(), c in any::<i64>(), d in any::<i64>(),
            dt in any::<u32>(), last in any::<u32>(), w in any::<i16>(), cash in any::<i64>(),
            era in 0usize..6,
        ) {
            let rules = Rules::for_era(Era::ALL[era]);
            let input = VoteInput {
                effective_vests: e, voting_mana: c, downvote_mana: d, elapsed_seconds: dt,
                seconds_since_last_vote: last, weight: w, seconds_to_cashout: cash,
            };
            if let Ok(out) = cast_vote(&rules, &input) {
                prop_assert!(out.used_mana >= 0);
                prop_assert!(out.voting_mana >= 0);
                if out.rshares != 0 {
                    prop_assert_eq!(out.rshares.signum(), i64::from(w.signum()));
                }
                if rules.voting_model == VotingModel::Manabar {
                    prop_assert!(out.rshares.unsigned_abs() <= out.used_mana.unsigned_abs());
                    prop_assert!(out.voting_mana <= e);
                } else {
                    prop_assert!(out.voting_mana <= 10_000);
                }
            }
        }

        #[test]
        fn any_rules_never_panic(
            e in any::<i64>(), c in any::<i64>(), d in any::<i64>(),
            dt in any::<u32>(), w in any::<i16>(), cash in any::<i64>(),
            rate in any::<u32>(), regen in any::<u32>(), pool in any::<u16>(),
            dust in any::<i64>(), lockout in any::<u32>(), from_max in any::<bool>(),
            era in 0usize..6,
        ) {
            let mut rules = Rules::for_era(Era::ALL[era]);
            rules.vote_power_reserve_rate = rate;
            rules.vote_regeneration_seconds = regen;
            rules.downvote_pool_percent = pool;
            rules.vote_dust_threshold = dust;
            rules.upvote_lockout_seconds = lockout;
            rules.vote_strength_from_max_mana = from_max;
            let input = VoteInput {
                effective_vests: e, voting_mana: c, downvote_mana: d, elapsed_seconds: dt,
                seconds_since_last_vote: dt, weight: w, seconds_to_cashout: cash,
            };
            let _ = cast_vote(&rules, &input);
        }
    }
}
