"""Audit the installed dependencies with pip-audit; say plainly what could not be checked.

Exit 0: every installed distribution (but motcua itself) was checked and none has a known
vulnerability. Exit 1: at least one has (listed, with the fixed versions). Exit 3: the
vulnerability feed did not answer for some distributions (listed): not a pass, not a finding.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> int:
    frozen = subprocess.run([BIN / "pip", "freeze", "--all", "--exclude-editable"],  # noqa: S603
                            capture_output=True, text=True, check=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as requirements:
        requirements.write(frozen)
        requirements.flush()
        audit = subprocess.run(  # noqa: S603 - our own venv's tools, fixed arguments
            [BIN / "pip-audit", "--no-deps", "--disable-pip", "--progress-spinner", "off",
             "--format", "json", "-r", requirements.name],
            capture_output=True, text=True,
        )
    try:
        report = json.loads(audit.stdout)
    except json.JSONDecodeError:
        print(audit.stdout + audit.stderr, file=sys.stderr)
        return 1
    dependencies = report["dependencies"]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    unchecked = [d for d in dependencies if "skip_reason" in d]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or ["no fixed version"])
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} "
                  f"(fixed in {fixed})")
    checked = len(dependencies) - len(unchecked)
    print(f"pip-audit: {len(dependencies)} distributions, {checked} checked, "
          f"{len(vulnerable)} with a known vulnerability, {len(unchecked)} not checked")
    if vulnerable:
        return 1
    if unchecked:
        names = ", ".join(f"{d['name']} {d.get('version', '')}".strip() for d in unchecked[:8])
        more = f" and {len(unchecked) - 8} more" if len(unchecked) > 8 else ""
        print(f"NOT CHECKED (the vulnerability feed gave no answer): {names}{more}")
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
