"""The value types of the org format: ids, labels, bounds, holders, dates, language tags.

This module owns the constrained types every element is built from (`Slug`,
`Label`, `Prose`, `Count`, the `Literal` vocabularies), their bounds, the
shorthand readers (`x` for `[x]`, `{name, id}` holders, `YYYY-MM-DD` dates),
the JSON Schema generator and `pick_language`.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
import textwrap
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

FORMAT_VERSION = 1

SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
# Bounds: far beyond any real organisation, low enough that no arithmetic, layout or
# expansion (a row per seat) on values within them can overflow or exhaust memory.
MAX_ID_LENGTH = 128
MAX_LABEL_LENGTH = 1_000
MAX_TEXT_LENGTH = 20_000
MAX_HEADCOUNT = 100_000
MAX_COST = 1e15
MAX_COUNT = 10_000
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)]
Label = Annotated[str, StringConstraints(max_length=MAX_LABEL_LENGTH)]
"""A name, title, holder or KPI: one line of text."""
Prose = Annotated[str, StringConstraints(max_length=MAX_TEXT_LENGTH)]
"""A description or note."""
LangTag = Annotated[str, StringConstraints(max_length=35)]
Count = Annotated[int, Field(strict=True, ge=0, le=MAX_COUNT)]
"""A whole number written as a number (not `true`, not quoted)."""
Stage = Literal["research", "planning", "promotion", "operation"]
Level = Literal["low", "medium", "high"]
Archetype = Literal["lean", "functional", "matrix", "divisional"]
ARCHETYPES: tuple[str, ...] = ("lean", "functional", "matrix", "divisional")
STAGES: tuple[str, ...] = ("research", "planning", "promotion", "operation")
ManagerKind = Literal["player-coach", "coach", "supervisor", "facilitator", "coordinator"]
"""Manager archetypes with their own target span (see `orgdesign.lint.rules.targets`)."""
UnitType = Literal[
    "company",
    "division",
    "business-unit",
    "department",
    "group",
    "team",
    "product-line",
    "region",
    "center",
    "project",
]


def _one_or_many(value: Any) -> Any:
    """Accept `x` as shorthand for `[x]` (RACI letters, dotted lines)."""
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [value]
    return value


class Holder(BaseModel):
    """A person in a seat, with the HR system's employee id."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    name: str = Field(min_length=1)
    """The person's name."""
    id: str | None = None
    """Employee id in the HR system (kept by `import` and written back by `export`)."""


def _holder_names(value: Any) -> Any:
    """Holders as names: `{name, id}` items checked and read as their name."""
    if not isinstance(value, list):
        return value
    names: list[Any] = []
    for item in value:
        if isinstance(item, dict):
            names.append(Holder.model_validate(dict(item)).name)
        else:
            names.append(item)
    return names


def holder_id(item: Any) -> str | None:
    if isinstance(item, dict) and item.get("id") is not None:
        return str(item["id"])
    return None


HolderList = Annotated[
    list[str], BeforeValidator(_holder_names, json_schema_input_type=list[str | Holder])
]

SlugList = Annotated[
    list[Slug], BeforeValidator(_one_or_many, json_schema_input_type=Slug | list[Slug])
]
Names = dict[LangTag, Label]
Descriptions = dict[LangTag, Prose]


def descriptions_field() -> Any:
    """The `descriptions` key every described element has: empty unless written."""
    description = "Translations of `description`, by language tag."
    return Field(default_factory=dict, description=description)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _iso_date(value: Any) -> Any:
    """Dates are written `YYYY-MM-DD` (a number or other text is not read as a date)."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD, e.g. 2026-03-31")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def format_version(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"the format version is the integer {FORMAT_VERSION}")
    return value


class SchemaGenerator(GenerateJsonSchema):
    """JSON Schema that says what validation accepts, with each field's documentation.

    Org files may write an id or a name as a number (`id: 2024`); validation reads
    it as the text written, so the schema must not call it an error.

    A field's description is the docstring written under it in its model. Pydantic
    can read those when each model is built (`use_attribute_docstrings`), but that
    reads the source of every model at start-up, which every `validate` would pay
    (about 18 ms of a one-file check); they are read here, when a schema is made,
    with pydantic's rules: a field's own class, a docstring right under `name: type`,
    never over a `description` written in the field.
    """

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        out = super().str_schema(schema)
        out["type"] = ["string", "number"]
        return out

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        out = super().model_schema(schema)
        cls = schema["cls"]
        properties = out.get("properties", {})
        for name, field in getattr(cls, "model_fields", {}).items():
            prop = properties.get(field.alias or name)
            doc = field_docstring(cls, name)
            if isinstance(prop, dict) and doc and field.description is None:
                prop.setdefault("description", doc)
        return out


def field_docstring(cls: type, name: str) -> str | None:
    """The docstring under field `name` in the class of `cls`'s bases that declares it."""
    owner = next((k for k in cls.__mro__ if name in inspect.get_annotations(k)), None)
    return attribute_docstrings(owner).get(name) if owner is not None else None


def attribute_docstrings(cls: type) -> dict[str, str]:
    """`name: type` followed by a string in a class body, by name (cleaned as pydantic does)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # no source (e.g. a frozen build): no descriptions
        return {}
    tree = ast.parse(source).body[0]
    if not isinstance(tree, ast.ClassDef):
        return {}
    docs: dict[str, str] = {}
    for stmt, after in zip(tree.body, tree.body[1:], strict=False):
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[stmt.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _norm_tag(tag: str) -> str:
    return tag.strip().lower().replace("_", "-")


def pick_language(names: dict[str, str], lang: str) -> str | None:
    """The label for a language tag: exact (any case, `_` or `-`), else the same language.

    `zh-CN`, `ZH` and `zh_Hans` all find a `zh` label; `zh` finds `zh-CN` when that is all
    there is.
    """
    wanted = _norm_tag(lang)
    by_tag = {_norm_tag(k): v for k, v in names.items() if v}
    if wanted in by_tag:
        return by_tag[wanted]
    primary = wanted.split("-")[0]
    if primary in by_tag:
        return by_tag[primary]
    return next((v for k, v in by_tag.items() if k.split("-")[0] == primary), None)
