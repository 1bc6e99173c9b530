"""The Gradio face of vnqa: ``build_app(assistant) -> gr.Blocks`` and ``launch``.

The UI only talks to the :class:`~qa.assistant.Assistant` it is given; all logic that can
be tested without a browser lives in ``ui.chat`` and ``ui.render``.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui.chat import respond
from ui.i18n import EXAMPLES, LABELS

CSS = """
.vnqa-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; margin: 8px 0; background: #fafbfc;}
.vnqa-card-title {font-weight: 600;}
.vnqa-card-meta {color: #57606a; font-size: 0.85em; margin: 2px 0 6px;}
.vnqa-card-text {white-space: pre-wrap; line-height: 1.45;}
.vnqa-card mark {background: #fff3a3; padding: 0 2px;}
.vnqa-empty {color: #57606a; font-style: italic;}
"""


def build_app(assistant: Any, *, language: str = "vi") -> gr.Blocks:
    labels = LABELS[language]
    with gr.Blocks(title="vnqa") as app:
        gr.Markdown(f"## {labels['title']}\n{labels['subtitle']}")
        chatbot = gr.Chatbot(label="vnqa", height=420, elem_id="vnqa-chat")
        with gr.Row():
            box = gr.Textbox(placeholder=labels["placeholder"], show_label=False, scale=8, elem_id="vnqa-input")
            send = gr.Button(labels["send"], variant="primary", scale=1, elem_id="vnqa-send")
        gr.Examples(EXAMPLES, inputs=box, label=labels["examples"])
        gr.Markdown(f"#### {labels['sources']}")
        sources = gr.HTML(elem_id="vnqa-sources")
        clear = gr.Button(labels["clear"], elem_id="vnqa-clear")

        def on_submit(message: str, history: list):
            for hist, html in respond(assistant, message, history, language=language):
                yield hist, html, ""

        send.click(on_submit, [box, chatbot], [chatbot, sources, box])
        box.submit(on_submit, [box, chatbot], [chatbot, sources, box])
        clear.click(lambda: ([], "", ""), None, [chatbot, sources, box])
    return app


def launch(assistant: Any, *, host: str = "127.0.0.1", port: int = 7860) -> None:
    app = build_app(assistant, language=assistant.settings.ui.language)
    app.queue(default_concurrency_limit=4).launch(server_name=host, server_port=port, css=CSS, show_error=False)
