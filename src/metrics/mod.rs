//! What a run measured: the rows of the result tables and the statistics that fill them.
//! Invariant: metrics only read the world; they never change it.

pub mod rows;

pub use rows::{AccountRow, CohortRow, DayRow, PostRow};
