"""Export EmbeddingGemma to ONNX once, quantise it to int8, and prove both match PyTorch.

Why: on 2 CPU cores the embedding model is the whole cost of indexing. ONNX Runtime runs the
same graph 1.5x faster than PyTorch with identical vectors, and its per-channel int8 weights
3-3.5x faster with vectors at cosine ~0.98 of PyTorch's - far closer than torch's own
per-tensor dynamic int8 (~0.92), which is what cost that option its retrieval quality
(docs/BENCHMARKS.md, "Indexing speed").

The exported graph is the whole sentence-transformers pipeline (transformer, mean pooling,
both dense layers), so the runtime needs only a tokenizer and ONNX Runtime: no torch at
question time. Export needs torch, ``onnx`` and ``onnxscript``; it runs at ``qa models
fetch`` and is skipped when a matching stamp exists. Every export is checked against the
PyTorch vectors of a fixed probe set before it is kept: a graph that drifts is refused.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from vectorstore.errors import ModelCorrupt, ModelMissing

FP32_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
STAMP = "export.json"
EXPORT_VERSION = 1  # bump when the exported graph changes
# Lowest cosine to the PyTorch vector any probe may have: a guard against a broken graph (which
# lands far below), not a quality measure - `qa bench --suite runtimes` measures retrieval and
# answers. fp32 is the same computation (measured 1.0000 on every probe); int8 measured 0.949
# (a short Vietnamese question) to 0.980 on the probes, 0.968 at worst on 351 real news texts.
MIN_COSINE = {"fp32": 0.999, "int8": 0.9}
# Probe texts: Vietnamese and English, short and long, with the prompts the index uses.
PROBES = (
    "task: search result | query: how many cadres did Hà Nội rotate?",
    "task: search result | query: Ai là Bí thư Thành ủy Móng Cái?",
    "title: Hà Nội luân chuyển cán bộ | text: Thành phố đã luân chuyển 137 cán bộ trong năm 2017.",
    "title: none | text: Tòa án nhân dân TP HCM tuyên phạt bị cáo 12 năm tù về tội lừa đảo chiếm đoạt tài sản, "
    "buộc bồi thường 3,2 tỷ đồng cho các bị hại.",
    "title: Bão số 10 | text: " + "Cơn bão mạnh cấp 12, giật cấp 15, đổ bộ vào các tỉnh miền Trung. " * 12,
    "title: World | text: Apple's chief executive Tim Cook met officials in Washington on Tuesday.",
)


@dataclass(frozen=True)
class ExportStamp:
    """What was exported and how closely it matched PyTorch; stored beside the graphs."""

    version: int
    source: str            # the pinned sha256 of the PyTorch weights it was exported from
    min_cosine: dict[str, float]
    seconds: float


def onnx_dir(model_dir: Path) -> Path:
    """Where the exported graphs of ``model_dir`` live (a sibling: the model folder itself is
    hash-verified file by file and must hold only the pinned files)."""
    return model_dir.with_name(model_dir.name + "-onnx")


def read_stamp(folder: Path) -> ExportStamp | None:
    try:
        data = json.loads((folder / STAMP).read_text())
        return ExportStamp(**data)
    except (OSError, ValueError, TypeError):
        return None


def is_exported(model_dir: Path, source: str) -> bool:
    """True when both graphs exist and were exported (and checked) from these weights."""
    folder = onnx_dir(model_dir)
    stamp = read_stamp(folder)
    return (stamp is not None and stamp.version == EXPORT_VERSION and stamp.source == source
            and (folder / FP32_FILE).is_file() and (folder / INT8_FILE).is_file())


def require_exported(model_dir: Path, source: str) -> Path:
    """The folder of checked graphs, or :class:`ModelMissing` saying how to make them."""
    if not is_exported(model_dir, source):
        raise ModelMissing(f"the ONNX export of {model_dir.name} is missing or stale in {onnx_dir(model_dir)}; "
                           "run `qa models fetch` (it exports once, ~2 min), or set VNQA_EMBEDDING__RUNTIME=torch")
    return onnx_dir(model_dir)


def export(model_dir: Path, source: str, *, say=print) -> ExportStamp:
    """Export, quantise and check; atomic (a staging folder renamed into place at the end)."""
    from sentence_transformers import SentenceTransformer

    started = time.perf_counter()
    target = onnx_dir(model_dir)
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True).eval()
    say(f"exporting {model_dir.name} to ONNX…")
    _export_graph(model, staging / FP32_FILE)
    say("quantising to int8 (per-channel weights)…")
    _quantise(staging / FP32_FILE, staging / INT8_FILE)
    reference = model.encode(list(PROBES), normalize_embeddings=True, convert_to_numpy=True)
    del model
    from vectorstore.onnx_embedding import OnnxSession

    tokenizer_file = model_dir / "tokenizer.json"
    found = {}
    for kind, name in (("fp32", FP32_FILE), ("int8", INT8_FILE)):
        vectors = OnnxSession(staging / name, tokenizer_file).encode(list(PROBES))
        found[kind] = float(np.min(np.sum(vectors * reference, axis=1)))
        if found[kind] < MIN_COSINE[kind]:
            shutil.rmtree(staging, ignore_errors=True)
            raise ModelCorrupt(f"the {kind} ONNX export of {model_dir.name} does not reproduce the PyTorch vectors "
                               f"(lowest cosine {found[kind]:.4f}, need {MIN_COSINE[kind]}); "
                               "report it, and use VNQA_EMBEDDING__RUNTIME=torch meanwhile")
    stamp = ExportStamp(EXPORT_VERSION, source, {k: round(v, 5) for k, v in found.items()},
                        round(time.perf_counter() - started, 1))
    (staging / STAMP).write_text(json.dumps(asdict(stamp), indent=1))
    shutil.rmtree(target, ignore_errors=True)
    staging.replace(target)
    return stamp


def _export_graph(model, path: Path) -> None:
    """The whole pipeline as one graph: token ids and mask in, the pooled 768-d vector out."""
    import torch

    class Pipeline(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner({"input_ids": input_ids, "attention_mask": attention_mask})["sentence_embedding"]

    import logging
    import warnings

    # the exporter logs every torchvision op it cannot register and warns about axis names:
    # noise about its own internals, not about this model
    logging.getLogger("torch.onnx").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"torch\.onnx.*")
    # three texts of different lengths, so neither axis is specialised to a constant
    sample = model.tokenizer(list(PROBES[:3]), padding=True, return_tensors="pt")
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence")
    with torch.no_grad():
        torch.onnx.export(
            Pipeline(model).eval(), (sample["input_ids"], sample["attention_mask"]), str(path),
            input_names=["input_ids", "attention_mask"], output_names=["sentence_vector"],
            dynamic_shapes={"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}},
            dynamo=True, external_data=True, verbose=False,
        )


def _drop_weight_shapes(path: Path) -> int:
    """Remove the shape notes the exporter writes for the weights themselves; returns how many.

    The quantiser turns each ``Gemm`` into a ``MatMul`` by transposing its weight, and a note
    still giving the weight's old shape then contradicts the new one: ONNX Runtime 1.31 stops
    ("Inferred shape and existing shape differ"), 1.32 goes on and writes an int8 graph whose
    vectors are wrong (cosine 0.75). A weight's shape is in the weight, so the note adds nothing.
    Newer exporters (seen with the registry's packages of 2026-12-07) write these notes; older
    ones did not, and then nothing is removed.
    """
    import onnx

    graph = onnx.load(str(path), load_external_data=False)  # the weights stay in their data file
    weights = {tensor.name for tensor in graph.graph.initializer}
    kept = [info for info in graph.graph.value_info if info.name not in weights]
    dropped = len(graph.graph.value_info) - len(kept)
    if dropped:
        del graph.graph.value_info[:]
        graph.graph.value_info.extend(kept)
        onnx.save(graph, str(path))
    return dropped


# Layers whose inputs quantise badly, by the module name the exporter records for each node.
# The MLP's down-projection reads the gated product, whose few huge values (Gemma's activation
# outliers) swamp an 8-bit scale for the whole batch: quantised, it alone brought the probes'
# lowest cosine to 0.64 (every other projection alone stays >= 0.96; all but it: 0.94).
FLOAT_ONLY_MODULES = ("down_proj",)


def _float_only_nodes(path: Path) -> list[str]:
    """The nodes of :data:`FLOAT_ONLY_MODULES`, found by the module path the exporter notes on
    each node (``pkg.torch.onnx.name_scopes``); none where it notes nothing, and then the cosine
    check in :func:`export` still guards the result."""
    import onnx

    graph = onnx.load(str(path), load_external_data=False)
    found = []
    for node in graph.graph.node:
        scopes = next((prop.value for prop in node.metadata_props if prop.key == "pkg.torch.onnx.name_scopes"), "")
        if any(module in scopes for module in FLOAT_ONLY_MODULES):
            found.append(node.name)
    return found


def _quantise(source: Path, target: Path) -> None:
    """Dynamic int8: weights per output channel (what keeps the vectors close), activations
    scaled per batch at run time, so no calibration data is needed; the layers of
    :data:`FLOAT_ONLY_MODULES` stay float32."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    _drop_weight_shapes(source)
    keep_float = _float_only_nodes(source)

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # it logs a "consider pre-processing" hint on the root logger
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         use_external_data_format=True, nodes_to_exclude=keep_float)
    finally:
        root.setLevel(level)
