"""Services of the community app: every state change (contacts and consents, import, segments,
mailings and their sending, GDPR rights, retention) goes through these modules."""
