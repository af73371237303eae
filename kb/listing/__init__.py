"""Listing case studies: filters, facet counts and newest-first order, from an in-memory
facet index (kb.listing.facet_index)."""
