//! Inequality of stake (VESTS held) over the accounts present, kept up to date day by day
//! without sorting every account every day.
//!
//! The tracker keeps the present accounts' VESTS as one sorted list and, per account, the
//! amount it last counted. Each measurement scans the accounts for those whose VESTS or
//! presence changed since the last one (curators and authors paid, power ups and downs,
//! arrivals and exits: a minority on any day), removes their old amounts from the list and
//! merges in the new ones: O(accounts + changed · log changed) instead of a sort of every
//! account. Equal amounts are interchangeable in every statistic, so the list holds amounts
//! only, and the result is exactly that of sorting all present accounts' VESTS.
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
        remove_sorted(&mut self.sorted, &self.removed);
        merge_sorted(&mut self.sorted, &self.added);
        Inequality::of_sorted(&self.sorted)
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

/// Takes each member of `removed` (ascending, a sub-multiset of `sorted`) out of `sorted`
/// (ascending), in place.
fn remove_sorted(sorted: &mut Vec<i64>, removed: &[i64]) {
    let Some(&first) = removed.first() else {
        return;
    };
    // Nothing below the smallest removed amount moves.
    let from = sorted.partition_point(|&x| x < first);
    let mut write = from;
    let mut r = 0;
    for read in from..sorted.len() {
        let x = sorted[read];
        if r < removed.len() && removed[r] == x {
            r += 1;
        } else {
            debug_assert!(
                r == removed.len() || removed[r] > x,
                "removed amount not held"
            );
            sorted[write] = x;
            write += 1;
        }
    }
    debug_assert_eq!(r, removed.len(), "removed amounts not held");
    sorted.truncate(write);
}

/// Merges `added` (ascending) into `sorted` (ascending), in place, from the back.
fn merge_sorted(sorted: &mut Vec<i64>, added: &[i64]) {
    if added.is_empty() {
        return;
    }
    let mut i = sorted.len();
    let mut j = added.len();
    sorted.resize(i + j, 0);
    let mut out = sorted.len();
    while j > 0 {
        out -= 1;
        if i > 0 && sorted[i - 1] > added[j - 1] {
            sorted[out] = sorted[i - 1];
            i -= 1;
        } else {
            sorted[out] = added[j - 1];
            j -= 1;
        }
    }
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
    fn remove_and_merge() {
        let mut v = vec![1, 2, 2, 3, 5, 8];
        remove_sorted(&mut v, &[2, 5]);
        assert_eq!(v, [1, 2, 3, 8]);
        merge_sorted(&mut v, &[0, 2, 9]);
        assert_eq!(v, [0, 1, 2, 2, 3, 8, 9]);
        remove_sorted(&mut v, &[]);
        merge_sorted(&mut v, &[]);
        assert_eq!(v, [0, 1, 2, 2, 3, 8, 9]);
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
