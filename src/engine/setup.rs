//! Building the world at the start of the warm-up: the population's stake vested at the
//! scenario's VESTS price, full voting mana, the 21 block producers, and the reward fund at
//! an estimate of the simulated world's own steady state (steem-mechanics.md §13: starting
//! from the real chain's recent_claims would starve or flood a smaller world).
//!
//! The steady-state estimate (an assumption, refined by the warm-up): each active curator
//! casts `votes_per_curator_day` full-weight votes of 2% of its VESTS less the dust
//! threshold, spread evenly over the day's expected posts; recent_claims starts at the
//! author curve's claims of those posts × the decay time in days, and the reward balance at
//! the content share of one decay time's inflation.

use super::follows;
use super::world::{Accounts, Globals, World};
use super::EngineError;
use crate::behaviour::population::{self, CURATOR, WAITING};
use crate::mechanics::constants::{STEEM_100_PERCENT, STEEM_BLOCKS_PER_YEAR};
use crate::mechanics::era::VotingModel;
use crate::mechanics::inflation::{current_inflation_rate, InflationSchedule};
use crate::mechanics::manabar::downvote_max_mana;
use crate::mechanics::reward_fund::RewardFund;
use crate::mechanics::vesting::VestingFund;
use crate::scenario::Scenario;

/// Number of block producers.
const WITNESSES: usize = super::chain::WITNESSES;

fn too_big(what: &str) -> EngineError {
    EngineError::World(format!("{what} does not fit in the chain's 64-bit amounts"))
}

/// Builds replicate `replicate`'s world for `scenario`.
pub fn build(scenario: &Scenario, replicate: u32) -> Result<World, EngineError> {
    let drawn = population::draw(scenario, replicate);
    let mut accounts = Accounts::from_population(drawn);
    let rules = &scenario.rules;
    let vests_per_milli = i64::try_from(scenario.population.vests_per_steem)
        .ok()
        .and_then(|v| v.checked_mul(1_000))
        .ok_or_else(|| too_big("vests_per_steem"))?;
    let mut vesting = VestingFund::default();
    for i in 0..accounts.len() {
        if accounts.roles[i] & WAITING != 0 {
            continue;
        }
        let stake = accounts.initial_stake[i];
        let vests = stake
            .checked_mul(vests_per_milli)
            .ok_or_else(|| too_big("an account's initial VESTS"))?;
        accounts.vesting_shares[i] = vests;
        vesting.total_vesting_fund_steem = vesting
            .total_vesting_fund_steem
            .checked_add(stake)
            .ok_or_else(|| too_big("the vesting fund"))?;
        vesting.total_vesting_shares = vesting
            .total_vesting_shares
            .checked_add(vests)
            .ok_or_else(|| too_big("total_vesting_shares"))?;
        let voter = &mut accounts.voters[i];
        voter.voting_mana = match rules.voting_model {
            VotingModel::Manabar => vests,
            VotingModel::VotingPower => i64::from(STEEM_100_PERCENT),
        };
        voter.downvote_mana = downvote_max_mana(vests, rules.downvote_pool_percent).unwrap_or(0);
    }
    let liquid: i64 = accounts
        .liquid
        .iter()
        .try_fold(0i64, |s, &x| s.checked_add(x))
        .ok_or_else(|| too_big("the liquid supply"))?;
    let reward_fund = steady_state_fund(scenario, &accounts, vesting, liquid)?;
    let current_supply = liquid
        .checked_add(vesting.total_vesting_fund_steem)
        .and_then(|s| s.checked_add(reward_fund.reward_balance))
        .ok_or_else(|| too_big("the initial supply"))?;
    if accounts.is_empty() {
        return Err(EngineError::World("the population has no accounts".into()));
    }
    let witnesses = witnesses_by_stake(&accounts.initial_stake);
    let mut world = World {
        accounts,
        globals: Globals {
            current_supply,
            reward_fund,
            vesting,
            head_block: scenario.inflation.start_block,
            ..Globals::default()
        },
        witnesses,
        initial_supply: current_supply,
        ..World::default()
    };
    world.follow_index = follows::index_for(&world, scenario);
    Ok(world)
}

/// The block producers: the [`WITNESSES`] largest initial stakes, ties to the lower id, in
/// that order, cycling through the accounts again if there are fewer of them.
fn witnesses_by_stake(initial_stake: &[i64]) -> Vec<u32> {
    let key = |&i: &u32| (std::cmp::Reverse(initial_stake[i as usize]), i);
    let mut by_stake: Vec<u32> = (0..initial_stake.len() as u32).collect();
    let top = WITNESSES.min(by_stake.len());
    if top < by_stake.len() {
        by_stake.select_nth_unstable_by_key(top, key);
        by_stake.truncate(top);
    }
    by_stake.sort_unstable_by_key(key);
    (0..WITNESSES)
        .map(|slot| by_stake[slot % by_stake.len().max(1)])
        .collect()
}

fn steady_state_fund(
    scenario: &Scenario,
    accounts: &Accounts,
    vesting: VestingFund,
    liquid: i64,
) -> Result<RewardFund, EngineError> {
    let rules = &scenario.rules;
    let p = &scenario.population;
    let decay_days = f64::from(rules.recent_claims_decay_seconds) / 86_400.0;
    let weight = f64::from(scenario.behaviour.vote_weight) / f64::from(STEEM_100_PERCENT);
    let mut rshares_per_day = 0.0f64;
    for i in 0..accounts.len() {
        if accounts.roles[i] & CURATOR != 0 && accounts.roles[i] & WAITING == 0 {
            let r = accounts.vesting_shares[i] as f64 * 0.02 * weight
                - rules.vote_dust_threshold as f64;
            if r > 0.0 {
                rshares_per_day += r * p.daily_active_share * p.votes_per_curator_day;
            }
        }
    }
    let authors = accounts
        .roles
        .iter()
        .filter(|&&r| r & population::AUTHOR != 0 && r & WAITING == 0)
        .count() as f64;
    let posts_per_day = authors * p.daily_active_share * p.posts_per_author_day;
    let recent_claims = if posts_per_day >= 1.0 && rshares_per_day >= 1.0 {
        let per_post = (rshares_per_day / posts_per_day).min(i64::MAX as f64) as u128;
        let claims = rules
            .author_curve
            .claims(per_post, rules.content_constant)
            .unwrap_or(0);
        (claims as f64 * posts_per_day * decay_days).min(1e36) as u128
    } else {
        0
    };
    let schedule = InflationSchedule::of(rules);
    let rate = current_inflation_rate(scenario.inflation.start_block, schedule);
    let supply = (liquid as f64) + vesting.total_vesting_fund_steem as f64;
    let per_block =
        supply * rate as f64 / (f64::from(STEEM_100_PERCENT) * STEEM_BLOCKS_PER_YEAR as f64);
    let content =
        per_block * f64::from(rules.content_reward_percent) / f64::from(STEEM_100_PERCENT);
    let reward_balance = content * 28_800.0 * decay_days;
    if !reward_balance.is_finite() || reward_balance > 1e17 {
        return Err(too_big("the initial reward balance"));
    }
    Ok(RewardFund {
        reward_balance: reward_balance as i64,
        recent_claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn witnesses_are_the_head_of_a_full_sort(
            initial_stake in prop::collection::vec(prop_oneof![0..5i64, 0..i64::MAX], 1..100),
        ) {
            let mut by_stake: Vec<u32> = (0..initial_stake.len() as u32).collect();
            by_stake.sort_by_key(|&i| (std::cmp::Reverse(initial_stake[i as usize]), i));
            let sorted: Vec<u32> = (0..WITNESSES)
                .map(|slot| by_stake[slot % by_stake.len()])
                .collect();
            prop_assert_eq!(witnesses_by_stake(&initial_stake), sorted);
        }
    }
}
