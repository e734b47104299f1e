//! A post's state in one pool and one vote on it (`actions.comment` and `processVote` in
//! `contracts/comments.js`, lines 939–995 and 1026–1174), and a post's claims
//! (`calculateWeightRshares`, line 81).
//!
//! Per post: `voteRshareSum` R (net rshares, downvotes included) and
//! `votePositiveRshareSum` S (only positive changes). A new upvote with rshares r gets
//! curation weight F_b(S + r) − F_b(S), with F_b the contract's
//! `calculateCurationWeightRshares` ([`power_claims_of_decimal`]). A re-vote replaces the
//! voter's rshares and sets its curation weight to 0; downvotes, weight-0 votes and votes
//! of muted voters have weight 0. During the pool's bootstrap period an increase of R also
//! adds F_a(R_new) − F_a(R_old) to the pool's pending claims at once.

use ruint::aliases::U512;

use super::bignumber::to_u128;
use super::config::PoolConfig;
use super::pool::PoolState;
use super::voting_power::{VotingPower, MAX_WEIGHT};
use crate::mechanics::power_curve::{power_claims_of_decimal, PowerClaims};

/// One post's state in one pool (a row of the contract's `posts` table). Rshares are
/// 10^-10 rshares, times milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostState {
    /// `created`: the comment's block time.
    pub created: u64,
    /// `cashoutTime`: `created + cashoutWindowDays` days.
    pub cashout_time: u64,
    /// `voteRshareSum` R: net rshares (may be negative).
    pub vote_rshare_sum: i128,
    /// `votePositiveRshareSum` S: the sum of positive rshare changes.
    pub vote_positive_rshare_sum: u128,
}

impl PostState {
    /// A post entering the pool at `timestamp` ms (`actions.comment`, lines 972–981).
    pub fn new(config: &PoolConfig, timestamp: u64) -> PostState {
        PostState {
            created: timestamp,
            cashout_time: timestamp + config.cashout_window_ms(),
            vote_rshare_sum: 0,
            vote_positive_rshare_sum: 0,
        }
    }
}

/// The post's claims F_a(R) (`calculateWeightRshares`): 0 when R ≤ 0.
pub fn post_claims(config: &PoolConfig, post: &PostState) -> PowerClaims {
    claims_of(config, post.vote_rshare_sum)
}

fn claims_of(config: &PoolConfig, rshares: i128) -> PowerClaims {
    match u128::try_from(rshares) {
        Ok(r) => power_claims_of_decimal(r, config.params().post_reward_exponent),
        Err(_) => PowerClaims::from_units(U512::ZERO),
    }
}

/// F_b(S) in 10^-10 (`calculateCurationWeightRshares`). With b ≤ 1 it is at most
/// max(S, 1 rshare) (plus a double's rounding), so it fits u128.
pub fn curation_claims(config: &PoolConfig, positive_rshares: u128) -> u128 {
    to_u128(
        power_claims_of_decimal(positive_rshares, config.params().curation_reward_exponent).units(),
    )
}

/// One vote as the engine knows it before the contract processes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vote {
    /// The voter's stake in the pool's token (`stake` + `delegationsIn`), token units.
    pub stake: u128,
    /// Vote weight, basis points (−10000..=10000; `actions.vote` rejects others).
    pub weight: i32,
    /// The voter is muted in this pool (`setMute`): the vote casts 0 rshares and earns no
    /// curation, but still uses power.
    pub muted: bool,
    /// The voter's rshares from an earlier vote on this post, if any (a re-vote).
    pub previous_rshares: Option<i128>,
    /// Block time, milliseconds.
    pub timestamp: u64,
}

/// What one processed vote changed; the engine stores `rshares` and `curation_weight` as
/// the voter's vote on the post (replacing an earlier one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteOutcome {
    /// The vote's rshares (`vote.rshares`), 10^-10 rshares.
    pub rshares: i128,
    /// The vote's curation weight (`vote.curationWeight`), 10^-10.
    pub curation_weight: u128,
    /// Voting power used.
    pub used_power: u32,
    /// Downvoting power used.
    pub used_downvote_power: u32,
    /// Claims added to the pool's `pendingClaims` now (bootstrap period only).
    pub bootstrap_claims: PowerClaims,
}

/// Why a vote changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VoteIgnored {
    /// `actions.vote`: the weight is outside −10000..=10000 (the action fails).
    #[error("vote weight outside -10000..=10000")]
    WeightOutOfRange,
    /// `processVote`: the post's cashout time has passed (`cashoutTime < timestamp`); the
    /// voter's power is not touched.
    #[error("the post has cashed out")]
    CashoutPassed,
}

/// Processes `vote` on `post` (`processVote`, lines 1026–1174), updating the voter's
/// `power` (pass [`VotingPower::full`]`(timestamp)` for a voter's first vote in the
/// pool), the post's sums and, in the bootstrap period, the pool's pending claims.
///
/// In order: regenerate power and compute rshares and power used
/// ([`VotingPower::cast`]); for an upvote, curation weight = F_b(S + r) − F_b(S); a muted
/// voter's rshares and weight become 0; a re-vote's weight becomes 0 and its change is
/// r − previous; R += change; if the change is positive, S += change and, during the
/// bootstrap period, Q += F_a(R_new) − F_a(R_old).
pub fn process_vote(
    config: &PoolConfig,
    pool: &mut PoolState,
    post: &mut PostState,
    power: &mut VotingPower,
    vote: &Vote,
) -> Result<VoteOutcome, VoteIgnored> {
    if vote.weight.unsigned_abs() > MAX_WEIGHT {
        return Err(VoteIgnored::WeightOutOfRange);
    }
    if post.cashout_time < vote.timestamp {
        return Err(VoteIgnored::CashoutPassed);
    }
    let cast = power.cast(config, vote.stake, vote.weight, vote.timestamp);
    let mut rshares = cast.rshares;
    let mut curation_weight = 0;
    if vote.weight > 0 {
        let s = post.vote_positive_rshare_sum;
        let r = rshares as u128; // an upvote's rshares are ≥ 0
        curation_weight =
            curation_claims(config, s.saturating_add(r)).saturating_sub(curation_claims(config, s));
    }
    if vote.muted {
        rshares = 0;
        curation_weight = 0;
    }
    let change = match vote.previous_rshares {
        Some(previous) => {
            curation_weight = 0;
            rshares - previous
        }
        None => rshares,
    };
    let old_claims = post_claims(config, post);
    post.vote_rshare_sum += change;
    let mut bootstrap_claims = PowerClaims::from_units(U512::ZERO);
    if change > 0 {
        post.vote_positive_rshare_sum =
            post.vote_positive_rshare_sum.saturating_add(change as u128);
        if pool.in_bootstrap(config, vote.timestamp) {
            let new_claims = post_claims(config, post);
            // F_a is monotone, so new ≥ old; the saturation only guards the type.
            let added = new_claims.units().saturating_sub(old_claims.units());
            bootstrap_claims = PowerClaims::from_units(added);
            pool.pending_claims = PowerClaims::from_units(pool.pending_claims.units() + added);
        }
    }
    Ok(VoteOutcome {
        rshares,
        curation_weight,
        used_power: cast.used_power,
        used_downvote_power: cast.used_downvote_power,
        bootstrap_claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::power_curve::PowerExponent;
    use crate::mechanics::tribe_pool::config::{PoolConfigParams, DAY_MS};

    const R: i128 = 10_000_000_000; // one rshare

    fn config(post: u16, curation: u16) -> PoolConfig {
        PoolConfig::new(PoolConfigParams {
            token_precision: 0,
            post_reward_exponent: PowerExponent::from_hundredths(post).unwrap(),
            curation_reward_exponent: PowerExponent::from_hundredths(curation).unwrap(),
            ..PoolConfigParams::default()
        })
        .unwrap()
    }

    fn upvote(stake: u128, timestamp: u64) -> Vote {
        Vote {
            stake,
            weight: 10_000,
            muted: false,
            previous_rshares: None,
            timestamp,
        }
    }

    /// smt-and-tribes.md §3.3 worked example: b = 0.5, votes of 100 then 1000 rshares get
    /// weights √100 = 10 and √1100 − √100 = 23.1662479035 (each root truncated to 10
    /// decimals: √1100 = 33.16624790355399… → 33.1662479035).
    #[test]
    fn curation_weights_of_the_worked_example() {
        let cfg = config(100, 50);
        let mut pool = PoolState::new(&cfg, 0);
        let mut post = PostState::new(&cfg, 0);
        let t = 20 * DAY_MS; // after the bootstrap period; the post is irrelevant to it
        post.cashout_time = t;
        let mut first = VotingPower::full(t);
        let mut second = VotingPower::full(t);
        let a = process_vote(&cfg, &mut pool, &mut post, &mut first, &upvote(100, t)).unwrap();
        let b = process_vote(&cfg, &mut pool, &mut post, &mut second, &upvote(1_000, t)).unwrap();
        assert_eq!((a.rshares, b.rshares), (100 * R, 1_000 * R));
        assert_eq!(a.curation_weight, 100_000_000_000);
        assert_eq!(b.curation_weight, 331_662_479_035 - 100_000_000_000);
        assert_eq!(
            (post.vote_rshare_sum, post.vote_positive_rshare_sum),
            (1_100 * R, 1_100 * R as u128)
        );
        assert_eq!(b.bootstrap_claims.units(), U512::ZERO);
        assert_eq!(pool.pending_claims.units(), U512::ZERO);
        // Σ weights = F(S_final) exactly when nobody re-voted.
        assert_eq!(
            a.curation_weight + b.curation_weight,
            curation_claims(&cfg, 1_100 * R as u128)
        );
    }

    #[test]
    fn revotes_downvotes_and_mutes_earn_no_curation() {
        let cfg = config(100, 100);
        let mut pool = PoolState::new(&cfg, 0);
        let t = 20 * DAY_MS;
        let mut post = PostState::new(&cfg, t);
        let mut alice = VotingPower::full(t);
        let first =
            process_vote(&cfg, &mut pool, &mut post, &mut alice, &upvote(1_000, t)).unwrap();
        assert_eq!(first.curation_weight, 1_000 * R as u128);
        // Re-vote at 50% (power now 9800): rshares 490, change −510: R falls, S does not.
        let revote = Vote {
            weight: 5_000,
            previous_rshares: Some(first.rshares),
            ..upvote(1_000, t)
        };
        let second = process_vote(&cfg, &mut pool, &mut post, &mut alice, &revote).unwrap();
        assert_eq!((second.rshares, second.curation_weight), (490 * R, 0));
        assert_eq!(
            (post.vote_rshare_sum, post.vote_positive_rshare_sum),
            (490 * R, 1_000 * R as u128)
        );
        // A downvote: negative rshares, weight 0.
        let mut bob = VotingPower::full(t);
        let down = Vote {
            weight: -10_000,
            ..upvote(100, t)
        };
        let third = process_vote(&cfg, &mut pool, &mut post, &mut bob, &down).unwrap();
        assert_eq!((third.rshares, third.curation_weight), (-100 * R, 0));
        assert_eq!(post.vote_rshare_sum, 390 * R);
        // A muted voter spends power, casts nothing.
        let mut carol = VotingPower::full(t);
        let muted = Vote {
            muted: true,
            ..upvote(5_000, t)
        };
        let fourth = process_vote(&cfg, &mut pool, &mut post, &mut carol, &muted).unwrap();
        assert_eq!(
            (fourth.rshares, fourth.curation_weight, fourth.used_power),
            (0, 0, 200)
        );
        assert_eq!(carol.voting_power, 9_800);
        assert_eq!(post.vote_rshare_sum, 390 * R);
    }

    #[test]
    fn bootstrap_votes_add_claims_at_once() {
        let cfg = config(200, 50); // a = 2
        let mut pool = PoolState::new(&cfg, 0);
        let mut post = PostState::new(&cfg, 0);
        let mut v = VotingPower::full(0);
        let a = process_vote(&cfg, &mut pool, &mut post, &mut v, &upvote(3, 0)).unwrap();
        assert_eq!(a.bootstrap_claims.units(), U512::from(9 * R)); // 3²
        let mut w = VotingPower::full(0);
        let b = process_vote(&cfg, &mut pool, &mut post, &mut w, &upvote(2, 0)).unwrap();
        assert_eq!(b.bootstrap_claims.units(), U512::from(16 * R)); // 5² − 3²
        assert_eq!(pool.pending_claims.units(), U512::from(25 * R));
        // A downvote in the bootstrap period removes nothing from Q.
        let mut x = VotingPower::full(0);
        let down = Vote {
            weight: -10_000,
            ..upvote(1, 0)
        };
        let c = process_vote(&cfg, &mut pool, &mut post, &mut x, &down).unwrap();
        assert_eq!(c.bootstrap_claims.units(), U512::ZERO);
        assert_eq!(pool.pending_claims.units(), U512::from(25 * R));
        assert_eq!(post_claims(&cfg, &post).units(), U512::from(16 * R));
    }

    #[test]
    fn votes_after_cashout_or_out_of_range_are_ignored() {
        let cfg = config(100, 50);
        let mut pool = PoolState::new(&cfg, 0);
        let mut post = PostState::new(&cfg, 0);
        let mut v = VotingPower::full(0);
        let late = upvote(1, post.cashout_time + 1);
        assert_eq!(
            process_vote(&cfg, &mut pool, &mut post, &mut v, &late),
            Err(VoteIgnored::CashoutPassed)
        );
        let at_cashout = upvote(1, post.cashout_time);
        assert!(process_vote(&cfg, &mut pool, &mut post, &mut v, &at_cashout).is_ok());
        let heavy = Vote {
            weight: 10_001,
            ..upvote(1, 0)
        };
        assert_eq!(
            process_vote(&cfg, &mut pool, &mut post, &mut v, &heavy),
            Err(VoteIgnored::WeightOutOfRange)
        );
    }
}
