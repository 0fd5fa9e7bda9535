"""Accent- and case-insensitive text for the library's search: "donnees" finds "données" and
"Données" finds "donnees", on SQLite and PostgreSQL alike."""

from __future__ import annotations

import re
import unicodedata

from nec.core.search import search_words


def normalise(text: str) -> str:
    """`text` in lower case without accents (œ → oe, ß → ss), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("œ", "oe").replace("æ", "ae").split())


#: a word of the search: letters and digits only (never "_" nor an operator of FTS5 or tsquery)
_TOKEN = re.compile(r"[^\W_]+")
#: the last word is also looked up as a prefix ("donn" finds "données") from this length on
PREFIX_FROM = 3


def search_terms(text: str) -> list[list[str]]:
    """The words of a search, each split into its tokens ("l'inclusion" → ["l", "inclusion"]),
    normalised like `search_text` and capped by `nec.core.search`; operators and punctuation of
    either search engine are dropped, so nothing typed can change the query's syntax."""
    terms = []
    for word in search_words(normalise(text)):
        tokens = _TOKEN.findall(word)
        if tokens:
            terms.append(tokens)
    return terms


def fts5_query(terms: list[list[str]]) -> str:
    """SQLite FTS5 MATCH expression: every word as a quoted phrase (all required), the last
    one also as a prefix. Empty for no words."""
    phrases = ['"' + " ".join(tokens) + '"' for tokens in terms]
    if phrases and len(terms[-1][-1]) >= PREFIX_FROM:
        phrases[-1] += "*"
    return " AND ".join(phrases)


def tsquery(terms: list[list[str]]) -> str:
    """PostgreSQL `to_tsquery` text: the tokens of every word, all required (`&`), the last one
    also as a prefix (`:*`). Empty for no words."""
    tokens = [token for word in terms for token in word]
    if tokens and len(tokens[-1]) >= PREFIX_FROM:
        tokens[-1] += ":*"
    return " & ".join(tokens)
