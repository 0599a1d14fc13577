"""Train the categories' learned layer (voicelog/extract/vocab/what_layer.tsv) from the development sets, and judge it
leave-one-set-out.

    .venv/bin/python scripts/train_layer.py [--cache PATH] [--probs DIR] [--mode adddrop] [--out PATH]
    .venv/bin/python scripts/train_layer.py --loso [--shipped DIR] [--cache PATH] [--probs DIR] [--hold SET,...]
    .venv/bin/python scripts/train_layer.py --loso --ngrams-only [--shipped DIR] [--cache PATH]

Each account of each set, in both styles (natural; vosk: eval/score.py's vosk_style), becomes a row: the rules'
own categories (find_what with learned=False, as scripts/train_categories.py's rules_view computes them; kept as JSON
in --cache between runs: delete it after a rule change), and the layer's features (voicelog.extract.what_layer.features:
everyday words, pairs of them, the rules' categories). One logistic regression per category (numpy, L2, Adam, features
in 4 or more rows of 2 or more sets) is fitted on all rows. Thresholds are chosen on out-of-fold probabilities (6
folds grouped by set; kept in --probs DIR and used again only for the same rows, rules' categories, folds and pruning)
by coordinate ascent, in one of four modes: replace (add = drop: the layer decides alone), adddrop (the layer adds at
<add> and drops under <drop>, each free, 2.0 / 0.0 meaning never), add (never drops), drop (never adds). Since round
12 the ascent starts from the thresholds of the layer being replaced (--previous, by default the --out file as it
stands) and a threshold moves only for a gain of MARGIN micro F1 (--thresholds steady, the default); until round 11
it started from never and took any gain (--thresholds grid). The output depends only on the sets, the rules and the
previous thresholds: the same run gives the same file. --loso holds out each set in turn (its model and thresholds
never see it) and prints categories F1 and accounts exactly right per set and style for the rules alone, the shipped
extractor (--shipped: a folder of SET.STYLE.pred.jsonl, e.g. one written by the round's baseline run), the grid
thresholds and the steady ones, then the span of each threshold over the held-out trainings. (Until round 12 it
printed the four modes, with grid thresholds, in place of the last two columns.)

Result (2026-12-01, round 9 rules, 18 development sets, 1,650 accounts, 3,300 rows; --loso --prune 0.5 --shipped
the round's baseline predictions; about 20 minutes on 2 busy cores). Categories F1 (accounts with exactly the right
categories); v: Vosk style, n: natural; rules = the rules alone ("other" when none matched); shipped = the extractor
before the layer (rules + what_learned.py's vote, trained in round 5 on the 14 sets up to heldout7, so flattered on
those and honest on heldout8-11); layer = the add/drop mode as shipped, each set judged by a model and thresholds
that never saw it (its accounts under LEAST_WORDS keep the shipped categories, as the extractor does):

set           v: rules     shipped       layer      n: rules     shipped       layer
dev        0.980 ( 76) 0.980 ( 76) 0.985 ( 77)   0.985 ( 77) 0.985 ( 77) 0.990 ( 78)
heldout    0.910 ( 48) 0.915 ( 49) 0.929 ( 50)   0.901 ( 46) 0.905 ( 47) 0.913 ( 48)
heldout2   0.824 ( 41) 0.845 ( 43) 0.862 ( 45)   0.821 ( 41) 0.842 ( 43) 0.852 ( 45)
heldout3   0.831 ( 39) 0.838 ( 40) 0.841 ( 40)   0.847 ( 42) 0.854 ( 43) 0.857 ( 42)
dev2       0.955 ( 63) 0.955 ( 63) 0.949 ( 62)   0.945 ( 62) 0.945 ( 62) 0.960 ( 63)
heldout4   0.859 ( 92) 0.881 ( 96) 0.863 ( 92)   0.875 ( 94) 0.897 ( 98) 0.863 ( 92)
dev3       0.891 ( 60) 0.902 ( 62) 0.926 ( 65)   0.902 ( 61) 0.914 ( 63) 0.929 ( 65)
dev4       0.831 ( 52) 0.869 ( 56) 0.871 ( 58)   0.839 ( 53) 0.878 ( 57) 0.884 ( 59)
dev5       0.907 ( 64) 0.938 ( 68) 0.924 ( 67)   0.900 ( 63) 0.921 ( 65) 0.908 ( 64)
dev6       0.795 ( 43) 0.835 ( 47) 0.836 ( 47)   0.803 ( 46) 0.843 ( 50) 0.848 ( 51)
dev7       0.819 ( 40) 0.838 ( 43) 0.841 ( 44)   0.833 ( 45) 0.859 ( 49) 0.860 ( 49)
dev8       0.797 ( 45) 0.805 ( 46) 0.827 ( 49)   0.794 ( 42) 0.802 ( 43) 0.832 ( 48)
heldout6   0.828 ( 85) 0.874 ( 93) 0.888 ( 91)   0.838 ( 87) 0.880 ( 95) 0.888 ( 91)
heldout7   0.798 ( 71) 0.817 ( 73) 0.839 ( 77)   0.797 ( 72) 0.816 ( 74) 0.839 ( 78)
heldout8   0.760 ( 69) 0.783 ( 72) 0.817 ( 76)   0.765 ( 68) 0.786 ( 72) 0.819 ( 76)
heldout9   0.782 ( 68) 0.790 ( 70) 0.826 ( 76)   0.775 ( 67) 0.780 ( 69) 0.819 ( 74)
heldout10  0.677 ( 44) 0.700 ( 46) 0.740 ( 51)   0.691 ( 46) 0.716 ( 49) 0.746 ( 52)
heldout11  0.704 ( 63) 0.750 ( 67) 0.772 ( 71)   0.715 ( 65) 0.757 ( 68) 0.772 ( 71)
ALL        0.817 (1063) 0.839 (1110) 0.853 (1138)   0.822 (1077) 0.843 (1124) 0.856 (1146)
h8-h11     0.731 (244) 0.755 (255) 0.788 (274)   0.736 (246) 0.759 (258) 0.788 (273)

Heldout12 as a held-out fold (round 10, 2026-12-01, before any change of that round: `--loso --hold heldout12`, the
model and thresholds trained on the 18 sets above; shipped = the extractor at 967e1db, i.e. the rules and this very
layer as trained on those 18 sets, which never saw heldout12 either, so here the two columns agree by construction):

set           v: rules     shipped       layer      n: rules     shipped       layer
heldout12  0.663 ( 54) 0.715 ( 56) 0.715 ( 56)   0.657 ( 54) 0.718 ( 57) 0.718 ( 57)

(other modes, Vosk/natural: replace 0.710/0.712, add only 0.711/0.709, drop only 0.701/0.699.) On the first author
read by nobody while the layer was built, the layer is worth +0.052/+0.061 F1 over the rules alone (2/3 more accounts
exactly right: most of its gain is in categories half right), in line with heldout8-11's +0.057/+0.052; both are
still far from the issue's 0.85. Of heldout12's 120 accounts the rules gave no category at all for 15-16 (the layer then
guesses one, rarely the right one), and a face-to-face threat came with unwanted_contact the author did not give.
Tried in round 10 and dropped: the categories whose trigger words appear anywhere in the account (what.TRIGGERS,
whoever the doer) as features valued like the rules' own: leave-one-set-out over heldout8-12 (19 sets, round-9
rules), add/drop accounts exactly right 326/324 with them against 327/326 without (Vosk/natural), heldout12 F1
0.708/0.712 against 0.715/0.718, heldout11 0.752/0.750 against 0.754/0.754: no gain from a second copy of what the
rules already say.

The other modes (vosk/natural F1): replace 0.852/0.855 over all sets, 0.785/0.789 on heldout8-11, 0.764/0.768 on
heldout11; add only 0.848/0.851, 0.788/0.789, 0.772/0.772; drop only 0.846/0.849, 0.774/0.776, 0.757/0.761.
A first variant (every account, every feature, rules' categories included, scaled by one over the square root of
the row's feature count, no pruning) did better still leave-one-set-out (add/drop 0.858/0.860 over all sets,
0.806/0.807 on heldout8-11, 0.804/0.801 on heldout11) but replace fell to 0.815/0.817, and trained on all sets it
broke about 60 of the rules' own examples and the category tests (one-line accounts, where a word or two weighed
more than the rules): hence the rules' categories valued 1 whatever the length, FEW_WORDS and LEAST_WORDS.

Reading: on the sets least read while the rules were written the layer beats the extractor as it was by about three
points (heldout8-11 +0.033/+0.029, 19/15 more accounts right; heldout11, never tuned on, +0.022/+0.015, 4/3 more),
and by 0.014/0.013 over all 18 sets. It falls below the old extractor only on sets that vote was trained on
(F1: heldout4, dev5, dev2 in Vosk; accounts right also heldout6 93/95 -> 91, heldout3 natural 43 -> 42).
It is no proof for a new author yet: heldout12 and heldout13 will tell. Trained on all 18 sets (in-sample, so not
a measure) it rose categories on every set (evalall: +177 vosk, +170 natural accounts right).

Round 10 (2026-12-01): after the round's rule changes (a threat said face to face takes the account's approaches
and words with it, "next time" threats, knowing where the children are) the shipped layer was retrained on all 19
sets (3,540 rows), its thresholds now from 6 inner folds (--folds, was 3). Leave-one-set-out over the five newest
sets (`--loso --hold heldout8,heldout9,heldout10,heldout11,heldout12`, each set judged by a model and thresholds
trained on the other 18), add/drop mode as shipped; beside it the same run with 3 inner folds, and with the round-9
rules and 3 folds (both also trained with heldout12):

set          v: rules   6 folds     3 folds  r9 rules    n: rules   6 folds     3 folds  r9 rules
heldout8   0.762 ( 70) 0.828 ( 79) 0.820 ( 78) 0.818 ( 77)   0.769 ( 70) 0.824 ( 78) 0.815 ( 77) 0.810 ( 75)
heldout9   0.782 ( 68) 0.827 ( 77) 0.846 ( 80) 0.831 ( 78)   0.771 ( 67) 0.824 ( 76) 0.840 ( 79) 0.833 ( 77)
heldout10  0.679 ( 45) 0.738 ( 51) 0.736 ( 48) 0.734 ( 48)   0.693 ( 47) 0.746 ( 52) 0.744 ( 50) 0.738 ( 49)
heldout11  0.704 ( 63) 0.760 ( 69) 0.756 ( 69) 0.754 ( 68)   0.717 ( 66) 0.760 ( 69) 0.756 ( 69) 0.754 ( 68)
heldout12  0.676 ( 57) 0.754 ( 63) 0.740 ( 59) 0.715 ( 56)   0.670 ( 57) 0.762 ( 64) 0.748 ( 61) 0.718 ( 57)
h8-h12     0.720 (303) 0.781 (339) 0.780 (334)       (327)   0.724 (307) 0.783 (339) 0.781 (336)       (326)

heldout12's rise flatters the rules, which were changed while reading it (the layer's part is honest). Replace mode
did about as well (6 folds: 0.780/0.782, 340/342 accounts); add/drop, chosen over all 18 sets in round 9, stays.
Why 6 folds: besides the small gain above, thresholds from 3 folds of 19 sets came out unstable (gifts, violence and
property damage added at 0.1-0.25, contact dropped only under 0.1) and, trained on all 19 sets, left five sets more
than 0.01 lower than the round-9 weights in evalall (dev4 Vosk 0.949 -> 0.918); from 6 folds no set fell by more than
0.006 (in-sample, so no measure: categories exactly right +82 Vosk, +88 natural over the 19 sets). One invented
example in tests/test_extract_what.py (blame shouted face to face, unwanted_contact alone) now gets threats added
by the layer: marked as a known error there.

Round 11 (2026-12-01, heldout13 opened): two rules (a threat in an account naming the voicemail, message, letter or
note it came in is contact too; knowing the person's comings and goings is monitoring). Leave-one-set-out on the two
newest sets only (`--loso --hold heldout12,heldout13`; the machine was shared and busy, so no h8-h11 rows), each set
judged by a model and thresholds trained on the other 19; before = main's rules at 09956e8, after = the round-11
rules; F1 (accounts exactly right), add/drop mode as shipped:

set          v: rules before/after     layer before/after     n: rules before/after     layer before/after
heldout12    0.676 (57) 0.695 (59)    0.744 (60) 0.749 (61)     0.670 (57) 0.686 (60)    0.746 (61) 0.755 (62)
heldout13    0.724 (60) 0.738 (62)    0.772 (61) 0.798 (69)     0.712 (56) 0.733 (60)    0.768 (61) 0.796 (69)

The rules' part flatters both sets (the two rules were written from errors recurring over the 20 sets, these two
among them). Retrained on all 20 sets with the new rules, the shipped layer was NOT kept: its thresholds moved (the
rules' unwanted_contact dropped only under 0.2, was 0.55; with the old rules and 20 sets it comes out 0.5), and in
evalall it gave unwanted_contact to about 60 more accounts that lack it: categories exactly right 1494 -> 1458 Vosk,
1507 -> 1472 natural, 18 sets down (heldout10 -9), heldout13 +14 (in-sample). The shipped layer stays the round-10
one (19 sets; retraining it from the round-10 cache gives the same file byte for byte). A threshold that one rule
change moves from 0.5 to 0.2 is the next thing to steady (e.g. the thresholds averaged over the inner folds).

Round 12 (2026-12-01, heldout14 opened, 21 sets, 4,020 rows; the rules as merged at the end of round 11): the thresholds
steadied. Why the grid search jumped: out of fold the F1 of a threshold is flat over wide ranges. With heldout14 held
out, unwanted_contact's drop threshold scores micro F1 0.8503-0.8511 everywhere from 0 (never) to 0.45, 0.8482 at 0.55,
so the best value is a coin toss that any rule change flips (the round-10 and round-11 rules on the same 20 sets: 0.5 ->
0.2, third_party's drop 0.3 -> 0.45), and nothing on a new author follows it: heldout14 itself scores the same from 0 to
0.45 and best at 0.65-0.75. Leave-one-set-out over the seven newest sets (`--loso --probs DIR --hold
heldout8,...,heldout14`), each set judged by a model trained on the other 20; shipped = the extractor at cdb39e8 (the
round-10 layer: in-sample on heldout8-12, honest on heldout13-14); grid = round 11's thresholds; steady = from the
round-10 layer's thresholds, margin 0.003 (those thresholds saw heldout8-12 among their 19 sets, so steady flatters
those five a little; heldout13-14 are honest for all columns):

set          v: rules     shipped      grid        steady    n: rules     shipped      grid        steady
heldout8   0.773 ( 72) 0.911 ( 94) 0.834 ( 78) 0.848 ( 82)  0.780 ( 72) 0.911 ( 94) 0.831 ( 78) 0.845 ( 82)
heldout9   0.784 ( 68) 0.918 ( 93) 0.814 ( 74) 0.822 ( 74)  0.773 ( 67) 0.919 ( 93) 0.821 ( 76) 0.821 ( 75)
heldout10  0.679 ( 45) 0.844 ( 76) 0.741 ( 52) 0.753 ( 57)  0.693 ( 47) 0.853 ( 78) 0.742 ( 53) 0.760 ( 58)
heldout11  0.717 ( 66) 0.875 ( 89) 0.777 ( 75) 0.782 ( 75)  0.730 ( 69) 0.881 ( 90) 0.781 ( 75) 0.782 ( 75)
heldout12  0.695 ( 59) 0.855 ( 81) 0.734 ( 60) 0.739 ( 60)  0.686 ( 60) 0.861 ( 81) 0.739 ( 61) 0.742 ( 61)
heldout13  0.738 ( 62) 0.786 ( 63) 0.787 ( 64) 0.788 ( 64)  0.733 ( 60) 0.781 ( 63) 0.782 ( 64) 0.783 ( 64)
heldout14  0.748 ( 78) 0.791 ( 82) 0.796 ( 85) 0.781 ( 83)  0.773 ( 79) 0.793 ( 82) 0.804 ( 85) 0.787 ( 82)
h8-h14     0.733 (450) 0.855 (578) 0.782 (488) 0.787 (495)  0.737 (454) 0.858 (581) 0.785 (492) 0.788 (497)

Over the seven held-out trainings a grid threshold spans 0.285 on average (unwanted_contact add 0.4-0.65, drop 0.2-0.5;
other's drop 0.1-0.6; never counted as 1); a steady one never moved (a margin of 0.002 moved unwanted_contact's drop, to
0.45 or 0.2, in three of the seven trainings and to 0.2 under the round-11 rules: spread 0.018, accounts right 494/496;
0.001: 0.075, 491/493; 0.003 or more: nothing, 495/497). On the two honest sets steady is within noise of grid (147/146
against 149/149 accounts; the round-10 layer 145/145). Tried and dropped, same seven sets, accounts right v/n (grid
488/492): the thresholds' median over leave-one-set-out of the tuning rows (every such sample sees the same flat curve:
on heldout14's training identical to grid), median over the 6 inner folds each tuned alone (489/490, spread 0.21), the
same for exact accounts (489/490, 0.16), tuning for accounts exactly right rather than F1 (487/490, 0.32), median over
single sets (the most stable under the rule change, but 350/354 against grid's 361/364 on five of the sets), a gain over
never required (0.001: heldout14 82/82 against 85/85).

Retrained on all 21 sets (`train_layer.py --cache PATH`, steady from the shipped file: thresholds unchanged, the
round-10 ones; weights new), evaluated as shipped (evalall against main at cdb39e8): categories exactly right 1576 ->
1594 Vosk, 1589 -> 1613 natural, up in 8 sets (heldout13 +22/+22, heldout14 +16/+17, in-sample), but down by 3-4 in
seven sets Vosk (dev5, dev6, dev7, heldout4, heldout9, heldout10, heldout12) and six natural, and heldout12's categories
F1 0.855 -> 0.850 Vosk (natural 0.861 -> 0.866; heldout13 0.786 -> 0.871 / 0.781 -> 0.872, heldout14 0.791 -> 0.886 /
0.793 -> 0.889): NOT kept (the keep rule allows no set down by more than 2). The falls are the weights', not the
thresholds': the same thresholds on weights refitted to the round-10 sets with today's rules give -6/-2 and no set down
by more than 2, and round 11's grid on the 21 sets gives -58/-54 with 18/19 sets down (both counted from the cached
rows, which give evalall's categories exactly: 4,020 of 4,020 rows for the shipped layer, the same totals for this one).
The shipped layer stays the round-10 one. Time (2 busy cores): a full retrain 11 minutes (the rules' categories of 21
sets 4 of them, none with a --cache of the same rules; 14 fits 7), 1 minute when --probs holds the same rows'
out-of-fold probabilities; --loso 25 seconds for seven sets with --probs, 6-10 minutes a set without.

Round 17 (2026-12-02), retrained on all 25 development sets (4,980 rows), steady from the shipped file (thresholds
unchanged): NOT shipped. On the sets the shipped layer never saw it is a little better: `--loso --hold
heldout18,heldout19 --shipped <start predictions>` (each judged by a layer trained on the other 24), categories F1
(accounts exactly right) Vosk shipped 0.792 (139 of 240) -> steady 0.799 (141), grid 0.772 (127); natural 0.794 (140)
-> 0.802 (143), grid 0.781 (131); and on heldout15, never trained on nor read, 0.757 -> 0.765 Vosk, 0.751 -> 0.765
natural. But on the 19 sets the shipped layer was trained on, categories F1 fell by up to 0.037 (dev6 0.951 -> 0.915,
heldout11 0.916 -> 0.879), under their CI floors, which are never lowered: the shipped layer's in-sample fit on those
sets is part of what the floors hold. The same as round 12's attempt (above); shipping more data here needs a decision
on floors for learned parts, not a retrain.

--loso --ngrams-only repeats the round-8 experiment that led to the layer (until round 10 its own script,
scripts/experiment_categories.py): learned n-grams in place of the rules (see NGRAM_GRID below), each set judged by
models and thresholds that never saw it; with --shipped the extractor as it was (the experiment ran it on each set).
Its result (2026-11-30, round 8 rules, 17 development sets, the sets up to heldout10; 12 minutes on 2 cores; the
figures themselves come back from that script at the commit that added it, 0caa983, and the same method on today's
rules is `--loso --ngrams-only --sets dev,heldout,...,heldout10`), categories F1; shipped = the extractor then (rules
and what_learned.py's vote), rules = the rules alone; both flatter (written, and the vote trained, while reading every
set); ngram = learned n-grams alone, ngram+rules = with the rules' categories as features:

set        v:   shipped v:     rules v:     ngram v:ngram+rules n:   shipped n:     rules n:     ngram n:ngram+rules
dev               0.980       0.980       0.846       0.908       0.985       0.985       0.846       0.908
heldout           0.915       0.915       0.730       0.802       0.905       0.905       0.730       0.798
heldout2          0.845       0.833       0.787       0.807       0.842       0.830       0.787       0.802
heldout3          0.838       0.841       0.772       0.807       0.854       0.857       0.772       0.807
dev2              0.955       0.960       0.843       0.878       0.945       0.954       0.843       0.873
heldout4          0.881       0.855       0.734       0.804       0.897       0.868       0.734       0.804
dev3              0.902       0.902       0.778       0.815       0.914       0.910       0.778       0.820
dev4              0.869       0.845       0.729       0.831       0.878       0.853       0.729       0.831
dev5              0.938       0.914       0.817       0.877       0.921       0.903       0.817       0.873
dev6              0.835       0.802       0.801       0.815       0.843       0.810       0.801       0.819
dev7              0.838       0.828       0.765       0.780       0.859       0.849       0.765       0.780
dev8              0.805       0.803       0.790       0.818       0.802       0.803       0.790       0.823
heldout6          0.874       0.857       0.758       0.838       0.880       0.864       0.758       0.839
heldout7          0.817       0.810       0.753       0.795       0.816       0.811       0.753       0.801
heldout8          0.783       0.783       0.744       0.797       0.786       0.783       0.744       0.797
heldout9          0.790       0.792       0.751       0.781       0.780       0.784       0.751       0.784
heldout10         0.700       0.699       0.696       0.719       0.716       0.709       0.696       0.744
ALL               0.845       0.837       0.765       0.810       0.849       0.841       0.765       0.813

Reading then: n-grams alone were well below the rules on every set, coming near only on the newest; the rules'
categories as features lifted them to 0.810/0.813, under the rules in total but over them on dev6, dev8, heldout8
and heldout10: hence a layer over the rules rather than in place of them. The mode was checked against the old
script before it was removed (the same F1 to three places for dev held out of dev-dev5).

Only development sets are read; heldout5, heldout15 and heldout22-heldout25 never are (heldout12 was opened in
round 10, heldout13 in round 11, heldout14 in round 12, heldout16 in round 14, heldout17 in round 15,
heldout18 in round 16, heldout19 in round 17, heldout20 in round 18, heldout21 in round 19). Retrain
after changing a set or a rule.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from script_modules import load_module, load_scorer

from voicelog.extract.what_layer import CATEGORIES, features, long_enough, values

ROOT = Path(__file__).resolve().parent.parent
HELD_OUT = ("heldout5", "heldout15", "heldout22", "heldout23", "heldout24", "heldout25")
"""The sets nobody reads: the measures."""
DEV_SETS = ("dev", "heldout", "heldout2", "heldout3", "dev2", "heldout4", "dev3", "dev4", "dev5", "dev6", "dev7",
            "dev8", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11",
            "heldout12", "heldout13", "heldout14", "heldout16", "heldout17", "heldout18",
            "heldout19", "heldout20", "heldout21")
STYLES = ("vosk", "natural")
GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
NEVER_ADD, NEVER_DROP = 2.0, 0.0
MARGIN = 0.003
"""Micro F1 out of fold (some 30 labels of 3,800 rows) a threshold must gain to move from the shipped layer's."""
MODES = ("replace", "adddrop", "add", "drop")
NEWEST = ("heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14")
"""The sets least read while the rules were written (the table's h8-h14 row)."""
Array = np.ndarray[Any, np.dtype[Any]]


@dataclass(frozen=True)
class Row:
    """One account in one style."""

    set: str
    id: str
    style: str
    feats: frozenset[str]
    ruled: frozenset[str]
    gold: frozenset[str]


def load_rows(names: Sequence[str], cache: Path | None) -> list[Row]:
    """Every account of the named sets in both styles, with the rules' categories (from cache when there)."""
    from voicelog.extract import _known
    from voicelog.extract.normalize import normalize

    scorer = load_scorer()
    ruled: dict[str, list[str]] = json.loads(cache.read_text(encoding="utf-8")) if cache and cache.exists() else {}
    trainer = None
    rows = []
    for name in names:
        for item in scorer.load(str(ROOT / "eval" / f"{name}.jsonl")).values():
            for style in STYLES:
                text = scorer.vosk_style(item["spoken"]) if style == "vosk" else item["spoken"]
                key = f"{item['id']}/{style}"
                if key not in ruled:
                    trainer = trainer or load_module(ROOT / "scripts" / "train_categories.py", "train_categories")
                    ruled[key] = list(trainer.rules_view(text, _known(item.get("known_people")))[1])
                rows.append(Row(name, item["id"], style, features(normalize(text).lower, ruled[key]),
                                frozenset(ruled[key]), frozenset(item["gold"]["categories"])))
    if cache is not None:
        cache.write_text(json.dumps(ruled), encoding="utf-8")
    return rows


@dataclass(frozen=True)
class Sparse:
    """A row-scaled binary feature matrix as (flat column indices, their row, the rows' values)."""

    cols: Array
    row_of: Array
    value: Array
    n_rows: int

    def dot(self, w: Array) -> Array:
        """self @ w."""
        e = w.astype(np.float32)[self.cols] * self.value[:, None]
        return np.stack([np.bincount(self.row_of, weights=e[:, j], minlength=self.n_rows) for j in range(w.shape[1])],
                        axis=1)

    def tdot(self, err: Array, size: int) -> Array:
        """self.T @ err."""
        e = err.astype(np.float32)[self.row_of] * self.value[:, None]
        return np.stack([np.bincount(self.cols, weights=e[:, j], minlength=size) for j in range(err.shape[1])], axis=1)


def design(rows: Sequence[Row], vocab: dict[str, int]) -> Sparse:
    """The features over the vocabulary, valued as voicelog.extract.what_layer.values values them."""
    cols, row_of, value = [], [], []
    for i, r in enumerate(rows):
        vs = values(r.feats)
        fs = [f for f in r.feats if f in vocab]
        cols += [vocab[f] for f in fs]
        row_of += [i] * len(fs)
        value += [vs[f] for f in fs]
    return Sparse(np.array(cols, dtype=int), np.array(row_of, dtype=int), np.array(value, dtype=np.float32), len(rows))


@dataclass(frozen=True)
class Model:
    """Per-category logistic regressions over a vocabulary."""

    vocab: dict[str, int]
    w: Array
    b: Array

    def probs(self, rows: Sequence[Row]) -> Array:
        z = design(rows, self.vocab).dot(self.w) + self.b
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


def fit(rows: Sequence[Row], prune: float = 0.0) -> Model:
    """The logistic regressions; with prune, fitted again with only the weights that reached it the first time (the
    others held at zero), so a small weights file loses little."""
    model = _fit(rows)
    if prune <= 0:
        return model
    return _fit(rows, np.abs(model.w) >= prune)


def _fit(rows: Sequence[Row], mask: Array | None = None, l2: float = 1e-4, iters: int = 150) -> Model:
    """Adam on the mean log loss plus an L2 penalty; features in 4 or more rows of 2 or more sets; weights outside
    mask held at zero."""
    counts = Counter(f for r in rows for f in r.feats)
    sets: dict[str, set[str]] = {}
    for r in rows:
        for f in r.feats:
            sets.setdefault(f, set()).add(r.set)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 4 and len(sets[f]) >= 2))}
    x = design(rows, vocab)
    y = np.array([[c in r.gold for c in CATEGORIES] for r in rows], dtype=float)
    w, b = np.zeros((len(vocab), len(CATEGORIES))), np.zeros(len(CATEGORIES))
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, iters + 1):
        err = (1.0 / (1.0 + np.exp(-(x.dot(w) + b))) - y) / len(rows)
        g = x.tdot(err, len(vocab)) + l2 * w
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        w -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        if mask is not None:
            w *= mask
        b -= 0.5 * err.sum(axis=0)
    return Model(vocab, w, b)


def choose(p: Array, ruled: Array, add: Array, drop: Array) -> Array:
    """voicelog.extract.what_layer.choose over a matrix: rows x categories, booleans."""
    out = np.where(ruled, p >= drop, p >= add)
    empty = ~out.any(axis=1)
    out[empty, np.argmax(p[empty], axis=1)] = True
    return out


def counts(pred: Array, gold: Array) -> tuple[int, int, int, int]:
    """(tp, fp, fn, rows exactly right)."""
    return (int((pred & gold).sum()), int((pred & ~gold).sum()), int((~pred & gold).sum()),
            int((pred == gold).all(axis=1).sum()))


def f1(c: Sequence[int]) -> float:
    return 0.0 if c[0] == 0 else 2 * c[0] / (2 * c[0] + c[1] + c[2])


def matrices(rows: Sequence[Row]) -> tuple[Array, Array]:
    """(the rules' categories, gold) as boolean matrices."""
    return (np.array([[c in r.ruled for c in CATEGORIES] for r in rows]),
            np.array([[c in r.gold for c in CATEGORIES] for r in rows]))


def tune(p: Array, rows: Sequence[Row], mode: str, start: tuple[Array, Array] | None = None, margin: float = 0.0
         ) -> tuple[Array, Array]:
    """Per-category (add, drop) thresholds for the best micro F1 on these probabilities, in the mode's freedom: two
    rounds of coordinate ascent from start (without one: never adding or dropping; 0.5 in replace mode), where a
    threshold moves only to a value that beats its current one by margin F1 or more."""
    ruled, gold = matrices(rows)
    k = len(CATEGORIES)
    add = np.full(k, 0.5 if mode == "replace" else NEVER_ADD) if start is None else start[0].copy()
    drop = np.full(k, 0.5 if mode == "replace" else NEVER_DROP) if start is None else start[1].copy()
    for _ in range(2):
        for j in range(k):
            tables = {"replace": ((add, drop),), "adddrop": ((add,), (drop,)), "add": ((add,),),
                      "drop": ((drop,),)}[mode]
            for arrs in tables:
                never = [] if mode == "replace" else [NEVER_ADD if arrs[0] is add else NEVER_DROP]
                now = best = (f1(counts(choose(p, ruled, add, drop), gold)), arrs[0][j])
                for t in (*never, *GRID):
                    for a in arrs:
                        a[j] = t
                    s = f1(counts(choose(p, ruled, add, drop), gold))
                    if s > best[0] + 1e-9:
                        best = (s, t)
                for a in arrs:
                    a[j] = best[1] if best[0] - now[0] >= margin else now[1]
    return add, drop


def previous(path: Path) -> tuple[Array, Array] | None:
    """The (add, drop) thresholds of a layer file, None when there is none."""
    if not path.exists():
        return None
    found = {(f, c): float(v) for f, c, v in (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
                                              if line.startswith(("<add>\t", "<drop>\t")))}
    return (np.array([found.get(("<add>", c), NEVER_ADD) for c in CATEGORIES]),
            np.array([found.get(("<drop>", c), NEVER_DROP) for c in CATEGORIES]))


def steady(p: Array, rows: Sequence[Row], mode: str, start: tuple[Array, Array] | None, margin: float
           ) -> tuple[Array, Array]:
    """Thresholds with hysteresis: :func:`tune` from the shipped layer's thresholds (start), each moving only for a
    gain of margin F1 out of fold. Out of fold the F1 of a threshold is flat over wide ranges (unwanted_contact's drop
    within 0.001 from 0 to 0.45), so the best value jumps with any rule change (round 11: 0.55 -> 0.2) though the
    choice is worth nothing on a new set; see the round-12 paragraph above."""
    return tune(p, rows, mode, start, margin)


def out_of_fold(rows: Sequence[Row], folds: int, prune: float) -> Array:
    """Each row's probabilities from a model trained without its fold (folds grouped by set)."""
    names = list(dict.fromkeys(r.set for r in rows))
    fold_of = {n: i % folds for i, n in enumerate(names)}
    p = np.zeros((len(rows), len(CATEGORIES)))
    for k in range(folds):
        test = [i for i, r in enumerate(rows) if fold_of[r.set] == k]
        p[test] = fit([r for r in rows if fold_of[r.set] != k], prune).probs([rows[i] for i in test])
    return p


def shipped_cats(folder: Path, name: str, style: str) -> dict[str, frozenset[str]]:
    """The categories in a prediction file of the extractor as shipped."""
    path = folder / f"{name}.{style}.pred.jsonl"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            p = json.loads(line)
            out[p["id"]] = frozenset(p.get("categories") or [])
    return out


def held_probs(rows: Sequence[Row], name: str, folds: int, prune: float, store: Path | None) -> tuple[Array, Array]:
    """(the other sets' out-of-fold probabilities, the set's probabilities from a model of the other sets; with name
    "ALL", every row's out-of-fold probabilities and nothing); kept in store as NAME.npz and used again only for the
    same rows, rules' categories, folds and pruning (so a stale file is never read)."""
    key = hashlib.sha256(json.dumps([folds, prune, [(r.set, r.id, r.style, sorted(r.ruled), sorted(r.gold))
                                                    for r in rows]]).encode()).hexdigest()
    path = store / f"{name}.npz" if store else None
    if path and path.exists():
        with np.load(path) as z:
            if str(z["key"]) == key:
                return z["inner"], z["outer"]
    train = [r for r in rows if r.set != name]
    test = [r for r in rows if r.set == name]
    inner = out_of_fold(train, folds, prune)
    outer = fit(train, prune).probs(test) if test else np.zeros((0, len(CATEGORIES)))
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, key=key, inner=inner, outer=outer)
    return inner, outer


def loso(rows: Sequence[Row], shipped: Path | None, args: argparse.Namespace, hold: Sequence[str] = ()) -> None:
    """The per-set table: each set scored by models and thresholds that never saw it (hold: only these sets), the
    thresholds chosen as until round 11 (grid: the best on all the inner out-of-fold rows) and with hysteresis from
    the shipped layer's (steady; those thresholds saw the sets the shipped layer was trained on)."""
    names = [n for n in dict.fromkeys(r.set for r in rows) if not hold or n in hold]
    cols = (("rules", "shipped") if shipped else ("rules",)) + ("grid", "steady")
    res: dict[tuple[str, str, str], tuple[int, int, int, int]] = {}
    picked: dict[tuple[str, str], list[Array]] = {}
    start = previous(args.previous or args.out)
    for name in names:
        train = [r for r in rows if r.set != name]
        test = [r for r in rows if r.set == name]
        inner, p = held_probs(rows, name, args.folds, args.prune, args.probs)
        ruled, gold = matrices(test)
        long = [i for i, r in enumerate(train) if long_enough(r.feats)]
        picks = {"grid": tune(inner[long], [train[i] for i in long], args.mode),
                 "steady": steady(inner[long], [train[i] for i in long], args.mode, start, args.margin)}
        preds = {}
        for col, (add, drop) in picks.items():
            preds[col] = choose(p, ruled, add, drop)
            picked.setdefault((col, "add"), []).append(add)
            picked.setdefault((col, "drop"), []).append(drop)
        if shipped:  # an account too short for the layer keeps the shipped extractor's categories
            ship = {(i, st): c for st in STYLES for i, c in shipped_cats(shipped, name, st).items()}
            short = [i for i, r in enumerate(test) if not long_enough(r.feats)]
            for col in picks:
                for i in short:
                    preds[col][i] = [c in ship.get((test[i].id, test[i].style), ()) for c in CATEGORIES]
        preds["rules"] = ruled.copy()
        empty = ~ruled.any(axis=1)
        preds["rules"][empty, CATEGORIES.index("other")] = True  # the rules give "other" when none matched
        for style in STYLES:
            ix = [i for i, r in enumerate(test) if r.style == style]
            if shipped:
                of_style = shipped_cats(shipped, name, style)
                sp = np.array([[c in of_style.get(test[i].id, ()) for c in CATEGORIES] for i in ix])
                res[name, style, "shipped"] = counts(sp, gold[ix])
            for col in ("rules", *picks):
                res[name, style, col] = counts(preds[col][ix], gold[ix])
        print(f"{name} done", file=sys.stderr, flush=True)
    print(f"categories F1 (accounts exactly right), leave-one-set-out, mode {args.mode}")
    for style in STYLES:
        print(f"== {style}")
        print(f"{'set':10} " + " ".join(f"{c:>13}" for c in cols))
        for name in (*names, "ALL", "h8-h14"):
            keys = names if name == "ALL" else NEWEST if name == "h8-h14" else (name,)
            cells = []
            for c in cols:
                tot = [sum(res[n, style, c][j] for n in keys if (n, style, c) in res) for j in range(4)]
                cells.append(f"{f1(tot):.3f} ({tot[3]:4d})")
            print(f"{name:10} " + " ".join(f"{c:>13}" for c in cells))
    print("thresholds over the held-out trainings, lowest-highest (2 never adds, 0 never drops)")
    print(f"{'category':17} {'grid add':>11} {'steady add':>11} {'grid drop':>11} {'steady drop':>11}")
    for j, cat in enumerate(CATEGORIES):
        spans = [sorted(float(a[j]) for a in picked[col, kind]) for kind in ("add", "drop") for col in picks]
        print(f"{cat:17} " + " ".join(f"{f'{s[0]:g}-{s[-1]:g}':>11}" for s in spans))


# --ngrams-only: the round-8 experiment (formerly scripts/experiment_categories.py) that led to the layer. Learned
# n-grams in place of the rules rather than over them: one logistic regression per category over the Vosk-style
# account's word unigrams and bigrams (the same in both styles; kept when in 4 or more training rows), each row
# scaled to unit length, identical rows merged with their count as weight; in the ngram+rules column also the rules'
# categories. Per-category thresholds (NGRAM_GRID) are tuned on out-of-fold probabilities from 4 inner folds of the
# training sets (grouped by set); an account gets its most probable category when none clears its threshold.
NGRAM_GRID = tuple(round(0.05 * i, 2) for i in range(1, 20))
NGRAM_COLUMNS = ("rules", "ngram", "ngram+rules")


def ngrams(text: str) -> frozenset[str]:
    """Word unigrams and bigrams of a Vosk-style text."""
    words = text.split()
    return frozenset(words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)])


def ngram_features(rows: Sequence[Row], with_rules: bool) -> list[frozenset[str]]:
    """Each row's n-grams (of its account's Vosk style), with the rules' categories as 'RULE:cat' when asked."""
    scorer = load_scorer()
    grams = {item["id"]: ngrams(scorer.vosk_style(item["spoken"])) for name in dict.fromkeys(r.set for r in rows)
             for item in scorer.load(str(ROOT / "eval" / f"{name}.jsonl")).values()}
    return [grams[r.id] | frozenset(f"RULE:{c}" for c in r.ruled) if with_rules else grams[r.id] for r in rows]


def unit_rows(feats: Sequence[frozenset[str]], vocab: dict[str, int]) -> Array:
    """A binary feature matrix over the vocabulary, each row scaled to unit length."""
    x = np.zeros((len(feats), len(vocab)), dtype=np.float32)
    for i, fs in enumerate(feats):
        x[i, [vocab[f] for f in fs if f in vocab]] = 1.0
    return np.asarray(x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1.0), dtype=np.float32)


def ngram_fit(feats: Sequence[frozenset[str]], golds: Sequence[frozenset[str]], cats: Sequence[str],
              l2: float = 1e-4, iters: int = 150) -> tuple[dict[str, int], Array, Array]:
    """(vocabulary, weights, biases): Adam on the weighted mean log loss plus an L2 penalty, identical rows merged."""
    seen = Counter(f for fs in feats for f in fs)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in seen.items() if c >= 4))}
    merged = Counter((frozenset(fs & vocab.keys()), g) for fs, g in zip(feats, golds, strict=True))
    keys = list(merged)
    x = unit_rows([k[0] for k in keys], vocab)
    y = np.array([[c in g for c in cats] for _, g in keys], dtype=np.float32)
    weight = np.array([merged[k] for k in keys], dtype=np.float32)[:, None] / len(feats)
    w, b = np.zeros((len(vocab), len(cats)), dtype=np.float32), np.zeros(len(cats), dtype=np.float32)
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, iters + 1):
        err = (1.0 / (1.0 + np.exp(-(x @ w + b))) - y) * weight
        g = x.T @ err + l2 * w
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        w -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        b -= 0.5 * err.sum(axis=0)
    return vocab, w, b


def ngram_probs(model: tuple[dict[str, int], Array, Array], feats: Sequence[frozenset[str]]) -> Array:
    vocab, w, b = model
    return np.asarray(1.0 / (1.0 + np.exp(-(unit_rows(feats, vocab) @ w + b))))


def ngram_decide(p: Array, thresholds: Array) -> Array:
    """Categories over their thresholds; the most probable one when none is."""
    out = p >= thresholds
    empty = ~out.any(axis=1)
    out[empty, np.argmax(p[empty], axis=1)] = True
    return out


def ngram_thresholds(feats: Sequence[frozenset[str]], rows: Sequence[Row], cats: Sequence[str], folds: int = 4
                     ) -> Array:
    """Per-category thresholds for the best micro F1 on out-of-fold probabilities (two rounds of coordinate ascent)."""
    names = sorted({r.set for r in rows})
    fold_of = {n: i % folds for i, n in enumerate(names)}
    golds = [r.gold for r in rows]
    p = np.zeros((len(rows), len(cats)))
    for k in range(folds):
        test = [i for i, r in enumerate(rows) if fold_of[r.set] == k]
        train = [i for i, r in enumerate(rows) if fold_of[r.set] != k]
        p[test] = ngram_probs(ngram_fit([feats[i] for i in train], [golds[i] for i in train], cats),
                              [feats[i] for i in test])
    gold = np.array([[c in g for c in cats] for g in golds])
    th = np.full(len(cats), 0.5)
    for _ in range(2):
        for k in range(len(cats)):
            best = None
            for t in NGRAM_GRID:
                th[k] = t
                score = f1(counts(ngram_decide(p, th), gold))
                if best is None or score > best[0]:
                    best = (score, t)
            assert best is not None
            th[k] = best[1]
    return th


def ngram_loso(rows: Sequence[Row], shipped: Path | None, hold: Sequence[str] = ()) -> None:
    """The experiment's per-set table: categories F1 of the rules alone (no "other" when none matched), n-grams alone
    and n-grams with the rules' categories, each learned column trained and tuned without the set."""
    cats = sorted({c for r in rows for c in r.gold})
    names = [n for n in dict.fromkeys(r.set for r in rows) if not hold or n in hold]
    cols = (("shipped",) if shipped else ()) + NGRAM_COLUMNS
    res: dict[tuple[str, str, str], tuple[int, int, int, int]] = {}
    by_rules = {False: ngram_features(rows, False), True: ngram_features(rows, True)}
    for name in names:
        train = [i for i, r in enumerate(rows) if r.set != name]
        test = [i for i, r in enumerate(rows) if r.set == name]
        gold = np.array([[c in rows[i].gold for c in cats] for i in test])
        preds = {"rules": np.array([[c in rows[i].ruled for c in cats] for i in test])}
        for col, with_rules in (("ngram", False), ("ngram+rules", True)):
            feats = by_rules[with_rules]
            th = ngram_thresholds([feats[i] for i in train], [rows[i] for i in train], cats)
            model = ngram_fit([feats[i] for i in train], [rows[i].gold for i in train], cats)
            preds[col] = ngram_decide(ngram_probs(model, [feats[i] for i in test]), th)
        for style in STYLES:
            ix = [k for k, i in enumerate(test) if rows[i].style == style]
            if shipped:
                of_style = shipped_cats(shipped, name, style)
                preds["shipped"] = np.array([[c in of_style.get(rows[i].id, ()) for c in cats] for i in test])
            for col in cols:
                res[name, style, col] = counts(preds[col][ix], gold[ix])
        print(f"{name} done", file=sys.stderr, flush=True)
    print("categories F1, leave-one-set-out (--ngrams-only)")
    print(f"{'set':10} " + " ".join(f"{s[:1]}:{c:>11}" for s in STYLES for c in cols))
    for name in (*names, "ALL"):
        keys = names if name == "ALL" else (name,)
        cells = [f1([sum(res[n, s, c][j] for n in keys) for j in range(3)]) for s in STYLES for c in cols]
        print(f"{name:10} " + " ".join(f"{x:13.3f}" for x in cells))


def write(rows: Sequence[Row], args: argparse.Namespace) -> None:
    """Fit on all rows, thresholds from out-of-fold probabilities (steadied unless --thresholds grid), the weights
    file without tiny weights."""
    mode, out = args.mode, args.out
    long = [i for i, r in enumerate(rows) if long_enough(r.feats)]
    p = held_probs(rows, "ALL", args.folds, args.prune, args.probs)[0][long]
    add, drop = (tune(p, [rows[i] for i in long], mode) if args.thresholds == "grid"
                 else steady(p, [rows[i] for i in long], mode, previous(args.previous or out), args.margin))
    model = fit(rows, args.prune)
    vocab = sorted(model.vocab, key=model.vocab.__getitem__)
    names = ", ".join(dict.fromkeys(r.set for r in rows))
    how = "grid" if args.thresholds == "grid" else f"steady, margin {args.margin:g}"
    lines = [f"# written by scripts/train_layer.py (mode {mode}, thresholds {how}) from {names} ({len(rows)} rows: "
             "accounts x 2 styles)",
             "# feature<TAB>category<TAB>weight; <add>/<drop>: the thresholds (2 never adds, 0 never drops)"]
    for j, cat in enumerate(CATEGORIES):
        lines += [f"<bias>\t{cat}\t{model.b[j]:.4f}", f"<add>\t{cat}\t{add[j]:g}", f"<drop>\t{cat}\t{drop[j]:g}"]
        for i in np.argsort(-np.abs(model.w[:, j])):
            if abs(model.w[i, j]) < 5e-4:  # held at zero by the pruning
                break
            lines.append(f"{vocab[i]}\t{cat}\t{model.w[i, j]:.3f}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(lines) - 2} lines from {len(rows)} rows, {len(vocab)} features", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(DEV_SETS), help="development sets in eval/ (no .jsonl)")
    ap.add_argument("--cache", type=Path, default=None, help="keep the rules' own categories here (JSON)")
    ap.add_argument("--mode", choices=MODES, default="adddrop")
    ap.add_argument("--folds", type=int, default=6, help="inner folds for the thresholds (grouped by set)")
    ap.add_argument("--out", type=Path, default=ROOT / "voicelog" / "extract" / "vocab" / "what_layer.tsv")
    ap.add_argument("--prune", type=float, default=0.5, help="keep only weights that reach this (then refit)")
    ap.add_argument("--loso", action="store_true", help="print the leave-one-set-out table instead of training")
    ap.add_argument("--shipped", type=Path, default=None, help="with --loso: a folder of SET.STYLE.pred.jsonl")
    ap.add_argument("--ngrams-only", action="store_true",
                    help="with --loso: the round-8 experiment, learned n-grams in place of the rules (see NGRAM_GRID)")
    ap.add_argument("--hold", default="", help="with --loso: hold out only these sets (comma-separated)")
    ap.add_argument("--thresholds", choices=("steady", "grid"), default="steady",
                    help="steady: from the previous layer's, moving for a gain of --margin (steady); grid: round 11's")
    ap.add_argument("--margin", type=float, default=MARGIN, help="F1 a threshold must gain to move (steady)")
    ap.add_argument("--previous", type=Path, default=None,
                    help="the layer whose thresholds steady starts from (default: --out as it stands before writing)")
    ap.add_argument("--probs", type=Path, default=None,
                    help="keep the out-of-fold probabilities here (a folder; reused only for the same rows)")
    args = ap.parse_args()
    names = [s for s in args.sets.split(",") if s]
    if any(n.startswith(HELD_OUT) for n in names):
        raise SystemExit("a held-out set is never trained on")
    rows = load_rows(names, args.cache)
    if args.loso and args.ngrams_only:
        ngram_loso(rows, args.shipped, [s for s in args.hold.split(",") if s])
    elif args.loso:
        loso(rows, args.shipped, args, [s for s in args.hold.split(",") if s])
    else:
        write(rows, args)


if __name__ == "__main__":
    main()
