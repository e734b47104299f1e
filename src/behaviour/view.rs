//! The read-only view of the world that decisions see: the live posts as parallel slices,
//! the trending list, and what each account follows and wrote last. The engine fills it at
//! the start of a step; decisions made on it never see each other's effects.

/// Sentinel for "no post".
pub const NO_POST: u64 = u64::MAX;

/// Live posts (created and not yet cashed out), oldest first, as parallel slices; the post
/// at index `i` has id `first_id + i`.
#[derive(Debug, Clone, Copy)]
pub struct PostsView<'a> {
    /// Id of the first (oldest) live post.
    pub first_id: u64,
    /// Author account per post.
    pub author: &'a [u32],
    /// Creation time per post, seconds since the start of the warm-up.
    pub created: &'a [u32],
    /// Quality per post, 0..=1.
    pub quality: &'a [f32],
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
        self.created.partition_point(|&c| c < time)
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
    /// Post ids with the highest `net_rshares` (pending payout), best first.
    pub trending: &'a [u64],
    /// Latest post id per account ([`NO_POST`] if none yet).
    pub latest_post: &'a [u64],
    /// Reward of each account's last paid post, milli-STEEM (what maximisers predict from).
    pub last_author_reward: &'a [i64],
    /// Followed authors, `follows_per_account` per account.
    pub follows: &'a [u32],
    /// Stride of `follows`.
    pub follows_per_account: usize,
}

impl<'a> WorldView<'a> {
    /// Index of the first live post created at or after `time`, for `time` at or after
    /// `step_start` − 1 day: the search starts at `recent_from`.
    pub fn first_recent_at_or_after(&self, time: u32) -> usize {
        let from = self.recent_from.min(self.posts.len());
        from + self.posts.created[from..].partition_point(|&c| c < time)
    }

    /// The authors `account` follows.
    pub fn follows_of(&self, account: u32) -> &'a [u32] {
        let k = self.follows_per_account;
        &self.follows[account as usize * k..(account as usize + 1) * k]
    }
}
