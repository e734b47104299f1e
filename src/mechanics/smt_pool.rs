//! One Steem SMT's Proof-of-Brain rewards as steemit/steem `master` computes them (last SMT
//! change 2020-02-08; never activated on mainnet): votes, curation weights, the token's
//! reward fund and its vesting fund, pure and exact to the token satoshi.
//!
//! * [`rules`]: [`SmtRewardRules`] from [`SmtRuntimeParams`] (`smt_token_object` defaults),
//!   validated as `smt_set_runtime_parameters_operation::validate`; [`SpecOptIns`].
//! * [`vote`]: [`SmtVoter`] and [`cast_vote`] / [`cast_vote_rshares`], the voter side of
//!   `generic_vote_evaluator` as `vote2_evaluator` calls it for a token.
//! * [`post`]: [`SmtPost`] (`rshare_context`), [`add_vote`] (rshare sums and curation
//!   weight) and [`vote()`] (both sides, atomically).
//! * [`fund`]: [`SmtRewardFund`] and [`SmtBlockCashout`] (`process_comment_rewards`,
//!   `reward_comment`, `reward_curators`; `reward_fund`'s snapshot, `get_rshare_reward`
//!   and settle, `payout::curators::pay_curators_into`), [`process_block`].
//! * [`vesting`]: [`SmtVestingFund`] (ballast, `get_vesting_share_price`,
//!   `get_reward_vesting_share_price`, `create_vesting2`, `claim_reward_balance2`,
//!   emissions to `$vesting`).
//!
//! Units: token amounts are token satoshis (10^-precision); vesting shares, mana and
//! rshares are the token's vesting satoshis (10^6 per token satoshi at the initial price);
//! claims are u128; times are u32 seconds since the epoch; percentages basis points.
//!
//! **Where the chain code differs from the SMT manual / reference, and what we do.** The
//! chain code wins by default (as in [`super::smt_emission`]); a manual behaviour is
//! available only through an explicit [`SpecOptIns`] flag, all off by default.
//!
//! 1. *Windows are stored, not read.* A post's cashout time is the comment's STEEM one
//!    (created + 7 days), not created + the token's `cashout_window_seconds`, and the
//!    reverse auction divides by the global `dgpo.reverse_auction_seconds` (300 s since
//!    HF21), not the token's `reverse_auction_window_seconds` (default 900 s). Opt-in:
//!    [`SpecOptIns::token_windows`].
//! 2. *`allow_downvotes` is stored, not read*: downvotes always pass. Opt-in:
//!    [`SpecOptIns::honour_allow_downvotes`].
//! 3. *Curation weight subtracts the STEEM curve point.* `generic_vote_evaluator` takes
//!    `old_vote_rshares` from the comment object — its STEEM `vote_rshares` — and the new
//!    point from the token's `rshare_context`: weight = W(V_token after) − W(V_steem) in
//!    wrapping u64. On a post nobody votes with STEEM every vote weighs W(V after), the
//!    *cumulative* curve, so later voters earn more than the manual's increment
//!    W(V after) − W(V before). The sum of such weights can wrap `total_vote_weight` (u64)
//!    on curves near 2^64 (bounded, quadratic), and then curators are paid more than the
//!    curation share, from the fund. [`SmtPost::steem_vote_rshares`] carries V_steem.
//!    Opt-in: [`SpecOptIns::curation_from_token_rshares`].
//! 4. *Votes ask for rshares.* `vote2` names rshares per token, capped at
//!    ⌈mana / N⌉ (a downvote at the larger of that and ⌈downvote_mana·10000 / (N·P)⌉);
//!    [`cast_vote`] turns a weight into the request the way `vote_evaluator` does for STEEM
//!    at the SMT hardfork. The global dust threshold (50 000 000) and 12 h lockout scaling
//!    apply to SMT votes too, and a request eaten whole by the dust is still curation-
//!    eligible (eligibility reads the requested rshares).
//! 5. *Decay only when something is due.* The token's `recent_claims` decays only in blocks
//!    where one of its posts pays out, linearly over the whole gap since
//!    `last_reward_update` (u128, wrapping past 15 days); a new token starts at
//!    recent_claims 0 and `last_reward_update` 0, so its first paying block splits the
//!    whole `reward_balance` among that block's posts.
//! 6. *Payout.* No dust minimum; `max_accepted_payout` is honoured in token satoshis (cast
//!    to u64 as the chain does); every author, curator and beneficiary reward is vested to
//!    the pending reward balance at the reward vesting price, in the order curators
//!    (weight descending, voter ascending), beneficiaries, author. Unclaimed curation
//!    (rounding, the reverse-auction discount, or all of it when the post does not allow
//!    curation) stays in `reward_balance`. The token's rshares are not reset after payout
//!    (the comment leaves the cashout queue; [`SmtPost::paid`]).
//! 7. *Vesting price.* Until launch sets the ballast (0.1% of supply) the price is the
//!    initial 10^6 shares per token satoshi whatever the fund holds, so `$vesting`
//!    emissions raise share value only once a ballast exists.
//!
//! Not modelled here: whether the token may be voted on a post (`allowed_vote_assets`,
//! `allow_voting`), vote edits, delegations and power down (which only change the
//! [`SmtVoter::vesting`] balances), and the chain's overwrite of the comment's STEEM
//! rshares with the token's after an SMT payout (`process_comment_rewards`).
//!
//! Invariants: integers only; nothing panics on any input (where the chain asserts or its
//! int64 would overflow, an error); per block, `reward_balance` before + emissions =
//! `reward_balance` after + Σ claimed, and each post's claimed = curators + beneficiaries +
//! author = what its recipients vest.

pub mod fund;
pub mod post;
pub mod rules;
pub mod vesting;
pub mod vote;

pub use fund::{
    process_block, SmtBlockCashout, SmtDuePost, SmtPayoutBuffers, SmtPayoutError, SmtPostPayout,
    SmtRewardFund, SmtVestedReward,
};
pub use post::{add_vote, vote, SmtPost, SmtVoteApplied};
pub use rules::{
    SmtChainGlobals, SmtRewardRules, SmtRulesError, SmtRuntimeParams, SpecOptIns,
    SMT_DEFAULT_PERCENT_CURATION_REWARDS, SMT_DEFAULT_VOTES_PER_REGEN_PERIOD,
    SMT_MAX_NOMINAL_VOTES_PER_DAY, SMT_MAX_VOTES_PER_REGENERATION, SMT_UPVOTE_LOCKOUT,
    SMT_VESTING_WITHDRAW_INTERVAL_SECONDS, STEEM_CONTENT_CONSTANT_HF0,
};
pub use vesting::{SmtVestingFund, SMT_BALLAST_SUPPLY_PERCENT, SMT_INITIAL_VESTING_PER_UNIT};
pub use vote::{cast_vote, cast_vote_rshares, SmtVoteOutcome, SmtVoteRejection, SmtVoter};

#[cfg(test)]
mod tests;
