"""The speedup suite: every variant indexes the same articles; pooled chunks embed fewer texts."""

from bench.speedup import measure_speedup
from evals.scoring import BUNDLED_FIXTURES, load_fixtures
from qa.assistant import Assistant
from qa.settings import BUNDLED_CORPUS, Settings
from tests.fakes import HashingEmbedder


def test_variants_index_the_same_articles_and_pooling_embeds_only_sentences(tmp_path, word_chunker):
    variants = {"chunks and sentences": ({}, {"chunk_vectors": "model"}),
                "pooled chunks": ({}, {"chunk_vectors": "sentences"})}
    fixtures = [f for f in load_fixtures([BUNDLED_FIXTURES]) if f.answerable][:4]
    said = []
    results = measure_speedup(Settings.load(data_dir=tmp_path / "data"), [BUNDLED_CORPUS], fixtures, tmp_path,
                              variants=variants, say=said.append,
                              assistant=lambda s: Assistant(s, embedder=HashingEmbedder(), chunker=word_chunker,
                                                            auto_index=False))
    full, pooled = results
    assert full.articles == pooled.articles == 5 and full.n_fixtures == 4
    assert pooled.texts < full.texts            # the chunks were not read a second time
    assert full.cpu_seconds > 0 and full.articles_per_cpu_s > 0
    assert all(0.0 <= r.hit_at_1 <= 1.0 and 0.0 <= r.answer_accuracy <= 1.0 for r in results)
    assert said == ["indexing speed: chunks and sentences…", "indexing speed: pooled chunks…"]
