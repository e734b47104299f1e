//! Reading `[simulation]`, `[market]`, `[population]`, `[behaviour]`, `[visibility]`, `[norms]`,
//! `[envy]`, `[churn]`, `[growth]` and `[output]` into the
//! model. Defaults are [`Scenario::default`]'s values; ranges are those documented on the
//! model's fields (and in docs/scenarios.md).

use super::error::ScenarioError;
use super::model::*;
use super::section::Section;
use crate::mechanics::price::Price;

/// Keys of `[simulation]`.
pub const SIMULATION_KEYS: &[&str] = &["days", "warmup_days", "seed", "step_seconds", "replicates"];
/// Keys of `[market]`.
pub const MARKET_KEYS: &[&str] = &["price", "sbd_print_rate", "percent_steem_dollars"];
/// Keys of `[population]`.
pub const POPULATION_KEYS: &[&str] = &[
    "accounts",
    "daily_active_share",
    "author_share",
    "curator_share",
    "stakeholder_share",
    "stake",
    "liquid_ratio",
    "vests_per_steem",
    "quality_mean",
    "quality_sd",
    "posts_per_author_day",
    "votes_per_curator_day",
];
/// Keys of `[population.stake]` with `distribution = "pareto"`.
pub const PARETO_KEYS: &[&str] = &["distribution", "alpha", "min", "max"];
/// Keys of `[population.stake]` with `distribution = "lognormal"`.
pub const LOGNORMAL_KEYS: &[&str] = &["distribution", "median", "sigma", "max"];
/// Keys of `[behaviour]`.
pub const BEHAVIOUR_KEYS: &[&str] = &[
    "strategies",
    "discovery",
    "follows_per_account",
    "follow_attachment",
    "candidates_per_vote",
    "perception_noise",
    "quality_threshold",
    "self_vote_share",
    "self_vote_comments_per_day",
    "vote_weight",
    "maximiser_delay_seconds",
    "trail_delay_seconds",
    "trail_leaders",
    "power_up_probability",
    "power_up_share",
    "power_down_probability",
    "power_down_share",
    "yield_reference",
    "yield_elasticity",
    "reward_rate_reference",
    "author_reward_elasticity",
    "curation_reward_elasticity",
];
/// Keys of `[behaviour.strategies]`.
pub const STRATEGY_KEYS: &[&str] = &[
    "honest",
    "self_voter",
    "curation_maximiser",
    "vote_seller",
    "vote_buyer",
    "downvoter",
    "trail_follower",
];
/// Keys of `[behaviour.discovery]`.
pub const DISCOVERY_KEYS: &[&str] = &["new", "trending", "followed"];
/// Keys of `[output]`.
pub const OUTPUT_KEYS: &[&str] = &["posts_csv", "charts"];
/// Keys of `[envy]`.
pub const ENVY_KEYS: &[&str] = &[
    "enabled",
    "alpha",
    "beta",
    "justified_weight",
    "below_median_only",
    "vertical_stake_ratio",
    "inspiration",
    "reward_floor",
    "memory_weight",
    "activity_at_worst",
    "exit_at_worst",
    "stake_peers",
    "earnings_memory_days",
];
/// Keys of `[envy.alpha]` and `[envy.beta]`.
pub const TYPE_SHARE_KEYS: &[&str] = &["values", "shares"];
/// Keys of `[churn]`.
pub const CHURN_KEYS: &[&str] = &[
    "base_exit_hazard",
    "tie_weight",
    "follower_tie_weight",
    "power_down_on_exit",
];
/// Keys of `[bid_bots]`.
pub const BID_BOT_KEYS: &[&str] = &[
    "initial_price_ratio",
    "price_step",
    "buyer_margin",
    "opportunity_cost_weight",
    "votes_per_day",
    "bid_share",
    "reinvest_share",
    "bids_per_post",
    "delegator_share",
    "lease_share",
    "lease_margin",
    "lease_candidates",
    "entry_rate",
];
/// Keys of `[adaptation]`.
pub const ADAPTATION_KEYS: &[&str] = &["imitation_rate", "peers"];
/// Keys of `[growth]`.
pub const GROWTH_KEYS: &[&str] = &[
    "arrivals_per_day",
    "arrivals_growth_per_year",
    "newcomer_stake",
];
/// Largest `[behaviour] follow_attachment`, per follower (the social graph's integer
/// weights are sized for it).
pub const MAX_FOLLOW_ATTACHMENT: f64 = 10.0;
/// Most accounts a world may hold, initial and arriving (`population.accounts`' limit).
pub const MAX_ACCOUNTS: u64 = 10_000_000;
/// Most types in `[envy.alpha]` or `[envy.beta]`.
pub const MAX_TYPES: usize = 16;
/// Keys of `[visibility]`.
pub const VISIBILITY_KEYS: &[&str] = &["payouts", "relative_buckets", "voters", "activity_counts"];
/// Keys of `[norms]`.
pub const NORMS_KEYS: &[&str] = &["below_median_raise", "above_median_cut", "memory_days"];

/// Largest stake amount, milli-STEEM (1,000,000,000 STEEM: more than either chain's supply).
pub const MAX_STAKE_MILLI: i64 = 1_000_000_000_000;
/// Default `[population.stake]` for `distribution = "lognormal"` (an assumption): median
/// 10 STEEM, sigma 2.5, capped at 1,000,000 STEEM.
pub const LOGNORMAL_DEFAULT: (i64, f64, i64) = (10_000, 2.5, 1_000_000_000);
/// Tolerance on the sums of `[behaviour.strategies]` and `[behaviour.discovery]`.
pub const SHARE_SUM_TOLERANCE: f64 = 1e-9;

/// Reads `[simulation]`.
pub fn simulation(s: Section, d: &SimulationConfig) -> Result<SimulationConfig, ScenarioError> {
    s.check_keys(SIMULATION_KEYS)?;
    let step_seconds = s.u32("step_seconds", 3, 86_400, d.step_seconds)?;
    if step_seconds % 3 != 0 || 86_400 % step_seconds != 0 {
        return Err(s.out_of_range(
            "step_seconds",
            "a multiple of 3 (the block interval) that divides 86400 (e.g. 3, 60, 300, 3600)",
        ));
    }
    let seed = match s.get("seed").map(|item| item.leaf()) {
        None => d.seed,
        Some(Some(toml::Value::String(text))) => text
            .trim()
            .parse::<u64>()
            .map_err(|_| s.out_of_range("seed", "an integer in 0..=18446744073709551615"))?,
        Some(_) => s.int("seed", 0, i64::MAX, 0)? as u64,
    };
    Ok(SimulationConfig {
        days: s.u32("days", 1, 3650, d.days)?,
        warmup_days: s.u32("warmup_days", 0, 365, d.warmup_days)?,
        seed,
        step_seconds,
        replicates: s.u32("replicates", 1, 1000, d.replicates)?,
    })
}

/// Reads `[market]`: `price` in SBD per STEEM, `sbd_print_rate` in percent,
/// `percent_steem_dollars` in the chain's basis points.
pub fn market(s: Section, d: &MarketConfig) -> Result<MarketConfig, ScenarioError> {
    s.check_keys(MARKET_KEYS)?;
    let default_milli = d.price.base_sbd() * 1000 / d.price.quote_steem();
    let milli = s.decimal(
        "price",
        3,
        (1, 1_000_000_000),
        default_milli,
        "SBD per STEEM",
        true,
    )?;
    let price = if s.get("price").is_none() {
        d.price
    } else {
        Price::new(milli, 1000).expect("checked ≥ 1")
    };
    let rate = s.decimal(
        "sbd_print_rate",
        2,
        (0, 10_000),
        d.sbd_print_rate.into(),
        "percent",
        false,
    )?;
    Ok(MarketConfig {
        price,
        sbd_print_rate: rate as u16,
        percent_steem_dollars: s.int(
            "percent_steem_dollars",
            0,
            10_000,
            d.percent_steem_dollars.into(),
        )? as u16,
    })
}

/// Reads `[population]` and `[population.stake]` (amounts in STEEM).
pub fn population(s: Section, d: &PopulationConfig) -> Result<PopulationConfig, ScenarioError> {
    s.check_keys(POPULATION_KEYS)?;
    let share = |key: &str, default: f64| s.float(key, 0.0, 1.0, default);
    let quality_mean = share("quality_mean", d.quality_mean)?;
    Ok(PopulationConfig {
        accounts: s.u32("accounts", 10, 10_000_000, d.accounts)?,
        daily_active_share: share("daily_active_share", d.daily_active_share)?,
        author_share: share("author_share", d.author_share)?,
        curator_share: share("curator_share", d.curator_share)?,
        stakeholder_share: share("stakeholder_share", d.stakeholder_share)?,
        stake: stake(s.table("stake", "population.stake")?, &d.stake)?,
        liquid_ratio: s.float("liquid_ratio", 0.0, 10.0, d.liquid_ratio)?,
        vests_per_steem: s.int("vests_per_steem", 1, 1_000_000, d.vests_per_steem as i64)? as u64,
        quality_mean,
        quality_sd: share("quality_sd", d.quality_sd)?,
        posts_per_author_day: s.float(
            "posts_per_author_day",
            0.0,
            100.0,
            d.posts_per_author_day,
        )?,
        votes_per_curator_day: s.float(
            "votes_per_curator_day",
            0.0,
            1000.0,
            d.votes_per_curator_day,
        )?,
    })
}

fn stake(s: Section, d: &StakeDistribution) -> Result<StakeDistribution, ScenarioError> {
    let default_name = match d {
        StakeDistribution::Pareto { .. } => "pareto",
        StakeDistribution::Lognormal { .. } => "lognormal",
    };
    let name = s.string("distribution")?.unwrap_or(default_name);
    let amount =
        |key: &str, default: i64| s.decimal(key, 3, (1, MAX_STAKE_MILLI), default, "STEEM", true);
    let result = match name {
        "pareto" => {
            s.check_keys(PARETO_KEYS)?;
            let (alpha, min, max) = match *d {
                StakeDistribution::Pareto { alpha, min, max } => (alpha, min, max),
                StakeDistribution::Lognormal { .. } => (0.75, 1_000, 1_000_000_000),
            };
            StakeDistribution::Pareto {
                alpha: s.float("alpha", 0.1, 10.0, alpha)?,
                min: amount("min", min)?,
                max: amount("max", max)?,
            }
        }
        "lognormal" => {
            s.check_keys(LOGNORMAL_KEYS)?;
            let (median, sigma, max) = match *d {
                StakeDistribution::Lognormal { median, sigma, max } => (median, sigma, max),
                StakeDistribution::Pareto { .. } => LOGNORMAL_DEFAULT,
            };
            StakeDistribution::Lognormal {
                median: amount("median", median)?,
                sigma: s.float("sigma", 0.0, 10.0, sigma)?,
                max: amount("max", max)?,
            }
        }
        _ => return Err(s.out_of_range("distribution", "\"pareto\" or \"lognormal\"")),
    };
    let (low_key, low, max) = match result {
        StakeDistribution::Pareto { min, max, .. } => ("min", min, max),
        StakeDistribution::Lognormal { median, max, .. } => ("median", median, max),
    };
    if low > max {
        return Err(s.out_of_range("max", format!("at least {low_key}")));
    }
    Ok(result)
}

/// Reads `[behaviour]` with `[behaviour.strategies]` and `[behaviour.discovery]`.
pub fn behaviour(s: Section, d: &BehaviourConfig) -> Result<BehaviourConfig, ScenarioError> {
    s.check_keys(BEHAVIOUR_KEYS)?;
    let share = |key: &str, default: f64| s.float(key, 0.0, 1.0, default);
    let strategies = s.table("strategies", "behaviour.strategies")?;
    strategies.check_keys(STRATEGY_KEYS)?;
    let strategies_mix = StrategyMix {
        honest: strategies.float("honest", 0.0, 1.0, d.strategies.honest)?,
        self_voter: strategies.float("self_voter", 0.0, 1.0, d.strategies.self_voter)?,
        curation_maximiser: strategies.float(
            "curation_maximiser",
            0.0,
            1.0,
            d.strategies.curation_maximiser,
        )?,
        vote_seller: strategies.float("vote_seller", 0.0, 1.0, d.strategies.vote_seller)?,
        vote_buyer: strategies.float("vote_buyer", 0.0, 1.0, d.strategies.vote_buyer)?,
        downvoter: strategies.float("downvoter", 0.0, 1.0, d.strategies.downvoter)?,
        trail_follower: strategies.float(
            "trail_follower",
            0.0,
            1.0,
            d.strategies.trail_follower,
        )?,
    };
    sums_to_one(strategies, STRATEGY_KEYS, &strategies_mix.shares())?;
    let discovery = s.table("discovery", "behaviour.discovery")?;
    discovery.check_keys(DISCOVERY_KEYS)?;
    let discovery_mix = DiscoveryMix {
        new: discovery.float("new", 0.0, 1.0, d.discovery.new)?,
        trending: discovery.float("trending", 0.0, 1.0, d.discovery.trending)?,
        followed: discovery.float("followed", 0.0, 1.0, d.discovery.followed)?,
    };
    let m = &discovery_mix;
    sums_to_one(discovery, DISCOVERY_KEYS, &[m.new, m.trending, m.followed])?;
    let trail_delay_seconds = s.u32("trail_delay_seconds", 3, 86_400, d.trail_delay_seconds)?;
    if trail_delay_seconds % 3 != 0 {
        return Err(s.out_of_range(
            "trail_delay_seconds",
            "a multiple of 3 (the block interval), 3..=86400",
        ));
    }
    Ok(BehaviourConfig {
        strategies: strategies_mix,
        discovery: discovery_mix,
        follows_per_account: s.u32("follows_per_account", 0, 1000, d.follows_per_account)?,
        follow_attachment: s.float(
            "follow_attachment",
            0.0,
            MAX_FOLLOW_ATTACHMENT,
            d.follow_attachment,
        )?,
        candidates_per_vote: s.u32("candidates_per_vote", 1, 100, d.candidates_per_vote)?,
        perception_noise: s.float("perception_noise", 0.0, 10.0, d.perception_noise)?,
        quality_threshold: share("quality_threshold", d.quality_threshold)?,
        self_vote_share: share("self_vote_share", d.self_vote_share)?,
        self_vote_comments_per_day: s.float(
            "self_vote_comments_per_day",
            0.0,
            100.0,
            d.self_vote_comments_per_day,
        )?,
        vote_weight: s.decimal(
            "vote_weight",
            2,
            (1, 10_000),
            d.vote_weight.into(),
            "percent",
            false,
        )? as u16,
        maximiser_delay_seconds: s.u32(
            "maximiser_delay_seconds",
            0,
            604_800,
            d.maximiser_delay_seconds,
        )?,
        trail_delay_seconds,
        trail_leaders: s.u32("trail_leaders", 1, 10_000, d.trail_leaders)?,
        power_up_probability: share("power_up_probability", d.power_up_probability)?,
        power_up_share: share("power_up_share", d.power_up_share)?,
        power_down_probability: share("power_down_probability", d.power_down_probability)?,
        power_down_share: share("power_down_share", d.power_down_share)?,
        yield_reference: s.float("yield_reference", 0.0, 10.0, d.yield_reference)?,
        yield_elasticity: s.float("yield_elasticity", 0.0, 10.0, d.yield_elasticity)?,
        reward_rate_reference: s.float(
            "reward_rate_reference",
            0.0,
            10.0,
            d.reward_rate_reference,
        )?,
        author_reward_elasticity: s.float(
            "author_reward_elasticity",
            0.0,
            10.0,
            d.author_reward_elasticity,
        )?,
        curation_reward_elasticity: s.float(
            "curation_reward_elasticity",
            0.0,
            10.0,
            d.curation_reward_elasticity,
        )?,
    })
}

fn sums_to_one(s: Section, keys: &[&str], values: &[f64]) -> Result<(), ScenarioError> {
    let sum: f64 = values.iter().sum();
    if (sum - 1.0).abs() <= SHARE_SUM_TOLERANCE {
        return Ok(());
    }
    let terms: Vec<String> = values.iter().map(f64::to_string).collect();
    Err(ScenarioError::OutOfRange {
        at: s.location().clone(),
        key: format!("{} + {}", s.key_path(keys[0]), keys[1..].join(" + ")),
        found: format!("{} = {sum}", terms.join(" + ")),
        allowed: format!("a sum of 1 (within {SHARE_SUM_TOLERANCE}); unset keys take defaults"),
    })
}

/// Reads `[visibility]`.
pub fn visibility(s: Section, d: &VisibilityConfig) -> Result<VisibilityConfig, ScenarioError> {
    s.check_keys(VISIBILITY_KEYS)?;
    let payouts = match s.string("payouts")? {
        None => d.payouts,
        Some("public") => PayoutVisibility::Public,
        Some("hidden") => PayoutVisibility::Hidden,
        Some("after_payout") => PayoutVisibility::AfterPayout,
        Some("relative") => PayoutVisibility::Relative,
        Some(_) => {
            return Err(s.out_of_range(
                "payouts",
                "\"public\", \"hidden\", \"after_payout\" or \"relative\"",
            ))
        }
    };
    Ok(VisibilityConfig {
        payouts,
        relative_buckets: s.u32("relative_buckets", 2, 100, d.relative_buckets)?,
        voters: s.bool("voters", d.voters)?,
        activity_counts: s.bool("activity_counts", d.activity_counts)?,
    })
}

/// Reads `[norms]`.
pub fn norms(s: Section, d: &NormsConfig) -> Result<NormsConfig, ScenarioError> {
    s.check_keys(NORMS_KEYS)?;
    Ok(NormsConfig {
        below_median_raise: s.float("below_median_raise", 0.0, 10.0, d.below_median_raise)?,
        above_median_cut: s.float("above_median_cut", 0.0, 1.0, d.above_median_cut)?,
        memory_days: s.float("memory_days", 1.0, 365.0, d.memory_days)?,
    })
}

/// Reads `[envy]` with `[envy.alpha]` and `[envy.beta]`.
pub fn envy(s: Section, d: &EnvyConfig) -> Result<EnvyConfig, ScenarioError> {
    s.check_keys(ENVY_KEYS)?;
    let share = |key: &str, default: f64| s.float(key, 0.0, 1.0, default);
    // At most ×10 at satisfaction +1: rates stay finite and sane however the mood goes.
    let activity_at_worst = s.float("activity_at_worst", 0.1, 1.0, d.activity_at_worst)?;
    let reward_floor = s.float("reward_floor", 0.0, 1e9, d.reward_floor)?;
    if reward_floor <= 0.0 {
        return Err(s.out_of_range("reward_floor", "a number of STEEM per day above 0"));
    }
    Ok(EnvyConfig {
        enabled: s.bool("enabled", d.enabled)?,
        alpha: type_shares(s.table("alpha", "envy.alpha")?, &d.alpha, 100.0)?,
        beta: type_shares(s.table("beta", "envy.beta")?, &d.beta, 100.0)?,
        justified_weight: share("justified_weight", d.justified_weight)?,
        below_median_only: s.bool("below_median_only", d.below_median_only)?,
        vertical_stake_ratio: s.float("vertical_stake_ratio", 1.0, 1e6, d.vertical_stake_ratio)?,
        inspiration: s.float("inspiration", 0.0, 10.0, d.inspiration)?,
        reward_floor,
        memory_weight: share("memory_weight", d.memory_weight)?,
        activity_at_worst,
        exit_at_worst: s.float("exit_at_worst", 1.0, 100.0, d.exit_at_worst)?,
        stake_peers: s.u32("stake_peers", 0, 100, d.stake_peers)?,
        earnings_memory_days: s.float(
            "earnings_memory_days",
            1.0,
            365.0,
            d.earnings_memory_days,
        )?,
    })
}

/// Reads a `values` / `shares` pair (`[envy.alpha]`, `[envy.beta]`): values in
/// 0..=`max_value`, as many shares as values, summing to 1.
fn type_shares(s: Section, d: &TypeShares, max_value: f64) -> Result<TypeShares, ScenarioError> {
    s.check_keys(TYPE_SHARE_KEYS)?;
    let values = s.floats("values", (0.0, max_value), MAX_TYPES, &d.values)?;
    let shares = s.floats("shares", (0.0, 1.0), MAX_TYPES, &d.shares)?;
    if shares.len() != values.len() {
        return Err(s.out_of_range(
            "shares",
            format!(
                "one share per value ({} values{})",
                values.len(),
                if s.get("values").is_none() {
                    ", the default"
                } else {
                    ""
                }
            ),
        ));
    }
    let sum: f64 = shares.iter().sum();
    if (sum - 1.0).abs() > SHARE_SUM_TOLERANCE {
        return Err(s.out_of_range(
            "shares",
            format!("shares summing to 1 (within {SHARE_SUM_TOLERANCE}); these sum to {sum}"),
        ));
    }
    Ok(TypeShares { values, shares })
}

/// Reads `[churn]`.
pub fn churn(s: Section, d: &ChurnConfig) -> Result<ChurnConfig, ScenarioError> {
    s.check_keys(CHURN_KEYS)?;
    Ok(ChurnConfig {
        base_exit_hazard: s.float("base_exit_hazard", 0.0, 1.0, d.base_exit_hazard)?,
        tie_weight: s.float("tie_weight", 0.0, 10.0, d.tie_weight)?,
        follower_tie_weight: s.float("follower_tie_weight", 0.0, 10.0, d.follower_tie_weight)?,
        power_down_on_exit: s.float("power_down_on_exit", 0.0, 1.0, d.power_down_on_exit)?,
    })
}

/// Reads `[bid_bots]`.
pub fn bid_bots(s: Section, d: &BidBotConfig) -> Result<BidBotConfig, ScenarioError> {
    s.check_keys(BID_BOT_KEYS)?;
    Ok(BidBotConfig {
        initial_price_ratio: s.float("initial_price_ratio", 0.01, 10.0, d.initial_price_ratio)?,
        price_step: s.float("price_step", 0.0, 1.0, d.price_step)?,
        buyer_margin: s.float("buyer_margin", 0.0, 10.0, d.buyer_margin)?,
        opportunity_cost_weight: s.float(
            "opportunity_cost_weight",
            0.0,
            10.0,
            d.opportunity_cost_weight,
        )?,
        votes_per_day: s.u32("votes_per_day", 0, 1000, d.votes_per_day)?,
        bid_share: s.float("bid_share", 0.0, 1.0, d.bid_share)?,
        reinvest_share: s.float("reinvest_share", 0.0, 1.0, d.reinvest_share)?,
        bids_per_post: s.u32("bids_per_post", 1, 100, d.bids_per_post)?,
        delegator_share: s.float("delegator_share", 0.0, 1.0, d.delegator_share)?,
        lease_share: s.float("lease_share", 0.0, 1.0, d.lease_share)?,
        lease_margin: s.float("lease_margin", 0.0, 10.0, d.lease_margin)?,
        lease_candidates: s.u32("lease_candidates", 1, 100, d.lease_candidates)?,
        entry_rate: s.float("entry_rate", 0.0, 1.0, d.entry_rate)?,
    })
}

/// Reads `[adaptation]`.
pub fn adaptation(s: Section, d: &AdaptationConfig) -> Result<AdaptationConfig, ScenarioError> {
    s.check_keys(ADAPTATION_KEYS)?;
    Ok(AdaptationConfig {
        imitation_rate: s.float("imitation_rate", 0.0, 1.0, d.imitation_rate)?,
        peers: s.u32("peers", 2, 10_000, d.peers)?,
    })
}

/// Reads `[growth]`; `initial_accounts` and `days` (warm-up included) bound the total
/// number of accounts by [`MAX_ACCOUNTS`].
pub fn growth(
    s: Section,
    d: &GrowthConfig,
    initial_accounts: u32,
    days: u32,
) -> Result<GrowthConfig, ScenarioError> {
    s.check_keys(GROWTH_KEYS)?;
    let g = GrowthConfig {
        arrivals_per_day: s.float("arrivals_per_day", 0.0, 1e6, d.arrivals_per_day)?,
        arrivals_growth_per_year: s.float(
            "arrivals_growth_per_year",
            -0.99,
            100.0,
            d.arrivals_growth_per_year,
        )?,
        newcomer_stake: s.decimal(
            "newcomer_stake",
            3,
            (0, MAX_STAKE_MILLI),
            d.newcomer_stake,
            "STEEM",
            true,
        )?,
    };
    let arrivals = *g.schedule(days).last().expect("one entry at least");
    if arrivals.saturating_add(u64::from(initial_accounts)) > MAX_ACCOUNTS {
        let key = if s.get("arrivals_growth_per_year").is_some() {
            "arrivals_growth_per_year"
        } else {
            "arrivals_per_day"
        };
        return Err(s.out_of_range(
            key,
            format!(
                "at most {MAX_ACCOUNTS} accounts in all; {initial_accounts} initial accounts \
                 and {arrivals} arrivals over {days} days are too many"
            ),
        ));
    }
    Ok(g)
}

/// Reads `[output]`.
pub fn output(s: Section, d: &OutputConfig) -> Result<OutputConfig, ScenarioError> {
    s.check_keys(OUTPUT_KEYS)?;
    Ok(OutputConfig {
        posts_csv: s.bool("posts_csv", d.posts_csv)?,
        charts: s.bool("charts", d.charts)?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::error::Location;
    use super::super::tree::Tree;
    use super::*;

    fn read<T>(
        text: &str,
        f: impl Fn(Section) -> Result<T, ScenarioError>,
    ) -> Result<T, ScenarioError> {
        let tree = Tree::parse(text, "t.toml").unwrap();
        let file = Location::new("t.toml", None);
        f(Section::root(&tree, &file))
    }

    #[test]
    fn defaults_fill_missing_keys() {
        let d = Scenario::default();
        assert_eq!(
            read("", |s| simulation(s, &d.simulation)).unwrap(),
            d.simulation
        );
        assert_eq!(
            read("", |s| population(s, &d.population)).unwrap(),
            d.population
        );
        assert_eq!(
            read("", |s| behaviour(s, &d.behaviour)).unwrap(),
            d.behaviour
        );
        assert_eq!(read("", |s| market(s, &d.market)).unwrap(), d.market);
    }

    #[test]
    fn step_seconds_must_fit_blocks_and_days() {
        let d = Scenario::default().simulation;
        assert!(read("step_seconds = 300", |s| simulation(s, &d)).is_ok());
        for bad in ["step_seconds = 7", "step_seconds = 3000"] {
            let err = read(bad, |s| simulation(s, &d)).unwrap_err();
            assert!(err.to_string().contains("multiple of 3"), "{err}");
        }
    }

    #[test]
    fn visibility_modes_and_bad_values() {
        let d = Scenario::default();
        let v = |text: &str| read(text, |s| visibility(s, &d.visibility));
        assert_eq!(v("").unwrap().payouts, PayoutVisibility::Public);
        for (name, mode) in [
            ("public", PayoutVisibility::Public),
            ("hidden", PayoutVisibility::Hidden),
            ("after_payout", PayoutVisibility::AfterPayout),
            ("relative", PayoutVisibility::Relative),
        ] {
            let got = v(&format!("payouts = \"{name}\"")).unwrap().payouts;
            assert_eq!(got, mode);
            assert_eq!(got.name(), name);
        }
        let err = v("payouts = \"secret\"").unwrap_err().to_string();
        assert!(
            err.contains("payouts") && err.contains("after_payout"),
            "{err}"
        );
        let err = v("payouts = 1").unwrap_err().to_string();
        assert!(err.contains("payouts"), "{err}");
        let err = v("payout = \"hidden\"").unwrap_err().to_string();
        assert!(err.contains("payouts"), "did you mean: {err}");
    }

    #[test]
    fn visibility_switches_and_norms_are_read_and_checked() {
        let d = Scenario::default();
        let v = |text: &str| read(text, |s| visibility(s, &d.visibility));
        let got = v("").unwrap();
        assert_eq!(got, d.visibility);
        assert_eq!(
            (got.relative_buckets, got.voters, got.activity_counts),
            (5, true, true)
        );
        let got = v("payouts = \"relative\"\nrelative_buckets = 10\nvoters = false\nactivity_counts = false")
            .unwrap();
        assert!(got.payouts.ranks_only() && got.payouts.pending_visible());
        assert_eq!(
            (got.relative_buckets, got.voters, got.activity_counts),
            (10, false, false)
        );
        for (text, key, allowed) in [
            ("relative_buckets = 1", "relative_buckets", "2..=100"),
            ("relative_buckets = 101", "relative_buckets", "2..=100"),
            ("relative_buckets = 2.5", "relative_buckets", "integer"),
            ("voters = 1", "voters", "true or false"),
            ("voters = \"no\"", "voters", "true or false"),
            (
                "activity_counts = \"yes\"",
                "activity_counts",
                "true or false",
            ),
            ("activity_count = true", "activity_counts", "did you mean"),
            ("voter = false", "voters", "did you mean"),
        ] {
            let err = v(text).unwrap_err().to_string();
            assert!(
                err.contains("t.toml") && err.contains(key) && err.contains(allowed),
                "{text}: {err}"
            );
        }
        let n = |text: &str| read(text, |s| norms(s, &d.norms));
        assert_eq!(n("").unwrap(), d.norms);
        assert_eq!(
            n("below_median_raise = 5.3\nabove_median_cut = 0.62\nmemory_days = 7").unwrap(),
            NormsConfig {
                below_median_raise: 5.3,
                above_median_cut: 0.62,
                memory_days: 7.0
            }
        );
        for (text, key, allowed) in [
            ("below_median_raise = -1", "below_median_raise", "0..=10"),
            ("below_median_raise = 11", "below_median_raise", "0..=10"),
            ("above_median_cut = 1.5", "above_median_cut", "0..=1"),
            ("memory_days = 0.5", "memory_days", "1..=365"),
            ("memory_days = \"month\"", "memory_days", "number"),
            ("above_median = 0.1", "above_median_cut", "did you mean"),
        ] {
            let err = n(text).unwrap_err().to_string();
            assert!(
                err.contains("t.toml") && err.contains(key) && err.contains(allowed),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn envy_and_churn_read_their_keys_and_check_them() {
        let d = Scenario::default();
        let e = |text: &str| read(text, |s| envy(s, &d.envy));
        assert_eq!(e("").unwrap(), d.envy);
        assert_eq!(read("", |s| churn(s, &d.churn)).unwrap(), d.churn);
        let got = e("enabled = false\n[alpha]\nvalues = [0, 2]\nshares = [0.5, 0.5]").unwrap();
        assert!(!got.enabled);
        assert_eq!(got.alpha.values, vec![0.0, 2.0]);
        assert_eq!(got.beta, d.envy.beta);
        for (bad, needle) in [
            ("[alpha]\nvalues = [0, 2]", "one share per value (2 values)"),
            ("[beta]\nshares = [0.5, 0.6, 0.1]", "sum to 1.2"),
            ("[alpha]\nvalues = []", "array of 1 to 16"),
            ("[alpha]\nvalues = [\"a\"]", "array of 1 to 16"),
            ("[alpha]\nvalues = [-1, 1, 2, 3]", "each in 0..=100"),
            ("reward_floor = 0", "above 0"),
            ("activity_at_worst = 0", "0.1..=1"),
            ("activity_at_worst = 0.05", "0.1..=1"),
            ("exit_at_worst = 0.5", "1..=100"),
            ("envious = true", "unknown key 'envious'"),
        ] {
            let err = e(bad).unwrap_err().to_string();
            assert!(err.contains(needle), "{bad}: {err}");
        }
        let g = |text: &str| read(text, |s| growth(s, &d.growth, 1_000, 100));
        assert_eq!(g("").unwrap(), d.growth);
        let got = g("arrivals_per_day = 2.5\nnewcomer_stake = \"0.5\"").unwrap();
        assert_eq!(d.growth.newcomer_stake, 100_000);
        assert_eq!(got.newcomer_stake, 500);
        assert_eq!(got.schedule(4), vec![0, 2, 5, 7, 10]);
        let err = g("arrivals_per_day = 1000000").unwrap_err().to_string();
        assert!(
            err.contains("arrivals_per_day") && err.contains("at most 10000000"),
            "{err}"
        );
        let err = read("base_exit_hazard = 2", |s| churn(s, &d.churn))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("base_exit_hazard") && err.contains("0..=1"),
            "{err}"
        );
    }

    #[test]
    fn social_graph_keys_are_read_and_checked() {
        let d = Scenario::default();
        let b = |text: &str| read(text, |s| behaviour(s, &d.behaviour));
        assert_eq!(b("").unwrap().follow_attachment, 0.01);
        assert_eq!(b("follow_attachment = 0").unwrap().follow_attachment, 0.0);
        assert_eq!(b("follow_attachment = 2.5").unwrap().follow_attachment, 2.5);
        let c = |text: &str| read(text, |s| churn(s, &d.churn));
        assert_eq!(c("").unwrap().follower_tie_weight, 0.005);
        assert_eq!(
            c("follower_tie_weight = 0").unwrap().follower_tie_weight,
            0.0
        );
        for (text, key, allowed) in [
            ("follow_attachment = 11", "follow_attachment", "0..=10"),
            ("follow_attachment = -0.1", "follow_attachment", "0..=10"),
            (
                "follow_attachment = \"strong\"",
                "follow_attachment",
                "number",
            ),
            (
                "follow_atachment = 0.1",
                "follow_attachment",
                "did you mean",
            ),
        ] {
            let err = b(text).unwrap_err().to_string();
            assert!(err.contains(key) && err.contains(allowed), "{text}: {err}");
            assert!(err.contains("t.toml"), "{text}: {err}");
        }
        for (text, allowed) in [
            ("follower_tie_weight = 10.5", "0..=10"),
            ("follower_tie_weight = -1", "0..=10"),
            ("followers_tie_weight = 1", "did you mean"),
        ] {
            let err = c(text).unwrap_err().to_string();
            assert!(
                err.contains("follower_tie_weight") && err.contains(allowed),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn units_convert_exactly() {
        let d = Scenario::default();
        let m = read("price = 0.123\nsbd_print_rate = 12.5", |s| {
            market(s, &d.market)
        })
        .unwrap();
        assert_eq!(m.price, Price::new(123, 1000).unwrap());
        assert_eq!(m.sbd_print_rate, 1250);
        let p = read("[stake]\nmin = \"1.250\"\nmax = 10", |s| {
            population(s, &d.population)
        });
        let StakeDistribution::Pareto { min, max, .. } = p.unwrap().stake else {
            panic!("pareto")
        };
        assert_eq!((min, max), (1_250, 10_000));
    }

    #[test]
    fn shares_must_sum_to_one() {
        let d = Scenario::default().behaviour;
        let err = read("[strategies]\nhonest = 0.9", |s| behaviour(s, &d)).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("behaviour.strategies.honest + self_voter"),
            "{text}"
        );
        assert!(
            text.contains("0.9 + 0.1 + 0.15 + 0.02 + 0.08 + 0"),
            "{text}"
        );
    }

    #[test]
    fn lognormal_has_its_own_keys_and_min_le_max() {
        let d = Scenario::default().population;
        let p = read("[stake]\ndistribution = \"lognormal\"\nsigma = 1", |s| {
            population(s, &d)
        });
        assert!(matches!(
            p.unwrap().stake,
            StakeDistribution::Lognormal { .. }
        ));
        let err = read("[stake]\ndistribution = \"lognormal\"\nalpha = 1", |s| {
            population(s, &d)
        })
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("unknown key 'population.stake.alpha'"),
            "{err}"
        );
        let err = read("[stake]\nmin = 5\nmax = 4", |s| population(s, &d)).unwrap_err();
        assert!(err.to_string().contains("at least min"), "{err}");
    }
}
