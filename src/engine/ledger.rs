//! Token conservation: every token minted is somewhere, and nothing else appeared.
//!
//! Checked identities (milli-STEEM, milli-SBD, VESTS satoshis):
//! 1. `current_supply = initial + minted − converted to SBD`;
//! 2. `current_supply = Σ liquid + vesting fund (incl. pending rewards) + reward balance`;
//! 3. `current_sbd_supply = Σ account SBD + DAO SBD = SBD created`;
//! 4. `total_vesting_shares (+ pending) = Σ account VESTS`;
//! 5. no balance is negative;
//! 6. every account's delegated and received VESTS are its leases' (in force, and on
//!    their way back for the delegator), and no account delegates more VESTS than it
//!    holds ([`super::leasing::Leases::check`]).

use super::world::World;

/// The first identity that fails, described for the user; `None` when all hold.
pub fn check(world: &World) -> Option<String> {
    let g = &world.globals;
    let a = &world.accounts;
    let sum = |v: &[i64]| -> i128 { v.iter().map(|&x| i128::from(x)).sum() };
    let expected = i128::from(world.initial_supply) + i128::from(world.minted_steem)
        - i128::from(world.converted_to_sbd);
    let supply = i128::from(g.current_supply);
    if supply != expected {
        return Some(format!(
            "current_supply {supply} ≠ initial {} + minted {} − converted to SBD {} = {expected}",
            world.initial_supply, world.minted_steem, world.converted_to_sbd
        ));
    }
    let liquid = sum(&a.liquid);
    let vesting = i128::from(g.vesting.total_vesting_fund_steem)
        + i128::from(g.vesting.pending_rewarded_vesting_steem);
    let fund = i128::from(g.reward_fund.reward_balance);
    if liquid + vesting + fund != supply {
        return Some(format!(
            "current_supply {supply} ≠ liquid {liquid} + vesting fund {vesting} + reward fund {fund} (off by {})",
            supply - liquid - vesting - fund
        ));
    }
    let sbd = sum(&a.sbd) + i128::from(g.dao_sbd);
    if sbd != i128::from(g.current_sbd_supply) || sbd != i128::from(world.sbd_created) {
        return Some(format!(
            "SBD: accounts + DAO {sbd}, current_sbd_supply {}, created {}",
            g.current_sbd_supply, world.sbd_created
        ));
    }
    let vests = sum(&a.vesting_shares);
    let total_vests = i128::from(g.vesting.total_vesting_shares)
        + i128::from(g.vesting.pending_rewarded_vesting_shares);
    if vests != total_vests {
        return Some(format!(
            "VESTS: accounts hold {vests}, total_vesting_shares {total_vests}"
        ));
    }
    for (name, v) in [
        ("liquid STEEM", &a.liquid),
        ("SBD", &a.sbd),
        ("VESTS", &a.vesting_shares),
    ] {
        if let Some(i) = v.iter().position(|&x| x < 0) {
            return Some(format!("account {i} has negative {name}: {}", v[i]));
        }
    }
    if g.reward_fund.reward_balance < 0 {
        return Some(format!(
            "negative reward balance {}",
            g.reward_fund.reward_balance
        ));
    }
    world.bid_market.leases.check(world)
}
