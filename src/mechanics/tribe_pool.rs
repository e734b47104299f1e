//! One Hive-Engine tribe reward pool, exact to the unit: the `comments` smart contract of
//! hive-engine/hivesmartcontracts (`contracts/comments.js`, last changed in c94c3d2,
//! 2023-06-01; line numbers below refer to that version), run with bignumber.js 8.1.1 at
//! `DECIMAL_PLACES: 20` and the default HALF_UP rounding (`libs/SmartContracts.js`).
//!
//! * [`config`]: [`PoolConfig`], validated as `createRewardPool` validates it.
//! * [`voting_power`]: [`VotingPower`] per account per pool, a vote's rshares and power.
//! * [`vote`]: [`PostState`], [`process_vote`] (curation weight, re-votes, mutes,
//!   bootstrap claims) and [`post_claims`].
//! * [`pool`]: [`PoolState`] and one maintenance interval (reduction, mint, claims decay,
//!   the window's claims, the snapshot).
//! * [`payout`]: [`PoolState::pay_post`], every transfer of one post's payout.
//! * [`bignumber`]: bignumber.js's rounding on integers.
//!
//! Units: token amounts are integers of 10^-precision tokens ("token units"); rshares,
//! claims and curation weights are integers of 10^-10 (the contract's `SMT_PRECISION`
//! decimals), rshares measured in staked tokens (one token at 100% and full power casts
//! one rshare); times are block times in milliseconds, as the contract keeps them.
//!
//! Invariants: integers only, except the power curve's doubles inside
//! [`power_claims_of_decimal`](crate::mechanics::power_curve::power_claims_of_decimal);
//! no function panics on valid input (amounts up to the tokens contract's largest supply);
//! `pool before + minted = pool after + Σ deducted` per interval and
//! `deducted + overdrawn = Σ payments + withheld` per post, exactly.
//!
//! Where the contract surprised us, we follow it (each also documented where it acts):
//!
//! * `payUser` truncates the staked part to the quantity's own decimal places, not the
//!   token's precision (line 117): 1.500 at 50% pays 0.7 staked + 0.8 liquid.
//! * With an app tax and no beneficiaries, the tax is paid on top of the author's full
//!   share (`payOutBeneficiaries` returns 0, line 168): payouts exceed the deduction.
//! * Voting power regenerates floored at every vote and the timestamp moves anyway, so
//!   fractions of a point are lost (lines 1056–1064).
//! * Bootstrap claims (votes in the first 2·cashout+1 days) are added to Q at vote time
//!   and the same post's claims are added again when its window comes (line 1164 and
//!   lines 484–490); downvotes in that period subtract nothing.
//! * `rewardPool` grows by `rewardPerInterval` whether or not `issueToContract` succeeded
//!   (line 469); the tokens contract's max supply is not modelled here.
//!
//! Not modelled here (the engine's): which posts join the pool (tags), maintenance timing
//! (once per block on the first comment/vote, two pools per block) and the per-round
//! limits, which change when payouts happen but not their amounts.

pub mod bignumber;
pub mod config;
pub mod payout;
pub mod pool;
pub mod vote;
pub mod voting_power;

pub use config::{
    max_supply_units, PoolConfig, PoolConfigError, PoolConfigParams, RewardReduction, DAY_MS,
    MAX_SUPPLY_TOKENS, MAX_TOKEN_PRECISION,
};
pub use payout::{
    pay_user_split, Beneficiary, CuratorVote, Payment, PaymentRole, PostPayout, PostPayoutInput,
};
pub use pool::{ClaimsWindow, IntervalStep, PoolState};
pub use vote::{
    curation_claims, post_claims, process_vote, PostState, Vote, VoteIgnored, VoteOutcome,
};
pub use voting_power::{
    CastPower, VotingPower, MAX_VOTING_POWER, MAX_WEIGHT, RSHARE_UNITS_PER_RSHARE,
};

#[cfg(test)]
mod tests;
