"""Calendar adapter: read interview invites (.ics) and export the follow-up plan."""
