from .collection import Collection, CollectionItem
from .resource import KnowledgeResource, ResourceInitiative, ResourceUse, Review

__all__ = ["Collection", "CollectionItem", "KnowledgeResource", "ResourceInitiative", "ResourceUse", "Review"]
