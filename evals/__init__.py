"""Measuring the answers: Q&A fixtures, scoring, reports and charts (``qa eval``).

Tooling beside the product, not in it: it drives the public API (``qa.Assistant``) and the
retrievers from outside and scores what comes back. The answering core (``qa``,
``vectorstore``, ``ui``) never imports it; only the CLI's ``eval`` and ``bench`` commands do,
lazily. Modules: :mod:`~evals.scoring` (fixtures, correctness, accuracy and retrieval
figures), :mod:`~evals.reporting` (terminal tables and the Markdown report) and
:mod:`~evals.charts` (dependency-free SVG charts, also used by ``bench``). The bundled
fixtures are package data under ``evals/fixtures``.
"""
