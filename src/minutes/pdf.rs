//! Minutes as a PDF, written with the shared PDF writer (`crate::web::pdf`):
//! the header's facts, then every § with its discussion and decision.

use super::{Correction, Minutes, Section, subject_link};
use crate::agreements::{Agreement, long_date};
use crate::meetings::Meeting;
use crate::web::i18n::Lang;
use crate::web::pdf::{Blocks, document};

pub struct Input<'a> {
    pub lang: Lang,
    pub agreement: &'a Agreement,
    pub meeting: &'a Meeting,
    pub minutes: &'a Minutes,
    pub sections: &'a [Section],
    pub subjects: &'a [(String, String)],
    pub corrections: &'a [Correction],
}

/// The minutes as a PDF document.
pub fn minutes(input: &Input<'_>) -> Vec<u8> {
    let lang = input.lang;
    let m = input.minutes;
    let title = lang.t_with(
        &format!("minutes-title-{}", m.kind),
        &[("meeting", input.meeting.title.clone())],
    );
    let mut w = Blocks::default();
    w.paragraph(&input.agreement.name, false, 9.0);
    w.space(2.0);
    w.paragraph(&title, true, 16.0);
    w.space(2.0);
    let mut facts: Vec<(String, String)> = Vec::new();
    if let Some(body) = &input.meeting.body_name {
        facts.push((lang.t("minutes-body"), body.clone()));
    }
    facts.push((lang.t("minutes-when"), input.meeting.when(lang)));
    if !input.meeting.venue_name.is_empty() {
        facts.push((lang.t("minutes-where"), input.meeting.venue_name.clone()));
    }
    for (key, value) in [
        ("minutes-chair", &m.chair),
        ("minutes-secretary", &m.secretary),
        ("minutes-present", &m.present),
        ("minutes-adjusters", &m.adjusters),
    ] {
        if !value.is_empty() {
            facts.push((lang.t(key), value.clone()));
        }
    }
    if let Some(on) = &m.adjusted_on {
        facts.push((lang.t("minutes-adjusted-on"), long_date(lang, on)));
    }
    for (label, value) in facts {
        w.paragraph(&format!("{label}: {value}"), false, 10.0);
    }
    for c in input.corrections {
        w.paragraph(
            &lang.t_with(
                "minutes-corrected",
                &[("date", c.at.clone()), ("reason", c.reason.clone())],
            ),
            false,
            10.0,
        );
    }
    for s in input.sections {
        w.space(5.0);
        w.keep_with_next(20.0);
        w.paragraph(&format!("{} {}", s.label(), s.title), true, 12.0);
        if !s.discussion.is_empty() {
            w.space(1.0);
            w.paragraph(&s.discussion, false, 10.5);
        }
        if !s.decision.is_empty() {
            w.space(1.5);
            w.keep_with_next(10.0);
            w.paragraph(&lang.t("minutes-decision"), true, 10.5);
            w.paragraph(&s.decision, false, 10.5);
        }
        if let Some((_, label)) = subject_link(
            &input.agreement.slug,
            &s.subject_kind,
            s.subject_id,
            input.subjects,
        ) {
            w.paragraph(
                &format!("{}: {label}", lang.t("minutes-concerns")),
                false,
                9.0,
            );
        }
    }
    document(&title, &w)
}
