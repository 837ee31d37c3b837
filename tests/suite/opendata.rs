//! Open data: the DCAT-AP-SE catalogue (RDF/XML, absolute IRIs, no blank
//! nodes), the open-data page its IRIs resolve to, and the licence an editor
//! chooses per agreement.

use crate::common;

use common::{TestApp, attr, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    the_catalogue_describes_every_dataset_without_blank_nodes,
    every_listed_file_and_page_answers,
    the_licence_follows_the_agreements_setting,
    an_agreements_catalogue_has_only_that_agreement,
    the_open_data_page_works_for_anyone,
);

const EDITOR: &str = "redaktor@demo.example";
const MEMBER: &str = "ledamot@demo.example";
const CC0: &str = "http://creativecommons.org/publicdomain/zero/1.0/";
const CC_BY: &str = "http://creativecommons.org/licenses/by/4.0/";

/// Vocabularies an IRI in the catalogue may point into besides this site.
const VOCABULARIES: [&str; 6] = [
    "http://publications.europa.eu/resource/authority/",
    "https://www.iana.org/assignments/media-types/",
    "http://purl.org/adms/publishertype/",
    "http://creativecommons.org/",
    "http://www.w3.org/2001/XMLSchema#",
    "mailto:",
];

/// One element of the RDF/XML: its depth under the document, its attributes,
/// its text, and the resource it is a property of.
#[derive(Debug)]
struct Element {
    name: String,
    depth: usize,
    attrs: Vec<(String, String)>,
    text: String,
    subject: Option<String>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn elements(xml: &str) -> Vec<Element> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut subject: Option<String> = None;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let attrs = e
                .attributes()
                .map(|a| {
                    let a = a.expect("attribute");
                    (
                        a.key.as_ref().to_string(),
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .expect("attribute value")
                            .into_owned(),
                    )
                })
                .collect::<Vec<_>>();
            let depth = open.len();
            let element = Element {
                name: e.name().as_ref().to_string(),
                depth,
                text: String::new(),
                subject: if depth == 2 { subject.clone() } else { None },
                attrs,
            };
            if depth == 1 {
                subject = element.attr("rdf:about").map(str::to_string);
            }
            out.push(element);
            if !empty {
                open.push(out.len() - 1);
            }
            continue;
        }
        match event {
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i].text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(&i) = open.last() {
                    let name = r.into_inner();
                    out[i].text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unknown entity {other}"),
                    });
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The catalogue as its resources: (class, IRI) in document order.
struct Rdf {
    els: Vec<Element>,
}

impl Rdf {
    fn parse(xml: &str) -> Rdf {
        let els = elements(xml);
        assert_eq!(els[0].name, "rdf:RDF");
        Rdf { els }
    }
    fn of_class(&self, class: &str) -> Vec<String> {
        self.els
            .iter()
            .filter(|e| e.depth == 1 && e.name == class)
            .map(|e| e.attr("rdf:about").expect("rdf:about").to_string())
            .collect()
    }
    fn props(&self, subject: &str, prop: &str) -> Vec<&Element> {
        self.els
            .iter()
            .filter(|e| e.depth == 2 && e.subject.as_deref() == Some(subject) && e.name == prop)
            .collect()
    }
    fn resources(&self, subject: &str, prop: &str) -> Vec<String> {
        self.props(subject, prop)
            .iter()
            .map(|e| e.attr("rdf:resource").expect("rdf:resource").to_string())
            .collect()
    }
    /// Literal values by language.
    fn texts(&self, subject: &str, prop: &str) -> Vec<(String, String)> {
        self.props(subject, prop)
            .iter()
            .map(|e| (e.attr("xml:lang").unwrap_or("").to_string(), e.text.clone()))
            .collect()
    }
}

async fn get_rdf(app: &TestApp, path: &str) -> (String, Rdf) {
    let r = app.browser().get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    let mime = r.headers()["content-type"].to_str().unwrap().to_string();
    assert!(mime.starts_with("application/rdf+xml"), "{path}: {mime}");
    let text = r.text().await.unwrap();
    let rdf = Rdf::parse(&text);
    (text, rdf)
}

/// No blank node anywhere: every resource is a top-level node with an
/// absolute IRI, properties are literals or links, nothing is nested.
fn assert_no_blank_nodes(app: &TestApp, rdf: &Rdf) {
    let base = app.url("/");
    for e in &rdf.els {
        assert!(e.attr("rdf:nodeID").is_none(), "nodeID on {}", e.name);
        assert!(e.attr("rdf:parseType").is_none(), "parseType on {}", e.name);
        assert!(e.depth <= 2, "nested node {} (a blank node)", e.name);
        if e.depth == 1 {
            assert!(
                e.attr("rdf:about").is_some(),
                "{} without rdf:about",
                e.name
            );
        }
        for key in ["rdf:about", "rdf:resource", "rdf:datatype"] {
            if let Some(iri) = e.attr(key) {
                assert!(
                    iri.starts_with(&base) || VOCABULARIES.iter().any(|v| iri.starts_with(v)),
                    "{key}={iri} on {} is neither this site's nor a known vocabulary's",
                    e.name
                );
            }
        }
    }
}

async fn the_catalogue_describes_every_dataset_without_blank_nodes(app: TestApp) {
    let (_, rdf) = get_rdf(&app, "/catalog.rdf").await;
    assert_no_blank_nodes(&app, &rdf);
    let catalogs = rdf.of_class("dcat:Catalog");
    assert_eq!(catalogs, vec![app.url("/catalog.rdf#catalog")]);
    let catalog = &catalogs[0];
    let titles = rdf.texts(catalog, "dcterms:title");
    assert!(
        titles.iter().any(|(l, t)| l == "sv" && !t.is_empty()),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|(l, t)| l == "en" && !t.is_empty()),
        "{titles:?}"
    );
    assert_eq!(rdf.texts(catalog, "dcterms:description").len(), 2);
    assert_eq!(
        rdf.resources(catalog, "dcterms:publisher"),
        vec![app.url("/vg/data#publisher")]
    );
    assert_eq!(rdf.resources(catalog, "foaf:homepage"), vec![app.url("/")]);
    let languages = rdf.resources(catalog, "dcterms:language");
    assert!(
        languages
            .contains(&"http://publications.europa.eu/resource/authority/language/SWE".to_string())
    );
    assert!(
        languages
            .contains(&"http://publications.europa.eu/resource/authority/language/ENG".to_string())
    );
    assert_eq!(rdf.resources(catalog, "dcterms:license").len(), 1);
    assert_eq!(rdf.props(catalog, "dcterms:issued").len(), 1);

    let datasets = rdf.of_class("dcat:Dataset");
    assert_eq!(rdf.resources(catalog, "dcat:dataset"), datasets);
    for key in [
        "register",
        "meetings",
        "decisions",
        "plans",
        "news",
        "partnerships",
        "documents",
    ] {
        assert!(
            datasets.contains(&app.url(&format!("/vg/data#{key}"))),
            "{key}"
        );
    }
    assert_eq!(datasets.len(), 7);
    let distributions = rdf.of_class("dcat:Distribution");
    assert_eq!(distributions.len(), 12);
    for dataset in &datasets {
        for prop in ["dcterms:title", "dcterms:description"] {
            let langs: Vec<String> = rdf
                .texts(dataset, prop)
                .into_iter()
                .map(|(l, _)| l)
                .collect();
            assert_eq!(langs, ["sv", "en"], "{dataset} {prop}");
        }
        assert_eq!(
            rdf.resources(dataset, "dcterms:publisher"),
            vec![app.url("/vg/data#publisher")]
        );
        assert_eq!(
            rdf.resources(dataset, "dcat:contactPoint"),
            vec![app.url("/vg/data#contact")]
        );
        assert!(!rdf.resources(dataset, "dcat:theme").is_empty());
        assert!(!rdf.texts(dataset, "dcat:keyword").is_empty());
        assert_eq!(
            rdf.resources(dataset, "dcterms:accessRights"),
            vec!["http://publications.europa.eu/resource/authority/access-right/PUBLIC"]
        );
        let own = rdf.resources(dataset, "dcat:distribution");
        assert!(!own.is_empty(), "{dataset}");
        for d in own {
            assert!(distributions.contains(&d), "{d} is not described");
        }
    }
    for d in &distributions {
        assert_eq!(rdf.texts(d, "dcterms:title").len(), 2, "{d}");
        assert_eq!(rdf.resources(d, "dcat:accessURL").len(), 1, "{d}");
        assert_eq!(rdf.resources(d, "dcterms:format").len(), 1, "{d}");
        assert_eq!(rdf.resources(d, "dcat:mediaType").len(), 1, "{d}");
        // The demo agreement publishes under the default licence.
        assert_eq!(rdf.resources(d, "dcterms:license"), vec![CC0], "{d}");
    }
    let csv = app.url("/vg/data#register-csv");
    assert_eq!(
        rdf.resources(&csv, "dcat:downloadURL"),
        vec![app.url("/vg/signatories.csv")]
    );
    assert_eq!(
        rdf.resources(&csv, "dcterms:format"),
        vec!["http://publications.europa.eu/resource/authority/file-type/CSV"]
    );
    assert_eq!(
        rdf.resources(&csv, "dcat:mediaType"),
        vec!["https://www.iana.org/assignments/media-types/text/csv"]
    );
    // The JSON API is listed (the API itself is tested elsewhere).
    let all_urls: Vec<String> = distributions
        .iter()
        .flat_map(|d| {
            let mut v = rdf.resources(d, "dcat:accessURL");
            v.extend(rdf.resources(d, "dcat:downloadURL"));
            v
        })
        .collect();
    for path in [
        "/api/v1/agreements/vg/signatories",
        "/api/v1/agreements/vg/meetings",
        "/api/v1/agreements/vg/decisions",
        "/api/v1/agreements/vg/plans",
        "/api/v1/agreements/vg/documents",
        "/vg/signatories.xlsx",
        "/vg/signatories/history.csv",
        "/vg/meetings.ics",
        "/vg/news.atom",
        "/vg/partnerships.csv",
        "/vg/partnerships.xlsx",
        "/vg/decisions",
        "/vg/plans",
    ] {
        assert!(all_urls.contains(&app.url(path)), "{path} is not listed");
    }

    let agents = rdf.of_class("foaf:Agent");
    assert_eq!(agents, vec![app.url("/vg/data#publisher")]);
    assert!(!rdf.texts(&agents[0], "foaf:name")[0].1.is_empty());
    assert_eq!(
        rdf.resources(&agents[0], "dcterms:type"),
        vec!["http://purl.org/adms/publishertype/RegionalAuthority"]
    );
    let contacts = rdf.of_class("vcard:Organization");
    assert_eq!(contacts, vec![app.url("/vg/data#contact")]);
    assert!(!rdf.texts(&contacts[0], "vcard:fn")[0].1.is_empty());
    let email = rdf.resources(&contacts[0], "vcard:hasEmail");
    // The public body's published contact address (the demo's accessibility
    // statement), not the no-reply sender.
    assert_eq!(email, ["mailto:tillganglighet@demo.example"]);
}

async fn every_listed_file_and_page_answers(app: TestApp) {
    let (_, rdf) = get_rdf(&app, "/catalog.rdf").await;
    let mut urls = Vec::new();
    for d in rdf.of_class("dcat:Distribution") {
        urls.extend(rdf.resources(&d, "dcat:accessURL"));
        urls.extend(rdf.resources(&d, "dcat:downloadURL"));
    }
    for d in rdf.of_class("dcat:Dataset") {
        urls.extend(rdf.resources(&d, "dcat:landingPage"));
    }
    urls.sort();
    urls.dedup();
    let b = app.browser();
    let mut checked = 0;
    for url in urls {
        let path = url.strip_prefix(&app.url("")).expect("this site's");
        // The JSON API is another module's; only its listing is ours.
        if path.starts_with("/api/") {
            continue;
        }
        let r = b.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        checked += 1;
    }
    assert!(checked >= 14, "{checked}");
}

async fn licence_in_db(app: &TestApp, slug: &str) -> String {
    sqlx::query_scalar("SELECT licence FROM agreements WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn the_licence_follows_the_agreements_setting(app: TestApp) {
    let editor = app.logged_in(EDITOR).await;
    let (status, html) = editor.get_html("/vg/data").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        attr(&html, "input[name=licence][checked]", "value").as_deref(),
        Some("CC0-1.0")
    );

    // A value that is not one of the choices comes back with an error.
    let r = editor
        .post_form("/vg/data/licence", &[("licence", "MIT")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(select_text(&html, ".error-summary li").len(), 1);
    assert_eq!(
        attr(&html, ".error-summary a", "href").as_deref(),
        Some("#licence")
    );
    assert_eq!(select_text(&html, "#licence-error").len(), 1);
    assert_eq!(licence_in_db(&app, "vg").await, "CC0-1.0");

    // Neither a member nor a visitor may change it.
    let member = app.logged_in(MEMBER).await;
    let r = member
        .post_form("/vg/data/licence", &[("licence", "CC-BY-4.0")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, html) = member.get_html("/vg/data").await;
    assert!(select_text(&html, "input[name=licence]").is_empty());
    let r = app
        .browser()
        .post_form("/vg/data/licence", &[("licence", "CC-BY-4.0")])
        .await;
    assert_ne!(location(&r), "/vg/data");
    assert_eq!(licence_in_db(&app, "vg").await, "CC0-1.0");

    let r = editor
        .post_form("/vg/data/licence", &[("licence", "CC-BY-4.0")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/vg/data");
    assert_eq!(licence_in_db(&app, "vg").await, "CC-BY-4.0");
    let logged: Vec<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'opendata.licence' ORDER BY id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(logged, ["CC0-1.0 -> CC-BY-4.0"]);

    let (_, rdf) = get_rdf(&app, "/vg/catalog.rdf").await;
    for d in rdf.of_class("dcat:Distribution") {
        assert_eq!(rdf.resources(&d, "dcterms:license"), vec![CC_BY], "{d}");
    }
    let (_, html) = app.browser().get_html("/vg/data").await;
    assert_eq!(
        attr(&html, "#licence-current a", "href").as_deref(),
        Some(CC_BY)
    );

    // Saving the same choice again changes nothing and logs nothing.
    editor
        .post_form("/vg/data/licence", &[("licence", "CC-BY-4.0")])
        .await;
    let (_, html) = editor.get_html("/vg/agreement/log").await;
    let entries = select_text(&html, "td")
        .into_iter()
        .filter(|t| t.contains("opendata.licence"))
        .count();
    assert_eq!(entries, 1);

    editor
        .post_form("/vg/data/licence", &[("licence", "CC0-1.0")])
        .await;
    let (_, rdf) = get_rdf(&app, "/catalog.rdf").await;
    for d in rdf.of_class("dcat:Distribution") {
        assert_eq!(rdf.resources(&d, "dcterms:license"), vec![CC0], "{d}");
    }
}

async fn an_agreements_catalogue_has_only_that_agreement(app: TestApp) {
    sqlx::query(
        "INSERT INTO agreements (slug, name, short_name, public_body, summary, licence, created_at)
         VALUES ('kommun', 'Överenskommelsen i Exempelby kommun', 'ÖK Exempelby', 'Exempelby kommun', '',
                 'CC-BY-4.0', '2026-01-01T00:00:00.000000Z')",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();

    let (_, all) = get_rdf(&app, "/catalog.rdf").await;
    assert_no_blank_nodes(&app, &all);
    assert_eq!(all.of_class("dcat:Catalog").len(), 1);
    assert_eq!(all.of_class("dcat:Dataset").len(), 14);
    assert_eq!(all.of_class("foaf:Agent").len(), 2);
    assert_eq!(
        all.resources(&app.url("/kommun/data#publisher"), "dcterms:type"),
        vec!["http://purl.org/adms/publishertype/LocalAuthority"]
    );

    let (text, vg) = get_rdf(&app, "/vg/catalog.rdf").await;
    assert_no_blank_nodes(&app, &vg);
    assert_eq!(
        vg.of_class("dcat:Catalog"),
        vec![app.url("/vg/catalog.rdf#catalog")]
    );
    assert_eq!(vg.of_class("dcat:Dataset").len(), 7);
    assert!(!text.contains("/kommun/"), "the other agreement leaks in");
    assert!(!text.contains("Exempelby"));
    for d in vg.of_class("dcat:Distribution") {
        assert_eq!(vg.resources(&d, "dcterms:license"), vec![CC0]);
    }

    let (text, kommun) = get_rdf(&app, "/kommun/catalog.rdf").await;
    assert!(!text.contains("/vg/"));
    let distributions = kommun.of_class("dcat:Distribution");
    assert_eq!(distributions.len(), 12);
    for d in distributions {
        assert!(d.starts_with(&app.url("/kommun/data#")), "{d}");
        assert_eq!(kommun.resources(&d, "dcterms:license"), vec![CC_BY]);
    }

    let r = app.browser().get("/nowhere/catalog.rdf").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

async fn the_open_data_page_works_for_anyone(app: TestApp) {
    let b = app.browser();
    let (status, html) = b.get_html("/vg/data").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "h1").len(), 1);
    assert_eq!(
        attr(
            &html,
            "link[rel=alternate][type=\"application/rdf+xml\"]",
            "href"
        )
        .as_deref(),
        Some("/vg/catalog.rdf")
    );
    // Every dataset, distribution, the publisher and the contact have the
    // anchors their IRIs point to.
    for id in [
        "register",
        "meetings",
        "news",
        "documents",
        "publisher",
        "contact",
    ] {
        assert_eq!(select_text(&html, &format!("#{id}")).len(), 1, "#{id}");
    }
    for id in [
        "register-csv",
        "register-xlsx",
        "meetings-ics",
        "news-atom",
        "partnerships-xlsx",
    ] {
        assert_eq!(select_text(&html, &format!("tr#{id}")).len(), 1, "#{id}");
    }
    assert_eq!(
        attr(&html, "#register-csv a", "href").as_deref(),
        Some("/vg/signatories.csv")
    );
    assert_eq!(
        attr(&html, "#licence-current a", "href").as_deref(),
        Some(CC0)
    );
    assert!(select_text(&html, "form[action=\"/vg/data/licence\"]").is_empty());
    assert_eq!(
        attr(&html, "#contact + p a", "href").as_deref(),
        Some("mailto:tillganglighet@demo.example")
    );

    let r = b.get("/vg/data/register").await;
    assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(location(&r), "/vg/data#register");
    assert_eq!(
        b.get("/vg/data/nothing").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(b.get("/nowhere/data").await.status(), StatusCode::NOT_FOUND);

    // The start page links it; the sitemap lists it.
    let (_, start) = b.get_html("/vg/").await;
    assert!(attr(&start, "footer a[href=\"/vg/data\"]", "href").is_some());
    let sitemap = b.get("/sitemap.xml").await.text().await.unwrap();
    assert!(sitemap.contains(&app.url("/vg/data")));

    // In English too.
    b.get("/language/en").await;
    let (_, html) = b.get_html("/vg/data").await;
    assert_eq!(select_text(&html, "h1"), ["Open data"]);
}
