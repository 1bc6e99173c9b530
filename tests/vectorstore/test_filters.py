"""News filters: parsing and checking what a user typed, and the three forms of one test (Chroma
``where``, Python, numpy mask) agreeing."""

import itertools
import unicodedata
from datetime import date, datetime

import numpy as np
import pytest

from vectorstore.errors import BadInput
from vectorstore.filters import Facets, NewsFilter, all_of, day_number, source_key, unit_facets


@pytest.mark.parametrize("published, day", [
    ("2019-01-13T22:05", 20190113), ("2019-01-13", 20190113), ("2020-02-29T06:45:00+07:00", 20200229),
    ("2019-02-30", None), ("2019-01", None), ("2019", None), ("13/01/2019", None), ("", None), (None, None),
])
def test_day_number_reads_the_day_of_an_iso_date(published, day):
    assert day_number(published) == day


def test_source_keys_fold_case_and_form_and_spaces():
    decomposed = unicodedata.normalize("NFD", "Tuổi Trẻ")
    assert source_key(decomposed) == source_key("TUỔI  TRẺ ") == source_key("tuổi trẻ") == "tuổi trẻ"
    assert source_key("QPTĐ") == "qptđ" and source_key("  ") is None and source_key(None) is None
    assert unit_facets("2019-01-13T22:05", "HNMO") == {"day": 20190113, "source_key": "hnmo"}
    assert unit_facets(None, None) == {"day": 0, "source_key": None}  # 0: undated, below any period


def test_parse_takes_dates_or_iso_strings_and_names_however_typed():
    f = NewsFilter.parse(since="2019-01-01", until=date(2019, 12, 31), sources=["VnExpress", "vnexpress ", "HNMO"])
    assert f == NewsFilter(date(2019, 1, 1), date(2019, 12, 31), ("hnmo", "vnexpress"))
    assert NewsFilter.parse(since=datetime(2019, 5, 1, 13, 30)).since == date(2019, 5, 1)
    assert NewsFilter.parse(sources="HNMO").sources == ("hnmo",), "one name is not a list of letters"
    assert NewsFilter.parse() is None and NewsFilter.parse(since="", sources=[]) is None


@pytest.mark.parametrize("kwargs, says", [
    ({"since": "2019-13-01"}, "since must be a date written YYYY-MM-DD"),
    ({"until": "31/12/2019"}, "until must be a date written YYYY-MM-DD"),
    ({"since": "yesterday"}, "got 'yesterday'"),
    ({"until": 20191231}, "until must be a date or a YYYY-MM-DD string, got int"),
    ({"since": "2020-01-01", "until": "2019-12-31"}, r"since \(2020-01-01\) is after until \(2019-12-31\)"),
    ({"sources": ["HNMO", " "]}, "a source must be a non-empty name"),
    ({"sources": [None]}, "a source must be a non-empty name"),
])
def test_bad_input_says_what_was_expected(kwargs, says):
    with pytest.raises(BadInput, match=says):
        NewsFilter.parse(**kwargs)


def test_where_clauses_use_the_numeric_day_and_source_key():
    assert NewsFilter(since=date(2019, 1, 1)).where() == {"day": {"$gte": 20190101}}
    assert NewsFilter(sources=("hnmo",)).where() == {"source_key": "hnmo"}
    assert NewsFilter(date(2019, 1, 1), date(2019, 12, 31), ("b", "a")).where() == {"$and": [
        {"day": {"$gte": 20190101}}, {"day": {"$lte": 20191231}}, {"source_key": {"$in": ["a", "b"]}}]}
    assert NewsFilter().where() is None
    assert all_of(None, {"doc_id": "x"}) == {"doc_id": "x"} and all_of() is None


UNITS = [("2018-12-31", "HNMO"), ("2019-01-01T08:00", "hnmo"), ("2019-06-15", "VnExpress"), ("2019-12-31", None),
         ("2020-01-01", "Tuổi Trẻ"), (None, "HNMO"), (None, None), ("2019-07", "HNMO")]
FILTERS = [NewsFilter(since=date(2019, 1, 1)), NewsFilter(until=date(2019, 12, 31)),
           NewsFilter(date(2019, 1, 1), date(2019, 12, 31), keep_undated=True),
           NewsFilter(date(2019, 1, 1), date(2019, 12, 31)), NewsFilter(sources=("hnmo",)),
           NewsFilter(sources=("hnmo", "tuổi trẻ")), NewsFilter(date(2019, 1, 1), None, ("hnmo",)), NewsFilter()]


def test_admits_and_the_numpy_mask_agree_on_every_unit():
    days = np.array([day_number(p) or 0 for p, _ in UNITS])
    names = sorted({k for _, s in UNITS if (k := source_key(s))})
    ids = np.array([names.index(source_key(s)) if s else -1 for _, s in UNITS])
    for f in FILTERS:
        assert f.mask(days, ids, names).tolist() == [f.admits(p, s) for p, s in UNITS], f
        # a stored unit's metadata (what Chroma's where tests) gives the same answers
        assert [f.admits_stored(unit_facets(p, s)) for p, s in UNITS] == [f.admits(p, s) for p, s in UNITS], f
        # a unit without the keys at all (never written so by this vnqa): Chroma's where on
        # ``day`` does not match it, even {"day": 0}
        assert f.admits_stored({}) is (not f.dated and not f.sources), f
        assert f.admits_stored({"day": None, "source_key": None}) is (not f.dated and not f.sources), f


def test_facets_built_from_stored_keys_admit_what_admits_does():
    stored = [unit_facets(p, s) for p, s in UNITS]
    facets = Facets.of([m["day"] for m in stored], [m["source_key"] for m in stored])
    assert len(facets) == len(UNITS)
    assert facets.source_names == tuple(sorted({source_key(s) for _, s in UNITS if s}))
    for f in FILTERS:
        assert facets.admitted(f).tolist() == [f.admits(p, s) for p, s in UNITS], f
    assert len(Facets.empty()) == 0 and Facets.empty().admitted(FILTERS[0]).tolist() == []


def test_undated_articles_fail_a_period_and_pass_a_source_filter():
    assert not NewsFilter(since=date(2000, 1, 1)).admits(None, "HNMO")
    assert not NewsFilter(until=date(2100, 1, 1)).admits("2019-07", "HNMO")
    assert NewsFilter(sources=("hnmo",)).admits(None, "HNMO")
    assert all(f.admits("2019-01-01T08:00", "HNMO") for f in FILTERS)


def test_equal_filters_are_equal_however_built():
    a = NewsFilter.parse(since="2019-01-01", sources=["B", "a"])
    b = NewsFilter(date(2019, 1, 1), None, ("A", "b", "a"))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert list(itertools.chain(a.sources)) == ["a", "b"]
    assert a.describe() == "published 2019-01-01..…, sources a, b"


def test_a_period_may_keep_undated_articles():
    strict = NewsFilter.parse(since="2019-01-01", until="2020-12-31")
    loose = NewsFilter(strict.since, strict.until, keep_undated=True)
    for f, undated in ((strict, False), (loose, True)):
        assert f.admits(None, "x") is undated and f.admits("2019-05-01", None) and not f.admits("2021-01-01", None)
        days = np.array([0, 20190501, 20210101])
        assert f.mask(days, np.array([-1, -1, -1]), []).tolist() == [undated, True, False]
    assert loose.where() == {"$or": [{"$and": [{"day": {"$gte": 20190101}}, {"day": {"$lte": 20201231}}]},
                                     {"day": 0}]}
    until_only = NewsFilter.parse(until="2019-12-31")
    assert until_only.where() == {"$and": [{"day": {"$gte": 1}}, {"day": {"$lte": 20191231}}]}
    assert not until_only.admits(None, None)
