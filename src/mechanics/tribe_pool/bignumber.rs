//! The few bignumber.js operations the `comments` contract rounds with, on integers.
//!
//! Hive-Engine runs contracts with bignumber.js 8.1.1 set to `DECIMAL_PLACES: 20` (and
//! `RANGE: 500`) in `libs/SmartContracts.js`; `ROUNDING_MODE` is never set, so it is the
//! default HALF_UP. Hence: `plus`, `minus` and `multipliedBy` are exact; `dividedBy` rounds
//! its quotient to 20 decimals, half away from zero; `toFixed(n, ROUND_DOWN)` truncates
//! toward zero. A decimal with d places is held as the integer count of 10^-d.
//!
//! Invariant: every function here is exact integer arithmetic in U512 on non-negative
//! operands; none panics for operands below 2^200 (far above any pool amount), and
//! division by zero is avoided by the callers (documented at each).

use ruint::aliases::U512;

/// The contract's `DECIMAL_PLACES` for `dividedBy`.
pub const DECIMAL_PLACES: u32 = 20;

/// 10^`exp` as a U512.
pub fn pow10(exp: u32) -> U512 {
    U512::from(10u8).pow(U512::from(exp))
}

/// `x.dividedBy(y)` for x = `numer`·10^-`numer_dp` and y = `denom`·10^-`denom_dp` (both
/// ≥ 0, y > 0), rounded to 20 decimals HALF_UP, then `.toFixed(dp, ROUND_DOWN)`: returned
/// as an integer count of 10^-`dp`. Requires `dp` ≤ 20 and
/// 20 + `denom_dp` ≥ `numer_dp` (true of every use: `numer_dp` ≤ 18).
pub fn divided_by_to_fixed_down(
    numer: U512,
    numer_dp: u32,
    denom: U512,
    denom_dp: u32,
    dp: u32,
) -> U512 {
    debug_assert!(!denom.is_zero() && dp <= DECIMAL_PLACES);
    // quotient · 10^20 = numer · 10^(20 + denom_dp − numer_dp) / denom.
    let scaled = numer * pow10(DECIMAL_PLACES + denom_dp - numer_dp);
    let (q, r) = scaled.div_rem(denom);
    // HALF_UP on a non-negative quotient: up when the remainder is at least half.
    let q20 = if r + r >= denom {
        q + U512::from(1u8)
    } else {
        q
    };
    q20 / pow10(DECIMAL_PLACES - dp)
}

/// bignumber.js `dp()` of a decimal held as `units`·10^-`precision`: its decimal places
/// once trailing zeros are dropped (bignumber.js never stores them: `"1.500"` has 1).
pub fn decimal_places(units: u128, precision: u32) -> u32 {
    if units == 0 {
        return 0;
    }
    let mut places = precision;
    let mut rest = units;
    while places > 0 && rest % 10 == 0 {
        rest /= 10;
        places -= 1;
    }
    places
}

/// Saturating U512 → u128 (used only where the value is known to fit).
pub fn to_u128(x: U512) -> u128 {
    u128::try_from(x).unwrap_or(u128::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(x: u128) -> U512 {
        U512::from(x)
    }

    #[test]
    fn division_rounds_at_20_places_then_truncates() {
        // 1 / 3 = 0.33333333333333333333 → 0.333 at 3 places.
        assert_eq!(divided_by_to_fixed_down(u(1), 0, u(3), 0, 3), u(333));
        // 2 / 3 = 0.66666666666666666667 (HALF_UP at 20) → 0.666.
        assert_eq!(divided_by_to_fixed_down(u(2), 0, u(3), 0, 3), u(666));
        // x = 1 − 4·10⁻²¹ (= (10²¹ − 4) / 10²¹): at 20 places it rounds up to 1.00000000000000000000,
        // so toFixed(3) is 1.000, not 0.999.
        let numer = u(10u128.pow(21) - 4);
        assert_eq!(
            divided_by_to_fixed_down(numer, 0, u(10u128.pow(21)), 0, 3),
            u(1000)
        );
        // … but 1 − 6·10⁻²¹ rounds to 0.99999999999999999999 → 0.999.
        let numer = u(10u128.pow(21) - 6);
        assert_eq!(
            divided_by_to_fixed_down(numer, 0, u(10u128.pow(21)), 0, 3),
            u(999)
        );
        // Scales: 1.5 (dp 1) / 0.25 (dp 2) = 6 → 6.00 at dp 2.
        assert_eq!(divided_by_to_fixed_down(u(15), 1, u(25), 2, 2), u(600));
    }

    #[test]
    fn decimal_places_drop_trailing_zeros() {
        for (units, precision, places) in [
            (0u128, 8, 0),
            (1_500, 3, 1),
            (1_000, 3, 0),
            (1_234, 3, 3),
            (10, 0, 0),
            (120_000_000, 8, 1),
            (1, 8, 8),
        ] {
            assert_eq!(
                decimal_places(units, precision),
                places,
                "{units}e-{precision}"
            );
        }
    }
}
