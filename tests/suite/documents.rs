//! The document library: uploads checked by their content and size, forms
//! that keep their input, who sees what (pages and files), versions, the
//! headers files are served with, and text extracted for search.

use crate::common;

use std::io::Write;

use common::{Browser, TestApp, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    every_accepted_type_is_stored_and_text_is_extracted,
    executables_and_text_are_rejected_and_the_form_keeps_its_input,
    a_file_over_the_limit_is_answered_with_the_form,
    pages_and_files_are_shown_only_to_those_allowed,
    versions_keep_the_old_files_and_headers_fit_the_visibility,
    editing_and_deleting_are_audited_and_remove_the_files,
);

// ---------------------------------------------------------------- files

fn pdf(text: &str) -> Vec<u8> {
    let mut b = overens::web::pdf::Blocks::default();
    b.paragraph(text, false, 11.0);
    overens::web::pdf::document("Test", &b)
}

/// A zip whose first entry names the type (as Word and Excel write them).
fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx(text: &str) -> Vec<u8> {
    zip(&[
        (
            "word/document.xml",
            &format!(
                "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p><w:p><w:r><w:t>Andra stycket &amp; mer</w:t></w:r></w:p></w:body></w:document>"
            ),
        ),
        ("[Content_Types].xml", "<Types/>"),
    ])
}

fn xlsx() -> Vec<u8> {
    zip(&[
        (
            "xl/sharedStrings.xml",
            "<sst><si><t>Kalkyl</t></si><si><t>Budget</t></si></sst>",
        ),
        ("[Content_Types].xml", "<Types/>"),
    ])
}

fn odt() -> Vec<u8> {
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        (
            "content.xml",
            "<office:document-content><text:p>Öppet dokument</text:p></office:document-content>",
        ),
    ])
}

const PNG: &[u8] = overens::documents::demo::TINY_PNG;
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
    0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9,
];

fn elf() -> Vec<u8> {
    let mut v = vec![0x7F, b'E', b'L', b'F', 2, 1, 1, 0];
    v.extend(std::iter::repeat_n(0u8, 120));
    v
}

// ---------------------------------------------------------------- helpers

async fn post_multipart(
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let csrf = b.csrf().await;
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    }
    b.client
        .post(format!("{}{}", b.base, path))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn create(
    b: &Browser,
    title: &str,
    visibility: &str,
    file: (&str, Vec<u8>),
) -> reqwest::Response {
    post_multipart(
        b,
        "/vg/documents/new",
        &[
            ("kind", "rapport"),
            ("title", title),
            ("document_date", "2025-03-14"),
            ("visibility", visibility),
            ("case_number", "RS 2025-1"),
        ],
        Some(file),
    )
    .await
}

fn id_of(path: &str) -> i64 {
    path.rsplit('/').next().unwrap().parse().unwrap()
}

async fn doc_id(app: &TestApp, title: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM documents WHERE title = $1")
        .bind(title)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn text_of(app: &TestApp, id: i64) -> (String, String) {
    sqlx::query_as(
        "SELECT v.content_type, v.text FROM document_versions v JOIN documents d ON d.id = v.document_id
         WHERE d.id = $1 AND v.number = d.current_version",
    )
    .bind(id)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

// ---------------------------------------------------------------- stories

async fn every_accepted_type_is_stored_and_text_is_extracted(app: TestApp) {
    let editor = app.logged_in("redaktor@demo.example").await;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "a.pdf",
            pdf("Verksamhetsberättelse om samverkan"),
            "application/pdf",
        ),
        (
            "b.docx",
            docx("Protokoll från dialogmötet"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "c.xlsx",
            xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("d.odt", odt(), "application/vnd.oasis.opendocument.text"),
        ("e.png", PNG.to_vec(), "image/png"),
        ("f.jpeg", JPEG.to_vec(), "image/jpeg"),
    ];
    for (name, bytes, mime) in cases {
        let title = format!("Typtest {name}");
        let r = create(&editor, &title, "public", (name, bytes)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{name} accepted");
        let id = id_of(&location(&r));
        let (content_type, text) = text_of(&app, id).await;
        assert_eq!(content_type, mime, "{name}");
        match name {
            "a.pdf" => assert!(text.contains("Verksamhetsberättelse"), "pdf text: {text:?}"),
            "b.docx" => {
                assert!(
                    text.contains("Protokoll från dialogmötet"),
                    "docx text: {text:?}"
                );
                assert!(text.contains("Andra stycket & mer"), "docx text: {text:?}");
                assert!(text.contains('\n'), "paragraphs as lines");
            }
            "c.xlsx" => assert!(text.contains("Budget"), "xlsx text: {text:?}"),
            "d.odt" => assert!(text.contains("Öppet dokument"), "odt text: {text:?}"),
            _ => assert_eq!(text, ""),
        }
        let changes: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM search_changes WHERE kind = 'document' AND object_id = $1",
        )
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert!(changes >= 1, "search hears of the new document");
    }
    // The demo's notes were extracted as well.
    let id = doc_id(&app, "Anteckningar från RÖS sammanträde").await;
    assert!(text_of(&app, id).await.1.contains("Processledarna"));
}

async fn executables_and_text_are_rejected_and_the_form_keeps_its_input(app: TestApp) {
    let editor = app.logged_in("redaktor@demo.example").await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM documents")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    for (name, bytes) in [
        ("report.pdf", elf()),
        ("notes.pdf", b"just some text, not a PDF".to_vec()),
        ("archive.docx", zip(&[("readme.txt", "hello")])),
        ("setup.png", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".to_vec()),
    ] {
        let r = create(&editor, "Kvarhållen titel", "members", (name, bytes)).await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name} rejected"
        );
        let html = scraper::Html::parse_document(&r.text().await.unwrap());
        let summary = select_text(&html, ".error-summary li").join(" ");
        assert!(summary.contains("Typen avgörs av innehållet"), "{summary}");
        assert_eq!(
            common::attr(&html, "#title", "value").as_deref(),
            Some("Kvarhållen titel")
        );
        assert_eq!(
            common::attr(&html, "#case_number", "value").as_deref(),
            Some("RS 2025-1")
        );
        assert!(
            common::attr(&html, "#visibility-members", "checked").is_some(),
            "visibility kept"
        );
    }
    // A missing title and date are reported beside the fields, nothing saved.
    let r = post_multipart(
        &editor,
        "/vg/documents/new",
        &[
            ("kind", "beslut"),
            ("document_date", "14/3"),
            ("visibility", "public"),
        ],
        Some(("ok.pdf", pdf("Beslut"))),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(select_text(&html, "#title-error").len(), 1);
    assert_eq!(select_text(&html, "#document_date-error").len(), 1);
    assert_eq!(
        common::attr(&html, "#document_date", "value").as_deref(),
        Some("14/3")
    );
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM documents")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(before, after, "nothing half-saved");
    // Without the CSRF field the upload is refused.
    let form = reqwest::multipart::Form::new().text("title", "x").part(
        "file",
        reqwest::multipart::Part::bytes(pdf("x")).file_name("x.pdf"),
    );
    let r = editor
        .client
        .post(format!("{}/vg/documents/new", editor.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    // Not an editor: no form, no upload.
    let member = app.logged_in("ledamot@demo.example").await;
    let r = create(&member, "Smyg", "public", ("s.pdf", pdf("s"))).await;
    assert!(r.status() == StatusCode::FORBIDDEN || r.status() == StatusCode::NOT_FOUND);
}

async fn a_file_over_the_limit_is_answered_with_the_form(_app: TestApp) {
    let app = TestApp::start_with(_app.backend, |c| c.upload_limit = 64 * 1024).await;
    let editor = app.logged_in("redaktor@demo.example").await;
    let mut big = pdf("Stor");
    big.extend(std::iter::repeat_n(b' ', 100 * 1024));
    let r = create(&editor, "För stor fil", "public", ("big.pdf", big)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(select_text(&html, "#file-error")[0].contains("för stor"));
    assert_eq!(
        common::attr(&html, "#title", "value").as_deref(),
        Some("För stor fil")
    );
    // Beyond the global 2 MB body limit it is still the form, never a bare 413.
    let huge = vec![b'%'; 3 * 1024 * 1024];
    let r = create(&editor, "Mycket stor", "public", ("huge.pdf", huge)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Under the limit is fine.
    let r = create(&editor, "Liten fil", "public", ("small.pdf", pdf("Liten"))).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

async fn pages_and_files_are_shown_only_to_those_allowed(app: TestApp) {
    let public = doc_id(&app, "Uppföljning av handlingsplanen 2024–2026").await;
    let members = doc_id(&app, "Underlag inför RÖS: arbetsmaterial om stödformer").await;
    let editors = doc_id(&app, "Inkommen skrivelse om lokalbidrag").await;
    let anonymous = app.browser();
    let member = app.logged_in("ledamot@demo.example").await;
    let representative = app.logged_in("representant@demo.example").await;
    let editor = app.logged_in("redaktor@demo.example").await;
    for (who, b, sees) in [
        ("anonymous", &anonymous, [true, false, false]),
        ("representative", &representative, [true, false, false]),
        ("member", &member, [true, true, false]),
        ("editor", &editor, [true, true, true]),
    ] {
        let (status, html) = b.get_html("/vg/documents").await;
        assert_eq!(status, StatusCode::OK);
        let titles = select_text(&html, ".documents-table td a").join(" | ");
        for (id, allowed) in [public, members, editors].into_iter().zip(sees) {
            let page = b.get(&format!("/vg/documents/{id}")).await.status();
            let file = b.get(&format!("/vg/documents/{id}/file")).await.status();
            let version = b
                .get(&format!("/vg/documents/{id}/versions/1/file"))
                .await
                .status();
            let expected = if allowed {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(
                (page, file, version),
                (expected, expected, expected),
                "{who} {id}"
            );
        }
        assert_eq!(
            titles.contains("arbetsmaterial"),
            sees[1],
            "{who}: {titles}"
        );
        assert_eq!(titles.contains("lokalbidrag"), sees[2], "{who}: {titles}");
    }
    // The meeting page lists its documents; the body page its own.
    let (meeting_id,): (i64,) = sqlx::query_as("SELECT meeting_id FROM documents WHERE id = $1")
        .bind(doc_id(&app, "Anteckningar från RÖS sammanträde").await)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let (_, html) = anonymous
        .get_html(&format!("/vg/meetings/{meeting_id}"))
        .await;
    let listed = select_text(&html, "#meeting-documents a").join(" | ");
    assert!(listed.contains("Anteckningar från RÖS"), "{listed}");
    let slug: String = sqlx::query_scalar("SELECT slug FROM bodies WHERE kind = 'agreement_group'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let (_, html) = anonymous.get_html(&format!("/vg/bodies/{slug}")).await;
    assert!(
        !select_text(&html, "#body-documents a")
            .join(" ")
            .contains("arbetsmaterial")
    );
    let (_, html) = member.get_html(&format!("/vg/bodies/{slug}")).await;
    assert!(
        select_text(&html, "#body-documents a")
            .join(" ")
            .contains("arbetsmaterial")
    );
    // Filters: by type and by year, by text.
    let (_, html) = anonymous.get_html("/vg/documents?kind=presentation").await;
    assert_eq!(select_text(&html, ".documents-table tbody tr").len(), 1);
    let (_, html) = anonymous.get_html("/vg/documents?q=UPPFÖLJNING").await;
    assert_eq!(select_text(&html, ".documents-table tbody tr").len(), 1);
    let (_, html) = anonymous.get_html("/vg/documents?year=1999").await;
    assert_eq!(select_text(&html, "#no-documents").len(), 1);
    // Another agreement's address does not find the document.
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, summary, created_at)
         VALUES ('annan', 'Annan överenskommelse', 'Annan', 'Annan kommun', '', $1)",
    )
    .bind(overens::db::now())
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    for path in [
        format!("/annan/documents/{public}"),
        format!("/annan/documents/{public}/file"),
        format!("/annan/documents/{public}/versions/1/file"),
    ] {
        assert_eq!(
            editor.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // The sitemap has public documents only.
    let sitemap = anonymous.get("/sitemap.xml").await.text().await.unwrap();
    assert!(sitemap.contains(&format!("/vg/documents/{public}<")));
    assert!(!sitemap.contains(&format!("/vg/documents/{members}<")));
}

async fn versions_keep_the_old_files_and_headers_fit_the_visibility(app: TestApp) {
    let editor = app.logged_in("redaktor@demo.example").await;
    let anonymous = app.browser();
    let r = create(
        &editor,
        "Versionstest å",
        "public",
        ("Första versionen ÅÄÖ.pdf", pdf("Ett")),
    )
    .await;
    let path = location(&r);
    let id = id_of(&path);
    let first = anonymous.get(&format!("{path}/file")).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(header(&first, "content-type"), "application/pdf");
    assert_eq!(
        header(&first, "content-disposition"),
        "inline; filename=\"F_rsta versionen ___.pdf\"; filename*=UTF-8''F%C3%B6rsta%20versionen%20%C3%85%C3%84%C3%96.pdf"
    );
    assert_eq!(header(&first, "cache-control"), "public, max-age=300");
    assert_eq!(header(&first, "x-content-type-options"), "nosniff");
    assert_eq!(header(&first, "content-security-policy"), "sandbox");
    let etag = header(&first, "etag");
    assert!(etag.starts_with('"') && etag.len() == 66, "{etag}");
    let first_bytes = first.bytes().await.unwrap();
    let again = anonymous
        .client
        .get(app.url(&format!("{path}/file")))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // A DOCX as the new version, with a note.
    let r = post_multipart(
        &editor,
        &format!("{path}/versions/new"),
        &[("note", "Rättade siffror")],
        Some(("andra.docx", docx("Andra versionen"))),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let current = anonymous.get(&format!("{path}/file")).await;
    assert_eq!(
        header(&current, "content-type"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(
        header(&current, "content-disposition").starts_with("attachment; filename=\"andra.docx\"")
    );
    assert_ne!(header(&current, "etag"), etag);
    let old = anonymous.get(&format!("{path}/versions/1/file")).await;
    assert_eq!(old.status(), StatusCode::OK);
    assert_eq!(
        header(&old, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(old.bytes().await.unwrap(), first_bytes);
    let (_, html) = anonymous.get_html(&path).await;
    let rows = select_text(&html, "#versions tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].contains("Rättade siffror") && rows[0].contains("DOCX"),
        "{rows:?}"
    );
    assert!(text_of(&app, id).await.1.contains("Andra versionen"));
    // A rejected new version changes nothing.
    let r = post_multipart(
        &editor,
        &format!("{path}/versions/new"),
        &[("note", "Fel")],
        Some(("x.pdf", elf())),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let n: i64 = sqlx::query_scalar("SELECT current_version FROM documents WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 2);

    // Internal files are never cached.
    let members = doc_id(&app, "Underlag inför RÖS: arbetsmaterial om stödformer").await;
    let member = app.logged_in("ledamot@demo.example").await;
    for p in [
        format!("/vg/documents/{members}/file"),
        format!("/vg/documents/{members}/versions/1/file"),
    ] {
        let r = member.get(&p).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(header(&r, "cache-control"), "private, no-store");
    }
    // An image is shown inline.
    let presentation = doc_id(&app, "Bild: överenskommelsens organisation").await;
    let r = anonymous
        .get(&format!("/vg/documents/{presentation}/file"))
        .await;
    assert_eq!(header(&r, "content-type"), "image/png");
    assert!(header(&r, "content-disposition").starts_with("inline;"));
}

async fn editing_and_deleting_are_audited_and_remove_the_files(app: TestApp) {
    let editor = app.logged_in("redaktor@demo.example").await;
    let r = create(&editor, "Att ändra", "public", ("x.pdf", pdf("Ändra"))).await;
    let path = location(&r);
    let id = id_of(&path);
    let (status, html) = editor.get_html(&format!("{path}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        common::attr(&html, "#title", "value").as_deref(),
        Some("Att ändra")
    );
    let r = editor
        .post_form(
            &format!("{path}/edit"),
            &[
                ("kind", "beslut"),
                ("title", "Ändrad titel"),
                ("document_date", "2025-04-01"),
                ("visibility", "editors"),
                ("received_on", "2025-04-02"),
                ("case_number", "RS 2025-9"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.browser().get(&path).await.status(),
        StatusCode::NOT_FOUND,
        "now for editors only"
    );
    let (_, html) = editor.get_html(&path).await;
    assert_eq!(select_text(&html, "#case-number"), vec!["RS 2025-9"]);
    let key: String =
        sqlx::query_scalar("SELECT storage_key FROM document_versions WHERE document_id = $1")
            .bind(id)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert!(!key.contains("x.pdf"), "keys are never names");
    assert!(app.state.files.get(&key).await.is_ok());
    let (status, _) = editor.get_html(&format!("{path}/delete")).await;
    assert_eq!(status, StatusCode::OK);
    let r = editor.post_form(&format!("{path}/delete"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(editor.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert!(app.state.files.get(&key).await.is_err(), "file removed");
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'document.%' ORDER BY id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(
        actions,
        vec!["document.create", "document.edit", "document.delete"]
    );
}
