"""A starting glossary of automotive and embedded virtualization for search: acronyms and their
long forms, other names for the same thing, and British and American spellings. Editors keep it
up in the admin (Synonyms and acronyms)."""

from django.db import migrations

GLOSSARY = [
    # Acronyms and their long forms.
    ("OTA, over-the-air, over the air", ""),
    ("IVI, in-vehicle infotainment, in-car infotainment", ""),
    ("ADAS, driver assistance, advanced driver assistance", ""),
    ("ECU, electronic control unit", ""),
    ("SoC, system-on-chip, system on a chip", ""),
    ("MPSoC, multiprocessor system-on-chip", ""),
    ("TEE, trusted execution environment, trusted execution", ""),
    ("OP-TEE, open portable TEE", ""),
    ("VMM, virtual machine monitor", ""),
    ("VMM => hypervisor", "One way: a search for hypervisors need not look for VMMs."),
    ("VM, virtual machine, guest", ""),
    ("BSP, board support package", ""),
    ("AUTOSAR, automotive open system architecture", ""),
    ("ASIL, automotive safety integrity level", ""),
    ("ISO 26262, functional safety", "The functional-safety standard for road vehicles."),
    ("SIL, safety integrity level", ""),
    ("HMI, human-machine interface", ""),
    ("GPU, graphics processor, graphics processing unit", ""),
    ("CPU, processor", ""),
    ("FPGA, field-programmable gate array", ""),
    ("SMMU, IOMMU", "Arm's and the generic name of the same unit."),
    ("RTOS, real-time operating system", ""),
    ("OEM, carmaker, car maker, automaker, vehicle manufacturer", ""),
    ("tier-1, tier one supplier", ""),
    ("SDV, software-defined vehicle", ""),
    ("V2X, vehicle-to-everything", ""),
    ("CAN, controller area network", ""),
    ("KVM, kernel-based virtual machine", ""),
    ("AGL, Automotive Grade Linux", ""),
    ("BOM, bill of materials, bill-of-materials", ""),
    ("TTM, time to market", ""),
    ("PCIe, PCI Express", ""),
    ("SR-IOV, single root I/O virtualization", ""),
    ("QoS, quality of service", ""),
    ("DMA, direct memory access", ""),
    ("MCU, microcontroller", ""),
    ("OS, operating system", ""),
    ("dom0, control domain", "Xen's privileged first guest."),
    # Other names for the same thing.
    ("instrument cluster, digital cluster, dashboard", ""),
    ("cockpit controller, cockpit domain controller", ""),
    ("infotainment, head unit", ""),
    ("self-driving, autonomous driving", ""),
    ("type-1 hypervisor, bare-metal hypervisor", ""),
    ("partitioning, separation, isolation", ""),
    ("cache colouring, cache coloring, cache partitioning", ""),
    ("mixed criticality, mixed-criticality", ""),
    ("update => upgrade, deploy", "Updating something is also deploying a new version."),
    ("car => vehicle, automotive", ""),
    ("vehicle => car", ""),
    # British and American spellings.
    ("virtualisation, virtualization", ""),
    ("virtualised, virtualized", ""),
    ("virtualise, virtualize", ""),
    ("colour, color", ""),
    ("licence, license", ""),
    ("optimise, optimize", ""),
    ("optimisation, optimization", ""),
    ("behaviour, behavior", ""),
    ("centre, center", ""),
    ("programme, program", ""),
    ("organisation, organization", ""),
    ("standardise, standardize", ""),
    ("commercialise, commercialize", ""),
    ("commercialising, commercializing", ""),
    ("summarise, summarize", ""),
    ("analyse, analyze", ""),
    ("defence, defense", ""),
    ("tyre, tire", ""),
    ("favour, favor", ""),
    ("utilisation, utilization", ""),
    ("prioritise, prioritize", ""),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("kb", "Synonym")
    for line, note in GLOSSARY:
        Synonym.objects.get_or_create(line=line, defaults={"note": note})


def unseed(apps, schema_editor):
    apps.get_model("kb", "Synonym").objects.filter(line__in=[line for line, _ in GLOSSARY]).delete()


class Migration(migrations.Migration):
    dependencies = [("kb", "0013_search_synonyms_and_picks")]

    operations = [migrations.RunPython(seed, unseed)]
