#!/usr/bin/env python3
"""Generate a valid, realistic org file of N positions for benchmarks.

    python bench/generate.py --positions 10000 --seed 1 -o /tmp/org10k.yaml

What comes out (all deterministic for a given --positions/--seed/--layers):

* one root position (the CEO) and a solid-line tree of 6-8 layers
  (6 below 2,000 positions, 7 below 20,000, 8 above; `--layers` overrides);
* spans of control of 2..12 *seats* (direct reports' headcounts summed);
  a manager with a single report gets a multi-seat report (headcount 2-4);
* every manager is the `head` of its own unit; the unit's parent is the unit
  of the manager's manager; individual contributors sit in their manager's
  unit. Unit types by depth: company, division, department, group, team;
* some multi-seat positions, holders, whole and partial vacancies, cost;
* ~5 % of the positions (layer 3 and below) with one `dotted_to` to a manager
  in another division (so never their solid manager, never in their own
  subtree), all covered by a few `priority_rules` (`applies_to.positions`)
  deciding both domains (`results`, `brand`) with `solid`/`dotted`, with the
  root as escalation;
* ~N/20 local responsibilities (`r0001`...) with one RACI entry each: one A
  (a filled manager, at most 15 times A), 1-3 R (filled: the A or its
  filled reports), 0-3 C and 0-3 I.

The YAML is written with plain string formatting (one flow mapping per
element, block style sections), strings quoted with json.dumps (valid YAML).
No catalogues, no includes: the file is self-contained.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass, field

MAX_SEATS = 12  # ORG106 default maximum span (seats)
MAX_A = 15  # RACI206 default maximum
UNIT_TYPES = ["company", "division", "department", "group", "team"]
STAGES = ["research", "planning", "promotion", "operation"]

FUNCTIONS = [
    "Marketing",
    "Sales",
    "Research",
    "Product",
    "Operations",
    "Finance",
    "Brand",
    "Digital",
    "Supply Chain",
    "Customer Service",
    "Engineering",
    "Legal",
    "Human Resources",
    "Data",
    "Retail",
    "E-commerce",
]
FUNCTIONS_ZH = {
    "Marketing": "市場營銷",
    "Sales": "銷售",
    "Research": "研究",
    "Product": "產品",
    "Operations": "運營",
    "Finance": "財務",
    "Brand": "品牌",
    "Digital": "數字化",
    "Supply Chain": "供應鏈",
    "Customer Service": "客戶服務",
    "Engineering": "工程",
    "Legal": "法務",
    "Human Resources": "人力資源",
    "Data": "數據",
    "Retail": "零售",
    "E-commerce": "電子商務",
}
REGIONS = ["North", "South", "East", "West", "Central", "APAC", "EMEA", "Americas"]
MANAGER_TITLES = [
    "Chief Executive Officer",
    "Division President",
    "Department Director",
    "Group Manager",
    "Team Lead",
    "Team Lead",
    "Squad Lead",
    "Squad Lead",
]
IC_TITLES = [
    "Specialist",
    "Analyst",
    "Coordinator",
    "Associate",
    "Designer",
    "Planner",
    "Engineer",
    "Executive",
    "Consultant",
    "Assistant",
]
FIRST = [
    "Anna",
    "Ben",
    "Chloé",
    "David",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemal",
    "Lucía",
    "Maya",
    "Niamh",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomás",
    "Uma",
    "Viktor",
    "Wen",
    "Yusuf",
    "Zoë",
]
LAST = [
    "Adams",
    "Bauer",
    "Chen",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Huang",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Li",
    "Müller",
    "Nakamura",
    "O'Brien",
    "Patel",
    "Rossi",
    "Silva",
    "Tanaka",
    "Umarov",
    "Wang",
    "Zhao",
]
CJK_NAMES = ["陳靜", "李偉", "趙敏", "孫悅", "王芳", "張偉", "劉洋", "楊帆", "黃磊", "周婷"]


@dataclass(slots=True)
class Pos:
    idx: int
    level: int  # 0 = root
    parent: int  # -1 for the root
    size: int  # positions in the subtree, itself included
    branch: int = -1  # index of the layer-1 ancestor (itself at layer 1), -1 for root
    children: list[int] = field(default_factory=list)
    unit: int = -1
    heads: int = -1  # unit index this position heads, -1 if none
    headcount: int = 1
    holders: list[str] = field(default_factory=list)
    title: str = ""
    cost: int | None = None
    dotted: int = -1


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def default_layers(n: int) -> int:
    if n < 2000:
        layers = 6
    elif n < 20000:
        layers = 7
    else:
        layers = 8
    # tiny files cannot fill 6 layers with spans >= 2
    return max(2, min(layers, 1 + int(math.log2(max(n, 2)))))


def capacity(levels_below: int, span: int = 10) -> int:
    """Most positions a subtree may hold with `levels_below` layers under its top."""
    return sum(span**i for i in range(levels_below + 1))


def split(rng: random.Random, total: int, parts: int, cap: int) -> list[int]:
    """Split `total` positions into `parts` subtree sizes, each in 1..cap, unevenly."""
    weights = [rng.lognormvariate(0.0, 0.6) for _ in range(parts)]
    scale = (total - parts) / sum(weights)
    sizes = [1 + int(w * scale) for w in weights]
    sizes = [min(s, cap) for s in sizes]
    rest = total - sum(sizes)
    order = list(range(parts))
    while rest > 0:
        rng.shuffle(order)
        for i in order:
            if rest == 0:
                break
            room = cap - sizes[i]
            if room > 0:
                add = min(room, max(1, rest // parts))
                sizes[i] += add
                rest -= add
    return sizes


def build_tree(rng: random.Random, n: int, layers: int) -> list[Pos]:
    """Positions in breadth-first order; index 0 is the root."""
    if n < 1:
        raise SystemExit("--positions must be >= 1")
    if n > capacity(layers - 1, 12):
        raise SystemExit(f"{n} positions do not fit in {layers} layers")
    cap_span = 10 if n <= capacity(layers - 1, 10) else 12
    nodes = [Pos(0, 0, -1, n)]
    head = 0
    while head < len(nodes):
        node = nodes[head]
        head += 1
        total = node.size - 1
        if total == 0:
            continue
        below = layers - 1 - node.level  # layers still available under this node
        if below <= 0:
            raise AssertionError("layer budget exceeded")
        cap = capacity(below - 1, cap_span)
        ideal = total ** (1.0 / below) if below > 1 else total
        parts = round(ideal * rng.uniform(0.7, 1.4))
        parts = max(parts, 2, math.ceil(total / cap))
        parts = min(parts, total, MAX_SEATS)
        if parts * cap < total:  # only when the cap was tightened above
            raise AssertionError("subtree does not fit")
        for size in split(rng, total, parts, cap):
            child = Pos(len(nodes), node.level + 1, node.idx, size)
            child.branch = child.idx if node.level == 0 else node.branch
            node.children.append(child.idx)
            nodes.append(child)
    return nodes


def person(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(CJK_NAMES)
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def generate(n: int, seed: int, layers: int | None = None) -> str:
    rng = random.Random(seed)
    layers = layers or default_layers(n)
    nodes = build_tree(rng, n, layers)
    pw = max(6, len(str(n - 1)))
    pid = [f"p{i:0{pw}d}" for i in range(n)]

    # --- seats: a lone report gets 2-4 seats; some leaves get extra seats ---
    for node in nodes:
        kids = node.children
        if not kids:
            continue
        leaves = [c for c in kids if not nodes[c].children]
        if len(kids) == 1:
            nodes[kids[0]].headcount = rng.randint(2, 4)
            continue
        seats = len(kids)
        for c in leaves:
            if seats >= MAX_SEATS:
                break
            if rng.random() < 0.15:
                extra = rng.randint(1, min(3, MAX_SEATS - seats))
                nodes[c].headcount += extra
                seats += extra

    # --- units: every manager heads one ---
    units: list[tuple[int, int, int]] = []  # (head position, parent unit, level)
    func_of_branch: dict[int, str] = {}
    for node in nodes:
        if node.children:
            parent_unit = nodes[node.parent].heads if node.parent >= 0 else -1
            node.heads = len(units)
            node.unit = node.heads
            units.append((node.idx, parent_unit, node.level))
        else:
            node.unit = nodes[node.parent].heads if node.parent >= 0 else -1
    if nodes[0].unit == -1:  # a one-position org
        nodes[0].heads = nodes[0].unit = 0
        units.append((0, -1, 0))
    uw = max(4, len(str(len(units) - 1)))
    uid = [f"u{i:0{uw}d}" for i in range(len(units))]

    # --- titles, holders, cost ---
    for node in nodes:
        if node.level == 0:
            func = "Group"
        else:
            func = func_of_branch.setdefault(
                node.branch, FUNCTIONS[len(func_of_branch) % len(FUNCTIONS)]
            )
        if node.children:
            base = MANAGER_TITLES[min(node.level, len(MANAGER_TITLES) - 1)]
            node.title = base if node.level == 0 else f"{base}, {func}"
            node.cost = 300000 - 30000 * node.level + rng.randrange(0, 20000, 500)
        else:
            node.title = f"{func} {rng.choice(IC_TITLES)}"
            node.cost = rng.randrange(45000, 120000, 500) if rng.random() < 0.9 else None
        r = rng.random()
        if node.level == 0:
            filled = 1
        elif r < 0.06:
            filled = 0  # fully vacant
        elif node.headcount > 1 and r < 0.30:
            filled = rng.randint(1, node.headcount - 1)  # partly vacant
        else:
            filled = node.headcount
        node.holders = [person(rng) for _ in range(filled)]

    # --- dotted lines: ~5 %, layer 3 and below, to a manager of another division ---
    managers_by_branch_level: dict[int, dict[int, list[int]]] = {}
    for node in nodes:
        if node.children and node.level >= 1:
            managers_by_branch_level.setdefault(node.branch, {}).setdefault(node.level, []).append(
                node.idx
            )
    branches = sorted(managers_by_branch_level)
    candidates = [node.idx for node in nodes if node.level >= 2]
    want = min(round(n * 0.05), len(candidates))
    dotted: list[int] = []
    if len(branches) >= 2 and want:
        for i in sorted(rng.sample(candidates, want)):
            node = nodes[i]
            others = [b for b in branches if b != node.branch]
            for _ in range(10):
                by_level = managers_by_branch_level[rng.choice(others)]
                levels = [lv for lv in by_level if lv < node.level]
                if levels:
                    target = rng.choice(by_level[rng.choice(levels)])
                    node.dotted = target
                    dotted.append(i)
                    break

    # --- responsibilities and RACI ---
    n_resp = max(1, round(n / 20))
    rw = max(4, len(str(n_resp)))
    filled_managers = [node.idx for node in nodes if node.children and node.holders]
    filled_all = [node.idx for node in nodes if node.holders]
    a_count: dict[int, int] = {}
    raci_lines: list[str] = []
    resp_lines: list[str] = []
    for k in range(1, n_resp + 1):
        rid = f"r{k:0{rw}d}"
        stage = STAGES[(k - 1) % 4]
        func = FUNCTIONS[rng.randrange(len(FUNCTIONS))]
        req = ", required: true" if rng.random() < 0.3 else ""
        resp_lines.append(
            f"  - {{id: {rid}, name: {q(f'{func} {stage} duty {k}')}, stage: {stage}{req}}}"
        )
        pool = filled_managers if filled_managers else filled_all
        a = -1
        for _ in range(50):
            cand = rng.choice(pool)
            if a_count.get(cand, 0) < MAX_A:
                a = cand
                break
        if a < 0:
            a = next(p for p in filled_all if a_count.get(p, 0) < MAX_A)
        a_count[a] = a_count.get(a, 0) + 1
        doers = [c for c in nodes[a].children if nodes[c].holders]
        r_n = rng.randint(1, 3)
        r_set = rng.sample(doers, min(r_n, len(doers))) if doers else [a]
        used = {a, *r_set}
        c_set: list[int] = []
        i_set: list[int] = []
        for letter_list, count in ((c_set, rng.randint(0, 3)), (i_set, rng.randint(0, 3))):
            for _ in range(count):
                p = rng.choice(filled_all)
                if p not in used:
                    used.add(p)
                    letter_list.append(p)
        parts = [
            f"responsibility: {rid}",
            f"A: {pid[a]}",
            f"R: [{', '.join(pid[p] for p in r_set)}]",
        ]
        if c_set:
            parts.append(f"C: [{', '.join(pid[p] for p in c_set)}]")
        if i_set:
            parts.append(f"I: [{', '.join(pid[p] for p in i_set)}]")
        raci_lines.append("  - {" + ", ".join(parts) + "}")

    # --- write ---
    out: list[str] = []
    w = out.append
    w(f"# generated by bench/generate.py --positions {n} --seed {seed} --layers {layers}")
    w("orgdesign: 1")
    w("organization:")
    w(f"  id: bench-{n}-{seed}")
    w(f"  name: {q(f'Benchmark Group ({n} positions, seed {seed})')}")
    w(f"  names: {{zh: {q('基準測試集團')}}}")
    w("  description: Synthetic organisation for benchmarks.")
    w("")
    w("decision_domains:")
    w('  - {id: results, name: "Targets, budget and campaign calls"}')
    w("  - {id: brand, name: Brand identity and messaging}")
    w("")
    w("responsibilities:")
    out.extend(resp_lines)
    w("")
    w("units:")
    for u, (head_idx, parent_unit, level) in enumerate(units):
        utype = UNIT_TYPES[min(level, len(UNIT_TYPES) - 1)]
        head_node = nodes[head_idx]
        if level == 0:
            name = "Group"
        else:
            func = func_of_branch[head_node.branch]
            name = f"{func} {utype.capitalize()} {u}"
            if level >= 2:
                name = f"{func} {REGIONS[u % len(REGIONS)]} {utype.capitalize()} {u}"
        parts = [f"id: {uid[u]}", f"name: {q(name)}"]
        if level == 1:
            parts.append(
                f"names: {{zh: {q(FUNCTIONS_ZH[func_of_branch[head_node.branch]] + '事業部')}}}"
            )
        parts.append(f"type: {utype}")
        if parent_unit >= 0:
            parts.append(f"parent: {uid[parent_unit]}")
        parts.append(f"head: {pid[head_idx]}")
        w("  - {" + ", ".join(parts) + "}")
    w("")
    w("positions:")
    for node in nodes:
        parts = [f"id: {pid[node.idx]}", f"title: {q(node.title)}", f"unit: {uid[node.unit]}"]
        if node.parent >= 0:
            parts.append(f"reports_to: {pid[node.parent]}")
        if node.dotted >= 0:
            parts.append(f"dotted_to: [{pid[node.dotted]}]")
        if node.headcount != 1:
            parts.append(f"headcount: {node.headcount}")
        if node.holders:
            parts.append("holders: [" + ", ".join(q(h) for h in node.holders) + "]")
        if node.cost is not None:
            parts.append(f"cost: {node.cost}")
        w("  - {" + ", ".join(parts) + "}")
    w("")
    w("raci:")
    out.extend(raci_lines)
    if dotted:
        w("")
        w("priority_rules:")
        n_rules = 1 if len(dotted) < 2 else min(10, max(2, math.ceil(len(dotted) / 150)))
        chunk = math.ceil(len(dotted) / n_rules)
        for r in range(n_rules):
            members = dotted[r * chunk : (r + 1) * chunk]
            if not members:
                continue
            results, brand = ("solid", "dotted") if r % 2 == 0 else ("dotted", "solid")
            w(f"  - id: dual-{r + 1:02d}")
            w(f"    name: {q(f'Dual reporting, batch {r + 1}')}")
            w("    applies_to:")
            w("      positions: [" + ", ".join(pid[i] for i in members) + "]")
            w(f"    decides: {{results: {results}, brand: {brand}}}")
            w(f"    escalation: {pid[0]}")
    w("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--positions", "-n", type=int, required=True, help="number of positions")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--layers", type=int, default=None, help="layers of the tree (default: 6-8 by size)"
    )
    ap.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    args = ap.parse_args(argv)
    text = generate(args.positions, args.seed, args.layers)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
