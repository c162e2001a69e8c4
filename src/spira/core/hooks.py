"""Per-app hooks found by module name, so that `spira demo` and `spira generate` grow with the apps.

An app takes part by having a module `<app>/demo.py` with `load_demo(out)` or `<app>/generate.py`
with `generate(world)`; they run in INSTALLED_APPS order (organisations before initiatives, ...).
"""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


def app_modules(module_name: str) -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("spira."):
            continue
        dotted = f"{config.name}.{module_name}"
        if find_spec(dotted) is not None:
            yield import_module(dotted)
