//! One block's cashouts (`database::process_comment_cashout`, HF17+).
//!
//! Invariant: the fund is decayed once, the claims of every due post are added before any
//! post is paid, every post is paid against that same snapshot, and the reward balance is
//! decremented once by the sum of claimed rewards — so the order of posts in a block does
//! not change any amount.

use super::{
    cashout_comment, cashout_post, Beneficiary, BeneficiaryPayout, CommentPayout, CuratorVote,
    Market, PaidCurator, PayoutError, PostPayout,
};
use crate::mechanics::constants::{DEFAULT_MAX_ACCEPTED_PAYOUT, STEEM_100_PERCENT};
use crate::mechanics::curation::{CastVote, VoteTally};
use crate::mechanics::curve::DivisionByZero;
use crate::mechanics::era::Rules;
use crate::mechanics::reward_fund::{
    settle_block, snapshot_block, snapshot_block_of, BlockSnapshot, RewardError, RewardFund,
};

/// A post due for payout, as its comment object stands at cashout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostAtCashout<V = String> {
    /// Σ rshares of all votes (`net_rshares`), rshares; only > 0 is paid.
    pub net_rshares: i64,
    /// The comment's `total_vote_weight`, curation-curve units.
    pub total_vote_weight: u64,
    /// The votes with their stored curation weights.
    pub votes: Vec<CuratorVote<V>>,
    /// Beneficiary routes in listed order (weights sum ≤ 10000).
    pub beneficiaries: Vec<Beneficiary>,
    /// Share of the author reward paid half in SBD, basis points (10000 = 50/50).
    pub percent_steem_dollars: u16,
    /// Payout cap, milli-SBD.
    pub max_accepted_payout: i64,
    /// `allow_curation_rewards`.
    pub allow_curation_rewards: bool,
    /// Reward weight, basis points (10000 for HF17+ posts).
    pub reward_weight: u16,
}

/// A post's vote totals and comment options at cashout, its votes aside (what
/// [`super::cashout_post`] reads besides the votes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostTerms<'a> {
    /// Σ rshares of all votes (`net_rshares`), rshares; only > 0 is paid.
    pub net_rshares: i64,
    /// The comment's `total_vote_weight`, curation-curve units.
    pub total_vote_weight: u64,
    /// Beneficiary routes in listed order (weights sum ≤ 10000).
    pub beneficiaries: &'a [Beneficiary],
    /// Share of the author reward paid half in SBD, basis points (10000 = 50/50).
    pub percent_steem_dollars: u16,
    /// Payout cap, milli-SBD.
    pub max_accepted_payout: i64,
    /// `allow_curation_rewards`.
    pub allow_curation_rewards: bool,
    /// Reward weight, basis points (10000 for HF17+ posts).
    pub reward_weight: u16,
}

impl PostTerms<'static> {
    /// A post with `net_rshares` (rshares) and `total_vote_weight` (curation-curve units)
    /// and the default comment options, as [`PostAtCashout::from_tally`] sets them.
    pub fn default_options(net_rshares: i64, total_vote_weight: u64) -> PostTerms<'static> {
        PostTerms {
            net_rshares,
            total_vote_weight,
            beneficiaries: &[],
            percent_steem_dollars: STEEM_100_PERCENT as u16,
            max_accepted_payout: DEFAULT_MAX_ACCEPTED_PAYOUT,
            allow_curation_rewards: true,
            reward_weight: STEEM_100_PERCENT as u16,
        }
    }
}

impl<V> PostAtCashout<V> {
    /// The post's totals and options, borrowing its beneficiaries.
    pub fn terms(&self) -> PostTerms<'_> {
        PostTerms {
            net_rshares: self.net_rshares,
            total_vote_weight: self.total_vote_weight,
            beneficiaries: &self.beneficiaries,
            percent_steem_dollars: self.percent_steem_dollars,
            max_accepted_payout: self.max_accepted_payout,
            allow_curation_rewards: self.allow_curation_rewards,
            reward_weight: self.reward_weight,
        }
    }

    /// A post with the default comment options (no beneficiaries, 50/50 SBD, the default
    /// payout cap, curation allowed, full reward weight) whose `votes`, cast in order by
    /// `voters`, were tallied into `tally` by [`crate::mechanics::curation::cast_votes`].
    /// Set other options with struct update syntax.
    pub fn from_tally(
        tally: &VoteTally,
        voters: impl IntoIterator<Item = V>,
        votes: &[CastVote],
    ) -> PostAtCashout<V> {
        PostAtCashout {
            net_rshares: tally.net_rshares,
            total_vote_weight: tally.total_vote_weight,
            votes: voters
                .into_iter()
                .zip(votes)
                .zip(&tally.vote_weights)
                .map(|((voter, vote), &weight)| CuratorVote {
                    voter,
                    rshares: vote.rshares,
                    weight,
                })
                .collect(),
            beneficiaries: Vec::new(),
            percent_steem_dollars: STEEM_100_PERCENT as u16,
            max_accepted_payout: DEFAULT_MAX_ACCEPTED_PAYOUT,
            allow_curation_rewards: true,
            reward_weight: STEEM_100_PERCENT as u16,
        }
    }
}

/// The result of one block's cashouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockPayout<V = String> {
    /// The fund state every post was paid against.
    pub snapshot: BlockSnapshot,
    /// Each post's payout, in input order.
    pub posts: Vec<CommentPayout<V>>,
    /// Σ claimed_reward, milli-STEEM (`steem_awarded`).
    pub steem_awarded: i64,
    /// The fund after the block.
    pub fund_after: RewardFund,
}

/// Where the block's cashout would throw.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlockPayoutError {
    /// Decay or claims cannot be computed.
    #[error("{0}")]
    Snapshot(#[from] DivisionByZero),
    /// One post cannot be paid (0-based index in input order).
    #[error("post {index}: {error}")]
    Post {
        /// 0-based index of the post.
        index: usize,
        /// Why.
        error: PayoutError,
    },
    /// The awarded sum or the new balance overflows.
    #[error("{0}")]
    Settle(#[from] RewardError),
}

/// Pays every post in `posts` (all due in this block) from `fund`, `elapsed_seconds` after
/// the fund's last update (`process_comment_cashout`).
pub fn process_comment_cashout<V: Clone + Ord + std::fmt::Display>(
    fund: &RewardFund,
    elapsed_seconds: u32,
    posts: &[PostAtCashout<V>],
    market: &Market,
    rules: &Rules,
) -> Result<BlockPayout<V>, BlockPayoutError> {
    let net: Vec<i64> = posts.iter().map(|p| p.net_rshares).collect();
    let snapshot = snapshot_block(fund, elapsed_seconds, &net, rules)?;
    let mut payouts = Vec::with_capacity(posts.len());
    let mut steem_awarded = 0i64;
    for (index, post) in posts.iter().enumerate() {
        let payout = cashout_comment(post, &snapshot, market, rules)
            .map_err(|error| BlockPayoutError::Post { index, error })?;
        steem_awarded = steem_awarded
            .checked_add(payout.claimed_reward)
            .ok_or(RewardError::Int64Overflow("steem_awarded"))?;
        payouts.push(payout);
    }
    let fund_after = settle_block(&snapshot, steem_awarded)?;
    Ok(BlockPayout {
        snapshot,
        posts: payouts,
        steem_awarded,
        fund_after,
    })
}

/// One block's cashouts paid one post at a time, without collecting the payouts
/// (`process_comment_cashout` as [`process_comment_cashout`] runs it): [`BlockCashout::begin`]
/// takes the snapshot, [`BlockCashout::pay`] pays each due post against it in order, and
/// [`BlockCashout::settle`] decrements the balance once by the claimed rewards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockCashout {
    snapshot: BlockSnapshot,
    steem_awarded: i64,
    paid: usize,
}

impl BlockCashout {
    /// Decays `fund` by `elapsed_seconds` and adds the claims of the due posts, whose
    /// net_rshares (rshares) `due_net_rshares` yields in any order.
    pub fn begin(
        fund: &RewardFund,
        elapsed_seconds: u32,
        due_net_rshares: impl IntoIterator<Item = i64>,
        rules: &Rules,
    ) -> Result<BlockCashout, BlockPayoutError> {
        Ok(BlockCashout {
            snapshot: snapshot_block_of(fund, elapsed_seconds, due_net_rshares, rules)?,
            steem_awarded: 0,
            paid: 0,
        })
    }

    /// The fund state every post of the block is paid against.
    pub fn snapshot(&self) -> &BlockSnapshot {
        &self.snapshot
    }

    /// Pays the next due post ([`super::cashout_post`]; errors name its 0-based index in
    /// the order paid).
    pub fn pay<V: Copy + Ord + std::fmt::Display>(
        &mut self,
        post: &PostTerms<'_>,
        votes: impl IntoIterator<Item = (V, u64)>,
        market: &Market,
        rules: &Rules,
        curators: &mut Vec<PaidCurator<V>>,
        beneficiaries: &mut Vec<BeneficiaryPayout>,
    ) -> Result<PostPayout, BlockPayoutError> {
        let index = self.paid;
        let payout = cashout_post(
            post,
            votes,
            &self.snapshot,
            market,
            rules,
            curators,
            beneficiaries,
        )
        .map_err(|error| BlockPayoutError::Post { index, error })?;
        self.steem_awarded = self
            .steem_awarded
            .checked_add(payout.claimed_reward)
            .ok_or(RewardError::Int64Overflow("steem_awarded"))?;
        self.paid += 1;
        Ok(payout)
    }

    /// The fund after the block: the snapshot's recent_claims, the balance less Σ
    /// claimed rewards.
    pub fn settle(self) -> Result<RewardFund, BlockPayoutError> {
        Ok(settle_block(&self.snapshot, self.steem_awarded)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::curation::{cast_votes, CastVote};
    use crate::mechanics::era::Era;
    use crate::mechanics::price::Price;
    use proptest::prelude::*;

    fn post_from_votes(
        rules: &Rules,
        votes: &[(i64, u32)],
        beneficiaries: &[(&str, u16)],
        allow: bool,
    ) -> PostAtCashout {
        let cast: Vec<CastVote> = votes
            .iter()
            .map(|&(rshares, age)| CastVote {
                rshares,
                seconds_since_created: age,
            })
            .collect();
        let tally = cast_votes(rules, &cast, allow).unwrap();
        PostAtCashout {
            beneficiaries: beneficiaries
                .iter()
                .map(|&(account, weight)| Beneficiary {
                    account: account.to_string(),
                    weight,
                })
                .collect(),
            allow_curation_rewards: allow,
            ..PostAtCashout::from_tally(&tally, (0..).map(|i| format!("v{i}")), &cast)
        }
    }

    #[test]
    fn two_posts_share_one_snapshot() {
        // Linear author curve (HF19): two posts of 1000 and 3000 rshares, recent_claims
        // 6000 after decay → 10000 after adding; each takes its share of the same balance.
        let rules = Rules::for_era(Era::SteemHf19);
        let fund = RewardFund {
            reward_balance: 1_000_000,
            recent_claims: 6_000,
        };
        let posts = [
            post_from_votes(&rules, &[(1_000, 2_000)], &[], true),
            post_from_votes(&rules, &[(3_000, 2_000)], &[], true),
            post_from_votes(&rules, &[(-3_000, 2_000)], &[], true),
        ];
        let block = process_comment_cashout(&fund, 0, &posts, &Market::default(), &rules).unwrap();
        assert_eq!(block.snapshot.recent_claims, 10_000);
        let rewards: Vec<i64> = block.posts.iter().map(|p| p.reward).collect();
        assert_eq!(rewards, vec![100_000, 300_000, 0]);
        assert_eq!(block.steem_awarded, 400_000);
        assert_eq!(
            block.fund_after,
            RewardFund {
                reward_balance: 600_000,
                recent_claims: 10_000
            }
        );
    }

    proptest! {
        #[test]
        fn paying_post_by_post_equals_the_whole_block(
            era in prop::sample::select(Era::ALL.to_vec()),
            posts in prop::collection::vec(
                (
                    prop::collection::vec((-(1i64 << 40)..(1i64 << 46), 0u32..400_000), 0..20),
                    prop::collection::vec(0u16..3_000, 0..3),
                    any::<bool>(),
                    0u16..=10_000,
                ),
                0..5,
            ),
            balance in 0i64..(1 << 40),
            rc in 1u128..(1u128 << 70),
            base in 1i64..100_000,
            quote in 1i64..100_000,
            print_rate in 0u16..=10_000,
            elapsed in 0u32..2_000_000,
        ) {
            let rules = Rules::for_era(era);
            let posts: Vec<PostAtCashout<u32>> = posts
                .iter()
                .map(|(votes, weights, allow, psd)| {
                    let cast: Vec<CastVote> = votes
                        .iter()
                        .map(|&(rshares, age)| CastVote { rshares, seconds_since_created: age })
                        .collect();
                    let tally = cast_votes(&rules, &cast, *allow).unwrap();
                    // Voters repeat, so ties of weight and voter are exercised.
                    let voters = (0..cast.len() as u32).map(|i| i % 7);
                    PostAtCashout {
                        beneficiaries: weights
                            .iter()
                            .enumerate()
                            .map(|(i, &weight)| Beneficiary { account: format!("b{i}"), weight })
                            .collect(),
                        allow_curation_rewards: *allow,
                        percent_steem_dollars: *psd,
                        ..PostAtCashout::from_tally(&tally, voters, &cast)
                    }
                })
                .collect();
            let market = Market { price: Price::new(base, quote).unwrap(), sbd_print_rate: print_rate };
            let fund = RewardFund { reward_balance: balance, recent_claims: rc };
            let whole = process_comment_cashout(&fund, elapsed, &posts, &market, &rules);
            let by_post = (|| {
                let mut block = BlockCashout::begin(&fund, elapsed, posts.iter().map(|p| p.net_rshares), &rules)?;
                let snapshot = *block.snapshot();
                let (mut curators, mut beneficiaries) = (Vec::new(), Vec::new());
                let mut payouts = Vec::new();
                for post in &posts {
                    let votes = post.votes.iter().map(|v| (v.voter, v.weight));
                    let amounts = block.pay(&post.terms(), votes, &market, &rules, &mut curators, &mut beneficiaries)?;
                    payouts.push((amounts, curators.clone(), beneficiaries.clone()));
                }
                Ok::<_, BlockPayoutError>((snapshot, payouts, block.settle()?))
            })();
            match (whole, by_post) {
                (Ok(whole), Ok((snapshot, payouts, fund_after))) => {
                    prop_assert_eq!(snapshot, whole.snapshot);
                    prop_assert_eq!(fund_after, whole.fund_after);
                    for (p, (amounts, curators, beneficiaries)) in whole.posts.iter().zip(payouts) {
                        let want = PostPayout {
                            reward: p.reward,
                            curation_tokens_max: p.curation_tokens_max,
                            curators_paid: p.curators.paid,
                            curators_unclaimed: p.curators.unclaimed,
                            author_tokens_gross: p.author_tokens_gross,
                            beneficiary_tokens_total: p.beneficiary_tokens_total,
                            author_tokens_net: p.author_tokens_net,
                            author: p.author,
                            claimed_reward: p.claimed_reward,
                            returned_to_fund: p.returned_to_fund,
                        };
                        prop_assert_eq!(amounts, want);
                        let positive: Vec<PaidCurator<u32>> = p
                            .curators
                            .claims
                            .iter()
                            .filter(|c| c.claim > 0)
                            .map(|c| PaidCurator { voter: c.vote.voter, weight: c.vote.weight, claim: c.claim })
                            .collect();
                        prop_assert_eq!(curators, positive);
                        prop_assert_eq!(&beneficiaries, &p.beneficiaries);
                    }
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "{:?} vs {:?}", a.map(|_| ()), b.map(|_| ())),
            }
        }

        #[test]
        fn every_token_is_accounted_for(
            era in prop::sample::select(Era::ALL.to_vec()),
            votes in prop::collection::vec((-(1i64 << 44)..(1i64 << 46), 0u32..400_000), 0..6),
            weights in prop::collection::vec(0u16..3_000, 0..4),
            treasury in any::<bool>(),
            allow in any::<bool>(),
            psd in 0u16..=10_000,
            balance in 0i64..(1 << 40),
            rc in 1u128..(1u128 << 70),
            cap in 0i64..(1 << 40),
            base in 1i64..100_000,
            quote in 1i64..100_000,
            print_rate in 0u16..=10_000,
            elapsed in 0u32..2_000_000,
        ) {
            let rules = Rules::for_era(era);
            let mut routes: Vec<(String, u16)> =
                weights.iter().enumerate().map(|(i, &w)| (format!("b{i}"), w)).collect();
            if treasury {
                routes.push((if era.is_hive() { "hive.fund" } else { "steem.dao" }.to_string(), 500));
            }
            let routes: Vec<(&str, u16)> = routes.iter().map(|(a, w)| (a.as_str(), *w)).collect();
            let mut post = post_from_votes(&rules, &votes, &routes, allow);
            post.percent_steem_dollars = psd;
            post.max_accepted_payout = cap;
            let market = Market { price: Price::new(base, quote).unwrap(), sbd_print_rate: print_rate };
            let fund = RewardFund { reward_balance: balance, recent_claims: rc };
            let block = match process_comment_cashout(&fund, elapsed, &[post], &market, &rules) {
                Ok(block) => block,
                // Hive's reset can leave recent_claims at 0 with a post to pay.
                Err(BlockPayoutError::Post { error: PayoutError::Reward(RewardError::ZeroRecentClaims), .. }) => return Ok(()),
                Err(e) => return Err(TestCaseError::fail(e.to_string())),
            };
            let p = &block.posts[0];
            prop_assert_eq!(p.author_tokens_net + p.curators.paid + p.beneficiary_tokens_total + p.returned_to_fund, p.reward);
            prop_assert!(p.curators.paid <= p.curation_tokens_max && p.curators.paid >= 0);
            prop_assert_eq!(p.curators.claims.iter().map(|c| c.claim).sum::<i64>(), p.curators.paid);
            prop_assert_eq!(p.beneficiaries.iter().map(|b| b.tokens).sum::<i64>(), p.beneficiary_tokens_total);
            for parts in p.beneficiaries.iter().map(|b| (b.tokens, b.parts)).chain([(p.author_tokens_net, p.author)]) {
                prop_assert_eq!(parts.1.converted_to_sbd + parts.1.steem + parts.1.vesting_steem, parts.0);
            }
            prop_assert!(p.returned_to_fund >= 0);
            prop_assert!(block.fund_after.reward_balance >= 0);
            if !allow {
                prop_assert_eq!(p.curators.paid, 0);
                prop_assert_eq!(p.returned_to_fund, p.curation_tokens_max);
            }
        }
    }
}
