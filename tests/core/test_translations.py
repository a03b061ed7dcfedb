"""English is available for everything: the catalogue has no untranslated or fuzzy entry."""

import gettext
from pathlib import Path

import motcua

LOCALE = Path(motcua.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_english_catalogue_is_complete_and_compiled():
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po.split("\n\n", 1)[1]
    msgids = po.count("\nmsgid ")
    assert 'msgstr ""\n\n' not in po.split("\n\n", 1)[1]  # an empty one-line translation
    with open(LOCALE / "django.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    assert len(catalog) == msgids  # every msgid (and the header) has its translation
