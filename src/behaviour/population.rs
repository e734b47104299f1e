//! The initial population: each account's roles, stake, liquid balance, author quality,
//! curator strategy and the authors it follows, drawn from its own stream
//! (seed, replicate, account, step 0, [`Purpose::Population`]).
//!
//! Evidence vs assumption: the stake distribution's parameters are calibrated to evidence.md
//! C1–C2 in the presets; roles overlapping independently and quality as a clipped normal
//! are assumptions. The follow graph is [`super::social`]'s.

use rand::{Rng, RngCore};
use rand_distr::{Distribution, Normal};
use rayon::prelude::*;

use super::rng::{unit_f64, Purpose, StreamKey};
use super::social;
use super::trail;
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
    /// Follows a curation trail: upvotes what its leader upvotes, `trail_delay_seconds`
    /// later ([`super::trail`]); as honest while it has no leader.
    TrailFollower,
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
            Strategy::TrailFollower => "trail_follower",
        }
    }

    /// Every strategy, in the order of `[behaviour.strategies]` and of the outputs.
    pub const ALL: [Strategy; 7] = [
        Strategy::Honest,
        Strategy::SelfVoter,
        Strategy::CurationMaximiser,
        Strategy::VoteSeller,
        Strategy::VoteBuyer,
        Strategy::Downvoter,
        Strategy::TrailFollower,
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
    /// A trail follower's leader ([`trail::NO_LEADER`] for none and for every other
    /// strategy), drawn by [`super::trail`]'s rule.
    pub leader: Vec<u32>,
    /// Envy weight α (Fehr–Schmidt disadvantageous inequity aversion), from `[envy.alpha]`.
    pub alpha: Vec<f32>,
    /// Guilt weight β (advantageous inequity aversion), from `[envy.beta]`.
    pub beta: Vec<f32>,
    /// Followed authors: `follows_per_account` ids per account, flattened
    /// ([`social::Graph::follows`]: the initial accounts' follows; an account's own id
    /// marks an empty slot, as for every account yet to arrive).
    pub follows: Vec<u32>,
    /// Followed authors per account (the stride of `follows`).
    pub follows_per_account: usize,
    /// Present followers per account (the initial accounts' follows pointing at it).
    pub followers: Vec<u32>,
}

struct Drawn {
    roles: u8,
    stake: i64,
    liquid: i64,
    quality: f32,
    strategy: Strategy,
    alpha: f32,
    beta: f32,
    /// The uniform draw that picks a trail follower's leader.
    leader_draw: u64,
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
    // Last too, for the same reason.
    let leader_draw = rng.next_u64();
    Drawn {
        roles,
        stake,
        liquid,
        quality,
        strategy,
        alpha,
        beta,
        leader_draw,
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
    let mut roles = vec![0; len];
    let mut stake = vec![0; len];
    let mut liquid = vec![0; len];
    let mut quality = vec![0.0; len];
    let mut strategy = vec![Strategy::Honest; len];
    let mut alpha = vec![0.0; len];
    let mut beta = vec![0.0; len];
    let mut leader_draw = vec![0u64; len];
    (
        (&mut roles, &mut stake, &mut liquid),
        (&mut quality, &mut strategy, &mut alpha, &mut beta),
        &mut leader_draw,
    )
        .into_par_iter()
        .enumerate()
        .for_each(
            |(account, ((roles, stake, liquid), (quality, strategy, alpha, beta), draw))| {
                let drawn = draw_account(scenario, replicate, account as u32);
                *roles = drawn.roles;
                *stake = drawn.stake;
                *liquid = drawn.liquid;
                *quality = drawn.quality;
                *strategy = drawn.strategy;
                *alpha = drawn.alpha;
                *beta = drawn.beta;
                *draw = drawn.leader_draw;
            },
        );
    for i in initial..len {
        roles[i] |= WAITING;
        stake[i] = scenario.growth.newcomer_stake;
        liquid[i] = 0;
    }
    // The follow graph grows in account order (behaviour::social), one account's draws
    // from its own stream, so it does not depend on the thread count. Newcomers get their
    // follows when they arrive.
    let k = if roles.iter().any(|&r| r & AUTHOR != 0) {
        scenario.behaviour.follows_per_account as usize
    } else {
        0
    };
    let graph = social::grow_initial(
        &roles,
        &quality,
        initial,
        k,
        social::strength_units(scenario.behaviour.follow_attachment),
        |account| social::follow_stream(scenario.simulation.seed, replicate, account),
    );
    let leader = initial_leaders(scenario, &roles, &stake, &strategy, &leader_draw);
    Population {
        roles,
        stake,
        liquid,
        quality,
        strategy,
        leader,
        alpha,
        beta,
        follows: graph.follows,
        follows_per_account: k,
        followers: graph.followers,
    }
}

/// Each trail follower's leader ([`trail::NO_LEADER`] for everyone else), by
/// [`super::trail`]'s rule over the initial accounts (arrivals included, with their
/// newcomer stake) and each account's `leader_draw`. Ranks are by (stake, id), as the
/// engine's `stake_rank`.
fn initial_leaders(
    scenario: &Scenario,
    roles: &[u8],
    stake: &[i64],
    strategy: &[Strategy],
    leader_draw: &[u64],
) -> Vec<u32> {
    let mut leader = vec![trail::NO_LEADER; roles.len()];
    if !strategy.contains(&Strategy::TrailFollower) {
        return leader;
    }
    let mut by_stake: Vec<u32> = (0..roles.len() as u32).collect();
    by_stake.sort_by_key(|&i| (stake[i as usize], i));
    let mut stake_rank = vec![0u32; roles.len()];
    for (rank, &i) in by_stake.iter().enumerate() {
        stake_rank[i as usize] = rank as u32;
    }
    let mut candidates = Vec::new();
    let limit = scenario.behaviour.trail_leaders as usize;
    trail::leader_candidates(&by_stake, roles, strategy, limit, &mut candidates);
    for i in 0..roles.len() {
        if strategy[i] == Strategy::TrailFollower && roles[i] & CURATOR != 0 {
            let above = trail::ranked_above(&candidates, &stake_rank, stake_rank[i]);
            leader[i] = trail::pick_leader(&candidates, above, leader_draw[i]);
        }
    }
    leader
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn trail_followers_follow_one_of_the_largest_curators_above_them() {
        let mut scenario = Scenario::default();
        scenario.behaviour.strategies.honest = 0.35;
        scenario.behaviour.strategies.trail_follower = 0.3;
        scenario.behaviour.trail_leaders = 20;
        let p = draw(&scenario, 0);
        assert_eq!(p, draw(&scenario, 0));
        let key = |i: usize| (p.stake[i], i);
        let mut leaders = std::collections::BTreeSet::new();
        let mut followers = 0;
        for i in 0..p.roles.len() {
            let l = p.leader[i];
            if p.strategy[i] != Strategy::TrailFollower || p.roles[i] & CURATOR == 0 {
                assert_eq!(l, trail::NO_LEADER, "account {i}");
                continue;
            }
            followers += 1;
            let l = l as usize;
            assert!(p.roles[l] & CURATOR != 0 && p.strategy[l] != Strategy::TrailFollower);
            assert!(key(l) > key(i), "leader {l} of {i} has less stake");
            leaders.insert(l);
        }
        assert!(followers > 300, "{followers} followers");
        // Among the 20 largest curators that are not followers, most of them used.
        assert!(leaders.len() <= 20 && leaders.len() >= 15, "{leaders:?}");
        let smallest_leader = leaders.iter().map(|&l| key(l)).min().unwrap();
        let larger = (0..p.roles.len())
            .filter(|&i| {
                p.roles[i] & CURATOR != 0
                    && p.strategy[i] != Strategy::TrailFollower
                    && key(i) > smallest_leader
            })
            .count();
        assert!(larger < 20);
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
