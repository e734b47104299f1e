//! What a run measured: the rows of the result tables and the statistics that fill them.
//! Invariant: metrics only read the world; they never change it. Floats are fine here, but
//! every statistic is deterministic: exact integer sums, and no order that depends on
//! threads or hash maps.

pub mod cells;
pub mod comparison;
pub mod inequality;
pub mod payouts;
pub mod radix;
pub mod rows;
pub mod stake;

pub use cells::named_cells;
pub use comparison::{ComparisonRow, ComparisonRunTag, VariantTag};
pub use inequality::{spearman, AmountCounts, Inequality};
pub use payouts::PayoutHistogram;
pub use rows::{
    curation_return_column, AccountRow, CalibrationRow, CohortRow, DayRow, PayoutBinRow,
    PoolDayRow, PostRow, RunSummaryRow,
};
pub use stake::StakeTracker;
