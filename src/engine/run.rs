//! The run loop: days of steps, the day plans that feed them, measurement from day 0 on, and
//! the result tables at the end.

use rayon::prelude::*;

use super::chain::BlockContext;
use super::day::DayStats;
use super::events::{DayEvents, ACCOUNTS_PER_TASK};
use super::ledger;
use super::setup;
use super::step::{run_step, ActivityMarks, StepBuffers};
use super::world::World;
use super::{Checks, EngineError, Observer, RunResult};
use crate::behaviour::plan::{plan_day, DAY_SECONDS};
use crate::behaviour::population::role_names;
use crate::mechanics::inflation::{InflationSchedule, InflationSplit};
use crate::mechanics::payout::Market;
use crate::mechanics::power_down::PowerDownRules;
use crate::metrics::AccountRow;
use crate::scenario::Scenario;

/// Runs one replicate.
pub fn run_replicate(
    scenario: &Scenario,
    replicate: u32,
    checks: Checks,
    observer: &mut dyn Observer,
) -> Result<RunResult, EngineError> {
    let mut world = setup::build(scenario, replicate)?;
    let sim = &scenario.simulation;
    let total_days = sim.warmup_days + sim.days;
    let steps_per_day = DAY_SECONDS / sim.step_seconds;
    let measure_from = sim.warmup_days * DAY_SECONDS;
    let n = world.accounts.len();
    let mut marks = ActivityMarks { posted: vec![0; n] };
    let mut buffers = StepBuffers::default();
    let mut events = DayEvents::default();
    let mut result = RunResult {
        replicate,
        ..RunResult::default()
    };
    if let Some(detail) = ledger::check(&world) {
        return Err(EngineError::Conservation {
            day: -i64::from(sim.warmup_days),
            step: 0,
            detail,
        });
    }
    for day_index in 0..total_days {
        let day = i64::from(day_index) - i64::from(sim.warmup_days);
        if day == 0 {
            start_measuring(&mut world)?;
        }
        let ctx = BlockContext {
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
        };
        let first_step = u64::from(day_index) * u64::from(steps_per_day);
        let day_start = day_index * DAY_SECONDS;
        plan(
            scenario,
            replicate,
            &world,
            first_step,
            day_start,
            steps_per_day,
            &mut events,
        );
        let mut stats = DayStats::default();
        for s in 0..steps_per_day as usize {
            run_step(
                &mut world,
                &ctx,
                first_step + s as u64,
                events.step(s),
                day_index + 1,
                &mut marks,
                &mut buffers,
                &mut stats,
                &mut result.posts,
            )?;
            if checks == Checks::EveryStep || s + 1 == steps_per_day as usize {
                if let Some(detail) = ledger::check(&world) {
                    return Err(EngineError::Conservation {
                        day,
                        step: s as u32,
                        detail,
                    });
                }
            }
        }
        let first_live = world.posts.base_id + world.posts.start as u64;
        world.evicted_votes.forget_before(first_live);
        if day >= 0 {
            let sbd_in_steem = scenario
                .market
                .price
                .to_steem(world.globals.current_sbd_supply as u64)
                .map_err(|e| EngineError::Mechanics {
                    day,
                    detail: e.to_string(),
                })? as i64;
            result
                .days
                .push(stats.into_row(replicate, day as u32, &world, sbd_in_steem));
        }
        observer.day_finished(replicate, day_index + 1, total_days);
    }
    result.accounts = account_rows(&world, replicate)?;
    Ok(result)
}

/// Plans every account's events for the day into `events`, each block of accounts by one
/// parallel task, bucketed by step.
fn plan(
    scenario: &Scenario,
    replicate: u32,
    world: &World,
    first_step: u64,
    day_start: u32,
    steps_per_day: u32,
    events: &mut DayEvents,
) {
    let roles = &world.accounts.roles;
    let step_seconds = scenario.simulation.step_seconds;
    let buckets = events.reset(roles.len(), steps_per_day as usize);
    roles
        .par_chunks(ACCOUNTS_PER_TASK)
        .zip(buckets.par_iter_mut())
        .enumerate()
        .for_each_init(Vec::new, |day, (c, (chunk, buckets))| {
            for (k, &r) in chunk.iter().enumerate() {
                let account = (c * ACCOUNTS_PER_TASK + k) as u32;
                day.clear();
                plan_day(scenario, replicate, account, r, first_step, day_start, day);
                for &e in day.iter() {
                    buckets[((e.time - day_start - 1) / step_seconds) as usize].push(e);
                }
            }
        });
}

/// Day 0 begins: earnings count from here, and each account's VESTS count as put in at
/// their current value.
fn start_measuring(world: &mut World) -> Result<(), EngineError> {
    let vesting = world.globals.vesting;
    let a = &mut world.accounts;
    for i in 0..a.len() {
        a.vested_in[i] =
            vesting
                .vests_to_steem(a.vesting_shares[i])
                .map_err(|e| EngineError::Mechanics {
                    day: 0,
                    detail: e.to_string(),
                })?;
        a.author_rewards[i] = 0;
        a.curation_rewards[i] = 0;
        a.witness_rewards[i] = 0;
        a.posts[i] = 0;
        a.voters[i].votes = 0;
    }
    Ok(())
}

fn account_rows(world: &World, replicate: u32) -> Result<Vec<AccountRow>, EngineError> {
    let a = &world.accounts;
    let vesting = world.globals.vesting;
    (0..a.len())
        .map(|i| {
            let steem_power = vesting.vests_to_steem(a.vesting_shares[i]).map_err(|e| {
                EngineError::Mechanics {
                    day: -1,
                    detail: e.to_string(),
                }
            })?;
            let curator = a.roles[i] & crate::behaviour::population::CURATOR != 0;
            Ok(AccountRow {
                replicate,
                account: i as u32,
                roles: role_names(a.roles[i]),
                strategy: if curator {
                    a.voters[i].strategy.name()
                } else {
                    ""
                },
                quality: f64::from(a.quality[i]),
                initial_stake_steem: a.initial_stake[i],
                vesting_shares_vests: a.vesting_shares[i],
                steem_power_steem: steem_power,
                liquid_steem: a.liquid[i],
                sbd: a.sbd[i],
                author_rewards_steem: a.author_rewards[i],
                curation_rewards_steem: a.curation_rewards[i],
                staking_interest_steem: steem_power - a.vested_in[i],
                witness_rewards_steem: a.witness_rewards[i],
                posts: a.posts[i],
                votes: a.voters[i].votes,
            })
        })
        .collect()
}
