//! The HTML report: well-formed, self-contained, escaped, and with the expected structure.

use crate::{analyze, snapshot_settings};
use claimclash::report::html::html;

/// Tags in order, as (closing, name, class attribute), skipping the SVG picture's inside.
fn tags(page: &str) -> Vec<(bool, String, String)> {
    let mut out = Vec::new();
    let mut rest = page;
    let mut in_svg = false;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("every tag closes");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        if name == "svg" {
            in_svg = !closing;
            if closing {
                out.push((true, name, String::new()));
            } else {
                out.push((false, name, String::new()));
            }
            continue;
        }
        if in_svg {
            continue;
        }
        let class = tag
            .split("class=\"")
            .nth(1)
            .and_then(|c| c.split('"').next())
            .unwrap_or("")
            .to_string();
        out.push((closing, name, class));
    }
    out
}

/// An element tree, read from the tags.
struct Node {
    label: String,
    children: Vec<Node>,
}

fn outline(tags: &[(bool, String, String)]) -> String {
    let void = ["meta", "br", "img", "link", "hr", "input"];
    let mut stack: Vec<Node> = vec![Node {
        label: String::new(),
        children: Vec::new(),
    }];
    for (closing, name, class) in tags {
        if void.contains(&name.as_str()) {
            if let Some(top) = stack.last_mut() {
                top.children.push(Node {
                    label: name.clone(),
                    children: Vec::new(),
                });
            }
            continue;
        }
        if *closing {
            if stack.len() > 1 {
                let done = stack.pop().expect("an open element");
                if let Some(top) = stack.last_mut() {
                    top.children.push(done);
                }
            }
        } else {
            let label = if class.is_empty() {
                name.clone()
            } else {
                format!(
                    "{name}.{}",
                    class.split_whitespace().collect::<Vec<_>>().join(".")
                )
            };
            stack.push(Node {
                label,
                children: Vec::new(),
            });
        }
    }
    fn render(node: &Node, depth: usize, out: &mut String) -> String {
        let mut me = format!("{}{}\n", "  ".repeat(depth), node.label);
        let mut kids: Vec<(String, usize)> = Vec::new();
        for c in &node.children {
            let text = render(c, depth + 1, &mut String::new());
            match kids.last_mut() {
                Some((last, n)) if *last == text => *n += 1,
                _ => kids.push((text, 1)),
            }
        }
        for (text, n) in kids {
            if n > 1 {
                let mut lines = text.lines();
                let first = lines.next().unwrap_or("");
                me.push_str(&format!("{first} ×{n}\n"));
                for l in lines {
                    me.push_str(l);
                    me.push('\n');
                }
            } else {
                me.push_str(&text);
            }
        }
        out.push_str(&me);
        me
    }
    let mut out = String::new();
    for c in &stack[0].children {
        render(c, 0, &mut out);
    }
    out
}

/// Checks that every element closes in order (void elements aside).
fn well_formed(page: &str) {
    let void = ["meta", "br", "img", "link", "hr", "input"];
    let mut stack: Vec<String> = Vec::new();
    for (closing, name, _) in tags(page) {
        if void.contains(&name.as_str()) {
            continue;
        }
        if closing {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "</{name}> closes the wrong element"
            );
        } else {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn html_report_of_the_corpus() {
    let (analysis, rules, _) = analyze(&["tests/corpus"]);
    let page = html(&analysis, &rules);
    well_formed(&page);
    assert!(page.contains("<svg"), "the subject graph is drawn inline");
    for outside in ["<script", "src=\"http", "href=\"http", "<link"] {
        assert!(
            !page.contains(outside),
            "the page must be self-contained: found {outside}"
        );
    }
    // Structure only (elements and classes), so wording changes do not churn it; identical
    // sibling elements in a row are written once with their count.
    let skeleton = outline(&tags(&page));
    snapshot_settings().bind(|| insta::assert_snapshot!("corpus_html_structure", skeleton));
}

#[test]
fn article_markup_is_shown_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("x.md"),
        "---\nid: x\ndate: 2024-05-02\nsource: \"<b>Wire</b>\"\n---\n<script>alert(1)</script> Russia's Defense Ministry said troops were pulling back from the border.\n\nThe Pentagon said Russian forces were massing near the border <img src=x onerror=alert(2)>.\n",
    )
    .expect("write");
    let rules = crate::bundled_rules();
    let loaded = claimclash::article::load(&[dir.path().join("x.md")], &mut std::io::empty());
    let analysis = claimclash::analyze(&loaded.articles, &rules);
    assert_eq!(analysis.contradictions(), 1);
    let page = html(&analysis, analysis.rules(&rules));
    well_formed(&page);
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the script is shown as text"
    );
    assert!(!page.contains("<script") && !page.contains("<img") && !page.contains("<b>Wire"));
}

#[test]
fn the_dispute_page_has_contents_a_filter_and_a_picture_that_fits() {
    let (analysis, rules, _) = analyze(&["tests/corpus"]);
    let page = html(&analysis, &rules);
    assert!(page.contains("<nav class=\"toc\"><h2>Contents</h2>"));
    // The filter works without a script: radio buttons and one CSS rule per choice.
    assert!(page.contains("type=\"radio\" name=\"fs\" id=\"fs0\""));
    assert!(page.contains("body:has(#fs0:checked) .f:not(.s0){display:none}"));
    // Every card is linked from the contents, and long sections fold.
    for d in &analysis.disputes {
        let id = d.id(&analysis.claims);
        assert!(page.contains(&format!("href=\"#{id}\"")));
        assert!(page.contains(&format!("id=\"{id}\"")));
    }
    assert!(page.contains("<details"));
    // A fold counts what it hides in words that agree with the count.
    assert!(page.contains(">1 more sentence<") && !page.contains(">1 more sentences<"));
    assert!(page.contains(">4 more sentences<"));
    // The picture is laid out for a 1,000-pixel box with 13-pixel labels: at 1280 pixels
    // wide the box is at least 1,000 pixels, so labels stay at 13 px (at least 11).
    let svg = &page[page.find("<svg").expect("a picture")..];
    let svg = &svg[..svg.find("</svg>").expect("the picture closes")];
    assert!(svg.contains("viewBox=\"0 0 1000 ") && svg.contains("width=\"1000\""));
    for size in svg.split("font-size=\"").skip(1) {
        let px: f64 = size
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a size");
        assert!(px >= 11.0, "a label of {px} px");
    }
    for x in svg.split(" x=\"").skip(1) {
        let x: f64 = x
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a number");
        assert!((0.0..=1000.0).contains(&x), "x={x} outside the box");
    }
    // Trigger words are marked, not whole sentences.
    let marks: Vec<&str> = page
        .split("<mark>")
        .skip(1)
        .map(|m| &m[..m.find("</mark>").unwrap_or(0)])
        .collect();
    assert!(!marks.is_empty());
    assert!(
        marks.iter().all(|m| m.split_whitespace().count() <= 6),
        "{marks:?}"
    );
}
