//! Benchmarks of the mechanics layer's hot functions.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rewardsim::mechanics::curve::{approx_sqrt, RewardCurve};

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

criterion_group!(benches, curves);
criterion_main!(benches);
