"""A private PulseAudio server with a virtual speaker and a virtual microphone.

Used by the audio tests and the benchmarks, so speech and listening are exercised through a
real sound server (the same ALSA/PortAudio path as a kiosk with hardware) on machines with no
sound card. See docs/audio-testing.md.

    with PulseServer() as pulse:            # sets PULSE_SERVER etc. in os.environ
        with pulse.record() as recording:   # what the kiosk plays to its speaker
            ...
        samples = recording.samples()        # 16-bit mono at pulse.rate, sample 0 at
                                             # recording.started_at (time.monotonic())
        pulse.play_into_microphone(wav_bytes)
"""

from __future__ import annotations

import array
import math
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.voice.recognition import RATE

THRESHOLD_DBFS = -45.0  # what counts as sound in the benchmarks' recordings
THRESHOLD = int(32768 * 10 ** (THRESHOLD_DBFS / 20))  # 184
SPEAKER = "kiosk_out"
MICROPHONE_FEED = "mic_feed"


class PulseUnavailable(RuntimeError):
    pass


@dataclass
class Capture:
    """The virtual speaker's output: 16 kHz mono samples, sample 0 at `started_at`."""

    rate: int = RATE
    chunks: list[bytes] = field(default_factory=list)
    received: int = 0  # samples
    started_at: float = math.inf  # tightest upper bound seen so far
    _samples: array.array[int] | None = None

    def add(self, data: bytes, arrived: float) -> None:
        self.chunks.append(data)
        self.received += len(data) // 2
        # The last sample of this read was captured before it arrived.
        self.started_at = min(self.started_at, arrived - (self.received - 1) / self.rate)
        self._samples = None

    def samples(self) -> array.array[int]:
        if self._samples is None:
            values = array.array("h")
            data = b"".join(self.chunks)
            values.frombytes(data[: len(data) // 2 * 2])
            self._samples = values
        return self._samples

    def index_at(self, moment: float) -> int:
        return max(0, int((moment - self.started_at) * self.rate))

    def time_of(self, index: int) -> float:
        return self.started_at + index / self.rate

    def first_loud(self, start: float, end: float) -> float | None:
        samples = self.samples()
        for i in range(self.index_at(start), min(len(samples), self.index_at(end))):
            if abs(samples[i]) > THRESHOLD:
                return self.time_of(i)
        return None

    def last_loud(self, start: float, end: float) -> float | None:
        samples = self.samples()
        for i in range(min(len(samples), self.index_at(end)) - 1, self.index_at(start) - 1, -1):
            if abs(samples[i]) > THRESHOLD:
                return self.time_of(i)
        return None

    def rms(self, start: float, end: float) -> float:
        samples = self.samples()[self.index_at(start) : self.index_at(end)]
        if not samples:
            return 0.0
        return math.sqrt(sum(s * s for s in samples) / len(samples))


class PulseServer:
    """Start a private server; `__exit__` stops it and removes its runtime directory."""

    def __init__(self) -> None:
        self.runtime_dir = Path(tempfile.mkdtemp(prefix="kiosk-pulse-"))
        self.rate = RATE
        self._saved_env: dict[str, str | None] = {}
        self._loopback_module: str | None = None

    @property
    def env(self) -> dict[str, str]:
        return {
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "PULSE_RUNTIME_PATH": str(self.runtime_dir / "pulse"),
            "PULSE_SERVER": f"unix:{self.runtime_dir / 'pulse' / 'native'}",
            # Clients keep their auth cookie here, not in $HOME (the privacy test watches it).
            "PULSE_COOKIE": str(self.runtime_dir / "cookie"),
        }

    def __enter__(self) -> PulseServer:
        if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
            raise PulseUnavailable("pulseaudio is not installed (run scripts/setup)")
        for key, value in self.env.items():
            self._saved_env[key] = os.environ.get(key)
            os.environ[key] = value
        command = [
            "pulseaudio", "--daemonize=true", "--exit-idle-time=-1", "-n",
            "--load=module-native-protocol-unix auth-anonymous=1",
            f"--load=module-null-sink sink_name={SPEAKER} rate={RATE}",
            f"--load=module-null-sink sink_name={MICROPHONE_FEED} rate={RATE}",
            f"--log-target=file:{self.runtime_dir / 'pulse.log'}",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
        if result.returncode != 0:
            self._restore_env()
            raise PulseUnavailable(f"pulseaudio did not start: {result.stderr.strip()}")
        self._wait_ready()
        self.pactl("set-default-sink", SPEAKER)
        self.pactl("set-default-source", f"{MICROPHONE_FEED}.monitor")
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        subprocess.run(["pactl", "exit"], capture_output=True, env=os.environ.copy())
        self._restore_env()
        shutil.rmtree(self.runtime_dir, ignore_errors=True)

    def _restore_env(self) -> None:
        for key, value in self._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_env = {}

    def _wait_ready(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
                return
            time.sleep(0.05)
        raise PulseUnavailable("pulseaudio started but does not answer")

    def pactl(self, *args: str) -> str:
        result = subprocess.run(["pactl", *args], capture_output=True, text=True, check=True)
        return result.stdout.strip()

    def restart(self) -> None:
        """Kill and start the server again (a fault test: the sound server restarted)."""
        subprocess.run(["pactl", "exit"], capture_output=True)
        time.sleep(0.3)
        saved = self._saved_env
        self._saved_env = {}
        self.__enter__()
        self._saved_env = saved

    @contextmanager
    def record(self) -> Iterator[Capture]:
        """Record the virtual speaker's output (its monitor) for the duration of the block.

        parec is drained all the time: an undrained pipe loses audio after about 2 s."""
        capture = Capture(self.rate)
        command = ["parec", "-d", f"{SPEAKER}.monitor", "--format=s16le", f"--rate={self.rate}"]
        command += ["--channels=1", "--latency-msec=5", "--raw"]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert process.stdout is not None
        fd = process.stdout.fileno()
        first = threading.Event()

        def drain() -> None:
            while data := os.read(fd, 4096):
                capture.add(data, time.monotonic())
                first.set()

        reader = threading.Thread(target=drain, name="parec-drain", daemon=True)
        reader.start()
        first.wait(5)
        try:
            yield capture
        finally:
            time.sleep(0.05)  # the last few milliseconds still in flight
            process.terminate()
            process.wait(5)
            reader.join(5)

    def play_into_microphone(self, wav: Path, *, wait: bool = True) -> subprocess.Popen[bytes]:
        """Play a WAV file into the virtual microphone, as if someone spoke into it."""
        process = subprocess.Popen(
            ["paplay", "-d", MICROPHONE_FEED, str(wav)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if wait:
            process.wait(timeout=60)
        return process

    def unplug_devices(self) -> None:
        """Remove the virtual speaker and microphone, as when a USB headset is pulled out.
        (Both: with another device left, PulseAudio would move the streams there.)"""
        for line in self.pactl("list", "short", "modules").splitlines():
            if "module-null-sink" in line:
                self.pactl("unload-module", line.split()[0])

    def plug_devices_back(self) -> None:
        for sink in (SPEAKER, MICROPHONE_FEED):
            self.pactl("load-module", "module-null-sink", f"sink_name={sink}", f"rate={RATE}")
        self.pactl("set-default-sink", SPEAKER)
        self.pactl("set-default-source", f"{MICROPHONE_FEED}.monitor")

    def route_speaker_into_microphone(self) -> None:
        """Let the microphone hear the speaker (the kiosk must not obey its own voice)."""
        self._loopback_module = self.pactl(
            "load-module", "module-loopback", f"source={SPEAKER}.monitor",
            f"sink={MICROPHONE_FEED}", "latency_msec=20",
        )  # fmt: skip

    def unroute_speaker(self) -> None:
        if self._loopback_module:
            self.pactl("unload-module", self._loopback_module)
            self._loopback_module = None
