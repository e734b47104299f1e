//! Scenarios: one TOML file describes a world and its rules. This layer reads files
//! (`extends` chains, `--set` overrides), checks every key and value, and resolves them into
//! a [`Scenario`] the engine can run. Invariant: nothing past this layer sees TOML, and a
//! `Scenario` that exists is valid.

pub mod error;
pub mod load;
pub mod model;
pub mod pools;
pub mod presets;
pub mod resolved;
pub mod rules;
pub mod section;
pub mod sections;
#[cfg(test)]
mod stake_stats;
pub mod sweep;
pub mod tree;

pub use error::{Location, ScenarioError};

pub use model::{
    AdaptationConfig, BehaviourConfig, BidBotConfig, ChurnConfig, DiscoveryMix, EnvyConfig,
    GrowthConfig, InflationConfig, MarketConfig, NormsConfig, OutputConfig, PayoutVisibility,
    PopulationConfig, Scenario, SimulationConfig, StakeDistribution, StrategyMix, TypeShares,
    VisibilityConfig,
};
pub use pools::{CoopConfig, PoolRules, PoolScenario, PoolStake, PriceModel};

use std::path::{Path, PathBuf};

/// A scenario as loaded from a file, with what it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedScenario {
    /// The resolved, valid scenario.
    pub scenario: Scenario,
    /// The resolved scenario as a complete TOML document (every key, explicit values) that
    /// loads back to the same `Scenario`; printed by `check`, stored in manifest.toml.
    pub resolved_toml: String,
    /// The files read, the given one first, then each preset it extends.
    pub sources: Vec<PathBuf>,
}

/// Reads the scenario at `path`, follows its `extends` chain, applies `sets`
/// (`section.key=value` strings from `--set`, in order) and checks everything.
///
/// ```
/// use std::path::Path;
/// let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
/// let loaded = rewardsim::scenario::load(
///     &dir.join("steem-hf21.toml"),
///     &["population.accounts=500".to_string()],
/// )
/// .unwrap();
/// assert_eq!(loaded.scenario.population.accounts, 500);
/// assert!(loaded.resolved_toml.contains("[population.stake]"));
/// ```
pub fn load(path: &Path, sets: &[String]) -> Result<LoadedScenario, ScenarioError> {
    load::load(path, sets)
}

/// A sweep file as loaded: its `[sweep]` and every variant, each a valid scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedSweep {
    /// The parsed `[sweep]`.
    pub spec: sweep::SweepSpec,
    /// Every variant in order: its swept values and the scenario they make.
    pub variants: Vec<(sweep::VariantValues, LoadedScenario)>,
    /// The files read, the given one first, then each preset it extends.
    pub sources: Vec<PathBuf>,
}

/// Reads the sweep file at `path` as [`load()`] reads a scenario, applies `sets` to the
/// base, then builds every variant its `[sweep]` describes (docs/scenarios.md, `[sweep]`).
pub fn load_sweep(path: &Path, sets: &[String]) -> Result<LoadedSweep, ScenarioError> {
    load::load_sweep(path, sets)
}

/// Loads the built-in preset `name` (`steem-hf21`, …; see [`presets`]) as [`load()`] loads a
/// file, following its `extends` among the built-in presets and applying `sets` — the same
/// scenario whatever the working folder.
///
/// ```
/// let loaded = rewardsim::scenario::load_preset(
///     "steem-hf17",
///     &["population.accounts=500".to_string()],
/// )
/// .unwrap();
/// assert_eq!(loaded.scenario.name, "steem-hf17");
/// assert_eq!(loaded.scenario.population.accounts, 500);
/// assert!(rewardsim::scenario::load_preset("steem-hf99", &[]).is_err());
/// ```
pub fn load_preset(name: &str, sets: &[String]) -> Result<LoadedScenario, ScenarioError> {
    load::load_preset(name, sets)
}
