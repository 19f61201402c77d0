"""Related days, story threads, on this day, mentioned by, and the names they rest on: no MkDocs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dateline.model import Chronicle, Day, RelatedWeights, Section, Settings
from dateline.names import extract_names
from dateline.related import REACH, RelatedIndex, Relation, Thread
from related_corpus import planted_corpus

FIGHTING, PEACE = "Fighting", "Peace plan"
SLUGS = {FIGHTING: "fighting", PEACE: "peace-plan"}


def day(
    date: str,
    *sections: tuple[str, str],
    tags: tuple[str, ...] = (),
    related: tuple[str, ...] = (),
    links: tuple[str, ...] = (),
    path: str | None = None,
    title: str | None = None,
) -> Day:
    """A day as content.py would give it; `sections` are (name, markdown)."""
    when = dt.date.fromisoformat(date)
    return Day(
        date=when,
        path=path or f"content/{when:%Y/%m}/{date}.md",
        number=(when - dt.date(2022, 2, 24)).days,
        title=title,
        tags=tags,
        related=tuple(dt.date.fromisoformat(r) for r in related),
        links=tuple(dt.date.fromisoformat(x) for x in links),
        sections=tuple(Section(SLUGS[n], n, n, 1, text) for n, text in sections),
    )


def dates(relations: tuple[Relation, ...]) -> list[str]:
    return [r.day.date.isoformat() for r in relations]


def reasons(relations: tuple[Relation, ...]) -> list[tuple[str, str]]:
    return [(r.day.date.isoformat(), r.reason) for r in relations]


# Five days of one small story. For the 24th (weights 3 tags, 1 names, 0.25 sections):
# the 20th shares a tag, two names and a section (5.25); the 23rd and the 21st 4.25 each, the
# 23rd being nearer; the 22nd only a name and a section (1.25).
D20 = day("2025-11-20", (PEACE, "Talks in Geneva with Witkoff went on."), tags=("peace-plan",))
D21 = day("2025-11-21", (FIGHTING, "Russian units entered Siversk overnight."), tags=("siversk",))
D22 = day("2025-11-22", (FIGHTING, "Shelling hit Siversk again."))
D23 = day("2025-11-23", (PEACE, "The envoy Witkoff flew to Moscow."), tags=("peace-plan",))
D24 = day(
    "2025-11-24",
    (FIGHTING, "Fighting raged around Siversk."),
    (PEACE, "The envoy Witkoff met Umerov in Geneva."),  # Geneva is the rarer
    tags=("siversk", "peace-plan"),
)
STORY = (D20, D21, D22, D23, D24)


def index(*days: Day, **settings: Any) -> RelatedIndex:
    return RelatedIndex.build(Chronicle(days), Settings(**settings))


# -- related days ---------------------------------------------------------------------------


def test_days_are_ordered_by_score_then_nearest_and_say_why() -> None:
    found = index(*STORY).search(D24)
    assert reasons(found) == [
        ("2025-11-20", "same tag: Peace plan · also names Geneva, Witkoff · also in Peace plan"),
        ("2025-11-23", "same tag: Peace plan · also names Witkoff · also in Peace plan"),
        ("2025-11-21", "same tag: Siversk · also names Siversk · also in Fighting"),
        ("2025-11-22", "also names Siversk · also in Fighting"),
    ]
    assert [r.score for r in found] == [5.25, 4.25, 4.25, 1.25]
    first = found[0]
    assert (first.tags, first.names, first.sections) == (
        ("peace-plan",),
        ("Geneva", "Witkoff"),
        (PEACE,),
    )
    assert not any(r.explicit for r in found)


def test_the_editors_days_come_first_in_their_order_then_computed_ones_fill_up() -> None:
    shown = day(
        "2025-11-24", (FIGHTING, "Fighting raged around Siversk."), tags=("siversk",),
        related=("2025-11-22", "2025-11-20", "2025-11-22", "2025-11-24", "2025-12-31"),
    )  # fmt: skip
    found = index(D20, D21, D22, D23, shown, related_count=3).search(shown)
    assert reasons(found) == [
        ("2025-11-22", "Picked by the editor · also names Siversk · also in Fighting"),
        ("2025-11-20", "Picked by the editor"),
        ("2025-11-21", "same tag: Siversk · also names Siversk · also in Fighting"),
    ]
    assert [r.explicit for r in found] == [True, True, False]


def test_all_the_editors_days_are_shown_even_beyond_the_count_and_newer_ones_too() -> None:
    shown = day("2025-11-21", tags=("siversk",), related=("2025-11-24", "2025-11-20", "2025-11-23"))
    found = index(*STORY[:1], shown, *STORY[2:], related_count=2).search(shown)
    assert dates(found) == ["2025-11-24", "2025-11-20", "2025-11-23"]
    assert found[0].reason == "Picked by the editor · same tag: Siversk"


def test_newer_days_only_when_asked() -> None:
    assert reasons(index(*STORY).search(D22)) == [("2025-11-21", "also names Siversk · also in Fighting")]
    assert reasons(index(*STORY, related_include_newer=True).search(D22)) == [
        ("2025-11-21", "also names Siversk · also in Fighting"),
        ("2025-11-24", "also names Siversk · also in Fighting"),
    ]


def test_a_day_is_never_related_to_itself() -> None:
    lonely = day("2025-11-25", (FIGHTING, "Shelling hit Siversk."), related=("2025-11-25",))
    assert index(lonely).search(lonely) == ()
    assert D24 not in [r.day for r in index(*STORY, related_include_newer=True).search(D24)]


def test_the_count_is_a_limit() -> None:
    assert dates(index(*STORY, related_count=2).search(D24)) == ["2025-11-20", "2025-11-23"]
    assert index(*STORY, related_count=0).search(D24) == ()


def _everyday(n: int) -> list[Day]:
    """`n` days that all say "Kyiv" and are all tagged #ukraine; two share #siversk."""
    start = dt.date(2025, 10, 1)
    days = []
    for i in range(n):
        date = (start + dt.timedelta(days=i)).isoformat()
        tags = ("ukraine", "siversk") if i in (2, n - 1) else ("ukraine",)
        days.append(day(date, (FIGHTING, f"Drones hit Kyiv on day {i}."), tags=tags))
    return days


def test_over_common_keywords_are_dropped() -> None:
    days = _everyday(12)
    found = index(*days).search(days[-1])
    assert reasons(found) == [("2025-10-03", "same tag: Siversk")]


def test_a_small_site_keeps_its_common_keywords() -> None:
    """Six days or fewer (one list's worth) are never too common, however large their share."""
    days = _everyday(4)
    found = index(*days).search(days[-1])
    assert reasons(found) == [
        ("2025-10-03", "same tags: Ukraine, Siversk · also names Kyiv · also in Fighting"),
        ("2025-10-02", "same tag: Ukraine · also names Kyiv · also in Fighting"),
        ("2025-10-01", "same tag: Ukraine · also names Kyiv · also in Fighting"),
    ]


def test_how_common_is_too_common_can_be_set() -> None:
    days = _everyday(12)
    relaxed = RelatedIndex.build(Chronicle(tuple(days)), Settings(), common_share={"tags": 1.0})
    assert reasons(relaxed.search(days[-1]))[:2] == [
        ("2025-10-03", "same tags: Ukraine, Siversk"),
        ("2025-10-11", "same tag: Ukraine"),
    ]


def test_publishing_newer_days_leaves_older_pages_alone() -> None:
    days = _everyday(30)
    shown = days[7]
    assert index(*days[:8]).search(shown) == index(*days).search(shown)


def test_a_long_running_tag_reaches_only_its_nearest_days() -> None:
    """#grain is on a quarter of the days, 25 of them: each reaches its REACH nearest."""
    start = dt.date(2025, 1, 1)
    days = []
    for i in range(100):
        date = (start + dt.timedelta(days=i)).isoformat()
        text = "Ships left Izmail." if i in (0, 96) else "Ships left port."
        days.append(day(date, (FIGHTING, text), tags=("grain",) if i % 4 == 0 else ()))
    found = index(*days, related_count=30).search(days[96])
    grain = [r for r in found if r.tags]
    assert len(grain) == REACH
    assert grain[-1].day.date == start + dt.timedelta(days=96 - 4 * REACH)
    # The first day also shares a name: it is found, but #grain does not reach it.
    assert reasons(found)[-1] == ("2025-01-01", "also names Izmail")


def test_ties_go_to_the_nearest_then_by_path() -> None:
    """Two files for one date are an error, but the site still builds: the path decides."""
    shown = day("2025-11-10", (FIGHTING, "Shelling hit Siversk."))
    far = day("2025-11-01", (FIGHTING, "Shelling hit Siversk."))
    b = day("2025-11-05", (FIGHTING, "Shelling hit Siversk."), path="content/b/2025-11-05.md")
    a = day("2025-11-05", (FIGHTING, "Shelling hit Siversk."), path="content/a/2025-11-05.md")
    found = index(shown, far, b, a).search(shown)
    assert [r.day.path for r in found] == [a.path, b.path, far.path]
    # A day of the same date counts as "on or before", both ways.
    assert [r.day.path for r in index(shown, far, b, a).search(a)] == [b.path, far.path]
    # As near before as after: the newer first.
    after = day("2025-11-15", (FIGHTING, "Shelling hit Siversk."))
    found = index(shown, far, b, a, after, related_include_newer=True).search(shown)
    assert [r.day.path for r in found] == [after.path, a.path, b.path, far.path]


def test_weights_decide_which_signals_count() -> None:
    names_only = index(*STORY, related_weights=RelatedWeights(tags=0, names=1, sections=0))
    assert reasons(names_only.search(D24)) == [
        ("2025-11-20", "also names Geneva, Witkoff"),
        ("2025-11-23", "also names Witkoff"),
        ("2025-11-22", "also names Siversk"),
        ("2025-11-21", "also names Siversk"),
    ]


def test_a_reason_names_a_person_once_and_at_most_three_of_each() -> None:
    relation = Relation(
        D20,
        9.0,
        False,
        ("a", "b", "c", "d"),
        ("Witkoff", "Steve Witkoff", "Geneva", "Umerov", "Kyiv"),
        (),
    )
    assert relation.reason == "same tags: A, B, C · also names Steve Witkoff, Geneva, Umerov"


def test_results_are_deterministic() -> None:
    corpus = planted_corpus(150, seed=7)
    first = RelatedIndex.build(corpus.chronicle, Settings())
    again = RelatedIndex.build(planted_corpus(150, seed=7).chronicle, Settings())
    for shown in corpus.chronicle.days:
        assert reasons(first.search(shown)) == reasons(again.search(shown))


def test_a_day_from_elsewhere_is_refused() -> None:
    with pytest.raises(KeyError, match="2025-11-30"):
        index(*STORY).search(day("2025-11-30"))


# -- precision on planted stories -------------------------------------------------------------


def _precision(days: int, seed: int, weights: RelatedWeights) -> float:
    """Mean precision of the first k related days, k = min(5, earlier days of the same story)."""
    corpus = planted_corpus(days, seed)
    related = RelatedIndex.build(corpus.chronicle, Settings(related_weights=weights))
    precisions = []
    for shown in corpus.chronicle.days:
        truth = {d for d in corpus.stories.get(shown.date, ()) if d < shown.date}
        if truth:
            k = min(5, len(truth))
            found = [r.day.date for r in related.search(shown)[:k]]
            precisions.append(sum(d in truth for d in found) / k)
    return sum(precisions) / len(precisions)


def test_planted_stories_are_found(figures: dict[str, str]) -> None:
    precision = _precision(400, 2025, RelatedWeights())
    figures["related days: precision@5 on 400 planted days"] = f"{precision:.3f} (target >= 0.8)"
    assert precision >= 0.8, f"precision@5 {precision:.3f}"


def test_planted_stories_need_tags_and_names(figures: dict[str, str]) -> None:
    """The measure can fail: sections alone find almost none of the stories."""
    precision = _precision(400, 2025, RelatedWeights(tags=0, names=0, sections=1))
    figures["related days: precision@5 with sections only"] = f"{precision:.3f} (must stay < 0.3)"
    assert precision < 0.3, f"precision@5 {precision:.3f}"


# -- story threads, on this day, mentioned by ---------------------------------------------------


def test_story_threads_give_the_previous_and_next_day_of_each_tag() -> None:
    threads = index(*STORY).threads(D23)
    assert threads == (Thread("peace-plan", D20, D24),)
    assert index(*STORY).threads(D24) == (
        Thread("siversk", D21, None),
        Thread("peace-plan", D23, None),
    )
    assert index(*STORY).threads(D22) == ()  # no tags
    alone = day("2025-11-25", tags=("grain",))
    assert index(*STORY, alone).threads(alone) == ()  # a tag no other day has


def test_on_this_day_looks_at_the_same_date_in_earlier_years() -> None:
    days = [day(d) for d in ("2022-11-24", "2023-11-24", "2023-11-25", "2025-11-24", "2026-11-24")]
    related = index(*days)
    assert [(n, d.date.isoformat()) for n, d in related.on_this_day(days[3])] == [
        (2, "2023-11-24"),
        (3, "2022-11-24"),
    ]
    assert related.on_this_day(days[0]) == ()


def test_on_this_day_for_29_february_looks_only_at_29_february() -> None:
    days = [day(d) for d in ("2020-02-29", "2023-02-28", "2023-03-01", "2024-02-28", "2024-02-29")]
    related = index(*days)
    assert [(n, d.date.isoformat()) for n, d in related.on_this_day(days[4])] == [(4, "2020-02-29")]
    assert [(n, d.date.isoformat()) for n, d in related.on_this_day(days[3])] == [(1, "2023-02-28")]


def test_mentioned_by_lists_the_days_that_link_here_oldest_first() -> None:
    d1 = day("2025-11-01", links=("2025-11-03",))
    d2 = day("2025-11-02", links=("2025-11-01",))
    d3 = day("2025-11-03", links=("2025-11-01", "2025-11-03"))
    d4 = day("2025-11-04", links=("2025-11-01", "2025-11-02"))
    related = index(d4, d2, d3, d1)
    assert related.mentioned_by(d1) == (d2, d3, d4)
    # An older day can link ahead; a link to oneself is no mention.
    assert related.mentioned_by(d3) == (d1,)
    assert related.mentioned_by(d4) == ()


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "Talks with Gert Jan Koopman and Dan Driscoll resumed.",
            {"gert jan koopman": "Gert Jan Koopman", "dan driscoll": "Dan Driscoll"},
            id="multi-word",
        ),
        pytest.param(
            "Drones hit Zaporizhzhia while the Élysée called Türkiye.",
            {"zaporizhzhia": "Zaporizhzhia", "elysee": "Élysée", "turkiye": "Türkiye"},
            id="diacritics",
        ),
        pytest.param(
            "Strikes on Kyiv’s grid and Kyiv's metro; the mayor met O’Brien.",
            {"kyiv": "Kyiv", "o'brien": "O’Brien"},
            id="apostrophes",
        ),
        pytest.param(
            "Talks on Nagorno-Karabakh, Kremlin-backed units, Rostov-on-Don.",
            {
                "nagorno karabakh": "Nagorno-Karabakh",
                "kremlin": "Kremlin",
                "rostov on don": "Rostov-on-Don",
            },
            id="hyphens",
        ),
        pytest.param(
            "Talks with Ursula von der Leyen and de Gaulle.",
            {"ursula von der leyen": "Ursula von der Leyen", "gaulle": "Gaulle"},
            id="particles",
        ),
        pytest.param(
            "On Monday President Zelensky met Prime Minister Keir Starmer in November.",
            {"zelensky": "Zelensky", "keir starmer": "Keir Starmer"},
            id="stopwords-and-titles",
        ),
        pytest.param("Zelensky spoke. Officials said so.", {}, id="sentence-start-alone"),
        pytest.param(
            "Zelensky spoke. Later, Zelensky left.",
            {"zelensky": "Zelensky"},
            id="sentence-start-confirmed",
        ),
        pytest.param(
            "Gert Jan Koopman said so.",
            {"gert jan koopman": "Gert Jan Koopman"},
            id="sentence-start-multi-word",
        ),
        pytest.param(
            "Heavy Russian shelling hit Kharkiv after heavy rain.",
            {"russian": "Russian", "kharkiv": "Kharkiv"},
            id="sentence-start-ordinary-word",
        ),
        pytest.param(
            'He said: “Peace is near,” and left. "Talks" went on in Geneva.',
            {"geneva": "Geneva"},
            id="quotes-and-colons-start-sentences",
        ),
        pytest.param(
            "Talks with Mr. Witkoff and J. D. Vance in the U.S. capital.",
            {"witkoff": "Witkoff", "vance": "Vance", "us": "US"},
            id="abbreviations-and-initials",
        ),
        pytest.param(
            "Read [the Geneva talks](https://example.org/Witkoff) and"
            " [more](\ue0002025-11-23#Kyiv\ue001) in `Kyiv` or <abbr title='Odesa'>here</abbr>,"
            " https://example.org/Lviv too.",
            {"geneva": "Geneva"},
            id="link-targets-code-and-html-ignored",
        ),
        pytest.param(
            "## Zelensky Meets Trump in Geneva\n\nNothing else happened.",
            {},
            id="title-case-heading-skipped",
        ),
        pytest.param(
            "- Kharkiv was hit\n- Odesa too\n\nShelling near Odesa, and **Sumy**.",
            {"odesa": "Odesa", "sumy": "Sumy"},
            id="list-items-start-sentences",
        ),
        pytest.param("A new iPhone for Apple staff.", {"apple": "Apple"}, id="inner-capitals"),
        pytest.param("We met O'Brien and O’Brien.", {"o'brien": "O'Brien"}, id="as-first-written"),
        pytest.param("Met O’Brien. We saw O'Brien.", {"o'brien": "O’Brien"}, id="known-rest"),
    ],
)
def test_names(text: str, names: dict[str, str]) -> None:
    assert extract_names(text) == names


def test_name_keys_ignore_diacritics_and_case() -> None:
    assert extract_names("Talks with Erdoğan.").keys() == extract_names("With ERDOGAN.").keys()
