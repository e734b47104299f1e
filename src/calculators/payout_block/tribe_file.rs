//! The tribe block file of `rewardsim payout` (`kind = "tribe"`): one Hive-Engine tribe
//! pool's configuration (`[pool]`, the `comments` contract's fields in snake_case), its
//! state before one interval (`[state]`) and the posts cashing out in that interval
//! (`[[post]]` with `[[post.vote]]` and `[[post.beneficiary]]`). `[pool]` is read by
//! [`pool`]; the exact decimals of every table by [`parse_decimal_units`].
//!
//! Invariant: a [`TribeBlockFile`] holds only what the contract accepts — the configuration
//! went through [`PoolConfig::new`] (every range the contract asserts), token amounts have
//! at most the token's precision in decimals, claims at most 10, vote weights are in
//! −10000..=10000 — and every rejection names the key, its line and what is allowed. No
//! TOML float is accepted anywhere: amounts are decimal strings (or integers), read exactly.

use std::collections::HashSet;

use ruint::aliases::U512;

use super::block_file::read_beneficiaries;
use crate::config::toml_tree::{parse, Node, Table};
use crate::mechanics::power_curve::{PowerClaims, SMT_PRECISION};
use crate::mechanics::tribe_pool::{max_supply_units, PoolConfig, MAX_VOTING_POWER};

pub mod pool;

pub use pool::{AppTax, POOL_KEYS};

/// The top-level key and value that make a block file a tribe block file.
pub const KIND_KEY: &str = "kind";
/// The value of [`KIND_KEY`] for a tribe pool.
pub const KIND_TRIBE: &str = "tribe";

/// Keys of the top level.
pub const TOP_KEYS: &[&str] = &[KIND_KEY, "pool", "state", "post"];

/// Keys of `[state]`.
pub const STATE_KEYS: &[&str] = &[
    "reward_pool",
    "pending_claims",
    "last_reward_timestamp",
    "last_reward_reduction_timestamp",
];
/// Keys of `[[post]]`.
pub const POST_KEYS: &[&str] = &[
    "id",
    "author",
    "app",
    "declines_payout",
    "vote",
    "beneficiary",
];
/// Keys of `[[post.vote]]`.
pub const VOTE_KEYS: &[&str] = &["voter", "stake", "weight", "voting_power"];

/// The largest timestamp accepted, milliseconds (JavaScript's `Number.MAX_SAFE_INTEGER`).
pub const MAX_TIMESTAMP_MS: u64 = 9_007_199_254_740_991;

/// The pool's state before the interval, token units and 10⁻¹⁰ claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateSpec {
    /// `rewardPool` before this interval's mint, token units.
    pub reward_pool: u128,
    /// `pendingClaims` Q before this interval's decay, 10⁻¹⁰ claims.
    pub pending_claims: PowerClaims,
    /// `lastRewardTimestamp`: start of the window paid, milliseconds since the Unix epoch.
    pub last_reward_timestamp: u64,
    /// `lastRewardReductionTimestamp`, milliseconds (only with a reward reduction).
    pub last_reward_reduction_timestamp: Option<u64>,
}

/// One vote, in casting order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TribeVoteSpec {
    /// The voter's account.
    pub voter: String,
    /// Stake plus delegations in, token units.
    pub stake: u128,
    /// Basis points, −10000..=10000 (negative: downvote).
    pub weight: i32,
    /// The bar the vote draws on (voting power for an upvote, downvoting power for a
    /// downvote) just before the vote, 0..=10000.
    pub voting_power: u32,
}

/// One beneficiary route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TribeBeneficiarySpec {
    /// The account paid.
    pub account: String,
    /// Basis points of the author side after app tax.
    pub weight: u16,
}

/// One post cashing out in the interval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TribePostSpec {
    /// Unique in the file.
    pub id: String,
    /// The author's account.
    pub author: String,
    /// `json_metadata.app` as written, if any.
    pub app: Option<String>,
    /// The post declined payout on Hive.
    pub declines_payout: bool,
    /// Votes in casting order.
    pub votes: Vec<TribeVoteSpec>,
    /// Beneficiaries in order.
    pub beneficiaries: Vec<TribeBeneficiarySpec>,
}

/// A validated tribe block file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TribeBlockFile {
    /// The pool's configuration.
    pub config: PoolConfig,
    /// The app tax, if configured.
    pub app_tax: Option<AppTax>,
    /// The pool's state.
    pub state: StateSpec,
    /// The posts, in file order (the contract's payment order within the window).
    pub posts: Vec<TribePostSpec>,
}

impl TribeBlockFile {
    /// Parses and validates the text of a tribe block file.
    pub fn parse(text: &str) -> Result<TribeBlockFile, String> {
        let root = parse(text)?;
        let top = Table::new(text, &root, "top level")?;
        top.check_keys(TOP_KEYS)?;
        let pool_node = top.get("pool").ok_or_else(|| {
            "line 1: missing table [pool] (the comments contract's pool configuration)".to_string()
        })?;
        let pool = Table::new(text, pool_node, "[pool]")?;
        let (config, app_tax) = pool::parse_pool(&pool)?;
        let state_node = top.get("state").ok_or_else(|| {
            "line 1: missing table [state] (reward_pool, pending_claims, last_reward_timestamp)"
                .to_string()
        })?;
        let state = parse_state(&Table::new(text, state_node, "[state]")?, &config)?;
        let mut posts = Vec::new();
        let mut ids = HashSet::new();
        for (i, node) in top.tables("post")?.into_iter().enumerate() {
            let name = format!("[[post]] #{}", i + 1);
            let table = Table::new(text, node, &name)?;
            let post = parse_post(text, &table, &config)?;
            if !ids.insert(post.id.clone()) {
                return Err(table.value_error("id", "an id not used by an earlier post"));
            }
            posts.push(post);
        }
        Ok(TribeBlockFile {
            config,
            app_tax,
            state,
            posts,
        })
    }
}

/// The TOML leaf at `key`, if the key is present and holds a plain value.
fn leaf<'a>(table: &Table<'a>, key: &str) -> Option<&'a toml::Value> {
    match table.get(key)?.get_ref() {
        Node::Leaf(value) => Some(value),
        _ => None,
    }
}

/// An exact decimal (a string of digits with an optional fraction, or a non-negative TOML
/// integer) as a count of 10^-`places`; absent: `None`. Trailing fraction zeros are ignored,
/// as bignumber.js ignores them. Floats are refused: they are not exact.
fn decimal(
    table: &Table<'_>,
    key: &str,
    places: u32,
    allowed: &str,
) -> Result<Option<u128>, String> {
    let Some(node) = table.get(key) else {
        return Ok(None);
    };
    let parsed = match node.get_ref() {
        Node::Leaf(toml::Value::Integer(v)) if *v >= 0 => {
            (*v as u128).checked_mul(10u128.pow(places))
        }
        Node::Leaf(toml::Value::String(s)) => parse_decimal_units(s, places),
        Node::Leaf(toml::Value::Float(_)) => {
            return Err(table.value_error(
                key,
                format!("{allowed}, written as a string (\"1.5\"): TOML floats are not exact"),
            ))
        }
        _ => None,
    };
    parsed
        .map(Some)
        .ok_or_else(|| table.value_error(key, allowed))
}

/// A required [`decimal`].
fn required_decimal(
    table: &Table<'_>,
    key: &str,
    places: u32,
    allowed: &str,
) -> Result<u128, String> {
    decimal(table, key, places, allowed)?.ok_or_else(|| table.value_error(key, allowed))
}

/// `text` as a count of 10^-`places`: digits, optionally `.` and more digits, at most
/// `places` of them once trailing zeros are dropped; `None` for anything else or overflow.
pub fn parse_decimal_units(text: &str, places: u32) -> Option<u128> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || (text.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > places as usize {
        return None;
    }
    let scale = 10u128.checked_pow(places)?;
    let fraction_units: u128 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<width$}", width = places as usize)
            .parse()
            .ok()?
    };
    whole
        .parse::<u128>()
        .ok()?
        .checked_mul(scale)?
        .checked_add(fraction_units)
}

fn timestamp(state: &Table<'_>, key: &str, default: Option<u64>) -> Result<u64, String> {
    let allowed =
        format!("milliseconds since the Unix epoch, an integer in 0..={MAX_TIMESTAMP_MS}");
    match (state.get(key), default) {
        (None, Some(default)) => Ok(default),
        _ => match leaf(state, key) {
            Some(toml::Value::Integer(v)) if (0..=MAX_TIMESTAMP_MS as i64).contains(v) => {
                Ok(*v as u64)
            }
            _ => Err(state.value_error(key, allowed)),
        },
    }
}

fn parse_state(state: &Table<'_>, config: &PoolConfig) -> Result<StateSpec, String> {
    state.check_keys(STATE_KEYS)?;
    let precision = config.params().token_precision;
    let reward_pool = required_decimal(
        state,
        "reward_pool",
        precision,
        &token_amount_allowed(precision),
    )?;
    if reward_pool > max_supply_units(precision) {
        return Err(state.value_error("reward_pool", token_amount_allowed(precision)));
    }
    let pending_claims = required_decimal(
        state,
        "pending_claims",
        SMT_PRECISION,
        "a decimal string of claims ≥ 0 with at most 10 decimals (e.g. \"181560000000.5\")",
    )?;
    let last_reward_timestamp = timestamp(state, "last_reward_timestamp", None)?;
    let reduction_key = "last_reward_reduction_timestamp";
    let last_reward_reduction_timestamp = match (config.params().reward_reduction, state.get(reduction_key)) {
        (Some(_), _) => Some(timestamp(state, reduction_key, None)?),
        (None, None) => None,
        (None, Some(_)) => {
            return Err(state.value_error(
                reduction_key,
                "no value: it only applies when [pool] sets reward_reduction_interval_seconds and reward_reduction_percentage",
            ))
        }
    };
    Ok(StateSpec {
        reward_pool,
        pending_claims: PowerClaims::from_units(U512::from(pending_claims)),
        last_reward_timestamp,
        last_reward_reduction_timestamp,
    })
}

fn token_amount_allowed(precision: u32) -> String {
    format!(
        "a decimal string of tokens ≥ 0 with at most {precision} decimals (the pool's precision), at most 9007199254740991 tokens"
    )
}

fn parse_post(text: &str, post: &Table<'_>, config: &PoolConfig) -> Result<TribePostSpec, String> {
    post.check_keys(POST_KEYS)?;
    let precision = config.params().token_precision;
    let id = post.string("id", "a non-empty string")?;
    let author = post.string("author", "a non-empty account name")?;
    let app = match post.get("app") {
        None => None,
        Some(_) => Some(post.string("app", "a non-empty app name (json_metadata.app)")?),
    };
    let declines_payout = post.bool_or("declines_payout", false)?;
    let mut votes = Vec::new();
    let mut voters = HashSet::new();
    for (i, node) in post.tables("vote")?.into_iter().enumerate() {
        let name = format!("[[post.vote]] #{} of post '{id}'", i + 1);
        let vote = Table::new(text, node, &name)?;
        vote.check_keys(VOTE_KEYS)?;
        let voter = vote.string("voter", "a non-empty account name")?;
        if !voters.insert(voter.clone()) {
            return Err(vote.value_error(
                "voter",
                "a voter who has not voted on this post yet (re-votes are not modelled)",
            ));
        }
        let stake_allowed = token_amount_allowed(precision);
        let stake = required_decimal(&vote, "stake", precision, &stake_allowed)?;
        if stake > max_supply_units(precision) {
            return Err(vote.value_error("stake", stake_allowed));
        }
        votes.push(TribeVoteSpec {
            voter,
            stake,
            weight: vote.int_in("weight", -10_000, 10_000, None)?,
            voting_power: vote.int_in(
                "voting_power",
                0,
                MAX_VOTING_POWER,
                Some(MAX_VOTING_POWER),
            )?,
        });
    }
    let beneficiaries = read_beneficiaries(text, post, &id)?
        .into_iter()
        .map(|b| TribeBeneficiarySpec {
            account: b.account,
            weight: b.weight,
        })
        .collect();
    Ok(TribePostSpec {
        id,
        author,
        app,
        declines_payout,
        votes,
        beneficiaries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POOL: &str = "kind = \"tribe\"\n[pool]\nprecision = 3\npost_reward_curve_parameter = \"1.05\"\n\
        curation_reward_curve_parameter = \"0.5\"\ncuration_reward_percentage = 50\n\
        cashout_window_days = 7\nreward_per_interval = \"0.375\"\nreward_interval_seconds = 3\n\
        vote_regeneration_days = 5\nvote_power_consumption = 200\ndownvote_regeneration_days = 5\n\
        downvote_power_consumption = 2000\nstaked_reward_percentage = 50\ndisable_downvote = false\n\
        ignore_decline_payout = false\n";
    const STATE: &str =
        "[state]\nreward_pool = 12\npending_claims = \"1.0000000001\"\nlast_reward_timestamp = 3000\n";

    fn parse(extra_pool: &str, posts: &str) -> Result<TribeBlockFile, String> {
        TribeBlockFile::parse(&format!("{POOL}{extra_pool}{STATE}{posts}"))
    }

    #[test]
    fn a_file_reads_into_the_contracts_units() {
        let posts = "[[post]]\nid = \"p\"\nauthor = \"a\"\napp = \"peakd/1\"\n\
                     [[post.vote]]\nvoter = \"v\"\nstake = \"12.3400\"\nweight = -2500\n\
                     [[post.beneficiary]]\naccount = \"b\"\nweight = 500\n";
        let file = parse(
            "app_tax_app = \"palnet\"\napp_tax_percent = 20\napp_tax_beneficiary = \"t\"\n",
            posts,
        )
        .unwrap();
        let params = file.config.params();
        assert_eq!(params.post_reward_exponent.hundredths(), 105);
        assert_eq!(params.reward_per_interval, 375);
        assert_eq!(params.app_tax_percent, Some(20));
        assert_eq!(params.reward_reduction, None);
        assert_eq!(file.app_tax.as_ref().unwrap().beneficiary, "t");
        // 12 tokens at precision 3; claims with 10 decimals.
        assert_eq!(file.state.reward_pool, 12_000);
        assert_eq!(
            file.state.pending_claims.units(),
            U512::from(10_000_000_001u64)
        );
        assert_eq!(file.state.last_reward_timestamp, 3_000);
        let post = &file.posts[0];
        assert_eq!(post.app.as_deref(), Some("peakd/1"));
        assert!(!post.declines_payout);
        // Trailing zeros beyond the precision are not decimals (as bignumber.js's dp()).
        assert_eq!(post.votes[0].stake, 12_340);
        assert_eq!(post.votes[0].weight, -2_500);
        assert_eq!(post.votes[0].voting_power, 10_000);
        assert_eq!(post.beneficiaries[0].weight, 500);
    }

    #[test]
    fn a_reward_reduction_needs_both_keys_and_its_timestamp() {
        let reduction =
            "reward_reduction_interval_seconds = 6\nreward_reduction_percentage = \"12.5\"\n";
        let err = parse(reduction, "").unwrap_err();
        assert!(
            err.contains("missing key 'last_reward_reduction_timestamp'"),
            "{err}"
        );
        let text = format!("{POOL}{reduction}{STATE}last_reward_reduction_timestamp = 0\n");
        let file = TribeBlockFile::parse(&text).unwrap();
        let reduction = file.config.params().reward_reduction.unwrap();
        assert_eq!(
            (reduction.interval_seconds, reduction.percentage_tenths),
            (6, 125)
        );
        assert_eq!(file.state.last_reward_reduction_timestamp, Some(0));
        let err = parse("reward_reduction_percentage = \"12.55\"\n", "").unwrap_err();
        assert!(err.contains("key 'reward_reduction_percentage'"), "{err}");
    }

    #[test]
    fn contract_ranges_are_reported_at_the_key() {
        for (edit, key, line) in [
            (
                "post_reward_curve_parameter = \"0.9\"",
                "post_reward_curve_parameter",
                4,
            ),
            (
                "curation_reward_curve_parameter = \"1.5\"",
                "curation_reward_curve_parameter",
                5,
            ),
            ("cashout_window_days = 31", "cashout_window_days", 7),
            ("reward_per_interval = \"0\"", "reward_per_interval", 8),
            ("vote_power_consumption = 0", "vote_power_consumption", 11),
            (
                "staked_reward_percentage = 101",
                "staked_reward_percentage",
                14,
            ),
        ] {
            let name = edit.split(" = ").next().unwrap();
            let text: String = POOL
                .lines()
                .map(|l| {
                    if l.starts_with(&format!("{name} =")) {
                        edit
                    } else {
                        l
                    }
                })
                .flat_map(|l| [l, "\n"])
                .collect();
            let err = TribeBlockFile::parse(&format!("{text}{STATE}")).unwrap_err();
            assert!(
                err.starts_with(&format!("line {line}: [pool]: key '{key}'")),
                "{err}"
            );
        }
    }

    #[test]
    fn decimals_are_exact_or_refused() {
        for (text, places, want) in [
            ("0", 3, Some(0)),
            ("1.5", 3, Some(1_500)),
            ("1.500000", 3, Some(1_500)),
            ("007.25", 2, Some(725)),
            ("5", 0, Some(5)),
            ("1.0005", 3, None),
            ("1.", 3, None),
            (".5", 3, None),
            ("-1", 3, None),
            ("+1", 3, None),
            ("1e3", 3, None),
            ("1 000", 3, None),
            ("", 3, None),
            ("340282366920938463463374607431768211456", 0, None),
        ] {
            assert_eq!(parse_decimal_units(text, places), want, "{text:?}");
        }
    }

    #[test]
    fn posts_and_votes_are_unique() {
        let vote = "[[post.vote]]\nvoter = \"v\"\nstake = 1\nweight = 1\n";
        let err = parse(
            "",
            &format!("[[post]]\nid = \"p\"\nauthor = \"a\"\n{vote}{vote}"),
        )
        .unwrap_err();
        assert!(err.contains("#2 of post 'p': key 'voter'"), "{err}");
        let post = "[[post]]\nid = \"p\"\nauthor = \"a\"\n";
        let err = parse("", &format!("{post}{post}")).unwrap_err();
        assert!(err.contains("[[post]] #2: key 'id'"), "{err}");
    }
}
