"""The web platform: enterprise portal, government console and API (FastAPI, server-rendered Jinja2)."""
