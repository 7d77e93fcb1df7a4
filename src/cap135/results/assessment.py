"""What the BÁO CÁO says beyond its figures: Đánh giá chung and Đề xuất, kiến nghị.

A results file carries them as `assessment: {achievements, shortcomings, recommendations}`,
each a list of paragraphs the officer writes. `cap135 init --results` offers them as
placeholders with guidance; until each section holds a paragraph of its own, the report is a
draft: `assessment_gaps` lists what is missing, each at its place in the file, and the final
`report -o x.docx` stops on them (exit 1) while `--draft` renders.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from cap135.findings import Finding, error, warning
from cap135.plan.model import Text
from cap135.plan.placeholders import find_placeholders

# The sections in the order of the BÁO CÁO, each with the heading it is printed under.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("achievements", "Kết quả đạt được"),
    ("shortcomings", "Tồn tại, hạn chế và nguyên nhân"),
    ("recommendations", "Đề xuất, kiến nghị"),
)


class Assessment(BaseModel):
    """Đánh giá chung và kiến nghị của báo cáo: mỗi mục là danh sách các đoạn văn."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    achievements: list[Text] = Field(
        default_factory=list, description="Kết quả đạt được (mỗi phần tử một đoạn văn)"
    )
    shortcomings: list[Text] = Field(
        default_factory=list, description="Tồn tại, hạn chế và nguyên nhân (mỗi phần tử một đoạn văn)"
    )
    recommendations: list[Text] = Field(
        default_factory=list, description="Đề xuất, kiến nghị (mỗi phần tử một đoạn văn)"
    )


# What `init --results` writes in each section: a placeholder and what to write there.
STARTER: dict[str, tuple[str, str]] = {
    "achievements": (
        "[Kết quả đạt được]",
        "đúng đối tượng, nội dung thiết thực; học viên nắm được và vận dụng được gì",
    ),
    "shortcomings": (
        "[Tồn tại, hạn chế và nguyên nhân]",
        "lớp, đoàn chưa tổ chức hoặc ít học viên, và vì sao (thời tiết, kinh phí giao muộn…)",
    ),
    "recommendations": (
        "[Đề xuất, kiến nghị]",
        "gửi cấp trên về thời điểm giao kinh phí, nội dung và đối tượng của năm sau…",
    ),
}


def _placeholders(assessment: Assessment | None) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if assessment is None:
        return
    for section, _ in SECTIONS:
        for index, text in enumerate(getattr(assessment, section)):
            for found in find_placeholders(text):
                yield ("assessment", section, index), found


def placeholder_warnings(assessment: Assessment | None) -> tuple[Finding, ...]:
    """A starter placeholder left in the assessment: a warning of `validate`, as in a plan."""
    return tuple(
        warning("results-placeholder-left", path, text=text) for path, text in _placeholders(assessment)
    )


def assessment_gaps(assessment: Assessment | None) -> tuple[Finding, ...]:
    """What stops the final BÁO CÁO: a missing assessment, an empty section, a placeholder left."""
    if assessment is None:
        sections = "; ".join(heading.lower() for _, heading in SECTIONS)
        return (error("report-assessment-missing", (), sections=sections),)
    found: list[Finding] = []
    for section, heading in SECTIONS:
        if not getattr(assessment, section):
            path = ("assessment", section) if section in assessment.model_fields_set else ("assessment",)
            found.append(error("report-section-missing", path, key=section, section=heading.lower()))
    found.extend(
        error("report-placeholder-left", path, text=text) for path, text in _placeholders(assessment)
    )
    return tuple(found)
