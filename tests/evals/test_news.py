"""The real-news sample and its fixtures: drawn reproducibly, split by article, every answer in its article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.news import NewsArticle, distractors, draw_sample, export, export_round, fixture_articles, read_corpus

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpora" / "vietnews-val.tgz"
NEWS_FIXTURES = REPO / "evals" / "fixtures" / "news"
ROUNDS = REPO / "evals" / "fixtures" / "rounds"
KINDS = {"person", "place", "organisation", "number", "money", "percent", "date", "duration", "reason", "phrase",
         "unanswerable"}


def test_the_sample_is_reproducible_and_split_by_article():
    articles = [NewsArticle(f"vn_val_{i:06d}", "x" * (1200 + i % 5000)) for i in range(3000)]
    first, again = draw_sample(articles, size=40), draw_sample(articles, size=40)
    assert first == again and len(first.tuning) == 28 and len(first.heldout) == 12
    assert not set(first.tuning) & set(first.heldout)
    assert draw_sample(articles, size=40, seed=17) != first


def test_distractors_are_other_articles_and_export_writes_them(tmp_path):
    articles = [NewsArticle(f"vn_val_{i:06d}", f"bài {i} " * 300) for i in range(500)]
    sample = draw_sample(articles, size=20)
    others = distractors(articles, sample, 50)
    assert len(set(others)) == 50 and not set(others) & {*sample.tuning, *sample.heldout}
    assert export(articles, [*sample.tuning, *others], tmp_path / "out") == 64
    assert (tmp_path / "out" / f"{others[0]}.txt").read_text(encoding="utf-8").startswith("bài ")
    # a round's own articles are no distractors for it
    mine = distractors(articles, sample, 1000, also=others)  # all that are left
    assert not set(mine) & set(others) and len(mine) == 500 - 20 - 50


def test_a_rounds_articles_are_its_questions_docs_and_near_ids_once(tmp_path):
    path = tmp_path / "r.jsonl"
    rows = [{"id": "a", "question": "Q?", "docs": ["vn_val_000002", "vn_val_000001"]},
            {"id": "b", "question": "Q?", "docs": [], "near": ["vn_val_000002"]},
            {"id": "c", "question": "Q?", "docs": ["vn_val_000003"]}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    assert fixture_articles([path]) == ["vn_val_000002", "vn_val_000001", "vn_val_000003"]


def _fixtures() -> list[dict]:
    return [json.loads(line) for f in sorted(NEWS_FIXTURES.glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not CORPUS.is_file(), reason=f"the shared news corpus is not at {CORPUS}")
def test_news_fixtures_answer_from_their_article_and_keep_the_frozen_split():
    fixtures = _fixtures()
    if not fixtures:
        pytest.skip("no news fixtures yet")
    articles = {a.doc_id: a.text for a in read_corpus(CORPUS)}
    sample = draw_sample([NewsArticle(d, t) for d, t in articles.items()])
    split_of = {**{d: "tuning" for d in sample.tuning}, **{d: "heldout" for d in sample.heldout}}
    assert len({f["id"] for f in fixtures}) == len(fixtures), "fixture ids are unique"
    for f in fixtures:
        assert f["kind"] in KINDS and f["lang"] in ("vi", "en"), f["id"]
        about = f["docs"] or f.get("near", [])
        assert about and all(d in split_of for d in about), f"{f['id']}: not about a sampled article"
        assert f["split"] == split_of[about[0]], f"{f['id']}: the held-out split is frozen by article"
        if f["kind"] == "unanswerable":
            assert f["answers"] == [] and f["docs"] == [], f["id"]
        else:
            assert f["answers"] and f["answers"][0] in articles[f["docs"][0]], f"{f['id']}: {f['answers'][0]!r}"


def test_a_round_exports_its_own_articles_and_distractors_and_names_what_is_missing(tmp_path):
    import io
    import tarfile
    tgz = tmp_path / "news.tgz"
    with tarfile.open(tgz, "w:gz") as archive:
        for i in range(200):
            data = (f"Bài {i}\n\n" + "chữ " * (400 + i)).encode("utf-8")
            member = tarfile.TarInfo(f"vn_val/vn_val_{i:06d}.txt")
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    fixtures = tmp_path / "r.jsonl"
    fixtures.write_text(json.dumps({"id": "a", "question": "Q?", "docs": ["vn_val_000007"], "near": []}) + "\n",
                        encoding="utf-8")
    ids = export_round(tgz, [fixtures], tmp_path / "out", n_distractors=5)
    assert ids[0] == "vn_val_000007" and len(set(ids)) == 6 and (tmp_path / "out" / "vn_val_000007.txt").is_file()
    fixtures.write_text(json.dumps({"id": "a", "question": "Q?", "docs": ["vn_val_999999"]}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="vn_val_999999"):
        export_round(tgz, [fixtures], tmp_path / "out2", n_distractors=5)


@pytest.mark.skipif(not CORPUS.is_file(), reason=f"the shared news corpus is not at {CORPUS}")
def test_round_fixtures_answer_from_their_articles_and_leave_the_sample_alone():
    rounds = sorted(ROUNDS.glob("*.jsonl"))
    assert rounds, "the development rounds are kept in the repository"
    articles = {a.doc_id: a.text for a in read_corpus(CORPUS)}
    sample = draw_sample([NewsArticle(d, t) for d, t in articles.items()])
    sampled = {*sample.tuning, *sample.heldout}
    rows = [json.loads(line) for f in rounds for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len({r["id"] for r in rows}) == len(rows), "fixture ids are unique"
    for r in rows:
        about = r["docs"] or r.get("near", [])
        assert r["kind"] in KINDS and r["lang"] in ("vi", "en") and r["split"] == "dev", r["id"]
        assert about and not set(about) & sampled, f"{r['id']}: a round never uses a sampled article"
        if r["kind"] == "unanswerable":
            assert r["answers"] == [] and r["docs"] == [], r["id"]
        else:
            assert all(r["answers"][0] in articles[d] for d in r["docs"]), f"{r['id']}: {r['answers'][0]!r}"
