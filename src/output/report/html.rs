//! `report.html`: the report as one self-contained page — inline CSS, the charts inline as
//! SVG, no script and nothing fetched — to open locally in any browser.

use super::{Report, MARKER};

/// `text` escaped for HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Markdown's `code` spans and **bold** in a paragraph as HTML (the only inline markup the
/// report's sentences use); everything else escaped.
fn inline(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str(&format!("<code>{}</code>", escape(part)));
        } else {
            for (j, piece) in part.split("**").enumerate() {
                if j % 2 == 1 {
                    out.push_str(&format!("<strong>{}</strong>", escape(piece)));
                } else {
                    out.push_str(&escape(piece));
                }
            }
        }
    }
    out
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\
h1{font-size:1.7em}h2{font-size:1.3em;margin-top:2em}\
table{border-collapse:collapse;margin:1em 0}th,td{padding:.35em .8em;border-bottom:1px solid #ddd}\
th{text-align:right;background:#f4f4f4}td{text-align:right}th:first-child,td:first-child{text-align:left}\
figure{margin:1em 0}figure svg{width:100%;height:auto;border:1px solid #eee}\
figcaption{color:#444;margin-top:.4em}footer{color:#666;font-size:.85em;margin-top:3em}";

/// The page of `report`, with `svgs[i]` the SVG text of `report.figures[i]`.
pub fn render(report: &Report, svgs: &[String]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n{MARKER} -->\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&report.title),
        escape(&report.title)
    );
    for paragraph in &report.lead {
        out.push_str(&format!("<p>{}</p>\n", inline(paragraph)));
    }
    if !report.findings.rows.is_empty() {
        out.push_str("<h2>Findings</h2>\n<table>\n<thead><tr>");
        for heading in &report.findings.header {
            out.push_str(&format!("<th>{}</th>", escape(heading)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &report.findings.rows {
            out.push_str("<tr>");
            for cell in row {
                out.push_str(&format!("<td>{}</td>", inline(cell)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        for note in &report.findings.notes {
            out.push_str(&format!("<p>{}</p>\n", inline(note)));
        }
    }
    for (figure, svg) in report.figures.iter().zip(svgs) {
        let svg = svg.trim_start_matches(|c| c != '<');
        let svg = svg
            .strip_prefix("<?xml")
            .and_then(|rest| rest.split_once("?>").map(|(_, body)| body.trim_start()))
            .unwrap_or(svg);
        out.push_str(&format!(
            "<h2>{}</h2>\n<figure role=\"img\" aria-label=\"{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
            escape(&figure.heading),
            escape(&figure.heading),
            svg,
            inline(&figure.caption)
        ));
    }
    out.push_str(&format!(
        "<footer>{}</footer>\n</body>\n</html>\n",
        inline(&report.footer)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::report::Findings;

    #[test]
    fn escapes_and_inlines() {
        assert_eq!(escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
        assert_eq!(
            inline("run `rewardsim run x.toml` **now** <b>"),
            "run <code>rewardsim run x.toml</code> <strong>now</strong> &lt;b&gt;"
        );
        let report = Report {
            title: "A & B".into(),
            lead: vec![],
            findings: Findings::default(),
            figures: vec![],
            footer: "f".into(),
        };
        let page = render(&report, &[]);
        assert!(page.starts_with("<!DOCTYPE html>\n<!-- rewardsim report -->\n"));
        assert!(page.contains("<h1>A &amp; B</h1>"));
        assert!(!page.contains("<table>"));
    }
}
