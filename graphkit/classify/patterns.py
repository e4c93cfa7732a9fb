"""The wording of page furniture, comment threads, appeals, captions and teasers.

These are lines web pages share across sites. Each pattern names text that is not
evidence wherever it occurs, or that opens a run of such text; :mod:`.rules` decides
how far a run goes.
"""

from __future__ import annotations

import re

__all__ = [
    "COMMENT_HEADER",
    "COMMENT_FURNITURE",
    "FURNITURE",
    "APPEAL",
    "APPEAL_WORDS",
    "CAPTION",
    "CAPTION_START",
    "CREDIT",
    "TEASER_OPENER",
    "MAIL_HEADER",
    "MAIL_SEPARATOR",
    "DISCLAIMER",
    "DISCLAIMER_WHY",
    "READ_MORE",
]

# WordPress and most comment widgets: "Avatar Brent says:", "3. Jane Doe says:".
# Present tense and the colon matter: "Trump said:" in a report introduces a quote.
COMMENT_HEADER = re.compile(
    r"^(?:\d{1,3}[.)]\s*)?(?:avatar\s+)?\S(?:\S|\s(?!\s)){0,60}?\s+(?:says|writes|replies|commented)\s*:\s*$",
    re.IGNORECASE,
)
COMMENT_FURNITURE = re.compile(r"^(?:reply|log in to reply|like|report|\d+ (?:replies|likes))\s*$", re.I)

# Lines that are furniture wherever they occur (short lines only: see rules).
FURNITURE = re.compile(
    r"^(?:tweet|share|share this|print|email|act now|follow us.*|subscribe.*|sign up.*|donate.*|"
    r"tags?:.*|edited by:?.*|filed under:?.*|categories:?.*|related(?: (?:posts|articles|stories))?:?|"
    r"read more.*|keep reading.*|show (?:more|less)|remind me later\.?|advertisement|"
    r"latest|more|menu|search|home|skip to (?:main )?content|cookie.*|.*all rights reserved.*|"
    r"(?:copyright|©).*|photo:.*|image:.*|source:.*|\|+|[-–—*•·|=_~#\s]+)$",
    re.IGNORECASE,
)
# A line that opens an appeal to readers.
APPEAL = re.compile(
    r"^(?:a message from\b.*|dear readers?[,:!]?|since you['’]re here\b.*|"
    r"(?:please )?support (?:us|our|independent)\b.*|(?:become|join) (?:a )?(?:member|patron|subscriber)s?\b.*)$",
    re.IGNORECASE,
)
# What an appeal asks for: a long paragraph opens one only when it asks.
APPEAL_WORDS = re.compile(r"\b(?:support|donat\w*|subscri\w*|contribut\w*|members?(?:hip)?|favou?r|journalism)\b", re.I)
# An image credit at the end marks a caption even when the caption is a long sentence.
CREDIT = re.compile(r"\((?:image|photo|picture|credit|source)s?:[^)]*\)\s*$", re.IGNORECASE)
CAPTION_START = re.compile(r"^(?:l-r|r-l|left to right|pictured|from left)[:,]", re.IGNORECASE)
CAPTION = re.compile(
    r"\b(?:shutterstock|getty images|reuters/|ap photo|afp/|/pool)\b|\.(?:jpe?g|png|gif|webp)\b|^shutterstock",
    re.IGNORECASE,
)
# Lines that open a block of links to other articles, and the link that closes an excerpt.
TEASER_OPENER = re.compile(r"^(?:\|\||related|more (?:from|stories|on)\b.*|you may also like.*|recommended.*)$", re.I)
READ_MORE = re.compile(r"keep\s*reading|show\s*less|read\s*more|continue\s*reading", re.I)

# E-mail furniture inside a body: header lines of forwards and replies, separators,
# reply attributions with an address or a date, attachment markers.
MAIL_HEADER = re.compile(r"^(?:from|to|cc|bcc|sent|date)\s*:\s*\S|\b(?:to|cc)\s*:.*\b(?:cc|subject)\s*:", re.IGNORECASE)
MAIL_SEPARATOR = re.compile(
    r"-{2,}\s*(?:original message|forwarded by\b)|^(?:on\b.{0,80}|\S*@\S*|.{0,40}\d.{0,40})\s+wrote:$|"
    r"^\(?see attached file:",
    re.IGNORECASE,
)
# A legal disclaimer says both what the message is and what to do if it reached the wrong person.
DISCLAIMER = re.compile(r"\b(?:confidential|privileged|proprietary)\b", re.IGNORECASE)
DISCLAIMER_WHY = re.compile(
    r"\b(?:intended (?:solely |only )?for|received (?:this|it) (?:\w+ )?in error|not the intended recipient|"
    r"(?:addressee|recipient)s? (?:only|named))",
    re.IGNORECASE,
)
