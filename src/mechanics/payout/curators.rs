//! Curation payout of one post (`database::pay_curators`).
//!
//! Invariant: every claim is ⌊curation_tokens · weight / total_vote_weight⌋ against the
//! ORIGINAL curation_tokens (u128 product), so the order of payment does not change any
//! amount; the remainder nobody claimed is returned to the caller.

use super::PayoutError;

/// A vote as `pay_curators` sees it (`comment_vote_object`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratorVote<V = String> {
    /// The voter: an account name, or the engine's account id.
    pub voter: V,
    /// The vote's rshares (VESTS satoshis); negative for a downvote.
    pub rshares: i64,
    /// The vote's stored curation weight (`weight`), curation-curve units.
    pub weight: u64,
}

/// One vote's curation reward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratorClaim<V = String> {
    /// The vote.
    pub vote: CuratorVote<V>,
    /// What the voter is paid, milli-STEEM (vested on chain); 0 when nothing is paid.
    pub claim: i64,
}

/// The curators' side of a post's payout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratorsPayout<V = String> {
    /// Every vote in the chain's payment order: weight descending, then voter ascending
    /// (the chain orders ties by account id; account names stand in for ids here).
    pub claims: Vec<CuratorClaim<V>>,
    /// Σ claims, milli-STEEM (`max_rewards` after the call).
    pub paid: i64,
    /// curation_tokens − paid, milli-STEEM (the return value); 0 when curation rewards are
    /// not allowed, although then nothing is paid either.
    pub unclaimed: i64,
}

impl<V> Default for CuratorsPayout<V> {
    fn default() -> Self {
        CuratorsPayout {
            claims: Vec::new(),
            paid: 0,
            unclaimed: 0,
        }
    }
}

/// The votes in the chain's payment order, each with a claim of 0.
pub fn payment_order<V: Clone + Ord>(votes: &[CuratorVote<V>]) -> Vec<CuratorClaim<V>> {
    let mut claims: Vec<CuratorClaim<V>> = votes
        .iter()
        .map(|vote| CuratorClaim {
            vote: vote.clone(),
            claim: 0,
        })
        .collect();
    claims.sort_by(|a, b| {
        b.vote
            .weight
            .cmp(&a.vote.weight)
            .then_with(|| a.vote.voter.cmp(&b.vote.voter))
    });
    claims
}

/// A curator with a positive claim: the vote's voter and stored weight, and what it is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidCurator<V> {
    /// The voter.
    pub voter: V,
    /// The vote's stored curation weight, curation-curve units.
    pub weight: u64,
    /// What the voter is paid, milli-STEEM (> 0; vested on chain).
    pub claim: i64,
}

/// ⌊tokens · weight / total_vote_weight⌋ as the chain's u128 product, in 64 bits when the
/// product fits and without dividing when it is below the total (same result).
/// `total_vote_weight` must be > 0.
fn curation_claim(tokens: u64, weight: u64, total_vote_weight: u64) -> u128 {
    match tokens.checked_mul(weight) {
        Some(product) if product < total_vote_weight => 0,
        Some(product) => u128::from(product / total_vote_weight),
        None => u128::from(tokens) * u128::from(weight) / u128::from(total_vote_weight),
    }
}

/// [`pay_curators`] without the per-vote detail and without copying the votes: `votes`
/// yields (voter, stored weight) per vote; `paid` is cleared and receives only the votes
/// with a positive claim, in the chain's payment order. Returns (paid, unclaimed),
/// milli-STEEM, equal to [`CuratorsPayout::paid`] and [`CuratorsPayout::unclaimed`].
pub fn pay_curators_into<V: Copy + Ord + std::fmt::Display>(
    curation_tokens: i64,
    total_vote_weight: u64,
    votes: impl IntoIterator<Item = (V, u64)>,
    allow_curation_rewards: bool,
    paid: &mut Vec<PaidCurator<V>>,
) -> Result<(i64, i64), PayoutError> {
    paid.clear();
    if !allow_curation_rewards {
        return Ok((0, 0));
    }
    let tokens =
        u64::try_from(curation_tokens).map_err(|_| PayoutError::Negative("curation_tokens"))?;
    let mut unclaimed = curation_tokens;
    if total_vote_weight > 0 {
        let votes = votes.into_iter();
        paid.reserve(votes.size_hint().0);
        for (voter, weight) in votes {
            let claim = curation_claim(tokens, weight, total_vote_weight);
            let claim = i64::try_from(claim).map_err(|_| PayoutError::ClaimTooLarge {
                voter: voter.to_string(),
                claim,
            })?;
            if claim > 0 {
                unclaimed = unclaimed
                    .checked_sub(claim)
                    .ok_or(PayoutError::Int64Overflow("unclaimed curation"))?;
                paid.push(PaidCurator {
                    voter,
                    weight,
                    claim,
                });
            }
        }
    }
    // Equal (weight, voter) pairs have equal claims, so an unstable sort gives the same list.
    paid.sort_unstable_by(|a, b| b.weight.cmp(&a.weight).then(a.voter.cmp(&b.voter)));
    let total_paid = curation_tokens
        .checked_sub(unclaimed)
        .ok_or(PayoutError::Int64Overflow("curation paid"))?;
    Ok((total_paid, unclaimed))
}

/// Pays `curation_tokens` (milli-STEEM) to `votes` in proportion to their weight out of
/// `total_vote_weight` (`database::pay_curators`). With `allow_curation_rewards` false
/// nothing is paid and nothing is reported unclaimed; with a total weight of 0 everything
/// is unclaimed.
pub fn pay_curators<V: Clone + Ord + std::fmt::Display>(
    curation_tokens: i64,
    total_vote_weight: u64,
    votes: &[CuratorVote<V>],
    allow_curation_rewards: bool,
) -> Result<CuratorsPayout<V>, PayoutError> {
    let mut claims = payment_order(votes);
    if !allow_curation_rewards {
        return Ok(CuratorsPayout {
            claims,
            paid: 0,
            unclaimed: 0,
        });
    }
    let tokens =
        u64::try_from(curation_tokens).map_err(|_| PayoutError::Negative("curation_tokens"))?;
    let mut unclaimed = curation_tokens;
    if total_vote_weight > 0 {
        for entry in &mut claims {
            let claim = curation_claim(tokens, entry.vote.weight, total_vote_weight);
            let claim = i64::try_from(claim).map_err(|_| PayoutError::ClaimTooLarge {
                voter: entry.vote.voter.to_string(),
                claim,
            })?;
            if claim > 0 {
                unclaimed = unclaimed
                    .checked_sub(claim)
                    .ok_or(PayoutError::Int64Overflow("unclaimed curation"))?;
                entry.claim = claim;
            }
        }
    }
    let paid = curation_tokens
        .checked_sub(unclaimed)
        .ok_or(PayoutError::Int64Overflow("curation paid"))?;
    Ok(CuratorsPayout {
        claims,
        paid,
        unclaimed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vote(voter: &str, weight: u64) -> CuratorVote {
        CuratorVote {
            voter: voter.to_string(),
            rshares: 1,
            weight,
        }
    }

    fn claims(p: &CuratorsPayout) -> Vec<(&str, i64)> {
        p.claims
            .iter()
            .map(|c| (c.vote.voter.as_str(), c.claim))
            .collect()
    }

    #[test]
    fn equal_votes_under_square_root_split_70_29() {
        // Weights of two equal √ votes (see curation tests): 1 265 664 and 524 288 of 1 789 952.
        let votes = [vote("bob", 524_288), vote("alice", 1_265_664)];
        let p = pay_curators(1_000, 1_789_952, &votes, true).unwrap();
        // ⌊1000 · 1265664 / 1789952⌋ = 707, ⌊1000 · 524288 / 1789952⌋ = 292.
        assert_eq!(claims(&p), vec![("alice", 707), ("bob", 292)]);
        assert_eq!((p.paid, p.unclaimed), (999, 1));
    }

    #[test]
    fn order_flooring_and_the_auction_remainder() {
        // Ties are ordered by voter; a discounted vote leaves its discount unclaimed.
        let votes = [vote("c", 10), vote("b", 10), vote("a", 5), vote("z", 0)];
        let p = pay_curators(7, 40, &votes, true).unwrap();
        // ⌊7·10/40⌋ = 1, 1, ⌊7·5/40⌋ = 0, 0.
        assert_eq!(claims(&p), vec![("b", 1), ("c", 1), ("a", 0), ("z", 0)]);
        assert_eq!((p.paid, p.unclaimed), (2, 5));
    }

    #[test]
    fn no_weight_or_no_curation() {
        let votes = [vote("a", 0)];
        let p = pay_curators(100, 0, &votes, true).unwrap();
        assert_eq!((p.paid, p.unclaimed), (0, 100));
        let p = pay_curators(100, 10, &[vote("a", 10)], false).unwrap();
        assert_eq!((p.paid, p.unclaimed), (0, 0));
        assert_eq!(claims(&p), vec![("a", 0)]);
    }

    proptest! {
        #[test]
        fn claim_in_64_bits_equals_the_u128_product(
            tokens in 0u64..(1 << 63),
            weight in any::<u64>(),
            small_weight in 0u64..(1 << 20),
            total in 1u64..=u64::MAX,
        ) {
            for w in [weight, small_weight, weight >> 32] {
                let want = u128::from(tokens) * u128::from(w) / u128::from(total);
                prop_assert_eq!(curation_claim(tokens, w, total), want);
                prop_assert_eq!(curation_claim(tokens >> 40, w, total), u128::from(tokens >> 40) * u128::from(w) / u128::from(total));
            }
        }

        #[test]
        fn paying_into_a_buffer_lists_the_positive_claims_in_payment_order(
            tokens in 0i64..(1 << 50),
            votes in prop::collection::vec((0u32..6, 0u64..(1 << 40)), 0..24),
            extra in 0u64..1_000_000,
            allow in any::<bool>(),
        ) {
            let votes: Vec<CuratorVote<u32>> = votes
                .iter()
                .map(|&(voter, weight)| CuratorVote { voter, rshares: 1, weight })
                .collect();
            let total = votes.iter().map(|v| v.weight).sum::<u64>().saturating_add(extra);
            let want = pay_curators(tokens, total, &votes, allow).unwrap();
            let mut paid = vec![PaidCurator { voter: 9, weight: 9, claim: 9 }];
            let got = pay_curators_into(tokens, total, votes.iter().map(|v| (v.voter, v.weight)), allow, &mut paid).unwrap();
            prop_assert_eq!(got, (want.paid, want.unclaimed));
            let positive: Vec<PaidCurator<u32>> = want
                .claims
                .iter()
                .filter(|c| c.claim > 0)
                .map(|c| PaidCurator { voter: c.vote.voter, weight: c.vote.weight, claim: c.claim })
                .collect();
            prop_assert_eq!(paid, positive);
        }

        #[test]
        fn paid_plus_unclaimed_is_the_share_and_never_more(
            tokens in 0i64..(1 << 50),
            weights in prop::collection::vec(any::<u64>(), 0..8),
            extra in 0u64..1_000_000,
        ) {
            let votes: Vec<CuratorVote> =
                weights.iter().enumerate().map(|(i, &w)| vote(&format!("v{i}"), w >> 4)).collect();
            let total = votes.iter().map(|v| v.weight).sum::<u64>().saturating_add(extra);
            let p = pay_curators(tokens, total, &votes, true).unwrap();
            prop_assert_eq!(p.paid + p.unclaimed, tokens);
            prop_assert!(p.paid <= tokens && p.unclaimed >= 0);
            prop_assert_eq!(p.claims.iter().map(|c| c.claim).sum::<i64>(), p.paid);
        }
    }
}
