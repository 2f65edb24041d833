"""W3C ORG out: the organisation as RDF (Turtle or JSON-LD), written with rdflib.

Units are `org:OrganizationalUnit`s linked by `org:hasSubOrganization` /
`org:subOrganizationOf` under the `org:FormalOrganization`; positions are
`org:Post`s (`org:postIn` their unit, `org:reportsTo` their manager's post,
`skos:prefLabel` the title with its translations); holders are
`foaf:Person`s who `org:holds` the post, and a unit's head post is
`org:headOf`-linked through its holders. Ids are URN-safe: a base IRI under
`urn:orgdesign:` and the element ids percent-encoded.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from orgdesign.model import Org


def org_graph(org: Org, people: list[dict[str, Any]]) -> Any:
    from rdflib import RDF, Graph, Literal, Namespace
    from rdflib.namespace import DCTERMS, FOAF, ORG, SKOS

    ident = org.organization.id if org.organization else "org"
    base = Namespace(f"urn:orgdesign:{quote(ident, safe='')}:")
    graph = Graph()
    graph.bind("org", ORG)
    graph.bind("skos", SKOS)
    graph.bind("foaf", FOAF)
    graph.bind("o", base)
    top = base["organization"]
    graph.add((top, RDF.type, ORG.FormalOrganization))
    graph.add((top, SKOS.prefLabel, Literal(org.organization.name if org.organization else ident)))

    def unit(uid: str) -> Any:
        return base["unit/" + quote(uid, safe="")]

    def post(pid: str) -> Any:
        return base["post/" + quote(pid, safe="")]

    for u in org.units:
        graph.add((unit(u.id), RDF.type, ORG.OrganizationalUnit))
        graph.add((unit(u.id), SKOS.prefLabel, Literal(u.name)))
        for lang, text in u.names.items():
            graph.add((unit(u.id), SKOS.altLabel, Literal(text, lang=lang)))
        parent = unit(u.parent) if u.parent else top
        graph.add((parent, ORG.hasSubOrganization, unit(u.id)))
        graph.add((unit(u.id), ORG.subOrganizationOf, parent))
        graph.add((unit(u.id), ORG.classification, Literal(u.type)))
    for p in org.positions:
        graph.add((post(p.id), RDF.type, ORG.Post))
        graph.add((post(p.id), SKOS.prefLabel, Literal(p.title)))
        for lang, text in p.names.items():
            graph.add((post(p.id), SKOS.prefLabel, Literal(text, lang=lang)))
        if p.unit:
            graph.add((post(p.id), ORG.postIn, unit(p.unit)))
        if p.reports_to:
            graph.add((post(p.id), ORG.reportsTo, post(p.reports_to)))
    heads = {u.head: u.id for u in org.units if u.head}
    for person in people:
        who = base["person/" + quote(person["row_id"], safe="")]
        graph.add((who, RDF.type, FOAF.Person))
        graph.add((who, FOAF.name, Literal(person["name"])))
        if person["employee_id"]:
            graph.add((who, DCTERMS.identifier, Literal(person["employee_id"])))
        graph.add((who, ORG.holds, post(person["position_id"])))
        graph.add((post(person["position_id"]), ORG.heldBy, who))
        if person["position_id"] in heads:
            graph.add((who, ORG.headOf, unit(heads[person["position_id"]])))
    return graph


def w3c_text(org: Org, people: list[dict[str, Any]], kind: str) -> str:
    graph = org_graph(org, people)
    if kind == "jsonld":
        return str(graph.serialize(format="json-ld", indent=2))
    return str(graph.serialize(format="turtle"))
