"""No two modules of app, recorder or domain import each other, directly or through others.

import-linter's "no import cycles in domain" contract (pyproject.toml) holds domain's packages
to that; this holds every module of all three, app and recorder included, whose packages may
still lean on each other while their modules do not. A cycle hidden inside a function (an
import placed there to dodge the circular import at load time) counts like any other: the two
modules still cannot be understood or tested apart. grimp is import-linter's own graph.
"""

from __future__ import annotations

import grimp

PACKAGES = ("domain", "app", "recorder")


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph(*PACKAGES)
    cycles = set()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                cycle = (importer, *back)  # importer -> imported -> … -> importer
                start = cycle.index(min(cycle[:-1]))  # each cycle once, from its first module
                cycles.add(" -> ".join((*cycle[start:-1], *cycle[:start], cycle[start])))
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))
