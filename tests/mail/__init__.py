"""Tests of the delivery channels: SMTP, IMAP, .eml, mailto and the review message."""
