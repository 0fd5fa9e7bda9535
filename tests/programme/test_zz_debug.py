import re
from django.core import mail
from tests.programme.test_cfp import *  # noqa
from tests.programme.test_cfp import _link


def test_dbg(client, edition, catalogue):
    open_call(edition)
    r = client.post(url(edition), form_data(catalogue))
    print("submit", r.status_code, r.get("Location"))
    print([m.to for m in mail.outbox])
    link = _link(next(m for m in mail.outbox if m.to == ["camille.martin@example.org"]))
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    print(response.status_code, response.get("Location"))
    page = client.get(response["Location"])
    print(page.status_code, page.get("Location"), page.content[:300])
    assert 0
