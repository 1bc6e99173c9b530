# vnqa: `make run` (install, fetch models, index, serve) and `make test`.
# Every target is idempotent: re-running skips work already done.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
QA     := $(BIN)/qa
INSTALLED := $(VENV)/.installed-stamp

.PHONY: run test test-fast install models index serve eval bench browser ranker lexicon reader clean help

help:
	@echo "make run    - install, fetch and verify models, index the bundled articles, serve http://127.0.0.1:7860"
	@echo "make test   - run the whole test suite (installs what it needs first)"
	@echo "make test-fast - unit tests only (fakes, no model)"
	@echo "make models / index / serve / eval / bench / ranker (re-fit the answer ranker) / lexicon (re-fit the"
	@echo "     English -> Vietnamese lexicon) / reader (re-train the reader) / clean"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first and pinned: the CPU build lies on local disk; anything that pulled a newer
# torch would download gigabytes of CUDA.
$(INSTALLED): pyproject.toml | $(BIN)/python
	@echo ">>> installing torch (CPU build) and vnqa into $(VENV)"
	$(BIN)/pip install --progress-bar on "torch==2.13.0"
	$(BIN)/pip install --progress-bar on -e ".[test,distributed]"
	@touch $@

install: $(INSTALLED)

models: install
	@echo ">>> fetching and verifying models (skipped when already verified)"
	$(QA) models fetch --llm

index: models
	@echo ">>> indexing the bundled articles (skips unchanged ones; rebuilds an index made with other embedding settings or an older sentence splitter)"
	$(QA) index --upgrade

serve: index
	$(QA) serve

run: serve

# Debian's Chromium drives the end-to-end UI test (Playwright uses it; it downloads no browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo ">>> installing Debian chromium for the browser test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || echo "!!! could not install chromium: the browser tests will be skipped"; }

test: models browser
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not real and not browser and not server and not slow"

eval: index
	$(QA) eval

bench: index
	$(QA) bench --report docs/bench/latest.md

# Re-fit the answer ranker (qa/data/ranker.json), then the reader's veto over it (qa/data/veto.json),
# on the tuning fixtures. Needs ../shared/corpora;
# indexing the 392 news articles takes ~40 min on 2 cores (skipped when already indexed).
NEWS_DIR   ?= /tmp/vnqa-news
NEWS_INDEX ?= /tmp/vnqa-news-index
BUNDLED_DIR = $$($(BIN)/python -c "from qa.settings import Settings; print(Settings().data_dir)")
TUNING_SETS = --set $(BUNDLED_DIR):evals/fixtures/vnqa.jsonl --set $(BUNDLED_DIR):evals/fixtures/public.jsonl \
              --set $(NEWS_INDEX):evals/fixtures/news
ranker: index
	$(BIN)/python -m evals.news export $(NEWS_DIR) --distractors 300
	VNQA_DATA_DIR=$(NEWS_INDEX) $(QA) index $(NEWS_DIR)
	$(BIN)/python -m evals.fit_ranker $(TUNING_SETS)
	$(BIN)/python -m evals.fit_veto $(TUNING_SETS)

# Re-fit the English -> Vietnamese lexicon (qa/data/lexicon.tsv): the 20,000 commonest English words
# (wordfreq) and the frequent words of ../shared/corpora, nearest by the embedding model. About 15 min
# on 2 cores; embedded chunks are kept in LEXICON_CACHE, so an interrupted run resumes. Then the list of
# English words that tells a foreign name in an English question from a word (qa/data/english_words.txt).
LEXICON_CACHE ?= /tmp/vnqa-lexicon-cache
lexicon: models
	$(BIN)/pip install --quiet -e ".[fit]"
	$(BIN)/python -m evals.fit_lexicon --english-words 20000 --cache $(LEXICON_CACHE)
	$(BIN)/python -m evals.fit_english_words

# Re-train the reader (qa/data/reader) from scratch, in two stages (docs/EVALUATION.md):
#  1. questions generated from ../shared/corpora and the Vietnamese SQuAD-2.0-form set, 700 steps;
#  2. from stage 1's weights, every public set of training/data/sources.json (UIT-ViQuAD, XQuAD
#     with English questions over Vietnamese paragraphs, SQuADShifts, SQuAD 2.0's unanswerables)
#     plus the generated news questions, 2,800 steps.
# The public files are copied out of local git clones of their repositories (READER_CLONES: a folder
# holding owner/name or owner+name clones; nothing is downloaded) and hash-checked. Resumable: run it
# again after an interruption and training goes on from the last checkpoint. About 2 h of training on
# 2 cores; on a GPU pass READER_DEVICE=cuda.
READER_CLONES  ?= ../qa-clones
READER_SOURCES ?= /tmp/vnqa-reader-sources
READER_DATA    ?= /tmp/vnqa-reader-data
READER_RUN     ?= /tmp/vnqa-reader-run
READER_DEVICE  ?= cpu
TRAIN_READER    = $(BIN)/python -m training.train_reader
reader: models
	$(TRAIN_READER) gather $(READER_SOURCES) --clones $(READER_CLONES)
	test -f $(READER_DATA)/stage1/train.jsonl || $(TRAIN_READER) prepare $(READER_DATA)/stage1 --news 24000 --drop-kind removed --hold-out-every 6 --qa $(READER_SOURCES)/zalo-squad2-vi-train.json
	$(TRAIN_READER) train $(READER_DATA)/stage1 $(READER_RUN)/stage1 --steps 700 --question-dropout 0.15 --device $(READER_DEVICE)
	test -f $(READER_DATA)/stage2/train.jsonl || $(TRAIN_READER) prepare $(READER_DATA)/stage2 --sources $(READER_SOURCES) --news 24000 --drop-kind removed --hold-out-every 6
	$(TRAIN_READER) train $(READER_DATA)/stage2 $(READER_RUN)/stage2 --steps 2800 --question-dropout 0.15 --question-clause 0.5 --init $(READER_RUN)/stage1 --repeat "xquad.en>xquad.vi=3" --save-every 50 --device $(READER_DEVICE)
	$(TRAIN_READER) export $(READER_RUN)/stage2 --out qa/data/reader --vocab-from $(READER_DATA)/stage2/train.jsonl
	$(TRAIN_READER) evaluate-news --write
	$(TRAIN_READER) evaluate $(READER_DATA)/stage2/heldout.jsonl
	$(TRAIN_READER) evaluate $(READER_SOURCES)/viquad1-test.json

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
