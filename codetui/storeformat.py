"""Names and numbers shared by the seed and the readers of a store (no heavy imports)."""

#: Bump when the layout of the store or the index changes: older stores are rebuilt.
SCHEMA_VERSION = 11
#: TinyDB files the documents are spread over (``docs/NNN.json``).
SHARDS = 256
INDEX_FILE = "search.idx"
META_FILE = "meta.json"
SHARED_FILE = "shared.json"

#: Bits of a document's flags byte in the search index.
FLAG_BILLABLE = 1
FLAG_TERMINATED = 2
FLAG_HEADING = 4
FLAG_PLAIN = 8
#: The page shows plain-language text: its own, an ancestor's (category, table) or its group's.
FLAG_SHOWS_PLAIN = 16
