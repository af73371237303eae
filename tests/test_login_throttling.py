"""Defect 5: behind a proxy, one client's wrong passwords lock out that client, not everyone."""

import pytest
from django.test import Client, override_settings

from kb.settings import client_address_settings

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"
PROXY = "10.0.0.2"


def attempt(client, password, forwarded_for=None):
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(LOGIN, {"username": "edith", "password": password}, **headers)


def lock_out(client, forwarded_for):
    for _ in range(5):
        attempt(client, "wrong", forwarded_for)
    assert attempt(client, "a-long-editor-password", forwarded_for).status_code == 429


@override_settings(**client_address_settings(behind_proxy=True))
@pytest.mark.parametrize(
    ("attacker", "colleague"),
    [
        ("81.2.69.160", "77.88.55.60"),  # a proxy that overwrites X-Forwarded-For
        ("31.13.72.36, 81.2.69.160", "77.88.55.60"),  # one that appends to what the client sent
    ],
)
def test_behind_a_proxy_one_clients_failures_do_not_lock_out_another(editor, attacker, colleague):
    lock_out(Client(), attacker)
    response = attempt(Client(), "a-long-editor-password", colleague)
    assert response.status_code == 302, "the colleague must be able to log in"


@override_settings(**client_address_settings(behind_proxy=True))
def test_behind_a_proxy_a_forged_header_does_not_escape_the_lock(editor):
    lock_out(Client(), "81.2.69.160")
    assert (
        attempt(Client(), "a-long-editor-password", "31.13.72.36, 81.2.69.160").status_code == 429
    )


@override_settings(**client_address_settings(behind_proxy=False))
def test_without_a_proxy_the_header_is_ignored(editor):
    lock_out(Client(), "81.2.69.160")
    assert attempt(Client(), "a-long-editor-password", "77.88.55.60").status_code == 429
