"""`kiosk listen`: run recordings through the kiosk's own pipeline, or test the microphone.

    kiosk listen --json a.wav b.wav     one JSON object per file
    kiosk listen                        live: print what the microphone hears (Ctrl+C ends)

Each file is one push of the talk key, heard as the kiosk would: a recording of its own (the
channel learnt from one file does not carry to the next), its room learnt from its own quieter
half first, as the kiosk knows its room before the key is pressed (a file may begin on the
word's first sound), and its first utterance that is not noise is the answer, sure or unsure,
as push-to-talk takes one answer and stops listening.
`ms` is the time from the end of speech (as the endpointer placed it) to the decision: the
audio the endpointer had to hear after the speech ended plus the computing time after that.
Nothing is recorded or written anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from kiosk.core.voice_events import Heard, ListenerEvent, VoiceAvailability


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk listen", description=__doc__.split("\n")[0])
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="recordings: WAV, AIFF, FLAC, Ogg, MP3 (anything sox reads)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per file")
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.files:
        return _live(args.content)
    from kiosk.content.problems import ContentError
    from kiosk.voice.audio import read_audio_file
    from kiosk.voice.factory import build_pipeline, load_sections
    from kiosk.voice.pipeline import decode_recording, push_to_talk_answer

    try:
        sections = load_sections(args.content)
    except ContentError as error:  # the phrases include the content's titles: none to hear
        print(f"kiosk listen: the content in {args.content} cannot be used (give the content "
              f"folder with --content):\n{error}", file=sys.stderr)  # fmt: skip
        return 2
    pipeline = build_pipeline(sections, args.content)
    if pipeline.recognizer_problem:  # stderr: --json lines on stdout stay one per file
        print(f"using the fallback recognizer: {pipeline.recognizer_problem}", file=sys.stderr)
    status = 0
    for path in args.files:
        try:
            pcm = read_audio_file(path)
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            print(f"{path}: cannot be read: {reason}", file=sys.stderr)
            if args.json:  # still one line per file, so a batch's lines match its files
                print(json.dumps(_unheard(path) | {"error": f"cannot be read: {reason}"}))
            status = 1
            continue
        results = decode_recording(pipeline, pcm)
        chosen = push_to_talk_answer(results)
        record = _unheard(path)
        if chosen is not None:
            waited = max(0.0, chosen.decided_at_s - chosen.speech_end_s)
            record.update(
                text=chosen.text,
                command=chosen.command.id.value if chosen.command else None,
                value=chosen.command.value if chosen.command else None,
                confidence=chosen.confidence,
                ms=round((waited + chosen.compute_s) * 1000, 1),
            )
        if args.json:
            print(json.dumps(record))
        else:
            understood = record["text"] or "nothing understood"
            print(f"{path}: {record['command'] or '-'} {record['value'] or ''} ({understood})")
    return status


def _unheard(path: Path) -> dict[str, object]:
    """The line for a file in which no command was heard."""
    return {"file": str(path), "text": "", "command": None, "value": None,
            "confidence": 0.0, "ms": None}  # fmt: skip


def _live(content_dir: Path) -> int:
    from kiosk.content.loader import load_content
    from kiosk.voice.listener import ProcessListener

    done = threading.Event()

    def show(event: ListenerEvent) -> None:
        if isinstance(event, Heard):
            what = str(event.command) if event.command else "-"
            print(f"{event.decision.value:7} {event.confidence:.2f} {what:20} {event.text}")
        elif isinstance(event, VoiceAvailability):
            if not event.available:
                print(f"not available: {event.reason}")
            else:
                print(f"microphone ready (recognizer: {event.recognizer})")
                if event.fallback:
                    print(f"using the fallback recognizer: {event.fallback}")
        sys.stdout.flush()

    listener = ProcessListener(content_dir, load_content(content_dir).sections)
    listener.start(show)
    listener.set_hands_free(True, "")
    print("Listening. Say a command; Ctrl+C ends.")
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
    return 0
