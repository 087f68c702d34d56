"""Engines run the pipeline over many articles: local.py (worker processes), ray.py (Ray Data).
Whatever the engine, the records are the same."""
