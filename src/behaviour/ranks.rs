//! Rank buckets: what `[visibility] payouts = "relative"` shows instead of amounts. A
//! value's bucket is which of `buckets` equal parts of a distribution it falls in, by the
//! share of the distribution strictly below it: bucket = ⌊buckets × #{v < x} / n⌋, so
//! equal values share a bucket (the lowest they could occupy) and nothing finer than the
//! bucket can be read off. Pure; the engine publishes the buckets of accounts' earnings and
//! of last payouts once a day, and the top bucket of live posts every step.
//!
//! Evidence vs assumption: Card, Mas, Moretti & Saez (2012) found that rank in the
//! comparison group mattered more than the level of pay \[abs\], which is what a relative
//! display keeps. Buckets of equal size (quantiles) are an assumption.

use std::cmp::Ordering;

/// The bucket edges of `values` for `buckets` (≥ 1) buckets: edge b (for b = 1..buckets)
/// is the ⌈b·n/buckets⌉-th smallest value, and a value lies in bucket ≥ b exactly when it
/// exceeds edge b. Reorders `values`; empty when `values` is. `cmp` must be a total order.
pub fn edges<T: Copy>(values: &mut [T], buckets: u32, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let n = values.len() as u64;
    if n == 0 {
        return Vec::new();
    }
    let buckets = u64::from(buckets.max(1));
    let mut out = Vec::with_capacity(buckets as usize - 1);
    let mut from = 0usize;
    for b in 1..buckets {
        // The c-th smallest (1-based), c = ⌈b·n/buckets⌉ ≥ 1.
        let at = ((b * n).div_ceil(buckets) - 1) as usize;
        // Everything before `from` is no larger than values[from], which is in place.
        values[from..].select_nth_unstable_by(at - from, &cmp);
        out.push(values[at]);
        from = at;
    }
    out
}

/// The bucket (0 = lowest) of `x` given the `edges` of a distribution: the number of edges
/// strictly below it.
pub fn bucket<T>(edges: &[T], x: &T, cmp: impl Fn(&T, &T) -> Ordering) -> u8 {
    edges.partition_point(|e| cmp(e, x) == Ordering::Less) as u8
}

/// The middle of bucket `bucket` of `buckets` as a quantile, in (0, 1): what a relative
/// display lets one read off a bucket.
pub fn midpoint(bucket: u8, buckets: u32) -> f64 {
    (f64::from(bucket) + 0.5) / f64::from(buckets.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn buckets_of(values: &[i64], buckets: u32) -> Vec<u8> {
        let mut sorted = values.to_vec();
        let e = edges(&mut sorted, buckets, i64::cmp);
        values.iter().map(|x| bucket(&e, x, i64::cmp)).collect()
    }

    #[test]
    fn fifths_of_a_distribution() {
        let values: Vec<i64> = (1..=10).collect();
        assert_eq!(buckets_of(&values, 5), vec![0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
        // Ties share the lowest bucket they could be in: half the values are 0.
        let values = [0, 0, 0, 0, 0, 1, 2, 3, 4, 5];
        assert_eq!(buckets_of(&values, 5), vec![0, 0, 0, 0, 0, 2, 3, 3, 4, 4]);
        assert_eq!(buckets_of(&[7; 4], 5), vec![0; 4]);
        assert_eq!(buckets_of(&[], 5), Vec::<u8>::new());
        // A value outside the distribution.
        let mut v: Vec<i64> = (1..=10).collect();
        let e = edges(&mut v, 5, i64::cmp);
        assert_eq!(bucket(&e, &1000, i64::cmp), 4);
        assert_eq!(bucket(&e, &-5, i64::cmp), 0);
        assert_eq!(midpoint(0, 5), 0.1);
        assert_eq!(midpoint(4, 5), 0.9);
    }

    proptest! {
        #[test]
        fn a_bucket_is_the_share_strictly_below(
            values in prop::collection::vec(0i64..20, 1..200),
            buckets in 2u32..12,
        ) {
            let got = buckets_of(&values, buckets);
            let n = values.len() as u64;
            for (x, b) in values.iter().zip(got) {
                let below = values.iter().filter(|v| *v < x).count() as u64;
                prop_assert_eq!(u64::from(b), u64::from(buckets) * below / n);
            }
        }
    }
}
