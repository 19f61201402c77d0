"""Our copies of Material templates: Material's own text plus a few documented changes.

Each copy in overrides/ is Material's file with the replacements below and our own header
comment in place of Material's, and nothing else, so a Material upgrade that changes one of
them is caught by `test_material_copies_are_material_plus_our_fixes` instead of silently
reverting Material's change. After upgrading Material, refresh the copies with

    .venv/bin/python tests/quality_material.py

and look at the diff.
"""

from __future__ import annotations

import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"


@dataclass(frozen=True)
class MaterialCopy:
    path: str  # relative to Material's templates/ and to overrides/
    why: str  # becomes the copy's header comment
    replacements: tuple[tuple[str, str, int], ...]  # (Material's text, ours, how many times)


# Material's search button and dialog in partials/header.html, replaced by Dateline's.
_MATERIAL_SEARCH_BUTTON = """\
    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
"""

MATERIAL_COPIES = (
    MaterialCopy(
        "base.html",
        'The drawer and search toggles (checkboxes) lose autocomplete="off": HTML allows the '
        "attribute only on text-like inputs, and the Nu Html Checker reports it on every page. "
        "Material set it so that Firefox does not restore an open drawer or search after a reload; "
        "without it Firefox may, which is harmless. The page's description, author and title are "
        "escaped: a day's summary or headline may hold quotes, & or <, which broke the attribute.",
        (
            ('id="__drawer" autocomplete="off">', 'id="__drawer">', 1),
            ('id="__search" autocomplete="off">', 'id="__search">', 1),
            ('content="{{ page.meta.description }}"', 'content="{{ page.meta.description | e }}"', 1),
            ('content="{{ config.site_description }}"', 'content="{{ config.site_description | e }}"', 1),
            ('content="{{ page.meta.author }}"', 'content="{{ page.meta.author | e }}"', 1),
            ("<title>{{ page.meta.title }} -", "<title>{{ page.meta.title | e }} -", 1),
        ),
    ),
    MaterialCopy(
        "partials/search.html",
        "The search dialog gets a name (aria-label): axe's aria-dialog-name rule, serious, "
        'flags an unnamed role="dialog" on every page.',
        (('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1),),
    ),
    MaterialCopy(
        "partials/header.html",
        "The page title in the header is escaped: a day's headline may hold & or <. Search is "
        "Dateline's (partials/dateline-search.html, over a Pagefind index) where Material's search "
        "button was: a link to the archive without JavaScript, a dialog with it.",
        (
            ("{{ page.meta.title }}", "{{ page.meta.title | e }}", 1),
            (_MATERIAL_SEARCH_BUTTON, '    {% include "partials/dateline-search.html" %}\n', 1),
        ),
    ),
    MaterialCopy(
        "partials/nav-item.html",
        "A section label that is not focusable gets no tabindex attribute instead of an empty "
        'one (tabindex=""), which the Nu Html Checker rejects; a navigation section is one '
        "whenever navigation.tabs or navigation.sections is on and the nav has a section.",
        (('tabindex="{{ tabindex }}"', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}', 2),),
    ),
)

MATERIAL_COPIES += (
    MaterialCopy(
        "partials/toc.html",
        "The contents title is a label for the toggle that closes the contents on a phone; Material "
        'renders that toggle (id="__toc") only on pages in the navigation, so on any other page the '
        "label pointed at nothing, which the Nu Html Checker rejects. It names the toggle only where "
        "there is one.",
        (
            (
                '<label class="md-nav__title" for="__toc">',
                '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
                1,
            ),
        ),
    ),
)

_LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def material_templates() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates"


def material_version() -> str:
    from importlib.metadata import version

    return version("mkdocs-material")


def render_copy(copy: MaterialCopy) -> str:
    """What overrides/<path> must hold: Material's file, our header, our replacements."""
    text = _LEADING_COMMENT.sub("", (material_templates() / copy.path).read_text(encoding="utf-8"), count=1)
    for old, new, count in copy.replacements:
        found = text.count(old)
        if found != count:
            raise ValueError(
                f"Material {material_version()} {copy.path}: expected {count}× {old!r}, found {found}: "
                "redo the fix by hand"
            )
        text = text.replace(old, new)
    lines = [
        f"Dateline: Material for MkDocs {material_version()}'s {copy.path},"
        " changed only where it fails a reader quality gate.",
        *textwrap.wrap(copy.why, 96),
        "Generated by tests/quality_material.py; checked by tests/test_quality.py.",
    ]
    return "{#- " + "\n    ".join(lines) + " -#}\n" + text


def body(text: str) -> str:
    """A template without its leading comment (ours or Material's)."""
    return _LEADING_COMMENT.sub("", text, count=1)


if __name__ == "__main__":
    for copy in MATERIAL_COPIES:
        target = OVERRIDES / copy.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_copy(copy), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)
