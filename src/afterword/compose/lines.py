"""The stock lines of a thank-you, as data: several ways to say each thing.

Rules for every line here: it names the role at most in the opening; it claims nothing
about the writer (that comes only from what the user recorded: `candidate.strengths`);
and the padding lines are true of any interview (time, questions, the team, the work).
Placeholders: {when} the interview seen from the send time, {role}/{position} "the X
role", {company}, {at_company} "at X" / "on your team", {t} an about-phrase, {o} a noun
phrase, {c} a clause, {s} what the writer brings, {e} their date, {d} the check-in date.
"""

from __future__ import annotations

OPENINGS = (
    "Thank you for meeting with me {when} to talk about {role}.",
    "It was a pleasure to talk {when} about {role}.",
    "Thank you for the thoughtful conversation {when} about {position}.",
    "Thank you for taking the time {when} to tell me more about {role}.",
    "Thank you for making time {when} to walk me through {role}.",
    "Our conversation {when} gave me a much better sense of {role}, and I am grateful for "
    "your time.",
    "Many thanks for the conversation {when}; it was a real pleasure to learn more about "
    "{role}.",
    "Many thanks for the time you gave me {when} to talk about {role}.",
    "Thank you for a generous and candid conversation {when} about {role}.",
    "It was good to meet {when} and to hear more about {role}.",
    "Thank you for speaking with me {when} about {role}.",
    "I appreciated the chance {when} to learn more about {role}.",
    "Thank you for the welcome {when} and for the conversation about {role}.",
    "It was a real pleasure to discuss {role} with you {when}.",
)
OPENING_SHORT = "Thank you for your time."
ABOUT_FIRST = (
    "Our conversation about {t} has stayed with me.",
    "Hearing about {t} was the part of the conversation I enjoyed most.",
    "What you shared about {t} gave me a clearer picture of the work.",
    "I have kept thinking about {t}.",
    "Our exchange about {t} was a highlight.",
    "It was a real pleasure to talk about {t}.",
    "It was good to have time to talk about {t}.",
    "Listening to you talk about {t} was one of the best parts of the conversation.",
)
ABOUT_LAST = (  # for about-phrases that are clauses: nothing may follow them
    "It was a real pleasure to talk about {t}.",
    "It was good to have time to talk about {t}.",
    "I have kept thinking about {t}.",
    "It was fascinating to hear about {t}.",
    "Thank you for talking me through {t}.",
)
ABOUT_LAST_SECOND = ("It was also useful to talk about {t}.",
                     "It was also a pleasure to discuss {t}.")
THING_FIRST = (
    "Thank you in particular for {o}.",
    "{O} stuck with me.",
    "{O} stayed with me long after we spoke.",
    "Thank you especially for {o}.",
)
PAST_FIRST = (
    "It meant a lot that {c}.",
    "I was glad that {c}.",
    "It was a real pleasure that {c}.",
)
WE_PAST_FIRST = (
    "The moment {c} stayed with me.",
    "I keep thinking back to the moment {c}.",
    "The moment {c} was a highlight.",
)
PRESENT_FIRST = (
    "It was good to hear that {c}.",
    "It was interesting to learn that {c}.",
    "It was encouraging to hear that {c}.",
)
ABOUT_SECOND = (
    "Our talk about {t} was just as useful.",
    "It was good to hear about {t} as well.",
    "Talking about {t} was just as valuable.",
    "Hearing about {t} was just as interesting.",
    "The exchange about {t} was another highlight.",
)
THING_SECOND = ("{O} stuck with me too.", "Thank you as well for {o}.")
PAST_SECOND = ("It also meant a lot that {c}.", "It was good, too, that {c}.")
PRESENT_SECOND = ("It was also good to hear that {c}.", "It was interesting, too, to learn "
                  "that {c}.")
INTEREST = (
    "Everything I heard makes me more enthusiastic about joining {company}.",
    "Our conversation confirmed my interest in the position and in the work {at_company}.",
    "The conversation left me even more enthusiastic about the chance to contribute to your "
    "team.",
    "The opportunity, and the chance to work with you, appeal to me more than ever.",
    "The conversation strengthened my interest in the work {at_company}.",
    "The chance to contribute to the work {at_company} appeals to me more than ever.",
    "It made the opportunity {at_company} even more appealing to me.",
    "Everything we discussed left me keener than ever on the position.",
    "I came away even more interested in the work {at_company}.",
    "The conversation made the prospect of joining your team even more exciting.",
    "Our talk only deepened my interest in the position.",
    "Hearing about the work {at_company} made me keener still to be part of it.",
)
INTEREST_SHORT = "Thank you again."
STRENGTHS = (
    "I would be glad to bring {s} to the work {at_company}.",
    "I hope to put {s} to work for your team.",
    "Bringing {s} to your team would be a pleasure.",
    "It would be a pleasure to bring {s} to the position.",
)
# Padding for a short note: true of any good interview, so a draft never invents one.
GENERIC = (
    "Thank you for the time you took to answer my questions.",
    "It was good to learn more about the team and how it works.",
    "Thank you as well for the care you put into the conversation.",
    "Hearing your perspective on the work was a pleasure.",
    "The chance to ask my own questions was valuable too.",
    "Your answers to my questions were genuinely helpful.",
    "Learning about the work firsthand was a real pleasure.",
    "Our conversation gave me a better sense of the day-to-day work.",
    "It was a pleasure to hear how you think about the work.",
    "The conversation gave me a clearer picture of what matters most to the team.",
    "Thank you for being so generous with your time.",
    "Thank you for the chance to talk.",
    "Your time and attention meant a lot to me.",
    "Talking with you made the work feel much more concrete.",
    "Hearing about the work from you directly was a real help.",
    "It was a pleasure to hear more about how the team works together.",
    "The time you set aside for the conversation is much appreciated.",
    "Your frankness about the role's challenges was refreshing.",
    "It helped a great deal to hear how the work is shared out.",
    "The conversation answered several questions that had been on my mind.",
    "Hearing what a typical week looks like was especially useful.",
    "Your description of the team's priorities was very clear.",
    "It was useful to hear what success looks like in the first months.",
    "The way you described the team's culture stayed with me.",
    "Thank you for explaining so clearly how decisions get made.",
    "Learning how the team measures its progress was valuable.",
    "Your openness about what lies ahead for the team was appreciated.",
    "It was reassuring to hear how the team supports newcomers.",
    "Hearing how the different roles fit together was a real help.",
    "The conversation gave me plenty to reflect on afterwards.",
    "It was a pleasure to put faces and voices to the work.",
    "Your enthusiasm for the work came through clearly.",
    "Thank you for giving such full answers to my questions.",
    "The picture you gave of the coming year was very helpful.",
    "It was good to hear about the tools and habits the team relies on.",
    "Our talk made the day-to-day of the position much easier to picture.",
    "The conversation was as enjoyable as it was informative.",
    "Hearing about the team's recent work was a highlight of the day.",
    "Your warmth made the whole conversation easy and enjoyable.",
    "The questions you asked made me think hard, in a good way.",
)
FOLLOW_DATED = (
    "You mentioned a decision by {e}; I will check in on {d} if I have not heard from you "
    "by then.",
    "As I understand it, the team hopes to decide by {e}, so I will follow up on {d} if I "
    "have not heard anything before then.",
    "You said to expect news by {e}. If I have not heard by then, I will reach out on {d}.",
    "Given a decision expected by {e}, I plan to check in on {d} if I have not heard from "
    "you.",
    "The timeline you described points to {e}; if I have not heard by then, I will be in "
    "touch on {d}.",
    "As far as I know, a decision is expected by {e}; if I have not heard by {d}, I will "
    "check in then.",
    "With a decision planned for {e}, I will follow up on {d} if I have not heard by then.",
)
FOLLOW_DEFAULT = (
    "Unless I hear from you sooner, I will check in on {d}.",
    "If I have not heard anything by {d}, I will follow up then.",
    "To stay in touch, I will reach out on {d} in case there is any news.",
    "If it is helpful, I will check in on {d} to see how things are going.",
    "Unless I hear something before then, I plan to check in on {d}.",
    "If there is no news by {d}, I will check in with you then.",
)
FOLLOW_UNDATED = (
    "Unless I hear from you sooner, I will follow up in two weeks.",
    "If I have not heard anything in two weeks, I will check in then.",
    "If there is no news in about two weeks, I will check in again.",
)
# When every line above went to an earlier panelist: the last form stays under seven
# words even with a year in the date, so it may go to everyone.
FOLLOW_SHORT = ("I'll check in on {d}.", "I'll follow up {d}.")
FOLLOW_SHORT_UNDATED = ("I'll follow up in two weeks.",)
