"""Markdown -> HTML for a day's text shown outside its own page (a topic's listing), with the
site's Markdown extensions. Plain Python-Markdown: the hook hands over mkdocs.yml's settings."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any

import markdown
from markdown.extensions import toc

from dateline.content import slugify
from dateline.language import language
from dateline.model import Settings


def listing_renderer(extensions: list[Any], configs: dict[str, Any]) -> Callable[[str], str]:
    """No heading ids (one page shows many days' sub-headings); footnote ids unique per text.

    The HTML of a text depends on the text alone, never on the texts rendered before it, so a
    page rebuilt under `mkdocs serve` is the page a cold build makes (see incremental.py)."""
    extensions = [e for e in extensions if e != "toc"]
    configs = {k: v for k, v in configs.items() if k in extensions}
    configs["footnotes"] = {**configs.get("footnotes", {}), "UNIQUE_IDS": True}
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    notes = next((e for e in md.registeredExtensions if hasattr(e, "unique_prefix")), None)

    def render(text: str) -> str:
        md.reset()
        if notes is not None:
            # Hack: Python-Markdown numbers footnote ids by how many texts it converted before.
            notes.unique_prefix = zlib.crc32(text.encode())
        return md.convert(text)

    return render


def configure_markdown(
    extensions: list[Any], configs: dict[str, Any], settings: Settings, is_tab: Callable[[str], bool]
) -> None:
    """mkdocs.yml's Markdown settings (`markdown_extensions`, `mdx_configs`), made ready for days:
    sections are Material's content tabs with the sections' slugs as ids; headings keep off them
    where `is_tab(slug)` says a tab has that id."""
    for extension in ("attr_list", "pymdownx.tabbed"):
        if extension not in extensions:
            extensions.append(extension)
    configs.setdefault("pymdownx.tabbed", {}).update(tab_options(settings))
    options = configs.setdefault("toc", {})
    options.setdefault("permalink_title", permalink_title(settings))
    options["slugify"] = heading_slugify(options.get("slugify", toc.slugify), is_tab)


def tab_options(settings: Settings) -> dict[str, Any]:
    """pymdownx.tabbed's options: a section's tab id is its configured slug (`#peace-plan`),
    else its name slugified (any script: `#війна`). attr_list marks each tab's print-and-no-
    JavaScript heading (see content.day_markdown)."""
    slugs = {s.name: s.slug for s in settings.sections}

    def tab_slug(text: str, sep: str) -> str:
        return slugs.get(text) or slugify(text)

    return {"alternate_style": True, "slugify": tab_slug}


def heading_slugify(base: Callable[[str, str], str], is_tab: Callable[[str], bool]) -> Callable[[str, str], str]:
    """On a day's page, a heading never takes a tab's id: `### Peace plan` inside the Fighting
    tab would otherwise be `#peace-plan`, and the Peace plan tab `#peace-plan_1`, so a shared
    link to the tab would open the wrong one. Heading ids are made before tab ids."""

    def heading_slug(text: str, sep: str) -> str:
        slug = base(text, sep)
        return f"{slug}{sep}heading" if is_tab(slug) else slug

    return heading_slug


def permalink_title(settings: Settings) -> str:
    """The title of a heading's ¶ link (toc's permalink_title), in the site's language."""
    return language(settings.language).gettext("Permanent link")
