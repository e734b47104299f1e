//! A [`Scenario`] written back as a complete scenario file: every key with its final value,
//! rules included (`era` plus every override written out), so the manifest records exactly
//! what ran. Invariant: loading the text gives back an equal `Scenario` (tested for every
//! preset in `load.rs`).
//!
//! Units are the file's: STEEM amounts with 3 decimals, percentages with 2, chain units for
//! the `[rules]` keys.

use std::fmt::Write;
use std::path::PathBuf;

use super::model::{Scenario, StakeDistribution};
use super::pools::{PoolRules, PoolScenario, PriceModel, SMT_EPOCH};
use super::rules::{rules_values, INFLATION_RULE_KEYS};
use super::section::format_scaled;
use crate::mechanics::smt_emission::{Interpolation, UnitTarget};

/// The resolved file for `s`; `description` is the top file's, `sources` the files read.
///
/// A `market.price` that is not a whole number of milli-SBD per STEEM (which the loader never
/// makes) is written rounded down.
pub fn resolved_toml(s: &Scenario, description: Option<&str>, sources: &[PathBuf]) -> String {
    let mut out = String::new();
    let files: Vec<String> = sources.iter().map(|p| p.display().to_string()).collect();
    let _ = writeln!(
        out,
        "# resolved by rewardsim {} from {}",
        env!("CARGO_PKG_VERSION"),
        files.join(", ")
    );
    let string = |text: &str| toml::Value::String(text.to_string()).to_string();
    let float = |v: f64| toml::Value::Float(v).to_string();
    let amount = |milli: i64| format_scaled(milli, 3);
    let percent = |bp: i64| format_scaled(bp, 2);
    let mut line = |key: &str, value: String| {
        let _ = writeln!(out, "{key} = {value}");
    };
    line("name", string(&s.name));
    if let Some(description) = description {
        line("description", string(description));
    }

    let sim = &s.simulation;
    line("\n[simulation]\ndays", sim.days.to_string());
    line("warmup_days", sim.warmup_days.to_string());
    let seed = match i64::try_from(sim.seed) {
        Ok(seed) => seed.to_string(),
        Err(_) => string(&sim.seed.to_string()),
    };
    line("seed", seed);
    line("step_seconds", sim.step_seconds.to_string());
    line("replicates", sim.replicates.to_string());

    line("\n[rules]\nera", string(s.era.name()));
    for (key, value) in rules_values(&s.rules) {
        if !INFLATION_RULE_KEYS.iter().any(|(rule, _)| *rule == key) {
            line(key, value.to_string());
        }
    }

    let r = &s.rules;
    line(
        "\n[inflation]\nstart_block",
        s.inflation.start_block.to_string(),
    );
    line(
        "rate_start_percent",
        percent(r.inflation_rate_start_percent),
    );
    line("rate_stop_percent", percent(r.inflation_rate_stop_percent));
    line(
        "narrowing_period_blocks",
        r.inflation_narrowing_period.to_string(),
    );
    let (content, stakers, dao) = (
        i64::from(r.content_reward_percent),
        i64::from(r.vesting_reward_percent),
        i64::from(r.sps_fund_percent),
    );
    line("content", percent(content));
    line("stakers", percent(stakers));
    line("dao", percent(dao));
    line("witnesses", percent(10_000 - content - stakers - dao));

    let m = &s.market;
    let milli = m.price.base_sbd() * 1000 / m.price.quote_steem();
    line("\n[market]\nprice", amount(milli));
    line("sbd_print_rate", percent(m.sbd_print_rate.into()));
    line("percent_steem_dollars", m.percent_steem_dollars.to_string());

    let p = &s.population;
    line("\n[population]\naccounts", p.accounts.to_string());
    line("daily_active_share", float(p.daily_active_share));
    line("author_share", float(p.author_share));
    line("curator_share", float(p.curator_share));
    line("stakeholder_share", float(p.stakeholder_share));
    line("liquid_ratio", float(p.liquid_ratio));
    line("vests_per_steem", p.vests_per_steem.to_string());
    line("quality_mean", float(p.quality_mean));
    line("quality_sd", float(p.quality_sd));
    line("posts_per_author_day", float(p.posts_per_author_day));
    line("votes_per_curator_day", float(p.votes_per_curator_day));
    match p.stake {
        StakeDistribution::Pareto { alpha, min, max } => {
            line("\n[population.stake]\ndistribution", string("pareto"));
            line("alpha", float(alpha));
            line("min", amount(min));
            line("max", amount(max));
        }
        StakeDistribution::Lognormal { median, sigma, max } => {
            line("\n[population.stake]\ndistribution", string("lognormal"));
            line("median", amount(median));
            line("sigma", float(sigma));
            line("max", amount(max));
        }
    }

    let b = &s.behaviour;
    line(
        "\n[behaviour]\nfollows_per_account",
        b.follows_per_account.to_string(),
    );
    line("follow_attachment", float(b.follow_attachment));
    line("candidates_per_vote", b.candidates_per_vote.to_string());
    line("perception_noise", float(b.perception_noise));
    line("quality_threshold", float(b.quality_threshold));
    line("self_vote_share", float(b.self_vote_share));
    line(
        "self_vote_comments_per_day",
        float(b.self_vote_comments_per_day),
    );
    line("vote_weight", percent(b.vote_weight.into()));
    line(
        "maximiser_delay_seconds",
        b.maximiser_delay_seconds.to_string(),
    );
    line("trail_delay_seconds", b.trail_delay_seconds.to_string());
    line("trail_leaders", b.trail_leaders.to_string());
    line("power_up_probability", float(b.power_up_probability));
    line("power_up_share", float(b.power_up_share));
    line("power_down_probability", float(b.power_down_probability));
    line("power_down_share", float(b.power_down_share));
    line("yield_reference", float(b.yield_reference));
    line("yield_elasticity", float(b.yield_elasticity));
    line("reward_rate_reference", float(b.reward_rate_reference));
    line(
        "author_reward_elasticity",
        float(b.author_reward_elasticity),
    );
    line(
        "curation_reward_elasticity",
        float(b.curation_reward_elasticity),
    );
    line(
        "\n[behaviour.strategies]\nhonest",
        float(b.strategies.honest),
    );
    line("self_voter", float(b.strategies.self_voter));
    line("curation_maximiser", float(b.strategies.curation_maximiser));
    line("vote_seller", float(b.strategies.vote_seller));
    line("vote_buyer", float(b.strategies.vote_buyer));
    line("downvoter", float(b.strategies.downvoter));
    line("trail_follower", float(b.strategies.trail_follower));
    line("\n[behaviour.discovery]\nnew", float(b.discovery.new));
    line("trending", float(b.discovery.trending));
    line("followed", float(b.discovery.followed));

    let v = &s.visibility;
    line("\n[visibility]\npayouts", string(v.payouts.name()));
    line("relative_buckets", v.relative_buckets.to_string());
    line("voters", v.voters.to_string());
    line("activity_counts", v.activity_counts.to_string());
    let n = &s.norms;
    line("\n[norms]\nbelow_median_raise", float(n.below_median_raise));
    line("above_median_cut", float(n.above_median_cut));
    line("memory_days", float(n.memory_days));
    let e = &s.envy;
    line("\n[envy]\nenabled", e.enabled.to_string());
    line("justified_weight", float(e.justified_weight));
    line("below_median_only", e.below_median_only.to_string());
    line("vertical_stake_ratio", float(e.vertical_stake_ratio));
    line("inspiration", float(e.inspiration));
    line("reward_floor", float(e.reward_floor));
    line("memory_weight", float(e.memory_weight));
    line("activity_at_worst", float(e.activity_at_worst));
    line("exit_at_worst", float(e.exit_at_worst));
    line("stake_peers", e.stake_peers.to_string());
    line("earnings_memory_days", float(e.earnings_memory_days));
    let floats = |values: &[f64]| {
        toml::Value::Array(values.iter().map(|&v| toml::Value::Float(v)).collect()).to_string()
    };
    line("\n[envy.alpha]\nvalues", floats(&e.alpha.values));
    line("shares", floats(&e.alpha.shares));
    line("\n[envy.beta]\nvalues", floats(&e.beta.values));
    line("shares", floats(&e.beta.shares));
    let c = &s.churn;
    line("\n[churn]\nbase_exit_hazard", float(c.base_exit_hazard));
    line("tie_weight", float(c.tie_weight));
    line("follower_tie_weight", float(c.follower_tie_weight));
    line("power_down_on_exit", float(c.power_down_on_exit));
    let g = &s.growth;
    line("\n[growth]\narrivals_per_day", float(g.arrivals_per_day));
    line(
        "arrivals_growth_per_year",
        float(g.arrivals_growth_per_year),
    );
    line("newcomer_stake", amount(g.newcomer_stake));
    let m = &s.bid_bots;
    line(
        "\n[bid_bots]\ninitial_price_ratio",
        float(m.initial_price_ratio),
    );
    line("price_step", float(m.price_step));
    line("buyer_margin", float(m.buyer_margin));
    line("opportunity_cost_weight", float(m.opportunity_cost_weight));
    line("votes_per_day", m.votes_per_day.to_string());
    line("bid_share", float(m.bid_share));
    line("reinvest_share", float(m.reinvest_share));
    line("bids_per_post", m.bids_per_post.to_string());
    line("delegator_share", float(m.delegator_share));
    line("lease_share", float(m.lease_share));
    line("lease_margin", float(m.lease_margin));
    line("lease_candidates", m.lease_candidates.to_string());
    line("entry_rate", float(m.entry_rate));
    let a = &s.adaptation;
    line("\n[adaptation]\nimitation_rate", float(a.imitation_rate));
    line("peers", a.peers.to_string());
    line("\n[output]\nposts_csv", s.output.posts_csv.to_string());
    line("charts", s.output.charts.to_string());
    for pool in &s.pools {
        write_pool(&mut out, pool);
    }
    out
}

/// One `[pools.NAME]` table with every key, rules included.
fn write_pool(out: &mut String, pool: &PoolScenario) {
    let string = |text: &str| toml::Value::String(text.to_string()).to_string();
    let float = |v: f64| toml::Value::Float(v).to_string();
    let precision = pool.rules.precision();
    let tokens = |units: u128| format_scaled(units as i64, precision);
    let mut line = |key: &str, value: String| {
        let _ = writeln!(out, "{key} = {value}");
    };
    let name = &pool.name;
    if let Some(preset) = &pool.preset {
        line(&format!("\n[pools.{name}]\npreset"), string(preset));
        line("family", string(pool.rules.family()));
    } else {
        line(
            &format!("\n[pools.{name}]\nfamily"),
            string(pool.rules.family()),
        );
    }
    line("members", float(pool.members));
    line("tag_share", float(pool.tag_share));
    line("sell_share", float(pool.sell_share));
    match &pool.rules {
        PoolRules::Tribe(config) => {
            let p = config.params();
            let hundredths = |h: u16| format_scaled(i64::from(h), 2);
            line(
                &format!("\n[pools.{name}.rules]\nprecision"),
                p.token_precision.to_string(),
            );
            line(
                "post_reward_curve_parameter",
                string(&hundredths(p.post_reward_exponent.hundredths())),
            );
            line(
                "curation_reward_curve_parameter",
                string(&hundredths(p.curation_reward_exponent.hundredths())),
            );
            line(
                "curation_reward_percentage",
                p.curation_reward_percentage.to_string(),
            );
            line("cashout_window_days", p.cashout_window_days.to_string());
            line(
                "reward_per_interval",
                string(&tokens(p.reward_per_interval)),
            );
            line(
                "reward_interval_seconds",
                p.reward_interval_seconds.to_string(),
            );
            if let Some(r) = p.reward_reduction {
                line(
                    "reward_reduction_interval_seconds",
                    r.interval_seconds.to_string(),
                );
                line(
                    "reward_reduction_percentage",
                    string(&format_scaled(i64::from(r.percentage_tenths), 1)),
                );
            }
            line(
                "vote_regeneration_days",
                p.vote_regeneration_days.to_string(),
            );
            line(
                "vote_power_consumption",
                p.vote_power_consumption.to_string(),
            );
            line(
                "downvote_regeneration_days",
                p.downvote_regeneration_days.to_string(),
            );
            line(
                "downvote_power_consumption",
                p.downvote_power_consumption.to_string(),
            );
            line(
                "staked_reward_percentage",
                p.staked_reward_percentage.to_string(),
            );
            line("disable_downvote", p.disable_downvote.to_string());
            line("ignore_decline_payout", p.ignore_decline_payout.to_string());
        }
        PoolRules::Smt(smt) => {
            let p = smt.rules.params();
            line(
                &format!("\n[pools.{name}.rules]\nprecision"),
                smt.precision.to_string(),
            );
            line(
                "cashout_window_seconds",
                p.cashout_window_seconds.to_string(),
            );
            line(
                "reverse_auction_window_seconds",
                p.reverse_auction_window_seconds.to_string(),
            );
            line(
                "vote_regeneration_period_seconds",
                p.vote_regeneration_period_seconds.to_string(),
            );
            line(
                "votes_per_regeneration_period",
                p.votes_per_regeneration_period.to_string(),
            );
            line("content_constant", string(&p.content_constant.to_string()));
            line(
                "percent_curation_rewards",
                p.percent_curation_rewards.to_string(),
            );
            line(
                "author_reward_curve",
                string(&p.author_reward_curve.to_string()),
            );
            line(
                "curation_reward_curve",
                string(&p.curation_reward_curve.to_string()),
            );
            line("allow_downvotes", p.allow_downvotes.to_string());
            let base = if smt.rules.opt_ins().curation_from_token_rshares {
                "token"
            } else {
                "steem"
            };
            line("curation_weight_base", string(base));
            let e = &smt.schedule;
            let since = |t: u32| (t - SMT_EPOCH).to_string();
            line(
                &format!("\n[pools.{name}.emission]\nstart_seconds"),
                since(e.schedule_time),
            );
            line("interval_seconds", e.interval_seconds.to_string());
            let count = if e.is_indefinite() {
                0
            } else {
                e.emission_count
            };
            line("emission_count", count.to_string());
            line("lep_seconds", since(e.lep_time));
            line("rep_seconds", since(e.rep_time));
            let amount = |a: i64| string(&format_scaled(a, precision));
            line("lep_abs_amount", amount(e.lep_abs_amount));
            line("rep_abs_amount", amount(e.rep_abs_amount));
            line(
                "lep_rel_amount_numerator",
                e.lep_rel_amount_numerator.to_string(),
            );
            line(
                "rep_rel_amount_numerator",
                e.rep_rel_amount_numerator.to_string(),
            );
            line("rel_amount_denom_bits", e.rel_amount_denom_bits.to_string());
            line("floor_emissions", e.floor_emissions.to_string());
            for (key, target) in [
                ("rewards", UnitTarget::Rewards),
                ("vesting", UnitTarget::Vesting),
                ("market_maker", UnitTarget::MarketMaker),
            ] {
                let weight = e
                    .token_unit
                    .iter()
                    .find(|(t, _)| *t == target)
                    .map_or(0, |(_, w)| *w);
                line(key, weight.to_string());
            }
            line("max_supply", amount(smt.max_supply));
            let interpolation = match smt.interpolation {
                Interpolation::ChainCode => "chain",
                Interpolation::Whitepaper => "whitepaper",
            };
            line("interpolation", string(interpolation));
        }
    }
    line(
        &format!("\n[pools.{name}.stake]\nstaked"),
        string(&tokens(pool.stake.staked)),
    );
    line("concentration", float(pool.stake.concentration));
    match &pool.price {
        PriceModel::Path(points) => {
            line(&format!("\n[pools.{name}.price]\nmodel"), string("path"));
            let pairs: Vec<String> = points
                .iter()
                .map(|(day, price)| format!("[{day}, {}]", float(*price)))
                .collect();
            line("path", format!("[{}]", pairs.join(", ")));
        }
        PriceModel::Market {
            initial,
            depth,
            demand_per_day,
        } => {
            line(&format!("\n[pools.{name}.price]\nmodel"), string("market"));
            line("initial", float(*initial));
            line("depth", float(*depth));
            line("demand_per_day", float(*demand_per_day));
        }
    }
    match &pool.coop {
        None => line(&format!("\n[pools.{name}.coop]\nenabled"), "false".into()),
        Some(c) => {
            line(&format!("\n[pools.{name}.coop]\nenabled"), "true".into());
            line("producers", float(c.producers));
            line("spend_share", float(c.spend_share));
            line("discount", float(c.discount));
            line("fund", string(&tokens(c.fund)));
            line("fund_per_day", string(&tokens(c.fund_per_day)));
            line("reputation_rate", float(c.reputation_rate));
            line("utility_weight", float(c.utility_weight));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::era::RulesOverrides;

    #[test]
    fn every_rules_key_is_written_once() {
        let text = resolved_toml(&Scenario::default(), Some("d"), &[PathBuf::from("a.toml")]);
        assert!(text.starts_with("# resolved by rewardsim "), "{text}");
        let doc: toml::Table = text.parse().unwrap();
        let rules = doc["rules"].as_table().unwrap();
        for key in RulesOverrides::KEYS {
            let in_rules = rules.contains_key(*key);
            let is_inflation = INFLATION_RULE_KEYS.iter().any(|(rule, _)| rule == key);
            assert_eq!(in_rules, !is_inflation, "{key}");
        }
        assert_eq!(rules["content_constant"].as_str(), Some("2000000000000"));
        assert_eq!(
            doc["inflation"]["rate_start_percent"].as_float(),
            Some(9.78)
        );
        assert_eq!(doc["inflation"]["witnesses"].as_float(), Some(10.0));
    }
}
