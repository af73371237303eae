"""Turn an interview, as it was published, into draft case studies.

reading       bytes to text, or an ImportProblem whose message an editor understands
fetch         a web address to bytes: http(s) only, 20 MB, 10 s, no private networks
plaintext     Markdown and plain text to blocks (markdown-it-py), front matter (YAML, TOML)
lines         a paragraph's lines to blocks: turns, bold questions, captions
html          HTML to blocks: trafilatura's main content, and html_markdown's full reading
metadata      titles, dates, canonical addresses, authors from front matter or the page head
blocks        the block model every format is reduced to
questions     which blocks ask, in the style the document uses
turns         speaker labels, initials, interviewer, page furniture
parse         blocks to ParsedInterviews: posts, titles, introductions, questions, answers
answers       answers and introductions as Markdown, labels taken off
people        interviewees and interviewer with job title and organization
suggestions   organization, summary, benefits, challenges, platforms, industry, tags
organization  the interviewed organization's name
items         benefits and challenges from the answers that hold them
vocabulary    platforms, industries and tags: built-in names plus those in the database
drafts        a ParsedInterview to a draft CaseStudy with its people in one transaction
(the admin's import page is kb/admin/importing.py with kb/admin/import_forms.py)
"""

from .reading import ImportProblem, read_text

__all__ = ["ImportProblem", "read_text"]
