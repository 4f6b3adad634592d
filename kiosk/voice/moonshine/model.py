"""The prepared Moonshine encoder and decoder, run by onnxruntime.

The decoder is stepped one token at a time for a batch of hypotheses that share one utterance;
each row keeps its own self-attention cache, and all rows read the same encoder output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kiosk.voice.moonshine.files import ModelFiles
from kiosk.voice.moonshine.tokens import START

Floats = npt.NDArray[np.float32]
Feeds = dict[str, npt.NDArray[np.generic]]  # a session's inputs by name


@dataclass
class DecoderState:
    """The caches after some steps, one row per hypothesis."""

    self_cache: list[Floats]  # per layer: key, value, ... shaped (rows, heads, steps, dim)
    cross_cache: list[Floats]  # per layer: key, value of the encoder output, one row

    @property
    def rows(self) -> int:
        return int(self.self_cache[0].shape[0])

    def take(self, rows: npt.NDArray[np.intp]) -> DecoderState:
        return DecoderState([c[rows] for c in self.self_cache], self.cross_cache)


def _log_softmax(logits: Floats) -> Floats:
    top = logits.max(axis=-1, keepdims=True)
    shifted = logits - top
    result: Floats = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return result


class MoonshineModel:
    def __init__(self, files: ModelFiles, threads: int = 2) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # warnings would go to fd 2, which is the log anyway
        # No busy-waiting between runs: the speech worker needs those cycles while the kiosk
        # talks and listens at once (hands-free), and idle listening stays near zero.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        providers = ["CPUExecutionProvider"]
        # Any: onnxruntime ships no type hints (its sessions stay inside this class).
        self._encoder: Any = onnxruntime.InferenceSession(
            str(files.encoder), options, providers=providers
        )
        self._decoder: Any = onnxruntime.InferenceSession(
            str(files.decoder), options, providers=providers
        )
        inputs = [i.name for i in self._decoder.get_inputs()]
        self._self_names = [
            n for n in inputs if n.startswith("past_key_values") and ".decoder." in n
        ]
        self._cross_names = [
            n for n in inputs if n.startswith("past_key_values") and ".encoder." in n
        ]
        outputs = [o.name for o in self._decoder.get_outputs()]
        self._self_out = [
            outputs.index(n.replace("past_key_values", "present")) for n in self._self_names
        ]
        self._cross_out = [
            outputs.index(n.replace("past_key_values", "present")) for n in self._cross_names
        ]
        first = self._decoder.get_inputs()[inputs.index(self._self_names[0])]
        self._heads, self._dim = int(first.shape[1]), int(first.shape[3])
        self._tiled: dict[int, list[Floats]] = {}

    def encode(self, audio: Floats) -> Floats:
        """Float samples in [-1, 1] at 16 kHz -> the encoder's output for one utterance."""
        hidden: Floats = self._encoder.run(None, {"input_values": audio[None, :]})[0]
        return hidden

    def start(self, hidden: Floats) -> tuple[Floats, DecoderState]:
        """The first step (<s>): log-probabilities of the first token, and the caches."""
        empty = np.zeros((1, self._heads, 0, self._dim), np.float32)
        feeds: Feeds = {n: empty for n in (*self._self_names, *self._cross_names)}
        feeds.update(
            input_ids=np.array([[START]], np.int64),
            encoder_hidden_states=hidden,
            use_cache_branch=np.array([False]),
        )
        out = self._decoder.run(None, feeds)
        self._hidden = hidden
        self._tiled = {}
        state = DecoderState([out[i] for i in self._self_out], [out[i] for i in self._cross_out])
        return _log_softmax(out[0][:, -1, :]), state

    def step(
        self, tokens: npt.NDArray[np.int64], state: DecoderState
    ) -> tuple[Floats, DecoderState]:
        """Feed one token per row; log-probabilities of each row's next token."""
        rows = len(tokens)
        cross = self._tiled.get(rows)
        if cross is None:
            cross = [
                np.ascontiguousarray(np.broadcast_to(c, (rows, *c.shape[1:])))
                for c in state.cross_cache
            ]
            self._tiled[rows] = cross
        feeds: Feeds = dict(zip(self._self_names, state.self_cache, strict=True))
        feeds.update(zip(self._cross_names, cross, strict=True))
        feeds.update(
            input_ids=tokens.reshape(rows, 1),
            encoder_hidden_states=np.broadcast_to(self._hidden, (rows, *self._hidden.shape[1:])),
            use_cache_branch=np.array([True]),
        )
        out = self._decoder.run(None, feeds)
        return _log_softmax(out[0][:, -1, :]), DecoderState(
            [out[i] for i in self._self_out], state.cross_cache
        )
