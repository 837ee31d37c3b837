//! Meeting times: stored as UTC instants, entered and shown in
//! Europe/Stockholm the Swedish way ("onsdag 9 december 2026, kl. 13.00–17.00").

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

use crate::web::i18n::Lang;

pub fn stockholm() -> TimeZone {
    TimeZone::get("Europe/Stockholm").expect("the bundled time zone database has Europe/Stockholm")
}

/// A stored instant (UTC text) in Stockholm time.
pub fn local(stored: &str) -> Option<Zoned> {
    stored
        .parse::<Timestamp>()
        .ok()
        .map(|t| t.to_zoned(stockholm()))
}

/// A local date and time of day, as typed in a form, to the stored form.
/// In the hour skipped in spring the later offset applies; in the hour
/// repeated in autumn, the earlier one.
pub fn to_stored(date: Date, time: Time) -> Option<String> {
    let zoned = DateTime::from_parts(date, time)
        .to_zoned(stockholm())
        .ok()?;
    Some(crate::db::timestamp(zoned.timestamp()))
}

pub fn parse_date(input: &str) -> Option<Date> {
    input.trim().parse().ok()
}

/// "13.00", "13:00", "1300" and "13" are all one o'clock in the afternoon.
pub fn parse_time(input: &str) -> Option<Time> {
    let s = input.trim().replace('.', ":");
    let (h, m) = match s.split_once(':') {
        Some((h, m)) => (h, m),
        None if s.len() == 4 => s.split_at(2),
        None if !s.is_empty() && s.len() <= 2 => (s.as_str(), "0"),
        None => return None,
    };
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    Time::new(h, m, 0, 0).ok()
}

/// The time of day for a form field: "13:00".
pub fn input_time(z: &Zoned) -> String {
    format!("{:02}:{:02}", z.hour(), z.minute())
}

fn clock(lang: Lang, z: &Zoned) -> String {
    match lang {
        Lang::Sv => format!("{:02}.{:02}", z.hour(), z.minute()),
        Lang::En => format!("{:02}:{:02}", z.hour(), z.minute()),
    }
}

fn weekday(lang: Lang, d: Date) -> String {
    lang.t(&format!("weekday-{}", d.weekday().to_monday_one_offset()))
}

/// "onsdag 9 december 2026", "Wednesday 9 December 2026".
pub fn long_day(lang: Lang, d: Date) -> String {
    format!(
        "{} {}",
        weekday(lang, d),
        crate::agreements::long_date(lang, &d.to_string())
    )
}

/// When a meeting is, in one line: "onsdag 9 december 2026, kl. 13.00–17.00",
/// or with both days when it runs over several.
pub fn span(lang: Lang, starts_at: &str, ends_at: &str) -> String {
    let (Some(start), Some(end)) = (local(starts_at), local(ends_at)) else {
        return format!("{starts_at} – {ends_at}");
    };
    let at = lang.t("time-at");
    if start.date() == end.date() {
        format!(
            "{}, {at} {}–{}",
            long_day(lang, start.date()),
            clock(lang, &start),
            clock(lang, &end)
        )
    } else {
        format!(
            "{}, {at} {} – {}, {at} {}",
            long_day(lang, start.date()),
            clock(lang, &start),
            long_day(lang, end.date()),
            clock(lang, &end)
        )
    }
}

/// One instant, "9 december 2026 kl. 13.00", for deadlines.
pub fn moment(lang: Lang, stored: &str) -> String {
    let Some(z) = local(stored) else {
        return stored.to_string();
    };
    format!(
        "{} {} {}",
        crate::agreements::long_date(lang, &z.date().to_string()),
        lang.t("time-at"),
        clock(lang, &z)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_span_on_one_day() {
        let start = to_stored(Date::constant(2026, 12, 9), Time::constant(13, 0, 0, 0)).unwrap();
        let end = to_stored(Date::constant(2026, 12, 9), Time::constant(17, 0, 0, 0)).unwrap();
        assert_eq!(start, "2026-12-09T12:00:00.000000Z");
        assert_eq!(
            span(Lang::Sv, &start, &end),
            "onsdag 9 december 2026, kl. 13.00–17.00"
        );
        assert_eq!(
            span(Lang::En, &start, &end),
            "Wednesday 9 December 2026, at 13:00–17:00"
        );
    }

    #[test]
    fn summer_time_is_two_hours_ahead() {
        let start = to_stored(Date::constant(2026, 6, 10), Time::constant(9, 30, 0, 0)).unwrap();
        assert_eq!(start, "2026-06-10T07:30:00.000000Z");
        assert_eq!(input_time(&local(&start).unwrap()), "09:30");
    }

    #[test]
    fn times_are_typed_in_several_ways() {
        for typed in ["13.00", "13:00", "1300", "13"] {
            assert_eq!(
                parse_time(typed),
                Some(Time::constant(13, 0, 0, 0)),
                "{typed}"
            );
        }
        for bad in ["", "25:00", "13.75", "kl 13", "13:00:00:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
