"""Identifiers of actors: 统一社会信用代码 (GB 32100-2015) and administrative division codes (GB/T 2260).

A unified social credit code (USCC) has 18 characters from ``0-9`` and ``ABCDEFGHJKLMNPQRTUWXY``
(no I, O, S, V, Z); the last is a check character: with character values 0–30 and weights
``3**i mod 31``, ``check = (31 - sum(value * weight) mod 31) mod 31``. A code found in the text
(after a cue such as 统一社会信用代码, so an identity-card number is never taken) is validated:
a valid code becomes the ``uscc`` identifier of the organization named before it in its sentence;
an invalid one is reported as a note of the extraction and stored nowhere.

Places get their GB/T 2260 code (``adcode``) from ``data/places.yaml`` (provinces and
prefecture-level cities). Merging across articles joins occurrences with the same identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: The 31 characters of a USCC, in value order.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(USCC_CHARS)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_CUE = re.compile(r"(?:统一)?社会信用代码|信用代码|USCC", re.IGNORECASE)
_CODE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])")
_CUE_WINDOW = 12  # characters between the cue's end and the code


def uscc_check_char(first17: str) -> str:
    """The check character of the first 17 characters of a USCC (ValueError on a bad character)."""
    if len(first17) != 17:
        raise ValueError(f"expected 17 characters, found {len(first17)}")
    try:
        total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    except KeyError as exc:
        raise ValueError(f"{exc.args[0]!r} is not a USCC character") from exc
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None for a valid USCC, else what is wrong with it (one phrase)."""
    if len(code) != 18:
        return f"has {len(code)} characters, expected 18"
    bad = [ch for ch in code if ch not in _VALUE]
    if bad:
        return f"contains {bad[0]!r}, not a USCC character (0-9 and {USCC_CHARS[10:]})"
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]}, expected {expected} (mod 31)"
    return None


def is_valid_uscc(code: str) -> bool:
    return uscc_problem(code) is None


@dataclass(frozen=True)
class FoundCode:
    code: str
    start: int
    end: int
    problem: str | None  # None: valid


def find_usccs(text: str) -> list[FoundCode]:
    """Codes that follow a USCC cue in ``text``, each validated."""
    out = []
    for cue in _CUE.finditer(text):
        m = _CODE.search(text, cue.end(), cue.end() + _CUE_WINDOW + 18)
        if m and m.start() - cue.end() <= _CUE_WINDOW:
            code = m.group(0).upper()
            out.append(FoundCode(code, m.start(), m.end(), uscc_problem(code)))
    return out


@lru_cache(maxsize=1)
def admin_codes() -> dict[str, str]:
    """Place name → GB/T 2260 code: provinces (full and short names) and prefecture-level cities."""
    import yaml

    from ecokg.resources import loader_data

    with loader_data("places.yaml").open("r", encoding="utf-8") as fh:
        places = yaml.safe_load(fh)
    out: dict[str, str] = {}
    for name, info in places["provinces"].items():
        if info.get("code"):
            out[name] = str(info["code"])
    for city, code in (places.get("city_codes") or {}).items():
        out[city if city.endswith(("市", "区")) else city + "市"] = str(code)
    return out


def mark_identifiers(state: Any) -> None:
    """The ``identifiers`` component (after ``names``): adcodes of places, USCCs of organizations."""
    from ecokg.loaders.classes import ORG

    codes = admin_codes()
    for key, ent in state.entities.items():
        if ent.cls == "Place" and key in codes:
            ent.codes.setdefault("adcode", codes[key])
    for sent in state.sentences:
        if "代码" not in sent.text and "USCC" not in sent.text.upper():
            continue
        for found in find_usccs(sent.text):
            start = sent.start + found.start
            if found.problem:
                state.extra.setdefault("notes", []).append(
                    f"invalid 统一社会信用代码 {found.code} at character {start}: {found.problem};"
                    " not stored")
                continue
            orgs = [sp for sp in state.by_sentence.get(sent.index, [])
                    if sp.end <= start and state.entities[sp.key].cls in ORG]
            if not orgs:
                state.extra.setdefault("notes", []).append(
                    f"统一社会信用代码 {found.code} at character {start} names no organization before it;"
                    " not stored")
                continue
            holder = state.entities[max(orgs, key=lambda sp: sp.end).key]
            holder.codes.setdefault("uscc", found.code)


__all__ = ["USCC_CHARS", "WEIGHTS", "FoundCode", "admin_codes", "find_usccs", "is_valid_uscc",
           "mark_identifiers", "uscc_check_char", "uscc_problem"]
