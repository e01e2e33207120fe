"""The three roles and what each may do; used to create the groups and the demo accounts.

The groups are created in one place only: the post_migrate handler in screening/apps.py.
"""

CASEWORKER = "Caseworker"
SUPERVISOR = "Supervisor"
VOLUNTEER = "Volunteer"

_CASEWORK = ["add_screening", "change_screening", "view_screening"]

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    CASEWORKER: [("screening", codename) for codename in _CASEWORK],
    SUPERVISOR: [
        ("screening", codename)
        for codename in [
            *_CASEWORK,
            "view_all_screenings",
            "review_screening",
            "view_auditevent",
            "view_statistics",
        ]
    ],
    # Volunteers read the public reference pages; they can never open a screening.
    VOLUNTEER: [],
}
