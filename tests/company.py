"""A hand-modelled 100-position company whose CEO has 12 direct reports (scenario tests, README).

One company unit with the CEO, twelve departments each led by a VP with seven or eight
individual contributors (one seat each). Targets: span 3..8, at most 4 layers.
"""

from __future__ import annotations

DEPARTMENTS = [
    "Marketing",
    "Sales",
    "Brand",
    "Digital",
    "Customer Service",
    "Product",
    "Research",
    "Finance",
    "Operations",
    "Supply Chain",
    "Legal",
    "People",
]
ROLES = [
    "Manager",
    "Specialist",
    "Analyst",
    "Coordinator",
    "Planner",
    "Lead",
    "Associate",
    "Advisor",
]


FIRST = ["Ann", "Bo", "Cai", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai"]
LAST = ["Lee", "Moss", "Ng", "Olsen", "Park", "Quinn", "Roy", "Sato", "Tan"]


def _holder(n: int) -> str:
    return f"[{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}]"


def company_yaml(targets: bool = True) -> str:
    """The org file; the CEO is on line 13 (`ceo_line`)."""
    lines = [
        "orgdesign: 1",
        "organization: {id: northwind, name: Northwind Trading}",
    ]
    if targets:
        lines += ["targets:", "  span: {min: 3, max: 8}", "  layers: {max: 4}"]
    else:
        lines += ["", "", ""]
    lines += ["units:", "  - {id: co, name: Northwind, type: company, head: ceo}"]
    for n, dept in enumerate(DEPARTMENTS, 1):
        lines.append(f"  - {{id: d{n:02d}, name: {dept}, parent: co, head: vp-{n:02d}}}")
    lines += [
        "positions:",
        "  - {id: ceo, title: Chief Executive Officer, unit: co, cost: 600000, "
        "holders: [Mei Chen]}",
    ]
    for n, dept in enumerate(DEPARTMENTS, 1):
        lines.append(
            f"  - {{id: vp-{n:02d}, title: VP {dept}, unit: d{n:02d}, reports_to: ceo, "
            f"cost: 250000, holders: {_holder(n)}}}"
        )
    for n, dept in enumerate(DEPARTMENTS, 1):
        team = 8 if n <= 3 else 7  # 12 VPs + 3 x 8 + 9 x 7 = 99 below the CEO
        for k in range(team):
            lines.append(
                f"  - {{id: d{n:02d}-s{k + 1}, title: {dept} {ROLES[k]}, unit: d{n:02d}, "
                f"reports_to: vp-{n:02d}, cost: 90000, holders: {_holder(n * 8 + k + 12)}}}"
            )
    return "\n".join(lines) + "\n"


def ceo_line(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if "{id: ceo," in line)
