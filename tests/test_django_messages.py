"""Django's own messages read cleanly in Vietnamese: our catalogue replaces the awkward ones."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import translation


def messages_of(validator, value) -> list[str]:
    with translation.override("vi"):
        with pytest.raises(ValidationError) as error:
            validator(value)
        return [str(message) for message in error.value.messages]


def test_a_negative_quantity_is_refused_without_a_stray_space():
    assert messages_of(MinValueValidator(0), -1) == ["Giá trị phải lớn hơn hoặc bằng 0."]


def test_too_large_a_value_is_refused_without_a_stray_space():
    assert messages_of(MaxValueValidator(100), 101) == ["Giá trị phải nhỏ hơn hoặc bằng 100."]


def test_a_date_that_is_not_one_says_the_format_in_both_languages():
    field = forms.DateField()
    for language, expected in (
        ("vi", "Ngày chưa đúng: hãy viết theo dạng dd/mm/yyyy, ví dụ 25/06/2025."),
        ("en", "Enter the date as dd/mm/yyyy, for example 25/06/2025."),
    ):
        with translation.override(language):
            with pytest.raises(ValidationError) as error:
                field.clean("31/02/2025")
            assert [str(message) for message in error.value.messages] == [expected]
