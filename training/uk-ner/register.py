"""Loaded by `spacy train --code`: registers newsgraph.uk_tokenizer.v1 (defined in lang/uk.py)."""
import newsgraph.lang.uk  # noqa: F401
