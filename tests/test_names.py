"""Name pages: people, places and organisations found in the days' own text, with their sentences."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import BuiltSite, build, make_project
from dateline.content import load_texts
from dateline.model import SectionSetting, Settings
from dateline.names import build_names, link_first_mentions, name_pattern, reading_text, sentences

SETTINGS = Settings(sections=(SectionSetting("fighting", "Fighting"), SectionSetting("peace-plan", "Peace plan")))

# Every name page the example chronicle has, checked by hand: each a real person, place or
# organisation. A page for anything else fails the test below.
REAL_NAMES = {
    "Andriy Yermak", "Belgium", "Brussels", "Dan Driscoll", "Dnipropetrovsk", "Donald Trump", "Donetsk",
    "Energoatom", "EU", "Europe", "European Commission", "Geneva", "Herman Halushchenko", "Huliaipole",
    "Kharkiv", "Kremlin", "Kupiansk", "Kyiv", "Marco Rubio", "Moscow", "Myrnohrad", "NABU", "NATO",
    "Oleksandr Tsukerman", "Pokrovsk", "Russia", "Rustem Umerov", "Security Council", "Steve Witkoff",
    "Svitlana Hrynchuk", "Ternopil", "Tymur Mindich", "Ukraine", "US", "US Army", "Vladimir Putin",
    "Volodymyr Zelensky", "Washington", "Yuri Ushakov", "Zaporizhzhia",
}  # fmt: skip


def _chronicle(days: dict[str, str], settings: Settings = SETTINGS) -> dict[str, object]:
    chronicle = load_texts({f"content/{d[:4]}/{d[5:7]}/{d}.md": text for d, text in days.items()}, settings)
    return {"chronicle": chronicle, "names": build_names(chronicle, settings)}


def _three(text: str) -> dict[str, str]:
    return {f"2025-11-0{i}": f"## Fighting\n\n{text}\n" for i in (1, 2, 3)}


# -- the core -----------------------------------------------------------------------------------


def test_a_name_needs_min_days_and_a_surname_joins_its_full_name() -> None:
    days = {
        "2025-11-01": "## Fighting\n\nOn Monday Steve Witkoff flew to Moscow. Shelling hit Kupiansk.\n",
        "2025-11-02": "## Fighting\n\nIn Miami, Witkoff met Kirill Dmitriev. Shelling hit Kupiansk.\n",
        "2025-11-03": "## Peace plan\n\nThe envoy, Mr. Witkoff, said little. All quiet in Kupiansk.\n",
    }
    names = _chronicle(days)["names"]
    assert isinstance(names, dict)
    assert list(names) == ["kupiansk", "steve-witkoff"]  # A to Z; Moscow, Dmitriev, Miami once only
    witkoff = names["steve-witkoff"]
    assert witkoff.name == "Steve Witkoff" and witkoff.spellings == ("Steve Witkoff", "Witkoff")
    assert [d.date.day for d in witkoff.days] == [3, 2, 1]  # newest first
    [mention] = witkoff.mentions(witkoff.days[0])
    assert mention.sentence == "The envoy, Mr. Witkoff, said little."
    assert mention.section is not None and mention.section.slug == "peace-plan"
    assert [mention.sentence[a:b] for a, b in mention.spans] == ["Witkoff"]
    settings = replace(SETTINGS, names_min_days=4)
    assert _chronicle(days, settings)["names"] == {}


def test_aliases_make_one_page_and_exclusions_none() -> None:
    days = {
        "2025-11-01": "## Fighting\n\nIn Kyiv, Zelenskyy spoke of Russian shelling.\n",
        "2025-11-02": "## Fighting\n\nIn Kyiv, Volodymyr Zelensky spoke on Thursday.\n",
        "2025-11-03": "## Fighting\n\nIn Kyiv, Zelensky met Ukrainians.\n",
    }
    settings = replace(SETTINGS, names_aliases=(("Volodymyr Zelensky", ("Zelenskyy",)),), names_exclude=("Kyiv",))
    names = _chronicle(days, settings)["names"]
    assert isinstance(names, dict)
    assert list(names) == ["volodymyr-zelensky"]  # no Kyiv (excluded), no "Russian", "Ukrainians"
    zelensky = names["volodymyr-zelensky"]
    assert len(zelensky.days) == 3
    assert set(zelensky.spellings) == {"Volodymyr Zelensky", "Zelensky", "Zelenskyy"}


def test_names_keep_diacritics_and_apostrophes_and_match_either_style() -> None:
    names = _chronicle(_three("In Ankara, Recep Tayyip Erdoğan hosted talks; Seán O’Brien of the UN watched."))["names"]
    assert isinstance(names, dict)
    assert {n.name for n in names.values()} == {"Ankara", "Recep Tayyip Erdoğan", "Seán O’Brien", "UN"}
    obrien = next(n for n in names.values() if n.name == "Seán O’Brien")
    assert obrien.slug == "sean-obrien"
    assert name_pattern(obrien).search("Seán O'Brien said") is not None  # a straight apostrophe too


def test_sentences_mind_abbreviations_initials_amounts_and_quotes() -> None:
    text = (
        "Mr. Witkoff met the U.S. envoy in Geneva. The EU pledged €8.1 bn. “We will stay,” said Zelensky. "
        "J. D. Vance agreed! Talks go on…"
    )
    assert sentences(text) == [
        "Mr. Witkoff met the U.S. envoy in Geneva.",
        "The EU pledged €8.1 bn.",
        "“We will stay,” said Zelensky.",
        "J. D. Vance agreed!",
        "Talks go on…",
    ]
    assert reading_text("### Kupiansk\n\n- one [link](2025-11-01.md)\n- `code` and *em*\n\nPara") == (
        "one link. code and em. Para."
    )


def test_first_mention_in_each_section_is_linked_and_editors_links_are_left_alone() -> None:
    names = _chronicle(_three("Shelling hit Kupiansk."))["names"]
    assert isinstance(names, dict)
    target = [(name_pattern(names["kupiansk"]), "K")]
    text = "`Kupiansk` in code, [Kupiansk](2025-11-01.md) by the editor.\n\n### Kupiansk\n\nKupiansk held. Kupiansk."
    assert link_first_mentions(text, target) == (
        "`Kupiansk` in code, [Kupiansk](2025-11-01.md) by the editor.\n\n### Kupiansk\n\n[Kupiansk](K) held. Kupiansk."
    )
    fenced = "```\nKupiansk\n```\nKupiansk’s defenders."
    assert link_first_mentions(fenced, target) == "```\nKupiansk\n```\n[Kupiansk](K)’s defenders."
    # An editor's own HTML link keeps its text: a link inside it would be a link in a link.
    html = 'See <a href="https://example.org/">the Kupiansk report</a> and <A HREF=x>Kupiansk</A>; Kupiansk held.'
    assert link_first_mentions(html, target) == (
        'See <a href="https://example.org/">the Kupiansk report</a> and <A HREF=x>Kupiansk</A>; [Kupiansk](K) held.'
    )


# -- the example site ------------------------------------------------------------------------------


def test_every_name_page_of_the_example_is_a_real_name(example_site: BuiltSite, figures: dict[str, str]) -> None:
    page = BeautifulSoup(example_site.html("names/"), "html.parser")
    names = {a.get_text() for a in page.select(".dl-tags__list a")}
    real = names & REAL_NAMES
    figures["name pages: precision on the example (hand-checked)"] = (
        f"{len(real)}/{len(names)} = {len(real) / len(names):.3f}"
    )
    assert len(names) >= 30
    assert names <= REAL_NAMES, f"not real names: {sorted(names - REAL_NAMES)}"
    assert len(real) / len(names) >= 0.95
    letters = [a.get_text() for a in page.select(".dl-jump a")]
    assert letters == sorted(letters) and "K" in letters


def test_a_name_page_shows_each_day_with_its_sentence_and_a_link_to_the_tab(example_site: BuiltSite) -> None:
    page = BeautifulSoup(example_site.html("names/kupiansk/"), "html.parser")
    assert page.select_one("h1").get_text() == "Kupiansk"
    entries = page.select(".dl-entry")
    assert [e["data-day"] for e in entries] == ["1371", "1365", "1346"]
    quote = entries[0].select_one(".dl-quote")
    assert quote.select_one("mark").get_text() == "Kupiansk"
    assert quote.get_text(" ", strip=True).startswith("Around Kupiansk , Ukraine says it is still clearing")
    assert quote.select_one("a.dl-quote__where")["href"] == "../../2025/11/26/#fighting"
    # A sub-heading is not a sentence: 1 November's "### Kupiansk" is not quoted.
    assert all(q.get_text(strip=True) != "Kupiansk.in Fighting" for q in page.select(".dl-quote"))


def test_day_pages_link_names_at_their_first_mention_in_each_section(example_site: BuiltSite) -> None:
    page = BeautifulSoup(example_site.html("2025/11/26/"), "html.parser")
    fighting, peace = page.select(".tabbed-block")
    links = [a["href"] for a in fighting.select('a[href*="/names/"]')]
    assert links.count("../../../names/kupiansk/") == 1 and links.count("../../../names/zaporizhzhia/") == 1
    assert "../../../names/yuri-ushakov/" in [a["href"] for a in peace.select("a")]
    # The editor's own link is untouched: "captured town" still goes to 20 November.
    assert fighting.select_one('a[href="../20/"]').get_text() == "captured town"


def test_name_pages_paginate(tmp_path: Path) -> None:
    days: dict[str, str | bytes] = {}
    for i in range(25):
        date = dt.date(2025, 10, 1) + dt.timedelta(days=i)
        days[f"{date:%Y/%m}/{date}.md"] = f"## Fighting\n\nShelling hit Kupiansk again on day {i}.\n"
    site = build(make_project(tmp_path, days), "--strict")
    assert site.returncode == 0, site.log
    first = BeautifulSoup(site.html("names/kupiansk/"), "html.parser")
    second = BeautifulSoup(site.html("names/kupiansk/page/2/"), "html.parser")
    assert len(first.select(".dl-entry")) == 20 and len(second.select(".dl-entry")) == 5
    assert second.select_one('link[rel="prev"]')["href"] == "../../"
