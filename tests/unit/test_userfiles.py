"""Favourites and recent codes shared by two sessions with the same user folder."""

import json
import multiprocessing

from codetui.userfiles import FAVOURITES_FILE, HISTORY_FILE, UserCodes


def test_two_sessions_starring_different_codes_keep_both(tmp_path):
    first, second = UserCodes.load(tmp_path), UserCodes.load(tmp_path)
    assert first.toggle_favourite("icd10cm", "I10")
    assert second.toggle_favourite("hcpcs", "K0001")
    saved = json.loads((tmp_path / FAVOURITES_FILE).read_text())
    assert sorted(map(tuple, saved)) == [("hcpcs", "K0001"), ("icd10cm", "I10")]
    assert set(second.favourites) == {("hcpcs", "K0001"), ("icd10cm", "I10")}


def test_unstarring_in_one_session_keeps_what_the_other_starred(tmp_path):
    first, second = UserCodes.load(tmp_path), UserCodes.load(tmp_path)
    first.toggle_favourite("icd10cm", "I10")
    second.toggle_favourite("hcpcs", "K0001")
    assert not first.toggle_favourite("icd10cm", "I10")
    assert json.loads((tmp_path / FAVOURITES_FILE).read_text()) == [["hcpcs", "K0001"]]


def test_recent_codes_of_two_sessions_are_merged_newest_first(tmp_path):
    first, second = UserCodes.load(tmp_path), UserCodes.load(tmp_path)
    first.viewed("icd10cm", "I10")
    second.viewed("cpt", "47542")
    first.viewed("hcpcs", "K0001")
    saved = [tuple(item) for item in json.loads((tmp_path / HISTORY_FILE).read_text())]
    assert saved == [("hcpcs", "K0001"), ("cpt", "47542"), ("icd10cm", "I10")]


def _star_many(folder: str, system: str, count: int) -> None:
    user = UserCodes.load(__import__("pathlib").Path(folder))
    for n in range(count):
        user.toggle_favourite(system, f"C{n:03d}")


def test_two_processes_starring_at_once_lose_nothing(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_star_many, args=(str(tmp_path), system, 40))
               for system in ("cpt", "hcpcs")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    saved = json.loads((tmp_path / FAVOURITES_FILE).read_text())
    assert len(saved) == 80
