"""manim's shared caches under parallel processes and faults (issue 14, cases 0 and 2).

Case 0: a cold parallel render failed with ``ParseError: no element found``. manim writes
each cached text SVG in place and then rewrites it in place (``remove_last_M``: truncate,
write) every time a Text is built, so another process read it empty. Every entry now appears
in one step, whole: a stress test builds the same text-heavy mobjects in several processes
into one fresh media folder, round after round, while a watcher checks that no cache entry
it can see is ever incomplete.

Case 2: an entry cut short (a full disk, a killed process, an older version's race) is made
again instead of failing every later run, also through the renderer with ``--force``; a
write that fails leaves no entry behind.
"""

from __future__ import annotations

import errno
import multiprocessing
import random
import time
from pathlib import Path

import pytest
from manim import MarkupText, MathTex, Text, tempconfig

from pipeline.manim_cache import CacheEntryError, is_complete_svg, serialize_shared_files

WORDS = [f"{word} {i}" for i, word in enumerate(("slope", "cost", "learning rate", "σ(z)") * 5)]
FORMULAS = [r"m_{k+1} = m_k - \eta\,\mathrm{MSE}'(m_k)"]
ROUNDS = 2
WORKERS = 3


# -- the stress test -------------------------------------------------------------------------
def _build(media_dirs: list[str], seed: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    """One worker: in each fresh media folder, after all workers are ready, build every word
    (in its own order, each twice) and the formulas; report None or the error."""
    try:
        serialize_shared_files()
        order = WORDS * 2
        random.Random(seed).shuffle(order)
        for media in media_dirs:
            with tempconfig({"media_dir": media, "verbosity": "ERROR", "no_latex_cleanup": True}):
                barrier.wait(timeout=60)
                for word in order:
                    Text(word, font_size=30)
                MarkupText("<b>bold</b> words", font_size=30)
                for formula in FORMULAS:
                    MathTex(formula)
        results.put(None)
    except BaseException as err:  # reported to the test
        barrier.abort()  # the others stop waiting for this one
        results.put(f"{type(err).__name__}: {err}")


def _watch(media_dirs: list[str], stop, seen) -> None:  # type: ignore[no-untyped-def]
    """Look at every cache entry as often as possible: report the first incomplete one."""
    bad: list[str] = []
    while not stop.is_set() and not bad:
        for media in media_dirs:
            for folder in (Path(media) / "texts", Path(media) / "Tex"):
                if not folder.is_dir():
                    continue
                for path in folder.glob("[!.]*.svg"):
                    # (manim's own temporary <name>_.svg is not an entry; a file deleted
                    # between listing and reading is not one either)
                    if (
                        not path.name.endswith("_.svg")
                        and not is_complete_svg(path)
                        and path.exists()
                    ):
                        bad.append(str(path))
    seen.put(bad)


def test_cold_parallel_builds_never_see_a_half_written_cache_entry(tmp_path):
    media_dirs = [str(tmp_path / f"media{r}") for r in range(ROUNDS)]
    spawn = multiprocessing.get_context("spawn")
    barrier, results, seen, stop = (
        spawn.Barrier(WORKERS),
        spawn.Queue(),
        spawn.Queue(),
        spawn.Event(),
    )
    watcher = spawn.Process(target=_watch, args=(media_dirs, stop, seen))
    workers = [
        spawn.Process(target=_build, args=(media_dirs, seed, barrier, results))
        for seed in range(WORKERS)
    ]
    watcher.start()
    for worker in workers:
        worker.start()
    errors = [results.get(timeout=180) for _ in workers]
    stop.set()
    incomplete = seen.get(timeout=30)
    for process in (*workers, watcher):
        process.join(timeout=30)
    assert errors == [None] * WORKERS
    assert incomplete == []
    for media in media_dirs:
        entries = list((Path(media) / "texts").glob("*.svg"))
        assert len(entries) == len(WORDS) + 1  # every word and the markup, made once each
        assert all(is_complete_svg(path) for path in entries)
        assert all(is_complete_svg(p) for p in (Path(media) / "Tex").glob("*.svg"))
        leftovers = [p.name for p in Path(media).rglob(".*partial*")]
        assert leftovers == []


# -- entries cut short are made again ------------------------------------------------------------
@pytest.fixture
def media(tmp_path):
    serialize_shared_files()
    with tempconfig({"media_dir": str(tmp_path), "verbosity": "ERROR"}):
        yield tmp_path


def _text_entry(media: Path, word: str) -> Path:
    Text(word)
    (entry,) = (media / "texts").glob("*.svg")
    return entry


@pytest.mark.parametrize("damage", ["empty", "cut short"])
def test_a_text_entry_cut_short_is_made_again(media, damage):
    entry = _text_entry(media, "Gradient descent")
    whole = entry.read_bytes()
    entry.write_bytes(b"" if damage == "empty" else whole[: len(whole) // 2])
    assert not is_complete_svg(entry)
    rebuilt = Text("Gradient descent")  # the ParseError of issue 14 before
    assert len(rebuilt) > 0
    assert is_complete_svg(entry) and abs(entry.stat().st_size - len(whole)) < 100


def test_a_formula_entry_cut_short_is_made_again(media):
    MathTex(r"\sigma(z) = \frac{1}{1 + e^{-z}}")
    (entry,) = (media / "Tex").glob("*.svg")
    whole = entry.read_bytes()
    entry.write_bytes(whole[:100])
    MathTex(r"\sigma(z) = \frac{1}{1 + e^{-z}}")
    assert is_complete_svg(entry) and entry.stat().st_size == len(whole)
    assert not list((media / "Tex").glob(".*"))  # the private work folder is gone


def test_a_full_disk_leaves_no_entry_and_the_next_build_makes_it(media, monkeypatch):
    real_write = Path.write_text

    def disk_full(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if ".partial" in self.name:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, *args, **kwargs)

    # Pango's file is made, then manim's fix rewrites it: the disk is full at that moment
    monkeypatch.setattr(Path, "write_text", disk_full)
    with pytest.raises(OSError, match="No space left"):
        Text("full disk")
    assert list((media / "texts").iterdir()) == []  # nothing published, nothing left over
    monkeypatch.undo()
    assert len(Text("full disk")) > 0
    (entry,) = (media / "texts").glob("*.svg")
    assert is_complete_svg(entry)


def test_pango_cut_short_is_reported_not_published(media, monkeypatch):
    """A writer that stops early without an error (cairo on a full disk) is caught by the
    check before publishing."""
    import manimpango

    write = manimpango.text2svg

    def cut_short(*args, **kwargs):  # type: ignore[no-untyped-def]
        made = write(*args, **kwargs)
        Path(made).write_bytes(Path(made).read_bytes()[:50])
        return made

    monkeypatch.setattr(manimpango, "text2svg", cut_short)
    with pytest.raises(CacheEntryError, match="could not be written completely"):
        Text("cut short")
    assert list((media / "texts").iterdir()) == []


def test_a_damaged_entry_that_looks_whole_is_removed_with_a_clear_error(media):
    entry = _text_entry(media, "damaged")
    entry.write_text("<svg><g></svg>")  # ends well, but is not XML
    with pytest.raises(CacheEntryError, match=r"was damaged .* Fix: run the same command again"):
        Text("damaged")
    assert not entry.exists()
    assert len(Text("damaged")) > 0


def test_the_check_is_cheap():
    """It runs on every Text built: a few reads of the file's end, not a parse."""
    path = Path(__file__).resolve().parent.parent / "assets" / "lecture.toml"
    started = time.perf_counter()
    for _ in range(1000):
        is_complete_svg(path)
    assert time.perf_counter() - started < 1.0
