"""voicelog.extract.where_scores: the one table of place scores ranks the signs as its comments say."""

from __future__ import annotations

from dataclasses import fields

from voicelog.extract.where_scores import SCORES, Scores


def test_the_scores_rank_places_as_their_comments_say():
    assert SCORES.street > SCORES.known_place > SCORES.place_noun > SCORES.weak_noun > SCORES.not_a_place
    assert SCORES.riding > SCORES.place_noun and SCORES.transport <= SCORES.not_a_place + 0.1
    assert SCORES.never < 0 and SCORES.corrected < SCORES.boarding < SCORES.weak_cue < 0


def test_where_it_ended_and_what_the_speaker_says_outweigh_a_weak_cue():
    # "walked behind me till the Spar on Birch Road": a street at the end of a following loses to a place noun
    assert SCORES.street + SCORES.until < SCORES.place_noun
    # "went to the bank ..., then to the allotments, and that's where it happened": said outright, the place wins
    assert SCORES.said_there + SCORES.weak_cue > 0
    # "when I reached the tram stop he was already there": arriving where the other person waited beats a weak cue
    assert SCORES.arrived + SCORES.weak_cue > 0


def test_every_score_is_documented():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(Scores))
    body = tree.body[0].body  # type: ignore[attr-defined]
    documented = {node.target.id for node, after in zip(body, body[1:], strict=False)
                  if isinstance(node, ast.AnnAssign) and isinstance(after, ast.Expr)}
    assert {f.name for f in fields(Scores)} <= documented
