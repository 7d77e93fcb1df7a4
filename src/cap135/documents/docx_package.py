"""The .docx package: byte-reproducible zip entries, and the checks of a template's package
(a zip within its limits, no external links)."""

import io
import zipfile

from lxml import etree

from cap135.documents.template_errors import TemplateError

MAX_TEMPLATE_UNPACKED = 256 * 2**20  # its parts once unzipped (zip bombs)
# 1980-01-01 00:00:00 is the earliest time a zip entry can carry.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _entry_order(name: str) -> tuple[int, str]:
    # [Content_Types].xml first and package relationships next, as Office writes them.
    if name == "[Content_Types].xml":
        return (0, name)
    if name.startswith("_rels/"):
        return (1, name)
    return (2, name)


def normalize_docx_zip(data: bytes) -> bytes:
    """Rewrite a .docx (zip) so that equal content gives equal bytes.

    Entries are sorted ([Content_Types].xml, _rels/, then by name), dated 1980-01-01 00:00:00,
    carry no extra fields and the same attributes, and are stored uncompressed, so the bytes do not
    depend on the zlib build either. Directory entries are dropped.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        entries = {info.filename: zin.read(info) for info in zin.infolist() if not info.is_dir()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=False) as zout:
        for name in sorted(entries, key=_entry_order):
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 0
            info.create_version = 20
            info.extract_version = 20
            info.external_attr = 0o644 << 16  # a plain file, rw-r--r--, whatever the platform
            info.extra = b""
            info.comment = b""
            zout.writestr(info, entries[name])
    return out.getvalue()


_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_WEB_SCHEMES = ("http://", "https://", "mailto:")


def check_package(data: bytes, name: str) -> None:
    """Refuse a template that is not a .docx package, a zip bomb, or one with external links.

    A relationship with ``TargetMode="External"`` makes LibreOffice fetch its target while
    converting to PDF: a linked picture ``file:///etc/passwd`` would put a local file into the
    document. Only hyperlinks to web or mail addresses (which nothing opens by itself) are kept.
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError(
            f"Template {name} is not a Word .docx file (it is not a zip package).",
            code="template-not-docx",
            template=name,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as probe:
            infos = probe.infolist()
            names = [info.filename for info in infos]
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_TEMPLATE_UNPACKED:
                raise TemplateError(
                    f"Template {name} unpacks to {unpacked // 2**20} MiB, more than the "
                    f"{MAX_TEMPLATE_UNPACKED // 2**20} MiB a Word template may hold.",
                    code="template-unpacks-too-large",
                    template=name,
                    size_mib=unpacked // 2**20,
                    limit_mib=MAX_TEMPLATE_UNPACKED // 2**20,
                )
            if "word/document.xml" not in names:
                raise TemplateError(
                    f"Template {name} is not a Word .docx file (the package has no word/document.xml).",
                    code="template-no-document",
                    template=name,
                )
            for info in infos:
                if info.filename.endswith(".rels"):
                    _check_relationships(probe.read(info), info.filename, name)
    except TemplateError:
        raise
    except Exception as exc:  # a damaged zip: BadZipFile, EOFError, ValueError, …
        raise TemplateError(
            f"Template {name} is not a readable Word .docx file ({exc.__class__.__name__}: {exc}).",
            code="template-damaged",
            template=name,
            reason=f"{exc.__class__.__name__}: {exc}",
        ) from None


def _check_relationships(xml: bytes, part: str, name: str) -> None:
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise TemplateError(
            f"Template {name}: the part {part} is not valid XML ({exc}).",
            code="template-bad-part",
            template=name,
            part=part,
        ) from None
    for rel in root.iter(_RELS_NS + "Relationship"):
        if rel.get("TargetMode") != "External":
            continue
        target = rel.get("Target", "")
        if rel.get("Type") == _HYPERLINK_TYPE and target.lower().startswith(_WEB_SCHEMES):
            continue
        raise TemplateError(
            f"Template {name} links to an outside resource ({part}: {target[:120]!r}); LibreOffice "
            "would read it into the document. Embed the picture or object in the template instead.",
            code="template-external-link",
            template=name,
            target=target[:120],
            tag="TargetMode=External",
        )
