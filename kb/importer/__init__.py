"""Turn a pasted or uploaded interview into a draft case study.

reading       bytes to text, or an ImportProblem whose message an editor understands
plaintext     text and Markdown to blocks; html: HTML to blocks (no scripts, styles, chrome)
blocks        the block types every format is reduced to
turns         which block is a question, an answer, a speaker's turn or page furniture
parse         blocks to a ParsedInterview: the post holding the interview, its questions and
              answers, and the suggestions below
organization  the interviewed organization's name
items         benefits and challenges from the answers that hold them
vocabulary    platforms, industries and tags: built-in names plus those in the database
drafts        a ParsedInterview to a draft CaseStudy in one transaction, refusing duplicates
forms, admin_views   the admin's "Import interview" page
"""

from .reading import ImportProblem, read_text

__all__ = ["ImportProblem", "read_text"]
