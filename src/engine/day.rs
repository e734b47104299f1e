//! Per-day accumulators and the statistics that turn them into a [`DayRow`].

use super::comparison::MoodStats;
use super::world::World;
use crate::behaviour::population::{Strategy, ABSENT, CURATOR};
use crate::metrics::{spearman, DayRow, Inequality, PayoutHistogram};

/// What happened during one day, accumulated step by step and block by block.
#[derive(Debug, Clone, Default)]
pub struct DayStats {
    /// STEEM value of all new tokens (content + stakers + DAO + producers), milli-STEEM.
    pub minted_steem: i64,
    /// To the reward fund, milli-STEEM.
    pub minted_content: i64,
    /// To the vesting fund, milli-STEEM.
    pub minted_stakers: i64,
    /// To the DAO, milli-STEEM (paid as SBD).
    pub minted_dao: i64,
    /// To producers, milli-STEEM.
    pub minted_witnesses: i64,
    /// Last block's inflation rate, basis points.
    pub inflation_rate: i64,
    /// Posts created.
    pub posts: u64,
    /// Votes accepted.
    pub votes: u64,
    /// Votes rejected by the chain's rules.
    pub votes_rejected: u64,
    /// Accounts that posted today.
    pub active_authors: u64,
    /// Accounts that voted today.
    pub active_curators: u64,
    /// Posts cashed out.
    pub posts_cashed_out: u64,
    /// Author rewards per paid post, milli-STEEM.
    pub author_rewards: Vec<i64>,
    /// Per post cashed out: its quality (0..=1) and its payout (author + curators),
    /// milli-STEEM.
    pub cashouts: Vec<(f32, i64)>,
    /// The posts cashed out by their reward (`reward`), in payout bins.
    pub payouts: PayoutHistogram,
    /// Curation paid, milli-STEEM.
    pub paid_curators: i64,
    /// Returned to the fund, milli-STEEM.
    pub returned: i64,
    /// Σ rshares of accepted upvotes.
    pub upvote_rshares: i128,
    /// Of which self-votes.
    pub self_vote_rshares: i128,
    /// Of which paid votes (bought from vote sellers).
    pub paid_vote_rshares: i128,
    /// Of which trail votes (copied from a trail follower's leader).
    pub trail_vote_rshares: i128,
    /// Σ |rshares| of accepted downvotes.
    pub downvote_rshares: i128,
    /// Votes bought.
    pub votes_bought: u64,
    /// STEEM paid for bought votes, milli-STEEM.
    pub bids_paid: i64,
    /// Accounts that took another strategy at the day's end.
    pub strategy_switches: u64,
    /// Accounts that entered or left the vote market at the day's end.
    pub market_switches: u64,
    /// Leases of stake to vote sellers started or taken back by choice at the day's end.
    pub lease_switches: u64,
    /// Paid by vote sellers to the stakeholders leasing them stake, milli-STEEM (SBD at
    /// the feed price).
    pub lease_paid: i64,
    /// STEEM paid by power downs, milli-STEEM.
    pub powered_down: i64,
    /// STEEM powered up, milli-STEEM.
    pub powered_up: i64,
}

impl DayStats {
    /// Records one post's cashout: the post's `quality`, its `reward`, and what went to the
    /// author, to curators and back to the fund, milli-STEEM.
    pub fn record_cashout(
        &mut self,
        quality: f32,
        reward: i64,
        author: i64,
        curators: i64,
        returned: i64,
    ) {
        self.posts_cashed_out += 1;
        self.cashouts.push((quality, author + curators));
        self.payouts.record(reward);
        if reward > 0 {
            self.author_rewards.push(author);
        }
        self.paid_curators += curators;
        self.returned += returned;
    }

    /// The day's row, with the world's state at the end of the day; `sbd_in_steem` is the
    /// SBD supply's value at the feed, milli-STEEM; `stake` the inequality of VESTS over
    /// the accounts present at the end of the day.
    pub fn into_row(
        mut self,
        replicate: u32,
        day: u32,
        world: &World,
        sbd_in_steem: i64,
        mood: &MoodStats,
        stake: &Inequality,
    ) -> DayRow {
        let g = &world.globals;
        let accounts_powering_down = world.withdrawal_queue.len() as u64;
        let inequality = Inequality::of(&mut self.author_rewards);
        let mix = strategy_mix(world);
        let (quality, payout): (Vec<f64>, Vec<f64>) = self
            .cashouts
            .iter()
            .map(|&(q, p)| (f64::from(q), p as f64))
            .unzip();
        DayRow {
            replicate,
            day,
            head_block: g.head_block,
            inflation_rate_bp: self.inflation_rate,
            supply_steem: g.current_supply,
            supply_sbd: g.current_sbd_supply,
            virtual_supply_steem: g.current_supply + sbd_in_steem,
            minted_steem: self.minted_steem,
            minted_content_steem: self.minted_content,
            minted_stakers_steem: self.minted_stakers,
            minted_dao_steem: self.minted_dao,
            minted_witnesses_steem: self.minted_witnesses,
            reward_balance_steem: g.reward_fund.reward_balance,
            recent_claims: g.reward_fund.recent_claims,
            vesting_fund_steem: g.vesting.total_vesting_fund_steem,
            vesting_shares_vests: g.vesting.total_vesting_shares,
            posts: self.posts,
            votes: self.votes,
            votes_rejected: self.votes_rejected,
            active_authors: self.active_authors,
            active_curators: self.active_curators,
            posts_cashed_out: self.posts_cashed_out,
            posts_paid: self.author_rewards.len() as u64,
            paid_authors_steem: i64::try_from(inequality.total).unwrap_or(i64::MAX),
            paid_curators_steem: self.paid_curators,
            returned_to_fund_steem: self.returned,
            self_vote_share: ratio(self.self_vote_rshares, self.upvote_rshares),
            paid_vote_share: ratio(self.paid_vote_rshares, self.upvote_rshares),
            trail_vote_share: ratio(self.trail_vote_rshares, self.upvote_rshares),
            downvote_share: ratio(self.downvote_rshares, self.upvote_rshares),
            votes_bought: self.votes_bought,
            bids_paid_steem: self.bids_paid,
            leased_steem: world
                .globals
                .vesting
                .vests_to_steem(world.bid_market.leases.leased_vests())
                .unwrap_or(i64::MAX),
            lease_paid_steem: self.lease_paid,
            lease_switches: self.lease_switches,
            strategy_switches: self.strategy_switches,
            market_switches: self.market_switches,
            curators_honest: mix[Strategy::Honest.index()],
            curators_self_voter: mix[Strategy::SelfVoter.index()],
            curators_curation_maximiser: mix[Strategy::CurationMaximiser.index()],
            curators_vote_seller: mix[Strategy::VoteSeller.index()],
            curators_vote_buyer: mix[Strategy::VoteBuyer.index()],
            curators_downvoter: mix[Strategy::Downvoter.index()],
            curators_trail_follower: mix[Strategy::TrailFollower.index()],
            gini_author_rewards: inequality.gini,
            top1_share_author_rewards: inequality.top1,
            top10_share_author_rewards: inequality.top10,
            accounts_powering_down,
            powered_down_steem: self.powered_down,
            powered_up_steem: self.powered_up,
            accounts_present: mood.present,
            accounts_left: mood.left,
            accounts_compared: mood.compared,
            envy_index: if mood.compared > 0 {
                mood.envy_sum / mood.compared as f64
            } else {
                0.0
            },
            inspiration_index: if mood.compared > 0 {
                mood.inspiration_sum / mood.compared as f64
            } else {
                0.0
            },
            mean_satisfaction: mood.mean_satisfaction,
            satisfaction_q1: mood.satisfaction_by_quartile[0],
            satisfaction_q2: mood.satisfaction_by_quartile[1],
            satisfaction_q3: mood.satisfaction_by_quartile[2],
            satisfaction_q4: mood.satisfaction_by_quartile[3],
            gini_stake: stake.gini,
            top1_share_stake: stake.top1,
            top10_share_stake: stake.top10,
            nakamoto_stake: stake.nakamoto,
            gini_account_rewards: mood.earnings.gini,
            quality_payout_correlation: Some(spearman(&quality, &payout))
                .filter(|rho| !rho.is_nan()),
        }
    }
}

fn ratio(part: i128, whole: i128) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Shares of the present curators by strategy, in the order of [`Strategy::ALL`] (0 when
/// there are none).
fn strategy_mix(world: &World) -> [f64; Strategy::ALL.len()] {
    let a = &world.accounts;
    let mut counts = [0u64; Strategy::ALL.len()];
    for (r, s) in a.roles.iter().zip(&a.strategy) {
        if r & (ABSENT | CURATOR) == CURATOR {
            counts[s.index()] += 1;
        }
    }
    let total: u64 = counts.iter().sum();
    counts.map(|c| {
        if total > 0 {
            c as f64 / total as f64
        } else {
            0.0
        }
    })
}
