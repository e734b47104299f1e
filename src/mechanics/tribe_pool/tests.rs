//! Whole-pool tests: hand-computed payouts, the steady state of smt-and-tribes.md §3.4,
//! exact conservation, and property tests over the valid input range.

use proptest::prelude::*;
use ruint::aliases::U512;

use super::*;
use crate::mechanics::power_curve::{PowerClaims, PowerExponent};

const R: u128 = RSHARE_UNITS_PER_RSHARE;

fn exponent(hundredths: u16) -> PowerExponent {
    PowerExponent::from_hundredths(hundredths).unwrap()
}

fn claims(units: u128) -> PowerClaims {
    PowerClaims::from_units(U512::from(units))
}

fn config(edit: impl FnOnce(&mut PoolConfigParams)) -> PoolConfig {
    let mut params = PoolConfigParams::default();
    edit(&mut params);
    PoolConfig::new(params).unwrap()
}

/// A pool snapshot of 1000.000 tokens over `q` claims, precision 3.
fn snapshot(config: &PoolConfig, q: PowerClaims) -> PoolState {
    let mut pool = PoolState::new(config, 0);
    pool.interval_reward_pool = 1_000_000;
    pool.interval_pending_claims = q;
    pool
}

fn post_with(rshares: u128) -> PostState {
    PostState {
        created: 0,
        cashout_time: 0,
        vote_rshare_sum: rshares as i128,
        vote_positive_rshare_sum: rshares,
    }
}

fn input<'a>(votes: &'a [CuratorVote], beneficiaries: &'a [Beneficiary]) -> PostPayoutInput<'a> {
    PostPayoutInput {
        author: 0,
        author_muted: false,
        votes,
        beneficiaries,
        app_tax_beneficiary: None,
        declines_payout: false,
        post_muted: false,
    }
}

fn curator(voter: u32, curation_weight: u128) -> CuratorVote {
    CuratorVote {
        voter,
        curation_weight,
        muted: false,
    }
}

/// a = 1, b = 0.5, 50% curation, 50% staked, precision 3. Pool 1000.000, Q = 3000 claims,
/// the post has R = S = 1100 (votes of 100 then 1000 rshares: weights 10 and
/// 23.1662479035 of √1100 = 33.1662479035), one 10% beneficiary.
///
/// * postPendingToken = 1000·1100/3000 = 366.666…→ 366.666
/// * curatorPortion = ⌊183.333⌋ = 183.333; authorBenePortion = 183.333
/// * curator 1 = 183.333·10/33.1662479035 = 55.27697933556513555233 → 55.276
/// * curator 2 = 183.333·23.1662479035/33.1662479035 = 128.05602066443486444767 → 128.056
///   (0.001 of the curator portion is never paid)
/// * beneficiary = ⌊183.333·0.1⌋ = 18.333; author = 165.000
/// * splits: 55.276 → 27.638 + 27.638; 128.056 → 64.028 + 64.028; 18.333 → staked
///   ⌊9.1665⌋₃ = 9.166, liquid 9.167; 165.000 has 0 decimals → staked ⌊82.5⌋ = 82.
#[test]
fn hand_computed_payout() {
    let cfg = config(|_| {});
    let pool = snapshot(&cfg, claims(3_000 * R));
    let votes = [curator(1, 100_000_000_000), curator(2, 231_662_479_035)];
    let benes = [Beneficiary {
        account: 3,
        weight: 1_000,
        muted: false,
    }];
    let out = pool.pay_post(&cfg, &post_with(1_100 * R), &input(&votes, &benes));
    assert_eq!(out.claims, claims(1_100 * R));
    assert_eq!(
        (out.deducted, out.curator_portion, out.author_bene_portion),
        (366_666, 183_333, 183_333)
    );
    let got: Vec<(u32, u128, u128)> = out
        .payments
        .iter()
        .map(|p| (p.account, p.liquid, p.staked))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, 27_638, 27_638),
            (2, 64_028, 64_028),
            (3, 9_167, 9_166),
            (0, 83_000, 82_000)
        ]
    );
    assert_eq!((out.withheld, out.overdrawn, out.paid()), (1, 0, 366_665));
}

/// PAL-like a = 1.05: posts with R = 1100 and 500 share a pool of 1000.000 whose Q is their
/// claims alone: 1100^1.05 = 1561.213576908886 → 1561.2135769088 and 500^1.05 =
/// 682.2106651607095 → 682.2106651607 (V8's doubles), Q = 2243.4242420695.
/// Payouts 1000·1561.2135769088/Q = 695.906528793065… → 695.906 and 304.093473… →
/// 304.093; 0.001 stays in the pool.
#[test]
fn pal_like_post_curve() {
    let cfg = config(|p| p.post_reward_exponent = exponent(105));
    let (a, b) = (post_with(1_100 * R), post_with(500 * R));
    assert_eq!(post_claims(&cfg, &a), claims(15_612_135_769_088));
    assert_eq!(post_claims(&cfg, &b), claims(6_822_106_651_607));
    let q = claims(15_612_135_769_088 + 6_822_106_651_607);
    let pool = snapshot(&cfg, q);
    let pay_a = pool.pay_post(&cfg, &a, &input(&[], &[]));
    let pay_b = pool.pay_post(&cfg, &b, &input(&[], &[]));
    assert_eq!((pay_a.deducted, pay_b.deducted), (695_906, 304_093));
    // No curators: the curator portion is withheld (deducted, unpaid).
    assert_eq!(pay_a.withheld, pay_a.curator_portion);
}

#[test]
fn app_tax_without_beneficiaries_is_paid_on_top() {
    let cfg = config(|p| {
        p.app_tax_percent = Some(20);
        p.curation_reward_percentage = 0;
        p.staked_reward_percentage = 0;
    });
    let pool = snapshot(&cfg, claims(1_000 * R));
    let post = post_with(100 * R); // 100.000 tokens
    let taxed = PostPayoutInput {
        app_tax_beneficiary: Some(9),
        ..input(&[], &[])
    };
    let out = pool.pay_post(&cfg, &post, &taxed);
    let got: Vec<(u32, u128)> = out.payments.iter().map(|p| (p.account, p.liquid)).collect();
    // The tax (20.000) and the author's full 100.000.
    assert_eq!(got, vec![(9, 20_000), (0, 100_000)]);
    assert_eq!(
        (out.deducted, out.overdrawn, out.withheld),
        (100_000, 20_000, 0)
    );
    // With a beneficiary, the tax comes out of the author side: 20 + 8 (10% of 80) + 72.
    let benes = [Beneficiary {
        account: 5,
        weight: 1_000,
        muted: false,
    }];
    let out = pool.pay_post(
        &cfg,
        &post,
        &PostPayoutInput {
            beneficiaries: &benes,
            ..taxed
        },
    );
    let got: Vec<(u32, u128)> = out.payments.iter().map(|p| (p.account, p.liquid)).collect();
    assert_eq!(got, vec![(9, 20_000), (5, 8_000), (0, 72_000)]);
    assert_eq!((out.overdrawn, out.withheld), (0, 0));
}

#[test]
fn muted_and_declined_posts() {
    let cfg = config(|_| {});
    let pool = snapshot(&cfg, claims(1_000 * R));
    let post = post_with(100 * R);
    let votes = [
        CuratorVote {
            muted: true,
            ..curator(1, curation_claims(&cfg, 100 * R))
        },
        curator(2, 0), // a re-vote: never paid
    ];
    let muted_author = PostPayoutInput {
        author_muted: true,
        ..input(&votes, &[])
    };
    let out = pool.pay_post(&cfg, &post, &muted_author);
    assert!(out.payments.is_empty());
    assert_eq!((out.deducted, out.withheld), (100_000, 100_000));
    for skipped in [
        PostPayoutInput {
            declines_payout: true,
            ..input(&votes, &[])
        },
        PostPayoutInput {
            post_muted: true,
            ..input(&votes, &[])
        },
    ] {
        let out = pool.pay_post(&cfg, &post, &skipped);
        assert_eq!((out.deducted, out.paid(), out.withheld), (0, 0, 0));
    }
    // ignoreDeclinePayout pays a declined post.
    let cfg = config(|p| p.ignore_decline_payout = true);
    let declined = PostPayoutInput {
        declines_payout: true,
        ..input(&[], &[])
    };
    assert_eq!(pool.pay_post(&cfg, &post, &declined).deducted, 100_000);
}

/// One interval: the window's posts' claims, begin, pay, end. Returns the posts' payouts.
fn run_interval(
    cfg: &PoolConfig,
    pool: &mut PoolState,
    due: &[(PostState, Vec<CuratorVote>)],
) -> Vec<PostPayout> {
    let window = pool.next_window(cfg);
    let mut window_claims = U512::ZERO;
    for (post, _) in due {
        assert!(window.contains(post.cashout_time));
        window_claims += post_claims(cfg, post).units();
    }
    let before = pool.reward_pool;
    let step = pool.begin_interval(cfg, PowerClaims::from_units(window_claims));
    let payouts: Vec<PostPayout> = due
        .iter()
        .map(|(post, votes)| pool.pay_post(cfg, post, &input(votes, &[])))
        .collect();
    let deducted: u128 = payouts.iter().map(|p| p.deducted).sum();
    pool.end_interval(step, deducted);
    // Conservation, exactly.
    assert_eq!(before + step.minted, pool.reward_pool + deducted);
    for p in &payouts {
        assert_eq!(p.deducted + p.overdrawn, p.paid() + p.withheld);
    }
    payouts
}

/// smt-and-tribes.md §3.4: with emission e and claims c per interval, Q → c·D/Δ, the
/// snapshot pool → e·D/Δ and each interval pays ≈ e.
///
/// Tolerance: each payout is rounded down by less than one unit and the pool keeps it; at
/// equilibrium that leftover δ ∈ [0, 1) is carried with weight 1 + (1 − Δ/D) + … = D/Δ,
/// so the snapshot lies in [e·D/Δ, e·D/Δ + D/Δ) units. Q is truncated by less than 10⁻¹⁰
/// per interval, so it sits within D/Δ units of 10⁻¹⁰ below c·D/Δ — a relative error of
/// 10⁻¹⁵ here, invisible in the payouts. Over K intervals Σ pay = K·e − (change of the
/// pool), within ±D/Δ units. (The claims must be large against 10⁻¹⁰: with claims of
/// 10⁻¹⁰ per interval, Q·(1 − Δ/D) truncates back to 0 every interval and Q never grows
/// past 10⁻¹⁰, so each post takes the whole pool.)
#[test]
fn steady_state_pool_holds_d_over_delta_intervals_of_issuance() {
    for (cashout_days, interval_s, post_rshares) in [
        (1u32, 21_600u64, 777_777_777_777u128), // D/Δ = 12
        (7, 86_400, 12_345_678_901_234),        // D/Δ = 15, Steem-like
        (2, 43_200, 3_000_000_000 * R),         // D/Δ = 10, a billion-token post
    ] {
        let cfg = config(|p| {
            p.cashout_window_days = cashout_days;
            p.reward_interval_seconds = interval_s;
            p.reward_per_interval = 1_000_000; // e = 1000.000
        });
        let ratio = (cfg.claims_decay_period_ms() / cfg.reward_interval_ms()) as u128;
        let e = 1_000_000u128;
        let mut pool = PoolState::new(&cfg, 0);
        let post_at = |pool: &PoolState| PostState {
            created: 0,
            cashout_time: pool.next_window(&cfg).end,
            vote_rshare_sum: post_rshares as i128,
            vote_positive_rshare_sum: post_rshares,
        };
        let warm_up = 100 * ratio as usize; // (1 − 1/ratio)^warm_up < e^-100
        for _ in 0..warm_up {
            let post = post_at(&pool);
            run_interval(&cfg, &mut pool, &[(post, vec![])]);
        }
        let pool_start = pool.reward_pool;
        let mut paid = 0u128;
        let k = 200u128;
        for _ in 0..k {
            let post = post_at(&pool);
            let payouts = run_interval(&cfg, &mut pool, &[(post, vec![])]);
            let snapshot = pool.interval_reward_pool;
            assert!(
                (e * ratio..e * ratio + ratio).contains(&snapshot),
                "snapshot {snapshot} vs e·D/Δ = {}",
                e * ratio
            );
            let q = pool.interval_pending_claims.units();
            let q_star = U512::from(post_rshares) * U512::from(ratio);
            assert!(
                q <= q_star && q_star - q <= U512::from(ratio),
                "Q {q} vs {q_star}"
            );
            let pay = payouts[0].deducted;
            assert!(pay.abs_diff(e) <= 1, "pay {pay}");
            paid += pay;
        }
        assert_eq!(paid + pool.reward_pool, k * e + pool_start);
        assert!(paid.abs_diff(k * e) <= ratio);
    }
}

/// A small world through its first intervals, including the bootstrap period: votes add
/// claims at once, the same posts' claims come again at cashout, and every token is
/// accounted for.
#[test]
fn votes_to_payouts_conserve_tokens() {
    let cfg = config(|p| {
        p.cashout_window_days = 1;
        p.reward_interval_seconds = 86_400;
        p.reward_per_interval = 1_000_000;
    });
    let mut pool = PoolState::new(&cfg, 0);
    let mut powers = [VotingPower::full(0); 3];
    let mut post = PostState::new(&cfg, 0);
    let mut votes = Vec::new();
    for (voter, stake) in [(0u32, 100_000u128), (1, 1_000_000), (2, 50_000)] {
        let vote = Vote {
            stake,
            weight: 10_000,
            muted: false,
            previous_rshares: None,
            timestamp: 3_600_000,
        };
        let out = process_vote(
            &cfg,
            &mut pool,
            &mut post,
            &mut powers[voter as usize],
            &vote,
        )
        .unwrap();
        votes.push(curator(voter, out.curation_weight));
    }
    // Bootstrap: Q already holds the post's claims, 1150 (a = 1).
    assert_eq!(pool.pending_claims, claims(1_150 * R));
    // Interval 1, window [0, 1 day]: the post cashes out at 1 day. Q decays by Δ/D = 1/3
    // to 766.6666666666 (1150·2/3 truncated), then gets the post's 1150 again:
    // 1916.6666666666. The post takes 1000·1150/1916.6666666666 = 600.0000000000208… →
    // 600.000 of the 1000.000 minted.
    let payouts = run_interval(&cfg, &mut pool, &[(post, votes.clone())]);
    assert_eq!(payouts[0].deducted, 600_000);
    assert_eq!(pool.reward_pool, 400_000);
    let curated: u128 = payouts[0]
        .payments
        .iter()
        .filter(|p| matches!(p.role, PaymentRole::Curator { .. }))
        .map(Payment::total)
        .sum();
    assert!(curated <= payouts[0].curator_portion);
    // Interval 2: nothing cashes out; the pool grows and Q decays by a third:
    // 1916.6666666666 − 638.88888888886666666667 (rounded up at 20 places) =
    // 1277.77777777773333333333 → 1277.7777777777.
    run_interval(&cfg, &mut pool, &[]);
    assert_eq!(pool.reward_pool, 1_400_000);
    assert_eq!(pool.pending_claims, claims(12_777_777_777_777));
}

// ------------------------------------------------------------------------------------
// Property tests.

fn arb_config() -> impl Strategy<Value = PoolConfig> {
    (
        (0u32..=8, 100u16..=200, 50u16..=100, 0u32..=100, 0u32..=100),
        (
            1u32..=3,
            prop::sample::select(vec![21_600u64, 43_200, 86_400]),
        ),
        (
            1u32..=10_000,
            1u32..=10_000,
            any::<bool>(),
            prop::option::of(1u32..=100),
        ),
        (any::<u64>(), prop::option::of(0u32..=1_000)),
    )
        .prop_map(
            |(
                (precision, a, b, curation, staked),
                (cashout, interval),
                (vc, dc, no_down, tax),
                (reward, cut),
            )| {
                let max = max_supply_units(precision);
                PoolConfig::new(PoolConfigParams {
                    token_precision: precision,
                    post_reward_exponent: exponent(a),
                    curation_reward_exponent: exponent(b),
                    curation_reward_percentage: curation,
                    cashout_window_days: cashout,
                    reward_per_interval: u128::from(reward) % max + 1,
                    reward_interval_seconds: interval,
                    reward_reduction: cut.map(|tenths| RewardReduction {
                        interval_seconds: interval * 2,
                        percentage_tenths: tenths,
                    }),
                    vote_regeneration_days: 5,
                    vote_power_consumption: vc,
                    downvote_regeneration_days: 5,
                    downvote_power_consumption: dc,
                    staked_reward_percentage: staked,
                    disable_downvote: no_down,
                    ignore_decline_payout: false,
                    app_tax_percent: tax,
                })
                .unwrap()
            },
        )
}

/// (post, voter, stake, weight, muted, re-vote, minutes after the post's creation)
type VoteSpec = (usize, u32, u128, i32, bool, bool, u64);

fn arb_votes() -> impl Strategy<Value = Vec<VoteSpec>> {
    let stake = prop_oneof![
        any::<u64>().prop_map(u128::from),
        Just(max_supply_units(8)),
        Just(u128::MAX),
        0u128..1_000,
    ];
    prop::collection::vec(
        (
            0usize..4,
            0u32..6,
            stake,
            -10_000i32..=10_000,
            any::<bool>(),
            any::<bool>(),
            0u64..3_000,
        ),
        0..60,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Posts created over the first days (bootstrap included), votes of any stake and
    /// weight, re-votes, mutes, beneficiaries and app tax; intervals until every post has
    /// paid. Nothing panics; per interval pool + minted = pool' + deducted; per post
    /// deducted + overdrawn = paid + withheld; curators get at most their portion.
    #[test]
    fn flows_conserve_and_never_panic(
        cfg in arb_config(),
        created in prop::collection::vec(0u64..2 * DAY_MS, 4),
        specs in arb_votes(),
        bene_weights in prop::collection::vec(0u16..=2_500, 0..4),
        flags in prop::collection::vec((any::<bool>(), any::<bool>(), any::<bool>()), 4),
    ) {
        let mut pool = PoolState::new(&cfg, 0);
        let mut posts: Vec<PostState> = created.iter().map(|&t| PostState::new(&cfg, t)).collect();
        let mut post_votes: Vec<Vec<(u32, i128, u128)>> = vec![Vec::new(); posts.len()];
        let mut powers: Vec<Option<VotingPower>> = vec![None; 6];
        let mut specs = specs;
        specs.sort_by_key(|s| created[s.0] + s.6 * 60_000);
        for &(i, voter, stake, weight, muted, revote, minutes) in &specs {
            let t = created[i] + minutes * 60_000;
            let earlier = post_votes[i].iter().position(|v| v.0 == voter);
            if earlier.is_some() != revote {
                continue;
            }
            let power = powers[voter as usize].get_or_insert(VotingPower::full(t));
            let vote = Vote {
                stake, weight, muted,
                previous_rshares: earlier.map(|k| post_votes[i][k].1),
                timestamp: t,
            };
            if let Ok(out) = process_vote(&cfg, &mut pool, &mut posts[i], power, &vote) {
                prop_assert!(power.voting_power <= 10_000 && power.downvoting_power <= 10_000);
                match earlier {
                    Some(k) => post_votes[i][k] = (voter, out.rshares, out.curation_weight),
                    None => post_votes[i].push((voter, out.rshares, out.curation_weight)),
                }
            }
        }
        let benes: Vec<Beneficiary> = bene_weights
            .iter()
            .enumerate()
            .map(|(k, &weight)| Beneficiary { account: 10 + k as u32, weight, muted: k == 1 })
            .collect();
        let mut paid = vec![false; posts.len()];
        while paid.iter().any(|p| !p) {
            let window = pool.next_window(&cfg);
            let due: Vec<usize> = (0..posts.len()).filter(|&i| !paid[i] && window.contains(posts[i].cashout_time)).collect();
            let window_claims = due.iter().fold(U512::ZERO, |s, &i| s + post_claims(&cfg, &posts[i]).units());
            let before = pool.reward_pool;
            let step = pool.begin_interval(&cfg, PowerClaims::from_units(window_claims));
            let mut deducted = 0u128;
            for &i in &due {
                let votes: Vec<CuratorVote> = post_votes[i]
                    .iter()
                    .map(|&(voter, _, w)| CuratorVote { voter, curation_weight: w, muted: voter == 5 })
                    .collect();
                let (declines, author_muted, taxed) = flags[i];
                let out = pool.pay_post(&cfg, &posts[i], &PostPayoutInput {
                    author: 100 + i as u32,
                    author_muted,
                    votes: &votes,
                    beneficiaries: &benes,
                    app_tax_beneficiary: taxed.then_some(99),
                    declines_payout: declines,
                    post_muted: false,
                });
                prop_assert_eq!(out.deducted + out.overdrawn, out.paid() + out.withheld);
                prop_assert_eq!(out.curator_portion + out.author_bene_portion, out.deducted);
                let curated: u128 = out.payments.iter()
                    .filter(|p| matches!(p.role, PaymentRole::Curator { .. }))
                    .map(Payment::total)
                    .sum();
                prop_assert!(curated <= out.curator_portion);
                for p in &out.payments {
                    prop_assert!(p.total() > 0);
                    if p.role == PaymentRole::AppTax {
                        prop_assert_eq!(p.staked, 0);
                    }
                }
                deducted += out.deducted;
                paid[i] = true;
            }
            prop_assert!(deducted <= pool.reward_pool);
            pool.end_interval(step, deducted);
            prop_assert_eq!(before + step.minted, pool.reward_pool + deducted);
        }
    }

    /// Extreme snapshots: the largest pool, claims far beyond any real pool, posts with
    /// rshares up to u64::MAX tokens' worth. Nothing panics and curators stay within
    /// their portion.
    #[test]
    fn extreme_payouts_never_panic(
        cfg in arb_config(),
        pool_units in any::<u128>(),
        q_extra in any::<u128>(),
        r in any::<u64>(),
        weights in prop::collection::vec(any::<u64>(), 0..50),
    ) {
        let p = cfg.params().token_precision;
        let mut pool = PoolState::new(&cfg, 0);
        pool.interval_reward_pool = pool_units % (max_supply_units(p) + 1);
        let rshares = u128::from(r) * R;
        let post = post_with(rshares);
        let c = post_claims(&cfg, &post).units();
        pool.interval_pending_claims = PowerClaims::from_units(c + U512::from(q_extra));
        let total = curation_claims(&cfg, rshares);
        let votes: Vec<CuratorVote> = weights
            .iter()
            .map(|&w| curator(1, u128::from(w) % (total / weights.len() as u128 + 1)))
            .collect();
        let out = pool.pay_post(&cfg, &post, &input(&votes, &[]));
        prop_assert!(out.deducted <= pool.interval_reward_pool);
        prop_assert_eq!(out.deducted + out.overdrawn, out.paid() + out.withheld);
    }
}
