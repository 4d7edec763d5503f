"""bandit finds nothing unreviewed (make lint runs it in CI too); a reviewed
false positive carries `# nosec BXXX  # reason` on its line."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bandit_finds_no_unreviewed_issue():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "-c",
            "pyproject.toml",
            "-r",
            "kui",
            "youths",
            "pathways",
            "partners",
            "portfolio",
            "-q",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
