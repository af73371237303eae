from csp.middleware import CSPMiddleware
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's Content-Security-Policy; the admin may also use inline style attributes,
    which Django's admin templates and widgets rely on. Inline scripts stay forbidden."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(reverse("admin:index")):
            parts.update = {**(parts.update or {}), "style-src": ["'unsafe-inline'"]}
        return parts
