"""The ``codetui`` command line.

    codetui                      open the app
    codetui CODE                 open the app on a code's page
    codetui search [...] QUERY   print matches (``-``: one query per standard-input line)
    codetui show CODE            print a code's page
    codetui changes FROM TO      codes added, deleted, retitled between two releases
    codetui check CODE... | -    check the codes of one claim together
    codetui pick [QUERY]         choose a code in the app, print it
    codetui seed | validate | import cpt FILE

Exit codes: 0 success, 1 not found or bad data, 2 usage error, 130 interrupted,
129 and 143 the app was ended by SIGHUP or SIGTERM (after restoring the terminal).
This module imports neither Textual nor TinyDB unless a command needs them.
"""

from __future__ import annotations

import argparse
import atexit
import io
import json
import os
import re
import sys
import threading
import time
from pathlib import Path

from codetui import __version__
from codetui.querykinds import cpt_number, not_in_store_message
from codetui.safetext import json_text, visible
from codetui import systems
from codetui.systems import badge

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class Failure(Exception):
    """An error to report in one line (exit 1)."""


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` finds it ($COLUMNS, then
    standard output's terminal, else 80), without importing shutil on every start."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, given the width (argparse imports shutil to find it, ~2 ms
    of every command, though the help is rarely shown)."""

    def __init__(self, prog: str, **options) -> None:
        options.setdefault("width", _columns() - 2)
        super().__init__(prog, **options)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose commands' parsers lay out their help with :class:`_Formatter`."""

    def __init__(self, *args, **options) -> None:
        options.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **options)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, the parser of that one command (each
    command's options are built only when it runs, which is most of the parser's cost)."""
    parser = _Parser(
        prog="codetui",
        description="Search all US medical codes: CPT, HCPCS Level II, ICD-10-CM, ICD-10-PCS. "
                    "Without a command, opens the app (on CODE's page if one is given).",
        epilog="Exit codes: 0 success, 1 not found or bad data, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"codetui {__version__}")
    common = _Parser(add_help=False)
    # SUPPRESS: a command's unset --db/--data must not overwrite one given before the command.
    common.add_argument("--db", "--store", dest="db", type=Path, metavar="DIR",
                        default=argparse.SUPPRESS,
                        help="store folder (default: $CODETUI_DB, else a current store in "
                             "the host's shared folder, else the user cache directory)")
    common.add_argument("--data", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                        help="YAML data folder (default: $CODETUI_DATA or the bundled data)")
    parser.add_argument("--db", "--store", dest="db", type=Path, metavar="DIR",
                        help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _COMMAND_PARSERS.items():
        if only is None or name == only:
            add(sub, common)
    return parser


def _add_search(sub, common: argparse.ArgumentParser) -> None:
    search = sub.add_parser("search", parents=[common], help="search codes and print matches")
    search.add_argument("--system", choices=systems.ids(), help="only this code system")
    search.add_argument("--limit", type=_positive, default=20, metavar="N",
                        help="print at most N matches (default 20)")
    search.add_argument("--json", action="store_true", help="print a JSON array")
    facts = search.add_argument_group(
        "code facts", "keep only ICD-10-CM codes with these facts (--cc and --mcc together: "
                      "either; with --hcc: and)")
    facts.add_argument("--cc", action="store_true",
                       help="a CC (complication or comorbidity) under MS-DRG v43.1")
    facts.add_argument("--mcc", action="store_true",
                       help="an MCC (major complication or comorbidity) under MS-DRG v43.1")
    facts.add_argument("--hcc", action="store_true",
                       help="in a CMS-HCC V28 category (payment year 2026)")
    search.add_argument("query", nargs="+", metavar="QUERY",
                        help="words or a code; '-' reads one query per line from standard "
                             "input and prints one JSON array per line")


def _add_show(sub, common: argparse.ArgumentParser) -> None:
    show = sub.add_parser("show", parents=[common], help="print the page of a code")
    show.add_argument("code", metavar="CODE", help="a code, with or without the dot, any case")
    show.add_argument("--system", choices=systems.ids(), help="the code's system, where it is ambiguous")
    show.add_argument("--json", action="store_true", help="print the page as JSON")
    show.add_argument("--width", type=_positive, default=None, metavar="N",
                      help="wrap text at N columns (default: the terminal width)")
    show.add_argument("--date", metavar="YYYY-MM-DD",
                      help="also say whether the code was valid for this date of service")


def _add_changes(sub, common: argparse.ArgumentParser) -> None:
    changes = sub.add_parser(
        "changes", parents=[common], help="codes added, deleted and retitled between releases",
        description="List the codes added, deleted (no longer billable) and retitled from one "
                    "release codetui has to another: ICD-10-CM FY2021, FY2024, FY2025, FY2026; "
                    "ICD-10-PCS FY2024, FY2025, FY2026 (--system icd10pcs).")
    changes.add_argument("old", metavar="FROM", help="a release: FY2021, FY2024, FY2025, FY2026")
    changes.add_argument("new", metavar="TO", help="a later release")
    changes.add_argument("--system", default="icd10cm", choices=("icd10cm", "icd10pcs"),
                         help="the code system (default icd10cm; icd10pcs: FY2024, FY2025, FY2026)")
    changes.add_argument("--json", action="store_true", help="print one JSON object")


def _add_check(sub, common: argparse.ArgumentParser) -> None:
    check = sub.add_parser(
        "check", parents=[common], help="check the codes of one claim together",
        description="Check the codes of one claim or encounter together: each code exists, "
                    "is billable, has its 7th character, is not terminated; Excludes1 "
                    "conflicts, unmet 'code first' / 'use additional code' notes, CC/MCC and "
                    "HCC V28 summary. One line per finding: CODE: level: message.",
        epilog="Exit codes: 0 no error or warning, 1 errors or warnings found, 2 usage error.")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--date", metavar="YYYY-MM-DD",
                       help="also say, per code, whether it was valid for this date of service")
    check.add_argument("codes", nargs="*", metavar="CODE",
                       help="codes, with or without the dot, separated by spaces or commas; "
                            "'-' reads them from standard input")


def _add_pick(sub, common: argparse.ArgumentParser) -> None:
    pick = sub.add_parser("pick", parents=[common],
                          help="choose a code in the app; enter prints it to standard output")
    pick.add_argument("query", nargs="*", metavar="QUERY", help="start with this search")


def _add_import(sub, common: argparse.ArgumentParser) -> None:
    importer = sub.add_parser("import", parents=[common], help="import licensed data")
    importer.add_argument("what", choices=["cpt"], help="what to import")
    importer.add_argument("file", type=Path, metavar="FILE",
                          help="tab-separated code<TAB>descriptor file (AMA CPT data files)")
    importer.add_argument("--replace", action="store_true",
                          help="drop the codes of earlier imports (default: keep them, the new "
                               "file's descriptors win)")


#: Each command's parser, in the order the help lists them.
_COMMAND_PARSERS = {
    "search": _add_search,
    "show": _add_show,
    "changes": _add_changes,
    "check": _add_check,
    "pick": _add_pick,
    "seed": lambda sub, common: sub.add_parser(
        "seed", parents=[common], help="rebuild the store from the YAML data"),
    "validate": lambda sub, common: sub.add_parser(
        "validate", parents=[common], help="check the YAML data; one line per problem"),
    "keys": lambda sub, common: sub.add_parser(
        "keys", help="list the app's keys with the ids a keymap file remaps"),
    "import": _add_import,
}
COMMANDS = tuple(_COMMAND_PARSERS)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


class _SeedProgress:
    """The seed's progress on standard error. On a terminal one line shows the stage, the
    share done and the seconds so far, redrawn every second, so that a stage that takes a
    while (checking the data, building the index) never looks hung; elsewhere one line."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._started: float | None = None
        self._stage, self._fraction = "", 0.0

    def __call__(self, stage: str, fraction: float) -> None:
        if stage.startswith("Waiting"):
            sys.stderr.write(f"codetui: {stage.lower()}...\n")
        elif not sys.stderr.isatty():
            if fraction == 0:
                sys.stderr.write("codetui: seeding the code store from the YAML data (first start)...\n")
        else:
            with self._lock:
                if self._started is None:
                    self._started = time.monotonic()
                    threading.Thread(target=self._tick, daemon=True).start()
                self._stage, self._fraction = stage, fraction
                self._draw()
            if fraction >= 1:
                self.close()
                sys.stderr.write("\n")
        sys.stderr.flush()

    def _draw(self) -> None:
        """Redraw the line, never wider than the terminal: a wrapped line is not cleared by
        the next redraw, and each second would leave another copy on the screen."""
        seconds = time.monotonic() - (self._started or time.monotonic())
        status = f"{self._stage} {self._fraction:4.0%} · {seconds:.0f} s"
        try:
            room = os.get_terminal_size(sys.stderr.fileno()).columns - 1
        except (OSError, ValueError, io.UnsupportedOperation):
            room = 79
        line = f"Seeding the code store (first start): {status}"
        if len(line) > room:
            line = f"Seeding: {status}"[:room]
        sys.stderr.write(f"\r\x1b[K{line}")
        sys.stderr.flush()

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            with self._lock:
                if not self._stop.is_set():
                    self._draw()

    def close(self) -> None:
        """Stop redrawing (the seed ended, or failed)."""
        with self._lock:
            self._stop.set()


def _open_catalog(args: argparse.Namespace, rebuild: bool = False, lazy: bool = False,
                  held=None):
    """Open the catalog, seeding the store with progress on standard error when needed.
    Keys typed during a seed are not echoed and are discarded afterwards, unless the caller
    holds the terminal itself (``held``, a :class:`~codetui.heldinput.HeldInput`: the app,
    which reads them next)."""
    from codetui.heldinput import HeldInput

    own = held is None
    if own:
        held = HeldInput(sys.stdin)
    shown = _SeedProgress()

    def progress(stage: str, fraction: float) -> None:
        held.hold()
        shown(stage, fraction)

    try:
        return _open_catalog_with(args, progress, rebuild, lazy)
    finally:
        shown.close()
        if own:
            held.release()


def _open_catalog_with(args: argparse.Namespace, progress, rebuild: bool, lazy: bool):
    from codetui import paths
    from codetui.catalog import Catalog
    from codetui.errors import DataError
    from codetui.store import StoreUnwritable

    data_dir = args.data or paths.bundled_data_dir()
    if not data_dir.is_dir():
        raise Failure(f"data folder not found: {data_dir}")
    named = args.db or paths.named_store_dir()
    db = named or paths.default_store_dir()
    try:
        catalog = Catalog.open(db=db, data_dir=data_dir, progress=progress, rebuild=rebuild,
                               lazy=lazy, shared=None if named else paths.shared_store_dir())
    except DataError as error:
        raise Failure(str(error)) from None
    except StoreUnwritable as error:
        fallback = paths.fallback_store_dir()
        print(visible(f"codetui: {error}; using a temporary store, kept for later commands "
                      f"({fallback})"), file=sys.stderr)
        try:
            catalog = Catalog.open(db=fallback, data_dir=data_dir, progress=progress)
        except (DataError, StoreUnwritable) as again:
            raise Failure(str(again)) from None
    report_notices(catalog)
    return catalog


def report_notices(catalog) -> None:
    """Print the catalog's notices (a store rebuilt, an index replaced) once each."""
    while catalog.notices:
        print(f"codetui: {visible(catalog.notices.pop(0))}", file=sys.stderr)


def _dumps(value) -> str:
    return json_text(json.dumps(value, ensure_ascii=False))


def result_rows(result) -> list[dict]:
    """A search result as ``codetui search --json`` writes it (see docs/search.md): one
    object per code; ``"partial": true`` on codes that hold only some of the words; a first
    row with ``"status": "not_in_store"`` when the query is a CPT number the store lacks."""
    rows = []
    if result.not_in_store:
        rows.append({"status": "not_in_store", "system": "cpt", "code": result.not_in_store,
                     "message": not_in_store_message(result.not_in_store)})
    for hit in result.hits:
        row = hit.as_json()
        if hit.doc_id in result.lacking:
            row["partial"] = True
        rows.append(row)
    return rows


def _print_results(result, as_json: bool) -> None:
    if as_json:
        print(_dumps(result_rows(result)))
        return
    if result.corrected_query:
        print(f"Showing results for: {visible(result.corrected_query)}", file=sys.stderr)
    if result.words_matched:
        print(visible(result.words_matched.note()), file=sys.stderr)
    if result.not_in_store:
        print(visible(not_in_store_message(result.not_in_store)))
    starts = dict(result.groups)
    for number, hit in enumerate(result.hits):
        if number in starts:
            print(f"-- {systems.get(starts[number]).name}: codes starting "
                  f"{visible(result.query.strip().upper())} --")
        marks = hit.marks()
        mark = f"  [{', '.join(marks)}]" if marks else ""
        print(f"{visible(hit.code):<10} {badge(hit.system):<10} {visible(hit.title)}{mark}")
    shown = len(result.hits)
    print(f"{result.total:,} codes match" + (f" (showing {shown})" if shown < result.total else ""),
          file=sys.stderr)


def _facets(args: argparse.Namespace) -> int:
    """The code-fact filters asked for, as the index's flag bits."""
    from codetui.storeformat import FLAG_FILTERS

    return sum(bit for name, bit in FLAG_FILTERS.items() if getattr(args, name, False))


def cmd_search(args: argparse.Namespace) -> int:
    """``codetui search``: print matches; ``-`` answers one query per input line."""
    catalog = _open_catalog(args)
    facets = _facets(args)
    if args.query == ["-"]:
        # Lines end at "\n" only; bytes that are not UTF-8 are replaced, not fatal.
        for raw in sys.stdin.buffer:
            query = raw.decode("utf-8", "replace").rstrip("\r\n")
            result = catalog.search(query, system=args.system, limit=args.limit, facets=facets)
            print(_dumps(result_rows(result)), flush=True)
        return EXIT_OK
    result = catalog.search(" ".join(args.query), system=args.system, limit=args.limit,
                            facets=facets)
    _print_results(result, args.json)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """``codetui show CODE``: print the page, or say the code is unknown (exit 1); the
    search index is never opened."""
    day = None
    if args.date is not None:
        from codetui.codehistory import parse_date

        try:
            day = parse_date(args.date)
        except ValueError as error:
            print(f"codetui show: {visible(str(error))}", file=sys.stderr)
            return EXIT_USAGE
    catalog = _open_catalog(args, lazy=True)
    page = catalog.page_for(args.code, args.system)
    report_notices(catalog)
    number = cpt_number(args.code)
    if page is not None and page.system != "cpt" and number and args.system is None:
        # Five digits are a CPT number before they are an ICD-9-CM code typed without its
        # dot ("31502" is not 315.02, developmental dyslexia): say so, and name the other.
        raise Failure(f"{not_in_store_message(number)}; {badge(page.system)} {visible(page.code)} "
                      f"has the same digits: codetui show {visible(page.code)}")
    if page is None:
        if number and args.system in (None, "cpt"):
            raise Failure(not_in_store_message(number))
        where = f" in {args.system}" if args.system else ""
        raise Failure(f"unknown code{where}: '{visible(args.code)}'")
    dated = catalog.valid_on(page, day) if day is not None else None
    if args.json:
        data = page.as_json()
        if dated is not None:
            data["date_of_service"] = {"date": day.isoformat(), "valid": dated[0],
                                       "message": dated[1]}
        print(_dumps(data))
    else:
        from codetui.textpage import render_text

        width = args.width or min(os.get_terminal_size(sys.stdout.fileno()).columns, 100) \
            if sys.stdout.isatty() else (args.width or 80)
        if dated is not None:
            sys.stdout.write(f"Date of service: {visible(dated[1])}\n\n")
        sys.stdout.write(render_text(page, width))
    return EXIT_OK


def cmd_changes(args: argparse.Namespace) -> int:
    """``codetui changes FROM TO``: the codes added, deleted (no longer billable) and
    retitled between two releases of ICD-10-CM or ICD-10-PCS."""
    from codetui.codehistory import BADGES, SYSTEM_RELEASES, changes, release_name

    try:
        if args.system not in SYSTEM_RELEASES:
            raise ValueError(f"no releases to compare for {args.system!r}: codetui keeps the "
                             "history of icd10cm and icd10pcs (HCPCS codes carry their dates: "
                             "show --date)")
        old, new = release_name(args.old, args.system), release_name(args.new, args.system)
        if int(old[2:]) >= int(new[2:]):
            raise ValueError(f"FROM ({old}) must be an older release than TO ({new})")
    except ValueError as error:
        print(f"codetui changes: {visible(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    catalog = _open_catalog(args, lazy=True)
    report_notices(catalog)
    rows = [row for row in catalog.history_rows() if row.get("system", "icd10cm") == args.system]
    if not rows:
        raise Failure("this store has no code history (data/history/ is missing)")
    found = changes(rows, old, new)
    order = lambda item: systems.code_key(item["code"])  # noqa: E731
    for items in found.values():
        items.sort(key=order)
    if args.json:
        print(_dumps({"system": args.system, "from": old, "to": new, **found}))
        return EXIT_OK
    removed = sum(1 for item in found["deleted"] if item["now"] == "deleted")
    print(f"{BADGES[args.system]} {old} -> {new}: {len(found['added'])} codes added, "
          f"{len(found['deleted'])} no longer billable ({removed} deleted, "
          f"{len(found['deleted']) - removed} now headings over new codes), "
          f"{len(found['retitled'])} retitled")
    for item in found["added"]:
        print(f"added     {item['code']:<9} {visible(item['title'])}")
    for item in found["deleted"]:
        what = "deleted  " if item["now"] == "deleted" else "heading  "
        successors = ", ".join(item["replaced_by"]) or "no direct successor"
        print(f"{what} {item['code']:<9} {visible(item['title'])} -> {successors}")
    for item in found["retitled"]:
        print(f"retitled  {item['code']:<9} {visible(item['title'])} (was: {visible(item['was'])})")
    return EXIT_OK


def _check_input(words: list[str]) -> list[str]:
    """The codes to check: the words given, ``-`` replaced by the codes on standard input."""
    from codetui.check import split_codes

    codes: list[str] = []
    for word in words:
        if word != "-":
            codes.extend(split_codes(word))
            continue
        try:
            text = sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Usage(f"standard input is not UTF-8 text (byte {error.start})") from None
        except (OSError, ValueError, AttributeError) as error:
            raise _Usage(f"cannot read standard input: {error}") from None
        codes.extend(split_codes(text))
    if not codes:
        raise _Usage("no codes to check (give codes, or '-' to read them from standard input)")
    return codes


def _check_date(text: str | None):
    """The date of service ``--date`` names, or None (a bad one is a usage error)."""
    if text is None:
        return None
    from codetui.codehistory import parse_date

    try:
        return parse_date(text)
    except ValueError as error:
        raise _Usage(str(error)) from None


class _Usage(Exception):
    """A usage error to report in one line (exit 2)."""


def cmd_check(args: argparse.Namespace) -> int:
    """``codetui check CODE...``: one line per finding (or JSON); exit 1 on errors or
    warnings, 2 on usage errors. The search index is never opened."""
    from codetui.check import check_codes, summary_line

    try:
        day = _check_date(args.date)
        codes = _check_input(args.codes)
    except _Usage as usage:
        print(f"codetui check: {visible(str(usage))}", file=sys.stderr)
        return EXIT_USAGE
    catalog = _open_catalog(args, lazy=True)
    report = check_codes(catalog, codes, day)
    report_notices(catalog)
    if args.json:
        print(_dumps(report.as_json()))
    else:
        for finding in report.findings:
            print(visible(f"{finding.code}: {finding.level}: {finding.message}"))
        line = summary_line(report.summary)
        if line:
            print(visible(f"summary: info: {line}"))
        counts = report.summary["counts"]
        said = ", ".join(f"{n} {level}{'' if n == 1 else 's'}" for level, n in counts.items())
        print(f"{len(codes)} code{'' if len(codes) == 1 else 's'} checked: {said}",
              file=sys.stderr)
    return EXIT_FAIL if report.failed else EXIT_OK


def cmd_seed(args: argparse.Namespace) -> int:
    """``codetui seed``: rebuild the store and report what it holds."""
    catalog = _open_catalog(args, rebuild=True)
    counts = ", ".join(f"{n:,} {badge(s)}" for s, n in sorted(catalog.counts.items()))
    print(f"Store ready at {visible(str(catalog.store.folder))}: {counts}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """``codetui validate``: one line per problem in the data, exit 1 if any."""
    from codetui import paths
    from codetui.seed import validate_data

    data_dir = args.data or paths.bundled_data_dir()
    if not data_dir.is_dir():
        raise Failure(f"data folder not found: {data_dir}")
    for link in paths.unresolved_links(data_dir):
        print(f"codetui: skipped {visible(str(link))}: a link to no file", file=sys.stderr)
    problems = validate_data(data_dir)
    for problem in problems:
        print(visible(str(problem)))
    if problems:
        print(f"{len(problems)} problems", file=sys.stderr)
        return EXIT_FAIL
    print(f"{visible(str(data_dir))}: no problems", file=sys.stderr)
    return EXIT_OK


def cmd_keys(args: argparse.Namespace) -> int:
    """``codetui keys``: every binding id, its keys (after the user's keymap file) and what
    it does; where the keymap file is and whether it is used. Exit 1 if it cannot be used."""
    from codetui.tui.app import all_bindings
    from codetui.userkeys import keymap_path, read_keymap

    path = keymap_path()
    bindings = all_bindings()
    keymap, problem = read_keymap(path, {binding.id for binding in bindings})
    width = max(len(binding.id) for binding in bindings)
    for binding in bindings:
        keys = keymap.get(binding.id, binding.key)
        print(f"{binding.id:<{width}}  {keys:<24}  {binding.tooltip or binding.description}")
    state = "not used" if problem else "used" if path.exists() else "none yet"
    print(f"\nkeymap file ({state}): {visible(str(path))}; lines like 'copy-code: ctrl+y'",
          file=sys.stderr)
    if problem:
        print(f"codetui: {visible(problem)}", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """``codetui import cpt FILE``: keep the user's licensed descriptors and reseed."""
    from codetui import paths
    from codetui.cpt_file import parse_cpt_file
    from codetui.userfiles import write_json_atomic

    if not args.file.is_file():
        raise Failure(f"no such file: {args.file}")
    rows, problems = parse_cpt_file(args.file)
    for problem in problems:
        print(f"codetui: {visible(str(args.file))}: {visible(problem)}", file=sys.stderr)
    if not rows:
        raise Failure(f"{args.file}: no CPT descriptors found")
    from codetui.store import CPT_IMPORT_FILE

    from codetui.store import read_cpt_descriptors

    target = paths.user_dir() / CPT_IMPORT_FILE
    earlier = {} if args.replace else read_cpt_descriptors(paths.user_dir())
    kept = {code: text for code, text in earlier.items() if code not in dict(rows)}
    try:
        write_json_atomic(target, {"imported_from": str(args.file),
                                   "descriptors": {**kept, **dict(rows)}})
    except OSError as exc:
        raise Failure(f"cannot save the import in {target.parent}: {exc.strerror}") from None
    _open_catalog(args)
    print(f"Imported {len(rows):,} CPT descriptors from {visible(str(args.file))}"
          + (f"; {len(problems)} lines reported" if problems else "")
          + (f"; kept {len(kept):,} codes from an earlier import (--replace drops them)"
             if kept else ""))
    return EXIT_OK


def cmd_app(args: argparse.Namespace, code: str | None = None, pick: str | None = None) -> int:
    """Open the app (on ``code``'s page, or as a picker that prints the chosen code).

    The terminal is held from the start (:class:`~codetui.heldinput.HeldInput`): what is
    typed while the store opens or seeds goes to the search box, and keys typed after that
    wait for the app instead of being dropped with a half-typed line."""
    from codetui.heldinput import HeldInput
    from codetui.tui.app import Terminated, run_app

    held = HeldInput(sys.stdin)
    held.hold()
    try:
        catalog = _open_catalog(args, lazy=True, held=held)
        chosen = run_app(catalog, code=code, pick=pick, query=held.take())
    except Terminated as ended:
        return 128 + ended.signum  # the shell's convention for "killed by a signal"
    finally:
        held.release()
    if pick is not None:
        if chosen is None:
            return EXIT_FAIL
        print(chosen)
    return EXIT_OK


def _escape_unencodable_output() -> None:
    """Write what the output's encoding cannot hold as escapes (``\u2014``), never fail:
    ``PYTHONIOENCODING=ascii`` or a C locale without UTF-8 ended ``show`` with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to do
                pass


_DASH_QUERY = re.compile(r"-[A-Za-z0-9]{2}")


def _dash_queries_last(argv: list[str]) -> list[str]:
    """Move words such as ``-RT`` or ``-59`` (a modifier, typed as coders write it) after a
    ``--``, so they are read as the query rather than as unknown options."""
    if "--" in argv:
        return argv
    dashed = [a for a in argv if _DASH_QUERY.fullmatch(a)]
    if not dashed:
        return argv
    return [a for a in argv if not _DASH_QUERY.fullmatch(a)] + ["--", *dashed]


def _silence(stream) -> None:
    """Point ``stream``'s file descriptor at /dev/null (its reader or terminal is gone), so that
    what is still buffered, and the interpreter's own flush at exit, write nowhere instead of
    failing."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError, io.UnsupportedOperation):  # closed, detached or not a file
        pass


def _settle_output() -> None:
    """Flush standard output and error before exit; one whose reader went away (``| head``) or
    whose terminal hung up is silenced. Otherwise Python's own flush at exit fails, prints
    "Exception ignored" and turns the exit code into 120."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            _silence(stream)


# Again at exit, after anything written once main has returned (a hangup during start-up ends
# the app from another path): registered when this module is imported, before Textual is, so it
# runs after every other exit handler, just before the interpreter's own flush.
atexit.register(_settle_output)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    code = _main(argv)
    _settle_output()
    return code


def _main(argv: list[str] | None) -> int:
    """The command line itself (:func:`main` settles the output after it)."""
    _escape_unencodable_output()
    argv = _dash_queries_last(list(sys.argv[1:] if argv is None else argv))
    code = None
    # The first word that is neither an option nor an option's value (--db PATH, --data DIR).
    positional = [i for i, a in enumerate(argv)
                  if not a.startswith("-") and (i == 0 or argv[i - 1] not in ("--db", "--data"))]
    if positional and argv[positional[0]] not in COMMANDS:
        code = argv.pop(positional[0])
    # A command's own parser alone, unless the program's help is asked for before it.
    command = argv[positional[0]] if positional and code is None else None
    asks_help = command is not None and {"-h", "--help"} & set(argv[:positional[0]])
    parser = _parser(None if asks_help else command)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        if args.command is None:
            return cmd_app(args, code=code)
        if args.command == "pick":
            return cmd_app(args, pick=" ".join(args.query))
        return {"search": cmd_search, "show": cmd_show, "changes": cmd_changes,
                "check": cmd_check, "seed": cmd_seed,
                "validate": cmd_validate, "import": cmd_import, "keys": cmd_keys}[args.command](args)
    except Failure as failure:
        print(f"codetui: {visible(str(failure))}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence(sys.stdout)  # the reader is gone (``| head``): end quietly
        return EXIT_OK
