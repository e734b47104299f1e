//! Loader tests: every preset, extends, --set, the resolved round trip and each error kind.

use std::path::{Path, PathBuf};

use super::*;
use crate::mechanics::era::{Era, Rules};
use crate::scenario::StakeDistribution;

fn presets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// Writes `files` (name, text) into a new temporary folder.
fn files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn load_text(text: &str, sets: &[&str]) -> Result<LoadedScenario, ScenarioError> {
    let dir = files(&[("s.toml", text)]);
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    load(&dir.path().join("s.toml"), &sets)
}

fn error(text: &str, sets: &[&str]) -> String {
    load_text(text, sets).unwrap_err().to_string()
}

#[test]
fn every_preset_loads_and_round_trips() {
    for (name, _) in presets::PRESETS {
        let path = presets_dir().join(format!("{name}.toml"));
        let loaded = load(&path, &[]).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(loaded.scenario.name, *name);
        assert_eq!(loaded.sources[0], path);
        let dir = files(&[("resolved.toml", &loaded.resolved_toml)]);
        let again = load(&dir.path().join("resolved.toml"), &[]).unwrap();
        assert_eq!(again.scenario, loaded.scenario, "{name}");
        assert_eq!(
            again.resolved_toml.lines().skip(1).collect::<Vec<_>>(),
            loaded.resolved_toml.lines().skip(1).collect::<Vec<_>>(),
            "{name}"
        );
    }
}

#[test]
fn presets_have_their_era_and_start_block() {
    let expect = [
        ("steem-hf17", Era::SteemHf17, 10_629_000),
        ("steem-hf19", Era::SteemHf19, 13_000_000),
        ("steem-hf20", Era::SteemHf20, 26_256_000),
        ("steem-hf21", Era::SteemHf21, 35_000_000),
        ("hive-hf25", Era::HiveHf25, 55_000_000),
    ];
    for (name, era, block) in expect {
        let s = load(&presets_dir().join(format!("{name}.toml")), &[])
            .unwrap()
            .scenario;
        assert_eq!(
            (s.era, s.rules.era, s.inflation.start_block),
            (era, era, block),
            "{name}"
        );
        assert_eq!(s.rules, Rules::for_era(era), "{name}: no rule overrides");
    }
    let hf17 = load(&presets_dir().join("steem-hf17.toml"), &[])
        .unwrap()
        .scenario;
    assert_eq!(hf17.rules.content_reward_percent, 7500);
    let weighted = load(&presets_dir().join("stake-weighted.toml"), &[]).unwrap();
    let r = &weighted.scenario.rules;
    assert_eq!(
        (
            r.content_reward_percent,
            r.vesting_reward_percent,
            r.sps_fund_percent
        ),
        (4000, 4000, 1000)
    );
    assert_eq!(weighted.sources.len(), 2);
    let scale = load(&presets_dir().join("steem-scale.toml"), &[])
        .unwrap()
        .scenario;
    let p = &scale.population;
    let active = f64::from(p.accounts) * p.daily_active_share;
    assert_eq!(
        (active * p.author_share * p.posts_per_author_day).round(),
        60_000.0
    );
    assert_eq!(
        (active * p.curator_share * p.votes_per_curator_day).round(),
        1_000_000.0
    );
}

#[test]
fn steem_hf21_is_the_default_world_scaled_up() {
    let mut preset = load(&presets_dir().join("steem-hf21.toml"), &[])
        .unwrap()
        .scenario;
    let default = Scenario::default();
    preset.name = default.name.clone();
    preset.simulation = default.simulation.clone();
    // Arrivals replace the base exits of the preset's 20,000 accounts; the default world
    // has none.
    let replaced = preset.churn.base_exit_hazard * f64::from(preset.population.accounts);
    assert!((preset.growth.arrivals_per_day - replaced).abs() < 1e-9);
    preset.growth.arrivals_per_day = default.growth.arrivals_per_day;
    preset.population.accounts = default.population.accounts;
    assert_eq!(preset, default);
}

#[test]
fn extends_finds_builtin_presets_from_anywhere() {
    let loaded = load_text(
        "extends = \"steem-hf21\"\n[population]\naccounts = 100\n",
        &[],
    )
    .unwrap();
    assert_eq!(loaded.scenario.name, "s", "the name is not inherited");
    assert_eq!(loaded.scenario.population.accounts, 100);
    assert_eq!(loaded.scenario.simulation.days, 365, "inherited");
    assert_eq!(
        loaded.sources[1],
        PathBuf::from("<builtin>/steem-hf21.toml")
    );
    assert!(loaded.resolved_toml.contains("<builtin>/steem-hf21.toml"));
}

#[test]
fn extends_merges_key_by_key_through_paths_and_local_presets() {
    let dir = files(&[
        (
            "base.toml",
            "[population]\naccounts = 50\nauthor_share = 0.5\n[population.stake]\nalpha = 2.0\n",
        ),
        (
            "mid.toml",
            "extends = \"base\"\n[population]\naccounts = 60\n",
        ),
        (
            "child.toml",
            "extends = \"./mid.toml\"\n[population.stake]\nmin = 2\n",
        ),
    ]);
    let loaded = load(&dir.path().join("child.toml"), &[]).unwrap();
    let p = &loaded.scenario.population;
    assert_eq!((p.accounts, p.author_share), (60, 0.5));
    assert_eq!(
        p.stake,
        StakeDistribution::Pareto {
            alpha: 2.0,
            min: 2_000,
            max: 100_000_000_000
        }
    );
    assert_eq!(loaded.sources.len(), 3);
}

#[test]
fn set_overrides_after_extends_in_order() {
    let loaded = load_text(
        "extends = \"steem-hf21\"\n",
        &[
            "population.accounts=5000",
            "rules.era=steem_hf20",
            "population.stake.alpha=1.2",
            "name=renamed",
            "population.accounts = 6000",
            "behaviour.strategies = {honest = 1.0, self_voter = 0.0, curation_maximiser = 0.0, \
             vote_seller = 0.0, vote_buyer = 0.0, downvoter = 0.0, trail_follower = 0.0}",
        ],
    )
    .unwrap();
    let s = &loaded.scenario;
    assert_eq!(
        (s.population.accounts, s.era, s.name.as_str()),
        (6000, Era::SteemHf20, "renamed")
    );
    assert_eq!(
        s.rules.content_reward_percent, 7500,
        "the split follows the era"
    );
    assert!(matches!(s.population.stake, StakeDistribution::Pareto { alpha, .. } if alpha == 1.2));
    assert_eq!(s.behaviour.strategies.honest, 1.0);
}

#[test]
fn rules_overrides_apply_in_chain_units() {
    let s = load_text(
        "[rules]\nera = \"steem_hf21\"\npercent_curation_rewards = 2500\nauthor_curve = \"linear\"\ncontent_constant = \"4000000000000\"\n",
        &[],
    )
    .unwrap()
    .scenario;
    assert_eq!(s.rules.percent_curation_rewards, 2500);
    assert_eq!(s.rules.content_constant, 4_000_000_000_000);
    assert_eq!(s.era, Era::SteemHf21);
}

#[test]
fn unknown_keys_and_sections_suggest_and_list() {
    let text = error("[population]\nacounts = 5\n", &[]);
    assert!(
        text.contains("s.toml: line 2: unknown key 'population.acounts', did you mean 'accounts'?"),
        "{text}"
    );
    assert!(
        text.contains("allowed: accounts, daily_active_share"),
        "{text}"
    );
    let text = error("[populaton]\naccounts = 5\n", &[]);
    assert!(
        text.contains("line 1: unknown section 'populaton', did you mean 'population'?"),
        "{text}"
    );
    let text = error("", &["populaton.accounts=5"]);
    assert!(
        text.starts_with(
            "--set populaton.accounts=5: unknown section 'populaton', did you mean 'population'?"
        ),
        "{text}"
    );
    let text = error("[behaviour.strategies]\nhonnest = 1\n", &[]);
    assert!(
        text.contains("'behaviour.strategies.honnest', did you mean 'honest'?"),
        "{text}"
    );
}

#[test]
fn wrong_types_name_the_key_line_and_type() {
    let text = error("[simulation]\ndays = 30.0\n", &[]);
    assert!(
        text.ends_with(
            "s.toml: line 2: simulation.days = 30.0 has the wrong type; expected an integer"
        ),
        "{text}"
    );
    let text = error("[population]\nquality_mean = \"high\"\n", &[]);
    assert!(
        text.contains("population.quality_mean = \"high\" has the wrong type; expected a number"),
        "{text}"
    );
    let text = error("[rules]\npercent_curation_rewards = \"50\"\n", &[]);
    assert!(
        text.contains(
            "rules.percent_curation_rewards = \"50\" has the wrong type; expected an integer"
        ),
        "{text}"
    );
    let text = error("simulation = 5\n", &[]);
    assert!(
        text.contains("simulation = 5 has the wrong type; expected a table ([simulation])"),
        "{text}"
    );
}

#[test]
fn out_of_range_values_say_what_is_allowed() {
    let text = error("[population]\naccounts = 5\n", &[]);
    assert!(
        text.contains(
            "line 2: population.accounts = 5 is not allowed; allowed: an integer in 10..=10000000"
        ),
        "{text}"
    );
    let text = error("[market]\nprice = 0.0001\n", &[]);
    assert!(
        text.contains("market.price = 0.0001 is not allowed; allowed: 0.001 to"),
        "{text}"
    );
    let text = error("[rules]\nera = \"steem_hf2l\"\n", &[]);
    assert!(
        text.contains("rules.era = \"steem_hf2l\" is not allowed; allowed: one of steem_hf17,"),
        "{text}"
    );
    assert!(
        text.ends_with("hive_hf28 (did you mean 'steem_hf21'?)"),
        "{text}"
    );
    let text = error("[rules]\nauthor_curve = \"convergent_lineer\"\n", &[]);
    assert!(text.contains("allowed: one of "), "{text}");
    assert!(
        text.contains("(did you mean 'convergent_linear'?)"),
        "{text}"
    );
    let text = error("[rules]\npercent_curation_rewards = 10001\n", &[]);
    assert!(
        text.contains("rules.percent_curation_rewards = 10001 is not allowed; allowed: 0..=10000"),
        "{text}"
    );
    let text = error("[rules]\ndownvote_pool_percent = 70000\n", &[]);
    assert!(text.contains("allowed: an integer in 0..=65535"), "{text}");
    let text = error("[population.stake]\ndistribution = \"uniform\"\n", &[]);
    assert!(
        text.contains("population.stake.distribution = \"uniform\""),
        "{text}"
    );
    let text = error("name = \"a b\"\n", &[]);
    assert!(text.contains("name = \"a b\" is not allowed"), "{text}");
}

#[test]
fn missing_file_says_cannot_read() {
    let err = load(Path::new("no/such/file.toml"), &[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no/such/file.toml: cannot read: No such file or directory"
    );
    let text = error("extends = \"missing.toml\"\n", &[]);
    assert!(
        text.contains("missing.toml: cannot read: No such file or directory (extended from"),
        "{text}"
    );
}

#[test]
fn unknown_preset_lists_presets_and_suggests() {
    let text = error("\nextends = \"steem-hf22\"\n", &[]);
    assert!(
        text.contains(
            "s.toml: line 2: extends = \"steem-hf22\": unknown preset, did you mean 'steem-hf21'?"
        ),
        "{text}"
    );
    assert!(
        text.contains("available presets: steem-hf17, steem-hf19"),
        "{text}"
    );
}

#[test]
fn circular_extends_names_the_cycle() {
    let dir = files(&[
        ("a.toml", "extends = \"b\"\n"),
        ("b.toml", "extends = \"a.toml\"\n"),
    ]);
    let err = load(&dir.path().join("a.toml"), &[]).unwrap_err();
    let a = dir.path().join("a.toml").display().to_string();
    let b = dir.path().join("b.toml").display().to_string();
    assert_eq!(
        err,
        ScenarioError::CircularExtends {
            at: format!("{b}: line 1"),
            chain: format!("{a} → {b} → {a}")
        }
    );
    assert!(
        err.to_string()
            .contains("line 1: circular extends: key 'extends'"),
        "{err}"
    );
    let dir = files(&[("self.toml", "extends = \"self\"\n")]);
    assert!(matches!(
        load(&dir.path().join("self.toml"), &[]),
        Err(ScenarioError::CircularExtends { .. })
    ));
}

#[test]
fn inflation_split_must_sum_to_100() {
    let text = error("[inflation]\ncontent = 40\n", &[]);
    assert!(
        text.contains(
            "inflation.content + stakers + dao + witnesses = 40.00 + 15.00 + 10.00 + 10.00 = 75.00"
        ),
        "{text}"
    );
    let s = load_text(
        "[inflation]\ncontent = 64.5\nwitnesses = 10.5\nrate_start_percent = 9.5\n",
        &[],
    )
    .unwrap()
    .scenario;
    assert_eq!(
        (
            s.rules.content_reward_percent,
            s.rules.inflation_rate_start_percent
        ),
        (6450, 950)
    );
    let text = error("[inflation]\nrate_stop_percent = 20\n", &[]);
    assert!(
        text.contains("inflation.rate_stop_percent = 2000 is not allowed"),
        "{text}"
    );
}

#[test]
fn inflation_keys_in_rules_point_to_inflation() {
    let text = error("[rules]\ncontent_reward_percent = 5000\n", &[]);
    assert!(
        text.contains("line 2: rules.content_reward_percent is an inflation parameter"),
        "{text}"
    );
    assert!(text.contains("use inflation.content"), "{text}");
    let text = error("", &["rules.inflation_narrowing_period=1"]);
    assert!(
        text.contains("use inflation.narrowing_period_blocks"),
        "{text}"
    );
}

#[test]
fn bad_set_arguments_are_named() {
    assert!(error("", &["population.accounts"])
        .starts_with("--set population.accounts: expected section.key=value"));
    assert!(error("name = \"n\"\n", &["name.x=1"]).contains("'name' is a value"));
    assert!(error("", &["extends=steem-hf20"]).contains("extends cannot be set"));
    assert!(error("", &["population..accounts=1"]).contains("empty part"));
}

#[test]
fn syntax_errors_name_line_and_column() {
    let text = error("[population]\naccounts = = 5\n", &[]);
    assert!(text.contains("s.toml: line 2, column"), "{text}");
    assert!(text.contains("invalid TOML"), "{text}");
}
