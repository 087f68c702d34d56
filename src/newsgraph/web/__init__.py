"""The web app and REST API over the knowledge base (FastAPI + Jinja2, no CDN)."""
