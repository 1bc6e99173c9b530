"""The Gradio face of vnqa: ``build_app(assistant) -> gr.Blocks`` and ``launch``.

Layout: the chat (streamed answers, example questions, clear button) with the cited passages
under it as cards - clicking a card opens the whole cleaned article with the passage marked -
and a side panel with settings (passages retrieved, answer mode, interface language), the
list of indexed articles and an upload box. All logic testable without a browser lives in
``ui.chat``, ``ui.render`` and ``ui.library``; this module only lays out and wires.
"""

from __future__ import annotations

import html
from typing import Any

import gradio as gr

from qa.errors import QAError
from qa.settings import TOP_K_MAX
from ui.chat import respond
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


def build_app(assistant: Any, *, language: str = "vi") -> gr.Blocks:
    upload_dir = assistant.settings.data_dir / "uploads"
    labels0 = LABELS[language]

    def list_articles(lang: str) -> str:
        try:
            return articles_table(assistant.articles(), labels=LABELS[lang])
        except QAError as exc:
            return f'<div class="vnqa-empty">{html.escape(str(exc))}</div>'

    with gr.Blocks(title="vnqa") as app:
        lang = gr.State(language)
        answer = gr.State(None)
        header = gr.Markdown(f"## {labels0['title']}\n{labels0['subtitle']}", elem_id="vnqa-header")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="vnqa", height=420, elem_id="vnqa-chat")
                with gr.Row():
                    box = gr.Textbox(placeholder=labels0["placeholder"], show_label=False, scale=8,
                                     elem_id="vnqa-input", max_lines=4)
                    send = gr.Button(labels0["send"], variant="primary", scale=1, elem_id="vnqa-send")
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
                with gr.Accordion(labels0["settings"], open=True) as settings_box:
                    top_k = gr.Slider(1, TOP_K_MAX, value=assistant.settings.retrieval.top_k, step=1,
                                      label=labels0["top_k"], elem_id="vnqa-topk")
                    mode = gr.Radio(_mode_choices(labels0), value=assistant.settings.answer.mode, label=labels0["mode"],
                                    elem_id="vnqa-mode")
                    lang_pick = gr.Radio(["vi", "en"], value=language, label=labels0["language"], elem_id="vnqa-lang")
                articles_title = gr.Markdown(f"#### {labels0['articles']}")
                articles = gr.HTML(elem_id="vnqa-articles")
                files = gr.File(label=labels0["upload"], file_count="multiple", elem_id="vnqa-upload",
                                file_types=[".txt", ".md", ".html", ".htm"])
                index_btn = gr.Button(labels0["index_button"], elem_id="vnqa-index")
                index_status = gr.Markdown(elem_id="vnqa-index-status")

        def on_submit(message: str, history: list, lg: str, k: float, md: str):
            for update in respond(assistant, message, history, language=lg, top_k=int(k), mode=md):
                yield update.history, "", (update.answer if update.answer is not None else gr.skip())

        # One endpoint for the button and Enter, named so scripts (and the load tests) can call it.
        gr.on([send.click, box.submit], on_submit, [box, chatbot, lang, top_k, mode], [chatbot, box, answer],
              api_name="ask")
        clear.click(lambda lg: ([], "", None, f'<div class="vnqa-empty">{LABELS[lg]["viewer_hint"]}</div>'),
                    [lang], [chatbot, box, answer, viewer])

        def on_index(paths: list | None, lg: str, progress: gr.Progress = gr.Progress(track_tqdm=True)):
            lb = LABELS[lg]
            if not paths:
                return lb["no_files"], gr.skip(), gr.skip()
            saved = save_uploads(paths, upload_dir, allowed_roots=gradio_upload_roots())
            lines = []
            if saved.paths:
                try:
                    report = assistant.index_paths(saved.paths, prune=False, show_progress=True)
                except QAError as exc:
                    return f"❌ {escape_markdown(str(exc))}", gr.skip(), gr.skip()
                lines.append(lb["indexed"].format(added=len(report.added), updated=len(report.updated),
                                                  unchanged=len(report.unchanged)))
                lines += [f"- {lb['skipped']}: {escape_markdown(w)}" for w in report.warnings]
            lines += [f"- {lb['skipped']}: {escape_markdown(r)}" for r in saved.refused]
            return "\n".join(lines), list_articles(lg), None

        index_btn.click(on_index, [files, lang], [index_status, articles, files])

        def on_language(lg: str):
            lb = LABELS[lg]
            return (lg, f"## {lb['title']}\n{lb['subtitle']}", gr.update(placeholder=lb["placeholder"]),
                    gr.update(value=lb["send"]), gr.update(value=lb["clear"]), f"#### {lb['sources']}",
                    gr.update(label=lb["top_k"]), gr.update(label=lb["mode"], choices=_mode_choices(lb)),
                    gr.update(label=lb["language"]),
                    f"#### {lb['articles']}", gr.update(label=lb["upload"]), gr.update(value=lb["index_button"]),
                    list_articles(lg), gr.update(label=lb["settings"]))

        lang_pick.change(on_language, [lang_pick], [lang, header, box, send, clear, sources_title, top_k, mode,
                                                    lang_pick, articles_title, files, index_btn, articles,
                                                    settings_box])
        app.load(list_articles, [lang], [articles])
        del examples
    return app


def launch(assistant: Any, *, host: str = "127.0.0.1", port: int = 7860) -> None:
    app = build_app(assistant, language=assistant.settings.ui.language)
    app.queue(default_concurrency_limit=4).launch(server_name=host, server_port=port, css=CSS, show_error=False,
                                                  footer_links=[])
