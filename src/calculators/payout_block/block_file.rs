//! The block file of `rewardsim payout`: era, rule overrides, `[fund]` and the posts due.
//!
//! Invariant: a [`BlockFile`] holds only values the mechanics accept — every key is known,
//! typed and in range (percents and weights ≤ 10000, beneficiary weights summing to
//! ≤ 10000, unique post ids, one vote per voter per post) — and every rejection names the
//! key, its line and what is allowed.

use std::collections::HashSet;

use crate::config::toml_tree::{parse, Node, Table};
use crate::mechanics::constants::{DEFAULT_MAX_ACCEPTED_PAYOUT, STEEM_BLOCK_INTERVAL};
use crate::mechanics::curation::CastVote;
use crate::mechanics::era::{Era, Rules, RulesOverrides};
use crate::mechanics::payout::Beneficiary;
use crate::mechanics::price::Price;

/// Keys of `[fund]`.
pub const FUND_KEYS: &[&str] = &[
    "reward_balance",
    "recent_claims",
    "seconds_since_last_update",
    "price",
    "sbd_print_rate",
];
/// Keys of `[[post]]`.
pub const POST_KEYS: &[&str] = &[
    "id",
    "percent_steem_dollars",
    "max_accepted_payout",
    "allow_curation_rewards",
    "reward_weight",
    "vote",
    "beneficiary",
];
/// Keys of `[[post.vote]]`.
pub const VOTE_KEYS: &[&str] = &["voter", "rshares", "seconds_since_created"];
/// Keys of `[[post.beneficiary]]`.
pub const BENEFICIARY_KEYS: &[&str] = &["account", "weight"];

/// The fund and market state of the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundSpec {
    /// milli-STEEM.
    pub reward_balance: i64,
    /// Claims, before this block's decay.
    pub recent_claims: u128,
    /// Seconds since the fund's last update (default 3, one block).
    pub seconds_since_last_update: u32,
    /// Median feed (default [1000, 1000]).
    pub price: Price,
    /// Basis points (default 10000).
    pub sbd_print_rate: u16,
}

/// One vote of a post, in casting order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteSpec {
    /// The voter's account.
    pub voter: String,
    /// The vote as cast.
    pub vote: CastVote,
}

/// One post due in the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostSpec {
    /// The post's id (unique in the file).
    pub id: String,
    /// Basis points (default 10000).
    pub percent_steem_dollars: u16,
    /// milli-SBD (default 1 000 000 000).
    pub max_accepted_payout: i64,
    /// Default true.
    pub allow_curation_rewards: bool,
    /// Basis points (default 10000).
    pub reward_weight: u16,
    /// Votes in casting order.
    pub votes: Vec<VoteSpec>,
    /// Beneficiaries in listed order.
    pub beneficiaries: Vec<Beneficiary>,
}

/// A validated block file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockFile {
    /// The file's `era`, if given.
    pub era: Option<Era>,
    /// The file's rule overrides.
    pub overrides: RulesOverrides,
    /// Line of each override key, for range errors found later.
    override_lines: Vec<(String, usize)>,
    /// The fund.
    pub fund: FundSpec,
    /// The posts, in file order.
    pub posts: Vec<PostSpec>,
}

impl BlockFile {
    /// Parses and validates the text of a block file.
    pub fn parse(text: &str) -> Result<BlockFile, String> {
        let root = parse(text)?;
        let top = Table::new(text, &root, "top level")?;
        let mut allowed: Vec<&str> = vec!["era", "fund", "post"];
        allowed.extend_from_slice(RulesOverrides::KEYS);
        top.check_keys(&allowed)?;
        let era = match top.get("era") {
            None => None,
            Some(_) => {
                let name = top.string(
                    "era",
                    format!("an era: one of {}", Era::allowed_names()).as_str(),
                )?;
                Some(name.parse::<Era>().map_err(|e| {
                    top.value_error(
                        "era",
                        format!("one of {}{}", Era::allowed_names(), e.suggestion),
                    )
                })?)
            }
        };
        let mut overrides_table = toml::Table::new();
        let mut override_lines = Vec::new();
        for (key, value) in top.entries() {
            let name = key.get_ref();
            if RulesOverrides::KEYS.contains(&name.as_str()) {
                overrides_table.insert(name.clone(), value.get_ref().to_value());
                override_lines.push((name.clone(), top.key_line(name).unwrap_or(1)));
            }
        }
        let overrides: RulesOverrides = toml::Value::Table(overrides_table.clone())
            .try_into()
            .map_err(|e: toml::de::Error| {
                // The error names the type; find the key by trying each one alone.
                let bad = overrides_table.iter().find(|(k, v)| {
                    let mut single = toml::Table::new();
                    single.insert((*k).clone(), (*v).clone());
                    toml::Value::Table(single)
                        .try_into::<RulesOverrides>()
                        .is_err()
                });
                match bad {
                    Some((key, _)) => {
                        top.value_error(key, format!("a valid rule value ({})", e.message()))
                    }
                    None => e.message().to_string(),
                }
            })?;
        let fund_node = top.get("fund").ok_or_else(|| {
            "line 1: missing table [fund] (reward_balance, recent_claims, ...)".to_string()
        })?;
        let fund = parse_fund(&Table::new(text, fund_node, "[fund]")?)?;
        let mut posts = Vec::new();
        let mut ids = HashSet::new();
        for (i, node) in top.tables("post")?.into_iter().enumerate() {
            let name = format!("[[post]] #{}", i + 1);
            let table = Table::new(text, node, &name)?;
            let post = parse_post(text, &table)?;
            if !ids.insert(post.id.clone()) {
                return Err(table.value_error("id", "an id not used by an earlier post"));
            }
            posts.push(post);
        }
        Ok(BlockFile {
            era,
            overrides,
            override_lines,
            fund,
            posts,
        })
    }

    /// The rules of `era` (the `--era` choice, else the file's) with the file's overrides
    /// on top, range-checked.
    pub fn rules(&self, era: Option<Era>) -> Result<Rules, String> {
        let era = era.or(self.era).ok_or_else(|| {
            format!(
                "missing key 'era' at the top level and no --era given; expected one of {}",
                Era::allowed_names()
            )
        })?;
        Rules::for_era(era)
            .with_overrides(&self.overrides)
            .map_err(|e| {
                let line = self
                    .override_lines
                    .iter()
                    .find(|(k, _)| k == e.key)
                    .map_or_else(String::new, |(_, line)| format!("line {line}: "));
                format!("{line}{e}")
            })
    }
}

fn parse_fund(fund: &Table<'_>) -> Result<FundSpec, String> {
    fund.check_keys(FUND_KEYS)?;
    let price = match fund.get("price").map(|n| n.get_ref()) {
        None => Price::PAR,
        Some(Node::Array(items)) if items.len() == 2 => {
            let side = |i: usize| match items[i].get_ref() {
                Node::Leaf(toml::Value::Integer(v)) => Some(*v),
                _ => None,
            };
            match (side(0), side(1)) {
                (Some(base), Some(quote)) => Price::new(base, quote).ok(),
                _ => None,
            }
            .ok_or_else(|| fund.value_error("price", PRICE_ALLOWED))?
        }
        Some(_) => return Err(fund.value_error("price", PRICE_ALLOWED)),
    };
    Ok(FundSpec {
        reward_balance: fund.int_in("reward_balance", 0, i64::MAX, None)?,
        recent_claims: fund.u128("recent_claims")?,
        seconds_since_last_update: fund.int_in(
            "seconds_since_last_update",
            0,
            u32::MAX,
            Some(STEEM_BLOCK_INTERVAL),
        )?,
        price,
        sbd_print_rate: fund.int_in("sbd_print_rate", 0, 10_000, Some(10_000))?,
    })
}

const PRICE_ALLOWED: &str =
    "[base, quote]: two integers ≥ 1, milli-SBD per milli-STEEM (e.g. [250, 1000] = 0.25 SBD/STEEM)";

fn parse_post(text: &str, post: &Table<'_>) -> Result<PostSpec, String> {
    post.check_keys(POST_KEYS)?;
    let id = post.string("id", "a non-empty string")?;
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
                "a voter who has not voted on this post yet (vote edits are not modelled)",
            ));
        }
        votes.push(VoteSpec {
            voter,
            vote: CastVote {
                rshares: vote.int_in("rshares", i64::MIN, i64::MAX, None)?,
                seconds_since_created: vote.int_in("seconds_since_created", 0, u32::MAX, None)?,
            },
        });
    }
    let beneficiaries = read_beneficiaries(text, post, &id)?;
    Ok(PostSpec {
        percent_steem_dollars: post.int_in("percent_steem_dollars", 0, 10_000, Some(10_000))?,
        max_accepted_payout: post.int_in(
            "max_accepted_payout",
            0,
            i64::MAX,
            Some(DEFAULT_MAX_ACCEPTED_PAYOUT),
        )?,
        allow_curation_rewards: post.bool_or("allow_curation_rewards", true)?,
        reward_weight: post.int_in("reward_weight", 0, 10_000, Some(10_000))?,
        id,
        votes,
        beneficiaries,
    })
}

/// The `[[post.beneficiary]]` routes of `post` (called `id` in messages): unique accounts,
/// weights in basis points summing to at most 10000. Shared by Steem and tribe block files.
pub(super) fn read_beneficiaries(
    text: &str,
    post: &Table<'_>,
    id: &dyn std::fmt::Display,
) -> Result<Vec<Beneficiary>, String> {
    let mut beneficiaries: Vec<Beneficiary> = Vec::new();
    let mut total_weight = 0u32;
    for (i, node) in post.tables("beneficiary")?.into_iter().enumerate() {
        let name = format!("[[post.beneficiary]] #{} of post '{id}'", i + 1);
        let route = Table::new(text, node, &name)?;
        route.check_keys(BENEFICIARY_KEYS)?;
        let account = route.string("account", "a non-empty account name")?;
        if beneficiaries.iter().any(|b| b.account == account) {
            return Err(route.value_error(
                "account",
                "an account not already a beneficiary of this post",
            ));
        }
        let weight: u16 = route.int_in("weight", 0, 10_000, None)?;
        total_weight += u32::from(weight);
        if total_weight > 10_000 {
            return Err(route.value_error(
                "weight",
                format!("weights summing to at most 10000 over the post's beneficiaries (the sum reaches {total_weight})"),
            ));
        }
        beneficiaries.push(Beneficiary { account, weight });
    }
    Ok(beneficiaries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let text = "era = \"steem_hf21\"\npercent_curation_rewards = 2500\nauthor_curve = \"linear\"\n\
                    [fund]\nreward_balance = 5\nrecent_claims = \"340282366920938463463374607431768211455\"\n\
                    [[post]]\nid = \"p\"\n[[post.vote]]\nvoter = \"a\"\nrshares = -7\nseconds_since_created = 9\n";
        let file = BlockFile::parse(text).unwrap();
        assert_eq!(file.era, Some(Era::SteemHf21));
        assert_eq!(file.fund.recent_claims, u128::MAX);
        assert_eq!(file.fund.seconds_since_last_update, 3);
        assert_eq!(
            (file.fund.price, file.fund.sbd_print_rate),
            (Price::PAR, 10_000)
        );
        let post = &file.posts[0];
        assert_eq!(
            (
                post.percent_steem_dollars,
                post.max_accepted_payout,
                post.allow_curation_rewards,
                post.reward_weight
            ),
            (10_000, 1_000_000_000, true, 10_000)
        );
        assert_eq!(
            post.votes[0].vote,
            CastVote {
                rshares: -7,
                seconds_since_created: 9
            }
        );
        // --era replaces the file's era; the overrides stay on top.
        let rules = file.rules(Some(Era::HiveHf25)).unwrap();
        assert_eq!(rules.era, Era::HiveHf25);
        assert_eq!(rules.percent_curation_rewards, 2_500);
    }

    #[test]
    fn unknown_keys_suggest_at_every_level() {
        let fund = "[fund]\nreward_balance = 5\nrecent_claims = 1\n";
        let cases = [
            (
                "erra = \"steem_hf21\"\n".to_string() + fund,
                "did you mean 'era'",
            ),
            (
                fund.to_string() + "reward_balanse = 1\n",
                "did you mean 'reward_balance'",
            ),
            (
                fund.to_string() + "[[post]]\nidd = \"x\"\n",
                "did you mean 'id'",
            ),
            (
                fund.to_string() + "[[post]]\nid = \"x\"\n[[post.beneficiary]]\naccout = \"a\"\n",
                "did you mean 'account'",
            ),
        ];
        for (text, want) in cases {
            let err = BlockFile::parse(&text).unwrap_err();
            assert!(err.contains(want), "{err}");
        }
    }
}
