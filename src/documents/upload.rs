//! An uploaded file: read from a multipart form within the size limit,
//! its type told from its content (never its name), its name made safe,
//! its text extracted for search, and stored under a key of our own.

use std::collections::HashMap;
use std::io::Read;

use axum::body::Bytes;
use axum::extract::Multipart;
use sha2::{Digest, Sha256};

use super::storage::{FileStore, StorageError};
use crate::web::AppError;

/// A type we accept, as detected.
pub struct Accepted {
    pub mime: &'static str,
    pub ext: &'static str,
    pub label: &'static str,
    /// Shown in the browser rather than downloaded.
    pub inline: bool,
}

pub const ACCEPTED: [Accepted; 6] = [
    Accepted {
        mime: "application/pdf",
        ext: "pdf",
        label: "PDF",
        inline: true,
    },
    Accepted {
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ext: "docx",
        label: "DOCX",
        inline: false,
    },
    Accepted {
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ext: "xlsx",
        label: "XLSX",
        inline: false,
    },
    Accepted {
        mime: "application/vnd.oasis.opendocument.text",
        ext: "odt",
        label: "ODT",
        inline: false,
    },
    Accepted {
        mime: "image/png",
        ext: "png",
        label: "PNG",
        inline: true,
    },
    Accepted {
        mime: "image/jpeg",
        ext: "jpg",
        label: "JPEG",
        inline: true,
    },
];

/// The accepted type of these bytes, by their content; None for anything
/// else (an executable, a plain zip, text).
pub fn detect(bytes: &[u8]) -> Option<&'static Accepted> {
    let ext = if infer::archive::is_pdf(bytes) {
        "pdf"
    } else if infer::doc::is_docx(bytes) {
        "docx"
    } else if infer::doc::is_xlsx(bytes) {
        "xlsx"
    } else if infer::odf::is_odt(bytes) {
        "odt"
    } else if infer::image::is_png(bytes) {
        "png"
    } else if infer::image::is_jpeg(bytes) {
        "jpg"
    } else {
        return None;
    };
    ACCEPTED.iter().find(|a| a.ext == ext)
}

pub fn by_mime(mime: &str) -> Option<&'static Accepted> {
    ACCEPTED.iter().find(|a| a.mime == mime)
}

const NAME_MAX: usize = 120;

/// A file name safe to store and to send back: no directories, no control
/// or reserved characters, not hidden, at most 120 characters, and ending
/// in the extension of the detected type.
pub fn safe_name(given: &str, ext: &str) -> String {
    let base = given.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | ';') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => cleaned,
    };
    let stem = if stem.is_empty() { "dokument" } else { stem };
    let stem: String = stem.chars().take(NAME_MAX - ext.len() - 1).collect();
    format!("{}.{ext}", stem.trim_end())
}

/// A multipart form as read: its text fields, and the file when one came.
#[derive(Default)]
pub struct Form {
    pub fields: HashMap<String, String>,
    pub file: Option<(String, Bytes)>,
    /// The file was larger than the limit (and was not kept).
    pub too_large: bool,
}

impl Form {
    pub fn get(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    /// Checks the form's `csrf` field against the visitor's token.
    pub fn check_csrf(&self, expected: &str) -> Result<(), AppError> {
        if crate::accounts::token::constant_time_eq(
            self.get("csrf").as_bytes(),
            expected.as_bytes(),
        ) {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }
}

const FIELD_MAX: usize = 64 * 1024;

/// At most this much of a too-large file is read on and dropped, so that
/// the browser gets to see the answer (one that stops reading early is
/// often cut off before it can show it).
const DRAIN_MIN: usize = 64 * 1024 * 1024;

/// Reads the whole form, keeping at most `limit` bytes of the file. A file
/// beyond it is read on and dropped, so the other fields still arrive and
/// the form can be answered again; past the drain cap we stop.
pub async fn read(mut multipart: Multipart, limit: u64) -> Result<Form, AppError> {
    let limit = limit as usize;
    let mut form = Form::default();
    let mut drained = 0usize;
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let mut bytes: Vec<u8> = Vec::new();
            let mut over = false;
            while let Some(chunk) = field.chunk().await.map_err(bad)? {
                if over {
                    drained += chunk.len();
                    if drained > limit.saturating_mul(4).max(DRAIN_MIN) {
                        form.too_large = true;
                        return Ok(form);
                    }
                    continue;
                }
                if bytes.len() + chunk.len() > limit {
                    over = true;
                    drained = bytes.len() + chunk.len();
                    bytes = Vec::new();
                    continue;
                }
                bytes.extend_from_slice(&chunk);
            }
            if over {
                form.too_large = true;
            } else if !bytes.is_empty() || !file_name.is_empty() {
                form.file = Some((file_name, Bytes::from(bytes)));
            }
        } else {
            let mut value = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(bad)? {
                if value.len() + chunk.len() > FIELD_MAX {
                    return Err(AppError::BadRequest(format!("field {name} too long")));
                }
                value.extend_from_slice(&chunk);
            }
            form.fields
                .insert(name, String::from_utf8_lossy(&value).into_owned());
        }
    }
    Ok(form)
}

/// A file stored, ready to be recorded as a version.
pub struct Stored {
    pub key: String,
    pub file_name: String,
    pub content_type: &'static str,
    pub size: i64,
    pub sha256: String,
    pub text: String,
}

/// Stores the bytes under a fresh key of ours and extracts their text.
pub async fn store(
    files: &FileStore,
    agreement_id: i64,
    given_name: &str,
    kind: &'static Accepted,
    bytes: Bytes,
) -> Result<Stored, StorageError> {
    let key = format!(
        "documents/{agreement_id}/{}",
        crate::accounts::token::random_hex(16)
    );
    let sha256: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let size = bytes.len() as i64;
    files.put(&key, bytes.clone()).await?;
    let text = extract_text(kind, bytes).await;
    Ok(Stored {
        key,
        file_name: safe_name(given_name, kind.ext),
        content_type: kind.mime,
        size,
        sha256,
        text,
    })
}

/// Records a stored file as version `number` of a document.
pub async fn insert_version(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    document_id: i64,
    number: i64,
    stored: &Stored,
    note: &str,
    user_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO document_versions (document_id, number, file_name, content_type, size,
            sha256, storage_key, text, note, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(document_id)
    .bind(number)
    .bind(&stored.file_name)
    .bind(stored.content_type)
    .bind(stored.size)
    .bind(&stored.sha256)
    .bind(&stored.key)
    .bind(&stored.text)
    .bind(note)
    .bind(user_id)
    .bind(crate::db::now())
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE documents SET current_version = $1, updated_at = $2 WHERE id = $3")
        .bind(number)
        .bind(crate::db::now())
        .bind(document_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- text

/// At most this much text is kept per version.
const TEXT_MAX: usize = 1024 * 1024;
/// At most this many decompressed bytes are read from one zip entry: a
/// zip bomb stops here.
const XML_MAX: u64 = 16 * 1024 * 1024;

/// The text of a PDF, DOCX, ODT or XLSX, for search; "" for images and on
/// any failure (logged: the upload itself still succeeds).
pub async fn extract_text(kind: &'static Accepted, bytes: Bytes) -> String {
    let ext = kind.ext;
    let result = tokio::task::spawn_blocking(move || {
        std::panic::catch_unwind(|| match ext {
            "pdf" => pdf_extract::extract_text_from_mem(&bytes).map_err(|e| e.to_string()),
            "docx" => xml_text(&bytes, "word/document.xml", "t", "p"),
            "odt" => xml_text(&bytes, "content.xml", "", "p"),
            "xlsx" => xml_text(&bytes, "xl/sharedStrings.xml", "t", "si"),
            _ => Ok(String::new()),
        })
    })
    .await;
    let text = match result {
        Ok(Ok(Ok(text))) => text,
        Ok(Ok(Err(e))) => {
            tracing::warn!(kind = ext, error = %e, "no text extracted from an upload");
            String::new()
        }
        _ => {
            tracing::warn!(kind = ext, "text extraction panicked on an upload");
            String::new()
        }
    };
    cap(text.trim().to_string())
}

fn cap(mut text: String) -> String {
    if text.len() > TEXT_MAX {
        let mut end = TEXT_MAX;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

/// The text inside one XML entry of a zip: the content of `text_tag`
/// elements (any element's text when empty), a newline after each
/// `break_tag` element.
fn xml_text(bytes: &[u8], entry: &str, text_tag: &str, break_tag: &str) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let file = archive.by_name(entry).map_err(|e| e.to_string())?;
    let mut xml = Vec::new();
    file.take(XML_MAX)
        .read_to_end(&mut xml)
        .map_err(|e| e.to_string())?;
    let xml = String::from_utf8_lossy(&xml);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut inside = 0usize;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if !text_tag.is_empty() && e.local_name().as_ref() == text_tag => {
                inside += 1;
            }
            Event::End(e) => {
                let name = e.local_name();
                if !text_tag.is_empty() && name.as_ref() == text_tag {
                    inside = inside.saturating_sub(1);
                }
                if name.as_ref() == break_tag {
                    out.push('\n');
                }
            }
            Event::Text(t) if text_tag.is_empty() || inside > 0 => {
                out.push_str(&t.xml10_content());
            }
            Event::CData(t) if text_tag.is_empty() || inside > 0 => {
                out.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if text_tag.is_empty() || inside > 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else {
                    match &*r.into_inner() {
                        "amp" => out.push('&'),
                        "lt" => out.push('<'),
                        "gt" => out.push('>'),
                        "quot" => out.push('"'),
                        "apos" => out.push('\''),
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if out.len() > TEXT_MAX {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(
            safe_name("C:\\tmp\\Rapport 2024.PDF", "pdf"),
            "Rapport 2024.pdf"
        );
        assert_eq!(safe_name("a\u{0}b\nc.docx", "docx"), "a_b_c.docx");
        assert_eq!(safe_name(".hidden", "png"), "hidden.png");
        assert_eq!(safe_name("", "pdf"), "dokument.pdf");
        assert_eq!(safe_name("report.pdf", "jpg"), "report.jpg");
        assert!(safe_name(&"x".repeat(500), "pdf").chars().count() <= NAME_MAX);
    }

    #[test]
    fn types_come_from_content() {
        assert_eq!(detect(b"%PDF-1.4\n%...").map(|a| a.ext), Some("pdf"));
        assert!(detect(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00").is_none());
        assert!(detect(b"MZ\x90\x00\x03\x00\x00\x00").is_none());
        assert!(detect(b"just some text").is_none());
    }
}
