"""`Rule.reads`: each rule finds the same whatever the values it does not declare.

The run memo keeps a rule's findings after an edit of values the rule does not
read (`orgdesign.lint.memo`), so a rule that reads more than it declares would
keep stale findings. Two checks over every sample and rule case:

- every undeclared value made unreadable (a poison that fails on any use, then
  None): the rule finds what it finds with them;
- undeclared values changed to other values of their kind (another unit type,
  another holder, another stage ...), drawn by hypothesis: the rule finds the
  same. This reaches branches the first cannot, e.g. an archetype inferred
  otherwise.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Poison, every_org, sections
from orgdesign.assemble.graph import OrgGraph
from orgdesign.assemble.project import assemble
from orgdesign.assemble.targets import effective as effective_targets
from orgdesign.lint.engine import RuleContext, check_config
from orgdesign.lint.rules import registry
from orgdesign.load.config import Config
from orgdesign.model import Org


class _LazyGraph:
    """The graph built on first use: a rule that uses it reads what it is built from."""

    def __init__(self, org: Org) -> None:
        self._org, self._graph = org, None

    def __getattr__(self, name: str) -> Any:
        if self._graph is None:
            self._graph = OrgGraph(self._org)
        return getattr(self._graph, name)


def _check_one(item: Any, org: Org, options: Any) -> list[Any]:
    ctx = RuleContext(item, org, _LazyGraph(org), options, item.severity, False)  # type: ignore[arg-type]
    item.check(ctx)
    return ctx.findings


@pytest.mark.parametrize("none", [False, True], ids=["poison", "none"])
@pytest.mark.parametrize("case", every_org())
def test_each_rule_reads_only_what_it_declares(
    tmp_path: Path, case: dict[str, Any], none: bool
) -> None:
    """`Rule.reads`: each rule, run with every other value of every element unreadable,
    finds what it finds with them (the run memo reuses its findings after other edits).
    The poison fails on any use but `is None` and `isinstance`: a second run with None
    instead sees those (a rule that reads the value crashes or finds something else)."""
    for rel, text in {**case.get("files", {}), "org.yaml": case["org"]}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    config = Config.model_validate(case.get("config") or {})
    settings_ = check_config(config, registry())

    def fresh() -> Org | None:
        assembly = assemble(tmp_path / "org.yaml", "org.yaml")
        if not assembly.loaded or assembly.is_catalog:
            return None
        assembly.org.targets = effective_targets(assembly.org.targets, config.targets)
        return assembly.org

    for item in registry():
        org = fresh()
        if org is None:
            return
        if item.check is None or item.reads is None:
            continue
        clean = _check_one(item, org, settings_.options[item.id])
        poisoned = fresh()
        assert poisoned is not None
        for section, elements in sections(poisoned).items():
            for element in elements:
                for key in type(element).model_fields:
                    if key not in ("id", "ignore", "children") and (section, key) not in item.reads:
                        element.__dict__[key] = None if none else Poison()
        try:
            found = _check_one(item, poisoned, settings_.options[item.id])
        except (TypeError, AttributeError) as error:  # None where a value is read
            raise AssertionError(f"{item.id} reads an undeclared value: {error}") from error
        assert found == clean, item.id


def _alternatives(key: str, org: Org) -> list[Any]:
    """Other values of the kind `key` holds, some naming elements of `org`."""
    pids = [p.id for p in org.positions][:3]
    uids = [u.id for u in org.units][:3]
    rids = [r.id for top in org.responsibilities for r, _ in top.walk()][:3]
    kinds: dict[str, list[Any]] = {
        "unit": [None, *uids, "nowhere"],
        "parent": [None, *uids],
        "scope": [None, *uids],
        "reports_to": [None, *pids, "nobody"],
        "head": [None, *pids],
        "lead": [None, *pids],
        "escalation": [None, *pids],
        "dotted_to": [[], pids[:1], pids[1:]],
        "members": [[], pids[:1], pids[1:]],
        "A": [[], pids[:1], pids[:2]],
        **{letter: [[], pids[:1], pids[1:]] for letter in ("R", "C", "I", "S")},
        "type": ["company", "division", "department", "team", "product-line", "region"],
        "function": [None, "marketing", "sales"],
        "headcount": [1, 3, 40],
        "holders": [[], ["Ann"], ["Ann", "Bo", "Cy"]],
        "cost": [None, 10.0, 5e6],
        "assistant": [True, False],
        "manager_kind": [None, "player-coach", "coach", "supervisor"],
        "stage": [None, "research", "planning", "promotion", "operation"],
        "dimension": [None, "brand", "strategy"],
        "required": [True, False],
        "name": ["Marketing", "Brand 20", "市场部"],
        "title": ["Marketing", "市场部"],
        "names": [{}, {"zh": "市场部"}],
        "archetype": [None, "lean", "functional", "matrix", "divisional"],
        "responsibility": [*rids, "nothing"],
        "kpis": [[], ["x"]],
    }
    return kinds.get(key, [])


def _assembled(folder: Path, case: dict[str, Any]) -> tuple[Org, Any] | None:
    for rel, text in {**case.get("files", {}), "org.yaml": case["org"]}.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    config = Config.model_validate(case.get("config") or {})
    assembly = assemble(folder / "org.yaml", "org.yaml")
    if not assembly.loaded or assembly.is_catalog:
        return None
    assembly.org.targets = effective_targets(assembly.org.targets, config.targets)
    return assembly.org, check_config(config, registry())


_CASES = [param.values[0] for param in every_org()]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_an_undeclared_value_changed_changes_no_finding(tmp_path_factory: Any, data: Any) -> None:
    case = data.draw(st.sampled_from(_CASES))
    made = _assembled(tmp_path_factory.mktemp("case"), case)
    if made is None:
        return
    base, settings_ = made
    places = [
        (section, index, key)
        for section, elements in sections(base).items()
        for index, element in enumerate(elements[:6])
        for key in type(element).model_fields
        if _alternatives(key, base)
    ]
    if not places:
        return
    section, index, key = data.draw(st.sampled_from(places))
    value = data.draw(st.sampled_from(_alternatives(key, base)))
    changed = copy.deepcopy(base)
    sections(changed)[section][index].__dict__[key] = value
    for item in registry():
        if item.check is None or item.reads is None or (section, key) in item.reads:
            continue
        options = settings_.options[item.id]
        clean = _check_one(item, copy.deepcopy(base), options)
        try:
            found = _check_one(item, copy.deepcopy(changed), options)
        except Exception as error:  # a value of another kind where the rule reads it
            raise AssertionError(f"{item.id} reads {section}.{key}: {error!r}") from error
        assert found == clean, f"{item.id} reads {section}.{key} ({value!r})"
