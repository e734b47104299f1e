//! The engine: owns the world's state and time and plays a scenario forward step by step.
//! Invariant: it never reads the command line, prints or exits; every token movement goes
//! through [`crate::mechanics`]; token conservation is checked after every step.

pub mod adaptation;
pub mod bid_bots;
pub mod cast;
pub mod chain;
pub mod comparison;
pub mod day;
pub mod events;
pub mod follows;
pub mod leasing;
pub mod ledger;
pub mod membership;
pub mod pools;
pub mod run;
pub mod run_stats;
pub mod setup;
pub mod step;
pub mod trail;
pub mod voted;
pub mod voters;
pub mod world;

use crate::metrics::{
    AccountRow, CohortRow, DayRow, PayoutBinRow, PoolDayRow, PostRow, RunSummaryRow,
};
use crate::scenario::Scenario;

/// Everything one replicate produced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunResult {
    /// Replicate number (0-based).
    pub replicate: u32,
    /// One row per measured day, in day order.
    pub days: Vec<DayRow>,
    /// One row per account, in account order.
    pub accounts: Vec<AccountRow>,
    /// One row per post cashed out during the measured days, in cashout order (empty unless
    /// `[output] posts_csv`).
    pub posts: Vec<PostRow>,
    /// Retention by arrival cohort and age, by cohort then age.
    pub cohorts: Vec<CohortRow>,
    /// The posts cashed out during the measured days (those of `posts`) by their reward, in
    /// 1-2-5 bins of milli-STEEM, ascending, the zero bin first (`payouts.csv`).
    pub payouts: Vec<PayoutBinRow>,
    /// The replicate in one row.
    pub summary: RunSummaryRow,
    /// One row per measured day and community pool, by day then pool (`pools.csv`;
    /// empty without `[pools]`).
    pub pools: Vec<PoolDayRow>,
}

/// Told about progress while a run goes on (a progress bar, or nothing).
pub trait Observer {
    /// Day `done` of `total` (warm-up included) of `replicate` has finished.
    fn day_finished(&mut self, replicate: u32, done: u32, total: u32);
}

/// An observer that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Observer for Silent {
    fn day_finished(&mut self, _replicate: u32, _done: u32, _total: u32) {}
}

/// Why a run stopped. None of these lets the run go on: the world is no longer trustworthy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A conservation check failed: tokens appeared or vanished.
    #[error("token conservation violated on day {day}, step {step}: {detail}")]
    Conservation {
        /// Day (negative in the warm-up).
        day: i64,
        /// Step within the day.
        step: u32,
        /// Which balance is off, and by how much.
        detail: String,
    },
    /// The chain's own rules refused an amount (an overflow assert on chain).
    #[error("day {day}: the chain's rules failed: {detail}")]
    Mechanics {
        /// Day (negative in the warm-up).
        day: i64,
        /// The mechanics error.
        detail: String,
    },
    /// The world cannot be built from the scenario (e.g. initial supply past 64 bits).
    #[error("cannot build the world: {0}")]
    World(String),
}

/// How much checking a run does beyond what the chain itself asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Conservation after every step (debug builds and tests).
    EveryStep,
    /// Conservation at the end of every day (release builds).
    Daily,
}

impl Default for Checks {
    fn default() -> Checks {
        if cfg!(debug_assertions) {
            Checks::EveryStep
        } else {
            Checks::Daily
        }
    }
}

/// Runs replicate `replicate` of `scenario` to the end, checking conservation as
/// [`Checks::default`] says.
pub fn run(
    scenario: &Scenario,
    replicate: u32,
    observer: &mut dyn Observer,
) -> Result<RunResult, EngineError> {
    run::run_replicate(scenario, replicate, Checks::default(), observer)
}
