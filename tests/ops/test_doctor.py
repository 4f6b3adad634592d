"""`kiosk doctor`: with a working (virtual) sound system, and with none at all."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.bench.pulse import PulseServer, PulseUnavailable
from kiosk.cli import doctor


def lines_starting(text: str, prefix: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(prefix)]


# Pure parts -----------------------------------------------------------------------------------
VOICES = [
    {"id": "gmw/en-us", "name": "English_(America)", "languages": ["en-us"]},
    {"id": "gmw/en", "name": "English_(Great_Britain)", "languages": ["en-gb", "en"]},
]


@pytest.mark.parametrize(
    ("configured", "found"),
    [
        ("en-us", "gmw/en-us"),
        ("gmw/en-us", "gmw/en-us"),
        ("en+f3", "gmw/en"),
        ("EN-US", "gmw/en-us"),
        ("klingon", None),
    ],
)
def test_find_voice(configured: str, found: str | None) -> None:
    assert doctor.find_voice(configured, VOICES) == found


def test_level_bar() -> None:
    assert doctor.level_bar(0, 0) == "[" + "." * doctor.BAR_WIDTH + "]  -120 dB"
    full = doctor.level_bar(32767, 32767)
    assert full.startswith("[" + "#" * doctor.BAR_WIDTH + "]")
    half = doctor.level_bar(33, 1036)  # -60 dB now, -30 dB peak
    assert "|" in half and "#" not in half


# Without any sound server ----------------------------------------------------------------------
@pytest.fixture
def no_sound_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/no-such-socket")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)


@pytest.mark.usefixtures("no_sound_server")
def test_without_a_sound_server_fails_plainly_and_quickly(
    capfd: pytest.CaptureFixture[str],
) -> None:
    started = time.monotonic()
    status = doctor.main(["--mic-seconds", "1"])
    elapsed = time.monotonic() - started
    out, err = capfd.readouterr()
    assert status == 1
    assert elapsed < 30
    assert err == ""  # ALSA and JACK noise stayed off the screen
    failures = lines_starting(out, "FAIL")
    assert any("No sound server is running" in line for line in failures), out
    assert any("no sound output" in line or "did not play" in line for line in failures), out
    # (a machine with a real sound card may still open a microphone directly through ALSA)
    microphone = [line for line in out.splitlines() if "icrophone" in line and line[:4] != "    "]
    assert microphone and ("no microphone" in microphone[0] or microphone[0].startswith("OK")), out
    assert "Traceback" not in out
    # the checks that need no sound still pass
    assert lines_starting(out, "OK   Configuration is valid")
    assert lines_starting(out, "OK   Content is valid")
    # the test command prepares Moonshine, and pocketsphinx is its second opinion
    assert lines_starting(out, "OK   Voice-command recognizer loads: moonshine (pocketsphinx "
                          "gives a second opinion in a quiet room).")  # fmt: skip
    assert out.rstrip().endswith("Fix them from the top: later ones may follow.")


@pytest.mark.usefixtures("no_sound_server")
def test_a_bad_configuration_fails_and_the_rest_is_still_checked(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[speech]\nrate = 999\nenabled = false\n[voice]\nenabled = false\n")
    assert doctor.main(["--config", str(config)]) == 1
    out = capfd.readouterr().out
    assert lines_starting(out, "FAIL The configuration was refused")
    assert "'speech.rate' must be from 100 to 260" in out
    assert lines_starting(out, "OK   Content is valid")


def test_turned_off_features_are_not_tested(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/no-such-socket")
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no pactl: no server check
    config = tmp_path / "kiosk.toml"
    config.write_text('state_dir = "state"\n[speech]\nenabled = false\n[voice]\nenabled = false\n')
    assert doctor.main(["--config", str(config)]) == 0
    out = capfd.readouterr().out
    assert "Speech is turned off in the configuration: not tested." in out
    assert "Voice commands are turned off in the configuration: not tested." in out
    assert out.rstrip().endswith("Everything the kiosk needs is working.")


def test_broken_content_fails(
    content_copy: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (content_copy / "kiosk" / "help.md").unlink()
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'content_dir = "{content_copy}"\nstate_dir = "state"\n'
        "[speech]\nenabled = false\n[voice]\nenabled = false\n"
    )
    assert doctor.main(["--config", str(config)]) == 1
    out = capfd.readouterr().out
    assert "the kiosk page 'help' is missing" in out
    assert "run `kiosk check`" in out


# With the private PulseAudio server ------------------------------------------------------------
@pytest.fixture
def pulse(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[PulseServer]:
    if shutil.which("espeak-ng") is None or shutil.which("paplay") is None:
        pytest.skip("espeak-ng and paplay are needed")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    try:
        with PulseServer() as server:
            yield server
    except PulseUnavailable as error:
        pytest.skip(str(error))


@pytest.fixture
def spoken_command(tmp_path: Path) -> Path:
    wav = tmp_path / "hello.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), "hello kiosk, open risks"], check=True)
    return wav


@pytest.mark.audio
def test_with_a_sound_server_everything_passes(
    pulse: PulseServer,
    spoken_command: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    real_check = doctor.check_microphone

    def speak_during_the_test(*args: Any, **kwargs: Any) -> doctor.Result:
        # Keep talking until the test ends: the microphone opens a moment after it starts.
        done = threading.Event()

        def talk() -> None:
            while not done.is_set():
                pulse.play_into_microphone(spoken_command)

        talker = threading.Thread(target=talk, daemon=True)
        talker.start()
        try:
            return real_check(*args, **kwargs)
        finally:
            done.set()
            talker.join(10)

    monkeypatch.setattr(doctor, "check_microphone", speak_during_the_test)
    status = doctor.main(["--mic-seconds", "2"])
    out, err = capfd.readouterr()
    assert status == 0, out
    assert not lines_starting(out, "FAIL"), out
    assert err == ""
    assert lines_starting(out, "OK   Sound server is running (pulseaudio); speaker: kiosk_out")
    speakers = lines_starting(out, "OK   Speakers work")
    assert speakers and "output peak" in speakers[0]
    assert lines_starting(out, "OK   Microphone works")


@pytest.mark.audio
def test_a_silent_microphone_and_muted_output_fail(
    pulse: PulseServer, capfd: pytest.CaptureFixture[str]
) -> None:
    pulse.pactl("set-sink-mute", "kiosk_out", "1")
    status = doctor.main(["--mic-seconds", "1"])
    out = capfd.readouterr().out
    assert status == 1
    failures = lines_starting(out, "FAIL")
    assert any("output was silent" in line for line in failures), out
    assert any("heard almost nothing" in line for line in failures), out


@pytest.mark.audio
def test_a_stuck_probe_is_killed(pulse: PulseServer) -> None:
    started = time.monotonic()
    messages = list(doctor.stream_probe(["mic", "60"], timeout=1.5))
    assert time.monotonic() - started < 10
    assert "error" in messages[-1] and "no answer within" in messages[-1]["error"]
