//! Every account's balances in one community token: membership, staked and liquid token
//! units. Struct of arrays, indexed by account, like [`crate::engine::world::Accounts`].

use crate::behaviour::community::is_member;
use crate::behaviour::population::WAITING;
use crate::engine::world::Accounts;
use crate::scenario::PoolScenario;

/// One token's balances, token units (10^-precision).
#[derive(Debug, Clone, Default)]
pub struct Holdings {
    /// Whether the account belongs to the community (drawn once, for newcomers too).
    pub member: Vec<bool>,
    /// Staked tokens: the stake the account votes with in the pool.
    pub staked: Vec<u128>,
    /// Liquid tokens: rewards not staked, which the account sells or spends.
    pub liquid: Vec<u128>,
}

impl Holdings {
    /// The balances at the start: members drawn with `pool.members`; the present members
    /// share `pool.stake.staked` in proportion to VESTS^`concentration` (floored, the
    /// remainder to the first largest share, so the total is exact); newcomers start
    /// with nothing.
    pub fn distribute(
        accounts: &Accounts,
        pool: &PoolScenario,
        pool_index: usize,
        seed: u64,
        replicate: u32,
    ) -> Holdings {
        let n = accounts.len();
        let member: Vec<bool> = (0..n)
            .map(|i| is_member(seed, replicate, i as u32, pool_index, pool.members))
            .collect();
        let present = |i: usize| member[i] && accounts.roles[i] & WAITING == 0;
        let weights: Vec<f64> = (0..n)
            .map(|i| {
                if !present(i) {
                    0.0
                } else if pool.stake.concentration == 0.0 {
                    1.0
                } else {
                    (accounts.vesting_shares[i].max(1) as f64).powf(pool.stake.concentration)
                }
            })
            .collect();
        let total_weight: f64 = weights.iter().sum();
        let mut staked = vec![0u128; n];
        if total_weight > 0.0 {
            let supply = pool.stake.staked;
            let mut given = 0u128;
            for (i, w) in weights.iter().enumerate() {
                let share = ((supply as f64) * (w / total_weight)).floor() as u128;
                staked[i] = share.min(supply - given);
                given += staked[i];
            }
            let largest = (0..n)
                .max_by(|&a, &b| weights[a].total_cmp(&weights[b]).then(b.cmp(&a)))
                .expect("some weight is positive");
            staked[largest] += supply - given;
        }
        Holdings {
            member,
            staked,
            liquid: vec![0; n],
        }
    }

    /// Σ staked and Σ liquid, token units.
    pub fn totals(&self) -> (u128, u128) {
        (self.staked.iter().sum(), self.liquid.iter().sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behaviour::population;
    use crate::mechanics::tribe_pool::{PoolConfig, PoolConfigParams};
    use crate::scenario::{PoolRules, PoolStake, PriceModel, Scenario};

    fn pool(staked: u128, concentration: f64) -> PoolScenario {
        PoolScenario {
            name: "PAL".into(),
            preset: None,
            rules: PoolRules::Tribe(PoolConfig::new(PoolConfigParams::default()).unwrap()),
            members: 0.5,
            tag_share: 1.0,
            sell_share: 0.5,
            stake: PoolStake {
                staked,
                concentration,
            },
            price: PriceModel::Path(vec![(0, 0.01)]),
            coop: None,
        }
    }

    #[test]
    fn the_initial_stake_is_shared_exactly_among_present_members() {
        let scenario = Scenario::default();
        let mut accounts = Accounts::from_population(population::draw(&scenario, 0));
        for (i, v) in accounts.vesting_shares.iter_mut().enumerate() {
            *v = (i as i64 % 7 + 1) * 1_000_000;
        }
        for concentration in [0.0, 1.0, 2.0] {
            let h = Holdings::distribute(&accounts, &pool(1_867_000_123, concentration), 0, 9, 0);
            assert_eq!(h.totals(), (1_867_000_123, 0));
            for i in 0..accounts.len() {
                let waiting = accounts.roles[i] & WAITING != 0;
                if !h.member[i] || waiting {
                    assert_eq!(h.staked[i], 0);
                }
            }
            let members = h.member.iter().filter(|m| **m).count() as f64;
            let share = members / accounts.len() as f64;
            assert!((share - 0.5).abs() < 0.05, "{share}");
        }
        // Proportional: an account with 7× the VESTS holds about 7× the tokens.
        let h = Holdings::distribute(&accounts, &pool(10u128.pow(12), 1.0), 0, 9, 0);
        let (a, b) = (0..accounts.len())
            .filter(|&i| h.member[i] && h.staked[i] > 0)
            .fold((None, None), |(a, b), i| match accounts.vesting_shares[i] {
                1_000_000 => (a.or(Some(h.staked[i])), b),
                7_000_000 => (a, b.or(Some(h.staked[i]))),
                _ => (a, b),
            });
        let ratio = b.unwrap() as f64 / a.unwrap() as f64;
        assert!((ratio - 7.0).abs() < 1e-3, "{ratio}");
    }
}
