//! The report of a `rewardsim sweep` folder: a table of the sweep's headline metrics per
//! variant (mean ± half the 95% interval over replicates), heat maps of each against the
//! first two swept dimensions (keys swept together by `[sweep.zip]` form one dimension;
//! other dimensions and replicates are averaged), or bars per variant when the sweep has
//! one dimension, and posts per day of every variant overlaid.

use super::data::{self, rows_where};
use super::markdown::literal;
use super::metrics::{self, Format};
use super::run::{band_note, MILLI};
use super::{
    replicates_text, set_args, shell_word, source_line, Chart, Figure, Findings, Manifest, Report,
};
use crate::experiment::compare::stats::{self, CONFIDENCE};
use crate::output::charts::{BandChart, BandSeries, BarSeries, ChartText, GroupedBars, HeatMap};
use crate::output::OutputError;

/// The first column of plan.csv and summary.csv after the tag columns run_id, variant,
/// replicate and seed: the swept keys.
const FIRST_KEY_COLUMN: usize = 4;

/// One dimension of a sweep: the keys that vary together and their values per variant.
#[derive(Debug, Clone, PartialEq)]
struct Dimension {
    /// The keys, joined with " / ".
    label: String,
    /// The distinct values (the keys' values joined with " / "), in first-seen order.
    values: Vec<String>,
    /// The value index of each variant.
    of_variant: Vec<usize>,
}

/// Groups the swept `keys` (columns of `variant_values`, one row per variant) into
/// dimensions: keys whose values determine each other (zipped) share one.
fn dimensions(keys: &[String], variant_values: &[Vec<String>]) -> Vec<Dimension> {
    let column = |k: usize| -> Vec<&str> { variant_values.iter().map(|v| v[k].as_str()).collect() };
    let determines = |a: &[&str], b: &[&str]| {
        (0..a.len()).all(|i| (0..a.len()).all(|j| a[i] != a[j] || b[i] == b[j]))
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for k in 0..keys.len() {
        let this = column(k);
        match groups.iter_mut().find(|g| {
            let other = column(g[0]);
            determines(&this, &other) && determines(&other, &this)
        }) {
            Some(group) => group.push(k),
            None => groups.push(vec![k]),
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let label = group
                .iter()
                .map(|&k| keys[k].as_str())
                .collect::<Vec<_>>()
                .join(" / ");
            let mut values: Vec<String> = Vec::new();
            let mut of_variant = Vec::new();
            for row in variant_values {
                let value = group
                    .iter()
                    .map(|&k| row[k].as_str())
                    .collect::<Vec<_>>()
                    .join(" / ");
                let index = values.iter().position(|v| *v == value).unwrap_or_else(|| {
                    values.push(value);
                    values.len() - 1
                });
                of_variant.push(index);
            }
            Dimension {
                label,
                values,
                of_variant,
            }
        })
        .collect()
}

/// The report of the sweep folder of `manifest`.
pub fn build(manifest: &Manifest) -> Result<Report, OutputError> {
    let plan = manifest.csv("plan.csv")?;
    let summary = manifest.csv("summary.csv")?;
    if plan.header.len() < FIRST_KEY_COLUMN {
        return Err(OutputError::Report {
            path: plan.path.clone(),
            message: "needs the columns run_id, variant, replicate and seed, then the swept keys"
                .into(),
        });
    }
    let keys: Vec<String> = plan.header.iter().skip(FIRST_KEY_COLUMN).cloned().collect();
    let variant_column = summary.column("variant")?;
    // Each variant's swept values, from the plan (every variant has runs there).
    let plan_variant = plan.column("variant")?;
    let mut variant_ids: Vec<String> = Vec::new();
    let mut variant_values: Vec<Vec<String>> = Vec::new();
    for row in 0..plan.rows.len() {
        let id = plan.text(row, plan_variant);
        if !variant_ids.iter().any(|v| v == id) {
            variant_ids.push(id.to_string());
            variant_values.push(plan.rows[row][FIRST_KEY_COLUMN..].to_vec());
        }
    }
    let runs_of = |variant: &str| -> Vec<usize> {
        (0..summary.rows.len())
            .filter(|&r| summary.text(r, variant_column) == variant)
            .collect()
    };
    let first_scenario: Option<toml::Table> = manifest
        .get("variant")
        .and_then(toml::Value::as_array)
        .and_then(|v| v.first())
        .and_then(|v| v.get("scenario"))
        .and_then(toml::Value::as_str)
        .and_then(|text| text.parse().ok());
    let scenario_value = |section: &str, key: &str| {
        first_scenario
            .as_ref()
            .and_then(|t| t.get(section))
            .and_then(|s| s.get(key))
            .cloned()
    };
    let replicates = scenario_value("simulation", "replicates")
        .and_then(|v| v.as_integer())
        .unwrap_or(1)
        .max(1) as usize;
    let days = scenario_value("simulation", "days")
        .and_then(|v| v.as_integer())
        .unwrap_or(0);
    let file = manifest
        .get("run.file")
        .and_then(toml::Value::as_str)
        .unwrap_or("SWEEP.toml")
        .to_string();
    let name = first_scenario
        .as_ref()
        .and_then(|t| t.get("name"))
        .and_then(toml::Value::as_str)
        .unwrap_or("sweep")
        .to_string();
    let source = source_line(
        &format!("sweep {name}"),
        scenario_value("simulation", "seed").as_ref(),
        &replicates_text(replicates),
    );
    // A key with one value (swept over a single value) is no dimension to chart across.
    let dims: Vec<Dimension> = dimensions(&keys, &variant_values)
        .into_iter()
        .filter(|d| d.values.len() >= 2)
        .collect();
    let mut header: Vec<String> = keys.iter().map(|k| literal(k)).collect();
    let shown: Vec<&metrics::Metric> = metrics::SWEEP
        .iter()
        .filter_map(|c| metrics::by_column(c))
        .filter(|m| summary.has(m.column))
        .collect();
    header.extend(shown.iter().map(|m| m.label.to_string()));
    let mut rows = Vec::new();
    for (index, id) in variant_ids.iter().enumerate() {
        let mut row: Vec<String> = variant_values[index].iter().map(|v| literal(v)).collect();
        for metric in &shown {
            let samples = data::samples(&summary, &runs_of(id), metric.column)?;
            row.push(mean_and_half(&samples, metric.format));
        }
        rows.push(row);
    }
    let findings = Findings {
        header,
        rows,
        notes: vec![format!(
            "One row per variant: the mean over its replicates ± half the 95% Student t interval of the mean. Every metric of every run ({} variants, {} runs planned, {} in summary.csv) is in summary.csv.",
            variant_ids.len(),
            plan.rows.len(),
            summary.rows.len()
        )],
    };
    let mut figures = Vec::new();
    for metric in &shown {
        let means: Vec<Option<f64>> = variant_ids
            .iter()
            .map(|id| {
                Ok(stats::mean(&data::samples(
                    &summary,
                    &runs_of(id),
                    metric.column,
                )?))
            })
            .collect::<Result<_, OutputError>>()?;
        let name = metric.column.replace('_', "-");
        if dims.len() >= 2 {
            let (across, up) = (&dims[0], &dims[1]);
            let mut cells = Vec::with_capacity(across.values.len() * up.values.len());
            for row in 0..up.values.len() {
                for column in 0..across.values.len() {
                    let values: Vec<f64> = (0..variant_ids.len())
                        .filter(|&v| across.of_variant[v] == column && up.of_variant[v] == row)
                        .filter_map(|v| means[v])
                        .collect();
                    cells.push(stats::mean(&values));
                }
            }
            let averaged = if dims.len() > 2 {
                " Cells average the other swept dimensions."
            } else {
                ""
            };
            figures.push(Figure {
                name: format!("heatmap-{name}"),
                heading: format!(
                    "{} by {} and {}",
                    metric.label,
                    literal(&across.label),
                    literal(&up.label)
                ),
                caption: format!(
                    "Each cell is the mean of {} over the replicates of the variant with those values.{averaged}",
                    metric.label
                ),
                chart: Chart::Heat(HeatMap {
                    text: ChartText {
                        title: metric.label.to_string(),
                        x_label: across.label.clone(),
                        y_label: up.label.clone(),
                        source: source.clone(),
                    },
                    metric: format!("{}{} (mean over replicates)", metric.label, unit(metric.format)),
                    columns: across.values.clone(),
                    rows: up.values.clone(),
                    cells: cells.into_iter().map(|c| c.map(|v| scale(v, metric.format))).collect(),
                }),
            });
        } else {
            let values = variant_ids
                .iter()
                .map(|id| {
                    let samples: Vec<f64> = data::samples(&summary, &runs_of(id), metric.column)?
                        .into_iter()
                        .map(|v| scale(v, metric.format))
                        .collect();
                    Ok(data::bar(&samples))
                })
                .collect::<Result<Vec<_>, OutputError>>()?;
            let label = dims.first().map_or_else(String::new, |d| d.label.clone());
            figures.push(Figure {
                name: format!("bars-{name}"),
                heading: format!("{} by {}", metric.label, literal(&label)),
                caption: format!(
                    "The mean of {} over each variant's replicates, with its 95% interval.",
                    metric.label
                ),
                chart: Chart::Bars(GroupedBars {
                    text: ChartText {
                        title: metric.label.to_string(),
                        x_label: label,
                        y_label: format!("{}{}", metric.label, unit(metric.format)),
                        source: source.clone(),
                    },
                    groups: variant_values.iter().map(|v| v.join(" / ")).collect(),
                    series: vec![BarSeries {
                        label: name.clone(),
                        values,
                    }],
                    y_range: None,
                    whisker_note: (replicates >= 2)
                        .then(|| "whiskers: 95% interval over replicates".to_string()),
                }),
            });
        }
    }
    if let Some(timeseries) = manifest.csv_with_rows("timeseries.csv")? {
        if variant_ids.len() <= 8 && timeseries.has("posts") {
            let mut series = Vec::new();
            for (index, id) in variant_ids.iter().enumerate() {
                let rows = rows_where(&timeseries, Some(("variant", id)))?;
                series.push(BandSeries {
                    label: variant_values[index].join(" / "),
                    points: data::band(&timeseries, &rows, "day", "posts", 1.0)?,
                });
            }
            figures.push(Figure {
                name: "posts".to_string(),
                heading: "Posts per day by variant".to_string(),
                caption: format!(
                    "Posts written per day, one line per variant ({}).",
                    keys.join(" / ")
                ),
                chart: Chart::Band(BandChart {
                    text: ChartText {
                        title: "Posts per day".to_string(),
                        x_label: "day".to_string(),
                        y_label: "posts per day".to_string(),
                        source: source.clone(),
                    },
                    series,
                    y_from_zero: true,
                    y_range: None,
                    band_note: band_note(replicates),
                }),
            });
        }
    }
    Ok(Report {
        title: format!("Sweep {}: {} variants", literal(&name), variant_ids.len()),
        lead: vec![
            format!(
                "**{}** swept over {} ({} variants, {} each, {days} days).",
                literal(&name),
                keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
                variant_ids.len(),
                replicates_text(replicates)
            ),
            "Every number is simulated by rewardsim's agent model on the chain's exact reward rules; behaviour defaults rest on published evidence or are marked as assumptions in docs/scenarios.md and docs/model.md.".to_string(),
        ],
        findings,
        figures,
        footer: format!(
            "rewardsim {} · reproduce with `rewardsim sweep {}{}`",
            env!("CARGO_PKG_VERSION"),
            shell_word(&file),
            set_args(manifest)
        ),
    })
}

/// A summary value in the unit the reader sees on a chart (STEEM, not milli-STEEM;
/// percent, not fractions), as the findings table shows it.
fn scale(value: f64, format: Format) -> f64 {
    match format {
        Format::Steem => value * MILLI,
        Format::Percent => value * 100.0,
        Format::Count | Format::Index => value,
    }
}

/// The unit a chart label adds for values of `format` after [`scale`].
fn unit(format: Format) -> &'static str {
    match format {
        Format::Steem => " (STEEM)",
        Format::Percent => " (%)",
        Format::Count | Format::Index => "",
    }
}

/// "937.8 ± 12.1": the mean of `samples` and half its 95% interval (the mean alone with
/// one sample; "–" with none).
fn mean_and_half(samples: &[f64], format: Format) -> String {
    let Some(mean) = stats::mean(samples) else {
        return "–".to_string();
    };
    match stats::mean_interval(samples, CONFIDENCE) {
        Some(interval) => {
            let half = (interval.high - interval.low) / 2.0;
            let half = match format {
                Format::Percent => format!("{:.1} pt", half * 100.0),
                _ => format.show(half),
            };
            format!("{} ± {half}", format.show(mean))
        }
        None => format.show(mean),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn zipped_keys_form_one_dimension() {
        let keys: Vec<String> = ["curation", "content", "stakers"]
            .map(String::from)
            .to_vec();
        let rows = values(&[
            &["2500", "65", "15"],
            &["2500", "40", "40"],
            &["5000", "65", "15"],
            &["5000", "40", "40"],
        ]);
        let dims = dimensions(&keys, &rows);
        assert_eq!(dims.len(), 2);
        assert_eq!(dims[0].label, "curation");
        assert_eq!(dims[0].values, ["2500", "5000"]);
        assert_eq!(dims[0].of_variant, [0, 0, 1, 1]);
        assert_eq!(dims[1].label, "content / stakers");
        assert_eq!(dims[1].values, ["65 / 15", "40 / 40"]);
        assert_eq!(dims[1].of_variant, [0, 1, 0, 1]);
    }

    #[test]
    fn one_key_is_one_dimension() {
        let keys = vec!["a".to_string()];
        let dims = dimensions(&keys, &values(&[&["1"], &["2"], &["3"]]));
        assert_eq!(dims.len(), 1);
        assert_eq!(dims[0].values, ["1", "2", "3"]);
    }

    #[test]
    fn means_with_half_intervals() {
        assert_eq!(mean_and_half(&[], Format::Count), "–");
        assert_eq!(mean_and_half(&[2.0], Format::Index), "2.000");
        let text = mean_and_half(&[0.1, 0.3], Format::Percent);
        assert!(text.starts_with("20.0% ± "), "{text}");
    }
}
