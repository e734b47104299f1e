//! A tribe reward pool's configuration, validated as `actions.createRewardPool` /
//! `actions.updateRewardPool` validate it (`contracts/comments.js` lines 520–661 and 663–794).
//!
//! Invariant: a [`PoolConfig`] that exists satisfies every range the contract asserts, plus
//! one bound of ours (`rewardPerInterval` at most [`MAX_SUPPLY_TOKENS`] tokens, which the
//! tokens contract's `issueToContract` could never mint anyway), so that all pool
//! arithmetic stays within u128 / U512.

use crate::mechanics::power_curve::PowerExponent;

/// The largest `maxSupply` the Hive-Engine `tokens` contract accepts, whole tokens
/// (`Number.MAX_SAFE_INTEGER`). No balance, stake or pool can exceed it.
pub const MAX_SUPPLY_TOKENS: u64 = 9_007_199_254_740_991;

/// The largest token `precision` (decimal places) the `tokens` contract accepts.
pub const MAX_TOKEN_PRECISION: u32 = 8;

/// Milliseconds in a day (the contract's `24 * 3600 * 1000`).
pub const DAY_MS: u64 = 86_400_000;

/// The optional automatic issuance cut (2023+: `rewardReductionIntervalSeconds`,
/// `rewardReductionPercentage`). The contract applies it only when both are set (line 452).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RewardReduction {
    /// `rewardReductionIntervalSeconds`: how often `rewardPerInterval` is cut, seconds;
    /// at least `rewardIntervalSeconds`.
    pub interval_seconds: u64,
    /// `rewardReductionPercentage` in tenths of a percent (0..=1000; the contract allows
    /// one decimal: "12.5" is 125).
    pub percentage_tenths: u32,
}

/// The configuration as given, before validation: the contract's fields with the units
/// rewardsim uses. See [`PoolConfig::new`] for the allowed ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolConfigParams {
    /// The token's `precision`: decimal places of every amount (0..=8). Token amounts in
    /// this module are integers of 10^-precision tokens ("token units").
    pub token_precision: u32,
    /// `postRewardCurveParameter` a: post claims = rshares^a (1..=2, ≤ 2 decimals).
    pub post_reward_exponent: PowerExponent,
    /// `curationRewardCurveParameter` b: curation weight from (S+r)^b − S^b
    /// (0.5..=1, ≤ 2 decimals).
    pub curation_reward_exponent: PowerExponent,
    /// `curationRewardPercentage`: curators' share of each payout, percent (0..=100).
    pub curation_reward_percentage: u32,
    /// `cashoutWindowDays`: days from a post's creation to its payout (1..=30).
    pub cashout_window_days: u32,
    /// `rewardPerInterval`: tokens minted into the pool per interval, token units (> 0).
    pub reward_per_interval: u128,
    /// `rewardIntervalSeconds`: the interval, seconds (3..=86400, a multiple of 3).
    pub reward_interval_seconds: u64,
    /// `rewardReductionIntervalSeconds` + `rewardReductionPercentage`, if both are set.
    pub reward_reduction: Option<RewardReduction>,
    /// `voteRegenerationDays`: days for voting power to refill from 0 to 10000 (1..=30).
    pub vote_regeneration_days: u32,
    /// `votePowerConsumption`: voting power a 100% vote at full power uses, in 1/10000
    /// (1..=10000; 200 = 2%).
    pub vote_power_consumption: u32,
    /// `downvoteRegenerationDays`: the same for downvoting power (1..=30).
    pub downvote_regeneration_days: u32,
    /// `downvotePowerConsumption`: the same for downvotes (1..=10000).
    pub downvote_power_consumption: u32,
    /// `stakedRewardPercentage`: share of every payout (app tax excepted) delivered
    /// staked, percent (0..=100).
    pub staked_reward_percentage: u32,
    /// `disableDownvote`: downvotes cast 0 rshares and use no power.
    pub disable_downvote: bool,
    /// `ignoreDeclinePayout`: pay posts even if they declined payout on Hive.
    pub ignore_decline_payout: bool,
    /// `appTaxConfig.percent`: the tax on the author-and-beneficiary part of posts made
    /// with another app, percent (1..=100); `None` for no app tax. Which app and which
    /// beneficiary are the engine's business (see `PostPayoutInput::app_tax_beneficiary`).
    pub app_tax_percent: Option<u32>,
}

impl Default for PoolConfigParams {
    /// The contract wiki's example pool (a = 1, b = 0.5, 50% curation, 7-day cashout,
    /// 14-day regeneration, 2% per full vote, 20% per full downvote, 50% staked) with
    /// 1.5 tokens per 3 s at precision 3.
    fn default() -> Self {
        PoolConfigParams {
            token_precision: 3,
            post_reward_exponent: exponent(100),
            curation_reward_exponent: exponent(50),
            curation_reward_percentage: 50,
            cashout_window_days: 7,
            reward_per_interval: 1_500,
            reward_interval_seconds: 3,
            reward_reduction: None,
            vote_regeneration_days: 14,
            vote_power_consumption: 200,
            downvote_regeneration_days: 14,
            downvote_power_consumption: 2_000,
            staked_reward_percentage: 50,
            disable_downvote: false,
            ignore_decline_payout: false,
            app_tax_percent: None,
        }
    }
}

fn exponent(hundredths: u16) -> PowerExponent {
    PowerExponent::from_hundredths(hundredths).expect("a constant in 50..=200")
}

/// A configuration field outside the range the contract allows. The pool cannot be
/// created with it (the contract's `api.assert` fails and the action does nothing).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tribe pool config: {field} = {given} is not allowed; allowed: {allowed}")]
pub struct PoolConfigError {
    /// The contract's name of the field, e.g. `cashoutWindowDays`.
    pub field: &'static str,
    /// The value given, as text.
    pub given: String,
    /// The allowed range, in words.
    pub allowed: &'static str,
}

/// A validated pool configuration (see [`PoolConfig::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolConfig {
    params: PoolConfigParams,
}

fn check(
    ok: bool,
    field: &'static str,
    given: impl ToString,
    allowed: &'static str,
) -> Result<(), PoolConfigError> {
    if ok {
        Ok(())
    } else {
        Err(PoolConfigError {
            field,
            given: given.to_string(),
            allowed,
        })
    }
}

impl PoolConfig {
    /// Validates `params` in the contract's order (`createRewardPool`, lines 571–606), and
    /// the token precision first (the `tokens` contract's range).
    pub fn new(params: PoolConfigParams) -> Result<PoolConfig, PoolConfigError> {
        let p = &params;
        check(
            p.token_precision <= MAX_TOKEN_PRECISION,
            "precision",
            p.token_precision,
            "an integer in 0..=8",
        )?;
        let a = p.post_reward_exponent.hundredths();
        check(
            (100..=200).contains(&a),
            "postRewardCurveParameter",
            p.post_reward_exponent,
            "1..=2 with at most 2 decimals",
        )?;
        let b = p.curation_reward_exponent.hundredths();
        check(
            (50..=100).contains(&b),
            "curationRewardCurveParameter",
            p.curation_reward_exponent,
            "0.5..=1 with at most 2 decimals",
        )?;
        check(
            p.curation_reward_percentage <= 100,
            "curationRewardPercentage",
            p.curation_reward_percentage,
            "an integer in 0..=100",
        )?;
        check(
            (1..=30).contains(&p.cashout_window_days),
            "cashoutWindowDays",
            p.cashout_window_days,
            "an integer in 1..=30",
        )?;
        let max_units = max_supply_units(p.token_precision);
        check(
            p.reward_per_interval > 0 && p.reward_per_interval <= max_units,
            "rewardPerInterval",
            format!("{} token units", p.reward_per_interval),
            "more than 0 and at most 9007199254740991 tokens, in token units",
        )?;
        let seconds = p.reward_interval_seconds;
        check(
            (3..=86_400).contains(&seconds) && seconds % 3 == 0,
            "rewardIntervalSeconds",
            seconds,
            "an integer in 3..=86400 divisible by 3",
        )?;
        for (field, days) in [
            ("voteRegenerationDays", p.vote_regeneration_days),
            ("downvoteRegenerationDays", p.downvote_regeneration_days),
        ] {
            check(
                (1..=30).contains(&days),
                field,
                days,
                "an integer in 1..=30",
            )?;
        }
        check(
            p.staked_reward_percentage <= 100,
            "stakedRewardPercentage",
            p.staked_reward_percentage,
            "an integer in 0..=100",
        )?;
        for (field, consumption) in [
            ("votePowerConsumption", p.vote_power_consumption),
            ("downvotePowerConsumption", p.downvote_power_consumption),
        ] {
            check(
                (1..=10_000).contains(&consumption),
                field,
                consumption,
                "an integer in 1..=10000",
            )?;
        }
        if let Some(percent) = p.app_tax_percent {
            check(
                (1..=100).contains(&percent),
                "appTaxConfig.percent",
                percent,
                "an integer in 1..=100",
            )?;
        }
        if let Some(reduction) = p.reward_reduction {
            check(
                reduction.interval_seconds >= seconds,
                "rewardReductionIntervalSeconds",
                reduction.interval_seconds,
                "an integer at least rewardIntervalSeconds",
            )?;
            check(
                reduction.percentage_tenths <= 1_000,
                "rewardReductionPercentage",
                format!("{} tenths of a percent", reduction.percentage_tenths),
                "0..=100 with at most 1 decimal (0..=1000 tenths)",
            )?;
        }
        Ok(PoolConfig { params })
    }

    /// The validated parameters.
    pub fn params(&self) -> &PoolConfigParams {
        &self.params
    }

    /// The interval Δ in milliseconds (`rewardIntervalSeconds * 1000`).
    pub fn reward_interval_ms(&self) -> u64 {
        self.params.reward_interval_seconds * 1000
    }

    /// The claims decay period D in milliseconds: (2·cashoutWindowDays + 1) days
    /// (`claimsDecayPeriodDays`, line 473; also the bootstrap period, line 1164).
    pub fn claims_decay_period_ms(&self) -> u64 {
        u64::from(2 * self.params.cashout_window_days + 1) * DAY_MS
    }

    /// The cashout window in milliseconds (`cashoutWindowDays * 24 * 3600 * 1000`).
    pub fn cashout_window_ms(&self) -> u64 {
        u64::from(self.params.cashout_window_days) * DAY_MS
    }

    /// 10^precision: token units per token.
    pub fn units_per_token(&self) -> u128 {
        10u128.pow(self.params.token_precision)
    }
}

/// [`MAX_SUPPLY_TOKENS`] in units of 10^-`precision` tokens.
pub fn max_supply_units(precision: u32) -> u128 {
    u128::from(MAX_SUPPLY_TOKENS) * 10u128.pow(precision.min(MAX_TOKEN_PRECISION))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_valid() {
        let config = PoolConfig::new(PoolConfigParams::default()).unwrap();
        assert_eq!(config.claims_decay_period_ms(), 15 * DAY_MS);
        assert_eq!(config.reward_interval_ms(), 3_000);
        assert_eq!(config.units_per_token(), 1_000);
    }

    #[test]
    fn every_range_is_checked_and_named() {
        type Edit = fn(&mut PoolConfigParams);
        let cases: &[(Edit, &str, &str)] = &[
            (|p| p.token_precision = 9, "precision", "0..=8"),
            (
                |p| p.post_reward_exponent = exponent(99),
                "postRewardCurveParameter",
                "1..=2",
            ),
            (
                |p| p.curation_reward_exponent = exponent(101),
                "curationRewardCurveParameter",
                "0.5..=1",
            ),
            (
                |p| p.curation_reward_percentage = 101,
                "curationRewardPercentage",
                "0..=100",
            ),
            (|p| p.cashout_window_days = 0, "cashoutWindowDays", "1..=30"),
            (
                |p| p.cashout_window_days = 31,
                "cashoutWindowDays",
                "1..=30",
            ),
            (
                |p| p.reward_per_interval = 0,
                "rewardPerInterval",
                "more than 0",
            ),
            (
                |p| p.reward_per_interval = max_supply_units(3) + 1,
                "rewardPerInterval",
                "at most",
            ),
            (
                |p| p.reward_interval_seconds = 4,
                "rewardIntervalSeconds",
                "divisible by 3",
            ),
            (
                |p| p.reward_interval_seconds = 86_403,
                "rewardIntervalSeconds",
                "3..=86400",
            ),
            (
                |p| p.vote_regeneration_days = 31,
                "voteRegenerationDays",
                "1..=30",
            ),
            (
                |p| p.downvote_regeneration_days = 0,
                "downvoteRegenerationDays",
                "1..=30",
            ),
            (
                |p| p.staked_reward_percentage = 101,
                "stakedRewardPercentage",
                "0..=100",
            ),
            (
                |p| p.vote_power_consumption = 0,
                "votePowerConsumption",
                "1..=10000",
            ),
            (
                |p| p.downvote_power_consumption = 10_001,
                "downvotePowerConsumption",
                "1..=10000",
            ),
            (
                |p| p.app_tax_percent = Some(0),
                "appTaxConfig.percent",
                "1..=100",
            ),
            (
                |p| {
                    p.reward_reduction = Some(RewardReduction {
                        interval_seconds: 2,
                        percentage_tenths: 10,
                    })
                },
                "rewardReductionIntervalSeconds",
                "at least rewardIntervalSeconds",
            ),
            (
                |p| {
                    p.reward_reduction = Some(RewardReduction {
                        interval_seconds: 3,
                        percentage_tenths: 1_001,
                    })
                },
                "rewardReductionPercentage",
                "0..=1000 tenths",
            ),
        ];
        for (edit, field, allowed) in cases {
            let mut params = PoolConfigParams::default();
            edit(&mut params);
            let err = PoolConfig::new(params).unwrap_err();
            assert_eq!(err.field, *field);
            let text = err.to_string();
            assert!(
                text.contains(field) && text.contains(allowed),
                "{field}: {text}"
            );
        }
    }

    #[test]
    fn range_ends_are_allowed() {
        let mut p = PoolConfigParams {
            token_precision: 8,
            post_reward_exponent: exponent(200),
            curation_reward_exponent: exponent(100),
            curation_reward_percentage: 100,
            cashout_window_days: 30,
            reward_per_interval: max_supply_units(8),
            reward_interval_seconds: 86_400,
            reward_reduction: Some(RewardReduction {
                interval_seconds: 86_400,
                percentage_tenths: 1_000,
            }),
            vote_regeneration_days: 30,
            vote_power_consumption: 10_000,
            downvote_regeneration_days: 30,
            downvote_power_consumption: 10_000,
            staked_reward_percentage: 100,
            disable_downvote: true,
            ignore_decline_payout: true,
            app_tax_percent: Some(100),
        };
        assert!(PoolConfig::new(p).is_ok());
        p.token_precision = 0;
        p.reward_per_interval = 1;
        p.post_reward_exponent = exponent(100);
        p.curation_reward_exponent = exponent(50);
        p.curation_reward_percentage = 0;
        p.cashout_window_days = 1;
        p.reward_interval_seconds = 3;
        p.reward_reduction = Some(RewardReduction {
            interval_seconds: 3,
            percentage_tenths: 0,
        });
        p.vote_power_consumption = 1;
        p.staked_reward_percentage = 0;
        p.app_tax_percent = Some(1);
        assert!(PoolConfig::new(p).is_ok());
    }
}
