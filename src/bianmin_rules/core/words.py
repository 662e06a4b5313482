"""Words for people, kept as data: a sentence's message id and the facts it needs, written when read.

A policy states facts — the due date, the day it was done, the days late — and says which
sentence tells them: ``say("办件 {case}：{outcome}", case=..., outcome=...)`` is a
:class:`Message`, the Chinese sentence (its gettext message id) with its typed arguments.
Nothing is written until a reader asks: ``str(message)`` is the Chinese text, and the views
write it in another language from the label catalogue (:mod:`bianmin_rules.views.labels`).
A verdict built by the ten thousand therefore costs a small object, not a sentence.

An argument is a name or an id (``str``, shown as it is), a number (``int``, or a
``Decimal`` written as :func:`~bianmin_rules.core.formatting.plain` writes it), a day
(``date``, ``2026-03-05``), or words of their own (a :class:`Message`, a :class:`Joined`
list), written in the reader's language too.

Each message belongs to a :class:`Catalogue`: the library's (:data:`LIBRARY`) or a rule
family's own, which an outside family declares beside its code (docs/families.md).
Babel extracts what :func:`zh`, ``say`` and ``counted`` mark::

    pybabel extract --no-default-keywords -k zh -k say -k counted:1,1 -k say_in:1c,2 ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from itertools import chain
from pathlib import Path
from string import Formatter
from typing import Annotated, Any, Protocol, Union

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from bianmin_rules.core.formatting import plain

Translate = Callable[["Catalogue | None", str, "int | None"], str]
"""How a reader's language turns a message id into its words: ``(catalogue, msgid, count)`` → template.

``count`` is the number a counted message is about (its plural form), else None. A
catalogue of None is words as written, never translated.
"""


class Phrase(Protocol):
    """Words written in the reader's language when read: a :class:`Message`, a :class:`Joined` list, or a
    family's own (a deadline's count, told from its trace)."""

    def render(self, translate: Translate) -> str:
        """The words in the language of ``translate``."""
        ...


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Where the translations of a set of message ids are: a gettext ``domain`` under ``directory``.

    ``directory/<lang>/LC_MESSAGES/<domain>.mo`` holds the words of one language; Chinese,
    the message ids themselves, needs none.
    """

    domain: str
    directory: Path

    def say(self, msgid: str, /, **args: Arg) -> Message:
        """The sentence ``msgid`` (Chinese, with ``{named}`` places) about ``args``."""
        return Message(msgid, args, self) if args else _constant(msgid, self)

    def say_in(self, context: str, msgid: str, /, **args: Arg) -> Message:
        """The sentence ``msgid`` where the same Chinese means something else elsewhere: ``context`` (gettext's
        ``msgctxt``) tells the two apart, and each has its own translation."""
        return _InContext(msgid, args, self, context)

    def counted(self, msgid: str, /, *, n: int, **args: Arg) -> Message:
        """A sentence about a count ``n`` (``{n}个工作日``): a language with plural forms picks one by ``n``."""
        if not args:
            return _count_alone(msgid, n, self)
        args["n"] = n
        return _Counted(msgid, args, self)


def _chinese(catalogue: Catalogue | None, msgid: str, count: int | None) -> str:
    return msgid


class Written:
    """Words written when read: ``str()`` is their Chinese text, and they equal other words, or a text, whose
    Chinese text is the same."""

    __slots__ = ()

    def render(self, translate: Translate) -> str:
        """The words in the language of ``translate``."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.render(_chinese)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Written | str):
            return str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __bool__(self) -> bool:
        return bool(str(self))

    def __contains__(self, text: str) -> bool:
        return text in str(self)


class Message(Written):
    """A sentence for people: its Chinese message id, its arguments and the catalogue that translates it.

    ``str(message)`` is the Chinese text. A message equals another, or a text, when their
    Chinese texts are the same: a report read back from its JSON (where a message is the
    text as written) equals the report it was written from.

    A message is immutable, and may be shared: the catalogue's words without arguments
    (``当天``, ``受理之日``, a duty) are each one message however many verdicts say them,
    and so is each count of a counted message that says nothing else (``3个工作日``).
    """

    __slots__ = ("catalogue", "facts", "msgid")

    def __init__(self, msgid: str, args: dict[str, Arg] | None = None, catalogue: Catalogue | None = None) -> None:
        self.msgid = msgid
        # Names and values one after another in one tuple: a verdict's sentence is kept for as long as its
        # report, and a tuple is a third of the size of the dict it was called with.
        self.facts: tuple[str | Arg, ...] = tuple(chain.from_iterable(args.items())) if args else ()
        self.catalogue = catalogue

    @property
    def counted(self) -> bool:
        """Is it about a count ``n``, its plural form chosen by ``n`` (:meth:`Catalogue.counted`)?"""
        return False

    @property
    def context(self) -> str | None:
        """The gettext context that tells this sentence from the same Chinese elsewhere (:meth:`Catalogue.say_in`)."""
        return None

    @property
    def args(self) -> dict[str, Arg]:
        """The message's arguments by name."""
        facts = self.facts
        return {str(facts[i]): facts[i + 1] for i in range(0, len(facts), 2)}

    def render(self, translate: Translate) -> str:
        """The sentence in the language of ``translate``."""
        facts = self.facts
        count = self.args.get("n") if self.counted else None
        # A message with a context is looked up as gettext keeps it: context, EOT, message id.
        context = self.context
        key = self.msgid if context is None else f"{context}\x04{self.msgid}"
        template = translate(self.catalogue, key, count if isinstance(count, int) else None)
        if template == key:  # as written (Chinese), or a word the catalogue does not translate
            template = self.msgid
        if not facts:
            return template
        return template.format_map(
            {str(facts[i]): _written(facts[i + 1], translate) for i in range(0, len(facts), 2)}
        )

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"


class _Counted(Message):
    """A sentence about a count ``n`` (:meth:`Catalogue.counted`): told apart by its class, not a field of each."""

    __slots__ = ()

    @property
    def counted(self) -> bool:
        return True


class _InContext(Message):
    """A sentence in a gettext context (:meth:`Catalogue.say_in`)."""

    __slots__ = ("_context",)

    def __init__(self, msgid: str, args: dict[str, Arg] | None, catalogue: Catalogue, context: str) -> None:
        super().__init__(msgid, args, catalogue)
        self._context = context

    @property
    def context(self) -> str | None:
        return self._context


@lru_cache(maxsize=4096)
def _constant(msgid: str, catalogue: Catalogue) -> Message:
    """The words ``msgid`` of ``catalogue`` without arguments: one message for every verdict that says them."""
    return Message(msgid, None, catalogue)


@lru_cache(maxsize=4096)
def _count_alone(msgid: str, n: int, catalogue: Catalogue) -> Message:
    """A counted message whose only argument is its count (``{n}个工作日``): one message per count."""
    return _Counted(msgid, {"n": n}, catalogue)


class Joined(Written):
    """A list of arguments written one after another, ``、`` between them in Chinese (``, `` in English)."""

    __slots__ = ("items", "separator")

    def __init__(self, items: Iterable[Arg], separator: str = "、") -> None:
        self.items = tuple(items)
        self.separator = separator

    def render(self, translate: Translate) -> str:
        """The list in the language of ``translate``."""
        separator = translate(LIBRARY, self.separator, None) if self.separator else ""
        return separator.join(_written(item, translate) for item in self.items)


Arg = Union[str, int, Decimal, date, Phrase]  # noqa: UP007 (a runtime alias read by the classes above)
"""What a message may say: a name or id, a number, a day, or words of their own."""


def _written(value: Arg, translate: Translate) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, int | date):
        return str(value)
    if isinstance(translate, Texts):
        return translate.text(value)
    return value.render(translate)


class Texts:
    """The Chinese texts of words, each part written once while this lives: for comparing many sentences.

    A what-if compares the sentences of the changed verdicts of two reports
    (:meth:`same`): two sentences of one message id are told apart at their first part
    that differs (a ladder's ``第3次`` against ``第4次``), without writing the rest, and
    the parts they share — a period's words, a run of occurrences, a duty — are written
    once. Made for one comparison and dropped with it (it holds every part it wrote).
    """

    __slots__ = ("_texts",)

    def __init__(self) -> None:
        self._texts: dict[int, tuple[Phrase, str]] = {}

    def __call__(self, catalogue: Catalogue | None, msgid: str, count: int | None) -> str:
        """Chinese: the message id itself (a :data:`Translate`)."""
        return msgid

    def text(self, words: Arg) -> str:
        """``str(words)``, each phrase written once."""
        if not isinstance(words, Written):
            return _written(words, _chinese)
        entry = self._texts.get(id(words))
        if entry is None or entry[0] is not words:
            entry = self._texts[id(words)] = (words, words.render(self))
        return entry[1]

    def same(self, first: Arg, second: Arg) -> bool:
        """Do ``first`` and ``second`` write the same Chinese text (``first == second`` for words)?

        Two sentences of one message id (or two lists of as many items, one separator)
        write their literal text alike; their texts are equal if each part is, and differ
        at the first part that differs — told apart part by part, inner sentences too —
        unless one of its two texts begins the other and the literal text after it does
        not tell them apart either.
        """
        return self._compare(first, second) is _Told.SAME

    def _compare(self, first: Arg, second: Arg) -> _Told:
        if first is second:
            return _Told.SAME
        if not isinstance(first, Written) or not isinstance(second, Written):  # a name, a number or a day
            return _told(self.text(first), self.text(second))
        written = _written_alike(first, second)
        if written is None:
            return _told(self.text(first), self.text(second))
        for part, other, after in zip(*written, strict=True):
            if part is other:
                continue
            if isinstance(part, Written) and isinstance(other, Written):
                told = self._compare(part, other)
            else:  # a name, a number or a day
                told = _told(self.text(part), self.text(other))
            if told is _Told.SAME:
                continue
            if told is _Told.APART:
                return told
            text, other_text = self.text(part), self.text(other)
            rest = other_text[len(text):] if len(text) < len(other_text) else text[len(other_text):]
            # The shorter goes on with the literal text after the part, the longer with the rest of its own.
            if after[:len(rest)] != rest[:len(after)]:
                return _Told.APART
            return _told(self.text(first), self.text(second))
        return _Told.SAME


class _Told(Enum):
    """How two texts compare: the same; apart at a place both reach; or one begins the other."""

    SAME = "same"
    APART = "apart"
    BEGINS = "begins"


def _told(text: str, other: str) -> _Told:
    if text == other:
        return _Told.SAME
    return _Told.BEGINS if text.startswith(other) or other.startswith(text) else _Told.APART


def _written_alike(first: Written, second: Written) -> tuple[tuple[Arg, ...], tuple[Arg, ...], tuple[str, ...]] | None:
    """The parts of two words that write their literal text alike in Chinese — two sentences of one message id
    and one set of named facts, or two lists of as many items, one separator — in the order written, and the
    literal text after each; None if they do not, or if either is one piece (a family's phrase) or a message
    whose places are not plain names."""
    if type(first) is not type(second):
        return None
    if isinstance(first, Joined) and isinstance(second, Joined):
        items = first.items
        if first.separator != second.separator or len(items) != len(second.items):
            return None
        return items, second.items, (first.separator,) * (len(items) - 1) + ("",) if items else ()
    if not isinstance(first, Message) or not isinstance(second, Message):
        return None
    facts, other_facts = first.facts, second.facts
    names = facts[::2]
    if (first.msgid, first.catalogue, names) != (second.msgid, second.catalogue, other_facts[::2]) or (
            isinstance(first, _InContext) and first.context != second.context):
        return None
    places = _places(first.msgid, names)
    if places is None:
        return None
    where, after = places
    return tuple(map(facts.__getitem__, where)), tuple(map(other_facts.__getitem__, where)), after


@lru_cache(maxsize=4096)
def _places(template: str, names: tuple[str | Arg, ...]) -> tuple[tuple[int, ...], tuple[str, ...]] | None:
    """Where in a message's facts (named ``names``, in their order) the value of each place of its template is,
    in the order written, and the literal text after each place; None where a place is more than a name or
    names no fact."""
    written = _template(template)
    if written is None or not all(name in names for name in written[0]):
        return None
    return tuple(2 * names.index(name) + 1 for name in written[0]), written[1]


@lru_cache(maxsize=4096)
def _template(template: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The names of a template's places in the order written, and the literal text after each; None where a
    place is more than a name."""
    names: list[str] = []
    after: list[str] = []
    for literal, name, spec, conversion in Formatter().parse(template):
        if names:
            after[-1] = literal
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            return None
        names.append(name)
        after.append("")
    return tuple(names), tuple(after)


LIBRARY = Catalogue("bianmin_rules", Path(__file__).resolve().parent.parent / "locale")
"""The library's own words: ``locale/<lang>/LC_MESSAGES/bianmin_rules.po``."""

say = LIBRARY.say
"""A sentence of the library's (see :meth:`Catalogue.say`)."""

counted = LIBRARY.counted
"""A sentence of the library's about a count (see :meth:`Catalogue.counted`)."""

say_in = LIBRARY.say_in
"""A sentence of the library's in a context (see :meth:`Catalogue.say_in`)."""


def zh(message: str) -> str:
    """Mark ``message`` as a word for people, in Chinese: a label the views translate (``words("违规明细")``)."""
    return message


def word(text: str) -> Message:
    """Words of the library's held as a value (a parameter's default, what started a clock), translated
    where the catalogue has them; mark the literal itself with :func:`zh`."""
    return _constant(text, LIBRARY)


def joined(items: Iterable[Arg], separator: str = "、") -> Joined:
    """``items`` as one argument, written with ``separator`` between them (``、``, ``，`` or ``；``)."""
    return Joined(items, separator)


def as_message(value: Any) -> Message:
    """A message; a text (from a report's JSON, or a caller's own words) is a :func:`word`."""
    if isinstance(value, Message):
        return value
    if isinstance(value, str):
        return _constant(value, LIBRARY) if value else NOTHING
    if isinstance(value, Joined):
        return Message("{items}", {"items": value})
    raise ValueError("expected words: a text or a Message")


Text = Annotated[
    Message,
    PlainValidator(as_message),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string"}),
]
"""A field of words for people: a :class:`Message` in Python, its Chinese text in JSON and in ``model_dump``.

A text given for it is a :func:`word`: translated where the catalogue has it, else shown as it is.
"""

NOTHING = Message("")
"""No words (a line without an explanation): written as the empty text in every language."""

SEPARATORS = (zh("、"), zh("，"), zh("；"))
"""The separators a :class:`Joined` list may use, each translated like any word."""
