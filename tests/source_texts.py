"""The five source texts, for tests that check quotes against them word for word.

They are not part of the repository: ``BIANMIN_SEEDS`` names their folder, else a
``shared/seeds`` beside the checkout or one folder up is used. A quote is compared as the
scans print it, once its marked repairs are undone: "迟到〔原文：迟至U〕" reads "迟至U".
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MARK = re.compile(r"〔原文：([^〔〕]+)〕")
"""A repair of a scanning slip, right after the repaired words: what the text prints."""


def seed_folder() -> Path | None:
    """The source texts: $BIANMIN_SEEDS, else shared/seeds beside the checkout or one folder up."""
    candidates = [os.environ.get("BIANMIN_SEEDS", ""), ROOT.parent / "shared" / "seeds",
                  ROOT.parent.parent / "shared" / "seeds"]
    return next((Path(c) for c in candidates if c and Path(c).is_dir()), None)


@cache
def source_texts(folder: Path) -> str:
    """The texts of ``folder``, one string, normalised."""
    return normalised("".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))))


def normalised(text: str) -> str:
    """Text compared as printed: full- and half-width punctuation alike, straight quotes, no spaces or line breaks."""
    text = unicodedata.normalize("NFKC", text).replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return re.sub(r"\s+", "", text)


def parts(quote: str) -> list[str]:
    """The stretches of a quote between the words it leaves out ("……")."""
    return [part.strip() for part in re.split("…+", quote) if part.strip()]


def as_printed(part: str, texts: str) -> str | None:
    """``part`` as the texts print it, each repair undone — the shortest stretch before a mark that the
    original replaces — and normalised; None when no such stretch is printed there."""
    done, rest = "", part
    while (mark := MARK.search(rest)) is not None:
        original, before = mark.group(1), done + rest[:mark.start()]
        for cut in range(len(original) + 4):
            candidate = before[:len(before) - cut] + original
            if normalised(candidate) in texts:
                break
        else:
            return None
        done, rest = candidate, rest[mark.end():]
    printed = normalised(done + rest).strip("。，；、:：")
    return printed if printed in texts else None
