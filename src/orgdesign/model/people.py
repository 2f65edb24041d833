"""People, not seats: who holds more than one position.

A holder is the same person in two positions when both carry the same
employee id, or, when neither carries one, the same name (case and spaces
ignored). Shared by `stats` (a figure) and rule ORG110 (an info finding).
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdesign.model import Org

Person = str
"""A person's key: "i" and the employee id, or "n" and the name casefolded, spaces folded
(a string: its hash is kept, where a pair's is worked out at every look-up)."""


@dataclass(frozen=True)
class MultiSeat:
    """One person holding seats in several positions."""

    name: str
    employee_id: str | None
    positions: tuple[str, ...]


def multi_seat_people(org: Org) -> list[MultiSeat]:
    """People holding seats in more than one position, in the order they first appear."""
    # A person's first seat is a pair; only a second seat makes the list of all of them
    # (most people hold one seat), made an ordered set at the end: a common name stands in
    # thousands of seats, and inserting into thousands of sets in turn was twice as slow.
    first: dict[Person, tuple[str, str]] = {}  # (first position id, name as first written)
    seats: dict[Person, list[str]] = {}
    by_name: dict[str, Person] = {}  # a name's key, worked out once ("" for a blank name)
    for pos in org.positions:
        holders = pos.holders
        if not holders:
            continue
        # `has_holder_ids` without a property call per position (most have no ids)
        written = getattr(pos, "_holder_ids", None)
        ids = pos.holder_ids if written and any(written) else None
        pid = pos.id
        for i, name in enumerate(holders):
            hid = ids[i] if ids is not None else None
            if hid:
                person = "i" + hid
            else:
                person = by_name.get(name, _UNSEEN)
                if person is _UNSEEN:
                    text = " ".join(name.casefold().split())
                    person = by_name[name] = "n" + text if text else ""
                if not person:
                    continue
            seen = first.get(person)
            if seen is None:
                first[person] = (pid, name)
            elif seen[0] != pid:
                more = seats.get(person)
                if more is None:
                    seats[person] = [seen[0], pid]
                elif more[-1] != pid:
                    more.append(pid)
    return [
        MultiSeat(
            first[person][1],
            person[1:] if person[0] == "i" else None,
            tuple(dict.fromkeys(held)),
        )
        for person in first
        if (held := seats.get(person)) is not None
    ]


_UNSEEN: Person = "?"
"""No name maps to it (a name's key starts with "n", or is ""): `by_name` has not seen it."""
