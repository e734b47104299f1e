//! Properties of whole engine runs over random valid scenario variations: every era, inflation
//! splits summing to 100%, vote weights, activity and strategy mixes (curation trails
//! included), on tiny worlds.
//!
//! Every run checks token conservation after every step ([`engine::Checks::EveryStep`]),
//! in debug and release builds alike; an `EngineError::Conservation` (or any other error)
//! fails the property. On top of that: final balances are non-negative, each day's minted_* parts
//! add up to minted_steem (and so do their sums over the run), and each paid post's reward is
//! split without loss.

use proptest::prelude::*;
use rewardsim::engine::{self, Checks, RunResult, Silent};
use rewardsim::mechanics::era::{Era, Rules};
use rewardsim::scenario::rules::default_start_block;
use rewardsim::scenario::{PayoutVisibility, Scenario, StrategyMix};

/// One variation of the default scenario.
#[derive(Debug, Clone)]
struct Variation {
    era: Era,
    /// content, stakers, dao (basis points); witnesses get the rest.
    split: (u16, u16, u16),
    vote_weight: u16,
    daily_active_share: f64,
    strategies: [f64; 7],
    accounts: u32,
    days: u32,
    warmup_days: u32,
    seed: u64,
    /// Arrivals per day, the base exit hazard and the payout visibility.
    people: (f64, f64, PayoutVisibility),
    /// `[adaptation] imitation_rate`.
    imitation_rate: f64,
    /// Follow attachment (per follower), whether voters and activity counts are visible.
    social: (f64, bool, bool),
    /// A self-voter's comments a day, a buyer's bid share of its liquid STEEM and the
    /// market's entry rate.
    selfish: (f64, f64, f64),
    /// `[behaviour] trail_delay_seconds` and `trail_leaders`.
    trail: (u32, u32),
}

/// Arrivals, exits (up to a third of the accounts a day, with everyone leaving selling) and
/// every visibility mode.
fn people() -> impl Strategy<Value = (f64, f64, PayoutVisibility)> {
    (
        prop_oneof![Just(0.0f64), 0.0f64..=30.0],
        prop_oneof![Just(0.0f64), Just(0.0032f64), 0.0f64..=0.3],
        prop::sample::select(vec![
            PayoutVisibility::Public,
            PayoutVisibility::Hidden,
            PayoutVisibility::AfterPayout,
            PayoutVisibility::Relative,
        ]),
    )
}

/// Self-voters' comments from none to many, bids from nothing to all one has, and market
/// entry from never to daily.
fn selfish() -> impl Strategy<Value = (f64, f64, f64)> {
    (
        prop_oneof![Just(0.0f64), Just(2.0f64), 0.0f64..=100.0],
        prop_oneof![Just(0.0f64), Just(1.0f64), 0.0f64..=1.0],
        prop_oneof![Just(0.0f64), Just(1.0f64), 0.0f64..=1.0],
    )
}

/// The follow graph from quality alone to the strongest attachment allowed, and the
/// visibility switches.
fn social() -> impl Strategy<Value = (f64, bool, bool)> {
    (
        prop_oneof![Just(0.0f64), Just(0.01f64), Just(10.0f64), 0.0f64..=10.0],
        any::<bool>(),
        any::<bool>(),
    )
}

/// Splits that sum to 100%: the chain's, the stake-weighted proposal, every corner (all to one
/// party) and random ones with basis-point precision.
fn split() -> impl Strategy<Value = (u16, u16, u16)> {
    prop_oneof![
        Just((6_500, 1_500, 1_000)),
        Just((7_500, 1_500, 0)),
        Just((4_000, 4_000, 1_000)),
        Just((10_000, 0, 0)),
        Just((0, 10_000, 0)),
        Just((0, 0, 10_000)),
        Just((0, 0, 0)),
        (0u16..=10_000).prop_flat_map(|content| {
            (0u16..=10_000 - content).prop_flat_map(move |stakers| {
                (0u16..=10_000 - content - stakers).prop_map(move |dao| (content, stakers, dao))
            })
        }),
    ]
}

/// Strategy shares in the order of `Strategy::ALL` (normalised to sum 1 in
/// [`Variation::scenario`]); corners included.
fn strategies() -> impl Strategy<Value = [f64; 7]> {
    let corner = |k: usize| {
        let mut shares = [0.0; 7];
        shares[k] = 1.0;
        shares
    };
    prop_oneof![
        (0usize..7).prop_map(corner),
        // Sellers and buyers together, so the market trades.
        Just([0.0, 0.0, 0.0, 0.5, 0.5, 0.0, 0.0]),
        // Mostly trail followers: most leaders are followed, some followers are among the
        // largest curators (and may have nobody to follow).
        Just([0.1, 0.0, 0.1, 0.0, 0.0, 0.0, 0.8]),
        prop::array::uniform7(0u32..=100).prop_map(|w| {
            let mut shares = w.map(f64::from);
            shares[0] += 1.0;
            shares
        }),
    ]
}

/// Trail delays from one block to a day (within a step, and across steps and days), and
/// from one leader for everyone to more leaders than curators.
fn trail() -> impl Strategy<Value = (u32, u32)> {
    (
        prop_oneof![
            Just(3u32),
            Just(300u32),
            Just(7_200u32),
            Just(86_400u32),
            (1u32..=28_800).prop_map(|blocks| 3 * blocks),
        ],
        prop_oneof![Just(1u32), Just(100u32), 1u32..=400],
    )
}

fn variation() -> impl Strategy<Value = Variation> {
    (
        prop::sample::select(Era::ALL.to_vec()),
        split(),
        prop_oneof![Just(10_000u16), Just(1u16), 1u16..=10_000],
        prop_oneof![Just(1.0f64), Just(0.0f64), 0.05f64..=1.0],
        strategies(),
        50u32..=200,
        2u32..=9,
        0u32..=1,
        any::<u64>(),
        (people(), social(), selfish(), trail()),
        prop_oneof![Just(0.0f64), Just(1.0f64), 0.0f64..=1.0],
    )
        .prop_map(
            |(
                era,
                split,
                vote_weight,
                daily_active_share,
                strategies,
                accounts,
                days,
                warmup_days,
                seed,
                (people, social, selfish, trail),
                imitation_rate,
            )| Variation {
                era,
                split,
                vote_weight,
                daily_active_share,
                strategies,
                accounts,
                days,
                warmup_days,
                seed,
                people,
                imitation_rate,
                social,
                selfish,
                trail,
            },
        )
}

impl Variation {
    fn scenario(&self) -> Scenario {
        let mut rules = Rules::for_era(self.era);
        rules.content_reward_percent = self.split.0;
        rules.vesting_reward_percent = self.split.1;
        rules.sps_fund_percent = self.split.2;
        rules.validate().expect("a valid split");
        let mut s = Scenario {
            era: self.era,
            rules,
            ..Scenario::default()
        };
        s.inflation.start_block = default_start_block(self.era);
        s.behaviour.vote_weight = self.vote_weight;
        s.population.daily_active_share = self.daily_active_share;
        let total: f64 = self.strategies.iter().sum();
        let [_, sv, cm, vs, vb, dv, tf] = self.strategies.map(|w| w / total);
        s.behaviour.strategies = StrategyMix {
            honest: 1.0 - (sv + cm + vs + vb + dv + tf),
            self_voter: sv,
            curation_maximiser: cm,
            vote_seller: vs,
            vote_buyer: vb,
            downvoter: dv,
            trail_follower: tf,
        };
        s.adaptation.imitation_rate = self.imitation_rate;
        s.population.accounts = self.accounts;
        s.simulation.days = self.days;
        s.simulation.warmup_days = self.warmup_days;
        s.simulation.seed = self.seed;
        s.output.posts_csv = true;
        s.output.charts = false;
        (
            s.growth.arrivals_per_day,
            s.churn.base_exit_hazard,
            s.visibility.payouts,
        ) = self.people;
        (
            s.behaviour.follow_attachment,
            s.visibility.voters,
            s.visibility.activity_counts,
        ) = self.social;
        (
            s.behaviour.self_vote_comments_per_day,
            s.bid_bots.bid_share,
            s.bid_bots.entry_rate,
        ) = self.selfish;
        (s.behaviour.trail_delay_seconds, s.behaviour.trail_leaders) = self.trail;
        s.churn.power_down_on_exit = 1.0;
        s
    }
}

fn check_result(scenario: &Scenario, result: &RunResult) -> Result<(), TestCaseError> {
    prop_assert_eq!(result.days.len(), scenario.simulation.days as usize);
    let sim = &scenario.simulation;
    let arrivals = scenario.growth.schedule(sim.warmup_days + sim.days);
    prop_assert_eq!(
        result.accounts.len() as u64,
        u64::from(scenario.population.accounts) + arrivals.last().unwrap()
    );
    for d in &result.days {
        prop_assert!((-1.0..=1.0).contains(&d.mean_satisfaction));
        prop_assert!((0.0..=1.0).contains(&d.envy_index));
        prop_assert!(d.accounts_present <= result.accounts.len() as u64);
    }
    let (mut minted, mut parts) = (0i64, 0i64);
    for (i, d) in result.days.iter().enumerate() {
        prop_assert_eq!(d.day as usize, i);
        let day_parts = d.minted_content_steem
            + d.minted_stakers_steem
            + d.minted_dao_steem
            + d.minted_witnesses_steem;
        prop_assert_eq!(day_parts, d.minted_steem, "day {}: {:?}", i, d);
        for part in [
            d.minted_steem,
            d.minted_content_steem,
            d.minted_stakers_steem,
            d.minted_dao_steem,
            d.minted_witnesses_steem,
            d.supply_steem,
            d.supply_sbd,
            d.reward_balance_steem,
            d.vesting_fund_steem,
            d.vesting_shares_vests,
            d.paid_authors_steem,
            d.paid_curators_steem,
            d.returned_to_fund_steem,
        ] {
            prop_assert!(part >= 0, "day {}: negative amount in {:?}", i, d);
        }
        // A share of zero inflation is zero.
        if scenario.rules.content_reward_percent == 0 {
            prop_assert_eq!(d.minted_content_steem, 0);
        }
        if scenario.rules.vesting_reward_percent == 0 {
            prop_assert_eq!(d.minted_stakers_steem, 0);
        }
        if scenario.rules.sps_fund_percent == 0 {
            prop_assert_eq!(d.minted_dao_steem, 0);
        }
        minted += d.minted_steem;
        parts += day_parts;
    }
    prop_assert_eq!(parts, minted);
    // Not staking_interest_steem: it is a difference (final STEEM value of VESTS minus what
    // was vested), and the chain's floors when vesting can make it -1 milli-STEEM when the
    // stakers' share is tiny.
    for a in &result.accounts {
        prop_assert!(
            a.vesting_shares_vests >= 0
                && a.steem_power_steem >= 0
                && a.liquid_steem >= 0
                && a.sbd >= 0
                && a.author_rewards_steem >= 0
                && a.curation_rewards_steem >= 0
                && a.witness_rewards_steem >= 0,
            "negative balance: {:?}",
            a
        );
    }
    for p in &result.posts {
        prop_assert!(p.reward_steem >= 0 && p.author_steem >= 0 && p.curators_steem >= 0);
        prop_assert!(p.returned_steem >= 0, "{:?}", p);
        prop_assert_eq!(
            p.author_steem + p.curators_steem + p.returned_steem,
            p.reward_steem,
            "post reward not split exactly: {:?}",
            p
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_scenarios_conserve_tokens(v in variation()) {
        // Conservation checked after every step, whatever the build profile.
        let scenario = v.scenario();
        let result = match engine::run::run_replicate(&scenario, 0, Checks::EveryStep, &mut Silent) {
            Ok(result) => result,
            Err(error) => return Err(TestCaseError::fail(format!("{v:?}: {error}"))),
        };
        check_result(&scenario, &result)?;
    }
}

/// Every era with its own split, and every corner split, on one small world: none of them
/// makes the engine fail, and the parts add up. Deterministic companion of the property.
#[test]
fn every_era_and_corner_split_runs() {
    for era in Era::ALL {
        for split in [
            None,
            Some((10_000, 0, 0)),
            Some((0, 10_000, 0)),
            Some((0, 0, 10_000)),
            Some((0, 0, 0)),
        ] {
            let base = Rules::for_era(era);
            let v = Variation {
                era,
                split: split.unwrap_or((
                    base.content_reward_percent,
                    base.vesting_reward_percent,
                    base.sps_fund_percent,
                )),
                vote_weight: 10_000,
                daily_active_share: 0.5,
                strategies: [0.6, 0.1, 0.15, 0.02, 0.08, 0.05, 0.05],
                imitation_rate: 0.02,
                accounts: 60,
                days: 8,
                warmup_days: 0,
                seed: 3,
                people: (5.0, 0.05, PayoutVisibility::Public),
                social: (0.01, true, true),
                selfish: (2.0, 0.25, 0.02),
                trail: (300, 100),
            };
            let scenario = v.scenario();
            let result =
                engine::run(&scenario, 0, &mut Silent).unwrap_or_else(|e| panic!("{v:?}: {e}"));
            check_result(&scenario, &result).unwrap_or_else(|e| panic!("{v:?}: {e}"));
        }
    }
}
