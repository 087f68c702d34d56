"""Renderers of records for people (Markdown); HTML lives in web/."""
