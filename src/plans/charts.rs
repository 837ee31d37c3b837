//! SVG charts of progress and indicators, each with a table of the same numbers.
//! The charts are written by hand: horizontal bars, one per row of the table.

/// One bar: its label, its value, and the value as the page writes it.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
    /// A reference (baseline or target), drawn lighter; its label says what it is.
    pub reference: bool,
}

const WIDTH: f64 = 560.0;
const LABEL_H: f64 = 18.0;
const BAR_H: f64 = 18.0;
const GAP: f64 = 12.0;
/// Room at the right for the value written after the longest bar.
const VALUE_ROOM: f64 = 70.0;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart: a label above each bar, the value after it. The
/// scale runs from 0 to `max` (or the largest value, if larger). `id` makes
/// the title's and description's ids unique on the page.
pub fn bar_chart(id: &str, title: &str, desc: &str, bars: &[Bar], max: f64) -> String {
    let max = bars
        .iter()
        .map(|b| b.value)
        .fold(max, f64::max)
        .max(f64::EPSILON);
    let row = LABEL_H + BAR_H + GAP;
    let height = (row * bars.len() as f64 + 4.0).max(row);
    let scale = (WIDTH - VALUE_ROOM) / max;
    let mut svg = format!(
        "<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"bar-chart plan-chart\" \
         width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
    svg.push_str(&format!(
        "<line x1=\"0.5\" y1=\"0\" x2=\"0.5\" y2=\"{height}\" class=\"axis\"/>"
    ));
    for (i, bar) in bars.iter().enumerate() {
        let top = row * i as f64;
        let w = (bar.value.max(0.0) * scale).round();
        svg.push_str(&format!(
            "<text x=\"4\" y=\"{}\">{}</text>",
            top + LABEL_H - 5.0,
            escape(&bar.label)
        ));
        svg.push_str(&format!(
            "<rect x=\"1\" y=\"{}\" width=\"{w}\" height=\"{BAR_H}\" class=\"bar\"{}/>",
            top + LABEL_H,
            if bar.reference {
                " fill-opacity=\"0.45\""
            } else {
                ""
            }
        ));
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\">{}</text>",
            w + 6.0,
            top + LABEL_H + BAR_H - 4.0,
            escape(&bar.shown)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_an_image_with_a_title_and_escaped_labels() {
        let svg = bar_chart(
            "c1",
            "Framsteg <per område>",
            "Tre områden",
            &[
                Bar {
                    label: "A & B".into(),
                    value: 50.0,
                    shown: "50 %".into(),
                    reference: false,
                },
                Bar {
                    label: "C".into(),
                    value: 100.0,
                    shown: "100 %".into(),
                    reference: true,
                },
            ],
            100.0,
        );
        assert!(svg.starts_with("<svg role=\"img\" aria-labelledby=\"c1-title c1-desc\""));
        assert!(svg.contains("<title id=\"c1-title\">Framsteg &lt;per område&gt;</title>"));
        assert!(svg.contains(">A &amp; B</text>"));
        assert_eq!(svg.matches("<rect").count(), 2);
        // The longest bar leaves room for its value.
        assert!(svg.contains(&format!("width=\"{}\"", WIDTH - VALUE_ROOM)));
    }
}
