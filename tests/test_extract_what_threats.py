"""voicelog.extract.what_threats: threats found by their shape, in someone's words, in both text styles.

Every sentence here is invented for the general pattern (a future or a condition aimed at the person, with harm,
loss, pursuit or a consequence, after a word of speech or writing), in several registers; none comes from an
eval set. The README rules apply: a threat said face to face is threats alone, by message or note also
unwanted_contact.
"""

import pytest
from conftest import STYLES

from voicelog.extract.normalize import normalize
from voicelog.extract.what import find_what, find_what_by_rule
from voicelog.extract.what_threats import THREAT_SHAPE_RULE, threat_shapes

T, U = "threats", "unwanted_contact"

SHAPES = [
    # pursuit: I'll find you, he'll get her
    ("He leaned over the counter and said I'll always find you.", {T}),
    ("She told me she'll track me down wherever I move to.", {T}),
    ("He texted me last night saying we'll get you in the end.", {T, U}),
    # a consequence left unsaid: you'll see, you'll find out, you'll know about it
    ("He stood by the foot of the stairwell and goes, stop telling lies about me, otherwise you'll see.", {T}),
    ("She said to me keep ignoring me then you'll find out.", {T}),
    ("His mate stopped me at the cashpoint and said wait till he's back, you'll know about it.", {T}),
    ("He swore I'd wish I had never met him.", {T}),
    # what is to come: next one's you, this is only the start, or else we come back with more
    ("He saw me from across the road and shouted next one's you.", {T}),
    ("There was a card through the letterbox, it said this is only the beginning.", {T, U}),
    ("Someone pushed a note through my door saying next time it's your car.", {T, U}),
    ("Someone snapped my aerial and left a card on the seat saying next time it's the gearbox.",
     {T, U, "property_damage"}),
    ("She shoved past me by the lockers, grinned and said next time she won't be so gentle.", {T}),
    ("He stopped me at the cash machine and said pay up or else we come back with more of us.", {T}),
    ("I got a letter from him and it said you won't be laughing once I'm done with you.", {T, U}),
    ("He messaged me saying I wouldn't make it to the end of the month.", {T, U}),
    # loss: the kids, a job, a home that is not safe
    ("He rang me and said he'll take the kids abroad and I'll never see them again.", {T, U}),
    ("She told me at the school gates she'd cost me my job.", {T}),
    ("He texted me that he kept a copy of my key and he'll walk in any time he wants.", {T, U}),
    ("He said he'll keep reporting me to the council until I'm evicted.", {T}),
    # harm to the person or those close to them
    ("He pushed past me on the landing and said you're going to get hurt.", {T}),
    ("She messaged saying your kids won't be safe at that school.", {T, U}),
    ("He said I'll make you regret the day you met me.", {T}),
    ("The note said we know where your son goes to football.", {T, U}),
    ("He hissed that he'd put me in hospital.", {T}),
    ("My manager said my visa depends on keeping him happy.", {T}),
    # veiled: something will happen, people who talk, your last week, a deadline, those he can send
    ("He leaned on my car and said something bad is going to happen to you.", {T}),
    ("He told me you know what happens to grasses round here.", {T}),
    ("She messaged saying enjoy your last week at that job.", {T, U}),
    ("He said you have until Sunday, then I'm coming round.", {T}),
    ("He said he'd get his cousins onto me.", {T}),
    ("He said if he goes down he's taking me with him.", {T}),
    ("He said this won't end well for you.", {T}),
    ("He told me I'd better keep my mouth shut.", {T}),
    # the word of speech after the words
    ("\u201cNext time it's your kids,\u201d he shouted across the yard.", {T}),
    ("Stop telling people about me or else you'll find out, she said, and walked off.", {T}),
    # spoken quoting and words written on things
    ("he was outside the gym and he was like you'll regret this", {T}),
    ("Someone had scratched next time it's you into my car door.", {T, "property_damage"}),
    # a condition and what will follow
    ("He said if the money isn't there by the weekend he'll come over and take it anyway.", {T}),
    ("He texted me saying keep ignoring me and you'll find your windows smashed.", {T, U}),
    # Scots and other Englishes
    ("He tell me if I call the police he go mash up my car.", {T}),
    ("he shouted up at the windae that ye cannae run forever", {T}),
    ("he was lurking by the lift and he goes you can't run from me forever", {T}),
    ("She warned me that after the hearing we'd see how tough I really am.", {T}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), SHAPES)
def test_a_threat_is_known_by_its_shape(said, cats, style):
    found, rules = find_what_by_rule(normalize(style(said)))
    assert THREAT_SHAPE_RULE in rules
    assert cats & {T, U} == set(found) & {T, U}  # by message also unwanted_contact; face to face threats alone


HARMLESS = [
    # futures that are kind, ordinary or the person's own
    "He said I'll see you tomorrow then and walked off.",
    "She texted me saying you'll love it, the food is amazing.",
    "He said he'll pay me back on Friday.",
    "He said he'll get me a coffee on the way in.",
    "My sister said we'll find you a new flat nearer to us.",
    "I said to him if you come near me again you'll be sorry.",
    "I told him that he'll never see the kids if he keeps this up.",
    "He said he'll take the kids to school tomorrow.",
    "He never said he'd find me, he just stared.",
    "I sent him a text saying if he comes near me again you'll see, I'll ring the police.",
    "The landlord said he'll come in on Tuesday to fix the boiler.",
    "He said it's just the start of the month so he gets paid soon.",
    "He said I'll make you dinner when you get in.",
    "The doctor said I'd be in hospital for a week.",
    "He said he'd take me with him to the party on Saturday.",
    "She said nobody would know the difference.",
    "He said what happens to me now is up to the judge.",
    "She said I'll be seeing you at the hearing.",
    "He said don't make me laugh.",
    "He said he'll come round and take the kids to the park on Sunday.",
    "He said he'd kill for a cup of tea.",
    "She said she'll break the news to her mum tonight.",
    "He said he'd make sure I got home safe.",
    "He said if you don't mind he'll drop the boxes round later.",
    "My mum said you'll end up in hospital if you keep working nights like this.",
    "She said you'll be fine, nobody will get hurt on the ride.",
    "He said next time they would rather meet at the station.",
    "She said next time it's a Friday she can stay later.",
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", HARMLESS)
def test_a_harmless_future_is_not_a_threat(said, style):
    assert threat_shapes(normalize_words(style(said))) == []
    assert T not in find_what(normalize(style(said)))


def normalize_words(text: str) -> str:
    """The account as :func:`threat_shapes` reads it: its clauses' lower-case words, joined by spaces."""
    from voicelog.extract.clauses import clauses

    return " ".join(c.text for c in clauses(normalize(text)))


def test_affection_is_unwanted_contact_not_a_threat():
    cats = find_what(normalize("He texted me at midnight saying you'll always be mine."))
    assert T not in cats and U in cats


def test_the_threat_starts_at_the_word_that_brings_it_in():
    words = normalize_words("He stopped me by the lifts and hello, then he said next one's you.")
    (at, found), = threat_shapes(words)
    assert found == "said next one's you" and words[at:].startswith("said")


def test_a_partner_is_not_a_bystander_passing_on_a_warning():
    assert threat_shapes("my husband said if i left he'd make me regret it") != []
    assert threat_shapes("my friend said if i left he'd make me regret it") == []


def test_the_persons_own_words_after_theirs_are_not_theirs():
    words = "he said hello and i told him if you come back you'll see"
    assert threat_shapes(words) == []
    assert threat_shapes("i begged him to go away and he snapped if you call the police you'll see") != []


def test_a_threat_may_end_where_its_clause_ends():
    """bounds: the spaces joining two clauses; a threat's shape may end there whatever word comes next."""
    text = "she told me drop the complaint and you'll see the neighbours heard it all"
    at = text.find(" the neighbours")
    assert threat_shapes(text) == []
    assert threat_shapes(text, (at,)) == [(4, "told me drop the complaint and you'll see")]


INDIRECT = [
    # losing the children
    ("She stood at my gate and said she'd get the children taken away from me.", {T}),
    ("He told me at the bus stop he'd be taking the girls away from me.", {T}),
    # a full "he will" with harm, a report or exposure
    ("He came to the shop and said he will report me to the council if I open on Sunday.", {T}),
    ("She said in front of everyone that they will tell everyone I lied on my forms.", {T}),
    ("He came to my door and told me to pay the rent or he will call immigration.", {T}),
    # a consequence left unsaid
    ("He blocked the aisle and said I'd face the consequences.", {T}),
    ("He came to my desk and said I ought to think about my son's job.", {T}),
    # a taunt that the person cannot get away, someone named coming for them
    ("He rang me and said you think a new flat is going to save you.", {T, U}),
    ("She stopped me by the fruit stall and said you think you can run from me forever.", {T}),
    ("A man rang me last night and said Oswin is coming for you.", {T, U}),
    ("He walked up to me at the pumps and said I know where you're staying these days.", {T}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), INDIRECT)
def test_a_threat_said_indirectly_is_a_threat(said, cats, style):
    found = find_what(normalize(style(said)))
    assert cats & {T, U} == set(found) & {T, U}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "My sister said she will take the kids to the park on Sunday.",
    "He rang to say the baby will be taken home from hospital on Friday.",
    "My mum said I should think about my future and go back to college.",
    "You know what happens on a Friday, the car park gets full by six.",
    "I asked him if he will call the school about the trip.",
])
def test_an_everyday_future_is_not_a_threat(said, style):
    assert T not in find_what(normalize(style(said)))
