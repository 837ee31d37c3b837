"""Reads Överens' DCAT-AP-SE catalogue back with rdflib, from a running server
with the demo, as a harvester (Sveriges dataportal) would.

    python check_dcat.py http://127.0.0.1:3000

Fetches /catalog.rdf and one agreement's /{slug}/catalog.rdf; each must parse
as RDF/XML and hold the classes dcat:Catalog, dcat:Dataset, dcat:Distribution,
foaf:Agent and vcard:Organization, none of them a blank node, each named by
an IRI under the server's address; with the properties DCAT-AP-SE makes
mandatory (catalog: title, description, publisher, dataset; dataset: title,
description; distribution: accessURL) plus the ones Överens promises (dataset:
publisher, contact point; distribution: licence, format). Prints one line per
failed check and last `dcat: N passed, M failed`; exits 1 on failure.
"""

import sys
import urllib.request

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LICENCES = {
    URIRef("http://creativecommons.org/publicdomain/zero/1.0/"),
    URIRef("http://creativecommons.org/licenses/by/4.0/"),
}


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}")


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.headers.get("Content-Type", ""), r.read()


def langs(g, s, p):
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal)}


def check_catalog(c, base, path):
    url = base + path
    try:
        content_type, body = fetch(url)
    except Exception as e:  # noqa: BLE001 - any failure to fetch is a failed check
        c.check(f"{path} fetched", False, repr(e))
        return None
    c.check(f"{path} content type", content_type.startswith("application/rdf+xml"), content_type)
    g = Graph()
    try:
        g.parse(data=body, format="xml", publicID=url)
    except Exception as e:  # noqa: BLE001 - a parse error is a failed check
        c.check(f"{path} parses as RDF/XML", False, repr(e))
        return None
    c.check(f"{path} parses as RDF/XML", True)

    classes = {
        "dcat:Catalog": DCAT.Catalog,
        "dcat:Dataset": DCAT.Dataset,
        "dcat:Distribution": DCAT.Distribution,
        "foaf:Agent": FOAF.Agent,
        "vcard:Organization": VCARD.Organization,
    }
    nodes = {}
    for name, cls in classes.items():
        found = list(g.subjects(RDF.type, cls))
        nodes[name] = found
        c.check(f"{path} has a {name}", len(found) > 0)
        for n in found:
            c.check(f"{path} {name} is not a blank node", not isinstance(n, BNode), n)
            c.check(
                f"{path} {name} IRI is absolute and the site's",
                isinstance(n, URIRef) and str(n).startswith(base + "/"),
                n,
            )
    c.check(f"{path} has one catalog", len(nodes["dcat:Catalog"]) == 1, nodes["dcat:Catalog"])
    c.check(
        f"{path} has no blank node at all",
        not any(isinstance(t, BNode) for triple in g for t in triple),
    )

    datasets = set(nodes["dcat:Dataset"])
    for cat in nodes["dcat:Catalog"]:
        c.check(f"{path} catalog title sv+en", {"sv", "en"} <= langs(g, cat, DCTERMS.title))
        c.check(f"{path} catalog description", len(list(g.objects(cat, DCTERMS.description))) > 0)
        publishers = list(g.objects(cat, DCTERMS.publisher))
        c.check(
            f"{path} catalog publisher is a described foaf:Agent",
            len(publishers) == 1 and publishers[0] in nodes["foaf:Agent"],
            publishers,
        )
        listed = set(g.objects(cat, DCAT.dataset))
        c.check(f"{path} catalog lists every dataset", listed == datasets and listed, listed ^ datasets)
        c.check(f"{path} catalog homepage", g.value(cat, FOAF.homepage) is not None)
        c.check(f"{path} catalog language", len(list(g.objects(cat, DCTERMS.language))) >= 1)
        c.check(f"{path} catalog licence", g.value(cat, DCTERMS.license) is not None)

    distributions = set(nodes["dcat:Distribution"])
    for ds in datasets:
        c.check(f"{ds} title sv+en", {"sv", "en"} <= langs(g, ds, DCTERMS.title))
        c.check(f"{ds} description sv+en", {"sv", "en"} <= langs(g, ds, DCTERMS.description))
        c.check(f"{ds} publisher", g.value(ds, DCTERMS.publisher) in nodes["foaf:Agent"])
        c.check(f"{ds} contact point", g.value(ds, DCAT.contactPoint) in nodes["vcard:Organization"])
        c.check(f"{ds} theme", g.value(ds, DCAT.theme) is not None)
        own = set(g.objects(ds, DCAT.distribution))
        c.check(f"{ds} distributions described", own and own <= distributions, own - distributions)
    for d in distributions:
        access = g.value(d, DCAT.accessURL)
        c.check(f"{d} accessURL", isinstance(access, URIRef) and str(access).startswith(base + "/"), access)
        c.check(f"{d} licence", g.value(d, DCTERMS.license) in LICENCES, g.value(d, DCTERMS.license))
        c.check(f"{d} format", g.value(d, DCTERMS.format) is not None)
        c.check(f"{d} media type", g.value(d, DCAT.mediaType) is not None)
    for agent in nodes["foaf:Agent"]:
        c.check(f"{agent} name", g.value(agent, FOAF.name) is not None)
        c.check(f"{agent} publisher type", str(g.value(agent, DCTERMS.type)).startswith("http://purl.org/adms/publishertype/"))
    for org in nodes["vcard:Organization"]:
        c.check(f"{org} fn", g.value(org, VCARD.fn) is not None)
        c.check(f"{org} e-mail", str(g.value(org, VCARD.hasEmail)).startswith("mailto:"))
    return g


def main():
    base = sys.argv[1].rstrip("/")
    c = Checks()
    whole = check_catalog(c, base, "/catalog.rdf")
    one = check_catalog(c, base, "/vg/catalog.rdf")
    if whole is not None and one is not None:
        c.check(
            "the agreement's catalogue has the same datasets as the whole one",
            set(one.subjects(RDF.type, DCAT.Dataset)) <= set(whole.subjects(RDF.type, DCAT.Dataset)),
        )
    print(f"dcat: {c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
