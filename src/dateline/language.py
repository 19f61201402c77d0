"""The words Dateline writes for readers, in the site's language: a gettext catalogue and babel.

Each language is one catalogue, `locale/<lang>/LC_MESSAGES/dateline.po`, made from the template
`locale/dateline.pot`; a translator adds a language by translating a copy of it, without touching
code. The .po files are read as they are, at run time: babel parses one and compiles it in memory
(no .mo file, no compile step), because the package runs in place from src/. A catalogue is read
once per language and kept while its file is unchanged (the cache key holds its modification
time), so `mkdocs serve` picks up a translator's edit and never serves a stale one.

Numbers and dates come from babel's CLDR data, not from tables of our own; which pattern a date
is written in is itself a message (context "date", in CLDR pattern syntax), so a translator
chooses "EEEE, d MMMM y 'р'." for Ukrainian. A message's `{number}` is the number as the
language groups it ("1,371"), `{digits}` the bare digits ("1371"): the translator chooses per
message. Ordinals are messages too, one per CLDR ordinal category (context "ordinal").

Messages for the repository (`make check`, problems, settings errors) stay English and do not go
through here.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "dateline"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
DEFAULT = "en"
# CLDR's ordinal categories; a catalogue translates each its language uses (context "ordinal").
ORDINAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def available() -> tuple[str, ...]:
    """The languages that have a catalogue, A to Z."""
    return tuple(sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True, eq=False)
class Language:
    """One language's words: its catalogue, and babel's locale for numbers and dates."""

    code: str  # BCP 47, as the site's setting says: "uk"
    locale: Locale
    translations: Translations
    # Babel's formatting costs microseconds a call, and a build formats the same few thousand
    # dates and numbers again on every page that links a day: each is formatted once. Keyed by
    # all a result depends on (the language is this object), so never stale.
    _formatted: dict[tuple[Any, ...], str] = field(default_factory=dict, repr=False)

    # -- messages ----------------------------------------------------------------------------

    def gettext(self, message: str, n: int | None = None, **fields: Any) -> str:
        """The message in this language, its `{fields}` filled; `n` fills `{number}` and `{digits}`."""
        return self._fill(self.translations.gettext(message), n, fields)

    def ngettext(self, singular: str, plural: str, n: int, **fields: Any) -> str:
        """The form of the message for `n` ("1 день", "2 дні", "5 днів"), filled."""
        return self._fill(self.translations.ngettext(singular, plural, n), n, fields)

    def pgettext(self, context: str, message: str, n: int | None = None, **fields: Any) -> str:
        return self._fill(str(self.translations.pgettext(context, message)), n, fields)

    def _fill(self, text: str, n: int | None, fields: dict[str, Any]) -> str:
        if n is not None:
            fields = {"number": self.number(n), "digits": str(n), **fields}
        return text.format(**fields) if fields else text

    # -- numbers and dates -------------------------------------------------------------------

    def number(self, n: int) -> str:
        """1371 -> "1,371" (en), "1 371" (uk), "1.371" (de)."""
        key = ("number", n)
        if key not in self._formatted:
            self._formatted[key] = format_decimal(n, locale=self.locale)
        return self._formatted[key]

    def ordinal(self, n: int) -> str:
        """1371 -> "1,371st" (en), "1371-й" (uk): the message of n's CLDR ordinal category."""
        category = self.locale.ordinal_form(n)
        # The messages are looked up by category, so extraction cannot see them: ORDINAL_CATEGORIES
        # lists them for the template (see template_messages).
        return self.pgettext("ordinal", category, n)

    def date(self, date: dt.date, pattern: str) -> str:
        """`date` in a CLDR pattern (one the catalogue gave: see counting.py)."""
        key = (date, pattern)
        if key not in self._formatted:
            self._formatted[key] = format_date(date, pattern, locale=self.locale)
        return self._formatted[key]

    def weekdays(self) -> tuple[tuple[str, str], ...]:
        """(short, full) weekday names, Monday first: a calendar's column heads."""
        short, wide = self.locale.days["format"]["short"], self.locale.days["format"]["wide"]
        return tuple((short[i], wide[i]) for i in range(7))

    def months(self) -> tuple[str, ...]:
        """The months' names as a date writes them ("листопада" in uk), January first."""
        return tuple(self.locale.months["format"]["wide"][m] for m in range(1, 13))

    def month_abbreviations(self) -> tuple[str, ...]:
        """The months' short standalone names ("Nov", "лист."), January first: table heads."""
        return tuple(self.locale.months["stand-alone"]["abbreviated"][m] for m in range(1, 13))

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """A message's form for each CLDR plural category of the language, for a script that
        chooses with Intl.PluralRules: {"one": "{number} день", "few": …, "many": …, "other": …}."""
        forms: dict[str, str] = {}
        for n in (*range(0, 200), 1.5):
            category = self.locale.plural_form(n)
            if category not in forms:
                forms[category] = self.translations.ngettext(singular, plural, int(n) if n != 1.5 else 2)
        return forms

    def script_json(self, words: dict[str, Any]) -> str:
        return json.dumps({"language": self.code, **words}, ensure_ascii=False, separators=(",", ":"))

    def install(self, env: Any) -> None:
        """Gives a Jinja environment this language's `_`, `gettext`, `ngettext` and `pgettext`
        (jinja2.ext.i18n), filling `{fields}` as here: `{{ _("Day {number}", n) }}`."""
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(self.gettext, self.ngettext, newstyle=False, pgettext=self.pgettext)


def language(code: str = DEFAULT) -> Language:
    """The language `code`, its catalogue read once while its file is unchanged."""
    path = catalogue_path(code)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise LookupError(f"no catalogue for language {code!r}; available: {', '.join(available())}") from None
    return _load(code, stamp)


@functools.lru_cache(maxsize=16)
def _load(code: str, stamp: int) -> Language:
    with catalogue_path(code).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Language(code, Locale.parse(code, sep="-"), Translations(compiled, domain=DOMAIN))


def english() -> Language:
    return language(DEFAULT)


# -- the template ------------------------------------------------------------------------------

SOURCES = (  # where the messages are: the core's Python and the templates
    (Path(__file__).resolve().parent, "*.py", "python"),
    (Path(__file__).resolve().parents[2] / "overrides", "**/*.html", "jinja2.ext.babel_extract"),
)
# Language.plural_forms is a keyword too: the search script's plural messages.
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "plural_forms": (1, 2)}


def template_messages() -> dict[tuple[str | None, str], tuple[str, ...]]:
    """Every message the code and templates use: (context, msgid) -> (its plural, if any,) and
    where it is used. The ordinal categories are added: they are looked up by name."""
    from babel.messages.extract import extract

    found: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for folder, pattern, method in SOURCES:
        for path in sorted(folder.glob(pattern)):
            with path.open("rb") as source:
                for _line, message, _comments, context in extract(method, source, keywords=KEYWORDS):
                    msgid, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
                    if not msgid:
                        continue
                    found.setdefault((context, msgid), (plural,) if plural else ())
    for category in ORDINAL_CATEGORIES:
        found.setdefault(("ordinal", category), ())
    return found


def write_template(path: Path = TEMPLATE) -> None:
    """Writes locale/dateline.pot from the code and templates (`python -m dateline.language`)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    # A fixed date: the template changes only when its messages do.
    catalog = Catalog(
        project="Dateline",
        domain=DOMAIN,
        charset="utf-8",
        creation_date=dt.datetime(2025, 11, 26),
        header_comment="# The messages of Dateline: every word the site writes for readers.\n"
        "# A new language starts as a copy of this file: see docs/maintainers.md, Languages.",
    )
    for (context, msgid), plural in sorted(template_messages().items(), key=lambda i: (i[0][0] or "", i[0][1])):
        catalog.add((msgid, plural[0]) if plural else msgid, context=context)
    with path.open("wb") as out:
        write_po(out, catalog, width=100, omit_header=False, no_location=True)


if __name__ == "__main__":
    write_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE)
