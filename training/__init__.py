"""Fitting vnqa's own reader: an extractive question-answering model (issue 28).

Tooling beside the product, never imported by it (like ``evals/`` and ``bench/``): it prepares
training examples from public QA sets and from the VietNews archive, fine-tunes a small encoder
with a start/end head and a no-answer option, and exports the int8 ONNX file that
:mod:`qa.reader` loads. ``python -m training.train_reader --help`` lists the steps.
"""
