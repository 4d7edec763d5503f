import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from kui.lib.pdf import INTERNAL_BASE_URL, BlockedURL, StaticOnlyFetcher, css_string, html_to_pdf, render_pdf


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def counting_server():
    """A loopback web server that counts the requests it gets."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


@override_settings(KUI_MUNICIPALITY_NAME="Ærø Kommune")
def test_it_keeps_danish_letters_and_names_the_municipality():
    text = pdf_text(render_pdf("pdf/base.html", {}))
    assert "Ærø Kommune" in text


def test_it_numbers_the_pages():
    with translation.override("en"):
        text = pdf_text(render_pdf("pdf/base.html", {}))
    assert "Page 1 of 1" in text


def test_it_embeds_dejavu_sans(tmp_path):
    path = tmp_path / "page.pdf"
    path.write_bytes(render_pdf("pdf/base.html", {}))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode()
    assert "DejaVu-Sans" in fonts


def test_an_external_image_is_not_fetched(counting_server):
    base, hits = counting_server
    html = f'<p>Søren på værkstedet</p><img src="{base}/spy.png">'
    HTML(string=html, url_fetcher=URLFetcher()).write_pdf()
    assert hits == ["/spy.png"]  # the server is reachable: without our fetcher it would be asked
    text = pdf_text(html_to_pdf(html))
    assert hits == ["/spy.png"]
    assert "Søren på værkstedet" in text


def test_the_fetcher_serves_our_static_files():
    response = StaticOnlyFetcher().fetch(INTERNAL_BASE_URL + "static/kui/kui.css")
    assert response.read() == Path(settings.BASE_DIR, "static/kui/kui.css").read_bytes()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/logo.png",
        "https://kui.invalid/media/upload.pdf",
        "https://kui.invalid/static/../kui/settings.py",
        "https://kui.invalid/static/%2e%2e/kui/settings.py",
        "https://kui.invalid/static/kui/missing.css",
        "http://kui.invalid/static/kui/kui.css",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    with pytest.raises(BlockedURL):
        StaticOnlyFetcher().fetch(url)


def test_css_strings_cannot_break_out_of_the_style_element():
    assert css_string('a "b" </style>\\') == '"a \\"b\\" \\3C /style>\\\\"'
