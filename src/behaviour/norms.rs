//! Activity norms: how an account's posting and voting respond to seeing how active its
//! comparison group is (`[visibility] activity_counts`, `[norms]`). Pure; the engine
//! computes each active account's factors at the day's end (`engine/comparison.rs`) and
//! the day plans scale the post and vote rates by them.
//!
//! Evidence vs assumption: Chen, Harper, Konstan & Li (AER 2010) showed MovieLens users the
//! median number of ratings: below-median users raised their ratings by 530%, above-median
//! users cut theirs by 62% \[abs\]. Visible activity counts thus pull everyone towards the
//! median, separately from visible payouts (evidence.md §3). The form (linear in the gap,
//! saturating far from the median) and the sizes, `[norms]` `below_median_raise` (0.25) and
//! `above_median_cut` (0.03), a twentieth of MovieLens's, are assumptions: a one-off
//! e-mail to raters does not carry its size over to a reward platform.

use crate::scenario::NormsConfig;

/// The factor on an account's rate (posts or votes a day, as an exponential average) of
/// `own` when its group's median rate is `median`: 1 + `below_median_raise` × (median −
/// own) / median below the median, 1 − `above_median_cut` × (own − median) / own above
/// it, 1 at it or when either is not a finite number ≥ 0.
pub fn norm_factor(own: f64, median: f64, config: &NormsConfig) -> f64 {
    if !(own.is_finite() && median.is_finite() && own >= 0.0 && median >= 0.0) {
        return 1.0;
    }
    if own < median {
        1.0 + config.below_median_raise * (median - own) / median
    } else if own > median {
        1.0 - config.above_median_cut * (own - median) / own
    } else {
        1.0
    }
}

/// The median of `values` (reordered; the mean of the two middle values for an even
/// count), `None` if empty. NaNs must have been left out.
pub fn median(values: &mut [f32]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (_, &mut upper, _) = values.select_nth_unstable_by(n / 2, f32::total_cmp);
    if n % 2 == 1 {
        return Some(f64::from(upper));
    }
    let lower = values[..n / 2]
        .iter()
        .copied()
        .max_by(f32::total_cmp)
        .expect("n ≥ 2");
    Some((f64::from(lower) + f64::from(upper)) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn below_the_median_raises_above_cuts() {
        let c = NormsConfig::default();
        assert_eq!(norm_factor(0.0, 10.0, &c), 1.25);
        assert!((norm_factor(5.0, 10.0, &c) - 1.125).abs() < 1e-12);
        assert_eq!(norm_factor(10.0, 10.0, &c), 1.0);
        assert!((norm_factor(20.0, 10.0, &c) - 0.985).abs() < 1e-12);
        assert!((norm_factor(1e9, 10.0, &c) - 0.97).abs() < 1e-6);
        // Everyone idle, or a group that does nothing.
        assert_eq!(norm_factor(0.0, 0.0, &c), 1.0);
        assert_eq!(norm_factor(3.0, 0.0, &c), 0.97);
        assert_eq!(norm_factor(f64::NAN, 1.0, &c), 1.0);
        let off = NormsConfig {
            below_median_raise: 0.0,
            above_median_cut: 0.0,
            ..c
        };
        assert_eq!(norm_factor(0.0, 10.0, &off), 1.0);
        assert_eq!(norm_factor(20.0, 10.0, &off), 1.0);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    proptest! {
        #[test]
        fn factors_stay_within_their_bounds(own in 0.0..1e6f64, median in 0.0..1e6f64) {
            let c = NormsConfig::default();
            let f = norm_factor(own, median, &c);
            prop_assert!((1.0 - c.above_median_cut..=1.0 + c.below_median_raise).contains(&f));
            let direction = if own <= median { f >= 1.0 } else { f <= 1.0 };
            prop_assert!(direction, "{own} {median} {f}");
        }
    }
}
