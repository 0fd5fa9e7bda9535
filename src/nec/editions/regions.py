"""The French régions by INSEE code, as editions name them (`Edition.region_code`)."""

#: French régions by INSEE code
REGIONS = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}

#: région INSEE code -> département codes
REGION_DEPARTEMENTS = {
    "84": "01 03 07 15 26 38 42 43 63 69 73 74",
    "27": "21 25 39 58 70 71 89 90",
    "53": "22 29 35 56",
    "24": "18 28 36 37 41 45",
    "94": "2A 2B",
    "44": "08 10 51 52 54 55 57 67 68 88",
    "32": "02 59 60 62 80",
    "11": "75 77 78 91 92 93 94 95",
    "28": "14 27 50 61 76",
    "75": "16 17 19 23 24 33 40 47 64 79 86 87",
    "76": "09 11 12 30 31 32 34 46 48 65 66 81 82",
    "52": "44 49 53 72 85",
    "93": "04 05 06 13 83 84",
    "01": "971",
    "02": "972",
    "03": "973",
    "04": "974",
    "06": "976",
}
DEPARTEMENT_REGION = {
    dep: region for region, deps in REGION_DEPARTEMENTS.items() for dep in deps.split()
}

#: (column, row) of each metropolitan région's tile on a tile map (one square per région placed
#: roughly where it lies: an outline map would weigh far more than the page), shared by the
#: public map of local editions and the bilan's map of where participants come from
METROPOLITAN_TILES = {
    "32": (2.0, 0.0),
    "53": (0.0, 1.0),
    "28": (1.0, 1.0),
    "11": (2.0, 1.0),
    "44": (3.0, 1.0),
    "52": (1.0, 2.0),
    "24": (2.0, 2.0),
    "27": (3.0, 2.0),
    "75": (1.0, 3.0),
    "84": (2.5, 3.0),
    "76": (1.5, 4.0),
    "93": (2.5, 4.0),
    "94": (3.6, 4.35),
}
#: the overseas régions, drawn apart from the metropolitan tiles
OVERSEAS = ("01", "02", "03", "04", "06")
