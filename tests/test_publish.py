"""Publishing like a news site (issue #9): feeds, share previews, JSON-LD, corrections, the sitemap,
robots.txt, byte-identical builds and the Pages workflow.

Feeds are read by a real feed parser (feedparser) and checked entry by entry; the JSON-LD is parsed
from the page as a browser's HTML parser splits it, with a headline and a correction written to
break out of the <script> element.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import feedparser
import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, BuiltSite, build, make_project, serve_folder
from dateline.archive import build_archive
from dateline.content import load_texts
from dateline.feeds import site_feeds
from dateline.meta import script_json
from dateline.settings import read_mkdocs_settings

SITE_URL = str(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"])
SITE_NAME = str(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"])

HEADLINE = "Zaporizhzhia </script><!-- “Élysée” & Türkiye's € and $ deal — Київ"
CORRECTION = "An earlier version said </script><script>alert(1)</script> <!-- \"3\" & 'four' in Київ."
SUMMARY = "Strikes on Zaporizhzhia; the Élysée & Ankara talk of a “ceasefire” worth €140 billion ($160 billion)."

DAYS = {
    "2025/11/2025-11-24.md": """\
---
title: "Geneva: talks resume"
tags: [geneva]
---

Talks resume in Geneva. Details are below.

## Fighting

Shelling near Huliaipole and Siversk.

## Peace plan

Delegations meet at the InterContinental; the 28 points are cut to 19.
""",
    "2025/11/2025-11-25.md": f"""\
---
title: "Zaporizhzhia </script><!-- “Élysée” & Türkiye's € and $ deal — Київ"
summary: "{SUMMARY}"
tags: [zaporizhzhia, élysée, türkiye]
updated: 2025-11-27T09:30:00+00:00
correction: 'An earlier version said </script><script>alert(1)</script> <!-- "3" & ''four'' in Київ.'
sources:
  - https://example.org/story?a=1&b=2
  - {{title: "Reuters & AP", url: https://example.org/wire}}
---

## Fighting

Russian strikes on Zaporizhzhia, after [the talks](2025-11-24.md#peace-plan).

## Peace plan

Ankara and the Élysée propose a “ceasefire”: see [[2025-11-24]].
""",
    "2025/11/2025-11-26.md": """\
---
title: A quiet day on the front
---

## Fighting

Little movement along the line.
""",
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Three days, one with a hostile headline, summary and correction, built with --strict."""
    built = build(make_project(tmp_path_factory.mktemp("publish"), dict(DAYS)), "--strict")
    assert built.returncode == 0, built.log
    return built


def site_file(site: Path, url: str) -> Path:
    """The file a reader gets at an absolute URL of the site."""
    assert url.startswith(SITE_URL), f"{url} is not a URL of the site {SITE_URL}"
    path = url[len(SITE_URL) :].split("#")[0]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def assert_resolves(site: Path, url: str) -> None:
    file = site_file(site, url)
    assert file.is_file(), f"{url}: no {file.relative_to(site)} in the built site"
    fragment = url.partition("#")[2]
    if fragment:
        assert f'id="{fragment}"' in file.read_text(encoding="utf-8"), f"{url}: no id {fragment!r}"


def linked_file(site: Path, page: Path, href: str) -> Path:
    """The file a link on `page` points to: relative, or from the site's root (the 404 page's)."""
    return (site / href.lstrip("/") if href.startswith("/") else page.parent / href).resolve()


def absolute_urls_only(html: str) -> list[str]:
    """Every href and src in a feed entry's HTML that is not absolute (a fragment alone is fine)."""
    soup = BeautifulSoup(html, "html.parser")
    found = [t.get(a) for a in ("href", "src") for t in soup.find_all(attrs={a: True})]
    return [str(u) for u in found if not str(u).startswith(("https://", "http://", "#"))]


# -- feeds ------------------------------------------------------------------------------------


def test_rss_item_by_item(published: BuiltSite) -> None:
    feed = feedparser.parse((published.site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.link == SITE_URL
    assert [e.link for e in feed.entries] == [f"{SITE_URL}2025/11/{d}/" for d in ("26", "25", "24")]
    assert len({e.id for e in feed.entries}) == 3
    for entry in feed.entries:
        assert entry.id == entry.link
        assert_resolves(published.site, entry.link)
        assert not absolute_urls_only(entry.content[0].value), entry.link
    hostile = feed.entries[1]
    assert hostile.title == f"Day 1,370: {HEADLINE}"
    assert hostile.summary == SUMMARY
    # Published at noon in Kyiv on its date; updated as `updated:` says.
    assert hostile.published_parsed[:6] == (2025, 11, 25, 10, 0, 0)
    assert hostile.updated == "2025-11-27T11:30:00+02:00"
    html = hostile.content[0].value
    assert "<h2>Fighting</h2>" in html and "<h2>Peace plan</h2>" in html
    assert f'href="{SITE_URL}2025/11/24/#peace-plan"' in html
    assert f'href="{SITE_URL}2025/11/24/"' in html
    assert "Correction, 27 November 2025, 09:30 UTC:" in html
    soup = BeautifulSoup(html, "html.parser")
    assert CORRECTION in soup.get_text()
    assert [a["href"] for a in soup.select("ul a")] == ["https://example.org/story?a=1&b=2", "https://example.org/wire"]
    assert {t.term for t in hostile.tags} >= {"Fighting", "Peace plan", "zaporizhzhia", "turkiye"}
    lede = feed.entries[2]
    assert lede.summary == "Talks resume in Geneva."  # no summary: the lede's first sentence


def test_atom_entry_by_entry(published: BuiltSite) -> None:
    feed = feedparser.parse((published.site / "atom.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == SITE_URL and feed.feed.updated == "2025-11-27T11:30:00+02:00"
    assert feed.feed.author == "Dateline"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"alternate": SITE_URL, "self": f"{SITE_URL}atom.xml"}
    assert [e.id for e in feed.entries] == [f"{SITE_URL}2025/11/{d}/" for d in ("26", "25", "24")]
    for entry in feed.entries:
        assert entry.published and entry.updated and entry.title.startswith("Day ")
        assert_resolves(published.site, entry.link)
        assert entry.content[0].type == "text/html"
        assert not absolute_urls_only(entry.content[0].value)
    assert feed.entries[1].title == f"Day 1,370: {HEADLINE}"
    assert feed.entries[1].published == "2025-11-25T12:00:00+02:00"
    assert feed.entries[0].updated == feed.entries[0].published == "2025-11-26T12:00:00+02:00"


def test_topic_feed_has_that_section_of_each_day(published: BuiltSite) -> None:
    feed = feedparser.parse((published.site / "topics/peace-plan/feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.link == f"{SITE_URL}topics/peace-plan/"
    assert [e.id for e in feed.entries] == [f"{SITE_URL}2025/11/25/#peace-plan", f"{SITE_URL}2025/11/24/#peace-plan"]
    for entry in feed.entries:
        assert_resolves(published.site, entry.link)
    assert "Ankara and the Élysée" in feed.entries[0].content[0].value
    assert "Russian strikes" not in feed.entries[0].content[0].value  # the Fighting section is not
    assert (published.site / "topics/fighting/feed.xml").is_file()
    assert not (published.site / "topics/economy/feed.xml").exists()  # no day has it: no topic page


JSON_FEED_KEYS = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
    "icon", "favicon", "authors", "language", "expired", "hubs", "items",
}  # fmt: skip
JSON_ITEM_KEYS = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
    "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments",
}  # fmt: skip
RFC_3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def test_json_feed_follows_version_1_1(published: BuiltSite) -> None:
    feed = json.loads((published.site / "feed.json").read_text(encoding="utf-8"))
    assert set(feed) <= JSON_FEED_KEYS, set(feed) - JSON_FEED_KEYS
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert feed["home_page_url"] == SITE_URL and feed["feed_url"] == f"{SITE_URL}feed.json"
    assert (published.site / "feed.json").is_file()
    assert feed["authors"] and all(isinstance(a, dict) and (a.get("name") or a.get("url")) for a in feed["authors"])
    items = feed["items"]
    assert [i["id"] for i in items] == [f"{SITE_URL}2025/11/{d}/" for d in ("26", "25", "24")]
    for item in items:
        assert set(item) <= JSON_ITEM_KEYS, set(item) - JSON_ITEM_KEYS
        assert isinstance(item["id"], str)
        assert isinstance(item.get("content_html") or item.get("content_text"), str)
        for key in ("date_published", "date_modified"):
            assert RFC_3339.match(item[key]), item[key]
        assert dt.datetime.fromisoformat(item["date_modified"]) >= dt.datetime.fromisoformat(item["date_published"])
        assert all(isinstance(t, str) for t in item.get("tags", []))
        assert_resolves(published.site, item["url"])
        assert not absolute_urls_only(item["content_html"])
    assert items[1]["title"] == f"Day 1,370: {HEADLINE}"
    assert items[1]["date_modified"] == "2025-11-27T11:30:00+02:00"


def _feeds(days: dict[str, str], **publish: Any) -> dict[str, str]:
    settings = read_mkdocs_settings(ROOT / "mkdocs.yml")
    if publish:
        extra = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["dateline"]
        extra["publish"].update(publish)
        from dateline.settings import read_settings

        settings = read_settings(extra, ROOT)
    chronicle = load_texts({f"content/{path}": text for path, text in days.items()}, settings)
    render = markdown.Markdown(extensions=["footnotes", "attr_list"])
    return site_feeds(
        chronicle, settings, build_archive(chronicle, settings), SITE_URL, lambda t: render.reset().convert(t)
    )


def test_feed_ids_do_not_change_when_a_day_is_corrected() -> None:
    before = _feeds(DAYS)
    corrected = dict(DAYS)
    corrected["2025/11/2025-11-26.md"] = DAYS["2025/11/2025-11-26.md"].replace(
        "title: A quiet day on the front\n",
        "title: A quiet day on the front line\nupdated: 2025-11-28T08:00:00+00:00\n"
        "correction: The headline said “front”; it meant the front line.\n",
    )
    after = _feeds(corrected)
    for path in ("feed.xml", "atom.xml", "topics/fighting/feed.xml"):
        old, new = feedparser.parse(before[path]), feedparser.parse(after[path])
        assert [e.id for e in old.entries] == [e.id for e in new.entries], path
        assert old.entries[0].title != new.entries[0].title
        assert new.entries[0].updated.startswith("2025-11-28T10:00:00"), path
        assert old.entries[0].published == new.entries[0].published
    old_json, new_json = json.loads(before["feed.json"]), json.loads(after["feed.json"])
    assert [i["id"] for i in old_json["items"]] == [i["id"] for i in new_json["items"]]


def test_feed_length_and_publishing_time_are_settings() -> None:
    days = {f"2025/11/2025-11-{n:02d}.md": f"## Fighting\n\nDay {n}.\n" for n in range(1, 21)}
    feeds = _feeds(days, feed_days=5, time="07:15", time_zone="America/New_York")
    feed = feedparser.parse(feeds["feed.xml"])
    assert feed.bozo == 0
    assert [e.link for e in feed.entries] == [f"{SITE_URL}2025/11/{n:02d}/" for n in (20, 19, 18, 17, 16)]
    assert feed.entries[0].published == "Thu, 20 Nov 2025 07:15:00 -0500"
    assert len(json.loads(feeds["feed.json"])["items"]) == 5
    assert len(feedparser.parse(feeds["topics/fighting/feed.xml"]).entries) == 5


def test_control_characters_never_break_a_feed() -> None:
    days = {"2025/11/2025-11-26.md": '---\ntitle: "Bell\\a and \\x0b tab"\n---\n\n## Fighting\n\nText.\n'}
    for path in ("feed.xml", "atom.xml"):
        assert feedparser.parse(_feeds(days)[path]).bozo == 0, path


# -- on every page: feed links -------------------------------------------------------------------


def test_every_page_links_the_feeds(published: BuiltSite) -> None:
    pages = sorted(published.site.rglob("*.html"))
    assert len(pages) > 10
    for file in pages:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # /day/N/ only sends the reader on, before any reader sees it
        links = [link for link in soup.find_all("link", href=True) if "alternate" in (link.get("rel") or [])]
        types = [link["type"] for link in links]
        assert types[:3] == ["application/rss+xml", "application/atom+xml", "application/feed+json"], file
        for link in links:
            assert linked_file(published.site, file, link["href"]).is_file(), f"{file}: {link['href']}"
        footer = soup.select_one("nav.dl-follow")
        assert footer is not None, file
        assert [a.get_text() for a in footer.find_all("a")][:3] == ["RSS", "Atom", "JSON Feed"]
        assert linked_file(published.site, file, footer.find("a")["href"]) == published.site / "feed.xml"
    topic = BeautifulSoup(published.html("topics/peace-plan/"), "html.parser")
    hrefs = [link["href"] for link in topic.find_all("link", type="application/rss+xml")]
    assert hrefs == ["../../feed.xml", "feed.xml"]


# -- share previews and JSON-LD -----------------------------------------------------------------


def _head(built: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(url), "html.parser")


def test_a_day_page_title_and_share_preview(published: BuiltSite) -> None:
    soup = _head(published, "2025/11/25/")
    assert soup.title is not None and soup.title.get_text() == f"Day 1,370: {HEADLINE} · {SITE_NAME}"
    props: dict[str, list[str]] = {}
    for meta in soup.find_all("meta", attrs={"property": True}):
        props.setdefault(meta["property"], []).append(meta["content"])
    names = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    url = f"{SITE_URL}2025/11/25/"
    image = f"{SITE_URL}assets/images/dateline-card.png"
    assert props == {
        "og:site_name": [SITE_NAME],
        "og:locale": ["en"],
        "og:type": ["article"],
        "og:title": [f"Day 1,370: {HEADLINE}"],
        "og:description": [SUMMARY],
        "og:url": [url],
        "og:image": [image],
        "og:image:width": ["1200"],
        "og:image:height": ["630"],
        "og:image:alt": ["A month's calendar of days, one of them marked, under a blue and yellow band"],
        "article:published_time": ["2025-11-25T12:00:00+02:00"],
        "article:modified_time": ["2025-11-27T11:30:00+02:00"],
    }  # sections and tags are the JSON-LD's, not article:section and article:tag again
    assert names["description"] == SUMMARY
    assert names["twitter:card"] == "summary_large_image"
    # X falls back on og:title, og:description and og:image: they are not written twice.
    assert not {"twitter:title", "twitter:description", "twitter:image"} & names.keys()
    assert soup.find("link", rel="canonical")["href"] == url
    # The description falls back to the lede's first sentence.
    lede = _head(published, "2025/11/24/")
    # A day never updated: published, not said to be modified then too (its JSON-LD says both).
    assert lede.find("meta", attrs={"property": "article:published_time"}) is not None
    assert lede.find("meta", attrs={"property": "article:modified_time"}) is None
    assert lede.find("meta", attrs={"property": "og:description"})["content"] == "Talks resume in Geneva."


def test_the_share_image_is_as_large_as_the_settings_say(published: BuiltSite) -> None:
    png = (published.site / "assets/images/dateline-card.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)


def test_json_ld_survives_a_hostile_headline_and_correction(published: BuiltSite) -> None:
    html = published.html("2025/11/25/")
    soup = BeautifulSoup(html, "html.parser")
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    raw = blocks[0].string or ""
    # Nothing in it can end the element or open a comment, whatever the editor wrote.
    for needle in ("</script", "<!--", "<", ">", "&"):
        assert needle not in raw
    # The HTML parser saw one element with all of it: the hostile text did not close it early.
    assert html.count("<script") == html.count("</script>")
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == f"Day 1,370: {HEADLINE}"
    assert data["description"] == SUMMARY
    assert data["url"] == data["mainEntityOfPage"] == f"{SITE_URL}2025/11/25/"
    assert data["datePublished"] == "2025-11-25T12:00:00+02:00"
    assert data["dateModified"] == "2025-11-27T11:30:00+02:00"
    assert data["articleSection"] == ["Fighting", "Peace plan"]
    assert data["keywords"] == ["zaporizhzhia", "elysee", "turkiye"]
    assert data["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Russia's war against Ukraine",
        "url": SITE_URL,
    }
    assert data["publisher"] == {"@type": "Organization", "name": "Dateline", "url": SITE_URL}
    assert data["image"] == {
        "@type": "ImageObject",
        "url": f"{SITE_URL}assets/images/dateline-card.png",
        "width": 1200,
        "height": 630,
    }
    assert data["correction"] == {
        "@type": "CorrectionComment",
        "text": CORRECTION,
        "datePublished": "2025-11-27T11:30:00+02:00",
    }
    quiet = json.loads(_head(published, "2025/11/26/").find("script", type="application/ld+json").string)
    assert "correction" not in quiet and quiet["dateModified"] == quiet["datePublished"]


def test_script_json_escapes_what_would_end_a_script() -> None:
    text = script_json({"a": "</script><!-- & > \u2028 Київ"})
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text) == {"a": "</script><!-- & > \u2028 Київ"}


# -- corrections ------------------------------------------------------------------------------


def test_a_correction_sits_under_the_headline_before_the_tabs(published: BuiltSite) -> None:
    soup = BeautifulSoup(published.html("2025/11/25/"), "html.parser")
    header = soup.select_one(".dl-day__header")
    assert header.select_one("h1 .dl-day__title") is not None  # the headline is in the header's h1
    notice = header.find_next_sibling()
    assert notice is not None and "dl-day__correction" in notice["class"]
    assert "dl-day__body" in notice.find_next_sibling("div")["class"]
    assert " ".join(notice.get_text().split()) == f"Correction, 27 November 2025, 09:30 UTC: {CORRECTION}"
    assert notice.find("time")["datetime"] == "2025-11-27T09:30:00+00:00"
    date = soup.select_one(".dl-day__date")
    assert " ".join(date.get_text().split()) == (
        "Tuesday, 25 November 2025 · Updated Thursday, 27 November 2025, 09:30 UTC"
    )
    assert soup.select_one(".dl-day__date time")["datetime"] == "2025-11-25"
    quiet = BeautifulSoup(published.html("2025/11/26/"), "html.parser")
    assert quiet.select_one(".dl-day__correction") is None and "Updated" not in quiet.select_one(".dl-day__date").text


def test_a_correction_without_updated_is_a_check_warning() -> None:
    text = "---\ntitle: A day\ntags: [kyiv]\ncorrection: The toll was 7, not 8.\n---\n\n## Fighting\n\nText.\n"
    chronicle = load_texts({"content/2025/11/2025-11-26.md": text}, read_mkdocs_settings(ROOT / "mkdocs.yml"))
    found = [p for p in chronicle.problems if "correction" in p.message]
    assert [(p.line, p.severity) for p in found] == [(4, "warning")], chronicle.problems
    assert "updated" in found[0].message
    assert chronicle.days[0].correction == "The toll was 7, not 8."  # kept and shown all the same
    dated = text.replace("correction:", "updated: 2025-11-27T09:30:00+00:00\ncorrection:")
    assert not load_texts({"content/2025/11/2025-11-26.md": dated}, read_mkdocs_settings(ROOT / "mkdocs.yml")).problems


# -- sitemap and robots.txt --------------------------------------------------------------------


def test_the_sitemap_lists_every_indexable_page_with_its_own_date(published: BuiltSite) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ET.parse(published.site / "sitemap.xml").getroot()
    entries = {u.findtext("s:loc", "", ns): u.findtext("s:lastmod", None, ns) for u in sitemap.iterfind("s:url", ns)}
    assert len(entries) > 10
    for url in entries:
        assert_resolves(published.site, url)
        page = BeautifulSoup(site_file(published.site, url).read_text(encoding="utf-8"), "html.parser")
        assert page.find("meta", attrs={"name": "robots"}) is None, f"{url} asks to stay out of search engines"
    assert entries[f"{SITE_URL}2025/11/25/"] == "2025-11-27"  # its updated:
    assert entries[f"{SITE_URL}2025/11/24/"] == "2025-11-24"  # its date
    assert entries[f"{SITE_URL}about/"] is None  # hand-written: no date that two builds agree on
    noindex = [
        p for p in published.site.rglob("index.html") if 'name="robots" content="noindex"' in p.read_text("utf-8")
    ]
    assert noindex, "no noindex page to leave out"
    listed = {site_file(published.site, u) for u in entries}
    assert not listed & set(noindex)
    today = dt.date.today().isoformat()
    assert today not in entries.values()


def test_robots_txt_names_the_sitemap(published: BuiltSite) -> None:
    robots = (published.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
    assert "User-agent: *" in robots.splitlines()


def test_a_build_without_site_url_says_why_and_has_no_feeds(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"2025/11/2025-11-26.md": DAYS["2025/11/2025-11-26.md"]})
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["site_url"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    strict = build(root, "--strict")
    assert strict.returncode != 0
    assert "no site_url" in strict.log, strict.log
    lenient = build(root)
    assert lenient.returncode == 0, lenient.log
    assert not (lenient.site / "feed.xml").exists()
    assert "application/rss+xml" not in lenient.html("2025/11/26/")


# -- byte-identical builds ----------------------------------------------------------------------

# Pagefind wrote its filter index in a different order on every run; the search has no Pagefind
# filters now (src/dateline/search.py, filter_words), so every file is held to zero, its index too.


def _build_example(out: Path, tz: str, epoch: str | None) -> None:
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(out.parent), "TZ": tz}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path, figures: dict[str, str]) -> None:
    # Two clocks a day and a half apart, two time zones, a pause between the builds.
    _build_example(tmp_path / "one" / "site", "UTC", "1764590400")
    time.sleep(2)
    _build_example(tmp_path / "two" / "site", "Pacific/Kiritimati", "1764720000")
    one, two = _files(tmp_path / "one" / "site"), _files(tmp_path / "two" / "site")
    differ = sorted(p for p in one.keys() | two.keys() if one.get(p) != two.get(p))
    figures["determinism: files that differ between two builds"] = f"{len(differ)} of {len(one)}"
    assert "sitemap.xml.gz" in one and "feed.xml" in one and "robots.txt" in one
    assert any(p.startswith("pagefind/") for p in one)
    assert not differ, f"{len(differ)} files differ: {differ[:20]}"


# -- in a browser -------------------------------------------------------------------------------


def _requests_of_a_cold_view(browser: Any, url: str) -> list[str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        seen: list[str] = []
        page.on("request", lambda request: seen.append(request.url))
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)
        rels = page.eval_on_selector_all(
            "link[type='application/rss+xml'], link[type='application/atom+xml'], link[type='application/feed+json']",
            "links => links.map(l => l.relList.contains('alternate'))",
        )
        assert rels and all(rels), f"the browser does not read the feed links as rel=alternate: {rels}"
        return seen
    finally:
        context.close()


@pytest.mark.browser
def test_a_cold_day_view_never_fetches_the_sitemap(published: BuiltSite, browser: Any, tmp_path: Path) -> None:
    with serve_folder(published.site) as base:
        requests = _requests_of_a_cold_view(browser, base + "2025/11/25/")
    assert requests, "no request was seen"
    assert not [r for r in requests if "sitemap" in r], requests
    # The same page with plain rel="alternate" does fetch it: what the test guards against.
    copy = tmp_path / "site"
    shutil.copytree(published.site, copy)
    day = copy / "2025/11/25/index.html"
    day.write_text(day.read_text(encoding="utf-8").replace('rel=" alternate"', 'rel="alternate"'), encoding="utf-8")
    with serve_folder(copy) as base:
        plain = _requests_of_a_cold_view(browser, base + "2025/11/25/")
    assert [r for r in plain if r.endswith("sitemap.xml")], plain


# -- the GitHub Pages workflow ------------------------------------------------------------------

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
BIN = Path(sys.executable).parent


def test_workflows_match_githubs_schema() -> None:
    assert WORKFLOWS
    proc = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    proc = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "json", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    findings = json.loads(proc.stdout or "[]")
    assert proc.returncode == 0 and findings == [], proc.stdout + proc.stderr


def test_zizmor_would_catch_an_unpinned_action(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(WORKFLOWS[0].read_text(encoding="utf-8").replace(
        "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "actions/checkout@v7"
    ), encoding="utf-8")  # fmt: skip
    proc = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "json", str(bad)], capture_output=True, text=True, timeout=120
    )
    assert "unpinned-uses" in proc.stdout, proc.stdout + proc.stderr


def test_the_workflow_tests_everything_and_deploys_only_main() -> None:
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "pull_request"} and triggers["push"]["branches"] == ["main"]
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    uses = [step["uses"] for job in jobs.values() for step in job["steps"] if "uses" in step]
    for line in re.findall(r"uses: (\S+.*)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line
    assert any(u.startswith("actions/cache@") for u in uses)
    test, deploy = jobs["test"], jobs["deploy"]
    assert any(step.get("run") == "bash .ci/run" for step in test["steps"])  # make test
    assert test["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["needs"] == "test"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["environment"]["name"] == "github-pages"
    # The artifact is uploaded only in the job that deploys it.
    for name, job in jobs.items():
        uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
        deploys = [s for s in job["steps"] if s.get("uses", "").startswith("actions/deploy-pages@")]
        assert bool(uploads) == bool(deploys), name
    assert [s.get("run") for s in deploy["steps"] if s.get("run")] == ["make site"]
