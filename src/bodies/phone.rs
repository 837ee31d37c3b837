//! A Swedish work phone number: typed as people write it ("031-123 45 67",
//! "070-123 45 67", "+46 8 123 456 78"), stored in E.164 ("+46311234567"),
//! shown the Swedish way again.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

/// Area codes with two digits after the 0 (the others have three, but 08);
/// 010 is the nationwide code many public bodies use.
const TWO_DIGIT_AREAS: [&str; 21] = [
    "10", "11", "13", "16", "18", "19", "21", "23", "26", "31", "33", "35", "36", "40", "42", "44",
    "46", "54", "60", "63", "90",
];

impl Phone {
    pub fn parse(input: &str) -> Result<Phone, &'static str> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err("error-phone-missing");
        }
        if trimmed
            .chars()
            .any(|c| !(c.is_ascii_digit() || " -()+".contains(c)))
        {
            return Err("error-phone-invalid");
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let national = if let Some(rest) = trimmed.strip_prefix('+') {
            let rest: String = rest.chars().filter(char::is_ascii_digit).collect();
            match rest.strip_prefix("46") {
                Some(n) => n.trim_start_matches('0').to_string(),
                None => return Err("error-phone-swedish"),
            }
        } else if let Some(n) = digits.strip_prefix("0046") {
            n.trim_start_matches('0').to_string()
        } else if let Some(n) = digits.strip_prefix('0') {
            n.to_string()
        } else {
            return Err("error-phone-invalid");
        };
        if !(7..=9).contains(&national.len()) {
            return Err("error-phone-invalid");
        }
        Ok(Phone(format!("+46{national}")))
    }

    /// Trusts a value read back from the database.
    pub fn from_stored(e164: &str) -> Phone {
        Phone(e164.to_string())
    }

    pub fn e164(&self) -> &str {
        &self.0
    }

    /// "031-123 45 67", "08-123 456 78", "070-123 45 67", "0510-123 45".
    pub fn swedish(&self) -> String {
        let national = self.0.trim_start_matches("+46");
        let area_len = if national.starts_with('7')
            || TWO_DIGIT_AREAS.iter().any(|a| national.starts_with(a))
        {
            2
        } else if national.starts_with('8') {
            1
        } else {
            3
        };
        let (area, number) = national.split_at(area_len.min(national.len()));
        format!("0{area}-{}", group(number))
    }
}

/// Groups a subscriber number the Swedish way: 123 45 67, 123 456 78, 12 34 56.
fn group(number: &str) -> String {
    let sizes: &[usize] = match number.len() {
        8 => &[3, 3, 2],
        7 => &[3, 2, 2],
        6 => &[2, 2, 2],
        5 => &[3, 2],
        _ => &[],
    };
    if sizes.is_empty() {
        return number.to_string();
    }
    let mut parts = Vec::new();
    let mut i = 0;
    for size in sizes {
        parts.push(&number[i..i + size]);
        i += size;
    }
    parts.join(" ")
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.swedish())
    }
}

#[cfg(test)]
mod tests {
    use super::Phone;

    #[test]
    fn written_forms_become_e164_and_back() {
        for (input, e164, shown) in [
            ("031-123 45 67", "+46311234567", "031-123 45 67"),
            ("070-123 45 67", "+46701234567", "070-123 45 67"),
            ("+46 70 123 45 67", "+46701234567", "070-123 45 67"),
            ("0046 31 123 45 67", "+46311234567", "031-123 45 67"),
            ("08-123 456 78", "+46812345678", "08-123 456 78"),
            ("0510-123 45", "+4651012345", "0510-123 45"),
            ("010-000 00 01", "+46100000001", "010-000 00 01"),
            ("(031) 12 34 56", "+4631123456", "031-12 34 56"),
        ] {
            let phone = Phone::parse(input).unwrap();
            assert_eq!(phone.e164(), e164, "{input}");
            assert_eq!(phone.to_string(), shown, "{input}");
        }
    }

    #[test]
    fn what_is_not_a_swedish_number() {
        assert_eq!(Phone::parse(""), Err("error-phone-missing"));
        assert_eq!(Phone::parse("031-abc"), Err("error-phone-invalid"));
        assert_eq!(Phone::parse("12345"), Err("error-phone-invalid"));
        assert_eq!(Phone::parse("031-12"), Err("error-phone-invalid"));
        assert_eq!(Phone::parse("+47 22 12 34 56"), Err("error-phone-swedish"));
    }
}
