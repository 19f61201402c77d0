"""MkDocs adapter for Dateline: the only place that knows MkDocs events.

Each event hands MkDocs' objects to the core (src/dateline) and its results back to MkDocs.
Not named dateline.py: MkDocs puts hooks/ first on sys.path while loading a hook, and a hook of
that name would shadow the `dateline` package it imports.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions import toc
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from dateline.content import day_markdown, load_days, slugify
from dateline.counting import format_number
from dateline.model import Chronicle, Day, Settings
from dateline.pages import day_view, home_view
from dateline.related import RelatedIndex
from dateline.search import write_search_index
from dateline.settings import SettingsError, read_settings

log = logging.getLogger("mkdocs.plugins.dateline")


@dataclass
class _Build:
    """Everything one build knows; made anew in on_config, so `mkdocs serve` starts clean."""

    settings: Settings
    chronicle: Chronicle = field(default_factory=lambda: Chronicle(()))
    days_by_uri: dict[str, Day] = field(default_factory=dict)
    related: RelatedIndex | None = None
    home_uri: str | None = None
    tab_slugs: frozenset[str] = frozenset()  # every section slug of every day: tab ids
    rendering_tabs: bool = False  # the page being rendered shows a day's tabs


_build: _Build | None = None
_command: str = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).resolve().parent
    try:
        extra: Any = config.extra
        settings = read_settings(extra.get("dateline"), root)
    except SettingsError as e:
        raise PluginError(f"Dateline settings in {config.config_file_path}:\n{e}") from None
    if _command == "serve":
        # Drafts are shown while an editor previews with `mkdocs serve`, never in a build.
        settings = replace(settings, show_drafts=True)
    _build = _Build(settings=settings)
    _configure_tabs(config, settings)
    _configure_headings(config, _build)
    return config


def _configure_tabs(config: MkDocsConfig, settings: Settings) -> None:
    """Sections are Material content tabs whose ids are the section slugs (`#peace-plan`).

    attr_list marks each tab's print-and-no-JavaScript heading (see content.day_markdown).
    """
    slugs = {s.name: s.slug for s in settings.sections}

    def tab_slug(text: str, sep: str) -> str:
        return slugs.get(text) or slugify(text)

    for extension in ("attr_list", "pymdownx.tabbed"):
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    options = config.mdx_configs.setdefault("pymdownx.tabbed", {})
    options.update(alternate_style=True, slugify=tab_slug)


def _configure_headings(config: MkDocsConfig, build: _Build) -> None:
    """On a day's page, a heading never takes a tab's id: `### Peace plan` inside the Fighting
    tab would otherwise be `#peace-plan`, and the Peace plan tab `#peace-plan_1`, so a shared
    link to the tab would open the wrong one. Heading ids are made before tab ids."""
    options = config.mdx_configs.setdefault("toc", {})
    base: Callable[[str, str], str] = options.get("slugify", toc.slugify)

    def heading_slug(text: str, sep: str) -> str:
        slug = base(text, sep)
        return f"{slug}{sep}heading" if build.rendering_tabs and slug in build.tab_slugs else slug

    options["slugify"] = heading_slug


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    settings = build.settings
    chronicle = load_days(settings)
    for problem in chronicle.problems:
        # Warnings make `mkdocs build --strict` fail; notes are for the record only.
        (log.info if problem.severity == "note" else log.warning)(str(problem))
    build.chronicle = chronicle
    build.related = RelatedIndex.build(chronicle, settings)
    build.tab_slugs = frozenset(s.slug for day in chronicle.days for s in day.sections)
    # A hand-written page wins over a generated one at the same URL, whatever its file name.
    written = {f.url: f for f in files.documentation_pages()}
    for day in chronicle.days:
        page = _generated(config, day.src_uri, _day_page(day, chronicle))
        if page.url in written:
            log.info(f"{written[page.url].src_uri}: a hand-written page replaces the day page of {day.path}")
            continue
        files.append(page)
        build.days_by_uri[day.src_uri] = day
    home = _generated(config, "index.md", "")
    if home.url not in written:
        if chronicle.days:
            markdown = day_markdown(chronicle.days[-1], chronicle, "index.md")
        else:
            markdown = f"# {config.site_name}\n\nNo day has been published yet.\n"
        home.content_string = _page_source({}, markdown)
        files.append(home)
        build.home_uri = "index.md"
    if config.nav is None:
        # Left to MkDocs, the navigation would list every day, on every page (DESIGN.md §3).
        config.nav = [f.src_uri for f in files.documentation_pages() if f.src_uri not in build.days_by_uri]
    return files


def _generated(config: MkDocsConfig, src_uri: str, content: str) -> File:
    file = File.generated(config, src_uri, content=content)
    file.inclusion = InclusionLevel.NOT_IN_NAV
    return file


def _day_page(day: Day, chronicle: Chronicle) -> str:
    meta: dict[str, Any] = {"title": f"Day {format_number(day.number)}" + (f": {day.title}" if day.title else "")}
    if day.summary:
        meta["description"] = day.summary
    return _page_source(meta, day_markdown(day, chronicle, day.src_uri))


def _page_source(meta: dict[str, Any], markdown: str) -> str:
    meta = {"hide": ["toc"], **meta}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{markdown}"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    build.rendering_tabs = page.file.src_uri in build.days_by_uri or page.file.src_uri == build.home_uri
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    build = _current()
    uri = page.file.src_uri
    if uri in build.days_by_uri:
        context["dateline_day"] = day_view(build.days_by_uri[uri], build.chronicle, build.settings, build.related)
    elif uri == build.home_uri and build.chronicle.days:
        context["dateline_home"] = home_view(build.chronicle, build.settings)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    build = _current()
    write_search_index(build.chronicle, build.settings, Path(config.site_dir))


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    build = _current()
    server.watch(str(build.settings.root / build.settings.content_dir))
    return server


def _current() -> _Build:
    if _build is None:
        raise PluginError("Dateline: on_config has not run")
    return _build
