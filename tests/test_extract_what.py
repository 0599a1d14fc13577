"""voicelog.extract.what: behaviour categories, in both text styles.

The phrasing tables hold short accounts in many registers (UK, IE, US, CA, AU, NZ), written for this test and
taken from no eval set. The README rules are applied literally: a threat by message is threats +
unwanted_contact, face to face threats alone; a gift with a card is gifts alone; a message showing they watch
the person is monitoring + unwanted_contact; contact made through other people is third_party.
"""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident
from voicelog.extract.normalize import normalize
from voicelog.extract.what import find_what

CASES = [
    ("He followed me all the way home from the bus stop.", {"following"}),
    ("He was standing outside my house for an hour.", {"loitering"}),
    ("He sent me twenty texts overnight.", {"unwanted_contact"}),
    ("He texted saying I'd regret going to the police.", {"threats", "unwanted_contact"}),
    ("He walked up to me in the queue and said I'd better be careful.", {"threats"}),
    ("There were flowers on my doorstep with a card.", {"gifts"}),
    ("Someone slashed my tyres in the night.", {"property_damage"}),
    ("He pushed me against the wall.", {"violence"}),
    ("I found a GPS tracker under my car.", {"monitoring"}),
    ("He messaged me a snap of the outside of my flat with the words found you.", {"monitoring", "unwanted_contact"}),
    ("His sister rang my boss and told her I steal.", {"third_party"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", CASES)
def test_categories(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


# Rules-3: subject-aware (speaker, bystander, the other person), negation, several categories.
WHAT_NEW = [
    ("He followed me from the station all the way to my door.", {"following"}),
    ("I think I was being followed home from the gym.", {"following"}),
    ("He kept moving seats until he was right behind me on the train.", {"following"}),
    ("He was sat in his van opposite my house for two hours.", {"loitering"}),
    ("She was hanging around outside my work when I finished.", {"loitering"}),
    ("I saw him standing by the bus shelter again, just staring.", {"loitering"}),
    ("He didn't touch me but he was stood by my gate for an hour.", {"loitering"}),
    ("He rang me eleven times from a withheld number.", {"unwanted_contact"}),
    ("I got another voicemail from him last night.", {"unwanted_contact"}),
    ("There was a note left on my car saying you'll pay for this.", {"threats", "unwanted_contact"}),
    ("He left me a voicemail saying he'd make me pay.", {"threats", "unwanted_contact"}),
    ("He came up to me in the shop and asked why I'd blocked him.", {"unwanted_contact"}),
    ("He grabbed my wrist and told me if I tell anyone he'll kill me.", {"violence", "threats"}),
    ("He shoved me into the wall and walked off.", {"violence"}),
    ("She spat at me in the street.", {"violence"}),
    ("Someone keyed my car and let the tyres down.", {"property_damage"}),
    ("My front window had been smashed when I got home.", {"property_damage"}),
    ("Somebody ripped up all the shrubs in my front garden.", {"property_damage"}),
    ("He left a bunch of roses by my front door with a card.", {"gifts"}),
    ("I found an AirTag in my handbag.", {"monitoring"}),
    ("He was taking photos of me from across the road.", {"monitoring"}),
    ("He texted me saying he knows I was at Petra's last night.", {"monitoring", "unwanted_contact"}),
    ("He messaged my mum asking where I'm living now.", {"third_party"}),
    ("His sister came up to me at work and said he wants to talk.", {"third_party"}),
    ("My friend Lucy got a message from him asking about me.", {"third_party"}),
    ("I rang my dad and he came to pick me up.", {"other"}),
    ("My friend grabbed my arm and pulled me into the shop.", {"other"}),
    ("He said he just wanted to talk and wouldn't leave me alone.", {"unwanted_contact"}),
    ("He set up a fake profile with my name and photos.", {"other"}),
    ("He was waiting outside my flat and then followed me to the bus stop.", {"following", "loitering"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", WHAT_NEW)
def test_categories_general(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


# Varied accounts written for generalisation (taken from no eval set), through extract_incident.
WED = datetime(2025, 10, 15, 20, 5)

WHAT = [
    ("He was crawling along right behind me in a white van.", {"following"}),
    ("He was parked across the street and then he followed me to work.", {"following", "loitering"}),
    ("He rang me and said I know where your mum works.", {"threats", "unwanted_contact"}),
    ("He stopped me outside the shop and said next time I'll break your nose.", {"threats"}),
    ("He was filming me over the fence.", {"monitoring"}),
    ("He put his hand on my leg on the bus.", {"violence"}),
    ("He'd written liar across my windscreen in lipstick.", {"property_damage"}),
    ("His brother came to my work and said I was out of order.", {"third_party"}),
    ("I rang my sister and told her everything.", {"other"}),
    ("I was sitting near the back of the bus when he tried to talk to me.", {"unwanted_contact"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", WHAT)
def test_what_general(said, cats, style):
    inc = extract_incident(style(said), recorded_at=WED)
    assert set(inc.categories) == cats


# Categories by class of phrasing, in many registers.
U, F, L, G, D, T, V, M, P, OTHER = ("unwanted_contact", "following", "loitering", "gifts", "property_damage",
                                    "threats", "violence", "monitoring", "third_party", "other")

CATS = [
    # unwanted contact: calls, messages, notes, face to face
    ("He keeps ringing me from a withheld number, twelve times last night.", {U}),
    ("She DM'd me again on Instagram this morning even though I'd blocked her.", {U}),
    ("Gary turned up at my work on Friday and came over to my desk wanting to talk.", {U}),
    ("He left a voicemail at about ten calling me a slag.", {U}),
    ("Rufus put a letter through my door begging me to come back to him.", {U}),
    ("I had seventeen missed calls from Kyle overnight.", {U}),
    ("She sent me a friend request from yet another new account.", {U}),
    ("I keep getting calls from unknown numbers and when I pick up it's just him breathing.", {U}),
    ("He's been sending me loads of emails from different addresses all week.", {U}),
    ("She keeps tagging me in posts about cheaters.", {U}),
    ("She's commented on every single post I've made this week.", {U}),
    ("He shouted abuse at me across the street outside the chemist.", {U}),
    ("At three in the morning he was hammering on my front door and screaming my name.", {U}),
    ("Brett walked up to me at the servo and tried to hug me, I told him to back off.", {U}),
    ("My phone's been blowing up with texts from him since lunch.", {U}),
    ("He keeps phoning and hanging up as soon as I answer.", {U}),
    ("He Snapchatted me a video of himself crying and begging.", {U}),
    # following
    ("Mark followed me round the shop and then across the car park to my car.", {F}),
    ("He walked a few steps behind me from the station right up to my gate.", {F}),
    ("A car followed me home from work, it was Dave's silver Golf.", {F}),
    ("He boarded the same tram as me and hopped off where I did.", {F}),
    ("He trailed me round the supermarket aisle by aisle.", {F}),
    ("He drove right up behind me on the motorway flashing his lights for miles.", {F}),
    ("Jase followed me in his ute from the beach all the way back to my place.", {F}),
    ("When I left the bar he came out after me and kept a few steps behind me down the street.", {F}),
    # loitering
    ("He was sat outside in his van for about two hours last night.", {L}),
    ("He keeps driving past my house really slowly, three or four times a night.", {L}),
    ("She was waiting at the school gates when I did the pickup.", {L}),
    ("He's been hanging about at the end of my road every evening this week.", {L}),
    ("I spotted him lurking in the car park behind my building.", {L}),
    ("He stood across the road staring up at my window for ages.", {L}),
    ("Tyler was parked up opposite my apartment with his lights off.", {L}),
    ("He was loitering by the bins outside my flat when I got home.", {L}),
    ("He was just standing at the bottom of my drive when I opened the curtains.", {L}),
    ("He spent the whole afternoon sitting in the cafe across from my shop.", {L}),
    # gifts
    ("Someone left a teddy on the car bonnet, it'll be Liam, he always did that.", {G}),
    ("He sent flowers to my office again, no card this time.", {G}),
    ("Someone left a tin of biscuits on my doorstep with a card from him.", {G}),
    ("A parcel arrived addressed to me with a bracelet inside and a note from Craig.", {G}),
    ("He sent a huge bunch of roses to my house with a card signed love you always.", {G}),
    ("She dropped off a hamper at reception for me.", {G}),
    # property damage
    ("My tyres were let down again outside the flat overnight.", {D}),
    ("My car's been scratched all down the driver's side.", {D}),
    ("He smashed my phone on the ground.", {D}),
    ("My garden fence has been kicked in, I know it was Ryan.", {D}),
    ("He poured paint all over my car.", {D}),
    ("Somebody spray painted slag across my garage door.", {D}),
    ("He booted my car door and left a big dent in it.", {D}),
    ("He cut the brake cables on my bike.", {D}),
    ("He threw a brick through my kitchen window.", {D}),
    # threats
    ("He walked over to me at the tram stop and said he'd kill me if I went to the police.", {T}),
    ("She sent me a text saying I'll regret leaving.", {T, U}),
    ("He messaged saying if I don't answer he'll come round and smash the windows in.", {T, U}),
    ("He left a note on my windscreen saying I know where you live.", {T, U}),
    ("He walked past me at the bus station and told me I'd better watch my back.", {T}),
    ("He rang me and said I'd never see the kids again.", {T, U}),
    ("Kevin told my mum he'd find me wherever I go.", {T, P}),
    # violence
    ("He grabbed my wrist outside the pub and wouldn't let go.", {V}),
    ("He shoved me into the wall in the hallway.", {V}),
    ("He punched me in the face.", {V}),
    ("He spat at me in the street.", {V}),
    ("He pinned me against the car and I couldn't move.", {V}),
    ("She pulled my hair in the playground.", {V}),
    ("He headbutted me outside the chippy.", {V}),
    ("He followed me into the toilets at the club and grabbed my arm.", {F, V}),
    # monitoring
    ("I found an AirTag stuck under my bumper.", {M}),
    ("I think he's been tracking my phone because he always seems to know where I've been.", {M}),
    ("He hacked into my email and read all my messages.", {M}),
    ("He messaged me saying he saw me at the gym with that guy.", {M, U}),
    ("He texted me a picture of my front door at two in the morning.", {M, U}),
    ("He WhatsApped me a picture of me at the bar last night, taken from outside.", {M, U}),
    ("She's been watching all my stories from a fake account.", {M}),
    # third party
    ("He emailed my boss saying I'm a thief.", {P}),
    ("He's been telling all our mutual friends I'm mental.", {P}),
    ("His sister came up to me in Tesco and said he misses me.", {P}),
    ("He keeps phoning my aunt each evening asking her to get me to talk to him.", {P}),
    ("He rang my landlord and told him I'm dealing drugs.", {P}),
    ("He messaged my daughter on Snapchat asking about me.", {P}),
    ("She kept calling my work asking for me.", {P}),
    # other
    ("He set up a fake profile in my name on a dating site.", {OTHER}),
    ("He cancelled my doctor's appointment pretending to be me.", {OTHER}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", CATS)
def test_categories_by_phrasing(said, cats, style):
    inc = extract_incident(style(said), recorded_at=WED)
    assert set(inc.categories) == cats

# longer accounts with the usual asides (witnesses, aftermath, police), which must not add categories
LONG = [
    ("Last night about ten I was walking back from my mate's and Connor was following me in his car, "
     "like crawling along. My sister rang me while it was happening and stayed with me on the line until "
     "I was indoors.", {F}),
    ("So this morning, right, I nipped out front and the wing mirror was hanging off and there was a big "
     "scratch down the door. My neighbour Bev said she heard someone out there around two. I reported it "
     "to the police and they said they'd send someone.", {D}),
    ("He rocked up at my work again today, stood by the entrance for about an hour. Security asked him to "
     "leave and he only grinned. My manager said she'd ring me if he comes back.", {L}),
    ("Yesterday evening a massive bouquet turned up at my flat with a card saying I'll always love you. "
     "My flatmate Jess took it in. I told her to bin it.", {G}),
    ("My ex sent me about forty messages overnight, some begging, some calling me names. I've screenshotted "
     "them all and my friend Hattie has seen them.", {U}),
    ("At the pub quiz on Thursday he crept up behind me and grabbed my waist. The landlord saw and chucked him "
     "out. I was shaking for ages after.", {V}),
    ("Around lunchtime Shane texted saying he knows I was at the clinic this morning and he wants to know why. "
     "I never told anyone I was going.", {M, U}),
    ("A letter came through the post, no stamp so it was hand delivered, saying I'd better drop the charges or "
     "I'll be sorry. It's his writing. My dad's got it now.", {T, U}),
    ("He was sat in the leisure centre car park when I came out of my swim, just sat in his car watching "
     "the doors. My daughter Ruby was with me. We went back in and waited.", {L}),
    ("Brendan's brother came to my door on Saturday and said Brendan wants to see the kids and I ought to quit "
     "making things hard. My partner Sam answered the door.", {P}),
    ("She posted on her Facebook that I'm a thief and a fraud and tagged half my family in it.", {P}),
    pytest.param("I was in Kmart and he came round the end of the aisle and started shouting at me that I'd ruined "
                 "his life. People were staring. A staff member, Kiri, came over and asked if I was okay.", {U},
                 marks=pytest.mark.xfail(strict=True, reason="the layer retrained in round 10 (19 sets, 6 inner "
                                         "folds) adds threats to blame shouted face to face (p 0.35 or more); "
                                         "known error, see scripts/train_layer.py")),
    ("Just now I found one of those tracker things taped inside my wheel arch. The mechanic, Tony, found it "
     "when he was doing the tyres.", {M}),
    ("Last Friday he followed me from the station, and when I got to my door he said if I called the cops "
     "he'd hurt my dog.", {F, T}),
    ("He keeps turning up at the bus stop where I get the school bus with my son, every single morning this "
     "week, just standing there.", {L}),
    ("This afternoon my mum got a call from him asking where I'm staying now. She hung up on him.", {P}),
    ("Someone's smashed the windscreen of my car overnight outside the house. I'm sure it's Jasper because of "
     "what he texted last week.", {D}),
    ("He punched the wall next to my head and then pushed me down the stairs. My housemate Oisin heard it and "
     "came out.", {V}),
    ("At about nine tonight he sent me a picture of my car parked outside my new place. I only moved last week.",
     {M, U}),
    ("He dumped a carrier of my old things and a teddy on the doorstep with a note saying miss you.", {G}),
    # a third batch, written after the fixes above, as a check on generalisation
 ("Gary's mate Stevo came up to me in the chipper and said Gary wants his ring back.", {P}),
 ("He was waiting for me outside the gym again tonight, leaning on my car.", {L}),
 ("Some flowers were left on my windscreen this morning, I know they're from him.", {G}),
 ("He rang me eleven times while I was at work and then left a voicemail saying he'd be outside when I finish.", {U}),
 ("My ex turned up at my daughter's school and tried to talk to her at the gate.", {P}),
 ("He kicked my front door so hard the frame cracked.", {D}),
 ("When I came out of the pub he was there across the street, and then he trailed me "
  "to the taxi rank.", {L, F}),
 ("He sent me a Snap Map screenshot of me at my mum's with a winky face.", {M, U}),
 ("He told me to my face that if I go to court he'll take the kids.", {T}),
 ("Someone rang my boss pretending to be from the police asking about me, it was Gary.", {P}),
 ("He slapped me across the face in front of my friend Aisling.", {V}),
 ("He's been messaging me non stop since Sunday, even though I've asked him to stop.", {U}),
 ("My ex keyed my car in the Lidl car park.", {D}),
 ("I got home and found a dead bird on my doorstep with a note saying you're next.", {T, U}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", LONG)
def test_long_accounts(said, cats, style):
    inc = extract_incident(style(said), recorded_at=WED)
    assert set(inc.categories) == cats


# Issue 11: threats said indirectly, on a condition or by a gesture; contact through others; monitoring;
# less "other" when a real category fits. Invented wordings, each for its pattern.
ISSUE11 = [
    ("If he can't have me then nobody will, he said.", {"threats"}),
    ("He stood in the hallway and told me if he can't have me nobody will.", {"threats"}),
    ("He warned me if I can't have you no one will have you.", {"threats"}),
    ("He texted me if I can't have you, no one else will.", {"threats", "unwanted_contact"}),
    ("He walked past me at the gate and said you'll regret it.", {"threats"}),
    ("He leant over and told me I should watch my back.", {"threats"}),
    ("He leant in and said it would be a pity if anything happened to my car.", {"threats"}),
    ("He drew a finger across his throat when he saw me.", {"threats"}),
    ("From across the road he made a gun shape with his hand and pointed it at me.", {"threats"}),
    ("He ran his thumb across his neck while staring at me in the canteen.", {"threats"}),
    ("Yesterday at the library Piet came over and sat at my desk telling me he's changed and wants another go.",
     {"unwanted_contact"}),
    ("My sister keeps telling me to report him to the warden.", {"other"}),
    ("His sister keeps messaging my mum to pass on messages from him.", {"third_party"}),
    ("His mate came into my work asking questions about me on his behalf.", {"third_party"}),
    ("His cousin was asking my colleagues what time I finish.", {"third_party"}),
    ("He sent his brother round to my mum's to ask where I'm living now.", {"third_party"}),
    ("I found a tracker in the lining of my bag.", {"monitoring"}),
    ("He texted me saying he liked what I was wearing today.", {"monitoring", "unwanted_contact"}),
    ("He messaged me and knew exactly where I went last night.", {"monitoring", "unwanted_contact"}),
    ("He rang me and described what I had on at the shops.", {"monitoring", "unwanted_contact"}),
    ("I think it was Mark who keyed my car.", {"property_damage"}),
    ("At the car boot sale Fintan walked up and knocked my trestle table over, the plates went.", {"property_damage"}),
    ("Fintan turned the porch lights off and went to bed.", {"other"}),
    ("I'm pretty sure it was Daniel who slashed my tyres.", {"property_damage"}),
    ("He mouthed I'm going to kill you at me through the window.", {"threats"}),
    ("He sent a message through my cousin saying he wants to meet.", {"third_party"}),
    ("Apparently he's been asking around the estate where I've moved to.", {"third_party"}),
    ("He keeps liking all my old photos on Facebook from years ago.", {"monitoring"}),
    ("Someone smashed my car window. He'd said I'd pay for leaving him.", {"property_damage", "threats"}),
    ("He turned up at my office asking the receptionist what time I leave.", {"third_party"}),
    ("Every day there's a new account following me on Insta, they're all him.", {"unwanted_contact"}),
    ("He drove past really slowly, three times, staring at us.", {"loitering"}),
    ("He said, um, if I leave him he'll make sure nobody ever hires me again.", {"threats"}),
    ("He stuck a note under my wiper saying I see you.", {"monitoring", "unwanted_contact"}),
    ("He slid a letter under my door.", {"unwanted_contact"}),
    ("He photographed my house from the street.", {"monitoring"}),
    ("He told me he'd be waiting for me after work, smiling.", {"threats"}),
    ("He wouldn't let me leave the room and took my phone off me.", {"violence"}),
    ("He blocked the door so I couldn't get out.", {"violence"}),
    ("He's been telling people at the gym that I'm crazy.", {"third_party"}),
    ("There was a dead rat on my doorstep this morning, I know it was him.", {"threats"}),
    ("A fake profile with my photos has been messaging my friends asking for money.", {"other", "third_party"}),
    ("The flowers were waiting on my keyboard when I arrived, with a card.", {"gifts"}),
    ("Mr Dale, my old landlord, was waiting outside the college when I finished.", {"loitering"}),
    ("He turned up outside the nursery, my son's nursery, and stood by the gate watching us.", {"loitering"}),
    ("He waited in the car park until I finished my shift and then tailed me home.", {"loitering", "following"}),
    ("My car was covered in eggs this morning.", {"property_damage"}),
    ("He was outside again, my coworker spotted him as well and snapped a photo.", {"loitering"}),  # evidence
    ("He was taking photos of me from his car.", {"monitoring"}),
    ("When I peeped through the blinds it was Tobias Renn standing by the bins again.", {"loitering"}),
    ("It was cold standing outside the station waiting for the bus.", {"other"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), ISSUE11)
def test_indirect_threats_third_party_and_monitoring(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


def test_find_what_by_rule_names_the_rules_that_gave_each_category():
    from voicelog.extract.what import find_what_by_rule

    cats, rules = find_what_by_rule(normalize("If he can't have me then nobody will, he said."))
    assert cats == ("threats",) and rules == ("categories.threats-conditional", "categories.threat-face-alone")
    cats, rules = find_what_by_rule(normalize("He texted saying I'd regret going to the police."))
    assert set(cats) == {"threats", "unwanted_contact"}
    assert {"categories.threats", "categories.contact-remote", "categories.threat-by-message"} <= set(rules)
    cats, rules = find_what_by_rule(normalize("It has been a horrible week."))
    assert cats == ("other",) and rules == ("categories.other-fallback",)


# What a recogniser writes: "sat" heard as "sad" (natural style only, as Whisper writes it)
@pytest.mark.parametrize(("said", "cats"), [
    ("Ewan was sad in his van outside my work for an hour.", {"loitering"}),
    ("He was sad outside my flat again when I got home.", {"loitering"}),
    ("I was sad in my car for a while after he rang me.", {"unwanted_contact"}),
])
def test_sat_heard_as_sad(said, cats):
    assert set(find_what(normalize(said))) == cats


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    ('He sprayed "cheat" on my garage door.', {"property_damage"}),
    ('Someone wrote "liar" across my windscreen in lipstick.', {"property_damage"}),
    ("He put an app on my phone, he knew exactly where I was all weekend.", {"monitoring"}),
    ("She set up a fake account to message my colleagues about me.", {"third_party"}),
    ("I had to ring my brother to come and pick me up.", {"other"}),
])
def test_a_quoted_word_an_exact_knowing_and_a_purpose(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    ("He shoulder-barged me in the car park.", {"violence"}),
    ("Somebody let down all 3 of my tyres overnight.", {"property_damage"}),
    ("He was, um, sat outside my flat again.", {"loitering"}),
])
def test_barging_tyres_let_down_and_fillers_set_off_by_commas(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


def test_commas_around_a_hesitation_do_not_end_a_clause():
    from voicelog.extract.clauses import clauses

    assert [c.text for c in clauses(normalize("She was, like, twenty yards back from me all along the canal."))] == [
        "she was like 20 yards back from me all along the canal"]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    ("He kicked my back door till it split.", {"property_damage"}),
    ("Last night he forced the back door open and came in.", {"property_damage"}),
    ("He punched the car window and then ran off.", {"property_damage"}),
    ("He has cut right through the cable of my doorbell camera.", {"property_damage"}),
    ("He left a voicemail saying he's going to torch the shop.", {"threats", "unwanted_contact"}),
    ("He blocked my path on the stairs and said you will see what happens.", {"threats"}),
    ("There was a note on my car that said next time it's you.", {"threats", "unwanted_contact"}),
    ("He texted me saying he knows I have moved to Leeds.", {"monitoring", "unwanted_contact"}),
    ("She messaged me that she'd been past the new flat.", {"monitoring", "unwanted_contact"}),
    ("He rang twice, then a text came through, I can see you're at the gym.", {"monitoring", "unwanted_contact"}),
])
def test_damage_till_it_gave_forced_doors_threats_to_come_and_knowing_the_new_home(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    ("I get SMS from him at six asking where I was.", {"unwanted_contact"}),
    ("His friend came to my door and gave me a letter from Tony.", {"third_party", "unwanted_contact"}),
    ("We got a letter from the council about the bins.", {"other"}),
    ("At work he come to my desk and he ask me out again.", {"unwanted_contact"}),
    ("He was on the intercom at midnight saying let me in.", {"unwanted_contact"}),
    ("He jogged up next to me and kept pace with me round the whole park.", {"following"}),
    ("On the bus I moved seats and he moved seats too.", {"following"}),
    ("He drove past the house four times in his van.", {"loitering"}),
    ("Tonight he pulled up right by my gate and sat there.", {"loitering"}),
    ("I came out of the shop and the fella Rico was parked up right outside.", {"loitering"}),
    ("He texted that he saw my car parked by the gym and wants to know who I was with.",
     {"monitoring", "unwanted_contact"}),
    ("He thumped my passenger door glass until it split.", {"property_damage"}),
])
def test_bare_verbs_letters_from_someone_named_keeping_pace_and_passing_again(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    ("At two the buzzer went and it was Dean on the intercom, raging, saying let me up.", {"unwanted_contact"}),
    ("Joy, that's his new girlfriend, came into my work and informed me by the counter that Mark says I'm a liar.",
     {"third_party"}),
    ("He sat outside in his van for two hours. Kate, my flatmate, took pictures of it from the window.",
     {"loitering"}),
])
def test_the_intercom_a_relayed_name_after_a_gap_and_pictures_of_the_evidence(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    ("His friend Amit came over today and gave me one letter from Raj. In it he wrote that I will regret this.",
     {"third_party", "threats", "unwanted_contact"}),
    ("The receptionist passed me a tin of biscuits and a card from Ravi saying give me one more chance.", {"gifts"}),
    ("His sister marched up to me and warned that unless I withdraw the case he will deal with me.",
     {"third_party", "threats"}),
])
def test_a_letter_handed_over_a_gift_handed_over_and_an_associate_coming_to_me(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    ("He was hanging about by the shed for ages and he'd sliced clean through the hose pipe.",
     {"loitering", "property_damage"}),
    ("He said he'd smash the windows if I called the police.", {"threats"}),
    ("His brother Lee come up and hand me an envelope with a letter from Rob in it.",
     {"third_party", "unwanted_contact"}),
    ("He sat in his car at the retail park watching me pack the boot.", {"loitering", "monitoring"}),
])
def test_had_not_would_coming_up_and_handing_over_and_watching_what_i_do(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    ("Last night he messaged my younger sister on Instagram asking which office I'm based at these days.",
     {"third_party"}),
    ("He texted me asking where I was last night.", {"monitoring", "unwanted_contact"}),
])
def test_asking_my_relation_where_i_am_is_contact_through_others(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


# The category conventions of eval/README.md ("gold.categories"), one short invented account each, in both styles
# where the text says so (the vosk-style ones are written lower case, unpunctuated, numbers as words).
CONVENTIONS = [
    # a threat face to face: threats alone
    ("He blocked my way at the tram stop and said I'd regret it if I told the police.", {"threats"}),
    ("she come right up to me at the school gates and said she'd burn my house down", {"threats"}),
    ("Outside the chippy he leaned in and told me I was dead.", {"threats"}),
    ("he turned up at my door and said he would break my legs", {"threats"}),
    # a threat by message, call, voicemail, letter or note: threats + unwanted_contact
    ("He left a voicemail saying he'd make me pay for this.", {"threats", "unwanted_contact"}),
    ("she rang me at two in the morning and said she was going to kill me", {"threats", "unwanted_contact"}),
    ("A note was pushed through my letterbox saying I'll hurt you.", {"threats", "unwanted_contact"}),
    ("he sent me a letter saying i would regret leaving him", {"threats", "unwanted_contact"}),
    ("He DM'd me on Instagram that he'd smash my face in.", {"threats", "unwanted_contact"}),
    # anything else unwanted face to face: unwanted_contact
    ("He came up to me in the multi-storey and kept begging me to take him back.", {"unwanted_contact"}),
    ("she approached me at the gym and tried to talk to me again", {"unwanted_contact"}),
    ("He knocked on my door at midnight asking to come in.", {"unwanted_contact"}),
    # remote contact, no threat
    ("He called me fifteen times last night.", {"unwanted_contact"}),
    ("i got about thirty messages from him on whatsapp overnight", {"unwanted_contact"}),
    ("She emailed my work address again even though I blocked her.", {"unwanted_contact"}),
    # a gift, with a card: gifts alone
    ("A bunch of tulips was propped on my bonnet with a card from him.", {"gifts"}),
    ("he sent a teddy bear to my flat with a card saying i miss you", {"gifts"}),
    ("I found a box of chocolates on the doorstep with a note in his writing.", {"gifts"}),
    # a message showing they watch or track: monitoring + unwanted_contact
    ("He texted me asking why I'd had lunch with Marco today.", {"monitoring", "unwanted_contact"}),
    ("she messaged me saying nice dress at the party last night", {"monitoring", "unwanted_contact"}),
    ("He emailed me a photo of me getting off the tram.", {"monitoring", "unwanted_contact"}),
    # monitoring without a message
    ("My mechanic found a tracking device under the back bumper.", {"monitoring"}),
    ("someone had logged into my email from another phone", {"monitoring"}),
    # contact through other people: third_party
    ("His mum rang my dad to say I should give him another chance.", {"third_party"}),
    ("his best mate turned up at my work asking my manager where i live", {"third_party"}),
    ("She got her cousin to message my sister about me.", {"third_party"}),
    # following
    ("He drove behind me from the supermarket right to my road.", {"following"}),
    ("she followed me onto the train and stepped off when I did", {"following"}),
    ("He trudged along behind me from the gym right to my door.", {"following"}),
    # loitering
    ("He was parked across the street from my flat all evening.", {"loitering"}),
    ("she was hanging about outside my office when i came out", {"loitering"}),
    ("He sat on the wall opposite my house for about an hour.", {"loitering"}),
    # property damage
    ("Someone keyed the side of my car overnight.", {"property_damage"}),
    ("my front window was smashed when i got home", {"property_damage"}),
    ("He kicked my bin over and ripped up my plants.", {"property_damage"}),
    # violence
    ("He grabbed my wrist and would not let go.", {"violence"}),
    ("she slapped me across the face in the car park", {"violence"}),
    ("He shoved me into the hedge.", {"violence"}),
    # other
    ("He made a fake profile pretending to be me.", {"other"}),
    ("she reported me to social services with a made up story", {"other"}),
    # threats in everyday idiom, face to face and by phone or message
    ("He told me at the taxi rank he'd glass me.", {"threats"}),
    ("he said he will sort me out proper next time he sees me", {"threats"}),
    ("He rang me and said he'd do me in if I went to the guards.", {"threats", "unwanted_contact"}),
    ("she said on the phone she'd have me done over", {"threats", "unwanted_contact"}),
    ("My ex texted saying he'd knock my block off.", {"threats", "unwanted_contact"}),
    ("Someone had let all four of my tyres down overnight.", {"property_damage"}),
    # unwanted face to face, without a threat
    ("He showed up at my job and wouldn't leave until security came.", {"unwanted_contact"}),
    ("she rang my doorbell over and over at three am", {"unwanted_contact"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", CONVENTIONS)
def test_the_category_conventions_of_the_eval_readme(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats


# Round 4 (2026-11-30): general causes read from the newest development sets, each with invented examples.
ROUND4 = [
    # an approach told in the -ing form belongs to the threat it brings: threats alone
    ("She was hammering on my door at midnight screaming that I'd be sorry.", {"threats"}),
    # name-calling is words, not a phone call: with violence it is the violence, alone it is contact
    ("He tripped me on the steps, calling me a grass the whole time.", {"violence"}),
    ("Someone keyed my car overnight; Ruairi calls me that name at school.", {"property_damage"}),
    # knowing where those close to the person live, said in a message: threat, watching and contact
    ("She left me a voice message saying she knows where my daughter goes to school.",
     {"threats", "monitoring", "unwanted_contact"}),
    # exposure threatened: the whole office will know, he'll tell her parents
    ("She emailed me saying the whole office will hear about it by Friday.", {"threats", "unwanted_contact"}),
    ("he messaged saying he'll keep posting about me until i give him the car back", {"threats", "unwanted_contact"}),
    # an ultimatum: unless I send, or I'm coming in, if you're brave enough
    ("He DM'd me that he'd leak the pictures unless I transfer him two hundred quid.", {"threats", "unwanted_contact"}),
    ("He rang me and said answer the door or we're coming round.", {"threats", "unwanted_contact"}),
    ("she messaged me saying try turning up at the party if you're brave enough", {"threats", "unwanted_contact"}),
    # threats in idiom
    ("She shoved me at the bus stop: there's loads more where that comes from, she said.", {"violence", "threats"}),
    ("The card on my windscreen read just a matter of time now.", {"threats", "unwanted_contact"}),
    ("He messaged me that the salon would look better on fire.", {"threats", "unwanted_contact"}),
    ("She hissed at me in the corridor, you have been told, and walked on.", {"threats"}),
    ("He told me through the letterbox that he kept a spare and can come in when he pleases.", {"threats"}),
    # watching: filming into the garden, someone sent or paid to watch or report
    ("Her boyfriend was filming through my kitchen window from the path.", {"monitoring"}),
    ("Her cousin was paid to spy on me at college, I'm sure of it.", {"monitoring", "third_party"}),
    ("They bribed the caretaker to tell them what time we get home.", {"monitoring", "third_party"}),
    # through others: a go-between named after the one asked, the front desk asked to put him through
    ("He asked the concierge Mr Abara whether I still live upstairs.", {"third_party"}),
    ("A woman phoned the switchboard at the depot asking for me by name.", {"third_party"}),
    # damage: poured over the person's things, a thing burnt or scorched
    ("Someone poured paint all over my car bonnet in the night.", {"property_damage"}),
    ("Someone set fire to the bins by my back door and the fence panel is all scorched.", {"property_damage"}),
    # violence: held by the waist
    ("He held my waist so tightly at the bus stop I couldn't move.", {"violence"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", ROUND4)
def test_round4_general_causes(said, cats, style):
    inc = extract_incident(style(said), recorded_at=WED)
    assert set(inc.categories) == cats


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    # waiting said to have lasted, anywhere in the account, stays loitering beside the harm
    ("Bram said he had been waiting since six, and then he shoved me against the door.", {"loitering", "violence"}),
    # words in a message that show they saw the person, in the clause after the message came
    ("She texted me nice trainers at the market today.", {"monitoring", "unwanted_contact"}),
    ("Then a message came through, how was your swim this morning.", {"monitoring", "unwanted_contact"}),
    ("There was a note on my bike saying I'm always watching, Paddy.", {"monitoring", "unwanted_contact"}),
    # arrived by post, from someone named
    ("That envelope turned up with Monday's mail and it is from Gethin again.", {"unwanted_contact"}),
    # sitting down uninvited at the person's table and asking about them
    ("He came and sat down at our table in the pub, uninvited, the whole evening ruined.", {"unwanted_contact"}),
    # leaning on the person's car; still on the doorstep
    ("Vinnie was leaning against my van when I left the gym and he told me he just wanted a chat.",
     {"loitering", "unwanted_contact"}),
    ("It's two in the morning and Ivo is still on the doorstep.", {"loitering"}),
    # walking alongside the whole way
    ("Coming home from the shops he cycled alongside me the entire way, asking why I'd blocked him.",
     {"following", "unwanted_contact"}),
])
def test_round4_waiting_that_lasted_messages_that_saw_and_approaches(said, cats, style):
    inc = extract_incident(style(said), recorded_at=WED)
    assert set(inc.categories) == cats


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "cats"), [
    # "said nothing" is silence, not words to the person
    ("Tomasz was waiting by my bike outside the pool. He said nothing, only stared at me.", {"loitering"}),
    # a neighbour saying they saw him is a report, not contact
    ("Someone smashed my porch light last night. My neighbour, Mr Adebanjo, said he saw Tomasz by the gate.",
     {"property_damage"}),
    # the police saying they would send a car is not a message from the other person
    ("She has been sat outside in her car for two hours; I rang 999 and they said they would send a car.",
     {"loitering"}),
])
def test_round4_silence_a_witness_report_and_the_police_are_not_contact(said, cats, style):
    inc = extract_incident(style(said), recorded_at=WED)
    assert set(inc.categories) == cats
