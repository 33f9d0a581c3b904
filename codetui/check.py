"""``codetui check``: the codes of one claim or encounter checked together.

Per code: does it exist, in which system, is it billable (else which codes below it to
choose), is a 7th character missing, is it terminated. Across codes: ICD-10-CM Excludes1
conflicts, "Code first" / "Use additional code" instructions the list does not satisfy, and
a CC/MCC and HCC V28 summary. Everything is read through the catalog's public methods and
the pages' sections; nothing here prints (``codetui.cli.cmd_check`` does).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Callable

from codetui.page import GROUPING_HEADING, LinkKind, Page, note_references
from codetui.querykinds import cpt_number
from codetui import systems
from codetui.systems import badge, code_key

LEVELS = ("error", "warning", "note", "info")
#: Page kinds that are headings of the classification, never reported.
HEADING_KINDS = {"chapter": "a chapter heading", "block": "a block heading",
                 "section": "a section heading", "body_system": "a body-system heading",
                 "table": "a table heading"}
#: How many codes a finding names before saying how many there are in all.
CHOICES_SHOWN = 12
INSTRUCTIONS = {"Code first": "code_first", "Use additional code": "use_additional"}

_SPLIT = re.compile(r"[\s,]+")
_GROUP = re.compile(r"\(([^()]*)\)")
_WITH = re.compile(r",?\s+with\s+", re.IGNORECASE)
_POSITIONS = {"fourth": 3, "4th": 3, "fifth": 4, "5th": 4, "sixth": 5, "6th": 5,
              "seventh": 6, "7th": 6}
_PLACE = re.compile(r"^(?:(?P<a>fourth|fifth|sixth|seventh|[4-7]th)(?:\s+or\s+(?P<b>fourth|fifth|"
                    r"sixth|seventh|[4-7]th))?|(?P<final>final))\s+characters?\s+(?P<values>.+)$",
                    re.IGNORECASE)
_VALUE = re.compile(r"^\.?([0-9A-Z])(?:-([0-9A-Z]))?$")
#: A range between two codes ("Z68.1-Z68.45", "S32.1--S32.9"), which note_references reads
#: as two codes; ranges of categories ("O00-O07") it reads itself.
_CODE_RANGE = re.compile(r"\b([A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4})-{1,2}"
                         r"([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)\b")

Test = Callable[[str], bool]


@dataclass
class Finding:
    """One thing to tell about the list: ``code`` (as listed) ``level``: ``message``."""

    code: str
    level: str
    kind: str
    message: str
    related: list[str] = field(default_factory=list)


@dataclass
class CodeResult:
    """One listed code as read: its system, title and standing (``code`` None if unknown)."""

    input: str
    code: str | None = None
    system: str | None = None
    title: str = ""
    kind: str = ""
    billable: bool = False
    status: str = "unknown"
    other_readings: list[dict] = field(default_factory=list)
    page: Page | None = field(default=None, repr=False)
    duplicate: bool = False

    @property
    def key(self) -> str:
        return code_key(self.code or self.input)

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("page")
        data["badge"] = badge(self.system) if self.system else None
        return data


@dataclass
class Report:
    """What ``check`` found: the codes as read, the findings, the summary."""

    codes: list[CodeResult]
    findings: list[Finding]
    summary: dict

    @property
    def failed(self) -> bool:
        """Whether a finding is an error or a warning (``check`` then exits 1)."""
        return any(f.level in ("error", "warning") for f in self.findings)

    def as_json(self) -> dict:
        return {"codes": [c.as_json() for c in self.codes],
                "findings": [asdict(f) for f in self.findings], "summary": self.summary}


def split_codes(text: str) -> list[str]:
    """The codes in ``text``, separated by white space or commas."""
    return [word for word in _SPLIT.split(text) if word]


def check_codes(catalog, codes: list[str], day=None) -> Report:
    """Check the listed ``codes`` (as typed) together; see the module docstring. With
    ``day`` (a date of service), each code is also judged valid or not on that day."""
    results = [_read(catalog, code) for code in codes]
    findings: list[Finding] = []
    _choose_readings(catalog, results, findings)
    seen: dict[tuple[str, str], str] = {}
    for result in results:
        if result.code is None:
            findings.extend(_unknown(catalog, result))
            continue
        where = (result.system, result.key)
        if where in seen:
            result.duplicate = True
            findings.append(Finding(result.code, "warning", "duplicate",
                                    f"listed more than once ({seen[where]} above)"))
            continue
        seen[where] = result.input
        findings.extend(_standing(result))
        if day is not None and result.page is not None:
            findings.extend(_dated(catalog, result, day))
    diagnoses = [r for r in results if r.system == "icd10cm" and not r.duplicate
                 and r.kind not in HEADING_KINDS]
    findings.extend(_excludes1(diagnoses))
    findings.extend(_instructions([d for d in diagnoses if d.billable]))
    findings.extend(_cc_exclusions(catalog, [d for d in diagnoses if d.billable]))
    order: dict[str, int] = {}
    for position, result in enumerate(results):
        order.setdefault(result.code or result.input, position)
    findings.sort(key=lambda finding: order.get(finding.code, len(results)))
    summary = _summary(results, findings, catalog.hcc_hierarchy("hcc_v28"))
    return Report(results, findings, summary)


# -- one code ----------------------------------------------------------------------------------

def _dated(catalog, result: CodeResult, day) -> list[Finding]:
    """Whether the code was valid on the date of service: an error when it was not, a note
    when codetui cannot tell (no release for that year)."""
    valid, message = catalog.valid_on(result.page, day)
    if valid:
        return []
    return [Finding(result.code, "error" if valid is False else "note", "date_of_service",
                    message)]


def _read(catalog, typed: str) -> CodeResult:
    """The code as the catalog knows it (the first reading; others in ``other_readings``)."""
    written = typed.strip().upper()
    hits = sorted(catalog.resolve(typed),  # the written form first, then current systems
                  key=lambda hit: (hit.code.upper() != written, bool(_legacy(hit.system))))
    result = CodeResult(typed)
    if hits:
        _use(catalog, result, hits[0])
        result.other_readings = [{"system": h.system, "code": h.code, "title": h.title}
                       for h in hits[1:] if h.system != hits[0].system]
    return result


def _legacy(system: str) -> str | None:
    """What the registry says of a legacy code set (ICD-9), or None for a current one."""
    return getattr(systems.get(system), "legacy", None) if system in systems.ids() else None


def _use(catalog, result: CodeResult, hit) -> None:
    page = catalog.page(hit.doc_id)
    result.code, result.system, result.title = hit.code, hit.system, hit.title
    result.kind, result.billable, result.status = page.kind, hit.billable, page.status
    result.page = page


def _choose_readings(catalog, results: list[CodeResult], findings: list[Finding]) -> None:
    """A code that exists in two systems: read as ICD-10-CM when the other listed codes are
    all diagnoses, else as first found (the exact written form first); say so."""
    others = [r.system for r in results if r.code and not r.other_readings]
    diagnoses = bool(others) and all(system == "icd10cm" for system in others)
    for result in results:
        if not result.other_readings:
            continue
        written = result.input.strip().upper()
        if "." in written and written == (result.code or "").upper():
            result.other_readings = []  # a dotted ICD-10-CM form names one code only
            continue
        readings = [{"system": result.system, "code": result.code, "title": result.title},
                    *result.other_readings]
        chosen = readings[0]
        if diagnoses and chosen["system"] != "icd10cm":
            chosen = next((r for r in readings if r["system"] == "icd10cm"), chosen)
        if chosen is not readings[0]:
            hit = catalog.resolve(chosen["code"], chosen["system"])[0]
            _use(catalog, result, hit)
        result.other_readings = [r for r in readings if r is not chosen]
        names = "; ".join(f"{badge(r['system'])} {r['code']} ({r['title']})" for r in readings)
        why = ("the other codes are diagnoses" if chosen["system"] == "icd10cm" and diagnoses
               else "the first reading")
        findings.append(Finding(result.code, "note", "ambiguous",
                                f"'{result.input}' names codes in {len(readings)} systems: "
                                f"{names}; read as {badge(result.system)} {result.code} ({why})",
                                [r["code"] for r in result.other_readings]))


def _unknown(catalog, result: CodeResult) -> list[Finding]:
    number = cpt_number(result.input)
    if number:
        result.system = "cpt"
        return [Finding(result.input, "warning", "cpt_not_shipped",
                        f"CPT {number} is not in codetui's curated CPT set: not checked "
                        "(codetui import cpt adds your licensed descriptors)")]
    message = "unknown code"
    suggestion = _placeholder_form(catalog, result.input)
    if suggestion:
        message += f" (with placeholder X: {suggestion})"
    return [Finding(result.input, "error", "unknown", message,
                    [suggestion] if suggestion else [])]


def _placeholder_form(catalog, typed: str) -> str | None:
    """The ICD-10-CM code ``typed`` stands for once the placeholder X is put in
    (S3011A -> S30.11XA), if there is one."""
    key = code_key(typed)
    if not re.fullmatch(r"[A-Z][0-9][0-9A-Z]{2,4}[A-Z]", key) or len(key) >= 7:
        return None
    hits = catalog.resolve(key[:-1].ljust(6, "X") + key[-1], "icd10cm")
    return hits[0].code if hits else None


def _children(page: Page) -> list[str]:
    return [link.code for section in page.sections for link in section.links
            if link.kind == LinkKind.CHILD]


def _choices(codes: list[str]) -> str:
    shown = codes[:CHOICES_SHOWN]
    text = ", ".join(shown)
    return text if len(codes) == len(shown) else f"{text}, … ({len(codes)} codes)"


def _seventh(page: Page) -> dict[str, str] | None:
    """The 7th characters a code's category requires (character -> meaning), or None."""
    for section in page.sections:
        if section.heading == "7th characters":
            values = {}
            for item in section.items:
                char, colon, meaning = item.partition(":")
                if colon and len(char.strip()) == 1:
                    values[char.strip()] = meaning.strip()
            return values
    return None


def _terminated(result: CodeResult) -> Finding:
    """A terminated HCPCS code (its last day) or a deleted ICD-10-CM code (its successors,
    from the page's History section)."""
    sections = result.page.sections
    ended = next((value for section in sections for label, value in section.fields
                  if label == "Terminated"), "")
    history = [section for section in sections if section.heading == "History"]
    deleted = next((item for section in history for item in section.items
                    if item.lower().startswith("deleted")), "")
    if deleted:
        said = deleted[0].lower() + deleted[1:]
    else:
        said = "terminated" + (f" (last valid on {ended})" if ended else "")
    return Finding(result.code, "error", "terminated", f"{said}: not valid for new claims",
                   [link.code for section in history for link in section.links if link.code])


def _standing(result: CodeResult) -> list[Finding]:
    """A listed code's own findings: heading, terminated, not billable, 7th character."""
    page, code = result.page, result.code
    legacy = _legacy(result.system)
    if legacy:
        current = [link.code for section in page.sections for link in section.links
                   if link.code and link.system in ("icd10cm", "icd10pcs")]
        return [Finding(code, "error", "legacy", legacy.split(" (", 1)[0]
                        + (f"; mapped to {_choices(current)}" if current else ""), current)]
    if result.kind in HEADING_KINDS:
        children = _children(page)
        hint = f"; below it: {_choices(children)}" if children else ""
        return [Finding(code, "error", "heading",
                        f"{HEADING_KINDS[result.kind]} ({page.title}), not a code to report{hint}")]
    if result.status == "terminated":
        return [_terminated(result)]
    if result.billable or result.kind == "modifier" or result.system == "cpt":
        return []
    children = _children(page)
    seventh = _seventh(page) if result.system == "icd10cm" else None
    if seventh is not None and children and all(len(code_key(c)) == 7 for c in children):
        options = ", ".join(f"{c} {seventh.get(c[-1], '')}".rstrip() for c in children)
        return [Finding(code, "error", "seventh_character",
                        f"7th character missing: report {options}", children)]
    message = "not billable"
    if children:
        message += f": choose one of {_choices(children)}"
    if seventh:
        message += f", then a 7th character ({', '.join(seventh)})"
    return [Finding(code, "error", "not_billable", message, children)]


# -- across codes ------------------------------------------------------------------------------

def _covers(reference: str) -> Test:
    """Whether a code key falls under a note's reference (E10, I50.4, O00-O07)."""
    first, dash, last = reference.partition("-")
    low, high = code_key(first), code_key(last)
    if dash and high:
        return lambda key: key[:len(low)] >= low and key[:len(high)] <= high
    return lambda key: key.startswith(low)


def _qualifier(text: str) -> Test | None:
    """A note's "with ..." condition on a reference (".42", "fifth character 1-4",
    "7th character B or C", "final character 6"), or None when codetui cannot read it."""
    text = text.strip().rstrip(".")
    if text.startswith("."):
        parts = re.split(r"[\s,]+", text.replace(". .", ", ."))
        tails = []
        for part in parts:
            start, _, end = part.partition("-")
            if not re.fullmatch(r"\.\d+", start) or (end and not re.fullmatch(r"\.\d+", end)):
                return None
            if end and len(start) == len(end):
                tails.extend(str(n).zfill(len(start) - 1)
                             for n in range(int(start[1:]), int(end[1:]) + 1))
            else:
                tails.append(start[1:])
        return lambda key: any(key[3:].startswith(tail) for tail in tails)
    match = _PLACE.match(text.replace("-character", " character"))
    if match is None:
        return None
    values = re.split(r"\s*,\s*|\s+or\s+", match.group("values").strip())
    if match.group("final"):  # "final characters -23", ".00 or .01"
        tails = [value.lstrip("-.").upper() for value in values]
        if not all(re.fullmatch(r"[0-9A-Z]+", tail) for tail in tails):
            return None
        return lambda key: any(key.endswith(tail) for tail in tails)
    allowed: set[str] = set()
    for value in values:
        found = _VALUE.match(value.upper())
        if found is None:
            return None
        low, high = found.group(1), found.group(2) or found.group(1)
        allowed.update(chr(c) for c in range(ord(low), ord(high) + 1))
    places = [_POSITIONS[match.group(g).lower()] for g in ("a", "b") if match.group(g)]
    return lambda key: any(len(key) > p and key[p] in allowed for p in places)


def _references(text: str) -> list[str]:
    """The codes and ranges a note names (:func:`codetui.page.note_references`, with ranges
    between two codes kept whole)."""
    ranges = [f"{low}-{high}" for low, high in _CODE_RANGE.findall(text)]
    return ranges + note_references(_CODE_RANGE.sub(" ", text))


def note_tests(line: str) -> list[Test]:
    """One test per code or range a note line names (a "with ..." condition applied; a
    reference under a condition codetui cannot read is left out)."""
    tests: list[Test] = []
    for group in _GROUP.findall(line):
        parts, condition = _WITH.split(group, 1), None
        if len(parts) == 2:
            condition = _qualifier(parts[1])
            if condition is None:
                continue
        for ref in _references(parts[0]):
            covers = _covers(ref)
            if condition is None:
                tests.append(covers)
            else:
                tests.append(lambda key, c=covers, q=condition: c(key) and q(key))
    outside = _GROUP.sub(" ", line)
    tests.extend(_covers(ref) for ref in _references(outside))
    return tests


def _source(result: CodeResult, origin: str) -> str:
    """Where a note comes from: "category E11" or the code itself."""
    if origin.startswith("From "):
        return origin[5:].split(":", 1)[0]
    return result.code or result.input


def _lines(section) -> list[str]:
    return [*section.items, *([section.text] if section.text else [])]


def _instruction_text(lines: list[str]) -> str:
    """A note's lines as one: "lead-in: first; second"."""
    lines = [line.lstrip(", ") for line in lines]
    if len(lines) > 1 and lines[0].endswith(":"):
        return f"{lines[0]} {'; '.join(lines[1:])}"
    return "; ".join(lines)


def _excludes1(diagnoses: list[CodeResult]) -> list[Finding]:
    """Pairs of listed diagnoses where one falls under an Excludes1 note of the other."""
    found: dict[tuple[str, str], list[tuple[CodeResult, CodeResult, str, str]]] = {}
    for first in diagnoses:
        for section in first.page.sections:
            if section.heading != "Excludes1":
                continue
            for line in _lines(section):
                tests = note_tests(line)
                for other in diagnoses:
                    if other is first or not any(test(other.key) for test in tests):
                        continue
                    pair = tuple(sorted((first.key, other.key)))
                    hits = found.setdefault(pair, [])
                    if not any(h[0] is first for h in hits):
                        hits.append((first, other, _source(first, section.origin), line))
    findings = []
    for hits in found.values():
        first, other, source, line = hits[0]
        message = (f"Excludes1 conflict with {other.code} ({other.title}): the Excludes1 note "
                   f"of {source} names \"{line}\"")
        if len(hits) > 1:
            message += f"; {other.code}'s notes exclude {first.code} too"
        findings.append(Finding(first.code, "warning", "excludes1", message, [other.code]))
    return findings


def _instructions(diagnoses: list[CodeResult]) -> list[Finding]:
    """"Code first" / "Use additional code" notes no other listed diagnosis satisfies, and
    "Code first" codes listed after the code (notes: these are often conditional)."""
    findings = []
    reported: set[tuple[str, str, tuple[str, ...]]] = set()
    for position, result in enumerate(diagnoses):
        for section in result.page.sections:
            kind = INSTRUCTIONS.get(section.heading)
            if kind is None:
                continue
            lines = _lines(section)
            tests = [test for line in lines for test in note_tests(line)]
            if not tests:
                continue
            source = _source(result, section.origin)
            once = (section.heading, source if section.origin else result.key, tuple(lines))
            if once in reported:
                continue
            reported.add(once)
            meeting = [o for o in diagnoses if o is not result and o.key[:3] != result.key[:3]
                       and any(test(o.key) for test in tests)]
            instruction = _instruction_text(lines)
            origin = f" (note of {source})" if section.origin else ""
            if not meeting:
                findings.append(Finding(result.code, "note", kind,
                                        f"{section.heading.lower()}{origin}: {instruction} — "
                                        "no listed code satisfies it"))
            elif kind == "code_first" and all(diagnoses.index(o) > position for o in meeting):
                names = ", ".join(o.code for o in meeting)
                verb, them = ("is", "it") if len(meeting) == 1 else ("are", "them")
                findings.append(Finding(result.code, "note", "sequence",
                                        f"code first{origin}: {names} {verb} listed after "
                                        f"{result.code}; sequence {them} first",
                                        [o.code for o in meeting]))
    return findings


def _cc_exclusions(catalog, diagnoses: list[CodeResult]) -> list[Finding]:
    """Secondary diagnoses that are no CC or MCC with the first listed one as principal
    diagnosis (their whole CMS CC-exclusion list is read)."""
    if len(diagnoses) < 2:
        return []
    principal = diagnoses[0]
    findings = []
    for result in diagnoses[1:]:
        level, list_id, excluded = catalog.cc_exclusion(result.system, result.code)
        if level and principal.key in {code_key(code) for code in excluded}:
            findings.append(Finding(
                result.code, "note", "cc_excluded",
                f"not {'an' if level == 'MCC' else 'a'} {level} with {principal.code} "
                f"(the first listed diagnosis) as principal diagnosis (CMS CC-exclusion list "
                f"{list_id})", [principal.code]))
    return findings


def _fact_fields(page: Page) -> dict[str, str] | None:
    for section in page.sections:
        if section.heading == GROUPING_HEADING:
            return dict(section.fields)
    return None


def _summary(results: list[CodeResult], findings: list[Finding],
             hierarchy: dict[str, list[str]]) -> dict:
    """CC/MCC diagnoses, HCC V28 categories (each with the listed higher categories that drop
    it under the model's ``hierarchy``), O.R. procedures, and the findings by level."""
    summary: dict = {"mcc": [], "cc": [], "cc_excluded": [f.code for f in findings
                                                    if f.kind == "cc_excluded"],
                     "hcc_v28": [], "or_procedures": [],
                     "facts": False, "counts": {level: 0 for level in LEVELS[:3]}}
    categories: dict[str, dict] = {}
    for result in results:
        if result.page is None or result.duplicate or not result.billable:
            continue
        fields = _fact_fields(result.page)
        if fields is None:
            continue
        summary["facts"] = True
        level = fields.get("As a secondary diagnosis", "").split(" ", 1)[0]
        if level in ("MCC", "CC"):
            summary[level.lower()].append(result.code)
        for number, label in re.findall(r"HCC (\w+) — ([^;]*)", fields.get("CMS-HCC V28", "")):
            entry = categories.setdefault(number, {"hcc": number, "label": label.strip(),
                                                   "codes": []})
            entry["codes"].append(result.code)
        if fields.get("MS-DRG", "").startswith("O.R. procedure"):
            summary["or_procedures"].append(result.code)
    for number, entry in categories.items():
        entry["dropped_by"] = sorted((higher for higher in categories
                                      if number in hierarchy.get(higher, ())),
                                     key=lambda higher: (len(higher), higher))
    summary["hcc_v28"] = sorted(categories.values(), key=lambda e: (len(e["hcc"]), e["hcc"]))
    for finding in findings:
        summary["counts"][finding.level] += 1
    return summary


def summary_line(summary: dict) -> str | None:
    """The summary as one line of text, or None when no listed code has MS-DRG or HCC facts."""
    if not summary["facts"]:
        return None
    def levelled(codes: list[str]) -> str:
        return ", ".join(f"{code} (excluded by the principal)" if code in summary["cc_excluded"]
                         else code for code in codes) or "none"

    parts = [f"MCC: {levelled(summary['mcc'])}", f"CC: {levelled(summary['cc'])}"]
    hccs = "; ".join(f"{e['hcc']} {e['label']} ({', '.join(e['codes'])})"
                     + (f" — dropped by the hierarchy under HCC {', '.join(e['dropped_by'])}"
                        if e["dropped_by"] else "")
                     for e in summary["hcc_v28"])
    parts.append(f"HCC V28: {hccs or 'none'}")
    if summary["or_procedures"]:
        parts.append(f"O.R. procedures: {', '.join(summary['or_procedures'])}")
    return " · ".join(parts)
