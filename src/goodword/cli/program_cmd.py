"""``goodword program …``: a business's referral program — rules, advocates and their links.

The pipeline commands (leads, conversions, rewards, review) are in ``program_flow_cmd``.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from goodword.cli import deps, program_flow_cmd, program_reward_cmd, program_stats_cmd
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json
from goodword.cli.render import day, done, emit, fields
from goodword.domain.limits import MAX_ID
from goodword.programs.use_cases import advocates as program_advocates
from goodword.programs.use_cases import portal as advocate_portal
from goodword.programs.use_cases import programs
from goodword.schemas.programs import AdvocateCreate, ProgramCreate, ProgramPublic, ProgramUpdate

app = typer.Typer(
    help="Referral programs: rules and rewards, advocates with links, conversions, payouts.",
    no_args_is_help=True,
)
ProgramArg = Annotated[
    str, typer.Argument(help="Program name or id (see `goodword program list`).")
]
Opt = typer.Option


def show_program(p: ProgramPublic, base: str = "") -> None:
    fields(
        [
            ("program", f"#{p.id} — {p.name} ({p.kind}, {p.status})"),
            ("guidelines", p.description or None),
            ("rewards", p.rewards_in_words),
            ("who may refer", p.eligibility),
            ("attribution window", f"{p.window_days} days"),
            ("hold before approval", f"{p.hold_days} days"),
            ("bonus after tenure", f"{p.tenure_days} days" if p.kind == "hiring" else None),
            ("cap per advocate", p.cap_per_advocate),
            (
                "unreviewed flags",
                "approve when the hold ends" if p.auto_approve_flagged else "wait for a reviewer",
            ),
            ("burst threshold", f"{p.burst_per_hour} leads per hour"),
            ("advocates · leads · conversions", f"{p.advocates} · {p.leads} · {p.conversions}"),
            ("waiting for review", p.waiting_for_review),
            ("sign-up page", p.join_path and f"{base}{p.join_path}"),
        ]
    )


@app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The program's name.")],
    kind: Annotated[
        str, Opt(help="customer, or hiring (candidates and a tenure bonus).")
    ] = "customer",
    description: Annotated[str, Opt(help="The public guidelines shown on the landing page.")] = "",
    window_days: Annotated[int, Opt(min=1, max=3650, help="Attribution window in days.")] = 30,
    eligibility: Annotated[str, Opt(help="anyone, network or tag:NAME.")] = "anyone",
    advocate_reward: Annotated[
        str | None, Opt(help="e.g. cash:50:USD, account-credit:20:EUR, custom:WORDS.")
    ] = None,
    friend_reward: Annotated[
        str | None, Opt(help="The referred friend's reward, e.g. discount-code:10:%.")
    ] = None,
    milestones: Annotated[
        str | None, Opt(help="Bonuses: COUNT=REWARD,… e.g. 3=cash:25:USD,10=gift-card:100:USD.")
    ] = None,
    hold_days: Annotated[
        int, Opt(min=0, max=3650, help="Refund window before a reward can be approved.")
    ] = 30,
    cap: Annotated[int | None, Opt(min=1, help="Most rewards one advocate can earn.")] = None,
    auto_approve_flagged: Annotated[
        bool,
        Opt(
            "--auto-approve-flagged",
            help="Approve flagged rewards nobody reviewed when the hold ends.",
        ),
    ] = False,
    tenure_days: Annotated[
        int | None,
        Opt(min=0, max=3650, help="Hiring: days a hire must stay before the bonus (default 90)."),
    ] = None,
    burst_per_hour: Annotated[
        int, Opt(min=1, help="Leads per hour from one advocate before review.")
    ] = 10,
    self_signup: Annotated[
        bool, Opt("--self-signup", help="People may sign themselves up on the public page.")
    ] = False,
    leaderboard: Annotated[
        bool, Opt("--leaderboard", help="Show advocates who opt in (first name and initial).")
    ] = False,
    as_json: Json = False,
) -> None:
    """Create a program with clear guidelines and rewards (seed 004).

    Example: goodword program create "Friends of Acme" --advocate-reward cash:50:USD
    --friend-reward discount-code:10:% --milestones 3=cash:25:USD
    """
    if kind not in ("customer", "hiring"):
        raise typer.BadParameter("use customer or hiring", param_hint="--kind")
    data = ProgramCreate(
        name=name,
        kind=kind,
        description=description,
        window_days=window_days,
        eligibility=eligibility,
        advocate_reward=advocate_reward,
        friend_reward=friend_reward,
        milestones=milestones,
        hold_days=hold_days,
        cap_per_advocate=cap,
        auto_approve_flagged=auto_approve_flagged,
        tenure_days=tenure_days,
        burst_per_hour=burst_per_hour,
        self_signup=self_signup,
        leaderboard=leaderboard,
    )
    emit(
        as_json,
        programs.create_program(deps.uow(ctx), data, deps.clock()),
        lambda p: done(f"program #{p.id} '{p.name}' created — {p.rewards_in_words}"),
    )


@app.command("edit")
def edit(
    ctx: typer.Context,
    program: ProgramArg,
    name: Annotated[str | None, Opt(help="A new name.")] = None,
    description: Annotated[str | None, Opt(help="New guidelines.")] = None,
    status: Annotated[str | None, Opt(help="active or paused.")] = None,
    window_days: Annotated[int | None, Opt(min=1, max=3650)] = None,
    eligibility: Annotated[str | None, Opt()] = None,
    advocate_reward: Annotated[str | None, Opt(help="A new reward; none removes it.")] = None,
    friend_reward: Annotated[str | None, Opt(help="A new reward; none removes it.")] = None,
    milestones: Annotated[str | None, Opt(help="New bonuses; none removes them.")] = None,
    hold_days: Annotated[int | None, Opt(min=0, max=3650)] = None,
    cap: Annotated[int | None, Opt(min=0, help="0 removes the cap.")] = None,
    auto_approve_flagged: Annotated[
        bool | None, Opt("--auto-approve-flagged/--review-flagged")
    ] = None,
    tenure_days: Annotated[int | None, Opt(min=0, max=3650)] = None,
    burst_per_hour: Annotated[int | None, Opt(min=1)] = None,
    self_signup: Annotated[bool | None, Opt("--self-signup/--no-self-signup")] = None,
    leaderboard: Annotated[bool | None, Opt("--leaderboard/--no-leaderboard")] = None,
    as_json: Json = False,
) -> None:
    """Change a program's rules; rewards already created keep the rules they were made under.

    Example: goodword program edit "Friends of Acme" --hold-days 14 --status paused
    """
    given = {
        "name": name,
        "description": description,
        "status": status,
        "window_days": window_days,
        "eligibility": eligibility,
        "advocate_reward": advocate_reward,
        "friend_reward": friend_reward,
        "milestones": milestones,
        "hold_days": hold_days,
        "cap_per_advocate": cap,
        "auto_approve_flagged": auto_approve_flagged,
        "tenure_days": tenure_days,
        "burst_per_hour": burst_per_hour,
        "self_signup": self_signup,
        "leaderboard": leaderboard,
    }
    changes = {key: value for key, value in given.items() if value is not None}
    if not changes:
        raise typer.BadParameter("say what to change, e.g. --hold-days 14")
    if status is not None and status not in ("active", "paused"):
        raise typer.BadParameter("use active or paused", param_hint="--status")
    uow = deps.uow(ctx)
    program_id = programs.resolve_program(uow, program)
    emit(
        as_json,
        programs.edit_program(uow, program_id, ProgramUpdate(**changes)),
        lambda p: done(f"program #{p.id} '{p.name}' updated — {p.rewards_in_words}"),
    )


@app.command("show")
def show(ctx: typer.Context, program: ProgramArg, as_json: Json = False) -> None:
    """Show a program's rules and counts.

    Example: goodword program show "Friends of Acme"
    """
    uow = deps.uow(ctx)
    base = programs.links_base(uow)
    emit(
        as_json,
        programs.show_program(uow, programs.resolve_program(uow, program)),
        lambda p: show_program(p, base),
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List your programs.

    Example: goodword program list --json
    """
    found = programs.list_programs(deps.uow(ctx))
    emit_page(PROGRAMS, found, paging(limit, every, as_json, as_jsonl))


PROGRAMS: Columns[Any] = Columns(
    "Programs",
    ["#", "name", "kind", "status", "rewards", "advocates", "conversions", "to review"],
    lambda p: (
        p.id,
        p.name,
        p.kind,
        p.status,
        p.rewards_in_words,
        p.advocates,
        p.conversions,
        p.waiting_for_review,
    ),
    "none yet — goodword program create NAME",
)


@app.command("enrol")
def enrol(
    ctx: typer.Context,
    program: ProgramArg,
    person: Annotated[str | None, Opt(help="Someone in your network: name, email or #id.")] = None,
    name: Annotated[str | None, Opt(help="Name, for an advocate outside your network.")] = None,
    email: Annotated[str | None, Opt(help="Their email (default: the person's first).")] = None,
    customer_id: Annotated[
        str | None, Opt(help="Their id in your own system (for self-referral checks).")
    ] = None,
    as_json: Json = False,
) -> None:
    """Enrol an advocate: they get a unique code and a /r/CODE link.

    Example: goodword program enrol "Friends of Acme" --person "Ana Lee"
    """
    uow = deps.uow(ctx)
    data = AdvocateCreate(person=person, name=name, email=email, customer_id=customer_id)
    emit(
        as_json,
        program_advocates.enrol_advocate(
            uow, programs.resolve_program(uow, program), data, deps.clock()
        ),
        lambda a: done(f"{a.name} enrolled — code {a.code}, link {a.link}"),
    )


@app.command("advocates")
def advocates(
    ctx: typer.Context,
    program: ProgramArg,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List a program's advocates with their codes, links and counts, a page at a time.

    Example: goodword program advocates "Friends of Acme"
    """
    p = paging(limit, every, as_json, as_jsonl)
    uow = deps.uow(ctx)
    found = program_advocates.list_advocates(uow, programs.resolve_program(uow, program))
    emit_page(ADVOCATES, found, p)


ADVOCATES: Columns[Any] = Columns(
    "Advocates",
    ["#", "name", "code", "link", "visits", "leads", "conversions", "since"],
    lambda a: (a.id, a.name, a.code, a.link, a.visits, a.leads, a.conversions, day(a.enrolled_at)),
    "none yet — goodword program enrol PROGRAM --person NAME",
)


@app.command("portal-link")
def portal_link(
    ctx: typer.Context,
    advocate: Annotated[
        int, typer.Argument(min=1, max=MAX_ID, help="The advocate's id (see `program advocates`).")
    ],
    as_json: Json = False,
) -> None:
    """Make a new private page link for an advocate (the old one stops working).

    Example: goodword program portal-link 3
    """
    link = advocate_portal.rotate_portal_link(deps.uow(ctx), advocate)
    emit(as_json, {"portal_link": link}, lambda _: done(f"send this to them (private): {link}"))


for _name, _command in {**program_flow_cmd.COMMANDS, **program_reward_cmd.COMMANDS}.items():
    app.command(_name)(_command)
app.command("stats")(program_stats_cmd.stats)
app.command("story")(program_stats_cmd.story)
app.command("stories")(program_stats_cmd.stories)
app.command("leaderboard")(program_stats_cmd.leaderboard)
