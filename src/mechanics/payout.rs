//! Paying one post at cashout (`database::cashout_comment_helper`) and its parts:
//! curators ([`curators`]), beneficiaries, the author's SBD/STEEM/vesting mix
//! (`database::create_sbd`), and a whole block ([`block`]).
//!
//! Every "SBD" stands for SBD (Steem) or HBD (Hive), every "STEEM" for STEEM or HIVE. Vested
//! amounts are reported in milli-STEEM before conversion to VESTS (which needs the vesting
//! fund's share price, outside the reward mechanics).
//!
//! Invariant, for every post: author_tokens_net + curation paid + Σ beneficiary tokens +
//! returned_to_fund = reward, exactly; curation paid ≤ the curation share; and each
//! recipient's parts (STEEM converted to SBD + liquid STEEM + vested STEEM) add up to its
//! tokens. Arithmetic is the chain's: int64 amounts whose overflow throws, u128 products.

pub mod block;
pub mod curators;
pub mod mix;

pub use block::{process_comment_cashout, BlockCashout, BlockPayout, PostAtCashout, PostTerms};
pub use curators::{
    pay_curators, pay_curators_into, CuratorClaim, CuratorVote, CuratorsPayout, PaidCurator,
};
pub use mix::{
    create_sbd, is_treasury, Market, RewardParts, HIVE_TREASURY_ACCOUNT, STEEM_TREASURY_ACCOUNT,
};

use super::constants::STEEM_100_PERCENT;
use super::era::Rules;
use super::fast_div;
use super::price::ConversionOverflow;
use super::reward_fund::{get_rshare_reward, BlockSnapshot, RewardError, RshareRewardContext};
use mix::{beneficiary_parts, sbd_and_vesting};

/// A post's beneficiary route (`beneficiary_route_type`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Beneficiary {
    /// The beneficiary's account name.
    pub account: String,
    /// Share of the author tokens, basis points.
    pub weight: u16,
}

/// One beneficiary's payout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeneficiaryPayout {
    /// The route.
    pub beneficiary: Beneficiary,
    /// ⌊author_tokens · weight / 10000⌋, milli-STEEM.
    pub tokens: i64,
    /// How they are paid.
    pub parts: RewardParts,
}

/// Everything one post's cashout pays, milli-STEEM unless noted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentPayout<V = String> {
    /// The post's reward from the fund (`get_rshare_reward`); 0 for net_rshares ≤ 0.
    pub reward: i64,
    /// ⌊reward · percent_curation_rewards / 10000⌋: the curators' share before flooring.
    pub curation_tokens_max: i64,
    /// The curators' payout (paid and unclaimed).
    pub curators: CuratorsPayout<V>,
    /// Author tokens before beneficiaries (pre-HF20 including the unclaimed curation).
    pub author_tokens_gross: i64,
    /// The beneficiaries in listed order.
    pub beneficiaries: Vec<BeneficiaryPayout>,
    /// Σ beneficiary tokens.
    pub beneficiary_tokens_total: i64,
    /// What the author keeps: gross − beneficiaries.
    pub author_tokens_net: i64,
    /// How the author is paid.
    pub author: RewardParts,
    /// author_tokens_gross + curation paid: what leaves the fund (`claimed_reward`).
    pub claimed_reward: i64,
    /// reward − claimed_reward: what stays in the fund (unclaimed curation from HF20, the
    /// whole curation share when curation rewards are not allowed).
    pub returned_to_fund: i64,
}

impl<V> Default for CommentPayout<V> {
    fn default() -> Self {
        CommentPayout {
            reward: 0,
            curation_tokens_max: 0,
            curators: CuratorsPayout::default(),
            author_tokens_gross: 0,
            beneficiaries: Vec::new(),
            beneficiary_tokens_total: 0,
            author_tokens_net: 0,
            author: RewardParts::default(),
            claimed_reward: 0,
            returned_to_fund: 0,
        }
    }
}

/// Where the chain's cashout would throw.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayoutError {
    /// The post reward itself cannot be computed.
    #[error("{0}")]
    Reward(#[from] RewardError),
    /// An int64 product, sum or difference overflows (the chain's `safe<int64>` throws).
    #[error("{0} overflows int64 (the chain's `safe<int64>` throws)")]
    Int64Overflow(&'static str),
    /// A curator's claim does not fit in int64 (the chain asserts).
    #[error("the curation claim of {voter} is {claim}, past 2^63-1 (the chain asserts)")]
    ClaimTooLarge {
        /// The voter.
        voter: String,
        /// The claim, milli-STEEM.
        claim: u128,
    },
    /// An amount that must be ≥ 0 is negative.
    #[error("{0} is negative")]
    Negative(&'static str),
    /// An SBD amount past 2^63−1 milli-SBD.
    #[error("an SBD payout of {0} milli-SBD exceeds 2^63-1")]
    SbdTooLarge(u64),
    /// A price conversion asserts.
    #[error("{0}")]
    Conversion(#[from] ConversionOverflow),
}

pub(crate) fn mul_div(
    amount: i64,
    times: i64,
    over: i64,
    what: &'static str,
) -> Result<i64, PayoutError> {
    amount
        .checked_mul(times)
        .map(|product| product / over)
        .ok_or(PayoutError::Int64Overflow(what))
}

pub(crate) fn sub(a: i64, b: i64, what: &'static str) -> Result<i64, PayoutError> {
    a.checked_sub(b).ok_or(PayoutError::Int64Overflow(what))
}

/// One post's payout amounts, milli-STEEM unless noted: a [`CommentPayout`] without its
/// per-vote and per-beneficiary detail (what [`cashout_post`] returns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PostPayout {
    /// The post's reward from the fund; 0 for net_rshares ≤ 0 or a dust payout.
    pub reward: i64,
    /// The curators' share before flooring.
    pub curation_tokens_max: i64,
    /// Σ curator claims.
    pub curators_paid: i64,
    /// curation_tokens_max − curators_paid (0 when curation rewards are not allowed).
    pub curators_unclaimed: i64,
    /// Author tokens before beneficiaries.
    pub author_tokens_gross: i64,
    /// Σ beneficiary tokens.
    pub beneficiary_tokens_total: i64,
    /// What the author keeps.
    pub author_tokens_net: i64,
    /// How the author is paid.
    pub author: RewardParts,
    /// What leaves the fund (`claimed_reward`).
    pub claimed_reward: i64,
    /// What stays in the fund.
    pub returned_to_fund: i64,
}

/// The post's reward and the curators' share before flooring (reward, curation_tokens),
/// milli-STEEM; `None` when nothing is paid (net_rshares ≤ 0, or a reward of 0).
fn reward_and_curation_share(
    post: &PostTerms<'_>,
    snapshot: &BlockSnapshot,
    market: &Market,
    rules: &Rules,
) -> Result<Option<(i64, i64)>, PayoutError> {
    if post.net_rshares <= 0 {
        return Ok(None);
    }
    let context = RshareRewardContext {
        net_rshares: post.net_rshares,
        reward_weight: post.reward_weight,
        max_accepted_payout: post.max_accepted_payout,
        recent_claims: snapshot.recent_claims,
        reward_balance: snapshot.reward_balance,
        price: market.price,
    };
    let reward = get_rshare_reward(&context, rules)?;
    if reward == 0 {
        return Ok(None);
    }
    // get_rshare_reward never returns more than 2^63 − 1.
    let reward = reward as i64;
    let curation_max = curation_share(reward as u64, rules.percent_curation_rewards);
    let curation_max =
        i64::try_from(curation_max).map_err(|_| PayoutError::Int64Overflow("curation_tokens"))?;
    Ok(Some((reward, curation_max)))
}

/// The curators' share ⌊reward·percent/10000⌋ of the u128 product, milli-STEEM.
fn curation_share(reward: u64, percent_curation_rewards: u16) -> u128 {
    // percent < 2^16 and the constant divisor 10000: mul_div divides only in u64.
    fast_div::mul_div(
        reward,
        u64::from(percent_curation_rewards),
        u64::from(STEEM_100_PERCENT),
    )
}

/// Everything after the curators are paid: author tokens, beneficiaries (pushed to
/// `beneficiaries` in listed order), the author's mix and what returns to the fund.
#[allow(clippy::too_many_arguments)]
fn pay_author_and_beneficiaries(
    reward: i64,
    curation_max: i64,
    (curators_paid, curators_unclaimed): (i64, i64),
    post: &PostTerms<'_>,
    market: &Market,
    rules: &Rules,
    beneficiaries: &mut Vec<BeneficiaryPayout>,
) -> Result<PostPayout, PayoutError> {
    let mut author_tokens = sub(reward, curation_max, "author_tokens")?;
    if rules.unclaimed_curation_to_author {
        author_tokens =
            author_tokens
                .checked_add(curators_unclaimed)
                .ok_or(PayoutError::Int64Overflow(
                    "author_tokens + curation remainder",
                ))?;
    }
    let claimed_reward = author_tokens
        .checked_add(curators_paid)
        .ok_or(PayoutError::Int64Overflow("claimed_reward"))?;
    let mut beneficiary_total = 0i64;
    for route in post.beneficiaries {
        let tokens = mul_div(
            author_tokens,
            i64::from(route.weight),
            i64::from(STEEM_100_PERCENT as u16),
            "author_tokens × beneficiary weight",
        )?;
        let parts = beneficiary_parts(
            &route.account,
            tokens,
            post.percent_steem_dollars,
            market,
            rules,
        )?;
        beneficiary_total = beneficiary_total
            .checked_add(tokens)
            .ok_or(PayoutError::Int64Overflow("total beneficiary tokens"))?;
        beneficiaries.push(BeneficiaryPayout {
            beneficiary: route.clone(),
            tokens,
            parts,
        });
    }
    let author_net = sub(
        author_tokens,
        beneficiary_total,
        "author_tokens - beneficiaries",
    )?;
    Ok(PostPayout {
        reward,
        curation_tokens_max: curation_max,
        curators_paid,
        curators_unclaimed,
        author_tokens_gross: author_tokens,
        beneficiary_tokens_total: beneficiary_total,
        author_tokens_net: author_net,
        author: sbd_and_vesting(author_net, post.percent_steem_dollars, market)?,
        claimed_reward,
        returned_to_fund: sub(reward, claimed_reward, "returned to fund")?,
    })
}

/// Pays one post due in the block whose fund state is `snapshot`
/// (`database::cashout_comment_helper`, HF17+).
pub fn cashout_comment<V: Clone + Ord + std::fmt::Display>(
    post: &PostAtCashout<V>,
    snapshot: &BlockSnapshot,
    market: &Market,
    rules: &Rules,
) -> Result<CommentPayout<V>, PayoutError> {
    let terms = post.terms();
    let Some((reward, curation_max)) = reward_and_curation_share(&terms, snapshot, market, rules)?
    else {
        return Ok(CommentPayout {
            curators: CuratorsPayout {
                claims: curators::payment_order(&post.votes),
                ..CuratorsPayout::default()
            },
            ..CommentPayout::default()
        });
    };
    let curators = pay_curators(
        curation_max,
        post.total_vote_weight,
        &post.votes,
        post.allow_curation_rewards,
    )?;
    let mut beneficiaries = Vec::with_capacity(post.beneficiaries.len());
    let amounts = pay_author_and_beneficiaries(
        reward,
        curation_max,
        (curators.paid, curators.unclaimed),
        &terms,
        market,
        rules,
        &mut beneficiaries,
    )?;
    Ok(CommentPayout {
        reward,
        curation_tokens_max: curation_max,
        curators,
        author_tokens_gross: amounts.author_tokens_gross,
        beneficiaries,
        beneficiary_tokens_total: amounts.beneficiary_tokens_total,
        author_tokens_net: amounts.author_tokens_net,
        author: amounts.author,
        claimed_reward: amounts.claimed_reward,
        returned_to_fund: amounts.returned_to_fund,
    })
}

/// [`cashout_comment`] without copying the votes or allocating: `votes` yields (voter,
/// stored weight) per vote; `curators` is cleared and receives the curators with a
/// positive claim in payment order, `beneficiaries` is cleared and receives the
/// beneficiary payouts in listed order. The amounts equal [`cashout_comment`]'s.
pub fn cashout_post<V: Copy + Ord + std::fmt::Display>(
    post: &PostTerms<'_>,
    votes: impl IntoIterator<Item = (V, u64)>,
    snapshot: &BlockSnapshot,
    market: &Market,
    rules: &Rules,
    curators: &mut Vec<PaidCurator<V>>,
    beneficiaries: &mut Vec<BeneficiaryPayout>,
) -> Result<PostPayout, PayoutError> {
    curators.clear();
    beneficiaries.clear();
    let Some((reward, curation_max)) = reward_and_curation_share(post, snapshot, market, rules)?
    else {
        return Ok(PostPayout::default());
    };
    let paid_unclaimed = pay_curators_into(
        curation_max,
        post.total_vote_weight,
        votes,
        post.allow_curation_rewards,
        curators,
    )?;
    pay_author_and_beneficiaries(
        reward,
        curation_max,
        paid_unclaimed,
        post,
        market,
        rules,
        beneficiaries,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::era::Era;
    use crate::mechanics::fast_div::tests::edgy_u64;
    use crate::mechanics::price::Price;
    use proptest::prelude::*;

    fn post(votes: &[(&str, u64)], total: u64, routes: &[(&str, u16)]) -> PostAtCashout {
        PostAtCashout {
            net_rshares: 2_000_000_000_000,
            total_vote_weight: total,
            votes: votes
                .iter()
                .map(|&(voter, weight)| CuratorVote {
                    voter: voter.into(),
                    rshares: 1,
                    weight,
                })
                .collect(),
            beneficiaries: routes
                .iter()
                .map(|&(account, weight)| Beneficiary {
                    account: account.into(),
                    weight,
                })
                .collect(),
            percent_steem_dollars: 10_000,
            max_accepted_payout: 1_000_000_000,
            allow_curation_rewards: true,
            reward_weight: 10_000,
        }
    }

    /// A snapshot whose recent_claims equal the post's own claims, so reward = balance.
    fn whole_fund(claims: u128, balance: i64) -> BlockSnapshot {
        BlockSnapshot {
            recent_claims_after_decay: 0,
            recent_claims: claims,
            reward_balance: balance,
        }
    }

    fn parts(converted_to_sbd: i64, sbd: i64, steem: i64, vesting_steem: i64) -> RewardParts {
        RewardParts {
            converted_to_sbd,
            sbd,
            steem,
            vesting_steem,
        }
    }

    #[test]
    fn hf21_split_with_treasury_and_unclaimed_to_fund() {
        let rules = Rules::for_era(Era::SteemHf21);
        let market = Market {
            price: Price::new(250, 1_000).unwrap(),
            sbd_print_rate: 10_000,
        };
        let p = post(
            &[("bob", 1), ("alice", 3)],
            5,
            &[("appdev", 1_000), ("steem.dao", 500)],
        );
        // convergent_linear(s) = 3s/5 = 1.2·10^12 claims.
        let out =
            cashout_comment(&p, &whole_fund(1_200_000_000_000, 100_000), &market, &rules).unwrap();
        assert_eq!(out.reward, 100_000);
        assert_eq!(out.curation_tokens_max, 50_000);
        // ⌊50000·3/5⌋ and ⌊50000·1/5⌋; the auction's fifth stays in the fund.
        let claims: Vec<(&str, i64)> = out
            .curators
            .claims
            .iter()
            .map(|c| (c.vote.voter.as_str(), c.claim))
            .collect();
        assert_eq!(claims, vec![("alice", 30_000), ("bob", 10_000)]);
        assert_eq!(
            (out.curators.paid, out.curators.unclaimed),
            (40_000, 10_000)
        );
        assert_eq!(out.author_tokens_gross, 50_000);
        assert_eq!(out.claimed_reward, 90_000);
        assert_eq!(out.returned_to_fund, 10_000);
        // appdev: 5000 tokens, 2500 through create_sbd → 625 SBD, 2500 vested.
        assert_eq!(out.beneficiaries[0].tokens, 5_000);
        assert_eq!(out.beneficiaries[0].parts, parts(2_500, 625, 0, 2_500));
        // steem.dao: 2500 tokens paid as 625 SBD.
        assert_eq!(out.beneficiaries[1].parts, parts(2_500, 625, 0, 0));
        assert_eq!(out.beneficiary_tokens_total, 7_500);
        assert_eq!(out.author_tokens_net, 42_500);
        // 21250 → ⌊21250 / 4⌋ = 5312 SBD; 21250 vested.
        assert_eq!(out.author, parts(21_250, 5_312, 0, 21_250));
    }

    #[test]
    fn pre_hf20_remainder_to_author_and_beneficiaries_vested() {
        let mut rules = Rules::for_era(Era::SteemHf19);
        rules.percent_curation_rewards = 5_000;
        let market = Market {
            price: Price::new(250, 1_000).unwrap(),
            sbd_print_rate: 5_000,
        };
        let mut p = post(
            &[("bob", 1), ("alice", 3)],
            5,
            &[("appdev", 1_000), ("steem.dao", 500)],
        );
        p.net_rshares = 1_200;
        let out = cashout_comment(&p, &whole_fund(1_200, 100_000), &market, &rules).unwrap();
        assert_eq!(
            (out.curators.paid, out.curators.unclaimed),
            (40_000, 10_000)
        );
        assert_eq!(out.author_tokens_gross, 60_000);
        assert_eq!((out.claimed_reward, out.returned_to_fund), (100_000, 0));
        assert_eq!(out.beneficiaries[0].parts, parts(0, 0, 0, 6_000));
        assert_eq!(out.beneficiaries[1].parts, parts(0, 0, 0, 3_000));
        assert_eq!(out.author_tokens_net, 51_000);
        // 25500 for SBD at a 50% print rate: 12750 → ⌊12750/4⌋ = 3187 SBD, 12750 liquid.
        assert_eq!(out.author, parts(12_750, 3_187, 12_750, 25_500));
    }

    #[test]
    fn no_curation_returns_the_share_to_the_fund() {
        let rules = Rules::for_era(Era::SteemHf21);
        let mut p = post(&[("alice", 3)], 3, &[]);
        p.allow_curation_rewards = false;
        p.percent_steem_dollars = 0;
        let out = cashout_comment(
            &p,
            &whole_fund(1_200_000_000_000, 100_000),
            &Market::default(),
            &rules,
        )
        .unwrap();
        assert_eq!((out.curators.paid, out.curators.unclaimed), (0, 0));
        assert_eq!((out.claimed_reward, out.returned_to_fund), (50_000, 50_000));
        assert_eq!(out.author, parts(0, 0, 0, 50_000));
    }

    #[test]
    fn dust_and_downvoted_posts_pay_nothing() {
        let rules = Rules::for_era(Era::SteemHf21);
        let p = post(&[("alice", 3)], 3, &[]);
        // 19 milli-STEEM at par is under 0.020 SBD.
        let out = cashout_comment(
            &p,
            &whole_fund(1_200_000_000_000, 19),
            &Market::default(),
            &rules,
        )
        .unwrap();
        assert_eq!(out.reward, 0);
        assert_eq!(out.curators.claims.len(), 1);
        let mut down = p.clone();
        down.net_rshares = -5;
        let out = cashout_comment(&down, &whole_fund(0, 19), &Market::default(), &rules).unwrap();
        assert_eq!(
            out,
            CommentPayout {
                curators: out.curators.clone(),
                ..CommentPayout::default()
            }
        );
    }

    proptest! {
        #[test]
        fn curation_share_equals_the_plain_u128_quotient(
            reward in edgy_u64(), percent in any::<u16>(),
        ) {
            for percent in [percent, 2_500, 5_000, 10_000] {
                let plain =
                    u128::from(reward) * u128::from(percent) / u128::from(STEEM_100_PERCENT);
                prop_assert_eq!(curation_share(reward, percent), plain);
            }
        }
    }
}
