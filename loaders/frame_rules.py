"""Relation frames kept as data (``loaders/data/frames.yaml``) and the engine that applies them.

A frame is a pattern over a sentence in which each entity mention stands for one symbol, with
named slots for entities, and the relations its slots stand in:

    - name: built-by-agents
      pattern: "由{agent:Organization+}(?:共同)?投资建设的{thing:Infrastructure|Venue}"
      relations: [[thing, establishedBy, agent]]
      examples:
        - text: "由华岳控股集团投资建设的滨江智算中心投用。"
          expect: [[滨江智算中心, establishedBy, 华岳控股集团]]

Slots: ``{name:Classes}`` one mention of one of the classes (ontology classes, each with its
subclasses; ``*`` any); ``+`` after the classes: a list of mentions joined by 、/和/及/与/以及;
``~``: an anaphoric word of those classes (该园区, 两家企业 …) is accepted and resolved by the
discourse component; ``^``: the slot is left unsaid (…，已部署于X) and is the sentence's topic,
the first entity of those classes in the sentence (up to ；) before it, else the last one named
before the sentence. A slot inside an optional group (``(?:会同{b:GovernmentBody+})?``) that
the sentence leaves out adds no relation. ``<gap:N>`` is up to N characters with no
punctuation and no entity; ``<ent>`` one entity that is no slot. The rest of a pattern is a
regular expression over the sentence's text.
Adding a construction is one entry with its example; ``tests/loaders/test_rule_data.py`` runs
every example through the whole loader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ecokg.loaders.class_groups import classes, group
from ecokg.loaders.discourse import Discourse, anaphor_words
from ecokg.loaders.pattern_needs import Need, met, needs
from ecokg.loaders.records import Entity, EntitySpan, Relation, Sentence
from ecokg.loaders.rule_data import Located, RuleDataError, Validator, read_entries

_MARK_BASE = 0xF0000  # supplementary private use area: one symbol per mention
_MARK = "[\U000f0000-\U000ffffd]"
_PER_CLASS = 1024
#: A name's gloss in brackets right after it: another script, or 以下简称…
# a mention's symbol is in its class's block, so a slot matches only its classes
_GLOSS_AFTER = re.compile(r"[（(](?:[A-Za-z][A-Za-z0-9 .&\-]{0,40}|(?:以下)?简称[“\"][^”\"]{1,15}[”\"])[）)]")


@cache
def _class_ids() -> dict[str, int]:
    return {c: i for i, c in enumerate(sorted(classes()))}


def _mark(cls: str, n: int) -> str:
    """The symbol of the ``n``-th mention of a sentence, of class ``cls``."""
    ids = _class_ids()
    return chr(_MARK_BASE + ids.get(cls, len(ids)) * _PER_CLASS + n % _PER_CLASS)


def _marks_of(wanted: frozenset[str] | None) -> str:
    """A regex character class of the symbols of mentions of ``wanted`` classes (None: any)."""
    if wanted is None:
        return _MARK
    ids = _class_ids()
    blocks = sorted(ids[c] for c in wanted if c in ids)
    ranges = "".join(f"{chr(_MARK_BASE + b * _PER_CLASS)}-{chr(_MARK_BASE + (b + 1) * _PER_CLASS - 1)}"
                     for b in blocks)
    return f"[{ranges}]" if ranges else "(?!)"
_JOIN = "(?:、|和|及|与|以及)"
_SLOT = re.compile(r"\{(\w+):([\w|*]+)([+~^]*)\}")
_GAP = re.compile(r"<gap:(\d+)>")  # up to N characters, no punctuation and no entity
_ENT = "<ent>"  # one entity mention, not a slot


@dataclass(frozen=True)
class Slot:
    name: str
    classes: frozenset[str] | None  # None: any class
    many: bool
    anaphora: tuple[str, ...]
    zero: bool = False


@dataclass(frozen=True)
class Frame:
    name: str
    regex: re.Pattern[str]
    slots: dict[str, Slot]
    relations: tuple[tuple[str, str, str], ...]
    examples: tuple[dict, ...]
    where: str


def _compile(entry: Located, v: Validator) -> Frame:
    raw = entry.value
    v.keys(entry)
    name = str(raw["name"])
    v.unique(entry, name)
    slots: dict[str, Slot] = {}

    def slot(m: re.Match[str]) -> str:
        sname, cls_text, flags = m.group(1), m.group(2), m.group(3)
        if sname in slots:
            raise RuleDataError(f"{entry.where()}: slot {sname!r} appears twice in the pattern of {name!r}")
        names = cls_text.split("|")
        v.ontology_classes(entry, names)
        classes = None if "*" in names else frozenset().union(*(group(c) for c in names))
        words = tuple(anaphor_words(classes or frozenset(group("Organization")))) if "~" in flags else ()
        slots[sname] = Slot(sname, classes, "+" in flags, words, "^" in flags)
        if "^" in flags:
            return f"(?P<{sname}>)"
        marks = _marks_of(classes)
        one = marks if not words else f"(?:{marks}|{'|'.join(map(re.escape, words))})"
        body = f"{one}(?:{_JOIN}{one})*" if "+" in flags else one
        return f"(?P<{sname}>{body})"

    text = _GAP.sub(lambda m: f"[^，。；：！？,;:\U000f0000-\U000ffffd]{{0,{m.group(1)}}}?",
                    str(raw["pattern"]))
    text = text.replace(_ENT, _MARK)
    try:
        regex = re.compile(_SLOT.sub(slot, text))
    except re.error as exc:
        raise RuleDataError(f"{entry.where()}: the pattern of {name!r} does not compile ({exc})") from exc
    rels = []
    for triple in raw["relations"]:
        if not (isinstance(triple, list) and len(triple) == 3):
            raise RuleDataError(f"{entry.where()}: a relation of {name!r} is {triple!r}",
                                hint="write [subject-slot, property, object-slot]")
        s, p, o = (str(x) for x in triple)
        v.ontology_property(entry, p)
        for sl in (s, o):
            if sl not in slots:
                raise RuleDataError(f"{entry.where()}: relation slot {sl!r} is not in the pattern"
                                    f" of {name!r}")
        rels.append((s, p, o))
    unused = set(slots) - {x for r in rels for x in (r[0], r[2])}
    if unused:
        raise RuleDataError(f"{entry.where()}: slot {sorted(unused)[0]!r} of {name!r} is used by no relation",
                            hint="drop the slot's name or use it in a relation")
    examples = raw["examples"]
    if not examples or not all(isinstance(e, dict) and set(e) == {"text", "expect"} for e in examples):
        raise RuleDataError(f"{entry.where()}: {name!r} needs examples of the form"
                            " {text: …, expect: [[s, p, o]]}")
    return Frame(name, regex, slots, tuple(rels), tuple(examples), entry.where())


@cache
def _frames(path: str | None = None) -> tuple[Frame, ...]:
    v = Validator(required=("name", "pattern", "relations", "examples"), optional=("note",))
    return tuple(_compile(e, v) for e in read_entries("frames.yaml", "frames", path))


def frames(extra: Sequence[str | Path] = ()) -> tuple[Frame, ...]:
    """The packaged frames, then those of the user's files."""
    out = list(_frames())
    for p in extra:
        out += _frames(str(p))
    return tuple(out)


def apply_frames(frames_: Sequence[Frame], sent: Sentence, spans: Sequence[EntitySpan],
                 entities: Mapping[str, Entity], discourse: Discourse) -> list[Relation]:
    """The relations the frames find in one sentence (``spans``: its top-level mentions)."""
    spans = sorted((s for s in spans if sent.start <= s.start and s.end <= sent.end), key=lambda s: s.start)
    chars: list[str] = []
    real: list[int] = []  # the document offset of each character of the masked text
    by_mark: dict[str, EntitySpan] = {}
    pos = sent.start
    for n, sp in enumerate(spans):
        if sp.start < pos or n >= _PER_CLASS:  # (a sentence is cut at 2,000 characters)
            continue
        chars += sent.text[pos - sent.start:sp.start - sent.start]
        real += range(pos, sp.start)
        mark = _mark(entities[sp.key].cls, n)
        by_mark[mark] = sp
        chars.append(mark)
        real.append(sp.start)
        pos = sp.end
        gloss = _GLOSS_AFTER.match(sent.text, pos - sent.start)
        if gloss and not any(pos <= o.start < sent.start + gloss.end() for o in spans):
            pos = sent.start + gloss.end()  # X（Titong AI）/ X（以下简称“Y”）: the gloss says nothing more
    chars += sent.text[pos - sent.start:]
    real += range(pos, sent.end)
    real.append(sent.end)
    text = "".join(chars)
    blocks = {(ord(m) - _MARK_BASE) // _PER_CLASS for m in by_mark}
    if _SYMBOL.search(sent.text):  # the article's own private use characters: they match as symbols do
        blocks.update((ord(ch) - _MARK_BASE) // _PER_CLASS for ch in sent.text if ch >= _SYMBOL_FIRST)
    out: list[Relation] = []
    for fr, required in _with_needs(frames_):
        if not met(required, text, blocks):
            continue  # a text without the pattern's fixed words or classes of mention has no match: no scan
        for m in fr.regex.finditer(text):
            filled: dict[str, list[str]] = {}
            for sname, slot in fr.slots.items():
                if slot.zero:
                    key = _topic(discourse, slot.classes or frozenset(), sent, real[m.start(sname)])
                    keys = [key] if key is not None else []
                elif m.group(sname) is None:  # an optional slot, not in this sentence: (?:会同{b+})?
                    filled[sname] = []
                    continue
                else:
                    taken = [k for ks in filled.values() for k in ks]
                    keys = _fill(m.group(sname), slot, by_mark, entities, discourse, real[m.start(sname)],
                                 taken)
                if not keys:
                    break
                filled[sname] = keys
            else:
                for s, p, o in fr.relations:
                    out += [Relation(a, p, b, sent.index, False, fr.name)
                            for a in filled[s] for b in filled[o] if a != b]
    return out


_SYMBOL_FIRST = chr(_MARK_BASE)
_SYMBOL = re.compile(f"[{_SYMBOL_FIRST}-\U0010ffff]")
#: The frames of the last ``apply_frames`` calls, each with its needs (``loaders/pattern_needs.py``).
_NEEDS: dict[int, tuple[Sequence[Frame], list[tuple[Frame, tuple[Need, ...]]]]] = {}


def _with_needs(frames_: Sequence[Frame]) -> list[tuple[Frame, tuple[Need, ...]]]:
    """Each frame with what any of its matches contains (read once per list of frames)."""
    kept = _NEEDS.get(id(frames_))
    if kept is not None and kept[0] is frames_:
        return kept[1]
    if len(_NEEDS) > 8:
        _NEEDS.clear()
    pairs = [(fr, needs(fr.regex.pattern, fr.regex.flags, _MARK_BASE, _PER_CLASS)) for fr in frames_]
    _NEEDS[id(frames_)] = (frames_, pairs)
    return pairs


def _fill(group_text: str, slot: Slot, by_mark: Mapping[str, EntitySpan], entities: Mapping[str, Entity],
          discourse: Discourse, at: int, taken: Sequence[str] = ()) -> list[str]:
    """The entities a slot's text names: its mentions, and its anaphoric words resolved (to none of
    the entities ``taken`` by the frame's earlier slots)."""
    keys: list[str] = []
    i = 0
    while i < len(group_text):
        ch = group_text[i]
        if ch in by_mark:
            key = by_mark[ch].key
            if slot.classes is not None and entities[key].cls not in slot.classes:
                return []
            keys.append(key)
            i += 1
            continue
        word = next((w for w in slot.anaphora if group_text.startswith(w, i)), None)
        if word is not None:
            keys += discourse.resolve(word, slot.classes or group("Organization"), at, taken)
            i += len(word)
            continue
        i += 1  # a joiner
    return list(dict.fromkeys(keys))


def _topic(discourse: Discourse, classes: frozenset[str], sent: Sentence, before: int) -> str | None:
    """What a clause with its subject left unsaid is about: the first entity of ``classes`` in the
    sentence's segment (up to 。 or ；) before ``before`` (海瞳开发的X，基于Y芯片打造，已应用于Z → X);
    in a sentence that names none, the last one named before it (园区由X建设，运营交给Y)."""
    seg_start = sent.start + max(sent.text.rfind("；", 0, before - sent.start), -1) + 1
    first = discourse.clause_topic(classes, seg_start, before)
    if first is not None:
        return first
    if seg_start == sent.start:  # nothing of the kind in the sentence: the subject carried over
        return discourse.salient(classes, sent.start)
    return None
