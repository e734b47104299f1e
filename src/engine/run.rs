//! The run loop: days of steps, the day plans that feed them, measurement from day 0 on, and
//! the result tables at the end.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::adaptation;
use super::bid_bots::BidMarket;
use super::chain::BlockContext;
use super::comparison::{end_of_day, MoodBuffers};
use super::day::DayStats;
use super::events::{DayEvents, ACCOUNTS_PER_TASK};
use super::ledger;
use super::membership::{self, Cohorts};
use super::run_stats::{RunStats, StrategyDay};
use super::setup;
use super::step::{
    effective_vests, run_step, upvote_rshares, vote_value, ActivityMarks, StakeReads, StepBuffers,
};
use super::trail::Trails;
use super::voted::EvictedVotes;
use super::voters::Voter;
use super::world::{CoarseTrending, Posts, World};
use super::{Checks, EngineError, Observer, RunResult};
use crate::behaviour::curator::self_vote_pays;
use crate::behaviour::envy::activity_multiplier;
use crate::behaviour::plan::{self, plan_day, Drives, DAY_SECONDS};
use crate::behaviour::population::{role_names, Strategy, ABSENT, CURATOR};
use crate::behaviour::trail::trail_budget;
use crate::mechanics::era::Rules;
use crate::mechanics::inflation::{current_inflation_rate, InflationSchedule};
use crate::metrics::{AccountRow, PoolDayRow, StakeTracker};
use crate::scenario::Scenario;

/// Runs one replicate.
pub fn run_replicate(
    scenario: &Scenario,
    replicate: u32,
    checks: Checks,
    observer: &mut dyn Observer,
) -> Result<RunResult, EngineError> {
    let mut world = setup::build(scenario, replicate)?;
    world.community =
        super::pools::CommunityPools::build(scenario, &world, replicate).map_err(|detail| {
            EngineError::Mechanics {
                day: -i64::from(scenario.simulation.warmup_days),
                detail,
            }
        })?;
    let sim = &scenario.simulation;
    let total_days = sim.warmup_days + sim.days;
    let steps_per_day = DAY_SECONDS / sim.step_seconds;
    let measure_from = sim.warmup_days * DAY_SECONDS;
    let n = world.accounts.len();
    let mut marks = ActivityMarks { posted: vec![0; n] };
    let mut buffers = StepBuffers::default();
    let mut events = DayEvents::default();
    let mut moods = MoodBuffers::default();
    let mut cohorts = Cohorts::default();
    let mut stake = StakeTracker::new();
    let mut run_stats = RunStats::default();
    let initial = scenario.population.accounts as usize;
    let arrivals = scenario.growth.schedule(total_days);
    let creator = membership::creator(&world, initial);
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
            let a = &world.accounts;
            run_stats = RunStats::new(stake.measure(&a.roles, ABSENT, &a.vesting_shares));
        }
        let ctx = BlockContext::new(scenario, day, replicate, measure_from);
        let first_step = u64::from(day_index) * u64::from(steps_per_day);
        let day_start = day_index * DAY_SECONDS;
        let (from, to) = (
            arrivals[day_index as usize] as usize,
            arrivals[day_index as usize + 1] as usize,
        );
        membership::arrive(
            &mut world,
            &ctx,
            initial + from..initial + to,
            creator,
            day_index + 1,
        )?;
        let mut market = std::mem::take(&mut world.bid_market);
        market.open_day(&world, &ctx);
        world.bid_market = market;
        let mut trails = std::mem::take(&mut world.trails);
        trails.open_day(&mut world, &ctx, first_step);
        world.trails = trails;
        plan(
            scenario,
            replicate,
            &mut world,
            day_index + 1,
            first_step,
            day_start,
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
                let community = || world.community.check();
                if let Some(detail) = ledger::check(&world).or_else(community) {
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
            // Before the day's end moves the earnings marks it reads.
            run_stats.record_strategies(&StrategyDay::measure(&world, day)?);
        }
        let mood = end_of_day(&mut world, &ctx, day_index + 1, first_step, &mut moods);
        world.paid_per_rshare.decay();
        stats.strategy_switches =
            adaptation::imitate(&mut world, &ctx, day_index + 1, first_step, &moods);
        let mut market = std::mem::take(&mut world.bid_market);
        stats.market_switches = market.enter_and_exit(&mut world, &ctx, day_index + 1, first_step);
        let curation = stats.paid_curators;
        (stats.lease_paid, stats.lease_switches) =
            market.settle_leases(&mut world, &ctx, day_index + 1, first_step, curation);
        world.bid_market = market;
        cohorts.measure(&world, day_index + 1);
        let mut community = std::mem::take(&mut world.community);
        let key = (sim.seed, replicate);
        let pool_rows = community.end_day(&mut world, key, (day, day_index + 1), day >= 0);
        result.pools.extend(pool_rows);
        world.community = community;
        if day >= 0 {
            let sbd_in_steem = scenario
                .market
                .price
                .to_steem(world.globals.current_sbd_supply as u64)
                .map_err(|e| EngineError::Mechanics {
                    day,
                    detail: e.to_string(),
                })? as i64;
            let a = &world.accounts;
            let stake = stake.measure(&a.roles, ABSENT, &a.vesting_shares);
            run_stats.record_day(&mut stats);
            result.days.push(stats.into_row(
                replicate,
                day as u32,
                &world,
                sbd_in_steem,
                &mood,
                &stake,
            ));
        }
        observer.day_finished(replicate, day_index + 1, total_days);
    }
    // The day's buffers are not needed any more: freed before the rows are built, so the
    // rows take their place instead of adding to them (as does what `account_rows` frees).
    drop((events, buffers, moods, marks));
    result.summary = run_stats.summary(replicate, &result.days, &world, sim.warmup_days);
    community_summary(&mut result.summary, &result.pools);
    result.payouts = run_stats.payout_rows(replicate);
    result.accounts = account_rows(world, replicate)?;
    result.cohorts = cohorts.rows(replicate, sim.warmup_days);
    Ok(result)
}

/// Fills the run summary's community columns from the pools' day rows.
fn community_summary(summary: &mut crate::metrics::RunSummaryRow, pools: &[PoolDayRow]) {
    summary.community_paid_value_steem = pools.iter().map(|r| r.paid_value_steem).sum();
    summary.community_sold_value_steem = pools.iter().map(|r| r.sold_value_steem).sum();
    summary.community_coop_value_steem = pools
        .iter()
        .map(|r| {
            let tokens = r.coop_sales_units as f64 / 10f64.powi(r.precision as i32);
            (tokens * r.price * 1000.0).round() as i64
        })
        .sum();
    let mut names: Vec<&str> = pools.iter().map(|r| r.pool.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let ratios: Vec<f64> = names
        .iter()
        .filter_map(|name| {
            let mut rows = pools.iter().filter(|r| r.pool == *name);
            let first = rows.next()?.price;
            let last = rows.next_back().map_or(first, |r| r.price);
            (first > 0.0).then(|| last / first)
        })
        .collect();
    summary.community_price_ratio =
        (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64);
}

/// Plans every present account's events for the day into `events`, each block of
/// accounts by one parallel task, bucketed by step, with rates scaled by each account's
/// activity multiplier and activity norms; marks the active accounts with `day_mark` in
/// `active_mark`.
fn plan(
    scenario: &Scenario,
    replicate: u32,
    world: &mut World,
    day_mark: u32,
    first_step: u64,
    day_start: u32,
    events: &mut DayEvents,
) {
    let b = &scenario.behaviour;
    let stake_appetite = plan::stake_appetite(staking_yield(world, scenario), scenario);
    let pools = content_pools_per_year(world.globals.head_block, &scenario.rules);
    let post_pull = plan::reward_pull(pools.authors, b.author_reward_elasticity, scenario);
    let vote_pull = plan::reward_pull(pools.curators, b.curation_reward_elasticity, scenario);
    let vote_value = vote_value(world, &scenario.rules);
    let a = &mut world.accounts;
    let (roles, satisfaction, activity) = (&a.roles, &a.satisfaction, &a.activity);
    let strategy = &a.strategy;
    let stake = StakeReads {
        vesting_shares: &a.vesting_shares,
        received: &a.received_vesting_shares,
        delegated: &a.delegated_vesting_shares,
        next_withdrawal: &a.next_withdrawal,
        vesting_withdraw_rate: &a.vesting_withdraw_rate,
        to_withdraw: &a.to_withdraw,
        withdrawn: &a.withdrawn,
    };
    // Comments a self-voter writes today to vote them: only if a self-vote on a new post
    // would pay it more than curating.
    let self_vote_comments = |i: usize, r: u8, voter: &Voter| {
        if b.self_vote_comments_per_day <= 0.0
            || r & CURATOR == 0
            || strategy[i] != Strategy::SelfVoter
        {
            return 0.0;
        }
        let rshares = upvote_rshares(
            &scenario.rules,
            voter,
            effective_vests(stake, i),
            b.vote_weight as i16,
            day_start,
        );
        if self_vote_pays(&vote_value, 0, rshares) {
            b.self_vote_comments_per_day
        } else {
            0.0
        }
    };
    let step_seconds = scenario.simulation.step_seconds;
    let steps_per_day = (DAY_SECONDS / step_seconds) as usize;
    let buckets = events.reset(roles.len(), steps_per_day);
    let envy = &scenario.envy;
    a.active_mark
        .par_chunks_mut(ACCOUNTS_PER_TASK)
        .zip(buckets.par_iter_mut())
        .zip(a.voters.par_chunks_mut(ACCOUNTS_PER_TASK))
        .enumerate()
        .for_each_init(Vec::new, |day, (c, ((marks, buckets), voters))| {
            for (k, mark) in marks.iter_mut().enumerate() {
                let i = c * ACCOUNTS_PER_TASK + k;
                let r = roles[i];
                if r & ABSENT != 0 {
                    continue;
                }
                let s = satisfaction[i];
                let [post_norm, vote_norm] = activity[i].norms;
                let drives = Drives {
                    activity: if s == 0.0 {
                        1.0
                    } else {
                        activity_multiplier(f64::from(s), envy)
                    },
                    post_norm: f64::from(post_norm),
                    vote_norm: f64::from(vote_norm),
                    stake_appetite,
                    self_vote_comments: self_vote_comments(i, r, &voters[k]),
                    post_pull,
                    vote_pull,
                };
                day.clear();
                if plan_day(
                    scenario, replicate, i as u32, r, drives, first_step, day_start, day,
                ) {
                    *mark = day_mark;
                }
                for &e in day.iter() {
                    buckets[((e.time - day_start - 1) / step_seconds) as usize].push(e);
                }
                if strategy[i] == Strategy::TrailFollower {
                    voters[k].trail_votes_left = trail_budget(scenario, &drives);
                }
            }
        });
}

/// The staking yield stakeholders see at the start of a day, per year (a fraction): the
/// stakers' share of a year's inflation at the current rate over the vesting fund.
fn staking_yield(world: &World, scenario: &Scenario) -> f64 {
    let g = &world.globals;
    if g.vesting.total_vesting_fund_steem <= 0 {
        return 0.0;
    }
    let rate = current_inflation_rate(g.head_block, InflationSchedule::of(&scenario.rules));
    let stakers = f64::from(scenario.rules.vesting_reward_percent) / 10_000.0;
    g.current_supply as f64 * rate as f64 / 10_000.0 * stakers
        / g.vesting.total_vesting_fund_steem as f64
}

/// The authors' and curators' pools at `head_block`, per year, each as a fraction
/// of the virtual supply: the inflation rate at the head block × the content share × the
/// authors' share (1 − the rules' curation share) or the curators' share.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ContentPools {
    authors: f64,
    curators: f64,
}

fn content_pools_per_year(head_block: u32, rules: &Rules) -> ContentPools {
    let rate = current_inflation_rate(head_block, InflationSchedule::of(rules));
    let content = rate as f64 / 10_000.0 * f64::from(rules.content_reward_percent) / 10_000.0;
    let curation = rules.curation_share();
    ContentPools {
        authors: content * (1.0 - curation),
        curators: content * curation,
    }
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
        // The rewards restart from 0; the bids go on.
        a.earnings_mark[i][..2].fill(0);
        a.witness_rewards[i] = 0;
        a.posts[i] = 0;
        a.voters[i].votes = 0;
        // The activity averages go on; only the counters they difference restart.
        a.activity[i].marks = [0; 2];
    }
    Ok(())
}

/// One row per account slot (present, left or never arrived), in account order. The world
/// is consumed: what the rows do not read is freed before they are built.
fn account_rows(mut world: World, replicate: u32) -> Result<Vec<AccountRow>, EngineError> {
    free_all_but_rows(&mut world);
    let a = &world.accounts;
    let vesting = world.globals.vesting;
    // Pushed into a vector of the exact size: collecting a fallible iterator would double
    // its capacity as it goes (to up to twice the rows, with a copy of them at each step).
    let mut rows = Vec::with_capacity(a.len());
    for i in 0..a.len() {
        let steem_power =
            vesting
                .vests_to_steem(a.vesting_shares[i])
                .map_err(|e| EngineError::Mechanics {
                    day: -1,
                    detail: e.to_string(),
                })?;
        let curator = a.roles[i] & crate::behaviour::population::CURATOR != 0;
        rows.push(AccountRow {
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
            delegated_vests: a.delegated_vesting_shares[i],
            received_vests: a.received_vesting_shares[i],
            liquid_steem: a.liquid[i],
            sbd: a.sbd[i],
            author_rewards_steem: a.author_rewards[i],
            curation_rewards_steem: a.curation_rewards[i],
            staking_interest_steem: steem_power - a.vested_in[i],
            witness_rewards_steem: a.witness_rewards[i],
            posts: a.posts[i],
            votes: a.voters[i].votes,
            alpha: f64::from(a.alpha[i]),
            beta: f64::from(a.beta[i]),
            satisfaction: f64::from(a.satisfaction[i]),
            ties: a.ties[i],
            followers: a.followers[i],
            left_day: (a.left_day[i] != i32::MAX).then_some(a.left_day[i]),
        });
    }
    Ok(rows)
}

/// Frees the parts of `world` that [`account_rows`] does not read: the posts with their
/// vote lists, the evicted votes, the power-down queue, the trending list, and the
/// accounts' power-down, posting, following, comparison, norms and membership state. What
/// is left is only good for the rows.
fn free_all_but_rows(world: &mut World) {
    world.posts = Posts::default();
    world.evicted_votes = EvictedVotes::default();
    world.withdrawal_queue = BTreeSet::new();
    world.trending = Vec::new();
    world.coarse_trending = CoarseTrending::default();
    world.follow_index = None;
    world.bid_market = BidMarket::default();
    world.trails = Trails::default();
    let a = &mut world.accounts;
    a.follows = Vec::new();
    a.latest_post = Vec::new();
    a.earnings = Vec::new();
    a.unearned_share = Vec::new();
    a.last_reward_bucket = Vec::new();
    a.activity = Vec::new();
    for v in [
        &mut a.vesting_withdraw_rate,
        &mut a.to_withdraw,
        &mut a.withdrawn,
        &mut a.last_author_reward,
    ] {
        *v = Vec::new();
    }
    a.earnings_mark = Vec::new();
    a.bid_net = Vec::new();
    a.stake_earnings = Vec::new();
    for v in [
        &mut a.next_withdrawal,
        &mut a.active_mark,
        &mut a.arrived_mark,
        &mut a.stake_rank,
        &mut a.by_stake,
        &mut a.leader,
    ] {
        *v = Vec::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::era::Era;

    #[test]
    fn content_pools_follow_the_inflation_rate_and_the_splits() {
        // HF21 at block 35M: 8.38% a year, 65% to content, half of it to curators.
        let hf21 = content_pools_per_year(35_000_000, &Rules::for_era(Era::SteemHf21));
        assert!(
            (hf21.authors - 0.0838 * 0.65 * 0.5).abs() < 1e-12,
            "{hf21:?}"
        );
        assert!((hf21.curators - hf21.authors).abs() < 1e-12);
        // HF20 at its preset's block: 8.73%, 75% to content, a quarter to curators.
        let hf20 = content_pools_per_year(26_256_000, &Rules::for_era(Era::SteemHf20));
        assert!(
            (hf20.authors - 0.0873 * 0.75 * 0.75).abs() < 1e-12,
            "{hf20:?}"
        );
        assert!((hf20.curators - 0.0873 * 0.75 * 0.25).abs() < 1e-12);
        // The stake-weighted split's 40% content.
        let mut rules = Rules::for_era(Era::SteemHf21);
        rules.content_reward_percent = 4_000;
        let staked = content_pools_per_year(35_000_000, &rules);
        assert!((staked.authors / hf21.authors - 40.0 / 65.0).abs() < 1e-12);
    }

    #[test]
    fn payout_bins_hold_the_measured_days_posts_and_their_rewards() {
        let mut scenario = Scenario::default();
        scenario.population.accounts = 400;
        // Warm-up longer than the cashout window, so posts of the warm-up are left out.
        scenario.simulation.warmup_days = 8;
        scenario.simulation.days = 4;
        scenario.output.posts_csv = true;
        let result =
            run_replicate(&scenario, 0, Checks::default(), &mut super::super::Silent).unwrap();
        let bins = &result.payouts;
        assert_eq!((bins[0].low_steem, bins[0].high_steem), (0, 0));
        assert!(bins
            .windows(2)
            .all(|w| w[0].high_steem == w[1].low_steem || w[0].high_steem == 0));
        let cashed_out: u64 = result.days.iter().map(|d| d.posts_cashed_out).sum();
        assert!(cashed_out > 0);
        assert_eq!(bins.iter().map(|b| b.posts).sum::<u64>(), cashed_out);
        assert_eq!(result.posts.len() as u64, cashed_out);
        let rewards: i64 = result.posts.iter().map(|p| p.reward_steem).sum();
        assert!(rewards > 0);
        assert_eq!(bins.iter().map(|b| b.reward_steem).sum::<i64>(), rewards);
        let zero_paid = result.posts.iter().filter(|p| p.reward_steem == 0).count();
        assert_eq!(bins[0].posts, zero_paid as u64);
        for post in &result.posts {
            let bin = bins
                .iter()
                .find(|b| b.low_steem <= post.reward_steem && post.reward_steem < b.high_steem)
                .or(bins.first().filter(|_| post.reward_steem == 0));
            assert!(bin.is_some_and(|b| b.posts > 0), "{post:?}");
        }
    }
}
