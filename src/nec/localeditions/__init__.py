"""Local editions ("NEC locaux"): the public page for organisers and the list by région; the
application lifecycle (instruction, agreement, follow-up committees) will live here too."""
