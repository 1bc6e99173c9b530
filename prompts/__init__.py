"""The answer and LLM templates (``answers.toml``, ``reader.toml``), shipped as package data.

This folder holds no code: it is a package only so that a built wheel carries the templates
and ``qa.prompts`` can read them with ``importlib.resources`` from a checkout and from an
installed wheel alike.
"""
