//! The decimal digits JavaScript's `String(x)` writes for a double (ECMAScript
//! `Number::toString`), as node (V8) writes them.
//!
//! Invariant: [`js_shortest_digits`] returns exactly the digits V8 prints: the fewest
//! significant digits that read back as the same double and, among those, the closest to
//! it; when two are equally close (the double lies exactly halfway between them), the even
//! one, as ECMAScript recommends and V8's `BignumDtoa` does. Rust's shortest formatting
//! (`{:e}`) agrees except in that halfway case, where it may pick the odd one: e.g. the
//! double 73165977477440.125 prints as `73165977477440.12` in node and
//! `7.316597747744013e13` in Rust.

/// The significand and power of ten of `String(value)` for a finite `value > 0`:
/// `(s, p)` with `String(value)` = s·10^p, s the shortest digits (at most 17, no sign).
/// Returns `(0, 0)` for zero, NaN and infinities (not reached by callers; no panic).
pub fn js_shortest_digits(value: f64) -> (u64, i32) {
    if !value.is_finite() || value == 0.0 {
        return (0, 0);
    }
    let value = value.abs();
    // Rust's `{:e}` prints the shortest digits that round-trip, e.g. `3.168053353606566e0`.
    let (digits, exp) = split_scientific(&format!("{value:e}"));
    let k = digits.len();
    let s: u64 = digits.parse().expect("at most 17 digits");
    let p = exp - k as i32 + 1;
    // Halfway case: value = (t + ½)·10^p exactly, with t the k-digit truncation. The
    // (k+1)-digit rounding of a halfway value ends in 5; check exactness only then.
    let (next, _) = split_scientific(&format!("{value:.k$e}"));
    if !next.ends_with('5') {
        return (s, p);
    }
    // Every double's exact decimal expansion has fewer than 800 significant digits.
    let (exact, exact_exp) = split_scientific(&format!("{value:.800e}"));
    let halfway = exact_exp == exp
        && exact.as_bytes()[k] == b'5'
        && exact.bytes().skip(k + 1).all(|b| b == b'0');
    if !halfway {
        return (s, p);
    }
    let t: u64 = exact[..k].parse().expect("at most 17 digits");
    let even = if t % 2 == 0 { t } else { t + 1 };
    // Both neighbours are equally close; keep the even one if it also reads back as value.
    if even != s && format!("{even}e{p}").parse::<f64>() == Ok(value) {
        (even, p)
    } else {
        (s, p)
    }
}

/// Splits Rust's `{:e}` text `d.ddde±x` into its digits (no point) and exponent.
fn split_scientific(text: &str) -> (String, i32) {
    let (mantissa, exp) = text.split_once('e').expect("{:e} always has an exponent");
    let digits = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exp.parse().expect("{:e} exponent is an integer"))
}

#[cfg(test)]
#[allow(clippy::excessive_precision)] // the doubles are written exactly, on purpose
mod tests {
    use super::*;

    /// (double, node's `String(x)` as significand and power of ten).
    #[test]
    fn matches_node_string() {
        for (value, want) in [
            (73165977477440.125, (7316597747744012, -2)), // halfway: node keeps the even
            (0.5, (5, -1)),
            (1.0, (1, 0)),
            (1234.5, (12345, -1)),
            (3.168053353606566, (3168053353606566, -15)),
            (1e21, (1, 21)),
            (2.5, (25, -1)),
            (0.1 + 0.2, (30000000000000004, -17)),
            (f64::MAX, (17976931348623157, 292)),
            (5e-324, (5, -324)),
        ] {
            assert_eq!(js_shortest_digits(value), want, "{value:e}");
        }
        assert_eq!(js_shortest_digits(0.0), (0, 0));
        assert_eq!(js_shortest_digits(f64::NAN), (0, 0));
    }

    #[test]
    fn halfway_doubles_print_the_even_neighbour() {
        // Doubles m/64 near 2^46 (ulp 1/64) ending in .125 or .375 are halfway between two
        // 16-digit decimals; node prints the even one (checked with node v20.20.2).
        for (value, want) in [
            (73165977477440.125, 7316597747744012),
            (73165977477440.375, 7316597747744038),
            (73165977477441.125, 7316597747744112),
        ] {
            assert_eq!(js_shortest_digits(value), (want, -2), "{value}");
        }
    }
}
