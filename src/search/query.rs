//! The search box's syntax: words (all must match, each forgiving one typo),
//! "exact phrases" in double quotes, and -words to leave out. Anything else
//! is a word; no input is an error, at worst it finds nothing.

/// The longest query read; the rest is ignored.
pub const MAX_CHARS: usize = 200;
/// At most this many words and phrases count.
pub const MAX_PARTS: usize = 12;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub words: Vec<String>,
    pub phrases: Vec<String>,
    pub excluded: Vec<String>,
}

impl Parsed {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

pub fn parse(input: &str) -> Parsed {
    let input: String = input.chars().take(MAX_CHARS).collect();
    let mut parsed = Parsed::default();
    let mut rest = input.as_str();
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('"') {
            // An unclosed quote runs to the end.
            let (phrase, tail) = after.split_once('"').unwrap_or((after, ""));
            if !phrase.trim().is_empty() {
                parsed.phrases.push(phrase.trim().to_string());
            }
            rest = tail;
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        rest = tail;
        match word.strip_prefix('-') {
            Some(excluded) if !excluded.is_empty() => parsed.excluded.push(excluded.to_string()),
            Some(_) => {}
            None if !word.is_empty() => parsed.words.push(word.to_string()),
            None => {}
        }
    }
    parsed.phrases.truncate(MAX_PARTS);
    parsed
        .words
        .truncate(MAX_PARTS - parsed.phrases.len().min(MAX_PARTS));
    parsed.excluded.truncate(MAX_PARTS);
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_and_exclusions() {
        let p = parse(r#"förening "tidig dialog" -idrott  Borås"#);
        assert_eq!(p.words, ["förening", "Borås"]);
        assert_eq!(p.phrases, ["tidig dialog"]);
        assert_eq!(p.excluded, ["idrott"]);
    }

    #[test]
    fn odd_input_is_never_an_error() {
        assert!(parse("").is_empty());
        assert!(parse("\"").is_empty());
        assert!(parse(" - \"\" ").is_empty());
        assert_eq!(parse("\"öppen insyn").phrases, ["öppen insyn"]);
        assert_eq!(parse(&"a ".repeat(500)).words.len(), MAX_PARTS);
    }
}
