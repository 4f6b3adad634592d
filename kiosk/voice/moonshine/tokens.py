"""Text to the model's token ids and back, with the vendor's own tokenizer (tokenizer.json)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

START = 1  # <s>: the decoder's first input
END = 2  # </s>


class Tokens:
    def __init__(self, tokenizer_json: Path) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer_json))

    def encode_all(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids as the model writes each text (no <s> or </s>)."""
        encoded = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [list(e.ids) for e in encoded]

    def decode(self, ids: Sequence[int]) -> str:
        return str(self._tokenizer.decode([i for i in ids if i > END])).strip()
