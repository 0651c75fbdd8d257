from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware


class PortalCSPMiddleware(CSPMiddleware):
    """The strict policy for every visitor; the editors' admin also allows inline code.

    Django's admin widgets and the WYSIWYG editor use inline scripts and styles. The admin is
    reached only by logged-in editors, so the public pages keep the strict policy.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/admin/") and not report_only:
            parts.update = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}
        return parts
