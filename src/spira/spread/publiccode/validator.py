"""Validation of publiccode.yml files (versions 0.x and 1.x), one problem per key.

`validate_text(text, base_dir=...)` returns a `Result` with `errors` (the file is invalid) and
`warnings` (deprecated or unusual, still valid). Keys are dotted paths (`description.en.features`,
`maintenance.contacts[0].name`). With `base_dir` relative files (logo, screenshots, authorsFile) are
looked up on disk; without it they are not checked (the repository is not at hand). Nothing is
fetched over the network.

The rules follow the standard and the reference parser (italia/publiccode-parser-go); its test
files are the ground truth (see tests/test_publiccode_corpus.py).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml
from django.utils.translation import gettext, gettext_noop

from spira.spread.publiccode import vocab
from spira.spread.publiccode.graphemes import count_graphemes
from spira.spread.publiccode.loader import MAX_DEPTH, TooDeep, load
from spira.spread.publiccode.spdx import spdx_check

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URN_RE = re.compile(r"^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$", re.IGNORECASE)
BCP47_RE = re.compile(
    r"^(?P<language>[a-zA-Z]{2,3})(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?(?:-(?:[a-zA-Z0-9]{5,8}|\d[a-zA-Z0-9]{3}))*$"
)
MIME_RE = re.compile(vocab.MIME_TYPE)
IPA_CODE_RE = re.compile(r"^[a-z0-9_]+$")
IMAGE_EXTENSIONS = (".svg", ".svgz", ".png")
SCREENSHOT_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Problem:
    """One problem at one key. `template` is an English message with %(name)s placeholders
    (marked for translation); `message` is it filled in (the command line and the activity log
    use it), `localised()` the same in the active language (the web pages use it)."""

    key: str
    template: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def message(self) -> str:
        return self.template % dict(self.params) if self.params else self.template

    def localised(self) -> str:
        text = gettext(self.template)
        return text % dict(self.params) if self.params else text

    def as_text(self) -> str:
        return f"{self.key}: {self.message}" if self.key else self.message


def _p(**params) -> tuple[tuple[str, str], ...]:
    return tuple((name, str(value)) for name, value in params.items())


UNSUPPORTED_VERSION = gettext_noop("unsupported version %(version)s (supported: %(supported)s)")


@dataclass
class Result:
    data: dict | None = None
    version: str = ""
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def major(self) -> int | None:
        if self.version in vocab.VERSIONS_V1:
            return 1
        if self.version in vocab.VERSIONS_V0:
            return 0
        return None

    def to_json(self, file: str | None = None) -> dict:
        data = {"valid": self.valid, "errors": [p.as_text() for p in self.errors]}
        if self.warnings:
            data["warnings"] = [p.as_text() for p in self.warnings]
        return {"file": file, **data} if file is not None else data


def validate_file(path: str | Path) -> Result:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Result(
            errors=[Problem("", gettext_noop("cannot read the file: %(reason)s"), _p(reason=exc.strerror))]
        )
    return validate_bytes(raw, base_dir=path.parent)


def validate_bytes(raw: bytes, base_dir: Path | None = None) -> Result:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Result(errors=[Problem("", gettext_noop("the file is not UTF-8 encoded"))])
    return validate_text(text, base_dir=base_dir)


def validate_text(text: str, base_dir: Path | None = None) -> Result:
    text = text.removeprefix("\ufeff")
    try:
        data = load(text)
    except (TooDeep, RecursionError):
        return Result(errors=[Problem("", gettext_noop("the file is nested too deeply"))])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            return Result(errors=[Problem("", gettext_noop("not valid YAML: %(detail)s"), _p(detail=detail))])
        where = _p(line=mark.line + 1, column=mark.column + 1, detail=detail)
        return Result(
            errors=[
                Problem(
                    "", gettext_noop("not valid YAML (line %(line)s, column %(column)s): %(detail)s"), where
                )
            ]
        )
    except ValueError as exc:
        # PyYAML lets Python's own limits through, e.g. an integer of more than 4300 digits.
        return Result(errors=[Problem("", gettext_noop("not valid YAML: %(detail)s"), _p(detail=exc))])
    too_much = _size_problem(data)
    if too_much is not None:
        return Result(errors=[too_much])
    if not isinstance(data, dict):
        return Result(errors=[Problem("", gettext_noop("the file must be a YAML mapping of keys to values"))])
    checker = _Checker(data, base_dir)
    checker.run()
    return Result(data=data, version=checker.version, errors=checker.errors, warnings=checker.warnings)


# Size and shape -----------------------------------------------------------------------------------
# YAML aliases let a small file stand for a huge or endless structure ("billion laughs", a list
# that contains itself). The reference parser refuses excessive aliasing; so does this one, by
# measuring the data as it would be written out, each node once.

MAX_WEIGHT = 2_000_000  # nodes plus characters of text, aliases expanded


class _TooLarge(Exception):
    pass


def _measure(node, depth: int, memo: dict) -> tuple[int, int]:
    """(weight, height) of `node`: nodes plus text characters with aliases expanded, and levels."""
    if isinstance(node, str):
        return len(node) + 1, 0
    if not isinstance(node, dict | list):
        return 1, 0
    if depth > MAX_DEPTH:
        raise _TooLarge
    known = memo.get(id(node))
    if known is None:
        weight, height = 1, 0
        children = [part for pair in node.items() for part in pair] if isinstance(node, dict) else node
        for child in children:
            child_weight, child_height = _measure(child, depth + 1, memo)
            weight, height = weight + child_weight, max(height, child_height + 1)
            if weight > MAX_WEIGHT:
                raise _TooLarge
        known = memo[id(node)] = (weight, height)
    if depth + known[1] > MAX_DEPTH:
        raise _TooLarge
    return known


def _size_problem(data) -> Problem | None:
    try:
        _measure(data, 0, {})
    except _TooLarge:
        return Problem(
            "", gettext_noop("the file is too large or too deeply nested once its YAML aliases are expanded")
        )
    return None


# The checker --------------------------------------------------------------------------------------

MISSING = object()


def _is_scalar(value) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _is_url(value: str, http_only: bool = False) -> bool:
    try:
        parts = urlparse(value)
    except ValueError:
        return False
    if http_only:
        return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in value
    return bool(parts.scheme) and bool(parts.netloc) and " " not in value


class _Checker:
    def __init__(self, data: dict, base_dir: Path | None):
        self.data = data
        self.base_dir = base_dir
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.version = ""
        self.major = 0

    # Reporting and typed access ----------------------------------------------------------------
    def error(self, key: str, message: str, **params) -> None:
        self.errors.append(Problem(key, message, _p(**params)))

    def warn(self, key: str, message: str, **params) -> None:
        self.warnings.append(Problem(key, message, _p(**params)))

    def mapping(self, parent: dict, name: str, key: str, required: bool = False) -> dict | None:
        value = parent.get(name, MISSING)
        if value is MISSING or value is None:
            if required:
                self.error(key, gettext_noop("required"))
            return None
        if not isinstance(value, dict):
            self.error(key, gettext_noop("must be a mapping of keys to values"))
            return None
        return value

    def string(self, parent: dict, name: str, key: str, required: bool = False) -> str | None:
        value = parent.get(name, MISSING)
        if value is MISSING or value is None or value == "":
            if required:
                self.error(key, gettext_noop("required"))
            return None
        if not _is_scalar(value):
            self.error(key, gettext_noop("must be a text"))
            return None
        return str(value)

    def strings(self, parent: dict, name: str, key: str, required: bool = False) -> list[str] | None:
        value = parent.get(name, MISSING)
        if value is MISSING or value is None:
            if required:
                self.error(key, gettext_noop("required"))
            return None
        if not isinstance(value, list):
            self.error(key, gettext_noop("must be a list"))
            return None
        if required and not value:
            self.error(key, gettext_noop("must not be empty"))
            return None
        result = []
        for index, item in enumerate(value):
            if not _is_scalar(item):
                self.error(f"{key}[{index}]", gettext_noop("must be a text"))
            else:
                result.append(str(item))
        return result

    def boolean(self, parent: dict, name: str, key: str, required: bool = False) -> None:
        value = parent.get(name, MISSING)
        if value is MISSING or value is None:
            if required:
                self.error(key, gettext_noop("required"))
            return
        if not isinstance(value, bool):
            self.error(key, gettext_noop("must be true or false"))

    def known_keys(self, mapping: dict, allowed: set[str], prefix: str) -> None:
        for name in mapping:
            if name not in allowed:
                self.error(f"{prefix}{name}", gettext_noop("unknown key"))

    def url(self, parent: dict, name: str, key: str, required=False, http_only=False) -> None:
        value = self.string(parent, name, key, required)
        if value is not None and not _is_url(value, http_only):
            self.error(
                key,
                gettext_noop("must be an http(s) URL") if http_only else gettext_noop("must be a valid URL"),
            )

    def a_date(self, parent: dict, name: str, key: str, required: bool = False) -> None:
        if parent.get(name) == "":
            self.error(key, gettext_noop("must be a date in the format YYYY-MM-DD"))
            return
        value = self.string(parent, name, key, required)
        if value is None:
            return
        if not DATE_RE.match(value):
            self.error(key, gettext_noop("must be a date in the format YYYY-MM-DD"))
            return
        try:
            date.fromisoformat(value)
        except ValueError:
            self.error(key, gettext_noop("is not a valid date"))

    def email(self, parent: dict, name: str, key: str) -> None:
        value = self.string(parent, name, key)
        if value is not None and not EMAIL_RE.match(value):
            self.error(key, gettext_noop("must be a valid e-mail address"))

    def language_tag(self, value: str, key: str) -> bool:
        match = BCP47_RE.match(value)
        if not match:
            self.error(key, gettext_noop("%(value)s is not a valid BCP 47 language tag"), value=repr(value))
            return False
        if match["language"].lower() not in vocab.LANGUAGES:
            self.error(key, gettext_noop("%(value)s: unknown language"), value=repr(value))
            return False
        return True

    # Files ----------------------------------------------------------------------------------
    def file_reference(self, value: str, key: str, extensions: tuple[str, ...], image: bool) -> None:
        parts = urlparse(value)
        if parts.scheme:
            if parts.scheme not in {"http", "https"} or not parts.netloc:
                self.error(key, gettext_noop("must be a relative path in the repository or an http(s) URL"))
                return
            path_part = parts.path
        else:
            if value.startswith("/"):
                self.error(
                    key, gettext_noop("must be a relative path in the repository, not an absolute path")
                )
                return
            path_part = value
        if extensions and not path_part.lower().endswith(extensions):
            self.error(
                key, gettext_noop("unsupported file type (use %(types)s)"), types=", ".join(extensions)
            )
            return
        if parts.scheme or self.base_dir is None:
            return
        local = self.base_dir / value
        if not local.is_file():
            self.error(key, gettext_noop("file %(value)s does not exist"), value=repr(value))
            return
        if image and path_part.lower().endswith(".png"):
            with local.open("rb") as handle:
                if handle.read(8) != PNG_SIGNATURE:
                    self.error(key, gettext_noop("%(value)s is not a PNG image"), value=repr(value))

    # The document -----------------------------------------------------------------------------
    def run(self) -> None:
        data = self.data
        version = data.get("publiccodeYmlVersion", MISSING)
        if version is MISSING or version is None:
            self.error("publiccodeYmlVersion", gettext_noop("required"))
        elif not _is_scalar(version):
            self.error("publiccodeYmlVersion", gettext_noop("must be a text"))
        else:
            self.version = str(version)
            if self.version in vocab.VERSIONS_V1:
                self.major = 1
            elif self.version in vocab.VERSIONS_V0:
                if self.version not in vocab.LATEST_V0:
                    self.warn(
                        "publiccodeYmlVersion",
                        gettext_noop(
                            "v%(version)s is not the latest version, use '0'. Parsing this file as v0."
                        ),
                        version=self.version,
                    )
            else:
                supported = ", ".join(vocab.VERSIONS_V0 + vocab.VERSIONS_V1)
                self.error(
                    "publiccodeYmlVersion",
                    UNSUPPORTED_VERSION,
                    version=repr(self.version),
                    supported=supported,
                )
        self.top_level()

    def top_level(self) -> None:
        data, v1 = self.data, self.major == 1
        allowed = {
            "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn",
            "softwareVersion", "releaseDate", "logo", "platforms", "categories", "usedBy", "fundedBy",
            "roadmap", "developmentStatus", "softwareType", "intendedAudience", "description", "legal",
            "maintenance", "localisation", "dependsOn", "organisation",
        }  # fmt: skip
        if not v1:
            allowed |= {"monochromeLogo", "inputTypes", "outputTypes", "supports", "IT", "it"}
        self.known_keys(data, allowed, "")

        self.string(data, "name", "name", required=True)
        self.string(data, "applicationSuite", "applicationSuite")
        self.url(data, "url", "url", required=True)
        self.url(data, "landingURL", "landingURL", http_only=True)
        self.is_based_on()
        self.string(data, "softwareVersion", "softwareVersion")
        self.a_date(data, "releaseDate", "releaseDate")
        for name in ("logo", "monochromeLogo"):
            value = self.string(data, name, name)
            if value is not None:
                self.file_reference(value, name, IMAGE_EXTENSIONS, image=True)
        if "monochromeLogo" in data:
            self.warn("monochromeLogo", gettext_noop("deprecated"))
        for name in ("inputTypes", "outputTypes"):
            values = self.strings(data, name, name)
            for index, value in enumerate(values or []):
                if not MIME_RE.match(value):
                    self.error(
                        f"{name}[{index}]", gettext_noop("%(value)s is not a MIME type"), value=repr(value)
                    )
            if values is not None:
                self.warn(name, gettext_noop("deprecated"))
        self.strings(data, "platforms", "platforms", required=True)
        for index, value in enumerate(self.strings(data, "categories", "categories") or []):
            if value not in vocab.CATEGORIES:
                self.error(
                    f"categories[{index}]", gettext_noop("unknown category %(value)s"), value=repr(value)
                )
        self.strings(data, "usedBy", "usedBy")
        self.organisations()
        self.url(data, "roadmap", "roadmap", http_only=True)
        self.choice(data, "developmentStatus", vocab.DEVELOPMENT_STATUSES)
        self.choice(data, "softwareType", vocab.SOFTWARE_TYPES)
        self.intended_audience()
        self.description()
        self.legal()
        self.maintenance()
        self.localisation()
        self.depends_on()
        self.supports()
        self.country_section()

    def choice(self, data: dict, name: str, choices: tuple[str, ...]) -> None:
        value = self.string(data, name, name, required=True)
        if value is not None and value not in choices:
            self.error(name, gettext_noop("must be one of: %(choices)s"), choices=", ".join(choices))

    def is_based_on(self) -> None:
        value = self.data.get("isBasedOn")
        if value is None:
            return
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.error("isBasedOn", gettext_noop("must be a URL or a list of URLs"))
            return
        for index, item in enumerate(items):
            key = "isBasedOn" if isinstance(value, str) else f"isBasedOn[{index}]"
            if not isinstance(item, str) or not _is_url(item):
                self.error(key, gettext_noop("must be a valid URL"))

    def organisation_uri(self, org: dict, key: str) -> None:
        uri = self.string(org, "uri", f"{key}.uri", required=True)
        if uri is None:
            return
        if uri.lower().startswith("urn:x-italian-pa:"):
            if not IPA_CODE_RE.match(uri.split(":", 2)[2]):
                self.error(f"{key}.uri", gettext_noop("not a valid Italian public administration code"))
        elif not (_is_url(uri, http_only=True) or URN_RE.match(uri)):
            self.error(f"{key}.uri", gettext_noop("must be an http(s) URL or a URN"))

    def organisations(self) -> None:
        org = self.mapping(self.data, "organisation", "organisation")
        if org is not None:
            self.known_keys(org, {"name", "uri"}, "organisation.")
            self.string(org, "name", "organisation.name")
            self.organisation_uri(org, "organisation")
        funders = self.data.get("fundedBy")
        if funders is None:
            return
        if not isinstance(funders, list):
            self.error("fundedBy", gettext_noop("must be a list"))
            return
        for index, funder in enumerate(funders):
            key = f"fundedBy[{index}]"
            if not isinstance(funder, dict):
                self.error(key, gettext_noop("must be a mapping of keys to values"))
                continue
            self.known_keys(funder, {"name", "uri"}, f"{key}.")
            self.string(funder, "name", f"{key}.name")
            self.organisation_uri(funder, key)

    def intended_audience(self) -> None:
        audience = self.mapping(self.data, "intendedAudience", "intendedAudience")
        if audience is None:
            return
        self.known_keys(audience, {"scope", "countries", "unsupportedCountries"}, "intendedAudience.")
        for index, scope in enumerate(self.strings(audience, "scope", "intendedAudience.scope") or []):
            if scope not in vocab.SCOPES:
                self.error(
                    f"intendedAudience.scope[{index}]",
                    gettext_noop("unknown scope %(value)s"),
                    value=repr(scope),
                )
        for name in ("countries", "unsupportedCountries"):
            for index, code in enumerate(self.strings(audience, name, f"intendedAudience.{name}") or []):
                key = f"intendedAudience.{name}[{index}]"
                if code.upper() not in vocab.COUNTRIES or not (code.isupper() or code.islower()):
                    self.error(
                        key,
                        gettext_noop("%(value)s is not an ISO 3166-1 alpha-2 country code"),
                        value=repr(code),
                    )
                elif code.islower():
                    self.warn(
                        key,
                        gettext_noop("%(value)s: use upper case (%(upper)s)"),
                        value=repr(code),
                        upper=repr(code.upper()),
                    )

    def description(self) -> None:
        descriptions = self.mapping(self.data, "description", "description", required=True)
        if descriptions is None:
            return
        if not descriptions:
            self.error("description", gettext_noop("must describe the software in at least one language"))
        for language, text in descriptions.items():
            key = f"description.{language}"
            if not self.language_tag(str(language), key):
                continue
            if not isinstance(text, dict):
                self.error(key, gettext_noop("must be a mapping of keys to values"))
                continue
            self.one_description(text, key)

    def one_description(self, text: dict, key: str) -> None:
        allowed = {
            "localisedName", "genericName", "shortDescription", "longDescription", "documentation",
            "apiDocumentation", "features", "screenshots", "videos", "awards",
        }  # fmt: skip
        if self.major == 1:
            allowed.discard("genericName")
        self.known_keys(text, allowed, f"{key}.")
        self.string(text, "localisedName", f"{key}.localisedName")
        generic = self.string(text, "genericName", f"{key}.genericName")
        if generic is not None and count_graphemes(generic) > 35:
            self.error(f"{key}.genericName", gettext_noop("must be at most 35 characters"))
        short = self.string(text, "shortDescription", f"{key}.shortDescription", required=True)
        if short is not None and count_graphemes(short) > 150:
            self.error(f"{key}.shortDescription", gettext_noop("must be at most 150 characters"))
        long = self.string(text, "longDescription", f"{key}.longDescription", required=True)
        if long is not None:
            length = count_graphemes(long)
            if length < 150:
                self.error(
                    f"{key}.longDescription",
                    gettext_noop("must be at least 150 characters (it has %(length)s)"),
                    length=length,
                )
            elif length > 10000:
                self.error(f"{key}.longDescription", gettext_noop("must be at most 10,000 characters"))
        self.url(text, "documentation", f"{key}.documentation", http_only=True)
        self.url(text, "apiDocumentation", f"{key}.apiDocumentation", http_only=True)
        features = text.get("features", MISSING)
        if self.major == 1 and features is not MISSING:
            # v1 moved the feature list out of the description (the reference parser's v1 test
            # files reject every v0 file relabelled "1", and each of them has `features`).
            self.error(f"{key}.features", gettext_noop("not a key in publiccode.yml v1"))
        else:
            self.strings(text, "features", f"{key}.features", required=self.major == 0)
        for index, shot in enumerate(self.strings(text, "screenshots", f"{key}.screenshots") or []):
            self.file_reference(shot, f"{key}.screenshots[{index}]", SCREENSHOT_EXTENSIONS, image=False)
        for index, video in enumerate(self.strings(text, "videos", f"{key}.videos") or []):
            if not _is_url(video, http_only=True):
                self.error(f"{key}.videos[{index}]", gettext_noop("must be an http(s) URL"))
        self.strings(text, "awards", f"{key}.awards")

    def legal(self) -> None:
        legal = self.mapping(self.data, "legal", "legal", required=True)
        if legal is None:
            return
        allowed = {"license", "mainCopyrightOwner"}
        if self.major == 0:
            allowed |= {"repoOwner", "authorsFile"}
        self.known_keys(legal, allowed, "legal.")
        license = self.string(legal, "license", "legal.license", required=True)
        if license is not None:
            problem = spdx_check(license)
            if problem:
                template, detail = problem
                self.error("legal.license", template, detail=detail)
        self.string(legal, "mainCopyrightOwner", "legal.mainCopyrightOwner")
        if self.string(legal, "repoOwner", "legal.repoOwner") is not None:
            self.warn("legal.repoOwner", gettext_noop("deprecated, use legal.mainCopyrightOwner"))
        authors = self.string(legal, "authorsFile", "legal.authorsFile")
        if authors is not None:
            self.warn("legal.authorsFile", gettext_noop("deprecated"))
            self.file_reference(authors, "legal.authorsFile", (), image=False)

    def maintenance(self) -> None:
        maintenance = self.mapping(self.data, "maintenance", "maintenance", required=True)
        if maintenance is None:
            return
        self.known_keys(maintenance, {"type", "contractors", "contacts"}, "maintenance.")
        kind = self.string(maintenance, "type", "maintenance.type", required=True)
        if kind is not None and kind not in vocab.MAINTENANCE_TYPES:
            self.error(
                "maintenance.type",
                gettext_noop("must be one of: %(choices)s"),
                choices=", ".join(vocab.MAINTENANCE_TYPES),
            )
        contractors = maintenance.get("contractors")
        if kind == "contract" and not contractors:
            self.error("maintenance.contractors", gettext_noop("required when maintenance.type is contract"))
        elif contractors is not None and kind != "contract":
            self.error(
                "maintenance.contractors", gettext_noop("only allowed when maintenance.type is contract")
            )
        elif contractors is not None:
            self.people(contractors, "maintenance.contractors", contractor=True)
        contacts = maintenance.get("contacts")
        if kind in {"community", "internal"} and not contacts:
            self.error(
                "maintenance.contacts", gettext_noop("required when maintenance.type is %(kind)s"), kind=kind
            )
        elif contacts is not None:
            self.people(contacts, "maintenance.contacts", contractor=False)

    def people(self, people, key: str, contractor: bool) -> None:
        if not isinstance(people, list):
            self.error(key, gettext_noop("must be a list"))
            return
        allowed = (
            {"name", "email", "website", "until"} if contractor else {"name", "email", "phone", "affiliation"}
        )
        for index, person in enumerate(people):
            where = f"{key}[{index}]"
            if not isinstance(person, dict):
                self.error(where, gettext_noop("must be a mapping of keys to values"))
                continue
            self.known_keys(person, allowed, f"{where}.")
            self.string(person, "name", f"{where}.name", required=True)
            self.email(person, "email", f"{where}.email")
            if contractor:
                self.url(person, "website", f"{where}.website", http_only=True)
                self.a_date(person, "until", f"{where}.until", required=True)
            else:
                self.string(person, "phone", f"{where}.phone")
                self.string(person, "affiliation", f"{where}.affiliation")

    def localisation(self) -> None:
        localisation = self.mapping(self.data, "localisation", "localisation", required=True)
        if localisation is None:
            return
        self.known_keys(localisation, {"localisationReady", "availableLanguages"}, "localisation.")
        self.boolean(localisation, "localisationReady", "localisation.localisationReady", required=True)
        languages = self.strings(
            localisation, "availableLanguages", "localisation.availableLanguages", required=True
        )
        for index, language in enumerate(languages or []):
            self.language_tag(language, f"localisation.availableLanguages[{index}]")

    def depends_on(self) -> None:
        depends = self.mapping(self.data, "dependsOn", "dependsOn")
        if depends is None:
            return
        self.known_keys(depends, {"open", "proprietary", "hardware"}, "dependsOn.")
        for group in ("open", "proprietary", "hardware"):
            items = depends.get(group)
            if items is None:
                continue
            if not isinstance(items, list):
                self.error(f"dependsOn.{group}", gettext_noop("must be a list"))
                continue
            for index, item in enumerate(items):
                key = f"dependsOn.{group}[{index}]"
                if not isinstance(item, dict):
                    self.error(key, gettext_noop("must be a mapping of keys to values"))
                    continue
                self.known_keys(item, {"name", "versionMin", "versionMax", "optional", "version"}, f"{key}.")
                self.string(item, "name", f"{key}.name", required=True)
                for name in ("versionMin", "versionMax", "version"):
                    self.string(item, name, f"{key}.{name}")
                self.boolean(item, "optional", f"{key}.optional")

    def supports(self) -> None:
        items = self.data.get("supports")
        if items is None:
            return
        if not isinstance(items, list):
            self.error("supports", gettext_noop("must be a list"))
            return
        for index, item in enumerate(items):
            key = f"supports[{index}]"
            if not isinstance(item, dict):
                self.error(key, gettext_noop("must be a mapping of keys to values"))
                continue
            self.known_keys(item, {"id"}, f"{key}.")
            ident = self.string(item, "id", f"{key}.id", required=True)
            if ident is None:
                continue
            if ident.startswith("alias:"):
                if ident.removeprefix("alias:") not in vocab.SUPPORT_ALIASES:
                    self.error(f"{key}.id", gettext_noop("unknown alias %(value)s"), value=repr(ident))
            elif not (_is_url(ident, http_only=True) or URN_RE.match(ident)):
                self.error(f"{key}.id", gettext_noop("must be an alias:, an http(s) URL or a URN"))

    def country_section(self) -> None:
        if "IT" in self.data and "it" in self.data:
            self.error("it", gettext_noop("give the Italian section once, as IT"))
            return
        name = "IT" if "IT" in self.data else "it" if "it" in self.data else None
        if name is None:
            return
        if name == "it":
            self.warn("it", gettext_noop("lower case 'it' is deprecated, use 'IT'"))
        section = self.mapping(self.data, name, name)
        if section is None:
            return
        self.known_keys(section, {"countryExtensionVersion", "conforme", "riuso", "piattaforme"}, f"{name}.")
        version = self.string(section, "countryExtensionVersion", f"{name}.countryExtensionVersion")
        if version is not None and version not in {"0.2", "1.0"}:
            self.error(f"{name}.countryExtensionVersion", gettext_noop("must be 0.2 or 1.0"))
        flags = {
            "conforme": {"lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr"},
            "piattaforme": {"spid", "pagopa", "cie", "anpr", "io"},
        }
        for group, names in flags.items():
            values = self.mapping(section, group, f"{name}.{group}")
            if values is None:
                continue
            self.known_keys(values, names, f"{name}.{group}.")
            for flag in names:
                self.boolean(values, flag, f"{name}.{group}.{flag}")
            if group == "conforme":
                self.warn(f"{name}.conforme", gettext_noop("deprecated"))
        riuso = self.mapping(section, "riuso", f"{name}.riuso")
        if riuso is not None:
            self.known_keys(riuso, {"codiceIPA"}, f"{name}.riuso.")
            code = self.string(riuso, "codiceIPA", f"{name}.riuso.codiceIPA")
            if code is not None:
                if not IPA_CODE_RE.match(code):
                    self.error(
                        f"{name}.riuso.codiceIPA",
                        gettext_noop("%(value)s is not a valid IPA code"),
                        value=repr(code),
                    )
                else:
                    self.warn(f"{name}.riuso.codiceIPA", gettext_noop("deprecated, use organisation.uri"))


def problems_by_key(problems: list[Problem]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        grouped.setdefault(problem.key or "file", []).append(problem.message)
    return grouped


def first_text(value: Any) -> str:
    return str(value).strip() if _is_scalar(value) else ""
