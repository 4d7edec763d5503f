# The two commands of the README. Both start with the same bootstrap.
.PHONY: bootstrap run test lint messages jobs bench lock

PY := .venv/bin/python

bootstrap:
	@bash scripts/bootstrap.sh

run: bootstrap
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py demo_logins
	@echo "kui kører på http://127.0.0.1:8000 (stop med Ctrl+C)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py run_embedded_jobs & \
	  $(PY) manage.py runserver 127.0.0.1:8000

test: bootstrap lint
	KUI_TESTING=1 $(PY) -m pytest $(PYTEST_ARGS)

# The house rules, checked before every test run (and so in CI): lint, format,
# the one-way import contracts in pyproject.toml, the security lint (bandit),
# and no model change without a migration.
lint: bootstrap
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	.venv/bin/bandit -c pyproject.toml -r kui youths pathways partners portfolio -q
	KUI_TESTING=1 $(PY) manage.py makemigrations --check --dry-run

# After adding or changing user-visible strings: refresh the catalogues, then translate
# the new entries in locale/da/LC_MESSAGES/django.po (tests/kui/test_i18n.py demands it).
messages: bootstrap
	$(PY) manage.py makemessages -l da -l en --no-location --no-obsolete \
	  --ignore=.venv --ignore=var --ignore=tests --ignore=bench -v 0
	$(PY) manage.py compilemessages --ignore=.venv -v 0

# National scale on PostgreSQL: seeds (skipped when seeded) and measures every page beside its
# own SQL and the Django admin, 5,000 against 50,000 youths; writes docs/benchmarks.md. Databases:
# BENCH_DATABASE_URL, BENCH_SMALL_DATABASE_URL (see bench/README.md); BENCH_ARGS="--runs 7".
bench: bootstrap
	$(PY) bench/pages.py $(BENCH_ARGS)

# After changing a dependency in pyproject.toml: exact versions and hashes in
# requirements.lock (the image) and requirements-test.lock (bootstrap).
lock: bootstrap
	PY=$(PY) bash scripts/lock.sh
