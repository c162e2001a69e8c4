"""From publiccode.yml to a solution's fields, and from a solution back to publiccode.yml."""

import math
from copy import deepcopy

import yaml

from spira.spread.choices import Maturity, SolutionKind
from spira.spread.publiccode.validator import Result, first_text

LANGUAGE_PREFERENCE = ("sv", "en")
MATURITY_OF_STATUS = {
    "concept": Maturity.PILOT,
    "development": Maturity.PILOT,
    "beta": Maturity.PILOT,
    "stable": Maturity.IN_USE,
    "obsolete": Maturity.IN_USE,
}
EXPORT_VERSION = "0"


def _description(data: dict) -> tuple[str, dict]:
    descriptions = data.get("description") if isinstance(data.get("description"), dict) else {}
    by_language = {
        str(k).split("-")[0].lower(): (str(k), v) for k, v in descriptions.items() if isinstance(v, dict)
    }
    for language in LANGUAGE_PREFERENCE:
        if language in by_language:
            return language, by_language[language][1]
    if by_language:
        language, (_key, text) = next(iter(by_language.items()))
        return language, text
    return "en", {}


def solution_values(result: Result) -> dict:
    """The solution fields a publiccode.yml gives (the service validates and saves them)."""
    data = result.data or {}
    language, text = _description(data)
    legal = data.get("legal") if isinstance(data.get("legal"), dict) else {}
    maintenance = data.get("maintenance") if isinstance(data.get("maintenance"), dict) else {}
    contacts = maintenance.get("contacts") if isinstance(maintenance.get("contacts"), list) else []
    contact = contacts[0] if contacts and isinstance(contacts[0], dict) else {}
    features = text.get("features") if isinstance(text.get("features"), list) else []
    long = first_text(text.get("longDescription"))
    if features:
        long += "\n\n" + "\n".join(f"- {first_text(f)}" for f in features)
    status = first_text(data.get("developmentStatus"))
    name = first_text(text.get("localisedName")) or first_text(data.get("name"))
    summary = first_text(text.get("shortDescription")) or long[:300] or name
    return {
        "name": name[:200],
        "language": language if language in {"sv", "en"} else "en",
        "summary": summary[:600],
        "description": long.strip()[:20000],
        "kind": SolutionKind.SOFTWARE,
        "maturity": MATURITY_OF_STATUS.get(status, Maturity.PILOT),
        "licence": first_text(legal.get("license"))[:200],
        "contact_name": first_text(contact.get("name"))[:200],
        "contact_email": first_text(contact.get("email"))[:254],
        "website": first_text(data.get("landingURL"))[:500],
        "repository_url": first_text(data.get("url"))[:500],
        "software_version": first_text(data.get("softwareVersion"))[:100],
        "development_status": status[:20],
        "software_type": first_text(data.get("softwareType"))[:40],
    }


def publiccode_for(solution, used_by: list[str]) -> dict:
    """A publiccode.yml (v0) for a software solution: the imported file brought up to date with the
    solution's fields and `usedBy` filled from its verified adoptions."""
    data = deepcopy(solution.publiccode) if solution.publiccode else {}
    data["publiccodeYmlVersion"] = EXPORT_VERSION
    data["name"] = data.get("name") or solution.name
    data["url"] = solution.repository_url or data.get("url") or solution.website
    if solution.website:
        data["landingURL"] = solution.website
    if solution.software_version:
        data["softwareVersion"] = solution.software_version
    data.setdefault("platforms", ["web"])
    data["developmentStatus"] = solution.development_status or (
        "stable" if solution.maturity != Maturity.PILOT else "beta"
    )
    data["softwareType"] = solution.software_type or data.get("softwareType") or "standalone/web"
    descriptions = data.get("description") if isinstance(data.get("description"), dict) else {}
    if not descriptions:
        long = solution.description or solution.summary
        if len(long) < 150:
            long = (long + "\n\n" + solution.summary).strip()
        long = long.ljust(150, " ") if len(long) < 150 else long
        descriptions = {
            solution.language: {
                "localisedName": solution.name,
                "shortDescription": solution.summary[:150],
                "longDescription": long[:10000],
                "features": [solution.get_kind_display()],
            }
        }
    data["description"] = descriptions
    legal = data.get("legal") if isinstance(data.get("legal"), dict) else {}
    if solution.licence:
        legal["license"] = solution.licence
    data["legal"] = legal
    maintenance = data.get("maintenance") if isinstance(data.get("maintenance"), dict) else {}
    if not maintenance.get("type"):
        maintenance["type"] = "internal" if solution.contact_name else "none"
    if maintenance["type"] in {"internal", "community"} and not maintenance.get("contacts"):
        contact = {"name": solution.contact_name or solution.owner.display_name}
        if solution.contact_email:
            contact["email"] = solution.contact_email
        maintenance["contacts"] = [contact]
    data["maintenance"] = maintenance
    data.setdefault("localisation", {"localisationReady": False, "availableLanguages": [solution.language]})
    if used_by:
        data["usedBy"] = used_by
    else:
        data.pop("usedBy", None)
    return data


def to_yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def json_safe(value):
    """`value` (as read from YAML) as JSON can store it: mappings with text keys, lists, text
    without NUL characters (PostgreSQL refuses them), finite numbers; anything else (binary data,
    explicitly tagged dates, sets, infinity) as text."""
    if isinstance(value, dict):
        return {str(key).replace("\x00", ""): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, str):
        return value.replace("\x00", "")
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").replace("\x00", "")
    if isinstance(value, set | frozenset):
        return sorted((json_safe(item) for item in value), key=str)
    return str(value)
