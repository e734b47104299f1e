//! A community's cooperative market (`[pools.NAME.coop]`): members buy goods from member
//! producers with the token instead of selling it. Once a day, before holders sell, every
//! present member with liquid tokens spends `spend_share` of them; the producer is chosen
//! by reputation ([`crate::behaviour::community::choose_producer`]); the member pays
//! (1 − discount) of the good's price, the producer is paid the full price and the
//! community fund pays the difference while it lasts. A producer's reputation moves toward
//! the quality of its goods (its account's quality) with every sale, so good producers
//! draw more buyers. Spent tokens stay in the community: they are a sink for the market's
//! sell side. All of it is assumption (docs/model.md).
//!
//! Token amounts are token units; the ledger counts the fund and what the issuer adds.

use super::holdings::Holdings;
use crate::behaviour::community::{choose_producer, is_producer};
use crate::behaviour::population::ABSENT;
use crate::engine::world::Accounts;
use crate::scenario::CoopConfig;

/// A cooperative market's state.
#[derive(Debug, Clone)]
pub struct Coop {
    config: CoopConfig,
    /// Producers, in account order.
    producers: Vec<u32>,
    /// Each producer's reputation (0..=1), by position in `producers`.
    reputation: Vec<f64>,
    /// Tokens in the community fund that pays the members' discount, token units.
    pub fund: u128,
    /// Tokens the issuer has added to the fund so far (after the start), token units.
    pub fund_added: u128,
}

/// One day of trade.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CoopDay {
    /// Goods sold at full price, token units (what producers were paid).
    pub sales: u128,
    /// Of which the fund paid, token units.
    pub subsidy: u128,
    /// Members who bought.
    pub buyers: u64,
}

impl Coop {
    /// The market of pool number `pool`: producers drawn among its members with
    /// `config.producers`, each starting at reputation ½; the fund at `config.fund`.
    pub fn new(
        config: CoopConfig,
        holdings: &Holdings,
        (seed, replicate): (u64, u32),
        pool: usize,
    ) -> Coop {
        let producers: Vec<u32> = (0..holdings.member.len() as u32)
            .filter(|&a| {
                holdings.member[a as usize]
                    && is_producer(seed, replicate, a, pool, config.producers)
            })
            .collect();
        let reputation = vec![0.5; producers.len()];
        Coop {
            config,
            producers,
            reputation,
            fund: config.fund,
            fund_added: 0,
        }
    }

    /// Day `day`'s trade (1-based day mark, for the draws). Adds `fund_per_day` to the
    /// fund first. Returns the day and, for each account that sold or bought at a
    /// discount, (account, token units of benefit): the producer's full price, and the
    /// buyer's discount weighted by `utility_weight` (rounded down).
    pub fn trade(
        &mut self,
        holdings: &mut Holdings,
        accounts: &Accounts,
        key: (u64, u32),
        day: u32,
        pool: usize,
        benefits: &mut Vec<(u32, u128)>,
    ) -> CoopDay {
        self.fund += self.config.fund_per_day;
        self.fund_added += self.config.fund_per_day;
        let mut out = CoopDay::default();
        let present = |a: u32| accounts.roles[a as usize] & ABSENT == 0;
        let mut cumulative = Vec::with_capacity(self.producers.len());
        let mut sum = 0.0;
        for (k, &p) in self.producers.iter().enumerate() {
            if present(p) {
                sum += self.reputation[k];
                cumulative.push((p, sum));
            }
        }
        if cumulative.is_empty() {
            return out;
        }
        let discount = self.config.discount;
        for buyer in 0..holdings.member.len() as u32 {
            let b = buyer as usize;
            if !holdings.member[b] || !present(buyer) || holdings.liquid[b] == 0 {
                continue;
            }
            let pays = ((holdings.liquid[b] as f64) * self.config.spend_share).floor() as u128;
            if pays == 0 {
                continue;
            }
            let Some(producer) = choose_producer(key, buyer, day, pool, &cumulative) else {
                continue;
            };
            let full = ((pays as f64) / (1.0 - discount)).floor() as u128;
            let subsidy = full.saturating_sub(pays).min(self.fund);
            self.fund -= subsidy;
            holdings.liquid[b] -= pays;
            holdings.liquid[producer as usize] += pays + subsidy;
            out.sales += pays + subsidy;
            out.subsidy += subsidy;
            out.buyers += 1;
            benefits.push((producer, pays + subsidy));
            let felt = ((subsidy as f64) * self.config.utility_weight).floor() as u128;
            if felt > 0 {
                benefits.push((buyer, felt));
            }
            let k = self
                .producers
                .binary_search(&producer)
                .expect("chosen among the producers");
            let quality = f64::from(accounts.quality[producer as usize]).clamp(0.0, 1.0);
            let r = &mut self.reputation[k];
            *r += self.config.reputation_rate * (quality - *r);
        }
        out
    }
}
