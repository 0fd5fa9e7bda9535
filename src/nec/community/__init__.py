"""The community: contacts with their consents per purpose, segments, crash-safe mailings, GDPR
rights and retention."""
