"""Views of the community app: the national team's pages (contacts, segments, mailings), the
public personal links (newsletter, unsubscribe, preferences, tracked links) and the GDPR pages."""
