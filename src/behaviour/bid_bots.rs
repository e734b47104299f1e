//! Vote buying and selling (bid bots): what a buyer expects from a bought vote, whether it
//! buys, and how a seller moves its price. Pure arithmetic; the engine's `bid_bots` runs
//! the market.
//!
//! A seller asks `price_ratio` × the STEEM value of its full vote, the reward fund's payout
//! for the vote's rshares alone under the rules' curve. As the bid bots did, it sells
//! shares of a vote: a buyer bids what it wants to spend (`[bid_bots] bid_share` of its
//! liquid STEEM) and gets that share of the full price's weight ([`bid_weight`]), the whole
//! vote at most. A buyer expects the author's share of what the bought weight adds (1 − the
//! rules' curation share; under curves that are not linear a part of a vote is worth less
//! or more than that part of the whole), less what downvotes take, and buys when that is at
//! least the price × (1 + margin). A seller's price rises after a day on which it
//! sold its capacity and falls otherwise, but never below its opportunity cost: the curation
//! share of its vote's value, what the vote would earn curating a post of its own choice.
//!
//! Evidence vs assumption: that bids were placed while they stayed below the author's
//! share of the vote's value, and that HF21 moved curation to 50% so that curating would
//! pay as well as selling, is community record (evidence.md C7–C8); the price rule and its
//! parameters (`[bid_bots]`) are assumptions. Whether paid votes survive a rules change is
//! an outcome of these rules, not an input.

/// The highest price ratio a seller asks.
pub const MAX_PRICE_RATIO: f64 = 10.0;

/// A seller's ask for one vote.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ask {
    /// STEEM value of the vote (its rshares' payout alone at the current reward fund),
    /// milli-STEEM.
    pub vote_value: f64,
    /// Price as a ratio to `vote_value`.
    pub price_ratio: f64,
}

impl Ask {
    /// The price, milli-STEEM (rounded up: a seller never sells below its ask).
    pub fn price(&self) -> i64 {
        (self.vote_value * self.price_ratio).ceil().max(0.0) as i64
    }
}

/// What a buyer expects its post to gain from a bought vote, milli-STEEM: the author's share
/// (`1 − curation_share`) of the vote's value, less the share `downvote_loss` (0..=1) that
/// downvotes are expected to take.
pub fn expected_author_reward(vote_value: f64, curation_share: f64, downvote_loss: f64) -> f64 {
    vote_value * (1.0 - curation_share) * (1.0 - downvote_loss.clamp(0.0, 1.0))
}

/// Whether a buyer with `liquid` milli-STEEM pays `price` for a vote it expects to add
/// `expected` milli-STEEM to its author reward: the price is positive, within its liquid
/// STEEM, and the expected reward is at least the price × (1 + `margin`).
pub fn pays(expected: f64, price: i64, margin: f64, liquid: i64) -> bool {
    price > 0 && price <= liquid && expected >= price as f64 * (1.0 + margin)
}

/// The vote weight a bid of `budget` milli-STEEM buys of a vote whose full weight is
/// `full_weight` basis points and whose full price is `full_price` milli-STEEM: the share of
/// the full weight the budget covers (rounded down), at most the full weight; 0 when it
/// covers less than one basis point or the price is not positive.
pub fn bid_weight(budget: i64, full_price: i64, full_weight: u16) -> u16 {
    if budget <= 0 || full_price <= 0 {
        return 0;
    }
    let weight = i128::from(budget) * i128::from(full_weight) / i128::from(full_price);
    weight.min(i128::from(full_weight)) as u16
}

/// The price of `weight` basis points of a vote whose full weight `full_weight` costs
/// `full_price` milli-STEEM: that share of it, rounded up (a seller never sells below its
/// ask).
pub fn weight_price(full_price: i64, weight: u16, full_weight: u16) -> i64 {
    if full_weight == 0 {
        return 0;
    }
    let w = i128::from(full_weight);
    ((i128::from(full_price.max(0)) * i128::from(weight) + w - 1) / w) as i64
}

/// What a day of the vote market showed to anyone watching the bid bots' public prices
/// and sales.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarketSignal {
    /// The sellers' mean price ratio.
    pub price_ratio: f64,
    /// The lowest price ratio asked (what a buyer can find).
    pub lowest_price_ratio: f64,
    /// The share (0..=1) of the sellers' capacity sold.
    pub fill: f64,
}

/// Whether selling votes pays where sellers sell `fill` (0..=1) of their capacity at
/// `price_ratio`: something sells, and above the curation share of the vote's value, what
/// the vote would earn curating. (A seller curates with what it does not sell, so unsold
/// capacity costs it nothing.)
pub fn selling_pays(price_ratio: f64, fill: f64, curation_share: f64) -> bool {
    fill > 0.0 && price_ratio > curation_share
}

/// Whether buying votes at `price_ratio` pays an author: the author's share of a vote's
/// value (1 − `curation_share`) is at least the price × (1 + `margin`).
pub fn buying_pays(price_ratio: f64, curation_share: f64, margin: f64) -> bool {
    1.0 - curation_share >= price_ratio * (1.0 + margin)
}

/// A seller's lowest price ratio: `weight` × the curation share of its vote's value.
pub fn price_floor(curation_share: f64, weight: f64) -> f64 {
    (curation_share * weight).min(MAX_PRICE_RATIO)
}

/// Tomorrow's price ratio of a seller that sold `sold` of its `capacity` votes today at
/// `ratio` and saw `declined` bids refused because its price did not pay the buyer:
/// × (1 + step) when it sold them all, × (1 − step) when it did not and some buyer
/// refused its price, unchanged otherwise, within `floor..=MAX_PRICE_RATIO`. Buyers bid
/// what their budgets allow, so a lower price would not bring in more STEEM from buyers
/// who already buy: it would only give away more of the vote, which the seller can curate
/// with instead. It cuts its price only to win the buyers its price turned away.
pub fn next_price_ratio(
    ratio: f64,
    sold: u32,
    capacity: u32,
    declined: u32,
    step: f64,
    floor: f64,
) -> f64 {
    let next = if sold >= capacity {
        ratio * (1.0 + step)
    } else if declined > 0 {
        ratio * (1.0 - step)
    } else {
        ratio
    };
    next.clamp(floor, MAX_PRICE_RATIO.max(floor))
}

/// Whether leasing stake to a bid bot pays a stakeholder: what a delegated STEEM earns
/// there, `lease_yield` (its share of the bot's bid income, per STEEM per day), is at least
/// what a STEEM earns curating, `curation_yield` (per STEEM per day), × (1 + `margin`),
/// and is positive. A stakeholder keeps its staking interest either way, so only these two
/// differ.
pub fn lease_pays(lease_yield: f64, curation_yield: f64, margin: f64) -> bool {
    lease_yield > 0.0 && lease_yield >= curation_yield.max(0.0) * (1.0 + margin)
}

/// What a STEEM of stake earns an account a day if it keeps it rather than lease it, from
/// `curation_yield` (curation paid per STEEM of stake a day): curating; for a self-voter,
/// its votes' whole value, as it collects the author's part on its own posts as well as
/// the curators' — the curation yield ÷ the rules' `curation_share`.
pub fn kept_yield(curation_yield: f64, curation_share: f64, self_voter: bool) -> f64 {
    if self_voter && curation_share > 0.0 {
        curation_yield / curation_share
    } else {
        curation_yield
    }
}

/// A delegator's part of a bot's bid income `income` (milli-STEEM or milli-SBD): its
/// `vests` out of the bot's `total_vests` (own and received), pro rata, times
/// `delegator_share` (0..=1); rounded down, never more than `income`.
pub fn lease_income(income: i64, vests: i64, total_vests: i64, delegator_share: f64) -> i64 {
    if income <= 0 || vests <= 0 || total_vests <= 0 {
        return 0;
    }
    let pro_rata =
        i128::from(income) * i128::from(vests.min(total_vests)) / i128::from(total_vests);
    ((pro_rata as f64 * delegator_share.clamp(0.0, 1.0)).floor() as i64).clamp(0, income)
}

/// What a STEEM delegated to a bot earned in a day: `delegator_share` × the bot's bid
/// income `income_steem` (milli-STEEM value) ÷ the STEEM value of its vote's stake
/// `stake_steem` (own and received, milli-STEEM); 0 without stake.
pub fn day_lease_yield(income_steem: i64, stake_steem: i64, delegator_share: f64) -> f64 {
    if stake_steem <= 0 {
        return 0.0;
    }
    delegator_share * income_steem.max(0) as f64 / stake_steem as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn leasing_pays_only_above_curation() {
        // 0.1% a day against 0.01% curating: lease.
        assert!(lease_pays(0.001, 0.0001, 0.1));
        // Equal yields do not cover the margin.
        assert!(!lease_pays(0.0001, 0.0001, 0.1));
        // A bot that sold nothing pays nothing, even when curation pays nothing either.
        assert!(!lease_pays(0.0, 0.0, 0.0));
        assert!(lease_pays(1e-9, 0.0, 0.1));
    }

    #[test]
    fn delegators_share_the_income_pro_rata() {
        // 1000 of a bot of 4000 VESTS, 90% passed on: ⌊1000 × 1/4⌋ = 250 → ⌊225⌋.
        assert_eq!(lease_income(1_000, 1_000, 4_000, 0.9), 225);
        // Rounded down at each stage: ⌊10 × 1/3⌋ = 3 → ⌊2.7⌋ = 2.
        assert_eq!(lease_income(10, 1, 3, 0.9), 2);
        // Nothing earned, nothing leased: nothing paid; never above the income.
        assert_eq!(lease_income(0, 1, 3, 0.9), 0);
        assert_eq!(lease_income(10, 0, 3, 0.9), 0);
        assert_eq!(lease_income(10, 5, 3, 1.0), 10);
        // A day's yield: 90% of 500 over 1,000,000 milli-STEEM of stake.
        assert!((day_lease_yield(500, 1_000_000, 0.9) - 0.00045).abs() < 1e-15);
        assert_eq!(day_lease_yield(500, 0, 0.9), 0.0);
    }

    /// The price a buyer pays for the whole vote of `ask`, or `None` when it does not buy.
    fn buys(
        ask: &Ask,
        curation_share: f64,
        margin: f64,
        downvote_loss: f64,
        liquid: i64,
    ) -> Option<i64> {
        let price = ask.price();
        let expected = expected_author_reward(ask.vote_value, curation_share, downvote_loss);
        pays(expected, price, margin, liquid).then_some(price)
    }

    #[test]
    fn buys_only_when_the_author_share_beats_the_price() {
        let ask = Ask {
            vote_value: 1_000.0,
            price_ratio: 0.6,
        };
        // HF20: authors get 75%: 750 ≥ 600 × 1.1 = 660.
        assert_eq!(buys(&ask, 0.25, 0.1, 0.0, 10_000), Some(600));
        // HF21: authors get 50%: 500 < 660.
        assert_eq!(buys(&ask, 0.5, 0.1, 0.0, 10_000), None);
        // Downvotes expected to take 20%: 600 < 660.
        assert_eq!(buys(&ask, 0.25, 0.1, 0.2, 10_000), None);
        // Not enough liquid STEEM.
        assert_eq!(buys(&ask, 0.25, 0.1, 0.0, 599), None);
        // A worthless vote is never bought.
        let nothing = Ask {
            vote_value: 0.0,
            price_ratio: 0.6,
        };
        assert_eq!(buys(&nothing, 0.25, 0.0, 0.0, 10_000), None);
        // Rounding up: a tiny vote costs at least one milli-STEEM and is not worth it.
        let tiny = Ask {
            vote_value: 1.5,
            price_ratio: 0.5,
        };
        assert_eq!(tiny.price(), 1);
        assert_eq!(buys(&tiny, 0.5, 0.1, 0.0, 10_000), None);
    }

    #[test]
    fn the_market_pays_sellers_and_buyers_only_under_a_small_curation_share() {
        // HF20: 25% curation. Selling at 0.6 pays if anything sells, at the floor (0.25)
        // not; a buyer pays up to 0.75/1.1 ≈ 0.68.
        assert!(selling_pays(0.6, 0.01, 0.25));
        assert!(!selling_pays(0.6, 0.0, 0.25));
        assert!(!selling_pays(0.25, 1.0, 0.25));
        assert!(buying_pays(0.6, 0.25, 0.1));
        assert!(!buying_pays(0.7, 0.25, 0.1));
        // HF21: 50% curation. No seller asks below 0.5 (its floor), and no buyer pays that.
        assert!(!buying_pays(0.5, 0.5, 0.1));
        assert!(!selling_pays(0.5, 1.0, 0.5));
        // Nothing sold, nothing earned, at any price.
        assert!(!selling_pays(10.0, 0.0, 0.0));
    }

    #[test]
    fn a_bid_buys_its_share_of_the_vote() {
        // A vote of full weight 10000 bp priced at 1000: 250 buys a quarter of it.
        assert_eq!(bid_weight(250, 1_000, 10_000), 2_500);
        assert_eq!(weight_price(1_000, 2_500, 10_000), 250);
        // More than the price buys the whole vote, no more.
        assert_eq!(bid_weight(5_000, 1_000, 10_000), 10_000);
        // Rounding: down for the weight, up for the price.
        assert_eq!(bid_weight(1, 3, 100), 33);
        assert_eq!(weight_price(3, 33, 100), 1);
        assert_eq!(weight_price(3, 34, 100), 2);
        // Below a basis point, or nothing to spend: no bid.
        assert_eq!(bid_weight(1, 1_000_000, 10_000), 0);
        assert_eq!(bid_weight(0, 1_000, 10_000), 0);
        assert_eq!(bid_weight(10, 0, 10_000), 0);
    }

    #[test]
    fn prices_rise_when_sold_out_and_fall_to_the_floor_only_when_refused() {
        assert!((next_price_ratio(0.6, 10, 10, 0, 0.05, 0.25) - 0.63).abs() < 1e-12);
        // Sold out: up, even if someone refused.
        assert!((next_price_ratio(0.6, 10, 10, 4, 0.05, 0.25) - 0.63).abs() < 1e-12);
        // Not sold out, and buyers refused the price: down, to the floor at most.
        assert!((next_price_ratio(0.6, 3, 10, 1, 0.05, 0.25) - 0.57).abs() < 1e-12);
        assert_eq!(next_price_ratio(0.26, 0, 10, 1, 0.05, 0.25), 0.25);
        // Not sold out, nobody refused: every buyer that came bought what its budget
        // allowed, and a lower price would bring no more STEEM.
        assert_eq!(next_price_ratio(0.6, 3, 10, 0, 0.05, 0.25), 0.6);
        assert_eq!(next_price_ratio(0.6, 0, 10, 0, 0.05, 0.25), 0.6);
        assert_eq!(price_floor(0.5, 1.0), 0.5);
        // HF21: the floor (50% curation) is above what a buyer can pay (50% × 1/1.1).
        let floor = price_floor(0.5, 1.0);
        let ask = Ask {
            vote_value: 1e6,
            price_ratio: floor,
        };
        assert_eq!(buys(&ask, 0.5, 0.1, 0.0, i64::MAX), None);
    }

    #[test]
    fn a_self_voter_weighs_a_lease_against_its_votes_whole_value() {
        assert_eq!(kept_yield(0.001, 0.25, false), 0.001);
        assert!((kept_yield(0.001, 0.25, true) - 0.004).abs() < 1e-15);
        assert!((kept_yield(0.001, 0.5, true) - 0.002).abs() < 1e-15);
        assert_eq!(kept_yield(0.001, 0.0, true), 0.001);
        // A lease that beats curating need not beat self-voting.
        assert!(lease_pays(0.002, kept_yield(0.001, 0.25, false), 0.1));
        assert!(!lease_pays(0.002, kept_yield(0.001, 0.25, true), 0.1));
    }

    proptest! {
        #[test]
        fn price_ratio_stays_in_range(
            ratio in 0.0f64..20.0, sold in 0u32..50, capacity in 0u32..50,
            declined in 0u32..5, step in 0.0f64..1.0, floor in 0.0f64..5.0,
        ) {
            let next = next_price_ratio(ratio, sold, capacity, declined, step, floor);
            prop_assert!(next >= floor && next <= MAX_PRICE_RATIO.max(floor));
        }

        #[test]
        fn a_bid_buys_at_most_the_vote_and_costs_at_most_the_budget(
            budget in 0i64..1_000_000_000_000, price in 1i64..1_000_000_000_000,
            full in 1u16..=10_000,
        ) {
            let w = bid_weight(budget, price, full);
            prop_assert!(w <= full);
            prop_assert!(weight_price(price, w, full) <= budget.max(0));
            if budget >= price {
                prop_assert_eq!(w, full);
            }
        }

        #[test]
        fn lease_income_never_exceeds_the_pro_rata_part(
            income in 0i64..1_000_000_000_000, vests in 0i64..1_000_000_000_000_000,
            extra in 0i64..1_000_000_000_000_000, share in 0.0f64..=1.0,
        ) {
            let total = vests.saturating_add(extra);
            let paid = lease_income(income, vests, total, share);
            prop_assert!(paid >= 0 && paid <= income);
            if total > 0 {
                prop_assert!(
                    i128::from(paid) * i128::from(total) <= i128::from(income) * i128::from(vests)
                );
            }
        }

        #[test]
        fn a_purchase_never_exceeds_liquid_or_expected_value(
            value in 0.0f64..1e12, ratio in 0.0f64..10.0, share in 0.0f64..1.0,
            margin in 0.0f64..10.0, loss in 0.0f64..1.0, liquid in 0i64..1_000_000_000,
        ) {
            let ask = Ask { vote_value: value, price_ratio: ratio };
            if let Some(price) = buys(&ask, share, margin, loss, liquid) {
                prop_assert!(price > 0 && price <= liquid);
                prop_assert!(price as f64 <= expected_author_reward(value, share, loss));
            }
        }
    }
}
