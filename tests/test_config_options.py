"""Rule options in `[tool.orgdesign.options.RULE]` are strictly typed (issue 18).

Each kind of wrong value is refused with exit code 2 and a message naming the file,
the line, the key, the value given and what to write instead; right values work.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgdesign.cli.app import app
from orgdesign.lint.engine import check_config
from orgdesign.lint.rules import registry
from orgdesign.load.config import load_config

ORG = """orgdesign: 1
organization: {id: o, name: O}
units: [{id: u, name: U, type: company, head: a}]
positions:
  - {id: a, title: A, unit: u}
  - {id: b, title: B, unit: u, reports_to: a}
"""

# (TOML lines, the line the message names, words it must carry)
TYPES = [  # TOML values of another type than the option's
    ('[options.ORG106]\nmin = "3"', 2, ['ORG106.min = "3"', "whole number", "min = 2"]),
    ("[options.ORG106]\nmin = 3.0", 2, ["ORG106.min = 3.0", "whole number"]),
    ("[options.ORG106]\nmin = true", 2, ["ORG106.min = true", "whole number"]),
    ("[options.ORG106]\nmin = 2026-01-01", 2, ["ORG106.min = 2026-01-01", "whole number"]),
    ("[options.ORG106]\nmin = nan", 2, ["ORG106.min = nan", "whole number"]),
]
VALUES = [  # of the right type but out of bounds, contradicting each other, or unknown
    ("[options.ORG106]\nmin = -1", 2, ["ORG106.min = -1", "at least 0"]),
    ("[options.ORG106]\nmin = 20", 1, ["ORG106", "min (20)", "max (12)"]),
    ("[options.ORG106]\nmax = 4\nmaxx = 3", 3, ["ORG106.maxx = 3", "unknown option", "min, max"]),
    ("[options.ORG101]\nx = 1", 2, ["ORG101.x = 1", "unknown option"]),
]
SHAPES = [  # a table where a value belongs, a value where a table belongs, inline tables
    ("[options.ORG106]\nmin = [3]", 2, ["ORG106.min = [3]", "whole number"]),
    ("options.ORG106 = 3", 1, ["ORG106 = 3", "table", "min = 2"]),
    ('options.org106 = {min = "3"}', 1, ['ORG106.min = "3"', "whole number"]),
]
TEXTS = [  # options that are texts or lists of texts
    ("[options.ARCH403]\nresponsibility = 5", 2, ["ARCH403.responsibility = 5", "text"]),
    ('[options.ARCH404]\nstrategy = "a"', 2, ['ARCH404.strategy = "a"', "list of texts"]),
    ("[options.ARCH404]\nstrategy = [1]", 2, ["ARCH404.strategy = [1]", "item 1"]),
]
WRONG = [*TYPES, *VALUES, *SHAPES, *TEXTS]


@pytest.mark.parametrize(("toml", "line", "words"), WRONG)
def test_a_wrong_option_is_a_located_usage_error(
    tmp_path: Path, toml: str, line: int, words: list[str]
) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(ORG, encoding="utf-8")
    config = tmp_path / ".orgdesign.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(org), "--config", str(config)])
    assert result.exit_code == 2, result.output
    message = result.stderr
    assert f"{config}:{line}:" in message, message
    for word in words:
        assert word in message, (word, message)
    assert "Traceback" not in message and "internal error" not in message


def test_the_pyproject_table_is_located_too(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[project]\nname = "x"\n\n[tool.orgdesign.options.ORG106]\nmax = 4\nmin = "3"\n',
        encoding="utf-8",
    )
    with pytest.raises(Exception, match=r"pyproject\.toml:6: options\.ORG106\.min") as info:
        check_config(load_config(config), registry())
    assert type(info.value).__name__ == "ConfigError"


@pytest.mark.parametrize(
    "toml",
    [
        "[options.ORG106]\nmin = 3\nmax = 9",
        '[options.ARCH404]\nstrategy = ["a", "b"]',
        '[options.ARCH403]\nresponsibility = "brand.x"',
        "[options.org107]\nmax = 4",
    ],
)
def test_right_options_are_used(tmp_path: Path, toml: str) -> None:
    config = tmp_path / ".orgdesign.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    settings = check_config(load_config(config), registry())
    rule, key, *_ = toml.replace("[options.", "").replace("]\n", " ").split()
    value = settings.options[rule.upper()].model_dump()[key]
    assert value == {"min": 3, "strategy": ("a", "b"), "responsibility": "brand.x", "max": 4}[key]


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('strict = "yes"', ['strict = "yes"', "true or false", "strict = false"]),
        ('select = "ORG"', ['select = "ORG"', "a list", 'select = ["ORG", "RACI"]']),
        ('max-file-size = "10"', ['max-file-size = "10"', "a number", "max-file-size = 10"]),
        ("options = 3", ["options = 3", "a table"]),
    ],
)
def test_a_setting_of_the_wrong_type_is_located(
    tmp_path: Path, toml: str, words: list[str]
) -> None:
    config = tmp_path / ".orgdesign.toml"
    config.write_text('# settings\nignore = ["ORG105"]\n' + toml + "\n", encoding="utf-8")
    with pytest.raises(Exception, match=rf"^{config}:3: ") as info:
        load_config(config)
    assert type(info.value).__name__ == "ConfigError"
    for word in words:
        assert word in str(info.value), (word, str(info.value))
