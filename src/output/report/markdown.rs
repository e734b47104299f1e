//! `report.md`: the report as Markdown that Steemit's and Hive's editors render as it is —
//! a title, what ran, the findings as a pipe table, each chart as a relative image link
//! (`charts/<name>.png`, to be uploaded with the post) with its caption.

use super::Report;

/// `text` (a name a user chose: scenario, variant, key) as literal Markdown: every
/// character Markdown or Steemit's HTML would read as markup is backslash-escaped, line
/// breaks become spaces. [`super::html`] reads the escapes back.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// `text` on one line, for a table cell (pipes in names are already escaped by
/// [`literal`]).
fn cell(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// The targets of every image link `![…](target)` in Markdown `text`, in order.
pub fn image_links(text: &str) -> Vec<String> {
    text.split("![")
        .skip(1)
        .filter_map(|rest| {
            let after = rest.split_once("](")?.1;
            Some(after.split_once(')')?.0.to_string())
        })
        .collect()
}

/// The Markdown of `report` (the caller puts the marker line above it).
pub fn render(report: &Report) -> String {
    let mut out = format!("# {}\n\n", report.title);
    for paragraph in &report.lead {
        out.push_str(paragraph);
        out.push_str("\n\n");
    }
    if !report.findings.rows.is_empty() {
        out.push_str("## Findings\n\n");
        let header: Vec<String> = report.findings.header.iter().map(|h| cell(h)).collect();
        out.push_str(&format!("| {} |\n", header.join(" | ")));
        let alignment: Vec<&str> = (0..header.len())
            .map(|i| if i == 0 { ":---" } else { "---:" })
            .collect();
        out.push_str(&format!("| {} |\n", alignment.join(" | ")));
        for row in &report.findings.rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
        for note in &report.findings.notes {
            out.push_str(note);
            out.push_str("\n\n");
        }
    }
    for figure in &report.figures {
        out.push_str(&format!(
            "## {}\n\n![{}]({})\n\n{}\n\n",
            figure.heading,
            figure.heading,
            figure.link(),
            figure.caption
        ));
    }
    out.push_str(&format!("---\n<sub>{}</sub>\n", report.footer));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::report::Findings;

    #[test]
    fn names_are_literal() {
        assert_eq!(literal("a*b_c|d\ne<f>"), "a\\*b\\_c\\|d e\\<f\\>");
        assert_eq!(literal("steem-hf21"), "steem-hf21");
    }

    #[test]
    fn tables_and_links() {
        let report = Report {
            title: "t".into(),
            lead: vec!["what ran".into()],
            findings: Findings {
                header: vec!["metric".into(), literal("a|b")],
                rows: vec![vec!["posts".into(), "1".into()]],
                notes: vec!["note".into()],
            },
            figures: vec![],
            footer: "rewardsim".into(),
        };
        let text = render(&report);
        assert!(text.starts_with("# t\n"), "{text}");
        assert_eq!(
            image_links("x ![a](charts/a.png) y ![b](c.png)"),
            ["charts/a.png", "c.png"]
        );
        assert!(text.contains("| metric | a\\|b |\n| :--- | ---: |\n| posts | 1 |\n"));
        assert!(text.ends_with("<sub>rewardsim</sub>\n"));
    }
}
