"""The registrations app: registrations, questionnaire, session bookings, check-in."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _count_confirmed(edition) -> int:
    from nec.registrations.models import Registration

    return Registration.objects.filter(
        edition=edition, status=Registration.Status.CONFIRMED
    ).count()


def _count_full_sessions(edition) -> int:
    from nec.programme.selectors import public_sessions
    from nec.registrations import stats

    rows = stats.session_rows(edition, public_sessions(edition))
    return sum(1 for row in rows if row.is_full)


def _count_waiting(edition) -> int:
    from nec.registrations.models import Booking, Registration

    return (
        Booking.objects.filter(session__edition=edition, status=Booking.Status.WAITING).count()
        + Registration.objects.filter(edition=edition, status=Registration.Status.WAITING).count()
    )


def _count_present(edition) -> int:
    from nec.registrations.checkin import presence_counts

    return presence_counts(edition)["present"]


class RegistrationsConfig(AppConfig):
    name = "nec.registrations"
    verbose_name = "Inscriptions"

    def ready(self) -> None:
        from nec.editions.audit_labels import register as register_audit_labels
        from nec.registrations.audit_texts import LABELS as AUDIT_LABELS

        register_audit_labels(AUDIT_LABELS)
        from nec.accounts import personal_data
        from nec.accounts.home_links import register as register_home_link
        from nec.accounts.home_links import register_panel as register_home_panel
        from nec.core import periodic
        from nec.editions import edition_links, orga_tiles
        from nec.editions.orga_nav import register
        from nec.editions.permissions import ORGANISER, STAFF, register_actions
        from nec.registrations import personal_data as registrations_data
        from nec.registrations import programme_hooks, tasks
        from nec.registrations.home_panel import coming_registrations_panel

        personal_data.register(
            "registrations",
            _("Inscriptions"),
            export=registrations_data.export_registrations,
            erase=registrations_data.erase_registrations,
            order=10,
        )

        periodic.register(
            "registrations.expire_offers",
            tasks.expire_offers_task,
            every="minute",
            label=_("Expirer les places proposées sans réponse et les proposer à la suite"),
        )
        periodic.register(
            "registrations.session_reminders",
            tasks.send_reminders,
            every="day",
            label=_("Rappeler leurs séances du lendemain aux participant·es"),
        )

        register_actions(
            {
                "registrations.view": {ORGANISER},
                "registrations.manage": {ORGANISER},
                "registrations.checkin": {ORGANISER, STAFF},
            }
        )

        edition_links.register(
            "registrations:register",
            _("S'inscrire"),
            visible=lambda edition: edition.status == edition.Status.PUBLISHED,
            style="accent",
            order=20,
        )
        programme_hooks.register()
        orga_tiles.register(
            "registrations.confirmed",
            _("Inscriptions confirmées"),
            _count_confirmed,
            "registrations.view",
            url_name="registrations:orga_index",
            order=30,
        )
        orga_tiles.register(
            "registrations.full_sessions",
            _("Sessions complètes"),
            _count_full_sessions,
            "registrations.view",
            url_name="registrations:orga_bookings",
            order=33,
            attention=True,
        )
        orga_tiles.register(
            "registrations.waiting",
            _("Personnes en liste d'attente (édition ou sessions)"),
            _count_waiting,
            "registrations.view",
            url_name="registrations:orga_bookings",
            order=34,
            attention=True,
        )
        orga_tiles.register(
            "registrations.present",
            _("Présent·es à l'accueil"),
            _count_present,
            "registrations.checkin",
            url_name="registrations:checkin",
            order=35,
        )
        register_home_link("registrations:mine", _("Mes inscriptions"), 10)
        register_home_panel("registrations.coming", coming_registrations_panel, order=5)

        for url_name, label, action, order in (
            ("registrations:orga_index", _("Inscriptions"), "registrations.view", 30),
            (
                "registrations:team_figures",
                _("Chiffres des inscriptions"),
                "registrations.view",
                31,
            ),
            (
                "registrations:team_questionnaire",
                _("Questionnaire d'inscription"),
                "registrations.manage",
                32,
            ),
            ("registrations:orga_bookings", _("Réservations"), "registrations.view", 33),
            ("registrations:checkin", _("Accueil et pointage"), "registrations.checkin", 34),
        ):
            register(url_name, label, action, order, group="participants")
