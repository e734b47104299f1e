//! The median feed price and the chain's asset × price conversions.
//!
//! Role: mirrors `price` and `operator*(asset, price)` in `protocol/asset.cpp` and the
//! `util::to_sbd` / `util::to_steem` helpers. The feed's `current_median_history` has base
//! SBD and quote STEEM (on Hive: HBD and HIVE — every "SBD" here stands for SBD or HBD and
//! every "STEEM" for STEEM or HIVE).
//!
//! Invariant: a conversion is one u128 product then one truncating division, and fails
//! where the chain asserts (a result past 2^64−1). Results are returned as the chain's
//! `to_uint64()` value; the chain then stores them in an int64 asset amount, which the
//! callers interpret where it matters (see [`as_chain_amount`]).

use std::fmt;

/// The median feed price: `base_sbd` milli-SBD buy `quote_steem` milli-STEEM. Both sides
/// are ≥ 1 (the chain's `price::validate`); a null price (no feed) is not modelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Price {
    base_sbd: i64,
    quote_steem: i64,
}

/// A price side that is not a positive amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("price [{base_sbd}, {quote_steem}] is not allowed; both sides must be integers in 1..=9223372036854775807 (milli-SBD, milli-STEEM)")]
pub struct InvalidPrice {
    /// The base given, milli-SBD.
    pub base_sbd: i64,
    /// The quote given, milli-STEEM.
    pub quote_steem: i64,
}

/// A conversion whose result does not fit in 64 bits; the chain's `to_uint64` asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("converting {amount} at price {price} gives more than 2^64-1 (the chain's asset × price asserts)")]
pub struct ConversionOverflow {
    /// The amount being converted, milli-units.
    pub amount: u64,
    /// The price used.
    pub price: Price,
}

impl Price {
    /// 1.000 SBD per 1.000 STEEM.
    pub const PAR: Price = Price {
        base_sbd: 1_000,
        quote_steem: 1_000,
    };

    /// The price `base_sbd` milli-SBD / `quote_steem` milli-STEEM; both must be ≥ 1.
    pub fn new(base_sbd: i64, quote_steem: i64) -> Result<Price, InvalidPrice> {
        if base_sbd >= 1 && quote_steem >= 1 {
            Ok(Price {
                base_sbd,
                quote_steem,
            })
        } else {
            Err(InvalidPrice {
                base_sbd,
                quote_steem,
            })
        }
    }

    /// The base side, milli-SBD.
    pub fn base_sbd(&self) -> i64 {
        self.base_sbd
    }

    /// The quote side, milli-STEEM.
    pub fn quote_steem(&self) -> i64 {
        self.quote_steem
    }

    /// milli-STEEM → milli-SBD: ⌊steem · base / quote⌋ (`asset(steem, STEEM) * price`,
    /// `util::to_sbd`).
    pub fn to_sbd(&self, steem: u64) -> Result<u64, ConversionOverflow> {
        self.convert(steem, self.base_sbd, self.quote_steem)
    }

    /// milli-SBD → milli-STEEM: ⌊sbd · quote / base⌋ (`asset(sbd, SBD) * price`,
    /// `util::to_steem`).
    pub fn to_steem(&self, sbd: u64) -> Result<u64, ConversionOverflow> {
        self.convert(sbd, self.quote_steem, self.base_sbd)
    }

    fn convert(&self, amount: u64, times: i64, over: i64) -> Result<u64, ConversionOverflow> {
        // Both sides are ≥ 1, so the casts are exact and the product of a u64 and an i64
        // fits in u128.
        let result = u128::from(amount) * times as u128 / over as u128;
        u64::try_from(result).map_err(|_| ConversionOverflow {
            amount,
            price: *self,
        })
    }
}

impl Default for Price {
    fn default() -> Price {
        Price::PAR
    }
}

impl fmt::Display for Price {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}, {}]", self.base_sbd, self.quote_steem)
    }
}

/// A `to_uint64()` result as the chain's int64 asset amount holds it: values past 2^63−1
/// wrap to negative, as `share_type(uint64)` does.
pub fn as_chain_amount(value: u64) -> i64 {
    value as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table_of_conversions() {
        let quarter = Price::new(250, 1_000).unwrap(); // 0.25 SBD per STEEM
        let cases: &[(Price, u64, u64, u64)] = &[
            // (price, amount, to_sbd(amount), to_steem(amount))
            (Price::PAR, 1_234, 1_234, 1_234),
            (quarter, 1_000, 250, 4_000),
            (quarter, 3, 0, 12),
            (quarter, 79, 19, 316),
            (Price::new(3, 7).unwrap(), 10, 4, 23),
            (Price::new(i64::MAX, 1).unwrap(), 2, u64::MAX - 1, 0),
        ];
        for &(price, amount, sbd, steem) in cases {
            assert_eq!(price.to_sbd(amount), Ok(sbd), "{price} to_sbd({amount})");
            assert_eq!(
                price.to_steem(amount),
                Ok(steem),
                "{price} to_steem({amount})"
            );
        }
    }

    #[test]
    fn overflow_and_invalid_prices() {
        let steep = Price::new(i64::MAX, 1).unwrap();
        assert!(steep.to_sbd(3).is_err());
        assert!(Price::new(0, 1).is_err());
        assert!(Price::new(1, -1).is_err());
        assert_eq!(as_chain_amount(u64::MAX), -1);
        assert_eq!(as_chain_amount(20), 20);
    }

    proptest! {
        #[test]
        fn never_panics(base in any::<i64>(), quote in any::<i64>(), amount in any::<u64>()) {
            if let Ok(price) = Price::new(base, quote) {
                let _ = price.to_sbd(amount);
                let _ = price.to_steem(amount);
            }
        }

        #[test]
        fn round_trip_never_gains(base in 1i64..1_000_000, quote in 1i64..1_000_000, amount in 0u64..(1 << 40)) {
            let price = Price::new(base, quote).unwrap();
            let back = price.to_steem(price.to_sbd(amount).unwrap()).unwrap();
            prop_assert!(back <= amount);
        }
    }
}
