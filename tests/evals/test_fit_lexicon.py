"""The pure parts of fitting the English -> Vietnamese lexicon (``evals.fit_lexicon``), on tiny
fakes; the shipped file is checked in ``tests/qa/test_lexicon.py``."""

import numpy as np

from evals.fit_lexicon import Fit, choose, count_terms, embed_cached, english_words, nearest, vietnamese_terms, write
from qa.lexicon import load_lexicon


def test_terms_are_counted_within_punctuation_free_stretches():
    counts = count_terms(["Mưa đá, mưa to. Mưa đá 2019!"])
    assert counts.unigrams["mưa"] == 3 and counts.bigrams["mưa đá"] == 2
    assert "đá mưa" not in counts.bigrams  # the comma parts them


def test_frequent_terms_are_kept_unless_their_folded_spelling_is_mostly_another_word():
    counts = count_terms(["của các " * 6 + "về về về về về vé mưa đá mưa đá"] * 3)
    kept = vietnamese_terms(counts, min_unigram=2, min_bigram=2, function_syllables=2, min_form_share=0.8)
    assert "mưa đá" in kept and "mưa" in kept
    assert "vé" not in kept and "về" in kept  # "ve" is mostly "về"
    assert "của" not in kept and "của các" not in kept  # function syllables, alone or paired


def test_english_words_skip_the_most_frequent_and_keep_plain_words():
    ranked = ["the", "of", "hail", "x", "don't", "court", "ok"]
    assert english_words(ranked, skip=2, n=5) == ["hail", "court"]


def test_nearest_rows_best_first():
    english = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    vietnamese = np.array([[0.6, 0.8], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    index, sims = nearest(english, vietnamese, k=2)
    assert index.tolist() == [[1, 0], [2, 0]] and np.allclose(sims[:, 0], 1.0)


def test_the_cut_off_is_where_the_glossary_is_best_recovered():
    lexicon = {"rotate": [("luân chuyển", 0.8), ("điều động", 0.6)], "cadres": [("cán bộ", 0.7), ("đảng viên", 0.66)]}
    fit = choose(lexicon, {"rotate": {"luan chuyen"}, "cadres": {"can bo"}}, thresholds=[0.5, 0.65, 0.75], ks=(1, 2))
    assert (fit.threshold, fit.k, fit.f1) == (0.5, 1, 1.0)


def test_embedding_resumes_from_saved_chunks(tmp_path):
    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.ones((len(texts), 2), dtype=np.float32)

    first = embed_cached(["a", "b", "c"], embed, tmp_path, model="m1", chunk=2, progress=False)
    again = embed_cached(["a", "b", "c"], embed, tmp_path, model="m1", chunk=2, progress=False)
    assert len(calls) == 2 and np.allclose(first, again) and np.allclose(np.linalg.norm(first, axis=1), 1.0)
    embed_cached(["a", "b", "c"], embed, tmp_path, model="m2", chunk=2, progress=False)
    assert len(calls) == 4  # another model's vectors are never reused
    assert not list(tmp_path.glob("*.partial.npy"))


def test_the_written_file_is_what_the_answerer_loads(tmp_path):
    path = tmp_path / "lexicon.tsv"
    n = write(path, {"hail": [("mưa đá", 0.7), ("mưa", 0.5)], "aaa": [("ea", 0.4)]}, Fit(0.6, 2, 0.5, 0.5, 0.5, 3), ["test"])
    assert n == 1 and load_lexicon(path).terms("hail") == ("mua da",) and load_lexicon(path).terms("aaa") == ()
