//! The `[pool]` table of a tribe block file: the `comments` contract's pool configuration
//! (`createRewardPool`'s fields in snake_case) read into a [`PoolConfig`].
//!
//! Invariant: a value of the wrong type is refused here with what the key allows; every
//! range is then checked by [`PoolConfig::new`] itself, and its error is reported at the
//! key's line — so the calculator accepts exactly the configurations the contract accepts.

use crate::config::toml_tree::Table;
use crate::mechanics::power_curve::PowerExponent;
use crate::mechanics::tribe_pool::{PoolConfig, PoolConfigParams, RewardReduction};

use super::{decimal, leaf, required_decimal};

/// Keys of `[pool]`, each with the contract's field name and what it allows (the contract's
/// ranges, which [`PoolConfig::new`] checks; the text here is for values of the wrong type).
pub const POOL_KEYS: &[(&str, &str, &str)] = &[
    ("precision", "precision", "an integer in 0..=8 (the token's decimal places)"),
    ("post_reward_curve", "postRewardCurve", "\"power\" (the only curve the contract has)"),
    (
        "post_reward_curve_parameter",
        "postRewardCurveParameter",
        "a decimal string in 1..=2 with at most 2 decimals (e.g. \"1.05\")",
    ),
    ("curation_reward_curve", "curationRewardCurve", "\"power\" (the only curve the contract has)"),
    (
        "curation_reward_curve_parameter",
        "curationRewardCurveParameter",
        "a decimal string in 0.5..=1 with at most 2 decimals (e.g. \"0.5\")",
    ),
    ("curation_reward_percentage", "curationRewardPercentage", "an integer in 0..=100"),
    ("cashout_window_days", "cashoutWindowDays", "an integer in 1..=30"),
    (
        "reward_per_interval",
        "rewardPerInterval",
        "a decimal string of tokens, more than 0, with at most `precision` decimals (e.g. \"0.375\")",
    ),
    (
        "reward_interval_seconds",
        "rewardIntervalSeconds",
        "an integer in 3..=86400 divisible by 3",
    ),
    (
        "reward_reduction_interval_seconds",
        "rewardReductionIntervalSeconds",
        "an integer at least reward_interval_seconds",
    ),
    (
        "reward_reduction_percentage",
        "rewardReductionPercentage",
        "a decimal string in 0..=100 with at most 1 decimal (e.g. \"12.5\")",
    ),
    ("vote_regeneration_days", "voteRegenerationDays", "an integer in 1..=30"),
    ("vote_power_consumption", "votePowerConsumption", "an integer in 1..=10000"),
    ("downvote_regeneration_days", "downvoteRegenerationDays", "an integer in 1..=30"),
    ("downvote_power_consumption", "downvotePowerConsumption", "an integer in 1..=10000"),
    ("staked_reward_percentage", "stakedRewardPercentage", "an integer in 0..=100"),
    ("disable_downvote", "disableDownvote", "true or false"),
    ("ignore_decline_payout", "ignoreDeclinePayout", "true or false"),
    ("app_tax_app", "appTaxConfig.app", "a non-empty app name (e.g. \"leofinance\")"),
    ("app_tax_percent", "appTaxConfig.percent", "an integer in 1..=100"),
    ("app_tax_beneficiary", "appTaxConfig.beneficiary", "a non-empty account name"),
];

/// The pool's app tax (`appTaxConfig`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppTax {
    /// `app`: posts made with this app pay no tax.
    pub app: String,
    /// `beneficiary`: the account the tax is paid to (liquid).
    pub beneficiary: String,
}

/// What `[pool]`'s `key` allows (from [`POOL_KEYS`]).
fn pool_allowed(key: &str) -> &'static str {
    POOL_KEYS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, _, allowed)| allowed)
}

/// The `[pool]` key of a contract field name.
fn pool_key(field: &str) -> &'static str {
    POOL_KEYS
        .iter()
        .find(|(_, f, _)| *f == field)
        .map_or("precision", |(k, _, _)| k)
}

/// A required non-negative integer of `[pool]`, range-checked later by [`PoolConfig::new`].
fn pool_int<T: TryFrom<i64>>(pool: &Table<'_>, key: &str) -> Result<T, String> {
    match leaf(pool, key) {
        Some(toml::Value::Integer(v)) => {
            T::try_from(*v).map_err(|_| pool.value_error(key, pool_allowed(key)))
        }
        _ => Err(pool.value_error(key, pool_allowed(key))),
    }
}

/// An optional integer of `[pool]`.
fn pool_int_opt<T: TryFrom<i64>>(pool: &Table<'_>, key: &str) -> Result<Option<T>, String> {
    match pool.get(key) {
        None => Ok(None),
        Some(_) => pool_int(pool, key).map(Some),
    }
}

/// A required boolean of `[pool]` (the contract requires both flags).
fn pool_bool(pool: &Table<'_>, key: &str) -> Result<bool, String> {
    match leaf(pool, key) {
        Some(toml::Value::Boolean(b)) => Ok(*b),
        _ => Err(pool.value_error(key, pool_allowed(key))),
    }
}

fn exponent(pool: &Table<'_>, key: &str) -> Result<PowerExponent, String> {
    match leaf(pool, key) {
        Some(toml::Value::String(s)) => s.parse().ok(),
        Some(toml::Value::Integer(v)) => u16::try_from(*v)
            .ok()
            .and_then(|v| v.checked_mul(100))
            .and_then(PowerExponent::from_hundredths),
        _ => None,
    }
    .ok_or_else(|| pool.value_error(key, pool_allowed(key)))
}

fn curve_name(pool: &Table<'_>, key: &str) -> Result<(), String> {
    match (pool.get(key), leaf(pool, key)) {
        (None, _) => Ok(()),
        (_, Some(toml::Value::String(s))) if s == "power" => Ok(()),
        _ => Err(pool.value_error(key, pool_allowed(key))),
    }
}

pub(super) fn parse_pool(pool: &Table<'_>) -> Result<(PoolConfig, Option<AppTax>), String> {
    let keys: Vec<&str> = POOL_KEYS.iter().map(|(k, _, _)| *k).collect();
    pool.check_keys(&keys)?;
    let precision: u32 = pool.int_in("precision", 0, 8, None)?;
    curve_name(pool, "post_reward_curve")?;
    curve_name(pool, "curation_reward_curve")?;
    let reduction_interval: Option<u64> = pool_int_opt(pool, "reward_reduction_interval_seconds")?;
    let reduction_percentage = decimal(
        pool,
        "reward_reduction_percentage",
        1,
        pool_allowed("reward_reduction_percentage"),
    )?;
    let reward_reduction = match (reduction_interval, reduction_percentage) {
        (None, None) => None,
        (Some(interval_seconds), Some(tenths)) => Some(RewardReduction {
            interval_seconds,
            // Beyond u32 it is out of range anyway; PoolConfig::new says so.
            percentage_tenths: u32::try_from(tenths).unwrap_or(u32::MAX),
        }),
        (Some(_), None) => {
            return Err(pool.value_error(
                "reward_reduction_interval_seconds",
                "it together with reward_reduction_percentage (the contract cuts issuance only when both are set)",
            ))
        }
        (None, Some(_)) => {
            return Err(pool.value_error(
                "reward_reduction_percentage",
                "it together with reward_reduction_interval_seconds (the contract cuts issuance only when both are set)",
            ))
        }
    };
    let app_keys = ["app_tax_app", "app_tax_percent", "app_tax_beneficiary"];
    let present: Vec<&str> = app_keys
        .iter()
        .copied()
        .filter(|k| pool.get(k).is_some())
        .collect();
    let (app_tax, app_tax_percent) = match present.len() {
        0 => (None, None),
        3 => {
            let app = pool.string("app_tax_app", pool_allowed("app_tax_app"))?;
            let beneficiary =
                pool.string("app_tax_beneficiary", pool_allowed("app_tax_beneficiary"))?;
            let percent: u32 = pool_int(pool, "app_tax_percent")?;
            (Some(AppTax { app, beneficiary }), Some(percent))
        }
        _ => {
            let missing = app_keys
                .iter()
                .find(|k| !present.contains(k))
                .copied()
                .unwrap_or("");
            return Err(format!(
                "line {}: [pool]: missing key '{missing}'; the app tax needs all of app_tax_app, app_tax_percent and app_tax_beneficiary (or none)",
                pool.key_line(present[0]).unwrap_or_else(|| pool.line())
            ));
        }
    };
    let params = PoolConfigParams {
        token_precision: precision,
        post_reward_exponent: exponent(pool, "post_reward_curve_parameter")?,
        curation_reward_exponent: exponent(pool, "curation_reward_curve_parameter")?,
        curation_reward_percentage: pool_int(pool, "curation_reward_percentage")?,
        cashout_window_days: pool_int(pool, "cashout_window_days")?,
        reward_per_interval: required_decimal(
            pool,
            "reward_per_interval",
            precision,
            pool_allowed("reward_per_interval"),
        )?,
        reward_interval_seconds: pool_int(pool, "reward_interval_seconds")?,
        reward_reduction,
        vote_regeneration_days: pool_int(pool, "vote_regeneration_days")?,
        vote_power_consumption: pool_int(pool, "vote_power_consumption")?,
        downvote_regeneration_days: pool_int(pool, "downvote_regeneration_days")?,
        downvote_power_consumption: pool_int(pool, "downvote_power_consumption")?,
        staked_reward_percentage: pool_int(pool, "staked_reward_percentage")?,
        disable_downvote: pool_bool(pool, "disable_downvote")?,
        ignore_decline_payout: pool_bool(pool, "ignore_decline_payout")?,
        app_tax_percent,
    };
    let config = PoolConfig::new(params).map_err(|e| {
        let key = pool_key(e.field);
        pool.value_error(
            key,
            format!("{} (the contract's range for {})", e.allowed, e.field),
        )
    })?;
    Ok((config, app_tax))
}
