"""Synthetic chronicles: realistic day files, as many as a benchmark or a test needs.

Each day reads like one of the example's: front matter (a title that sometimes needs YAML
quotes, a summary, 2-5 tags, sometimes `related:` days and a correction), a lede, then 3-6
`## ` sections named as the example mkdocs.yml names them or their aliases ("Fighting:",
"Trump’s plan"), about 450 words of sentences with names and places in their real spelling
(Zaporizhzhia, Élysée, Türkiye, O’Brien), curly quotes, € and $ amounts, lists, sometimes a
`### sub-heading`, and links to earlier days in both forms an editor writes.

Seeded: the same (days, seed) give the same files, byte for byte. The days pass
`python -m dateline check` with no problem under the example's settings (tests/test_bench_smoke.py).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import yaml

from conftest import ROOT, make_project

LAST_DAY = dt.date(2025, 11, 26)
STORY_START = dt.date(2022, 2, 24)  # the example's counting start


def _configured_sections() -> list[list[str]]:
    """Per configured section, the names a day file may give it: its name, then its aliases."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return [[s["name"], *s.get("aliases", [])] for s in config["extra"]["dateline"]["sections"]]


SECTIONS = _configured_sections()

PLACES = [
    "Zaporizhzhia", "Kupiansk", "Pokrovsk", "Myrnohrad", "Huliaipole", "Siversk", "Kostiantynivka",
    "Kramatorsk", "Sloviansk", "Kharkiv", "Kherson", "Odesa", "Dnipro", "Lviv", "Sumy", "Chernihiv",
    "Ternopil", "Vovchansk", "Orikhiv", "Bilozerske", "Druzhkivka", "Kyiv", "Mykolaiv", "Izmail",
    "Novorossiysk", "Belgorod", "Kursk", "Bryansk", "Tuapse", "Engels", "Sevastopol", "Crimea",
    "Donetsk region", "Luhansk region", "Enerhodar", "Nikopol", "Kryvyi Rih", "Bila Tserkva",
]  # fmt: skip
CAPITALS = [
    "Washington", "Moscow", "Brussels", "Berlin", "Paris", "London", "Warsaw", "Ankara", "Geneva",
    "Istanbul", "Riyadh", "Abu Dhabi", "Budapest", "Rome", "Beijing", "Minsk", "Türkiye", "the Élysée",
    "Bratislava", "Tallinn", "Vilnius", "Helsinki", "Oslo", "The Hague", "Strasbourg", "Doha",
]  # fmt: skip
PEOPLE = [
    "Volodymyr Zelensky", "Vladimir Putin", "Donald Trump", "Steve Witkoff", "Marco Rubio",
    "Dan Driscoll", "Yuri Ushakov", "Kirill Dmitriev", "Sergei Lavrov", "Dmitry Peskov",
    "Andrii Sybiha", "Rustem Umerov", "Oleksandr Syrskyi", "Kyrylo Budanov", "Yulia Svyrydenko",
    "Emmanuel Macron", "Keir Starmer", "Friedrich Merz", "Giorgia Meloni", "Donald Tusk",
    "Recep Tayyip Erdoğan", "Viktor Orbán", "Ursula von der Leyen", "Kaja Kallas", "Mark Rutte",
    "António Guterres", "Rafael Grossi", "Gert Jan Koopman", "Valery Gerasimov", "Andrii Yermak",
    "Seán O’Brien", "Dmytro Lubinets", "Ihor Terekhov", "Vitali Klitschko", "Alexander Stubb",
    "Radosław Sikorski", "Jean-Noël Barrot", "Petr Pavel", "Mette Frederiksen", "Ivan Fedorov",
]  # fmt: skip
OFFICES = [
    "Ukraine’s General Staff", "the Kremlin", "the Pentagon", "the IAEA", "the UN’s monitoring mission",
    "Naftogaz", "Ukrenergo", "the Institute for the Study of War", "the European Commission",
    "the Russian Defence Ministry", "Ukraine’s air force", "the regional military administration",
    "the State Emergency Service", "NABU, the anti-corruption bureau", "the Council of the EU",
]  # fmt: skip
TAGS = [
    "kyiv", "kharkiv", "zaporizhzhia", "kupiansk", "pokrovsk", "myrnohrad", "huliaipole", "siversk",
    "kostiantynivka", "odesa", "dnipro", "lviv", "sumy", "kherson", "crimea", "donetsk", "luhansk",
    "belgorod", "kursk", "novorossiysk", "peace-plan", "witkoff", "rubio", "driscoll", "ushakov",
    "dmitriev", "geneva", "istanbul", "abu-dhabi", "europe", "kallas", "macron", "starmer", "merz",
    "erdogan", "orban", "nato", "eu", "un", "iaea", "zaporizhzhia-npp", "energy", "power-cuts",
    "gas", "oil", "sanctions", "frozen-assets", "reparations-loan", "drone-strikes", "missile-strikes",
    "air-defence", "prisoners", "prisoner-exchange", "children", "corruption", "energoatom",
    "mobilisation", "black-sea", "grain", "security-guarantees", "elections", "shadow-fleet",
]  # fmt: skip

HEADLINES = [
    "Russia presses at {place} as {capital} weighs the peace plan",
    "Drones and missiles hit {place}; {person} asks for more air defence",
    "{person} meets {person2} in {capital}",
    "Fighting around {place} intensifies while talks resume in {capital}",
    "Blackouts across Ukraine after a strike on {place}",
    "{capital} agrees €{billions} billion for Ukraine",
    "Prisoner exchange as {person} flies to {capital}",
    "Europe pushes back on the 28-point plan",
    "{place} under pressure; {office} reports {n} clashes",
]  # fmt: skip
QUOTED_HEADLINES = [  # titles that need quotes in YAML
    "Trump: a new plan for {place}",
    "‘Nothing is agreed’: {person} after talks in {capital}",
    '"We will not give up {place}," says {person}',
    "'No deal without Ukraine': {capital} and Kyiv close ranks",
    "Day of mourning in {place}: {n} dead",
    "{person}: the deadline is “when the war ends”",
]  # fmt: skip
SENTENCES = [
    "Russian units tried again to break through near {place}, according to {office}.",
    "Around {place}, Ukrainian troops said they were still clearing infiltration groups.",
    "{Office} counted {n} clashes along the front by the evening.",
    "Shelling hit residential districts of {place}; at least {small} people were injured.",
    "Rescuers in {place} worked through the night, and power was cut in parts of {place2}.",
    "Ukrainian drones struck an oil depot near {place2}, regional officials said.",
    "{person} said the talks in {capital} had been “constructive but difficult”.",
    "{person} told reporters that “any agreement must start with a ceasefire”.",
    "In {capital}, {person} and {person2} discussed security guarantees and the frozen assets.",
    "{person} warned that Europe would not accept a deal made “over our heads”.",
    "The draft reportedly puts ${billions} billion of frozen Russian assets into reconstruction.",
    "The European Commission proposed a reparations loan of €{billions} billion.",
    "{person2} said the understandings reached earlier that year still stood.",
    "According to {office}, {n} drones and {small} missiles were launched overnight.",
    "Air defences shot down most of them; debris fell on {place}.",
    "{Office} said repairs to the grid around {place} would take weeks.",
    "Gas prices rose to €{small} per megawatt hour after the strike, traders said.",
    "{person} flew to {capital} for talks with {person2} on the 28-point plan.",
    "Officials in {place} opened {small} more heating points for residents without power.",
    "{person} said Ukraine’s army would not be capped at 600,000 “by anyone’s decree”.",
    "Analysts at {office} saw no sign that Russia controlled all of {place}.",
    "Children were among the {small} people evacuated from villages near {place}.",
    "A court in {capital} froze ${small} million held by a sanctioned trader.",
    "{person2} called the offer “a starting point, not a final text”.",
    "Kyiv said {small} prisoners had come home in an exchange brokered by {capital}.",
    "The governor of the region said the attack on {place} was attack number {small} this month.",
    "{person} promised €{small} million for generators and air defence for {place}.",
    "Officials in {capital} said the next round could be held within days.",
]  # fmt: skip
LIST_ITEMS = [
    "{place}: Russian assaults repelled, {small} injured",
    "{capital} pledges €{small} million for the energy grid",
    "{person} calls for “peace through strength”",
    "{n} drones shot down over {place} and {place2}",
    "a curfew in {place} extended to 05:00",
    "${billions} billion in frozen assets, half of the profits to the US",
]  # fmt: skip
SUBHEADINGS = ["What the draft says", "Reactions", "On the ground", "Around {place}", "The numbers", "What’s next"]
LEDES = [
    "A day of strikes and talks: {person} was in {capital} while {place} counted its dead.",
    "The front moved little, but the diplomacy did: {capital} and {capital2} traded proposals.",
    "Russia kept up its attacks on {place} as {person} pressed allies for more air defence.",
    "Another night of drones over Ukraine, and another round of calls between {capital} and Kyiv.",
]  # fmt: skip
CORRECTIONS = [
    "An earlier version misstated the number injured in {place}.",
    "An earlier version gave the wrong amount of the EU’s loan.",
    "An earlier version misspelled the name of {person}.",
]  # fmt: skip
LINK_LABELS = ["the talks in {capital}", "the strike on {place}", "as reported", "earlier", "the first draft"]


def chronicle_dates(days: int, seed: int = 1371) -> list[dt.date]:
    """The dates write_chronicle writes, oldest first: `days` days ending LAST_DAY, with gaps."""
    rng = random.Random(f"dates-{seed}")
    dates = [LAST_DAY]
    while len(dates) < days:
        step = 1 if rng.random() >= 0.08 else 1 + rng.randint(1, 3)  # a gap of 1-3 days now and then
        dates.append(dates[-1] - dt.timedelta(days=step))
    return dates[::-1]


def write_chronicle(content: Path, days: int, seed: int = 1371) -> list[dt.date]:
    """Writes day files content/YYYY/MM/YYYY-MM-DD.md; returns their dates, oldest first."""
    return write_days(content, chronicle_dates(days, seed), seed)


def write_days(content: Path, dates: list[dt.date], seed: int = 1371) -> list[dt.date]:
    """Writes a day file for each of `dates` (oldest first), as write_chronicle does."""
    rng = random.Random(f"days-{seed}")
    for i, date in enumerate(dates):
        folder = content / f"{date:%Y}" / f"{date:%m}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{date}.md").write_text(_day_text(rng, date, dates[max(0, i - 90) : i]), encoding="utf-8")
    return dates


def make_synthetic_project(tmp: Path, days: int, seed: int = 1371) -> Path:
    """A project like the example's (conftest.make_project) holding a synthetic chronicle.

    More days than the story has (1,371 by 2025-11-26) would come before the counting start
    and each be warned about: then the count starts at the first day instead.
    """
    first = chronicle_dates(days, seed)[0]
    dateline: dict[str, object] | None = None
    if first < STORY_START:
        dateline = {"counting": {"start": first, "start_number": 0}}
    root = make_project(tmp, {}, dateline=dateline)
    write_chronicle(root / "content", days, seed)
    return root


# -- one day -------------------------------------------------------------------------------


class _Filler:
    """Fills "{place}"-style templates with names drawn from the pools, each drawn when used."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self, template: str) -> str:
        return template.format_map(_Draws(self.rng))


class _Draws(dict[str, str]):
    """The values of one template: "place" and "place2" differ, as do "person" and "person2"."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        r = self.rng
        pool = {"place": PLACES, "capital": CAPITALS, "person": PEOPLE, "office": OFFICES}.get(key.rstrip("2"))
        if pool is not None:
            value = r.choice(pool)
            while key.endswith("2") and value == self.get(key[:-1]):
                value = r.choice(pool)
        elif key == "Office":
            value = self["office"][0].upper() + self["office"][1:]
        elif key == "n":
            value = str(r.randint(60, 240))
        elif key == "small":
            value = str(r.randint(2, 48))
        else:  # billions
            value = str(r.choice([5, 14, 90, 100, 140, 210]))
        self[key] = value
        return value


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_scalar(text: str) -> str:
    """`text` as a YAML value: plain when YAML reads it back unchanged, else double-quoted."""
    try:
        plain = yaml.load(f"k: {text}", Loader=_YAML_LOADER) == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _day_text(rng: random.Random, date: dt.date, earlier: list[dt.date]) -> str:
    """One day file; `earlier` holds the days written before it (the last 90), to link to."""
    fill = _Filler(rng)
    headline = fill(rng.choice(QUOTED_HEADLINES if rng.random() < 0.2 else HEADLINES))
    front = [
        "---",
        f"title: {_yaml_scalar(headline)}",
        f"summary: {_yaml_scalar(fill(rng.choice(SENTENCES)) + ' ' + fill(rng.choice(SENTENCES)))}",
        f"tags: [{', '.join(_tags(rng))}]",
    ]
    if earlier and rng.random() < 0.3:
        picks = sorted(set(rng.choices(earlier[-60:], k=rng.randint(1, 3))), reverse=True)
        front.append(f"related: [{', '.join(d.isoformat() for d in picks)}]")
    if rng.random() < 0.05:
        front.append(f"updated: {date + dt.timedelta(days=1)}T09:30:00+00:00")
        front.append(f"correction: {_yaml_scalar(fill(rng.choice(CORRECTIONS)))}")
    front.append("---")

    parts = ["\n".join(front), fill(rng.choice(LEDES))]
    words = len(parts[1].split())
    chosen = rng.sample(SECTIONS, rng.randint(3, 6))
    budget = rng.randint(400, 440) - words
    for n, names in enumerate(chosen):
        name = rng.choice(names)
        if name == "Fighting" and rng.random() < 0.3:
            name = "Fighting:"
        target = budget // (len(chosen) - n)
        body = _section_body(rng, fill, target, earlier)
        budget -= sum(len(p.split()) for p in body)
        parts.append(f"## {name}")
        parts.extend(body)
    return "\n\n".join(parts) + "\n"


def _tags(rng: random.Random) -> list[str]:
    # A few tags run through much of the chronicle, most turn up now and then (as in a digest).
    weights = [1 / (rank + 1) for rank in range(len(TAGS))]
    tags: list[str] = []
    want = rng.randint(2, 5)
    while len(tags) < want:
        tag = rng.choices(TAGS, weights)[0]
        if tag not in tags:
            tags.append(tag)
    return tags


def _section_body(rng: random.Random, fill: _Filler, target: int, earlier: list[dt.date]) -> list[str]:
    """Blocks of Markdown (paragraphs, a list, a sub-heading) of about `target` words."""
    blocks: list[str] = []
    words = 0
    while words < target or not blocks:
        kind = rng.random()
        if kind < 0.08 and blocks:
            block = f"### {fill(rng.choice(SUBHEADINGS))}"
        elif kind < 0.18:
            block = "\n".join(f"- {fill(rng.choice(LIST_ITEMS))}" for _ in range(rng.randint(2, 4)))
        else:
            sentences = [fill(rng.choice(SENTENCES)) for _ in range(rng.randint(2, 4))]
            if earlier and rng.random() < 0.25:
                sentences.append(_link_sentence(rng, fill, earlier))
            block = " ".join(sentences)
        blocks.append(block)
        words += len(block.split())
    if blocks[-1].startswith("### "):
        blocks.append(fill(rng.choice(SENTENCES)))
    return blocks


def _link_sentence(rng: random.Random, fill: _Filler, earlier: list[dt.date]) -> str:
    day = rng.choice(earlier).isoformat()
    label = fill(rng.choice(LINK_LABELS))
    form = rng.random()
    if form < 0.4:
        return f"See [[{day}]] for the background."
    if form < 0.6:
        return f"That followed [[{day}|{label}]]."
    return f"It came after [{label}]({day}.md), {rng.choice(['officials recalled', 'as Kyiv noted', 'analysts said'])}."
