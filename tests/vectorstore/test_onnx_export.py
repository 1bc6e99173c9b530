"""The int8 step of the ONNX export, on a tiny graph shaped like the exporter's (no model needed).

The real export of EmbeddingGemma, checked against PyTorch, runs in ``qa models fetch`` (so in
``make test``) and in ``test_onnx_embedding.py``.
"""

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from vectorstore import onnx_export


def _scoped(node, scopes: str):
    """Note a module path on ``node`` as torch's exporter does."""
    entry = node.metadata_props.add()
    entry.key, entry.value = "pkg.torch.onnx.name_scopes", scopes
    return node


def _tiny_graph(path, *, weight_notes: bool = True) -> None:
    """x -> up (MatMul) -> down_proj (MatMul) -> dense (Gemm, transB): the three kinds of layer
    the export quantises or keeps, with the exporter's shape notes on the weights."""
    rng = np.random.default_rng(0)
    weights = {"up.weight": rng.normal(size=(8, 16)).astype(np.float32),
               "down.weight": rng.normal(size=(16, 8)).astype(np.float32),
               "dense.weight": rng.normal(size=(12, 8)).astype(np.float32)}  # Gemm with transB
    nodes = [_scoped(helper.make_node("MatMul", ["x", "up.weight"], ["h"], name="node_up"), "['', 'mlp', 'up_proj']"),
             _scoped(helper.make_node("MatMul", ["h", "down.weight"], ["d"], name="node_down"),
                     "['', 'mlp', 'down_proj']"),
             helper.make_node("Gemm", ["d", "dense.weight"], ["y"], name="node_dense", transB=1)]
    notes = [helper.make_tensor_value_info(name, TensorProto.FLOAT, list(value.shape)) for name, value in weights.items()]
    notes.append(helper.make_tensor_value_info("h", TensorProto.FLOAT, ["batch", 16]))
    graph = helper.make_graph(nodes, "tiny", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 12])],
                              [numpy_helper.from_array(value, name) for name, value in weights.items()],
                              value_info=notes if weight_notes else notes[-1:])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


def test_the_weights_shape_notes_are_dropped_and_the_others_kept(tmp_path):
    path = tmp_path / "model.onnx"
    _tiny_graph(path)
    assert onnx_export._drop_weight_shapes(path) == 3
    assert [info.name for info in onnx.load(str(path)).graph.value_info] == ["h"]
    assert onnx_export._drop_weight_shapes(path) == 0   # nothing left to drop: the file is not rewritten


def test_the_down_projection_is_found_by_its_module_path(tmp_path):
    path = tmp_path / "model.onnx"
    _tiny_graph(path)
    assert onnx_export._float_only_nodes(path) == ["node_down"]


@pytest.mark.parametrize("weight_notes", [True, False], ids=["exporter-notes-weights", "no-notes"])
def test_quantising_keeps_the_down_projection_float_and_the_outputs_close(tmp_path, weight_notes):
    source, target = tmp_path / "model.onnx", tmp_path / "model_int8.onnx"
    _tiny_graph(source, weight_notes=weight_notes)
    onnx_export._quantise(source, target)
    quantised = onnx.load(str(target))
    ops = {node.name: node.op_type for node in quantised.graph.node}
    assert ops["node_down"] == "MatMul"                          # kept float32
    assert "MatMulInteger" in ops.values() or "DynamicQuantizeMatMul" in ops.values()  # the others int8
    x = np.random.default_rng(1).normal(size=(4, 8)).astype(np.float32)
    run = lambda path: ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]
    exact, approx = run(source), run(target)
    cosine = np.sum(exact * approx, axis=1) / np.linalg.norm(exact, axis=1) / np.linalg.norm(approx, axis=1)
    assert cosine.min() > onnx_export.MIN_COSINE["int8"]  # the gate the real export must pass
