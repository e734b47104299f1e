//! The community pools' figures of a run's or a comparison's report, from `pools.csv`:
//! what each pool paid in base tokens, each reward pool against its steady state e·D/Δ,
//! and each token's price. One line per pool — per variant and pool in a comparison —
//! (mean over replicates, 5–95% band).

use super::data::{self, rows_where};
use super::run::band_note;
use super::table::CsvTable;
use super::{Chart, Figure};
use crate::output::charts::{BandChart, BandSeries, ChartText};
use crate::output::OutputError;

/// One pools chart: file name, heading, y axis, column, scale, caption.
struct PoolChart {
    name: &'static str,
    heading: &'static str,
    y_label: &'static str,
    column: &'static str,
    scale: f64,
    caption: &'static str,
}

const CHARTS: [PoolChart; 3] = [
    PoolChart {
        name: "pools",
        heading: "Community rewards paid per day, in STEEM",
        y_label: "STEEM per day (at the day's price)",
        column: "paid_value_steem",
        scale: 0.001,
        caption: "What each community pool paid its authors and curators each day, valued \
                  in the base token at the pool's price that day (pools.csv).",
    },
    PoolChart {
        name: "pool-balance",
        heading: "Reward pools against their steady state",
        y_label: "reward pool ÷ e·D/Δ",
        column: "reward_pool_fill",
        scale: 1.0,
        caption: "Each pool's balance divided by e·D/Δ, the balance a pool minting e per \
                  interval Δ settles at when claims decay over D = 2·cashout + 1 days \
                  (smt-and-tribes.md §3.4): 1 is the steady state.",
    },
    PoolChart {
        name: "pool-prices",
        heading: "Community token prices",
        y_label: "STEEM per token",
        column: "price",
        scale: 1.0,
        caption: "Each token's price in the base token: a given path, or a constant-product \
                  market moved by what holders sell and by outside demand (an assumption; \
                  docs/model.md).",
    },
];

/// The pools' figures of a run whose `pools.csv` is `pools`.
pub fn figures(
    pools: &CsvTable,
    source: &str,
    replicates: usize,
) -> Result<Vec<Figure>, OutputError> {
    let all = rows_where(pools, None)?;
    let names = data::distinct(pools, &all, "pool")?;
    // A comparison's table has a variant column: a line per variant and pool.
    let variants = if pools.has("variant") {
        data::distinct(pools, &all, "variant")?
    } else {
        vec![String::new()]
    };
    let variant = pools
        .has("variant")
        .then(|| pools.column("variant"))
        .transpose()?;
    let mut figures = Vec::new();
    for spec in &CHARTS {
        let mut series = Vec::new();
        for v in &variants {
            for name in &names {
                let rows: Vec<usize> = rows_where(pools, Some(("pool", name)))?
                    .into_iter()
                    .filter(|&r| variant.is_none_or(|c| pools.text(r, c) == v))
                    .collect();
                let label = if v.is_empty() {
                    name.clone()
                } else {
                    format!("{v} · {name}")
                };
                series.push(BandSeries {
                    label,
                    points: data::band(pools, &rows, "day", spec.column, spec.scale)?,
                });
            }
        }
        let chart = BandChart {
            text: ChartText {
                title: spec.heading.to_string(),
                x_label: "day".to_string(),
                y_label: spec.y_label.to_string(),
                source: source.to_string(),
            },
            series,
            y_from_zero: true,
            y_range: None,
            band_note: band_note(replicates),
        };
        figures.push(Figure {
            name: spec.name.to_string(),
            heading: spec.heading.to_string(),
            caption: spec.caption.to_string(),
            chart: Chart::Band(chart),
        });
    }
    Ok(figures)
}
