"""The document's entities as records (part of ``Resolution``)."""
from __future__ import annotations

from typing import Any


class Records:
    """Entities as ``{id, name, type, aliases, mentions, titles[, category]}`` records."""

    def records(self) -> list[dict[str, Any]]:
        out = []
        order = sorted(range(len(self.entities)),
                       key=lambda e: min((m.start for m in self.entities[e].mentions), default=1 << 60))
        n = 0
        for e in order:
            ent = self.entities[e]
            if not ent.mentions:
                continue
            n += 1
            names = [x for x in ent.names if x.strip()]
            name = max(names, key=lambda s: (len(s.split()), len(s))) if names else ent.mentions[0].text
            seen = {name.casefold()}
            aliases = []
            for x in names:
                if x.casefold() not in seen:
                    seen.add(x.casefold())
                    aliases.append(x)
            ms, last_end = [], -1
            for m in sorted(ent.mentions, key=lambda m: (m.start, -m.end)):
                if ms and m.start == ms[-1]["start"] and m.end == ms[-1]["end"]:
                    continue
                ms.append({"start": m.start, "end": m.end, "text": self.doc.text[m.start:m.end]})
            rec = {"id": f"e{n}", "name": name, "type": ent.type, "aliases": aliases,
                   "mentions": ms, "titles": list(ent.titles)}
            if ent.category:
                rec["category"] = ent.category
            out.append(rec)
        return out
