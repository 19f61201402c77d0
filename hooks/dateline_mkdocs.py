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

import markdown
from jinja2 import Environment
from markdown.extensions import toc
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from dateline.content import load_days, slugify
from dateline.meta import write_sitemap_gzip
from dateline.model import Chronicle, Settings
from dateline.related import RelatedIndex
from dateline.search import write_search_index
from dateline.settings import SettingsError, read_settings
from dateline.site import PagePlan, SitePlan, plan_site

log = logging.getLogger("mkdocs.plugins.dateline")


@dataclass
class _Build:
    """Everything one build knows; made anew in on_config, so `mkdocs serve` starts clean."""

    settings: Settings
    render: Callable[[str], str]
    chronicle: Chronicle = field(default_factory=lambda: Chronicle(()))
    plan: SitePlan | None = None
    pages: dict[str, PagePlan] = field(default_factory=dict)  # by src_uri: the generated pages
    tab_slugs: frozenset[str] = frozenset()  # every section slug of every day: tab ids
    rendering_tabs: bool = False  # the page being rendered shows a day's tabs
    said: set[str] = field(default_factory=set)  # MkDocs' link messages already logged


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
        # Drafts and problems are shown while an editor previews with `mkdocs serve`, never in a build.
        settings = replace(settings, show_drafts=True, preview=True)
    _configure_tabs(config, settings)
    _build = _Build(settings=settings, render=_renderer(config))
    _configure_headings(config, _build)
    pages_log = logging.getLogger("mkdocs.structure.pages")
    if not any(isinstance(f, _EditorsLinks) for f in pages_log.filters):
        pages_log.addFilter(_EditorsLinks())
    return config


class _EditorsLinks(logging.Filter):
    """Hack: MkDocs checks the links of the pages we generate and names our generated file
    ("Doc file '2025/11/28.md' …"); an editor must read the file they wrote. The message is
    rewritten to name the day file, and said once though the home page shows the same day."""

    def filter(self, record: logging.LogRecord) -> bool:
        build, message = _build, record.getMessage()
        if build is None or not message.startswith("Doc file '"):
            return True
        src_uri, _, rest = message[len("Doc file '") :].partition("'")
        spec = build.pages.get(src_uri)
        if spec is None or spec.source is None:
            return True
        record.msg, record.args = f"{spec.source}: {rest.strip()}", ()
        said = record.msg.partition(", but")[0]  # the home page resolves the same link elsewhere
        if said in build.said:
            return False
        build.said.add(said)
        return True


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


def _renderer(config: MkDocsConfig) -> Callable[[str], str]:
    """Markdown -> HTML with the site's extensions, for a day's text shown on a listing page.

    No heading ids (one page shows many days' sub-headings), footnote ids unique per text."""
    extensions = [e for e in config.markdown_extensions if e != "toc"]
    configs = {k: v for k, v in config.mdx_configs.items() if k in extensions}
    configs["footnotes"] = {**configs.get("footnotes", {}), "UNIQUE_IDS": True}
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)

    def render(text: str) -> str:
        return md.reset().convert(text)

    return render


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    chronicle = load_days(build.settings)
    for problem in chronicle.problems:
        # Warnings make `mkdocs build --strict` fail; notes are for the record only.
        (log.info if problem.severity == "note" else log.warning)(str(problem))
    build.chronicle = chronicle
    related = RelatedIndex.build(chronicle, build.settings)
    build.tab_slugs = frozenset(s.slug for day in chronicle.days for s in day.sections)
    if not config.site_url:
        log.warning(
            "mkdocs.yml has no site_url: no feeds, and no absolute canonical URLs or sitemap;"
            " set it to the site's address, e.g. site_url: https://<user>.github.io/<repository>/"
        )
    build.plan = plan_site(chronicle, build.settings, related, build.render, config.site_url or "")
    # A hand-written page wins over a generated one at the same URL, whatever its file name.
    written = {f.url: f for f in files.documentation_pages()}
    for spec in build.plan.pages:
        file = File.generated(config, spec.src_uri, content=spec.markdown)
        if file.url in written:
            log.info(f"{written[file.url].src_uri}: a hand-written page replaces the generated {file.url}")
            continue
        if spec.nav is None:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)
        build.pages[spec.src_uri] = spec
    for path, text in build.plan.files.items():
        files.append(File.generated(config, path, content=text))
    if config.nav is None:
        # Left to MkDocs, the navigation would list every day, on every page (DESIGN.md §3).
        tabs: list[Any] = [{p.nav: p.src_uri} for p in build.plan.pages if p.nav and p.src_uri in build.pages]
        config.nav = tabs + [f.src_uri for f in files.documentation_pages() if f.src_uri not in build.pages]
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    build = _current()
    if build.plan is not None:
        env.globals["dateline_site"] = build.plan.site
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    spec = build.pages.get(page.file.src_uri)
    build.rendering_tabs = spec is not None and spec.tabs
    if spec is not None:
        page.meta = {**spec.meta, **page.meta}
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    spec = _current().pages.get(page.file.src_uri)
    if spec is not None:
        context["dateline"] = spec.view()
    return context


def on_post_build(config: MkDocsConfig) -> None:
    build = _current()
    try:
        write_search_index(build.chronicle, build.settings, Path(config.site_dir))
    except (OSError, RuntimeError) as e:  # no Pagefind binary here, or it stopped answering
        raise PluginError(f"Dateline: the search index could not be written: {e}") from None
    write_sitemap_gzip(Path(config.site_dir))


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    build = _current()
    server.watch(str(build.settings.root / build.settings.content_dir))
    rebuild = server.builder

    def guarded() -> None:
        # Hack: a rebuild that raises leaves MkDocs' server waiting for it forever; the core
        # guards every known killer, this catches what slips through and keeps serving.
        try:
            rebuild()
        except Exception as e:
            log.error(f"Dateline: the rebuild failed ({type(e).__name__}: {e}); the last pages stay served")

    server.builder = guarded
    return server


def _current() -> _Build:
    if _build is None:
        raise PluginError("Dateline: on_config has not run")
    return _build
