//! The short table `run` prints on standard output: activity, where the minted STEEM went,
//! inequality of author rewards on the last day, where the files are and how long it took.
//!
//! Units: amounts are shown in STEEM (3 decimals), shares in percent. Activity and amounts
//! are means over replicates; the last-day inequality is the mean over replicates of that
//! day's values (days without paid posts are left out).

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::engine::RunResult;
use crate::metrics::DayRow;

/// What `run` reports when it is done.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The scenario's name.
    pub name: String,
    /// Measured days per replicate.
    pub days: u32,
    /// Replicates run.
    pub replicates: u32,
    /// Posts created per day (mean over days and replicates).
    pub posts_per_day: f64,
    /// Accepted votes per day (mean over days and replicates).
    pub votes_per_day: f64,
    /// STEEM minted over the measured days, mean per replicate, milli-STEEM.
    pub minted_steem: i128,
    /// Paid to authors, to curators, and minted for stakers, the DAO and witnesses, mean per
    /// replicate, milli-STEEM, in that order.
    pub paid_steem: [i128; 5],
    /// Gini of author rewards on the last day (0..=1), if any replicate paid posts.
    pub gini: Option<f64>,
    /// Top-1% share of author rewards on the last day.
    pub top1_share: Option<f64>,
    /// Top-10% share of author rewards on the last day.
    pub top10_share: Option<f64>,
    /// Where the files went.
    pub folder: PathBuf,
    /// Wall time of the run (loading and simulating).
    pub wall_time: Duration,
}

const RECIPIENTS: [&str; 5] = ["authors", "curators", "stakers", "DAO", "witnesses"];

impl Summary {
    /// The summary of `results` (one per replicate) of the scenario `name`, written to
    /// `folder`, that took `wall_time`.
    pub fn new(name: &str, results: &[RunResult], folder: PathBuf, wall_time: Duration) -> Summary {
        let replicates = results.len().max(1) as i128;
        let days = results.iter().map(|r| r.days.len()).max().unwrap_or(0);
        let all_days = || results.iter().flat_map(|r| r.days.iter());
        let rows = all_days().count().max(1) as f64;
        let sum = |value: fn(&DayRow) -> i64| -> i128 {
            all_days().map(|r| i128::from(value(r))).sum::<i128>() / replicates
        };
        let last_day = |value: fn(&DayRow) -> f64| -> Option<f64> {
            let values: Vec<f64> = results
                .iter()
                .filter_map(|r| r.days.last())
                .map(value)
                .filter(|v| v.is_finite())
                .collect();
            (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
        };
        Summary {
            name: name.to_string(),
            days: u32::try_from(days).unwrap_or(u32::MAX),
            replicates: results.len() as u32,
            posts_per_day: all_days().map(|r| r.posts as f64).sum::<f64>() / rows,
            votes_per_day: all_days().map(|r| r.votes as f64).sum::<f64>() / rows,
            minted_steem: sum(|r| r.minted_steem),
            paid_steem: [
                sum(|r| r.paid_authors_steem),
                sum(|r| r.paid_curators_steem),
                sum(|r| r.minted_stakers_steem),
                sum(|r| r.minted_dao_steem),
                sum(|r| r.minted_witnesses_steem),
            ],
            gini: last_day(|r| r.gini_author_rewards),
            top1_share: last_day(|r| r.top1_share_author_rewards),
            top10_share: last_day(|r| r.top10_share_author_rewards),
            folder,
            wall_time,
        }
    }
}

/// `1234567` milli-STEEM → `1,234.567`.
fn steem(milli: i128) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let units = (milli.abs() / 1000).to_string();
    let mut grouped = String::new();
    for (i, digit) in units.chars().enumerate() {
        if i > 0 && (units.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}.{:03}", milli.abs() % 1000)
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_string(), |s| format!("{:.1} %", s * 100.0))
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = |f: &mut fmt::Formatter<'_>, label: &str, value: String| {
            writeln!(f, "  {label:<30}{value:>18}")
        };
        writeln!(
            f,
            "{}: {} days × {} replicates",
            self.name, self.days, self.replicates
        )?;
        row(f, "posts per day", format!("{:.1}", self.posts_per_day))?;
        row(f, "votes per day", format!("{:.1}", self.votes_per_day))?;
        row(f, "STEEM minted per replicate", steem(self.minted_steem))?;
        for (recipient, paid) in RECIPIENTS.iter().zip(self.paid_steem) {
            let share = (self.minted_steem != 0).then(|| paid as f64 / self.minted_steem as f64);
            row(f, &format!("  to {recipient}"), percent(share))?;
        }
        writeln!(f, "  author rewards on the last day")?;
        let gini = self.gini.map_or_else(|| "–".into(), |g| format!("{g:.3}"));
        row(f, "  Gini", gini)?;
        row(f, "  top 1% of posts' share", percent(self.top1_share))?;
        row(f, "  top 10% of posts' share", percent(self.top10_share))?;
        writeln!(f, "  {:<30}{}", "files", self.folder.display())?;
        row(
            f,
            "wall time",
            format!("{:.1} s", self.wall_time.as_secs_f64()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tables::tests::day_row;

    #[test]
    fn snapshot() {
        let results: Vec<RunResult> = (0..2)
            .map(|replicate| RunResult {
                replicate,
                cohorts: vec![],
                days: (0..3).map(|d| day_row(replicate, d)).collect(),
                accounts: vec![],
                posts: vec![],
                payouts: vec![],
                pools: vec![],
                summary: crate::output::tables::tests::summary_row(replicate),
            })
            .collect();
        let summary = Summary::new(
            "steem-hf21",
            &results,
            PathBuf::from("output/steem-hf21"),
            Duration::from_millis(12_345),
        );
        let expected = "\
steem-hf21: 3 days × 2 replicates
  posts per day                             1001.0
  votes per day                            20000.0
  STEEM minted per replicate           270,003.000
    to authors                              45.0 %
    to curators                             15.4 %
    to stakers                              15.0 %
    to DAO                                  10.0 %
    to witnesses                            10.0 %
  author rewards on the last day
    Gini                                     0.790
    top 1% of posts' share                  20.0 %
    top 10% of posts' share                 60.4 %
  files                         output/steem-hf21
  wall time                                 12.3 s
";
        assert_eq!(summary.to_string(), expected);
    }

    #[test]
    fn empty_results_do_not_divide_by_zero() {
        let summary = Summary::new("x", &[], PathBuf::from("o"), Duration::ZERO);
        let text = summary.to_string();
        assert!(text.contains("–"), "{text}");
    }

    #[test]
    fn steem_formatting() {
        assert_eq!(steem(0), "0.000");
        assert_eq!(steem(1_234_567_890), "1,234,567.890");
        assert_eq!(steem(-1_500), "-1.500");
    }
}
