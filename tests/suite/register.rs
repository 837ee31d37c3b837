//! The public register of signatories, told through the demo agreement.

use crate::common;

use common::{TestApp, attr, select_text};
use reqwest::StatusCode;

on_both_backends!(
    the_register_counts_match_the_public_history,
    filters_search_and_pagination,
    organisation_pages_show_history_and_umbrellas,
    csv_exports_parse_and_match_the_page,
);

fn lead(html: &scraper::Html) -> String {
    select_text(html, "p.lead").join(" ")
}

async fn the_register_counts_match_the_public_history(app: TestApp) {
    let b = app.browser();
    for (date, count) in [
        ("2014-12-05", 70),
        ("2017-05-31", 104),
        ("2019-12-31", 107),
        ("2024-05-31", 121),
    ] {
        let (status, html) = b.get_html(&format!("/vg/signatories?on={date}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            lead(&html).starts_with(&format!("{count} organisationer hade")),
            "{date}: {}",
            lead(&html)
        );
    }
    let (_, html) = b.get_html("/vg/signatories").await;
    assert!(
        lead(&html).starts_with("125 organisationer har"),
        "{}",
        lead(&html)
    );
    // The chart's table says the same as its bars.
    let cells = select_text(&html, ".chart table tbody td");
    assert_eq!(&cells[..2], ["2014", "70"]);
    assert!(cells.windows(2).any(|w| w == ["2017", "105"]));
    // The day before the ceremony, nobody had signed.
    let (_, html) = b.get_html("/vg/signatories?on=2014-12-04").await;
    assert!(lead(&html).starts_with("0 organisationer"));
    // A date that is not one is named, and today's register is shown instead.
    let (status, html) = b.get_html("/vg/signatories?on=2019-02-30").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(attr(&html, "#on", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(attr(&html, "#on", "value").as_deref(), Some("2019-02-30"));
}

async fn filters_search_and_pagination(app: TestApp) {
    let b = app.browser();
    let count = |html: &scraper::Html| -> usize {
        select_text(html, "p[role=status]")[0]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (_, html) = b.get_html("/vg/signatories").await;
    assert_eq!(count(&html), 125);
    assert_eq!(select_text(&html, "table:not(.compact) tbody tr").len(), 50);
    let (_, html) = b.get_html("/vg/signatories?page=3").await;
    assert_eq!(select_text(&html, "table:not(.compact) tbody tr").len(), 25);

    let (_, html) = b.get_html("/vg/signatories?kind=umbrella").await;
    let umbrellas = count(&html);
    assert!((38..=40).contains(&umbrellas), "about a third: {umbrellas}");
    let (_, html) = b
        .get_html("/vg/signatories?kind=umbrella&level=national")
        .await;
    assert!(count(&html) < umbrellas);

    // Search is case-insensitive, also for Swedish letters.
    let (_, html) = b.get_html("/vg/signatories?q=%C3%96VNINGS%C3%85S").await;
    assert!(count(&html) > 0);
    assert!(
        select_text(&html, "table:not(.compact) tbody td a")
            .iter()
            .all(|n| n.contains("Övningsås"))
    );
    // By organisation number, with or without the hyphen.
    let first_number =
        select_text(&html, "table:not(.compact) tbody tr td:nth-child(2)")[0].clone();
    for q in [first_number.clone(), first_number.replace('-', "")] {
        let (_, html) = b.get_html(&format!("/vg/signatories?q={q}")).await;
        assert_eq!(count(&html), 1, "{q}");
    }
    // LIKE's wildcards in a search are plain characters.
    let (_, html) = b.get_html("/vg/signatories?q=%25").await;
    assert_eq!(count(&html), 0);

    let (_, html) = b.get_html("/vg/signatories?year=2014&sort=name-desc").await;
    assert_eq!(
        count(&html),
        70 - 3,
        "three of the first 70 have left since"
    );
    let (_, html) = b.get_html("/vg/signatories?municipality=1480").await;
    assert!(count(&html) > 0 && count(&html) < 125);
    let (_, html) = b.get_html("/vg/signatories?sort=joined-desc").await;
    assert_eq!(
        select_text(&html, "table:not(.compact) tbody tr td:nth-child(4)")[0],
        "2026-03-10"
    );
    // Pages keep the filters.
    let (_, html) = b.get_html("/vg/signatories?kind=association").await;
    if let Some(next) = attr(&html, "a[rel=next]", "href") {
        assert!(next.contains("kind=association"));
    }
    // Unknown filter values are ignored, not errors.
    let (status, _) = b
        .get_html("/vg/signatories?kind=bogus&umbrella=x&year=abc&page=-4")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        b.get("/nowhere/signatories").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn organisation_pages_show_history_and_umbrellas(app: TestApp) {
    let b = app.browser();
    let (_, html) = b.get_html("/vg/signatories?kind=umbrella&sort=name").await;
    let href = attr(&html, "table:not(.compact) tbody td a", "href").unwrap();
    let (status, html) = b.get_html(&href).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "h1").len(), 1);
    let headings = select_text(&html, "h2");
    assert!(
        headings
            .iter()
            .any(|h| h.starts_with("Medlemsorganisationer")),
        "{headings:?}"
    );
    // A member links back to its umbrella.
    let member = attr(&html, "ul.columns a", "href").unwrap();
    let (_, html) = b.get_html(&member).await;
    assert!(select_text(&html, "h2").iter().any(|h| h == "Medlem i"));
    assert!(html.html().contains(&href));

    // The organisation that left in 2018 and came back in 2023 shows both periods.
    let slug: String = sqlx::query_scalar(
        "SELECT o.slug FROM organisations o JOIN signatories s ON s.organisation_id = o.id
         GROUP BY o.slug HAVING COUNT(*) = 2",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let (_, html) = b.get_html(&format!("/organisations/{slug}")).await;
    let periods = select_text(&html, "main ul li");
    let text = periods.join(" | ");
    assert!(text.contains("lämnade 30 juni 2018"), "{text}");
    assert!(text.contains("undertecknare sedan 13 juni 2023"), "{text}");
    assert_eq!(
        b.get("/organisations/no-such-organisation").await.status(),
        StatusCode::NOT_FOUND
    );
    // Every organisation page is in the sitemap.
    let sitemap = b.get("/sitemap.xml").await.text().await.unwrap();
    assert!(sitemap.contains(&format!("/organisations/{slug}</loc>")));
    assert!(sitemap.contains("/vg/signatories</loc>"));
}

async fn csv_exports_parse_and_match_the_page(app: TestApp) {
    let b = app.browser();
    let r = b.get("/vg/signatories.csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv; charset=utf-8")
    );
    let body = r.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "org_number",
            "name",
            "kind",
            "level",
            "legal_form",
            "municipality_codes",
            "joined_on",
            "umbrella",
            "url"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 125);
    for row in &rows {
        assert!(
            overens::organisations::org_number::OrgNumber::parse(&row[0]).is_ok(),
            "{}",
            &row[0]
        );
        for code in row[5].split(';') {
            assert!(code.starts_with("14") && code.len() == 4, "{code}");
        }
    }
    // The filtered export has what the filtered page has.
    let filtered = b
        .get("/vg/signatories.csv?kind=umbrella")
        .await
        .text()
        .await
        .unwrap();
    let n = csv::Reader::from_reader(filtered.as_bytes())
        .records()
        .count();
    let (_, html) = b.get_html("/vg/signatories?kind=umbrella").await;
    assert!(select_text(&html, "p[role=status]")[0].starts_with(&format!("{n} ")));

    let history = b
        .get("/vg/signatories/history.csv")
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(history.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 128, "127 organisations, one of them twice");
    assert_eq!(
        rows.iter().filter(|r| !r[3].is_empty()).count(),
        3,
        "three periods ended"
    );
    assert!(rows.iter().any(|r| r[4].contains("regionalt perspektiv")));
}
