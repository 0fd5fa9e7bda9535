"""The register of processing activities (GDPR art. 30) shown on the public page: purposes,
legal bases, data, retention and processors. Plain data, reviewed by the DPO of the ANCT."""

from django.utils.translation import gettext_lazy as _

PROCESSING_ACTIVITIES = [
    {
        "name": _("Inscriptions aux éditions"),
        "purpose": _("Accueillir les participants, gérer les places et les réservations."),
        "basis": _("Exécution d'une mission d'intérêt public (art. 6.1.e RGPD)."),
        "data": _(
            "Nom, prénom, adresse e-mail, organisation, fonction, réponses au questionnaire."
        ),
        "retention": _(
            "Inscriptions non confirmées : 30 jours. Inscriptions : 3 ans après l'édition, puis "
            "anonymisées (les statistiques restent)."
        ),
        "processors": _("Hébergeur de la plateforme ; prestataire d'envoi de courriels."),
    },
    {
        "name": _("Base de contacts et lettres d'information"),
        "purpose": _(
            "Informer la communauté : lettre d'information, actualités des NEC locaux, "
            "invitations aux questionnaires."
        ),
        "basis": _("Consentement, par finalité, retirable en un clic (art. 6.1.a RGPD)."),
        "data": _(
            "Adresse e-mail, nom, organisation, secteur, région, éditions suivies, "
            "consentements (source, date, texte accepté), statistiques d'envoi."
        ),
        "retention": _(
            "3 ans sans activité : une demande de renouvellement, puis effacement un mois après "
            "sans réponse."
        ),
        "processors": _("Hébergeur de la plateforme ; prestataire d'envoi de courriels."),
    },
    {
        "name": _("Mesure de l'ouverture des courriels"),
        "purpose": _("Connaître le taux d'ouverture de nos envois."),
        "basis": _("Consentement spécifique (recommandation CNIL sur les pixels de suivi)."),
        "data": _("Date de première ouverture de chaque envoi."),
        "retention": _("Celle de l'envoi."),
        "processors": _("Aucun."),
    },
    {
        "name": _("Comptes et connexion"),
        "purpose": _("Se connecter à Mon espace et à l'espace organisation."),
        "basis": _("Exécution d'une mission d'intérêt public (art. 6.1.e RGPD)."),
        "data": _("Adresse e-mail, nom, demandes de lien de connexion (adresse IP)."),
        "retention": _(
            "Demandes de connexion : 90 jours. Le compte est fermé (adresse et nom effacés) "
            "quand la personne demande l'effacement de ses données."
        ),
        "processors": _("Hébergeur de la plateforme ; prestataire d'envoi de courriels."),
    },
    {
        "name": _("Candidatures pour organiser un NEC local"),
        "purpose": _(
            "Instruire les candidatures, accompagner et subventionner les NEC locaux, suivre "
            "leur organisation et leur documentation."
        ),
        "basis": _("Exécution d'une mission d'intérêt public (art. 6.1.e RGPD)."),
        "data": _(
            "Nom, prénom, adresse e-mail, téléphone de la personne qui candidate, description "
            "du projet, pièces jointes, échanges avec l'équipe nationale."
        ),
        "retention": _(
            "Brouillons : 6 mois sans modification. Candidatures non retenues : anonymisées à "
            "la demande. Candidatures acceptées : durée de conservation des pièces des "
            "subventions publiques."
        ),
        "processors": _("Hébergeur de la plateforme ; prestataire d'envoi de courriels."),
    },
]
