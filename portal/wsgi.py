import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# What is loaded by now (Django, the apps and their modules) lives as long as the worker. Frozen, it is left
# out of the garbage collector's full collections, which then scan only what requests leave behind: without
# this, every 20th request or so waited 40 ms for one (bench/projects.py).
gc.freeze()
