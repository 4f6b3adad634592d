"""A short key storm (the full 10,000-key run is `kiosk bench monkey`)."""

from __future__ import annotations

from kiosk.bench.soak import monkey


async def test_random_keys_never_exit_or_show_a_traceback() -> None:
    result = await monkey(300, seed=7)
    assert result["exited_at"] is None
    assert not result["traceback_on_screen"]
    assert result["answers_a_normal_key_afterwards"]
