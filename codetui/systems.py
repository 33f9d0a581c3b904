"""The registry of code systems: everything codetui knows about a system, in one place.

Every other module asks the registry (``get``, ``ids``, ``all_systems``) instead of naming
systems itself. Adding a code system is one :func:`register` call (the built-in four are
registered below) plus its importer and its data; see docs/ARCHITECTURE.md.
Nothing here imports more than the standard library.
"""

from __future__ import annotations

import functools
import re

#: Dropped when codes are compared: spaces, dots, and invisible format characters that
#: copying from web pages and documents brings along (zero-width spaces, joiners, BOM,
#: soft hyphens, direction marks).
_KEY_DROP = re.compile(r"[\s.\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+")

#: Headings of a curated ICD-10-CM code-level page, in order.
_ICD_CODE_PAGE = ("Summary", "Symptoms", "Causes and risk factors", "How it is diagnosed",
                  "Treatment", "When to seek care", "Coding notes")
#: Headings of a plain-language page written for an ICD-10-CM category, in order.
_ICD_CATEGORY_PAGE = ("Summary", "Symptoms", "Causes and risk factors", "How it is diagnosed",
                      "Treatment", "When to seek care", "How the codes below differ")


class CodeSystem:
    """One code system and how codetui handles it.

    A plain class rather than a dataclass: importing :mod:`dataclasses` costs more than the
    rest of this module, and every command imports the registry.
    """

    __slots__ = ("id", "badge", "name", "code_pattern", "rank", "colour", "page_headings",
                 "heading_page_headings", "brief_page_prefixes", "text_reference", "importer",
                 "shard_prefix", "legacy")

    def __init__(self, *, id: str, badge: str, name: str, code_pattern: re.Pattern, rank: int,
                 colour: str, page_headings: tuple[str, ...] = (),
                 heading_page_headings: dict[str, tuple[str, ...]] | None = None,
                 brief_page_prefixes: tuple[str, ...] = (),
                 text_reference: re.Pattern | None = None, importer: str | None = None,
                 shard_prefix: int = 3, legacy: str | None = None) -> None:
        self.id = id
        #: Short label shown in lists ("ICD-10-CM").
        self.badge = badge
        #: Full name ("ICD-10-CM (diagnoses)").
        self.name = name
        #: The display form of a code (headings included) that data files may use.
        self.code_pattern = code_pattern
        #: Order among systems at equal relevance in search (lower first).
        self.rank = rank
        #: Colour of the badge in the result list (a Rich colour name).
        self.colour = colour
        #: Required headings, in order, of a curated page on a code of the system; empty
        #: when the system has no curated code pages.
        self.page_headings = page_headings
        #: Required headings, in order, of a plain-language page written for a heading
        #: entry, by the heading's kind ("category", "table").
        self.heading_page_headings = heading_page_headings or {}
        #: Code prefixes whose heading pages need only the first and last of those headings
        #: (ICD-10-CM external causes, factors and special codes have no symptoms or
        #: treatment).
        self.brief_page_prefixes = brief_page_prefixes
        #: How a code is written inside page text (for the check that named codes exist).
        self.text_reference = text_reference
        #: Module under ``codetui.importers`` that writes the system's YAML, or None (curated).
        self.importer = importer
        #: How codes are grouped into store shards: the characters of the code key a group
        #: shares, one more for a group too large (a category, a PCS table; see
        #: ``seed.shard_groups``).
        self.shard_prefix = shard_prefix
        #: For a retired code set: what every page of it says (its codes are found by code or
        #: with the system's filter, never by words in a search of every system).
        self.legacy = legacy

    def __repr__(self) -> str:
        return f"CodeSystem(id={self.id!r})"

    def page_shapes(self, kind: str, code: str, billable: bool) -> list[tuple[str, ...]]:
        """The heading sequences a curated page on entry ``code`` of ``kind`` may follow.

        A page on a heading entry (an ICD-10-CM category, a PCS table) uses the heading
        shape; a page on a code the code shape; a billable category (I10) may use either.
        """
        shapes = []
        if kind in self.heading_page_headings:
            shape = self.heading_page_headings[kind]
            if len(shape) > 2 and code.startswith(self.brief_page_prefixes):
                shape = (shape[0], shape[-1])
            shapes.append(shape)
        if (kind not in self.heading_page_headings or billable) and self.page_headings:
            shapes.append(self.page_headings)
        return shapes


_REGISTRY: dict[str, CodeSystem] = {}


def register(system: CodeSystem) -> None:
    """Add a code system (replacing one with the same id)."""
    _REGISTRY[system.id] = system


def unregister(system_id: str) -> None:
    """Remove a code system (tests that register a fake one clean up with this)."""
    _REGISTRY.pop(system_id, None)


def get(system_id: str) -> CodeSystem:
    """The system with this id (KeyError when there is none)."""
    return _REGISTRY[system_id]


def ids() -> tuple[str, ...]:
    """The ids of every registered system, in display order."""
    return tuple(_REGISTRY)


def all_systems() -> tuple[CodeSystem, ...]:
    """Every registered system, in display order."""
    return tuple(_REGISTRY.values())


def badge(system_id: str) -> str:
    """Return the short label of a system (``ICD-10-CM``)."""
    return _REGISTRY[system_id].badge


def code_key(code: str) -> str:
    """Return the comparison key of a code: upper case, without dots or spaces."""
    if code.isascii():  # the common case, without the regular expression (the seed asks 4M times)
        bare = code.replace(".", "")
        if bare.isalnum():
            return bare.upper()
    return _KEY_DROP.sub("", code).upper()


#: :func:`code_key` with a memo, for the seed and validation, which ask about 4 million times
#: for 240,000 codes (a dictionary look-up instead of string work); they empty it
#: (``cached_code_key.cache_clear()``) when done.
cached_code_key = functools.lru_cache(maxsize=None)(code_key)


register(CodeSystem(
    id="cpt", badge="CPT", name="CPT (Current Procedural Terminology)",
    # Five-character codes (47542, 0001F, 0042T, 0001U, 0002M) and two-digit modifiers (59).
    code_pattern=re.compile(r"^([0-9]{4}[0-9FTUM]|[0-9]{2})$"), rank=1, colour="cyan",
    page_headings=("Name of the Procedure", "Summary", "Purpose", "Indications", "Preparation",
                   "Procedure Description", "Duration", "Setting", "Personnel",
                   "Risks and Complications", "Benefits", "Recovery", "Alternatives",
                   "Patient Experience", "Coding notes"),
    text_reference=re.compile(r"(?<![A-Za-z0-9.,])([0-9]{4}[0-9FTU])(?![A-Za-z0-9])"),
))
register(CodeSystem(
    id="hcpcs", badge="HCPCS", name="HCPCS Level II",
    code_pattern=re.compile(r"^([A-Z][0-9]{4}|[A-Z0-9]{2})$"), rank=2, colour="magenta",
    page_headings=("Summary", "Who uses it", "Coverage notes"),
    text_reference=re.compile(r"(?<![A-Za-z0-9])([A-V][0-9]{4})(?![A-Za-z0-9])"),
    importer="hcpcs",
))
register(CodeSystem(
    id="icd10cm", badge="ICD-10-CM", name="ICD-10-CM (diagnoses)",
    code_pattern=re.compile(
        r"^([A-Z][0-9A-Z]{2}(\.[0-9A-Z]{1,4})?|[A-Z][0-9A-Z]{2}-[A-Z][0-9A-Z]{2}|[0-9]{1,2})$"),
    rank=0, colour="green",
    page_headings=_ICD_CODE_PAGE,
    heading_page_headings={"chapter": ("Summary",), "block": ("Summary",),
                           "category": _ICD_CATEGORY_PAGE},
    brief_page_prefixes=("U", "V", "W", "X", "Y", "Z"),
    text_reference=re.compile(
        r"(?<![A-Za-z0-9])(?<![Vv]itamin )([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(\.?-)?(?![A-Za-z0-9])"),
    importer="icd10cm",
))
register(CodeSystem(
    id="icd10pcs", badge="ICD-10-PCS", name="ICD-10-PCS (inpatient procedures)",
    code_pattern=re.compile(r"^[0-9A-HJ-NP-Z]{1,7}$"), rank=3, colour="yellow",
    heading_page_headings={"table": ("Summary", "Procedures coded here", "What the choices mean")},
    text_reference=re.compile(
        r"(?<![A-Za-z0-9])([0-9BCDFGHX](?=[0-9A-HJ-NP-Z]*[0-9])[0-9A-HJ-NP-Z]{2,6})(?![A-Za-z0-9])"),
    importer="icd10pcs",
))
register(CodeSystem(
    id="icd9cm", badge="ICD-9-CM", name="ICD-9-CM (legacy diagnoses)",
    code_pattern=re.compile(r"^([0-9]{3}(\.[0-9]{1,2})?|V[0-9]{2}(\.[0-9]{1,2})?|E[0-9]{3}(\.[0-9])?)$"),
    rank=8, colour="bright_black", importer="icd9",
    legacy="ICD-9-CM is a legacy code set: not valid for services after September 30, 2015 "
           "(use ICD-10-CM; the mappings below are CMS's General Equivalence Mappings).",
))
register(CodeSystem(
    id="icd9proc", badge="ICD-9 proc", name="ICD-9-CM Volume 3 (legacy procedures)",
    code_pattern=re.compile(r"^[0-9]{2}(\.[0-9]{1,2})?$"), rank=9, colour="bright_black",
    shard_prefix=2,
    legacy="ICD-9-CM Volume 3 is a legacy code set: not valid for inpatient procedures after "
           "September 30, 2015 (use ICD-10-PCS).",
))
