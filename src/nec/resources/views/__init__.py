"""Pages of the resources library: public library, contribution in the espace organisation,
moderation by the national team."""
