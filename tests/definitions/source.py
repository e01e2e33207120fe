"""Text copied from the sources, to check against: the legal instruments for the definitions,
100storiesHK ("What is human trafficking?") for the signs and the caveat.

100storiesHK's page gives the Palermo text with "of fraud, or deception" and the ILO definition
as a paraphrase; the tool quotes the instruments themselves (issue 25).
"""

# Palermo Protocol, Article 3(a) (UN General Assembly resolution 55/25, annex II).
PALERMO = (
    "“Trafficking in persons” shall mean the recruitment, transportation, transfer, harbouring or "
    "receipt of persons, by means of the threat or use of force or other forms of coercion, of "
    "abduction, of fraud, of deception, of the abuse of power or of a position of vulnerability "
    "or of the giving or receiving of payments or benefits to achieve the consent of a person "
    "having control over another person, for the purpose of exploitation. Exploitation shall "
    "include, at a minimum, the exploitation of the prostitution of others or other forms of "
    "sexual exploitation, forced labour or services, slavery or practices similar to slavery, "
    "servitude or the removal of organs;"
)

# ILO Forced Labour Convention, 1930 (No. 29), Article 2(1).
ILO = (
    "For the purposes of this Convention the term forced or compulsory labour shall mean all work "
    "or service which is exacted from any person under the menace of any penalty and for which "
    "the said person has not offered himself voluntarily."
)

SIGNS = [
    "Is not free to leave or come and go as he/she wishes",
    "Is under 18 and is providing commercial sex acts",
    "Is in the commercial sex industry and has a pimp / manager",
    "Is unpaid, paid very little, or paid only through tips",
    "Works excessively long and/or unusual hours",
    "Is not allowed breaks or suffers under unusual restrictions at work",
    "Owes a large debt and is unable to pay it off",
    "Was recruited through false promises concerning the nature and conditions of his/her work",
    "High security measures exist in the work and/or living locations (e.g. opaque windows, "
    "boarded up windows, bars on windows, barbed wire, security cameras, etc.)",
    "Is fearful, anxious, depressed, submissive, tense, or nervous/paranoid",
    "Exhibits unusually fearful or anxious behaviour after bringing up law enforcement",
    "Avoids eye contact",
    "Lacks health care",
    "Appears malnourished",
    "Shows signs of physical and/or sexual abuse, physical restraint, confinement, or torture",
    "Has few or no personal possessions",
    "Is not in control of his/her own money, no financial records, or bank account",
    "Is not in control of his/her own identification documents (ID or passport)",
    "Is not allowed or able to speak for themselves (a third party may insist on being present "
    "and/or translating)",
    "Claims of just visiting and inability to clarify where he/she is staying/address",
    "Lack of knowledge of whereabouts and/or do not know what city he/she is in",
    "Loss of sense of time",
    "Has numerous inconsistencies in his/her story",
]

# Not a Polaris sign: the tool adds it from the ILO indicator "intimidation and threats".
ADDED_SIGN = "threat-of-penalty"

CAVEAT = (
    "This list is not exhaustive and represents only a selection of possible indicators. Also, the "
    "red flags in this list may not be present in all trafficking cases and are not cumulative."
)

ILO_INDICATORS = [
    "Abuse of vulnerability",
    "Deception",
    "Restriction of movement",
    "Isolation",
    "Physical and sexual violence",
    "Intimidation and threats",
    "Retention of identity documents",
    "Withholding of wages",
    "Debt bondage",
    "Abusive working and living conditions",
    "Excessive overtime",
]
