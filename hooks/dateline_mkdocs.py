"""MkDocs adapter for Dateline: the only place that knows MkDocs events.

Each event hands MkDocs' objects to the core (src/dateline) and its results back. Not named
dateline.py: MkDocs puts hooks/ first on sys.path to load a hook, and it would shadow the package.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from dateline.compact import CompactTemplates
from dateline.content import load_days
from dateline.halves import Half, fork_in_two
from dateline.incremental import CompiledTemplates, IndexWhileRendering, Kept, SearchWriter, keep_pages, watch_by_events
from dateline.language import language
from dateline.markup import configure_markdown, listing_renderer
from dateline.meta import write_sitemap_gzip
from dateline.model import Chronicle, Settings
from dateline.related import RelatedIndex
from dateline.settings import SettingsError, read_settings
from dateline.site import NO_SITE_URL, EditorsLinks, PagePlan, SitePlan, plan_site

log = logging.getLogger("mkdocs.plugins.dateline")


@dataclass
class _Build:
    """Everything one build knows; made anew in on_config, so `mkdocs serve` starts clean."""

    settings: Settings
    render: Callable[[str], str]
    chronicle: Chronicle = field(default_factory=lambda: Chronicle(()))
    plan: SitePlan | None = None
    pages: dict[str, PagePlan] = field(default_factory=dict)  # by src_uri: the generated pages
    files: Files | None = None
    waited: list[IndexWhileRendering | Half] = field(default_factory=list)  # by on_post_build: see there
    tab_slugs: frozenset[str] = frozenset()  # every section slug of every day: tab ids
    rendering_tabs: bool = False  # the page being rendered shows a day's tabs


_build: _Build | None = None
_command: str = "build"
_dirty: bool = False  # `mkdocs serve --dirty` (make serve): a rebuild writes only what changed
_kept, _search, _templates = Kept(), SearchWriter(log), CompiledTemplates()  # outlive a build: incremental.py


class _Unchanged(File):
    """A generated file whose output in site_dir is up to date: a dirty build skips it."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty and command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).resolve().parent
    try:
        extra: Any = config.extra
        settings = read_settings(extra.get("dateline"), root, config.theme["language"])
    except SettingsError as e:
        raise PluginError(f"Dateline settings in {config.config_file_path}:\n{e}") from None
    if _command == "serve":
        # Drafts and problems are shown while an editor previews with `mkdocs serve`, never in a build.
        settings = replace(settings, show_drafts=True, preview=True)
    config.theme["language"] = settings.language  # Material's own words follow the site's language
    _build = build = _Build(settings=settings, render=str)
    # The current build's: one's Markdown outlives it in cycles, and would keep all it planned.
    is_tab = lambda slug: _build is not None and _build.rendering_tabs and slug in _build.tab_slugs  # noqa: E731
    configure_markdown(config.markdown_extensions, config.mdx_configs, settings, is_tab)
    listing = listing_renderer(config.markdown_extensions, config.mdx_configs)  # a listing's day texts, kept
    build.render = _kept.rendering(listing, [config.config_file_path])  # while mkdocs.yml is unchanged
    EditorsLinks.follow(logging.getLogger("mkdocs.structure.pages"), build.pages)  # name the day files
    if _dirty:  # the theme's files listed once, while the overrides hold the same
        _kept.list_theme_once(config.theme)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    chronicle = _kept.keep_days(load_days(build.settings))
    for problem in chronicle.problems:  # warnings fail `mkdocs build --strict`; notes are for the record
        (log.info if problem.severity == "note" else log.warning)(str(problem))
    build.chronicle = chronicle
    build.waited = [] if _dirty else [IndexWhileRendering(chronicle, build.settings, Path(config.site_dir))]
    related = RelatedIndex.build(chronicle, build.settings, keep=_dirty)
    build.tab_slugs = frozenset(s.slug for day in chronicle.days for s in day.sections)
    if not config.site_url:
        log.warning(NO_SITE_URL)
    build.plan = plan = plan_site(chronicle, build.settings, related, build.render, config.site_url or "")
    shown = [config.config_file_path, config.docs_dir, config.theme.custom_dir or ""]
    anew = _dirty and _kept.begin(shown, build.settings, plan, build.tab_slugs)  # if so, all is rebuilt
    written = {f.url: f for f in files.documentation_pages()}  # a hand-written page wins at its URL
    for f in written.values() if anew else ():
        Path(f.abs_dest_path).unlink(missing_ok=True)  # its navigation may have changed: rebuilt
    new = lambda s, same: (_Unchanged if same else File).generated(config, s.src_uri, content=s.markdown)  # noqa: E731
    for spec in plan.pages:  # a page is rebuilt only if what it is made from changed:
        file = _kept.file(spec, new, _dirty)
        if file.url in written:
            log.info(f"{written[file.url].src_uri}: a hand-written page replaces the generated {file.url}")
            continue
        if spec.nav is None:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)
        build.pages[spec.src_uri] = spec
    for path, text in plan.files.items():
        same = _dirty and _kept.same_file(path, text)
        files.append((_Unchanged if same else File).generated(config, path, content=text))
    if _dirty:
        log.info(f"Dateline: {len(_kept.rebuilt):,} of {len(plan.pages):,} pages to build")
    build.files = files
    if config.nav is None:  # left to MkDocs, the navigation would list every day (DESIGN.md §3)
        tabs: list[Any] = [{p.nav: p.src_uri} for p in build.plan.pages if p.nav and p.src_uri in build.pages]
        config.nav = tabs + [f.src_uri for f in files.documentation_pages() if f.src_uri not in build.pages]
    return files


class _Listing(Page):
    """Hack: MkDocs sets up a Python-Markdown (~2 ms) even for a page with no Markdown, as most
    generated pages are (a listing is all template); on_page_markdown makes them these."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        markdown = self.markdown or ""
        kept = _kept.made_of(self.file.src_uri, markdown)  # under `make serve`: its view alone changed
        if not markdown.strip():
            self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()
        elif kept is not None:
            self.content, self.toc, self._title_from_render, self.present_anchor_ids = kept
        else:
            super().render(config, files)
            made = (self.content, self.toc, self._title_from_render, self.present_anchor_ids)
            _kept.keep_made(self.file.src_uri, markdown, made, _dirty and not self.links_to_anchors)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    build = _current()
    language(build.settings.language).install(env)  # _("…") in overrides/: the site's catalogue
    env.add_extension(CompactTemplates)  # templates load without their indentation
    env.bytecode_cache = _templates  # compiled once per `mkdocs serve`
    keep_pages(files)  # MkDocs asks for them six times more
    if build.plan is not None:
        env.globals["dateline_site"] = build.plan.site
    pages = [f.page for f in files.documentation_pages() if f.page is not None] if _dirty else []
    for page in pages:  # one not rebuilt keeps its meta (sitemap)
        if isinstance(page.file, _Unchanged):
            page.meta = _kept.meta.get(page.file.src_uri, {})
    if pages and _kept.same_sitemap(pages, Path(config.site_dir, "sitemap.xml")):
        config.theme.static_templates.discard("sitemap.xml")  # it lists the pages as they are
    if _command != "serve" and (half := fork_in_two()) is not None:  # every other page made on the other core
        build.waited.append(_halve(files, config, half))
    return env


def _halve(files: Files, config: MkDocsConfig, half: Half) -> Half:
    """Hack (halves.py): only MkDocs' page loop asks for pages with inclusion=; the fork writes nothing else."""
    every = files.documentation_pages
    mine = every()[half.number :: 2]
    files.documentation_pages = lambda *, inclusion=None: every() if inclusion is None else mine  # type: ignore[method-assign]
    if half.number == 1:
        config.theme.static_templates.clear()
        config.extra_templates.clear()
        for file in files.static_pages():
            file.inclusion = InclusionLevel.EXCLUDED
    return half


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    spec = build.pages.get(page.file.src_uri)
    build.rendering_tabs = spec is not None and spec.tabs
    if spec is not None:
        page.meta = {**spec.meta, **page.meta}
        page.__class__ = _Listing
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    spec = _current().pages.get(page.file.src_uri)
    if spec is not None:
        context["dateline"] = _kept.views.pop(spec.src_uri, None) or spec.view()
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _kept.written(page.file.src_uri, page.meta)
    page.content = page.markdown = None  # written: 46,000 pages' HTML and Markdown are not held to the end
    if isinstance(page, _Listing) and not isinstance(page.file, _Unchanged):  # a later build may use it
        page.file.content_string = ""
    return output


def on_post_build(config: MkDocsConfig) -> None:
    build, site_dir = _current(), Path(config.site_dir)
    try:  # waited for: the search index (under `make serve`, written later), the second process's pages
        for done in build.waited:
            done.finish(log)
    except RuntimeError as e:
        raise PluginError(f"Dateline: {e}") from None
    for path in _kept.sweep(site_dir, {f.abs_dest_path for f in build.files or ()}) if _dirty else ():
        log.info(f"Dateline: removed {path}: no longer in the site")
    if _dirty:
        _search.write(build.chronicle, build.settings, site_dir)
    if "sitemap.xml" in config.theme.static_templates:
        write_sitemap_gzip(site_dir)


def on_shutdown() -> None:
    _search.close()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    build = _current()
    watch_by_events(server, build.settings.root / build.settings.content_dir, log)  # the day files too

    def guarded(rebuild: Callable[[], None] = server.builder) -> None:
        # Hack: a rebuild that raises leaves MkDocs' server stuck; this catches what the core's guards miss.
        try:
            with _kept.rebuilding():
                rebuild()
        except Exception as e:
            log.error(f"Dateline: the rebuild failed ({type(e).__name__}: {e}); the last pages stay served")

    server.builder = guarded
    return server


def _current() -> _Build:
    if _build is None:
        raise PluginError("Dateline: on_config has not run")
    return _build
