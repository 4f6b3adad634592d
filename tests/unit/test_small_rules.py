"""Key filtering, the staff PIN lock and navigation history, on a fake clock."""

from __future__ import annotations

from dataclasses import replace

from kiosk.content.wording_file import shipped_wording
from kiosk.core.keyfilter import KeyFilter
from kiosk.core.navigation import History
from kiosk.core.staff import (
    PinResult,
    StaffLock,
    pin_result_message,
    prompt_announcement,
    prompt_message,
)
from tests.support.clocks import FakeClock


def test_double_strike_ignored_but_deliberate_presses_pass() -> None:
    keys = KeyFilter()
    assert keys.accept("2", 0.0)
    assert not keys.accept("2", 0.05)  # bounce
    assert keys.accept("2", 0.5)  # a second deliberate press
    assert keys.accept("8", 0.55)  # another key at once is fine


def test_held_key_repeats_at_most_every_two_seconds() -> None:
    keys = KeyFilter()
    accepted = [t / 30 for t in range(0, 150) if keys.accept("2", t / 30)]  # 5 s at 30/s
    assert accepted == [0.0, 2.0, 4.0]


def test_staff_exit_off_without_pin() -> None:
    assert StaffLock("", FakeClock(1000.0)).try_pin("1234") is PinResult.DISABLED


def test_wrong_pins_lock_out_then_expire() -> None:
    clock = FakeClock(1000.0)
    lock = StaffLock("2468", clock, attempts=3, lockout_seconds=300)
    assert lock.try_pin("1111") is PinResult.WRONG
    assert lock.try_pin("2222") is PinResult.WRONG
    assert lock.try_pin("3333") is PinResult.LOCKED
    assert lock.try_pin("2468") is PinResult.LOCKED  # even the right PIN, while locked
    clock.now += 301
    assert lock.try_pin("2468") is PinResult.ACCEPTED


def test_random_pins_never_open_a_locked_kiosk() -> None:
    clock = FakeClock(1000.0)
    lock = StaffLock("97531", clock, attempts=3, lockout_seconds=300)
    results = []
    for attempt in range(10_000):
        clock.now += 1  # one wrong PIN a second, for almost three hours
        results.append(lock.try_pin(str(97000 + attempt)))  # passes 97531 on the way
    assert PinResult.ACCEPTED not in results


def test_the_staff_prompt_names_its_keys_as_the_key_names_say() -> None:
    shipped = shipped_wording()
    lock = StaffLock("2468", FakeClock(1000.0))
    assert prompt_message(lock, shipped) == (
        "Type the staff PIN, then Enter. Press star for cleaning mode (keys off for a minute). "
        "Press dot to go back."
    )
    renamed = replace(
        shipped, key_names=replace(shipped.key_names, asterisk="times", full_stop="point")
    )
    said = prompt_announcement(lock, renamed)
    assert said.startswith("Staff only. Type the staff PIN")
    assert "Press times for cleaning mode" in said and "Press point to go back." in said
    assert pin_result_message(PinResult.WRONG, lock, renamed) == (
        "Wrong PIN. Try again, or press point to go back."
    )
    assert pin_result_message(PinResult.LOCKED, lock, renamed).endswith("Press point to go back.")


def test_history_back_and_limit() -> None:
    history: History[int] = History(limit=3)
    for place in range(5):
        history.push(place)
    assert [history.back(), history.back(), history.back(), history.back()] == [4, 3, 2, None]
