"""Entity types, link kinds, identifier kinds and resolution decisions: the vocabulary
every stage shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache


@dataclass(frozen=True, slots=True)
class EntityType:
    """A kind of thing a case can mention, and how a map draws it."""

    name: str
    label: str
    shape: str = "dot"  # vis-network shape on maps
    identifier: bool = False  # resolved by exact normalised ``identifier`` value
    matchable: bool = True  # takes part in resolution at all
    #: The mention field that holds an identifier type's value (``plate`` for a
    #: vehicle); None for the types resolved by name.
    key: str | None = None


@dataclass(frozen=True, slots=True)
class LinkKind:
    """A relationship between two entity types, and how a map draws it."""

    name: str
    label: str
    source: str
    target: str
    directed: bool = True


def _types(items: Iterable[EntityType]) -> Mapping[str, EntityType]:
    return {t.name: t for t in items}


def _kinds(items: Iterable[LinkKind]) -> Mapping[str, LinkKind]:
    return {k.name: k for k in items}


ENTITY_TYPES: Mapping[str, EntityType] = _types(
    [
        EntityType("person", "Person", "dot"),
        EntityType("phone", "Phone", "diamond", identifier=True, key="phone"),
        EntityType("email", "Email", "diamond", identifier=True, key="email"),
        EntityType("address", "Address", "square"),
        EntityType("vehicle", "Vehicle", "triangle", identifier=True, key="plate"),
        EntityType("account", "Account", "star", identifier=True, key="account"),
        EntityType("organisation", "Organisation", "hexagon"),
        EntityType("location", "Location", "triangleDown"),
        EntityType("document", "Document", "box", identifier=True, key="document"),
        EntityType("ad", "Online ad", "ellipse", identifier=True, key="identifier"),
        EntityType("event", "Event", "database", identifier=True, key="identifier"),
        # A picture an ad (or a profile) shows, FtM's Image: keyed by its hash (an MD5,
        # SHA or perceptual hash), else by its normalised URL, so ads showing one photo
        # are linked through it.
        EntityType("image", "Image", "diamond", identifier=True, key="identifier"),
    ]
)

#: Identifier type → the mention field holding its value (phone → phone, vehicle →
#: plate, ad → identifier): what ingest fills and resolution groups by.
IDENTIFIER_FIELDS: Mapping[str, str] = {
    t.name: t.key for t in ENTITY_TYPES.values() if t.identifier and t.key is not None
}

#: An event's two sides of a border crossing, ``from`` and ``to`` (countries), each with
#: the other names a mapping may give it: a mapping's event field so named is stored as
#: ``from``/``to``, which ``linkgraph routes`` reads as a crossing's movement.
CROSSING_FIELDS: Mapping[str, tuple[str, ...]] = {
    "from": ("from_country", "origin", "origin_country", "departure_country", "country_from"),
    "to": ("to_country", "destination", "destination_country", "arrival_country", "country_to"),
}


def crossing_field(name: str) -> str | None:
    """The side (``from``/``to``) an event field's name stands for, else None.

    Examples:
        >>> crossing_field("to_country"), crossing_field("from"), crossing_field("city")
        ('to', 'from', None)
    """
    for side, names in CROSSING_FIELDS.items():
        if name == side or name in names:
            return side
    return None


#: The identifier kinds a person holds or is linked to (a phone, an e-mail, an account, a
#: document), which person resolution compares and blocks on as the person's own.
PERSON_IDENTIFIERS: tuple[str, ...] = ("phone", "email", "account", "document")


class Decision(StrEnum):
    """What resolution decided on a pair of mentions (the evidence's ``decision``), and
    the two decisions an analyst can take (the ``decisions`` table)."""

    MATCH = "match"  # scored at or above the threshold and merged
    NON_MATCH = "non_match"  # scored below the threshold
    REFUSED = "refused"  # above the threshold, but merging would join a conflicting pair
    MUST_LINK = "must_link"  # an analyst joined them
    CANNOT_LINK = "cannot_link"  # an analyst parted them


#: The decisions an analyst can take.
ANALYST_DECISIONS: tuple[Decision, ...] = (Decision.MUST_LINK, Decision.CANNOT_LINK)
#: The decisions that put the two mentions of a pair into one entity.
JOINING_DECISIONS: tuple[Decision, ...] = (Decision.MATCH, Decision.MUST_LINK)
#: The decisions resolution takes by itself (what ``linkgraph review`` offers to label).
SCORED_DECISIONS: tuple[Decision, ...] = (Decision.MATCH, Decision.NON_MATCH, Decision.REFUSED)

LINK_KINDS: Mapping[str, LinkKind] = _kinds(
    [
        LinkKind("uses_phone", "uses", "person", "phone"),
        LinkKind("uses_email", "uses", "person", "email"),
        LinkKind("lives_at", "lives at", "person", "address"),
        LinkKind("located_in", "in", "*", "location"),
        LinkKind("owns_vehicle", "owns", "person", "vehicle"),
        # A traveller in a car at a border crossing or a check: not its owner.
        LinkKind("travelled_in", "travelled in", "person", "vehicle"),
        LinkKind("holds_account", "holds", "*", "account"),
        LinkKind("holds_document", "holds", "person", "document"),
        LinkKind("called", "called", "phone", "phone"),
        LinkKind("messaged", "messaged", "phone", "phone"),
        LinkKind("paid", "paid", "account", "account"),
        LinkKind("posted_ad", "posted", "*", "ad"),
        LinkKind("ad_contact", "advertises", "ad", "*"),
        LinkKind("shows_image", "shows", "*", "image"),
        LinkKind("travelled_with", "travelled with", "person", "person", directed=False),
        LinkKind("arrested_with", "arrested with", "person", "person", directed=False),
        LinkKind("associate", "associate of", "person", "person", directed=False),
        LinkKind("alias_of", "alias of", "person", "person"),
        LinkKind("family", "family of", "person", "person", directed=False),
        LinkKind("member_of", "member of", "person", "organisation"),
        LinkKind("director_of", "director of", "person", "organisation"),
        LinkKind("owner_of", "owns", "*", "organisation"),
        LinkKind("employed_by", "works for", "person", "organisation"),
        LinkKind("reported", "reported", "person", "person"),
        LinkKind("victim_of", "victim of", "person", "person"),
        LinkKind("attended", "attended", "*", "event"),
        LinkKind("involved_in", "involved in", "*", "event"),
        LinkKind("registered_at", "registered at", "organisation", "address"),
        LinkKind("contacted", "contacted", "*", "*"),
    ]
)

#: The link kinds by which a person (or organisation) holds or uses an identifier: her
#: phone, e-mail, account, document, vehicle, home, the ads she is posted in or that
#: give her as the contact, and the images that show her. An identifier a victim is
#: tied to so reaches her (:func:`linkgraph.privacy.protected_entities`). ``contacted``
#: is not one: the number she called is the other party's.
HOLDING_KINDS: frozenset[str] = frozenset({
    "uses_phone", "uses_email", "holds_account", "holds_document", "owns_vehicle",
    "lives_at", "posted_ad", "ad_contact", "shows_image",
})  # fmt: skip


def entity_type(name: str) -> EntityType:
    """The entity type called ``name``; ``KeyError`` names the known types."""
    try:
        return ENTITY_TYPES[name]
    except KeyError:
        raise KeyError(f"unknown entity type {name!r}; known: {', '.join(ENTITY_TYPES)}") from None


def link_kind(name: str) -> LinkKind:
    """The link kind called ``name``; unknown kinds are allowed as generic directed links."""
    return LINK_KINDS.get(name) or LinkKind(name, name.replace("_", " "), "*", "*")


#: Roles a person can have in the data, each with the spellings agencies use for it. A
#: spelling is matched folded (lower-case, diacritics and script folded by
#: ``linkgraph.text.fold``: "Постраждала" -> "postrazhdala", "受害人" -> "shou hai ren"), so it
#: may be written folded or, for scripts whose folding is not obvious (Arabic, Chinese,
#: Greek), as written. Exports in German, Ukrainian, Romanian ... say "Geschädigte" or
#: "потерпілий" where an English one says "victim"; victim protection must not depend on the
#: language of the export.
ROLES: Mapping[str, tuple[str, ...]] = {
    "victim": (
        "victim", "injured party", "survivor", "geschadigte", "geschadigter", "opfer",
        "zhertva", "poterpilii", "poterpila", "poterpevshii", "poterpevshaia", "postradavshii",
        "victima", "persoana vatamata", "vittima", "persona offesa", "victime", "slachtoffer",
        "ofiara", "pokrzywdzony", "zrtva", "osteceni", "ostecena", "obet", "postradali",
        # plurals, feminine forms and the trafficking terms of NGOs and referral systems
        "victims", "survivors", "vot", "pvot", "potential vot", "presumed vot",
        "potential victim", "presumed victim", "trafficked person", "trafficked persons",
        "trafficked", "complainant", "complainants", "pokrzywdzona", "pokrzywdzeni",
        "ofiary", "betroffene", "betroffener", "geschadigten", "vittime", "victimes",
        "victimas", "slachtoffers", "zhertvi", "zhertvy", "poterpili", "poterpili osobi",
        "exploited person", "exploited persons",
        # Ukrainian, Russian, Bulgarian: постраждала/-ий/-і, пострадавшая, пострадала, потерпевшие
        "postrazhdala", "postrazhdalii", "postrazhdali", "postradavshaia", "postradavshie",
        "postradala", "postradal", "poterpevshie",
        # Portuguese, Spanish, French, Italian, Dutch: vítima, ofendida, perjudicada,
        # agraviada, partie civile, plaignante, parte lesa, benadeelde
        "vitima", "vitimas", "ofendida", "ofendido", "perjudicada", "perjudicado",
        "perjudicados", "agraviada", "agraviado", "partie civile", "plaignant", "plaignante",
        "plaignants", "parte lesa", "benadeelde", "benadeelden",
        # Turkish, Albanian, Hungarian, Czech/Slovak, Serbo-Croatian, Vietnamese
        "magdur", "magdure", "magdurlar", "viktime", "viktima", "viktimat", "aldozat",
        "aldozatok", "sertett", "poskozena", "poskozeny", "poskozeni", "obeti", "zrtve",
        "nan nhan",
        # Arabic, Chinese, Greek
        "ضحية", "الضحية", "ضحايا", "مجني عليه", "مجني عليها", "受害人", "受害者", "被害人",
        "θύμα", "θύματα",
        # the injured, aggrieved or harmed party of each code of criminal procedure:
        # Romanian parte/persoană vătămată, Polish poszkodowany, German Verletzte(r) and
        # Nebenkläger(in), Spanish lesionado, Italian danneggiato, French partie lésée,
        # Portuguese lesado, Russian/Bulgarian пострадавший/пострадал(а), Serbian оштећени,
        # Slovak poškodený, Slovenian oškodovanec, Lithuanian nukentėjęs, Latvian cietušais,
        # Estonian kannatanu, Finnish asianomistaja, Swedish målsägande, Danish/Norwegian
        # fornærmede, Turkish müşteki and suçtan zarar gören, Greek παθών, Albanian i dëmtuar
        "vatamat", "vatamata", "vatamati", "vatamate", "parte vatamata", "parte civila",
        "poszkodowany", "poszkodowana", "poszkodowani", "verletzte", "verletzter",
        "nebenklager", "nebenklagerin", "lesionado", "lesionada", "parte lesionada",
        "danneggiato", "danneggiata", "partie lesee", "lesado", "lesada", "parte lesada",
        "postradavshii", "postradal", "postradalata", "postradaliia", "oshtetsheni",
        "oshtetshena", "oshteceni", "ostecen", "poskodeny", "poskodena", "oskodovanec",
        "oskodovanka", "nukentejes", "nukentejusi", "cietusais", "cietusi", "kannatanu",
        "asianomistaja", "malsagande", "fornaermede", "musteki", "suctan zarar goren",
        "pathon", "pathousa", "zemiotheis", "παθών", "παθούσα", "ζημιωθείς", "i demtuar",
        "e demtuar", "uhri", "brottsoffer",  # not "offer": an English word (an ad's offer)
        # Indonesian/Malay, Tagalog, Vietnamese (bị hại: the harmed party), Thai, Lao
        "korban", "mangsa", "biktima", "bi hai", "nguoi bi hai", "ผู้เสียหาย", "เหยื่อ",
        "ຜູ້ເສຍຫາຍ", "ຜູ້ຖືກເຄາະຮ້າຍ",
    ),
    "suspect": (
        "suspect", "accused", "defendant", "offender", "perpetrator", "beschuldigte",
        "beschuldigter", "tatverdachtige", "tatverdachtiger", "verdachtige", "verdachtiger",
        "pidozriuvanii", "podozrevaemyi", "obviniaemyi", "sospechoso", "acusado", "indagato",
        "sospettato", "imputato", "prevenu", "verdachte", "podejrzany", "osumnjiceni",
        "osumnjicen", "banuit", "inculpat", "suspectat",
        # plurals and feminine forms
        "suspects", "defendants", "offenders", "perpetrators", "beschuldigten",
        "tatverdachtigen", "tater", "taterin", "pidozriuvana", "pidozriuvani",
        "obvinuvachenii", "obvinuvachena", "podozrevaemaia", "podozrevaemye", "obviniaemaia",
        "obviniaemye", "sospechosa", "sospechosos", "acusada", "acusados", "investigado",
        "investigada", "imputado", "imputada", "indagata", "sospettata", "imputata",
        "suspecte", "prevenue", "accuse", "accusee", "mis en cause", "verdachten",
        "podejrzana", "podejrzani", "oskarzony", "oskarzona", "suspecta", "inculpata",
        # Portuguese, Turkish, Albanian, Hungarian, Czech/Slovak, Vietnamese
        "suspeito", "suspeita", "suspeitos", "arguido", "arguida", "arguidos", "supheli",
        "sanik", "i dyshuar", "e dyshuar", "i dyshuari", "te dyshuar", "gyanusitott",
        "terhelt", "podezrely", "podezrela", "obvineny", "obvinena", "nghi pham", "bi can",
        "doi tuong",
        # Arabic, Chinese, Greek
        "متهم", "المتهم", "متهمة", "مشتبه به", "مشتبه", "嫌疑人", "犯罪嫌疑人", "被告人",
        "ύποπτος", "ύποπτη", "ύποπτοι", "κατηγορούμενος", "κατηγορούμενη",
        # Indonesian/Malay, Tagalog, Vietnamese (bị cáo: the defendant), Thai, Lao
        "tersangka", "terdakwa", "suspek", "akusado", "akusada", "pinaghihinalaan",
        "nasasakdal", "bi cao", "ผู้ต้องหา", "ผู้ต้องสงสัย", "ผู้ถูกกล่าวหา", "จำเลย",
        "ຜູ້ຕ້ອງຫາ", "ຜູ້ຖືກກ່າວຫາ",
    ),
    "witness": (
        "witness", "zeuge", "zeugin", "svidok", "svidetel", "testigo", "testimone", "temoin",
        "getuige", "swiadek", "svjedok", "martor",
        "witnesses", "zeugen", "svidki", "svidetelnitsa", "svideteli", "testigos", "testimoni",
        "temoins", "getuigen", "swiadkowie", "martori", "testemunha", "testemunhas", "tanik",
        "deshmitar", "deshmitare", "tanu", "svedek", "svedok", "svedkyne", "nhan chung",
        "شاهد", "شاهدة", "شهود", "证人", "目击者", "μάρτυρας", "μάρτυς", "μάρτυρες",
        # Indonesian/Malay, Tagalog, Vietnamese, Turkish, Thai, Lao
        "saksi", "testigo", "nguoi lam chung", "tanik", "พยาน", "ພະຍານ",
    ),
    "reporter": ("reporter", "caller", "informant", "hinweisgeber", "melder", "zaiavnik",
                 "zaiavnitsia", "zaiavitel", "zaiavitelnitsa", "signalant", "denunciante",
                 "pelapor", "nagrereklamo", "aangever", "ผู้แจ้ง", "ผู้ร้องทุกข์"),
}  # fmt: skip

#: Roles a person can have that are understood and are not victims: each maps to its English
#: name, and ingest does not warn of them. A role neither here nor in :data:`ROLES` ("V",
#: "Opferzeugin" misspelt) is kept but warned of, since a victim might hide behind it.
OTHER_ROLES: Mapping[str, tuple[str, ...]] = {
    "recruiter": ("recruiter", "recruiters", "anwerber", "verbuvalnik", "verbovshchik",
                  "reclutador", "recruteur", "reclutatore", "werver", "recrutador"),
    "trafficker": ("trafficker", "traffickers", "menschenhandler", "menschenhandlerin",
                   "traficante", "trafficante", "trafiquant", "mensenhandelaar", "exploiter",
                   "sfruttatore"),
    "smuggler": ("smuggler", "schleuser", "passeur", "contrabandista", "scafista",
                 # Greek (folded: diakinetes, lathrodiakinetes), Turkish (kaçakçı)
                 "διακινητής", "διακινήτρια", "διακινητές", "λαθροδιακινητής", "kacakci",
                 "gocmen kacakcisi"),
    "pimp": ("pimp", "zuhalter", "proxenete", "proxeneta", "souteneur", "sutener",
             "sutenior", "loverboy"),
    "madam": ("madam", "madame", "bordellbetreiber", "brothel keeper"),
    "controller": ("controller", "handler", "minder"),
    "guard": ("guard", "enforcer", "lookout"),
    "driver": ("driver", "fahrer", "chauffeur", "vodii", "voditel", "sofer"),
    "transporter": ("transporter",),
    "organiser": ("organiser", "organizer", "organisers", "organizers", "ringleader",
                  "leader", "boss",
                  # Ukrainian, Russian, Polish, Romanian, Bulgarian (folded: організатор,
                  # организатор, organizator), German, Dutch, French, Italian, Spanish,
                  # Portuguese
                  "organizator", "organizatorka", "organizatori", "organizatory",
                  "organizatoare", "organisator", "organisatorin", "organisatrice",
                  "organisateur", "organizzatore", "organizzatrice", "organizador",
                  "organizadora"),
    "coordinator": ("coordinator",),
    "broker": ("broker",),
    "facilitator": ("facilitator",),
    "financier": ("financier",),
    "money mule": ("money mule", "mule"),
    "courier": ("courier", "cash courier"),
    "accomplice": ("accomplice", "mittater", "complice"),
    "associate": ("associate", "helper"),
    "buyer": ("buyer", "sex buyer", "freier", "kaufer"),
    "client": ("client", "customer"),
    "employer": ("employer", "arbeitgeber"),
    "landlord": ("landlord",),
    "owner": ("owner",),
    "director": ("director",),
    "officer": ("officer", "police officer"),
    "investigator": ("investigator",),
    "interpreter": ("interpreter",),
    "lawyer": ("lawyer",),
    "social worker": ("social worker",),
    # who called a hotline, besides the victim herself and a witness
    "relative": ("relative", "relatives", "family member", "angehoriger", "angehorige",
                 "pariente", "rodych", "rodich", "rodstvennik", "rodstvennitsa"),
    "anonymous": ("anonymous", "anonym", "anonyme", "anonimo", "anonima", "anonimnyi"),
    # a victim promoted to keep the others in line ("bottom girl"): a victim still, see
    # IMPLIED_ROLES
    "bottom": ("bottom", "bottom girl", "bottom woman", "bottom bitch"),
}  # fmt: skip

#: Roles that make a person a victim as well: she is protected as one, and keeps her role.
IMPLIED_ROLES: Mapping[str, str] = {"bottom": "victim"}

#: Words that say who a person is rather than a role: kept beside a role in the same cell
#: ("victim, minor", "victim, adult"), never warned of there. Alone they are no role.
QUALIFIERS = frozenset({
    "adult", "minor", "child", "juvenile", "underage", "female", "male", "woman", "man",
    "girl", "boy", "foreign", "foreigner", "national", "domestic",
})  # fmt: skip


#: Words that deny the role spelt right after them (folded; a word of
#: :data:`NEGATION_FILLERS` may stand between): "not a victim", "no victim", "kein Opfer",
#: "keine Geschädigte", "no es víctima", "n'est pas une victime", "non è vittima", "não é
#: vítima", "nu este victimă", "geen slachtoffer", "nie ofiara", "не потерпіла", "не
#: жертва", "ليست ضحية", "不是受害人", "bukan korban". A denied role is not the person's:
#: "not a victim" is read "not victim", never "victim". Any other word before a role keeps
#: it, so "ex-victim", "former", "possible", "suspected", "presumed" and "potential
#: victim" are victims still (protection errs on the side of safety). Left out as they are
#: words of other languages too, where they would deny a victim's role: Greek "δεν"
#: (Danish and Swedish "den", the), Chinese "不" alone (Turkish "bu", this), Tagalog
#: "hindi" (the language), Russian "нет" (English "net").
NEGATIONS = frozenset({
    "not", "no", "non",                                     # English, Spanish, French, Italian
    "kein", "keine", "keiner", "keinen", "keines", "nicht",  # German
    "ni", "ne", "pas", "nest",                              # Spanish, French (n'est pas)
    "nao", "nem",                                           # Portuguese, Hungarian
    "nu", "nici", "geen", "niet", "nie", "neni",            # Romanian, Dutch, Polish, Czech
    "okhi", "lys", "lyst", "gyr", "fei",                    # Greek, Arabic, Chinese (非)
    "khong", "bukan", "tidak",                              # Vietnamese, Indonesian/Malay
})  # fmt: skip
#: Two-word denials (folded): Chinese 不是 ("bu shi", is not).
NEGATION_PHRASES = frozenset({("bu", "shi")})
#: Words that deny the role spelt right before them (folded): Turkish "mağdur değil".
NEGATIONS_AFTER = frozenset({"degil"})
#: Articles and copulas that may stand between a denial and the role it denies (folded).
NEGATION_FILLERS = frozenset({
    "a", "an", "the", "is", "was", "be", "been",                  # English
    "ist", "war", "ein", "eine", "einer", "einen", "der", "die",  # German
    "es", "era", "fue", "un", "una", "uno", "une", "est", "e",    # Spanish, French, Italian
    "este", "het", "een", "jest", "ie", "einai", "phai", "shi",   # ro, nl, pl, uk, el, vi, zh
})  # fmt: skip


@cache
def _role_of() -> Mapping[str, str]:
    """Each folded spelling of :data:`ROLES` (first) and :data:`OTHER_ROLES` -> its role."""
    from linkgraph.text import fold

    out: dict[str, str] = {}
    for table in (ROLES, OTHER_ROLES):
        for role, names in table.items():
            for alias in (role, *names):
                out.setdefault(fold(alias), role)
    return out


def role_spellings(role: str) -> tuple[str, ...]:
    """The folded spellings of one role of :data:`ROLES` or :data:`OTHER_ROLES` (for
    matching headers, sheet and file names)."""
    return tuple(alias for alias, name in _role_of().items() if name == role)


@cache
def _alias_places() -> tuple[Mapping[str, int], tuple[tuple[int, str], ...]]:
    """The spellings of :func:`_role_of` by their place in it: those of one word (no
    space) as a dict, the others (and an empty one) as a list to look for one by one."""
    words: dict[str, int] = {}
    phrases: list[tuple[int, str]] = []
    for place, alias in enumerate(_role_of()):
        if alias and " " not in alias:
            words[alias] = place
        else:
            phrases.append((place, alias))
    return words, tuple(phrases)


def _roles_in_phrase(key: str) -> list[str]:
    """The roles whose spellings stand as whole words in a longer phrase ("exploited
    victim", "victima reclutador"); a victim's first, so that a victim is never read as
    another role only."""
    padded = f" {key} "
    words, phrases = _alias_places()
    # a one-word spelling stands in the phrase when it is one of its words
    places = {words[w] for w in padded.split(" ") if w in words}
    places.update(place for place, alias in phrases if f" {alias} " in padded)
    found: list[str] = []
    roles = list(_role_of().values())
    for place in sorted(places):
        if roles[place] not in found:
            found.append(roles[place])
    return found


@cache
def _longest_spelling() -> int:
    """The most words a spelling of :func:`_role_of` has."""
    return max(len(alias.split(" ")) for alias in _role_of())


def _spelling_at(words: list[str], start: int, end: int | None = None) -> tuple[str, int] | None:
    """The role of the longest spelling that starts at ``words[start]`` (or, with ``end``,
    ends just before ``words[end]``), and where it ends (or starts); None when none does."""
    roles = _role_of()
    for n in range(_longest_spelling(), 0, -1):
        first, last = (start, start + n) if end is None else (end - n, end)
        if first < 0 or last > len(words) or first >= last:
            continue
        role = roles.get(" ".join(words[first:last]))
        if role:
            return role, (last if end is None else first)
    return None


def _denied_roles(key: str) -> tuple[str, list[str]]:
    """``key`` (a folded role phrase) without the roles it denies ("not a victim", "kein
    Opfer", "mağdur değil", see :data:`NEGATIONS`), and those roles.

    >>> _denied_roles("not a victim"), _denied_roles("no es victima sino testigo")
    (('', ['victim']), ('sino testigo', ['victim']))
    >>> _denied_roles("former victim"), _denied_roles("magdur degil")
    (('former victim', []), ('', ['victim']))
    """
    words = key.split(" ")
    keep = [True] * len(words)
    denied: list[str] = []
    i = 0
    while i < len(words):
        start = i + 1 if words[i] in NEGATIONS else None
        if start is None and tuple(words[i : i + 2]) in NEGATION_PHRASES:
            start = i + 2
        if start is None:
            i += 1
            continue
        found = _spelling_at(words, start)
        while found is None and start < len(words) and _filler(words[start]):
            start += 1  # "not a victim", "n'est pas une victime"
            found = _spelling_at(words, start)
        if found is None:
            i += 1
            continue
        role, end = found
        keep[i:end] = [False] * (end - i)
        denied.append(role)
        i = end
    for i, word in enumerate(words):
        if word in NEGATIONS_AFTER and keep[i]:
            found = _spelling_at(words, 0, end=i)
            if found is not None and all(keep[found[1] : i]):
                keep[found[1] : i + 1] = [False] * (i + 1 - found[1])
                denied.append(found[0])
    return " ".join(w for w, k in zip(words, keep, strict=True) if k), denied


def _filler(word: str) -> bool:
    return word in NEGATION_FILLERS or word in NEGATIONS


def canonical_role(value: str | None) -> str | None:
    """The vocabulary role for a role spelt in any language, or the value itself (in its
    script, lower-cased, spaces collapsed) when unknown.

    Several roles in one cell (``"suspect; Zeuge"``) each map; the result keeps their order.

    Examples:
        >>> canonical_role("Geschädigte"), canonical_role("ПОТЕРПІЛИЙ")
        ('victim', 'victim')
        >>> canonical_role("Beschuldigter; Zeuge")
        'suspect;witness'

        >>> canonical_role("exploited victim"), canonical_role("Opfer (Menschenhandel)")
        ('victim', 'victim')
        >>> canonical_role("recruiter"), canonical_role(None), canonical_role(" Opferzeugn ")
        ('recruiter', None, 'opferzeugn')
        >>> canonical_role("ผู้ช่วย")
        'ผู้ช่วย'

        A victim turned recruiter keeps both roles; a bottom (a victim promoted to keep the
        others in line) is a victim too; "minor" beside a role says who she is:

        >>> canonical_role("Víctima reclutador"), canonical_role("bottom")
        ('victim;recruiter', 'victim;bottom')
        >>> canonical_role("victim, minor")
        'victim;minor'

        A role word written backwards behind a right-to-left override (it shows as
        "victim"), with the override or after ingest took it out, is read as shown:

        >>> canonical_role("\u202emitciv\u202c"), canonical_role("mitciv")
        ('victim', 'victim')
    """
    from linkgraph.text import fold

    if value is None or value != value:  # None or NaN
        return None
    parts = [p for p in str(value).replace(",", ";").split(";") if p.strip()]
    out: list[str] = []
    denied: list[str] = []
    for part in parts:
        key = fold(part)
        known = _role_of().get(key)
        said: list[str] = []
        if not known:
            key, said = _denied_roles(key)
            known = _role_of().get(key) if said and key else None
        denied.extend(said)
        phrase = [] if known or (said and not key) else _roles_in_phrase(key)
        if not known and not phrase and not said:
            known = _shown_role(part, key)
        # a role not understood is kept in its own script, lower-cased ("ผู้ช่วย", "v"), not
        # as its folded key (a transliteration: "phuuchuuay"); beside a denied role, the
        # rest of its phrase ("sino testigo") says nothing more
        unknown = key if key in QUALIFIERS else " ".join(part.lower().split())
        for role in [known] if known else phrase or ([] if said else [unknown]):
            implied = IMPLIED_ROLES.get(role)
            for name in (implied, role):
                if name and name not in out:
                    out.append(name)
    # a role the cell also affirms ("victim; not a victim") stays: protection errs on the
    # side of safety
    for role in denied:
        if role not in out and f"not {role}" not in out:
            out.append(f"not {role}")
    return ";".join(out) or None


def _shown_role(part: str, key: str) -> str | None:
    """The role word ``part`` (folded: ``key``) shows when read in visual order: the
    letters after a right-to-left override reversed up to what ends it
    (``"\u202emitciv\u202c"`` shows "victim"), or, the bidi controls already taken out
    (ingest strips them: "mitciv"), the whole reversed; None when neither is a role word.
    Only a whole role word is taken so (not a phrase holding one), and only for a part
    not understood as written."""
    roles = _role_of()
    if "\u202e" in part:
        from linkgraph.redact import seen_text
        from linkgraph.text import fold

        found = roles.get(fold(seen_text(part)))
        if found:
            return found
    return roles.get(key[::-1])


def is_role_word(value: str) -> bool:
    """Whether a cell is, whole, a spelling of a role in any language ("victime", "Zeuge",
    "ضحية"); a phrase that only holds one ("Victim name") is not.

    Examples:
        >>> is_role_word("victime"), is_role_word("Victim name"), is_role_word("Name")
        (True, False, False)
    """
    from linkgraph.text import fold

    return fold(value) in _role_of()


def roles_not_understood(value: str | None) -> list[str]:
    """The parts of a role value (as :func:`canonical_role` gives it) that are neither a
    role of :data:`ROLES` nor of :data:`OTHER_ROLES`: a victim may hide behind them.

    A word of :data:`QUALIFIERS` ("minor") beside a role is understood; alone it is not.

    Examples:
        >>> roles_not_understood("victim;recruiter"), roles_not_understood("v;suspect")
        ([], ['v'])
        >>> roles_not_understood("victim;minor"), roles_not_understood("minor")
        ([], ['minor'])
        >>> roles_not_understood("not victim;witness")
        []
    """
    if not value:
        return []
    parts = [part for part in str(value).split(";") if part]
    known = [part for part in parts if _understood(part)]
    return [part for part in parts if part not in known and not (known and part in QUALIFIERS)]


def _understood(part: str) -> bool:
    """Whether one canonical role is a role of :data:`ROLES` or :data:`OTHER_ROLES`, or one
    denied ("not victim")."""
    role = part.removeprefix("not ")
    return role in ROLES or role in OTHER_ROLES
