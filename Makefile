# motcua — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MOTCUA := $(BIN)/motcua
CHROMIUM := /usr/bin/chromium

.PHONY: run test install install-dev lock lint lint-api browser bench bench-data audit messages clean help

help:
	@echo "make run    — cài đặt, tạo CSDL, nạp dữ liệu mẫu và chạy máy chủ (http://127.0.0.1:8000)"
	@echo "make test   — cài đặt và chạy toàn bộ kiểm thử (ruff + pytest trên 2 tiến trình; tuần tự: make test PYTEST_WORKERS=0)"
	@echo "make bench  — chạy các phép đo hiệu năng trong bench/ (cần PostgreSQL, Redis; lần đầu sinh 1 triệu hồ sơ)"
	@echo "make bench-data — chỉ tạo các CSDL đo tải: 1 triệu hồ sơ (khoảng 20 phút, một lần), 10.000 và 100.000 hồ sơ"
	@echo "make lock   — giải lại các phiên bản phụ thuộc (requirements*.lock, có mã băm) sau khi sửa pyproject.toml"
	@echo "make audit  — kiểm tra các gói đã cài không có lỗ hổng đã biết (pip-audit, cần mạng)"
	@echo "make lint-api — kiểm tra tài liệu OpenAPI của API bằng Spectral và Redocly (cần node, npm)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 'setuptools>=78.1.1'

# Dependencies come from the lock files (exact versions, every file's hash); pyproject.toml keeps
# the ranges. `make lock` resolves them again after a change of pyproject.toml.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

LOCK_VENV := .venv-lock
LOCK := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links

lock:
	test -x $(LOCK_VENV)/bin/pip-compile || \
	  ($(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install --quiet pip-tools)
	$(LOCK) --upgrade -o requirements.lock pyproject.toml
	$(LOCK) --upgrade --extra dev -o requirements-dev.lock pyproject.toml

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

messages: $(VENV)/.installed
	cd src/motcua && ../../$(MOTCUA) makemessages -l en --no-obsolete -v0 && ../../$(MOTCUA) compilemessages -v0

# `make run` syncs dossiers to the sandbox's fake DVCQG (docs/integrations.md); a DVCQG_URL of
# your own in the environment wins
SANDBOX_PORT ?= 8100
DVCQG_URL ?= http://127.0.0.1:$(SANDBOX_PORT)/dvcqg
# pulls the national procedure catalogue from the sandbox's fake (docs/catalogue-sync.md)
DVCQG_CATALOGUE_URL ?= http://127.0.0.1:$(SANDBOX_PORT)/catalogue
# and signs citizens in with the sandbox's fake VNeID (docs/vneid.md), at http://127.0.0.1:8000
VNEID_URL ?= http://127.0.0.1:$(SANDBOX_PORT)/sso
# and sends the applicants' SMS and Zalo messages to the sandbox's fakes (docs/messages.md)
SANDBOX_URL := http://127.0.0.1:$(SANDBOX_PORT)
MESSAGES_ENV := SMS_URL=$${SMS_URL:-$(SANDBOX_URL)/sms/send} SMS_API_USER=motcua \
	SMS_API_PASSWORD=sandbox ZALO_ZNS_URL=$${ZALO_ZNS_URL:-$(SANDBOX_URL)/zalo/message/template} \
	ZALO_OAUTH_URL=$(SANDBOX_URL)/zalo/v4/oa/access_token ZALO_APP_ID=sandbox-zalo-app \
	ZALO_SECRET_KEY=sandbox-zalo-secret ZALO_REFRESH_TOKEN=sandbox-zalo-refresh-0
# and the public post's orders to the sandbox's fake VNPost (docs/post.md)
POST_ENV := POST_URL=$${POST_URL:-$(SANDBOX_URL)/post} POST_USERNAME=motcua \
	POST_PASSWORD=sandbox POST_CUSTOMER_CODE=C0054 POST_AGENCY_DISTRICT=5401
# and online payments go to the sandbox's fake payment platform (docs/payments.md)
PAYMENT_ENV := PAYMENT_URL=$${PAYMENT_URL:-$(SANDBOX_URL)/payment} \
	PAYMENT_PARTNER_CODE=$${PAYMENT_PARTNER_CODE:-MOTCUA} \
	PAYMENT_SECRET=$${PAYMENT_SECRET:-hop-cat-thanh-toan}
# and the security events go to the sandbox's fake SOC collector (docs/security-operations.md)
SECOPS_ENV := SECOPS_SINK=$${SECOPS_SINK:-$(SANDBOX_URL)/soc/events} \
	SECOPS_SINK_TOKEN=$${SECOPS_SINK_TOKEN:-sandbox-soc-token}
# and published answers to citizens' feedback go to the sandbox's fake national PAKN system
# (docs/voice.md)
VOICE_ENV := PAKN_URL=$${PAKN_URL:-$(SANDBOX_URL)/pakn}
# Demo-only signing keys (motcua.core.demo_keys, docs/emulation-proposals.md): `motcua demo`
# writes the missing ones there so the demo's documents can be signed and sealed. Never in
# production: there SIGNING_SEAL_DIR holds the agencies' real keys.
DEMO_SIGNING_ENV := SIGNING_SEAL_DIR=$${SIGNING_SEAL_DIR:-$(CURDIR)/var/demo-keys} \
	SIGNING_SEAL_PASSPHRASE=$${SIGNING_SEAL_PASSPHRASE:-motcua-demo-2026}
# and "Lấy từ kho dữ liệu" reads the sandbox's fake citizen data store (docs/eresults.md)
RUN_ENV := DVCQG_URL=$(DVCQG_URL) DVCQG_AGENCY_CODE=$${DVCQG_AGENCY_CODE:-000.00.00.H40} \
	DVCQG_CATALOGUE_URL=$(DVCQG_CATALOGUE_URL) DATASTORE_URL=$${DATASTORE_URL:-$(SANDBOX_URL)/datastore} \
	DVCQG_USERNAME=$${DVCQG_USERNAME:-motcua} DVCQG_PASSWORD=$${DVCQG_PASSWORD:-sandbox} \
	DVCQG_INBOUND_TOKEN=$${DVCQG_INBOUND_TOKEN:-sandbox-push-token-for-make-run-only} \
	VNEID_URL=$(VNEID_URL) VNEID_CLIENT_ID=$${VNEID_CLIENT_ID:-motcua} \
	VNEID_CLIENT_SECRET=$${VNEID_CLIENT_SECRET:-sandbox} \
	VNEID_REDIRECT_URI=$${VNEID_REDIRECT_URI:-http://127.0.0.1:8000/tai-khoan/vneid/callback/} \
	$(MESSAGES_ENV) $(POST_ENV) $(PAYMENT_ENV) $(SECOPS_ENV) $(VOICE_ENV) $(DEMO_SIGNING_ENV)

run: install
	$(MOTCUA) migrate --noinput
	$(DEMO_SIGNING_ENV) $(MOTCUA) demo --if-empty --with-activity
	$(MOTCUA) sandbox_templates
	@echo "motcua: http://127.0.0.1:8000  (và http://[::1]:8000) — quản trị: /admin/ — Ctrl+C để dừng"
	@echo "hộp cát quốc gia: http://127.0.0.1:$(SANDBOX_PORT)/ — cổng thông tin điện tử: /cong/ — biên tập: /bien-tap/"
	$(RUN_ENV) $(MOTCUA) start --sandbox $(SANDBOX_PORT)

lint: install-dev
	$(BIN)/ruff check .

# The OpenAPI document under Spectral and Redocly, any warning failing; the linters are pinned
# in .ci/openapi/package-lock.json and installed there (npm ci) when missing or when it changes.
OPENAPI := .ci/openapi

$(OPENAPI)/node_modules/.package-lock.json: $(OPENAPI)/package-lock.json
	npm ci --prefix $(OPENAPI) --ignore-scripts --no-audit --no-fund

lint-api: install-dev $(OPENAPI)/node_modules/.package-lock.json
	$(OPENAPI)/lint.sh

# Browser tests drive Debian's chromium. Install it when missing and we can (root);
# otherwise say so loudly and run everything else.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "motcua: installing Debian chromium for the browser tests"; \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)) || true; \
	  fi; \
	fi
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!! $(CHROMIUM) is missing and cannot be installed here:              !!"; \
	  echo "!! the browser tests will NOT run. Install it: apt-get install chromium !!"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	fi

# pytest runs on PYTEST_WORKERS processes (pytest-xdist, each test file whole on one worker:
# --dist loadfile in pyproject.toml), each with its own test database. Serially:
# `make test PYTEST_WORKERS=0`; one file: `make test PYTEST_ARGS=tests/dossiers/test_audit.py`.
PYTEST_WORKERS ?= 2

test: install-dev browser
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The scale bench needs PostgreSQL with a million generated dossiers: made once (about 20 min),
# then reused (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/motcua_bench); the
# growth bench adds databases of 10,000 and 100,000 (motcua_bench_10k, motcua_bench_100k).
bench-data: install-dev
	$(BIN)/python bench/bench_scale.py --generate --data-only
	$(BIN)/python bench/bench_growth.py --generate --data-only

# Every script's output is kept in bench/results/bench-<date>.txt.
bench: install-dev bench-data
	@set -o pipefail; out=bench/results/bench-$$(date +%F).txt; \
	for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done 2>&1 | tee $$out; echo "written to $$out"

# Every installed distribution but our own (editable, not on the index), pinned as installed:
# exit 0 clean, 1 a known vulnerability, 3 the vulnerability feed could not answer (.ci/audit.py).
audit: install-dev
	$(BIN)/python .ci/audit.py

clean:
	rm -rf $(VENV) $(LOCK_VENV) var .pytest_cache .ruff_cache .hypothesis
