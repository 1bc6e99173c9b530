"""underthesea without its optional pipelines: the taggers work and torch is never imported."""

import subprocess
import sys

PROBE = """
import sys
from vectorstore.underthesea_lite import underthesea
u = underthesea()
tags = [t for _w, _p, _c, t in u.ner("Ông Lê Văn Ánh đến Chicago.")]
print("torch" in sys.modules, "transformers" in sys.modules, u.translate is None, "B-PER" in tags)
import underthesea.pipeline.translate  # still importable by name, on purpose
print(callable(underthesea.pipeline.translate.translate))
"""


def test_taggers_load_without_torch_and_the_skipped_pipelines_stay_importable():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    first, second = done.stdout.split("\n")[:2]
    assert first == "False False True True" and second == "True"


def test_a_second_call_returns_the_same_module():
    from vectorstore.underthesea_lite import underthesea

    assert underthesea() is underthesea()
