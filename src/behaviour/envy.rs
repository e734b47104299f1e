//! Jealousy: how an account feels about the rewards it can see, and what that does to its
//! activity and its wish to leave. Pure functions and types, no randomness and no world
//! state: the engine gathers what an account sees of its comparison group, calls
//! [`compare`] once a day per active account, folds the result into its satisfaction with
//! [`next_satisfaction`], and scales its rates by [`activity_multiplier`] and
//! [`exit_hazard`].
//!
//! The core is Fehr & Schmidt's inequity aversion (QJE 1999): U = x − α·mean(max(xⱼ − x, 0))
//! − β·mean(max(x − xⱼ, 0)) over the comparison group, shaped by the field evidence of
//! evidence.md §3:
//! * **Justified vs unjustified** (Breza, Kaur & Shamdasani 2018): envy bites on the part of
//!   a peer's reward that visible quality does not explain. A peer whose posts are better by
//!   a factor qⱼ/q may earn that factor more than me without envy; only the excess counts in
//!   full, the explained part with weight [`EnvyConfig::justified_weight`]. The part of a
//!   peer's reward its stake earned (curation, interest) and, when voter identities are
//!   visible, the part that came from its own or bought votes ([`Seen::unearned`]) are never
//!   explained, however good its posts: stake-driven and self-voted rewards are the visibly
//!   unjustified ones.
//! * **Only below one's rank** (Card, Mas, Moretti & Saez 2012): envy acts only on accounts
//!   whose reward is below the median of their horizontal group; those above it feel no
//!   envy and gain nothing from ranking high.
//! * **Peers vs bosses** (Cullen & Perez-Truglia 2022): peers with far more stake
//!   ([`EnvyConfig::vertical_stake_ratio`] times mine or more) are not envied; their higher
//!   rewards inspire instead ([`EnvyConfig::inspiration`]).
//!
//! Rewards are visible earnings in STEEM per day, stakes in STEEM. The daily signal is
//! unitless: envy and guilt divided by the largest of the account's own reward, its
//! horizontal peers' mean reward and [`EnvyConfig::reward_floor`], subtracted from the
//! inspiration (each boss ahead counts its lead in those units, at most 1), squashed into
//! (−1, 1).

pub use crate::scenario::{ChurnConfig, EnvyConfig, TypeShares};

/// What an account sees of itself or of a member of its comparison group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seen {
    /// Visible reward (≥ 0), STEEM; what exactly is visible depends on the payout
    /// visibility mode.
    pub reward: f64,
    /// Visible quality of its posts, 0..=1.
    pub quality: f64,
    /// Stake (≥ 0), STEEM.
    pub stake: f64,
    /// The share of the reward (0..=1) its posts' quality cannot explain: the stake-driven
    /// part (curation rewards, staking interest) and, when voter identities are visible
    /// (`[visibility] voters`), the part of its author rewards from its own or bought votes.
    pub unearned: f64,
}

/// One account's comparison with its group on one day.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Comparison {
    /// α × mean envy over horizontal peers, in the STEEM (0 when rewards are not
    /// visible, the group is empty or the account is above its group's median).
    pub envy: f64,
    /// β × mean guilt over horizontal peers, in the STEEM.
    pub guilt: f64,
    /// Inspiration weight × mean over the bosses of their lead in reward scales, each
    /// capped at 1 (unitless, 0..=inspiration weight).
    pub inspiration: f64,
    /// The reward scale envy and guilt are relative to: the largest of the account's own
    /// reward, its horizontal peers' mean reward and the reward floor, in the rewards'
    /// unit (> 0).
    pub scale: f64,
    /// The day's signal: inspiration − (envy + guilt) / scale, squashed by tanh into
    /// (−1, 1).
    pub signal: f64,
}

/// Compares `me` (with envy `alpha` and guilt `beta`) with the `group` it can see.
/// Members with non-finite or negative rewards are ignored.
pub fn compare(me: Seen, alpha: f64, beta: f64, group: &[Seen], params: &EnvyConfig) -> Comparison {
    let x = me.reward.max(0.0);
    let valid = |s: &&Seen| s.reward.is_finite() && s.reward >= 0.0;
    // One STEEM added to both stakes, so that accounts with (nearly) nothing staked compare
    // as peers rather than everyone being their boss.
    let is_boss = |s: &Seen| {
        s.stake > me.stake && s.stake + 1.0 >= params.vertical_stake_ratio * (me.stake + 1.0)
    };
    let mut horizontal = 0usize;
    let mut lead = 0.0; // Σ envy-weighted leads of horizontal peers
    let mut behind = 0.0; // Σ max(x − xⱼ, 0)
    let mut below = 0usize; // horizontal peers earning less than me
    let mut above = 0usize; // horizontal peers earning more than me
    let mut horizontal_total = 0.0;
    for peer in group.iter().filter(valid) {
        if is_boss(peer) {
            continue;
        }
        horizontal += 1;
        let xj = peer.reward;
        horizontal_total += xj;
        if xj > x {
            above += 1;
            // What my reward would be at the peer's quality: the part of its lead quality
            // explains.
            let by_quality = if me.quality > 0.0 {
                (x * peer.quality / me.quality).max(x)
            } else if peer.quality > 0.0 {
                xj
            } else {
                x
            };
            // Quality explains at most what others gave the peer: a reward it visibly
            // gave itself is never justified.
            let from_others = (xj * (1.0 - peer.unearned.clamp(0.0, 1.0))).max(x);
            let explained = by_quality.min(from_others).min(xj);
            lead += (xj - explained) + params.justified_weight * (explained - x);
        } else {
            if xj < x {
                below += 1;
            }
            behind += x - xj;
        }
    }
    let mut c = Comparison::default();
    let mut peer_mean = 0.0;
    if horizontal > 0 {
        // Below the median: more horizontal peers earn more than me than less.
        let envious = !params.below_median_only || above > below;
        if envious {
            c.envy = alpha * lead / horizontal as f64;
        }
        c.guilt = beta * behind / horizontal as f64;
        peer_mean = horizontal_total / horizontal as f64;
    }
    c.scale = x.max(peer_mean).max(params.reward_floor);
    // Each boss ahead inspires in proportion to its lead, up to one reward scale, so that
    // a whale's far larger reward cannot outweigh every peer.
    let (mut bosses, mut boss_pull) = (0usize, 0.0);
    for boss in group.iter().filter(valid).filter(|s| is_boss(s)) {
        bosses += 1;
        boss_pull += ((boss.reward - x).max(0.0) / c.scale).min(1.0);
    }
    if bosses > 0 {
        c.inspiration = params.inspiration * boss_pull / bosses as f64;
    }
    c.signal = (c.inspiration - (c.envy + c.guilt) / c.scale).tanh();
    c
}

/// Satisfaction after a day with `signal`, from `previous` (both in [−1, 1]).
pub fn next_satisfaction(previous: f64, signal: f64, params: &EnvyConfig) -> f64 {
    let w = params.memory_weight;
    ((1.0 - w) * previous + w * signal).clamp(-1.0, 1.0)
}

/// The factor on an account's posting and voting rates at `satisfaction` (in [−1, 1]):
/// `activity_at_worst` at −1, 1 at 0, its inverse at +1, geometric in between.
pub fn activity_multiplier(satisfaction: f64, params: &EnvyConfig) -> f64 {
    params
        .activity_at_worst
        .powf(-satisfaction.clamp(-1.0, 1.0))
}

/// An account's ties to others, which keep it on the platform (Ba et al. 2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ties {
    /// Economic ties: upvotes by others on the account's last post to cash out.
    pub votes: u32,
    /// Social ties: present accounts that follow it.
    pub followers: u32,
}

/// The daily probability that an account at `satisfaction` with `ties` leaves: the churn's
/// base hazard, times `exit_at_worst` at −1 (geometric in satisfaction, its inverse at
/// +1), divided by 1 + `tie_weight` × votes + `follower_tie_weight` × followers; at most 1.
pub fn exit_hazard(satisfaction: f64, ties: Ties, params: &EnvyConfig, churn: &ChurnConfig) -> f64 {
    let mood = params.exit_at_worst.powf(-satisfaction.clamp(-1.0, 1.0));
    let held = 1.0
        + churn.tie_weight * f64::from(ties.votes)
        + churn.follower_tie_weight * f64::from(ties.followers);
    (churn.base_exit_hazard * mood / held).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seen(reward: f64, quality: f64, stake: f64) -> Seen {
        Seen {
            reward,
            quality,
            stake,
            unearned: 0.0,
        }
    }

    fn params() -> EnvyConfig {
        EnvyConfig::default()
    }

    #[test]
    fn default_types_are_fehr_schmidt() {
        let p = params();
        assert!((p.alpha.mean() - 0.85).abs() < 1e-12);
        assert!((p.beta.mean() - 0.315).abs() < 1e-12);
        assert_eq!(p.alpha.pick(0.0), 0.0);
        assert_eq!(p.alpha.pick(0.29), 0.0);
        assert_eq!(p.alpha.pick(0.31), 0.5);
        assert_eq!(p.alpha.pick(0.89), 1.0);
        assert_eq!(p.alpha.pick(0.95), 4.0);
        assert_eq!(p.alpha.pick(0.999_999_999), 4.0);
    }

    #[test]
    fn unexplained_lead_of_a_peer_causes_envy_in_fehr_schmidt_units() {
        // Same quality, same stake: the whole lead of 10 is unexplained.
        let me = seen(2.0, 0.5, 100.0);
        let group = [seen(12.0, 0.5, 100.0), seen(12.0, 0.5, 100.0)];
        let c = compare(me, 1.0, 0.0, &group, &params());
        assert!((c.envy - 10.0).abs() < 1e-12);
        assert_eq!(c.guilt, 0.0);
        assert!((c.signal - (-10.0f64 / 12.0).tanh()).abs() < 1e-12);
        // α scales it.
        let c4 = compare(me, 4.0, 0.0, &group, &params());
        assert!((c4.envy - 40.0).abs() < 1e-12);
        assert!(c4.signal < c.signal);
    }

    #[test]
    fn a_lead_explained_by_quality_causes_no_envy_by_default() {
        // The peer writes twice as well and earns twice as much: justified.
        let me = seen(5.0, 0.4, 100.0);
        let group = [seen(10.0, 0.8, 100.0)];
        let c = compare(me, 1.0, 0.0, &group, &params());
        assert_eq!(c.envy, 0.0);
        // Earning three times as much, only the third share is envied.
        let c = compare(me, 1.0, 0.0, &[seen(15.0, 0.8, 100.0)], &params());
        assert!((c.envy - 5.0).abs() < 1e-12);
        // With a justified weight, the explained part counts too, less.
        let p = EnvyConfig {
            justified_weight: 0.2,
            ..params()
        };
        let c = compare(me, 1.0, 0.0, &[seen(15.0, 0.8, 100.0)], &p);
        assert!((c.envy - (5.0 + 0.2 * 5.0)).abs() < 1e-12);
    }

    #[test]
    fn a_reward_from_self_votes_is_envied_even_if_quality_explains_it() {
        // The peer writes twice as well and earns twice as much, but half of its reward
        // came from its own votes: with voters visible, that half is unjustified.
        let me = seen(5.0, 0.4, 100.0);
        let peer = seen(10.0, 0.8, 100.0);
        let self_voted = Seen {
            unearned: 0.5,
            ..peer
        };
        assert_eq!(compare(me, 1.0, 0.0, &[peer], &params()).envy, 0.0);
        let c = compare(me, 1.0, 0.0, &[self_voted], &params());
        assert!((c.envy - 5.0).abs() < 1e-12, "{c:?}");
        // A smaller self-voted share only removes what quality cannot explain anyway.
        let some = Seen {
            unearned: 0.2,
            ..peer
        };
        let c = compare(me, 1.0, 0.0, &[some], &params());
        assert!((c.envy - 2.0).abs() < 1e-12, "{c:?}");
        // Self-votes on a lead quality does not explain add nothing: all of it counts.
        let unexplained = seen(10.0, 0.4, 100.0);
        let both = Seen {
            unearned: 0.5,
            ..unexplained
        };
        assert_eq!(
            compare(me, 1.0, 0.0, &[unexplained], &params()).envy,
            compare(me, 1.0, 0.0, &[both], &params()).envy
        );
    }

    #[test]
    fn only_accounts_below_the_median_feel_envy() {
        // Two peers earn less than me and one more: I am above the median.
        let me = seen(10.0, 0.5, 100.0);
        let group = [
            seen(1.0, 0.5, 100.0),
            seen(2.0, 0.5, 100.0),
            seen(50.0, 0.5, 100.0),
        ];
        let c = compare(me, 4.0, 0.0, &group, &params());
        assert_eq!(c.envy, 0.0);
        let all = EnvyConfig {
            below_median_only: false,
            ..params()
        };
        let c = compare(me, 4.0, 0.0, &group, &all);
        assert!((c.envy - 4.0 * 40.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn ranking_high_brings_no_gain_and_guilt_costs() {
        let me = seen(10.0, 0.5, 100.0);
        let group = [seen(2.0, 0.5, 100.0), seen(4.0, 0.5, 100.0)];
        let no_guilt = compare(me, 1.0, 0.0, &group, &params());
        assert_eq!(no_guilt.signal, 0.0);
        let guilt = compare(me, 1.0, 0.6, &group, &params());
        assert!((guilt.guilt - 0.6 * 7.0).abs() < 1e-12);
        assert!(guilt.signal < 0.0);
    }

    #[test]
    fn far_larger_accounts_inspire_instead_of_causing_envy() {
        let me = seen(1.0, 0.5, 100.0);
        let boss = seen(101.0, 0.5, 10_000.0);
        let c = compare(me, 4.0, 0.0, &[boss], &params());
        assert_eq!(c.envy, 0.0);
        assert!((c.inspiration - 0.25).abs() < 1e-12);
        assert!(c.signal > 0.0);
        // The same lead from a peer of similar stake hurts.
        let peer = seen(101.0, 0.5, 200.0);
        assert!(compare(me, 4.0, 0.0, &[peer], &params()).signal < 0.0);
    }

    #[test]
    fn newcomers_without_stake_compare_with_small_accounts_as_peers() {
        let me = seen(0.0, 0.5, 0.0);
        let small = seen(5.0, 0.5, 3.0);
        let c = compare(me, 1.0, 0.0, &[small], &params());
        assert!((c.envy - 5.0).abs() < 1e-12);
        assert_eq!(c.inspiration, 0.0);
        let whale = seen(5.0, 0.5, 9.0);
        let c = compare(me, 1.0, 0.0, &[whale], &params());
        assert_eq!(c.envy, 0.0);
        assert!(c.inspiration > 0.0);
    }

    #[test]
    fn hidden_rewards_mean_no_comparison() {
        let c = compare(seen(3.0, 0.5, 1.0), 4.0, 0.6, &[], &params());
        assert_eq!(
            c,
            Comparison {
                scale: 3.0,
                ..Comparison::default()
            }
        );
    }

    #[test]
    fn satisfaction_remembers_and_scales_activity_and_exit() {
        let p = params();
        let c = ChurnConfig::default();
        let s = next_satisfaction(0.0, -1.0, &p);
        assert!((s - -0.1).abs() < 1e-12);
        assert!((next_satisfaction(s, 0.0, &p) - -0.09).abs() < 1e-12);
        assert!((activity_multiplier(-1.0, &p) - 0.88).abs() < 1e-12);
        assert!((activity_multiplier(0.0, &p) - 1.0).abs() < 1e-12);
        assert!((activity_multiplier(1.0, &p) - 1.0 / 0.88).abs() < 1e-12);
        let votes = |votes| Ties {
            votes,
            followers: 0,
        };
        assert!((exit_hazard(0.0, votes(0), &p, &c) - 0.0032).abs() < 1e-15);
        assert!((exit_hazard(-1.0, votes(0), &p, &c) - 0.0032 * 1.75).abs() < 1e-15);
        assert!((exit_hazard(0.0, votes(20), &p, &c) - 0.0032 / 2.0).abs() < 1e-15);
        // Followers are ties too, each worth a tenth of a vote by default.
        let followers = Ties {
            votes: 20,
            followers: 200,
        };
        assert!((exit_hazard(0.0, followers, &p, &c) - 0.0032 / 3.0).abs() < 1e-15);
        let off = ChurnConfig {
            follower_tie_weight: 0.0,
            ..c.clone()
        };
        assert_eq!(
            exit_hazard(0.0, followers, &p, &off),
            exit_hazard(0.0, votes(20), &p, &c)
        );
    }

    #[test]
    fn base_hazard_gives_the_c9_cohort_decay() {
        // evidence.md C9: active share × ≈0.38 over ~10 months (0.25–0.5).
        let survive = (1.0 - ChurnConfig::default().base_exit_hazard).powi(300);
        assert!((0.25..=0.5).contains(&survive), "{survive}");
    }

    fn any_seen() -> impl Strategy<Value = Seen> {
        (0.0..1e6f64, 0.0..=1.0f64, 0.0..1e9f64, 0.0..=1.0f64).prop_map(|(r, q, s, u)| Seen {
            unearned: u,
            ..seen(r, q, s)
        })
    }

    proptest! {
        #[test]
        fn signal_is_bounded_and_envy_grows_with_alpha(
            me in any_seen(),
            group in prop::collection::vec(any_seen(), 0..30),
            alpha in 0.0..5.0f64,
            beta in 0.0..1.0f64,
        ) {
            let p = params();
            let c = compare(me, alpha, beta, &group, &p);
            prop_assert!(c.signal.is_finite() && (-1.0..=1.0).contains(&c.signal));
            prop_assert!(c.envy >= 0.0 && c.guilt >= 0.0 && c.inspiration >= 0.0);
            let more = compare(me, alpha + 1.0, beta, &group, &p);
            prop_assert!(more.envy >= c.envy);
            prop_assert!(more.signal <= c.signal);
            // Seeing who voted can only add envy: hiding voters hides self-votes.
            let hidden: Vec<Seen> = group.iter().map(|s| Seen { unearned: 0.0, ..*s }).collect();
            let blind = compare(me, alpha, beta, &hidden, &p);
            prop_assert!(c.envy >= blind.envy * (1.0 - 1e-12));
        }

        #[test]
        fn rates_stay_in_range(s in -2.0..2.0f64, votes in 0u32..10_000, followers in 0u32..1_000_000) {
            let p = params();
            let m = activity_multiplier(s, &p);
            prop_assert!((0.88 - 1e-12..=1.0 / 0.88 + 1e-12).contains(&m));
            let h = exit_hazard(s, Ties { votes, followers }, &p, &ChurnConfig::default());
            prop_assert!((0.0..=1.0).contains(&h));
            let next = next_satisfaction(s.clamp(-1.0, 1.0), s, &p);
            prop_assert!((-1.0..=1.0).contains(&next));
        }
    }
}
