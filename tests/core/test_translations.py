"""English is available for everything: the catalogue has no untranslated or fuzzy entry."""

import gettext
import re
from pathlib import Path

import motcua

LOCALE = Path(motcua.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_english_catalogue_is_complete_and_compiled():
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po.split("\n\n", 1)[1]
    msgids = po.count("\nmsgid ")
    body = po.split("\n\n", 1)[1]
    assert 'msgstr ""\n\n' not in body  # an empty one-line translation
    # an empty plural form: '""' with no continuation line (a long one goes on with '"…')
    assert not re.search(r'msgstr\[\d\] ""\n(?!")', body)
    with open(LOCALE / "django.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    # every msgid (and the header) has its translation; a plural one has a key per form
    assert len({key[0] if isinstance(key, tuple) else key for key in catalog}) == msgids
