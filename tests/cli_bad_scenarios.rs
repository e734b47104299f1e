//! `rewardsim run` on bad scenarios: unknown key, wrong type, out-of-range value, missing
//! file, unknown preset, circular extends and bad `--set` arguments all exit 2 with a message
//! naming the file (or the `--set` argument) and the key, and create nothing: no output
//! folder, no temporary folder, nothing beside the scenario.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

/// Everything under `folder` (recursively), sorted, as relative paths.
fn listing(folder: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path.clone());
            }
            all.push(path.strip_prefix(folder).unwrap().to_path_buf());
        }
    }
    all.sort();
    all
}

/// A folder of scenario files and a separate, empty parent for the output folder.
struct Setup {
    scenarios: tempfile::TempDir,
    outputs: tempfile::TempDir,
}

impl Setup {
    fn new(files: &[(&str, &str)]) -> Setup {
        let setup = Setup {
            scenarios: tempfile::tempdir().unwrap(),
            outputs: tempfile::tempdir().unwrap(),
        };
        for (name, text) in files {
            fs::write(setup.scenarios.path().join(name), text).unwrap();
        }
        setup
    }

    fn path(&self, name: &str) -> PathBuf {
        self.scenarios.path().join(name)
    }

    /// Runs `rewardsim run FILE --out <outputs>/result [--set S]...` and checks that it exits
    /// 2 with nothing on standard output and nothing created; returns standard error.
    fn run_fails(&self, file: &str, sets: &[&str]) -> String {
        let scenarios_before = listing(self.scenarios.path());
        assert!(listing(self.outputs.path()).is_empty());
        let mut command = rewardsim();
        command
            .current_dir(self.scenarios.path())
            .arg("run")
            .arg(self.path(file))
            .arg("--out")
            .arg(self.outputs.path().join("result"));
        for set in sets {
            command.arg("--set").arg(set);
        }
        let output = command.assert().code(2).stdout("").get_output().clone();
        assert!(
            listing(self.outputs.path()).is_empty(),
            "{file} {sets:?}: created {:?}",
            listing(self.outputs.path())
        );
        assert_eq!(
            listing(self.scenarios.path()),
            scenarios_before,
            "{file} {sets:?}: something was created beside the scenario"
        );
        String::from_utf8(output.stderr).unwrap()
    }
}

fn assert_names(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(
            stderr.contains(part),
            "stderr does not name {part:?}: {stderr}"
        );
    }
}

const GOOD: &str = "[simulation]\ndays = 2\nwarmup_days = 0\n\n[population]\naccounts = 50\n\n\
                    [output]\ncharts = false\n";

#[test]
fn unknown_key_names_file_line_key_and_a_suggestion() {
    let setup = Setup::new(&[(
        "typo.toml",
        "name = \"typo\"\n\n[simulation]\ndays = 3\nwarmup_dayz = 1\n",
    )]);
    let stderr = setup.run_fails("typo.toml", &[]);
    assert_names(
        &stderr,
        &[
            "typo.toml",
            "line 5",
            "simulation.warmup_dayz",
            "did you mean 'warmup_days'",
        ],
    );
}

#[test]
fn unknown_section_has_a_suggestion() {
    let setup = Setup::new(&[("typo.toml", "[simulaton]\ndays = 3\n")]);
    let stderr = setup.run_fails("typo.toml", &[]);
    assert_names(&stderr, &["typo.toml", "line 1", "simulaton", "simulation"]);
}

#[test]
fn wrong_type_names_file_line_and_key() {
    let setup = Setup::new(&[
        ("string.toml", "[simulation]\ndays = \"three\"\n"),
        ("float.toml", "[simulation]\n\ndays = 30.0\n"),
        ("number.toml", "[behaviour]\nvote_weight = \"full\"\n"),
    ]);
    let stderr = setup.run_fails("string.toml", &[]);
    assert_names(
        &stderr,
        &["string.toml", "line 2", "simulation.days", "integer"],
    );
    let stderr = setup.run_fails("float.toml", &[]);
    assert_names(
        &stderr,
        &["float.toml", "line 3", "simulation.days", "integer"],
    );
    let stderr = setup.run_fails("number.toml", &[]);
    assert_names(&stderr, &["number.toml", "line 2", "behaviour.vote_weight"]);
}

#[test]
fn out_of_range_value_names_file_line_key_and_what_is_allowed() {
    let setup = Setup::new(&[
        ("few.toml", "[population]\naccounts = 5\n"),
        ("long.toml", "[simulation]\ndays = 0\n"),
        (
            "split.toml",
            "[inflation]\ncontent = 50\nstakers = 50\ndao = 10\nwitnesses = 10\n",
        ),
        ("share.toml", "[population]\n\n\ndaily_active_share = 1.5\n"),
        // A mood that could multiply rates without bound.
        ("mood.toml", "[envy]\nactivity_at_worst = 0.001\n"),
    ]);
    let stderr = setup.run_fails("few.toml", &[]);
    assert_names(
        &stderr,
        &["few.toml", "line 2", "population.accounts", "10..=10000000"],
    );
    let stderr = setup.run_fails("long.toml", &[]);
    assert_names(
        &stderr,
        &["long.toml", "line 2", "simulation.days", "1..=3650"],
    );
    let stderr = setup.run_fails("split.toml", &[]);
    assert_names(&stderr, &["split.toml", "inflation", "120"]);
    let stderr = setup.run_fails("share.toml", &[]);
    assert_names(
        &stderr,
        &["share.toml", "line 4", "population.daily_active_share"],
    );
    let stderr = setup.run_fails("mood.toml", &[]);
    assert_names(
        &stderr,
        &["mood.toml", "line 2", "envy.activity_at_worst", "0.1"],
    );
}

#[test]
fn missing_file_names_it() {
    let setup = Setup::new(&[]);
    let stderr = setup.run_fails("no-such-scenario.toml", &[]);
    assert_names(&stderr, &["no-such-scenario.toml", "cannot read"]);
}

#[test]
fn missing_parent_names_it_and_the_extending_file() {
    let setup = Setup::new(&[("child.toml", "extends = \"no-such-parent.toml\"\n")]);
    let stderr = setup.run_fails("child.toml", &[]);
    assert_names(&stderr, &["no-such-parent.toml", "child.toml", "line 1"]);
}

#[test]
fn error_in_a_parent_names_the_parent_file_and_line() {
    let setup = Setup::new(&[
        (
            "child.toml",
            "extends = \"parent.toml\"\n\n[simulation]\ndays = 3\n",
        ),
        ("parent.toml", "[simulation]\n\nseed = -4\n"),
    ]);
    let stderr = setup.run_fails("child.toml", &[]);
    assert_names(&stderr, &["parent.toml", "line 3", "simulation.seed"]);
}

#[test]
fn unknown_preset_names_file_line_extends_and_a_suggestion() {
    let setup = Setup::new(&[("proposal.toml", "extends = \"steem-hf99\"\n")]);
    let stderr = setup.run_fails("proposal.toml", &[]);
    assert_names(
        &stderr,
        &[
            "proposal.toml",
            "line 1",
            "extends",
            "steem-hf99",
            "did you mean 'steem-hf19'",
        ],
    );
}

#[test]
fn circular_extends_exits_2_naming_the_cycle() {
    let setup = Setup::new(&[
        ("a.toml", "extends = \"b.toml\"\n\n[simulation]\ndays = 3\n"),
        ("b.toml", "extends = \"a.toml\"\n"),
        // The same cycle through preset names found beside the file.
        ("c.toml", "extends = \"d\"\n"),
        ("d.toml", "extends = \"c\"\n"),
        ("self.toml", "extends = \"self.toml\"\n"),
    ]);
    let stderr = setup.run_fails("a.toml", &[]);
    assert_names(&stderr, &["circular", "a.toml", "b.toml"]);
    let stderr = setup.run_fails("c.toml", &[]);
    assert_names(&stderr, &["circular", "c.toml", "d.toml"]);
    let stderr = setup.run_fails("self.toml", &[]);
    assert_names(&stderr, &["circular", "self.toml"]);
}

#[test]
fn circular_extends_names_the_key_and_line() {
    let setup = Setup::new(&[
        ("a.toml", "extends = \"b.toml\"\n\n[simulation]\ndays = 3\n"),
        ("b.toml", "# b\nextends = \"a.toml\"\n"),
    ]);
    let stderr = setup.run_fails("a.toml", &[]);
    assert_names(&stderr, &["b.toml", "line 2", "extends"]);
}

#[test]
fn bad_set_names_the_argument_and_the_key() {
    let setup = Setup::new(&[("good.toml", GOOD)]);
    let stderr = setup.run_fails("good.toml", &["simulation.dayz=3"]);
    assert_names(
        &stderr,
        &[
            "--set simulation.dayz=3",
            "simulation.dayz",
            "did you mean 'days'",
        ],
    );
    let stderr = setup.run_fails("good.toml", &["simulation.days=abc"]);
    assert_names(
        &stderr,
        &["--set simulation.days=abc", "simulation.days", "integer"],
    );
    let stderr = setup.run_fails("good.toml", &["simulation.days=0"]);
    assert_names(
        &stderr,
        &["--set simulation.days=0", "simulation.days", "1..=3650"],
    );
    let stderr = setup.run_fails("good.toml", &["rules.era=steem_hf22"]);
    assert_names(&stderr, &["--set rules.era=steem_hf22", "rules.era"]);
    let stderr = setup.run_fails("good.toml", &["extends=steem-hf21"]);
    assert_names(&stderr, &["--set extends=steem-hf21", "extends"]);
    // A later good --set does not hide an earlier bad one.
    let stderr = setup.run_fails("good.toml", &["population.accounts=1", "simulation.days=2"]);
    assert_names(
        &stderr,
        &["--set population.accounts=1", "population.accounts"],
    );
    // Not KEY=VALUE at all: clap refuses it before anything is read.
    let stderr = setup.run_fails("good.toml", &["simulation.days"]);
    assert_names(&stderr, &["simulation.days", "KEY=VALUE"]);
}

#[test]
fn the_good_scenario_of_these_tests_runs() {
    // The bad --set cases above fail because of the --set, not the file.
    let setup = Setup::new(&[("good.toml", GOOD)]);
    rewardsim()
        .arg("run")
        .arg(setup.path("good.toml"))
        .arg("--out")
        .arg(setup.outputs.path().join("result"))
        .arg("-q")
        .assert()
        .success();
    assert!(setup.outputs.path().join("result/timeseries.csv").is_file());
}

#[test]
fn visibility_switches_and_norms_are_checked_with_file_and_line() {
    let setup = Setup::new(&[
        (
            "buckets.toml",
            "[visibility]\npayouts = \"relative\"\nrelative_buckets = 1\n",
        ),
        ("voters.toml", "[visibility]\nvoters = \"hidden\"\n"),
        ("mode.toml", "[visibility]\npayouts = \"ranked\"\n"),
        (
            "norms.toml",
            "[norms]\nbelow_median_raise = 0.5\nabove_median_cut = 2\n",
        ),
        ("typo.toml", "[norms]\nmemory_day = 7\n"),
    ]);
    assert_names(
        &setup.run_fails("buckets.toml", &[]),
        &[
            "buckets.toml",
            "line 3",
            "visibility.relative_buckets",
            "2..=100",
        ],
    );
    assert_names(
        &setup.run_fails("voters.toml", &[]),
        &[
            "voters.toml",
            "line 2",
            "visibility.voters",
            "true or false",
        ],
    );
    assert_names(
        &setup.run_fails("mode.toml", &[]),
        &["mode.toml", "line 2", "visibility.payouts", "\"relative\""],
    );
    assert_names(
        &setup.run_fails("norms.toml", &[]),
        &["norms.toml", "line 3", "norms.above_median_cut", "0..=1"],
    );
    assert_names(
        &setup.run_fails("typo.toml", &[]),
        &[
            "typo.toml",
            "line 2",
            "norms.memory_day",
            "did you mean 'memory_days'",
        ],
    );
    let good = Setup::new(&[("good.toml", GOOD)]);
    assert_names(
        &good.run_fails("good.toml", &["visibility.activity_counts=maybe"]),
        &["visibility.activity_counts", "true or false"],
    );
}

#[test]
fn trail_keys_are_checked_with_file_line_and_key() {
    let setup = Setup::new(&[
        ("delay.toml", "[behaviour]\ntrail_delay_seconds = 100\n"),
        ("zero.toml", "[behaviour]\n\ntrail_delay_seconds = 0\n"),
        ("leaders.toml", "[behaviour]\ntrail_leaders = 0\n"),
        (
            "share.toml",
            "[behaviour.strategies]\nhonest = 0.6\ntrail_follower = 0.5\n",
        ),
        (
            "typo.toml",
            "[behaviour.strategies]\ntrail_followers = 0.1\n",
        ),
    ]);
    assert_names(
        &setup.run_fails("delay.toml", &[]),
        &[
            "delay.toml",
            "line 2",
            "behaviour.trail_delay_seconds",
            "a multiple of 3",
        ],
    );
    assert_names(
        &setup.run_fails("zero.toml", &[]),
        &[
            "zero.toml",
            "line 3",
            "behaviour.trail_delay_seconds",
            "3..=86400",
        ],
    );
    assert_names(
        &setup.run_fails("leaders.toml", &[]),
        &[
            "leaders.toml",
            "line 2",
            "behaviour.trail_leaders",
            "1..=10000",
        ],
    );
    // The shares' sum names every key, trail_follower among them.
    assert_names(
        &setup.run_fails("share.toml", &[]),
        &[
            "share.toml",
            "behaviour.strategies.honest",
            "trail_follower",
            "= 1.45",
        ],
    );
    assert_names(
        &setup.run_fails("typo.toml", &[]),
        &[
            "typo.toml",
            "line 2",
            "behaviour.strategies.trail_followers",
            "did you mean 'trail_follower'",
        ],
    );
    let good = Setup::new(&[("good.toml", GOOD)]);
    assert_names(
        &good.run_fails("good.toml", &["behaviour.strategies.trail_follower=-0.1"]),
        &["behaviour.strategies.trail_follower", "0..=1"],
    );
    assert_names(
        &good.run_fails("good.toml", &["behaviour.trail_delay_seconds=86403"]),
        &["behaviour.trail_delay_seconds", "3..=86400"],
    );
}

#[test]
fn self_voter_comment_and_bid_share_keys_are_checked_with_file_line_and_key() {
    let setup = Setup::new(&[
        (
            "comments.toml",
            "[behaviour]\nself_vote_comments_per_day = 101\n",
        ),
        ("bid.toml", "[bid_bots]\n\nbid_share = 1.5\n"),
        ("word.toml", "[bid_bots]\nbid_share = \"half\"\n"),
        ("typo.toml", "[bid_bots]\nbid_shares = 0.5\n"),
    ]);
    assert_names(
        &setup.run_fails("comments.toml", &[]),
        &[
            "comments.toml",
            "line 2",
            "behaviour.self_vote_comments_per_day",
            "0..=100",
        ],
    );
    assert_names(
        &setup.run_fails("bid.toml", &[]),
        &["bid.toml", "line 3", "bid_bots.bid_share", "0..=1"],
    );
    assert_names(
        &setup.run_fails("word.toml", &[]),
        &["word.toml", "line 2", "bid_bots.bid_share"],
    );
    assert_names(
        &setup.run_fails("typo.toml", &[]),
        &[
            "typo.toml",
            "line 2",
            "bid_bots.bid_shares",
            "did you mean 'bid_share'",
        ],
    );
    let good = Setup::new(&[("good.toml", GOOD)]);
    assert_names(
        &good.run_fails("good.toml", &["behaviour.self_vote_comments_per_day=-1"]),
        &["behaviour.self_vote_comments_per_day", "0..=100"],
    );
    assert_names(
        &good.run_fails("good.toml", &["bid_bots.entry_rate=1.01"]),
        &["bid_bots.entry_rate", "0..=1"],
    );
}
