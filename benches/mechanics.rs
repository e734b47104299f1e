//! Benchmarks of the mechanics the simulation engine will call in its hot loop: reward
//! curves, vote casting into curation weights, and one block's cashout.
//!
//! Run with `cargo bench`; `cargo bench -- cashout` for one group.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rewardsim::mechanics::curation::{cast_votes, CastVote};
use rewardsim::mechanics::curve::{approx_sqrt, RewardCurve};
use rewardsim::mechanics::era::{Era, Rules};
use rewardsim::mechanics::payout::{process_comment_cashout, Market, PostAtCashout};
use rewardsim::mechanics::reward_fund::RewardFund;

fn curves(c: &mut Criterion) {
    let s = 2_000_000_000_000u128;
    c.bench_function("approx_sqrt", |b| {
        b.iter(|| approx_sqrt(black_box(4_000_000_856_158)))
    });
    for curve in RewardCurve::ALL {
        c.bench_function(&format!("claims/{curve}"), |b| {
            b.iter(|| curve.claims(black_box(123_456_789_012_345), black_box(s)))
        });
    }
}

/// 20 votes of growing size cast 30 s apart.
fn votes() -> Vec<CastVote> {
    (0..20)
        .map(|i| CastVote {
            rshares: 1_000_000_000 * (i + 1),
            seconds_since_created: 30 * i as u32,
        })
        .collect()
}

fn casting(c: &mut Criterion) {
    let votes = votes();
    for era in [Era::SteemHf21, Era::HiveHf25] {
        let rules = Rules::for_era(era);
        c.bench_function(&format!("cast_20_votes/{era}"), |b| {
            b.iter(|| cast_votes(&rules, black_box(&votes), true))
        });
    }
}

fn cashout(c: &mut Criterion) {
    let rules = Rules::for_era(Era::SteemHf21);
    let votes = votes();
    let tally = cast_votes(&rules, &votes, true).unwrap();
    let voters = (0..votes.len()).map(|i| format!("voter{i}"));
    let post = PostAtCashout::from_tally(&tally, voters, &votes);
    let posts = vec![post; 100];
    let fund = RewardFund {
        reward_balance: 850_000_000,
        recent_claims: 503_600_561_838_938_636,
    };
    c.bench_function("cashout/100_posts_20_votes", |b| {
        b.iter(|| process_comment_cashout(&fund, 3, black_box(&posts), &Market::default(), &rules))
    });
}

criterion_group!(benches, curves, casting, cashout);
criterion_main!(benches);
