"""The transliteration stress set: the same people written in Cyrillic, Greek, Arabic and
Latin spellings, in either order, with nicknames; and relatives whose surnames differ only
by their gendered form (Ivanov / Ivanova, Papadopoulos / Papadopoulou), who are not one
person.

``write_set(folder)`` writes ``people.csv`` (record_id, full_name, dob, sex, phone, city)
and ``truth.csv`` (source, row, person_id), seeded; returns the number of rows. The name
tables below were written by hand for this set (native script, then Latin spellings in
use: BGN/PCGN, ISO, German and French renderings, passport forms), independently of the
resolver's nickname table and of ``linkgraph synth``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

# Given names: "native|latin spellings ,-separated|nicknames ,-separated (native or Latin)".
_GIVEN = {
    ("ru", "m"): """
Александр|Aleksandr,Alexander,Alexandr|Саша,Sasha
Дмитрий|Dmitriy,Dmitry,Dmitrii,Dmitri|Дима,Dima
Сергей|Sergey,Sergei,Serguei|Серёжа,Seryozha
Михаил|Mikhail,Mihail,Michail|Миша,Misha
Николай|Nikolay,Nikolai,Nicolai|Коля,Kolya
Андрей|Andrey,Andrei,Andrej|Андрюша
Алексей|Aleksey,Alexey,Alexei,Aleksei|Лёша,Lyosha
Юрий|Yuriy,Yuri,Yury,Iurii|Юра,Yura
Павел|Pavel,Pawel|Паша,Pasha
Владимир|Vladimir,Wladimir|Володя,Volodya
""",
    ("ru", "f"): """
Елена|Yelena,Elena,Jelena|Лена,Lena
Ольга|Olga,Olgha|Оля,Olya
Наталья|Natalya,Natalia,Nataliya|Наташа,Natasha
Екатерина|Yekaterina,Ekaterina,Jekaterina|Катя,Katya
Татьяна|Tatyana,Tatiana,Tatjana|Таня,Tanya
Мария|Mariya,Maria,Mariia|Маша,Masha
Анна|Anna|Аня,Anya
Светлана|Svetlana,Swetlana|Света,Sveta
Ирина|Irina,Iryna|Ира,Ira
Юлия|Yuliya,Yulia,Julia,Iuliia|Юля,Yulya
""",
    ("uk", "m"): """
Олександр|Oleksandr,Olexandr,Oleksander|Сашко,Sashko
Микола|Mykola,Mikola|Коля,Kolya
Володимир|Volodymyr,Wolodymyr|Вова,Vova
Андрій|Andrii,Andriy,Andrij|Андрійко
Сергій|Serhii,Serhiy,Sergiy|Сергійко
Богдан|Bohdan,Bogdan|Бодя
Тарас|Taras|Тарасик
Остап|Ostap|Остапко
""",
    ("uk", "f"): """
Оксана|Oksana,Oxana|Ксеня
Олена|Olena,Olena|Оленка,Olenka
Галина|Halyna,Galina,Halina|Галя,Halya
Наталія|Nataliia,Natalia,Nataliya|Наталка,Natalka
Ірина|Iryna,Irina|Іра,Ira
Тетяна|Tetiana,Tetyana,Tatiana|Таня,Tania
""",
    ("el", "m"): """
Γεώργιος|Georgios,Yeoryios,Georgios|Γιώργος,Giorgos,Yiorgos
Κωνσταντίνος|Konstantinos,Constantinos,Konstandinos|Κώστας,Kostas,Costas
Δημήτριος|Dimitrios,Demetrios,Dimitrios|Δημήτρης,Dimitris,Mitsos
Ιωάννης|Ioannis,Ioannis|Γιάννης,Giannis,Yiannis
Νικόλαος|Nikolaos,Nicolaos|Νίκος,Nikos
Παναγιώτης|Panagiotis,Panayiotis|Πάνος,Panos
Χρήστος|Christos,Hristos,Khristos|Χρήστος
""",
    ("el", "f"): """
Μαρία|Maria|Μαίρη,Mairi
Ελένη|Eleni,Eleni|Λένα,Lena
Αικατερίνη|Aikaterini,Ekaterini,Aikaterine|Κατερίνα,Katerina
Σοφία|Sofia,Sophia|Σοφία
Βασιλική|Vasiliki,Vassiliki|Βάσω,Vaso,Vicky
Δέσποινα|Despoina,Despina|Δέσποινα
""",
    ("ar", "m"): """
محمد|Mohammed,Muhammad,Mohamed,Mohammad|محمد
أحمد|Ahmed,Ahmad|أحمد
حسن|Hassan,Hasan|حسن
عمر|Omar,Umar|عمر
يوسف|Youssef,Yusuf,Yousef|يوسف
خالد|Khaled,Khalid|خالد
إبراهيم|Ibrahim,Ebrahim|إبراهيم
كريم|Karim,Kareem|كريم
""",
    ("ar", "f"): """
فاطمة|Fatima,Fatma,Fatemah|فاطمة
مريم|Maryam,Mariam|مريم
زينب|Zainab,Zeinab,Zaynab|زينب
نور|Nour,Noor,Nur|نور
سلمى|Salma,Selma|سلمى
رانيا|Rania,Ranya|رانيا
""",
    ("en", "m"): """
William|William|Bill,Will,Billy
Robert|Robert|Bob,Rob,Bobby
James|James|Jim,Jimmy
Richard|Richard|Rick,Dick
Thomas|Thomas|Tom,Tommy
""",
    ("en", "f"): """
Elizabeth|Elizabeth,Elisabeth|Liz,Beth,Lisa
Margaret|Margaret|Maggie,Peggy
Katherine|Katherine,Catherine,Kathryn|Kate,Kathy
Jennifer|Jennifer|Jenny,Jen
""",
}

# Family names: "masculine native|masculine Latin ,-sep|feminine native|feminine Latin ,-sep"
# (the same form twice where the language has one form).
_FAMILY = {
    "ru": """
Иванов|Ivanov,Iwanow|Иванова|Ivanova,Iwanowa
Кузнецов|Kuznetsov,Kouznetsov,Kusnezow|Кузнецова|Kuznetsova,Kusnezowa
Смирнов|Smirnov,Smirnoff|Смирнова|Smirnova
Соколов|Sokolov,Sokolow|Соколова|Sokolova,Sokolowa
Попов|Popov,Popoff|Попова|Popova
Волков|Volkov,Wolkow|Волкова|Volkova,Wolkowa
Фёдоров|Fyodorov,Fedorov,Fiodorov|Фёдорова|Fyodorova,Fedorova
Морозов|Morozov,Morosow|Морозова|Morozova,Morosowa
Лебедев|Lebedev,Lebedew|Лебедева|Lebedeva,Lebedewa
Новиков|Novikov,Nowikow|Новикова|Novikova,Nowikowa
Жуковский|Zhukovskiy,Zhukovsky,Joukovski|Жуковская|Zhukovskaya,Zhukovskaia
""",
    "uk": """
Шевченко|Shevchenko,Schewtschenko,Chevtchenko|Шевченко|Shevchenko,Schewtschenko
Коваленко|Kovalenko,Kowalenko|Коваленко|Kovalenko,Kowalenko
Бондаренко|Bondarenko|Бондаренко|Bondarenko
Ткаченко|Tkachenko,Tkatschenko|Ткаченко|Tkachenko,Tkatschenko
Мельник|Melnyk,Melnik|Мельник|Melnyk,Melnik
Гриценко|Hrytsenko,Gritsenko,Hryzenko|Гриценко|Hrytsenko,Gritsenko
Кравчук|Kravchuk,Krawtschuk|Кравчук|Kravchuk,Krawtschuk
Бойко|Boiko,Boyko,Bojko|Бойко|Boiko,Boyko
""",
    "el": """
Παπαδόπουλος|Papadopoulos,Papadopulos|Παπαδοπούλου|Papadopoulou,Papadopulu
Παπαδάκης|Papadakis,Papadakes|Παπαδάκη|Papadaki
Οικονόμου|Oikonomou,Economou,Ikonomou|Οικονόμου|Oikonomou,Economou
Γεωργίου|Georgiou,Yeorgiou|Γεωργίου|Georgiou,Yeorgiou
Νικολαΐδης|Nikolaidis,Nicolaides|Νικολαΐδου|Nikolaidou,Nicolaidou
Καραγιάννης|Karagiannis,Karayiannis|Καραγιάννη|Karagianni,Karayianni
Βλάχος|Vlachos,Vlahos|Βλάχου|Vlachou,Vlahou
""",
    "ar": """
الحسن|Al-Hassan,Alhassan,El Hassan|الحسن|Al-Hassan,Alhassan
حداد|Haddad,Hadad|حداد|Haddad,Hadad
منصور|Mansour,Mansur|منصور|Mansour,Mansur
خليل|Khalil,Khaleel|خليل|Khalil,Khaleel
عباس|Abbas|عباس|Abbas
صالح|Saleh,Salih|صالح|Saleh,Salih
ناصر|Nasser,Nasir,Naser|ناصر|Nasser,Nasir
""",
    "en": """
Smith|Smith|Smith|Smith
Johnson|Johnson,Jonson|Johnson|Johnson
O'Brien|O'Brien,OBrien|O'Brien|O'Brien,OBrien
Walker|Walker|Walker|Walker
""",
}
_CITIES = {
    "ru": ("Москва|Moskva,Moscow", "Казань|Kazan"),
    "uk": ("Київ|Kyiv,Kiev", "Львів|Lviv,Lwow"),
    "el": ("Αθήνα|Athina,Athens", "Θεσσαλονίκη|Thessaloniki"),
    "ar": ("بيروت|Beirut,Bayrut", "عمان|Amman"),
    "en": ("London|London", "Leeds|Leeds"),
}


def _given_table(lang: str, sex: str) -> list[tuple[str, list[str], list[str]]]:
    rows = []
    for line in _GIVEN[(lang, sex)].strip().splitlines():
        native, latin, nick = line.split("|")
        rows.append((native, latin.split(","), [n for n in nick.split(",") if n]))
    return rows


def _family_table(lang: str) -> list[tuple[str, list[str], str, list[str]]]:
    rows = []
    for line in _FAMILY[lang].strip().splitlines():
        m, ml, f, fl = line.split("|")
        rows.append((m, ml.split(","), f, fl.split(",")))
    return rows


def _spell(rng: np.random.Generator, native: str, latin: list[str], in_native: bool) -> str:
    """One written form: the native script or one of the Latin spellings."""
    if in_native:
        return native
    return str(latin[rng.integers(len(latin))])


def _full(rng: np.random.Generator, given: str, family: str) -> str:
    """The two names in one cell: given first, family first, or "FAMILY, Given"."""
    r = rng.random()
    if r < 0.55:
        return f"{given} {family}"
    if r < 0.8:
        return f"{family} {given}"
    return f"{family.upper()}, {given}"


def _dob_variant(rng: np.random.Generator, dob: pd.Timestamp) -> str:
    r = rng.random()
    if r < 0.1:
        return ""
    if r < 0.17 and dob.day <= 12 and dob.day != dob.month:  # day and month swapped
        return f"{dob.year:04d}-{dob.day:02d}-{dob.month:02d}"
    if r < 0.35:
        return dob.strftime("%d.%m.%Y")
    return dob.strftime("%Y-%m-%d")


def build(n_people: int = 450, seed: int = 11) -> pd.DataFrame:
    """The records (one row each) with their ``person_id``; see the module docstring."""
    rng = np.random.default_rng(seed)
    langs = ("ru", "uk", "el", "ar", "en")
    # Every (given name, family name) pair at most once per language: namesakes would test
    # dates of birth, not spellings. Relatives share a family (in its gendered form).
    unused = {
        (lang, sex): [
            (g, f)
            for g in range(len(_given_table(lang, sex)))
            for f in range(len(_family_table(lang)))
        ]
        for lang in langs
        for sex in "mf"
    }
    for pool in unused.values():
        rng.shuffle(pool)  # type: ignore[arg-type]
    people = []
    pid = 0
    while len(people) < n_people and any(unused.values()):
        lang = langs[rng.integers(len(langs))]
        sex = "m" if rng.random() < 0.5 else "f"
        if not unused[(lang, sex)]:
            continue
        gi, fi = unused[(lang, sex)].pop()
        fam = _family_table(lang)[fi]
        city = _CITIES[lang][rng.integers(2)]
        members = [(sex, gi)]
        # A relative in one household in two of five: the other sex's form of the family.
        other = "f" if sex == "m" else "m"
        mate = [k for k, (g, f) in enumerate(unused[(lang, other)]) if f == fi]
        if mate and rng.random() < 0.4:
            g2, _ = unused[(lang, other)].pop(mate[0])
            members.append((other, g2))
        for member_sex, g in members:
            given = _given_table(lang, member_sex)[g]
            dob = pd.Timestamp("1950-01-01") + pd.Timedelta(days=int(rng.integers(0, 20000)))
            people.append(
                (f"T{pid:05d}", lang, member_sex, given, fam, city, dob, rng.random() < 0.4)
            )
            pid += 1
    rows = []
    for person_id, lang, sex, given, fam, city, dob, has_phone in people:
        phone = f"+{rng.integers(30, 99)} {rng.integers(10**8, 10**9)}"
        records = int(rng.choice([1, 2, 2, 3, 4]))
        for _ in range(records):
            # A record is written in one script: the native one (not for English) or Latin.
            native = lang != "en" and rng.random() < 0.4
            g_native, g_latin, nicks = given
            if nicks and rng.random() < 0.2:
                g = str(nicks[rng.integers(len(nicks))])
            else:
                g = _spell(rng, g_native, g_latin, native)
            f_native, f_latin = (fam[0], fam[1]) if sex == "m" else (fam[2], fam[3])
            f = _spell(rng, f_native, f_latin, native)
            c_native, c_latin = city.split("|")
            rows.append(
                {
                    "full_name": _full(rng, g, f),
                    "dob": _dob_variant(rng, dob),
                    "sex": sex.upper() if rng.random() < 0.5 else "",
                    "phone": phone if has_phone and rng.random() < 0.7 else "",
                    "city": _spell(rng, c_native, c_latin.split(","), native),
                    "person_id": person_id,
                }
            )
    frame = pd.DataFrame(rows)
    frame = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    frame.insert(0, "record_id", [f"r{i + 1:05d}" for i in range(len(frame))])
    return frame


def write_set(folder: Path, n_people: int = 450, seed: int = 11) -> int:
    """Write ``people.csv`` and ``truth.csv`` into ``folder``; the number of rows."""
    frame = build(n_people, seed)
    frame.drop(columns=["person_id"]).to_csv(folder / "people.csv", index=False)
    truth = pd.DataFrame(
        {
            "source": "people.csv",
            "row": np.arange(1, len(frame) + 1),
            "person_id": frame["person_id"],
        }
    )
    truth.to_csv(folder / "truth.csv", index=False)
    return len(frame)
