"""People in several seats (`orgdesign.model.people`): the same answer as the plain definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesign.model import Org, Position
from orgdesign.model.people import MultiSeat, multi_seat_people

NAMES = st.sampled_from(["Ann Lee", "ann  lee", "Bo", "BO", " ", "Cy Wu", "Di"])
HOLDER = st.one_of(NAMES, st.fixed_dictionaries({"name": NAMES, "id": st.sampled_from("789")}))


def reference(org: Org) -> list[MultiSeat]:
    """The definition, written plainly: a person is an employee id, else a folded name."""
    seats: dict[tuple[str, str], list[str]] = {}
    names: dict[tuple[str, str], str] = {}
    for pos in org.positions:
        for name, hid in zip(pos.holders, pos.holder_ids, strict=True):
            text = " ".join(name.casefold().split())
            person = ("id", hid) if hid else ("name", text)
            if not hid and not text:
                continue
            names.setdefault(person, name)
            if pos.id not in seats.setdefault(person, []):
                seats[person].append(pos.id)
    return [
        MultiSeat(names[p], p[1] if p[0] == "id" else None, tuple(ids))
        for p, ids in seats.items()
        if len(ids) > 1
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(HOLDER, max_size=3), max_size=8))
def test_multi_seat_people_follow_the_definition(holders: list[list[object]]) -> None:
    positions = [
        # ids repeat from the sixth position on: an Org made by hand may hold duplicates
        Position.model_validate({"id": f"p{i % 5}", "title": "T", "holders": seats})
        for i, seats in enumerate(holders)
    ]
    org = Org("org.yaml", positions=positions)
    assert multi_seat_people(org) == reference(org)
