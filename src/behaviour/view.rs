//! The read-only view of the world that decisions see: the live posts as parallel slices,
//! the trending list, and what each account follows and wrote last. The engine fills it at
//! the start of a step; decisions made on it never see each other's effects.

use crate::mechanics::curve::RewardCurve;
use crate::scenario::PayoutVisibility;

/// Sentinel for "no post".
pub const NO_POST: u64 = u64::MAX;

/// What a decision reads of a post to judge it, packed so that one memory read gives both.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PostFacts {
    /// Creation time, seconds since the start of the warm-up.
    pub created: u32,
    /// Quality, 0..=1.
    pub quality: f32,
}

/// An account's latest post with its facts, so that a follower reads it in one go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatestPost {
    /// Post id, [`NO_POST`] if the account has not posted.
    pub id: u64,
    /// The post's facts (meaningless when `id` is [`NO_POST`]).
    pub facts: PostFacts,
}

impl LatestPost {
    /// No post yet.
    pub const NONE: LatestPost = LatestPost {
        id: NO_POST,
        facts: PostFacts {
            created: 0,
            quality: 0.0,
        },
    };
}

/// Live posts (created and not yet cashed out), oldest first, as parallel slices; the post
/// at index `i` has id `first_id + i`.
#[derive(Debug, Clone, Copy)]
pub struct PostsView<'a> {
    /// Id of the first (oldest) live post.
    pub first_id: u64,
    /// Author account per post.
    pub author: &'a [u32],
    /// Creation time and quality per post.
    pub facts: &'a [PostFacts],
    /// Net rshares per post so far (its pending payout's measure), VESTS satoshis.
    pub net_rshares: &'a [i64],
}

impl PostsView<'_> {
    /// Number of live posts.
    pub fn len(&self) -> usize {
        self.author.len()
    }

    /// True when there are no live posts.
    pub fn is_empty(&self) -> bool {
        self.author.is_empty()
    }

    /// Index of post `id` if it is live.
    pub fn index_of(&self, id: u64) -> Option<usize> {
        let i = id.checked_sub(self.first_id)? as usize;
        (i < self.len()).then_some(i)
    }

    /// Index of the first post created at or after `time` (binary search; creation times
    /// are non-decreasing).
    pub fn first_created_at_or_after(&self, time: u32) -> usize {
        self.facts.partition_point(|f| f.created < time)
    }
}

/// What a vote is worth, as a curator weighing where to put it can know from the chain's
/// public state and the rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VoteValue {
    /// The rules' author reward curve.
    pub curve: RewardCurve,
    /// Its `content_constant`, rshares.
    pub content_constant: u128,
    /// What a claim is worth now: the reward fund's balance over its recent claims,
    /// milli-STEEM per claim (0 before any claims).
    pub milli_steem_per_claim: f64,
    /// The rules' curation share of a post's reward, 0..=1.
    pub curation_share: f64,
    /// What recently paid posts paid per rshare of theirs, milli-STEEM per rshare (the
    /// going rate a curated vote's rshares earn, before the curation share); `None` before
    /// any post paid.
    pub paid_per_rshare: Option<f64>,
}

impl VoteValue {
    /// What `added` rshares add to the payout of a post at `before` rshares under the
    /// curve at the current price per claim, milli-STEEM (claims the curve cannot price
    /// count 0).
    pub fn added_payout(&self, before: u128, added: u128) -> f64 {
        let claims = |r: u128| self.curve.claims(r, self.content_constant).unwrap_or(0);
        let added = claims(before.saturating_add(added)).saturating_sub(claims(before));
        added as f64 * self.milli_steem_per_claim
    }
}

/// Everything a decision may read.
#[derive(Debug, Clone, Copy)]
pub struct WorldView<'a> {
    /// Start of the current step, seconds since the start of the warm-up.
    pub step_start: u32,
    /// Seconds from creation to cashout.
    pub cashout_window_seconds: u32,
    /// The live posts.
    pub posts: PostsView<'a>,
    /// Index in `posts` of the first post created at or after `step_start` − 1 day (the
    /// "new" posts), as [`PostsView::first_created_at_or_after`] gives it.
    pub recent_from: usize,
    /// The trending list. Under `public`: the post ids with the highest `net_rshares`
    /// (pending payout), best first; under `relative`: the live posts in the top rank
    /// bucket of pending payouts, by id (a coarse list, unordered within the bucket). Seen
    /// only when pending payouts are visible ([`WorldView::payouts`]).
    pub trending: &'a [u64],
    /// Who sees payouts, and when: decides whether the trending list and authors' past
    /// rewards can be seen.
    pub payouts: PayoutVisibility,
    /// Whether voter identities are visible (`[visibility] voters`): who voted on a post,
    /// so that self-votes, bought votes and a leader's votes can be told apart.
    pub voters_visible: bool,
    /// Latest post per account ([`LatestPost::NONE`] if none yet).
    pub latest_post: &'a [LatestPost],
    /// Reward of each account's last paid post, milli-STEEM; visible only when past payouts
    /// are, as amounts (read it through [`WorldView::past_payout`]).
    pub last_author_reward: &'a [i64],
    /// Rank bucket (0 = lowest) of each account's last paid post among the present
    /// authors' last payouts, published daily: what is visible of past payouts under
    /// `relative`.
    pub last_reward_bucket: &'a [u8],
    /// Followed authors, `follows_per_account` per account.
    pub follows: &'a [u32],
    /// Stride of `follows`.
    pub follows_per_account: usize,
    /// What votes are worth under the rules now.
    pub vote_value: VoteValue,
}

impl<'a> WorldView<'a> {
    /// Index of the first live post created at or after `time`, for `time` at or after
    /// `step_start` − 1 day: the search starts at `recent_from`.
    pub fn first_recent_at_or_after(&self, time: u32) -> usize {
        let from = self.recent_from.min(self.posts.len());
        from + self.posts.facts[from..].partition_point(|f| f.created < time)
    }

    /// True if a post created at `created` still takes votes at `now` (its cashout window
    /// has not ended).
    pub fn is_open(&self, created: u32, now: u32) -> bool {
        created + self.cashout_window_seconds > now
    }

    /// What can be seen of `author`'s last paid post, for ranking authors by it (what
    /// curation maximisers predict from): its reward in milli-STEEM when past payouts are
    /// visible as amounts, its rank bucket under `relative`, 0 when they are hidden.
    pub fn past_payout(&self, author: u32) -> i64 {
        let a = author as usize;
        match self.payouts {
            PayoutVisibility::Public | PayoutVisibility::AfterPayout => self.last_author_reward[a],
            PayoutVisibility::Relative => i64::from(self.last_reward_bucket[a]),
            PayoutVisibility::Hidden => 0,
        }
    }

    /// The authors `account` follows.
    pub fn follows_of(&self, account: u32) -> &'a [u32] {
        let k = self.follows_per_account;
        &self.follows[account as usize * k..(account as usize + 1) * k]
    }
}
