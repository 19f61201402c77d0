"""Unit tests of the core's reading of day files: no MkDocs, exact results and line numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.content import day_markdown, load_days, load_texts, slugify
from dateline.model import Chronicle, CountingRule, Problem, SectionSetting, Settings

SETTINGS = Settings(
    sections=(
        SectionSetting("fighting", "Fighting", ("Battlefield", "Fighting and weapons")),
        SectionSetting("peace-plan", "Peace plan", ("Trump’s plan", "Peace talks")),
        SectionSetting("politics", "Politics and diplomacy", ("Diplomacy",)),
    ),
)

GOOD = """\
---
title: "Zelensky at the Élysée: letter of intent for 100 Rafale jets"
summary: Kyiv’s air force gets a long-term plan; fighting near Kupiansk and Zaporizhzhia.
tags: [France, air-defence, Kupiansk]
related: [2025-11-13]
sources:
  - https://example.org/story
  - {title: “Example” News, url: https://example.org/other}
updated: 2025-11-18T09:30:00+02:00
---

A lede before the first section, with €4.2 billion and $100 million.

## Fighting:

Russian forces pressed on **Kupiansk** and near Zaporizhzhia.

### Pokrovsk

- Street fighting continued.

## Trump’s plan

Talks in Türkiye, see [the earlier day](2025-11-13.md#fighting) and [[2025-11-13]].

```
## Not a section
[not a link](2025-11-01.md)
```
"""

EARLIER = """\
---
title: Earlier
---

## Battlefield

Shelling of Kherson.
"""


def load(files: dict[str, str], settings: Settings = SETTINGS) -> Chronicle:
    return load_texts(files, settings)


def problems(chronicle: Chronicle) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.severity) for p in chronicle.problems]


def test_reads_a_messy_real_day() -> None:
    chronicle = load({"content/2025/11/2025-11-17.md": GOOD, "content/2025/11/2025-11-13.md": EARLIER})
    assert chronicle.problems == ()
    day = chronicle.find(dt.date(2025, 11, 17))
    assert day is not None
    assert day.title == "Zelensky at the Élysée: letter of intent for 100 Rafale jets"
    assert day.number == 1362
    assert day.tags == ("france", "air-defence", "kupiansk")
    assert day.related == (dt.date(2025, 11, 13),)
    assert [s.title for s in day.sources] == [None, "“Example” News"]
    assert day.updated == dt.datetime(2025, 11, 18, 7, 30, tzinfo=dt.UTC)
    assert [(s.slug, s.name, s.heading) for s in day.sections] == [
        ("fighting", "Fighting", "Fighting:"),
        ("peace-plan", "Peace plan", "Trump’s plan"),
    ]
    assert day.lede.startswith("A lede before the first section, with €4.2 billion")
    assert "### Pokrovsk" in day.sections[0].markdown
    assert "## Not a section" in day.sections[1].markdown  # fenced code is not a heading
    assert day.links == (dt.date(2025, 11, 13),)


def test_links_to_days_become_paths_relative_to_the_page() -> None:
    chronicle = load(
        {
            "content/2025/11/2025-11-17.md": GOOD,
            "content/2025/11/2025-11-13.md": EARLIER,
        }
    )
    day = chronicle.find(dt.date(2025, 11, 17))
    assert day is not None
    on_day_page = day_markdown(day, chronicle, day.src_uri)
    assert "[the earlier day](13.md#fighting)" in on_day_page
    assert "[Day 1,358 (13 November)](13.md)" in on_day_page
    assert "[not a link](2025-11-01.md)" in on_day_page  # code is left alone
    on_home = day_markdown(day, chronicle, "index.md")
    assert "[the earlier day](2025/11/13.md#fighting)" in on_home


def test_sections_become_tabs_in_file_order_with_their_print_heading() -> None:
    chronicle = load({"content/2025/11/2025-11-17.md": GOOD, "content/2025/11/2025-11-13.md": EARLIER})
    day = chronicle.find(dt.date(2025, 11, 17))
    assert day is not None
    text = day_markdown(day, chronicle, day.src_uri)
    assert text.index('=== "Fighting"') < text.index('=== "Peace plan"')
    assert "    Peace plan\n    {: .dl-section-heading" in text
    assert "        - Street fighting continued." not in text  # indented once, not twice
    assert "    - Street fighting continued." in text


def test_short_link_with_label() -> None:
    chronicle = load(
        {
            "content/2025/11/2025-11-13.md": EARLIER,
            "content/2025/12/2025-12-01.md": "## Fighting\n\nSee [[2025-11-13|the Kherson shelling]].\n",
        }
    )
    day = chronicle.find(dt.date(2025, 12, 1))
    assert day is not None
    assert "[the Kherson shelling](../11/13.md)" in day_markdown(day, chronicle, day.src_uri)


def test_bom_and_crlf_are_not_problems() -> None:
    text = "\ufeff---\r\ntitle: Windows file\r\n---\r\n\r\n## Fighting\r\n\r\nText.\r\n"
    chronicle = load_texts({"content/2025/11/2025-11-20.md": text}, SETTINGS)
    assert chronicle.problems == ()
    assert chronicle.days[0].title == "Windows file"
    assert chronicle.days[0].sections[0].markdown == "Text."


def test_day_count_follows_the_setting() -> None:
    one_based = Settings(sections=SETTINGS.sections, counting=(CountingRule(dt.date(2022, 2, 24), 1),))
    files = {"content/2025/11/2025-11-26.md": "## Fighting\n\nText.\n"}
    assert load(files).days[0].number == 1371
    assert load(files, one_based).days[0].number == 1372


def test_pinned_day_number_is_used_and_noted() -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": "---\nday: 1372\n---\n\n## Fighting\n\nText.\n"})
    assert chronicle.days[0].number == 1372
    assert chronicle.days[0].pinned
    assert chronicle.problems == (
        Problem("content/2025/11/2025-11-26.md", 2, "pins day 1,372; the counting rule gives 1,371", "note"),
    )


def test_a_leading_title_heading_serves_when_front_matter_has_none() -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": "# Strike on Kyiv\n\nLede.\n\n## Fighting\n\nText.\n"})
    assert chronicle.days[0].title == "Strike on Kyiv"
    assert chronicle.days[0].lede == "Lede."


def test_drafts_are_left_out_unless_shown() -> None:
    files = {"content/2025/11/2025-11-26.md": "---\ndraft: true\n---\n\n## Fighting\n\nText.\n"}
    assert load(files).days == ()
    assert len(load(files, Settings(sections=SETTINGS.sections, show_drafts=True)).days) == 1


# -- every problem of DESIGN.md §2, with its line, and the day still published ------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: Trump: a plan\n---\n\n## Fighting\n\nText.\n", 2, "bad YAML: mapping values are not allowed"),
        ("---\ntitle: ok\nsummary: [unclosed\n---\n\n## Fighting\n\nText.\n", 3, "bad YAML"),
        ("---\ntitle: ok\ntags: kyiv, peace-plan\n---\n\n## Fighting\n\nText.\n", 3, "'tags' must be a list"),
        ("---\ntitle: [a, b]\n---\n\n## Fighting\n\nText.\n", 2, "'title' must be text, not a list"),
        ("---\ndraft: maybe\n---\n\n## Fighting\n\nText.\n", 2, "'draft' must be true or false"),
        ("---\nday: -3\n---\n\n## Fighting\n\nText.\n", 2, "'day' must be a whole number"),
        ("---\nupdated: yesterday\n---\n\n## Fighting\n\nText.\n", 2, "'updated' must be a date and time"),
        ("---\nsources: [42]\n---\n\n## Fighting\n\nText.\n", 2, "'sources' must hold links"),
        ("---\ntitle: a\ntittle: b\n---\n\n## Fighting\n\nText.\n", 3, "unknown key 'tittle': did you mean 'title'?"),
        ("---\ntitle: a\ntitle: b\n---\n\n## Fighting\n\nText.\n", 3, "key 'title' appears twice"),
        ("---\ntitle: never closed\n\n## Fighting\n\nText.\n", 1, "front matter opened with '---' is never closed"),
        ("---\n- a\n- b\n---\n\n## Fighting\n\nText.\n", 2, "front matter must be 'key: value' lines"),
        ("---\ntitle: ok\n---\n\nJust a lede and no tabs.\n", 5, "no section"),
        ("## Fighting\n\nOne.\n\n## Peace plan\n\n## Diplomacy\n\nTwo.\n", 5, "section 'Peace plan' is empty"),
        ("## Fighting\n\nOne.\n\n## Battlefield\n\nTwo.\n", 5, "section 'Fighting' appears twice (first on line 1)"),
        ("## \n\nText.\n", 1, "section heading without a name"),
        ("---\nrelated: [2025-11-20, 2025-11-02]\n---\n\n## Fighting\n\nText.\n", 2, "related: 2025-11-02 is a day"),
        ("---\nrelated:\n  - 2025-11-20\n  - 2025-11-02\n---\n\n## Fighting\n\nx\n", 4, "related: 2025-11-02 is a day"),
        (
            "## Fighting\n\nFirst line.\nSee [this](2025-11-02.md).\n",
            4,
            "link to a day that does not exist: 2025-11-02",
        ),
        ("## Fighting\n\nSee [[2025-11-03]].\n", 3, "link to a day that does not exist: 2025-11-03"),
        ("## Fighting\n\n[ref]: ../10/2025-10-31.md\n", 3, "link to a day that does not exist"),
    ],
)
def test_problem_is_reported_with_its_line_and_the_day_still_published(text: str, line: int, message: str) -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": text, "content/2025/11/2025-11-20.md": EARLIER})
    found = [p for p in chronicle.problems if p.severity == "error"]
    assert len(found) == 1, chronicle.problems
    assert found[0].path == "content/2025/11/2025-11-26.md"
    assert found[0].line == line
    assert message in found[0].message
    assert chronicle.find(dt.date(2025, 11, 26)) is not None
    assert chronicle.find(dt.date(2025, 11, 20)) is not None


def test_duplicate_section_is_merged_not_lost() -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": "## Fighting\n\nOne.\n\n## Battlefield\n\nTwo.\n"})
    (section,) = chronicle.days[0].sections
    assert section.markdown == "One.\n\nTwo."


def test_unknown_section_is_kept_with_a_warning() -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": "## Fighting\n\nOne.\n\n## Türkiye’s role\n\nTwo.\n"})
    assert [(s.slug, s.name) for s in chronicle.days[0].sections] == [
        ("fighting", "Fighting"),
        ("turkiyes-role", "Türkiye’s role"),
    ]
    assert problems(chronicle) == [("content/2025/11/2025-11-26.md", 5, "warning")]
    assert "not in the settings" in chronicle.problems[0].message


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    day = tmp_path / "content" / "2025" / "11" / "2025-11-26.md"
    day.parent.mkdir(parents=True)
    day.write_bytes(b"---\ntitle: Kyiv\n---\n\n## Fighting\n\nZaporizhzhia and " + b"Kiev\xe9 shelled.\n")
    (day.parent / "2025-11-25.md").write_text("## Fighting\n\nText.\n", encoding="utf-8")
    chronicle = load_days(Settings(root=tmp_path, sections=SETTINGS.sections))
    assert problems(chronicle) == [("content/2025/11/2025-11-26.md", 7, "error")]
    assert "not UTF-8" in chronicle.problems[0].message
    assert len(chronicle.days) == 2
    assert "Zaporizhzhia and Kiev\ufffd shelled." in chronicle.days[1].sections[0].markdown


def test_date_that_does_not_exist_and_two_files_for_one_date(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for path in ("2025/02/2025-02-30.md", "2025/11/2025-11-26.md", "extra/2025-11-26.md", "2025/11/2025-11-25.md"):
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text("## Fighting\n\nText.\n", encoding="utf-8")
    (content / "README.md").write_text("Notes for editors.\n", encoding="utf-8")
    chronicle = load_days(Settings(root=tmp_path, sections=SETTINGS.sections))
    assert [str(p) for p in chronicle.problems] == [
        "content/2025/02/2025-02-30.md:1: error: no such date: 2025-02-30",
        "content/README.md:1: warning: not a day file: name it YYYY-MM-DD.md",
        "content/extra/2025-11-26.md:1: error: two files for 2025-11-26: content/2025/11/2025-11-26.md is used",
    ]
    assert [d.date.isoformat() for d in chronicle.days] == ["2025-11-25", "2025-11-26"]


def test_link_to_a_draft_is_a_problem() -> None:
    chronicle = load(
        {
            "content/2025/11/2025-11-25.md": "---\ndraft: true\n---\n\n## Fighting\n\nText.\n",
            "content/2025/11/2025-11-26.md": "## Fighting\n\nAs [yesterday](2025-11-25.md).\n",
        }
    )
    assert [str(p) for p in chronicle.problems] == [
        "content/2025/11/2025-11-26.md:3: error: link to a draft: 2025-11-25.md"
    ]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Peace plan", "peace-plan"),
        ("Trump’s plan", "trumps-plan"),
        ("Türkiye", "turkiye"),
        ("Élysée talks", "elysee-talks"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


# -- what a review of real editing turned up ----------------------------------------------


def errors(chronicle: Chronicle) -> list[str]:
    return [str(p) for p in chronicle.problems]


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("related: [2025-02-30]", 2),
        ("updated: 2025-11-27T25:00:00", 2),
        ("title: ok\ntags: [2025-02-29]", 3),
    ],
)
def test_a_date_that_does_not_exist_in_the_front_matter_is_a_problem_not_a_crash(front: str, line: int) -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": f"---\n{front}\n---\n\n## Fighting\n\nText.\n"})
    (problem,) = chronicle.problems
    assert (problem.line, problem.severity) == (line, "error")
    assert problem.message.startswith("bad YAML value for")
    assert chronicle.days[0].sections[0].markdown == "Text."


def test_sections_and_tags_in_other_scripts_keep_their_names() -> None:
    chronicle = load(
        {"content/2025/11/2025-11-26.md": "---\ntags: [Київ, Харків]\n---\n\n## Війна\n\nA.\n\n## Мир\n\nB.\n"}
    )
    day = chronicle.days[0]
    assert day.tags == ("київ", "харків")
    assert [(s.slug, s.name) for s in day.sections] == [("війна", "Війна"), ("мир", "Мир")]
    assert [p.severity for p in chronicle.problems] == ["warning", "warning"]  # not configured, nothing merged


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: X\n---\n\nLede [[2025-11-09]].\n\n## Fighting\n\nx\n", 5),
        ("# Headline\n\nLede [[2025-11-09]].\n\n## Fighting\n\nx\n", 3),
        ("## Fighting\n\nx\n\n## Battlefield\n\nmore\n\nz [[2025-11-09]]\n", 9),
    ],
)
def test_links_are_reported_on_their_own_line(text: str, line: int) -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": text})
    found = [p for p in chronicle.problems if "link to" in p.message]
    assert [p.line for p in found] == [line]


def test_related_items_are_reported_on_their_own_lines() -> None:
    text = "---\nrelated:\n  - nope\n  - 2025-11-09\n---\n\n## Fighting\n\nx\n"
    assert errors(load({"content/2025/11/2025-11-26.md": text})) == [
        "content/2025/11/2025-11-26.md:3: error: 'related' must hold dates as YYYY-MM-DD, not 'nope'",
        "content/2025/11/2025-11-26.md:4: error: related: 2025-11-09 is a day that does not exist",
    ]


def test_front_matter_after_a_blank_line_is_read_with_a_warning() -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": "\n---\ntitle: X\ntags: [a]\n---\n\n## Fighting\n\nx\n"})
    assert errors(chronicle) == ["content/2025/11/2025-11-26.md:2: warning: front matter should start on line 1"]
    assert (chronicle.days[0].title, chronicle.days[0].tags) == ("X", ("a",))


def test_an_unclosed_code_fence_is_an_error() -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": "## Fighting\n\n```\ncode\n\n## Peace plan\n\nplan\n"})
    assert errors(chronicle) == [
        "content/2025/11/2025-11-26.md:3: error: code block opened with ``` is never closed:"
        " the rest of the file is code"
    ]


def test_setext_heading_and_hash_in_a_heading() -> None:
    chronicle = load({"content/2025/11/2025-11-26.md": "## C#\n\nx\n\nPeace plan\n----------\n\ny\n"})
    assert [s.name for s in chronicle.days[0].sections] == ["C#"]
    assert "'Peace plan' underlined with '-' is a heading but not a section" in errors(chronicle)[1]
    assert chronicle.problems[1].line == 5


def test_links_in_code_are_left_alone() -> None:
    files = {
        "content/2025/11/2025-11-02.md": EARLIER,
        "content/2025/11/2025-11-26.md": (
            "## Fighting\n\nPara\n\n    [[2025-11-02]] in indented code\n\n"
            "See [[2025-11-02]], and write `[label](2025-11-03.md)` to link a day.\n\n"
            "- a list\n\n    [[2025-11-02]] continues the list item\n"
        ),
    }
    chronicle = load(files)
    assert chronicle.problems == ()
    text = chronicle.days[1].sections[0].markdown
    assert "    [[2025-11-02]] in indented code" in text
    assert "`[label](2025-11-03.md)`" in text
    assert text.count("\ue0002025-11-02\ue001") == 2


def test_a_link_to_a_missing_day_is_shown_as_plain_text() -> None:
    chronicle = load(
        {
            "content/2025/11/2025-11-26.md": (
                '## Fighting\n\n[[2025-11-09]], [[2025-11-09|the talks]], [x](2025-11-09.md "t").\n'
            )
        }
    )
    assert chronicle.days[0].sections[0].markdown == "2025-11-09, the talks, x."
    assert len(chronicle.problems) == 3


def test_a_day_before_the_story_starts_is_a_warning() -> None:
    chronicle = load({"content/2021/11/2021-11-26.md": "## Fighting\n\nx\n"})
    assert errors(chronicle) == ["content/2021/11/2021-11-26.md:1: warning: comes before the story starts: day -90"]
