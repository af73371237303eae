"""What a page shows, read from its HTML as a visitor's browser would: the titles of its cards
(listings, the home page, related case studies) and of its search results."""

from bs4 import BeautifulSoup


def card_titles(response, within="main"):
    """The titles of the cards (or search results) inside the element `within`, in order."""
    page = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in page.select(f"{within} .card-title a")]
