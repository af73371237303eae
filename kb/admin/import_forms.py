"""The admin import page's forms: the source (pasted, uploaded or at a web address) and the
editable preview."""

import json
from dataclasses import asdict, replace

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from kb.admin.markdown_widget import MarkdownTextarea
from kb.domain.tags import validate_tag_names
from kb.importer.budget import within_budget
from kb.importer.fetch import fetch
from kb.importer.parse import ParsedInterview, parse_interviews
from kb.importer.people import INTERVIEWEE, INTERVIEWER, QUOTED, Person
from kb.importer.reading import MAX_SIZE_LABEL, ImportProblem, read_text

ALLOWED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
FILE_TOO_LARGE = f"The file is larger than {MAX_SIZE_LABEL}; it was not imported."
ONE_PER_LINE = "One per line."
WIDE = {"class": "vLargeTextField"}
COMMA_SEPARATED = "Separated by commas."
# Questions a preview shows and a draft takes; the rest are left out, and the preview says so.
MAX_QUESTIONS = 1000


class SourceForm(forms.Form):
    text = forms.CharField(
        label="Paste the interview",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text="Plain text, Markdown or HTML.",
    )
    file = forms.FileField(
        label="or upload a file",
        required=False,
        help_text=f"A .txt, .md or .html file of at most {MAX_SIZE_LABEL}.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
    )
    url = forms.URLField(
        label="or a web address",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=f"An http or https page of at most {MAX_SIZE_LABEL}.",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
    )

    def __init__(self, *args, vocabulary=None, problem="", **kwargs):
        """`problem`: a reason, found before the form saw the request, to refuse it."""
        super().__init__(*args, **kwargs)
        self.vocabulary = vocabulary
        self.problem = problem
        self.interview = None
        self.interviews = []

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise ValidationError("Upload a .txt, .md or .html file.")
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.problem:
            raise ValidationError(self.problem)
        if self.errors:
            return cleaned
        upload, text, url = cleaned.get("file"), cleaned.get("text") or "", cleaned.get("url")
        given = sum(1 for source in (upload, text.strip(), url) if source)
        if given > 1:
            raise ValidationError("Paste a text, upload a file or give an address: one of them.")
        if not given:
            raise ValidationError("Paste the interview, choose a file or give its address.")
        try:
            interviews = self.read(upload, text, url)
        except ImportProblem as problem:
            raise ValidationError(problem.message) from None
        cut = [at_most_questions(interview, MAX_QUESTIONS) for interview in interviews]
        self.interviews = [interview for interview, _ in cut]
        self.interview = self.interviews[0]
        self.questions_left_out = cut[0][1]
        return cleaned

    def read(self, upload, text, url):
        if url:
            fetched = fetch(url, allowed_hosts=settings.IMPORTER_ALLOWED_HOSTS)
            content, filename = read_text(fetched.data), fetched.filename
        elif upload:
            content, filename = read_text(upload.read()), upload.name
        else:
            content, filename = read_text(text.encode("utf-8")), ""
        interviews = within_budget(
            parse_interviews,
            content,
            filename=filename,
            vocabulary=self.vocabulary,
            seconds=settings.IMPORT_TIME_BUDGET,
        )
        for interview in interviews:
            interview.source_url = interview.source_url or (fetched.url if url else "")
        return interviews


def at_most_questions(interview, limit):
    """The interview with its first `limit` questions, and how many were left out."""
    if len(interview.qa) <= limit:
        return interview, 0
    return replace(interview, qa=interview.qa[:limit]), len(interview.qa) - limit


class DraftForm(forms.Form):
    """Everything the importer recognised, for the editor to correct before the draft exists."""

    title = forms.CharField(max_length=200, widget=forms.TextInput(attrs=WIDE))
    organization = forms.CharField(
        max_length=120,
        help_text="An existing organization of this name is reused.",
        widget=forms.TextInput(attrs=WIDE),
    )
    introduction = forms.CharField(
        required=False, widget=MarkdownTextarea(attrs={"rows": 5, "cols": 100})
    )
    summary = forms.CharField(
        required=False, max_length=400, widget=forms.Textarea(attrs={"rows": 3, "cols": 100})
    )
    benefits = forms.CharField(
        required=False,
        help_text=ONE_PER_LINE,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 100}),
    )
    challenges = forms.CharField(
        required=False,
        help_text=ONE_PER_LINE,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 100}),
    )
    industry = forms.CharField(
        required=False,
        max_length=120,
        help_text="An existing industry of this name is reused.",
        widget=forms.TextInput(attrs=WIDE),
    )
    platforms = forms.CharField(
        required=False, help_text=COMMA_SEPARATED, widget=forms.TextInput(attrs=WIDE)
    )
    tags = forms.CharField(
        required=False, help_text=COMMA_SEPARATED, widget=forms.TextInput(attrs=WIDE)
    )
    source_url = forms.URLField(
        label="Source link",
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"class": "vURLField"}),
    )
    source_date = forms.DateField(
        label="Originally published", required=False, help_text="YYYY-MM-DD"
    )

    def clean_tags(self):
        validate_tag_names(comma_separated(self.cleaned_data["tags"]))
        return self.cleaned_data["tags"]

    def clean_platforms(self):
        names = comma_separated(self.cleaned_data["platforms"])
        if too_long := [name for name in names if len(name) > 120]:
            raise ValidationError(
                "A platform's name can be at most 120 characters; "
                f"\u201c{too_long[0][:40]}\u2026\u201d is longer."
            )
        return self.cleaned_data["platforms"]

    @classmethod
    def initial_from(cls, interview):
        return {
            "title": interview.title,
            "organization": interview.organization,
            "introduction": interview.introduction,
            "summary": interview.summary[:400],
            "benefits": "\n".join(interview.benefits),
            "challenges": "\n".join(interview.challenges),
            "industry": interview.industry,
            "platforms": ", ".join(interview.platforms),
            "tags": ", ".join(interview.tags),
            "source_url": interview.source_url,
            "source_date": interview.source_date,
        }

    def interview(self, qa_formset, people_formset):
        data = self.cleaned_data
        return ParsedInterview(
            title=data["title"].strip(),
            organization=data["organization"].strip(),
            introduction=data["introduction"].strip(),
            summary=data["summary"].strip(),
            qa=qa_formset.pairs(),
            benefits=lines_of(data["benefits"]),
            challenges=lines_of(data["challenges"]),
            industry=data["industry"].strip(),
            platforms=comma_separated(data["platforms"]),
            tags=comma_separated(data["tags"]),
            source_url=data["source_url"],
            source_date=data["source_date"].isoformat() if data["source_date"] else "",
            people=people_formset.people(),
        )


class QuestionAnswerForm(forms.Form):
    question = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "cols": 100}))
    answer = forms.CharField(widget=MarkdownTextarea(attrs={"rows": 5, "cols": 100}))


class BaseQuestionAnswerFormSet(forms.BaseFormSet):
    def pairs(self):
        return [
            (form.cleaned_data["question"].strip(), form.cleaned_data["answer"].strip())
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        if any(self.errors):
            return
        if not self.pairs():
            raise ValidationError("Keep at least one question and answer.")


QuestionAnswerFormSet = forms.formset_factory(
    QuestionAnswerForm,
    formset=BaseQuestionAnswerFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_QUESTIONS,
    absolute_max=MAX_QUESTIONS,
    validate_max=True,
)


def initial_pairs(interview):
    return [{"question": question, "answer": answer} for question, answer in interview.qa]


def lines_of(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def comma_separated(text):
    return list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


class PersonForm(forms.Form):
    name = forms.CharField(max_length=200, widget=forms.TextInput(attrs=WIDE))
    role = forms.CharField(
        label="Job title", max_length=200, required=False, widget=forms.TextInput(attrs=WIDE)
    )
    organization = forms.CharField(
        max_length=120,
        required=False,
        help_text="Linked when it is the case study's organization.",
        widget=forms.TextInput(attrs=WIDE),
    )
    kind = forms.ChoiceField(
        label="Part",
        choices=[(INTERVIEWEE, "Interviewed"), (INTERVIEWER, "Interviewer"), (QUOTED, "Quoted")],
        # The blank "Another person" row left as it is must count as unchanged, not as a
        # person without a name.
        initial=INTERVIEWEE,
    )


class BasePeopleFormSet(forms.BaseFormSet):
    def people(self):
        return [
            Person(
                name=form.cleaned_data["name"].strip(),
                role=form.cleaned_data["role"].strip(),
                organization=form.cleaned_data["organization"].strip(),
                kind=form.cleaned_data["kind"],
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


PeopleFormSet = forms.formset_factory(
    PersonForm, formset=BasePeopleFormSet, extra=1, can_delete=True
)


def initial_people(interview):
    return [
        {"name": p.name, "role": p.role, "organization": p.organization, "kind": p.kind}
        for p in interview.people
    ]


def interviews_as_json(interviews):
    """Several recognised interviews, carried from the list page to the next step."""
    return json.dumps([asdict(interview) for interview in interviews])


def interviews_from_json(text):
    """The interviews `interviews_as_json` wrote; [] for anything else."""
    try:
        data = json.loads(text)
        return [
            ParsedInterview(
                **{
                    **item,
                    "qa": [tuple(pair) for pair in item["qa"]],
                    "people": [Person(**person) for person in item["people"]],
                }
            )
            for item in data
        ]
    except (TypeError, ValueError, KeyError, AttributeError):
        return []
