"""Given-name variants (nicknames, diminutives, transliterations) mapped to one canonical form,
and the English nicknames that belong to several names (Bill: William or Robert).

Two sources: the table below (this project's own: Slavic, Romanian, Balkan and other
forms and transliterations, each variant in one group), and the ``nicknames`` package's
hand-curated English table (~2,700 name-nickname relations), whose nicknames often have
several full names. A variant of the table below is equal to its canonical form
(:func:`canonical_given`); a nickname of the package is related to each of its full
names and to the other nicknames of those, never two full names to each other through
a nickname they share (:func:`nickname_related`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

# Each line: the canonical (folded) form, then its variants. Folded Latin only: Cyrillic
# names arrive transliterated by text.fold_name, so "Саша" is already "sasha" here.
_GROUPS = """
alexander alex aleksandr oleksandr aleksander alexandr sasha sanya sashko olek oleksa
alexander alejandro alessandro
alexander sandro xander
alexandra aleksandra oleksandra sasha sandra alexa lesya
andrew andrey andrei andriy andrii andy drew andre andres andrzej andrea andrij andrej
anna ana anya anja annie ann anne ania hanna hannah ganna
anastasia nastya anastasiya anastasija stacy asya
catherine katherine kateryna ekaterina yekaterina katya katia kate katie kathy cathy
catherine katarzyna katerina aikaterini aikaterine ekaterini
daniel dan danny danylo daniil danila danilo
dmitry dmitri dmytro dima dmitrij
elizabeth elisabeth liz lisa liza beth betty eliza elżbieta elzbieta yelizaveta elizaveta
eugene evgeny yevgeny yevhen evgenii zhenya evgeni
george georgiy heorhiy yuri yuriy yury jurij jerzy jorge georgi
helen helena elena olena alena yelena lena lenka hélène leni jelena ielena
ivan ivanko vanya john johnny jon jack jan juan johann giovanni ioan ion jovan
james jim jimmy jamie jaime
jacob jakub jakob yakov yaakov jake
joseph joe joey jose josef józef yosef iosif pepe
katarina katharina kasia
maria mariya marija mary marie masha mariia maryna marina manya mari
michael mike mikhail mykhailo misha michal mihail miguel michel mick mickey maikl
natalia natalya nataliya natasha natalie nataly
nicholas nick nikolai mykola mikola nikolay kolya nicolas nicola niko klaus
olga olha olya
peter pete petro pyotr petr piotr pedro pierre pietro
robert rob bob bobby robbie roberto
sergey sergei serhiy serhii sergii sergiy seryozha sergio serge sergej serhij
svetlana sveta svitlana
tatiana tatyana tetiana tanya tatjana tetjana
victoria viktoria viktoriya vika vicky
vladimir volodymyr volodya vova wlodzimierz vladimír
william will bill billy liam willy wilhelm guillermo
richard rick ricky dick rich ricardo
thomas tom tommy tomas tomasz foma
margaret maggie meg peggy marge greta margarita rita
christopher chris kit cristobal kristof
jennifer jenny jen
rebecca becky becca
susan sue susie suzanne susanna
patricia pat patty tricia
robertas robbie
benjamin ben benny
samuel sam sammy
edward ed eddie ted teddy eduard
anthony tony antonio anton antoni
matthew matt matvey matvii mateusz mateo matteo
steven stephen steve stepan stefan esteban
joshua josh
lawrence larry laurence
ivan johannes hans ionel ionut iwan nelu
vladimir volodia volodja vlad
nicholas nicolae nicolai nicu claus
alexander sandu aleksandru
dmitry dumitru dmitriy mitica dimitrie dimitri dimitrios demetrios dimitar dimitrije dimitris
gennady ghenadie gennadiy hennadiy ghena
vasily vasile vasyl vasiliy vasilie vasya vasea basil
sergey sergiu serghei
michael mihai mihail
george gheorghe georghe georgiy
oleg oleh
igor ihor ighor
maxim maksym maksim max
bogdan bohdan bodya
victor viktor vitya
yulia yuliia iuliia julia yuliya iulia julija
stefan fane fanel stefanel stiopa
constantin konstantin costel costica costi kostya kostia kostas dinu
theodore teodor tudor todor tudorel fedir fyodor fedor feodor fedya
gheorghe gica gicu ghita gheorghita
george gosho goshko zhora jora
pavel pavlo pawel paul pasha pavlik pavlusha pablo paolo
anatoly anatolii anatoliy anatolie tolia tolya tolik
valeria valeriia valeriya valerie lera
anastasia anastasiia nastia nastea nastka
victor vitia vitya vitea
ivan vania vanya vanio vanyo vanea vanja
evgeny ievgen evghenii eugeniu jenea zhenia zhenya jenia
dmitry mitko mitica mita mitya dimitrije dimitar dimitr
petr petar petru pesho petya petrica
nicholas kolio kolyo kolya nikola nikolai nicolae niculae
alexander sasho sashko sander sandu aca atsa aleksandar
hristo khristo christo itso hristofor
giuseppe beppe peppe pino guiseppe
salvatore salvator toto turi
domenico domenic mimmo
gabriele gabriel lele
antonio antonino tonino tony toni
francesco cesco ciccio
loredana lori
abraham bram abe avram
sebastian sebastiaan bas seb sebastiano
johannes jan hans joop hannes
cornelis kees
cornel corneliu nelu
jacobus koos jaap
ifeoma ify
chukwuemeka emeka
oluwaseun seun oluseun
oluwafemi femi
olufunmilayo funmi funmilayo
oluwatoyin toyin
bukola bukky buky oluwabukola
nkechi kechi
chinonso nonso
folasade sade
uchenna uche
chidinma dinma
temitope tope
oluwatosin tosin
abimbola bimbo
babatunde tunde
adebayo bayo
folakemi folake kemi
chinedu chinedum nedu
chiamaka amaka
vera vira wiera
stanislav stanislaw stanislas stas stasik
david dave davey davide davit
srdjan srdan srle
gordana goca gotsa
dusan dushan
filip fica filipe philippe philip phil
andreea deea
simeon simion
jordan iordan yordan dancho
jordanka iordanka yordanka danche
atanas nasko
asen acho
tsvetana tsetsa
maria mariuca mariuta marioara maricica mariuka mashenka marusia marusya marichka marysia
elena elenuta lenuta lenochka lenusya alyona olenka olenochka
anna anuta anuca anica anechka anyuta annushka anusia hania
olga olechka olyushka olka
natalia natashka natalka natasa natasha
svetlana svetochka svetik svitlanka
tatiana tanechka tanyusha tania tanya
catherine katyusha katenka katrusia
irina iryna irynka irochka irinka
yulia yulechka yulka iulica
daria dasha dashenka daryna darya
anastasia nastenka nastusia nastusya
victoria vikusya vikulia vikusia
ludmila lyudmila liudmila lyuda liuda lyudochka
galina halyna galya halia galochka
oksana oksanka ksiusha ksyusha
agnieszka agusia agnisia
joanna joasia
ioana ioanica ionela
alexander shura shurik sanek sashka sashenka shurka
alexandra shura shurochka sashka sashenka sanya
alexey aleksei alexei aleksey oleksii oleksiy aleksej alyosha aliosha lyosha liosha losha lesha
dmitry dmitrii dmytrii dmitro dimka mitia
vladimir volodimir vladimyr volodia vovka
michael mikhailo mishka
evgenia evgeniia ievgeniia yevheniia yevgenia evgeniya eugenia zhenya zhenia jenia
natalia nataliia natalka
nicholas kolia mykolka
olga olia
sergey seriozha serezha
irina ira irka
nadezhda nadiia nadiya nadia nadya nadezda
lyubov liubov liuba lyuba
grigory grigorii hryhorii hryhoriy grigoriy grisha gregory
vyacheslav viacheslav slava slavik
yaroslav iaroslav slava yarik
stanislav slava
maxim maks
valentin valia valya
valentina valia valya
vitaly vitalii vitaliy vitalik
leonid lionia lyonya lenya
roman roma romka
artem artiom artyom tioma tyoma
theodore fiodor fedia fedya
vasily vasilii vasil vasia
kseniia ksenia kseniya ksiusha ksyusha
ilya ilia illia ilyusha iliusha
kirill kiril kyrylo kiriusha
francesco francisco francis francois franz paco pancho chico kiko curro
francisca paca paquita panchita
anthony tono tonho
jesus chucho chuy chus
dolores lola lolita
rosario charo chayo
josefa pepa pepita
joseph ze chepe
ignacio nacho ignatius ignacy
guadalupe lupe lupita
manuel manolo manolito manu
concepcion concha conchita
william memo
henry enrique enrico heinrich henri henrik quique kike
albert alberto adalberto beto
robert beto
rafael rafa raphael rafal
joaquim joaquin joachim quim chimo
mercedes merche
isabel isabella isabelle chabela chavela
""".strip()


def _build(text: str) -> Mapping[str, str]:
    table: dict[str, str] = {}
    for line in text.splitlines():
        names = line.split()
        # A line may extend a group: its first name's canonical form is the group's.
        canon = table.get(names[0], names[0])
        for name in names:
            # A variant listed in two groups (sasha) keeps its first group.
            table.setdefault(name, canon)
    return table


NICKNAMES: Mapping[str, str] = _build(_GROUPS)


def _several(text: str) -> Mapping[str, frozenset[str]]:
    """The variants listed in groups of several canonical forms, each with those forms:
    "sasha" (Alexander and Alexandra), "zhenya" (Evgeny and Evgenia)."""
    groups: dict[str, set[str]] = {}
    for line in text.splitlines():
        names = line.split()
        canon = NICKNAMES.get(names[0], names[0])
        for name in names:
            groups.setdefault(name, set()).add(canon)
    return {name: frozenset(g) for name, g in groups.items() if len(g) > 1}


#: Diminutives of several names (Sasha: Alexander or Alexandra), with their canonical forms.
SEVERAL: Mapping[str, frozenset[str]] = _several(_GROUPS)


@lru_cache(maxsize=1)
def _english_links() -> tuple[Mapping[str, frozenset[str]], Mapping[str, frozenset[str]]]:
    """The ``nicknames`` package's relations: per name, the names it is directly related
    to (either way: the package lists some pairs both ways, "bill" has the nickname
    "robert"), and per name, the names it is listed as a nickname of."""
    from nicknames import NickNamer

    near: dict[str, set[str]] = {}
    fulls: dict[str, set[str]] = {}
    for full, nicks in NickNamer.default_lookup().items():
        for nick in nicks:
            near.setdefault(full, set()).add(nick)
            near.setdefault(nick, set()).add(full)
            fulls.setdefault(nick, set()).add(full)
    return (
        {name: frozenset(g) for name, g in near.items()},
        {name: frozenset(g) for name, g in fulls.items()},
    )


def has_english_nicknames(name: str) -> bool:
    """Whether the folded given name may be a nickname of several names: the ``nicknames``
    package knows it, or the table above lists it in several groups (Sasha, Zhenya)."""
    return name in _english_links()[0] or name in SEVERAL


def nickname_related(a: str, b: str) -> bool:
    """Whether two folded given names are one name: the same canonical form (variants
    or diminutives of one group of the table above), or one a diminutive of the other
    (the table's names of several groups, the ``nicknames`` package's direct relations,
    either name or its canonical form), or two diminutives of one full name the package
    lists, a name longer than both (Bob and Rob: Robert).

    Never two full names because they share a diminutive: William and Robert both have
    a "Bill", Katherine and Christopher a "Kit", and are different names. (A name the
    package lists as a "full name" of a shorter one, "bill" of "robert", is no full
    name of it: a full name is longer than its diminutives.)

    Examples:
        >>> nickname_related("ronnie", "ronald"), nickname_related("bill", "robert")
        (True, True)
        >>> nickname_related("ronald", "robert"), nickname_related("sasha", "oleksandr")
        (False, True)
        >>> nickname_related("sasha", "oleksandra"), nickname_related("oleksandr", "oleksandra")
        (True, False)
        >>> nickname_related("william", "robert"), nickname_related("kate", "christopher")
        (False, False)
    """
    ca, cb = canonical_given(a), canonical_given(b)
    if ca == cb:
        return True
    several_a, several_b = SEVERAL.get(a, frozenset()), SEVERAL.get(b, frozenset())
    if cb in several_a or ca in several_b or not several_a.isdisjoint(several_b):
        return True
    near, fulls = _english_links()
    if any(y in near.get(x, ()) for x in {a, ca} for y in {b, cb}):
        return True
    longer = max(len(a), len(b))
    shared = fulls.get(a, frozenset()) & fulls.get(b, frozenset())
    return any(len(full) > longer for full in shared)


def canonical_given(name: str) -> str:
    """The canonical form of a folded given name; the name itself when not in the table.

    Examples:
        >>> canonical_given("sasha"), canonical_given("oleksandr"), canonical_given("zoe")
        ('alexander', 'alexander', 'zoe')
    """
    return NICKNAMES.get(name, name)
