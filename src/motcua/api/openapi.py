"""What the OpenAPI document says beyond what django-ninja writes, so that a reader (or a linter)
finds a whole contract: where the API is served, who runs it and under which licence, which
operations are open to all, and no schema that nothing refers to."""

from __future__ import annotations

from importlib.metadata import metadata

from django.conf import settings

from motcua.api.examples import with_examples
from motcua.api.summaries import in_vietnamese

SCHEMA_REF = "#/components/schemas/"


def completed(schema: dict) -> dict:
    """The schema ninja made, with the servers, contact, licence, security, summaries and
    examples in place and the unreferenced schemas left out."""
    site, name = settings.MOTCUA_SITE, settings.MOTCUA_SITE_NAME  # settings only: no database
    contact = {"name": site["OPERATOR"] or name, "url": settings.MOTCUA_PUBLIC_URL}
    if site["HOTLINE"]:
        contact["x-hotline"] = site["HOTLINE"]
    licence = metadata("motcua")["License-Expression"]  # pyproject.toml's, an SPDX expression
    schema["info"].update(contact=contact, license={"name": licence, "identifier": licence})
    # the paths start with the API's own prefix (/api/v1/…): the server is the site itself
    schema["servers"] = [{"url": settings.MOTCUA_PUBLIC_URL, "description": name}]
    for operations in schema["paths"].values():
        for operation in operations.values():
            operation.setdefault("security", [])  # ninja names no scheme for auth=None: open
    return _referenced_only(in_vietnamese(with_examples(schema)))


def _refs(node) -> set[str]:
    """The component schemas a part of the document refers to."""
    if isinstance(node, dict):
        found = {node["$ref"].removeprefix(SCHEMA_REF)} if "$ref" in node else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(item) for item in node))
    return set()


def _referenced_only(schema: dict) -> dict:
    """Without the component schemas nothing reaches from the operations: ninja lists the
    models of query and path parameters (ProcedureFilter, Action …) whose fields it has already
    written out as the parameters themselves."""
    components = schema["components"]["schemas"]
    reached, pending = set(), _refs(schema["paths"])
    while pending:
        name = pending.pop()
        reached.add(name)
        pending |= _refs(components[name]) - reached
    schema["components"]["schemas"] = {
        name: body for name, body in components.items() if name in reached}
    return schema
