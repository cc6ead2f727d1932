"""Nothing a person can send to a form gives a 500: random values to every create and edit form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.demo import demo_fixture, record_types

pytestmark = pytest.mark.django_db

demo = demo_fixture()

FORM_KINDS = [kind for kind in record_types() if kind.form is not None]

values = st.one_of(
    st.just(""),
    st.text(max_size=120),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1", "2", "999999", "-1", "0", "on", "true", "null", "2025-02-30"]),
)
files = st.one_of(
    st.binary(max_size=64).map(lambda b: SimpleUploadedFile("scan.pdf", b)),
    st.binary(max_size=64).map(lambda b: SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b)),
)


def payload(kind, user):
    form = kind.form(user=user)
    fields = {}
    for name, field in form.fields.items():
        model_field = next((f for f in kind.model._meta.get_fields() if f.name == name), None)
        if isinstance(model_field, models.FileField):
            fields[name] = files
        elif (
            getattr(field, "queryset", None) is not None
            and model_field
            and model_field.many_to_many
        ):
            fields[name] = st.lists(values, max_size=3)
        else:
            fields[name] = values
    return st.fixed_dictionaries(fields)


@pytest.mark.parametrize("kind", FORM_KINDS, ids=lambda kind: kind.name)
def test_random_input_to_a_create_or_edit_form_never_gives_a_500(client, demo, kind):
    user = demo["staff-bp"]
    client.force_login(user)
    record = kind.model.objects.editable_by(user).order_by("pk").first()
    urls = [reverse(kind.url_name("create"))]
    if record is not None:
        urls.append(reverse(kind.url_name("update"), args=[record.pk]))

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=payload(kind, user), which=st.sampled_from(urls))
    def post(data, which):
        response = client.post(which, data)
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert "Chưa lưu được" in response.content.decode()

    post()
