import pytest

from qa.errors import ConfigError
from qa.prompts import Template, cannot_answer, load_templates, template


def test_every_template_has_both_languages_and_declared_variables():
    for name, tpl in load_templates().items():
        assert set(tpl.texts) == {"vi", "en"}, name


def test_render_fails_loudly_on_missing_or_extra_variables():
    with pytest.raises(ConfigError, match="missing"):
        template("span_answer").render("en", span="137")
    with pytest.raises(ConfigError, match="unexpected"):
        template("cannot_answer").render("vi", what="x")


def test_undeclared_placeholder_is_rejected_at_load():
    with pytest.raises(ConfigError, match="declares"):
        Template("bad", ("a",), {"vi": "{a} {b}"})


def test_sentinel_in_both_languages():
    assert cannot_answer("en").startswith("The articles do not")
    assert "không" in cannot_answer("vi")


def test_templates_are_read_from_the_prompts_package_not_a_repository_path():
    from importlib.resources import files

    assert files("prompts").joinpath("answers.toml").is_file()
    assert files("prompts").joinpath("reader.toml").is_file()
    assert "cannot_answer" in load_templates("answers.toml")


def test_a_missing_prompt_file_is_named_in_the_error():
    with pytest.raises(ConfigError, match=r"prompts/nonexistent\.toml"):
        load_templates("nonexistent.toml")
