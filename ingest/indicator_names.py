"""Matching what a file calls an indicator to the catalogue: codes, the user's mapping, catalogue
names, the official wordings and short forms of ``indikator_alias.csv``, and close names
(rapidfuzz). A name is taken only when unique and confident; one that fits several indicators,
or none, comes back with ranked candidates for the user to choose. Nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from analysis import schema as s
from analysis.mapping import text_key
from ingest.mapping import AUTOMATIC
from ingest.matching import MAX_NAME_CHARS, MAX_SUGGESTIONS, name_key

# Indicator names: every official wording and short form of ``indikator_alias.csv`` is read as
# its code; other names are compared by ``Similarity`` on ``indicator_key`` (word order, case,
# punctuation and units ignored). A close name is taken only when its best indicator scores at
# least ``CONFIDENT`` and beats every other indicator by ``MARGIN``; an indicator scoring
# ``CANDIDATE`` or more is offered as a suggestion. Chosen on 61 hand-labelled office names
# (those of ``tests/test_indicator_names.py`` among them), scored as the mean of two scorers
# (``Similarity``): at 85/6 none is read as a wrong indicator and 55 come out as labelled; 88
# misses four right ones more ("Ibu hamil periksa kehamilan 4x" scores 88 vs 71); 82 gains one
# with less room below the first wrong reading; a margin of 4 changes nothing, 8 loses one.
# ``token_set_ratio`` alone read "Jumlah penduduk" as SEN06 (a subset of its name "Penduduk
# miskin/rentan terdaftar PBI JKN"); ``WRatio`` alone scores 86 for any shared word.
CONFIDENT = 85.0
MARGIN = 6.0
CANDIDATE = 60.0
MAX_CANDIDATES = 5
# A matcher records (and caches) this many distinct names; a file of a million distinct garbage
# names is still resolved, without the record growing past it.
MAX_SEEN = 20_000
LEAD_WORDS = frozenset(
    {
        "persentase",
        "presentase",
        "prosentase",
        "cakupan",
        "capaian",
        "proporsi",
        "jumlah",
        "jml",
        "prevalensi",
        "angka",
        "rasio",
    }
)
STOP_WORDS = frozenset({"yang"})
_NUMBER_WORD = (
    "nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|belas|puluh|ratus"
)
_NUMBER_IN_BRACKETS = re.compile(
    rf"([0-9])\s*\(\s*(?:{_NUMBER_WORD})(?:\s+(?:{_NUMBER_WORD}))*\s*\)"
)
_UNIT = re.compile(r"\(\s*(?:%|persen|jiwa|orang|org|kk|rt|ruta|unit)\s*\)")
_WORD = re.compile(r"[0-9a-z]+")
# A lone letter with a prime, as in the SKDN ratio "N/D′" (weighed two months running), is a
# different quantity from "N/D": keep the prime as a word so that the two names differ.
_PRIME = re.compile(r"\b([a-z])\s*[′'’]")


def indicator_key(text: object, strip_lead: bool = True) -> str:
    """How indicator names are compared: lower case, words only (punctuation, "yang", units
    such as "(%)" or "(jiwa)" and number words in brackets, "6 (enam) bulan", dropped; a lone
    letter's prime kept as the word "prima", so "N/D′" is not "N/D"), sorted
    (word order ignored); ``strip_lead``: without a leading "Persentase", "Cakupan", "Jumlah", …
    """
    t = _NUMBER_IN_BRACKETS.sub(r"\1 ", unicodedata.normalize("NFKC", str(text)).casefold())
    t = _PRIME.sub(r"\1 prima ", t)
    words = [w for w in _WORD.findall(_UNIT.sub(" ", t)) if w not in STOP_WORDS]
    if strip_lead and len(words) > 1 and words[0] in LEAD_WORDS:
        words = words[1:]
    return " ".join(sorted(words))


class Similarity:
    """Scores 0–100 of a name against fixed choices (``indicator_key`` forms): the mean of
    rapidfuzz's ``token_set_ratio``, which forgives extra words ("… tahun 2024") but scores 100
    for any shared subset ("keluarga" in "keluarga penerima PKH"), and ``token_sort_ratio``,
    which forgives typos but not extra words; either alone takes wrong names or misses right ones
    (``tests/test_indicator_names.py``). On sorted keys ``token_sort_ratio`` is ``ratio``, and
    ``token_set_ratio`` is computed only for choices sharing a word with the name (with none
    shared it is ``token_sort_ratio``): a name sharing no word costs one ``ratio`` pass."""

    def __init__(self, choices: list[str]):
        self.choices = choices
        by_word: dict[str, list[int]] = {}
        for i, choice in enumerate(choices):
            for word in set(choice.split()):
                by_word.setdefault(word, []).append(i)
        self.by_word = by_word

    def __call__(self, key: str) -> np.ndarray:
        if not self.choices:
            return np.zeros(0)
        strict = process.cdist([key], self.choices, scorer=fuzz.ratio)[0].astype(float)
        loose = strict.copy()
        shared = {i for word in set(key.split()) for i in self.by_word.get(word, ())}
        for i in shared:
            loose[i] = fuzz.token_set_ratio(key, self.choices[i])
        return (loose + strict) / 2


@dataclass(frozen=True)
class NameMatch:
    """How an indicator name or code written in a file was read.

    ``how``: ``kode`` (a catalogue code), ``pemetaan`` (the user's mapping), ``nama`` (the
    catalogue name), ``alias`` (a known wording, ``indikator_alias.csv``), ``mirip`` (a close,
    unique and confident fuzzy match), ``ganda`` (fits several indicators: a choice is needed),
    ``tidak_dikenal`` (unknown). ``candidates``: catalogue codes, best first."""

    kode: str | None
    how: str
    candidates: tuple[str, ...] = ()
    score: float = 100.0

    @property
    def automatic(self) -> bool:
        """Taken without the user: shown in the dry run (``kolom '…' dibaca sebagai …``)."""
        return self.how in AUTOMATIC


CODE_RE = re.compile(r"^\s*([A-Za-z]{3})[-_ .]?([0-9]{2})(?![0-9])")
NAMA, ALIAS, MIRIP, GANDA, TIDAK_DIKENAL = "nama", "alias", "mirip", "ganda", "tidak_dikenal"


class IndicatorMatcher:
    """Matches indicator codes (``SPE02``, ``spe-02``), catalogue names, the aliases of
    ``indikator_alias.csv`` and close names against the catalogue (``resolve``).

    Every distinct text is resolved once (``seen``, also the cache); ``with_mapping`` gives a
    copy, with an empty record, that reads the names the user mapped as they say."""

    def __init__(self, indikator: pd.DataFrame, aliases: pd.DataFrame | None = None):
        codes, names = list(indikator[s.KODE]), list(indikator[s.NAMA])
        self.codes = set(codes)
        self.names = dict(zip(codes, names, strict=True))
        self.position = {k: i for i, k in enumerate(codes)}
        # Catalogue names by ``name_key`` (``ingest.layout`` reads it for header rows).
        self.by_name = {name_key(n): k for k, n in zip(codes, names, strict=True)}
        written = [(k, n, NAMA) for k, n in zip(codes, names, strict=True)]
        if aliases is not None and len(aliases):
            written += [
                (k, a, ALIAS)
                for k, a in zip(aliases["kode"], aliases["alias"], strict=True)
                if k in self.codes and str(a).strip()
            ]
        # key → {code: "nama" | "alias"}, as written and without a leading "Persentase"/….
        self.exact: dict[str, dict[str, str]] = {}
        self.exact_stripped: dict[str, dict[str, str]] = {}
        for kode, text, how in written:
            for index, strip in ((self.exact, False), (self.exact_stripped, True)):
                found = index.setdefault(indicator_key(text, strip), {})
                if found.get(kode) != NAMA:
                    found[kode] = how
        self.exact.pop("", None)
        self.exact_stripped.pop("", None)
        self.choices = list(self.exact_stripped)  # fuzzy matching runs over these keys
        self.choice_codes = [tuple(self.exact_stripped[k]) for k in self.choices]
        self.similarity = Similarity(self.choices)
        self.mapped: dict[str, str] = {}
        self.seen: dict[str, NameMatch] = {}
        self.suggestions_left = MAX_SUGGESTIONS

    def with_mapping(self, mapping) -> IndicatorMatcher:
        """A copy reading the names of ``mapping`` (``analysis.mapping.Mapping``) as the user
        chose (``how="pemetaan"``), with an empty ``seen`` record and its own suggestion budget."""
        copy = object.__new__(IndicatorMatcher)
        copy.__dict__.update(self.__dict__)
        copy.mapped = {text: kode for text, kode in mapping.names if kode in self.codes}
        copy.seen = {}
        copy.suggestions_left = MAX_SUGGESTIONS
        return copy

    def resolve(self, text: object) -> NameMatch:
        """How one indicator header or cell is read: code → the user's mapping → catalogue name
        → alias → a close name (see ``CONFIDENT``); ``ganda`` when it fits several."""
        raw = str(text).strip()
        found = self.seen.get(raw)
        if found is None:
            found = self._resolve(raw)
            if len(self.seen) < MAX_SEEN:
                self.seen[raw] = found
        return found

    def _resolve(self, raw: str) -> NameMatch:
        code = self.code_in(raw)
        if code in self.codes:
            return NameMatch(code, "kode")
        if self.mapped and (kode := self.mapped.get(text_key(raw))):
            return NameMatch(kode, "pemetaan")
        key = indicator_key(raw, strip_lead=False)
        stripped = indicator_key(raw)
        for index, k in ((self.exact, key), (self.exact_stripped, stripped)):
            if hits := index.get(k):
                if len(hits) == 1:
                    ((kode, how),) = hits.items()
                    return NameMatch(kode, how)
                return NameMatch(None, GANDA, tuple(sorted(hits, key=self._order)))
        ranked = self._ranked(stripped) if stripped and len(raw) <= MAX_NAME_CHARS else []
        candidates = tuple(c for c, _ in ranked[:MAX_CANDIDATES])
        if not ranked or ranked[0][1] < CONFIDENT:
            if code:  # a code-shaped text with an unknown code: close codes first
                close = [c for c in self._close_codes(code) if c not in candidates]
                candidates = (*close, *candidates)[:MAX_CANDIDATES]
            return NameMatch(None, TIDAK_DIKENAL, candidates, ranked[0][1] if ranked else 0.0)
        best, score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if score - runner_up >= MARGIN:
            return NameMatch(best, MIRIP, candidates, score)
        return NameMatch(None, GANDA, candidates, score)

    def _order(self, kode: str) -> int:
        return self.position.get(kode, len(self.position))

    def _ranked(self, key: str) -> list[tuple[str, float]]:
        """(code, best score over its names and aliases) for the codes scoring ``CANDIDATE`` or
        more, best first (catalogue order among equals); empty once the budget of close-name
        searches (``MAX_SUGGESTIONS``) is spent."""
        if self.suggestions_left <= 0:
            return []
        self.suggestions_left -= 1
        return self._scores(key)

    def _scores(self, key: str) -> list[tuple[str, float]]:
        scores = self.similarity(key)
        best: dict[str, float] = {}
        for i in np.flatnonzero(scores >= CANDIDATE):
            for kode in self.choice_codes[i]:
                best[kode] = max(best.get(kode, 0.0), round(float(scores[i]), 1))
        return sorted(best.items(), key=lambda kv: (-kv[1], self._order(kv[0])))

    def _close_codes(self, code: str) -> list[str]:
        found = process.extract(
            code, sorted(self.codes), scorer=fuzz.ratio, limit=2, score_cutoff=60
        )
        return [c for c, _, _ in found]

    def close_to(self, name: str) -> list[tuple[str, float]]:
        """Catalogue indicators whose names or aliases are close to ``name`` (code, score 0–100),
        best first: the new-indicator form warns with them ("nama ini mirip SPE09 …")."""
        stripped = indicator_key(name)
        if not stripped:
            return []
        exact = self.exact.get(indicator_key(name, False)) or self.exact_stripped.get(stripped)
        scores = dict.fromkeys(exact or (), 100.0)
        for kode, score in self._scores(stripped):
            scores[kode] = max(scores.get(kode, 0.0), score)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], self._order(kv[0])))
        return ranked[:MAX_CANDIDATES]

    def code_in(self, text: object) -> str | None:
        """The catalogue-shaped code a header or cell starts with (known or not)."""
        m = CODE_RE.match(str(text))
        return f"{m[1].upper()}{m[2]}" if m else None

    def label(self, kode: str) -> str:
        """``SPE09 (Balita memperoleh imunisasi dasar lengkap)``."""
        return f"{kode} ({self.names[kode]})"

    def match(self, value: object) -> tuple[str | None, str | None, str | None]:
        """(code, message, fix) for one indicator cell (a code, name, alias or close name)."""
        raw = str(value).strip()
        found = self.resolve(raw)
        if found.kode is not None:
            return found.kode, None, None
        listed = ", ".join(self.label(c) for c in found.candidates)
        if found.how == GANDA:
            return (
                None,
                f"Indikator '{raw}' cocok dengan lebih dari satu indikator: {listed}.",
                "Pilih indikatornya di langkah pemetaan (halaman Data) atau --map di baris perintah.",
            )
        hint = f"Mungkin maksudnya: {listed}; pilih" if listed else "Pilih"
        return (
            None,
            f"Indikator '{raw}' tidak ada di katalog.",
            hint
            + " indikatornya di langkah pemetaan (halaman Data), atau tambahkan indikator baru "
            "bila memang baru (bagian 'Tambahkan indikator baru'). Kode ada di halaman Data "
            "Referensi.",
        )
