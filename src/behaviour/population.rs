//! The initial population: each account's roles, stake, liquid balance, author quality,
//! curator strategy and the authors it follows, drawn from its own stream
//! (seed, replicate, account, step 0, [`Purpose::Population`]).
//!
//! Evidence vs assumption: the stake distribution's parameters are calibrated to evidence.md
//! C1–C2 in the presets; roles overlapping independently, quality as a clipped normal and
//! following in proportion to (0.1 + quality) are assumptions.

use rand::{Rng, RngCore};
use rand_distr::{Distribution, Normal};
use rayon::prelude::*;

use super::rng::{unit_f64, Purpose, StreamKey};
use crate::scenario::{PopulationConfig, Scenario, StakeDistribution};

/// Role bit: writes posts.
pub const AUTHOR: u8 = 1;
/// Role bit: votes.
pub const CURATOR: u8 = 2;
/// Role bit: powers up and down.
pub const STAKEHOLDER: u8 = 4;

/// How a curator chooses what to vote on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Strategy {
    /// Votes for the best post it perceives among what it discovers.
    Honest,
    /// Votes its own live posts first, otherwise as honest.
    SelfVoter,
    /// Votes young posts whose authors earned most before, regardless of quality.
    CurationMaximiser,
}

impl Strategy {
    /// The name used in outputs and scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Honest => "honest",
            Strategy::SelfVoter => "self_voter",
            Strategy::CurationMaximiser => "curation_maximiser",
        }
    }
}

/// Role names joined by `+`, or `none`.
pub fn role_names(roles: u8) -> String {
    let names: Vec<&str> = [
        (AUTHOR, "author"),
        (CURATOR, "curator"),
        (STAKEHOLDER, "stakeholder"),
    ]
    .iter()
    .filter(|(bit, _)| roles & bit != 0)
    .map(|&(_, name)| name)
    .collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join("+")
    }
}

/// The drawn population, one entry per account (struct of arrays).
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    /// Role bits per account.
    pub roles: Vec<u8>,
    /// Initial staked STEEM, milli-STEEM.
    pub stake: Vec<i64>,
    /// Initial liquid STEEM, milli-STEEM.
    pub liquid: Vec<i64>,
    /// Author quality, 0..=1.
    pub quality: Vec<f32>,
    /// Curator strategy (meaningful for curators only).
    pub strategy: Vec<Strategy>,
    /// Followed authors: `follows_per_account` ids per account, flattened.
    pub follows: Vec<u32>,
    /// Followed authors per account (the stride of `follows`).
    pub follows_per_account: usize,
}

/// A guide table over nondecreasing cumulative weights (Chen & Asau's guide table): the
/// range of the weights is cut into equal buckets, and each bucket remembers which entries
/// can hold the first weight above a point in it, so a lookup searches a few entries instead
/// of the whole slice. Lookups give exactly `cumulative.partition_point(|&c| c <= x)`.
struct GuideTable<'a> {
    cumulative: &'a [f64],
    /// Buckets per unit of weight.
    scale: f64,
    /// `first[b]`: the number of entries whose bucket is below `b`; one more than buckets.
    first: Vec<u32>,
}

impl<'a> GuideTable<'a> {
    /// Indexes `cumulative` (nondecreasing, nonnegative, fewer than 2³² entries) with
    /// `buckets` (≥ 1) buckets.
    fn new(cumulative: &'a [f64], buckets: usize) -> Self {
        let last = cumulative.last().copied().unwrap_or(0.0);
        let scale = if last > 0.0 {
            buckets as f64 / last
        } else {
            0.0
        };
        let mut table = GuideTable {
            cumulative,
            scale,
            first: Vec::with_capacity(buckets + 1),
        };
        let last_bucket = buckets - 1;
        for (i, &c) in cumulative.iter().enumerate() {
            let b = table.bucket(c).min(last_bucket);
            while table.first.len() <= b {
                table.first.push(i as u32);
            }
        }
        table.first.resize(buckets + 1, cumulative.len() as u32);
        table
    }

    /// The bucket of `x`; nondecreasing in `x`, which is all the lookup relies on.
    fn bucket(&self, x: f64) -> usize {
        (x * self.scale) as usize
    }

    /// The number of entries ≤ `x`.
    fn count_at_most(&self, x: f64) -> usize {
        let b = self.bucket(x).min(self.first.len() - 2);
        // Entries in lower buckets are below x and those in higher buckets above it.
        let lo = self.first[b] as usize;
        let hi = self.first[b + 1] as usize;
        lo + self.cumulative[lo..hi].partition_point(|&c| c <= x)
    }
}

struct Drawn {
    roles: u8,
    stake: i64,
    liquid: i64,
    quality: f32,
    strategy: Strategy,
}

/// Draws one stake in milli-STEEM (≥ 0).
pub fn draw_stake(distribution: &StakeDistribution, rng: &mut impl Rng) -> i64 {
    let u = unit_f64(rng.next_u64());
    let stake = match *distribution {
        StakeDistribution::Pareto { alpha, min, max } => {
            // Inverse CDF: min / (1 − u)^(1/alpha), 1 − u in (0, 1].
            (min as f64 / (1.0 - u).powf(1.0 / alpha)).min(max as f64)
        }
        StakeDistribution::Lognormal { median, sigma, max } => {
            let z: f64 = Normal::new(0.0, 1.0).expect("unit normal").sample(rng);
            (median as f64 * (sigma * z).exp()).min(max as f64)
        }
    };
    stake.max(0.0) as i64
}

fn draw_account(scenario: &Scenario, replicate: u32, account: u32) -> Drawn {
    let p: &PopulationConfig = &scenario.population;
    let mut rng = StreamKey {
        seed: scenario.simulation.seed,
        replicate,
        account,
        step: 0,
        purpose: Purpose::Population,
    }
    .stream();
    let mut roles = 0;
    for (bit, share) in [
        (AUTHOR, p.author_share),
        (CURATOR, p.curator_share),
        (STAKEHOLDER, p.stakeholder_share),
    ] {
        if unit_f64(rng.next_u64()) < share {
            roles |= bit;
        }
    }
    let stake = draw_stake(&p.stake, &mut rng);
    let liquid = (stake as f64 * p.liquid_ratio) as i64;
    let quality = if p.quality_sd > 0.0 {
        Normal::new(p.quality_mean, p.quality_sd)
            .expect("sd checked by the scenario")
            .sample(&mut rng)
    } else {
        p.quality_mean
    }
    .clamp(0.0, 1.0) as f32;
    let mix = &scenario.behaviour.strategies;
    let u = unit_f64(rng.next_u64());
    let strategy = if u < mix.honest {
        Strategy::Honest
    } else if u < mix.honest + mix.self_voter {
        Strategy::SelfVoter
    } else {
        Strategy::CurationMaximiser
    };
    Drawn {
        roles,
        stake,
        liquid,
        quality,
        strategy,
    }
}

/// Draws the whole population of `scenario` for `replicate`, in parallel; the result does
/// not depend on the thread count.
pub fn draw(scenario: &Scenario, replicate: u32) -> Population {
    let n = scenario.population.accounts;
    let drawn: Vec<Drawn> = (0..n)
        .into_par_iter()
        .map(|account| draw_account(scenario, replicate, account))
        .collect();
    let authors: Vec<u32> = (0..n)
        .filter(|&a| drawn[a as usize].roles & AUTHOR != 0)
        .collect();
    // Cumulative follow weights, summed in account order so they are thread-independent.
    let mut cumulative = Vec::with_capacity(authors.len());
    let mut total = 0.0f64;
    for &a in &authors {
        total += 0.1 + f64::from(drawn[a as usize].quality);
        cumulative.push(total);
    }
    let k = if authors.is_empty() {
        0
    } else {
        scenario.behaviour.follows_per_account as usize
    };
    let mut follows = vec![0u32; n as usize * k];
    if k > 0 {
        let guide = GuideTable::new(&cumulative, authors.len());
        follows
            .par_chunks_mut(k)
            .enumerate()
            .for_each(|(account, out)| {
                let mut rng = StreamKey {
                    seed: scenario.simulation.seed,
                    replicate,
                    account: account as u32,
                    step: 1,
                    purpose: Purpose::Population,
                }
                .stream();
                for slot in out.iter_mut() {
                    let x = unit_f64(rng.next_u64()) * total;
                    let i = guide.count_at_most(x).min(authors.len() - 1);
                    *slot = authors[i];
                }
            });
    }
    Population {
        roles: drawn.iter().map(|d| d.roles).collect(),
        stake: drawn.iter().map(|d| d.stake).collect(),
        liquid: drawn.iter().map(|d| d.liquid).collect(),
        quality: drawn.iter().map(|d| d.quality).collect(),
        strategy: drawn.iter().map(|d| d.strategy).collect(),
        follows,
        follows_per_account: k,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn draw_is_deterministic_and_in_range() {
        let scenario = Scenario::default();
        let a = draw(&scenario, 0);
        let b = draw(&scenario, 0);
        assert_eq!(a, b);
        assert_ne!(a.stake, draw(&scenario, 1).stake);
        let n = scenario.population.accounts as usize;
        assert_eq!(a.roles.len(), n);
        assert!(a.stake.iter().all(|&s| s >= 1_000));
        assert!(a.quality.iter().all(|&q| (0.0..=1.0).contains(&q)));
        assert_eq!(a.follows.len(), n * a.follows_per_account);
        assert!(a.follows.iter().all(|&f| a.roles[f as usize] & AUTHOR != 0));
        let authors = a.roles.iter().filter(|&&r| r & AUTHOR != 0).count() as f64;
        assert!((authors / n as f64 - 0.3).abs() < 0.05);
    }

    fn plain_and_guided(cumulative: &[f64], buckets: usize, points: &[f64]) {
        let guide = GuideTable::new(cumulative, buckets);
        for &x in points {
            assert_eq!(
                guide.count_at_most(x),
                cumulative.partition_point(|&c| c <= x),
                "x = {x}, buckets = {buckets}"
            );
        }
    }

    /// The float next to `c` (≥ 0) towards `step`'s sign.
    fn neighbour(c: f64, step: i64) -> f64 {
        if c == 0.0 {
            return f64::from_bits(1).copysign(step as f64);
        }
        f64::from_bits((c.to_bits() as i64 + step) as u64)
    }

    proptest! {
        #[test]
        fn guide_table_counts_as_partition_point(
            weights in prop::collection::vec(prop_oneof![Just(0.0), 0.0..2.0f64, 0.0..1e9f64], 0..300),
            buckets in 1usize..400,
            units in prop::collection::vec(0.0..1.0f64, 0..50),
        ) {
            let mut total = 0.0;
            let cumulative: Vec<f64> = weights.iter().map(|w| { total += w; total }).collect();
            let mut points: Vec<f64> = units.iter().map(|u| u * total).collect();
            // Exactly on, just below and just above every entry, and beyond both ends.
            for &c in &cumulative {
                points.extend([c, neighbour(c, -1), neighbour(c, 1)]);
            }
            points.extend([-1.0, 0.0, total, total * 2.0, f64::INFINITY]);
            plain_and_guided(&cumulative, buckets, &points);
        }
    }

    #[test]
    fn guide_table_exact_at_bucket_edges() {
        // Entries just below and on every bucket edge (32 buckets over 0..=32), probed at and
        // next to each entry: a lookup that misplaced a point by one bucket would miscount.
        let cumulative: Vec<f64> = (1..=32)
            .flat_map(|k| [f64::from(k) * (1.0 - 1e-12), f64::from(k)])
            .collect();
        let points: Vec<f64> = cumulative
            .iter()
            .flat_map(|&c| [c, neighbour(c, -1), neighbour(c, 1)])
            .collect();
        plain_and_guided(&cumulative, 32, &points);
    }

    #[test]
    fn guide_table_handles_ties_and_empty() {
        plain_and_guided(&[], 3, &[0.0, 1.0]);
        plain_and_guided(&[0.0, 0.0, 0.0], 4, &[0.0, 1.0]);
        plain_and_guided(
            &[1.0, 1.0, 2.0, 2.0, 3.0],
            5,
            &[0.0, 1.0, 1.5, 2.0, 3.0, 4.0],
        );
    }

    #[test]
    fn role_names_join() {
        assert_eq!(role_names(0), "none");
        assert_eq!(role_names(AUTHOR | STAKEHOLDER), "author+stakeholder");
    }
}
