"""The importer on inputs it has never seen, in the formats editors use: it must rely on the
shape of an interview, not on the wording of the samples."""

import pytest

from kb.importer.parse import parse_interview
from kb.importer.reading import ImportProblem
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
    assert interview.qa[-1][1] == (
        "1. The certified core stays unchanged.\n2. The interface runs Android."
    )
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


def test_an_interviewer_labelled_with_a_name_is_found_by_the_questions_asked():
    interview = parse(
        "Acme Corp\u2019s road to one cockpit computer\n\n"
        "Acme Corp is a tier-1 supplier of cockpit electronics.\n\n"
        "Jane Writer: How did the project start?\n"
        "Tom Lee (CEO, Acme Corp): With a customer asking for one box instead of three.\n"
        "Jane Writer: What were the challenges?\n"
        "Tom Lee: Certification. Then the GPU.\n"
        "Jane Writer: Thanks, Tom.\n"
    )
    assert interview.organization == "Acme Corp"
    assert questions(interview) == ["How did the project start?", "What were the challenges?"]
    assert interview.qa[-1][1] == "Certification. Then the GPU."


def test_answers_lose_their_speaker_label_and_the_title_names_the_employer():
    interview = parse(
        "Interview with Tom Lee, CTO of Acme Corp\n\n"
        "**What do you build?**\n\nTom Lee: Gateways for trains.\n\n"
        "**Why virtualization?**\n\nTom Lee: Isolation between the vendor apps.\n"
    )
    assert interview.organization == "Acme Corp"
    assert [answer for _, answer in interview.qa] == [
        "Gateways for trains.",
        "Isolation between the vendor apps.",
    ]
    assert interview.benefits == ["Isolation between the vendor apps."]


def test_prefixed_questions_in_headings_and_numbered_questions():
    markdown = parse(
        "# Q&A: Zebra Drives on motor control\n\n### Q: What did you gain?\n**A:** Lower cost."
        "\n\n### Q: What was hard?\n**A:** Latency.\n"
    )
    assert markdown.organization == "Zebra Drives"
    assert markdown.qa == [("What did you gain?", "Lower cost."), ("What was hard?", "Latency.")]
    numbered = parse(
        "Interview: Vela Systems on avionics\n\nVela Systems builds flight computers.\n\n"
        "Question 1: Why PikeOS?\nAnswer: Because of DO-178C credit.\n\n"
        "Question 2: What problems did you meet?\nAnswer: Tooling.\n"
    )
    assert numbered.qa == [
        ("Why PikeOS?", "Because of DO-178C credit."),
        ("What problems did you meet?", "Tooling."),
    ]
    assert (numbered.benefits, numbered.challenges) == (
        ["Because of DO-178C credit."],
        ["Tooling."],
    )


def test_prompts_without_a_question_mark_in_headings_and_definition_lists():
    headings = parse(
        "<h1>Meet Ostrava Energy: substations on Xen</h1><p>Ostrava Energy runs substations.</p>"
        "<h2>Tell us about your system</h2><p>It protects the grid.</p>"
        "<h2>Describe the main benefits</h2><ul><li>Less hardware</li><li>Faster updates</li></ul>"
    )
    assert headings.organization == "Ostrava Energy"
    assert questions(headings) == ["Tell us about your system", "Describe the main benefits"]
    assert headings.benefits == ["Less hardware", "Faster updates"]
    definitions = parse(
        "<h1>Interview: Kestrel Labs on drones</h1><p>Kestrel Labs builds UAVs.</p>"
        "<dl><dt>Tell us about your product</dt><dd>A drone autopilot on seL4.</dd>"
        "<dt>What did it cost?</dt><dd>Two years.</dd></dl>"
    )
    assert definitions.title == "Interview: Kestrel Labs on drones"
    assert definitions.qa[0] == ("Tell us about your product", "A drone autopilot on seL4.")
    assert definitions.platforms == ["seL4"]


def test_questions_without_answers_are_refused_with_a_message():
    with pytest.raises(ImportProblem, match="no answers"):
        parse("Interview: Acme on nothing\n\nWhy did you choose Xen?\n")


def test_a_page_with_only_scripts_has_no_questions():
    with pytest.raises(ImportProblem, match="No questions were found"):
        parse("<html><body><script>var q = 'Why?';</script></body></html>")


def test_very_deeply_nested_html_is_read():
    html = "<div>" * 5_000 + "<h2>Why Xen?</h2><p>Isolation.</p>" + "</div>" * 5_000
    assert parse(html).qa == [("Why Xen?", "Isolation.")]


def test_a_list_that_lost_its_bullets_stays_in_its_answer():
    interview = parse(
        "Previous post\n\nSome text about it.\n\n"
        "Interview: Tern Devices on gateways\n\nTern Devices builds gateways.\n\n"
        "What are the benefits?\n\nThree of them:\n\nFewer boxes\n\nFaster updates\n\n"
        "Lower cost\n\nAnd what came next?\n\nA second product line.\n\n"
        "Next post title\n\nIts text.\n"
    )
    assert interview.title == "Interview: Tern Devices on gateways"
    assert questions(interview) == ["What are the benefits?", "And what came next?"]
    assert interview.qa[0][1].endswith("Fewer boxes\n\nFaster updates\n\nLower cost")
    assert interview.qa[-1][1] == "A second product line."
    assert interview.benefits == ["Fewer boxes", "Faster updates", "Lower cost"]


def test_a_post_title_followed_directly_by_the_first_question():
    interview = parse(
        "Earlier news\n\nWe moved offices.\n\nInterview: Quill Systems on Xen\n\n"
        "Why Xen?\n\nIt is open source.\n"
    )
    assert interview.title == "Interview: Quill Systems on Xen"
    assert interview.introduction == ""


def test_a_title_naming_a_person_gives_the_organization_they_work_for():
    interview = parse(
        "Interview with Jane Doe\n\nJane Doe is the head of software at Acme Corp.\n\n"
        "Why Xen?\n\nIsolation.\n"
    )
    assert interview.organization == "Acme Corp"


def test_without_a_title_the_organization_names_the_interview():
    interview = parse(
        "Interviewer: What do you make?\n\n"
        "Ana Ruiz (CTO, Ruiz Robotics): Robot arms.\n\n"
        "Interviewer: Why KVM?\n\nAna Ruiz: It came with Linux.\n"
    )
    assert interview.organization == "Ruiz Robotics"
    assert interview.title == "Interview with Ruiz Robotics"


@pytest.mark.parametrize(
    "text",
    [
        "# Interview: Finch Audio on DSPs\n\n"
        "**Why Xen?** Isolation.\n\n**What did it cost?** Time.",
        "Interview: Finch Audio on DSPs\n\n"
        "Q: Why Xen? A: Isolation.\n\nQ: What did it cost? A: Time.",
        "<h1>Interview: Finch Audio on DSPs</h1><p><b>Why Xen?</b> Isolation.</p>"
        "<p><strong>What did it cost?</strong> Time.</p>",
    ],
    ids=["markdown bold", "prefixes on one line", "html bold"],
)
def test_a_question_and_its_answer_in_one_paragraph(text):
    interview = parse(text)
    assert interview.qa == [("Why Xen?", "Isolation."), ("What did it cost?", "Time.")]
    assert interview.organization == "Finch Audio"


BLOG_WITH_DATELINES = """\
Archives for April 2021
Posted in News

Xen Summit call for papers

The call for papers closes on May 1. Send your abstract by email.

Q&A with Alpine Rail Systems on signalling consolidation
April 12, 2021

Alpine Rail Systems builds signalling computers for regional railways. We spoke with
their lead architect, Jon Berg.

How did the project start?

A customer asked us to cut the number of cabinets in half.

What advantages did you gain from virtualization?

First, we now need one cabinet per station. Second, spare parts are the same
everywhere. Third, software updates are remote.

What lessons did you learn along the way?

Certification takes longer than coding. Plan for it.

Anything else you would like to add?

Only that we are hiring.

Posted by admin | 2 comments

Meetup in Zurich

Join us on June 3 for talks about Xen on ARM.
"""


def test_a_blog_archive_with_datelines_bylines_and_comment_counts():
    interview = parse(BLOG_WITH_DATELINES)
    assert interview.title == "Q&A with Alpine Rail Systems on signalling consolidation"
    assert interview.organization == "Alpine Rail Systems"
    assert interview.introduction.startswith("Alpine Rail Systems builds signalling computers")
    assert len(interview.qa) == 4
    assert interview.qa[-1][1] == "Only that we are hiring."
    assert interview.benefits == [
        "We now need one cabinet per station.",
        "Spare parts are the same everywhere.",
        "Software updates are remote.",
    ]
    assert interview.challenges == ["Certification takes longer than coding. Plan for it."]


def test_sentences_that_start_like_furniture_stay_in_the_answer():
    interview = parse(
        "Interview: Moss Labs on Xen\n\nWhat was hard?\n\nCopyright law, mostly.\n"
        "By the time we shipped, it worked.\n\nSign up for training early.\n"
    )
    assert interview.qa[0][1] == (
        "Copyright law, mostly. By the time we shipped, it worked.\n\nSign up for training early."
    )


WORDPRESS_PAGE = """\
<!DOCTYPE html>
<html><head><title>Interview with Granite Medical | Virt Blog</title>
<link rel="canonical" href="https://blog.example.org/2023/granite-medical/">
<style>.entry{}</style><script src="/analytics.js"></script></head>
<body class="single">
<div id="page"><header id="masthead"><nav class="main-navigation"><ul><li><a>Home</a></li><li>
<a>About</a></li></ul></nav></header>
<div id="content"><main id="main">
<article class="post">
<header class="entry-header">
<h1 class="entry-title">Granite Medical: one computer for the whole operating theatre</h1>
<div class="entry-meta">Posted on <time>March 2, 2023</time> by <a>editor</a></div></header>
<div class="entry-content">
<p><em>Granite Medical makes surgical imaging systems used in 200 hospitals.</em></p>
<p>We talked to Dr. Lena Fox, its head of platform engineering.</p>
<h3>What made you look at virtualization?</h3>
<p>Our imaging carts had four PCs inside. Each one needed its own certification.</p>
<h3>Which hypervisor did you choose, and why?</h3>
<p>We picked Xen with a small Linux dom0 because it is open source and well understood.</p>
<p>We also evaluated KVM.</p>
<h3>What were the biggest challenges?</h3>
<ul><li>Real-time video with low latency.</li>
<li>Getting the regulator comfortable with the hypervisor.</li></ul>
<h3>Looking back, what would you do differently?</h3>
<p>Start the safety case on day one.</p>
<div class="sharedaddy"><h3>Share this:</h3><a>Twitter</a></div>
<div class="jp-relatedposts"><h3>Related</h3><p>Another post</p></div>
</div>
<footer class="entry-footer">Posted in <a>Interviews</a> Tagged <a>medical</a>, <a>Xen</a>
</footer>
</article>
<div id="comments" class="comments-area"><h2>2 thoughts on this</h2><p>Great read? Yes!</p>
</div>
</main></div></div>
<script>window.x = 1;</script>
</body></html>
"""


def test_a_blog_platform_page_with_meta_lines_share_boxes_and_comments():
    interview = parse(WORDPRESS_PAGE, filename="granite.html")
    assert interview.title == "Granite Medical: one computer for the whole operating theatre"
    assert interview.organization == "Granite Medical"
    assert interview.source_url == "https://blog.example.org/2023/granite-medical/"
    # The standfirst is set in italics on the blog; on our page it is plain text.
    assert interview.introduction.startswith("Granite Medical makes surgical imaging systems")
    assert len(interview.qa) == 4
    assert interview.qa[-1][1] == "Start the safety case on day one."
    assert interview.benefits[0].startswith("We picked Xen")
    assert interview.challenges[:2] == [
        "Real-time video with low latency.",
        "Getting the regulator comfortable with the hypervisor.",
    ]
    assert {"Xen", "Linux", "KVM"} <= set(interview.platforms)
    assert interview.industry == "Medical"


def test_answer_labels_are_removed_but_words_that_look_like_them_are_kept():
    interview = parse(
        "Interview: Lynx Audio on DSPs\n\nQ. Who buys it?\n\nA. A-list studios.\n\n"
        "Q. And the rest?\n\nA-list studios only, for now.\n"
    )
    assert interview.qa == [
        ("Who buys it?", "A-list studios."),
        ("And the rest?", "A-list studios only, for now."),
    ]


def test_a_speaker_introduced_in_full_and_then_by_first_name():
    interview = parse(
        "Transcript: Heron Motors on cockpit software\n\n"
        "Interviewer: What do you build?\n\n"
        "Maria Okafor (CTO, Heron Motors): Cockpit computers for vans.\n\n"
        "Interviewer: Why a hypervisor?\n\nMaria: Isolation between the guests.\n"
    )
    assert interview.qa[-1][1] == "Isolation between the guests."
    assert interview.organization == "Heron Motors"


def test_markdown_quotes_and_bold_speaker_labels():
    interview = parse(
        "# Wren Avionics: a cockpit on one board\n\n"
        "> **Interviewer:** Why a hypervisor?\n>\n"
        "> **Ada Wren (CEO, Wren Avionics):** Fewer boxes in the aircraft.\n\n"
        "**Interviewer:** What was hard?\n\n**Ada Wren:** Certification.\n"
    )
    assert interview.qa == [
        ("Why a hypervisor?", "Fewer boxes in the aircraft."),
        ("What was hard?", "Certification."),
    ]
    assert interview.organization == "Wren Avionics"


def test_the_company_boilerplate_after_the_interview_is_not_part_of_the_last_answer():
    interview = parse(
        "Interview: Osprey Rail on signalling\n\n"
        "This interview has been edited for length.\n\n"
        "Why Xen?\n\nIt is small.\n\n"
        "About Osprey Rail: Osprey Rail builds signalling computers in 12 countries.\n"
    )
    assert interview.title == "Interview: Osprey Rail on signalling"
    assert interview.qa == [("Why Xen?", "It is small.")]
