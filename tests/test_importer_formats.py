"""The importer on inputs it has never seen, in the formats editors use: it must rely on the
shape of an interview, not on the wording of the samples."""

from kb.importer.parse import parse_interview
from kb.importer.vocabulary import Vocabulary
from tests.importer_helpers import fold

MARKDOWN_HEADINGS = """\
# How Acme Rail keeps signalling and passenger Wi-Fi apart

By Jane Writer, March 3, 2021

Acme Rail designs onboard computers for regional trains. We spoke with their chief architect.

## Background

The company has used Jailhouse on x86 boards since 2019.

## What did the hypervisor change for you?

Three things:

- One computer instead of two per carriage
- Independent updates for the passenger services
- Simpler certification of the signalling partition

## What lessons did you learn?

Firstly, budget time for the safety case. Secondly, measure interrupt latency early.
Lastly, keep the guest kernels small.

## About Acme Rail

Acme Rail is a fictional company.
"""

TRANSCRIPT_WITHOUT_BLANK_LINES = """\
Talking virtualization with Polar Grid Systems
Host: Welcome! Can you introduce your product?
Ingrid Berg (Head of software, Polar Grid Systems): We build substation controllers
that protect the power grid. They run on ARM boards with Zephyr and Linux.
Host: What were the biggest problems you hit?
Ingrid Berg: Timing. The protection logic must react within four milliseconds.
Host: And what did you gain?
Ingrid Berg: We replaced two boxes with one, and the field updates are faster.
Host: Thank you, Ingrid.
"""

HTML_ARCHIVE = """\
<html><body>
<header class="site-header"><a href="/">Embedded Weekly</a></header>
<h1>Archive: May 2022</h1>
<article><h2>Meetup in Munich</h2><p>Join us on the 12th.</p></article>
<article>
  <h2>Q&amp;A with Blue Harbor Marine on bridge consoles</h2>
  <p class="meta">Posted on May 9, 2022</p>
  <p>Blue Harbor Marine builds navigation consoles for cargo ships.</p>
  <p><strong>Q: Why did you choose KVM?</strong></p>
  <p>A: It was already in our Linux kernel, and QEMU gave us the device models we needed.</p>
  <p><strong>Q: What was the hardest part?</strong></p>
  <p>A: Passing the radar card through to the right guest. Does that sound easy? It was not.</p>
  <p>We fixed it with VFIO.</p>
  <div class="share">Share this on social media</div>
</article>
<article><h2>New board support package released</h2><p>Version 5 is out.</p></article>
<footer>Copyright Embedded Weekly</footer>
</body></html>
"""

HTML_POSTS_WITHOUT_ARTICLES = """\
<div class="post"><h2>Interview: Copperleaf Medical on bedside monitors</h2>
<p>Copperleaf Medical makes bedside monitors for hospitals.</p>
<p><b>What problem were you trying to solve?</b></p>
<p>Our monitors needed a modern touch interface without touching the certified core.</p>
<p><b>What are the advantages now?</b></p>
<ol><li>The certified core stays unchanged.</li><li>The interface runs Android.</li></ol>
</div>
<div class="post"><h2>Why we moved our builds to the cloud</h2>
<p>It saved us hours every day.</p></div>
"""

HARD_WRAPPED_TEXT = """\
Q&A with Nordlicht Automation on robot controllers
Nordlicht Automation builds controllers for welding robots in car
factories.

Which platform did you pick?
We chose the ACRN hypervisor on an x86 industrial PC, with a real-time
guest for the motion control.

What were the main challenges?
First, the real-time guest missed deadlines when the GPU was busy.
Second, the factory network needed its own guest. Finally, training the
service staff took longer than planned.

Subscribe to our newsletter for more interviews.
"""


def parse(text, **kwargs):
    return parse_interview(text, **kwargs)


def questions(interview):
    return [fold(question) for question, _ in interview.qa]


def test_markdown_with_headings_as_questions():
    interview = parse(MARKDOWN_HEADINGS, filename="acme.md")
    assert interview.title == "How Acme Rail keeps signalling and passenger Wi-Fi apart"
    assert interview.organization == "Acme Rail"
    assert questions(interview) == [
        "What did the hypervisor change for you?",
        "What lessons did you learn?",
    ]
    assert interview.qa[-1][1].endswith("keep the guest kernels small.")
    assert "Jailhouse on x86" in interview.introduction
    assert "Jane Writer" not in interview.introduction
    assert interview.benefits == [
        "One computer instead of two per carriage",
        "Independent updates for the passenger services",
        "Simpler certification of the signalling partition",
    ]
    assert len(interview.challenges) == 3
    assert interview.challenges[0] == "Budget time for the safety case."
    assert {"Jailhouse", "x86"} <= set(interview.platforms)
    assert interview.industry == "Rail"


def test_a_transcript_without_blank_lines():
    interview = parse(TRANSCRIPT_WITHOUT_BLANK_LINES)
    assert interview.title == "Talking virtualization with Polar Grid Systems"
    assert interview.organization == "Polar Grid Systems"
    assert questions(interview) == [
        "Welcome! Can you introduce your product?",
        "What were the biggest problems you hit?",
        "And what did you gain?",
    ]
    assert interview.qa[0][1] == (
        "We build substation controllers that protect the power grid. "
        "They run on ARM boards with Zephyr and Linux."
    )
    assert interview.qa[-1][1].endswith("field updates are faster.")
    assert interview.challenges == [
        "Timing. The protection logic must react within four milliseconds."
    ]
    assert len(interview.benefits) == 1
    assert {"ARM", "Zephyr", "Linux"} <= set(interview.platforms)
    assert interview.industry == "Energy"


def test_an_html_archive_of_several_articles():
    interview = parse(HTML_ARCHIVE, filename="may.html")
    assert interview.title == "Q&A with Blue Harbor Marine on bridge consoles"
    assert interview.organization == "Blue Harbor Marine"
    assert questions(interview) == ["Why did you choose KVM?", "What was the hardest part?"]
    assert interview.qa[0][1].startswith("It was already in our Linux kernel")
    assert interview.qa[-1][1].endswith("We fixed it with VFIO.")
    assert "Does that sound easy?" in interview.qa[-1][1]
    assert (
        interview.introduction == "Blue Harbor Marine builds navigation consoles for cargo ships."
    )
    assert {"KVM", "Linux", "QEMU"} <= set(interview.platforms)
    assert interview.industry == "Maritime"


def test_html_posts_without_article_elements():
    interview = parse(HTML_POSTS_WITHOUT_ARTICLES)
    assert interview.title == "Interview: Copperleaf Medical on bedside monitors"
    assert interview.organization == "Copperleaf Medical"
    assert questions(interview) == [
        "What problem were you trying to solve?",
        "What are the advantages now?",
    ]
    assert interview.qa[-1][1] == "The certified core stays unchanged.\nThe interface runs Android."
    assert interview.benefits == [
        "The certified core stays unchanged.",
        "The interface runs Android.",
    ]
    assert interview.challenges == []
    assert interview.industry == "Medical"


def test_hard_wrapped_text_without_blank_lines_after_questions():
    interview = parse(HARD_WRAPPED_TEXT)
    assert interview.title == "Q&A with Nordlicht Automation on robot controllers"
    assert interview.organization == "Nordlicht Automation"
    assert questions(interview) == [
        "Which platform did you pick?",
        "What were the main challenges?",
    ]
    assert interview.qa[0][1] == (
        "We chose the ACRN hypervisor on an x86 industrial PC, with a real-time "
        "guest for the motion control."
    )
    assert interview.qa[-1][1].endswith("took longer than planned.")
    assert interview.challenges == [
        "The real-time guest missed deadlines when the GPU was busy.",
        "The factory network needed its own guest.",
        "Training the service staff took longer than planned.",
    ]
    assert interview.industry == "Industrial"


def test_names_already_in_the_database_are_suggested_in_their_spelling():
    vocabulary = Vocabulary(
        platform_names=["Bluebird RTOS"], tag_names=["Welding"], industry_names=["Manufacturing"]
    )
    text = (
        "Interview: Sparks Ltd on welding\n\nSparks Ltd builds welding cells.\n\n"
        "What runs on the controller?\n\nThe bluebird rtos and a manufacturing execution agent.\n"
    )
    interview = parse(text, vocabulary=vocabulary)
    assert "Bluebird RTOS" in interview.platforms
    assert "Welding" in interview.tags
