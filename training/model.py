"""The reader network: the lower layers of EmbeddingGemma and a start/end head.

Why this backbone: EmbeddingGemma-300M is already shipped, pinned and hash-checked (no new model
to trust), reads Vietnamese and English in one space (English questions over Vietnamese text is
what the product needs), and its bidirectional attention makes it an encoder. Only its lower
``layers`` are kept: they hold most of the token-level reading and cost a fraction of the 24
(docs/EVALUATION.md has the measurements). The head scores each token as the start and as the
end of the answer; position 0 (``<bos>``) stands for "no answer" (SQuAD 2.0).
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn


def load_encoder(model_dir: Path, layers: int) -> nn.Module:
    """EmbeddingGemma's transformer (``Gemma3TextModel``) cut to its first ``layers`` layers."""
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(model_dir)
    if not 1 <= layers <= config.num_hidden_layers:
        raise ValueError(f"layers must be 1..{config.num_hidden_layers}, got {layers}")
    config.num_hidden_layers = layers
    config.layer_types = list(config.layer_types[:layers])
    config.use_cache = False
    return AutoModel.from_pretrained(model_dir, config=config)


class ReaderModel(nn.Module):
    """``input_ids, attention_mask -> (start_logits, end_logits)``, each ``(batch, tokens)``."""

    def __init__(self, encoder: nn.Module, hidden: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.qa = nn.Linear(hidden, 2)
        nn.init.normal_(self.qa.weight, std=0.02)
        nn.init.zeros_(self.qa.bias)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        logits = self.qa(states)
        pad = attention_mask == 0
        start = logits[..., 0].masked_fill(pad, -1e4)
        end = logits[..., 1].masked_fill(pad, -1e4)
        return start, end


def build(model_dir: Path, layers: int, *, train_layers: int | None = None) -> ReaderModel:
    """The reader with only its top ``train_layers`` layers and the head trainable (None: all layers).

    The word embeddings always stay frozen: they are most of the parameters, the training data
    touches few of their rows, and keeping them as shipped keeps the English-Vietnamese space
    the embedding model learned.
    """
    encoder = load_encoder(model_dir, layers)
    model = ReaderModel(encoder, encoder.config.hidden_size)
    for p in encoder.parameters():
        p.requires_grad = False
    trainable = layers if train_layers is None else min(train_layers, layers)
    for layer in encoder.layers[layers - trainable:]:
        for p in layer.parameters():
            p.requires_grad = True
    for p in encoder.norm.parameters():
        p.requires_grad = True
    return model
