//! Inequality of stake (VESTS held) over the accounts present, kept up to date day by day
//! without sorting every account every day.
//!
//! The tracker keeps the present accounts' VESTS as one sorted list and, per account, the
//! amount it last counted. Each measurement scans the accounts for those whose VESTS or
//! presence changed since the last one (curators and authors paid, power ups and downs,
//! arrivals and exits: a minority on any day), radix-sorts their old and new amounts, and
//! rebuilds the list without the old ones and with the new ones, summing it for the Gini
//! coefficient on the way: O(accounts + changed) instead of a sort of every account. Equal
//! amounts are interchangeable in every statistic, so the list holds amounts only, and the
//! result is exactly that of sorting all present accounts' VESTS. Memory: 8 bytes per
//! account slot and twice 8 bytes per present account.
//!
//! Invariant: the result depends only on the accounts' VESTS and presence, not on the thread
//! count (the changes are sorted before they are applied, and sums are exact integers).

use rayon::prelude::*;

use super::inequality::Inequality;
use super::radix::radix_sort_by_key;

/// `counted` entry of an account not in the list (absent at the last measurement).
const NOT_COUNTED: i64 = -1;

/// Accounts scanned per parallel task.
const ACCOUNTS_PER_TASK: usize = 4096;

/// The present accounts' VESTS, sorted, as of the last [`StakeTracker::measure`].
#[derive(Debug, Clone, Default)]
pub struct StakeTracker {
    /// Per account, the VESTS (satoshis) it holds in `sorted`, or [`NOT_COUNTED`].
    counted: Vec<i64>,
    /// The counted VESTS, ascending.
    sorted: Vec<i64>,
    /// The next `sorted` is written here, then the two are swapped.
    next: Vec<i64>,
    /// Amounts to take out of `sorted` (scratch).
    removed: Vec<i64>,
    /// Amounts to put into `sorted` (scratch).
    added: Vec<i64>,
    /// Room for sorting each of them.
    scratch: (Vec<i64>, Vec<i64>),
}

impl StakeTracker {
    /// An empty tracker: the first measurement counts every present account.
    pub fn new() -> StakeTracker {
        StakeTracker::default()
    }

    /// The inequality of VESTS (satoshis, each ≥ 0) over the accounts present now: account
    /// `i` holds `vests[i]` and is present unless `roles[i] & absent` is set.
    pub fn measure(&mut self, roles: &[u8], absent: u8, vests: &[i64]) -> Inequality {
        assert_eq!(
            roles.len(),
            vests.len(),
            "one role and one balance per account"
        );
        if self.counted.is_empty() {
            return self.first_measure(roles, absent, vests);
        }
        if self.counted.len() < vests.len() {
            self.counted.resize(vests.len(), NOT_COUNTED);
        }
        let changes: Vec<(Vec<i64>, Vec<i64>)> = self.counted[..vests.len()]
            .par_chunks_mut(ACCOUNTS_PER_TASK)
            .zip(roles.par_chunks(ACCOUNTS_PER_TASK))
            .zip(vests.par_chunks(ACCOUNTS_PER_TASK))
            // One pair of lists per run of chunks a thread takes, not per chunk: fewer
            // allocations (their order does not matter: they are sorted next).
            .fold(
                || (Vec::new(), Vec::new()),
                |(mut removed, mut added), ((counted, roles), vests)| {
                    for ((c, &r), &v) in counted.iter_mut().zip(roles).zip(vests) {
                        let now = if r & absent == 0 { v } else { NOT_COUNTED };
                        if now != *c {
                            if *c != NOT_COUNTED {
                                removed.push(*c);
                            }
                            if now != NOT_COUNTED {
                                debug_assert!(now >= 0, "negative VESTS");
                                added.push(now);
                            }
                            *c = now;
                        }
                    }
                    (removed, added)
                },
            )
            .collect();
        self.removed.clear();
        self.added.clear();
        for (removed, added) in changes {
            self.removed.extend(removed);
            self.added.extend(added);
        }
        let (removed, added) = (&mut self.removed, &mut self.added);
        let (scratch_removed, scratch_added) = &mut self.scratch;
        rayon::join(
            || radix_sort_by_key(removed, scratch_removed, |&v| v as u64),
            || radix_sort_by_key(added, scratch_added, |&v| v as u64),
        );
        let (total, weighted) = rebuild(&self.sorted, &self.removed, &self.added, &mut self.next);
        std::mem::swap(&mut self.sorted, &mut self.next);
        let sorted = &self.sorted;
        Inequality::from_parts(
            sorted.len() as u64,
            total,
            weighted,
            sorted.iter().rev().map(|&x| (x, 1)),
        )
    }

    /// The first measurement: every present account's VESTS sorted in place (no change
    /// lists as long as the accounts).
    fn first_measure(&mut self, roles: &[u8], absent: u8, vests: &[i64]) -> Inequality {
        let counted = |(&r, &v): (&u8, &i64)| if r & absent == 0 { v } else { NOT_COUNTED };
        self.counted = roles.par_iter().zip(vests).map(counted).collect();
        self.sorted = self
            .counted
            .par_iter()
            .copied()
            .filter(|&v| v != NOT_COUNTED)
            .collect();
        debug_assert!(self.sorted.iter().all(|&v| v >= 0), "negative VESTS");
        self.sorted.par_sort_unstable();
        Inequality::of_sorted(&self.sorted)
    }

    /// Accounts counted at the last measurement.
    pub fn present(&self) -> u64 {
        self.sorted.len() as u64
    }
}

/// Parts [`rebuild`] splits the work into (by value, so that each part is independent).
const PARTS: usize = 16;

/// Writes the multiset `sorted` − `removed` + `added` into `next`, ascending, and returns
/// (Σ x, Σ rank · x) over it, ranks 1.. ascending. All three lists are ascending and
/// `removed` is a sub-multiset of `sorted`. The lists are cut into [`PARTS`] parts at the
/// same values, so each part of the result is made from the same parts of the lists, in
/// parallel; the result does not depend on the cuts.
fn rebuild(sorted: &[i64], removed: &[i64], added: &[i64], next: &mut Vec<i64>) -> (i128, i128) {
    let len = sorted.len() - removed.len() + added.len();
    // `next` is the buffer of two measurements ago: about the right length already, so
    // few of its cells are written twice.
    next.resize(len, 0);
    let spread = if sorted.is_empty() { added } else { sorted };
    // Part k takes the values in [cut k, cut k+1).
    let cuts: Vec<i64> = (1..PARTS)
        .map(|k| {
            spread
                .get(k * spread.len() / PARTS)
                .copied()
                .unwrap_or(i64::MAX)
        })
        .collect();
    let bounds = |list: &[i64]| -> Vec<usize> {
        std::iter::once(0)
            .chain(cuts.iter().map(|&c| list.partition_point(|&x| x < c)))
            .chain(std::iter::once(list.len()))
            .collect()
    };
    let (s, r, a) = (bounds(sorted), bounds(removed), bounds(added));
    let mut parts = Vec::with_capacity(PARTS);
    let mut rest = &mut next[..];
    let mut first_rank = 0;
    for k in 0..PARTS {
        let size = (s[k + 1] - s[k]) - (r[k + 1] - r[k]) + (a[k + 1] - a[k]);
        let (out, tail) = rest.split_at_mut(size);
        parts.push((
            out,
            first_rank,
            &sorted[s[k]..s[k + 1]],
            &removed[r[k]..r[k + 1]],
            &added[a[k]..a[k + 1]],
        ));
        rest = tail;
        first_rank += size;
    }
    parts
        .into_par_iter()
        .map(|(out, first_rank, sorted, removed, added)| {
            let (mut total, mut weighted) = (0i128, 0i128);
            let mut w = 0;
            let mut write = |x: i64| {
                out[w] = x;
                w += 1;
                total += i128::from(x);
                weighted += (first_rank + w) as i128 * i128::from(x);
            };
            let (mut i, mut j) = (0, 0);
            for &x in sorted {
                if i < removed.len() && removed[i] == x {
                    i += 1;
                    continue;
                }
                debug_assert!(
                    i == removed.len() || removed[i] > x,
                    "removed amount not held"
                );
                while j < added.len() && added[j] < x {
                    write(added[j]);
                    j += 1;
                }
                write(x);
            }
            for &x in &added[j..] {
                write(x);
            }
            debug_assert_eq!(i, removed.len(), "removed amounts not held");
            (total, weighted)
        })
        .reduce(|| (0, 0), |x, y| (x.0 + y.0, x.1 + y.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GONE: u8 = 8;

    /// What the tracker must give: all present accounts' VESTS sorted afresh.
    fn fresh(roles: &[u8], vests: &[i64]) -> Inequality {
        let mut present: Vec<i64> = roles
            .iter()
            .zip(vests)
            .filter(|(r, _)| *r & GONE == 0)
            .map(|(_, &v)| v)
            .collect();
        Inequality::of(&mut present)
    }

    #[test]
    fn table() {
        let mut t = StakeTracker::new();
        let i = t.measure(&[0, 0, GONE, 0], GONE, &[10, 0, 99, 30]);
        assert_eq!((i.count, i.total, i.nakamoto), (3, 40, 1));
        assert_eq!(t.sorted, [0, 10, 30]);
        // Account 2 arrives, 3 changes, 0 leaves.
        let i = t.measure(&[GONE, 0, 0, 0], GONE, &[10, 0, 99, 5]);
        assert_eq!(t.sorted, [0, 5, 99]);
        assert_eq!(i, fresh(&[GONE, 0, 0, 0], &[10, 0, 99, 5]));
        // More accounts than before.
        let i = t.measure(&[GONE, 0, 0, 0, 0], GONE, &[10, 0, 99, 5, 5]);
        assert_eq!(t.sorted, [0, 5, 5, 99]);
        assert_eq!(t.present(), 4);
        assert_eq!(i.nakamoto, 1);
    }

    #[test]
    fn rebuild_table() {
        let mut next = Vec::new();
        let sums = rebuild(&[1, 2, 2, 3, 5, 8], &[2, 5], &[0, 2, 9], &mut next);
        assert_eq!(next, [0, 1, 2, 2, 3, 8, 9]);
        // Σ = 25; Σ rank·x = 0 + 2 + 6 + 8 + 15 + 48 + 63 = 142.
        assert_eq!(sums, (25, 142));
        let sums = rebuild(&[], &[], &[4, 4], &mut next);
        assert_eq!((next.as_slice(), sums), (&[4, 4][..], (8, 12)));
        let sums = rebuild(&[7], &[7], &[], &mut next);
        assert_eq!((next.as_slice(), sums), (&[][..], (0, 0)));
        // Many parts, equal values across the cuts.
        let sorted: Vec<i64> = (0..1000).map(|i| i / 10).collect();
        let removed: Vec<i64> = (0..100).collect();
        let added: Vec<i64> = (0..100).map(|i| 2 * i).collect();
        let sums = rebuild(&sorted, &removed, &added, &mut next);
        let mut expected = sorted.clone();
        for v in &removed {
            let at = expected.iter().position(|x| x == v).unwrap();
            expected.remove(at);
        }
        expected.extend(&added);
        expected.sort_unstable();
        assert_eq!(next, expected);
        let weighted: i128 = expected
            .iter()
            .enumerate()
            .map(|(i, &x)| (i as i128 + 1) * i128::from(x))
            .sum();
        assert_eq!(
            sums,
            (expected.iter().map(|&x| i128::from(x)).sum(), weighted)
        );
    }

    proptest! {
        #[test]
        fn every_day_matches_a_fresh_sort(
            n in 1usize..300,
            days in prop::collection::vec(
                prop::collection::vec((any::<prop::sample::Index>(), 0..4u8, 0..50i64), 0..40),
                1..6,
            ),
        ) {
            let mut roles = vec![0u8; n];
            let mut vests: Vec<i64> = (0..n as i64).map(|i| i % 7).collect();
            let mut t = StakeTracker::new();
            for changes in days {
                for (who, what, amount) in changes {
                    let i = who.index(n);
                    match what {
                        0 => roles[i] ^= GONE,
                        1 => vests[i] = amount,
                        _ => vests[i] += amount,
                    }
                }
                prop_assert_eq!(t.measure(&roles, GONE, &vests), fresh(&roles, &vests));
                let mut expected: Vec<i64> = roles.iter().zip(&vests)
                    .filter(|(r, _)| *r & GONE == 0).map(|(_, &v)| v).collect();
                expected.sort_unstable();
                prop_assert_eq!(&t.sorted, &expected);
            }
        }
    }
}
