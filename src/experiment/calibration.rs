//! The calibration report (`rewardsim calibrate`): the targets of evidence.md §2 (C1–C10),
//! which preset runs measure each, and whether the model lands in range.
//!
//! Every target is defined here, once, in [`CHECKS`]; a target can have several checks (C4:
//! its range and its gap below C3; C5: two eras and the direction between eras). Targets
//! the model cannot speak to are listed with the reason. The presets ([`PRESETS`]) share
//! one world (steem-hf17/19/20 extend steem-hf21 and change only the rules, the start block
//! and the price), so comparisons between eras are on the same accounts and seeds.
//!
//! Invariant: results come out in preset order, then replicate order, whatever ran first;
//! seeds are the presets' own.

use rayon::prelude::*;

use crate::engine::{self, EngineError, RunResult, Silent};
use crate::metrics::inequality::{top_share, TOP0_6_BP};
use crate::metrics::{CohortRow, Inequality, RunSummaryRow};
use crate::scenario::Scenario;

/// The presets the report runs, oldest era first.
pub const PRESETS: [&str; 4] = ["steem-hf17", "steem-hf19", "steem-hf20", "steem-hf21"];

/// The age (days) at which C9 compares a cohort's active share with its first month's.
pub const C9_LATE_AGE_DAYS: u32 = 300;
/// The first month's age (days) for C9.
pub const C9_EARLY_AGE_DAYS: u32 = 30;

/// A target's range, as evidence.md states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Range {
    /// From `.0` to `.1`, both included.
    Between(f64, f64),
    /// At least `.0`.
    AtLeast(f64),
    /// Below `.0` (strictly).
    Below(f64),
    /// Above `.0` (strictly): a direction.
    Above(f64),
}

impl Range {
    /// Whether `value` lies in the range (never for NaN).
    pub fn contains(self, value: f64) -> bool {
        match self {
            Range::Between(low, high) => (low..=high).contains(&value),
            Range::AtLeast(low) => value >= low,
            Range::Below(high) => value < high,
            Range::Above(low) => value > low,
        }
    }
}

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Whole numbers (points) without decimals, shares with two.
        let bound = |x: f64| {
            if (x.fract() == 0.0 && x.abs() >= 1.0) || x == 0.0 {
                format!("{x:.0}")
            } else {
                format!("{x:.2}")
            }
        };
        match *self {
            Range::Between(low, high) => write!(f, "{}–{}", bound(low), bound(high)),
            Range::AtLeast(low) => write!(f, "≥ {}", bound(low)),
            Range::Below(high) => write!(f, "< {}", bound(high)),
            Range::Above(low) => write!(f, "> {}", bound(low)),
        }
    }
}

/// What one preset's run measured for the targets: means over its replicates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measures {
    /// Share of the initial population's initial stake (STEEM staked when drawn) held by
    /// its top 0.6% of accounts (C1).
    pub top0_6_share_initial_stake: f64,
    /// Gini coefficient of that stake over every initial account (C2).
    pub gini_initial_stake: f64,
    /// Share of the run's author rewards taken by the top 5% of its paid posts (C3, C4;
    /// `summary.csv` `top5_share_author_rewards`).
    pub top5_share_author_rewards: f64,
    /// Self-vote rshares ÷ upvote rshares over the run (C5; `self_vote_share`).
    pub self_vote_share: f64,
    /// Bought-vote rshares ÷ upvote rshares over the run (C7, C8; `paid_vote_share`).
    pub paid_vote_share: f64,
    /// Active share of the arrival cohorts at [`C9_LATE_AGE_DAYS`] ÷ their active share at
    /// [`C9_EARLY_AGE_DAYS`] (C9; `cohorts.csv`); `None` if no cohort reached that age.
    pub cohort_active_factor: Option<f64>,
}

impl Measures {
    /// The measures of one replicate: `result` of a scenario whose initial population is
    /// its first `initial_accounts` accounts.
    pub fn of(result: &RunResult, initial_accounts: usize) -> Measures {
        let mut stake: Vec<i64> = result
            .accounts
            .iter()
            .take(initial_accounts)
            .map(|a| a.initial_stake_steem)
            .collect();
        stake.sort_unstable();
        let s = &result.summary;
        Measures {
            top0_6_share_initial_stake: top_share(&stake, TOP0_6_BP),
            gini_initial_stake: Inequality::of_sorted(&stake).gini,
            top5_share_author_rewards: s.top5_share_author_rewards,
            self_vote_share: s.self_vote_share,
            paid_vote_share: s.paid_vote_share,
            cohort_active_factor: cohort_active_factor(&result.cohorts),
        }
    }

    /// The mean of `replicates`' measures (an optional one over the replicates that have
    /// it); the default for none.
    pub fn mean(replicates: &[Measures]) -> Measures {
        let n = replicates.len().max(1) as f64;
        let mean = |value: fn(&Measures) -> f64| replicates.iter().map(value).sum::<f64>() / n;
        let factors: Vec<f64> = replicates
            .iter()
            .filter_map(|m| m.cohort_active_factor)
            .collect();
        Measures {
            top0_6_share_initial_stake: mean(|m| m.top0_6_share_initial_stake),
            gini_initial_stake: mean(|m| m.gini_initial_stake),
            top5_share_author_rewards: mean(|m| m.top5_share_author_rewards),
            self_vote_share: mean(|m| m.self_vote_share),
            paid_vote_share: mean(|m| m.paid_vote_share),
            cohort_active_factor: (!factors.is_empty())
                .then(|| factors.iter().sum::<f64>() / factors.len() as f64),
        }
    }
}

/// C9's factor from a run's cohort rows: over the arrival cohorts (not the initial
/// population: C9 is a sign-up cohort) measured at [`C9_LATE_AGE_DAYS`], their pooled
/// active share then ÷ their pooled active share at [`C9_EARLY_AGE_DAYS`]. Late cohorts
/// count with the accounts that reached the age. `None` if no arrival cohort reached it or
/// none was active in its first month.
pub fn cohort_active_factor(cohorts: &[CohortRow]) -> Option<f64> {
    let arrivals = || cohorts.iter().filter(|c| c.arrived_from_day.is_some());
    let pooled = |age: u32, of: &[&str]| -> Option<f64> {
        let (accounts, active) = arrivals()
            .filter(|c| c.age_days == age && of.contains(&c.cohort.as_str()))
            .fold((0u64, 0.0f64), |(n, active), c| {
                (n + c.accounts, active + c.active_share * c.accounts as f64)
            });
        (accounts > 0).then(|| active / accounts as f64)
    };
    let late: Vec<&str> = arrivals()
        .filter(|c| c.age_days == C9_LATE_AGE_DAYS && c.accounts > 0)
        .map(|c| c.cohort.as_str())
        .collect();
    let early = pooled(C9_EARLY_AGE_DAYS, &late)?;
    let late = pooled(C9_LATE_AGE_DAYS, &late)?;
    (early > 0.0).then(|| late / early)
}

/// How a check reads its value from the runs' [`Measures`].
#[derive(Debug, Clone, Copy)]
pub enum Measure {
    /// The value of one preset's run.
    Of(&'static str, fn(&Measures) -> f64),
    /// The same, where the run may not be able to measure it.
    MaybeOf(&'static str, fn(&Measures) -> Option<f64>),
    /// (value of the first preset − value of the second) × 100: a gap in points.
    GapPoints(&'static str, &'static str, fn(&Measures) -> f64),
    /// The model cannot speak to it (the check's note says why).
    NotModelled,
}

/// One check of a target: what evidence.md §2 says and how the model's value is read.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// The target's id in evidence.md §2, `C1` … `C10`.
    pub target: &'static str,
    /// What is compared, with its unit.
    pub description: &'static str,
    /// The range the model should land in.
    pub range: Range,
    /// How the value is measured.
    pub measure: Measure,
    /// How the value is measured, in words, or why it is not (for the report).
    pub note: &'static str,
}

/// C1 (evidence.md §2: bitcoinmoney's 2016 table, 211 of 34,866 accounts held 88.7%
/// \[comm\]): the top 0.6% of accounts hold 0.80–0.95 of the initial stake. Read from the
/// initial population of steem-hf17 (the oldest era; all four presets draw the same one).
pub const C1: Check = Check {
    target: "C1",
    description: "share of initial stake held by the top 0.6% of accounts",
    range: Range::Between(0.80, 0.95),
    measure: Measure::Of("steem-hf17", |m| m.top0_6_share_initial_stake),
    note: "initial stake of the initial population as drawn; with Pareto alpha 0.7 it varies \
           between draws and grows with the number of accounts",
};

/// C2 (evidence.md §2: the grouped Gini of the same table ≈ 0.98 \[arith\]): the stake Gini
/// over all accounts is at least 0.95. Same population as [`C1`].
pub const C2: Check = Check {
    target: "C2",
    description: "Gini of initial stake over all accounts",
    range: Range::AtLeast(0.95),
    measure: Measure::Of("steem-hf17", |m| m.gini_initial_stake),
    note: "initial stake of the initial population as drawn (every account has some)",
};

/// C3 (evidence.md §2: bitgeek, payouts before HF19 \[comm\]): under the quadratic curve
/// (HF17–18) the top 5% of paid posts take 0.70–0.85 of the rewards.
pub const C3: Check = Check {
    target: "C3",
    description: "top 5% of paid posts' share of author rewards, quadratic era",
    range: Range::Between(0.70, 0.85),
    measure: Measure::Of("steem-hf17", |m| m.top5_share_author_rewards),
    note: "summary.csv top5_share_author_rewards: all posts paid in the measured days",
};

/// C4 (evidence.md §2: bitgeek, after HF19 \[comm\]): under the linear curve (HF19), same
/// voters, the top 5% of paid posts take 0.50–0.70 ...
pub const C4: Check = Check {
    target: "C4",
    description: "top 5% of paid posts' share of author rewards, linear era",
    range: Range::Between(0.50, 0.70),
    measure: Measure::Of("steem-hf19", |m| m.top5_share_author_rewards),
    note: "as C3, same world and seed under the HF19 rules",
};

/// ... and that is 10–20 points below [`C3`] (evidence.md §2, C4).
pub const C4_GAP: Check = Check {
    target: "C4",
    description: "C3 minus C4, points (share × 100)",
    range: Range::Between(10.0, 20.0),
    measure: Measure::GapPoints("steem-hf17", "steem-hf19", |m| m.top5_share_author_rewards),
    note: "HF17 top-5% share minus HF19's, same world and seed",
};

/// C5 (evidence.md §2: crokkon, April 2018 ≈ 6% \[comm\]): self-votes are 0.03–0.12 of vote
/// value in the HF19–HF20 era; vote value is read as upvote rshares. Under HF19 rules ...
pub const C5_HF19: Check = Check {
    target: "C5",
    description: "self-votes' share of upvote rshares, HF19",
    range: Range::Between(0.03, 0.12),
    measure: Measure::Of("steem-hf19", |m| m.self_vote_share),
    note: "summary.csv self_vote_share (rshares stand for vote value)",
};

/// ... under HF20 rules ...
pub const C5_HF20: Check = Check {
    target: "C5",
    description: "self-votes' share of upvote rshares, HF20",
    range: Range::Between(0.03, 0.12),
    measure: Measure::Of("steem-hf20", |m| m.self_vote_share),
    note: "summary.csv self_vote_share (rshares stand for vote value)",
};

/// ... and higher under linear (HF19) than quadratic (HF17) rules, same world.
pub const C5_DIRECTION: Check = Check {
    target: "C5",
    description: "HF19 minus HF17 self-vote share, points (linear above quadratic)",
    range: Range::Above(0.0),
    measure: Measure::GapPoints("steem-hf19", "steem-hf17", |m| m.self_vote_share),
    note: "same world and seed under the two rule sets",
};

/// ... and the same comparison on the voters' own votes: self-votes as a share of the
/// upvote rshares that were not bought. Both eras run the same vote market, which grows
/// larger under linear rewards; bought votes then dilute every other vote's share, so this
/// line reads the self-voters' decision apart from the market's size (the raw line above
/// reads both).
pub const C5_DIRECTION_UNBOUGHT: Check = Check {
    target: "C5",
    description: "as above, of the upvote rshares not bought, points",
    range: Range::Above(0.0),
    measure: Measure::GapPoints("steem-hf19", "steem-hf17", unbought_self_vote_share),
    note: "self_vote_share ÷ (1 − paid_vote_share), same world and seed",
};

/// Self-votes as a share of the upvote rshares that were not bought (0..=1).
fn unbought_self_vote_share(m: &Measures) -> f64 {
    let unbought = 1.0 - m.paid_vote_share;
    if unbought > 0.0 {
        m.self_vote_share / unbought
    } else {
        0.0
    }
}

/// C6 (evidence.md §2: crokkon 12.8% \[comm\]): low-diversity (collusive) voting is
/// 0.08–0.20 of vote value in the HF20 era. Not modelled: no strategy votes in rings, and
/// no sound proxy (honest curators' followed channel is not collusion).
pub const C6: Check = Check {
    target: "C6",
    description: "low-diversity (collusive) voting share of vote value, HF20",
    range: Range::Between(0.08, 0.20),
    measure: Measure::NotModelled,
    note: "no strategy votes in closed rings, and the run does not record \
           voter-author diversity",
};

/// C7 (evidence.md §2: paulag, 19% of the 2018 pool; earlier counts 25–30% of daily vote
/// value \[comm\]): paid votes are 0.15–0.30 of the reward pool in the HF20 era. Read as the
/// bought share of upvote rshares: under HF20's linear curve a post's reward is in
/// proportion to its rshares, so the rshares share is the pool share.
pub const C7: Check = Check {
    target: "C7",
    description: "paid (bought) votes' share of upvote rshares, HF20",
    range: Range::Between(0.15, 0.30),
    measure: Measure::Of("steem-hf20", |m| m.paid_vote_share),
    note: "summary.csv paid_vote_share; rshares stand for the reward pool (linear curve)",
};

/// C8 (evidence.md §2: community consensus that bid bots collapsed [comm, qualitative]):
/// under HF21 rules the paid-vote share is below 0.05.
pub const C8: Check = Check {
    target: "C8",
    description: "paid (bought) votes' share of upvote rshares, HF21",
    range: Range::Below(0.05),
    measure: Measure::Of("steem-hf21", |m| m.paid_vote_share),
    note: "summary.csv paid_vote_share",
};

/// C9 (evidence.md §2: financialcritic, the September 2016 cohort 8.5% → 3.2% active
/// \[comm\]): a sign-up cohort's active share falls by a factor of 0.25–0.5 (≈ 0.38) over
/// ~10 months. Read from steem-hf17's cohorts.csv (the era nearest 2016; churn is the
/// same in every preset) as [`cohort_active_factor`]; needs runs of at least
/// [`C9_LATE_AGE_DAYS`] days after the first arrivals.
pub const C9: Check = Check {
    target: "C9",
    description: "arrival cohorts' active share at 300 days ÷ at 30 days",
    range: Range::Between(0.25, 0.50),
    measure: Measure::MaybeOf("steem-hf17", |m| m.cohort_active_factor),
    note: "cohorts.csv, arrival cohorts that reached 300 days (pooled); needs a run of \
           300+ days",
};

/// C10 (evidence.md §2: Li & Palanisamy, WebSci 2019, >16% of transfers to suspected bot
/// curators \[abs\]): 10–25% of token transfers go to vote-selling accounts. Not modelled:
/// bid payments are the only transfers; there are no other transfers to compare with.
pub const C10: Check = Check {
    target: "C10",
    description: "transfers to vote sellers' share of token transfers, bid-bot era",
    range: Range::Between(0.10, 0.25),
    measure: Measure::NotModelled,
    note: "the only transfers modelled are bid payments, so there is no \
           total to share",
};

/// Every check, in target order.
pub const CHECKS: [Check; 14] = [
    C1,
    C2,
    C3,
    C4,
    C4_GAP,
    C5_HF19,
    C5_HF20,
    C5_DIRECTION,
    C5_DIRECTION_UNBOUGHT,
    C6,
    C7,
    C8,
    C9,
    C10,
];

/// A check's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The value lies in the range.
    Yes,
    /// It does not.
    No,
    /// The model cannot speak to the target.
    NotModelled,
    /// The runs cannot measure it (a preset missing, a run too short).
    NoData,
}

impl Verdict {
    /// As written in the report: `yes`, `no`, `not modelled`, `no data`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Yes => "yes",
            Verdict::No => "no",
            Verdict::NotModelled => "not modelled",
            Verdict::NoData => "no data",
        }
    }
}

/// A check with the model's value and the verdict.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    /// The check.
    pub check: Check,
    /// The model's value, in the check's unit (share or points); `None` if not measured.
    pub value: Option<f64>,
    /// Whether it is in range.
    pub verdict: Verdict,
}

impl Check {
    /// The presets the check reads (none if not modelled).
    pub fn presets(&self) -> Vec<&'static str> {
        match self.measure {
            Measure::Of(p, _) | Measure::MaybeOf(p, _) => vec![p],
            Measure::GapPoints(a, b, _) => vec![a, b],
            Measure::NotModelled => vec![],
        }
    }

    /// The check against `runs` (each preset's name and its measures).
    pub fn evaluate(&self, runs: &[(&str, Measures)]) -> Outcome {
        let of = |preset: &str| runs.iter().find(|(p, _)| *p == preset).map(|(_, m)| m);
        let value = match self.measure {
            Measure::NotModelled => {
                return Outcome {
                    check: *self,
                    value: None,
                    verdict: Verdict::NotModelled,
                }
            }
            Measure::Of(p, value) => of(p).map(value),
            Measure::MaybeOf(p, value) => of(p).and_then(value),
            Measure::GapPoints(a, b, value) => {
                of(a).zip(of(b)).map(|(a, b)| (value(a) - value(b)) * 100.0)
            }
        };
        let verdict = match value {
            Some(v) if v.is_finite() && self.range.contains(v) => Verdict::Yes,
            Some(v) if v.is_finite() => Verdict::No,
            _ => Verdict::NoData,
        };
        Outcome {
            check: *self,
            value,
            verdict,
        }
    }
}

/// Every check of [`CHECKS`] against `runs`, in order.
pub fn evaluate(runs: &[(&str, Measures)]) -> Vec<Outcome> {
    CHECKS.iter().map(|c| c.evaluate(runs)).collect()
}

/// One scenario's runs: its replicates' summary rows and its measures.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioRuns {
    /// One summary row per replicate, in replicate order.
    pub summaries: Vec<RunSummaryRow>,
    /// The mean of the replicates' measures.
    pub measures: Measures,
}

/// Runs every replicate of every scenario, all as parallel tasks (each run also
/// parallelises inside), and returns each scenario's runs in the order given. An error is
/// the first failing run's (in scenario, then replicate order), with its scenario's index.
pub fn run(scenarios: &[&Scenario]) -> Result<Vec<ScenarioRuns>, (usize, EngineError)> {
    let jobs: Vec<(usize, u32)> = scenarios
        .iter()
        .enumerate()
        .flat_map(|(k, s)| (0..s.simulation.replicates).map(move |r| (k, r)))
        .collect();
    let done: Vec<Result<(RunSummaryRow, Measures), (usize, EngineError)>> = jobs
        .par_iter()
        .with_max_len(1)
        .map(|&(k, replicate)| {
            let scenario = scenarios[k];
            let result = engine::run(scenario, replicate, &mut Silent).map_err(|e| (k, e))?;
            let measures = Measures::of(&result, scenario.population.accounts as usize);
            Ok((result.summary, measures))
        })
        .collect();
    let mut out: Vec<ScenarioRuns> = scenarios
        .iter()
        .map(|_| ScenarioRuns {
            summaries: Vec::new(),
            measures: Measures::default(),
        })
        .collect();
    let mut measures: Vec<Vec<Measures>> = vec![Vec::new(); scenarios.len()];
    for (&(k, _), result) in jobs.iter().zip(done) {
        let (summary, m) = result?;
        out[k].summaries.push(summary);
        measures[k].push(m);
    }
    for (runs, m) in out.iter_mut().zip(&measures) {
        runs.measures = Measures::mean(m);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measures(top5: f64, self_votes: f64, paid: f64) -> Measures {
        Measures {
            top0_6_share_initial_stake: 0.9,
            gini_initial_stake: 0.97,
            top5_share_author_rewards: top5,
            self_vote_share: self_votes,
            paid_vote_share: paid,
            cohort_active_factor: Some(0.4),
        }
    }

    fn verdicts(runs: &[(&str, Measures)]) -> Vec<(&'static str, &'static str)> {
        evaluate(runs)
            .iter()
            .map(|o| (o.check.target, o.verdict.name()))
            .collect()
    }

    #[test]
    fn ranges_include_their_bounds() {
        let between = Range::Between(0.5, 0.7);
        assert!(between.contains(0.5) && between.contains(0.7) && between.contains(0.6));
        assert!(!between.contains(0.49) && !between.contains(0.71));
        assert!(!between.contains(f64::NAN));
        assert!(Range::AtLeast(0.95).contains(0.95) && !Range::AtLeast(0.95).contains(0.94));
        assert!(Range::Below(0.05).contains(0.0) && !Range::Below(0.05).contains(0.05));
        assert!(Range::Above(0.0).contains(0.01) && !Range::Above(0.0).contains(0.0));
        assert_eq!(between.to_string(), "0.50–0.70");
        assert_eq!(Range::Between(10.0, 20.0).to_string(), "10–20");
        assert_eq!(Range::AtLeast(0.95).to_string(), "≥ 0.95");
        assert_eq!(Range::Below(0.05).to_string(), "< 0.05");
        assert_eq!(Range::Above(0.0).to_string(), "> 0");
    }

    #[test]
    fn every_target_has_a_check_in_order() {
        let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.target).collect();
        ids.dedup();
        let expected: Vec<String> = (1..=10).map(|i| format!("C{i}")).collect();
        assert_eq!(ids, expected);
        for check in CHECKS {
            for preset in check.presets() {
                assert!(PRESETS.contains(&preset), "{preset}");
            }
        }
    }

    #[test]
    fn c4_must_be_in_range_and_10_to_20_points_below_c3() {
        let run = |hf17: f64, hf19: f64| {
            let runs = [
                ("steem-hf17", measures(hf17, 0.01, 0.0)),
                ("steem-hf19", measures(hf19, 0.05, 0.0)),
            ];
            let outcomes = evaluate(&runs);
            let of = |check: &Check| {
                outcomes
                    .iter()
                    .find(|o| o.check.description == check.description)
                    .unwrap()
                    .to_owned()
            };
            (of(&C3), of(&C4), of(&C4_GAP))
        };
        // 0.80 → 0.65: both in range, 15 points apart.
        let (c3, c4, gap) = run(0.80, 0.65);
        assert_eq!(
            (c3.verdict, c4.verdict, gap.verdict),
            (Verdict::Yes, Verdict::Yes, Verdict::Yes)
        );
        assert!((gap.value.unwrap() - 15.0).abs() < 1e-9);
        // 0.75 → 0.70: C4 in range, but only 5 points below C3.
        let (_, c4, gap) = run(0.75, 0.70);
        assert_eq!((c4.verdict, gap.verdict), (Verdict::Yes, Verdict::No));
        // 0.85 → 0.60: 25 points, too far.
        let (_, _, gap) = run(0.85, 0.60);
        assert_eq!(gap.verdict, Verdict::No);
        // Just inside both ends (the ends themselves: `ranges_include_their_bounds`).
        assert_eq!(run(0.80, 0.695).2.verdict, Verdict::Yes);
        assert_eq!(run(0.80, 0.605).2.verdict, Verdict::Yes);
        assert_eq!(run(0.80, 0.705).2.verdict, Verdict::No);
        // C4 above C3 is a negative gap.
        let (_, _, gap) = run(0.60, 0.65);
        assert!(gap.value.unwrap() < 0.0 && gap.verdict == Verdict::No);
    }

    #[test]
    fn verdicts_with_and_without_runs() {
        let runs = [
            ("steem-hf17", measures(0.80, 0.01, 0.0)),
            ("steem-hf19", measures(0.65, 0.05, 0.0)),
            ("steem-hf20", measures(0.65, 0.13, 0.2)),
            ("steem-hf21", measures(0.60, 0.02, 0.05)),
        ];
        assert_eq!(
            verdicts(&runs),
            [
                ("C1", "yes"),
                ("C2", "yes"),
                ("C3", "yes"),
                ("C4", "yes"),
                ("C4", "yes"),
                ("C5", "yes"),
                ("C5", "no"),
                ("C5", "yes"),
                ("C5", "yes"),
                ("C6", "not modelled"),
                ("C7", "yes"),
                ("C8", "no"),
                ("C9", "yes"),
                ("C10", "not modelled"),
            ]
        );
        // No runs: everything modelled lacks data.
        assert!(evaluate(&[])
            .iter()
            .all(|o| matches!(o.verdict, Verdict::NoData | Verdict::NotModelled)));
        // A run too short for C9.
        let mut short = runs.clone();
        short[0].1.cohort_active_factor = None;
        assert_eq!(C9.evaluate(&short).verdict, Verdict::NoData);
        // C5's direction: HF19 must be above HF17.
        let outcome = C5_DIRECTION.evaluate(&runs);
        assert!((outcome.value.unwrap() - 4.0).abs() < 1e-9);
        short[1].1.self_vote_share = 0.01;
        assert_eq!(C5_DIRECTION.evaluate(&short).verdict, Verdict::No);
        // On the votes not bought: HF19's 5% of the 100% unbought (no market) against
        // HF17's 1%: 4 points; with half of HF19's votes bought and HF17's self-votes at
        // 3%, raw 2 − 3 = −1 point, unbought 4 − 3 = +1.
        let outcome = C5_DIRECTION_UNBOUGHT.evaluate(&runs);
        assert!((outcome.value.unwrap() - 4.0).abs() < 1e-9);
        let mut diluted = runs.clone();
        diluted[0].1.self_vote_share = 0.03;
        diluted[1].1.self_vote_share = 0.02;
        diluted[1].1.paid_vote_share = 0.5;
        let raw = C5_DIRECTION.evaluate(&diluted);
        let unbought = C5_DIRECTION_UNBOUGHT.evaluate(&diluted);
        assert!((raw.value.unwrap() + 1.0).abs() < 1e-9 && raw.verdict == Verdict::No);
        assert!((unbought.value.unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(unbought.verdict, Verdict::Yes);
    }

    fn cohort(from: Option<i64>, age: u32, accounts: u64, active: f64) -> CohortRow {
        CohortRow {
            replicate: 0,
            cohort: from.map_or("initial".into(), |f| format!("arrived {f}..{}", f + 29)),
            arrived_from_day: from,
            arrived_to_day: from.map(|f| f + 29),
            age_days: age,
            accounts,
            present_share: active,
            active_share: active,
        }
    }

    #[test]
    fn c9_pools_the_arrival_cohorts_that_reached_300_days() {
        let rows = [
            cohort(None, 30, 1000, 0.9),
            cohort(None, 300, 1000, 0.1),
            cohort(Some(-10), 30, 100, 0.8),
            cohort(Some(-10), 300, 100, 0.4),
            cohort(Some(20), 30, 100, 1.0),
            cohort(Some(20), 300, 50, 0.2),
            // Never reached 300 days: left out.
            cohort(Some(50), 30, 100, 0.1),
        ];
        // (0.8·100 + 1.0·100) / 200 = 0.9 at 30 days; (0.4·100 + 0.2·50) / 150 at 300.
        let expected = (50.0 / 150.0) / 0.9;
        assert!((cohort_active_factor(&rows).unwrap() - expected).abs() < 1e-12);
        assert_eq!(cohort_active_factor(&rows[..3]), None);
    }
}
