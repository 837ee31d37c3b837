//! Highlighted snippets: the stretch of a text with the most matches, HTML
//! escaped, matches in <mark>. Written here rather than taken from tantivy's
//! SnippetGenerator, which does not mark words found through typo tolerance.

use std::collections::{HashMap, HashSet};

use tantivy::tokenizer::TextAnalyzer;

use super::analyzer::{self, tokens, within_one_edit};

/// About this many characters of text around the matches.
const WINDOW: usize = 220;
/// Texts longer than this are only searched for a snippet in their start.
const SCAN: usize = 100_000;

/// What counts as a match: stems of the words, the words as typed (with one
/// typo allowed in longer ones), and the words of phrases.
pub struct Highlighter {
    stemmed: TextAnalyzer,
    exact: TextAnalyzer,
    stems: HashSet<String>,
    words: HashSet<String>,
    fuzzy: Vec<String>,
}

impl Highlighter {
    pub fn new(stems: HashSet<String>, words: HashSet<String>, fuzzy: Vec<String>) -> Self {
        Highlighter {
            stemmed: analyzer::stemmed(),
            exact: analyzer::exact(),
            stems,
            words,
            fuzzy,
        }
    }

    fn matches(&mut self, text: &str) -> Vec<std::ops::Range<usize>> {
        let stems: HashMap<usize, String> = tokens(&mut self.stemmed, text)
            .into_iter()
            .map(|(t, r)| (r.start, t))
            .collect();
        tokens(&mut self.exact, text)
            .into_iter()
            .filter(|(word, range)| {
                self.words.contains(word)
                    || stems
                        .get(&range.start)
                        .is_some_and(|s| self.stems.contains(s))
                    || self.fuzzy.iter().any(|f| within_one_edit(f, word))
            })
            .map(|(_, r)| r)
            .collect()
    }

    /// The whole (short) text with its matches marked, e.g. for a title.
    pub fn mark_all(&mut self, text: &str) -> String {
        let ranges = self.matches(text);
        marked(text, 0, text.len(), &ranges)
    }

    /// A window of a longer text, around its best cluster of matches; the
    /// text's start when nothing in it matches.
    pub fn snippet(&mut self, text: &str) -> String {
        let scan = floor_char(text, SCAN.min(text.len()));
        let text = &text[..scan];
        let ranges = self.matches(text);
        let best = ranges
            .iter()
            .enumerate()
            .max_by_key(|(i, r)| {
                let count = ranges[*i..]
                    .iter()
                    .take_while(|o| o.end <= r.start + WINDOW)
                    .count();
                (count, std::cmp::Reverse(r.start))
            })
            .map(|(_, r)| r.start);
        let (start, end) = match best {
            Some(at) => {
                let start = word_start(text, at.saturating_sub(WINDOW / 5));
                (start, word_end(text, start + WINDOW))
            }
            None => (0, word_end(text, WINDOW)),
        };
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.push_str(&marked(text, start, end, &ranges));
        if end < text.len() {
            out.push('…');
        }
        out
    }
}

fn marked(text: &str, start: usize, end: usize, ranges: &[std::ops::Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = start;
    for r in ranges.iter().filter(|r| r.start >= start && r.end <= end) {
        out.push_str(&escape(&text[at..r.start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[r.start..r.end]));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&escape(&text[at..end]));
    out
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Moves back to the start of the word `i` is in.
fn word_start(text: &str, i: usize) -> usize {
    let i = floor_char(text, i.min(text.len()));
    text[..i]
        .rfind(char::is_whitespace)
        .map(|p| p + 1)
        .unwrap_or(0)
}

/// Moves on to the end of the word `i` is in.
fn word_end(text: &str, i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    let i = floor_char(text, i);
    text[i..]
        .find(char::is_whitespace)
        .map(|p| i + p)
        .unwrap_or(text.len())
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn highlighter(stems: &[&str], words: &[&str], fuzzy: &[&str]) -> Highlighter {
        Highlighter::new(
            stems.iter().map(|s| s.to_string()).collect(),
            words.iter().map(|s| s.to_string()).collect(),
            fuzzy.iter().map(|s| s.to_string()).collect(),
        )
    }

    #[test]
    fn marks_stems_typos_and_escapes() {
        let mut h = highlighter(&["förening"], &[], &["samverkan"]);
        assert_eq!(
            h.mark_all("Föreningarnas <samverkan> & samvärkan"),
            "<mark>Föreningarnas</mark> &lt;<mark>samverkan</mark>&gt; &amp; <mark>samvärkan</mark>"
        );
    }

    #[test]
    fn snippet_centres_on_the_matches() {
        let text = format!(
            "{} tidig dialog om stöd {}",
            "ord ".repeat(200),
            "slut ".repeat(200)
        );
        let mut h = highlighter(&[], &["dialog"], &[]);
        let s = h.snippet(&text);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("tidig <mark>dialog</mark> om"), "{s}");
        assert!(s.chars().count() < WINDOW + 60, "{s}");
    }

    #[test]
    fn no_match_gives_the_start() {
        let mut h = highlighter(&[], &["saknas"], &[]);
        assert_eq!(h.snippet("Kort text."), "Kort text.");
    }
}
