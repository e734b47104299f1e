//! One SMT's runtime parameters (`smt_token_object` defaults, `smt_set_runtime_parameters`
//! validation) and the chain constants its rewards use.

use super::super::constants::{
    STEEM_100_PERCENT, STEEM_CASHOUT_WINDOW_SECONDS, STEEM_DOWNVOTE_POOL_PERCENT_HF21,
    STEEM_RECENT_RSHARES_DECAY_TIME_HF19, STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF20,
    STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF21, STEEM_VOTING_MANA_REGENERATION_SECONDS,
};
use super::super::curve::RewardCurve;
use super::super::era::{Era, Rules};

/// `SMT_UPVOTE_LOCKOUT`: 12 h, seconds; only read by `smt_param_windows_v1` validation.
pub const SMT_UPVOTE_LOCKOUT: u32 = 43_200;
/// `SMT_VESTING_WITHDRAW_INTERVAL_SECONDS`: one week, seconds; the longest cashout window
/// and vote regeneration period a token may set.
pub const SMT_VESTING_WITHDRAW_INTERVAL_SECONDS: u32 = 604_800;
/// `SMT_MAX_NOMINAL_VOTES_PER_DAY`: at most 1000 nominal votes per day.
pub const SMT_MAX_NOMINAL_VOTES_PER_DAY: u32 = 1_000;
/// `SMT_MAX_VOTES_PER_REGENERATION` = 1000 · 604800 / 86400 = 7000 votes.
pub const SMT_MAX_VOTES_PER_REGENERATION: u32 =
    SMT_MAX_NOMINAL_VOTES_PER_DAY * SMT_VESTING_WITHDRAW_INTERVAL_SECONDS / 86_400;
/// `SMT_DEFAULT_VOTES_PER_REGEN_PERIOD`: 50 votes.
pub const SMT_DEFAULT_VOTES_PER_REGEN_PERIOD: u32 = 50;
/// `SMT_DEFAULT_PERCENT_CURATION_REWARDS`: 25%, basis points.
pub const SMT_DEFAULT_PERCENT_CURATION_REWARDS: u16 = 2_500;
/// `STEEM_CONTENT_CONSTANT_HF0`: 2·10^12 rshares, an SMT's default content constant.
pub const STEEM_CONTENT_CONSTANT_HF0: u128 = 2_000_000_000_000;

/// The parameters `smt_set_runtime_parameters` sets, with `smt_token_object`'s defaults.
/// Times are seconds, percentages basis points, the content constant rshares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmtRuntimeParams {
    /// `cashout_window_seconds` (`smt_param_windows_v1`); stored but not read by the chain
    /// code (see [`SpecOptIns::token_windows`]). Default `STEEM_CASHOUT_WINDOW_SECONDS`.
    pub cashout_window_seconds: u32,
    /// `reverse_auction_window_seconds` (same struct); stored but not read by the chain
    /// code. Default `STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF20` = 900.
    pub reverse_auction_window_seconds: u32,
    /// `vote_regeneration_period_seconds`: an empty manabar refills in this time.
    pub vote_regeneration_period_seconds: u32,
    /// `votes_per_regeneration_period` N: a full vote spends ⌈mana / N⌉.
    pub votes_per_regeneration_period: u32,
    /// `content_constant` s of the quadratic, bounded and convergent curves, rshares.
    pub content_constant: u128,
    /// `percent_curation_rewards`: curators' share of a payout, basis points.
    pub percent_curation_rewards: u16,
    /// `author_reward_curve`: net rshares → claims.
    pub author_reward_curve: RewardCurve,
    /// `curation_reward_curve`: vote rshares → curation weight.
    pub curation_reward_curve: RewardCurve,
    /// `allow_downvotes`; stored but not read by the chain code (see
    /// [`SpecOptIns::honour_allow_downvotes`]).
    pub allow_downvotes: bool,
}

impl Default for SmtRuntimeParams {
    /// A new token's values (`smt_token_object` member initialisers).
    fn default() -> Self {
        SmtRuntimeParams {
            cashout_window_seconds: STEEM_CASHOUT_WINDOW_SECONDS,
            reverse_auction_window_seconds: STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF20,
            vote_regeneration_period_seconds: STEEM_VOTING_MANA_REGENERATION_SECONDS,
            votes_per_regeneration_period: SMT_DEFAULT_VOTES_PER_REGEN_PERIOD,
            content_constant: STEEM_CONTENT_CONSTANT_HF0,
            percent_curation_rewards: SMT_DEFAULT_PERCENT_CURATION_REWARDS,
            author_reward_curve: RewardCurve::Linear,
            curation_reward_curve: RewardCurve::SquareRoot,
            allow_downvotes: true,
        }
    }
}

/// Behaviours of the SMT manual that `master` does not implement, each off by default
/// (default = the chain code). Turning one on leaves the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SpecOptIns {
    /// Use the token's `cashout_window_seconds` for a post's cashout time and its
    /// `reverse_auction_window_seconds` for the curation discount. The chain code uses the
    /// comment's STEEM cashout time (created + 7 days) and the global
    /// `dgpo.reverse_auction_seconds` (300 s since HF21).
    pub token_windows: bool,
    /// Reject downvotes when `allow_downvotes` is false. The chain code never reads it.
    pub honour_allow_downvotes: bool,
    /// Weigh a vote as W(V_after) − W(V_before) of the token's own vote rshares. The chain
    /// code subtracts W of the comment's *STEEM* `vote_rshares` (module doc).
    pub curation_from_token_rshares: bool,
}

/// The chain's global values that an SMT vote or payout reads (`dynamic_global_property_object`
/// at the SMT hardfork, and config.hpp).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmtChainGlobals {
    /// `dgpo.reverse_auction_seconds` (HF21: `STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF21`
    /// = 300), seconds; the chain divides by it.
    pub reverse_auction_seconds: u32,
    /// `dgpo.downvote_pool_percent` (HF21: 2500), basis points.
    pub downvote_pool_percent: u16,
}

impl Default for SmtChainGlobals {
    /// Steem's values from HF21 on (unchanged by the SMT hardfork).
    fn default() -> Self {
        SmtChainGlobals {
            reverse_auction_seconds: STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF21,
            downvote_pool_percent: STEEM_DOWNVOTE_POOL_PERCENT_HF21,
        }
    }
}

/// Why `smt_set_runtime_parameters_operation::validate` refuses the parameters. A
/// scenario error: the run cannot start with these parameters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtRulesError {
    /// `reverse_auction_window_seconds + SMT_UPVOTE_LOCKOUT < cashout_window_seconds` fails
    /// (the sum taken in u32, wrapping, as the chain does).
    #[error("reverse auction window + upvote lockout ({sum} s) must be less than the cashout window ({cashout} s)")]
    WindowsOverlap {
        /// The (u32-wrapped) sum, seconds.
        sum: u64,
        /// `cashout_window_seconds`.
        cashout: u32,
    },
    /// `cashout_window_seconds <= SMT_VESTING_WITHDRAW_INTERVAL_SECONDS` fails.
    #[error("cashout window {0} s exceeds {SMT_VESTING_WITHDRAW_INTERVAL_SECONDS} s")]
    CashoutWindowTooLong(u32),
    /// `0 < vote_regeneration_period_seconds <= 604800` fails.
    #[error("vote regeneration period {0} s is not in 1..=604800")]
    RegenerationPeriod(u32),
    /// `0 < votes_per_regeneration_period <= SMT_MAX_VOTES_PER_REGENERATION` fails.
    #[error("votes per regeneration period {0} is not in 1..=7000")]
    VotesPerPeriod(u32),
    /// ⌈N · 86400 / period⌉ > `SMT_MAX_NOMINAL_VOTES_PER_DAY`.
    #[error("nominal votes per day {0} exceeds 1000")]
    NominalVotesPerDay(u32),
    /// `percent_curation_rewards <= 10000` fails.
    #[error("percent curation rewards {0} exceeds 10000")]
    PercentCuration(u16),
    /// A chain global the evaluator divides by is 0.
    #[error("dgpo.reverse_auction_seconds must be > 0 (the vote evaluator divides by it)")]
    ZeroReverseAuction,
    /// A percentage global past 10000.
    #[error("downvote pool percent {0} exceeds 10000")]
    DownvotePoolPercent(u16),
}

/// Validated rules of one SMT's rewards: its runtime parameters, the chain globals its
/// votes read, and the opt-ins. Built only by [`SmtRewardRules::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtRewardRules {
    params: SmtRuntimeParams,
    globals: SmtChainGlobals,
    opt_ins: SpecOptIns,
    /// The token's fund seen as a STEEM reward fund, for `reward_fund`'s functions: the
    /// token's curves and content constant, 15-day decay without reset, no dust payout.
    fund_view: Rules,
}

impl SmtRewardRules {
    /// The token's rules with the chain's globals and no opt-ins, validated as
    /// `smt_set_runtime_parameters_operation::validate` does.
    pub fn new(params: SmtRuntimeParams) -> Result<SmtRewardRules, SmtRulesError> {
        SmtRewardRules::with(params, SmtChainGlobals::default(), SpecOptIns::default())
    }

    /// [`SmtRewardRules::new`] with explicit chain globals and opt-ins.
    pub fn with(
        params: SmtRuntimeParams,
        globals: SmtChainGlobals,
        opt_ins: SpecOptIns,
    ) -> Result<SmtRewardRules, SmtRulesError> {
        validate_windows(
            params.cashout_window_seconds,
            params.reverse_auction_window_seconds,
        )?;
        validate_regeneration(
            params.vote_regeneration_period_seconds,
            params.votes_per_regeneration_period,
        )?;
        if u32::from(params.percent_curation_rewards) > STEEM_100_PERCENT {
            return Err(SmtRulesError::PercentCuration(
                params.percent_curation_rewards,
            ));
        }
        if globals.reverse_auction_seconds == 0 {
            return Err(SmtRulesError::ZeroReverseAuction);
        }
        if u32::from(globals.downvote_pool_percent) > STEEM_100_PERCENT {
            return Err(SmtRulesError::DownvotePoolPercent(
                globals.downvote_pool_percent,
            ));
        }
        let mut fund_view = Rules::for_era(Era::SteemHf21);
        fund_view.author_curve = params.author_reward_curve;
        fund_view.curation_curve = params.curation_reward_curve;
        fund_view.content_constant = params.content_constant;
        fund_view.percent_curation_rewards = params.percent_curation_rewards;
        fund_view.recent_claims_decay_seconds = STEEM_RECENT_RSHARES_DECAY_TIME_HF19;
        fund_view.reset_recent_claims_after_decay_time = false;
        // reward_comment has no dust check: a payout of any size is paid.
        fund_view.min_payout_sbd = 0;
        Ok(SmtRewardRules {
            params,
            globals,
            opt_ins,
            fund_view,
        })
    }

    /// The token's runtime parameters.
    pub fn params(&self) -> &SmtRuntimeParams {
        &self.params
    }

    /// The chain globals the token's votes read.
    pub fn globals(&self) -> &SmtChainGlobals {
        &self.globals
    }

    /// The opt-ins (all off = the chain code).
    pub fn opt_ins(&self) -> &SpecOptIns {
        &self.opt_ins
    }

    /// Seconds from a post's creation to its cashout: the comment's STEEM cashout window
    /// (7 days), or the token's with [`SpecOptIns::token_windows`].
    pub fn cashout_window_seconds(&self) -> u32 {
        if self.opt_ins.token_windows {
            self.params.cashout_window_seconds
        } else {
            STEEM_CASHOUT_WINDOW_SECONDS
        }
    }

    /// The reverse-auction window the curation discount divides by, seconds: the global
    /// `dgpo.reverse_auction_seconds`, or the token's with [`SpecOptIns::token_windows`]
    /// (0 there means no discount).
    pub fn reverse_auction_seconds(&self) -> u32 {
        if self.opt_ins.token_windows {
            self.params.reverse_auction_window_seconds
        } else {
            self.globals.reverse_auction_seconds
        }
    }

    /// The STEEM-shaped view of the token's fund for [`crate::mechanics::reward_fund`].
    pub(crate) fn fund_view(&self) -> &Rules {
        &self.fund_view
    }
}

/// `smt_param_windows_v1` validation: ra + 43200 (u32, wrapping) < cashout ≤ 604800.
fn validate_windows(cashout: u32, reverse_auction: u32) -> Result<(), SmtRulesError> {
    // uint32 + int in C++: the sum wraps in 32 bits before it is widened.
    let sum = u64::from(reverse_auction.wrapping_add(SMT_UPVOTE_LOCKOUT));
    if sum >= u64::from(cashout) {
        return Err(SmtRulesError::WindowsOverlap { sum, cashout });
    }
    if cashout > SMT_VESTING_WITHDRAW_INTERVAL_SECONDS {
        return Err(SmtRulesError::CashoutWindowTooLong(cashout));
    }
    Ok(())
}

/// `smt_param_vote_regeneration_period_seconds_v1` validation.
fn validate_regeneration(period: u32, votes: u32) -> Result<(), SmtRulesError> {
    if period == 0 || period > SMT_VESTING_WITHDRAW_INTERVAL_SECONDS {
        return Err(SmtRulesError::RegenerationPeriod(period));
    }
    if votes == 0 || votes > SMT_MAX_VOTES_PER_REGENERATION {
        return Err(SmtRulesError::VotesPerPeriod(votes));
    }
    // N ≤ 7000 and period ≤ 604800: the u32 sum cannot overflow (as the chain notes).
    let nominal = (votes * 86_400).div_ceil(period);
    if nominal > SMT_MAX_NOMINAL_VOTES_PER_DAY {
        return Err(SmtRulesError::NominalVotesPerDay(nominal));
    }
    Ok(())
}
