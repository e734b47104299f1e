//! Inequality and rank statistics: the one implementation of the Gini coefficient, top
//! shares, the Nakamoto coefficient and Spearman's rank correlation used by every table.
//!
//! Amounts are non-negative integers (milli-STEEM, VESTS satoshis); every sum is exact
//! (i128) and only the final ratios are floats, so a statistic does not depend on the
//! order of its inputs, on how they were split between threads, or on how equal amounts are
//! ordered among themselves.
//!
//! Three representations of an ascending multiset feed the same statistics
//! ([`Inequality::from_parts`]): a sorted slice ([`Inequality::of_sorted`]), a number of
//! zeros below a sorted slice of the rest ([`Inequality::of_zeros_and_sorted`], so the
//! zeros need no sorting), and [`AmountCounts`], each distinct amount with its count.

use std::cmp::Ordering;

use rayon::prelude::*;

/// The top 1% of a count, basis points (of the count).
pub const TOP1_BP: u64 = 100;
/// The top 5% of a count, basis points.
pub const TOP5_BP: u64 = 500;
/// The top 10% of a count, basis points.
pub const TOP10_BP: u64 = 1_000;

/// Slices at least this long are summed in parallel chunks (exact integer sums, so the
/// result is the same).
const PARALLEL_FROM: usize = 1 << 16;

/// How many members "the top `bp` basis points" of `n` members are: ⌈n · bp / 10 000⌉,
/// at least 1 and at most `n` (0 when `n` is 0). The top 1% of 250 members is 3, of 100 is
/// 1, of 5 is 1.
pub fn top_count(n: u64, bp: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    let k = (u128::from(n) * u128::from(bp)).div_ceil(10_000);
    (k as u64).clamp(1, n)
}

/// The top 0.6% of a count, basis points: evidence.md C1 is stated for the top 0.6% of
/// accounts (211 of 34,866).
pub const TOP0_6_BP: u64 = 60;

/// Share of the total of `sorted` (ascending, each ≥ 0) held by its top `bp` basis points
/// of members ([`top_count`]: ⌈n · bp / 10 000⌉, at least one), exactly as
/// [`Inequality`]'s top shares; 0 when the total is 0. For shares other than those three.
pub fn top_share(sorted: &[i64], bp: u64) -> f64 {
    debug_assert!(sorted.windows(2).all(|w| w[0] <= w[1]));
    let k = top_count(sorted.len() as u64, bp) as usize;
    let total: i128 = sorted.iter().map(|&x| i128::from(x)).sum();
    if total <= 0 {
        return 0.0;
    }
    let top: i128 = sorted[sorted.len() - k..]
        .iter()
        .map(|&x| i128::from(x))
        .sum();
    top as f64 / total as f64
}

/// Inequality of a multiset of non-negative amounts. Amounts are in the caller's unit
/// (milli-STEEM, VESTS satoshis); shares and the coefficient are unitless.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Inequality {
    /// Number of members (amounts, zeros included).
    pub count: u64,
    /// Σ amounts, in the amounts' unit.
    pub total: i128,
    /// Gini coefficient, 0..=1 (0 = equal, → 1 = one takes all); 0 when there are no
    /// members or the total is 0.
    pub gini: f64,
    /// Share of the total held by the top 1% of members ([`top_count`]: ⌈1% of the
    /// count⌉, at least one); 0 when the total is 0.
    pub top1: f64,
    /// Same, top 5%.
    pub top5: f64,
    /// Same, top 10%.
    pub top10: f64,
    /// Nakamoto coefficient: the fewest members whose amounts together exceed half the
    /// total (1..=count); 0 when the total is 0.
    pub nakamoto: u64,
}

impl Inequality {
    /// Computes the statistics of `amounts` (each ≥ 0); sorts `amounts` ascending.
    pub fn of(amounts: &mut [i64]) -> Inequality {
        amounts.sort_unstable();
        Inequality::of_sorted(amounts)
    }

    /// The statistics of `sorted`, ascending, each ≥ 0.
    pub fn of_sorted(sorted: &[i64]) -> Inequality {
        Inequality::of_zeros_and_sorted(0, sorted)
    }

    /// The statistics of `zeros` members holding 0 and the members of `sorted`
    /// (ascending, each ≥ 0).
    pub fn of_zeros_and_sorted(zeros: u64, sorted: &[i64]) -> Inequality {
        debug_assert!(
            sorted.windows(2).all(|w| w[0] <= w[1]) && sorted.first().is_none_or(|&x| x >= 0)
        );
        let (total, weighted) = if sorted.len() >= PARALLEL_FROM {
            sorted
                .par_chunks(PARALLEL_FROM / 4)
                .enumerate()
                .map(|(c, chunk)| rank_sums(c * (PARALLEL_FROM / 4), chunk))
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        } else {
            rank_sums(0, sorted)
        };
        let count = zeros + sorted.len() as u64;
        // The zeros take ranks 1..=zeros, so every other rank moves up by `zeros`.
        let weighted = weighted + i128::from(zeros) * total;
        Inequality::from_parts(
            count,
            total,
            weighted,
            sorted
                .iter()
                .rev()
                .map(|&x| (x, 1))
                .chain(std::iter::once((0, zeros))),
        )
    }

    /// The statistics from their parts: `count` members, `total` = Σ amounts, `weighted` =
    /// Σ rankᵢ · xᵢ with ranks 1..=count ascending (equal amounts in any order), and the
    /// members from the largest down as (amount, how many) runs. Every constructor ends
    /// here.
    pub fn from_parts(
        count: u64,
        total: i128,
        weighted: i128,
        descending: impl Iterator<Item = (i64, u64)>,
    ) -> Inequality {
        if count == 0 || total <= 0 {
            return Inequality {
                count,
                total,
                ..Inequality::default()
            };
        }
        let n = count as f64;
        // G = 2 Σ i·x_i / (n Σ x) − (n + 1) / n, i = 1..n ascending; the sums are exact.
        let gini = (2.0 * weighted as f64 / (n * total as f64) - (n + 1.0) / n).clamp(0.0, 1.0);
        let wanted = [
            top_count(count, TOP1_BP),
            top_count(count, TOP5_BP),
            top_count(count, TOP10_BP),
        ];
        let mut top_sums = [None::<i128>; 3];
        let mut nakamoto = None;
        // Members taken from the top so far, and their Σ.
        let (mut taken, mut sum) = (0u64, 0i128);
        for (x, c) in descending {
            if c == 0 {
                continue;
            }
            let value = i128::from(x);
            for (k, top) in wanted.iter().zip(&mut top_sums) {
                if top.is_none() && taken + c >= *k {
                    *top = Some(sum + i128::from(*k - taken) * value);
                }
            }
            if nakamoto.is_none() && value > 0 {
                // Fewest t of this run with 2 (sum + t·x) > total.
                let t = (total - 2 * sum).div_euclid(2 * value) + 1;
                if t <= i128::from(c) {
                    nakamoto = Some(taken + t.max(1) as u64);
                }
            }
            taken += c;
            sum += i128::from(c) * value;
            if nakamoto.is_some() && top_sums.iter().all(Option::is_some) {
                break;
            }
        }
        let share = |s: Option<i128>| s.unwrap_or(total) as f64 / total as f64;
        Inequality {
            count,
            total,
            gini,
            top1: share(top_sums[0]),
            top5: share(top_sums[1]),
            top10: share(top_sums[2]),
            nakamoto: nakamoto.unwrap_or(count),
        }
    }
}

/// (Σ x, Σ rank · x) over `chunk`, whose first member has rank `first + 1`.
fn rank_sums(first: usize, chunk: &[i64]) -> (i128, i128) {
    let mut total = 0i128;
    let mut weighted = 0i128;
    for (i, &x) in chunk.iter().enumerate() {
        total += i128::from(x);
        weighted += (first + i + 1) as i128 * i128::from(x);
    }
    (total, weighted)
}

/// An exact multiset of non-negative amounts kept as (amount, count) runs, ascending: a
/// histogram with one bin per distinct amount, so the statistics are exactly those of the
/// amounts themselves. It takes 16 bytes per distinct amount, whatever the number of
/// members (payouts in milli-STEEM repeat a lot: most are small).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AmountCounts {
    runs: Vec<(i64, u64)>,
    scratch: Vec<(i64, u64)>,
}

impl AmountCounts {
    /// An empty multiset.
    pub fn new() -> AmountCounts {
        AmountCounts::default()
    }

    /// Adds the members of `sorted` (ascending, each ≥ 0), in O(distinct + `sorted`).
    pub fn add_sorted(&mut self, sorted: &[i64]) {
        debug_assert!(sorted.windows(2).all(|w| w[0] <= w[1]));
        if sorted.is_empty() {
            return;
        }
        let mut incoming = sorted
            .chunk_by(|a, b| a == b)
            .map(|c| (c[0], c.len() as u64))
            .peekable();
        let out = &mut self.scratch;
        out.clear();
        let mut old = self.runs.iter().copied().peekable();
        loop {
            let next = match (old.peek(), incoming.peek()) {
                (Some(&(x, a)), Some(&(y, b))) => match x.cmp(&y) {
                    Ordering::Less => old.next(),
                    Ordering::Greater => incoming.next(),
                    Ordering::Equal => {
                        old.next();
                        incoming.next();
                        Some((x, a + b))
                    }
                },
                (Some(_), None) => old.next(),
                (None, Some(_)) => incoming.next(),
                (None, None) => break,
            };
            out.extend(next);
        }
        std::mem::swap(&mut self.runs, &mut self.scratch);
    }

    /// Members counted.
    pub fn count(&self) -> u64 {
        self.runs.iter().map(|r| r.1).sum()
    }

    /// Distinct amounts held (the memory used is 16 bytes for each, twice).
    pub fn distinct(&self) -> usize {
        self.runs.len()
    }

    /// The statistics of the members counted.
    pub fn inequality(&self) -> Inequality {
        let (mut count, mut total, mut weighted) = (0u64, 0i128, 0i128);
        for &(x, c) in &self.runs {
            // This run takes ranks count+1 ..= count+c: Σ rank = c·count + c(c+1)/2.
            let ranks = i128::from(c) * i128::from(count) + i128::from(c) * i128::from(c + 1) / 2;
            weighted += ranks * i128::from(x);
            total += i128::from(c) * i128::from(x);
            count += c;
        }
        Inequality::from_parts(count, total, weighted, self.runs.iter().rev().copied())
    }
}

/// Spearman's rank correlation of the pairs (`x[i]`, `y[i]`): Pearson's correlation of
/// their ranks, equal values sharing the average of their ranks. −1..=1; NaN when there
/// are fewer than 2 pairs or either side is constant. Values are ordered by
/// [`f64::total_cmp`] with −0 taken as 0 (NaN inputs are ranked above everything).
///
/// The doubled average ranks are integers, so every sum is exact (i128) and the result
/// does not depend on the order of the pairs.
///
/// # Panics
/// If `x` and `y` differ in length.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(x.len(), y.len(), "spearman: unpaired values");
    let n = x.len();
    if n < 2 {
        return f64::NAN;
    }
    let (rx, ry) = rayon::join(|| doubled_ranks(x), || doubled_ranks(y));
    // With R = 2 · rank: Σ R = n (n + 1) on both sides, so with m = n,
    // S_xy = m Σ Rx Ry − (Σ Rx)(Σ Ry), and likewise S_xx, S_yy.
    let m = n as i128;
    let sum = m * (m + 1);
    let (mut xy, mut xx, mut yy) = (0i128, 0i128, 0i128);
    for (&a, &b) in rx.iter().zip(&ry) {
        let (a, b) = (i128::from(a), i128::from(b));
        xy += a * b;
        xx += a * a;
        yy += b * b;
    }
    let (sxy, sxx, syy) = (m * xy - sum * sum, m * xx - sum * sum, m * yy - sum * sum);
    if sxx == 0 || syy == 0 {
        return f64::NAN;
    }
    if sxx == syy && sxy.abs() == sxx {
        // The same ranks (or exactly reversed): ±1 exactly, whatever the rounding below.
        return sxy.signum() as f64;
    }
    (sxy as f64 / ((sxx as f64).sqrt() * (syy as f64).sqrt())).clamp(-1.0, 1.0)
}

/// Twice the average rank (1-based) of each value, in input order. The values equal to the
/// smallest (most payouts are 0) take the lowest ranks without being sorted.
fn doubled_ranks(values: &[f64]) -> Vec<u64> {
    let key = |v: f64| total_order_key(if v == 0.0 { 0.0 } else { v });
    let Some(lowest) = values.iter().map(|&v| key(v)).min() else {
        return Vec::new();
    };
    let mut order: Vec<(u64, u32)> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (key(v), i as u32))
        .filter(|&(k, _)| k != lowest)
        .collect();
    order.sort_unstable();
    // Ranks 1 ..= low: their average, doubled, is 1 + low.
    let low = values.len() - order.len();
    let mut ranks = vec![(1 + low) as u64; values.len()];
    let mut start = low;
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        let end = start + group.len();
        // Ranks start+1 ..= end; their average, doubled.
        let doubled = (start + 1 + end) as u64;
        for &(_, i) in group {
            ranks[i as usize] = doubled;
        }
        start = end;
    }
    ranks
}

/// An unsigned key that orders as [`f64::total_cmp`] orders the values (equal keys ⇔ equal
/// bits), so that pairs sort as plain integers.
fn total_order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// Mean of the finite values of `values` (in their order); `None` when there are none.
pub fn mean_of_finite(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (n, sum) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((0u64, 0.0), |(n, s), v| (n + 1, s + v));
    (n > 0).then(|| sum / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    /// Gini by definition: Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean).
    fn gini_by_pairs(x: &[i64]) -> f64 {
        let n = x.len() as f64;
        let total: i64 = x.iter().sum();
        if x.is_empty() || total == 0 {
            return 0.0;
        }
        let pairs: i64 = x
            .iter()
            .flat_map(|a| x.iter().map(move |b| (a - b).abs()))
            .sum();
        pairs as f64 / (2.0 * n * total as f64)
    }

    #[test]
    fn top_count_rounds_up_to_at_least_one() {
        assert_eq!(top_count(0, TOP1_BP), 0);
        assert_eq!(top_count(1, TOP1_BP), 1);
        assert_eq!(top_count(5, TOP10_BP), 1);
        assert_eq!(top_count(100, TOP1_BP), 1);
        assert_eq!(top_count(101, TOP1_BP), 2);
        assert_eq!(top_count(250, TOP1_BP), 3);
        assert_eq!(top_count(30, TOP10_BP), 3);
        assert_eq!(top_count(31, TOP10_BP), 4);
        assert_eq!(top_count(20, TOP5_BP), 1);
        assert_eq!(top_count(21, TOP5_BP), 2);
        assert_eq!(top_count(7, 10_000), 7);
    }

    #[test]
    fn top_count_is_the_float_ceiling_the_tables_always_used() {
        // Earlier versions took ⌈n × 0.01⌉ and ⌈n × 0.1⌉ in f64: the same counts.
        for n in 1..200_000u64 {
            for (bp, share) in [(TOP1_BP, 0.01), (TOP10_BP, 0.10)] {
                let float = ((n as f64 * share).ceil() as u64).clamp(1, n);
                assert_eq!(top_count(n, bp), float, "n = {n}, {bp} bp");
            }
        }
    }

    #[test]
    fn inequality_table() {
        let i = Inequality::of(&mut [5, 5, 5, 5]);
        assert_eq!((i.total, i.gini, i.top10, i.nakamoto), (20, 0.0, 0.25, 3));
        let i = Inequality::of(&mut [0, 0, 0, 10]);
        assert!(close(i.gini, 0.75));
        assert_eq!((i.top1, i.nakamoto), (1.0, 1));
        let i = Inequality::of(&mut []);
        assert_eq!(i, Inequality::default());
        let i = Inequality::of(&mut [0, 0]);
        assert_eq!((i.count, i.gini, i.top1, i.nakamoto), (2, 0.0, 0.0, 0));
        // 100 members: top 1% is one member, top 5% five, top 10% ten.
        let mut v: Vec<i64> = (1..=100).collect();
        let i = Inequality::of(&mut v);
        assert!(close(i.top1, 100.0 / 5050.0));
        assert!(close(i.top5, (96..=100).sum::<i64>() as f64 / 5050.0));
        assert!(close(i.top10, (91..=100).sum::<i64>() as f64 / 5050.0));
        // 1..=100: G = (n − 1) / (3 n) = 0.33.
        assert!(close(i.gini, 0.33));
        // The top 30 hold 100 + … + 71 = 2565 > 2525; the top 29 hold 2494.
        assert_eq!(i.nakamoto, 30);
    }

    #[test]
    fn nakamoto_table() {
        // Exactly half is not more than half.
        assert_eq!(Inequality::of(&mut [5, 5]).nakamoto, 2);
        assert_eq!(Inequality::of(&mut [1, 5, 5]).nakamoto, 2);
        assert_eq!(Inequality::of(&mut [1, 1, 5]).nakamoto, 1);
        assert_eq!(Inequality::of(&mut [3, 3, 3, 3, 3]).nakamoto, 3);
        assert_eq!(Inequality::of(&mut [0, 0, 7]).nakamoto, 1);
        assert_eq!(Inequality::of(&mut [1, 2, 3, 4]).nakamoto, 2);
        assert_eq!(Inequality::of(&mut [2, 2, 3, 3]).nakamoto, 2);
    }

    #[test]
    fn gini_table() {
        // [1, 2, 3]: Σ|xi − xj| = 8, 2 n² mean = 2·9·2 = 36.
        assert!(close(Inequality::of(&mut [3, 1, 2]).gini, 8.0 / 36.0));
        // [0, 10]: 20 / (2·4·5) = 0.5.
        assert!(close(Inequality::of(&mut [10, 0]).gini, 0.5));
        assert_eq!(Inequality::of(&mut [7]).gini, 0.0);
    }

    #[test]
    fn zeros_below_sorted_are_the_same_as_zeros_sorted_in() {
        let with = Inequality::of(&mut [0, 0, 0, 2, 4, 9]);
        let without = Inequality::of_zeros_and_sorted(3, &[2, 4, 9]);
        assert_eq!(with, without);
        assert!(close(with.gini, gini_by_pairs(&[0, 0, 0, 2, 4, 9])));
    }

    #[test]
    fn large_slices_summed_in_parallel_match() {
        let v: Vec<i64> = (0..300_000i64).map(|i| (i * i) % 1_000_003).collect();
        let mut sorted = v.clone();
        sorted.sort_unstable();
        let parallel = Inequality::of_sorted(&sorted);
        let (total, weighted) = rank_sums(0, &sorted);
        let serial = Inequality::from_parts(
            sorted.len() as u64,
            total,
            weighted,
            sorted.iter().rev().map(|&x| (x, 1)),
        );
        assert_eq!(parallel, serial);
    }

    #[test]
    fn amount_counts_table() {
        let mut counts = AmountCounts::new();
        counts.add_sorted(&[1, 1, 5]);
        counts.add_sorted(&[]);
        counts.add_sorted(&[0, 1, 7, 7]);
        assert_eq!(counts.runs, [(0, 1), (1, 3), (5, 1), (7, 2)]);
        assert_eq!((counts.count(), counts.distinct()), (7, 4));
        assert_eq!(
            counts.inequality(),
            Inequality::of(&mut [1, 1, 5, 0, 1, 7, 7])
        );
        assert_eq!(AmountCounts::new().inequality(), Inequality::default());
    }

    #[test]
    fn spearman_table() {
        assert!(spearman(&[], &[]).is_nan());
        assert!(spearman(&[1.0], &[2.0]).is_nan());
        assert!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).is_nan());
        assert!(spearman(&[1.0, 2.0, 3.0], &[0.0, 0.0, 0.0]).is_nan());
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]), 1.0);
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), -1.0);
        // Ranks x = 1 2 3 4 5, y = 2 1 4 3 5: Σd² = 4, ρ = 1 − 6·4 / (5·24) = 0.8.
        assert!(close(
            spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 4.0, 3.0, 5.0]),
            0.8
        ));
        // Ties: x = [1, 2, 2, 3] → ranks 1, 2.5, 2.5, 4; y = [1, 0, 3, 2] → 2, 1, 4, 3.
        // Pearson of the ranks: Σ (rx − 2.5)(ry − 2.5) = 0.75 + 0 + 0 + 0.75 = 1.5,
        // Σ (rx − 2.5)² = 4.5, Σ (ry − 2.5)² = 5: ρ = 1.5 / √22.5.
        assert!(close(
            spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 0.0, 3.0, 2.0]),
            1.5 / 22.5f64.sqrt()
        ));
        // −0 and 0 tie.
        assert_eq!(spearman(&[-0.0, 0.0, 1.0], &[0.0, 0.0, 5.0]), 1.0);
    }

    #[test]
    fn doubled_ranks_average_ties() {
        assert_eq!(doubled_ranks(&[3.0, 1.0, 3.0, 2.0, 3.0]), [8, 2, 8, 4, 8]);
        assert_eq!(doubled_ranks(&[0.0, 5.0, 0.0, -0.0, 1.0]), [4, 10, 4, 4, 8]);
        assert_eq!(doubled_ranks(&[-1.0, 2.0, -1.0]), [3, 6, 3]);
        assert_eq!(doubled_ranks(&[7.0]), [2]);
        assert_eq!(doubled_ranks(&[]), [0u64; 0]);
    }

    #[test]
    fn total_order_keys_order_as_total_cmp() {
        let values = [
            f64::NEG_INFINITY,
            -1e300,
            -1.0,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            0.5,
            1.0,
            f64::INFINITY,
            f64::NAN,
        ];
        for a in values {
            for b in values {
                assert_eq!(
                    total_order_key(a).cmp(&total_order_key(b)),
                    a.total_cmp(&b),
                    "{a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn mean_of_finite_skips_nan() {
        assert_eq!(mean_of_finite([1.0, f64::NAN, 3.0]), Some(2.0));
        assert_eq!(mean_of_finite([f64::NAN]), None);
        assert_eq!(mean_of_finite([]), None);
    }

    fn amounts() -> impl Strategy<Value = Vec<i64>> {
        prop::collection::vec(
            prop_oneof![Just(0i64), 0..20i64, 0..i64::MAX / (1 << 24)],
            0..200,
        )
    }

    proptest! {
        #[test]
        fn inequality_is_in_range(mut v in amounts()) {
            let i = Inequality::of(&mut v);
            prop_assert!((0.0..=1.0).contains(&i.gini));
            for share in [i.top1, i.top5, i.top10] {
                prop_assert!((0.0..=1.0).contains(&share));
            }
            prop_assert!(i.top1 <= i.top5 && i.top5 <= i.top10);
            if i.total > 0 {
                prop_assert!(i.nakamoto >= 1 && i.nakamoto <= i.count);
                // Fewest: the top `nakamoto` exceed half, one fewer do not.
                let top: i128 = v.iter().rev().take(i.nakamoto as usize).map(|&x| i128::from(x)).sum();
                let fewer = top - i128::from(v[v.len() - i.nakamoto as usize]);
                prop_assert!(2 * top > i.total && 2 * fewer <= i.total);
            } else {
                prop_assert_eq!(i.nakamoto, 0);
            }
        }

        #[test]
        fn gini_matches_the_pairwise_definition(mut v in prop::collection::vec(0..1_000_000i64, 0..60)) {
            let i = Inequality::of(&mut v);
            prop_assert!((i.gini - gini_by_pairs(&v)).abs() < 1e-9);
        }

        #[test]
        fn every_representation_gives_the_same(v in amounts(), cut in 0usize..200) {
            let mut sorted = v.clone();
            sorted.sort_unstable();
            let direct = Inequality::of_sorted(&sorted);
            let zeros = sorted.iter().take_while(|&&x| x == 0).count();
            prop_assert_eq!(Inequality::of_zeros_and_sorted(zeros as u64, &sorted[zeros..]), direct);
            // Counted in two batches.
            let cut = cut.min(v.len());
            let (mut a, mut b) = (v[..cut].to_vec(), v[cut..].to_vec());
            a.sort_unstable();
            b.sort_unstable();
            let mut counts = AmountCounts::new();
            counts.add_sorted(&a);
            counts.add_sorted(&b);
            prop_assert_eq!(counts.count(), v.len() as u64);
            prop_assert_eq!(counts.inequality(), direct);
        }

        #[test]
        fn inequality_ignores_order(v in amounts(), seed in any::<u64>()) {
            let mut shuffled = v.clone();
            shuffle(&mut shuffled, seed);
            prop_assert_eq!(Inequality::of(&mut v.clone()), Inequality::of(&mut shuffled));
        }

        #[test]
        fn spearman_is_in_range_and_symmetric(
            pairs in prop::collection::vec((0..10u8, -5..5i32), 0..80),
        ) {
            let x: Vec<f64> = pairs.iter().map(|p| f64::from(p.0) / 10.0).collect();
            let y: Vec<f64> = pairs.iter().map(|p| f64::from(p.1)).collect();
            let rho = spearman(&x, &y);
            if !rho.is_nan() {
                prop_assert!((-1.0..=1.0).contains(&rho));
                prop_assert_eq!(rho, spearman(&y, &x));
                let negated: Vec<f64> = y.iter().map(|v| -v).collect();
                prop_assert!((spearman(&x, &negated) + rho).abs() < 1e-12);
            } else {
                let constant = |v: &[f64]| v.iter().all(|&a| a == v[0]);
                prop_assert!(x.len() < 2 || constant(&x) || constant(&y));
            }
        }

        #[test]
        fn spearman_is_one_for_monotone_pairs(x in prop::collection::vec(0..50i32, 2..80)) {
            prop_assume!(x.iter().any(|&a| a != x[0]));
            let xs: Vec<f64> = x.iter().map(|&a| f64::from(a)).collect();
            // Any increasing transform, ties kept where x ties.
            let ys: Vec<f64> = x.iter().map(|&a| f64::from(a).powi(3) + 1e6).collect();
            prop_assert_eq!(spearman(&xs, &ys), 1.0);
            let down: Vec<f64> = x.iter().map(|&a| -f64::from(a).exp()).collect();
            prop_assert_eq!(spearman(&xs, &down), -1.0);
        }

        #[test]
        fn spearman_ignores_the_order_of_pairs(
            pairs in prop::collection::vec((0..10u8, 0..1000u32), 0..80),
            seed in any::<u64>(),
        ) {
            let mut shuffled = pairs.clone();
            shuffle(&mut shuffled, seed);
            let split = |p: &[(u8, u32)]| -> (Vec<f64>, Vec<f64>) {
                p.iter().map(|&(a, b)| (f64::from(a), f64::from(b))).unzip()
            };
            let (x, y) = split(&pairs);
            let (sx, sy) = split(&shuffled);
            let (a, b) = (spearman(&x, &y), spearman(&sx, &sy));
            prop_assert!(a == b || (a.is_nan() && b.is_nan()));
        }
    }

    /// A deterministic Fisher–Yates shuffle (xorshift64*).
    fn shuffle<T>(v: &mut [T], seed: u64) {
        let mut s = seed | 1;
        for i in (1..v.len()).rev() {
            s ^= s >> 12;
            s ^= s << 25;
            s ^= s >> 27;
            let j = (s.wrapping_mul(0x2545_f491_4f6c_dd1d) % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }

    #[test]
    fn top_share_agrees_with_the_top_shares() {
        let mut amounts: Vec<i64> = (0..997).map(|i| (i * i) % 1_013).collect();
        amounts.sort_unstable();
        let inequality = Inequality::of_sorted(&amounts);
        assert_eq!(top_share(&amounts, TOP1_BP), inequality.top1);
        assert_eq!(top_share(&amounts, TOP10_BP), inequality.top10);
        // The top 0.6% of 1,000 is 6 members; of 100, 1.
        let hundred: Vec<i64> = (1..=100).collect();
        assert_eq!(top_share(&hundred, TOP0_6_BP), 100.0 / 5_050.0);
        let thousand: Vec<i64> = (1..=1_000).collect();
        let top6: i64 = (995..=1_000).sum();
        assert_eq!(top_share(&thousand, TOP0_6_BP), top6 as f64 / 500_500.0);
        assert_eq!(top_share(&[0, 0], TOP0_6_BP), 0.0);
        assert_eq!(top_share(&[], TOP0_6_BP), 0.0);
    }
}
