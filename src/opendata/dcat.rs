//! The DCAT-AP-SE catalogue as RDF/XML. Every resource is a top-level node
//! with an absolute IRI (no blank nodes), linked to the others by
//! rdf:resource, so harvesters can merge catalogues without clashes.

use crate::agreements::Agreement;
use crate::config::Config;
use crate::web::i18n::Lang;
use crate::web::seo::xml_escape;

use super::{Dataset, Licence, datasets};

const LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
const THEME: &str = "http://publications.europa.eu/resource/authority/data-theme/";
const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
const PUBLIC: &str = "http://publications.europa.eu/resource/authority/access-right/PUBLIC";
const MEDIA_TYPE: &str = "https://www.iana.org/assignments/media-types/";
const PUBLISHER_TYPE: &str = "http://purl.org/adms/publishertype/";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// One agreement as the catalogue describes it.
pub struct Entry {
    pub agreement: Agreement,
    pub licence: Licence,
}

/// The catalogue itself: which IRI, title and homepage it has.
pub struct Catalog {
    pub about: String,
    pub homepage: String,
    /// Title and description per language.
    pub title: [(Lang, String); 2],
    pub description: [(Lang, String); 2],
    pub issued: Option<String>,
    pub modified: Option<String>,
}

struct Writer<'a> {
    out: String,
    config: &'a Config,
}

impl Writer<'_> {
    fn open(&mut self, class: &str, about: &str) {
        self.out.push_str(&format!(
            "  <{class} rdf:about=\"{}\">\n",
            xml_escape(about)
        ));
    }
    fn close(&mut self, class: &str) {
        self.out.push_str(&format!("  </{class}>\n"));
    }
    fn text(&mut self, prop: &str, lang: Option<Lang>, value: &str) {
        match lang {
            Some(lang) => self.out.push_str(&format!(
                "    <{prop} xml:lang=\"{}\">{}</{prop}>\n",
                lang.code(),
                xml_escape(value)
            )),
            None => self
                .out
                .push_str(&format!("    <{prop}>{}</{prop}>\n", xml_escape(value))),
        }
    }
    fn typed(&mut self, prop: &str, datatype: &str, value: &str) {
        self.out.push_str(&format!(
            "    <{prop} rdf:datatype=\"{XSD}{datatype}\">{}</{prop}>\n",
            xml_escape(value)
        ));
    }
    fn iri(&mut self, prop: &str, iri: &str) {
        self.out.push_str(&format!(
            "    <{prop} rdf:resource=\"{}\"/>\n",
            xml_escape(iri)
        ));
    }
    /// A path of this site as an absolute IRI.
    fn here(&mut self, prop: &str, path: &str) {
        let iri = self.config.absolute(path);
        self.iri(prop, &iri);
    }
    fn both(&mut self, prop: &str, key: &str, args: &[(&'static str, String)]) {
        for lang in [Lang::Sv, Lang::En] {
            let value = lang.t_with(key, args);
            self.text(prop, Some(lang), &value);
        }
    }
}

/// A public body whose name says region is a regional authority; otherwise
/// it is taken for a municipality.
pub fn publisher_type(public_body: &str) -> &'static str {
    if public_body.to_lowercase().contains("region") {
        "RegionalAuthority"
    } else {
        "LocalAuthority"
    }
}

pub fn publisher_path(slug: &str) -> String {
    format!("/{slug}/data#publisher")
}

pub fn render(
    config: &Config,
    contact_email: &str,
    catalog: &Catalog,
    entries: &[Entry],
) -> String {
    let mut w = Writer {
        out: String::from(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n",
            "         xmlns:dcat=\"http://www.w3.org/ns/dcat#\"\n",
            "         xmlns:dcterms=\"http://purl.org/dc/terms/\"\n",
            "         xmlns:foaf=\"http://xmlns.com/foaf/0.1/\"\n",
            "         xmlns:vcard=\"http://www.w3.org/2006/vcard/ns#\">\n",
        )),
        config,
    };

    w.open("dcat:Catalog", &catalog.about);
    for (lang, title) in &catalog.title {
        w.text("dcterms:title", Some(*lang), title);
    }
    for (lang, description) in &catalog.description {
        w.text("dcterms:description", Some(*lang), description);
    }
    if let Some(first) = entries.first() {
        w.here("dcterms:publisher", &publisher_path(&first.agreement.slug));
    }
    w.iri("foaf:homepage", &catalog.homepage);
    w.iri("dcterms:language", &format!("{LANGUAGE}SWE"));
    w.iri("dcterms:language", &format!("{LANGUAGE}ENG"));
    // The catalogue's own records are free of rights.
    w.iri("dcterms:license", Licence::Cc0.iri());
    if let Some(issued) = &catalog.issued {
        w.typed("dcterms:issued", "date", issued);
    }
    if let Some(modified) = &catalog.modified {
        w.typed("dcterms:modified", "dateTime", modified);
    }
    for entry in entries {
        for dataset in datasets(&entry.agreement.slug) {
            w.here("dcat:dataset", &dataset.path(&entry.agreement.slug));
        }
    }
    w.close("dcat:Catalog");

    for entry in entries {
        let a = &entry.agreement;
        for dataset in datasets(&a.slug) {
            write_dataset(&mut w, entry, &dataset);
        }
        w.open("foaf:Agent", &config.absolute(&publisher_path(&a.slug)));
        w.text("foaf:name", None, &a.public_body);
        w.iri(
            "dcterms:type",
            &format!("{PUBLISHER_TYPE}{}", publisher_type(&a.public_body)),
        );
        w.close("foaf:Agent");
        w.open(
            "vcard:Organization",
            &config.absolute(&format!("/{}/data#contact", a.slug)),
        );
        w.text(
            "vcard:fn",
            None,
            &format!("{}, {}", a.public_body, a.short_name),
        );
        w.iri("vcard:hasEmail", &format!("mailto:{contact_email}"));
        w.close("vcard:Organization");
    }
    w.out.push_str("</rdf:RDF>\n");
    w.out
}

fn write_dataset(w: &mut Writer<'_>, entry: &Entry, dataset: &Dataset) {
    let a = &entry.agreement;
    let args = [("agreement", a.short_name.clone())];
    w.open("dcat:Dataset", &w.config.absolute(&dataset.path(&a.slug)));
    w.both("dcterms:title", &dataset.title_key(), &args);
    w.both("dcterms:description", &dataset.description_key(), &args);
    w.here("dcterms:publisher", &publisher_path(&a.slug));
    w.here("dcat:contactPoint", &format!("/{}/data#contact", a.slug));
    for theme in dataset.themes {
        w.iri("dcat:theme", &format!("{THEME}{theme}"));
    }
    for lang in [Lang::Sv, Lang::En] {
        for keyword in lang.t(&dataset.keywords_key()).split(',') {
            let keyword = keyword.trim();
            if !keyword.is_empty() {
                w.text("dcat:keyword", Some(lang), keyword);
            }
        }
    }
    w.iri("dcterms:language", &format!("{LANGUAGE}SWE"));
    w.iri("dcterms:accessRights", PUBLIC);
    w.here("dcat:landingPage", &dataset.landing);
    for d in &dataset.distributions {
        w.here("dcat:distribution", &d.path(&a.slug, dataset.key));
    }
    w.close("dcat:Dataset");

    for d in &dataset.distributions {
        w.open(
            "dcat:Distribution",
            &w.config.absolute(&d.path(&a.slug, dataset.key)),
        );
        for lang in [Lang::Sv, Lang::En] {
            let title = format!(
                "{} – {}",
                lang.t_with(&dataset.title_key(), &args),
                lang.t(&format!("opendata-format-{}", d.kind))
            );
            w.text("dcterms:title", Some(lang), &title);
        }
        w.here("dcat:accessURL", d.access());
        if let Some(download) = d.download() {
            w.here("dcat:downloadURL", download);
        }
        w.iri("dcterms:format", &format!("{FILE_TYPE}{}", d.file_type));
        w.iri("dcat:mediaType", &format!("{MEDIA_TYPE}{}", d.media_type));
        w.iri("dcterms:license", entry.licence.iri());
        w.close("dcat:Distribution");
    }
}

/// The address the contact point answers at: the public body's published
/// contact (the accessibility statement's, monitored by people), else the
/// configured sender's.
pub async fn contact_email(db: &crate::db::Db, config: &Config) -> Result<String, sqlx::Error> {
    let published: Option<String> =
        sqlx::query_scalar("SELECT contact_email FROM accessibility_statement ORDER BY id LIMIT 1")
            .fetch_optional(&db.pool)
            .await?;
    if let Some(email) = published.map(|e| e.trim().to_string())
        && email.contains('@')
    {
        return Ok(email);
    }
    let from = config.mail_from.trim();
    Ok(match (from.rfind('<'), from.rfind('>')) {
        (Some(start), Some(end)) if start < end => from[start + 1..end].trim().to_string(),
        _ => from.to_string(),
    })
}
