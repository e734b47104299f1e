//! The chain's u128 product-then-quotient, computed with hardware u64 division where the
//! operands allow it.
//!
//! Role: the chain multiplies two 64-bit values in u128 (`fc::uint128`, `unsigned __int128`)
//! and divides once. A u128 division is a call to the software routine `__udivti3`; a u64
//! division is one instruction, or a multiply and shift when the divisor is a constant.
//!
//! Invariant: every function here returns exactly what the plain u128 expression in its
//! doc returns, for every input (division by zero included), and takes that plain u128 path
//! itself whenever its narrower paths do not apply. The property tests below compare each
//! with the plain expression, with inputs around the u64 boundary.

/// ⌊x·k/d⌋ of the exact u128 product: the same as
/// `u128::from(x) * u128::from(k) / u128::from(d)`, which never wraps. Panics for d = 0 as
/// that division does.
///
/// Three paths, the first that applies: the product fits in u64 (one u64 division); else,
/// with x = q·d + r (r < d), r·k fits in u64 and ⌊x·k/d⌋ = q·k + ⌊r·k/d⌋ (two u64 divisions,
/// exact because q·k·d is a multiple of d); else the u128 division. The second path always
/// applies when d·k ≤ 2^64, e.g. k ≤ d < 2^32 (a fraction of a time span) or d = 10000
/// with k < 2^50; with a constant d its divisions become multiplications.
#[inline]
pub(crate) fn mul_div(x: u64, k: u64, d: u64) -> u128 {
    if let Some(product) = x.checked_mul(k) {
        return u128::from(product / d);
    }
    let (q, r) = (x / d, x % d);
    if let Some(rest) = r.checked_mul(k) {
        // q·k + ⌊r·k/d⌋ ≤ x·k/d < 2^128: the sum cannot wrap.
        return u128::from(q) * u128::from(k) + u128::from(rest / d);
    }
    u128::from(x) * u128::from(k) / u128::from(d)
}

/// `n.checked_div(d)` in u64 when both fit (a u128 quotient of two values below 2^64 is
/// their u64 quotient), in u128 otherwise. `None` for d = 0.
#[inline]
pub(crate) fn checked_div(n: u128, d: u128) -> Option<u128> {
    match (u64::try_from(n), u64::try_from(d)) {
        (Ok(n), Ok(d)) => n.checked_div(d).map(u128::from),
        _ => n.checked_div(d),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// u64 values weighted towards the edges: small, around 2^32, around 2^63 and just
    /// below 2^64, plus uniform ones.
    pub(crate) fn edgy_u64() -> impl Strategy<Value = u64> {
        prop_oneof![
            any::<u64>(),
            0u64..1_000,
            (1u64 << 32) - 1_000..(1u64 << 32) + 1_000,
            (1u64 << 63) - 1_000..(1u64 << 63) + 1_000,
            u64::MAX - 1_000..=u64::MAX,
            (0u32..64).prop_map(|b| 1u64 << b),
            (1u32..64).prop_map(|b| (1u64 << b) - 1),
        ]
    }

    /// u128 values weighted towards the u64 boundary and the u128 edges.
    pub(crate) fn edgy_u128() -> impl Strategy<Value = u128> {
        prop_oneof![
            any::<u128>(),
            edgy_u64().prop_map(u128::from),
            (1u128 << 64) - 1_000..(1u128 << 64) + 1_000,
            u128::MAX - 1_000..=u128::MAX,
            (0u32..128).prop_map(|b| 1u128 << b),
        ]
    }

    fn plain(x: u64, k: u64, d: u64) -> u128 {
        u128::from(x) * u128::from(k) / u128::from(d)
    }

    #[test]
    fn hand_checked_quotients() {
        assert_eq!(mul_div(7, 3, 2), 10);
        assert_eq!(mul_div(u64::MAX, u64::MAX, 1), u128::from(u64::MAX).pow(2));
        assert_eq!(mul_div(u64::MAX, u64::MAX, u64::MAX), u128::from(u64::MAX));
        // The split path: 2^63·10^4 overflows u64; ⌊2^63·10^4/10^4⌋ = 2^63.
        assert_eq!(mul_div(1 << 63, 10_000, 10_000), 1 << 63);
        assert_eq!(
            mul_div(u64::MAX, 86_400, 10_000),
            plain(u64::MAX, 86_400, 10_000)
        );
        assert_eq!(
            checked_div(u128::from(u64::MAX), 2),
            Some(u128::from(u64::MAX / 2))
        );
        assert_eq!(checked_div(1 << 64, 2), Some(1 << 63));
        assert_eq!(checked_div(5, 0), None);
        assert_eq!(checked_div(1 << 64, 0), None);
    }

    proptest! {
        #[test]
        fn mul_div_equals_the_u128_quotient(
            x in edgy_u64(), k in edgy_u64(), d in edgy_u64(), small_d in 1u64..100_000,
        ) {
            let d = d.max(1);
            prop_assert_eq!(mul_div(x, k, d), plain(x, k, d));
            prop_assert_eq!(mul_div(x, k, small_d), plain(x, k, small_d));
            let (k, d) = (k >> 32, (d >> 32) | 1);
            prop_assert_eq!(mul_div(x, k, d), plain(x, k, d));
        }

        #[test]
        fn mul_div_equals_the_u128_quotient_where_the_product_crosses_2_pow_64(
            k in 2u64..=u64::MAX, delta in -3i64..=3, d in edgy_u64(), small_d in 1u64..100_000,
        ) {
            // x·k is within a few k of 2^64: the first path switches on or off here.
            let x = (u64::MAX / k).saturating_add_signed(delta);
            for d in [d.max(1), small_d, k, k.saturating_add(1), k - 1] {
                prop_assert_eq!(mul_div(x, k, d), plain(x, k, d), "x={} k={} d={}", x, k, d);
            }
        }

        #[test]
        fn mul_div_equals_the_u128_quotient_for_fractions_of_a_span(
            x in edgy_u64(), span in 1u32..=u32::MAX, part in any::<u32>(),
        ) {
            // k ≤ d < 2^32, as for dt/R, age/auction and delta/lockout: the second path.
            let (k, d) = (u64::from(part % span), u64::from(span));
            prop_assert_eq!(mul_div(x, k, d), plain(x, k, d));
            prop_assert_eq!(mul_div(x, d, d), u128::from(x));
        }

        #[test]
        fn checked_div_equals_the_u128_quotient(n in edgy_u128(), d in edgy_u128()) {
            prop_assert_eq!(checked_div(n, d), n.checked_div(d));
            prop_assert_eq!(checked_div(d, n), d.checked_div(n));
            prop_assert_eq!(checked_div(n >> 64, d >> 64), (n >> 64).checked_div(d >> 64));
        }
    }
}
