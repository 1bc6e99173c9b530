"""A small English -> Vietnamese glossary of the news domain (cadre work, Party bodies).

Dense retrieval already bridges the two languages; this glossary helps where exact words
matter: scoring which number in a sentence the question is about ("rotate" ->
"luân chuyển"). (Counting nouns and their English names are in :mod:`qa.units`.)
Entries are lower-case; Vietnamese sides are folded (no diacritics) for matching.
"""

from __future__ import annotations

import re

_EN_TO_VI: dict[str, tuple[str, ...]] = {
    "cadre": ("can bo",), "cadres": ("can bo",), "official": ("can bo", "cong chuc"), "officials": ("can bo", "cong chuc"),
    "civil servants": ("cong chuc", "vien chuc"), "rotate": ("luan chuyen",), "rotated": ("luan chuyen",),
    "rotation": ("luan chuyen",), "rotations": ("luan chuyen",), "transfer": ("dieu dong", "dieu chuyen"),
    "transferred": ("dieu dong", "dieu chuyen"), "appoint": ("bo nhiem", "de bat"), "appointed": ("bo nhiem", "de bat"),
    "appointments": ("bo nhiem",), "promoted": ("de bat",), "secretary": ("bi thu",), "deputy": ("pho",),
    "chairman": ("chu tich",), "chair": ("chu tich",), "head": ("truong ban", "truong"), "chief": ("truong",),
    "party committee": ("thanh uy", "dang uy", "tinh uy", "ban chap hanh"),
    "city party committee": ("thanh uy",), "municipal party committee": ("thanh uy",),
    "provincial party committee": ("tinh uy",), "party central committee": ("ban chap hanh trung uong",), "committee": ("ban", "uy ban"),
    "people's committee": ("ubnd", "uy ban nhan dan"), "politburo": ("bo chinh tri",),
    "organization board": ("ban to chuc",), "organisation board": ("ban to chuc",), "organization": ("to chuc",),
    "standing committee": ("ban thuong vu", "btv"), "department of home affairs": ("so noi vu",),
    "home affairs": ("noi vu",), "plan": ("ke hoach",), "decision": ("quyet dinh",), "resolution": ("nghi quyet",),
    "project": ("de an",), "regulation": ("quy dinh",), "issued": ("ban hanh",), "issue": ("ban hanh",),
    "replaced": ("thay the",), "replace": ("thay the",), "replaces": ("thay the",), "nominees": ("gioi thieu ung cu",),
    "nominated": ("gioi thieu",), "candidates": ("ung cu",), "re election": ("tai cu",), "reelection": ("tai cu",),
    "first time": ("lan dau",), "elected": ("bau",), "targets": ("chi tieu",), "target": ("chi tieu",),
    "goals": ("chi tieu", "muc tieu"), "met": ("dat",), "meet": ("dat",), "exceeded": ("vuot",), "sent": ("cu",),
    "training": ("dao tao", "boi duong"), "trained": ("dao tao", "boi duong"), "course": ("lop",), "class": ("lop",),
    "political theory": ("ly luan chinh tri",), "advanced": ("cao cap",), "intermediate": ("trung cap",),
    "removed": ("dua ra khoi",), "planning": ("quy hoach",), "added": ("bo sung",), "comrades": ("dong chi",),
    "members": ("uy vien", "dong chi"), "people": ("nguoi", "dong chi"), "dossiers": ("ho so",), "files": ("ho so",),
    "congress": ("dai hoi",), "term": ("nhiem ky", "khoa"), "share": ("ty le", "%"), "percentage": ("ty le", "%"),
    "percent": ("%",), "proportion": ("ty le",), "postgraduate": ("sau dai hoc",), "monthly": ("hang thang",),
    "evaluation": ("danh gia",), "assess": ("danh gia",), "assessment": ("danh gia",), "scoring": ("cham diem",),
    "talent": ("nhan tai",), "foreign languages": ("ngoai ngu",), "regulations": ("quy che", "quy dinh"),
    "conference": ("hoi nghi",), "city": ("thanh pho", "tp"), "commune": ("xa",), "province": ("tinh",),
    "cases": ("truong hop",), "leaders": ("lanh dao",), "leadership": ("lanh dao",), "skills": ("ky nang",),
    "abroad": ("nuoc ngoai",), "age": ("do tuoi",), "women": ("nu",), "sources": ("nguon",),
    "standing": ("thuong truc",), "standing for": ("ung cu",), "standing deputy secretary": ("pho bi thu thuong truc",),
    "deputy secretary": ("pho bi thu",), "inspection": ("kiem tra",), "team": ("doan",), "delegation": ("doan",),
    "work with": ("lam viec",), "worked with": ("lam viec",), "dossier": ("ho so",), "personnel": ("nhan su",),
    "document categories": ("danh muc tai lieu",), "categories": ("danh muc",), "contain": ("gom",),
    "rules": ("quy dinh",), "evaluating": ("danh gia",), "evaluate": ("danh gia",), "managed": ("quan ly",),
    "classes": ("lop",), "introduced": ("gioi thieu",), "exceed": ("vuot",),
    "reappointments": ("bo nhiem lai",), "age groups": ("do tuoi",),
    "renewing": ("doi moi",), "reform": ("doi moi",), "government": ("chinh phu",),
    "recruit": ("thu hut",), "attract": ("thu hut",), "chairs": ("chu tich",), "heads": ("truong ban",),
}

_BY_LENGTH = sorted(_EN_TO_VI, key=len, reverse=True)


def expand_english(folded_question: str) -> list[str]:
    """Folded Vietnamese terms for the English words and phrases in ``folded_question``.

    Longest phrases win: "city party committee" yields "thanh uy" only, not also the
    "dang uy" of the shorter "party committee".
    """
    text = " " + " ".join(re.sub(r"[?,.;:!'’]|(?<=[a-z])-(?=[a-z])", " ", folded_question).split()) + " "
    terms: list[str] = []
    for en in _BY_LENGTH:
        needle = f" {en} "
        if needle in text:
            terms.extend(_EN_TO_VI[en])
            text = text.replace(needle, " | ")
    return terms
