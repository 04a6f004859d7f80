"""Evidence files: safe names, accepted kinds by content, size cap."""

from __future__ import annotations

import pytest

from ingest.evidence import EvidenceProblem, check_evidence, safe_name
from tests.ingest_files import pdf


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\\\Users\\\\rina\\\\Notulen Rembuk 2025.PDF", "Notulen_Rembuk_2025.pdf"),
        ("..\\\\..\\\\x.png", "x.png"),
        ("<script>alert(1)</script>.jpg", "script_.jpg"),  # "/" is a folder separator
        ("Peraturan Wali Kota №4 – final.docx", "Peraturan_Wali_Kota_No4_final.docx"),
        (".hidden", "hidden"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
    ],
)
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_accepted_by_content_not_only_by_name():
    ok = check_evidence("notulen.pdf", pdf(), 1024)
    assert ok.nama_berkas == "notulen.pdf" and len(ok.sha256) == 64
    with pytest.raises(EvidenceProblem, match="tidak sesuai dengan ekstensi .pdf"):
        check_evidence("virus.pdf", b"MZ\x90\x00", 1024)
    with pytest.raises(EvidenceProblem, match="jenis berkas tidak diterima"):
        check_evidence("skrip.exe", b"MZ", 1024)
    with pytest.raises(EvidenceProblem, match="melebihi batas"):
        check_evidence("besar.png", b"\x89PNG" + b"0" * 2048, 1024)
