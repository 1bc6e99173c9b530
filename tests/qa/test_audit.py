import json

from qa.audit import AuditEntry, AuditLog
from vectorstore.indexer import IndexReport


def test_a_report_becomes_one_entry_per_changed_article(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    log.record_report(IndexReport(added=["a"], updated=["b"], unchanged=["c"], removed=["d"]), actor="lan",
                      titles={"a": "Bài A", "d": "Bài D"}, paths={"a": "/x/a.txt"})
    entries = log.entries()
    assert [(e.actor, e.action, e.doc_id) for e in entries] == [
        ("lan", "added", "a"), ("lan", "replaced", "b"), ("lan", "removed", "d")]
    assert entries[0].title == "Bài A" and entries[0].path == "/x/a.txt" and entries[2].title == "Bài D"
    assert entries[0].time.endswith("+00:00")


def test_entries_filter_and_skip_torn_lines(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    assert log.entries() == []
    log.append([AuditEntry("2026-01-01T00:00:00+00:00", "lan", "added", "a")])
    with open(log.path, "a", encoding="utf-8") as out:
        out.write('{"time": "2026-01-0')  # a write cut short by a crash
        out.write("\n")
    log.append([AuditEntry("2026-01-02T00:00:00+00:00", "minh", "removed", "a")])
    assert [e.actor for e in log.entries()] == ["lan", "minh"]
    assert [e.actor for e in log.entries(actor="minh")] == ["minh"]
    assert [e.actor for e in log.entries(limit=1)] == ["minh"]
    assert json.loads(log.path.read_text().splitlines()[0])["doc_id"] == "a"  # one JSON object per line


def test_the_assistant_records_uploads_and_removals(tmp_path, fake_embedder, word_chunker, corpus_copy):
    from qa import Assistant
    from qa.settings import Settings

    settings = Settings.load(data_dir=tmp_path / "data", index={"corpus": [corpus_copy]})
    bot = Assistant(settings, embedder=fake_embedder, chunker=word_chunker)
    bot.ensure_index()
    first = AuditLog(settings.audit_path).entries()
    assert first and {e.action for e in first} == {"added"} and all(e.actor.endswith("(local)") or e.actor == "local"
                                                                     for e in first)
    extra = tmp_path / "new.txt"
    extra.write_text("Bài mới về giá vàng\n\nGiá vàng hôm nay tăng 200.000 đồng mỗi lượng.", encoding="utf-8")
    listings = []
    listed = bot.index.articles
    bot.index.articles = lambda **kw: listings.append(1) or listed(**kw)
    report = bot.index_paths([extra], prune=False, actor="lan")
    assert len(listings) == 1, "an upload lists the catalog once (the indexer's own look), not again for the log"
    del bot.index.articles
    (doc_id,) = report.added
    bot.remove_articles([doc_id], actor="minh")
    tail = AuditLog(settings.audit_path).entries()[-2:]
    assert [(e.actor, e.action, e.doc_id, e.title) for e in tail] == [
        ("lan", "added", doc_id, "Bài mới về giá vàng"), ("minh", "removed", doc_id, "Bài mới về giá vàng")]


def test_a_pruning_run_logs_the_titles_of_what_it_removed(tmp_path, fake_embedder, word_chunker, corpus_copy):
    from qa import Assistant
    from qa.settings import Settings

    settings = Settings.load(data_dir=tmp_path / "data", index={"corpus": [corpus_copy]})
    bot = Assistant(settings, embedder=fake_embedder, chunker=word_chunker)
    bot.ensure_index()
    gone = sorted(corpus_copy.glob("*.txt"))[0]
    title = bot.index.get_article(gone.stem).title
    gone.unlink()
    assert bot.index_paths(actor="lan").removed == [gone.stem]
    last = AuditLog(settings.audit_path).entries()[-1]
    assert (last.actor, last.action, last.doc_id, last.title) == ("lan", "removed", gone.stem, title) and title
