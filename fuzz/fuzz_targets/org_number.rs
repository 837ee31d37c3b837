//! Feeds arbitrary input to the organisation-number parser: it must never
//! panic, and whatever it accepts must print in the one canonical form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use overens::organisations::org_number::OrgNumber;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(number) = OrgNumber::parse(input) else {
        return;
    };
    let shown = number.to_string();
    assert_eq!(shown, number.as_str());
    assert_eq!(shown.len(), 11, "{shown:?}");
    for (i, c) in shown.chars().enumerate() {
        if i == 6 {
            assert_eq!(c, '-', "{shown:?}");
        } else {
            assert!(c.is_ascii_digit(), "{shown:?}");
        }
    }
    // The printed form is itself valid input and names the same number.
    assert_eq!(OrgNumber::parse(&shown), Ok(number));
});
