//! Markdown written by editors, rendered to HTML. Raw HTML in the source is
//! shown as text, never passed through, so no editor can inject markup or
//! script; headings start at h2 because the page has its own h1.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub fn to_html(source: &str) -> String {
    let shift = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let safe_link = |url: &str| {
        ["https://", "http://", "mailto:", "/", "#"]
            .iter()
            .any(|p| url.starts_with(p))
    };
    // Links may only go to the web or to mail; the text of any other stays.
    let mut dropped_link = false;
    let mut events = Vec::new();
    for event in Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        events.push(match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: shift(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
            Event::Start(Tag::Link { ref dest_url, .. }) if !safe_link(dest_url) => {
                dropped_link = true;
                continue;
            }
            Event::End(TagEnd::Link) if dropped_link => {
                dropped_link = false;
                continue;
            }
            other => other,
        });
    }
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// The words of Markdown without its marks, for search and snippets.
pub fn to_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for event in Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.push('\n'),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::{to_html, to_text};

    #[test]
    fn text_without_marks() {
        assert_eq!(
            to_text("# Rubrik\n\nDet **viktiga** är [länken](https://example.se).\n\n- ett\n- två"),
            "Rubrik\nDet viktiga är länken.\nett\ntvå"
        );
    }

    #[test]
    fn renders_text_and_shifts_headings() {
        let html = to_html("# Syfte\n\nParterna *samverkar*.\n\n- dialog\n- mångfald");
        assert!(html.contains("<h2>Syfte</h2>"));
        assert!(html.contains("<em>samverkar</em>"));
        assert!(html.contains("<li>mångfald</li>"));
    }

    #[test]
    fn raw_html_and_script_links_are_neutralised() {
        let html = to_html(
            "<script>alert(1)</script>\n\nText <b onclick=x>fet</b> [klick](javascript:alert(1))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("klick") && !html.contains("</a>"), "{html}");
    }
}
