"""``qa bench``: speed, memory and scale, measured side by side in one run.

The machines this runs on are noisy, so every figure that has a target is a *ratio* of two
things measured in the same run (the pipeline against the raw model, an answer against one
query embedding). Tooling beside the product: it uses :mod:`evals` for accuracy and charts
and drives the served :mod:`ui`; the answering core never imports it.

Suites (one module each): :mod:`~bench.indexing` (pipeline vs raw encoding),
:mod:`~bench.latency` (search and answer vs one query embedding), :mod:`~bench.serving`
(cold start, peak memory, ``qa serve`` under load), :mod:`~bench.options` (int8,
Matryoshka, threads: speed and quality) and :mod:`~bench.scaling` (the index grown to
100k chunks). :mod:`~bench.runner` runs the chosen suites and collects a ``BenchReport``;
:mod:`~bench.report` turns it into JSON, aligned tables, Markdown and SVG plots.
Helpers: :mod:`~bench.timing` (clocks, percentiles, RSS), :mod:`~bench.load` (many
concurrent chat clients), :mod:`~bench.synthetic` (a large corpus made from the real
articles) and :mod:`~bench.embed_cache` (embeddings of generated text kept on disk).
"""
