//! The rows of `compare`'s tables: [`ComparisonRow`] (`summary.csv`, one row per metric and
//! variant), [`ComparisonRunTag`] (the columns `runs.csv` puts before each run's
//! [`super::RunSummaryRow`]) and [`VariantTag`] (the column `timeseries.csv`,
//! `cohorts.csv`, `payouts.csv` and `accounts.csv` put before a run's rows). The only place
//! their columns are named.

use serde::Serialize;

/// One summary metric of one variant over its replicates, and for a variant other than the
/// baseline its paired difference from the baseline (`summary.csv` of `compare`). Values
/// are in the metric's own unit (its column in a run's `summary.csv`); undefined values are
/// empty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonRow {
    /// The metric: a column of a run's `summary.csv`.
    pub metric: String,
    /// The variant's name.
    pub variant: String,
    /// Whether this variant is the baseline (the first file): `true` or `false`.
    pub baseline: bool,
    /// Replicates with a value of the metric (runs that succeeded and defined it).
    pub replicates: u32,
    /// Mean over those replicates, in the metric's unit.
    pub mean: Option<f64>,
    /// Sample standard deviation over those replicates (n − 1), in the metric's unit; empty
    /// with fewer than 2.
    pub sd: Option<f64>,
    /// Replicates where both this variant and the baseline have a value: the pairs the
    /// difference is taken over. Empty for the baseline.
    pub pairs: Option<u32>,
    /// Mean over the pairs of (variant − baseline), in the metric's unit. Empty for the
    /// baseline or without pairs.
    pub difference: Option<f64>,
    /// Lower bound of the 95% confidence interval of that mean (Student t with pairs − 1
    /// degrees of freedom); empty with fewer than 2 pairs.
    pub difference_ci_low: Option<f64>,
    /// Upper bound of the same interval.
    pub difference_ci_high: Option<f64>,
    /// `difference` ÷ |baseline mean over the same pairs|, a fraction (0.1 = 10% above the
    /// baseline); empty when that mean is 0.
    pub relative_difference: Option<f64>,
}

/// The columns `runs.csv` of `compare` puts before a run's summary row (whose columns start
/// with `replicate`): which variant, with which root seed, and whether the run succeeded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonRunTag {
    /// The variant's name.
    pub variant: String,
    /// The root seed every variant ran with; the replicate's streams derive from it and the
    /// replicate number.
    pub seed: u64,
    /// `ok`, or why the run failed (its summary cells are then empty).
    pub status: String,
}

/// The column the overlay tables of `compare` (`timeseries.csv`, `cohorts.csv`,
/// `payouts.csv`, `accounts.csv`) put before each row of a run's own table (whose columns
/// start with `replicate`): which variant the run belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VariantTag<'a> {
    /// The variant's name, as in `runs.csv`.
    pub variant: &'a str,
}
