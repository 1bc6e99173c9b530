"""``POST /api/ask``: one question in, the :class:`~qa.types.Answer` out, as ``qa ask --json`` prints it.

Example::

    curl -s localhost:7860/api/ask -H "Authorization: Bearer $TOKEN" \\
         -H 'content-type: application/json' -d '{"question": "Hà Nội luân chuyển bao nhiêu cán bộ?"}'
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from qa.accounts import Account
from server.deps import AskFn, asker, caller


class AskRequest(BaseModel):
    """The body of ``POST /api/ask``; the same options as ``qa ask``."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(..., description="Vietnamese or English.")
    top_k: int | None = Field(None, description="Passages to retrieve, 1-50 (default from settings).")
    mode: Literal["extractive", "llm"] | None = None
    history: list[str] = Field(default_factory=list, description="Earlier questions of this conversation, oldest first.")
    since: date | None = Field(None, description="Only articles published on or after this day.")
    until: date | None = Field(None, description="Only articles published on or before this day.")
    sources: list[str] | None = Field(None, description="Only articles from these sources.")

    def filters(self) -> dict[str, Any]:
        """The news filters that were given (absent ones are not passed, so defaults apply)."""
        return {k: v for k, v in (("since", self.since), ("until", self.until), ("sources", self.sources)) if v}


router = APIRouter()


@router.post("/api/ask")
def ask(body: AskRequest, account: Account = Depends(caller), run: AskFn = Depends(asker)) -> dict:  # noqa: ARG001
    """Answer one question with citations (the fields of ``qa ask --json``)."""
    answer = run(body.question, k=body.top_k, mode=body.mode, history=body.history, **body.filters())
    return answer.to_dict()
