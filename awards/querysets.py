from django.db import models


class RoundQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Unpublished rounds too for editors (their preview), only published ones for everyone else."""
        return self if user.has_perm("awards.view_round") else self.published()

    def current(self):
        """The round /landespreis/ shows: the published round with the latest year, or None."""
        return self.published().order_by("-year").first()

    def archived(self):
        """Earlier published rounds: every published round but the current one, newest first."""
        current = self.current()
        rounds = self.published().order_by("-year")
        return rounds.exclude(pk=current.pk) if current else rounds


class CategoryQuerySet(models.QuerySet):
    def decided(self):
        return self.filter(decided_at__isnull=False)


class JuryMemberQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class EntryQuerySet(models.QuerySet):
    def drafts(self):
        return self.filter(state="draft")

    def submitted(self):
        """In the competition: submitted or accepted (not drafts, not rejected)."""
        return self.filter(state__in=["submitted", "accepted"])

    def winners(self):
        return self.filter(is_winner=True)
