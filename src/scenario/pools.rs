//! `[pools.NAME]`: the community tokens of a multi-token world, each with its own reward
//! pool beside the base chain's. A pool table may start from a built-in pool preset
//! (`preset = "pal"`, the files in `scenarios/pools/`), whose keys the table then
//! overrides key by key, each value keeping its own origin for messages.
//!
//! Units: token amounts are written as decimal tokens and read exactly into token units
//! (10^-precision); prices are base tokens (STEEM/HIVE) per community token, as `f64`
//! (prices are behaviour, never token arithmetic); shares are `f64` in 0..=1.

use super::error::ScenarioError;
use super::section::Section;
use super::tree::{Item, ItemValue, Tree};
use crate::mechanics::curve::RewardCurve;
use crate::mechanics::era::parse_u128_decimal;
use crate::mechanics::power_curve::PowerExponent;
use crate::mechanics::smt_emission::{
    EmissionSchedule, Interpolation, UnitTarget, SMT_EMIT_INDEFINITELY,
};
use crate::mechanics::smt_pool::{SmtChainGlobals, SmtRewardRules, SmtRuntimeParams, SpecOptIns};
use crate::mechanics::tribe_pool::config::{
    PoolConfig, PoolConfigParams, RewardReduction, MAX_TOKEN_PRECISION,
};
use crate::suggest::did_you_mean;

/// The built-in pool presets: name and text (`scenarios/pools/*.toml`, embedded).
pub const POOL_PRESETS: &[(&str, &str)] = &[
    ("pal", include_str!("../../scenarios/pools/pal.toml")),
    ("leo", include_str!("../../scenarios/pools/leo.toml")),
    ("sct", include_str!("../../scenarios/pools/sct.toml")),
    (
        "smt-default",
        include_str!("../../scenarios/pools/smt-default.toml"),
    ),
];

/// Keys of a `[pools.NAME]` table.
pub const POOL_KEYS: &[&str] = &[
    "preset",
    "description",
    "family",
    "members",
    "tag_share",
    "sell_share",
    "rules",
    "stake",
    "price",
    "coop",
    "emission",
];

/// Keys of `[pools.NAME.rules]` for `family = "smt"`: `smt_set_runtime_parameters` and the
/// token's precision.
pub const SMT_RULE_KEYS: &[&str] = &[
    "precision",
    "cashout_window_seconds",
    "reverse_auction_window_seconds",
    "vote_regeneration_period_seconds",
    "votes_per_regeneration_period",
    "content_constant",
    "percent_curation_rewards",
    "author_reward_curve",
    "curation_reward_curve",
    "allow_downvotes",
    "curation_weight_base",
];

/// Keys of `[pools.NAME.emission]` (`family = "smt"`): one `smt_setup_emissions`.
pub const EMISSION_KEYS: &[&str] = &[
    "start_seconds",
    "interval_seconds",
    "emission_count",
    "lep_seconds",
    "rep_seconds",
    "lep_abs_amount",
    "rep_abs_amount",
    "lep_rel_amount_numerator",
    "rep_rel_amount_numerator",
    "rel_amount_denom_bits",
    "floor_emissions",
    "rewards",
    "vesting",
    "market_maker",
    "max_supply",
    "interpolation",
];

/// Chain time of the world's time 0 for SMT pools, seconds since the Unix epoch
/// (2020-01-01): the chain's SMT code validates times against Steem's genesis.
pub const SMT_EPOCH: u32 = 1_577_836_800;

/// Keys of `[pools.NAME.rules]` for `family = "tribe"`: the `comments` contract's pool
/// configuration, in snake case.
pub const TRIBE_RULE_KEYS: &[&str] = &[
    "precision",
    "post_reward_curve_parameter",
    "curation_reward_curve_parameter",
    "curation_reward_percentage",
    "cashout_window_days",
    "reward_per_interval",
    "reward_interval_seconds",
    "reward_reduction_interval_seconds",
    "reward_reduction_percentage",
    "vote_regeneration_days",
    "vote_power_consumption",
    "downvote_regeneration_days",
    "downvote_power_consumption",
    "staked_reward_percentage",
    "disable_downvote",
    "ignore_decline_payout",
];

/// One community token and its reward pool.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolScenario {
    /// The token's symbol (the table's name): 3 to 10 of A-Z.
    pub name: String,
    /// The pool preset the table started from, if any (kept for the manifest).
    pub preset: Option<String>,
    /// The pool's reward rules.
    pub rules: PoolRules,
    /// Share of accounts that belong to the community (0..=1): they hold its token, tag
    /// their posts for it and may trade in its cooperative market. Assumption.
    pub members: f64,
    /// Share of a member's posts that carry one of the pool's tags (0..=1). Assumption.
    pub tag_share: f64,
    /// Share of its liquid tokens a holder sells each day (0..=1); the rest stays liquid
    /// (spent in the cooperative market, if there is one). Assumption.
    pub sell_share: f64,
    /// The staked tokens at the start.
    pub stake: PoolStake,
    /// The token's price in base tokens.
    pub price: PriceModel,
    /// The community's cooperative market, if it has one.
    pub coop: Option<CoopConfig>,
}

/// A pool's reward rules, by family.
#[derive(Debug, Clone, PartialEq)]
pub enum PoolRules {
    /// `family = "tribe"`: a Hive-Engine `comments` contract pool, validated as the contract
    /// validates it.
    Tribe(PoolConfig),
    /// `family = "smt"`: a Steem SMT as steemit/steem `master` runs it.
    Smt(SmtPoolRules),
}

/// An SMT's rules: runtime parameters, precision and its emission schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct SmtPoolRules {
    /// Decimal places of the token (0..=8).
    pub precision: u32,
    /// The runtime parameters, validated as `smt_set_runtime_parameters`.
    pub rules: SmtRewardRules,
    /// The emission schedule; its times are chain times ([`SMT_EPOCH`] + world seconds).
    pub schedule: EmissionSchedule,
    /// Largest supply, token units (`max_supply`).
    pub max_supply: i64,
    /// How ramps interpolate (the chain code's by default).
    pub interpolation: Interpolation,
}

impl PoolRules {
    /// The family's name as written in scenarios.
    pub fn family(&self) -> &'static str {
        match self {
            PoolRules::Tribe(_) => "tribe",
            PoolRules::Smt(_) => "smt",
        }
    }

    /// Decimal places of the token.
    pub fn precision(&self) -> u32 {
        match self {
            PoolRules::Tribe(config) => config.params().token_precision,
            PoolRules::Smt(smt) => smt.precision,
        }
    }
}

/// `[pools.NAME.stake]`: how the staked tokens are spread at the start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoolStake {
    /// Staked tokens held by the members at the start, token units.
    pub staked: u128,
    /// How a member's share follows its base-chain stake: shares ∝ VESTS^concentration
    /// (0 = equal shares, 1 = proportional; 0..=2). Assumption.
    pub concentration: f64,
}

/// `[pools.NAME.price]`: the token's price in base tokens per token.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceModel {
    /// `model = "path"`: given points (day, price), linear between them, flat outside.
    Path(Vec<(u32, f64)>),
    /// `model = "market"`: a constant-product market (like Hive-Engine's diesel pools)
    /// whose token side grows by what holders sell and whose base side grows by outside
    /// demand each day.
    Market {
        /// Price on day 0, base tokens per token.
        initial: f64,
        /// Base tokens on the market's base side at the start (its depth).
        depth: f64,
        /// Base tokens spent buying the token from outside the world per day.
        demand_per_day: f64,
    },
}

/// `[pools.NAME.coop]`: a cooperative market where members buy goods from each other
/// with the token. All of it is assumption (smt-and-tribes.md §5.3 found no working
/// example); docs/model.md says why each part is shaped so.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoopConfig {
    /// Share of members who sell goods (0..=1).
    pub producers: f64,
    /// Share of its liquid tokens a consumer spends on goods each day instead of selling
    /// them (0..=1).
    pub spend_share: f64,
    /// Members' discount (0..1): a member pays (1 − discount) of a good's price, the
    /// producer is paid the full price, the community fund pays the difference.
    pub discount: f64,
    /// Tokens the community fund holds at the start (token units).
    pub fund: u128,
    /// Tokens the issuer adds to the fund each day (token units).
    pub fund_per_day: u128,
    /// How fast a producer's reputation follows the quality its buyers see (0..=1 per
    /// sale).
    pub reputation_rate: f64,
    /// How much the satisfaction of a member rises per base token of goods bought at a
    /// discount or sold per day, relative to the same amount earned as rewards (0..=10).
    pub utility_weight: f64,
}

/// Replaces each pool table that names a `preset` by the preset's keys with the table's
/// own laid over them, so later readers see one table per pool.
pub fn expand_presets(tree: &mut Tree) -> Result<(), ScenarioError> {
    let Some(Item {
        value: ItemValue::Table(pools),
        ..
    }) = tree.get("pools").cloned()
    else {
        return Ok(());
    };
    let mut expanded = pools.clone();
    for (name, item) in &pools.entries {
        let ItemValue::Table(table) = &item.value else {
            continue;
        };
        let Some(preset) = table.get("preset") else {
            continue;
        };
        let Some(toml::Value::String(preset_name)) = preset.leaf() else {
            return Err(ScenarioError::WrongType {
                at: preset.at.clone(),
                key: format!("pools.{name}.preset"),
                found: preset.describe(),
                expected: "a pool preset name (a string)".into(),
            });
        };
        let Some((_, text)) = POOL_PRESETS.iter().find(|(n, _)| n == preset_name) else {
            let names = POOL_PRESETS.iter().map(|(n, _)| *n);
            let suggestion = did_you_mean(preset_name, names.clone());
            let list = names.collect::<Vec<_>>().join(", ");
            return Err(ScenarioError::OutOfRange {
                at: preset.at.clone(),
                key: format!("pools.{name}.preset"),
                found: preset.describe(),
                allowed: format!("a built-in pool preset: {list}{suggestion}"),
            });
        };
        let mut base = Tree::parse(text, &format!("<builtin>/pools/{preset_name}.toml"))?;
        base.merge(table.clone());
        expanded.insert(
            name,
            Item {
                at: item.at.clone(),
                value: ItemValue::Table(base),
            },
        );
    }
    let at = tree.get("pools").map(|i| i.at.clone()).expect("present");
    tree.insert(
        "pools",
        Item {
            at,
            value: ItemValue::Table(expanded),
        },
    );
    Ok(())
}

/// Reads `[pools]`: every pool table in the order written.
pub fn pools(section: Section<'_>) -> Result<Vec<PoolScenario>, ScenarioError> {
    let names: Vec<String> = section.table_names()?;
    let paths: Vec<[String; 6]> = names
        .iter()
        .map(|n| {
            let p = format!("pools.{n}");
            [
                format!("{p}.rules"),
                format!("{p}.stake"),
                format!("{p}.price"),
                format!("{p}.coop"),
                p,
                n.clone(),
            ]
        })
        .collect();
    let mut out = Vec::with_capacity(names.len());
    for [rules, stake, price, coop, path, name] in &paths {
        let s = section.table(name, path)?;
        out.push(pool(s, name, [rules, stake, price, coop])?);
    }
    Ok(out)
}

fn pool(s: Section<'_>, name: &str, paths: [&String; 4]) -> Result<PoolScenario, ScenarioError> {
    s.check_keys(POOL_KEYS)?;
    let symbol_ok = (3..=10).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase());
    if !symbol_ok {
        return Err(ScenarioError::OutOfRange {
            at: s.location().clone(),
            key: format!("pools.{name}"),
            found: format!("\"{name}\""),
            allowed: "a token symbol: 3 to 10 of A-Z ([pools.PAL])".into(),
        });
    }
    let family = s.string("family")?.unwrap_or("tribe");
    let rules = match family {
        "tribe" => {
            if let Some(item) = s.get("emission") {
                return Err(ScenarioError::UnknownKey {
                    at: item.at.clone(),
                    section: true,
                    key: format!("pools.{name}.emission"),
                    suggestion: String::new(),
                    allowed: "emission is for family = \"smt\"; a tribe mints \
                              rules.reward_per_interval"
                        .into(),
                });
            }
            PoolRules::Tribe(tribe_rules(s.table("rules", paths[0])?)?)
        }
        "smt" => {
            let emission_path = format!("pools.{name}.emission");
            PoolRules::Smt(smt_rules(
                s.table("rules", paths[0])?,
                s.table("emission", &emission_path)?,
            )?)
        }
        _ => return Err(s.out_of_range("family", "\"tribe\" or \"smt\"")),
    };
    let precision = rules.precision();
    let stake_section = s.table("stake", paths[1])?;
    stake_section.check_keys(&["staked", "concentration"])?;
    let stake = PoolStake {
        staked: token_amount(&stake_section, "staked", precision, 0)?,
        concentration: stake_section.float("concentration", 0.0, 2.0, 1.0)?,
    };
    let coop_section = s.table("coop", paths[3])?;
    let coop = if coop_section.bool("enabled", false)? {
        Some(coop_config(&coop_section, precision)?)
    } else {
        coop_section.check_keys(COOP_KEYS)?;
        None
    };
    Ok(PoolScenario {
        name: name.to_string(),
        preset: s.string("preset")?.map(str::to_string),
        rules,
        members: s.float("members", 0.0, 1.0, 0.2)?,
        tag_share: s.float("tag_share", 0.0, 1.0, 0.8)?,
        sell_share: s.float("sell_share", 0.0, 1.0, 0.5)?,
        stake,
        price: price(s.table("price", paths[2])?)?,
        coop,
    })
}

/// Keys of `[pools.NAME.coop]`.
pub const COOP_KEYS: &[&str] = &[
    "enabled",
    "producers",
    "spend_share",
    "discount",
    "fund",
    "fund_per_day",
    "reputation_rate",
    "utility_weight",
];

fn coop_config(s: &Section<'_>, precision: u32) -> Result<CoopConfig, ScenarioError> {
    s.check_keys(COOP_KEYS)?;
    Ok(CoopConfig {
        producers: s.float("producers", 0.0, 1.0, 0.1)?,
        spend_share: s.float("spend_share", 0.0, 1.0, 0.5)?,
        discount: s.float("discount", 0.0, 0.99, 0.2)?,
        fund: token_amount(s, "fund", precision, 0)?,
        fund_per_day: token_amount(s, "fund_per_day", precision, 0)?,
        reputation_rate: s.float("reputation_rate", 0.0, 1.0, 0.1)?,
        utility_weight: s.float("utility_weight", 0.0, 10.0, 1.0)?,
    })
}

fn price(s: Section<'_>) -> Result<PriceModel, ScenarioError> {
    let model = s.string("model")?.unwrap_or("path");
    match model {
        "path" => {
            s.check_keys(&["model", "path"])?;
            let default = toml::Value::Array(vec![toml::Value::Array(vec![
                toml::Value::Integer(0),
                toml::Value::Float(0.01),
            ])]);
            let value = s.get("path").and_then(Item::leaf).unwrap_or(&default);
            let expected = "an array of [day, price] pairs, days 0..=3650 increasing, \
                            prices finite and > 0 (base tokens per token)";
            let points = path_points(value).ok_or_else(|| s.out_of_range("path", expected))?;
            Ok(PriceModel::Path(points))
        }
        "market" => {
            s.check_keys(&["model", "initial", "depth", "demand_per_day"])?;
            let initial = s.float("initial", 1e-9, 1e9, 0.01)?;
            if initial <= 0.0 {
                return Err(s.out_of_range("initial", "a price > 0"));
            }
            Ok(PriceModel::Market {
                initial,
                depth: s.float("depth", 1.0, 1e12, 10_000.0)?,
                demand_per_day: s.float("demand_per_day", 0.0, 1e12, 0.0)?,
            })
        }
        _ => Err(s.out_of_range("model", "\"path\" or \"market\"")),
    }
}

fn path_points(value: &toml::Value) -> Option<Vec<(u32, f64)>> {
    let toml::Value::Array(points) = value else {
        return None;
    };
    let mut out: Vec<(u32, f64)> = Vec::with_capacity(points.len());
    for point in points {
        let toml::Value::Array(pair) = point else {
            return None;
        };
        let [day, price] = pair.as_slice() else {
            return None;
        };
        let day = u32::try_from(day.as_integer()?)
            .ok()
            .filter(|d| *d <= 3650)?;
        let price = price.as_float().or(price.as_integer().map(|i| i as f64))?;
        if !(price.is_finite() && price > 0.0) || out.last().is_some_and(|(d, _)| *d >= day) {
            return None;
        }
        out.push((day, price));
    }
    (!out.is_empty()).then_some(out)
}

fn token_amount(
    s: &Section<'_>,
    key: &str,
    precision: u32,
    default: i64,
) -> Result<u128, ScenarioError> {
    let value = s.decimal(key, precision, (0, i64::MAX), default, "tokens", true)?;
    Ok(value as u128)
}

fn tribe_rules(s: Section<'_>) -> Result<PoolConfig, ScenarioError> {
    s.check_keys(TRIBE_RULE_KEYS)?;
    let d = PoolConfigParams::default();
    let precision = s.u32("precision", 0, MAX_TOKEN_PRECISION, d.token_precision)?;
    let exponent = |key: &str, (min, max): (i64, i64), default: PowerExponent| {
        let hundredths = s.decimal(
            key,
            2,
            (min, max),
            i64::from(default.hundredths()),
            "(exponent)",
            true,
        )?;
        Ok::<_, ScenarioError>(
            PowerExponent::from_hundredths(hundredths as u16).expect("range checked"),
        )
    };
    let reward_per_interval = s.decimal(
        "reward_per_interval",
        precision,
        (1, i64::MAX),
        // The default's 1.5 tokens at this precision.
        (d.reward_per_interval as i64) * 10i64.pow(precision) / 1000,
        "tokens",
        true,
    )?;
    let reduction_interval = s.int("reward_reduction_interval_seconds", 3, i64::MAX, 0)?;
    let reduction_tenths = s.decimal(
        "reward_reduction_percentage",
        1,
        (0, 1000),
        0,
        "percent",
        true,
    )?;
    let reward_reduction = match (
        s.get("reward_reduction_interval_seconds"),
        s.get("reward_reduction_percentage"),
    ) {
        (Some(_), Some(_)) => Some(RewardReduction {
            interval_seconds: reduction_interval as u64,
            percentage_tenths: reduction_tenths as u32,
        }),
        (None, None) => None,
        (Some(_), None) => {
            return Err(s.out_of_range(
                "reward_reduction_interval_seconds",
                "set together with reward_reduction_percentage (the contract needs both)",
            ))
        }
        (None, Some(_)) => {
            return Err(s.out_of_range(
                "reward_reduction_percentage",
                "set together with reward_reduction_interval_seconds (the contract needs both)",
            ))
        }
    };
    let params = PoolConfigParams {
        token_precision: precision,
        post_reward_exponent: exponent(
            "post_reward_curve_parameter",
            (100, 200),
            d.post_reward_exponent,
        )?,
        curation_reward_exponent: exponent(
            "curation_reward_curve_parameter",
            (50, 100),
            d.curation_reward_exponent,
        )?,
        curation_reward_percentage: s.u32(
            "curation_reward_percentage",
            0,
            100,
            d.curation_reward_percentage,
        )?,
        cashout_window_days: s.u32("cashout_window_days", 1, 30, d.cashout_window_days)?,
        reward_per_interval: reward_per_interval as u128,
        reward_interval_seconds: s.int(
            "reward_interval_seconds",
            3,
            86_400,
            d.reward_interval_seconds as i64,
        )? as u64,
        reward_reduction,
        vote_regeneration_days: s.u32("vote_regeneration_days", 1, 30, d.vote_regeneration_days)?,
        vote_power_consumption: s.u32(
            "vote_power_consumption",
            1,
            10_000,
            d.vote_power_consumption,
        )?,
        downvote_regeneration_days: s.u32(
            "downvote_regeneration_days",
            1,
            30,
            d.downvote_regeneration_days,
        )?,
        downvote_power_consumption: s.u32(
            "downvote_power_consumption",
            1,
            10_000,
            d.downvote_power_consumption,
        )?,
        staked_reward_percentage: s.u32(
            "staked_reward_percentage",
            0,
            100,
            d.staked_reward_percentage,
        )?,
        disable_downvote: s.bool("disable_downvote", d.disable_downvote)?,
        ignore_decline_payout: s.bool("ignore_decline_payout", d.ignore_decline_payout)?,
        app_tax_percent: None,
    };
    PoolConfig::new(params).map_err(|e| s.out_of_range(&snake_case(e.field), e.allowed))
}

/// `rewardIntervalSeconds` → `reward_interval_seconds`: the contract's field as our key.
fn snake_case(field: &str) -> String {
    let mut out = String::with_capacity(field.len() + 4);
    for c in field.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn smt_rules(s: Section<'_>, e: Section<'_>) -> Result<SmtPoolRules, ScenarioError> {
    s.check_keys(SMT_RULE_KEYS)?;
    e.check_keys(EMISSION_KEYS)?;
    let d = SmtRuntimeParams::default();
    let precision = s.u32("precision", 0, MAX_TOKEN_PRECISION, 3)?;
    let curve = |key: &str, default: RewardCurve| -> Result<RewardCurve, ScenarioError> {
        match s.string(key)? {
            None => Ok(default),
            Some(name) => name.parse().map_err(|_| {
                s.out_of_range(
                    key,
                    "quadratic, bounded, linear, square_root, convergent_linear or \
                     convergent_square_root",
                )
            }),
        }
    };
    let content_constant = match s.get("content_constant") {
        None => d.content_constant,
        Some(item) => {
            let text = match item.leaf() {
                Some(toml::Value::Integer(v)) if *v >= 0 => v.to_string(),
                Some(toml::Value::String(t)) => t.clone(),
                _ => String::new(),
            };
            parse_u128_decimal(&text).map_err(|_| {
                s.out_of_range(
                    "content_constant",
                    "an integer 0..=2^128-1 (a string for large values)",
                )
            })?
        }
    };
    let params = SmtRuntimeParams {
        cashout_window_seconds: s.u32(
            "cashout_window_seconds",
            1,
            u32::MAX,
            d.cashout_window_seconds,
        )?,
        reverse_auction_window_seconds: s.u32(
            "reverse_auction_window_seconds",
            0,
            u32::MAX,
            d.reverse_auction_window_seconds,
        )?,
        vote_regeneration_period_seconds: s.u32(
            "vote_regeneration_period_seconds",
            1,
            604_800,
            d.vote_regeneration_period_seconds,
        )?,
        votes_per_regeneration_period: s.u32(
            "votes_per_regeneration_period",
            1,
            7_000,
            d.votes_per_regeneration_period,
        )?,
        content_constant,
        percent_curation_rewards: s.u32(
            "percent_curation_rewards",
            0,
            10_000,
            u32::from(d.percent_curation_rewards),
        )? as u16,
        author_reward_curve: curve("author_reward_curve", d.author_reward_curve)?,
        curation_reward_curve: curve("curation_reward_curve", d.curation_reward_curve)?,
        allow_downvotes: s.bool("allow_downvotes", d.allow_downvotes)?,
    };
    let opt_ins = SpecOptIns {
        curation_from_token_rshares: match s.string("curation_weight_base")?.unwrap_or("token") {
            "token" => true,
            "steem" => false,
            _ => return Err(s.out_of_range("curation_weight_base", "\"token\" or \"steem\"")),
        },
        ..SpecOptIns::default()
    };
    let rules =
        SmtRewardRules::with(params, SmtChainGlobals::default(), opt_ins).map_err(|err| {
            let key = match err {
                crate::mechanics::smt_pool::SmtRulesError::NominalVotesPerDay(_) => {
                    "votes_per_regeneration_period"
                }
                crate::mechanics::smt_pool::SmtRulesError::CashoutWindowTooLong(_)
                | crate::mechanics::smt_pool::SmtRulesError::WindowsOverlap { .. } => {
                    "cashout_window_seconds"
                }
                _ => "vote_regeneration_period_seconds",
            };
            s.out_of_range(key, err.to_string())
        })?;
    let tokens =
        |key: &str, default: i64| e.decimal(key, precision, (0, i64::MAX), default, "tokens", true);
    let interval = e.u32("interval_seconds", 21_600, u32::MAX, 21_600)?;
    let start = e.u32("start_seconds", 0, u32::MAX - SMT_EPOCH, interval)?;
    let count = e.u32("emission_count", 0, u32::MAX, 0)?;
    let lep = e.u32("lep_seconds", 0, u32::MAX - SMT_EPOCH, start)?;
    let rep = e.u32("rep_seconds", 0, u32::MAX - SMT_EPOCH, lep)?;
    let mut token_unit = Vec::new();
    for (key, target) in [
        ("rewards", UnitTarget::Rewards),
        ("vesting", UnitTarget::Vesting),
        ("market_maker", UnitTarget::MarketMaker),
    ] {
        let weight = e.u32(
            key,
            0,
            u32::from(u16::MAX),
            if key == "rewards" { 1 } else { 0 },
        )?;
        if weight > 0 {
            token_unit.push((target, weight as u16));
        }
    }
    let schedule = EmissionSchedule {
        schedule_time: SMT_EPOCH + start,
        token_unit,
        interval_seconds: interval,
        emission_count: if count == 0 {
            SMT_EMIT_INDEFINITELY
        } else {
            count
        },
        lep_time: SMT_EPOCH + lep,
        rep_time: SMT_EPOCH + rep,
        lep_abs_amount: tokens("lep_abs_amount", 0)?,
        rep_abs_amount: tokens("rep_abs_amount", tokens("lep_abs_amount", 0)?)?,
        lep_rel_amount_numerator: e.u32("lep_rel_amount_numerator", 0, u32::MAX, 0)?,
        rep_rel_amount_numerator: e.u32(
            "rep_rel_amount_numerator",
            0,
            u32::MAX,
            e.u32("lep_rel_amount_numerator", 0, u32::MAX, 0)?,
        )?,
        rel_amount_denom_bits: e.u32("rel_amount_denom_bits", 0, 255, 0)? as u8,
        floor_emissions: e.bool("floor_emissions", false)?,
    };
    schedule
        .validate()
        .map_err(|err| e.out_of_range("interval_seconds", err.to_string()))?;
    let interpolation = match e.string("interpolation")?.unwrap_or("chain") {
        "chain" => Interpolation::ChainCode,
        "whitepaper" => Interpolation::Whitepaper,
        _ => return Err(e.out_of_range("interpolation", "\"chain\" or \"whitepaper\"")),
    };
    Ok(SmtPoolRules {
        precision,
        rules,
        schedule,
        max_supply: tokens("max_supply", i64::MAX)?,
        interpolation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pool_key_is_documented() {
        let docs = include_str!("../../docs/scenarios.md");
        let keys = [
            POOL_KEYS,
            TRIBE_RULE_KEYS,
            SMT_RULE_KEYS,
            EMISSION_KEYS,
            COOP_KEYS,
        ];
        for key in keys.iter().flat_map(|k| k.iter()) {
            let tables = ["rules", "stake", "price", "coop", "emission"];
            let written = if tables.contains(key) {
                format!("[pools.NAME.{key}]")
            } else {
                format!("`{key}`")
            };
            assert!(
                docs.contains(&written),
                "{written} is not in docs/scenarios.md"
            );
        }
        for key in [
            "staked",
            "concentration",
            "model",
            "path",
            "initial",
            "depth",
        ] {
            assert!(docs.contains(&format!("`{key}`")), "{key}");
        }
        for (preset, _) in POOL_PRESETS {
            assert!(
                docs.contains(&format!("`{preset}`")),
                "pool preset {preset}"
            );
        }
    }

    #[test]
    fn every_pool_preset_loads_in_a_scenario() {
        for (preset, _) in POOL_PRESETS {
            let text = format!("extends = \"steem-hf21\"\n[pools.TEST]\npreset = \"{preset}\"\n");
            let dir = std::env::temp_dir()
                .join(format!("rewardsim-pool-{preset}-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join("s.toml");
            std::fs::write(&file, text).unwrap();
            let loaded = crate::scenario::load(&file, &[]).unwrap();
            assert_eq!(loaded.scenario.pools.len(), 1, "{preset}");
            assert_eq!(loaded.scenario.pools[0].preset.as_deref(), Some(*preset));
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
}
