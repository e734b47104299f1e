//! Named rule sets ("eras") and the full parameter set of the reward mechanics.
//!
//! An [`Era`] names the rules the chain ran at a hardfork; [`Rules::for_era`] gives its
//! parameters and [`Rules::with_overrides`] applies a proposal's changes on top. Parameters
//! that are values on chain (curves, percentages, windows) can all be overridden; the few
//! code paths that changed with a hardfork (pre-HF20 voting power vs HF20 manabars, the HF20
//! curation guard) follow the era.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use super::constants::*;
use super::curve::RewardCurve;
use crate::suggest::did_you_mean;

/// A named set of chain rules, from the hardfork that introduced them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Era {
    /// Steem HF17–HF18: reward fund, quadratic claims, bounded curation, 30-day decay.
    SteemHf17,
    /// Steem HF19: linear claims, √ curation, 15-day decay, 2% per full vote.
    SteemHf19,
    /// Steem HF20: manabars, dust subtracted, 15-minute reverse auction returned to the fund.
    SteemHf20,
    /// Steem HF21+ (and Hive HF21–HF24): convergent curves, 50% curation, downvote pool,
    /// 65/15/10/10 inflation split.
    SteemHf21,
    /// Hive HF25: linear curves, no reverse auction, 24 h / 72 h curation windows.
    HiveHf25,
    /// Hive HF28: as HF25, vote strength from maximum mana.
    HiveHf28,
}

impl Era {
    /// Every era, oldest first.
    pub const ALL: [Era; 6] = [
        Era::SteemHf17,
        Era::SteemHf19,
        Era::SteemHf20,
        Era::SteemHf21,
        Era::HiveHf25,
        Era::HiveHf28,
    ];

    /// The era's name as written in files and on the command line (e.g. `steem_hf21`).
    pub fn name(self) -> &'static str {
        match self {
            Era::SteemHf17 => "steem_hf17",
            Era::SteemHf19 => "steem_hf19",
            Era::SteemHf20 => "steem_hf20",
            Era::SteemHf21 => "steem_hf21",
            Era::HiveHf25 => "hive_hf25",
            Era::HiveHf28 => "hive_hf28",
        }
    }

    /// The names of all eras, comma separated, for error messages.
    pub fn allowed_names() -> String {
        Era::ALL.map(Era::name).join(", ")
    }

    /// True for eras on Hive's code base (HF25 and later).
    pub fn is_hive(self) -> bool {
        matches!(self, Era::HiveHf25 | Era::HiveHf28)
    }

    /// True from HF20 on: manabar voting, dust subtracted, unclaimed curation to the fund.
    pub fn is_hf20_or_later(self) -> bool {
        self >= Era::SteemHf20
    }
}

impl fmt::Display for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An era name that is not one of [`Era::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown era '{given}'{suggestion}; allowed: {allowed}", allowed = Era::allowed_names())]
pub struct UnknownEra {
    /// The name that was given.
    pub given: String,
    /// ", did you mean 'x'?" or empty.
    pub suggestion: String,
}

impl FromStr for Era {
    type Err = UnknownEra;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Era::ALL
            .into_iter()
            .find(|era| era.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownEra {
                given: s.to_string(),
                suggestion: did_you_mean(wanted, Era::ALL.map(Era::name)),
            })
    }
}

/// How votes are priced: the pre-HF20 voting power or the HF20+ manabars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VotingModel {
    /// `pre_hf20_vote_evaluator`: a 0–10000 voting power, dust votes rejected.
    VotingPower,
    /// `hf20_vote_evaluator`: manabars in VESTS satoshis, dust subtracted from every vote.
    Manabar,
}

/// Every parameter of the reward mechanics. Percentages are basis points (10000 = 100%),
/// times are seconds, rshares and mana are VESTS satoshis (10⁻⁶ VESTS), token amounts are
/// milli-tokens (10⁻³ STEEM / SBD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// The era these rules start from.
    pub era: Era,

    // --- curves and split -------------------------------------------------------------
    /// Curve turning a post's net rshares into claims (`author_reward_curve`).
    pub author_curve: RewardCurve,
    /// Curve turning cumulative vote rshares into curation weight (`curation_reward_curve`).
    pub curation_curve: RewardCurve,
    /// The `s` of the quadratic, bounded and convergent curves, rshares (`content_constant`).
    pub content_constant: u128,
    /// Curators' share of each payout, basis points (`percent_curation_rewards`).
    pub percent_curation_rewards: u16,

    // --- curation timing ----------------------------------------------------------------
    /// Votes younger than this get a linearly reduced curation weight, seconds
    /// (`reverse_auction_seconds`); 0 disables the reverse auction.
    pub reverse_auction_seconds: u32,
    /// Votes at least this old get ½ (or ⅛ after the mid window) of their curation weight,
    /// seconds (`early_voting_seconds`, Hive HF25); 0 disables the windows.
    pub early_voting_seconds: u32,
    /// Length of the half-weight window after the early one, seconds (`mid_voting_seconds`).
    pub mid_voting_seconds: u32,
    /// HF20 guard: a vote that does not raise the curation curve gets no weight. Before
    /// HF20 the u64 difference was taken unguarded.
    pub curation_weight_guard: bool,

    // --- reward fund and cashout -------------------------------------------------------------
    /// Linear decay time of `recent_claims`, seconds.
    pub recent_claims_decay_seconds: u32,
    /// Hive: `recent_claims` drops to 0 when more than the decay time has passed.
    pub reset_recent_claims_after_decay_time: bool,
    /// Seconds from creation to payout (`STEEM_CASHOUT_WINDOW_SECONDS`).
    pub cashout_window_seconds: u32,
    /// Payouts worth less than this are not paid, milli-SBD (`STEEM_MIN_PAYOUT_SBD`).
    pub min_payout_sbd: i64,
    /// Pre-HF20: curation nobody claimed goes to the author; from HF20 it stays in the fund.
    pub unclaimed_curation_to_author: bool,
    /// HF20+: beneficiaries take the post's SBD/STEEM mix instead of all vested.
    pub beneficiaries_take_sbd: bool,
    /// HF21+: a beneficiary that is the treasury is paid in SBD directly.
    pub treasury_beneficiary_in_sbd: bool,

    // --- voting ------------------------------------------------------------------
    /// Which vote evaluator prices votes.
    pub voting_model: VotingModel,
    /// Seconds for an empty manabar (or voting power) to refill.
    pub vote_regeneration_seconds: u32,
    /// A full vote spends 1/(rate · regeneration days) of current mana (`vote_power_reserve_rate`).
    pub vote_power_reserve_rate: u32,
    /// Downvote manabar as a share of the voting one, basis points; 0 = no pool.
    pub downvote_pool_percent: u16,
    /// Mana subtracted from (HF20+) or required of (pre-HF20) every vote, VESTS satoshis.
    pub vote_dust_threshold: i64,
    /// Window before cashout in which upvotes are rejected (pre-HF20) or reduced linearly
    /// (HF20+), seconds.
    pub upvote_lockout_seconds: u32,
    /// Hive HF28: a vote's strength comes from maximum mana, not current mana.
    pub vote_strength_from_max_mana: bool,

    // --- inflation ---------------------------------------------------------------------
    /// New tokens to the reward fund, basis points of new tokens.
    pub content_reward_percent: u16,
    /// New tokens to the vesting fund (stakers), basis points.
    pub vesting_reward_percent: u16,
    /// New tokens to the DAO (SPS / DHF), basis points. Witnesses get the residual.
    pub sps_fund_percent: u16,
    /// Inflation at block 0, basis points of virtual supply per year.
    pub inflation_rate_start_percent: i64,
    /// Inflation floor, basis points per year.
    pub inflation_rate_stop_percent: i64,
    /// Blocks per one-basis-point step down of inflation.
    pub inflation_narrowing_period: i64,

    // --- power down ---------------------------------------------------------------------
    /// Number of weekly power-down payments.
    pub vesting_withdraw_intervals: u32,
    /// Seconds between power-down payments.
    pub vesting_withdraw_interval_seconds: u32,
    /// HF21+: the weekly rate is rounded up so the power-down ends on time.
    pub power_down_rate_rounds_up: bool,
    /// Hive HF28: each payment is min(rate, remaining), fixing the last step.
    pub power_down_last_step_fix: bool,

    // --- SBD -------------------------------------------------------------------------------
    /// SBD debt ratio at which printing SBD starts to fall, basis points.
    pub sbd_start_percent: u16,
    /// SBD debt ratio at which printing SBD stops, basis points.
    pub sbd_stop_percent: u16,
}

impl Rules {
    /// The curation share of a post's reward (`percent_curation_rewards`), 0..=1.
    pub fn curation_share(&self) -> f64 {
        f64::from(self.percent_curation_rewards) / f64::from(STEEM_100_PERCENT)
    }

    /// The chain's parameters in `era`.
    pub fn for_era(era: Era) -> Rules {
        let hf19 = era >= Era::SteemHf19;
        let hf20 = era >= Era::SteemHf20;
        let hf21 = era >= Era::SteemHf21;
        let hf25 = era >= Era::HiveHf25;
        let (author_curve, curation_curve) = match era {
            Era::SteemHf17 => (RewardCurve::Quadratic, RewardCurve::BoundedCuration),
            Era::SteemHf19 | Era::SteemHf20 => (RewardCurve::Linear, RewardCurve::SquareRoot),
            Era::SteemHf21 => (
                RewardCurve::ConvergentLinear,
                RewardCurve::ConvergentSquareRoot,
            ),
            Era::HiveHf25 | Era::HiveHf28 => (RewardCurve::Linear, RewardCurve::Linear),
        };
        Rules {
            era,
            author_curve,
            curation_curve,
            content_constant: STEEM_CONTENT_CONSTANT_HF21,
            percent_curation_rewards: if hf21 { 5_000 } else { 2_500 },
            reverse_auction_seconds: match era {
                Era::SteemHf17 | Era::SteemHf19 => STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF6,
                Era::SteemHf20 => STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF20,
                Era::SteemHf21 => STEEM_REVERSE_AUCTION_WINDOW_SECONDS_HF21,
                Era::HiveHf25 | Era::HiveHf28 => 0,
            },
            early_voting_seconds: if hf25 {
                HIVE_EARLY_VOTING_SECONDS_HF25
            } else {
                0
            },
            mid_voting_seconds: if hf25 {
                HIVE_MID_VOTING_SECONDS_HF25
            } else {
                0
            },
            curation_weight_guard: hf20,
            recent_claims_decay_seconds: if hf19 {
                STEEM_RECENT_RSHARES_DECAY_TIME_HF19
            } else {
                STEEM_RECENT_RSHARES_DECAY_TIME_HF17
            },
            reset_recent_claims_after_decay_time: era.is_hive(),
            cashout_window_seconds: STEEM_CASHOUT_WINDOW_SECONDS,
            min_payout_sbd: STEEM_MIN_PAYOUT_SBD,
            unclaimed_curation_to_author: !hf20,
            beneficiaries_take_sbd: hf20,
            treasury_beneficiary_in_sbd: hf21,
            voting_model: if hf20 {
                VotingModel::Manabar
            } else {
                VotingModel::VotingPower
            },
            vote_regeneration_seconds: STEEM_VOTING_MANA_REGENERATION_SECONDS,
            vote_power_reserve_rate: if hf19 {
                STEEM_REDUCED_VOTE_POWER_RATE
            } else {
                STEEM_INITIAL_VOTE_POWER_RATE
            },
            downvote_pool_percent: if hf21 {
                STEEM_DOWNVOTE_POOL_PERCENT_HF21
            } else {
                0
            },
            vote_dust_threshold: STEEM_VOTE_DUST_THRESHOLD,
            upvote_lockout_seconds: STEEM_UPVOTE_LOCKOUT_SECONDS,
            vote_strength_from_max_mana: era == Era::HiveHf28,
            content_reward_percent: if hf21 {
                STEEM_CONTENT_REWARD_PERCENT_HF21
            } else {
                STEEM_CONTENT_REWARD_PERCENT_HF16
            },
            vesting_reward_percent: STEEM_VESTING_FUND_PERCENT_HF16,
            sps_fund_percent: if hf21 {
                STEEM_PROPOSAL_FUND_PERCENT_HF21
            } else {
                0
            },
            inflation_rate_start_percent: STEEM_INFLATION_RATE_START_PERCENT,
            inflation_rate_stop_percent: STEEM_INFLATION_RATE_STOP_PERCENT,
            inflation_narrowing_period: STEEM_INFLATION_NARROWING_PERIOD,
            // Steem HF23 cut power down to 4 weeks; the steem_hf21 era describes the rules
            // of HF21–HF22, and Hive never took the change.
            vesting_withdraw_intervals: STEEM_VESTING_WITHDRAW_INTERVALS,
            vesting_withdraw_interval_seconds: STEEM_VESTING_WITHDRAW_INTERVAL_SECONDS,
            power_down_rate_rounds_up: hf21,
            power_down_last_step_fix: era == Era::HiveHf28,
            sbd_start_percent: if hf20 { 900 } else { 200 },
            sbd_stop_percent: if hf20 { 1_000 } else { 500 },
        }
    }

    /// These rules with every `Some` field of `overrides` applied, then range-checked.
    pub fn with_overrides(mut self, overrides: &RulesOverrides) -> Result<Rules, RulesError> {
        overrides.apply_to(&mut self);
        self.validate()?;
        Ok(self)
    }

    /// Checks every parameter against its allowed range.
    pub fn validate(&self) -> Result<(), RulesError> {
        let percent = |key: &'static str, value: u16| {
            if u32::from(value) > STEEM_100_PERCENT {
                Err(RulesError::new(key, value, "0..=10000 (basis points)"))
            } else {
                Ok(())
            }
        };
        let positive = |key: &'static str, value: u64| {
            if value == 0 {
                Err(RulesError::new(key, value, "an integer ≥ 1"))
            } else {
                Ok(())
            }
        };
        percent("percent_curation_rewards", self.percent_curation_rewards)?;
        percent("downvote_pool_percent", self.downvote_pool_percent)?;
        percent("content_reward_percent", self.content_reward_percent)?;
        percent("vesting_reward_percent", self.vesting_reward_percent)?;
        percent("sps_fund_percent", self.sps_fund_percent)?;
        percent("sbd_start_percent", self.sbd_start_percent)?;
        percent("sbd_stop_percent", self.sbd_stop_percent)?;
        let split = u32::from(self.content_reward_percent)
            + u32::from(self.vesting_reward_percent)
            + u32::from(self.sps_fund_percent);
        if split > STEEM_100_PERCENT {
            return Err(RulesError::new(
                "content_reward_percent + vesting_reward_percent + sps_fund_percent",
                split,
                "a sum ≤ 10000 (witnesses get the rest)",
            ));
        }
        if self.sbd_start_percent > self.sbd_stop_percent {
            return Err(RulesError::new(
                "sbd_start_percent",
                self.sbd_start_percent,
                "at most sbd_stop_percent",
            ));
        }
        if self.content_constant == 0 {
            return Err(RulesError::new("content_constant", 0, "an integer ≥ 1"));
        }
        positive(
            "recent_claims_decay_seconds",
            self.recent_claims_decay_seconds.into(),
        )?;
        positive("cashout_window_seconds", self.cashout_window_seconds.into())?;
        positive(
            "vote_regeneration_seconds",
            self.vote_regeneration_seconds.into(),
        )?;
        positive(
            "vote_power_reserve_rate",
            self.vote_power_reserve_rate.into(),
        )?;
        positive(
            "vesting_withdraw_intervals",
            self.vesting_withdraw_intervals.into(),
        )?;
        positive(
            "vesting_withdraw_interval_seconds",
            self.vesting_withdraw_interval_seconds.into(),
        )?;
        if self.inflation_narrowing_period <= 0 {
            return Err(RulesError::new(
                "inflation_narrowing_period",
                self.inflation_narrowing_period,
                "an integer ≥ 1",
            ));
        }
        if self.inflation_rate_stop_percent < 0
            || self.inflation_rate_stop_percent > self.inflation_rate_start_percent
            || self.inflation_rate_start_percent > 10_000
        {
            return Err(RulesError::new(
                "inflation_rate_stop_percent",
                self.inflation_rate_stop_percent,
                "0 ≤ inflation_rate_stop_percent ≤ inflation_rate_start_percent ≤ 10000",
            ));
        }
        if self.min_payout_sbd < 0 {
            return Err(RulesError::new(
                "min_payout_sbd",
                self.min_payout_sbd,
                "an integer ≥ 0 (milli-SBD)",
            ));
        }
        if self.vote_dust_threshold < 0 {
            return Err(RulesError::new(
                "vote_dust_threshold",
                self.vote_dust_threshold,
                "an integer ≥ 0 (VESTS satoshis)",
            ));
        }
        Ok(())
    }
}

/// A parameter value outside its allowed range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key} = {value} is out of range; allowed: {allowed}")]
pub struct RulesError {
    /// The parameter's name, as in scenario and block files.
    pub key: &'static str,
    /// The value given.
    pub value: String,
    /// What is allowed.
    pub allowed: &'static str,
}

impl RulesError {
    fn new(key: &'static str, value: impl fmt::Display, allowed: &'static str) -> Self {
        RulesError {
            key,
            value: value.to_string(),
            allowed,
        }
    }
}

macro_rules! rules_overrides {
    ($($(#[$doc:meta])* $field:ident : $ty:ty),* $(,)?) => {
        /// Changes to an era's [`Rules`]: every field is optional and named as the rule it
        /// overrides. Read from the top level of block files and from a scenario's `[rules]`.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct RulesOverrides {
            $($(#[$doc])* pub $field: Option<$ty>,)*
        }

        impl RulesOverrides {
            /// The name of every overridable parameter, as written in files.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn apply_to(&self, rules: &mut Rules) {
                $(if let Some(value) = &self.$field {
                    rules.$field = value.clone().into();
                })*
            }
        }
    };
}

rules_overrides! {
    /// See [`Rules::author_curve`].
    author_curve: RewardCurve,
    /// See [`Rules::curation_curve`].
    curation_curve: RewardCurve,
    /// See [`Rules::content_constant`]; a TOML integer or a decimal string for u128 values.
    content_constant: U128Value,
    /// See [`Rules::percent_curation_rewards`].
    percent_curation_rewards: u16,
    /// See [`Rules::reverse_auction_seconds`].
    reverse_auction_seconds: u32,
    /// See [`Rules::early_voting_seconds`].
    early_voting_seconds: u32,
    /// See [`Rules::mid_voting_seconds`].
    mid_voting_seconds: u32,
    /// See [`Rules::recent_claims_decay_seconds`].
    recent_claims_decay_seconds: u32,
    /// See [`Rules::reset_recent_claims_after_decay_time`].
    reset_recent_claims_after_decay_time: bool,
    /// See [`Rules::cashout_window_seconds`].
    cashout_window_seconds: u32,
    /// See [`Rules::min_payout_sbd`].
    min_payout_sbd: i64,
    /// See [`Rules::unclaimed_curation_to_author`].
    unclaimed_curation_to_author: bool,
    /// See [`Rules::beneficiaries_take_sbd`].
    beneficiaries_take_sbd: bool,
    /// See [`Rules::treasury_beneficiary_in_sbd`].
    treasury_beneficiary_in_sbd: bool,
    /// See [`Rules::vote_regeneration_seconds`].
    vote_regeneration_seconds: u32,
    /// See [`Rules::vote_power_reserve_rate`].
    vote_power_reserve_rate: u32,
    /// See [`Rules::downvote_pool_percent`].
    downvote_pool_percent: u16,
    /// See [`Rules::vote_dust_threshold`].
    vote_dust_threshold: i64,
    /// See [`Rules::upvote_lockout_seconds`].
    upvote_lockout_seconds: u32,
    /// See [`Rules::vote_strength_from_max_mana`].
    vote_strength_from_max_mana: bool,
    /// See [`Rules::content_reward_percent`].
    content_reward_percent: u16,
    /// See [`Rules::vesting_reward_percent`].
    vesting_reward_percent: u16,
    /// See [`Rules::sps_fund_percent`].
    sps_fund_percent: u16,
    /// See [`Rules::inflation_rate_start_percent`].
    inflation_rate_start_percent: i64,
    /// See [`Rules::inflation_rate_stop_percent`].
    inflation_rate_stop_percent: i64,
    /// See [`Rules::inflation_narrowing_period`].
    inflation_narrowing_period: i64,
    /// See [`Rules::vesting_withdraw_intervals`].
    vesting_withdraw_intervals: u32,
    /// See [`Rules::vesting_withdraw_interval_seconds`].
    vesting_withdraw_interval_seconds: u32,
    /// See [`Rules::power_down_rate_rounds_up`].
    power_down_rate_rounds_up: bool,
    /// See [`Rules::power_down_last_step_fix`].
    power_down_last_step_fix: bool,
    /// See [`Rules::sbd_start_percent`].
    sbd_start_percent: u16,
    /// See [`Rules::sbd_stop_percent`].
    sbd_stop_percent: u16,
}

/// A u128 read from TOML, which has no integers past i64: either a non-negative TOML
/// integer or a string of decimal digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct U128Value(pub u128);

impl From<U128Value> for u128 {
    fn from(value: U128Value) -> u128 {
        value.0
    }
}

impl<'de> Deserialize<'de> for U128Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = U128Value;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-negative integer (up to 2^128-1; as a string past 2^63-1)")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<U128Value, E> {
                u128::try_from(v)
                    .map(U128Value)
                    .map_err(|_| E::custom(format!("{v} is negative; expected {}", ExpectU128)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<U128Value, E> {
                Ok(U128Value(v.into()))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<U128Value, E> {
                parse_u128_decimal(v)
                    .map(U128Value)
                    .map_err(|_| E::custom(format!("'{v}' is not an integer in 0..=2^128-1")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

struct ExpectU128;
impl fmt::Display for ExpectU128 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer in 0..=2^128-1")
    }
}

/// Parses a plain decimal u128 (digits only, optional surrounding spaces, no sign).
pub fn parse_u128_decimal(text: &str) -> Result<u128, std::num::ParseIntError> {
    let text = text.trim();
    if text.starts_with('+') {
        // u128::from_str accepts a leading '+', which no chain value is written with.
        return "x".parse::<u128>();
    }
    text.parse::<u128>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn era_names_round_trip() {
        for era in Era::ALL {
            assert_eq!(era.name().parse::<Era>().unwrap(), era);
        }
    }

    #[test]
    fn unknown_era_suggests_the_closest() {
        let err = "steem_hf2l".parse::<Era>().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("did you mean 'steem_hf21'"), "{text}");
        assert!(text.contains("hive_hf28"), "{text}");
    }

    #[test]
    fn every_era_is_valid() {
        for era in Era::ALL {
            Rules::for_era(era).validate().unwrap();
        }
    }

    #[test]
    fn hf21_defaults_match_the_chain() {
        let rules = Rules::for_era(Era::SteemHf21);
        assert_eq!(rules.author_curve, RewardCurve::ConvergentLinear);
        assert_eq!(rules.curation_curve, RewardCurve::ConvergentSquareRoot);
        assert_eq!(rules.percent_curation_rewards, 5000);
        assert_eq!(rules.reverse_auction_seconds, 300);
        assert_eq!(rules.downvote_pool_percent, 2500);
        assert_eq!(
            (
                rules.content_reward_percent,
                rules.vesting_reward_percent,
                rules.sps_fund_percent
            ),
            (6500, 1500, 1000)
        );
    }

    #[test]
    fn overrides_apply_and_are_checked() {
        let overrides: RulesOverrides =
            toml::from_str("percent_curation_rewards = 2500\nauthor_curve = \"linear\"").unwrap();
        let rules = Rules::for_era(Era::SteemHf21)
            .with_overrides(&overrides)
            .unwrap();
        assert_eq!(rules.percent_curation_rewards, 2500);
        assert_eq!(rules.author_curve, RewardCurve::Linear);

        let too_much: RulesOverrides = toml::from_str("percent_curation_rewards = 10001").unwrap();
        let err = Rules::for_era(Era::SteemHf21)
            .with_overrides(&too_much)
            .unwrap_err();
        assert_eq!(err.key, "percent_curation_rewards");
    }

    #[test]
    fn unknown_override_is_rejected() {
        let err = toml::from_str::<RulesOverrides>("percent_curation_reward = 1").unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }

    #[test]
    fn content_constant_accepts_strings_past_i64() {
        let o: RulesOverrides =
            toml::from_str("content_constant = \"340282366920938463463374607431768211455\"")
                .unwrap();
        assert_eq!(o.content_constant, Some(U128Value(u128::MAX)));
        assert!(toml::from_str::<RulesOverrides>("content_constant = -1").is_err());
        assert!(toml::from_str::<RulesOverrides>("content_constant = \"+5\"").is_err());
    }
}
