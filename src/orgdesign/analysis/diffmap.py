"""Pairing ids of two versions that do not share them: what `diff --map` and its hints use.

A to-be drafted from a template (`orgdesign new`) names positions and units
its own way, so an id-by-id comparison calls everything removed and added.
This module owns the user's map (`--map OLD=NEW`, `--map-file`), splitting it
into position renames and unit renames, and the suggestion of likely pairs
among what is still unmatched, scored by title, unit and holders, for the user
to confirm (nothing suggested is applied).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgdesign.load.loader import YMap, load_file
from orgdesign.model import Org, Position, Unit


class MapError(Exception):
    """A map entry that cannot be used; the message names where and what to do."""


@dataclass(frozen=True)
class IdMap:
    """Old id -> new id, for positions and for units."""

    positions: dict[str, str]
    units: dict[str, str]
    rules: dict[str, str] = field(default_factory=dict)
    """Priority rules."""


@dataclass(frozen=True)
class Suggestion:
    """A likely pair not applied: `kind` position or unit, with the reasons it was suggested."""

    kind: str
    old_id: str
    new_id: str
    old_name: str
    new_name: str
    score: float
    reasons: tuple[str, ...]


def parse_pairs(pairs: Iterable[str]) -> list[tuple[str, str, str]]:
    """`OLD=NEW` strings as (old, new, where) triples; raises MapError for a bad one."""
    out = []
    for raw in pairs:
        old, sep, new = raw.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise MapError(f"--map {raw!r}: write it as OLD=NEW (an old id, '=', a new id)")
        out.append((old.strip(), new.strip(), f"--map {raw}"))
    return out


def read_map_file(path: Path) -> list[tuple[str, str, str]]:
    """A YAML mapping `old-id: new-id` (one per line) as (old, new, file:line:col) triples."""
    result = load_file(path, str(path))
    if not result.ok:
        first = result.findings[0]
        raise MapError(f"{first.file}:{first.line}:{first.column}: {first.message}")
    data: Any = result.data
    if not isinstance(data, YMap):
        raise MapError(f"{path}:1:1: a map file is a YAML mapping of `old-id: new-id` lines")
    out = []
    for key, value in data.items():
        line, col = data.key_pos[key]
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise MapError(f"{path}:{line}:{col}: {key!r} needs a new id as its value")
        out.append((str(key), str(value), f"{path}:{line}:{col}"))
    return out


def split_map(old: Org, new: Org, entries: list[tuple[str, str, str]]) -> IdMap:
    """Sort entries into position and unit renames; raise MapError for an id not found."""
    positions: dict[str, str] = {}
    units: dict[str, str] = {}
    rules: dict[str, str] = {}
    for old_id, new_id, where in entries:
        if old_id in old.position_by_id:
            if new_id not in new.position_by_id:
                raise MapError(f"{where}: {new_id!r} is no position of the new version")
            positions[old_id] = new_id
        elif old_id in old.unit_by_id:
            if new_id not in new.unit_by_id:
                raise MapError(f"{where}: {new_id!r} is no unit of the new version")
            units[old_id] = new_id
        elif old_id in {r.id for r in old.priority_rules}:
            if new_id not in {r.id for r in new.priority_rules}:
                raise MapError(f"{where}: {new_id!r} is no priority rule of the new version")
            rules[old_id] = new_id
        else:
            raise MapError(
                f"{where}: {old_id!r} is no position, unit or priority rule of the old version"
            )
    for kind, table in (("position", positions), ("unit", units), ("priority rule", rules)):
        seen: dict[str, str] = {}
        for old_id, new_id in table.items():
            if new_id in seen:
                raise MapError(
                    f"{kind} {new_id!r} is the new id of both {seen[new_id]!r} and {old_id!r}; "
                    "map each new id once"
                )
            seen[new_id] = old_id
    return IdMap(positions, units, rules)


def _words(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def _title_score(a: str, b: str) -> float:
    return _ratio(_words(a), _words(b), fuzzy=True)


def _ratio(a: str, b: str, *, fuzzy: bool) -> float:
    """1.0 for the same words; their similarity when `fuzzy`, else 0."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio() if fuzzy else 0.0


def _role(pos: Position, org: Org) -> str:
    """The title without the words of its unit's name: `Lipstick Line General Manager` in
    `Lipstick Line` and `Product Line A General Manager` in `Product Line A` are both
    `general manager`, the same role in a unit a template names differently."""
    unit = org.unit_by_id.get(pos.unit or "")
    words = _words(pos.title).split()
    name = _words(unit.name).split() if unit else []
    common = 0
    while common < min(len(words) - 1, len(name)) and words[common] == name[common]:
        common += 1
    return " ".join(words[common:])


@dataclass(frozen=True)
class _Titles:
    """Each position's title and role (title less its unit's name), as compared words."""

    title: dict[str, str]
    role: dict[str, str]

    @classmethod
    def of(cls, org: Org, positions: list[Position]) -> _Titles:
        return cls(
            {p.id: _words(p.title) for p in positions}, {p.id: _role(p, org) for p in positions}
        )


def _score(
    o: Position,
    n: Position,
    titles: tuple[_Titles, _Titles],
    pairs: dict[str, str],
    units: dict[str, str],
    fuzzy: bool,
) -> tuple[float, tuple[str, ...]]:
    before, after = titles
    direct = _ratio(before.title[o.id], after.title[n.id], fuzzy=fuzzy)
    role = _ratio(before.role[o.id], after.role[n.id], fuzzy=fuzzy)
    title = max(direct, role)
    shared = set(o.holders) & set(n.holders)
    same_unit = bool(o.unit) and units.get(o.unit or "", o.unit) == n.unit
    manager = pairs.get(o.reports_to or "", o.reports_to)
    same_manager = o.reports_to is not None and manager == n.reports_to
    reasons = []
    if direct >= 0.999:
        reasons.append("same title")
    elif role >= 0.999:
        reasons.append("same title but for the unit's name")
    elif title >= 0.75:
        reasons.append(f"similar title ({title:.0%})")
    if shared:
        reasons.append("same holders" if set(o.holders) == set(n.holders) else "shared holder")
    if not reasons:  # a shared unit or manager alone is no reason
        return 0.0, ()
    if same_unit:
        reasons.append("same unit")
    if same_manager:
        reasons.append("same manager")
    score = title + (1.0 if shared else 0.0) + 0.5 * same_unit + 0.3 * same_manager
    return score, tuple(reasons)


FUZZY_PAIRS = 40_000
"""Up to this many (gone x came) pairs every pair is compared for similar titles; above,
only pairs with the same title, the same title but for the unit's name, or a shared
holder are (a reorganisation of thousands is not compared all against all)."""


def _candidates(
    titles: tuple[_Titles, _Titles], gone: list[Position], came: list[Position], fuzzy: bool
) -> Iterator[tuple[int, int]]:
    """Index pairs (into `gone`, `came`) worth scoring."""
    if fuzzy:
        yield from ((i, j) for i in range(len(gone)) for j in range(len(came)))
        return
    before, after = titles
    by_key: dict[str, list[int]] = {}
    for j, n in enumerate(came):
        keys = {after.title[n.id], after.role[n.id], *(f"holder:{h}" for h in n.holders)}
        for key in keys:
            by_key.setdefault(key, []).append(j)
    for i, o in enumerate(gone):
        keys = {before.title[o.id], before.role[o.id], *(f"holder:{h}" for h in o.holders)}
        near = sorted({j for key in keys for j in by_key.get(key, [])})
        yield from ((i, j) for j in near)


def _pair_positions(
    old: Org,
    new: Org,
    gone: list[Position],
    came: list[Position],
    pairs: dict[str, str],
    units: dict[str, str],
) -> list[Suggestion]:
    """Greedy best-first pairing; ties go to document order (line A with the first line)."""
    scored = []
    titles = (_Titles.of(old, gone), _Titles.of(new, came))
    fuzzy = len(gone) * len(came) <= FUZZY_PAIRS
    for i, j in _candidates(titles, gone, came, fuzzy):
        score, reasons = _score(gone[i], came[j], titles, pairs, units, fuzzy)
        if score >= 0.75:
            scored.append((score, i, j, reasons))
    out = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j, reasons in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        o, n = gone[i], came[j]
        out.append(Suggestion("position", o.id, n.id, o.title, n.title, round(score, 2), reasons))
    return out


def suggest_pairs(
    old: Org, new: Org, renames: dict[str, str], units: dict[str, str]
) -> list[Suggestion]:
    """Likely pairs among the positions and units still unmatched, best first, one per id.

    Unit heads are paired first; the units they lead then pair too, so that the
    other positions of a product line pair with the same line of the template.
    """
    unit_out = _suggest_units(old, new, units)
    unit_pairs = {**units, **{s.old_id: s.new_id for s in unit_out}}
    gone = [p for p in old.positions if renames.get(p.id, p.id) not in new.position_by_id]
    taken = {renames.get(p.id, p.id) for p in old.positions}
    came = [p for p in new.positions if p.id not in taken]
    old_heads = {u.head for u in old.units if u.head}
    new_heads = {u.head for u in new.units if u.head}
    heads = _pair_positions(
        old,
        new,
        [p for p in gone if p.id in old_heads],
        [p for p in came if p.id in new_heads],
        renames,
        unit_pairs,
    )
    pairs = {**renames, **{s.old_id: s.new_id for s in heads}}
    led_old = {u.head: u for u in old.units if u.head}
    led_new = {u.head: u for u in new.units if u.head}
    for s in heads:
        o_unit, n_unit = led_old[s.old_id], led_new[s.new_id]
        if o_unit.id not in unit_pairs and n_unit.id not in unit_pairs.values():
            if n_unit.id not in new.unit_by_id or o_unit.id in new.unit_by_id:
                continue
            unit_pairs[o_unit.id] = n_unit.id
            unit_out.append(
                Suggestion(
                    "unit", o_unit.id, n_unit.id, o_unit.name, n_unit.name, s.score, ("same head",)
                )
            )
    done = {s.old_id for s in heads}
    rest = _pair_positions(
        old,
        new,
        [p for p in gone if p.id not in done],
        [p for p in came if p.id not in {s.new_id for s in heads}],
        pairs,
        unit_pairs,
    )
    return unit_out + heads + rest + _suggest_rules(old, new)


def _suggest_rules(old: Org, new: Org) -> list[Suggestion]:
    """Priority rules whose id changed but whose name or coverage stayed."""
    new_ids = {r.id for r in new.priority_rules}
    old_ids = {r.id for r in old.priority_rules}
    came = [r for r in new.priority_rules if r.id not in old_ids]
    out = []
    for o in (r for r in old.priority_rules if r.id not in new_ids):
        for n in came:
            if (o.name and o.name == n.name) or o.decides == n.decides:
                reason = "same name" if o.name and o.name == n.name else "same deciders"
                out.append(
                    Suggestion(
                        "priority rule", o.id, n.id, o.name or o.id, n.name or n.id, 1.0, (reason,)
                    )
                )
                came.remove(n)
                break
    return out


def _suggest_units(old: Org, new: Org, units: dict[str, str]) -> list[Suggestion]:
    gone = [u for u in old.units if units.get(u.id, u.id) not in new.unit_by_id]
    taken = {units.get(u.id, u.id) for u in old.units}
    came = [u for u in new.units if u.id not in taken]
    scored = []
    fuzzy = len(gone) * len(came) <= FUZZY_PAIRS
    by_name: dict[str, list[Unit]] = {}
    for n in came:
        by_name.setdefault(_words(n.name), []).append(n)
    for o in gone:
        for n in came if fuzzy else by_name.get(_words(o.name), []):
            ratio = _title_score(o.name, n.name)
            if ratio >= 0.75:
                reason = "same name" if ratio >= 0.999 else f"similar name ({ratio:.0%})"
                scored.append((ratio, o, n, reason))
    out = []
    used: set[str] = set()
    for ratio, o, n, reason in sorted(scored, key=lambda s: (-s[0], s[1].id, s[2].id)):
        if o.id in used or n.id in used:
            continue
        used.update((o.id, n.id))
        out.append(Suggestion("unit", o.id, n.id, o.name, n.name, round(ratio, 2), (reason,)))
    return out


def map_file_text(suggestions: list[Suggestion]) -> str:
    """The suggestions as a map file to review, edit and pass back with `--map-file`."""
    lines = [
        "# Likely pairs suggested by `orgdesign diff`: old id: new id.",
        "# Check each line, delete the wrong ones, then run",
        "#   orgdesign diff OLD NEW --map-file THIS_FILE",
    ]
    for s in suggestions:
        why = ", ".join(s.reasons)
        lines.append(f"# {s.kind}: {s.old_name} -> {s.new_name} ({why})")
        lines.append(f"{_yaml_key(s.old_id)}: {_yaml_key(s.new_id)}")
    return "\n".join(lines) + "\n"


def _yaml_key(ident: str) -> str:
    plain = ident.replace("-", "").replace("_", "").replace(".", "").isalnum()
    return ident if plain and not ident.isdigit() else '"' + ident.replace('"', '\\"') + '"'
