//! `rewardsim payout` for a tribe block file: one interval of a Hive-Engine tribe pool
//! (the `comments` contract), from the votes to every transfer.
//!
//! Role: casts each post's votes in order with [`process_vote`] (rshares and curation
//! weights as the contract stores them), runs one interval — [`PoolState::begin_interval`]
//! with the posts' claims, [`PoolState::pay_post`] for each post in file order,
//! [`PoolState::end_interval`] with the sum deducted — and writes `posts.csv` and
//! `payments.csv` from one row struct each ([`TribePostRow`], [`TribePaymentRow`]).
//!
//! Modelling choices, all documented in docs/calculators.md: every post of the file cashes
//! out in the interval that starts at `[state] last_reward_timestamp`; each vote's power is
//! the file's `voting_power` at the moment of the vote (no regeneration is applied), so vote
//! times do not matter; votes count as cast after the pool's bootstrap period, so
//! `pending_claims` must already hold any bootstrap claims; nobody is muted.
//!
//! Invariant: the whole file is validated and the interval computed before anything is
//! written; both files are checked before either is replaced. Token amounts are written
//! as exact decimals with the token's precision, rshares and claims with up to 10.

use std::fmt::Write as _;
use std::path::Path;

use ruint::aliases::U512;
use serde::Serialize;

use super::super::table::{write_outputs, Destination, OutputTable};
use super::super::CalcError;
use super::tribe_file::{TribeBlockFile, TribePostSpec};
use crate::mechanics::power_curve::PowerClaims;
use crate::mechanics::tribe_pool::{
    curation_claims, post_claims, process_vote, Beneficiary, CuratorVote, PaymentRole, PoolConfig,
    PoolState, PostPayout, PostPayoutInput, PostState, Vote, VotingPower,
};

/// One row of posts.csv: a post's sums and payout, and the interval it was paid in (the
/// same on every row). Token amounts in tokens with the pool's precision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TribePostRow {
    /// The post's id.
    pub id: String,
    /// The author.
    pub author: String,
    /// `voteRshareSum` R: net rshares, downvotes included.
    pub vote_rshare_sum: String,
    /// `votePositiveRshareSum` S: the sum of the upvotes' rshares.
    pub vote_positive_rshare_sum: String,
    /// The post's claims R^a (0 when R ≤ 0).
    pub claims: String,
    /// S^b: the curation weights' denominator.
    pub curation_weight_total: String,
    /// `postPendingToken`: what the pool pays for the post and deducts (0 if declined).
    pub deducted: String,
    /// `curatorPortion`: curators' share of `deducted`.
    pub curator_portion: String,
    /// `authorBenePortion`: the rest, for app tax, beneficiaries and author.
    pub author_bene_portion: String,
    /// Σ of the post's payments (liquid + staked).
    pub paid: String,
    /// Deducted but not paid (curation truncation dust).
    pub withheld: String,
    /// Paid beyond what was deducted (the app tax of a post without beneficiaries).
    pub overdrawn: String,
    /// `rewardPool` before the interval.
    pub reward_pool_before: String,
    /// Tokens minted into the pool this interval (after any reduction).
    pub minted: String,
    /// `intervalRewardPool`: the pool after minting, the payout numerator.
    pub interval_reward_pool: String,
    /// `intervalPendingClaims`: Q after decay and this window's claims, the denominator.
    pub interval_pending_claims: String,
    /// `rewardPool` after the interval's deductions.
    pub reward_pool_after: String,
}

/// One row of payments.csv: one transfer out of the contract, in the contract's order
/// (per post: curators in vote order, app tax, beneficiaries, author).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TribePaymentRow {
    /// The post paid for.
    pub post: String,
    /// The account paid.
    pub account: String,
    /// `curator`, `app_tax`, `beneficiary` or `author`.
    pub role: String,
    /// Tokens transferred liquid.
    pub liquid: String,
    /// Tokens staked to the account.
    pub staked: String,
    /// The vote's curation weight (curators only; empty otherwise).
    pub curation_weight: Option<String>,
}

/// One post after its votes: its state and each vote's curation weight.
struct CastPost {
    state: PostState,
    curation_weights: Vec<u128>,
}

/// The interval computed.
struct Interval {
    posts: Vec<CastPost>,
    payouts: Vec<PostPayout>,
    minted: u128,
    before: PoolState,
    after: PoolState,
    deducted: u128,
}

/// Pays the tribe block `file` (already parsed from `block`), writes posts.csv and
/// payments.csv into `out_dir` and returns the summary for standard output.
pub fn run(
    block: &Path,
    file: &TribeBlockFile,
    out_dir: &Path,
    force: bool,
) -> Result<String, CalcError> {
    let accounts = Accounts::of(file);
    let interval = pay_interval(file, &accounts).map_err(|message| CalcError::Toml {
        path: block.to_path_buf(),
        message,
    })?;
    let (post_rows, payment_rows) = rows(file, &accounts, &interval);
    let posts_path = out_dir.join("posts.csv");
    let payments_path = out_dir.join("payments.csv");
    write_outputs(&[
        (
            &OutputTable::from_rows(&post_rows),
            Destination::File {
                path: posts_path.clone(),
                force,
            },
        ),
        (
            &OutputTable::from_rows(&payment_rows),
            Destination::File {
                path: payments_path.clone(),
                force,
            },
        ),
    ])?;
    Ok(summary(
        file,
        &interval,
        &post_rows,
        &posts_path,
        &payments_path,
    ))
}

/// Account names ↔ the indices the mechanics pay.
struct Accounts {
    names: Vec<String>,
}

impl Accounts {
    fn of(file: &TribeBlockFile) -> Accounts {
        let mut names: Vec<String> = Vec::new();
        let mut add = |name: &str| {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        };
        if let Some(tax) = &file.app_tax {
            add(&tax.beneficiary);
        }
        for post in &file.posts {
            add(&post.author);
            post.votes.iter().for_each(|v| add(&v.voter));
            post.beneficiaries.iter().for_each(|b| add(&b.account));
        }
        Accounts { names }
    }

    fn index(&self, name: &str) -> u32 {
        self.names.iter().position(|n| n == name).unwrap_or(0) as u32
    }

    fn name(&self, index: u32) -> &str {
        &self.names[index as usize]
    }
}

/// Casts every vote, then runs the interval.
fn pay_interval(file: &TribeBlockFile, accounts: &Accounts) -> Result<Interval, String> {
    let config = &file.config;
    let state = &file.state;
    let window_start = state.last_reward_timestamp;
    let window_end = window_start + config.reward_interval_ms();
    // Votes go through a scratch pool: its bootstrap claims are dropped, because the
    // file's pending_claims already holds whatever the votes added to Q.
    let mut scratch = PoolState::new(config, 0);
    let mut posts = Vec::new();
    for spec in &file.posts {
        posts.push(cast_post(config, &mut scratch, spec, window_end)?);
    }
    let mut pool = PoolState {
        reward_pool: state.reward_pool,
        pending_claims: state.pending_claims,
        last_reward_timestamp: window_start,
        last_claim_decay_timestamp: window_start,
        last_reward_reduction_timestamp: state
            .last_reward_reduction_timestamp
            .unwrap_or(window_start),
        ..PoolState::new(config, 0)
    };
    let before = pool;
    let window_claims = posts.iter().fold(U512::ZERO, |sum, post| {
        sum + post_claims(config, &post.state).units()
    });
    let step = pool.begin_interval(config, PowerClaims::from_units(window_claims));
    let mut payouts = Vec::new();
    for (spec, post) in file.posts.iter().zip(&posts) {
        payouts.push(pay(config, &pool, file, accounts, spec, post));
    }
    let deducted: u128 = payouts.iter().map(|p| p.deducted).sum();
    if deducted > pool.reward_pool {
        // Impossible: every post's claims are in the window's claims, so Σ payouts ≤ pool.
        return Err(format!(
            "the posts would take {deducted} token units from a pool of {}",
            pool.reward_pool
        ));
    }
    pool.end_interval(step, deducted);
    Ok(Interval {
        posts,
        payouts,
        minted: step.minted,
        before,
        after: pool,
        deducted,
    })
}

fn cast_post(
    config: &PoolConfig,
    scratch: &mut PoolState,
    spec: &TribePostSpec,
    cashout_time: u64,
) -> Result<CastPost, String> {
    let mut state = PostState {
        created: cashout_time.saturating_sub(config.cashout_window_ms()),
        cashout_time,
        vote_rshare_sum: 0,
        vote_positive_rshare_sum: 0,
    };
    let mut curation_weights = Vec::new();
    for vote in &spec.votes {
        // The file gives the power at the vote: no time passes, nothing regenerates.
        let mut power = VotingPower {
            voting_power: vote.voting_power,
            downvoting_power: vote.voting_power,
            last_vote_timestamp: cashout_time,
        };
        let cast = Vote {
            stake: vote.stake,
            weight: vote.weight,
            muted: false,
            previous_rshares: None,
            timestamp: cashout_time,
        };
        let outcome =
            process_vote(config, scratch, &mut state, &mut power, &cast).map_err(|reason| {
                format!(
                    "post '{}', vote of '{}': the contract would ignore it: {reason}",
                    spec.id, vote.voter
                )
            })?;
        curation_weights.push(outcome.curation_weight);
    }
    Ok(CastPost {
        state,
        curation_weights,
    })
}

fn pay(
    config: &PoolConfig,
    pool: &PoolState,
    file: &TribeBlockFile,
    accounts: &Accounts,
    spec: &TribePostSpec,
    post: &CastPost,
) -> PostPayout {
    let votes: Vec<CuratorVote> = spec
        .votes
        .iter()
        .zip(&post.curation_weights)
        .map(|(vote, &curation_weight)| CuratorVote {
            voter: accounts.index(&vote.voter),
            curation_weight,
            muted: false,
        })
        .collect();
    let beneficiaries: Vec<Beneficiary> = spec
        .beneficiaries
        .iter()
        .map(|b| Beneficiary {
            account: accounts.index(&b.account),
            weight: b.weight,
            muted: false,
        })
        .collect();
    let app_tax_beneficiary = file.app_tax.as_ref().and_then(|tax| {
        let post_app = spec
            .app
            .as_deref()
            .map(|app| app.split('/').next().unwrap_or("").to_lowercase());
        (post_app.as_deref() != Some(tax.app.as_str())).then(|| accounts.index(&tax.beneficiary))
    });
    pool.pay_post(
        config,
        &post.state,
        &PostPayoutInput {
            author: accounts.index(&spec.author),
            author_muted: false,
            votes: &votes,
            beneficiaries: &beneficiaries,
            app_tax_beneficiary,
            declines_payout: spec.declines_payout,
            post_muted: false,
        },
    )
}

/// `units` token units as a decimal with exactly `precision` places ("1.500").
pub fn format_tokens(units: u128, precision: u32) -> String {
    if precision == 0 {
        return units.to_string();
    }
    let scale = 10u128.pow(precision);
    format!(
        "{}.{:0width$}",
        units / scale,
        units % scale,
        width = precision as usize
    )
}

/// A count of 10⁻¹⁰ (rshares, claims, weights) as a decimal without trailing zeros.
fn format_tenths_of_ten(units: i128) -> String {
    let magnitude = PowerClaims::from_units(U512::from(units.unsigned_abs())).to_string();
    if units < 0 {
        format!("-{magnitude}")
    } else {
        magnitude
    }
}

fn rows(
    file: &TribeBlockFile,
    accounts: &Accounts,
    interval: &Interval,
) -> (Vec<TribePostRow>, Vec<TribePaymentRow>) {
    let config = &file.config;
    let precision = config.params().token_precision;
    let tokens = |units: u128| format_tokens(units, precision);
    let mut post_rows = Vec::new();
    let mut payment_rows = Vec::new();
    for ((spec, post), payout) in file
        .posts
        .iter()
        .zip(&interval.posts)
        .zip(&interval.payouts)
    {
        post_rows.push(TribePostRow {
            id: spec.id.clone(),
            author: spec.author.clone(),
            vote_rshare_sum: format_tenths_of_ten(post.state.vote_rshare_sum),
            vote_positive_rshare_sum: format_tenths_of_ten(
                post.state.vote_positive_rshare_sum as i128,
            ),
            claims: payout.claims.to_string(),
            curation_weight_total: format_tenths_of_ten(curation_claims(
                config,
                post.state.vote_positive_rshare_sum,
            ) as i128),
            deducted: tokens(payout.deducted),
            curator_portion: tokens(payout.curator_portion),
            author_bene_portion: tokens(payout.author_bene_portion),
            paid: tokens(payout.paid()),
            withheld: tokens(payout.withheld),
            overdrawn: tokens(payout.overdrawn),
            reward_pool_before: tokens(interval.before.reward_pool),
            minted: tokens(interval.minted),
            interval_reward_pool: tokens(interval.after.interval_reward_pool),
            interval_pending_claims: interval.after.interval_pending_claims.to_string(),
            reward_pool_after: tokens(interval.after.reward_pool),
        });
        for payment in &payout.payments {
            let (role, curation_weight) = match payment.role {
                PaymentRole::Curator { vote } => (
                    "curator",
                    Some(format_tenths_of_ten(post.curation_weights[vote] as i128)),
                ),
                PaymentRole::AppTax => ("app_tax", None),
                PaymentRole::Beneficiary { .. } => ("beneficiary", None),
                PaymentRole::Author => ("author", None),
            };
            payment_rows.push(TribePaymentRow {
                post: spec.id.clone(),
                account: accounts.name(payment.account).to_string(),
                role: role.to_string(),
                liquid: tokens(payment.liquid),
                staked: tokens(payment.staked),
                curation_weight,
            });
        }
    }
    (post_rows, payment_rows)
}

fn summary(
    file: &TribeBlockFile,
    interval: &Interval,
    post_rows: &[TribePostRow],
    posts: &Path,
    payments: &Path,
) -> String {
    let precision = file.config.params().token_precision;
    let tokens = |units: u128| format_tokens(units, precision);
    let window_start = interval.before.last_reward_timestamp;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "tribe pool · interval [{window_start}, {}] ms · reward_pool {} + minted {} = {} → {} after paying · pending_claims {} → {}",
        window_start + file.config.reward_interval_ms(),
        tokens(interval.before.reward_pool),
        tokens(interval.minted),
        tokens(interval.after.interval_reward_pool),
        tokens(interval.after.reward_pool),
        interval.before.pending_claims,
        interval.after.interval_pending_claims,
    );
    let _ = writeln!(
        out,
        "{:<16} {:>22} {:>16} {:>16} {:>16} {:>14} {:>12}",
        "post", "claims", "deducted", "curators", "author_side", "withheld", "overdrawn"
    );
    for row in post_rows {
        let _ = writeln!(
            out,
            "{:<16} {:>22} {:>16} {:>16} {:>16} {:>14} {:>12}",
            row.id,
            row.claims,
            row.deducted,
            row.curator_portion,
            row.author_bene_portion,
            row.withheld,
            row.overdrawn
        );
    }
    let _ = writeln!(
        out,
        "total deducted {} tokens; wrote {} and {}",
        tokens(interval.deducted),
        posts.display(),
        payments.display()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_exactly_the_precision() {
        assert_eq!(format_tokens(1_500, 3), "1.500");
        assert_eq!(format_tokens(7, 3), "0.007");
        assert_eq!(format_tokens(42, 0), "42");
        assert_eq!(format_tokens(1, 8), "0.00000001");
    }

    #[test]
    fn rshares_drop_trailing_zeros_and_keep_the_sign() {
        assert_eq!(format_tenths_of_ten(1_000_000_000_000), "100");
        assert_eq!(format_tenths_of_ten(-15_000_000_000), "-1.5");
        assert_eq!(format_tenths_of_ten(231_662_479_035), "23.1662479035");
        assert_eq!(format_tenths_of_ten(0), "0");
    }
}
