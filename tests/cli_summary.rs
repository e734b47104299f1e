//! `summary.csv` and the inequality columns of `timeseries.csv`, end to end: a small
//! steem-hf21 world with arrivals and exits, checked against the other tables of the same
//! run, each recomputed here from its definition (pairwise Gini, naive average ranks), so
//! the check does not share code with what it checks.

mod common;

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Seconds from a post's creation to its cashout (steem-hf21).
const CASHOUT_WINDOW: i64 = 7 * 86_400;
const REPLICATES: usize = 2;
const DAYS: usize = 20;
const ACCOUNTS: usize = 2000;

/// A CSV table: its header and its rows, every cell a string.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(path: &Path) -> Table {
        let text = fs::read_to_string(path).unwrap();
        let mut lines = text.lines();
        let split = |l: &str| l.split(',').map(String::from).collect::<Vec<_>>();
        let header = split(lines.next().unwrap());
        let rows: Vec<Vec<String>> = lines.map(split).collect();
        assert!(rows.iter().all(|r| r.len() == header.len()), "{path:?}");
        Table { header, rows }
    }

    fn at(&self, column: &str) -> usize {
        self.header
            .iter()
            .position(|c| c == column)
            .unwrap_or_else(|| panic!("no column {column}"))
    }

    /// The rows of `replicate`.
    fn of(&self, replicate: usize) -> Vec<&Vec<String>> {
        let r = self.at("replicate");
        self.rows
            .iter()
            .filter(|row| row[r] == replicate.to_string())
            .collect()
    }
}

fn cell<'a>(table: &Table, row: &'a [String], column: &str) -> &'a str {
    &row[table.at(column)]
}

fn float(table: &Table, row: &[String], column: &str) -> f64 {
    cell(table, row, column).parse().unwrap()
}

fn int(table: &Table, row: &[String], column: &str) -> i64 {
    cell(table, row, column).parse().unwrap()
}

/// Gini by its definition, Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean); 0 for nothing.
fn gini(x: &[i64]) -> f64 {
    let n = x.len() as i128;
    let total: i128 = x.iter().map(|&v| i128::from(v)).sum();
    if n == 0 || total == 0 {
        return 0.0;
    }
    let pairs: i128 = x
        .iter()
        .flat_map(|&a| x.iter().map(move |&b| i128::from((a - b).abs())))
        .sum();
    pairs as f64 / (2.0 * n as f64 * total as f64)
}

/// Share of the total held by the ⌈n · percent / 100⌉ largest (at least one).
fn top_share(x: &[i64], percent: usize) -> f64 {
    let mut sorted = x.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let k = (sorted.len() * percent).div_ceil(100).max(1);
    let total: i64 = sorted.iter().sum();
    sorted[..k].iter().sum::<i64>() as f64 / total as f64
}

/// Fewest members holding more than half the total.
fn nakamoto(x: &[i64]) -> i64 {
    let mut sorted = x.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let total: i64 = sorted.iter().sum();
    let mut sum = 0;
    for (i, v) in sorted.iter().enumerate() {
        sum += v;
        if 2 * sum > total {
            return i as i64 + 1;
        }
    }
    unreachable!("the whole exceeds half")
}

/// Spearman's ρ: Pearson's correlation of average ranks, counted naively.
fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let ranks = |v: &[f64]| -> Vec<f64> {
        v.iter()
            .map(|a| {
                let below = v.iter().filter(|b| *b < a).count() as f64;
                let equal = v.iter().filter(|b| *b == a).count() as f64;
                below + (equal + 1.0) / 2.0
            })
            .collect()
    };
    let (rx, ry) = (ranks(x), ranks(y));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = rx.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = ry.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn summary_agrees_with_the_other_tables() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    Command::cargo_bin("rewardsim")
        .unwrap()
        .arg("run")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/steem-hf21.toml"))
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .args(["--set", &format!("population.accounts={ACCOUNTS}")])
        .args(["--set", &format!("simulation.days={DAYS}")])
        .args(["--set", &format!("simulation.replicates={REPLICATES}")])
        // No warm-up: the accounts present at the start are the initial ones, so
        // retention can be read from accounts.csv.
        .args(["--set", "simulation.warmup_days=0"])
        .args(["--set", "growth.arrivals_per_day=6.4"])
        .args(["--set", "output.posts_csv=true"])
        .args(["--set", "output.charts=false"])
        .assert()
        .success();
    let summary = Table::read(&out.join("summary.csv"));
    let days = Table::read(&out.join("timeseries.csv"));
    let accounts = Table::read(&out.join("accounts.csv"));
    let posts = Table::read(&out.join("posts.csv"));
    assert_eq!(summary.rows.len(), REPLICATES, "one row per replicate");
    for (replicate, s) in summary.rows.iter().enumerate() {
        let sum = |c: &str| float(&summary, s, c);
        assert_eq!(int(&summary, s, "replicate"), replicate as i64);
        let day_rows = days.of(replicate);
        let last = *day_rows.last().unwrap();
        assert_eq!(day_rows.len(), DAYS);
        assert_eq!(int(&summary, s, "days"), DAYS as i64);

        // Means and sums of the days.
        let mean = |c: &str| day_rows.iter().map(|r| float(&days, r, c)).sum::<f64>() / DAYS as f64;
        for (column, of_days) in [
            ("mean_posts_per_day", "posts"),
            ("mean_votes_per_day", "votes"),
            ("mean_active_authors_per_day", "active_authors"),
            ("mean_active_curators_per_day", "active_curators"),
            ("mean_envy_index", "envy_index"),
            ("mean_inspiration_index", "inspiration_index"),
            ("mean_satisfaction", "mean_satisfaction"),
            ("mean_satisfaction_q1", "satisfaction_q1"),
            ("mean_satisfaction_q4", "satisfaction_q4"),
        ] {
            assert!(close(sum(column), mean(of_days)), "{column}");
        }
        let total = |c: &str| day_rows.iter().map(|r| int(&days, r, c)).sum::<i64>();
        assert_eq!(int(&summary, s, "posts_paid"), total("posts_paid"));
        assert_eq!(
            int(&summary, s, "paid_authors_steem"),
            total("paid_authors_steem")
        );
        assert!(sum("mean_posts_per_day") > 0.0 && int(&summary, s, "posts_paid") > 0);

        // The end is the last day.
        for (end, day) in [
            ("gini_stake_end", "gini_stake"),
            ("top1_share_stake_end", "top1_share_stake"),
            ("top10_share_stake_end", "top10_share_stake"),
            ("nakamoto_stake_end", "nakamoto_stake"),
            ("accounts_present_end", "accounts_present"),
        ] {
            assert_eq!(cell(&summary, s, end), cell(&days, last, day), "{end}");
        }

        // Stake at the end, from accounts.csv: VESTS of the accounts that did not leave.
        let account_rows = accounts.of(replicate);
        let stayed = |r: &&&Vec<String>| cell(&accounts, r, "left_day").is_empty();
        let vests: Vec<i64> = account_rows
            .iter()
            .filter(stayed)
            .map(|r| int(&accounts, r, "vesting_shares_vests"))
            .collect();
        assert_eq!(vests.len() as i64, int(&summary, s, "accounts_present_end"));
        assert!(close(sum("gini_stake_end"), gini(&vests)));
        assert!(close(sum("top1_share_stake_end"), top_share(&vests, 1)));
        assert!(close(sum("top10_share_stake_end"), top_share(&vests, 10)));
        assert_eq!(int(&summary, s, "nakamoto_stake_end"), nakamoto(&vests));

        // Retention: the initial accounts (ids below ACCOUNTS) that never left.
        assert_eq!(int(&summary, s, "accounts_present_start"), ACCOUNTS as i64);
        let retained = account_rows
            .iter()
            .filter(stayed)
            .filter(|r| int(&accounts, r, "account") < ACCOUNTS as i64)
            .count();
        assert!(retained < ACCOUNTS, "nobody left: no test of retention");
        assert!(close(sum("retention"), retained as f64 / ACCOUNTS as f64));
        assert!(
            int(&summary, s, "accounts_present_end") > ACCOUNTS as i64 - 50,
            "arrivals replace most exits"
        );

        // Per-account rewards over the run (no warm-up: every account was present in the
        // measured days).
        let rewards: Vec<i64> = account_rows
            .iter()
            .map(|r| {
                int(&accounts, r, "author_rewards_steem")
                    + int(&accounts, r, "curation_rewards_steem")
            })
            .collect();
        assert!(close(sum("gini_account_rewards"), gini(&rewards)));
        assert!(close(
            sum("top1_share_account_rewards"),
            top_share(&rewards, 1)
        ));
        assert!(close(
            sum("top10_share_account_rewards"),
            top_share(&rewards, 10)
        ));

        // Author rewards over every paid post of the run, from posts.csv.
        let post_rows = posts.of(replicate);
        let paid: Vec<i64> = post_rows
            .iter()
            .filter(|r| int(&posts, r, "reward_steem") > 0)
            .map(|r| int(&posts, r, "author_steem"))
            .collect();
        assert_eq!(paid.len() as i64, int(&summary, s, "posts_paid"));
        assert!(close(sum("gini_author_rewards"), gini(&paid)));
        assert!(close(sum("top1_share_author_rewards"), top_share(&paid, 1)));
        assert!(close(sum("top5_share_author_rewards"), top_share(&paid, 5)));
        assert!(close(
            sum("top10_share_author_rewards"),
            top_share(&paid, 10)
        ));

        // Quality vs payout, day by day, from posts.csv: a post cashes out in the block at
        // creation + the window, which belongs to day ⌈that time / 1 day⌉ − 1.
        let mut by_day: BTreeMap<i64, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
        for r in &post_rows {
            let cashout = int(&posts, r, "created_seconds") + CASHOUT_WINDOW;
            let entry = by_day.entry((cashout - 1).div_euclid(86_400)).or_default();
            entry.0.push(float(&posts, r, "quality"));
            entry
                .1
                .push((int(&posts, r, "author_steem") + int(&posts, r, "curators_steem")) as f64);
        }
        let mut daily = Vec::new();
        for (d, row) in day_rows.iter().enumerate() {
            // Empty when undefined.
            let rho = cell(&days, row, "quality_payout_correlation");
            match by_day.get(&(d as i64)) {
                Some((q, p)) if q.len() >= 2 => {
                    let rho: f64 = rho.parse().unwrap();
                    assert_eq!(q.len() as i64, int(&days, row, "posts_cashed_out"));
                    assert!(close(rho, spearman(q, p)), "day {d}: {rho}");
                    assert!((-1.0..=1.0).contains(&rho));
                    daily.push(rho);
                }
                _ => assert_eq!(rho, "", "day {d}: no posts cashed out"),
            }
        }
        assert!(daily.len() >= DAYS - 8, "posts cash out from day 7 on");
        let mean_rho = daily.iter().sum::<f64>() / daily.len() as f64;
        assert!(close(sum("mean_quality_payout_correlation"), mean_rho));
        // Proof of brain: better posts are paid more, on average.
        assert!(mean_rho > 0.0, "{mean_rho}");

        // Every share and coefficient in range, day by day too.
        for column in [
            "self_vote_share",
            "gini_author_rewards",
            "gini_account_rewards",
            "gini_stake_start",
            "top10_share_stake_start",
            "retention",
        ] {
            assert!((0.0..=1.0).contains(&sum(column)), "{column}");
        }
        assert!(sum("top1_share_author_rewards") <= sum("top5_share_author_rewards"));
        assert!(sum("top5_share_author_rewards") <= sum("top10_share_author_rewards"));
        assert!(int(&summary, s, "nakamoto_stake_start") >= 1);
        for row in &day_rows {
            for column in [
                "gini_stake",
                "top1_share_stake",
                "top10_share_stake",
                "gini_account_rewards",
            ] {
                assert!((0.0..=1.0).contains(&float(&days, row, column)), "{column}");
            }
            assert!(
                float(&days, row, "top1_share_stake") <= float(&days, row, "top10_share_stake")
            );
            let nakamoto = int(&days, row, "nakamoto_stake");
            assert!(nakamoto >= 1 && nakamoto <= int(&days, row, "accounts_present"));
        }
    }
}

/// Runs `preset` on the 3,000-account test world (arrivals scaled to it, 10 warm-up days,
/// 60 measured days) and returns its summary.csv.
fn test_world_summary(root: &Path, preset: &str) -> Table {
    let out = common::run_test_world(preset, &[], root.join(preset));
    Table::read(&out.join("summary.csv"))
}

#[test]
fn every_strategy_has_a_curation_return_and_paid_votes_follow_the_era() {
    use rewardsim::behaviour::population::Strategy;
    let root = tempfile::tempdir().unwrap();
    for (preset, paid_votes) in [("steem-hf20", true), ("steem-hf21", false)] {
        let summary = test_world_summary(root.path(), preset);
        let row = &summary.rows[0];
        for strategy in Strategy::ALL {
            let column = format!("curation_return_{}_per_year", strategy.name());
            let value = cell(&summary, row, &column);
            // Empty only for a strategy nobody held (the presets have no downvoters).
            if value.is_empty() {
                assert_eq!(strategy, Strategy::Downvoter, "{preset} {column}");
                continue;
            }
            let value: f64 = value.parse().unwrap();
            assert!(
                value.is_finite() && value >= 0.0,
                "{preset} {column}: {value}"
            );
            // Curation pays a few percent of stake a year, not 0 and not all of it.
            if strategy == Strategy::Honest {
                assert!(value > 0.001 && value < 1.0, "{preset} {column}: {value}");
            }
        }
        let paid = float(&summary, row, "paid_vote_share");
        if paid_votes {
            assert!(paid > 0.0, "{preset}: paid_vote_share {paid}");
        } else {
            assert_eq!(
                paid, 0.0,
                "{preset}: HF21's 50% curation stops the vote market"
            );
        }
        for column in ["self_vote_share", "paid_vote_share", "downvote_share"] {
            assert!(
                (0.0..=1.0).contains(&float(&summary, row, column)),
                "{column}"
            );
        }
        assert!(float(&summary, row, "mean_inspiration_index") >= 0.0);
    }
}
