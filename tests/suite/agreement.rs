//! The agreement's own page: text versions, principles, areas, timeline,
//! edited by the secretariat with every change logged.

use crate::common;

use common::{TestApp, attr, select_text};
use reqwest::StatusCode;

on_both_backends!(
    the_agreement_page_and_its_versions,
    editors_change_it_and_every_change_is_logged,
);

async fn the_agreement_page_and_its_versions(app: TestApp) {
    let b = app.browser();
    let (status, html) = b.get_html("/vg/agreement").await;
    assert_eq!(status, StatusCode::OK);
    let text = html.html();
    assert!(text.contains("Version 2, 1 februari 2020."));
    assert!(
        select_text(&html, ".hint a")
            .iter()
            .any(|t| t == "en tidigare version")
    );
    assert!(
        select_text(&html, ".prose h2")
            .iter()
            .any(|h| h == "Hur vi arbetar")
    );
    let principles = select_text(&html, ".principle-list dt");
    assert_eq!(
        principles,
        [
            "Dialog",
            "Långsiktighet",
            "Kvalitet",
            "Öppenhet och insyn",
            "Självständighet och oberoende",
            "Mångfald"
        ]
    );
    assert_eq!(
        select_text(&html, ".principle-list dd").len(),
        6,
        "each with the agreement's own wording"
    );
    assert!(
        select_text(&html, ".summary-list dd")
            .iter()
            .any(|d| d.contains("Kollektivtrafik"))
    );
    let timeline = select_text(&html, ".timeline li");
    assert!(timeline[1].starts_with("25 november 2014"), "{timeline:?}");

    let (_, html) = b.get_html("/vg/agreement/versions").await;
    assert_eq!(select_text(&html, "main ol li").len(), 2);
    let (status, html) = b.get_html("/vg/agreement/versions/1").await;
    assert_eq!(status, StatusCode::OK);
    let prose = select_text(&html, ".prose").join(" ");
    assert!(
        prose.contains("Hälso- och sjukvård") && !prose.contains("Kollektivtrafik"),
        "version 1 is as it was"
    );
    assert_eq!(
        b.get("/vg/agreement/versions/9").await.status(),
        StatusCode::NOT_FOUND
    );
    // Editing is not offered to the public.
    assert!(attr(&html, "a[href='/vg/agreement/edit']", "href").is_none());
    assert_eq!(
        b.get("/vg/agreement/edit").await.status(),
        StatusCode::SEE_OTHER
    );
}

async fn editors_change_it_and_every_change_is_logged(app: TestApp) {
    let member = app.logged_in("ledamot@demo.example").await;
    assert_eq!(
        member.get("/vg/agreement/edit").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        member.get("/vg/agreement/log").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        member
            .post_form("/vg/agreement/edit", &[("name", "Kapad")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    let editor = app.logged_in("redaktor@demo.example").await;
    let (status, form) = editor.get_html("/vg/agreement/edit").await;
    assert_eq!(status, StatusCode::OK);
    // Submit the form as it stands, with a new text and one broken timeline line.
    let mut fields: Vec<(String, String)> = Vec::new();
    for name in [
        "name",
        "short_name",
        "public_body",
        "adopted_on",
        "adopted_by",
        "signed_on",
    ] {
        fields.push((
            name.into(),
            attr(&form, &format!("#{name}"), "value").unwrap_or_default(),
        ));
    }
    for name in [
        "summary",
        "areas",
        "principle-dialog",
        "principle-long-term",
        "principle-quality",
        "principle-openness",
        "principle-independence",
        "principle-diversity",
    ] {
        fields.push((
            name.into(),
            select_text_raw(&form, &format!("textarea#{name}")),
        ));
    }
    let events = select_text_raw(&form, "textarea#events");
    fields.push((
        "body".into(),
        "# Syfte\n\nEn ny lydelse. <script>alert(1)</script>".into(),
    ));
    fields.push(("note".into(), "Ny lydelse av syftet.".into()));
    let mut broken = fields.clone();
    broken.push(("events".into(), format!("{events}\nigår Något hände")));
    let as_refs = |f: &Vec<(String, String)>| {
        f.iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    let post = |f: Vec<(String, String)>| {
        let editor = &editor;
        async move {
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            editor.post_form("/vg/agreement/edit", &refs).await
        }
    };
    let r = post(as_refs(&broken)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec!["Varje rad i tidslinjen ska börja med ett datum som ÅÅÅÅ-MM-DD följt av en text"]
    );
    assert!(select_text_raw(&html, "textarea#events").ends_with("igår Något hände"));
    assert!(select_text_raw(&html, "textarea#body").contains("En ny lydelse"));
    let (_, page) = app.browser().get_html("/vg/agreement").await;
    assert!(page.html().contains("Version 2,"), "nothing saved");

    let mut good = fields.clone();
    good.push((
        "events".into(),
        format!("{events}\n2026-11-25 Överenskommelsen får en ny lydelse."),
    ));
    let r = post(as_refs(&good)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.browser().get_html("/vg/agreement").await;
    let text = page.html();
    assert!(text.contains("Version 3,"));
    assert!(text.contains("En ny lydelse."));
    assert!(!text.contains("<script>alert"), "raw HTML is shown as text");
    assert!(
        select_text(&page, ".timeline li")
            .last()
            .unwrap()
            .contains("ny lydelse")
    );
    let (_, versions) = app.browser().get_html("/vg/agreement/versions").await;
    assert_eq!(select_text(&versions, "main ol li").len(), 3);

    // Saving again without changes adds no version and no log line.
    let r = post(as_refs(&good)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, log) = editor.get_html("/vg/agreement/log").await;
    let rows = select_text(&log, "tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("Bo Demodotter"));
    assert!(rows[0].contains("text version 3") && rows[0].contains("timeline"));
}

/// The text of a textarea exactly as submitted, whitespace kept.
fn select_text_raw(html: &scraper::Html, css: &str) -> String {
    let sel = scraper::Selector::parse(css).unwrap();
    html.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
}
