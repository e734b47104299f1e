//! The chain's reward mechanics, exact to the unit.
//!
//! Invariants of this layer (and why): every function is pure and deterministic integer
//! arithmetic in the chain's smallest units, so a result can be compared with the chain code
//! digit for digit and reused unchanged by the parallel engine. No randomness, no I/O, no
//! clocks, no floats — with one exception, [`power_curve`], where the Hive-Engine
//! `comments` contract itself uses IEEE-754 doubles in node; we reproduce them bit for bit
//! with [`js_pow`] (V8's `Math.pow`) and [`js_number`] (V8's `String(x)` digits). Names
//! follow the chain code (rshares, claims, recent_claims, content_constant, reverse auction,
//! cashout, vesting); each function's doc names the chain function it mirrors.

pub mod constants;
pub mod curation;
pub mod curve;
pub mod delegation;
pub mod era;
pub(crate) mod fast_div;
pub mod inflation;
pub mod js_number;
pub mod js_pow;
pub mod manabar;
pub mod payout;
pub mod power_curve;
pub mod power_down;
pub mod price;
pub mod reward_fund;
pub mod smt_emission;
pub mod smt_pool;
pub mod tribe_issuance;
pub mod tribe_pool;
pub mod vesting;
pub mod vote;
pub mod vote_hf20;
pub mod vote_pre_hf20;
