"""Write bench/queries.txt: the fixed query mix the benchmark runs (kind<TAB>query).

Drawn once, with a fixed seed, from the bundled YAML and synonyms; the file is committed so
every run measures the same queries. Run again only to change the mix on purpose.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codetui.textnorm import words  # noqa: E402

PER_KIND = 40


def _titles() -> list[tuple[str, str, str]]:
    found = []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for folder in ("icd10cm", "hcpcs", "cpt"):
        for path in sorted((REPO / "data" / folder).glob("*.yaml")):
            for entry in yaml.load(path.read_text(), Loader=loader)["entries"]:
                found.append((folder, entry["code"], entry["title"]))
    for path in sorted((REPO / "data" / "icd10pcs").glob("0*.yaml")):
        for table in yaml.load(path.read_text(), Loader=loader)["tables"]:
            found.extend(("icd10pcs", code, title) for code, title in table["titles"].items())
    return found


def _misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["swap", "drop", "double", "replace"])
    if edit == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if edit == "drop":
        return word[:i] + word[i + 1:]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiou") + word[i + 1:]


def main() -> None:
    """Draw the mix and write it."""
    rng = random.Random(20261125)
    entries = _titles()
    queries: list[tuple[str, str]] = []
    for _ in range(PER_KIND):
        system, code, _title = rng.choice(entries)
        form = rng.choice([code, code.lower(), code.replace(".", "")])
        queries.append(("code", form))
    for _ in range(PER_KIND):
        system, code, _title = rng.choice([e for e in entries if e[0] in ("icd10cm", "icd10pcs")])
        queries.append(("prefix", code[: rng.choice([3, 4, 5])].rstrip(".")))
    vocab = sorted({w for _, _, t in entries for w in words(t) if len(w) >= 5 and w.isalpha()})
    for _ in range(PER_KIND):
        queries.append(("word", rng.choice(vocab)))
    for _ in range(PER_KIND):
        title_words = [w for w in words(rng.choice(entries)[2]) if len(w) > 2]
        count = min(len(title_words), rng.choice([2, 3]))
        picked = rng.sample(title_words, count) if title_words else ["fracture", "femur"]
        queries.append(("words", " ".join(picked)))
    synonyms = yaml.safe_load((REPO / "data" / "synonyms.yaml").read_text())["synonyms"]
    for item in rng.sample(synonyms, PER_KIND):
        queries.append(("lay", rng.choice(item["words"])))
    long_words = [w for w in vocab if len(w) >= 6]
    for _ in range(PER_KIND):
        queries.append(("misspelling", _misspell(rng.choice(long_words), rng)))
    out = REPO / "bench" / "queries.txt"
    out.write_text("".join(f"{kind}\t{query}\n" for kind, query in queries), encoding="utf-8")
    print(f"wrote {len(queries)} queries to {out}")


if __name__ == "__main__":
    main()
