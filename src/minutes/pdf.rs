//! Minutes as a PDF: A4, DejaVu Sans embedded (subset) so that å, ä, ö and
//! § come out right in every reader, text wrapped by measuring each glyph,
//! and a new page whenever the next line would not fit.

use std::sync::OnceLock;

use printpdf::{
    FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    TextItem,
};

use super::{Correction, Minutes, Section, subject_link};
use crate::agreements::{Agreement, long_date};
use crate::meetings::Meeting;
use crate::web::i18n::Lang;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;
const PT_IN_MM: f32 = 25.4 / 72.0;

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new()).expect("bundled font"),
        bold: ParsedFont::from_bytes(BOLD, 0, &mut Vec::new()).expect("bundled font"),
    })
}

/// The width of a text in millimetres at a size in points.
fn width(font: &ParsedFont, size: f32, text: &str) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| {
            font.lookup_glyph_index(c as u32)
                .and_then(|g| font.get_glyph_width(g))
                .unwrap_or(font.units_per_em / 2) as u32
        })
        .sum();
    units as f32 / f32::from(font.units_per_em) * size * PT_IN_MM
}

/// Lines no wider than `max` mm: words are kept whole unless one alone is
/// too wide; line breaks in the text are kept.
fn wrap(font: &ParsedFont, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(font, size, &candidate) <= max {
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
                if !line.is_empty() && width(font, size, &next) > max {
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
    regular: FontId,
    bold: FontId,
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
    /// Where the next line's baseline goes, in mm from the bottom.
    y: f32,
}

impl Writer {
    fn new(title: &str) -> Writer {
        let mut doc = PdfDocument::new(title);
        let f = fonts();
        let regular = doc.add_font(&f.regular);
        let bold = doc.add_font(&f.bold);
        Writer {
            doc,
            regular,
            bold,
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
        let font = if bold { &self.bold } else { &self.regular };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
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
        let f = fonts();
        let font = if bold { &f.bold } else { &f.regular };
        for line in wrap(font, size, text, PAGE_W - 2.0 * MARGIN) {
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
        let f = fonts();
        let text =
            "Överenskommelsegruppen beslutar att godkänna ansökan från Föreningen Ängsö § 12 "
                .repeat(6);
        let lines = wrap(&f.regular, 10.5, &text, 170.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| width(&f.regular, 10.5, l) <= 170.0));
        assert_eq!(
            lines.join(" ").split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_word_too_long_for_a_line_is_broken() {
        let f = fonts();
        let lines = wrap(&f.regular, 12.0, &"å".repeat(300), 50.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| width(&f.regular, 12.0, l) <= 50.0));
    }
}
