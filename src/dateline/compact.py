"""Templates without their indentation: a page's bytes are its reader's, not the template's.

Material's and our templates are indented for their authors; every generated page repeated
that indentation and the blank line each `{% if %}` or `{% set %}` left behind (a fifth of a
day page's markup was whitespace). This drops, in the template source as it is loaded, each
line's leading blanks, and the line end of a line holding only template tags. The rendered
values (a day's HTML, with its `<pre>` blocks) are not touched, nor is any line end between
two lines of text, so no two words come together. Jinja's own trim_blocks would also drop the
line end after a tag that ends a line of text ("2024{% endif %}" + "Next" → "2024Next").
What a macro writes is trimmed too: its call stands on a line of its own, whose line end stays.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context
from markupsafe import Markup

# A line of tags that write nothing themselves ("{% if x %}", "{%- endfor %}{# … #}").
_QUIET_TAGS = "if|elif|else|endif|for|endfor|set|endset|import|from|macro|endmacro|block|endblock|extends|with|endwith"
_QUIET = rf"\{{%-?\s*(?:{_QUIET_TAGS})\b(?:(?!%\}}).)*%\}}"
_TAGS_ONLY = re.compile(rf"^(?:{_QUIET}|\{{#(?:(?!#\}}).)*#\}})+$")
_STRIPS_BEFORE = ("{%-", "{{-", "{#-")
_STRIPS_AFTER = ("-%}", "-}}", "-#}")
# A macro's body, between its tags: what a call returns, without the line ends around it.
_MACRO = re.compile(r"\{%-?\s*macro\b(?:(?!%\}).)*%\}", re.DOTALL)
_ENDMACRO = re.compile(r"\{%-?\s*endmacro\b(?:(?!%\}).)*%\}")


def compact_template(source: str) -> str:
    out = []
    ended = False  # the text so far ends with a line end that no `-` strips
    *lines, last = source.split("\n")
    for line in lines:
        line = line.lstrip(" \t")
        if line.startswith(_STRIPS_BEFORE):
            ended = False
        if ended and _TAGS_ONLY.match(line.rstrip()):
            out.append(line)  # its line end goes; the one before it stands
        else:
            out.append(line + "\n")
            ended = not line.rstrip().endswith(_STRIPS_AFTER)
    out.append(last.lstrip(" \t"))
    return _trim_macros("".join(out))


def _trim_macros(source: str) -> str:
    """Each macro's output without the line ends around it: a call on a line of its own
    ("{{ render(item) }}") wrote the line end after `{% macro … %}` and the one before
    `{% endmacro %}` as well as its own, a blank line each in Material's navigation and tabs.
    (A call that writes nothing still leaves its own.) Spaces stay: a macro called between two
    words keeps them apart."""
    source = _MACRO.sub(lambda m: m[0] + '{% filter trim("\\n") %}', source)  # line ends only: not a space
    return _ENDMACRO.sub(lambda m: "{% endfilter %}" + m[0], source)


class CompactTemplates(Extension):
    """Add to a Jinja environment before its templates load (MkDocs' on_env). It also installs
    `dateline_shared` (below)."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        install_shared(environment)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return compact_template(source)


# -- the site's chrome, made once for the pages that share it -----------------------------------

# Material's partials that, on a page outside the navigation (every day, listing and name page),
# depend only on the build's navigation and on the page's relative URLs to its entries (and to
# the assets): the header tabs, the drawer's navigation, the palette toggles and search. Made
# for each of 7,000 pages, they were a tenth of a build; base.html asks for them through `dateline_shared(name)` (see
# tests/quality_material.py).
SHARED = (
    "partials/tabs.html",
    "partials/nav.html",
    "partials/palette.html",
    "partials/javascripts/palette.html",
    "partials/dateline-search.html",
)


def install_shared(env: Environment) -> None:
    """Gives `env` the global `dateline_shared(name)`: the include `{% include name %}`, made
    once per build for the pages outside the navigation that link its entries and assets by the
    same relative URLs (all days of a month, say: "../../../archive/"), and every time for a page
    in it (its tab is active, and its drawer holds its table of contents)."""
    made: dict[tuple[str, ...], Markup] = {}
    built_for: list[object] = [None]  # the navigation the fragments were made with
    links: list[Any] = [None, ()]  # the page last asked for, and its links to the navigation

    @pass_context
    def dateline_shared(context: Context, name: str) -> Markup:
        if name not in SHARED:
            raise ValueError(f"{name} is not a fragment every page shares")
        nav, page = context.get("nav"), context.get("page")
        url = env.filters["url"]  # the engine's own (MkDocs'): the links each page gets
        template = env.get_template(name, parent=context.name)
        if nav is None or page is None or page in nav.pages:
            return Markup(template.render(context.get_all()))
        if nav is not built_for[0]:  # a new build, or a new navigation under `mkdocs serve`
            made.clear()
            built_for[0] = nav
        if links[0] is not page:  # how this page links the navigation's entries, once per page
            links[:] = [
                page,
                (str(context.get("base_url")), *(url(context, u) for u in _nav_urls(nav))),
            ]
        key = (name, *links[1])
        if key not in made:
            made[key] = Markup(template.render(context.get_all()))
        return made[key]

    env.globals["dateline_shared"] = dateline_shared


def _nav_urls(nav: Any) -> list[str]:
    """The URL of every entry of a navigation (pages and links, in sections too)."""
    urls: list[str] = []
    items = list(nav.items)
    while items:
        item = items.pop(0)
        if getattr(item, "children", None):
            items[:0] = item.children
        url = getattr(item, "url", None)
        if url is not None:
            urls.append(str(url))
    return urls
