"""The test folders have no __init__.py, so pytest imports every test module by its file name:
two modules of one name in different folders stop the whole run at collection."""

from collections import Counter
from pathlib import Path


def test_no_two_test_modules_share_a_name():
    tests = Path(__file__).resolve().parents[1]
    names = Counter(path.name for path in tests.rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []
