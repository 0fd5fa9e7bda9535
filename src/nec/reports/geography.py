"""The tile map of régions drawn in the report (positions shared with the public map of local
editions in `nec.editions.regions`), with short labels that fit its small tiles."""

from nec.editions.regions import DEPARTEMENT_REGION, METROPOLITAN_TILES, OVERSEAS

__all__ = ["DEPARTEMENT_REGION", "SHORT", "TILE", "TILES"]

#: (column, row) of each région's tile; overseas régions in a row of their own
TILES = {**METROPOLITAN_TILES, **{code: (n, 5.6) for n, code in enumerate(OVERSEAS)}}
#: short labels that fit a tile
SHORT = {
    "32": "HdF",
    "28": "Norm.",
    "11": "IdF",
    "44": "Gd Est",
    "53": "Bret.",
    "52": "PdL",
    "24": "CVL",
    "27": "BFC",
    "75": "N-Aq.",
    "84": "AuRA",
    "76": "Occ.",
    "93": "PACA",
    "94": "Corse",
    "01": "Gua.",
    "02": "Mart.",
    "03": "Guy.",
    "04": "Réu.",
    "06": "May.",
}
TILE = 62
