"""Template tags of the programme: permissions, percentages and the hooks of other apps."""
