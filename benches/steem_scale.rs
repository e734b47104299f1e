//! The steem-scale benchmark (issue 3): 1,000,000 accounts, ~100,000 active a day, ~1,000,000
//! votes and ~60,000 posts a day, 365 days, run once, reporting wall time, votes per second,
//! account-days per second and peak memory.
//!
//! Run: `cargo bench --bench steem_scale` (fewer days: `STEEM_SCALE_DAYS=30`, fewer accounts:
//! `STEEM_SCALE_ACCOUNTS=100000`, any other key: `STEEM_SCALE_SET="behaviour.candidates_per_vote=4"`,
//! several separated by `;`). The world is scenarios/steem-scale.toml (warm-up set to 0 so
//! the figures are for exactly the days counted).

use std::time::Instant;

use rewardsim::engine::{self, Silent};

/// As in the rewardsim binary: large arrays on huge pages.
#[global_allocator]
static ALLOCATOR: rewardsim::memory::HugePageAllocator = rewardsim::memory::HugePageAllocator;

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
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/steem-scale.toml");
    let mut sets = vec![
        format!(
            "population.accounts={}",
            env_or("STEEM_SCALE_ACCOUNTS", 1_000_000)
        ),
        format!("simulation.days={}", env_or("STEEM_SCALE_DAYS", 365)),
        // The target is 365 simulated days; the warm-up would add 30 more.
        "simulation.warmup_days=0".to_string(),
    ];
    if let Ok(more) = std::env::var("STEEM_SCALE_SET") {
        sets.extend(
            more.split(';')
                .filter(|s| !s.trim().is_empty())
                .map(String::from),
        );
    }
    let scenario = match rewardsim::scenario::load(&path, &sets) {
        Ok(loaded) => loaded.scenario,
        Err(e) => {
            eprintln!("steem-scale: {e}");
            std::process::exit(2);
        }
    };
    let threads = rayon::current_num_threads();
    // The world alone (population, follow graph, balances), timed apart; the run builds
    // its own.
    let start = Instant::now();
    let world = engine::setup::build(&scenario, 0).expect("steem-scale world");
    let build = start.elapsed().as_secs_f64();
    drop(world);
    let start = Instant::now();
    let result = engine::run(&scenario, 0, &mut Silent).expect("steem-scale run");
    let wall = start.elapsed().as_secs_f64();
    let votes: u64 = result.days.iter().map(|d| d.votes).sum();
    let posts: u64 = result.days.iter().map(|d| d.posts).sum();
    let days = f64::from(scenario.simulation.days);
    let account_days = f64::from(scenario.population.accounts) * days;
    println!(
        "steem-scale: {} accounts, {} days, {threads} threads{}",
        scenario.population.accounts,
        scenario.simulation.days,
        std::env::var("STEEM_SCALE_SET")
            .map(|s| format!(", {s}"))
            .unwrap_or_default()
    );
    println!("  world build {build:.2} s");
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
