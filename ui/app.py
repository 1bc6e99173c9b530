"""The Gradio face of vnqa: ``build_app(assistant) -> gr.Blocks`` and ``launch``.

Layout: the chat (streamed answers, example questions, clear button) with the cited passages
under it as cards - clicking a card opens the whole cleaned article with the passage marked -
and a side panel with settings (passages retrieved, answer mode, interface language), the
list of indexed articles and, for editors, an upload box and a remove control. All logic
testable without a browser lives in ``ui.chat``, ``ui.render`` and ``ui.library``; this module
only lays out and wires. Who may change the articles is decided per event, on the server, from
``account_of(request.username)``: hiding the controls from readers is a courtesy, not the lock.
Serving (with the APIs and the login page) is :mod:`server.app`'s job.
"""

from __future__ import annotations

import html
from typing import Any, Callable

import gradio as gr

from qa.accounts import Account
from qa.errors import QAError
from qa.feedback import FeedbackStore
from qa.settings import TOP_K_MAX
from ui.chat import respond
from ui.feedback import LABELS as FEEDBACK_LABELS, record_correction, record_like, remember
from ui.i18n import EXAMPLES, LABELS
from ui.library import gradio_upload_roots, save_uploads
from ui.render import article_html, articles_table, citation_card, escape_markdown

CSS = """
.vnqa-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; margin: 4px 0; background: #fafbfc;
            cursor: pointer;}
.vnqa-card:hover {border-color: #4a7ebb; background: #f3f7fc;}
.vnqa-card-title {font-weight: 600;}
.vnqa-card-meta {color: #57606a; font-size: 0.85em; margin: 2px 0 6px;}
.vnqa-card-text {white-space: pre-wrap; line-height: 1.45;}
.vnqa-card mark, .vnqa-span {background: #ffe066; padding: 0 2px; font-weight: 600;}
.vnqa-passage {background: #fff7cc;}
.vnqa-empty {color: #57606a; font-style: italic;}
.vnqa-article {max-height: 520px; overflow-y: auto; line-height: 1.5; border-left: 3px solid #4a7ebb; padding-left: 12px;}
.vnqa-articles {width: 100%; font-size: 0.85em;} .vnqa-articles td, .vnqa-articles th {padding: 3px 4px;}
"""


def _mode_choices(lb: dict[str, str]) -> list[tuple[str, str]]:
    return [(lb["mode_extractive"], "extractive"), (lb["mode_llm"], "llm")]


def build_app(assistant: Any, *, language: str = "vi",
              account_of: Callable[[str | None], Account | None] | None = None) -> gr.Blocks:
    """The chat page. ``account_of``: the account of a logged-in user name (None: no such
    account); default: everyone is a local editor."""
    upload_dir = assistant.settings.data_dir / "uploads"
    labels0 = LABELS[language]
    account_of = account_of or Account.local_editor
    feedback_store = FeedbackStore(assistant.settings.feedback_path)
    fb0 = FEEDBACK_LABELS[language]

    def editor(request: gr.Request | None) -> Account | None:
        account = account_of(getattr(request, "username", None))
        return account if account is not None and account.can_edit else None

    def read_catalog() -> tuple[list, str | None]:
        """The indexed articles, read once per event (listing the catalog grows with the archive),
        or the error that prevented it."""
        try:
            return assistant.articles(), None
        except QAError as exc:
            return [], str(exc)

    def source_choices(records: list) -> list[str]:
        return sorted({r.source for r in records if r.source}, key=str.casefold)

    def article_choices(records: list) -> list[tuple[str, str]]:
        return [(f"{r.title[:70] or r.doc_id} · {r.doc_id}", r.doc_id) for r in records]

    def list_articles(lang: str, catalog: tuple[list, str | None] | None = None) -> str:
        records, error = catalog or read_catalog()
        if error is not None:
            return f'<div class="vnqa-empty">{html.escape(error)}</div>'
        return articles_table(records, labels=LABELS[lang])

    # Gradio's copies of uploaded files are deleted after an hour (ours are in <data_dir>/uploads)
    with gr.Blocks(title="vnqa", delete_cache=(3600, 3600)) as app:
        lang = gr.State(language)
        answer = gr.State(None)
        turns = gr.State({})  # chat message index -> the answer shown there and its rating (👍/👎)
        header = gr.Markdown(f"## {labels0['title']}\n{labels0['subtitle']}", elem_id="vnqa-header")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="vnqa", height=420, elem_id="vnqa-chat")
                with gr.Row():
                    box = gr.Textbox(placeholder=labels0["placeholder"], show_label=False, scale=8,
                                     elem_id="vnqa-input", max_lines=4)
                    send = gr.Button(labels0["send"], variant="primary", scale=1, elem_id="vnqa-send")
                with gr.Row():
                    correction = gr.Textbox(label=fb0["correction_label"], placeholder=fb0["correction_placeholder"],
                                            scale=8, max_lines=2, elem_id="vnqa-correction")
                    correct_btn = gr.Button(fb0["correction_button"], scale=1, elem_id="vnqa-correct")
                examples = gr.Examples(EXAMPLES, inputs=box, label=labels0["examples"])
                sources_title = gr.Markdown(f"#### {labels0['sources']}")
                with gr.Column(elem_id="vnqa-sources"):
                    @gr.render(inputs=[answer, lang])
                    def cards(ans: Any, lg: str) -> None:
                        lb = LABELS[lg]
                        if ans is None:
                            return
                        if ans.abstained or not ans.citations:
                            gr.HTML(f'<div class="vnqa-empty">{lb["no_sources"]}</div>')
                            return
                        for c in ans.citations:
                            card = gr.HTML(citation_card(c, labels=lb), elem_classes=["vnqa-card-wrap"])
                            card.click(lambda c=c, lg=lg: article_html(assistant.index.get_article(c.doc_id), c,
                                                                       labels=LABELS[lg]), None, viewer)
                viewer = gr.HTML(f'<div class="vnqa-empty">{labels0["viewer_hint"]}</div>', elem_id="vnqa-viewer")
                clear = gr.Button(labels0["clear"], elem_id="vnqa-clear")
            with gr.Column(scale=1, min_width=280):
                whoami = gr.Markdown(elem_id="vnqa-whoami")
                with gr.Accordion(labels0["settings"], open=True) as settings_box:
                    top_k = gr.Slider(1, TOP_K_MAX, value=assistant.settings.retrieval.top_k, step=1,
                                      label=labels0["top_k"], elem_id="vnqa-topk")
                    mode = gr.Radio(_mode_choices(labels0), value=assistant.settings.answer.mode, label=labels0["mode"],
                                    elem_id="vnqa-mode")
                    lang_pick = gr.Radio(["vi", "en"], value=language, label=labels0["language"], elem_id="vnqa-lang")
                    # news filters: go into the store's search (Chroma's where, BM25's mask)
                    with gr.Row():
                        since_box = gr.Textbox(label=labels0["since"], placeholder="2019-01-01", max_lines=1,
                                               elem_id="vnqa-since")
                        until_box = gr.Textbox(label=labels0["until"], placeholder="2019-12-31", max_lines=1,
                                               elem_id="vnqa-until")
                    sources_pick = gr.Dropdown([], multiselect=True, label=labels0["sources_pick"],
                                               allow_custom_value=True, elem_id="vnqa-sources-pick")
                articles_title = gr.Markdown(f"#### {labels0['articles']}")
                articles = gr.HTML(elem_id="vnqa-articles")
                # editors only: shown once the page knows who is there (on_load), hidden before
                with gr.Column(visible=False, elem_id="vnqa-editor") as editor_box:
                    files = gr.File(label=labels0["upload"], file_count="multiple", elem_id="vnqa-upload",
                                    file_types=list(assistant.settings.uploads.types))
                    index_btn = gr.Button(labels0["index_button"], elem_id="vnqa-index")
                    # custom values: the choices are filled per session, and a script calling
                    # /on_remove has no session (the role check in on_remove is the guard)
                    remove_pick = gr.Dropdown([], multiselect=True, label=labels0["remove_pick"],
                                              allow_custom_value=True, elem_id="vnqa-remove-pick")
                    remove_btn = gr.Button(labels0["remove_button"], elem_id="vnqa-remove", variant="stop")
                index_status = gr.Markdown(elem_id="vnqa-index-status")

        def on_submit(message: str, history: list, lg: str, k: float, md: str, since: str, until: str,
                      sources: list | None, tn: dict):
            for update in respond(assistant, message, history, language=lg, top_k=int(k), mode=md,
                                  since=(since or "").strip() or None, until=(until or "").strip() or None,
                                  sources=list(sources or []) or None):
                done = update.answer is not None
                yield (update.history, "", update.answer if done else gr.skip(),
                       remember(tn, update.history, update.answer) if done else gr.skip())

        # One endpoint for the button and Enter, named so scripts (and the load tests) can call it.
        gr.on([send.click, box.submit], on_submit,
              [box, chatbot, lang, top_k, mode, since_box, until_box, sources_pick, turns],
              [chatbot, box, answer, turns], api_name="ask")
        clear.click(lambda lg: ([], "", None, f'<div class="vnqa-empty">{LABELS[lg]["viewer_hint"]}</div>', {}),
                    [lang], [chatbot, box, answer, viewer, turns])
        chatbot.clear(lambda: ({}, None), None, [turns, answer], api_visibility="private")

        def on_like(tn: dict, lg: str, like: gr.LikeData, request: gr.Request):
            try:
                update = record_like(feedback_store, like, tn, user=getattr(request, "username", None), language=lg)
            except QAError as exc:
                raise gr.Error(str(exc)) from exc
            if update.note:
                gr.Info(update.note)
            return update.turns

        chatbot.like(on_like, [turns, lang], [turns], api_visibility="private")

        def on_correct(text: str, tn: dict, lg: str, request: gr.Request):
            try:
                update = record_correction(feedback_store, text, tn, user=getattr(request, "username", None),
                                           language=lg)
            except QAError as exc:
                raise gr.Error(str(exc)) from exc
            gr.Info(update.note)
            return update.turns, ("" if update.feedback else gr.skip())

        gr.on([correct_btn.click, correction.submit], on_correct, [correction, turns, lang], [turns, correction],
              api_visibility="private")

        def on_index(paths: list | None, lg: str, history: list, request: gr.Request,
                     progress: gr.Progress = gr.Progress(track_tqdm=True)):
            lb = LABELS[lg]
            account = editor(request)
            if account is None:
                return f"❌ {lb['editors_only']}", gr.skip(), None, gr.skip(), gr.skip()
            if not paths:
                return lb["no_files"], gr.skip(), gr.skip(), gr.skip(), gr.skip()
            saved = save_uploads(paths, upload_dir, allowed_roots=gradio_upload_roots(),
                                 limits=assistant.settings.uploads)
            lines = []
            if saved.paths:
                try:
                    report = assistant.index_paths(saved.paths, prune=False, show_progress=True, actor=account.name)
                except QAError as exc:
                    return f"❌ {escape_markdown(str(exc))}", gr.skip(), gr.skip(), gr.skip(), gr.skip()
                lines.append(lb["indexed"].format(added=len(report.added), updated=len(report.updated),
                                                  unchanged=len(report.unchanged)))
                lines += [f"- {lb['skipped']}: {escape_markdown(w)}" for w in report.warnings]
            refused = [f"- {escape_markdown(r)}" for r in saved.refused]
            if refused:  # said in the chat too, where the user is looking
                history = [*(history or []), {"role": "assistant",
                                              "content": f"⚠️ **{lb['upload_refused']}**:\n" + "\n".join(refused)}]
            lines += [f"- {lb['skipped']}: {escape_markdown(r)}" for r in saved.refused]
            catalog = read_catalog()
            return ("\n".join(lines), list_articles(lg, catalog), None, history if refused else gr.skip(),
                    gr.update(choices=article_choices(catalog[0]), value=[]))

        index_btn.click(on_index, [files, lang, chatbot], [index_status, articles, files, chatbot, remove_pick])

        def on_remove(doc_ids: list | None, lg: str, request: gr.Request):
            lb = LABELS[lg]
            account = editor(request)
            if account is None:
                return f"❌ {lb['editors_only']}", gr.skip(), gr.skip()
            if not doc_ids:
                return lb["nothing_picked"], gr.skip(), gr.skip()
            try:
                removed = assistant.remove_articles(list(doc_ids), actor=account.name)
            except QAError as exc:
                return f"❌ {escape_markdown(str(exc))}", gr.skip(), gr.skip()
            catalog = read_catalog()
            return (lb["removed"].format(n=len(removed)), list_articles(lg, catalog),
                    gr.update(choices=article_choices(catalog[0]), value=[]))

        remove_btn.click(on_remove, [remove_pick, lang], [index_status, articles, remove_pick])

        def on_load(lg: str, request: gr.Request):
            lb = LABELS[lg]
            name = getattr(request, "username", None)
            account = account_of(name)
            who = ""
            if name and account is not None:
                who = (lb["signed_in"].format(name=escape_markdown(account.name), role=lb[f"role_{account.role}"])
                       + f" · [{lb['logout']}](/logout)")
            can_edit = account is not None and account.can_edit
            catalog = read_catalog()
            return (list_articles(lg, catalog), who, gr.update(visible=can_edit),
                    gr.update(choices=article_choices(catalog[0]) if can_edit else [], value=[]),
                    gr.update(choices=source_choices(catalog[0])))

        def on_language(lg: str):
            lb = LABELS[lg]
            return (lg, f"## {lb['title']}\n{lb['subtitle']}", gr.update(placeholder=lb["placeholder"]),
                    gr.update(value=lb["send"]), gr.update(value=lb["clear"]), f"#### {lb['sources']}",
                    gr.update(label=lb["top_k"]), gr.update(label=lb["mode"], choices=_mode_choices(lb)),
                    gr.update(label=lb["language"]),
                    f"#### {lb['articles']}", gr.update(label=lb["upload"]), gr.update(value=lb["index_button"]),
                    list_articles(lg), gr.update(label=lb["settings"]), gr.update(label=lb["remove_pick"]),
                    gr.update(value=lb["remove_button"]),
                    gr.update(label=FEEDBACK_LABELS[lg]["correction_label"],
                              placeholder=FEEDBACK_LABELS[lg]["correction_placeholder"]),
                    gr.update(value=FEEDBACK_LABELS[lg]["correction_button"]),
                    gr.update(label=lb["since"]), gr.update(label=lb["until"]), gr.update(label=lb["sources_pick"]))

        lang_pick.change(on_language, [lang_pick], [lang, header, box, send, clear, sources_title, top_k, mode,
                                                    lang_pick, articles_title, files, index_btn, articles,
                                                    settings_box, remove_pick, remove_btn, correction,
                                                    correct_btn, since_box, until_box, sources_pick])
        app.load(on_load, [lang], [articles, whoami, editor_box, remove_pick, sources_pick])
        del examples
    return app
