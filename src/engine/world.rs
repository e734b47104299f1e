//! The world's state as struct-of-arrays: accounts (one entry per account in every vector),
//! live posts (oldest first, ids dense and increasing), and the chain's global objects
//! (supply, reward fund, vesting fund, DAO).
//!
//! Units: milli-STEEM, milli-SBD, VESTS satoshis, seconds since the start of the warm-up.
//! Invariant: only the engine's step functions change it; [`super::ledger`] checks after
//! every step that every token is accounted for.

use super::pools::CommunityPools;
use std::collections::BTreeSet;

use super::bid_bots::BidMarket;
use super::trail::Trails;
use super::voted::EvictedVotes;
use super::voters::Voter;
use crate::behaviour::population::{Population, Strategy};
use crate::behaviour::ranks;
use crate::behaviour::social::AttachmentIndex;
use crate::behaviour::view::{LatestPost, PostFacts, PostsView};
use crate::mechanics::curation::CommentVoteTotals;
use crate::mechanics::reward_fund::RewardFund;
use crate::mechanics::vesting::VestingFund;

/// A vote as stored on its post until cashout (`comment_vote_object`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteRecord {
    /// The voter.
    pub voter: u32,
    /// When, seconds.
    pub time: u32,
    /// The vote's rshares.
    pub rshares: i64,
    /// Its curation weight.
    pub weight: u64,
}

/// Accounts, struct of arrays. Index = account id.
#[derive(Debug, Clone, Default)]
pub struct Accounts {
    /// Role bits ([`crate::behaviour::population`]).
    pub roles: Vec<u8>,
    /// Author quality, 0..=1.
    pub quality: Vec<f32>,
    /// Liquid STEEM, milli-STEEM.
    pub liquid: Vec<i64>,
    /// SBD, milli-SBD.
    pub sbd: Vec<i64>,
    /// VESTS held (`vesting_shares`), VESTS satoshis.
    pub vesting_shares: Vec<i64>,
    /// VESTS delegated to the account (`received_vesting_shares`), VESTS satoshis
    /// ([`super::leasing`]).
    pub received_vesting_shares: Vec<i64>,
    /// VESTS the account delegates, including removed delegations not yet returned
    /// (`delegated_vesting_shares`), VESTS satoshis ([`super::leasing`]).
    pub delegated_vesting_shares: Vec<i64>,
    /// Voting state (mana, recent votes, vote counts, strategy), packed per account.
    pub voters: Vec<Voter>,
    /// Strategy, the same as `voters[i].strategy` (a copy the day's end scans cheaply).
    pub strategy: Vec<Strategy>,
    /// A trail follower's leader (`behaviour::trail::NO_LEADER` for none and for every
    /// other strategy; [`super::trail`]).
    pub leader: Vec<u32>,
    /// Weekly power-down amount (`vesting_withdraw_rate`), VESTS satoshis.
    pub vesting_withdraw_rate: Vec<i64>,
    /// Power-down total (`to_withdraw`), VESTS satoshis.
    pub to_withdraw: Vec<i64>,
    /// Power-down progress (`withdrawn`), VESTS satoshis.
    pub withdrawn: Vec<i64>,
    /// Next power-down payment time (`next_vesting_withdrawal`), `u32::MAX` when none.
    pub next_withdrawal: Vec<u32>,
    /// Latest post with its facts, [`LatestPost::NONE`] if none.
    pub latest_post: Vec<LatestPost>,
    /// Reward of the last paid post, milli-STEEM.
    pub last_author_reward: Vec<i64>,
    /// Followed authors, flattened with stride `follows_per_account`.
    pub follows: Vec<u32>,
    /// Stride of `follows`.
    pub follows_per_account: usize,
    /// Present followers: follows pointing at the account from accounts present now.
    pub followers: Vec<u32>,
    /// Initial stake, milli-STEEM.
    pub initial_stake: Vec<i64>,
    /// Author rewards over the measured days, milli-STEEM.
    pub author_rewards: Vec<i64>,
    /// Curation rewards over the measured days, milli-STEEM.
    pub curation_rewards: Vec<i64>,
    /// Producer rewards over the measured days, milli-STEEM.
    pub witness_rewards: Vec<i64>,
    /// STEEM put into VESTS minus STEEM taken out since the measured days began (the value
    /// of the VESTS then counts as put in), milli-STEEM; staking interest is the final VESTS
    /// value minus this.
    pub vested_in: Vec<i64>,
    /// Posts written, counted from the start of the warm-up (the activity norms see them)
    /// and restarted when the measured days begin, so at the end: over the measured days.
    pub posts: Vec<u64>,
    /// Envy weight α (jealousy model).
    pub alpha: Vec<f32>,
    /// Guilt weight β (jealousy model).
    pub beta: Vec<f32>,
    /// Satisfaction, −1..=1 (0 = neutral); drives activity and the exit hazard.
    pub satisfaction: Vec<f32>,
    /// Recent earnings (author and curation rewards, staking interest, and bids received
    /// less bids paid in the vote market), an exponential average, STEEM per day.
    pub earnings: Vec<f32>,
    /// The stake-driven part of `earnings` (curation rewards, staking interest, bids
    /// received for votes), the same average, STEEM per day.
    pub stake_earnings: Vec<f32>,
    /// Bids received less bids paid in the vote market, since the start, milli-STEEM.
    pub bid_net: Vec<i64>,
    /// A vote buyer's liquid author rewards set aside for bids and not yet spent
    /// (`[bid_bots] reinvest_share` of each liquid payout), milli-STEEM.
    pub bid_budget: Vec<i64>,
    /// author_rewards, curation_rewards and bid_net when `earnings` was last updated,
    /// milli-STEEM.
    pub earnings_mark: Vec<[i64; 5]>,
    /// Community-token rewards received, valued in base tokens at the pool's price when
    /// paid: [author side, curation], milli-STEEM (they feed `earnings`, not the chain's
    /// reward columns).
    pub community_rewards: Vec<[i64; 2]>,
    /// Economic ties: upvotes by others on the account's last post to cash out.
    pub ties: Vec<u32>,
    /// Share (0..=1) of the rshares of the account's last paid-out post that came from its
    /// own votes or bought votes: what others can see was not earned from them, when
    /// voters are visible.
    pub unearned_share: Vec<f32>,
    /// Rank bucket (0 = lowest, `[visibility] relative_buckets`) of the account's last
    /// paid-out post's reward among the present authors' last payouts, published daily;
    /// what curation maximisers see under `payouts = "relative"` (0 otherwise).
    pub last_reward_bucket: Vec<u8>,
    /// Recent posting and voting and the activity norm it brings (`[norms]`).
    pub activity: Vec<Activity>,
    /// Day (warm-up days negative) on which the account left; `i32::MAX` while it stays.
    pub left_day: Vec<i32>,
    /// Last day index (from the start of the warm-up, +1) on which the account was active;
    /// 0 = never.
    pub active_mark: Vec<u32>,
    /// Day index (from the start of the warm-up) + 1 on which the account arrived; 0 for
    /// the initial population.
    pub arrived_mark: Vec<u32>,
    /// Rank of the account's initial stake (0 = smallest; ties by id).
    pub stake_rank: Vec<u32>,
    /// Accounts by initial stake, smallest first (the inverse of `stake_rank`).
    pub by_stake: Vec<u32>,
}

impl Accounts {
    /// Number of accounts.
    pub fn len(&self) -> usize {
        self.roles.len()
    }

    /// True when there are no accounts.
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty()
    }

    /// Accounts from a drawn population; balances and voting mana are filled by the caller.
    pub fn from_population(population: Population) -> Accounts {
        let n = population.roles.len();
        let mut by_stake: Vec<u32> = (0..n as u32).collect();
        by_stake.sort_by_key(|&i| (population.stake[i as usize], i));
        let mut stake_rank = vec![0u32; n];
        for (rank, &i) in by_stake.iter().enumerate() {
            stake_rank[i as usize] = rank as u32;
        }
        Accounts {
            roles: population.roles,
            quality: population.quality,
            liquid: population.liquid,
            sbd: vec![0; n],
            vesting_shares: vec![0; n],
            received_vesting_shares: vec![0; n],
            delegated_vesting_shares: vec![0; n],
            voters: population
                .strategy
                .iter()
                .map(|&s| Voter::new(s, 0, 0))
                .collect(),
            strategy: population.strategy,
            leader: population.leader,
            vesting_withdraw_rate: vec![0; n],
            to_withdraw: vec![0; n],
            withdrawn: vec![0; n],
            next_withdrawal: vec![u32::MAX; n],
            latest_post: vec![LatestPost::NONE; n],
            last_author_reward: vec![0; n],
            follows: population.follows,
            follows_per_account: population.follows_per_account,
            followers: population.followers,
            initial_stake: population.stake,
            author_rewards: vec![0; n],
            curation_rewards: vec![0; n],
            witness_rewards: vec![0; n],
            vested_in: vec![0; n],
            posts: vec![0; n],
            alpha: population.alpha,
            beta: population.beta,
            satisfaction: vec![0.0; n],
            earnings: vec![0.0; n],
            stake_earnings: vec![0.0; n],
            bid_net: vec![0; n],
            bid_budget: vec![0; n],
            earnings_mark: vec![[0; 5]; n],
            community_rewards: vec![[0; 2]; n],
            ties: vec![0; n],
            unearned_share: vec![0.0; n],
            last_reward_bucket: vec![0; n],
            activity: vec![Activity::NEUTRAL; n],
            left_day: vec![i32::MAX; n],
            active_mark: vec![0; n],
            arrived_mark: vec![0; n],
            stake_rank,
            by_stake,
        }
    }
}

/// One account's recent activity, packed so that one read gives all of it. Index 0 is for
/// posts, 1 for votes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Activity {
    /// The account's post and vote counters when `rates` were last updated (their low 32
    /// bits; differences are taken wrapping).
    pub marks: [u32; 2],
    /// Posts and votes a day, exponential averages over `[norms] memory_days`.
    pub rates: [f32; 2],
    /// Factors on the post and vote rates from comparing `rates` with the comparison
    /// group's medians (1 = none; `behaviour::norms`).
    pub norms: [f32; 2],
}

impl Activity {
    /// No activity yet, no norm.
    pub const NEUTRAL: Activity = Activity {
        marks: [0; 2],
        rates: [0.0; 2],
        norms: [1.0; 2],
    };
}

/// The coarse trending list under `payouts = "relative"`: the live posts in the top rank
/// bucket of pending payouts, by id (their order within the bucket cannot be seen).
#[derive(Debug, Clone, Default)]
pub struct CoarseTrending {
    /// Post ids, increasing.
    pub posts: Vec<u64>,
    /// Scratch: live posts' net_rshares.
    scratch: Vec<i64>,
}

impl CoarseTrending {
    /// Rebuilds the list from `posts`' live posts with `buckets` rank buckets: the posts
    /// whose net_rshares (pending payout) lies in the top bucket (more than 1 − 1/buckets
    /// of the live posts strictly below it).
    pub fn refresh(&mut self, posts: &Posts, buckets: u32) {
        let live = posts.start..posts.author.len();
        self.scratch.clear();
        self.scratch
            .extend_from_slice(&posts.net_rshares[live.clone()]);
        self.posts.clear();
        let edges = ranks::edges(&mut self.scratch, buckets, i64::cmp);
        let Some(&top) = edges.last() else {
            return;
        };
        self.posts.extend(
            live.filter(|&i| posts.net_rshares[i] > top)
                .map(|i| posts.base_id + i as u64),
        );
    }
}

/// Largest vote list (in votes of capacity) kept for reuse when its post cashes out: the
/// capacity a `Vec<VoteRecord>` gets at its first push, so a reused list never holds more
/// than a fresh one would after its first vote.
const SPARE_LIST_CAPACITY: usize = 4;

/// Posts, oldest first, struct of arrays. Post `base_id + i` is at index `i` of every
/// vector; the live posts (created, not yet cashed out) are those at `start..`. Cashed-out
/// posts are dropped from the front in batches, so removal is amortised O(1); their vote
/// lists are freed, except those still at their first allocation
/// (`SPARE_LIST_CAPACITY` votes), which are kept for new posts. A list grows only while
/// its post is live, so the lists hold at most about twice the live votes, however long
/// the run.
#[derive(Debug, Clone, Default)]
pub struct Posts {
    /// Id of the post at index 0.
    pub base_id: u64,
    /// Index of the oldest live post.
    pub start: usize,
    /// Author per post.
    pub author: Vec<u32>,
    /// Creation time and quality per post.
    pub facts: Vec<PostFacts>,
    /// Vote totals per post.
    pub totals: Vec<CommentVoteTotals>,
    /// `net_rshares` per post (mirror of `totals`, compact for ranking the trending list).
    pub net_rshares: Vec<i64>,
    /// Rshares of the bought (paid) upvotes on each post: what voters who can see who voted
    /// know was bought.
    pub bought_rshares: Vec<i64>,
    /// Votes per post, in casting order.
    pub votes: Vec<Vec<VoteRecord>>,
    spare: Vec<Vec<VoteRecord>>,
}

impl Posts {
    /// Number of live posts.
    pub fn len(&self) -> usize {
        self.author.len() - self.start
    }

    /// True when no post is live.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Id the next post will get.
    pub fn next_id(&self) -> u64 {
        self.base_id + self.author.len() as u64
    }

    /// Index of post `id` in the vectors if it is live.
    pub fn index_of(&self, id: u64) -> Option<usize> {
        let i = usize::try_from(id.checked_sub(self.base_id)?).ok()?;
        (self.start..self.author.len()).contains(&i).then_some(i)
    }

    /// Adds a post with `facts` (created not before the newest post) and returns its id.
    pub fn push(&mut self, author: u32, facts: PostFacts) -> u64 {
        debug_assert!(self
            .facts
            .last()
            .is_none_or(|last| last.created <= facts.created));
        let id = self.next_id();
        self.author.push(author);
        self.facts.push(facts);
        self.totals.push(CommentVoteTotals::default());
        self.net_rshares.push(0);
        self.bought_rshares.push(0);
        self.votes.push(self.spare.pop().unwrap_or_default());
        id
    }

    /// Cashes out the `count` oldest live posts: they stop being live and their vote lists
    /// are kept for reuse (if never grown past their first allocation) or freed.
    pub fn remove_oldest(&mut self, count: usize) {
        for list in &mut self.votes[self.start..self.start + count] {
            let mut list = std::mem::take(list);
            // A grown list is freed, not kept: kept lists would keep the largest capacity
            // they ever had, and every post would come to hold the capacity of the most
            // voted ones (with up to 64 kept, the lists of a year at steem scale grew to
            // ~3× the live votes).
            if list.capacity() <= SPARE_LIST_CAPACITY {
                list.clear();
                self.spare.push(list);
            }
        }
        self.start += count;
        if self.start >= 4096 && self.start * 2 >= self.author.len() {
            let n = self.start;
            self.author.drain(..n);
            self.facts.drain(..n);
            self.totals.drain(..n);
            self.net_rshares.drain(..n);
            self.bought_rshares.drain(..n);
            self.votes.drain(..n);
            self.base_id += n as u64;
            self.start = 0;
        }
    }

    /// The decision view of the live posts.
    pub fn view(&self) -> PostsView<'_> {
        let s = self.start;
        PostsView {
            first_id: self.base_id + s as u64,
            author: &self.author[s..],
            facts: &self.facts[s..],
            net_rshares: &self.net_rshares[s..],
        }
    }
}

/// What recently paid posts paid per rshare: sums over the posts with positive net
/// rshares paid at cashout, decayed at each day's end so that the last week or so counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PaidPerRshare {
    /// Σ rewards paid (author and curators, before the curators' unclaimed part returns),
    /// milli-STEEM.
    pub reward: f64,
    /// Σ their net rshares.
    pub rshares: f64,
}

impl PaidPerRshare {
    /// Weight a day's sums keep at each day's end (a mean age of about a week).
    pub const DAILY_DECAY: f64 = 6.0 / 7.0;

    /// Adds a paid post's `reward` (milli-STEEM) and `net_rshares` (ignored unless > 0).
    pub fn add(&mut self, reward: i64, net_rshares: i64) {
        if net_rshares > 0 {
            self.reward += reward as f64;
            self.rshares += net_rshares as f64;
        }
    }

    /// Ends a day: older sums weigh less.
    pub fn decay(&mut self) {
        self.reward *= Self::DAILY_DECAY;
        self.rshares *= Self::DAILY_DECAY;
    }

    /// Milli-STEEM per rshare, `None` before any post paid.
    pub fn rate(&self) -> Option<f64> {
        (self.rshares > 0.0).then(|| self.reward / self.rshares)
    }
}

/// The chain's global objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Globals {
    /// STEEM in existence (`current_supply`), milli-STEEM.
    pub current_supply: i64,
    /// SBD in existence (`current_sbd_supply`), milli-SBD.
    pub current_sbd_supply: i64,
    /// The "post" reward fund.
    pub reward_fund: RewardFund,
    /// The vesting fund.
    pub vesting: VestingFund,
    /// The DAO's (treasury's) SBD, milli-SBD.
    pub dao_sbd: i64,
    /// Head block number.
    pub head_block: u32,
    /// Time of the head block, seconds since the start of the warm-up.
    pub time: u32,
    /// Reward fund's last update, seconds.
    pub reward_fund_last_update: u32,
}

/// The world: accounts, posts, globals, and what the ledger started from.
#[derive(Debug, Clone, Default)]
pub struct World {
    /// Accounts.
    pub accounts: Accounts,
    /// Live posts.
    pub posts: Posts,
    /// Global objects.
    pub globals: Globals,
    /// Block producers: the schedule's 21 accounts in slot order; slot 20 is the timeshare
    /// (backup) witness.
    pub witnesses: Vec<u32>,
    /// STEEM at the start, milli-STEEM.
    pub initial_supply: i64,
    /// STEEM minted so far (content + vesting + producers), milli-STEEM.
    pub minted_steem: i64,
    /// STEEM turned into SBD so far, milli-STEEM.
    pub converted_to_sbd: i64,
    /// SBD created so far (payouts and DAO), milli-SBD.
    pub sbd_created: i64,
    /// Post ids with the highest net_rshares, best first.
    pub trending: Vec<u64>,
    /// Live posts voted on that left their voter's ring of recent votes.
    pub evicted_votes: EvictedVotes,
    /// Scheduled power-down payments: (next_vesting_withdrawal, account), earliest first.
    pub withdrawal_queue: BTreeSet<(u32, u32)>,
    /// The vote market: sellers, their prices and orders not yet cast.
    pub bid_market: BidMarket,
    /// Curation trails: today's followers by leader and the trail votes not yet cast.
    pub trails: Trails,
    /// The present authors' attachment weights, from which newcomers draw whom they
    /// follow; `None` when nobody arrives or nobody follows.
    pub follow_index: Option<AttachmentIndex>,
    /// The top rank bucket of live posts, refreshed every step under `payouts =
    /// "relative"` (empty otherwise).
    pub coarse_trending: CoarseTrending,
    /// What recently paid posts paid per rshare (what curators weigh votes by).
    pub paid_per_rshare: PaidPerRshare,
    /// The community tokens' pools (`[pools.NAME]`), empty for a base chain alone.
    pub community: CommunityPools,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reused_vote_lists_stay_at_a_fresh_lists_capacity() {
        let vote = VoteRecord {
            voter: 1,
            time: 1,
            rshares: 1,
            weight: 1,
        };
        let facts = PostFacts {
            created: 0,
            quality: 0.5,
        };
        let mut posts = Posts::default();
        // A fresh list (nothing to reuse yet) after its post's first vote.
        posts.push(0, facts);
        posts.votes[0].push(vote);
        assert_eq!(posts.votes[0].capacity(), SPARE_LIST_CAPACITY);
        posts.remove_oldest(1);
        // Rounds of posts with 0 to 99 votes each, cashed out and replaced.
        for _ in 0..3 {
            for votes in 0..100 {
                let id = posts.push(votes, facts);
                let i = posts.index_of(id).unwrap();
                posts.votes[i].extend(std::iter::repeat_n(vote, votes as usize));
            }
            posts.remove_oldest(100);
        }
        assert!(posts.is_empty());
        for _ in 0..100 {
            let id = posts.push(0, facts);
            let list = &posts.votes[posts.index_of(id).unwrap()];
            assert!(list.is_empty());
            assert!(list.capacity() <= SPARE_LIST_CAPACITY);
        }
    }

    #[test]
    fn coarse_trending_is_the_top_bucket_of_live_posts_by_id() {
        let mut posts = Posts::default();
        let net = [50, 0, 70, 10, 90, 0, 30, 80, 20, 60, 40, 100];
        for (i, &n) in net.iter().enumerate() {
            let id = posts.push(i as u32, PostFacts::default());
            posts.net_rshares[(id - posts.base_id) as usize] = n;
        }
        let mut coarse = CoarseTrending::default();
        // 12 live posts, fifths: more than ⌈4·12/5⌉ − 1 = 9 strictly below → 90 and 100.
        coarse.refresh(&posts, 5);
        assert_eq!(coarse.posts, vec![4, 11]);
        // Halves: above the 6th smallest (40).
        coarse.refresh(&posts, 2);
        assert_eq!(coarse.posts, vec![0, 2, 4, 7, 9, 11]);
        // The three oldest cash out: 9 live posts left, top fifth above the 8th smallest.
        posts.remove_oldest(3);
        coarse.refresh(&posts, 5);
        assert_eq!(coarse.posts, vec![11]);
        // All equal: nothing stands out.
        let mut flat = Posts::default();
        for i in 0..5 {
            flat.push(i, PostFacts::default());
        }
        coarse.refresh(&flat, 5);
        assert!(coarse.posts.is_empty());
        coarse.refresh(&Posts::default(), 5);
        assert!(coarse.posts.is_empty());
    }
}
