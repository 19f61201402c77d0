"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the latest days, and one RSS feed per topic.

A feed reader has no page to resolve a URL against, so every URL in a feed is absolute. An
entry's id is its day's permanent URL: it never changes when the day is corrected (its `updated`
does). Built with real serialisers (xml.etree, json), never by pasting strings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import html
import json
import re
import xml.etree.ElementTree as ET
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from dateline.archive import Archive
from dateline.content import TOKEN_CLOSE, TOKEN_OPEN
from dateline.counting import day_words, long_date
from dateline.language import Language, english, language
from dateline.model import Chronicle, Day, Publishing, Section, Settings
from dateline.pages import summary_of, topic_url

RSS_PATH, ATOM_PATH, JSON_PATH = "feed.xml", "atom.xml", "feed.json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"  # written xml:lang
_TOKEN = re.compile(f"{TOKEN_OPEN}(\\d{{4}}-\\d{{2}}-\\d{{2}})([^{TOKEN_CLOSE}]*){TOKEN_CLOSE}")
# Characters XML 1.0 cannot hold at all: one in a feed makes every parser reject the whole feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # a feed with no entries: a date that never moves

Renderer = Callable[[str], str]


@dataclass(frozen=True)
class FeedEntry:
    id: str  # the day's permanent URL (a topic feed adds the section's anchor)
    url: str
    title: str  # "Day 1,371: <headline>"
    published: dt.datetime
    updated: dt.datetime
    summary: str | None
    html: str  # the text, every URL absolute
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Feed:
    path: str  # in the site: "feed.xml"
    title: str
    description: str
    home: str  # absolute URL of the page the feed follows
    entries: tuple[FeedEntry, ...]
    author: str
    author_url: str | None
    language: str = "en"  # BCP 47: RSS <language>, Atom xml:lang, JSON Feed "language"

    @property
    def updated(self) -> dt.datetime:
        return max((e.updated for e in self.entries), default=_EPOCH)


def site_feeds(
    chronicle: Chronicle, settings: Settings, archive: Archive, site_url: str, render: Callable[[str], str]
) -> dict[str, str]:
    """{path in the site: the feed's text}: the site's three feeds and one RSS feed per topic.

    Without `site_url` there are no feeds: their URLs must be absolute, and there is nothing to
    make them absolute against (the hook reports it)."""
    if not site_url:
        return {}
    base = site_url.rstrip("/") + "/"
    publishing = settings.publishing
    lang = language(settings.language)
    latest = chronicle.days[::-1][: publishing.feed_days]
    title = _feed_title(settings)
    author = publishing.publisher or settings.story
    entries = tuple(_day_entry(day, chronicle, settings, base, render) for day in latest)
    main = Feed(
        RSS_PATH,
        title,
        lang.ngettext(
            "The main events of each day of {story}: the latest day, newest first.",
            "The main events of each day of {story}: the latest {number} days, newest first.",
            len(entries),
            story=settings.story,
        ),
        base,
        entries,
        author,
        publishing.publisher_url,
        lang.code,
    )
    files = {
        RSS_PATH: rss(main, base),
        ATOM_PATH: atom(replace_path(main, ATOM_PATH), base),
        JSON_PATH: json_feed(replace_path(main, JSON_PATH), base),
    }
    for section in settings.sections:
        chosen = archive.topics.get(section.slug, ())[: publishing.feed_days]
        if not chosen:
            continue  # no topic page either
        home = base + topic_url(section.slug)
        topic = Feed(
            topic_feed_path(section.slug),
            f"{title}: {section.name}",
            lang.gettext(
                "{section}: that part of each day's summary of {story}, newest first.",
                section=section.name,
                story=settings.story,
            ),
            home,
            tuple(_section_entry(day, s, chronicle, settings, base, render) for day, s in chosen),
            author,
            publishing.publisher_url,
            lang.code,
        )
        files[topic.path] = rss(topic, base)
    return files


def topic_feed_path(slug: str) -> str:
    return f"{topic_url(slug)}feed.xml"


def replace_path(feed: Feed, path: str) -> Feed:
    return dataclasses.replace(feed, path=path)


def published_at(day: Day, publishing: Publishing) -> dt.datetime:
    """When a day counts as published: its date, at the site's publishing time in its time zone."""
    return dt.datetime.combine(day.date, publishing.time, zoneinfo.ZoneInfo(publishing.time_zone))


def modified_at(day: Day, publishing: Publishing) -> dt.datetime:
    """`updated:` in the site's time zone, else the publishing time; never before publication."""
    published = published_at(day, publishing)
    if day.updated is None:
        return published
    return max(published, day.updated.astimezone(published.tzinfo))


def entry_title(day: Day, lang: Language | None = None) -> str:
    """ "Day 1,371: <headline>", or "Day 1,371" alone."""
    lang = lang or english()
    words = day_words(day.number, lang)
    return lang.gettext("{day}: {headline}", day=words, headline=day.title) if day.title else words


def correction_words(day: Day, lang: Language | None = None) -> str | None:
    """ "Correction, 27 November 2025, 09:30 UTC" — the notice's heading, dated by `updated:`."""
    lang = lang or english()
    if not day.correction:
        return None
    if day.updated is None:
        return lang.gettext("Correction")
    utc = day.updated.astimezone(dt.UTC)
    when = lang.gettext("{date}, {time} UTC", date=long_date(utc.date(), lang), time=f"{utc:%H:%M}")
    return lang.gettext("Correction, {when}", when=when)


# -- entries -------------------------------------------------------------------------------


def _feed_title(settings: Settings) -> str:
    """A message, not "publisher: story" pasted: the story is written in the case the lede needs
    (Ukrainian: genitive), so each language words the title around it."""
    lang = language(settings.language)
    publisher = settings.publishing.publisher
    if publisher:
        return lang.pgettext("feed title", "{publisher}: {story}", publisher=publisher, story=settings.story)
    return lang.pgettext("feed title", "{story}", story=settings.story)


def _day_entry(day: Day, chronicle: Chronicle, settings: Settings, base: str, render: Renderer) -> FeedEntry:
    url = base + day.url
    parts = [_correction_html(day, language(settings.language))]
    if day.lede.strip():
        parts.append(render(_absolute_days(day.lede, chronicle, base)))
    for section in day.sections:
        parts.append(f"<h2>{html.escape(section.name)}</h2>")
        parts.append(render(_absolute_days(section.markdown, chronicle, base)))
    parts.append(_sources_html(day, settings))
    return _entry(day, url, parts, (*(s.name for s in day.sections), *day.tags), settings)


def _section_entry(
    day: Day, section: Section, chronicle: Chronicle, settings: Settings, base: str, render: Renderer
) -> FeedEntry:
    url = f"{base}{day.url}#{section.slug}"
    parts = [
        _correction_html(day, language(settings.language)),
        render(_absolute_days(section.markdown, chronicle, base)),
    ]
    return _entry(day, url, parts, (section.name, *day.tags), settings)


def _entry(day: Day, url: str, parts: list[str], categories: tuple[str, ...], settings: Settings) -> FeedEntry:
    """A feed entry for `day` at `url` (its id too: a correction never changes it)."""
    return FeedEntry(
        id=url,
        url=url,
        title=entry_title(day, language(settings.language)),
        published=published_at(day, settings.publishing),
        updated=modified_at(day, settings.publishing),
        summary=summary_of(day),
        html=absolute_html("\n".join(p for p in parts if p), url),
        categories=categories,
    )


def _correction_html(day: Day, lang: Language) -> str:
    heading = correction_words(day, lang)
    if heading is None or day.correction is None:
        return ""
    return f"<p><strong>{html.escape(heading)}:</strong> {html.escape(day.correction)}</p>"


def _sources_html(day: Day, settings: Settings) -> str:
    items = []
    for source in day.sources:
        words = html.escape(source.title or source.url)
        if urlsplit(source.url).scheme in ("http", "https"):
            items.append(f'<li><a href="{html.escape(source.url)}">{words}</a></li>')
        else:
            items.append(f"<li>{words}</li>")
    sources = html.escape(language(settings.language).gettext("Sources"))
    parts = [f"<h2>{sources}</h2>", "<ul>", *items, "</ul>"] if items else []
    if settings.publishing.source_note:
        parts.append(f"<p><em>{html.escape(settings.publishing.source_note)}</em></p>")
    return "\n".join(parts)


def _absolute_days(markdown: str, chronicle: Chronicle, base: str) -> str:
    """Day-link tokens as absolute URLs: "[x](\\ue0002025-11-23\\ue001)" -> "[x](https://…/2025/11/23/)"."""

    def url(m: re.Match[str]) -> str:
        day = chronicle.find(dt.date.fromisoformat(m.group(1)))
        target = day.url if day else f"{m.group(1).replace('-', '/')}/"
        return base + target + m.group(2)

    return _TOKEN.sub(url, markdown)


class _Absolute(HTMLParser):
    """Rewrites relative href and src attributes against a base URL and keeps the rest as written."""

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=False)
        self.base = base
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, "") if self._relative(attrs) else self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, " /") if self._relative(attrs) else self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    @staticmethod
    def _is_relative(value: str | None) -> bool:
        # A fragment alone ("#fn:1") points inside the entry itself: a reader keeps it there.
        return bool(value) and not value.startswith("#") and not urlsplit(value).scheme  # type: ignore[union-attr]

    def _relative(self, attrs: list[tuple[str, str | None]]) -> bool:
        return any(k in ("href", "src") and self._is_relative(v) for k, v in attrs)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], end: str) -> str:
        written = []
        for key, value in attrs:
            if key in ("href", "src") and value is not None and self._is_relative(value):
                value = urljoin(self.base, value)
            written.append(key if value is None else f'{key}="{html.escape(value)}"')
        return f"<{' '.join([tag, *written])}{end}>"


def absolute_html(text: str, base: str) -> str:
    """HTML with every relative link and image source made absolute against `base`."""
    parser = _Absolute(base)
    parser.feed(text)
    parser.close()
    return "".join(parser.out)


# -- serialisers -----------------------------------------------------------------------------


def _x(text: str) -> str:
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _x(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _x(text)
    return element


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _rfc822(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment)


# Prefixes for the serialiser (a process-wide table; the same two names every time).
ET.register_namespace("atom", ATOM)
ET.register_namespace("content", CONTENT)


def rss(feed: Feed, base: str) -> str:
    root = ET.Element("rss", {"version": "2.0"})
    channel = _sub(root, "channel")
    _sub(channel, "title", feed.title)
    _sub(channel, "link", feed.home)
    _sub(channel, "description", feed.description)
    _sub(channel, "language", feed.language)
    _sub(channel, "lastBuildDate", _rfc822(feed.updated))
    _sub(channel, f"{{{ATOM}}}link", href=base + feed.path, rel="self", type="application/rss+xml")
    for entry in feed.entries:
        item = _sub(channel, "item")
        _sub(item, "title", entry.title)
        _sub(item, "link", entry.url)
        _sub(item, "guid", entry.id, isPermaLink="true")
        _sub(item, "pubDate", _rfc822(entry.published))
        _sub(item, f"{{{ATOM}}}updated", entry.updated.isoformat())
        if entry.summary:
            _sub(item, "description", entry.summary)
        _sub(item, f"{{{CONTENT}}}encoded", entry.html)
        for category in entry.categories:
            _sub(item, "category", category)
    return _xml(root)


def atom(feed: Feed, base: str) -> str:
    # The namespace as the default one, by hand: ElementTree's default_namespace refuses the
    # unprefixed attributes (rel, href) every Atom link has.
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: feed.language})
    sub = _sub

    sub(root, "id", feed.home)
    sub(root, "title", feed.title)
    sub(root, "subtitle", feed.description)
    sub(root, "updated", feed.updated.isoformat())
    sub(root, "link", rel="alternate", type="text/html", href=feed.home)
    sub(root, "link", rel="self", type="application/atom+xml", href=base + feed.path)
    author = sub(root, "author")
    sub(author, "name", feed.author)
    if feed.author_url:
        sub(author, "uri", feed.author_url)
    for entry in feed.entries:
        element = sub(root, "entry")
        sub(element, "id", entry.id)
        sub(element, "title", entry.title)
        sub(element, "link", rel="alternate", type="text/html", href=entry.url)
        sub(element, "published", entry.published.isoformat())
        sub(element, "updated", entry.updated.isoformat())
        if entry.summary:
            sub(element, "summary", entry.summary, type="text")
        sub(element, "content", entry.html, type="html")
        for category in entry.categories:
            sub(element, "category", term=category)
    return _xml(root)


def json_feed(feed: Feed, base: str) -> str:
    author = {"name": feed.author, **({"url": feed.author_url} if feed.author_url else {})}
    data = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home,
        "feed_url": base + feed.path,
        "description": feed.description,
        "language": feed.language,
        "authors": [author],
        "items": [_json_item(entry) for entry in feed.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _json_item(entry: FeedEntry) -> dict[str, object]:
    item: dict[str, object] = {"id": entry.id, "url": entry.url, "title": entry.title}
    if entry.summary:
        item["summary"] = entry.summary
    item["content_html"] = entry.html
    item["date_published"] = entry.published.isoformat()
    item["date_modified"] = entry.updated.isoformat()
    if entry.categories:
        item["tags"] = list(entry.categories)
    return item
