#!/usr/bin/env python3
"""Independent sanity check of a file written by bench/generate.py.

    python bench/check_generated.py /tmp/org10k.yaml

Checks, without orgdesign's rules: ids unique and referenced ids exist, one
root, no solid-line cycle, layers, spans in seats (2..12), units form one
tree, heads are positions of their unit, each position's manager is the head
of its unit or of an ancestor unit, dotted lines legal (not the solid manager,
not in the own subtree, not self), every dotted position covered by exactly
one priority rule deciding every domain with solid/dotted and escalating to
the root, RACI (one A, 1-3 R, A at most 15 times, A and R filled), and that
every element is accepted by the pydantic models of orgdesign.model.
Prints a short summary; exits 1 on the first list of problems.
"""

from __future__ import annotations

import sys
import time
import types
from collections import Counter

import yaml


def import_model() -> types.ModuleType:
    try:
        import orgdesign.model as model
    except ModuleNotFoundError as exc:  # loader not written yet: stub it
        if exc.name != "orgdesign.load.loader":
            raise
        stub = types.ModuleType("orgdesign.load.loader")
        stub.YMap = dict  # type: ignore[attr-defined]
        stub.YSeq = list  # type: ignore[attr-defined]
        sys.modules["orgdesign.load.loader"] = stub
        import orgdesign.model as model
    return model


def main(path: str) -> int:
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    t_load = time.perf_counter() - t0
    problems: list[str] = []
    bad = problems.append

    model = import_model()
    t0 = time.perf_counter()
    model.OrgFile.model_validate(data)
    for section, cls in model.SECTIONS.items():
        for item in data.get(section, []):
            cls.model_validate(item)
    t_model = time.perf_counter() - t0

    positions = {p["id"]: p for p in data["positions"]}
    units = {u["id"]: u for u in data["units"]}
    if len(positions) != len(data["positions"]):
        bad("duplicate position ids")
    if len(units) != len(data["units"]):
        bad("duplicate unit ids")

    # reporting tree
    roots = [p for p in positions.values() if "reports_to" not in p]
    if len(roots) != 1:
        bad(f"{len(roots)} roots")
    root = roots[0]["id"]
    children: dict[str, list[str]] = {pid: [] for pid in positions}
    for p in positions.values():
        m = p.get("reports_to")
        if m is not None:
            if m not in positions:
                bad(f"{p['id']}: unknown manager {m}")
                continue
            children[m].append(p["id"])
    depth = {root: 1}
    order = [root]
    for pid in order:  # BFS; positions never reached are on a cycle or detached
        for c in children[pid]:
            if c in depth:
                bad(f"cycle/duplicate at {c}")
                continue
            depth[c] = depth[pid] + 1
            order.append(c)
    if len(order) != len(positions):
        bad(f"{len(positions) - len(order)} positions not under the root (cycle)")
    layers = max(depth.values())
    spans = []
    for pid, kids in children.items():
        if kids:
            seats = sum(positions[k].get("headcount", 1) for k in kids)
            spans.append(seats)
            if not 2 <= seats <= 12:
                bad(f"{pid}: span {seats} seats")
    # subtree intervals (Euler tour) for "in own subtree" tests
    tin: dict[str, int] = {}
    tout: dict[str, int] = {}
    clock = 0
    stack: list[tuple[str, int]] = [(root, 0)]
    while stack:
        pid, i = stack.pop()
        if i == 0:
            tin[pid] = clock
            clock += 1
        if i < len(children[pid]):
            stack.append((pid, i + 1))
            stack.append((children[pid][i], 0))
        else:
            tout[pid] = clock

    def in_subtree(x: str, top: str) -> bool:
        return tin[top] <= tin[x] < tout[top]

    # units
    uroots = [u for u in units.values() if "parent" not in u]
    if len(uroots) != 1:
        bad(f"{len(uroots)} root units")
    for u in units.values():
        if "parent" in u and u["parent"] not in units:
            bad(f"{u['id']}: unknown parent unit")
        head = u.get("head")
        if head not in positions or positions[head]["unit"] != u["id"]:
            bad(f"{u['id']}: head {head} not a position of the unit")
    heads_of: dict[str, str] = {u["id"]: u["head"] for u in units.values()}

    def unit_chain(uid: str) -> list[str]:
        chain = []
        seen = set()
        while uid and uid not in seen:
            seen.add(uid)
            chain.append(uid)
            uid = units[uid].get("parent")
        return chain

    for p in positions.values():
        if p["unit"] not in units:
            bad(f"{p['id']}: unknown unit")
            continue
        m = p.get("reports_to")
        if m and m not in {heads_of[u] for u in unit_chain(p["unit"])}:
            bad(f"{p['id']}: manager {m} not head of its unit or an ancestor (ORG105)")
        if len(p.get("holders", [])) > p.get("headcount", 1):
            bad(f"{p['id']}: more holders than seats")

    # dotted lines and priority rules
    dotted = [p for p in positions.values() if p.get("dotted_to")]
    covered: Counter[str] = Counter()
    domains = [d["id"] for d in data["decision_domains"]]
    for rule in data.get("priority_rules", []):
        covered.update(rule["applies_to"]["positions"])
        if rule.get("escalation") != root:
            bad(f"{rule['id']}: escalation is not the root")
        for d in domains:
            if rule["decides"].get(d) not in ("solid", "dotted"):
                bad(f"{rule['id']}: domain {d} undecided")
    for p in dotted:
        for t in p["dotted_to"]:
            if t not in positions:
                bad(f"{p['id']}: unknown dotted target {t}")
            elif t == p["id"] or t == p.get("reports_to") or in_subtree(t, p["id"]):
                bad(f"{p['id']}: illegal dotted line to {t}")
            elif t == root or p.get("reports_to") == root:
                bad(f"{p['id']}: root is not a strict common superior")
        if covered[p["id"]] != 1:
            bad(f"{p['id']}: covered by {covered[p['id']]} priority rules")
    if any(pid not in positions for pid in covered):
        bad("priority rule names unknown positions")

    # RACI
    resp = {r["id"] for r in data.get("responsibilities", [])}
    a_count: Counter[str] = Counter()
    for e in data.get("raci", []):
        if e["responsibility"] not in resp:
            bad(f"raci: unknown responsibility {e['responsibility']}")
        a = e["A"]
        if not isinstance(a, str):
            bad(f"{e['responsibility']}: A is not one position")
        a_count[a] += 1
        r = e["R"] if isinstance(e["R"], list) else [e["R"]]
        if not 1 <= len(r) <= 3:
            bad(f"{e['responsibility']}: {len(r)} R")
        for letter in "RACI":
            v = e.get(letter, [])
            for pid in v if isinstance(v, list) else [v]:
                if pid not in positions:
                    bad(f"{e['responsibility']}: unknown {letter} {pid}")
        if not all(positions[x].get("holders") for x in [a, *r]):
            bad(f"{e['responsibility']}: A/R vacant")
    if len({e["responsibility"] for e in data.get("raci", [])}) != len(resp):
        bad("not every responsibility has exactly one RACI entry")
    if a_count and max(a_count.values()) > 15:
        bad("a position is A more than 15 times")

    seats = sum(p.get("headcount", 1) for p in positions.values())
    filled = sum(len(p.get("holders", [])) for p in positions.values())
    by_type = Counter(u["type"] for u in units.values())
    span_avg = sum(spans) / max(len(spans), 1)
    print(
        f"{path}: {len(positions)} positions, {seats} seats, {seats - filled} vacancies, "
        f"{len(units)} units {dict(by_type)}, layers {layers}, "
        f"spans min/avg/max {min(spans, default=0)}/{span_avg:.1f}/{max(spans, default=0)}, "
        f"{len(dotted)} dotted ({100 * len(dotted) / len(positions):.1f} %), "
        f"{len(data.get('priority_rules', []))} priority rules, {len(resp)} responsibilities, "
        f"max A {max(a_count.values()) if a_count else 0}; "
        f"load {t_load:.2f}s, pydantic {t_model:.2f}s"
    )
    if problems:
        print(f"{len(problems)} problems:", *problems[:30], sep="\n  ")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(max(main(p) for p in sys.argv[1:]))
