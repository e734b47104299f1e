//! SMT emissions (token inflation) as steemit/steem `master` computes them:
//! `util::smt::generate_emissions`, `next_emission_time` and `get_emission_object`
//! (chain/util/smt_token.cpp), applied by `smt_token_emission_evaluator`
//! (chain/optional_action_evaluator.cpp). The schedule and its validation are in
//! [`schedule`].
//!
//! One emission at time t, all integer, amounts in the token's smallest unit:
//!
//! 1. abs and the rel numerator: the `lep_*` values at or before `lep_time`, the `rep_*`
//!    values at or after `rep_time`, and strictly between an integer interpolation in
//!    `fc::uint128`, floored (see [`Interpolation`]).
//! 2. rel = ⌊current_supply · numerator / 2^rel_amount_denom_bits⌋ (a shift by ≥ 128 bits
//!    gives 0, as `fc::uint128` does; a result past 2^63−1 makes the chain throw:
//!    [`EmissionError::AmountTooLarge`]).
//! 3. new = max(abs, rel), or min(abs, rel) with `floor_emissions`; if current + new passes
//!    `max_supply`, new = max_supply − current.
//! 4. If new < Σweights nothing is emitted; otherwise each destination gets
//!    ⌊weight · new / Σweights⌋.
//! 5. The supply grows by the sum of the destinations' amounts, not by new: the remainder
//!    of step 4 (less than one satoshi per destination) is never minted.
//!
//! **The interpolation is reversed in the chain code.** The owner's manual (steemit/
//! smt-whitepaper `smt-manual/manual.md`, "Adding time modulation") specifies
//! abs = lep·(1−τ) + rep·τ with τ = (t − lep_time)/(rep_time − lep_time). `generate_emissions`
//! computes (lep · (t − lep_time) + rep · (rep_time − t)) / (rep_time − lep_time): it weights
//! the left value by the distance *from* the left endpoint, so just after `lep_time` it emits
//! almost the `rep` amount, just before `rep_time` almost the `lep` amount, and it jumps at
//! both endpoints (where the two clamps give `lep` and `rep` as documented). The chain's own
//! test (`smt_token_emissions`, tests/smt_operation_time_tests.cpp) recomputes the expected
//! values with the same formula, so nothing caught it. We follow the code by default
//! ([`Interpolation::ChainCode`]: that is what a node would emit and what external checks
//! compare against) and offer [`Interpolation::Whitepaper`] — the same integer arithmetic
//! with the weights the manual intends — for scenarios that want the designed ramp.
//!
//! Also found in the code, and mirrored: when an emission rounds to nothing (step 4), no
//! action is produced, so `last_virtual_emission_time` does not advance and the node retries
//! the *same* virtual time every interval (token_emissions plugin); with an unchanged supply
//! the schedule stays stuck there. [`Emission::is_empty`] tells the engine so.
//!
//! Invariants: no floats; nothing panics on any input (inputs for which the chain throws give
//! an [`EmissionError`]); Σ destinations = [`Emission::total`] ≤ new_token_supply, and
//! new_token_supply − total < number of destinations.

pub mod schedule;

pub use schedule::{
    is_valid_account_name, validate_sequence, EmissionSchedule, EmissionScheduleError, UnitTarget,
    SMT_EMISSION_MIN_INTERVAL_SECONDS, SMT_EMIT_INDEFINITELY, STEEM_GENESIS_TIME,
};

/// How abs and the rel numerator move between `lep_time` and `rep_time`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Interpolation {
    /// As `generate_emissions` does: ⌊(lep · (t − lep_time) + rep · (rep_time − t)) /
    /// (rep_time − lep_time)⌋ — the weights reversed relative to the manual (module doc).
    #[default]
    ChainCode,
    /// As the SMT owner's manual specifies: ⌊(lep · (rep_time − t) + rep · (t − lep_time)) /
    /// (rep_time − lep_time)⌋, a continuous ramp from lep to rep.
    Whitepaper,
}

/// One emission: the intermediate values of `generate_emissions` and what each destination
/// receives. Amounts are token satoshis (`share_type`), times seconds since the epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emission {
    /// The (virtual) emission time (`emission_time`).
    pub emission_time: u32,
    /// Absolute amount at this time, after interpolation (`abs_amount`).
    pub abs_amount: i64,
    /// Relative numerator at this time, after interpolation (`rel_amount_numerator`).
    pub rel_amount_numerator: u64,
    /// ⌊current_supply · numerator / 2^bits⌋ (`rel_amount`).
    pub rel_amount: i64,
    /// max/min(abs, rel) after the max-supply cap (`new_token_supply`); negative only if the
    /// supply already exceeds `max_supply`.
    pub new_token_supply: i64,
    /// Σ weights (`token_unit_sum`).
    pub token_unit_sum: u64,
    /// Each destination's amount, in the schedule's `token_unit` order; empty when
    /// new_token_supply < token_unit_sum (then the chain emits nothing).
    pub emissions: Vec<(UnitTarget, i64)>,
    /// Σ of `emissions`: what `current_supply` grows by when the emission is applied.
    pub total: i64,
    /// The schedule's next emission time after this one, if any (`next_emission_time`
    /// within this schedule; after its last emission the next schedule's `schedule_time`,
    /// see [`next_emission_time`]).
    pub next_emission_time: Option<u32>,
}

impl Emission {
    /// Whether nothing is emitted. The chain then produces no emission action: the token's
    /// `last_virtual_emission_time` stays, and the next attempt is again at this time.
    pub fn is_empty(&self) -> bool {
        self.emissions.is_empty()
    }

    /// The amount one destination receives (0 if it is not in the schedule or nothing is
    /// emitted).
    pub fn amount_to(&self, target: &UnitTarget) -> i64 {
        self.emissions
            .iter()
            .find(|(t, _)| t == target)
            .map_or(0, |(_, amount)| *amount)
    }

    /// new_token_supply − total: satoshis computed but not minted (floor of each share).
    pub fn unminted_remainder(&self) -> i64 {
        if self.is_empty() {
            0
        } else {
            self.new_token_supply - self.total
        }
    }
}

/// Where the chain would refuse or throw.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmissionError {
    /// `time` is not one of the schedule's emission times (schedule_time + k · interval,
    /// k < emission_count). The engine asked for an emission that cannot happen.
    #[error("{time} is not an emission time of the schedule")]
    NotAnEmissionTime {
        /// The time asked for.
        time: u32,
    },
    /// A negative current supply (never on chain).
    #[error("current_supply {0} is negative")]
    NegativeSupply(i64),
    /// An amount does not fit int64: `fc::uint128::to_int64` asserts, the emission is not
    /// generated and the chain stops emitting this token. The run can go on without it.
    #[error("{what} is {value}, past 2^63-1 (fc::uint128::to_int64 asserts)")]
    AmountTooLarge {
        /// `abs_amount` or `rel_amount`.
        what: &'static str,
        /// The value.
        value: u128,
    },
    /// current_supply + new_token_supply overflows int64 (`fc::safe` throws).
    #[error(
        "current_supply {current_supply} + new_token_supply {new_token_supply} overflows int64"
    )]
    SupplyOverflow {
        /// Supply before the emission.
        current_supply: i64,
        /// The uncapped emission.
        new_token_supply: i64,
    },
}

/// The `k`-th emission time of `schedule` (k from 0), or `None` past its last emission or
/// past u32 seconds.
pub fn nth_emission_time(schedule: &EmissionSchedule, k: u32) -> Option<u32> {
    if !schedule.is_indefinite() && k >= schedule.emission_count {
        return None;
    }
    let time =
        u64::from(schedule.schedule_time) + u64::from(schedule.interval_seconds) * u64::from(k);
    u32::try_from(time).ok()
}

/// Whether `time` is one of the schedule's emission times.
pub fn is_emission_time(schedule: &EmissionSchedule, time: u32) -> bool {
    let interval = schedule.interval_seconds.max(1);
    time >= schedule.schedule_time
        && u64::from(time) <= schedule.schedule_end_time()
        && (time - schedule.schedule_time) % interval == 0
}

/// The next emission time after `last_virtual_emission_time` over a token's schedules
/// (`util::smt::next_emission_time`): `schedules` must be as [`validate_sequence`] accepts
/// them (in order, not overlapping). A token that never emitted has
/// `last_virtual_emission_time` = 0. Where the chain's `time_point_sec` would wrap past
/// 2106 this returns `None`.
pub fn next_emission_time(
    schedules: &[EmissionSchedule],
    last_virtual_emission_time: u32,
) -> Option<u32> {
    let last = u64::from(last_virtual_emission_time);
    let index = schedules
        .iter()
        .position(|s| s.schedule_end_time() >= last)?;
    let schedule = &schedules[index];
    if last < u64::from(schedule.schedule_time) {
        return Some(schedule.schedule_time);
    }
    let interval = u64::from(schedule.interval_seconds.max(1));
    let aligned = last - (last - u64::from(schedule.schedule_time)) % interval;
    let next = aligned + interval;
    if next <= schedule.schedule_end_time() {
        return u32::try_from(next).ok();
    }
    schedules.get(index + 1).map(|s| s.schedule_time)
}

/// The schedule that emits at `time` (`util::smt::get_emission_object`): the first whose
/// last emission is at or after `time`, if `time` is within it.
pub fn schedule_at(schedules: &[EmissionSchedule], time: u32) -> Option<&EmissionSchedule> {
    schedules
        .iter()
        .find(|s| s.schedule_end_time() >= u64::from(time))
        .filter(|s| time >= s.schedule_time)
}

/// abs amount and rel numerator at `time` (the first block of `generate_emissions`).
pub fn interpolate(
    schedule: &EmissionSchedule,
    time: u32,
    interpolation: Interpolation,
) -> Result<(i64, u64), EmissionError> {
    if time <= schedule.lep_time {
        return Ok((
            schedule.lep_abs_amount,
            u64::from(schedule.lep_rel_amount_numerator),
        ));
    }
    if time >= schedule.rep_time {
        return Ok((
            schedule.rep_abs_amount,
            u64::from(schedule.rep_rel_amount_numerator),
        ));
    }
    // lep_time < time < rep_time, so every distance is positive and fits u32.
    let lep_dist = u128::from(time - schedule.lep_time);
    let rep_dist = u128::from(schedule.rep_time - time);
    let total_dist = u128::from(schedule.rep_time - schedule.lep_time);
    let (lep_weight, rep_weight) = match interpolation {
        Interpolation::ChainCode => (lep_dist, rep_dist),
        Interpolation::Whitepaper => (rep_dist, lep_dist),
    };
    // fc::uint128 arithmetic is modulo 2^128 and `uint128(int64)` sign-extends; for valid
    // (non-negative) amounts nothing wraps.
    let weighted = |lep: u128, rep: u128| {
        lep.wrapping_mul(lep_weight)
            .wrapping_add(rep.wrapping_mul(rep_weight))
            / total_dist
    };
    let abs = weighted(
        schedule.lep_abs_amount as u128,
        schedule.rep_abs_amount as u128,
    );
    let numerator = weighted(
        u128::from(schedule.lep_rel_amount_numerator),
        u128::from(schedule.rep_rel_amount_numerator),
    );
    let abs = i64::try_from(abs).map_err(|_| EmissionError::AmountTooLarge {
        what: "abs_amount",
        value: abs,
    })?;
    // A weighted mean of two u32 values is a u32.
    Ok((abs, numerator as u64))
}

/// The emission of `schedule` at `time` for a token with `current_supply` and `max_supply`
/// (token satoshis): `util::smt::generate_emissions`, with the supply change of
/// `smt_token_emission_evaluator` (see the module doc for the steps). `time` must be one of
/// the schedule's emission times.
pub fn emission_at(
    schedule: &EmissionSchedule,
    time: u32,
    current_supply: i64,
    max_supply: i64,
    interpolation: Interpolation,
) -> Result<Emission, EmissionError> {
    if !is_emission_time(schedule, time) {
        return Err(EmissionError::NotAnEmissionTime { time });
    }
    if current_supply < 0 {
        return Err(EmissionError::NegativeSupply(current_supply));
    }
    let (abs_amount, rel_amount_numerator) = interpolate(schedule, time, interpolation)?;
    // current_supply < 2^63 and the numerator < 2^32: the product fits u128.
    let product = current_supply as u128 * u128::from(rel_amount_numerator);
    let shifted = product
        .checked_shr(u32::from(schedule.rel_amount_denom_bits))
        .unwrap_or(0);
    let rel_amount = i64::try_from(shifted).map_err(|_| EmissionError::AmountTooLarge {
        what: "rel_amount",
        value: shifted,
    })?;
    let uncapped = if schedule.floor_emissions {
        abs_amount.min(rel_amount)
    } else {
        abs_amount.max(rel_amount)
    };
    let overflow = EmissionError::SupplyOverflow {
        current_supply,
        new_token_supply: uncapped,
    };
    let after = current_supply
        .checked_add(uncapped)
        .ok_or(overflow.clone())?;
    let new_token_supply = if after > max_supply {
        max_supply.checked_sub(current_supply).ok_or(overflow)?
    } else {
        uncapped
    };
    let token_unit_sum = schedule.token_unit_sum();
    let emits = token_unit_sum > 0
        && u64::try_from(new_token_supply).is_ok_and(|new| new >= token_unit_sum);
    let emissions: Vec<(UnitTarget, i64)> = if emits {
        schedule
            .token_unit
            .iter()
            .map(|(target, weight)| {
                // ≤ new_token_supply, so it fits i64.
                let share =
                    u128::from(*weight) * new_token_supply as u128 / u128::from(token_unit_sum);
                (target.clone(), share as i64)
            })
            .collect()
    } else {
        Vec::new()
    };
    let total = emissions.iter().map(|(_, amount)| amount).sum();
    Ok(Emission {
        emission_time: time,
        abs_amount,
        rel_amount_numerator,
        rel_amount,
        new_token_supply,
        token_unit_sum,
        emissions,
        total,
        next_emission_time: next_emission_time(std::slice::from_ref(schedule), time),
    })
}

#[cfg(test)]
mod tests;
