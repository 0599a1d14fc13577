"""An invented diary for demonstrations, tests and benchmarks: three people over ten weeks.

Every account here is made up. The diary is a real sealed diary, written with
the same calls ``voicelog dictate`` uses, so a report or review made from it
goes through the whole reading path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from voicelog.incident import Incident, KnownPerson, PersonRef
from voicelog.transcript import Transcript, Word

START = date(2026, 1, 5)
"""A Monday: the demo's first week."""

PEOPLE = (
    KnownPerson("Colin Mowbray", ("my ex", "colin")),
    KnownPerson("Edward Haworth", ("ned",)),
    KnownPerson("Karen Holt", ("karen",)),
)
"""The registry: Colin is named by aliases too; "his brother" is merged into Edward by the demo."""

# (who, spoken name, categories, place, account, impact, evidence, police)
# (who, how they are named, categories, place, account with {when}, impact, evidence, police)
_Account = tuple[str, str, tuple[str, ...], str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_ACCOUNTS: tuple[_Account, ...] = (
    ("Colin Mowbray", "my ex", ("following",), "the Lidl car park on Carlton Road",
     "{when} my ex followed me from the Lidl car park on Carlton Road all the way to my front door. "
     "He stayed a few steps behind me and did not say anything.", ("I was shaking when I got in",), (), ()),
    ("Colin Mowbray", "Colin", ("unwanted_contact",), "",
     "{when} Colin sent me eleven text messages in an hour saying he only wants to talk. I did not reply.",
     ("I turned my phone off",), ("screenshots of the messages",), ()),
    ("Colin Mowbray", "Colin Mowbray", ("loitering",), "outside my work on Tollgate Road",
     "{when} Colin Mowbray was waiting outside my work on Tollgate Road when I came out. My colleague Nell saw him "
     "standing by the bus stop for about an hour.", ("I asked Nell to walk me to the car",), (), ()),
    ("Colin Mowbray", "my ex", ("following", "threats"), "the park on Larkspur Grove",
     "{when} my ex followed me through the park on Larkspur Grove and shouted that I would regret leaving him.",
     ("I am scared to walk home alone",), ("voicemail he left afterwards",), ()),
    ("Colin Mowbray", "Colin", ("gifts", "unwanted_contact"), "my front door",
     "{when} there were flowers and a card from Colin on my front door step. The card said he is watching out for me.",
     ("I could not sleep",), ("photo of the card",), ()),
    ("Colin Mowbray", "Colin Mowbray", ("following", "monitoring"), "the leisure centre on Bath Road",
     "{when} Colin Mowbray turned up at the leisure centre on Bath Road twenty minutes after I arrived. "
     "I had only told my sister I was going.", ("I stopped going to my swimming class",), (),
     ("reported to police, reference CR 4471 2026",)),
    ("Edward Haworth", "ned", ("unwanted_contact", "third_party"), "",
     "{when} Ned messaged me on Facebook from a new account asking why I am ignoring his brother.",
     (), ("screenshot of the profile",), ()),
    ("Edward Haworth", "Edward Haworth", ("monitoring",), "the Co-op on Moss Lane",
     "{when} Edward Haworth was in the Co-op on Moss Lane and took photos of me on his phone while I queued.",
     ("I felt humiliated",), (), ()),
    ("Edward Haworth", "his brother", ("third_party", "threats"), "the school gates on Hill Street",
     "{when} his brother came up to me at the school gates on Hill Street and said Colin deserves another chance "
     "and I had better think about it. My neighbour Hilda heard it.", ("I kept the children at home the next day",),
     ("Hilda's written statement",), ()),
    ("Karen Holt", "Karen Holt", ("property_damage",), "the car park behind the flats",
     "{when} I found the tyres of my car slashed in the car park behind the flats. "
     "Karen Holt was on her balcony watching me and laughing.", ("I had to take a day off work",),
     ("photos of the tyres", "CCTV request to the housing office"), ("PC 2291 Lockhart attended",)),
    ("Karen Holt", "Karen Holt", ("threats",), "the stairwell in our block",
     "{when} Karen Holt blocked the stairwell in our block and told me people like me get hurt. My neighbour Hilda "
     "opened her door and saw her.", ("I now use the lift only",), (), ()),
    ("Karen Holt", "Karen", ("property_damage", "unwanted_contact"), "my front door",
     "{when} someone poured paint over my front door and Karen pushed a note through saying you know why.",
     (), ("photo of the door", "the note"), ("crime reference CR 5520 2026",)),
)

# Incidents per week for each person over ten weeks: Colin more and more often, Edward and Karen steady.
_SCHEDULE = {
    "Colin Mowbray": (0, 1, 0, 1, 1, 1, 2, 2, 3, 3),
    "Edward Haworth": (1, 1, 0, 1, 1, 1, 1, 1, 1, 1),
    "Karen Holt": (1, 0, 1, 1, 0, 1, 0, 1, 1, 1),
}

_TIMES = (("08:10", False), ("17:45", True), ("21:30", True), ("13:05", False), ("19:20", True), ("07:50", True),
          ("22:15", False), ("16:30", True))

UNSURE_WORDS = frozenset({"followed", "slashed", "photos", "eleven", "waiting"})
"""Words the demo's invented recogniser was unsure of, so review and show mark them."""


@dataclass(frozen=True)
class Demo:
    """What the demo diary holds, for checking a report against it."""

    path: Path
    """The diary file."""
    counts: dict[str, int]
    """Incidents per person named as doing it."""
    amended: tuple[int, ...]
    """Entries with a correction (a misheard place)."""
    entries: int
    """How many entries."""


def _words(text: str) -> tuple[Word, ...]:
    out = []
    for i, w in enumerate(text.split()):
        bare = w.strip(".,").lower()
        out.append(Word(w, i * 0.35, i * 0.35 + 0.3, 0.45 if bare in UNSURE_WORDS else 0.93))
    return tuple(out)


def _spoken_when(day: date, hhmm: str, approx: bool, recorded: datetime) -> str:
    hour, minute = (int(x) for x in hhmm.split(":"))
    clock = time(hour, minute).strftime("%I:%M %p").lstrip("0").lower()
    said = ("at about " if approx else "at ") + clock
    if day == recorded.date():
        return f"Today {said}"
    return f"On {day:%A} the {day.day}{_suffix(day.day)} {said}"


def _suffix(n: int) -> str:
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def plan(*, weeks: int = 10, start: date = START, repeat: int = 1) -> list[tuple[datetime, Transcript, Incident]]:
    """The demo's entries in the order they were recorded: (recorded at, transcript, incident).

    ``repeat`` stretches the schedule over ``weeks * repeat`` weeks (for benchmarks).
    """
    by_person: dict[str, list[_Account]] = {}
    for item in _ACCOUNTS:
        by_person.setdefault(item[0], []).append(item)
    used: Counter[str] = Counter()
    out = []
    slot = 0
    for week in range(weeks * repeat):
        for person, per_week in _SCHEDULE.items():
            for k in range(per_week[week % len(per_week)] if week < weeks * repeat else 0):
                choices = by_person[person]
                who, spoken, cats, place, account, impact, evidence, police = choices[used[person] % len(choices)]
                used[person] += 1
                day = start + timedelta(days=7 * week + (slot * 3 + k * 2) % 7)
                hhmm, approx = _TIMES[slot % len(_TIMES)]
                slot += 1
                recorded = datetime.combine(day, time(int(hhmm[:2]), int(hhmm[3:]))) + timedelta(minutes=50)
                if recorded.date() != day:
                    recorded = datetime.combine(day, time(23, 55))
                text = account.format(when=_spoken_when(day, hhmm, approx, recorded))
                roles = [PersonRef(who, "subject", spoken)]
                for witness in ("Hilda", "Nell"):
                    if f"{witness} heard" in text or f"{witness} saw" in text or f"{witness} opened" in text:
                        roles.append(PersonRef(witness, "witness", witness))
                people = tuple(PersonRef(p.name if p.role != "subject" else _heard_as(spoken, who), p.role, p.source)
                               for p in roles)
                incident = Incident(
                    date=day.isoformat(), time=hhmm, time_approximate=approx, location=place or None,
                    people=people, categories=cats, impact=impact, evidence=evidence, police=police,
                    sources={"date": text.split(" at ")[0], "time": hhmm, "location": place, "people": spoken},
                    extractor_version="demo",
                )
                out.append((recorded, Transcript(text, _words(text), "vosk", "demo"), incident))
    out.sort(key=lambda item: item[0])
    return out


def _heard_as(spoken: str, registered: str) -> str:
    """How extraction named the person: the registered name for a known alias, else the words as spoken."""
    for person in PEOPLE:
        if spoken.lower() in {person.name.lower(), *(a.lower() for a in person.aliases)}:
            return person.name
    return spoken  # "his brother": not in the registry until the person merges it


def build_demo_diary(path: Path, passphrase: str, *, weeks: int = 10, start: date = START) -> Demo:
    """Create a sealed demo diary at ``path``: the registry, 30 entries, one misheard place corrected."""
    from voicelog.store import opening

    opening.init_diary(path, passphrase=passphrase)
    counts: Counter[str] = Counter()
    with opening.open_for_reading(path, passphrase=passphrase) as diary:
        for person in PEOPLE:
            diary.add_person(person.name, person.aliases)
        first_park = None
        for recorded, transcript, incident in plan(weeks=weeks, start=start):
            misheard = first_park is None and incident.location == "the Lidl car park on Carlton Road"
            if misheard:  # the recogniser misheard the place; the person corrects it below
                heard = "the lid all car park on carton road"
                text = transcript.text.replace("the Lidl car park on Carlton Road", heard)
                transcript = replace(transcript, text=text, words=_words(text))
                incident = replace(incident, location=heard, sources={**incident.sources, "location": heard})
            entry = diary.append(recorded_at=recorded, transcript=transcript, incident=incident, source="text")
            if misheard:
                first_park = entry.seq
            for p in incident.people:
                if p.role == "subject":
                    counts[_canonical(p.name)] += 1
        amended = []
        if first_park is not None:
            diary.amend(first_park, changes={"location": "the Lidl car park on Carlton Road"},
                       note="misheard: it was the Lidl car park")
            amended.append(first_park)
        diary.merge_people("Edward Haworth", "his brother")
        total = diary.count()
    return Demo(Path(path), dict(counts), tuple(amended), total)


def _canonical(name: str) -> str:
    return "Edward Haworth" if name == "his brother" else name
