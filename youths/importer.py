"""Importing a caseload from a spreadsheet (CSV or XLSX).

Many municipalities keep their caseload in Excel when they start using kui.
The import runs in two steps: every row is validated with the same rules as
the registration form and shown as a preview (nothing saved); only a file
without a single error can be imported, and then all of it or nothing.

Between the two steps the checked rows wait in a YouthImport row, encrypted
with the key that protects CPR numbers at rest. Confirming queues a Celery
job that is given that row's id (never a cell of the file), checks the rows
again and imports them in one transaction while the page shows its progress.
The session, URLs, task arguments and logs never hold a CPR number.
"""

import csv
import datetime
import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kui.accounts.models import CASEWORK_ROLES, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_event, audit_record_many
from kui.lib import cpr as cpr_lib
from youths import services, tasks
from youths.forms import YouthForm
from youths.models import (
    Contact,
    ImportStatus,
    ReferralSource,
    SupportLevel,
    TargetGroup,
    Youth,
    YouthImport,
    YouthStatus,
)

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# Imported by a background job in batches (see import_rows and bench/); larger
# caseloads are imported team by team.
MAX_ROWS = 1000
MAX_COLUMNS = 60
MAX_SHEET_ROWS = 10 * MAX_ROWS  # rows read at all, blank ones included
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
STASH_MAX_AGE = datetime.timedelta(hours=2)  # how long a checked or finished import is kept
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
        problem(
            "contact_person",
            _(
                "An active youth must have a contact person. Without a status the row is imported as active;"
                " write “venteliste” in the status column for a youth on the waiting list."
            ),
        )
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
    """The same CPR number, or the same birth date and a look-alike name
    (services.names_look_alike: æ/ae, ø/oe, å/aa, one letter off), twice in
    the file or already registered (in any organisation, as the form checks)."""
    hashes = {row.number: cpr_lib.lookup_hash(row.cpr) for row in rows if row.cpr}
    # Under every key a number may still be stored under (a key rotation may be under way).
    any_key = {row.number: set(cpr_lib.lookup_hashes(row.cpr)) for row in rows if row.cpr}
    stored = set(Youth.objects.filter(cpr_hash__in=set().union(*any_key.values())).values_list("cpr_hash", flat=True))
    known_hashes = {hashes[number] for number, candidates in any_key.items() if candidates & stored}
    births = {row.person[2] for row in rows if row.person}
    known_people = _people_by_birth_date(
        Youth.objects.filter(birth_date__in=births).values_list("first_name", "last_name", "birth_date")
    )
    seen_hashes: dict[str, int] = {}
    seen_people: dict[datetime.date, list[tuple[tuple, int]]] = {}
    for row in rows:
        person, cpr_hash = row.person, hashes.get(row.number)
        if cpr_hash in known_hashes:
            _add(row, headers, "cpr", _("A youth with this CPR number is already registered."))
        elif cpr_hash and cpr_hash in seen_hashes:
            _add(row, headers, "cpr", _("The same CPR number as in row %(row)s.") % {"row": seen_hashes[cpr_hash]})
        earlier = _look_alike(person, seen_people)
        if person and _look_alike(person, known_people) is not None:
            _add(
                row,
                headers,
                "first_name",
                _(
                    "A youth with the same birth date and the same or a similar name is already registered. "
                    "If it is another person, register them with the form."
                ),
            )
        elif earlier is not None:
            _add(
                row,
                headers,
                "first_name",
                _("The same birth date and the same or a similar name as in row %(row)s.") % {"row": earlier},
            )
        if cpr_hash:
            seen_hashes.setdefault(cpr_hash, row.number)
        if person:
            seen_people.setdefault(person[2], []).append((person, row.number))


def _people_by_birth_date(people) -> dict:
    grouped: dict[datetime.date, list[tuple[tuple, int | None]]] = {}
    for first_name, last_name, birth_date in people:
        grouped.setdefault(birth_date, []).append(((first_name, last_name, birth_date), None))
    return grouped


def _look_alike(person: tuple | None, people: dict) -> int | None:
    """The row number (or 0 for the register) of the first person born the
    same day whose name looks alike; None if there is none."""
    if person is None:
        return None
    for (first_name, last_name, _birth), number in people.get(person[2], []):
        if services.names_look_alike(person[0], person[1], first_name, last_name):
            return number or 0
    return None


def _person_key(first_name: str, last_name: str, birth_date) -> tuple:
    return first_name, last_name, birth_date


def _add(row: ImportRow, headers, name: str, message: str) -> None:
    row.errors.append(RowError(row.number, _column_label(name, headers), message))
    row.youth_fields = {}


# -------------------------------------------------------------- importing

IMPORT_CHUNK = 200  # rows saved per batch of INSERTs; the progress moves on after each


@transaction.atomic
def import_rows(*, preview: ImportPreview, by: User, progress=None) -> list[Youth]:
    """All rows or none: any failure rolls the whole import back. The rows
    are saved a chunk at a time through the services' batch writes (a few
    queries per chunk instead of ~30 per row); `progress(done)` is told how
    many rows are saved so far."""
    if not preview.is_valid:
        raise ValueError("only a preview without errors can be imported")
    today = timezone.localdate()
    reason = _("Imported from spreadsheet")
    youths: list[Youth] = []
    for start in range(0, len(preview.rows), IMPORT_CHUNK):
        rows = preview.rows[start : start + IMPORT_CHUNK]
        made = services.youth_create_many(
            by=by, youths=[{"cpr": row.cpr, "status": row.status, **row.youth_fields} for row in rows]
        )
        pairs = [(youth, row.contact_person) for youth, row in zip(made, rows, strict=True) if row.contact_person]
        if pairs:
            services.contact_person_assign_first_many(by=by, pairs=pairs, started_on=today, reason=reason)
        contacts = [(youth, row.last_contact) for youth, row in zip(made, rows, strict=True) if row.last_contact]
        if contacts:
            contact_import_many(by=by, contacts=contacts)
        youths.extend(made)
        if progress is not None:
            progress(len(youths))
    return youths


def contact_import_many(*, by: User, contacts: list[tuple[Youth, datetime.date]]) -> list[Contact]:
    """The last contact from the old spreadsheet, so the board can tell who is
    overdue from day one. Unlike contact_log it may lie more than a year back;
    medium and duration are unknown, so the duration is 0 and the note says
    where it came from (imported time must not count as contact time)."""
    now, made = timezone.now(), []
    for youth, happened_on in contacts:
        noon = timezone.make_aware(datetime.datetime.combine(happened_on, datetime.time(12)))
        contact = Contact(
            youth=youth,
            happened_at=min(noon, now),
            duration_minutes=0,
            reached=True,
            note=_("Imported from spreadsheet"),
            logged_by=by,
        )
        services.full_clean_in_bulk(contact)
        made.append(contact)
    created = Contact.objects.bulk_create(made, batch_size=1000)
    audit_record_many(
        audit_event(
            actor=by,
            action=AuditAction.CREATE,
            obj=contact,
            subject_id=contact.youth.public_id,
            fields=["happened_at", "reached"],
            purpose="import",
        )
        for contact in created
    )
    return created


# ------------------------------------------- the import as a background job


def _cipher():
    """The Fernet of the CPR column: the same keys protect the waiting rows."""
    return Youth._meta.get_field("cpr_encrypted").f


def import_prepare(*, table: Table, by: User) -> YouthImport:
    """Keeps a checked table until it is confirmed: its cells as text (what
    validating reads), encrypted, in a row the job is given the id of."""
    import_prune()
    payload = {
        "headers": table.headers,
        "rows": [[number, {name: _text(value) for name, value in cells.items()}] for number, cells in table.rows],
        "ignored": table.ignored_headers,
    }
    return YouthImport.objects.create(
        created_by=by,
        row_count=len(table.rows),
        payload=_cipher().encrypt(json.dumps(payload).encode()),
    )


def _table_of(youth_import: YouthImport) -> Table | None:
    try:
        payload = json.loads(_cipher().decrypt(bytes(youth_import.payload)))
    except (InvalidToken, ValueError, TypeError):
        return None
    rows = [(number, cells) for number, cells in payload["rows"]]
    return Table(headers=payload["headers"], rows=rows, ignored_headers=payload["ignored"])


def import_discard(*, public_id, by: User) -> None:
    """Forgets an import that was checked but not confirmed."""
    YouthImport.objects.filter(public_id=public_id, created_by=by, status=ImportStatus.PREVIEWED).delete()


def import_queue(*, public_id, by: User, language: str = "") -> YouthImport | None:
    """Confirms the uploader's checked import and queues the job (after the
    request's commit). The conditional update claims it: a double click
    queues it once. None when there is nothing of theirs to confirm."""
    youth_import = YouthImport.objects.filter(public_id=public_id, created_by=by).first()
    if youth_import is None:
        return None
    claimed = YouthImport.objects.filter(pk=youth_import.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.QUEUED, language=language[:8]
    )
    if not claimed:
        return None
    transaction.on_commit(lambda: tasks.import_run.delay(youth_import.pk))
    youth_import.status = ImportStatus.QUEUED
    return youth_import


def _progress_key(import_id: int) -> str:
    return f"youths:import:{import_id}:done"


def import_progress(youth_import: YouthImport) -> int:
    """Rows saved so far. The import is one transaction, invisible to others
    until it commits, so the job reports its progress through the cache."""
    if youth_import.status == ImportStatus.DONE:
        return youth_import.row_count
    if youth_import.status != ImportStatus.RUNNING:
        return 0
    return int(cache.get(_progress_key(youth_import.pk)) or 0)


def _finish(youth_import: YouthImport, status: str, *, imported: int = 0, problems=()) -> None:
    youth_import.status, youth_import.imported_count = status, imported
    youth_import.problems = [{"row": p.row, "column": p.column, "message": p.message} for p in problems]
    youth_import.payload, youth_import.finished_at = b"", timezone.now()
    youth_import.save(update_fields=["status", "imported_count", "problems", "payload", "finished_at"])
    cache.delete(_progress_key(youth_import.pk))


def import_run(*, import_id: int) -> YouthImport | None:
    """The job: checks the rows again (someone may have registered one of the
    youths meanwhile), then imports all of them or none. Claimed with a
    conditional update, so a job delivered twice runs once. Whatever
    happens, the encrypted rows are wiped afterwards."""
    claimed = YouthImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    youth_import = YouthImport.objects.select_related("created_by").get(pk=import_id)
    with translation.override(youth_import.language or settings.LANGUAGE_CODE):
        return _import_claimed(youth_import)


def _import_claimed(youth_import: YouthImport) -> YouthImport:
    import_id, by = youth_import.pk, youth_import.created_by
    try:
        table = _table_of(youth_import)
        preview = validate_table(table, by=by) if table is not None else None
        if preview is None or not preview.is_valid:
            _finish(youth_import, ImportStatus.FAILED, problems=preview.errors if preview else ())
            return youth_import
        youths = import_rows(
            preview=preview,
            by=by,
            progress=lambda done: cache.set(_progress_key(import_id), done, 3600),
        )
    except Exception as error:
        # Any failure means nothing was imported (the transaction rolled back).
        # The type only: a message may quote a cell.
        logger.error("spreadsheet import %s failed: %s", import_id, type(error).__name__)
        _finish(youth_import, ImportStatus.FAILED)
        return youth_import
    _finish(youth_import, ImportStatus.DONE, imported=len(youths))
    return youth_import


def import_prune() -> int:
    """Imports nobody confirmed, and the records of finished ones, are
    deleted after STASH_MAX_AGE; a queued or running one is kept."""
    cutoff = timezone.now() - STASH_MAX_AGE
    kept = (ImportStatus.QUEUED, ImportStatus.RUNNING)
    deleted, _count = YouthImport.objects.filter(created_at__lt=cutoff).exclude(status__in=kept).delete()
    return deleted
