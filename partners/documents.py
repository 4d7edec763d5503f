"""Uploaded agreement documents: only PDF and Word (DOCX), judged by their
content as well as their name, under a size limit, and never a file name with
a folder path in it.

Django's multipart parser silently drops the folder part of an uploaded file
name. A name that came with a path is refused here instead, so a crafted
request is told no rather than quietly accepted: `notice_paths_in_file_names`
swaps in a parser that remembers such names before the body is parsed.
"""

import html
import zipfile
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http.multipartparser import MultiPartParser
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = ("pdf", "docx")
PATH_CHARACTERS = ("/", "\\", ":")


def max_document_bytes() -> int:
    return getattr(settings, "KUI_AGREEMENT_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


class _PathNoticingParser(MultiPartParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names_with_path: list[str] = []

    def sanitize_file_name(self, file_name):
        raw = html.unescape(file_name)
        if any(character in raw for character in PATH_CHARACTERS):
            self.names_with_path.append(raw)
        return super().sanitize_file_name(file_name)


def notice_paths_in_file_names(view):
    """View decorator: `request.file_names_with_path` lists the uploaded file
    names that came with a folder path. The CSRF check runs after the swap
    (csrf_protect inside), exactly as the middleware would have."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.file_names_with_path = []

        def parse_file_upload(meta, post_data):
            parser = _PathNoticingParser(meta, post_data, request.upload_handlers, request.encoding)
            result = parser.parse()
            request.file_names_with_path = parser.names_with_path
            return result

        request.parse_file_upload = parse_file_upload
        return protected(request, *args, **kwargs)

    return wrapped


def _looks_like_pdf(upload) -> bool:
    upload.seek(0)
    return upload.read(5) == b"%PDF-"


def _looks_like_docx(upload) -> bool:
    """A DOCX file is a ZIP archive holding a Word main document."""
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":
        return False
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return {"[Content_Types].xml", "word/document.xml"} <= names


def check_document(upload, *, name_had_path: bool = False) -> str:
    """The kind ("pdf" or "docx") of an acceptable upload; ValidationError
    with a message for the person otherwise."""
    name = upload.name or ""
    if name_had_path or any(character in name for character in PATH_CHARACTERS) or name.startswith("."):
        raise ValidationError(_("The file name must not contain a folder path. Rename the file and try again."))
    if upload.size > max_document_bytes():
        raise ValidationError(
            _("The file is too large. The limit is %(limit)d MB.") % {"limit": max_document_bytes() // (1024 * 1024)}
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(_("Only PDF and Word (DOCX) files can be uploaded."))
    looks_right = _looks_like_pdf(upload) if extension == "pdf" else _looks_like_docx(upload)
    upload.seek(0)
    if not looks_right:
        raise ValidationError(
            _("The file's content is not a PDF or Word (DOCX) document. Upload the signed agreement as PDF or DOCX.")
        )
    return extension
