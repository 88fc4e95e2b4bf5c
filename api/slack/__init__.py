"""Slack front end (placeholder until the Slack issue lands): no router when Slack is not configured."""
