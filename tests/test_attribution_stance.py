"""Stance cues ("X supports Y", "voters want Z"), aspectual "continues to", rubric labels and
tally lines before a colon (issue #14): short texts written for these tests."""
from __future__ import annotations

from newsgraph.record import validate


def claims_of(rec):
    assert "error" not in rec, rec.get("error")
    validate(rec)
    return rec["claims"]


def cues(rec):
    return [c["cue"]["text"] for c in claims_of(rec) if c.get("cue")]


def test_stance_verb_is_a_cue(analyze):
    rec = analyze("The mayor of Dunmore supports the new tram line across the river.",
                  language="en")
    c = [c for c in claims_of(rec) if c["cue"] and c["cue"]["text"] == "supports"]
    assert c, cues(rec)
    assert "mayor" in c[0]["source"]["text"]
    assert "tram line" in c[0]["content"]["text"]


def test_want_with_clause_object(analyze):
    rec = analyze("Most farmers in the valley want a lower tax on diesel fuel.", language="en")
    c = [c for c in claims_of(rec) if c["cue"] and c["cue"]["text"] == "want"]
    assert c, cues(rec)
    assert "farmers" in c[0]["source"]["text"]
    assert "diesel" in c[0]["content"]["text"]


def test_infinitive_stance_is_no_cue(analyze):
    rec = analyze("Hundreds of students came to the hall on Friday to support the striking "
                  "teachers.", language="en")
    assert not any(c.startswith("support") for c in cues(rec)), cues(rec)


def test_stance_inside_reported_speech_is_not_a_second_claim(analyze):
    rec = analyze("Anna Berg said the council wants a new bridge over the canal.", language="en")
    found = cues(rec)
    assert "said" in found
    assert "wants" not in found, found


def test_continues_to_is_no_cue_but_continued_is(analyze):
    rec = analyze("The queue at the border continues to grow every morning.", language="en")
    assert not any(c.startswith("continue") for c in cues(rec)), cues(rec)
    rec = analyze('"We will rebuild the harbour," Mayor Tom Reeve continued.', language="en")
    assert any(c == "continued" for c in cues(rec)), cues(rec)


def test_rubric_label_before_colon_is_no_speaker(analyze):
    text = ("The Latest: Storm closes two ferry routes.\n\n"
            "Two ferry routes were closed on Monday after strong winds.\n")
    rec = analyze(text, language="en")
    assert not any(c["source"]["text"] == "The Latest" for c in claims_of(rec))
    assert ":" not in cues(rec)


def test_speaker_headline_still_a_claim(analyze):
    text = ("Governor Marsh: Schools will reopen next week.\n\n"
            "Schools in the county have been closed since the flood.\n")
    rec = analyze(text, language="en")
    c = [c for c in claims_of(rec) if c["cue"] and c["cue"]["text"] == ":"]
    assert c and "Marsh" in c[0]["source"]["text"], cues(rec)
    assert "reopen" in c[0]["content"]["text"]


def test_tally_lines_are_no_claims(analyze):
    text = ("Delegates so far.\n\nHARRIS: 412.\n\nMORALES: 388.\n\n"
            "The count continues on Tuesday.\n")
    rec = analyze(text, language="en")
    assert ":" not in cues(rec), cues(rec)


def test_transcript_label_still_a_claim(analyze):
    text = "Transcript of the call.\n\nHARRIS: We need more buses on the northern routes.\n"
    rec = analyze(text, language="en")
    c = [c for c in claims_of(rec) if c["cue"] and c["cue"]["text"] == ":"]
    assert c and c[0]["source"]["text"] == "HARRIS", cues(rec)


def test_participle_stance_takes_the_modified_noun_as_source(analyze):
    rec = analyze("Donors gave two million dollars to a committee backing the governor of Utah.",
                  language="en")
    c = [c for c in claims_of(rec) if c["cue"] and c["cue"]["text"] == "backing"]
    assert c, cues(rec)
    assert c[0]["source"]["text"] == "a committee"
    assert "governor" in c[0]["content"]["text"]


def test_vote_for_is_a_stance_but_a_bare_vote_is_not(analyze):
    rec = analyze("Most nurses in the city would vote for the union proposal.", language="en")
    c = [c for c in claims_of(rec) if c["cue"] and "vote" in c["cue"]["text"]]
    assert c and "nurses" in c[0]["source"]["text"], cues(rec)
    assert "union proposal" in c[0]["content"]["text"]
    rec = analyze("Residents voted on Tuesday in the town hall.", language="en")
    assert not any("vote" in c for c in cues(rec)), cues(rec)


def test_a_task_to_persuade_is_no_statement(analyze):
    # "X is to <cue verb>": a task or plan stated by the writer, not words of X
    rec = analyze("The envoy arrived in Tartus on Monday. Her job is to persuade local traders "
                  "that the new port rules are fair, officials said.", language="en")
    assert not any(c["source"]["text"] and "job" in c["source"]["text"]
                   for c in claims_of(rec)), [(c["source"]["text"], c["cue"]) for c in
                                              claims_of(rec)]
    assert "said" in cues(rec)


def test_a_reaction_received_is_the_givers_stance(analyze):
    """'drew criticism from X', 'won the endorsement of X': X takes the stance on the subject;
    a reaction with nobody named gives no claim."""
    rec = analyze("The tram plan has drawn harsh criticism from shop owners in Dunmore. The mayor "
                  "won the endorsement of the Dunmore Gazette on Sunday. The bridge received "
                  "praise.", language="en")
    got = {c["cue"]["text"]: (c["source"]["text"], c["content"]["text"])
           for c in claims_of(rec) if c.get("cue")}
    assert got["has drawn harsh criticism"] == ("shop owners", "The tram plan")
    assert got["won the endorsement"] == ("the Dunmore Gazette", "The mayor")
    assert not any("praise" in cue for cue in got)


def test_a_formal_it_names_no_speaker(analyze):
    """'it is worth remembering that X', 'it means admitting that X': the words stay, with no
    one named as the one who says them."""
    rec = analyze("As the council turns to the tax, it is worth remembering that the city voted "
                  "for it twice. It means admitting that the mayor speaks for thousands of "
                  "voters.", language="en")
    got = {c["cue"]["text"]: c for c in claims_of(rec) if c.get("cue")}
    for cue, words in (("remembering", "that the city voted for it twice"),
                       ("admitting", "that the mayor speaks for thousands of voters")):
        assert got[cue]["content"]["text"] == words
        assert not got[cue]["source"].get("text"), got[cue]["source"]


def test_a_finding_parsed_as_a_clause_of_its_noun_keeps_the_noun_as_source(analyze):
    """'A new survey by the institute found on Monday that X': the verb hangs on the noun as a
    clause and the noun is the one that finds."""
    rec = analyze("A new survey by the institute found on Monday that turnout in the valley "
                  "would fall.", language="en")
    got = {c["cue"]["text"]: c for c in claims_of(rec) if c.get("cue")}
    assert "survey" in got["found"]["source"]["text"], got["found"]["source"]
    assert got["found"]["content"]["text"] == "that turnout in the valley would fall"


def test_a_name_with_an_apposition_and_a_verb_tagged_as_participle_speaks(analyze):
    """'Beruff, a Scott ally, called the standards "strong."': the tagger reads 'called' as a
    participle modifying the name; the name, left without a verb, is the one who calls."""
    rec = analyze("Okafor, a Scott ally, called Florida’s standards “strong.”", language="en")
    got = {c["cue"]["text"]: c for c in claims_of(rec) if c.get("cue")}
    assert got["called"]["source"]["text"].startswith("Okafor")


def test_a_statement_issued_before_a_colon_says_the_quotation_after_it(analyze):
    """'X issued the following statement:' and the quotation below: the content is the
    quotation, not the noun 'statement'."""
    rec = analyze("In response, the mayor issued the following statement:\n\n“Our thoughts are "
                  "with the families. This cannot go on.”", language="en")
    got = {c["cue"]["text"]: c for c in claims_of(rec) if c.get("cue")}
    assert got["issued"]["source"]["text"] == "the mayor"
    assert got["issued"]["content"]["text"].startswith("“Our thoughts are with the families.")
    # without a quotation the statement itself is all there is
    rec = analyze("The mayor issued a statement on Monday.", language="en")
    got = {c["cue"]["text"]: c for c in claims_of(rec) if c.get("cue")}
    assert got["issued"]["content"]["text"] == "a statement"


def test_a_channel_phrase_after_the_cue_is_not_the_content(analyze):
    """'X responded on Twitter, calling the charge "absurd"': 'on Twitter' says how the words
    were given, not what they were; it is never the content."""
    rec = analyze('The campaign spokesman Tom Reed responded on Twitter, calling the charge '
                  '"absurd."\n\nThe parish posted on Facebook.', language="en")
    contents = [c["content"]["text"] for c in claims_of(rec) if c.get("content")]
    assert contents and not any(t.startswith("on ") for t in contents), contents
    got = {c["cue"]["text"]: c for c in claims_of(rec) if c.get("cue")}
    assert got["calling"]["content"]["text"] == 'the charge "absurd."'


def test_a_statement_issued_saying_is_one_claim_of_the_issuer(analyze):
    """'X issued a statement saying Y': one claim, X's, its cue from 'issued' to 'saying' and
    its channel a statement; not a second claim whose content is the noun 'statement'."""
    rec = analyze("On Friday, the county board issued a statement saying that the vote was "
                  "\"final.\"\n\nThe union released a statement Thursday evening, calling the "
                  "deal \"a betrayal.\"", language="en")
    cs = claims_of(rec)
    got = {c["cue"]["text"]: c for c in cs if c.get("cue")}
    one = got["issued a statement saying"]
    assert one["source"]["text"] == "the county board"
    assert one["content"]["text"].startswith("that the vote was")
    assert one["channel"] == "statement"
    two = got["released a statement Thursday evening, calling"]
    assert two["source"]["text"] == "The union"
    assert not any(c["content"]["text"].startswith(("a statement", "statement")) for c in cs)


def test_a_statement_by_someone_else_is_not_merged(analyze):
    """'The book included a statement from Ms. Lane, ..., clarifying X': the statement is
    hers, not the book's issue; and a verb that does not issue ('is touting a message ...,
    refusing to ...') keeps its own claim."""
    rec = analyze("The book included a statement from Ms. Lane, printed in the flyleaf, "
                  "clarifying that she felt hurt.", language="en")
    assert not any(c["cue"]["text"].startswith("included a statement")
                   for c in claims_of(rec) if c.get("cue"))
    rec = analyze("The governor is touting a positive message on the trail, refusing to attack "
                  "his rivals.", language="en")
    assert not any(len(c["cue"]["text"].split()) > 3 for c in claims_of(rec) if c.get("cue"))
