//! Documents as PDF (minutes, a plan's yearly report): A4, in the standard
//! Helvetica and Helvetica-Bold that every reader has, so no font is embedded
//! and a typical document stays a few kilobytes. They are written in WinAnsiEncoding (Windows-1252), which has
//! å ä ö é §, dashes and typographic quotes. A document with any text WinAnsi
//! cannot show (ł, ş, Cyrillic, Arabic…) are written in DejaVu Sans, embedded
//! whole, instead: a name in a public record must never become "?". Text is
//! wrapped by measuring each glyph, and a new page starts whenever the next
//! line would not fit.

use std::sync::OnceLock;

use printpdf::{
    BuiltinFont, FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, TextItem,
};

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;
const PT_IN_MM: f32 = 25.4 / 72.0;

const REGULAR: BuiltinFont = BuiltinFont::Helvetica;
const BOLD: BuiltinFont = BuiltinFont::HelveticaBold;

static UNICODE_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static UNICODE_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// DejaVu Sans, parsed the first time a document needs it.
struct Unicode {
    regular: ParsedFont,
    bold: ParsedFont,
}

fn unicode() -> &'static Unicode {
    static FONTS: OnceLock<Unicode> = OnceLock::new();
    FONTS.get_or_init(|| Unicode {
        regular: ParsedFont::from_bytes(UNICODE_REGULAR, 0, &mut Vec::new()).expect("bundled font"),
        bold: ParsedFont::from_bytes(UNICODE_BOLD, 0, &mut Vec::new()).expect("bundled font"),
    })
}

/// Which fonts the whole document is written in.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Face {
    /// Helvetica in WinAnsi, not embedded.
    Standard,
    /// DejaVu Sans, embedded, for text WinAnsi cannot show.
    Unicode,
}

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

/// Whether the standard fonts can show the text (after `printable`).
fn fits_win_ansi(text: &str) -> bool {
    printable(text)
        .chars()
        .all(|c| c == '\n' || c == '\r' || c == '\t' || win_ansi(c).is_some())
}

/// The advance of one character in ems.
fn advance(face: Face, bold: bool, c: char) -> f32 {
    match face {
        Face::Standard => {
            let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
            let code = win_ansi(c).unwrap_or(b'?');
            f32::from(table[usize::from(code - 0x20)]) / 1000.0
        }
        Face::Unicode => {
            let f = unicode();
            let font = if bold { &f.bold } else { &f.regular };
            let units = font
                .lookup_glyph_index(c as u32)
                .and_then(|g| font.get_glyph_width(g))
                .unwrap_or(font.units_per_em / 2);
            f32::from(units) / f32::from(font.units_per_em)
        }
    }
}

/// The width of a text in millimetres at a size in points.
fn width(face: Face, bold: bool, size: f32, text: &str) -> f32 {
    text.chars().map(|c| advance(face, bold, c)).sum::<f32>() * size * PT_IN_MM
}

/// Lines no wider than `max` mm: words are kept whole unless one alone is
/// too wide; line breaks in the text are kept.
fn wrap(face: Face, bold: bool, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(face, bold, size, &candidate) <= max {
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
                if !line.is_empty() && width(face, bold, size, &next) > max {
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

/// What a document says, in order, before the fonts are chosen.
enum Block {
    Paragraph {
        text: String,
        bold: bool,
        size: f32,
    },
    /// A heading is not left alone at the foot of a page.
    KeepWithNext(f32),
    Space(f32),
}

#[derive(Default)]
pub struct Blocks(Vec<Block>);

impl Blocks {
    pub fn paragraph(&mut self, text: &str, bold: bool, size: f32) {
        self.0.push(Block::Paragraph {
            text: text.to_string(),
            bold,
            size,
        });
    }

    /// Starts a new page unless `mm` of space is left: keeps a heading with
    /// what follows it.
    pub fn keep_with_next(&mut self, mm: f32) {
        self.0.push(Block::KeepWithNext(mm));
    }

    pub fn space(&mut self, mm: f32) {
        self.0.push(Block::Space(mm));
    }

    /// The standard fonts when they can show every text, else DejaVu.
    fn face(&self, title: &str) -> Face {
        let all_win_ansi = fits_win_ansi(title)
            && self.0.iter().all(|b| match b {
                Block::Paragraph { text, .. } => fits_win_ansi(text),
                _ => true,
            });
        if all_win_ansi {
            Face::Standard
        } else {
            Face::Unicode
        }
    }
}

struct Writer {
    doc: PdfDocument,
    face: Face,
    /// DejaVu regular and bold, added to the document only when used.
    embedded: Option<(FontId, FontId)>,
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
    /// Where the next line's baseline goes, in mm from the bottom.
    y: f32,
}

impl Writer {
    fn new(title: &str, face: Face) -> Writer {
        let mut doc = PdfDocument::new(title);
        let embedded = (face == Face::Unicode).then(|| {
            let f = unicode();
            (doc.add_font(&f.regular), doc.add_font(&f.bold))
        });
        Writer {
            doc,
            face,
            embedded,
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
        let font = match &self.embedded {
            Some((regular, bold_id)) => {
                PdfFontHandle::External(if bold { bold_id } else { regular }.clone())
            }
            None => PdfFontHandle::Builtin(if bold { BOLD } else { REGULAR }),
        };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font,
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
        // DejaVu shows the text as written; Helvetica needs look-alikes.
        let text = match self.face {
            Face::Standard => printable(text),
            Face::Unicode => text.to_string(),
        };
        for line in wrap(self.face, bold, size, &text, PAGE_W - 2.0 * MARGIN) {
            self.line(&line, bold, size);
        }
    }

    fn write(&mut self, blocks: &Blocks) {
        for block in &blocks.0 {
            match block {
                Block::Paragraph { text, bold, size } => self.paragraph(text, *bold, *size),
                Block::KeepWithNext(mm) => {
                    if self.y - mm < MARGIN {
                        self.new_page();
                    }
                }
                Block::Space(mm) => self.y -= mm,
            }
        }
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

/// The blocks as a PDF document, in the standard fonts when they can show
/// every text, else in the embedded DejaVu Sans.
pub fn document(title: &str, blocks: &Blocks) -> Vec<u8> {
    let mut writer = Writer::new(title, blocks.face(title));
    writer.write(blocks);
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_line() {
        let text =
            "Överenskommelsegruppen beslutar att godkänna ansökan från Föreningen Ängsö § 12 "
                .repeat(6);
        let lines = wrap(Face::Standard, false, 10.5, &text, 170.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| width(Face::Standard, false, 10.5, l) <= 170.0)
        );
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
            let mm = width(Face::Standard, bold, 1000.0 * 72.0 / 25.4, text);
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
            assert!(
                advance(Face::Standard, false, c) > 0.0 && advance(Face::Standard, true, c) > 0.0,
                "{c:?}"
            );
        }
    }

    #[test]
    fn look_alikes_replace_what_winansi_lacks() {
        assert_eq!(printable("3\u{2212}2\u{2009}kr – ”å”"), "3-2 kr – ”å”");
    }

    #[test]
    fn a_word_too_long_for_a_line_is_broken() {
        let lines = wrap(Face::Standard, false, 12.0, &"å".repeat(300), 50.0);
        assert!(lines.len() > 3);
        assert!(
            lines
                .iter()
                .all(|l| width(Face::Standard, false, 12.0, l) <= 50.0)
        );
    }

    #[test]
    fn text_beyond_winansi_takes_the_embedded_font() {
        assert!(fits_win_ansi("Åsa Öberg – ”§ 3” 5\u{2212}6 kr"));
        for name in ["Łukasz", "Şahin", "Юлия", "فاطمة", "Ω"] {
            assert!(!fits_win_ansi(name), "{name}");
        }
        let mut blocks = Blocks::default();
        blocks.paragraph("Protokoll", true, 16.0);
        assert_eq!(blocks.face("Protokoll"), Face::Standard);
        blocks.paragraph("§ 1 Łukasz Şahin och Юлия", true, 12.0);
        assert_eq!(blocks.face("Protokoll"), Face::Unicode);
    }

    #[test]
    fn dejavu_widths_come_from_the_font() {
        // DejaVu Sans is 2048 units an em; "Ю" and "ł" have widths of their own.
        let em = 1000.0 * 72.0 / 25.4;
        let f = unicode();
        for c in ['a', 'Ł', 'ş', 'Ю', 'ж'] {
            let g = f.regular.lookup_glyph_index(c as u32).expect("a glyph");
            let units = f.regular.get_glyph_width(g).unwrap();
            let mm = width(Face::Unicode, false, em, &c.to_string());
            assert!((mm - f32::from(units) * 1000.0 / 2048.0).abs() < 1.0, "{c}");
        }
        assert!(width(Face::Unicode, true, em, "Юлия") > width(Face::Unicode, false, em, "Юлия"));
        let text = "Юлия Łukasz Şahin ".repeat(20);
        let lines = wrap(Face::Unicode, false, 10.5, &text, 170.0);
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|l| width(Face::Unicode, false, 10.5, l) <= 170.0)
        );
    }
}
