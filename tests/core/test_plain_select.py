"""The plain <select> draws what Django's template-drawn one draws: the chosen option
selected, labels escaped, and ids never localized (1664, not 1.664)."""

from django import forms
from django.utils import translation

from tttt.core.forms import PlainSelect


def test_plain_select_matches_django_and_never_localizes_an_id(settings):
    settings.USE_THOUSAND_SEPARATOR = True
    choices = [("", "---------"), (1664, "Xã <Trung Chính>"), (7311, "Phường Võ Cường")]
    with translation.override("vi"):
        html = PlainSelect(choices=choices).render("unit", 7311, attrs={"id": "id_unit"})
        django = forms.Select(choices=choices).render("unit", 7311, attrs={"id": "id_unit"})
    assert html.startswith('<select name="unit" id="id_unit">')
    assert '<option value="1664">Xã &lt;Trung Chính&gt;</option>' in html
    assert '<option value="7311" selected>Phường Võ Cường</option>' in html
    assert "1.664" not in html and html.count("<option") == django.count("<option") == 3
