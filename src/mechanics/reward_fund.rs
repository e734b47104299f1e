//! The "post" reward fund: recent_claims decay, the per-block snapshot, and a post's share.
//!
//! Role: mirrors the fund handling of `database::process_comment_cashout` (Steem
//! `database.cpp`, Hive `database_comment.cpp`) and `util::get_rshare_reward` with
//! `util::is_comment_payout_dust` (`chain/util/reward.cpp`, `reward.hpp`).
//!
//! Invariant: every post due in a block is paid against the same snapshot — recent_claims
//! after decay plus the claims of every due post, and the reward balance before any
//! payment — and the balance is decremented once, by the sum of claimed rewards
//! ([`settle_block`]). u128 arithmetic wraps as the chain's does; the post reward is
//! computed with 256-bit intermediates; every chain assert is an error here.

use ruint::aliases::U256;

use super::constants::STEEM_100_PERCENT;
use super::curve::{evaluate_reward_curve, DivisionByZero};
use super::era::Rules;
use super::price::{as_chain_amount, ConversionOverflow, Price};

/// The reward fund's state between blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RewardFund {
    /// STEEM available to pay posts, milli-STEEM (`reward_balance`).
    pub reward_balance: i64,
    /// Decaying sum of the claims of recent payouts, claims (`recent_claims`, u128).
    pub recent_claims: u128,
}

/// recent_claims after `elapsed_seconds` of linear decay:
/// recent_claims − ⌊recent_claims · elapsed / decay_time⌋ (u128, wrapping as on chain).
/// With Hive's reset, more than the decay time since the last update gives 0.
/// Fails only for a decay time of 0, where the chain would divide by zero.
pub fn decay_recent_claims(
    recent_claims: u128,
    elapsed_seconds: u32,
    rules: &Rules,
) -> Result<u128, DivisionByZero> {
    let decay = u128::from(rules.recent_claims_decay_seconds);
    let elapsed = u128::from(elapsed_seconds);
    if rules.reset_recent_claims_after_decay_time && elapsed > decay {
        return Ok(0);
    }
    let decayed = recent_claims
        .wrapping_mul(elapsed)
        .checked_div(decay)
        .ok_or(DivisionByZero)?;
    Ok(recent_claims.wrapping_sub(decayed))
}

/// The fund as every post of one block is paid against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockSnapshot {
    /// recent_claims after the decay, before this block's claims, claims.
    pub recent_claims_after_decay: u128,
    /// recent_claims after adding the claims of every post due in the block, claims.
    pub recent_claims: u128,
    /// The reward balance before any payment of the block, milli-STEEM.
    pub reward_balance: i64,
}

/// Decays the fund by `elapsed_seconds` and adds the author-curve claims of every due post
/// with positive net rshares (`due_net_rshares`, rshares) — the first two passes of
/// `process_comment_cashout` (HF17 `__771`).
pub fn snapshot_block(
    fund: &RewardFund,
    elapsed_seconds: u32,
    due_net_rshares: &[i64],
    rules: &Rules,
) -> Result<BlockSnapshot, DivisionByZero> {
    snapshot_block_of(
        fund,
        elapsed_seconds,
        due_net_rshares.iter().copied(),
        rules,
    )
}

/// [`snapshot_block`] with the due posts' net rshares (rshares) from an iterator.
pub fn snapshot_block_of(
    fund: &RewardFund,
    elapsed_seconds: u32,
    due_net_rshares: impl IntoIterator<Item = i64>,
    rules: &Rules,
) -> Result<BlockSnapshot, DivisionByZero> {
    let after_decay = decay_recent_claims(fund.recent_claims, elapsed_seconds, rules)?;
    let mut recent_claims = after_decay;
    for net_rshares in due_net_rshares {
        if net_rshares > 0 {
            let claims = evaluate_reward_curve(
                net_rshares as u128,
                rules.author_curve,
                rules.content_constant,
            )?;
            recent_claims = recent_claims.wrapping_add(claims);
        }
    }
    Ok(BlockSnapshot {
        recent_claims_after_decay: after_decay,
        recent_claims,
        reward_balance: fund.reward_balance,
    })
}

/// The fund after the block: recent_claims as in the snapshot, the balance less
/// `steem_awarded` (Σ claimed rewards of the block, milli-STEEM).
pub fn settle_block(
    snapshot: &BlockSnapshot,
    steem_awarded: i64,
) -> Result<RewardFund, RewardError> {
    let reward_balance = snapshot
        .reward_balance
        .checked_sub(steem_awarded)
        .ok_or(RewardError::Int64Overflow("reward_balance - steem_awarded"))?;
    Ok(RewardFund {
        reward_balance,
        recent_claims: snapshot.recent_claims,
    })
}

/// What `get_rshare_reward` reads (`comment_reward_context`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RshareRewardContext {
    /// The post's net rshares (must be > 0), rshares.
    pub net_rshares: i64,
    /// The post's reward weight, basis points (10000 for every HF17+ post).
    pub reward_weight: u16,
    /// The post's `max_accepted_payout`, milli-SBD (≥ 0).
    pub max_accepted_payout: i64,
    /// The block snapshot's recent_claims, claims.
    pub recent_claims: u128,
    /// The block snapshot's reward balance, milli-STEEM (≥ 0).
    pub reward_balance: i64,
    /// The median feed price.
    pub price: Price,
}

/// Where `get_rshare_reward` (or the block bookkeeping) would assert.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RewardError {
    /// `FC_ASSERT( ctx.rshares > 0 )`.
    #[error("net_rshares must be > 0 to be paid")]
    NoRshares,
    /// `FC_ASSERT( ctx.total_reward_shares2 > 0 )`.
    #[error("recent_claims is 0 after adding the block's claims, so no post can be paid (the chain asserts recent_claims > 0); give the fund a positive recent_claims")]
    ZeroRecentClaims,
    /// A negative balance or cap, which the chain never holds.
    #[error("{0} is negative; it must be ≥ 0")]
    Negative(&'static str),
    /// The payout does not fit in int64 (`payout_u256 <= int64 max` asserts).
    #[error("the post's payout {0} milli-STEEM exceeds 2^63-1 (the chain asserts)")]
    PayoutTooLarge(U256),
    /// Hive compares assets signed: a cap past 2^63−1 milli-STEEM wraps negative there.
    #[error("max_accepted_payout converts to {0} milli-HIVE, past 2^63-1, which Hive's int64 asset amount cannot hold")]
    CapTooLarge(u64),
    /// An int64 sum or difference overflows (the chain's `safe<int64>` throws).
    #[error("{0} overflows int64 (the chain's `safe<int64>` throws)")]
    Int64Overflow(&'static str),
    /// The author curve divides by zero.
    #[error("{0}")]
    Curve(#[from] DivisionByZero),
    /// A price conversion asserts.
    #[error("{0}")]
    Conversion(#[from] ConversionOverflow),
}

/// Whether a payout of `steem_payout` milli-STEEM is dust: worth less than
/// `rules.min_payout_sbd` at `price` (`util::is_comment_payout_dust`; the SBD value is
/// compared as the chain's int64 asset amount).
pub fn is_comment_payout_dust(
    price: &Price,
    steem_payout: u64,
    rules: &Rules,
) -> Result<bool, ConversionOverflow> {
    Ok(as_chain_amount(price.to_sbd(steem_payout)?) < rules.min_payout_sbd)
}

/// ⌊a · b / c⌋ with a 256-bit product, computed in 128 bits when the product fits (same
/// result). `c` must be > 0.
fn mul_div_u256(a: u128, b: u128, c: u128) -> U256 {
    match a.checked_mul(b) {
        Some(product) => U256::from(product / c),
        None => U256::from(a) * U256::from(b) / U256::from(c),
    }
}

/// The post's reward in milli-STEEM (`util::get_rshare_reward`):
/// claims = ⌊curve(net_rshares) · reward_weight / 10000⌋, payout =
/// ⌊reward_balance · claims / recent_claims⌋ (u256), 0 if dust, capped at
/// max_accepted_payout converted to STEEM.
pub fn get_rshare_reward(ctx: &RshareRewardContext, rules: &Rules) -> Result<u64, RewardError> {
    if ctx.net_rshares <= 0 {
        return Err(RewardError::NoRshares);
    }
    if ctx.recent_claims == 0 {
        return Err(RewardError::ZeroRecentClaims);
    }
    let reward_balance =
        u64::try_from(ctx.reward_balance).map_err(|_| RewardError::Negative("reward_balance"))?;
    let max_sbd = u64::try_from(ctx.max_accepted_payout)
        .map_err(|_| RewardError::Negative("max_accepted_payout"))?;
    let curve_claims = evaluate_reward_curve(
        ctx.net_rshares as u128,
        rules.author_curve,
        rules.content_constant,
    )?;
    let claims = mul_div_u256(
        curve_claims,
        u128::from(ctx.reward_weight),
        u128::from(STEEM_100_PERCENT),
    );
    let payout_u256 = match u128::try_from(claims) {
        Ok(claims) => mul_div_u256(u128::from(reward_balance), claims, ctx.recent_claims),
        Err(_) => U256::from(reward_balance) * claims / U256::from(ctx.recent_claims),
    };
    let payout = u64::try_from(payout_u256)
        .ok()
        .filter(|p| *p <= i64::MAX as u64)
        .ok_or(RewardError::PayoutTooLarge(payout_u256))?;
    let payout = if is_comment_payout_dust(&ctx.price, payout, rules)? {
        0
    } else {
        payout
    };
    let max_steem = ctx.price.to_steem(max_sbd)?;
    if rules.era.is_hive() && max_steem > i64::MAX as u64 {
        return Err(RewardError::CapTooLarge(max_steem));
    }
    Ok(payout.min(max_steem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::constants::STEEM_HF21_CONVERGENT_LINEAR_RECENT_CLAIMS;
    use crate::mechanics::era::Era;
    use proptest::prelude::*;

    #[test]
    fn decay_table() {
        let hf17 = Rules::for_era(Era::SteemHf17); // 30 days
        let hf19 = Rules::for_era(Era::SteemHf19); // 15 days = 1 296 000 s
        let hive = Rules::for_era(Era::HiveHf25); // 15 days, reset after
        let rc = 1_296_000_000u128;
        let cases: &[(&Rules, u128, u32, u128)] = &[
            (&hf19, rc, 3, rc - 3_000),
            (&hf17, rc, 3, rc - 1_500),
            (&hf19, rc, 0, rc),
            (&hf19, 999, 3, 999), // ⌊999·3/1296000⌋ = 0
            (&hive, rc, 1_296_000, 0),
            (&hive, rc, 1_296_001, 0),
            // Steem has no reset: past the decay time the u128 subtraction wraps.
            (&hf19, rc, 1_296_001, 0u128.wrapping_sub(1_000)),
        ];
        for &(rules, rc, elapsed, want) in cases {
            assert_eq!(
                decay_recent_claims(rc, elapsed, rules),
                Ok(want),
                "{} {rc} {elapsed}",
                rules.era
            );
        }
    }

    #[test]
    fn snapshot_adds_claims_of_positive_posts_only() {
        let rules = Rules::for_era(Era::SteemHf21);
        let fund = RewardFund {
            reward_balance: 5,
            recent_claims: STEEM_HF21_CONVERGENT_LINEAR_RECENT_CLAIMS,
        };
        let s = 2_000_000_000_000i64;
        // convergent_linear(s) = ((2s)² − s²) / 5s = 3s/5.
        let snap = snapshot_block(&fund, 0, &[s, -5, 0], &rules).unwrap();
        assert_eq!(
            snap.recent_claims_after_decay,
            STEEM_HF21_CONVERGENT_LINEAR_RECENT_CLAIMS
        );
        assert_eq!(
            snap.recent_claims,
            STEEM_HF21_CONVERGENT_LINEAR_RECENT_CLAIMS + 1_200_000_000_000
        );
        assert_eq!(snap.reward_balance, 5);
        let after = settle_block(&snap, 3).unwrap();
        assert_eq!(after.reward_balance, 2);
        assert_eq!(after.recent_claims, snap.recent_claims);
    }

    fn ctx(net: i64, rc: u128, balance: i64, price: Price) -> RshareRewardContext {
        RshareRewardContext {
            net_rshares: net,
            reward_weight: 10_000,
            max_accepted_payout: 1_000_000_000,
            recent_claims: rc,
            reward_balance: balance,
            price,
        }
    }

    #[test]
    fn rshare_reward_table() {
        let linear = Rules::for_era(Era::SteemHf19);
        let quarter = Price::new(250, 1_000).unwrap();
        let half_weight = RshareRewardContext {
            reward_weight: 5_000,
            ..ctx(1_000, 10_000, 1_000_000, quarter)
        };
        let capped = RshareRewardContext {
            max_accepted_payout: 1_000,
            ..ctx(1_000, 10_000, 1_000_000, quarter)
        };
        let declined = RshareRewardContext {
            max_accepted_payout: 0,
            ..ctx(1_000, 10_000, 1_000_000, quarter)
        };
        let cases: &[(RshareRewardContext, u64)] = &[
            (ctx(1_000, 10_000, 1_000_000, quarter), 100_000),
            (half_weight, 50_000),
            // 1.000 SBD cap at 0.25 SBD/STEEM = 4.000 STEEM.
            (capped, 4_000),
            (declined, 0),
            // 79 milli-STEEM is 19 milli-SBD at 0.25: dust. At par 19 is dust, 20 is not.
            (ctx(1_000, 1_000, 79, quarter), 0),
            (ctx(1_000, 1_000, 79, Price::PAR), 79),
            (ctx(19, 1_000, 1_000, Price::PAR), 0),
            (ctx(20, 1_000, 1_000, Price::PAR), 20),
            // ⌊1 000 000 · 1 / 3⌋.
            (ctx(1, 3, 1_000_000, Price::PAR), 333_333),
        ];
        for (i, (c, want)) in cases.iter().enumerate() {
            assert_eq!(get_rshare_reward(c, &linear), Ok(*want), "case {i}");
        }
    }

    #[test]
    fn rshare_reward_asserts() {
        let linear = Rules::for_era(Era::SteemHf19);
        let hive = Rules::for_era(Era::HiveHf25);
        assert_eq!(
            get_rshare_reward(&ctx(0, 1, 1, Price::PAR), &linear),
            Err(RewardError::NoRshares)
        );
        assert_eq!(
            get_rshare_reward(&ctx(1, 0, 1, Price::PAR), &linear),
            Err(RewardError::ZeroRecentClaims)
        );
        assert!(matches!(
            get_rshare_reward(&ctx(2, 1, i64::MAX, Price::PAR), &linear),
            Err(RewardError::PayoutTooLarge(_))
        ));
        assert_eq!(
            get_rshare_reward(&ctx(1, 1, i64::MAX, Price::PAR), &linear),
            Ok(1_000_000_000)
        );
        let cheap = Price::new(1, 1_000).unwrap();
        let huge_cap = RshareRewardContext {
            max_accepted_payout: i64::MAX / 600,
            ..ctx(1, 1, 1_000_000, cheap)
        };
        assert!(matches!(
            get_rshare_reward(&huge_cap, &hive),
            Err(RewardError::CapTooLarge(_))
        ));
        assert_eq!(get_rshare_reward(&huge_cap, &linear), Ok(1_000_000));
    }

    proptest! {
        #[test]
        fn mul_div_in_128_bits_equals_the_256_bit_product(
            a in any::<u128>(),
            b in any::<u128>(),
            c in 1u128..=u128::MAX,
            shift in 0u32..128,
        ) {
            for (a, b, c) in [(a, b, c), (a >> shift, b >> (127 - shift), c), (a >> 64, b >> 80, c >> shift | 1)] {
                let want = U256::from(a) * U256::from(b) / U256::from(c);
                prop_assert_eq!(mul_div_u256(a, b, c), want);
            }
        }

        #[test]
        fn never_panics_and_never_pays_more_than_the_balance(
            era in prop::sample::select(Era::ALL.to_vec()),
            net in any::<i64>(),
            rc in any::<u128>(),
            balance in any::<i64>(),
            weight in any::<u16>(),
            cap in any::<i64>(),
            base in 1i64..1_000_000,
            quote in 1i64..1_000_000,
            elapsed in any::<u32>(),
        ) {
            let rules = Rules::for_era(era);
            let _ = decay_recent_claims(rc, elapsed, &rules);
            let context = RshareRewardContext {
                net_rshares: net,
                reward_weight: weight.min(10_000),
                max_accepted_payout: cap,
                recent_claims: rc,
                reward_balance: balance,
                price: Price::new(base, quote).unwrap(),
            };
            if let Ok(snap) = snapshot_block(&RewardFund { reward_balance: balance, recent_claims: rc }, 0, &[net], &rules) {
                let paid_against_snapshot = RshareRewardContext { recent_claims: snap.recent_claims, ..context };
                // The post's own claims are in the snapshot, so unless the u128 sum wrapped
                // it can take at most the whole balance.
                if let (Ok(payout), false) = (get_rshare_reward(&paid_against_snapshot, &rules), snap.recent_claims < rc) {
                    prop_assert!(payout <= balance as u64);
                    let after = settle_block(&snap, payout as i64).unwrap();
                    prop_assert!(after.reward_balance >= 0);
                }
            }
            let _ = get_rshare_reward(&context, &rules);
        }
    }
}
