//! The rows of the result tables. Each struct is the only place its table's columns are
//! named: the CSV header is derived from the field names by serde, in field order.
//!
//! Units: token amounts in milli-STEEM (`_steem`), milli-SBD (`_sbd`) or VESTS satoshis
//! (`_vests`); recent_claims in claims units (u128, written as an integer); shares in 0..=1.

use std::sync::OnceLock;

use serde::Serialize;

use crate::behaviour::population::Strategy;

/// One day of one community pool in one replicate (a row of `pools.csv`). Flows are totals
/// over the day; stocks are the state at the end of the day. Token amounts are integers of
/// the pool's smallest unit (`_units`, 10^-precision tokens); base-token values are
/// milli-STEEM (`_steem`) at the pool's price, an estimate (prices are behaviour).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolDayRow {
    /// Replicate number (0-based).
    pub replicate: u32,
    /// Day number; day 0 is the first day after the warm-up.
    pub day: u32,
    /// The token's symbol (`[pools.NAME]`).
    pub pool: String,
    /// The pool's family (`tribe`).
    pub family: &'static str,
    /// Decimal places of the token: `_units` columns are 10^-precision tokens.
    pub precision: u32,
    /// The token's price during the day, base tokens (STEEM) per token.
    pub price: f64,
    /// Tokens minted into the reward pool over the day, token units.
    pub minted_units: u128,
    /// Paid to authors over the day, token units.
    pub paid_authors_units: u128,
    /// Paid to curators over the day, token units.
    pub paid_curators_units: u128,
    /// Paid to authors and curators over the day at the day's price, milli-STEEM.
    pub paid_value_steem: i64,
    /// The reward pool (`rewardPool`) at the end of the day, token units.
    pub reward_pool_units: u128,
    /// The pool's steady state e·D/Δ (smt-and-tribes.md §3.4) at today's issuance, token
    /// units.
    pub steady_state_pool_units: u128,
    /// `reward_pool_units` ÷ `steady_state_pool_units` (1 = the steady state).
    pub reward_pool_fill: f64,
    /// `pendingClaims` at the end of the day, claims.
    pub pending_claims: f64,
    /// Posts that joined the pool.
    pub posts_joined: u64,
    /// Posts the pool paid out.
    pub posts_paid: u64,
    /// Votes the pool counted.
    pub votes: u64,
    /// Liquid tokens holders sold at the day's end, token units.
    pub sold_units: u128,
    /// What the sellers received, milli-STEEM.
    pub sold_value_steem: i64,
    /// Staked tokens held by accounts at the end of the day, token units.
    pub staked_units: u128,
    /// Liquid tokens held by accounts at the end of the day, token units.
    pub liquid_units: u128,
    /// Present members with a stake.
    pub holders: u64,
    /// Gini coefficient of the present members' stakes, 0..=1.
    pub gini_stake: f64,
    /// Goods sold in the cooperative market at full price, token units (0 without one).
    pub coop_sales_units: u128,
    /// Of which the community fund paid (the members' discount), token units.
    pub coop_subsidy_units: u128,
    /// Members who bought goods.
    pub coop_buyers: u64,
    /// The community fund at the end of the day, token units.
    pub coop_fund_units: u128,
}

/// One simulated day of one replicate (`timeseries.csv`). Flows (`minted_*`, `paid_*`,
/// `posts`, `votes`, …) are totals over the day; stocks (`supply_steem`, `reward_balance_steem`,
/// …) are the state at the end of the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayRow {
    /// Replicate number (0-based).
    pub replicate: u32,
    /// Day number; day 0 is the first day after the warm-up.
    pub day: u32,
    /// The chain's head block number at the end of the day.
    pub head_block: u32,
    /// Current inflation rate at the end of the day, basis points per year.
    pub inflation_rate_bp: i64,
    /// STEEM in existence (`current_supply`), milli-STEEM.
    pub supply_steem: i64,
    /// SBD in existence (`current_sbd_supply`), milli-SBD.
    pub supply_sbd: i64,
    /// `virtual_supply` (STEEM + SBD at the feed), milli-STEEM.
    pub virtual_supply_steem: i64,
    /// New tokens over the day (`new_steem`: content + stakers + DAO + producers; the DAO's
    /// part is paid as SBD at the feed), milli-STEEM.
    pub minted_steem: i64,
    /// Of which to the reward fund (content rewards), milli-STEEM.
    pub minted_content_steem: i64,
    /// Of which to the vesting fund (stakers' interest), milli-STEEM.
    pub minted_stakers_steem: i64,
    /// Of which to the DAO (`sps_fund`), milli-STEEM.
    pub minted_dao_steem: i64,
    /// Of which to block producers (witnesses), milli-STEEM.
    pub minted_witnesses_steem: i64,
    /// Reward fund `reward_balance` at the end of the day, milli-STEEM.
    pub reward_balance_steem: i64,
    /// Reward fund `recent_claims` at the end of the day.
    pub recent_claims: u128,
    /// STEEM in the vesting fund (`total_vesting_fund_steem`), milli-STEEM.
    pub vesting_fund_steem: i64,
    /// VESTS in existence (`total_vesting_shares`), VESTS satoshis.
    pub vesting_shares_vests: i64,
    /// Posts created.
    pub posts: u64,
    /// Votes accepted by the chain's rules.
    pub votes: u64,
    /// Votes the chain's rules rejected (mana, dust, cashout, lockout, …).
    pub votes_rejected: u64,
    /// Accounts that posted at least once.
    pub active_authors: u64,
    /// Accounts that cast at least one accepted vote.
    pub active_curators: u64,
    /// Posts that cashed out.
    pub posts_cashed_out: u64,
    /// Of which paid a reward above zero.
    pub posts_paid: u64,
    /// Author rewards paid (STEEM value of SBD + liquid + vested parts), milli-STEEM.
    pub paid_authors_steem: i64,
    /// Curation rewards paid (vested), milli-STEEM.
    pub paid_curators_steem: i64,
    /// Rewards returned to the fund (HF20+ unclaimed curation), milli-STEEM.
    pub returned_to_fund_steem: i64,
    /// Share of accepted vote rshares that were self-votes (0..=1).
    pub self_vote_share: f64,
    /// Share of accepted upvote rshares that were bought from vote sellers (0..=1;
    /// evidence.md C7–C8).
    pub paid_vote_share: f64,
    /// Share of accepted upvote rshares cast by trail followers copying their leaders
    /// (0..=1; docs/model.md §7).
    pub trail_vote_share: f64,
    /// Downvote rshares as a share of upvote rshares (≥ 0).
    pub downvote_share: f64,
    /// Votes bought from vote sellers.
    pub votes_bought: u64,
    /// Paid for them (liquid STEEM and SBD at the feed price, moved from buyers to
    /// sellers), milli-STEEM.
    pub bids_paid_steem: i64,
    /// STEEM value of the VESTS leased (delegated) to vote sellers at the day's end,
    /// milli-STEEM.
    pub leased_steem: i64,
    /// Paid by vote sellers to the stakeholders leasing them stake (`[bid_bots]
    /// delegator_share` of their bid income, pro rata), milli-STEEM (SBD at the feed).
    pub lease_paid_steem: i64,
    /// Leases started or taken back by the stakeholders' choice at the day's end.
    pub lease_switches: u64,
    /// Accounts that took a better-earning peer's strategy at the day's end
    /// (`[adaptation]`).
    pub strategy_switches: u64,
    /// Accounts that entered or left the vote market at the day's end (`[bid_bots]
    /// entry_rate`).
    pub market_switches: u64,
    /// Share of the present curators using the honest strategy at the day's end.
    pub curators_honest: f64,
    /// Same, self_voter.
    pub curators_self_voter: f64,
    /// Same, curation_maximiser.
    pub curators_curation_maximiser: f64,
    /// Same, vote_seller.
    pub curators_vote_seller: f64,
    /// Same, vote_buyer.
    pub curators_vote_buyer: f64,
    /// Same, downvoter.
    pub curators_downvoter: f64,
    /// Same, trail_follower.
    pub curators_trail_follower: f64,
    /// Gini coefficient of author rewards over the posts paid that day (0..=1).
    pub gini_author_rewards: f64,
    /// Share of the day's author rewards taken by the top 1% of paid posts.
    pub top1_share_author_rewards: f64,
    /// Share of the day's author rewards taken by the top 10% of paid posts.
    pub top10_share_author_rewards: f64,
    /// Accounts powering down at the end of the day.
    pub accounts_powering_down: u64,
    /// STEEM paid out by power downs over the day, milli-STEEM.
    pub powered_down_steem: i64,
    /// STEEM powered up over the day, milli-STEEM.
    pub powered_up_steem: i64,
    /// Accounts that have not left, at the end of the day.
    pub accounts_present: u64,
    /// Accounts that left during the day.
    pub accounts_left: u64,
    /// Accounts that were active and compared their earnings with their group's.
    pub accounts_compared: u64,
    /// Envy index: mean over the accounts that compared of tanh(envy / reward scale), 0..1
    /// (0 = nobody envious; docs/model.md §5).
    pub envy_index: f64,
    /// Inspiration index: mean over the accounts that compared of the pull of far larger
    /// accounts' leads, 0..=`[envy] inspiration` (docs/model.md §5).
    pub inspiration_index: f64,
    /// Mean satisfaction (−1..=1) of the accounts present.
    pub mean_satisfaction: f64,
    /// Mean satisfaction of the accounts that compared, in the lowest quartile of their own
    /// visible earnings.
    pub satisfaction_q1: f64,
    /// Same, second quartile.
    pub satisfaction_q2: f64,
    /// Same, third quartile.
    pub satisfaction_q3: f64,
    /// Same, highest quartile.
    pub satisfaction_q4: f64,
    /// Gini coefficient of stake over the accounts present at the end of the day (0..=1);
    /// stake = VESTS held (`vesting_shares`, Steem Power), zero balances included.
    pub gini_stake: f64,
    /// Share of the present accounts' VESTS held by the top 1% of them by VESTS: the
    /// ⌈1% of the count⌉ largest, at least one account.
    pub top1_share_stake: f64,
    /// Same, top 10% (⌈10% of the count⌉ accounts, at least one).
    pub top10_share_stake: f64,
    /// Nakamoto coefficient of stake: the fewest present accounts whose VESTS together
    /// exceed half of all present accounts' VESTS (accounts; 0 if they hold none).
    pub nakamoto_stake: u64,
    /// Gini coefficient (0..=1) over the accounts present at the end of the day of the
    /// author + curation rewards each earned that day (zeros included).
    pub gini_account_rewards: f64,
    /// Spearman rank correlation (−1..=1, ties at their average rank) between the quality of
    /// the posts cashed out that day and their payout (author + curators, zero payouts
    /// included); empty with fewer than 2 posts or when either side is constant.
    pub quality_payout_correlation: Option<f64>,
}

/// The final state of one account (`accounts.csv`). Earnings cover the measured days only
/// (the warm-up is excluded).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountRow {
    /// Replicate number (0-based).
    pub replicate: u32,
    /// Account id (0-based, dense).
    pub account: u32,
    /// Roles joined by `+` (author, curator, stakeholder), or `none`.
    pub roles: &'static str,
    /// The curator strategy (a `[behaviour.strategies]` key such as `honest` or
    /// `trail_follower`), or empty for non-curators.
    pub strategy: &'static str,
    /// Author quality (0..=1).
    pub quality: f64,
    /// Initial stake, milli-STEEM.
    pub initial_stake_steem: i64,
    /// VESTS held at the end, VESTS satoshis.
    pub vesting_shares_vests: i64,
    /// Their STEEM value at the final vesting share price, milli-STEEM.
    pub steem_power_steem: i64,
    /// VESTS it delegates (leases) to others at the end (`delegated_vesting_shares`,
    /// including an ended lease's VESTS on their way back), VESTS satoshis; part of
    /// `vesting_shares_vests`.
    pub delegated_vests: i64,
    /// VESTS delegated (leased) to it at the end (`received_vesting_shares`), VESTS
    /// satoshis; not part of `vesting_shares_vests`.
    pub received_vests: i64,
    /// Liquid STEEM at the end, milli-STEEM.
    pub liquid_steem: i64,
    /// SBD at the end, milli-SBD.
    pub sbd: i64,
    /// Author rewards received, milli-STEEM (STEEM value at payout).
    pub author_rewards_steem: i64,
    /// Curation rewards received, milli-STEEM.
    pub curation_rewards_steem: i64,
    /// Staking interest: growth of the STEEM value of held VESTS from the vesting fund's
    /// share of inflation, milli-STEEM (final VESTS value − STEEM vested in; can be a few
    /// milli-STEEM below 0 from the chain's rounding down when vesting).
    pub staking_interest_steem: i64,
    /// Producer (witness) rewards received, milli-STEEM.
    pub witness_rewards_steem: i64,
    /// Posts written.
    pub posts: u64,
    /// Votes accepted.
    pub votes: u64,
    /// Envy weight α (Fehr–Schmidt).
    pub alpha: f64,
    /// Guilt weight β (Fehr–Schmidt).
    pub beta: f64,
    /// Satisfaction at the end (−1..=1).
    pub satisfaction: f64,
    /// Economic ties at the end: upvotes by others on the account's last post to cash out.
    pub ties: u32,
    /// Present followers at the end (accounts still present that follow it).
    pub followers: u32,
    /// Day the account left (negative in the warm-up); empty if it stayed.
    pub left_day: Option<i32>,
}

/// Retention of one arrival cohort at one age (`cohorts.csv`). A cohort is the initial
/// population or the accounts that arrived in one block of 30 days; an account is counted
/// when its age reaches the row's age (so the last ages of late cohorts are partial).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortRow {
    /// Replicate number (0-based).
    pub replicate: u32,
    /// `initial`, or `arrived A..B` (days, inclusive; negative in the warm-up).
    pub cohort: String,
    /// First day of the cohort's arrivals (empty for the initial population).
    pub arrived_from_day: Option<i64>,
    /// Last day of the cohort's arrivals (empty for the initial population).
    pub arrived_to_day: Option<i64>,
    /// Age at measurement, days since arrival (the initial population's since the start of
    /// the warm-up).
    pub age_days: u32,
    /// Accounts of the cohort that reached this age during the run.
    pub accounts: u64,
    /// Share of them not left at that age (0..=1).
    pub present_share: f64,
    /// Share of them active at least once in the 30 days before that age (0..=1).
    pub active_share: f64,
}

/// One post that cashed out (`posts.csv`, on request).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostRow {
    /// Replicate number (0-based).
    pub replicate: u32,
    /// Post id (0-based, in creation order).
    pub post: u64,
    /// Author's account id.
    pub author: u32,
    /// Day the post was created (negative during the warm-up).
    pub created_day: i64,
    /// Creation time, seconds since the start of the warm-up.
    pub created_seconds: u32,
    /// Quality of the post (0..=1).
    pub quality: f64,
    /// Accepted votes.
    pub votes: u32,
    /// `net_rshares` at cashout.
    pub net_rshares: i64,
    /// The post's reward (`reward`), milli-STEEM.
    pub reward_steem: i64,
    /// Author's share, milli-STEEM.
    pub author_steem: i64,
    /// Paid to curators, milli-STEEM.
    pub curators_steem: i64,
    /// Returned to the fund, milli-STEEM.
    pub returned_steem: i64,
}

/// One bin of the distribution of the posts' payouts over a replicate's measured days
/// (`payouts.csv`): the posts cashed out during those days (the posts `posts.csv` would
/// hold) whose reward — the post's total reward at cashout, [`PostRow::reward_steem`] —
/// lies in `low_steem..high_steem`. Bins are 1-2-5 per decade of milli-STEEM (`[1, 2)`,
/// `[2, 5)`, `[5, 10)`, `[10, 20)`, …), plus the zero bin `low_steem = high_steem = 0`
/// holding the posts paid exactly 0; see [`super::payouts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PayoutBinRow {
    /// Replicate number (0-based).
    pub replicate: u32,
    /// Lower edge of the bin, inclusive, milli-STEEM; 0 for the zero bin.
    pub low_steem: i64,
    /// Upper edge of the bin, exclusive, milli-STEEM; 0 for the zero bin (which holds the
    /// posts paid exactly 0). The highest possible bin, from 5·10^18, ends at `i64::MAX`
    /// (included, since 10^19 does not fit).
    pub high_steem: i64,
    /// Posts cashed out during the measured days with a reward in the bin.
    pub posts: u64,
    /// Sum of those posts' rewards, milli-STEEM.
    pub reward_steem: i64,
}

/// One check of a calibration target against the model (`calibration.csv`, written by
/// `rewardsim calibrate --out`): targets are evidence.md §2's C1–C10; a target may have
/// several checks (C4's range and its gap below C3; C5 under two eras and its direction).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationRow {
    /// Target id, `C1` … `C10`.
    pub target: &'static str,
    /// What is compared, and in which unit (a share 0..=1, or points = share × 100).
    pub description: &'static str,
    /// The target's range as evidence.md states it (e.g. `0.80–0.95`, `≥ 0.95`, `< 0.05`);
    /// empty when not modelled.
    pub range: String,
    /// The model's value (mean over the replicates); empty when not modelled or not
    /// measurable in this run.
    pub value: Option<f64>,
    /// The preset runs the value comes from, `+`-joined (e.g. `steem-hf17+steem-hf19`).
    pub presets: String,
    /// `yes`, `no`, `not modelled`, or `no data` (the runs cannot measure it, e.g. too
    /// short for C9).
    pub in_range: &'static str,
    /// Why not modelled or no data, or how the value is measured.
    pub note: &'static str,
}

/// The column of `strategy`'s curation return in `summary.csv`:
/// `curation_return_<name>_per_year`, `<name>` its [`Strategy::name`]. Every strategy of
/// [`Strategy::ALL`] has one, so a strategy added there gets its column without more code.
pub fn curation_return_column(strategy: Strategy) -> &'static str {
    static COLUMNS: OnceLock<Vec<&'static str>> = OnceLock::new();
    COLUMNS.get_or_init(|| {
        // Made once per process (a few hundred bytes), kept to the end like the literals
        // of the other columns.
        Strategy::ALL
            .iter()
            .map(|s| &*format!("curation_return_{}_per_year", s.name()).leak())
            .collect()
    })[strategy.index()]
}

/// Declares a row struct whose CSV columns are its fields, in order, followed by one column
/// per strategy of [`Strategy::ALL`] taken from an array field (`[T; Strategy::ALL.len()]`)
/// and named by a function of the strategy. serde's derive cannot do this (the csv crate
/// writes no nested or flattened values), so the `Serialize` impl is generated here from
/// the same field list: the struct is still the only place its columns are named.
macro_rules! row_with_strategy_columns {
    (
        $(#[$meta:meta])*
        pub struct $row:ident {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty, )*
        }
        per strategy {
            $(#[$per_meta:meta])* pub $per:ident : $per_ty:ty => $column:path,
        }
    ) => {
        $(#[$meta])*
        pub struct $row {
            $( $(#[$field_meta])* pub $field: $ty, )*
            $(#[$per_meta])* pub $per: [$per_ty; Strategy::ALL.len()],
        }

        impl Serialize for $row {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let fields = [$(stringify!($field)),*].len();
                let mut out =
                    serializer.serialize_struct(stringify!($row), fields + Strategy::ALL.len())?;
                $( out.serialize_field(stringify!($field), &self.$field)?; )*
                for (strategy, value) in Strategy::ALL.into_iter().zip(&self.$per) {
                    out.serialize_field($column(strategy), value)?;
                }
                out.end()
            }
        }
    };
}

row_with_strategy_columns! {
/// One replicate over its measured days (`summary.csv`): a row per replicate. Means per
/// day are over the measured days; statistics named `_start` are taken at the start of
/// day 0 (after the warm-up), `_end` at the end of the last day. Shares are 0..=1,
/// amounts as in [`DayRow`]; undefined values are empty.
///
/// To add a column: add the field here (in the place it should appear in the file) and
/// fill it where the row is made, `RunStats::summary` in `src/engine/run_stats.rs`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunSummaryRow {
    /// Replicate number (0-based).
    pub replicate: u32,
    /// Measured days.
    pub days: u32,
    /// Posts created per day (mean over the days).
    pub mean_posts_per_day: f64,
    /// Accepted votes per day (mean).
    pub mean_votes_per_day: f64,
    /// Accounts that posted, per day (mean).
    pub mean_active_authors_per_day: f64,
    /// Accounts that cast an accepted vote, per day (mean).
    pub mean_active_curators_per_day: f64,
    /// Share of the run's accepted upvote rshares that were self-votes: Σ self-vote rshares
    /// ÷ Σ upvote rshares over the run (rshares-weighted, not a mean of daily shares).
    pub self_vote_share: f64,
    /// Share of the run's accepted upvote rshares bought from vote sellers: Σ ÷ Σ over the
    /// run, as `self_vote_share` (evidence C7–C8).
    pub paid_vote_share: f64,
    /// Downvote rshares ÷ upvote rshares over the run (Σ ÷ Σ, ≥ 0).
    pub downvote_share: f64,
    /// Posts that paid a reward above zero over the run.
    pub posts_paid: u64,
    /// Author rewards paid over the run, milli-STEEM.
    pub paid_authors_steem: i64,
    /// Gini coefficient of author rewards over all the run's paid posts (0..=1; the
    /// posts of all days pooled, not a mean of daily values).
    pub gini_author_rewards: f64,
    /// Share of the run's author rewards taken by the top 1% of its paid posts (⌈1%⌉ of
    /// them, at least one).
    pub top1_share_author_rewards: f64,
    /// Same, top 5% (evidence C3/C4 are stated for the top 5%).
    pub top5_share_author_rewards: f64,
    /// Same, top 10%.
    pub top10_share_author_rewards: f64,
    /// Mean over the days of `quality_payout_correlation` (days where it is defined; empty
    /// if none): does a post's quality rank predict its payout's rank within its day?
    pub mean_quality_payout_correlation: Option<f64>,
    /// Gini coefficient of each account's author + curation rewards over the run, over the
    /// accounts present at some time in the measured days (arrived, and not left during the
    /// warm-up; zeros included).
    pub gini_account_rewards: f64,
    /// Share of those rewards earned by the top 1% of those accounts.
    pub top1_share_account_rewards: f64,
    /// Same, top 10%.
    pub top10_share_account_rewards: f64,
    /// Stake (VESTS) Gini over the accounts present at the start (as `gini_stake`).
    pub gini_stake_start: f64,
    /// Top-1% share of stake at the start.
    pub top1_share_stake_start: f64,
    /// Top-10% share of stake at the start.
    pub top10_share_stake_start: f64,
    /// Nakamoto coefficient of stake at the start, accounts.
    pub nakamoto_stake_start: u64,
    /// Stake Gini at the end (= the last day's `gini_stake`).
    pub gini_stake_end: f64,
    /// Top-1% share of stake at the end.
    pub top1_share_stake_end: f64,
    /// Top-10% share of stake at the end.
    pub top10_share_stake_end: f64,
    /// Nakamoto coefficient of stake at the end, accounts.
    pub nakamoto_stake_end: u64,
    /// Accounts present at the start (arrived, not left).
    pub accounts_present_start: u64,
    /// Accounts present at the end (= the last day's `accounts_present`).
    pub accounts_present_end: u64,
    /// Retention: share of the accounts present at the start that are still present at
    /// the end (0..=1; empty if none were present).
    pub retention: Option<f64>,
    /// Mean over the days of `envy_index`.
    pub mean_envy_index: f64,
    /// Mean over the days of `inspiration_index`.
    pub mean_inspiration_index: f64,
    /// Mean over the days of `mean_satisfaction`.
    pub mean_satisfaction: f64,
    /// Mean over the days of `satisfaction_q1` (lowest earners).
    pub mean_satisfaction_q1: f64,
    /// Mean over the days of `satisfaction_q2`.
    pub mean_satisfaction_q2: f64,
    /// Mean over the days of `satisfaction_q3`.
    pub mean_satisfaction_q3: f64,
    /// Mean over the days of `satisfaction_q4` (highest earners).
    pub mean_satisfaction_q4: f64,
    /// Community-token rewards (every `[pools]` pool) paid over the run, valued at each
    /// day's price, milli-STEEM (0 without pools).
    pub community_paid_value_steem: i64,
    /// What holders received for community tokens sold over the run, milli-STEEM.
    pub community_sold_value_steem: i64,
    /// Goods bought in cooperative markets over the run, at the day's price, milli-STEEM.
    pub community_coop_value_steem: i64,
    /// Mean over the pools of (last day's price ÷ first day's price); empty without pools.
    pub community_price_ratio: Option<f64>,
}
    per strategy {
        /// Curation return of each strategy, per year: Σ over the measured days of the
        /// curation rewards (milli-STEEM) earned that day by the present curators holding
        /// the strategy that day ÷ Σ over the same days of their stake at the day's end
        /// (STEEM value of their VESTS, milli-STEEM), × 365. A fraction of stake per year
        /// (0.05 = 5%), simple (not compounded); empty when no curator held the strategy.
        /// Columns `curation_return_<strategy>_per_year`, in the order of [`Strategy::ALL`].
        pub curation_return_per_year: Option<f64> => curation_return_column,
    }
}
