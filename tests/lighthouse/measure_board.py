"""Lighthouse's mobile performance score of the board, measured by hand
against the production server (DEBUG=0, gunicorn, hashed and compressed
static files), never asserted in a timed test. The figure and this command
go into docs/benchmarks.md, "Lighthouse (phone)".

    cd tests/lighthouse && npm ci && cd ../..
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kui_lh .venv/bin/python tests/lighthouse/measure_board.py --runs 3

It builds a demo database (seed_demo, 60 youths: the demo contact person's
caseload of about 25), collects the static files as the Dockerfile does,
starts the docker-compose `web` command on loopback, signs in as the demo
contact person (password and second factor) and runs Lighthouse with its
default mobile settings (a mid-range phone, slow 4G, 4× CPU slowdown) on
/unge/. The login's session cookie and the load balancer's
X-Forwarded-Proto header are passed as extra headers. Median of the runs.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kui.settings")
os.environ.setdefault("KUI_TESTING", "1")  # this process only signs in (the demo's TOTP secrets); the server is DEBUG=0

import django  # noqa: E402

django.setup()

from tests.production import stack  # noqa: E402
from tests.production.browsing import Browser, sign_in  # noqa: E402

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
CHROMIUM_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
METRICS = [
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
]


def run_lighthouse(url: str, headers: dict, out: Path) -> dict:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            f"--extra-headers={json.dumps(headers)}",
            f"--chrome-flags={CHROMIUM_FLAGS}",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        timeout=300,
    )
    return json.loads(out.read_text())


def summary(report: dict) -> dict:
    audits = report["audits"]
    row = {"score": round(report["categories"]["performance"]["score"] * 100)}
    row.update({name: audits[name]["displayValue"] for name in METRICS})
    row["opportunities"] = [
        f"{audit['title']}: {audit.get('displayValue', '')}"
        for audit in audits.values()
        if audit.get("details", {}).get("type") == "opportunity" and (audit.get("score") or 1) < 0.9
    ]
    row["transfer"] = audits["total-byte-weight"]["displayValue"]
    # Where the main thread's time went (the cause when total blocking time is high).
    row["main_thread"] = {
        item["groupLabel"]: round(item["duration"])
        for item in audits["mainthread-work-breakdown"]["details"]["items"][:4]
    }
    row["scripts"] = {
        item["url"].rsplit("/", 1)[-1] or item["url"]: round(item["total"])
        for item in audits["bootup-time"]["details"]["items"][:4]
    }
    row["load_average"] = round(os.getloadavg()[0], 1)  # 2 cores shared with other work
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--youths", type=int, default=60)
    args = parser.parse_args()
    base_url = os.environ["DATABASE_URL"]
    work = Path(tempfile.mkdtemp(prefix="kui-lighthouse-"))
    name = f"{base_url.rsplit('/', 1)[1]}_lighthouse"
    url = stack.create_database(base_url, name)
    try:
        seed_env = {k: v for k, v in os.environ.items() if not k.startswith(("KUI_", "REDIS_URL"))}
        seed_env.update(DEBUG="1", DATABASE_URL=url, **stack.PRODUCTION_KEYS)
        stack.manage(seed_env, "migrate", "--noinput", "-v", "0")
        stack.manage(seed_env, "seed_demo", "--youths", str(args.youths))
        static_root = work / "static"
        build_env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "KUI_TESTING"}}
        build_env.update(KUI_STATIC_ROOT=str(static_root), PYTHON=sys.executable)
        subprocess.run(["bash", "scripts/collectstatic.sh"], cwd=ROOT, env=build_env, check=True, timeout=600)
        env = stack.production_env(
            database_url=url,
            redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
            static_root=static_root,
            media_root=work / "media",
        )
        port = stack.free_port()
        with stack.running(env, work) as services:
            stack.start_web(services, port)
            browser = Browser(f"http://127.0.0.1:{port}")
            sign_in(browser, "tovholder")
            cookie = browser._cookie_header()["Cookie"]
            board = browser.get("/unge/")
            assert board.status_code == 200, board.status_code
            print(f"board HTML: {len(board.content):,} bytes uncompressed", flush=True)
            headers = {"Cookie": cookie, "X-Forwarded-Proto": "https"}
            rows = []
            for number in range(args.runs):
                report = run_lighthouse(f"http://127.0.0.1:{port}/unge/", headers, work / f"run{number}.json")
                rows.append(summary(report))
                print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
            print("median score:", statistics.median(row["score"] for row in rows))
    finally:
        stack.drop_database(base_url, name)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
