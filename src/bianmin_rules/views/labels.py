"""Words for people: one catalogue for every word the library shows, Chinese first, English on request.

Every word a person reads (a sheet's name, a column's header, a chart's title, a note,
a verdict's explanation) is written in the code once, in Chinese: a label marked with
:func:`zh`, a sentence with its facts as a :class:`~bianmin_rules.core.words.Message`
(``say(...)``). The Chinese text is the message id. English comes from the package's
gettext catalogue ``bianmin_rules/locale/en/LC_MESSAGES/bianmin_rules.po``, compiled by
Babel to the ``.mo`` beside it (see docs/languages.md); a rule family outside the library
brings a catalogue of its own, which its messages name. A word a catalogue does not
translate stays Chinese.

Codes that the library keeps as data (``violation``, ``staff``, ``deduction`` …) are shown
through :data:`CODES`, the Chinese word for each code, translated like any other word.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

from bianmin_rules.core.words import LIBRARY, Catalogue, Phrase, zh

__all__ = ["CODES", "DOMAIN", "LANGUAGES", "LOCALE_DIR", "Words", "zh"]

DOMAIN = LIBRARY.domain
"""The gettext domain of the library's words."""

LOCALE_DIR = LIBRARY.directory
"""Where the compiled catalogues are: ``LOCALE_DIR/<lang>/LC_MESSAGES/bianmin_rules.mo``."""

LANGUAGES = ("zh", "en")
"""The languages of the views: Chinese (the message ids themselves) and English."""


CODES: dict[str, str] = {
    # Verdict kinds.
    "violation": zh("违规"),
    "warning": zh("提醒"),
    "compliance": zh("合规"),
    "information": zh("信息"),
    # Subject kinds.
    "staff": zh("工作人员"),
    "window": zh("窗口"),
    "centre": zh("中心"),
    "case": zh("办件"),
    "department": zh("部门"),
    # Entries of a scorecard's detail.
    "item": zh("项目"),
    "total": zh("合计"),
    "part": zh("分期"),
    "deduction": zh("扣分"),
    "bonus": zh("加分"),
    "note": zh("备注"),
    "band": zh("分档"),
    "rate": zh("按比率扣分"),
    "missing": zh("未测得"),
    "forfeit": zh("不得分"),
    "clamp": zh("封顶或扣完为止"),
    "overflow_out": zh("倒扣转出"),
    "overflow_in": zh("倒扣转入"),
    # A subject's place in a ranking.
    "ranked": zh("参加排名"),
    "ineligible": zh("取消资格"),
    "unscored": zh("无得分"),
    # How a verdict differs between two reports.
    "added": zh("新增"),
    "removed": zh("消失"),
    "changed": zh("变化"),
}
"""The Chinese word for each code the views show; codes not listed are shown as they are."""


class Words:
    """The words of one language: ``words("违规明细")`` is the sheet name in that language.

    ``words(message)`` writes a :class:`~bianmin_rules.core.words.Message` (a verdict's
    explanation, a note) in this language, each of its words from the catalogue it names.
    """

    def __init__(self, lang: str = "zh") -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; expected one of: {', '.join(LANGUAGES)}")
        self.lang = lang
        self.chinese = lang == "zh"
        self._translations = _catalogue(lang, LIBRARY)

    def __call__(self, message: str | Phrase) -> str:
        """``message`` (a Chinese word marked with :func:`zh`, a sentence or a list) in this language."""
        if isinstance(message, str):
            return message if self.chinese else self._translations.gettext(message)
        return str(message) if self.chinese else message.render(self.translate)

    def translate(self, catalogue: Catalogue | None, msgid: str, count: int | None) -> str:
        """The template of ``msgid`` in this language, from ``catalogue`` (None: as written)."""
        if catalogue is None or self.chinese:
            return msgid
        translations = self._translations if catalogue is LIBRARY else _catalogue(self.lang, catalogue)
        if count is None:
            return translations.gettext(msgid)
        return translations.ngettext(msgid, msgid, count)

    def code(self, value: str) -> str:
        """A code (``violation``, ``staff`` …) as a word; a code without a word is shown as it is."""
        message = CODES.get(value)
        return value if message is None else self(message)

    def yes_no(self, value: bool) -> str:
        """是 or 否 (yes or no)."""
        return self(zh("是")) if value else self(zh("否"))


@lru_cache(maxsize=64)
def _catalogue(lang: str, catalogue: Catalogue) -> gettext.NullTranslations:
    """The translations of one language in one catalogue, read once (Chinese needs none).

    The library's own catalogue must be there; a family's may lack a language, whose words
    then stay Chinese.
    """
    if lang == "zh":
        return gettext.NullTranslations()
    return gettext.translation(
        catalogue.domain, localedir=catalogue.directory, languages=[lang], fallback=catalogue is not LIBRARY,
    )
