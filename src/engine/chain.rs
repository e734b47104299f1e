//! Block processing, in the chain's order for each block (`database::_apply_block` after the
//! block's transactions): `process_funds` (inflation and its split, producer reward),
//! `process_comment_cashout` (recent_claims decay every block, then the posts due),
//! `process_vesting_withdrawals` (weekly power-down payments), and finally every owner
//! claims its vested rewards (`claim_reward_balance`, assumed immediate).
//!
//! Every amount comes from [`crate::mechanics`]; this module only moves it between balances.

use super::day::DayStats;
use super::world::{VoteRecord, World};
use super::EngineError;
use crate::behaviour::population::Strategy;
use crate::mechanics::inflation::{
    process_funds, scheduled_witness_reward, InflationSchedule, InflationSplit,
};
use crate::mechanics::payout::{BlockCashout, Market, PostTerms};
use crate::mechanics::power_down::{weekly_withdrawal, PowerDown, PowerDownRules};
use crate::metrics::PostRow;
use crate::scenario::Scenario;

pub use crate::behaviour::plan::BLOCK_SECONDS;
/// Producers in a round (`STEEM_MAX_WITNESSES`).
pub const WITNESSES: usize = crate::mechanics::constants::STEEM_MAX_WITNESSES as usize;
/// Schedule weight of an elected producer.
const ELECTED_WEIGHT: i64 = 1;
/// Schedule weight of the timeshare producer (the round's last slot here).
const TIMESHARE_WEIGHT: i64 = 5;
/// `witness_pay_normalization_factor`: 20 elected + 1 timeshare × 5.
const PAY_NORMALIZATION: i64 = 25;

/// What the blocks of a step need besides the world.
pub struct BlockContext<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Market for payouts.
    pub market: Market,
    /// Inflation schedule.
    pub schedule: InflationSchedule,
    /// Inflation split.
    pub split: InflationSplit,
    /// Power-down rules.
    pub power_down: PowerDownRules,
    /// Current day (negative in the warm-up).
    pub day: i64,
    /// Replicate number.
    pub replicate: u32,
    /// Seconds at which the measured days begin.
    pub measure_from: u32,
}

impl<'a> BlockContext<'a> {
    /// The context of `day` (negative in the warm-up) of `replicate` of `scenario`, whose
    /// measured days begin at `measure_from` seconds: the market, inflation and power-down
    /// rules taken from the scenario.
    pub fn new(scenario: &'a Scenario, day: i64, replicate: u32, measure_from: u32) -> Self {
        BlockContext {
            scenario,
            market: Market {
                price: scenario.market.price,
                sbd_print_rate: scenario.market.sbd_print_rate,
            },
            schedule: InflationSchedule::of(&scenario.rules),
            split: InflationSplit::of(&scenario.rules),
            power_down: PowerDownRules::of(&scenario.rules),
            day,
            replicate,
            measure_from,
        }
    }
}

/// The share (0..=1) of a post's positive rshares that did not come from others' free
/// choice: `author`'s own votes, and `bought` rshares of paid votes (never the author's:
/// a seller does not sell to itself).
fn unearned_vote_share(votes: &[VoteRecord], author: u32, bought: i64) -> f32 {
    let (mut own, mut all) = (i128::from(bought.max(0)), 0i128);
    for v in votes.iter().filter(|v| v.rshares > 0) {
        all += i128::from(v.rshares);
        if v.voter == author {
            own += i128::from(v.rshares);
        }
    }
    if all > 0 {
        (own.min(all) as f64 / all as f64) as f32
    } else {
        0.0
    }
}

/// The economic ties a post's votes give its author (Ba et al. 2022): upvotes by other
/// accounts (decided, bought or trailed); its own votes and downvotes tie it to nobody.
fn ties(votes: &[VoteRecord], author: u32) -> u32 {
    votes
        .iter()
        .filter(|v| v.rshares > 0 && v.voter != author)
        .count() as u32
}

fn mechanics_error(day: i64, what: impl std::fmt::Display) -> EngineError {
    EngineError::Mechanics {
        day,
        detail: what.to_string(),
    }
}

/// Produces the next block: advances time by 3 s and runs the block's processing.
pub fn apply_block(
    world: &mut World,
    ctx: &BlockContext<'_>,
    stats: &mut DayStats,
    posts_out: &mut Vec<PostRow>,
) -> Result<(), EngineError> {
    let g = &mut world.globals;
    g.head_block += 1;
    g.time += BLOCK_SECONDS;
    let day = ctx.day;
    process_block_funds(world, ctx, stats)?;
    cashout_due_posts(world, ctx, stats, posts_out)?;
    vesting_withdrawals(world, ctx, stats)?;
    world
        .globals
        .vesting
        .claim_all_pending()
        .map_err(|e| mechanics_error(day, e))
}

fn process_block_funds(
    world: &mut World,
    ctx: &BlockContext<'_>,
    stats: &mut DayStats,
) -> Result<(), EngineError> {
    let day = ctx.day;
    let g = &mut world.globals;
    let sbd_in_steem = ctx
        .market
        .price
        .to_steem(g.current_sbd_supply as u64)
        .map_err(|e| mechanics_error(day, e))?;
    let virtual_supply = g
        .current_supply
        .checked_add(sbd_in_steem as i64)
        .ok_or_else(|| mechanics_error(day, "virtual_supply overflows"))?;
    let block = process_funds(g.head_block, virtual_supply, ctx.schedule, ctx.split)
        .map_err(|e| mechanics_error(day, e))?;
    let slot = g.head_block as usize % WITNESSES;
    let weight = if slot == WITNESSES - 1 {
        TIMESHARE_WEIGHT
    } else {
        ELECTED_WEIGHT
    };
    let witness_reward = scheduled_witness_reward(block.witness_reward, weight, PAY_NORMALIZATION)
        .map_err(|e| mechanics_error(day, e))?;
    let dao_sbd = ctx
        .market
        .price
        .to_sbd(block.sps_fund as u64)
        .map_err(|e| mechanics_error(day, e))? as i64;
    g.reward_fund.reward_balance += block.content_reward;
    g.vesting.total_vesting_fund_steem += block.vesting_reward;
    let minted = block.content_reward + block.vesting_reward + witness_reward;
    g.current_supply += minted;
    g.current_sbd_supply += dao_sbd;
    g.dao_sbd += dao_sbd;
    world.minted_steem += minted;
    world.sbd_created += dao_sbd;
    let producer = world.witnesses[slot] as usize;
    let vests = g
        .vesting
        .create_vesting(witness_reward)
        .map_err(|e| mechanics_error(day, e))?;
    let a = &mut world.accounts;
    a.vesting_shares[producer] += vests;
    if g.time > ctx.measure_from {
        a.witness_rewards[producer] += witness_reward;
        a.vested_in[producer] += witness_reward;
    }
    stats.minted_steem += minted + block.sps_fund;
    stats.minted_content += block.content_reward;
    stats.minted_stakers += block.vesting_reward;
    stats.minted_dao += block.sps_fund;
    stats.minted_witnesses += witness_reward;
    stats.inflation_rate = block.current_inflation_rate;
    Ok(())
}

fn cashout_due_posts(
    world: &mut World,
    ctx: &BlockContext<'_>,
    stats: &mut DayStats,
    posts_out: &mut Vec<PostRow>,
) -> Result<(), EngineError> {
    let day = ctx.day;
    let rules = &ctx.scenario.rules;
    let now = world.globals.time;
    let posts = &world.posts;
    let first = posts.start;
    // Live posts are oldest first and a block is 3 s, so the due ones are the few at the
    // front: a scan finds them without a search over every live post.
    let due = match now.checked_sub(rules.cashout_window_seconds) {
        Some(cutoff) => posts.facts[first..]
            .iter()
            .take_while(|f| f.created <= cutoff)
            .count(),
        None => 0,
    };
    let due_range = first..first + due;
    let g = &mut world.globals;
    let elapsed = now - g.reward_fund_last_update;
    let mut block = BlockCashout::begin(
        &g.reward_fund,
        elapsed,
        posts.totals[due_range.clone()]
            .iter()
            .map(|t| t.net_rshares),
        rules,
    )
    .map_err(|e| mechanics_error(day, e))?;
    let measured = now > ctx.measure_from;
    let a = &mut world.accounts;
    let mut curators = Vec::new();
    let mut beneficiaries = Vec::new();
    for i in due_range {
        let totals = &posts.totals[i];
        let terms = PostTerms {
            percent_steem_dollars: ctx.scenario.market.percent_steem_dollars,
            ..PostTerms::default_options(totals.net_rshares, totals.total_vote_weight)
        };
        let votes = posts.votes[i].iter().map(|v| (v.voter, v.weight));
        let payout = block
            .pay(
                &terms,
                votes,
                &ctx.market,
                rules,
                &mut curators,
                &mut beneficiaries,
            )
            .map_err(|e| mechanics_error(day, e))?;
        for curator in &curators {
            let voter = curator.voter as usize;
            let vests = g
                .vesting
                .create_reward_vesting(curator.claim)
                .map_err(|e| mechanics_error(day, e))?;
            a.vesting_shares[voter] += vests;
            // Rewards count from the warm-up on (earnings feed the jealousy model);
            // `start_measuring` zeroes them at day 0.
            a.curation_rewards[voter] += curator.claim;
            if measured {
                a.vested_in[voter] += curator.claim;
            }
        }
        world.paid_per_rshare.add(payout.reward, totals.net_rshares);
        let author = posts.author[i] as usize;
        a.last_author_reward[author] = payout.reward;
        a.ties[author] = ties(&posts.votes[i], author as u32);
        a.unearned_share[author] =
            unearned_vote_share(&posts.votes[i], author as u32, posts.bought_rshares[i]);
        // Most posts pay nothing, and paying zero would change no balance: skip the author's
        // other entries rather than load them.
        if payout.reward > 0 {
            let parts = payout.author;
            let vests = g
                .vesting
                .create_reward_vesting(parts.vesting_steem)
                .map_err(|e| mechanics_error(day, e))?;
            a.vesting_shares[author] += vests;
            a.liquid[author] += parts.steem;
            a.sbd[author] += parts.sbd;
            if a.strategy[author] == Strategy::VoteBuyer {
                // The liquid part (STEEM, and the STEEM turned into SBD), partly reinvested.
                let liquid = parts.steem + parts.converted_to_sbd;
                let reinvest = ctx.scenario.bid_bots.reinvest_share;
                a.bid_budget[author] += (liquid as f64 * reinvest) as i64;
            }
            g.current_supply -= parts.converted_to_sbd;
            g.current_sbd_supply += parts.sbd;
            world.converted_to_sbd += parts.converted_to_sbd;
            world.sbd_created += parts.sbd;
            a.author_rewards[author] += payout.author_tokens_net;
            if measured {
                a.vested_in[author] += parts.vesting_steem;
            }
        }
        stats.record_cashout(
            posts.facts[i].quality,
            payout.reward,
            payout.author_tokens_net,
            payout.curators_paid,
            payout.returned_to_fund,
        );
        if ctx.scenario.output.posts_csv && measured {
            posts_out.push(PostRow {
                replicate: ctx.replicate,
                post: posts.base_id + i as u64,
                author: posts.author[i],
                created_day: (i64::from(posts.facts[i].created) - i64::from(ctx.measure_from))
                    .div_euclid(86_400),
                created_seconds: posts.facts[i].created,
                quality: f64::from(posts.facts[i].quality),
                votes: posts.votes[i].len() as u32,
                net_rshares: totals.net_rshares,
                reward_steem: payout.reward,
                author_steem: payout.author_tokens_net,
                curators_steem: payout.curators_paid,
                returned_steem: payout.returned_to_fund,
            });
        }
    }
    g.reward_fund = block.settle().map_err(|e| mechanics_error(day, e))?;
    g.reward_fund_last_update = now;
    world.posts.remove_oldest(due);
    Ok(())
}

fn vesting_withdrawals(
    world: &mut World,
    ctx: &BlockContext<'_>,
    stats: &mut DayStats,
) -> Result<(), EngineError> {
    let now = world.globals.time;
    while let Some(&(time, account)) = world.withdrawal_queue.first() {
        if time > now {
            break;
        }
        world.withdrawal_queue.pop_first();
        let a = &mut world.accounts;
        let i = account as usize;
        let state = PowerDown {
            vesting_withdraw_rate: a.vesting_withdraw_rate[i],
            to_withdraw: a.to_withdraw[i],
            withdrawn: a.withdrawn[i],
        };
        let vests = weekly_withdrawal(state, a.vesting_shares[i], ctx.power_down);
        let steem = world
            .globals
            .vesting
            .withdraw_vesting(vests)
            .map_err(|e| mechanics_error(ctx.day, e))?;
        a.vesting_shares[i] -= vests;
        a.withdrawn[i] += vests;
        a.liquid[i] += steem;
        if now > ctx.measure_from {
            a.vested_in[i] -= steem;
        }
        stats.powered_down += steem;
        if a.withdrawn[i] >= a.to_withdraw[i] || a.vesting_shares[i] == 0 || vests == 0 {
            a.vesting_withdraw_rate[i] = 0;
            a.to_withdraw[i] = 0;
            a.withdrawn[i] = 0;
            a.next_withdrawal[i] = u32::MAX;
        } else {
            let next = time + ctx.scenario.rules.vesting_withdraw_interval_seconds;
            a.next_withdrawal[i] = next;
            world.withdrawal_queue.insert((next, account));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(voter: u32, rshares: i64) -> VoteRecord {
        VoteRecord {
            voter,
            time: 0,
            rshares,
            weight: 0,
        }
    }

    #[test]
    fn ties_are_upvotes_by_others() {
        let vote = |voter, rshares| VoteRecord {
            voter,
            time: 0,
            rshares,
            weight: 0,
        };
        assert_eq!(ties(&[], 7), 0);
        let votes = [
            vote(1, 10),
            vote(7, 50),
            vote(2, -5),
            vote(3, 1),
            vote(1, 0),
        ];
        assert_eq!(ties(&votes, 7), 2);
    }

    #[test]
    fn unearned_vote_share_counts_the_authors_and_bought_positive_rshares() {
        let own_vote_share = |votes: &[VoteRecord], author| unearned_vote_share(votes, author, 0);
        assert_eq!(own_vote_share(&[], 7), 0.0);
        assert_eq!(own_vote_share(&[vote(1, 300), vote(2, 100)], 7), 0.0);
        assert_eq!(own_vote_share(&[vote(7, 300), vote(2, 100)], 7), 0.75);
        // Downvotes (and the author's own downvotes) are not earnings from anyone.
        assert_eq!(
            own_vote_share(&[vote(7, 100), vote(2, 100), vote(3, -500)], 7),
            0.5
        );
        assert_eq!(own_vote_share(&[vote(7, -100)], 7), 0.0);
        assert_eq!(
            own_vote_share(&[vote(7, i64::MAX), vote(7, i64::MAX)], 7),
            1.0
        );
        // Voter 2's 100 was bought: with the author's 300, all 400 were not others' choice.
        let votes = [vote(7, 300), vote(2, 100), vote(3, 100)];
        assert_eq!(unearned_vote_share(&votes, 7, 100), 0.8);
        assert_eq!(unearned_vote_share(&votes, 1, 100), 0.2);
    }
}
