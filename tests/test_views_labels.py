"""The label catalogue: every word the views mark is translated, and the compiled catalogue is current."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import bianmin_rules
from bianmin_rules import evaluate, load_variant, read_events
from bianmin_rules.core.errors import BianminError, VariantError
from bianmin_rules.core.words import LIBRARY, Catalogue, say_in
from bianmin_rules.intake.files import builtin_variant_names, example_text
from bianmin_rules.views.labels import CODES, LANGUAGES, LOCALE_DIR, Words
from tests.variant_logs import SYNTHETIC_AS_OF, declared_only, synthetic_events

TRANSLATED = [lang for lang in LANGUAGES if lang != "zh"]
"""The languages with a catalogue of their own (Chinese is the message ids)."""


def catalogue_file(lang: str) -> Path:
    """The .po file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / "bianmin_rules.po"
PACKAGE = Path(bianmin_rules.__file__).parent


KEYWORDS = {"zh": None, "say": None, "counted": (1, 1), "say_in": ((1, "c"), 2)}
"""What Babel extracts: labels (zh), sentences (say), sentences about a count (counted, with plural forms) and
sentences in a context (say_in, whose first argument is the context)."""


def marked_words() -> set[str]:
    """Every word the package marks with zh(), say(), counted() or say_in(), as Babel extracts it (a word in a
    context keyed as gettext keys it)."""
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {
        (context + "\x04" if context else "") + (message if isinstance(message, str) else message[0])
        for _, _, message, _, context in found
    }


def english(lang: str = "en") -> dict[str, str]:
    """Each message id of the English (or ``lang``) catalogue, with its translation (every plural form of a counted
    one); an id in a context is keyed as gettext keys it, ``context``, EOT, id."""
    with catalogue_file(lang).open("rb") as po:
        return {
            (m.context + "\x04" if m.context else "") + (m.id if isinstance(m.id, str) else m.id[0]):
            (m.string if isinstance(m.string, str) else " | ".join(m.string) if all(m.string) else "")
            for m in read_po(po) if m.id
        }


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_marked_word_has_a_translation(lang: str) -> None:
    """A word added to a view without its English (or any language's) fails here: add it to the .po and compile."""
    translations = english(lang)
    untranslated = sorted(w for w in marked_words() if not translations.get(w))
    assert untranslated == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalogue_holds_no_word_the_code_no_longer_marks(lang: str) -> None:
    assert sorted(english(lang).keys() - marked_words()) == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogue_is_current(lang: str) -> None:
    """The committed .mo is what Babel compiles from the .po: run
    `pybabel compile -d src/bianmin_rules/locale -D bianmin_rules` after editing the .po."""
    with catalogue_file(lang).open("rb") as po:
        catalogue = read_po(po, locale=lang, domain="bianmin_rules")
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert catalogue_file(lang).with_suffix(".mo").read_bytes() == compiled.getvalue()


def test_every_language_has_a_catalogue() -> None:
    """A language offered by --lang has its .po and .mo; none lies in the package unoffered."""
    folders = {path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/bianmin_rules.po")}
    assert folders == set(TRANSLATED)
    assert all(catalogue_file(lang).with_suffix(".mo").is_file() for lang in TRANSLATED)


def test_a_word_in_a_context_has_a_translation_of_its_own() -> None:
    """汇总 names the totals' sheet, and is the act of community-hall 6's daily register (每天一汇总)."""
    english = Words("en")
    assert (english("汇总"), english(say_in("register act", "汇总"))) == ("Totals", "summarised")
    assert (str(say_in("register act", "汇总")), Words()(say_in("register act", "汇总"))) == ("汇总", "汇总")


def test_chinese_is_the_message_id_and_english_comes_from_the_catalogue() -> None:
    zh, en = Words(), Words("en")
    assert zh("违规明细") == "违规明细"
    assert en("违规明细") == "Verdicts"
    assert (zh.code("violation"), en.code("violation")) == ("违规", "Violation")
    assert (zh.yes_no(False), en.yes_no(True)) == ("否", "yes")


def test_a_code_or_word_outside_the_catalogue_is_shown_as_it_is() -> None:
    assert Words("en").code("S-wang") == "S-wang"
    assert Words("en")("某镇便民服务中心") == "某镇便民服务中心"


def test_every_code_has_a_word() -> None:
    translations = english()
    assert all(translations.get(word) for word in CODES.values())


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'; expected one of: zh, en"):
        Words("fr")


def test_every_sentence_of_the_builtin_variants_reports_is_in_the_english_catalogue() -> None:
    """Each message id a built-in variant's report writes (verdicts and notes, on its example log and the
    synthetic year) is in the English catalogue: a sentence Babel cannot find (a ``say`` nested in another
    call's arguments) fails here. Words a variant file gives (a duty, a line's label) are its own."""
    translations = english()
    words = Words("en")
    asked: set[str] = set()

    def recording(catalogue: Catalogue | None, msgid: str, count: int | None) -> str:
        if catalogue is LIBRARY:
            asked.add(msgid)
        return words.translate(catalogue, msgid, count)

    for name in builtin_variant_names():
        variant = load_variant(name)
        example = list(read_events(example_text(name).split("\n")))
        logs = (example, declared_only(synthetic_events(), variant.case_types))
        for events in logs:
            report = evaluate(variant, events, as_of=SYNTHETIC_AS_OF, include_compliance=True)
            for message in (*(v.message for v in report.verdicts), *report.note_messages):
                message.render(recording)
    variant_words = "".join(path.read_text(encoding="utf-8") for path in (PACKAGE / "data" / "variants").glob("*.toml"))
    missing = sorted(m for m in asked - translations.keys() if m not in variant_words)
    assert missing == [], "\n".join(missing)


def test_babel_finds_every_marked_word() -> None:
    """Babel does not look into a call inside a marked call's arguments (``say("…{x}", x=f(say("…")))``): such a
    word would never reach the catalogue. Give the inner sentence a name of its own first."""
    marked = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = isinstance(node, ast.Call) and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
            if not isinstance(node, ast.Call) or name not in KEYWORDS:
                continue
            position = 1 if name == "say_in" else 0
            argument = node.args[position] if len(node.args) > position else None
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                marked.add(argument.value)
    assert sorted(marked - {key.split("\x04")[-1] for key in marked_words()}) == []


def test_every_kind_of_error_names_what_is_at_fault_in_the_catalogue() -> None:
    """Each error class has a title of its own (its lead with --lang zh), translated in the English catalogue."""
    def kinds(cls: type[BianminError]) -> list[type[BianminError]]:
        return [cls, *(k for sub in cls.__subclasses__() for k in kinds(sub))]

    every = kinds(BianminError)
    titles = [kind.title for kind in every]
    assert len(set(titles)) == len(every) and all(english().get(title) for title in titles)
    error = VariantError("must be positive", variant="town.toml", key="policies[0].limit")
    assert str(error.words()) == "变体文件有误：variant 'town.toml': policies[0].limit: must be positive"
    assert Words("en")(error.words()) == "Bad variant: variant 'town.toml': policies[0].limit: must be positive"
