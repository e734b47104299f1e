//! A community token's price in base tokens (STEEM/HIVE per token), so its rewards can be
//! counted in one unit with the base chain's. Either a given path or a constant-product
//! market (x·y = k, like Hive-Engine's diesel pools) moved once a day by what holders
//! sold and by outside demand. The market's token side is integer token units (it holds
//! real tokens, counted by the pool's ledger); its base side and the price are `f64`:
//! valuation, never token arithmetic. Both models are assumptions, stated in
//! docs/scenarios.md.

use crate::scenario::PriceModel;

/// The price and, for a market, its reserves.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceState {
    model: PriceModel,
    /// Base tokens per token now.
    price: f64,
    /// The market's base side, base tokens (market model only).
    base_reserve: f64,
    /// The market's token side, token units (market model only; 0 for a path).
    pub token_reserve: u128,
    units_per_token: f64,
}

/// What the market did at a day's end.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MarketDay {
    /// Base tokens the sellers received for what they sold.
    pub proceeds: f64,
    /// Token units outside buyers took out of the world.
    pub bought_out: u128,
}

impl PriceState {
    /// The price on day 0 for a token of `precision` decimals; a market starts with
    /// `depth` base tokens against depth / initial tokens.
    pub fn new(model: &PriceModel, precision: u32) -> PriceState {
        let units_per_token = 10f64.powi(precision as i32);
        let (price, base_reserve, token_reserve) = match model {
            PriceModel::Path(points) => (path_price(points, 0.0), 0.0, 0),
            PriceModel::Market { initial, depth, .. } => (
                *initial,
                *depth,
                (depth / initial * units_per_token).floor() as u128,
            ),
        };
        PriceState {
            model: model.clone(),
            price,
            base_reserve,
            token_reserve,
            units_per_token,
        }
    }

    /// Adds `units` token units to the market's token side (emissions to an SMT's
    /// `$market_maker`); false, and nothing added, on a path, which has no market.
    pub fn receive(&mut self, units: u128) -> bool {
        match self.model {
            PriceModel::Path(_) => false,
            PriceModel::Market { .. } => {
                self.token_reserve += units;
                true
            }
        }
    }

    /// Base tokens per token now.
    pub fn price(&self) -> f64 {
        self.price
    }

    /// Base tokens `units` token units are worth now.
    pub fn value(&self, units: u128) -> f64 {
        units as f64 / self.units_per_token * self.price
    }

    /// Ends day `day` (0 = the first measured day; the warm-up's days are negative and
    /// priced as day 0): holders sold `sold` token units. On a path they go to outside
    /// buyers at the day's price and the price moves to the next day's point; on a market
    /// they enter the token side, then the day's outside demand buys tokens out.
    pub fn end_day(&mut self, day: i64, sold: u128) -> MarketDay {
        match &self.model {
            PriceModel::Path(points) => {
                let proceeds = self.value(sold);
                self.price = path_price(points, (day + 1).max(0) as f64);
                MarketDay {
                    proceeds,
                    bought_out: sold,
                }
            }
            PriceModel::Market { demand_per_day, .. } => {
                let k = self.base_reserve * self.token_reserve as f64;
                let tokens = self.token_reserve + sold;
                let base_after_sale = if tokens == 0 {
                    self.base_reserve
                } else {
                    k / tokens as f64
                };
                let proceeds = self.base_reserve - base_after_sale;
                let base = base_after_sale + demand_per_day;
                let tokens_after = if base > 0.0 {
                    ((k / base).floor() as u128).min(tokens)
                } else {
                    tokens
                };
                self.base_reserve = base;
                self.token_reserve = tokens_after;
                if tokens_after > 0 {
                    self.price = base / (tokens_after as f64 / self.units_per_token);
                }
                MarketDay {
                    proceeds,
                    bought_out: tokens - tokens_after,
                }
            }
        }
    }
}

/// The path's price at `day`: linear between points, flat before the first and after the
/// last.
fn path_price(points: &[(u32, f64)], day: f64) -> f64 {
    let (first, last) = (points[0], points[points.len() - 1]);
    if day <= f64::from(first.0) {
        return first.1;
    }
    for w in points.windows(2) {
        let ((d0, p0), (d1, p1)) = (w[0], w[1]);
        if day <= f64::from(d1) {
            let t = (day - f64::from(d0)) / f64::from(d1 - d0);
            return p0 + (p1 - p0) * t;
        }
    }
    last.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_linear_between_points_and_flat_outside() {
        let points = [(10, 1.0), (20, 3.0), (40, 2.0)];
        assert_eq!(path_price(&points, 0.0), 1.0);
        assert_eq!(path_price(&points, 15.0), 2.0);
        assert_eq!(path_price(&points, 30.0), 2.5);
        assert_eq!(path_price(&points, 400.0), 2.0);
        let mut p = PriceState::new(&PriceModel::Path(points.to_vec()), 3);
        assert_eq!(p.price(), 1.0);
        // 2,000 units = 2 tokens sold at 1.0 on day 14; tomorrow's price is day 15's.
        let day = p.end_day(14, 2_000);
        assert_eq!((day.proceeds, day.bought_out), (2.0, 2_000));
        assert_eq!(p.price(), 2.0);
    }

    #[test]
    fn a_market_moves_by_constant_product() {
        // 1,000 base against 10,000 tokens (price 0.1), precision 0.
        let model = PriceModel::Market {
            initial: 0.1,
            depth: 1_000.0,
            demand_per_day: 0.0,
        };
        let mut p = PriceState::new(&model, 0);
        assert_eq!(p.token_reserve, 10_000);
        // Selling 10,000 tokens halves the base side: 500 base paid, price 500/20,000.
        let day = p.end_day(0, 10_000);
        assert!((day.proceeds - 500.0).abs() < 1e-9);
        assert_eq!(day.bought_out, 0);
        assert!((p.price() - 0.025).abs() < 1e-12);
        // Demand of 500 base buys back to 1,000 base: 10,000 tokens out, price back at 0.1.
        let mut p2 = PriceState::new(
            &PriceModel::Market {
                initial: 0.1,
                depth: 1_000.0,
                demand_per_day: 500.0,
            },
            0,
        );
        let day = p2.end_day(0, 10_000);
        assert_eq!(day.bought_out, 10_000);
        assert!((p2.price() - 0.1).abs() < 1e-12);
    }
}
