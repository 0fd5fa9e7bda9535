"""nec: the platform of Numérique en Commun[s] (national edition, local editions, resources)."""
