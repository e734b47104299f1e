//! The data of `rewardsim curves plot`: claims per rshare of chosen reward curves over a
//! range of rshares, from the chain's own `evaluate_reward_curve`.
//!
//! What is plotted for a curve c with content constant s at r rshares is
//! `claims_c(r, s) / r / scale_c(s)`: the curve's claims per rshare, divided by a constant
//! that makes it comparable with the linear curve (whose claims per rshare are 1). A post's
//! payout is its claims ÷ everyone's claims, so only how a curve's claims per rshare changes
//! with r matters; the scale only puts every curve on one axis. `scale_c` is the curve's
//! claims per rshare in the limit it shares with linear:
//!
//! | curve                    | claims                       | scale         | plotted value       |
//! |--------------------------|------------------------------|---------------|---------------------|
//! | `linear`                 | r                            | 1             | 1                   |
//! | `convergent_linear`      | ((r+s)² − s²) / (r+4s)       | 1 (r → ∞)     | (r+2s)/(r+4s)       |
//! | `quadratic`              | (r+s)² − s²                  | 2s (r → 0)    | 1 + r/2s            |
//! | `bounded_curation`       | r·2^64 / (2s+r)              | 2^64/2s (r→0) | 2s/(2s+r)           |
//! | `convergent_square_root` | r / √(r+2s)                  | 1/√2s (r → 0) | √(2s/(r+2s))        |
//! | `square_root`            | √r                           | 1/√s (r = s)  | √(s/r)              |
//!
//! Claims are the chain's exact integers (floors and `approx_sqrt` included); only the
//! division for the plot is in f64. *No I/O.*

use crate::mechanics::curve::RewardCurve;
use crate::mechanics::era::{Era, Rules};

/// The largest rshares a point may have: the chain's net_rshares are int64.
pub const MAX_RSHARES: u128 = i64::MAX as u128;
/// The most points a line may have.
pub const MAX_POINTS: u32 = 10_000;

/// One line of the chart: a curve and its content constant, and what the legend calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurveLine {
    /// Legend label: the curve's name, with the era it stands for (`convergent_linear
    /// (steem_hf21)`).
    pub label: String,
    /// The chain curve.
    pub curve: RewardCurve,
    /// Its content constant s, rshares.
    pub content_constant: u128,
}

/// The lines for `curves` (each with `content_constant`) then `eras` (each era's author
/// curve, with `content_constant` if given, else the era's own). With neither, the author
/// curves of steem_hf17, steem_hf19 and steem_hf21.
pub fn lines(
    curves: &[RewardCurve],
    eras: &[Era],
    content_constant: Option<u128>,
) -> Vec<CurveLine> {
    let default_eras = [Era::SteemHf17, Era::SteemHf19, Era::SteemHf21];
    let eras = if curves.is_empty() && eras.is_empty() {
        &default_eras[..]
    } else {
        eras
    };
    let chain_constant = Rules::for_era(Era::SteemHf21).content_constant;
    let mut lines: Vec<CurveLine> = curves
        .iter()
        .map(|&curve| CurveLine {
            label: curve.name().to_string(),
            curve,
            content_constant: content_constant.unwrap_or(chain_constant),
        })
        .collect();
    lines.extend(eras.iter().map(|&era| {
        let rules = Rules::for_era(era);
        CurveLine {
            label: format!("{} ({era})", rules.author_curve),
            curve: rules.author_curve,
            content_constant: content_constant.unwrap_or(rules.content_constant),
        }
    }));
    lines
}

/// `points` rshares spaced evenly on a log scale from `from` to `to` (both included),
/// rounded to integers; repeats (where the range is too narrow for that many integers) are
/// dropped. Needs 1 ≤ from < to and points ≥ 2.
pub fn log_spaced_rshares(from: u128, to: u128, points: u32) -> Vec<u128> {
    let (low, high) = (from as f64, to as f64);
    let ratio = high / low;
    let last = points.saturating_sub(1).max(1);
    let mut out: Vec<u128> = Vec::with_capacity(points as usize);
    for i in 0..points {
        let r = if i == 0 {
            from
        } else if i == last {
            to
        } else {
            let x = low * ratio.powf(f64::from(i) / f64::from(last));
            (x.round() as u128).clamp(from, to)
        };
        if out.last() != Some(&r) {
            out.push(r);
        }
    }
    out
}

/// The constant a curve's claims per rshare are divided by (see the module doc).
pub fn scale(curve: RewardCurve, content_constant: u128) -> f64 {
    let s = content_constant as f64;
    match curve {
        RewardCurve::Linear | RewardCurve::ConvergentLinear => 1.0,
        RewardCurve::Quadratic => 2.0 * s,
        RewardCurve::BoundedCuration => 2f64.powi(64) / (2.0 * s),
        RewardCurve::ConvergentSquareRoot => 1.0 / (2.0 * s).sqrt(),
        RewardCurve::SquareRoot => 1.0 / s.sqrt(),
    }
}

/// Claims per rshare of `curve` at `rshares` (≥ 1), relative to linear: the chain's
/// claims ÷ rshares ÷ [`scale`]. `None` where the chain would divide by zero.
pub fn relative_claims_per_rshare(
    curve: RewardCurve,
    rshares: u128,
    content_constant: u128,
) -> Option<f64> {
    let claims = curve.claims(rshares, content_constant).ok()?;
    Some(claims as f64 / rshares as f64 / scale(curve, content_constant))
}

/// One line's points: (rshares, relative claims per rshare) at each of `rshares`; points
/// where the chain divides by zero are left out.
pub fn points(line: &CurveLine, rshares: &[u128]) -> Vec<(f64, f64)> {
    rshares
        .iter()
        .filter_map(|&r| {
            relative_claims_per_rshare(line.curve, r, line.content_constant).map(|y| (r as f64, y))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: u128 = 2_000_000_000_000;

    fn rate(curve: RewardCurve, r: u128) -> f64 {
        relative_claims_per_rshare(curve, r, S).unwrap()
    }

    #[test]
    fn linear_is_exactly_one() {
        for r in log_spaced_rshares(1, MAX_RSHARES, 200) {
            assert_eq!(rate(RewardCurve::Linear, r), 1.0, "r = {r}");
        }
    }

    #[test]
    fn convergent_linear_matches_evidence_section_1() {
        // evidence.md §1: (r+2s)/(r+4s) = 0.53 at s/4, 0.60 at s, 0.75 at 4s, 0.90 at 16s.
        for (r, expected) in [(S / 4, 9.0 / 17.0), (S, 0.6), (4 * S, 0.75), (16 * S, 0.9)] {
            let got = rate(RewardCurve::ConvergentLinear, r);
            // The chain floors the claims: less than one rshare of claims off.
            assert!(
                got <= expected + 1e-15 && got > expected - 1.0 / r as f64,
                "r = {r}: {got}"
            );
        }
        assert_eq!(
            format!("{:.2}", rate(RewardCurve::ConvergentLinear, S / 4)),
            "0.53"
        );
        // Half linear's rate for tiny posts, linear's for huge ones.
        assert!((rate(RewardCurve::ConvergentLinear, 1_000_000_000) - 0.5).abs() < 0.001);
        assert!(rate(RewardCurve::ConvergentLinear, MAX_RSHARES) > 0.999);
    }

    #[test]
    fn quadratic_grows_against_linear() {
        let rshares = log_spaced_rshares(1_000_000_000, 1_000_000_000_000_000, 60);
        let rates: Vec<f64> = rshares
            .iter()
            .map(|&r| rate(RewardCurve::Quadratic, r) / rate(RewardCurve::Linear, r))
            .collect();
        assert!(rates.windows(2).all(|w| w[1] > w[0]), "{rates:?}");
        // 1 + r/2s: 1.5 at r = s, exactly (claims are exact integers here).
        assert_eq!(rate(RewardCurve::Quadratic, S), 1.5);
    }

    #[test]
    fn curation_curves_fall_from_one() {
        // Floored claims: 2^64/(2s+1) at r = 1 is 4611686.01…, floored to 4611686.
        assert!((rate(RewardCurve::BoundedCuration, 1) - 1.0).abs() < 1e-8);
        assert!((rate(RewardCurve::BoundedCuration, 1_000_000) - 1.0).abs() < 1e-6);
        assert!((rate(RewardCurve::BoundedCuration, 2 * S) - 0.5).abs() < 1e-9);
        // Claims are whole: below 2·10^6 rshares convergent_square_root gives 0 claims.
        assert_eq!(rate(RewardCurve::ConvergentSquareRoot, 1_000_000), 0.0);
        assert!((rate(RewardCurve::ConvergentSquareRoot, 10_000_000_000) - 1.0).abs() < 0.01);
        assert!((rate(RewardCurve::ConvergentSquareRoot, 2 * S) - 0.5f64.sqrt()).abs() < 0.05);
        // approx_sqrt is piecewise linear: within a few per cent of √(s/r).
        assert!((rate(RewardCurve::SquareRoot, S) - 1.0).abs() < 0.05);
        assert!((rate(RewardCurve::SquareRoot, 4 * S) - 0.5).abs() < 0.05);
    }

    #[test]
    fn rshares_are_log_spaced_integers() {
        assert_eq!(
            log_spaced_rshares(1_000, 1_000_000, 4),
            vec![1_000, 10_000, 100_000, 1_000_000]
        );
        // Too narrow for 100 distinct integers: each appears once, ends included.
        assert_eq!(log_spaced_rshares(1, 3, 100), vec![1, 2, 3]);
        let wide = log_spaced_rshares(1, MAX_RSHARES, MAX_POINTS);
        assert!(wide.len() <= MAX_POINTS as usize && wide.len() > 8_000);
        assert!(wide.windows(2).all(|w| w[0] < w[1]));
        assert_eq!((wide[0], *wide.last().unwrap()), (1, MAX_RSHARES));
        let default = log_spaced_rshares(1_000_000_000, 1_000_000_000_000_000, 241);
        assert_eq!(default.len(), 241);
        assert_eq!(default[40], 10_000_000_000);
    }

    #[test]
    fn default_lines_are_the_author_curves_of_hf17_hf19_hf21() {
        let labels: Vec<String> = lines(&[], &[], None).into_iter().map(|l| l.label).collect();
        assert_eq!(
            labels,
            [
                "quadratic (steem_hf17)",
                "linear (steem_hf19)",
                "convergent_linear (steem_hf21)"
            ]
        );
        let chosen = lines(&[RewardCurve::SquareRoot], &[Era::HiveHf25], Some(5));
        assert_eq!(chosen[0].label, "square_root");
        assert_eq!(chosen[1].label, "linear (hive_hf25)");
        assert!(chosen.iter().all(|l| l.content_constant == 5));
        assert_eq!(lines(&[], &[Era::SteemHf21], None)[0].content_constant, S);
    }
}
