//! The report of a `rewardsim run` folder: the headline metrics over the replicates (mean
//! and 95% interval), the daily time series (mean and 5–95% band over replicates), Lorenz
//! curves of rewards and stake, the payout-per-post distribution, satisfaction by reward
//! quartile and retention by arrival cohort.

use super::data::{self, rows_where};
use super::markdown::literal;
use super::metrics::{self, Format};
use super::{
    replicates_text, set_args, shell_word, source_line, Chart, Figure, Findings, Manifest, Report,
};
use crate::experiment::compare::stats::{self, CONFIDENCE};
use crate::output::charts::{
    BandChart, BandSeries, BarSeries, ChartText, GroupedBars, HistogramSeries, LogHistogram,
    LorenzChart,
};
use crate::output::OutputError;

/// One line of a time-series chart: a timeseries.csv column, its label and its scale.
struct Line {
    column: &'static str,
    label: &'static str,
    scale: f64,
}

const fn line(column: &'static str, label: &'static str, scale: f64) -> Line {
    Line {
        column,
        label,
        scale,
    }
}

/// One time-series chart of timeseries.csv.
struct SeriesChart {
    name: &'static str,
    heading: &'static str,
    caption: &'static str,
    y_label: &'static str,
    lines: &'static [Line],
    y_from_zero: bool,
    y_range: Option<(f64, f64)>,
}

/// STEEM per milli-STEEM.
pub(super) const MILLI: f64 = 0.001;

/// The time-series charts of a run, in reading order.
const SERIES: [SeriesChart; 6] = [
    SeriesChart {
        name: "rewards",
        heading: "Where the new STEEM went",
        caption: "STEEM paid to authors and curators (posts cashed out that day) and minted for stakers, the DAO and witnesses, per day.",
        y_label: "STEEM per day",
        lines: &[
            line("paid_authors_steem", "authors (paid)", MILLI),
            line("paid_curators_steem", "curators (paid)", MILLI),
            line("minted_stakers_steem", "stakers (minted)", MILLI),
            line("minted_dao_steem", "DAO (minted)", MILLI),
            line("minted_witnesses_steem", "witnesses (minted)", MILLI),
        ],
        y_from_zero: true,
        y_range: None,
    },
    SeriesChart {
        name: "activity",
        heading: "Activity",
        caption: "Posts written and accounts that wrote at least one, per day.",
        y_label: "per day",
        lines: &[
            line("posts", "posts", 1.0),
            line("active_authors", "active authors", 1.0),
        ],
        y_from_zero: true,
        y_range: None,
    },
    SeriesChart {
        name: "votes",
        heading: "Self-votes, bought votes, trails and downvotes",
        caption: "Self-votes, bought votes and trail votes as shares of the day's upvote rshares; downvotes as downvote rshares ÷ upvote rshares.",
        y_label: "share of the day's upvote rshares",
        lines: &[
            line("self_vote_share", "self-votes", 1.0),
            line("paid_vote_share", "bought votes", 1.0),
            line("trail_vote_share", "trail votes", 1.0),
            line("downvote_share", "downvotes", 1.0),
        ],
        y_from_zero: true,
        y_range: None,
    },
    SeriesChart {
        name: "inequality",
        heading: "Inequality",
        caption: "Gini coefficient and top shares of the author rewards of the posts paid each day, and the Gini of stake (present accounts' VESTS).",
        y_label: "Gini coefficient / share",
        lines: &[
            line("gini_author_rewards", "Gini of author rewards", 1.0),
            line("top10_share_author_rewards", "top 10% of posts' share", 1.0),
            line("top1_share_author_rewards", "top 1% of posts' share", 1.0),
            line("gini_stake", "Gini of stake", 1.0),
        ],
        y_from_zero: true,
        y_range: Some((0.0, 1.0)),
    },
    SeriesChart {
        name: "mood",
        heading: "Envy and satisfaction",
        caption: "The jealousy model's envy index (mean disadvantageous-inequity term of the accounts that compared that day) and the mean satisfaction of present accounts — model units, see docs/model.md.",
        y_label: "index (model units)",
        lines: &[
            line("envy_index", "envy index", 1.0),
            line("mean_satisfaction", "mean satisfaction", 1.0),
        ],
        y_from_zero: false,
        y_range: None,
    },
    SeriesChart {
        name: "supply",
        heading: "Supply",
        caption: "STEEM in existence, and the virtual supply (SBD counted at the feed price), at the end of each day.",
        y_label: "STEEM",
        lines: &[
            line("supply_steem", "STEEM supply", MILLI),
            line("virtual_supply_steem", "virtual supply (incl. SBD)", MILLI),
        ],
        y_from_zero: false,
        y_range: None,
    },
];

/// What every run report reads from the manifest.
pub(super) struct RunFacts {
    pub name: String,
    pub description: String,
    pub days: i64,
    pub accounts: i64,
    pub era: String,
    pub charts: bool,
}

impl RunFacts {
    /// The facts of the run manifest `manifest`.
    pub(super) fn read(manifest: &Manifest) -> RunFacts {
        let text = |key: &str| {
            manifest
                .get(key)
                .and_then(toml::Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let integer = |key: &str| manifest.get(key).and_then(toml::Value::as_integer);
        RunFacts {
            name: text("name"),
            description: text("description"),
            days: integer("simulation.days").unwrap_or(0),
            accounts: integer("population.accounts").unwrap_or(0),
            era: text("rules.era"),
            charts: manifest
                .get("output.charts")
                .and_then(toml::Value::as_bool)
                .unwrap_or(true),
        }
    }
}

/// The shading note of a band chart over `replicates`.
pub(super) fn band_note(replicates: usize) -> Option<String> {
    (replicates >= 2).then(|| format!("shaded: 5–95% of {replicates} replicates"))
}

/// The report of the run folder of `manifest`.
pub fn build(manifest: &Manifest) -> Result<Report, OutputError> {
    let facts = RunFacts::read(manifest);
    let summary = manifest.csv("summary.csv")?;
    let all = rows_where(&summary, None)?;
    let replicates = all.len().max(1);
    let source = source_line(
        &facts.name,
        manifest.get("run.seed"),
        &replicates_text(replicates),
    );
    let findings = findings(&summary, &all)?;
    let figures = if facts.charts {
        figures(manifest, &facts, &source, replicates)?
    } else {
        Vec::new()
    };
    let command = reproduce(manifest);
    let mut lead = vec![format!(
        "**{}**: {} days under `{}` rules, {} accounts at the start, {} (seed {}).",
        literal(&facts.name),
        facts.days,
        facts.era,
        Format::Count.show(facts.accounts as f64),
        replicates_text(replicates),
        manifest
            .get("run.seed")
            .map_or_else(String::new, |s| s.to_string().trim_matches('"').to_string())
    )];
    if !facts.description.is_empty() {
        lead.push(literal(&facts.description));
    }
    lead.push(
        "Every number is simulated by rewardsim's agent model on the chain's exact reward rules; \
         behaviour defaults rest on published evidence or are marked as assumptions in \
         docs/scenarios.md and docs/model.md."
            .to_string(),
    );
    Ok(Report {
        title: format!(
            "{}: what {} days of these rules do",
            literal(&facts.name),
            facts.days
        ),
        lead,
        findings,
        figures,
        footer: format!(
            "rewardsim {} · reproduce with `{command}`",
            env!("CARGO_PKG_VERSION")
        ),
    })
}

/// The command that rebuilds the folder of a run manifest.
fn reproduce(manifest: &Manifest) -> String {
    let source = manifest
        .get("run.sources")
        .and_then(toml::Value::as_array)
        .and_then(|s| s.first())
        .and_then(toml::Value::as_str)
        .unwrap_or("SCENARIO.toml");
    format!("rewardsim run {}{}", shell_word(source), set_args(manifest))
}

/// The headline metrics over the replicates of a run's summary.csv.
fn findings(summary: &super::table::CsvTable, rows: &[usize]) -> Result<Findings, OutputError> {
    let several = rows.len() >= 2;
    let header = if several {
        vec![
            "metric".to_string(),
            "mean".to_string(),
            "95% interval of the mean".to_string(),
            "lowest – highest replicate".to_string(),
        ]
    } else {
        vec!["metric".to_string(), "value".to_string()]
    };
    let mut table = Vec::new();
    for metric in &metrics::HEADLINE {
        if !summary.has(metric.column) {
            continue;
        }
        let values = data::samples(summary, rows, metric.column)?;
        let Some(mean) = stats::mean(&values) else {
            continue;
        };
        let mut row = vec![metric.label.to_string(), metric.format.show(mean)];
        if several {
            row.push(
                stats::mean_interval(&values, CONFIDENCE).map_or_else(String::new, |i| {
                    format!(
                        "{} – {}",
                        metric.format.show(metric.range.clip(i.low)),
                        metric.format.show(metric.range.clip(i.high))
                    )
                }),
            );
            let low = values.iter().copied().fold(f64::INFINITY, f64::min);
            let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            row.push(format!(
                "{} – {}",
                metric.format.show(low),
                metric.format.show(high)
            ));
        }
        table.push(row);
    }
    let mut notes = vec![
        "Means over the whole run. Shares of rshares are of the accepted upvotes' rshares \
         (downvotes: their rshares ÷ the upvotes'); the Gini and top shares of author \
         rewards are over the posts paid; retention counts the accounts present at the \
         start that are still present at the end."
            .to_string(),
    ];
    if several {
        notes.push(
            "The 95% interval is the Student t interval of the mean over replicates (each \
             replicate a new random world under the same rules), clipped to the values the \
             metric can take."
                .to_string(),
        );
    } else {
        notes.push(
            "One replicate: set `simulation.replicates` (or `--set simulation.replicates=5`) \
             for intervals."
                .to_string(),
        );
    }
    Ok(Findings {
        header,
        rows: table,
        notes,
    })
}

/// The time-series chart `spec` of the timeseries.csv `rows`: one series per line.
fn series_chart(
    timeseries: &super::table::CsvTable,
    spec: &SeriesChart,
    rows: &[usize],
    source: &str,
    replicates: usize,
) -> Result<BandChart, OutputError> {
    let mut series = Vec::new();
    for line in spec.lines {
        if timeseries.has(line.column) {
            series.push(BandSeries {
                label: line.label.to_string(),
                points: data::band(timeseries, rows, "day", line.column, line.scale)?,
            });
        }
    }
    Ok(BandChart {
        text: ChartText {
            title: spec.heading.to_string(),
            x_label: "day".to_string(),
            y_label: spec.y_label.to_string(),
            source: source.to_string(),
        },
        series,
        y_from_zero: spec.y_from_zero,
        y_range: spec.y_range,
        band_note: band_note(replicates),
    })
}

fn figures(
    manifest: &Manifest,
    facts: &RunFacts,
    source: &str,
    replicates: usize,
) -> Result<Vec<Figure>, OutputError> {
    let mut figures = Vec::new();
    let timeseries = manifest.csv("timeseries.csv")?;
    let everything = rows_where(&timeseries, None)?;
    let band_words = if replicates >= 2 {
        format!(" Lines are the mean of {replicates} replicates, the shading spans 5–95% of them.")
    } else {
        String::new()
    };
    for spec in &SERIES {
        let chart = series_chart(&timeseries, spec, &everything, source, replicates)?;
        figures.push(Figure {
            name: spec.name.to_string(),
            heading: spec.heading.to_string(),
            caption: format!("{}{}{band_words}", spec.caption, overlap_note(&chart)),
            chart: Chart::Band(chart),
        });
    }
    if let Some(accounts) = manifest.csv_with_rows("accounts.csv")? {
        if let Some(figure) = lorenz_figure(&accounts, &[None], source)? {
            figures.push(figure);
        }
    }
    if let Some(payouts) = manifest.csv_with_rows("payouts.csv")? {
        let rows = rows_where(&payouts, None)?;
        figures.push(payout_figure(
            &payouts,
            &[(facts.name.clone(), rows)],
            source,
        )?);
    }
    let summary = manifest.csv("summary.csv")?;
    let rows = rows_where(&summary, None)?;
    figures.push(satisfaction_figure(
        &summary,
        &[(facts.name.clone(), rows)],
        source,
    )?);
    if let Some(cohorts) = manifest.csv_with_rows("cohorts.csv")? {
        figures.push(retention_figure(&cohorts, source, replicates)?);
    }
    if let Some(pools) = manifest.csv_with_rows("pools.csv")? {
        figures.extend(super::pools::figures(&pools, source, replicates)?);
    }
    Ok(figures)
}

/// A sentence naming the lines of `chart` that lie on top of another one (each mean within
/// 1% of the other's every day), which a reader would otherwise miss; empty if none.
fn overlap_note(chart: &BandChart) -> String {
    let zero = |series: &BandSeries| series.points.iter().all(|p| p.mean == 0.0);
    let zeros: Vec<&str> = chart
        .series
        .iter()
        .filter(|s| zero(s))
        .map(|s| s.label.as_str())
        .collect();
    let mut hidden = Vec::new();
    for (i, later) in chart.series.iter().enumerate() {
        for earlier in chart.series[..i].iter().filter(|s| !zero(s)) {
            let same =
                !later.points.is_empty()
                    && later.points.len() == earlier.points.len()
                    && later.points.iter().zip(&earlier.points).all(|(a, b)| {
                        (a.mean - b.mean).abs() <= 0.01 * a.mean.abs().max(b.mean.abs())
                    });
            if same {
                hidden.push(format!("{} and {}", earlier.label, later.label));
            }
        }
    }
    let mut note = String::new();
    if !hidden.is_empty() {
        note.push_str(&format!(
            " The lines of {} lie on top of each other (within 1% every day).",
            hidden.join("; ")
        ));
    }
    if !zeros.is_empty() {
        note.push_str(&format!(" Zero every day: {}.", zeros.join(", ")));
    }
    note
}

/// Lorenz curves of rewards (author + curation, every account present at some time in the
/// measured days) and of stake (VESTS of the accounts present at the end) of replicate 0:
/// for each variant named in `variants` (rows of that `variant` column), or for the whole
/// table (`None`).
pub(super) fn lorenz_figure(
    accounts: &super::table::CsvTable,
    variants: &[Option<String>],
    source: &str,
) -> Result<Option<Figure>, OutputError> {
    let replicate = accounts.column("replicate")?;
    let left = accounts.column("left_day")?;
    let variant = match variants.iter().any(Option::is_some) {
        true => Some(accounts.column("variant")?),
        false => None,
    };
    let mut curves = Vec::new();
    for name in variants {
        // Accounts present at some time in the measured days: not left in the warm-up.
        let rows: Vec<usize> = (0..accounts.rows.len())
            .filter(|&r| accounts.text(r, replicate) == "0")
            .filter(|&r| !accounts.text(r, left).starts_with('-'))
            .filter(|&r| match (variant, name) {
                (Some(column), Some(name)) => accounts.text(r, column) == name,
                _ => true,
            })
            .collect();
        let present: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&r| accounts.text(r, left).is_empty())
            .collect();
        let prefix = name.as_ref().map_or_else(String::new, |n| format!("{n}: "));
        if let Some(curve) = data::lorenz(
            accounts,
            &rows,
            &["author_rewards_steem", "curation_rewards_steem"],
            &format!("{prefix}rewards"),
        )? {
            curves.push(curve);
        }
        if let Some(curve) = data::lorenz(
            accounts,
            &present,
            &["vesting_shares_vests"],
            &format!("{prefix}stake"),
        )? {
            curves.push(curve);
        }
    }
    if curves.is_empty() {
        return Ok(None);
    }
    Ok(Some(Figure {
        name: "lorenz".to_string(),
        heading: "Who holds the rewards and the stake".to_string(),
        caption: "Lorenz curves of replicate 0: accounts from the poorest up against their share of the total — rewards earned over the measured days (author + curation, every account present at some time in them) and stake at the end (VESTS of the accounts still present). The further below the diagonal, the more concentrated; the Gini is in the legend.".to_string(),
        chart: Chart::Lorenz(LorenzChart {
            text: ChartText {
                title: "Lorenz curves of rewards and stake".to_string(),
                x_label: "share of accounts (poorest first)".to_string(),
                y_label: "share of the total".to_string(),
                source: format!("{source} · replicate 0"),
            },
            curves,
        }),
    }))
}

/// The payout-per-post distribution of each `(label, rows of payouts.csv)`.
pub(super) fn payout_figure(
    payouts: &super::table::CsvTable,
    groups: &[(String, Vec<usize>)],
    source: &str,
) -> Result<Figure, OutputError> {
    let mut series = Vec::new();
    let mut zeros = Vec::new();
    for (label, rows) in groups {
        let (bins, zero) = data::payout_shares(payouts, rows)?;
        zeros.push(format!("{label} {}", Format::Percent.show(zero)));
        series.push(HistogramSeries {
            label: label.clone(),
            bins,
        });
    }
    Ok(Figure {
        name: "payouts".to_string(),
        heading: "What a post earns".to_string(),
        caption: format!(
            "Posts cashed out during the run by total payout (author + curators + beneficiaries, STEEM at cashout), in 1-2-5 bins on a log axis, all replicates pooled; a bar's height is its share of the posts per decade of payout, so its area is its share. Posts paid nothing are not on the log axis: {}.",
            zeros.join(", ")
        ),
        chart: Chart::Histogram(LogHistogram {
            text: ChartText {
                title: "Payout per post".to_string(),
                x_label: "payout per post (STEEM, log scale)".to_string(),
                y_label: "share of posts per decade of payout".to_string(),
                source: source.to_string(),
            },
            series,
        }),
    })
}

/// Mean satisfaction by reward quartile of each `(label, rows of a summary)`, with 95%
/// intervals over replicates.
pub(super) fn satisfaction_figure(
    summary: &super::table::CsvTable,
    groups: &[(String, Vec<usize>)],
    source: &str,
) -> Result<Figure, OutputError> {
    let mut series = Vec::new();
    let mut several = false;
    for (label, rows) in groups {
        let mut values = Vec::new();
        for quartile in 1..=4 {
            let samples = data::samples(summary, rows, &format!("mean_satisfaction_q{quartile}"))?;
            several |= samples.len() >= 2;
            values.push(data::bar(&samples));
        }
        series.push(BarSeries {
            label: label.clone(),
            values,
        });
    }
    let zeros: Vec<&str> = series
        .iter()
        .filter(|s| s.values.iter().all(|v| v.is_some_and(|v| v.value == 0.0)))
        .map(|s| s.label.as_str())
        .collect();
    let zero_note = if zeros.is_empty() {
        String::new()
    } else {
        format!(
            " {}: 0 in every quartile (nobody sees others' earnings to compare).",
            zeros.join(", ")
        )
    };
    Ok(Figure {
        name: "satisfaction".to_string(),
        heading: "Satisfaction by reward quartile".to_string(),
        caption: format!("Mean satisfaction (model units) of the accounts in each quarter of the day's rewards, from the lowest-earning quarter (Q1) to the highest (Q4), averaged over the run. Satisfaction is the remembered signal tanh(inspiration − (envy + guilt) ÷ scale) of docs/model.md §5: below 0, the inequity an account sees outweighs the inspiration.{zero_note}"),
        chart: Chart::Bars(GroupedBars {
            text: ChartText {
                title: "Satisfaction by reward quartile".to_string(),
                x_label: "reward quartile".to_string(),
                y_label: "mean satisfaction (model units)".to_string(),
                source: source.to_string(),
            },
            groups: ["Q1 (lowest rewards)", "Q2", "Q3", "Q4 (highest)"]
                .map(str::to_owned)
                .to_vec(),
            series,
            y_range: None,
            whisker_note: several.then(|| "whiskers: 95% interval over replicates".to_string()),
        }),
    })
}

/// Retention by arrival cohort: the share of each cohort still present by age (the
/// initial accounts and up to six arrival cohorts spread over the run).
fn retention_figure(
    cohorts: &super::table::CsvTable,
    source: &str,
    replicates: usize,
) -> Result<Figure, OutputError> {
    let all = rows_where(cohorts, None)?;
    let names = data::distinct(cohorts, &all, "cohort")?;
    let chosen: Vec<&String> = if names.len() <= 7 {
        names.iter().collect()
    } else {
        let step = (names.len() - 1) as f64 / 6.0;
        let mut picked: Vec<&String> = (0..7)
            .map(|i| &names[((i as f64 * step).round() as usize).min(names.len() - 1)])
            .collect();
        picked.dedup();
        picked
    };
    let mut series = Vec::new();
    for name in chosen {
        let rows = rows_where(cohorts, Some(("cohort", name)))?;
        series.push(BandSeries {
            label: name.replace("arrived ", "arrived days "),
            points: data::band(cohorts, &rows, "age_days", "present_share", 1.0)?,
        });
    }
    Ok(Figure {
        name: "retention".to_string(),
        heading: "Who stays".to_string(),
        caption: "Share of each arrival cohort still present, by age in days: the accounts present at the start (`initial`) and cohorts that arrived during the run (days relative to the start of measurement).".to_string(),
        chart: Chart::Band(BandChart {
            text: ChartText {
                title: "Retention by cohort".to_string(),
                x_label: "age (days)".to_string(),
                y_label: "share still present".to_string(),
                source: source.to_string(),
            },
            series,
            y_from_zero: true,
            y_range: Some((0.0, 1.0)),
            band_note: band_note(replicates),
        }),
    })
}
