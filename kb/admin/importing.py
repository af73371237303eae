"""The admin's "Import interview" page: paste, upload or give an address; preview and
correct, then confirm. A document with several interviews lists them first: the editor
corrects and imports one, or imports each as its own draft.

Nothing is saved before the editor confirms. Uploads stay in memory: the page replaces Django's
upload handlers (which write large files to a temporary file) with one that keeps at most
20 MB in memory and drops anything larger.
"""

import io

from django.contrib import admin, messages
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from kb.admin.import_forms import (
    FILE_TOO_LARGE,
    MAX_QUESTIONS,
    DraftForm,
    PeopleFormSet,
    QuestionAnswerFormSet,
    SourceForm,
    initial_pairs,
    initial_people,
    interviews_as_json,
    interviews_from_json,
)
from kb.domain.models import CaseStudy
from kb.importer.drafts import (
    DuplicateInterview,
    create_draft,
    find_duplicate,
    new_names,
)
from kb.importer.reading import MAX_BYTES, MAX_SIZE_LABEL, ImportProblem
from kb.importer.vocabulary import database_vocabulary

PERMISSION = "kb.add_casestudy"
LIST_EXPIRED = "The list of interviews was not received; please import the document again."
PASTE_TOO_LONG = "The pasted text is too long for this form; save it as a file and upload it."
# One file and the form's few fields: anything longer is refused before it is read.
MAX_REQUEST_BYTES = MAX_BYTES + 1024 * 1024
REQUEST_TOO_LARGE = (
    f"What was sent is larger than {MAX_SIZE_LABEL} in all; it was not read. "
    "Upload one interview file at a time."
)
TOO_MANY_FILES = "Upload one interview file at a time; the others were not read."
TOO_MANY_FIELDS = "The form sent too many fields to be read. Start again with the interview."


class MemoryUploadHandler(FileUploadHandler):
    """Keeps an upload in memory; a file over the limit is skipped and remembered."""

    def __init__(self, request=None, limit=MAX_BYTES):
        super().__init__(request)
        self.limit = limit  # for all files of the request together
        self.received = 0
        self.files = 0
        self.too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files += 1
        if self.files > 1:  # the page uploads one file; more are not kept in memory
            raise SkipFile()
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise SkipFile()
        self.buffer.write(raw_data)

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


@csrf_exempt
def import_interview_view(request):
    # The CSRF check reads the request body, so it must run after the upload handler is set:
    # the view is exempt from the middleware's check and protects itself below.
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    upload_handler = MemoryUploadHandler(request)
    request.upload_handlers = [upload_handler]
    if request.method == "POST":
        if content_length(request) > MAX_REQUEST_BYTES:
            return refuse(request, REQUEST_TOO_LARGE)
        try:
            request.POST  # noqa: B018 - reads the body here, where "too big" can be answered
        except RequestDataTooBig:
            return refuse(request, PASTE_TOO_LONG)
        except TooManyFilesSent:
            return refuse(request, TOO_MANY_FILES)
        except TooManyFieldsSent:
            return refuse(request, TOO_MANY_FIELDS)
        if upload_handler.files > 1:
            return refuse(request, TOO_MANY_FILES)
    return protected_import_view(request, upload_handler)


def content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def refuse(request, problem):
    """The source form again, saying why nothing was read."""
    return show_source_form(request, SourceForm(data={}, problem=problem))


@csrf_protect
def protected_import_view(request, upload_handler):
    if request.method != "POST":
        return show_source_form(request, SourceForm())
    steps = {"create": create_step, "chosen": chosen_step, "create_each": create_each_step}
    if step := steps.get(request.POST.get("step")):
        return step(request)
    return preview_step(request, upload_handler)


def preview_step(request, upload_handler):
    form = SourceForm(
        request.POST,
        request.FILES,
        vocabulary=database_vocabulary(),
        problem=FILE_TOO_LARGE if upload_handler.too_large else "",
    )
    if not form.is_valid():
        return show_source_form(request, form)
    if len(form.interviews) > 1:
        return show_choice(request, form.interviews)
    if existing := find_duplicate(form.interview):
        form.add_error(None, duplicate_message(DuplicateInterview(existing)))
        return show_source_form(request, form)
    return preview_of(request, form.interview, left_out=form.questions_left_out)


def preview_of(request, interview, left_out=0):
    draft_form = DraftForm(initial=DraftForm.initial_from(interview))
    qa_formset = QuestionAnswerFormSet(prefix="qa", initial=initial_pairs(interview))
    people_formset = PeopleFormSet(prefix="people", initial=initial_people(interview))
    return show_preview(request, draft_form, qa_formset, people_formset, left_out=left_out)


def chosen_step(request):
    """One interview of several, chosen from the list, to correct before it is imported."""
    interviews = interviews_from_json(request.POST.get("interviews", ""))
    number = request.POST.get("number", "")
    if not interviews or not number.isdigit() or int(number) >= len(interviews):
        return show_source_form(request, SourceForm(data={}, problem=LIST_EXPIRED))
    return preview_of(request, interviews[int(number)])


def create_each_step(request):
    """Each interview of the list as its own draft; those imported before are named."""
    interviews = interviews_from_json(request.POST.get("interviews", ""))
    if not interviews:
        return show_source_form(request, SourceForm(data={}, problem=LIST_EXPIRED))
    vocabulary = database_vocabulary()
    for interview in interviews:
        if refusals := names_the_user_may_not_add(request.user, interview):
            for refusal in refusals:
                messages.error(request, f"\u201c{interview.title}\u201d: {refusal}")
            continue
        try:
            case_study = create_draft(interview, user=request.user, vocabulary=vocabulary)
        except ImportProblem as problem:
            messages.error(request, f"\u201c{interview.title}\u201d: {problem.message}")
            continue
        messages.success(request, f"The draft \u201c{case_study.title}\u201d was created.")
    return redirect("admin:kb_casestudy_changelist")


def create_step(request):
    draft_form = DraftForm(request.POST)
    qa_formset = QuestionAnswerFormSet(request.POST, prefix="qa")
    people_formset = PeopleFormSet(request.POST, prefix="people")
    forms_valid = [draft_form.is_valid(), qa_formset.is_valid(), people_formset.is_valid()]
    if not all(forms_valid):
        return show_preview(request, draft_form, qa_formset, people_formset)
    interview = draft_form.interview(qa_formset, people_formset)
    if refusals := names_the_user_may_not_add(request.user, interview):
        for refusal in refusals:
            draft_form.add_error(None, refusal)
        return show_preview(request, draft_form, qa_formset, people_formset)
    try:
        case_study = create_draft(interview, user=request.user, vocabulary=database_vocabulary())
    except DuplicateInterview as duplicate:
        draft_form.add_error(None, duplicate_message(duplicate))
        return show_preview(request, draft_form, qa_formset, people_formset)
    except ImportProblem as problem:
        draft_form.add_error(None, problem.message)
        return show_preview(request, draft_form, qa_formset, people_formset)
    messages.success(
        request,
        f"The draft \u201c{case_study.title}\u201d was created from the interview. "
        "Review it, then publish it.",
    )
    return redirect("admin:kb_casestudy_change", case_study.pk)


def names_the_user_may_not_add(user, interview):
    """Messages for new organizations, industries or platforms the user may not create."""
    refusals = []
    for model, names in new_names(interview).items():
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            refusals.append(
                f"You may not add a new {opts.verbose_name} ({', '.join(names)}). "
                f"Choose an existing one or ask an administrator to add it."
            )
    return refusals


def duplicate_message(duplicate):
    url = reverse("admin:kb_casestudy_change", args=[duplicate.existing.pk])
    return format_html('{} <a href="{}">Open the existing entry</a>.', duplicate.message, url)


def show_source_form(request, form):
    return render(request, "admin/kb/import_interview.html", {"form": form})


def show_preview(request, draft_form, qa_formset, people_formset, left_out=0):
    return render(
        request,
        "admin/kb/import_interview_preview.html",
        {
            "form": draft_form,
            "qa_formset": qa_formset,
            "people_formset": people_formset,
            "questions_left_out": left_out,
            "max_questions": MAX_QUESTIONS,
        },
    )


def show_choice(request, interviews):
    return render(
        request,
        "admin/kb/import_interview_choose.html",
        {"interviews": interviews, "interviews_json": interviews_as_json(interviews)},
    )


def render(request, template, context):
    opts = CaseStudy._meta
    return TemplateResponse(
        request,
        template,
        {
            **admin.site.each_context(request),
            "opts": opts,
            "title": "Import interview",
            "has_view_permission": request.user.has_perm("kb.view_casestudy"),
            **context,
        },
    )
