//! Community pools in the engine: per-pool conservation every step (debug builds check it
//! after every step), the same rows whatever the thread count, and a tribe pool reaching
//! the steady state e·D/Δ of smt-and-tribes.md §3.4 inside a whole world.

use rewardsim::engine::{self, RunResult, Silent};
use rewardsim::scenario::{load_preset, Scenario};

fn preset(name: &str, sets: &[&str]) -> Scenario {
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    load_preset(name, &sets).unwrap().scenario
}

fn run_with_threads(scenario: &Scenario, threads: usize) -> RunResult {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(|| engine::run(scenario, 0, &mut Silent).unwrap())
}

const SMALL: &[&str] = &[
    "population.accounts=1500",
    "growth.arrivals_per_day=5",
    "simulation.warmup_days=3",
    "simulation.days=6",
    "output.charts=false",
];

#[test]
fn pools_conserve_tokens_and_do_not_depend_on_threads() {
    // Debug builds check every pool's ledger after every step: a run that ends is a run
    // that conserved. The cooperative market moves tokens between members too.
    let scenario = preset("coop-market", SMALL);
    let one = run_with_threads(&scenario, 1);
    let two = run_with_threads(&scenario, 2);
    assert_eq!(one, two);
    assert_eq!(one.pools.len(), 6);
    let paid: u128 = one
        .pools
        .iter()
        .map(|r| r.paid_authors_units + r.paid_curators_units)
        .sum();
    assert!(paid > 0, "the pool paid nothing");
    assert!(one.pools.iter().any(|r| r.coop_sales_units > 0));
    assert!(one.summary.community_paid_value_steem > 0);
    // Both pools of multi-token, every day, in pool order.
    let multi = run_with_threads(&preset("multi-token", SMALL), 2);
    let names: Vec<&str> = multi.pools.iter().map(|r| r.pool.as_str()).collect();
    assert_eq!(names, ["PAL", "LEO", "BRAIN"].repeat(6));
}

#[test]
fn an_smt_emits_on_its_schedule_and_vests_everything() {
    // smt-default: every 6 h, ⌊supply · 58,835 / 2^32⌋ split 10 / 85 / 5 (each part
    // floored, remainders never minted), from a supply of the 10,000,000.000 staked.
    let result = run_with_threads(&preset("multi-token", SMALL), 2);
    let brain: Vec<_> = result.pools.iter().filter(|r| r.pool == "BRAIN").collect();
    let mut supply: u128 = 10_000_000_000;
    let mut measured = 0;
    // Emission k happens at 21,600·k s; the 3 warm-up days hold k = 1..=12, the 6
    // measured days k = 13..=36 (an emission at a day's last second belongs to that day).
    for k in 1..=36 {
        let new = (supply * 58_835) >> 32;
        let parts = new * 10 / 100 + new * 85 / 100 + new * 5 / 100;
        supply += parts;
        if k > 12 {
            measured += parts;
        }
    }
    assert_eq!(brain.iter().map(|r| r.minted_units).sum::<u128>(), measured);
    assert!(brain
        .iter()
        .all(|r| r.liquid_units == 0 && r.sold_units == 0));
    let paid: u128 = brain
        .iter()
        .map(|r| r.paid_authors_units + r.paid_curators_units)
        .sum();
    assert!(paid > 0, "the SMT paid nothing");
}

#[test]
fn a_tribe_pool_settles_at_e_d_over_delta() {
    // A 1-day cashout makes D = 3 days, so the pool settles within the run: it should
    // hold about e·D/Δ and pay out about what it mints.
    let scenario = preset(
        "multi-token",
        &[
            "population.accounts=1500",
            "growth.arrivals_per_day=0",
            "simulation.warmup_days=12",
            "simulation.days=12",
            "pools.PAL.rules.cashout_window_days=1",
            "pools.PAL.rules.reward_interval_seconds=60",
            "pools.PAL.rules.reward_per_interval=\"7.5\"",
            "pools.PAL.members=0.5",
            "pools.PAL.tag_share=1.0",
            "pools.LEO.members=0.0",
        ],
    );
    let result = run_with_threads(&scenario, 2);
    let pal: Vec<_> = result.pools.iter().filter(|r| r.pool == "PAL").collect();
    // e·D/Δ = 7.5 tokens · 3 days / 60 s = 32,400 tokens.
    assert_eq!(pal[0].steady_state_pool_units, 32_400_000);
    let mean_pool = pal.iter().map(|r| r.reward_pool_units as f64).sum::<f64>() / pal.len() as f64;
    let ratio = mean_pool / 32_400_000.0;
    assert!((0.85..1.15).contains(&ratio), "pool / (e·D/Δ) = {ratio}");
    let minted: u128 = pal.iter().map(|r| r.minted_units).sum();
    let paid: u128 = pal
        .iter()
        .map(|r| r.paid_authors_units + r.paid_curators_units)
        .sum();
    let paid_share = paid as f64 / minted as f64;
    assert!(
        (0.85..1.15).contains(&paid_share),
        "paid / minted = {paid_share}"
    );
    assert_eq!(minted, 12 * 7_500 * 1_440);
}
