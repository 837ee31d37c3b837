//! An e-mail address that has passed the only check: its constructor.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Trims and lower-cases the address, and accepts it only if it has one
    /// `@`, a non-empty local part, a dotted domain and no spaces.
    pub fn parse(input: &str) -> Result<Email, &'static str> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err("error-email-missing");
        }
        let valid = s.len() <= 254
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c))
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && local.len() <= 64
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if valid {
            Ok(Email(s))
        } else {
            Err("error-email-invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Email;

    #[test]
    fn accepts_and_normalises() {
        assert_eq!(
            Email::parse("  Anna@Exempel.SE ").unwrap().as_str(),
            "anna@exempel.se"
        );
        assert_eq!(
            Email::parse("ö.ä@förening.se").unwrap().as_str(),
            "ö.ä@förening.se"
        );
    }

    #[test]
    fn rejects_what_cannot_be_an_address() {
        for bad in [
            "",
            "   ",
            "anna",
            "anna@",
            "@exempel.se",
            "anna@exempel",
            "a b@exempel.se",
            "anna@@exempel.se",
            "anna@.se",
            "anna@exempel..se",
            "anna@exempel.se.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(Email::parse("").unwrap_err(), "error-email-missing");
    }
}
