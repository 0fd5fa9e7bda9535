"""Admin of editions, organisations, partnerships and roles (also shown on each person)."""

from django.contrib import admin

from nec.accounts.admin import UserAdmin
from nec.accounts.models import User
from nec.editions.models import (
    Edition,
    EditionFigure,
    Membership,
    Organisation,
    Partnership,
    Source,
)


class FigureInline(admin.TabularInline):
    model = EditionFigure
    extra = 0


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "year", "city", "start_date", "status"]
    list_filter = ["kind", "status", "year"]
    search_fields = ["title", "city", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [FigureInline, PartnershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "siret", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "siret"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "edition", "role"]
    list_filter = ["role", "edition"]
    autocomplete_fields = ["organisation", "edition"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "edition", "role", "organisation"]
    list_filter = ["role", "edition"]
    search_fields = ["user__email", "edition__title"]
    autocomplete_fields = ["user", "edition", "organisation"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "kind"]


@admin.register(EditionFigure)
class EditionFigureAdmin(admin.ModelAdmin):
    list_display = ["edition", "key", "label", "value", "unit", "source"]
    list_filter = ["edition", "source"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["edition"]


class UserWithRolesAdmin(UserAdmin):
    """A person with their roles on editions (the accounts app knows nothing of editions)."""

    inlines = [*UserAdmin.inlines, MembershipInline]


admin.site.unregister(User)
admin.site.register(User, UserWithRolesAdmin)
