"""A web worker stays lean: loading the URLconf imports none of the heavy PDF, Excel and QR
libraries; the views that draw a slip, sign a PDF or write a workbook import them when called.
Nor the libraries of the few requests that need them: the VNeID sign-in's Authlib and joserfc,
the holiday estimate of a year not yet announced, the AES-GCM of an encrypted attachment
(cryptography's top package alone comes with redis)."""

import json
import os
import subprocess
import sys

import pytest

HEAVY = ["weasyprint", "pyhanko", "segno", "fontTools", "openpyxl", "authlib", "joserfc",
         "holidays", "cryptography.hazmat"]

PROBE = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted(sys.modules)))
"""


@pytest.fixture(scope="module")
def loaded_after_urlconf() -> set[str]:
    """The modules a fresh process holds once the URLconf is loaded."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "motcua.settings"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("package", HEAVY)
def test_urlconf_does_not_import_heavy_library(loaded_after_urlconf, package):
    assert not any(name == package or name.startswith(f"{package}.")
                   for name in loaded_after_urlconf)
