"""People, not seats: who holds more than one position.

A holder is the same person in two positions when both carry the same
employee id, or, when neither carries one, the same name (case and spaces
ignored). Shared by `stats` (a figure) and rule ORG110 (an info finding).
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdesign.model import Org


@dataclass(frozen=True)
class MultiSeat:
    """One person holding seats in several positions."""

    name: str
    employee_id: str | None
    positions: tuple[str, ...]


def multi_seat_people(org: Org) -> list[MultiSeat]:
    """People holding seats in more than one position, in the order they first appear."""
    # Positions by person as an ordered set: a common name may stand in thousands of seats.
    held: dict[tuple[str, str], dict[str, None]] = {}
    names: dict[tuple[str, str], str] = {}
    for pos in org.positions:
        for name, hid in zip(pos.holders, pos.holder_ids, strict=True):
            key = ("id", hid) if hid else ("name", " ".join(name.casefold().split()))
            if not key[1]:
                continue
            names.setdefault(key, name)
            held.setdefault(key, {})[pos.id] = None
    return [
        MultiSeat(names[key], key[1] if key[0] == "id" else None, tuple(seats))
        for key, seats in held.items()
        if len(seats) > 1
    ]
