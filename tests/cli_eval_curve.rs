//! CLI tests of `rewardsim eval curve`, including bad input and output-file safety.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

fn rewardsim() -> Command {
    Command::cargo_bin("rewardsim").unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    path
}

const GOOD: &str = "curve,content_constant,rshares
quadratic,2000000000000,1000
bounded_curation,2000000000000,2000000000000
linear,2000000000000,123456789
square_root,2000000000000,4000000856158
convergent_linear,2000000000000,500000000000
convergent_square_root,2000000000000,4796093022207
convergent_square_root,2000000000000,4796093022208
";

#[test]
fn writes_claims_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir, "in.csv", GOOD);
    // quadratic: (1000+s)² − s² = 1000² + 2·1000·s.
    // bounded_curation at r = s: r·2^64 / 3s = ⌊2^64/3⌋.
    // convergent_linear at s/4: ((s/4+s)² − s²)/(s/4+4s) = (9/16 s²)/(17/4 s) = 9s/68.
    let expected = "curve,content_constant,rshares,claims
quadratic,2000000000000,1000,4000000001000000
bounded_curation,2000000000000,2000000000000,6148914691236517205
linear,2000000000000,123456789,123456789
square_root,2000000000000,4000000856158,2002250
convergent_linear,2000000000000,500000000000,264705882352
convergent_square_root,2000000000000,4796093022207,1524637
convergent_square_root,2000000000000,4796093022208,1524636
";
    rewardsim()
        .args(["eval", "curve", "--input"])
        .arg(&input)
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn reads_standard_input() {
    rewardsim()
        .args(["eval", "curve", "--input", "-"])
        .write_stdin(
            "curve,content_constant,rshares\nlinear,,340282366920938463463374607431768211455\n",
        )
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            ",340282366920938463463374607431768211455\n",
        ));
}

#[test]
fn writes_output_file_and_replaces_only_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir, "in.csv", GOOD);
    let out = dir.path().join("out.csv");
    for _ in 0..2 {
        // The second run replaces the first run's output: it is recognisably ours.
        rewardsim()
            .args(["eval", "curve", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(&out)
            .assert()
            .success()
            .stdout("");
    }
    assert!(fs::read_to_string(&out).unwrap().contains(",claims\n"));

    let notes = write(&dir, "notes.csv", "my,own,data\n");
    rewardsim()
        .args(["eval", "curve", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&notes)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("already exists").and(predicate::str::contains("--force")),
        );
    assert_eq!(fs::read_to_string(&notes).unwrap(), "my,own,data\n");

    rewardsim()
        .args(["eval", "curve", "--force", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&notes)
        .assert()
        .success();
    assert!(fs::read_to_string(&notes).unwrap().contains(",claims\n"));
}

fn assert_bad_input(text: &str, expected_message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir, "bad.csv", text);
    let out = dir.path().join("out.csv");
    rewardsim()
        .args(["eval", "curve", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("bad.csv").and(predicate::str::contains(expected_message)),
        );
    assert!(!out.exists(), "no output file may be created on bad input");
}

#[test]
fn bad_input_exits_2_naming_file_line_and_column() {
    assert_bad_input(
        "curve,content_constant,rshares\nlinear,1,5\nquadratik,1,5\n",
        "line 3, column 'curve': 'quadratik' is not allowed",
    );
    assert_bad_input(
        "curve,content_constant,rshares\nlinear,1,5\nquadratik,1,5\n",
        "did you mean 'quadratic'",
    );
    assert_bad_input(
        "curve,content_constant,rshares\nlinear,1,-5\n",
        "line 2, column 'rshares': '-5' is not allowed; expected a decimal integer in 0..=",
    );
    assert_bad_input(
        "curve,content_constant,rshares\nlinear,1,1.5\n",
        "column 'rshares': '1.5'",
    );
    assert_bad_input(
        "curve,content_constant,rshares\nlinear,1,340282366920938463463374607431768211456\n",
        "column 'rshares'",
    );
    assert_bad_input(
        "curve,content_constant\nlinear,1\n",
        "missing column 'rshares'",
    );
    assert_bad_input(
        "curve,content_constant,rshares\nlinear,1,5,7\n",
        "line 2: malformed CSV: 4 fields where the header has 3",
    );
    assert_bad_input(
        "curve,content_constant,rshares\nbounded_curation,0,0\n",
        "line 2: bounded_curation",
    );
    assert_bad_input(
        "curve,content_constant,rshares,claims\nlinear,1,5,0\n",
        "column 'claims' is an output column",
    );
    assert_bad_input(
        "curve,content_constant,rshares\npower:3,,5\n",
        "line 2, column 'curve'",
    );
}

#[test]
fn missing_input_file_exits_2() {
    rewardsim()
        .args(["eval", "curve", "--input", "does-not-exist.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does-not-exist.csv: cannot read"));
}

#[test]
fn unknown_flag_exits_2() {
    rewardsim()
        .args(["eval", "curve", "--inptu", "x.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--input"));
}
