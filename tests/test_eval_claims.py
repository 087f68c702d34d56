"""The uk/ru attribution dev sets and their scorer (eval/claims.py)."""
from newsgraph.eval import claims as ev


def test_dev_sets_are_well_formed():
    for lang in ev.LANGS:
        gold = ev.load_gold(lang)
        assert len(gold) >= 40
        assert {g["half"] for g in gold} == {"tune", "check"}
        for g in gold:
            assert g["lang"] == lang and g["dataset"] in ev.ARCHIVES
            assert g["cue"]["end"] > g["cue"]["start"] >= 0
            assert g["status"] in ("asserted", "confirmed", "denied", "no_comment",
                                   "unreachable", "alleged", "retracted")
            assert isinstance(g["via"], list)
        assert len({g["id"] for g in gold}) == len(gold)


def test_names_match_inflected_forms_but_not_other_names():
    assert ev.names_match("Дмитрий Песков", ["пресс-секретарь Дмитрия Пескова"])
    assert ev.names_match("Алла Бут", ["Аллы Бут"])
    assert not ev.names_match("Алла Бут", ["Виктор Бут"])
    assert not ev.names_match("Песков", ["ТАСС"])
    assert ev.names_match("", [])


def test_score_claim_fields():
    gold = {"cue": {"start": 10, "end": 16}, "content": {"start": 0, "end": 8},
            "source": "Песков", "via": ["ТАСС"], "status": "denied"}
    record = {"outlet": "Коммерсант", "entities": [{"id": "e1", "name": "Дмитрий Песков"}],
              "claims": [{"cue": {"start": 10, "end": 16}, "content": {"start": 0, "end": 9},
                          "source": {"entity": "e1", "text": "Песков", "kind": "named"},
                          "via": [{"text": "ТАСС"}, {"text": "Коммерсант"}],
                          "status": "asserted"}]}
    res = ev.score_claim(gold, record)
    assert res["found"] and res["source"] and res["via"] and res["cue"] and res["content"]
    assert not res["status"]
    assert ev.score_claim(gold, {"claims": []}) == {"found": False}
