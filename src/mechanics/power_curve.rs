//! The power curves of Hive-Engine tribe reward pools (`contracts/comments.js` of
//! hive-engine/hivesmartcontracts): claims = rshares^A for post weight
//! (`calculateWeightRshares`, 1 ≤ A ≤ 2) and for curation weight
//! (`calculateCurationWeightRshares`, 0.5 ≤ A ≤ 1).
//!
//! Invariant: [`power_claims`] returns the decimal the contract stores, as an integer count
//! of 10⁻¹⁰ units (`SMT_PRECISION` = 10), to the unit. The exponents 1 and 2 are computed
//! exactly and 0.5 as bignumber.js's square root (20 decimals, HALF_UP) truncated to 10
//! decimals. Every other exponent goes through an IEEE-754 double `r ** A`, as the contract
//! itself does in node: we compute it with [`js_pow`], a bit-exact port of V8's `Math.pow`
//! (0 mismatches with node v20 on 1.2 million pairs, see tests/data/README.md), then take
//! the double's shortest round-trip decimal (JavaScript's `String(x)`) truncated to 10
//! decimals ([`js_shortest_digits`]: node writes a double halfway between two shortest
//! decimals with the even one). This is the only float arithmetic in the mechanics.
//!
//! The contract's rshares are themselves decimals with 10 places (stake in tokens times
//! weight, `toFixed(10, ROUND_DOWN)`), so [`power_claims_of_decimal`] takes rshares as a
//! count of 10⁻¹⁰ (what `mechanics::tribe_pool` stores); [`power_claims`] is the same
//! function on whole rshares.

use std::fmt;
use std::str::FromStr;

use ruint::aliases::U512;

use super::js_number::js_shortest_digits;
use super::js_pow::js_pow;

/// Decimal places the contract keeps in claims (`SMT_PRECISION`).
pub const SMT_PRECISION: u32 = 10;

/// An exponent A of a tribe power curve: a decimal in 0.5..=2 with at most 2 decimals
/// (the union of the contract's post range 1..=2 and curation range 0.5..=1), held in
/// hundredths (50..=200).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PowerExponent {
    hundredths: u16,
}

/// What a [`PowerExponent`] allows, for messages.
pub const ALLOWED_EXPONENT: &str =
    "a decimal exponent in 0.5..=2 with at most 2 decimals (e.g. 1, 1.05, 0.5)";

/// Text that is not a valid [`PowerExponent`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{given}' is not a power-curve exponent; allowed: {ALLOWED_EXPONENT}")]
pub struct BadExponent {
    /// The text that was given.
    pub given: String,
}

impl PowerExponent {
    /// Smallest exponent, hundredths (curation curve lower bound 0.5).
    pub const MIN_HUNDREDTHS: u16 = 50;
    /// Largest exponent, hundredths (post curve upper bound 2).
    pub const MAX_HUNDREDTHS: u16 = 200;

    /// The exponent `hundredths`/100; `None` outside 50..=200.
    pub fn from_hundredths(hundredths: u16) -> Option<PowerExponent> {
        (Self::MIN_HUNDREDTHS..=Self::MAX_HUNDREDTHS)
            .contains(&hundredths)
            .then_some(PowerExponent { hundredths })
    }

    /// The exponent in hundredths (e.g. 105 for 1.05).
    pub fn hundredths(self) -> u16 {
        self.hundredths
    }

    /// The exponent as JavaScript's `parseFloat` reads its text: the double nearest to
    /// hundredths/100 (one correctly rounded IEEE division of two exact doubles).
    pub fn to_f64(self) -> f64 {
        f64::from(self.hundredths) / 100.0
    }
}

impl FromStr for PowerExponent {
    type Err = BadExponent;

    /// Parses `1`, `1.5`, `1.05` (and, as bignumber.js's `dp()` does, ignores trailing
    /// fraction zeros: `1.050`). No sign, no exponent notation.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadExponent {
            given: s.to_string(),
        };
        let text = s.trim();
        let (int_part, frac_part) = text.split_once('.').unwrap_or((text, "0"));
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(int_part) || !digits(frac_part) {
            return Err(bad());
        }
        let frac = frac_part.trim_end_matches('0');
        if frac.len() > 2 {
            return Err(bad());
        }
        let int: u16 = int_part.parse().map_err(|_| bad())?;
        let frac_hundredths: u16 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
        let hundredths = int
            .checked_mul(100)
            .and_then(|h| h.checked_add(frac_hundredths))
            .ok_or_else(bad)?;
        PowerExponent::from_hundredths(hundredths).ok_or_else(bad)
    }
}

impl fmt::Display for PowerExponent {
    /// Shortest decimal: `1`, `1.5`, `1.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (int, frac) = (self.hundredths / 100, self.hundredths % 100);
        match frac {
            0 => write!(f, "{int}"),
            _ if frac % 10 == 0 => write!(f, "{int}.{}", frac / 10),
            _ => write!(f, "{int}.{frac:02}"),
        }
    }
}

/// Claims (post weight or curation weight) of a tribe power curve: an exact non-negative
/// decimal with 10 decimals, held as an integer count of 10⁻¹⁰ claims. At most
/// (2^128)² · 10¹⁰ < 2^290, so a U512 always holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PowerClaims {
    units: U512,
}

impl PowerClaims {
    /// The claims as an integer count of 10⁻¹⁰ claims.
    pub fn units(self) -> U512 {
        self.units
    }

    /// Claims from a count of 10⁻¹⁰ claims.
    pub fn from_units(units: U512) -> PowerClaims {
        PowerClaims { units }
    }
}

impl fmt::Display for PowerClaims {
    /// Plain decimal, fraction trimmed of trailing zeros, no '.' for integers, never an
    /// exponent: `0`, `3.1680533536`, `100000000000000000000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = U512::from(10u64.pow(SMT_PRECISION));
        let (int, frac) = self.units.div_rem(scale);
        write!(f, "{int}")?;
        if !frac.is_zero() {
            let frac = format!(
                "{:0>width$}",
                frac.to_string(),
                width = SMT_PRECISION as usize
            );
            write!(f, ".{}", frac.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

/// Claims of `rshares` under the power curve with `exponent`, exactly as the `comments`
/// contract computes them (`calculateWeightRshares` for post curves,
/// `calculateCurationWeightRshares` for curation curves; both agree on 0.5..=2):
///
/// * rshares = 0 → 0 (the contract returns 0 for r ≤ 0);
/// * A = 1 → r, A = 2 → r² (bignumber.js `pow`, exact);
/// * A = 0.5 → bignumber.js `sqrt` (correctly rounded to 20 decimals, HALF_UP), then
///   truncated to 10 decimals;
/// * otherwise `parseFloat(r) ** parseFloat(A)` in doubles, its shortest round-trip decimal
///   truncated to 10 decimals.
pub fn power_claims(rshares: u128, exponent: PowerExponent) -> PowerClaims {
    let scale = U512::from(10u64.pow(SMT_PRECISION));
    let r = U512::from(rshares);
    let units = match exponent.hundredths {
        _ if rshares == 0 => U512::ZERO,
        100 => r * scale,
        200 => r * r * scale,
        50 => bignumber_sqrt_units(r * U512::from(10u64).pow(U512::from(2 * 20))),
        _ => {
            // `u128 as f64` rounds to nearest, ties to even, as parseFloat of the digits does.
            let power = js_pow(rshares as f64, exponent.to_f64());
            shortest_decimal_units(power)
        }
    };
    PowerClaims { units }
}

/// Claims of rshares given as a decimal with 10 places — `rshares_units` counts 10⁻¹⁰
/// rshares, the form in which `comments.js` stores `voteRshareSum` and
/// `votePositiveRshareSum` — exactly as `calculateWeightRshares` /
/// `calculateCurationWeightRshares` compute them:
///
/// * 0 → 0;
/// * A = 1 → r; A = 2 → r² truncated to 10 decimals (`pow` is exact, then `toFixed`);
/// * A = 0.5 → bignumber.js `sqrt` (20 decimals, HALF_UP) truncated to 10 decimals;
/// * otherwise `parseFloat(r)` — the double nearest the decimal, ties to even, which is
///   also what the VM's `Symbol.toPrimitive` (`toNumber`) gives for a BigNumber argument —
///   `** A` in doubles ([`js_pow`]), then its shortest decimal truncated to 10 decimals.
///
/// Equal to [`power_claims`]`(r)` when `rshares_units` = r·10¹⁰.
pub fn power_claims_of_decimal(rshares_units: u128, exponent: PowerExponent) -> PowerClaims {
    let scale = U512::from(10u64.pow(SMT_PRECISION));
    let r = U512::from(rshares_units);
    let units = match exponent.hundredths {
        _ if rshares_units == 0 => U512::ZERO,
        100 => r,
        200 => r * r / scale,
        // r·10⁻¹⁰ · 10⁴⁰ = r·10³⁰.
        50 => bignumber_sqrt_units(r * U512::from(10u64).pow(U512::from(40 - SMT_PRECISION))),
        _ => shortest_decimal_units(js_pow(decimal_to_f64(rshares_units), exponent.to_f64())),
    };
    PowerClaims { units }
}

/// The double nearest to `units`·10⁻¹⁰, ties to even — JavaScript's `parseFloat` of the
/// decimal; Rust's float parsing is correctly rounded too, so we let it read the same text.
fn decimal_to_f64(units: u128) -> f64 {
    let scale = 10u128.pow(SMT_PRECISION);
    let text = format!(
        "{}.{:0width$}",
        units / scale,
        units % scale,
        width = SMT_PRECISION as usize
    );
    // The text is always a valid decimal; parse cannot fail.
    text.parse().unwrap_or(f64::NAN)
}

/// bignumber.js `sqrt()` at DECIMAL_PLACES = 20, ROUNDING_MODE = HALF_UP, then
/// `toFixed(10, ROUND_DOWN)`, in 10⁻¹⁰ units, of the number whose value times 10⁴⁰ is the
/// integer `x` (so that √x is the root in 10⁻²⁰ units).
fn bignumber_sqrt_units(x: U512) -> U512 {
    let q = isqrt(x);
    // HALF_UP: round up when x ≥ (q + ½)², i.e. x − q² ≥ q + ¼, i.e. x − q² > q (integers;
    // an exact half cannot occur for a square root of an integer).
    let rounded = if x - q * q > q {
        q + U512::from(1u8)
    } else {
        q
    };
    rounded / U512::from(10u64.pow(20 - SMT_PRECISION))
}

/// ⌊√x⌋, checked and corrected around ruint's Newton iteration.
fn isqrt(x: U512) -> U512 {
    let mut q = x.root(2);
    while q * q > x {
        q -= U512::from(1u8);
    }
    while (q + U512::from(1u8)) * (q + U512::from(1u8)) <= x {
        q += U512::from(1u8);
    }
    q
}

/// A finite non-negative double written as JavaScript's `String(x)` writes it
/// ([`js_shortest_digits`]), read exactly by bignumber.js and truncated to 10 decimals, in
/// 10⁻¹⁰ units.
fn shortest_decimal_units(value: f64) -> U512 {
    debug_assert!(value.is_finite() && value >= 0.0);
    let (significand, power) = js_shortest_digits(value);
    // value = significand · 10^power; in units, times 10^10.
    let shift = power + SMT_PRECISION as i32;
    let (significand, ten) = (U512::from(significand), U512::from(10u8));
    if shift >= 0 {
        significand * ten.pow(U512::from(shift))
    } else {
        significand / ten.pow(U512::from(-shift))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn exp(text: &str) -> PowerExponent {
        text.parse().unwrap()
    }

    fn claims(r: u128, a: &str) -> String {
        power_claims(r, exp(a)).to_string()
    }

    #[test]
    fn exponents_parse_and_print() {
        for (text, hundredths, shown) in [
            ("1", 100, "1"),
            ("2", 200, "2"),
            ("0.5", 50, "0.5"),
            ("1.05", 105, "1.05"),
            ("1.050", 105, "1.05"),
            (" 1.10 ", 110, "1.1"),
            ("0.75", 75, "0.75"),
        ] {
            let a = exp(text);
            assert_eq!(
                (a.hundredths(), a.to_string().as_str()),
                (hundredths, shown),
                "{text}"
            );
        }
        for bad in [
            "", "0.49", "2.01", "1.055", "-1", "+1", "1e0", ".5", "1.", "abc", "99999",
        ] {
            let err = bad.parse::<PowerExponent>().unwrap_err().to_string();
            assert!(
                err.contains("0.5..=2 with at most 2 decimals"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn exact_exponents() {
        let cases: &[(u128, &str, &str)] = &[
            (0, "1", "0"),
            (0, "1.05", "0"),
            (0, "0.5", "0"),
            (12_345, "1", "12345"),
            (3, "2", "9"),
            (u128::MAX, "1", "340282366920938463463374607431768211455"),
            // (2^128 − 1)² = 2^256 − 2^129 + 1.
            (
                u128::MAX,
                "2",
                "115792089237316195423570985008687907852589419931798687112530834793049593217025",
            ),
            (4, "0.5", "2"),
            (1, "0.5", "1"),
            // √2 = 1.41421356237309504880|1688…: 20 decimals round down, then truncate.
            (2, "0.5", "1.4142135623"),
            // √10 = 3.16227766016837933199|8893…
            (10, "0.5", "3.1622776601"),
        ];
        for &(r, a, want) in cases {
            assert_eq!(claims(r, a), want, "{r}^{a}");
        }
    }

    #[test]
    fn square_root_rounds_half_up_before_truncating() {
        // r = t²·10^20 + 2t has √r = t·10^10 + 10^-10 − ε with ε < 10^-30: rounding to 20
        // decimals carries into the 10th, so the contract stores …0000000001, one unit
        // more than ⌊√r · 10^10⌋ / 10^10.
        for (t, want) in [
            (1u128, "10000000000.0000000001"),
            (7, "70000000000.0000000001"),
            (3_000_000, "30000000000000000.0000000001"),
        ] {
            let r = t * t * 10u128.pow(20) + 2 * t;
            assert_eq!(claims(r, "0.5"), want, "t = {t}");
        }
    }

    #[test]
    #[allow(clippy::excessive_precision)] // 73165977477440.125 is exact, on purpose
    fn double_exponents_use_the_shortest_decimal() {
        // 1 ** A = 1 exactly; 10^20 ** 1.5 = 10^30 (V8's pow is exact here).
        assert_eq!(claims(1, "1.05"), "1");
        assert_eq!(
            claims(10u128.pow(20), "1.5"),
            "1000000000000000000000000000000"
        );
        // Reading "1.2345e+3"-style text exactly and truncating to 10 decimals.
        assert_eq!(shortest_decimal_units(1234.5).to_string(), "12345000000000");
        assert_eq!(
            shortest_decimal_units(0.123456789012345).to_string(),
            "1234567890"
        );
        assert_eq!(shortest_decimal_units(1e-11).to_string(), "0");
        // Halfway between two shortest decimals: node prints the even one, …440.12.
        assert_eq!(
            shortest_decimal_units(73165977477440.125).to_string(),
            "731659774774401200000000"
        );
    }

    #[test]
    fn fractional_rshares() {
        let dec = |units: u128, a: &str| power_claims_of_decimal(units, exp(a)).to_string();
        // 100.5 rshares: A = 1 keeps it, A = 2 gives 10100.25 exactly.
        assert_eq!(dec(1_005_000_000_000, "1"), "100.5");
        assert_eq!(dec(1_005_000_000_000, "2"), "10100.25");
        // 0.0000000001² = 10⁻²⁰ truncates to 0 at 10 decimals.
        assert_eq!(dec(1, "2"), "0");
        // 1.23456789² = 1.5241578750190521 → 1.5241578750.
        assert_eq!(dec(12_345_678_900, "2"), "1.524157875");
        // √2.25 = 1.5; √0.0000000001 = 0.00001.
        assert_eq!(dec(22_500_000_000, "0.5"), "1.5");
        assert_eq!(dec(1, "0.5"), "0.00001");
        // 2.25^1.5 = 3.375 exactly in doubles.
        assert_eq!(dec(22_500_000_000, "1.5"), "3.375");
    }

    #[test]
    fn display_trims_the_fraction() {
        for (units, shown) in [
            (0u64, "0"),
            (1, "0.0000000001"),
            (10_000_000_000, "1"),
            (15_000_000_000, "1.5"),
            (31_680_533_536, "3.1680533536"),
        ] {
            assert_eq!(
                PowerClaims::from_units(U512::from(units)).to_string(),
                shown
            );
        }
    }

    /// Rows `rshares,exponent,claims` computed by node v20 (V8 11.3) with the contract's
    /// own expressions (see tests/data/README.md): every row must match exactly, including
    /// the double exponents (V8's `Math.pow` reproduced by `js_pow`).
    #[test]
    fn matches_node_and_bignumber_js_fixture() {
        let fixture = include_str!("../../tests/data/power_curve_node.csv");
        let mut checked = 0;
        for line in fixture.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            let (r, a, want) = (cells[0].parse::<u128>().unwrap(), exp(cells[1]), cells[2]);
            assert_eq!(power_claims(r, a).to_string(), want, "{r}^{a}");
            checked += 1;
        }
        assert_eq!(checked, 3000);
    }

    proptest! {
        #[test]
        fn never_panics(r in any::<u128>(), h in 50u16..=200) {
            let _ = power_claims(r, PowerExponent::from_hundredths(h).unwrap()).to_string();
        }

        #[test]
        fn monotone_in_rshares(r in any::<u128>(), d in 0u128..1_000_000, h in 50u16..=200) {
            let a = PowerExponent::from_hundredths(h).unwrap();
            prop_assert!(power_claims(r, a) <= power_claims(r.saturating_add(d), a));
        }

        #[test]
        fn decimal_rshares_agree_with_whole_rshares(r in 0u128..(1u128 << 94), h in 50u16..=200) {
            let a = PowerExponent::from_hundredths(h).unwrap();
            prop_assert_eq!(power_claims_of_decimal(r * 10u128.pow(10), a), power_claims(r, a));
        }

        #[test]
        fn decimal_rshares_never_panic_and_are_monotone(
            r in any::<u128>(), d in 0u128..1_000_000_000, h in 50u16..=200,
        ) {
            let a = PowerExponent::from_hundredths(h).unwrap();
            prop_assert!(
                power_claims_of_decimal(r, a) <= power_claims_of_decimal(r.saturating_add(d), a)
            );
        }

        #[test]
        fn exponent_text_round_trips(h in 50u16..=200) {
            let a = PowerExponent::from_hundredths(h).unwrap();
            prop_assert_eq!(a.to_string().parse::<PowerExponent>().unwrap(), a);
        }
    }
}
