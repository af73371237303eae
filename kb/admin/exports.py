"""The case-study list's export actions answer with a file to download (kb.exchange writes it)."""

from django.http import HttpResponse
from django.utils import timezone

from kb import exchange


def attachment(response, name, extension):
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{extension}"'
    return response


def csv_response(case_studies):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    exchange.write_csv(case_studies, response)
    return attachment(response, "case-studies", "csv")


def json_response(case_studies):
    response = HttpResponse(exchange.export_json(case_studies), content_type="application/json")
    return attachment(response, "case-studies", "json")
