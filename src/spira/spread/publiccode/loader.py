"""Reading publiccode.yml as the reference parser does: YAML 1.2 scalars, no duplicate keys.

PyYAML follows YAML 1.1, where `yes`, `no`, `on` and `off` are booleans and unquoted dates become
date objects. The standard is YAML 1.2 (only `true`/`false` are booleans), and dates are checked
as text, so this loader resolves booleans the 1.2 way and leaves timestamps as strings.
"""

import re

import yaml


class PubliccodeLoader(yaml.SafeLoader):
    """A safe loader with YAML 1.2 booleans, dates kept as text, and duplicate keys refused."""


PubliccodeLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
PubliccodeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    seen = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, str | int | float | bool) and key in seen:
            raise DuplicateKeyError(
                "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


PubliccodeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str):
    return yaml.load(text, Loader=PubliccodeLoader)
