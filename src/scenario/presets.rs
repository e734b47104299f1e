//! The presets built into the binary (the `scenarios/*.toml` files, embedded), so
//! `extends = "steem-hf21"` works from any working directory and in tests.

/// Every built-in preset: its name (the file stem) and its text.
pub const PRESETS: &[(&str, &str)] = &[
    (
        "steem-hf17",
        include_str!("../../scenarios/steem-hf17.toml"),
    ),
    (
        "steem-hf19",
        include_str!("../../scenarios/steem-hf19.toml"),
    ),
    (
        "steem-hf20",
        include_str!("../../scenarios/steem-hf20.toml"),
    ),
    (
        "steem-hf21",
        include_str!("../../scenarios/steem-hf21.toml"),
    ),
    ("hive-hf25", include_str!("../../scenarios/hive-hf25.toml")),
    (
        "stake-weighted",
        include_str!("../../scenarios/stake-weighted.toml"),
    ),
    (
        "hidden-payouts",
        include_str!("../../scenarios/hidden-payouts.toml"),
    ),
    (
        "multi-token",
        include_str!("../../scenarios/multi-token.toml"),
    ),
    (
        "tribe-market",
        include_str!("../../scenarios/tribe-market.toml"),
    ),
    (
        "coop-market",
        include_str!("../../scenarios/coop-market.toml"),
    ),
    (
        "steem-scale",
        include_str!("../../scenarios/steem-scale.toml"),
    ),
];

/// The text of the preset called `name`, if there is one.
pub fn find(name: &str) -> Option<(&'static str, &'static str)> {
    PRESETS.iter().copied().find(|(preset, _)| *preset == name)
}

/// The names of all presets, in [`PRESETS`] order.
pub fn names() -> Vec<&'static str> {
    PRESETS.iter().map(|(name, _)| *name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_file_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let stem = path.file_stem().unwrap().to_str().unwrap();
                assert!(find(stem).is_some(), "{stem} is not in PRESETS");
            }
        }
        assert!(find("steem_hf21").is_none());
    }
}
