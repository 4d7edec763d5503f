"""Benchmark: how long WeasyPrint takes for one competence certificate and
for a portfolio of 20 certificates.

    .venv/bin/python bench/portfolio_pdf.py [--runs 7]

Runs against a new SQLite file in a temporary folder: migrates it, makes one
youth with a contact person, a completed step, 20 certificates (one
competence each, with description and evidence text), 3 completed courses
and 5 reflections, then renders. Only the rendering is timed (the data is
already loaded and the QR codes are drawn as part of it): the first render
of each kind separately (it pays for importing WeasyPrint and loading the
fonts), then the median and the slowest of the following runs. The figures
and the machine they were measured on go in bench/README.md.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CERTIFICATES = 20

TIMED = """
import datetime, statistics, subprocess, time
from django.utils import timezone
from kui.accounts.models import Organisation, Role, User
from pathways.models import Pathway, Step
from portfolio import pdfs, services
from portfolio.models import Competence
from portfolio.selectors import portfolio_for
from youths.models import ContactPersonAssignment, Youth

RUNS, COUNT = {runs}, {count}
org = Organisation.objects.create(name="Ungeindsatsen Bench Kommune", kind="kui_unit")
company = Organisation.objects.create(name="Lagerhuset Nord A/S", kind="company")
staff = User.objects.create(username="tine", first_name="Tine", last_name="Holm", role=Role.CONTACT_PERSON,
                            organisation=org, phone="20304050", email="tine@kommune.dk")
youth = Youth.objects.create(organisation=org, first_name="Oliver", last_name="Jørgensen",
                             birth_date=datetime.date(2000, 5, 5), target_group="other", status="active")
youth.user = User.objects.create(username="oliver", role=Role.YOUTH)
youth.save()
ContactPersonAssignment.objects.create(youth=youth, contact_person=staff, started_on=datetime.date(2026, 1, 1),
                                       assigned_by=staff)
pathway = Pathway.objects.create(youth=youth, goal="EGU i lager og logistik", started_on=datetime.date(2026, 1, 5))
steps = [Step.objects.create(pathway=pathway, step_type="internship", title=f"Praktik {{n}} på lager – pluk og pak",
                             partner=company, starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 2, 5),
                             status="completed", outcome="Mødte stabilt; lærte pluk, pak og palleløfter.")
         for n in range(3)]
for n in range(COUNT):
    competence = Competence.objects.create(
        name=f"Pallehåndtering og ordreplukning, del {{n + 1}}",
        description="Plukker ordrer efter pluklister, stabler og sikrer paller, bruger håndscanner og palleløfter.")
    services.certificate_issue(youth=youth, by=staff, step=steps[n % 3], competences=[competence], issuer=company,
                               issued_on=timezone.localdate(),
                               evidence="Oliver plukkede ordrer i seks uger, mødte hver dag kl. 7 og hjalp nye kolleger.")
for n in range(5):
    services.reflection_write(youth=youth, by=youth.user, kind="reflection",
                              text="Praktikken gik bedre end jeg troede. Det var hårdt at stå op, men fedt. " * 4)

certificate = youth.certificates.select_related("issuer", "step__partner").first()
portfolio = portfolio_for(youth)

def timed(render):
    started = time.perf_counter()
    content = render()
    return time.perf_counter() - started, content

def pages(content):
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout.decode()
    return next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))

for label, render in (("certificate (1)", lambda: pdfs.certificate_pdf(certificate)),
                      (f"portfolio ({{COUNT}} certificates)", lambda: pdfs.portfolio_pdf(portfolio))):
    first, content = timed(render)
    runs = [timed(render)[0] for _ in range(RUNS)]
    print(f"{{label}}: first {{first * 1000:.0f}} ms; then median {{statistics.median(runs) * 1000:.0f}} ms, "
          f"slowest {{max(runs) * 1000:.0f}} ms over {{RUNS}} runs; {{pages(content)}} pages, {{len(content) // 1024}} KiB")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    base = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "KUI_TESTING", "REDIS_URL")}
    with tempfile.TemporaryDirectory() as folder:
        env = {**base, "DEBUG": "1", "KUI_SQLITE_PATH": str(Path(folder) / "bench.sqlite3")}
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        code = TIMED.format(runs=args.runs, count=CERTIFICATES)
        subprocess.run([sys.executable, "manage.py", "shell", "-v0", "-c", code], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
