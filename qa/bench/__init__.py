"""``qa bench``: speed, memory and scale, measured side by side in one run.

The machines this runs on are noisy, so every figure that has a target is a *ratio* of two
things measured in the same run (the pipeline against the raw model, an answer against one
query embedding). Modules: :mod:`~qa.bench.timing` (clocks, percentiles, RSS),
:mod:`~qa.bench.synthetic` (a large corpus made from the real articles),
:mod:`~qa.bench.embed_cache` (embeddings of generated text kept on disk),
:mod:`~qa.bench.load` (many concurrent chat clients), :mod:`~qa.bench.suites` (the
measurements) and :mod:`~qa.bench.report` (tables, Markdown, SVG plots).
"""
