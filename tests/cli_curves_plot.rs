//! CLI tests of `rewardsim curves plot`: PNG and SVG charts that are valid and reproducible,
//! bad input (exit 2, nothing written) and output-file safety. The data behind the chart is
//! tested in `calculators::curve_shapes`; here only the files.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

/// Width and height from a PNG's IHDR chunk (bytes 16..24, big-endian).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

fn plot(dir: &Path, name: &str, extra: &[&str]) -> Vec<u8> {
    let out = dir.join(name);
    rewardsim()
        .current_dir(dir)
        .args(["curves", "plot", "--out", name])
        .args(extra)
        .assert()
        .success()
        .stdout("");
    fs::read(out).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn default_png_is_1200_by_700_and_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let first = plot(dir.path(), "a.png", &[]);
    let second = plot(dir.path(), "b.png", &[]);
    assert_eq!(png_size(&first), (1200, 700));
    assert_eq!(first, second, "same arguments, same bytes");
    assert_eq!(
        files_in(dir.path()),
        ["a.png", "b.png"],
        "no temporary files left"
    );
}

#[test]
fn svg_has_the_size_the_legend_and_the_source_line() {
    let dir = tempfile::tempdir().unwrap();
    let first = plot(dir.path(), "a.svg", &[]);
    let second = plot(dir.path(), "b.svg", &[]);
    assert_eq!(first, second, "same arguments, same bytes");
    let svg = String::from_utf8(first).unwrap();
    assert!(svg.trim_start().starts_with("<svg"), "{}", &svg[..80]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("width=\"1200\"") && svg.contains("height=\"700\""));
    for label in [
        "quadratic (steem_hf17)",
        "linear (steem_hf19)",
        "convergent_linear (steem_hf21)",
        "s = 2e12 (content constant)",
        "claims(r) ÷ r ÷ curve scale (linear = 1)",
        "rshares r (log scale)",
    ] {
        assert!(svg.contains(label), "{label} missing");
    }
    let version = format!("rewardsim {}", env!("CARGO_PKG_VERSION"));
    assert!(svg.contains(&version) && svg.contains("s = 2000000000000 rshares"));
    // Text is in the embedded font's family (the viewer renders it); nothing else.
    assert!(svg.contains("font-family=\"DejaVu Sans, sans-serif\""));
    // Balanced enough to be XML: as many <text elements as </text>.
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
}

#[test]
fn chosen_curves_eras_and_range_are_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let svg = plot(
        dir.path(),
        "c.svg",
        &[
            "--curve",
            "convergent_square_root",
            "--curve",
            "BOUNDED_CURATION",
            "--era",
            "hive_hf25",
            "--content-constant",
            "1e12",
            "--from",
            "1000",
            "--to",
            "1e13",
            "--points",
            "2",
        ],
    );
    let svg = String::from_utf8(svg).unwrap();
    for label in [
        "convergent_square_root",
        "bounded_curation",
        "linear (hive_hf25)",
        "s = 1e12 (content constant)",
        "s = 1000000000000 rshares",
        "2 points, r from 1e3 to 1e13",
    ] {
        assert!(svg.contains(label), "{label} missing");
    }
}

#[test]
fn zero_claims_at_tiny_rshares_still_draw() {
    // convergent_square_root gives 0 claims below about 2·10^6 rshares.
    let dir = tempfile::tempdir().unwrap();
    let png = plot(
        dir.path(),
        "tiny.png",
        &[
            "--curve",
            "convergent_square_root",
            "--from",
            "1",
            "--to",
            "1e9",
        ],
    );
    assert_eq!(png_size(&png), (1200, 700));
}

#[test]
fn existing_file_is_kept_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine.png");
    fs::write(&out, "my own file").unwrap();
    rewardsim()
        .args(["curves", "plot", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mine.png: already exists"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(fs::read(&out).unwrap(), b"my own file");
    rewardsim()
        .args(["curves", "plot", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(png_size(&fs::read(&out).unwrap()), (1200, 700));
    // A folder is never replaced, not even with --force.
    let folder = dir.path().join("folder.svg");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("keep.txt"), "x").unwrap();
    rewardsim()
        .args(["curves", "plot", "--force", "--out"])
        .arg(&folder)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
    assert!(folder.join("keep.txt").exists());
}

#[test]
fn bad_arguments_exit_2_and_write_nothing() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--curve", "convergent_lineer"],
            "unknown curve 'convergent_lineer', did you mean 'convergent_linear'?",
        ),
        (
            &["--era", "steem_hf22"],
            "unknown era 'steem_hf22', did you mean 'steem_hf21'?",
        ),
        (
            &["--from", "1e12", "--to", "1e12"],
            "invalid value for '--from': 1000000000000 is not below --to",
        ),
        (&["--from", "0"], "'--from <R>'"),
        (&["--from", "-5"], "from 1 to 9223372036854775807"),
        (&["--to", "1e30"], "'--to <R>'"),
        (&["--content-constant", "0"], "'--content-constant <S>'"),
        (&["--points", "1"], "1 is not in 2..=10000"),
        (&["--points", "10001"], "10001 is not in 2..=10000"),
        (&["--out", "chart.jpg"], "must end in .png or .svg"),
        (&["--out", "chart"], "must end in .png or .svg"),
    ];
    for (args, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        rewardsim()
            .current_dir(dir.path())
            .args(["curves", "plot"])
            .args(*args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(*message));
        assert!(files_in(dir.path()).is_empty(), "{args:?} wrote something");
    }
}
