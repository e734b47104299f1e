//! Engine integration tests: conservation over whole runs, the same bytes whatever the
//! thread count, and plausible economics on a small world.

use rewardsim::engine::{self, RunResult, Silent};
use rewardsim::scenario::Scenario;

fn small(days: u32) -> Scenario {
    let mut s = Scenario::default();
    s.population.accounts = 1_000;
    s.simulation.days = days;
    s
}

fn run_with_threads(scenario: &Scenario, threads: usize) -> RunResult {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(|| engine::run(scenario, 0, &mut Silent).unwrap())
}

#[test]
fn small_world_runs_and_pays() {
    let scenario = small(12);
    let result = run_with_threads(&scenario, 2);
    assert_eq!(result.days.len(), 12);
    let last = result.days.last().unwrap();
    eprintln!("{:#?}", last);
    let paid: i64 = result.days.iter().map(|d| d.paid_authors_steem).sum();
    assert!(paid > 0, "no author rewards");
    assert!(result.days.iter().all(|d| d.votes > 0 && d.posts > 0));
}

#[test]
fn same_result_with_one_and_two_threads() {
    let scenario = small(9);
    let one = run_with_threads(&scenario, 1);
    let two = run_with_threads(&scenario, 2);
    assert_eq!(one, two);
}

#[test]
fn same_result_with_one_and_two_threads_under_relative_payouts_and_arrivals() {
    // More accounts than one parallel block (4,096), newcomers attaching to the follow
    // graph, leavers leaving it, rank buckets and activity norms.
    let mut scenario = small(6);
    scenario.population.accounts = 5_000;
    scenario.population.daily_active_share = 0.3;
    scenario.visibility.payouts = rewardsim::scenario::PayoutVisibility::Relative;
    scenario.visibility.voters = false;
    scenario.growth.arrivals_per_day = 40.0;
    scenario.churn.base_exit_hazard = 0.02;
    let one = run_with_threads(&scenario, 1);
    let two = run_with_threads(&scenario, 2);
    assert_eq!(one, two);
    assert!(one.days.iter().map(|d| d.accounts_left).sum::<u64>() > 0);
}
