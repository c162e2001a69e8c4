"""The DCAT-AP-SE catalogue of the open datasets (catalog.ttl and catalog.jsonld).

Written to conform to the DCAT-AP 2.1.1 core shapes and to DCAT-AP 3.0.0 with DIGG's Swedish
additions (publisher on every dataset, licence on the catalogue, dcterms:type on agents); the
vocabulary IRIs we use (licence, language, file type, media type, theme, access rights) are typed
in the graph so that the 3.0.0 class checks pass too.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/NationalAuthority")
FORMATS = {
    "csv": (URIRef(EU + "file-type/CSV"), URIRef("http://www.iana.org/assignments/media-types/text/csv")),
    "json": (
        URIRef(EU + "file-type/JSON"),
        URIRef("http://www.iana.org/assignments/media-types/application/json"),
    ),
}
LANGUAGES = {"sv": URIRef(EU + "language/SWE"), "en": URIRef(EU + "language/ENG")}


def base_url() -> str:
    with translation.override("sv"):
        return settings.SITE_URL + reverse("observatory:opendata")


def _texts(value) -> list[Literal]:
    literals = []
    for language in ("sv", "en"):
        with translation.override(language):
            literals.append(Literal(str(value), lang=language))
    return literals


def catalogue_graph(datasets, issued: datetime.date | None = None) -> Graph:
    base = base_url()
    today = Literal((issued or datetime.date.today()).isoformat(), datatype=XSD.date)
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("vcard", VCARD)
    g.bind("skos", SKOS)

    catalog = URIRef(base + "#catalog")
    publisher = URIRef(base + "#publisher")
    contact = URIRef(base + "#contact")
    homepage = URIRef(settings.SITE_URL + "/")

    g.add((CC0, RDF.type, DCTERMS.LicenseDocument))
    g.add((PUBLISHER_TYPE, RDF.type, SKOS.Concept))
    g.add((PUBLISHER_TYPE, SKOS.prefLabel, Literal("National authority", lang="en")))
    for language in LANGUAGES.values():
        g.add((language, RDF.type, DCTERMS.LinguisticSystem))
    theme = URIRef(EU + "data-theme/GOVE")
    g.add((theme, RDF.type, SKOS.Concept))
    g.add((theme, SKOS.prefLabel, Literal("Regeringen och den offentliga sektorn", lang="sv")))
    g.add((theme, SKOS.prefLabel, Literal("Government and public sector", lang="en")))
    public = URIRef(EU + "access-right/PUBLIC")
    g.add((public, RDF.type, DCTERMS.RightsStatement))
    for file_type, media_type in FORMATS.values():
        g.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        g.add((media_type, RDF.type, DCTERMS.MediaType))

    publisher_name = getattr(settings, "SPIRA_OPENDATA_PUBLISHER", "Spira")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(publisher_name, lang="sv")))
    g.add((publisher, DCTERMS.type, PUBLISHER_TYPE))

    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(publisher_name, lang="sv")))
    g.add((contact, VCARD.hasURL, homepage))

    g.add((catalog, RDF.type, DCAT.Catalog))
    for literal in _texts(gettext_lazy("Spira: open data on Swedish public-sector innovation")):
        g.add((catalog, DCTERMS.title, literal))
    for literal in _texts(
        gettext_lazy(
            "Open data from Spira, the platform for public-sector innovation in Sweden: initiatives, "
            "ideas (aggregated), barriers, events and the organisations behind them. CC0."
        )
    ):
        g.add((catalog, DCTERMS.description, literal))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCTERMS.license, CC0))
    g.add((catalog, FOAF.homepage, homepage))
    g.add((catalog, DCTERMS.issued, today))
    g.add((catalog, DCTERMS.modified, today))
    for language in LANGUAGES.values():
        g.add((catalog, DCTERMS.language, language))

    for dataset in datasets:
        node = URIRef(f"{base}{dataset.name}/")
        g.add((catalog, DCAT.dataset, node))
        g.add((node, RDF.type, DCAT.Dataset))
        for literal in _texts(dataset.title):
            g.add((node, DCTERMS.title, literal))
        for literal in _texts(dataset.description):
            g.add((node, DCTERMS.description, literal))
        g.add((node, DCTERMS.identifier, Literal(f"{base}{dataset.name}/")))
        g.add((node, DCTERMS.publisher, publisher))
        g.add((node, DCAT.contactPoint, contact))
        g.add((node, DCAT.theme, theme))
        g.add((node, DCTERMS.accessRights, public))
        g.add((node, DCAT.landingPage, URIRef(base)))
        g.add((node, DCTERMS.modified, today))
        for language in LANGUAGES.values():
            g.add((node, DCTERMS.language, language))
        for keyword in dataset.keywords:
            for literal in _texts(keyword):
                g.add((node, DCAT.keyword, literal))
        for fmt, (file_type, media_type) in FORMATS.items():
            distribution = URIRef(f"{base}{dataset.name}/#{fmt}")
            g.add((node, DCAT.distribution, distribution))
            g.add((distribution, RDF.type, DCAT.Distribution))
            g.add((distribution, DCAT.accessURL, URIRef(base)))
            g.add((distribution, DCAT.downloadURL, URIRef(f"{base}{dataset.name}.{fmt}")))
            g.add((distribution, DCTERMS.format, file_type))
            g.add((distribution, DCAT.mediaType, media_type))
            g.add((distribution, DCTERMS.license, CC0))
            g.add((distribution, DCTERMS.title, Literal(f"{dataset.name}.{fmt}")))
    return g
