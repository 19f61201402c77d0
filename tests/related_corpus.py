"""A synthetic chronicle with planted stories, to measure related days' precision and speed.

Every day reads like a digest day: a few sections of sentences naming places and people, about
two dozen names a day, as in the example site's days. The names follow the shape of real ones:
a handful on nearly every day ("Kyiv", "Putin"), some sixty drawn by a Zipf law, so that a few
are on a third of the days and most on a few in a hundred ("Kharkiv", "Rutte"), and many that
turn up once (made-up villages and officials). Tags and sections come from small pools too
("energy", "sanctions"; "Fighting", "Diplomacy").

Planted among them are stories: 6-12 days within six weeks that share a story tag and a rare
place ("Velykopilsk"), and often a person and a topic tag. Days of one story are truly related;
so that a shared place alone is not enough, other days mention a story's place in passing.

Seeded: the same arguments give the same chronicle.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dateline.model import Chronicle, Day, Section

START = dt.date(2022, 2, 24)

EVERYDAY = ["Ukraine", "Russia", "Kyiv", "Moscow", "Zelensky", "Putin", "Kremlin", "NATO"]
COMMON = [
    "Kharkiv", "Odesa", "Dnipro", "Lviv", "Kherson", "Zaporizhzhia", "Donetsk", "Luhansk",
    "Crimea", "Bakhmut", "Avdiivka", "Pokrovsk", "Sumy", "Chernihiv", "Mykolaiv", "Poltava",
    "Belgorod", "Kursk", "Bryansk", "Rostov", "Sevastopol", "Washington", "Brussels", "Berlin",
    "Paris", "London", "Warsaw", "Ankara", "Beijing", "Tehran", "Minsk", "the EU", "the UN",
    "the IAEA", "the Pentagon", "Sergei Lavrov", "Dmitry Peskov", "Andrii Sybiha",
    "Andriy Yermak", "Rustem Umerov", "Oleksandr Syrskyi", "Kyrylo Budanov", "Emmanuel Macron",
    "Keir Starmer", "Donald Tusk", "Recep Tayyip Erdoğan", "Viktor Orbán", "Donald Trump",
    "Marco Rubio", "Ursula von der Leyen", "Mark Rutte", "António Guterres", "Rafael Grossi",
    "Vitali Klitschko", "Yulia Svyrydenko", "Friedrich Merz", "Giorgia Meloni", "Kaja Kallas",
    "Steve Witkoff", "Yuri Ushakov", "Kirill Dmitriev", "the Black Sea", "Nagorno-Karabakh",
]  # fmt: skip
TOPICS = ["energy", "sanctions", "drones", "aid", "prisoners", "nuclear", "grain", "mobilisation"]
BROAD_TAGS = ["frontline", "diplomacy"]
SECTIONS = [  # slug, name, share of days that have it
    ("fighting", "Fighting", 0.9),
    ("diplomacy", "Diplomacy", 0.6),
    ("energy", "Energy", 0.2),
    ("humanitarian", "Humanitarian", 0.25),
    ("economy", "Economy", 0.15),
    ("nuclear-safety", "Nuclear safety", 0.05),
]

FILLER = [
    "Officials in {a} said air defences shot down most of the drones aimed at {b}.",
    "The governor of {a} reported damage to energy facilities after a night attack.",
    "Talks between {a} and {b} ended without agreement, according to {c}.",
    "{a} warned that supplies were running low.",
    "Analysts said {a} had little to show for months of pressure on {b}.",
    "In {a}, rescuers worked through the night; {b} said at least {n} people were injured.",
    "Shelling hit residential districts of {a}, and power was cut in parts of {b}.",
    "A delegation led by {a} travelled to {b} for talks on security guarantees.",
    "The situation on the front remained tense, with {n} clashes reported by the evening.",
    "Prices for grain and fuel rose again, traders said.",
    "Both sides exchanged the bodies of fallen soldiers, the coordination headquarters said.",
    "It was the {n}th attack on the region this month, said {a}.",
    "Meanwhile {a} and {b} signed a new aid package worth {n} million euros.",
    "According to {a}, the talks in {b} could resume next week.",
]
EVERYDAY_FILLER = [
    "Air raid alerts sounded across Ukraine for much of the night.",
    "The Kremlin said Putin had no plans to meet Zelensky soon.",
    "Officials in Kyiv accused Moscow of stalling while Russia pressed on the front.",
    "NATO allies promised more air defence for Ukraine.",
]
STORY = [
    "Fighting around {p} intensified, with Russian units trying to cut the road from {a}.",
    "Ukrainian troops in {p} are holding out, {q} told reporters.",
    "{p} is now within range of Russian drones, officials said.",
    "Residents of {p} were told to leave, according to {q}.",
    "The battle for {p} has become a test of Ukraine's reserves, said {q}.",
    "Satellite images show new trenches west of {p}.",
]
IN_PASSING = "Elsewhere, shelling was reported near {p}."

_SYLLABLES = ["vel", "ky", "pil", "no", "hra", "myr", "ko", "lo", "ste", "bra", "dzi", "zhu", "ta"]
_ENDINGS = ["sk", "ivka", "ove", "hrad", "ivske", "yar", "ytsia", "ne"]
_FIRST = ["Olena", "Taras", "Iryna", "Bohdan", "Oksana", "Mykola", "Halyna", "Serhii", "Larysa"]
_LAST = ["Marchenko", "Kovalchuk", "Tkachenko", "Bondar", "Hnatiuk", "Moroz", "Savchuk", "Lysenko"]


@dataclass(frozen=True)
class Corpus:
    chronicle: Chronicle
    stories: dict[dt.date, frozenset[dt.date]]  # a day -> the other days of its story


@dataclass
class _Story:
    tag: str
    place: str
    person: str
    topic: str
    dates: list[dt.date]


def planted_corpus(days: int = 400, seed: int = 2025) -> Corpus:
    """`days` consecutive days from 24 February 2022, about one in eleven in no story."""
    rng = random.Random(seed)
    dates = [START + dt.timedelta(days=i) for i in range(days)]
    stories = _plant_stories(rng, dates)
    story_of = {date: s for s in stories for date in s.dates}
    chronicle = Chronicle(tuple(_day(rng, d, story_of.get(d), stories) for d in dates))
    truth = {date: frozenset(s.dates) - {date} for date, s in story_of.items()}
    return Corpus(chronicle, truth)


def _plant_stories(rng: random.Random, dates: list[dt.date]) -> list[_Story]:
    """Stories of 6-12 days each within about six weeks, on days no other story holds."""
    taken: set[dt.date] = set()
    places: set[str] = set()
    stories = []
    for _ in range(len(dates) // 9):
        place = _place_name(rng)
        if place in places:
            continue
        places.add(place)
        first = rng.randrange(len(dates))
        window = [d for d in dates[first : first + 42] if d not in taken]
        size = rng.randint(6, 12)
        if len(window) < size:
            continue
        chosen = sorted(rng.sample(window, size))
        taken.update(chosen)
        person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        stories.append(_Story(place.casefold(), place, person, rng.choice(TOPICS), chosen))
    return stories


def _place_name(rng: random.Random) -> str:
    syllables = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return (syllables + rng.choice(_ENDINGS)).capitalize()


def _day(rng: random.Random, date: dt.date, story: _Story | None, stories: list[_Story]) -> Day:
    tags = [t for t in BROAD_TAGS if rng.random() < 0.6]
    tags += [t for t in TOPICS if rng.random() < 0.08]
    if story is not None:
        tags.append(story.tag)
        if rng.random() < 0.7:
            tags.append(story.topic)
    sections: list[tuple[str, str, list[str]]] = []  # slug, name, sentences
    for slug, name, share in SECTIONS:
        if rng.random() < share or (not sections and slug == "diplomacy"):
            sentences = [_filler(rng) for _ in range(rng.randint(2, 4))]
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(EVERYDAY_FILLER))
            sections.append((slug, name, sentences))
    if story is not None:
        told = sections[0][2]
        for _ in range(rng.randint(1, 3)):
            template = rng.choice(STORY)
            sentence = template.format(p=story.place, q=_person(rng, story), a=_common(rng))
            told.insert(rng.randrange(len(told) + 1), sentence)
    if rng.random() < 0.3 and stories:
        other = rng.choice(stories)
        if other is not story:
            sections[-1][2].append(IN_PASSING.format(p=other.place))
    title = _filler(rng).rstrip(".")
    return Day(
        date=date,
        path=f"content/{date:%Y/%m}/{date}.md",
        number=(date - START).days,
        title=title,
        summary=" ".join(_filler(rng) for _ in range(2)),
        tags=tuple(dict.fromkeys(tags)),
        sections=tuple(Section(slug, name, name, 1, _paragraphs(s)) for slug, name, s in sections),
    )


def _paragraphs(sentences: list[str]) -> str:
    """Markdown paragraphs of two sentences each."""
    return "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))


def _person(rng: random.Random, story: _Story) -> str:
    return story.person if rng.random() < 0.6 else _common(rng)


_ZIPF = [1 / rank for rank in range(1, len(COMMON) + 1)]


def _common(rng: random.Random) -> str:
    """A recurring name, or (two times in five) one made up for this mention."""
    if rng.random() < 0.4:
        if rng.random() < 0.5:
            return _place_name(rng)
        return f"{rng.choice(_FIRST)} {_place_name(rng)[:-2].capitalize()}enko"
    return rng.choices(COMMON, _ZIPF)[0]


def _filler(rng: random.Random) -> str:
    template = rng.choice(FILLER)
    a, b, c = (_common(rng) for _ in range(3))
    sentence = template.format(a=a, b=b, c=c, n=rng.randint(2, 90))
    return sentence[0].upper() + sentence[1:]
