"""Reading publiccode.yml as the reference parser does: YAML 1.2 scalars, no duplicate keys.

PyYAML follows YAML 1.1, where `yes`, `no`, `on` and `off` are booleans and unquoted dates become
date objects. The standard is YAML 1.2 (only `true`/`false` are booleans), and dates are checked
as text, so this loader resolves booleans the 1.2 way and leaves timestamps as strings.
"""

import re
from itertools import accumulate

import yaml

# No publiccode.yml nests deeper than a handful of levels. The limit is checked while reading, so
# that a small file of thousands of nested brackets is refused at once: PyYAML's scanner slows
# down with the square of the nesting and would otherwise spend minutes on it.
MAX_DEPTH = 40


class TooDeep(yaml.YAMLError):
    pass


class PubliccodeLoader(yaml.SafeLoader):
    """A safe loader with YAML 1.2 booleans, dates kept as text, duplicate keys refused, and at
    most MAX_DEPTH levels of nesting."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise TooDeep(f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


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


NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _bracket_depth(text: str) -> int:
    """How deep `[` and `{` nest in the text, counting those in quoted text too (an upper bound
    for flow collections, computed at C speed)."""
    steps = map(BRACKET_STEP.__getitem__, NOT_A_BRACKET.sub("", text))
    return max(accumulate(steps, initial=0))


def load(text: str):
    # The scanner reads deeply nested brackets slowly even when the composer stops at MAX_DEPTH;
    # refuse them before it starts (the limit is generous: quoted text may contain brackets).
    if _bracket_depth(text) > 2 * MAX_DEPTH:
        raise TooDeep(f"brackets nested more than {2 * MAX_DEPTH} levels deep")
    return yaml.load(text, Loader=PubliccodeLoader)
