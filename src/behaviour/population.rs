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
use crate::scenario::{PopulationConfig, Scenario, StakeDistribution, StrategyMix};

/// Role bit: writes posts.
pub const AUTHOR: u8 = 1;
/// Role bit: votes.
pub const CURATOR: u8 = 2;
/// Role bit: powers up and down.
pub const STAKEHOLDER: u8 = 4;
/// State bit beside the roles: the account has left and does nothing any more.
pub const LEFT: u8 = 8;
/// State bit beside the roles: the account has not arrived yet (`[growth]`).
pub const WAITING: u8 = 16;
/// The state bits of an account that is not present: it has left or not arrived.
pub const ABSENT: u8 = LEFT | WAITING;

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
    /// Sells its votes (a bid bot): votes the posts whose authors paid it, otherwise as
    /// honest.
    VoteSeller,
    /// Buys votes for its posts from sellers when the expected author reward exceeds the
    /// price; votes as honest.
    VoteBuyer,
    /// Downvotes posts whose visible pending payout its perceived quality does not justify,
    /// and upvotes as honest.
    Downvoter,
}

impl Strategy {
    /// The name used in outputs and scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Honest => "honest",
            Strategy::SelfVoter => "self_voter",
            Strategy::CurationMaximiser => "curation_maximiser",
            Strategy::VoteSeller => "vote_seller",
            Strategy::VoteBuyer => "vote_buyer",
            Strategy::Downvoter => "downvoter",
        }
    }

    /// Every strategy, in the order of `[behaviour.strategies]` and of the outputs.
    pub const ALL: [Strategy; 6] = [
        Strategy::Honest,
        Strategy::SelfVoter,
        Strategy::CurationMaximiser,
        Strategy::VoteSeller,
        Strategy::VoteBuyer,
        Strategy::Downvoter,
    ];

    /// Position in [`Strategy::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The strategy a uniform draw `u` in 0..1 falls on, by the cumulative shares of `mix` in
/// the order of [`Strategy::ALL`] (the last one with a positive share catches rounding at
/// the top).
pub fn pick_strategy(mix: &StrategyMix, u: f64) -> Strategy {
    let mut upper = 0.0;
    let mut last = Strategy::Honest;
    for (strategy, share) in Strategy::ALL.into_iter().zip(mix.shares()) {
        if share <= 0.0 {
            continue;
        }
        upper += share;
        last = strategy;
        if u < upper {
            return strategy;
        }
    }
    last
}

/// Role names joined by `+`, or `none`, for the role bits of `roles` (state bits ignored).
pub fn role_names(roles: u8) -> &'static str {
    /// By the three role bits (AUTHOR = 1, CURATOR = 2, STAKEHOLDER = 4).
    const NAMES: [&str; 8] = [
        "none",
        "author",
        "curator",
        "author+curator",
        "stakeholder",
        "author+stakeholder",
        "curator+stakeholder",
        "author+curator+stakeholder",
    ];
    NAMES[usize::from(roles & (AUTHOR | CURATOR | STAKEHOLDER))]
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
    /// Envy weight α (Fehr–Schmidt disadvantageous inequity aversion), from `[envy.alpha]`.
    pub alpha: Vec<f32>,
    /// Guilt weight β (advantageous inequity aversion), from `[envy.beta]`.
    pub beta: Vec<f32>,
    /// Followed authors: `follows_per_account` ids per account, flattened.
    pub follows: Vec<u32>,
    /// Followed authors per account (the stride of `follows`).
    pub follows_per_account: usize,
}

/// Picks values in proportion to their weights by inverting the cumulative weights with a
/// guide table (Chen & Asau 1974): the range of the cumulative weights is cut into equal
/// buckets and each bucket remembers the first entry that can be picked from it, so a pick
/// reads a bucket and the one or two entries after it. A pick is exactly what a binary
/// search over the cumulative weights would give.
struct GuideTable {
    /// (running sum of the weights, value) per entry, in entry order, then two sentinels
    /// (NaN, last value): NaN is never ≤ a point, so a pick never passes them.
    entries: Vec<(f64, u32)>,
    /// Buckets per unit of weight.
    scale: f64,
    /// Per bucket, plus one past the last: the number of entries in lower buckets.
    first: Vec<u32>,
}

/// Picks whose buckets are read before any of their entries, so their cache misses overlap.
const PICK_BATCH: usize = 16;

impl GuideTable {
    /// Indexes `entries`, (value, weight ≥ 0) pairs, at least one and fewer than 2³², with
    /// `buckets_per_entry` (≥ 1) buckets per entry.
    fn new(entries: impl Iterator<Item = (u32, f64)>, buckets_per_entry: usize) -> Self {
        let mut total = 0.0f64;
        let mut entries: Vec<(f64, u32)> = entries
            .map(|(value, weight)| {
                total += weight;
                (total, value)
            })
            .collect();
        let n = entries.len();
        let buckets = n * buckets_per_entry;
        let scale = if total > 0.0 {
            buckets as f64 / total
        } else {
            0.0
        };
        let mut first = Vec::with_capacity(buckets + 1);
        for (i, &(c, _)) in entries.iter().enumerate() {
            let b = bucket(c, scale).min(buckets - 1);
            while first.len() <= b {
                first.push(i as u32);
            }
        }
        first.resize(buckets + 1, n as u32);
        let last = entries[n - 1].1;
        entries.extend([(f64::NAN, last); 2]);
        GuideTable {
            entries,
            scale,
            first,
        }
    }

    /// The sum of the weights.
    fn total(&self) -> f64 {
        self.entries[self.entries.len() - 3].0
    }

    /// Fills `out` with one pick per point drawn from `point`, in order. A pick for point `x`
    /// is the value of the first entry whose running sum exceeds `x`, or of the last entry
    /// if none does.
    fn pick_into(&self, out: &mut [u32], mut point: impl FnMut() -> f64) {
        let last_bucket = self.first.len() - 2;
        for out in out.chunks_mut(PICK_BATCH) {
            let mut points = [(0.0, 0, 0); PICK_BATCH];
            for p in &mut points[..out.len()] {
                let x = point();
                let b = bucket(x, self.scale).min(last_bucket);
                *p = (x, self.first[b] as usize, self.first[b + 1] as usize);
            }
            for (slot, &(x, lo, hi)) in out.iter_mut().zip(&points) {
                // Entries in lower buckets are ≤ x and those in higher buckets (and the
                // sentinels) are not, so counting from `lo` may look past `hi`.
                let i = if hi - lo <= 2 {
                    let at_most = |j: usize| usize::from(self.entries[j].0 <= x);
                    lo + at_most(lo) + at_most(lo + 1)
                } else {
                    lo + self.entries[lo..hi].partition_point(|&(c, _)| c <= x)
                };
                *slot = self.entries[i].1;
            }
        }
    }
}

/// The guide-table bucket of `x` at `scale` buckets per unit of weight; nondecreasing in `x`,
/// which is all a pick relies on.
fn bucket(x: f64, scale: f64) -> usize {
    (x * scale) as usize
}

/// Guide-table buckets per author for the follow draws.
const BUCKETS_PER_AUTHOR: usize = 1;

struct Drawn {
    roles: u8,
    stake: i64,
    liquid: i64,
    quality: f32,
    strategy: Strategy,
    alpha: f32,
    beta: f32,
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
    let strategy = pick_strategy(mix, u);
    // Drawn last, so that adding them changed none of the draws above.
    let alpha = scenario.envy.alpha.pick(unit_f64(rng.next_u64())) as f32;
    let beta = scenario.envy.beta.pick(unit_f64(rng.next_u64())) as f32;
    Drawn {
        roles,
        stake,
        liquid,
        quality,
        strategy,
        alpha,
        beta,
    }
}

/// Draws the whole population of `scenario` for `replicate`, in parallel; the result does
/// not depend on the thread count.
///
/// The accounts that arrive during the run (`[growth]`) follow the initial ones: they are
/// drawn the same way, then marked [`WAITING`] with the newcomer stake as their initial
/// stake (vested when they arrive) and no liquid STEEM.
pub fn draw(scenario: &Scenario, replicate: u32) -> Population {
    let initial = scenario.population.accounts as usize;
    let sim = &scenario.simulation;
    let arrivals = *scenario
        .growth
        .schedule(sim.warmup_days + sim.days)
        .last()
        .expect("one entry at least") as usize;
    let len = initial + arrivals;
    let n = len as u32;
    let mut roles = vec![0; len];
    let mut stake = vec![0; len];
    let mut liquid = vec![0; len];
    let mut quality = vec![0.0; len];
    let mut strategy = vec![Strategy::Honest; len];
    let mut alpha = vec![0.0; len];
    let mut beta = vec![0.0; len];
    (
        (&mut roles, &mut stake, &mut liquid),
        (&mut quality, &mut strategy, &mut alpha, &mut beta),
    )
        .into_par_iter()
        .enumerate()
        .for_each(
            |(account, ((roles, stake, liquid), (quality, strategy, alpha, beta)))| {
                let drawn = draw_account(scenario, replicate, account as u32);
                *roles = drawn.roles;
                *stake = drawn.stake;
                *liquid = drawn.liquid;
                *quality = drawn.quality;
                *strategy = drawn.strategy;
                *alpha = drawn.alpha;
                *beta = drawn.beta;
            },
        );
    for i in initial..len {
        roles[i] |= WAITING;
        stake[i] = scenario.growth.newcomer_stake;
        liquid[i] = 0;
    }
    // Follow weights in account order, so their sums are thread-independent.
    let authors = (0..n)
        .filter(|&a| roles[a as usize] & AUTHOR != 0)
        .map(|a| (a, 0.1 + f64::from(quality[a as usize])));
    let followed = roles
        .iter()
        .any(|&r| r & AUTHOR != 0)
        .then(|| GuideTable::new(authors, BUCKETS_PER_AUTHOR));
    let k = match followed {
        Some(_) => scenario.behaviour.follows_per_account as usize,
        None => 0,
    };
    let mut follows = vec![0u32; len * k];
    if let Some(followed) = &followed {
        let total = followed.total();
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
                followed.pick_into(out, || unit_f64(rng.next_u64()) * total);
            });
    }
    Population {
        roles,
        stake,
        liquid,
        quality,
        strategy,
        alpha,
        beta,
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

    /// Checks guide-table picks against a binary search over the same running sums.
    fn plain_and_guided(weights: &[f64], buckets_per_entry: usize, points: &[f64]) {
        let values: Vec<u32> = (0..weights.len() as u32).map(|v| v * 7 + 3).collect();
        let table = GuideTable::new(
            values.iter().copied().zip(weights.iter().copied()),
            buckets_per_entry,
        );
        let mut total = 0.0;
        let cumulative: Vec<f64> = weights
            .iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        assert_eq!(table.total(), total);
        let mut picks = vec![0; points.len()];
        let mut next = points.iter();
        table.pick_into(&mut picks, || *next.next().unwrap());
        for (&x, &pick) in points.iter().zip(&picks) {
            let i = cumulative
                .partition_point(|&c| c <= x)
                .min(values.len() - 1);
            assert_eq!(
                pick, values[i],
                "x = {x}, buckets per entry = {buckets_per_entry}"
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
        fn guide_table_picks_as_binary_search(
            weights in prop::collection::vec(prop_oneof![Just(0.0), 0.0..2.0f64, 0.0..1e9f64], 1..300),
            buckets_per_entry in 1usize..5,
            units in prop::collection::vec(0.0..1.0f64, 0..50),
        ) {
            let total: f64 = weights.iter().sum();
            let mut points: Vec<f64> = units.iter().map(|u| u * total).collect();
            // Exactly on, just below and just above every running sum, and out of range.
            let mut sum = 0.0;
            for w in &weights {
                sum += w;
                points.extend([sum, neighbour(sum, -1), neighbour(sum, 1)]);
            }
            points.extend([-1.0, 0.0, total * 2.0, f64::INFINITY, f64::NAN]);
            plain_and_guided(&weights, buckets_per_entry, &points);
        }
    }

    #[test]
    fn guide_table_exact_at_bucket_edges() {
        // Running sums just below and on every bucket edge, probed at and next to each: a
        // pick that put a point one bucket off would miscount.
        let weights: Vec<f64> = (0..32).flat_map(|_| [1.0 - 1e-12, 1e-12]).collect();
        let mut sum = 0.0;
        let points: Vec<f64> = weights
            .iter()
            .flat_map(|w| {
                sum += w;
                [sum, neighbour(sum, -1), neighbour(sum, 1)]
            })
            .collect();
        for buckets_per_entry in [1, 2] {
            plain_and_guided(&weights, buckets_per_entry, &points);
        }
    }

    #[test]
    fn guide_table_handles_ties_and_zero_weights() {
        plain_and_guided(&[0.0, 0.0, 0.0], 4, &[-1.0, 0.0, 1.0]);
        plain_and_guided(
            &[1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
            1,
            &[0.0, 1.0, 1.5, 2.0, 3.0, 4.0],
        );
    }

    #[test]
    fn role_names_join() {
        assert_eq!(role_names(0), "none");
        assert_eq!(role_names(AUTHOR | STAKEHOLDER), "author+stakeholder");
        assert_eq!(role_names(AUTHOR | CURATOR | LEFT), "author+curator");
        for roles in 0..32u8 {
            let names: Vec<&str> = [
                (AUTHOR, "author"),
                (CURATOR, "curator"),
                (STAKEHOLDER, "stakeholder"),
            ]
            .iter()
            .filter(|(bit, _)| roles & bit != 0)
            .map(|&(_, name)| name)
            .collect();
            let joined = if names.is_empty() {
                "none".to_string()
            } else {
                names.join("+")
            };
            assert_eq!(role_names(roles), joined, "roles {roles}");
        }
    }
}
