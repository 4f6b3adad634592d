"""Where the prepared Moonshine model lives, what it must contain, and the check made at load.

The folder is fixed: `share/kiosk/moonshine-base-en` inside the kiosk's Python environment
(`/opt/kiosk/.venv/...` on a deployed kiosk). `scripts/setup` writes it as root from the wheel
installed in that same environment; the kiosk's own user only reads it, and never prepares it.
Every file is checked against the hash recorded here, so a truncated, altered or half-written
model is refused with one clear sentence instead of misbehaving.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

MODEL_NAME = "moonshine-base-en"
MODEL_DIR = Path(sys.prefix) / "share" / "kiosk" / MODEL_NAME

ENCODER = "encoder.onnx"
DECODER = "decoder.onnx"
TOKENIZER = "tokenizer.json"

# What the converted files hash to (prepare.py makes them; the conversion is deterministic for
# the pinned onnx and onnxruntime). A change of either pin means preparing again and updating.
PREPARED_SHA256 = {
    ENCODER: "f073885d24ace93e7d10cb9a54810c7f505176093a729ef456135ee2899d0a93",
    DECODER: "27213dd59f4f34f1e116c63a122c30938aba6c3e85fe294c5a86f534e0960bec",
    TOKENIZER: "b68b995a58b3373db6c4f46864a9db50cd1333d086150ffa2c1096581ede9c10",
}

# The sources, as the pinned wheels ship them.
SOURCE_SHA256 = {
    "encoder_model.ort": "9d1a19e044cbf89a207723d1adb667de89a5671a1e3e611b8ebe721b2c31219c",
    "decoder_model_merged.ort": "370e0c1f161d68dc1c2264c1a82024fb123380da3b73f47f05531d1e8d3308c3",
    "tokenizer.json": "b68b995a58b3373db6c4f46864a9db50cd1333d086150ffa2c1096581ede9c10",
}


class ModelProblem(Exception):
    """The model cannot be used; the message is one plain sentence for staff."""


@dataclass(frozen=True)
class ModelFiles:
    folder: Path

    @property
    def encoder(self) -> Path:
        return self.folder / ENCODER

    @property
    def decoder(self) -> Path:
        return self.folder / DECODER

    @property
    def tokenizer(self) -> Path:
        return self.folder / TOKENIZER


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_hashes(folder: Path, expected: dict[str, str], what: str) -> None:
    """Raise ModelProblem unless every expected file is in `folder` with its known hash."""
    for name, wanted in expected.items():
        path = folder / name
        if not path.is_file():
            raise ModelProblem(f"The {what} is missing {name} ({folder}).")
        if sha256(path) != wanted:
            raise ModelProblem(
                f"The {what} file {path} is damaged or not the expected version "
                "(its checksum is wrong)."
            )


def verified(folder: Path = MODEL_DIR) -> ModelFiles:
    """The prepared model in `folder`, checked; ModelProblem says what is wrong."""
    if not folder.is_dir():
        raise ModelProblem(
            f"The voice model has not been prepared ({folder} is missing): run scripts/setup."
        )
    check_hashes(folder, PREPARED_SHA256, "voice model")
    return ModelFiles(folder)
