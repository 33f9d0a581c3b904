"""The search engine: codes, code prefixes, words, everyday terms and misspellings.

It works on the compact index built at seed time (:func:`codetui.seed.build_index`), loaded
with :mod:`marshal` in tens of milliseconds, and never imports YAML, TinyDB or Textual, so a
command-line search starts fast. Documents are numbered in "static rank" order (current,
billable, short titles first), which breaks ties and bounds the work on very broad queries.
"""

from __future__ import annotations

import heapq
import marshal
import re
import threading
from collections import OrderedDict
from array import array
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import NamedTuple

from codetui.columns import StrColumn
from codetui.storeformat import FLAG_BILLABLE, FLAG_HEADING, FLAG_PLAIN, FLAG_TERMINATED, SCHEMA_VERSION
from codetui.systems import code_key
from codetui.textnorm import STOP_WORDS, words

#: Broad queries score at most this many candidates (in static-rank order); the total is exact.
SCORE_LIMIT = 500
_CODE_LIKE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,7}$")
_MAX_QUERY = 256
_MAX_VARIANTS = 8
#: Cache the document sets of at most this many words, each of at least _CACHE_MIN documents.
_CACHE_SETS = 32
_CACHE_MIN = 4000


def _flag_bonus(flags: int) -> float:
    bonus = 3.0 if flags & FLAG_BILLABLE else 0.0
    if flags & FLAG_HEADING:
        bonus -= 6
    if flags & FLAG_TERMINATED:
        bonus -= 20
    if flags & FLAG_PLAIN:
        bonus += 5
    return bonus


#: Score added for each value of a document's flags byte.
_FLAG_BONUS = [_flag_bonus(flags) for flags in range(256)]


class IndexUnreadable(Exception):
    """The index file is missing, damaged or from another schema."""


class Hit(NamedTuple):
    """One search result."""

    doc_id: int
    system: str
    code: str
    title: str
    billable: bool
    terminated: bool
    heading: bool

    def marks(self) -> list[str]:
        """Short words for what sets a result apart: heading, not billable, terminated."""
        found = []
        if self.heading:
            found.append("heading")
        elif not self.billable and self.system != "hcpcs":
            found.append("not billable")
        if self.terminated:
            found.append("terminated")
        return found

    def as_json(self) -> dict:
        """The result as the ``codetui search --json`` contract writes it."""
        return {"system": self.system, "code": self.code, "title": self.title,
                "billable": self.billable, "terminated": self.terminated,
                "heading": self.heading}


class SearchResult:
    """A batch of results (limit and offset) with the total count and what the engine did to
    the query."""

    def __init__(self, query: str, hits: list[Hit], total: int,
                 corrections: list[tuple[str, str]] | None = None,
                 synonyms: list[tuple[str, str]] | None = None) -> None:
        self.query = query
        self.hits = hits
        self.total = total
        #: (typed word, corrected word) pairs, when misspellings were corrected.
        self.corrections = corrections or []
        #: (everyday phrase, clinical reading) pairs that found results.
        self.synonyms = synonyms or []

    def __repr__(self) -> str:
        return f"SearchResult({self.query!r}, total={self.total}, hits={len(self.hits)})"

    @property
    def corrected_query(self) -> str | None:
        """The query with corrected words, for "showing results for ...", or None."""
        if not self.corrections:
            return None
        fixed = dict(self.corrections)
        return " ".join(fixed.get(word, word) for word in words(self.query))


class SearchIndex:
    """The in-memory search structure of one store."""

    def __init__(self, data: dict) -> None:
        if data.get("schema") != SCHEMA_VERSION:
            raise IndexUnreadable("index from another schema version")
        self.codes = StrColumn(*data["codes"])
        self.titles = StrColumn(*data["titles"])
        #: The system ids the index was built with; ``systems`` holds a position in it.
        self.system_ids: tuple[str, ...] = tuple(data["system_ids"])
        self.systems: bytes = data["systems"]
        self.flags: bytes = data["flags"]
        self.shards: bytes = data["shards"]
        #: Each document's title and other names as search words: " word word ".
        self.title_texts = StrColumn(*data["title_texts"])
        self.alias_texts = StrColumn(*data["alias_texts"])
        self.title_lengths: bytes = data["title_lengths"]
        self.keys = StrColumn(*data["keys"])
        self.key_docs = array("I")
        self.key_docs.frombytes(data["key_docs"])
        self.vocab: list[str] = data["vocab"]
        self.postings: list[bytes] = data["postings"]
        self.by_length: dict[int, list[str]] = data["by_length"]
        self.synonyms: dict = data["synonyms"]
        # Decoded document sets of common words ("left", "fracture", "encounter"): building
        # one from its posting costs milliseconds, and the same words recur in queries.
        self._set_cache: OrderedDict[tuple[int, int], frozenset[int]] = OrderedDict()
        self._cache_lock = threading.Lock()

    @classmethod
    def load(cls, path: Path) -> "SearchIndex":
        """Load the marshalled index written by the seed."""
        try:
            return cls(marshal.loads(path.read_bytes()))
        except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise IndexUnreadable(f"{path}: {exc}") from None

    def _system_number(self, system: str | None) -> int | None:
        """The position of ``system`` in the index's systems (-1 when it has no codes here)."""
        if system is None:
            return None
        return self.system_ids.index(system) if system in self.system_ids else -1

    def __len__(self) -> int:
        return len(self.codes)

    # -- documents ---------------------------------------------------------------------------

    def hit(self, doc_id: int) -> Hit:
        """Describe document ``doc_id`` as a result."""
        flags = self.flags[doc_id]
        return Hit(doc_id, self.system_ids[self.systems[doc_id]], self.codes[doc_id],
                   self.titles[doc_id], bool(flags & FLAG_BILLABLE),
                   bool(flags & FLAG_TERMINATED), bool(flags & FLAG_HEADING))

    def lookup(self, code: str, system: str | None = None) -> list[int]:
        """Return the documents whose code is ``code`` (any case, with or without the dot).

        Where the same characters name codes in two systems, the one whose display form
        matches exactly comes first.
        """
        key = code_key(code)
        start, end = bisect_left(self.keys, key), bisect_right(self.keys, key)
        found = [self.key_docs[i] for i in range(start, end)]
        if system is not None:
            found = [d for d in found if self.system_ids[self.systems[d]] == system]
        wanted = code.strip().upper()
        return sorted(found, key=lambda d: self.codes[d].upper() != wanted)

    def _code_matches(self, query: str) -> tuple[list[int], range]:
        """Exact code matches, and the key range of codes that start with the query."""
        compact = code_key(query)
        if not _CODE_LIKE.match(compact):
            return [], range(0)
        exact = self.lookup(query)
        if not any(ch.isdigit() for ch in compact):
            return exact, range(0)
        start = bisect_left(self.keys, compact)
        end = bisect_left(self.keys, compact + "\x7f", start)
        return exact, range(start, end)

    # -- words -------------------------------------------------------------------------------

    def _term_range(self, word: str) -> range:
        """Vocabulary positions of the words that ``word`` matches (itself, or as a prefix)."""
        start = bisect_left(self.vocab, word)
        if len(word) < 2:
            exact = start < len(self.vocab) and self.vocab[start] == word
            return range(start, start + 1) if exact else range(start, start)
        return range(start, bisect_left(self.vocab, word + "\x7f", start))

    def _posting_size(self, terms: range) -> int:
        return sum(len(self.postings[t]) for t in terms) // 4

    def _arrays(self, terms: range) -> list[array]:
        arrays = []
        for term in terms:
            posting = array("I")
            posting.frombytes(self.postings[term])
            arrays.append(posting)
        return arrays

    def _docs(self, terms: range) -> frozenset[int]:
        """The documents of some vocabulary words (cached for the common, large ones)."""
        key = (terms.start, terms.stop)
        with self._cache_lock:
            cached = self._set_cache.get(key)
            if cached is not None:
                self._set_cache.move_to_end(key)
                return cached
        docs: set[int] = set()
        for posting in self._arrays(terms):
            docs.update(posting)
        found = frozenset(docs)
        if len(found) >= _CACHE_MIN:
            with self._cache_lock:
                self._set_cache[key] = found
                while len(self._set_cache) > _CACHE_SETS:
                    self._set_cache.popitem(last=False)
        return found

    def _first(self, tokens: list[str], docs: set[int], count: int) -> list[int]:
        """The ``count`` best-placed (lowest-numbered) of ``docs``.

        Postings are in document order, so for a one-word query over a few vocabulary words
        this merges their heads instead of sorting every match.
        """
        terms = self._term_range(tokens[0])
        if len(tokens) == 1 and len(terms) <= 16:
            first: list[int] = []
            last = -1
            for doc_id in heapq.merge(*self._arrays(terms)):
                if doc_id != last:
                    first.append(doc_id)
                    last = doc_id
                    if len(first) == count:
                        break
            return first
        return sorted(docs)[:count]

    def _matching(self, tokens: list[str]) -> set[int] | frozenset[int]:
        """Documents in which every token starts a word of the title or another name.

        Starts from the rarest token's documents; each further token narrows them either
        by intersecting with its own documents (when those are not many more) or by looking
        for the word in each remaining document's text.
        """
        ranges = [self._term_range(t) for t in tokens]
        if any(len(r) == 0 for r in ranges):
            return set()
        sizes = [self._posting_size(r) for r in ranges]
        order = sorted(range(len(tokens)), key=sizes.__getitem__)
        docs = self._docs(ranges[order[0]])
        titles, title_at = self.title_texts.blob, self.title_texts.offsets
        aliases, alias_at = self.alias_texts.blob, self.alias_texts.offsets
        for i in order[1:]:
            if not docs:
                break
            if sizes[i] <= 12 * len(docs):
                docs &= self._docs(ranges[i])
                continue
            token = tokens[i]
            needle = (" " + token + (" " if len(token) < 2 else "")).encode()
            docs = {d for d in docs if titles.find(needle, title_at[d], title_at[d + 1]) >= 0
                    or aliases.find(needle, alias_at[d], alias_at[d + 1]) >= 0}
        return docs

    def _score_all(self, docs, tokens: list[str], penalty: float, scores: dict[int, float]) -> None:
        """Score ``docs`` for ``tokens`` into ``scores``, keeping each document's best score.

        Per query word (averaged, so longer synonym expansions do not win by length): a whole
        title word 14, a title word prefix 10, a whole word of another name 9, a prefix of one
        6. Then: +3 when the words stand together in the title, +8 when they are the whole
        title (fillers such as "unspecified" aside) or a whole other name; -1 per title word the query does not name (at most 15;
        none for a whole other name, half when only other names matched); and the flags'
        bonus (billable +3, heading -6, plain-language page +5, terminated -20). Synonym readings of
        the query lose 1.5.
        """
        needles = [((f" {t} ").encode(), (f" {t}").encode()) for t in tokens]
        joined = " ".join(tokens)
        phrase = f" {joined}".encode() if len(tokens) > 1 else None
        exact_name = f"| {joined} |".encode()
        lead = f" {tokens[0]}".encode()
        count = len(tokens)
        titles, title_at = self.title_texts.blob, self.title_texts.offsets
        aliases, alias_at = self.alias_texts.blob, self.alias_texts.offsets
        lengths, flags, bonus = self.title_lengths, self.flags, _FLAG_BONUS
        for d in docs:
            start, end = title_at[d], title_at[d + 1]
            alias_start, alias_end = alias_at[d], alias_at[d + 1]
            words_value = 0
            in_title = 0
            for whole, prefix in needles:
                if titles.find(whole, start, end) >= 0:
                    words_value += 14
                    in_title += 1
                elif titles.find(prefix, start, end) >= 0:
                    words_value += 10
                    in_title += 1
                elif aliases.find(whole, alias_start, alias_end) >= 0:
                    words_value += 9
                else:
                    words_value += 6
            value = words_value / count + bonus[flags[d]] - penalty
            if phrase is not None and titles.find(phrase, start, end) >= 0:
                value += 3
            if titles.startswith(lead, start, end):
                value += 0.5
            extra = lengths[d] - in_title
            if in_title == count and extra <= 0:
                value += 8  # the title says just this ("Unspecified cataract" for "cataract")
            elif aliases.find(exact_name, alias_start, alias_end) >= 0:
                value += 8
                extra = 0
            elif in_title == 0:
                extra /= 2
            if extra > 0:
                value -= extra if extra < 15 else 15
            if value > scores.get(d, -1e9):
                scores[d] = value

    def _variants(self, tokens: list[str]) -> list[tuple[list[str], tuple[str, str] | None]]:
        """The query itself and the queries its everyday words and abbreviations stand for.

        Where phrases overlap, the longest wins ("broken hip" over "broken").
        """
        found: list[tuple[int, int, tuple, list]] = []
        for i, token in enumerate(tokens):
            for phrase, means in self.synonyms.get(token, ()):
                n = len(phrase)
                if tuple(tokens[i:i + n]) == tuple(phrase):
                    found.append((i, n, phrase, means))
        found = [(i, n, phrase, means) for i, n, phrase, means in found
                 if not any(j <= i and i + n <= j + m and m > n for j, m, _, _ in found)]
        variants: list[tuple[list[str], tuple[str, str] | None]] = [(tokens, None)]
        seen = {tuple(tokens)}
        for i, n, phrase, means in found:
            for meaning in means:
                variant = tokens[:i] + list(meaning) + tokens[i + n:]
                if tuple(variant) not in seen and len(variants) < _MAX_VARIANTS:
                    seen.add(tuple(variant))
                    variants.append((variant, (" ".join(phrase), " ".join(meaning))))
        return variants

    def corrections_for(self, word: str) -> list[str]:
        """Indexed words nearest to ``word``: edit distance 1 for words of 4-7 letters, 2 for
        longer ones (either the typed word or the indexed word; swapped letters count as one
        edit)."""
        if len(word) < 4 or not word.isalpha():
            return []
        from rapidfuzz.distance import OSA
        from rapidfuzz.process import extract

        limit = 1 if len(word) <= 5 else 2
        found: list[tuple[int, int, str]] = []
        for length in range(len(word) - limit, len(word) + limit + 1):
            choices = self.by_length.get(length)
            if not choices:
                continue
            for choice, distance, _ in extract(word, choices, scorer=OSA.distance,
                                               score_cutoff=limit, limit=None):
                if distance == 2 and max(len(word), len(choice)) < 8:
                    continue
                if choice != word:
                    found.append((distance, -self._posting_size(self._term_range(choice)), choice))
        found.sort()
        if not found:
            return []
        best = found[0][0]
        return [choice for distance, _, choice in found if distance == best][:3]

    def _corrected(self, tokens: list[str], only_unknown: bool) -> tuple[list, list]:
        """Queries with misspelt words replaced, and the corrections made.

        With ``only_unknown`` only words that match nothing are corrected, all at once;
        otherwise each word is tried on its own ("hart attack": "hart" is a real prefix).
        """
        corrections: list[tuple[str, str]] = []
        if only_unknown:
            fixed = list(tokens)
            alternatives: list[list[str]] = []
            for i, token in enumerate(tokens):
                if self._known(token):
                    continue
                options = self.corrections_for(token)
                if options:
                    corrections.append((token, options[0]))
                    fixed[i] = options[0]
                    alternatives.extend(fixed[:i] + [o] + fixed[i + 1:] for o in options[1:])
            return ([fixed, *alternatives] if corrections else []), corrections
        queries = []
        for i, token in enumerate(tokens):
            options = self.corrections_for(token)
            if options:
                corrections.append((token, options[0]))
                queries.extend(tokens[:i] + [o] + tokens[i + 1:] for o in options)
        return queries, corrections

    def _known(self, token: str) -> bool:
        """Whether a word starts an indexed word or an everyday phrase search knows."""
        return len(self._term_range(token)) > 0 or token in self.synonyms

    def _word_matches(self, query: str) -> tuple[dict[int, float], set[int], list, list]:
        """Scored documents, further matching documents, corrections and synonyms used.

        The query is tried as typed (with its synonyms); words that match nothing are then
        corrected; if there is still nothing, each word is tried corrected on its own.
        """
        tokens = words(query)[:24]
        tokens = [t for t in tokens if t not in STOP_WORDS] or tokens
        if not tokens:
            return {}, set(), [], []
        if all(self._known(t) for t in tokens) or len(self._variants(tokens)) > 1:
            scores, more, synonyms = self._score_queries([tokens])
            if scores:
                return scores, more, [], synonyms
        for only_unknown in (True, False):
            queries, corrections = self._corrected(tokens, only_unknown)
            if queries:
                scores, more, synonyms = self._score_queries(queries)
                if scores:
                    return scores, more, corrections, synonyms
        return {}, set(), [], []

    def _score_queries(self, queries: list[list[str]]) -> tuple[dict[int, float], set[int], list]:
        """Score the documents each query (and its synonym variants) matches."""
        scores: dict[int, float] = {}
        more: set[int] = set()
        synonyms: list[tuple[str, str]] = []
        for tokens in queries:
            for variant, synonym in self._variants(tokens):
                docs = self._matching(variant)
                if not docs:
                    continue
                if synonym and synonym not in synonyms:
                    synonyms.append(synonym)
                if len(docs) > SCORE_LIMIT:
                    more |= docs
                    docs = self._first(variant, docs, SCORE_LIMIT)
                self._score_all(docs, variant, 0 if synonym is None else 1.5, scores)
        return scores, more, synonyms

    # -- the query ---------------------------------------------------------------------------

    def search(self, query: str, system: str | None = None, limit: int = 50,
               offset: int = 0) -> SearchResult:
        """Search all codes: exact codes first, then code prefixes in code order, then words.

        ``total`` counts every match; only ``hits`` (``offset`` to ``offset + limit``) are
        built.
        """
        query = query[:_MAX_QUERY]
        wanted = self._system_number(system)
        exact, prefix = self._code_matches(query)
        if wanted is not None:
            exact = [d for d in exact if self.systems[d] == wanted]
        scores, more, corrections, synonyms = self._word_matches(query)
        exact_set = set(exact)
        key_docs = self.key_docs
        if scores or wanted is not None:
            code_docs = exact + [d for d in (key_docs[i] for i in prefix)
                                 if d not in exact_set and (wanted is None or self.systems[d] == wanted)]
            code_total = len(code_docs)
        else:
            # A bare prefix: list only the page asked for; the exact codes lie in the range.
            code_docs = list(exact)
            for i in prefix:
                if len(code_docs) >= offset + limit:
                    break
                if key_docs[i] not in exact_set:
                    code_docs.append(key_docs[i])
            code_total = len(prefix) if prefix else len(exact)
        seen = set(code_docs)
        ranked = sorted((d for d in scores if d not in seen), key=lambda d: (-scores[d], d))
        rest = more.difference(scores, seen)
        if wanted is not None:
            ranked = [d for d in ranked if self.systems[d] == wanted]
            rest = {d for d in rest if self.systems[d] == wanted}
        order = code_docs + ranked
        if offset + limit > len(order) and rest:
            order += sorted(rest)
        hits = [self.hit(d) for d in order[offset:offset + limit]]
        total = code_total + len(ranked) + len(rest)
        return SearchResult(query, hits, total, corrections, synonyms)
