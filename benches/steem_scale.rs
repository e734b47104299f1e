//! The steem-scale benchmark (issue 3): 1,000,000 accounts, ~100,000 active a day, ~1,000,000
//! votes and ~60,000 posts a day, 365 days, run once, reporting wall time, votes per second,
//! account-days per second and peak memory.
//!
//! Run: `cargo bench --bench steem_scale` (days: `STEEM_SCALE_DAYS=30`, accounts:
//! `STEEM_SCALE_ACCOUNTS=100000`). It uses scenarios/steem-scale.toml's world as built here.

use std::time::Instant;

use rewardsim::engine::{self, Silent};
use rewardsim::scenario::Scenario;

fn env_or(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let mut scenario = Scenario::default();
    scenario.name = "steem-scale".into();
    scenario.population.accounts = env_or("STEEM_SCALE_ACCOUNTS", 1_000_000);
    scenario.population.daily_active_share = 0.1;
    scenario.population.author_share = 0.6;
    scenario.population.curator_share = 0.8;
    scenario.population.posts_per_author_day = 1.0;
    scenario.population.votes_per_curator_day = 12.5;
    scenario.simulation.days = env_or("STEEM_SCALE_DAYS", 365);
    scenario.simulation.warmup_days = 0;
    scenario.output.posts_csv = false;
    let threads = rayon::current_num_threads();
    let start = Instant::now();
    let result = engine::run(&scenario, 0, &mut Silent).expect("steem-scale run");
    let wall = start.elapsed().as_secs_f64();
    let votes: u64 = result.days.iter().map(|d| d.votes).sum();
    let posts: u64 = result.days.iter().map(|d| d.posts).sum();
    let days = f64::from(scenario.simulation.days);
    let account_days = f64::from(scenario.population.accounts) * days;
    println!(
        "steem-scale: {} accounts, {} days, {threads} threads",
        scenario.population.accounts, scenario.simulation.days
    );
    println!(
        "  votes {votes} ({:.0}/day), posts {posts} ({:.0}/day)",
        votes as f64 / days,
        posts as f64 / days
    );
    println!(
        "  wall {wall:.1} s, {:.2} M votes/s, {:.1} M account-days/s",
        votes as f64 / wall / 1e6,
        account_days / wall / 1e6
    );
    if let Some(kib) = peak_memory_kib() {
        println!("  peak memory {:.0} MiB", kib as f64 / 1024.0);
    }
}
