"""The domain vocabulary as data (``qa/data/domain.toml``), and the engine without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import Assistant, Settings
from qa.domain import Domain, active_domain, load_domain, use_domain
from qa.errors import ConfigError
from qa.gazetteer import find_places, mentions_place
from qa.glossary import expand_english
from qa.question import analyse
from qa.units import counting_nouns, unit_pattern, asked_unit, unit_class, unit_in_english, unit_matches


@pytest.fixture(autouse=True)
def packaged_domain_afterwards():
    """Whatever a test switches to, the next test sees the packaged vocabulary again."""
    yield
    use_domain(None)


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.toml"
    path.write_text("", encoding="utf-8")
    return path


def test_the_packaged_file_loads_with_the_known_entries():
    domain = load_domain()
    assert "Hanoi" in domain.places["Hà Nội"] and "Saigon" in domain.places["TP HCM"]
    assert "Vinh" in domain.exact_only and "Hà Nội" not in domain.exact_only
    assert "Nhật Bản" in domain.stands_for["Tokyo"] and "Nhật" not in domain.stands_for["Tokyo"]
    assert domain.counting_nouns["cán bộ"] == ("people", "cadres")
    assert domain.counting_nouns["người"] == ("people", None)
    assert domain.english_units["nominees"] == "people"
    assert domain.glossary["rotate"] == ("luan chuyen",)
    assert active_domain() == domain


def test_the_packaged_glossary_sides_are_folded_and_its_english_lower_case():
    from vectorstore.text import fold_diacritics

    for en, terms in load_domain().glossary.items():
        assert en == en.lower() and all(t == fold_diacritics(t) for t in terms), en


def test_strings_are_read_as_nfc(tmp_path):
    path = tmp_path / "d.toml"
    decomposed = "Ha\u0300 No\u0323\u0302i"  # "Hà Nội" in NFD
    path.write_text(f'[gazetteer.places]\n"{decomposed}" = ["Hanoi"]\n[counting_nouns]\n"ca\u0301n bo\u0323\u0302" = '
                    '{ class = "people" }\n', encoding="utf-8")
    domain = load_domain(path)
    assert list(domain.places) == ["Hà Nội"] and list(domain.counting_nouns) == ["cán bộ"]
    assert domain.counting_nouns["cán bộ"] == ("people", None)


def test_an_empty_file_is_the_empty_domain(empty_file):
    assert load_domain(empty_file) == Domain.empty()


@pytest.mark.parametrize("text, complaint", [
    ("[glossary\nrotate = 1", "is not valid TOML"),
    ('[glossary]\nrotate = ["luan chuyen"]\nrotate = ["dieu dong"]\n', "is not valid TOML"),  # a key written twice
    ("[placse]\n", "unknown section"),
    ('[glossary]\nrotate = "luan chuyen"\n', "[glossary] 'rotate' must be a list of strings"),
    ('[gazetteer]\nexact_only = "Vinh"\n', "[gazetteer] exact_only must be a list of strings"),
    ('[gazetteer]\nexactonly = ["Vinh"]\n', "unknown key(s) exactonly in [gazetteer]"),
    ('[counting_nouns]\n"cán bộ" = ["people", "cadres"]\n', "[counting_nouns] 'cán bộ' must be"),
    ('[counting_nouns]\n"cán bộ" = { class = "people", englsh = "cadres" }\n', "[counting_nouns] 'cán bộ' must be"),
    ('[english_units]\ncadres = ""\n', "[english_units] 'cadres' must be a non-empty string"),
])
def test_a_malformed_file_is_a_config_error_naming_the_file(tmp_path, text, complaint):
    path = tmp_path / "domain.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_domain(path)
    message = str(caught.value)
    assert str(path) in message and complaint in message and "answer.domain_file" in message


def test_a_missing_file_is_a_config_error_and_leaves_the_vocabulary_in_use(tmp_path):
    before = active_domain()
    with pytest.raises(ConfigError, match=f"cannot read the domain vocabulary file {tmp_path / 'nope.toml'}"):
        use_domain(tmp_path / "nope.toml")
    assert active_domain() is before and find_places("Hà Nội")


def _recognised() -> tuple:
    return (find_places("Hà Nội luân chuyển"), mentions_place("Thành ủy Ha Noi", "Hà Nội"), unit_in_english("cán bộ"),
            unit_class("can bo di hoc"), expand_english("how many cadres"), asked_unit("How many cadres were rotated?"),
            dict(counting_nouns()), unit_pattern().match(" 137 cán bộ", 4))


def test_the_engine_works_without_domain_vocabulary(empty_file):
    assert find_places("Hà Nội luân chuyển")  # filled the caches with the packaged vocabulary
    assert mentions_place("Thành ủy Ha Noi", "Hà Nội") and unit_pattern().match(" 137 cán bộ", 4)

    assert use_domain(empty_file) == Domain.empty() == active_domain()
    assert _recognised() == ([], False, None, None, [], None, {}, None)
    assert find_places("Ha Noi va TP.HCM", accent_insensitive=True) == []
    assert asked_unit("Móng Cái luân chuyển bao nhiêu cán bộ?") == "=can"  # the literal noun, as for any unknown one
    assert asked_unit("Tỷ lệ tái cử là bao nhiêu?") is None
    assert unit_matches("=can", "can bo") is True and unit_matches("people", "can bo") is None
    question = analyse("How many cadres did Hanoi rotate in 2019?")  # the analysis runs through, knowing less
    assert question.unit is None and question.years == ("2019",)

    use_domain(None)
    found, mentioned, english, cls, terms, asked, nouns, unit = _recognised()
    assert [p.name for p in found] == ["Hà Nội"] and mentioned and english == "cadres" and cls == "people"
    assert terms == ["can bo"] and asked == "people" and nouns["cán bộ"] == ("people", "cadres")
    assert unit.group(1) == "cán bộ"


def test_the_setting_switches_the_vocabulary_for_an_assistant(tmp_path, empty_file, fake_embedder, word_chunker):
    Assistant(Settings.load(data_dir=tmp_path, answer={"domain_file": empty_file}), embedder=fake_embedder,
              chunker=word_chunker)
    assert active_domain() == Domain.empty() and find_places("Hà Nội") == []
    Assistant(Settings.load(data_dir=tmp_path), embedder=fake_embedder, chunker=word_chunker)
    assert active_domain() is load_domain() and find_places("Hà Nội")


def test_the_setting_comes_from_the_environment(monkeypatch, empty_file):
    monkeypatch.setenv("VNQA_ANSWER__DOMAIN_FILE", str(empty_file))
    assert Settings.load().answer.domain_file == empty_file


def test_a_bad_domain_file_stops_the_assistant_with_a_config_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[glossary]\nrotate = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml is malformed"):
        Assistant(Settings.load(data_dir=tmp_path, answer={"domain_file": bad}))


def test_an_assistant_answers_with_the_vocabulary_off(tmp_path, empty_file, fake_embedder, word_chunker):
    bot = Assistant(Settings.load(data_dir=tmp_path, answer={"domain_file": empty_file}), embedder=fake_embedder,
                    chunker=word_chunker)
    for question in ("Năm 2019, TP Móng Cái đã luân chuyển, điều động bao nhiêu lượt cán bộ?",
                     "How many cadres did Hanoi rotate?"):
        answer = bot.ask(question)
        assert isinstance(answer.text, str) and isinstance(answer.abstained, bool)
        assert answer.abstained or answer.citations
