"""GDPR pages: "Mes données" in Mon espace (download as JSON or readable HTML, erasure), and the
public register of the processing activities."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nec.accounts import personal_data
from nec.community.forms import EraseForm
from nec.community.processing import PROCESSING_ACTIVITIES


@login_required
def my_data(request):
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        personal_data.erase_all(request.user.email, actor=request.user)
        logout(request)
        messages.success(
            request,
            _(
                "Vos inscriptions ont été anonymisées, vos coordonnées de contact effacées et "
                "votre compte fermé."
            ),
        )
        return redirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "community/my_data.html", {"form": form}, status=status)


@login_required
def my_data_download(request, fmt):
    data = personal_data.export_all(request.user.email)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="mes-donnees-nec.json"'
        return response
    return render(request, "community/my_data_export.html", {"sections": data})


def processing_register(request):
    return render(
        request, "community/processing_register.html", {"activities": PROCESSING_ACTIVITIES}
    )
