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

# Material's skip link in base.html, replaced by Dateline's (overrides/main.html).
_MATERIAL_SKIP_LINK = """\
    <div data-md-component="skip">
      {% if page.toc | first is defined %}
        {% set skip = page.toc | first %}
        <a href="{{ skip.url | url }}" class="md-skip">
          {{ lang.t("action.skip") }}
        </a>
      {% endif %}
    </div>
"""

MATERIAL_COPIES = (
    MaterialCopy(
        "base.html",
        'The drawer and search toggles (checkboxes) lose autocomplete="off": HTML allows the '
        "attribute only on text-like inputs, and the Nu Html Checker reports it on every page. "
        "Material set it so that Firefox does not restore an open drawer or search after a reload; "
        "without it Firefox may, which is harmless. The page's description, author and title are "
        "escaped: a day's summary or headline may hold quotes, & or <, which broke the attribute. "
        "The header tabs and the drawer's navigation are made once per build and folder depth for "
        "the pages outside the navigation (dateline_shared, src/dateline/compact.py): a tenth of "
        "the build went to making them again on each of 7,000 pages. Material's skip link goes: "
        "it pointed at the first heading of the table of contents (on a day page, one inside a "
        "hidden tab), and the site's own, first on every page, goes to the content "
        "(overrides/main.html). The announcement bar's box is there only when it holds an "
        "announcement, not empty on every page (Material's script mounts it where it is, and its "
        "instant navigation swaps it only when both pages have it).",
        (
            (_MATERIAL_SKIP_LINK, "", 1),
            (
                '    <div data-md-component="announce">\n      {% if self.announce() %}\n',
                '    {% if self.announce() %}\n    <div data-md-component="announce">\n',
                1,
            ),
            (
                "        </aside>\n      {% endif %}\n    </div>\n",
                "        </aside>\n    </div>\n    {% endif %}\n",
                1,
            ),
            ('id="__drawer" autocomplete="off">', 'id="__drawer">', 1),
            ('id="__search" autocomplete="off">', 'id="__search">', 1),
            ('content="{{ page.meta.description }}"', 'content="{{ page.meta.description | e }}"', 1),
            ('content="{{ config.site_description }}"', 'content="{{ config.site_description | e }}"', 1),
            ('content="{{ page.meta.author }}"', 'content="{{ page.meta.author | e }}"', 1),
            ("<title>{{ page.meta.title }} -", "<title>{{ page.meta.title | e }} -", 1),
            ('{% include "partials/tabs.html" %}', '{{ dateline_shared("partials/tabs.html") }}', 1),
            ('{% include "partials/nav.html" %}', '{{ dateline_shared("partials/nav.html") }}', 1),
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
        "button was: a link to the archive without JavaScript, a dialog with it. The palette "
        "toggles and search are made once per build for the pages that share them "
        "(dateline_shared, src/dateline/compact.py).",
        (
            ("{{ page.meta.title }}", "{{ page.meta.title | e }}", 1),
            (_MATERIAL_SEARCH_BUTTON, '    {{ dateline_shared("partials/dateline-search.html") }}\n', 1),
            ('{% include "partials/palette.html" %}', '{{ dateline_shared("partials/palette.html") }}', 1),
            (
                '{% include "partials/javascripts/palette.html" %}',
                '{{ dateline_shared("partials/javascripts/palette.html") }}',
                1,
            ),
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

# Material's icons that every page shows (the logo, search, the three palette toggles, the
# drawer's menu button), drawn from one sprite the browser caches instead of inline on every
# page: 1.8 KB a page. Each is
# overridden by overrides/.icons/<name>.svg, a `<use>` of its symbol in
# overrides/assets/images/dateline-icons.svg, which holds Material's own paths.
SPRITE = "assets/images/dateline-icons.svg"
SPRITE_ICONS = (
    "material/library",
    "material/magnify",
    "material/brightness-auto",
    "material/brightness-7",
    "material/brightness-4",
    "material/menu",
)
_ICON = re.compile(r'\A<svg xmlns="http://www.w3.org/2000/svg" viewBox="(0 0 24 24)">(.*)</svg>\s*\Z', re.DOTALL)


def _symbol_id(icon: str) -> str:
    return icon.rsplit("/", 1)[-1]


def render_sprite() -> str:
    """overrides/assets/images/dateline-icons.svg: Material's paths of SPRITE_ICONS as symbols."""
    symbols = []
    for icon in SPRITE_ICONS:
        text = (material_templates() / ".icons" / f"{icon}.svg").read_text(encoding="utf-8")
        m = _ICON.match(text)
        if not m:
            raise ValueError(f"Material {material_version()} .icons/{icon}.svg is not one 24×24 drawing: redo by hand")
        symbols.append(f'<symbol id="{_symbol_id(icon)}" viewBox="{m[1]}">{m[2]}</symbol>')
    return '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"


def render_icon(icon: str) -> str:
    """overrides/.icons/<icon>.svg: the icon as a `<use>` of the sprite's symbol."""
    return (
        f"{{#- Dateline: Material's .icons/{icon}.svg, drawn from {SPRITE}; by tests/quality_material.py. -#}}\n"
        f'<svg viewBox="0 0 24 24"><use href="{{{{ \'{SPRITE}\' | url }}}}#{_symbol_id(icon)}"/></svg>'
    )


def generated_files() -> dict[Path, str]:
    """Every file in overrides/ this module makes, and what it must hold."""
    files = {OVERRIDES / copy.path: render_copy(copy) for copy in MATERIAL_COPIES}
    files[OVERRIDES / SPRITE] = render_sprite()
    files.update({OVERRIDES / ".icons" / f"{icon}.svg": render_icon(icon) for icon in SPRITE_ICONS})
    return files


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
    for target, text in generated_files().items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)
