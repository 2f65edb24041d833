"""The Markdown tables the bench scripts print: the head row and its separator."""

from __future__ import annotations

from collections.abc import Collection


def print_head(columns: str, right: Collection[int] = ()) -> None:
    """Print a table's head: `columns` ("a | b | c"), then `---` (`---:` for indexes in `right`)."""
    count = len(columns.split(" | "))
    print(f"| {columns} |")
    print("|" + "".join("---:|" if i in right else "---|" for i in range(count)))
