"""The fuzz tests count the requests they send, by role and answer status; the count is printed
at the end of the session (with -v, also per operation and role).

A plugin of the root conftest (``pytest_plugins``), not tests/api/conftest.py: under
pytest-xdist the controller prints the summary but collects nothing, so it never loads an app's
conftest; each worker hands its counts over when it finishes (``workeroutput``)."""

from __future__ import annotations

from collections import Counter

import pytest

FUZZ_REQUESTS = pytest.StashKey[Counter]()


def pytest_configure(config):
    config.stash[FUZZ_REQUESTS] = Counter()


@pytest.fixture
def fuzz_requests(request) -> Counter:
    """Add one per request sent: ``fuzz_requests[(operation, role, status)] += 1``."""
    return request.config.stash[FUZZ_REQUESTS]


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller adds its counts to its own
        workeroutput["fuzz_requests"] = [
            [*key, n] for key, n in session.config.stash[FUZZ_REQUESTS].items()]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    counts = node.config.stash[FUZZ_REQUESTS]
    for operation, role, status, n in getattr(node, "workeroutput", {}).get("fuzz_requests", ()):
        counts[operation, role, status] += n


def pytest_terminal_summary(terminalreporter, config):
    counts = config.stash.get(FUZZ_REQUESTS, None)
    if not counts:
        return
    by_role, by_status, by_test = Counter(), Counter(), {}
    for (operation, role, status), n in counts.items():
        by_role[role] += n
        by_status[status] += n
        by_test.setdefault((operation, role), Counter())[status] += n
    terminalreporter.write_sep("-", "fuzz")
    terminalreporter.write_line(f"{sum(counts.values())} requests sent; by role: "
                                + ", ".join(f"{r} {n}" for r, n in sorted(by_role.items())))
    terminalreporter.write_line("by answer status: "
                                + ", ".join(f"{s}: {n}" for s, n in sorted(by_status.items())))
    if config.get_verbosity() > 0:
        for (operation, role), statuses in sorted(by_test.items()):
            terminalreporter.write_line(f"  {operation} [{role}] {sum(statuses.values())}: "
                                        + ", ".join(f"{s}: {n}"
                                                    for s, n in sorted(statuses.items())))
