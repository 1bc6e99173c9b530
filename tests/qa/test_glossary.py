"""The English -> Vietnamese glossary."""

import ast
import inspect

import qa.glossary
from qa.glossary import expand_english


def test_longest_phrase_wins():
    assert expand_english("city party committee") == ["thanh uy"]


def test_no_key_is_written_twice():
    """A repeated key in a dict literal silently replaces the first entry."""
    tree = ast.parse(inspect.getsource(qa.glossary))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
