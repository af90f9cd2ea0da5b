"""Discourse: salience and anaphora over one document, for every component that needs it.

``Discourse`` answers "which park / organisation / event was named last before this point" and
"which list of entities was given last", and resolves anaphoric words (该园区, 该公司, 该院, 上述企业,
两家机构 …, listed in ``loaders/data/anaphora.yaml``) to the entities they refer to. It reads only
the entity layer (spans and their classes), so relations, designations and figures share one
account of who is being talked about.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ecokg.loaders.class_groups import group
from ecokg.loaders.lexicon import lexicon
from ecokg.loaders.person_names import title_alternation
from ecokg.loaders.records import Entity, EntitySpan
from ecokg.loaders.rule_data import Validator, read_entries

_LIST_JOINERS = re.compile(r"(?:、|和|及|与|以及|，)")
#: A place named as where something is (X位于Y): seldom what the next 园区 refers to.
_WHERE_BEFORE = re.compile(r"(?:位于|地处|坐落于|坐落在|落户于|落户|毗邻|紧邻)$")
#: What may stand between a clause's start and its subject: time words and sentence adverbs.
_CLAUSE_START = re.compile(r"(?:^|[。！？；，：\n#*　 ])"
                           r"(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:起|以来|底|初)?|"
                           r"此后|随后|目前|如今|同时|此外|另外|今年|去年|近日|日前|近年来|其中|而|但|并|也|据悉|"
                           r"[，、\s])*$")


#: 我局, 本局, 我们局: the speaker's own body, named by its kind.
_OWN_BODY = re.compile(r"(?:我们|我|本)([局厅委])")
#: 市政府, 区政府: the people's government of that level named before.
_LEVEL_GOVERNMENT = re.compile(r"([省市区县州旗])政府")


@dataclass(frozen=True)
class Anaphor:
    """Words that refer back to the last entity (or list) of some classes."""

    words: tuple[str, ...]
    classes: frozenset[str]
    plural: bool
    example: str
    refers: tuple[str, ...]
    speaker: bool = False


@cache
def anaphors() -> tuple[Anaphor, ...]:
    v = Validator(required=("words", "classes", "example", "refers"), optional=("plural", "speaker"))
    out = []
    for entry in read_entries("anaphora.yaml", "anaphors"):
        v.keys(entry)
        raw = entry.value
        v.ontology_classes(entry, raw["classes"])
        for w in raw["words"]:
            v.unique(entry, w)
        classes = frozenset().union(*(group(c) for c in raw["classes"]))
        out.append(Anaphor(tuple(raw["words"]), classes, bool(raw.get("plural", False)), raw["example"],
                           tuple(raw["refers"]), bool(raw.get("speaker", False))))
    return tuple(out)


def anaphor_words(classes: frozenset[str]) -> list[str]:
    """The anaphoric words that can refer to an entity of one of ``classes``, longest first."""
    words = {w for a in anaphors() if a.classes & classes for w in a.words}
    return sorted(words, key=len, reverse=True)


class Discourse:
    """Salience over the document's top-level mentions, in text order."""

    def __init__(self, text: str, spans: Sequence[EntitySpan], entities: Mapping[str, Entity]) -> None:
        self.text = text
        self.spans = sorted(spans, key=lambda s: s.start)
        self.entities = entities
        self._starts = [s.start for s in self.spans]
        self._of_classes: dict[frozenset[str], list[int]] = {}  # classes -> indexes of their spans

    def cls(self, key: str) -> str:
        return self.entities[key].cls

    def _indexes(self, classes: frozenset[str]) -> list[int]:
        """The positions in ``spans`` of the mentions of ``classes`` (made once per set of classes,
        so that a look-back skips the other mentions instead of walking over them)."""
        found = self._of_classes.get(classes)
        if found is None:
            found = [j for j, sp in enumerate(self.spans) if self.cls(sp.key) in classes]
            self._of_classes[classes] = found
        return found

    def _latest_at(self, classes: frozenset[str], before: int, exclude: Sequence[str] = ()) -> int | None:
        """The position in ``spans`` of the mention of ``classes`` that ends last before ``before``."""
        idxs = self._indexes(classes)
        q = bisect_left(idxs, bisect_left(self._starts, before)) - 1
        while q >= 0:
            sp = self.spans[idxs[q]]
            if sp.end <= before and sp.key not in exclude:
                return idxs[q]
            q -= 1
        return None

    def latest(self, classes: frozenset[str], before: int, exclude: Sequence[str] = ()) -> str | None:
        """The entity of ``classes`` mentioned last before offset ``before``."""
        j = self._latest_at(classes, before, exclude)
        return None if j is None else self.spans[j].key

    def latest_subject(self, classes: frozenset[str], before: int, window: int = 400,
                       exclude: Sequence[str] = ()) -> str | None:
        """The entity of ``classes`` that last stood as a clause's subject (at the clause's start, after
        time words at most) within ``window`` characters before ``before``: what 其/该公司 refer to
        when objects were named since (…进入A、B的供应链。其自主研发的X → the subject, not B)."""
        idxs = self._indexes(classes)
        q = bisect_left(idxs, bisect_left(self._starts, before)) - 1
        while q >= 0:
            sp = self.spans[idxs[q]]
            if sp.end <= before and sp.key not in exclude:
                if sp.start < before - window:
                    return None
                lead = _CLAUSE_START.search(self.text, max(0, sp.start - 24), sp.start)
                if lead is not None:
                    return sp.key
            q -= 1
        return None

    def salient(self, classes: frozenset[str], before: int, exclude: Sequence[str] = ()) -> str | None:
        """What an anaphor or an unsaid subject refers to: the entity of ``classes`` named last, unless
        it was an organisation listed as an object (进入A、B等的供应链。其… → the last subject) or a
        place named as where something is (X位于Y东部。园区… → X); never one of ``exclude``."""
        j = self._latest_at(classes, before, exclude)
        if j is None:
            return None
        sp = self.spans[j]
        if (classes <= group("Organization") and self.listed(sp.key, before)) \
                or _WHERE_BEFORE.search(self.text, max(0, sp.start - 4), sp.start):
            subject = self.latest_subject(classes, before)
            return subject if subject and subject not in exclude else sp.key  # X位于Y东部。园区… → X
        return sp.key

    def most_named(self, classes: frozenset[str], before: int) -> str | None:
        """The entity of ``classes`` mentioned most often before ``before`` (the last of them on a tie):
        what a profile is about (the park whose tenants a table lists)."""
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        for j in self._indexes(classes):
            sp = self.spans[j]
            if sp.end > before:
                break
            counts[sp.key] = counts.get(sp.key, 0) + 1
            last[sp.key] = sp.start
        return max(counts, key=lambda k: (counts[k], last[k])) if counts else None

    def listed(self, key: str, before: int) -> bool:
        """Whether the last mention of ``key`` before ``before`` stands in a list (A、B等): an object
        enumerated, seldom what a following 其/该公司 refers to."""
        i = bisect_left(self._starts, before)
        for sp in reversed(self.spans[:i]):
            if sp.key == key and sp.end <= before:
                return self.text[sp.end:sp.end + 1] in ("、", "等") \
                    or self.text[sp.start - 1:sp.start] == "、"
        return False

    def first_from(self, classes: frozenset[str], start: int, end: int) -> str | None:
        """The first entity of ``classes`` mentioned within ``start`` … ``end`` (offsets)."""
        idxs = self._indexes(classes)
        for q in range(bisect_left(idxs, bisect_left(self._starts, start)), len(idxs)):
            sp = self.spans[idxs[q]]
            if sp.start > end:  # (a mention starting at end ends after it, unless empty)
                break
            if sp.end <= end:
                return sp.key
        return None

    def clause_topic(self, classes: frozenset[str], start: int, end: int) -> str | None:
        """What a stretch of text (``start`` … ``end``) is about: the first entity of ``classes`` named
        in it, unless an anaphoric word for them comes first (这套系统由X开发，基于Y模型，已部署于Z → the
        system named before, not Y)."""
        idxs = self._indexes(classes)
        first: EntitySpan | None = None
        for q in range(bisect_left(idxs, bisect_left(self._starts, start)), len(idxs)):
            sp = self.spans[idxs[q]]
            if sp.start > end:
                break
            if sp.end <= end:
                first = sp
                break
        limit = first.start if first is not None else end
        words = anaphor_words(classes)
        if words:
            m = _anaphor_pattern(tuple(words)).search(self.text, start, limit)
            if m is not None:
                found = self.resolve(m.group(0), classes, m.start())
                if found:
                    return found[0]
        return first.key if first is not None else None

    def speaker_body(self, classes: frozenset[str], before: int) -> str | None:
        """The organization named last before ``before`` right before a person's title (江岸市工业和信息化局
        局长唐睿, 岚峰智能董事长): the body a speaker who says 我们 was introduced with."""
        i = bisect_left(self._starts, before)
        titles = _person_title()
        for sp in reversed(self.spans[:i]):
            if sp.end <= before and self.cls(sp.key) in classes and titles.match(self.text, sp.end):
                return sp.key
        return None

    def latest_named(self, classes: frozenset[str], before: int, suffix: str) -> str | None:
        """The entity of ``classes`` whose name ends with ``suffix`` (县) mentioned last before ``before``."""
        i = bisect_left(self._starts, before)
        for sp in reversed(self.spans[:i]):
            if sp.end <= before and self.cls(sp.key) in classes and sp.key.endswith(suffix):
                return sp.key
        return None

    def sentence_topic(self, classes: frozenset[str], before: int,
                       sentence_starts: Sequence[int]) -> str | None:
        """The first entity of ``classes`` in the last sentence before ``before`` that names one
        (the company the last sentence about a company was about)."""
        j = self._latest_at(classes, before)
        if j is None:
            return None
        last, at = self.spans[j].key, self.spans[j].start
        k = bisect_left(sentence_starts, at + 1) - 1
        start = sentence_starts[k] if k >= 0 else 0
        idxs = self._indexes(classes)
        q = bisect_left(idxs, bisect_left(self._starts, start))
        return self.spans[idxs[q]].key if q < len(idxs) and self.spans[idxs[q]].start < at + 1 else last

    def latest_list(self, classes: frozenset[str], before: int) -> list[str]:
        """The last run of >= 2 entities of ``classes`` joined by 、/和/及/与 before ``before``."""
        run: list[EntitySpan] = []
        for j in range(bisect_left(self._starts, before) - 1, -1, -1):
            sp = self.spans[j]
            if sp.end > before:
                continue
            if self.cls(sp.key) not in classes:
                if len(run) >= 2:
                    break
                run = []
                continue
            if run and not _LIST_JOINERS.fullmatch(self.text[sp.end:run[-1].start]):
                if len(run) >= 2:
                    break
                run = []
            run.append(sp)
        return [sp.key for sp in reversed(run)] if len(run) >= 2 else []

    def resolve(self, word: str, classes: frozenset[str], at: int, exclude: Sequence[str] = ()) -> list[str]:
        """The entities an anaphoric ``word`` at offset ``at`` refers to (restricted to ``classes``; not
        one of ``exclude``: 伏牛智造则为其配套 → not 伏牛智造 itself)."""
        for a in anaphors():
            if word in a.words and a.classes & classes:
                wanted = a.classes & classes
                if a.plural:
                    return self.latest_list(wanted, at)
                if a.speaker:  # 我们: the body the speaker was introduced with, or nothing
                    key = self.speaker_body(wanted, at)
                    return [key] if key else []
                own = _OWN_BODY.fullmatch(word)
                if own:  # 我局, 本局, 我们局: the body of that kind the text speaks for
                    key = self.latest_named(wanted, at, own.group(1))
                    return [key] if key else []
                level = _LEVEL_GOVERNMENT.fullmatch(word)
                if level:  # 市政府: the 市人民政府 named before (none: nothing)
                    key = self.latest_named(wanted, at, f"{level.group(1)}人民政府")
                    return [key] if key else []
                if word == "公司" and not exclude and (at == 0 or self.text[at - 1] in "，。；：\n"):
                    # 公司 opening a clause: the company the article is about (not 这家…的公司)
                    key = self.most_named(wanted, at)
                    return [key] if key else []
                if exclude and word == "其":  # X则为其配套: 其 is an earlier clause's subject, other than X
                    key = self.latest_subject(wanted, at, exclude=exclude) \
                        or self.salient(wanted, at, exclude)
                else:
                    key = self.salient(wanted, at, exclude)
                return [key] if key else []
        return []


@cache
def _person_title() -> re.Pattern[str]:
    return re.compile(rf"(?:党组|党委)?(?:书记、)?(?:副)?(?:{title_alternation(lexicon())})")


@cache
def _anaphor_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))

