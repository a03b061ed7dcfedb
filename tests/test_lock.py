"""Installs are reproducible: every dependency of pyproject.toml is pinned, with its hashes, in
the lock file that `make run` (requirements.lock) and `make test` (requirements-dev.lock)
install."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ \\]+) \\$", re.MULTILINE)


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def test_every_pinned_distribution_carries_its_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n\n", 1)[-1])
        for block in blocks:
            if PIN.match(block):
                assert "--hash=sha256:" in block, f"{lock}: {block.splitlines()[0]} has no hash"


@pytest.mark.parametrize("lock, groups", [
    ("requirements.lock", ("runtime",)),
    ("requirements-dev.lock", ("runtime", "dev")),
])
def test_lock_file_pins_every_dependency_inside_its_range(lock, groups):
    wanted = {"runtime": PROJECT["dependencies"],
              "dev": PROJECT["optional-dependencies"]["dev"]}
    pinned = pins(lock)
    for group in groups:
        for line in wanted[group]:
            requirement = Requirement(line)
            name = canonicalize_name(requirement.name)
            assert name in pinned, f"{name} is not in {lock}: run 'make lock'"
            assert requirement.specifier.contains(pinned[name], prereleases=True), (
                f"{lock} pins {name}=={pinned[name]} outside {requirement.specifier}: "
                "run 'make lock'")
