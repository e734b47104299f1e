//! How a recipient's tokens are paid: the SBD half through `database::create_sbd`, the
//! rest vested, and the HF21 treasury paid in SBD (`cashout_comment_helper`).
//!
//! Invariant: for every recipient, converted_to_sbd + liquid STEEM + vested STEEM = its
//! tokens; SBD is ⌊converted · base / quote⌋ at the feed price.

use super::{mul_div, sub, PayoutError};
use crate::mechanics::constants::STEEM_100_PERCENT;
use crate::mechanics::era::{Era, Rules};
use crate::mechanics::price::Price;

/// The Steem treasury (`STEEM_TREASURY_ACCOUNT`).
pub const STEEM_TREASURY_ACCOUNT: &str = "steem.dao";
/// Hive's treasury from HF24 (`NEW_HIVE_TREASURY_ACCOUNT`).
pub const HIVE_TREASURY_ACCOUNT: &str = "hive.fund";

/// True if `account` is the treasury in `era`: `steem.dao` on Steem; on Hive both
/// `hive.fund` and the old `steem.dao` (`database::is_treasury` accepts either).
pub fn is_treasury(era: Era, account: &str) -> bool {
    account == STEEM_TREASURY_ACCOUNT || (era.is_hive() && account == HIVE_TREASURY_ACCOUNT)
}

/// Market state the payout converts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Market {
    /// The median feed price (`current_median_history`).
    pub price: Price,
    /// Share of the SBD half actually printed as SBD, basis points (`sbd_print_rate`); the
    /// rest is paid as liquid STEEM.
    pub sbd_print_rate: u16,
}

impl Default for Market {
    fn default() -> Market {
        Market {
            price: Price::PAR,
            sbd_print_rate: STEEM_100_PERCENT as u16,
        }
    }
}

/// How one recipient's tokens are paid. `converted_to_sbd + steem + vesting_steem` = tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RewardParts {
    /// STEEM turned into SBD, milli-STEEM.
    pub converted_to_sbd: i64,
    /// The SBD paid for it, milli-SBD.
    pub sbd: i64,
    /// Liquid STEEM paid, milli-STEEM.
    pub steem: i64,
    /// STEEM vested (paid as VESTS), milli-STEEM.
    pub vesting_steem: i64,
}

fn steem_to_sbd(price: &Price, steem: i64, what: &'static str) -> Result<i64, PayoutError> {
    let steem = u64::try_from(steem).map_err(|_| PayoutError::Negative(what))?;
    let sbd = price.to_sbd(steem)?;
    i64::try_from(sbd).map_err(|_| PayoutError::SbdTooLarge(sbd))
}

/// Pays `steem` milli-STEEM as SBD at the print rate (`database::create_sbd`): ⌊rate · steem
/// / 10000⌋ is converted at the feed price, the rest is liquid STEEM.
pub fn create_sbd(steem: i64, market: &Market) -> Result<RewardParts, PayoutError> {
    if steem == 0 {
        return Ok(RewardParts::default());
    }
    let converted = mul_div(
        i64::from(market.sbd_print_rate),
        steem,
        i64::from(STEEM_100_PERCENT as u16),
        "sbd_print_rate × STEEM",
    )?;
    Ok(RewardParts {
        converted_to_sbd: converted,
        sbd: steem_to_sbd(&market.price, converted, "STEEM to print as SBD")?,
        steem: sub(steem, converted, "STEEM left after printing SBD")?,
        vesting_steem: 0,
    })
}

/// Splits `tokens` by `percent_steem_dollars`: ⌊tokens · psd / 20000⌋ through
/// [`create_sbd`], the rest vested.
pub(super) fn sbd_and_vesting(
    tokens: i64,
    percent_steem_dollars: u16,
    market: &Market,
) -> Result<RewardParts, PayoutError> {
    let sbd_steem = mul_div(
        tokens,
        i64::from(percent_steem_dollars),
        2 * i64::from(STEEM_100_PERCENT as u16),
        "tokens × percent_steem_dollars",
    )?;
    let mut parts = create_sbd(sbd_steem, market)?;
    parts.vesting_steem = sub(tokens, sbd_steem, "vesting STEEM")?;
    Ok(parts)
}

/// One beneficiary's parts: the HF21 treasury takes SBD at the feed price; from HF20 the
/// post's SBD/vesting mix; before HF20 everything is vested.
pub(super) fn beneficiary_parts(
    account: &str,
    tokens: i64,
    percent_steem_dollars: u16,
    market: &Market,
    rules: &Rules,
) -> Result<RewardParts, PayoutError> {
    if rules.treasury_beneficiary_in_sbd && is_treasury(rules.era, account) {
        Ok(RewardParts {
            converted_to_sbd: tokens,
            sbd: steem_to_sbd(&market.price, tokens, "treasury beneficiary tokens")?,
            steem: 0,
            vesting_steem: 0,
        })
    } else if rules.beneficiaries_take_sbd {
        sbd_and_vesting(tokens, percent_steem_dollars, market)
    } else {
        Ok(RewardParts {
            vesting_steem: tokens,
            ..RewardParts::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_sbd_table() {
        let quarter = Price::new(250, 1_000).unwrap();
        let cases: &[(i64, u16, Price, RewardParts)] = &[
            (0, 10_000, quarter, RewardParts::default()),
            (
                1_000,
                10_000,
                quarter,
                RewardParts {
                    converted_to_sbd: 1_000,
                    sbd: 250,
                    steem: 0,
                    vesting_steem: 0,
                },
            ),
            (
                1_000,
                2_500,
                quarter,
                RewardParts {
                    converted_to_sbd: 250,
                    sbd: 62,
                    steem: 750,
                    vesting_steem: 0,
                },
            ),
            (
                1_000,
                0,
                Price::PAR,
                RewardParts {
                    converted_to_sbd: 0,
                    sbd: 0,
                    steem: 1_000,
                    vesting_steem: 0,
                },
            ),
            (
                7,
                3_333,
                Price::PAR,
                RewardParts {
                    converted_to_sbd: 2,
                    sbd: 2,
                    steem: 5,
                    vesting_steem: 0,
                },
            ),
        ];
        for &(steem, rate, price, want) in cases {
            let market = Market {
                price,
                sbd_print_rate: rate,
            };
            assert_eq!(create_sbd(steem, &market), Ok(want), "{steem} at {rate}");
        }
        assert!(create_sbd(i64::MAX, &Market::default()).is_err());
    }

    #[test]
    fn percent_steem_dollars_halves() {
        // ⌊1001 · 10000 / 20000⌋ = 500 to SBD, 501 vested; 0% vests everything.
        let m = Market::default();
        assert_eq!(
            sbd_and_vesting(1_001, 10_000, &m),
            Ok(RewardParts {
                converted_to_sbd: 500,
                sbd: 500,
                steem: 0,
                vesting_steem: 501
            })
        );
        assert_eq!(
            sbd_and_vesting(1_001, 0, &m),
            Ok(RewardParts {
                vesting_steem: 1_001,
                ..RewardParts::default()
            })
        );
    }

    #[test]
    fn treasury_names_per_chain() {
        assert!(is_treasury(Era::SteemHf21, "steem.dao"));
        assert!(!is_treasury(Era::SteemHf21, "hive.fund"));
        assert!(is_treasury(Era::HiveHf25, "hive.fund"));
        assert!(is_treasury(Era::HiveHf25, "steem.dao"));
    }
}
