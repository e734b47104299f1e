//! The comparison itself: for each summary metric, each variant's mean and spread over its
//! replicates and, for every variant but the baseline, the paired difference from the
//! baseline with its confidence interval ([`super::stats`]).
//!
//! Metrics: every column of [`RunSummaryRow`], in its order, except `replicate` and
//! `days` (the run's identity and length, equal in every variant by pairing), and except
//! columns that are not numeric or have no value in any run (e.g. the curation return of a
//! strategy nobody holds). Columns are read through [`named_cells`], so a column added to
//! the row is compared without more code. A cell that is empty or not finite is "no value"
//! for that replicate: it is left out of the variant's mean and of the pairs that need it,
//! as is every metric of a failed run.

use super::stats::{self, Interval, CONFIDENCE};
use super::RunOutcome;
use crate::metrics::{named_cells, RunSummaryRow};

/// Columns of the summary row that are never compared: they identify the run.
pub const NOT_COMPARED: [&str; 2] = ["replicate", "days"];

/// The paired difference of one variant from the baseline in one metric, in the metric's
/// unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    /// Replicates where both have a value.
    pub pairs: u32,
    /// Mean over the pairs of (variant − baseline); `None` without pairs.
    pub mean: Option<f64>,
    /// Its 95% Student t interval; `None` with fewer than 2 pairs.
    pub interval: Option<Interval>,
    /// `mean` ÷ |the baseline's mean over the same pairs| (a fraction); `None` when that
    /// mean is 0 or there are no pairs.
    pub relative: Option<f64>,
}

/// One variant's statistics in one metric, in the metric's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VariantStats {
    /// Replicates with a value.
    pub replicates: u32,
    /// Mean over them; `None` if none.
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1); `None` with fewer than 2.
    pub sd: Option<f64>,
    /// The paired difference from the baseline; `None` for the baseline itself.
    pub difference: Option<Difference>,
}

/// One metric over every variant, baseline first.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricComparison {
    /// The metric: a column name of the run summary (`summary.csv` of `run`).
    pub metric: String,
    /// One entry per variant, in the variants' order.
    pub variants: Vec<VariantStats>,
}

/// Compares every metric of `outcomes` (`[variant][replicate]`, baseline first).
pub fn compare(outcomes: &[Vec<RunOutcome>]) -> Vec<MetricComparison> {
    let columns: Vec<String> = named_cells(&RunSummaryRow::default())
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    // cells[variant][replicate]: the run's cells, or None if it failed.
    let cells: Vec<Vec<Option<Vec<String>>>> = outcomes
        .iter()
        .map(|runs| {
            runs.iter()
                .map(|outcome| {
                    outcome
                        .as_ref()
                        .ok()
                        .map(|row| named_cells(row).into_iter().map(|(_, cell)| cell).collect())
                })
                .collect()
        })
        .collect();
    let mut metrics = Vec::new();
    for (column, metric) in columns.iter().enumerate() {
        if NOT_COMPARED.contains(&metric.as_str()) {
            continue;
        }
        let mut numeric = true;
        let values: Vec<Vec<Option<f64>>> = cells
            .iter()
            .map(|runs| {
                runs.iter()
                    .map(|run| {
                        let cell = run.as_ref()?.get(column)?;
                        if cell.is_empty() {
                            return None;
                        }
                        match cell.parse::<f64>() {
                            Ok(value) if value.is_finite() => Some(value),
                            Ok(_) => None,
                            Err(_) => {
                                numeric = false;
                                None
                            }
                        }
                    })
                    .collect()
            })
            .collect();
        let defined = values.iter().flatten().any(Option::is_some);
        if numeric && defined {
            metrics.push(MetricComparison {
                metric: metric.clone(),
                variants: compare_metric(&values),
            });
        }
    }
    metrics
}

/// The statistics of one metric given its values `[variant][replicate]`, baseline first.
pub fn compare_metric(values: &[Vec<Option<f64>>]) -> Vec<VariantStats> {
    let Some(baseline) = values.first() else {
        return Vec::new();
    };
    values
        .iter()
        .enumerate()
        .map(|(k, runs)| {
            let present: Vec<f64> = runs.iter().flatten().copied().collect();
            VariantStats {
                replicates: present.len() as u32,
                mean: stats::mean(&present),
                sd: stats::standard_deviation(&present),
                difference: (k > 0).then(|| difference(baseline, runs)),
            }
        })
        .collect()
}

/// The paired difference of `variant` from `baseline` (values per replicate).
fn difference(baseline: &[Option<f64>], variant: &[Option<f64>]) -> Difference {
    let (base, differences): (Vec<f64>, Vec<f64>) = baseline
        .iter()
        .zip(variant)
        .filter_map(|(b, v)| Some((b.as_ref()?, v.as_ref()?)))
        .map(|(b, v)| (*b, v - b))
        .unzip();
    let mean = stats::mean(&differences);
    let relative = match (mean, stats::mean(&base)) {
        (Some(d), Some(b)) if b != 0.0 => Some(d / b.abs()),
        _ => None,
    };
    Difference {
        pairs: differences.len() as u32,
        mean,
        interval: stats::mean_interval(&differences, CONFIDENCE),
        relative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::RunFailure;

    fn row(replicate: u32, posts: f64, retention: Option<f64>) -> RunSummaryRow {
        RunSummaryRow {
            replicate,
            days: 20,
            mean_posts_per_day: posts,
            retention,
            ..RunSummaryRow::default()
        }
    }

    fn find<'a>(metrics: &'a [MetricComparison], name: &str) -> &'a MetricComparison {
        metrics.iter().find(|m| m.metric == name).unwrap()
    }

    #[test]
    fn paired_differences_with_their_interval() {
        let outcomes = vec![
            vec![
                Ok(row(0, 10.0, None)),
                Ok(row(1, 20.0, None)),
                Ok(row(2, 30.0, None)),
            ],
            vec![
                Ok(row(0, 11.0, None)),
                Ok(row(1, 22.0, None)),
                Ok(row(2, 33.0, None)),
            ],
        ];
        let metrics = compare(&outcomes);
        // Never compared: the run's identity; empty in every run: retention.
        assert!(metrics
            .iter()
            .all(|m| m.metric != "replicate" && m.metric != "days" && m.metric != "retention"));
        assert!(metrics
            .iter()
            .all(|m| m.metric != "curation_return_honest_per_year"));
        let posts = find(&metrics, "mean_posts_per_day");
        assert_eq!(posts.variants[0].replicates, 3);
        assert_eq!(posts.variants[0].mean, Some(20.0));
        assert_eq!(posts.variants[0].sd, Some(10.0));
        assert_eq!(posts.variants[0].difference, None);
        let d = posts.variants[1].difference.unwrap();
        // Differences 1, 2, 3: mean 2, sd 1, 2 ± 4.302653 / √3.
        assert_eq!(d.pairs, 3);
        assert_eq!(d.mean, Some(2.0));
        let half = 4.302_652_729_749_464 / 3.0_f64.sqrt();
        let interval = d.interval.unwrap();
        assert!((interval.low - (2.0 - half)).abs() < 1e-9);
        assert!((interval.high - (2.0 + half)).abs() < 1e-9);
        assert_eq!(d.relative, Some(0.1));
        // A metric that is 0 in every run is still compared (0 is a value).
        let votes = find(&metrics, "mean_votes_per_day");
        assert_eq!(votes.variants[1].difference.unwrap().mean, Some(0.0));
        assert_eq!(votes.variants[1].difference.unwrap().relative, None);
    }

    #[test]
    fn a_variant_against_itself_differs_by_exactly_zero() {
        let runs: Vec<RunOutcome> = (0..3)
            .map(|r| {
                Ok(row(
                    r,
                    1.0 / (3.0 + f64::from(r)),
                    Some(0.7 + f64::from(r) / 10.0),
                ))
            })
            .collect();
        for metric in compare(&[runs.clone(), runs]) {
            let d = metric.variants[1].difference.unwrap();
            assert_eq!(d.mean, Some(0.0), "{}", metric.metric);
            assert_eq!(
                d.interval,
                Some(Interval {
                    low: 0.0,
                    high: 0.0
                }),
                "{}",
                metric.metric
            );
        }
    }

    #[test]
    fn failed_runs_and_missing_values_leave_their_pair_out() {
        let outcomes = vec![
            vec![
                Ok(row(0, 10.0, Some(0.5))),
                Ok(row(1, 20.0, None)),
                Ok(row(2, 30.0, Some(0.7))),
            ],
            vec![
                Ok(row(0, 13.0, Some(0.6))),
                Ok(row(1, 21.0, Some(0.9))),
                Err(RunFailure::Panicked("boom".into())),
            ],
        ];
        let metrics = compare(&outcomes);
        let posts = find(&metrics, "mean_posts_per_day");
        assert_eq!(posts.variants[0].replicates, 3);
        assert_eq!(posts.variants[1].replicates, 2);
        assert_eq!(posts.variants[1].mean, Some(17.0));
        let d = posts.variants[1].difference.unwrap();
        assert_eq!((d.pairs, d.mean), (2, Some(2.0)));
        // Relative to the baseline over the same pairs (mean 15), not over all its runs.
        assert_eq!(d.relative, Some(2.0 / 15.0));
        let retention = find(&metrics, "retention");
        assert_eq!(retention.variants[0].replicates, 2);
        let d = retention.variants[1].difference.unwrap();
        assert_eq!(d.pairs, 1);
        assert!((d.mean.unwrap() - 0.1).abs() < 1e-12);
        assert_eq!(d.interval, None, "one pair has no interval");
    }

    #[test]
    fn a_single_replicate_has_means_but_no_spread() {
        let stats = compare_metric(&[vec![Some(1.0)], vec![Some(4.0)]]);
        assert_eq!(stats[0].sd, None);
        let d = stats[1].difference.unwrap();
        assert_eq!((d.pairs, d.mean, d.interval), (1, Some(3.0), None));
        assert_eq!(d.relative, Some(3.0));
        // A negative baseline: relative to its size.
        let stats = compare_metric(&[vec![Some(-0.2)], vec![Some(-0.1)]]);
        let relative = stats[1].difference.unwrap().relative.unwrap();
        assert!((relative - 0.5).abs() < 1e-12, "{relative}");
    }
}
