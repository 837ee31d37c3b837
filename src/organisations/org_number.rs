//! The organisation number (organisationsnummer): ten digits, NNNNNN-NNNN,
//! whose last digit is a Luhn check digit and whose third and fourth digits
//! together are at least 20, which is what tells it apart from a personal
//! identity number. The twelve-digit form with the prefix 16 is accepted and
//! shortened.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrgNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgNumberError {
    Empty,
    BadCharacters,
    WrongLength,
    /// Looks like a personal identity number: never accepted or stored.
    PersonalNumber,
    CheckDigit,
}

impl OrgNumberError {
    /// The translation key of the message shown at the field.
    pub fn message_key(self) -> &'static str {
        match self {
            OrgNumberError::Empty => "error-org-number-missing",
            OrgNumberError::BadCharacters => "error-org-number-characters",
            OrgNumberError::WrongLength => "error-org-number-length",
            OrgNumberError::PersonalNumber => "error-org-number-personal",
            OrgNumberError::CheckDigit => "error-org-number-check",
        }
    }
}

impl OrgNumber {
    pub fn parse(input: &str) -> Result<OrgNumber, OrgNumberError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(OrgNumberError::Empty);
        }
        // Spaces and one hyphen are how people write it; nothing else belongs.
        let mut digits = Vec::with_capacity(12);
        let mut hyphens = 0;
        for c in trimmed.chars() {
            match c {
                '0'..='9' => digits.push(c as u8 - b'0'),
                '-' => hyphens += 1,
                ' ' => {}
                _ => return Err(OrgNumberError::BadCharacters),
            }
        }
        if hyphens > 1 {
            return Err(OrgNumberError::BadCharacters);
        }
        let digits = match digits.len() {
            10 => &digits[..],
            12 if digits[..2] == [1, 6] => &digits[2..],
            12 => return Err(OrgNumberError::PersonalNumber),
            _ => return Err(OrgNumberError::WrongLength),
        };
        if digits[2] * 10 + digits[3] < 20 {
            return Err(OrgNumberError::PersonalNumber);
        }
        if luhn_check_digit(&digits[..9]) != digits[9] {
            return Err(OrgNumberError::CheckDigit);
        }
        let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        Ok(OrgNumber(format!("{}-{}", &text[..6], &text[6..])))
    }

    /// NNNNNN-NNNN.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The digit that makes the Luhn sum of `nine` plus it divisible by ten.
pub fn luhn_check_digit(nine: &[u8]) -> u8 {
    let sum: u32 = nine
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let v = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::{OrgNumber, OrgNumberError::*};

    #[test]
    fn valid_numbers_in_every_written_form() {
        // Västra Götalandsregionen's published organisation number.
        for input in [
            "232100-0131",
            "2321000131",
            " 232100 - 0131 ",
            "16232100-0131",
            "162321000131",
        ] {
            assert_eq!(
                OrgNumber::parse(input).unwrap().as_str(),
                "232100-0131",
                "{input:?}"
            );
        }
        assert_eq!(
            OrgNumber::parse("802000-0009").map(|n| n.to_string()),
            Ok("802000-0009".into())
        );
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        assert_eq!(OrgNumber::parse("232100-0132"), Err(CheckDigit));
        assert_eq!(OrgNumber::parse("802000-0003"), Err(CheckDigit));
    }

    #[test]
    fn personal_identity_numbers_are_refused() {
        // A fictitious date of birth: month 12 in the third and fourth digits.
        assert_eq!(OrgNumber::parse("811218-9876"), Err(PersonalNumber));
        assert_eq!(OrgNumber::parse("19811218-9876"), Err(PersonalNumber));
        assert_eq!(OrgNumber::parse("20011218-9876"), Err(PersonalNumber));
        assert_eq!(OrgNumber::parse("551900-0000"), Err(PersonalNumber));
    }

    #[test]
    fn bad_characters_and_lengths() {
        assert_eq!(OrgNumber::parse(""), Err(Empty));
        assert_eq!(OrgNumber::parse("   "), Err(Empty));
        assert_eq!(OrgNumber::parse("232100_0131"), Err(BadCharacters));
        assert_eq!(OrgNumber::parse("2321OO-0131"), Err(BadCharacters));
        assert_eq!(OrgNumber::parse("232100--0131"), Err(BadCharacters));
        assert_eq!(OrgNumber::parse("٢٣٢١٠٠-٠١٣١"), Err(BadCharacters));
        assert_eq!(OrgNumber::parse("232100-013"), Err(WrongLength));
        assert_eq!(OrgNumber::parse("232100-01311"), Err(WrongLength));
    }
}
