"""Names and numbers shared by the seed and the readers of a store (no heavy imports)."""

#: Bump when the layout of the store or the index changes: older stores are rebuilt.
SCHEMA_VERSION = 15
#: TinyDB files the documents are spread over (``docs/NNN.json``).
SHARDS = 256
#: The search index (:mod:`codetui.search`) and the code table (:mod:`codetui.codetable`),
#: both read in place (:mod:`codetui.mapped`).
INDEX_FILE = "search.idx"
CODES_FILE = "codes.idx"
META_FILE = "meta.json"
SHARED_FILE = "shared.json"
#: The CC-exclusion lists of MS-DRG (TinyDB), read only by a page that names one.
EXCLUSIONS_FILE = "exclusions.json"
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
