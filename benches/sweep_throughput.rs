//! Sweep throughput (issue 5): a sweep of many small runs must use every core. Runs the
//! example sweep scenarios/sweeps/curation-and-split.toml on a small world (2,000
//! accounts, 30 days after a 5-day warm-up: 12 runs, or SWEEP_REPLICATES × 4) through
//! `experiment::run_each`, as `rewardsim sweep` does, once on a one-thread pool and once on
//! a pool of every core, and prints runs per second of each and their ratio.
//!
//! Run: `cargo bench --bench sweep_throughput` (`SWEEP_ACCOUNTS`, `SWEEP_DAYS`,
//! `SWEEP_REPLICATES` change the world).

use std::time::Instant;

use rewardsim::experiment::sweep::plan;
use rewardsim::experiment::{run_each, RunSpec};

fn env_or(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/sweeps/curation-and-split.toml");
    let accounts = env_or("SWEEP_ACCOUNTS", 2_000);
    let sets = vec![
        format!("population.accounts={accounts}"),
        format!("growth.arrivals_per_day={}", f64::from(accounts) * 0.0032),
        format!("simulation.days={}", env_or("SWEEP_DAYS", 30)),
        "simulation.warmup_days=5".to_string(),
        format!("simulation.replicates={}", env_or("SWEEP_REPLICATES", 3)),
    ];
    let sweep = rewardsim::scenario::load_sweep(&path, &sets).expect("the example sweep loads");
    let (runs, scenarios) = plan(&sweep);
    let specs: Vec<RunSpec<'_>> = runs
        .iter()
        .map(|r| RunSpec {
            scenario: &scenarios[r.variant],
            replicate: r.replicate,
        })
        .collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut seconds = Vec::new();
    for threads in [1, cores] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        let started = Instant::now();
        let mut ok = 0usize;
        pool.install(|| run_each(&specs, |_, result| ok += usize::from(result.is_ok())));
        let s = started.elapsed().as_secs_f64();
        assert_eq!(ok, specs.len(), "every run succeeds");
        println!(
            "sweep: {} runs of {accounts} accounts, {threads} thread(s): {s:.2} s, {:.2} runs/s",
            specs.len(),
            specs.len() as f64 / s
        );
        seconds.push(s);
    }
    println!(
        "speed-up on {cores} threads: {:.2}x the one-thread throughput",
        seconds[0] / seconds[1]
    );
}
