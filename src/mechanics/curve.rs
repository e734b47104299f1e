//! The chain's six reward curves (`util::evaluate_reward_curve` in `chain/util/reward.cpp`)
//! and its approximate square root (`util::approx_sqrt`).
//!
//! Everything is u128 arithmetic that wraps modulo 2^128 exactly as `fc::uint128` (Steem)
//! and `unsigned __int128` (Hive) do; in-range chain inputs never wrap, but the calculators
//! accept any u128 and must answer as the chain code would. Quotients and square roots of
//! values below 2^64 are computed with u64 operations (`fast_div`), which give the same
//! results as the u128 ones; the wrapping sums and products that feed them stay u128.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use super::fast_div::checked_div;
use crate::suggest::did_you_mean;

/// A chain reward curve (`protocol::curve_id`). Input and output are "claims" in rshares
/// units: net rshares for author curves, cumulative vote rshares for curation curves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RewardCurve {
    /// `quadratic`: (r + s)² − s². Author curve HF17–HF18.
    Quadratic,
    /// `bounded_curation`: ⌊(r mod 2^64)·2^64 / (2s + r)⌋. Curation curve HF17–HF18.
    BoundedCuration,
    /// `linear`: r. Author curve HF19–HF20 and Hive HF25+, curation curve Hive HF25+.
    Linear,
    /// `square_root`: approx_sqrt(r). Curation curve HF19–HF20.
    SquareRoot,
    /// `convergent_linear`: ⌊((r + s)² − s²) / (r + 4s)⌋. Author curve HF21+.
    ConvergentLinear,
    /// `convergent_square_root`: ⌊r / approx_sqrt(r + 2s)⌋. Curation curve HF21+.
    ConvergentSquareRoot,
}

impl RewardCurve {
    /// Every chain curve, in `curve_id` order.
    pub const ALL: [RewardCurve; 6] = [
        RewardCurve::Quadratic,
        RewardCurve::BoundedCuration,
        RewardCurve::Linear,
        RewardCurve::SquareRoot,
        RewardCurve::ConvergentLinear,
        RewardCurve::ConvergentSquareRoot,
    ];

    /// The chain's name of the curve (`quadratic`, `bounded_curation`, …).
    pub fn name(self) -> &'static str {
        match self {
            RewardCurve::Quadratic => "quadratic",
            RewardCurve::BoundedCuration => "bounded_curation",
            RewardCurve::Linear => "linear",
            RewardCurve::SquareRoot => "square_root",
            RewardCurve::ConvergentLinear => "convergent_linear",
            RewardCurve::ConvergentSquareRoot => "convergent_square_root",
        }
    }

    /// The names of all chain curves, comma separated, for error messages.
    pub fn allowed_names() -> String {
        RewardCurve::ALL.map(RewardCurve::name).join(", ")
    }

    /// Claims for `rshares` under this curve with content constant `content_constant`
    /// (`evaluate_reward_curve`). Fails only where the chain code would divide by zero.
    pub fn claims(self, rshares: u128, content_constant: u128) -> Result<u128, DivisionByZero> {
        evaluate_reward_curve(rshares, self, content_constant)
    }
}

impl fmt::Display for RewardCurve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A curve name that is not one of the chain's six.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown curve '{given}'{suggestion}; allowed: {allowed}", allowed = RewardCurve::allowed_names())]
pub struct UnknownCurve {
    /// The name that was given.
    pub given: String,
    /// ", did you mean 'x'?" or empty.
    pub suggestion: String,
}

impl FromStr for RewardCurve {
    type Err = UnknownCurve;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        RewardCurve::ALL
            .into_iter()
            .find(|curve| curve.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownCurve {
                given: s.to_string(),
                suggestion: did_you_mean(wanted, RewardCurve::ALL.map(RewardCurve::name)),
            })
    }
}

impl<'de> Deserialize<'de> for RewardCurve {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// The chain code would divide by zero (and abort the operation) for these inputs: with
/// s = 0 at r = 0, or where 2s + r (or r + 4s) wraps to 0 modulo 2^128.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the chain's curve divides by zero for these inputs (its u128 divisor is 0)")]
pub struct DivisionByZero;

/// Index of the most significant set bit (`util::find_msb`); 0 for x = 0 as on chain.
fn find_msb(x: u128) -> u32 {
    127 - (x | 1).leading_zeros()
}

/// The chain's piecewise-linear square root (`util::approx_sqrt`, `fc::uint128_approx_sqrt`):
/// exact at powers of 4, within about 6% elsewhere, monotone non-decreasing.
pub fn approx_sqrt(x: u128) -> u64 {
    match u64::try_from(x) {
        Ok(x) => approx_sqrt_u64(x),
        Err(_) => approx_sqrt_u128(x),
    }
}

/// [`approx_sqrt`] of x < 2^64 in u64 operations. Step for step the u128 computation of
/// [`approx_sqrt_u128`]: there msb_x ≤ 63, so every intermediate is below 2^64 and each
/// u128 operation gives the same value as its u64 counterpart.
fn approx_sqrt_u64(x: u64) -> u64 {
    if x == 0 {
        return 0;
    }
    let msb_x = 63 - (x | 1).leading_zeros();
    let msb_z = msb_x >> 1;
    let msb_x_bit = 1u64 << msb_x;
    let msb_z_bit = 1u64 << msb_z;
    let mantissa_x = x & (msb_x_bit - 1);
    let mantissa_z_hi = if msb_x & 1 == 1 { msb_z_bit } else { 0 };
    let mantissa_z_lo = mantissa_x >> (msb_x - msb_z);
    let mantissa_z = (mantissa_z_hi | mantissa_z_lo) >> 1;
    msb_z_bit | mantissa_z
}

/// [`approx_sqrt`] in u128 operations, as the chain computes it; any x.
fn approx_sqrt_u128(x: u128) -> u64 {
    if x == 0 {
        return 0;
    }
    let msb_x = find_msb(x);
    let msb_z = msb_x >> 1;
    let msb_x_bit = 1u128 << msb_x;
    let msb_z_bit = 1u64 << msb_z;
    let mantissa_x = x & (msb_x_bit - 1);
    let mantissa_z_hi = if msb_x & 1 == 1 { msb_z_bit } else { 0 };
    // `.lo` of the shifted u128: keep the low 64 bits.
    let mantissa_z_lo = (mantissa_x >> (msb_x - msb_z)) as u64;
    let mantissa_z = (mantissa_z_hi | mantissa_z_lo) >> 1;
    msb_z_bit | mantissa_z
}

/// Claims of `rshares` under `curve` with content constant `s`
/// (`util::evaluate_reward_curve`), with the chain's u128 wrapping arithmetic.
pub fn evaluate_reward_curve(
    rshares: u128,
    curve: RewardCurve,
    s: u128,
) -> Result<u128, DivisionByZero> {
    let r = rshares;
    // u128 quotient, in u64 when numerator and denominator fit (same result).
    let divide = |numerator: u128, denominator: u128| {
        checked_div(numerator, denominator).ok_or(DivisionByZero)
    };
    match curve {
        RewardCurve::Quadratic => {
            let r_plus_s = r.wrapping_add(s);
            Ok(r_plus_s
                .wrapping_mul(r_plus_s)
                .wrapping_sub(s.wrapping_mul(s)))
        }
        RewardCurve::BoundedCuration => {
            let two_alpha = s.wrapping_mul(2);
            // uint128_t(rshares.lo, 0): the low word of r moved into the high word.
            let numerator = (r as u64 as u128) << 64;
            divide(numerator, two_alpha.wrapping_add(r))
        }
        RewardCurve::Linear => Ok(r),
        RewardCurve::SquareRoot => Ok(approx_sqrt(r).into()),
        RewardCurve::ConvergentLinear => {
            let r_plus_s = r.wrapping_add(s);
            let numerator = r_plus_s
                .wrapping_mul(r_plus_s)
                .wrapping_sub(s.wrapping_mul(s));
            divide(numerator, r.wrapping_add(s.wrapping_mul(4)))
        }
        RewardCurve::ConvergentSquareRoot => {
            let root = approx_sqrt(r.wrapping_add(s.wrapping_mul(2)));
            divide(r, root.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mechanics::constants::STEEM_CONTENT_CONSTANT_HF21 as S;
    use crate::mechanics::fast_div::tests::{edgy_u128, edgy_u64};
    use proptest::prelude::*;

    fn claims(curve: RewardCurve, r: u128) -> u128 {
        evaluate_reward_curve(r, curve, S).unwrap()
    }

    /// `evaluate_reward_curve` with every division and square root in plain u128, as the
    /// chain code computes it: the reference for the u64 fast paths.
    fn plain_u128_curve(r: u128, curve: RewardCurve, s: u128) -> Result<u128, DivisionByZero> {
        let divide = |n: u128, d: u128| n.checked_div(d).ok_or(DivisionByZero);
        match curve {
            RewardCurve::Quadratic => {
                let r_plus_s = r.wrapping_add(s);
                Ok(r_plus_s
                    .wrapping_mul(r_plus_s)
                    .wrapping_sub(s.wrapping_mul(s)))
            }
            RewardCurve::BoundedCuration => {
                divide((r as u64 as u128) << 64, s.wrapping_mul(2).wrapping_add(r))
            }
            RewardCurve::Linear => Ok(r),
            RewardCurve::SquareRoot => Ok(approx_sqrt_u128(r).into()),
            RewardCurve::ConvergentLinear => {
                let r_plus_s = r.wrapping_add(s);
                let numerator = r_plus_s
                    .wrapping_mul(r_plus_s)
                    .wrapping_sub(s.wrapping_mul(s));
                divide(numerator, r.wrapping_add(s.wrapping_mul(4)))
            }
            RewardCurve::ConvergentSquareRoot => divide(
                r,
                approx_sqrt_u128(r.wrapping_add(s.wrapping_mul(2))).into(),
            ),
        }
    }

    #[test]
    fn approx_sqrt_matches_the_chain_test_and_reference() {
        // curation_weight_test in the chain's own unit tests.
        assert_eq!(approx_sqrt(4_000_000_856_158), 2_002_250);
        // steem-mechanics.md §2.1.
        assert_eq!(approx_sqrt((1 << 41) - 1), 1_572_863);
        assert_eq!(approx_sqrt(0), 0);
        assert_eq!(approx_sqrt(1), 1);
        assert_eq!(approx_sqrt(u128::MAX), 0xFFFF_FFFF_FFFF_FFFF);
    }

    #[test]
    fn approx_sqrt_is_exact_at_powers_of_four() {
        for k in 0..64u32 {
            assert_eq!(approx_sqrt(1u128 << (2 * k)), 1u64 << k, "4^{k}");
        }
    }

    #[test]
    fn convergent_linear_claims_per_rshare_follow_the_reference() {
        // evidence.md §1: (r+2s)/(r+4s) = 0.53 at s/4, 0.60 at s, 0.75 at 4s, 0.90 at 16s.
        for (r, per_mille) in [(S / 4, 529), (S, 600), (4 * S, 750), (16 * S, 900)] {
            let c = claims(RewardCurve::ConvergentLinear, r);
            assert_eq!(c * 1000 / r, per_mille, "r = {r}");
        }
        // Exact values: ((r+s)² − s²)/(r+4s).
        assert_eq!(
            claims(RewardCurve::ConvergentLinear, S),
            3 * S * S / (5 * S)
        );
    }

    #[test]
    fn convergent_square_root_drops_at_the_known_point() {
        let r = 4_796_093_022_207u128;
        assert_eq!(claims(RewardCurve::ConvergentSquareRoot, r), 1_524_637);
        assert_eq!(claims(RewardCurve::ConvergentSquareRoot, r + 1), 1_524_636);
    }

    #[test]
    fn table_of_hand_checked_values() {
        let cases: &[(RewardCurve, u128, u128, u128)] = &[
            (RewardCurve::Quadratic, 0, S, 0),
            (RewardCurve::Quadratic, 10, 5, 15 * 15 - 25),
            (RewardCurve::Linear, 12_345, S, 12_345),
            (RewardCurve::SquareRoot, 16, S, 4),
            (RewardCurve::BoundedCuration, 0, S, 0),
            // r = 2s: (r << 64) / 4s = 2^64 / 2.
            (RewardCurve::BoundedCuration, 2 * S, S, 1 << 63),
            (RewardCurve::ConvergentLinear, 0, S, 0),
            (RewardCurve::ConvergentSquareRoot, 0, S, 0),
            // bounded_curation keeps only the low 64 bits of r in its numerator.
            (RewardCurve::BoundedCuration, 1 << 64, 0, 0),
        ];
        for &(curve, r, s, want) in cases {
            assert_eq!(
                evaluate_reward_curve(r, curve, s),
                Ok(want),
                "{curve} r={r}"
            );
        }
    }

    #[test]
    fn wrapping_is_modulo_2_pow_128() {
        let r = u128::MAX;
        assert_eq!(
            evaluate_reward_curve(r, RewardCurve::Quadratic, 0),
            Ok(r.wrapping_mul(r))
        );
        // 2s + r wraps to 0 → the chain divides by zero.
        assert_eq!(
            evaluate_reward_curve(0, RewardCurve::BoundedCuration, 1 << 127),
            Err(DivisionByZero)
        );
        assert_eq!(
            evaluate_reward_curve(0, RewardCurve::ConvergentSquareRoot, 0),
            Err(DivisionByZero)
        );
    }

    #[test]
    fn names_parse_and_suggest() {
        for curve in RewardCurve::ALL {
            assert_eq!(curve.name().parse::<RewardCurve>().unwrap(), curve);
        }
        let err = "convergent_lineer".parse::<RewardCurve>().unwrap_err();
        assert!(err.to_string().contains("did you mean 'convergent_linear'"));
    }

    proptest! {
        #[test]
        fn no_curve_panics(r in any::<u128>(), s in any::<u128>()) {
            for curve in RewardCurve::ALL {
                let _ = evaluate_reward_curve(r, curve, s);
            }
        }

        #[test]
        fn approx_sqrt_in_u64_equals_the_u128_computation(
            x in edgy_u64(), b in 0u32..64, d in -4i64..=4,
        ) {
            prop_assert_eq!(approx_sqrt_u64(x), approx_sqrt_u128(x.into()));
            prop_assert_eq!(approx_sqrt(x.into()), approx_sqrt_u128(x.into()));
            // Around each power of two, where msb_x changes.
            let near = (1u64 << b).saturating_add_signed(d);
            prop_assert_eq!(approx_sqrt_u64(near), approx_sqrt_u128(near.into()));
        }

        #[test]
        fn approx_sqrt_equals_the_u128_computation(x in edgy_u128()) {
            prop_assert_eq!(approx_sqrt(x), approx_sqrt_u128(x));
        }

        #[test]
        fn curves_equal_the_plain_u128_computation(r in edgy_u128(), s in edgy_u128()) {
            for curve in RewardCurve::ALL {
                for (r, s) in [(r, s), (r, S), (r >> 64, s >> 64), (r >> 64, s >> 66)] {
                    prop_assert_eq!(
                        evaluate_reward_curve(r, curve, s),
                        plain_u128_curve(r, curve, s),
                        "{} r={} s={}", curve, r, s
                    );
                }
            }
        }

        #[test]
        fn approx_sqrt_is_monotone(x in any::<u128>(), d in 0u128..1_000_000) {
            prop_assert!(approx_sqrt(x) <= approx_sqrt(x.saturating_add(d)));
        }

        #[test]
        fn approx_sqrt_within_seven_percent(x in 1u128..(1u128 << 126)) {
            let approx = approx_sqrt(x) as f64;
            let exact = (x as f64).sqrt();
            prop_assert!((approx / exact - 1.0).abs() < 0.07, "x={x} approx={approx} exact={exact}");
        }

        #[test]
        fn monotone_curves_on_the_chain_range(r in 0u128..(1u128 << 63), d in 1u128..1_000_000_000) {
            // The chain range: net rshares are int64. Every curve but
            // convergent_square_root is non-decreasing there.
            for curve in [RewardCurve::Quadratic, RewardCurve::BoundedCuration, RewardCurve::Linear,
                          RewardCurve::SquareRoot, RewardCurve::ConvergentLinear] {
                prop_assert!(claims(curve, r) <= claims(curve, r + d), "{curve} at {r}");
            }
        }

        #[test]
        fn convergent_square_root_drops_by_at_most_one(r in 0u128..(1u128 << 62)) {
            let here = claims(RewardCurve::ConvergentSquareRoot, r);
            let next = claims(RewardCurve::ConvergentSquareRoot, r + 1);
            prop_assert!(next + 1 >= here);
        }
    }

    #[test]
    fn convergent_square_root_drops_only_where_r_plus_2s_reaches_a_power_of_two() {
        // Scan windows around every power of two reachable with int64 rshares; any drop
        // must sit exactly on the boundary, and the known one at 2^43 must be found.
        let mut drops = Vec::new();
        for k in 42..63u32 {
            let edge = (1u128 << k) - 2 * S;
            for r in edge - 50..edge + 50 {
                if claims(RewardCurve::ConvergentSquareRoot, r + 1)
                    < claims(RewardCurve::ConvergentSquareRoot, r)
                {
                    assert_eq!(
                        r + 1,
                        edge,
                        "drop away from a power of two at r = {}",
                        r + 1
                    );
                    drops.push(k);
                }
            }
        }
        assert!(drops.contains(&43), "{drops:?}");
    }
}
