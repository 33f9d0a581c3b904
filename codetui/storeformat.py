"""Names and numbers shared by the seed and the readers of a store (no heavy imports)."""

from zlib import crc32

#: Bump when the layout of the store or the index changes: older stores are rebuilt.
SCHEMA_VERSION = 42
#: TinyDB files the documents are spread over (``docs/NNN.json``).
SHARDS = 256
#: The search index (:mod:`codetui.search`) and the code table (:mod:`codetui.codetable`),
#: both read in place (:mod:`codetui.mapped`).
INDEX_FILE = "search.idx"
CODES_FILE = "codes.idx"
META_FILE = "meta.json"
#: Records shared by many codes, a TinyDB file per kind (``shared/labels.json`` ...), so a
#: page reads only the kind it shows.
SHARED_DIR = "shared"
#: The CC-exclusion lists of MS-DRG, spread by list id over TinyDB files
#: (``exclusions/NN.json``), read only by a page that names one.
EXCLUSIONS_DIR = "exclusions"
EXCLUSION_SHARDS = 64
#: The ICD-10-CM codes with a history (TinyDB), read only by ``codetui changes``.
HISTORY_FILE = "history.json"

#: Bits of a document's flags byte in the search index.
FLAG_BILLABLE = 1
FLAG_TERMINATED = 2
FLAG_HEADING = 4
FLAG_PLAIN = 8
#: The page shows plain-language text: its own, an ancestor's (category, table) or its group's.
FLAG_SHOWS_PLAIN = 16
#: The code facts the search filters select on (:data:`codetui.codefacts.FILTERS`).
FLAG_CC = 32
FLAG_MCC = 64
FLAG_HCC = 128
FLAG_FILTERS = {"cc": FLAG_CC, "mcc": FLAG_MCC, "hcc": FLAG_HCC}


def exclusion_shard(list_id: str) -> str:
    """The store file (relative to the store folder) that holds CC-exclusion list ``list_id``."""
    return f"{EXCLUSIONS_DIR}/{crc32(list_id.encode()) % EXCLUSION_SHARDS:02d}.json"


def shared_file(kind: str) -> str:
    """The store file (relative to the store folder) of the shared records of ``kind``."""
    return f"{SHARED_DIR}/{kind}.json"
