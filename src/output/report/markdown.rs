//! `report.md`: the report as Markdown that Steemit's and Hive's editors render as it is —
//! a title, what ran, the findings as a pipe table, each chart as a relative image link
//! (`charts/<name>.png`, to be uploaded with the post) with its caption.

use super::{Report, MARKER};

/// `text` safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown of `report`; its first line is the [`MARKER`] comment.
pub fn render(report: &Report) -> String {
    let mut out = format!("{MARKER} -->\n# {}\n\n", report.title);
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
    fn tables_and_links() {
        let report = Report {
            title: "t".into(),
            lead: vec!["what ran".into()],
            findings: Findings {
                header: vec!["metric".into(), "a|b".into()],
                rows: vec![vec!["posts".into(), "1".into()]],
                notes: vec!["note".into()],
            },
            figures: vec![],
            footer: "rewardsim".into(),
        };
        let text = render(&report);
        assert!(
            text.starts_with("<!-- rewardsim report -->\n# t\n"),
            "{text}"
        );
        assert!(text.contains("| metric | a\\|b |\n| :--- | ---: |\n| posts | 1 |\n"));
        assert!(text.ends_with("<sub>rewardsim</sub>\n"));
    }
}
