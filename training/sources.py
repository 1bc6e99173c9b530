"""Public extractive-QA sets, read into :class:`~training.examples.QAExample` records.

Only files on disk are read: the sets come from local clones of public repositories
(:mod:`training.gather`, pinned in ``training/data/sources.json``), never downloaded here.
Two layouts are understood:

- SQuAD JSON (``{"data": [{"paragraphs": [{"context", "qas": [...]}]}]}``), v1.1 or v2.0 with
  ``is_impossible`` (SQuAD 2.0 itself, the Vietnamese Zalo-style set in SQuAD 2.0 form, XQuAD);
- JSON lines of flat records (``context``, ``question``, ``answers: {"text": [...],
  "answer_start": [...]}``, ``is_impossible``), the layout UIT-ViQuAD 2.0 copies use.

Parallel sets (XQuAD: the same articles and question ids in eleven languages) also give
cross-lingual examples, :func:`read_cross`: the English question over the Vietnamese paragraph
and its Vietnamese answer, which is what a user asking vnqa in English needs. Whole articles can
be held out (:func:`held_out_article`) so that an evaluation never reads a paragraph, in any
language, that training saw.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from training.examples import QAExample


_VIETNAMESE = frozenset("ăâđêôơưĂÂĐÊÔƠƯ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}


def _language(text: str) -> str:
    """'vi' when the text has Vietnamese letters (or đ), else 'en': the sets we read are one of the two."""
    return "vi" if any(ch in _VIETNAMESE for ch in text) else "en"


def every_article(index: int) -> bool:
    """The default article filter: all of them."""
    return True


def _example(qid: str, question: str, context: str, answers: list[tuple[int, str]], impossible: bool,
             source: str, language: str | None = None) -> QAExample | None:
    """The record, or None when its answer is not where the set says (a few rows of every set).
    ``language`` is the question's; guessed from the texts when not given."""
    language = language or _language(question + " " + context[:400])
    if impossible or not answers:
        return QAExample.make(qid, question, context, None, None, source, language, "impossible")
    start, text = answers[0]
    text = text.strip()
    if not text:
        return None
    # Sets disagree on whether answer_start counts leading spaces: look near the given offset.
    found = context.find(text, max(0, start - 8))
    if found < 0 or found > start + 8:
        found = context.find(text)
    if found < 0:
        return None
    try:
        return QAExample.make(qid, question, context, found, text, source, language, "span")
    except ValueError:
        return None


def held_out_article(index: int, every: int) -> bool:
    """Whether article ``index`` of a QA file is kept for evaluation (every ``every``-th article;
    0: none). By article, not question, so a held-out paragraph's other questions are not trained
    on; parallel files (XQuAD) list their articles in the same order, so the same articles are
    held out in every language. Files that share articles in another order are reconciled by
    ``prepare``, which drops a held-out article that any file trains on (by title and paragraph)."""
    return every > 0 and index % every == every - 1


def _articles(path: Path) -> list:
    """The articles of a SQuAD-layout file: ``{"data": [...]}`` as SQuAD ships it, or the bare list
    some copies keep; [] for an empty file."""
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        return []
    data = json.loads(text)
    return data["data"] if isinstance(data, dict) else data


def article_titles(path: Path) -> list[str]:
    """The title of every article of a SQuAD-layout file, by index ([] for other layouts or an
    empty file). Parallel and derived sets share titles (XQuAD and SQuAD 2.0 dev name the same
    Wikipedia articles), so a title says when two files hold the same article in any order."""
    try:
        articles = _articles(path)
    except (json.JSONDecodeError, KeyError):
        return []
    return [str(a.get("title", "")) if isinstance(a, dict) else "" for a in articles]


def _questions(path: Path) -> Iterator[tuple[int, str, dict]]:
    """(article index, paragraph context, qa record) of every question of a SQuAD-layout file."""
    for index, article in enumerate(_articles(path)):
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                yield index, paragraph["context"], qa


def _record(qid: str, question: str, context: str, qa: dict, source: str,
            language: str | None = None) -> QAExample | None:
    answers = [(a["answer_start"], a["text"]) for a in qa.get("answers", [])]
    return _example(qid, question, context, answers, bool(qa.get("is_impossible")), source, language)


def read_squad(path: Path, source: str, *, articles: Callable[[int], bool] = every_article) -> Iterator[QAExample]:
    """Every question of a SQuAD-layout JSON file (answerable and, in v2.0, unanswerable ones)
    whose article index passes ``articles``."""
    for index, context, qa in _questions(path):
        if articles(index):
            ex = _record(f"{source}-{qa['id']}", qa["question"], context, qa, source)
            if ex is not None:
                yield ex


def read_cross(questions: Path, contexts: Path, source: str | None = None, *,
               articles: Callable[[int], bool] = every_article) -> Iterator[QAExample]:
    """Questions of one parallel SQuAD-layout file over the paragraphs and answers of another,
    matched by question id (XQuAD: ``xquad.en.json`` questions over ``xquad.vi.json``
    paragraphs). Ids found in only one file are skipped."""
    source = source or f"{questions.stem}>{contexts.stem}"
    asked = {qa["id"]: qa["question"] for _, _, qa in _questions(questions)}
    # the questions' language, from all of them: one English question may name "Hà Nội"
    if not asked:
        return
    language = max(("vi", "en"), key=lambda lang: sum(_language(q) == lang for q in asked.values()))
    for index, context, qa in _questions(contexts):
        if qa["id"] in asked and articles(index):
            ex = _record(f"{source}-{qa['id']}", asked[qa["id"]], context, qa, source, language)
            if ex is not None:
                yield ex


def read_flat_jsonl(path: Path, source: str, *,
                    articles: Callable[[int], bool] = every_article) -> Iterator[QAExample]:
    """Every row of a flat JSON-lines QA file (UIT-ViQuAD 2.0 layout). Rows have no article, so
    ``articles`` is asked about a checksum of the row's paragraph: its questions stay together."""
    with path.open(encoding="utf-8") as rows:
        for n, line in enumerate(rows):
            if not line.strip():
                continue
            row = json.loads(line)
            if not articles(zlib.crc32(row["context"].encode("utf-8"))):
                continue
            answers = row.get("answers") or {}
            pairs = list(zip(answers.get("answer_start", []), answers.get("text", [])))
            ex = _example(f"{source}-{row.get('id', n)}", row["question"], row["context"], pairs,
                          bool(row.get("is_impossible")), source)
            if ex is not None:
                yield ex


def read_any(path: Path, source: str | None = None, *,
             articles: Callable[[int], bool] = every_article) -> Iterator[QAExample]:
    """A QA file of either layout, chosen by its first character; ``source`` defaults to the file's
    stem. ``articles`` selects articles (see :func:`read_squad` and :func:`read_flat_jsonl`)."""
    source = source or path.stem
    with path.open(encoding="utf-8") as f:
        head = f.read(1)
    if not head:
        return  # an empty file holds no questions
    if head in "{[":  # SQuAD layout, wrapped or a bare list of articles
        try:
            yield from read_squad(path, source, articles=articles)
            return
        except (json.JSONDecodeError, KeyError, TypeError):
            pass  # one JSON object per line
    yield from read_flat_jsonl(path, source, articles=articles)
