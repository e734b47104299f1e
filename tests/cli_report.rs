//! Reports end to end: `run`, `compare` and `sweep` write report.md, report.html and
//! charts/ from real runs; every chart is a valid 1200 × 700 PNG (and inline SVG in the
//! page); every image link of report.md resolves; the data behind each chart kind equals
//! what the folder's tables say (not pixels); `rewardsim report DIR` rebuilds the same
//! bytes; `--no-report` writes none; bad folders exit 2 naming the problem, and a file the
//! user owns is never replaced without --force.

use assert_cmd::Command;
use predicates::prelude::*;
use rewardsim::output::report::{self, Chart};
use std::fs;
use std::path::{Path, PathBuf};

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

fn preset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.toml"))
}

/// The small world the reports here are made from: 2 replicates, so bands and intervals
/// exist.
const WORLD: [&str; 6] = [
    "population.accounts=1500",
    "growth.arrivals_per_day=5",
    "simulation.days=40",
    "simulation.warmup_days=3",
    "simulation.replicates=2",
    "simulation.seed=11",
];

fn run(out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    rewardsim()
        .arg("run")
        .arg(preset("steem-hf21"))
        .args(WORLD.iter().flat_map(|set| ["--set", set]))
        .arg("--out")
        .arg(out)
        .arg("-q")
        .args(extra)
        .assert()
}

/// The small world of the sweeps here (`[simulation]`, `[population]`, `[growth]`).
const SWEEP_WORLD: &str = "[simulation]\ndays = 8\nwarmup_days = 1\nreplicates = 2\nseed = 5\n\n\
     [population]\naccounts = 600\n\n[growth]\narrivals_per_day = 2\n\n";

/// `rewardsim sweep FILE --out OUT -q` with `extra` arguments; it must succeed.
fn sweep(file: &Path, out: &Path, extra: &[&str]) {
    rewardsim()
        .arg("sweep")
        .arg(file)
        .arg("--out")
        .arg(out)
        .arg("-q")
        .args(extra)
        .assert()
        .success();
}

/// (width, height) of a PNG file, from its IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is a PNG",
        path.display()
    );
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

/// The targets of every Markdown image link `![..](target)` in `text`.
fn image_links(text: &str) -> Vec<String> {
    text.split("![")
        .skip(1)
        .filter_map(|rest| {
            let after = rest.split_once("](")?.1;
            Some(after.split_once(')')?.0.to_string())
        })
        .collect()
}

/// Checks what every report folder must hold; returns the charts' links.
fn check_report_files(folder: &Path) -> Vec<String> {
    let markdown = fs::read_to_string(folder.join("report.md")).unwrap();
    assert!(markdown.starts_with("<!-- rewardsim report "));
    assert!(markdown.lines().nth(1).unwrap().starts_with("# "));
    assert!(markdown.contains("## Findings\n\n| "), "{markdown}");
    let links = image_links(&markdown);
    assert!(!links.is_empty());
    for link in &links {
        assert!(
            link.starts_with("charts/") && link.ends_with(".png"),
            "{link}"
        );
        assert_eq!(png_size(&folder.join(link)), (1200, 700), "{link}");
    }
    // Nothing in charts/ that the report does not show.
    assert_eq!(
        fs::read_dir(folder.join("charts")).unwrap().count(),
        links.len()
    );
    let html = fs::read_to_string(folder.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<!-- rewardsim report "));
    assert_eq!(html.matches("<svg ").count(), links.len());
    assert_eq!(
        html.matches("<svg width=\"1200\" height=\"700\"").count(),
        links.len()
    );
    for external in ["<script", "<link", " src=", "<img"] {
        assert!(
            !html.contains(external),
            "report.html is self-contained: {external}"
        );
    }
    // The only url() is the embedded font.
    assert_eq!(html.matches("url(").count(), 1);
    assert!(html.contains("url(data:font/ttf;base64,"));
    links
}

/// Values of `column` of a CSV file, by row.
fn column(path: &Path, name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("{} has {name}", path.display()));
    reader
        .records()
        .map(|r| r.unwrap()[at].to_string())
        .collect()
}

fn numbers(path: &Path, name: &str) -> Vec<f64> {
    column(path, name)
        .iter()
        .map(|c| c.parse().unwrap())
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn figure<'a>(report: &'a report::Report, name: &str) -> &'a Chart {
    &report
        .figures
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("a figure {name}"))
        .chart
}

#[test]
fn a_run_writes_a_report_whose_charts_show_its_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    run(&out, &["--set", "description=\"Pays *all* <b>|x\""]).success();
    let links = check_report_files(&out);
    // A user's text is shown as written: escaped in Markdown, plain text in HTML.
    let markdown = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        markdown.contains("\nPays \\*all\\* \\<b\\>\\|x\n"),
        "{markdown}"
    );
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<p>Pays *all* &lt;b&gt;|x</p>"));
    for name in [
        "rewards",
        "activity",
        "votes",
        "inequality",
        "mood",
        "supply",
        "lorenz",
        "payouts",
        "satisfaction",
        "retention",
    ] {
        assert!(
            links.contains(&format!("charts/{name}.png")),
            "{name}: {links:?}"
        );
    }
    assert!(markdown.contains("| posts per day |"));
    assert!(markdown.contains("95% interval of the mean"));

    let built = report::build(&out).unwrap();
    let timeseries = out.join("timeseries.csv");
    let summary = out.join("summary.csv");

    // Time series: each day's line is the mean over replicates, the band within their range.
    let Chart::Band(rewards) = figure(&built, "rewards") else {
        panic!("rewards is a band chart")
    };
    assert_eq!(rewards.series[0].label, "authors (paid)");
    let days = numbers(&timeseries, "day");
    let paid = numbers(&timeseries, "paid_authors_steem");
    let replicates = column(&timeseries, "replicate");
    for point in &rewards.series[0].points {
        let values: Vec<f64> = (0..days.len())
            .filter(|&i| days[i] == point.x)
            .map(|i| paid[i] / 1000.0)
            .collect();
        assert_eq!(values.len(), 2, "two replicates a day");
        assert!(close(point.mean, (values[0] + values[1]) / 2.0));
        let (low, high) = (values[0].min(values[1]), values[0].max(values[1]));
        assert!(point.low >= low - 1e-9 && point.high <= high + 1e-9);
    }
    assert_eq!(rewards.series[0].points.len() * 2, replicates.len());
    assert!(rewards
        .band_note
        .as_deref()
        .unwrap()
        .contains("2 replicates"));

    // Lorenz: the Gini of the rewards curve is the run summary's, exactly computed from
    // accounts.csv; both curves run from (0, 0) to (1, 1) without falling.
    let Chart::Lorenz(lorenz) = figure(&built, "lorenz") else {
        panic!("lorenz is a Lorenz chart")
    };
    let gini_accounts = numbers(&summary, "gini_account_rewards")[0];
    assert_eq!(lorenz.curves.len(), 2);
    assert!(
        close(lorenz.curves[0].gini, gini_accounts),
        "{} vs {gini_accounts}",
        lorenz.curves[0].gini
    );
    for curve in &lorenz.curves {
        assert_eq!(curve.points.first(), Some(&(0.0, 0.0)));
        assert_eq!(curve.points.last(), Some(&(1.0, 1.0)));
        assert!(curve
            .points
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1));
    }

    // Payout distribution: the shares of posts on the axis and those paid nothing add to 1,
    // and the posts counted are the posts cashed out.
    let Chart::Histogram(payouts) = figure(&built, "payouts") else {
        panic!("payouts is a histogram")
    };
    let posts: f64 = numbers(&out.join("payouts.csv"), "posts").iter().sum();
    let cashed: f64 = numbers(&timeseries, "posts_cashed_out").iter().sum();
    assert_eq!(posts, cashed);
    let zero_posts: f64 = {
        let high = column(&out.join("payouts.csv"), "high_steem");
        let counts = numbers(&out.join("payouts.csv"), "posts");
        (0..high.len())
            .filter(|&i| high[i] == "0")
            .map(|i| counts[i])
            .sum()
    };
    // Heights are shares per decade: height × width in decades = the bin's share.
    let on_axis: f64 = payouts.series[0]
        .bins
        .iter()
        .map(|b| b.value * (b.high / b.low).log10())
        .sum();
    assert!(close(on_axis + zero_posts / posts, 1.0));
    assert!(payouts.series[0]
        .bins
        .iter()
        .all(|b| b.low > 0.0 && b.high > b.low));

    // Satisfaction by quartile: the summary's means over replicates.
    let Chart::Bars(bars) = figure(&built, "satisfaction") else {
        panic!("satisfaction is a bar chart")
    };
    for quartile in 1..=4 {
        let values = numbers(&summary, &format!("mean_satisfaction_q{quartile}"));
        let bar = bars.series[0].values[quartile - 1].unwrap();
        assert!(close(bar.value, (values[0] + values[1]) / 2.0));
        // Two different replicates: a real interval around the mean.
        assert!(bar.low < bar.value && bar.value < bar.high, "{bar:?}");
    }

    // Retention: the initial cohort's line is cohorts.csv's present share by age.
    let Chart::Band(retention) = figure(&built, "retention") else {
        panic!("retention is a band chart")
    };
    assert_eq!(retention.series[0].label, "initial");
    assert!(!retention.series[0].points.is_empty());
    let cohorts = out.join("cohorts.csv");
    let (names, ages, shares) = (
        column(&cohorts, "cohort"),
        numbers(&cohorts, "age_days"),
        numbers(&cohorts, "present_share"),
    );
    for point in &retention.series[0].points {
        let values: Vec<f64> = (0..names.len())
            .filter(|&i| names[i] == "initial" && ages[i] == point.x)
            .map(|i| shares[i])
            .collect();
        assert!(close(
            point.mean,
            values.iter().sum::<f64>() / values.len() as f64
        ));
    }
}

#[test]
fn report_rebuilds_the_same_bytes_and_no_report_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    let with = dir.path().join("with");
    let without = dir.path().join("without");
    run(&with, &[]).success();
    run(&without, &["--no-report"]).success();
    for name in ["report.md", "report.html", "charts"] {
        assert!(!without.join(name).exists(), "{name}");
    }
    rewardsim()
        .arg("report")
        .arg(&without)
        .assert()
        .success()
        .stdout(predicate::str::contains("report.md"));
    let links = check_report_files(&without);
    let same =
        |name: &str| fs::read(with.join(name)).unwrap() == fs::read(without.join(name)).unwrap();
    assert!(same("report.md") && same("report.html"));
    for link in &links {
        assert!(same(link), "{link}");
    }
    // An earlier report is replaced by the same bytes.
    let before = fs::read(without.join("report.html")).unwrap();
    rewardsim().arg("report").arg(&without).assert().success();
    assert_eq!(fs::read(without.join("report.html")).unwrap(), before);
}

#[test]
fn bad_folders_exit_2_and_owned_files_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    rewardsim()
        .arg("report")
        .arg(dir.path().join("missing"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing").and(predicate::str::contains("not a folder")));
    rewardsim()
        .arg("report")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("manifest.toml"));
    let calibrated = dir.path().join("calibrated");
    fs::create_dir(&calibrated).unwrap();
    fs::write(
        calibrated.join("manifest.toml"),
        "[run]\nprogram = \"rewardsim\"\ncommand = \"calibrate\"\n",
    )
    .unwrap();
    rewardsim()
        .arg("report")
        .arg(&calibrated)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rewardsim calibrate"));

    let out = dir.path().join("run");
    run(&out, &["--no-report"]).success();
    // A corrupt table: the message names the file, the line and the column.
    let timeseries = out.join("timeseries.csv");
    let good = fs::read_to_string(&timeseries).unwrap();
    let mut lines: Vec<String> = good.lines().map(str::to_owned).collect();
    let at = lines[0].split(',').position(|c| c == "posts").unwrap();
    let mut cells: Vec<String> = lines[3].split(',').map(str::to_owned).collect();
    cells[at] = "many".into();
    lines[3] = cells.join(",");
    fs::write(&timeseries, lines.join("\n") + "\n").unwrap();
    rewardsim().arg("report").arg(&out).assert().code(2).stderr(
        predicate::str::contains("timeseries.csv").and(predicate::str::contains(
            "line 4, column `posts`: `many` is not a finite number",
        )),
    );
    assert!(!out.join("report.md").exists() && !out.join("charts").exists());
    fs::write(&timeseries, good).unwrap();
    // The user's own report.md is not replaced without --force.
    fs::write(out.join("report.md"), "my notes\n").unwrap();
    rewardsim()
        .arg("report")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        fs::read_to_string(out.join("report.md")).unwrap(),
        "my notes\n"
    );
    assert!(!out.join("report.html").exists());
    rewardsim()
        .args(["report", "--force"])
        .arg(&out)
        .assert()
        .success();
    check_report_files(&out);
    // An earlier report is replaced; one the user edited, or a file of theirs among the
    // charts, is not (without --force).
    rewardsim().arg("report").arg(&out).assert().success();
    let report_md = fs::read_to_string(out.join("report.md")).unwrap();
    fs::write(
        out.join("report.md"),
        report_md.replace("Findings", "My findings"),
    )
    .unwrap();
    rewardsim()
        .arg("report")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("edited"));
    assert!(fs::read_to_string(out.join("report.md"))
        .unwrap()
        .contains("My findings"));
    fs::write(out.join("report.md"), report_md).unwrap();
    fs::write(out.join("charts/mine.png"), b"my picture").unwrap();
    rewardsim()
        .arg("report")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mine.png"));
    assert_eq!(
        fs::read(out.join("charts/mine.png")).unwrap(),
        b"my picture"
    );
    fs::remove_file(out.join("charts/mine.png")).unwrap();
    rewardsim().arg("report").arg(&out).assert().success();
    // No staging folder is left behind.
    assert!(fs::read_dir(&out).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with(".rewardsim")));
}

#[test]
fn a_comparison_reports_differences_and_overlays_its_variants() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("compare");
    rewardsim()
        .arg("compare")
        .arg(preset("steem-hf21"))
        .arg(preset("hidden-payouts"))
        .args(WORLD.iter().flat_map(|set| ["--set", set]))
        .args(["--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    let links = check_report_files(&out);
    let markdown = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(markdown.contains(
        "| metric | steem-hf21 (baseline) | hidden-payouts | hidden-payouts − steem-hf21 (95% interval) |"
    ));
    for name in [
        "posts",
        "envy",
        "lorenz",
        "payouts",
        "satisfaction",
        "retention",
    ] {
        assert!(
            links.contains(&format!("charts/{name}.png")),
            "{name}: {links:?}"
        );
    }
    let built = report::build(&out).unwrap();
    let Chart::Band(posts) = figure(&built, "posts") else {
        panic!("posts is a band chart")
    };
    let labels: Vec<&str> = posts.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["steem-hf21", "hidden-payouts"]);
    // Under hidden payouts nobody envies: its line is 0 every day.
    let Chart::Band(envy) = figure(&built, "envy") else {
        panic!("envy is a band chart")
    };
    assert!(envy.series[1].points.iter().all(|p| p.mean == 0.0));
    assert!(envy.series[0].points.iter().any(|p| p.mean > 0.0));
    let Chart::Lorenz(lorenz) = figure(&built, "lorenz") else {
        panic!("lorenz is a Lorenz chart")
    };
    assert_eq!(lorenz.curves.len(), 4, "rewards and stake of each variant");
}

#[test]
fn a_sweep_reports_heat_maps_of_its_two_dimensions() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    fs::write(
        &file,
        format!(
            "extends = \"steem-hf21\"\nname = \"small-sweep\"\n\n{SWEEP_WORLD}\
         [sweep.grid]\n\"rules.percent_curation_rewards\" = [2500, 5000]\n\n\
         [sweep.zip]\n\"inflation.content\" = [65, 40]\n\"inflation.stakers\" = [15, 40]\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("sweep");
    sweep(&file, &out, &[]);
    let links = check_report_files(&out);
    assert!(links.contains(&"charts/heatmap-mean-posts-per-day.png".to_string()));
    let built = report::build(&out).unwrap();
    let Chart::Heat(heat) = figure(&built, "heatmap-mean-posts-per-day") else {
        panic!("a heat map")
    };
    assert_eq!(heat.columns, ["2500", "5000"]);
    assert_eq!(heat.rows, ["65 / 15", "40 / 40"]);
    assert_eq!(heat.text.y_label, "inflation.content / inflation.stakers");
    // Each cell is the mean of its variant's replicates in summary.csv.
    let summary = out.join("summary.csv");
    let (curation, content, posts) = (
        column(&summary, "rules.percent_curation_rewards"),
        column(&summary, "inflation.content"),
        numbers(&summary, "mean_posts_per_day"),
    );
    for (row, content_value) in ["65", "40"].iter().enumerate() {
        for (col, curation_value) in ["2500", "5000"].iter().enumerate() {
            let values: Vec<f64> = (0..posts.len())
                .filter(|&i| curation[i] == *curation_value && content[i] == *content_value)
                .map(|i| posts[i])
                .collect();
            assert_eq!(values.len(), 2);
            let cell = heat.cells[row * 2 + col].unwrap();
            assert!(
                close(cell, (values[0] + values[1]) / 2.0),
                "{cell} vs {values:?}"
            );
        }
    }
    // Shards write no report; merging them does.
    let shard = dir.path().join("shard");
    sweep(&file, &shard, &["--shard", "0/2"]);
    assert!(!shard.join("report.md").exists());
    let other = dir.path().join("shard1");
    sweep(&file, &other, &["--shard", "1/2"]);
    let merged = dir.path().join("merged");
    rewardsim()
        .arg("merge")
        .arg(&shard)
        .arg(&other)
        .arg("--out")
        .arg(&merged)
        .assert()
        .success();
    check_report_files(&merged);
    for name in ["report.md", "report.html", "charts/heatmap-retention.png"] {
        assert_eq!(
            fs::read(out.join(name)).unwrap(),
            fs::read(merged.join(name)).unwrap(),
            "{name}: merged shards report what the whole sweep does"
        );
    }
}

#[test]
fn a_sweep_over_one_dimension_reports_bars() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.toml");
    fs::write(
        &file,
        format!(
            "extends = \"steem-hf21\"\nname = \"one-key\"\n\n{SWEEP_WORLD}\
         [sweep.grid]\n\"rules.percent_curation_rewards\" = [2500, 5000, 7500]\n\
         \"population.accounts\" = [600]\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("sweep");
    sweep(&file, &out, &[]);
    let links = check_report_files(&out);
    assert!(
        links.contains(&"charts/bars-retention.png".to_string()),
        "{links:?}"
    );
    let built = report::build(&out).unwrap();
    let Chart::Bars(bars) = figure(&built, "bars-retention") else {
        panic!("bars")
    };
    // The key swept over one value is no dimension: three bars, one per curation share.
    assert_eq!(bars.groups, ["2500 / 600", "5000 / 600", "7500 / 600"]);
    let summary = out.join("summary.csv");
    let (curation, retention) = (
        column(&summary, "rules.percent_curation_rewards"),
        numbers(&summary, "retention"),
    );
    for (i, value) in ["2500", "5000", "7500"].iter().enumerate() {
        let values: Vec<f64> = (0..curation.len())
            .filter(|&r| curation[r] == *value)
            .map(|r| retention[r] * 100.0)
            .collect();
        let bar = bars.series[0].values[i].unwrap();
        assert!(
            close(bar.value, (values[0] + values[1]) / 2.0),
            "{bar:?} {values:?}"
        );
    }
}
