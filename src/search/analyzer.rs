//! How text becomes search terms. Two analyzers: "stemmed" (Swedish
//! Snowball stems without stop words: "föreningar" and "förening" meet) for
//! ranking, and "exact" (lower-cased words as written) for phrases in quotes
//! and for typo tolerance, which must compare what was typed with what was
//! written, not with stems. Letters å, ä and ö are letters of their own,
//! kept as they are (folding them would make "får" match "far").

use std::ops::Range;

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};

pub const STEMMED: &str = "sv_stemmed";
pub const EXACT: &str = "sv_exact";

/// Longer "words" are noise (hashes, URLs) and are dropped.
const LONGEST_WORD: usize = 40;

pub fn stemmed() -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser);
    match StopWordFilter::new(Language::Swedish) {
        Some(stop) => builder
            .filter_dynamic(stop)
            .filter_dynamic(Stemmer::new(Language::Swedish))
            .build(),
        None => builder
            .filter_dynamic(Stemmer::new(Language::Swedish))
            .build(),
    }
}

pub fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .build()
}

pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(STEMMED, stemmed());
    index.tokenizers().register(EXACT, exact());
}

/// The terms of a text with where each came from in it.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push((token.text.clone(), token.offset_from..token.offset_to));
    }
    out
}

/// The terms alone.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    tokens(analyzer, text).into_iter().map(|(t, _)| t).collect()
}

/// True when `a` becomes `b` with at most one insertion, deletion,
/// substitution or swap of neighbours (Damerau–Levenshtein distance ≤ 1),
/// the tolerance the index's fuzzy terms use.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && a[diff[0]] == b[diff[1]]
                    && a[diff[1]] == b[diff[0]])
        }
        1 => {
            let first = (0..short.len())
                .find(|&i| short[i] != long[i])
                .unwrap_or(short.len());
            short[first..] == long[first + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_stems_meet() {
        let mut a = stemmed();
        assert_eq!(terms(&mut a, "föreningar"), terms(&mut a, "förening"));
        assert_eq!(terms(&mut a, "Föreningen"), terms(&mut a, "förening"));
        assert_eq!(
            terms(&mut a, "handlingsplanen"),
            terms(&mut a, "handlingsplan")
        );
        // Stop words do not count.
        assert_eq!(terms(&mut a, "och i att"), Vec::<String>::new());
    }

    #[test]
    fn exact_keeps_swedish_letters_and_lowers_them() {
        let mut a = exact();
        assert_eq!(
            terms(&mut a, "ÅRSMÖTE i Göteborg"),
            ["årsmöte", "i", "göteborg"]
        );
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("förening", "förenig"));
        assert!(within_one_edit("förening", "förenimg"));
        assert!(within_one_edit("förening", "föreningg"));
        assert!(within_one_edit("förening", "föerning"));
        assert!(within_one_edit("göteborg", "goteborg"));
        assert!(!within_one_edit("förening", "förenigr"));
        assert!(!within_one_edit("förening", "ening"));
    }
}
