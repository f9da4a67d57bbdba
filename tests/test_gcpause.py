"""The collector pause around loading: counted, restored after errors, and never turns on what was off."""

import gc
import threading
import weakref

import pytest

from directory.gcpause import paused_gc


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_pause_and_resume():
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_resume_only_at_the_last():
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_resumes():
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("kapot")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_pauses_from_threads_overlap():
    inside, release = threading.Event(), threading.Event()

    def other():
        with paused_gc():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with paused_gc():
        pass
    assert not gc.isenabled()  # the other thread's pause is still on
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_cycles_made_during_a_pause_are_collectable_after_it():
    class Node:
        pass

    with paused_gc():
        node = Node()
        node.self = node
        watch = weakref.ref(node)
        del node
        assert watch() is not None  # a cycle: reference counting alone cannot free it
    gc.collect()  # what the collector's next run does
    assert watch() is None


def test_what_a_pause_made_is_not_walked_by_the_next_young_collection():
    with paused_gc():
        made = [[i] for i in range(200_000)]
    # In the oldest generation at once: a young collection (which would first have moved them one generation
    # up) never walks these 200,000.
    oldest = {id(thing) for thing in gc.get_objects(generation=2)}
    assert id(made) in oldest
    assert all(id(row) in oldest for row in made[::1000])


def test_objects_frozen_by_others_stay_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
