"""The catalog: one object the command line and the app use to search codes and read pages.

It opens (seeding when needed) the store and its code table, opens the search index when a
search first needs it, and turns documents into :class:`codetui.page.Page` objects. Any
thread may call :meth:`Catalog.search`, :meth:`Catalog.resolve` and :meth:`Catalog.page`:
the caches here and in the store are guarded by locks. Nothing here imports Textual.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from codetui import paths
from codetui.codetable import CodeTable, Hit
from codetui.mapped import MappedUnreadable
from codetui.store import Progress, Store, StoreCorrupt, open_store
from codetui.storeformat import FLAG_BILLABLE
from codetui.systems import code_key

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (~3 ms a start)
if TYPE_CHECKING:
    from codetui.page import Page
    from codetui.search import SearchIndex, SearchResult

#: Pages kept built (the app moves back and forth over neighbouring results).
PAGE_CACHE = 64


class Catalog:
    """Search and pages over one store."""

    def __init__(self, store: Store, notices: list[str], data_dir: Path,
                 user_dir: Path | None, root: Path | None = None) -> None:
        self.store = store
        #: The store root a damaged store is rebuilt under (never a host's shared store).
        self.root = root or store.folder.parent
        self.notices = notices
        self.data_dir = data_dir
        self.user_dir = user_dir
        self.codes = self._open_codes()
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()
        self._pages: OrderedDict[int, Page] = OrderedDict()
        self._pages_lock = threading.Lock()

    @classmethod
    def open(cls, db: Path | None = None, data_dir: Path | None = None,
             user_dir: Path | None = None, progress: Progress | None = None,
             rebuild: bool = False, lazy: bool = False,
             shared: Path | None = None) -> "Catalog":
        """Open the store for ``data_dir`` (seeding or repairing it first when needed).

        The search index is opened now, or with ``lazy`` on first use (the app draws its
        first screen meanwhile; ``show`` never needs it). A current store in ``shared`` (the
        host's, see :func:`codetui.store.open_store`) is used as it is. Raises
        :class:`codetui.store.StoreUnwritable` or :class:`codetui.errors.DataError`.
        """
        root = db or paths.default_store_dir()
        data_dir = data_dir or paths.bundled_data_dir()
        if user_dir is None:
            user_dir = paths.user_dir()
        notices: list[str] = []
        store = open_store(root, data_dir, user_dir, progress, rebuild, notices, shared)
        catalog = cls(store, notices, data_dir, user_dir, root)
        if not lazy:
            catalog.index  # noqa: B018 - load it now
        return catalog

    def _open_codes(self) -> CodeTable:
        """The store's code table (an unreadable one has the store rebuilt)."""
        try:
            return CodeTable(self.store.codes_path)
        except MappedUnreadable as exc:
            self.notices.append(f"The code table was unreadable ({exc}); the store was rebuilt.")
            self.store = self._reseed()
            return CodeTable(self.store.codes_path)

    @property
    def index(self) -> SearchIndex:
        """The search index (opened on first use; an unreadable one is rebuilt)."""
        if self._index is None:
            from codetui.search import IndexUnreadable, SearchIndex

            with self._index_lock:
                if self._index is None:
                    try:
                        self._index = SearchIndex.load(self.store.index_path, self.codes)
                    except IndexUnreadable as exc:
                        self.notices.append(f"The search index was unreadable ({exc}); the "
                                            "store was rebuilt.")
                        self._rebuild()
                        self._index = SearchIndex.load(self.store.index_path, self.codes)
        return self._index

    def _reseed(self) -> Store:
        return open_store(self.root, self.data_dir, self.user_dir, None, True, self.notices)

    def _rebuild(self) -> None:
        """Seed the store again; the search index is reopened when next needed."""
        self.store = self._reseed()
        self.codes = CodeTable(self.store.codes_path)
        self._index = None
        with self._pages_lock:
            self._pages.clear()

    # -- facts ---------------------------------------------------------------------------------

    @property
    def releases(self) -> dict[str, list[str]]:
        """The data releases loaded, by system."""
        return self.store.meta.get("releases", {})

    @property
    def counts(self) -> dict[str, int]:
        """How many codes of each system the store holds."""
        return self.store.meta.get("counts", {})

    # -- search --------------------------------------------------------------------------------

    def search(self, query: str, system: str | None = None, limit: int = 50,
               offset: int = 0, facets: int = 0) -> SearchResult:
        """Search every code (see :meth:`codetui.search.SearchIndex.search`)."""
        return self.index.search(query, system=system, limit=limit, offset=offset, facets=facets)

    def resolve(self, code: str, system: str | None = None) -> list[Hit]:
        """The codes written ``code`` (any case, dot optional); the exact display form first."""
        return [self.codes.hit(d) for d in self.codes.lookup(code, system)]

    def has_facts(self, doc_id: int, facets: int) -> bool:
        """Whether document ``doc_id`` passes the code-fact filter ``facets`` (flag bits, as
        :meth:`search` takes them: CC and MCC either, and HCC)."""
        from codetui.codefacts import passes

        return passes(self.codes.flags[doc_id], facets)

    def hit(self, doc_id: int) -> Hit:
        """Document ``doc_id`` as a result (code, system, title, marks)."""
        return self.codes.hit(doc_id)

    # -- pages ---------------------------------------------------------------------------------

    def _doc(self, doc_id: int) -> dict:
        return self.store.document(doc_id, self.codes.shards[doc_id])

    def _doc_for(self, system: str, code: str) -> dict | None:
        found = self.codes.lookup(code, system)
        return self._doc(found[0]) if found else None

    def title_of(self, system: str, code: str) -> str:
        """A code's title, or "" when the store does not have the code."""
        found = self.codes.lookup(code, system)
        return self.codes.titles[found[0]] if found else ""

    def is_cached(self, doc_id: int) -> bool:
        """Whether document ``doc_id``'s page is built already (showing it costs nothing)."""
        return doc_id in self._pages

    def page(self, doc_id: int) -> Page:
        """The full page of document ``doc_id`` (see :meth:`resolve` and search hits)."""
        with self._pages_lock:
            page = self._pages.get(doc_id)
            if page is not None:
                self._pages.move_to_end(doc_id)
                return page
        try:
            page = self._build(doc_id)
        except StoreCorrupt as exc:
            self.notices.append(f"The store was damaged ({exc}); it was rebuilt.")
            with self._index_lock:
                self._rebuild()
            page = self._build(doc_id)
        with self._pages_lock:
            self._pages[doc_id] = page
            while len(self._pages) > PAGE_CACHE:
                self._pages.popitem(last=False)
        return page

    def _build(self, doc_id: int) -> Page:
        from codetui.page import build_page

        doc = self._doc(doc_id)
        system = doc["system"]
        ancestors: list[dict] = []
        parent = doc.get("parent")
        while parent:
            ancestor = self._doc_for(system, parent)
            if ancestor is None:
                break
            ancestors.append(ancestor)
            parent = ancestor.get("parent")
        pcs_sections = None
        if system == "icd10pcs" and doc["kind"] == "code" and doc.get("status") != "terminated":
            from codetui import pcs

            table_code = doc["code"][:3]
            table_doc = self.codes.lookup(table_code, system)[0]
            table = self.store.pcs_table(table_code, self.codes.shards[table_doc])
            if table is not None:
                pcs_sections = pcs.explain(doc["code"], table, self.store.pcs_definitions())
        group = self.store.group(system, doc["group"]) if doc.get("group") else None
        releases = self.releases.get(system) or [""]
        return build_page(doc, ancestors, releases[0], self.title_of, pcs_sections, group,
                          self._fact_sections(doc) + self._history_sections(doc)
                          + self._gem_sections(doc) + self._index_sections(doc, ancestors))

    def _index_sections(self, doc: dict, ancestors: list[dict]):
        """The ICD-10-CM index table rows that name the code (drugs, neoplasms, external
        causes); a 7th-character code shows its parent's (T39.011A: the rows of T39.011)."""
        from codetui.page import index_sections

        if doc["system"] != "icd10cm":
            return []
        origin = ""
        if not doc.get("index_rows") and ancestors and len(code_key(doc["code"])) == 7 \
                and ancestors[0].get("index_rows"):
            origin = f"Rows of {ancestors[0]['code']}, the code this one adds the 7th character to"
            doc = {**ancestors[0], "code": doc["code"], "parent": ancestors[0]["code"]}
        if not doc.get("index_rows"):
            return []
        return index_sections(doc, self.store.index_tables(), self.title_of, origin)

    def _gem_sections(self, doc: dict):
        """The ICD-9-CM / ICD-10-CM equivalents of a diagnosis code (none without mappings)."""
        from codetui.page import gem_sections

        if "facts" not in doc:
            return []
        origin = self.store.fact_releases().get(
            "gem_to_icd10cm" if doc["system"] == "icd9cm" else "gem_to_icd9cm", "")
        return gem_sections(doc, self.title_of, origin)

    def _history_sections(self, doc: dict):
        """An ICD-10-CM code's History section (none for other systems or a store without
        the history data)."""
        from codetui.codehistory import ORIGINS
        from codetui.page import history_sections

        if doc["system"] not in ORIGINS or "added_in" not in self.store.fact_releases():
            return []
        return history_sections(doc, self.title_of, ORIGINS[doc["system"]])

    def valid_on(self, page: "Page", day) -> tuple[bool | None, str]:
        """Whether the code of ``page`` was valid for the date of service ``day``, and one
        line saying so (:func:`codetui.codehistory.valid_on`)."""
        from codetui.codehistory import valid_on

        doc = self._doc_for(page.system, page.code)
        return valid_on(doc, day) if doc else (None, f"{page.code}: not found")

    def history_rows(self) -> list[dict]:
        """The ICD-10-CM codes with a history, for ``codetui changes``."""
        return self.store.history_rows()

    def _fact_sections(self, doc: dict):
        """A diagnosis's or procedure's MS-DRG and risk-adjustment sections (none for other
        systems, headings, or a store without code facts)."""
        from codetui.page import fact_sections

        if doc["system"] not in ("icd10cm", "icd10pcs") or not doc["billable"]:
            return []
        fact_releases = self.store.fact_releases()
        if not fact_releases:
            return []
        list_id = doc.get("facts", {}).get("cc_exclusion_list")
        excluded = self._by_category(self.store.excluded_principals(list_id[0])) if list_id else []
        return fact_sections(doc, self.store.fact_labels(), fact_releases, excluded)

    def cc_exclusion(self, system: str | None, code: str | None) -> tuple[str, str, list[str]]:
        """A diagnosis's MS-DRG level (CC, MCC or ""), its CMS CC-exclusion list and every
        principal diagnosis on that list (which cancel the level)."""
        doc = self._doc_for(system, code) if system and code else None
        facts = (doc or {}).get("facts", {})
        if "severity" not in facts or "cc_exclusion_list" not in facts:
            return "", "", []
        list_id = facts["cc_exclusion_list"][0]
        return facts["severity"][0], list_id, self.store.excluded_principals(list_id)

    def hcc_hierarchy(self, fact: str = "hcc_v28") -> dict[str, list[str]]:
        """The CMS-HCC hierarchy of model ``fact``: each higher category -> the categories it
        drops when a patient has both (empty when the data holds none)."""
        found = self.store.fact_labels().get(f"{fact}_hierarchy", {})
        return {parent: children.split() for parent, children in found.items()}

    def _by_category(self, codes: list[str]) -> list[tuple[str, str, int]]:
        """ICD-10-CM ``codes`` as (code, title, how many codes it stands for): a category
        whose billable codes are all listed becomes one entry."""
        listed = {code_key(code) for code in codes}
        table = self.codes
        whole: dict[str, int] = {}  # category -> its billable codes, when all are listed
        out: list[tuple[str, str, int]] = []
        for code in codes:
            category = code_key(code)[:3]
            if category not in whole:
                members = {table.keys[i] for i in table.prefix_range(category)
                           if table.system_of(table.key_docs[i]) == "icd10cm"
                           and table.flags[table.key_docs[i]] & FLAG_BILLABLE}
                whole[category] = len(members) if len(members) > 1 and members <= listed else 0
                if whole[category]:
                    out.append((category, self.title_of("icd10cm", category), whole[category]))
            if not whole[category]:
                out.append((code, self.title_of("icd10cm", code), 1))
        return out

    def page_for(self, code: str, system: str | None = None) -> Page | None:
        """The page of ``code`` (exact display form first), or None when there is none."""
        found = self.codes.lookup(code, system)
        return self.page(found[0]) if found else None
