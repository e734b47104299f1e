//! Who is present: newcomers arriving at the start of each day (`[growth]`), and the
//! retention of each arrival cohort (`cohorts.csv`).
//!
//! A newcomer's stake is the scenario's `newcomer_stake`, vested for it from the liquid
//! STEEM of the account with the largest initial stake (the account creator: on chain,
//! Steemit Inc. paid the creation fee, which became the new account's VESTS), or what
//! that account has left; tokens are moved, never made.

use std::collections::BTreeMap;

use super::chain::BlockContext;
use super::follows;
use super::world::World;
use super::EngineError;
use crate::behaviour::population::{LEFT, WAITING};
use crate::mechanics::constants::STEEM_100_PERCENT;
use crate::mechanics::era::VotingModel;
use crate::mechanics::manabar::downvote_max_mana;
use crate::metrics::CohortRow;

/// Days per cohort, and between two retention measurements of a cohort.
pub const COHORT_DAYS: u32 = 30;

/// The account that pays newcomers' stake: the largest initial stake among the initial
/// accounts (ties to the lower id), or `None` if there are none.
pub fn creator(world: &World, initial_accounts: usize) -> Option<u32> {
    let stake = &world.accounts.initial_stake[..initial_accounts];
    (0..initial_accounts as u32).max_by_key(|&i| (stake[i as usize], std::cmp::Reverse(i)))
}

/// Accounts `ids` arrive on day `day_mark` (day index + 1), in id order: each draws whom
/// it follows on the graph as it stands ([`follows::join`]), becomes present and is given
/// its stake by `creator`.
pub fn arrive(
    world: &mut World,
    ctx: &BlockContext<'_>,
    ids: std::ops::Range<usize>,
    creator: Option<u32>,
    day_mark: u32,
) -> Result<(), EngineError> {
    let rules = &ctx.scenario.rules;
    let measured = world.globals.time >= ctx.measure_from;
    for i in ids {
        follows::join(world, ctx.scenario, ctx.replicate, i);
        let a = &mut world.accounts;
        a.arrived_mark[i] = day_mark;
        let Some(creator) = creator else { continue };
        let amount = a.initial_stake[i].min(a.liquid[creator as usize]);
        if amount <= 0 {
            continue;
        }
        let vests =
            world
                .globals
                .vesting
                .create_vesting(amount)
                .map_err(|e| EngineError::Mechanics {
                    day: ctx.day,
                    detail: e.to_string(),
                })?;
        a.liquid[creator as usize] -= amount;
        a.vesting_shares[i] += vests;
        if measured {
            a.vested_in[i] += amount;
        }
        let voter = &mut a.voters[i];
        voter.voting_mana = match rules.voting_model {
            VotingModel::Manabar => a.vesting_shares[i],
            VotingModel::VotingPower => i64::from(STEEM_100_PERCENT),
        };
        voter.downvote_mana =
            downvote_max_mana(a.vesting_shares[i], rules.downvote_pool_percent).unwrap_or(0);
    }
    Ok(())
}

/// Counts per (cohort, age) of the accounts measured so far.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    accounts: u64,
    present: u64,
    active: u64,
}

/// Retention by arrival cohort: when an account's age reaches a multiple of
/// [`COHORT_DAYS`], whether it is still present and whether it was active during the last
/// [`COHORT_DAYS`] days, summed per cohort (the accounts that arrived in the same block of
/// [`COHORT_DAYS`] days) and age.
#[derive(Debug, Default)]
pub struct Cohorts {
    /// (cohort: 0 = initial population, k = arrived in the k-th block of COHORT_DAYS days
    /// from the start of the warm-up; age in blocks of COHORT_DAYS days) → counts.
    counts: BTreeMap<(u32, u32), Counts>,
}

impl Cohorts {
    /// Measures, at the end of day `day_mark` (day index + 1), every present-or-left
    /// account whose age is a positive multiple of [`COHORT_DAYS`] days (the initial
    /// population's age counts from the start of the warm-up).
    pub fn measure(&mut self, world: &World, day_mark: u32) {
        let a = &world.accounts;
        for i in 0..a.len() {
            let r = a.roles[i];
            if r & WAITING != 0 {
                continue;
            }
            let arrived = a.arrived_mark[i];
            let age = day_mark + 1 - arrived.max(1);
            if age % COHORT_DAYS != 0 {
                continue;
            }
            let cohort = if arrived == 0 {
                0
            } else {
                (arrived - 1) / COHORT_DAYS + 1
            };
            let c = self.counts.entry((cohort, age / COHORT_DAYS)).or_default();
            c.accounts += 1;
            if r & LEFT == 0 {
                c.present += 1;
            }
            if a.active_mark[i] + COHORT_DAYS > day_mark {
                c.active += 1;
            }
        }
    }

    /// The table's rows for `replicate`, by cohort then age; `warmup_days` turns day
    /// indices into reported days (day 0 = the first measured day).
    pub fn rows(&self, replicate: u32, warmup_days: u32) -> Vec<CohortRow> {
        self.counts
            .iter()
            .map(|(&(cohort, age), c)| {
                let (first, last) = if cohort == 0 {
                    (None, None)
                } else {
                    let first = i64::from((cohort - 1) * COHORT_DAYS) - i64::from(warmup_days);
                    (Some(first), Some(first + i64::from(COHORT_DAYS) - 1))
                };
                CohortRow {
                    replicate,
                    cohort: match first {
                        None => "initial".to_string(),
                        Some(first) => format!("arrived {first}..{}", last.unwrap_or(first)),
                    },
                    arrived_from_day: first,
                    arrived_to_day: last,
                    age_days: age * COHORT_DAYS,
                    accounts: c.accounts,
                    present_share: c.present as f64 / c.accounts as f64,
                    active_share: c.active as f64 / c.accounts as f64,
                }
            })
            .collect()
    }
}
