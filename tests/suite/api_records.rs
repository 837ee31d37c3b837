//! The API's records beside the registers: an organisation's profile and
//! history, published minutes, proposals, partnerships and one document each
//! show what their public page shows and nothing it hides; the lists filter
//! like their pages, and a harvester sees an organisation leave.

use crate::api::{harvest, json};
use crate::common;

use common::{Browser, TestApp, select_text};
use reqwest::StatusCode;
use serde_json::Value;

on_both_backends!(
    an_organisation_shows_its_profile_and_history,
    only_published_minutes_are_given,
    hidden_proposals_and_comments_stay_out,
    partnerships_show_what_their_pages_show,
    one_document_comes_with_its_versions,
    filters_match_the_pages_and_the_next_link_keeps_them,
    an_organisation_leaving_is_a_change,
);

const EDITOR: &str = "redaktor@demo.example";

async fn scalar<T>(app: &TestApp, sql: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
{
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

fn ids(rows: &[Value]) -> Vec<i64> {
    rows.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

/// The names of a 400 problem's invalid parameters.
async fn problem_names(b: &Browser, path: &str) -> Vec<String> {
    let (status, body) = json(b, path).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
    body["invalid-params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

async fn an_organisation_shows_its_profile_and_history(app: TestApp) {
    let b = app.browser();
    // One that left and came back has two periods.
    let slug: String = scalar(
        &app,
        "SELECT o.slug FROM organisations o JOIN signatories s ON s.organisation_id = o.id
         GROUP BY o.id, o.slug HAVING COUNT(*) > 1 ORDER BY o.id LIMIT 1",
    )
    .await;
    let id: i64 = scalar(
        &app,
        &format!("SELECT id FROM organisations WHERE slug = '{slug}'"),
    )
    .await;
    sqlx::query(
        "INSERT INTO contacts (organisation_id, name, title, email, phone, published, created_at)
         VALUES ($1, 'Hemlig Kontaktsson', '', 'hemlig@example.org', '+46701234567', 0, $2),
                ($1, 'Öppen Kontaktsson', 'Ordförande', 'oppen@example.org', '', 1, $2)",
    )
    .bind(id)
    .bind(overens::db::now())
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let r = b.get(&format!("/api/v1/organisations/{slug}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().contains_key("last-modified"));
    let org: Value = r.json().await.unwrap();
    let (_, html) = b.get_html(&format!("/organisations/{slug}")).await;
    assert_eq!(
        select_text(&html, "h1"),
        vec![org["name"].as_str().unwrap()]
    );
    let periods = org["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 2);
    assert!(
        periods[0]["left_on"].is_string()
            && !periods[0]["leave_reason"].as_str().unwrap().is_empty()
    );
    assert!(periods[1]["left_on"].is_null());
    assert_eq!(periods[0]["agreement"], "vg");
    // Contacts only with consent, as on the page.
    let text = org.to_string();
    assert!(text.contains("oppen@example.org"));
    assert!(!text.contains("hemlig@example.org") && !text.contains("+46701234567"));
    assert!(
        select_text(&html, "main")
            .concat()
            .contains("oppen@example.org")
    );
    assert!(
        org["html"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/organisations/{slug}"))
    );
    // The register links each period's organisation to its profile.
    let (status, _) = json(&b, "/api/v1/organisations/nobody-at-all").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn only_published_minutes_are_given(app: TestApp) {
    let b = app.browser();
    let listed = harvest(&b, "/api/v1/agreements/vg/minutes?limit=1").await;
    let published: i64 = scalar(
        &app,
        "SELECT COUNT(*) FROM minutes WHERE state = 'published'",
    )
    .await;
    assert!(published > 0);
    assert_eq!(listed.len() as i64, published);
    // The published minutes as their page shows them.
    let m = &listed[0];
    let (status, one) = json(&b, &format!("/api/v1/agreements/vg/minutes/{}", m["id"])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&one, m);
    let page = m["html"].as_str().unwrap();
    let (_, html) = b.get_html(&page[page.find("/vg/").unwrap()..]).await;
    let headings: Vec<String> = one["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["label"].as_str().unwrap(),
                s["title"].as_str().unwrap()
            )
        })
        .collect();
    assert!(!headings.is_empty());
    assert_eq!(select_text(&html, ".minutes-section h2"), headings);
    // An editor's draft stays out until it is published.
    let meeting: i64 = scalar(
        &app,
        "SELECT m.id FROM meetings m JOIN agreements a ON a.id = m.agreement_id
         WHERE a.slug = 'vg' AND NOT EXISTS (SELECT 1 FROM minutes mi WHERE mi.meeting_id = m.id)
         ORDER BY m.id LIMIT 1",
    )
    .await;
    let editor = app.logged_in(EDITOR).await;
    let base = format!("/vg/meetings/{meeting}/minutes");
    let r = editor.post_form(&base, &[("kind", "notes")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = editor
        .post_form(
            &format!("{base}/sections"),
            &[
                ("title", "Hemlig punkt"),
                ("discussion", ""),
                ("decision", "Utkast till beslut."),
                ("subject", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let draft: i64 = scalar(
        &app,
        &format!("SELECT id FROM minutes WHERE meeting_id = {meeting}"),
    )
    .await;
    let again = harvest(&b, "/api/v1/agreements/vg/minutes?limit=100").await;
    assert!(!ids(&again).contains(&draft));
    assert!(!Value::Array(again).to_string().contains("Hemlig punkt"));
    let (status, _) = json(&b, &format!("/api/v1/agreements/vg/minutes/{draft}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Published, they are there, with the decision's row in the register.
    let r = editor.post_form(&format!("{base}/publish"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, one) = json(&b, &format!("/api/v1/agreements/vg/minutes/{draft}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["sections"][0]["title"], "Hemlig punkt");
    assert!(one["sections"][0]["decision_id"].is_i64());
}

async fn hidden_proposals_and_comments_stay_out(app: TestApp) {
    let b = app.browser();
    let all = harvest(&b, "/api/v1/agreements/vg/proposals?limit=2").await;
    let total: i64 = scalar(
        &app,
        "SELECT COUNT(*) FROM proposals WHERE hidden_at IS NULL",
    )
    .await;
    assert_eq!(all.len() as i64, total);
    // The demo's hidden comment is left out.
    let text = Value::Array(all.clone()).to_string();
    assert!(!text.contains("Reklam"), "a hidden comment leaked");
    assert!(
        all.iter()
            .any(|p| !p["comments"].as_array().unwrap().is_empty())
    );
    assert!(
        all.iter()
            .any(|p| !p["events"].as_array().unwrap().is_empty())
    );
    // As on its page: the title and the supporters.
    let p = &all[0];
    let (_, html) = b.get_html(&format!("/vg/proposals/{}", p["id"])).await;
    assert_eq!(select_text(&html, "h1"), vec![p["title"].as_str().unwrap()]);
    let supporters: Vec<&str> = p["supporters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(select_text(&html, ".supporters li"), supporters);
    // The editors hide one: it is gone from the list and not found.
    let editor = app.logged_in(EDITOR).await;
    let r = editor
        .post_form(
            &format!("/vg/proposals/{}/hide", p["id"]),
            &[("reason", "Personuppgifter")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let after = harvest(&b, "/api/v1/agreements/vg/proposals?limit=100").await;
    assert!(!ids(&after).contains(&p["id"].as_i64().unwrap()));
    let (status, _) = json(&b, &format!("/api/v1/agreements/vg/proposals/{}", p["id"])).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Filtered like the page.
    let adopted = harvest(&b, "/api/v1/agreements/vg/proposals?state=adopted").await;
    assert!(adopted.iter().all(|p| p["state"] == "adopted"));
    assert_eq!(
        problem_names(
            &b,
            "/api/v1/agreements/vg/proposals?state=maybe&area=x&principle=x"
        )
        .await,
        ["state", "principle", "area"]
    );
    // An id of the documented shape that is no area's matches nothing.
    assert!(
        harvest(&b, "/api/v1/agreements/vg/proposals?area=999999")
            .await
            .is_empty()
    );
}

async fn partnerships_show_what_their_pages_show(app: TestApp) {
    let b = app.browser();
    let all = harvest(&b, "/api/v1/agreements/vg/partnerships?limit=2").await;
    let total: i64 = scalar(&app, "SELECT COUNT(*) FROM partnerships").await;
    assert_eq!(all.len() as i64, total);
    for p in &all {
        let (_, html) = b.get_html(&format!("/vg/partnerships/{}", p["id"])).await;
        assert_eq!(select_text(&html, "h1"), vec![p["title"].as_str().unwrap()]);
        let contacts: Vec<&str> = p["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(select_text(&html, "#contacts li strong"), contacts);
        let years: Vec<String> = p["years"]
            .as_array()
            .unwrap()
            .iter()
            .map(|y| y["year"].to_string())
            .collect();
        assert_eq!(select_text(&html, "#years tbody th"), years);
    }
    // The year filter gives what the list page gives.
    let in_2025 = harvest(&b, "/api/v1/agreements/vg/partnerships?year=2025").await;
    let (_, html) = b.get_html("/vg/partnerships?year=2025").await;
    let mut listed: Vec<String> = select_text(&html, "table a[href^='/vg/partnerships/']");
    let mut titles: Vec<String> = in_2025
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_string())
        .collect();
    listed.sort();
    titles.sort();
    assert!(!titles.is_empty());
    assert_eq!(titles, listed);
    let (status, one) = json(
        &b,
        &format!("/api/v1/agreements/vg/partnerships/{}", all[0]["id"]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one, all[0]);
    let (status, _) = json(&b, "/api/v1/agreements/vg/partnerships/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        problem_names(
            &b,
            "/api/v1/agreements/vg/partnerships?year=soon&status=x&kind=y&organisation=z"
        )
        .await,
        ["status", "kind", "organisation", "year"]
    );
}

async fn one_document_comes_with_its_versions(app: TestApp) {
    let b = app.browser();
    let (status, d) = json(&b, "/api/v1/agreements/vg/documents/1").await;
    assert_eq!(status, StatusCode::OK);
    let versions = d["versions"].as_array().unwrap();
    let stored: i64 = scalar(
        &app,
        "SELECT COUNT(*) FROM document_versions WHERE document_id = 1",
    )
    .await;
    assert_eq!(versions.len() as i64, stored);
    let v = &versions[0];
    assert!(v["size"].as_i64().unwrap() > 0 && v["file_name"].is_string());
    let file = v["url"].as_str().unwrap();
    let r = b.get(&file[file.find("/vg/").unwrap()..]).await;
    assert_eq!(r.status(), StatusCode::OK);
    // The list does not carry versions; the single document does.
    let (_, list) = json(&b, "/api/v1/agreements/vg/documents?limit=1").await;
    assert!(list["data"][0].get("versions").is_none());
    // Internal documents are not found, as on the site.
    let internal: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM documents WHERE visibility <> 'public'")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert!(internal.contains(&5));
    for id in internal {
        let r = b
            .get(&format!("/api/v1/agreements/vg/documents/{id}"))
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "document {id}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
    let (status, _) = json(&b, "/api/v1/agreements/vg/documents/abc").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Every row of a list, with the next links checked to keep `expect`.
async fn harvest_keeping(b: &Browser, first: &str, expect: &str) -> Vec<Value> {
    let (_, page) = json(b, first).await;
    let next = page["next"].as_str().expect("more than one page");
    assert!(next.contains(expect), "{next} lost {expect}");
    harvest(b, first).await
}

async fn filters_match_the_pages_and_the_next_link_keeps_them(app: TestApp) {
    let b = app.browser();
    // Signatories: the register page's names and values.
    let umbrellas = harvest_keeping(
        &b,
        "/api/v1/agreements/vg/signatories?kind=umbrella&limit=2",
        "kind=umbrella",
    )
    .await;
    let expected: i64 = scalar(
        &app,
        "SELECT COUNT(*) FROM signatories s JOIN organisations o ON o.id = s.organisation_id
         WHERE s.left_on IS NULL AND o.kind = 'umbrella'",
    )
    .await;
    assert!(expected > 2);
    assert_eq!(umbrellas.len() as i64, expected);
    assert!(
        umbrellas
            .iter()
            .all(|s| s["organisation"]["kind"] == "umbrella")
    );
    let code: String = scalar(&app, "SELECT MIN(code) FROM organisation_municipalities").await;
    let here = harvest(
        &b,
        &format!("/api/v1/agreements/vg/signatories?municipality={code}&status=all"),
    )
    .await;
    let expected: i64 = scalar(
        &app,
        &format!(
            "SELECT COUNT(*) FROM signatories s JOIN organisation_municipalities m
             ON m.organisation_id = s.organisation_id WHERE m.code = '{code}'"
        ),
    )
    .await;
    assert_eq!(here.len() as i64, expected);
    let regional = harvest(
        &b,
        "/api/v1/agreements/vg/signatories?level=regional&year=2014",
    )
    .await;
    assert!(!regional.is_empty());
    assert!(
        regional
            .iter()
            .all(|s| s["organisation"]["level"] == "regional"
                && s["joined_on"].as_str().unwrap().starts_with("2014"))
    );
    assert_eq!(
        problem_names(
            &b,
            "/api/v1/agreements/vg/signatories?kind=club&level=global&legal_form=xx&municipality=14a0&umbrella=x&year=long+ago"
        )
        .await,
        ["kind", "level", "legal_form", "municipality", "umbrella", "year"]
    );
    // Documents: kind, year, body.
    let kind: String = scalar(
        &app,
        "SELECT kind FROM documents WHERE visibility = 'public'
         GROUP BY kind ORDER BY COUNT(*) DESC, kind LIMIT 1",
    )
    .await;
    let of_kind = harvest_keeping(
        &b,
        &format!("/api/v1/agreements/vg/documents?kind={kind}&limit=1"),
        &format!("kind={kind}"),
    )
    .await;
    assert!(of_kind.iter().all(|d| d["kind"] == kind.as_str()));
    let body: String = scalar(
        &app,
        "SELECT b.slug FROM documents d JOIN bodies b ON b.id = d.body_id
         WHERE d.visibility = 'public' ORDER BY d.id LIMIT 1",
    )
    .await;
    let of_body = harvest(&b, &format!("/api/v1/agreements/vg/documents?body={body}")).await;
    assert!(!of_body.is_empty() && of_body.iter().all(|d| d["body"] == body.as_str()));
    let year: String = scalar(
        &app,
        "SELECT MIN(SUBSTR(document_date, 1, 4)) FROM documents WHERE visibility = 'public'",
    )
    .await;
    let of_year = harvest(&b, &format!("/api/v1/agreements/vg/documents?year={year}")).await;
    assert!(
        !of_year.is_empty()
            && of_year
                .iter()
                .all(|d| d["document_date"].as_str().unwrap().starts_with(&year))
    );
    assert_eq!(
        problem_names(&b, "/api/v1/agreements/vg/documents?kind=memo&year=x").await,
        ["kind", "year"]
    );
    // News: tag and kind.
    let tag: String = scalar(
        &app,
        &format!(
            "SELECT MIN(t.tag) FROM news_tags t JOIN news n ON n.id = t.news_id
             WHERE n.publish_at <= '{}'",
            overens::db::now()
        ),
    )
    .await;
    let tagged = harvest(
        &b,
        &format!("/api/v1/agreements/vg/news?tag={}", tag.replace(' ', "+")),
    )
    .await;
    assert!(!tagged.is_empty());
    assert!(tagged.iter().all(|n| {
        n["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == tag.as_str())
    }));
    let press = harvest(&b, "/api/v1/agreements/vg/news?kind=press_release").await;
    assert!(press.iter().all(|n| n["kind"] == "press_release"));
    assert_eq!(
        problem_names(&b, "/api/v1/agreements/vg/news?kind=gossip").await,
        ["kind"]
    );
    // Decisions: year and body, as on the register page.
    let year: String = scalar(
        &app,
        "SELECT SUBSTR(decided_on, 1, 4) FROM decisions WHERE section_id IS NULL
         GROUP BY SUBSTR(decided_on, 1, 4) ORDER BY COUNT(*) DESC LIMIT 1",
    )
    .await;
    let decided = harvest_keeping(
        &b,
        &format!("/api/v1/agreements/vg/decisions?year={year}&limit=1"),
        &format!("year={year}"),
    )
    .await;
    assert!(!decided.is_empty());
    assert!(
        decided
            .iter()
            .all(|d| d["decided_on"].as_str().unwrap().starts_with(&year))
    );
    assert_eq!(
        problem_names(&b, "/api/v1/agreements/vg/decisions?year=x").await,
        ["year"]
    );
    // Any string is a slug by the document: one that is no body's matches nothing.
    assert!(
        harvest(&b, "/api/v1/agreements/vg/decisions?body=nobody")
            .await
            .is_empty()
    );
    assert!(
        harvest(&b, "/api/v1/agreements/vg/documents?body=nobody")
            .await
            .is_empty()
    );
}

async fn an_organisation_leaving_is_a_change(app: TestApp) {
    let b = app.browser();
    let before = overens::db::now();
    let path = format!(
        "/api/v1/agreements/vg/signatories?status=all&updated_since={}",
        before.replace(':', "%3A")
    );
    let (_, page) = json(&b, &path).await;
    assert_eq!(
        page["data"].as_array().unwrap().len(),
        0,
        "nothing changed yet"
    );
    let slug: String = scalar(
        &app,
        "SELECT o.slug FROM organisations o JOIN signatories s ON s.organisation_id = o.id
         WHERE s.left_on IS NULL ORDER BY o.id LIMIT 1",
    )
    .await;
    let editor = app.logged_in(EDITOR).await;
    let r = editor
        .post_form(
            &format!("/vg/signatories/{slug}/leave"),
            &[
                ("left_on", &overens::db::today()),
                ("reason", "Föreningen har upplösts."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = b.get(&path).await;
    assert!(r.headers().contains_key("last-modified"));
    let page: Value = r.json().await.unwrap();
    let changed = page["data"].as_array().unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["organisation"]["slug"], slug.as_str());
    assert_eq!(changed[0]["left_on"], overens::db::today().as_str());
    assert_eq!(changed[0]["leave_reason"], "Föreningen har upplösts.");
    // The current register no longer lists it.
    let current = harvest(&b, "/api/v1/agreements/vg/signatories?limit=500").await;
    assert!(
        current
            .iter()
            .all(|s| s["organisation"]["slug"] != slug.as_str())
    );
}
