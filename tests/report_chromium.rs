//! report.html in a real browser: headless Chromium (Debian's `chromium`, which .ci/run
//! installs) opens the page of a real run without console errors or blocked loads, and its
//! screenshot is not blank — the findings table and the inline SVG charts are drawn.
//!
//! Without Chromium on the machine the test says so and passes, except under CI (the `CI`
//! variable set), where a missing browser is a failure: CI must run it.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The Chromium binary: `$CHROMIUM`, else `chromium` or `chromium-browser` on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The RGBA pixels of a PNG file.
fn pixels(path: &Path) -> (u32, u32, Vec<[u8; 4]>) {
    let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let bytes = &buffer[..info.buffer_size()];
    let channels = info.color_type.samples();
    assert!(
        info.bit_depth == png::BitDepth::Eight && channels >= 3,
        "8-bit RGB(A) screenshot"
    );
    let pixels = bytes
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2], if channels == 4 { p[3] } else { 255 }])
        .collect();
    (info.width, info.height, pixels)
}

#[test]
fn report_html_opens_in_headless_chromium_and_is_not_blank() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium (.ci/run installs Debian's package)"
        );
        eprintln!("skipped: no chromium on this machine (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    Command::cargo_bin("rewardsim")
        .unwrap()
        .arg("run")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/hidden-payouts.toml"))
        .args([
            "--set",
            "population.accounts=1000",
            "--set",
            "simulation.days=20",
        ])
        .args([
            "--set",
            "simulation.warmup_days=2",
            "--set",
            "growth.arrivals_per_day=3",
        ])
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    let page = out.join("report.html");
    let shot = dir.path().join("shot.png");
    let profile = dir.path().join("profile");
    let output = std::process::Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "chromium failed: {stderr}");
    for problem in [
        "CONSOLE",
        "Uncaught",
        "Not allowed to load",
        "ERR_FILE_NOT_FOUND",
    ] {
        assert!(!stderr.contains(problem), "{problem} in: {stderr}");
    }
    let (width, height, pixels) = pixels(&shot);
    assert_eq!((width, height), (1280, 2400));
    let white = pixels
        .iter()
        .filter(|p| p[0] > 250 && p[1] > 250 && p[2] > 250)
        .count();
    let inked = pixels.len() - white;
    assert!(
        inked * 50 > pixels.len(),
        "at least 2% of the page is drawn: {inked} of {} pixels",
        pixels.len()
    );
    // Text and charts: far more than a couple of colours (the palette, anti-aliasing).
    let mut colours: Vec<[u8; 4]> = pixels.clone();
    colours.sort_unstable();
    colours.dedup();
    assert!(colours.len() > 50, "{} colours", colours.len());
}
