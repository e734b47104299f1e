//! Vote buying and selling (bid bots): what a buyer expects from a bought vote, whether it
//! buys, and how a seller moves its price. Pure arithmetic; the engine's `bid_bots` runs
//! the market.
//!
//! A seller asks `price_ratio` × the STEEM value of its full vote, the reward fund's payout
//! for the vote's rshares alone under the rules' curve. A buyer expects the author's share
//! of that value (1 − the rules' curation share), less what downvotes take, and buys when
//! that is at least the price × (1 + margin). A seller's price rises after a day on which it
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

/// The price the buyer pays for `ask`, milli-STEEM, or `None` when it does not buy: the
/// price is positive, within its `liquid` STEEM, and the expected author reward is at least
/// the price × (1 + `margin`).
pub fn buys(
    ask: &Ask,
    curation_share: f64,
    margin: f64,
    downvote_loss: f64,
    liquid: i64,
) -> Option<i64> {
    let price = ask.price();
    let expected = expected_author_reward(ask.vote_value, curation_share, downvote_loss);
    (price > 0 && price <= liquid && expected >= price as f64 * (1.0 + margin)).then_some(price)
}

/// A seller's lowest price ratio: `weight` × the curation share of its vote's value.
pub fn price_floor(curation_share: f64, weight: f64) -> f64 {
    (curation_share * weight).min(MAX_PRICE_RATIO)
}

/// Tomorrow's price ratio of a seller that sold `sold` of its `capacity` votes today at
/// `ratio`: × (1 + step) when it sold them all, × (1 − step) otherwise, within
/// `floor..=MAX_PRICE_RATIO`.
pub fn next_price_ratio(ratio: f64, sold: u32, capacity: u32, step: f64, floor: f64) -> f64 {
    let next = if sold >= capacity {
        ratio * (1.0 + step)
    } else {
        ratio * (1.0 - step)
    };
    next.clamp(floor, MAX_PRICE_RATIO.max(floor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
    fn prices_rise_when_sold_out_and_fall_to_the_floor() {
        assert!((next_price_ratio(0.6, 10, 10, 0.05, 0.25) - 0.63).abs() < 1e-12);
        assert!((next_price_ratio(0.6, 3, 10, 0.05, 0.25) - 0.57).abs() < 1e-12);
        assert_eq!(next_price_ratio(0.26, 0, 10, 0.05, 0.25), 0.25);
        assert_eq!(price_floor(0.5, 1.0), 0.5);
        // HF21: the floor (50% curation) is above what a buyer can pay (50% × 1/1.1).
        let floor = price_floor(0.5, 1.0);
        let ask = Ask {
            vote_value: 1e6,
            price_ratio: floor,
        };
        assert_eq!(buys(&ask, 0.5, 0.1, 0.0, i64::MAX), None);
    }

    proptest! {
        #[test]
        fn price_ratio_stays_in_range(
            ratio in 0.0f64..20.0, sold in 0u32..50, capacity in 0u32..50,
            step in 0.0f64..1.0, floor in 0.0f64..5.0,
        ) {
            let next = next_price_ratio(ratio, sold, capacity, step, floor);
            prop_assert!(next >= floor && next <= MAX_PRICE_RATIO.max(floor));
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
