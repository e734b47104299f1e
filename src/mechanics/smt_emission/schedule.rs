//! One SMT emission schedule as `smt_setup_emissions_operation` sets it up, its destinations
//! (`unit_target_type`), and the chain's checks: `smt_setup_emissions_operation::validate`
//! (protocol/smt_operations.cpp), `smt_emissions_unit::validate` and the state-free part of
//! `smt_setup_emissions_evaluator::do_apply` (chain/smt_evaluator.cpp).
//!
//! Invariant: an [`EmissionSchedule`] for which [`EmissionSchedule::validate`] returns `Ok`
//! is one the chain accepts (given that named accounts exist and `schedule_time` is after the
//! head block), and every time it produces fits the chain's `time_point_sec` (u32 seconds).
//! Times are seconds since the Unix epoch; amounts are the token's smallest unit (satoshis of
//! a token with `precision` decimals), as `share_type` (i64).

/// First allowed spacing between emissions, seconds (`SMT_EMISSION_MIN_INTERVAL_SECONDS`,
/// 6 hours).
pub const SMT_EMISSION_MIN_INTERVAL_SECONDS: u32 = 21_600;
/// `emission_count` meaning "emit forever" (`SMT_EMIT_INDEFINITELY` = u32::MAX).
pub const SMT_EMIT_INDEFINITELY: u32 = u32::MAX;
/// Mainnet genesis, seconds since the epoch (`STEEM_GENESIS_TIME`, 2016-03-24 16:00 UTC);
/// a schedule must start after it.
pub const STEEM_GENESIS_TIME: u32 = 1_458_835_200;
/// Shortest account name, characters (`STEEM_MIN_ACCOUNT_NAME_LENGTH`).
const MIN_ACCOUNT_NAME_LENGTH: usize = 3;
/// Longest account name, characters (`STEEM_MAX_ACCOUNT_NAME_LENGTH`).
const MAX_ACCOUNT_NAME_LENGTH: usize = 16;

/// Where an emission share goes (`unit_target_type` accepted by
/// `smt::unit_target::is_valid_emissions_destination`). `$from` and `$from.vesting` are ICO
/// targets and are not valid here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitTarget {
    /// `$rewards`: the token's reward fund (`smt_token_object::reward_balance`).
    Rewards,
    /// `$market_maker`: the token side of the market maker (`market_maker.token_balance`).
    MarketMaker,
    /// `$vesting`: the vesting fund (`total_vesting_fund_smt`), i.e. shared pro rata by all
    /// holders of the token's vesting shares.
    Vesting,
    /// A plain account name: paid liquid (`adjust_balance`).
    Account(String),
    /// `$!name.vesting`: vested into the named account (`create_vesting`).
    AccountVesting(String),
}

impl UnitTarget {
    /// Parses the chain's string form (`$rewards`, `$market_maker`, `$vesting`, `alice`,
    /// `$!alice.vesting`); for the last two the account name must be valid
    /// (`is_valid_account_name`; the evaluator's `get_unit_target_account` asserts it).
    pub fn parse(text: &str) -> Result<UnitTarget, EmissionScheduleError> {
        let invalid = || EmissionScheduleError::InvalidDestination(text.to_string());
        match text {
            "$rewards" => Ok(UnitTarget::Rewards),
            "$market_maker" => Ok(UnitTarget::MarketMaker),
            "$vesting" => Ok(UnitTarget::Vesting),
            _ => {
                if let Some(name) = text
                    .strip_prefix("$!")
                    .and_then(|rest| rest.strip_suffix(".vesting"))
                {
                    is_valid_account_name(name)
                        .then(|| UnitTarget::AccountVesting(name.to_string()))
                        .ok_or_else(invalid)
                } else if is_valid_account_name(text) {
                    Ok(UnitTarget::Account(text.to_string()))
                } else {
                    Err(invalid())
                }
            }
        }
    }

    /// The chain's string form of this target.
    pub fn chain_name(&self) -> String {
        match self {
            UnitTarget::Rewards => "$rewards".to_string(),
            UnitTarget::MarketMaker => "$market_maker".to_string(),
            UnitTarget::Vesting => "$vesting".to_string(),
            UnitTarget::Account(name) => name.clone(),
            UnitTarget::AccountVesting(name) => format!("$!{name}.vesting"),
        }
    }
}

/// Steem's account-name rule (`is_valid_account_name`, protocol/authority.cpp): 3–16
/// characters, dot-separated labels of ≥ 3 characters, each starting with a–z, ending with
/// a–z or 0–9, with a–z, 0–9 or '-' between.
pub fn is_valid_account_name(name: &str) -> bool {
    if !(MIN_ACCOUNT_NAME_LENGTH..=MAX_ACCOUNT_NAME_LENGTH).contains(&name.len()) {
        return false;
    }
    name.split('.').all(|label| {
        let bytes = label.as_bytes();
        bytes.len() >= 3
            && bytes[0].is_ascii_lowercase()
            && matches!(bytes[bytes.len() - 1], b'a'..=b'z' | b'0'..=b'9')
            && bytes[1..bytes.len() - 1]
                .iter()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
    })
}

/// One emission schedule (`smt_token_emissions_object`, set by `smt_setup_emissions`).
///
/// The amount of emission `k` (at `schedule_time + k · interval_seconds`) is
/// max(abs, rel) — min with `floor_emissions` — where abs and the rel numerator move linearly
/// from the left endpoint (`lep_*`) to the right one (`rep_*`) between `lep_time` and
/// `rep_time`, and rel = ⌊current_supply · numerator / 2^rel_amount_denom_bits⌋.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmissionSchedule {
    /// Time of the first emission, seconds since the epoch (`schedule_time`).
    pub schedule_time: u32,
    /// Destinations and their integer weights (`emissions_unit.token_unit`); each gets
    /// ⌊weight · total / Σweights⌋. Kept in this order in results.
    pub token_unit: Vec<(UnitTarget, u16)>,
    /// Seconds between emissions, ≥ [`SMT_EMISSION_MIN_INTERVAL_SECONDS`]
    /// (`interval_seconds`).
    pub interval_seconds: u32,
    /// Number of emissions, ≥ 1; [`SMT_EMIT_INDEFINITELY`] means forever (`emission_count`).
    pub emission_count: u32,
    /// Left endpoint of the ramp, seconds since the epoch (`lep_time`).
    pub lep_time: u32,
    /// Right endpoint of the ramp, seconds since the epoch (`rep_time`); equal to `lep_time`
    /// for no ramp.
    pub rep_time: u32,
    /// Absolute amount per emission at and before `lep_time`, token satoshis
    /// (`lep_abs_amount`).
    pub lep_abs_amount: i64,
    /// Absolute amount per emission at and after `rep_time`, token satoshis
    /// (`rep_abs_amount`).
    pub rep_abs_amount: i64,
    /// Relative amount numerator at and before `lep_time` (`lep_rel_amount_numerator`).
    pub lep_rel_amount_numerator: u32,
    /// Relative amount numerator at and after `rep_time` (`rep_rel_amount_numerator`).
    pub rep_rel_amount_numerator: u32,
    /// The relative amount's denominator is 2^this (`rel_amount_denom_bits`; any u8; ≥ 128
    /// makes the relative amount 0, as `fc::uint128`'s shift does).
    pub rel_amount_denom_bits: u8,
    /// Take min(abs, rel) instead of max(abs, rel) (`floor_emissions`).
    pub floor_emissions: bool,
}

/// Why a schedule or a sequence of schedules is rejected; each names the field and what is
/// allowed. The operation is refused; a run cannot use the schedule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmissionScheduleError {
    /// `schedule_time` not after genesis.
    #[error("schedule_time {0} must be after STEEM_GENESIS_TIME ({STEEM_GENESIS_TIME})")]
    ScheduleBeforeGenesis(u32),
    /// `token_unit` has no destination.
    #[error("emissions_unit.token_unit must name at least one destination")]
    EmptyTokenUnit,
    /// A destination is not `$rewards`, `$market_maker`, `$vesting`, an account or
    /// `$!account.vesting`.
    #[error(
        "emissions_unit.token_unit destination '{0}' is invalid: use $rewards, $market_maker, \
         $vesting, an account name or $!account.vesting"
    )]
    InvalidDestination(String),
    /// A destination appears twice (the chain's `flat_map` holds each once).
    #[error("emissions_unit.token_unit names '{0}' twice")]
    DuplicateDestination(String),
    /// A weight of 0.
    #[error("emissions_unit.token_unit weight of '{0}' must be greater than 0")]
    ZeroWeight(String),
    /// `interval_seconds` below 6 h.
    #[error(
        "interval_seconds {0} must be at least SMT_EMISSION_MIN_INTERVAL_SECONDS \
         ({SMT_EMISSION_MIN_INTERVAL_SECONDS})"
    )]
    IntervalTooShort(u32),
    /// `emission_count` of 0.
    #[error("emission_count must be greater than 0 (4294967295 = forever)")]
    ZeroEmissionCount,
    /// `lep_time` after `rep_time`.
    #[error("lep_time {lep} must be less than or equal to rep_time {rep}")]
    EndpointsReversed {
        /// `lep_time`.
        lep: u32,
        /// `rep_time`.
        rep: u32,
    },
    /// A ramp starting before `schedule_time`.
    #[error("lep_time {lep} cannot be before schedule_time {schedule} when lep_time != rep_time")]
    LepBeforeSchedule {
        /// `lep_time`.
        lep: u32,
        /// `schedule_time`.
        schedule: u32,
    },
    /// The last emission time passes what the chain allows (2^31−1 with a ramp, checked by
    /// `validate`; 2^32−1 without, where the chain's `time_point_sec` would wrap).
    #[error("the last emission time {end} is past {limit} (schedule end time overflow)")]
    ScheduleEndOverflow {
        /// schedule_time + interval_seconds · (emission_count − 1).
        end: u64,
        /// The limit.
        limit: u64,
    },
    /// A ramp ending after the last emission.
    #[error("rep_time {rep} cannot be after the schedule end time {end}")]
    RepAfterScheduleEnd {
        /// `rep_time`.
        rep: u32,
        /// The last emission time.
        end: u64,
    },
    /// A negative absolute amount.
    #[error("{0} cannot be negative")]
    NegativeAbsAmount(&'static str),
    /// All four amounts zero.
    #[error(
        "an emission must have a positive lep_abs_amount, rep_abs_amount, \
         lep_rel_amount_numerator or rep_rel_amount_numerator"
    )]
    NoEmission,
    /// A schedule after an indefinite one (`smt_setup_emissions_evaluator`).
    #[error("schedule {index} follows an indefinite schedule; nothing can follow 'forever'")]
    AfterIndefinite {
        /// Position of the refused schedule.
        index: usize,
    },
    /// A schedule starting less than 6 h after the previous one's last emission.
    #[error(
        "schedule {index} starts at {start}, before the previous schedule's last emission \
         {previous_end} + {SMT_EMISSION_MIN_INTERVAL_SECONDS} s"
    )]
    Overlap {
        /// Position of the refused schedule.
        index: usize,
        /// Its `schedule_time`.
        start: u32,
        /// The previous schedule's last emission time.
        previous_end: u32,
    },
    /// One schedule of a sequence is invalid.
    #[error("schedule {index}: {error}")]
    InSequence {
        /// Position of the invalid schedule.
        index: usize,
        /// What is wrong with it.
        error: Box<EmissionScheduleError>,
    },
}

impl EmissionSchedule {
    /// Σ weights (`smt_emissions_unit::token_unit_sum`, uint32 on chain; u64 here so that
    /// no number of destinations overflows).
    pub fn token_unit_sum(&self) -> u64 {
        self.token_unit.iter().map(|(_, w)| u64::from(*w)).sum()
    }

    /// Whether the schedule emits forever.
    pub fn is_indefinite(&self) -> bool {
        self.emission_count == SMT_EMIT_INDEFINITELY
    }

    /// Time of the last emission (`smt_token_emissions_object::schedule_end_time`): seconds
    /// since the epoch, u32::MAX for an indefinite schedule. On a valid schedule it fits u32.
    pub fn schedule_end_time(&self) -> u64 {
        if self.is_indefinite() {
            u64::from(u32::MAX)
        } else {
            u64::from(self.schedule_time)
                + u64::from(self.interval_seconds) * u64::from(self.emission_count.max(1) - 1)
        }
    }

    /// The chain's checks, in the chain's order (`smt_setup_emissions_operation::validate`,
    /// `smt_emissions_unit::validate`), plus two it leaves to later or never makes: a
    /// destination listed twice (a JSON object key), and — a documented departure — a
    /// finite schedule without a ramp whose end passes u32 seconds (2106), where the chain's
    /// `time_point_sec` would wrap.
    pub fn validate(&self) -> Result<(), EmissionScheduleError> {
        use EmissionScheduleError as E;
        if self.schedule_time <= STEEM_GENESIS_TIME {
            return Err(E::ScheduleBeforeGenesis(self.schedule_time));
        }
        if self.token_unit.is_empty() {
            return Err(E::EmptyTokenUnit);
        }
        for (i, (target, weight)) in self.token_unit.iter().enumerate() {
            let name = target.chain_name();
            if UnitTarget::parse(&name).as_ref() != Ok(target) {
                return Err(E::InvalidDestination(name));
            }
            if *weight == 0 {
                return Err(E::ZeroWeight(name));
            }
            if self.token_unit[..i].iter().any(|(t, _)| t == target) {
                return Err(E::DuplicateDestination(name));
            }
        }
        if self.interval_seconds < SMT_EMISSION_MIN_INTERVAL_SECONDS {
            return Err(E::IntervalTooShort(self.interval_seconds));
        }
        if self.emission_count == 0 {
            return Err(E::ZeroEmissionCount);
        }
        if self.lep_time > self.rep_time {
            return Err(E::EndpointsReversed {
                lep: self.lep_time,
                rep: self.rep_time,
            });
        }
        let end = self.schedule_end_time();
        if self.lep_time != self.rep_time {
            if self.lep_time < self.schedule_time {
                return Err(E::LepBeforeSchedule {
                    lep: self.lep_time,
                    schedule: self.schedule_time,
                });
            }
            if !self.is_indefinite() {
                let limit = i32::MAX as u64;
                if end > limit {
                    return Err(E::ScheduleEndOverflow { end, limit });
                }
                if u64::from(self.rep_time) > end {
                    return Err(E::RepAfterScheduleEnd {
                        rep: self.rep_time,
                        end,
                    });
                }
            }
        }
        if !self.is_indefinite() && end > u64::from(u32::MAX) {
            return Err(E::ScheduleEndOverflow {
                end,
                limit: u64::from(u32::MAX),
            });
        }
        if self.lep_abs_amount < 0 {
            return Err(E::NegativeAbsAmount("lep_abs_amount"));
        }
        if self.rep_abs_amount < 0 {
            return Err(E::NegativeAbsAmount("rep_abs_amount"));
        }
        if self.lep_abs_amount == 0
            && self.rep_abs_amount == 0
            && self.lep_rel_amount_numerator == 0
            && self.rep_rel_amount_numerator == 0
        {
            return Err(E::NoEmission);
        }
        Ok(())
    }
}

/// Checks a token's schedules in the order they were set up: each one valid, and — as
/// `smt_setup_emissions_evaluator` requires — none after an indefinite one, each starting at
/// least [`SMT_EMISSION_MIN_INTERVAL_SECONDS`] after the previous one's last emission. Not
/// checked here: `schedule_time` after the head block, and that named accounts exist.
pub fn validate_sequence(schedules: &[EmissionSchedule]) -> Result<(), EmissionScheduleError> {
    for (index, schedule) in schedules.iter().enumerate() {
        schedule
            .validate()
            .map_err(|error| EmissionScheduleError::InSequence {
                index,
                error: Box::new(error),
            })?;
        if let Some(previous) = index.checked_sub(1).map(|i| &schedules[i]) {
            if previous.is_indefinite() {
                return Err(EmissionScheduleError::AfterIndefinite { index });
            }
            let previous_end = previous.schedule_end_time();
            if u64::from(schedule.schedule_time)
                < previous_end + u64::from(SMT_EMISSION_MIN_INTERVAL_SECONDS)
            {
                return Err(EmissionScheduleError::Overlap {
                    index,
                    start: schedule.schedule_time,
                    previous_end: previous_end as u32,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid schedule to vary: 100 satoshis to $rewards every 6 h, 4 times, from 2020-01-01.
    pub(crate) fn base() -> EmissionSchedule {
        EmissionSchedule {
            schedule_time: 1_577_836_800,
            token_unit: vec![(UnitTarget::Rewards, 1)],
            interval_seconds: SMT_EMISSION_MIN_INTERVAL_SECONDS,
            emission_count: 4,
            lep_time: 1_577_836_800,
            rep_time: 1_577_836_800,
            lep_abs_amount: 100,
            rep_abs_amount: 100,
            lep_rel_amount_numerator: 0,
            rep_rel_amount_numerator: 0,
            rel_amount_denom_bits: 0,
            floor_emissions: false,
        }
    }

    #[test]
    fn destinations_parse_as_on_chain() {
        for (text, target) in [
            ("$rewards", Some(UnitTarget::Rewards)),
            ("$market_maker", Some(UnitTarget::MarketMaker)),
            ("$vesting", Some(UnitTarget::Vesting)),
            ("alice", Some(UnitTarget::Account("alice".into()))),
            ("steem.dao", Some(UnitTarget::Account("steem.dao".into()))),
            (
                "$!alice.vesting",
                Some(UnitTarget::AccountVesting("alice".into())),
            ),
            ("$from", None),
            ("$from.vesting", None),
            ("$!al.vesting", None),
            ("Alice", None),
            ("ab", None),
            ("abcdefghijklmnopq", None),
            ("alice-", None),
            ("$treasury", None),
        ] {
            assert_eq!(UnitTarget::parse(text).ok(), target, "{text}");
            if let Some(t) = target {
                assert_eq!(t.chain_name(), text);
            }
        }
    }

    #[test]
    fn validation_names_the_field() {
        use EmissionScheduleError as E;
        type Change = fn(&mut EmissionSchedule);
        let cases: Vec<(Change, EmissionScheduleError)> = vec![
            (
                |s| s.schedule_time = STEEM_GENESIS_TIME,
                E::ScheduleBeforeGenesis(STEEM_GENESIS_TIME),
            ),
            (|s| s.token_unit.clear(), E::EmptyTokenUnit),
            (|s| s.token_unit[0].1 = 0, E::ZeroWeight("$rewards".into())),
            (
                |s| s.token_unit.push((UnitTarget::Rewards, 2)),
                E::DuplicateDestination("$rewards".into()),
            ),
            (
                |s| s.token_unit.push((UnitTarget::Account("X".into()), 2)),
                E::InvalidDestination("X".into()),
            ),
            (|s| s.interval_seconds = 21_599, E::IntervalTooShort(21_599)),
            (|s| s.emission_count = 0, E::ZeroEmissionCount),
            (
                |s| s.lep_time += 1,
                E::EndpointsReversed {
                    lep: 1_577_836_801,
                    rep: 1_577_836_800,
                },
            ),
            (
                |s| {
                    s.lep_time -= 1;
                },
                E::LepBeforeSchedule {
                    lep: 1_577_836_799,
                    schedule: 1_577_836_800,
                },
            ),
            (
                |s| s.rep_time += 3 * 21_600 + 1,
                E::RepAfterScheduleEnd {
                    rep: 1_577_836_800 + 64_801,
                    end: 1_577_836_800 + 64_800,
                },
            ),
            (
                |s| {
                    s.rep_time += 1;
                    s.emission_count = 100_000;
                },
                E::ScheduleEndOverflow {
                    end: 1_577_836_800 + 21_600 * 99_999,
                    limit: i32::MAX as u64,
                },
            ),
            (
                |s| s.emission_count = 200_000,
                E::ScheduleEndOverflow {
                    end: 1_577_836_800 + 21_600 * 199_999,
                    limit: u64::from(u32::MAX),
                },
            ),
            (
                |s| s.lep_abs_amount = -1,
                E::NegativeAbsAmount("lep_abs_amount"),
            ),
            (
                |s| s.rep_abs_amount = -1,
                E::NegativeAbsAmount("rep_abs_amount"),
            ),
            (
                |s| {
                    s.lep_abs_amount = 0;
                    s.rep_abs_amount = 0;
                },
                E::NoEmission,
            ),
        ];
        assert_eq!(base().validate(), Ok(()));
        for (change, error) in cases {
            let mut schedule = base();
            change(&mut schedule);
            assert_eq!(schedule.validate(), Err(error.clone()));
            assert!(!error.to_string().is_empty());
        }
        // Forever with a ramp: no end-time checks (the chain skips them too).
        let mut forever = base();
        forever.emission_count = SMT_EMIT_INDEFINITELY;
        forever.rep_time = u32::MAX;
        assert_eq!(forever.validate(), Ok(()));
        assert_eq!(forever.schedule_end_time(), u64::from(u32::MAX));
        // Relative-only is enough.
        let mut relative = base();
        relative.lep_abs_amount = 0;
        relative.rep_abs_amount = 0;
        relative.rep_rel_amount_numerator = 1;
        assert_eq!(relative.validate(), Ok(()));
    }

    #[test]
    fn sequences_do_not_overlap() {
        let first = base(); // last emission at +64,800 s
        let mut second = base();
        second.schedule_time = first.schedule_time + 64_800 + SMT_EMISSION_MIN_INTERVAL_SECONDS;
        second.lep_time = second.schedule_time;
        second.rep_time = second.schedule_time;
        assert_eq!(validate_sequence(&[first.clone(), second.clone()]), Ok(()));
        let mut early = second.clone();
        early.schedule_time -= 1;
        early.lep_time -= 1;
        early.rep_time -= 1;
        assert_eq!(
            validate_sequence(&[first.clone(), early]),
            Err(EmissionScheduleError::Overlap {
                index: 1,
                start: second.schedule_time - 1,
                previous_end: first.schedule_time + 64_800,
            })
        );
        let mut forever = first.clone();
        forever.emission_count = SMT_EMIT_INDEFINITELY;
        assert_eq!(
            validate_sequence(&[forever, second.clone()]),
            Err(EmissionScheduleError::AfterIndefinite { index: 1 })
        );
        let mut bad = second;
        bad.interval_seconds = 1;
        assert!(matches!(
            validate_sequence(&[first, bad]),
            Err(EmissionScheduleError::InSequence { index: 1, .. })
        ));
    }
}
