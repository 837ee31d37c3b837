//! Minutes as a PDF: A4, in the standard Helvetica and Helvetica-Bold that
//! every reader has, so no font is embedded and a typical protocol stays a few
//! kilobytes. They are written in WinAnsiEncoding (Windows-1252), which has
//! å ä ö é §, dashes and typographic quotes; text is wrapped by measuring each
//! glyph, and a new page starts whenever the next line would not fit.

use printpdf::{
    BuiltinFont, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
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

/// Advance widths in thousandths of an em of WinAnsi codes 0x20..=0xFF, from
/// Adobe's Helvetica and Helvetica-Bold AFM files: the widths readers place
/// the standard fonts with, so wrapping measures what will be shown.
#[rustfmt::skip]
const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    744, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 549, 333, 333, 333, 576, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 549, 611, 556, 556, 556, 556, 500, 556, 500,
];
#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    744, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 549, 333, 333, 333, 576, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 549, 611, 611, 611, 611, 611, 556, 611, 556,
];

/// The WinAnsiEncoding (Windows-1252) code of a character, as printpdf
/// writes it; other characters print as "?".
fn win_ansi(c: char) -> Option<u8> {
    const HIGH: &str = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";
    match c as u32 {
        0x20..=0x7E | 0xA0..=0xFF => Some(c as u8),
        _ if c == '\0' => None,
        _ => HIGH.chars().position(|h| h == c).map(|i| 0x80 + i as u8),
    }
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
    let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
    let code = win_ansi(c).unwrap_or(b'?');
    f32::from(table[usize::from(code - 0x20)]) / 1000.0
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
    fn every_winansi_character_has_a_width() {
        let high = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
        assert_eq!(win_ansi('–'), Some(0x96));
        assert_eq!(win_ansi('å'), Some(0xE5));
        assert_eq!(win_ansi('ł'), None);
        for c in (' '..='~').chain('\u{a0}'..='ÿ').chain(high.chars()) {
            assert!(win_ansi(c).is_some(), "{c:?}");
            assert!(advance(false, c) > 0.0 && advance(true, c) > 0.0, "{c:?}");
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
