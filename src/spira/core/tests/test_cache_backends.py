from unittest import mock

from spira.core import cache_backends
from spira.core.cache_backends import FileCache


def make_cache(tmp_path, max_entries=10):
    return FileCache(str(tmp_path / "cache"), {"OPTIONS": {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": 2}})


def stored_files(tmp_path):
    return len(list((tmp_path / "cache").glob("*.djcache")))


def test_values_are_kept_read_and_shared_like_the_file_cache(tmp_path):
    one, other = make_cache(tmp_path), make_cache(tmp_path)

    one.set("sida", "<p>Välkommen</p>")
    one.add("version", 1, None)
    one.incr("version")

    assert other.get("sida") == "<p>Välkommen</p>"
    assert other.get("version") == 2


def test_most_writes_do_not_list_the_directory(tmp_path):
    cache = make_cache(tmp_path, max_entries=1000)

    with (
        mock.patch.object(cache_backends.random, "randrange", return_value=1),
        mock.patch.object(FileCache, "_list_cache_files", side_effect=AssertionError("listed")),
    ):
        for number in range(50):
            cache.set(f"nyckel-{number}", number)

    assert stored_files(tmp_path) == 50


def test_the_cache_is_still_culled_to_its_bound(tmp_path):
    cache = make_cache(tmp_path, max_entries=10)
    with mock.patch.object(cache_backends.random, "randrange", return_value=1):
        for number in range(30):
            cache.set(f"nyckel-{number}", number)
    assert stored_files(tmp_path) == 30

    with mock.patch.object(cache_backends.random, "randrange", return_value=0):
        cache.set("en-till", 1)

    assert stored_files(tmp_path) <= 16
    assert cache.get("en-till") == 1
