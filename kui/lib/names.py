"""Comparing people's names the way Danish registers misspell them: æ/ae,
ø/oe, å/aa, an accent lost on the way, a letter typed twice or missed.

`fold` turns a name into the key two spellings of the same name share;
`within_one_edit` says whether two keys differ by at most one letter
(inserted, deleted or changed). `FOLDS` is the same mapping the PostgreSQL
query spells out in SQL, so both databases fold alike.
"""

import unicodedata

# Danish letters first (they are not accents: NFKD leaves æ and ø alone), then
# the accented letters a name may be typed with or without.
FOLDS = {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"}


def fold(name: str) -> str:
    """Lower case, Danish letters spelled out, accents and everything that is
    not a letter or a space dropped, spaces collapsed."""
    text = name.strip().lower()
    for letter, spelled in FOLDS.items():
        text = text.replace(letter, spelled)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = "".join(c if c.isalpha() else " " for c in text)
    return " ".join(text.split())


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance ≤ 1, in one pass (no matrix: only one edit is allowed)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    # a is now the shorter (or equal) one; skip the common prefix, then the rest must match.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]
