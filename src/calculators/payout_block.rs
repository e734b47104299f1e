//! The `payout` calculator: what one block's cashouts pay, optionally re-priced under
//! another era — or, for a tribe block file (`kind = "tribe"`), what one interval of a
//! Hive-Engine tribe pool pays ([`tribe`]).
//!
//! Role: [`run`] tells the two kinds apart by the top-level `kind` key (absent for Steem/Hive
//! block files, which keep their format unchanged). For Steem/Hive it reads a block file ([`block_file`]), casts each post's votes in order under the
//! era's rules ([`crate::mechanics::curation::cast_votes`]), pays every post against one
//! fund snapshot ([`crate::mechanics::payout::process_comment_cashout`]) and writes
//! `posts.csv` and `curators.csv`. `--era` replaces the file's `era`; the file's rule
//! overrides still apply on top of the chosen era.
//!
//! Invariant: the whole block is validated and computed before any file is written, and
//! both files are checked before either is replaced, so bad input leaves no output behind.
//! Amounts are milli-STEEM unless a column says SBD (SBD and STEEM stand for HBD and HIVE
//! on Hive eras).

pub mod block_file;
pub mod tribe;
pub mod tribe_file;

use std::fmt::Write as _;
use std::path::Path;

use super::table::{write_outputs, Destination, OutputTable};
use super::CalcError;
use crate::config::toml_tree::{parse, Table};
use crate::mechanics::curation::{cast_votes, CastVote, VoteTally};
use crate::mechanics::curve::evaluate_reward_curve;
use crate::mechanics::era::{Era, Rules};
use crate::mechanics::payout::{process_comment_cashout, BlockPayout, Market, PostAtCashout};
use crate::mechanics::reward_fund::RewardFund;
use crate::suggest::did_you_mean;
use block_file::{BlockFile, PostSpec};
use tribe_file::{TribeBlockFile, KIND_KEY, KIND_TRIBE};

/// Columns of posts.csv.
pub const POST_COLUMNS: [&str; 20] = [
    "id",
    "net_rshares",
    "vote_rshares",
    "total_vote_weight",
    "claims",
    "reward",
    "curation_tokens_max",
    "curation_paid",
    "curation_unclaimed",
    "author_tokens_gross",
    "beneficiary_tokens_total",
    "author_tokens_net",
    "claimed_reward",
    "recent_claims_after_decay",
    "recent_claims_after_adding",
    "reward_balance_after_block",
    "returned_to_fund",
    "author_sbd",
    "author_steem",
    "author_vesting_steem",
];

/// Columns of curators.csv.
pub const CURATOR_COLUMNS: [&str; 5] =
    ["post", "voter", "rshares", "vote_weight", "curation_claim"];

/// Pays the block in `block`, writes posts.csv and curators.csv into `out_dir` (created if
/// missing) and returns the summary table for standard output.
pub fn run(
    block: &Path,
    era: Option<Era>,
    out_dir: &Path,
    force: bool,
) -> Result<String, CalcError> {
    let toml_error = |message: String| CalcError::Toml {
        path: block.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(block).map_err(|source| CalcError::Read {
        path: block.to_path_buf(),
        source,
    })?;
    if is_tribe_block(&text).map_err(toml_error)? {
        if let Some(era) = era {
            return Err(toml_error(format!(
                "--era {era} applies to Steem/Hive block files; this is a tribe block file (kind = \"tribe\"), whose rules are its [pool]"
            )));
        }
        let file = TribeBlockFile::parse(&text).map_err(toml_error)?;
        return tribe::run(block, &file, out_dir, force);
    }
    let file = BlockFile::parse(&text).map_err(toml_error)?;
    let rules = file.rules(era).map_err(toml_error)?;
    let (posts, tallies) = cast_all(&file, &rules).map_err(toml_error)?;
    let market = Market {
        price: file.fund.price,
        sbd_print_rate: file.fund.sbd_print_rate,
    };
    let fund = RewardFund {
        reward_balance: file.fund.reward_balance,
        recent_claims: file.fund.recent_claims,
    };
    let payout = process_comment_cashout(
        &fund,
        file.fund.seconds_since_last_update,
        &posts,
        &market,
        &rules,
    )
    .map_err(|e| match e {
        crate::mechanics::payout::block::BlockPayoutError::Post { index, error } => {
            toml_error(format!("post '{}': {error}", file.posts[index].id))
        }
        other => toml_error(other.to_string()),
    })?;
    let (posts_table, curators_table) =
        tables(&file, &posts, &tallies, &payout, &rules).map_err(toml_error)?;
    let posts_path = out_dir.join("posts.csv");
    let curators_path = out_dir.join("curators.csv");
    write_outputs(&[
        (
            &posts_table,
            Destination::File {
                path: posts_path.clone(),
                force,
            },
        ),
        (
            &curators_table,
            Destination::File {
                path: curators_path.clone(),
                force,
            },
        ),
    ])?;
    Ok(summary(
        &file,
        &posts,
        &payout,
        &rules,
        &posts_path,
        &curators_path,
    ))
}

/// Whether `text` is a tribe block file: `kind = "tribe"` at the top level. Without `kind`
/// it is a Steem/Hive block file — unless it has the tribe tables `[pool]` or `[state]`,
/// which gets a message saying what is missing. Any other `kind` is an error.
fn is_tribe_block(text: &str) -> Result<bool, String> {
    let root = parse(text)?;
    let top = Table::new(text, &root, "top level")?;
    match top.get(KIND_KEY) {
        None => match ["pool", "state"].iter().find(|k| top.get(k).is_some()) {
            Some(table) => Err(format!(
                "line {}: [{table}] is a table of tribe block files; add kind = \"{KIND_TRIBE}\" at the top (a Steem/Hive block file has era and [fund] instead)",
                top.key_line(table).unwrap_or(1)
            )),
            None => Ok(false),
        },
        Some(_) => {
            let allowed = format!(
                "\"{KIND_TRIBE}\" (a Hive-Engine tribe pool); leave kind out for a Steem/Hive block file"
            );
            match top.string(KIND_KEY, &allowed)?.as_str() {
                KIND_TRIBE => Ok(true),
                other => Err(top.value_error(
                    KIND_KEY,
                    format!("{allowed}{}", did_you_mean(other, [KIND_TRIBE])),
                )),
            }
        }
    }
}

/// Casts every post's votes and builds the posts as they stand at cashout.
fn cast_all(
    file: &BlockFile,
    rules: &Rules,
) -> Result<(Vec<PostAtCashout>, Vec<VoteTally>), String> {
    let mut posts = Vec::new();
    let mut tallies = Vec::new();
    for post in &file.posts {
        let votes: Vec<CastVote> = post.votes.iter().map(|v| v.vote).collect();
        let tally = cast_votes(rules, &votes, post.allow_curation_rewards).map_err(|e| {
            format!(
                "post '{}', vote of '{}': the chain would reject it: {}",
                post.id, post.votes[e.index].voter, e.reason
            )
        })?;
        posts.push(at_cashout(post, &tally));
        tallies.push(tally);
    }
    Ok((posts, tallies))
}

fn at_cashout(post: &PostSpec, tally: &VoteTally) -> PostAtCashout {
    let votes: Vec<CastVote> = post.votes.iter().map(|v| v.vote).collect();
    PostAtCashout {
        beneficiaries: post.beneficiaries.clone(),
        percent_steem_dollars: post.percent_steem_dollars,
        max_accepted_payout: post.max_accepted_payout,
        allow_curation_rewards: post.allow_curation_rewards,
        reward_weight: post.reward_weight,
        ..PostAtCashout::from_tally(tally, post.votes.iter().map(|v| v.voter.clone()), &votes)
    }
}

fn tables(
    file: &BlockFile,
    posts: &[PostAtCashout],
    tallies: &[VoteTally],
    block: &BlockPayout,
    rules: &Rules,
) -> Result<(OutputTable, OutputTable), String> {
    let mut posts_table = OutputTable::new(&POST_COLUMNS);
    let mut curators_table = OutputTable::new(&CURATOR_COLUMNS);
    for (((spec, post), tally), paid) in file.posts.iter().zip(posts).zip(tallies).zip(&block.posts)
    {
        let claims = if post.net_rshares > 0 {
            evaluate_reward_curve(
                post.net_rshares as u128,
                rules.author_curve,
                rules.content_constant,
            )
            .map_err(|e| format!("post '{}': {e}", spec.id))?
        } else {
            0
        };
        let row = [
            spec.id.clone(),
            post.net_rshares.to_string(),
            tally.vote_rshares.to_string(),
            post.total_vote_weight.to_string(),
            claims.to_string(),
            paid.reward.to_string(),
            paid.curation_tokens_max.to_string(),
            paid.curators.paid.to_string(),
            paid.curators.unclaimed.to_string(),
            paid.author_tokens_gross.to_string(),
            paid.beneficiary_tokens_total.to_string(),
            paid.author_tokens_net.to_string(),
            paid.claimed_reward.to_string(),
            block.snapshot.recent_claims_after_decay.to_string(),
            block.snapshot.recent_claims.to_string(),
            block.fund_after.reward_balance.to_string(),
            paid.returned_to_fund.to_string(),
            paid.author.sbd.to_string(),
            paid.author.steem.to_string(),
            paid.author.vesting_steem.to_string(),
        ];
        posts_table.push(Vec::new(), row.to_vec());
        for claim in &paid.curators.claims {
            curators_table.push(
                Vec::new(),
                vec![
                    spec.id.clone(),
                    claim.vote.voter.clone(),
                    claim.vote.rshares.to_string(),
                    claim.vote.weight.to_string(),
                    claim.claim.to_string(),
                ],
            );
        }
    }
    Ok((posts_table, curators_table))
}

fn summary(
    file: &BlockFile,
    posts_due: &[PostAtCashout],
    block: &BlockPayout,
    rules: &Rules,
    posts: &Path,
    curators: &Path,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "era {} · reward_balance {} → {} milli-STEEM · recent_claims {} → {} (after decay {})",
        rules.era,
        file.fund.reward_balance,
        block.fund_after.reward_balance,
        file.fund.recent_claims,
        block.snapshot.recent_claims,
        block.snapshot.recent_claims_after_decay,
    );
    let _ = writeln!(
        out,
        "{:<16} {:>20} {:>14} {:>14} {:>14} {:>14} {:>14}",
        "post", "net_rshares", "reward", "curation_paid", "beneficiaries", "author_net", "to_fund"
    );
    for ((spec, post), paid) in file.posts.iter().zip(posts_due).zip(&block.posts) {
        let net = post.net_rshares;
        let _ = writeln!(
            out,
            "{:<16} {:>20} {:>14} {:>14} {:>14} {:>14} {:>14}",
            spec.id,
            net,
            paid.reward,
            paid.curators.paid,
            paid.beneficiary_tokens_total,
            paid.author_tokens_net,
            paid.returned_to_fund
        );
    }
    let _ = writeln!(
        out,
        "total claimed {} milli-STEEM; wrote {} and {}",
        block.steem_awarded,
        posts.display(),
        curators.display()
    );
    out
}
