"""Attribution analysis helpers for extract/claims.py: lexicon (language data), rules
(candidate finding), resolve (sources, chain, hedges)."""
