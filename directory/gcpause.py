"""Pause Python's cyclic garbage collector while a list is read and indexed.

Reading 100,000 organisations makes millions of objects (rows, cells, organisations, word lists) that all
stay alive. The collector is triggered by the number of new objects, not by garbage, so it walks this
growing heap over and over and finds nothing: about a tenth of the load time. Reference counting still
frees everything at once; only cycles wait, for the collector's next run after the pause. Measured in
bench/scale.py (100,000 organisations: -11 to -14% time, the same peak memory).

When the last pause ends, what it made is moved to the oldest generation (`_age_everything`): the collector's
young collections would otherwise walk millions of objects that all survive.

The collector is process-wide and Streamlit serves sessions from threads, so pauses are counted: the
collector runs again when the last one ends. A collector that was off before the first pause stays off; one
that other code switches off during a pause is on again after it (nothing in Vangnet does that).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = True


@contextmanager
def paused_gc() -> Iterator[None]:
    """Within this block the cyclic collector does not run; afterwards it runs as before and, on its own
    schedule, collects the cycles made meanwhile."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                _age_everything()
                gc.enable()


def _age_everything() -> None:
    """After a pause everything made in it still counts as new, so the collector's first young collections
    walk all of it and find nothing (0.1 s after loading 100,000 organisations, again after indexing them).
    gc.freeze() and then gc.unfreeze() put every tracked object into the oldest generation at once, as the
    survivors they are; cycles made in the pause are found at the next full collection. Not when something
    else keeps objects frozen: unfreeze would thaw those too."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
