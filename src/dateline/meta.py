"""Share previews (OpenGraph, Twitter cards) and JSON-LD for a day page, as plain data.

Templates write `properties` and `names` as attribute values (escaped there, by Jinja's `e`),
and `json_ld` as the text of a <script type="application/ld+json"> element. The HTML parser ends
that element at the first "</script" whatever the JSON means, and "<!--" changes how it reads
what follows, so `json_ld` holds no "<", ">" or "&" at all: each is written as a JSON escape
(\\u003c), which any JSON parser reads back as the same character.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.feeds import entry_title, modified_at, published_at
from dateline.language import language
from dateline.model import Day, Settings
from dateline.pages import summary_of

# What must not appear raw inside a <script> element, and U+2028/2029, which end a line in
# JavaScript (a consumer that evaluates the block instead of parsing it).
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class ShareMeta:
    """Everything a day page says about itself to messengers, social sites and search engines."""

    title: str  # "Day 1,371: <headline>": og:title and the JSON-LD headline
    description: str | None
    url: str  # absolute: the canonical URL
    properties: tuple[tuple[str, str], ...]  # <meta property=… content=…>: og:*, article:*
    names: tuple[tuple[str, str], ...]  # <meta name=… content=…>: twitter:*
    json_ld: str  # safe as the text of a <script> element
    data: dict[str, Any]  # the JSON-LD before serialising, for tests and tools


def day_share(day: Day, settings: Settings, site_url: str) -> ShareMeta:
    """The share preview and NewsArticle of a day page at `site_url` + its URL."""
    base = site_url.rstrip("/") + "/"
    publishing = settings.publishing
    url = base + day.url
    title = entry_title(day, language(settings.language))
    description = summary_of(day)
    published = published_at(day, publishing).isoformat()
    modified = modified_at(day, publishing).isoformat()
    sections = tuple(dict.fromkeys(s.name for s in day.sections))
    image = publishing.image
    image_url = base + image.path if image else None

    properties: list[tuple[str, str]] = [("og:type", "article"), ("og:title", title)]
    if description:
        properties.append(("og:description", description))
    properties.append(("og:url", url))
    if image is not None and image_url is not None:
        properties += [
            ("og:image", image_url),
            ("og:image:width", str(image.width)),
            ("og:image:height", str(image.height)),
        ]
        if image.alt:
            properties.append(("og:image:alt", image.alt))
    properties.append(("article:published_time", published))
    if modified != published:  # a day never updated is not said to be modified at its publication
        properties.append(("article:modified_time", modified))
    # The sections and tags are the JSON-LD's articleSection and keywords, not og: properties
    # again (article:section and article:tag, one <meta> each, were most of a day's head).

    # X reads the title, description and image from og: when there are no twitter: ones, so
    # the card's kind alone is said again (every day page carried the same three values twice).
    names: list[tuple[str, str]] = [("twitter:card", "summary_large_image" if image else "summary")]

    data = news_article(day, settings, base, title, description, published, modified, sections)
    return ShareMeta(title, description, url, tuple(properties), tuple(names), script_json(data), data)


def news_article(
    day: Day,
    settings: Settings,
    base: str,
    title: str,
    description: str | None,
    published: str,
    modified: str,
    sections: tuple[str, ...],
) -> dict[str, Any]:
    """schema.org NewsArticle of a day, as plain data."""
    publishing = settings.publishing
    url = base + day.url
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "url": url,
        "mainEntityOfPage": url,
    }
    if description:
        data["description"] = description
    data["datePublished"] = published
    data["dateModified"] = modified
    if sections:
        data["articleSection"] = list(sections)
    if day.tags:
        data["keywords"] = list(day.tags)
    data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": settings.story, "url": base}
    if publishing.image is not None:
        image = publishing.image
        data["image"] = {
            "@type": "ImageObject",
            "url": base + image.path,
            "width": image.width,
            "height": image.height,
        }
    if publishing.publisher:
        publisher: dict[str, Any] = {"@type": "Organization", "name": publishing.publisher}
        if publishing.publisher_url:
            publisher["url"] = publishing.publisher_url
        data["publisher"] = publisher
    if day.correction:
        correction: dict[str, Any] = {"@type": "CorrectionComment", "text": day.correction}
        if day.updated is not None:
            zone = published_at(day, publishing).tzinfo
            correction["datePublished"] = day.updated.astimezone(zone).isoformat()
        data["correction"] = correction
    return data


def script_json(data: Any) -> str:
    """JSON that can stand as the text of a <script> element: no "<", ">" or "&" in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def robots_txt(site_url: str) -> str:
    """robots.txt: every page may be read; the sitemap is where the site lists them."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def write_sitemap_gzip(site_dir: Path) -> None:
    """sitemap.xml.gz anew from sitemap.xml, with no time in its header.

    MkDocs stamps the gzip header with the build date (or SOURCE_DATE_EPOCH), so two builds of
    one commit on two days differ; the sitemap's own lastmod dates say when pages changed."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    with (site_dir / "sitemap.xml.gz").open("wb") as raw, gzip.GzipFile("sitemap.xml", "wb", 9, raw, mtime=0) as out:
        out.write(sitemap.read_bytes())
