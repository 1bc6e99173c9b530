"""No test can reach the user's home, index or caches: the autouse fixture in conftest.py."""

import os
import subprocess
import sys
from pathlib import Path

from qa.settings import Settings
from tests.isolation import MODEL_CACHE, child_env


def test_settings_and_home_point_under_tmp_path(tmp_path):
    settings = Settings.load()
    for folder in (settings.data_dir, settings.cache_dir, settings.index_path, Path.home(),
                   Path(os.environ["XDG_CACHE_HOME"]), Path(os.environ["XDG_DATA_HOME"])):
        assert folder.is_relative_to(tmp_path), folder
    assert settings.cache_dir != MODEL_CACHE


def test_the_users_vnqa_settings_do_not_reach_a_test():
    assert not [k for k in os.environ if k.startswith("VNQA_") and k not in ("VNQA_DATA_DIR", "VNQA_CACHE_DIR")]


def test_a_child_process_is_confined_too_and_reuses_only_the_model_cache(tmp_path):
    script = "from qa.settings import Settings; s = Settings.load(); print(s.data_dir); print(s.cache_dir)"
    out = subprocess.run([sys.executable, "-c", script], env=child_env(tmp_path / "child", models=True),
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert Path(out[0]).is_relative_to(tmp_path) and Path(out[1]) == MODEL_CACHE
