"""Patterns that identify boilerplate in news text.

Sources: the seed article's Moscow Times appeal and the boilerplate seen in the
AllSides sample (``../shared/data/news/allsides-sample.jsonl``, 1,540 bodies from ~60
outlets). Each rule is a phrasing used across outlets (or a site-furniture string that
a page template prints on every article), never one article's sentence.

Precision comes first: removing article text is worse than leaving a share prompt. So
line rules match a *whole* line (anchored, with a length cap) and rules that look at
the end of a line require a credit-like shape (``Name/AP``, ``Photograph: ...``).

Reasons (the ``reason`` of each removal):

``appeal``         donation / membership / subscription appeals
``newsletter``     newsletter and e-mail sign-up prompts
``advertisement``  ad slots ("Advertisement", "Story continues below")
``share``          share buttons and follow-us prompts
``photo``          photo credits and captions
``gallery``        photo galleries and slideshows: slides with their captions, counters
                   ("Hide Caption 3 of 12", "1 of 12"), navigation and labels
``highlights``     "Story highlights": the outlet's summary printed above the article
``embed``          social-media posts pasted as text: a tweet signed "— Name (@handle)
                   March 3, 2019", "pic.twitter.com/..." links, "A post shared by ..."
``media``          video / audio player furniture and teasers
``read-more``      "Read more" / "Related" / "See also" link lines
``promo``          app downloads, "click here" promotions, polls
``copyright``      copyright and syndication notices, opinion disclaimers
``contact``        "send us a tip / letters to the editor" lines
``page-furniture`` time stamps, "this article is more than N years old", markup left-overs
``link-teaser``    hover text glued into a sentence (a name's full form + headlines + MORE)
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def _rx(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_NETWORKS = (
    r"(?:twitter|facebook|instagram|linkedin|whatsapp|reddit|telegram|youtube|tiktok|"
    r"flipboard|threads|bluesky|pinterest|snapchat|x)"
)
_AGENCIES = (
    r"(?:Associated Press|AP|AFP|Reuters|REUTERS|Getty Images|EPA|Bloomberg|Pool|Xinhua|UPI|"
    r"Sipa|Shutterstock|NurPhoto|Anadolu|dpa|TASS|Sputnik|AAP|PA|Landov|Redux|Polaris|ZUMA|"
    r"NPR|CNN|BBC)"
)
# A photographer credit: "Jeff Kowalsky/AFP via Getty Images", "Carolyn Kaster/AP".
_CREDIT = (
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?: for [A-Z][\w ]{1,30})?"
    r"/(?:[A-Z][\w. ]{0,30}/)?" + _AGENCIES
    + r"(?:[/ ](?:via )?(?:Getty Images|File|File Photo|Photo|Pool|Landov))*"
)

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# An embedded tweet's signature: "— Donald J. Trump (@realDonaldTrump) January 12, 2018",
# "— BBC News (UK) (@BBCNews) May 31, 2020". The name never holds another "(@".
_HANDLE_DATE = r"\(@\w{1,15}\)\s+" + _MONTH + r"\s\d{1,2},?\s\d{4}"
_SIGNATURE = r"(?:—|–|-{1,2}|&mdash;)\s*(?:(?!\(@)[^\n]){1,80}?" + _HANDLE_DATE
# A signature opening a line (the post is on the line before; see clean.blocks).
EMBED_SIGNATURE: re.Pattern[str] = re.compile(r"^" + _SIGNATURE)
# The link Twitter appends to a post's text.
TWEET_LINK: re.Pattern[str] = re.compile(r"(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)$")

# A photo credit, and the caption after it, glued before the article's first sentence
# with single spaces: "Image copyright AFP Image caption Crowds filled the square. The
# president said on Monday that talks would resume." The credit is an agency or a
# "Name/Agency" credit; the caption ends a sentence (a period after two lower-case letters
# or digits, so "U.S." or "Mr." never end it). What follows is cut off only when
# ``clean.blocks.glued_lead`` finds it is a sentence of article text.
GLUED_PHOTO: re.Pattern[str] = re.compile(
    r"^(?i:image copyright|image source|photo credit|copyright) (?:" + _CREDIT + "|"
    + _AGENCIES + r")(?: (?i:image caption) [^.!?]{1,300}?[a-z0-9)]{2}[.!?][\"”’']?)? "
    r"(?=[A-Z0-9“\"‘'])"
)

# (reason, pattern) pairs applied to one stripped line; the first match wins.
LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    # --- advertisement slots -------------------------------------------------------
    ("advertisement", _rx(
        r"^(?:advertisement|advertising|sponsored(?: content)?|paid content|ad)\s*[:.]?"
        r"(?:\s*continue reading the main story)?$"
    )),
    ("advertisement", _rx(r"^(?:continue reading the main story|story continue[sd] below(?: this)?"
                          r"(?: (?:advertisement|ad))?|article continues (?:below|after (?:this )?"
                          r"(?:advertisement|ad)))\.?$")),
    # --- newsletters -----------------------------------------------------------------
    # A line about a newsletter / inbox that also asks the reader to act.
    ("newsletter", _rx(
        r"^(?=.{0,500}$)(?=.*\b(?:newsletters?|inbox|e-?mail alerts?)\b)"
        # The call to act is capitalised (an imperative opening a sentence or a
        # button) or addressed to the reader: "wants to sign up for the president's
        # newsletters" in a sentence is reporting, not a prompt.
        r"(?=.*(?-i:Sign [Uu]p|SIGN UP|Subscribe|SUBSCRIBE|Get [Oo]ur|GET OUR)|.*\bsigning up\b|"
        r".*\b(?:your inbox|manage newsletters|invalid email|delivered (?:daily |weekly )?"
        r"to you)\b).*"
    )),
    ("newsletter", _rx(r"^.{0,200}\b(?-i:Sign up) to receive\b.{0,200}$")),
    ("newsletter", _rx(r"^.{0,200}\bsubscribe to (?:our|[\w ]{1,30}['’]s?) "
                       r"newsletters?\b.{0,100}$")),
    ("newsletter", _rx(r"^(?:sign up|subscribe)(?: now| here| today)?\b.{0,160}"
                       r"\b(?:newsletters?|e-?mails?|inbox|updates|alerts|briefing)\b.{0,160}$")),
    ("newsletter", _rx(r"^(?:newsletter sign[- ]up|sign up(?: here| now| today)?|"
                       r"thanks? for signing up"
                       r"|thank you for signing up)\b.{0,200}$")),
    # --- share / follow prompts ---------------------------------------------------------
    ("share", _rx(r"^(?:share|tweet|e-?mail|print|pin|save|comment)(?: this)?"
                  r"(?: (?:article|story|page|post))?"
                  r"(?: on " + _NETWORKS + r")?\s*[:.]?$")),
    ("share", _rx(r"^(?:listen to (?:this )?article\s*[\d:]*\s*)?share (?:this|the) "
                  r"(?:article|story|post|page)"
                  r"\b.{0,80}$")),
    ("share", _rx(r"^read or share this story\b.{0,120}$")),
    ("share", _rx(r"^(?:(?:share|tweet|post|email|e-mail|pin|print|"
                  + _NETWORKS + r")[ ,|/]*){3,}$")),
    ("share", _rx(r"^[-–•*]?\s*(?:follow|join) (?:us|me|@\w+|[\w.'’ ]{1,40}?) (?:on|at|in|via) "
                  r"(?:" + _NETWORKS + r"\b|@\w|https?://|www\.).{0,160}$")),
    ("share", _rx(r"^(?:like|find) us on " + _NETWORKS + r"\b.{0,120}$")),
    ("share", _rx(r"^follow @\w+\.?$")),
    ("share", _rx(r"^.{0,60}\bflipboard\b.{0,60}$")),
    ("share", _rx(r"^we encourage readers who wish to comment\b.{0,250}$")),
    # --- galleries and slideshows: slides, counters, navigation --------------------------
    # CNN slides left over when the whole gallery is not found (clean.blocks finds it).
    ("gallery", _rx(r"^(?:(?:photos?:|hide caption\b).{0,6000}\b)?hide caption \d{1,4} of "
                    r"\d{1,4}$")),
    # NPR slideshows: "Hide caption <caption> Previous Next <credit> [1 of 14 i View
    # slideshow]", sometimes after the slideshow's title.
    ("gallery", _rx(r"^.{0,600}\bhide caption\b.{0,600}\bprevious next\b.{0,200}$")),
    ("gallery", _rx(r"^.{0,600}\b\d{1,3} of \d{1,3} i view slideshow$")),
    ("gallery", _rx(r"^(?:next|prev|previous) (?:image|photo|slide) \d+ of \d+$")),
    ("gallery", _rx(r"^(?:(?:image|photo|slide|picture)s?\s*)?\d{1,3} of \d{1,3}$")),
    ("gallery", _rx(r"^(?:slideshow|gallery)\s*\(\d+ (?:images|photos)\)$")),
    # --- embedded posts -------------------------------------------------------------------
    # A whole tweet on one line, ending with its signature (BBC adds "Skip Twitter post by
    # @x" before it and "Report" after it); only one signature: a line with several is
    # prose with posts glued into it, left alone.
    ("embed", _rx(r"^(?:(?!" + _HANDLE_DATE + r").){1,600}?\s?" + _SIGNATURE
                  + r"(?:\s+Report)?$", 0)),
    ("embed", _rx(r"^(?:" + _SIGNATURE + r")$", 0)),
    ("embed", _rx(r"^.{1,360}(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)$", 0)),
    ("embed", _rx(r"^.{0,200}\bA (?:post shared|photo posted|video posted) by .{1,80}\(@\w+\)"
                  r"(?: on .{1,40})?$", 0)),
    ("embed", _rx(r"^(?:skip|end of) (?:twitter|instagram|facebook|youtube|tiktok) "
                  r"(?:post|content)\b.{0,600}$")),
    # --- photos: credits, captions --------------------------------------------------------
    ("photo", _rx(r"^(?:photo|photos|image|images|picture|pictures|gallery|slideshow|"
                  r"video still)\s*:?$")),
    ("photo", _rx(r"^(?:enlarge this image|toggle caption|hide caption|image copyright|"
                  r"image caption"
                  r"|image source|photo credit|photo illustration|photograph:|file photo|"
                  r"featured image)\b.{0,400}$")),
    ("photo", _rx(r"^(?:photo|image|picture)(?: credit)?\s*(?::|by\b)\s*.{1,150}$")),
    # WordPress caption short-codes left in the text.
    ("photo", _rx(r"^\[caption\b.{0,800}$")),
    ("photo", _rx(r"^.{0,300}\[/caption\]$")),
    ("photo", _rx(r"^(?:AP|AFP|Reuters) Photo\b.{0,80}$")),
    ("photo", _rx(r"^facebook twitter pinterest\b.{0,400}$")),
    ("photo", _rx(r"^FILE - (?:In )?th(?:is|ese)\b.{0,80}\bfile (?:photo|image)\b.{0,500}$", 0)),
    ("photo", _rx(r"^photos:\s*.{1,300}$")),
    # Captions that end with a credit: "(AP Photo/Susan Walsh)", "Photograph: X/AFP",
    # "REUTERS/Leah Millis", "Jeff Kowalsky/AFP via Getty Images".
    ("photo", _rx(r"^.{0,600}\((?:AP|AFP|Reuters|Getty|EPA|Bloomberg|Xinhua)? ?Photo(?:s|graph)?"
                  r"\s*[:/][^)]{1,80}\)$")),
    ("photo", _rx(r"^.{0,600}\b(?:Photograph|Photographer|Photo|Composite|Illustration)"
                  r"(?: by)?: [^.]{1,80}$", 0)),
    ("photo", _rx(r"^.{0,600}\bREUTERS/[A-Z][\w. ]{1,60}(?:/File(?: Photo)?)?$", 0)),
    ("photo", _rx(r"^.{0,600}[.)]\s+" + _CREDIT + r"\s*$", 0)),
    ("photo", _rx(r"^" + _CREDIT + r"(?: " + _CREDIT + r")?\s*$", 0)),
    # "(William DeShazer/Reuters)" at the end of a caption, or alone.
    ("photo", _rx(r"^(?:.{0,600}[.)] )?\(" + _CREDIT + r"\)$", 0)),
    ("photo", _rx(r"^.{0,600}[.)] [A-Z][\w .'’-]{0,40} \| (?:Getty Images|AP|AFP|Reuters|"
                  r"AP Photo|Bloomberg)$", 0)),
    # --- video / audio furniture ---------------------------------------------------------
    ("media", _rx(r"^media playback is unsupported on your device\b.{0,300}$")),
    ("media", _rx(r"^CLOSE [A-Z].{0,300}$", 0)),  # USA TODAY video widget caption
    ("media", _rx(r"^just watched\b.{0,300}\breplay\b.{0,300}$")),
    ("media", _rx(r"^(?:WATCH|Watch|VIDEO|Video|LISTEN|Listen|AUDIO|Audio|PODCAST|Podcast)"
                  r"\s*:\s*.{1,200}$", 0)),
    ("media", _rx(r"^play video\b.{0,250}$")),
    ("media", _rx(r"^\[watch\b[^\]]{1,300}\]$")),
    ("media", _rx(r"^\[/?jwplayer\b.{0,600}$")),
    # Audio players: a title followed by a duration ("... Listen · 3:12 3:12").
    ("media", _rx(r"^[^.!?]{3,150}?(?:\s+listen(?: ·)?)?(?:\s+\d{1,2}:\d{2}){1,2}$")),
    ("media", _rx(r"^[^.!?]{3,150}\s+listen$")),
    ("media", _rx(r"^(?:WATCH|VIDEO|LISTEN|AUDIO)\b[^a-z]{0,200}$", 0)),
    ("media", _rx(r"^(?:video|watch|listen|watch now|play video|audio|"
                  r"listen to this(?: article)?)$")),
    ("media", _rx(r"^watch the (?:latest|full) video\b.{0,120}$")),
    ("media", _rx(r"^listen to the (?:full )?(?:interview|segment|podcast|episode)\b.{0,120}$")),
    # --- read more / related links -------------------------------------------------------
    ("read-more", _rx(r"^(?:read more|related|recommended|more from|see also|also read|read also|"
                      r"related coverage|related stories|related articles|related content|"
                      r"related headlines|related links|more headlines|"
                      r"more on this|more|further reading|you may also like|trending|"
                      r"editors'? picks|most read|top stories)\s*(?:[:.>|\-–—]+|\.\.\.|…)?$")),
    ("read-more", _rx(r"^(?:read more|read|related|see also|also read|read also|related coverage|"
                      r"related stories|more|more from|recommended)\s*[:>|\-–—]\s*.{1,200}$")),
    # Reuters: "Related Coverage <headline>" (Title-case label, no final period).
    ("read-more", _rx(r"^(?:Related Coverage|RELATED COVERAGE)\s.{1,200}(?<!\.)$", 0)),
    ("read-more", _rx(r"^\(?\s*(?:photos|video|watch|related|see also|read more)\s*:"
                      r"[^()]{1,150}\)$")),
    ("read-more", _rx(r"^\(\s*(?:photos?|videos?|watch|podcast|related|see also|read more|more)"
                      r"\s*[:\-–—][^()]{1,150}\)$")),
    ("read-more", _rx(r"^\(\s*[A-Z]+['’]s [^()]{1,80} coverage\)$", 0)),
    ("read-more", _rx(r"^\(\s*(?:also on|see more from|more from|graphic:)[^()]{1,150}\)$")),
    ("read-more", _rx(r"^full coverage:\s*.{1,80}$")),
    ("read-more", _rx(r"^read more (?:on|from|about)\b[^.]{1,100}:?$")),
    ("read-more", _rx(r"^read more (?:at|on|from|about) [^:\n]{1,60}:\s*.{1,150}$")),
    ("read-more", _rx(r"^read more (?:at|on|from) .{1,80}\bhere\.?$")),
    # "Earlier: <headline>" (Bloomberg), "Previously:<headline>" (USA TODAY): no period.
    ("read-more", _rx(r"^(?:earlier|previously):\s*[A-Z0-9“\"‘'].{1,150}(?<![.])$")),
    # ProPublica: "Read More <headline> <teaser>" (capitalised, unlike prose's "read more").
    ("read-more", _rx(r"^Read More [A-Z“\"‘'].{10,400}$", 0)),
    # Vox: "Related <headline>" (no colon, no final period).
    ("read-more", _rx(r"^Related [A-Z0-9][^\n]{1,150}(?<![.])$", 0)),
    ("read-more", _rx(r"^[^.]{5,200}(?: – live)? read more$")),
    ("read-more", _rx(r"^click (?:here )?(?:for|to read) more\b.{0,120}$")),
    ("read-more", _rx(r"^click here to (?:read|view|see|watch)\b.{0,120}$")),
    # --- promotions: apps, polls, "click here" ---------------------------------------------
    ("promo", _rx(r"^(?:click here\s*(?:to\s*)?)?(?:get|download|install)\b.{0,60}\bapp\b"
                  r".{0,80}$")),
    ("promo", _rx(r"^stay up to date with\b.{0,80}\bapp\b.{0,40}$")),
    ("promo", _rx(r"^click here\b.{0,150}$")),
    ("promo", _rx(r"^\(subscribe to\b.{1,150}\)\.?$")),
    ("promo", _rx(r"^interested in .{1,60}\? add .{1,60} as an interest\b.{0,200}$")),
    ("promo", _rx(r"^[^.]{0,150}\bVote Now[.!]?$", 0)),
    # --- donation / subscription appeals (single line) ------------------------------------
    ("appeal", _rx(r"^remind me later\.?$")),
    ("appeal", _rx(r"^thank you for (?:supporting|subscribing|reading)\b.{0,200}$")),
    ("appeal", _rx(r"^(?:support|donate to|fund) (?:independent|our|quality|[\w’']+(?:'s|’s)"
                   r"(?: \w+)?) journalism\b.{0,160}$")),
    ("appeal", _rx(r"^(?:please )?(?:consider )?(?:donate|subscribe|become a (?:member|subscriber|"
                   r"supporter|patron))(?: now| today| here)?\b.{0,80}$")),
    ("appeal", _rx(r"^.{0,160}\bsubscribe to support (?:our|independent) journalism\b.{0,160}$")),
    ("appeal", _rx(r"^.{0,200}\b(?:no paywall|free for all readers)\b.{0,120}$")),
    # --- copyright and syndication -----------------------------------------------------------
    ("copyright", _rx(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:copyright\s*)?\d{4}\b.{0,250}$")),
    ("copyright", _rx(r"^(?:©|copyright ©)\s*.{1,80}$")),
    ("copyright", _rx(r"^all rights reserved\.?$")),
    ("copyright", _rx(r"^reprinted (?:from .{1,60} )?with permission\b.{0,250}$")),
    ("copyright", _rx(r"^.{0,120}\bmay not be (?:published|reproduced), broadcast, rewritten,? "
                      r"or redistributed\b.{0,80}$")),
    ("copyright", _rx(r"^content created by .{1,80} is available without charge\b.{0,400}$")),
    ("copyright", _rx(r"^the (?:opinions|views) expressed (?:by|in) (?:columnists|this|these)\b"
                      r".{0,80}\b(?:their own|do not (?:necessarily )?(?:represent|reflect))\b"
                      r".{0,160}$")),
    # --- contact lines --------------------------------------------------------------------------
    ("contact", _rx(r"^(?:got a tip|have a tip|contact us at|send (?:us )?(?:letters|tips|your)"
                    r")\b.{0,120}\b\S+@\S+\.\w+.{0,10}$")),
    ("contact", _rx(r"^the times is committed to publishing a diversity of letters\b.{0,400}$")),
    # --- page furniture ------------------------------------------------------------------------
    ("page-furniture", _rx(r"^(?:updated|posted|published|last updated)(?: at| on)?:? "
                           r"[\d:]{3,5}\s*[ap]\.?m\.?(?: [A-Z]{2,4})?\.?$")),
    ("page-furniture", _rx(r"^this (?:article|story) is more than \d+ (?:years?|months?) old$")),
    ("page-furniture", _rx(r"^\d+ (?:years?|months?|days?|hours?|minutes?) ago$")),
    ("page-furniture", _rx(r"^\[(?:pullquote|image|caption|embed|video|ad)\]$")),
    ("page-furniture", _rx(r"^(?:click here to )?(?:go )?back to (?:the )?top(?: of (?:this|the) "
                           r"(?:post|page|article))?\.?$")),
    ("page-furniture", _rx(r"^take me back to the top\b.{0,40}$")),
]

# Speed: rules that scan a whole line (".{0,600}...", look-aheads) run only on lines
# that contain one of their needles (lower-case substrings). Measured on the AllSides
# sample this cuts line-rule time about fourfold; rules anchored on a literal opening
# fail fast on their own and need no needle.
_NEEDLES: list[tuple[str, tuple[str, ...]]] = [
    # (a substring of the pattern source, needles one of which the line must contain)
    (r"\d{1,2}:\d{2}){1,2}$", (":",)),
    (r"(?=.{0,500}$)", ("newsletter", "inbox", "mail alert")),
    (r"Photograph|Photographer|Photo|Composite", ("photo", "composite", "illustration")),
    (r"REUTERS/", ("reuters/",)),
    (r"subscribe to (?:our|", ("subscribe to",)),
    (r"(?: – live)? read more$", ("read more",)),
    (r"no paywall|free for all readers", ("paywall", "free for all readers")),
    (r"(?-i:Sign up) to receive", ("sign up to receive",)),
    (r"Photo(?:s|graph)?", ("photo",)),
    (r"/(?:[A-Z][\w. ]{0,30}/)?", ("/",)),  # every rule built on _CREDIT
    (r"| (?:Getty Images|AP|AFP", ("|",)),
    (r"posted by", ("posted by",)),
    (r"may not be (?:published", ("may not be",)),
    (r"Vote Now", ("vote now",)),
    (r"\bapp\b", ("app",)),
    (r"\s+listen$", ("listen",)),
    (r"\[/caption\]", ("[/caption]",)),
    (r"caption \d{1,4} of \d{1,4}$", ("hide caption",)),
    (r"\bprevious next\b", ("previous next",)),
    (r"i view slideshow$", ("view slideshow",)),
    (r").){1,600}?\s?(?:—", ("(@",)),
    (r"^.{1,360}(?:pic", ("pic.twitter.com", "t.co/")),
    (r"(?:post shared|photo posted", ("posted by", "post shared by")),
    (r"subscribe to support", ("subscribe to support",)),
]


def _needles(pattern: re.Pattern[str]) -> tuple[str, ...]:
    for marker, needles in _NEEDLES:
        if marker in pattern.pattern:
            return needles
    return ()


# The line rules with their needles: (reason, pattern, needles).
RULES: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    (reason, pattern, _needles(pattern)) for reason, pattern in LINE_RULES
]

# A line that names a block of related links when it stands alone ("READ MORE:"). The
# following short title-like lines (headlines without final punctuation) go with it.
LINK_HEADERS: re.Pattern[str] = _rx(
    r"^(?:read more|related|related coverage|related stories|related articles|related "
    r"headlines|related links|more headlines|see also|"
    r"further reading|more from [\w ]{1,30}|more|recommended|you may also like)\s*[:.]?$"
)

# A line that opens a trailing appeal block.
BLOCK_STARTS: list[re.Pattern[str]] = [
    _rx(r"^a message from\b.{0,80}:?$"),
    _rx(r"^dear (?:readers?|friends?|subscribers?|supporters?),?$"),
    _rx(r"^(?:support|help|fund|protect) (?:our|independent|the|[\w’']+(?:'s|’s))"
        r"(?: \w+)? (?:journalism|reporting|work|newsroom)\b"),
    _rx(r"^(?:we|you) (?:need|rely on) (?:your|readers'?) (?:help|support)\b"),
    _rx(r"^(?:before you go|one more thing|thank you for reading|if you (?:value|appreciate|"
        r"like|liked|enjoyed) (?:this|our|what))\b"),
]

# Vocabulary counted in a candidate block (distinct cues, not occurrences).
BLOCK_WORDS: list[re.Pattern[str]] = [_rx(p) for p in (
    r"\bdonat(?:e|ion|ions|ing)\b", r"\bsupport (?:us|our)\b", r"\byour (?:financial )?support\b",
    r"\bmonthly\b", r"\bcontribution\b", r"\bindependent journalism\b", r"\bsubscri(?:be|ption)\b",
    r"\bremind me later\b", r"\bdear readers?\b", r"\bthank you\b",
    r"\bmake a (?:gift|difference)\b",
    r"\bour (?:work|journalists|staff|reporting|mission|journalism)\b", r"\bjust \$\d",
    r"\bwe need your help\b", r"\bmakes? a (?:significant|world of|real) (?:impact|difference)\b",
    r"\bstanding with us\b", r"\bplease (?:consider|support|give|donate)\b", r"\bpaywall\b",
    r"\bfree (?:articles|for all readers)\b", r"\bbecome a (?:member|supporter|patron)\b",
)]
# Minimum number of distinct cues in a block, and cues per 100 words. Measured: the
# seed appeal has 14 cues in 161 words, the Vox appeal 5 in 118; no paragraph of kept
# text in the AllSides sample (reporting on donations included) has more than 2 cues.
BLOCK_MIN_CUES = 3
BLOCK_MIN_DENSITY = 1.5
# An appeal block starts in the last part of the text (fraction of the characters).
BLOCK_TAIL_FRACTION = 0.5

# The Hill's hover cards: "President Trump Donald John TrumpGOP senators balk ... MORE".
TEASER_END = re.compile(r" MORE(?=[\s,.;:)’'\"”]|$)")
TEASER_MAX = 500
