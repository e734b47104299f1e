//! One SMT's vesting fund: `smt_token_object`'s vesting totals and ballast,
//! `get_vesting_share_price`, `get_reward_vesting_share_price`, `create_vesting2` for a
//! token, `claim_reward_balance2` for its vesting, and emissions to `$vesting`.
//!
//! Units: token amounts are token satoshis (10^-precision); vesting shares are the token's
//! vesting satoshis. The initial price is `SMT_INITIAL_VESTING_PER_UNIT` = 10^6 vesting
//! satoshis per token satoshi (`initial_vesting_share_price`: 10^p·10^6 shares for 10^p
//! satoshis). Until a ballast exists the chain prices at that initial price whatever the
//! fund holds, so `$vesting` emissions raise the share value only after launch.

use super::super::power_down::ConversionError;

/// `SMT_INITIAL_VESTING_PER_UNIT`: vesting satoshis per token satoshi at the initial price.
pub const SMT_INITIAL_VESTING_PER_UNIT: i64 = 1_000_000;
/// `SMT_BALLAST_SUPPLY_PERCENT` = `STEEM_1_PERCENT / 10`: 0.1%, basis points.
pub const SMT_BALLAST_SUPPLY_PERCENT: i64 = 10;

/// The token's vesting totals (`smt_token_object`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SmtVestingFund {
    /// `total_vesting_fund_smt`, token satoshis.
    pub total_vesting_fund_smt: i64,
    /// `total_vesting_shares`, vesting satoshis.
    pub total_vesting_shares: i64,
    /// `total_vesting_fund_ballast`, token satoshis (set at launch).
    pub total_vesting_fund_ballast: i64,
    /// `total_vesting_shares_ballast`, vesting satoshis (set at launch).
    pub total_vesting_shares_ballast: i64,
    /// `pending_rewarded_vesting_smt`: rewards vested at cashout, not yet claimed, token
    /// satoshis.
    pub pending_rewarded_vesting_smt: i64,
    /// `pending_rewarded_vesting_shares`: their vesting satoshis.
    pub pending_rewarded_vesting_shares: i64,
}

impl SmtVestingFund {
    /// The fund after a successful launch with `current_supply` token satoshis
    /// (`smt_ico_launch_evaluator`): ballast fund = ⌊supply · 10 / 10000⌋, ballast shares
    /// = ballast fund · 10^6; nothing vested yet.
    pub fn launched(current_supply: i64) -> Result<SmtVestingFund, ConversionError> {
        let ballast = current_supply
            .checked_mul(SMT_BALLAST_SUPPLY_PERCENT)
            .ok_or(ConversionError::Overflow)?
            / 10_000;
        Ok(SmtVestingFund {
            total_vesting_fund_ballast: ballast,
            total_vesting_shares_ballast: ballast
                .checked_mul(SMT_INITIAL_VESTING_PER_UNIT)
                .ok_or(ConversionError::Overflow)?,
            ..SmtVestingFund::default()
        })
    }

    /// (shares, fund) of `get_vesting_share_price`: ballast + totals, or the initial
    /// price (10^6, 1) while either ballast is 0.
    pub fn vesting_share_price(&self) -> Result<(i64, i64), ConversionError> {
        self.price_with(0, 0)
    }

    /// (shares, fund) of `get_reward_vesting_share_price`: as
    /// [`SmtVestingFund::vesting_share_price`] plus the pending rewards.
    pub fn reward_vesting_share_price(&self) -> Result<(i64, i64), ConversionError> {
        self.price_with(
            self.pending_rewarded_vesting_shares,
            self.pending_rewarded_vesting_smt,
        )
    }

    fn price_with(&self, shares: i64, fund: i64) -> Result<(i64, i64), ConversionError> {
        if self.total_vesting_fund_ballast == 0 || self.total_vesting_shares_ballast == 0 {
            return Ok((SMT_INITIAL_VESTING_PER_UNIT, 1));
        }
        let sum = |a: i64, b: i64, c: i64| {
            a.checked_add(b)
                .and_then(|ab| ab.checked_add(c))
                .ok_or(ConversionError::Overflow)
        };
        Ok((
            sum(
                self.total_vesting_shares_ballast,
                self.total_vesting_shares,
                shares,
            )?,
            sum(
                self.total_vesting_fund_ballast,
                self.total_vesting_fund_smt,
                fund,
            )?,
        ))
    }

    /// Vesting shares bought by `tokens` (token satoshis) outside rewards (`create_vesting2`
    /// with `to_reward_balance` false: founder vesting, power up): the fund and shares grow;
    /// returns the shares. Unlike STEEM, the chain does not touch the owner's manabar here.
    pub fn create_vesting(&mut self, tokens: i64) -> Result<i64, ConversionError> {
        let shares = convert(tokens, self.vesting_share_price()?)?;
        self.total_vesting_fund_smt = add(self.total_vesting_fund_smt, tokens)?;
        self.total_vesting_shares = add(self.total_vesting_shares, shares)?;
        Ok(shares)
    }

    /// Vesting shares for a reward of `tokens` (token satoshis) vested at cashout
    /// (`create_vesting2` with `to_reward_balance` true): priced at the reward price and
    /// added to the pending totals (the owner's reward balance); returns the shares.
    pub fn create_reward_vesting(&mut self, tokens: i64) -> Result<i64, ConversionError> {
        let shares = convert(tokens, self.reward_vesting_share_price()?)?;
        self.pending_rewarded_vesting_smt = add(self.pending_rewarded_vesting_smt, tokens)?;
        self.pending_rewarded_vesting_shares = add(self.pending_rewarded_vesting_shares, shares)?;
        Ok(shares)
    }

    /// Every owner claims all its pending vested rewards (`claim_reward_balance2` with the
    /// whole pending balance): the pending totals move into the fund.
    pub fn claim_all_pending(&mut self) -> Result<(), ConversionError> {
        self.total_vesting_fund_smt = add(
            self.total_vesting_fund_smt,
            self.pending_rewarded_vesting_smt,
        )?;
        self.total_vesting_shares = add(
            self.total_vesting_shares,
            self.pending_rewarded_vesting_shares,
        )?;
        self.pending_rewarded_vesting_smt = 0;
        self.pending_rewarded_vesting_shares = 0;
        Ok(())
    }

    /// An emission of `tokens` (token satoshis) to `$vesting` (`smt_token_emission_evaluator`):
    /// the fund grows, no shares are created, so every staker's shares are worth more.
    pub fn add_vesting_emission(&mut self, tokens: i64) -> Result<(), ConversionError> {
        self.total_vesting_fund_smt = add(self.total_vesting_fund_smt, tokens)?;
        Ok(())
    }
}

/// `asset(tokens) × price(shares / fund)`: ⌊tokens · shares / fund⌋ of the u128 product,
/// which must fit (the chain asserts `result.hi == 0`; past 2^63 − 1 it would turn negative
/// in the int64 asset, which we refuse).
fn convert(tokens: i64, (shares, fund): (i64, i64)) -> Result<i64, ConversionError> {
    let tokens = u128::try_from(tokens).map_err(|_| ConversionError::Negative)?;
    let shares = u128::try_from(shares).map_err(|_| ConversionError::Negative)?;
    let fund = u128::try_from(fund)
        .ok()
        .filter(|f| *f > 0)
        .ok_or(ConversionError::Negative)?;
    let product = tokens
        .checked_mul(shares)
        .ok_or(ConversionError::Overflow)?;
    i64::try_from(product / fund).map_err(|_| ConversionError::Overflow)
}

fn add(a: i64, b: i64) -> Result<i64, ConversionError> {
    a.checked_add(b).ok_or(ConversionError::Overflow)
}
