//! A sweep's runs: every variant's replicates, numbered deterministically, each with the
//! seed it runs with, and the subset a shard runs.
//!
//! Run ids count variants in order and, within each, its replicates: variant 0's replicates
//! 0, 1, …, then variant 1's. With common random numbers (the default) every variant's
//! replicate r runs with the variant's own `simulation.seed` (the file's, unless swept) and
//! replicate index r — exactly what `rewardsim run` of that variant does, so any row can be
//! rerun alone, and variants see the same random world. Without, variant v runs with a
//! seed derived from (the file's seed, v) by [`derive_seed`].
//!
//! Shard K of N (0-based K) takes the runs whose id ≡ K (mod N): a deterministic split
//! that spreads every variant's replicates over the shards.

use crate::scenario::{LoadedSweep, Scenario};

/// One run of a sweep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedRun {
    /// Run id, 0-based, unique in the sweep.
    pub id: u64,
    /// The variant's index in the sweep.
    pub variant: usize,
    /// The replicate within the variant.
    pub replicate: u32,
    /// The seed it runs with (with the replicate index, it keys every random stream).
    pub seed: u64,
}

/// Which part of a sweep one process runs: shard `index` of `count`, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, 0..count.
    pub index: u64,
    /// How many shards the sweep is split into (≥ 1).
    pub count: u64,
}

impl Shard {
    /// The whole sweep.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// Reads `K/N` (0 ≤ K < N); `None` when it is not that.
    pub fn parse(text: &str) -> Option<Shard> {
        let (k, n) = text.split_once('/')?;
        let (index, count) = (k.trim().parse().ok()?, n.trim().parse().ok()?);
        (count >= 1 && index < count).then_some(Shard { index, count })
    }

    /// Whether run `id` belongs to this shard.
    pub fn holds(self, id: u64) -> bool {
        id % self.count == self.index
    }
}

/// The seed of variant `variant` without common random numbers: SplitMix64's finaliser of
/// the root seed and the variant number, so that neighbouring variants get unrelated seeds.
pub fn derive_seed(root: u64, variant: u64) -> u64 {
    let mut z = root ^ variant.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Every run of `sweep`, in id order, and each variant's scenario as it runs (its seed set
/// as the plan says).
pub fn plan(sweep: &LoadedSweep) -> (Vec<PlannedRun>, Vec<Scenario>) {
    let mut runs = Vec::new();
    let mut scenarios = Vec::with_capacity(sweep.variants.len());
    for (variant, (_, loaded)) in sweep.variants.iter().enumerate() {
        let mut scenario = loaded.scenario.clone();
        if !sweep.spec.common_random_numbers {
            scenario.simulation.seed = derive_seed(scenario.simulation.seed, variant as u64);
        }
        for replicate in 0..scenario.simulation.replicates {
            runs.push(PlannedRun {
                id: runs.len() as u64,
                variant,
                replicate,
                seed: scenario.simulation.seed,
            });
        }
        scenarios.push(scenario);
    }
    (runs, scenarios)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn sweep(text: &str) -> LoadedSweep {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(&path, text).unwrap();
        crate::scenario::load_sweep(Path::new(&path), &[]).unwrap()
    }

    #[test]
    fn runs_are_numbered_by_variant_then_replicate_with_common_seeds() {
        let s = sweep(
            "[simulation]\nreplicates = 2\nseed = 9\n\
             [sweep.grid]\n\"population.accounts\" = [100, 200, 300]\n",
        );
        let (runs, scenarios) = plan(&s);
        assert_eq!(runs.len(), 6);
        assert_eq!(scenarios.len(), 3);
        assert_eq!(scenarios[2].population.accounts, 300);
        assert_eq!(
            runs[3],
            PlannedRun {
                id: 3,
                variant: 1,
                replicate: 1,
                seed: 9
            }
        );
        assert!(runs.iter().all(|r| r.seed == 9));
    }

    #[test]
    fn without_common_random_numbers_each_variant_has_its_own_seed() {
        let s = sweep(
            "[simulation]\nseed = 9\n[sweep]\ncommon_random_numbers = false\n\
             [sweep.grid]\n\"population.accounts\" = [100, 200]\n",
        );
        let (runs, scenarios) = plan(&s);
        assert_eq!(runs[0].seed, derive_seed(9, 0));
        assert_eq!(runs[1].seed, derive_seed(9, 1));
        assert_ne!(runs[0].seed, runs[1].seed);
        assert_eq!(scenarios[1].simulation.seed, runs[1].seed);
    }

    #[test]
    fn shards_split_the_runs_without_overlap() {
        assert_eq!(Shard::parse("0/1"), Some(Shard::ALL));
        assert_eq!(Shard::parse(" 2 / 3 "), Some(Shard { index: 2, count: 3 }));
        for bad in ["3/3", "1/0", "-1/2", "1", "a/b", "1/2/3"] {
            assert_eq!(Shard::parse(bad), None, "{bad}");
        }
        let shards: Vec<Shard> = (0..3).map(|index| Shard { index, count: 3 }).collect();
        for id in 0..20 {
            assert_eq!(shards.iter().filter(|s| s.holds(id)).count(), 1);
        }
        assert!(Shard::ALL.holds(17));
    }

    #[test]
    fn derived_seeds_differ_and_are_stable() {
        assert_eq!(derive_seed(1, 0), derive_seed(1, 0));
        let seeds: std::collections::BTreeSet<u64> = (0..1000).map(|v| derive_seed(1, v)).collect();
        assert_eq!(seeds.len(), 1000);
        assert_ne!(derive_seed(1, 0), derive_seed(2, 0));
    }
}
