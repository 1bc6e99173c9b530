import json

from evals.reporting import retrieval_table, summary_table, write_report

_METRICS = {"n": 4, "answer_accuracy": 0.75, "citation_accuracy": 0.5, "abstention_accuracy": None,
            "false_abstention_rate": 0.25, "exact_match": 0.5, "span_f1": 0.625}
SUMMARY = {"overall": _METRICS, "latency_p50_s": 0.2, "latency_p95_s": 0.385,
           "by_language": {"en": _METRICS, "vi": {**_METRICS, "n": 2}},
           "by_kind": {"number": _METRICS, "unanswerable": {**_METRICS, "answer_accuracy": None,
                                                             "abstention_accuracy": 1.0}}}
RETRIEVAL = {"dense": {"all": {"article_hit@1": 0.9, "passage_mrr": 0.8}, "vi": {"article_hit@1": 1.0,
                                                                                  "passage_mrr": 0.85}},
             "bm25": {"all": {"article_hit@1": 0.5, "passage_mrr": 0.4}}}


def test_summary_table_rows_and_figures():
    lines = summary_table(SUMMARY).splitlines()
    assert lines[0].split() == ["n", "answer", "citation", "abstain", "false-abst", "EM", "F1"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:-1]}
    assert rows["overall"] == ["4", "0.750", "0.500", "-", "0.250", "0.500", "0.625"]
    assert rows["lang=vi"][0] == "2" and rows["kind=unanswerable"][1:4] == ["-", "0.500", "1.000"]
    assert lines[-1] == "latency p50 0.200s   p95 0.385s"


def test_retrieval_table_has_a_column_pair_per_language():
    lines = retrieval_table(RETRIEVAL).splitlines()
    assert lines[0].split() == ["retriever", "all", "hit@1", "all", "MRR", "vi", "hit@1", "vi", "MRR"]
    assert lines[2].split() == ["dense", "0.900", "0.800", "1.000", "0.850"]
    assert lines[3].split() == ["bm25", "0.500", "0.400", "-", "-"]


def test_write_report_with_chart_and_failures(tmp_path):
    failures = [{"id": "q1", "question": "Hà Nội?", "expected": ["137"], "answer": "x", "span": "12",
                 "abstained": False, "cited": "001"}]
    path = write_report(tmp_path / "out" / "eval.md", SUMMARY, failures, RETRIEVAL, title="t")
    body = path.read_text(encoding="utf-8")
    assert (tmp_path / "out" / "eval-kinds.svg").read_text(encoding="utf-8").startswith("<svg")
    assert summary_table(SUMMARY) in body and retrieval_table(RETRIEVAL) in body
    assert f"expected {json.dumps(['137'])}, got '12' (cited 001)" in body
