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

from dataclasses import dataclass
from pathlib import Path

from kiosk.bench.corpus import Clip
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
