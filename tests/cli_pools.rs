//! `[pools.NAME]` from the command line: a multi-token run writes pools.csv beside the base
//! chain's tables, and bad pool tables exit 2 naming the file, line and key.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn run(file: &Path, out: &Path, sets: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("rewardsim")
        .unwrap()
        .arg("run")
        .arg(file)
        .arg("--out")
        .arg(out)
        .arg("-q")
        .args(["--set", "population.accounts=1500"])
        .args(["--set", "simulation.warmup_days=2"])
        .args(["--set", "simulation.days=4"])
        .args(sets.iter().flat_map(|s| ["--set", s]))
        .assert()
}

#[test]
fn a_multi_token_run_writes_pools_csv_and_its_chart() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let preset = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/multi-token.toml");
    run(&preset, &out, &[]).success();
    let text = fs::read_to_string(out.join("pools.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..4], ["replicate", "day", "pool", "family"]);
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 12, "4 days × 3 pools");
    let col = |name: &str| header.iter().position(|c| *c == name).unwrap();
    // PAL mints 0.375 PAL every 3 s: 10,800.000 PAL a day.
    for row in rows.iter().filter(|r| r[col("pool")] == "PAL") {
        assert_eq!(row[col("minted_units")], "10800000");
        assert_eq!(row[col("steady_state_pool_units")], "162000000");
    }
    // The SMT pays everything vested: nothing liquid, nothing sold.
    for row in rows.iter().filter(|r| r[col("pool")] == "BRAIN") {
        assert_eq!(row[col("family")], "smt");
        assert_eq!(row[col("liquid_units")], "0");
        assert_eq!(row[col("sold_units")], "0");
    }
    let manifest = fs::read_to_string(out.join("manifest.toml")).unwrap();
    assert!(manifest.contains("[pools.PAL.rules]"), "{manifest}");
    assert!(manifest.contains("[pools.BRAIN.emission]"), "{manifest}");
    assert!(out.join("charts/pools.png").is_file());
    let report = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("charts/pools.png"), "{report}");
}

#[test]
fn bad_pool_tables_exit_2_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str)] = &[
        (
            "[pools.PAL]\npreset = \"pal\"\n[pools.PAL.rules]\ncuration_reward_curve_parameter = \"1.5\"\n",
            "line 5: pools.PAL.rules.curation_reward_curve_parameter",
        ),
        ("[pools.PAL]\npreset = \"pall\"\n", "pools.PAL.preset = \"pall\" is not allowed; allowed: a built-in pool preset: pal, leo, sct, smt-default, did you mean 'pal'"),
        ("[pools.PAL]\nmembrs = 0.2\n", "pools.PAL.membrs"),
        ("[pools.pal]\nmembers = 0.2\n", "a token symbol"),
        (
            "[pools.PAL]\n[pools.PAL.price]\nmodel = \"path\"\npath = [[5, 1.0], [2, 1.0]]\n",
            "line 5: pools.PAL.price.path",
        ),
        (
            "[pools.PAL]\n[pools.PAL.rules]\nreward_interval_seconds = 4\n",
            "pools.PAL.rules.reward_interval_seconds",
        ),
        ("[pools.PAL]\nmembers = \"many\"\n", "pools.PAL.members"),
        ("[pools.PAL]\nfamily = \"scot\"\n", "pools.PAL.family"),
        (
            "[pools.SMT]\nfamily = \"smt\"\n[pools.SMT.emission]\ninterval_seconds = 3600\n",
            "pools.SMT.emission.interval_seconds",
        ),
        (
            "[pools.SMT]\nfamily = \"smt\"\n[pools.SMT.rules]\nauthor_reward_curve = \"cubic\"\n",
            "pools.SMT.rules.author_reward_curve",
        ),
        (
            "[pools.PAL]\n[pools.PAL.emission]\nrewards = 1\n",
            "emission is for family = \"smt\"",
        ),
        (
            "[pools.PAL]\n[pools.PAL.rules]\nreward_reduction_percentage = \"7\"\n",
            "together with reward_reduction_interval_seconds",
        ),
    ];
    for (k, (body, expected)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("bad{k}.toml"));
        fs::write(&file, format!("extends = \"steem-hf21\"\n{body}")).unwrap();
        let out = dir.path().join(format!("out{k}"));
        let assert = run(&file, &out, &[]).code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(stderr.contains(&format!("bad{k}.toml")), "{stderr}");
        assert!(stderr.contains(expected), "case {k}: {stderr}");
        assert!(!out.exists(), "case {k} wrote output");
    }
}

#[test]
fn compare_overlays_the_pools_of_its_variants() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    Command::cargo_bin("rewardsim")
        .unwrap()
        .arg("compare")
        .arg(scenarios.join("tribe-market.toml"))
        .arg(scenarios.join("coop-market.toml"))
        .args(["--replicates", "2", "--out"])
        .arg(&out)
        .arg("-q")
        .args(["--set", "population.accounts=1500"])
        .args(["--set", "simulation.warmup_days=8"])
        .args(["--set", "simulation.days=3"])
        .assert()
        .success();
    let text = fs::read_to_string(out.join("pools.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..4], ["variant", "replicate", "day", "pool"]);
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 2 * 2 * 3, "2 variants × 2 replicates × 3 days");
    // Posts pay after 7 days; from then on members of coop-market buy goods, and nobody
    // in tribe-market does.
    let sales = header
        .iter()
        .position(|c| *c == "coop_sales_units")
        .unwrap();
    let sold = |variant: &str| {
        rows.iter()
            .filter(|r| r[0] == variant)
            .any(|r| r[sales] != "0")
    };
    assert!(sold("coop-market") && !sold("tribe-market"));
    let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(summary.contains("community_coop_value_steem"));
    for chart in ["pools", "pool-balance", "pool-prices"] {
        assert!(out.join(format!("charts/{chart}.png")).is_file(), "{chart}");
    }
}
