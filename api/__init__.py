"""HTTP front end: FastAPI app (chat, SSE, OpenAI-compatible API, stats, admin, web page) over the core."""
