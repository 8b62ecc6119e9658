"""Where a note names a job title: "the Data Analyst role", "the position of Product
Manager". Finds the title in the role's place and says whether it could be this role."""

from __future__ import annotations

import re

HEADS = frozenset("""
analyst engineer manager coordinator designer developer scientist associate specialist
director lead consultant administrator assistant officer architect advisor adviser
representative intern researcher writer editor planner accountant nurse teacher technician
strategist producer recruiter partner counsel paralegal lawyer attorney programmer tester
auditor economist controller executive supervisor clerk generalist owner head principal
fellow lecturer professor instructor tutor therapist pharmacist physician surgeon
copywriter marketer buyer trader banker underwriter actuary statistician modeler modeller
steward chef operator mechanic electrician agent adjuster investigator curator librarian
archivist coach counselor counsellor organizer organiser scheduler estimator surveyor
secretary solicitor barrister receptionist cashier driver pilot dentist veterinarian
trainee apprentice advocate caseworker carer aide dietitian nutritionist psychologist
midwife paramedic hygienist optometrist radiographer sonographer translator interpreter
journalist reporter photographer illustrator animator artist musician librarian
""".split())
_SENIORITY = frozenset("""senior junior sr jr lead principal staff chief associate assistant
entry level mid i ii iii iv 1 2 3 graduate trainee apprentice""".split())
_MODIFIERS = frozenset("""data product software marketing sales finance financial business
operations ux ui user research content brand digital growth account accounts customer
project program programme people talent hr legal policy security cloud platform backend
frontend front-end back-end full-stack fullstack mobile web machine learning ml ai devops
site reliability qa quality test support solutions technical engineering analytics
insights supply chain logistics procurement communications editorial social media design
graphic visual interaction service clinical nursing research teaching training learning
development fundraising events community partnerships strategy risk compliance tax audit
investment credit payments treasury pricing revenue""".split())
_NOUN = r"(?:role|position|job|opening|vacancy|post|opportunity|interview)"
_BEFORE = re.compile(rf"(?i)\b{_NOUN}\b")
_AFTER = re.compile(r"(?i)\b(?:role|position|post)\s+(?:of|as)\s+(?:an?\s+|the\s+)?")
_TITLE_RUN = re.compile(r"(?:[A-Z][\w'’+&-]*[ \t]+){0,4}[A-Z][\w'’+&-]*")
_WORD = re.compile(r"[\w][\w'’./+&-]*")
_OWN = re.compile(r"(?i)\b(?:my|our|his|her|their|your)\s*$")


_STOP = frozenset("""the this that a an our your my their his her its for about from of to
in at on with and or as is was be thank thanks you""".split())


def _title_words(text: str, words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The title at the end of `words` (each (word, start, end) in `text`), or [] if none:
    adjacent words, each capitalised or a title word, back to a determiner or punctuation."""
    if not words or words[-1][0].casefold() not in HEADS:
        return []
    taken = [words[-1]]
    for word in reversed(words[:-1]):
        lower = word[0].casefold()
        if text[word[2] : taken[0][1]].strip() or lower in _STOP:
            break
        if word[0][:1].isupper() or lower in _SENIORITY or lower in _MODIFIERS or lower in HEADS:
            taken.insert(0, word)
        else:
            break
    return taken


def role_titles(text: str) -> list[tuple[int, int]]:
    """(start, end) of each job title standing in a role's place in `text`."""
    out: list[tuple[int, int]] = []
    for match in _BEFORE.finditer(text):
        offset = max(0, match.start() - 80)
        words = [(m.group(), offset + m.start(), offset + m.end())
                 for m in _WORD.finditer(text[offset : match.start()])]
        if words and text[words[-1][2] : match.start()].strip():
            continue
        title = _title_words(text, words)
        if (title and (len(title) > 1 or title[0][0][:1].isupper())
                and not _OWN.search(text[max(0, title[0][1] - 12) : title[0][1]])):
            out.append((title[0][1], title[-1][2]))
    for match in _AFTER.finditer(text):
        if _OWN.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        run = _TITLE_RUN.match(text, match.end())
        if run is None:
            continue
        after = [(m.group(), run.start() + m.start(), run.start() + m.end())
                 for m in _WORD.finditer(run.group())]
        while after and after[-1][0].casefold() not in HEADS:
            after.pop()
        if after:
            out.append((after[0][1], after[-1][2]))
    return out


def fits_role(title: str, role: str, aliases: tuple[str, ...] = ()) -> bool:
    """Whether `title` could name `role`: its words, seniority aside, are the role's."""
    def words(text: str) -> set[str]:
        return {w.casefold().strip(".,") for w in _WORD.findall(text)}
    said = words(title) - _SENIORITY
    return any(said <= (words(r) | _SENIORITY) for r in (role, *aliases) if r)
