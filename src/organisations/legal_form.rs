//! SCB's codes for legal form (juridisk form) of the kinds of organisation
//! that take part in an agreement, with names in Swedish and English.
//!
//! Codes from SCB's classification of legal form in its business register
//! (Företagsregistret, variable "Juridisk form"), checked against Skatteverket's
//! table of legal forms and the authorities that assign organisation numbers.
//! Only a subset: the civil-society forms, limited and economic associations
//! used by social enterprises, and the public bodies on the other side of the
//! agreement. Codes that cannot sign (e.g. 10 natural persons, 91 estates of
//! deceased persons) are left out on purpose.

/// One legal form: SCB's two-digit code and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegalForm {
    pub code: &'static str,
    pub sv: &'static str,
    pub en: &'static str,
}

/// The legal forms the application knows, sorted by code.
pub const LEGAL_FORMS: &[LegalForm] = &[
    f(
        "49",
        "Övrigt aktiebolag",
        "Limited company (not a bank or insurer)",
    ),
    // 51 is every economic association that is not 53 or 54.
    f("51", "Ekonomisk förening", "Economic association"),
    f("53", "Bostadsrättsförening", "Housing cooperative"),
    f(
        "54",
        "Kooperativ hyresrättsförening",
        "Cooperative rental housing association",
    ),
    f("61", "Ideell förening", "Non-profit association"),
    f("62", "Samfällighet", "Joint property association"),
    f(
        "63",
        "Registrerat trossamfund",
        "Registered religious community",
    ),
    f("71", "Familjestiftelse", "Family foundation"),
    f("72", "Övrig stiftelse och fond", "Other foundation or fund"),
    f("81", "Statlig enhet", "Central government agency"),
    f("82", "Kommun", "Municipality"),
    f("83", "Kommunalförbund", "Local government federation"),
    // SCB's older label is "Landsting"; they have been called regions since 2019.
    f("84", "Region", "Region"),
];

const fn f(code: &'static str, sv: &'static str, en: &'static str) -> LegalForm {
    LegalForm { code, sv, en }
}

/// The legal form with this two-digit code, if it is one the application knows.
pub fn legal_form(code: &str) -> Option<&'static LegalForm> {
    LEGAL_FORMS.iter().find(|l| l.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_two_digits() {
        for pair in LEGAL_FORMS.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{:?} before {:?}",
                pair[0],
                pair[1]
            );
        }
        for l in LEGAL_FORMS {
            assert!(
                l.code.len() == 2 && l.code.bytes().all(|b| b.is_ascii_digit()),
                "{l:?}"
            );
            assert!(!l.sv.is_empty() && !l.en.is_empty(), "{l:?}");
        }
    }

    #[test]
    fn civil_society_forms_have_the_right_names() {
        let ideell = legal_form("61").unwrap();
        assert_eq!(
            (ideell.sv, ideell.en),
            ("Ideell förening", "Non-profit association")
        );
        let trossamfund = legal_form("63").unwrap();
        assert_eq!(trossamfund.sv, "Registrerat trossamfund");
        assert_eq!(trossamfund.en, "Registered religious community");
        assert_eq!(
            legal_form("72").map(|l| l.sv),
            Some("Övrig stiftelse och fond")
        );
        assert_eq!(legal_form("10"), None);
        assert_eq!(legal_form(""), None);
        assert_eq!(legal_form("6"), None);
    }
}
