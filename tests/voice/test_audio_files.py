"""`kiosk listen` reads the recordings people actually make, and says which it cannot."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kiosk.bench import corpus
from kiosk.cli.listen import main
from kiosk.voice.audio import UnreadableAudio, read_audio_file
from kiosk.voice.recognition import RATE
from tests.support.paths import CONTENT
from tests.voice.conftest import needs_audio_tools

pytestmark = needs_audio_tools()

# sox output options: formats SpeechRecognition's AudioFile refuses (extensible, float, mu-law,
# Vorbis) and two it reads itself.
FORMATS = {
    "wav24_stereo_48k.wav": ["-r", "48000", "-c", "2", "-b", "24"],
    "float_44k.wav": ["-r", "44100", "-e", "floating-point", "-b", "32"],
    "mulaw_8k.wav": ["-r", "8000", "-e", "u-law"],
    "vorbis.ogg": ["-r", "44100"],
    "plain_22k.wav": ["-r", "22050", "-b", "16"],
    "flac_16k.flac": ["-r", "16000"],
}


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One second and a half of eSpeak saying "next", as a 16 kHz WAV."""
    path = tmp_path_factory.mktemp("speech") / "next.wav"
    speech = corpus.pad(corpus.normalise_level(corpus.synthesize("next", "en-us", 160)), 0.4, 0.6)
    corpus.write_wav(path, speech.tobytes())
    return path


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_reads_common_recording_formats_as_16khz_mono(
    spoken: Path, tmp_path: Path, name: str
) -> None:
    converted = tmp_path / name
    subprocess.run(["sox", "-q", str(spoken), *FORMATS[name], str(converted)], check=True)
    original = read_audio_file(spoken)
    pcm = read_audio_file(converted)
    # Same duration within a few milliseconds of resampling slack, as 16-bit mono samples.
    assert abs(len(pcm) - len(original)) <= RATE * 2 * 0.005
    assert max(abs(s) for s in memoryview(pcm).cast("h")) > 3000  # the speech is there


def test_a_file_that_is_not_audio_names_the_reason(tmp_path: Path) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("not a recording")
    with pytest.raises(UnreadableAudio, match="not a recording this machine can decode"):
        read_audio_file(text)


def test_listen_prints_a_line_for_every_file_even_unreadable_ones(
    spoken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    converted = tmp_path / "next.ogg"
    subprocess.run(["sox", "-q", str(spoken), str(converted)], check=True)
    missing = tmp_path / "missing.wav"
    files = [str(spoken), str(converted), str(missing)]
    status = main(["--json", "--content", str(CONTENT), *files])
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert status == 1  # a file could not be read
    assert [line["file"] for line in lines] == files
    assert "error" not in lines[1] and lines[1]["text"] == lines[0]["text"]  # Vorbis as WAV
    assert lines[2]["command"] is None and "No such file" in lines[2]["error"]
    assert "missing.wav: cannot be read" in captured.err


def test_listen_without_its_content_says_so_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--json", "--content", str(tmp_path / "nowhere"), "any.wav"])
    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    assert "cannot be used (give the content folder with --content)" in captured.err
    assert "does not exist" in captured.err and "Traceback" not in captured.err


def test_a_files_result_does_not_depend_on_the_files_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target, other = tmp_path / "read_all.wav", tmp_path / "other.wav"
    speech = corpus.normalise_level(corpus.synthesize("read all", "en-us", 160))
    corpus.write_wav(target, corpus.pad(speech, 0.4, 0.6).tobytes())
    # Another recording first, far quieter and by another voice: its channel must not carry over
    # (it did: "read all" alone 0.93, after this one 0.82).
    speech = corpus.synthesize("what time does the clinic open today", "en+f3", 130)
    corpus.write_wav(other, corpus.pad(corpus.normalise_level(speech, -40.0), 0.3, 0.5).tobytes())
    main(["--json", "--content", str(CONTENT), str(target)])
    alone = json.loads(capsys.readouterr().out)
    main(["--json", "--content", str(CONTENT), str(other), str(target)])
    after_other = json.loads(capsys.readouterr().out.splitlines()[1])
    assert alone["command"] == "read"
    assert (after_other["text"], after_other["confidence"]) == (alone["text"], alone["confidence"])
