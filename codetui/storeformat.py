"""Names and numbers shared by the seed and the readers of a store (no heavy imports)."""

#: Bump when the layout of the store or the index changes: older stores are rebuilt.
SCHEMA_VERSION = 12
#: TinyDB files the documents are spread over (``docs/NNN.json``).
SHARDS = 256
#: The search index (:mod:`codetui.search`) and the code table (:mod:`codetui.codetable`),
#: both read in place (:mod:`codetui.mapped`).
INDEX_FILE = "search.idx"
CODES_FILE = "codes.idx"
META_FILE = "meta.json"
SHARED_FILE = "shared.json"

#: Bits of a document's flags byte in the search index.
FLAG_BILLABLE = 1
FLAG_TERMINATED = 2
FLAG_HEADING = 4
FLAG_PLAIN = 8
#: The page shows plain-language text: its own, an ancestor's (category, table) or its group's.
FLAG_SHOWS_PLAIN = 16
