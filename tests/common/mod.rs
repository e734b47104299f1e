//! What several CLI test files share: the small world the behaviour tests run presets on,
//! and reading a result folder back. (Each test file uses only some of it.)
#![allow(dead_code)]

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under `folder` (sub-folders such as charts/ and parts/ included) by its path
/// relative to `folder`, with its bytes.
pub fn files_under(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(current) = folders.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let name = path
                    .strip_prefix(folder)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

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
