"""The article page's segments (web/highlight.py) on real pipeline output: every claim's words
carry its id, every mention links to its actor, and the segments give back the text."""
from __future__ import annotations

from newsgraph.web.highlight import segments


def test_segments_mark_claims_and_link_mentions(analyze):
    rec = analyze("Mayor Vitali Klitschko said two bridges in Kyiv were closed on Sunday. "
                  "The city council denied that the metro had stopped, Ukrinform reported.")
    assert rec["claims"] and rec["entities"]
    segs = segments(rec, href=lambda e: "/actors/" + e["id"])
    assert "".join(s.text for s in segs) == rec["text"]
    pos, covered = 0, []
    for s in segs:
        covered.append((pos, pos + len(s.text), s))
        pos += len(s.text)

    def segs_in(start, end):
        return [s for a, b, s in covered if start <= a and b <= end and a < b]

    for c in rec["claims"]:
        spans = [c["content"]] + ([c["cue"]] if c.get("cue") else [])
        if c["source"].get("start") is not None:
            spans.append(c["source"])
        for span in spans:
            inside = segs_in(span["start"], span["end"])
            assert inside and all(c["id"] in s.claims for s in inside), (c["id"], span)
    for e in rec["entities"]:
        for m in e["mentions"]:
            inside = segs_in(m["start"], m["end"])
            assert inside and all(s.href for s in inside)
    # a segment outside every mark carries nothing
    plain = [s for s in segs if not s.classes]
    assert all(not s.claims and s.href is None for s in plain)
    # without href, no links
    assert all(s.href is None for s in segments(rec))
