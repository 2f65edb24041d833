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
    by_name: dict[str, tuple[str, str] | None] = {}  # a name's key, worked out once
    for pos in org.positions:
        holders = pos.holders
        if not holders:
            continue
        ids = pos.holder_ids if pos.has_holder_ids else None
        for i, name in enumerate(holders):
            hid = ids[i] if ids is not None else None
            if hid:
                key: tuple[str, str] | None = ("id", hid)
            elif name in by_name:
                key = by_name[name]
            else:
                text = " ".join(name.casefold().split())
                key = by_name[name] = ("name", text) if text else None
            if key is None:
                continue
            seats = held.get(key)
            if seats is None:
                held[key] = {pos.id: None}
                names[key] = name
            else:
                seats[pos.id] = None
    return [
        MultiSeat(names[key], key[1] if key[0] == "id" else None, tuple(seats))
        for key, seats in held.items()
        if len(seats) > 1
    ]
