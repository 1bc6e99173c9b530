"""LangChain adapters against the real index and model."""

import pytest

from qa.integrations import VnqaRetriever, as_langchain_vectorstore

pytestmark = pytest.mark.real


def test_langchain_vectorstore_over_the_same_collection(real_assistant):
    store = as_langchain_vectorstore(real_assistant.index, real_assistant.embedder)
    docs = store.similarity_search("Bí thư Thành ủy Móng Cái Lê Văn Ánh", k=2)
    assert docs[0].metadata["doc_id"] == "002_b05b5ef40b98d4fc"


def test_langchain_retriever_returns_documents(real_assistant):
    docs = VnqaRetriever(assistant=real_assistant, k=3).invoke("Móng Cái luân chuyển bao nhiêu lượt cán bộ năm 2019?")
    assert len(docs) == 3 and docs[0].metadata["doc_id"] == "002_b05b5ef40b98d4fc" and docs[0].page_content
