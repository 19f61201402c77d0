"""Reader quality gates: every page a reader can reach passes judges we did not write.

Valid HTML (the W3C Nu Html Checker), accessible (axe-core, light and dark), no broken links,
readable on a phone, readable without JavaScript, complete in print.

A new kind of page joins every gate with one line in PAGE_KINDS (and one in UK_PAGE_KINDS where
its URL differs there). The slow judges (Java, a browser) look at one sample of each kind; the
link check reads every built page. Every gate runs on each example site: the English one and the
Ukrainian one (examples/uk).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import ARTIFACTS, PHONE, ROOT, UK_ROOT, BuiltSite, OpenPage, build, make_project, serve_folder
from conftest import settle as _settle
from quality_judges import (
    AXE_GATE,
    AXE_RUN,
    INSTALL_HINT,
    VNU_JAR,
    HtmlError,
    LinkChecker,
    axe_source,
    check_html,
    describe_violations,
    normalise,
    page_file,
    pdf_text,
)
from quality_material import (
    MATERIAL_COPIES,
    OVERRIDES,
    SPRITE,
    SPRITE_ICONS,
    MaterialCopy,
    body,
    material_templates,
    render_copy,
    render_icon,
    render_sprite,
)

# Every kind of page a reader can reach, with the URL of one of them in the English example.
PAGE_KINDS: dict[str, str] = {
    "home": "",
    "day": "2025/11/26/",
    "about": "about/",
    "editors": "editors/",
    "404": "404.html",
    "archive": "archive/",
    "year": "2025/",
    "month": "2025/11/",
    "topics": "topics/",
    "topic": "topics/fighting/",
    "tags": "tags/",
    "tag": "tags/witkoff/",
    "gap": "2025/11/03/",
    "names": "names/",
    "name": "names/kupiansk/",
}
# The same kinds in the Ukrainian example: Cyrillic slugs, and its own gap date.
UK_PAGE_KINDS: dict[str, str] = {
    **PAGE_KINDS,
    "topic": "topics/фронт/",
    "tag": "tags/віткофф/",
    "gap": "2025/11/22/",
    "name": "names/покровськ/",
}
# Pages that only send the reader on (a meta refresh): no reader reads them, so the browser
# gates judge the page they land on; the HTML checker and the link check judge them as they are.
REDIRECT_KINDS: dict[str, str] = {"day number": "day/1371/"}

# Pages with tabs are also judged at their widest: the day with the most sections.
BUSIEST_DAY = "day with most sections"
SAMPLES = [*PAGE_KINDS, BUSIEST_DAY]

SCHEMES = {"light": "default", "dark": "slate"}  # what the reader's system asks for -> Material's scheme
MIN_TEXT_PX = 16

# Text a reader must be able to read on every page (tab labels are controls, judged apart).
TEXT_BLOCKS = ".md-content :is(h1, h2, h3, h4, h5, h6, p, li, blockquote, dt, dd, td, th, figcaption)"
_DAY_PAGE = re.compile(r"^\d{4}/\d{2}/\d{2}/index\.html$")


@dataclass(frozen=True)
class Example:
    """An example site of the repository, as the gates judge it."""

    name: str
    root: Path  # the folder of its mkdocs.yml
    fixture: str  # the conftest fixture that builds it
    kinds: dict[str, str]
    pages: int  # it has more pages than this: the whole-site gates did look at every one
    labels: dict[str, str]  # the words the gates click: the nav's home and about, the palette's toggle

    @property
    def published_url(self) -> str:
        """Its mkdocs.yml's site_url: where it is published. Read as a line: the file may hold
        MkDocs' !!python tags (the uk site's heading slugify), which a safe YAML loader refuses."""
        text = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        found = re.search(r"^site_url:\s*(\S+)\s*$", text, re.MULTILINE)
        assert found, f"{self.root}/mkdocs.yml has no site_url"
        return found.group(1)


EXAMPLES = [
    Example("en", ROOT, "example_site", PAGE_KINDS, 100, {
        "home": "Latest", "about": "About",
        "light": "Switch to light mode", "dark": "Switch to dark mode", "system": "Switch to system preference",
    }),
    Example("uk", UK_ROOT, "uk_site", UK_PAGE_KINDS, 80, {
        "home": "Останнє", "about": "Про сайт",
        "light": "Увімкнути світлу тему", "dark": "Увімкнути темну тему", "system": "Як у системі",
    }),
]  # fmt: skip


@pytest.fixture(scope="session", params=EXAMPLES, ids=[e.name for e in EXAMPLES])
def example(request: pytest.FixtureRequest) -> Example:
    """Each example site in turn: every gate below runs on each."""
    assert isinstance(request.param, Example)
    return request.param


@pytest.fixture(scope="session")
def built(example: Example, request: pytest.FixtureRequest) -> BuiltSite:
    """The example, built with --strict (once per session, shared with the other tests)."""
    site = request.getfixturevalue(example.fixture)
    assert isinstance(site, BuiltSite)
    return site


@pytest.fixture(scope="session")
def site_url(example: Example, built: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example under judgement over HTTP on 127.0.0.1 (here, not conftest's English site alone),
    at the path of its site_url (/uk/ for the Ukrainian one), as it is published: the 404 page's
    links are absolute, since it is served at any URL."""
    path = urlsplit(example.published_url).path.strip("/")
    folder = built.site
    if path:
        folder = tmp_path_factory.mktemp("served")
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).symlink_to(built.site, target_is_directory=True)
    with serve_folder(folder) as url:
        yield url + (f"{path}/" if path else "")


@pytest.fixture(scope="session")
def samples(example: Example, built: BuiltSite) -> dict[str, str]:
    """Each sample's URL in the example site."""
    site = built.site
    missing = [kind for kind, url in example.kinds.items() if not page_file(site, url).is_file()]
    assert not missing, f"page kinds missing from the {example.name} example: {missing}"
    days = [p for p in site.rglob("index.html") if _DAY_PAGE.match(p.relative_to(site).as_posix())]
    assert days, "the example site has no day pages"
    busiest = max(days, key=lambda p: (p.read_text(encoding="utf-8").count('class="tabbed-block"'), p))
    return {**example.kinds, BUSIEST_DAY: busiest.parent.relative_to(site).as_posix() + "/"}


# -- our copies of Material's templates stay Material's, plus our fixes ------------------------


@pytest.mark.parametrize("copy", MATERIAL_COPIES, ids=lambda c: c.path)
def test_material_copies_are_material_plus_our_fixes(copy: MaterialCopy) -> None:
    ours = (OVERRIDES / copy.path).read_text(encoding="utf-8")
    assert body(ours) == body(render_copy(copy)), (
        f"overrides/{copy.path} is no longer {material_templates() / copy.path} plus our fixes: "
        "run '.venv/bin/python tests/quality_material.py' and review the diff"
    )


def test_the_icons_sprite_holds_materials_icons() -> None:
    """Every page draws the header's icons from one cached sprite of Material's own paths."""
    assert (OVERRIDES / SPRITE).read_text(encoding="utf-8") == render_sprite(), "run tests/quality_material.py"
    for icon in SPRITE_ICONS:
        assert (OVERRIDES / ".icons" / f"{icon}.svg").read_text(encoding="utf-8") == render_icon(icon)


def test_every_page_draws_the_header_icons_from_the_sprite(example_site: BuiltSite) -> None:
    sprite = ET.fromstring((example_site.site / SPRITE).read_text(encoding="utf-8"))
    symbols = {s.get("id") for s in sprite}
    for page in sorted(example_site.site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        uses = re.findall(r'<use href="([^"#]*)#([^"]+)"', html)
        if 'http-equiv="refresh"' in html:
            continue  # /day/N/: a redirect, without the site's header
        assert len(uses) >= 5, page  # the logo twice, search, the palette's toggles
        for href, symbol in uses:
            target = example_site.site / href.lstrip("/") if href.startswith("/") else page.parent / href
            assert symbol in symbols and target.resolve() == (example_site.site / SPRITE).resolve(), page


def test_every_pages_tabs_and_drawer_link_as_mkdocs_links_them(example_site: BuiltSite) -> None:
    """The tabs and drawer are made once for the pages that link the navigation alike
    (compact.py dateline_shared): every page still gets exactly the links MkDocs makes for it
    ("../" from /topics/fighting/ to /topics/, "../../topics/" from /names/kyiv/)."""
    from mkdocs.utils import get_relative_url

    nav = ["", "archive/", "topics/", "tags/", "names/", "editors/", "about/"]
    checked = 0
    for page in sorted(example_site.site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="md-tabs"' not in html:
            continue
        url = page.parent.relative_to(example_site.site).as_posix() + "/"
        url = "" if url == "./" else url
        want = [get_relative_url(target, url) if url else (target or ".") for target in nav]
        tabs = re.findall(r'<a href="([^"]*)" class="md-tabs__link', html)
        drawer = [h for h in re.findall(r'<a href="([^"]*)" class="md-nav__link', html) if h[:1] != "#"]
        assert (tabs, drawer) == (want, want), url
        checked += 1
    assert checked > 120  # all but the redirects


# -- valid HTML: the W3C Nu Html Checker -------------------------------------------------------

# Material's own two faults, which the checker reports on a plain Material site.
KNOWN_BAD_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Known bad</title></head>
<body><input type="checkbox" id="t" autocomplete="off"><label for="t" tabindex="">t</label></body></html>
"""


@pytest.fixture(scope="session")
def sections_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A site whose navigation has a section, as the example's will once it has archives: Material
    gives the open section's label an empty tabindex, which is invalid HTML."""
    day = "---\ntitle: A day\n---\n\n## Fighting\n\nShelling.\n\n## Peace plan\n\nTalks.\n"
    root = make_project(
        tmp_path_factory.mktemp("sections"),
        {"2025/11/2025-11-26.md": day},
        docs={"year-2025.md": "# 2025\n\nThe year.\n", "year-2024.md": "# 2024\n\nThe year before.\n"},
    )
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [{"Today": "index.md"}, {"Archive": ["year-2025.md", "year-2024.md"]}, {"About": "about.md"}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = build(root, "--strict")
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def html_errors(
    example: Example, built: BuiltSite, sections_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[HtmlError]]:
    """The checker's errors for each page kind, the sections site and a known-bad page: one Java run."""
    bad = tmp_path_factory.mktemp("bad") / "known-bad.html"
    bad.write_text(KNOWN_BAD_HTML, encoding="utf-8")
    files = {kind: page_file(built.site, url) for kind, url in {**example.kinds, **REDIRECT_KINDS}.items()}
    every = sorted(built.site.rglob("*.html"))
    files.update({f"page {p.relative_to(built.site)}": p for p in every})
    files["nav section"] = page_file(sections_site.site, "year-2025/")
    files["known bad"] = bad
    errors = check_html(dict.fromkeys(files.values()))
    return {name: errors[file.resolve()] for name, file in files.items()}


def test_html_checker_catches_a_known_fault(html_errors: dict[str, list[HtmlError]]) -> None:
    messages = "\n".join(map(str, html_errors["known bad"]))
    assert "autocomplete" in messages and "tabindex" in messages, messages


@pytest.mark.parametrize("kind", [*PAGE_KINDS, *REDIRECT_KINDS])
def test_page_kind_is_valid_html(kind: str, html_errors: dict[str, list[HtmlError]]) -> None:
    errors = html_errors[kind]
    assert not errors, f"{len(errors)} HTML errors on the {kind} page:\n" + "\n".join(map(str, errors))


def test_every_page_of_the_example_is_valid_html(
    example: Example, built: BuiltSite, html_errors: dict[str, list[HtmlError]]
) -> None:
    """A sample per kind misses variants (a day with sub-headings, a tag with one day): all pages."""
    pages = [name for name in html_errors if name.startswith("page ")]
    assert len(pages) == len(list(built.site.rglob("*.html"))) > example.pages
    bad = {name: errors for name in pages if (errors := html_errors[name])}
    report = "\n".join(f"{name}: {e}" for name, errors in bad.items() for e in errors[:3])
    assert not bad, f"HTML errors on {len(bad)} of {len(pages)} pages:\n{report}"


# The checker's warnings are gated too: "more than one h1", "an article without a heading" are
# what a reader of a screen reader's outline meets. A second run, without --errors-only.
KNOWN_WARNING_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Known warning</title></head>
<body><main><h1>One</h1><article><p>No heading here.</p></article></main></body></html>
"""


def _html_warnings(files: list[Path]) -> dict[Path, list[HtmlError]]:
    java = shutil.which("java")
    assert java, f"Java is missing, and the Nu Html Checker runs on it: {INSTALL_HINT}"
    assert VNU_JAR.exists(), f"{VNU_JAR.relative_to(ROOT)} is missing: {INSTALL_HINT}"
    files = [f.resolve() for f in files]
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(proc.stdout)
    warnings: dict[Path, list[HtmlError]] = {f: [] for f in files}
    for message in report["messages"]:
        if message["type"] == "info" and message.get("subType") == "warning":
            file = Path(unquote(urlsplit(message.get("url", "")).path))
            warnings.setdefault(file, []).append(
                HtmlError(file, message.get("lastLine", 0), message["message"], message.get("extract", ""))
            )
    return warnings


@pytest.fixture(scope="session")
def html_warnings(built: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[HtmlError]]:
    """The checker's warnings for every page of the example and a known-bad page: one Java run."""
    known = tmp_path_factory.mktemp("warn") / "known-warning.html"
    known.write_text(KNOWN_WARNING_HTML, encoding="utf-8")
    files = {f"page {p.relative_to(built.site)}": p for p in sorted(built.site.rglob("*.html"))}
    files["known warning"] = known
    warnings = _html_warnings(list(files.values()))
    return {name: warnings[file.resolve()] for name, file in files.items()}


def test_html_checker_warns_of_a_known_fault(html_warnings: dict[str, list[HtmlError]]) -> None:
    messages = "\n".join(map(str, html_warnings["known warning"]))
    assert "Article lacks heading" in messages, messages


def test_every_page_of_the_example_has_no_html_warning(
    example: Example, built: BuiltSite, html_warnings: dict[str, list[HtmlError]], figures: dict[str, str]
) -> None:
    pages = [name for name in html_warnings if name.startswith("page ")]
    assert len(pages) == len(list(built.site.rglob("*.html"))) > example.pages
    bad = {name: warnings for name in pages if (warnings := html_warnings[name])}
    figures[f"vnu warnings, all pages, {example.name}"] = (
        f"{sum(map(len, bad.values()))} on {len(bad)} of {len(pages)} pages"
    )
    report = "\n".join(f"{name}: {w}" for name, warnings in bad.items() for w in warnings[:3])
    assert not bad, f"HTML warnings on {len(bad)} of {len(pages)} pages:\n{report}"


def test_navigation_section_is_valid_html(sections_site: BuiltSite, html_errors: dict[str, list[HtmlError]]) -> None:
    assert "md-nav__item--section" in sections_site.html("year-2025/"), "no open section to judge"
    errors = html_errors["nav section"]
    assert not errors, "\n".join(map(str, errors))


# -- links: every internal link, anchor and asset on every page ----------------------------------


def test_link_checker_catches_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top-of-a">A</h1><img src="../missing.png">', encoding="utf-8")
    (tmp_path / "style.css").write_text("body { background: url(gone.svg) }", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="style.css"><a href="a/">ok</a> <a href="a/#top-of-a">ok</a>'
        ' <a href="https://example.org/b/#x">elsewhere</a> <a href="javascript:void(0)">script</a>'
        ' <a href="https://site.test/base/a/">ours, absolute</a>'
        ' <a href="b/">missing page</a> <a href="a/#nowhere">missing anchor</a>',
        encoding="utf-8",
    )
    problems = LinkChecker(tmp_path, "https://site.test/base/").check_site()
    assert sorted(f"{p.url} {p.reason}" for p in problems) == [
        "../missing.png no file missing.png",
        "a/#nowhere no id 'nowhere' in a/index.html",
        "b/ no file b/index.html",
        "gone.svg no file gone.svg",
    ]


def test_every_internal_link_resolves(example: Example, built: BuiltSite) -> None:
    checker = LinkChecker(built.site, example.published_url)
    problems = checker.check_site()
    # It did look: at every page, and at Material's dozens of links on each.
    assert len(checker.pages) == len(list(built.site.rglob("*.html"))) > example.pages
    assert sum(len(page.links) for page in checker.pages.values()) > 10 * len(checker.pages)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(map(str, problems))


# -- in a real browser -----------------------------------------------------------------------------


def _axe(page: Page) -> list[dict[str, object]]:
    page.add_script_tag(content=axe_source())
    violations: list[dict[str, object]] = page.evaluate(AXE_RUN)
    return [v for v in violations if v["impact"] in AXE_GATE]


# -- accessible: axe-core, in light and dark ---------------------------------------------------


@pytest.mark.browser
def test_axe_catches_a_known_fault(page: Page) -> None:
    page.set_content(
        '<html lang="en"><body><main><p style="color:#999;background:#aaa">faint</p>'
        '<div role="dialog"></div><img src="x.png"></main></body></html>'
    )
    found = {v["id"] for v in _axe(page)}
    assert {"color-contrast", "aria-dialog-name", "image-alt"} <= found, found


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_kind_is_accessible(
    kind: str, scheme: str, open_page: OpenPage, site_url: str, samples: dict[str, str]
) -> None:
    page = open_page(site_url + samples[kind], scheme=scheme)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    _settle(page)
    violations = _axe(page)
    assert not violations, f"axe on the {kind} page, {scheme}:\n{describe_violations(violations)}"


@pytest.mark.browser
def test_palette_follows_the_system_and_offers_light_and_dark(
    example: Example, open_page: OpenPage, site_url: str
) -> None:
    for system, scheme in SCHEMES.items():
        page = open_page(site_url + example.kinds["day"], scheme=system)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    # The toggle goes system -> light -> dark -> system; here the system asks for dark.
    body = page.locator("body")
    toggle = page.locator("form[data-md-component=palette] label:visible")
    for name, scheme, media in [
        ("light", "default", "(prefers-color-scheme: light)"),
        ("dark", "slate", "(prefers-color-scheme: dark)"),
        ("system", "slate", "(prefers-color-scheme)"),
        ("light", "default", "(prefers-color-scheme: light)"),
    ]:
        expect(toggle).to_have_attribute("title", example.labels[name])
        toggle.click()
        expect(body).to_have_attribute("data-md-color-scheme", scheme)
        expect(body).to_have_attribute("data-md-color-media", media)
    # The reader's choice holds on the next page.
    page.goto(site_url + example.kinds["about"])
    expect(body).to_have_attribute("data-md-color-scheme", "default")


@pytest.mark.browser
def test_tabs_work_by_keyboard_alone(page: Page, site_url: str, samples: dict[str, str]) -> None:
    page.goto(site_url + samples[BUSIEST_DAY])
    tabs = page.locator(".dl-day__body .tabbed-set").first
    radios = tabs.locator(":scope > input")
    blocks = tabs.locator(":scope > .tabbed-content > .tabbed-block")
    count = radios.count()
    assert count >= 3, f"{samples[BUSIEST_DAY]} has {count} tabs: too few to judge"
    bar = "getComputedStyle(document.querySelector('.dl-day__body .tabbed-labels'), '::before').backgroundColor"
    unfocused = page.evaluate(bar)
    for _ in range(40):  # from the top of the page, Tab until the selected tab has the focus
        page.keyboard.press("Tab")
        if radios.nth(0).evaluate("radio => radio === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the first section tab")
    # The focus shows: the bar under the tabs takes the accent colour (after a short transition).
    page.wait_for_function(f"{bar} !== {unfocused!r}", timeout=2_000)
    for i in range(1, count):
        page.keyboard.press("ArrowRight")
        expect(blocks.nth(i)).to_be_visible()
        expect(blocks.nth(i - 1)).to_be_hidden()
    page.keyboard.press("ArrowRight")  # and round, as in any radio group
    expect(blocks.nth(0)).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(blocks.nth(count - 1)).to_be_visible()
    # Tab leaves the tabs for what follows them.
    page.keyboard.press("Tab")
    assert radios.evaluate_all("radios => !radios.includes(document.activeElement)")


# -- readable on a phone -----------------------------------------------------------------------

SMALL_TEXT = """min => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const element = walker.currentNode.parentElement;
    if (!text || !element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const box = element.getBoundingClientRect();
    // Not on the screen at all, like a closed drawer.
    if (box.width === 0 || box.height === 0 || box.right <= 0 || box.left >= innerWidth) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < min) small.push(`${size}px <${element.tagName.toLowerCase()} class="${element.className}">: ${text}`);
  }
  return small;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("kind", SAMPLES)
def test_page_kind_reads_on_a_phone(kind: str, open_page: OpenPage, site_url: str, samples: dict[str, str]) -> None:
    page = open_page(site_url + samples[kind], phone=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.mouse.wheel(400, 0)
    assert width <= PHONE["width"] and page.evaluate("window.scrollX") == 0, f"scrolls sideways: {width}px wide"
    small = page.evaluate(SMALL_TEXT, MIN_TEXT_PX)
    assert not small, f"text under {MIN_TEXT_PX}px on a phone:\n" + "\n".join(small)
    # Every tab can be brought into view and opened (a tab bar wider than the phone scrolls).
    for tabs in page.locator(".md-content .tabbed-set").all():
        blocks = tabs.locator(":scope > .tabbed-content > .tabbed-block")
        for i, label in enumerate(tabs.locator(":scope > .tabbed-labels > label").all()):
            label.click()
            expect(blocks.nth(i)).to_be_visible()
            box = label.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"tab {i} off screen: {box}"


@pytest.mark.browser
@pytest.mark.parametrize("js", [True, False], ids=["javascript", "no javascript"])
def test_navigation_reachable_on_a_phone(js: bool, example: Example, open_page: OpenPage, site_url: str) -> None:
    page = open_page(site_url + example.kinds["about"], phone=True, js=js)
    page.locator("label.md-header__button[for=__drawer]").click()
    items = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item")
    assert items.count() >= 2
    for item in items.all():
        expect(item).to_be_in_viewport()
    small = page.evaluate(SMALL_TEXT, MIN_TEXT_PX)
    assert not small, f"text under {MIN_TEXT_PX}px with the drawer open:\n" + "\n".join(small)
    items.locator("> a.md-nav__link").filter(has_text=example.labels["home"]).click()
    expect(page).to_have_url(site_url)


@pytest.mark.browser
def test_screenshots_of_a_day(example: Example, open_page: OpenPage, site_url: str) -> None:
    """For people to look at, in test-artifacts/ (uk-day-phone.png for the Ukrainian example); the
    English phone one is the README's picture (.github/screenshot-day-phone.png: copy it there
    when the look changes)."""
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = "" if example.name == "en" else f"{example.name}-"
    for name, phone in [(f"{prefix}day-phone.png", True), (f"{prefix}day-desktop.png", False)]:
        page = open_page(site_url + example.kinds["day"], phone=phone)
        page.screenshot(path=ARTIFACTS / name)
        assert (ARTIFACTS / name).stat().st_size > 10_000
    readme = ROOT / ".github" / "screenshot-day-phone.png"
    assert readme.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{readme} is not a PNG"


# -- typography: a news page, not a docs page --------------------------------------------------

# What a reader's eye meets on a day page, measured from computed styles: the headline against
# every other visible text, the longest line of body text in characters (each character's box
# tells its line), and the tab labels' size and boxes.
TYPOGRAPHY = """() => {
  const visible = e => e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const font = e => {
    const s = getComputedStyle(e);
    return {size: parseFloat(s.fontSize), weight: parseInt(s.fontWeight, 10)};
  };
  const headline = document.querySelector('.md-content h1 .dl-day__title');
  const rivals = [];
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) {
    const node = texts.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !visible(element) || headline.contains(element)) continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // clipped for screen readers only
    rivals.push({...font(element), text: `<${element.tagName.toLowerCase()} class="${element.className}">` +
      node.textContent.trim().slice(0, 50)});
  }
  const paragraphs = [...document.querySelectorAll('.dl-day__body .tabbed-block > p:not(.dl-section-heading)')]
    .filter(visible);
  let longest = 0;
  for (const paragraph of paragraphs) {
    const lines = new Map();
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box) lines.set(Math.round(box.bottom), (lines.get(Math.round(box.bottom)) || 0) + 1);
      }
    }
    longest = Math.max(longest, ...lines.values());
  }
  const labels = [...document.querySelectorAll('.dl-day__body .tabbed-labels > label')].map(label => {
    const box = label.getBoundingClientRect();
    return {text: label.textContent, size: font(label).size, left: box.left, right: box.right, visible: visible(label)};
  });
  return {headline: font(headline), rivals, longest, paragraphs: paragraphs.length,
          body: paragraphs.length ? font(paragraphs[0]).size : 0, labels, width: innerWidth};
}"""
MAX_LINE_CHARACTERS = 80


@pytest.mark.browser
@pytest.mark.parametrize("sample", ["day", BUSIEST_DAY])
def test_a_day_page_is_set_as_news(
    sample: str, open_page: OpenPage, site_url: str, samples: dict[str, str], figures: dict[str, str]
) -> None:
    for phone in (False, True):
        page = open_page(site_url + samples[sample], phone=phone)
        found = page.evaluate(TYPOGRAPHY)
        where = f"{samples[sample]} at {found['width']} px"
        headline, rivals = found["headline"], found["rivals"]
        # The headline leads: no other text as large, none heavier.
        bigger = [r for r in rivals if r["size"] >= headline["size"] or r["weight"] > headline["weight"]]
        assert not bigger, f"{where}: text as large or heavier than the headline {headline}:\n" + "\n".join(
            f"{r['size']}px {r['weight']} {r['text']}" for r in bigger
        )
        assert found["paragraphs"] >= 2, f"{where}: no body text found"
        labels = found["labels"]
        assert len(labels) >= 2 and all(label["visible"] for label in labels), labels
        small = [label for label in labels if label["size"] < found["body"]]
        assert not small, f"{where}: tab labels smaller than the {found['body']}px body text: {small}"
        if phone:  # every tab in view, without scrolling the tab bar
            out = [label for label in labels if label["left"] < 0 or label["right"] > PHONE["width"]]
            assert not out, f"{where}: tabs off the screen: {out}"
        else:
            assert found["longest"] <= MAX_LINE_CHARACTERS, f"{where}: lines of {found['longest']} characters"
        largest = max(rivals, key=lambda r: (r["size"], r["weight"]))
        figures[f"typography, {sample}, {found['width']} px"] = (
            f"headline {headline['size']}px/{headline['weight']}; "
            f"next largest {largest['size']}px/{largest['weight']}; "
            f"body {found['body']}px, longest line {found['longest']} characters; "
            f"tab labels {min(label['size'] for label in labels)}px"
        )


# -- without JavaScript, and in print ----------------------------------------------------------

TEXT_OF_BLOCKS = f"""() => [...document.querySelectorAll({TEXT_BLOCKS!r})].map(e => [
  `<${{e.tagName.toLowerCase()}} class="${{e.className}}">`,
  e.checkVisibility({{visibilityProperty: true}}),
  e.innerText,
])"""


def _hidden(blocks: list[tuple[str, bool, str]]) -> list[str]:
    return [f"{where}: {normalise(text)[:80]}" for where, visible, text in blocks if not visible]


@pytest.mark.browser
@pytest.mark.parametrize("kind", SAMPLES)
def test_page_kind_reads_without_javascript(
    kind: str, example: Example, open_page: OpenPage, site_url: str, samples: dict[str, str]
) -> None:
    page = open_page(site_url + samples[kind], js=False)
    assert page.evaluate("document.documentElement.classList.contains('no-js')")
    blocks = page.evaluate(TEXT_OF_BLOCKS)
    assert blocks, "no text found"
    hidden = _hidden(blocks)
    assert not hidden, "text hidden without JavaScript:\n" + "\n".join(hidden)
    for block in page.locator(".md-content .tabbed-block").all():
        expect(block).to_be_visible()
    # The navigation is plain links: the header's tabs lead to every top-level page.
    tabs = page.locator(".md-tabs__link")
    assert tabs.count() >= 2
    tabs.filter(has_text=example.labels["about"]).click()
    expect(page).to_have_url(site_url + example.kinds["about"])


@pytest.mark.browser
@pytest.mark.parametrize("kind", SAMPLES)
def test_page_kind_prints_in_full(
    kind: str, open_page: OpenPage, site_url: str, samples: dict[str, str], tmp_path: Path
) -> None:
    page = open_page(site_url + samples[kind])
    page.emulate_media(media="print")
    blocks = page.evaluate(TEXT_OF_BLOCKS)
    hidden = _hidden(blocks)
    assert not hidden, "text hidden in print:\n" + "\n".join(hidden)
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf))
    # Compared without spaces: a PDF's spaces follow its layout (the padding around code adds one).
    printed = _squash(pdf_text(pdf))
    missing = [f"{where}: {normalise(text)[:80]}" for where, _, text in blocks if _squash(text) not in printed]
    assert not missing, f"not in the printed {kind} page:\n" + "\n".join(missing)
    if kind in ("day", BUSIEST_DAY):  # every section is there, under its own name
        sections = page.locator(".dl-day__body .tabbed-labels > label").all_text_contents()
        assert len(sections) >= 2 and all(_squash(name) in printed for name in sections), sections


def _squash(text: str) -> str:
    # Hyphens too: pdftotext joins a word hyphenated at a line's end ("#peace-" "plan") without one.
    return "".join(normalise(text).replace("-", "").split())
