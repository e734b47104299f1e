//! Which live posts an account voted on after they left its ring of recent votes
//! ([`super::voters::Voter`]): together with the ring, an exact answer to
//! "has this account already voted on this live post?" without scanning the post's votes.
//!
//! Invariant: every (account, post) pair pushed out of an account's ring while the post was
//! live is in the set until the post cashes out; pairs of cashed-out posts may linger until
//! [`EvictedVotes::forget_before`] and never match a live post, since ids are not reused.
//! Membership is all that is read, so the hasher (fixed, unseeded) cannot affect results.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::behaviour::rng::mix64;

/// A fixed, fast hasher for the packed (account, post) keys.
#[derive(Debug, Clone, Copy, Default)]
pub struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix64(self.0 ^ u64::from(b));
        }
    }

    fn write_u128(&mut self, key: u128) {
        self.0 = mix64(mix64(self.0 ^ key as u64) ^ (key >> 64) as u64);
    }
}

/// (account, post) pairs evicted from rings while the post was live.
#[derive(Debug, Clone, Default)]
pub struct EvictedVotes {
    pairs: HashSet<u128, BuildHasherDefault<PairHasher>>,
}

fn key(account: u32, post: u64) -> u128 {
    (u128::from(account) << 64) | u128::from(post)
}

impl EvictedVotes {
    /// Records that `account` voted on live post `post`.
    pub fn insert(&mut self, account: u32, post: u64) {
        self.pairs.insert(key(account, post));
    }

    /// True if `account`'s vote on `post` was recorded.
    pub fn contains(&self, account: u32, post: u64) -> bool {
        !self.pairs.is_empty() && self.pairs.contains(&key(account, post))
    }

    /// Drops the pairs of posts with ids below `first_live` (cashed out), and gives back
    /// the table's memory when it holds less than a third of what it has room for (the
    /// set is largest before the first posts cash out, and a table never shrinks by
    /// itself).
    pub fn forget_before(&mut self, first_live: u64) {
        self.pairs.retain(|&k| k as u64 >= first_live);
        if self.pairs.capacity() > 3 * self.pairs.len().max(1024) {
            self.pairs.shrink_to(2 * self.pairs.len());
        }
    }

    /// Number of pairs held.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when no pair is held.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_contains_forget() {
        let mut set = EvictedVotes::default();
        assert!(!set.contains(1, 5));
        set.insert(1, 5);
        set.insert(2, 9);
        assert!(set.contains(1, 5));
        assert!(!set.contains(5, 1));
        assert!(!set.contains(1, 9));
        set.forget_before(6);
        assert!(!set.contains(1, 5));
        assert!(set.contains(2, 9));
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn forgetting_most_pairs_gives_the_memory_back() {
        let mut set = EvictedVotes::default();
        for post in 0..100_000 {
            set.insert(post as u32 % 7, post);
        }
        let full = set.pairs.capacity();
        set.forget_before(99_000);
        assert_eq!(set.len(), 1_000);
        assert!(set.pairs.capacity() < full / 10);
        assert!((99_000..100_000).all(|post| set.contains(post as u32 % 7, post)));
        assert!(!set.contains(98_999 % 7, 98_999));
    }
}
