//! `manifest.toml`: how a result folder was made.
//!
//! The top part is the resolved scenario exactly as `rewardsim check` prints it
//! ([`LoadedScenario::resolved_toml`]), so `diff` against a `check` shows what changed.
//! Below it come two tables the scenario never uses:
//!
//! * `[run]`: `program = "rewardsim"` (how [`is_rewardsim_manifest`] recognises a result
//!   folder), `rewardsim_version`, `seed` (an integer, or a string above 2^63 − 1, which TOML
//!   integers cannot hold), `replicates`, `sources` (the scenario file, then each preset it
//!   extends) and `sets` (the `--set` arguments, in order);
//! * `[timing]`: `wall_time_seconds`, to the millisecond.
//!
//! Invariant: two runs of the same command give manifests that differ only in `[timing]`.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::scenario::LoadedScenario;

/// The manifest's file name inside a result folder.
pub const FILE_NAME: &str = "manifest.toml";

/// The first line of every manifest.
const HEADER: &str = "# rewardsim result manifest: the resolved scenario (as `rewardsim check` prints it), then [run] and [timing].";

#[derive(Serialize)]
struct Tail {
    run: RunTable,
    timing: TimingTable,
}

#[derive(Serialize)]
struct RunTable {
    program: &'static str,
    rewardsim_version: &'static str,
    seed: toml::Value,
    replicates: u32,
    sources: Vec<String>,
    sets: Vec<String>,
}

/// `[timing]` of a manifest: the only table that differs between two runs of one thing.
#[derive(Serialize)]
pub(crate) struct TimingTable {
    /// Wall time of the whole command, seconds.
    pub wall_time_seconds: f64,
}

/// `[run]` of the manifest of a command over several scenarios (`calibrate`, `compare`).
#[derive(Serialize)]
pub(crate) struct CommandRunTable<'a> {
    /// Always "rewardsim" ([`is_rewardsim_manifest`] looks for it).
    pub program: &'static str,
    /// The command that wrote the folder.
    pub command: &'static str,
    /// rewardsim's version.
    pub rewardsim_version: &'static str,
    /// The `--set` arguments, in order.
    pub sets: &'a [String],
}

/// The manifest of a run of `loaded` with the `--set` arguments `sets` that took
/// `wall_time`. Errors say why the document would not be valid TOML.
pub fn compose(
    loaded: &LoadedScenario,
    sets: &[String],
    wall_time: Duration,
) -> Result<String, String> {
    let simulation = &loaded.scenario.simulation;
    let seed = i64::try_from(simulation.seed)
        .map(toml::Value::Integer)
        .unwrap_or_else(|_| toml::Value::String(simulation.seed.to_string()));
    let tail = Tail {
        run: RunTable {
            program: "rewardsim",
            rewardsim_version: env!("CARGO_PKG_VERSION"),
            seed,
            replicates: simulation.replicates,
            sources: loaded
                .sources
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect(),
            sets: sets.to_vec(),
        },
        timing: TimingTable {
            wall_time_seconds: wall_time.as_millis() as f64 / 1000.0,
        },
    };
    let tail = toml::to_string(&tail).map_err(|e| e.to_string())?;
    let mut document = String::new();
    document.push_str(HEADER);
    document.push_str("\n\n");
    document.push_str(loaded.resolved_toml.trim_end());
    document.push_str("\n\n");
    document.push_str(&tail);
    let parsed: toml::Table = document
        .parse()
        .map_err(|e: toml::de::Error| format!("the result is not valid TOML: {e}"))?;
    if !is_rewardsim_table(&parsed) {
        return Err("the resolved scenario has [run] or [timing] tables of its own".into());
    }
    Ok(document)
}

/// True when `bytes` is a manifest written by [`compose`]: valid TOML with
/// `run.program = "rewardsim"`.
pub fn is_rewardsim_manifest(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .is_some_and(|table| is_rewardsim_table(&table))
}

fn is_rewardsim_table(table: &toml::Table) -> bool {
    table
        .get("run")
        .and_then(|run| run.get("program"))
        .and_then(toml::Value::as_str)
        == Some("rewardsim")
}

/// Writes the manifest into `folder`.
pub fn write(
    folder: &Path,
    loaded: &LoadedScenario,
    sets: &[String],
    wall_time: Duration,
) -> Result<(), super::OutputError> {
    let path = folder.join(FILE_NAME);
    let document =
        compose(loaded, sets, wall_time).map_err(|message| super::OutputError::Manifest {
            path: path.clone(),
            message,
        })?;
    std::fs::write(&path, document).map_err(|source| super::OutputError::Write { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use std::path::PathBuf;

    fn loaded(resolved_toml: &str) -> LoadedScenario {
        let mut scenario = Scenario::default();
        scenario.simulation.replicates = 3;
        LoadedScenario {
            scenario,
            resolved_toml: resolved_toml.to_string(),
            sources: vec![
                PathBuf::from("scenarios/mine.toml"),
                PathBuf::from("scenarios/presets/steem-hf21.toml"),
            ],
        }
    }

    #[test]
    fn snapshot() {
        let document = compose(
            &loaded("name = \"mine\"\n\n[simulation]\ndays = 30\n"),
            &["simulation.days=30".to_string()],
            Duration::from_micros(12_345_678),
        )
        .unwrap();
        let expected = format!(
            "{HEADER}\n\nname = \"mine\"\n\n[simulation]\ndays = 30\n\n\
             [run]\nprogram = \"rewardsim\"\nrewardsim_version = \"{}\"\nseed = 1\n\
             replicates = 3\nsources = [\"scenarios/mine.toml\", \"scenarios/presets/steem-hf21.toml\"]\n\
             sets = [\"simulation.days=30\"]\n\n[timing]\nwall_time_seconds = 12.345\n",
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(document, expected);
        assert!(is_rewardsim_manifest(document.as_bytes()));
    }

    #[test]
    fn only_timing_differs_between_runs() {
        let scenario = loaded("name = \"mine\"\n");
        let a = compose(&scenario, &[], Duration::from_secs(1)).unwrap();
        let b = compose(&scenario, &[], Duration::from_secs(2)).unwrap();
        let cut = |s: &str| s[..s.find("[timing]").unwrap()].to_string();
        assert_eq!(cut(&a), cut(&b));
        assert_ne!(a, b);
    }

    #[test]
    fn huge_seed_is_a_string() {
        let mut scenario = loaded("name = \"mine\"\n");
        scenario.scenario.simulation.seed = u64::MAX;
        let document = compose(&scenario, &[], Duration::ZERO).unwrap();
        assert!(
            document.contains("seed = \"18446744073709551615\""),
            "{document}"
        );
    }

    #[test]
    fn scenario_with_its_own_run_table_is_refused() {
        let clash = compose(&loaded("[run]\nx = 1\n"), &[], Duration::ZERO);
        assert!(clash.is_err());
    }

    #[test]
    fn recognition() {
        assert!(!is_rewardsim_manifest(b"[run]\nprogram = \"other\"\n"));
        assert!(!is_rewardsim_manifest(b"not toml ["));
        assert!(!is_rewardsim_manifest(&[0xff, 0xfe]));
    }
}
