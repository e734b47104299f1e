//! The statistics of a comparison over replicates: mean, sample standard deviation and the
//! Student t confidence interval of a mean. Pure functions over `f64` samples, summed in the
//! order given, so the same samples give the same bits whatever the thread count.
//!
//! Units: every result has the unit of the samples (the t quantile is a pure number).

use statrs::distribution::{ContinuousCDF, StudentsT};

/// The confidence level of the intervals `compare` reports (95%).
pub const CONFIDENCE: f64 = 0.95;

/// The mean of `samples`, in their unit; `None` without samples. Summed as deviations from
/// the first sample (x₀ + Σ(xᵢ − x₀) ÷ n), so equal samples give exactly their value and
/// large values with small differences lose less to rounding.
pub fn mean(samples: &[f64]) -> Option<f64> {
    let first = *samples.first()?;
    let deviations: f64 = samples.iter().map(|x| x - first).sum();
    Some(first + deviations / samples.len() as f64)
}

/// The sample standard deviation of `samples` (denominator n − 1), in their unit; `None`
/// with fewer than 2 samples. Two passes (mean first), so equal samples give exactly 0.
pub fn standard_deviation(samples: &[f64]) -> Option<f64> {
    if samples.len() < 2 {
        return None;
    }
    let mean = mean(samples)?;
    let squares: f64 = samples.iter().map(|x| (x - mean) * (x - mean)).sum();
    Some((squares / (samples.len() - 1) as f64).sqrt())
}

/// The two-sided Student t quantile for `confidence` (0..1) with `freedom` degrees of
/// freedom: t with P(|T| ≤ t) = confidence (12.706 for 95% and 1 degree); `None` for 0
/// degrees or a confidence outside (0, 1). Computed by `statrs`.
pub fn t_quantile(confidence: f64, freedom: u32) -> Option<f64> {
    if freedom == 0 || !(confidence > 0.0 && confidence < 1.0) {
        return None;
    }
    let t = StudentsT::new(0.0, 1.0, f64::from(freedom)).ok()?;
    Some(t.inverse_cdf(0.5 + confidence / 2.0))
}

/// A confidence interval of a mean, in the unit of the samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

impl Interval {
    /// Whether 0 lies outside the interval (the difference is "significant" at its level).
    pub fn excludes_zero(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }
}

/// The `confidence` interval of the mean of `samples`: mean ± t(n − 1) × sd ÷ √n (Student
/// t, the samples taken as independent draws of a normal variable). `None` with fewer than 2
/// samples: one sample says nothing about its spread. Equal samples give a zero-width
/// interval at their value.
pub fn mean_interval(samples: &[f64], confidence: f64) -> Option<Interval> {
    let n = u32::try_from(samples.len()).ok()?;
    let mean = mean(samples)?;
    let sd = standard_deviation(samples)?;
    let t = t_quantile(confidence, n - 1)?;
    let half = t * sd / f64::from(n).sqrt();
    Some(Interval {
        low: mean - half,
        high: mean + half,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn mean_and_standard_deviation() {
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[2.5]), Some(2.5));
        assert_eq!(mean(&[1.0, 2.0, 3.0, 4.0]), Some(2.5));
        assert_eq!(standard_deviation(&[7.0]), None);
        // Σ(x − 5)² = 32 over 8 values: variance 32 / 7.
        let sd = standard_deviation(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
        assert!(close(sd, (32.0_f64 / 7.0).sqrt(), 1e-15), "{sd}");
        // Equal samples: their value and no spread, exactly (0.1 × 3 ÷ 3 would not be 0.1).
        assert_eq!(mean(&[0.1, 0.1, 0.1]), Some(0.1));
        assert_eq!(standard_deviation(&[0.1, 0.1, 0.1]), Some(0.0));
    }

    #[test]
    fn t_quantiles_match_the_tables() {
        // Two-sided 95% critical values of Student's t (any statistics table).
        for (freedom, expected) in [
            (1, 12.706_204_736_174_7),
            (2, 4.302_652_729_749_464),
            (4, 2.776_445_105_197_793),
            (9, 2.262_157_162_798_205),
            (29, 2.045_229_642_132_703),
        ] {
            let t = t_quantile(0.95, freedom).unwrap();
            assert!(
                close(t, expected, 1e-9),
                "{freedom}: {t} against {expected}"
            );
        }
        // Tables give 1,000 degrees to six decimals; the normal's 1.959964 is the limit.
        let t = t_quantile(0.95, 1000).unwrap();
        assert!(close(t, 1.962_339, 1e-6), "{t}");
        // 90%, 2 degrees: 2.919986.
        assert!(close(
            t_quantile(0.90, 2).unwrap(),
            2.919_985_580_353_724,
            1e-9
        ));
        assert_eq!(t_quantile(0.95, 0), None);
        assert_eq!(t_quantile(1.0, 3), None);
        assert_eq!(t_quantile(f64::NAN, 3), None);
    }

    #[test]
    fn interval_of_a_mean() {
        // mean 2, sd 1, n 3: 2 ± 4.302653 / √3 = [-0.484, 4.484].
        let interval = mean_interval(&[1.0, 2.0, 3.0], CONFIDENCE).unwrap();
        let half = 4.302_652_729_749_464 / 3.0_f64.sqrt();
        assert!(close(interval.low, 2.0 - half, 1e-9), "{interval:?}");
        assert!(close(interval.high, 2.0 + half, 1e-9), "{interval:?}");
        assert!(!interval.excludes_zero());
        let shifted = mean_interval(&[11.0, 12.0, 13.0], CONFIDENCE).unwrap();
        assert!(close(shifted.low, 12.0 - half, 1e-9), "{shifted:?}");
        assert!(shifted.excludes_zero());
        let around_zero = mean_interval(&[-1.0, 1.0], CONFIDENCE).unwrap();
        assert!(!around_zero.excludes_zero());
    }

    #[test]
    fn one_sample_has_no_interval() {
        assert_eq!(mean_interval(&[3.0], CONFIDENCE), None);
        assert_eq!(mean_interval(&[], CONFIDENCE), None);
    }

    #[test]
    fn equal_samples_give_a_zero_width_interval() {
        let interval = mean_interval(&[0.25, 0.25, 0.25, 0.25], CONFIDENCE).unwrap();
        assert_eq!(
            interval,
            Interval {
                low: 0.25,
                high: 0.25
            }
        );
        let zeros = mean_interval(&[0.0; 3], CONFIDENCE).unwrap();
        assert_eq!(
            zeros,
            Interval {
                low: 0.0,
                high: 0.0
            }
        );
        assert!(!zeros.excludes_zero());
    }
}
