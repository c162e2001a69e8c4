"""What networks hold about a person: roles in networks, bookings and members' posts."""

from spira.networks.models import Booking, NetworkDocument, NetworkPerson, NetworkPost


def export_network_data(user) -> dict:
    return {
        "roles": [
            {"network": p.network.name, "role": p.role, "title": p.title}
            for p in NetworkPerson.objects.filter(user=user).select_related("network")
        ],
        "bookings": [
            {
                "resource": b.resource.name,
                "starts_at": b.starts_at,
                "ends_at": b.ends_at,
                "status": b.status,
                "title": b.title,
            }
            for b in Booking.objects.filter(booked_by=user).select_related("resource")
        ],
        "posts": [
            {"network": p.network.name, "title": p.title, "body": p.body, "created_at": p.created_at}
            for p in NetworkPost.objects.filter(author=user).select_related("network")
        ],
    }


def erase_network_data(user) -> None:
    """Roles end; bookings and posts stay for the record without the person's name."""
    NetworkPerson.objects.filter(user=user).delete()
    Booking.objects.filter(booked_by=user).update(booked_by=None, title="")
    NetworkPost.objects.filter(author=user).update(author=None)
    NetworkDocument.objects.filter(added_by=user).update(added_by=None)
