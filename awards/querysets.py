from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce


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

    def with_winners(self):
        """Each round's categories with their public winners (`category.winners`), for the archive."""
        from awards.models import Category, Entry

        winners = Entry.objects.public_winners().with_public_data().order_by("title")
        categories = Category.objects.prefetch_related(Prefetch("entries", queryset=winners, to_attr="winners"))
        return self.prefetch_related(Prefetch("categories", queryset=categories))


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

    def public_winners(self):
        """Winners the site shows: of a published round, once the round or their category is decided."""
        return self.filter(is_winner=True, round__is_published=True).filter(
            Q(round__state="decided") | Q(category__decided_at__isnull=False)
        )

    def involving(self, municipality):
        """Entries with this Kommune as lead or partner."""
        return self.filter(Q(lead_municipality=municipality) | Q(partners=municipality)).distinct()

    def for_badges(self):
        """What a "Landespreisträger 2022" badge needs: round and category, newest round first."""
        return (
            self.select_related("round", "category")
            .only("title", "is_winner", "round__year", "round__is_demo", "category__name")
            .order_by("-round__year", "title")
        )

    def with_public_data(self):
        """What a winner's card shows: round, category, lead Kommune, partners and the project."""
        from portal.models import Municipality

        partners = Municipality.objects.only("pk", "name", "short_name", "slug", "kind").order_by("short_name")
        return (
            self.select_related("round", "category", "lead_municipality", "project")
            .defer(
                "lead_municipality__shape",
                "project__occasion",
                "project__goal",
                "project__implementation",
                "project__search_vector",
                "round__intro",
                "round__application_text",
                "round__conditions_text",
                "round__prizes_text",
                "round__faq_text",
            )
            .prefetch_related(Prefetch("partners", queryset=partners))
        )

    # --- Jury area (awards/scoring.py, awards/jury_views.py) -------------------------------------------------

    def for_jury_member(self, member):
        """The entries a jury member deals with: in the competition, of the member's round (conflicts included)."""
        return self.submitted().filter(round_id=member.round_id)

    def without_conflict_of(self, member):
        """Leave out the entries for which this member declared a conflict of interest."""
        from awards.models import ConflictOfInterest

        return self.exclude(Exists(ConflictOfInterest.objects.filter(entry=OuterRef("pk"), member=member)))

    def with_progress_of(self, member):
        """`own_scores`: how many criteria the member has scored; `is_conflicted`: they declared a conflict."""
        from awards.models import ConflictOfInterest, Score

        own = (
            Score.objects.filter(entry=OuterRef("pk"), member=member).order_by().values("entry").annotate(n=Count("pk"))
        )
        return self.annotate(
            own_scores=Coalesce(Subquery(own.values("n")), 0),
            is_conflicted=Exists(ConflictOfInterest.objects.filter(entry=OuterRef("pk"), member=member)),
        )
