"""The document layer: the analysed document every extractor reads (``types``), built complete
once (``builder``), with one cached dependency tree (``tree``), one entity/mention index
(``mentions``) and the dependency-role groups of both label schemes (``labels``)."""
from .builder import analyze_document, build_document, text_document
from .mentions import MentionIndex, MentionRef
from .tree import DocTree
from .types import ENTITY_TYPES, AnalyzedDoc, NerSpan, Sentence, Token

__all__ = ["ENTITY_TYPES", "AnalyzedDoc", "DocTree", "MentionIndex", "MentionRef", "NerSpan",
           "Sentence", "Token", "analyze_document", "build_document",
           "text_document"]
