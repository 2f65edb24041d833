"""The HTML explorer in a real browser: headless Chromium (Debian's) driven by Playwright.

Each test writes an explorer file (with `orgdesign chart` or the renderer), opens
it from disk (file://) with every non-file request refused and counted, acts
like a user and checks the page. Screenshots go to `test-artifacts/explorer/`
at the top of the repository (printed by each test; see them with `pytest -s`).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.output import ChartOptions
from orgdesign.output.chart.explorer import render

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).parent.parent
SAMPLES = REPO / "sample_orgs"
ARTIFACTS = REPO / "test-artifacts" / "explorer"
VIEWPORT = {"width": 1400, "height": 900}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (make system)"
)

GAPS_ORG = """\
orgdesign: 1
organization: {id: gaps, name: Gaps Ltd, archetype: matrix}
decision_domains:
  - {id: results, name: Targets and campaign calls}
  - {id: brand, name: Brand identity and messaging}
units:
  - {id: co, name: Gaps Ltd, type: company, head: ceo}
  - {id: sales, name: Sales, type: department, parent: co, head: sales-head}
  - {id: brand, name: Brand, type: department, parent: co, head: brand-head}
positions:
  - {id: ceo, title: Chief Executive Officer, unit: co, holders: [Ada]}
  - {id: sales-head, title: Head of Sales, unit: sales, reports_to: ceo, holders: [Bo]}
  - {id: brand-head, title: Head of Brand, unit: brand, reports_to: ceo, holders: [Cy]}
  - {id: key-accounts, title: Key Account Manager, unit: sales, reports_to: sales-head,
     holders: [Di]}
  - {id: retail, title: Retail Sales Manager, unit: sales, reports_to: sales-head, holders: [Ed]}
  - {id: ka-exec, title: Key Account Executive, unit: sales, reports_to: key-accounts,
     holders: [Flo]}
  - {id: line-mkt, title: Trade Marketing Manager, unit: sales, reports_to: retail,
     dotted_to: [brand-head], headcount: 2, holders: [Gus, Hal]}
  - {id: designer, title: Brand Designer, unit: brand, reports_to: brand-head, headcount: 2,
     holders: [Ivy]}
"""

XSS_ORG = """\
orgdesign: 1
organization: {id: xss, name: "<script>window.__pwned = 'title'</script>Evil & Co"}
units:
  - {id: co, name: "<img src=x onerror=\\"window.__pwned = 'unit'\\">", type: company, head: ceo}
positions:
  - id: ceo
    title: "<script>window.__pwned = 'script'</script>"
    unit: co
    holders: ["<img src=x onerror=\\"window.__pwned = 'img'\\">"]
  - id: cmo
    title: "</script><script>window.__pwned = 'close'</script>"
    unit: co
    reports_to: ceo
    holders: ["<svg onload=\\"window.__pwned = 'svg'\\"></svg>"]
  - {id: ops, title: "{{SCRIPT}} <b>bold</b>", unit: co, reports_to: ceo, holders: [Bo]}
"""


# --- fixtures ------------------------------------------------------------------------------


def build(
    tmp_path: Path, source: Path | str, name: str | None = None, **options: Any
) -> tuple[Path, list[str]]:
    """Write an explorer for an org file (or YAML text); return it and the position ids."""
    if isinstance(source, str):
        path = tmp_path / f"{name or 'org'}.yaml"
        path.write_text(source, encoding="utf-8")
    else:
        path = source
    org, findings = api.load_org(path)
    assert org is not None
    out = tmp_path / f"{name or path.stem}.html"
    render(org, OrgGraph(org), findings, ChartOptions(**options), out)
    return out, [p.id for p in org.positions]


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def ids(self, selector: str) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            selector, "els => els.map(e => e.dataset.id)"
        )
        return ids

    def box(self, pid: str) -> Any:
        return self.page.locator(f'.box[data-id="{pid}"]')


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[[Path], Opened]]:
    contexts: list[Any] = []
    opened: list[tuple[Opened, Path]] = []

    def _open(html: Path) -> Opened:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(5_000)
        result = Opened(page)

        def route(r: Any) -> None:
            result.requests.append(r.request.url)
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                r.abort()

        context.route("**/*", route)
        page.on("pageerror", lambda exc: result.errors.append(f"pageerror: {exc}"))
        page.on(
            "console",
            lambda msg: result.errors.append(f"console: {msg.text}") if msg.type == "error" else 0,
        )

        def on_dialog(dialog: Any) -> None:
            result.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(html.as_uri())
        page.wait_for_selector("html[data-ready=true]", timeout=10_000)
        opened.append((result, html))
        return result

    yield _open
    try:
        for result, html in opened:
            # nothing but the file itself was asked for: no CDN, no fonts, no beacons
            assert result.requests == [html.as_uri()], result.requests
            assert result.errors == []
            assert result.dialogs == []
    finally:
        for context in contexts:
            context.close()


def next_frame(page: Any) -> None:
    """Wait until the page has drawn the frames that pan and zoom schedule."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def world_classes(page: Any) -> set[str]:
    return set((page.locator("#world").get_attribute("class") or "").split())


def inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["x"] >= outer["x"]
        and inner["y"] >= outer["y"]
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
    )


# --- the samples ---------------------------------------------------------------------------


@pytest.mark.parametrize("sample", ["lean", "functional", "matrix", "divisional"])
def test_sample_opens_from_disk_with_every_position(
    tmp_path: Path, open_page: Callable[[Path], Opened], sample: str
) -> None:
    # written the way users write it: `orgdesign chart FILE -o FILE.html`
    html = tmp_path / f"{sample}.html"
    result = CliRunner().invoke(app, ["chart", str(SAMPLES / f"{sample}.yaml"), "-o", str(html)])
    assert result.exit_code == 0, result.output
    org, _ = api.load_org(SAMPLES / f"{sample}.yaml")
    assert org is not None
    ids = [p.id for p in org.positions]
    opened = open_page(html)
    page = opened.page
    assert sorted(opened.ids(".box")) == sorted(ids)
    assert page.title() == page.inner_text("#org-name")
    # every box is inside the window after the initial fit
    viewport = page.locator("#viewport").bounding_box()
    for pid in ids:
        assert inside(opened.box(pid).bounding_box(), viewport), pid
    # one solid line per position but the top one
    assert page.locator("#edges path.solid").count() == len(ids) - 1
    # the dotted-line switch only where there are dotted lines
    dotted = sum(len(p.dotted_to) for p in org.positions)
    assert page.locator("#edges path.dotted").count() == dotted
    assert page.locator("#dotted-label").is_visible() == (dotted > 0)
    shot(page, f"sample-{sample}")


LINE_MARKETERS = ["fragrance-mkt-exec", "lipstick-mkt-exec", "skincare-mkt-exec"]
"""The marketing executives of the three product lines of the matrix sample."""


@pytest.fixture
def matrix(tmp_path: Path, open_page: Callable[[Path], Opened]) -> Opened:
    """The matrix sample, opened from disk."""
    html, _ = build(tmp_path, SAMPLES / "matrix.yaml")
    return open_page(html)


# --- search --------------------------------------------------------------------------------


def test_search_highlights_matches_and_their_chain(matrix: Opened) -> None:
    opened, page = matrix, matrix.page
    # by holder
    page.fill("#search", "sophie laurent")
    assert opened.ids(".box.match") == ["brand-director"]
    assert sorted(opened.ids(".box.chain")) == ["ceo", "cmo"]
    assert page.inner_text("#search-count") == "1 match"
    assert "searching" in world_classes(page)
    assert page.locator("#edges path.chain").count() == 2  # ceo->cmo, cmo->brand-director
    # by title, several words in any order
    page.fill("#search", "executive marketing")
    assert sorted(opened.ids(".box.match")) == LINE_MARKETERS
    assert sorted(opened.ids(".box.chain")) == [
        "ceo",
        "fragrance-head",
        "fragrance-mkt",
        "lipstick-head",
        "lipstick-mkt",
        "skincare-head",
        "skincare-mkt",
    ]
    assert page.locator("#search-results li[data-focus]").count() == 3
    shot(page, "search-matrix")
    # by unit name, in the other language too
    page.fill("#search", "数字营销中心")
    assert sorted(opened.ids(".box.match")) == [
        "data-analyst",
        "data-manager",
        "digital-director",
        "media-manager",
    ]
    page.fill("#search", "许诺")
    assert opened.ids(".box.match") == ["brand-designer"]
    # picking a result selects and opens it
    page.click('#search-results li[data-focus="brand-designer"]')
    assert opened.ids(".box.selected") == ["brand-designer"]
    assert page.inner_text("#panel-title") == "Brand Designer"
    # clearing the search clears the highlight
    page.fill("#search", "")
    assert opened.ids(".box.match") == []
    assert opened.ids(".box.chain") == []
    assert "searching" not in world_classes(page)


def test_search_in_chinese_labels(tmp_path: Path, open_page: Callable[[Path], Opened]) -> None:
    html, _ = build(tmp_path, SAMPLES / "matrix.yaml", name="matrix-zh", lang="zh")
    opened = open_page(html)
    page = opened.page
    assert opened.box("cmo").locator(".title").inner_text() == "首席营销官"
    assert page.get_attribute("#search", "placeholder") == "搜索名称、职位或任职者…"
    page.fill("#search", "市场专员")
    assert sorted(opened.ids(".box.match")) == LINE_MARKETERS
    # the English title is still searchable
    page.fill("#search", "Chief Marketing Officer")
    assert opened.ids(".box.match") == ["cmo"]
    page.click('.box[data-id="lipstick-mkt"]')
    assert page.inner_text("#panel-title") == "口红产品线市场经理"
    assert "集团品牌总监" in page.inner_text("#panel .dotted-lines")
    # labels end in the full-width colon of Chinese text
    assert page.inner_text("#panel .escalation").startswith("仲裁人：")
    shot(page, "lang-zh")


# --- the role card panel -------------------------------------------------------------------


def test_click_a_box_opens_its_role_card(matrix: Opened) -> None:
    opened, page = matrix, matrix.page
    assert page.locator("#panel").is_hidden()
    opened.box("lipstick-mkt").click()
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert opened.ids(".box.selected") == ["lipstick-mkt"]
    assert page.inner_text("#panel-title") == "Lipstick Marketing Manager"
    assert page.inner_text("#panel .sub") == "Lipstick Line"
    assert panel.locator("dd.reports-to").inner_text() == "Lipstick Line General Manager · 赵敏"
    assert panel.locator("dd.holders").inner_text() == "孙悦"
    # the dotted manager and the priority rule that settles who decides what
    dotted = panel.locator(".dotted-lines")
    assert "Group Brand Director · Sophie Laurent" in dotted.inner_text()
    assert "has the final word on: Brand identity and messaging" in dotted.inner_text()
    assert dotted.locator(".rule-name").inner_text() == "Line results first, group brand on brand"
    brand = dotted.locator('tr[data-domain="brand"]').inner_text()
    assert "dotted line" in brand and "Group Brand Director" in brand
    results = dotted.locator('tr[data-domain="results"]').inner_text()
    assert "solid line" in results and "Lipstick Line General Manager" in results
    assert (
        dotted.locator(".escalation").inner_text()
        == "Escalation: Chief Executive Officer · Chen Jing"
    )
    # responsibilities by letter, with areas and KPIs
    letters = panel.locator(".letter-group").evaluate_all("els => els.map(e => e.dataset.letter)")
    assert letters == ["A", "R", "C"]
    accountable = panel.locator('.letter-group[data-letter="A"]')
    assert accountable.locator('.resp[data-responsibility="campaigns.execution"]').count() == 1
    assert "Share of voice" in accountable.inner_text()
    assert "Campaigns & conversion" in accountable.inner_text()
    assert (
        "Lipstick Marketing Executive · Cindy Luo, 王一然"
        in panel.locator(".direct-reports").inner_text()
    )
    shot(page, "panel-lipstick-mkt")
    # a link in the card moves to that position
    panel.locator('.dotted-lines button.link[data-focus="brand-director"]').first.click()
    assert opened.ids(".box.selected") == ["brand-director"]
    assert page.inner_text("#panel-title") == "Group Brand Director"
    assert "Lipstick Marketing Manager" in panel.locator(".dotted-reports").inner_text()
    # vacancies (after a fit: boxes far outside the window are not in the page)
    page.click("#fit")
    opened.box("fragrance-mkt").click()
    assert panel.locator("dd.holders").inner_text() == "Vacant"
    assert panel.locator("dd.seats").inner_text() == "1 · 1 vacant"
    page.click("#panel-close")
    assert panel.is_hidden()
    assert opened.ids(".box.selected") == []


def test_clicked_box_is_not_left_under_the_panel(matrix: Opened) -> None:
    opened, page = matrix, matrix.page
    opened.box("fragrance-mkt-exec").click()  # rightmost box
    box = opened.box("fragrance-mkt-exec").bounding_box()
    panel = page.locator("#panel").bounding_box()
    assert box["x"] + box["width"] <= panel["x"]


# --- collapse and expand -------------------------------------------------------------------


def test_collapse_and_expand_a_subtree(tmp_path: Path, open_page: Callable[[Path], Opened]) -> None:
    html, ids = build(tmp_path, SAMPLES / "matrix.yaml")
    opened = open_page(html)
    page = opened.page
    below_cmo = [
        "insight-manager",
        "brand-director",
        "brand-manager",
        "pr-manager",
        "brand-designer",
        "digital-director",
        "media-manager",
        "data-manager",
        "data-analyst",
    ]
    toggle = opened.box("cmo").locator(".toggle")
    assert toggle.inner_text() == "−"
    toggle.click()
    shown = set(opened.ids(".box"))
    assert shown == set(ids) - set(below_cmo)
    assert toggle.inner_text() == f"+{len(below_cmo)}"
    assert "collapsed" in (opened.box("cmo").get_attribute("class") or "")
    # lines into the hidden boxes are gone too, and the dotted lines from the brand director
    assert page.locator('#edges path[data-from="cmo"]').count() == 0
    assert page.locator("#edges path.dotted").count() == 0
    assert "14 shown" in page.inner_text("#status")
    shot(page, "collapsed-cmo")
    # the collapsed box did not move under the pointer
    toggle.click()
    assert set(opened.ids(".box")) == set(ids)
    assert toggle.inner_text() == "−"
    assert page.locator("#edges path.dotted").count() == 3
    # collapse everything, then expand everything
    page.click("#collapse-all")
    assert sorted(opened.ids(".box")) == sorted(
        ["ceo", "cmo", "lipstick-head", "skincare-head", "fragrance-head"]
    )
    page.click("#expand-all")
    assert set(opened.ids(".box")) == set(ids)


def test_dotted_lines_can_be_hidden(matrix: Opened) -> None:
    page = matrix.page
    dotted = page.locator("#edges path.dotted")
    assert dotted.count() == 3
    assert sorted(dotted.evaluate_all("els => els.map(e => e.dataset.to)")) == [
        "fragrance-mkt",
        "lipstick-mkt",
        "skincare-mkt",
    ]
    displayed = "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
    assert dotted.evaluate_all(displayed) == 3
    page.uncheck("#toggle-dotted")
    assert page.locator("#edges path.dotted").evaluate_all(displayed) == 0
    assert page.locator("#edges path.solid").evaluate_all(displayed) == 22
    shot(page, "dotted-hidden")
    page.check("#toggle-dotted")
    assert page.locator("#edges path.dotted").evaluate_all(displayed) == 3


# --- findings ------------------------------------------------------------------------------


def test_findings_show_as_badges_and_focus_their_box(
    tmp_path: Path, open_page: Callable[[Path], Opened]
) -> None:
    html, _ = build(tmp_path, GAPS_ORG, name="gaps", depth=2)
    opened = open_page(html)
    page = opened.page
    # depth 2: the top and its direct reports only; the findings sit deeper
    assert sorted(opened.ids(".box")) == ["brand-head", "ceo", "sales-head"]
    button = page.locator("#findings-button")
    assert button.inner_text() == "Findings (5)"
    assert "has-error" in (button.get_attribute("class") or "")
    button.click()
    items = page.locator("#findings-list li")
    assert items.count() == 5
    assert (items.first.text_content() or "").startswith("error DUAL301")  # errors first
    # the DUAL301 finding: clicking it opens the way down to the box and selects it
    items.first.click()
    box = opened.box("line-mkt")
    assert box.is_visible()
    assert opened.ids(".box.selected") == ["line-mkt"]
    badge = box.locator(".badge")
    assert badge.inner_text() == "1"
    assert "sev-error" in (badge.get_attribute("class") or "")
    assert "DUAL301" in (badge.get_attribute("title") or "")
    # focused: inside the chart area, clear of both panels
    rect = box.bounding_box()
    left = page.locator("#findings").bounding_box()
    right = page.locator("#panel").bounding_box()
    assert left["x"] + left["width"] <= rect["x"]
    assert rect["x"] + rect["width"] <= right["x"]
    assert inside(rect, page.locator("#viewport").bounding_box())
    assert page.inner_text("#panel-title") == "Trade Marketing Manager"
    assert "No priority rule decides between the lines." in page.inner_text("#panel")
    assert "DUAL301" in page.inner_text("#panel .card-findings")
    shot(page, "findings-dual301")
    # the ORG106 warning sits on key-accounts
    page.locator("#findings-list li", has_text="ORG106").click()
    assert opened.ids(".box.selected") == ["key-accounts"]
    assert "sev-warning" in (
        opened.box("key-accounts").locator(".badge").get_attribute("class") or ""
    )
    # organisation-wide findings are listed but have no box
    arch = page.locator("#findings-list li", has_text="ARCH401").first
    assert "nobox" in (arch.get_attribute("class") or "")
    assert "not on the chart" in arch.inner_text()
    arch.click()
    assert opened.ids(".box.selected") == ["key-accounts"]
    # filter by severity
    page.click('#findings-filter button[data-filter="error"]')
    assert page.locator("#findings-list li").count() == 1


# --- safety --------------------------------------------------------------------------------


def test_hostile_names_run_no_script(tmp_path: Path, open_page: Callable[[Path], Opened]) -> None:
    html, ids = build(tmp_path, XSS_ORG, name="xss")
    opened = open_page(html)
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert sorted(opened.ids(".box")) == sorted(ids)

    # the names are shown as the text they are (wrapped onto lines as in print)
    def shown(pid: str, part: str) -> str:
        return "".join(opened.box(pid).locator(part).inner_text().split())

    assert shown("ceo", ".title") == "<script>window.__pwned='script'</script>"
    assert shown("ceo", ".holders") == "<imgsrc=xonerror=\"window.__pwned='img'\">"
    assert shown("ops", ".title") == "{{SCRIPT}}<b>bold</b>"
    assert page.title() == "<script>window.__pwned = 'title'</script>Evil & Co"
    # no element was made from the data
    assert page.locator("#world img, #world b, #panel img, #world svg svg").count() == 0
    assert page.locator("script").count() == 2
    page.fill("#search", "script")
    page.click('.box[data-id="cmo"]')
    assert page.inner_text("#panel-title") == "</script><script>window.__pwned = 'close'</script>"
    assert page.locator("#panel img, #panel svg, #search-results img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "hostile-names")


# --- pan and zoom --------------------------------------------------------------------------


def test_pan_and_zoom(tmp_path: Path, open_page: Callable[[Path], Opened]) -> None:
    html, _ = build(tmp_path, SAMPLES / "functional.yaml")
    opened = open_page(html)
    page = opened.page

    def box_rect() -> dict[str, float]:
        rect: dict[str, float] = opened.box("mkt-director").bounding_box()
        return rect

    before = box_rect()
    page.click("#zoom-in")
    next_frame(page)
    zoomed = box_rect()
    assert zoomed["width"] == pytest.approx(before["width"] * 1.25, rel=0.02)
    # the wheel zooms around the pointer
    page.mouse.move(700, 500)
    page.mouse.wheel(0, 300)
    next_frame(page)
    assert box_rect()["width"] < zoomed["width"]
    # dragging the background pans and opens nothing
    start = box_rect()
    page.mouse.move(300, 800)
    page.mouse.down()
    page.mouse.move(360, 760, steps=5)
    page.mouse.up()
    next_frame(page)
    moved = box_rect()
    assert moved["x"] == pytest.approx(start["x"] + 60, abs=1)
    assert moved["y"] == pytest.approx(start["y"] - 40, abs=1)
    assert page.locator("#panel").is_hidden()
    # dragging that starts on a box pans too, without selecting it
    page.mouse.move(moved["x"] + 40, moved["y"] + 20)
    page.mouse.down()
    page.mouse.move(moved["x"] + 140, moved["y"] + 20, steps=5)
    page.mouse.up()
    next_frame(page)
    assert box_rect()["x"] == pytest.approx(moved["x"] + 100, abs=1)
    assert opened.ids(".box.selected") == []
    page.click("#fit")
    next_frame(page)
    assert box_rect() == pytest.approx(before, abs=1)


# --- a larger organisation ------------------------------------------------------------------


def test_large_org_opens_collapsed_and_search_reveals_deep_positions(
    tmp_path: Path, open_page: Callable[[Path], Opened]
) -> None:
    yaml_path = tmp_path / "org800.yaml"
    generate = [sys.executable, str(REPO / "bench" / "generate.py")]
    subprocess.run(
        [*generate, "--positions", "800", "--seed", "3", "-o", str(yaml_path)], check=True
    )
    html, ids = build(tmp_path, yaml_path)
    opened = open_page(html)
    page = opened.page
    status = page.inner_text("#status")
    assert status.startswith("800 positions")
    mounted = opened.ids(".box")
    assert 0 < len(mounted) < 300  # opened a few layers deep, not all 800 boxes
    deepest = ids[-1]
    assert deepest not in mounted
    title = page.evaluate(
        f"JSON.parse(document.getElementById('org-data').textContent)"
        f".positions.find(p => p.id === {deepest!r})"
    )
    page.fill("#search", title["id"])
    assert opened.ids(".box.match") == [deepest]  # a single match: its managers open
    page.keyboard.press("Enter")
    assert opened.ids(".box.selected") == [deepest]
    assert opened.box(deepest).is_visible()
    shot(page, "org800-search")
    # expand everything: the layout grows, but only boxes near the window are in the page
    page.fill("#search", "")
    page.click("#expand-all")
    assert "800 shown" in page.inner_text("#status")
    assert len(opened.ids(".box")) < 400


# --- the printed chart's layout, zoom and the first view (issue 12, issue 14 item 12) -------


def drawn_boxes(page: Any) -> dict[str, dict[str, float]]:
    """Bounding rectangles of the boxes in the page, by position id."""
    rects: dict[str, dict[str, float]] = page.eval_on_selector_all(
        ".box",
        "els => Object.fromEntries(els.map(e => { const r = e.getBoundingClientRect();"
        " return [e.dataset.id, {x: r.x, y: r.y, width: r.width, height: r.height}]; }))",
    )
    return rects


def layout_boxes(page: Any) -> dict[str, dict[str, float]]:
    boxes: dict[str, dict[str, float]] = page.evaluate(
        "Object.fromEntries(JSON.parse(document.getElementById('org-data').textContent)"
        ".drawing.boxes.map(b => [b.id, b]))"
    )
    return boxes


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def generated(tmp_path: Path, positions: int, seed: int = 5) -> Path:
    yaml_path = tmp_path / f"org{positions}.yaml"
    generate = [sys.executable, str(REPO / "bench" / "generate.py")]
    subprocess.run(
        [*generate, "--positions", str(positions), "--seed", str(seed), "-o", str(yaml_path)],
        check=True,
    )
    return yaml_path


def test_boxes_are_where_the_layout_puts_them(
    tmp_path: Path, open_page: Callable[[Path], Opened]
) -> None:
    html, ids = build(tmp_path, SAMPLES / "matrix.yaml")
    opened = open_page(html)
    page = opened.page
    drawn, laid = drawn_boxes(page), layout_boxes(page)
    assert set(drawn) == set(laid) == set(ids)
    # one scale and one shift take every layout box onto its box on screen
    k = drawn["ceo"]["width"] / laid["ceo"]["w"]
    dx = drawn["ceo"]["x"] - laid["ceo"]["x"] * k
    dy = drawn["ceo"]["y"] - laid["ceo"]["y"] * k
    for pid in ids:
        r, b = drawn[pid], laid[pid]
        assert r["x"] == pytest.approx(b["x"] * k + dx, abs=1.0), pid
        assert r["y"] == pytest.approx(b["y"] * k + dy, abs=1.0), pid
        assert r["width"] == pytest.approx(b["w"] * k, abs=1.0), pid
        assert r["height"] == pytest.approx(b["h"] * k, abs=1.0), pid
    # the unit colours of print: border and title band
    style = opened.box("cmo").evaluate(
        "e => [getComputedStyle(e).borderTopColor,"
        " getComputedStyle(e.querySelector('.band')).backgroundColor]"
    )
    hexes = [laid["cmo"]["stroke"], laid["cmo"]["fill"]]
    as_rgb = [f"rgb({int(h[1:3], 16)}, {int(h[3:5], 16)}, {int(h[5:7], 16)})" for h in hexes]
    assert style == as_rgb
    # frames and labels of the printed chart are drawn too
    assert page.locator("#edges .frames rect").count() > 0
    assert page.locator("#edges .label").count() == 3


@pytest.mark.parametrize("source", ["matrix", "generated"])
def test_plus_after_fit_zooms_about_the_centre_and_keeps_boxes_in_view(
    tmp_path: Path, open_page: Callable[[Path], Opened], source: str
) -> None:
    path = SAMPLES / "matrix.yaml" if source == "matrix" else generated(tmp_path, 300)
    html, _ = build(tmp_path, path)
    opened = open_page(html)
    page = opened.page
    viewport = page.locator("#viewport").bounding_box()
    cx = viewport["x"] + viewport["width"] / 2
    cy = viewport["y"] + viewport["height"] / 2
    page.click("#fit")
    next_frame(page)
    before = drawn_boxes(page)
    page.click("#zoom-in")
    next_frame(page)
    after = drawn_boxes(page)
    # about the centre of the window: every point moves away from it by the zoom factor
    for pid in set(before) & set(after):
        assert after[pid]["x"] - cx == pytest.approx((before[pid]["x"] - cx) * 1.25, abs=1.5)
        assert after[pid]["y"] - cy == pytest.approx((before[pid]["y"] - cy) * 1.25, abs=1.5)
    # zooming in all the way, with "+" and the button, never leaves the window empty
    for step in range(24):
        if step % 2:
            page.keyboard.press("+")
        else:
            page.click("#zoom-in")
        next_frame(page)
        rects = drawn_boxes(page).values()
        assert any(overlaps(r, viewport) for r in rects), step
    shot(page, f"zoomed-in-{source}")


def first_subtree(page: Any, rects: dict[str, dict[str, float]]) -> tuple[str, list[str]]:
    """The top's first report and the boxes of its subtree in the page."""
    data = page.evaluate("JSON.parse(document.getElementById('org-data').textContent).positions")
    parent = {p["id"]: p.get("parent") for p in data}
    top = next(pid for pid, up in parent.items() if up is None)
    first = next(pid for pid, up in parent.items() if up == top)

    def under(pid: str | None) -> bool:
        while pid is not None:
            if pid == first:
                return True
            pid = parent[pid]
        return False

    return first, [pid for pid in rects if under(pid)]


Rects = dict[str, dict[str, float]]


def first_view(
    tmp_path: Path, open_page: Callable[[Path], Opened], positions: int
) -> tuple[Opened, dict[str, float], Rects, Rects]:
    """A generated organisation opened as it first shows: the page, the viewport's box,
    the boxes drawn on screen and the boxes of the layout."""
    html, _ = build(tmp_path, generated(tmp_path, positions))
    opened = open_page(html)
    page = opened.page
    return opened, page.locator("#viewport").bounding_box(), drawn_boxes(page), layout_boxes(page)


def title_height(opened: Opened, pid: str) -> float:
    """Height on screen of the first line of a box's title, in px."""
    box = opened.box(pid).locator(".title .ln").first.bounding_box()
    return float(box["height"])


def test_first_view_shows_the_left_subtree_whole(
    tmp_path: Path, open_page: Callable[[Path], Opened]
) -> None:
    # 300 generated positions: too wide to fit readably, but the top's first subtree
    # fits from zoom 30% up, so it is shown whole, its left edge at the window's
    opened, viewport, rects, laid = first_view(tmp_path, open_page, 300)
    leftmost = min(rects, key=lambda pid: laid[pid]["x"])
    assert inside(rects[leftmost], viewport), leftmost
    first, subtree = first_subtree(opened.page, rects)
    assert len(subtree) > 10
    assert [pid for pid in subtree if not inside(rects[pid], viewport)] == []
    # not shrunk to nothing: a 9-pt title is at least 2.7 px tall (zoom 30%)
    assert title_height(opened, first) >= 2.6
    shot(opened.page, "first-view-300")


def test_first_view_of_a_very_wide_chart_starts_readable_at_its_left_edge(
    tmp_path: Path, open_page: Callable[[Path], Opened]
) -> None:
    # 800 generated positions: even two layers of the first subtree are wider than the
    # window at 30%; the first view is readable and starts at the chart's top-left corner
    opened, viewport, rects, laid = first_view(tmp_path, open_page, 800)
    page = opened.page
    leftmost = min(laid, key=lambda pid: laid[pid]["x"])
    topmost = min(laid, key=lambda pid: laid[pid]["y"])
    assert leftmost in rects and inside(rects[leftmost], viewport), leftmost
    in_view = [pid for pid, r in rects.items() if inside(r, viewport)]
    assert len(in_view) >= 20
    # the top row is at the top of the window (the top box itself may be to the right)
    k = rects[leftmost]["width"] / laid[leftmost]["w"]
    top_y = rects[leftmost]["y"] + (laid[topmost]["y"] - laid[leftmost]["y"]) * k
    assert viewport["y"] <= top_y <= viewport["y"] + 60
    assert title_height(opened, leftmost) >= 5
    shot(page, "first-view-800")
