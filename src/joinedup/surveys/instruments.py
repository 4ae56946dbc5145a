"""The five survey instruments, as plain data.

An instrument is a list of short questions, most of them grouped by theme.
The models store which instrument a survey uses by its ``code``; the
questions live here, in code, so that every partnership asks the same things
and waves can be compared.

Some options are only known when a survey runs: the organisations in the
partnership ("which organisation do you answer for") and the partnership's
stated outcomes ("which of these matter most to you"). ``with_partnership``
fills those in. The culture check and the partner relationships survey ask
about each *other* partner, so they repeat their partner questions once per
organisation.

Every user-visible string is wrapped in ``gettext_lazy`` so that it can be
translated (Welsh is provided for the service-user instruments).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from joinedup.surveys.redaction import redact

# Question kinds.
AGREEMENT5 = "agreement5"  # 1 strongly disagree .. 5 strongly agree, or "dont_know"
SCALE = "scale"  # 1..5 between two labelled ends
COUNT = "count"  # a whole number, reported in bands
YES_NO_UNSURE = "yes_no_unsure"
CHOICE = "choice"
MULTI_CHOICE = "multi_choice"
FREE_TEXT = "free_text"
OUTCOME_CHOICE = "outcome_choice"  # several of the partnership's outcomes
KINDS = frozenset(
    {AGREEMENT5, SCALE, COUNT, YES_NO_UNSURE, CHOICE, MULTI_CHOICE, FREE_TEXT, OUTCOME_CHOICE}
)
SCORED_KINDS = frozenset({AGREEMENT5, SCALE})  # answers 1..5 that make theme scores

# Who answers.
PARTNER_REPRESENTATIVE = "partner"
FRONT_LINE_STAFF = "staff"
SERVICE_USER_OR_CARER = "service_user"
RESPONDENT_KINDS = frozenset({PARTNER_REPRESENTATIVE, FRONT_LINE_STAFF, SERVICE_USER_OR_CARER})

DONT_KNOW = "dont_know"
FREE_TEXT_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Option:
    """One answer to choose. ``low``/``high`` give the range of a count band."""

    value: str
    label: str
    low: int | None = None
    high: int | None = None
    picture: str = ""  # easy read: the picture beside the answer (static/surveys/easy-read/<picture>.svg)


@dataclass(frozen=True)
class Theme:
    code: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Question:
    """One question. ``options_from`` names options filled in when the survey runs."""

    code: str
    text: str
    kind: str
    theme: str | None = None
    options: tuple[Option, ...] = ()
    help: str = ""
    required: bool = False
    reverse_scored: bool = False
    options_from: str = ""  # "organisations" or "outcomes"
    max_choices: int | None = None
    identifies_group: bool = False  # the answer is the respondent's stakeholder group
    about_each_partner: bool = False  # culture check: asked once per other partner
    about_organisation: str = ""  # set by with_partnership: the partner's name, for its heading

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown question kind {self.kind!r} for {self.code!r}.")
        if self.reverse_scored and self.kind not in SCORED_KINDS:
            raise ValueError(f"Only 1 to 5 questions can be reverse scored ({self.code!r}).")


@dataclass(frozen=True)
class Instrument:
    code: str
    title: str
    intro: str
    respondent_kind: str
    questions: tuple[Question, ...]
    themes: tuple[Theme, ...] = ()
    easy_read_of: str = ""  # the code of the instrument this is an easy-read version of
    # Ask all the questions about one partner together, under its name,
    # rather than each question about every partner in turn.
    grouped_by_partner: bool = False

    def question(self, code: str) -> Question:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(code)

    @property
    def group_question(self) -> Question | None:
        return next((q for q in self.questions if q.identifies_group), None)

    def theme_questions(self, theme: str) -> tuple[Question, ...]:
        """The 1-to-5 questions that make up a theme's score."""
        return tuple(q for q in self.questions if q.theme == theme and q.kind in SCORED_KINDS)


def _agreement(code: str, text: str, theme: str, reverse: bool = False) -> Question:
    return Question(code, text, AGREEMENT5, theme, AGREEMENT_OPTIONS, reverse_scored=reverse)


def _scale(code: str, text: str, theme: str | None, labels: Sequence[str]) -> Question:
    options = tuple(Option(str(n), label) for n, label in enumerate(labels, start=1))
    return Question(code, text, SCALE, theme, options)


AGREEMENT_OPTIONS = (
    Option("5", _("Strongly agree")),
    Option("4", _("Agree")),
    Option("3", _("Neither agree nor disagree")),
    Option("2", _("Disagree")),
    Option("1", _("Strongly disagree")),
    Option(DONT_KNOW, _("Don't know")),
)
YES_NO_UNSURE_OPTIONS = (
    Option("yes", _("Yes")),
    Option("no", _("No")),
    Option("unsure", _("Not sure")),
)
YES_NO_OPTIONS = (Option("yes", _("Yes")), Option("no", _("No")))
# Easy read: the same answers, each with its picture.
EASY_YES_NO_UNSURE_OPTIONS = (
    Option("yes", _("Yes"), picture="yes"),
    Option("no", _("No"), picture="no"),
    Option("unsure", _("Not sure"), picture="not-sure"),
)

# ---------------------------------------------------------------- 1. health check

HEALTH_CHECK_THEMES = (
    Theme("purpose", _("Shared purpose and outcomes")),
    Theme("why_partnership", _("Why a partnership")),
    Theme("who_does_what", _("Agreement on who does what")),
    Theme("resources", _("Resources")),
    Theme("accountability", _("Accountabilities and conflicting targets")),
    Theme("communication", _("Communication")),
    Theme("trust", _("Trust and commitment")),
    Theme("frontline", _("Front-line staff engagement")),
    Theme("user_involvement", _("Service-user and carer involvement")),
    Theme("learning", _("Learning and review")),
    Theme("benefits", _("Benefits and downsides")),
)

HEALTH_CHECK = Instrument(
    code="health_check",
    title=_("Partnership health check"),
    intro=_(
        "This check asks partner representatives how well the partnership is working. "
        "It takes about 10 minutes. Your answers are anonymous: results are never shown "
        "for small groups."
    ),
    respondent_kind=PARTNER_REPRESENTATIVE,
    themes=HEALTH_CHECK_THEMES,
    questions=(
        Question(
            "group", _("Which organisation or group are you answering for?"), CHOICE,
            options_from="organisations", required=True, identifies_group=True,
        ),
        _agreement("purpose_shared", _("The partnership has a clear purpose that all partners share."), "purpose"),
        _agreement("purpose_outcomes", _("Our aims are written as outcomes for the people who use services."), "purpose"),
        _agreement("purpose_meetings", _("We judge success by meetings held rather than by results for people."), "purpose", reverse=True),
        _agreement("why_needed", _("We know why our outcomes need partners working together, not one agency alone."), "why_partnership"),
        _agreement("why_form", _("The way we work together (for example a network, a joint team or a pooled budget) fits what we want to achieve."), "why_partnership"),
        _agreement("roles_written", _("There is a written agreement that says who does what."), "who_does_what"),
        _agreement("roles_own", _("I know what my organisation is expected to do in the partnership."), "who_does_what"),
        _agreement("roles_duplicated", _("Partners often duplicate each other's work."), "who_does_what", reverse=True),
        _agreement("resources_agreed", _("Each partner's contribution of money, staff time or premises is agreed."), "resources"),
        _agreement("resources_fit", _("Resources are shared in a way that fits each partner's role, not split equally by habit."), "resources"),
        _agreement("resources_disputes", _("Disagreements about money get in the way of the work."), "resources", reverse=True),
        _agreement("accountable_to", _("It is clear who the partnership answers to."), "accountability"),
        _agreement("targets_conflict", _("My organisation's own targets pull against what the partnership is trying to do."), "accountability", reverse=True),
        _agreement("targets_discussed", _("Partners have talked openly about their different targets and how to handle them."), "accountability"),
        _agreement("information_shared", _("Partners share information openly and in good time."), "communication"),
        _agreement("decisions_reach", _("Decisions made at partnership meetings reach the people who need to act on them."), "communication"),
        _agreement("jargon", _("Different professional language often causes misunderstandings."), "communication", reverse=True),
        _agreement("trust_deliver", _("I trust the other partners to do what they say they will."), "trust"),
        _agreement("trust_authority", _("Partners send people who can make decisions for their organisation."), "trust"),
        _agreement("trust_turnover", _("When key people move on, the partnership loses its way."), "trust", reverse=True),
        _agreement("frontline_aware", _("Front-line staff know about the partnership and what it is for."), "frontline"),
        _agreement("frontline_voice", _("Front-line staff can raise problems and see them dealt with."), "frontline"),
        _agreement("users_from_start", _("People who use services and carers were involved from the start."), "user_involvement"),
        _agreement("users_influence", _("People who use services and carers shape decisions, not just hear about them."), "user_involvement"),
        _agreement("learning_review", _("We regularly check whether we are achieving our outcomes."), "learning"),
        _agreement("learning_elsewhere", _("We learn from good examples in other places."), "learning"),
        _agreement("learning_change", _("We change what we do when the evidence shows something is not working."), "learning"),
        _agreement("benefits_worth", _("The benefits of the partnership are worth the time my organisation puts in."), "benefits"),
        _agreement("benefits_downsides", _("We have talked about the downsides and risks of working in partnership."), "benefits"),
        _agreement("benefits_own_sake", _("The partnership sometimes seems to exist for its own sake."), "benefits", reverse=True),
        Question(
            "changes", _("What has changed in the partnership in the last year?"), MULTI_CHOICE,
            options=(
                Option("people_left", _("Key people have moved on")),
                Option("new_partners", _("New partners have joined")),
                Option("users_joined", _("Service users or carers have joined")),
                Option("new_outcomes", _("Our outcomes have been reviewed")),
                Option("nothing", _("Nothing much has changed")),
            ),
            help=_("Select all that apply."),
        ),
        Question("improve", _("What one change would most improve this partnership?"), FREE_TEXT),
    ),
)

# ---------------------------------------------------------------- 2. culture check


@dataclass(frozen=True)
class CultureDimension:
    """How an agency decides or communicates. Option 1 is the most formal end."""

    code: str
    title: str
    own_text: str
    partner_text: str  # with {organisation}
    labels: tuple[str, str, str, str, str]


CULTURE_DIMENSIONS = (
    CultureDimension(
        "papers", _("Papers or discussion"),
        _("How does your organisation usually reach decisions with partners?"),
        _("How does {organisation} usually reach decisions with partners?"),
        (_("Only on formal written papers"), _("Mostly on written papers"), _("Equally on papers and discussion"),
         _("Mostly by discussion in the room"), _("Only by discussion in the room")),
    ),
    CultureDimension(
        "speed", _("Speed of decisions"),
        _("How long does your organisation usually take to decide something about the partnership's work?"),
        _("How long does {organisation} usually take to decide something about the partnership's work?"),
        (_("Several months"), _("One to three months"), _("A few weeks"), _("A week or two"),
         _("It can decide at the meeting")),
    ),
    CultureDimension(
        "money", _("Who can commit money"),
        _("Who in your organisation can commit money to the partnership's work?"),
        _("Who in {organisation} can commit money to the partnership's work?"),
        (_("Only a board, cabinet or committee"), _("A director, after internal sign-off"), _("A senior manager"),
         _("A budget holder who comes to meetings"), _("Whoever represents it at the meeting")),
    ),
    CultureDimension(
        "written", _("Written or spoken"),
        _("How does your organisation prefer to agree things with partners?"),
        _("How does {organisation} prefer to agree things with partners?"),
        (_("Always in writing, formally signed off"), _("Mostly in writing"), _("A mix of writing and conversation"),
         _("Mostly by conversation, written up later"), _("By word of mouth: a conversation is enough")),
    ),
)
OWN_PREFIX = "own_"
PARTNER_PREFIX = "partner_"
PARTNER_SEPARATOR = "__"

CULTURE = Instrument(
    code="culture",
    title=_("Culture check: how each partner decides and communicates"),
    intro=_(
        "Partners often work in different ways without saying so. This check asks how your "
        "organisation decides and communicates, and how you see each of the other partners. "
        "There are no right answers. It takes about 10 minutes. What you say, about your own "
        "organisation or about partners, is only shown combined with the views of other people, "
        "at least 5 in all."
    ),
    respondent_kind=PARTNER_REPRESENTATIVE,
    questions=(
        Question(
            "group", _("Which organisation do you work for?"), CHOICE,
            options_from="organisations", required=True, identifies_group=True,
        ),
        *(_scale(OWN_PREFIX + d.code, d.own_text, None, d.labels) for d in CULTURE_DIMENSIONS),
        *(
            replace(_scale(PARTNER_PREFIX + d.code, d.partner_text, None, d.labels), about_each_partner=True)
            for d in CULTURE_DIMENSIONS
        ),
        Question("misunderstood", _("What do partners most often misunderstand about how your organisation works?"), FREE_TEXT),
    ),
)

# ---------------------------------------------------------------- 5. partner relationships

# After the PARTNER tool (Varda et al.): three questions on trust and three on
# value, about each other partner, in our own words. Answers run from 1 (not
# at all) to 4 (a great deal), as PARTNER's do; scores are in relationships.py.
RELATIONSHIP_LEVELS = (_("Not at all"), _("A little"), _("Quite a lot"), _("A great deal"))
RELATIONSHIP_DONT_KNOW = Option(DONT_KNOW, _("I don't know enough to say"))
TRUST = "trust"
VALUE = "value"


@dataclass(frozen=True)
class RelationshipItem:
    """One question asked about each other partner; ``measure`` is trust or value."""

    code: str
    measure: str
    text: str  # with {organisation}


RELATIONSHIP_ITEMS = (
    RelationshipItem(
        "open", TRUST,
        _("How willing is {organisation} to talk things through with your organisation, even when you disagree?"),
    ),
    RelationshipItem(
        "reliable", TRUST,
        _("How far can your organisation rely on {organisation} to do what it says it will?"),
    ),
    RelationshipItem(
        "mission", TRUST,
        _("How much does {organisation} share the partnership's aims?"),
    ),
    RelationshipItem(
        "influence", VALUE,
        _("How much influence does {organisation} have on what the partnership achieves?"),
    ),
    RelationshipItem(
        "involved", VALUE,
        _("How much does {organisation} take part in the partnership's work?"),
    ),
    RelationshipItem(
        "resources", VALUE,
        _("How much does {organisation} bring to the partnership, such as money, staff time, knowledge, "
          "premises or contacts?"),
    ),
)
RATING_PREFIX = "rate_"

RELATIONSHIPS = Instrument(
    code="relationships",
    title=_("Partner relationships: trust and value"),
    intro=_(
        "This survey asks how your organisation sees each of the other partners: how far you "
        "trust them and what they bring. It takes about 5 minutes. Skip any partner you do not "
        "know well enough. What you say is only ever shown combined with the views of other "
        "people, at least 5 in all, never on its own."
    ),
    respondent_kind=PARTNER_REPRESENTATIVE,
    grouped_by_partner=True,
    questions=(
        Question(
            "group", _("Which organisation do you represent in the partnership?"), CHOICE,
            options_from="organisations", required=True, identifies_group=True,
            help=_("You will not be asked about your own organisation. If the questions below include "
                   "it, leave them blank: answers about your own organisation are not counted."),
        ),
        *(
            Question(
                RATING_PREFIX + item.code, item.text, SCALE, None,
                (*(Option(str(n), label) for n, label in enumerate(RELATIONSHIP_LEVELS, start=1)),
                 RELATIONSHIP_DONT_KNOW),
                about_each_partner=True,
            )
            for item in RELATIONSHIP_ITEMS
        ),
    ),
)

# ---------------------------------------------------------------- 3. staff pulse

STAFF_PULSE = Instrument(
    code="staff_pulse",
    title=_("Staff pulse"),
    intro=_(
        "A few quick questions for staff who work with people using services. It takes about "
        "3 minutes. We do not ask your name, and results are never shown for small groups."
    ),
    respondent_kind=FRONT_LINE_STAFF,
    themes=(
        Theme("wellbeing", _("Job satisfaction and morale")),
        Theme("role_clarity", _("Role clarity")),
        Theme("connections", _("Knowing whom to contact")),
        Theme("partnership_effect", _("Does the partnership help my work?")),
    ),
    questions=(
        Question(
            "group", _("Which organisation employs you?"), CHOICE,
            options_from="organisations", required=True, identifies_group=True,
        ),
        _scale("job_satisfaction", _("How satisfied are you with your job at the moment?"), "wellbeing",
               (_("Very dissatisfied"), _("Dissatisfied"), _("Neither"), _("Satisfied"), _("Very satisfied"))),
        _agreement("morale", _("Morale in my team is good."), "wellbeing"),
        _agreement("role_clear", _("I am clear about what is expected of me when I work with other agencies."), "role_clarity"),
        _agreement("know_contact", _("I know whom to contact in partner agencies."), "connections"),
        _agreement("contact_helpful", _("When I contact a partner agency, I get a helpful response."), "connections"),
        _scale("partnership_effect", _("Overall, does the partnership make your work easier or harder?"), "partnership_effect",
               (_("Much harder"), _("A bit harder"), _("No difference"), _("A bit easier"), _("Much easier"))),
        Question(
            "obstacle", _("What gets in the way of joined-up work for the people you support?"), FREE_TEXT,
            help=_("Please do not name anyone. Describe the problem, not the person."),
        ),
        Question(
            "obstacle_consent",
            _("May we pass on what you wrote as an obstacle for the partnership to act on?"),
            CHOICE, options=YES_NO_OPTIONS,
            help=_("We will not say who wrote it. Names and contact details are removed."),
        ),
    ),
)

# ---------------------------------------------------------------- 4. service users and carers

STORY_BANDS = (
    Option("0-1", _("Once or not at all"), 0, 1),
    Option("2-3", _("2 or 3 times"), 2, 3),
    Option("4+", _("4 times or more"), 4, None),
)
EXPERIENCE_THEMES = (
    Theme("joined_up", _("Joined-up help")),
    Theme("what_matters", _("What matters to people")),
)

SERVICE_USER = Instrument(
    code="service_user",
    title=_("Your experience of services"),
    intro=_(
        "This survey is about the help you get from health, care and other services. "
        "It has 8 questions and takes about 5 minutes. You can skip any question. "
        "We do not ask your name and we do not record where you answered from."
    ),
    respondent_kind=SERVICE_USER_OR_CARER,
    themes=EXPERIENCE_THEMES,
    questions=(
        Question(
            "told_story", _("In the last year, how many times have you had to tell your story to someone new?"),
            COUNT, "joined_up", STORY_BANDS,
            help=_("Count each time you had to explain your situation again from the start."),
        ),
        Question("passed_between", _("Have you been passed from one service to another without getting the help you needed?"), YES_NO_UNSURE, "joined_up", YES_NO_UNSURE_OPTIONS),
        Question("services_talk", _("Do the services that help you talk to each other?"), YES_NO_UNSURE, "joined_up", YES_NO_UNSURE_OPTIONS),
        Question("knew_contact", _("When you needed help, did you know who to contact?"), YES_NO_UNSURE, "joined_up", YES_NO_UNSURE_OPTIONS),
        Question("what_matters", _("What matters most to you in your life and in the help you get?"), FREE_TEXT, "what_matters"),
        Question(
            "outcomes", _("These are the goals the services have set themselves. Which matter most to you?"),
            OUTCOME_CHOICE, "what_matters", options_from="outcomes", max_choices=3,
            help=_("Choose up to 3."),
        ),
        Question("missing", _("Is anything important to you missing from these goals?"), FREE_TEXT, "what_matters"),
        Question("working_change", _("What is working well, and what should change?"), FREE_TEXT, "joined_up"),
    ),
)

SERVICE_USER_EASY_READ = Instrument(
    code="service_user_easy_read",
    title=_("Tell us about your help"),
    intro=_(
        "We want to know about the help you get. There are 8 questions. "
        "You can skip a question. We will not ask your name."
    ),
    respondent_kind=SERVICE_USER_OR_CARER,
    themes=EXPERIENCE_THEMES,
    easy_read_of="service_user",
    questions=(
        Question(
            "told_story", _("How many times did you tell your story to someone new?"), CHOICE, "joined_up",
            # "Never" and "Once" apart (the standard survey's band "0-1" counts
            # both): an easy-read answer names one thing. Both are stored as
            # the number, which counts in the band "0-1" (scoring._answer_values).
            (Option("0", _("Never"), picture="never"), Option("1", _("Once"), picture="once"),
             Option("2-3", _("2 or 3 times"), picture="two-or-three"),
             Option("4+", _("4 times or more"), picture="four-or-more"),
             Option(DONT_KNOW, _("I don't know"), picture="dont-know")),
        ),
        Question("passed_between", _("Were you sent from place to place without getting help?"), YES_NO_UNSURE, "joined_up", EASY_YES_NO_UNSURE_OPTIONS),
        Question("services_talk", _("Do the people who help you talk to each other?"), YES_NO_UNSURE, "joined_up", EASY_YES_NO_UNSURE_OPTIONS),
        Question("knew_contact", _("Did you know who to ask for help?"), YES_NO_UNSURE, "joined_up", EASY_YES_NO_UNSURE_OPTIONS),
        Question("what_matters", _("What is important to you?"), FREE_TEXT, "what_matters"),
        Question(
            "outcomes", _("Which of these are important to you?"), OUTCOME_CHOICE, "what_matters",
            options_from="outcomes", max_choices=3, help=_("Pick up to 3."),
        ),
        Question("missing", _("Is anything important to you not on this list?"), FREE_TEXT, "what_matters"),
        Question("working_change", _("What is good? What should change?"), FREE_TEXT, "joined_up"),
    ),
)

INSTRUMENTS: dict[str, Instrument] = {
    i.code: i for i in (HEALTH_CHECK, CULTURE, RELATIONSHIPS, STAFF_PULSE, SERVICE_USER, SERVICE_USER_EASY_READ)
}


def instrument(code: str) -> Instrument:
    """The instrument with this code; ValueError if there is none."""
    try:
        return INSTRUMENTS[code]
    except KeyError:
        raise ValueError(f"No survey instrument has the code {code!r}.") from None


def with_partnership(
    base: Instrument,
    organisations: Sequence[tuple[str, str]],
    outcomes: Sequence[tuple[str, str]] = (),
    own_organisation: str | None = None,
) -> Instrument:
    """The instrument ready to run for one partnership.

    ``organisations`` and ``outcomes`` are (value, label) pairs, for example
    (primary key as text, name). Culture questions about partners are
    repeated for each organisation except ``own_organisation``, with codes
    ``partner_<dimension>__<organisation value>``.
    """
    questions: list[Question] = []
    per_partner: list[Question] = []
    for question in base.questions:
        if question.options_from == "organisations":
            question = replace(question, options=tuple(Option(v, label) for v, label in organisations))
        elif question.options_from == "outcomes":
            question = replace(question, options=tuple(Option(v, label) for v, label in outcomes))
        if not question.about_each_partner:
            questions.append(question)
        elif base.grouped_by_partner:
            per_partner.append(question)
        else:
            questions.extend(_about_each(question, organisations, own_organisation))
    for value, label in organisations:
        if value != own_organisation:
            for question in per_partner:
                questions.extend(_about_each(question, [(value, label)], own_organisation))
    return replace(base, questions=tuple(questions))


def _about_each(question: Question, organisations, own_organisation) -> list[Question]:
    return [
        replace(
            question,
            code=f"{question.code}{PARTNER_SEPARATOR}{value}",
            text=format_lazy(question.text, organisation=label),
            about_each_partner=False,
            about_organisation=label,
        )
        for value, label in organisations
        if value != own_organisation
    ]


def without_own_ratings(survey: Instrument, answers: Mapping[str, object]) -> dict[str, object]:
    """The answers less any about the respondent's own organisation.

    When the link does not say which organisation the respondent represents,
    they choose it on the same page as the questions about every partner,
    their own among them. An organisation's view of itself is not a tie, so
    those answers are dropped before they are stored."""
    group = survey.group_question
    own = answers.get(group.code) if group else None
    if own is None:
        return dict(answers)
    ending = f"{PARTNER_SEPARATOR}{own}"
    return {code: value for code, value in answers.items() if not code.endswith(ending)}


@dataclass(frozen=True)
class CleanedAnswers:
    """Typed answers (int for 1-5 and counts, str, or tuple of str) and errors by question code."""

    answers: dict[str, object]
    errors: dict[str, str]


def clean_answers(survey: Instrument, raw: Mapping[str, object]) -> CleanedAnswers:
    """Check and type the answers posted for a run-ready instrument.

    ``raw`` maps question codes to a string, or a list of strings for
    multiple choices. Blank answers are left out. Errors are written the
    GOV.UK way, saying what to do.
    """
    answers: dict[str, object] = {}
    errors: dict[str, str] = {}
    for question in survey.questions:
        value = raw.get(question.code)
        given = value if isinstance(value, list | tuple) else [value]
        values = [str(v).strip() for v in given if v is not None and str(v).strip()]
        if not values:
            if question.required:
                errors[question.code] = _("Select an answer") if question.options else _("Enter an answer")
            continue
        cleaned, error = _clean_one(question, values)
        if error:
            errors[question.code] = error
        else:
            answers[question.code] = cleaned
    return CleanedAnswers(answers, errors)


def _clean_one(question: Question, values: list[str]) -> tuple[object, str]:
    allowed = {o.value for o in question.options}
    if question.kind == FREE_TEXT:
        text = values[0]
        if len(text) > FREE_TEXT_MAX_LENGTH:
            return None, format_lazy(_("Answer must be {n} characters or fewer"), n=FREE_TEXT_MAX_LENGTH)
        return text, ""
    if question.kind == COUNT:
        if not values[0].isdigit() or int(values[0]) > 999:
            return None, _("Enter a whole number, like 3")
        return int(values[0]), ""
    if question.kind in (MULTI_CHOICE, OUTCOME_CHOICE):
        if not set(values) <= allowed:
            return None, _("Select from the list")
        if question.max_choices and len(set(values)) > question.max_choices:
            return None, format_lazy(_("Select up to {n}"), n=question.max_choices)
        return tuple(o.value for o in question.options if o.value in values), ""
    if len(values) != 1 or values[0] not in allowed:
        return None, _("Select one answer from the list")
    if question.kind in SCORED_KINDS and values[0] != DONT_KNOW:
        return int(values[0]), ""
    return values[0], ""


def consented_obstacle(answers: Mapping[str, object]) -> str | None:
    """The staff pulse obstacle text, redacted, if its writer agreed to pass it on."""
    text = answers.get("obstacle")
    if answers.get("obstacle_consent") != "yes" or not isinstance(text, str) or not text.strip():
        return None
    return redact(text.strip())
