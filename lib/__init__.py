"""Small helpers shared by our apps that belong to none of them.

Nothing here imports from `definitions`, `referrals` or `screening` (a test checks it): what an
app must supply, such as where the content edition is kept, is named in settings.
"""
