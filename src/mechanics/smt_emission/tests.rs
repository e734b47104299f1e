//! Hand-computed emissions. Every expected number below is worked out in the comment next to
//! it, from the formulas in the module doc.

use super::*;
use proptest::prelude::*;

const T0: u32 = 1_577_836_800; // 2020-01-01 00:00 UTC
const SIX_HOURS: u32 = SMT_EMISSION_MIN_INTERVAL_SECONDS;
const MAX_SUPPLY: i64 = 1_000_000_000_000_000; // STEEM_MAX_SHARE_SUPPLY

fn account(name: &str) -> UnitTarget {
    UnitTarget::Account(name.to_string())
}

/// Shaped like the chain's own `smt_token_emissions` test: weights $rewards 2,
/// $market_maker 2, $vesting 2, george 1 (Σ = 7); 25 emissions 6 h apart; a ramp from
/// 20,000,000 to 40,000,000 abs and numerator 1 → 2 over 2^7 between emission 8
/// (T0 + 2 days) and emission 16 (T0 + 4 days).
fn chain_test_schedule() -> EmissionSchedule {
    EmissionSchedule {
        schedule_time: T0,
        token_unit: vec![
            (UnitTarget::Rewards, 2),
            (UnitTarget::MarketMaker, 2),
            (UnitTarget::Vesting, 2),
            (account("george"), 1),
        ],
        interval_seconds: SIX_HOURS,
        emission_count: 25,
        lep_time: T0 + 2 * 86_400,
        rep_time: T0 + 4 * 86_400,
        lep_abs_amount: 20_000_000,
        rep_abs_amount: 40_000_000,
        lep_rel_amount_numerator: 1,
        rep_rel_amount_numerator: 2,
        rel_amount_denom_bits: 7,
        floor_emissions: false,
    }
}

fn flat(abs: i64, numerator: u32, bits: u8) -> EmissionSchedule {
    EmissionSchedule {
        schedule_time: T0,
        token_unit: vec![(UnitTarget::Rewards, 1)],
        interval_seconds: SIX_HOURS,
        emission_count: 4,
        lep_time: T0,
        rep_time: T0,
        lep_abs_amount: abs,
        rep_abs_amount: abs,
        lep_rel_amount_numerator: numerator,
        rep_rel_amount_numerator: numerator,
        rel_amount_denom_bits: bits,
        floor_emissions: false,
    }
}

fn at(k: u32) -> u32 {
    T0 + k * SIX_HOURS
}

#[test]
fn absolute_only() {
    let schedule = flat(100, 0, 0);
    schedule.validate().unwrap();
    let e = emission_at(&schedule, T0, 5_000, MAX_SUPPLY, Interpolation::ChainCode).unwrap();
    assert_eq!(
        (e.abs_amount, e.rel_amount, e.new_token_supply),
        (100, 0, 100)
    );
    assert_eq!(e.emissions, vec![(UnitTarget::Rewards, 100)]);
    assert_eq!((e.total, e.next_emission_time), (100, Some(at(1))));
}

#[test]
fn relative_only() {
    // ⌊1,000,000,000 · 3 / 2^10⌋ = ⌊2,929,687.5⌋ = 2,929,687.
    let schedule = flat(0, 3, 10);
    let e = emission_at(
        &schedule,
        at(2),
        1_000_000_000,
        MAX_SUPPLY,
        Interpolation::ChainCode,
    )
    .unwrap();
    assert_eq!((e.rel_amount_numerator, e.rel_amount), (3, 2_929_687));
    assert_eq!(e.total, 2_929_687);
    // A shift by ≥ 128 bits gives 0, as fc::uint128 does; then nothing is emitted.
    let e = emission_at(
        &flat(0, 3, 200),
        T0,
        1_000_000_000,
        MAX_SUPPLY,
        Interpolation::ChainCode,
    )
    .unwrap();
    assert_eq!(e.rel_amount, 0);
    assert!(e.is_empty());
    // 10^15 · (2^32 − 1) / 2^0 does not fit int64: the chain's to_int64 asserts.
    assert_eq!(
        emission_at(
            &flat(0, u32::MAX, 0),
            T0,
            MAX_SUPPLY,
            MAX_SUPPLY,
            Interpolation::ChainCode
        ),
        Err(EmissionError::AmountTooLarge {
            what: "rel_amount",
            value: 1_000_000_000_000_000u128 * u128::from(u32::MAX),
        })
    );
}

#[test]
fn max_of_abs_and_rel_or_min_with_floor_emissions() {
    // abs 1,000; rel ⌊10^6 · 1 / 2^8⌋ = 3,906.
    let mut schedule = flat(1_000, 1, 8);
    let e = emission_at(
        &schedule,
        T0,
        1_000_000,
        MAX_SUPPLY,
        Interpolation::ChainCode,
    )
    .unwrap();
    assert_eq!((e.abs_amount, e.rel_amount, e.total), (1_000, 3_906, 3_906));
    schedule.floor_emissions = true;
    let e = emission_at(
        &schedule,
        T0,
        1_000_000,
        MAX_SUPPLY,
        Interpolation::ChainCode,
    )
    .unwrap();
    assert_eq!(e.total, 1_000);
}

#[test]
fn ramp_follows_the_chain_code_by_default() {
    // lep_time = emission 8, rep_time = emission 16, total distance 172,800 s.
    // Strictly between, the chain computes (lep·(t−lep_time) + rep·(rep_time−t)) / 172,800:
    //   k = 9:  (20M · 21,600 + 40M · 151,200) / 172,800 = 37,500,000
    //   k = 10: (20M · 43,200 + 40M · 129,600) / 172,800 = 35,000,000
    //   k = 12: both weights 86,400                      = 30,000,000
    //   k = 15: (20M · 151,200 + 40M · 21,600) / 172,800 = 22,500,000
    // and the whitepaper swaps the weights (k = 9 → 22,500,000, k = 15 → 37,500,000).
    // Numerator at k = 10: chain (1·43,200 + 2·129,600)/172,800 = 1.75 → 1;
    // whitepaper (1·129,600 + 2·43,200)/172,800 = 1.25 → 1.
    let schedule = chain_test_schedule();
    schedule.validate().unwrap();
    for (k, chain, whitepaper) in [
        (0, 20_000_000, 20_000_000),
        (7, 20_000_000, 20_000_000),
        (8, 20_000_000, 20_000_000),
        (9, 37_500_000, 22_500_000),
        (10, 35_000_000, 25_000_000),
        (12, 30_000_000, 30_000_000),
        (15, 22_500_000, 37_500_000),
        (16, 40_000_000, 40_000_000),
        (24, 40_000_000, 40_000_000),
    ] {
        let t = at(k);
        assert_eq!(
            interpolate(&schedule, t, Interpolation::ChainCode)
                .unwrap()
                .0,
            chain,
            "chain k={k}"
        );
        assert_eq!(
            interpolate(&schedule, t, Interpolation::Whitepaper)
                .unwrap()
                .0,
            whitepaper,
            "whitepaper k={k}"
        );
    }
    assert_eq!(
        interpolate(&schedule, at(10), Interpolation::ChainCode),
        Ok((35_000_000, 1))
    );
    assert_eq!(
        interpolate(&schedule, at(10), Interpolation::Whitepaper),
        Ok((25_000_000, 1))
    );
    assert_eq!(
        interpolate(&schedule, at(8), Interpolation::ChainCode),
        Ok((20_000_000, 1))
    );
    assert_eq!(
        interpolate(&schedule, at(16), Interpolation::ChainCode),
        Ok((40_000_000, 2))
    );
    assert_eq!(Interpolation::default(), Interpolation::ChainCode);
}

#[test]
fn destinations_split_with_the_remainder_unminted() {
    // k = 10 with supply 10^9: rel = ⌊10^9 · 1 / 128⌋ = 7,812,500 < abs 35,000,000, so
    // 35,000,000 split 2:2:2:1 → 10,000,000 ×3 and 5,000,000, nothing left.
    let mut schedule = chain_test_schedule();
    let e = emission_at(
        &schedule,
        at(10),
        1_000_000_000,
        22_400_000_000,
        Interpolation::ChainCode,
    )
    .unwrap();
    assert_eq!(e.rel_amount, 7_812_500);
    assert_eq!(e.new_token_supply, 35_000_000);
    assert_eq!(e.token_unit_sum, 7);
    assert_eq!(
        e.emissions,
        vec![
            (UnitTarget::Rewards, 10_000_000),
            (UnitTarget::MarketMaker, 10_000_000),
            (UnitTarget::Vesting, 10_000_000),
            (account("george"), 5_000_000),
        ]
    );
    assert_eq!((e.total, e.unminted_remainder()), (35_000_000, 0));
    // floor_emissions: min → 7,812,500; 2 · 7,812,500 / 7 = 2,232,142.86 → 2,232,142 (×3),
    // 7,812,500 / 7 = 1,116,071.43 → 1,116,071; total 7,812,497, 3 satoshis never minted.
    schedule.floor_emissions = true;
    let e = emission_at(
        &schedule,
        at(10),
        1_000_000_000,
        22_400_000_000,
        Interpolation::ChainCode,
    )
    .unwrap();
    assert_eq!(e.new_token_supply, 7_812_500);
    assert_eq!(e.amount_to(&UnitTarget::Rewards), 2_232_142);
    assert_eq!(e.amount_to(&account("george")), 1_116_071);
    assert_eq!(e.amount_to(&account("nobody")), 0);
    assert_eq!((e.total, e.unminted_remainder()), (7_812_497, 3));
}

#[test]
fn nothing_is_emitted_below_the_sum_of_weights() {
    // Σ weights 7: an emission of 6 emits nothing, 7 emits 2, 2, 2, 1; 13 emits
    // ⌊26/7⌋ = 3 (×3) and ⌊13/7⌋ = 1, 10 in all, 3 never minted.
    let mut schedule = chain_test_schedule();
    schedule.lep_time = T0;
    schedule.rep_time = T0;
    for (amount, expected) in [(6, vec![]), (7, vec![2, 2, 2, 1]), (13, vec![3, 3, 3, 1])] {
        schedule.rep_abs_amount = amount;
        let e = emission_at(&schedule, at(1), 0, MAX_SUPPLY, Interpolation::ChainCode).unwrap();
        let amounts: Vec<i64> = e.emissions.iter().map(|(_, a)| *a).collect();
        assert_eq!(amounts, expected, "amount {amount}");
        assert_eq!(e.is_empty(), amount < 7);
        assert_eq!(e.unminted_remainder(), if amount == 13 { 3 } else { 0 });
    }
}

#[test]
fn capped_at_max_supply() {
    // 1,000 below the cap: 35,000,000 → 1,000; 2·1,000/7 = 285 (×3), 1,000/7 = 142; total 997.
    let schedule = chain_test_schedule();
    let max = 22_400_000_000;
    let e = emission_at(
        &schedule,
        at(10),
        max - 1_000,
        max,
        Interpolation::ChainCode,
    )
    .unwrap();
    assert_eq!(e.new_token_supply, 1_000);
    assert_eq!(e.total, 997);
    // At the cap: nothing. Above it (never on chain): negative, nothing.
    let e = emission_at(&schedule, at(10), max, max, Interpolation::ChainCode).unwrap();
    assert_eq!((e.new_token_supply, e.total), (0, 0));
    let e = emission_at(&schedule, at(10), max + 5, max, Interpolation::ChainCode).unwrap();
    assert_eq!((e.new_token_supply, e.is_empty()), (-5, true));
    // An abs amount whose sum with the supply overflows int64: the chain's safe<> throws.
    let mut huge = flat(i64::MAX, 0, 0);
    huge.rep_abs_amount = i64::MAX;
    assert!(matches!(
        emission_at(&huge, T0, 1, MAX_SUPPLY, Interpolation::ChainCode),
        Err(EmissionError::SupplyOverflow { .. })
    ));
}

#[test]
fn emission_count_ends_the_schedule() {
    let schedule = chain_test_schedule();
    assert_eq!(nth_emission_time(&schedule, 24), Some(at(24)));
    assert_eq!(nth_emission_time(&schedule, 25), None);
    let last = emission_at(&schedule, at(24), 0, MAX_SUPPLY, Interpolation::ChainCode).unwrap();
    assert_eq!(last.next_emission_time, None);
    for time in [at(25), at(3) + 1, T0 - 1] {
        assert_eq!(
            emission_at(&schedule, time, 0, MAX_SUPPLY, Interpolation::ChainCode),
            Err(EmissionError::NotAnEmissionTime { time })
        );
    }
    assert_eq!(
        emission_at(&schedule, T0, -1, MAX_SUPPLY, Interpolation::ChainCode),
        Err(EmissionError::NegativeSupply(-1))
    );
}

#[test]
fn next_emission_time_walks_consecutive_schedules() {
    // As in the chain's test: a second schedule 6 h after the first one's last emission,
    // then an indefinite third.
    let first = chain_test_schedule();
    let mut second = chain_test_schedule();
    second.schedule_time = at(24) + SIX_HOURS;
    second.lep_time = second.schedule_time;
    second.rep_time = second.schedule_time;
    let mut third = second.clone();
    third.schedule_time = second.schedule_time + 24 * SIX_HOURS + SIX_HOURS;
    third.lep_time = third.schedule_time;
    third.rep_time = third.schedule_time;
    third.emission_count = SMT_EMIT_INDEFINITELY;
    let all = [first.clone(), second.clone(), third.clone()];
    validate_sequence(&all).unwrap();
    for (last, next) in [
        (0, Some(T0)), // never emitted
        (T0, Some(at(1))),
        (at(3) + 100, Some(at(4))), // off the grid: aligned down first
        (at(23), Some(at(24))),
        (at(24), Some(second.schedule_time)),
        (at(24) + 1, Some(second.schedule_time)),
        (
            second.schedule_time + 24 * SIX_HOURS,
            Some(third.schedule_time),
        ),
        (third.schedule_time, Some(third.schedule_time + SIX_HOURS)),
        (u32::MAX - 10, None), // the chain's time_point_sec would wrap here
    ] {
        assert_eq!(next_emission_time(&all, last), next, "after {last}");
    }
    assert_eq!(
        next_emission_time(std::slice::from_ref(&first), at(24)),
        None
    );
    assert_eq!(next_emission_time(&[], 0), None);
    assert_eq!(schedule_at(&all, at(5)), Some(&first));
    assert_eq!(schedule_at(&all, at(24) + 1), None);
    assert_eq!(schedule_at(&all, second.schedule_time), Some(&second));
    assert_eq!(schedule_at(&all, u32::MAX), Some(&third));
}

#[test]
fn reference_example_two_percent_a_year_forever() {
    // smt-and-tribes.md §1.5: 10% rewards / 5% market maker / 85% vesting every 6 h forever
    // at 2%/year of supply: numerator ⌊0.02 / 1460 · 2^32⌋ = ⌊58,835.17⌋ = 58,835.
    let schedule = EmissionSchedule {
        schedule_time: T0,
        token_unit: vec![
            (UnitTarget::Rewards, 10),
            (UnitTarget::MarketMaker, 5),
            (UnitTarget::Vesting, 85),
        ],
        interval_seconds: SIX_HOURS,
        emission_count: SMT_EMIT_INDEFINITELY,
        lep_time: T0,
        rep_time: T0,
        lep_abs_amount: 0,
        rep_abs_amount: 0,
        lep_rel_amount_numerator: 58_835,
        rep_rel_amount_numerator: 58_835,
        rel_amount_denom_bits: 32,
        floor_emissions: false,
    };
    schedule.validate().unwrap();
    // 1,000,000.000 tokens (precision 3): rel = ⌊10^9 · 58,835 / 2^32⌋ = ⌊13,698.6⌋ = 13,698;
    // 10% → 1,369, 5% → 684, 85% → 11,643; 13,696 minted, 2 never.
    let e = emission_at(
        &schedule,
        T0,
        1_000_000_000,
        MAX_SUPPLY,
        Interpolation::ChainCode,
    )
    .unwrap();
    assert_eq!(e.rel_amount, 13_698);
    assert_eq!(
        e.emissions.iter().map(|(_, a)| *a).collect::<Vec<_>>(),
        vec![1_369, 684, 11_643]
    );
    assert_eq!((e.total, e.unminted_remainder()), (13_696, 2));
    assert_eq!(e.next_emission_time, Some(at(1)));
    // A year = 1,460 emissions, compounding: 1,020,198,346 (+2.0198%), computed
    // independently with exact integers.
    let mut supply = 1_000_000_000;
    let mut time = T0;
    for _ in 0..1_460 {
        let e = emission_at(
            &schedule,
            time,
            supply,
            MAX_SUPPLY,
            Interpolation::ChainCode,
        )
        .unwrap();
        supply += e.total;
        time = e.next_emission_time.unwrap();
    }
    assert_eq!(supply, 1_020_198_346);
    assert_eq!(time, T0 + 365 * 86_400);
}

fn target() -> impl Strategy<Value = UnitTarget> {
    prop_oneof![
        Just(UnitTarget::Rewards),
        Just(UnitTarget::MarketMaker),
        Just(UnitTarget::Vesting),
        Just(account("alice")),
        Just(UnitTarget::AccountVesting("bob".to_string())),
    ]
}

prop_compose! {
    fn valid_schedule()(
        start in STEEM_GENESIS_TIME + 1..1_900_000_000u32,
        interval in SIX_HOURS..=30 * 86_400,
        count in prop_oneof![1u32..50, Just(SMT_EMIT_INDEFINITELY)],
        ramp in any::<(u16, u16)>(),
        units in prop::collection::btree_map(target(), 1u16..=u16::MAX, 1..5),
        abs in any::<(u32, u64)>(),
        rel in any::<(u32, u32)>(),
        bits in any::<u8>(),
        floor in any::<bool>(),
    ) -> EmissionSchedule {
        let span = if count == SMT_EMIT_INDEFINITELY { 1_000 } else { count - 1 };
        let end = start + interval.min(1_000_000) * span.min(100);
        let lep = start + (end - start) / 65_536 * u32::from(ramp.0.min(ramp.1));
        let rep = start + (end - start) / 65_536 * u32::from(ramp.0.max(ramp.1));
        EmissionSchedule {
            schedule_time: start,
            token_unit: units.into_iter().collect(),
            interval_seconds: interval,
            emission_count: count,
            lep_time: lep,
            rep_time: rep,
            lep_abs_amount: i64::from(abs.0),
            rep_abs_amount: (abs.1 >> 1) as i64,
            lep_rel_amount_numerator: rel.0,
            rep_rel_amount_numerator: rel.1.max(1),
            rel_amount_denom_bits: bits,
            floor_emissions: floor,
        }
    }
}

proptest! {
    #[test]
    fn destinations_add_up_and_nothing_panics(
        schedule in valid_schedule(),
        k in 0u32..200,
        supply in 0i64..=MAX_SUPPLY,
        max in 1i64..=MAX_SUPPLY,
        whitepaper in any::<bool>(),
    ) {
        prop_assert_eq!(schedule.validate(), Ok(()));
        let interpolation = if whitepaper { Interpolation::Whitepaper } else { Interpolation::ChainCode };
        let Some(time) = nth_emission_time(&schedule, k) else { return Ok(()) };
        match emission_at(&schedule, time, supply, max, interpolation) {
            Ok(e) => {
                let sum: i64 = e.emissions.iter().map(|(_, a)| *a).sum();
                prop_assert_eq!(sum, e.total);
                prop_assert!(e.emissions.iter().all(|(_, a)| *a >= 0));
                prop_assert_eq!(e.is_empty(), e.new_token_supply < e.token_unit_sum as i64);
                if !e.is_empty() {
                    prop_assert_eq!(e.emissions.len(), schedule.token_unit.len());
                    prop_assert!(e.total <= e.new_token_supply);
                    prop_assert!(e.unminted_remainder() < schedule.token_unit.len() as i64);
                }
                if supply <= max {
                    prop_assert!(supply + e.total <= max);
                }
                let (lo, hi) = (
                    schedule.lep_abs_amount.min(schedule.rep_abs_amount),
                    schedule.lep_abs_amount.max(schedule.rep_abs_amount),
                );
                prop_assert!(lo <= e.abs_amount && e.abs_amount <= hi);
                if let Some(next) = e.next_emission_time {
                    prop_assert_eq!(next, time + schedule.interval_seconds);
                }
            }
            Err(EmissionError::AmountTooLarge { what: "rel_amount", .. })
            | Err(EmissionError::SupplyOverflow { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }
}
