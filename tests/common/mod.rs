//! What several CLI test files share: the small world the behaviour tests run presets on.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Runs built-in `preset` on the 3,000-account test world (arrivals scaled to it, 10
/// warm-up days, 60 measured days, no charts) with extra `--set`s, applied after the
/// world's (so they can change it), into `out`, and returns `out`.
pub fn run_test_world(preset: &str, sets: &[&str], out: PathBuf) -> PathBuf {
    Command::cargo_bin("rewardsim")
        .unwrap()
        .arg("run")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{preset}.toml")))
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .args(["--set", "population.accounts=3000"])
        .args(["--set", "growth.arrivals_per_day=9.6"])
        .args(["--set", "simulation.warmup_days=10"])
        .args(["--set", "simulation.days=60"])
        .args(["--set", "output.charts=false"])
        .args(sets.iter().flat_map(|set| ["--set", set]))
        .assert()
        .success();
    out
}
