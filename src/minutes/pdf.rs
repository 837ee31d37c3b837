//! Minutes as a PDF: A4, in the standard Helvetica and Helvetica-Bold that
//! every reader has, so no font is embedded and a typical protocol stays a few
//! kilobytes. They are written in WinAnsiEncoding (Windows-1252), which has
//! å ä ö é §, dashes and typographic quotes; text is wrapped by measuring each
//! glyph, and a new page starts whenever the next line would not fit.

use std::sync::OnceLock;

use printpdf::{
    BuiltinFont, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, TextItem,
};

use super::{Correction, Minutes, Section, subject_link};
use crate::agreements::{Agreement, long_date};
use crate::meetings::Meeting;
use crate::web::i18n::Lang;

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;
const PT_IN_MM: f32 = 25.4 / 72.0;

const REGULAR: BuiltinFont = BuiltinFont::Helvetica;
const BOLD: BuiltinFont = BuiltinFont::HelveticaBold;

/// Metrics only: printpdf ships Helvetica-compatible outlines with the
/// standard widths, which is what every reader lays the glyphs out with.
struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: REGULAR
            .get_parsed_font()
            .expect("printpdf's Helvetica metrics"),
        bold: BOLD
            .get_parsed_font()
            .expect("printpdf's Helvetica metrics"),
    })
}

/// The text as the standard fonts can show it: WinAnsi has no code for a
/// few characters people paste in, so they become their nearest look-alike
/// (anything else unknown prints as "?").
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => '-',
            '\u{2007}' | '\u{2009}' | '\u{200A}' | '\u{202F}' | '\u{2002}' | '\u{2003}' => ' ',
            '\u{2032}' => '\'',
            '\u{2033}' => '"',
            other => other,
        })
        .collect()
}

/// The advance of one character in ems.
fn advance(bold: bool, c: char) -> f32 {
    // printpdf's metric fonts lack the space and map ” to another glyph;
    // these are the AFM widths.
    match c {
        ' ' | '\u{a0}' => return 0.278,
        '\u{ad}' => return 0.333,
        '\u{201d}' => return if bold { 0.5 } else { 0.333 },
        _ => {}
    }
    let f = fonts();
    let font = if bold { &f.bold } else { &f.regular };
    let units = font
        .lookup_glyph_index(c as u32)
        .and_then(|g| font.get_glyph_width(g))
        // Unknown characters print as "?".
        .unwrap_or(1139);
    f32::from(units) / f32::from(font.units_per_em)
}

/// The width of a text in millimetres at a size in points.
fn width(bold: bool, size: f32, text: &str) -> f32 {
    text.chars().map(|c| advance(bold, c)).sum::<f32>() * size * PT_IN_MM
}

/// Lines no wider than `max` mm: words are kept whole unless one alone is
/// too wide; line breaks in the text are kept.
fn wrap(bold: bool, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(bold, size, &candidate) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is broken where it must be.
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if !line.is_empty() && width(bold, size, &next) > max {
                    lines.push(std::mem::take(&mut line));
                    next = c.to_string();
                }
                line = next;
            }
        }
        lines.push(line);
    }
    lines
}

struct Writer {
    doc: PdfDocument,
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
    /// Where the next line's baseline goes, in mm from the bottom.
    y: f32,
}

impl Writer {
    fn new(title: &str) -> Writer {
        Writer {
            doc: PdfDocument::new(title),
            pages: Vec::new(),
            ops: Vec::new(),
            y: PAGE_H - MARGIN,
        }
    }

    fn new_page(&mut self) {
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
        self.y = PAGE_H - MARGIN;
    }

    fn line(&mut self, text: &str, bold: bool, size: f32) {
        let height = size * 1.4 * PT_IN_MM;
        if self.y - height < MARGIN {
            self.new_page();
        }
        self.y -= height;
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::Builtin(if bold { BOLD } else { REGULAR }),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Mm(MARGIN).into(),
                    y: Mm(self.y).into(),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    fn paragraph(&mut self, text: &str, bold: bool, size: f32) {
        for line in wrap(bold, size, &printable(text), PAGE_W - 2.0 * MARGIN) {
            self.line(&line, bold, size);
        }
    }

    /// A heading is not left alone at the foot of a page.
    fn keep_with_next(&mut self, mm: f32) {
        if self.y - mm < MARGIN {
            self.new_page();
        }
    }

    fn space(&mut self, mm: f32) {
        self.y -= mm;
    }

    fn finish(mut self) -> Vec<u8> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let pages = std::mem::take(&mut self.pages);
        self.doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut Vec::new())
    }
}

pub struct Input<'a> {
    pub lang: Lang,
    pub agreement: &'a Agreement,
    pub meeting: &'a Meeting,
    pub minutes: &'a Minutes,
    pub sections: &'a [Section],
    pub subjects: &'a [(String, String)],
    pub corrections: &'a [Correction],
}

/// The minutes as a PDF document.
pub fn minutes(input: &Input<'_>) -> Vec<u8> {
    let lang = input.lang;
    let m = input.minutes;
    let title = lang.t_with(
        &format!("minutes-title-{}", m.kind),
        &[("meeting", input.meeting.title.clone())],
    );
    let mut w = Writer::new(&title);
    w.paragraph(&input.agreement.name, false, 9.0);
    w.space(2.0);
    w.paragraph(&title, true, 16.0);
    w.space(2.0);
    let mut facts: Vec<(String, String)> = Vec::new();
    if let Some(body) = &input.meeting.body_name {
        facts.push((lang.t("minutes-body"), body.clone()));
    }
    facts.push((lang.t("minutes-when"), input.meeting.when(lang)));
    if !input.meeting.venue_name.is_empty() {
        facts.push((lang.t("minutes-where"), input.meeting.venue_name.clone()));
    }
    for (key, value) in [
        ("minutes-chair", &m.chair),
        ("minutes-secretary", &m.secretary),
        ("minutes-present", &m.present),
        ("minutes-adjusters", &m.adjusters),
    ] {
        if !value.is_empty() {
            facts.push((lang.t(key), value.clone()));
        }
    }
    if let Some(on) = &m.adjusted_on {
        facts.push((lang.t("minutes-adjusted-on"), long_date(lang, on)));
    }
    for (label, value) in facts {
        w.paragraph(&format!("{label}: {value}"), false, 10.0);
    }
    for c in input.corrections {
        w.paragraph(
            &lang.t_with(
                "minutes-corrected",
                &[("date", c.at.clone()), ("reason", c.reason.clone())],
            ),
            false,
            10.0,
        );
    }
    for s in input.sections {
        w.space(5.0);
        w.keep_with_next(20.0);
        w.paragraph(&format!("{} {}", s.label(), s.title), true, 12.0);
        if !s.discussion.is_empty() {
            w.space(1.0);
            w.paragraph(&s.discussion, false, 10.5);
        }
        if !s.decision.is_empty() {
            w.space(1.5);
            w.keep_with_next(10.0);
            w.paragraph(&lang.t("minutes-decision"), true, 10.5);
            w.paragraph(&s.decision, false, 10.5);
        }
        if let Some((_, label)) = subject_link(
            &input.agreement.slug,
            &s.subject_kind,
            s.subject_id,
            input.subjects,
        ) {
            w.paragraph(
                &format!("{}: {label}", lang.t("minutes-concerns")),
                false,
                9.0,
            );
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_line() {
        let text =
            "Överenskommelsegruppen beslutar att godkänna ansökan från Föreningen Ängsö § 12 "
                .repeat(6);
        let lines = wrap(false, 10.5, &text, 170.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| width(false, 10.5, l) <= 170.0));
        assert_eq!(
            lines.join(" ").split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn widths_are_helveticas_own() {
        // Adobe's AFM widths (thousandths of an em), which readers use to
        // place the standard fonts: wrapping must measure the same.
        for (bold, text, afm) in [
            (false, "a", 556),
            (false, "i", 222),
            (false, "W", 944),
            (false, " ", 278),
            (false, "åäöÅÄÖé§–”", 556 * 6 + 667 * 2 + 778 + 333),
            (true, "i", 278),
            (
                true,
                "§ 12 Ärende",
                556 * 3 + 278 * 2 + 722 + 389 + 556 * 2 + 611 * 2,
            ),
        ] {
            let mm = width(bold, 1000.0 * 72.0 / 25.4, text);
            assert!((mm - afm as f32).abs() < 1.0, "{text:?}: {mm} ≠ {afm}");
        }
    }

    #[test]
    fn look_alikes_replace_what_winansi_lacks() {
        assert_eq!(printable("3\u{2212}2\u{2009}kr – ”å”"), "3-2 kr – ”å”");
    }

    #[test]
    fn a_word_too_long_for_a_line_is_broken() {
        let lines = wrap(false, 12.0, &"å".repeat(300), 50.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| width(false, 12.0, l) <= 50.0));
    }
}
