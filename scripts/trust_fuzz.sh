#!/bin/sh
# Acceptance 6 of issue 11: fuzz every importer and calc with 5,000 + 5,000 hypothesis inputs
# (EXAMENBUREAU_FUZZ_EXAMPLES per test); zero tracebacks and zero partial writes, counts printed.
#   sh scripts/trust_fuzz.sh [examples per test, default 5000]
cd "$(dirname "$0")/.." || exit 1
EXAMENBUREAU_FUZZ_EXAMPLES="${1:-5000}" exec .venv/bin/python -m pytest -q -p no:randomly \
    tests/core/io/test_trust_fuzz.py
