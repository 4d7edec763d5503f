"""Importing a caseload from a spreadsheet (CSV or XLSX).

Many municipalities keep their caseload in Excel when they start using kui.
The import runs in two steps: every row is validated with the same rules as
the registration form and shown as a preview (nothing saved); only a file
without a single error can be imported, and then all of it or nothing.

Between the two steps the uploaded bytes wait in a file under
MEDIA_ROOT/imports, encrypted with the key that protects CPR numbers at rest
and named by a random token that only the uploader's session knows: the
session, URLs and logs never hold a CPR number.
"""

import csv
import datetime
import io
import os
import re
import secrets
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kui.accounts.models import CASEWORK_ROLES, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib import cpr as cpr_lib
from youths import services
from youths.forms import YouthForm
from youths.models import Contact, ReferralSource, SupportLevel, TargetGroup, Youth, YouthStatus

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# The services save about 60 rows a second (~30 queries each, measured on
# SQLite), and the import runs inside one request: 1,000 rows stay well within
# the web server's 30-second timeout. Larger caseloads are imported team by team.
MAX_ROWS = 1000
MAX_COLUMNS = 60
MAX_SHEET_ROWS = 10 * MAX_ROWS  # rows read at all, blank ones included
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
STASH_MAX_AGE = datetime.timedelta(hours=2)
FILE_KINDS = {".csv": "csv", ".xlsx": "xlsx"}


class ImportFileError(Exception):
    """The file as a whole cannot be read; no row is looked at."""


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Danish header of the template
    description: object
    aliases: tuple[str, ...] = ()
    required: bool = False


COLUMNS = [
    Column("first_name", "fornavn", gettext_lazy("First name"), ("first name", "firstname"), required=True),
    Column("last_name", "efternavn", gettext_lazy("Last name"), ("last name", "lastname", "surname"), required=True),
    Column("preferred_name", "foretrukket navn", gettext_lazy("Preferred name"), ("kaldenavn", "preferred name")),
    Column(
        "birth_date",
        "fødselsdato",
        gettext_lazy("Birth date: dd.mm.yyyy or yyyy-mm-dd"),
        ("birth date", "date of birth", "birthdate"),
        required=True,
    ),
    Column("cpr", "cpr", gettext_lazy("CPR number (optional)"), ("cpr-nummer", "cpr nummer", "cpr-nr", "cpr number")),
    Column("phone", "telefon", gettext_lazy("Phone"), ("tlf", "tlf.", "mobil", "phone")),
    Column("email", "e-mail", gettext_lazy("E-mail"), ("email", "mail")),
    Column("address", "adresse", gettext_lazy("Address"), ("address",)),
    Column("target_group", "målgruppe", gettext_lazy("Target group"), ("target group",), required=True),
    Column("support_level", "støtteniveau", gettext_lazy("Support level (default: close follow)"), ("support level",)),
    Column("status", "status", gettext_lazy("Status (default: active)")),
    Column(
        "contact_person",
        "kontaktperson",
        gettext_lazy("Contact person: username or e-mail"),
        ("tovholder", "ungeguide", "contact person"),
    ),
    Column("last_contact", "seneste kontakt", gettext_lazy("Last contact: a date"), ("sidste kontakt", "last contact")),
]

# Words municipalities use in their own spreadsheets, besides the codes and
# the labels shown in kui (both languages are matched too).
CHOICE_SYNONYMS = {
    "target_group": {
        "ingen uddannelse": TargetGroup.NO_EDUCATION,
        "ingen uddannelse ud over grundskolen": TargetGroup.NO_EDUCATION,
        "frafald": TargetGroup.DROPPED_OUT,
        "faldet fra uddannelse": TargetGroup.DROPPED_OUT,
        "psykiske problemer": TargetGroup.MENTAL_HEALTH,
        "psykisk sårbar": TargetGroup.MENTAL_HEALTH,
        "misbrug": TargetGroup.SUBSTANCE_USE,
        "rusmidler": TargetGroup.SUBSTANCE_USE,
        "sociale problemer": TargetGroup.SOCIAL,
        "ledig": TargetGroup.UNEMPLOYED,
        "uddannelseshjælp": TargetGroup.UNEMPLOYED,
        "ledig på uddannelseshjælp": TargetGroup.UNEMPLOYED,
        "andet": TargetGroup.OTHER,
    },
    "support_level": {
        "tæt": SupportLevel.CLOSE,
        "tæt opfølgning": SupportLevel.CLOSE,
        "ekstern": SupportLevel.EXTERNAL,
        "eksternt forløb": SupportLevel.EXTERNAL,
        "opfølgning i eksternt forløb": SupportLevel.EXTERNAL,
        "løs": SupportLevel.EXIT,
        "løs opfølgning": SupportLevel.EXIT,
        "udslusning": SupportLevel.EXIT,
        "udslusningsfase": SupportLevel.EXIT,
        "løs opfølgning i udslusningsfase": SupportLevel.EXIT,
    },
    "status": {
        "venteliste": YouthStatus.WAITING,
        "aktiv": YouthStatus.ACTIVE,
        "pause": YouthStatus.PAUSED,
        "på pause": YouthStatus.PAUSED,
        "afsluttet": YouthStatus.COMPLETED,
        "udmeldt": YouthStatus.WITHDRAWN,
        "frafaldet": YouthStatus.WITHDRAWN,
    },
}
CHOICES = {"target_group": TargetGroup, "support_level": SupportLevel, "status": YouthStatus}
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


def _key(text: str) -> str:
    """Header and choice matching ignores case, spacing, '_' and a trailing '*'."""
    return " ".join(str(text).replace("_", " ").replace("*", " ").casefold().split())


# ---------------------------------------------------------------- reading


@dataclass
class Table:
    """The file's rows as text or date cells, keyed by field name."""

    headers: dict[str, str]  # field -> the header as written in the file
    rows: list[tuple[int, dict[str, object]]]  # (spreadsheet row number, cells)
    ignored_headers: list[str] = field(default_factory=list)


def file_kind(filename: str) -> str:
    kind = FILE_KINDS.get(Path(filename or "").suffix.lower())
    if kind is None:
        raise ImportFileError(_("Only CSV and XLSX files can be imported."))
    return kind


def read_table(kind: str, content: bytes) -> Table:
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB; split it into smaller files."))
    grid = _read_xlsx(content) if kind == "xlsx" else _read_csv(content)
    header_row, *data = grid or [[]]
    headers, positions, ignored = _map_headers(header_row)
    rows = []
    for number, values in enumerate(data, start=2):
        cells = {name: values[index] if index < len(values) else None for name, index in positions.items()}
        if any(_text(value) for value in cells.values()):
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                raise _too_many_rows()
    if not rows:
        raise ImportFileError(_("The file has no rows to import."))
    return Table(headers=headers, rows=rows, ignored_headers=ignored)


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)s rows; split it into smaller files.")
        % {"max": number_format(MAX_ROWS, force_grouping=True)}
    )


def _decode(content: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; otherwise Windows-1252,
    the encoding Excel's 'CSV (semicolon separated)' has on Danish Windows."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif b"\x00" in content:
        raise ImportFileError(_("The file is not a CSV or XLSX file."))
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("The file's text encoding could not be read; save it as CSV UTF-8."))


def _read_csv(content: bytes) -> list[list[object]]:
    if content.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportFileError(_("The file is a spreadsheet, not CSV; save it as XLSX or CSV and try again."))
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        return [row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error:
        raise ImportFileError(_("The CSV file could not be read.")) from None


def _read_xlsx(content: bytes) -> list[list[object]]:
    """The first sheet's cell values (dates as dates). Stops reading after
    MAX_ROWS + 1 rows, so a huge sheet is refused without loading it all."""
    import openpyxl

    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(_("Old Excel files (.xls) cannot be read; save the file as XLSX."))
    if not content.startswith(b"PK\x03\x04"):
        raise ImportFileError(_("The file is not a CSV or XLSX file."))
    try:
        _refuse_zip_bomb(content)
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            return _sheet_grid(workbook.worksheets[0])
        finally:
            workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError):
        raise ImportFileError(_("The XLSX file could not be read.")) from None
    except Exception as error:  # openpyxl raises its own kinds for broken parts
        if type(error).__module__.startswith(("openpyxl", "xml", "defusedxml")):
            raise ImportFileError(_("The XLSX file could not be read.")) from None
        raise


def _refuse_zip_bomb(content: bytes) -> None:
    """2 MB of XLSX can unpack to gigabytes; a real caseload unpacks to a few MB."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ImportFileError(_("The XLSX file is too large when unpacked; split it into smaller files."))


def _sheet_grid(sheet) -> list[list[object]]:
    grid, filled = [], 0
    for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
        grid.append(list(values))
        filled += any(_text(value) for value in values)
        if filled > MAX_ROWS + 1:
            break  # read_table reports the file as too long
        if len(grid) > MAX_SHEET_ROWS:
            raise _too_many_rows()
    return grid


def _map_headers(header_row: list[object]) -> tuple[dict[str, str], dict[str, int], list[str]]:
    by_alias = {
        _key(name): column.field for column in COLUMNS for name in (column.header, column.field, *column.aliases)
    }
    headers, positions, ignored = {}, {}, []
    for index, value in enumerate(header_row):
        written = _text(value)
        name = by_alias.get(_key(written))
        if name is None:
            if written:
                ignored.append(written)
            continue
        if name in positions:
            raise ImportFileError(_("The column “%(column)s” appears twice.") % {"column": written})
        headers[name], positions[name] = written, index
    missing = [column.header for column in COLUMNS if column.required and column.field not in positions]
    if missing:
        raise ImportFileError(_("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)})
    return headers, positions, ignored


def _text(value) -> str:
    """A cell as text. Excel turns digits into numbers: 12345678.0 → '12345678'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


# ------------------------------------------------------------- validating


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportRow:
    number: int
    display: dict[str, str]
    errors: list[RowError] = field(default_factory=list)
    youth_fields: dict = field(default_factory=dict)
    cpr: str = ""
    status: str = YouthStatus.ACTIVE
    contact_person: User | None = None
    last_contact: datetime.date | None = None
    person: tuple | None = None  # (first name, last name, birth date) for the duplicate check


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    ignored_headers: list[str]

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    @property
    def is_valid(self) -> bool:
        return not self.errors


class _ImportYouthForm(YouthForm):
    def _post_clean(self):
        """Skips the model's own validation in the preview: the form's fields
        already check every value, uniqueness is checked for the whole file in
        two queries, and the table constraints would cost a query per row.
        youth_create runs full_clean on each youth when saving."""


def validate_table(table: Table, *, by: User) -> ImportPreview:
    """Every row with every problem it has, so the whole file can be fixed in
    one go; reads the database a fixed number of times however long the file."""
    people = _contact_person_lookup(by)
    choices = {name: _choice_lookup(name) for name in CHOICES}
    rows = [
        _validate_row(number, cells, table.headers, by=by, people=people, choices=choices)
        for number, cells in table.rows
    ]
    _flag_duplicates(rows, table.headers)
    return ImportPreview(rows=rows, ignored_headers=table.ignored_headers)


def _column_label(name: str, headers: dict[str, str]) -> str:
    if name in headers:
        return headers[name]
    if name == NON_FIELD_ERRORS:
        return ""
    known = {column.field: column.header for column in COLUMNS}
    return known.get(name) or str(YouthForm.base_fields[name].label if name in YouthForm.base_fields else name)


def _validate_row(number, cells, headers, *, by, people, choices) -> ImportRow:
    text = {name: _text(value) for name, value in cells.items()}
    row = ImportRow(number=number, display=_display(text))
    problems: dict[str, str] = {}

    def problem(name: str, message: str) -> None:
        problems.setdefault(name, message)
        row.errors.append(RowError(number, _column_label(name, headers), message))

    birth_date = _parse_date(cells.get("birth_date"))
    if text.get("birth_date") and birth_date is None:
        problem("birth_date", _("Write the date as dd.mm.yyyy or yyyy-mm-dd."))
    codes = {}
    for name, lookup in choices.items():
        written = text.get(name, "")
        codes[name] = lookup.get(_key(written)) if written else None
        if written and codes[name] is None:
            problem(
                name,
                _("“%(value)s” is not a known value. Use one of: %(allowed)s.")
                % {"value": written, "allowed": ", ".join(str(label) for _code, label in CHOICES[name].choices)},
            )
    row.status = codes["status"] or YouthStatus.ACTIVE
    row.contact_person = _find_contact_person(text.get("contact_person", ""), people, problem)
    if row.status == YouthStatus.ACTIVE and row.contact_person is None and "contact_person" not in problems:
        problem("contact_person", _("An active youth must have a contact person."))
    row.last_contact = _check_last_contact(cells.get("last_contact"), text.get("last_contact", ""), birth_date, problem)

    form = _ImportYouthForm(_form_data(text, birth_date, codes), user=by)
    form.is_valid()
    for name, messages in form.errors.items():
        if name not in problems:
            for message in messages:
                problem(name, message)
    cleaned = form.cleaned_data
    row.cpr = cleaned.get("cpr", "")
    if all(cleaned.get(name) for name in ("first_name", "last_name", "birth_date")):
        row.person = _person_key(cleaned["first_name"], cleaned["last_name"], cleaned["birth_date"])
    if not row.errors:
        row.youth_fields = form.model_fields()
        row.youth_fields["team"] = (row.contact_person or by).team
        _display_as_understood(row)
    return row


def _display_as_understood(row: ImportRow) -> None:
    """A valid row shows what kui made of it ('løs' → 'Exit phase'), so the
    user can check the interpretation before confirming."""
    for name, choices in CHOICES.items():
        code = row.status if name == "status" else row.youth_fields[name]
        row.display[name] = str(choices(code).label)
    if row.contact_person is not None:
        row.display["contact_person"] = str(row.contact_person)


def _display(text: dict[str, str]) -> dict[str, str]:
    """What the preview shows of a row: the file's own words, CPR masked."""
    shown = {
        name: text.get(name, "")
        for name in ("birth_date", "target_group", "support_level", "status", "contact_person", "last_contact")
    }
    shown["name"] = " ".join(filter(None, (text.get("first_name"), text.get("last_name"))))
    cpr_digits = re.sub(r"\D", "", text.get("cpr", ""))
    shown["cpr"] = cpr_lib.masked(cpr_digits) if cpr_digits else ""
    return shown


def _form_data(text: dict[str, str], birth_date, codes) -> dict[str, str]:
    """The row as the registration form would receive it. The file does not
    say who referred the youth: recorded as 'other' rather than guessed."""
    data = {
        name: text.get(name, "") for name in ("first_name", "last_name", "preferred_name", "phone", "email", "address")
    }
    cpr_text = text.get("cpr", "")
    if cpr_text.isdigit() and len(cpr_text) == 9:
        cpr_text = cpr_text.zfill(10)  # Excel drops the leading zero of a number
    data.update(
        cpr=cpr_text,
        birth_date=birth_date.isoformat() if birth_date else text.get("birth_date", ""),
        target_group=codes["target_group"] or text.get("target_group", ""),
        support_level=codes["support_level"] or SupportLevel.CLOSE,
        education_background="",
        referral_source=ReferralSource.OTHER,
        referral_date=timezone.localdate().isoformat(),
        priority="2",
        team="",
    )
    return data


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    written = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(written, pattern).date()
        except ValueError:
            continue
    return None


def _check_last_contact(value, written: str, birth_date, problem) -> datetime.date | None:
    if not written:
        return None
    day = _parse_date(value)
    if day is None:
        problem("last_contact", _("Write the date as dd.mm.yyyy or yyyy-mm-dd."))
    elif day > timezone.localdate():
        problem("last_contact", _("The last contact cannot be in the future."))
    elif birth_date and day < birth_date:
        problem("last_contact", _("The last contact cannot be before the birth date."))
    else:
        return day
    return None


def _choice_lookup(name: str) -> dict[str, str]:
    lookup = {}
    for code, label in CHOICES[name].choices:
        lookup[_key(code)] = code
        for language in ("en", "da"):
            with translation.override(language):
                lookup[_key(str(label))] = code
    lookup.update({_key(word): code for word, code in CHOICE_SYNONYMS.get(name, {}).items()})
    return lookup


def _contact_person_lookup(by: User) -> dict[str, User | None]:
    """Casework users of the importer's own organisation by username and
    e-mail; an e-mail shared by two users maps to None (ambiguous)."""
    lookup: dict[str, User | None] = {}
    users = User.objects.filter(organisation_id=by.organisation_id, role__in=CASEWORK_ROLES, is_active=True)
    for user in users:
        lookup[_key(user.username)] = user
        if user.email:
            email = _key(user.email)
            lookup[email] = None if email in lookup and lookup[email] != user else user
    return lookup


def _find_contact_person(written: str, people, problem) -> User | None:
    if not written:
        return None
    key = _key(written)
    if key in people and people[key] is None:
        problem("contact_person", _("Several users have this e-mail; use the username."))
    elif key not in people:
        problem("contact_person", _("No contact person or team lead in your organisation has this username or e-mail."))
    return people.get(key)


def _flag_duplicates(rows: list[ImportRow], headers: dict[str, str]) -> None:
    """The same CPR number, or the same name and birth date, twice in the
    file or already registered (in any organisation, as the form checks)."""
    hashes = {row.number: cpr_lib.lookup_hash(row.cpr) for row in rows if row.cpr}
    # Under every key a number may still be stored under (a key rotation may be under way).
    any_key = {row.number: set(cpr_lib.lookup_hashes(row.cpr)) for row in rows if row.cpr}
    stored = set(Youth.objects.filter(cpr_hash__in=set().union(*any_key.values())).values_list("cpr_hash", flat=True))
    known_hashes = {hashes[number] for number, candidates in any_key.items() if candidates & stored}
    births = {row.person[2] for row in rows if row.person}
    known_people = {
        _person_key(*values)
        for values in Youth.objects.filter(birth_date__in=births).values_list("first_name", "last_name", "birth_date")
    }
    seen_hashes: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    for row in rows:
        person, cpr_hash = row.person, hashes.get(row.number)
        if cpr_hash in known_hashes:
            _add(row, headers, "cpr", _("A youth with this CPR number is already registered."))
        elif cpr_hash and cpr_hash in seen_hashes:
            _add(row, headers, "cpr", _("The same CPR number as in row %(row)s.") % {"row": seen_hashes[cpr_hash]})
        if person in known_people:
            _add(
                row,
                headers,
                "first_name",
                _(
                    "A youth with the same name and birth date is already registered. "
                    "If it is another person, register them with the form."
                ),
            )
        elif person in seen_people:
            _add(
                row,
                headers,
                "first_name",
                _("The same name and birth date as in row %(row)s.") % {"row": seen_people[person]},
            )
        if cpr_hash:
            seen_hashes.setdefault(cpr_hash, row.number)
        if person:
            seen_people.setdefault(person, row.number)


def _person_key(first_name: str, last_name: str, birth_date) -> tuple:
    return _key(first_name), _key(last_name), birth_date


def _add(row: ImportRow, headers, name: str, message: str) -> None:
    row.errors.append(RowError(row.number, _column_label(name, headers), message))
    row.youth_fields = {}


# -------------------------------------------------------------- importing


@transaction.atomic
def import_rows(*, preview: ImportPreview, by: User) -> list[Youth]:
    """All rows or none: any failure rolls the whole import back."""
    if not preview.is_valid:
        raise ValueError("only a preview without errors can be imported")
    today = timezone.localdate()
    reason = _("Imported from spreadsheet")
    youths = []
    for row in preview.rows:
        youth = services.youth_create(by=by, cpr=row.cpr, status=row.status, **row.youth_fields)
        if row.contact_person is not None:
            services.contact_person_assign(
                youth=youth, by=by, contact_person=row.contact_person, started_on=today, reason=reason
            )
        if row.last_contact is not None:
            contact_import(youth=youth, by=by, happened_on=row.last_contact)
        youths.append(youth)
    return youths


def contact_import(*, youth: Youth, by: User, happened_on: datetime.date) -> Contact:
    """The last contact from the old spreadsheet, so the board can tell who is
    overdue from day one. Unlike contact_log it may lie more than a year back;
    medium and duration are unknown, so the duration is 0 and the note says
    where it came from (imported time must not count as contact time)."""
    noon = timezone.make_aware(datetime.datetime.combine(happened_on, datetime.time(12)))
    contact = Contact(
        youth=youth,
        happened_at=min(noon, timezone.now()),
        duration_minutes=0,
        reached=True,
        note=_("Imported from spreadsheet"),
        logged_by=by,
    )
    contact.full_clean()
    contact.save()
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=contact,
        subject_id=youth.public_id,
        fields=["happened_at", "reached"],
        purpose="import",
    )
    return contact


# ----------------------------------------------- the file between two steps


def _stash_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _cipher():
    """The Fernet of the CPR column: the same keys protect the waiting file."""
    return Youth._meta.get_field("cpr_encrypted").f


def _stash_path(token: str) -> Path | None:
    return _stash_dir() / f"{token}.bin" if re.fullmatch(r"[0-9a-f]{32}", token or "") else None


def stash_upload(content: bytes) -> str:
    """Keeps the upload until it is confirmed; returns the token naming it."""
    stash_prune()
    folder = _stash_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_hex(16)
    descriptor = os.open(_stash_path(token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stash:
        stash.write(_cipher().encrypt(content))
    return token


def stash_load(token: str) -> bytes | None:
    path = _stash_path(token)
    if path is None or not path.is_file():
        return None
    try:
        return _cipher().decrypt(path.read_bytes())
    except InvalidToken:
        return None


def stash_discard(token: str) -> None:
    path = _stash_path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def stash_prune() -> int:
    """Uploads nobody confirmed are deleted after STASH_MAX_AGE."""
    folder = _stash_dir()
    if not folder.is_dir():
        return 0
    cutoff, removed = time.time() - STASH_MAX_AGE.total_seconds(), 0
    for path in folder.glob("*.bin"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # another request pruned it first
    return removed
