"""The HTTP face of vnqa: one server for the Gradio chat UI, the JSON API and the OpenAI API.

``server.app.build_server(assistant)`` returns a FastAPI app with the UI mounted at ``/``,
``POST /api/ask`` and ``POST /v1/chat/completions``; ``server.app.serve`` runs it. Accounts
(:mod:`qa.accounts`) are enforced here, at the edge: the login page for the UI, bearer tokens
for the APIs. Data flows ``server -> ui -> qa -> vectorstore``.
"""
