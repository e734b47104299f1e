//! The distribution of the posts' payouts (`payouts.csv`), exact and small: a count and a
//! reward sum per bin, in integers, instead of a row per post.
//!
//! Bins are 1-2-5 per decade of milli-STEEM — `[1, 2)`, `[2, 5)`, `[5, 10)`, `[10, 20)`, … up
//! to `[5·10^18, i64::MAX]` — with integer edges, found with `ilog10` and two compares; a
//! separate zero bin holds the posts paid exactly 0 (most posts, under most rules).
//! Invariant: integer counts and sums only, so merging histograms in any order gives the
//! same result.

use super::PayoutBinRow;

/// Index of the zero bin (posts paid exactly 0).
pub const ZERO_BIN: usize = 0;

/// Decades of milli-STEEM an `i64` reaches: 10^0 … 10^18.
const DECADES: usize = 19;

/// Number of bins: the zero bin, then three per decade.
pub const BINS: usize = 1 + 3 * DECADES;

/// The first digit of each bin's lower edge within its decade.
const STEPS: [i64; 3] = [1, 2, 5];

/// The bin of a post paid `reward` milli-STEEM: [`ZERO_BIN`] for 0, else `1 + 3 × decade +
/// step` where `10^decade ≤ reward < 10^(decade+1)` and step 0, 1, 2 for `[1, 2)`, `[2, 5)`,
/// `[5, 10)` × 10^decade. Rewards are never negative; a negative one would count as 0.
pub fn bin_of(reward: i64) -> usize {
    debug_assert!(reward >= 0, "a negative reward: {reward}");
    if reward <= 0 {
        return ZERO_BIN;
    }
    let decade = reward.ilog10();
    let power = 10_i64.pow(decade);
    // 5 × 10^18 < i64::MAX, so neither product overflows.
    let step = if reward < 2 * power {
        0
    } else if reward < 5 * power {
        1
    } else {
        2
    };
    1 + 3 * decade as usize + step
}

/// The edges of `bin`, milli-STEEM: `(low, high)`, low inclusive and high exclusive; `(0,
/// 0)` for the zero bin. The last bin's high edge, 10^19, does not fit in an `i64`: it is
/// `i64::MAX`, which that bin includes. `bin` must be below [`BINS`].
pub fn bin_edges(bin: usize) -> (i64, i64) {
    if bin == ZERO_BIN {
        return (0, 0);
    }
    let decade = (bin - 1) / 3;
    let step = (bin - 1) % 3;
    let power = 10_i64.pow(decade as u32);
    let high = match step {
        2 => power.checked_mul(10).unwrap_or(i64::MAX),
        _ => STEPS[step + 1] * power,
    };
    (STEPS[step] * power, high)
}

/// Posts and their rewards per payout bin (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutHistogram {
    /// Posts per bin.
    posts: [u64; BINS],
    /// Σ rewards per bin, milli-STEEM (i128: no sum of i64 rewards overflows it).
    rewards: [i128; BINS],
}

impl Default for PayoutHistogram {
    fn default() -> Self {
        PayoutHistogram {
            posts: [0; BINS],
            rewards: [0; BINS],
        }
    }
}

impl PayoutHistogram {
    /// Counts one post paid `reward` milli-STEEM.
    pub fn record(&mut self, reward: i64) {
        let bin = bin_of(reward);
        self.posts[bin] += 1;
        self.rewards[bin] += i128::from(reward);
    }

    /// Adds `other`'s posts and rewards to this histogram's.
    pub fn merge(&mut self, other: &PayoutHistogram) {
        for bin in 0..BINS {
            self.posts[bin] += other.posts[bin];
            self.rewards[bin] += other.rewards[bin];
        }
    }

    /// Posts counted, over every bin.
    pub fn posts(&self) -> u64 {
        self.posts.iter().sum()
    }

    /// The rows of replicate `replicate`, in ascending order: the zero bin always (even
    /// with no post in it), then every bin from the first to the last that holds a post,
    /// empty ones between included (no bin after the zero one if no post was paid).
    /// A reward sum beyond `i64::MAX` (never reached) is written as `i64::MAX`.
    pub fn rows(&self, replicate: u32) -> Vec<PayoutBinRow> {
        let held = |bin: &usize| self.posts[*bin] > 0;
        let first = (1..BINS).find(held);
        let last = (1..BINS).rev().find(held);
        let paid = match (first, last) {
            (Some(first), Some(last)) => first..last + 1,
            _ => 1..1,
        };
        std::iter::once(ZERO_BIN)
            .chain(paid)
            .map(|bin| {
                let (low_steem, high_steem) = bin_edges(bin);
                PayoutBinRow {
                    replicate,
                    low_steem,
                    high_steem,
                    posts: self.posts[bin],
                    reward_steem: i64::try_from(self.rewards[bin]).unwrap_or(i64::MAX),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_by_hand() {
        let cases: [(i64, (i64, i64)); 12] = [
            (0, (0, 0)),
            (1, (1, 2)),
            (2, (2, 5)),
            (4, (2, 5)),
            (5, (5, 10)),
            (9, (5, 10)),
            (10, (10, 20)),
            (1_999, (1_000, 2_000)),
            (2_000, (2_000, 5_000)),
            (4_999, (2_000, 5_000)),
            (5_000, (5_000, 10_000)),
            (999_999, (500_000, 1_000_000)),
        ];
        for (reward, edges) in cases {
            assert_eq!(bin_edges(bin_of(reward)), edges, "{reward}");
        }
        assert_eq!(bin_of(0), ZERO_BIN);
        assert_eq!(bin_of(1), 1);
    }

    #[test]
    fn the_largest_rewards_do_not_panic() {
        assert_eq!(bin_of(i64::MAX), BINS - 1);
        assert_eq!(bin_edges(BINS - 1), (5_000_000_000_000_000_000, i64::MAX));
        assert_eq!(
            bin_edges(bin_of(4_999_999_999_999_999_999)),
            (2_000_000_000_000_000_000, 5_000_000_000_000_000_000)
        );
        let mut histogram = PayoutHistogram::default();
        histogram.record(i64::MAX);
        histogram.record(i64::MAX);
        let rows = histogram.rows(0);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].posts, rows[1].reward_steem), (2, i64::MAX));
    }

    #[test]
    fn every_bin_contains_its_edges_and_bins_tile_the_range() {
        for bin in 1..BINS {
            let (low, high) = bin_edges(bin);
            assert_eq!(bin_of(low), bin);
            assert_eq!(bin_of(high - 1), bin);
            if bin + 1 < BINS {
                assert_eq!(bin_edges(bin + 1).0, high);
            }
        }
    }

    #[test]
    fn rows_fill_gaps_and_drop_empty_ends() {
        let mut a = PayoutHistogram::default();
        for reward in [0, 0, 0, 3, 4, 70] {
            a.record(reward);
        }
        let mut b = PayoutHistogram::default();
        b.record(1_500);
        a.merge(&b);
        assert_eq!(a.posts(), 7);
        let rows = a.rows(2);
        let cells: Vec<(i64, i64, u64, i64)> = rows
            .iter()
            .map(|r| (r.low_steem, r.high_steem, r.posts, r.reward_steem))
            .collect();
        assert_eq!(
            cells,
            [
                (0, 0, 3, 0),
                (2, 5, 2, 7),
                (5, 10, 0, 0),
                (10, 20, 0, 0),
                (20, 50, 0, 0),
                (50, 100, 1, 70),
                (100, 200, 0, 0),
                (200, 500, 0, 0),
                (500, 1_000, 0, 0),
                (1_000, 2_000, 1, 1_500),
            ]
        );
        assert!(rows.iter().all(|r| r.replicate == 2));
    }

    #[test]
    fn no_post_gives_the_zero_row_only() {
        let rows = PayoutHistogram::default().rows(0);
        assert_eq!(
            rows,
            [PayoutBinRow {
                replicate: 0,
                low_steem: 0,
                high_steem: 0,
                posts: 0,
                reward_steem: 0
            }]
        );
    }
}
