"""A folder of real recordings, labelled, as benchmark clips (`kiosk bench listen --recordings`).

The folder holds audio files in any format `kiosk listen` reads, and `labels.tsv`: one line a
file, its path relative to the folder, a tab, and what was said. When what was said is a
command phrase ("five", "goodbye") the clip must be heard as that command; anything else
("ten of clubs", "H", a cough written as "-") must not be accepted as any command. Lines
starting with # are comments. The first folder of each path names the clip's source, so the
report can say how each kind of recording fared.

These are recordings of people who agreed to share them (`scripts/fetch-recordings` gathers
public ones). Never put patients' voices here.
"""

from __future__ import annotations

import array
import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kiosk.bench.corpus import Clip
from kiosk.bench.corpus_audio import mix, trim
from kiosk.commands.phrases import Phrasebook
from kiosk.voice.audio import read_audio_file
from kiosk.voice.recognition import RATE

LABELS = "labels.tsv"
RECORDED = "recorded"  # the clips' condition


class RecordingsError(ValueError):
    """A labels file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Label:
    path: Path
    said: str
    line: int


def read_labels(folder: Path) -> list[Label]:
    labels_path = folder / LABELS
    try:
        text = labels_path.read_text(encoding="utf-8")
    except OSError as error:
        raise RecordingsError(f"{labels_path}: cannot be read: {error.strerror}") from None
    labels = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name, tab, said = line.partition("\t")
        if not tab or not name.strip():
            raise RecordingsError(f"{labels_path}:{number}: expected 'file<TAB>what was said'")
        labels.append(Label(folder / name.strip(), said.strip(), number))
    if not labels:
        raise RecordingsError(f"{labels_path}: lists no recordings")
    return labels


# Silence around a recording as a push of the talk key has it: listening starts before the person
# speaks and goes on after. Digital silence, the hardest case: no microphone gives exact zeros.
SILENCE_BEFORE_S = 0.3
SILENCE_AFTER_S = 0.5


def load_recordings(folder: Path, phrasebook: Phrasebook, *, pad: bool = False) -> list[Clip]:
    """The labelled recordings as clips: commands where what was said is a phrase.

    `pad` puts digital silence before and after each (files are often cut tight around speech).
    """
    clips = []
    for label in read_labels(folder):
        try:
            pcm = read_audio_file(label.path)
        except (OSError, ValueError) as error:
            raise RecordingsError(f"{folder / LABELS}:{label.line}: {error}") from None
        if pad:
            before = bytes(2 * round(SILENCE_BEFORE_S * RATE))
            pcm = before + pcm + bytes(2 * round(SILENCE_AFTER_S * RATE))
        expected = phrasebook.match(label.said) if label.said not in ("", "-") else None
        parts = label.path.relative_to(folder).parts
        source = parts[0] if len(parts) > 1 else folder.name
        clips.append(
            Clip(
                name=str(label.path.relative_to(folder)),
                text=label.said,
                expected=expected,
                kind="command" if expected is not None else "recorded_other",
                condition=RECORDED,
                voice=source,
                rate=0,
                pcm=pcm,
                speech_end_s=0.0,  # unknown: no latency from these
            )
        )
    return clips


# --- the recordings in generated noise (`--noise pink,brown,white --snr 10,5`) -----------------

NOISE_PEAK = 16000  # the generated noise's peak before mix() sets its level


@dataclass(frozen=True)
class Noisy:
    """A recording mixed with generated noise, or that noise alone, and the condition."""

    clip: Clip
    noise: str  # a kind of listen_corpus.noise_alone: "pink", "brown", "white", ...
    snr_db: int

    @property
    def condition(self) -> str:
        return f"{self.noise}_{self.snr_db}db"


def noise_samples(kind: str, length: int, seed: int) -> array.array[int]:
    """`length` samples of generated noise (`listen_corpus.noise_alone`), ready for mix()."""
    from kiosk.bench.listen_corpus import noise_alone

    samples = array.array("h")
    sound = np.round(noise_alone(kind, length / RATE, seed) * NOISE_PEAK)
    samples.frombytes(sound.astype(np.int16).tobytes())
    return samples


def in_noise(
    clips: Sequence[Clip],
    noises: Sequence[str],
    snrs: Sequence[int],
    *,
    seed: int = 0,
    others_every: int = 1,
) -> list[Noisy]:
    """Every command, and a seeded 1/`others_every` of the other recordings, with each noise
    under the whole clip at each SNR; and each command's noise alone at the level it had.

    The SNR is taken on the recording's active part (`trim`: its sound without the silence
    around it), as the corpus's babble is mixed (corpus_audio.mix). The noise is seeded by
    `seed`, the clip and the kind, the same stretch at every SNR: the same options give the
    same audio."""
    others = [i for i, c in enumerate(clips) if c.kind != "command"]
    chosen = set(random.Random(seed).sample(others, len(others) // max(1, others_every)))
    noisy: list[Noisy] = []
    for index, clip in enumerate(clips):
        if clip.kind != "command" and index not in chosen:
            continue
        speech = array.array("h")
        speech.frombytes(clip.pcm)
        active = trim(speech)
        if not active:
            continue  # silence: no level to set an SNR from
        silence = array.array("h", bytes(len(clip.pcm)))
        for number, kind in enumerate(noises):
            noise = noise_samples(kind, len(speech), (seed * 100_000 + index) * 100 + number)
            for snr in snrs:
                mixed = mix(speech, noise, snr, 0, active=active).tobytes()
                noisy.append(Noisy(_renamed(clip, kind, snr, mixed), kind, snr))
                if clip.kind == "command":
                    alone = mix(silence, noise, snr, 0, active=active).tobytes()
                    noisy.append(Noisy(_renamed(clip, kind, snr, alone, alone=True), kind, snr))
    return noisy


def _renamed(clip: Clip, kind: str, snr: int, pcm: bytes, *, alone: bool = False) -> Clip:
    condition = f"{kind} noise at {snr} dB"
    if alone:
        return dataclasses.replace(clip, name=f"{clip.name}: its {condition}, alone", text="",
                                   expected=None, kind="noise_alone", pcm=pcm)  # fmt: skip
    return dataclasses.replace(clip, name=f"{clip.name} in {condition}", pcm=pcm)
