//! Chain constants, named as in `steem/protocol/config.hpp` (Hive uses the same values with a
//! `HIVE_` prefix). Every value is in the chain's own unit, given in each doc line.

/// 100% in basis points (`STEEM_100_PERCENT`).
pub const STEEM_100_PERCENT: u32 = 10_000;
/// Seconds per block (`STEEM_BLOCK_INTERVAL`).
pub const STEEM_BLOCK_INTERVAL: u32 = 3;
/// Blocks per year (`STEEM_BLOCKS_PER_YEAR` = 365·24·3600/3).
pub const STEEM_BLOCKS_PER_YEAR: i64 = 10_512_000;
/// Content constant `s` of the convergent and quadratic curves, in rshares
/// (`STEEM_CONTENT_CONSTANT_HF0` = `STEEM_CONTENT_CONSTANT_HF21`).
pub const STEEM_CONTENT_CONSTANT_HF21: u128 = 2_000_000_000_000;
/// Seconds for an empty voting manabar to refill (`STEEM_VOTING_MANA_REGENERATION_SECONDS`).
pub const STEEM_VOTING_MANA_REGENERATION_SECONDS: u32 = 432_000;
/// Mana (VESTS satoshis) subtracted from every HF20+ vote, rejected below it pre-HF20
/// (`STEEM_VOTE_DUST_THRESHOLD`).
pub const STEEM_VOTE_DUST_THRESHOLD: i64 = 50_000_000;
/// Downvote pool as a share of the voting manabar from HF21, basis points
/// (`STEEM_DOWNVOTE_POOL_PERCENT_HF21`).
pub const STEEM_DOWNVOTE_POOL_PERCENT_HF21: u16 = 2_500;
/// `vote_power_reserve_rate` before HF19 (`STEEM_INITIAL_VOTE_POWER_RATE`).
pub const STEEM_INITIAL_VOTE_POWER_RATE: u32 = 40;
/// `vote_power_reserve_rate` from HF19 (`STEEM_REDUCED_VOTE_POWER_RATE`).
pub const STEEM_REDUCED_VOTE_POWER_RATE: u32 = 10;
/// Seconds before cashout in which upvotes are locked out or reduced (`STEEM_UPVOTE_LOCKOUT_SECONDS`).
pub const STEEM_UPVOTE_LOCKOUT_SECONDS: u32 = 43_200;
/// Seconds a voter must wait between votes from HF11 until Hive HF26 (`STEEM_MIN_VOTE_INTERVAL_SEC`).
pub const STEEM_MIN_VOTE_INTERVAL_SEC: u32 = 3;
/// Reverse auction window of HF6–HF19, seconds (`STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF6`).
pub const STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF6: u32 = 1_800;
/// Reverse auction window of HF20, seconds (`STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF20`).
pub const STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF20: u32 = 900;
/// Reverse auction window from HF21, seconds (`STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF21`).
pub const STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF21: u32 = 300;
/// Full-weight curation window of Hive HF25, seconds (`HIVE_EARLY_VOTING_SECONDS_HF25`).
pub const HIVE_EARLY_VOTING_SECONDS_HF25: u32 = 86_400;
/// Half-weight curation window of Hive HF25 after the early one, seconds
/// (`HIVE_MID_VOTING_SECONDS_HF25`).
pub const HIVE_MID_VOTING_SECONDS_HF25: u32 = 172_800;
/// Seconds from creation to payout from HF17 (`STEEM_CASHOUT_WINDOW_SECONDS`).
pub const STEEM_CASHOUT_WINDOW_SECONDS: u32 = 604_800;
/// recent_claims decay time of HF17–HF18, seconds (`STEEM_RECENT_RSHARES_DECAY_TIME_HF17`).
pub const STEEM_RECENT_RSHARES_DECAY_TIME_HF17: u32 = 30 * 24 * 3600;
/// recent_claims decay time from HF19, seconds (`STEEM_RECENT_RSHARES_DECAY_TIME_HF19`).
pub const STEEM_RECENT_RSHARES_DECAY_TIME_HF19: u32 = 15 * 24 * 3600;
/// recent_claims set at HF17 (mainnet), claims (`STEEM_HF_17_RECENT_CLAIMS`).
pub const STEEM_HF_17_RECENT_CLAIMS: u128 = 14_916_744_862_149_894_120_447_332_012_073;
/// recent_claims set at HF19, claims (`STEEM_HF_19_RECENT_CLAIMS`).
pub const STEEM_HF_19_RECENT_CLAIMS: u128 = 140_797_515_942_543_623;
/// recent_claims set at HF21, claims (`STEEM_HF21_CONVERGENT_LINEAR_RECENT_CLAIMS`).
pub const STEEM_HF21_CONVERGENT_LINEAR_RECENT_CLAIMS: u128 = 503_600_561_838_938_636;
/// Smallest payout worth paying, milli-SBD (`STEEM_MIN_PAYOUT_SBD` = 0.020 SBD).
pub const STEEM_MIN_PAYOUT_SBD: i64 = 20;
/// Default `max_accepted_payout` of a comment, milli-SBD (1,000,000.000 SBD).
pub const DEFAULT_MAX_ACCEPTED_PAYOUT: i64 = 1_000_000_000;
/// Inflation rate at block 0, basis points per year (`STEEM_INFLATION_RATE_START_PERCENT`).
pub const STEEM_INFLATION_RATE_START_PERCENT: i64 = 978;
/// Floor of the inflation rate, basis points per year (`STEEM_INFLATION_RATE_STOP_PERCENT`).
pub const STEEM_INFLATION_RATE_STOP_PERCENT: i64 = 95;
/// Blocks per 0.01 percentage-point step down of inflation (`STEEM_INFLATION_NARROWING_PERIOD`).
pub const STEEM_INFLATION_NARROWING_PERIOD: i64 = 250_000;
/// Share of new tokens to content rewards HF16–HF20, basis points (`STEEM_CONTENT_REWARD_PERCENT_HF16`).
pub const STEEM_CONTENT_REWARD_PERCENT_HF16: u16 = 7_500;
/// Share of new tokens to content rewards from HF21, basis points (`STEEM_CONTENT_REWARD_PERCENT_HF21`).
pub const STEEM_CONTENT_REWARD_PERCENT_HF21: u16 = 6_500;
/// Share of new tokens to the vesting fund, basis points (`STEEM_VESTING_FUND_PERCENT_HF16`).
pub const STEEM_VESTING_FUND_PERCENT_HF16: u16 = 1_500;
/// Share of new tokens to the DAO (SPS / DHF) from HF21, basis points (`STEEM_PROPOSAL_FUND_PERCENT_HF21`).
pub const STEEM_PROPOSAL_FUND_PERCENT_HF21: u16 = 1_000;
/// Weekly power-down payments from HF16 (`STEEM_VESTING_WITHDRAW_INTERVALS`).
pub const STEEM_VESTING_WITHDRAW_INTERVALS: u32 = 13;
/// Weekly power-down payments from Steem HF23 (`STEEM_VESTING_WITHDRAW_INTERVALS_HF_23`).
pub const STEEM_VESTING_WITHDRAW_INTERVALS_HF_23: u32 = 4;
/// Seconds between power-down payments (`STEEM_VESTING_WITHDRAW_INTERVAL_SECONDS`).
pub const STEEM_VESTING_WITHDRAW_INTERVAL_SECONDS: u32 = 604_800;
/// Witnesses scheduled per round (`STEEM_MAX_WITNESSES`: 20 elected + 1 timeshare).
pub const STEEM_MAX_WITNESSES: u32 = 21;
