import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from kb.domain.editors import EDITORS_GROUP


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with no stored pages: tests roll the database back, which can bring an
    earlier state of the knowledge base back too."""
    cache.clear()
    yield


@pytest.fixture
def editor(django_user_model):
    """A marketing editor: staff, in the Editors group, not a superuser."""
    user = django_user_model.objects.create_user(
        "edith", password="a-long-editor-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def visitor():
    """An anonymous visitor, separate from any logged-in client."""
    return Client()
