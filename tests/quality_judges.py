"""The judges of the reader quality gates, none of them ours: the W3C Nu Html Checker (Java),
axe-core (injected into Chromium), Python's own HTML parser for links, and poppler's
pdftotext for print. This module runs them and turns their answers into readable problems;
tests/test_quality.py decides what passes.

A missing judge is a failure with the command that installs it, never a skip.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
INSTALL_HINT = "run 'make quality-tools' (scripts/ensure-quality-tools)"


def page_file(site: Path, url: str) -> Path:
    """The file a reader gets at `url` ("" for the home page, "about/", "404.html")."""
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


# -- the W3C Nu Html Checker ----------------------------------------------------------------


@dataclass(frozen=True)
class HtmlError:
    file: Path
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file.name}:{self.line}: {self.message}\n    {self.extract.strip()}"


def check_html(files: Iterable[Path]) -> dict[Path, list[HtmlError]]:
    """Every error the Nu Html Checker finds in these files, in one Java run (it starts slowly)."""
    files = [f.resolve() for f in files]
    java = shutil.which("java")
    assert java, f"Java is missing, and the Nu Html Checker runs on it: {INSTALL_HINT}"
    assert VNU_JAR.exists(), f"{VNU_JAR.relative_to(ROOT)} is missing: {INSTALL_HINT}"
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(f"the Nu Html Checker gave no report (exit {proc.returncode}): {proc.stderr}") from error
    errors: dict[Path, list[HtmlError]] = {f: [] for f in files}
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        file = Path(unquote(urlsplit(message.get("url", "")).path))
        errors.setdefault(file, []).append(
            HtmlError(file, message.get("lastLine", 0), message["message"], message.get("extract", ""))
        )
    return errors


# -- links, anchors and assets --------------------------------------------------------------

# Attributes that point a reader's browser somewhere (srcset is split apart below).
_URL_ATTRIBUTES = {"href", "src", "poster", "srcset", "action", "data"}
# Schemes that name no file on our site: a script action, a mail or phone link, inline data.
_NOT_FILES = ("javascript:", "mailto:", "tel:", "data:")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@dataclass
class ParsedPage:
    links: list[tuple[int, str, str]]  # (line, tag.attribute, url)
    ids: set[str]


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage([], set())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)
            elif name in _URL_ATTRIBUTES:
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                self.page.links.extend((line, f"{tag}.{name}", url.strip()) for url in urls)

    handle_startendtag = handle_starttag


def parse_page(path: Path) -> ParsedPage:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


@dataclass(frozen=True)
class BrokenLink:
    page: str
    line: int
    where: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.where}={self.url!r}: {self.reason}"


class LinkChecker:
    """Resolves every internal link of a built site the way a static host serves it."""

    def __init__(self, site: Path, site_url: str) -> None:
        self.site = site
        self.base = site_url if site_url.endswith("/") else site_url + "/"
        self.pages: dict[Path, ParsedPage] = {}
        self._stylesheets: set[Path] = set()

    def parsed(self, path: Path) -> ParsedPage:
        if path not in self.pages:
            self.pages[path] = parse_page(path)
        return self.pages[path]

    def target(self, url: str) -> tuple[Path | None, str]:
        """The file an absolute URL names, or None if it is not on this site; and its fragment."""
        parts = urlsplit(url)
        base = urlsplit(self.base)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(base.path):
            return None, ""
        path = unquote(parts.path[len(base.path) :])
        file = self.site / path
        if path == "" or path.endswith("/") or file.is_dir():
            file = file / "index.html"
        return file, unquote(parts.fragment)

    def check_url(self, page: str, line: int, where: str, url: str, page_url: str) -> Iterator[BrokenLink]:
        if url.startswith(_NOT_FILES):
            return
        file, fragment = self.target(urljoin(page_url, url))
        if file is None:
            return  # another site: this check needs no network
        if not file.is_file():
            yield BrokenLink(page, line, where, url, f"no file {file.relative_to(self.site)}")
        elif fragment and file.suffix == ".html" and fragment not in self.parsed(file).ids:
            yield BrokenLink(page, line, where, url, f"no id {fragment!r} in {file.relative_to(self.site)}")

    def check_page(self, path: Path) -> Iterator[BrokenLink]:
        rel = path.relative_to(self.site).as_posix()
        page_url = self.base + (rel.removesuffix("index.html"))
        for line, where, url in self.parsed(path).links:
            yield from self.check_url(rel, line, where, url, page_url)
            # A stylesheet of ours may point on to images and fonts: those must resolve too.
            if where == "link.href" and url.split("?")[0].endswith(".css"):
                css, _ = self.target(urljoin(page_url, url))
                if css is not None and css.is_file() and css not in self._stylesheets:
                    self._stylesheets.add(css)
                    yield from self.check_stylesheet(css)

    def check_stylesheet(self, css: Path) -> Iterator[BrokenLink]:
        rel = css.relative_to(self.site).as_posix()
        for number, text in enumerate(css.read_text(encoding="utf-8").splitlines(), start=1):
            for match in _CSS_URL.finditer(text):
                if not match.group(2).startswith("#"):  # an SVG filter or mask in the same document
                    yield from self.check_url(rel, number, "css.url", match.group(2), self.base + rel)

    def check_site(self) -> list[BrokenLink]:
        problems = {str(p): p for path in sorted(self.site.rglob("*.html")) for p in self.check_page(path)}
        problems.update({str(p): p for p in self.check_search_index()})
        return list(problems.values())

    def check_search_index(self) -> Iterator[BrokenLink]:
        """Search results are links a reader follows: every day in the Pagefind index, and each
        of its sections' tabs (the links the search dialog makes), resolves."""
        for fragment in sorted((self.site / "pagefind" / "fragment").glob("*.pf_fragment")):
            rel = fragment.relative_to(self.site).as_posix()
            record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
            url = record["url"].lstrip("/")  # relative to the site's root, as Pagefind keeps it
            yield from self.check_url(rel, 1, "url", url, self.base)
            for slug, _name, _start in json.loads(record["meta"].get("sections", "[]")):
                yield from self.check_url(rel, 1, "meta.sections", f"{url}#{slug}", self.base)


# -- text, as a reader gets it ---------------------------------------------------------------


def normalise(text: str) -> str:
    """Text compared across renderings: ligatures undone, soft hyphens gone, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return " ".join(text.split())


def pdf_text(pdf: Path) -> str:
    """The text of a PDF as poppler's pdftotext reads it."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, f"pdftotext (poppler-utils) is missing: {INSTALL_HINT}"
    proc = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


# -- axe-core ----------------------------------------------------------------------------------

# What a reader meets: violations axe rates critical or serious fail the gate.
AXE_GATE = ("critical", "serious")

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\\s+/g, " ")),
  }));
}"""


@functools.cache
def axe_source() -> str:
    assert AXE_JS.exists(), f"{AXE_JS.relative_to(ROOT)} is missing: {INSTALL_HINT}"
    return AXE_JS.read_text(encoding="utf-8")


def describe_violations(violations: list[dict[str, object]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        nodes = v["nodes"]
        assert isinstance(nodes, list)
        lines.extend(f"    {node[:300]}" for node in nodes[:8])
    return "\n".join(lines)
