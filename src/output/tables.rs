//! The CSV tables of a run: `timeseries.csv` ([`DayRow`]), `accounts.csv` ([`AccountRow`]),
//! `cohorts.csv` ([`CohortRow`]), `payouts.csv` ([`PayoutBinRow`]), `summary.csv`
//! ([`RunSummaryRow`], one row per replicate) and `posts.csv` ([`PostRow`]). Columns come only from the row structs (serde field
//! names, in field order); this module names none. Rows of all replicates follow each
//! other in replicate order.
//!
//! A table with no rows is an empty file: the header is taken from the first row.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use serde::Serialize;

use super::OutputError;
use crate::engine::RunResult;
use crate::metrics::{
    AccountRow, CohortRow, DayRow, PayoutBinRow, PoolDayRow, PostRow, RunSummaryRow,
};

/// File name of the per-day table.
pub const TIMESERIES: &str = "timeseries.csv";
/// File name of the per-account table.
pub const ACCOUNTS: &str = "accounts.csv";
/// File name of the retention-by-cohort table.
pub const COHORTS: &str = "cohorts.csv";
/// File name of the distribution of the posts' payouts.
pub const PAYOUTS: &str = "payouts.csv";
/// File name of the per-replicate summary table.
pub const SUMMARY: &str = "summary.csv";
/// File name of the per-post table.
pub const POSTS: &str = "posts.csv";
/// File name of the per-day, per-community-pool table (written when the scenario has
/// `[pools]`).
pub const POOLS: &str = "pools.csv";

/// Writes `rows` (row structs, references to them, or tuples of them: a tuple's columns are
/// its members' in order) as CSV to `path`, header first.
pub fn write_csv<R: Serialize>(
    path: &Path,
    rows: impl IntoIterator<Item = R>,
) -> Result<(), OutputError> {
    let csv_error = |source| OutputError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let file = File::create(path).map_err(|source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    let mut writer = csv::Writer::from_writer(BufWriter::new(file));
    for row in rows {
        writer.serialize(row).map_err(csv_error)?;
    }
    writer.flush().map_err(|source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    let file = writer
        .into_inner()
        .map_err(|e| OutputError::Write {
            path: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?
        .into_inner()
        .map_err(|e| OutputError::Write {
            path: path.to_path_buf(),
            source: e.into_error(),
        })?;
    file.sync_all().map_err(|source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `timeseries.csv`, `accounts.csv`, `cohorts.csv`, `payouts.csv`, `summary.csv`,
/// `pools.csv` when there are community pools and, when `posts` is set, `posts.csv` into
/// `folder`.
pub fn write_all(folder: &Path, results: &[RunResult], posts: bool) -> Result<(), OutputError> {
    write_csv::<&DayRow>(
        &folder.join(TIMESERIES),
        results.iter().flat_map(|r| &r.days),
    )?;
    write_csv::<&AccountRow>(
        &folder.join(ACCOUNTS),
        results.iter().flat_map(|r| &r.accounts),
    )?;
    write_csv::<&CohortRow>(
        &folder.join(COHORTS),
        results.iter().flat_map(|r| &r.cohorts),
    )?;
    write_csv::<&PayoutBinRow>(
        &folder.join(PAYOUTS),
        results.iter().flat_map(|r| &r.payouts),
    )?;
    write_csv::<&RunSummaryRow>(&folder.join(SUMMARY), results.iter().map(|r| &r.summary))?;
    if posts {
        write_csv::<&PostRow>(&folder.join(POSTS), results.iter().flat_map(|r| &r.posts))?;
    }
    if results.iter().any(|r| !r.pools.is_empty()) {
        write_csv::<&PoolDayRow>(&folder.join(POOLS), results.iter().flat_map(|r| &r.pools))?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::behaviour::population::Strategy;

    /// A day row with every field distinct, for tests of every output.
    pub(crate) fn day_row(replicate: u32, day: u32) -> DayRow {
        let d = i64::from(day);
        DayRow {
            replicate,
            day,
            head_block: 35_000_000 + day * 28_800,
            inflation_rate_bp: 800,
            supply_steem: 400_000_000_000 + d * 200_000_000,
            supply_sbd: 10_000_000_000,
            virtual_supply_steem: 440_000_000_000 + d * 200_000_000,
            minted_steem: 90_000_000 + d * 1_000,
            minted_content_steem: 58_500_000,
            minted_stakers_steem: 13_500_000,
            minted_dao_steem: 9_000_000,
            minted_witnesses_steem: 9_000_000 + d * 1_000,
            reward_balance_steem: 800_000_000 + d * 1_000_000,
            recent_claims: 400_000_000_000_000_000_000 + u128::from(day),
            vesting_fund_steem: 200_000_000_000,
            vesting_shares_vests: 400_000_000_000_000,
            posts: 1_000 + u64::from(day),
            votes: 20_000,
            votes_rejected: 30,
            active_authors: 600,
            active_curators: 1_500,
            posts_cashed_out: 990,
            posts_paid: 800,
            paid_authors_steem: 40_000_000 + d * 500_000,
            paid_curators_steem: 14_000_000 - d * 100_000,
            returned_to_fund_steem: 100_000,
            self_vote_share: 0.125,
            paid_vote_share: 0.0625,
            trail_vote_share: 0.25,
            downvote_share: 0.03125,
            votes_bought: 40 + u64::from(day),
            bids_paid_steem: 60_000 + d,
            leased_steem: 5_000_000,
            lease_paid_steem: 4_000,
            lease_switches: 2,
            strategy_switches: 7,
            market_switches: 3,
            curators_honest: 0.5,
            curators_self_voter: 0.125,
            curators_curation_maximiser: 0.125,
            curators_vote_seller: 0.0625,
            curators_vote_buyer: 0.125,
            curators_downvoter: 0.0625,
            curators_trail_follower: 0.0,
            gini_author_rewards: 0.8 - 0.005 * f64::from(day),
            top1_share_author_rewards: 0.2,
            top10_share_author_rewards: 0.6 + 0.002 * f64::from(day),
            accounts_powering_down: 12,
            powered_down_steem: 1_000_000,
            powered_up_steem: 2_000_000,
            accounts_present: 1_990 - u64::from(day),
            accounts_left: 1,
            accounts_compared: 200,
            envy_index: 0.25,
            inspiration_index: 0.125,
            mean_satisfaction: -0.5,
            satisfaction_q1: -0.75,
            satisfaction_q2: -0.5,
            satisfaction_q3: -0.25,
            satisfaction_q4: 0.0,
            gini_stake: 0.96,
            top1_share_stake: 0.5 + 0.001 * f64::from(day),
            top10_share_stake: 0.875,
            nakamoto_stake: 14 + u64::from(day),
            gini_account_rewards: 0.9,
            quality_payout_correlation: (day > 0).then_some(0.25),
        }
    }

    /// A summary row with every field distinct, for tests of every output.
    pub(crate) fn summary_row(replicate: u32) -> RunSummaryRow {
        let r = f64::from(replicate);
        RunSummaryRow {
            replicate,
            days: 5,
            mean_posts_per_day: 1_002.0,
            mean_votes_per_day: 20_000.5,
            mean_active_authors_per_day: 600.25,
            mean_active_curators_per_day: 1_500.0 + r,
            self_vote_share: 0.0625,
            paid_vote_share: 0.125,
            downvote_share: 0.015625,
            posts_paid: 4_000,
            paid_authors_steem: 201_000_000,
            gini_author_rewards: 0.75,
            top1_share_author_rewards: 0.125,
            top5_share_author_rewards: 0.375,
            top10_share_author_rewards: 0.5,
            mean_quality_payout_correlation: Some(0.25 - r / 8.0),
            gini_account_rewards: 0.875,
            top1_share_account_rewards: 0.3,
            top10_share_account_rewards: 0.7,
            gini_stake_start: 0.96,
            top1_share_stake_start: 0.5,
            top10_share_stake_start: 0.875,
            nakamoto_stake_start: 14,
            gini_stake_end: 0.95,
            top1_share_stake_end: 0.504,
            top10_share_stake_end: 0.875,
            nakamoto_stake_end: 18,
            accounts_present_start: 2_000,
            accounts_present_end: 1_986,
            retention: (replicate == 0).then_some(0.99),
            mean_envy_index: 0.25,
            mean_inspiration_index: 0.125,
            mean_satisfaction: -0.5,
            mean_satisfaction_q1: -0.75,
            mean_satisfaction_q2: -0.5,
            mean_satisfaction_q3: -0.25,
            mean_satisfaction_q4: 0.0,
            community_paid_value_steem: 12_345,
            community_sold_value_steem: 678,
            community_coop_value_steem: 9,
            community_price_ratio: Some(0.5),
            // Strategy k earns k/32 of its stake a year; the second one has no curators.
            curation_return_per_year: std::array::from_fn(|k| (k != 1).then_some(k as f64 / 32.0)),
        }
    }

    #[test]
    fn timeseries_header_and_rows_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(TIMESERIES);
        write_csv(&path, &[day_row(0, 0), day_row(1, 2)]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "replicate,day,head_block,inflation_rate_bp,supply_steem,supply_sbd,\
                 virtual_supply_steem,minted_steem,minted_content_steem,minted_stakers_steem,\
                 minted_dao_steem,minted_witnesses_steem,reward_balance_steem,recent_claims,\
                 vesting_fund_steem,vesting_shares_vests,posts,votes,votes_rejected,\
                 active_authors,active_curators,posts_cashed_out,posts_paid,\
                 paid_authors_steem,paid_curators_steem,returned_to_fund_steem,\
                 self_vote_share,paid_vote_share,trail_vote_share,downvote_share,\
                 votes_bought,bids_paid_steem,leased_steem,lease_paid_steem,lease_switches,\
                 strategy_switches,market_switches,curators_honest,\
                 curators_self_voter,curators_curation_maximiser,curators_vote_seller,\
                 curators_vote_buyer,curators_downvoter,curators_trail_follower,\
                 gini_author_rewards,top1_share_author_rewards,\
                 top10_share_author_rewards,accounts_powering_down,powered_down_steem,\
                 powered_up_steem,accounts_present,accounts_left,accounts_compared,\
                 envy_index,inspiration_index,mean_satisfaction,satisfaction_q1,\
                 satisfaction_q2,satisfaction_q3,satisfaction_q4,gini_stake,top1_share_stake,\
                 top10_share_stake,nakamoto_stake,gini_account_rewards,\
                 quality_payout_correlation",
                "0,0,35000000,800,400000000000,10000000000,440000000000,90000000,58500000,\
                 13500000,9000000,9000000,800000000,400000000000000000000,200000000000,\
                 400000000000000,1000,20000,30,600,1500,990,800,40000000,14000000,100000,\
                 0.125,0.0625,0.25,0.03125,40,60000,5000000,4000,2,7,3,0.5,0.125,0.125,0.0625,0.125,\
                 0.0625,0.0,0.8,0.2,0.6,12,1000000,2000000,1990,1,200,0.25,0.125,-0.5,-0.75,\
                 -0.5,-0.25,0.0,0.96,0.5,0.875,14,0.9,",
                "1,2,35057600,800,400400000000,10000000000,440400000000,90002000,58500000,\
                 13500000,9000000,9002000,802000000,400000000000000000002,200000000000,\
                 400000000000000,1002,20000,30,600,1500,990,800,41000000,13800000,100000,\
                 0.125,0.0625,0.25,0.03125,42,60002,5000000,4000,2,7,3,0.5,0.125,0.125,0.0625,0.125,\
                 0.0625,0.0,0.79,0.2,0.604,12,1000000,2000000,1988,1,200,0.25,0.125,-0.5,-0.75,\
                 -0.5,-0.25,0.0,0.96,0.502,0.875,16,0.9,0.25",
            ]
        );
    }

    #[test]
    fn accounts_header_snapshot_and_optional_posts() {
        let dir = tempfile::tempdir().unwrap();
        let account = AccountRow {
            replicate: 0,
            account: 7,
            roles: "author+curator",
            strategy: "honest",
            quality: 0.5,
            initial_stake_steem: 1_000,
            vesting_shares_vests: 2_000_000,
            steem_power_steem: 1_001,
            delegated_vests: 300_000,
            received_vests: 0,
            liquid_steem: 100,
            sbd: 5,
            author_rewards_steem: 10,
            curation_rewards_steem: 3,
            staking_interest_steem: 1,
            witness_rewards_steem: 0,
            posts: 2,
            votes: 9,
            alpha: 0.5,
            beta: 0.25,
            satisfaction: -0.125,
            ties: 4,
            followers: 12,
            left_day: None,
        };
        let result = RunResult {
            replicate: 0,
            cohorts: vec![],
            days: vec![day_row(0, 0)],
            accounts: vec![account],
            posts: vec![],
            payouts: vec![],
            pools: vec![],
            summary: summary_row(0),
        };
        write_all(dir.path(), &[result], false).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(ACCOUNTS)).unwrap(),
            "replicate,account,roles,strategy,quality,initial_stake_steem,\
             vesting_shares_vests,steem_power_steem,delegated_vests,received_vests,\
             liquid_steem,sbd,author_rewards_steem,\
             curation_rewards_steem,staking_interest_steem,witness_rewards_steem,posts,votes,\
             alpha,beta,satisfaction,ties,followers,left_day\n\
             0,7,author+curator,honest,0.5,1000,2000000,1001,300000,0,100,5,10,3,1,0,2,9,0.5,0.25,\
             -0.125,4,12,\n"
        );
        assert!(!dir.path().join(POSTS).exists());
    }

    #[test]
    fn payouts_header_and_rows_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let bin = |replicate, low_steem, high_steem, posts, reward_steem| PayoutBinRow {
            replicate,
            low_steem,
            high_steem,
            posts,
            reward_steem,
        };
        let results: Vec<RunResult> = (0..2)
            .map(|replicate| RunResult {
                replicate,
                payouts: vec![
                    bin(replicate, 0, 0, 7, 0),
                    bin(replicate, 1_000, 2_000, 2, 3_500),
                    bin(replicate, 2_000, 5_000, 0, 0),
                    bin(replicate, 5_000, 10_000, 1, 9_999),
                ],
                ..RunResult::default()
            })
            .collect();
        write_all(dir.path(), &results, false).unwrap();
        let text = std::fs::read_to_string(dir.path().join(PAYOUTS)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + 8);
        assert_eq!(
            lines[..5],
            [
                "replicate,low_steem,high_steem,posts,reward_steem",
                "0,0,0,7,0",
                "0,1000,2000,2,3500",
                "0,2000,5000,0,0",
                "0,5000,10000,1,9999",
            ]
        );
        assert_eq!(lines[5], "1,0,0,7,0");
    }

    #[test]
    fn summary_header_and_rows_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let results: Vec<RunResult> = (0..2)
            .map(|replicate| RunResult {
                replicate,
                summary: summary_row(replicate),
                ..RunResult::default()
            })
            .collect();
        write_all(dir.path(), &results, false).unwrap();
        let text = std::fs::read_to_string(dir.path().join(SUMMARY)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // One column per strategy, after the fixed ones, whatever the strategies are.
        let strategies = || Strategy::ALL.into_iter().enumerate();
        let columns: String = strategies()
            .map(|(_, s)| format!(",curation_return_{}_per_year", s.name()))
            .collect();
        let values: String = strategies()
            .map(|(k, _)| match k {
                1 => ",".to_string(),
                k => format!(",{:?}", k as f64 / 32.0),
            })
            .collect();
        assert_eq!(
            lines,
            [
                "replicate,days,mean_posts_per_day,mean_votes_per_day,\
                 mean_active_authors_per_day,mean_active_curators_per_day,self_vote_share,\
                 paid_vote_share,downvote_share,\
                 posts_paid,paid_authors_steem,gini_author_rewards,top1_share_author_rewards,\
                 top5_share_author_rewards,top10_share_author_rewards,\
                 mean_quality_payout_correlation,gini_account_rewards,\
                 top1_share_account_rewards,top10_share_account_rewards,gini_stake_start,\
                 top1_share_stake_start,top10_share_stake_start,nakamoto_stake_start,\
                 gini_stake_end,top1_share_stake_end,top10_share_stake_end,\
                 nakamoto_stake_end,accounts_present_start,accounts_present_end,retention,\
                 mean_envy_index,mean_inspiration_index,mean_satisfaction,mean_satisfaction_q1,\
                 mean_satisfaction_q2,mean_satisfaction_q3,mean_satisfaction_q4,\
                 community_paid_value_steem,community_sold_value_steem,\
                 community_coop_value_steem,community_price_ratio"
                    .to_string()
                    + &columns,
                "0,5,1002.0,20000.5,600.25,1500.0,0.0625,0.125,0.015625,4000,201000000,0.75,\
                 0.125,0.375,0.5,0.25,0.875,0.3,0.7,0.96,0.5,0.875,14,0.95,0.504,0.875,18,\
                 2000,1986,0.99,0.25,0.125,-0.5,-0.75,-0.5,-0.25,0.0,12345,678,9,0.5"
                    .to_string()
                    + &values,
                "1,5,1002.0,20000.5,600.25,1501.0,0.0625,0.125,0.015625,4000,201000000,0.75,\
                 0.125,0.375,0.5,0.125,0.875,0.3,0.7,0.96,0.5,0.875,14,0.95,0.504,0.875,18,\
                 2000,1986,,0.25,0.125,-0.5,-0.75,-0.5,-0.25,0.0,12345,678,9,0.5"
                    .to_string()
                    + &values,
            ]
        );
    }
}
