"""Small builders for test data: a case study in one call, with sensible defaults."""

import datetime
import itertools

from django.utils import timezone
from django.utils.text import slugify

from kb.domain.models import CaseStudy, Industry, Organization, Platform

_counter = itertools.count(1)


def industry(name="Automotive"):
    return Industry.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def organization(name="Acme Embedded"):
    return Organization.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def platform(name="Xen", kind=Platform.Kind.HYPERVISOR):
    return Platform.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "kind": kind}
    )[0]


def case_study(
    title=None,
    *,
    org="Acme Embedded",
    industries=("Automotive",),
    platforms=("Xen",),
    tags=("infotainment",),
    status=CaseStudy.Status.PUBLISHED,
    publish_at=None,
    featured=False,
    summary="A short summary.",
    qa=(("Why a hypervisor?", "To consolidate controllers."),),
    benefits=("Lower cost",),
    challenges=(("Drivers were missing.", "We wrote them."),),
    key_facts=(),
):
    number = next(_counter)
    title = title or f"Case study {number}"
    if publish_at is None and status == CaseStudy.Status.PUBLISHED:
        publish_at = timezone.now() - datetime.timedelta(days=1, minutes=number)
    result = CaseStudy.objects.create(
        title=title,
        slug=f"{slugify(title)[:180]}-{number}",
        organization=organization(org),
        status=status,
        publish_at=publish_at,
        featured=featured,
        summary=summary,
    )
    result.industries.set([industry(name) for name in industries])
    result.platforms.set([platform(name) for name in platforms])
    result.tags.set(list(tags))
    for position, (question, answer) in enumerate(qa, start=1):
        result.qa_pairs.create(position=position, question=question, answer=answer)
    for position, statement in enumerate(benefits, start=1):
        result.benefits.create(position=position, statement=statement)
    for position, (problem, solution) in enumerate(challenges, start=1):
        result.challenges.create(position=position, problem=problem, solution=solution)
    for position, (label, value) in enumerate(key_facts, start=1):
        result.key_facts.create(position=position, label=label, value=value)
    return result


def catalogue():
    """Three published case studies that share an industry, platforms and an organization in
    different ways: {"car_xen", "car_kvm", "plane_xen"}."""
    return {
        "car_xen": case_study(
            "Car on Xen",
            industries=["Automotive"],
            platforms=["Xen", "ARM"],
            tags=["infotainment"],
            org="GlobalLogic",
        ),
        "car_kvm": case_study(
            "Car on KVM",
            industries=["Automotive"],
            platforms=["KVM"],
            tags=["cluster"],
            org="Other Org",
            summary="Instrument cluster and infotainment consolidated with KVM.",
        ),
        "plane_xen": case_study(
            "Plane on Xen",
            industries=["Aerospace"],
            platforms=["Xen"],
            tags=["safety"],
            org="GlobalLogic",
        ),
    }
