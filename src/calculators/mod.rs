//! The command-line calculators: `eval curve|curation|vote|inflation` and `payout`, and the
//! data of `curves plot` ([`curve_shapes`]).
//!
//! Each reads a whole input file, validates every row, computes every answer with
//! [`crate::mechanics`], and only then writes anything, so bad input leaves no output behind.

pub mod curve_shapes;
pub mod error;
pub mod eval_curation;
pub mod eval_curve;
pub mod eval_inflation;
pub mod eval_vote;
pub mod payout_block;
pub mod table;

pub use error::CalcError;
