//! Action plans in public: the list, a plan's overview with progress per
//! area and measure, filters, the measure page, the yearly report and its PDF.

use crate::common;

use common::{TestApp, attr, select_text};
use reqwest::StatusCode;
use scraper::{Html, Selector};

on_both_backends!(
    the_list_puts_the_current_plan_first,
    the_overview_rolls_up_progress_per_area,
    filters_narrow_the_measures,
    a_draft_plan_is_for_editors_only,
    the_measure_page_shows_indicators_and_follow_ups,
    who_may_report_sees_the_link,
    another_agreements_plan_is_not_found,
    the_yearly_report_lists_that_years_follow_ups,
    the_report_pdf_has_the_measures,
    the_decision_links_the_plan_both_ways,
    the_sitemap_has_the_public_plans,
    the_work_is_linked_from_the_start_organisation_and_meeting_pages,
);

/// A demo plan's id by its period.
async fn plan_id(app: &TestApp, first_year: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM action_plans WHERE first_year = $1")
        .bind(first_year)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn measure_id(app: &TestApp, title: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM measures WHERE title = $1")
        .bind(title)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

fn count(html: &Html, css: &str) -> usize {
    html.select(&Selector::parse(css).unwrap()).count()
}

fn attrs(html: &Html, css: &str, name: &str) -> Vec<String> {
    html.select(&Selector::parse(css).unwrap())
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

/// The expected roll-up: the mean of effective progress, cancelled
/// measures left out, done counted as 100, rounded half up.
fn expected(measures: &[(String, i64)]) -> Option<i64> {
    let counted: Vec<i64> = measures
        .iter()
        .filter(|(s, _)| s != "cancelled")
        .map(|(s, p)| if s == "done" { 100 } else { *p })
        .collect();
    if counted.is_empty() {
        return None;
    }
    let mean = counted.iter().sum::<i64>() as f64 / counted.len() as f64;
    Some((mean + 0.5).floor() as i64)
}

async fn the_list_puts_the_current_plan_first(app: TestApp) {
    let (status, html) = app.browser().get_html("/vg/plans").await;
    assert_eq!(status, StatusCode::OK);
    let titles = select_text(&html, ".plan-list h2 a");
    assert_eq!(
        titles,
        ["Handlingsplan 2024–2026", "Handlingsplan 2020–2022"],
        "the current plan first, no draft"
    );
    // The closed plan: everything done or cancelled.
    let closed = plan_id(&app, 2020).await;
    assert_eq!(
        attr(&html, &format!("#plan-{closed}-progress"), "value").as_deref(),
        Some("100")
    );
}

async fn the_overview_rolls_up_progress_per_area(app: TestApp) {
    let plan = plan_id(&app, 2024).await;
    let (status, html) = app.browser().get_html(&format!("/vg/plans/{plan}")).await;
    assert_eq!(status, StatusCode::OK);
    let areas: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, title FROM plan_areas WHERE plan_id = $1 ORDER BY position")
            .bind(plan)
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        areas.iter().map(|a| a.1.as_str()).collect::<Vec<_>>(),
        [
            "Öka kunskapen om varandras förutsättningar",
            "Stimulera jämlika strukturer för tidig dialog",
            "Utveckla långsiktiga former för stöd och finansiering",
        ]
    );
    assert_eq!(
        select_text(&html, ".plan-area h3"),
        areas.iter().map(|a| a.1.clone()).collect::<Vec<_>>()
    );
    let mut all = Vec::new();
    for (area, title) in &areas {
        let measures: Vec<(String, i64)> =
            sqlx::query_as("SELECT status, progress FROM measures WHERE area_id = $1")
                .bind(area)
                .fetch_all(&app.state.db.pool)
                .await
                .unwrap();
        let want = expected(&measures).unwrap();
        assert_eq!(
            attr(&html, &format!("#area-{area}-progress"), "value"),
            Some(want.to_string()),
            "{title}"
        );
        // The chart's table has the same number, written out.
        let row = select_text(&html, ".plan-area-table tbody tr")
            .into_iter()
            .find(|r| r.starts_with(title.as_str()))
            .unwrap();
        assert!(row.contains(&format!("{want} %")), "{row}");
        all.extend(measures);
    }
    assert_eq!(
        attr(&html, "#plan-progress", "value"),
        Some(expected(&all).unwrap().to_string())
    );
    // The progress bars have a label and a visible number.
    assert_eq!(
        count(&html, "progress"),
        count(&html, "label[for$=\"-progress\"]")
    );
    assert!(count(&html, "svg[role=img] title") >= 1);
    // A cancelled measure shows no progress bar but its reason.
    let cancelled = measure_id(&app, "Dialogråd i kollektivtrafiken").await;
    assert!(attr(&html, &format!("#measure-{cancelled}-progress"), "value").is_none());
    assert!(
        html.html()
            .contains("Kollektivtrafiknämnden valde att samråda")
    );
    // Status counts and the timeline.
    assert!(
        select_text(&html, ".plan-counts li")
            .iter()
            .any(|c| c == "1 Avbruten")
    );
    assert_eq!(
        count(&html, ".plan-timeline tbody tr"),
        all.len(),
        "a timeline row per measure"
    );
    assert_eq!(count(&html, ".plan-timeline thead th"), 2 + 3);
    // Links to the yearly reports.
    assert!(
        attrs(&html, ".plan-reports a", "href").contains(&format!("/vg/plans/{plan}/report/2025"))
    );
}

async fn filters_narrow_the_measures(app: TestApp) {
    let plan = plan_id(&app, 2024).await;
    let b = app.browser();
    let (_, html) = b.get_html(&format!("/vg/plans/{plan}")).await;
    let total = count(&html, ".plan-measure");
    assert_eq!(total, 9);

    let (status, html) = b
        .get_html(&format!("/vg/plans/{plan}?status=ongoing"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let ongoing: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM measures WHERE plan_id = $1 AND status = 'ongoing'",
    )
    .bind(plan)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let statuses = attrs(&html, ".plan-measure", "data-status");
    assert_eq!(statuses.len() as i64, ongoing);
    assert!(ongoing > 0 && (ongoing as usize) < total);
    assert!(statuses.iter().all(|s| s == "ongoing"));
    // Still grouped by area: every area has an ongoing measure.
    assert_eq!(count(&html, ".plan-area"), 3);
    assert_eq!(
        attr(&html, "#status option[selected]", "value").as_deref(),
        Some("ongoing")
    );

    // By responsible party: the demo representative's organisation.
    let (party, name): (i64, String) = sqlx::query_as(
        "SELECT p.id, p.name FROM plan_parties p
         JOIN organisation_representatives r ON r.organisation_id = p.organisation_id
         JOIN users u ON u.id = r.user_id
         WHERE p.plan_id = $1 AND u.email = 'representant@demo.example'",
    )
    .bind(plan)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let mut titles: Vec<String> = sqlx::query_scalar(
        "SELECT m.title FROM measures m JOIN measure_parties mp ON mp.measure_id = m.id
         WHERE mp.party_id = $1",
    )
    .bind(party)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    let (_, html) = b.get_html(&format!("/vg/plans/{plan}?party={party}")).await;
    let mut shown = select_text(&html, ".plan-measure h4");
    titles.sort();
    shown.sort();
    assert_eq!(shown, titles, "{name}");
    assert!(count(&html, ".plan-area") < 3);

    // Both at once, and nothing left.
    let (_, html) = b
        .get_html(&format!("/vg/plans/{plan}?party={party}&status=cancelled"))
        .await;
    assert_eq!(count(&html, ".plan-measure"), 0);
    assert!(html.html().contains("Inga åtgärder passar filtret."));

    // A status or party that is not one of the plan's is ignored.
    let (status, html) = b
        .get_html(&format!("/vg/plans/{plan}?status=%3Cx%3E&party=999999"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count(&html, ".plan-measure"), total);
}

async fn a_draft_plan_is_for_editors_only(app: TestApp) {
    let draft = plan_id(&app, 2027).await;
    let measure = measure_id(&app, "Överenskommelser om civilsamhällets roll vid kris").await;
    let anonymous = app.browser();
    for path in [
        format!("/vg/plans/{draft}"),
        format!("/vg/measures/{measure}"),
        format!("/vg/plans/{draft}/report/2027"),
    ] {
        assert_eq!(
            anonymous.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let member = app.logged_in("ledamot@demo.example").await;
    assert_eq!(
        member.get(&format!("/vg/plans/{draft}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let (_, html) = member.get_html("/vg/plans").await;
    assert!(!html.html().contains("Handlingsplan 2027–2029"));

    let editor = app.logged_in("redaktor@demo.example").await;
    let (_, html) = editor.get_html("/vg/plans").await;
    let titles = select_text(&html, ".plan-list h2");
    assert_eq!(titles.len(), 3);
    assert!(
        titles[2].starts_with("Handlingsplan 2027–2029") && titles[2].contains("Utkast"),
        "{titles:?}"
    );
    let (status, html) = editor.get_html(&format!("/vg/plans/{draft}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, ".plan-area h3"),
        ["Stärka civilsamhällets roll i krisberedskapen"]
    );
    assert_eq!(
        editor
            .get(&format!("/vg/measures/{measure}"))
            .await
            .status(),
        StatusCode::OK
    );
}

async fn the_measure_page_shows_indicators_and_follow_ups(app: TestApp) {
    let id = measure_id(
        &app,
        "Utbildning om civilsamhällets villkor för regionens tjänstepersoner",
    )
    .await;
    let (status, html) = app.browser().get_html(&format!("/vg/measures/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        select_text(&html, "h1"),
        ["Utbildning om civilsamhällets villkor för regionens tjänstepersoner"]
    );
    assert_eq!(select_text(&html, ".plan-status"), ["Pågår"]);
    assert_eq!(
        attr(&html, "#measure-progress", "value").as_deref(),
        Some("60")
    );
    // The description is Markdown.
    assert_eq!(
        select_text(&html, ".plan-description strong"),
        ["civilsamhällets organisering"]
    );
    // The indicator: baseline, the years, the target, as a table and a chart.
    assert_eq!(
        select_text(&html, ".plan-indicator-table tbody tr"),
        [
            "Utgångsvärde (2023) 0",
            "2024 85",
            "2025 190",
            "Mål (2026) 300"
        ]
    );
    assert_eq!(count(&html, ".plan-indicator svg[role=img] rect"), 4);
    // The follow-up, newest first, with who reported.
    let follow_ups = select_text(&html, ".plan-follow-up");
    assert_eq!(follow_ups.len(), 2);
    assert!(
        follow_ups[0].starts_with("10 december 2025"),
        "{follow_ups:?}"
    );
    assert!(follow_ups[0].contains("Koncernkontoret, avdelning social hållbarhet"));
    assert!(follow_ups[1].contains("85 tjänstepersoner"));
    // The responsible organisation links to its page.
    let org_links = attrs(&html, ".plan-parties a", "href");
    assert_eq!(org_links.len(), 1);
    assert!(org_links[0].starts_with("/organisations/"));
    let (status, _) = app.browser().get_html(&org_links[0]).await;
    assert_eq!(status, StatusCode::OK);
    // Not logged in: no report link.
    assert_eq!(
        count(&html, &format!("a[href=\"/vg/measures/{id}/follow-up\"]")),
        0
    );

    // A proposal that became the measure is linked; a hidden one is not.
    let agreement: i64 = sqlx::query_scalar("SELECT id FROM agreements WHERE slug = 'vg'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    for (title, hidden) in [
        ("Utbilda handläggarna", None),
        ("Dolt förslag", Some("2026-01-01")),
    ] {
        sqlx::query(
            "INSERT INTO proposals (agreement_id, title, text, state, measure_id, hidden_at,
                created_at, updated_at)
             VALUES ($1, $2, 'Text', 'adopted', $3, $4, '2025-01-01', '2025-01-01')",
        )
        .bind(agreement)
        .bind(title)
        .bind(id)
        .bind(hidden)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    }
    app.wrote_directly();
    let (_, html) = app.browser().get_html(&format!("/vg/measures/{id}")).await;
    assert_eq!(
        select_text(&html, ".plan-proposals a"),
        ["Utbilda handläggarna"]
    );
}

async fn who_may_report_sees_the_link(app: TestApp) {
    // The demo representative's organisation is responsible for the dialogue forum.
    let theirs = measure_id(&app, "Dialogforum inför regionens budgetarbete").await;
    let other = measure_id(
        &app,
        "Utbildning om civilsamhällets villkor för regionens tjänstepersoner",
    )
    .await;
    let link = |id: i64| format!("a[href=\"/vg/measures/{id}/follow-up\"]");
    let rep = app.logged_in("representant@demo.example").await;
    let (_, html) = rep.get_html(&format!("/vg/measures/{theirs}")).await;
    assert_eq!(count(&html, &link(theirs)), 1);
    let (_, html) = rep.get_html(&format!("/vg/measures/{other}")).await;
    assert_eq!(count(&html, &link(other)), 0);
    let member = app.logged_in("ledamot@demo.example").await;
    let (_, html) = member.get_html(&format!("/vg/measures/{theirs}")).await;
    assert_eq!(count(&html, &link(theirs)), 0);
    let editor = app.logged_in("redaktor@demo.example").await;
    let (_, html) = editor.get_html(&format!("/vg/measures/{other}")).await;
    assert_eq!(count(&html, &link(other)), 1);
}

async fn another_agreements_plan_is_not_found(app: TestApp) {
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, created_at)
         VALUES ('exempelstad', 'Överenskommelse i Exempelstad', 'ÖK Exempelstad', 'Exempelstads kommun', '2026-01-01')",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let plan = plan_id(&app, 2024).await;
    let measure = measure_id(&app, "Dialogforum inför regionens budgetarbete").await;
    let b = app.browser();
    for path in [
        format!("/exempelstad/plans/{plan}"),
        format!("/exempelstad/measures/{measure}"),
        format!("/exempelstad/plans/{plan}/report/2025"),
        format!("/exempelstad/plans/{plan}/report/2025.pdf"),
        format!("/nowhere/plans/{plan}"),
    ] {
        assert_eq!(b.get(&path).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let (status, html) = b.get_html("/exempelstad/plans").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count(&html, ".plan-list li"), 0);
    // The editor of the demo agreement sees no more.
    let editor = app.logged_in("redaktor@demo.example").await;
    assert_eq!(
        editor
            .get(&format!("/exempelstad/plans/{plan}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

async fn the_yearly_report_lists_that_years_follow_ups(app: TestApp) {
    let plan = plan_id(&app, 2024).await;
    let b = app.browser();
    let (status, html) = b.get_html(&format!("/vg/plans/{plan}/report/2025")).await;
    assert_eq!(status, StatusCode::OK);
    let entries = select_text(&html, ".plan-report-entries li");
    let texts_2025: Vec<String> = sqlx::query_scalar(
        "SELECT f.text FROM follow_ups f JOIN measures m ON m.id = f.measure_id
         WHERE m.plan_id = $1 AND f.reported_on LIKE '2025-%'",
    )
    .bind(plan)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(entries.len(), texts_2025.len());
    for text in &texts_2025 {
        assert!(entries.iter().any(|e| e.contains(text.as_str())), "{text}");
    }
    assert!(!html.html().contains("85 tjänstepersoner har gått"));
    // Who answered the 2025 cycle: three of six.
    let rows = select_text(&html, ".plan-report-cycle tbody tr");
    assert_eq!(rows.len(), 6);
    assert_eq!(rows.iter().filter(|r| r.ends_with("Har svarat")).count(), 3);
    // Indicator values of the year against baseline and target.
    let indicators = select_text(&html, ".plan-report-indicators tbody tr");
    assert!(
        indicators
            .iter()
            .any(|r| r.starts_with("Utbildade tjänstepersoner 190")),
        "{indicators:?}"
    );
    assert!(indicators.iter().any(|r| r.contains("50,5 %")));
    assert_eq!(
        attr(&html, ".plan-report-pdf", "href"),
        Some(format!("/vg/plans/{plan}/report/2025.pdf"))
    );

    // 2024: that year's reports and the status as it was then.
    let (_, html) = b.get_html(&format!("/vg/plans/{plan}/report/2024")).await;
    assert!(html.html().contains("85 tjänstepersoner har gått"));
    assert!(!html.html().contains("190 har gått den hittills"));
    let training = measure_id(
        &app,
        "Utbildning om civilsamhällets villkor för regionens tjänstepersoner",
    )
    .await;
    assert_eq!(
        attr(&html, &format!("#measure-{training}-progress"), "value").as_deref(),
        Some("30")
    );
    assert!(
        html.html()
            .contains("Ingen uppföljningsomgång har startats för året.")
    );

    for year in ["2023", "2027", "20x5", "2025.txt"] {
        assert_eq!(
            b.get(&format!("/vg/plans/{plan}/report/{year}"))
                .await
                .status(),
            StatusCode::NOT_FOUND,
            "{year}"
        );
    }
    assert_eq!(
        b.get(&format!("/vg/plans/{plan}/report/2023.pdf"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = printpdf::PdfDocument::parse(bytes, &Default::default(), &mut Vec::new())
        .expect("a PDF that parses");
    doc.extract_text()
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

async fn the_report_pdf_has_the_measures(app: TestApp) {
    let plan = plan_id(&app, 2024).await;
    let r = app
        .browser()
        .get(&format!("/vg/plans/{plan}/report/2025.pdf"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&bytes);
    for expected in [
        "Uppföljning 2025: Handlingsplan 2024–2026",
        "Dialogforum inför regionens budgetarbete",
        "Stimulera jämlika strukturer för tidig dialog",
        "Har inte svarat",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

async fn the_decision_links_the_plan_both_ways(app: TestApp) {
    let b = app.browser();
    for first_year in [2020, 2024] {
        let plan = plan_id(&app, first_year).await;
        let decision: i64 =
            sqlx::query_scalar("SELECT decision_id FROM action_plans WHERE id = $1")
                .bind(plan)
                .fetch_one(&app.state.db.pool)
                .await
                .unwrap();
        let (_, html) = b.get_html(&format!("/vg/plans/{plan}")).await;
        let href = format!("/vg/decisions/{decision}");
        assert_eq!(attr(&html, ".plan-decision", "href"), Some(href.clone()));
        assert!(select_text(&html, ".plan-decision")[0].starts_with("Regionstyrelsen"));
        let (status, html) = b.get_html(&href).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            attrs(&html, "a", "href").contains(&format!("/vg/plans/{plan}")),
            "the decision links plan {plan}"
        );
    }
}

async fn the_sitemap_has_the_public_plans(app: TestApp) {
    let sitemap = app
        .browser()
        .get("/sitemap.xml")
        .await
        .text()
        .await
        .unwrap();
    let current = plan_id(&app, 2024).await;
    let draft = plan_id(&app, 2027).await;
    let measure = measure_id(&app, "Dialogforum inför regionens budgetarbete").await;
    for path in [
        "/vg/plans".to_string(),
        format!("/vg/plans/{current}"),
        format!("/vg/plans/{current}/report/2025"),
        format!("/vg/measures/{measure}"),
    ] {
        assert!(sitemap.contains(&format!("{path}</loc>")), "{path}");
    }
    assert!(!sitemap.contains(&format!("/vg/plans/{draft}</loc>")));
}

/// The start page shows the current plan's progress; an organisation's page
/// lists the measures it is responsible for, its partnerships and its
/// proposals; a dialogue meeting's page lists the proposals it made.
async fn the_work_is_linked_from_the_start_organisation_and_meeting_pages(app: TestApp) {
    let visitor = app.browser();
    let current = plan_id(&app, 2024).await;
    let (status, html) = visitor.get_html("/vg/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        attrs(&html, "main a", "href").contains(&format!("/vg/plans/{current}")),
        "the start page links the current plan"
    );
    assert_eq!(count(&html, "main progress"), 1, "with its progress");

    let (org_slug, measure, measure_title): (String, i64, String) = sqlx::query_as(
        "SELECT o.slug, m.id, m.title FROM measure_parties mp
         JOIN plan_parties p ON p.id = mp.party_id
         JOIN organisations o ON o.id = p.organisation_id
         JOIN measures m ON m.id = mp.measure_id
         WHERE m.plan_id = $1 ORDER BY m.id LIMIT 1",
    )
    .bind(current)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let (status, html) = visitor
        .get_html(&format!("/organisations/{org_slug}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let links = attrs(&html, "main a", "href");
    assert!(
        links.contains(&format!("/vg/measures/{measure}")),
        "{measure_title}"
    );

    let (partner_slug, partnership): (String, i64) = sqlx::query_as(
        "SELECT o.slug, po.partnership_id FROM partnership_organisations po
         JOIN organisations o ON o.id = po.organisation_id ORDER BY po.id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let (_, html) = visitor
        .get_html(&format!("/organisations/{partner_slug}"))
        .await;
    assert!(attrs(&html, "main a", "href").contains(&format!("/vg/partnerships/{partnership}")));

    let (proposer_slug, proposal): (String, i64) = sqlx::query_as(
        "SELECT o.slug, p.id FROM proposals p JOIN organisations o ON o.id = p.organisation_id
         WHERE p.hidden_at IS NULL ORDER BY p.id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let (_, html) = visitor
        .get_html(&format!("/organisations/{proposer_slug}"))
        .await;
    assert!(attrs(&html, "main a", "href").contains(&format!("/vg/proposals/{proposal}")));

    let (meeting, from_meeting): (i64, i64) = sqlx::query_as(
        "SELECT meeting_id, id FROM proposals WHERE meeting_id IS NOT NULL ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let (_, html) = visitor.get_html(&format!("/vg/meetings/{meeting}")).await;
    assert!(attrs(&html, "main a", "href").contains(&format!("/vg/proposals/{from_meeting}")));
}
