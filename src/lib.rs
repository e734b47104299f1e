//! # rewardsim
//!
//! A simulator of reward economics on proof-of-brain content platforms: Steem, Hive,
//! SMT-style community tokens and Hive-Engine tribes.
//!
//! The crate is layered; data flows one way and each layer only calls the ones above it in
//! this list:
//!
//! * [`mechanics`]: the chain's reward rules, exact to the unit. Pure integer functions: no
//!   randomness, no floats (one documented exception: tribe power curves, which the tribe
//!   contract itself computes in IEEE-754 doubles), no I/O.
//! * [`calculators`]: the `eval` and `payout` commands, which read CSV/TOML, call the
//!   mechanics row by row and write CSV.
//! * [`scenario`]: TOML scenario files, resolved and checked into a [`scenario::Scenario`].
//! * [`behaviour`]: the agents' decisions; the only place with randomness.
//! * [`engine`]: the world's state and the step loop; calls mechanics and behaviour.
//! * [`metrics`]: the rows of the result tables.
//! * [`experiment`]: replicates and seeds.
//! * [`output`]: CSV, manifest, charts and summaries, written atomically.
//!
//! ```
//! use rewardsim::mechanics::curve::{approx_sqrt, RewardCurve};
//!
//! // The chain's own unit test value.
//! assert_eq!(approx_sqrt(4_000_000_856_158), 2_002_250);
//! // Convergent linear pays 60% of the linear claims at r = s.
//! let s = 2_000_000_000_000u128;
//! assert_eq!(RewardCurve::ConvergentLinear.claims(s, s).unwrap(), s * 6 / 10);
//! ```
#![warn(missing_docs)]

pub mod behaviour;
pub mod calculators;
pub mod cli;
pub mod config;
pub mod engine;
pub mod experiment;
pub mod mechanics;
pub mod memory;
pub mod metrics;
pub mod output;
pub mod scenario;
pub mod suggest;
