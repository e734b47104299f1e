//! `report.html`: the report as one self-contained page — inline CSS with the bundled
//! DejaVu Sans embedded (so the charts' SVG text is laid out in the font it was measured
//! with, whatever fonts the machine has), the charts inline as SVG, no script and nothing
//! fetched — to open locally in any browser.

use base64::Engine;

use super::Report;

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

/// A Markdown-lite line as HTML: `code` spans, **bold** and backslash escapes (names are
/// written escaped by [`super::markdown::literal`]) — the only inline markup the report
/// uses; everything else escaped.
fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    let (mut code, mut bold) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            '\\' if !code => {
                if let Some(next) = chars.next() {
                    out.push_str(&escape(&next.to_string()));
                }
            }
            '`' => {
                out.push_str(if code { "</code>" } else { "<code>" });
                code = !code;
            }
            '*' if !code && chars.peek() == Some(&'*') => {
                chars.next();
                out.push_str(if bold { "</strong>" } else { "<strong>" });
                bold = !bold;
            }
            _ => out.push_str(&escape(&c.to_string())),
        }
    }
    if code {
        out.push_str("</code>");
    }
    if bold {
        out.push_str("</strong>");
    }
    out
}

/// The CSS rule that embeds the bundled font as the page's and the charts' DejaVu Sans.
fn font_face() -> String {
    format!(
        "@font-face{{font-family:'DejaVu Sans';src:url(data:font/ttf;base64,{}) format('truetype')}}\n",
        base64::engine::general_purpose::STANDARD.encode(crate::output::style::font_bytes())
    )
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\
h1{font-size:1.7em}h2{font-size:1.3em;margin-top:2em}\
table{border-collapse:collapse;margin:1em 0}th,td{padding:.35em .8em;border-bottom:1px solid #ddd}\
th{text-align:right;background:#f4f4f4}td{text-align:right}th:first-child,td:first-child{text-align:left}\
figure{margin:1em 0}figure svg{width:100%;height:auto;border:1px solid #eee}\
figcaption{color:#444;margin-top:.4em}footer{color:#666;font-size:.85em;margin-top:3em}";

/// The page of `report` after its doctype (the caller puts the doctype and the marker
/// line above it), with `svgs[i]` the SVG text of `report.figures[i]`.
pub fn render(report: &Report, svgs: &[String]) -> String {
    let title = inline(&report.title);
    let plain_title = title
        .replace("<code>", "")
        .replace("</code>", "")
        .replace("<strong>", "")
        .replace("</strong>", "");
    let mut out = format!(
        "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{plain_title}</title>\n<style>{}{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        font_face()
    );
    for paragraph in &report.lead {
        out.push_str(&format!("<p>{}</p>\n", inline(paragraph)));
    }
    if !report.findings.rows.is_empty() {
        out.push_str("<h2>Findings</h2>\n<table>\n<thead><tr>");
        for heading in &report.findings.header {
            out.push_str(&format!("<th>{}</th>", inline(heading)));
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
            inline(&figure.heading),
            escape(&figure.heading.replace('\\', "")),
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
        assert_eq!(inline("a\\*b\\_c\\|d \\<i\\>"), "a*b_c|d &lt;i&gt;");
        assert_eq!(inline("x * y"), "x * y");
        let report = Report {
            title: "A & B".into(),
            lead: vec![],
            findings: Findings::default(),
            figures: vec![],
            footer: "f".into(),
        };
        let page = render(&report, &[]);
        assert!(page.starts_with("<html lang=\"en\">\n"));
        assert!(page
            .contains("@font-face{font-family:'DejaVu Sans';src:url(data:font/ttf;base64,AAEAAA"));
        assert!(page.contains("<h1>A &amp; B</h1>"));
        assert!(!page.contains("<table>"));
    }
}
