//! The report of a `rewardsim compare` folder: each headline metric per variant and each
//! variant's paired difference from the baseline with its 95% interval (from the folder's
//! summary.csv), then the variants overlaid: daily time series (mean and 5–95% band over
//! replicates), Lorenz curves, payout per post, satisfaction by reward quartile and the
//! retention of the initial accounts.

use super::data::{self, rows_where};
use super::markdown::literal;
use super::metrics;
use super::run::{band_note, lorenz_figure, payout_figure, satisfaction_figure, MILLI};
use super::table::CsvTable;
use super::{
    replicates_text, set_args, shell_word, source_line, Chart, Figure, Findings, Manifest, Report,
};
use crate::output::charts::{BandChart, BandSeries, ChartText};
use crate::output::OutputError;

/// A metric overlaid across variants: file stem, title, y axis, timeseries.csv column,
/// scale, y range.
struct Overlay {
    name: &'static str,
    heading: &'static str,
    y_label: &'static str,
    column: &'static str,
    scale: f64,
    y_range: Option<(f64, f64)>,
}

const OVERLAYS: [Overlay; 6] = [
    Overlay {
        name: "posts",
        heading: "Posts per day",
        y_label: "posts per day",
        column: "posts",
        scale: 1.0,
        y_range: None,
    },
    Overlay {
        name: "author-rewards",
        heading: "Author rewards paid per day",
        y_label: "STEEM per day",
        column: "paid_authors_steem",
        scale: MILLI,
        y_range: None,
    },
    Overlay {
        name: "inequality",
        heading: "Gini of author rewards (posts paid each day)",
        y_label: "Gini coefficient",
        column: "gini_author_rewards",
        scale: 1.0,
        y_range: Some((0.0, 1.0)),
    },
    Overlay {
        name: "envy",
        heading: "Envy index",
        y_label: "envy index (model units)",
        column: "envy_index",
        scale: 1.0,
        y_range: None,
    },
    Overlay {
        name: "mood",
        heading: "Mean satisfaction",
        y_label: "mean satisfaction (model units)",
        column: "mean_satisfaction",
        scale: 1.0,
        y_range: None,
    },
    Overlay {
        name: "accounts",
        heading: "Accounts present",
        y_label: "accounts",
        column: "accounts_present",
        scale: 1.0,
        y_range: None,
    },
];

/// The variants of a compare manifest in command-line order (the first is the baseline).
fn variants(manifest: &Manifest) -> Vec<String> {
    manifest
        .get("compare.variants")
        .and_then(toml::Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(toml::Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The report of the compare folder of `manifest`.
pub fn build(manifest: &Manifest) -> Result<Report, OutputError> {
    let names = variants(manifest);
    if names.is_empty() {
        return Err(OutputError::Report {
            path: manifest.folder.join("manifest.toml"),
            message: "lists no variants in [compare]".into(),
        });
    }
    let replicates = manifest
        .get("compare.replicates")
        .and_then(toml::Value::as_integer)
        .unwrap_or(1)
        .max(1) as usize;
    let seed = manifest.get("compare.seed");
    let source = source_line(&names.join(" vs "), seed, &replicates_text(replicates));
    let summary = manifest.csv("summary.csv")?;
    let findings = findings(&summary, &names)?;
    let figures = figures(manifest, &names, &source, replicates)?;
    let failed = manifest
        .get("compare.failed_runs")
        .and_then(toml::Value::as_array)
        .map_or(0, Vec::len);
    let mut lead = vec![format!(
        "**{}** against the baseline **{}**: every variant ran on the same random worlds (common random numbers, seed {}), {} each, so each difference is paired replicate by replicate.",
        names[1..].iter().map(|n| literal(n)).collect::<Vec<_>>().join("**, **"),
        literal(&names[0]),
        seed.map_or_else(String::new, |s| s.to_string().trim_matches('"').to_string()),
        replicates_text(replicates)
    )];
    if failed > 0 {
        lead.push(format!(
            "{failed} run(s) failed and are left out; manifest.toml says why."
        ));
    }
    lead.push(
        "Every number is simulated by rewardsim's agent model on the chain's exact reward rules; \
         behaviour defaults rest on published evidence or are marked as assumptions in \
         docs/scenarios.md and docs/model.md."
            .to_string(),
    );
    let files: Vec<String> = manifest
        .get("variant")
        .and_then(toml::Value::as_array)
        .map(|variants| {
            variants
                .iter()
                .filter_map(|v| v.get("file").and_then(toml::Value::as_str))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(Report {
        title: format!(
            "{} compared with {}",
            names[1..]
                .iter()
                .map(|n| literal(n))
                .collect::<Vec<_>>()
                .join(", "),
            literal(&names[0])
        ),
        lead,
        findings,
        figures,
        footer: format!(
            "rewardsim {} · reproduce with `rewardsim compare {}{} --replicates {replicates}{}`",
            env!("CARGO_PKG_VERSION"),
            files
                .iter()
                .map(|f| shell_word(f))
                .collect::<Vec<_>>()
                .join(" "),
            set_args(manifest),
            seed.map_or_else(String::new, |s| format!(
                " --seed {}",
                s.to_string().trim_matches('"')
            ))
        ),
    })
}

/// The headline metrics of compare's summary.csv: each variant's mean, and each other
/// variant's difference from the baseline with its 95% interval (bold when the interval
/// excludes 0).
fn findings(summary: &CsvTable, names: &[String]) -> Result<Findings, OutputError> {
    let metric = summary.column("metric")?;
    let variant = summary.column("variant")?;
    let mean = summary.column("mean")?;
    let difference = summary.column("difference")?;
    let low = summary.column("difference_ci_low")?;
    let high = summary.column("difference_ci_high")?;
    let mut header = vec![
        "metric".to_string(),
        format!("{} (baseline)", literal(&names[0])),
    ];
    for name in &names[1..] {
        header.push(literal(name));
        header.push(format!(
            "{} − {} (95% interval)",
            literal(name),
            literal(&names[0])
        ));
    }
    let mut rows = Vec::new();
    for headline in &metrics::HEADLINE {
        let find = |name: &str| {
            (0..summary.rows.len()).find(|&r| {
                summary.text(r, metric) == headline.column && summary.text(r, variant) == name
            })
        };
        let Some(base) = find(&names[0]) else {
            continue;
        };
        let show = |row: usize, column: usize| -> Result<String, OutputError> {
            Ok(summary
                .number(row, column)?
                .map_or_else(|| "–".to_string(), |v| headline.format.show(v)))
        };
        let mut cells = vec![headline.label.to_string(), show(base, mean)?];
        for name in &names[1..] {
            let Some(row) = find(name) else {
                cells.push("–".into());
                cells.push("–".into());
                continue;
            };
            cells.push(show(row, mean)?);
            let cell = match (
                summary.number(row, difference)?,
                summary.number(row, low)?,
                summary.number(row, high)?,
            ) {
                (Some(d), Some(l), Some(h)) => {
                    let text = format!(
                        "{} ({} to {})",
                        headline.format.show_difference(d),
                        headline.format.show_difference(l),
                        headline.format.show_difference(h)
                    );
                    if l > 0.0 || h < 0.0 {
                        format!("**{text}**")
                    } else {
                        text
                    }
                }
                (Some(d), _, _) => headline.format.show_difference(d),
                _ => "–".to_string(),
            };
            cells.push(cell);
        }
        rows.push(cells);
    }
    Ok(Findings {
        header,
        rows,
        notes: vec![
            "Means over replicates. A difference is the mean of (variant − baseline) over paired replicates with its 95% Student t interval; **bold** where the interval excludes zero. Percentages' differences are in percentage points (pt).".to_string(),
            "Every metric of the run summary, with standard deviations, is in summary.csv.".to_string(),
        ],
    })
}

fn figures(
    manifest: &Manifest,
    names: &[String],
    source: &str,
    replicates: usize,
) -> Result<Vec<Figure>, OutputError> {
    let mut figures = Vec::new();
    let band_words = if replicates >= 2 {
        format!(" Lines are means over {replicates} replicates, shading spans 5–95% of them.")
    } else {
        String::new()
    };
    if let Some(timeseries) = manifest.csv_with_rows("timeseries.csv")? {
        let groups = names
            .iter()
            .map(|n| Ok((n.clone(), rows_where(&timeseries, Some(("variant", n)))?)))
            .collect::<Result<Vec<_>, OutputError>>()?;
        for overlay in &OVERLAYS {
            if !timeseries.has(overlay.column) {
                continue;
            }
            let mut series = Vec::new();
            for (label, rows) in &groups {
                series.push(BandSeries {
                    label: label.clone(),
                    points: data::band(&timeseries, rows, "day", overlay.column, overlay.scale)?,
                });
            }
            figures.push(Figure {
                name: overlay.name.to_string(),
                heading: overlay.heading.to_string(),
                caption: format!("{}, one line per variant.{band_words}", overlay.heading),
                chart: Chart::Band(BandChart {
                    text: ChartText {
                        title: overlay.heading.to_string(),
                        x_label: "day".to_string(),
                        y_label: overlay.y_label.to_string(),
                        source: source.to_string(),
                    },
                    series,
                    y_from_zero: true,
                    y_range: overlay.y_range,
                    band_note: band_note(replicates),
                }),
            });
        }
    }
    if let Some(accounts) = manifest.csv_with_rows("accounts.csv")? {
        let variants: Vec<Option<String>> = names.iter().cloned().map(Some).collect();
        if let Some(figure) = lorenz_figure(&accounts, &variants, source)? {
            figures.push(figure);
        }
    }
    if let Some(payouts) = manifest.csv_with_rows("payouts.csv")? {
        let groups = names
            .iter()
            .map(|n| Ok((n.clone(), rows_where(&payouts, Some(("variant", n)))?)))
            .collect::<Result<Vec<_>, OutputError>>()?;
        figures.push(payout_figure(&payouts, &groups, source)?);
    }
    let runs = manifest.csv("runs.csv")?;
    let status = runs.column("status")?;
    let groups = names
        .iter()
        .map(|n| {
            Ok((
                n.clone(),
                rows_where(&runs, Some(("variant", n)))?
                    .into_iter()
                    .filter(|&r| runs.text(r, status) == "ok")
                    .collect(),
            ))
        })
        .collect::<Result<Vec<_>, OutputError>>()?;
    figures.push(satisfaction_figure(&runs, &groups, source)?);
    if let Some(cohorts) = manifest.csv_with_rows("cohorts.csv")? {
        let cohort = cohorts.column("cohort")?;
        let mut series = Vec::new();
        for name in names {
            let rows: Vec<usize> = rows_where(&cohorts, Some(("variant", name)))?
                .into_iter()
                .filter(|&r| cohorts.text(r, cohort) == "initial")
                .collect();
            series.push(BandSeries {
                label: name.clone(),
                points: data::band(&cohorts, &rows, "age_days", "present_share", 1.0)?,
            });
        }
        figures.push(Figure {
            name: "retention".to_string(),
            heading: "Who stays".to_string(),
            caption: format!(
                "Share of the accounts present at the start still present, by age in days, one line per variant.{band_words}"
            ),
            chart: Chart::Band(BandChart {
                text: ChartText {
                    title: "Retention of the initial accounts".to_string(),
                    x_label: "age (days)".to_string(),
                    y_label: "share still present".to_string(),
                    source: source.to_string(),
                },
                series,
                y_from_zero: true,
                y_range: Some((0.0, 1.0)),
                band_note: band_note(replicates),
            }),
        });
    }
    if let Some(pools) = manifest.csv_with_rows("pools.csv")? {
        figures.extend(super::pools::figures(&pools, source, replicates)?);
    }
    Ok(figures)
}
