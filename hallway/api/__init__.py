"""The public HTTP API v1 (django-ninja). Each domain adds a router module; see ROUTERS in urls.py."""
