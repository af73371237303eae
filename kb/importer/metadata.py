"""What a document says about itself: front matter keys, an HTML page's head, dates in
bylines and datelines, a page title without its site name."""

import datetime
import re

from .blocks import Metadata, fold_whitespace

TITLE_KEYS = ("title", "headline", "name")
DATE_KEYS = ("date", "published", "pubdate", "publishdate", "publish_date", "created")
URL_KEYS = (
    "canonical_url",
    "canonical",
    "canonicalurl",
    "source_url",
    "original_url",
    "url",
    "link",
)
AUTHOR_KEYS = ("author", "authors", "interviewer", "by")
ORGANIZATION_KEYS = ("organization", "organisation", "company", "client", "customer", "org")
INTERVIEWEE_KEYS = ("interviewee", "interviewees", "guest", "guests", "speaker", "speakers")
TAG_KEYS = ("tags", "keywords", "categories")
SITE_SEPARATORS = re.compile(r"\s+(?:\||\u2013|\u2014|-|::|\u00b7|\u2022|\u00bb)\s+")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def metadata_from_front_matter(data):
    data = {str(key).lower(): value for key, value in data.items()}
    return Metadata(
        title=first_text(data, TITLE_KEYS),
        date=date_in(first_value(data, DATE_KEYS)),
        source_url=first_url(data),
        author=", ".join(names_of(first_value(data, AUTHOR_KEYS))),
        organization=first_text(data, ORGANIZATION_KEYS),
        interviewees=names_of(first_value(data, INTERVIEWEE_KEYS)),
        tags=names_of(first_value(data, TAG_KEYS)),
    )


def first_value(data, keys):
    return next((data[key] for key in keys if data.get(key)), None)


def first_text(data, keys):
    value = first_value(data, keys)
    if isinstance(value, dict):
        value = value.get("name") or ""
    return fold_whitespace(str(value)) if isinstance(value, str | int | float) else ""


def first_url(data):
    for key in URL_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip().startswith(("http://", "https://")):
            return value.strip()
    return ""


def names_of(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in (fold_whitespace(p) for p in re.split(r"[,;]", value)) if part]
    if isinstance(value, dict):
        return names_of(value.get("name"))
    if isinstance(value, list | tuple):
        return [name for item in value for name in names_of(item)]
    return []


def date_in(value):
    """An ISO date (YYYY-MM-DD) from a date, a datetime or a text that holds one."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if not isinstance(value, str):
        return ""
    return date_in_text(value)


def date_in_text(text):
    text = text[:300]
    if match := ISO_DATE.search(text):
        return valid_date(*map(int, match.groups()))
    if match := MONTH_DAY_YEAR.search(text):
        month = MONTHS.get(match.group(1).lower())
        if month:
            return valid_date(int(match.group(3)), month, int(match.group(2)))
    if match := DAY_MONTH_YEAR.search(text):
        month = MONTHS.get(match.group(2).lower())
        if month:
            return valid_date(int(match.group(3)), month, int(match.group(1)))
    return ""


def valid_date(year, month, day):
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


def without_site_name(title, site_name=""):
    """ "Q&A with Northwind | Example Blog" without " | Example Blog"."""
    parts = SITE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site_name and fold_whitespace(parts[-1]).lower() == site_name.lower():
        return (
            SITE_SEPARATORS.split(title)[0]
            if len(parts) == 2
            else title.rsplit(parts[-1], 1)[0].rstrip(" |-\u2013\u2014:")
        )
    last = parts[-1]
    if len(last.split()) <= 4 and len(last) < len(title) - len(last):
        return title[: title.rfind(last)].rstrip(" |-\u2013\u2014:\u00b7\u2022\u00bb")
    return title
