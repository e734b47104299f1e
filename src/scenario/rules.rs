//! Reading `[rules]` (an era plus [`RulesOverrides`] in chain names and units) and
//! `[inflation]` (the rate schedule and the split of new tokens, in percent) into the
//! mechanics' [`Rules`]. Defaults come from the era ([`Rules::for_era`]).
//!
//! Invariant: the inflation parameters are set in one place only — `[inflation]` — so a
//! chain inflation key in `[rules]` is an error that names its `[inflation]` replacement.

use super::error::ScenarioError;
use super::model::InflationConfig;
use super::section::Section;
use crate::mechanics::curve::RewardCurve;
use crate::mechanics::era::{Era, Rules, RulesOverrides};

/// Chain inflation keys refused in `[rules]`, with the `[inflation]` key that sets them.
pub const INFLATION_RULE_KEYS: &[(&str, &str)] = &[
    ("content_reward_percent", "content"),
    ("vesting_reward_percent", "stakers"),
    ("sps_fund_percent", "dao"),
    ("inflation_rate_start_percent", "rate_start_percent"),
    ("inflation_rate_stop_percent", "rate_stop_percent"),
    ("inflation_narrowing_period", "narrowing_period_blocks"),
];

/// Keys of `[inflation]`.
pub const INFLATION_KEYS: &[&str] = &[
    "start_block",
    "rate_start_percent",
    "rate_stop_percent",
    "narrowing_period_blocks",
    "content",
    "stakers",
    "dao",
    "witnesses",
];

/// The keys of `[rules]`: `era` and every override except the inflation ones.
pub fn rules_keys() -> Vec<&'static str> {
    std::iter::once("era")
        .chain(
            RulesOverrides::KEYS
                .iter()
                .copied()
                .filter(|k| !INFLATION_RULE_KEYS.iter().any(|(rule, _)| rule == k)),
        )
        .collect()
}

/// The head block at which each era's preset starts (approximate; the date of the
/// hardfork's activation): the default of `inflation.start_block`.
pub fn default_start_block(era: Era) -> u32 {
    match era {
        Era::SteemHf17 => 10_629_000,
        Era::SteemHf19 => 13_000_000,
        Era::SteemHf20 => 26_256_000,
        Era::SteemHf21 => 35_000_000,
        Era::HiveHf25 => 55_000_000,
        Era::HiveHf28 => 90_000_000,
    }
}

/// Every [`RulesOverrides`] key with its value in `rules`, as written in files (curves by
/// name, `content_constant` as a decimal string).
pub fn rules_values(r: &Rules) -> Vec<(&'static str, toml::Value)> {
    use toml::Value::{Boolean as B, Integer as I, String as S};
    vec![
        ("author_curve", S(r.author_curve.name().into())),
        ("curation_curve", S(r.curation_curve.name().into())),
        ("content_constant", S(r.content_constant.to_string())),
        (
            "percent_curation_rewards",
            I(r.percent_curation_rewards.into()),
        ),
        (
            "reverse_auction_seconds",
            I(r.reverse_auction_seconds.into()),
        ),
        ("early_voting_seconds", I(r.early_voting_seconds.into())),
        ("mid_voting_seconds", I(r.mid_voting_seconds.into())),
        (
            "recent_claims_decay_seconds",
            I(r.recent_claims_decay_seconds.into()),
        ),
        (
            "reset_recent_claims_after_decay_time",
            B(r.reset_recent_claims_after_decay_time),
        ),
        ("cashout_window_seconds", I(r.cashout_window_seconds.into())),
        ("min_payout_sbd", I(r.min_payout_sbd)),
        (
            "unclaimed_curation_to_author",
            B(r.unclaimed_curation_to_author),
        ),
        ("beneficiaries_take_sbd", B(r.beneficiaries_take_sbd)),
        (
            "treasury_beneficiary_in_sbd",
            B(r.treasury_beneficiary_in_sbd),
        ),
        (
            "vote_regeneration_seconds",
            I(r.vote_regeneration_seconds.into()),
        ),
        (
            "vote_power_reserve_rate",
            I(r.vote_power_reserve_rate.into()),
        ),
        ("downvote_pool_percent", I(r.downvote_pool_percent.into())),
        ("vote_dust_threshold", I(r.vote_dust_threshold)),
        ("upvote_lockout_seconds", I(r.upvote_lockout_seconds.into())),
        (
            "vote_strength_from_max_mana",
            B(r.vote_strength_from_max_mana),
        ),
        ("content_reward_percent", I(r.content_reward_percent.into())),
        ("vesting_reward_percent", I(r.vesting_reward_percent.into())),
        ("sps_fund_percent", I(r.sps_fund_percent.into())),
        (
            "inflation_rate_start_percent",
            I(r.inflation_rate_start_percent),
        ),
        (
            "inflation_rate_stop_percent",
            I(r.inflation_rate_stop_percent),
        ),
        (
            "inflation_narrowing_period",
            I(r.inflation_narrowing_period),
        ),
        (
            "vesting_withdraw_intervals",
            I(r.vesting_withdraw_intervals.into()),
        ),
        (
            "vesting_withdraw_interval_seconds",
            I(r.vesting_withdraw_interval_seconds.into()),
        ),
        ("power_down_rate_rounds_up", B(r.power_down_rate_rounds_up)),
        ("power_down_last_step_fix", B(r.power_down_last_step_fix)),
        ("sbd_start_percent", I(r.sbd_start_percent.into())),
        ("sbd_stop_percent", I(r.sbd_stop_percent.into())),
    ]
}

/// Reads `[rules]` and `[inflation]`: the era, the final rules, and the inflation values that
/// are not rules.
pub fn rules_and_inflation(
    rules: Section,
    inflation: Section,
    default_era: Era,
) -> Result<(Era, Rules, InflationConfig), ScenarioError> {
    for (key, use_instead) in INFLATION_RULE_KEYS {
        if rules.get(key).is_some() {
            return Err(ScenarioError::InflationKeyInRules {
                at: rules.at(key),
                key: key.to_string(),
                use_instead,
            });
        }
    }
    rules.check_keys(&rules_keys())?;
    let era = match rules.string("era")? {
        None => default_era,
        Some(name) => name
            .parse::<Era>()
            .map_err(|e| rules.out_of_range("era", one_of(&Era::allowed_names(), &e.suggestion)))?,
    };
    let base = Rules::for_era(era);
    let defaults = rules_values(&base);
    let mut given = toml::Table::new();
    for (key, default) in &defaults {
        let Some(item) = rules.get(key) else { continue };
        let value = item.leaf().cloned();
        let same_type = match (&value, default) {
            (Some(toml::Value::Integer(_)), toml::Value::String(_)) => *key == "content_constant",
            (Some(v), d) => v.same_type(d),
            (None, _) => false,
        };
        if !same_type {
            let expected = match (key, default) {
                (&"content_constant", _) => "an integer or a decimal string".to_string(),
                (_, toml::Value::String(_)) => "a curve name (a string)".to_string(),
                (_, toml::Value::Boolean(_)) => "true or false".to_string(),
                _ => "an integer".to_string(),
            };
            return Err(ScenarioError::WrongType {
                at: item.at.clone(),
                key: rules.key_path(key),
                found: item.describe(),
                expected,
            });
        }
        let mut single = toml::Table::new();
        single.insert(key.to_string(), value.expect("a leaf"));
        if let (true, Some(toml::Value::String(name))) = (key.ends_with("_curve"), item.leaf()) {
            if let Err(e) = name.parse::<RewardCurve>() {
                let allowed = one_of(&RewardCurve::allowed_names(), &e.suggestion);
                return Err(rules.out_of_range(key, allowed));
            }
        }
        toml::Value::Table(single.clone())
            .try_into::<RulesOverrides>()
            .map_err(|e| rules.out_of_range(key, serde_allowed(e.message())))?;
        given.extend(single);
    }
    let mut overrides: RulesOverrides = toml::Value::Table(given)
        .try_into()
        .expect("every key was checked on its own");

    inflation.check_keys(INFLATION_KEYS)?;
    let percent =
        |key: &str, default: i64| inflation.decimal(key, 2, (0, 10_000), default, "percent", false);
    overrides.inflation_rate_start_percent = Some(percent(
        "rate_start_percent",
        base.inflation_rate_start_percent,
    )?);
    overrides.inflation_rate_stop_percent = Some(percent(
        "rate_stop_percent",
        base.inflation_rate_stop_percent,
    )?);
    overrides.inflation_narrowing_period = Some(inflation.int(
        "narrowing_period_blocks",
        1,
        i64::from(u32::MAX),
        base.inflation_narrowing_period,
    )?);
    let era_witnesses = 10_000
        - i64::from(base.content_reward_percent)
        - i64::from(base.vesting_reward_percent)
        - i64::from(base.sps_fund_percent);
    let content = percent("content", base.content_reward_percent.into())?;
    let stakers = percent("stakers", base.vesting_reward_percent.into())?;
    let dao = percent("dao", base.sps_fund_percent.into())?;
    let witnesses = percent("witnesses", era_witnesses)?;
    let sum = content + stakers + dao + witnesses;
    if sum != 10_000 {
        return Err(ScenarioError::InflationSum {
            at: inflation.location().clone(),
            content,
            stakers,
            dao,
            witnesses,
        });
    }
    overrides.content_reward_percent = Some(content as u16);
    overrides.vesting_reward_percent = Some(stakers as u16);
    overrides.sps_fund_percent = Some(dao as u16);
    let start_block = inflation.u32("start_block", 0, u32::MAX, default_start_block(era))?;

    let final_rules = base.with_overrides(&overrides).map_err(|e| {
        let (section, key) = match INFLATION_RULE_KEYS.iter().find(|(rule, _)| *rule == e.key) {
            Some((_, inflation_key)) => (inflation, *inflation_key),
            None => (rules, e.key),
        };
        let at = section
            .get(key)
            .map_or_else(|| section.location().clone(), |i| i.at.clone());
        ScenarioError::OutOfRange {
            at,
            key: section.key_path(key),
            found: e.value.clone(),
            allowed: e.allowed.to_string(),
        }
    })?;
    Ok((era, final_rules, InflationConfig { start_block }))
}

/// "one of a, b, c (did you mean 'b'?)" from a list and a `did_you_mean` suggestion.
fn one_of(names: &str, suggestion: &str) -> String {
    match suggestion.strip_prefix(", ") {
        Some(question) => format!("one of {names} ({question})"),
        None => format!("one of {names}"),
    }
}

/// "an integer in 0..=65535" for serde's "expected u16", else serde's message.
fn serde_allowed(message: &str) -> String {
    let ranges = [("u16", "65535"), ("u32", "4294967295"), ("i64", "2^63-1")];
    for (ty, max) in ranges {
        if message.trim_end().ends_with(&format!("expected {ty}")) {
            return format!("an integer in 0..={max}");
        }
    }
    message.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_values_cover_every_override_key() {
        let keys: Vec<&str> = rules_values(&Rules::for_era(Era::SteemHf21))
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, RulesOverrides::KEYS);
        let allowed = rules_keys();
        assert_eq!(
            allowed.len(),
            1 + RulesOverrides::KEYS.len() - INFLATION_RULE_KEYS.len()
        );
        assert!(!allowed.contains(&"content_reward_percent"));
    }

    #[test]
    fn serde_ranges_read_as_integer_ranges() {
        assert_eq!(
            serde_allowed("invalid value: integer `70000`, expected u16"),
            "an integer in 0..=65535"
        );
        assert_eq!(serde_allowed("unknown curve 'x'"), "unknown curve 'x'");
    }
}
