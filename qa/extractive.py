"""The default answer mode: quote the exact span that answers, or abstain.

No language model writes anything here. Given what retrieval found (:class:`~qa.types.Retrieved`:
passages, and sentences of the articles that mention every place, person and document the
question names) the answerer

1. abstains when no passage is close enough, or no candidate article mentions what the
   question names (so a question about Đà Nẵng is never answered from an article about Hà Nội);
2. keeps the retrieved sentences about the year asked for, and offers every candidate answer
   in the best of them (:mod:`qa.candidates`: names, figures, dates, noun phrases, clauses);
3. scores each candidate with the fitted ranker (:mod:`qa.ranker` over :mod:`qa.features`)
   and takes the most probable one, abstaining when even that one is below the calibrated
   threshold (a look-alike question: the article is right but states no such fact);
4. frames it in the question's language with a numbered citation whose span offsets let a
   UI highlight it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from qa.candidates import find_candidates, measured
from qa.tagging import Candidate
from qa.entities import Entity, absent
from qa.evidence import term_weights
from qa.features import SentenceContext, add_gaps, asked_people_absent, bound_elsewhere, features_in_sentence
from qa.figures import english_figure
from qa.head_nouns import NounMatcher, counted_phrase, head_phrase, noun_features
from qa.prompts import cannot_answer, template
from qa.qualifiers import question_qualifiers, sentence_fit
from qa.question import Question, match_terms
from qa.ranker import Ranker, load_ranker
from qa.reader import SpanScorer
from qa.reader_evidence import lazy, position, read_quoted, reader_evidence, veto_margin
from qa.retrieval import passage_from_hit
from qa.settings import AnswerSettings
from qa.spans import ANY_YEAR_RE, Span, dated_years, full_name
from qa.trim import Shorter, leading_trims, shorter_span
from qa.types import Answer, Citation, Passage, Retrieved
from qa.units import unit_in_english, unit_pattern
from qa.veto import Veto, judged
from vectorstore.errors import ModelCorrupt, ModelMissing
from vectorstore.index import VectorIndex
from vectorstore.sentences import sentence_spans
from vectorstore.text import folded_words, nfc

log = logging.getLogger(__name__)

__all__ = ["ExtractiveAnswerer", "Reading", "Scored", "span_evidence", "term_weights"]

from qa.evidence import span_evidence  # noqa: E402 - re-exported: the answerer's evidence measures


@dataclass(frozen=True)
class Scored:
    """A candidate answer in its sentence, its features and the ranker's probability."""

    candidate: Candidate
    context: SentenceContext
    features: dict[str, float]
    probability: float


@dataclass(frozen=True)
class Reading:
    """The extractive answer and every scored candidate behind it (empty when a guard abstained).

    The LLM reader (:mod:`qa.generative`) shows the model the sentences of the best of these.
    """

    answer: Answer
    scored: list[Scored]
    chosen: Scored | None = None  # the candidate the answer quotes (None: it abstained)

    @property
    def quoted(self) -> Passage | None:
        """The sentence hit the answer quotes (None: it abstained)."""
        return self.chosen.context.sentence if self.chosen is not None else None


@dataclass(frozen=True)
class VetoEvidence:
    """What the reader's one reading of the quoted sentence says of an answer: its margin as the
    veto weighs it (:func:`qa.reader_evidence.veto_margin`; None: no span), and the best span
    without leading words with how much the reader prefers it (:mod:`qa.trim`; None: none)."""

    margin: float | None
    shorter: Shorter | None = None


class ExtractiveAnswerer:
    """Answers by quoting the retrieved sentences.

    Example::

        answerer = ExtractiveAnswerer(index, AnswerSettings())
        answer = answerer.answer(question, retrieval.retrieve(question, k=5))

    ``ranker``: the fitted candidate scorer (default: the one shipped in ``qa/data``);
    ``reader``: the trained reader (or a function that makes it on first use), whose scores of
    every candidate become features (:mod:`qa.reader_evidence`); None for a ranker fitted without.
    ``veto``: lets the reader withdraw an answer when it finds none and trim the words before it
    (:mod:`qa.veto`, :mod:`qa.trim`); it needs ``reader``, which then reads the quoted sentence
    of each answer (and every read sentence only when none of its spans lies in that one).
    ``nouns``: compares an English question's noun ("which bridge") with the nouns before each
    name (:mod:`qa.head_nouns`); None leaves those features out.
    """

    def __init__(self, index: VectorIndex, settings: AnswerSettings, ranker: Ranker | None = None,
                 reader: SpanScorer | Callable[[], SpanScorer] | None = None, veto: Veto | None = None,
                 nouns: NounMatcher | None = None) -> None:
        self.index = index  # the chunk holding a sentence outside the passages; an article (LLM mode)
        self.settings = settings
        self.nouns = nouns
        self._ranker = ranker
        self._veto = veto
        self._get_reader = lazy(reader) if reader is not None else None
        self._unreadable: Exception | None = None

    @property
    def reader(self) -> SpanScorer:
        """The reader (loaded on first use); ``LookupError`` for an answerer made without one."""
        if self._get_reader is None:
            raise LookupError("this answerer reads without the trained reader")
        return self._get_reader()

    def scoring(self) -> tuple[Ranker, SpanScorer | None]:
        """The ranker that scores, and the reader whose scores become features (None: not read).

        A ranker fitted on the reader's scores needs the reader; where it cannot load (a missing
        tokenizer: ``qa models fetch`` not run yet) its fallback, fitted without, answers instead,
        and the reason is logged once. An answerer given a reader and a ranker that does not read
        (the fitting script's) still computes the reader's features.
        """
        ranker = self.ranker
        if self._get_reader is not None and self._unreadable is None:
            try:
                return ranker, self.reader
            except (ModelMissing, ModelCorrupt) as exc:
                self._unreadable = exc
                log.warning("the trained reader cannot load (%s); ranking candidates without it", exc)
        return (ranker.fallback or ranker) if ranker.reads else ranker, None

    @property
    def ranker(self) -> Ranker:
        if self._ranker is None:
            self._ranker = load_ranker()
        return self._ranker

    def answer(self, question: Question, found: Retrieved) -> Answer:
        return self.read(question, found).answer

    def read(self, question: Question, found: Retrieved) -> Reading:
        """The answer, with the scored candidates it was chosen from."""
        stopped = self.guard(question, found)
        if stopped is not None:
            return stopped
        contexts = self.contexts(question, found)  # worked out once, for the scores and the veto
        scored = self.score(question, found, contexts)
        if not scored:
            return Reading(self._abstain(question, "no sentence of the eligible articles is about what was asked"), [])
        return self.in_full(question, found, self.vetoed(question, found, self.choose(question, scored), contexts))

    def in_full(self, question: Question, found: Retrieved, reading: Reading) -> Reading:
        """``reading`` with a person answered by the full name its article gave before ("Đỗ Thắng
        Hải", not the "Hải" of "Thứ trưởng Hải cho biết …"): the sentence that says it often names
        the person short. The citation still marks the short mention the answer rests on."""
        chosen = reading.chosen
        if chosen is None or reading.answer.abstained:
            return reading
        record = found.articles.get(chosen.context.sentence.doc_id)
        full = self.full_name(question, chosen, record.text if record else None)
        if full is None:
            return reading
        return Reading(self.compose(question, chosen, full=full), reading.scored, chosen)

    @staticmethod
    def full_name(question: Question, chosen: Scored, article: str | None) -> str | None:
        """The full name of the person ``chosen`` names short, where ``question`` asks for a person
        and ``article`` (the text of ``chosen``'s article) gave it (:func:`qa.spans.full_name`)."""
        if question.answer_type != "person" or chosen.candidate.ctype == "SENTENCE" or not article:
            return None
        return full_name(article, chosen.context.sentence.start + chosen.candidate.start, chosen.candidate.text)

    def vetoed(self, question: Question, found: Retrieved, reading: Reading,
               contexts: list[SentenceContext] | None = None) -> Reading:
        """``reading`` as the reader's veto leaves it: withdrawn (an abstention) where the reader's
        best span in the sentence the answer quotes (:func:`qa.reader_evidence.veto_margin`) does
        not beat "no answer" by the veto's margin; its span without leading words where the reader scores
        that shorter span higher by the veto's trimming gap (:mod:`qa.trim`); else unchanged."""
        veto = self._veto
        if veto is None or reading.answer.abstained or not judged(question):
            return reading
        _, reader = self.scoring()
        if reader is None:
            return reading
        if not veto.applies_to(getattr(reader, "sha256", None)):
            log.warning("the reader's veto was fitted for another reader file; answering without it "
                        "(re-fit it with `python -m evals.fit_veto`)")
            self._veto = None
            return reading
        evidence = self.veto_evidence(question, found, reading, reader, trim=veto.trim_gap is not None,
                                      contexts=contexts)
        margin, shorter, chosen = evidence.margin, evidence.shorter, reading.chosen
        if veto.withdraws(margin):
            shown = "it finds no span" if margin is None else f"margin {margin:.2f} < {veto.margin:.2f}"
            what = reading.answer.span or "the sentence"
            return Reading(self._abstain(question, f"the reader finds no answer, so {what!r} is withdrawn ({shown})"),
                           reading.scored)
        if chosen is None or shorter is None or not veto.trims(shorter.gap):
            return reading
        # the features and probability stay the whole span's: the ranker chose that one
        trimmed = replace(chosen, candidate=Candidate(shorter.text, shorter.start, shorter.end, chosen.candidate.ctype))
        return Reading(self.compose(question, trimmed), reading.scored, trimmed)

    def veto_evidence(self, question: Question, found: Retrieved, reading: Reading, reader: SpanScorer, *,
                      trim: bool = True, contexts: list[SentenceContext] | None = None) -> VetoEvidence:
        """What the veto weighs for ``reading`` (an answer), from one reading of the sentence it
        quotes, which also scores the span's shorter forms when ``trim``. The answerer and the
        veto's fit (``evals.fit_veto``) both call this, so what is fitted is what runs. ``contexts``:
        :meth:`contexts` when the caller has them already."""
        contexts = contexts if contexts is not None else self.contexts(question, found)
        first = position(contexts, reading.quoted)
        chosen = reading.chosen
        trims = leading_trims(chosen.candidate, chosen.context.sentence.text) if trim and chosen is not None else []
        head = read_quoted(reader, question.text, found, contexts[first], trims) if first >= 0 else None
        margin = veto_margin(reader, question.text, found, contexts, first=first, head=head)
        shorter = shorter_span(chosen.context.sentence.text, trims, head.spans) \
            if chosen is not None and head is not None and trims else None
        return VetoEvidence(margin, shorter)

    def choose(self, question: Question, scored: list[Scored]) -> Reading:
        """The most probable span if likely enough, else the most probable sentence, else abstain."""
        ranker, _ = self.scoring()
        spans = [s for s in scored if s.candidate.ctype != "SENTENCE"]
        best = max(spans, key=_rank_key, default=None)
        if best is not None and best.probability >= ranker.threshold:
            best = year_of(question, best)
            return Reading(self.compose(question, best), scored, best)
        # No span is likely enough; a sentence that evidently holds the answer is still worth quoting.
        sentence = ranker.sentence
        whole = max((s for s in scored if s.candidate.ctype == "SENTENCE"), key=_rank_key, default=None)
        if (sentence is not None and whole is not None and whole.probability >= sentence.threshold
                and sentence.may_quote(question.answer_type) and _may_hold_year(question, whole)):
            return Reading(self.compose(question, whole), scored, whole)
        shown = f"{best.probability:.2f} < {ranker.threshold:.2f}: best was {best.candidate.text!r}" if best else "none"
        return Reading(self._abstain(question, f"no candidate answer is likely enough ({shown})"), scored)

    def guard(self, question: Question, found: Retrieved) -> Reading | None:
        """The abstention of the guards that run before any reading (no close passage; no
        article that mentions what the question names), or None when reading may go on."""
        passages = found.passages
        if not passages or passages[0].score < self.settings.min_score:
            return Reading(self._abstain(question, "no passage is similar enough to the question"), [])
        if not found.eligible:
            named = ", ".join(found.missing)
            return Reading(self._abstain(question, f"no retrieved article mentions {named}", what=named), [])
        return None

    def score(self, q: Question, found: Retrieved, contexts: list[SentenceContext] | None = None) -> list[Scored]:
        """Every candidate of the sentences worth reading (``contexts``: :meth:`contexts`, when the
        caller has them already), with its features and probability."""
        ranker, reader = self.scoring()
        contexts = contexts if contexts is not None else self.contexts(q, found)
        candidates = [offered(q, find_candidates(ctx.sentence.text)) for ctx in contexts]
        # a reader given for the veto alone is not asked for features the ranker does not weigh
        if reader is not None and contexts and (ranker.reads or self._veto is None):
            read = reader_evidence(reader, q, found, contexts, candidates)
            rows = [(c, ctx, features_in_sentence(q, ctx, c, cands) | extra)
                    for ctx, cands, pairs in zip(contexts, candidates, read) for c, extra in pairs]
        else:
            rows = [(c, ctx, features_in_sentence(q, ctx, c, cands)) for ctx, cands in zip(contexts, candidates) for c in cands]
        # a span bound to another person than the one asked about is no answer, however well it fits
        rows = [(c, ctx, f) for c, ctx, f in rows if not bound_elsewhere(q, ctx, c)]
        if self.nouns is not None:
            self._nouns(q, rows)
        add_gaps([f for _, _, f in rows])
        whole = ranker.sentence or ranker
        return [Scored(c, ctx, f, (whole if c.ctype == "SENTENCE" else ranker).probability(f)) for c, ctx, f in rows]

    def _nouns(self, q: Question, rows: list[tuple[Candidate, SentenceContext, dict[str, float]]]) -> None:
        """Add to ``rows`` how alike the question's nouns are to the words beside each candidate
        (:mod:`qa.head_nouns`): the noun an English question asks about ("which bridge") to the
        nouns before each name, what a question counts ("how many tanks", "bao nhiêu người") to the
        nouns after each figure. In English that is the only bridge to the article's words; in
        Vietnamese it tells "người" from "hộ" with no table of counting nouns. A Vietnamese asked
        noun is matched as written (``asked_noun_before``): comparing every name's nouns by meaning
        cost a quarter of the answer time for nothing the literal match misses."""
        asked = q.asked if q.language == "en" else ""
        for name, noun, phrase in (("asked_noun", asked, head_phrase), ("counted_noun", q.counted, counted_phrase)):
            if not noun:
                continue
            phrases = [phrase(ctx.sentence.text, c) for c, ctx, _ in rows]
            for (_, _, f), extra in zip(rows, noun_features(name, noun, phrases, self.nouns)):
                f.update(extra)

    def contexts(self, q: Question, found: Retrieved) -> list[SentenceContext]:
        """The sentences worth reading: about the asked year, the nearest by vector and by words."""
        texts = {d: (found.articles[d].text or "") if d in found.articles else "" for d in found.eligible}
        best_passage: dict[str, Passage] = {}
        for p in found.passages:
            best_passage.setdefault(p.doc_id, p)
        pool = [hit for hit in found.sentences
                if not q.years or _year_fits(q.years, texts.get(hit.doc_id, ""), hit.start, hit.end)]
        own = [match_terms(hit.text) for hit in pool]
        before_texts = [_previous_sentence(texts.get(hit.doc_id, ""), hit.start) for hit in pool]
        previous = [match_terms(text) for text in before_texts]
        weights = term_weights(q.terms, own)
        total = sum(weights.values()) or 1.0
        overlaps = []
        for mine, before in zip(own, previous):
            shared = q.terms & mine
            # A sentence leans on the one before it for its subject, so that one's terms count half.
            overlaps.append((sum(weights[t] for t in shared)
                             + 0.5 * sum(weights[t] for t in (q.terms & before) - shared)) / total)
        n = self.settings.read_sentences
        by_vector = list(range(len(pool)))[:n]
        by_words = sorted(range(len(pool)), key=lambda i: -overlaps[i])[: max(1, n // 3)]
        # the best passage's article is read, however far its sentences are by vector alone
        # (a question typed bare is far from every accented sentence: qa.retrieval)
        best = next((p.doc_id for p in found.passages if p.doc_id in found.eligible), None)
        by_article = [i for i, hit in enumerate(pool) if hit.doc_id == best][:max(1, n // 6)]
        chosen = sorted(set(by_vector) | set(by_words) | set(by_article))
        docs = list(dict.fromkeys(hit.doc_id for hit in pool))
        lacks = {d: _share_absent(q.proper_names, texts.get(d, "")) for d in docs}
        qualifiers = question_qualifiers(q.text, q.entities, english=q.language == "en")
        out = []
        for rank, i in enumerate(chosen):
            hit = pool[i]
            holder = next((p for p in found.passages
                           if p.doc_id == hit.doc_id and p.start <= hit.start and hit.end <= p.end), None)
            p_score = holder.score if holder else best_passage[hit.doc_id].score if hit.doc_id in best_passage else 0.0
            missing, conflicts = sentence_fit(qualifiers, hit.text, before_texts[i])
            out.append(SentenceContext(hit, rank, p_score, overlaps[i], docs.index(hit.doc_id), weights, holder,
                                       lacks[hit.doc_id], missing, conflicts,
                                       asked_people_absent(q, hit.text, before_texts[i])))
        return out

    # -- composing ---------------------------------------------------------------------------
    def compose(self, q: Question, best: Scored, *, lead: str | None = None, full: str | None = None) -> Answer:
        """The answer quoting ``best``'s sentence; ``lead`` replaces the span shown first (the LLM's
        sentence); ``full`` is the span's full form found elsewhere in its article (:meth:`in_full`)."""
        hit, cand = best.context.sentence, best.candidate
        passage = best.context.holder
        if passage is None:
            covering = self.index.chunk_covering(hit.doc_id, hit.start, hit.end)
            passage = passage_from_hit(covering) if covering else Passage(
                doc_id=hit.doc_id, title=hit.title, text=hit.text, score=hit.score, start=hit.start, end=hit.end)
        whole = cand.ctype == "SENTENCE"
        span = None if whole else Span(cand.text, cand.start, cand.end, "free")
        offset = hit.start - passage.start
        citation = Citation(
            number=1, doc_id=passage.doc_id, title=passage.title, passage=passage.text, score=round(passage.score, 4),
            source=passage.source, published=passage.published, chunk_id=passage.chunk_id,
            span_start=offset + (span.start if span else 0),
            span_end=offset + (span.end if span else len(hit.text)), passage_start=passage.start,
        )
        budget = self.settings.max_chars
        if span:
            shown = lead or full or _span_label(q, hit.text, span, cand.ctype)
            frame = template("span_answer")
            room = budget - len(frame.render(q.language, span=shown, quote="", n=1))
            text = frame.render(q.language, span=shown, quote=_quote(hit.text, span, room), n=1)
        else:
            frame = template("sentence_answer")
            room = budget - len(frame.render(q.language, quote="", n=1))
            text = frame.render(q.language, quote=_quote(hit.text, None, room), n=1)
        return Answer(question=q.text, text=nfc(text), abstained=False, citations=[citation], language=q.language,
                      kind=q.kind, span=nfc(full or span.text) if span else None)

    def _abstain(self, q: Question, reason: str, *, what: str | None = None) -> Answer:
        text = template("cannot_answer_named").render(q.language, what=what) if what else cannot_answer(q.language)
        return Answer(question=q.text, text=text, abstained=True, citations=[], language=q.language, kind=q.kind,
                      reason=reason)


def offered(q: Question, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates ``q`` may be answered with: a measure with its unit ("241 km") only when a
    measure is asked ("how far …?") and its unit measures what is asked (no "7,1 độ" for how
    far), then as a count, the figure it is, in place of the bare figure inside it where the
    question does not name the unit ("how far" is answered "241 km"; "bao nhiêu km" may be
    answered "10"); never otherwise (a "how old" question must not be answered "28.968 km"). A question that asks "how many percent" is never answered with a sum
    of money ("tăng bao nhiêu phần trăm" of "tăng 7 USD, tương đương 0,6%"), nor one that asks a
    time of day with a date, nor one that asks a kind ("bị kỷ luật bằng hình thức gì") with a person."""
    percent = q.answer_type == "percent" and q.says_percent
    kind = q.asks_kind

    def fits(c: Candidate) -> bool:
        if c.ctype == "PER":
            return not kind
        if c.ctype == "MONEY":
            return not percent
        if c.ctype in ("DATE", "YEAR"):
            return not q.wants_time  # "at what time …?" is not answered "8-5"
        if c.ctype != "MEASURE":
            return True
        if not q.wants_measure:
            return False
        dims = measured(c.text)
        return q.measure is None or not dims or q.measure in dims

    kept = [c for c in candidates if fits(c)]
    # a measure asked without its unit is answered with it: "how far" is "241 km", not the bare
    # "241" inside it; asked in its unit ("bao nhiêu kg"), the figure alone answers too
    asked = set(folded_words(q.text))
    units = {(c.start, c.end) for c in kept if c.ctype == "MEASURE" and not _unit_asked(c.text, asked)}
    kept = [c for c in kept if not (c.ctype == "COUNT" and any(a == c.start and b > c.end for a, b in units))]
    return [replace(c, ctype="COUNT") if c.ctype == "MEASURE" else c for c in kept]


def _unit_asked(measure: str, asked: set[str]) -> bool:
    """Whether the question's words hold the unit written apart in ``measure`` ("kg" of "17 kg")."""
    unit = [w for w in folded_words(measure) if not w[:1].isdigit()]
    return bool(unit) and set(unit) <= asked


def year_of(q: Question, chosen: Scored) -> Scored:
    """``chosen`` narrowed to its year where the question asks for one: "In what year did she go
    missing?" is answered "1973", not the "7/1973" that holds it (a date naming one year). Its
    features and probability stay the date's: the ranker chose that."""
    cand = chosen.candidate
    if not q.wants_year or cand.ctype != "DATE":
        return chosen
    years = list(ANY_YEAR_RE.finditer(cand.text))
    if len(years) != 1 or years[0].group() == cand.text:
        return chosen
    at = cand.start + years[0].start()
    return replace(chosen, candidate=Candidate(years[0].group(), at, at + len(years[0].group()), "YEAR"))


def _may_hold_year(q: Question, whole: Scored) -> bool:
    """Whether a quoted sentence may answer ``q``: one that asks a year ("In what year did he die?")
    is not answered by a sentence that names none ("… an táng … ngày 15-4")."""
    return not q.wants_year or ANY_YEAR_RE.search(whole.context.sentence.text) is not None


def _rank_key(s: Scored) -> tuple[float, int, int]:
    """Most probable first; ties go to the better-ranked sentence, then the earlier candidate."""
    return s.probability, -s.context.rank, -s.candidate.start


def _share_absent(names: tuple[str, ...], article: str) -> float:
    """The share of ``names`` that ``article`` does not mention (0 when there are none)."""
    if not names:
        return 0.0
    return len(absent([Entity("name", n) for n in names], article)) / len(names)


def _previous_sentence(article: str, start: int) -> str:
    """The sentence before offset ``start`` in the same paragraph ('' at a paragraph's start)."""
    para_start = article.rfind("\n\n", 0, start) + 1
    before = article[para_start:start]
    spans = sentence_spans(before)
    return before[spans[-1][0]:spans[-1][1]] if spans else ""


def _year_fits(years: tuple[str, ...], article: str, start: int, end: int) -> bool:
    """The sentence's paragraph (or, if it names no year, the sentence's article) names an asked
    year, on its own or inside a date ("tháng 3-2018" is a 2018 article)."""
    para_start = article.rfind("\n\n", 0, start) + 1
    para_end = article.find("\n\n", end)
    paragraph = article[para_start: para_end if para_end >= 0 else len(article)]
    named = dated_years(paragraph)
    if named:
        return any(y in named for y in years)
    return any(y in dated_years(article) for y in years)


def _span_label(q: Question, sentence: str, span: Span, ctype: str) -> str:
    """The span as shown first in the answer: "137 cán bộ" / "137 cadres", a figure in English
    as an English reader reads it ("40.000" -> "40,000": :mod:`qa.figures`); codes and names
    as they are."""
    english = q.language == "en"
    text = english_figure(span.text) if english and ctype in ("COUNT", "MONEY", "PERCENT") else span.text
    if ctype != "COUNT":
        return text
    unit = unit_pattern().match(sentence, span.end)
    if not unit:
        return text
    if english:
        noun = unit_in_english(unit.group(1))
        return f"{text} {noun}" if noun else text
    return f"{text} {unit.group(1)}"


def _quote(sentence: str, span: Span | None, room: int) -> str:
    """The sentence, or a window of it around ``span`` cut at word boundaries, in ``room`` chars."""
    sentence = sentence.strip()
    if len(sentence) <= room:
        return sentence
    room = max(room - 2, 20)
    centre = (span.start + span.end) // 2 if span else room // 2
    lo = max(0, min(centre - room // 2, len(sentence) - room))
    hi = min(len(sentence), lo + room)
    if lo > 0:
        lo = sentence.find(" ", lo) + 1 or lo
    if hi < len(sentence):
        hi = sentence.rfind(" ", lo, hi) if sentence.rfind(" ", lo, hi) > lo else hi
    return ("…" if lo > 0 else "") + sentence[lo:hi].strip() + ("…" if hi < len(sentence) else "")

