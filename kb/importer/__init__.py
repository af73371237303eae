"""Turn a pasted or uploaded interview into a draft case study.

reading     bytes to text, or an ImportProblem saying why not
html        HTML to blocks of text; plaintext: text and Markdown to blocks
turns       which block is a question, an answer, a speaker's turn or page furniture
parse       blocks to a ParsedInterview (title, questions and answers, suggestions)
drafts      a ParsedInterview to a draft CaseStudy, refusing duplicates
"""

from .reading import ImportProblem, read_text

__all__ = ["ImportProblem", "read_text"]
