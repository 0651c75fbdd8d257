from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = "Projekte"

    def ready(self):
        from taggit.models import TaggedItem

        from portal.models import Municipality
        from projects.models import Participant, Project
        from projects.querysets import forget_facet_counts

        # Whatever the facet counts of /projekte/ are computed from.
        for model in (Project, Participant, TaggedItem, Municipality):
            post_save.connect(forget_facet_counts, sender=model, dispatch_uid=f"facets-save-{model.__name__}")
            post_delete.connect(forget_facet_counts, sender=model, dispatch_uid=f"facets-delete-{model.__name__}")
        m2m_changed.connect(forget_facet_counts, sender=Project.topics.through, dispatch_uid="facets-topics")
