//! The vesting fund: STEEM ↔ VESTS at the vesting share price (`database::create_vesting`,
//! `dynamic_global_property_object::get_vesting_share_price`,
//! `get_reward_vesting_share_price`, `claim_reward_balance_evaluator`).
//!
//! Units: STEEM amounts in milli-STEEM, VESTS in VESTS satoshis (10⁻⁶ VESTS).
//!
//! Invariant: every conversion is the chain's `asset × price` — a u128 product floored,
//! which must fit in 64 bits — against the fund as it stands at that moment, so a sequence of
//! conversions gives the chain's amounts only when done in the chain's order. Rewards vested
//! at cashout (HF17+) are priced with the pending rewarded vesting included and stay pending
//! until [`VestingFund::claim_all_pending`] (the owners' `claim_reward_balance`).

use super::power_down::ConversionError;

/// The chain's default share price when the fund is empty: 1000 milli-STEEM per 10⁶ VESTS
/// satoshis (`STEEM_INITIAL_VESTING_SHARE_PRICE` equivalent used by `get_vesting_share_price`).
const DEFAULT_PRICE: (u128, u128) = (1_000, 1_000_000);

/// The global vesting fund and the rewards vested but not yet claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VestingFund {
    /// STEEM backing all VESTS (`total_vesting_fund_steem`), milli-STEEM.
    pub total_vesting_fund_steem: i64,
    /// VESTS in existence (`total_vesting_shares`), VESTS satoshis.
    pub total_vesting_shares: i64,
    /// Rewards vested at cashout and not yet claimed (`pending_rewarded_vesting_steem`),
    /// milli-STEEM.
    pub pending_rewarded_vesting_steem: i64,
    /// Their VESTS (`pending_rewarded_vesting_shares`), VESTS satoshis.
    pub pending_rewarded_vesting_shares: i64,
}

/// `amount × (numerator / denominator)` floored, as the chain's `asset × price`.
fn convert(amount: i64, numerator: u128, denominator: u128) -> Result<i64, ConversionError> {
    let amount = u128::try_from(amount).map_err(|_| ConversionError::Negative)?;
    let result = amount
        .checked_mul(numerator)
        .ok_or(ConversionError::Overflow)?
        / denominator;
    i64::try_from(result).map_err(|_| ConversionError::Overflow)
}

fn price_of(steem: i64, shares: i64) -> (u128, u128) {
    if steem <= 0 || shares <= 0 {
        DEFAULT_PRICE
    } else {
        (steem as u128, shares as u128)
    }
}

fn add(a: i64, b: i64) -> Result<i64, ConversionError> {
    a.checked_add(b).ok_or(ConversionError::Overflow)
}

impl VestingFund {
    /// VESTS bought by `steem` at the vesting share price (`create_vesting` to the account's
    /// vesting balance: power up, producer reward): the fund grows by both; returns the VESTS.
    pub fn create_vesting(&mut self, steem: i64) -> Result<i64, ConversionError> {
        let (fund, shares) = price_of(self.total_vesting_fund_steem, self.total_vesting_shares);
        let vests = convert(steem, shares, fund)?;
        self.total_vesting_fund_steem = add(self.total_vesting_fund_steem, steem)?;
        self.total_vesting_shares = add(self.total_vesting_shares, vests)?;
        Ok(vests)
    }

    /// VESTS for a reward of `steem` vested at cashout (`create_vesting(..., true)`): priced
    /// at the reward vesting share price (fund and shares including pending rewards) and
    /// added to the pending totals; returns the VESTS.
    pub fn create_reward_vesting(&mut self, steem: i64) -> Result<i64, ConversionError> {
        let (fund, shares) = price_of(
            add(
                self.total_vesting_fund_steem,
                self.pending_rewarded_vesting_steem,
            )?,
            add(
                self.total_vesting_shares,
                self.pending_rewarded_vesting_shares,
            )?,
        );
        let vests = convert(steem, shares, fund)?;
        self.pending_rewarded_vesting_steem = add(self.pending_rewarded_vesting_steem, steem)?;
        self.pending_rewarded_vesting_shares = add(self.pending_rewarded_vesting_shares, vests)?;
        Ok(vests)
    }

    /// Every owner claims all of its pending vested rewards (`claim_reward_balance` with the
    /// whole reward balance): the pending totals move into the fund.
    pub fn claim_all_pending(&mut self) -> Result<(), ConversionError> {
        self.total_vesting_fund_steem = add(
            self.total_vesting_fund_steem,
            self.pending_rewarded_vesting_steem,
        )?;
        self.total_vesting_shares = add(
            self.total_vesting_shares,
            self.pending_rewarded_vesting_shares,
        )?;
        self.pending_rewarded_vesting_steem = 0;
        self.pending_rewarded_vesting_shares = 0;
        Ok(())
    }

    /// STEEM worth `vests` at the vesting share price (`asset(vests, VESTS) ×
    /// get_vesting_share_price()`), without changing the fund.
    pub fn vests_to_steem(&self, vests: i64) -> Result<i64, ConversionError> {
        let (fund, shares) = price_of(self.total_vesting_fund_steem, self.total_vesting_shares);
        convert(vests, fund, shares)
    }

    /// VESTS worth `steem` at the vesting share price (`asset(steem, STEEM) ×
    /// get_vesting_share_price()`), without changing the fund.
    pub fn steem_to_vests(&self, steem: i64) -> Result<i64, ConversionError> {
        let (fund, shares) = price_of(self.total_vesting_fund_steem, self.total_vesting_shares);
        convert(steem, shares, fund)
    }

    /// Withdraws `vests` for STEEM at the vesting share price (`process_vesting_withdrawals`):
    /// the fund shrinks by both; returns the STEEM paid.
    pub fn withdraw_vesting(&mut self, vests: i64) -> Result<i64, ConversionError> {
        let steem = self.vests_to_steem(vests)?;
        self.total_vesting_fund_steem -= steem;
        self.total_vesting_shares -= vests;
        Ok(steem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fund(steem: i64, shares: i64) -> VestingFund {
        VestingFund {
            total_vesting_fund_steem: steem,
            total_vesting_shares: shares,
            ..VestingFund::default()
        }
    }

    #[test]
    fn power_up_at_the_share_price_floors() {
        // 2000 VESTS per STEEM = 2·10^6 VESTS-sat per milli-STEEM.
        let mut f = fund(1_000_000, 2_000_000_000_000);
        assert_eq!(f.create_vesting(1_000).unwrap(), 2_000_000_000);
        assert_eq!(f.total_vesting_fund_steem, 1_001_000);
        assert_eq!(f.total_vesting_shares, 2_002_000_000_000);
        // 3 / 7 price: ⌊10 · 7 / 3⌋ = 23.
        let mut f = fund(3, 7);
        assert_eq!(f.create_vesting(10).unwrap(), 23);
    }

    #[test]
    fn empty_fund_uses_the_default_price() {
        let mut f = VestingFund::default();
        assert_eq!(f.create_vesting(5).unwrap(), 5_000);
        assert_eq!(f.vests_to_steem(5_000).unwrap(), 5);
    }

    #[test]
    fn reward_vesting_includes_pending_and_claims_move_it() {
        let mut f = fund(100, 1_000);
        assert_eq!(f.create_reward_vesting(10).unwrap(), 100);
        // Price now (1000 + 100) / (100 + 10) = 10: ⌊7 · 1100 / 110⌋ = 70.
        assert_eq!(f.create_reward_vesting(7).unwrap(), 70);
        assert_eq!(f.total_vesting_shares, 1_000);
        assert_eq!(f.vests_to_steem(1_000).unwrap(), 100);
        f.claim_all_pending().unwrap();
        assert_eq!(f, fund(117, 1_170));
    }

    #[test]
    fn withdraw_pays_at_the_price() {
        let mut f = fund(3, 7);
        assert_eq!(f.withdraw_vesting(5).unwrap(), 2);
        assert_eq!(f, fund(1, 2));
        assert_eq!(f.vests_to_steem(-1), Err(ConversionError::Negative));
    }

    proptest! {
        /// Converting and converting back never creates STEEM.
        #[test]
        fn round_trip_never_gains(
            steem in 1i64..1_000_000_000_000,
            shares in 1i64..1_000_000_000_000_000,
            amount in 0i64..1_000_000_000,
        ) {
            let mut f = fund(steem, shares);
            let before = f;
            let vests = f.create_vesting(amount).unwrap();
            let back = f.withdraw_vesting(vests).unwrap();
            prop_assert!(back <= amount);
            prop_assert_eq!(f.total_vesting_shares, before.total_vesting_shares);
            prop_assert!(f.total_vesting_fund_steem >= before.total_vesting_fund_steem);
        }
    }
}
