"""LangChain adapters: use vnqa's index and retriever inside LangChain pipelines.

The embedder already is a LangChain ``Embeddings``. These wrap the rest:
:func:`as_langchain_vectorstore` opens the same Chroma collection as a ``langchain_chroma``
vector store, and :class:`VnqaRetriever` exposes any vnqa retriever (hybrid by default) as a
LangChain ``BaseRetriever`` returning ``Document`` objects with vnqa's metadata.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever


def as_langchain_vectorstore(index: Any, embedder: Any) -> Any:
    """A ``langchain_chroma.Chroma`` over the index's own chunk collection (same client)."""
    from langchain_chroma import Chroma

    index.check_model()
    return Chroma(client=index.client, collection_name=index.name, embedding_function=embedder,
                  create_collection_if_not_exists=False)


class VnqaRetriever(BaseRetriever):
    """LangChain retriever over an :class:`~qa.assistant.Assistant`'s retriever.

    Example::

        retriever = VnqaRetriever(assistant=Assistant(), k=5)
        docs = retriever.invoke("how many cadres did Hà Nội rotate?")
    """

    assistant: Any
    k: int | None = None  # None: the assistant's configured top_k

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [
            Document(page_content=p.text, id=p.chunk_id, metadata={
                "doc_id": p.doc_id, "title": p.title, "score": p.score, "start": p.start, "end": p.end,
                "published": p.published, "source": p.source})
            for p in self.assistant.search(query, k=self.k)
        ]
